"""Compatibility screen rules against worked examples, and model helpers."""

import pytest

from medcorridor.transplant import screening as s
from medcorridor.transplant.models import antigens


@pytest.mark.parametrize(
    ("donor", "recipient", "outcome"),
    [
        ("O", "A", s.PASS),
        ("O", "AB", s.PASS),
        ("A", "A", s.PASS),
        ("A1", "AB", s.PASS),
        ("B", "AB", s.PASS),
        ("A", "O", s.FAIL),
        ("B", "A", s.FAIL),
        ("AB", "B", s.FAIL),
        ("A1", "B", s.FAIL),
        ("A2", "B", s.CONDITIONAL),
        ("A2", "O", s.CONDITIONAL),
        ("A2B", "B", s.CONDITIONAL),
        ("A2B", "O", s.FAIL),
    ],
)
def test_abo_kidney(donor, recipient, outcome):
    assert s.abo(donor, recipient, organ="kidney").outcome == outcome


def test_a2_exception_is_for_kidneys_only():
    assert s.abo("A2", "O", organ="liver").outcome == s.FAIL


def test_hla_mismatch_level():
    donor = {"A": ["A1", "A2"], "B": ["B8", "B44"], "DR": ["DR3", "DR4"]}
    recipient = {"A": ["A2", "A24"], "B": ["B7", "B35"], "DR": ["DR4", "DR15"]}
    assert s.hla_mismatches(donor, recipient) == {"A": 1, "B": 2, "DR": 1}
    assert s.hla(donor, recipient).detail == "mismatch 1-2-1"
    assert s.hla_mismatches(donor, donor) == {"A": 0, "B": 0, "DR": 0}


def test_virtual_crossmatch():
    donor = {"A": ["A1", "A2"], "B": ["B8"], "DR": ["DR3"], "DQ": ["DQ2"]}
    assert s.virtual_crossmatch(donor, ["B8", "DR4"]).outcome == s.FAIL
    assert "B8" in s.virtual_crossmatch(donor, ["b8"]).detail
    assert s.virtual_crossmatch(donor, ["A3"]).outcome == s.PASS


def test_liver_rules():
    # 640 ml graft for a 57 kg recipient: 1.12 % >= 0.8 %; 560 ml for 78 kg: 0.72 % fails.
    assert s.grwr(640, 57).outcome == s.PASS
    assert s.grwr(560, 78).outcome == s.FAIL
    # Remnant (1650 - 640) / 1650 = 61 %; (1400 - 1050) / 1400 = 25 % fails.
    assert s.remnant_liver(1650, 640).outcome == s.PASS
    assert s.remnant_liver(1400, 1050).outcome == s.FAIL
    assert s.grwr(None, 60).outcome == s.UNKNOWN


def test_screen_has_sources_and_overall():
    donor = {
        "blood_group": "O",
        "hla": {"A": ["A1"], "B": ["B8"], "DR": ["DR3"]},
        "graft_volume_ml": 600,
        "liver_volume_ml": 1500,
    }
    recipient = {
        "blood_group": "A",
        "hla": {"A": ["A1"], "B": ["B8"], "DR": ["DR3"]},
        "unacceptable": [],
        "weight_kg": 60,
    }
    results = s.screen(organ="liver", donor=donor, recipient=recipient, crossmatch="negative")
    assert [r.rule for r in results] == [
        "ABO",
        "HLA-A/B/DR",
        "Virtual crossmatch",
        "Physical crossmatch",
        "GRWR",
        "Remnant liver volume",
    ]
    assert all(r.source for r in results)
    assert s.overall(results) == s.PASS
    assert s.overall(s.screen(organ="kidney", donor=donor, recipient=recipient, crossmatch="positive")) == s.FAIL


def test_pool_arc_weight_rewards_hla_match():
    same = {"A": ["A1", "A2"], "B": ["B8", "B7"], "DR": ["DR3", "DR4"]}
    assert s.arc_allowed(donor={"blood_group": "O", "hla": same}, recipient={"blood_group": "A", "hla": same}) == (
        True,
        2.0,
    )
    assert (
        s.arc_allowed(donor={"blood_group": "A", "hla": same}, recipient={"blood_group": "O", "hla": same})[0] is False
    )


def test_antigen_parsing():
    assert antigens("a2, A24;  b7") == ["A2", "A24", "B7"]
