"""Writes to the partner directory. Each function: one transaction, one audit row per record changed."""

from django.db import transaction
from django.utils.translation import gettext as _

from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import audited, changed_fields, record, snapshot
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from medcorridor.core.models import Specialty
from medcorridor.core.money import convert
from medcorridor.core.textsearch import token_set

from . import icd
from .lookup import cheapest_by_key, city_key, city_spellings
from .models import Accreditation, Department, Facility, FacilityOfferKey, FacilityTerm, Offer, OfferIcdCategory
from .permissions import can_create_facility, can_edit_facility, can_import

FACILITY_FIELDS = (
    "kind",
    "name_en",
    "name_ru",
    "name_original",
    "aliases",
    "country_id",
    "city",
    "address",
    "website",
    "email",
    "phone",
    "description",
    "beds",
    "is_demo",
)
OFFER_FIELDS = (
    "specialty_id",
    "department_id",
    "procedure_en",
    "procedure_ru",
    "icd_codes",
    "price_min",
    "price_max",
    "currency_id",
    "stay_days_min",
    "stay_days_max",
    "wait_days",
    "is_demo",
)
ACCREDITATION_FIELDS = ("scheme", "reference", "issued_by", "valid_from", "valid_until")
DEPARTMENT_FIELDS = ("name_en", "name_ru", "specialty_id")


def _require_edit(actor, facility: Facility) -> None:
    if actor is not None and not can_edit_facility(actor, facility):
        raise PermissionDenied(_("Only the facility's own staff or an administrator may change it."))


def _validate_offer(data: dict) -> None:
    low, high = data.get("price_min"), data.get("price_max")
    if low is not None and high is not None and low > high:
        raise ValidationFailed(_("The lowest price is above the highest."), field="price_min")
    if (low is not None or high is not None) and not data.get("currency_id"):
        raise ValidationFailed(_("A price needs a currency."), field="currency")
    short, long = data.get("stay_days_min"), data.get("stay_days_max")
    if short is not None and long is not None and short > long:
        raise ValidationFailed(_("The shortest stay is longer than the longest."), field="stay_days_min")


def create_facility(*, actor, organisation, languages: list[str] = (), **fields) -> Facility:
    facility = Facility(organisation=organisation, **{k: v for k, v in fields.items() if k in FACILITY_FIELDS})
    return add_facility(actor=actor, facility=facility, languages=languages)


def add_facility(*, actor, facility: Facility, languages: list[str] = ()) -> Facility:
    """Save a new facility built by the caller (the API and forms through ``create_facility``, the Django
    admin with its own form): city key, audit row and search rows, in one transaction."""
    if actor is not None and not can_create_facility(actor, facility.organisation):
        raise PermissionDenied(_("You may add facilities only to your own organisation."))
    with transaction.atomic():
        facility.city_key = city_key(facility.city)
        facility.save()
        facility.office_languages.set(languages)
        record(actor=actor, action=AuditAction.CREATE, instance=facility, after=snapshot(facility))
        reindex_facility(facility)
    return facility


def update_facility(*, actor, facility: Facility, languages: list[str] | None = None, **changes) -> Facility:
    _require_edit(actor, facility)
    with transaction.atomic():
        facility = Facility.objects.select_for_update().get(pk=facility.pk)
        before = snapshot(facility)
        for name, value in changes.items():
            if name in FACILITY_FIELDS:
                setattr(facility, name, value)
        facility.full_clean(exclude=["organisation", "country", "voided_by"])
        facility.city_key = city_key(facility.city)
        facility.save()
        if languages is not None:
            facility.office_languages.set(languages)
        after = snapshot(facility)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=facility,
            before=before,
            after=after,
            summary=", ".join(changed_fields(before, after)),
        )
        reindex_facility(facility)
    return facility


def void_facility(*, actor, facility: Facility, reason: str) -> Facility:
    _require_edit(actor, facility)
    return _void(actor, facility, reason)


def _void(actor, entry, reason: str):
    """Mark a directory record voided with its reason, and audit it."""
    if not reason.strip():
        raise ValidationFailed(_("Say why the record is voided."), field="reason")
    with transaction.atomic(), audited(actor=actor, action=AuditAction.VOID, instance=entry, summary=reason):
        entry.mark_voided(by=actor, reason=reason)
        entry.save(update_fields=["voided_at", "voided_by", "void_reason", "updated_at"])
    return entry


def save_offer(*, actor, facility: Facility, offer: Offer | None = None, reindex: bool = True, **data) -> Offer:
    """Create an offer, or update ``offer``; keeps its ICD categories and USD price current.
    A batch (the import) passes ``reindex=False`` and reindexes each facility once at the end."""
    _require_edit(actor, facility)
    _validate_offer(data)
    categories = icd.expand(data.get("icd_codes", "") or (offer.icd_codes if offer else ""))
    with transaction.atomic():
        before = snapshot(offer) if offer else None
        offer = offer or Offer(facility=facility)
        for name, value in data.items():
            if name in OFFER_FIELDS:
                setattr(offer, name, value)
        offer.price_min_usd = convert(offer.price_min, offer.currency_id, "USD") if offer.currency_id else None
        offer.save()
        OfferIcdCategory.objects.filter(offer=offer).delete()
        OfferIcdCategory.objects.bulk_create(OfferIcdCategory(offer=offer, category=c) for c in categories)
        record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            instance=offer,
            before=before,
            after=snapshot(offer),
        )
        if reindex:
            reindex_facility(facility)
    return offer


