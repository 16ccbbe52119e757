"""Keeping the rollups current: the only code that writes analytics tables.

``refresh()`` folds the case timeline into the rollups from the watermark on:

1. the cases with a timeline event after ``RefreshState.last_event_id`` (plus, as a safety margin,
   events that occurred shortly before the previous run: on PostgreSQL a transaction holding a lower
   id can commit after a higher one was already seen);
2. for each batch of those cases, the old ``CaseFact`` rows are taken out of every rollup row they
   counted in and the recomputed facts are put in (``_apply``: one ``key IN (...)`` read, then bulk
   create/update/delete), so a refresh costs in proportion to the cases that changed, not to the data;
3. the agreement-delivery table (hundreds of rows) is rebuilt whenever cases changed or the
   cooperation registry's fingerprint moved.

``refresh(full=True)`` empties the tables and rebuilds everything (after loading exchange rates, for
example: amounts are converted at the rate of the decision's date, read at refresh time).
Runs are serialised by a row lock on the watermark (SQLite serialises writers anyway).
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from medcorridor.cases.enums import FundingOutcome, PayerKind, RequestStatus, TaskKind
from medcorridor.cases.models import (
    CaseEvent,
    Encounter,
    FollowUpTask,
    FundingDecision,
    OpinionRequest,
    ReferralCase,
)
from medcorridor.cooperation.models import Agreement, Donation, JointProject, Mission, TrainingProgramme
from medcorridor.core.models import ExchangeRate, IcdCode

from .models import AgreementRollup, CaseFact, CostRollup, FlowRollup, OutcomeRollup, RefreshState

log = logging.getLogger(__name__)
BATCH = 500
# Events that occurred this long before the previous run are read again (idempotent, see above).
LOOKBACK = timedelta(minutes=10)
CENT = Decimal("0.01")
FINAL = {"closed": "closed", "cancelled": "cancelled"}


# --- conversion at dated rates, memoised for one run --------------------------------------------------


class Converter:
    """USD at the latest rate on or before the day (``core.money`` semantics), one query per pair."""

    def __init__(self):
        self._rates: dict[tuple[str, date], Decimal | None] = {}

    def rate(self, currency: str, day: date) -> Decimal | None:
        if currency == "USD":
            return Decimal(1)
        if (currency, day) not in self._rates:
            self._rates[(currency, day)] = (
                ExchangeRate.objects.filter(currency_id=currency, on_date__lte=day)
                .order_by("-on_date")
                .values_list("units_per_usd", flat=True)
                .first()
            )
        return self._rates[(currency, day)]

    def usd(self, amount, currency: str | None, day: date) -> Decimal | None:
        if amount is None or not currency:
            return None
        rate = self.rate(currency, day)
        return None if not rate else (Decimal(amount) / rate).quantize(CENT)


_CHAPTERS: dict[str, str] = {}


def icd_chapter(code: str) -> str:
    """The ICD-10 chapter (``II``) of a code, walking up the hierarchy; cached per process."""
    if code not in _CHAPTERS:
        current, seen = code, 0
        chapter = ""
        while current and seen < 8:
            row = IcdCode.objects.filter(pk=current).values_list("kind", "parent_id").first()
            if row is None:
                break
            if row[0] == "chapter":
                chapter = current
                break
            current, seen = row[1], seen + 1
        _CHAPTERS[code] = chapter
    return _CHAPTERS[code]


# --- facts --------------------------------------------------------------------------------------------


def compute_facts(case_ids: list[int], converter: Converter | None = None) -> list[CaseFact]:
    """Fresh (unsaved) facts of the given cases from their current state."""
    converter = converter or Converter()
    cases = ReferralCase.objects.filter(pk__in=case_ids).select_related(
        "owner_organisation", "selected_request__facility"
    )
    encounters = {e.case_id: e for e in Encounter.objects.filter(case_id__in=case_ids).select_related("facility")}
    approvals: dict[int, FundingDecision] = {}
    decisions = FundingDecision.objects.filter(case_id__in=case_ids, outcome=FundingOutcome.APPROVED)
    for decision in decisions.prefetch_related("shares").order_by("id"):
        approvals[decision.case_id] = decision  # the latest approval counts
    answers = defaultdict(list)
    for request in OpinionRequest.objects.filter(
        case_id__in=case_ids, status=RequestStatus.ANSWERED, estimate_amount__isnull=False
    ).values("id", "case_id", "estimate_amount", "estimate_currency_id", "answered_at"):
        answers[request["case_id"]].append(request)
    outcomes = {}
    for task in FollowUpTask.objects.filter(
        case_id__in=case_ids, kind__in=[TaskKind.OUTCOME_30, TaskKind.OUTCOME_90], completed_on__isnull=False
    ).values("case_id", "kind", "outcome"):
        outcomes[(task["case_id"], task["kind"])] = task["outcome"] or ""
    facts = []
    for case in cases:
        encounter = encounters.get(case.pk)
        facility = encounter.facility if encounter else None
        if facility is None and case.selected_request_id:
            facility = case.selected_request.facility
        intake = timezone.localdate(case.created_at)
        estimate = _estimate(case, answers.get(case.pk, []), converter)
        approved, by_kind, main_payer = _approved(approvals.get(case.pk), converter)
        admitted = encounter.admitted_on if encounter else None
        facts.append(
            CaseFact(
                case_id=case.pk,
                month=intake.replace(day=1),
                origin_country=case.owner_organisation.country_id,
                destination_country=facility.country_id if facility else "",
                facility=facility,
                facility_organisation_id=facility.organisation_id if facility else None,
                status=case.status,
                specialty=case.requested_specialty_id or "",
                icd_chapter=icd_chapter(case.condition_code_id),
                payer_kind=main_payer,
                estimate_usd=estimate,
                approved_usd=approved,
                approved_by_kind={k: str(v) for k, v in by_kind.items()},
                intake_on=intake,
                admitted_on=admitted,
                days_to_admission=(admitted - intake).days if admitted else None,
                outcome_30=outcomes.get((case.pk, TaskKind.OUTCOME_30), ""),
                outcome_90=outcomes.get((case.pk, TaskKind.OUTCOME_90), ""),
            )
        )
    return facts


def _estimate(case, answers: list[dict], converter: Converter) -> Decimal | None:
    """The selected answer's estimate; before a selection, the lowest answered estimate."""
    values = {}
    for answer in answers:
        day = timezone.localdate(answer["answered_at"]) if answer["answered_at"] else timezone.localdate()
        values[answer["id"]] = converter.usd(answer["estimate_amount"], answer["estimate_currency_id"], day)
    if case.selected_request_id in values:
        return values[case.selected_request_id]
    known = [v for v in values.values() if v is not None]
    return min(known) if known else None


