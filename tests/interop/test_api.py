"""The FHIR REST endpoints at /api/v1/fhir/: export, bulk, patient read, import, denials, schema."""

import json
from datetime import date

import pytest
from django.test import Client

from medcorridor.accounts.api_auth import new_token
from medcorridor.audit.models import AccessLog, AuditEvent
from medcorridor.cases.models import Patient, ReferralCase
from medcorridor.cases.services import PATIENT_FIELDS
from medcorridor.interop.fhir import validation

from .test_export import sent_to_one_clinic

pytestmark = pytest.mark.django_db
BASE = "/api/v1/fhir"


def api(user) -> Client:
    _token, key = new_token(user, "fhir")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post_bundle(user, bundle, content_type="application/fhir+json"):
    body = bundle if isinstance(bundle, str | bytes) else json.dumps(bundle)
    return api(user).post(f"{BASE}/Bundle", body, content_type=content_type)


def test_a_case_comes_as_fhir_json_and_validates(world):
    case = world.at_opinions()
    response = api(world.personas.coordinator_mn).get(f"{BASE}/cases/{case.public_id}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = response.json()
    assert validation.problems(bundle) == [] and validation.unresolved_references(bundle) == set()
    urls = [
        e["resource"]["content"][0]["attachment"]["url"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
    ]
    assert all(url.startswith("http://testserver/api/v1/cases/documents/") for url in urls)
    assert AccessLog.objects.filter(purpose="fhir_export", channel="api", granted=True).count() == 1


@pytest.mark.parametrize("who", ["coordinator_kz", "other_clinic_staff", "analyst", "transplant_coordinator", "admin"])
def test_out_of_scope_is_a_404_operation_outcome(world, who):
    case = sent_to_one_clinic(world)
    response = api(getattr(world.personas, who)).get(f"{BASE}/cases/{case.public_id}")
    assert response.status_code == 404
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"][0]["code"] == "not-found"
    assert reference_absent(response, case)


def reference_absent(response, case) -> bool:
    return case.reference not in response.content.decode() and case.patient.family_name not in response.content.decode()


def test_anonymous_callers_are_refused_everywhere(world):
    case = world.at_opinions()
    anonymous = Client()
    for path in (f"/cases/{case.public_id}", "/cases", f"/Patient/{case.patient.public_id}"):
        assert anonymous.get(BASE + path).status_code == 401
    assert anonymous.post(f"{BASE}/Bundle", "{}", content_type="application/fhir+json").status_code == 401


def test_bulk_searchset_pages_and_filters(world):
    cases = [world.open_case() for _ in range(3)]
    client = api(world.personas.coordinator_mn)
    first = client.get(f"{BASE}/cases", {"_count": 2}).json()
    assert first["type"] == "searchset" and first["total"] == 3
    matches = [e["resource"]["id"] for e in first["entry"] if e["search"]["mode"] == "match"]
    assert matches == [str(c.public_id) for c in cases[:2]]
    links = {link["relation"]: link["url"] for link in first["link"]}
    assert "next" in links and "previous" not in links
    second = client.get(links["next"]).json()
    assert [e["resource"]["id"] for e in second["entry"] if e["search"]["mode"] == "match"] == [str(cases[2].public_id)]
    assert "next" not in {link["relation"] for link in second["link"]}
    assert validation.problems(second) == []
    since = client.get(f"{BASE}/cases", {"updated_since": cases[1].updated_at.isoformat()}).json()
    assert since["total"] == 1


def test_bulk_is_scoped_per_reader(world):
    case = sent_to_one_clinic(world)
    assert api(world.personas.other_clinic_staff).get(f"{BASE}/cases").json()["total"] == 0
    assert api(world.personas.analyst).get(f"{BASE}/cases").json()["total"] == 0
    assert api(world.personas.coordinator_kz).get(f"{BASE}/cases").json()["total"] == 0
    body = api(world.personas.clinic_staff).get(f"{BASE}/cases").json()
    assert body["total"] == 1
    assert [e["resource"]["id"] for e in body["entry"] if e["search"]["mode"] == "match"] == [str(case.public_id)]


def test_bulk_ndjson_is_one_case_bundle_per_line(world):
    cases = [world.open_case() for _ in range(2)]
    response = api(world.personas.coordinator_mn).get(f"{BASE}/cases", {"_format": "application/fhir+ndjson"})
    assert response["Content-Type"].startswith("application/fhir+ndjson")
    lines = response.content.decode().splitlines()
    bundles = [json.loads(line) for line in lines]
    assert [b["type"] for b in bundles] == ["collection", "collection"]
    assert {e["resource"]["id"] for b in bundles for e in b["entry"]} >= {str(c.public_id) for c in cases}


def test_an_unknown_format_is_refused(world):
    world.open_case()
    response = api(world.personas.coordinator_mn).get(f"{BASE}/cases", {"_format": "xml"})
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["_format"]
    assert not AccessLog.objects.filter(purpose="fhir_export").exists()  # refused before any case is read


def test_patient_read(world):
    case = sent_to_one_clinic(world)
    path = f"{BASE}/Patient/{case.patient.public_id}"
    patient = api(world.personas.clinic_staff).get(path).json()
    assert patient["resourceType"] == "Patient" and patient["id"] == str(case.patient.public_id)
    assert validation.problems(patient) == []
    assert api(world.personas.other_clinic_staff).get(path).status_code == 404


def test_the_schema_lists_the_fhir_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {f"{BASE}/cases/{{case_id}}", f"{BASE}/cases", f"{BASE}/Patient/{{patient_id}}", f"{BASE}/Bundle"} <= set(
        paths
    )
    assert "application/fhir+json" in paths[f"{BASE}/cases/{{case_id}}"]["get"]["responses"]["200"]["content"]


# --- import ----------------------------------------------------------------------------------------


def test_an_exported_case_imports_back_as_a_new_draft_case(world):
    case = world.at_opinions(
        email="enkh@example.mn",
        address="Ulaanbaatar, Bayanzurkh 4",
        communication_language="mn",
        passport_expiry=date(2031, 5, 1),
        contact_phone="+976 8800 1122",
        condition_note="Biopsy: invasive ductal carcinoma",
        requested_procedure="Mastectomy",
    )
    bundle = api(world.personas.coordinator_mn).get(f"{BASE}/cases/{case.public_id}").json()
    response = post_bundle(world.personas.coordinator_mn, bundle)
    assert response.status_code == 201, response.content
    created = ReferralCase.objects.exclude(pk=case.pk).get()
    assert response["Location"].endswith(f"/api/v1/fhir/cases/{created.public_id}")
    assert created.status == "intake"
    assert created.condition_code_id == case.condition_code_id
    assert (created.priority, created.condition_note, created.requested_procedure) == (
        case.priority,
        case.condition_note,
        case.requested_procedure,
    )
    assert (created.requester_organisation, created.requester_practitioner) == (
        case.requester_organisation,
        case.requester_practitioner,
    )
    assert (created.consent_scope, created.consent_date) == (case.consent_scope, case.consent_date)
    old, new = case.patient, created.patient
    for field in PATIENT_FIELDS:
        assert new.serializable_value(field) == old.serializable_value(field), field
    assert response.json()["type"] == "collection"
    assert AuditEvent.objects.filter(action="import", target_id=str(created.public_id)).exists()


def test_invalid_fhir_is_refused_with_every_problem_located_and_nothing_written(world):
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": {"resourceType": "Patient", "birthDate": "14.03.1975", "name": [{"family": "Ли"}]}},
        ],
    }
    response = post_bundle(world.personas.coordinator_mn, bundle)
    assert response.status_code == 400
    issues = response.json()["issue"]
    assert any("birthDate" in i["expression"][0] for i in issues)
    assert not Patient.objects.exists()


