"""Script-independent, typo-tolerant matching of names and titles.

Every searchable text is folded to one Latin form: transliterated (Cyrillic and Hangul through
unidecode, which romanises Hangul syllable by syllable), lower-cased, and with the spellings that
differ between transliteration schemes merged (``ks``/``x``, ``c`` before e/i, ``w``/``v``,
``kh``/``h``...). "Северанс", "Severance" and a Hangul alias then meet in one vocabulary, where
rapidfuzz finds near spellings. Institutions keep their names in several scripts as aliases,
because no transliteration turns "세브란스" into "Severance".
"""

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

_PHONETIC_FOLDS = (
    ("kh", "h"),
    ("ph", "f"),
    ("x", "ks"),
    ("w", "v"),
    ("ck", "k"),
    ("q", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "si"),
    ("c", "k"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("y", "i"),
    ("ee", "i"),
    ("oo", "u"),
    ("eu", "u"),
    ("ou", "u"),
)
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """One comparable Latin form of a text in any script."""
    text = unicodedata.normalize("NFKC", text or "").replace("ё", "е").replace("Ё", "Е")
    latin = unidecode(text).lower()
    latin = _NON_WORD.sub(" ", latin)
    return " ".join(_apply_folds(latin).split())


def _apply_folds(latin: str) -> str:
    # One pass can create a pair an earlier rule folds ("ch" -> "kh" -> "h"); repeat to a fixed point
    # so that folding a folded text changes nothing.
    while True:
        folded = latin
        for source, target in _PHONETIC_FOLDS:
            folded = folded.replace(source, target)
        if folded == latin:
            return folded
        latin = folded


def tokens(text: str, *, min_length: int = 2) -> list[str]:
    return [token for token in fold(text).split() if len(token) >= min_length]


def token_set(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        found.update(tokens(text))
    return found


def typo_budget(token: str) -> int:
    """Edits a query word may be away from a known word: none for short words, up to two for long ones."""
    if len(token) <= 3:
        return 0
    return 1 if len(token) <= 6 else 2


class Vocabulary:
    """The distinct folded tokens of a corpus, with prefix, substring and typo-tolerant look-up."""

    def __init__(self, words: Iterable[str]):
        self.words = sorted(set(words))
        self._known = set(self.words)
        # The words one per line: a substring is found by str.find over this text, in C, rather than by a
        # Python test of every word (a millisecond per query word over the ICD-10 or facility vocabulary).
        self._lines = "\n".join(self.words)

    def expand(self, query_token: str, *, limit: int = 25) -> set[str]:
        """Vocabulary words a query token may mean: itself, words it begins or sits inside (Hangul and
        Mongolian compounds are written without spaces), and words within its typo budget."""
        found = {query_token} if query_token in self._known else set()
        if len(query_token) >= 3:
            found.update(self._prefixed(query_token))
        if len(query_token) >= 5:
            found.update(self._containing(query_token))
        budget = typo_budget(query_token)
        if budget:
            matches = process.extract(
                query_token, self.words, scorer=Levenshtein.distance, score_cutoff=budget, limit=limit
            )
            found.update(word for word, _distance, _index in matches)
        return found

    def _containing(self, part: str) -> list[str]:
        """The words with ``part`` inside (``part`` holds no line break: tokens have no whitespace)."""
        found, lines = [], self._lines
        at = lines.find(part)
        while at != -1:
            start = lines.rfind("\n", 0, at) + 1
            end = lines.find("\n", at)
            end = len(lines) if end == -1 else end
            found.append(lines[start:end])
            at = lines.find(part, end)
        return found

    def _prefixed(self, prefix: str, cap: int = 50) -> list[str]:
        start = bisect_left(self.words, prefix)
        out = []
        for word in self.words[start : start + cap]:
            if not word.startswith(prefix):
                break
            out.append(word)
        return out


@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    return fold(text)
