"""Kazakh, Mongolian, Korean and Kyrgyz catalogues keep the coverage they reached, and every translation
keeps the placeholders, markup and line breaks of its message id.

Coverage is read straight from the committed ``.po`` files: an entry counts when it is not fuzzy and
every plural form its catalogue's ``Plural-Forms`` asks for is filled. The floors sit a little under
the coverage reached, so a screen's worth of new strings can land before its translations; losing
translations (a catalogue regenerated, entries turned fuzzy) fails.
"""

import re
from pathlib import Path

import polib
import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "medcorridor"
LANGUAGES = ("kk", "mn", "ko", "ky")
# Korean and Kyrgyz put no plural ending after a numeral (Django's own catalogues agree); Kazakh and
# Mongolian distinguish one from many.
PLURAL_FORMS = {"kk": 2, "mn": 2, "ko": 1, "ky": 1}

# Share of entries translated, per app, that each of the four languages must keep (all reached 100%).
# Apps left out (finance, interop, matching: only their app name so far) have no floor yet.
COVERAGE_FLOOR = {
    "web": 0.85,
    "accounts": 0.9,
    "core": 0.85,
    "audit": 0.8,
    "cases": 0.9,
    "providers": 0.9,
    "cooperation": 0.9,
    "transplant": 0.9,
    "analytics": 0.9,
    "ingest": 0.9,
}

# What a translation must carry over unchanged: printf and format placeholders, HTML tags, entities.
MARK = re.compile(r"%\(\w+\)[sdif]|%[sdif]|%%|\{\w*\}|</?[A-Za-z][^>]*>|&[a-z]+;|&#\d+;")


def catalogue(app: str, language: str) -> polib.POFile:
    return polib.pofile(str(SRC / app / "locale" / language / "LC_MESSAGES" / "django.po"))


def plural_count(po: polib.POFile) -> int:
    return int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"]).group(1))


def is_translated(entry: polib.POEntry, nplurals: int) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return all(entry.msgstr_plural.get(n) for n in range(nplurals))
    return bool(entry.msgstr)


def coverage(po: polib.POFile) -> float:
    entries = [e for e in po if not e.obsolete]
    if not entries:
        return 1.0
    nplurals = plural_count(po)
    return sum(is_translated(e, nplurals) for e in entries) / len(entries)


def translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """Each filled translation paired with the message id it renders."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)] if entry.msgstr else []
    singular_only = len(entry.msgstr_plural) == 1
    return [
        (entry.msgid if n == 0 and not singular_only else entry.msgid_plural, text)
        for n, text in sorted(entry.msgstr_plural.items())
        if text
    ]


def mismatches(source: str, text: str) -> list[str]:
    problems = []
    if sorted(MARK.findall(source)) != sorted(MARK.findall(text)):
        problems.append(f"placeholders {sorted(MARK.findall(source))} became {sorted(MARK.findall(text))}")
    if source.count("\n") != text.count("\n"):
        problems.append("line breaks differ")
    if source.endswith(":") != text.endswith(":"):
        problems.append("trailing colon differs")
    return problems


APPS = sorted(p.parts[-5] for p in SRC.glob("*/locale/kk/LC_MESSAGES/django.po"))
CATALOGUES = [(app, language) for app in APPS for language in LANGUAGES]


def test_every_floored_app_has_catalogues():
    assert set(COVERAGE_FLOOR) <= set(APPS)


@pytest.mark.parametrize(("app", "language"), CATALOGUES, ids=lambda v: v)
def test_catalogue_keeps_its_coverage(app, language):
    po = catalogue(app, language)
    floor = COVERAGE_FLOOR.get(app, 0.0)
    assert coverage(po) >= floor, f"{app} [{language}] {coverage(po):.1%} translated, below the floor {floor:.0%}"


@pytest.mark.parametrize(("app", "language"), CATALOGUES, ids=lambda v: v)
def test_translations_keep_placeholders_and_plural_forms(app, language):
    po = catalogue(app, language)
    assert plural_count(po) == PLURAL_FORMS[language]
    problems = []
    for entry in po:
        if entry.msgid_plural and entry.msgstr_plural and len(entry.msgstr_plural) != PLURAL_FORMS[language]:
            problems.append(f"{entry.msgid!r}: {len(entry.msgstr_plural)} plural forms")
        problems += [f"{entry.msgid!r}: {p}" for source, text in translations(entry) for p in mismatches(source, text)]
    assert not problems, "\n".join(problems)


def test_coverage_counts_only_complete_unfuzzy_entries():
    po = polib.POFile()
    po.metadata = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    po.append(polib.POEntry(msgid="Done", msgstr="Дайын"))
    po.append(polib.POEntry(msgid="Guess", msgstr="Болжам", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty", msgstr=""))
    po.append(polib.POEntry(msgid="%(n)s day", msgid_plural="%(n)s days", msgstr_plural={0: "%(n)s күн", 1: ""}))
    assert coverage(po) == 0.25


def test_mismatches_catch_a_dropped_placeholder_tag_and_colon():
    assert mismatches("Case %(reference)s changed", "Жолдама өзгертілді")
    assert mismatches("<strong>Note</strong>", "Ескертпе")
    assert mismatches("No exchange rate on that date for:", "Бағам жоқ")
    assert not mismatches("Open the case: %(url)s", "Жолдаманы ашу: %(url)s")
