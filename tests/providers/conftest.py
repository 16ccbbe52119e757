from datetime import date, timedelta
from decimal import Decimal

import pytest

from medcorridor.core.rates import DEMO_RATES, load_rates
from medcorridor.providers.models import Contact
from medcorridor.providers.services import create_facility, save_accreditation, save_offer


@pytest.fixture
def directory(personas):
    """Two Korean hospitals (one per clinic persona) and a Russian centre, with offers and accreditations."""
    load_rates(DEMO_RATES, source="test")
    severance = create_facility(
        actor=None,
        organisation=personas.clinic_kr,
        name_en="Gangnam Severance Hospital",
        name_ru="Госпиталь Каннам Северанс",
        name_original="강남세브란스병원",
        aliases=["Каннам Северанс"],
        country_id="KR",
        city="Seoul",
        languages=["ko", "ru", "en"],
    )
    ajou = create_facility(
        actor=None,
        organisation=personas.clinic_kr_other,
        name_en="Ajou University Hospital",
        name_ru="Госпиталь Университета Аджу",
        name_original="아주대학교병원",
        country_id="KR",
        city="Suwon",
        languages=["ko", "en"],
    )
    shumakov = create_facility(
        actor=None,
        organisation=personas.transplant_centre_kg,
        name_en="Shumakov Center",
        name_ru="Центр Шумакова",
        country_id="RU",
        city="Moscow",
        languages=["ru"],
    )
    save_offer(
        actor=None,
        facility=severance,
        specialty_id="oncology",
        procedure_en="Breast cancer surgery",
        procedure_ru="Операция при раке молочной железы",
        icd_codes="C50",
        price_min=Decimal("30000000"),
        price_max=Decimal("50000000"),
        currency_id="KRW",
        stay_days_min=7,
        stay_days_max=14,
        wait_days=10,
    )
    save_offer(
        actor=None,
        facility=ajou,
        specialty_id="orthopaedics",
        procedure_en="Knee replacement",
        procedure_ru="Эндопротезирование колена",
        icd_codes="M17",
        price_min=Decimal("15000"),
        price_max=Decimal("20000"),
        currency_id="USD",
        wait_days=30,
    )
    save_offer(
        actor=None,
        facility=shumakov,
        specialty_id="transplantology",
        procedure_en="Liver transplantation",
        procedure_ru="Трансплантация печени",
        icd_codes="K70-K77",
        price_min=Decimal("5000000"),
        price_max=Decimal("8000000"),
        currency_id="RUB",
        wait_days=60,
    )
    save_accreditation(actor=None, facility=severance, scheme="jci", valid_until=date.today() + timedelta(days=300))
    save_accreditation(actor=None, facility=ajou, scheme="jci", valid_until=date.today() - timedelta(days=3))
    Contact.objects.create(facility=severance, name="Ji-won Park", email="office@severance.example")
    return {"severance": severance, "ajou": ajou, "shumakov": shumakov}
