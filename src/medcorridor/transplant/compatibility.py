"""Pure donor-recipient compatibility rules (no Django), with the source of each rule.

Every check returns a :class:`RuleResult` (rule, passed, detail template and its parameters,
needs_review, unknown) whose ``outcome`` is pass / fail / conditional / unknown and whose ``source``
names the publication the rule comes from (:data:`SOURCES`).  :func:`screen` gives every rule for a
donor and a recipient (the compatibility screen of the web page and the API); :func:`assess_kidney` and
:func:`assess_liver` bundle the rules of one organ into an :class:`Assessment`.  The same functions
build the arcs of a paired-exchange pool (:func:`kidney_arc_allowed`, :func:`arc_weight`).
Thresholds are module constants so a programme can document a local deviation.

Missing data is never taken as a pass of a deciding rule: an absent blood group or liver volumetry
gives ``unknown`` (not passed); an untyped donor (virtual crossmatch) or a pending physical
crossmatch give ``unknown`` but do not block an exchange arc (the physical crossmatch comes after
the match run); an HLA locus typed on one side only counts as two mismatches (worst case).

Sources
-------
* ABO: standard red-cell compatibility (O gives to all, AB receives from all) - e.g. KDIGO
  Clinical Practice Guideline on the Evaluation and Care of Living Kidney Donors (2017); BSHI/BTS
  Guidelines for antibody incompatible transplantation (2016).
* A2 subgroup: A2 / A2B kidneys to O / B recipients with a low anti-A (IgG) titre, used by the
  US allocation policy - OPTN Policy 8.5 (A2 and A2B deceased donor kidney allocation, titre
  threshold < 1:8 for IgG anti-A, measured within 90 days) and Bryan C.F. et al., "Long-term
  survival of kidneys transplanted from live A2 donors to O and B recipients", Am J
  Transplant 2007.  ``A2_MAX_ANTI_A_TITRE`` = 8 (titre 1:4 passes, 1:8 does not); an unknown
  titre is ``conditional`` (refused until measured, flagged for review).  Kidneys only.
* HLA mismatches: count of donor antigens absent in the recipient, per locus A, B, DR, two per
  locus, total 0-6 (the "000" .. "222" notation used by UK NHSBT (POL186) and Eurotransplant).
  Informational: it weights pool arcs, it refuses nothing.
* Virtual crossmatch: positive when any donor HLA antigen (A, B, C, DR, DQ, DP) is listed among
  the recipient's unacceptable antigens (Eurotransplant Acceptable Mismatch / UNOS unacceptable
  antigen practice; Tait B.D. et al., "Consensus guidelines on the testing and clinical management
  issues associated with HLA and non-HLA antibodies in transplantation", Transplantation 2013;
  BSHI/BTS Guidelines for the detection and characterisation of clinically relevant antibodies
  in allotransplantation, 2014).
* Physical crossmatch: a positive T-cell (CDC or flow) crossmatch, or a positive result recorded
  without the T/B split, contraindicates; a positive B-cell-only flow result is flagged for
  review (same consensus guidelines).
* Liver: graft-to-recipient weight ratio GRWR = graft g / (recipient kg x 1000) x 100 >= 0.8 %
  (Kiuchi T. et al., "Impact of graft size mismatching on graft prognosis in liver
  transplantation from living donors", Transplantation 1999;67:321); the graft weight is
  estimated from the CT volume at ``LIVER_DENSITY_G_PER_ML`` = 1.0 g/ml (many centres use
  0.85-1.0); donor remnant liver volume >= 30 % of total liver volume (Fan S.T. et al., "Safety
  of donors in live donor liver transplantation using right lobe grafts", Arch Surg
  2000;135:336; many centres use 35 % when the donor has steatosis - set
  ``REMNANT_MIN_PERCENT_STEATOSIS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

A2_MAX_ANTI_A_TITRE = 8  # titres are reciprocal dilutions: 4 means 1:4
GRWR_MIN_PERCENT = 0.8
REMNANT_MIN_PERCENT = 30.0
REMNANT_MIN_PERCENT_STEATOSIS = 35.0
LIVER_DENSITY_G_PER_ML = 1.0  # graft weight from CT volume
HLA_LOCI = ("A", "B", "DR")  # counted for the mismatch level
TYPED_LOCI = ("A", "B", "C", "DR", "DQ", "DP")  # all screened by the virtual crossmatch
KIDNEY, LIVER = "kidney", "liver"

SOURCES = {
    "abo": "ABO compatibility for solid organs (donor red-cell antigens must be present on the recipient's "
    "cells): KDIGO Clinical Practice Guideline on the Evaluation and Care of Living Kidney Donors, 2017; "
    "BSHI/BTS Guidelines for antibody incompatible transplantation, 2016",
    "abo_a2": "A2/A2B donor kidneys to O and B recipients with IgG anti-A titre below 1:8: OPTN Policy 8.5; "
    "Bryan et al., Am J Transplant 2007",
    "hla": "HLA-A, -B, -DR mismatch level (0-0-0 to 2-2-2), as in the NHSBT kidney offering scheme "
    "(POL186) and Eurotransplant",
    "virtual_crossmatch": "Virtual crossmatch: donor HLA against the recipient's listed unacceptable antigens "
    "(Tait et al., Transplantation 2013; BSHI/BTS Guidelines for the detection and characterisation of "
    "clinically relevant antibodies, 2014)",
    "physical_crossmatch": "Physical (CDC / flow cytometry) crossmatch recorded by the HLA laboratory; "
    "T-cell positive contraindicates, B-cell only positive is reviewed (Tait et al., Transplantation 2013)",
    "grwr": "Graft-to-recipient weight ratio >= 0.8 % (Kiuchi et al., Transplantation 1999;67:321)",
    "donor_remnant": "Donor remnant liver volume >= 30 % of the total, 35 % with steatosis "
    "(Fan et al., Arch Surg 2000;135:336)",
}
LABELS = {
    "abo": "ABO",
    "abo_a2": "ABO (A2)",
    "hla": "HLA-A/B/DR",
    "virtual_crossmatch": "Virtual crossmatch",
    "physical_crossmatch": "Physical crossmatch",
    "grwr": "GRWR",
    "donor_remnant": "Remnant liver volume",
}
INFORMATIONAL_RULES = frozenset({"hla"})  # shown, never part of the verdict


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"


class CrossmatchResult(StrEnum):
    NOT_DONE = "not_done"
    NEGATIVE = "negative"
    POSITIVE_T_CELL = "positive_t_cell"
    POSITIVE_B_CELL_ONLY = "positive_b_cell_only"
    POSITIVE = "positive"  # recorded without the T/B-cell split: treated as T-cell positive

    @classmethod
    def _missing_(cls, value: object) -> CrossmatchResult | None:
        return cls.NOT_DONE if value in ("pending", "", None) else None


def gettext_noop(message: str) -> str:
    """Marks a detail template for the translation catalogues. This module stays English and free of
    Django; the screens translate ``RuleResult.template`` and fill in its ``params``."""
    return message


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict. ``template`` is an English sentence with ``%(name)s`` placeholders filled
    from ``params``, so each screen can show it in the reader's language."""

    rule: str
    passed: bool
    template: str
    params: Mapping[str, str] = field(default_factory=dict)
    needs_review: bool = False
    unknown: bool = False  # data missing or test pending: no verdict yet

    @property
    def reason(self) -> str:
        return self.template % self.params

    @property
    def outcome(self) -> Outcome:
        if self.unknown:
            return Outcome.UNKNOWN
        if self.needs_review:
            return Outcome.CONDITIONAL
        return Outcome.PASS if self.passed else Outcome.FAIL

    @property
    def source(self) -> str:
        return SOURCES.get(self.rule, "")

    @property
    def label(self) -> str:
        return LABELS.get(self.rule, self.rule)


