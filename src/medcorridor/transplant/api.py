"""REST API of the transplant service, mounted at /api/v1/transplant/ (scoped like the UI)."""

from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from medcorridor.accounts.api_auth import authenticated
from medcorridor.accounts.models import Organisation
from medcorridor.core.errors import PermissionDenied, ValidationFailed

from . import selectors, services
from .enums import rule_row
from .permissions import coordinator_centres
from .schemas import (
    ChecklistIn,
    CompatibilityOut,
    CrossmatchIn,
    CrossmatchOut,
    DonorIn,
    DonorOut,
    FollowUpOut,
    PoolOut,
    RecipientIn,
    RecipientOut,
    RunOut,
    StatusIn,
    WithdrawIn,
)

router = Router(tags=["transplant"], auth=authenticated)


def _recipient_out(r) -> dict:
    return {
        "id": r.public_id,
        "organ": r.organ,
        "full_name": r.full_name,
        "centre": str(r.centre),
        "blood_group": r.blood_group,
        "hla": r.hla(),
        "unacceptable_antigens": r.unacceptable_antigens.split(),
        "cpra": r.cpra,
        "meld": r.meld,
        "peld": r.peld,
        "urgency": r.urgency,
        "listed_on": r.listed_on,
        "status": r.status,
        "status_reason": r.status_reason,
        # The recipient's side: a withdrawn donor is only ever "unavailable", with no reason.
        "donors": [
            {
                "id": str(d.public_id),
                "relationship": d.relationship,
                "status": d.status if d.is_available or d.status == "donated" else "unavailable",
                "label": d.recipient_facing_status(),
            }
            for d in r.donors.active()
        ],
    }


def _donor_out(d) -> dict:
    return {
        "id": d.public_id,
        "full_name": d.full_name,
        "recipient": d.recipient.public_id if d.recipient else None,
        "relationship": d.relationship,
        "genetic_relative": d.is_genetic_relative,
        "blood_group": d.blood_group,
        "status": d.status,
        "checklist": {
            "medical": d.medical_check,
            "psychological": d.psychological_check,
            "consent": d.consent_check,
        },
        "ethics_approval_reference": d.ethics_approval_reference,
        "ethics_approved_on": d.ethics_approved_on,
    }


def _run_out(run) -> dict:
    return {
        "id": run.public_id,
        "pool": run.pool.public_id,
        "reason": run.reason,
        "previous": run.previous.public_id if run.previous else None,
        "created_at": run.created_at.isoformat(),
        "parameters": run.parameters,
        "transplants": run.transplants,
        "optimal": run.optimal,
        "gap": run.gap,
        "seconds": run.seconds,
        "objective": run.objective,
        "exchanges": [
            {
                "id": e.public_id,
                "kind": e.kind,
                "labels": e.labels,
                "status": e.status,
                "arcs": [
                    {
                        "id": str(a.public_id),
                        "donor": a.donor_entry.label,
                        "recipient": a.recipient_entry.label,
                        "crossmatch": a.crossmatch,
                    }
                    for a in e.arcs.all()
                ],
            }
            for e in run.exchanges.prefetch_related("arcs__donor_entry", "arcs__recipient_entry")
        ],
    }


def _centre(request) -> Organisation:
    centres = coordinator_centres(request.user)
    if not centres:
        raise PermissionDenied(_("Only transplant coordinators may do this."))
    return get_object_or_404(Organisation, pk=centres[0])


@router.get("/recipients", response=list[RecipientOut])
def list_recipients(request, organ: str | None = None, status: str | None = None):
    return [
        _recipient_out(r)
        for r in selectors.recipients(request.user, organ=organ, status=status).prefetch_related("donors")
    ]


@router.post("/recipients", response={201: RecipientOut})
def create_recipient(request, payload: RecipientIn):
    data = {k: v for k, v in payload.dict().items() if v is not None or k in ("meld", "peld", "weight_kg")}
    recipient = services.list_recipient(actor=request.user, centre=_centre(request), **data)
    return Status(201, _recipient_out(recipient))


@router.get("/recipients/{public_id}", response=RecipientOut)
def get_recipient(request, public_id: UUID):
    return _recipient_out(selectors.recipient(request.user, public_id, channel="api"))


@router.post("/recipients/{public_id}/status", response=RecipientOut)
def set_status(request, public_id: UUID, payload: StatusIn):
    recipient = selectors.recipient(request.user, public_id, channel="api")
    return _recipient_out(services.change_recipient_status(actor=request.user, recipient=recipient, **payload.dict()))


