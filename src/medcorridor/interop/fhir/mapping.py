"""A referral case as a FHIR R4 ``Bundle`` (type ``collection``): pure functions of ``records``.

Every entry's ``fullUrl`` is ``urn:uuid:<public id>`` and every reference between entries points at
one. Resources without a public id of their own (the case's Condition and Consent, the referring
organisation) get a UUID derived from the case's, so the same case always exports the same ids.
The mapping table is in ``docs/fhir.md``.
"""

import json
import unicodedata
import uuid
from datetime import date, datetime
from decimal import Decimal

from . import codes
from .records import (
    CaseRecord,
    ConsentRecord,
    DocumentRecord,
    EncounterRecord,
    FollowUpRecord,
    FundingRecord,
    FundingShareRecord,
    OpinionRecord,
    OrganisationRecord,
    PatientRecord,
)

DERIVED_IDS = uuid.UUID("5b0b4c1e-7f0e-4d6a-9a55-2f1c8f3b6d10")

SERVICE_REQUEST_STATUS = {
    "intake": "draft",
    "opinions": "active",
    "funding": "active",
    "funding_refused": "active",
    "travel": "active",
    "in_treatment": "active",
    "follow_up": "active",
    "on_hold": "on-hold",
    "closed": "completed",
    "cancelled": "revoked",
}
OPINION_TASK_STATUS = {
    "requested": "requested",
    "answered": "completed",
    "declined": "rejected",
    "withdrawn": "cancelled",
}
ORGANIZATION_TYPE = {
    "ministry": "govt",
    "government": "govt",
    "clinic": "prov",
    "university": "edu",
    "insurer": "ins",
    "agency": "bus",
}
# What the patient allowed (FHIR consentaction): processing at home, or also disclosure abroad.
CONSENT_ACTIONS = {"processing": ("collect", "access", "use"), "abroad": ("collect", "access", "use", "disclose")}
SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "HANGUL": "Hang", "CJK": "Hani", "MONGOLIAN": "Mong", "ARABIC": "Arab"}


# --- small builders ---------------------------------------------------------------------------------


def derived_id(case_id: str, role: str) -> str:
    return str(uuid.uuid5(DERIVED_IDS, f"{case_id}/{role}"))


