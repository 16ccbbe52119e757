"""Demo: fill the rollups from the demo cases and registry loaded by the other domains."""

from .services import refresh


def load() -> str:
    result = refresh(full=True)
    return f"rollups rebuilt from {result['cases']} cases and {result['agreements']} agreements"
