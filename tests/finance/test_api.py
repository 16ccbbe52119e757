"""The finance API end to end with a bearer token, and its refusals."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from medcorridor.accounts.api_auth import new_token
from tests.cases.conftest import PDF, PNG

pytestmark = pytest.mark.django_db
BASE = "/api/v1/finance"


@pytest.fixture
def api(client):
    def call(user, method, path, data=None, *, multipart=False):
        _token, key = new_token(user, "test")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        if method == "get":
            return client.get(BASE + path, data or {}, **headers)
        if multipart:
            return client.post(BASE + path, data, **headers)
        return client.post(BASE + path, data or {}, content_type="application/json", **headers)

    return call


def test_openapi_lists_the_finance_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/programmes",
        "/programmes/{programme_id}/budgets",
        "/budgets/{budget_id}",
        "/commitments",
        "/cases/{case_id}/match",
        "/invoices",
        "/invoices/{invoice_id}/approve",
        "/invoices/{invoice_id}/payments",
        "/report",
    ):
        assert f"/api/v1/finance{path}" in paths


def _invoice_form(case, pdf=PDF):
    return {
        "case": str(case.public_id),
        "number": "API-1",
        "issued_on": timezone.localdate().isoformat(),
        "currency": "KRW",
        "lines": json.dumps([{"description": "Surgery", "quantity": 1, "unit_price": "30000000"}]),
        "pdf": SimpleUploadedFile("invoice.pdf", pdf),
    }


def test_the_whole_money_trail_over_the_api(ledger, api):
    personas = ledger.personas
    coordinator, clinic = personas.coordinator_mn, personas.clinic_staff
    case = ledger.world.at_follow_up()
    [state, family] = api(coordinator, "get", f"/cases/{case.public_id}/funding").json()
    assert state["commitment"] is None and family["payer_name"] == "Family"
    created = api(
        coordinator,
        "post",
        "/commitments",
        {**{k: state[k] for k in ("decision", "share")}, "budget": str(ledger.budget.public_id)},
    )
    assert created.status_code == 201, created.json()
    assert created.json()["amount_budget"] == "68000000.00" and created.json()["rate_date"] == "2026-11-20"

    sent = api(clinic, "post", "/invoices", _invoice_form(case), multipart=True)
    assert sent.status_code == 201, sent.json()
    invoice = sent.json()
    assert invoice["total"] == "30000000.00" and invoice["variance"]["difference"] == "-5000000.00"
    path = f"/invoices/{invoice['id']}"
    assert api(coordinator, "post", f"{path}/approve", {}).json()["status"] == "approved"
    paid = api(
        coordinator,
        "post",
        f"{path}/payments",
        {"paid_on": timezone.localdate().isoformat(), "amount": "30000000", "reference": "TR"},
    )
    assert paid.status_code == 201 and paid.json()["amount_budget"] == "72857142.86"
    assert api(clinic, "get", path).json()["status"] == "paid"

    [row] = api(coordinator, "get", "/report", {"year": ledger.budget.fiscal_year}).json()
    assert (row["committed"], row["invoiced"], row["paid"]) == ("68000000.00", "72857142.86", "72857142.86")
    budget = api(coordinator, "get", f"/budgets/{ledger.budget.public_id}").json()
    assert [c["case_reference"] for c in budget["commitments"]] == [case.reference]


def test_refusals_are_json_with_a_clear_message(ledger, api):
    personas = ledger.personas
    case, _ = ledger.committed_case()
    bad = api(personas.clinic_staff, "post", "/invoices", _invoice_form(case, pdf=PNG), multipart=True)
    assert bad.status_code == 400 and "PDF" in bad.json()["message"]
    invoice = api(personas.clinic_staff, "post", "/invoices", _invoice_form(case), multipart=True).json()
    path = f"/invoices/{invoice['id']}"
    assert api(personas.other_clinic_staff, "get", path).status_code == 404
    assert api(personas.analyst, "get", path).status_code == 404
    assert api(personas.clinic_staff, "post", f"{path}/approve", {}).status_code == 403
    assert api(personas.coordinator_mn, "post", f"{path}/dispute", {"reason": ""}).status_code == 400
    assert (
        api(
            personas.coordinator_mn,
            "post",
            f"{path}/payments",
            {"paid_on": "2026-01-01", "amount": "1", "reference": "x"},
        ).status_code
        == 409
    )
    assert api(personas.other_clinic_staff, "get", "/invoices").json() == []
    assert api(personas.coordinator_kz, "get", f"/budgets/{ledger.budget.public_id}").status_code == 404


def test_a_ministry_sets_up_a_programme_and_budget(ledger, api):
    coordinator = ledger.personas.coordinator_kz
    payer = api(
        coordinator,
        "post",
        "/payers",
        {"name": "KZ fund", "kind": "state_quota", "organisation": str(ledger.personas.ministry_kz.public_id)},
    )
    assert payer.status_code == 201, payer.json()
    programme = api(
        coordinator,
        "post",
        "/programmes",
        {
            "payer": payer.json()["id"],
            "code": "kz",
            "name": "KZ abroad",
            "owner_organisation": str(ledger.personas.ministry_kz.public_id),
        },
    )
    assert programme.status_code == 201
    budget = api(
        coordinator,
        "post",
        f"/programmes/{programme.json()['id']}/budgets",
        {"fiscal_year": 2026, "amount": "1000", "currency": "KZT"},
    )
    assert budget.status_code == 201 and budget.json()["available"] == "1000.00"
    refused = api(
        ledger.personas.coordinator_mn,
        "post",
        "/programmes",
        {
            "payer": payer.json()["id"],
            "code": "kz2",
            "name": "x",
            "owner_organisation": str(ledger.personas.ministry_kz.public_id),
        },
    )
    assert refused.status_code == 403


def test_anonymous_callers_are_refused(client):
    assert client.get(f"{BASE}/programmes").status_code == 401


def test_the_invoice_list_reads_lines_payments_and_history_in_one_query_each(ledger, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clinic = ledger.personas.clinic_staff
    case, _ = ledger.committed_case()
    ledger.invoice(case, number="INV-1")

    def count():
        with CaptureQueriesContext(connection) as queries:
            rows = api(clinic, "get", "/invoices").json()
        return len(rows), len(queries)

    one, with_one = count()
    ledger.invoice(case, number="INV-2")
    ledger.invoice(case, number="INV-3")
    three, with_three = count()
    assert (one, three) == (1, 3)
    assert with_three == with_one


def test_each_programme_lists_its_own_budgets(ledger, api):
    from medcorridor.finance import services

    coordinator = ledger.personas.coordinator_mn
    year = ledger.budget.fiscal_year
    other = services.create_programme(
        actor=coordinator,
        payer=ledger.programme.payer,
        code="mn-second",
        name="Second programme",
        owner_organisation=ledger.personas.ministry_mn,
    )
    for fiscal_year in (year, year - 1):
        services.set_budget(actor=coordinator, programme=other, fiscal_year=fiscal_year, amount="1000", currency="MNT")
    listed = {p["code"]: p["budgets"] for p in api(coordinator, "get", "/programmes").json()}
    assert [b["budget_id"] for b in listed["mn-abroad"]] == [str(ledger.budget.public_id)]
    assert sorted(b["fiscal_year"] for b in listed["mn-second"]) == [year - 1, year]
    by_year = {p["code"]: p["budgets"] for p in api(coordinator, "get", "/programmes", {"year": year - 1}).json()}
    assert by_year["mn-abroad"] == [] and [b["fiscal_year"] for b in by_year["mn-second"]] == [year - 1]
