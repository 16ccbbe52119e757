"""The pure mappers: records in, FHIR R4 JSON out (no database)."""

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from medcorridor.interop.fhir import codes, mapping, validation
from medcorridor.interop.fhir.records import (
    CaseRecord,
    ConditionRecord,
    ConsentRecord,
    DocumentRecord,
    EncounterRecord,
    FollowUpRecord,
    OpinionRecord,
    OrganisationRecord,
    PatientRecord,
)

MOMENT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
MINISTRY = "00000000-0000-4000-8000-000000000001"
CLINIC = "00000000-0000-4000-8000-000000000002"
FACILITY = "00000000-0000-4000-8000-000000000003"
OTHER_FACILITY = "00000000-0000-4000-8000-000000000004"
UNRELATED = "00000000-0000-4000-8000-000000000005"

PATIENT = PatientRecord(
    id="00000000-0000-4000-8000-0000000000a1",
    family_name="Батболд",
    given_name="Энхжаргал Оюун",
    family_name_latin="BATBOLD",
    given_name_latin="ENKHJARGAL OYUUN",
    birth_date=date(1975, 3, 14),
    gender="female",
    citizenship="MN",
    citizenship_alpha3="MNG",
    citizenship_name="Mongolia",
    managing_organisation=MINISTRY,
    updated=MOMENT,
    passport_number="E1234567",
    passport_expiry=date(2030, 1, 31),
    phone="+976 9911 2233",
    language="mn",
)


def opinion(**overrides) -> OpinionRecord:
    values = {
        "id": "00000000-0000-4000-8000-0000000000b1",
        "facility": FACILITY,
        "status": "answered",
        "due_date": date(2026, 11, 27),
        "created": MOMENT,
        "updated": MOMENT,
        "answered_at": MOMENT,
        "treatment_plan": "Mastectomy",
        "estimate_amount": Decimal("35000000.50"),
        "estimate_currency": "KRW",
        "stay_days": 10,
        "documents": ("00000000-0000-4000-8000-0000000000d1", "00000000-0000-4000-8000-0000000000d9"),
    }
    return OpinionRecord(**{**values, **overrides})


DOCUMENT = DocumentRecord(
    id="00000000-0000-4000-8000-0000000000d1",
    category="lab",
    category_display="Laboratory results",
    description="Biopsy report",
    content_type="application/pdf",
    size=1234,
    sha256="ab" * 32,
    sha1_base64="qUqP5cyxm6YcTAhz05Hph5gvu9M=",
    created=MOMENT,
    url="https://example.org/api/v1/cases/documents/00000000-0000-4000-8000-0000000000d1",
)
ORGANISATIONS = (
    OrganisationRecord(id=MINISTRY, name="Ministry of Health of Mongolia", kind="ministry", country="MN"),
    OrganisationRecord(id=CLINIC, name="Gangnam Severance Hospital", kind="clinic", country="KR"),
    OrganisationRecord(id=FACILITY, name="Gangnam Severance", kind="clinic", country="KR", part_of=CLINIC),
    OrganisationRecord(id=OTHER_FACILITY, name="Ajou", kind="clinic", country="KR"),
    OrganisationRecord(id=UNRELATED, name="Nobody refers to me", kind="agency", country="KZ"),
)


def case(**overrides) -> CaseRecord:
    values = {
        "id": "00000000-0000-4000-8000-0000000000c1",
        "reference": "MN-2026-000001",
        "status": "in_treatment",
        "priority": "urgent",
        "created": MOMENT,
        "updated": MOMENT,
        "owner_organisation": MINISTRY,
        "patient": PATIENT,
        "condition": ConditionRecord("C50", "Malignant neoplasm of breast", "Злокачественное новообразование"),
        "organisations": ORGANISATIONS,
        "requester_organisation": "National Cancer Center",
        "requester_practitioner": "Dr. Oyun",
        "consent": ConsentRecord(date(2026, 11, 1), "abroad"),
        "selected_opinion": opinion().id,
        "opinions": (opinion(), opinion(id="00000000-0000-4000-8000-0000000000b2", facility=OTHER_FACILITY)),
        "documents": (DOCUMENT,),
        "encounter": EncounterRecord(
            id="00000000-0000-4000-8000-0000000000e1",
            facility=FACILITY,
            admitted_on=date(2026, 11, 25),
            updated=MOMENT,
            discharged_on=date(2026, 12, 2),
            disposition="good",
            discharge_summary=DOCUMENT.id,
        ),
        "follow_ups": (
            FollowUpRecord(
                id="00000000-0000-4000-8000-0000000000f1",
                kind="outcome_30",
                kind_display="Outcome at 30 days",
                description="Outcome",
                due_date=date(2027, 1, 1),
                updated=MOMENT,
                completed_on=date(2027, 1, 2),
                outcome="improved",
            ),
        ),
    }
    return CaseRecord(**{**values, **overrides})


def resources_of(bundle: dict, resource_type: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type]


