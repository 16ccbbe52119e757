"""Agreements: memoranda, agreements, roadmaps, protocols, plans, contracts.

One entry per document. A later bare mention of the same kind («Меморандум предусматривает…»)
is the same document; a mention with its own subject or party («меморандум о сотрудничестве с
…») is a new one. Verbs («договорились») and «договорённости» are not documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Sentences

W = r"[\w-]*"
KIND_PATTERNS = [
    ("memorandum", rf"меморандум{W}"),
    ("roadmap", rf"дорожн{W}\s+карт{W}"),
    ("agreement", rf"соглашени{W}|договор(?:а|у|ом|е|ы|ов|ами|ах)?(?![\w-])"),
    ("protocol", r"протокол(?:а|у|ом|е|ы|ов)?(?![\w-])(?!\s+(?:лечени|диагностик|ведени|клиническ|операци))"),
    (
        "plan",
        r"(?<!в\s)(?<!бизнес-)план(?:а|у|ом|е|ы|ов)?(?![\w-])"
        r"(?=\s+(?:мероприяти|действи|сотрудничеств|совместн|развити|работ|по\s|на\s+\d))",
    ),
    ("contract", r"контракт(?:а|у|ом|е|ы|ов)?(?![\w-])"),
]
KIND_RE = re.compile("|".join(f"(?P<{kind}>{pat})" for kind, pat in KIND_PATTERNS), re.IGNORECASE)
# what makes a mention specific: its subject, parties or a signing in the same clause
SPECIFIER_RE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:о\s|об\s|между\s|с\s|со\s|по\s|в\s+(?:сфере|области)|"
    r"на\s+\d{4}|[«\"])",
    re.IGNORECASE,
)
SIGNED_RE = re.compile(
    r"утвер[дж]\w*|подписа\w*|заключ[её]н\w*|заключил\w*|заключен\w*|подписание|скрепил\w*|"
    r"заключ[её]нн\w*|ратифицир\w*",
    re.IGNORECASE,
)
DRAFT_RE = re.compile(
    r"проект\w*|разрабатыва\w*|разработ\w*|готовит\w*|согласовыва\w*|обсуждали\s+проект", re.IGNORECASE
)
PLANNED_RE = re.compile(
    r"планиру\w*|намерен\w*|будет\s+подписан\w*|подпишут|предстоит|готовятся\s+подписать|"
    r"планируется",
    re.IGNORECASE,
)


@dataclass
class RawAgreement:
    kind: str
    status: str
    title: str
    start: int
    end: int


def status_of(sentence: str, before: str) -> str:
    """Draft beats signed («проект меморандума подписан не был»), planned beats mention."""
    if DRAFT_RE.search(before[-40:]):
        return "draft"
    if PLANNED_RE.search(sentence):
        return "planned"
    if SIGNED_RE.search(sentence):
        return "signed"
    if DRAFT_RE.search(sentence):
        return "draft"
    return "mentioned"


def title_of(text: str, start: int, sentence_end: int) -> str:
    tail = text[start:sentence_end].split("\n")[0]
    tail = re.split(r",\s+(?:который|которое|которая|что|где|а\s+также)|\s+—\s+|;", tail)[0]
    return " ".join(tail.split()[:16]).rstrip(" ,.")


def find_agreements(text: str, sentences: Sentences) -> list[RawAgreement]:
    found: list[RawAgreement] = []
    for match in KIND_RE.finditer(text):
        kind = match.lastgroup
        sentence_start, sentence_end = sentences.around(match.start())
        after = text[match.end() : sentence_end]
        before = text[sentence_start : match.start()]
        specific = bool(SPECIFIER_RE.match(after)) or bool(SIGNED_RE.search(before + after))
        same_kind = [a for a in found if a.kind == kind]
        if same_kind and "\n" not in text[: same_kind[-1].start]:
            found.remove(same_kind[-1])  # the headline announces the document the body describes
            same_kind = []
        if same_kind and not (specific and SPECIFIER_RE.match(after)):
            continue  # a repeat of the document already found
        if not same_kind and not specific and kind in ("agreement", "protocol", "contract"):
            continue  # «договор» in passing, «протокол» without subject: too weak alone
        sentence = text[sentence_start:sentence_end]
        found.append(
            RawAgreement(
                kind,
                status_of(sentence, before),
                title_of(text, match.start(), sentence_end),
                match.start(),
                match.end(),
            )
        )
    return found
