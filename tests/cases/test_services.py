"""Services: the whole journey, the version race, documents, deadlines and notifications."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection

from medcorridor.audit.models import AuditEvent
from medcorridor.cases import services
from medcorridor.cases.models import CaseEvent, FollowUpTask, ReferralCase, TravelPlan
from medcorridor.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

from .conftest import PNG, today, upload

pytestmark = pytest.mark.django_db(transaction=False)


def test_whole_journey_writes_timeline_and_audit(world):
    case = world.at_follow_up()
    p = world.personas
    tasks = list(case.tasks.order_by("due_date"))
    assert [t.kind for t in tasks] == ["outcome_30", "outcome_90"]
    extra = services.add_task(
        actor=p.coordinator_mn,
        case=case,
        description="Ultrasound",
        due_date=today() + timedelta(days=14),
        owner_name="Dr. Oyun",
    )
    for task in [extra, *tasks]:
        services.complete_task(actor=p.coordinator_mn, task=task.public_id, outcome="improved", case=case)
    services.close(actor=p.coordinator_mn, case=case, reason="Treatment completed")
    case.refresh_from_db()
    assert case.status == "closed" and case.next_deadline is None
    actions = list(case.events.values_list("action", flat=True))
    for expected in (
        "open",
        "add_document",
        "request_opinions",
        "answer_opinion",
        "select_offer",
        "approve_funding",
        "admit",
        "discharge",
        "add_task",
        "complete_task",
        "close",
    ):
        assert expected in actions
    transitions = AuditEvent.objects.filter(target_id=str(case.public_id), action="transition").count()
    assert transitions == 6  # intake→opinions→funding→travel→treatment→follow-up→closed
    assert (
        case.version
        == case.events.exclude(action__in=["open", "request_received", "offer_selected", "funding_confirmed"]).count()
        + 1
    )


def test_stale_version_conflicts_and_writes_nothing(world):
    case = world.open_case()
    stale = ReferralCase.objects.get(pk=case.pk)
    services.hold(actor=world.personas.coordinator_mn, case=case, reason="Patient unwell")
    events_before = CaseEvent.objects.count()
    audits_before = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        services.cancel(actor=world.personas.coordinator_mn, case=stale, reason="duplicate")
    stale.refresh_from_db()
    assert stale.status == "on_hold"
    assert CaseEvent.objects.count() == events_before and AuditEvent.objects.count() == audits_before


def test_explicit_version_from_a_stale_form_conflicts(world):
    case = world.open_case()
    services.edit_intake(actor=world.personas.coordinator_mn, case=case, version=1, condition_note="Stage II")
    fresh = ReferralCase.objects.get(pk=case.pk)
    with pytest.raises(Conflict):
        services.edit_intake(actor=world.personas.coordinator_mn, case=fresh, version=1, condition_note="Stage III")
    fresh.refresh_from_db()
    assert fresh.condition_note == "Stage II" and fresh.version == 2


def test_hold_and_resume_returns_to_previous_state(world):
    case = world.at_opinions()
    services.hold(actor=world.personas.coordinator_mn, case=case, reason="waiting for tests")
    assert case.status == "on_hold" and case.held_from == "opinions"
    services.resume(actor=world.personas.coordinator_mn, case=case)
    assert case.status == "opinions" and case.next_deadline == today() + timedelta(days=7)


def test_a_transition_costs_its_own_rows_and_the_seal(world, django_assert_num_queries):
    """The write path's round trips: the versioned update, the event, the audit row and its seal in the
    same transaction, and nothing else. SQLite: the update, the event, the chain's tail and the chained
    audit row. PostgreSQL: one statement, the update with the event and the audit row, whose insert takes
    the chain and seals it. Here inside the test's transaction, so the service's
    atomic block is a savepoint (two statements more); in production it is BEGIN and COMMIT."""
    case = world.open_case()
    actor = world.personas.coordinator_mn
    services.hold(actor=actor, case=case, reason="waiting for tests")  # the actor's memberships, once
    with django_assert_num_queries(2 + (1 if connection.vendor == "postgresql" else 4)):
        services.resume(actor=actor, case=case)
    row = AuditEvent.objects.filter(target_id=str(case.public_id)).latest("id")
    assert row.summary == "resume: " and row.position is not None


def test_a_transition_whose_audit_row_the_database_stores_in_another_form(world, django_capture_on_commit_callbacks):
    """Such an audit row (here a float in JSON) cannot ride on the transition's statement: it is written on
    its own and sealed as read back, and the transition is the same."""
    from django.utils import timezone

    from medcorridor.audit.services import ChainCheck, audit_row, verify_chain

    case = world.open_case()
    now = timezone.now()
    event = {"occurred_at": now, "actor": None, "action": "hold", "from_status": "intake", "to_status": "intake"}
    event |= {"summary": "", "organisation": None, "data": {}}
    audit = audit_row(actor=None, action="update", instance=case, after={"ratio": 1e16})
    with django_capture_on_commit_callbacks(execute=True):
        written = services._write_transition(case, case.version, now, {}, event, audit)
    assert written.pk and ReferralCase.objects.get(pk=case.pk).version == case.version + 1
    assert AuditEvent.objects.filter(target_id=str(case.public_id), after={"ratio": 1e16}).exists()
    assert verify_chain() == ChainCheck(True, None, 0)


def test_hold_and_cancel_need_a_reason(world):
    case = world.open_case()
    with pytest.raises(ValidationFailed):
        services.hold(actor=world.personas.coordinator_mn, case=case, reason=" ")


def test_nothing_is_sent_abroad_without_consent(world):
    case = world.open_case(consent_scope="processing")
    with pytest.raises(ValidationFailed):
        services.request_opinions(
            actor=world.personas.coordinator_mn,
            case=case,
            facilities=[world.facility.public_id],
            due_date=today() + timedelta(days=3),
        )
    assert not case.opinion_requests.exists()


def test_funding_refusal_and_appeal(world):
    case = world.at_funding()
    p = world.personas
    services.refuse_funding(actor=p.coordinator_mn, case=case, reason="Quota exhausted")
    assert case.status == "funding_refused"
    services.appeal_funding(
        actor=p.coordinator_mn,
        case=case,
        reason="New quota in January",
        funding_due=today() + timedelta(days=30),
    )
    assert case.status == "funding" and case.next_deadline == today() + timedelta(days=30)
    decision = case.funding_decisions.get()
    assert decision.outcome == "refused" and decision.appeal == "New quota in January"


def test_clinic_cannot_take_coordinator_steps_and_other_clinic_cannot_answer(world):
    case = world.at_opinions()
    p = world.personas
    with pytest.raises(PermissionDenied):
        services.cancel(actor=p.clinic_staff, case=case, reason="no")
    with pytest.raises(PermissionDenied):
        services.answer_opinion(
            actor=p.other_clinic_staff,
            request=world.request_for(case),
            treatment_plan="x",
            estimate_amount=Decimal(1),
            estimate_currency="USD",
        )
    for outsider in (p.coordinator_kz, p.analyst, p.auditor, p.admin, p.transplant_coordinator):
        with pytest.raises(PermissionDenied):
            services.hold(actor=outsider, case=case, reason="x")


def test_only_treating_clinic_admits(world):
    case = world.at_travel()
    with pytest.raises(PermissionDenied):
        services.admit(actor=world.personas.other_clinic_staff, case=case, admitted_on=today())
    with pytest.raises(PermissionDenied):
        services.admit(actor=world.personas.coordinator_mn, case=case, admitted_on=today())


def test_dates_a_clinic_records_follow_the_journey(world):
    """Travel in order, no admission before the case was opened or in the future, no discharge ahead."""
    case = world.at_travel()
    coordinator, clinic = world.personas.coordinator_mn, world.personas.clinic_staff
    for dates, field in (
        ({"departure_date": today(), "arrival_date": today() - timedelta(days=1)}, "arrival_date"),
        ({"departure_date": today(), "return_date": today() - timedelta(days=1)}, "return_date"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            services.plan_travel(actor=coordinator, case=case, **dates)
        assert refused.value.field == field
        case.refresh_from_db()  # the refused step was rolled back
    services.plan_travel(actor=coordinator, case=case, arrival_date=today() + timedelta(days=3))
    case.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:  # a partial update is checked against the saved dates
        services.plan_travel(actor=coordinator, case=case, return_date=today() + timedelta(days=2))
    assert refused.value.field == "return_date"
    case.refresh_from_db()
    events = case.events.count()
    for admitted_on in (today() + timedelta(days=1), today() - timedelta(days=1)):  # future; before opened
        with pytest.raises(ValidationFailed) as refused:
            services.admit(actor=clinic, case=case, admitted_on=admitted_on)
        assert refused.value.field == "admitted_on"
        case.refresh_from_db()
    assert case.events.count() == events and not hasattr(ReferralCase.objects.get(pk=case.pk), "encounter")
    services.admit(actor=clinic, case=case, admitted_on=today())
    case.refresh_from_db()
    with pytest.raises(ValidationFailed) as refused:
        services.discharge(
            actor=clinic,
            case=case,
            discharged_on=today() + timedelta(days=1),
            follow_up_plan="Visit",
            summary_upload=upload("summary.pdf"),
        )
    assert refused.value.field == "discharged_on" and ReferralCase.objects.get(pk=case.pk).status == "in_treatment"


def test_selecting_an_answer_withdraws_the_requests_still_waiting(world, django_capture_on_commit_callbacks):
    """The other clinic never answered: its request is withdrawn (audited, e-mailed), it leaves that
    clinic's inbox and the clinic can no longer open the case."""
    from medcorridor.cases import selectors

    case = world.answered()  # Severance answered; Ajou has not
    waiting = world.request_for(case, world.other_facility)
    assert waiting.status == "requested" and selectors.inbox(world.personas.other_clinic_staff).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.select_offer(
            actor=world.personas.coordinator_mn,
            case=case,
            request=world.request_for(case).public_id,
            funding_due=today() + timedelta(days=10),
        )
    waiting.refresh_from_db()
    assert waiting.status == "withdrawn"
    audit = AuditEvent.objects.get(target_id=str(waiting.public_id), action="update")
    assert audit.before["status"] == "requested" and audit.after["status"] == "withdrawn"
    assert not selectors.inbox(world.personas.other_clinic_staff).exists()
    with pytest.raises((PermissionDenied, NotFound)):
        selectors.get_case(world.personas.other_clinic_staff, case.public_id)
    ajou_mail = [m for m in mail.outbox if world.personas.other_clinic_staff.email in m.to]
    assert len(ajou_mail) == 1 and "Батболд" not in ajou_mail[0].body
    assert world.request_for(case).status == "answered"  # the selected answer stays as it was