@dataclass(frozen=True)
class HlaTyping:
    """Antigens per locus, e.g. ``HlaTyping(A=("A1", "A2"), B=("B8", "B44"), DR=("DR3", "DR4"))``.
    A homozygous locus repeats the antigen or gives one; an untyped locus is empty."""

    A: tuple[str, ...] = ()
    B: tuple[str, ...] = ()
    DR: tuple[str, ...] = ()
    C: tuple[str, ...] = ()
    DQ: tuple[str, ...] = ()
    DP: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, typing: Mapping[str, Iterable[str]]) -> HlaTyping:
        """From ``{"A": ["A2", "A24"], "DQ": [...]}`` (locus names in any case; others ignored)."""
        by_locus = {locus.upper(): tuple(antigens) for locus, antigens in typing.items()}
        return cls(**{locus: by_locus[locus] for locus in TYPED_LOCI if locus in by_locus})

    def antigens(self) -> set[str]:
        return {_normalise(a) for locus in TYPED_LOCI for a in getattr(self, locus)}


@dataclass(frozen=True)
class HlaMismatch:
    A: int
    B: int
    DR: int
    untyped: tuple[str, ...] = ()  # loci typed on one side only or neither: counted as 2

    @property
    def total(self) -> int:
        return self.A + self.B + self.DR

    @property
    def code(self) -> str:
        """The usual "ABDR" string, e.g. "121"."""
        return f"{self.A}{self.B}{self.DR}"

    @property
    def level(self) -> str:
        """The same as "1-2-1"."""
        return f"{self.A}-{self.B}-{self.DR}"

    @property
    def complete(self) -> bool:
        return not self.untyped


