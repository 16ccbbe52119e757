"""The scoring model: lexicon evidence plus a prior, every point of it explainable.

score(category) = PRIOR_WEIGHT · ln(share of outpatient visits) + Σ weights of the phrases found

A lexicon row (a phrase and its synonyms) counts once per text however often it is repeated, only
if none of its words is negated, and only if its words stand close together in one sentence (within
``len(phrase) + WINDOW_SLACK`` content words, in any order: Russian word order is free). The prior
only decides between categories with similar evidence and fills the list when the text names too
little.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import product

from .lexicon import FLOOR_PER_1000, Category, Pattern, Phrase
from .spelling import Speller
from .text import Token, tokenize

PRIOR_WEIGHT = 0.4
WINDOW_SLACK = 2
MAX_QUOTE = 60
_MAX_PREFIX = 12
_MAX_CANDIDATES = 64  # position combinations tried per phrase; texts repeat words only so often


@dataclass(frozen=True, slots=True)
class Suggestion:
    code: str
    title_ru: str
    title_en: str
    score: float
    triggers: tuple[str, ...]  # the words of the text that led to it; empty for a prior-only filler


def _quote(text: str, tokens: list[Token]) -> str:
    """The words of ``text`` a phrase matched: the stretch from the first to the last, or, when they lie
    far apart, the words alone."""
    start, end = min(t.start for t in tokens), max(t.end for t in tokens)
    if end - start <= MAX_QUOTE:
        return " ".join(text[start:end].split())
    return " ".join(text[t.start : t.end] for t in sorted(tokens, key=lambda t: t.start))


class _Occurrences:
    """Where each lemma and each lemma prefix occurs in one text."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.prefixes: dict[str, list[int]] = defaultdict(list)
        for position, token in enumerate(tokens):
            self.exact[token.lemma].append(position)
            for length in range(3, min(len(token.lemma), _MAX_PREFIX) + 1):
                self.prefixes[token.lemma[:length]].append(position)

    def positions(self, pattern: Pattern) -> list[int]:
        index = self.prefixes if pattern.prefix else self.exact
        return index.get(pattern.text, [])

    def find(self, phrase: Phrase) -> tuple[int, ...] | None:
        """Positions of one affirmed, compact occurrence of ``phrase``, or None."""
        candidates = [self.positions(pattern) for pattern in phrase.patterns]
        if not all(candidates):
            return None
        reach = len(phrase.patterns) - 1 + WINDOW_SLACK
        for tried, positions in enumerate(product(*candidates)):
            if tried >= _MAX_CANDIDATES:
                break
            if self._compact_and_affirmed(positions, reach):
                return positions
        return None

    def _compact_and_affirmed(self, positions: tuple[int, ...], reach: int) -> bool:
        if len(set(positions)) != len(positions) or max(positions) - min(positions) > reach:
            return False
        tokens = [self.tokens[p] for p in positions]
        return len({t.sentence for t in tokens}) == 1 and not any(t.negated for t in tokens)


class Suggester:
    """Suggests 3-character ICD-10 categories for a Russian complaint text. Build once, reuse."""

    def __init__(
        self,
        phrases: list[Phrase],
        priors: dict[str, float],
        categories: dict[str, Category],
        *,
        prior_weight: float = PRIOR_WEIGHT,
    ):
        unknown = sorted({code for p in phrases for code, _ in p.weights} - categories.keys())
        if unknown:
            raise ValueError(f"the lexicon names categories ICD-10 does not have: {', '.join(unknown)}")
        self.phrases = phrases
        self.prior_weight = prior_weight
        self.speller = Speller(p.text for phrase in phrases for p in phrase.patterns if not p.prefix)
        # A text only needs the phrases whose first word it contains.
        self._by_first_word: dict[Pattern, list[Phrase]] = defaultdict(list)
        for phrase in phrases:
            self._by_first_word[phrase.patterns[0]].append(phrase)
        self.categories = categories
        self.log_priors = {code: math.log(share / 1000) for code, share in priors.items() if code in categories}
        self.floor = math.log(FLOOR_PER_1000 / 1000)
        self.fillers = sorted(self.log_priors, key=self.log_priors.get, reverse=True)

    def suggest(self, text: str, *, limit: int = 3) -> list[Suggestion]:
        evidence, triggers = self._evidence(text, tokenize(text, correct=self.speller))
        scores = {code: self._prior(code) + points for code, points in evidence.items()}
        ranked = sorted(scores, key=lambda code: (-scores[code], code))[:limit]
        for code in self.fillers:
            if len(ranked) >= limit:
                break
            if code not in scores:
                scores[code] = self._prior(code)
                ranked.append(code)
        return [self._suggestion(code, scores[code], triggers.get(code, ())) for code in ranked]

    def _prior(self, code: str) -> float:
        return self.prior_weight * self.log_priors.get(code, self.floor)

    def _evidence(self, text: str, tokens: list[Token]) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
        occurrences = _Occurrences(tokens)
        points: dict[str, float] = defaultdict(float)
        words: dict[str, list[str]] = defaultdict(list)
        counted: set[str] = set()
        for phrase in self._candidates(occurrences):
            if phrase.group in counted:
                continue
            found = occurrences.find(phrase)
            if found is None:
                continue
            counted.add(phrase.group)
            surface = _quote(text, [tokens[p] for p in found])
            for code, weight in phrase.weights:
                points[code] += weight
                if weight > 0 and surface not in words[code]:
                    words[code].append(surface)
        return points, {code: tuple(found) for code, found in words.items()}

    def _candidates(self, occurrences: _Occurrences) -> list[Phrase]:
        present = [Pattern(lemma) for lemma in occurrences.exact]
        present += [Pattern(prefix, prefix=True) for prefix in occurrences.prefixes]
        phrases = [phrase for pattern in present for phrase in self._by_first_word.get(pattern, ())]
        # Longest first: of a row's synonyms, the fullest one found is the one shown as the trigger.
        return sorted(phrases, key=lambda phrase: -len(phrase.patterns))

    def _suggestion(self, code: str, score: float, triggers: tuple[str, ...]) -> Suggestion:
        category = self.categories[code]
        return Suggestion(code, category.title_ru, category.title_en, round(score, 3), triggers)
