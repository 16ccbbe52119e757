"""The event date: header line first, then a dateline or the first full date in the text.

A date counts only when day, month and year are all given («26 сентября» alone is not enough,
nor «в декабре 2014 г.»); otherwise the result is None and a reviewer fills it in. A date told
after the lead paragraph is a past event the story recalls («открыл свои двери 31 мая 2019 года»
in an interview), not the story's own date.
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
SHORT_MONTHS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
WORDY_RE = re.compile(rf"\b(\d{{1,2}})(?:-?го)?\s+{MONTH_WORD},?\s+(\d{{4}})", re.IGNORECASE)
# «12 окт. 2023, 14:20», «3 сент 2024»: a site stamp with the short month and a year
SHORT_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_ABBR})\s*(\d{{4}})\b", re.IGNORECASE)
# «Ташкент, 28.10.18. /Кабар/»: a dateline with a two-digit year right after the place
DATELINE_SHORT_RE = re.compile(r"(?<=[А-ЯЁа-яё], )(\d{1,2})\.(\d{2})\.(\d{2})(?=[.\s/])")
# «договору от 3 июня 2014 года», «постановление № 12 от 05.05.2020», «до 1 января 2026 года»: a
# document's date or a deadline, not the story's («Новости от 12.03.2024» is a stamp and counts)
NOT_THE_STORYS_RE = re.compile(
    r"(?:(?:договор|соглашени|меморандум|постановлени|указ|распоряжени|приказ|закон|протокол|решени)\w*"
    r"(?:\s+\S+){0,3}\s+от|(?:^|\s)до)\s+$",
    re.IGNORECASE,
)
# «Февраль 28, 2024 14:16», «октября 23, 2023 - 14:09»: the month first, in the nominative or the
# genitive, as site templates print it
MONTH_FIRST_WORD = (
    r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|"
    r"сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
)
MONTH_FIRST_RE = re.compile(rf"\b{MONTH_FIRST_WORD}\s+(\d{{1,2}}),\s+(\d{{4}})", re.IGNORECASE)
# «07.09.21» on a line of its own: a page stamp with a two-digit year
SHORT_STAMP_RE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2})\s*$", re.MULTILINE)
# «30.05.2024», «06-06-2022», «12-11-2022, 14:24»: day, month and year with one separator
DOTTED_RE = re.compile(r"(?<![\d.-])(\d{1,2})([.-])(\d{1,2})\2(\d{4})(?!\d|[.-]\d)")
# the lead paragraph ends the page's header: the first line of running text this long
LEAD_LINE = 150
ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
# «2024.02.28», «2024/02/28»: the year first with dots or slashes, as some site templates print it
YEAR_FIRST_RE = re.compile(r"(?<![\d./])(\d{4})([./])(\d{1,2})\2(\d{1,2})(?![\d]|[./]\d)")
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
    for match in SHORT_MONTH_RE.finditer(text):
        iso = _valid(int(match.group(3)), SHORT_MONTHS[match.group(2).lower()[:3]], int(match.group(1)))
        found.append((match.start(), match.end(), iso))
    for pattern in (SHORT_STAMP_RE, DATELINE_SHORT_RE):
        for match in pattern.finditer(text):
            iso = _valid(2000 + int(match.group(3)), int(match.group(2)), int(match.group(1)))
            found.append((match.start(1), match.end(3), iso))
    for match in DOTTED_RE.finditer(text):
        found.append(
            (
                match.start(),
                match.end(),
                _valid(int(match.group(4)), int(match.group(3)), int(match.group(1))),
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
    for match in YEAR_FIRST_RE.finditer(text):
        iso = _valid(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        found.append((match.start(), match.end(), iso))
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
    dates = [d for d in find_dates(text) if d[0] < lead_end(text) and not is_not_the_storys(text, d[0])]
    if not dates:
        return None, None
    start, end, iso = dates[0]
    return iso, (start, end)


def is_not_the_storys(text: str, start: int) -> bool:
    return bool(NOT_THE_STORYS_RE.search(text[max(0, start - 60) : start])) or is_site_clock(text, start)


# «Четверг, 10 апреля, 2025» alone on a line: the site's header prints today's date with its weekday,
# whatever day the story is from
SITE_CLOCK_RE = re.compile(r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье),?", re.IGNORECASE)


def is_site_clock(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    before = text[line_start:start]
    return SITE_CLOCK_RE.fullmatch(before.strip()) is not None and len(line.strip()) <= 40


def lead_end(text: str) -> int:
    """Where the first paragraph of running text ends (the whole text if there is none)."""
    position = 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        if len(line.strip()) >= LEAD_LINE:
            return position
    return position
