"""The clinical lexicon and the outpatient priors, read from ``core/data``.

``icd_lexicon.csv`` has one row per phrase: ``phrase,codes``. The phrase is written as a doctor would
write it («боль в пояснице», «ОРВИ», «утренняя скованность»); it is lemmatised here, so any inflection
of it matches. A word ending in ``*`` matches every lemma starting with it («гипертони*»), and
``@высокое_ад``, ``@низкое_ад``, ``@лихорадка`` name the signs ``text`` derives from measured values.
``codes`` lists the 3-character categories the phrase points to with a weight each: ``M54:3 M53:1``.
Synonyms sharing the weights go in one row, separated by ``|``. Rows whose phrase starts with ``#`` are
section headings.

``icd_priors.csv`` estimates how many of 1,000 adult outpatient visits end in each category (an
editorial estimate from Russian polyclinic practice, see SOURCE.md); a category not listed gets
``FLOOR_PER_1000``.

``icd10.csv`` gives every category's Russian and English title; the short parts of the category and
subcategory titles («Гастрит и дуоденит», «Шум в ушах») are matched too, with a lower weight, so a
diagnosis written in the text counts for its category even if the lexicon does not list it.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .text import STOPWORDS, lemma_of, normalise

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LEXICON_FILE = DATA_DIR / "icd_lexicon.csv"
PRIORS_FILE = DATA_DIR / "icd_priors.csv"
ICD_FILE = DATA_DIR / "icd10.csv"
FLOOR_PER_1000 = 0.05
TITLE_WEIGHT = 0.7
WHOLE_TITLE_WEIGHT = 3
TITLE_MAX_CATEGORIES = 2
TITLE_MAX_WORDS = 3
# Title words too general to identify a category on their own.
_GENERIC_TITLE_WORDS = """другой неуточненный уточненный болезнь состояние нарушение поражение синдром острый
хронический первичный вторичный прочий некоторый причина вызванный связанный форма тип вид область орган
система часть расстройство инфекция заболевание"""
_GENERIC_TITLE_LEMMAS = frozenset(_GENERIC_TITLE_WORDS.split())
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_TITLE_PARTS = re.compile(r",| и | или ")
_CODE = re.compile(r"^[A-Z]\d\d$")
_WORD = re.compile(r"@[а-яё_]+|[а-яёa-z0-9]+(?:-[а-яё]+)?\*?")


class LexiconError(ValueError):
    """A lexicon or priors row that cannot be read (the message names the row)."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One word of a phrase: a lemma, or a lemma prefix when ``prefix`` is set."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    patterns: tuple[Pattern, ...]
    weights: tuple[tuple[str, float], ...]
    source: str  # the phrase as written, for explanations and error messages
    group: str  # synonyms of one lexicon row share a group; a group counts once per text


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    title_ru: str
    title_en: str


def parse_phrase(written: str, *, skip: frozenset[str] = frozenset(), most: int | None = None) -> tuple[Pattern, ...]:
    """The patterns of a written phrase, leaving out the lemmas in ``skip``. With ``most``, a phrase
    of more patterns comes back empty as soon as that is clear (the rest is not lemmatised)."""
    patterns = []
    for word in _WORD.findall(normalise(written)):
        pattern = _pattern(word)
        if pattern is None or pattern.text in skip:
            continue
        patterns.append(pattern)
        if most is not None and len(patterns) > most:
            return ()
    return tuple(patterns)


def _pattern(word: str) -> Pattern | None:
    if word.startswith("@"):
        return Pattern(word)
    if word.endswith("*"):
        return Pattern(word[:-1], prefix=True)
    lemma = lemma_of(word)
    if lemma in STOPWORDS or lemma.isdigit():  # text.tokenize drops them too
        return None
    return Pattern(lemma)


