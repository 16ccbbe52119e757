"""Web: the "FHIR export" download of a case (the bundle the API gives, as an attachment)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from medcorridor.core.errors import DomainError

from . import selectors
from .fhir import mapping

FHIR_JSON = "application/fhir+json"


@login_required
def case_bundle(request, public_id):
    try:
        bundle = selectors.export_case(request.user, public_id, channel="web", base_url=request.build_absolute_uri("/"))
    except DomainError as error:
        return render(request, "web/error.html", {"message": error.message}, status=error.status_code)
    reference = next(
        identifier["value"]
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == "ServiceRequest"
        for identifier in entry["resource"]["identifier"]
    )
    response = HttpResponse(mapping.to_json(bundle), content_type=f"{FHIR_JSON}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{reference}.fhir.json"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
