"""Numeric figures: «20 врачей», «8,5 тыс.» (8500), «$149,8 млн» (149 800 000), «198 и 24
специалиста», «30%», «пятидесятилетний опыт» (50). Dates, years, times, ordinals and
identifiers («№ 5», «COVID-19») are not figures."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import morph
from .dates import LEAD_LINE, MONTH_ABBR, MONTH_WORD, find_dates
from .text import in_russian_line

NUMBER = r"\d{1,3}(?:[ \u202f\u2009]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
# scales and currencies in any case: headlines print «$ 22 МЛН»
SCALE = r"(?i:тыс(?:яч[аиу]?)?\.?|млн\.?|миллион(?:а|ов)?|млрд\.?|миллиард(?:а|ов)?|трлн\.?)"
CURRENCY = (
    r"(?i:\$|долл(?:ар(?:а|ов)?)?\.?|USD|евро|€|тенге|тг\.?|руб(?:л(?:ь|я|ей))?\.?|сом(?:а|ов)?|"
    r"вон|юаней|юань|иен|сумов|сум|сомони|рупий|дирхам(?:ов)?)"
)
# a currency sign or code before the amount: «$ 25 млн», «€2 млн», «USD 3 млн»
CURRENCY_BEFORE = r"\$|€|(?:US\$|USD|EUR)(?=\s?\d)"
FIGURE_RE = re.compile(
    rf"(?P<cur_before>{CURRENCY_BEFORE})?\s?(?P<num>{NUMBER})(?P<more>(?:\s*(?:и|или|,)\s*(?:{NUMBER})(?![\d.]))*)"
    rf"(?:-(?:ти|и|х|ми|мя|ью|ть|м|го|й|ми))?"
    rf"(?:\s?(?P<scale>{SCALE}))?(?:\s?(?P<percent>%|процент\w*))?(?:\s?(?P<cur_after>{CURRENCY}))?"
)
# «21 миллионов 188 тысяч 509 долларов»: one amount written in parts, largest scale first
PART = rf"\d{{1,3}}\s(?:{SCALE})"
PARTS_RE = re.compile(
    rf"(?P<cur_before>{CURRENCY_BEFORE})?\s?(?P<parts>{PART}(?:\s{PART})+(?:\s\d{{1,3}}(?![\d.,]?\d))?"
    # «2 тысячи 929 человек», «1 тысячу 280 туристов»: one scale and the three digits below it
    rf"|{PART}\s\d{{3}}(?![\d.,]?\d))"
    rf"(?:\s?(?P<cur_after>{CURRENCY}))?"
)
PART_RE = re.compile(rf"(\d{{1,3}})(?:\s({SCALE}))?")
SCALES = {"тыс": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9, "трлн": 1e12}
CURRENCIES = {
    "$": "USD",
    "долл": "USD",
    "usd": "USD",
    "евро": "EUR",
    "€": "EUR",
    "тенге": "KZT",
    "тг": "KZT",
    "руб": "RUB",
    "сом": "KGS",
    "вон": "KRW",
    "юан": "CNY",
    "иен": "JPY",
    "сум": "UZS",
    "сомони": "TJS",
    "рупи": "INR",
    "дирхам": "AED",
}
NOT_A_FIGURE_AFTER = re.compile(
    rf"\s*(?:{MONTH_WORD}|{MONTH_ABBR}|[-–]\d{{1,2}}\s+{MONTH_WORD}|по\s+\d{{1,2}}\s+{MONTH_WORD}|"
    # «21 век»: a century's number
    rf"век(?:а|е|ов)?\b|\+(?:\]|\s*$)|-?этаж|год|гг?\.|г\b|году|года|годы|годах|-(?:й|я|е|го|м|х)\s+(?:\w+\s+)?(?:год|месяц|этап|раунд|заседани|форум)|:\d\d|-летн|"
    rf"[.:/]\d|-[а-яё]+\s+(?:год|съезд|форум|конгресс|заседани)|\s*(?:-|–)\s*(?:й|м|го)\b|-лети[еяюи])",
    re.IGNORECASE,
)
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:№|No\.?|N|[A-Za-zА-Яа-яЁё]-|[A-Za-z]|\b(?:январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)|"
    # a reference into a document («статья 15», «пункт 3», «стр. 4»), not a count
    r"\b(?:стать[яиюей]|ст\.|пункт\w*|п\.|подпункт\w*|част[ьи]|раздел\w*|страниц\w*|стр\.|рис\.|приложени[еяю]|версии|версия|индекс\w*)|"
    # the number of a room, an office or a building («кабинет 305», «корпус 2»), not a count; the
    # nominative only: «в корпусе 3 отделения» counts
    r"\b(?:кабинет|каб\.|офис|кв\.|квартира|корп\.|корпус|аудитория|строение|блок)|"
    # a page's counters («Просмотров: 585», «Комментарии (0)»)
    r"\b(?:просмотр\w*|комментари\w*|рейтинг\w*|голос\w*|views?)\s?[:(]?|"
    # «Топ статей за 7 дней», «Популярное за 24 часа»: a site's list of most-read pages
    r"\b(?:топ|популярн\w*|читаем\w*)\b[^\n.]{0,20})\s?$|"
    # «10:45», «12.03», «1/2» (a time, a date, a fraction); «расширена: 40 сестер» is a count
    r"[.:/]$",
    re.IGNORECASE,
)
# «5G», «3D» (a standard), «24.kg» (a site), «10-ю поликлинику», «2-й этап» (ordinals), «+9»,
# «25°» (temperatures of a weather line)
# «51,905Фанаты», «7,390Подписчики»: a counter of a page's widget glued to its label
NAME_OR_ORDINAL_AFTER = re.compile(
    r"\.?[A-Za-z]|-(?:ю|й|я|е|го|му|ой|ым|ом)\b|\s?°|\s?градус|(?-i:[А-ЯЁ])", re.IGNORECASE
)
# telephone and fax numbers of a contact block: «8 (727) 245-33-12», «+996 312 62-06-71»,
# «тел.: 24-56-78»
PHONE_RE = re.compile(
    r"\+\d[\d \u00a0()-]{6,}\d|(?:\b[78][ \u00a0]?)?\(\d{2,5}\)[ \u00a0]?\d[\d \u00a0-]{4,}\d|\b\d{2,3}-\d{2}-\d{2}\b|"
    r"(?i:\b(?:тел|телефон|факс|моб)\w*\.?:?[ \u00a0]*)[\d \u00a0()+-]{5,}\d"
)
# «от 2 до 3 млн долларов», «2–3 тыс.»: the first end of a range takes the scale and currency of
# the second
RANGE_TAIL_RE = re.compile(
    rf"\s*(?:-|–|—|до)\s*(?:{NUMBER})\s?(?P<scale>{SCALE})(?:\s?(?P<percent>%|процент\w*))?(?:\s?(?P<cur_after>{CURRENCY}))?"
)
YEAR_RE = re.compile(r"^(19|20)\d\d$")
# «Новости «24 часа»», «передает «МИР 24»»: a number inside a short quoted name names, not counts
SHORT_QUOTE_RE = re.compile(r"«[^«»\n]{0,30}»")
SHORT_QUOTE_WORDS = 3
# «Время для прочтения менее 1 минуты»: the page's reading time
READING_TIME_RE = re.compile(r"(?:прочтения|чтения)\W+(?:менее\W+|около\W+)?$", re.IGNORECASE)
ADDRESS_RE = re.compile(r"(?:\bул\.|\bулица|\bпр\.|\bпроспект|\bд\.)\s*[\w-]*,?\s*$", re.IGNORECASE)
WORD_NUMBERS = {
    "двух": 2,
    "трех": 3,
    "трёх": 3,
    "четырех": 4,
    "четырёх": 4,
    "пяти": 5,
    "шести": 6,
    "семи": 7,
    "восьми": 8,
    "девяти": 9,
    "десяти": 10,
    "пятнадцати": 15,
    "двадцати": 20,
    "двадцатипяти": 25,
    "тридцати": 30,
    "сорока": 40,
    "пятидесяти": 50,
    "шестидесяти": 60,
    "семидесяти": 70,
    "восьмидесяти": 80,
    "девяностo": 90,
    "сто": 100,
}
# «пятидесятилетний опыт», «десятилетнее партнерство»: a duration written as one adjective
WORD_YEARS_RE = re.compile(
    r"\b(" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")летн\w*\s+(\w+)", re.IGNORECASE
)
WHAT_RE = re.compile(r"[^.,;:!?()\n«»—]{0,80}")


@dataclass
class RawFigure:
    value: float
    what: str
    unit: str
    start: int
    end: int


def to_number(token: str) -> float:
    return float(re.sub(r"[ \u202f\u2009]", "", token).replace(",", "."))


def scale_of(word: str | None) -> float:
    if not word:
        return 1.0
    low = word.lower()
    return next((v for k, v in SCALES.items() if low.startswith(k)), 1.0)


def currency_of(*words: str | None) -> str:
    for word in words:
        if word:
            low = word.lower()
            code = next((v for k, v in CURRENCIES.items() if low.startswith(k)), "")
            if code:
                return code
    return ""


def what_follows(text: str, end: int) -> str:
    """The words after the number that name what is counted (up to the clause end)."""
    tail = WHAT_RE.match(text, end).group(0)
    words = tail.strip().split()
    return " ".join(words[:8]).strip(" ,—-")


def is_excluded(text: str, match: re.Match) -> bool:
    number = match.group("num")
    if re.match(r"0\d", number):
        return True  # «050000»: a postal code or an identifier
    # «4‑го совещания»: a non-breaking hyphen (U+2011) or a hyphen sign (U+2010) is still an ordinal's
    after = re.sub("[\u2010\u2011]", "-", text[match.end("num") : match.end("num") + 40])
    if NAME_OR_ORDINAL_AFTER.match(after) or text[max(0, match.start("num") - 1) : match.start("num")] == "+":
        return True
    opens = match.start("cur_before") if match.group("cur_before") else match.start("num")  # «USD 3 млн»
    before = text[max(0, opens - 25) : opens]
    if NOT_A_FIGURE_BEFORE.search(before) or NOT_A_FIGURE_AFTER.match(after):
        return True
    if ADDRESS_RE.search(text[max(0, match.start("num") - 30) : match.start("num")]):
        return True  # «ул. Аскарова, 10, 3-этаж»: the page's contact block
    if not in_russian_line(text, match.start("num")) or is_rates_line(text, match.start("num")):
        return True
    if (
        LIST_MARKER_RE.match(after)
        and not text[text.rfind("\n", 0, match.start("num")) + 1 : match.start("num")].strip()
    ):
        return True  # «1. Социальная война», «2) Внешняя политика»: a numbered menu or list line
    if READING_TIME_RE.search(text[max(0, match.start("num") - 30) : match.start("num")]):
        return True
    # a bare 19xx/20xx is a year; with a scale, currency or % it is an amount, and before the
    # people or things it counts («свыше 2000 пациентов») a count
    is_amount = match.group("scale") or match.group("cur_after") or match.group("percent")
    return bool(YEAR_RE.match(number)) and not is_amount and not counts_things(text, match.end("num"))


# a page's exchange-rate widget: «Курс валют: USD 2.71  EUR 3.15», «$ 87.34 - 87.80», «• € 106.22 +0.15»
RATES_LINE_RE = re.compile(
    r"^[\W\d]*(?:курс\w*(?:\s+валют)?\W*)?(?:(?:USD|EUR|RUB|CNY|KZT|KGS|UZS|\$|€|₽|¥)\s*[\d.,]+(?:\s*[-–+]\s*[\d.,]+)*\W*)+$",
    re.IGNORECASE,
)


def is_rates_line(text: str, position: int) -> bool:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return bool(RATES_LINE_RE.match(text[start : end if end >= 0 else len(text)]))


LIST_MARKER_RE = re.compile(r"[.)][ \t]+[А-ЯЁA-Z]")
COUNTED_RE = re.compile(r"\s+([а-яё]+)")


def counts_things(text: str, end: int) -> bool:
    """«2000 пациентов», «1990 человек»: the word after the number is a plural genitive noun (what
    a number counts), not a year's «году», «года», «годах»."""
    word = COUNTED_RE.match(text, end)
    if word is None or word.group(1).startswith(("год", "гг")):
        return False
    return morph.likeliest_has(word.group(1), "NOUN") and morph.has_tag(word.group(1), "NOUN", "plur", "gent")


