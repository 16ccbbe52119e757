"""The review queue: the article with the extracted spans highlighted, accept / edit / reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from medcorridor.core.errors import DomainError, PermissionDenied

from . import selectors, services
from .enums import ReviewStatus
from .forms import EventForm, item_line
from .highlight import highlight
from .permissions import can_review, can_see_queue


def _forbidden(request, message=None):
    message = message or _("The review queue is open to national coordinators, administrators and auditors.")
    return render(request, "web/error.html", {"message": message}, status=403)


@login_required
def queue(request):
    if not can_see_queue(request.user):
        return _forbidden(request)
    status = request.GET.get("status", ReviewStatus.PENDING)
    status = status if status in ReviewStatus.values or status == "" else ReviewStatus.PENDING
    counts = selectors.counts(request.user)
    page = Paginator(selectors.queue(request.user, status=status), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "ingest/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": [(code, label, counts[code]) for code, label in ReviewStatus.choices],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request, public_id):
    if not can_see_queue(request.user):
        return _forbidden(request)
    try:
        item = selectors.item(request.user, public_id)
    except DomainError as error:
        return render(request, "web/error.html", {"message": error.message}, status=error.status_code)
    form = EventForm.from_event(item.event, data=request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "accept")
        try:
            if not can_review(request.user):
                raise PermissionDenied(_("Only national coordinators and administrators review extracted events."))
            if action == "reject":
                services.reject(actor=request.user, item=item, note=request.POST.get("note", ""))
                messages.success(request, _("Rejected: nothing was written to the registry."))
                return redirect("ingest:queue")
            if form.is_valid():
                edited = form.to_event()
                changed = _differs(item.event, edited)
                if action == "save":
                    services.save_edits(actor=request.user, item=item, edited=edited)
                    messages.success(request, _("Your corrections are saved."))
                    return redirect("ingest:review", public_id=item.public_id)
                services.accept(actor=request.user, item=item, edited=edited if changed else None)
                messages.success(request, _("Accepted: the registry records are created or updated."))
                return redirect("ingest:review", public_id=item.public_id)
        except DomainError as error:
            if getattr(error, "errors", None):
                for field, problems in error.errors.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                form.add_error(None, error.message)
            status = error.status_code
        else:
            status = 400
        item.refresh_from_db()
        return render(request, "ingest/review.html", _context(request, item, form), status=status)
    return render(request, "ingest/review.html", _context(request, item, form))


def _differs(before: dict, after: dict) -> bool:
    keys = ("title", "date", "countries", "areas", "organisations")
    if any(before.get(k) != after.get(k) for k in keys):
        return True

    def people(event):
        return [
            (o.get("name"), o.get("position"), o.get("organisation"), o.get("country"))
            for o in event.get("officials", [])
        ]

    def docs(event):
        return [(a.get("kind"), a.get("status"), a.get("title")) for a in event.get("agreements", [])]

    def records(event):
        return [item_line(i) for i in event.get("items", [])]

    return people(before) != people(after) or docs(before) != docs(after) or records(before) != records(after)


def _context(request, item, form):
    return {
        "item": item,
        "form": form,
        "text": highlight(item.article.text, item.spans),
        "can_review": can_review(request.user),
        "labels": sorted({s["label"].split(":")[0] for s in item.spans}),
        "records": [(r._meta.verbose_name, r) for r in selectors.accepted_records(item)],
    }


@login_required
@require_POST
def reject(request, public_id):
    """HTMX: reject from the queue list; answers with the updated row."""
    try:
        item = selectors.item(request.user, public_id)
        services.reject(actor=request.user, item=item, note=request.POST.get("note", ""))
    except DomainError as error:
        return render(request, "web/error.html", {"message": error.message}, status=error.status_code)
    return render(request, "ingest/_row.html", {"item": item})
