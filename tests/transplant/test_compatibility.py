"""Worked examples for the compatibility rules."""

import pytest

from medcorridor.transplant.compatibility import (
    CrossmatchResult,
    HlaTyping,
    KidneyDonor,
    KidneyRecipient,
    abo_compatible,
    assess_kidney,
    assess_liver,
    graft_to_recipient_weight_ratio,
    hla_mismatch,
    kidney_arc_allowed,
    virtual_crossmatch,
)


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
