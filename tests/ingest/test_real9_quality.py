"""Quality on round 9: 30 further real press articles, unseen (tests/ingest/real9/README.md).

A test set: its gold was written and committed before the extractor ever ran on these texts. The
texts are third-party pages kept outside the repository; point ``MEDCORRIDOR_REAL9_TEXTS`` at the
directory that holds them as ``NNN.txt`` to run this test (it is skipped otherwise).
It was scored as unseen data twice (docs/ingest.md, "Round 9 scored"): with the session-start
extractor and with the rules the session's engineers wrote without seeing it. The floors sit 0.02
under the second run: a regression guard that shaped no rule.
"""

from __future__ import annotations

from pathlib import Path

from .real_rounds import Split, whole_round_tests

GOLD = Path(__file__).parent / "real9" / "gold.jsonl"
TEXTS_VARIABLE = "MEDCORRIDOR_REAL9_TEXTS"
ALL = Split(None, (0.98, 0.90, 0.97, 0.91, 0.82, 0.78, 0.88), 0.94, 30)

predicted, test_every_annotated_article_has_its_text, test_real_articles_score_above_floor = whole_round_tests(
    GOLD, TEXTS_VARIABLE, ALL, "round 9"
)
