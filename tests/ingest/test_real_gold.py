"""The hand gold of every real-article round, checked without the (third-party) texts: one row per
source, areas in the registry's vocabulary, figures with numeric values."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from medcorridor.cooperation.enums import Area

from .real_rounds import gold_rows

ROUNDS = sorted(
    (path for path in Path(__file__).parent.glob("real[0-9]*") if (path / "gold.jsonl").exists()),
    key=lambda path: int(path.name.removeprefix("real")),  # real10 after real9
)


def test_every_round_is_found() -> None:
    assert [path.name for path in ROUNDS] == ["real5", "real6", "real7", "real8", "real9", "real10", "real11"]


@pytest.mark.parametrize("round_dir", ROUNDS, ids=lambda path: path.name)
def test_gold_matches_sources_and_vocabulary(round_dir: Path) -> None:
    with (round_dir / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = {f"{row['id']}.txt" for row in csv.DictReader(handle)}
    rows = gold_rows(round_dir / "gold.jsonl")
    assert set(rows) == sources
    assert {area for row in rows.values() for area in row["areas"]} <= set(Area.values)
    assert all(isinstance(figure["value"], int | float) for row in rows.values() for figure in row["figures"])
