"""A city is found whatever the script or spelling it was entered or typed in."""

import csv

import pytest
from django.contrib.auth.models import AnonymousUser

from medcorridor.core.textsearch import fold
from medcorridor.providers.lookup import CITY_SPELLINGS, city_key, city_spellings
from medcorridor.providers.selectors import DirectoryQuery, search_facilities
from medcorridor.providers.services import create_facility, update_facility

SEOUL = ["Seoul", "Сеул", "서울", "Seúl", "SEOUL", "seoul "]


def city_hospital(personas, city: str, name: str = "City Hospital", country: str = "KR"):
    return create_facility(
        actor=None, organisation=personas.clinic_kr, name_en=name, name_ru=name, country_id=country, city=city
    )


def found(**filters) -> list[str]:
    return sorted(f.name_en for f in search_facilities(AnonymousUser(), DirectoryQuery(**filters)).facilities)


@pytest.mark.parametrize("entered", SEOUL)
@pytest.mark.parametrize("typed", SEOUL)
def test_city_filter_matches_every_spelling(personas, entered, typed):
    city_hospital(personas, entered)
    city_hospital(personas, "Busan", name="Busan Hospital")
    assert found(city=typed) == ["City Hospital"]


@pytest.mark.parametrize("typed", ["Москва", "Moscow", "moskva", "Moskau"])
def test_exonyms_folding_cannot_reach_come_from_the_spellings_list(personas, typed):
    city_hospital(personas, "Москва", country="RU")
    assert found(city=typed) == ["City Hospital"]


@pytest.mark.parametrize("typed", ["Сеул", "서울", "Seúl"])
def test_free_text_finds_the_city_in_other_scripts(personas, typed):
    city_hospital(personas, "Seoul")
    city_hospital(personas, "Busan", name="Busan Hospital")
    assert found(q=typed) == ["City Hospital"]


def test_an_unknown_city_still_matches_its_own_spellings(personas):
    city_hospital(personas, "Ilsan")
    assert city_spellings("Ilsan") == ("Ilsan",)
    assert found(city="Илсан") == ["City Hospital"]  # folding alone: ilsan
    assert found(city="Seoul") == []


def test_changing_the_city_moves_the_facility(personas):
    facility = city_hospital(personas, "Seoul")
    update_facility(actor=None, facility=facility, city="부산")
    assert found(city="Busan") == ["City Hospital"] and found(city="Сеул") == []


def test_no_spelling_belongs_to_two_cities():
    owner: dict[str, str] = {}
    with CITY_SPELLINGS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for spelling in (row["en"], row["ru"], row["original"], *row["other"].split("|")):
                if spelling:
                    assert owner.setdefault(fold(spelling), row["en"]) == row["en"], spelling
    assert city_key("Seúl") == city_key("서울") == city_key("Сеул") == fold("Seoul")


def test_reindex_rebuilds_stale_keys(directory, personas, capsys):
    from django.core.management import call_command

    from medcorridor.core.errors import PermissionDenied
    from medcorridor.providers.models import Facility, FacilityOfferKey
    from medcorridor.providers.services import reindex_directory

    Facility.objects.update(city_key="stale")
    FacilityOfferKey.objects.all().delete()
    assert found(city="Сеул") == [] and found(icd="C50") == []
    with pytest.raises(PermissionDenied):
        reindex_directory(actor=personas.coordinator_mn)
    call_command("directory", "reindex")
    assert "Rebuilt the search index of 3 facilities" in capsys.readouterr().out
    assert found(city="Сеул") == ["Gangnam Severance Hospital"] and found(icd="C50") == ["Gangnam Severance Hospital"]
