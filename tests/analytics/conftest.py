"""Fixtures for the analytics tests: a small world of cases built with the cases services."""

from datetime import date
from decimal import Decimal

import pytest

from medcorridor.core.models import ExchangeRate
from medcorridor.providers.models import Facility
from tests.cases.conftest import World


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ExchangeRate.objects.create(currency_id="KRW", on_date=date(2026, 11, 20), units_per_usd=Decimal("1400"))
    ExchangeRate.objects.create(currency_id="MNT", on_date=date(2026, 11, 20), units_per_usd=Decimal("3400"))
    facility = Facility.objects.create(
        organisation=personas.clinic_kr,
        name_en="Gangnam Severance Hospital",
        name_ru="Госпиталь Каннам Северанс",
        country_id="KR",
        city="Seoul",
    )
    other = Facility.objects.create(
        organisation=personas.clinic_kr_other,
        name_en="Ajou University Hospital",
        name_ru="Госпиталь Университета Аджу",
        country_id="KR",
        city="Suwon",
    )
    return World(personas=personas, facility=facility, other_facility=other)
