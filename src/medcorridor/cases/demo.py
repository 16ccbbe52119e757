"""Demo referral cases in every state, following the seed articles: Mongolian patients to Korean clinics,
Kazakh patients to Gangnam Severance (the memoranda of seed 001), Kyrgyz patients to Russian national
centres, Belarusian patients to Kazakh clinics. Synthetic people; every step goes through the services.

The services date what they write now; a demo journey happened over weeks, so each step's timeline events
(and the case's last status change, a clinic's answer) are dated back to the day of the step afterwards.
The audit log is left as written: it records when the demo was loaded, which is what really happened."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone, translation

from medcorridor.accounts.demo import organisation, user
from medcorridor.providers.models import Facility

from . import services, timeline
from .models import CaseEvent, OpinionRequest, ReferralCase

PDF = b"%PDF-1.4\n% synthetic demo document\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# coordinator, clinic user, treating organisation, other organisations asked, patient, ICD-10, target state
JOURNEYS = [
    (
        "coordinator.mn",
        "clinic.ajou",
        "ajou",
        ["samsung", "snuh"],
        ("Батболд", "Энхтуяа", "BATBOLD", "ENKHTUYA", date(1971, 4, 2), "female", "mn"),
        "C50",
        "closed",
    ),
    (
        "coordinator.mn",
        "clinic.severance",
        "gangnam-severance",
        ["asan"],
        ("Дорж", "Ганбаатар", "DORJ", "GANBAATAR", date(1964, 9, 18), "male", "mn"),
        "I25",
        "follow_up",
    ),
    (
        "coordinator.mn",
        "clinic.ajou",
        "ajou",
        ["severance"],
        ("Цэрэн", "Оюунчимэг", "TSEREN", "OYUNCHIMEG", date(1980, 1, 30), "female", "mn"),
        "C16",
        "opinions",
    ),
    (
        "coordinator.mn",
        "clinic.severance",
        "gangnam-severance",
        [],
        ("Баяр", "Тэмүүжин", "BAYAR", "TEMUUJIN", date(2012, 6, 11), "male", "mn"),
        "M41",
        "intake",
    ),
    (
        "coordinator.kz",
        "clinic.severance",
        "gangnam-severance",
        ["ajou"],
        ("Сейтқали", "Айгүл", "SEITKALI", "AIGUL", date(1976, 11, 5), "female", "kk"),
        "C50",
        "in_treatment",
    ),
    (
        "coordinator.kz",
        "clinic.severance",
        "gangnam-severance",
        [],
        ("Жұмабеков", "Ерлан", "ZHUMABEKOV", "YERLAN", date(1958, 2, 27), "male", "kk"),
        "M51",
        "travel",
    ),
    (
        "coordinator.kz",
        "clinic.severance",
        "gangnam-severance",
        [],
        ("Ахметова", "Динара", "AKHMETOVA", "DINARA", date(1990, 8, 14), "female", "kk"),
        "C73",
        "funding",
    ),
    (
        "coordinator.kz",
        "clinic.severance",
        "gangnam-severance",
        [],
        ("Омаров", "Нурлан", "OMAROV", "NURLAN", date(1969, 12, 1), "male", "kk"),
        "C18",
        "on_hold",
    ),
    (
        "coordinator.kg",
        "clinic.shumakov",
        "shumakov",
        ["almazov"],
        ("Осмонов", "Бакыт", "OSMONOV", "BAKYT", date(1985, 3, 9), "male", "ky"),
        "N18",
        "funding_refused",
    ),
    (
        "coordinator.kg",
        "clinic.shumakov",
        "shumakov",
        ["blokhin"],
        ("Токтогулова", "Айпери", "TOKTOGULOVA", "AIPERI", date(1993, 7, 21), "female", "ky"),
        "K74",
        "in_treatment",
    ),
    (
        "coordinator.kg",
        "clinic.shumakov",
        "shumakov",
        [],
        ("Исаков", "Эрмек", "ISAKOV", "ERMEK", date(1977, 5, 16), "male", "ky"),
        "I42",
        "cancelled",
    ),
    (
        "coordinator.by",
        "clinic.syzganov",
        "syzganov",
        ["umc-astana"],
        ("Каваленка", "Алена", "KAVALENKA", "ALENA", date(1982, 10, 3), "female", "be"),
        "N18",
        "follow_up",
    ),
    (
        "coordinator.by",
        "clinic.syzganov",
        "syzganov",
        [],
        ("Шыманскі", "Андрэй", "SHYMANSKI", "ANDREI", date(1966, 1, 19), "male", "be"),
        "I35",
        "opinions",
    ),
    (  # an open request in Gangnam Severance's inbox, not yet due: what the clinic's demo user answers
        "coordinator.kz",
        "clinic.severance",
        "gangnam-severance",
        ["asan"],
        ("Нұрланова", "Әсел", "NURLANOVA", "ASSEL", date(1974, 3, 14), "female", "kk"),
        "C34",
        "opinions",
    ),
]
CITIZENSHIP = {"coordinator.mn": "MN", "coordinator.kz": "KZ", "coordinator.kg": "KG", "coordinator.by": "BY"}
ORDER = ["intake", "opinions", "funding", "travel", "in_treatment", "follow_up", "closed"]
# How long ago a case in each state was opened, and (once admitted) how long ago the patient was admitted:
# every date of a journey then follows the one before it (opened, funded, flew, admitted, discharged).
OPENED_DAYS_AGO = {
    "intake": 2,
    "opinions": 9,
    "cancelled": 12,
    "funding": 16,
    "funding_refused": 20,
    "travel": 24,
    "on_hold": 27,
    "in_treatment": 32,
    "follow_up": 45,
    "closed": 130,
}
ADMITTED_DAYS_AGO = {"in_treatment": 5, "follow_up": 20, "closed": 100}
STAY_DAYS = 8
ANSWER_DAYS, SELECTION_DAYS = 2, 4  # after the case was opened
FOLLOW_UP_DAYS = 91  # from discharge to closure: after the 90-day outcome is due
CONTROL_VISIT_DAYS = 14  # after discharge
SAME_DAY_STEP = timedelta(minutes=40)  # between two steps of a journey on one day


@dataclass(frozen=True)
class Schedule:
    """The dates of one demo journey, relative to ``today``."""

    today: date
    opened: date
    admitted: date | None  # None: not admitted (yet)

    @classmethod
    def for_case(cls, target: str, index: int, today: date) -> "Schedule":
        opened = today - timedelta(days=OPENED_DAYS_AGO[target] + 3 * (index % 4))  # spread over the weeks
        days_ago = ADMITTED_DAYS_AGO.get(target)
        return cls(today, opened, today - timedelta(days=days_ago) if days_ago is not None else None)

    @property
    def answered(self) -> date:
        return min(self.opened + timedelta(days=ANSWER_DAYS), self.today)

    @property
    def selected(self) -> date:
        return min(self.opened + timedelta(days=SELECTION_DAYS), self.today)

    @property
    def funding_decided(self) -> date:
        return self.admitted - timedelta(days=14) if self.admitted else self.today

    @property
    def funding_due(self) -> date:
        """Decided in time: two days after the decision once made, ten days ahead while it is awaited."""
        return self.funding_decided + timedelta(days=2) if self.admitted else self.today + timedelta(days=10)

    @property
    def travel(self) -> tuple[date, date, date]:
        """Departure, arrival and return: past for a patient already admitted, planned otherwise."""
        if self.admitted is None:
            flight = self.today + timedelta(days=19)
            return flight, flight, self.today + timedelta(days=35)
        return self.admitted - timedelta(days=2), self.admitted - timedelta(days=1), self.discharged + timedelta(days=3)

    @property
    def discharged(self) -> date:
        return self.admitted + timedelta(days=STAY_DAYS)


@dataclass
class Backdating:
    """Dates one demo case's timeline: the events written since the last call happened on ``day``."""

    case: ReferralCase
    dated_up_to: int = 0  # the last event id already dated
    last: datetime | None = None

    def happened(self, day: date) -> datetime:
        when = timezone.make_aware(datetime.combine(day, time(9, 30)))
        if self.last is not None and when <= self.last:
            when = self.last + SAME_DAY_STEP
        when = min(when, timezone.now())
        events = CaseEvent.objects.filter(case=self.case, id__gt=self.dated_up_to)
        newest = events.order_by("-id").values_list("id", flat=True).first()
        if newest is not None:
            if events.exclude(from_status=F("to_status")).exists():  # a transition, or the opening
                ReferralCase.objects.filter(pk=self.case.pk).update(status_changed_at=when)
            events.update(occurred_at=when)
            self.dated_up_to = newest
        self.last = when
        return when


