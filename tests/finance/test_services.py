"""Finance services: commitments against budgets (conversion, over-commitment, releases), invoices
(checks, estimate variance, review), payments, and who may do each of them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from medcorridor.audit.models import AuditEvent
from medcorridor.core.errors import Conflict, PermissionDenied, ValidationFailed
from medcorridor.finance import services
from medcorridor.finance.models import Commitment, InvoiceStatusChange
from medcorridor.finance.selectors import estimate_variance, utilisation
from tests.cases.conftest import PDF, PNG, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages matched below are the English source texts."""
    with translation.override("en"):
        yield


def rebudget(ledger, amount: str, currency: str):
    """Change this year's amount or currency of the ledger's budget, as its coordinator."""
    return services.set_budget(
        actor=ledger.personas.coordinator_mn,
        programme=ledger.programme,
        fiscal_year=ledger.budget.fiscal_year,
        amount=amount,
        currency=currency,
    )


def usage(ledger):
    ledger.budget.refresh_from_db()
    [row] = utilisation([ledger.budget])
    return row


# --- commitments -----------------------------------------------------------------------------------


def test_commitment_is_converted_to_the_budget_currency_with_the_rate_date(ledger):
    case, commitment = ledger.committed_case(discharged=False)
    # 20 000 USD at 3400 MNT per USD (rate of 2026-11-20, the latest on or before the decision).
    assert commitment.amount == Decimal("20000.00") and commitment.currency_id == "USD"
    assert commitment.amount_budget == Decimal("68000000.00")
    assert commitment.rate_date == date(2026, 11, 20)
    assert commitment.case == case
    assert AuditEvent.objects.filter(target_type="finance.commitment", target_id=str(commitment.public_id)).exists()
    row = usage(ledger)
    assert row.committed == Decimal("68000000.00") and row.available == Decimal("272000000.00")


def test_over_commitment_is_refused_with_the_figures_and_nothing_is_written(ledger):
    rebudget(ledger, "50000000", "MNT")
    case = ledger.world.at_travel()
    with pytest.raises(ValidationFailed) as refused:
        services.commit_share(
            actor=ledger.personas.coordinator_mn, share=ledger.state_share(case), budget=ledger.budget
        )
    assert refused.value.field == "override_reason"
    assert "68000000.00" in refused.value.message and "50000000.00" in refused.value.message
    assert not Commitment.objects.exists()


def test_over_commitment_with_a_reason_is_kept_and_audited(ledger):
    rebudget(ledger, "50000000", "MNT")
    case = ledger.world.at_travel()
    commitment = services.commit_share(
        actor=ledger.personas.coordinator_mn,
        share=ledger.state_share(case),
        budget=ledger.budget,
        override_reason="Life-saving surgery; the ministry tops up the quota in Q4",
    )
    assert commitment.override_reason.startswith("Life-saving")
    event = AuditEvent.objects.get(target_type="finance.commitment", target_id=str(commitment.public_id))
    assert event.summary.startswith("OVER BUDGET") and "Life-saving" in event.summary
    assert usage(ledger).available == Decimal("-18000000.00")


def test_a_reason_does_not_mark_a_commitment_that_fits_as_an_override(ledger):
    case = ledger.world.at_travel()
    commitment = services.commit_share(
        actor=ledger.personas.coordinator_mn, share=ledger.state_share(case), budget=ledger.budget, override_reason="x"
    )
    assert commitment.override_reason == ""


@pytest.mark.parametrize(
    "who",
    ["coordinator_kz", "clinic_staff", "other_clinic_staff", "analyst", "transplant_coordinator", "auditor", "admin"],
)
def test_only_the_cases_coordinators_commit_its_funding(ledger, who):
    case = ledger.world.at_travel()
    with pytest.raises(PermissionDenied):
        services.commit_share(actor=getattr(ledger.personas, who), share=ledger.state_share(case), budget=ledger.budget)
    assert not Commitment.objects.exists()