def _approved(decision, converter: Converter) -> tuple[Decimal | None, dict[str, Decimal], str]:
    if decision is None:
        return None, {}, ""
    by_kind: dict[str, Decimal] = defaultdict(Decimal)
    complete = True
    for share in decision.shares.all():
        usd = converter.usd(share.amount, share.currency_id, decision.decided_on)
        if usd is None:
            complete = False
            continue
        by_kind[share.payer_kind] += usd
    if not by_kind:
        return None, {}, ""
    main = max(sorted(by_kind), key=lambda kind: by_kind[kind])
    total = sum(by_kind.values(), Decimal(0))
    if not complete:
        log.warning("case %s: a funding share has no exchange rate; approved total is partial", decision.case_id)
    return total, dict(by_kind), main


# --- rollup rows a fact counts in ------------------------------------------------------------------------

COST_KINDS = {
    PayerKind.STATE_QUOTA: "approved_state_quota_usd",
    PayerKind.INSURER: "approved_insurer_usd",
    PayerKind.SELF_PAY: "approved_self_pay_usd",
    PayerKind.CHARITY: "approved_charity_usd",
}
MEASURES = {
    FlowRollup: ("cases",),
    CostRollup: (
        "cases",
        "estimated_cases",
        "estimate_usd",
        "approved_cases",
        "approved_usd",
        *COST_KINDS.values(),
    ),
    OutcomeRollup: ("cases",),
}


def final_state(status: str) -> str:
    return FINAL.get(status, "open")


def _key(values: Iterable) -> str:
    return "|".join("" if v is None else str(v) for v in values)


