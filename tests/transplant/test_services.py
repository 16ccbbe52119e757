"""Transplant services: waitlist, donors, paired exchange with re-optimisation, follow-up."""

from datetime import date, timedelta

import pytest

from medcorridor.audit.models import AuditEvent
from medcorridor.core.errors import Conflict, PermissionDenied, ValidationFailed
from medcorridor.transplant import services
from medcorridor.transplant.enums import (
    CheckStatus,
    Crossmatch,
    DonorStatus,
    ExchangeStatus,
    FollowUpSubject,
    Milestone,
    RecipientStatus,
    RunReason,
)
from medcorridor.transplant.models import FollowUp, RecipientStatusChange

pytestmark = pytest.mark.django_db


def make_recipient(actor, centre, **fields):
    data = {
        "organ": "kidney",
        "full_name": "Асель Жумабекова",
        "sex": "female",
        "birth_date": date(1986, 3, 4),
        "blood_group": "A",
        "hla_a": "A2 A24",
        "hla_b": "B7 B35",
        "hla_dr": "DR4 DR15",
        "listed_on": date.today() - timedelta(days=100),
    }
    data.update(fields)
    return services.list_recipient(actor=actor, centre=centre, **data)


def make_donor(actor, centre, recipient=None, approve=True, **fields):
    data = {
        "full_name": "Марат Жумабеков",
        "sex": "male",
        "birth_date": date(1984, 5, 5),
        "blood_group": "B",
        "relationship": "spouse" if recipient else "non_directed",
        "hla_a": "A1 A3",
        "hla_b": "B8 B44",
        "hla_dr": "DR3 DR7",
        "relationship_evidence": "marriage certificate" if recipient else "",
    }
    data.update(fields)
    donor = services.register_donor(actor=actor, centre=centre, recipient=recipient, **data)
    if approve:
        services.update_checklist(
            actor=actor,
            donor=donor,
            medical_check=CheckStatus.PASSED,
            psychological_check=CheckStatus.PASSED,
            consent_check=CheckStatus.PASSED,
            ethics_approval_reference="EC-1",
            ethics_approved_on=date.today(),
        )
        donor = services.approve_donor(actor=actor, donor=donor)
    return donor


def make_pair(actor, centre, recipient_group, donor_group, name="P", **recipient_fields):
    recipient = make_recipient(
        actor, centre, blood_group=recipient_group, full_name=f"Recipient {name}", **recipient_fields
    )
    return make_donor(actor, centre, recipient, blood_group=donor_group, full_name=f"Donor {name}")


def three_way_pool(personas):
    """A→B, B→C, C→A blood groups: only a three-way cycle (or the two-way B↔A ... ) exists.

    Pairs (recipient/donor): 1 = A/B, 2 = B/O, 3 = O/A. Donor of 2 (O) gives to anyone, so arcs:
    1→2 (B→B), 2→1 (O→A), 2→3 (O→O), 3→1 (A→A). Best: the 3-cycle 1→2→3→1? needs 3→1 and 2→3 and 1→2: yes.
    """
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    pool = services.create_pool(actor=actor, centre=centre, name="Test pool")
    donors = [
        make_pair(actor, centre, "A", "B", "1"),
        make_pair(actor, centre, "B", "O", "2"),
        make_pair(actor, centre, "O", "A", "3"),
    ]
    entries = [services.add_to_pool(actor=actor, pool=pool, donor=d) for d in donors]
    return pool, donors, entries


def test_listing_writes_history_and_audit(personas):
    recipient = make_recipient(personas.transplant_coordinator, personas.transplant_centre_kg)
    assert recipient.status == RecipientStatus.ACTIVE
    assert RecipientStatusChange.objects.filter(recipient=recipient).count() == 1
    assert AuditEvent.objects.filter(target_type="transplant.recipient", target_id=str(recipient.public_id)).exists()


@pytest.mark.parametrize("fields", [{"cpra": 120}, {"meld": 20}, {"listed_on": date.today() + timedelta(days=3)}])
def test_listing_validates(personas, fields):
    with pytest.raises(ValidationFailed):
        make_recipient(personas.transplant_coordinator, personas.transplant_centre_kg, **fields)


