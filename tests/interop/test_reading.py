"""Reading a Bundle into intake fields (pure): what is read, and every problem at once."""

import pytest

from medcorridor.interop.fhir import codes
from medcorridor.interop.fhir.reading import UnreadableBundle, intake_from_bundle

PATIENT = {
    "resourceType": "Patient",
    "name": [{"family": "Ким", "given": ["Мин", "Су"]}, {"family": "KIM", "given": ["MIN", "SU"]}],
    "gender": "male",
    "birthDate": "1980-02-29",
    "address": [{"text": "Almaty", "country": "KAZ"}],
}
CONDITION = {"resourceType": "Condition", "code": {"coding": [{"system": codes.ICD10, "code": "C18.7"}]}}


def bundle(*resources, urls=None):
    urls = urls or [None] * len(resources)
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": url, "resource": r} if url else {"resource": r} for r, url in zip(resources, urls, strict=True)
        ],
    }


def problems(document) -> dict[str, str]:
    with pytest.raises(UnreadableBundle) as caught:
        intake_from_bundle(document)
    return {issue.location: issue.problem for issue in caught.value.issues}


def test_names_in_two_scripts_and_citizenship_from_the_address():
    fields = intake_from_bundle(bundle(PATIENT, CONDITION))
    assert fields == {
        "family_name": "Ким",
        "given_name": "Мин Су",
        "family_name_latin": "KIM",
        "given_name_latin": "MIN SU",
        "gender": "male",
        "birth_date": fields["birth_date"],
        "citizenship": "KAZ",
        "address": "Almaty",
        "condition_code": "C18.7",
    }
    assert fields["birth_date"].isoformat() == "1980-02-29"


def test_a_latin_name_alone_serves_as_both():
    patient = {**PATIENT, "name": [{"text": "KIM MIN SU"}]}
    fields = intake_from_bundle(bundle(patient, CONDITION))
    assert (fields["family_name"], fields["given_name"]) == ("KIM", "MIN SU")
    assert (fields["family_name_latin"], fields["given_name_latin"]) == ("KIM", "MIN SU")


def test_passport_by_system_contacts_language_and_citizenship_extension():
    patient = {
        **PATIENT,
        "extension": [
            {
                "url": codes.CITIZENSHIP,
                "extension": [
                    {"url": "code", "valueCodeableConcept": {"coding": [{"system": codes.ISO_COUNTRY, "code": "kg"}]}}
                ],
            }
        ],
        "identifier": [
            {"system": "urn:other", "value": "123"},
            {"system": "http://hl7.org/fhir/sid/passport-KGZ", "value": "AC123", "period": {"end": "2031-05-01"}},
        ],
        "telecom": [{"system": "email", "value": "kim@example.kg"}, {"system": "phone", "value": "+996 555"}],
        "communication": [
            {"language": {"coding": [{"system": codes.BCP47, "code": "ru-RU"}]}},
            {"language": {"coding": [{"system": codes.BCP47, "code": "ky"}]}, "preferred": True},
        ],
        "contact": [{"name": {"text": "Ким Ли"}, "relationship": [{"text": "wife"}]}],
    }
    fields = intake_from_bundle(bundle(patient, CONDITION))
    assert fields["citizenship"] == "KG"
    assert (fields["passport_number"], fields["passport_expiry"].isoformat()) == ("AC123", "2031-05-01")
    assert (fields["phone"], fields["email"]) == ("+996 555", "kim@example.kg")
    assert fields["communication_language"] == "ky"
    assert (fields["contact_name"], fields["contact_relationship"], fields["contact_phone"]) == ("Ким Ли", "wife", "")


def test_service_request_and_consent_are_read_when_present():
    organisation = {"resourceType": "Organization", "name": "City Hospital No. 1"}
    role = {
        "resourceType": "PractitionerRole",
        "practitioner": {"display": "Dr. Asel"},
        "organization": {"reference": "urn:uuid:org"},
    }
    request = {
        "resourceType": "ServiceRequest",
        "status": "active",
        "intent": "order",
        "priority": "asap",
        "code": {"text": "Right hemicolectomy"},
        "requester": {"reference": "urn:uuid:role"},
    }
    consent = {
        "resourceType": "Consent",
        "dateTime": "2026-11-30T10:00:00+06:00",
        "provision": {"action": [{"coding": [{"system": codes.CONSENT_ACTION, "code": "disclose"}]}]},
    }
    document = bundle(
        PATIENT,
        CONDITION,
        organisation,
        role,
        request,
        consent,
        urls=[None, None, "urn:uuid:org", "urn:uuid:role", None, None],
    )
    fields = intake_from_bundle(document)
    assert fields["priority"] == "asap" and fields["requested_procedure"] == "Right hemicolectomy"
    assert (fields["requester_organisation"], fields["requester_practitioner"]) == ("City Hospital No. 1", "Dr. Asel")
    assert (fields["consent_date"].isoformat(), fields["consent_scope"]) == ("2026-11-30", "abroad")
    consent["provision"]["action"][0]["coding"][0]["code"] = "use"
    assert intake_from_bundle(document)["consent_scope"] == "processing"


def test_every_problem_is_reported_at_once():
    patient = {"resourceType": "Patient", "name": [{"family": "Ким"}], "gender": "man", "birthDate": "1980"}
    request = {"resourceType": "ServiceRequest", "priority": "whenever"}
    consent = {"resourceType": "Consent"}
    condition = {"resourceType": "Condition", "code": {"coding": [{"system": "urn:local", "code": "x"}]}}
    at = "Bundle.entry[0].resource"
    assert problems(bundle(patient, condition, request, consent)) == {
        f"{at}.name": "latin-name-required",
        f"{at}.gender": "gender-required",
        f"{at}.birthDate": "full-birth-date-required",
        f"{at}.extension": "citizenship-required",
        "Bundle.entry[1].resource.code": "icd10-required",
        "Bundle.entry[2].resource.priority": "unknown-priority",
        "Bundle.entry[3].resource.dateTime": "consent-date-required",
    }


def test_a_partial_passport_expiry_is_a_problem_not_a_crash():
    patient = {
        **PATIENT,
        "identifier": [{"system": "http://hl7.org/fhir/sid/passport-KAZ", "value": "N1", "period": {"end": "2031"}}],
    }
    assert problems(bundle(patient, CONDITION)) == {"Bundle.entry[0].resource.identifier": "full-date-required"}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"resourceType": "Patient"}, {"resourceType": "bundle-expected"}),
        (bundle(CONDITION), {"Bundle.entry": "one-patient-expected"}),
        (bundle(PATIENT), {"Bundle.entry": "condition-required"}),
        (bundle(PATIENT, PATIENT, CONDITION), {"Bundle.entry": "one-patient-expected"}),
    ],
)
def test_the_bundle_must_hold_one_patient_and_a_condition(document, expected):
    assert problems(document) == expected


def test_every_problem_the_reader_can_raise_has_a_translated_message():
    import inspect
    import re

    from medcorridor.interop import services
    from medcorridor.interop.fhir import reading

    # The problem codes are the reader's only kebab-case string literals.
    raised = set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"', inspect.getsource(reading)))
    assert len(raised) >= 10
    assert raised <= set(services.PROBLEMS)
