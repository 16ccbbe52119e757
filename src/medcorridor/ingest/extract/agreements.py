"""Agreements: memoranda, agreements, roadmaps, protocols, plans, contracts.

One entry per document. A later bare mention of the same kind («Меморандум предусматривает…»)
is the same document; a mention with its own subject or party («меморандум о сотрудничестве с
…») is a new one. Verbs («договорились») and «договорённости» are not documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .morph import parses, to_nominative
from .text import Sentences

W = r"[\w-]*"
KIND_PATTERNS = [
    ("memorandum", rf"меморандум{W}"),
    ("roadmap", rf"дорожн{W}\s+карт{W}"),
    ("agreement", rf"соглашени{W}|договор(?:а|у|ом|е|ы|ов|ами|ах)?(?![\w-])"),
    ("protocol", r"протокол(?:а|у|ом|е|ы|ов)?(?![\w-])(?!\s+(?:лечени|диагностик|ведени|клиническ|операци))"),
    (
        "plan",
        r"(?<!в\s)(?<!бизнес-)план(?:а|у|ом|е)?(?![\w-])"
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
    r"проект\w*|разрабатыва\w*|разработ\w*|готовит\w*|подготов(?:ят|ит|ить)\b|согласовыва\w*|обсуждали\s+проект",
    re.IGNORECASE,
)
PLANNED_RE = re.compile(
    r"планиру\w*|намерен[аыо]?\b|намерени\w*\s+(?:подписать|заключить)|будет\s+подписан\w*|подпишут|предстоит|готовятся\s+подписать|"
    r"планируется",
    re.IGNORECASE,
)


# «межправительственное соглашение», «аналогичное соглашение»: another document of the same kind
OTHER_DOCUMENT_RE = re.compile(
    r"(?:межправительствен|межгосударствен|межведомствен|рамочн|аналогичн|отдельн|"
    r"трехсторонн|трёхсторонн|ранее\s+(?:подписан|заключ))\w*\s+$",
    re.IGNORECASE,
)
# «стратегического плана развития Республики Казахстан до 2020 года»: a country's own plan
NATIONAL_PLAN_RE = re.compile(r"\s+развития\s+(?:Республики\s+|Российской\s+)?[А-ЯЁ]")
# plural «договоры/договоров с клиниками», «контракты с производителями»: contracts in general, not a
# document of the event
GENERIC_PLURAL_RE = re.compile(r"(?:договор|контракт)(?:ы|ов|ами|ах)$", re.IGNORECASE)
# the scorer reads a title's kind from substrings, in this order; a title must not mislead it
SCORER_KINDS = [
    ("memorandum", ("меморанд",)),
    ("roadmap", ("дорожн",)),
    ("protocol", ("протокол",)),
    ("plan", ("план",)),
    ("contract", ("контракт",)),
    ("agreement", ("соглашен", "договор")),
]
HEADLINE_LINES = 3
# «22 документа — меморандумы, протоколы, договоры, соглашения»: kinds of documents listed in the
# plural say what sort of papers were signed, not which
PLURAL_KINDS = r"меморандум(?:ы|ов)|протокол(?:ы|ов)|договор(?:ы|ов)|соглашени(?:я|й)|контракт(?:ы|ов)"
PLURAL_KIND_RE = re.compile(rf"(?:{PLURAL_KINDS}|дорожн\w+\s+карт(?:ы)?)$", re.IGNORECASE)
LIST_NEIGHBOUR_RE = re.compile(
    r"^\s*(?:,|и)\s*(?:меморандум|протокол|договор|соглашени|контракт|дорожн)", re.IGNORECASE
)
LIST_NEIGHBOUR_BEFORE_RE = re.compile(rf"(?:{PLURAL_KINDS})\s*(?:,|и)\s*$", re.IGNORECASE)


def in_list_of_kinds(text: str, match: re.Match) -> bool:
    """A plural kind with another kind next to it in a list («меморандумы, протоколы, договоры»)."""
    if not PLURAL_KIND_RE.search(match.group(0)):
        return False
    after = text[match.end() : match.end() + 20]
    before = text[max(0, match.start() - 25) : match.start()]
    return bool(LIST_NEIGHBOUR_RE.match(after) or LIST_NEIGHBOUR_BEFORE_RE.search(before))


def title_kind(title: str) -> str:
    low = title.lower()
    for kind, keys in SCORER_KINDS:
        if any(k in low for k in keys):
            return kind
    return "other"


def is_headline(text: str, start: int) -> bool:
    """The match sits in one of the first short lines without a full stop (the headline); blank
    lines and a site's name above it do not push it down."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    lines_above = [above for above in text[:line_start].split("\n") if above.strip()]
    return len(lines_above) < HEADLINE_LINES and len(line) < 200 and not line.endswith(".")


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


