"""What every server-built Plotly figure shares: the product's colours and a count axis."""

import math

PALETTE = ["#0b6e6e", "#d67828", "#286ec8", "#8a4fb0", "#c0392b", "#2e8b57", "#7f8c8d", "#b8860b"]
COUNT_TICKS = 5  # about this many ticks on a count axis


def count_axis(peak: int) -> dict:
    """An axis for counts: from zero, ticks on whole numbers (no «1.5 recipients»)."""
    return {"rangemode": "tozero", "tick0": 0, "dtick": max(1, math.ceil(peak / COUNT_TICKS))}