def _move_answer_deadline(case: ReferralCase, due: date) -> None:
    """Set the deadline of the case's opinion requests to ``due``, and what the timeline said of it: a
    journey that began weeks ago had its answers due then, a day the services refuse now (it is past)."""
    case.opinion_requests.update(due_date=due)
    for event in case.events.filter(action__in=("request_opinions", "request_received")):
        message = event.data.get("message", {})
        if event.action == "request_opinions":
            event.data["due_date"] = due.isoformat()
        elif "date" in message:
            message["date"] = due.isoformat()
        with translation.override("en"):
            summary = timeline.text_of(event)
        CaseEvent.objects.filter(pk=event.pk).update(data=event.data, summary=summary)
    ReferralCase.objects.filter(pk=case.pk).update(next_deadline=due)


def _facility(key: str) -> Facility | None:
    return Facility.objects.filter(organisation=organisation(key)).order_by("pk").first()


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def _walk(coordinator, clinic, treating, others, person, icd, target, index) -> ReferralCase:
    today = timezone.localdate()
    schedule = Schedule.for_case(target, index, today)
    family, given, family_latin, given_latin, birth, gender, language = person
    case = services.open_case(
        actor=coordinator,
        family_name=family,
        given_name=given,
        family_name_latin=family_latin,
        given_name_latin=given_latin,
        birth_date=birth,
        gender=gender,
        citizenship=CITIZENSHIP[coordinator.username],
        passport_number=f"DEMO{index:05d}",
        communication_language=language,
        condition_code=icd,
        priority="urgent" if index % 3 == 0 else "routine",
        requester_organisation="Regional hospital (demo)",
        requester_practitioner="Dr. Demo",
        budget_amount=Decimal("40000"),
        budget_currency="USD",
        consent_date=schedule.opened,
        consent_scope="abroad" if target != "intake" else "",
        contact_name="Companion (demo)",
        contact_relationship="spouse",
    )
    # Demo cases look older than today: the case is dated back before anything else happens to it.
    ReferralCase.objects.filter(pk=case.pk).update(created_at=F("created_at") - (today - schedule.opened))
    case.refresh_from_db()
    backdating = Backdating(case)
    backdating.happened(schedule.opened)
    if target == "intake":
        return case
    document = services.add_document(
        actor=coordinator,
        case=case,
        upload=_pdf("referral.pdf"),
        description="Referral letter and test results",
        category="referral",
    )
    facilities = [treating, *others]
    services.request_opinions(
        actor=coordinator,
        case=case,
        facilities=[f.public_id for f in facilities],
        documents=[document.public_id],
        due_date=today + timedelta(days=7),
        message="Please review and send a plan and an estimate.",
    )
    backdating.happened(schedule.opened)
    if target in ("opinions", "cancelled"):
        if index % 2 == 0:  # one open case with a request left unanswered past its deadline
            _move_answer_deadline(case, today - timedelta(days=3))
        if target == "cancelled":
            case.refresh_from_db()
            services.cancel(actor=coordinator, case=case, reason="The patient chose treatment at home")
            backdating.happened(today)
        return case
    # Answered long ago: the answer was due a week after the case was opened, not a week from today.
    _move_answer_deadline(case, min(schedule.opened + timedelta(days=7), today + timedelta(days=7)))
    request = case.opinion_requests.get(facility=treating)
    currency = "KRW" if treating.country_id == "KR" else "RUB" if treating.country_id == "RU" else "KZT"
    amount = {"KRW": Decimal("32000000"), "RUB": Decimal("1450000"), "KZT": Decimal("9800000")}[currency]
    services.answer_opinion(
        actor=clinic,
        request=request,
        case=case,
        treatment_plan="Surgery and 10 days of care",
        estimate_amount=amount,
        estimate_currency=currency,
        estimate_includes="surgery, anaesthesia, ward, tests",
        stay_days=10,
        earliest_admission=schedule.admitted or today + timedelta(days=21),
        valid_until=today + timedelta(days=90),
    )
    answered = backdating.happened(schedule.answered)
    OpinionRequest.objects.filter(pk=request.pk).update(answered_at=answered)
    for other in case.opinion_requests.exclude(pk=request.pk)[:1]:
        if other.facility.organisation.people.exists():
            continue
        OpinionRequest.objects.filter(pk=other.pk).update(status="declined", decline_reason="No free beds (demo)")
    services.select_offer(actor=coordinator, case=case, request=request.public_id, funding_due=schedule.funding_due)
    backdating.happened(schedule.selected)
    if target == "funding":
        return case
    if target == "funding_refused":
        services.refuse_funding(actor=coordinator, case=case, reason="The state quota for the year is exhausted")
        backdating.happened(schedule.funding_decided)
        return case
    services.approve_funding(
        actor=coordinator,
        case=case,
        decided_on=schedule.funding_decided,
        shares=[
            {
                "payer_kind": "state_quota",
                "payer_name": "State programme (demo)",
                "amount": "25000",
                "currency": "USD",
            },
            {"payer_kind": "self_pay", "payer_name": "Family", "amount": "5000", "currency": "USD"},
        ],
    )
    backdating.happened(schedule.funding_decided)
    departure, arrival, back_home = schedule.travel
    services.plan_travel(
        actor=coordinator,
        case=case,
        departure_date=departure,
        arrival_date=arrival,
        return_date=back_home,
        companion="Companion (demo)",
        interpreter="Interpreter of the clinic",
        accommodation="Guest house near the hospital",
        arrival_details="Flight, met at the airport",
    )
    backdating.happened(schedule.funding_decided)
    if target == "on_hold":
        services.hold(actor=coordinator, case=case, reason="The patient has a fever; travel postponed")
        backdating.happened(today)
        return case
    if target == "travel":
        return case
    services.admit(actor=clinic, case=case, admitted_on=schedule.admitted, ward="Surgery")
    backdating.happened(schedule.admitted)
    services.treatment_update(actor=clinic, case=case, note="Operation done; recovering well.")
    backdating.happened(schedule.admitted + timedelta(days=1))
    if target == "in_treatment":
        return case
    services.discharge(
        actor=clinic,
        case=case,
        discharged_on=schedule.discharged,
        disposition="stable",
        follow_up_plan="Control visit at 2 weeks, tests at 30 and 90 days",
        summary_upload=_pdf("discharge.pdf"),
    )
    backdating.happened(schedule.discharged)
    services.add_task(
        actor=coordinator,
        case=case,
        description="Control visit with the home oncologist",
        due_date=schedule.discharged + timedelta(days=CONTROL_VISIT_DAYS),
        owner_name="Home doctor (demo)",
    )
    backdating.happened(schedule.discharged)
    if target == "follow_up":
        return case
    closed = schedule.discharged + timedelta(days=FOLLOW_UP_DAYS)
    for task in case.tasks.filter(completed_on__isnull=True):
        services.complete_task(
            actor=coordinator, case=case, task=task.public_id, outcome="improved", completed_on=closed
        )
    services.close(actor=coordinator, case=case, reason="Treatment completed, outcomes recorded")
    backdating.happened(closed)
    return case


def load() -> str:
    made = 0
    for index, (coordinator, clinic, treating_key, other_keys, person, icd, target) in enumerate(JOURNEYS):
        treating = _facility(treating_key)
        if treating is None:
            continue  # the directory demo did not create this facility
        others = [f for f in (_facility(k) for k in other_keys) if f is not None]
        _walk(user(coordinator), user(clinic), treating, others, person, icd, target, index)
        made += 1
    return f"{made} referral cases in {len(set(j[6] for j in JOURNEYS))} states"
