"""Plain data the FHIR mappers read: one referral case as the reader may see it, no Django.

``interop.selectors`` fills these from the database through the cases scoping, so whatever is in a
``CaseRecord`` is already what its reader is allowed to see (a clinic's record holds only its own
opinion requests and the documents shared with it).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...] = ()
    city: str = ""
    part_of: str | None = None
    identifier_system: str = ""
    updated: datetime | None = None


@dataclass(frozen=True)
class PatientRecord:
    id: str
    family_name: str
    given_name: str
    family_name_latin: str
    given_name_latin: str
    birth_date: date
    gender: str
    citizenship: str
    citizenship_alpha3: str
    citizenship_name: str
    managing_organisation: str
    updated: datetime
    passport_number: str = ""
    passport_expiry: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    language: str = ""
    contact_name: str = ""
    contact_relationship: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class ConditionRecord:
    code: str
    title_en: str
    title_ru: str
    note: str = ""
    clinical_status: str = "active"


@dataclass(frozen=True)
class ConsentRecord:
    given_on: date
    scope: str
    note: str = ""


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    category: str
    category_display: str
    description: str
    content_type: str
    size: int
    sha256: str
    created: datetime
    url: str
    sha1_base64: str = ""
    author_organisation: str | None = None


@dataclass(frozen=True)
class OpinionRecord:
    id: str
    facility: str
    status: str
    due_date: date
    created: datetime
    updated: datetime
    message: str = ""
    answered_at: datetime | None = None
    treatment_plan: str = ""
    estimate_amount: Decimal | None = None
    estimate_currency: str = ""
    estimate_includes: str = ""
    stay_days: int | None = None
    earliest_admission: date | None = None
    valid_until: date | None = None
    decline_reason: str = ""
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class EncounterRecord:
    id: str
    facility: str
    admitted_on: date
    updated: datetime
    discharged_on: date | None = None
    ward: str = ""
    disposition: str = ""
    discharge_summary: str | None = None


@dataclass(frozen=True)
class FollowUpRecord:
    id: str
    kind: str
    kind_display: str
    description: str
    due_date: date
    updated: datetime
    owner_name: str = ""
    completed_on: date | None = None
    outcome: str = ""
    note: str = ""


@dataclass(frozen=True)
class FundingShareRecord:
    payer_kind: str
    payer_name: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class FundingRecord:
    """One funding decision: approved with its payers' shares, or refused with a reason."""

    id: str
    outcome: str
    decided_on: date
    updated: datetime
    reason: str = ""
    appeal: str = ""
    appealed_on: date | None = None
    shares: tuple[FundingShareRecord, ...] = ()


@dataclass(frozen=True)
class CaseRecord:
    id: str
    reference: str
    status: str
    priority: str
    created: datetime
    updated: datetime
    owner_organisation: str
    patient: PatientRecord
    condition: ConditionRecord
    organisations: tuple[OrganisationRecord, ...]
    specialty_code: str = ""
    specialty_name: str = ""
    procedure: str = ""
    requester_organisation: str = ""
    requester_practitioner: str = ""
    consent: ConsentRecord | None = None
    selected_opinion: str | None = None
    opinions: tuple[OpinionRecord, ...] = ()
    documents: tuple[DocumentRecord, ...] = ()
    encounter: EncounterRecord | None = None
    follow_ups: tuple[FollowUpRecord, ...] = field(default=())
    funding: tuple[FundingRecord, ...] = ()
