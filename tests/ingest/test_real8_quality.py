"""Quality on round 8: 30 further real press articles, unseen (tests/ingest/real8/README.md).

A test set: its gold was written and committed before the extractor ever ran on these texts. The
texts are third-party pages kept outside the repository; point ``MEDCORRIDOR_REAL8_TEXTS`` at the
directory that holds them as ``NNN.txt`` to run this test (it is skipped otherwise).
The floors are all 0.0 until the first scoring: the lead sets them after that first run, from its
scores, so that this test guards against regressions without having shaped the rules.
"""

from __future__ import annotations

import csv
from pathlib import Path

from medcorridor.cooperation.enums import Area

from .real_rounds import FIELDS, Split, assert_above_floors, gold_rows, predictions

GOLD = Path(__file__).parent / "real8" / "gold.jsonl"
SOURCES = Path(__file__).parent / "real8" / "sources.csv"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL8_TEXTS"
ALL = Split(None, (0.0,) * len(FIELDS), 0.0, 30)


def test_real_articles_score_above_floor() -> None:
    # assert_above_floors also fails when a gold article has no text (the scorer's "missing").
    assert_above_floors(GOLD, ALL, predictions(TEXTS_VARIABLE), "round 8")


def test_gold_matches_sources_and_vocabulary() -> None:
    """Runs without the texts: every source has one gold row, in the registry's area vocabulary."""
    with SOURCES.open(encoding="utf-8", newline="") as handle:
        sources = {f"{row['id']}.txt" for row in csv.DictReader(handle)}
    rows = gold_rows(GOLD)
    assert set(rows) == sources and len(rows) == ALL.articles
    assert {area for row in rows.values() for area in row["areas"]} <= set(Area.values)
    assert all(isinstance(figure["value"], int | float) for row in rows.values() for figure in row["figures"])