def title_of(text: str, start: int, sentence_end: int, kind: str = "") -> str:
    tail = text[start:sentence_end].split("\n")[0]
    closing = CLOSING_QUOTES.get(text[start - 1 : start])
    if closing:  # «Соглашение о …» заложило основу: the quoted title ends at its quote, however long
        return " ".join(tail.split(closing)[0].split()[:MAX_QUOTED_TITLE_WORDS]).rstrip(" ,.")
    tail = re.split(r",\s+(?:который|которое|которая|что|где|а\s+также)|\s+—\s+|;", tail)[0]
    tail = re.split(r",\s+(?!и\s)(?=[а-яё])", tail)[0]  # «соглашение, по данным министерства, …»
    words = tail.split()[:16]
    if kind:  # «протокол … при дорожно-транспортных …», «…, планируется»: a word naming another kind
        for i, word in enumerate(words[1:], start=1):
            named = title_kind(word)
            if (
                named != "other"
                and named != kind
                and any(word.lower().lstrip('«"(').startswith(k) for _, keys in SCORER_KINDS for k in keys)
            ):
                words = words[:i]
                break
    verb = next((i for i, word in enumerate(words[1:], start=1) if is_finite_verb(word)), None)
    if verb is not None:  # «соглашение подписали в Абу-Даби министр …»: the clause's verb ends the title
        words = words[:verb]
    while len(words) > 1 and words[-1].lower() in ("и", "или", "а", "не", "бы", "же", "уже", "также"):
        words.pop()  # «соглашение и «дорожную карту»»: the second document is found on its own
    return " ".join(words).rstrip(" ,.")


CLOSING_QUOTES = {"«": "»", '"': '"', "“": "”"}
MAX_QUOTED_TITLE_WORDS = 40


def is_finite_verb(word: str) -> bool:
    found = parses(word.lower().strip('«»"“”(),.'))
    return bool(found) and found[0].tag.POS == "VERB" and found[0].score > FINITE_VERB_SCORE


FINITE_VERB_SCORE = 0.5


def as_heading(phrase: str) -> str:
    """A document's name as a heading, for the review queue and the registry (the extractor's own
    output keeps the sentence's form, which its scoring reads): the leading adjectives and the head
    noun in the nominative, the first letter capital («подписали дорожную карту по подготовке кадров»
    gives «Дорожная карта по подготовке кадров»); what follows the head noun is kept."""
    words = phrase.split()
    for index, word in enumerate(words):
        found = parses(word)
        pos = found[0].tag.POS if found else None
        if pos not in ("ADJF", "PRTF", "NOUN"):
            break
        words[index] = to_nominative(word, pos=(pos,))
        if pos == "NOUN":
            break
    heading = " ".join(words)
    return heading[:1].upper() + heading[1:]


