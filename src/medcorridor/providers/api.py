"""REST endpoints of the partner directory (/api/v1/directory/)."""

from decimal import Decimal
from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic_core import to_json

from medcorridor.accounts.api_auth import authenticated
from medcorridor.accounts.models import Organisation
from medcorridor.core.errors import NotFound, PermissionDenied, ValidationFailed
from medcorridor.core.models import Specialty
from medcorridor.core.money import convert

from . import exchange, listing, selectors, services
from .models import Facility, Offer
from .permissions import can_import
from .presenters import department_out, facility_detail_out
from .schemas import (
    DepartmentIn,
    DepartmentOut,
    DepartmentPatch,
    FacilityDetailOut,
    FacilityIn,
    FacilityPageOut,
    FacilityPatch,
    IcdOut,
    ImportReportOut,
    OfferIn,
    OfferOut,
    VoidIn,
)

router = Router(tags=["directory"])


class DirectoryFilters(Schema):
    q: str = ""
    country: str = ""
    city: str = ""
    specialty: str = ""
    icd: str = ""
    language: str = ""
    accreditation: str = ""
    price_max: Decimal | None = None
    currency: str = "USD"
    page: int = 1
    page_size: int = selectors.PAGE_SIZE


def ceiling_in_usd(amount: Decimal | None, currency: str) -> Decimal | None:
    if amount is None:
        return None
    converted = convert(amount, currency.upper(), "USD")
    if converted is None:
        raise ValidationFailed(
            _("No exchange rate is known for %(currency)s.") % {"currency": currency}, field="currency"
        )
    return converted


def to_query(filters: DirectoryFilters) -> selectors.DirectoryQuery:
    return selectors.DirectoryQuery(
        **filters.dict(exclude={"price_max", "currency"}),
        price_max_usd=ceiling_in_usd(filters.price_max, filters.currency),
    )


@router.get("/facilities", response=FacilityPageOut, summary="Search the partner directory")
def list_facilities(request, filters: Query[DirectoryFilters]):
    """Free text `q` (names in any script, city, specialty, procedure; typo-tolerant) plus filters.
    `icd` takes a code (C50) or words of a diagnosis in Russian or English. Each facility carries up to
    five of its matching offers; `GET /facilities/{id}` has them all."""
    page = listing.facility_page(request.user, to_query(filters))
    # The hot path of the directory: the listing already builds exactly FacilityPageOut out of JSON types
    # (a test holds it to the schema), so the page is encoded directly, by pydantic's serialiser (about
    # twice as fast as the json module on a page of 100), instead of being validated a second time.
    return HttpResponse(to_json(page), content_type="application/json")


@router.get("/facilities/{public_id}", response=FacilityDetailOut, summary="One facility")
def get_facility(request, public_id: UUID):
    return facility_detail_out(selectors.facility_detail(request.user, public_id))


def _own_organisation(public_id: UUID) -> Organisation:
    organisation = Organisation.objects.filter(public_id=public_id).first()
    if organisation is None:
        raise NotFound(_("Organisation not found."))
    return organisation


@router.post("/facilities", response={201: FacilityDetailOut}, auth=authenticated, summary="Add a facility")
def create_facility(request, payload: FacilityIn):
    data = payload.dict()
    organisation = _own_organisation(data.pop("organisation"))
    languages = data.pop("languages")
    data["country_id"] = data.pop("country").upper()
    facility = services.create_facility(actor=request.user, organisation=organisation, languages=languages, **data)
    return Status(201, facility_detail_out(selectors.facility_detail(request.user, facility.public_id)))


def _facility(request, public_id: UUID) -> Facility:
    return selectors.facility_detail(request.user, public_id)


@router.patch("/facilities/{public_id}", response=FacilityDetailOut, auth=authenticated, summary="Change a facility")
def update_facility(request, public_id: UUID, payload: FacilityPatch):
    changes = payload.dict(exclude_unset=True)
    languages = changes.pop("languages", None)
    services.update_facility(actor=request.user, facility=_facility(request, public_id), languages=languages, **changes)
    return facility_detail_out(selectors.facility_detail(request.user, public_id))


