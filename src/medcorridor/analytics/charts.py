"""Plotly figures built on the server (``fig.to_json()``), drawn by ``web/static/web/charts.js``.

Every function takes the selector's plain data and the labels to show (already translated), so the
figures carry no database access and no untranslated text.
"""

from collections.abc import Callable

import plotly.graph_objects as go

from medcorridor.core.charts import PALETTE

MARGIN = {"l": 50, "r": 10, "t": 30, "b": 40}


def _layout(figure: go.Figure, *, height: int = 320, **extra) -> str:
    layout = {"height": height, "margin": MARGIN, "legend": {"orientation": "h", "y": -0.2}}
    layout.update(extra)
    figure.update_layout(**layout)
    return figure.to_json()


def flows_sankey(links: list[dict], *, country: Callable[[str], str], facility: Callable[[int | None], str]) -> str:
    """Origin country → destination country → facility, link widths in cases."""
    nodes: dict[tuple[str, str], int] = {}
    labels: list[str] = []

    def node(side: str, key, label: str) -> int:
        if (side, key) not in nodes:
            nodes[(side, key)] = len(labels)
            labels.append(label)
        return nodes[(side, key)]

    pairs: dict[tuple[int, int], int] = {}
    for link in links:
        origin = node("origin", link["origin_country"], country(link["origin_country"]))
        destination = node("destination", link["destination_country"], country(link["destination_country"]) + " ")
        place = node("facility", link["facility_id"], facility(link["facility_id"]))
        for pair in ((origin, destination), (destination, place)):
            pairs[pair] = pairs.get(pair, 0) + link["cases"]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "pad": 14, "thickness": 16, "color": PALETTE[0]},
            link={
                "source": [s for s, _t in pairs],
                "target": [t for _s, t in pairs],
                "value": list(pairs.values()),
                "color": "rgba(11,110,110,0.25)",
            },
        )
    )
    return _layout(figure, height=max(320, 26 * len(labels)))


def cases_per_month(monthly: list[dict], *, status: Callable[[str], str]) -> str:
    months = sorted({row["month"] for row in monthly})
    statuses = sorted({row["status"] for row in monthly})
    counts = {(row["month"], row["status"]): row["cases"] for row in monthly}
    figure = go.Figure(
        [
            go.Bar(
                name=status(s),
                x=[m.strftime("%Y-%m") for m in months],
                y=[counts.get((m, s), 0) for m in months],
                marker={"color": PALETTE[i % len(PALETTE)]},
            )
            for i, s in enumerate(statuses)
        ]
    )
    return _layout(figure, barmode="stack", xaxis={"type": "category"})


def approved_by_destination(
    rows: list[dict], *, country: Callable[[str], str], payers: dict[str, str], estimate_label: str
) -> str:
    """Approved USD by destination, stacked by payer kind, beside the estimated USD."""
    x = [country(r["destination_country"]) for r in rows]
    bars = [
        go.Bar(name=label, x=x, y=[float(r[column] or 0) for r in rows], marker={"color": PALETTE[i]})
        for i, (column, label) in enumerate(payers.items())
    ]
    bars.append(
        go.Scatter(
            name=estimate_label,
            x=x,
            y=[float(r["estimate_usd"] or 0) for r in rows],
            mode="markers",
            marker={"symbol": "diamond", "size": 12, "color": "#1d2733"},
        )
    )
    return _layout(go.Figure(bars), barmode="stack", yaxis={"title": {"text": "USD"}})


def cost_box(distribution: dict[str, list], *, country: Callable[[str], str]) -> str:
    figure = go.Figure(
        [
            go.Box(name=country(code), y=[float(v) for v in values], boxpoints="all", jitter=0.3)
            for code, values in distribution.items()
        ]
    )
    # From zero: with few cases of one price, an autoscaled axis would magnify rounding into a spread.
    return _layout(figure, showlegend=False, yaxis={"title": {"text": "USD"}, "rangemode": "tozero"})


def cost_by_group(rows: list[dict], field: str, *, label: Callable[[str], str], names: dict[str, str]) -> str:
    """Estimated and approved USD side by side per ICD-10 chapter, specialty or payer kind."""
    x = [label(r[field]) for r in rows]
    figure = go.Figure(
        [
            go.Bar(name=names["estimate_usd"], x=x, y=[float(r["estimate_usd"] or 0) for r in rows]),
            go.Bar(name=names["approved_usd"], x=x, y=[float(r["approved_usd"] or 0) for r in rows]),
        ]
    )
    return _layout(figure, barmode="group", colorway=PALETTE, yaxis={"title": {"text": "USD"}})


def outcomes_at(outcome_30: dict, outcome_90: dict, *, order: list[tuple[str, str]], names: tuple[str, str]) -> str:
    x = [label for _code, label in order]
    figure = go.Figure(
        [
            go.Bar(name=names[0], x=x, y=[outcome_30.get(code, 0) for code, _l in order]),
            go.Bar(name=names[1], x=x, y=[outcome_90.get(code, 0) for code, _l in order]),
        ]
    )
    return _layout(figure, barmode="group", colorway=PALETTE)


def endings_by_destination(
    rows: list[dict], *, country: Callable[[str], str], states: dict[str, str], median_label: str
) -> str:
    """Open/closed/cancelled cases per destination, and the median days intake → admission."""
    x = [country(r["destination_country"]) for r in rows]
    figure = go.Figure([go.Bar(name=label, x=x, y=[r[state] for r in rows]) for state, label in states.items()])
    figure.add_trace(
        go.Scatter(
            name=median_label,
            x=x,
            y=[r["median_days_to_admission"] for r in rows],
            mode="markers+text",
            yaxis="y2",
            marker={"symbol": "diamond", "size": 12, "color": "#1d2733"},
        )
    )
    return _layout(
        figure,
        barmode="stack",
        colorway=PALETTE,
        yaxis2={"overlaying": "y", "side": "right", "title": {"text": median_label}, "rangemode": "tozero"},
    )


def agreements_delivered(rows: list[dict], *, names: dict[str, str]) -> str:
    titles = [(r["title"][:60] + "…") if len(r["title"]) > 60 else r["title"] for r in rows]
    figure = go.Figure(
        [
            go.Bar(name=label, y=titles, x=[r[measure] for r in rows], orientation="h")
            for measure, label in names.items()
        ]
    )
    return _layout(
        figure,
        height=max(320, 40 * len(rows)),
        barmode="group",
        colorway=PALETTE,
        yaxis={"autorange": "reversed"},
        margin={"l": 320, "r": 10, "t": 30, "b": 40},
    )
