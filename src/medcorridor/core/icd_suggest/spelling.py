"""Misspelt words put right against the lexicon's own vocabulary.

Complaint texts are typed fast («слабсоть», «онмение», «высыапния»). A word the Russian dictionary
does not know, and whose guessed lemma is not a lexicon word either, is replaced by the lexicon lemma
at most one edit away (two for long words; a transposition is one edit) that starts with the same
letter. Known words are never changed, so a correctly spelt word cannot turn into another one.
"""

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import analyzer

MIN_LENGTH = 6  # shorter words are too often abbreviations to correct
LONG_WORD = 9


class Speller:
    def __init__(self, lemmas: Iterable[str]):
        vocabulary = {lemma for lemma in lemmas if lemma.isalpha() and len(lemma) >= MIN_LENGTH - 1}
        self._known = frozenset(vocabulary)
        # Typists rarely miss the first letter: candidates are looked up by it, which keeps a look-up short.
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for lemma in sorted(vocabulary):
            self._by_initial[lemma[0]].append(lemma)
        self._cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, lemma: str) -> str:
        if lemma in self._known or len(word) < MIN_LENGTH or not word.isalpha():
            return lemma
        key = (word, lemma)
        if key not in self._cache:
            self._cache[key] = self._correct(word, lemma)
        return self._cache[key]

    def _correct(self, word: str, lemma: str) -> str:
        if analyzer().word_is_known(word):
            return lemma
        budget = 2 if len(lemma) >= LONG_WORD else 1
        candidates = self._by_initial.get(lemma[0], ())
        match = process.extractOne(lemma, candidates, scorer=OSA.distance, score_cutoff=budget)
        return match[0] if match else lemma
