"""The event date: header line first, then a dateline or the first full date in the text.

A date counts only when day, month and year are all given («26 сентября» alone is not enough,
nor «в декабре 2014 г.»); otherwise the result is None and a reviewer fills it in.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
MONTH_WORD = (
    r"(январ[яье]|феврал[яье]|марта?|апрел[яье]|ма[яйе]|июн[яье]|июл[яье]|августа?|"
    r"сентябр[яье]|октябр[яье]|ноябр[яье]|декабр[яье])"
)
# «14 янв», «3 сент.»: the short month of agency datelines (never with a year there)
MONTH_ABBR = r"(?:янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек)(?:\.|\b)"
WORDY_RE = re.compile(rf"\b(\d{{1,2}})\s+{MONTH_WORD},?\s+(\d{{4}})", re.IGNORECASE)
# «Февраль 28, 2024 14:16»: the month first, in the nominative, as site templates print it
MONTH_FIRST_RE = re.compile(
    r"\b(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)\s+(\d{1,2}),\s+(\d{4})",
    re.IGNORECASE,
)
# «07.09.21» on a line of its own: a page stamp with a two-digit year
SHORT_STAMP_RE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2})\s*$", re.MULTILINE)
DOTTED_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")
ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
SLASHED_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def month_number(word: str) -> int:
    low = word.lower()
    return next(n for stem, n in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])) if low.startswith(stem))


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """All full dates in ``text`` as (start, end, ISO string), in order of appearance."""
    found = []
    for match in WORDY_RE.finditer(text):
        iso = _valid(int(match.group(3)), month_number(match.group(2)), int(match.group(1)))
        found.append((match.start(), match.end(), iso))
    for match in MONTH_FIRST_RE.finditer(text):
        iso = _valid(int(match.group(3)), month_number(match.group(1)), int(match.group(2)))
        found.append((match.start(), match.end(), iso))
    for match in SHORT_STAMP_RE.finditer(text):
        iso = _valid(2000 + int(match.group(3)), int(match.group(2)), int(match.group(1)))
        found.append((match.start(1), match.end(3), iso))
    for match in DOTTED_RE.finditer(text):
        found.append(
            (
                match.start(),
                match.end(),
                _valid(int(match.group(3)), int(match.group(2)), int(match.group(1))),
            )
        )
    for match in SLASHED_RE.finditer(text):
        found.append(
            (
                match.start(),
                match.end(),
                _valid(int(match.group(3)), int(match.group(2)), int(match.group(1))),
            )
        )
    for match in ISO_RE.finditer(text):
        found.append(
            (
                match.start(),
                match.end(),
                _valid(int(match.group(1)), int(match.group(2)), int(match.group(3))),
            )
        )
    return sorted(f for f in found if f[2])


def event_date(text: str, header_date: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """The date and, when it comes from the text, its span."""
    if header_date:
        return header_date, None
    dates = find_dates(text)
    if not dates:
        return None, None
    start, end, iso = dates[0]
    return iso, (start, end)