@dataclass(frozen=True)
class Assessment:
    results: tuple[RuleResult, ...]
    hla_mismatch: HlaMismatch | None = None

    @property
    def compatible(self) -> bool:
        return all(result.passed for result in self.results)

    @property
    def reasons(self) -> list[str]:
        return [result.reason for result in self.results if not result.passed]

    @property
    def needs_review(self) -> bool:
        return any(result.needs_review for result in self.results)

    @property
    def outcome(self) -> Outcome:
        """The verdict: fail if any deciding rule fails, else conditional, else pass if all pass,
        else unknown.  Informational rules (HLA mismatch level) do not count."""
        outcomes = {r.outcome for r in self.results if r.rule not in INFORMATIONAL_RULES}
        if Outcome.FAIL in outcomes:
            return Outcome.FAIL
        if Outcome.CONDITIONAL in outcomes:
            return Outcome.CONDITIONAL
        return Outcome.PASS if outcomes <= {Outcome.PASS} else Outcome.UNKNOWN


@dataclass(frozen=True)
class KidneyDonor:
    """A donor's immunology (blood group, HLA typing); :func:`screen` uses it for a liver donor too."""

    blood_group: str  # "O", "A", "A1", "A2", "B", "AB", "A1B", "A2B"; "" when not known
    hla: HlaTyping = field(default_factory=HlaTyping)


@dataclass(frozen=True)
class KidneyRecipient:
    blood_group: str
    hla: HlaTyping = field(default_factory=HlaTyping)
    unacceptable_antigens: frozenset[str] = frozenset()
    anti_a_titre: int | None = None  # reciprocal IgG anti-A titre, for the A2 rule


def _normalise(antigen: str) -> str:
    return antigen.strip().upper().replace("*", "").replace(" ", "")


def _abo_letters(group: str) -> set[str]:
    """Antigens on red cells: A (any subtype), B; O has none."""
    group = group.strip().upper()
    return {letter for letter in ("A", "B") if letter in group}


def abo_compatible(
    donor_group: str | None, recipient_group: str | None, anti_a_titre: int | None = None, *, organ: str = KIDNEY
) -> RuleResult:
    """ABO rule with the A2 exception for kidneys (see module sources)."""
    if not (donor_group or "").strip() or not (recipient_group or "").strip():
        return RuleResult("abo", False, gettext_noop("ABO: blood group missing"), needs_review=True, unknown=True)
    groups = {"donor": donor_group, "recipient": recipient_group}
    missing = _abo_letters(donor_group) - _abo_letters(recipient_group)
    if not missing:
        return RuleResult("abo", True, gettext_noop("ABO %(donor)s -> %(recipient)s compatible"), groups)
    donor = donor_group.strip().upper()
    if organ == KIDNEY and missing == {"A"} and donor in ("A2", "A2B"):
        return _a2_rule(donor, recipient_group, anti_a_titre)
    return RuleResult("abo", False, gettext_noop("ABO incompatible: donor %(donor)s, recipient %(recipient)s"), groups)


