"""Quality on round 7: 30 more real press articles, never seen by the extractor (tests/ingest/real7/README.md).

The gold was written and committed before any extractor run on these texts. The floors are all
0.0 for now: the lead sets them after the first scored run with the merged extractor, so that
this test records the first run instead of being tuned towards it. The texts are third-party
pages kept outside the repository; point ``MEDCORRIDOR_REAL7_TEXTS`` at the directory that holds
them as ``NNN.txt`` to run this test.
"""

from __future__ import annotations

from pathlib import Path

from .real_rounds import Split, whole_round_tests

GOLD = Path(__file__).parent / "real7" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL7_TEXTS"
ALL = Split(None, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), 0.0, 30)

predicted, test_every_annotated_article_has_its_text, test_real_articles_score_above_floor = whole_round_tests(
    GOLD, TEXTS_VARIABLE, ALL, "round 7"
)
