"""The cleaned text with the extracted spans wrapped in ``<mark>`` (spans may overlap or nest)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight(text: str, spans: list[dict]) -> SafeString:
    """Escaped ``text`` with every stretch covered by spans in ``<mark data-labels="...">``.

    Overlapping spans are cut at every boundary, so each piece of text carries the labels of all
    spans that cover it and the markup stays well nested.
    """
    bounds = {0, len(text)}
    clean = []
    for span in spans:
        start, end = max(0, int(span["start"])), min(len(text), int(span["end"]))
        if start < end:
            clean.append((start, end, str(span["label"])))
            bounds.update((start, end))
    cuts = sorted(bounds)
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[start:end])
        labels = sorted({label for s, e, label in clean if s <= start and end <= e})
        if labels:
            kinds = " ".join(sorted({label.split(":")[0] for label in labels}))
            out.append(
                f'<mark class="{escape(kinds)}" data-labels="{escape(" ".join(labels))}" '
                f'title="{escape(", ".join(labels))}">{piece}</mark>'
            )
        else:
            out.append(piece)
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