def contributions(fact: CaseFact) -> dict[type, tuple[str, dict, dict]]:
    """{rollup model: (key, dimensions, measures)} — the one row of each rollup the fact counts in."""
    base = {
        "month": fact.month,
        "origin_country": fact.origin_country,
        "destination_country": fact.destination_country,
        "facility_organisation_id": fact.facility_organisation_id,
    }
    flow = {**base, "facility_id": fact.facility_id, "status": fact.status}
    cost = {
        **base,
        "specialty": fact.specialty,
        "icd_chapter": fact.icd_chapter,
        "payer_kind": fact.payer_kind,
    }
    outcome = {
        **base,
        "facility_id": fact.facility_id,
        "final_state": final_state(fact.status),
        "outcome_30": fact.outcome_30,
        "outcome_90": fact.outcome_90,
        "days_to_admission": fact.days_to_admission,
    }
    cost_measures = {
        "cases": 1,
        "estimated_cases": int(fact.estimate_usd is not None),
        "estimate_usd": fact.estimate_usd or Decimal(0),
        "approved_cases": int(fact.approved_usd is not None),
        "approved_usd": fact.approved_usd or Decimal(0),
    }
    for kind, column in COST_KINDS.items():
        cost_measures[column] = Decimal(str((fact.approved_by_kind or {}).get(kind, "0")))
    return {
        FlowRollup: (_key(flow.values()), flow, {"cases": 1}),
        CostRollup: (_key(cost.values()), cost, cost_measures),
        OutcomeRollup: (_key(outcome.values()), outcome, {"cases": 1}),
    }


def _deltas(old: list[CaseFact], new: list[CaseFact]) -> dict[type, dict[str, tuple[dict, dict]]]:
    deltas: dict[type, dict[str, tuple[dict, dict]]] = {model: {} for model in MEASURES}
    for sign, facts in ((-1, old), (1, new)):
        for fact in facts:
            for model, (key, dims, measures) in contributions(fact).items():
                _dims, total = deltas[model].setdefault(key, (dims, defaultdict(int)))
                for name, value in measures.items():
                    total[name] += sign * value
    return deltas


def _apply(model, deltas: dict[str, tuple[dict, dict]]) -> None:
    measures = MEASURES[model]
    changed = {key: value for key, value in deltas.items() if any(value[1].values())}
    if not changed:
        return
    existing = {}
    keys = list(changed)
    for start in range(0, len(keys), BATCH):
        existing.update({row.key: row for row in model.objects.filter(key__in=keys[start : start + BATCH])})
    create, update, delete = [], [], []
    for key, (dims, delta) in changed.items():
        row = existing.get(key)
        fresh = row is None
        if fresh:
            row = model(key=key, **dims, **{name: 0 for name in measures})
        for name, value in delta.items():
            setattr(row, name, getattr(row, name) + value)
        if row.cases <= 0:
            if not fresh:
                delete.append(row.pk)
        elif fresh:
            create.append(row)
        else:
            update.append(row)
    if delete:
        model.objects.filter(pk__in=delete).delete()
    model.objects.bulk_create(create, batch_size=BATCH)
    model.objects.bulk_update(update, measures, batch_size=BATCH)


def _refresh_cases(case_ids: list[int], converter: Converter) -> None:
    old = list(CaseFact.objects.filter(case_id__in=case_ids))
    new = compute_facts(case_ids, converter)
    for model, deltas in _deltas(old, new).items():
        _apply(model, deltas)
    CaseFact.objects.filter(case_id__in=case_ids).delete()
    CaseFact.objects.bulk_create(new, batch_size=BATCH)


# --- agreements -------------------------------------------------------------------------------------------


def cooperation_stamp() -> str:
    """A fingerprint of the registry records the agreement table reads (count and last change of each)."""
    parts = []
    for model in (Agreement, TrainingProgramme, Mission, Donation, JointProject):
        row = model.objects.aggregate(n=Count("id"), last=Max("updated_at"))
        parts.append(f"{row['n']}@{row['last'].isoformat() if row['last'] else ''}")
    return ";".join(parts)[:200]


