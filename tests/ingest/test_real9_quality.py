"""Quality on round 9: 30 further real press articles, unseen (tests/ingest/real9/README.md).

A test set: its gold was written and committed before the extractor ever ran on these texts. The
texts are third-party pages kept outside the repository; point ``MEDCORRIDOR_REAL9_TEXTS`` at the
directory that holds them as ``NNN.txt`` to run this test (it is skipped otherwise).
The floors are all 0.0 until the first scoring: the lead sets them after that first run, from its
scores, so that this test guards against regressions without having shaped the rules.
"""

from __future__ import annotations

from pathlib import Path

from .real_rounds import FIELDS, Split, whole_round_tests

GOLD = Path(__file__).parent / "real9" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL9_TEXTS"
ALL = Split(None, (0.0,) * len(FIELDS), 0.0, 30)

predicted, test_every_annotated_article_has_its_text, test_real_articles_score_above_floor = whole_round_tests(
    GOLD, TEXTS_VARIABLE, ALL, "round 9"
)
