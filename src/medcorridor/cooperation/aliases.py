"""Organisation-name normalisation: "Минздрав России", "Министерства здравоохранения РФ" and
"Министерство здравоохранения Российской Федерации" get one key.

The key is the folded Latin form (``core.textsearch.fold``) of the name after expanding the usual
abbreviations and cutting inflection: every word keeps its first five letters (the same tolerance
the gold scorer uses), which merges the Russian cases of one name ("Министерства"/"Министерство").
"""

import re

from medcorridor.core.textsearch import fold

# (pattern, replacement), applied in order to the original (Cyrillic) text, case-insensitive.
EXPANSIONS = (
    (r"\bминздрав\w*", "министерство здравоохранения"),
    (r"\bмз\b", "министерство здравоохранения"),
    (r"\bминобрнауки\w*", "министерство науки и высшего образования"),
    (r"\bрф\b", "российской федерации"),
    (r"\bроссии\b", "российской федерации"),
    (r"\bроссийская федерация\b", "российской федерации"),
    (r"\bкыргызстана\b|\bкиргизии\b|\bкиргизской республики\b|\bкр\b", "кыргызской республики"),
    (r"\bказахстана\b|\bрк\b", "республики казахстан"),
    (r"\bбеларуси\b|\bбелоруссии\b|\bрб\b", "республики беларусь"),
    (r"\bкореи\b", "республики корея"),
    (r"\bим\.\s*", "имени "),
    (r"\bнмиц\b", "национальный медицинский исследовательский центр"),
)
STOP = {"i", "v", "na", "po", "s", "pri", "imeni", "im", "g", "the", "of", "and", "respubliki", "respublika"}


def expand(name: str) -> str:
    text = (name or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„()]", " ", text)
    for pattern, replacement in EXPANSIONS:
        text = re.sub(pattern, replacement, text)
    return text


def key(name: str) -> str:
    """The normalisation key of an organisation name, in any script."""
    words = [w[:5] for w in fold(expand(name)).split() if w not in STOP]
    return " ".join(words)[:300]
