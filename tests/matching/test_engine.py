"""The pure ranking engine: criteria, reasons, determinism."""

from datetime import date
from decimal import Decimal

from medcorridor.matching.engine import Candidate, Need, OfferData, rank

ON = date(2026, 11, 23)


def offer(offer_id, *, icd=("C50",), specialty="oncology", price=None, wait=None):
    return OfferData(
        offer_id=offer_id,
        specialty=specialty,
        icd_categories=frozenset(icd),
        price_min_usd=Decimal(price) if price is not None else None,
        wait_days=wait,
    )


def need(**overrides):
    base = dict(
        icd_category="C50",
        specialty="oncology",
        patient_country="MN",
        languages=("mn", "ru", "en"),
        budget_usd=Decimal("30000"),
        urgent=False,
        on=ON,
    )
    return Need(**{**base, **overrides})


def test_best_match_ranks_first_with_reasons():
    good = Candidate(
        1,
        "Gangnam Severance",
        "KR",
        (offer(1, price="20000", wait=7),),
        office_languages=frozenset({"mn", "ko"}),
        agreement_countries=frozenset({"MN"}),
        accreditations_valid_until=(date(2027, 1, 1),),
    )
    costly = Candidate(2, "Another", "KR", (offer(2, price="50000", wait=60),))
    ranked = rank([costly, good], need())
    assert [s.facility_id for s in ranked] == [1, 2]
    codes = {r.code for r in ranked[0].reasons}
    assert codes == {
        "icd_match",
        "specialty_match",
        "agreement",
        "language",
        "budget",
        "wait",
        "accreditation",
    }
    assert "over_budget" in {r.code for r in ranked[1].reasons}


def test_irrelevant_and_home_country_facilities_are_left_out():
    other_diagnosis = Candidate(3, "Eye clinic", "KR", (offer(3, icd=("H25",), specialty="ophthalmology"),))
    home = Candidate(4, "Home hospital", "MN", (offer(4),))
    assert rank([other_diagnosis, home], need()) == []


def test_expired_accreditation_and_slow_wait_for_urgent():
    slow = Candidate(5, "Slow", "RU", (offer(5, wait=40),), accreditations_valid_until=(date(2025, 1, 1),))
    [suggestion] = rank([slow], need(urgent=True))
    codes = {r.code for r in suggestion.reasons}
    assert "accreditation" not in codes and "too_slow_for_urgent" in codes


def test_deterministic_tie_break():
    a = Candidate(7, "Beta", "KR", (offer(7),))
    b = Candidate(6, "Alpha", "KR", (offer(6),))
    assert [s.name for s in rank([a, b], need())] == ["Alpha", "Beta"] == [s.name for s in rank([b, a], need())]
