"""Scoring of the real-article rounds (rounds 5 to 9): third-party pages kept outside the repo.

Each round names the environment variable that points at its ``NNN.txt`` texts; without it the
round's quality test is skipped. A split is a subset of the gold (by id parity or all of it) with
floors per scored field and for the date.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from medcorridor.ingest.extract import extract_many

from .test_extract_quality import SCORER, load_scorer

FIELDS = ("countries", "areas", "officials.name", "officials.full", "organisations", "agreements", "figures")


@dataclass(frozen=True)
class Split:
    parity: int | None  # id parity of the split's articles; None: every article
    floors: tuple[float, ...]  # in the order of FIELDS
    date_floor: float
    articles: int


def texts_directory(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"{variable} is not set: the round's texts are third-party pages kept outside the repo")
    directory = Path(value)
    if not directory.is_dir():
        pytest.skip(f"{variable}={value} is not a directory")
    if not SCORER.exists():
        pytest.skip("shared scorer not available")
    return directory


def predictions(variable: str) -> dict[str, dict]:
    result = extract_many(sorted(texts_directory(variable).glob("*.txt")))
    assert not result.errors
    return {event.file: event.to_score_dict() for event in result.events}


def gold_rows(gold: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["file"]: row for row in rows}


def assert_above_floors(gold: Path, split: Split, predicted: dict[str, dict], name: str) -> None:
    rows = {f: row for f, row in gold_rows(gold).items() if split.parity is None or int(f[:3]) % 2 == split.parity}
    scores = load_scorer().score(rows, predicted)
    low = {
        f: round(scores[f]["f1"], 3) for f, floor in zip(FIELDS, split.floors, strict=True) if scores[f]["f1"] < floor
    }
    assert not low, f"{name}: below floor: {low}"
    assert scores["date"]["accuracy"] >= split.date_floor
    assert scores["articles"] == split.articles and not scores["missing"]


def whole_round_tests(gold: Path, variable: str, split: Split, name: str) -> tuple[Callable, Callable, Callable]:
    """The fixture and the two tests of a round scored as one split, for a test module to bind.

    Rounds 6 to 9 differ only in their gold, texts variable and floors; pytest collects the
    returned functions under the names the module gives them.
    """

    @pytest.fixture(scope="module")
    def predicted() -> dict[str, dict]:
        return predictions(variable)

    def every_annotated_article_has_its_text(predicted: dict[str, dict]) -> None:
        assert set(gold_rows(gold)) <= set(predicted)

    def real_articles_score_above_floor(predicted: dict[str, dict]) -> None:
        assert_above_floors(gold, split, predicted, name)

    return predicted, every_annotated_article_has_its_text, real_articles_score_above_floor
