"""Russian and English are complete; no visible text in a template escapes translation."""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

from medcorridor.core import i18n

SRC = Path(__file__).resolve().parents[2] / "src" / "medcorridor"
# Text that needs no translation: punctuation, numbers, symbols, and the product's own name.
NEUTRAL = re.compile(r"^[\s\W\d_]*$|^\s*medcorridor\s*$")
# International clinical abbreviations read the same in every language (HLA, cPRA, MELD/PELD, ICD-10, DR).
ABBREVIATION = re.compile(r"\b[a-z]?[A-Z][A-Z0-9]*(?:[/-][A-Z0-9]+)*\b")


def test_russian_and_english_catalogues_are_complete():
    gaps = i18n.check()
    assert not gaps, "untranslated strings:\n" + "\n".join(map(str, gaps[:50]))


def test_other_languages_have_the_navigation():
    from django.utils import translation

    from medcorridor.web.navigation import MAIN_MENU

    for language in ("kk", "mn", "ko", "ky"):
        with translation.override(language):
            untranslated = [str(e.label) for e in MAIN_MENU if str(e.label) == e.label._args[0]]
        assert not untranslated, f"{language}: {untranslated}"


def visible_text_outside_translation(template: Path) -> list[str]:
    """Words a person would read that are written straight into the template, not translated."""
    tokens = Lexer(template.read_text(encoding="utf-8")).tokenize()
    pieces, depth = [], 0
    for token in tokens:
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            depth += name in ("blocktranslate", "blocktrans")
            depth -= name in ("endblocktranslate", "endblocktrans")
            pieces.append(" ")
        elif token.token_type == TokenType.TEXT and depth == 0:
            pieces.append(token.contents)
        else:
            pieces.append(" ")  # a variable or translated text stands here
    html = "".join(pieces)
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]*>", "\n", html)  # tags and their attributes (attribute values are checked by review)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    lines = (ABBREVIATION.sub(" ", line) for line in text.splitlines())
    return [line.strip()[:60] for line in lines if not NEUTRAL.match(line) and re.search(r"[^\W\d_]{2,}", line)]


TEMPLATES = sorted(p for p in SRC.rglob("templates/**/*.html") if "email" not in p.name)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_templates_translate_every_visible_string(template):
    assert visible_text_outside_translation(template) == []
