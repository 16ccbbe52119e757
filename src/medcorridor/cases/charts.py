"""Server-built Plotly figures for the case pages."""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from .comparison import Table

LOWEST, OTHER = "#0b6e6e", "#9bbcbc"


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
