"""Reads of the rollups, always through ``accounts.scoping``; nothing here touches the case tables.

Every rollup row carries the origin and destination countries and the treating facility's
organisation, so one rule serves all of them (see ``permissions``): coordinators and analysts read
rows of their own country (sent from it or treated in it), clinic staff rows of their own facilities,
auditors and administrators everything. The agreement table is also limited to agreements the user
may see in the cooperation registry.
"""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Q, Sum

from medcorridor.accounts.enums import Role
from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import Scope, scope_rule, scoped
from medcorridor.cooperation.models import Agreement
from medcorridor.core.tasks import enqueue

from . import services
from .models import AgreementRollup, CaseFact, CostRollup, FlowRollup, OutcomeRollup, RefreshState
from .permissions import COUNTRY_ROLES, require_view, scope_can_view
from .tasks import refresh_rollups

log = logging.getLogger(__name__)
NOTHING = Q(pk__in=[])


def _countries(scope: Scope) -> list[str]:
    organisations = scope.organisations_with(*COUNTRY_ROLES)
    if not organisations:
        return []
    return sorted(set(Organisation.objects.filter(pk__in=organisations).values_list("country_id", flat=True)))


def _rollup_rule(scope: Scope) -> Q:
    if scope.is_auditor or scope.is_administrator:
        return Q()
    q = NOTHING
    countries = _countries(scope)
    if countries:
        q |= Q(origin_country__in=countries) | Q(destination_country__in=countries)
    clinics = scope.organisations_with(Role.CLINIC_STAFF)
    if clinics:
        q |= Q(facility_organisation__in=clinics)
    return q


def _agreement_rule(scope: Scope) -> Q:
    if scope.is_auditor or scope.is_administrator:
        return Q()
    q = NOTHING
    for country in _countries(scope):
        q |= Q(countries__contains=f",{country},")
    for clinic in scope.organisations_with(Role.CLINIC_STAFF):
        q |= Q(facility_organisations__contains=f",{clinic},")
    return q


for _model in (CaseFact, FlowRollup, CostRollup, OutcomeRollup):
    scope_rule(_model)(_rollup_rule)
scope_rule(AgreementRollup)(_agreement_rule)
# The watermark is not data: anyone who may open the dashboards may read when it was refreshed.
scope_rule(RefreshState)(lambda scope: Q() if scope_can_view(scope) else NOTHING)


# --- filters ---------------------------------------------------------------------------------------------


def _month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.strip()[:7].split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


def _country(value: str) -> str:
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() else ""


@dataclass(frozen=True)
class Filters:
    """Period (first and last intake month, inclusive), origin and destination country."""

    start: date | None = None
    end: date | None = None
    origin: str = ""
    destination: str = ""

    @classmethod
    def parse(cls, data) -> "Filters":
        return cls(
            start=_month(data.get("start", "") or ""),
            end=_month(data.get("end", "") or ""),
            origin=_country(data.get("origin", "")),
            destination=_country(data.get("destination", "")),
        )

    def apply(self, queryset):
        if self.start:
            queryset = queryset.filter(month__gte=self.start)
        if self.end:
            queryset = queryset.filter(month__lte=self.end)
        if self.origin:
            queryset = queryset.filter(origin_country=self.origin)
        if self.destination:
            queryset = queryset.filter(destination_country=self.destination)
        return queryset

    def as_query(self) -> str:
        values = {
            "start": self.start.strftime("%Y-%m") if self.start else "",
            "end": self.end.strftime("%Y-%m") if self.end else "",
            "origin": self.origin,
            "destination": self.destination,
        }
        return urlencode({k: v for k, v in values.items() if v})


# --- freshness -------------------------------------------------------------------------------------------


def ensure_current() -> bool:
    """Start a refresh when the rollups are behind the timeline (cheap ``max(id)`` check). In process
    the refresh runs at once (after the current transaction); with Celery the page shows the last
    figures and says an update is under way. Returns whether a refresh was asked for."""
    if not services.is_behind():
        return False
    # One queued refresh at a time when a broker runs them elsewhere.
    if not cache.add("analytics:refresh-queued", True, timeout=60):
        return True
    try:
        enqueue(refresh_rollups)
    except Exception:  # the dashboard still shows the last figures; the error is in the log
        log.exception("analytics refresh failed")
    finally:
        cache.delete("analytics:refresh-queued")
    return True


def freshness(user) -> dict:
    require_view(user)
    state = scoped(user, RefreshState.objects.filter(name="default")).first()
    return {
        "refreshed_at": state.refreshed_at if state else None,
        "last_event_id": state.last_event_id if state else 0,
        "behind": services.is_behind(),
    }


# --- reads -------------------------------------------------------------------------------------------------


def _rows(user, model, filters: Filters):
    require_view(user)
    return filters.apply(scoped(user, model.objects.all()))


def flows(user, filters: Filters) -> dict:
    rows = _rows(user, FlowRollup, filters)
    links = list(
        rows.exclude(destination_country="")
        .values("origin_country", "destination_country", "facility_id")
        .annotate(cases=Sum("cases"))
        .order_by("origin_country", "destination_country", "facility_id")
    )
    monthly = list(rows.values("month", "status").annotate(cases=Sum("cases")).order_by("month", "status"))
    by_status = {row["status"]: row["n"] for row in rows.values("status").annotate(n=Sum("cases")).order_by("status")}
    return {
        "links": links,
        "monthly": monthly,
        "by_status": by_status,
        "total": sum(by_status.values()),
        "undecided": rows.filter(destination_country="").aggregate(n=Sum("cases"))["n"] or 0,
    }


