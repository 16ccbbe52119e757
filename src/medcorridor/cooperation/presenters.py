"""How each kind of registry record is listed, exported and charted."""

import csv
import io
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import Area


def countries_of(record) -> str:
    return ", ".join(sorted(c.code for c in record.countries.all()))


def areas_of(record) -> str:
    labels = dict(Area.choices)
    return ", ".join(str(labels.get(a, a)) for a in record.areas)


def last_position_of(official) -> str:
    position = official.last_position
    return str(position) if position else ""


@dataclass(frozen=True)
class Kind:
    slug: str
    label: object
    columns: tuple  # (label, attribute name or callable)
    date_field: str = ""


def _col(label, attribute):
    return (label, attribute)


KINDS = {
    "agreements": Kind(
        "agreements",
        gettext_lazy("Agreements and memoranda"),
        (
            _col(gettext_lazy("Title"), "title"),
            _col(gettext_lazy("Kind"), "get_kind_display"),
            _col(gettext_lazy("Status"), "get_status_display"),
            _col(gettext_lazy("Signed on"), "signed_on"),
            _col(gettext_lazy("Countries"), countries_of),
        ),
        "signed_on",
    ),
    "meetings": Kind(
        "meetings",
        gettext_lazy("Meetings and visits"),
        (
            _col(gettext_lazy("Title"), "title"),
            _col(gettext_lazy("Kind"), "get_kind_display"),
            _col(gettext_lazy("Date"), "held_on"),
            _col(gettext_lazy("Place"), "place"),
            _col(gettext_lazy("Countries"), countries_of),
        ),
        "held_on",
    ),
    "officials": Kind(
        "officials",
        gettext_lazy("Officials"),
        (
            _col(gettext_lazy("Name"), "name"),
            _col(gettext_lazy("Latin"), "name_latin"),
            _col(gettext_lazy("Last known position"), last_position_of),
            _col(gettext_lazy("Appearances"), "appearances"),
            _col(gettext_lazy("Country"), "country_id"),
        ),
    ),
    "programmes": Kind(
        "programmes",
        gettext_lazy("Training programmes"),
        (
            _col(gettext_lazy("Title"), "title"),
            _col(gettext_lazy("Host"), "host_organisation"),
            _col(gettext_lazy("Sending"), "sending_organisation"),
            _col(gettext_lazy("Duration"), "get_duration_class_display"),
            _col(gettext_lazy("Trainees per year"), "trainees_per_year"),
            _col(gettext_lazy("Countries"), countries_of),
        ),
    ),
    "missions": Kind(
        "missions",
        gettext_lazy("Missions"),
        (
            _col(gettext_lazy("Title"), "title"),
            _col(gettext_lazy("Kind"), "get_kind_display"),
            _col(gettext_lazy("Where"), "place"),
            _col(gettext_lazy("Operations"), "operations"),
            _col(gettext_lazy("Consultations"), "consultations"),
            _col(gettext_lazy("Free of charge"), "free_of_charge"),
            _col(gettext_lazy("Countries"), countries_of),
        ),
        "started_on",
    ),
    "donations": Kind(
        "donations",
        gettext_lazy("Donations and supplies"),
        (
            _col(gettext_lazy("What"), "description"),
            _col(gettext_lazy("Kind"), "get_kind_display"),
            _col(gettext_lazy("Recipient"), lambda d: str(d.recipient or d.recipient_name)),
            _col(gettext_lazy("Value"), "value"),
            _col(gettext_lazy("Currency"), "currency_id"),
            _col(gettext_lazy("Countries"), countries_of),
        ),
        "donated_on",
    ),
    "projects": Kind(
        "projects",
        gettext_lazy("Joint projects"),
        (
            _col(gettext_lazy("Title"), "title"),
            _col(gettext_lazy("Kind"), "get_kind_display"),
            _col(gettext_lazy("Status"), "get_status_display"),
            _col(gettext_lazy("Countries"), countries_of),
        ),
        "started_on",
    ),
}


def value(record, attribute):
    found = attribute(record) if callable(attribute) else getattr(record, attribute)
    if callable(found):
        found = found()
    if found is None:
        return ""
    if isinstance(found, bool):
        return _("yes") if found else _("no")
    return found


def rows(kind: str, records):
    columns = KINDS[kind].columns
    for record in records:
        yield record, [value(record, attribute) for _label, attribute in columns]


def csv_text(kind: str, records) -> str:
    """CSV with the list columns plus the public id, areas and source."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["public_id", *(str(label) for label, _a in KINDS[kind].columns), str(_("Areas")), str(_("Source"))]
    )
    for record, cells in rows(kind, records):
        cells = [c.isoformat() if isinstance(c, date) else str(c) for c in cells]
        writer.writerow([str(record.public_id), *cells, areas_of(record), record.source])
    return out.getvalue()


def activity_chart(activity) -> str:
    """Stacked bars: agreements and meetings per year, one colour per country (Plotly JSON)."""
    countries = sorted({country for _year, country in activity})
    years = sorted({year for year, _country in activity})
    figure = go.Figure()
    for country in countries:
        figure.add_bar(
            name=country,
            x=[str(y) for y in years],
            y=[sum(activity.get((y, country), {}).values()) for y in years],
            customdata=[
                [
                    activity.get((y, country), {}).get("agreements", 0),
                    activity.get((y, country), {}).get("meetings", 0),
                ]
                for y in years
            ],
            hovertemplate=country
            + " %{x}: %{customdata[0]} "
            + _("agreements")
            + ", %{customdata[1]} "
            + _("meetings")
            + "<extra></extra>",
        )
    figure.update_layout(
        barmode="stack",
        title=_("Agreements and meetings per year, by country"),
        height=340,
        margin={"t": 40, "r": 10, "b": 30, "l": 40},
        legend={"orientation": "h"},
    )
    return figure.to_json()
