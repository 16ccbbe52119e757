"""Who reads what: ministries their programmes and their cases' money, clinics their own invoices,
analysts aggregates only, auditors everything; invoice and commitment reads are access-logged."""

import pytest

from medcorridor.accounts.enums import Role
from medcorridor.audit.models import AccessLog
from medcorridor.core.errors import NotFound
from medcorridor.finance import selectors
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(ledger):
    case, commitment = ledger.committed_case()
    invoice = ledger.invoice(case)
    ministry_analyst = member(Role.ANALYST, ledger.personas.ministry_mn, username="analyst_mn")
    return ledger, case, commitment, invoice, ministry_analyst


def test_the_ministry_sees_its_programme_budget_commitments_and_invoices(books):
    ledger, case, commitment, invoice, _ = books
    user = ledger.personas.coordinator_mn
    assert list(selectors.programmes(user)) == [ledger.programme]
    assert list(selectors.budgets(user)) == [ledger.budget]
    assert selectors.budget_commitments(user, ledger.budget) == [commitment]
    assert selectors.invoices(user) == [invoice]
    assert selectors.get_invoice(user, invoice.public_id) == invoice


@pytest.mark.parametrize("who", ["coordinator_kz", "clinic_staff", "other_clinic_staff", "transplant_coordinator"])
def test_other_roles_see_no_programme(books, who):
    ledger = books[0]
    user = getattr(ledger.personas, who)
    assert not selectors.programmes(user).exists() and not selectors.budgets(user).exists()
    with pytest.raises(NotFound):
        selectors.get_budget(user, ledger.budget.public_id)


def test_an_analyst_reads_the_aggregates_of_their_organisation_only(books):
    ledger, case, commitment, invoice, ministry_analyst = books
    [row] = selectors.utilisation(selectors.budgets(ministry_analyst))
    assert row.invoiced > 0 and row.committed == commitment.amount_budget
    assert selectors.budget_commitments(ministry_analyst, ledger.budget) == []
    assert selectors.invoices(ministry_analyst) == []
    with pytest.raises(NotFound):
        selectors.get_invoice(ministry_analyst, invoice.public_id)
    with pytest.raises(NotFound):
        selectors.get_commitment(ministry_analyst, commitment.public_id)
    # The persona analyst works for another organisation: not even the aggregates.
    assert not selectors.budgets(ledger.personas.analyst).exists()


def test_a_clinic_sees_its_own_invoices_only(books):
    ledger, case, commitment, invoice, _ = books
    assert selectors.invoices(ledger.personas.clinic_staff) == [invoice]
    assert selectors.invoices(ledger.personas.other_clinic_staff) == []
    with pytest.raises(NotFound):
        selectors.get_invoice(ledger.personas.other_clinic_staff, invoice.public_id)
    with pytest.raises(NotFound):
        selectors.get_commitment(ledger.personas.clinic_staff, commitment.public_id)


@pytest.mark.parametrize("who", ["coordinator_kz", "transplant_coordinator", "analyst", "admin"])
def test_roles_outside_the_case_read_no_invoice(books, who):
    ledger, case, commitment, invoice, _ = books
    user = getattr(ledger.personas, who)
    assert selectors.invoices(user) == []
    with pytest.raises(NotFound):
        selectors.get_invoice(user, invoice.public_id)
    assert AccessLog.objects.filter(actor=user, target_id=str(invoice.public_id), granted=False).exists()


def test_an_auditor_reads_everything(books):
    ledger, case, commitment, invoice, _ = books
    auditor = ledger.personas.auditor
    assert selectors.get_invoice(auditor, invoice.public_id) == invoice
    assert selectors.budget_commitments(auditor, ledger.budget) == [commitment]
    assert list(selectors.programmes(auditor)) == [ledger.programme]


def test_an_administrator_manages_programmes_but_reads_no_patient_money(books):
    ledger, case, commitment, invoice, _ = books
    admin = ledger.personas.admin
    assert list(selectors.budgets(admin)) == [ledger.budget]
    assert selectors.budget_commitments(admin, ledger.budget) == []


def test_reads_of_invoices_and_commitments_are_access_logged(books):
    ledger, case, commitment, invoice, _ = books
    user = ledger.personas.coordinator_mn
    selectors.invoices(user)
    selectors.get_invoice(user, invoice.public_id, purpose="download")
    selectors.budget_commitments(user, ledger.budget)
    logged = set(AccessLog.objects.filter(actor=user).values_list("target_type", "target_id", "purpose", "granted"))
    assert ("finance.invoice", str(invoice.public_id), "list", True) in logged
    assert ("finance.invoice", str(invoice.public_id), "download", True) in logged
    assert ("finance.commitment", str(commitment.public_id), "list", True) in logged


def test_the_clinic_can_invoice_only_its_discharged_patients(books):
    ledger, case, *_ = books
    assert selectors.invoiceable_cases(ledger.personas.clinic_staff) == [case]
    assert selectors.invoiceable_cases(ledger.personas.other_clinic_staff) == []
    assert selectors.invoiceable_cases(ledger.personas.coordinator_mn) == []


def test_utilisation_sums_any_number_of_budgets_in_three_queries(books, django_assert_num_queries):
    ledger, _case, commitment, _invoice, _analyst = books
    shown = list(selectors.budgets(ledger.personas.coordinator_mn))
    with django_assert_num_queries(3):  # commitments (committed and released), invoices, payments
        [row] = selectors.utilisation(shown)
    assert row.committed == commitment.amount_budget - commitment.released_budget
    assert row.released == commitment.released_budget