COST_MEASURES = (
    "cases",
    "estimated_cases",
    "estimate_usd",
    "approved_cases",
    "approved_usd",
    "approved_state_quota_usd",
    "approved_insurer_usd",
    "approved_self_pay_usd",
    "approved_charity_usd",
)


def _grouped(rows, field: str, measures=COST_MEASURES) -> list[dict]:
    return list(rows.values(field).annotate(**{m: Sum(m) for m in measures}).order_by(field))


def costs(user, filters: Filters) -> dict:
    rows = _rows(user, CostRollup, filters)
    facts = filters.apply(scoped(user, CaseFact.objects.all()))
    distribution = defaultdict(list)
    for destination, amount in (
        facts.filter(approved_usd__isnull=False)
        .exclude(destination_country="")
        .values_list("destination_country", "approved_usd")
    ):
        distribution[destination].append(amount)
    totals = rows.aggregate(**{m: Sum(m) for m in COST_MEASURES})
    return {
        "by_destination": _grouped(rows.exclude(destination_country=""), "destination_country"),
        "by_chapter": _grouped(rows, "icd_chapter"),
        "by_specialty": _grouped(rows, "specialty"),
        "by_payer": _grouped(rows.exclude(payer_kind=""), "payer_kind"),
        "totals": {k: v if v is not None else (Decimal(0) if k.endswith("_usd") else 0) for k, v in totals.items()},
        # Approved amounts of single cases per destination (for the box plot): a read of the case-fact
        # table, which is itself a rollup (one row per case, no joins, no personal data).
        "distribution": {k: sorted(v) for k, v in sorted(distribution.items())},
    }


def median(histogram: dict[int, int]) -> float | None:
    """The exact median of values given as {value: count}."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        count = histogram[value]
        for position in wanted:
            if seen <= position < seen + count:
                found.append(value)
        seen += count
    return sum(found) / len(found)


def outcomes(user, filters: Filters) -> dict:
    rows = _rows(user, OutcomeRollup, filters)
    by_destination: dict[str, dict] = {}
    overall: dict[int, int] = Counter()
    outcome_30, outcome_90 = Counter(), Counter()
    final = Counter()
    for row in rows.values(
        "destination_country", "final_state", "outcome_30", "outcome_90", "days_to_admission"
    ).annotate(n=Sum("cases")):
        n = row["n"]
        final[row["final_state"]] += n
        if row["outcome_30"]:
            outcome_30[row["outcome_30"]] += n
        if row["outcome_90"]:
            outcome_90[row["outcome_90"]] += n
        destination = row["destination_country"]
        entry = by_destination.setdefault(
            destination,
            {"destination_country": destination, "open": 0, "closed": 0, "cancelled": 0, "days": Counter()},
        )
        entry[row["final_state"]] += n
        if row["days_to_admission"] is not None:
            entry["days"][row["days_to_admission"]] += n
            overall[row["days_to_admission"]] += n
    table = []
    for destination in sorted(by_destination):
        entry = by_destination[destination]
        days = entry.pop("days")
        entry["admitted"] = sum(days.values())
        entry["median_days_to_admission"] = median(days)
        table.append(entry)
    return {
        "by_destination": table,
        "final": dict(final),
        "outcome_30": dict(outcome_30),
        "outcome_90": dict(outcome_90),
        "median_days_to_admission": median(overall),
        "admitted": sum(overall.values()),
    }


AGREEMENT_MEASURES = (
    "cases_treated",
    "treated_approved_usd",
    "programmes",
    "trainees",
    "missions",
    "operations",
    "consultations",
    "donations",
    "donations_usd",
    "projects",
)


def agreements(user, *, country: str = "") -> list[dict]:
    """What each agreement delivered, for agreements the user may see (registry visibility too)."""
    require_view(user)
    visible = scoped(user, Agreement.objects.all()).values("pk")
    rows = scoped(user, AgreementRollup.objects.filter(agreement__in=visible)).select_related("agreement")
    if country:
        rows = rows.filter(countries__contains=f",{country},")
    out = []
    for row in rows.order_by("-cases_treated", "-trainees", "agreement__title"):
        agreement = row.agreement
        out.append(
            {
                "agreement": agreement,
                "id": str(agreement.public_id),
                "title": agreement.title,
                "kind": agreement.kind,
                "status": agreement.effective_status,
                "signed_on": agreement.signed_on,
                "countries": [c for c in row.countries.split(",") if c],
                **{m: getattr(row, m) for m in AGREEMENT_MEASURES},
            }
        )
    return out


def table_rows(user, table: str, filters: Filters):
    """The rows of one rollup table for CSV export (scoped and filtered)."""
    model = {"flows": FlowRollup, "costs": CostRollup, "outcomes": OutcomeRollup}[table]
    return _rows(user, model, filters).order_by("month", "key")


def to_float(value) -> float:
    return float(value) if isinstance(value, Decimal) else float(value or 0)
