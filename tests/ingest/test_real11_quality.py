"""Quality on round 11: a sixth set of real press articles, unseen (tests/ingest/real11/README.md).

A test set: its gold was written and committed before the extractor ever ran on these texts. The
texts are third-party pages kept outside the repository; point ``MEDCORRIDOR_REAL11_TEXTS`` at the
directory that holds them as ``NNN.txt`` to run this test (it is skipped otherwise).
The floors are 0.0 until the lead's first run scores the round as unseen data.
"""

from __future__ import annotations

from pathlib import Path

from .real_rounds import Split, whole_round_tests

GOLD = Path(__file__).parent / "real11" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL11_TEXTS"
ALL = Split(None, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), 0.0, 30)

predicted, test_every_annotated_article_has_its_text, test_real_articles_score_above_floor = whole_round_tests(
    GOLD, TEXTS_VARIABLE, ALL, "round 11"
)
