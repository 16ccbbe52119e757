"""Thin views: parse, call a selector or a service, render. Domain errors become messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from medcorridor.accounts.models import Organisation
from medcorridor.core.views import attempt, domain_view

from . import charts, selectors, services
from .enums import (
    OUTCOME_LABELS,
    DonorStatus,
    ExchangeStatus,
    FollowUpSubject,
    Milestone,
    Organ,
    RecipientStatus,
    rule_row,
)
from .forms import (
    ChecklistForm,
    CrossmatchForm,
    DonorForm,
    FollowUpForm,
    PoolEntryForm,
    PoolForm,
    RecipientForm,
    StatusForm,
    TransplantForm,
    WithdrawForm,
)
from .permissions import can_manage, can_use_service, coordinator_centres

service_view = domain_view(can_use_service)  # the service's users only (see permissions)


def _centre(request) -> Organisation:
    centres = coordinator_centres(request.user)
    if not centres:
        raise DjangoPermissionDenied
    return get_object_or_404(Organisation, pk=centres[0])


@service_view
def waitlist(request):
    organ, status, q = (
        request.GET.get("organ", ""),
        request.GET.get("status", "active"),
        request.GET.get("q", ""),
    )
    rows = selectors.recipients(request.user, organ=organ or None, status=status or None, q=q)
    rows = sorted(rows, key=lambda r: (r.organ, -(r.meld or 0), r.listed_on))
    return render(
        request,
        "transplant/waitlist.html",
        {
            "recipients": rows,
            "organs": Organ.choices,
            "statuses": RecipientStatus.choices,
            "organ": organ,
            "status": status,
            "q": q,
            "can_add": bool(coordinator_centres(request.user)),
            "chart": _waitlist_chart(rows) if rows else None,
        },
    )


def _waitlist_chart(rows) -> str:
    return charts.waitlist_by_blood_group(
        rows, organ_labels={code: str(label) for code, label in Organ.choices}, waiting_label=_("Median days waiting")
    )


@service_view
def recipient_new(request):
    centre = _centre(request)
    form = RecipientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recipient, ok = attempt(
            request,
            lambda: services.list_recipient(actor=request.user, centre=centre, **form.cleaned_data),
            _("The recipient is on the waitlist."),
        )
        if ok:
            return redirect("transplant:recipient", public_id=recipient.public_id)
    return render(request, "transplant/form.html", {"form": form, "title": _("List a recipient")})


@service_view
def recipient_detail(request, public_id):
    recipient = selectors.recipient(request.user, public_id)
    donors = recipient.donors.active()
    return render(
        request,
        "transplant/recipient.html",
        {
            "recipient": recipient,
            "donors": donors,
            "history": recipient.status_history.all(),
            "follow_ups": recipient.follow_ups.active(),
            "status_form": StatusForm(),
            "transplant_form": TransplantForm(donors=donors.filter(status=DonorStatus.APPROVED)),
            "can_manage": can_manage(request.user, recipient.centre_id),
        },
    )


@require_POST
@service_view
def recipient_status(request, public_id):
    recipient = selectors.recipient(request.user, public_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.change_recipient_status(actor=request.user, recipient=recipient, **form.cleaned_data),
            _("Status changed."),
        )
    else:
        messages.error(request, _("Choose a status and give the reason."))
    return redirect("transplant:recipient", public_id=public_id)


@require_POST
@service_view
def recipient_transplant(request, public_id):
    recipient = selectors.recipient(request.user, public_id)
    form = TransplantForm(request.POST, donors=recipient.donors.active())
    if form.is_valid():
        attempt(
            request,
            lambda: services.record_transplant(actor=request.user, recipient=recipient, **form.cleaned_data),
            _("Transplant recorded; follow-up visits are scheduled."),
        )
    else:
        messages.error(request, _("Give the date of the transplant."))
    return redirect("transplant:recipient", public_id=public_id)


@service_view
def donor_new(request, public_id=None):
    recipient = selectors.recipient(request.user, public_id) if public_id else None
    centre = recipient.centre if recipient else _centre(request)
    form = DonorForm(request.POST or None, initial={} if recipient else {"relationship": "non_directed"})
    if request.method == "POST" and form.is_valid():
        donor, ok = attempt(
            request,
            lambda: services.register_donor(
                actor=request.user, centre=centre, recipient=recipient, **form.cleaned_data
            ),
            _("Donor registered; the evaluation checklist is open."),
        )
        if ok:
            return redirect("transplant:donor", public_id=donor.public_id)
    title = (
        _("Register a living donor for %(name)s") % {"name": recipient}
        if recipient
        else _("Register a non-directed donor")
    )
    return render(request, "transplant/form.html", {"form": form, "title": title})


@service_view
def donor_detail(request, public_id):
    donor = selectors.donor(request.user, public_id)
    checklist = ChecklistForm(initial={f: getattr(donor, f) for f in ChecklistForm.base_fields})
    return render(
        request,
        "transplant/donor.html",
        {
            "donor": donor,
            "checklist": checklist,
            "withdraw_form": WithdrawForm(),
            "crossmatch_form": CrossmatchForm(),
            "follow_ups": donor.follow_ups.active(),
            "can_manage": can_manage(request.user, donor.centre_id),
        },
    )


@require_POST
@service_view
def donor_checklist(request, public_id):
    donor = selectors.donor(request.user, public_id)
    form = ChecklistForm(request.POST)
    if form.is_valid():
        filled = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}  # blanks keep the record
        attempt(
            request,
            lambda: services.update_checklist(actor=request.user, donor=donor, **filled),
            _("Checklist saved."),
        )
    else:
        messages.error(request, _("The checklist is not valid."))
    return redirect("transplant:donor", public_id=public_id)


@require_POST
@service_view
def donor_approve(request, public_id):
    donor = selectors.donor(request.user, public_id)
    attempt(request, lambda: services.approve_donor(actor=request.user, donor=donor), _("Donor approved."))
    return redirect("transplant:donor", public_id=public_id)


@require_POST
@service_view
def donor_crossmatch(request, public_id):
    donor = selectors.donor(request.user, public_id)
    form = CrossmatchForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.record_donor_crossmatch(
                actor=request.user, donor=donor, result=form.cleaned_data["result"]
            ),
            _("Crossmatch recorded."),
        )
    return redirect("transplant:donor", public_id=public_id)


@require_POST
@service_view
def donor_withdraw(request, public_id):
    donor = selectors.donor(request.user, public_id)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    result, ok = attempt(
        request,
        lambda: services.withdraw_donor(actor=request.user, donor=donor, reason=reason),
        _("The donor's withdrawal is recorded."),
    )
    if ok and result[1]:
        messages.info(request, _("The exchange pool was re-optimised without this donor."))
    return redirect("transplant:donor", public_id=public_id)


@service_view
def compatibility(request, public_id):
    donor = selectors.donor(request.user, public_id)
    recipient_id = request.GET.get("recipient")
    recipient = selectors.recipient(request.user, recipient_id) if recipient_id else donor.recipient
    results, verdict = [], None
    if recipient is not None:
        assessment = services.screen(donor, recipient)
        results, verdict = [rule_row(r) for r in assessment.results], assessment.outcome
    return render(
        request,
        "transplant/compatibility.html",
        {
            "donor": donor,
            "recipient": recipient,
            "results": results,
            "verdict": verdict,
            "verdict_label": OUTCOME_LABELS.get(str(verdict), verdict),
            "candidates": selectors.recipients(request.user, status=RecipientStatus.ACTIVE),
        },
    )


@service_view
def pools(request):
    form = PoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        centre = _centre(request)
        pool, ok = attempt(
            request,
            lambda: services.create_pool(actor=request.user, centre=centre, **form.cleaned_data),
            _("Pool created."),
        )
        if ok:
            return redirect("transplant:pool", public_id=pool.public_id)
    return render(
        request,
        "transplant/pools.html",
        {
            "pools": selectors.pools(request.user),
            "form": form,
            "can_add": bool(coordinator_centres(request.user)),
        },
    )


@service_view
def pool_detail(request, public_id):
    pool = selectors.pool(request.user, public_id)
    entries = list(selectors.pool_entries(request.user, pool))
    in_pool = {e.donor_id for e in entries if e.status == "active"}
    donors = (
        selectors.donors(request.user)
        .filter(centre=pool.centre, status__in=[DonorStatus.EVALUATION, DonorStatus.APPROVED])
        .exclude(pk__in=in_pool)
    )
    nodes = [services._node_data(e) for e in entries if e.status == "active"]
    chart = (
        charts.pool_blood_groups(nodes, donors_label=_("Donors"), recipients_label=_("Recipients")) if nodes else None
    )
    return render(
        request,
        "transplant/pool.html",
        {
            "pool": pool,
            "entries": entries,
            "runs": pool.runs.all()[:20],
            "chart": chart,
            "entry_form": PoolEntryForm(donors=donors),
            "can_manage": can_manage(request.user, pool.centre_id),
        },
    )


@require_POST
@service_view
def pool_add(request, public_id):
    pool = selectors.pool(request.user, public_id)
    form = PoolEntryForm(request.POST, donors=selectors.donors(request.user).filter(centre=pool.centre))
    if form.is_valid():
        attempt(
            request,
            lambda: services.add_to_pool(actor=request.user, pool=pool, **form.cleaned_data),
            _("Added to the pool."),
        )
    else:
        messages.error(request, _("Choose a donor."))
    return redirect("transplant:pool", public_id=public_id)


@require_POST
@service_view
def pool_run(request, public_id):
    pool = selectors.pool(request.user, public_id)
    run, ok = attempt(request, lambda: services.run_match(actor=request.user, pool=pool), _("Match run finished."))
    if ok:
        return redirect("transplant:run", public_id=run.public_id)
    return redirect("transplant:pool", public_id=public_id)


@service_view
def run_detail(request, public_id):
    run = selectors.match_run(request.user, public_id)
    exchanges = list(selectors.exchanges_of(request.user, run))
    chart = None
    if exchanges:
        chart = charts.exchanges_sankey(
            [{"kind": e.kind, "labels": e.labels} for e in exchanges], run.pool_snapshot.get("nodes", [])
        )
    return render(
        request,
        "transplant/run.html",
        {
            "run": run,
            "pool": run.pool,
            "exchanges": exchanges,
            "chart": chart,
            "crossmatch_form": CrossmatchForm(),
            "reruns": run.reruns.all(),
            "proposed": ExchangeStatus.PROPOSED,
            "can_manage": can_manage(request.user, run.pool.centre_id),
        },
    )


@require_POST
@service_view
def arc_crossmatch(request, public_id):
    arc = selectors.exchange_arc(request.user, public_id)
    form = CrossmatchForm(request.POST)
    run = arc.exchange.run
    if form.is_valid():
        result, ok = attempt(
            request,
            lambda: services.record_crossmatch(actor=request.user, arc=arc, result=form.cleaned_data["result"]),
            _("Crossmatch recorded."),
        )
        if ok and result[1] is not None:
            messages.info(request, _("The crossmatch was positive: what remains of the pool was re-optimised."))
            return redirect("transplant:run", public_id=result[1].public_id)
    return redirect("transplant:run", public_id=run.public_id)


@service_view
def follow_ups(request):
    overdue_only = request.GET.get("overdue") == "1"
    subject = request.GET.get("subject") or None
    rows = selectors.follow_ups(request.user, overdue_only=overdue_only, subject=subject)
    pending = [f for f in rows if f.done_on is None]
    done = [f for f in rows if f.done_on is not None][-50:]
    return render(
        request,
        "transplant/follow_ups.html",
        {
            "pending": pending,
            "done": done,
            "overdue_only": overdue_only,
            "subject": subject,
            "subjects": FollowUpSubject.choices,
            "form": FollowUpForm(),
            "chart": _follow_up_chart(rows) if rows else None,
        },
    )


def _follow_up_chart(rows) -> str:
    return charts.follow_up_progress(
        rows,
        milestone_labels={code: str(label) for code, label in Milestone.choices},
        state_labels={
            "recorded": pgettext("follow-up visit", "Recorded"),
            "due": pgettext("follow-up visit", "Due"),
            "overdue": pgettext("follow-up visit", "Overdue"),
        },
    )


@service_view
def follow_up_record(request, public_id):
    follow_up = selectors.follow_up(request.user, public_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _done, ok = attempt(
            request,
            lambda: services.record_follow_up(actor=request.user, follow_up=follow_up, **form.cleaned_data),
            _("Follow-up recorded."),
        )
        if ok:
            return redirect("transplant:follow_ups")
    return render(
        request,
        "transplant/form.html",
        {
            "form": form,
            "title": _("Follow-up: %(who)s, %(when)s")
            % {"who": follow_up.person, "when": follow_up.get_milestone_display()},
        },
    )
