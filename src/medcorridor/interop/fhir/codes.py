"""Code systems, identifier systems and extension URLs the FHIR export and import use.

HL7 and international systems are used wherever one fits; the project's own codes live under one
namespace (``LOCAL``), listed in ``docs/fhir.md``.
"""

MEDIA_TYPE = "application/fhir+json"
NDJSON_MEDIA_TYPE = "application/fhir+ndjson"

ICD10 = "http://hl7.org/fhir/sid/icd-10"
ISO_COUNTRY = "urn:iso:std:iso:3166"
BCP47 = "urn:ietf:bcp:47"
ISO_CURRENCY = "urn:iso:std:iso:4217"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RFC3986 = "urn:ietf:rfc:3986"

IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction"
COVERAGE_SELF_PAY = "http://terminology.hl7.org/CodeSystem/coverage-selfpay"
CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type"
ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication"

CITIZENSHIP = "http://hl7.org/fhir/StructureDefinition/patient-citizenship"
LANGUAGE = "http://hl7.org/fhir/StructureDefinition/language"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"


def passport_system(country_alpha3: str) -> str:
    """HL7's identifier system for the passports of one country (ISO 3166 alpha-3)."""
    return f"http://hl7.org/fhir/sid/passport-{country_alpha3.upper()}"


PASSPORT_PREFIX = "http://hl7.org/fhir/sid/passport-"

LOCAL = "https://medcorridor.org/fhir"
CASE_NUMBER = f"{LOCAL}/sid/case-number"
ORGANISATION_ID = f"{LOCAL}/sid/organisation"
FACILITY_ID = f"{LOCAL}/sid/facility"
DOCUMENT_CATEGORY = f"{LOCAL}/CodeSystem/document-category"
SPECIALTY = f"{LOCAL}/CodeSystem/specialty"
TASK_CODE = f"{LOCAL}/CodeSystem/task"
TASK_PARAMETER = f"{LOCAL}/CodeSystem/task-parameter"
CASE_STATUS = f"{LOCAL}/CodeSystem/case-status"
CONSENT_SCOPE_LOCAL = f"{LOCAL}/CodeSystem/consent-scope"
OUTCOME = f"{LOCAL}/CodeSystem/follow-up-outcome"
PAYER_KIND = f"{LOCAL}/CodeSystem/payer-kind"
FUNDING_DECISION = f"{LOCAL}/sid/funding-decision"
SHA256 = f"{LOCAL}/StructureDefinition/attachment-sha256"
CASE_STATUS_EXTENSION = f"{LOCAL}/StructureDefinition/case-status"
