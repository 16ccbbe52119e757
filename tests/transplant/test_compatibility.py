"""Worked examples for the compatibility rules (the one home of the rules: ``transplant.compatibility``)."""

import pytest

from medcorridor.transplant.compatibility import (
    CrossmatchResult,
    HlaTyping,
    KidneyDonor,
    KidneyRecipient,
    Outcome,
    abo_compatible,
    arc_weight,
    assess_kidney,
    assess_liver,
    donor_remnant_percent,
    donor_remnant_rule,
    graft_to_recipient_weight_ratio,
    graft_weight_grams,
    grwr_rule,
    hla_mismatch,
    hla_rule,
    kidney_arc_allowed,
    physical_crossmatch,
    screen,
    virtual_crossmatch,
)
from medcorridor.transplant.models import antigens


@pytest.mark.parametrize(
    ("donor", "recipient", "ok"),
    [
        ("O", "A", True),
        ("O", "AB", True),
        ("A", "O", False),
        ("B", "A", False),
        ("AB", "AB", True),
        ("A1", "AB", True),
    ],
)
def test_abo_table(donor: str, recipient: str, ok: bool) -> None:
    assert abo_compatible(donor, recipient).passed is ok


def test_a2_donor_to_o_recipient_needs_a_low_anti_a_titre() -> None:
    assert abo_compatible("A2", "O", anti_a_titre=4).passed
    assert not abo_compatible("A2", "O", anti_a_titre=8).passed
    unknown = abo_compatible("A2B", "B")
    assert not unknown.passed and unknown.needs_review
    assert not abo_compatible("A1", "O", anti_a_titre=2).passed  # only the A2 subgroup


def test_hla_mismatch_worked_example() -> None:
    donor = HlaTyping(A=("A1", "A2"), B=("B8", "B44"), DR=("DR3", "DR3"))
    recipient = HlaTyping(A=("A1", "A3"), B=("B7", "B35"), DR=("DR3", "DR4"))
    mismatch = hla_mismatch(donor, recipient)
    assert (mismatch.A, mismatch.B, mismatch.DR, mismatch.total, mismatch.code) == (1, 2, 0, 3, "120")


def test_virtual_crossmatch_positive_on_unacceptable_antigen() -> None:
    donor = HlaTyping(A=("A1", "A2"), B=("B8", "B44"), DR=("DR3", "DR4"))
    result = virtual_crossmatch(donor, {"b44", "DR7"})
    assert not result.passed and "B44" in result.reason
    assert virtual_crossmatch(donor, {"A3"}).passed


def test_kidney_assessment_collects_reasons() -> None:
    donor = KidneyDonor("A", HlaTyping(A=("A1",), B=("B8",), DR=("DR3",)))
    recipient = KidneyRecipient("O", unacceptable_antigens=frozenset({"A1"}))
    assessment = assess_kidney(donor, recipient, CrossmatchResult.POSITIVE_T_CELL)
    assert not assessment.compatible
    assert len(assessment.reasons) == 3
    allowed, _ = kidney_arc_allowed(KidneyDonor("O"), KidneyRecipient("B"))
    assert allowed


def test_b_cell_only_crossmatch_is_flagged_not_refused() -> None:
    assessment = assess_kidney(KidneyDonor("O"), KidneyRecipient("O"), CrossmatchResult.POSITIVE_B_CELL_ONLY)
    assert assessment.compatible and assessment.needs_review


def test_liver_grwr_and_remnant() -> None:
    # 560 g right lobe for a 70 kg recipient: GRWR 0.8 % exactly - accepted.
    assert graft_to_recipient_weight_ratio(560, 70) == pytest.approx(0.8)
    assert assess_liver("O", "A", 560, 70, remnant_percent=35).compatible
    small = assess_liver("O", "A", 500, 70, remnant_percent=35)
    assert not small.compatible and "GRWR" in small.reasons[0]
    assert not assess_liver("O", "A", 700, 70, remnant_percent=28).compatible
    assert not assess_liver("O", "A", 700, 70, remnant_percent=32, donor_steatosis=True).compatible


