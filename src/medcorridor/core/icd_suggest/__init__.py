"""ICD-10 suggestions from the Russian complaint text of a referral (pure: no Django).

    from medcorridor.core.icd_suggest import default_suggester

    for suggestion in default_suggester().suggest("Боли в пояснице с иррадиацией в ногу"):
        print(suggestion.code, suggestion.title_ru, suggestion.triggers)   # M54 Дорсалгия ('Боли в пояснице', …)

The model is transparent: a hand-written clinical lexicon (``core/data/icd_lexicon.csv``), the short
titles of МКБ-10 and editorial outpatient priors (``core/data/icd_priors.csv``); see docs/icd-suggest.md.
"""

import threading
from collections.abc import Callable
from functools import lru_cache

from .lexicon import Category, LexiconError, load_categories, load_lexicon, load_priors, title_phrases
from .scorer import Suggester, Suggestion

MAX_TEXT_LENGTH = 4000  # what the API and the form accept; a clinical summary is far shorter

__all__ = [
    "MAX_TEXT_LENGTH",
    "Category",
    "LexiconError",
    "Suggester",
    "Suggestion",
    "build",
    "default_suggester",
    "warm_up_in_background",
]


def build() -> Suggester:
    """A suggester from the shipped lexicon, priors and ICD-10 titles (about 2 s: pymorphy3 loads and
    the titles are lemmatised; ``default_suggester`` does it once per process)."""
    phrases = load_lexicon()
    # A title the lexicon already lists as a phrase is weighed there, not twice.
    listed = {phrase.patterns for phrase in phrases}
    titles = [phrase for phrase in title_phrases() if phrase.patterns not in listed]
    return Suggester(phrases + titles, load_priors(), load_categories())


_build_once = lru_cache(maxsize=1)(build)
_build_lock = threading.Lock()


def default_suggester() -> Suggester:
    """The process's one suggester; a caller that arrives while it is being built waits for that build."""
    with _build_lock:
        return _build_once()


def warm_up_in_background(then: Callable[[], object] | None = None) -> threading.Thread:
    """Build the default suggester on a daemon thread, so that a server's first intake form does not
    wait the two seconds of building it; a request that comes earlier waits for the same build.
    ``then`` runs on that thread once the suggester is built."""

    def warm_up() -> None:
        default_suggester()
        if then is not None:
            then()

    thread = threading.Thread(target=warm_up, name="icd-suggest-warm-up", daemon=True)
    thread.start()
    return thread
