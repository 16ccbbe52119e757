"""The only code that writes transplant records: each function one transaction with its audit row.

Match runs solve outside the write transaction (the solver may take a while; the write lock is not
held meanwhile) and then record the run, its exchanges and their arcs in one transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medcorridor.accounts.models import Organisation
from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import audited, record, snapshot
from medcorridor.core.errors import Conflict, PermissionDenied, ValidationFailed

from . import compatibility
from .enums import (
    CheckStatus,
    Crossmatch,
    DonorStatus,
    EntryKind,
    EntryStatus,
    ExchangeKind,
    ExchangeStatus,
    FollowUpSubject,
    Milestone,
    Organ,
    RecipientStatus,
    Relationship,
    RunReason,
)
from .models import (
    ExchangeArc,
    ExchangePool,
    FollowUp,
    LivingDonor,
    MatchRun,
    PoolEntry,
    ProposedExchange,
    Recipient,
    RecipientStatusChange,
    Transplant,
)
from .optimizer import Arc, Node, NodeKind, Pool, solve
from .permissions import can_manage

RECIPIENT_FIELDS = {
    "facility",
    "organ",
    "full_name",
    "medical_record_number",
    "sex",
    "birth_date",
    "weight_kg",
    "diagnosis",
    "blood_group",
    "unacceptable_antigens",
    "cpra",
    "meld",
    "peld",
    "urgency",
    "listed_on",
    "hla_a",
    "hla_b",
    "hla_c",
    "hla_dr",
    "hla_dq",
    "is_demo",
}
DONOR_FIELDS = {
    "full_name",
    "sex",
    "birth_date",
    "weight_kg",
    "blood_group",
    "relationship",
    "relationship_evidence",
    "ethics_approval_reference",
    "ethics_approved_on",
    "liver_volume_ml",
    "graft_volume_ml",
    "hla_a",
    "hla_b",
    "hla_c",
    "hla_dr",
    "hla_dq",
    "is_demo",
}
CHECKLIST_FIELDS = {
    "medical_check",
    "psychological_check",
    "consent_check",
    "checklist_notes",
    "ethics_approval_reference",
    "ethics_approved_on",
    "relationship_evidence",
}
# Allowed moves of a waitlist status (transplanted comes through record_transplant).
RECIPIENT_MOVES = {
    RecipientStatus.ACTIVE: {RecipientStatus.SUSPENDED, RecipientStatus.REMOVED, RecipientStatus.DECEASED},
    RecipientStatus.SUSPENDED: {RecipientStatus.ACTIVE, RecipientStatus.REMOVED, RecipientStatus.DECEASED},
    RecipientStatus.TRANSPLANTED: {RecipientStatus.ACTIVE, RecipientStatus.DECEASED},
    RecipientStatus.REMOVED: {RecipientStatus.ACTIVE},
    RecipientStatus.DECEASED: set(),
}
RECIPIENT_MILESTONES = (
    (Milestone.WEEK_1, 7),
    (Milestone.MONTH_3, 91),
    (Milestone.MONTH_6, 182),
    (Milestone.MONTH_12, 365),
)


def _require_manager(actor, centre_id: int) -> None:
    if not can_manage(actor, centre_id):
        raise PermissionDenied(_("Only the transplant coordinators of this centre may do this."))


def _audit_update(actor, instance, before: dict, summary: str = "") -> None:
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=instance,
        before=before,
        after=snapshot(instance),
        summary=summary,
    )


def _unknown(fields: dict, allowed: set[str]) -> None:
    extra = set(fields) - allowed
    if extra:
        raise ValidationFailed(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(extra))})


def _check_recipient(recipient: Recipient) -> None:
    errors: dict[str, list[str]] = {}
    if not 0 <= (recipient.cpra or 0) <= 100:
        errors["cpra"] = [_("Calculated PRA is a percentage between 0 and 100.")]
    if recipient.organ == Organ.KIDNEY and (recipient.meld or recipient.peld):
        errors["meld"] = [_("MELD and PELD apply to liver candidates only.")]
    if recipient.meld is not None and not 6 <= recipient.meld <= 40:
        errors["meld"] = [_("MELD ranges from 6 to 40.")]
    if recipient.listed_on and recipient.listed_on > date.today():
        errors["listed_on"] = [_("The listing date cannot be in the future.")]
    if errors:
        raise ValidationFailed(_("Please correct the recipient's data."), errors=errors)


# --- waitlist ------------------------------------------------------------------------------------


def list_recipient(*, actor, centre: Organisation, **fields) -> Recipient:
    _require_manager(actor, centre.pk)
    _unknown(fields, RECIPIENT_FIELDS)
    fields.setdefault("listed_on", date.today())
    recipient = Recipient(centre=centre, **fields)
    _check_recipient(recipient)
    with transaction.atomic():
        recipient.save()
        RecipientStatusChange.objects.create(
            recipient=recipient, to_status=recipient.status, reason=_("Listed"), changed_by=actor
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=recipient,
            after=snapshot(recipient),
            summary=f"listed for {recipient.organ}",
        )
    return recipient


def update_recipient(*, actor, recipient: Recipient, **fields) -> Recipient:
    _require_manager(actor, recipient.centre_id)
    _unknown(fields, RECIPIENT_FIELDS - {"organ"})
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        before = snapshot(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_recipient(locked)
        locked.save()
        _audit_update(actor, locked, before)
    return locked


def change_recipient_status(*, actor, recipient: Recipient, status: str, reason: str) -> Recipient:
    _require_manager(actor, recipient.centre_id)
    if status not in RecipientStatus.values:
        raise ValidationFailed(_("Unknown status."), field="status")
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for the change."), field="reason")
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        if status not in RECIPIENT_MOVES[locked.status]:
            raise ValidationFailed(
                _("A recipient who is “%(from)s” cannot become “%(to)s”.")
                % {"from": locked.get_status_display(), "to": RecipientStatus(status).label},
                field="status",
            )
        before = snapshot(locked)
        RecipientStatusChange.objects.create(
            recipient=locked, from_status=locked.status, to_status=status, reason=reason, changed_by=actor
        )
        locked.status, locked.status_reason = status, reason
        locked.save(update_fields=["status", "status_reason", "updated_at"])
        _audit_update(actor, locked, before, f"status {before['status']} -> {status}")
    return locked


def void_record(*, actor, instance: Recipient | LivingDonor | FollowUp, reason: str):
    """Void (never delete) a recipient, donor or follow-up entered in error."""
    _require_manager(actor, instance.centre_id)
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for voiding."), field="reason")
    with transaction.atomic():
        locked = type(instance).objects.select_for_update().get(pk=instance.pk)
        if locked.is_voided:
            raise Conflict(_("This record is already voided."))
        with audited(actor=actor, action=AuditAction.VOID, instance=locked, summary=reason):
            locked.mark_voided(by=actor, reason=reason)
            locked.save()
    return locked


# --- living donors -------------------------------------------------------------------------------


def register_donor(*, actor, centre: Organisation, recipient: Recipient | None = None, **fields) -> LivingDonor:
    _require_manager(actor, centre.pk)
    _unknown(fields, DONOR_FIELDS)
    if recipient is not None and recipient.centre_id != centre.pk:
        raise ValidationFailed(_("The donor and the recipient must be registered at the same centre."))
    relationship = fields.get("relationship")
    if recipient is None and relationship != Relationship.NON_DIRECTED:
        raise ValidationFailed(_("A donor without a recipient is a non-directed donor."), field="relationship")
    if recipient is not None and relationship == Relationship.NON_DIRECTED:
        raise ValidationFailed(
            _("A donor for a named recipient must be a relative (genetic or legal)."), field="relationship"
        )
    donor = LivingDonor(centre=centre, recipient=recipient, **fields)
    with transaction.atomic():
        donor.save()
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=donor,
            after=snapshot(donor),
            summary="donor registered",
        )
    return donor


def update_checklist(*, actor, donor: LivingDonor, **fields) -> LivingDonor:
    _require_manager(actor, donor.centre_id)
    _unknown(fields, CHECKLIST_FIELDS)
    for name in ("medical_check", "psychological_check", "consent_check"):
        if name in fields and fields[name] not in CheckStatus.values:
            raise ValidationFailed(_("Unknown checklist state."), field=name)
    with transaction.atomic():
        locked = LivingDonor.objects.select_for_update().get(pk=donor.pk)
        if locked.status not in (DonorStatus.EVALUATION, DonorStatus.APPROVED):
            raise ValidationFailed(_("This donor is no longer being evaluated."))
        before = snapshot(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        if locked.status == DonorStatus.APPROVED and not locked.checklist_passed:
            locked.status = DonorStatus.EVALUATION  # approval lapses when a check is reopened
        locked.save()
        _audit_update(actor, locked, before, "evaluation checklist")
    return locked


def approve_donor(*, actor, donor: LivingDonor) -> LivingDonor:
    _require_manager(actor, donor.centre_id)
    with transaction.atomic():
        locked = LivingDonor.objects.select_for_update().get(pk=donor.pk)
        if locked.status != DonorStatus.EVALUATION:
            raise Conflict(_("Only a donor under evaluation can be approved."))
        problems = []
        if not locked.checklist_passed:
            problems.append(_("the medical, psychological and consent checks must all be passed"))
        if not (locked.ethics_approval_reference and locked.ethics_approved_on):
            problems.append(_("the ethics committee's approval must be recorded"))
        if locked.relationship != Relationship.NON_DIRECTED and not locked.relationship_evidence:
            problems.append(_("the document proving the relationship must be recorded"))
        if problems:
            raise ValidationFailed(_("The donor cannot be approved: %(problems)s.") % {"problems": "; ".join(problems)})
        before = snapshot(locked)
        locked.status = DonorStatus.APPROVED
        locked.save(update_fields=["status", "updated_at"])
        _audit_update(actor, locked, before, "donor approved")
    return locked


def record_donor_crossmatch(*, actor, donor: LivingDonor, result: str) -> LivingDonor:
    _require_manager(actor, donor.centre_id)
    if result not in Crossmatch.values:
        raise ValidationFailed(_("Unknown crossmatch result."), field="result")
    with transaction.atomic():
        locked = LivingDonor.objects.select_for_update().get(pk=donor.pk)
        before = snapshot(locked)
        locked.crossmatch = result
        locked.save(update_fields=["crossmatch", "updated_at"])
        _audit_update(actor, locked, before, f"crossmatch {result}")
    return locked


def withdraw_donor(*, actor, donor: LivingDonor, reason: str) -> tuple[LivingDonor, list[MatchRun]]:
    """A donor may withdraw at any time, without giving the recipient's side any reason.

    Their pool entries leave the pools; live exchanges that needed them are cancelled and each
    affected pool is re-optimised on what remains. Returns the donor and the new runs.
    """
    _require_manager(actor, donor.centre_id)
    with transaction.atomic():
        locked = LivingDonor.objects.select_for_update().get(pk=donor.pk)
        if locked.status in (DonorStatus.WITHDRAWN, DonorStatus.DONATED):
            raise Conflict(_("This donor has already withdrawn or donated."))
        before = snapshot(locked)
        locked.status, locked.withdrawn_on, locked.withdrawal_reason = (
            DonorStatus.WITHDRAWN,
            date.today(),
            reason,
        )
        locked.save()
        # The audit row keeps the fact; the confidential reason stays on the donor record only.
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=locked,
            before=_redacted(before),
            after=_redacted(snapshot(locked)),
            summary="donor withdrew",
        )
        affected = []
        for entry in PoolEntry.objects.active().filter(donor=locked, status=EntryStatus.ACTIVE):
            _leave_pool(actor, entry)
            affected.append((entry.pool, _cancel_exchanges_with(actor, entry)))
    runs = [
        run_match(actor=actor, pool=pool, reason=RunReason.DONOR_WITHDRAWN, previous=previous)
        for pool, previous in affected
        if previous is not None
    ]
    return locked, runs


def _redacted(data: dict) -> dict:
    return {**data, "withdrawal_reason": "[confidential]" if data.get("withdrawal_reason") else ""}


def _leave_pool(actor, entry: PoolEntry) -> None:
    before = snapshot(entry)
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    _audit_update(actor, entry, before, "left the pool")


def _cancel_exchanges_with(actor, entry: PoolEntry) -> MatchRun | None:
    """Cancel the live exchanges that include ``entry``; the latest run they came from, if any."""
    run = None
    live = ProposedExchange.objects.filter(
        run__pool=entry.pool, status__in=[ExchangeStatus.PROPOSED, ExchangeStatus.CONFIRMED]
    )
    for exchange in live.select_related("run").order_by("run_id"):
        if entry.label in exchange.labels:
            _set_exchange_status(actor, exchange, ExchangeStatus.CANCELLED)
            run = exchange.run
    return run


def _set_exchange_status(actor, exchange: ProposedExchange, status: str) -> None:
    before = snapshot(exchange)
    exchange.status = status
    exchange.save(update_fields=["status", "updated_at"])
    _audit_update(actor, exchange, before, f"exchange {status}")


# --- paired exchange -----------------------------------------------------------------------------


def create_pool(
    *,
    actor,
    centre: Organisation,
    name: str,
    description: str = "",
    max_cycle: int = 3,
    max_chain: int = 3,
    chain_to_waiting_list: bool = False,
    is_demo: bool = False,
) -> ExchangePool:
    _require_manager(actor, centre.pk)
    if not 2 <= max_cycle <= 4 or not 0 <= max_chain <= 4:
        raise ValidationFailed(_("Cycles take 2 to 4 pairs; chains reach 0 to 4 recipients."))
    with transaction.atomic():
        pool = ExchangePool.objects.create(
            centre=centre,
            name=name,
            description=description,
            max_cycle=max_cycle,
            max_chain=max_chain,
            chain_to_waiting_list=chain_to_waiting_list,
            is_demo=is_demo,
        )
        record(actor=actor, action=AuditAction.CREATE, instance=pool, after=snapshot(pool))
    return pool


def add_to_pool(
    *,
    actor,
    pool: ExchangePool,
    donor: LivingDonor,
    partner_organisation: Organisation | None = None,
    agreement_reference: str = "",
) -> PoolEntry:
    """Enter a pair (the donor with their recipient) or a non-directed donor into the pool.

    Pairs from partner centres are registered at the coordinating centre (the partner shares the data
    under the cooperation agreement named in ``agreement_reference``).
    """
    _require_manager(actor, pool.centre_id)
    if donor.centre_id != pool.centre_id:
        raise ValidationFailed(_("Register the donor at the pool's coordinating centre first."))
    if not donor.is_available:
        raise ValidationFailed(_("This donor is not available."))
    recipient = donor.recipient
    if recipient is not None and (recipient.organ != Organ.KIDNEY or recipient.status != RecipientStatus.ACTIVE):
        raise ValidationFailed(_("Only active kidney candidates take part in paired exchange."))
    if partner_organisation is not None and not agreement_reference.strip():
        raise ValidationFailed(
            _("Pairs from a partner centre need the cooperation agreement's reference."),
            field="agreement_reference",
        )
    kind = EntryKind.PAIR if recipient is not None else EntryKind.ALTRUIST
    with transaction.atomic():
        ExchangePool.objects.select_for_update().get(pk=pool.pk)
        if pool.entries.active().filter(donor=donor, status=EntryStatus.ACTIVE).exists():
            raise Conflict(_("This donor is already in the pool."))
        prefix = "P" if kind == EntryKind.PAIR else "N"
        number = pool.entries.filter(kind=kind).count() + 1
        entry = PoolEntry.objects.create(
            pool=pool,
            label=f"{prefix}{number}",
            kind=kind,
            recipient=recipient,
            donor=donor,
            partner_organisation=partner_organisation,
            partner_country=partner_organisation.country if partner_organisation else None,
            agreement_reference=agreement_reference.strip(),
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=entry,
            after=snapshot(entry),
            summary="joined the pool",
        )
    return entry


def _node_data(entry: PoolEntry) -> dict:
    donor, recipient = entry.donor, entry.recipient
    return {
        "label": entry.label,
        "kind": entry.kind,
        "donor_blood_group": donor.blood_group,
        "recipient_blood_group": recipient.blood_group if recipient else None,
        "recipient_cpra": recipient.cpra if recipient else None,
        "partner_country": entry.partner_country_id,
        "agreement": entry.agreement_reference,
    }


def compatibility_parties(
    donor: LivingDonor, recipient: Recipient
) -> tuple[compatibility.KidneyDonor, compatibility.KidneyRecipient]:
    """The records' immunology as the pure rules take it (``transplant.compatibility``)."""
    return (
        compatibility.KidneyDonor(donor.blood_group, compatibility.HlaTyping.from_mapping(donor.hla())),
        compatibility.KidneyRecipient(
            recipient.blood_group,
            compatibility.HlaTyping.from_mapping(recipient.hla()),
            unacceptable_antigens=frozenset(recipient.unacceptable_antigens.split()),
        ),
    )


