"""Tokens and sentences with character offsets into the cleaned text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from razdel import sentenize

# a dot inside a token joins initials, abbreviations and numbers («И.М.», «г.Алматы», «1.5»), but
# not a word and the capitalised one after it: «страны.Как сообщает» is two sentences run together
TOKEN_RE = re.compile(r"[\w]+(?:(?:[-–'’]|\.(?![А-ЯЁ])|(?<![а-яё][а-яё])\.)[\w]+)*\.?|[^\w\s]", re.UNICODE)
ABBREVIATION_DOTS = re.compile(r"^(им|г|ак|акад|проф|д|ул|т|обл|р-н)\.$", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def bare(self) -> str:
        """The word without a trailing full stop (kept only on abbreviations such as «им.»)."""
        return self.text.rstrip(".") if not ABBREVIATION_DOTS.match(self.text) else self.text


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens = []
    for match in TOKEN_RE.finditer(text):
        word = match.group(0)
        end = match.end()
        # keep the dot only on known abbreviations; otherwise it ends the sentence
        if word.endswith(".") and len(word) > 1 and not ABBREVIATION_DOTS.match(word):
            tokens.append(Token(word[:-1], match.start() + offset, end - 1 + offset))
            tokens.append(Token(".", end - 1 + offset, end + offset))
            continue
        tokens.append(Token(word, match.start() + offset, end + offset))
    return tokens


class Sentences:
    """Sentence boundaries (razdel), with lookup by character position."""

    def __init__(self, text: str):
        self.text = text
        self.bounds = [(s.start, s.stop) for s in sentenize(text)] or [(0, len(text))]
        self.starts = [b[0] for b in self.bounds]

    def around(self, position: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.starts, position) - 1)
        return self.bounds[index]

    def index_of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def __iter__(self):
        return iter(self.bounds)


RUSSIAN_WORD_RE = re.compile(r"[А-Яа-яЁё]{3,}")


def line_of(text: str, position: int) -> str:
    """The line of ``text`` that ``position`` falls on."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)]


def in_russian_line(text: str, position: int) -> bool:
    """Whether the line at ``position`` has a Russian word: a line without one is page furniture (menus,
    currency rates, counters, «Top.Mail.Ru»), whatever it holds."""
    return bool(RUSSIAN_WORD_RE.search(line_of(text, position)))
