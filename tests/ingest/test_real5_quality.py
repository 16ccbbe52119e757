"""Quality floors on round 5: 30 real press articles (tests/ingest/real5/README.md).

The texts are third-party pages and are not in the repository; point ``MEDCORRIDOR_REAL5_TEXTS``
at the directory that holds them as ``NNN.txt`` to run this test. Odd ids were round 5's dev half,
even ids its test half; since round 6 both halves are training data. The floors sit a little below
the scores after round 6 in docs/ingest.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .real_rounds import Split, assert_above_floors, gold_rows, predictions

GOLD = Path(__file__).parent / "real5" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL5_TEXTS"
SPLITS = {
    # organisations 0.90 -> 0.86: rules-e lists governments (rounds 7-8's written convention), which
    # this older gold leaves out (docs/ingest.md, "Rules-e")
    "dev": Split(1, (0.98, 0.97, 0.94, 0.90, 0.86, 0.90, 0.90), 0.95, 15),
    "test": Split(0, (0.95, 0.95, 0.97, 0.92, 0.86, 0.90, 0.88), 0.95, 15),
}


@pytest.fixture(scope="module")
def predicted() -> dict[str, dict]:
    return predictions(TEXTS_VARIABLE)


def test_every_annotated_article_has_its_text(predicted: dict[str, dict]) -> None:
    assert set(gold_rows(GOLD)) <= set(predicted)


@pytest.mark.parametrize("split", list(SPLITS))
def test_real_articles_score_above_floor(split: str, predicted: dict[str, dict]) -> None:
    assert_above_floors(GOLD, SPLITS[split], predicted, split)