def screen(donor: LivingDonor, recipient: Recipient) -> compatibility.Assessment:
    """Every compatibility rule for this donor and recipient (the screen of the page and the API);
    the donor's recorded crossmatch counts only against their own recipient."""
    donor_data, recipient_data = compatibility_parties(donor, recipient)
    crossmatch = donor.crossmatch if recipient == donor.recipient else Crossmatch.PENDING
    return compatibility.screen(
        recipient.organ,
        donor_data,
        recipient_data,
        crossmatch,
        graft_volume_ml=donor.graft_volume_ml,
        liver_volume_ml=donor.liver_volume_ml,
        recipient_kg=recipient.weight_kg,
    )


def build_pool(pool: ExchangePool) -> tuple[Pool, dict]:
    """The optimizer's pool from the entries not already in a live exchange, and its JSON snapshot."""
    in_live = {
        label
        for labels in ProposedExchange.objects.filter(
            run__pool=pool, status__in=[ExchangeStatus.PROPOSED, ExchangeStatus.CONFIRMED]
        ).values_list("labels", flat=True)
        for label in labels
    }
    entries = [
        e
        for e in pool.entries.active()
        .filter(status=EntryStatus.ACTIVE)
        .select_related("donor", "recipient")
        .order_by("id")
        if e.label not in in_live and e.donor.is_available
    ]
    forbidden = set(
        ExchangeArc.objects.filter(exchange__run__pool=pool, crossmatch=Crossmatch.POSITIVE).values_list(
            "donor_entry__label", "recipient_entry__label"
        )
    )
    nodes, arcs = [], []
    for entry in entries:
        nodes.append(
            Node(
                entry.label,
                NodeKind.PAIR if entry.kind == EntryKind.PAIR else NodeKind.ALTRUIST,
                recipient_blood_group=entry.recipient.blood_group if entry.recipient else None,
                donor_blood_group=entry.donor.blood_group,
                recipient_cpra=entry.recipient.cpra if entry.recipient else None,
            )
        )
    for source in entries:
        for target in entries:
            if target is source or target.recipient is None or (source.label, target.label) in forbidden:
                continue
            allowed, mismatch = compatibility.kidney_arc_allowed(*compatibility_parties(source.donor, target.recipient))
            if allowed:
                arcs.append(Arc(source.label, target.label, compatibility.arc_weight(mismatch)))
    snapshot_json = {
        "nodes": [_node_data(e) for e in entries],
        "arcs": [[a.source, a.target, a.weight] for a in arcs],
        "forbidden_arcs": sorted([list(f) for f in forbidden]),
        "taken_at": timezone.now().isoformat(),
    }
    return Pool.build(nodes, arcs), snapshot_json