def test_answer_twice_conflicts(world):
    case = world.answered()
    with pytest.raises(Conflict):
        services.decline_opinion(actor=world.personas.clinic_staff, request=world.request_for(case), reason="busy")


def test_documents_checked_by_content(world):
    case = world.open_case()
    p = world.personas
    doc = services.add_document(actor=p.coordinator_mn, case=case, upload=upload("photo.txt", PNG))
    assert doc.content_type == "image/png" and len(doc.sha256) == 64 and doc.size == len(PNG)
    dicom = b"\0" * 128 + b"DICM" + b"\2\0\0\0UL\4\0" + b"\0" * 64
    assert (
        services.add_document(actor=p.coordinator_mn, case=case, upload=upload("ct.dcm", dicom)).content_type
        == "application/dicom"
    )
    for name, content in (
        ("evil.pdf", b"MZ\x90\x00" + b"\0" * 200),
        ("page.png", b"<html><script>alert(1)</script>"),
        ("elf.pdf", b"\x7fELF" + b"\0" * 100),
        ("x.pdf", b""),
    ):
        with pytest.raises(ValidationFailed):
            services.add_document(actor=p.coordinator_mn, case=case, upload=upload(name, content))


def test_document_size_limit(world, settings):
    settings.DOCUMENT_MAX_BYTES = 10
    with pytest.raises(ValidationFailed):
        services.add_document(actor=world.personas.coordinator_mn, case=world.open_case(), upload=upload())