def test_a_share_goes_only_to_a_fitting_budget(ledger):
    personas = ledger.personas
    case = ledger.world.at_travel()
    share = ledger.state_share(case)
    family = case.funding_decisions.get().shares.get(payer_kind="self_pay")
    with pytest.raises(ValidationFailed, match="Self-pay"):
        services.commit_share(actor=personas.coordinator_mn, share=family, budget=ledger.budget)
    next_year = services.set_budget(
        actor=personas.coordinator_mn,
        programme=ledger.programme,
        fiscal_year=ledger.budget.fiscal_year + 1,
        amount="1000000000",
        currency="MNT",
    )
    with pytest.raises(ValidationFailed, match="cannot be charged to a budget for"):
        services.commit_share(actor=personas.coordinator_mn, share=share, budget=next_year)
    payer = services.create_payer(
        actor=personas.coordinator_kz, name="Kazakh fund", kind="state_quota", organisation=personas.ministry_kz
    )
    kz = services.create_programme(
        actor=personas.coordinator_kz, payer=payer, code="kz", name="KZ", owner_organisation=personas.ministry_kz
    )
    kz_budget = services.set_budget(
        actor=personas.coordinator_kz, programme=kz, fiscal_year=ledger.budget.fiscal_year, amount="9", currency="KZT"
    )
    with pytest.raises(ValidationFailed, match="another ministry"):
        services.commit_share(actor=personas.coordinator_mn, share=share, budget=kz_budget)
    services.commit_share(actor=personas.coordinator_mn, share=share, budget=ledger.budget)
    with pytest.raises(Conflict):
        services.commit_share(actor=personas.coordinator_mn, share=share, budget=ledger.budget)


def test_a_missing_exchange_rate_is_a_clear_error(ledger):
    rebudget(ledger, "1000000", "CHF")
    case = ledger.world.at_travel()
    ledger.budget.refresh_from_db()
    with pytest.raises(ValidationFailed, match="no exchange rate from USD to CHF"):
        services.commit_share(
            actor=ledger.personas.coordinator_mn, share=ledger.state_share(case), budget=ledger.budget
        )


def test_matching_by_payer_name_commits_the_state_share_and_leaves_the_family(ledger):
    case = ledger.world.at_travel()  # shares: "Health Insurance Fund" (an alias of the payer) and "Family"
    report = services.match_shares(actor=ledger.personas.coordinator_mn, case=case)
    assert [c.share.payer_name for c in report.committed] == ["Health Insurance Fund"]
    assert report.skipped == []
    assert services.match_shares(actor=ledger.personas.coordinator_mn, case=case).committed == []
    with pytest.raises(PermissionDenied):
        services.match_shares(actor=ledger.personas.coordinator_kz, case=case)


def test_matching_reports_a_state_payer_it_cannot_place(ledger):
    ledger.programme.payer.aliases = []
    ledger.programme.payer.save()
    case = ledger.world.at_travel()
    report = services.match_shares(actor=ledger.personas.coordinator_mn, case=case)
    assert report.committed == [] and "Health Insurance Fund" in report.skipped[0]


def test_a_budget_cannot_shrink_below_what_is_committed(ledger):
    ledger.committed_case(discharged=False)
    with pytest.raises(ValidationFailed, match="already committed"):
        rebudget(ledger, "1000", "MNT")
    with pytest.raises(ValidationFailed, match=r"^68000000(\.00)? MNT is already committed"):
        rebudget(ledger, "1000", "MNT")
    with pytest.raises(ValidationFailed, match="currency cannot change"):
        rebudget(ledger, "1000000", "USD")


@pytest.mark.parametrize("who", ["coordinator_kz", "clinic_staff", "analyst", "auditor", "transplant_coordinator"])
def test_only_the_ministry_or_an_administrator_sets_budgets(ledger, who):
    with pytest.raises(PermissionDenied):
        services.set_budget(
            actor=getattr(ledger.personas, who),
            programme=ledger.programme,
            fiscal_year=2030,
            amount="1",
            currency="MNT",
        )


def test_an_administrator_sets_a_budget(ledger):
    budget = services.set_budget(
        actor=ledger.personas.admin, programme=ledger.programme, fiscal_year=2030, amount="12.50", currency="MNT"
    )
    assert budget.amount == Decimal("12.50") and budget.starts_on == date(2030, 1, 1)