def void_offer(*, actor, offer: Offer, reason: str) -> Offer:
    _require_edit(actor, offer.facility)
    with transaction.atomic():
        _void(actor, offer, reason)
        reindex_facility(offer.facility)  # a voided offer no longer finds its facility
    return offer


def save_accreditation(
    *, actor, facility: Facility, accreditation: Accreditation | None = None, **data
) -> Accreditation:
    _require_edit(actor, facility)
    start, end = data.get("valid_from"), data.get("valid_until")
    if start and end and start > end:
        raise ValidationFailed(_("The accreditation ends before it starts."), field="valid_until")
    with transaction.atomic():
        return _save_entry(actor, accreditation or Accreditation(facility=facility), data, ACCREDITATION_FIELDS)


def save_department(*, actor, facility: Facility, department: Department | None = None, **data) -> Department:
    """Add a department to ``facility``, or change ``department`` (one of its live departments)."""
    _require_edit(actor, facility)
    if department is not None and (department.facility_id != facility.pk or department.is_voided):
        raise ValidationFailed(_("Only a current department of this facility can be changed."))
    for name in ("name_en", "name_ru"):
        if name in data or department is None:
            data[name] = (data.get(name) or "").strip()
            if len(data[name]) < 2:
                raise ValidationFailed(_("A department needs a name in English and in Russian."), field=name)
    if (department is None or "specialty_id" in data) and not Specialty.objects.filter(
        code=data.get("specialty_id") or ""
    ).exists():
        raise ValidationFailed(_("Choose a known specialty."), field="specialty")
    with transaction.atomic():
        return _save_entry(actor, department or Department(facility=facility), data, DEPARTMENT_FIELDS)


def _save_entry(actor, entry, data: dict, fields: tuple):
    """Create ``entry`` or change it from ``data`` (only ``fields``), and audit it: one audit row."""
    before = snapshot(entry) if entry.pk else None
    for name, value in data.items():
        if name in fields:
            setattr(entry, name, value)
    entry.save()
    after = snapshot(entry)
    record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=entry,
        before=before,
        after=after,
        summary=", ".join(changed_fields(before, after)) if before else "",
    )
    return entry


def void_department(*, actor, department: Department, reason: str) -> Department:
    """Void a department (kept for the record). Its live offers stay in the directory as offers of the
    facility itself: a voided department must not go on naming where a patient is treated."""
    _require_edit(actor, department.facility)
    if department.is_voided:
        raise ValidationFailed(_("The department is voided already."))
    with transaction.atomic():
        _void(actor, department, reason)
        summary = f"department voided: {department.name_en}"
        for offer in department.offers.filter(voided_at__isnull=True):
            with audited(actor=actor, action=AuditAction.UPDATE, instance=offer, summary=summary):
                offer.department = None
                offer.save(update_fields=["department", "updated_at"])
    return department


def search_texts(facility: Facility) -> list[str]:
    """Everything a person might type to find this facility, in any script."""
    texts = [
        *facility.all_names(),
        *city_spellings(facility.city),
        facility.organisation.name_en,
        facility.organisation.name_ru,
        facility.organisation.name_original,
        facility.country.name_en,
        facility.country.name_ru,
    ]
    for offer in facility.offers.filter(voided_at__isnull=True).select_related("specialty"):
        texts += [offer.procedure_en, offer.procedure_ru, offer.specialty.name_en, offer.specialty.name_ru]
    return [t for t in texts if t]


def reindex_facility(facility: Facility) -> None:
    """Bring the facility's search rows (terms and offer keys) in line with its names and live offers."""
    terms = {term[:64] for term in token_set(search_texts(facility))}
    FacilityTerm.objects.filter(facility=facility).exclude(term__in=terms).delete()
    existing = set(FacilityTerm.objects.filter(facility=facility).values_list("term", flat=True))
    FacilityTerm.objects.bulk_create(FacilityTerm(facility=facility, term=t) for t in terms - existing)
    FacilityOfferKey.objects.filter(facility=facility).delete()
    FacilityOfferKey.objects.bulk_create(
        FacilityOfferKey(facility=facility, category=category, specialty=specialty, cheapest_usd=price)
        for (category, specialty), price in cheapest_by_key(live_offer_facts(facility)).items()
    )


def reindex_directory(*, actor, progress=lambda: None) -> int:
    """Rebuild every facility's city key and search rows, e.g. after the city spellings list changed.
    One transaction per facility, so a long run holds no lock on the whole directory."""
    if actor is not None and not can_import(actor):
        raise PermissionDenied(_("Only administrators may rebuild the directory's search index."))
    facilities = Facility.objects.select_related("organisation", "country").order_by("pk")
    for facility in facilities.iterator():
        with transaction.atomic():
            Facility.objects.filter(pk=facility.pk).update(city_key=city_key(facility.city))
            reindex_facility(facility)
        progress()
    count = facilities.count()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type="providers.facility",
        summary=f"search index of {count} facilities rebuilt",
    )
    return count


def live_offer_facts(facility: Facility) -> list[tuple]:
    """(specialty, price_min_usd, ICD-10 categories) of each live offer of the facility."""
    live = Offer.objects.filter(facility=facility, voided_at__isnull=True)
    categories: dict[int, list[str]] = {}
    for offer, category in OfferIcdCategory.objects.filter(offer__in=live).values_list("offer_id", "category"):
        categories.setdefault(offer, []).append(category)
    rows = live.values_list("pk", "specialty_id", "price_min_usd")
    return [(specialty, price, categories.get(pk, ())) for pk, specialty, price in rows]
