from datetime import date
from uuid import UUID

from ninja import Field, Schema


class RecipientOut(Schema):
    id: UUID
    organ: str
    full_name: str
    centre: str
    blood_group: str
    hla: dict[str, list[str]]
    unacceptable_antigens: list[str]
    cpra: int
    meld: int | None
    peld: int | None
    urgency: str
    listed_on: date
    status: str
    status_reason: str
    donors: list[dict]


class RecipientIn(Schema):
    organ: str
    full_name: str
    medical_record_number: str = ""
    sex: str
    birth_date: date
    weight_kg: float | None = None
    diagnosis: str = ""
    blood_group: str
    hla_a: str = ""
    hla_b: str = ""
    hla_c: str = ""
    hla_dr: str = ""
    hla_dq: str = ""
    unacceptable_antigens: str = ""
    cpra: int = 0
    meld: int | None = None
    peld: int | None = None
    urgency: str = "routine"
    listed_on: date | None = None


class StatusIn(Schema):
    status: str
    reason: str


class DonorIn(Schema):
    recipient: UUID | None = None
    full_name: str
    sex: str
    birth_date: date
    blood_group: str
    relationship: str
    relationship_evidence: str = ""
    weight_kg: float | None = None
    hla_a: str = ""
    hla_b: str = ""
    hla_c: str = ""
    hla_dr: str = ""
    hla_dq: str = ""
    liver_volume_ml: int | None = None
    graft_volume_ml: int | None = None


class DonorOut(Schema):
    id: UUID
    full_name: str
    recipient: UUID | None
    relationship: str
    genetic_relative: bool
    blood_group: str
    status: str
    checklist: dict[str, str]
    ethics_approval_reference: str
    ethics_approved_on: date | None


class ChecklistIn(Schema):
    medical_check: str | None = None
    psychological_check: str | None = None
    consent_check: str | None = None
    ethics_approval_reference: str | None = None
    ethics_approved_on: date | None = None
    relationship_evidence: str | None = None
    checklist_notes: str | None = None


class WithdrawIn(Schema):
    reason: str = ""


class RuleOut(Schema):
    rule: str = Field(
        description="rule code: abo, abo_a2, hla, virtual_crossmatch, physical_crossmatch, grwr, donor_remnant"
    )
    label: str
    outcome: str = Field(description="pass, fail, conditional or unknown")
    outcome_label: str
    detail: str = Field(description="the verdict in the request's language (Accept-Language)")
    source: str


class CompatibilityOut(Schema):
    donor: UUID
    recipient: UUID
    overall: str
    rules: list[RuleOut]


class PoolOut(Schema):
    id: UUID
    name: str
    centre: str
    max_cycle: int
    max_chain: int
    entries: list[dict]


class ExchangeOut(Schema):
    id: UUID
    kind: str
    labels: list[str]
    status: str
    arcs: list[dict]


class RunOut(Schema):
    id: UUID
    pool: UUID
    reason: str
    previous: UUID | None
    created_at: str
    parameters: dict
    transplants: int
    optimal: bool
    gap: float
    seconds: float
    objective: dict
    exchanges: list[ExchangeOut]


class CrossmatchIn(Schema):
    result: str


class CrossmatchOut(Schema):
    arc: UUID
    result: str
    exchange_status: str
    new_run: UUID | None


class FollowUpOut(Schema):
    id: UUID
    subject: str
    person: str
    milestone: str
    due_on: date
    done_on: date | None
    overdue: bool
