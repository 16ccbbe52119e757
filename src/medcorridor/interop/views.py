"""Web: the "FHIR export" download of a case (the bundle the API gives, as an attachment)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from medcorridor.core.errors import DomainError

from . import selectors
from .fhir import codes, mapping


@login_required
def case_bundle(request, public_id):
    try:
        case = selectors.get_case(request.user, public_id, channel="web")
    except DomainError as error:
        return render(request, "web/error.html", {"message": error.message}, status=error.status_code)
    bundle = selectors.bundle_for(request.user, case, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(mapping.to_json(bundle), content_type=f"{codes.MEDIA_TYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}.fhir.json"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
