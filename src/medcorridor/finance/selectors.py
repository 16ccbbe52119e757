"""Reads of finance, always through ``accounts.scoping``.

Programmes and budgets: the owning ministry's coordinators and analysts, administrators (who manage
them) and auditors. Commitments and invoices belong to a patient's record: the owning ministry's
coordinators, the issuing clinic's staff (its own invoices only) and auditors; every read is
access-logged. Analysts never see a commitment or an invoice: they read the aggregated utilisation of
their organisation's budgets, which ``utilisation`` sums in the database without returning any row.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from medcorridor.accounts.enums import OrganisationKind, Role
from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import Scope, fetch_visible, scope_of, scope_rule, scoped
from medcorridor.audit.services import record_access_many
from medcorridor.cases.models import FundingDecision, FundingShare, ReferralCase
from medcorridor.cases.selectors import log_list as case_log_list
from medcorridor.core.errors import NotFound
from medcorridor.core.money import convert_with_date

from .enums import INVOICED_STATES, CommitmentStatus
from .models import Budget, Commitment, FundingProgramme, Invoice, InvoiceLine, InvoiceStatusChange, Payer, Payment
from .permissions import can_manage_programmes

NOTHING = Q(pk__in=[])
ZERO = Decimal("0.00")


def _programme_rule(scope: Scope, owner: str) -> Q:
    if scope.is_auditor or scope.is_administrator:
        return Q()
    readers = scope.organisations_with(Role.NATIONAL_COORDINATOR, Role.ANALYST)
    return Q(**{f"{owner}__in": readers}) if readers else NOTHING


def _invoice_rule(scope: Scope, prefix: str = "") -> Q:
    if scope.is_auditor:
        return Q()
    q = NOTHING
    ministries = scope.organisations_with(Role.NATIONAL_COORDINATOR)
    if ministries:
        q |= Q(**{f"{prefix}case__owner_organisation__in": ministries})
    clinics = scope.organisations_with(Role.CLINIC_STAFF)
    if clinics:
        q |= Q(**{f"{prefix}issuer_organisation__in": clinics})
    return q


def _commitment_rule(scope: Scope) -> Q:
    if scope.is_auditor:
        return Q()
    ministries = scope.organisations_with(Role.NATIONAL_COORDINATOR)
    return Q(budget__programme__owner_organisation__in=ministries) if ministries else NOTHING


scope_rule(Payer)(lambda scope: NOTHING if scope.is_anonymous else Q())
scope_rule(FundingProgramme)(lambda scope: _programme_rule(scope, "owner_organisation"))
scope_rule(Budget)(lambda scope: _programme_rule(scope, "programme__owner_organisation"))
scope_rule(Commitment, patient_record=True)(_commitment_rule)
scope_rule(Invoice, patient_record=True)(_invoice_rule)
for _model in (InvoiceLine, InvoiceStatusChange, Payment):
    scope_rule(_model)(lambda scope: _invoice_rule(scope, "invoice__"))


def log_list(user, rows, *, channel: str = "web") -> None:
    """One access-log row per commitment or invoice shown in a list, written in one insert."""
    targets = [(f"finance.{row._meta.model_name}", str(row.public_id)) for row in rows]
    if targets:
        record_access_many(
            actor=user,
            targets=targets,
            purpose="list",
            channel=channel,
            organisation_label=",".join(str(o) for o in scope_of(user).organisation_ids),
        )


# --- programmes and budgets ------------------------------------------------------------------------


def payers(user):
    return scoped(user, Payer.objects.all()).select_related("organisation")


def programmes(user):
    return scoped(user, FundingProgramme.objects.all()).select_related("payer", "owner_organisation")


def manageable_ministries(user) -> list[Organisation]:
    """The ministries whose programmes the user may set up (``permissions.can_manage_programmes``)."""
    ministries = Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by("name_en")
    return [ministry for ministry in ministries if can_manage_programmes(user, ministry.pk)]


def get_programme(user, public_id) -> FundingProgramme:
    return fetch_visible(
        user, FundingProgramme.objects.select_related("payer", "owner_organisation"), public_id=public_id
    )


def budgets(user, *, year: int | None = None):
    queryset = scoped(user, Budget.objects.all()).select_related(
        "programme", "programme__payer", "programme__owner_organisation", "currency"
    )
    if year:
        queryset = queryset.filter(fiscal_year=year)
    return queryset.order_by("programme__name", "-fiscal_year")


def get_budget(user, public_id) -> Budget:
    return fetch_visible(
        user,
        Budget.objects.select_related("programme", "programme__payer", "programme__owner_organisation", "currency"),
        public_id=public_id,
    )


@dataclass(frozen=True)
class Utilisation:
    budget: Budget
    committed: Decimal
    released: Decimal
    invoiced: Decimal
    paid: Decimal

    @property
    def available(self) -> Decimal:
        return self.budget.amount - self.committed

    def percent_of_budget(self, amount: Decimal) -> float:
        return float(amount / self.budget.amount * 100) if self.budget.amount else 0.0

    @property
    def committed_share(self) -> float:
        return self.percent_of_budget(self.committed)


def _sums(queryset, group: str, *fields: str) -> dict[int, tuple[Decimal, ...]]:
    """Per ``group`` value, the sum of each of ``fields`` (in one grouped query)."""
    rows = queryset.order_by().values(group).annotate(**{f"sum_{f}": Sum(f) for f in fields})
    return {row[group]: tuple((row[f"sum_{f}"] or ZERO).quantize(ZERO) for f in fields) for row in rows}


def utilisation(budgets_shown) -> list[Utilisation]:
    """Committed (net of releases), released, invoiced and paid per budget, all in the budget's currency.

    ``budgets_shown`` must already be scoped: the sums read the rows of those budgets only, and return
    totals, never the rows."""
    budgets_shown = list(budgets_shown)
    ids = [b.pk for b in budgets_shown]
    commitments = _sums(Commitment.objects.filter(budget__in=ids), "budget_id", "amount_budget", "released_budget")
    invoiced = _sums(
        Invoice.objects.filter(commitment__budget__in=ids, status__in=INVOICED_STATES),
        "commitment__budget_id",
        "total_budget",
    )
    paid = _sums(
        Payment.objects.filter(invoice__commitment__budget__in=ids), "invoice__commitment__budget_id", "amount_budget"
    )
    rows = []
    for b in budgets_shown:
        committed, released = commitments.get(b.pk, (ZERO, ZERO))
        rows.append(
            Utilisation(
                budget=b,
                committed=committed - released,
                released=released,
                invoiced=invoiced.get(b.pk, (ZERO,))[0],
                paid=paid.get(b.pk, (ZERO,))[0],
            )
        )
    return rows


def budget_commitments(user, budget: Budget):
    rows = list(
        scoped(user, budget.commitments.all())
        .select_related("case", "case__patient", "currency", "share", "committed_by")
        .order_by("created_at", "id")
    )
    log_list(user, rows)
    return rows


def unassigned_shares(user, budget: Budget):
    """Approved shares of the owning ministry's cases, decided within the budget's period, of the kind
    of payer the programme is, not yet charged to any budget: what a coordinator may assign here."""
    if budget.programme.owner_organisation_id not in scope_of(user).organisations_with(Role.NATIONAL_COORDINATOR):
        return []
    cases = scoped(user, ReferralCase.objects.filter(owner_organisation=budget.programme.owner_organisation_id))
    decisions = FundingDecision.objects.filter(
        case__in=cases, outcome="approved", decided_on__range=(budget.starts_on, budget.ends_on)
    )
    return number_shares(
        list(
            FundingShare.objects.filter(
                decision__in=decisions, commitment__isnull=True, payer_kind=budget.programme.payer.kind
            )
            .select_related("decision", "decision__case", "currency")
            .order_by("decision__decided_on", "id")
        )
    )


def case_shares(user, case: ReferralCase):
    """The approved shares of a case the user may already see, with their commitments if any."""
    decisions = scoped(user, case.funding_decisions.filter(outcome="approved"))
    return number_shares(
        list(
            FundingShare.objects.filter(decision__in=decisions)
            .select_related("decision", "currency", "commitment", "commitment__budget__programme")
            .order_by("id")
        )
    )


def get_commitment(user, public_id, *, channel: str = "web") -> Commitment:
    return fetch_visible(
        user,
        Commitment.objects.select_related("budget", "budget__programme", "budget__currency", "case", "currency"),
        public_id=public_id,
        channel=channel,
    )


def active_commitments(case: ReferralCase):
    return case.commitments.filter(status=CommitmentStatus.ACTIVE).select_related("budget", "budget__currency")


# --- invoices --------------------------------------------------------------------------------------


# What ``presenters.invoice_out`` reads of an invoice besides its own row.
INVOICE_DETAILS = ("lines", "payments", "history", "history__actor")


def invoices(
    user, *, status: str = "", case: ReferralCase | None = None, channel: str = "web", with_details: bool = False
):
    """The invoices the user may see; ``with_details`` prefetches their lines, payments and history
    (in one query each, not per invoice) for callers that show them."""
    queryset = scoped(user, Invoice.objects.all()).select_related(
        "case", "case__patient", "issuer_organisation", "currency", "commitment__budget__programme"
    )
    if with_details:
        queryset = queryset.prefetch_related(*INVOICE_DETAILS)
    if status:
        queryset = queryset.filter(status=status)
    if case is not None:
        queryset = queryset.filter(case=case)
    rows = list(queryset.order_by("-issued_on", "-id"))
    log_list(user, rows, channel=channel)
    return rows


def get_invoice(user, public_id, *, purpose: str = "view", channel: str = "web") -> Invoice:
    return fetch_visible(
        user,
        Invoice.objects.select_related(
            "case",
            "case__patient",
            "case__selected_request",
            "case__selected_request__estimate_currency",
            "issuer_organisation",
            "currency",
            "commitment",
            "commitment__budget",
            "commitment__budget__programme",
            "commitment__budget__currency",
        ).prefetch_related(*INVOICE_DETAILS),
        purpose=purpose,
        channel=channel,
        public_id=public_id,
    )


def invoiceable_cases(user) -> list[ReferralCase]:
    """Discharged cases the user's clinic treated: the ones it may invoice (the list is access-logged)."""
    clinics = scope_of(user).organisations_with(Role.CLINIC_STAFF)
    if not clinics:
        return []
    rows = list(
        scoped(user, ReferralCase.objects.all())
        .filter(selected_request__performer_organisation__in=clinics, encounter__discharged_on__isnull=False)
        .select_related("patient", "selected_request__estimate_currency")
        .order_by("-created_at")
    )
    case_log_list(user, rows)
    return rows


