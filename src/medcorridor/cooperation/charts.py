"""Server-built Plotly figures for the registry pages."""

from datetime import date

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from medcorridor.core.charts import PALETTE

HELD, SEEN = PALETTE[0], PALETTE[1]
DAY_MS = 86_400_000  # a bar's length on a date axis is in milliseconds


def career(positions, participations, today: date) -> str | None:
    """An official's positions as bars over time (from–until; an open one to its last sighting or to
    today) and the meetings they attended as points on the line of the position they held there.
    None when nothing carries a date."""
    bars = [(p, span) for p in positions if (span := _span(p, today))]
    lines = {p.title.casefold(): p.title for p, _span_ in bars}
    points = [
        (m, lines.get(m.position_title.casefold(), m.position_title)) for m in participations if m.meeting.held_on
    ]
    if not bars and not points:
        return None
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            y=[p.title for p, _span_ in bars],
            base=[start.isoformat() for _p, (start, _end) in bars],
            x=[max((end - start).days, 1) * DAY_MS for _p, (start, end) in bars],
            customdata=[[str(p.organisation or p.organisation_name or "—"), end.isoformat()] for p, (_s, end) in bars],
            orientation="h",
            marker_color=HELD,
            name=_("Position held"),
            hovertemplate="%{y}<br>%{customdata[0]}<br>%{base|%Y-%m-%d} – %{customdata[1]}<extra></extra>",
        )
    )
    if points:
        figure.add_trace(
            go.Scatter(
                x=[m.meeting.held_on.isoformat() for m, _line in points],
                y=[line or _("meeting") for _m, line in points],
                text=[str(m.meeting) for m, _line in points],
                mode="markers",
                marker={"color": SEEN, "size": 11, "symbol": "diamond"},
                name=_("Meeting"),
                hovertemplate="%{text}<br>%{x|%Y-%m-%d}<extra></extra>",
            )
        )
    figure.update_layout(  # no title: the chart sits under the section's heading
        height=110 + 34 * len({p.title for p, _span_ in bars} | {line for _m, line in points}),
        margin={"t": 10, "r": 10, "b": 30, "l": 10},
        xaxis={"type": "date"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.3},
    )
    return figure.to_json()


def _span(position, today: date) -> tuple[date, date] | None:
    start = position.started_on or position.last_seen_on
    if start is None:
        return None
    return start, max(position.ended_on or position.last_seen_on or today, start)
