"""Timeline lines that the product writes itself, stored as a message key and its values and put
into words when read, in the reader's language: the Korean clinic reads the Mongolian coordinator's
"opinion requested" in its own language, not in the one the coordinator happened to use.

What people type (reasons, notes, names) stays in ``CaseEvent.summary`` as written. Generated lines
keep an English copy there too, for readers without the catalogues (exports, the audit trail).
"""

from collections.abc import Callable

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import OutcomeCode, TaskKind
from .models import TravelPlan, task_title

MESSAGES = {
    "opinion_requested": gettext_lazy("Opinion requested, answer due %(date)s"),
    "offer_selected": gettext_lazy("Your offer was selected; funding decision due %(date)s"),
    "funding_approved": gettext_lazy("Funding approved"),
    "invitation_letter": gettext_lazy("Visa invitation letter"),
    "task_done": gettext_lazy("%(task)s: %(outcome)s"),
    "named": None,  # the line is only ``%(text)s``: a name (facility, diagnosis) kept in several languages
    "answered": gettext_lazy("%(facility)s: %(estimate)s"),
    "travel_planned": None,  # the plan's fields, each after its label
}
# The languages the directory and ICD-10 keep names in; other readers get the English name, as on
# every other screen (``Facility.display_name``, ``IcdCode.title``).
NAME_LANGUAGES = ("en", "ru")


def said(key: str, data: dict | None = None, **values) -> dict:
    """The ``summary`` and ``data`` (``data`` plus the message) of an event that says ``MESSAGES[key]``
    with ``values``: pass them on to ``CaseEvent`` as keyword arguments. A value may be a name in
    several languages (``{"en": …, "ru": …}``, see ``names``): the reader gets it in theirs."""
    with translation.override("en"):
        english = _words(key, values)
    return {"summary": english, "data": {**(data or {}), "message": {"key": key, **values}}}


def names(name_in: Callable[[str], str]) -> dict[str, str]:
    """A name in each of ``NAME_LANGUAGES``, from a function of the language (``display_name``)."""
    return {language: name_in(language) for language in NAME_LANGUAGES}


def _in_reader_language(value):
    if isinstance(value, dict) and set(value) <= set(NAME_LANGUAGES) and value:
        language = "ru" if (translation.get_language() or "ru")[:2] == "ru" else "en"
        return value.get(language) or next(iter(value.values()))
    return value


def text_of(event) -> str:
    """What the event says, in the active language."""
    stored = (event.data or {}).get("message")
    if stored and stored.get("key") in MESSAGES:
        values = {name: value for name, value in stored.items() if name != "key"}
        return _words(stored["key"], values)
    return event.summary


def _words(key: str, values: dict) -> str:
    values = {name: _in_reader_language(value) for name, value in values.items()}
    if key == "task_done":
        outcome = values.get("outcome")
        values = {
            **values,
            "outcome": OutcomeCode(outcome).label if outcome else _("done"),
            "task": task_title(values.get("kind") or TaskKind.FOLLOW_UP, values.get("task", "")),
        }
    if key == "named":
        return values["text"]
    if key == "travel_planned":  # in the plan's own order: a JSON column need not keep the keys' order
        fields = [field for field in TravelPlan._meta.fields if field.name in values]
        return ", ".join(f"{field.verbose_name}: {values[field.name]}" for field in fields)
    return str(MESSAGES[key]) % values