@dataclass(frozen=True)
class Variance:
    """The invoice against the accepted estimate, in the estimate's currency at the invoice's date."""

    estimate: Decimal
    currency: str
    invoiced: Decimal
    rate_date: object

    @property
    def difference(self) -> Decimal:
        return self.invoiced - self.estimate

    @property
    def percent(self) -> float | None:
        return float(self.difference / self.estimate * 100) if self.estimate else None


def estimate_variance(invoice: Invoice) -> Variance | None:
    """None when the case has no accepted estimate or no rate converts the invoice to its currency."""
    offer = invoice.case.selected_request
    if offer is None or offer.estimate_amount is None or not offer.estimate_currency_id:
        return None
    invoiced, rate_date = convert_with_date(
        invoice.total, invoice.currency_id, offer.estimate_currency_id, invoice.issued_on
    )
    if invoiced is None:
        return None
    return Variance(
        estimate=offer.estimate_amount, currency=offer.estimate_currency_id, invoiced=invoiced, rate_date=rate_date
    )


def get_share(user, decision_id, position: int) -> FundingShare:
    """Share number ``position`` (from 1, in the decision's order) of a funding decision the user may see."""
    decision = fetch_visible(user, FundingDecision.objects.select_related("case"), public_id=decision_id)
    shares = list(decision.shares.select_related("currency").order_by("id"))
    if not 1 <= position <= len(shares):
        raise NotFound(_("The funding decision has no share number %(n)s.") % {"n": position})
    return shares[position - 1]


def number_shares(shares: list[FundingShare]) -> list[FundingShare]:
    """Give each share its ``position`` within its decision (the public way to name a share)."""
    order: dict[int, list[int]] = {}
    for decision_id, share_id in (
        FundingShare.objects.filter(decision__in={s.decision_id for s in shares})
        .order_by("id")
        .values_list("decision_id", "id")
    ):
        order.setdefault(decision_id, []).append(share_id)
    for share in shares:
        share.position = order[share.decision_id].index(share.pk) + 1
    return shares


def budgets_for_case(user, case: ReferralCase):
    """The budgets of the case's ministry a coordinator may charge its funding to."""
    return budgets(user).filter(programme__owner_organisation=case.owner_organisation_id)
