"""In Chromium: the clinic sends an invoice through the form, the coordinator sees it against the
estimate, approves and pays it, and the programme page's chart shows the money."""

import pytest
from django.utils import timezone

from medcorridor.finance.models import Invoice
from tests.conftest import browser_login

from .conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invoice_from_the_clinic_to_payment(ledger, browser_page):
    page = browser_page
    personas = ledger.personas
    case, _ = ledger.committed_case()

    browser_login(page, personas.clinic_staff.username)
    page.goto("/finance/invoices/new/")
    page.select_option("[name='case']", str(case.public_id))
    page.fill("[name='number']", "GS-77")
    page.select_option("[name='currency']", "KRW")
    page.set_input_files("[name='pdf']", {"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.fill("[name='lines-0-description']", "Mastectomy")
    page.fill("[name='lines-0-unit_price']", "36000000")
    with page.expect_navigation():
        page.click("form.stacked button[type=submit]")
    invoice = Invoice.objects.get(number="GS-77")
    assert invoice.issued_on == timezone.localdate() and invoice.total == 36000000
    page.locator("form[action$='/logout/'] button").click()

    browser_login(page, personas.coordinator_mn.username)
    page.goto(f"/finance/invoices/{invoice.public_id}/")
    assert "1 000 000,00 KRW" in page.locator("#variance").inner_text().replace("\u00a0", " ")
    with page.expect_navigation():
        page.click("#approve")
    page.fill("[name='reference']", "TR-2026-0042")  # the outstanding amount and today are filled in
    with page.expect_navigation():
        page.click("#pay")
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    page.goto("/finance/")
    page.locator("#utilisation-chart .main-svg").first.wait_for()


def test_a_coordinator_sets_up_a_programme_and_its_first_budget(ledger, browser_page):
    from medcorridor.finance.models import FundingProgramme

    page = browser_page
    browser_login(page, ledger.personas.coordinator_mn.username)
    page.goto("/finance/")
    form = page.locator("form[action$='/finance/programmes/']")
    form.locator("[name='code']").fill("mn-rehab")
    form.locator("[name='name']").fill("Rehabilitation abroad")
    form.locator("[name='new_payer_name']").fill("Rehabilitation fund")
    with page.expect_navigation():
        page.click("#set-up-programme")
    programme = FundingProgramme.objects.get(code="mn-rehab")
    assert programme.payer.name == "Rehabilitation fund"
    budget_form = page.locator("form[action$='/finance/budgets/']")
    budget_form.locator("[name='programme']").select_option(str(programme.public_id))
    budget_form.locator("[name='amount']").fill("150000000")
    budget_form.locator("[name='currency']").select_option("MNT")
    with page.expect_navigation():
        page.click("#set-budget")
    assert programme.budgets.get().amount == 150000000  # and the page is now that budget's
    page.goto("/finance/")
    page.locator("#budgets", has_text="Rehabilitation abroad").wait_for()