# -- screen outcomes (pass / fail / conditional / unknown), merged from the former screening tests --


@pytest.mark.parametrize(
    ("donor", "recipient", "outcome"),
    [
        ("O", "A", Outcome.PASS),
        ("O", "AB", Outcome.PASS),
        ("A", "A", Outcome.PASS),
        ("A1", "AB", Outcome.PASS),
        ("B", "AB", Outcome.PASS),
        ("A", "O", Outcome.FAIL),
        ("B", "A", Outcome.FAIL),
        ("AB", "B", Outcome.FAIL),
        ("A1", "B", Outcome.FAIL),
        ("A2", "B", Outcome.CONDITIONAL),
        ("A2", "O", Outcome.CONDITIONAL),
        ("A2B", "B", Outcome.CONDITIONAL),
        ("A2B", "O", Outcome.FAIL),
        ("", "A", Outcome.UNKNOWN),
        ("O", None, Outcome.UNKNOWN),
    ],
)
def test_abo_kidney_outcome(donor, recipient, outcome) -> None:
    assert abo_compatible(donor, recipient, organ="kidney").outcome == outcome


def test_a2_exception_is_for_kidneys_only() -> None:
    assert abo_compatible("A2", "O", organ="liver").outcome == Outcome.FAIL
    assert abo_compatible("A2", "O", anti_a_titre=2, organ="liver").outcome == Outcome.FAIL
    assert abo_compatible("A2", "O", anti_a_titre=2).outcome == Outcome.PASS
    assert abo_compatible("A2", "O").label == "ABO (A2)" and "OPTN" in abo_compatible("A2", "O").source
    assert not assess_liver("A2", "O", 640, 57, remnant_percent=61).compatible


def test_hla_mismatch_level() -> None:
    donor = HlaTyping.from_mapping({"A": ["A1", "A2"], "B": ["B8", "B44"], "DR": ["DR3", "DR4"]})
    recipient = HlaTyping.from_mapping({"A": ["A2", "A24"], "B": ["B7", "B35"], "DR": ["DR4", "DR15"]})
    mismatch = hla_mismatch(donor, recipient)
    assert (mismatch.A, mismatch.B, mismatch.DR, mismatch.complete) == (1, 2, 1, True)
    assert hla_rule(mismatch).reason == "mismatch 1-2-1" and hla_rule(mismatch).outcome == Outcome.PASS
    assert hla_mismatch(donor, donor).total == 0


def test_incomplete_hla_typing_counts_as_worst_case() -> None:
    donor = HlaTyping(A=("A1", "A2"), B=("B8",))  # DR not typed
    recipient = HlaTyping(A=("A1", "A2"), B=("B8",), DR=("DR3",))
    mismatch = hla_mismatch(donor, recipient)
    assert (mismatch.A, mismatch.B, mismatch.DR, mismatch.untyped) == (0, 0, 2, ("DR",))
    rule = hla_rule(mismatch)
    assert rule.passed and rule.outcome == Outcome.UNKNOWN and "incomplete" in rule.reason


def test_virtual_crossmatch_covers_every_typed_locus() -> None:
    donor = HlaTyping.from_mapping({"A": ["A1", "A2"], "B": ["B8"], "DR": ["DR3"], "DQ": ["DQ2"]})
    assert virtual_crossmatch(donor, ["B8", "DR4"]).outcome == Outcome.FAIL
    assert "B8" in virtual_crossmatch(donor, ["b8"]).reason
    assert virtual_crossmatch(donor, ["DQ2"]).outcome == Outcome.FAIL  # beyond A/B/DR
    assert virtual_crossmatch(donor, ["A3"]).outcome == Outcome.PASS
    untyped = virtual_crossmatch(HlaTyping(), ["A3"])
    assert untyped.passed and untyped.outcome == Outcome.UNKNOWN