def test_notifications_at_hand_over(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = world.at_opinions()
    assert any("clinic@example.org" in m.to for m in mail.outbox)
    assert all("Батболд" not in m.body for m in mail.outbox)  # no patient data in e-mail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_opinion(
            actor=world.personas.clinic_staff,
            request=world.request_for(case),
            treatment_plan="plan",
            estimate_amount=Decimal(10),
            estimate_currency="USD",
        )
    assert [m.to for m in mail.outbox] == [["coord@example.org"]]


def test_deadline_job_reminds_once_and_marks_overdue(world, django_capture_on_commit_callbacks):
    case = world.at_opinions()
    case.opinion_requests.update(due_date=today() - timedelta(days=1))
    ReferralCase.objects.filter(pk=case.pk).update(next_deadline=today() - timedelta(days=1))
    case.refresh_from_db()
    assert case.is_overdue
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.check_deadlines()
    assert counts["requests"] == 2
    assert case.events.filter(action="record_deadline").count() == 2
    assert mail.outbox
    assert services.check_deadlines()["requests"] == 0


def test_outcome_tasks_need_an_outcome(world):
    case = world.at_follow_up()
    task = FollowUpTask.objects.filter(case=case, kind="outcome_30").get()
    with pytest.raises(ValidationFailed):
        services.complete_task(actor=world.personas.coordinator_mn, task=task.public_id)


def test_cancel_withdraws_open_requests(world):
    case = world.at_opinions()
    services.cancel(actor=world.personas.coordinator_mn, case=case, reason="Patient chose another route")
    assert set(case.opinion_requests.values_list("status", flat=True)) == {"withdrawn"}


def test_invitation_letter_pdf(world):
    case = world.at_travel()
    services.plan_travel(
        actor=world.personas.coordinator_mn,
        case=case,
        arrival_date=today() + timedelta(days=15),
        return_date=today() + timedelta(days=30),
        companion="Батболд Тэмүүлэн",
        interpreter="Korean–Mongolian",
        accommodation="Guest house",
        arrival_details="OM301",
    )
    document = services.issue_invitation(actor=world.personas.clinic_staff, case=case)
    data = document.file.read()
    assert data.startswith(b"%PDF") and document.category == "invitation"
    assert TravelPlan.objects.get(case=case).invitation_id == document.pk


def test_a_step_that_names_nothing_is_refused_as_incomplete(world):
    """An empty choice from a form or the API is a missing field, not a server error."""
    p = world.personas
    case = world.answered()
    for take in (
        lambda: services.select_offer(actor=p.coordinator_mn, case=case, request="", funding_due=today()),
        lambda: services.request_opinions(actor=p.coordinator_mn, case=case, facilities=[""], due_date=today()),
        lambda: services.complete_task(actor=p.coordinator_mn, case=case, task=""),
    ):
        with pytest.raises(ValidationFailed) as refusal:
            take()
        assert refusal.value.field in ("request", "facilities", "task")
    case.refresh_from_db()
    assert case.status == "opinions"
