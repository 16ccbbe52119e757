"""The reviewer's form: the extracted event as editable lines ("name | position | organisation | country")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from medcorridor.cooperation.enums import Area

SEPARATOR = "|"


def _lines(text: str) -> list[list[str]]:
    return [[part.strip() for part in line.split(SEPARATOR)] for line in text.splitlines() if line.strip()]


def _pad(parts: list[str], size: int) -> list[str]:
    return (parts + [""] * size)[:size]


class EventForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=500, required=False)
    date = forms.CharField(label=_("date (YYYY-MM-DD)"), max_length=10, required=False)
    countries = forms.CharField(label=_("countries (ISO codes, comma-separated)"), required=False)
    areas = forms.MultipleChoiceField(
        label=_("areas"), choices=Area.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    officials = forms.CharField(
        label=_("officials"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name | position | organisation | country"),
    )
    organisations = forms.CharField(
        label=_("organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line"),
    )
    agreements = forms.CharField(
        label=_("agreements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: kind | status | title"),
    )

    items = forms.CharField(
        label=_("programmes, missions, donations, projects"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line: kind | type | title | field=value; field=value. Kinds: programme (trainees, "
            "organisation), mission (operations, consultations, free_of_charge=yes/no, organisation), "
            "donation (what, value, currency, donor, recipient), project (status, value, currency, "
            "organisations joined by +). Delete a line to reject that record."
        ),
    )

    @classmethod
    def from_event(cls, event: dict, data=None):
        initial = {
            "title": event.get("title", ""),
            "date": event.get("date") or "",
            "countries": ", ".join(event.get("countries", [])),
            "areas": event.get("areas", []),
            "officials": "\n".join(
                f" {SEPARATOR} ".join(
                    [
                        o.get("name", ""),
                        o.get("position", ""),
                        o.get("organisation", ""),
                        o.get("country", ""),
                    ]
                )
                for o in event.get("officials", [])
            ),
            "organisations": "\n".join(event.get("organisations", [])),
            "agreements": "\n".join(
                f" {SEPARATOR} ".join([a.get("kind", ""), a.get("status", ""), a.get("title", "")])
                for a in event.get("agreements", [])
            ),
            "items": "\n".join(item_line(i) for i in event.get("items", [])),
        }
        form = cls(data=data, initial=initial)
        form.original = event
        return form

    def to_event(self) -> dict:
        data = self.cleaned_data
        officials = []
        for parts in _lines(data["officials"]):
            name, position, organisation, country = _pad(parts, 4)
            officials.append(
                {"name": name, "position": position, "organisation": organisation, "country": country.upper()}
            )
        original_agreements = {a.get("title"): a for a in getattr(self, "original", {}).get("agreements", [])}
        agreements = []
        for parts in _lines(data["agreements"]):
            kind, status, title = _pad(parts, 3)
            parties = original_agreements.get(title, {}).get("parties", [])
            agreements.append({"kind": kind, "status": status or "signed", "title": title, "parties": parties})
        items = []
        for parts in _lines(data["items"]):
            kind, subtype, title, fields = _pad(parts, 4)
            items.append({"kind": kind, "subtype": subtype, "title": title, "fields": parse_fields(fields)})
        return {
            **getattr(self, "original", {}),
            "items": items,
            "title": data["title"],
            "date": data["date"].strip() or None,
            "countries": [c.strip().upper() for c in data["countries"].split(",") if c.strip()],
            "areas": list(data["areas"]),
            "officials": officials,
            "organisations": [line.strip() for line in data["organisations"].splitlines() if line.strip()],
            "agreements": agreements,
        }


PAIR_SEPARATOR = ";"
LIST_SEPARATOR = " + "


def item_line(item: dict) -> str:
    """«mission | surgery | Бригада … провела 35 операций | operations=35; free_of_charge=yes»."""
    pairs = []
    for name, value in (item.get("fields") or {}).items():
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list):
            value = LIST_SEPARATOR.join(map(str, value))
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        pairs.append(f"{name}={value}")
    parts = [item.get("kind", ""), item.get("subtype", ""), item.get("title", "").replace(SEPARATOR, "/")]
    return f" {SEPARATOR} ".join([*parts, f"{PAIR_SEPARATOR} ".join(pairs)])


def parse_fields(text: str) -> dict:
    """«operations=35; organisations=A + B» -> {"operations": "35", "organisations": ["A", "B"]}
    (types are checked when the event is cleaned)."""
    fields: dict = {}
    for pair in text.split(PAIR_SEPARATOR):
        name, _equals, value = pair.partition("=")
        if name.strip():
            value = value.strip()
            fields[name.strip()] = (
                [v.strip() for v in value.split("+") if v.strip()] if name.strip() == "organisations" else value
            )
    return fields
