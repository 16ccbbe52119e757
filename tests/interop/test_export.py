"""Export of a case read from the database: scoping per role, access log, hashes, R4 validity."""

import base64
import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medcorridor.audit.models import AccessLog
from medcorridor.cases import services
from medcorridor.cases.models import Encounter
from medcorridor.core.errors import NotFound
from medcorridor.interop import selectors
from medcorridor.interop.fhir import validation
from medcorridor.interop.fhir.validation import parse

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


def export(user, case):
    return selectors.export_case(user, case.public_id, channel="api", base_url="https://mc.example/")


def of_type(bundle, resource_type):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type]


def document_ids(bundle):
    return {r["id"] for r in of_type(bundle, "DocumentReference")}


def sent_to_one_clinic(world):
    """A case asked of Severance only (Ajou never sees it)."""
    case = world.open_case()
    document = services.add_document(
        actor=world.personas.coordinator_mn, case=case, upload=upload(), description="Biopsy", category="lab"
    )
    services.request_opinions(
        actor=world.personas.coordinator_mn,
        case=case,
        facilities=[world.facility.public_id],
        documents=[document.public_id],
        due_date=case.created_at.date() + timedelta(days=7),
    )
    case.refresh_from_db()
    return case


def test_a_whole_journey_parses_through_the_r4b_models_and_resolves(world):
    case = world.at_follow_up()
    bundle = export(world.personas.coordinator_mn, case)
    parsed = parse(bundle)
    assert parsed.type == "collection"
    assert len(parsed.entry) == len(bundle["entry"])
    assert validation.unresolved_references(bundle) == set()
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Patient", "Condition", "ServiceRequest", "Task", "DocumentReference", "Encounter", "Consent"} <= kinds
    assert "Organization" in kinds
    (request,) = of_type(bundle, "ServiceRequest")
    assert request["id"] == str(case.public_id)
    assert request["identifier"][0]["value"] == case.reference


def test_the_coordinator_sees_every_document_consent_and_follow_up(world):
    case = world.at_follow_up()
    bundle = export(world.personas.coordinator_mn, case)
    assert {str(case.shared_document.public_id), str(case.private_document.public_id)} <= document_ids(bundle)
    assert len(of_type(bundle, "Consent")) == 1
    follow_ups = [t for t in of_type(bundle, "Task") if t["intent"] == "plan"]
    assert {t["code"]["coding"][0]["code"] for t in follow_ups} >= {"outcome_30", "outcome_90"}


def test_documents_link_to_the_download_endpoint_with_a_real_sha1(world):
    case = world.at_opinions()
    bundle = export(world.personas.coordinator_mn, case)
    shared = next(r for r in of_type(bundle, "DocumentReference") if r["id"] == str(case.shared_document.public_id))
    attachment = shared["content"][0]["attachment"]
    assert attachment["hash"] == base64.b64encode(hashlib.sha1(PDF).digest()).decode()
    assert attachment["size"] == len(PDF)
    assert attachment["contentType"] == "application/pdf"
    assert attachment["url"] == f"https://mc.example/api/v1/cases/documents/{case.shared_document.public_id}"
    assert "data" not in attachment


def test_a_missing_file_exports_without_a_hash(world):
    case = world.at_opinions()
    case.shared_document.file.delete(save=False)
    bundle = export(world.personas.coordinator_mn, case)
    shared = next(r for r in of_type(bundle, "DocumentReference") if r["id"] == str(case.shared_document.public_id))
    assert "hash" not in shared["content"][0]["attachment"]


def test_the_treating_clinic_sees_only_what_was_shared_with_it(world):
    case = world.at_follow_up()
    bundle = export(world.personas.clinic_staff, case)
    documents = document_ids(bundle)
    assert str(case.shared_document.public_id) in documents
    assert str(case.private_document.public_id) not in documents
    encounter = Encounter.objects.get(case=case)
    discharge = next(
        r for r in of_type(bundle, "DocumentReference") if r["id"] == str(encounter.discharge_summary.public_id)
    )
    assert discharge["context"]["encounter"] == [{"reference": f"urn:uuid:{encounter.public_id}"}]
    assert not of_type(bundle, "Consent")
    tasks = of_type(bundle, "Task")
    assert {t["owner"]["reference"] for t in tasks} == {f"urn:uuid:{world.facility.public_id}"}
    assert of_type(bundle, "Encounter")
    assert validation.unresolved_references(bundle) == set()


