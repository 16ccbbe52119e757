"""Registry pages: home with the activity chart, list/detail/create/edit for every kind, CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from medcorridor.core.errors import DomainError
from medcorridor.core.models import Country
from medcorridor.core.params import year_from_text
from medcorridor.core.views import form_error

from . import charts, presenters, selectors, services
from .enums import AgreementStatus, Area
from .forms import FORMS, MilestoneForm, PositionForm
from .permissions import can_edit, can_write

PAGE_SIZE = 25


def _kind_or_404(kind: str):
    if kind not in presenters.KINDS:
        raise Http404(kind)
    return presenters.KINDS[kind]


def _error(request, error: DomainError):
    return render(request, "web/error.html", {"message": error.message}, status=error.status_code)


def home(request):
    counts = {slug: selectors.records(request.user, slug).count() for slug in presenters.KINDS}
    activity = selectors.activity_by_year_and_country(request.user)
    recent_agreements = selectors.records(request.user, "agreements").order_by(
        models.F("signed_on").desc(nulls_last=True)
    )[:6]
    recent_meetings = selectors.records(request.user, "meetings").order_by(models.F("held_on").desc(nulls_last=True))[
        :6
    ]
    q = request.GET.get("q", "").strip()
    found = []
    if q:
        for slug in (
            "officials",
            "agreements",
            "meetings",
            "programmes",
            "missions",
            "donations",
            "projects",
        ):
            found.extend((presenters.KINDS[slug], r) for r in selectors.records(request.user, slug, q=q)[:10])
    return render(
        request,
        "cooperation/home.html",
        {
            "kinds": [(presenters.KINDS[slug], counts[slug]) for slug in presenters.KINDS],
            "chart": presenters.activity_chart(activity) if activity else None,
            "recent_agreements": recent_agreements,
            "recent_meetings": recent_meetings,
            "q": q,
            "found": found,
            "can_write": can_write(request.user),
        },
    )


def _filters(request) -> dict:
    year = request.GET.get("year", "")
    return {
        "q": request.GET.get("q", "").strip(),
        "country": request.GET.get("country", "").upper()[:2],
        "year": year_from_text(year),
        "area": request.GET.get("area", ""),
        "status": request.GET.get("status", ""),
    }


def record_list(request, kind: str):
    meta = _kind_or_404(kind)
    filters = _filters(request)
    queryset = selectors.records(request.user, kind, **filters).prefetch_related("countries")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "cooperation/_table.html" if request.htmx else "cooperation/list.html"
    return render(
        request,
        template,
        {
            "kind": meta,
            "page": page,
            "rows": list(presenters.rows(kind, page.object_list)),
            "filters": filters,
            "countries": Country.objects.filter(
                code__in=["MN", "KZ", "KG", "KR", "RU", "BY", "TR", "UZ", "TJ", "CN", "JP", "DE"]
            ),
            "areas": Area.choices,
            "statuses": AgreementStatus.choices if kind == "agreements" else [],
            "can_write": can_write(request.user),
            "query": request.GET.urlencode(),
        },
    )


def export_csv(request, kind: str):
    _kind_or_404(kind)
    records = selectors.records(request.user, kind, **_filters(request)).prefetch_related("countries")
    response = HttpResponse(presenters.csv_text(kind, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="medcorridor-{kind}.csv"'
    return response


def _display(record, name: str):
    field = record._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(record, name).all())
    if name == "areas":
        return presenters.areas_of(record)
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    return presenters.value(record, name)


def record_detail(request, kind: str, public_id):
    meta = _kind_or_404(kind)
    try:
        record = selectors.record(request.user, kind, public_id)
    except DomainError as error:
        return _error(request, error)
    names = [n for n in FORMS[kind]._meta.fields if n in {f.name for f in record._meta.get_fields()}]
    facts = [(record._meta.get_field(n).verbose_name, _display(record, n)) for n in names]
    editable = request.user.is_authenticated and can_edit(request.user, record)
    context = {
        "kind": meta,
        "record": record,
        "facts": [f for f in facts if f[1] not in ("", None)],
        "can_edit": editable,
    }
    if kind == "officials":
        context["panel"] = selectors.official_panel(record)
        context["participations"] = list(record.participations.select_related("meeting").order_by("-meeting__held_on"))
        context["career_chart"] = charts.career(
            context["panel"]["positions"], context["participations"], timezone.localdate()
        )
        context["position_form"] = PositionForm()
    elif kind == "meetings":
        context["participants"] = record.participants.select_related("official")
    elif kind == "projects":
        context["milestone_form"] = MilestoneForm()
    return render(request, "cooperation/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_form(request, kind: str, public_id=None):
    meta = _kind_or_404(kind)
    record = None
    if public_id is not None:
        try:
            record = selectors.record(request.user, kind, public_id)
        except DomainError as error:
            return _error(request, error)
    allowed = can_edit(request.user, record) if record is not None else can_write(request.user)
    if not allowed:
        message = _("Only national coordinators and administrators may change the cooperation registry.")
        return render(request, "web/error.html", {"message": message}, status=403)
    form = FORMS[kind](request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_record(actor=request.user, instance=form.save(commit=False), m2m=form.m2m_values())
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "cooperation/form.html", {"kind": meta, "form": form, "record": record})


@login_required
@require_POST
def add_part(request, kind: str, public_id):
    """Add a position to an official or a milestone to a project."""
    if kind not in ("officials", "projects"):
        raise Http404(kind)
    try:
        record = selectors.record(request.user, kind, public_id)
        form = (PositionForm if kind == "officials" else MilestoneForm)(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the fields and try again."))
        elif kind == "officials":
            services.add_position(actor=request.user, official=record, **form.cleaned_data)
        else:
            services.add_milestone(actor=request.user, project=record, **form.cleaned_data)
    except DomainError as error:
        return _error(request, error)
    return redirect(record.get_absolute_url())