def run_match(
    *,
    actor,
    pool: ExchangePool,
    reason: str = RunReason.SCHEDULED,
    previous: MatchRun | None = None,
    time_limit: float | None = 60.0,
    progress=None,
) -> MatchRun:
    """Solve the pool's remaining entries and record the run with its proposed exchanges.

    A scheduled run replaces the exchanges still waiting for crossmatches (they are superseded);
    a re-optimisation keeps every live exchange and solves only what remains around them.
    """
    _require_manager(actor, pool.centre_id)
    if reason == RunReason.SCHEDULED:
        with transaction.atomic():
            for exchange in ProposedExchange.objects.filter(run__pool=pool, status=ExchangeStatus.PROPOSED):
                _set_exchange_status(actor, exchange, ExchangeStatus.SUPERSEDED)
    optimizer_pool, pool_snapshot = build_pool(pool)
    parameters = {
        "max_cycle": pool.max_cycle,
        "max_chain": pool.max_chain,
        "chain_to_waiting_list": pool.chain_to_waiting_list,
        "time_limit": time_limit,
        "hierarchy": ["transplants", "effective_two_way", "three_way", "back_arcs", "weight"],
    }
    solution = solve(
        optimizer_pool,
        max_cycle=pool.max_cycle,
        max_chain=pool.max_chain,
        chain_to_waiting_list=pool.chain_to_waiting_list,
        time_limit=time_limit,
        progress=progress,
    )
    with transaction.atomic():
        run = MatchRun.objects.create(
            pool=pool,
            previous=previous,
            reason=reason,
            started_by=actor,
            parameters=parameters,
            pool_snapshot=pool_snapshot,
            solution=solution.as_dict(),
            objective=solution.objective_values,
            transplants=solution.transplants,
            optimal=solution.optimal,
            gap=solution.gap,
            seconds=solution.seconds,
        )
        entries = {e.label: e for e in pool.entries.active()}
        for cycle in solution.cycles:
            _record_exchange(run, ExchangeKind.CYCLE, list(cycle.nodes), cycle.weight, entries, closed=True)
        for chain in solution.chains:
            _record_exchange(
                run,
                ExchangeKind.CHAIN,
                [chain.altruist, *chain.recipients],
                chain.weight,
                entries,
                closed=False,
            )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=run,
            after={
                "transplants": run.transplants,
                "optimal": run.optimal,
                "reason": reason,
                "exchanges": run.exchanges.count(),
            },
            summary=f"match run: {run.transplants} transplants",
        )
    return run


