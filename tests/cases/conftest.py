"""Fixtures for the cases tests: facilities of the persona clinics, a case ready for each step."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from medcorridor.cases import services
from medcorridor.core.models import ExchangeRate
from medcorridor.providers.models import Facility

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
    "000002000154a24f5d0000000049454e44ae426082"
)


def upload(name="scan.pdf", content=PDF):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def today() -> date:
    return timezone.localdate()


INTAKE = {
    "family_name": "Батболд",
    "given_name": "Энхжаргал",
    "family_name_latin": "BATBOLD",
    "given_name_latin": "ENKHJARGAL",
    "birth_date": date(1975, 3, 14),
    "gender": "female",
    "citizenship": "MN",
    "passport_number": "E1234567",
    "phone": "+976 9911 2233",
    "contact_name": "Батболд Тэмүүлэн",
    "contact_relationship": "son",
    "condition_code": "C50",
    "priority": "urgent",
    "requester_organisation": "National Cancer Center of Mongolia",
    "requester_practitioner": "Dr. Oyun",
    "budget_amount": Decimal("30000"),
    "budget_currency": "USD",
    "consent_date": date(2026, 11, 1),
    "consent_scope": "abroad",
}


@dataclass
class World:
    personas: object
    facility: Facility
    other_facility: Facility

    def open_case(self, **overrides):
        return services.open_case(actor=self.personas.coordinator_mn, **{**INTAKE, **overrides})

    def at_opinions(self, **overrides):
        case = self.open_case(**overrides)
        doc = services.add_document(
            actor=self.personas.coordinator_mn,
            case=case,
            upload=upload(),
            description="Biopsy report",
            category="lab",
        )
        secret = services.add_document(
            actor=self.personas.coordinator_mn,
            case=case,
            upload=upload("x.png", PNG),
            description="Not for clinics",
            category="imaging",
        )
        services.request_opinions(
            actor=self.personas.coordinator_mn,
            case=case,
            facilities=[self.facility.public_id, self.other_facility.public_id],
            documents=[doc.public_id],
            due_date=today() + timedelta(days=7),
            message="Please",
        )
        case.refresh_from_db()
        case.shared_document, case.private_document = doc, secret
        return case

    def request_for(self, case, facility=None):
        return case.opinion_requests.get(facility=facility or self.facility)

    def answered(self, **overrides):
        case = self.at_opinions(**overrides)
        request = self.request_for(case)
        services.answer_opinion(
            actor=self.personas.clinic_staff,
            request=request,
            treatment_plan="Mastectomy",
            estimate_amount=Decimal("35000000"),
            estimate_currency="KRW",
            estimate_includes="surgery, 7 nights",
            stay_days=10,
            earliest_admission=today() + timedelta(days=20),
            valid_until=today() + timedelta(days=60),
        )
        case.refresh_from_db()
        return case

    def at_funding(self):
        case = self.answered()
        services.select_offer(
            actor=self.personas.coordinator_mn,
            case=case,
            request=self.request_for(case).public_id,
            funding_due=today() + timedelta(days=10),
        )
        return case

    def at_travel(self):
        case = self.at_funding()
        services.approve_funding(
            actor=self.personas.coordinator_mn,
            case=case,
            shares=[
                {
                    "payer_kind": "state_quota",
                    "payer_name": "Health Insurance Fund",
                    "amount": "20000",
                    "currency": "USD",
                },
                {"payer_kind": "self_pay", "payer_name": "Family", "amount": "6000", "currency": "USD"},
            ],
        )
        return case

    def in_treatment(self, case=None):
        case = case or self.at_travel()
        case.refresh_from_db()
        services.admit(actor=self.personas.clinic_staff, case=case, admitted_on=today(), ward="Breast surgery")
        return case

    def at_follow_up(self):
        return self.at_follow_up_from(self.at_travel())

    def at_follow_up_from(self, case):
        """Admit and discharge a case that is at the travel step."""
        case = self.in_treatment(case)
        services.discharge(
            actor=self.personas.clinic_staff,
            case=case,
            discharged_on=today(),
            follow_up_plan="Oncologist visit in 2 weeks",
            summary_upload=upload("summary.pdf"),
        )
        return case


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
        name_original="강남세브란스병원",
        address="211 Eonju-ro, Gangnam-gu",
    )
    other = Facility.objects.create(
        organisation=personas.clinic_kr_other,
        name_en="Ajou University Hospital",
        name_ru="Госпиталь Университета Аджу",
        country_id="KR",
        city="Suwon",
    )
    for user, name in ((personas.coordinator_mn, "coord"), (personas.clinic_staff, "clinic")):
        user.email = f"{name}@example.org"
        user.save()
    return World(personas=personas, facility=facility, other_facility=other)