def test_only_the_centres_coordinators_write(personas):
    for user in (
        personas.coordinator_mn,
        personas.clinic_staff,
        personas.analyst,
        personas.auditor,
        personas.admin,
    ):
        with pytest.raises(PermissionDenied):
            make_recipient(user, personas.transplant_centre_kg)


def test_status_changes_keep_history(personas):
    actor = personas.transplant_coordinator
    recipient = make_recipient(actor, personas.transplant_centre_kg)
    services.change_recipient_status(actor=actor, recipient=recipient, status="suspended", reason="infection")
    recipient = services.change_recipient_status(actor=actor, recipient=recipient, status="active", reason="recovered")
    assert [h.to_status for h in recipient.status_history.all()] == ["active", "suspended", "active"]
    with pytest.raises(ValidationFailed):
        services.change_recipient_status(actor=actor, recipient=recipient, status="removed", reason="")
    services.change_recipient_status(actor=actor, recipient=recipient, status="deceased", reason="cardiac arrest")
    with pytest.raises(ValidationFailed):
        services.change_recipient_status(actor=actor, recipient=recipient, status="active", reason="error")


def test_donor_rules_and_approval(personas):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre)
    with pytest.raises(ValidationFailed):
        make_donor(actor, centre, recipient, relationship="non_directed")
    with pytest.raises(ValidationFailed):
        make_donor(actor, centre, None, relationship="sibling")
    donor = make_donor(actor, centre, recipient, approve=False, relationship="sibling")
    assert donor.is_genetic_relative
    with pytest.raises(ValidationFailed, match="ethics|этическ"):
        services.approve_donor(actor=actor, donor=donor)
    approved = make_donor(actor, centre, recipient, relationship="spouse")
    assert approved.status == DonorStatus.APPROVED and not approved.is_genetic_relative


def test_withdrawal_is_confidential(personas):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre)
    donor = make_donor(actor, centre, recipient)
    donor, runs = services.withdraw_donor(actor=actor, donor=donor, reason="changed my mind, family pressure")
    assert donor.status == DonorStatus.WITHDRAWN and runs == []
    assert str(donor.recipient_facing_status()) in ("Donor unavailable", "Донор недоступен")
    audit = AuditEvent.objects.filter(target_id=str(donor.public_id)).last()
    assert "family pressure" not in str(audit.after) and "family pressure" not in audit.summary
    with pytest.raises(Conflict):
        services.withdraw_donor(actor=actor, donor=donor, reason="again")


def test_match_run_records_snapshot_and_exchanges(personas):
    pool, _donors, _entries = three_way_pool(personas)
    run = services.run_match(actor=personas.transplant_coordinator, pool=pool)
    assert run.transplants == 3 and run.optimal
    assert {n["label"] for n in run.pool_snapshot["nodes"]} == {"P1", "P2", "P3"}
    assert "full_name" not in str(run.pool_snapshot)
    exchange = run.exchanges.get()
    assert exchange.kind == "cycle" and len(exchange.labels) == 3 and exchange.arcs.count() == 3
    assert run.parameters["max_cycle"] == 3 and "transplants" in run.objective


def test_all_negative_crossmatches_confirm(personas):
    pool, _d, _e = three_way_pool(personas)
    run = services.run_match(actor=personas.transplant_coordinator, pool=pool)
    exchange = run.exchanges.get()
    for arc in exchange.arcs.all():
        services.record_crossmatch(actor=personas.transplant_coordinator, arc=arc, result=Crossmatch.NEGATIVE)
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CONFIRMED


