"""The finance screens as each role uses them: programmes with the chart, a budget with its
commitments, the clinic's invoice form, the coordinator's review screen, and every refusal.
Pages are in Russian (the default language), so the messages checked here are the Russian ones."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from medcorridor.accounts.enums import Role
from medcorridor.audit.models import AuditEvent
from medcorridor.finance.models import FundingProgramme, Invoice, Payer
from tests.cases.conftest import PDF, PNG
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_programme_list_shows_the_utilisation_chart(ledger, client_for):
    ledger.committed_case(discharged=False)
    page = client_for(ledger.personas.coordinator_mn).get(reverse("finance:home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Treatment abroad (Mongolia)" in html and 'id="utilisation-chart"' in html
    assert "plotly.min.js" in html and "68" in html


def test_an_earlier_year_has_no_budgets(ledger, client_for):
    page = client_for(ledger.personas.coordinator_mn).get(reverse("finance:home"), {"year": "2020"})
    assert "utilisation-chart" not in page.content.decode().split("<table")[0]


def test_the_budget_page_lists_commitments_and_unassigned_shares(ledger, client_for):
    _, commitment = ledger.committed_case(discharged=False)
    other = ledger.world.at_travel()
    html = client_for(ledger.personas.coordinator_mn).get(reverse("finance:budget", args=[ledger.budget.public_id]))
    html = html.content.decode()
    assert commitment.case.reference in html and "2026-11-20" in html
    waiting = html.split('id="unassigned"')[1]
    assert other.reference in waiting and "Health Insurance Fund" in waiting
    assert "Family" not in waiting  # a self-pay share never goes to a state programme


def test_a_coordinator_charges_a_share_from_the_budget_page(ledger, client_for):
    case = ledger.world.at_travel()
    decision = case.funding_decisions.get()
    client = client_for(ledger.personas.coordinator_mn)
    back = reverse("finance:budget", args=[ledger.budget.public_id])
    response = client.post(
        reverse("finance:commit"),
        {"decision": decision.public_id, "share": 1, "budget": ledger.budget.public_id, "next": back},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    assert case.commitments.count() == 1


def test_over_commitment_on_the_page_shows_the_reason_it_needs(ledger, client_for):
    ledger.budget.amount = 1000
    ledger.budget.save()
    case = ledger.world.at_travel()
    response = client_for(ledger.personas.coordinator_mn).post(
        reverse("finance:commit"),
        {"decision": case.funding_decisions.get().public_id, "share": 1, "budget": ledger.budget.public_id},
        follow=True,
    )
    assert "Укажите причину превышения бюджета" in response.content.decode()
    assert not case.commitments.exists()


def test_the_analyst_of_the_ministry_sees_figures_but_no_case(ledger, client_for):
    case, _ = ledger.committed_case(discharged=False)
    analyst = member(Role.ANALYST, ledger.personas.ministry_mn, username="analyst_mn")
    client = client_for(analyst)
    html = client.get(reverse("finance:budget", args=[ledger.budget.public_id])).content.decode()
    assert "68" in html and case.reference not in html
    assert client.get(reverse("finance:case", args=[case.public_id])).status_code == 404


@pytest.mark.parametrize("who", ["coordinator_kz", "clinic_staff", "analyst"])
def test_other_organisations_get_no_budget_page(ledger, client_for, who):
    response = client_for(getattr(ledger.personas, who)).get(reverse("finance:budget", args=[ledger.budget.public_id]))
    assert response.status_code == 404


def test_roles_without_finance_are_refused(ledger, client_for):
    client = client_for(ledger.personas.transplant_coordinator)
    assert client.get(reverse("finance:home")).status_code == 403
    assert client.get(reverse("finance:invoices")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(reverse("finance:home")).status_code == 302


def test_a_clinic_is_sent_to_its_invoices(ledger, client_for):
    response = client_for(ledger.personas.clinic_staff).get(reverse("finance:home"))
    assert response.status_code == 302 and response.url == reverse("finance:invoices")


def _invoice_post(case, pdf=PDF, name="invoice.pdf", **overrides):
    data = {
        "case": str(case.public_id),
        "number": "GS-2026-001",
        "issued_on": timezone.localdate().isoformat(),
        "currency": "KRW",
        "pdf": SimpleUploadedFile(name, pdf),
        "note": "",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "40",
        "lines-0-description": "Mastectomy",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "30000000",
        "lines-1-description": "Ward",
        "lines-1-quantity": "8",
        "lines-1-unit_price": "700000",
    }
    data.update(overrides)
    return data


def test_the_clinic_sends_an_invoice_through_the_form(ledger, client_for):
    case, commitment = ledger.committed_case()
    client = client_for(ledger.personas.clinic_staff)
    form = client.get(reverse("finance:invoice_new")).content.decode()
    assert case.reference in form
    response = client.post(reverse("finance:invoice_new"), _invoice_post(case), follow=True)
    invoice = Invoice.objects.get()
    assert response.redirect_chain[-1][0] == reverse("finance:invoice", args=[invoice.public_id])
    assert invoice.total == 35600000 and invoice.lines.count() == 2 and invoice.commitment == commitment
    html = response.content.decode()
    assert "600" in html and 'id="variance"' in html and 'id="approve"' not in html


def test_a_png_invoice_is_refused_and_the_form_keeps_the_input(ledger, client_for):
    case, _ = ledger.committed_case()
    response = client_for(ledger.personas.clinic_staff).post(
        reverse("finance:invoice_new"), _invoice_post(case, pdf=PNG, name="scan.png")
    )
    assert response.status_code == 200 and "Счёт должен быть файлом PDF" in response.content.decode()
    assert 'value="GS-2026-001"' in response.content.decode() and not Invoice.objects.exists()


def test_a_clinic_cannot_invoice_another_clinics_case(ledger, client_for):
    case, _ = ledger.committed_case()
    client = client_for(ledger.personas.other_clinic_staff)
    assert "нет выписанных пациентов" in client.get(reverse("finance:invoice_new")).content.decode()
    response = client.post(reverse("finance:invoice_new"), _invoice_post(case))
    assert response.status_code == 200 and not Invoice.objects.exists()
    assert client_for(ledger.personas.coordinator_mn).get(reverse("finance:invoice_new")).status_code == 403


def test_the_coordinator_reviews_approves_and_pays(ledger, client_for):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    client = client_for(ledger.personas.coordinator_mn)
    page = client.get(reverse("finance:invoice", args=[invoice.public_id])).content.decode()
    assert 'id="approve"' in page and 'id="dispute"' in page and "(1,7 %)" in page  # Russian by default
    # 35.6 M KRW is 86.5 M MNT, more than the 68 M MNT committed: the reviewer is told.
    assert 'id="over-commitment"' in page
    client.post(reverse("finance:invoice_approve", args=[invoice.public_id]))
    invoice.refresh_from_db()
    assert invoice.status == "approved"
    client.post(
        reverse("finance:invoice_pay", args=[invoice.public_id]),
        {"paid_on": timezone.localdate().isoformat(), "amount": "35600000", "reference": "TR-77"},
    )
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    page = client.get(reverse("finance:invoice", args=[invoice.public_id])).content.decode()
    assert "TR-77" in page and 'id="pay"' not in page


def test_a_dispute_without_a_reason_is_refused_on_the_page(ledger, client_for):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    client = client_for(ledger.personas.coordinator_mn)
    response = client.post(reverse("finance:invoice_dispute", args=[invoice.public_id]), {"reason": ""}, follow=True)
    invoice.refresh_from_db()
    assert invoice.status == "submitted" and "messages" in response.content.decode()


@pytest.mark.parametrize("who", ["other_clinic_staff", "coordinator_kz", "analyst", "admin"])
def test_outsiders_get_no_invoice_page_pdf_or_action(ledger, client_for, who):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    client = client_for(getattr(ledger.personas, who))
    assert client.get(reverse("finance:invoice", args=[invoice.public_id])).status_code in (403, 404)
    assert client.get(reverse("finance:invoice_pdf", args=[invoice.public_id])).status_code in (403, 404)
    assert client.post(reverse("finance:invoice_approve", args=[invoice.public_id])).status_code in (403, 404)
    invoice.refresh_from_db()
    assert invoice.status == "submitted"


def test_the_clinic_cannot_approve_its_own_invoice(ledger, client_for):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    client = client_for(ledger.personas.clinic_staff)
    response = client.post(reverse("finance:invoice_approve", args=[invoice.public_id]), follow=True)
    invoice.refresh_from_db()
    assert (
        invoice.status == "submitted"
        and "Проверять счета случая могут только его координаторы" in response.content.decode()
    )


def test_the_pdf_is_an_attachment_never_a_page(ledger, client_for):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    response = client_for(ledger.personas.clinic_staff).get(reverse("finance:invoice_pdf", args=[invoice.public_id]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_case_funding_page_matches_payers(ledger, client_for):
    case = ledger.world.at_travel()
    client = client_for(ledger.personas.coordinator_mn)
    page = client.get(reverse("finance:case", args=[case.public_id])).content.decode()
    assert "Health Insurance Fund" in page and "Family" in page
    client.post(reverse("finance:match", args=[case.public_id]))
    assert case.commitments.count() == 1
    assert (
        client_for(ledger.personas.coordinator_kz).get(reverse("finance:case", args=[case.public_id])).status_code
        == 404
    )


def test_the_invoice_list_filters_by_status(ledger, client_for):
    case, _ = ledger.committed_case()
    invoice = ledger.invoice(case)
    client = client_for(ledger.personas.clinic_staff)
    assert invoice.number in client.get(reverse("finance:invoices")).content.decode()
    assert invoice.number not in client.get(reverse("finance:invoices"), {"status": "paid"}).content.decode()


def test_the_case_page_links_to_its_budgets_and_invoices(ledger, client_for):
    case = ledger.world.at_travel()
    page = client_for(ledger.personas.coordinator_mn).get(reverse("cases:detail", args=[case.public_id]))
    assert reverse("finance:case", args=[case.public_id]) in page.content.decode()


def test_tampered_commit_forms_are_not_found_not_errors(ledger, client_for):
    case = ledger.world.at_travel()
    client = client_for(ledger.personas.coordinator_mn)
    decision = str(case.funding_decisions.get().public_id)
    for data in (
        {"decision": "not-a-uuid", "share": "1", "budget": str(ledger.budget.public_id)},
        {"decision": decision, "share": "x", "budget": str(ledger.budget.public_id)},
        {"decision": decision, "share": "9", "budget": str(ledger.budget.public_id)},
        {"decision": decision, "share": "1", "budget": ""},
    ):
        assert client.post(reverse("finance:commit"), data).status_code == 404
    assert not case.commitments.exists()


def test_a_coordinator_sets_next_years_budget_on_the_page(ledger, client_for):
    client = client_for(ledger.personas.coordinator_mn)
    assert 'id="set-budget"' in client.get(reverse("finance:home")).content.decode()
    year = ledger.budget.fiscal_year + 1
    data = {"programme": str(ledger.programme.public_id), "fiscal_year": year, "amount": "600000000", "currency": "MNT"}
    response = client.post(reverse("finance:budget_set"), data, follow=True)
    budget = ledger.programme.budgets.get(fiscal_year=year)
    assert response.redirect_chain[-1][0] == reverse("finance:budget", args=[budget.public_id])
    assert budget.amount == 600000000 and budget.ends_on.isoformat() == f"{year}-12-31"


def test_only_the_ministry_sees_and_uses_the_budget_form(ledger, client_for):
    for who in ("coordinator_kz", "analyst", "auditor"):
        client = client_for(getattr(ledger.personas, who))
        assert 'id="set-budget"' not in client.get(reverse("finance:home")).content.decode()
        data = {"programme": str(ledger.programme.public_id), "fiscal_year": 2030, "amount": "1", "currency": "MNT"}
        client.post(reverse("finance:budget_set"), data)
    assert not ledger.programme.budgets.filter(fiscal_year=2030).exists()


def test_a_budget_below_its_commitments_is_refused_on_the_page(ledger, client_for):
    ledger.committed_case(discharged=False)
    client = client_for(ledger.personas.coordinator_mn)
    data = {
        "programme": str(ledger.programme.public_id),
        "fiscal_year": ledger.budget.fiscal_year,
        "amount": "1000",
        "currency": "MNT",
    }
    response = client.post(reverse("finance:budget_set"), data, follow=True)
    assert "уже зарезервировано" in response.content.decode().lower()
    ledger.budget.refresh_from_db()
    assert ledger.budget.amount == 340000000


@pytest.mark.parametrize("who", ["admin", "auditor", "analyst", "clinic_staff", "coordinator_mn"])
def test_the_finance_roles_and_administrators_may_open_finance(ledger, client_for, who):
    response = client_for(getattr(ledger.personas, who)).get(reverse("finance:home"))
    assert response.status_code in (200, 302)  # a clinic is sent on to its invoices
    assert client_for(getattr(ledger.personas, who)).get(reverse("finance:invoices")).status_code == 200


def _programme_post(ministry, **fields):
    data = {"ministry": str(ministry.public_id), "code": "mn-rehab", "name": "Rehabilitation abroad"}
    data.update(fields)
    return data


def test_a_coordinator_sets_up_a_programme_with_a_new_payer(ledger, client_for):
    personas = ledger.personas
    client = client_for(personas.coordinator_mn)
    assert 'id="set-up-programme"' in client.get(reverse("finance:home")).content.decode()
    data = _programme_post(personas.ministry_mn, new_payer_name="Rehabilitation fund", new_payer_kind="state_quota")
    client.post(reverse("finance:programme_new"), data, follow=True)
    programme = FundingProgramme.objects.get(code="mn-rehab")
    assert programme.owner_organisation == personas.ministry_mn
    assert programme.payer.name == "Rehabilitation fund" and programme.payer.organisation == personas.ministry_mn
    audited = AuditEvent.objects.filter(action="create").values_list("target_type", flat=True)
    assert {"finance.payer", "finance.fundingprogramme"} <= set(audited)


def test_a_programme_may_use_an_existing_payer(ledger, client_for):
    client = client_for(ledger.personas.coordinator_mn)
    data = _programme_post(ledger.personas.ministry_mn, payer=str(ledger.programme.payer.public_id))
    client.post(reverse("finance:programme_new"), data)
    assert FundingProgramme.objects.get(code="mn-rehab").payer == ledger.programme.payer


@pytest.mark.parametrize(
    "payer_fields",
    [{}, {"new_payer_name": "Another fund", "new_payer_kind": "state_quota", "payer": "existing"}],
    ids=["no payer", "both payers"],
)
def test_a_programme_needs_exactly_one_payer(ledger, client_for, payer_fields):
    if payer_fields.get("payer") == "existing":
        payer_fields["payer"] = str(ledger.programme.payer.public_id)
    client = client_for(ledger.personas.coordinator_mn)
    response = client.post(
        reverse("finance:programme_new"), _programme_post(ledger.personas.ministry_mn, **payer_fields), follow=True
    )
    assert "выберите плательщика" in response.content.decode().lower()
    assert not FundingProgramme.objects.filter(code="mn-rehab").exists()
    assert not Payer.objects.filter(name="Another fund").exists()


def test_a_refused_programme_leaves_no_new_payer_behind(ledger, client_for):
    client = client_for(ledger.personas.coordinator_mn)
    data = _programme_post(
        ledger.personas.ministry_mn, code="mn-abroad", new_payer_name="Orphan fund", new_payer_kind="charity"
    )
    response = client.post(reverse("finance:programme_new"), data, follow=True)
    assert "mn-abroad" in response.content.decode()  # the code is taken: the message names it
    assert not Payer.objects.filter(name="Orphan fund").exists()


def test_only_a_ministrys_coordinators_set_up_its_programmes(ledger, client_for):
    personas = ledger.personas
    data = _programme_post(personas.ministry_mn, new_payer_name="Foreign fund", new_payer_kind="state_quota")
    client_for(personas.coordinator_kz).post(reverse("finance:programme_new"), data)  # not among its ministries
    for who in ("analyst", "auditor"):
        client = client_for(getattr(personas, who))
        assert 'id="set-up-programme"' not in client.get(reverse("finance:home")).content.decode()
        assert client.post(reverse("finance:programme_new"), data).status_code == 403
    assert not FundingProgramme.objects.filter(code="mn-rehab").exists()
    assert not Payer.objects.filter(name="Foreign fund").exists()
