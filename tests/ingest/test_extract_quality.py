"""Quality floor on the seed articles and on our own annotated corpus, scored by the shared scorer.

Thresholds sit a little below the measured scores (docs/ingest.md) so that regressions fail.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from medcorridor.ingest.extract import extract_many

HERE = Path(__file__).parent
SEEDS = Path("/work/shared/seeds")
SCORER = Path("/work/shared/tools/score_events.py")
ARTICLE_SUFFIXES = (".txt", ".html")

FLOORS = {
    "countries": 0.95,
    "areas": 0.90,
    "officials.name": 0.93,
    "officials.full": 0.80,
    "organisations": 0.78,
    "agreements": 0.85,
    "figures": 0.93,
}
DATE_FLOOR = 0.90


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_directory(directory: Path) -> dict:
    scorer = load_scorer()
    result = extract_many(sorted(p for p in directory.iterdir() if p.suffix in ARTICLE_SUFFIXES))
    assert not result.errors
    predicted = {e.file: e.to_score_dict() for e in result.events}
    gold = {
        json.loads(line)["file"]: json.loads(line)
        for line in (directory / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    return scorer.score(gold, predicted)


def assert_above_floors(directory: Path, floors: dict, date_floor: float, articles: int | None = None) -> None:
    """Score ``directory`` with the shared scorer; every field at or above its floor."""
    if not SCORER.exists() or not directory.exists():
        pytest.skip("shared scorer or article set not available")
    scores = score_directory(directory)
    low = {field: round(scores[field]["f1"], 3) for field, floor in floors.items() if scores[field]["f1"] < floor}
    assert not low, f"below floor: {low}"
    assert scores["date"]["accuracy"] >= date_floor
    if articles is not None:
        assert scores["articles"] == articles and not scores["missing"]


@pytest.mark.parametrize("directory", [SEEDS, HERE / "corpus"], ids=["seeds", "own-corpus"])
def test_scores_stay_above_floor(directory: Path) -> None:
    assert_above_floors(directory, FLOORS, DATE_FLOOR)