def test_bundle_parses_as_r4_and_every_reference_resolves():
    bundle = mapping.case_bundle(case(), timestamp=MOMENT)
    assert validation.problems(bundle) == []
    assert validation.unresolved_references(bundle) == set()
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
        assert validation.problems(entry["resource"]) == []
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == {
        "Patient",
        "Condition",
        "ServiceRequest",
        "Organization",
        "PractitionerRole",
        "Task",
        "DocumentReference",
        "Encounter",
        "Consent",
    }


def test_the_same_case_exports_the_same_ids():
    first, second = (mapping.case_bundle(case(), timestamp=MOMENT) for _ in range(2))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert first["id"] == second["id"]
    changed = mapping.case_bundle(case(updated=datetime(2026, 12, 1, tzinfo=UTC)), timestamp=MOMENT)
    assert changed["id"] != first["id"]


def test_patient_has_both_names_the_passport_and_the_citizenship():
    patient = mapping.patient_resource(PATIENT)
    original, latin = patient["name"]
    assert (original["family"], original["given"]) == ("Батболд", ["Энхжаргал", "Оюун"])
    assert original["extension"][0]["valueCode"] == "und-Cyrl"
    assert (latin["family"], latin["extension"][0]["valueCode"]) == ("BATBOLD", "und-Latn")
    (passport,) = patient["identifier"]
    assert passport["system"] == "http://hl7.org/fhir/sid/passport-MNG"
    assert passport["type"]["coding"][0]["code"] == "PPN"
    assert passport["period"] == {"end": "2030-01-31"}
    citizenship = patient["extension"][0]
    assert citizenship["url"] == codes.CITIZENSHIP
    assert citizenship["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "MN"
    assert patient["telecom"] == [{"system": "phone", "value": "+976 9911 2233"}]
    assert "address" not in patient and "contact" not in patient


def test_a_latin_only_name_is_given_once():
    patient = mapping.patient_resource(replace(PATIENT, family_name="BATBOLD", given_name="ENKHJARGAL OYUUN"))
    assert len(patient["name"]) == 1


@pytest.mark.parametrize(
    ("text", "script"), [("Батболд", "Cyrl"), ("BATBOLD", "Latn"), ("김민준", "Hang"), ("ᠮᠣᠩᠭᠣᠯ", "Mong"), ("123", "")]
)
def test_script_of_a_name(text, script):
    assert mapping.script_of(text) == script


def test_condition_carries_icd10_with_english_and_russian_display():
    condition = resources_of(mapping.case_bundle(case(), timestamp=MOMENT), "Condition")[0]
    (coding,) = condition["code"]["coding"]
    assert (coding["system"], coding["code"], coding["display"]) == (codes.ICD10, "C50", "Malignant neoplasm of breast")
    translation = coding["_display"]["extension"][0]["extension"]
    assert {"url": "content", "valueString": "Злокачественное новообразование"} in translation
    assert {"url": "lang", "valueCode": "ru"} in translation


def test_service_request_priority_requester_performer_and_reason():
    bundle = mapping.case_bundle(case(), timestamp=MOMENT)
    (request,) = resources_of(bundle, "ServiceRequest")
    (condition,) = resources_of(bundle, "Condition")
    (role,) = resources_of(bundle, "PractitionerRole")
    assert request["priority"] == "urgent"
    assert request["status"] == "active"
    assert request["requester"] == {"reference": f"urn:uuid:{role['id']}"}
    assert role["practitioner"] == {"display": "Dr. Oyun"}
    assert request["performer"] == [{"reference": f"urn:uuid:{FACILITY}"}]
    assert request["reasonReference"] == [{"reference": f"urn:uuid:{condition['id']}"}]
    assert request["identifier"] == [{"system": codes.CASE_NUMBER, "value": "MN-2026-000001"}]


def test_before_selection_every_facility_asked_is_a_performer():
    request = mapping.service_request_resource(case(selected_opinion=None, status="opinions"))
    assert request["performer"] == [{"reference": f"urn:uuid:{FACILITY}"}, {"reference": f"urn:uuid:{OTHER_FACILITY}"}]


def test_a_selection_the_reader_cannot_see_names_no_performer():
    request = mapping.service_request_resource(case(selected_opinion="00000000-0000-4000-8000-00000000ffff"))
    assert "performer" not in request


def test_without_a_referring_organisation_the_ministry_requests():
    request = mapping.service_request_resource(case(requester_organisation="", requester_practitioner=""))
    assert request["requester"] == {"reference": f"urn:uuid:{MINISTRY}"}


@pytest.mark.parametrize(
    ("status", "fhir"),
    [
        ("intake", "draft"),
        ("funding", "active"),
        ("on_hold", "on-hold"),
        ("closed", "completed"),
        ("cancelled", "revoked"),
    ],
)
def test_case_status_becomes_service_request_status(status, fhir):
    assert mapping.service_request_resource(case(status=status))["status"] == fhir


def test_opinion_task_owner_deadline_and_answer():
    bundle = mapping.case_bundle(case(), timestamp=MOMENT)
    task = next(t for t in resources_of(bundle, "Task") if t["id"] == opinion().id)
    assert task["status"] == "completed"
    assert task["owner"] == {"reference": f"urn:uuid:{FACILITY}"}
    assert task["restriction"]["period"]["end"] == "2026-11-27"
    assert task["businessStatus"] == {"text": "selected"}
    outputs = {o["type"]["coding"][0]["code"]: o for o in task["output"]}
    assert outputs["cost-estimate"]["valueMoney"] == {"value": 35000000.5, "currency": "KRW"}
    assert outputs["expected-stay"]["valueDuration"]["value"] == 10
    assert outputs["treatment-plan"]["valueString"] == "Mastectomy"
    # Only documents in the bundle are inputs: the one the reader may not see is left out.
    assert [i["valueReference"]["reference"] for i in task["input"]] == [f"urn:uuid:{DOCUMENT.id}"]


@pytest.mark.parametrize(
    ("status", "fhir"), [("requested", "requested"), ("declined", "rejected"), ("withdrawn", "cancelled")]
)
def test_opinion_status_becomes_task_status(status, fhir):
    assert mapping.opinion_task(case(), opinion(status=status))["status"] == fhir


def test_document_reference_links_not_data_and_has_the_sha1():
    (document,) = resources_of(mapping.case_bundle(case(), timestamp=MOMENT), "DocumentReference")
    attachment = document["content"][0]["attachment"]
    assert "data" not in attachment
    assert attachment["url"] == DOCUMENT.url
    assert (attachment["contentType"], attachment["size"], attachment["hash"]) == (
        "application/pdf",
        1234,
        DOCUMENT.sha1_base64,
    )
    assert attachment["extension"] == [{"url": codes.SHA256, "valueString": "ab" * 32}]
    assert document["context"]["encounter"] == [{"reference": "urn:uuid:00000000-0000-4000-8000-0000000000e1"}]


def test_encounter_period_and_discharge_disposition():
    (encounter,) = resources_of(mapping.case_bundle(case(), timestamp=MOMENT), "Encounter")
    assert encounter["status"] == "finished"
    assert encounter["period"] == {"start": "2026-11-25", "end": "2026-12-02"}
    assert encounter["hospitalization"]["dischargeDisposition"] == {"text": "good"}
    assert encounter["serviceProvider"] == {"reference": f"urn:uuid:{FACILITY}"}
    assert encounter["class"]["code"] == "IMP"


@pytest.mark.parametrize(("scope", "disclose"), [("abroad", True), ("processing", False)])
def test_consent_scope_date_and_what_it_permits(scope, disclose):
    consent = mapping.consent_resource(case(), ConsentRecord(date(2026, 11, 1), scope))
    assert consent["scope"]["coding"][0]["code"] == "patient-privacy"
    assert consent["dateTime"] == "2026-11-01"
    assert consent["provision"]["period"] == {"start": "2026-11-01"}
    actions = {a["coding"][0]["code"] for a in consent["provision"]["action"]}
    assert ("disclose" in actions) is disclose
    assert {"system": codes.CONSENT_SCOPE_LOCAL, "code": scope} in consent["category"][0]["coding"]


def test_only_referenced_organisations_are_included_with_their_parents():
    bundle = mapping.case_bundle(case(), timestamp=MOMENT)
    ids = {o["id"] for o in resources_of(bundle, "Organization")}
    assert {MINISTRY, FACILITY, CLINIC, OTHER_FACILITY} <= ids
    assert UNRELATED not in ids
    facility = next(o for o in resources_of(bundle, "Organization") if o["id"] == FACILITY)
    assert facility["partOf"] == {"reference": f"urn:uuid:{CLINIC}"}


def test_follow_up_task_and_no_empty_elements():
    bundle = mapping.case_bundle(case(), timestamp=MOMENT)
    task = next(t for t in resources_of(bundle, "Task") if t["id"].endswith("f1"))
    assert task["status"] == "completed"
    assert task["output"][0]["valueCodeableConcept"]["coding"][0]["code"] == "improved"
    text = mapping.to_json(bundle)
    assert '""' not in text and "[]" not in text and "{}" not in text


def test_searchset_lists_each_shared_resource_once():
    first, second = case(), case(id="00000000-0000-4000-8000-0000000000c2", opinions=(), selected_opinion=None)
    bundle = mapping.searchset_bundle([first, second], total=7, links={"self": "x"}, timestamp=MOMENT)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(urls) == len(set(urls))
    matches = [e for e in bundle["entry"] if e["search"]["mode"] == "match"]
    assert {e["resource"]["resourceType"] for e in matches} == {"ServiceRequest"}
    assert len(matches) == 2 and bundle["total"] == 7
    assert validation.problems(bundle) == []


def test_operation_outcome_names_each_location():
    outcome = mapping.operation_outcome(400, "bad", {"Patient.gender": ["wrong"], "Bundle.entry": ["x", "y"]})
    assert [i["expression"] for i in outcome["issue"]] == [["Patient.gender"], ["Bundle.entry"], ["Bundle.entry"]]
    assert mapping.operation_outcome(404, "gone")["issue"] == [
        {"severity": "error", "code": "not-found", "diagnostics": "gone"}
    ]
    assert validation.problems(outcome) == []
