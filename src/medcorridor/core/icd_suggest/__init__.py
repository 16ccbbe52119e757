"""ICD-10 suggestions from the Russian complaint text of a referral (pure: no Django).

    >>> from medcorridor.core.icd_suggest import default_suggester
    >>> [s.code for s in default_suggester().suggest("Боли в пояснице с иррадиацией в ногу")]

The model is transparent: a hand-written clinical lexicon (``core/data/icd_lexicon.csv``), the short
titles of МКБ-10 and editorial outpatient priors (``core/data/icd_priors.csv``); see docs/icd-suggest.md.
"""

from functools import lru_cache

from .lexicon import Category, LexiconError, load_categories, load_lexicon, load_priors, title_phrases
from .scorer import Suggester, Suggestion

MAX_TEXT_LENGTH = 4000

__all__ = ["MAX_TEXT_LENGTH", "Category", "LexiconError", "Suggester", "Suggestion", "build", "default_suggester"]


def build() -> Suggester:
    """A suggester from the shipped lexicon, priors and ICD-10 titles (about a second: pymorphy3 loads)."""
    phrases = load_lexicon()
    # A title the lexicon already lists as a phrase is weighed there, not twice.
    listed = {phrase.patterns for phrase in phrases}
    titles = [phrase for phrase in title_phrases() if phrase.patterns not in listed]
    return Suggester(phrases + titles, load_priors(), load_categories())


@lru_cache(maxsize=1)
def default_suggester() -> Suggester:
    return build()