def urn(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"


def ref(resource_id: str) -> dict:
    return {"reference": urn(resource_id)}


def instant(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def concept(system: str, code: str, display: str = "") -> dict:
    return {"coding": [{"system": system, "code": code, "display": display or None}]}


def contact_point(system: str, value: str) -> dict | None:
    return {"system": system, "value": value} if value else None


def meta(updated: datetime) -> dict:
    return {"lastUpdated": instant(updated)}


def number(value: Decimal) -> int | float:
    """A JSON number for a decimal amount (amounts have at most 14 digits, exact as a float)."""
    return int(value) if value == value.to_integral_value() else float(value)


def compact(value):
    """``value`` without empty members (None, "", [], {}), so resources carry only what is known."""
    if isinstance(value, dict):
        cleaned = {key: compact(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (compact(item) for item in value) if item not in (None, "", [], {})]
    return value


def script_of(text: str) -> str:
    """The ISO 15924 code of the first letter's script ("Cyrl" for «Батболд»), or "" if unknown."""
    for char in text:
        if char.isalpha():
            return SCRIPTS.get(unicodedata.name(char, "").split(" ")[0], "")
    return ""


# --- resources ---------------------------------------------------------------------------------------


def human_name(family: str, given: str) -> dict:
    script = script_of(family + given)
    return {
        "extension": [{"url": codes.LANGUAGE, "valueCode": f"und-{script}"}] if script else [],
        "use": "official",
        "text": f"{family} {given}".strip(),
        "family": family,
        "given": given.split(),
    }


def patient_resource(patient: PatientRecord) -> dict:
    passport = []
    if patient.passport_number:
        passport.append(
            {
                "use": "official",
                "type": concept(codes.IDENTIFIER_TYPE, "PPN", "Passport number"),
                "system": codes.passport_system(patient.citizenship_alpha3),
                "value": patient.passport_number,
                "period": {"end": day(patient.passport_expiry)},
                "assigner": {"display": patient.citizenship_name},
            }
        )
    names = [human_name(patient.family_name, patient.given_name)]
    latin = human_name(patient.family_name_latin, patient.given_name_latin)
    if latin["text"] != names[0]["text"]:
        names.append(latin)
    return compact(
        {
            "resourceType": "Patient",
            "id": patient.id,
            "meta": meta(patient.updated),
            "extension": [
                {
                    "url": codes.CITIZENSHIP,
                    "extension": [
                        {
                            "url": "code",
                            "valueCodeableConcept": concept(
                                codes.ISO_COUNTRY, patient.citizenship, patient.citizenship_name
                            ),
                        }
                    ],
                }
            ],
            "identifier": passport,
            "name": names,
            "telecom": [contact_point("phone", patient.phone), contact_point("email", patient.email)],
            "gender": patient.gender,
            "birthDate": day(patient.birth_date),
            "address": [{"text": patient.address}],
            "contact": [
                {
                    "relationship": [{"text": patient.contact_relationship}],
                    "name": {"text": patient.contact_name},
                    "telecom": [contact_point("phone", patient.contact_phone)],
                }
            ]
            if patient.contact_name or patient.contact_phone
            else [],
            "communication": [{"language": concept(codes.BCP47, patient.language), "preferred": True}]
            if patient.language
            else [],
            "managingOrganization": ref(patient.managing_organisation),
        }
    )


def _icd_coding(case: CaseRecord) -> dict:
    condition = case.condition
    coding = {"system": codes.ICD10, "code": condition.code, "display": condition.title_en or condition.title_ru}
    if condition.title_en and condition.title_ru:
        coding["_display"] = {
            "extension": [
                {
                    "url": codes.TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": "ru"},
                        {"url": "content", "valueString": condition.title_ru},
                    ],
                }
            ]
        }
    return coding


def condition_resource(case: CaseRecord) -> dict:
    return compact(
        {
            "resourceType": "Condition",
            "id": derived_id(case.id, "Condition"),
            "meta": meta(case.updated),
            "clinicalStatus": concept(codes.CONDITION_CLINICAL, case.condition.clinical_status),
            "code": {"coding": [_icd_coding(case)], "text": case.condition.title_ru or case.condition.title_en},
            "subject": ref(case.patient.id),
            "recordedDate": instant(case.created),
            "note": [{"text": case.condition.note}],
        }
    )


def _performers(case: CaseRecord) -> list[dict]:
    """The selected facility once one is chosen (if the reader may see it), else every facility asked."""
    if case.selected_opinion:
        chosen = [o.facility for o in case.opinions if o.id == case.selected_opinion]
    else:
        chosen = [o.facility for o in case.opinions if o.status != "withdrawn"]
    return [ref(facility) for facility in dict.fromkeys(chosen)]


def requester_id(case: CaseRecord) -> str:
    if case.requester_practitioner:
        return derived_id(case.id, "PractitionerRole")
    if case.requester_organisation:
        return derived_id(case.id, "Organization/requester")
    return case.owner_organisation


def requester_resources(case: CaseRecord) -> list[dict]:
    """The referring organisation and doctor, known to us by name only."""
    resources = []
    organisation_id = derived_id(case.id, "Organization/requester")
    if case.requester_organisation:
        resources.append(
            {
                "resourceType": "Organization",
                "id": organisation_id,
                "meta": meta(case.updated),
                "name": case.requester_organisation,
            }
        )
    if case.requester_practitioner:
        resources.append(
            compact(
                {
                    "resourceType": "PractitionerRole",
                    "id": derived_id(case.id, "PractitionerRole"),
                    "meta": meta(case.updated),
                    "practitioner": {"display": case.requester_practitioner},
                    "organization": ref(organisation_id) if case.requester_organisation else None,
                }
            )
        )
    return resources


def service_request_resource(case: CaseRecord) -> dict:
    return compact(
        {
            "resourceType": "ServiceRequest",
            "id": case.id,
            "meta": meta(case.updated),
            "extension": [{"url": codes.CASE_STATUS_EXTENSION, "valueCode": case.status}],
            "identifier": [{"system": codes.CASE_NUMBER, "value": case.reference}],
            "status": SERVICE_REQUEST_STATUS[case.status],
            "intent": "order",
            "category": [concept(codes.SNOMED, "3457005", "Patient referral")],
            "priority": case.priority,
            "code": {"text": case.procedure},
            "subject": ref(case.patient.id),
            "authoredOn": instant(case.created),
            "requester": ref(requester_id(case)),
            "performerType": concept(codes.SPECIALTY, case.specialty_code, case.specialty_name)
            if case.specialty_code
            else None,
            "performer": _performers(case),
            "reasonReference": [ref(derived_id(case.id, "Condition"))],
            "supportingInfo": [ref(document.id) for document in case.documents],
            "insurance": [
                ref(coverage_id(case, f, n)) for f in _current_funding(case) for n in range(1, len(f.shares) + 1)
            ],
        }
    )


def _current_funding(case: CaseRecord) -> list[FundingRecord]:
    """The latest decision, if it approved the case: the payers the referral now rests on."""
    return [case.funding[-1]] if case.funding and case.funding[-1].outcome == "approved" else []


def _output(code: str, **value) -> dict:
    return {"type": concept(codes.TASK_PARAMETER, code), **value}


def _opinion_outputs(opinion: OpinionRecord) -> list[dict]:
    outputs = []
    if opinion.treatment_plan:
        outputs.append(_output("treatment-plan", valueString=opinion.treatment_plan))
    if opinion.estimate_amount is not None:
        money = {"value": number(opinion.estimate_amount), "currency": opinion.estimate_currency}
        outputs.append(_output("cost-estimate", valueMoney=money))
    if opinion.estimate_includes:
        outputs.append(_output("estimate-includes", valueString=opinion.estimate_includes))
    if opinion.stay_days is not None:
        stay = {"value": opinion.stay_days, "unit": "days", "system": codes.UCUM, "code": "d"}
        outputs.append(_output("expected-stay", valueDuration=stay))
    if opinion.earliest_admission:
        outputs.append(_output("earliest-admission", valueDate=day(opinion.earliest_admission)))
    if opinion.valid_until:
        outputs.append(_output("offer-valid-until", valueDate=day(opinion.valid_until)))
    return outputs


def opinion_task(case: CaseRecord, opinion: OpinionRecord) -> dict:
    visible_documents = {document.id for document in case.documents}
    return compact(
        {
            "resourceType": "Task",
            "id": opinion.id,
            "meta": meta(opinion.updated),
            "basedOn": [ref(case.id)],
            "status": OPINION_TASK_STATUS[opinion.status],
            "statusReason": {"text": opinion.decline_reason},
            "businessStatus": {"text": "selected"} if case.selected_opinion == opinion.id else None,
            "intent": "order",
            "priority": case.priority,
            "code": concept(codes.TASK_CODE, "opinion-request", "Opinion and cost estimate"),
            "focus": ref(case.id),
            "for": ref(case.patient.id),
            "executionPeriod": {
                "start": instant(opinion.created),
                "end": instant(opinion.answered_at) if opinion.answered_at else None,
            },
            "authoredOn": instant(opinion.created),
            "lastModified": instant(opinion.updated),
            "requester": ref(case.owner_organisation),
            "owner": ref(opinion.facility),
            "reasonReference": ref(derived_id(case.id, "Condition")),
            "note": [{"text": opinion.message}],
            "restriction": {"period": {"end": day(opinion.due_date)}},
            "input": [
                {"type": concept(codes.TASK_PARAMETER, "shared-document"), "valueReference": ref(document)}
                for document in opinion.documents
                if document in visible_documents
            ],
            "output": _opinion_outputs(opinion),
        }
    )


def follow_up_task(case: CaseRecord, task: FollowUpRecord) -> dict:
    outcome = [_output("outcome", valueCodeableConcept=concept(codes.OUTCOME, task.outcome))] if task.outcome else []
    return compact(
        {
            "resourceType": "Task",
            "id": task.id,
            "meta": meta(task.updated),
            "basedOn": [ref(case.id)],
            "status": "completed" if task.completed_on else "requested",
            "intent": "plan",
            "code": concept(codes.TASK_CODE, task.kind, task.kind_display),
            "description": task.description,
            "focus": ref(case.id),
            "for": ref(case.patient.id),
            "executionPeriod": {"end": day(task.completed_on)},
            "lastModified": instant(task.updated),
            "requester": ref(case.owner_organisation),
            "owner": {"display": task.owner_name},
            "note": [{"text": task.note}],
            "restriction": {"period": {"end": day(task.due_date)}},
            "output": outcome,
        }
    )


def document_reference(case: CaseRecord, document: DocumentRecord) -> dict:
    encounter = case.encounter
    is_discharge_summary = encounter is not None and encounter.discharge_summary == document.id
    return compact(
        {
            "resourceType": "DocumentReference",
            "id": document.id,
            "meta": meta(document.created),
            "status": "current",
            "category": [concept(codes.DOCUMENT_CATEGORY, document.category, document.category_display)],
            "subject": ref(case.patient.id),
            "date": instant(document.created),
            "author": [ref(document.author_organisation)] if document.author_organisation else [],
            "description": document.description,
            "content": [
                {
                    "attachment": {
                        "extension": [{"url": codes.SHA256, "valueString": document.sha256}],
                        "contentType": document.content_type,
                        "url": document.url,
                        "size": document.size,
                        "hash": document.sha1_base64,
                        "title": document.description,
                        "creation": instant(document.created),
                    }
                }
            ],
            "context": {
                "encounter": [ref(encounter.id)] if is_discharge_summary else [],
                "related": [ref(case.id)],
            },
        }
    )


def encounter_resource(case: CaseRecord, encounter: EncounterRecord) -> dict:
    return compact(
        {
            "resourceType": "Encounter",
            "id": encounter.id,
            "meta": meta(encounter.updated),
            "status": "finished" if encounter.discharged_on else "in-progress",
            "class": {"system": codes.ACT_CODE, "code": "IMP", "display": "inpatient encounter"},
            "serviceType": {"text": encounter.ward},
            "subject": ref(case.patient.id),
            "basedOn": [ref(case.id)],
            "period": {"start": day(encounter.admitted_on), "end": day(encounter.discharged_on)},
            "reasonReference": [ref(derived_id(case.id, "Condition"))],
            "hospitalization": {"dischargeDisposition": {"text": encounter.disposition}},
            "serviceProvider": ref(encounter.facility),
        }
    )


def consent_resource(case: CaseRecord, consent: ConsentRecord) -> dict:
    return compact(
        {
            "resourceType": "Consent",
            "id": derived_id(case.id, "Consent"),
            "meta": meta(case.updated),
            "status": "active",
            "scope": concept(codes.CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
            "category": [
                {
                    "coding": [
                        {"system": codes.LOINC, "code": "59284-0"},
                        {"system": codes.CONSENT_SCOPE_LOCAL, "code": consent.scope},
                    ]
                }
            ],
            "patient": ref(case.patient.id),
            "dateTime": day(consent.given_on),
            "organization": [ref(case.owner_organisation)],
            "sourceAttachment": {"title": consent.note},
            "policyRule": concept(codes.ACT_CODE, "OPTIN", "opt-in"),
            "provision": {
                "type": "permit",
                "period": {"start": day(consent.given_on)},
                "action": [concept(codes.CONSENT_ACTION, action) for action in CONSENT_ACTIONS[consent.scope]],
            },
        }
    )


# Our payer kinds as HL7 coverage types, where HL7 has one; the local code always goes beside it.
COVERAGE_TYPES = {
    "state_quota": (codes.ACT_CODE, "PUBLICPOL", "public healthcare"),
    "insurer": (codes.ACT_CODE, "EHCPOL", "extended healthcare"),
    "self_pay": (codes.COVERAGE_SELF_PAY, "pay", "Pay"),
}


def coverage_id(case: CaseRecord, funding: FundingRecord, position: int) -> str:
    return derived_id(case.id, f"Coverage/{funding.id}/{position}")


def coverage_resource(case: CaseRecord, funding: FundingRecord, position: int, share: FundingShareRecord) -> dict:
    """One payer's share of an approved decision. A family paying itself is the patient as payor."""
    system, code, display = COVERAGE_TYPES.get(share.payer_kind, (None, None, None))
    coding = [{"system": system, "code": code, "display": display}] if system else []
    coding.append({"system": codes.PAYER_KIND, "code": share.payer_kind})
    payor = {"display": share.payer_name}
    if share.payer_kind == "self_pay":
        payor |= ref(case.patient.id)
    return compact(
        {
            "resourceType": "Coverage",
            "id": coverage_id(case, funding, position),
            "meta": meta(funding.updated),
            "status": "active",
            "type": {"coding": coding, "text": share.payer_name},
            "beneficiary": ref(case.patient.id),
            "payor": [payor],
        }
    )


def _totals(shares: tuple[FundingShareRecord, ...]) -> list[dict]:
    by_currency: dict[str, Decimal] = {}
    for share in shares:
        by_currency[share.currency] = by_currency.get(share.currency, Decimal(0)) + share.amount
    benefit = concept(codes.ADJUDICATION, "benefit", "Benefit Amount")
    return [{"category": benefit, "amount": {"value": number(v), "currency": c}} for c, v in by_currency.items()]


def funding_response(case: CaseRecord, funding: FundingRecord) -> dict:
    """The ministry's funding decision as a pre-authorisation: approved with the total per currency
    and one ``insurance`` entry per payer's ``Coverage``, or refused with the reason; an appeal is a note."""
    approved = funding.outcome == "approved"
    return compact(
        {
            "resourceType": "ClaimResponse",
            "id": derived_id(case.id, f"ClaimResponse/{funding.id}"),
            "meta": meta(funding.updated),
            "identifier": [{"system": codes.FUNDING_DECISION, "value": funding.id}],
            "status": "active",
            "type": concept(codes.CLAIM_TYPE, "institutional", "Institutional"),
            "use": "preauthorization",
            "patient": ref(case.patient.id),
            "created": day(funding.decided_on),
            "insurer": ref(case.owner_organisation),
            "outcome": "complete",
            "disposition": ("Approved" if approved else "Refused") + (f": {funding.reason}" if funding.reason else ""),
            "preAuthRef": funding.id,
            "insurance": [
                {"sequence": n, "focal": n == 1, "coverage": ref(coverage_id(case, funding, n))}
                for n, _share in enumerate(funding.shares, start=1)
            ],
            "total": _totals(funding.shares) if approved else [],
            "processNote": [
                {"number": 1, "type": "display", "text": f"Appeal {day(funding.appealed_on) or ''}: {funding.appeal}"}
            ]
            if funding.appeal
            else [],
        }
    )


def funding_resources(case: CaseRecord) -> list[dict]:
    resources = []
    for funding in case.funding:
        resources.append(funding_response(case, funding))
        resources += [coverage_resource(case, funding, n, s) for n, s in enumerate(funding.shares, start=1)]
    return resources


def organisation_resource(organisation: OrganisationRecord) -> dict:
    kind = ORGANIZATION_TYPE.get(organisation.kind, "other")
    return compact(
        {
            "resourceType": "Organization",
            "id": organisation.id,
            "meta": meta(organisation.updated) if organisation.updated else None,
            "identifier": [{"system": organisation.identifier_system, "value": organisation.id}],
            "active": True,
            "type": [concept(codes.ORGANIZATION_TYPE, kind)],
            "name": organisation.name,
            "alias": list(organisation.aliases),
            "address": [{"city": organisation.city, "country": organisation.country}],
            "partOf": ref(organisation.part_of) if organisation.part_of else None,
        }
    )


# --- the bundle --------------------------------------------------------------------------------------


def references_in(value) -> set[str]:
    """Every ``reference`` string anywhere inside ``value``."""
    if isinstance(value, dict):
        found = {value["reference"]} if isinstance(value.get("reference"), str) else set()
        return found.union(*(references_in(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(references_in(item) for item in value))
    return set()


def _referenced_organisations(resources: list[dict], organisations: tuple[OrganisationRecord, ...]) -> list[dict]:
    """The organisations the resources point at, and the ones those are part of; no others."""
    by_urn = {urn(o.id): organisation_resource(o) for o in organisations}
    wanted = references_in(resources) & by_urn.keys()
    while True:
        more = references_in([by_urn[u] for u in wanted]) & by_urn.keys()
        if more <= wanted:
            break
        wanted |= more
    return [resource for key, resource in by_urn.items() if key in wanted]


def case_resources(case: CaseRecord) -> list[dict]:
    resources = [
        patient_resource(case.patient),
        condition_resource(case),
        service_request_resource(case),
        *requester_resources(case),
        *(opinion_task(case, opinion) for opinion in case.opinions),
        *(document_reference(case, document) for document in case.documents),
    ]
    if case.encounter:
        resources.append(encounter_resource(case, case.encounter))
    resources.extend(follow_up_task(case, task) for task in case.follow_ups)
    if case.consent:
        resources.append(consent_resource(case, case.consent))
    resources += funding_resources(case)
    return resources + _referenced_organisations(resources, case.organisations)


def _last_updated(resources: list[dict]) -> str:
    return max(r["meta"]["lastUpdated"] for r in resources if "meta" in r)


def entry(resource: dict, **extra) -> dict:
    return {"fullUrl": urn(resource["id"]), "resource": resource, **extra}


def case_bundle(case: CaseRecord, *, timestamp: datetime) -> dict:
    """The case as a ``collection`` Bundle; its id is stable for one version of the case."""
    resources = case_resources(case)
    last_updated = _last_updated(resources)
    bundle_id = derived_id(case.id, f"Bundle/{last_updated}")
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "meta": {"lastUpdated": last_updated},
        "identifier": {"system": codes.RFC3986, "value": urn(bundle_id)},
        "type": "collection",
        "timestamp": instant(timestamp),
        "entry": [entry(resource) for resource in resources],
    }


def searchset_bundle(cases: list[CaseRecord], *, total: int, links: dict[str, str], timestamp: datetime) -> dict:
    """A page of cases: each ServiceRequest is a match, the resources it needs are includes (once each)."""
    entries: dict[str, dict] = {}
    for case in cases:
        for resource in case_resources(case):
            mode = "match" if resource["resourceType"] == "ServiceRequest" else "include"
            entries.setdefault(urn(resource["id"]), entry(resource, search={"mode": mode}))
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": instant(timestamp)},
        "type": "searchset",
        "timestamp": instant(timestamp),
        "total": total,
        "link": [{"relation": relation, "url": url} for relation, url in links.items()],
        "entry": list(entries.values()),
    }


ISSUE_CODES = {400: "invalid", 403: "forbidden", 404: "not-found", 409: "conflict", 422: "invalid"}


def operation_outcome(status: int, message: str, errors: dict[str, list[str]] | None = None) -> dict:
    """An error as FHIR expects it: one issue per located problem, else one for the message."""
    code = ISSUE_CODES.get(status, "processing")
    located = [
        {"severity": "error", "code": code, "diagnostics": text, "expression": [location]}
        for location, texts in (errors or {}).items()
        for text in texts
    ]
    return {
        "resourceType": "OperationOutcome",
        "issue": located or [{"severity": "error", "code": code, "diagnostics": message}],
    }


def to_json(resource: dict, *, lines: bool = False) -> str:
    """``resource`` as FHIR JSON text: indented for people, or one line (NDJSON) when ``lines``."""
    if lines:
        return json.dumps(resource, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(resource, ensure_ascii=False, indent=2)
