"""Pure donor-recipient compatibility rules (no Django), with the source of each rule.

Every check returns a :class:`RuleResult` (rule, passed, reason); :func:`assess_kidney` and
:func:`assess_liver` bundle them into an :class:`Assessment`.  The same functions serve a
directed living donation and the arc construction of a paired-exchange pool
(:func:`kidney_arc_allowed`).  Thresholds are module constants so a programme can document
a local deviation.

Sources
-------
* ABO: standard red-cell compatibility (O gives to all, AB receives from all) - e.g. KDIGO
  Clinical Practice Guideline on the Evaluation and Care of Living Kidney Donors (2017).
* A2 subgroup: A2 / A2B kidneys to O / B recipients with a low anti-A (IgG) titre, used by the
  US allocation policy - OPTN Policy 8.5 (A2 and A2B deceased donor kidney allocation, titre
  threshold < 1:8 for IgG anti-A, measured within 90 days) and Bryan C.F. et al., "Long-term
  survival of kidneys transplanted from live A2 donors to O and B recipients", Am J
  Transplant 2007.  ``A2_MAX_ANTI_A_TITRE`` = 8 (titre 1:4 passes, 1:8 does not).
* HLA mismatches: count of donor antigens absent in the recipient, per locus A, B, DR, two per
  locus, total 0-6 (the "000" .. "222" notation used by UK NHSBT and Eurotransplant).
* Virtual crossmatch: positive when any donor HLA antigen is listed among the recipient's
  unacceptable antigens (Eurotransplant Acceptable Mismatch / UNOS unacceptable antigen
  practice; Tait B.D. et al., "Consensus guidelines on the testing and clinical management
  issues associated with HLA and non-HLA antibodies in transplantation", Transplantation 2013).
* Physical crossmatch: a positive T-cell (CDC or flow) crossmatch contraindicates; a positive
  B-cell-only flow result is flagged for review (same consensus guidelines).
* Liver: graft-to-recipient weight ratio GRWR = graft g / (recipient kg x 1000) x 100 >= 0.8 %
  (Kiuchi T. et al., "Impact of graft size mismatching on graft prognosis in liver
  transplantation from living donors", Transplantation 1999); donor remnant liver volume
  >= 30 % of total liver volume (Fan S.T. et al., "Safety of donors in live donor liver
  transplantation using right lobe grafts", Arch Surg 2000; many centres use 35 % when the
  donor has steatosis - set ``REMNANT_MIN_PERCENT_STEATOSIS``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

A2_MAX_ANTI_A_TITRE = 8  # titres are reciprocal dilutions: 4 means 1:4
GRWR_MIN_PERCENT = 0.8
REMNANT_MIN_PERCENT = 30.0
REMNANT_MIN_PERCENT_STEATOSIS = 35.0
HLA_LOCI = ("A", "B", "DR")


class CrossmatchResult(StrEnum):
    NOT_DONE = "not_done"
    NEGATIVE = "negative"
    POSITIVE_T_CELL = "positive_t_cell"
    POSITIVE_B_CELL_ONLY = "positive_b_cell_only"


@dataclass(frozen=True)
class RuleResult:
    rule: str
    passed: bool
    reason: str
    needs_review: bool = False


@dataclass(frozen=True)
class HlaTyping:
    """Two antigens per locus, e.g. ``HlaTyping(A=("A1", "A2"), B=("B8", "B44"), DR=("DR3", "DR4"))``.
    A homozygous locus repeats the antigen or gives one."""

    A: tuple[str, ...] = ()
    B: tuple[str, ...] = ()
    DR: tuple[str, ...] = ()

    def antigens(self) -> set[str]:
        return {_normalise(a) for locus in HLA_LOCI for a in getattr(self, locus)}


@dataclass(frozen=True)
class HlaMismatch:
    A: int
    B: int
    DR: int

    @property
    def total(self) -> int:
        return self.A + self.B + self.DR

    @property
    def code(self) -> str:
        """The usual "ABDR" string, e.g. "121"."""
        return f"{self.A}{self.B}{self.DR}"


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


@dataclass(frozen=True)
class KidneyDonor:
    blood_group: str  # "O", "A", "A1", "A2", "B", "AB", "A1B", "A2B"
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


def abo_compatible(donor_group: str, recipient_group: str, anti_a_titre: int | None = None) -> RuleResult:
    """ABO rule with the A2 exception for kidneys (see module sources)."""
    missing = _abo_letters(donor_group) - _abo_letters(recipient_group)
    if not missing:
        return RuleResult("abo", True, f"ABO {donor_group} -> {recipient_group} compatible")
    donor = donor_group.strip().upper()
    if missing == {"A"} and donor in ("A2", "A2B"):
        return _a2_rule(donor, recipient_group, anti_a_titre)
    return RuleResult("abo", False, f"ABO incompatible: donor {donor_group}, recipient {recipient_group}")


def _a2_rule(donor: str, recipient_group: str, anti_a_titre: int | None) -> RuleResult:
    if anti_a_titre is None:
        return RuleResult(
            "abo", False, f"{donor} donor to {recipient_group}: anti-A titre unknown", needs_review=True
        )
    if anti_a_titre < A2_MAX_ANTI_A_TITRE:
        return RuleResult(
            "abo", True, f"{donor} donor to {recipient_group} allowed: anti-A titre 1:{anti_a_titre}"
        )
    return RuleResult(
        "abo", False, f"{donor} donor to {recipient_group}: anti-A titre 1:{anti_a_titre} too high"
    )


def hla_mismatch(donor: HlaTyping, recipient: HlaTyping) -> HlaMismatch:
    """Donor antigens absent in the recipient, per locus; a homozygous donor counts once."""

    def locus_mismatch(locus: str) -> int:
        donor_antigens = {_normalise(a) for a in getattr(donor, locus)}
        recipient_antigens = {_normalise(a) for a in getattr(recipient, locus)}
        return min(2, len(donor_antigens - recipient_antigens))

    return HlaMismatch(*(locus_mismatch(locus) for locus in HLA_LOCI))


def virtual_crossmatch(donor: HlaTyping, unacceptable: Iterable[str]) -> RuleResult:
    hits = sorted(donor.antigens() & {_normalise(a) for a in unacceptable})
    if hits:
        return RuleResult("virtual_crossmatch", False, f"virtual crossmatch positive: {', '.join(hits)}")
    return RuleResult("virtual_crossmatch", True, "virtual crossmatch negative")


def physical_crossmatch(result: CrossmatchResult) -> RuleResult:
    if result is CrossmatchResult.POSITIVE_T_CELL:
        return RuleResult("physical_crossmatch", False, "T-cell crossmatch positive")
    if result is CrossmatchResult.POSITIVE_B_CELL_ONLY:
        return RuleResult(
            "physical_crossmatch", True, "B-cell only positive crossmatch: review", needs_review=True
        )
    if result is CrossmatchResult.NOT_DONE:
        return RuleResult("physical_crossmatch", True, "physical crossmatch pending", needs_review=True)
    return RuleResult("physical_crossmatch", True, "physical crossmatch negative")


def assess_kidney(
    donor: KidneyDonor, recipient: KidneyRecipient, crossmatch: CrossmatchResult = CrossmatchResult.NOT_DONE
) -> Assessment:
    results = (
        abo_compatible(donor.blood_group, recipient.blood_group, recipient.anti_a_titre),
        virtual_crossmatch(donor.hla, recipient.unacceptable_antigens),
        physical_crossmatch(crossmatch),
    )
    return Assessment(results, hla_mismatch(donor.hla, recipient.hla))


def kidney_arc_allowed(donor: KidneyDonor, recipient: KidneyRecipient) -> tuple[bool, HlaMismatch]:
    """For paired-exchange arcs: ABO and virtual crossmatch only (the physical crossmatch
    comes after the match run; a failure is handled with ``Pool.forbid_arcs``)."""
    assessment = assess_kidney(donor, recipient)
    return assessment.compatible, assessment.hla_mismatch  # type: ignore[return-value]


def graft_to_recipient_weight_ratio(graft_grams: float, recipient_kg: float) -> float:
    """GRWR in percent: graft weight over recipient body weight."""
    return graft_grams / (recipient_kg * 1000.0) * 100.0


def assess_liver(
    donor_blood_group: str,
    recipient_blood_group: str,
    graft_grams: float,
    recipient_kg: float,
    remnant_percent: float,
    donor_steatosis: bool = False,
) -> Assessment:
    grwr = graft_to_recipient_weight_ratio(graft_grams, recipient_kg)
    minimum = REMNANT_MIN_PERCENT_STEATOSIS if donor_steatosis else REMNANT_MIN_PERCENT
    abo = abo_compatible(donor_blood_group, recipient_blood_group)
    if not abo.passed and abo.needs_review:  # the A2 rule is kidney-only
        abo = RuleResult("abo", False, abo.reason)
    results = (
        abo,
        RuleResult("grwr", grwr >= GRWR_MIN_PERCENT, f"GRWR {grwr:.2f} % (minimum {GRWR_MIN_PERCENT} %)"),
        RuleResult(
            "donor_remnant",
            remnant_percent >= minimum,
            f"donor remnant {remnant_percent:.1f} % of total liver volume (minimum {minimum:.0f} %)",
        ),
    )
    return Assessment(results)
