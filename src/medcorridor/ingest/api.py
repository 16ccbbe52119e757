"""Review-queue API: list, read, accept (optionally with a corrected event) and reject extracted events."""

from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Router

from medcorridor.accounts.api_auth import authenticated
from medcorridor.core import params
from medcorridor.core.errors import PermissionDenied

from . import selectors, services
from .permissions import can_see_queue
from .schemas import AcceptIn, ItemDetail, ItemOut, RejectIn

router = Router(tags=["ingest"])


def _out(item, detail: bool = False) -> dict:
    data = {
        "public_id": item.public_id,
        "status": item.status,
        "title": item.article.title,
        "filename": item.article.filename,
        "source": str(item.article.source or ""),
        "published_on": item.article.published_on,
        "event": item.event,
        "reviewed_at": item.reviewed_at,
        "meeting": item.meeting.public_id if item.meeting else None,
        "agreements": [a.public_id for a in item.agreements.all()],
        "officials": [o.public_id for o in item.officials.all()],
        "records": item.records,
    }
    if detail:
        data.update(text=item.article.text, spans=item.spans, extracted=item.extracted)
    return data


def _require_queue(user) -> None:
    if not can_see_queue(user):
        raise PermissionDenied(_("The review queue is open to national coordinators, administrators and auditors."))


@router.get("/queue", auth=authenticated, response=list[ItemOut])
def queue(
    request,
    status: str = "pending",
    limit: int = params.limit(50, maximum=500),
    offset: int = params.offset(),
):
    _require_queue(request.user)
    items = selectors.queue(request.user, status=status).select_related("meeting")
    return [_out(i) for i in items.prefetch_related("agreements", "officials")[offset : offset + limit]]


@router.get("/items/{public_id}", auth=authenticated, response=ItemDetail)
def get_item(request, public_id: UUID):
    _require_queue(request.user)
    return _out(selectors.item(request.user, public_id), detail=True)


@router.post("/items/{public_id}/accept", auth=authenticated, response=ItemDetail)
def accept(request, public_id: UUID, payload: AcceptIn):
    _require_queue(request.user)
    item = selectors.item(request.user, public_id)
    edited = {**item.event, **payload.event} if payload.event is not None else None
    item = services.accept(actor=request.user, item=item, edited=edited)
    return _out(item, detail=True)


@router.post("/items/{public_id}/reject", auth=authenticated, response=ItemDetail)
def reject(request, public_id: UUID, payload: RejectIn):
    _require_queue(request.user)
    item = services.reject(actor=request.user, item=selectors.item(request.user, public_id), note=payload.note)
    return _out(item, detail=True)