def _record_exchange(run, kind, labels, weight, entries, *, closed: bool) -> ProposedExchange:
    exchange = ProposedExchange.objects.create(run=run, kind=kind, labels=labels, weight=weight)
    steps = (
        list(zip(labels, labels[1:] + labels[:1], strict=True))
        if closed
        else list(zip(labels[:-1], labels[1:], strict=True))
    )
    ExchangeArc.objects.bulk_create(
        ExchangeArc(exchange=exchange, donor_entry=entries[a], recipient_entry=entries[b]) for a, b in steps
    )
    return exchange


def record_crossmatch(*, actor, arc: ExchangeArc, result: str) -> tuple[ExchangeArc, MatchRun | None]:
    """The HLA laboratory's physical crossmatch for one transplant of a proposed exchange.

    All negative: the exchange is confirmed. Positive: the exchange fails, the arc is ruled out of
    the pool for good, and what remains is re-optimised (returned as the new run).
    """
    exchange = arc.exchange
    _require_manager(actor, exchange.run.pool.centre_id)
    if result not in (Crossmatch.NEGATIVE, Crossmatch.POSITIVE):
        raise ValidationFailed(_("A crossmatch is negative or positive."), field="result")
    with transaction.atomic():
        locked = ProposedExchange.objects.select_for_update().get(pk=exchange.pk)
        if locked.status != ExchangeStatus.PROPOSED:
            raise Conflict(_("This exchange is no longer waiting for crossmatches."))
        arc = ExchangeArc.objects.get(pk=arc.pk)
        before = snapshot(arc)
        arc.crossmatch, arc.crossmatch_on, arc.recorded_by = result, date.today(), actor
        arc.save()
        _audit_update(actor, arc, before, f"crossmatch {result}")
        if result == Crossmatch.POSITIVE:
            _set_exchange_status(actor, locked, ExchangeStatus.FAILED)
        elif not locked.arcs.exclude(crossmatch=Crossmatch.NEGATIVE).exists():
            _set_exchange_status(actor, locked, ExchangeStatus.CONFIRMED)
    new_run = None
    if result == Crossmatch.POSITIVE:
        new_run = run_match(actor=actor, pool=locked.run.pool, reason=RunReason.CROSSMATCH_FAILED, previous=locked.run)
    return arc, new_run


