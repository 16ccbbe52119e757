"""Quality floors on round 6: 30 more real press articles (tests/ingest/real6/README.md).

A test set only: scored before the round's tuning and after it, its errors not read while the
rules were tuned. The texts are third-party pages kept outside the repository; point
``MEDCORRIDOR_REAL6_TEXTS`` at the directory that holds them as ``NNN.txt`` to run this test.
The floors sit a little below the final scores in docs/ingest.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .real_rounds import Split, assert_above_floors, gold_rows, predictions

GOLD = Path(__file__).parent / "real6" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL6_TEXTS"
ALL = Split(None, (0.95, 0.84, 0.91, 0.78, 0.70, 0.83, 0.77), 0.85, 30)


@pytest.fixture(scope="module")
def predicted() -> dict[str, dict]:
    return predictions(TEXTS_VARIABLE)


def test_every_annotated_article_has_its_text(predicted: dict[str, dict]) -> None:
    assert set(gold_rows(GOLD)) <= set(predicted)


def test_real_articles_score_above_floor(predicted: dict[str, dict]) -> None:
    assert_above_floors(GOLD, ALL, predicted, "round 6")