def test_clinics_see_their_own_request_and_only_shared_documents(world):
    case = world.at_opinions()
    for user, facility in (
        (world.personas.clinic_staff, world.facility),
        (world.personas.other_clinic_staff, world.other_facility),
    ):
        bundle = export(user, case)
        assert document_ids(bundle) == {str(case.shared_document.public_id)}
        (task,) = of_type(bundle, "Task")
        assert task["owner"] == {"reference": f"urn:uuid:{facility.public_id}"}
        (request,) = of_type(bundle, "ServiceRequest")
        assert request["performer"] == [{"reference": f"urn:uuid:{facility.public_id}"}]
        assert not of_type(bundle, "Consent")
        names = {o["name"] for o in of_type(bundle, "Organization")}
        other = world.other_facility if facility == world.facility else world.facility
        assert other.name_en not in names
        assert validation.unresolved_references(bundle) == set()


def test_an_unselected_clinic_is_not_named_the_performer(world):
    """A clinic that answered but was not selected keeps its request (one that never answered is
    withdrawn at selection and loses access), and is not told who was chosen."""
    case = world.answered()
    services.answer_opinion(
        actor=world.personas.other_clinic_staff,
        request=world.request_for(case, world.other_facility),
        treatment_plan="Surgery",
        estimate_amount=Decimal("30000000"),
        estimate_currency="KRW",
    )
    case.refresh_from_db()
    services.select_offer(
        actor=world.personas.coordinator_mn,
        case=case,
        request=world.request_for(case).public_id,
        funding_due=date.today() + timedelta(days=10),
    )
    bundle = export(world.personas.other_clinic_staff, case)
    (request,) = of_type(bundle, "ServiceRequest")
    assert "performer" not in request


def test_the_auditor_sees_everything(world):
    case = world.at_follow_up()
    bundle = export(world.personas.auditor, case)
    assert of_type(bundle, "Consent")
    coordinator = export(world.personas.coordinator_mn, case)
    assert {t["id"] for t in of_type(bundle, "Task")} == {t["id"] for t in of_type(coordinator, "Task")}
    assert document_ids(bundle) == document_ids(coordinator)


def test_export_writes_the_access_log(world):
    case = world.at_opinions()
    export(world.personas.clinic_staff, case)
    row = AccessLog.objects.get(actor=world.personas.clinic_staff, purpose="fhir_export")
    assert (row.target_id, row.granted, row.channel) == (str(case.public_id), True, "api")


@pytest.mark.parametrize(
    "who", ["coordinator_kz", "other_clinic_staff", "analyst", "transplant_coordinator", "admin", "anonymous"]
)
def test_everyone_else_gets_not_found_and_the_refusal_is_logged(world, who):
    case = sent_to_one_clinic(world)
    user = AnonymousUser() if who == "anonymous" else getattr(world.personas, who)
    with pytest.raises(NotFound):
        export(user, case)
    row = AccessLog.objects.get(target_id=str(case.public_id), purpose="fhir_export")
    assert row.granted is False
    assert row.actor_id == (None if who == "anonymous" else user.pk)


def test_the_patient_read_is_scoped_like_the_case(world):
    case = sent_to_one_clinic(world)
    patient = selectors.get_patient(world.personas.clinic_staff, case.patient.public_id, channel="api")
    assert patient == case.patient
    with pytest.raises(NotFound):
        selectors.get_patient(world.personas.other_clinic_staff, case.patient.public_id, channel="api")
    assert AccessLog.objects.filter(target_type="cases.patient", granted=False).count() == 1