# --- transplants and follow-up -------------------------------------------------------------------


def record_transplant(
    *,
    actor,
    recipient: Recipient,
    donor: LivingDonor | None,
    performed_on: date,
    exchange: ProposedExchange | None = None,
    notes: str = "",
) -> Transplant:
    _require_manager(actor, recipient.centre_id)
    if recipient.status != RecipientStatus.ACTIVE:
        raise ValidationFailed(_("Only an active recipient can be transplanted."))
    if donor is not None and donor.status != DonorStatus.APPROVED:
        raise ValidationFailed(_("The living donor must be approved before the transplant."))
    if performed_on > date.today():
        raise ValidationFailed(_("The transplant date cannot be in the future."), field="performed_on")
    with transaction.atomic():
        transplant = Transplant.objects.create(
            centre=recipient.centre,
            recipient=recipient,
            donor=donor,
            organ=recipient.organ,
            performed_on=performed_on,
            exchange=exchange,
            notes=notes,
        )
        record(actor=actor, action=AuditAction.CREATE, instance=transplant, after=snapshot(transplant))
        before = snapshot(recipient)
        RecipientStatusChange.objects.create(
            recipient=recipient,
            from_status=recipient.status,
            to_status=RecipientStatus.TRANSPLANTED,
            reason=_("Transplanted"),
            changed_by=actor,
        )
        recipient.status, recipient.status_reason = RecipientStatus.TRANSPLANTED, ""
        recipient.save(update_fields=["status", "status_reason", "updated_at"])
        _audit_update(actor, recipient, before)
        for entry in PoolEntry.objects.active().filter(recipient=recipient, status=EntryStatus.ACTIVE):
            entry.status = EntryStatus.TRANSPLANTED
            entry.save(update_fields=["status", "updated_at"])
        if donor is not None:
            before = snapshot(donor)
            donor.status = DonorStatus.DONATED
            donor.save(update_fields=["status", "updated_at"])
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=donor,
                before=_redacted(before),
                after=_redacted(snapshot(donor)),
                summary="donated",
            )
        for milestone, days in RECIPIENT_MILESTONES:
            _schedule(transplant, FollowUpSubject.RECIPIENT, milestone, performed_on + timedelta(days=days))
            if donor is not None:
                _schedule(transplant, FollowUpSubject.DONOR, milestone, performed_on + timedelta(days=days))
    return transplant


