"""Officials: a person (natasha PER span) with a position phrase next to the name.

The position is looked for on the left («министра здравоохранения РФ Михаила Мурашко») and,
failing that, in an apposition on the right («Иван Петров, главный врач …,»). When several
positions are chained by commas the first is the main one («главный врач …, руководитель группы
Ибрагим Ташев»). Names and position heads are put into the nominative with pymorphy3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import morph
from .countries import codes_in, genitive_name
from .text import Token, tokenize

POSITION_HEADS = {
    "министр",
    "вице-министр",
    "замминистра",
    "заместитель",
    "посол",
    "консул",
    "аким",
    "мэр",
    "губернатор",
    "глава",
    "руководитель",
    "председатель",
    "спикер",
    "командующий",
    "президент",
    "вице-президент",
    "премьер-министр",
    "вице-премьер",
    "директор",
    "ректор",
    "проректор",
    "декан",
    "главврач",
    "врач",
    "заведующий",
    "хирург",
    "кардиохирург",
    "нейрохирург",
    "трансплантолог",
    "онколог",
    "профессор",
    "начальник",
    "советник",
    "атташе",
    "представитель",
    "координатор",
    "управляющий",
    "секретарь",
    "статс-секретарь",
    "депутат",
    "сенатор",
    "уполномоченный",
    "специалист",
    "педиатр",
    "кардиолог",
    "эксперт",
    "основатель",
    "менеджер",
    "офицер",
    # clinical professions: members of a visiting team are listed by them
    "анестезиолог",
    "реаниматолог",
    "уролог",
    "эндокринолог",
    "офтальмолог",
    "невролог",
    "нефролог",
    "гематолог",
    "терапевт",
    "гинеколог",
    "травматолог",
    "ортопед",
    "фельдшер",
    "медсестра",
    "сестра",
    "консультант",
    "инструктор",
    "инспектор",
    "хоким",
    "хаким",
    "член-корреспондент",
    "членкорреспондент",
    # contracted and compound offices, as agencies print them
    "замглавы",
    "зампредседателя",
    "замначальник",
    "замдиректор",
    "замгендиректор",
    "замруководитель",
    "гендиректор",
    "генконсул",
    "генсек",
    "премьер",
    "канцлер",
    # heads of state by other titles
    "эмир",
    "король",
    "султан",
}
# «вице-губернатор», «вице-мэр», «вице-спикер»: a deputy of any office holds a position
DEPUTY_PREFIX = "вице-"
# academic titles stand between the office and the name («заведующий отделением … профессор Андрей
# Чжао»): the office before them is the position
HONORIFICS = {"профессор", "доцент", "академик", "член-корреспондент", "членкорреспондент"}
VERB_POS = {"VERB", "INFN"}
# heads whose own country must stay in the position («посол Республики Беларусь»)
COUNTRY_BOUND_HEADS = {"посол", "консул", "атташе", "представитель"}
BLOCKERS = {
    "с",
    "со",
    "встретился",
    "встретилась",
    "провел",
    "провела",
    "когда",
    "что",
    "который",
    "которая",
    "также",
    "где",
    "как",
    "от",
}
EPONYM_MARKERS = re.compile(r"(им\.|имени|академика|ак\.|проф\.)\s*$")
NAME_PARTICLES = r"(?:ибни|ибн|бин|бинт|аль|ал|ад|ас|уль|ар)"
# «имени Абуали ибни » right before the span: its first word ends the eponym
EPONYM_OPEN_RE = re.compile(rf"(?:им\.|имени)\s+[А-ЯЁ][\w-]*\s+{NAME_PARTICLES}\s*$")
ARTICLE_NAME_RE = re.compile(r"^(?:аль|ал|ад|ас|ар|эль|ан|уль)-[А-ЯЁ]")  # «Хамад Саид аль-Кааби»
PARTICLE_RE = re.compile(rf"\s{NAME_PARTICLES}\s")
NAME_PARTICLE_RE = re.compile(NAME_PARTICLES)
# «посол Республики Турция в КР г-ном Ахмет Садык Доган»: the courtesy before a name is no title
# «Е.П. г-н …» (Его Превосходительство): one courtesy or a run of them before the name
FORM_OF_ADDRESS_RE = re.compile(
    r"(?:\s+(?:г-(?:н|на|ну|ном|не|жа|жи|же|жой)|господин\w*|госпож\w*|мистер\w*|д-р\w*|доктор\w*|шейх\w*|"
    r"Е\.\s?П\.?|[Ее]го\s+[Пп]ревосходительств\w*|[Ее]ё\s+[Пп]ревосходительств\w*))+$"
)
INITIALS_ONLY_RE = re.compile(r"(?:[А-ЯЁA-Z]\.?\s*)+")
# a military rank between the office and the name («начальник управления полковник медицинской
# службы Абдулахатов», «командующим … генералом Чой Бьюнг Сеопом») is his rank, not his position
RANK_RE = re.compile(
    r"\s+(?:генерал|полковник|подполковник|майор|капитан|адмирал|лейтенант)\w*(?:-\w+)?"
    r"(?:\s+(?:медицинской|юстиции)(?:\s+службы)?)?$"
)
MAX_TAIL = 16
MAX_QUOTED_NAME = 12  # tokens from an opening to a closing quote of a name inside a title
MAX_ENUMERATION = 3  # commas inside one genitive complement
SOFT_STEM_ENDINGS = {"ablt": "ем", "gent": "я", "datv": "ю", "accs": "я"}


@dataclass
class RawOfficial:
    name: str
    position: str
    country: str  # "" until the pipeline infers it from context
    head: str  # lemma of the position head, e.g. "министр"
    name_span: tuple[int, int]
    position_span: tuple[int, int]


# a noun reading far less likely than the word's function-word reading is not the word: «после
# встречи» is «after the meeting», not the locative of «посол»
UNLIKELY_READING = 0.05


def head_of(token: Token):
    if not token.is_word:
        return None
    parses = morph.parses(token.text.lower())
    if parses and parses[0].tag.POS in ("PREP", "CONJ", "PRCL") and parses[0].score > 1 - UNLIKELY_READING:
        return None
    for parse in parses:
        if parse.tag.POS == "NOUN" and is_office(parse.normal_form):
            return parse
        if parse.tag.POS in ("ADJF", "PRTF") and substantive_lemma(parse) in POSITION_HEADS:
            return parse
    return None


def is_office(lemma: str) -> bool:
    """A head, a deputy's («вице-губернатор») or a compound one («советник-посланник»,
    «министр-советник», «врач-кардиолог»)."""
    if lemma in POSITION_HEADS:
        return True
    if lemma.startswith(DEPUTY_PREFIX):
        return lemma[len(DEPUTY_PREFIX) :] in POSITION_HEADS
    parts = lemma.split("-")
    return len(parts) == 2 and all(parts) and any(part in POSITION_HEADS for part in parts)


def substantive_lemma(parse) -> str:
    """«заведующая» -> «заведующий» (a participle's normal form would be the verb)."""
    masculine = parse.inflect({"masc", "sing", "nomn"})
    return masculine.word if masculine is not None else parse.normal_form


def person_tokens(text: str, start: int, end: int) -> list[Token]:
    """The capitalised words of a PER span, cut at a line break (NER sometimes runs on)."""
    chunk = text[start:end].split("\n")[0]
    words = [t for t in tokenize(chunk, start) if t.is_word]
    # «Хамад бин Халид», «Абуали ибни Сино»: a particle between two capitalised words is the name's
    return [
        t
        for i, t in enumerate(words)
        if t.is_capitalised
        or ARTICLE_NAME_RE.match(t.text)
        or (0 < i < len(words) - 1 and NAME_PARTICLE_RE.fullmatch(t.text) and words[i + 1].is_capitalised)
    ]


def is_institution_word(token: Token) -> bool:
    """A known word that can only be an inanimate noun in the genitive («Мажилиса», «Сената»,
    «Минздрава»): the end of a title, never a person's name."""
    found = morph.parses(token.text.lower())
    return (
        bool(found)
        and found[0].is_known
        and all(p.tag.POS == "NOUN" and {"inan", "sing", "gent"} <= p.tag.grammemes for p in found)
    )


def without_institution(tokens: list[Token], starts: dict[int, int], words: list[Token]) -> list[Token]:
    """«Депутат Мажилиса Нургуль Тау»: the tagger took the institution right after an office into
    the name («посла Кореи Пака Чон Хо»: «Пака» follows no office, it is his name)."""
    while len(words) > 2 and is_institution_word(words[0]):
        index = starts.get(words[0].start)
        if not index or head_of(tokens[index - 1]) is None:
            break
        words = words[1:]
    return words


def without_eponym(text: str, start: int, words: list[Token]) -> list[Token]:
    """A PER span that swallowed the eponym before the name («имени Абуали ибни Сино Гулнора
    Рахимова», «имени Ахунбаева Индира Кудайбергенова»): the eponym's words are dropped; a span
    that is only the eponym («имени Дмитрия Рогачева») leaves nothing."""
    before = text[max(0, start - 40) : start]
    if EPONYM_OPEN_RE.search(before):
        rest = words[1:]
    elif EPONYM_MARKERS.search(before[-12:]):
        inside = PARTICLE_RE.search(text, words[0].end, words[-1].start) if words else None
        if inside is not None:
            rest = [w for w in words if w.start > inside.end()][1:]
        else:
            rest = words[1:] if len(words) >= 3 else []
    else:
        return words
    return rest if len(rest) >= 2 else []


def name_case(tokens: list[Token], head_parse) -> str | None:
    if head_parse is not None and head_parse.tag.case:
        return head_parse.tag.case
    for token in tokens:
        parse = morph.best_parse(token.text, "Name") or morph.best_parse(token.text, "Surn")
        if parse is not None:
            return parse.tag.case
    return "nomn"


# a man's surname in the nominative: in any other case but the accusative it would have an ending
MASCULINE_NOMINATIVE_RE = re.compile(r"[А-ЯЁ]\w{2,}(?:ов|ев|ёв|ин|ын)$")


def nominative_name(tokens: list[Token], case: str | None) -> str:
    """«Михаила Мурашко» -> «Михаил Мурашко», «Акмарал Альназаровой» -> «Акмарал Альназарова»."""
    if case not in (None, "nomn", "accs") and tokens and MASCULINE_NOMINATIVE_RE.search(tokens[-1].text):
        case = "nomn"  # «исполняющий обязанности министра Дамирбек Осмонов»: the name is not «министра»'s
    gender = person_gender(tokens, case)
    words = []
    for token in tokens:
        word = as_name_case(token.text)
        if INITIAL_LETTER_RE.match(word):
            word += "."  # «А.Бокарев»: the tokens keep the letter, not its dot
        elif case and case != "nomn" and "-" not in word and not re.match(r"^[А-ЯЁ]\.", word):
            word = inflect_name_word(word, case, gender)
        words.append(word)
    return " ".join(words)


INITIAL_LETTER_RE = re.compile(r"^[А-ЯЁA-Z]$")


def as_name_case(word: str) -> str:
    """Official notes write the surname in capitals («г-н ЯМАМОТО Хироюки»): a name is written
    «Ямамото» (parts of a hyphenated name each capitalised)."""
    if len(word) < 3 or not word.isupper():
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def person_gender(tokens: list[Token], case: str | None) -> str | None:
    for token in tokens:
        for tag in ("Surn", "Patr"):
            parse = morph.best_parse(token.text, tag, case) if case else None
            if parse is not None and parse.tag.gender in ("masc", "femn"):
                if re.search(r"(ой|ной|вой|евой|иной)$", token.text) and case != "nomn":
                    return "femn"
                return parse.tag.gender
    first = morph.best_parse(tokens[0].text, "Name") if tokens else None
    return first.tag.gender if first is not None else None


def inflect_name_word(word: str, case: str, gender: str | None) -> str:
    for tag in ("Surn", "Name", "Patr"):
        for parse in morph.parses(word):
            if (
                tag in parse.tag
                and case in parse.tag
                and (gender is None or parse.tag.gender in (gender, None) or "ms-f" in parse.tag)
            ):
                inflected = parse.inflect({"nomn", "sing"})
                if inflected is not None:
                    return morph.keep_case(word, inflected.word)
    return strip_foreign_ending(word, case)


def strip_foreign_ending(word: str, case: str) -> str:
    """Unknown (Korean, Mongolian...) names: undo the common Russian case endings."""
    endings = {"ablt": ("ом", "ем", "ой"), "gent": ("ы", "а", "я"), "datv": ("у", "ю"), "accs": ("а", "я")}
    # «Кызылаем», «Кызылая», «Кызылаю»: a stem ending in «-й» after a vowel
    soft = SOFT_STEM_ENDINGS.get(case)
    if soft and len(word) > 4 and re.search(rf"[аеиоуэ]{soft}$", word):
        return word[: -len(soft)] + "й"
    for ending in endings.get(case, ()):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            # «Мирандой» -> «Миранда» (a noun in «-а»), «Анхелем» -> «Анхель» (a soft stem)
            if ending in ("ы", "ой"):
                return stem + "а"
            if ending == "ем" and re.search(r"[бвгдзклмнпрстфх]$", stem):
                return stem + "ь"
            return stem
    return word


def segment_start(tokens: list[Token], before: int, sentence_start: int) -> int:
    """Index of the first token after the last comma/dash/colon before ``before``."""
    index = before
    while index > 0 and tokens[index - 1].start >= sentence_start:
        if tokens[index - 1].text == "»":
            opening = quoted_name_start(tokens, index - 1, sentence_start)
            if opening is None:
                break
            index = opening
            continue
        if tokens[index - 1].text == ")":
            opening = bracketed_abbreviation_start(tokens, index - 1, sentence_start)
            if opening is None:
                break
            index = opening
            continue
        if tokens[index - 1].text in (",", "—", ":", "–", "(", "«"):
            break
        index -= 1
    return index


def bracketed_abbreviation_start(tokens: list[Token], closing: int, sentence_start: int) -> int | None:
    """«Руководитель Агентства … по международному сотрудничеству (KOICA) в Кыргызстане Пак Сын
    Хун»: an organisation's abbreviation in brackets inside a title; the opening bracket's index."""
    opening = closing - 2
    if opening < 1 or tokens[opening].text != "(" or tokens[opening].start < sentence_start:
        return None
    word = tokens[closing - 1].text
    return opening if re.fullmatch(r"[A-ZА-ЯЁ][A-ZА-ЯЁa-z]{1,9}", word) and word[1:2].isupper() else None


def quoted_name_start(tokens: list[Token], closing: int, sentence_start: int) -> int | None:
    """«… клиники «Сункар» Айгуль …»: a short quoted name inside a title, after a word that it
    names; returns the index of its opening quote (a quotation ending a sentence is not one)."""
    for index in range(closing - 1, max(closing - MAX_QUOTED_NAME, -1), -1):
        text = tokens[index].text
        # a dash may join a compound inside a name («Санкт — Петербургский»), a full stop may not
        if tokens[index].start < sentence_start or text in (".", ",", ":", "»", "!", "?"):
            return None
        if text == "«":
            before = tokens[index - 1] if index > 0 else None
            if index == closing - 1 or before is None or not before.is_word or before.start < sentence_start:
                return None
            return index
    return None


def left_position(
    tokens: list[Token], name_index: int, sentence_start: int, named: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """Token range [start, end) of the position phrase ending right before the name."""
    segment = segment_start(tokens, name_index, sentence_start)
    found = head_in_segment(tokens, segment, name_index)
    # «президент Ассоциации предпринимателей, культуры, солидарности и дружбы Шевки Сарылар»: an
    # enumeration of genitives goes on the complement of a head before the commas
    for _ in range(MAX_ENUMERATION):
        if found is not None or segment < 2 or tokens[segment - 1].text != ",":
            break
        between = tokens[segment:name_index]
        if not between or not all(t.text in ("и", ",") or is_genitive_noun(t) for t in between):
            break
        segment = segment_start(tokens, segment - 1, sentence_start)
        found = head_in_segment(tokens, segment, name_index)
    if found is None:
        return None
    start, head = found
    # chained titles («Руководитель команды, заместитель директора больницы Ван Цзяньго»): both
    # are his; the position runs from the first, which leads
    if start == segment and segment >= 2 and tokens[segment - 1].text == ",":
        previous = segment_start(tokens, segment - 1, sentence_start)
        earlier = head_in_segment(tokens, previous, segment - 1)
        # «…, посол Олгун Аслан, координатор Мустафа Йылдырым»: the earlier title is someone else's
        if earlier is not None and not any(i in named for i in range(earlier[0], segment - 1)):
            return earlier[0], name_index
    return start, name_index


def head_in_segment(tokens: list[Token], segment: int, end: int) -> tuple[int, int] | None:
    """The nearest position head in tokens[segment:end] with a clean tail up to ``end``."""
    for head in range(end - 1, segment - 1, -1):
        if end - head > MAX_TAIL:
            return None
        token = tokens[head]
        if token.text.lower() in BLOCKERS or is_verb(token) or is_person_link(tokens, head):
            return None
        parse = head_of(token)
        if parse is None:
            continue
        if "sing" not in parse.tag:
            if "gent" in parse.tag and head > segment:
                continue  # «председатель совета директоров»: a complement, the head is further left
            return None  # «руководители клиники»: a group, not one person's title
        if head > segment and is_genitive_complement(tokens, head):
            # «заместитель главы администрации президента»: the office is the head further left
            outer = head_in_segment(tokens, segment, head - 1)
            if outer is not None:
                return outer
        if parse.normal_form in HONORIFICS and head == end - 1:
            office = head_in_segment(tokens, segment, head)
            if office is not None:
                return office
        head = governing_head(tokens, head, segment)
        return modifiers_start(tokens, head, segment), head
    return None


def is_genitive_noun(token: Token) -> bool:
    return token.is_word and morph.likeliest_has(token.text.lower(), "NOUN", "gent")


def is_genitive_complement(tokens: list[Token], head: int) -> bool:
    """«администрации президента»: a genitive head right after a genitive noun that is no head."""
    previous = tokens[head - 1]
    if head_of(previous) is not None or not is_genitive_noun(previous):
        return False
    return morph.has_tag(tokens[head].text.lower(), "NOUN", "gent")


def is_verb(token: Token) -> bool:
    """A verb ends a title's tail. Read by the most probable parse: «при» is a preposition before
    it is the imperative of «переть», «части» a noun before a verb; an unknown word inside a title
    is a name or a particle («Истиклол», «ибни»), not a guessed verb."""
    if not token.is_word:
        return False
    found = morph.parses(token.text.lower())
    return bool(found) and found[0].tag.POS in VERB_POS and found[0].is_known


def is_person_link(tokens: list[Token], index: int) -> bool:
    """«… Альназаровой и посла …»: an «и» right after a capitalised word joins two people."""
    return tokens[index].text == "и" and index > 0 and tokens[index - 1].is_capitalised


def governing_head(tokens: list[Token], head: int, segment: int) -> int:
    """«заместитель Премьер-Министра», «первым заместителем министра»: the outer head governs."""
    before = modifiers_start(tokens, head, segment) - 1
    while before >= segment and head_of(tokens[before]) is not None:
        head = before
        before = modifiers_start(tokens, head, segment) - 1
    return head


def modifiers_start(tokens: list[Token], head: int, segment: int) -> int:
    start = head
    while start > segment and is_modifier(tokens, start - 1):
        start -= 1
    while start < head and tokens[start].text.lower() == "и":
        start += 1
    return start


def is_modifier(tokens: list[Token], index: int) -> bool:
    """«главный», «первым», «чрезвычайный и полномочный»; not pronouns, not proper names."""
    token = tokens[index]
    if not token.is_word or (
        token.is_capitalised and index > 0 and tokens[index - 1].text not in (".", "\n") and tokens[index - 1].is_word
    ):
        return False
    if token.text.lower() == "и":
        return index > 0 and morph.has_tag(tokens[index - 1].text.lower(), "ADJF")
    parse = morph.best_parse(token.text.lower(), "ADJF")
    return parse is not None and "Apro" not in parse.tag


def right_position(
    tokens: list[Token], after: int, sentence_end: int, named: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """«Иван Петров, главный врач больницы, отметил»: the apposition after the name. A title
    followed by another person's name is that person's («Камолзода, представитель ВОЗ Галина
    Перфильева и …»), not an apposition."""
    if after >= len(tokens) or tokens[after].text not in (",", "—", "–", "("):  # «Х (посол Турции)»
        return None
    start = after + 1
    for head in range(start, min(start + 4, len(tokens))):
        if head_of(tokens[head]) is not None:
            end = head + 1
            while (
                end < len(tokens)
                and tokens[end].start < sentence_end
                and tokens[end].text not in (",", ".", "—", ";", ")")
                and not is_verb(tokens[end])
                and end - head <= MAX_TAIL
            ):
                if end in named:
                    return None
                end += 1
            return start, end
    return None


def normalise_position(tokens: list[Token], start: int, end: int, text: str) -> tuple[str, object]:
    """Modifiers and head in the nominative and lower case; the complement as written."""
    head_index = next(i for i in range(start, end) if head_of(tokens[i]) is not None)
    head = head_of(tokens[head_index])
    case, number = head.tag.case, "sing"
    words = [
        morph.to_nominative(t.text.lower(), case, ("ADJF", "PRTF"), number, head.tag.gender)
        if t.text.lower() != "и"
        else "и"
        for t in tokens[start:head_index]
    ]
    nominative = head.inflect({"nomn", "sing"})
    words.append(nominative.word if nominative is not None else tokens[head_index].text.lower())
    tail = text[tokens[head_index + 1].start : tokens[end - 1].end] if end > head_index + 1 else ""
    return " ".join(words + ([tail] if tail else [])), head


def strip_trailing_country(position: str, head_lemma: str) -> str:
    """«министр здравоохранения РФ» -> «министр здравоохранения»; an ambassador keeps his country."""
    if head_lemma in COUNTRY_BOUND_HEADS:
        return position
    words = position.split()
    for size in (3, 2, 1):
        if (
            len(words) > size + 1
            and codes_in(" ".join(words[-size:]), places=False)
            and words[-size - 1].lower() not in ("в", "во")
            and not re.match(
                r"(?i)минздрав|министерств|ведомств|посольств|консульств|представительств", words[-size - 1]
            )
        ):
            tail = " ".join(words[-size:])
            if all(codes_in(w, places=False) or w in ("Республики", "Федерации", "Республика") for w in tail.split()):
                return " ".join(words[:-size])
    return position


# compressed titles as the gold and the registry write them out
COMPRESSED_TITLES = {
    "замминистра": "заместитель министра",
    "замглавы": "заместитель главы",
    "замдиректора": "заместитель директора",
    "замгендиректора": "заместитель генерального директора",
    "замначальника": "заместитель начальника",
    "замруководителя": "заместитель руководителя",
    "зампредседателя": "заместитель председателя",
    "замакима": "заместитель акима",
    "замгубернатора": "заместитель губернатора",
    "гендиректор": "генеральный директор",
    "генконсул": "генеральный консул",
    "главврач": "главный врач",
}
INITIALS_RE = re.compile(r"[А-ЯЁ][А-ЯЁа-яё]{1,2}")


def spelled_out(position: str, country: str) -> str:
    """«замминистра здравоохранения» -> «заместитель министра здравоохранения»; «президент РФ» ->
    «президент Российской Федерации»: the initials of the official's own country at the end of a
    title that keeps its country stand for the country's official name."""
    words = [COMPRESSED_TITLES.get(word, word) for word in position.split()]
    if len(words) >= 2 and country and INITIALS_RE.fullmatch(words[-1]) and country in codes_in(words[-1]):
        words[-1] = genitive_name(country)
    return " ".join(words)


def organisation_for(position: str, head_lemma: str, country: str) -> str:
    low = position.lower()
    gen = genitive_name(country) if country else ""
    if re.search(r"кабинет\w*\s+министров", low):
        return f"Кабинет Министров {gen}".strip()
    if re.search(r"премьер|правительств", low):
        return f"Правительство {gen}".strip()
    if re.search(r"(?<![а-яё])министр", low):  # not «администрации»
        domain = re.search(r"(?<![а-яё])министра?\s+(.+)$", low)
        words = strip_trailing_country(domain.group(1), "министр") if domain else "здравоохранения"
        return f"Министерство {words} {gen}".strip()
    if head_lemma in ("посол",):
        return f"Посольство {gen}".strip()
    return ""


@dataclass
class PersonSpan:
    start: int
    end: int


# case endings of an oblique case that a long foreign name repeats on each of its words
NAME_TAIL_ENDINGS = {"ablt": ("ом", "ем", "ой", "ей"), "gent": ("а", "я", "ы"), "datv": ("у", "ю")}
MAX_NAME_TAIL = 2


def with_name_tail(text: str, tokens: list[Token], starts: dict[int, int], person: PersonSpan) -> PersonSpan:
    """«со своим кубинским коллегой Хосе Анхелем Порталом Мирандой»: the tagger stops after two
    words of a long name; the capitalised words right after it that carry the same case ending and
    are no country, title or institution are the rest of it."""
    inside = [starts[t.start] for t in tokenize(text[person.start : person.end], person.start) if t.start in starts]
    if not inside or not tokens[inside[-1]].is_capitalised:
        return person
    last = inside[-1]
    case = next((c for c, endings in NAME_TAIL_ENDINGS.items() if tokens[last].text.endswith(endings)), None)
    end = person.end
    for index in range(last + 1, min(last + 1 + MAX_NAME_TAIL, len(tokens))):
        token = tokens[index]
        if (
            case is None
            or not token.is_capitalised
            or token.start - end != 1
            or not token.text.endswith(NAME_TAIL_ENDINGS[case])
            or codes_in(token.text)
            or head_of(token) is not None
            or INSTITUTION_RE.match(token.text)
        ):
            break
        end = token.end
    return PersonSpan(person.start, end) if end != person.end else person


INSTITUTION_RE = re.compile(
    r"(?:министерств|посольств|университет|институт|академи|центр|больниц|клиник|госпитал|компани|фонд|"
    r"агентств|организаци|правительств|департамент|управлени|комитет|ассоциаци|корпораци)",
    re.IGNORECASE,
)


def find_officials(text: str, tokens: list[Token], persons: list[PersonSpan], sentence_of) -> list[RawOfficial]:
    """People with a position; ``sentence_of(pos) -> (start, end)`` bounds the search."""
    found: list[RawOfficial] = []
    starts = {t.start: i for i, t in enumerate(tokens)}
    named = frozenset(i for i, t in enumerate(tokens) for p in persons if p.start <= t.start < p.end)
    for person in persons:
        person = with_name_tail(text, tokens, starts, person)
        words = without_eponym(text, person.start, person_tokens(text, person.start, person.end))
        words = without_institution(tokens, starts, words)
        # initials with no name («Е.П.», His Excellency) are a courtesy, not a person
        if not words or INITIALS_ONLY_RE.fullmatch(" ".join(w.text for w in words)):
            continue
        first, last = starts.get(words[0].start), starts.get(words[-1].start)
        if first is None or last is None:
            continue
        sentence_start, sentence_end = sentence_of(person.start)
        # a headline without a full stop runs into the next line's sentence: a title on the left
        # stays on the name's line («…встретился с иранскими врачами\n\nГлава минздрава Иван Петров»)
        line_start = max(sentence_start, text.rfind("\n", 0, person.start) + 1)
        span = left_position(tokens, first, line_start, named) or right_position(tokens, last + 1, sentence_end, named)
        if span is None:
            shared = shared_plural_title(tokens, first, sentence_start)
            if shared is not None:
                position, head, country, title_span = shared
                name = nominative_name(words, head.tag.case)
                span_of_name = (words[0].start, words[-1].end)
                found.append(RawOfficial(name, position, country, head.normal_form, span_of_name, title_span))
                continue
            paired = paired_plural_title(tokens, first, sentence_start)
            if paired is not None:
                position, head, title_span = paired
                name = nominative_name(words, head.tag.case)
                found.append(
                    RawOfficial(name, position, "", head.normal_form, (words[0].start, words[-1].end), title_span)
                )
                continue
            colleague = colleague_title(tokens, first, sentence_start, found, text)
            if colleague is not None:
                peer, country, title_span, case = colleague
                name = nominative_name(words, case)
                span_of_name = (words[0].start, words[-1].end)
                found.append(RawOfficial(name, peer.position, country, peer.head, span_of_name, title_span))
            continue
        position, head = normalise_position(tokens, span[0], span[1], text)
        if len(words) < 2 and not found and not is_titled_lone_name(words[0], span[1] == first, head):
            continue
        name = nominative_name(words, head.tag.case if span[1] == first else None)
        position_text = text[tokens[span[0]].start : tokens[span[1] - 1].end]
        position = RANK_RE.sub("", FORM_OF_ADDRESS_RE.sub("", position))
        position = strip_trailing_country(position, head.normal_form)
        country = official_country(position_text)
        position = spelled_out(position, country)
        # the span runs up to the name so that chained titles count as part of the position
        span_end = tokens[first - 1].end if span[1] <= first else tokens[span[1] - 1].end
        found.append(
            RawOfficial(
                name,
                position,
                country,
                head.normal_form,
                (words[0].start, words[-1].end),
                (tokens[span[0]].start, span_end),
            )
        )
    return merge_repeats(found)


COLLEAGUE_LEMMA = "коллега"
MAX_COLLEAGUE_MODIFIERS = 3
MAX_COUNTRY_WORDS = 3  # «из Республики Корея»


def colleague_title(
    tokens: list[Token], first: int, sentence_start: int, found: list[RawOfficial], text: str
) -> tuple[RawOfficial, str, tuple[int, int], str | None] | None:
    """«Министр … встретился со своим турецким коллегой Кемалем Мемисоглу»: a colleague holds the
    title of the official named before him in the sentence; the adjective (or «из Турции») gives
    his country. Returns that official, the colleague's country, the span of «своим турецким
    коллегой» and the case the name is in."""
    word = colleague_word(tokens, first)
    if word is None:
        return None
    named_before = [o for o in found if sentence_start <= o.name_span[0] < tokens[word].start]
    if not named_before:
        # «министр здравоохранения Азербайджана напомнил о встрече со своим кубинским коллегой …»:
        # the title named before, whoever holds it
        peer = unnamed_title(tokens, word, sentence_start)
        if peer is None:
            return None
        named_before = [peer]
    start = word
    while start > 0 and word - start < MAX_COLLEAGUE_MODIFIERS and is_modifier(tokens, start - 1):
        start -= 1
    title_span = (tokens[start].start, tokens[first - 1].end)
    country = official_country(text[title_span[0] : title_span[1]])
    return named_before[-1], country, title_span, morph.case_of(tokens[word].text.lower())


def unnamed_title(tokens: list[Token], before: int, sentence_start: int) -> RawOfficial | None:
    """The nearest singular title before ``before`` in the sentence, as «министр здравоохранения»:
    the head in the nominative and the lower-case genitive words after it."""
    for index in range(before - 1, -1, -1):
        if tokens[index].start < sentence_start:
            return None
        head = head_of(tokens[index])
        if head is None or "sing" not in head.tag:
            continue
        nominative = head.inflect({"nomn", "sing"})
        words = [nominative.word if nominative is not None else tokens[index].text.lower()]
        for token in tokens[index + 1 : before]:
            if (
                not token.is_word
                or token.is_capitalised
                or not is_genitive_noun(token)
                and not morph.has_tag(token.text.lower(), "ADJF", "gent")
            ):
                break
            words.append(token.text)
        span = (tokens[index].start, tokens[index].end)
        return RawOfficial("", " ".join(words), "", head.normal_form, span, span)
    return None


def is_colleague(token: Token) -> bool:
    return any(p.normal_form == COLLEAGUE_LEMMA for p in morph.parses(token.text.lower()))


def colleague_word(tokens: list[Token], first: int) -> int | None:
    """Index of «коллега» right before the name, or before «из <country>» that precedes it («его
    коллега из Южной Кореи Чо Гю Хон»)."""
    if first > 0 and is_colleague(tokens[first - 1]):
        return first - 1
    index = first - 1
    while index > 0 and first - index <= MAX_COUNTRY_WORDS and tokens[index].is_capitalised:
        index -= 1
    if index < 1 or index == first - 1 or tokens[index].text != "из" or not is_colleague(tokens[index - 1]):
        return None
    if not codes_in(" ".join(t.text for t in tokens[index + 1 : first]), places=False):
        return None
    return index - 1


def shared_plural_title(tokens: list[Token], first: int, sentence_start: int):
    """«между президентами Киргизии Сооронбаем Жээнбековым и Турции Реджепом Эрдоганом»: one
    plural title with each country before each name; returns (position, head parse, country,
    span of the title) for the name at ``first``, or None."""
    if first < 2 or not codes_in(tokens[first - 1].text, places=False):
        return None
    index = first - 2
    if tokens[index].text == "и":  # the second name: back over the first one to the title
        index -= 1
        while index > 0 and tokens[index].is_capitalised:
            index -= 1
        if not codes_in(tokens[index + 1].text, places=False):
            return None
    if index < 0 or tokens[index].start < sentence_start:
        return None
    head = head_of(tokens[index])
    if head is None or "plur" not in head.tag:
        return None
    singular = head.inflect({"nomn", "sing"})
    country = tokens[first - 1].text
    position = f"{singular.word if singular is not None else head.normal_form} {country}"
    return position, head, codes_in(country, places=False)[0], (tokens[index].start, tokens[first - 1].end)


BOTH_WORDS = {"двух", "обеих", "обоих"}


def paired_plural_title(tokens: list[Token], first: int, sentence_start: int):
    """«министры здравоохранения двух стран Михаил Сарджвеладзе и Кемаль Мемисоглу»: one plural
    title over two names joined by «и», no country before either; returns (position, head parse,
    span of the title) for the name at ``first``, or None. The pipeline gives each his side."""
    index = first - 1
    if index > 0 and tokens[index].text == "и":  # the second name: back over the first one
        index -= 1
        while index > 0 and tokens[index].is_capitalised:
            index -= 1
    elif not _second_name_follows(tokens, first):
        return None
    end = index + 1
    if index > 1 and tokens[index].text.lower() == "стран" and tokens[index - 1].text.lower() in BOTH_WORDS:
        end = index - 1  # «двух стран»: the pair itself, no part of either title
    for head in range(end - 1, max(sentence_start_index(tokens, sentence_start), end - MAX_TAIL) - 1, -1):
        token = tokens[head]
        if token.text.lower() in BLOCKERS or is_verb(token) or not token.is_word:
            return None
        parse = head_of(token)
        if parse is None:
            continue
        if "plur" not in parse.tag or "gent" in parse.tag:
            return None
        singular = parse.inflect({"nomn", "sing"})
        complement = " ".join(t.text for t in tokens[head + 1 : end])
        position = " ".join(filter(None, [singular.word if singular is not None else parse.normal_form, complement]))
        return position, parse, (token.start, tokens[end - 1].end)
    return None


def _second_name_follows(tokens: list[Token], first: int) -> bool:
    index = first
    while index < len(tokens) and tokens[index].is_capitalised:
        index += 1
    return index + 1 < len(tokens) and index > first and tokens[index].text == "и" and tokens[index + 1].is_capitalised


def sentence_start_index(tokens: list[Token], sentence_start: int) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= sentence_start), len(tokens))


# a surname in the nominative by its suffix, which the dictionary may read as a plural given name
# («Абдулахатов»: «of the Abdulakhats»)
NOMINATIVE_SURNAME_RE = re.compile(r"[А-ЯЁ]\w+(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|зода|заде|ян|дзе|швили|енко)$")


def is_titled_lone_name(word: Token, title_before: bool, head) -> bool:
    """One word is a name when the title stands right before it and agrees with it in case
    («Министр здравоохранения Монголии Чинбурэн», «начальник управления … Абдулахатов»);
    «заведующий отделением центра Вишневского» is an eponym, and a lone word far from a title is
    more often a tagger's slip."""
    case = head.tag.case or "nomn"
    if not title_before:
        return False
    return morph.has_tag(word.text.lower(), case) or (case == "nomn" and bool(NOMINATIVE_SURNAME_RE.match(word.text)))


LOCATION_RE = re.compile(r"\s(?:в|во)\s+\S+(?:\s+[А-ЯЁ]\S*)?")


def official_country(position_text: str) -> str:
    """The country named in the position, ignoring where he serves («посол Японии в Монголии»)."""
    own = LOCATION_RE.sub(" ", position_text)
    codes = codes_in(own, places=False) or codes_in(own)  # «аким Туркестанской области»: a region
    return codes[0] if codes else ""


def surname_key(name: str) -> str:
    """The surname's stem (inflection cut); each part of a hyphenated one counts («Бен-Ами» and
    «Бен-Арье» are two people)."""
    words = [word for word in re.split(r"[\s.]+", name.strip()) if word]
    if not words:
        return ""
    return "-".join(part[:5] for part in words[-1].lower().split("-"))


def other_given_name(a: str, b: str) -> bool:
    """Two full names with the same surname but different given names are two people."""
    wa, wb = a.split(), b.split()
    return len(wa) >= 2 and len(wb) >= 2 and wa[0][:1] != wb[0][:1] and wa[-1] == wb[-1]


def fuller_title(first: RawOfficial, later: RawOfficial) -> bool:
    """The same title spelt out: same head, more words, and the short form's words all in it."""
    short, full = first.position.split(), later.position.split()
    return first.head == later.head and len(full) > len(short) and all(any(w[:5] == f[:5] for f in full) for w in short)


def family_name_key(name: str, kept: dict[str, RawOfficial]) -> str:
    """«Посол Ли» after «посол Республики Корея Ли Ёну»: a one-word name that is the first word
    of a full name told before (Korean and Chinese names put the family name first)."""
    words = name.split()
    if len(words) != 1:
        return ""
    return next((key for key, o in kept.items() if len(o.name.split()) >= 2 and o.name.split()[0] == words[0]), "")


def merge_repeats(officials: list[RawOfficial]) -> list[RawOfficial]:
    """One entry per person: the first mention that carries a position wins."""
    kept: dict[str, RawOfficial] = {}
    for official in officials:
        key = surname_key(official.name)
        if key not in kept:
            key = family_name_key(official.name, kept) or key
        if key in kept and other_given_name(kept[key].name, official.name):
            key += "|" + official.name.split()[0][:1]  # «Джамшид Ходжаев» and «Александр Ходжаев»
        if key not in kept or (not kept[key].position and official.position):
            kept[key] = official
        elif fuller_title(kept[key], official):  # «директор госпиталя», later «директор … госпиталя»
            first = kept[key]
            first.position, first.position_span = official.position, official.position_span
            if not first.country:
                first.country = official.country
        if len(official.name.split()) > len(kept[key].name.split()):
            kept[key].name = official.name  # «Т.Мунхсайхан» after «Тогтмолын Мунхсайхан»
        else:
            kept[key].name = uninflected(kept[key].name, official.name)
    return list(kept.values())


# what a case adds to a name the dictionary does not know: «Оразов-ым», «Торосян-у», «Алымкадыр-а»
CASE_ENDING_RE = re.compile(r"^(?:а|я|у|ю|е|ом|ем|ым|им|ой|ей)$")


def uninflected(one: str, other: str) -> str:
    """Of two spellings of one name, the one the other extends by case endings only: the text wrote
    it once in the nominative («Дерягелди Оразов поблагодарил …») and once inflected after a title
    («с председателем … Дерягелди Оразовым») that the normaliser could not undo."""
    first, second = one.split(), other.split()
    if len(first) != len(second) or first == second:
        return one
    shorter = []
    for a, b in zip(first, second, strict=True):
        short, long = sorted((a, b), key=len)
        if not long.startswith(short) or (long != short and not CASE_ENDING_RE.match(long[len(short) :])):
            return one
        shorter.append(short)
    return " ".join(shorter)


# a title that points back at an institution named earlier («ректором вуза», «главы ведомства»)
# or a bare «министр» whose ministry the story has named: the institution's name takes their place
REFERRING_COMPLEMENTS = {
    "вуза": re.compile(r"^(?:университет|институт|академи)", re.IGNORECASE),
    "ведомства": re.compile(r"^министерств", re.IGNORECASE),
}
MINISTRY_RE = REFERRING_COMPLEMENTS["ведомства"]
MINISTER_HEADS = {"глава", "руководитель", "министр"}
MAX_REFERENCE_DISTANCE = 400  # characters back to the institution referred to


def referring_kind(official: RawOfficial) -> re.Pattern | None:
    words = official.position.split()
    if words == ["министр"]:
        return MINISTRY_RE
    return REFERRING_COMPLEMENTS.get(words[-1]) if len(words) >= 2 else None


def resolve_referring_title(official: RawOfficial, organisations: list[tuple[str, int]]) -> str:
    """Rewrite such a title from the nearest fitting organisation (name, start) before it; returns
    that organisation's name, or "" when none fits."""
    kind = referring_kind(official)
    if kind is None:
        return ""
    title_start = official.position_span[0]
    window = range(title_start - MAX_REFERENCE_DISTANCE, title_start)
    earlier = [name for name, start in organisations if start in window and kind.match(name)]
    if not earlier:
        return ""
    name = earlier[-1]
    if kind is MINISTRY_RE:
        if official.head not in MINISTER_HEADS:
            return ""
        remit = " ".join(name.split()[1:])
        official.position, official.head = strip_trailing_country(f"министр {remit}", "министр"), "министр"
    else:
        official.position = f"{' '.join(official.position.split()[:-1])} {genitive_phrase(name)}"
    return name


def genitive_phrase(name: str) -> str:
    """«Университет Инену» -> «Университета Инену»: the leading noun in the genitive."""
    first, _, rest = name.partition(" ")
    noun = next((p for p in morph.parses(first.lower()) if p.tag.POS == "NOUN"), None)
    inflected = noun.inflect({"gent"}) if noun is not None else None
    head = morph.keep_case(first, inflected.word) if inflected is not None else first
    return f"{head} {rest}".strip()
