"""Web UI of referral cases: thin views that parse, call a selector or a service, and render."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from medcorridor.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from medcorridor.core.models import IcdCode
from medcorridor.core.views import form_error

from . import charts, coding, selectors, services, timeline, workflow
from .comparison import compare
from .enums import CaseStatus, Priority, RequestStatus
from .files import attachment_response
from .forms import ACTION_FORMS, IntakeForm
from .permissions import can_create_case, case_roles

ACTION_LABELS = {
    "edit_intake": gettext_lazy("Edit intake"),
    "add_document": gettext_lazy("Add a document"),
    "request_opinions": gettext_lazy("Request opinions"),
    "answer_opinion": gettext_lazy("Answer"),
    "decline_opinion": gettext_lazy("Decline"),
    "select_offer": gettext_lazy("Select an answer"),
    "approve_funding": gettext_lazy("Approve funding"),
    "refuse_funding": gettext_lazy("Refuse funding"),
    "appeal_funding": gettext_lazy("Appeal"),
    "plan_travel": gettext_lazy("Travel plan"),
    "issue_invitation": gettext_lazy("Issue the visa invitation letter"),
    "admit": gettext_lazy("Admit"),
    "treatment_update": gettext_lazy("Treatment update"),
    "discharge": gettext_lazy("Discharge"),
    "add_task": gettext_lazy("Add a follow-up task"),
    "complete_task": gettext_lazy("Complete a task"),
    "close": gettext_lazy("Close the case"),
    "hold": gettext_lazy("Put on hold"),
    "resume": gettext_lazy("Resume"),
    "cancel": gettext_lazy("Cancel the case"),
    "open": gettext_lazy("Case opened"),
    "request_received": gettext_lazy("Opinion requested"),
    "offer_selected": gettext_lazy("Offer selected"),
    "funding_confirmed": gettext_lazy("Funding confirmed"),
    "record_deadline": gettext_lazy("Deadline reminder"),
}
CASE_PAGE_ACTIONS = [a for a in ACTION_FORMS if a not in ("answer_opinion", "decline_opinion")]
# What a row of the case list shows (cases/_case_rows.html): fifty rows of three models each, and loading
# and converting every other column of them was a tenth of the list's time.
LIST_COLUMNS = (
    "public_id",
    "reference",
    "status",
    "priority",
    "next_deadline",
    "patient__family_name",
    "patient__given_name",
    "patient__family_name_latin",
    "patient__given_name_latin",
    "condition_code__title_ru",
    "condition_code__title_en",
)


class Page:
    """Keyset-free but count-free paging: one row more than the page tells whether a next page exists,
    so a list over a million cases never runs COUNT(*)."""

    SIZE = 50

    def __init__(self, rows, number: int):
        self.number = number
        self.has_next = len(rows) > self.SIZE
        self.object_list = rows[: self.SIZE]
        self.has_previous = number > 1
        self.next_page_number, self.previous_page_number = number + 1, number - 1

    @classmethod
    def of(cls, queryset, raw_number) -> "Page":
        try:
            number = max(1, int(raw_number or 1))
        except ValueError:
            number = 1
        start = (number - 1) * cls.SIZE
        return cls(list(queryset[start : start + cls.SIZE + 1]), number)


def _domain_error_page(request, error: DomainError, status: int | None = None):
    return render(request, "cases/error.html", {"error": error}, status=status or error.status_code)


@login_required
def case_list(request):
    filters = {
        "status": request.GET.get("status", ""),
        "overdue": request.GET.get("overdue") == "1",
        "q": request.GET.get("q", ""),
        "priority": request.GET.get("priority", ""),
    }
    page = Page.of(selectors.case_list(request.user, **filters).only(*LIST_COLUMNS), request.GET.get("page"))
    selectors.log_list(request.user, page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "statuses": CaseStatus.choices,
        "priorities": Priority.choices,
        "can_create": can_create_case(request.user),
        "today": timezone.localdate(),
    }
    template = "cases/_case_rows.html" if request.htmx else "cases/list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    if not can_create_case(request.user):
        return _domain_error_page(request, PermissionDenied(_("Only a national coordinator can open a case.")))
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_case(actor=request.user, **form.service_kwargs())
        except DomainError as error:
            form_error(form, error)
        else:
            return redirect("cases:detail", case.public_id)
    return render(request, "cases/new.html", {"form": form})


@login_required
def icd_search(request):
    """ICD-10 look-up by code or by words of the Russian or English title (for the intake form)."""
    from django.db.models import Q

    query = request.GET.get("condition_code") or request.GET.get("q", "")
    query = query.strip()
    codes = IcdCode.objects.none()
    if len(query) >= 2:
        words = query.split()
        condition = Q(code__istartswith=query.upper())
        title = Q()
        for word in words:
            title &= Q(title_ru__icontains=word) | Q(title_en__icontains=word)
        codes = IcdCode.objects.filter(condition | title, kind__in=["category", "subcategory"]).order_by("code")[:20]
    return render(request, "cases/_icd_options.html", {"codes": codes})


@login_required
@require_http_methods(["GET", "POST"])
def icd_suggest(request):
    """Live ICD-10 suggestions under the intake form's clinical summary (an HTMX partial)."""
    text = (request.POST if request.method == "POST" else request.GET).get("condition_note", "")
    context = {"suggestions": [], "message": ""}
    if text.strip():
        try:
            context["suggestions"] = coding.suggest_codes(text, field="condition_note")
        except ValidationFailed as error:
            context["message"] = error.message
    return render(request, "cases/_icd_suggestions.html", context)