@pytest.mark.parametrize("amount", ["-5", "0", "abc", "1.234", "NaN"])
def test_bad_amounts_are_refused(ledger, amount):
    with pytest.raises(ValidationFailed):
        services.set_budget(
            actor=ledger.personas.coordinator_mn,
            programme=ledger.programme,
            fiscal_year=2030,
            amount=amount,
            currency="MNT",
        )


# --- invoices --------------------------------------------------------------------------------------


def test_the_treating_clinic_invoices_a_discharged_case(ledger):
    case, commitment = ledger.committed_case()
    invoice = ledger.invoice(case)
    assert invoice.total == Decimal("35600000.00") and invoice.issuer_organisation == ledger.personas.clinic_kr
    assert [line.amount for line in invoice.lines.all()] == [Decimal("30000000.00"), Decimal("5600000.00")]
    # Charged to the case's only commitment, at the rate of the issue date: 35.6 M KRW / 1400 * 3400.
    assert invoice.commitment == commitment
    assert invoice.total_budget == Decimal("86457142.86") and invoice.budget_rate_date == date(2026, 11, 20)
    assert invoice.pdf_sha256 and invoice.pdf.read() == PDF
    assert list(invoice.history.values_list("to_status", flat=True)) == ["submitted"]
    assert AuditEvent.objects.filter(target_type="finance.invoice", target_id=str(invoice.public_id)).exists()
    assert usage(ledger).invoiced == Decimal("86457142.86")


def test_the_invoice_is_compared_with_the_accepted_estimate(ledger):
    case, _ = ledger.committed_case()
    variance = estimate_variance(ledger.invoice(case))
    assert variance.estimate == Decimal("35000000") and variance.currency == "KRW"
    assert variance.difference == Decimal("600000.00") and round(variance.percent, 2) == 1.71


@pytest.mark.parametrize("who", ["other_clinic_staff", "coordinator_mn", "analyst", "auditor", "admin"])
def test_only_the_treating_clinic_invoices(ledger, who):
    case, _ = ledger.committed_case()
    with pytest.raises(PermissionDenied):
        ledger.invoice(case, actor=getattr(ledger.personas, who))


def test_an_invoice_waits_for_the_discharge(ledger):
    case = ledger.world.in_treatment()
    with pytest.raises(ValidationFailed, match="after the patient's discharge"):
        ledger.invoice(case)


@pytest.mark.parametrize(
    ("pdf", "message"),
    [
        (upload("scan.png", PNG), "must be a PDF"),
        (upload("invoice.pdf", b"<html><script>alert(1)</script></html>"), "Only PDF"),
        (upload("invoice.pdf", b""), "empty"),
    ],
)
def test_the_attachment_must_be_a_real_pdf(ledger, pdf, message):
    case, _ = ledger.committed_case()
    with pytest.raises(ValidationFailed, match=message):
        ledger.invoice(case, pdf=pdf)
    assert not case.invoices.exists()


def test_bad_lines_and_numbers_are_refused(ledger):
    case, _ = ledger.committed_case()
    with pytest.raises(ValidationFailed, match="at least one invoice line"):
        ledger.invoice(case, lines=[{"description": "", "unit_price": ""}])
    with pytest.raises(ValidationFailed, match="Line 1"):
        ledger.invoice(case, lines=[{"description": "", "unit_price": "5"}])
    with pytest.raises(ValidationFailed) as refused:
        ledger.invoice(case, lines=[{"description": "Ward", "quantity": "1", "unit_price": "-3"}])
    assert refused.value.field == "lines.1"
    ledger.invoice(case)
    with pytest.raises(ValidationFailed, match="already sent an invoice numbered"):
        ledger.invoice(case)


def test_a_future_invoice_date_is_refused(ledger):
    case, _ = ledger.committed_case()
    with pytest.raises(ValidationFailed, match="future"):
        services.submit_invoice(
            actor=ledger.personas.clinic_staff,
            case=case,
            number="X",
            issued_on=timezone.localdate() + timedelta(days=1),
            currency="KRW",
            lines=[{"description": "Ward", "unit_price": "1"}],
            pdf=upload(),
        )


