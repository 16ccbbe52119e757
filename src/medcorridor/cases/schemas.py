"""REST API schemas (django-ninja). Input field names are the service keyword arguments."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class IntakeIn(Schema):
    family_name: str
    given_name: str
    family_name_latin: str
    given_name_latin: str
    birth_date: date
    gender: str = Field(description="FHIR AdministrativeGender: female, male, other, unknown")
    citizenship: str = Field(description="ISO 3166-1 alpha-2")
    passport_number: str = ""
    passport_expiry: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    communication_language: str | None = None
    contact_name: str = ""
    contact_relationship: str = ""
    contact_phone: str = ""
    condition_code: str = Field(description="ICD-10 code, e.g. C50 or C50.4")
    condition_note: str = ""
    requested_specialty: str | None = None
    requested_procedure: str = ""
    priority: str = Field("routine", description="routine, urgent, asap, stat")
    requester_organisation: str = ""
    requester_practitioner: str = ""
    budget_amount: Decimal | None = None
    budget_currency: str | None = None
    consent_date: date | None = None
    consent_scope: str = Field("", description="processing or abroad")
    consent_note: str = ""


class Versioned(Schema):
    version: int | None = Field(None, description="The case version you saw; a stale one gives 409")


class EditIntakeIn(Versioned):
    condition_note: str | None = None
    consent_date: date | None = None
    consent_scope: str | None = None
    consent_note: str | None = None


class RequestOpinionsIn(Versioned):
    facilities: list[UUID]
    documents: list[UUID] = []
    due_date: date
    message: str = ""


class AnswerIn(Versioned):
    treatment_plan: str
    estimate_amount: Decimal
    estimate_currency: str
    estimate_includes: str = ""
    stay_days: int | None = None
    earliest_admission: date | None = None
    valid_until: date | None = None


class ReasonIn(Versioned):
    reason: str


class OptionalReasonIn(Versioned):
    reason: str = ""


class SelectIn(Versioned):
    request: UUID
    funding_due: date


class ShareIn(Schema):
    payer_kind: str = Field(description="state_quota, insurer, self_pay, charity")
    payer_name: str = ""
    amount: Decimal
    currency: str


class FundingIn(Versioned):
    shares: list[ShareIn]
    decided_on: date | None = None


class AppealIn(Versioned):
    reason: str
    funding_due: date


class TravelIn(Versioned):
    departure_date: date | None = None
    arrival_date: date | None = None
    return_date: date | None = None
    companion: str = ""
    interpreter: str = ""
    accommodation: str = ""
    arrival_details: str = ""


class AdmitIn(Versioned):
    admitted_on: date
    ward: str = ""


class NoteIn(Versioned):
    note: str


class TaskIn(Versioned):
    description: str
    due_date: date
    owner_name: str = ""


class CompleteTaskIn(Versioned):
    completed_on: date | None = None
    outcome: str = ""
    note: str = ""


class EventOut(Schema):
    occurred_at: datetime
    action: str
    from_status: str
    to_status: str
    summary: str
    actor: str | None


class RequestOut(Schema):
    id: UUID
    facility: str
    facility_id: UUID
    status: str
    due_date: date
    overdue: bool
    treatment_plan: str
    estimate_amount: Decimal | None
    estimate_currency: str | None
    estimate_includes: str
    stay_days: int | None
    earliest_admission: date | None
    valid_until: date | None
    decline_reason: str


class DocumentOut(Schema):
    id: UUID
    category: str
    description: str
    content_type: str
    size: int
    sha256: str


class CaseSummaryOut(Schema):
    id: UUID
    reference: str
    status: str
    version: int
    priority: str
    condition_code: str
    patient_name: str
    patient_name_latin: str
    next_deadline: date | None
    overdue: bool


class CaseOut(CaseSummaryOut):
    patient_id: UUID
    birth_date: date
    gender: str
    citizenship: str
    condition_note: str
    requested_specialty: str | None
    requested_procedure: str
    consent_scope: str
    consent_date: date | None
    funding_due: date | None
    selected_request: UUID | None
    available_actions: list[str]
    requests: list[RequestOut]
    documents: list[DocumentOut]
    events: list[EventOut]


class SuggestionOut(Schema):
    facility_id: UUID
    name: str
    score: int
    reasons: list[str]
    price_min_usd: Decimal | None
    wait_days: int | None


class IcdSuggestIn(Schema):
    text: str = Field(description="Complaints or clinical summary in Russian")


class IcdSuggestionOut(Schema):
    code: str = Field(description="3-character ICD-10 category")
    title: str = Field(description="Title in the user's language (Russian for ru, otherwise English)")
    title_ru: str
    title_en: str
    score: float
    triggers: list[str] = Field(description="Words of the text that led to the suggestion; empty when none did")


class ComparisonRowOut(Schema):
    request: UUID
    facility: str
    status: str
    amount: Decimal | None
    currency: str
    rate_date: date | None
    per_day: Decimal | None
    stay_days: int | None
    earliest_admission: date | None


class InboxOut(Schema):
    request: UUID
    case: UUID
    reference: str
    facility: str
    status: str
    due_date: date
    overdue: bool
    condition_code: str
