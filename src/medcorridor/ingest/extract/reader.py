"""Turn raw bytes or markup into clean article text.

Decodes (UTF-8, else charset detection: cp1251, koi8-r...), strips HTML, reads optional header
lines (``date: 2025-10-20``, `` date 2026-02-02 ...``, ``source: ...``) and drops site noise:
bylines, photo credits, «Читайте также» blocks, popular-news lists, people panels, tag lines.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from . import morph
from .dates import find_dates
from .media import is_agency_line

HEADER_RE = re.compile(r"^\s*(date|source|title|url)\s*[:=]?\s+(.*)$", re.IGNORECASE)
LATE_HEADER_LINES = 4  # a header line may follow the headline
ISO_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\b\s*(.*)$")
STAMP_RE = re.compile(r"^(\d{4}(?:-\d{2}){0,2})\b\s*(.*)$")  # a header's date, whole or partial, then text
# «Общество 02.02.2026 в 19:00» — a rubric with a timestamp, left over from the site header
RUBRIC_STAMP_RE = re.compile(r"^[\w\s|-]{0,30}\d{1,2}\.\d{1,2}\.\d{4}(?:,?\s*(?:в\s*)?\d{1,2}:\d{2})?\s*$")
BYLINE_RE = re.compile(
    r"^\s*(текст|фото|фотография|автор|видео|иллюстрация|источник фото|фото и видео|редактор)"
    r"(\s*[:—-]|\s+(пресс-службы|из открытых|с сайта|предоставлено))",
    re.IGNORECASE,
)
CREDIT_RE = re.compile(r"^\s*(©|фото\s|\(c\)\s)|данные о правообладателе", re.IGNORECASE)
# blocks whose start ends the article: everything after them is site furniture
END_MARKERS = re.compile(
    r"^\s*(следите за новостями|популярные новости|самое читаемое|новости партнеров|"
    r"лента новостей|другие новости|похожие новости|подписывайтесь|комментарии\s*\(?\d*\)?$|"
    r"анализ$|поделиться$|теги:|метки:)",
    re.IGNORECASE,
)
# inline «Читайте также» blocks: drop the marker and the headline lines that follow it
READ_ALSO_RE = re.compile(
    r"^\s*(читайте также|материалы по теме|по теме|смотрите также|новости по теме)\b", re.IGNORECASE
)
# «Опубликовано: 18 июня 2025, 10:45», «Дата публикации: 15.05.2025», «Раздел: Регионы»
META_LINE_RE = re.compile(
    r"^\s*(опубликовано|обновлено|дата публикации|дата|раздел|рубрика|просмотров|время чтения)\s*:",
    re.IGNORECASE,
)
NAV_SEPARATORS = re.compile(r"\s+[|/>»•]\s+|\s{2,}")
NAV_HEAD = 8  # navigation and language switchers live at the top of the page
# a menu button, a feed link, a row of social networks: «Menu», «RSS», «TwitterFacebookYoutube»
SITE_FURNITURE_RE = re.compile(
    r"^(?:menu|rss|search|log\s?in|share|twitter|facebook|youtube|instagram|telegram|whatsapp|vk|"
    r"меню|поиск|подписаться|[\s|/•,])+$",
    re.IGNORECASE,
)


def is_navigation(line: str) -> bool:
    """«Главная / Общество / Здравоохранение», «Ўзбекча | Русский | English», «Кабар / Общество»."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120 or stripped.endswith(SENTENCE_END) or re.search(r"\d", stripped):
        return False
    if re.match(r"главная\b", stripped, re.IGNORECASE) or SITE_FURNITURE_RE.match(stripped):
        return True
    parts = [p for p in NAV_SEPARATORS.split(stripped) if p]
    return len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts)


PANEL_POSITION_RE = re.compile(r"^\s*последняя должность:\s*(.+)$", re.IGNORECASE)
MIN_CUT_SENTENCE_WORDS = 4
# values a page template printed for an empty field
TEMPLATE_PLACEHOLDERS = {"None", "null", "undefined", "NaN"}
SENTENCE_END = (".", "!", "?", "»", "…", ":", ";", '"', ")")


@dataclass
class Article:
    text: str
    title: str = ""
    header_date: str | None = None
    source: str = ""
    # people panels («Анализ ... Последняя должность: ...»): (name, last position) hints
    panel: list[tuple[str, str]] = field(default_factory=list)


