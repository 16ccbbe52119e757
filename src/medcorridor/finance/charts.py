"""Plotly figures (built server-side, rendered by plotly.js from static files)."""

import plotly.graph_objects as go


def utilisation_chart(rows, *, labels: dict[str, str]) -> str:
    """Committed, invoiced and paid as a share of each budget (budgets differ in currency, so percent),
    the amounts themselves in the hover text; the 100 % line is the budget."""
    names = [f"{r.budget.programme.name} {r.budget.fiscal_year}" for r in rows]
    figure = go.Figure()
    for key, colour in (("committed", "#3b6fb6"), ("invoiced", "#d68a2b"), ("paid", "#3a9a5b")):
        amounts = [getattr(r, key) for r in rows]
        figure.add_bar(
            name=labels[key],
            y=names,
            x=[r.percent_of_budget(a) for a, r in zip(amounts, rows, strict=True)],
            orientation="h",
            marker_color=colour,
            customdata=[f"{a:,.2f} {r.budget.currency_id}" for a, r in zip(amounts, rows, strict=True)],
            hovertemplate="%{customdata} (%{x:.1f} %)<extra>" + labels[key] + "</extra>",
        )
    figure.add_vline(x=100, line_dash="dash", line_color="#b33", annotation_text=labels["budget"])
    figure.update_layout(
        barmode="group",
        height=120 + 90 * len(rows),
        margin={"l": 10, "r": 20, "t": 30, "b": 30},
        xaxis={"ticksuffix": " %", "rangemode": "tozero"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": 1.08},
    )
    return figure.to_json()
