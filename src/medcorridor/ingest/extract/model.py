"""Plain dataclasses returned by the extractor (no Django, JSON-friendly)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of the cleaned text: ``text[start:end]`` carries ``label``."""

    start: int
    end: int
    label: str  # date, country, official, position, organisation, agreement, figure, area:<code>


@dataclass
class Official:
    name: str  # nominative, "Имя Фамилия" as written (patronymic kept when present)
    position: str  # lowercase head, nominative: "министр здравоохранения"
    organisation: str  # full nominative name, "" when unknown
    country: str  # ISO alpha-2, "" when unknown
    spans: list[Span] = field(default_factory=list)


@dataclass
class Agreement:
    kind: str  # agreement, memorandum, roadmap, protocol, plan, contract
    status: str  # signed, draft, planned, mentioned
    title: str  # the clause that names the document, e.g. "меморандум о сотрудничестве ..."
    parties: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass
class Figure:
    value: float
    what: str  # the words that say what is counted
    unit: str = ""  # "%", "USD", "KZT", "RUB", ... or "" for plain counts
    spans: list[Span] = field(default_factory=list)


@dataclass
class Item:
    """A registry record the article reports: a training programme, a mission of visiting doctors,
    a donation or supply, a joint project (``kind``). ``fields`` holds what the text gives, by kind:
    programme ``trainees, what, organisation``; mission ``operations, consultations, free_of_charge,
    organisation``; donation ``what, value, currency, donor, recipient``; project ``status, value,
    currency, organisations``."""

    kind: str  # programme, mission, donation, project
    subtype: str  # programme: duration class; mission, donation, project: their kind
    title: str  # the sentence that tells it
    fields: dict[str, Any] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)


@dataclass
class ExtractedEvent:
    """One cooperation event per article."""

    file: str
    date: str | None
    countries: list[str]
    officials: list[Official]
    organisations: list[str]
    areas: list[str]
    agreements: list[Agreement]
    figures: list[Figure]
    items: list[Item] = field(default_factory=list)
    title: str = ""
    source: str = ""
    text: str = ""  # cleaned text; all spans index into it
    spans: list[Span] = field(default_factory=list)

    def to_score_dict(self) -> dict[str, Any]:
        """The JSON line read by ``score_events.py`` (and the gold format); items are not scored."""
        return {
            "file": self.file,
            "date": self.date,
            "countries": list(self.countries),
            "officials": [
                {"name": o.name, "position": o.position, "organisation": o.organisation, "country": o.country}
                for o in self.officials
            ],
            "organisations": list(self.organisations),
            "areas": list(self.areas),
            # as in the gold: the document's title; the kind is in ``agreements[i].kind``
            "agreements": [a.title for a in self.agreements],
            "figures": [{"value": _plain_number(f.value), "what": f.what} for f in self.figures],
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, for the registry and the review queue."""
        return asdict(self)


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
