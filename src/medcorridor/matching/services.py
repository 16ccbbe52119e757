"""Turning directory rows into engine data, and the engine's answer back into facilities.

Agreements: ``cooperation`` may register the countries each organisation has an agreement with
through ``AGREEMENT_SOURCES`` (a callable returning {organisation_id: {country codes}}); until it does,
no facility earns the agreement points.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from medcorridor.providers.models import Accreditation, Facility, Offer

from . import engine

AGREEMENT_SOURCES: list[Callable[[list[int]], dict[int, set[str]]]] = []


def agreement_countries(organisation_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for source in AGREEMENT_SOURCES:
        for organisation_id, countries in source(organisation_ids).items():
            found.setdefault(organisation_id, set()).update(countries)
    return found


def candidates(
    *, icd_category: str, specialty: str | None
) -> tuple[list[engine.Candidate], dict[int, Facility]]:
    """Facilities with at least one active offer for the category or the specialty."""
    offers = Offer.objects.active().filter(icd_categories__category=icd_category)
    if specialty:
        offers = offers | Offer.objects.active().filter(specialty_id=specialty)
    facility_ids = set(offers.values_list("facility_id", flat=True))
    facilities = list(
        Facility.objects.active()
        .filter(pk__in=facility_ids)
        .select_related("organisation", "country")
        .prefetch_related(
            Prefetch("offers", queryset=Offer.objects.active().prefetch_related("icd_categories")),
            "office_languages",
            Prefetch("accreditations", queryset=Accreditation.objects.active()),
        )
    )
    agreements = agreement_countries([f.organisation_id for f in facilities])
    out = []
    for facility in facilities:
        out.append(
            engine.Candidate(
                facility_id=facility.pk,
                name=facility.name_en,
                country=facility.country_id,
                offers=tuple(
                    engine.OfferData(
                        offer_id=o.pk,
                        specialty=o.specialty_id,
                        icd_categories=frozenset(c.category for c in o.icd_categories.all()),
                        price_min_usd=o.price_min_usd,
                        wait_days=o.wait_days,
                        procedure=o.procedure_en,
                    )
                    for o in facility.offers.all()
                ),
                office_languages=frozenset(lang.code for lang in facility.office_languages.all()),
                agreement_countries=frozenset(agreements.get(facility.organisation_id, set())),
                accreditations_valid_until=tuple(a.valid_until for a in facility.accreditations.all()),
                accreditation_starts=tuple(a.valid_from for a in facility.accreditations.all()),
            )
        )
    return out, {f.pk: f for f in facilities}


def suggest(
    *,
    icd_category: str,
    specialty: str | None,
    patient_country: str,
    languages: tuple[str, ...],
    budget_usd: Decimal | None,
    urgent: bool,
    on: date,
    limit: int = 10,
):
    """[(facility, suggestion)], best first."""
    rows, facilities = candidates(icd_category=icd_category, specialty=specialty)
    need = engine.Need(
        icd_category=icd_category,
        specialty=specialty,
        patient_country=patient_country,
        languages=languages,
        budget_usd=budget_usd,
        urgent=urgent,
        on=on,
    )
    return [(facilities[s.facility_id], s) for s in engine.rank(rows, need, limit=limit)]
