from datetime import date
from decimal import Decimal
from uuid import UUID

from ninja import Schema
from pydantic import Field


class AccreditationOut(Schema):
    scheme: str
    reference: str
    valid_from: date | None
    valid_until: date | None
    expired: bool


class OfferOut(Schema):
    id: UUID
    specialty: str
    procedure_en: str
    procedure_ru: str
    icd_codes: str
    price_min: Decimal | None
    price_max: Decimal | None
    currency: str | None
    stay_days_min: int | None
    stay_days_max: int | None
    wait_days: int | None
    is_demo: bool


class FacilityOut(Schema):
    id: UUID
    name_en: str
    name_ru: str
    name_original: str
    kind: str
    country: str
    city: str
    website: str
    languages: list[str]
    accreditations: list[AccreditationOut]
    offers: list[OfferOut]
    is_demo: bool


class DepartmentOut(Schema):
    id: UUID
    facility: UUID
    name_en: str
    name_ru: str
    specialty: str
    voided: bool


class DepartmentIn(Schema):
    name_en: str = Field(min_length=2, max_length=300)
    name_ru: str = Field(min_length=2, max_length=300)
    specialty: str


class DepartmentPatch(Schema):
    name_en: str | None = Field(default=None, min_length=2, max_length=300)
    name_ru: str | None = Field(default=None, min_length=2, max_length=300)
    specialty: str | None = None


class FacilityDetailOut(FacilityOut):
    address: str
    description: str
    aliases: list[str]
    organisation: UUID
    departments: list[DepartmentOut] = Field(default_factory=list)
    agreements: list[dict] = Field(default_factory=list)


class FacilityPageOut(Schema):
    items: list[FacilityOut]
    count: int
    page: int
    pages: int
    page_size: int
    icd_categories: list[str]


class FacilityIn(Schema):
    organisation: UUID
    kind: str = "hospital"
    name_en: str = Field(min_length=2, max_length=300)
    name_ru: str = Field(min_length=2, max_length=300)
    name_original: str = ""
    aliases: list[str] = Field(default_factory=list)
    country: str = Field(min_length=2, max_length=2)
    city: str = Field(min_length=1, max_length=120)
    address: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    languages: list[str] = Field(default_factory=list)


class FacilityPatch(Schema):
    kind: str | None = None
    name_en: str | None = None
    name_ru: str | None = None
    name_original: str | None = None
    aliases: list[str] | None = None
    city: str | None = None
    address: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    languages: list[str] | None = None


class OfferIn(Schema):
    specialty: str
    procedure_en: str = Field(min_length=2)
    procedure_ru: str = Field(min_length=2)
    icd_codes: str = ""
    price_min: Decimal | None = Field(default=None, ge=0)
    price_max: Decimal | None = Field(default=None, ge=0)
    currency: str | None = None
    stay_days_min: int | None = Field(default=None, ge=0)
    stay_days_max: int | None = Field(default=None, ge=0)
    wait_days: int | None = Field(default=None, ge=0)


class VoidIn(Schema):
    reason: str = Field(min_length=3)


class IcdOut(Schema):
    code: str
    title_ru: str
    title_en: str


class ImportReportOut(Schema):
    imported: bool
    rows: int
    facilities_created: int
    facilities_updated: int
    offers_saved: int
    errors: list[dict]