def test_review_approve_and_pay_in_two_parts(ledger):
    coordinator = ledger.personas.coordinator_mn
    case, commitment = ledger.committed_case()
    invoice = services.approve_invoice(actor=coordinator, invoice=ledger.invoice(case))
    assert invoice.status == "approved"
    first = services.record_payment(
        actor=coordinator, invoice=invoice, paid_on=timezone.localdate(), amount="20000000", reference="TR-1"
    )
    invoice.refresh_from_db()
    assert invoice.status == "partly_paid" and first.amount_budget == Decimal("48571428.57")
    with pytest.raises(ValidationFailed, match="Only 15600000.00 KRW is outstanding"):
        services.record_payment(
            actor=coordinator, invoice=invoice, paid_on=timezone.localdate(), amount="15600001", reference="TR-2"
        )
    services.record_payment(
        actor=coordinator, invoice=invoice, paid_on=timezone.localdate(), amount="15600000", reference="TR-2"
    )
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.outstanding == 0
    assert list(invoice.history.values_list("to_status", flat=True)) == ["submitted", "approved", "partly_paid", "paid"]
    assert usage(ledger).paid == Decimal("86457142.86")  # 48 571 428.57 + 37 885 714.29
    with pytest.raises(Conflict):
        services.record_payment(
            actor=coordinator, invoice=invoice, paid_on=timezone.localdate(), amount="1", reference="TR-3"
        )


def test_a_disputed_invoice_is_neither_invoiced_nor_payable(ledger):
    coordinator = ledger.personas.coordinator_mn
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    with pytest.raises(ValidationFailed, match="reason"):
        services.dispute_invoice(actor=coordinator, invoice=invoice, reason=" ")
    invoice = services.dispute_invoice(actor=coordinator, invoice=invoice, reason="Imaging was in the estimate")
    assert invoice.status == "disputed" and invoice.status_reason == "Imaging was in the estimate"
    assert InvoiceStatusChange.objects.filter(invoice=invoice, to_status="disputed", reason__startswith="Imaging")
    assert usage(ledger).invoiced == 0
    with pytest.raises(Conflict):
        services.approve_invoice(actor=coordinator, invoice=invoice)
    with pytest.raises(Conflict):
        services.record_payment(
            actor=coordinator, invoice=invoice, paid_on=timezone.localdate(), amount="1", reference="x"
        )
    with pytest.raises(PermissionDenied):
        services.withdraw_invoice(actor=ledger.personas.other_clinic_staff, invoice=invoice, reason="x")
    invoice = services.withdraw_invoice(actor=ledger.personas.clinic_staff, invoice=invoice, reason="Corrected copy")
    assert invoice.status == "withdrawn"


@pytest.mark.parametrize("who", ["coordinator_kz", "clinic_staff", "other_clinic_staff", "analyst", "auditor", "admin"])
def test_only_the_cases_coordinators_review_and_pay(ledger, who):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    actor = getattr(ledger.personas, who)
    with pytest.raises(PermissionDenied):
        services.approve_invoice(actor=actor, invoice=invoice)
    with pytest.raises(PermissionDenied):
        services.dispute_invoice(actor=actor, invoice=invoice, reason="no")
    services.approve_invoice(actor=ledger.personas.coordinator_mn, invoice=invoice)
    with pytest.raises(PermissionDenied):
        services.record_payment(actor=actor, invoice=invoice, paid_on=timezone.localdate(), amount="1", reference="x")


def test_an_invoice_without_a_commitment_is_approved_once_funding_is_charged(ledger):
    case = ledger.world.at_follow_up()
    invoice = ledger.invoice(case)
    assert invoice.commitment is None and invoice.total_budget is None
    with pytest.raises(ValidationFailed, match="Charge the case's funding"):
        services.approve_invoice(actor=ledger.personas.coordinator_mn, invoice=invoice)
    commitment = services.commit_share(
        actor=ledger.personas.coordinator_mn, share=ledger.state_share(case), budget=ledger.budget
    )
    invoice = services.approve_invoice(actor=ledger.personas.coordinator_mn, invoice=invoice, commitment=commitment)
    assert invoice.commitment == commitment and invoice.total_budget == Decimal("86457142.86")