# <meta charset="windows-1251">, <meta http-equiv="Content-Type" content="text/html; charset=koi8-r">,
# <?xml version="1.0" encoding="koi8-r"?>
DECLARED_CHARSET_RE = re.compile(
    rb"""<(?:meta|\?xml)\b[^>]*?\b(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def decode(raw: bytes | str) -> str:
    """UTF-8 when it is; otherwise the charset the page declares; otherwise the likeliest one.

    The declaration comes before detection: in a short HTML page the markup outweighs the text, and
    detection then takes Cyrillic windows-1251 for Greek or Mac encodings."""
    if isinstance(raw, str):
        return raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(raw)
    if declared:
        return raw.decode(declared, errors="replace")
    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("cp1251", errors="replace")


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML or XML page names in its head, if Python knows it."""
    found = DECLARED_CHARSET_RE.search(raw[:4096])
    if not found:
        return None
    name = found.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|article|h1|br)\b", text[:5000], re.IGNORECASE))


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of the article, one block per line, plus header-like metadata.

    A news page holds one story among menus, tickers, tag clouds, related headlines and side
    columns, seldom marked as <nav> or <aside>. The story is where the paragraphs are: the element
    with the most text in paragraphs of its own (and its siblings that carry paragraphs too: a lead
    and a body in two boxes). Within it, blocks made mostly of links are lists of other pages."""
    from bs4 import BeautifulSoup  # imported lazily: plain-text input is the common case

    soup = BeautifulSoup(markup, "html.parser")
    meta: dict[str, str] = {}
    published = soup.find("meta", attrs={"property": "article:published_time"}) or soup.find("time")
    if published is not None:
        stamp = published.get("content") or published.get("datetime") or ""
        if re.match(r"\d{4}-\d{2}-\d{2}", stamp):
            meta["date"] = stamp[:10]
    for tag in soup(PAGE_FURNITURE_TAGS):
        tag.decompose()
    heading = soup.find("h1")
    if heading is not None:
        meta["title"] = heading.get_text(" ", strip=True)
    roots = story_elements(soup)
    blocks = [block for root in roots for block in text_blocks(root)]
    if heading is not None and not any(heading in root.descendants or heading is root for root in roots):
        blocks.insert(0, meta["title"])  # the headline sits outside the story's box
    return "\n\n".join(b for b in blocks if b), meta


PAGE_FURNITURE_TAGS = [
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "iframe",
    "figcaption",
    "button",
    "svg",
]
BLOCK_TAGS = ["h1", "h2", "h3", "p", "li", "blockquote", "div"]
LINK_LIST_SHARE = 0.5  # a block whose text is more than half links lists other pages
STORY_SIBLING_CHARS = 50  # a sibling box with this much paragraph text belongs to the story


def story_elements(soup) -> list:
    """The element that holds the story and the sibling boxes that continue it, in page order."""
    fallback = soup.find("article") or soup.body or soup
    best, most = None, 0
    for element in soup.find_all(True):
        length = own_paragraph_chars(element)
        if length > most:
            best, most = element, length
    if best is None:
        return [fallback]
    if best.parent is None:
        return [best]
    story = []
    for sibling in best.parent.find_all(True, recursive=False):
        if sibling is best or (
            paragraph_chars(sibling) >= STORY_SIBLING_CHARS and link_share(sibling) < LINK_LIST_SHARE
        ):
            story.append(sibling)
    return story


def own_paragraph_chars(element) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in element.find_all("p", recursive=False))


def paragraph_chars(element) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in element.find_all("p"))


def link_share(element) -> float:
    text = len(element.get_text(" ", strip=True))
    links = sum(len(a.get_text(" ", strip=True)) for a in element.find_all("a"))
    return links / text if text else 0.0


def text_blocks(root) -> list[str]:
    """The leaf blocks of ``root`` (a block holding no other block), link lists left out."""
    candidates = [root] if root.name in BLOCK_TAGS else []
    candidates += root.find_all(BLOCK_TAGS)
    return [
        element.get_text(" ", strip=True)
        for element in candidates
        if not element.find(["p", "div", "li", "h1", "h2", "h3"]) and link_share(element) <= LINK_LIST_SHARE
    ]


def read_headers(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Consume leading ``key: value`` header lines; the rest of a date line stays as text."""
    meta: dict[str, str] = {}
    while lines:
        match = HEADER_RE.match(lines[0])
        if not match:
            break
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "date":
            stamp = STAMP_RE.match(value)
            if not stamp:
                break  # «Date …» that is no header: text
            lines.pop(0)
            if ISO_DATE_RE.match(stamp.group(1)):
                meta["date"] = stamp.group(1)  # a month or a year alone dates nothing
            if stamp.group(2).strip():  # « date 2020-12 По сообщению …»: the lead goes on after it
                lines.insert(0, stamp.group(2).strip())
            continue
        lines.pop(0)
        meta[key] = value
    return lines, meta


