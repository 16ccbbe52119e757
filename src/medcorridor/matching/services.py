"""Turning directory rows into engine data, and the engine's answer back into facilities.

Agreements come from the cooperation registry: an agreement in force "covers" a patient's country for
a facility when the facility (or its operating organisation) is a party to it or named in it, or, for
a country-level memorandum naming no facility, when the facility's country is one of its countries.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q

from medcorridor.providers.models import Accreditation, Facility, Offer

from . import engine


def agreement_countries(facilities: list[Facility], on: date) -> dict[int, set[str]]:
    """{facility id: countries an agreement in force on ``on`` covers for it}."""
    from medcorridor.cooperation.models import Agreement

    agreements = (
        Agreement.objects.exclude(status__in=["draft", "expired", "terminated"])
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .prefetch_related("countries", "parties", "facilities")
    )
    found: dict[int, set[str]] = {}
    for agreement in agreements:
        countries = {c.code for c in agreement.countries.all()}
        parties = {o.pk for o in agreement.parties.all()}
        named = {f.pk for f in agreement.facilities.all()}
        for facility in facilities:
            covered = (
                facility.pk in named
                or facility.organisation_id in parties
                or (not named and facility.country_id in countries)
            )
            if covered:
                found.setdefault(facility.pk, set()).update(countries - {facility.country_id})
    return found


def candidates(
    *, icd_category: str, specialty: str | None, on: date
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
    agreements = agreement_countries(facilities, on)
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
                agreement_countries=frozenset(agreements.get(facility.pk, set())),
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
    rows, facilities = candidates(icd_category=icd_category, specialty=specialty, on=on)
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
