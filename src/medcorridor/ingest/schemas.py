from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Schema


class ItemOut(Schema):
    public_id: UUID
    status: str
    title: str
    filename: str
    source: str
    published_on: date | None
    event: dict[str, Any]
    reviewed_at: datetime | None
    meeting: UUID | None
    agreements: list[UUID]
    officials: list[UUID]
    records: list[dict[str, Any]]  # programmes, missions, donations, projects: {"kind", "title", "id"}


class ItemDetail(ItemOut):
    text: str
    spans: list[dict[str, Any]]
    extracted: dict[str, Any]


class AcceptIn(Schema):
    event: dict[str, Any] | None = None


class RejectIn(Schema):
    note: str = ""
