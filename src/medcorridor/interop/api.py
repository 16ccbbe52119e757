"""FHIR R4 REST endpoints at /api/v1/fhir/: export a case, page through changed cases, read a
patient, import a Bundle. Answers are ``application/fhir+json``; errors are OperationOutcomes.

Reads go through the cases scoping (out of scope is 404, as for the case page) and write the
access log with channel ``api``.
"""

import json
from datetime import UTC, datetime
from urllib.parse import urlencode
from uuid import UUID

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from medcorridor.accounts.api_auth import authenticated
from medcorridor.core.errors import DomainError, ValidationFailed

from . import selectors, services
from .fhir import codes, mapping

router = Router(tags=["fhir"], auth=authenticated)
API = "api"
FHIR_JSON = codes.MEDIA_TYPE
FHIR_NDJSON = codes.NDJSON_MEDIA_TYPE
MAX_PAGE_SIZE = 100
OUTPUT_FORMATS = {"json": FHIR_JSON, FHIR_JSON: FHIR_JSON, "ndjson": FHIR_NDJSON, FHIR_NDJSON: FHIR_NDJSON}


def _schema(description: str, content_type: str = FHIR_JSON) -> dict:
    return {
        "responses": {
            200: {"description": description, "content": {content_type: {"schema": {"type": "object"}}}},
            404: {"description": "Not found or not visible to you (OperationOutcome)"},
        }
    }


def fhir_response(resource: dict, status: int = 200) -> HttpResponse:
    return HttpResponse(mapping.to_json(resource), status=status, content_type=f"{FHIR_JSON}; charset=utf-8")


def outcome_response(error: DomainError) -> HttpResponse:
    errors = error.errors if isinstance(error, ValidationFailed) else None
    return fhir_response(mapping.operation_outcome(error.status_code, error.message, errors), error.status_code)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@router.get("/cases/{case_id}", summary="One case as a FHIR R4 collection Bundle", openapi_extra=_schema("Bundle"))
def export_case(request, case_id: UUID):
    try:
        bundle = selectors.export_case(request.user, case_id, channel=API, base_url=_base_url(request))
    except DomainError as error:
        return outcome_response(error)
    return fhir_response(bundle)


def _links(request, updated_since: datetime | None, page: int, page_size: int, has_next: bool) -> dict[str, str]:
    def url(number: int) -> str:
        query = {"page": number, "_count": page_size}
        if updated_since:
            query["updated_since"] = updated_since.isoformat()
        return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")

    links = {"self": url(page)}
    if has_next:
        links["next"] = url(page + 1)
    if page > 1:
        links["previous"] = url(page - 1)
    return links


@router.get(
    "/cases",
    summary="Cases changed since a moment: a searchset Bundle (or NDJSON of case Bundles), paginated",
    openapi_extra=_schema("searchset Bundle, or one collection Bundle per line with _format=ndjson"),
)
def export_cases(
    request,
    updated_since: datetime | None = None,
    page: int = 1,
    page_size: int = Query(50, alias="_count"),
    output: str = Query("json", alias="_format"),
):
    if output not in OUTPUT_FORMATS:
        message = _("Unknown _format “%(value)s”: use json or ndjson.") % {"value": output}
        return outcome_response(ValidationFailed(message, errors={"_format": [message]}))
    if updated_since is not None and updated_since.tzinfo is None:
        updated_since = updated_since.replace(tzinfo=UTC)
    page, page_size = max(page, 1), min(max(page_size, 1), MAX_PAGE_SIZE)
    result = selectors.export_page(
        request.user,
        updated_since=updated_since,
        page=page,
        page_size=page_size,
        channel=API,
        base_url=_base_url(request),
    )
    if OUTPUT_FORMATS[output] == FHIR_NDJSON:
        now = selectors.now()
        lines = "".join(mapping.to_json(mapping.case_bundle(r, timestamp=now), lines=True) for r in result.records)
        return HttpResponse(lines, content_type=f"{FHIR_NDJSON}; charset=utf-8")
    links = _links(request, updated_since, page, page_size, result.has_next)
    return fhir_response(
        mapping.searchset_bundle(result.records, total=result.total, links=links, timestamp=selectors.now())
    )


@router.get("/Patient/{patient_id}", summary="One patient as a FHIR R4 Patient", openapi_extra=_schema("Patient"))
def read_patient(request, patient_id: UUID):
    try:
        patient = selectors.get_patient(request.user, patient_id, channel=API)
    except DomainError as error:
        return outcome_response(error)
    return fhir_response(mapping.patient_resource(selectors.patient_record(patient)))


IMPORT_SCHEMA = {
    "requestBody": {
        "required": True,
        "description": "A FHIR R4 Bundle: one Patient, a Condition (ICD-10); ServiceRequest and Consent optional",
        "content": {FHIR_JSON: {"schema": {"type": "object"}}, "application/json": {"schema": {"type": "object"}}},
    },
    "responses": {
        201: {"description": "The new case as a collection Bundle", "content": {FHIR_JSON: {"schema": {}}}},
        400: {"description": "Not valid FHIR, or not importable: an OperationOutcome naming every problem"},
        403: {"description": "Only national coordinators open cases"},
    },
}


@router.post(
    "/Bundle", summary="Import: a Bundle (Patient + Condition) opens a draft case", openapi_extra=IMPORT_SCHEMA
)
def import_bundle(request):
    try:
        bundle = json.loads(request.body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return outcome_response(ValidationFailed(_("The body is not JSON: %(error)s") % {"error": error}))
    try:
        case = services.import_bundle(actor=request.user, bundle=bundle)
        exported = selectors.export_case(request.user, case.public_id, channel=API, base_url=_base_url(request))
    except DomainError as error:
        return outcome_response(error)
    response = fhir_response(exported, status=201)
    response["Location"] = request.build_absolute_uri(reverse("api:export_case", kwargs={"case_id": case.public_id}))
    return response
