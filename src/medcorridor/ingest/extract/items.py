"""Registry items an article reports besides meetings and documents: training programmes,
missions of visiting doctors, donations and supplies, joint projects.

Each kind has a sentence rule (a cue and, for donations, what was given); the figures of the same
sentence are linked to the item when the text says what they count: «провели 35 операций»
(operations), «проконсультировали 210 пациентов» (consultations), «оборудование на сумму $1,2 млн»
(value and currency), «20 врачей пройдут обучение» (trainees). One mission per article (a visiting
team's week is one mission however many sentences tell it); one donation per kind of goods, one
project per kind; a programme per sentence that names its trainees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .countries import codes_in
from .figures import CURRENCIES, RawFigure
from .text import Sentences

ITEM_KINDS = ("programme", "mission", "donation", "project")

TRAINING_RE = re.compile(
    r"(?:пройд|прош|проход|получ)\w*\s+(?:[\w-]+\s+){0,3}?(?:обучени|стажировк|переподготовк|подготовк|"
    r"повышени\w*\s+квалификаци)|\bобуч(?:ат|ить|ены|или|ились|аются)\b|будут\s+обучены|"
    r"на\s+(?:стажировку|обучение|переподготовку)|\bобучал?ись\b",
    re.IGNORECASE,
)
TRAINEE_RE = re.compile(
    r"^(?:[\w-]+(?:ых|их|ого|его|ой|ий|ый|ая|яя)\s+){0,3}(?:врач|специалист|медсест|сест[её]р|студент|хирург|медик|\w*лог(?:а|ов)?\b|"
    r"инспектор|эксперт|преподавател|ординатор|фельдшер|человек|стажер|стажёр|слушател|инструктор|"
    r"сотрудник|провизор|фармацевт)",
    re.IGNORECASE,
)
DURATION_CLASSES = (
    ("long", re.compile(r"ординатур|резидентур|магистратур|(?:дву|тр[её]х|пяти)летн|\bгод\w*\s+обучени", re.I)),
    ("medium", re.compile(r"(?:четыр[её]х|пяти|шести|восьми|девяти|десяти)месячн|полугод", re.I)),
    ("short", re.compile(r"месячн|недельн|\bнедел|\bдн(?:ей|я)\b|двухмесячн|тр[её]хмесячн|мастер-класс|курс", re.I)),
)

TEAM_RE = re.compile(
    r"\bбригад\w*|\bмисси\w*|\bкоманд\w*\s+(?:[\w-]+\s+){0,2}?(?:врач|медик|специалист|хирург)|\bвыездн\w*|"
    r"\bприехал\w*|\bприбыл\w*|\bгрупп\w*\s+(?:[\w-]+\s+){0,2}?(?:врач|хирург|кардиохирург|специалист)",
    re.IGNORECASE,
)
FOREIGN_DOCTORS_RE = re.compile(
    r"\b([А-ЯЁа-яё]+(?:ие|ий|ая|их))\s+(?:[\w-]+\s+)?(?:врач|хирург|кардиохирург|нейрохирург|медик|специалист)\w*"
)
OPERATION_VERB_RE = re.compile(r"провел\w*|провёл\w*|выполн\w*|сделал\w*|прооперир\w*", re.IGNORECASE)
OPERATIONS_RE = re.compile(r"^(?:[\w-]+\s+){0,2}?операци", re.IGNORECASE)
PATIENTS_RE = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:пациент|жител|дет|человек|больн|женщин|граждан)", re.I)
CONSULT_RE = re.compile(r"консульт\w*|осмотрел\w*|обследовал\w*|\bприняли\b", re.IGNORECASE)
MASTER_CLASS_RE = re.compile(r"мастер-класс", re.IGNORECASE)
FREE_RE = re.compile(
    r"бесплатн\w*|безвозмездн\w*|на\s+безвозмездной\s+основе|расходы\s+(?:[\w-]+\s+){0,3}?взял\w*", re.I
)

CARE_RE = re.compile(r"операци|консультаци|помощ|лечени|обследовани|осмотр", re.IGNORECASE)

DONATION_VERB_RE = re.compile(
    r"\bпереда(?:л|ло|ла|ли|ст|дут|ть)\b|\bподарил\w*|гуманитарн\w+\s+помощ\w*|"
    r"\bпоставлен\w*|\bпоставк\w*|\bпожертвова\w*|грант\w*\s+(?:[\w,-]+\s+){0,6}?на\s+оснащени\w*",
    re.IGNORECASE,
)
GOODS = {
    "medicines": re.compile(r"лекарств\w*|медикамент\w*|препарат\w*|вакцин\w*", re.IGNORECASE),
    "equipment": re.compile(
        r"оборудовани\w*|аппарат\w*|томограф\w*|инкубатор\w*|реанимобил\w*|(?:машин|автомобил)\w*\s+скорой|"
        r"симулятор\w*|манекен\w*|тренаж[её]р\w*|стойк\w*|кроват\w*|монитор\w*|расходн\w+\s+материал\w*|"
        r"\bна\s+оснащени\w*",
        re.IGNORECASE,
    ),
}
DONOR_GAP = 25  # «Турецкое агентство … (ТИКА) передало», «Правительство Японии безвозмездно передало»
NOT_GOODS_RE = re.compile(r"\bпередал\w*\s+(?:привет|слов|документ|письм|благодарств)", re.IGNORECASE)

PROJECT_RE = re.compile(
    r"строительств\w*|\bпострои\w*|\bпостроят\b|закладк\w+\s+(?:[\w-]+\s+)?камня|\bвозвед\w*|"
    r"\bсозда\w*\s+(?:[\w-]+\s+){0,3}?(?:центр|клиник|больниц|госпитал)|"
    r"\bоткры\w*\s+(?:[\w-]+\s+){0,3}?(?:центр|клиник|больниц|госпитал)|"
    r"(?:пилотн|совместн)\w+\s+проект\w*|модернизаци\w*\s+(?:[\w-]+\s+){0,2}?скорой",
    re.IGNORECASE,
)
PROJECT_COST_RE = re.compile(r"(?:стоимост|бюджет|смет)\w*\s+проект|проект\w*\s+стоимостью", re.IGNORECASE)
PROJECT_OBJECT_CHARS = 60  # the kind of project is named right after the cue
PROJECT_KINDS = (
    ("diagnostic_centre", re.compile(r"диагностическ\w+\s+центр", re.IGNORECASE)),
    ("ambulance", re.compile(r"скорой|реанимобил|санитарн\w+\s+авиаци", re.IGNORECASE)),
    ("medical_centre", re.compile(r"\b(?:\w+\s+)?(?:центр|клиник|больниц|госпитал|корпус)\w*", re.IGNORECASE)),
)
STATUS_ORDER = ("planned", "in_progress", "completed")
PROJECT_STATUS = (
    (
        "completed",
        re.compile(r"\bоткрыл\w*|\bоткрыт\w*\s+(?:в|во)\b|введен\w*\s+в\s+эксплуатаци|завершил\w*\s+строит", re.I),
    ),
    ("in_progress", re.compile(r"реализу\w*|вед[её]тся|строится|\bначал\w*|закладк\w*|завершить", re.IGNORECASE)),
)


@dataclass
class RawItem:
    kind: str  # programme, mission, donation, project
    subtype: str  # mission: surgery | consultation | master_class; donation: equipment | medicines | other;
    # project: diagnostic_centre | medical_centre | ambulance | other; programme: short | medium | long
    title: str  # the sentence (or clause) that tells it
    start: int
    end: int
    fields: dict = field(default_factory=dict)
    figure_spans: list[tuple[int, int]] = field(default_factory=list)


def find_items(text: str, sentences: Sentences, figures: list[RawFigure], organisations: list) -> list[RawItem]:
    """``organisations``: the organisations found in the text (``name``, ``start``, ``end``)."""
    bounds = [part for bound in sentences for part in lines_of(text, *bound)]
    items = programmes(text, bounds, figures, organisations)
    mission = find_mission(text, bounds, figures, organisations)
    if mission is not None:
        items.append(mission)
    items += donations(text, bounds, figures, organisations)
    items += projects(text, bounds, figures, organisations)
    return sorted(items, key=lambda i: (i.start, ITEM_KINDS.index(i.kind)))


def lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at paragraph breaks: a headline and the dateline under it are not one
    sentence (a line wrapped inside a paragraph stays whole)."""
    found, cursor = [], start
    for paragraph in text[start:end].split("\n\n"):
        if paragraph.strip():
            found.append((cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    return found


def sentence_figures(figures: list[RawFigure], start: int, end: int) -> list[RawFigure]:
    return [f for f in figures if start <= f.start < end]


def sentence_orgs(organisations: list, start: int, end: int) -> list:
    return [o for o in organisations if start <= o.start < end]


def clause(text: str, start: int, end: int, limit: int = 300) -> str:
    return " ".join(text[start:end].split())[:limit]


MONEY_UNITS = frozenset(CURRENCIES.values())


def money(found: list[RawFigure]) -> RawFigure | None:
    """The first amount of money (not a percentage, not «десятилетнее» years)."""
    return next((f for f in found if f.unit in MONEY_UNITS), None)


def programmes(text, bounds, figures, organisations) -> list[RawItem]:
    """«20 врачей пройдут обучение в …»: a programme with its trainees."""
    found = []
    for start, end in bounds:
        if not TRAINING_RE.search(text, start, end):
            continue
        trainees = next(
            (f for f in sentence_figures(figures, start, end) if not f.unit and TRAINEE_RE.match(f.what)), None
        )
        if trainees is None:
            continue
        sentence = text[start:end]
        duration = next((name for name, pattern in DURATION_CLASSES if pattern.search(sentence)), "")
        host = next(iter(sentence_orgs(organisations, start, end)), None)
        fields = {"trainees": int(trainees.value), "what": trainees.what}
        if host is not None:
            fields["organisation"] = host.name
        found.append(
            RawItem(
                "programme", duration, clause(text, start, end), start, end, fields, [(trainees.start, trainees.end)]
            )
        )
    return found


def is_team(text: str, start: int, end: int) -> bool:
    """«бригада», «миссия», «команда врачей», or doctors named by a country («Индийские
    кардиохирурги», «корейские врачи»)."""
    if TEAM_RE.search(text, start, end):
        return True
    return any(codes_in(m.group(1)) for m in FOREIGN_DOCTORS_RE.finditer(text, start, end))


def find_mission(text, bounds, figures, organisations) -> RawItem | None:
    """A visiting team and what it did: operations, consultations, master classes, free of charge."""
    team = [(s, e) for s, e in bounds if is_team(text, s, e)]
    if not team:
        return None
    fields: dict = {}
    spans: list[tuple[int, int]] = []
    told: list[tuple[int, int]] = []
    for start, end in bounds:
        found = sentence_figures(figures, start, end)
        operations = operations_in(text, found, start, end)
        consultations = consultations_in(text, [f for f in found if f is not operations], start, end)
        for key, figure in (("operations", operations), ("consultations", consultations)):
            if figure is not None and key not in fields:
                fields[key] = int(figure.value)
                spans.append((figure.start, figure.end))
                told.append((start, end))
        if MASTER_CLASS_RE.search(text, start, end) and (start, end) in team:
            told.append((start, end))
    if not told:
        return None
    if any(FREE_RE.search(text, s, e) and CARE_RE.search(text, s, e) for s, e in bounds):
        fields["free_of_charge"] = True
    first = min(team + told)
    organisation = next((o for s, e in team for o in sentence_orgs(organisations, s, e)), None)
    if organisation is not None:
        fields["organisation"] = organisation.name
    subtype = (
        "surgery"
        if "operations" in fields
        else "master_class"
        if any(MASTER_CLASS_RE.search(text, s, e) for s, e in told)
        else "consultation"
    )
    return RawItem("mission", subtype, clause(text, *first), first[0], first[1], fields, spans)


def operations_in(text, found, start, end) -> RawFigure | None:
    """«провели 35 операций», «прооперировали 27 детей», «прооперированы 12 пациентов»."""
    for figure in found:
        if figure.unit:
            continue
        before = text[max(start, figure.start - 40) : figure.start]
        if OPERATION_VERB_RE.search(before) and OPERATIONS_RE.match(figure.what):
            return figure
        if re.search(r"прооперир\w*\s*$", before, re.IGNORECASE) and PATIENTS_RE.match(figure.what):
            return figure
    return None


def consultations_in(text, found, start, end) -> RawFigure | None:
    """«проконсультировали 210 пациентов», «консультации получили 95 жителей», «осмотрели 640»."""
    for figure in found:
        if figure.unit or not PATIENTS_RE.match(figure.what):
            continue
        around = text[max(start, figure.start - 40) : min(end, figure.end + 25)]
        if CONSULT_RE.search(around):
            return figure
    return None


def donations(text, bounds, figures, organisations) -> list[RawItem]:
    """«ТИКА передало госпиталю оборудование на сумму $1,2 млн»: what, donor, recipient, value."""
    by_kind: dict[str, RawItem] = {}
    for start, end in bounds:
        verb = DONATION_VERB_RE.search(text, start, end)
        if verb is None or NOT_GOODS_RE.search(text, start, end):
            continue
        goods = [(m.start(), kind, m) for kind, p in GOODS.items() if (m := p.search(text, start, end))]
        if not goods:
            continue
        _position, kind, what = min(goods, key=lambda g: g[0])
        item = by_kind.get(kind)
        if item is None:
            described = re.split(r"[,.;:—]|\s(?:на\s+сумму|стоимостью|общ\w+\s+вес\w*)\s", text[what.start() : end])[0]
            described = adjectives_before(text, start, what.start()) + described
            described = " ".join(described.split())[:200]
            item = RawItem("donation", kind, clause(text, start, end), start, end, {"what": described})
            by_kind[kind] = item
        fill_money(item, sentence_figures(figures, start, end))
        orgs = sentence_orgs(organisations, start, end)
        if "recipient" not in item.fields:
            recipient = next((o for o in orgs if o.start > verb.start()), None)
            if recipient is not None:
                item.fields["recipient"] = recipient.name
        if "donor" not in item.fields:  # the subject right before the verb («ТИКА передало»)
            donor = next((o for o in orgs if 0 <= verb.start() - o.end <= DONOR_GAP), None)
            if donor is not None:
                item.fields["donor"] = donor.name
    return list(by_kind.values())


ADJECTIVES_BEFORE_RE = re.compile(r"(?:[а-яё-]+(?:ое|ые|ую|ий|ый|ая|ой|ых|их|ого)\s+){1,2}$")


def adjectives_before(text: str, start: int, at: int) -> str:
    """«лапароскопическую стойку», «медицинское оборудование»: the words that say what kind."""
    found = ADJECTIVES_BEFORE_RE.search(text[max(start, at - 60) : at])
    return found.group(0) if found else ""


def fill_money(item: RawItem, found: list[RawFigure]) -> None:
    value = money(found)
    if value is not None and "value" not in item.fields:
        item.fields["value"] = value.value
        item.fields["currency"] = value.unit
        item.figure_spans.append((value.start, value.end))


def projects(text, bounds, figures, organisations) -> list[RawItem]:
    """«строительство многопрофильного центра на 300 коек стоимостью 150 млн долларов»."""
    by_kind: dict[str, RawItem] = {}
    for start, end in bounds:
        cue = PROJECT_RE.search(text, start, end)
        if cue is None:
            if by_kind and PROJECT_COST_RE.search(text, start, end):  # «Стоимость проекта — $150 млн»
                fill_money(next(iter(by_kind.values())), sentence_figures(figures, start, end))
            continue
        sentence = text[start:end]
        what = text[cue.start() : min(end, cue.end() + PROJECT_OBJECT_CHARS)]
        kind = next((name for name, pattern in PROJECT_KINDS if pattern.search(what)), "other")
        if kind == "other" and by_kind:  # «Стоимость проекта …, строительство …»: the project told before
            kind = next(iter(by_kind))
        status = next((name for name, pattern in PROJECT_STATUS if pattern.search(sentence)), "planned")
        item = by_kind.get(kind)
        if item is None:
            item = RawItem("project", kind, clause(text, start, end), start, end, {"status": status})
            by_kind[kind] = item
        elif STATUS_ORDER.index(status) > STATUS_ORDER.index(item.fields["status"]):
            item.fields["status"] = status  # «построят …», then «заложили первый камень»
        fill_money(item, sentence_figures(figures, start, end))
        names = [o.name for o in sentence_orgs(organisations, start, end)]
        if names:
            item.fields["organisations"] = list(dict.fromkeys([*item.fields.get("organisations", []), *names]))
    return list(by_kind.values())
