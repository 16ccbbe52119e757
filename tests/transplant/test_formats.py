"""PrefLib layouts and altruist markings read by ``optimizer.formats`` (pure; no database)."""

import pytest

from medcorridor.transplant.optimizer.formats import parse_preflib, read_pool
from tests.transplant.test_cli import DAT, WMD_2022, WMD_OLD


def kinds(pool) -> dict[str, str]:
    return {node.id: node.kind.value for node in pool.nodes}


def test_2022_layout_altruist_by_name() -> None:
    pool = parse_preflib(WMD_2022)
    assert kinds(pool) == {"1": "pair", "2": "pair", "3": "pair", "4": "altruist"}
    assert sorted(pool.arcs) == [("1", "2"), ("2", "3"), ("3", "1"), ("4", "1"), ("4", "2")]


def test_older_layout_is_zero_based_and_altruist_from_dat() -> None:
    pool = parse_preflib(WMD_OLD, DAT)
    assert kinds(pool)["4"] == "altruist" and pool.summary() == {"pairs": 3, "altruists": 1, "arcs": 3}
    assert ("4", "3") in pool.arcs and ("3", "4") not in pool.arcs  # arcs into the altruist dropped
    assert pool.node("2").recipient_blood_group == "O" and pool.node("2").recipient_cpra == 5.0
    assert pool.node("4").donor_blood_group == "O" and pool.node("4").recipient_blood_group is None


def test_older_layout_altruist_by_name_without_dat() -> None:
    pool = parse_preflib(WMD_OLD.replace("4,Pair 4", "4,Altruist 1"))
    assert kinds(pool)["4"] == "altruist" and pool.summary()["arcs"] == 3


def test_names_and_dat_flags_are_combined() -> None:
    dat = DAT.replace("2,O,A,0,0.05,1,0", "2,O,A,0,0.05,1,1")
    pool = parse_preflib(WMD_2022, dat)
    assert {n.id for n in pool.altruists} == {"2", "4"}
    assert ("1", "2") not in pool.arcs


def test_read_pool_by_suffix(tmp_path) -> None:
    (tmp_path / "p.wmd").write_text(WMD_OLD)
    (tmp_path / "p.dat").write_text(DAT)
    assert read_pool(tmp_path / "p.dat").summary() == read_pool(tmp_path / "p.wmd").summary()
    (tmp_path / "p.txt").write_text("")
    with pytest.raises(ValueError, match="unknown pool file format"):
        read_pool(tmp_path / "p.txt")
    with pytest.raises(ValueError, match="not a PrefLib"):
        parse_preflib("# TITLE: nothing\n")
