"""Query parameters that the list endpoints share, with their bounds stated in the OpenAPI schema.

A value out of bounds (a negative offset, a limit of a million, the year 44200) is refused by the
API layer with a 422 that names the parameter, never passed on to a query where it would fail as a
server error.
"""

from ninja import Query

MIN_YEAR, MAX_YEAR = 1900, 2100


def limit(default: int = 50, maximum: int = 200):
    return Query(default, ge=1, le=maximum, description=f"How many rows to return (1–{maximum}).")


def offset():
    return Query(0, ge=0, description="How many rows to skip.")


def year():
    return Query(None, ge=MIN_YEAR, le=MAX_YEAR, description=f"A calendar year ({MIN_YEAR}–{MAX_YEAR}).")


def year_from_text(text: str) -> int | None:
    """A year typed into a web filter, or None when it is not a plausible year."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR else None
