"""Cooperation registry API: public reads of published records; writes for coordinators and administrators."""

from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Router, Status

from medcorridor.accounts.api_auth import authenticated
from medcorridor.accounts.models import Organisation
from medcorridor.core import params
from medcorridor.core.errors import NotFound, PermissionDenied, ValidationFailed
from medcorridor.providers.models import Facility

from . import presenters, selectors, services
from .models import Agreement
from .permissions import can_write
from .schemas import AgreementIn, AliasIn, OfficialIn, OrganisationOut, RecordDetail, RecordOut

router = Router(tags=["cooperation"])


def _position(position) -> dict | None:
    if position is None:
        return None
    organisation = position.organisation.display_name() if position.organisation else position.organisation_name
    return {
        "title": position.title,
        "organisation": organisation,
        "country": position.country_id,
        "started_on": position.started_on,
        "ended_on": position.ended_on,
        "last_seen_on": position.last_seen_on,
    }


def _out(record) -> dict:
    kind = presenters.KINDS[record.kind_slug]
    fields = {}
    for _label, attribute in kind.columns:
        if isinstance(attribute, str):
            cell = presenters.value(record, attribute)
            fields[attribute.removeprefix("get_").removesuffix("_display")] = (
                cell if isinstance(cell, int | float | type(None)) else str(cell)
            )
    return {
        "public_id": record.public_id,
        "kind": record.kind_slug,
        "title": str(record),
        "date": getattr(record, kind.date_field) if kind.date_field else None,
        "countries": sorted(c.code for c in record.countries.all()),
        "areas": record.areas,
        "is_published": record.is_published,
        "url": record.get_absolute_url(),
        "fields": fields,
    }


def _detail(record) -> dict:
    data = _out(record)
    if record.kind_slug == "officials":
        data["last_position"] = _position(record.last_position)
        data["appearances"] = record.appearances
        data["positions"] = [_position(p) for p in record.positions.select_related("organisation")]
    if record.kind_slug == "meetings":
        data["participants"] = [
            {"official": p.official.public_id, "name": p.official.name, "position": p.position_title}
            for p in record.participants.select_related("official")
        ]
    if record.kind_slug == "agreements":
        data["covers_facilities"] = [f.public_id for f in record.facilities.all()]
    return data


@router.get("/organisations/resolve", response=OrganisationOut)
def resolve_organisation(request, name: str):
    """The organisation a written name means ("Минздрав России" → the Russian Ministry of Health)."""
    organisation = services.resolve_organisation(name)
    if organisation is None:
        raise NotFound(_("No organisation matches “%(name)s”.") % {"name": name})
    return {
        "public_id": organisation.public_id,
        "name_ru": organisation.name_ru,
        "name_en": organisation.name_en,
        "country": organisation.country_id,
    }


@router.post("/aliases", auth=authenticated, response={201: dict})
def add_alias(request, payload: AliasIn):
    organisation = Organisation.objects.filter(public_id=payload.organisation).first()
    if organisation is None:
        raise NotFound(_("Organisation not found."))
    alias = services.add_alias(actor=request.user, organisation=organisation, alias=payload.alias)
    return Status(201, {"alias": alias.alias, "organisation": str(organisation.public_id)})


@router.post("/agreements", auth=authenticated, response={201: RecordDetail})
def create_agreement(request, payload: AgreementIn):
    if not can_write(request.user):
        raise PermissionDenied(_("Only national coordinators and administrators may change the cooperation registry."))
    data = payload.dict()
    countries, facility_ids = data.pop("countries"), data.pop("facilities")
    facilities = list(Facility.objects.filter(public_id__in=facility_ids, voided_at__isnull=True))
    if len(facilities) != len(set(facility_ids)):
        raise ValidationFailed(_("Unknown facility in “facilities”."), field="facilities")
    agreement = services.save_record(
        actor=request.user, instance=Agreement(**data), m2m={"countries": countries, "facilities": facilities}
    )
    return Status(201, _detail(agreement))


@router.post("/officials", auth=authenticated, response={201: RecordDetail})
def upsert_official(request, payload: OfficialIn):
    """Create the official, or add the position to the person already known (merging by name)."""
    if not can_write(request.user):
        raise PermissionDenied(_("Only national coordinators and administrators may change the cooperation registry."))
    official, _position_held = services.upsert_official(
        actor=request.user,
        name=payload.name,
        name_latin=payload.name_latin,
        position=payload.position,
        organisation_name=payload.organisation,
        country=payload.country.upper(),
        seen_on=payload.seen_on,
    )
    return Status(201, _detail(official))


def _lister(kind: str):
    def list_records(
        request,
        q: str = "",
        country: str = "",
        year: int | None = params.year(),
        area: str = "",
        status: str = "",
        limit: int = params.limit(50, maximum=500),
        offset: int = params.offset(),
    ):
        records = selectors.records(
            request.user, kind, q=q, country=country.upper(), year=year, area=area, status=status
        )
        return [_out(r) for r in records.prefetch_related("countries")[offset : offset + limit]]

    list_records.__doc__ = (
        f"Published {kind} (and unpublished ones the caller may see); q searches names in any script."
    )
    return list_records


# One GET per section, so that POST /agreements and GET /agreements share a path.
for _kind in presenters.KINDS:
    router.add_api_operation(
        f"/{_kind}",
        ["GET"],
        _lister(_kind),
        response=list[RecordOut],
        operation_id=f"cooperation_list_{_kind}",
    )


@router.get("/{kind}/{public_id}", response=RecordDetail)
def get_record(request, kind: str, public_id: UUID):
    if kind not in presenters.KINDS:
        raise NotFound(_("Unknown registry section “%(kind)s”.") % {"kind": kind})
    return _detail(selectors.record(request.user, kind, public_id))
