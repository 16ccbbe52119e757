"""REST API: every step through /api/v1/cases/, OpenAPI, denials and conflicts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from medcorridor.accounts.api_auth import new_token

from .conftest import INTAKE, PDF, today

BASE = "/api/v1/cases"


@pytest.fixture
def api(client):
    def call(user, method, path, data=None, **extra):
        _token, key = new_token(user, "test")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        if method == "get":
            return client.get(BASE + path, data or {}, **headers)
        if extra.get("multipart"):
            return client.post(BASE + path, data, **headers)
        return client.post(BASE + path, data, content_type="application/json", **headers)

    return call


def test_openapi_lists_every_step(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/cases/",
        "/api/v1/cases/{case_id}/opinion-requests",
        "/api/v1/cases/inbox",
        "/api/v1/cases/requests/{request_id}/answer",
        "/api/v1/cases/{case_id}/selection",
        "/api/v1/cases/{case_id}/funding/approve",
        "/api/v1/cases/{case_id}/funding/appeal",
        "/api/v1/cases/{case_id}/travel",
        "/api/v1/cases/{case_id}/invitation",
        "/api/v1/cases/{case_id}/admission",
        "/api/v1/cases/{case_id}/discharge",
        "/api/v1/cases/{case_id}/tasks",
        "/api/v1/cases/{case_id}/tasks/{task_id}/complete",
        "/api/v1/cases/{case_id}/comparison",
        "/api/v1/cases/{case_id}/suggestions",
        "/api/v1/cases/{case_id}/hold",
        "/api/v1/cases/{case_id}/cancel",
        "/api/v1/cases/{case_id}/close",
    ):
        assert path in paths, path


def test_whole_journey_over_the_api(world, api):
    p = world.personas
    intake = {k: str(v) for k, v in INTAKE.items()}
    created = api(p.coordinator_mn, "post", "/", intake)
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    doc = api(
        p.coordinator_mn,
        "post",
        f"/{case_id}/documents",
        {"file": SimpleUploadedFile("r.pdf", PDF), "description": "Report", "category": "lab"},
        multipart=True,
    )
    assert doc.status_code == 201, doc.content
    sent = api(
        p.coordinator_mn,
        "post",
        f"/{case_id}/opinion-requests",
        {
            "facilities": [str(world.facility.public_id)],
            "documents": [doc.json()["id"]],
            "due_date": str(today() + timedelta(days=5)),
        },
    )
    assert sent.status_code == 200, sent.content
    inbox = api(p.clinic_staff, "get", "/inbox").json()
    assert [row["reference"] for row in inbox] == [created.json()["reference"]]
    assert api(p.other_clinic_staff, "get", "/inbox").json() == []
    request_id = inbox[0]["request"]
    answer = api(
        p.clinic_staff,
        "post",
        f"/requests/{request_id}/answer",
        {
            "treatment_plan": "Surgery",
            "estimate_amount": "28000000",
            "estimate_currency": "KRW",
            "stay_days": 8,
            "earliest_admission": str(today() + timedelta(days=14)),
        },
    )
    assert answer.status_code == 200, answer.content
    assert api(p.clinic_staff, "get", f"/{case_id}").json()["documents"][0]["id"] == doc.json()["id"]
    comparison = api(p.coordinator_mn, "get", f"/{case_id}/comparison", {"currency": "USD"}).json()
    assert comparison[0]["amount"] == "20000.00"
    version = api(p.coordinator_mn, "get", f"/{case_id}").json()["version"]
    steps = [
        (
            p.coordinator_mn,
            "selection",
            {"request": request_id, "funding_due": str(today() + timedelta(days=9))},
        ),
        (p.coordinator_mn, "funding/refuse", {"reason": "Quota exhausted"}),
        (
            p.coordinator_mn,
            "funding/appeal",
            {"reason": "New quota", "funding_due": str(today() + timedelta(days=20))},
        ),
        (
            p.coordinator_mn,
            "funding/approve",
            {
                "shares": [
                    {"payer_kind": "state_quota", "payer_name": "MoH", "amount": "15000", "currency": "USD"},
                    {"payer_kind": "charity", "payer_name": "Fund", "amount": "5000", "currency": "USD"},
                ]
            },
        ),
        (p.coordinator_mn, "travel", {"arrival_date": str(today() + timedelta(days=13)), "companion": "Son"}),
        (p.clinic_staff, "invitation", {}),
        (p.clinic_staff, "admission", {"admitted_on": str(today())}),
        (p.clinic_staff, "treatment-updates", {"note": "Surgery went well"}),
    ]
    for user, path, body in steps:
        response = api(user, "post", f"/{case_id}/{path}", {**body, "version": version})
        assert response.status_code == 200, (path, response.content)
        version = response.json()["version"]
    stale = api(p.coordinator_mn, "post", f"/{case_id}/hold", {"reason": "x", "version": version - 1})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    discharged = api(
        p.clinic_staff,
        "post",
        f"/{case_id}/discharge",
        {
            "summary_upload": SimpleUploadedFile("s.pdf", PDF),
            "discharged_on": str(today()),
            "follow_up_plan": "Control in 30 days",
        },
        multipart=True,
    )
    assert discharged.status_code == 200, discharged.content
    assert discharged.json()["status"] == "follow_up"
    assert api(p.auditor, "get", f"/{case_id}").status_code == 200
    for outsider in (p.coordinator_kz, p.analyst, p.admin, p.transplant_coordinator, p.other_clinic_staff):
        assert api(outsider, "get", f"/{case_id}").status_code == 404
        assert api(outsider, "post", f"/{case_id}/close", {}).status_code == 404


def test_clinic_cannot_take_coordinator_steps(world, api):
    case = world.at_opinions()
    response = api(world.personas.clinic_staff, "post", f"/{case.public_id}/cancel", {"reason": "no"})
    assert response.status_code == 403
    assert api(world.personas.auditor, "post", f"/{case.public_id}/cancel", {"reason": "no"}).status_code == 403


def test_anonymous_is_refused(world, client):
    assert client.get(BASE + "/").status_code == 401


def test_check_deadlines_command(world, capsys):
    case = world.at_opinions()
    case.opinion_requests.update(due_date=today() - timedelta(days=2))
    call_command("cases", "check-deadlines")
    assert "2 opinion requests" in capsys.readouterr().out


def test_a_document_downloads_through_the_api_as_on_the_web(world, api):
    """Both channels serve the same safe attachment: the API is no weaker than the web page."""
    case = world.at_opinions()
    document = case.shared_document
    response = api(world.personas.clinic_staff, "get", f"/documents/{document.public_id}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{case.reference}-{document.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store" and response["Digest"] == f"sha-256={document.sha256}"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    outsider = api(world.personas.coordinator_kz, "get", f"/documents/{document.public_id}")
    assert outsider.status_code == 404