def parse_panel(lines: list[str]) -> list[tuple[str, str]]:
    people = []
    for i, line in enumerate(lines):
        match = PANEL_POSITION_RE.match(line)
        if match and i > 0:
            people.append((lines[i - 1].strip(), match.group(1).strip()))
    return people


def is_headline_residue(line: str) -> bool:
    """A short line without closing punctuation: a linked headline, a tag list, a counter."""
    stripped = line.strip()
    return len(stripped) < 150 and not stripped.endswith(SENTENCE_END)


def drop_noise(lines: list[str], stamps: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Article lines without site furniture; timestamp lines go to ``stamps`` (datelines)."""
    kept: list[str] = []
    skipping_read_also = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if END_MARKERS.match(stripped) and not has_prose(kept):
            continue  # «Лента новостей» above the story: the site's menu, not the end of the article
        if END_MARKERS.match(stripped) or (READ_ALSO_RE.match(stripped) and is_tail(lines, index)):
            return trim_tail(kept), parse_panel(lines[index:])
        if READ_ALSO_RE.match(stripped):
            skipping_read_also = True
            continue
        if skipping_read_also:
            if not stripped or is_headline_residue(stripped):
                continue
            skipping_read_also = False
        if BYLINE_RE.match(stripped) or META_LINE_RE.match(stripped):
            if find_dates(stripped):  # «Текст: Ф. Назарова | 04.04.2025»: the stamp is the date
                stamps.append(stripped)
            continue
        if CREDIT_RE.match(stripped) or stripped in {"×", "x"}:
            continue
        if index < NAV_HEAD and (is_navigation(stripped) or is_agency_line(stripped)):
            continue
        if RUBRIC_STAMP_RE.match(stripped):
            stamps.append(stripped)
            continue
        if re.fullmatch(r"\d{1,4}", stripped) or stripped in TEMPLATE_PLACEHOLDERS:
            continue
        kept.append(stripped)
    return trim_tail(kept, page_end=True), []


def is_tail(lines: list[str], index: int) -> bool:
    """True when nothing after ``index`` looks like article prose (the block ends the page)."""
    return not has_prose(lines[index + 1 :])


def trim_tail(lines: list[str], page_end: bool = False) -> list[str]:
    """Drop trailing tag lines and headline residue after the last real paragraph; at the end of
    the page a sentence cut off (mid-word, or after a whole sentence of its paragraph) stays: an
    excerpt ends there, not a tag list."""
    while lines and (not lines[-1] or is_headline_residue(lines[-1])):
        if page_end and lines[-1] and (is_cut_sentence(lines) or SENTENCE_INSIDE_RE.search(lines[-1])):
            break
        lines.pop()
    return lines


# «… состоялась в понедельник в Душанбе. В ней приняли»: a sentence ends inside the line, and another
# begins — prose cut off by the excerpt, where a headline or a tag list holds one phrase
SENTENCE_INSIDE_RE = re.compile(r"[а-яё]{2}[.!?]\s+[А-ЯЁ]")
PROSE_CHARS = 150  # a line this long is a paragraph, not a menu entry


def has_prose(lines: list[str]) -> bool:
    return any(len(line.strip()) >= PROSE_CHARS for line in lines)


def is_cut_sentence(lines: list[str]) -> bool:
    """«По словам посла Турции Метина Кыл» after a finished paragraph: prose whose last word is a
    fragment no dictionary knows; a linked headline or a tag ends on a whole word."""
    words = re.findall(r"[А-Яа-яЁё]+", lines[-1])
    previous = next((line for line in reversed(lines[:-1]) if line.strip()), "")
    return (
        len(words) >= MIN_CUT_SENTENCE_WORDS
        and lines[-1].rstrip()[-1:].isalpha()
        and previous.rstrip().endswith(SENTENCE_END)
        and not any(p.is_known for p in morph.parses(words[-1].lower()))
    )


# Latin letters that look Cyrillic, typed into Russian words («Tакаюки» with a Latin T)
HOMOGLYPHS = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
MIXED_WORD_RE = re.compile(r"\b(?=\w*[а-яё])(?=\w*[A-Za-z])\w+\b", re.IGNORECASE)
INITIAL_RE = re.compile(r"(?<![\w.])([А-ЯЁ])\.(?=[А-ЯЁ][а-яё])")  # «А.Уйлстугулдур» -> «А. Уйлстугулдур»
# a line broken inside a sentence (pasted from a fixed-width page): the next line goes on in lower case
HARD_WRAP_RE = re.compile(r"(?<=[а-яёa-z,])[ \t]*\n(?=[а-яё])")


def normalise_words(text: str) -> str:
    text = MIXED_WORD_RE.sub(lambda m: m.group(0).translate(HOMOGLYPHS), text)
    return INITIAL_RE.sub(r"\1. ", text)


def collapse(lines: list[str]) -> str:
    text = HARD_WRAP_RE.sub(" ", "\n".join(lines))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def read_article(raw: bytes | str) -> Article:
    text = decode(raw).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    meta: dict[str, str] = {}
    if looks_like_html(text):
        text, meta = html_to_text(text)
    lines, headers = read_headers(normalise_words(text).split("\n"))
    meta.update(headers)
    for index in range(min(LATE_HEADER_LINES, len(lines))):  # «Заголовок\n\ndate: 2025-05-21»
        late = HEADER_RE.match(lines[index])
        if late and late.group(1).lower() == "date" and ISO_DATE_RE.match(late.group(2).strip()):
            meta.setdefault("date", late.group(2).strip()[:10])
            lines[index] = ""
    stamps: list[str] = []
    body, panel = drop_noise(lines, stamps)
    cleaned, top = page_top(collapse(body))
    stamps += [line for line in top if find_dates(line)]  # the page's date stamp may stand up there
    title = meta.get("title") or first_title_line(cleaned)
    stamp_dates = [iso for stamp in stamps for _, _, iso in find_dates(stamp)]
    return Article(
        text=cleaned,
        title=title,
        header_date=meta.get("date") or next(iter(stamp_dates), None),
        source=meta.get("source", meta.get("url", "")),
        panel=panel,
    )


TOP_LINES = 15  # how far down the page's own headline is looked for
HEADLINE_CHARS = 30
FURNITURE_CHARS = 120  # a line above the headline this long is prose, and the page has no top to cut
STEM_RE = re.compile(r"[А-ЯЁа-яёA-Za-z]{4,}")


def page_top(text: str) -> tuple[str, list[str]]:
    """The text from the page's own headline on, and the lines above it, when they are site furniture:
    short lines that share no word with the headline (a menu, dates, a poll and its answers, another
    story's teaser, the outlet's name). The headline is the first long-enough line that the page
    repeats (a photo caption, a lead that restates it); a line above that shares a word with it is
    the story's own (its headline above its repeated lead), and nothing is cut."""
    lines = text.split("\n")
    position = 0
    for index, line in enumerate(lines[:TOP_LINES]):
        stripped = line.strip()
        if len(stripped) >= HEADLINE_CHARS and text.count(stripped) >= 2:
            above = [other.strip() for other in lines[:index] if other.strip()]
            if above and all(len(other) < FURNITURE_CHARS and not _shares_a_word(other, stripped) for other in above):
                return text[position:], above
            return text, []
        if len(stripped) >= FURNITURE_CHARS:
            return text, []  # prose before any repeated headline: nothing to cut
        position += len(line) + 1
    return text, []


def _shares_a_word(line: str, headline: str) -> bool:
    """Whether the two share a word (by its first five letters)."""
    stems = {word[:5].lower() for word in STEM_RE.findall(headline)}
    return any(word[:5].lower() in stems for word in STEM_RE.findall(line))


def first_title_line(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    return first if len(first) < 220 else re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
