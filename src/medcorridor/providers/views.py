"""Directory pages: search (HTMX live results), facility page, edit, import and export."""

from functools import wraps
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medcorridor.core.errors import DomainError
from medcorridor.core.money import convert
from medcorridor.core.views import attempt, form_error

from . import charts, exchange, selectors, services
from .forms import DepartmentForm, DirectorySearchForm, FacilityForm, ImportForm, VoidForm
from .models import Department
from .permissions import can_edit_facility, can_import


def _query_from(form: DirectorySearchForm) -> selectors.DirectoryQuery:
    data = form.cleaned_data
    ceiling = convert(data.get("price_max"), data.get("currency") or "USD", "USD")
    return selectors.DirectoryQuery(
        q=data.get("q") or "",
        country=data.get("country") or "",
        city=data.get("city") or "",
        specialty=data.get("specialty") or "",
        icd=data.get("icd") or "",
        language=data.get("language") or "",
        accreditation=data.get("accreditation") or "",
        price_max_usd=ceiling,
        page=data.get("page") or 1,
    )


def search(request):
    form = DirectorySearchForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        result = selectors.search_facilities(request.user, _query_from(form))
    elif not form.is_bound:
        result = selectors.search_facilities(request.user, selectors.DirectoryQuery())
    template = "providers/_results.html" if request.htmx else "providers/search.html"
    return render(request, template, {"form": form, "result": result, "can_import": can_import(request.user)})


def facility(request, public_id):
    try:
        record = selectors.facility_detail(request.user, public_id)
    except DomainError as error:
        return render(request, "web/error.html", {"message": error.message}, status=error.status_code)
    return render(
        request,
        "providers/facility.html",
        {
            "facility": record,
            "price_chart": charts.price_ranges(record.active_offers),
            "can_edit": request.user.is_authenticated and can_edit_facility(request.user, record),
            "show_contacts": selectors.can_see_contacts(request.user),
        },
    )


def _editors_only(load, facility_of=lambda record: record):
    """Decorator for the screens that change a facility: login required; the view gets the record
    ``load(user, public_id)`` returns, and a user who may not edit its facility gets the 403 page."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request, public_id):
            record = load(request.user, public_id)
            if not can_edit_facility(request.user, facility_of(record)):
                return render(
                    request,
                    "web/error.html",
                    {"message": _("Only the facility's own staff or an administrator may change it.")},
                    status=403,
                )
            return view(request, record)

        return wrapper

    return decorate


@require_http_methods(["GET", "POST"])
@_editors_only(selectors.facility_detail)
def edit_facility(request, record):
    form = FacilityForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_facility(
                actor=request.user,
                facility=record,
                languages=[lang.code for lang in form.cleaned_data["office_languages"]],
                **form.changes(),
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The facility is saved."))
            return redirect("providers:facility", public_id=record.public_id)
    return render(request, "providers/edit.html", {"form": form, "facility": record})


def _saved_department(request, form: DepartmentForm, facility, department=None) -> bool:
    """Save a valid form through the service; a refusal becomes a form error. True when saved."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        services.save_department(actor=request.user, facility=facility, department=department, **form.changes())
    except DomainError as error:
        form_error(form, error)
        return False
    messages.success(request, _("The department is saved."))
    return True


@require_http_methods(["GET", "POST"])
@_editors_only(selectors.facility)
def departments(request, record):
    """The facility's departments, with a form to add one (the facility's own staff)."""
    form = DepartmentForm(request.POST or None)
    if _saved_department(request, form, record):
        return redirect("providers:departments", public_id=record.public_id)
    context = {
        "facility": record,
        "departments": selectors.departments_of(request.user, record),
        "form": form,
    }
    return render(request, "providers/departments.html", context)


@require_http_methods(["GET", "POST"])
@_editors_only(selectors.department, attrgetter("facility"))
def edit_department(request, department):
    # The form fills its instance in when validated; a copy keeps ``department`` as the audit's "before".
    form = DepartmentForm(request.POST or None, instance=Department.objects.get(pk=department.pk))
    if _saved_department(request, form, department.facility, department):
        return redirect("providers:departments", public_id=department.facility.public_id)
    return render(request, "providers/department_edit.html", {"form": form, "department": department})


@require_http_methods(["POST"])
@_editors_only(selectors.department, attrgetter("facility"))
def void_department(request, department):
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the department is voided."))
    else:
        reason = form.cleaned_data["reason"]
        attempt(
            request,
            lambda: services.void_department(actor=request.user, department=department, reason=reason),
            _("The department is voided."),
        )
    return redirect("providers:departments", public_id=department.facility.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def import_directory(request):
    if not can_import(request.user):
        return render(
            request, "web/error.html", {"message": _("Only administrators may import the directory.")}, status=403
        )
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = exchange.import_file(actor=request.user, name=upload.name, content=upload.read())
        except DomainError as error:
            form.add_error("file", error.message)
    return render(request, "providers/import.html", {"form": form, "report": report})


def export_directory(request, format: str):
    if format not in exchange.FORMATS:
        raise Http404(_("The format must be csv or xlsx."))  # the address names no file we make
    response = HttpResponse(exchange.export_bytes(request.user, format), content_type=exchange.FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="medcorridor-directory.{format}"'
    return response
