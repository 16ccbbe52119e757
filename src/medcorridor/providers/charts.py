"""Server-built Plotly figures for directory pages."""

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from medcorridor.core.charts import PALETTE


def price_ranges(offers) -> str:
    """Horizontal bars from the lowest to the highest typical price of each offer (JSON for Plotly)."""
    priced = [o for o in offers if o.price_min is not None and o.price_max is not None]
    figure = go.Figure(
        go.Bar(
            y=[f"{o} ({o.currency_id})" for o in priced],
            x=[float(o.price_max - o.price_min) for o in priced],
            base=[float(o.price_min) for o in priced],
            customdata=[float(o.price_max) for o in priced],
            orientation="h",
            marker_color=PALETTE[0],
            hovertemplate="%{base:,.0f} – %{customdata:,.0f}<extra></extra>",
        )
    )
    figure.update_layout(
        title=_("Typical price range"),
        height=120 + 28 * len(priced),
        margin={"t": 40, "r": 10, "b": 30, "l": 10},
        yaxis={"automargin": True},
    )
    return figure.to_json()