def find_figures(text: str) -> list[RawFigure]:
    figures = amounts_in_parts(text)
    taken = [(f.start, f.end) for f in figures]
    taken += [(start, end) for start, end, _ in find_dates(text)]  # «12-11-2022», «октября 23, 2023»
    taken += [(m.start(), m.end()) for m in SHORT_QUOTE_RE.finditer(text) if is_short_name(m.group(0))]
    taken += [(m.start(), m.end()) for m in PHONE_RE.finditer(text)]
    for match in FIGURE_RE.finditer(text):
        if is_excluded(text, match) or any(start <= match.start("num") < end for start, end in taken):
            continue
        measure = match
        if not (match.group("scale") or match.group("percent") or match.group("cur_after")):
            measure = RANGE_TAIL_RE.match(text, match.end()) or match
        scale = scale_of(measure.group("scale"))
        unit = "%" if measure.group("percent") else currency_of(match.group("cur_before"), measure.group("cur_after"))
        what = what_follows(text, match.end())
        numbers = [match.group("num")] + re.findall(NUMBER, match.group("more") or "")
        for number in numbers:
            figures.append(RawFigure(to_number(number) * scale, what, unit, match.start(), match.end()))
    figures.extend(word_year_figures(text))
    return without_headline_repeats(sorted(figures, key=lambda f: f.start), header_end(text))


