"""pymorphy3 wrapped for the two things we need: reading a word's case and putting words in the
nominative. (natasha's MorphVocab pulls pymorphy2, which breaks on Python 3.11.)"""

from __future__ import annotations

from functools import lru_cache

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    try:
        return tuple(analyzer().parse(word))
    except ValueError:  # pymorphy3 looks up every letter's Unicode name; some letters («𗀀») have none
        return ()


def keep_case(source: str, result: str) -> str:
    if source.isupper() and len(source) > 1:
        return result.upper()
    if source[:1].isupper():
        return result[:1].upper() + result[1:]
    return result


def has_tag(word: str, *grammemes: str) -> bool:
    return any(all(g in p.tag for g in grammemes) for p in parses(word))


def likeliest_has(word: str, *grammemes: str) -> bool:
    """Whether the most probable parse carries all ``grammemes`` («и» is a conjunction before it
    is the name of a letter, so it is no genitive noun)."""
    found = parses(word)
    return bool(found) and all(g in found[0].tag for g in grammemes)


def best_parse(word: str, *grammemes: str):
    """The most probable parse carrying all ``grammemes`` (None when there is none)."""
    for parse in parses(word):
        if all(g in parse.tag for g in grammemes):
            return parse
    return None


@lru_cache(maxsize=200_000)
def to_nominative(
    word: str,
    case: str | None = None,
    pos: tuple[str, ...] = ("NOUN", "ADJF", "PRTF"),
    number: str | None = None,
    gender: str | None = None,
) -> str:
    """The nominative of ``word`` read in ``case`` (any case when None), same number."""
    for parse in parses(word):
        if parse.tag.POS not in pos or (case and case not in parse.tag):
            continue
        if gender and parse.tag.gender and parse.tag.gender != gender and "ms-f" not in parse.tag:
            continue
        target = {"nomn"} | ({number} if number else {parse.tag.number} if parse.tag.number else set())
        if gender and parse.tag.POS in ("ADJF", "PRTF") and (number or parse.tag.number) == "sing":
            target.add(gender)
        inflected = parse.inflect(target)
        if inflected is not None:
            return keep_case(word, inflected.word)
    return word


def case_of(word: str) -> str | None:
    parse = parses(word)[0] if parses(word) else None
    return parse.tag.case if parse is not None else None


def is_genitive(word: str) -> bool:
    return has_tag(word, "gent")
