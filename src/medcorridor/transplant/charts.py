"""Plotly figures (built server-side, rendered by plotly.js from static files)."""

from collections import Counter

import plotly.graph_objects as go

from medcorridor.core.charts import PALETTE, count_axis

GROUP_ORDER = ["O", "A", "A1", "A2", "B", "AB", "A1B", "A2B"]
MARGIN = {"l": 40, "r": 10, "t": 10, "b": 30}


def pool_blood_groups(nodes: list[dict], *, donors_label: str, recipients_label: str) -> str:
    donors = Counter(n["donor_blood_group"] for n in nodes)
    recipients = Counter(n["recipient_blood_group"] for n in nodes if n.get("recipient_blood_group"))
    groups = [g for g in GROUP_ORDER if donors.get(g) or recipients.get(g)]
    figure = go.Figure(
        [
            go.Bar(name=recipients_label, x=groups, y=[recipients.get(g, 0) for g in groups]),
            go.Bar(name=donors_label, x=groups, y=[donors.get(g, 0) for g in groups]),
        ]
    )
    peak = max([*donors.values(), *recipients.values(), 1])
    figure.update_layout(barmode="group", height=300, margin=MARGIN, colorway=PALETTE, yaxis=count_axis(peak))
    return figure.to_json()


def exchanges_sankey(exchanges: list[dict], nodes: list[dict]) -> str:
    """Each proposed transplant as a link: the donor's pair/altruist to the recipient's pair."""
    groups = {n["label"]: n for n in nodes}
    labels = sorted({label for e in exchanges for label in e["labels"]})
    donor_side = [f"{label} ({groups.get(label, {}).get('donor_blood_group', '?')})" for label in labels]
    recipient_side = [f"{label} ({groups.get(label, {}).get('recipient_blood_group') or '—'})" for label in labels]
    index = {label: i for i, label in enumerate(labels)}
    sources, targets, values, colours = [], [], [], []
    for exchange in exchanges:
        chain = exchange["kind"] == "chain"
        steps = zip(
            exchange["labels"],
            exchange["labels"][1:] + ([] if chain else exchange["labels"][:1]),
            strict=False,
        )
        for donor, recipient in steps:
            sources.append(index[donor])
            targets.append(len(labels) + index[recipient])
            values.append(1)
            colours.append("rgba(214,120,40,0.5)" if chain else "rgba(40,110,200,0.5)")
    figure = go.Figure(
        go.Sankey(
            node={"label": donor_side + recipient_side, "pad": 12},
            link={"source": sources, "target": targets, "value": values, "color": colours},
        )
    )
    figure.update_layout(height=max(260, 28 * len(labels)), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return figure.to_json()


def waitlist_by_blood_group(recipients, *, organ_labels: dict[str, str], waiting_label: str) -> str:
    """Recipients on the (filtered) list by blood group, one bar per organ; the hover gives the median
    days waiting, which is where a blood group's shortage shows (group O waits longest)."""
    waiting: dict[tuple[str, str], list[int]] = {}
    for recipient in recipients:
        waiting.setdefault((recipient.organ, recipient.blood_group), []).append(recipient.days_waiting)
    groups = [g for g in GROUP_ORDER if any(group == g for _organ, group in waiting)]
    figure = go.Figure()
    for organ in sorted({organ for organ, _group in waiting}):
        days = [sorted(waiting.get((organ, g), [])) for g in groups]
        figure.add_bar(
            name=organ_labels.get(organ, organ),
            x=groups,
            y=[len(d) for d in days],
            customdata=[d[len(d) // 2] if d else 0 for d in days],
            hovertemplate="%{x}: %{y}<br>" + waiting_label + ": %{customdata}<extra>%{fullData.name}</extra>",
        )
    peak = max([len(d) for d in waiting.values()] or [1])
    figure.update_layout(barmode="group", height=300, margin=MARGIN, colorway=PALETTE, yaxis=count_axis(peak))
    return figure.to_json()


def follow_up_progress(follow_ups, *, milestone_labels: dict[str, str], state_labels: dict[str, str]) -> str:
    """Per milestone (1 week … 12 months, then yearly), how many visits are recorded, due and overdue:
    a column of red is the centre's follow-up falling behind."""
    counts: dict[tuple[str, str], int] = {}
    for follow_up in follow_ups:
        state = "recorded" if follow_up.done_on else "overdue" if follow_up.is_overdue else "due"
        counts[(follow_up.milestone, state)] = counts.get((follow_up.milestone, state), 0) + 1
    milestones = [m for m in milestone_labels if any(key[0] == m for key in counts)]
    figure = go.Figure()
    for state, colour in (("recorded", "#3a9a5b"), ("due", "#3b6fb6"), ("overdue", "#c0392b")):
        figure.add_bar(
            name=state_labels[state],
            x=[milestone_labels[m] for m in milestones],
            y=[counts.get((m, state), 0) for m in milestones],
            marker_color=colour,
        )
    peak = max([sum(n for (m, _state), n in counts.items() if m == milestone) for milestone in milestones] or [1])
    figure.update_layout(barmode="stack", height=300, margin=MARGIN, yaxis=count_axis(peak))
    return figure.to_json()
