"""News agencies and site domains -> the newsroom's country (a hint for the article's home side).

«АСТАНА. /Казинформ/», «Бишкек, 14 июля. Кабар», «Ташкент (УзА)», «сообщает МОНЦАМЭ»: the agency
says which side is writing, which decides the country of officials introduced without one.
Media are never organisations of the event (gold convention).
"""

from __future__ import annotations

import re

AGENCIES: dict[str, str] = {
    "KZ": r"казинформ|kazinform|казтаг|kaztag|tengrinews|zakon\.kz|kapital\.kz|inbusiness\.kz|"
    r"хабар\s*24|khabar|lada\.kz|sputnik\.kz|kursiv|informburo|total\.kz|qazinform",
    "KG": r"кабар|kabar|акипресс|akipress|24\.kg|вечерний бишкек|sputnik\.kg|kaktus|кактус",
    "UZ": r"\bуза\b|uza\.uz|дунё|dunyo|podrobno|gazeta\.uz|kun\.uz|daryo",
    "TJ": r"ховар|khovar|азия-плюс|asia-plus|avesta",
    "MN": r"монцамэ|montsame|ikon\.mn|gogo\.mn",
    "RU": r"\bтасс\b|\btass\b|риа новости|ria\.ru|интерфакс|interfax|известия|рбк\b",
    "BY": r"белта|belta|sb\.by|onliner",
    "TR": r"анадолу|anadolu|\btrt\b",
    "CN": r"синьхуа|xinhua|жэньминь",
    "KR": r"ёнхап|йонхап|yonhap",
    "JP": r"киодо|kyodo|nhk",
    "AZ": r"азертадж|azertac|trend\.az|report\.az|\bapa\b",
    "AM": r"арменпресс|armenpress|news\.am",
    "GE": r"интерпресс|interpressnews",
    "IR": r"\bирна\b|\birna\b",
}
AGENCY_RE = {code: re.compile(rf"(?<![\w])(?:{pattern})", re.IGNORECASE) for code, pattern in AGENCIES.items()}
ANY_AGENCY_RE = re.compile("|".join(f"(?:{p.pattern})" for p in AGENCY_RE.values()), re.IGNORECASE)
TLD = {
    "kz": "KZ",
    "kg": "KG",
    "uz": "UZ",
    "tj": "TJ",
    "mn": "MN",
    "ru": "RU",
    "by": "BY",
    "tr": "TR",
    "az": "AZ",
    "am": "AM",
    "ge": "GE",
}
DOMAIN_RE = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(kz|kg|uz|tj|mn|ru|by|tr|az|am|ge)\b", re.IGNORECASE)


def agency_countries(text: str) -> list[tuple[int, str]]:
    """(offset, country) for every agency name or national domain in ``text``."""
    hits = [(m.start(), code) for code, pattern in AGENCY_RE.items() for m in pattern.finditer(text)]
    hits += [(m.start(), TLD[m.group(1).lower()]) for m in DOMAIN_RE.finditer(text)]
    return sorted(hits)


def is_agency_line(line: str) -> bool:
    """A line that is nothing but an agency name («БелТА», «Кабар / Общество» is nav)."""
    match = ANY_AGENCY_RE.match(line.strip())
    return bool(match) and match.end() >= len(line.strip()) - 1
