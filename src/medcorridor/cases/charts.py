"""Server-built Plotly figures for the case pages."""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from medcorridor.core.charts import PALETTE, count_axis

from .comparison import Table

LOWEST, OTHER = PALETTE[0], "#9bbcbc"  # the lowest estimate in the product colour, the rest paler


def estimates(table: Table) -> str | None:
    """The converted estimates as bars, the lowest one marked (JSON for Plotly); None with nothing priced."""
    priced = [row for row in table.rows if row.amount is not None]
    if not priced:
        return None
    figure = go.Figure(
        go.Bar(
            y=[str(row.request.facility) for row in priced],
            x=[float(row.amount) for row in priced],
            customdata=[[row.request.stay_days or "—", str(row.per_day or "—")] for row in priced],
            orientation="h",
            marker_color=[LOWEST if row.cheapest else OTHER for row in priced],
            hovertemplate="%{x:,.0f} "
            + table.currency
            + "<br>"
            + _("Stay")
            + ": %{customdata[0]}<br>"
            + _("Per day")
            + ": %{customdata[1]}<extra></extra>",
        )
    )
    figure.update_layout(
        title=_("Estimates in %(currency)s at the rate of %(date)s")
        % {"currency": table.currency, "date": table.on.isoformat()},
        height=120 + 32 * len(priced),
        margin={"t": 40, "r": 10, "b": 30, "l": 10},
        yaxis={"automargin": True, "autorange": "reversed"},  # the lowest first, as in the table
        xaxis={"rangemode": "tozero"},
    )
    return figure.to_json()


def cases_by_step(steps: list[tuple[str, int]], labels: dict[str, str]) -> str | None:
    """Open cases per step of the journey, the journey read downwards (JSON for Plotly); None without any."""
    if not any(count for _state, count in steps):
        return None
    figure = go.Figure(
        go.Bar(
            y=[labels[state] for state, _count in steps],
            x=[count for _state, count in steps],
            orientation="h",
            marker_color=LOWEST,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        height=60 + 26 * len(steps),
        margin={"t": 10, "r": 10, "b": 30, "l": 10},
        xaxis=count_axis(max(count for _state, count in steps)),
        yaxis={"automargin": True, "autorange": "reversed"},
    )
    return figure.to_json()