def parse_weights(written: str, *, row: int) -> tuple[tuple[str, float], ...]:
    weights = []
    for item in written.split():
        code, _, weight = item.partition(":")
        if not _CODE.match(code):
            raise LexiconError(f"row {row}: “{code}” is not a 3-character ICD-10 category")
        if any(code == listed for listed, _ in weights):
            raise LexiconError(f"row {row}: {code} is given twice")
        try:
            weights.append((code, float(weight or 1)))
        except ValueError as error:
            raise LexiconError(f"row {row}: weight “{weight}” of {code} is not a number") from error
    if not weights:
        raise LexiconError(f"row {row}: no category given")
    return tuple(weights)


def load_lexicon(path: Path = LEXICON_FILE) -> list[Phrase]:
    phrases = []
    with path.open(encoding="utf-8") as handle:
        for row, record in enumerate(csv.DictReader(handle), start=2):
            written = (record.get("phrase") or "").strip()
            if not written or written.startswith("#"):
                continue
            weights = parse_weights(record.get("codes") or "", row=row)
            for alternative in written.split("|"):
                patterns = parse_phrase(alternative)
                if not patterns:
                    raise LexiconError(f"row {row}: “{alternative}” has no content word")
                phrases.append(Phrase(patterns, weights, alternative.strip(), f"lexicon:{row}"))
    return phrases


def load_priors(path: Path = PRIORS_FILE) -> dict[str, float]:
    priors = {}
    with path.open(encoding="utf-8") as handle:
        for row, record in enumerate(csv.DictReader(handle), start=2):
            code = record["code"].strip()
            if not _CODE.match(code):
                raise LexiconError(f"row {row}: “{code}” is not a 3-character ICD-10 category")
            priors[code] = float(record["per_1000"])
    return priors


def _icd_rows(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        yield from (row for row in csv.DictReader(handle) if row["current"] == "1")


def load_categories(path: Path = ICD_FILE) -> dict[str, Category]:
    return {
        row["code"]: Category(row["code"], row["title_ru"], row["title_en"])
        for row in _icd_rows(path)
        if row["kind"] == "category"
    }


def title_phrases(path: Path = ICD_FILE) -> list[Phrase]:
    """The short parts of the Russian category and subcategory titles, as phrases for their category.

    «Гастрит и дуоденит» gives «гастрит» and «дуоденит»; bracketed alternatives are dropped and parts
    of more than ``TITLE_MAX_WORDS`` content words are left out (free text never repeats a long title). A part that
    names more than ``TITLE_MAX_CATEGORIES`` categories identifies none and is dropped; the others
    share their weight between the categories they name: ``WHOLE_TITLE_WEIGHT`` for a category's
    whole title, ``TITLE_WEIGHT`` for a part of a title or a subcategory's title.
    """
    named: dict[tuple[Pattern, ...], set[str]] = defaultdict(set)
    written: dict[tuple[Pattern, ...], str] = {}
    whole_titles: set[tuple[Pattern, ...]] = set()
    for row in _icd_rows(path):
        if row["kind"] not in ("category", "subcategory"):
            continue
        parts = _TITLE_PARTS.split(_BRACKETED.sub(" ", row["title_ru"]))
        for part in parts:
            patterns = parse_phrase(part, skip=_GENERIC_TITLE_LEMMAS, most=TITLE_MAX_WORDS)
            if patterns:
                named[patterns].add(row["code"][:3])
                written.setdefault(patterns, part.strip())
                if row["kind"] == "category" and len(parts) == 1:
                    whole_titles.add(patterns)
    return [
        Phrase(
            patterns,
            tuple((code, _title_weight(patterns in whole_titles) / len(codes)) for code in sorted(codes)),
            written[patterns],
            f"title:{number}",
        )
        for number, (patterns, codes) in enumerate(named.items())
        if len(codes) <= TITLE_MAX_CATEGORIES
    ]


def _title_weight(whole_category_title: bool) -> float:
    # A text naming a category's whole title («Бруцеллез», «Подагра») names the diagnosis itself.
    return WHOLE_TITLE_WEIGHT if whole_category_title else TITLE_WEIGHT