def test_positive_crossmatch_reoptimises_what_remains(personas):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    pool, _d, _e = three_way_pool(personas)
    extra_donor = make_donor(actor, centre, None, blood_group="O", full_name="Altruist")
    services.add_to_pool(actor=actor, pool=pool, donor=extra_donor)
    run = services.run_match(actor=actor, pool=pool)
    assert run.transplants == 3
    arc = run.exchanges.first().arcs.first()
    _arc, new_run = services.record_crossmatch(actor=actor, arc=arc, result=Crossmatch.POSITIVE)
    assert new_run is not None and new_run.reason == RunReason.CROSSMATCH_FAILED and new_run.previous == run
    assert [arc.donor_entry.label, arc.recipient_entry.label] in new_run.pool_snapshot["forbidden_arcs"]
    assert [
        arc.donor_entry.label,
        arc.recipient_entry.label,
    ] not in [a[:2] for a in new_run.pool_snapshot["arcs"]]
    for exchange in new_run.exchanges.all():
        steps = list(zip(exchange.labels, exchange.labels[1:] + exchange.labels[:1], strict=True))
        assert (arc.donor_entry.label, arc.recipient_entry.label) not in steps
    with pytest.raises(Conflict):
        services.record_crossmatch(actor=actor, arc=run.exchanges.first().arcs.last(), result=Crossmatch.NEGATIVE)


def test_withdrawn_donor_cancels_and_reoptimises(personas):
    actor = personas.transplant_coordinator
    pool, donors, _e = three_way_pool(personas)
    run = services.run_match(actor=actor, pool=pool)
    _donor, runs = services.withdraw_donor(actor=actor, donor=donors[2], reason="illness")
    assert run.exchanges.get().status == ExchangeStatus.CANCELLED
    assert len(runs) == 1 and runs[0].reason == RunReason.DONOR_WITHDRAWN
    assert "P3" not in {n["label"] for n in runs[0].pool_snapshot["nodes"]}


def test_scheduled_run_supersedes_proposals(personas):
    pool, _d, _e = three_way_pool(personas)
    first = services.run_match(actor=personas.transplant_coordinator, pool=pool)
    second = services.run_match(actor=personas.transplant_coordinator, pool=pool)
    assert first.exchanges.get().status == ExchangeStatus.SUPERSEDED
    assert second.transplants == 3


def test_partner_pairs_need_an_agreement(personas):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    pool = services.create_pool(actor=actor, centre=centre, name="Cross-border")
    donor = make_pair(actor, centre, "A", "B")
    with pytest.raises(ValidationFailed):
        services.add_to_pool(actor=actor, pool=pool, donor=donor, partner_organisation=personas.ministry_kz)
    entry = services.add_to_pool(
        actor=actor,
        pool=pool,
        donor=donor,
        partner_organisation=personas.ministry_kz,
        agreement_reference="KG-KZ-1",
    )
    assert entry.partner_country_id == "KZ"


def test_transplant_schedules_follow_up_and_lifelong_donor_visits(personas):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre, organ="liver", meld=22, blood_group="O")
    donor = make_donor(actor, centre, recipient, blood_group="O", relationship="sibling")
    transplant = services.record_transplant(
        actor=actor, recipient=recipient, donor=donor, performed_on=date.today() - timedelta(days=400)
    )
    recipient.refresh_from_db()
    donor.refresh_from_db()
    assert recipient.status == RecipientStatus.TRANSPLANTED and donor.status == DonorStatus.DONATED
    assert transplant.follow_ups.filter(subject=FollowUpSubject.RECIPIENT).count() == 4
    assert all(f.is_overdue for f in transplant.follow_ups.all())
    twelve = transplant.follow_ups.get(subject=FollowUpSubject.DONOR, milestone=Milestone.MONTH_12)
    services.record_follow_up(actor=actor, follow_up=twelve, done_on=date.today(), patient_alive=True)
    annual = FollowUp.objects.get(donor=donor, milestone=Milestone.ANNUAL)
    assert annual.due_on == twelve.due_on + timedelta(days=365) and not annual.is_overdue
    with pytest.raises(Conflict):
        services.record_follow_up(actor=actor, follow_up=twelve, done_on=date.today())


def test_void_not_delete(personas):
    actor = personas.transplant_coordinator
    recipient = make_recipient(actor, personas.transplant_centre_kg)
    services.void_record(actor=actor, instance=recipient, reason="duplicate entry")
    recipient.refresh_from_db()
    assert recipient.is_voided and recipient.void_reason == "duplicate entry"
    with pytest.raises(Conflict):
        services.void_record(actor=actor, instance=recipient, reason="again")
