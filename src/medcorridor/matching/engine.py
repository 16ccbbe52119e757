"""Ranking partner facilities for one case. Pure and deterministic: plain data in, ranked list out.

Each candidate is one facility with the offers relevant to the case. The score adds weighted
criteria; every criterion that counts leaves a ``Reason`` (a code and its parameters, translated by
the caller), so that a coordinator sees *why* a facility ranks where it does. Ties break by
facility name and id, so the same input always gives the same order.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

WEIGHTS = {
    "icd_match": 40,  # an offer covers the diagnosis' ICD-10 category
    "specialty_match": 20,  # an offer in the requested specialty
    "agreement": 15,  # an agreement covers the patient's country
    "language": 10,  # the international office speaks the patient's language
    "budget": 10,  # the cheapest matching offer is within the budget
    "wait": 10,  # short waiting time (full points at 0 days, none at MAX_WAIT_DAYS)
    "accreditation": 5,  # a valid accreditation on the day
}
MAX_WAIT_DAYS = 90
URGENT_WAIT_DAYS = 14


@dataclass(frozen=True)
class Need:
    icd_category: str  # three-character ICD-10 category of the diagnosis
    specialty: str | None
    patient_country: str
    languages: tuple[str, ...]  # the patient's languages, most preferred first
    budget_usd: Decimal | None
    urgent: bool
    on: date


@dataclass(frozen=True)
class OfferData:
    offer_id: int
    specialty: str
    icd_categories: frozenset[str]
    price_min_usd: Decimal | None
    wait_days: int | None
    procedure: str = ""


@dataclass(frozen=True)
class Candidate:
    facility_id: int
    name: str
    country: str
    offers: tuple[OfferData, ...]
    office_languages: frozenset[str] = frozenset()
    agreement_countries: frozenset[str] = frozenset()
    accreditations_valid_until: tuple[date | None, ...] = ()  # None: no end date
    accreditation_starts: tuple[date | None, ...] = ()


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Suggestion:
    facility_id: int
    name: str
    score: int
    reasons: tuple[Reason, ...]
    best_offer_id: int | None
    price_min_usd: Decimal | None
    wait_days: int | None


def _relevant(candidate: Candidate, need: Need) -> list[OfferData]:
    return [
        o
        for o in candidate.offers
        if need.icd_category in o.icd_categories or (need.specialty and o.specialty == need.specialty)
    ]


def _valid_accreditation(candidate: Candidate, on: date) -> bool:
    starts = candidate.accreditation_starts or (None,) * len(candidate.accreditations_valid_until)
    return any(
        (start is None or start <= on) and (until is None or on <= until)
        for start, until in zip(starts, candidate.accreditations_valid_until, strict=False)
    )


def score(candidate: Candidate, need: Need) -> Suggestion | None:
    """The suggestion for one facility, or None when none of its offers fits the case."""
    offers = _relevant(candidate, need)
    if not offers:
        return None
    reasons: list[Reason] = []
    icd = [o for o in offers if need.icd_category in o.icd_categories]
    if icd:
        reasons.append(Reason("icd_match", WEIGHTS["icd_match"], {"category": need.icd_category}))
    if need.specialty and any(o.specialty == need.specialty for o in offers):
        reasons.append(Reason("specialty_match", WEIGHTS["specialty_match"], {"specialty": need.specialty}))
    if need.patient_country in candidate.agreement_countries:
        reasons.append(Reason("agreement", WEIGHTS["agreement"], {"country": need.patient_country}))
    spoken = [lang for lang in need.languages if lang in candidate.office_languages]
    if spoken:
        reasons.append(Reason("language", WEIGHTS["language"], {"language": spoken[0]}))
    pool = icd or offers
    priced = [o.price_min_usd for o in pool if o.price_min_usd is not None]
    cheapest = min(priced) if priced else None
    if need.budget_usd is not None and cheapest is not None:
        if cheapest <= need.budget_usd:
            reasons.append(Reason("budget", WEIGHTS["budget"], {"price_usd": cheapest}))
        else:
            reasons.append(Reason("over_budget", 0, {"price_usd": cheapest}))
    waits = [o.wait_days for o in pool if o.wait_days is not None]
    wait = min(waits) if waits else None
    if wait is not None:
        points = round(WEIGHTS["wait"] * max(0, MAX_WAIT_DAYS - wait) / MAX_WAIT_DAYS)
        if need.urgent and wait > URGENT_WAIT_DAYS:
            points = 0
            reasons.append(Reason("too_slow_for_urgent", 0, {"days": wait}))
        elif points:
            reasons.append(Reason("wait", points, {"days": wait}))
    if _valid_accreditation(candidate, need.on):
        reasons.append(Reason("accreditation", WEIGHTS["accreditation"]))
    best = min(pool, key=lambda o: (o.price_min_usd is None, o.price_min_usd or 0, o.offer_id))
    return Suggestion(
        facility_id=candidate.facility_id,
        name=candidate.name,
        score=sum(r.points for r in reasons),
        reasons=tuple(reasons),
        best_offer_id=best.offer_id,
        price_min_usd=cheapest,
        wait_days=wait,
    )


def rank(
    candidates: list[Candidate], need: Need, *, limit: int | None = None, exclude_country: bool = True
) -> list[Suggestion]:
    """Facilities for the case, best first. Facilities in the patient's own country are left out
    (the point is treatment abroad) unless ``exclude_country`` is False."""
    suggestions = [
        s
        for c in candidates
        if not (exclude_country and c.country == need.patient_country) and (s := score(c, need)) is not None
    ]
    suggestions.sort(key=lambda s: (-s.score, s.name, s.facility_id))
    return suggestions[:limit] if limit else suggestions
