"""The indexed search (offer keys, city keys, plain-row list) returns what a straightforward reading of
the rules returns, on a random directory built and edited through the services, for random filters."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medcorridor.core.rates import DEMO_RATES, load_rates
from medcorridor.providers import icd
from medcorridor.providers.listing import facility_page
from medcorridor.providers.lookup import city_key
from medcorridor.providers.models import Facility
from medcorridor.providers.selectors import OFFERS_IN_LIST, DirectoryQuery, icd_categories_for
from medcorridor.providers.services import (
    create_facility,
    save_accreditation,
    save_offer,
    void_facility,
    void_offer,
)

SPECIALTIES = ["oncology", "cardiology", "orthopaedics", "ophthalmology"]
CODES = ["C50", "C16 C18-C20", "I20-I25", "M17", "H25 H26", "C50 C61", "N18", ""]
PLACES = [("KR", "Seoul"), ("KR", "서울"), ("KR", "Busan"), ("RU", "Moscow"), ("RU", "Москва"), ("KZ", "Almaty")]
CURRENCIES = ["USD", "KRW", "RUB", "EUR"]


def build_directory(organisation, seed: int) -> list[Facility]:
    """A dozen facilities with random offers; some offers re-priced, some voided, one facility voided."""
    rng = random.Random(seed)
    facilities = []
    for number in range(12):
        country, city = rng.choice(PLACES)
        facilities.append(
            create_facility(
                actor=None,
                organisation=organisation,
                name_en=f"Hospital {number:02d}",
                name_ru=f"Больница {number:02d}",
                country_id=country,
                city=city,
                languages=rng.sample(["ru", "en", "ko", "kk"], rng.randint(0, 2)),
            )
        )
    for facility in facilities:
        offers = [random_offer(facility, rng, index) for index in range(rng.randint(0, 8))]
        for offer in offers:
            if rng.random() < 0.25:
                void_offer(actor=None, offer=offer, reason="no longer offered")
            elif rng.random() < 0.2:
                save_offer(actor=None, facility=facility, offer=offer, **offer_fields(rng, index=0))
        for scheme in rng.sample(["jci", "kahf"], rng.randint(0, 2)):
            until = date.today() + timedelta(days=rng.choice([-30, 300]))
            save_accreditation(actor=None, facility=facility, scheme=scheme, valid_until=until)
    void_facility(actor=None, facility=facilities[0], reason="closed")
    return facilities


def offer_fields(rng: random.Random, index: int) -> dict:
    currency = rng.choice(CURRENCIES)
    price = None if rng.random() < 0.2 else Decimal(rng.randint(1, 60) * 1000) * (1000 if currency == "KRW" else 1)
    return {
        "specialty_id": rng.choice(SPECIALTIES),
        "procedure_en": f"Procedure {rng.choice('ABCDEFGH')}{index}",
        "procedure_ru": f"Процедура {index}",
        "icd_codes": rng.choice(CODES),
        "price_min": price,
        "currency_id": currency if price is not None else None,
    }


def random_offer(facility, rng, index):
    return save_offer(actor=None, facility=facility, **offer_fields(rng, index))


def offer_matches(offer, query: DirectoryQuery, categories: list[str]) -> bool:
    return (
        offer.voided_at is None
        and (not query.specialty or offer.specialty_id == query.specialty)
        and (not categories or bool(set(icd.expand(offer.icd_codes)) & set(categories)))
        and (
            query.price_max_usd is None
            or (offer.price_min_usd is not None and offer.price_min_usd <= query.price_max_usd)
        )
    )


def has_valid(facility, scheme: str) -> bool:
    today = date.today()
    return any(
        a.scheme == scheme and a.voided_at is None and (a.valid_until is None or a.valid_until >= today)
        for a in facility.accreditations.all()
    )


def straightforward(query: DirectoryQuery) -> tuple[list[str], dict[str, list[str]]]:
    """Facility ids in list order, and the offers each shows, read the obvious way in Python."""
    categories = icd_categories_for(query.icd) if query.icd else []
    found, shown = [], {}
    everything = Facility.objects.filter(voided_at__isnull=True).prefetch_related(
        "offers", "accreditations", "office_languages"
    )
    for facility in sorted(everything, key=lambda f: (f.name_en, f.pk)):
        offers = sorted(
            (o for o in facility.offers.all() if offer_matches(o, query, categories)),
            key=lambda o: (o.procedure_en, o.pk),
        )
        offer_filtered = query.specialty or categories or query.price_max_usd is not None
        if (
            (query.country and facility.country_id != query.country)
            or (query.city and city_key(facility.city) != city_key(query.city))
            or (query.language and query.language not in {lang.code for lang in facility.office_languages.all()})
            or (query.accreditation and not has_valid(facility, query.accreditation))
            or (offer_filtered and not offers)
        ):
            continue
        found.append(str(facility.public_id))
        shown[str(facility.public_id)] = [str(o.public_id) for o in offers[:OFFERS_IN_LIST]]
    return found, shown


queries = st.builds(
    DirectoryQuery,
    country=st.sampled_from(["", "", "KR", "RU"]),
    city=st.sampled_from(["", "", "", "Seoul", "Сеул", "moskva"]),
    specialty=st.sampled_from(["", "", *SPECIALTIES]),
    icd=st.sampled_from(["", "", "C50", "C18", "I21", "рак молочной железы", "cataract", "K74"]),
    language=st.sampled_from(["", "", "", "ru", "ko"]),
    accreditation=st.sampled_from(["", "", "", "jci", "kahf"]),
    price_max_usd=st.one_of(st.none(), st.none(), st.integers(0, 70_000).map(Decimal)),
    page_size=st.just(100),
)


@pytest.mark.parametrize("seed", [1, 2])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_indexed_search_equals_the_straightforward_reading(personas, seed, query):
    # Hypothesis runs every example in the test's one transaction; build the directory once per seed.
    if not Facility.objects.filter(name_en="Hospital 00").exists():
        load_rates(DEMO_RATES, source="test")
        build_directory(personas.clinic_kr, seed)
    expected_ids, expected_offers = straightforward(query)
    page = facility_page(AnonymousUser(), query)
    assert [str(item["id"]) for item in page["items"]] == expected_ids
    assert page["count"] == len(expected_ids)
    assert {str(item["id"]): [str(o["id"]) for o in item["offers"]] for item in page["items"]} == expected_offers
