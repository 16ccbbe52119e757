import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Schema


class RecordOut(Schema):
    public_id: UUID
    kind: str
    title: str
    date: dt.date | None = None
    countries: list[str]
    areas: list[str]
    is_published: bool
    url: str
    fields: dict[str, Any]


class PositionOut(Schema):
    title: str
    organisation: str
    country: str | None
    started_on: dt.date | None
    ended_on: dt.date | None
    last_seen_on: dt.date | None


class ParticipantOut(Schema):
    official: UUID
    name: str
    position: str


class RecordDetail(RecordOut):
    last_position: PositionOut | None = None
    appearances: int | None = None
    positions: list[PositionOut] = []
    participants: list[ParticipantOut] = []
    covers_facilities: list[UUID] = []


class AgreementIn(Schema):
    kind: str = "agreement"
    title: str
    status: str = "signed"
    countries: list[str] = []
    areas: list[str] = []
    party_names: list[str] = []
    signed_on: dt.date | None = None
    signed_place: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    obligations: str = ""
    facilities: list[UUID] = []
    is_published: bool = True


class OfficialIn(Schema):
    name: str
    name_latin: str = ""
    position: str = ""
    organisation: str = ""
    country: str = ""
    seen_on: dt.date | None = None


class OrganisationOut(Schema):
    public_id: UUID
    name_ru: str
    name_en: str
    country: str


class AliasIn(Schema):
    organisation: UUID
    alias: str