def _a2_rule(donor: str, recipient_group: str, anti_a_titre: int | None) -> RuleResult:
    params = {"donor": donor, "recipient": recipient_group, "titre": str(anti_a_titre)}
    if anti_a_titre is None:
        return RuleResult(
            "abo_a2",
            False,
            gettext_noop("%(donor)s donor to %(recipient)s: anti-A titre unknown"),
            params,
            needs_review=True,
        )
    if anti_a_titre < A2_MAX_ANTI_A_TITRE:
        return RuleResult(
            "abo_a2", True, gettext_noop("%(donor)s donor to %(recipient)s allowed: anti-A titre 1:%(titre)s"), params
        )
    return RuleResult(
        "abo_a2", False, gettext_noop("%(donor)s donor to %(recipient)s: anti-A titre 1:%(titre)s too high"), params
    )


def hla_mismatch(donor: HlaTyping, recipient: HlaTyping) -> HlaMismatch:
    """Donor antigens absent in the recipient, per locus; a homozygous donor counts once.  A locus
    not typed on both sides counts as 2 mismatches (worst case) and is listed in ``untyped``."""
    counts: list[int] = []
    untyped: list[str] = []
    for locus in HLA_LOCI:
        donor_antigens = {_normalise(a) for a in getattr(donor, locus)}
        recipient_antigens = {_normalise(a) for a in getattr(recipient, locus)}
        if not donor_antigens or not recipient_antigens:
            untyped.append(locus)
            counts.append(2)
        else:
            counts.append(min(2, len(donor_antigens - recipient_antigens)))
    return HlaMismatch(*counts, untyped=tuple(untyped))


def hla_rule(mismatch: HlaMismatch) -> RuleResult:
    """The mismatch level as an informational row (never refuses)."""
    if not mismatch.complete:
        return RuleResult(
            "hla",
            True,
            gettext_noop("typing incomplete (%(loci)s)"),
            {"loci": ", ".join(mismatch.untyped)},
            unknown=True,
        )
    return RuleResult("hla", True, gettext_noop("mismatch %(level)s"), {"level": mismatch.level})


def virtual_crossmatch(donor: HlaTyping, unacceptable: Iterable[str]) -> RuleResult:
    typed = donor.antigens()
    hits = sorted(typed & {_normalise(a) for a in unacceptable})
    if hits:
        return RuleResult(
            "virtual_crossmatch",
            False,
            gettext_noop("virtual crossmatch positive: %(antigens)s"),
            {"antigens": ", ".join(hits)},
        )
    if not typed:
        return RuleResult("virtual_crossmatch", True, gettext_noop("donor not typed"), needs_review=True, unknown=True)
    return RuleResult("virtual_crossmatch", True, gettext_noop("virtual crossmatch negative"))


def physical_crossmatch(result: CrossmatchResult | str) -> RuleResult:
    """``result`` may be given as its value; "pending" means not done."""
    result = CrossmatchResult(result)
    if result is CrossmatchResult.POSITIVE_T_CELL:
        return RuleResult("physical_crossmatch", False, gettext_noop("T-cell crossmatch positive"))
    if result is CrossmatchResult.POSITIVE:
        return RuleResult("physical_crossmatch", False, gettext_noop("crossmatch positive"))
    if result is CrossmatchResult.POSITIVE_B_CELL_ONLY:
        return RuleResult(
            "physical_crossmatch", True, gettext_noop("B-cell only positive crossmatch: review"), needs_review=True
        )
    if result is CrossmatchResult.NOT_DONE:
        return RuleResult(
            "physical_crossmatch", True, gettext_noop("physical crossmatch pending"), needs_review=True, unknown=True
        )
    return RuleResult("physical_crossmatch", True, gettext_noop("physical crossmatch negative"))


def graft_to_recipient_weight_ratio(graft_grams: float, recipient_kg: float) -> float:
    """GRWR in percent: graft weight over recipient body weight."""
    return float(graft_grams) / (float(recipient_kg) * 1000.0) * 100.0


def graft_weight_grams(graft_volume_ml: float | None, density: float = LIVER_DENSITY_G_PER_ML) -> float | None:
    """Graft weight estimated from the CT volume; None when the volume is not known."""
    return float(graft_volume_ml) * density if graft_volume_ml else None


def donor_remnant_percent(liver_volume_ml: float | None, graft_volume_ml: float | None) -> float | None:
    """What stays in the donor, in percent of the total liver volume; None without volumetry."""
    if not liver_volume_ml or not graft_volume_ml:
        return None
    return (float(liver_volume_ml) - float(graft_volume_ml)) / float(liver_volume_ml) * 100.0


