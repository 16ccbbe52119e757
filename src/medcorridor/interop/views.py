"""Web: the "FHIR export" download of a case (the bundle the API gives, as an attachment) and the
import page where a coordinator opens a case from a FHIR Bundle file."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from medcorridor.cases.permissions import can_create_case
from medcorridor.core.errors import DomainError, ValidationFailed

from . import selectors, services
from .fhir import codes, mapping
from .forms import ImportForm


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


@login_required
def import_bundle(request):
    if not can_create_case(request.user):
        message = _("Only a national coordinator can import cases.")
        return render(request, "web/error.html", {"message": message}, status=403)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            case = services.import_bundle(actor=request.user, bundle=form.cleaned_data["bundle"])
        except ValidationFailed as error:
            problems = [(where, text) for where, texts in error.errors.items() for text in texts]
            form.add_error(None, error.message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("cases:detail", public_id=case.public_id)
    status = 400 if form.errors else 200
    return render(request, "interop/import.html", {"form": form, "problems": problems}, status=status)
