"""Compatibility screens: each rule's result with the source it comes from.

Adapter over the clinical rules. ``transplant.compatibility`` (pure, written beside this service) is the
reference implementation; until its public API is settled this module evaluates the same published
rules on plain values, so that the screens, the pool arcs and the tests have one place to call.
Pure Python: no Django, no ORM (callers pass plain values).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

PASS, FAIL, CONDITIONAL, UNKNOWN = "pass", "fail", "conditional", "unknown"

SOURCES = {
    "abo": "ABO compatibility for solid organs (donor antigens must be absent from the recipient's "
    "anti-A/anti-B repertoire); BSHI/BTS Guidelines for antibody incompatible transplantation, 2016",
    "a2": "OPTN Policy 8 (kidney allocation): A2/A2B donor kidneys to B (and O) recipients with low anti-A "
    "IgG titre; Bryan et al., Am J Transplant 2007",
    "hla": "HLA-A, -B, -DR mismatch level (0-0-0 to 2-2-2), as in the NHSBT kidney offering scheme "
    "(POL186) and Eurotransplant",
    "virtual": "Virtual crossmatch: donor HLA against the recipient's listed unacceptable antigens "
    "(BSHI/BTS Guidelines for the detection and characterisation of clinically relevant antibodies, 2014)",
    "physical": "Physical (CDC / flow cytometry) crossmatch recorded by the HLA laboratory",
    "grwr": "Graft-to-recipient weight ratio >= 0.8 % (Kiuchi et al., Transplantation 1999;67:321)",
    "remnant": "Donor remnant liver volume >= 30 % of the total (Fan et al., Arch Surg 2000;135:336)",
}

MIN_GRWR_PERCENT = 0.8
MIN_REMNANT_PERCENT = 30.0
LIVER_DENSITY_G_PER_ML = 1.0  # graft weight from CT volume; many centres use 0.85-1.0


@dataclass(frozen=True)
class RuleResult:
    rule: str
    outcome: str  # pass | fail | conditional | unknown
    detail: str
    source: str

    def as_dict(self) -> dict:
        return asdict(self)


def abo_antigens(group: str) -> set[str]:
    group = (group or "").upper()
    return {"O": set(), "A": {"A"}, "A1": {"A"}, "A2": {"A"}, "B": {"B"}}.get(group, {"A", "B"} if group else set())


def abo(donor_group: str, recipient_group: str, *, organ: str = "kidney") -> RuleResult:
    donor, recipient = abo_antigens(donor_group), abo_antigens(recipient_group)
    if not donor_group or not recipient_group:
        return RuleResult("ABO", UNKNOWN, "blood group missing", SOURCES["abo"])
    if donor <= recipient:
        return RuleResult("ABO", PASS, f"{donor_group} → {recipient_group}", SOURCES["abo"])
    a2_donor = donor_group.upper() in ("A2", "A2B")
    if organ == "kidney" and a2_donor and (donor - recipient) == {"A"}:
        return RuleResult(
            "ABO (A2)",
            CONDITIONAL,
            f"{donor_group} → {recipient_group}: only with a low anti-A titre",
            SOURCES["a2"],
        )
    return RuleResult("ABO", FAIL, f"{donor_group} → {recipient_group}: incompatible", SOURCES["abo"])


def hla_mismatches(donor_hla: dict[str, list[str]], recipient_hla: dict[str, list[str]]) -> dict[str, int | None]:
    """Mismatched donor antigens per locus (A, B, DR), 0-2; None where either typing is missing."""
    result: dict[str, int | None] = {}
    for locus in ("A", "B", "DR"):
        donor, recipient = donor_hla.get(locus) or [], recipient_hla.get(locus) or []
        result[locus] = None if not donor or not recipient else min(2, len(set(donor) - set(recipient)))
    return result


def hla(donor_hla, recipient_hla) -> RuleResult:
    mm = hla_mismatches(donor_hla, recipient_hla)
    if any(v is None for v in mm.values()):
        return RuleResult("HLA-A/B/DR", UNKNOWN, "typing incomplete", SOURCES["hla"])
    level = "-".join(str(mm[k]) for k in ("A", "B", "DR"))
    return RuleResult("HLA-A/B/DR", PASS, f"mismatch {level}", SOURCES["hla"])


def virtual_crossmatch(donor_hla: dict[str, list[str]], unacceptable: list[str]) -> RuleResult:
    typed = {a for values in donor_hla.values() for a in values}
    hits = sorted(typed & {a.upper() for a in unacceptable})
    if hits:
        return RuleResult("Virtual crossmatch", FAIL, "positive: " + " ".join(hits), SOURCES["virtual"])
    if not typed:
        return RuleResult("Virtual crossmatch", UNKNOWN, "donor not typed", SOURCES["virtual"])
    return RuleResult("Virtual crossmatch", PASS, "negative", SOURCES["virtual"])


def physical_crossmatch(result: str) -> RuleResult:
    outcome = {"negative": PASS, "positive": FAIL}.get(result, UNKNOWN)
    return RuleResult("Physical crossmatch", outcome, result or "pending", SOURCES["physical"])


def grwr(graft_volume_ml: float | None, recipient_weight_kg: float | None) -> RuleResult:
    if not graft_volume_ml or not recipient_weight_kg:
        return RuleResult("GRWR", UNKNOWN, "graft volume or recipient weight missing", SOURCES["grwr"])
    ratio = float(graft_volume_ml) * LIVER_DENSITY_G_PER_ML / (float(recipient_weight_kg) * 1000) * 100
    outcome = PASS if ratio >= MIN_GRWR_PERCENT else FAIL
    return RuleResult("GRWR", outcome, f"{ratio:.2f} % (≥ {MIN_GRWR_PERCENT} %)", SOURCES["grwr"])


def remnant_liver(liver_volume_ml: float | None, graft_volume_ml: float | None) -> RuleResult:
    if not liver_volume_ml or not graft_volume_ml:
        return RuleResult("Remnant liver volume", UNKNOWN, "volumetry missing", SOURCES["remnant"])
    remnant = (float(liver_volume_ml) - float(graft_volume_ml)) / float(liver_volume_ml) * 100
    outcome = PASS if remnant >= MIN_REMNANT_PERCENT else FAIL
    return RuleResult(
        "Remnant liver volume",
        outcome,
        f"{remnant:.1f} % (≥ {MIN_REMNANT_PERCENT:.0f} %)",
        SOURCES["remnant"],
    )


def screen(*, organ: str, donor: dict, recipient: dict, crossmatch: str = "pending") -> list[RuleResult]:
    """Every rule for a donor and a recipient given as plain dicts (see ``services.screen_dicts``)."""
    results = [
        abo(donor["blood_group"], recipient["blood_group"], organ=organ),
        hla(donor["hla"], recipient["hla"]),
        virtual_crossmatch(donor["hla"], recipient.get("unacceptable", [])),
        physical_crossmatch(crossmatch),
    ]
    if organ == "liver":
        results += [
            grwr(donor.get("graft_volume_ml"), recipient.get("weight_kg")),
            remnant_liver(donor.get("liver_volume_ml"), donor.get("graft_volume_ml")),
        ]
    return results


def overall(results: list[RuleResult]) -> str:
    outcomes = {r.outcome for r in results if r.rule != "HLA-A/B/DR"}
    if FAIL in outcomes:
        return FAIL
    if CONDITIONAL in outcomes:
        return CONDITIONAL
    return PASS if outcomes <= {PASS} else UNKNOWN


def arc_allowed(*, donor: dict, recipient: dict) -> tuple[bool, float]:
    """May this donor give a kidney to this recipient in the pool, and with which weight?

    ABO must pass outright (A2-incompatible arcs need a titre: left to the coordinators), the
    virtual crossmatch must be negative; the weight rewards HLA match: ``1 + (6 - mismatches) / 6``.
    """
    if abo(donor["blood_group"], recipient["blood_group"]).outcome != PASS:
        return False, 0.0
    if virtual_crossmatch(donor["hla"], recipient.get("unacceptable", [])).outcome == FAIL:
        return False, 0.0
    mm = hla_mismatches(donor["hla"], recipient["hla"])
    total = sum(v if v is not None else 2 for v in mm.values())
    return True, round(1 + (6 - total) / 6, 4)