def test_release_returns_the_unpaid_rest_to_the_budget(ledger):
    coordinator = ledger.personas.coordinator_mn
    case, commitment = ledger.committed_case()
    invoice = ledger.invoice(case, lines=[{"description": "Surgery", "unit_price": "14000000"}])
    with pytest.raises(ValidationFailed, match="still awaiting"):
        services.release_commitment(actor=coordinator, commitment=commitment, reason="Done")
    services.approve_invoice(actor=coordinator, invoice=invoice)
    services.record_payment(
        actor=coordinator, invoice=invoice, paid_on=timezone.localdate(), amount="14000000", reference="TR"
    )
    with pytest.raises(ValidationFailed):
        services.release_commitment(actor=coordinator, commitment=commitment, reason="")
    with pytest.raises(PermissionDenied):
        services.release_commitment(actor=ledger.personas.coordinator_kz, commitment=commitment, reason="Done")
    released = services.release_commitment(actor=coordinator, commitment=commitment, reason="Treatment done")
    # Committed 68 000 000 MNT, paid 14 M KRW = 34 000 000 MNT: the other 34 000 000 return to the budget.
    assert released.status == "released" and released.released_budget == Decimal("34000000.00")
    row = usage(ledger)
    assert row.committed == Decimal("34000000.00") and row.released == Decimal("34000000.00")
    assert row.paid == Decimal("34000000.00")
    with pytest.raises(Conflict):
        services.release_commitment(actor=coordinator, commitment=released, reason="again")


# --- budget import ---------------------------------------------------------------------------------


def _row(**overrides):
    row = {
        "programme": "kz-abroad",
        "programme_name": "Treatment abroad (Kazakhstan)",
        "ministry": "Ministry of Health of Kazakhstan",
        "payer": "Kazakh state fund",
        "payer_kind": "state_quota",
        "fiscal_year": "2026",
        "amount": "120000000",
        "currency": "KZT",
        "starts_on": "",
        "ends_on": "",
    }
    return {**row, **overrides}


def test_import_creates_programmes_and_sets_budgets(ledger):
    rows = [_row(), _row(fiscal_year="2027", amount="130000000"), _row(programme="mn-abroad", amount="400000000")]
    report = services.import_budgets(actor=ledger.personas.admin, rows=rows)
    assert report.imported and report.programmes_created == 1 and report.budgets_saved == 3
    ledger.budget.refresh_from_db()
    assert ledger.budget.amount == Decimal("400000000.00")


def test_import_with_any_error_imports_nothing_and_names_every_row(ledger):
    rows = [
        _row(),
        _row(fiscal_year="20x6"),
        _row(programme="new", ministry="Nowhere"),
        _row(currency="ZZZ", fiscal_year="2028"),
        _row(starts_on="2026-13-01", fiscal_year="2029"),
    ]
    report = services.import_budgets(actor=None, rows=rows)
    assert not report.imported and report.budgets_saved == 0
    assert [(e["row"], e["column"]) for e in report.errors] == [
        (3, "fiscal_year"),
        (4, "ministry"),
        (5, "currency"),
        (6, "starts_on"),
    ]
    assert not ledger.programme.__class__.objects.filter(code="kz-abroad").exists()


def test_import_refuses_other_ministries_programmes(ledger):
    report = services.import_budgets(actor=ledger.personas.coordinator_kz, rows=[_row(programme="mn-abroad")])
    assert not report.imported and "coordinators" in report.errors[0]["message"]


def test_import_names_missing_columns(ledger):
    report = services.import_budgets(actor=None, rows=[{"programme": "x"}])
    assert not report.imported and "amount" in report.errors[0]["message"]


def test_the_chart_bars_are_the_shares_of_the_budget(ledger):
    import json

    from medcorridor.finance.charts import utilisation_chart

    ledger.committed_case(discharged=False)
    row = usage(ledger)
    labels = {"committed": "C", "invoiced": "I", "paid": "P", "budget": "B"}
    bars = {bar["name"]: bar["x"] for bar in json.loads(utilisation_chart([row], labels=labels))["data"]}
    assert bars["C"] == [row.committed_share] and row.committed_share > 0
    assert bars["I"] == [0.0] and bars["P"] == [0.0]