def _case_context(request, case) -> dict:
    user = request.user
    sections = selectors.page_sections(user, case)
    requests = sections["requests"]
    roles = case_roles(user, case, requests=requests)
    actions = [a for a in workflow.available(case.status, roles) if a in CASE_PAGE_ACTIONS]
    own_requests = [
        r
        for r in requests
        if workflow.Role.CONSULTED_CLINIC in roles
        and r.status == RequestStatus.REQUESTED
        and r.performer_organisation_id in selectors.scope_of(user).organisation_ids
    ]
    events = list(selectors.timeline(user, case))
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)
        event.text = timeline.text_of(event)
    return {
        **sections,
        "case": case,
        "patient": case.patient,
        "roles": roles,
        "actions": [(a, ACTION_LABELS[a]) for a in actions],
        "own_requests": own_requests,
        "events": events,
        "is_coordinator": workflow.Role.COORDINATOR in roles,
        "journey": _journey_steps(case),
        "today": timezone.localdate(),
    }


def _journey_steps(case) -> list[tuple[str, str]]:
    """(label, "done" | "current" | "") for each step of the journey, for the progress bar."""
    position = workflow.journey_step(case.status, case.held_from)
    steps = []
    for index, state in enumerate(workflow.JOURNEY):
        progress = "" if position is None or index > position else "done" if index < position else "current"
        steps.append((CaseStatus(state).label, progress))
    return steps


@login_required
def case_detail(request, public_id):
    try:
        case = selectors.get_case_for_page(request.user, public_id)
    except NotFound as error:
        return _domain_error_page(request, error)
    return render(request, "cases/detail.html", _case_context(request, case))


def _form_for(action: str, case, user, data=None, files=None):
    form_class = ACTION_FORMS[action]
    kwargs = {}
    if action == "request_opinions":
        from .matching import suggestions_for

        kwargs["facilities"] = [facility for facility, _s in suggestions_for(case, limit=20)] or _directory_facilities(
            case
        )
        kwargs["documents"] = selectors.documents(user, case)
    elif action == "select_offer":
        kwargs["answers"] = [r for r in selectors.opinion_requests(user, case) if r.status == RequestStatus.ANSWERED]
    elif action == "complete_task":
        kwargs["tasks"] = [t for t in selectors.tasks(user, case) if not t.completed_on]
    return form_class(data, files, initial={"version": case.version}, **kwargs)


def _directory_facilities(case):
    from medcorridor.providers.models import Facility

    return list(Facility.objects.active().exclude(country_id=case.patient.citizenship_id).order_by("name_en")[:50])