def is_short_name(quoted: str) -> bool:
    return len(quoted.split()) <= SHORT_QUOTE_WORDS


def amounts_in_parts(text: str) -> list[RawFigure]:
    """«6 миллионов 628 тысяч 628 долларов» is 6 628 628, when each scale is below the one before."""
    figures = []
    for match in PARTS_RE.finditer(text):
        parts = [(int(number), scale_of(scale)) for number, scale in PART_RE.findall(match.group("parts"))]
        scales = [scale for _, scale in parts]
        if any(later >= earlier for earlier, later in zip(scales, scales[1:], strict=False)):
            continue  # «5 тыс 20 тыс»: two figures, not one
        value = float(sum(number * scale for number, scale in parts))
        unit = currency_of(match.group("cur_before"), match.group("cur_after"))
        figures.append(RawFigure(value, what_follows(text, match.end()), unit, match.start(), match.end()))
    return figures


def without_headline_repeats(figures: list[RawFigure], header_end: int) -> list[RawFigure]:
    """«Турция подарила 20 аппаратов ИВЛ» over a subtitle or a body that counts the same 20: one
    figure, the last one told."""
    return [
        f
        for i, f in enumerate(figures)
        if f.start >= header_end or all(later.value != f.value for later in figures[i + 1 :])
    ]


def header_end(text: str) -> int:
    """The end of the headline and the short lines under it (subtitle, stamps) before the body's
    first paragraph; the headline alone when no paragraph is that long."""
    headline_end = text.find("\n") + 1 or len(text)
    position = 0
    for line in text.splitlines(keepends=True):
        if len(line.strip()) >= LEAD_LINE:  # the body's first paragraph
            return max(position, headline_end)
        position += len(line)
    return headline_end


def word_year_figures(text: str) -> list[RawFigure]:
    return [
        RawFigure(float(WORD_NUMBERS[m.group(1).lower()]), f"лет {m.group(2)}", "years", m.start(), m.end())
        for m in WORD_YEARS_RE.finditer(text)
    ]