def _schedule(transplant: Transplant, subject: str, milestone: str, due_on: date) -> FollowUp:
    recipient = transplant.recipient if subject == FollowUpSubject.RECIPIENT else None
    donor = transplant.donor if subject == FollowUpSubject.DONOR else None
    return FollowUp.objects.create(
        centre=transplant.centre,
        transplant=transplant,
        subject=subject,
        recipient=recipient,
        donor=donor,
        milestone=milestone,
        due_on=due_on,
    )


def record_follow_up(
    *,
    actor,
    follow_up: FollowUp,
    done_on: date,
    patient_alive: bool | None = True,
    graft_functioning: bool | None = None,
    creatinine_umol_l=None,
    notes: str = "",
) -> FollowUp:
    """Record a visit. Living donors are followed for life: after the 12-month visit (and each annual
    one) the next annual visit is scheduled a year later."""
    _require_manager(actor, follow_up.centre_id)
    if done_on > date.today():
        raise ValidationFailed(_("The visit date cannot be in the future."), field="done_on")
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.done_on is not None:
            raise Conflict(_("This follow-up is already recorded."))
        before = snapshot(locked)
        locked.done_on, locked.patient_alive, locked.graft_functioning = (
            done_on,
            patient_alive,
            graft_functioning,
        )
        locked.creatinine_umol_l, locked.notes = creatinine_umol_l, notes
        locked.save()
        _audit_update(actor, locked, before, f"follow-up {locked.milestone}")
        lifelong = locked.subject == FollowUpSubject.DONOR and patient_alive is not False
        if lifelong and locked.milestone in (Milestone.MONTH_12, Milestone.ANNUAL):
            _schedule(
                locked.transplant,
                FollowUpSubject.DONOR,
                Milestone.ANNUAL,
                locked.due_on + timedelta(days=365),
            )
    return locked