def rebuild_agreements(converter: Converter | None = None) -> int:
    converter = converter or Converter()
    agreements = list(Agreement.objects.prefetch_related("countries", "facilities"))
    covered = {f.pk for a in agreements for f in a.facilities.all()}
    treated = defaultdict(list)
    for fact in CaseFact.objects.filter(facility_id__in=covered, admitted_on__isnull=False).values(
        "facility_id", "origin_country", "destination_country", "admitted_on", "approved_usd"
    ):
        treated[fact["facility_id"]].append(fact)

    def per_agreement(model, **measures):
        rows = model.objects.filter(agreement__isnull=False).values("agreement_id").annotate(**measures)
        return {row["agreement_id"]: row for row in rows}

    programmes = per_agreement(TrainingProgramme, n=Count("id"), trainees=Sum("trainees_per_year"))
    missions = per_agreement(Mission, n=Count("id"), operations=Sum("operations"), consultations=Sum("consultations"))
    projects = per_agreement(JointProject, n=Count("id"))
    donations = defaultdict(lambda: [0, Decimal(0)])
    for donation in Donation.objects.filter(agreement__isnull=False).values(
        "agreement_id", "value", "currency_id", "donated_on"
    ):
        entry = donations[donation["agreement_id"]]
        entry[0] += 1
        usd = converter.usd(donation["value"], donation["currency_id"], donation["donated_on"] or timezone.localdate())
        entry[1] += usd or 0
    rows = []
    for agreement in agreements:
        countries = {c.code for c in agreement.countries.all()}
        facilities = list(agreement.facilities.all())
        start = agreement.valid_from or agreement.signed_on
        end = agreement.valid_until
        cases, amount = 0, Decimal(0)
        for facility in facilities:
            for fact in treated.get(facility.pk, []):
                if fact["origin_country"] == fact["destination_country"]:
                    continue
                if countries and fact["origin_country"] not in countries:
                    continue
                if (start and fact["admitted_on"] < start) or (end and fact["admitted_on"] > end):
                    continue
                cases += 1
                amount += fact["approved_usd"] or 0
        programme = programmes.get(agreement.pk, {})
        mission = missions.get(agreement.pk, {})
        rows.append(
            AgreementRollup(
                agreement=agreement,
                countries="," + ",".join(sorted(countries)) + ",",
                facility_organisations=","
                + ",".join(str(o) for o in sorted({f.organisation_id for f in facilities}))
                + ",",
                cases_treated=cases,
                treated_approved_usd=amount,
                programmes=programme.get("n") or 0,
                trainees=programme.get("trainees") or 0,
                missions=mission.get("n") or 0,
                operations=mission.get("operations") or 0,
                consultations=mission.get("consultations") or 0,
                donations=donations[agreement.pk][0] if agreement.pk in donations else 0,
                donations_usd=donations[agreement.pk][1] if agreement.pk in donations else Decimal(0),
                projects=(projects.get(agreement.pk) or {}).get("n") or 0,
            )
        )
    AgreementRollup.objects.all().delete()
    AgreementRollup.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


# --- the refresh --------------------------------------------------------------------------------------------


def latest_event_id() -> int:
    return CaseEvent.objects.aggregate(m=Max("id"))["m"] or 0


def is_behind() -> bool:
    """The cheap check a dashboard makes: newer timeline events, or a changed registry."""
    state = RefreshState.objects.filter(name="default").values_list("last_event_id", "cooperation_stamp").first()
    if state is None:
        return True
    return latest_event_id() > state[0] or cooperation_stamp() != state[1]


def refresh(*, full: bool = False, progress: Callable[[int, int], None] | None = None) -> dict:
    """Fold new timeline events (or everything, ``full``) into the rollups. Returns what was done.

    ``progress(done, total)`` is called after each batch of cases (the CLI draws a bar with it)."""
    converter = Converter()
    with transaction.atomic():
        state, _created = RefreshState.objects.select_for_update().get_or_create(name="default")
        top = latest_event_id()
        if full:
            for model in (FlowRollup, CostRollup, OutcomeRollup, CaseFact):
                model.objects.all().delete()
            case_ids = list(ReferralCase.objects.order_by("id").values_list("id", flat=True))
        else:
            window = Q(id__gt=state.last_event_id)
            if state.refreshed_at is not None and LOOKBACK:
                window |= Q(occurred_at__gte=state.refreshed_at - LOOKBACK)
            events = CaseEvent.objects.filter(window, id__lte=top)
            case_ids = sorted(set(events.values_list("case_id", flat=True)))
        total = len(case_ids)
        if progress:
            progress(0, total)
        for start in range(0, total, BATCH):
            _refresh_cases(case_ids[start : start + BATCH], converter)
            if progress:
                progress(min(start + BATCH, total), total)
        stamp = cooperation_stamp()
        agreements = None
        if full or case_ids or stamp != state.cooperation_stamp:
            agreements = rebuild_agreements(converter)
        now = timezone.now()
        state.last_event_id = max(top, state.last_event_id) if not full else top
        state.cooperation_stamp = stamp
        state.refreshed_at = now
        state.cases_processed += total
        if full:
            state.rebuilt_at = now
        state.save()
    return {"cases": total, "last_event_id": state.last_event_id, "agreements": agreements, "full": full}
