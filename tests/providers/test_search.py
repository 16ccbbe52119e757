from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medcorridor.providers.selectors import DirectoryQuery, icd_categories_for, icd_lookup, search_facilities
from medcorridor.providers.services import create_facility, save_offer


def names(user, **filters):
    from django.contrib.auth.models import AnonymousUser

    result = search_facilities(user or AnonymousUser(), DirectoryQuery(**filters))
    return sorted(f.name_en for f in result.facilities)


@pytest.mark.parametrize("spelling", ["Северанс", "Severance", "세브란스", "severanse", "Sevrance", "каннам северанс"])
def test_names_are_found_whatever_the_script(directory, spelling):
    assert names(None, q=spelling) == ["Gangnam Severance Hospital"]


@pytest.mark.parametrize("spelling", ["Аджу", "Ajou", "아주", "Ajuo"])
def test_second_hospital_found_in_every_script(directory, spelling):
    assert names(None, q=spelling) == ["Ajou University Hospital"]


def test_words_must_all_match(directory):
    assert names(None, q="Severance Moscow") == []
    assert names(None, q="Seoul breast") == ["Gangnam Severance Hospital"]


@pytest.mark.parametrize(
    "diagnosis",
    ["C50", "c50.9", "рак молочной железы", "рак молочнй железы", "breast cancer", "malignant neoplasm of breast"],
)
def test_diagnosis_filter_in_russian_english_or_code(directory, diagnosis):
    assert "C50" in icd_categories_for(diagnosis)
    assert names(None, icd=diagnosis) == ["Gangnam Severance Hospital"]


def test_icd_range_on_an_offer_covers_its_categories(directory):
    assert names(None, icd="K74") == ["Shumakov Center"]


def test_unknown_diagnosis_finds_nothing(directory):
    assert names(None, icd="zzzqqq") == []


def test_filters_combine(directory):
    assert names(None, country="KR") == ["Ajou University Hospital", "Gangnam Severance Hospital"]
    assert names(None, language="ru", country="KR") == ["Gangnam Severance Hospital"]
    assert names(None, specialty="transplantology") == ["Shumakov Center"]
    assert names(None, city="suwon") == ["Ajou University Hospital"]


def test_expired_accreditation_does_not_count(directory):
    assert names(None, accreditation="jci") == ["Gangnam Severance Hospital"]


def test_price_ceiling_compares_across_currencies(directory):
    from decimal import Decimal

    # 30,000,000 KRW is about 21,700 USD; 15,000 USD; 5,000,000 RUB is about 54,000 USD.
    assert names(None, price_max_usd=Decimal("25000")) == ["Ajou University Hospital", "Gangnam Severance Hospital"]
    assert names(None, price_max_usd=Decimal("16000")) == ["Ajou University Hospital"]


def test_voided_facility_is_hidden_from_the_public(directory, personas):
    from medcorridor.providers.services import void_facility

    void_facility(actor=personas.other_clinic_staff, facility=directory["ajou"], reason="closed its foreign desk")
    assert names(None, q="Ajou") == []
    assert names(personas.admin, q="Ajou") == ["Ajou University Hospital"]


def test_icd_lookup_by_title_and_code(db):
    assert icd_lookup("C50")[0]["code"] == "C50"
    assert any(row["code"] == "K74" for row in icd_lookup("цирроз печени"))
    assert any(row["code"] == "C16" for row in icd_lookup("stomach cancer"))


def test_queries_per_request_do_not_grow_with_page_size(personas):
    from django.contrib.auth.models import AnonymousUser

    for n in range(30):
        create_facility(
            actor=None,
            organisation=personas.clinic_kr,
            name_en=f"Clinic {n}",
            name_ru=f"Клиника {n}",
            country_id="KR",
            city="Seoul",
            languages=["ko"],
        )
    search_facilities(AnonymousUser(), DirectoryQuery(q="clinic"))  # builds the cached vocabulary once
    counts = []
    for size in (5, 25):
        with CaptureQueriesContext(connection) as captured:
            result = search_facilities(AnonymousUser(), DirectoryQuery(q="clinic", page_size=size))
            [list(f.office_languages.all()) for f in result.facilities]
        assert len(result.facilities) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[0] <= 9


def test_list_response_matches_its_published_schema(directory, client):
    from medcorridor.providers.schemas import FacilityPageOut

    body = client.get("/api/v1/directory/facilities", {"q": "Severance"}).json()
    page = FacilityPageOut.model_validate(body)
    assert page.count == 1 and page.items[0].name_en == "Gangnam Severance Hospital"
    assert page.items[0].offers[0].currency == "KRW"
    schema = client.get("/api/v1/openapi.json").json()
    assert "FacilityPageOut" in str(schema["paths"]["/api/v1/directory/facilities"]["get"]["responses"]["200"])


def test_api_list_reads_a_fixed_number_of_queries(personas, client):
    for n in range(30):
        create_facility(
            actor=None,
            organisation=personas.clinic_kr,
            name_en=f"Clinic {n}",
            name_ru=f"Клиника {n}",
            country_id="KR",
            city="Seoul",
            languages=["ko", "en"],
        )
    client.get("/api/v1/directory/facilities", {"q": "clinic"})  # builds the cached vocabulary once
    counts = []
    for size in (5, 25):
        with CaptureQueriesContext(connection) as captured:
            body = client.get("/api/v1/directory/facilities", {"q": "clinic", "page_size": size}).json()
        assert len(body["items"]) == size and body["items"][0]["languages"] == ["en", "ko"]
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 8


def test_list_values_are_those_of_the_facility_page(directory, client):
    # The list reads plain SQL values; they must come out exactly as the ORM and the schema write them
    # (dashed UUIDs, prices with two decimals, ISO dates, booleans), whatever the backend stores.
    for name, price in (("Arthroscopy", Decimal("1234.5")), ("Consultation", None)):
        save_offer(
            actor=None,
            facility=directory["ajou"],
            specialty_id="orthopaedics",
            procedure_en=name,
            procedure_ru=name,
            price_min=price,
            currency_id="USD" if price else None,
        )
    items = client.get("/api/v1/directory/facilities", {"page_size": 100}).json()["items"]
    assert {o["price_min"] for item in items for o in item["offers"]} >= {"1234.50", "30000000.00", None}
    assert {a["expired"] for item in items for a in item["accreditations"]} == {True, False}

    def unordered(facility: dict) -> dict:
        return {
            **facility,
            "offers": {o["id"]: o for o in facility["offers"]},
            "accreditations": sorted(facility["accreditations"], key=lambda a: a["scheme"]),
            "languages": sorted(facility["languages"]),
        }

    for item in items:
        detail = unordered(client.get(f"/api/v1/directory/facilities/{item['id']}").json())
        listed = unordered(item)
        detail["offers"] = {key: offer for key, offer in detail["offers"].items() if key in listed["offers"]}
        assert {key: detail[key] for key in listed} == listed