def test_the_bulk_page_is_scoped_ordered_and_logged(world):
    first = sent_to_one_clinic(world)
    second = world.at_opinions()
    third = world.open_case()
    page = selectors.export_page(
        world.personas.other_clinic_staff, updated_since=None, page=1, page_size=10, channel="api"
    )
    assert [r.id for r in page.records] == [str(second.public_id)]
    assert page.total == 1 and not page.has_next
    assert AccessLog.objects.filter(actor=world.personas.other_clinic_staff, purpose="fhir_export").count() == 1
    page = selectors.export_page(world.personas.coordinator_mn, updated_since=None, page=1, page_size=2, channel="api")
    assert page.total == 3 and page.has_next
    assert page.records[0].id == str(first.public_id)
    later = selectors.export_page(
        world.personas.coordinator_mn, updated_since=second.updated_at, page=1, page_size=10, channel="api"
    )
    assert [r.id for r in later.records] == [str(third.public_id)]


def test_the_bulk_page_reads_each_kind_of_related_row_once_not_per_case(world):
    world.at_follow_up()

    def queries(page_size):
        with CaptureQueriesContext(connection) as captured:
            selectors.export_page(
                world.personas.coordinator_mn, updated_since=None, page=1, page_size=page_size, channel="api"
            )
        return len(captured.captured_queries)

    one = queries(1)
    world.at_follow_up()
    world.at_opinions()
    assert queries(3) == one


# --- funding: ClaimResponse (the decision) and Coverage (each payer's share) ------------------------


def test_an_approved_decision_is_a_preauthorisation_with_one_coverage_per_payer(world):
    case = world.at_travel()
    bundle = export(world.personas.coordinator_mn, case)
    [decision] = of_type(bundle, "ClaimResponse")
    coverages = {c["id"]: c for c in of_type(bundle, "Coverage")}
    assert decision["use"] == "preauthorization" and decision["outcome"] == "complete"
    assert decision["total"] == [
        {
            "category": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/adjudication",
                        "code": "benefit",
                        "display": "Benefit Amount",
                    }
                ]
            },
            "amount": {"value": 26000, "currency": "USD"},
        }
    ]
    linked = [i["coverage"]["reference"].removeprefix("urn:uuid:") for i in decision["insurance"]]
    assert set(linked) == set(coverages) and decision["insurance"][0]["focal"] is True
    state, family = (coverages[i] for i in linked)
    assert state["type"]["coding"][0]["code"] == "PUBLICPOL" and state["payor"] == [
        {"display": "Health Insurance Fund"}
    ]
    patient = f"urn:uuid:{case.patient.public_id}"
    assert family["type"]["coding"][0]["code"] == "pay" and family["payor"][0]["reference"] == patient
    [referral] = of_type(bundle, "ServiceRequest")
    assert {r["reference"].removeprefix("urn:uuid:") for r in referral["insurance"]} == set(coverages)
    assert validation.unresolved_references(bundle) == set()
    for resource in (decision, *coverages.values()):
        assert validation.problems(resource) == []


def test_a_refusal_and_its_appeal_carry_no_coverage(world):
    case = world.at_funding()
    services.refuse_funding(actor=world.personas.coordinator_mn, case=case, reason="Treatable at home")
    services.appeal_funding(
        actor=world.personas.coordinator_mn,
        case=case,
        reason="Second opinion attached",
        funding_due=case.created_at.date() + timedelta(days=30),
    )
    bundle = export(world.personas.coordinator_mn, case)
    [decision] = of_type(bundle, "ClaimResponse")
    assert decision["disposition"] == "Refused: Treatable at home"
    assert "total" not in decision and "insurance" not in decision and not of_type(bundle, "Coverage")
    assert "Second opinion attached" in decision["processNote"][0]["text"]
    assert "insurance" not in of_type(bundle, "ServiceRequest")[0]
    assert validation.problems(decision) == []


def test_the_treating_clinic_sees_no_funding_in_its_export(world):
    case = world.at_travel()
    bundle = export(world.personas.clinic_staff, case)
    assert not of_type(bundle, "ClaimResponse") and not of_type(bundle, "Coverage")
    assert "insurance" not in of_type(bundle, "ServiceRequest")[0]