@router.post(
    "/facilities/{public_id}/void",
    response=FacilityDetailOut,
    auth=authenticated,
    summary="Void a facility (with a reason)",
)
def void_facility(request, public_id: UUID, payload: VoidIn):
    services.void_facility(actor=request.user, facility=_facility(request, public_id), reason=payload.reason)
    return facility_detail_out(selectors.facility_detail(request.user, public_id))


@router.post("/facilities/{public_id}/offers", response={201: OfferOut}, auth=authenticated, summary="Add an offer")
def add_offer(request, public_id: UUID, payload: OfferIn):
    data = payload.dict()
    if not Specialty.objects.filter(code=data["specialty"]).exists():
        raise ValidationFailed(_("Unknown specialty “%(code)s”.") % {"code": data["specialty"]}, field="specialty")
    data["specialty_id"] = data.pop("specialty")
    data["currency_id"] = (data.pop("currency") or "").upper() or None
    offer = services.save_offer(actor=request.user, facility=_facility(request, public_id), **data)
    from .presenters import offer_out

    return Status(201, offer_out(Offer.objects.select_related("specialty", "currency").get(pk=offer.pk)))


@router.get("/facilities/{public_id}/departments", response=list[DepartmentOut], summary="A facility's departments")
def list_departments(request, public_id: UUID):
    return [
        department_out(d) for d in selectors.departments_of(request.user, selectors.facility(request.user, public_id))
    ]


@router.post(
    "/facilities/{public_id}/departments",
    response={201: DepartmentOut},
    auth=authenticated,
    summary="Add a department (the facility's own staff)",
)
def add_department(request, public_id: UUID, payload: DepartmentIn):
    data = payload.dict()
    data["specialty_id"] = data.pop("specialty")
    department = services.save_department(
        actor=request.user, facility=selectors.facility(request.user, public_id), **data
    )
    return Status(201, department_out(department))


@router.patch("/departments/{public_id}", response=DepartmentOut, auth=authenticated, summary="Change a department")
def update_department(request, public_id: UUID, payload: DepartmentPatch):
    changes = payload.dict(exclude_unset=True)
    if "specialty" in changes:
        changes["specialty_id"] = changes.pop("specialty")
    department = selectors.department(request.user, public_id)
    saved = services.save_department(actor=request.user, facility=department.facility, department=department, **changes)
    return department_out(saved)


@router.post("/departments/{public_id}/void", response=DepartmentOut, auth=authenticated, summary="Void a department")
def void_department(request, public_id: UUID, payload: VoidIn):
    department = selectors.department(request.user, public_id)
    return department_out(services.void_department(actor=request.user, department=department, reason=payload.reason))


@router.get("/icd", response=list[IcdOut], summary="Look up ICD-10 / МКБ-10 codes by code or title")
def icd_lookup(request, q: str, limit: int = 20):
    return selectors.icd_lookup(q, limit=min(max(limit, 1), 50))


@router.get("/export", summary="Export the directory (CSV or XLSX)")
def export_directory(request, format: str = "csv"):
    if format not in exchange.FORMATS:
        raise ValidationFailed(_("The format must be csv or xlsx."), field="format")
    content = exchange.export_bytes(request.user, format)
    response = HttpResponse(content, content_type=exchange.FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="medcorridor-directory.{format}"'
    return response


@router.post(
    "/import",
    response=ImportReportOut,
    auth=authenticated,
    summary="Import facilities and offers (CSV or XLSX); a file with errors imports nothing",
)
def import_directory(request, file: File[UploadedFile]):
    if not can_import(request.user):
        raise PermissionDenied(_("Only administrators may import the directory."))
    report = exchange.import_file(actor=request.user, name=file.name, content=file.read())
    return report.as_dict()