@router.post("/donors", response={201: DonorOut})
def create_donor(request, payload: DonorIn):
    data = payload.dict()
    recipient_id = data.pop("recipient")
    recipient = selectors.recipient(request.user, recipient_id, channel="api") if recipient_id else None
    centre = recipient.centre if recipient else _centre(request)
    return Status(
        201, _donor_out(services.register_donor(actor=request.user, centre=centre, recipient=recipient, **data))
    )


@router.get("/donors/{public_id}", response=DonorOut)
def get_donor(request, public_id: UUID):
    return _donor_out(selectors.donor(request.user, public_id, channel="api"))


@router.post("/donors/{public_id}/checklist", response=DonorOut)
def set_checklist(request, public_id: UUID, payload: ChecklistIn):
    donor = selectors.donor(request.user, public_id, channel="api")
    fields = {k: v for k, v in payload.dict().items() if v is not None}
    return _donor_out(services.update_checklist(actor=request.user, donor=donor, **fields))


@router.post("/donors/{public_id}/approve", response=DonorOut)
def approve(request, public_id: UUID):
    return _donor_out(
        services.approve_donor(actor=request.user, donor=selectors.donor(request.user, public_id, channel="api"))
    )


@router.post("/donors/{public_id}/withdraw", response=DonorOut)
def withdraw(request, public_id: UUID, payload: WithdrawIn):
    donor = selectors.donor(request.user, public_id, channel="api")
    donor, _runs = services.withdraw_donor(actor=request.user, donor=donor, reason=payload.reason)
    return _donor_out(donor)


@router.get("/compatibility", response=CompatibilityOut)
def compatibility(request, donor: UUID, recipient: UUID | None = None):
    donor_obj = selectors.donor(request.user, donor, channel="api")
    recipient_obj = selectors.recipient(request.user, recipient, channel="api") if recipient else donor_obj.recipient
    if recipient_obj is None:
        raise ValidationFailed(_("Name the recipient to screen a non-directed donor against."), field="recipient")
    assessment = services.screen(donor_obj, recipient_obj)
    return {
        "donor": donor_obj.public_id,
        "recipient": recipient_obj.public_id,
        "overall": str(assessment.outcome),
        "rules": [rule_row(r) for r in assessment.results],
    }


@router.get("/pools", response=list[PoolOut])
def list_pools(request):
    return [_pool_out(request, p) for p in selectors.pools(request.user)]


def _pool_out(request, pool) -> dict:
    return {
        "id": pool.public_id,
        "name": pool.name,
        "centre": str(pool.centre),
        "max_cycle": pool.max_cycle,
        "max_chain": pool.max_chain,
        "entries": [{**services._node_data(e), "status": e.status} for e in selectors.pool_entries(request.user, pool)],
    }


@router.get("/pools/{public_id}", response=PoolOut)
def get_pool(request, public_id: UUID):
    return _pool_out(request, selectors.pool(request.user, public_id, channel="api"))


@router.post("/pools/{public_id}/runs", response={201: RunOut})
def run_pool(request, public_id: UUID):
    pool = selectors.pool(request.user, public_id, channel="api")
    return Status(201, _run_out(services.run_match(actor=request.user, pool=pool)))


@router.get("/runs/{public_id}", response=RunOut)
def get_run(request, public_id: UUID):
    return _run_out(selectors.match_run(request.user, public_id, channel="api"))


@router.post("/arcs/{public_id}/crossmatch", response=CrossmatchOut)
def crossmatch(request, public_id: UUID, payload: CrossmatchIn):
    arc = selectors.exchange_arc(request.user, public_id, channel="api")
    arc, new_run = services.record_crossmatch(actor=request.user, arc=arc, result=payload.result)
    arc.exchange.refresh_from_db()
    return {
        "arc": arc.public_id,
        "result": arc.crossmatch,
        "exchange_status": arc.exchange.status,
        "new_run": new_run.public_id if new_run else None,
    }


@router.get("/follow-ups", response=list[FollowUpOut])
def list_follow_ups(request, overdue: bool = False):
    return [
        {
            "id": f.public_id,
            "subject": f.subject,
            "person": str(f.person),
            "milestone": f.milestone,
            "due_on": f.due_on,
            "done_on": f.done_on,
            "overdue": f.is_overdue,
        }
        for f in selectors.follow_ups(request.user, overdue_only=overdue)
    ]