def _run(action: str, user, case, form, request_obj=None):
    kwargs = form.service_kwargs()
    if action == "add_document":
        return services.add_document(actor=user, case=case, **kwargs)
    if action == "complete_task":
        return services.complete_task(actor=user, case=case, **kwargs)
    if action in ("answer_opinion", "decline_opinion"):
        service = services.answer_opinion if action == "answer_opinion" else services.decline_opinion
        return service(actor=user, case=case, request=request_obj, **kwargs)
    return services.CASE_ACTIONS[action](actor=user, case=case, **kwargs)


def _after_action(request, case):
    url = reverse("cases:detail", args=[case.public_id])
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def case_action(request, public_id, action):
    if action not in CASE_PAGE_ACTIONS:
        raise Http404
    try:
        case = selectors.get_case(request.user, public_id, purpose=action)
    except NotFound as error:
        return _domain_error_page(request, error)
    posted = request.method == "POST"
    form = _form_for(action, case, request.user, request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            _run(action, request.user, case, form)
        except DomainError as error:
            form_error(form, error)
            status = error.status_code
        else:
            return _after_action(request, case)
    context = {
        "form": form,
        "case": case,
        "action": action,
        "label": ACTION_LABELS[action],
        "post_url": reverse("cases:act", args=[case.public_id, action]),
    }
    template = "cases/_action_form.html" if request.htmx else "cases/action.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def request_action(request, public_id, action):
    """The clinic answers or declines one opinion request."""
    if action not in ("answer_opinion", "decline_opinion"):
        raise Http404
    try:
        opinion = selectors.get_request(request.user, public_id)
        case = selectors.get_case(request.user, opinion.case.public_id, purpose=action)
    except NotFound as error:
        return _domain_error_page(request, error)
    form = ACTION_FORMS[action](request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            _run(action, request.user, case, form, request_obj=opinion)
        except DomainError as error:
            form_error(form, error)
        else:
            return _after_action(request, case)
    context = {
        "form": form,
        "case": case,
        "action": action,
        "label": ACTION_LABELS[action],
        "post_url": reverse("cases:request_act", args=[opinion.public_id, action]),
        "opinion": opinion,
    }
    return render(request, "cases/_action_form.html" if request.htmx else "cases/action.html", context)


@login_required
def inbox(request):
    filters = {"status": request.GET.get("status", ""), "overdue": request.GET.get("overdue") == "1"}
    page = Paginator(selectors.inbox(request.user, **filters), 50).get_page(request.GET.get("page"))
    selectors.log_list(request.user, [r.case for r in page.object_list], purpose="inbox")
    return render(
        request,
        "cases/inbox.html",
        {"page": page, "filters": filters, "statuses": RequestStatus.choices, "today": timezone.localdate()},
    )


@login_required
def suggestions(request, public_id):
    from .matching import suggestions_for

    try:
        case = selectors.get_case(request.user, public_id, purpose="suggestions")
    except NotFound as error:
        return _domain_error_page(request, error)
    from .matching import reason_text

    rows = [
        (facility, suggestion, [reason_text(r) for r in suggestion.reasons])
        for facility, suggestion in suggestions_for(case)
    ]
    return render(request, "cases/_suggestions.html", {"case": case, "rows": rows})


@login_required
def comparison(request, public_id):
    try:
        case = selectors.get_case(request.user, public_id, purpose="comparison")
    except NotFound as error:
        return _domain_error_page(request, error)
    currency = (request.GET.get("currency") or "USD").upper()[:3]
    try:
        on = date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = timezone.localdate()
    table = compare(selectors.opinion_requests(request.user, case), currency=currency, on=on)
    context = {
        "case": case,
        "table": table,
        "estimates_chart": charts.estimates(table),
        "currency": currency,
        "on": on,
        "currencies": ["USD", "EUR", "KRW", "RUB", "KZT", "MNT", "KGS", "BYN", "TRY"],
    }
    return render(request, "cases/_comparison.html" if request.htmx else "cases/comparison.html", context)


@login_required
def document_download(request, public_id):
    """Documents are never shown inline: always an attachment, with nosniff, after a scoped check."""
    try:
        document = selectors.get_document(request.user, public_id)
    except NotFound as error:
        return _domain_error_page(request, error)
    return attachment_response(
        document.file,
        stem=f"{document.case.reference}-{document.pk}",
        content_type=document.content_type,
        sha256=document.sha256,
    )
