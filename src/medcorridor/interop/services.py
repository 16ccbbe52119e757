"""Import: a FHIR Bundle (Patient + Condition …) opens a patient and a draft case (status intake).

Nothing is written by this module itself: the bundle is checked against the FHIR R4 models, read
into intake fields (``fhir.reading``) and handed to ``cases.services.open_case``, which owns the
rules (only a national coordinator opens cases; the ICD-10 code must exist). Any problem raises
``ValidationFailed`` listing every location, before anything is written.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import record
from medcorridor.cases import services as cases
from medcorridor.cases.models import ReferralCase
from medcorridor.core.errors import ValidationFailed
from medcorridor.core.models import Country

from .fhir import reading, validation

PROBLEMS = {
    "bundle-expected": gettext_lazy("A FHIR Bundle is expected."),
    "one-patient-expected": gettext_lazy("The bundle must hold exactly one Patient (it holds %(value)s)."),
    "condition-required": gettext_lazy("The bundle must hold a Condition with the diagnosis."),
    "latin-name-required": gettext_lazy("The patient needs a name in Latin letters, as in the passport."),
    "gender-required": gettext_lazy("Sex must be one of male, female, other, unknown (got “%(value)s”)."),
    "full-date-required": gettext_lazy("A full date (YYYY-MM-DD) is required (got “%(value)s”)."),
    "full-birth-date-required": gettext_lazy("A full date of birth (YYYY-MM-DD) is required (got “%(value)s”)."),
    "citizenship-required": gettext_lazy("The citizenship is required (patient-citizenship extension or address)."),
    "icd10-required": gettext_lazy("The diagnosis needs an ICD-10 code (system http://hl7.org/fhir/sid/icd-10)."),
    "unknown-priority": gettext_lazy("Unknown priority “%(value)s”."),
    "consent-date-required": gettext_lazy("The consent needs the date it was given (got “%(value)s”)."),
    "unknown-country": gettext_lazy("Unknown country “%(value)s”."),
}


# Where an intake field comes from in the bundle, to point the case rules' errors at the FHIR element.
FIELD_ELEMENTS = {
    "condition_code": "Condition.code",
    "citizenship": "Patient.extension",
    "communication_language": "Patient.communication",
    "birth_date": "Patient.birthDate",
    "gender": "Patient.gender",
    "email": "Patient.telecom",
    "priority": "ServiceRequest.priority",
    "consent_date": "Consent.dateTime",
}


def _country_code(value: str) -> str:
    country = Country.objects.filter(code=value).first() or Country.objects.filter(alpha3=value).first()
    if country is None:
        raise ValidationFailed(
            str(PROBLEMS["unknown-country"]) % {"value": value},
            errors={"Patient.extension": [str(PROBLEMS["unknown-country"]) % {"value": value}]},
        )
    return country.code


def read_bundle(bundle) -> dict:
    """The intake fields of ``bundle``, or ValidationFailed naming every problem and where it is."""
    problems = validation.problems(bundle)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.location, []).append(problem.message)
        raise ValidationFailed(_("The bundle is not valid FHIR R4."), errors=errors)
    try:
        fields = reading.intake_from_bundle(bundle)
    except reading.UnreadableBundle as unreadable:
        errors = {}
        for issue in unreadable.issues:
            errors.setdefault(issue.location, []).append(str(PROBLEMS[issue.problem]) % {"value": issue.value})
        raise ValidationFailed(_("The bundle cannot be imported as a case."), errors=errors) from unreadable
    fields["citizenship"] = _country_code(fields["citizenship"])
    return fields


def import_bundle(*, actor, bundle) -> ReferralCase:
    """A new patient and case in the actor's ministry, from a FHIR Bundle; all or nothing."""
    fields = read_bundle(bundle)
    try:
        with transaction.atomic():
            case = cases.open_case(actor=actor, **fields)
            record(
                actor=actor,
                action=AuditAction.IMPORT,
                instance=case,
                summary=f"FHIR Bundle {bundle.get('id') or ''}".strip(),
            )
    except ValidationFailed as error:
        element = FIELD_ELEMENTS.get(error.field or "", "Bundle")
        raise ValidationFailed(error.message, errors=error.errors or {element: [error.message]}) from error
    return case
