"""Licence guard: RuMedTop3 (CC BY-NC 4.0) is evaluation data only, so nothing of it may be shipped.

No file under ``src/`` may carry a dataset ``idx`` or any 72-character stretch of a dataset text
(shorter ones are common clinical phrases: «боли в поясничной области с обеих сторон» is in the
lexicon because doctors write it, and МКБ-10 titles turn up in the texts).
The data is read only if it is present (``RUMEDTOP3_DIR``, or the shared folder beside the repository);
otherwise the test is skipped.
"""

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = [os.environ.get("RUMEDTOP3_DIR", ""), ROOT.parent / "shared/data/rumedtop3", "/work/shared/data/rumedtop3"]
TEXT_SUFFIXES = {".py", ".csv", ".md", ".txt", ".json", ".html", ".po", ".yaml", ".yml", ".toml", ".js", ".css"}
CHUNK = 48  # every copied stretch of 72 characters or more holds a whole chunk starting at a multiple of 24
STEP = 24
IDX = re.compile(r"\bq[0-9a-f]{7}\b")


def dataset_dir() -> Path | None:
    for candidate in CANDIDATES:
        if candidate and Path(candidate, "RuMedTop3_dev_v1.jsonl").exists():
            return Path(candidate)
    return None


def dataset_rows(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("RuMedTop3_*_v1.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def shipped_texts():
    for path in sorted((ROOT / "src").rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_text(encoding="utf-8", errors="ignore").lower()


@pytest.fixture(scope="module")
def rows():
    folder = dataset_dir()
    if folder is None:
        pytest.skip("RuMedTop3 is not available here")
    return dataset_rows(folder)


def test_no_dataset_idx_is_shipped(rows):
    ids = {row["idx"] for row in rows}
    found = {(path.name, idx) for path, text in shipped_texts() for idx in IDX.findall(text) if idx in ids}
    assert not found


def dataset_chunks(rows: list[dict]) -> set[str]:
    chunks = set()
    for row in rows:
        text = row["symptoms"].lower()
        chunks.update(text[start : start + CHUNK] for start in range(0, len(text) - CHUNK + 1, STEP))
    return chunks


def copied_stretches(text: str, chunks: set[str]) -> set[str]:
    return {text[i : i + CHUNK] for i in range(len(text) - CHUNK + 1)} & chunks


def test_no_dataset_text_is_shipped(rows):
    chunks = dataset_chunks(rows)
    copied = [
        (path.relative_to(ROOT).as_posix(), hit)
        for path, text in shipped_texts()
        for hit in sorted(copied_stretches(text, chunks))[:3]
    ]
    assert not copied


def test_the_guard_sees_a_planted_copy(rows):
    longest = max(rows, key=lambda row: len(row["symptoms"]))["symptoms"]
    planted = "phrase,codes\n" + longest[5:85] + ",M54:1\n"
    assert copied_stretches(planted.lower(), dataset_chunks(rows))
