"""Timeline lines that the product writes itself, stored as a message key and its values and put
into words when read, in the reader's language: the Korean clinic reads the Mongolian coordinator's
"opinion requested" in its own language, not in the one the coordinator happened to use.

What people type (reasons, notes, names) stays in ``CaseEvent.summary`` as written. Generated lines
keep an English copy there too, for readers without the catalogues (exports, the audit trail).
"""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import OutcomeCode

MESSAGES = {
    "opinion_requested": gettext_lazy("Opinion requested, answer due %(date)s"),
    "offer_selected": gettext_lazy("Your offer was selected; funding decision due %(date)s"),
    "funding_approved": gettext_lazy("Funding approved"),
    "invitation_letter": gettext_lazy("Visa invitation letter"),
    "task_done": gettext_lazy("%(task)s: %(outcome)s"),
}


def said(key: str, data: dict | None = None, **values) -> dict:
    """The ``summary`` and ``data`` (``data`` plus the message) of an event that says ``MESSAGES[key]``
    with ``values``: pass them on to ``CaseEvent`` as keyword arguments."""
    with translation.override("en"):
        english = _words(key, values)
    return {"summary": english, "data": {**(data or {}), "message": {"key": key, **values}}}


def text_of(event) -> str:
    """What the event says, in the active language."""
    stored = (event.data or {}).get("message")
    if stored and stored.get("key") in MESSAGES:
        values = {name: value for name, value in stored.items() if name != "key"}
        return _words(stored["key"], values)
    return event.summary


def _words(key: str, values: dict) -> str:
    if key == "task_done":
        outcome = values.get("outcome")
        values = {**values, "outcome": OutcomeCode(outcome).label if outcome else _("done")}
    return str(MESSAGES[key]) % values