def same_title(first: str, second: str) -> bool:
    """One title repeats the other, shorter or longer («меморандум о сотрудничестве» and
    «меморандум о сотрудничестве в сфере образования»), or the shorter one's words all recur in the
    full title («меморандум о взаимопонимании в области цифровизации» and «Меморандум о
    взаимопонимании между министерствами … о сотрудничестве в области цифровизации»): the same
    document named twice."""
    short, long = sorted((first.lower().split(), second.lower().split()), key=len)
    if len(short) >= 2 and long[: len(short)] == short:
        return True
    short_stems, long_stems = title_stems(short), title_stems(long)
    return len(short_stems) >= MIN_SHARED_STEMS and short_stems <= long_stems


TITLE_FUNCTION_WORDS = {"о", "об", "в", "во", "и", "на", "по", "с", "со", "между", "для", "сфере", "области"}
MIN_SHARED_STEMS = 3


def title_stems(words: list[str]) -> frozenset[str]:
    """Five-letter stems of a title's content words after its kind noun."""
    return frozenset(w.strip('«»"“”(),.')[:5] for w in words[1:] if w.strip('«»"“”(),.') not in TITLE_FUNCTION_WORDS)


# «План мероприятий по реализации соглашения на 2026–2027 годы», «в рамках соглашения»: a document
# another one implements or an action relies on is the one already told, not a new one
RELIED_ON_RE = re.compile(
    r"(?:\bпо\s+реализации|\bво\s+исполнение|\bв\s+рамках|\bв\s+соответствии\s+со?|\bна\s+основании)\s+$",
    re.IGNORECASE,
)
# «меморандума о сотрудничестве между ведомствами двух стран»: parties only referred to name no
# new document; it is the one the story already told of
REFERRED_PARTIES_RE = re.compile(
    r"^[^.;]{0,80}?(?:\bмежду\s+(?:сторонами|ведомствами)|\b(?:двух|обеих|обоих|этих)\s+(?:стран|государств|сторон|ведомств))",
    re.IGNORECASE,
)


def find_agreements(text: str, sentences: Sentences) -> list[RawAgreement]:
    found: list[RawAgreement] = []
    for match in KIND_RE.finditer(text):
        kind = match.lastgroup
        sentence_start, sentence_end = sentences.around(match.start())
        after = text[match.end() : sentence_end]
        before = text[sentence_start : match.start()]
        specific = bool(SPECIFIER_RE.match(after)) or bool(SIGNED_RE.search(before + after))
        if (
            GENERIC_PLURAL_RE.match(match.group(0))
            and not re.match(r"\s*(?:о|об)\s", after)
            and not (SIGNED_RE.search(before) and re.search(r"\bмежду\s", before, re.IGNORECASE))
        ):
            continue  # «договоров с клиниками» in general; «между вузами подписано 40 договоров» are documents
        if kind == "plan" and NATIONAL_PLAN_RE.match(after):
            continue
        if in_list_of_kinds(text, match):
            continue
        other_document = bool(OTHER_DOCUMENT_RE.search(before[-45:]))
        same_kind = [a for a in found if a.kind == kind]
        if same_kind and is_headline(text, same_kind[-1].start):
            found.remove(same_kind[-1])  # the headline announces the document the body describes
            same_kind = []
        if same_kind and not other_document and not (specific and SPECIFIER_RE.match(after)):
            continue  # a repeat of the document already found
        if same_kind and not other_document and (REFERRED_PARTIES_RE.match(after) or RELIED_ON_RE.search(before)):
            continue
        title = title_of(text, match.start(), sentence_end, kind)
        restated = next((a for a in same_kind if same_title(a.title, title)), None)
        if restated is not None and not other_document:
            restated.title = max(restated.title, title, key=len)  # «меморандум о сотрудничестве в сфере …»
            continue
        weak_kind = kind in ("agreement", "protocol", "contract")
        if not same_kind and not specific and not other_document and weak_kind:
            continue  # «договор» in passing, «протокол» without subject: too weak alone
        sentence = text[sentence_start:sentence_end]
        found.append(
            RawAgreement(
                kind,
                status_of(sentence, before),
                title,
                match.start(),
                match.end(),
            )
        )
    return found
