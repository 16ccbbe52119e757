"""Fixtures for the analytics tests: a small world of cases built with the cases services.

* MN case 1: treated at Severance, discharged, outcome at 30 days recorded, closed;
* MN case 2: answered by both clinics, nothing chosen yet (no destination);
* MN case 3: Ajou selected, funding approved in MNT, then cancelled;
* KZ case 4: at intake (a Kazakh ministry's case);
plus an agreement covering Severance with a programme, a mission and a donation under it.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from medcorridor.cases import services as cases
from medcorridor.cooperation.models import Agreement, Donation, Mission, TrainingProgramme
from medcorridor.core.models import ExchangeRate
from medcorridor.providers.models import Facility
from tests.cases.conftest import INTAKE, World


def today() -> date:
    return timezone.localdate()


class AnalyticsWorld(World):
    def answer(self, case, facility, staff, amount, currency):
        cases.answer_opinion(
            actor=staff,
            request=case.opinion_requests.get(facility=facility),
            treatment_plan="Plan",
            estimate_amount=Decimal(amount),
            estimate_currency=currency,
            valid_until=today() + timedelta(days=60),
        )
        case.refresh_from_db()

    def build(self):
        p = self.personas
        treated = self.at_follow_up()
        task = treated.tasks.get(kind="outcome_30")
        cases.complete_task(actor=p.coordinator_mn, task=task.public_id, outcome="improved")
        treated.refresh_from_db()
        cases.close(actor=p.coordinator_mn, case=treated, reason="done")

        waiting = self.answered()
        self.answer(waiting, self.other_facility, p.other_clinic_staff, "21000", "USD")

        cancelled = self.at_opinions()
        self.answer(cancelled, self.other_facility, p.other_clinic_staff, "30000", "USD")
        cases.select_offer(
            actor=p.coordinator_mn,
            case=cancelled,
            request=cancelled.opinion_requests.get(facility=self.other_facility).public_id,
            funding_due=today() + timedelta(days=5),
        )
        cases.approve_funding(
            actor=p.coordinator_mn,
            case=cancelled,
            shares=[{"payer_kind": "charity", "payer_name": "Fund", "amount": "68000000", "currency": "MNT"}],
        )
        cases.cancel(actor=p.coordinator_mn, case=cancelled, reason="patient declined")

        kazakh = cases.open_case(actor=p.coordinator_kz, **{**INTAKE, "citizenship": "KZ", "condition_code": "I25"})
        self.cases = {"treated": treated, "waiting": waiting, "cancelled": cancelled, "kazakh": kazakh}
        return self

    def agreement(self):
        agreement = Agreement.objects.create(
            title="Memorandum MN–Severance", signed_on=today() - timedelta(days=365), status="in_force"
        )
        agreement.countries.set(["MN", "KR"])
        agreement.facilities.set([self.facility])
        TrainingProgramme.objects.create(title="Transplant surgery", agreement=agreement, trainees_per_year=6)
        Mission.objects.create(title="Visiting surgeons", agreement=agreement, operations=12, consultations=40)
        Donation.objects.create(
            description="Ultrasound",
            agreement=agreement,
            value=Decimal("34000000"),
            currency_id="MNT",
            donated_on=today(),
        )
        other = Agreement.objects.create(title="Memorandum KZ–Ajou", signed_on=today(), status="signed")
        other.countries.set(["KZ", "KR"])
        other.facilities.set([self.other_facility])
        return agreement


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ExchangeRate.objects.create(currency_id="KRW", on_date=date(2026, 1, 1), units_per_usd=Decimal("1400"))
    ExchangeRate.objects.create(currency_id="MNT", on_date=date(2026, 1, 1), units_per_usd=Decimal("3400"))
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
    return AnalyticsWorld(personas=personas, facility=facility, other_facility=other)


@pytest.fixture
def built(world):
    world.build()
    world.agreement()
    return world