def test_physical_crossmatch_values() -> None:
    assert physical_crossmatch("negative").outcome == Outcome.PASS
    assert physical_crossmatch("positive").outcome == Outcome.FAIL
    assert physical_crossmatch("pending").outcome == Outcome.UNKNOWN
    assert physical_crossmatch(CrossmatchResult.POSITIVE_B_CELL_ONLY).outcome == Outcome.CONDITIONAL
    with pytest.raises(ValueError):
        physical_crossmatch("maybe")


def test_liver_rules_from_volumetry() -> None:
    # 640 ml graft for a 57 kg recipient: 1.12 % >= 0.8 %; 560 ml for 78 kg: 0.72 % fails.
    assert grwr_rule(graft_weight_grams(640), 57).outcome == Outcome.PASS
    assert grwr_rule(graft_weight_grams(560), 78).outcome == Outcome.FAIL
    # Remnant (1650 - 640) / 1650 = 61 %; (1400 - 1050) / 1400 = 25 % fails.
    assert donor_remnant_percent(1650, 640) == pytest.approx(61.2, abs=0.1)
    assert donor_remnant_rule(donor_remnant_percent(1650, 640)).outcome == Outcome.PASS
    assert donor_remnant_rule(donor_remnant_percent(1400, 1050)).outcome == Outcome.FAIL
    assert grwr_rule(graft_weight_grams(None), 60).outcome == Outcome.UNKNOWN
    assert donor_remnant_rule(donor_remnant_percent(None, 640)).outcome == Outcome.UNKNOWN
    missing = assess_liver("O", "A", None, 60, remnant_percent=None)
    assert not missing.compatible and missing.outcome == Outcome.UNKNOWN


def test_screen_has_sources_and_overall() -> None:
    typing = HlaTyping(A=("A1",), B=("B8",), DR=("DR3",))
    donor, recipient = KidneyDonor("O", typing), KidneyRecipient("A", typing)
    liver = screen("liver", donor, recipient, "negative", graft_volume_ml=600, liver_volume_ml=1500, recipient_kg=60)
    assert [r.label for r in liver.results] == [
        "ABO",
        "HLA-A/B/DR",
        "Virtual crossmatch",
        "Physical crossmatch",
        "GRWR",
        "Remnant liver volume",
    ]
    assert all(r.source for r in liver.results) and "Kiuchi" in liver.results[4].source
    assert liver.outcome == Outcome.PASS
    assert liver.results[0].reason == "ABO O -> A compatible"
    assert liver.results[4].template % liver.results[4].params == liver.results[4].reason
    kidney = screen("kidney", donor, recipient, "positive")
    assert kidney.outcome == Outcome.FAIL and len(kidney.results) == 4
    assert screen("kidney", donor, recipient).outcome == Outcome.UNKNOWN  # crossmatch pending
    a2 = screen("kidney", KidneyDonor("A2", typing), KidneyRecipient("O", typing), "negative")
    assert a2.outcome == Outcome.CONDITIONAL


def test_pool_arc_weight_rewards_hla_match() -> None:
    same = HlaTyping(A=("A1", "A2"), B=("B8", "B7"), DR=("DR3", "DR4"))
    allowed, mismatch = kidney_arc_allowed(KidneyDonor("O", same), KidneyRecipient("A", same))
    assert (allowed, arc_weight(mismatch)) == (True, 2.0)
    assert kidney_arc_allowed(KidneyDonor("A", same), KidneyRecipient("O", same))[0] is False
    # untyped donor: allowed (no known unacceptable antigen), weighted as 2-2-2
    allowed, mismatch = kidney_arc_allowed(KidneyDonor("O"), KidneyRecipient("A", same, frozenset({"A1"})))
    assert (allowed, arc_weight(mismatch)) == (True, 1.0)
    assert kidney_arc_allowed(KidneyDonor("A2"), KidneyRecipient("O"))[0] is False  # titre unknown
    assert kidney_arc_allowed(KidneyDonor(""), KidneyRecipient("AB"))[0] is False  # blood group missing


def test_antigen_parsing() -> None:
    assert antigens("a2, A24;  b7") == ["A2", "A24", "B7"]
