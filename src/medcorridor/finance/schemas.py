from datetime import date
from uuid import UUID

from ninja import Schema


class PayerIn(Schema):
    name: str
    kind: str
    organisation: UUID | None = None
    country: str | None = None
    aliases: list[str] = []


class PayerOut(Schema):
    id: UUID
    name: str
    kind: str
    organisation: str | None
    aliases: list[str]


class ProgrammeIn(Schema):
    payer: UUID
    code: str
    name: str
    owner_organisation: UUID
    description: str = ""


class BudgetIn(Schema):
    fiscal_year: int
    amount: str
    currency: str
    starts_on: date | None = None
    ends_on: date | None = None


class UtilisationOut(Schema):
    budget_id: UUID
    programme: str
    programme_name: str
    ministry: str
    payer: str
    fiscal_year: int
    currency: str
    budget: str
    committed: str
    invoiced: str
    paid: str
    released: str
    available: str
    committed_percent: float
    starts_on: date
    ends_on: date


class ProgrammeOut(Schema):
    id: UUID
    code: str
    name: str
    payer: str
    ministry: str
    budgets: list[UtilisationOut]


class CommitmentOut(Schema):
    id: UUID
    budget: UUID
    case: UUID
    case_reference: str
    payer_name: str
    amount: str
    currency: str
    amount_budget: str
    budget_currency: str
    rate_date: date
    released_budget: str
    status: str
    override_reason: str
    release_reason: str


class BudgetOut(Schema):
    utilisation: UtilisationOut
    commitments: list[CommitmentOut]


class CommitIn(Schema):
    decision: UUID
    share: int
    budget: UUID
    override_reason: str = ""


class ShareOut(Schema):
    decision: UUID
    share: int
    payer_kind: str
    payer_name: str
    amount: str
    currency: str
    commitment: CommitmentOut | None


class MatchOut(Schema):
    committed: list[CommitmentOut]
    skipped: list[str]


class ReasonIn(Schema):
    reason: str


class ApproveIn(Schema):
    commitment: UUID | None = None


class PaymentIn(Schema):
    paid_on: date
    amount: str
    reference: str


class LineOut(Schema):
    description: str
    quantity: str
    unit_price: str
    amount: str


class PaymentOut(Schema):
    id: UUID
    paid_on: date
    amount: str
    reference: str
    amount_budget: str
    rate_date: date


class VarianceOut(Schema):
    estimate: str
    currency: str
    invoiced: str
    difference: str
    percent: float | None
    rate_date: date | None


class InvoiceOut(Schema):
    id: UUID
    case: UUID
    case_reference: str
    clinic: str
    number: str
    issued_on: date
    currency: str
    total: str
    paid: str
    outstanding: str
    status: str
    status_reason: str
    commitment: UUID | None
    total_budget: str | None
    budget_rate_date: date | None
    pdf_sha256: str
    lines: list[LineOut]
    payments: list[PaymentOut]
    history: list[dict]
    variance: VarianceOut | None