def test_a_valid_bundle_that_cannot_be_a_case_lists_what_is_missing(world):
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": {"resourceType": "Patient", "gender": "female", "name": [{"family": "Ли"}]}}],
    }
    response = post_bundle(world.personas.coordinator_mn, bundle)
    assert response.status_code == 400
    expressions = {i["expression"][0] for i in response.json()["issue"]}
    assert {
        "Bundle.entry",
        "Bundle.entry[0].resource.name",
        "Bundle.entry[0].resource.birthDate",
        "Bundle.entry[0].resource.extension",
    } <= expressions
    assert not Patient.objects.exists()


def test_an_unknown_icd_code_writes_nothing(world):
    case = world.open_case()
    bundle = api(world.personas.coordinator_mn).get(f"{BASE}/cases/{case.public_id}").json()
    condition = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition")
    condition["code"]["coding"][0]["code"] = "X99.999"
    response = post_bundle(world.personas.coordinator_mn, bundle)
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["Condition.code"]
    assert "X99.999" in response.json()["issue"][0]["diagnostics"]
    assert ReferralCase.objects.count() == 1 and Patient.objects.count() == 1


def test_not_json_is_a_clear_error(world):
    response = post_bundle(world.personas.coordinator_mn, "{not json")
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("who", ["clinic_staff", "analyst", "transplant_coordinator", "auditor", "admin"])
def test_only_coordinators_import(world, who):
    case = world.open_case()
    bundle = api(world.personas.coordinator_mn).get(f"{BASE}/cases/{case.public_id}").json()
    response = post_bundle(getattr(world.personas, who), bundle)
    assert response.status_code == 403
    assert response.json()["issue"][0]["code"] == "forbidden"
    assert ReferralCase.objects.count() == 1


def test_a_session_import_needs_the_csrf_token(world):
    case = world.open_case()
    bundle = api(world.personas.coordinator_mn).get(f"{BASE}/cases/{case.public_id}").json()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.personas.coordinator_mn)
    response = client.post(f"{BASE}/Bundle", json.dumps(bundle), content_type="application/fhir+json")
    assert response.status_code == 401
    assert ReferralCase.objects.count() == 1
