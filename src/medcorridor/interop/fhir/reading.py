"""A FHIR Bundle (Patient + Condition, optionally ServiceRequest and Consent) read as intake fields.

Pure: returns the keyword arguments of ``cases.services.open_case`` or raises ``UnreadableBundle``
listing every problem at once, each with its location and a problem code (the service layer turns
codes into translated messages). Reading follows the export's mapping (``mapping.py``), so an
exported case imports back as the same patient and diagnosis.
"""

from dataclasses import dataclass
from datetime import date

from . import codes
from .mapping import script_of

GENDERS = {"male", "female", "other", "unknown"}
PRIORITIES = {"routine", "urgent", "asap", "stat"}


@dataclass(frozen=True)
class Issue:
    location: str
    problem: str
    value: str = ""


class UnreadableBundle(Exception):
    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(f"{i.location}: {i.problem}" for i in issues))
        self.issues = issues


def _resources(bundle: dict) -> list[tuple[str, dict]]:
    return [
        (f"Bundle.entry[{index}].resource", entry["resource"])
        for index, entry in enumerate(bundle.get("entry") or [])
        if isinstance(entry.get("resource"), dict)
    ]


def _codes(concept: dict | None, system: str) -> list[str]:
    return [c.get("code", "") for c in (concept or {}).get("coding") or [] if c.get("system") == system]


def _first(items, key=lambda item: True):
    return next((item for item in items or [] if key(item)), None)


def _name_parts(name: dict) -> tuple[str, str]:
    family = (name.get("family") or "").strip()
    given = " ".join(name.get("given") or []).strip()
    if not family and name.get("text"):
        family, _, given = name["text"].strip().partition(" ")
    return family, given