def grwr_rule(graft_grams: float | None, recipient_kg: float | None) -> RuleResult:
    if not graft_grams or not recipient_kg:
        return RuleResult(
            "grwr", False, gettext_noop("graft weight or recipient weight missing"), needs_review=True, unknown=True
        )
    grwr = graft_to_recipient_weight_ratio(graft_grams, recipient_kg)
    return RuleResult(
        "grwr",
        grwr >= GRWR_MIN_PERCENT,
        gettext_noop("GRWR %(grwr)s %% (minimum %(minimum)s %%)"),
        {"grwr": f"{grwr:.2f}", "minimum": f"{GRWR_MIN_PERCENT}"},
    )


def donor_remnant_rule(remnant_percent: float | None, donor_steatosis: bool = False) -> RuleResult:
    if remnant_percent is None:
        return RuleResult("donor_remnant", False, gettext_noop("volumetry missing"), needs_review=True, unknown=True)
    minimum = REMNANT_MIN_PERCENT_STEATOSIS if donor_steatosis else REMNANT_MIN_PERCENT
    return RuleResult(
        "donor_remnant",
        remnant_percent >= minimum,
        gettext_noop("donor remnant %(remnant)s %% of total liver volume (minimum %(minimum)s %%)"),
        {"remnant": f"{remnant_percent:.1f}", "minimum": f"{minimum:.0f}"},
    )


def screen(
    organ: str,
    donor: KidneyDonor,
    recipient: KidneyRecipient,
    crossmatch: CrossmatchResult | str = CrossmatchResult.NOT_DONE,
    *,
    graft_volume_ml: float | None = None,
    liver_volume_ml: float | None = None,
    recipient_kg: float | None = None,
    donor_steatosis: bool = False,
) -> Assessment:
    """Every rule for a donor and a recipient, as the compatibility screen shows them: ABO, the HLA
    mismatch level (informational), virtual and physical crossmatch; for a liver also GRWR (graft
    weight from ``graft_volume_ml``) and the donor remnant (from ``liver_volume_ml``)."""
    mismatch = hla_mismatch(donor.hla, recipient.hla)
    results = [
        abo_compatible(donor.blood_group, recipient.blood_group, recipient.anti_a_titre, organ=organ),
        hla_rule(mismatch),
        virtual_crossmatch(donor.hla, recipient.unacceptable_antigens),
        physical_crossmatch(crossmatch),
    ]
    if organ == LIVER:
        results += [
            grwr_rule(graft_weight_grams(graft_volume_ml), recipient_kg),
            donor_remnant_rule(donor_remnant_percent(liver_volume_ml, graft_volume_ml), donor_steatosis),
        ]
    return Assessment(tuple(results), mismatch)


def assess_kidney(
    donor: KidneyDonor, recipient: KidneyRecipient, crossmatch: CrossmatchResult | str = CrossmatchResult.NOT_DONE
) -> Assessment:
    return screen(KIDNEY, donor, recipient, crossmatch)


def kidney_arc_allowed(donor: KidneyDonor, recipient: KidneyRecipient) -> tuple[bool, HlaMismatch]:
    """For paired-exchange arcs: ABO must pass outright (an A2 arc needs a known low titre) and the
    virtual crossmatch must not be positive (an untyped donor is allowed); the physical crossmatch
    comes after the match run, a failure is handled with ``Pool.forbid_arcs``."""
    assessment = assess_kidney(donor, recipient)
    return assessment.compatible, assessment.hla_mismatch  # type: ignore[return-value]


def arc_weight(mismatch: HlaMismatch) -> float:
    """Pool arc weight rewarding HLA match: ``1 + (6 - mismatches) / 6``, from 1.0 (2-2-2, or
    untyped) to 2.0 (0-0-0)."""
    return round(1 + (6 - mismatch.total) / 6, 4)


def assess_liver(
    donor_blood_group: str,
    recipient_blood_group: str,
    graft_grams: float | None,
    recipient_kg: float | None,
    remnant_percent: float | None,
    donor_steatosis: bool = False,
) -> Assessment:
    """ABO (no A2 exception for livers), GRWR and donor remnant; a missing value gives ``unknown``."""
    results = (
        abo_compatible(donor_blood_group, recipient_blood_group, organ=LIVER),
        grwr_rule(graft_grams, recipient_kg),
        donor_remnant_rule(remnant_percent, donor_steatosis),
    )
    return Assessment(results)
