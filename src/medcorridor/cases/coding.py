"""ICD-10 suggestions for the intake form and the API: validation and titles in the user's language
around the pure suggester in ``medcorridor.core.icd_suggest``.

Nothing is stored and no patient record is read: the coordinator's own text goes in, three categories
come out, each with the words of the text that led to it.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from medcorridor.core.errors import ValidationFailed
from medcorridor.core.icd_suggest import MAX_TEXT_LENGTH, Suggestion, default_suggester

SUGGESTIONS = 3


def check_text(text: str, *, field: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Type the complaints or the clinical summary to get ICD-10 suggestions."), field=field)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationFailed(
            _("The text is %(length)d characters long; suggestions read at most %(limit)d.")
            % {"length": len(text), "limit": MAX_TEXT_LENGTH},
            field=field,
        )
    return text


def localised(suggestion: Suggestion, language: str | None = None) -> dict:
    """The suggestion as the API and the form show it: the title in the user's language (Russian for
    ru, otherwise English when ICD-10 has an English title) beside both originals."""
    language = (language or get_language() or "ru")[:2]
    title = suggestion.title_ru if language == "ru" or not suggestion.title_en else suggestion.title_en
    return {
        "code": suggestion.code,
        "title": title,
        "title_ru": suggestion.title_ru,
        "title_en": suggestion.title_en,
        "score": suggestion.score,
        "triggers": list(suggestion.triggers),
    }


def suggest_codes(text: str, *, field: str = "text", language: str | None = None) -> list[dict]:
    """The three most likely ICD-10 categories for a Russian complaint text (``ValidationFailed`` for
    an empty or too long text)."""
    suggestions = default_suggester().suggest(check_text(text, field=field), limit=SUGGESTIONS)
    return [localised(suggestion, language) for suggestion in suggestions]