class _Reader:
    def __init__(self):
        self.issues: list[Issue] = []
        self.fields: dict = {}

    def fail(self, location: str, problem: str, value: str = "") -> None:
        self.issues.append(Issue(location, problem, value))

    def names(self, at: str, patient: dict) -> None:
        parts = [_name_parts(n) for n in patient.get("name") or [] if isinstance(n, dict)]
        parts = [(family, given) for family, given in parts if family]
        latin = _first(parts, lambda p: script_of(p[0] + p[1]) == "Latn")
        original = _first(parts, lambda p: script_of(p[0] + p[1]) != "Latn") or latin
        if latin is None:
            self.fail(f"{at}.name", "latin-name-required")
            return
        self.fields.update(
            family_name=original[0],
            given_name=original[1],
            family_name_latin=latin[0],
            given_name_latin=latin[1],
        )

    def demographics(self, at: str, patient: dict) -> None:
        gender = patient.get("gender")
        if gender not in GENDERS:
            self.fail(f"{at}.gender", "gender-required", str(gender or ""))
        else:
            self.fields["gender"] = gender
        try:
            self.fields["birth_date"] = date.fromisoformat(patient.get("birthDate") or "")
        except ValueError:
            self.fail(f"{at}.birthDate", "full-birth-date-required", str(patient.get("birthDate") or ""))

    def citizenship(self, at: str, patient: dict) -> None:
        extension = _first(patient.get("extension"), lambda e: e.get("url") == codes.CITIZENSHIP) or {}
        code = _first(extension.get("extension"), lambda e: e.get("url") == "code") or {}
        countries = _codes(code.get("valueCodeableConcept"), codes.ISO_COUNTRY)
        countries += [a["country"] for a in patient.get("address") or [] if a.get("country")]
        if not countries:
            self.fail(f"{at}.extension", "citizenship-required")
        else:
            self.fields["citizenship"] = countries[0].strip().upper()

    def passport(self, at: str, patient: dict) -> None:
        def is_passport(identifier: dict) -> bool:
            return "PPN" in _codes(identifier.get("type"), codes.IDENTIFIER_TYPE) or str(
                identifier.get("system", "")
            ).startswith(codes.PASSPORT_PREFIX)

        passport = _first(patient.get("identifier"), is_passport)
        if passport and passport.get("value"):
            self.fields["passport_number"] = passport["value"]
            expiry = (passport.get("period") or {}).get("end")
            try:
                if expiry:
                    self.fields["passport_expiry"] = date.fromisoformat(expiry[:10])
            except ValueError:
                self.fail(f"{at}.identifier", "full-date-required", expiry)

    def contacts(self, patient: dict) -> None:
        for system, field in (("phone", "phone"), ("email", "email")):
            point = _first(patient.get("telecom"), lambda t, s=system: t.get("system") == s and t.get("value"))
            if point:
                self.fields[field] = point["value"]
        address = _first(patient.get("address"), lambda a: a.get("text"))
        if address:
            self.fields["address"] = address["text"]
        communication = _first(patient.get("communication"), lambda c: c.get("preferred")) or _first(
            patient.get("communication")
        )
        language = _codes((communication or {}).get("language"), codes.BCP47)
        if language:
            self.fields["communication_language"] = language[0].split("-")[0].lower()
        contact = _first(patient.get("contact"))
        if contact:
            relationship = _first(contact.get("relationship")) or {}
            phone = _first(contact.get("telecom"), lambda t: t.get("system") == "phone") or {}
            self.fields.update(
                contact_name=(contact.get("name") or {}).get("text", ""),
                contact_relationship=relationship.get("text", ""),
                contact_phone=phone.get("value", ""),
            )

    def condition(self, at: str, condition: dict) -> None:
        icd = _codes(condition.get("code"), codes.ICD10)
        if not icd:
            self.fail(f"{at}.code", "icd10-required")
            return
        self.fields["condition_code"] = icd[0]
        note = "\n".join(n["text"] for n in condition.get("note") or [] if n.get("text"))
        if note:
            self.fields["condition_note"] = note

    def service_request(self, at: str, request: dict, by_url: dict[str, dict]) -> None:
        priority = request.get("priority")
        if priority and priority not in PRIORITIES:
            self.fail(f"{at}.priority", "unknown-priority", priority)
        elif priority:
            self.fields["priority"] = priority
        procedure = (request.get("code") or {}).get("text")
        if procedure:
            self.fields["requested_procedure"] = procedure
        requester = by_url.get((request.get("requester") or {}).get("reference", ""), {})
        if requester.get("resourceType") == "PractitionerRole":
            self.fields["requester_practitioner"] = (requester.get("practitioner") or {}).get("display", "")
            requester = by_url.get((requester.get("organization") or {}).get("reference", ""), {})
        if requester.get("resourceType") == "Organization" and requester.get("name"):
            self.fields["requester_organisation"] = requester["name"]

    def consent(self, at: str, consent: dict) -> None:
        given_on = (consent.get("dateTime") or "")[:10]
        try:
            self.fields["consent_date"] = date.fromisoformat(given_on)
        except ValueError:
            self.fail(f"{at}.dateTime", "consent-date-required", given_on)
            return
        scopes = [code for c in consent.get("category") or [] for code in _codes(c, codes.CONSENT_SCOPE_LOCAL)]
        actions = [
            code
            for action in (consent.get("provision") or {}).get("action") or []
            for code in _codes(action, codes.CONSENT_ACTION)
        ]
        self.fields["consent_scope"] = scopes[0] if scopes else ("abroad" if "disclose" in actions else "processing")


def _one(resources: list[tuple[str, dict]], resource_type: str) -> list[tuple[str, dict]]:
    return [(at, r) for at, r in resources if r.get("resourceType") == resource_type]


def intake_from_bundle(bundle: dict) -> dict:
    """The intake fields a Bundle describes; ``UnreadableBundle`` with every problem otherwise."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise UnreadableBundle([Issue("resourceType", "bundle-expected")])
    resources = _resources(bundle)
    by_url = {e.get("fullUrl"): e["resource"] for e in bundle.get("entry") or [] if isinstance(e.get("resource"), dict)}
    reader = _Reader()
    patients = _one(resources, "Patient")
    conditions = _one(resources, "Condition")
    if len(patients) != 1:
        reader.fail("Bundle.entry", "one-patient-expected", str(len(patients)))
    if not conditions:
        reader.fail("Bundle.entry", "condition-required")
    if patients:
        at, patient = patients[0]
        reader.names(at, patient)
        reader.demographics(at, patient)
        reader.citizenship(at, patient)
        reader.passport(at, patient)
        reader.contacts(patient)
    if conditions:
        reader.condition(*conditions[0])
    for at, request in _one(resources, "ServiceRequest")[:1]:
        reader.service_request(at, request, by_url)
    for at, consent in _one(resources, "Consent")[:1]:
        reader.consent(at, consent)
    if reader.issues:
        raise UnreadableBundle(reader.issues)
    return reader.fields
