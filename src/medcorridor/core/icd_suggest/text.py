"""Russian clinical free text turned into lemmas the lexicon can be matched against.

A complaint text is split into sentences and clauses, each word is lemmatised with pymorphy3
(«болях в суставах» → «боль», «сустав»), words a negation covers are flagged («кашля нет», «без
тошноты», «одышку отрицает»), and a few measured values are turned into signs the lexicon can name:
``@высокое_ад`` for a blood pressure of 140/90 and above, ``@низкое_ад`` below 100/60, ``@лихорадка``
for a body temperature of 37.1 °C and above; ``@нет_жалоб`` for «жалоб нет».
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

# Words that carry no clinical meaning on their own; they are neither matched nor counted in windows.
_STOPWORDS = """в во на по при с со к ко о об от до за из у и или а но же ли то как что это для под над между
через после перед около также так уже еще ещё очень более менее бы быть весь свой его ее её их"""
STOPWORDS = frozenset(_STOPWORDS.split())
_PRE_NEGATORS = frozenset({"не", "нет", "без", "отрицать"})
_CLAUSE_NEGATORS = frozenset({"нет", "отрицать", "отсутствовать"})
# «не беспокоит», «не отмечает»: a negated verb of reporting denies the whole clause.
_REPORTING_VERBS = frozenset({"беспокоить", "отмечать", "предъявлять", "испытывать", "наблюдаться", "возникать"})
_PRE_NEGATION_REACH = 3
NO_COMPLAINTS = "@нет_жалоб"  # «жалоб нет», «жалоб не предъявляет»: a check-up or a follow-up visit

_SENTENCE_BREAK = re.compile(r"[.;!?\n]+(?=\s|$)|[;!?\n]+")
_CLAUSE_BREAK = re.compile(r",(?!\d)|\bно\b|\s-\s|\s–\s|\*")
_WORD = re.compile(r"[а-яёa-z]+(?:-[а-яё]+)?|\d+(?:[.,]\d+)?")
_PRESSURE = re.compile(r"(\d{2,3})\s*[/\\]\s*(\d{2,3})")
_TEMPERATURE = re.compile(r"(?:\bt\b|\bт\b|темп\w*)\D{0,16}?((?:3[5-9]|4[0-2])(?:[.,]\d)?)\b")


@dataclass(frozen=True, slots=True)
class Token:
    lemma: str
    start: int  # where the word stands in the text, for showing it
    end: int
    sentence: int
    negated: bool


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma_of(word: str) -> str:
    """The normal form of one lower-case word; digits and Latin words stay as they are."""
    if not word[0].isalpha() or "a" <= word[0] <= "z":
        return word
    return analyzer().parse(word)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=50_000)
def is_verb(lemma: str) -> bool:
    return any(parse.tag.POS in ("VERB", "INFN") for parse in analyzer().parse(lemma)[:2])


def normalise(text: str) -> str:
    return text.lower().replace("ё", "е")


Corrector = Callable[[str, str], str]  # (word, its lemma) -> the lemma to use


def tokenize(text: str, *, correct: Corrector | None = None) -> list[Token]:
    """The content words of ``text`` with their lemmas, places, sentence numbers and negation, plus signs.

    ``correct`` may replace the lemma of a misspelt word (see ``spelling.Speller``)."""
    folded = normalise(text)
    tokens: list[Token] = []
    for number, (start, end) in enumerate(_segments(folded, _SENTENCE_BREAK, 0, len(folded))):
        for clause_start, clause_end in _segments(folded, _CLAUSE_BREAK, start, end):
            tokens.extend(_clause_tokens(folded, clause_start, clause_end, number, correct))
    return tokens


def _segments(text: str, breaks: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` between matches of ``breaks``."""
    segments, position = [], start
    for match in breaks.finditer(text, start, end):
        segments.append((position, match.start()))
        position = match.end()
    segments.append((position, end))
    return segments


def _clause_tokens(text: str, start: int, end: int, sentence: int, correct: Corrector | None) -> list[Token]:
    words = list(_WORD.finditer(text, start, end))
    lemmas = [lemma_of(word[0]) for word in words]
    if correct is not None:
        lemmas = [correct(word[0], lemma) for word, lemma in zip(words, lemmas, strict=True)]
    denied = _clause_is_denied(lemmas)
    tokens = []
    reach = 0
    for word, lemma in zip(words, lemmas, strict=True):
        if lemma in _PRE_NEGATORS:
            reach = _PRE_NEGATION_REACH
            continue
        negated = denied or reach > 0
        reach = max(reach - 1, 0)
        if lemma in STOPWORDS or lemma.isdigit():
            continue
        tokens.append(Token(lemma, word.start(), word.end(), sentence, negated))
    tokens.extend(Token(sign, *span, sentence, denied) for sign, span in _signs(text, start, end))
    if denied and "жалоба" in lemmas:
        clause = text[start:end]
        lead = len(clause) - len(clause.lstrip())
        tokens.append(Token(NO_COMPLAINTS, start + lead, start + len(clause.rstrip()), sentence, False))
    return tokens


def _clause_is_denied(lemmas: list[str]) -> bool:
    if _CLAUSE_NEGATORS.intersection(lemmas[1:]):
        return True
    return any(
        first == "не" and following in _REPORTING_VERBS for first, following in zip(lemmas, lemmas[1:], strict=False)
    )


def _signs(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Measured values that mean something (high or low blood pressure, fever) and where they stand."""
    signs = []
    for match in _PRESSURE.finditer(text, start, end):
        systolic, diastolic = int(match[1]), int(match[2])
        if not (60 <= systolic <= 260 and 30 <= diastolic <= 160 and systolic > diastolic):
            continue
        if systolic >= 140 or diastolic >= 90:
            signs.append(("@высокое_ад", match.span()))
        elif systolic < 100 or diastolic < 60:
            signs.append(("@низкое_ад", match.span()))
    for match in _TEMPERATURE.finditer(text, start, end):
        degrees = float(match[1].replace(",", "."))
        if 37.1 <= degrees <= 42:
            signs.append(("@лихорадка", match.span()))
    return signs
