"""Quality floors on round 6: 30 more real press articles (tests/ingest/real6/README.md).

Scored as a test set before and after round 6's tuning; its errors were then read and fixed as
error classes (docs/ingest.md, "After round 6: error classes"), so it is training data now. The
texts are third-party pages kept outside the repository; point ``MEDCORRIDOR_REAL6_TEXTS`` at the
directory that holds them as ``NNN.txt`` to run this test.
The floors sit a little below the latest (training) scores in docs/ingest.md.
"""

from __future__ import annotations

from pathlib import Path

from .real_rounds import Split, whole_round_tests

GOLD = Path(__file__).parent / "real6" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL6_TEXTS"
ALL = Split(None, (0.98, 0.93, 0.98, 0.97, 0.85, 0.97, 0.97), 0.97, 30)

predicted, test_every_annotated_article_has_its_text, test_real_articles_score_above_floor = whole_round_tests(
    GOLD, TEXTS_VARIABLE, ALL, "round 6"
)
