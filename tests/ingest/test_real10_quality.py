"""Quality on round 10: further real press articles, unseen (tests/ingest/real10/README.md).

A test set: its gold was written and committed before the extractor ever ran on these texts. The
texts are third-party pages kept outside the repository; point ``MEDCORRIDOR_REAL10_TEXTS`` at the
directory that holds them as ``NNN.txt`` to run this test (it is skipped otherwise).
Scored once as unseen data with the session's final extractor (docs/ingest.md, "Round 10"); the
floors sit 0.02 under that first run.
"""

from __future__ import annotations

from pathlib import Path

from .real_rounds import Split, whole_round_tests

GOLD = Path(__file__).parent / "real10" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL10_TEXTS"
ALL = Split(None, (0.95, 0.80, 0.89, 0.78, 0.68, 0.86, 0.98), 0.98, 10)

predicted, test_every_annotated_article_has_its_text, test_real_articles_score_above_floor = whole_round_tests(
    GOLD, TEXTS_VARIABLE, ALL, "round 10"
)
