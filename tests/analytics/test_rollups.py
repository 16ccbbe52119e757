"""Rollups against a direct computation over the case tables; the watermark and incremental refresh."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from medcorridor.analytics import services
from medcorridor.analytics.models import AgreementRollup, CaseFact, CostRollup, FlowRollup, OutcomeRollup
from medcorridor.analytics.selectors import median
from medcorridor.cases import services as cases
from medcorridor.cases.models import Encounter, FundingShare, ReferralCase
from medcorridor.core.models import ExchangeRate

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        model.__name__: sorted(tuple(v for k, v in row.items() if k != "id") for row in model.objects.values())
        for model in (FlowRollup, CostRollup, OutcomeRollup)
    }


def usd(amount, currency) -> Decimal:
    if currency == "USD":
        return Decimal(amount)
    rate = ExchangeRate.objects.filter(currency_id=currency).order_by("-on_date").first().units_per_usd
    return (Decimal(amount) / rate).quantize(Decimal("0.01"))


def test_rollups_match_a_direct_computation(built):
    services.refresh()
    # flows: origin (ministry's country) → destination facility (encounter, else the selected answer)
    direct = Counter()
    for case in ReferralCase.objects.select_related("owner_organisation", "selected_request__facility"):
        encounter = Encounter.objects.filter(case=case).select_related("facility").first()
        facility = (
            encounter.facility if encounter else (case.selected_request.facility if case.selected_request_id else None)
        )
        direct[
            (
                case.owner_organisation.country_id,
                facility.country_id if facility else "",
                facility.pk if facility else None,
                case.status,
            )
        ] += 1
    rolled = Counter()
    for row in FlowRollup.objects.all():
        rolled[(row.origin_country, row.destination_country, row.facility_id, row.status)] += row.cases
    assert rolled == direct
    assert sum(rolled.values()) == 4

    # costs: approved amounts in USD at the dated rate, split by payer kind
    approved = sum((usd(s.amount, s.currency_id) for s in FundingShare.objects.all()), Decimal(0))
    totals = CostRollup.objects.aggregate(
        approved=Sum("approved_usd"), charity=Sum("approved_charity_usd"), quota=Sum("approved_state_quota_usd")
    )
    assert totals["approved"] == approved == Decimal("46000.00")  # 20000 + 6000 USD, 68M MNT = 20000 USD
    assert totals["charity"] == Decimal("20000.00")
    assert totals["quota"] == Decimal("20000.00")
    # the estimate: the selected answer (35M KRW = 25000 USD), else the lowest answer (21000 USD)
    facts = {f.case_id: f for f in CaseFact.objects.all()}
    assert facts[built.cases["treated"].pk].estimate_usd == Decimal("25000.00")
    assert facts[built.cases["waiting"].pk].estimate_usd == Decimal("21000.00")
    assert facts[built.cases["cancelled"].pk].payer_kind == "charity"
    assert facts[built.cases["treated"].pk].icd_chapter == "II"
    assert facts[built.cases["kazakh"].pk].icd_chapter == "IX"

    # outcomes
    by_state = Counter()
    for row in OutcomeRollup.objects.all():
        by_state[row.final_state] += row.cases
    assert by_state == {"closed": 1, "cancelled": 1, "open": 2}
    improved = OutcomeRollup.objects.get(outcome_30="improved")
    assert improved.cases == 1 and improved.days_to_admission == 0


def test_agreement_delivery(built):
    services.refresh()
    row = AgreementRollup.objects.get(agreement__title="Memorandum MN–Severance")
    assert row.cases_treated == 1
    assert row.treated_approved_usd == Decimal("26000.00")
    assert (row.programmes, row.trainees, row.missions, row.operations, row.consultations) == (1, 6, 1, 12, 40)
    assert (row.donations, row.donations_usd) == (1, Decimal("10000.00"))
    other = AgreementRollup.objects.get(agreement__title="Memorandum KZ–Ajou")
    assert other.cases_treated == 0  # the Ajou case was cancelled before admission and is Mongolian


def test_incremental_refresh_picks_up_only_new_events(built, monkeypatch):
    monkeypatch.setattr(services, "LOOKBACK", timedelta(0))
    first = services.refresh()
    assert first["cases"] == 4
    assert services.refresh()["cases"] == 0
    assert not services.is_behind()

    case = built.cases["kazakh"]
    cases.hold(actor=built.personas.coordinator_kz, case=case, reason="waiting for tests")
    assert services.is_behind()
    second = services.refresh()
    assert second["cases"] == 1
    assert second["last_event_id"] > first["last_event_id"]
    assert FlowRollup.objects.get(origin_country="KZ").status == "on_hold"
    incremental = snapshot()
    services.refresh(full=True)
    assert snapshot() == incremental


def test_a_moved_case_leaves_its_old_rollup_row(built, monkeypatch):
    monkeypatch.setattr(services, "LOOKBACK", timedelta(0))
    services.refresh()
    case = built.cases["kazakh"]
    assert FlowRollup.objects.filter(origin_country="KZ", status="intake").exists()
    cases.cancel(actor=built.personas.coordinator_kz, case=case, reason="moved")
    services.refresh()
    assert not FlowRollup.objects.filter(origin_country="KZ", status="intake").exists()
    assert FlowRollup.objects.get(origin_country="KZ").status == "cancelled"


def test_registry_changes_make_the_rollups_behind(built):
    services.refresh()
    assert not services.is_behind()
    agreement = AgreementRollup.objects.first().agreement
    agreement.title = "Renamed"
    agreement.save()
    assert services.is_behind()


def test_command_refresh_and_full_rebuild(built, capsys):
    call_command("analytics", "refresh", "--quiet")
    call_command("analytics", "refresh", "--full", "--quiet")
    out = capsys.readouterr().out
    assert "4 cases folded in" in out and "full rebuild" in out
    assert FlowRollup.objects.aggregate(n=Sum("cases"))["n"] == 4


def test_median_from_a_histogram():
    assert median({}) is None
    assert median({3: 1}) == 3
    assert median({1: 1, 5: 1}) == 3
    assert median({1: 2, 9: 1}) == 1
    assert median({2: 1, 4: 2, 10: 1}) == 4
