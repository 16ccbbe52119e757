"""Unit checks for the pieces of the extractor (no Django)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medcorridor.ingest.extract import extract_event, extract_many
from medcorridor.ingest.extract.countries import codes_in
from medcorridor.ingest.extract.dates import event_date
from medcorridor.ingest.extract.figures import find_figures
from medcorridor.ingest.extract.reader import decode, read_article

ARTICLE = (
    "date: 2025-10-20\nsource: https://example.kz/1\n\n"
    "Казахстан и Узбекистан подписали меморандум\n\nТекст: Иван Иванов\nФото: пресс-служба\n\n"
    "Министр здравоохранения Республики Казахстан Акмарал Альназарова и министр здравоохранения "
    "Узбекистана Асилбек Худаяров подписали меморандум о сотрудничестве в области трансплантации. "
    "В рамках документа 25 врачей пройдут обучение.\n\nЧитайте также\nКурс валют"
)


def test_reader_takes_header_and_drops_noise() -> None:
    article = read_article(ARTICLE.encode("utf-8"))
    assert article.header_date == "2025-10-20"
    assert article.source == "https://example.kz/1"
    assert "Иван Иванов" not in article.text and "Курс валют" not in article.text


def test_cp1251_and_html_are_read() -> None:
    html = "<html><body><h1>Заголовок</h1><p>Министр здравоохранения России встретился.</p></body></html>"
    assert "Министр" in read_article(html.encode("cp1251")).text
    assert read_article(ARTICLE.encode("cp1251")).header_date == "2025-10-20"


def test_full_event() -> None:
    event = extract_event(ARTICLE, "x.txt")
    row = event.to_score_dict()
    assert row["countries"] == ["KZ", "UZ"]
    assert {o["name"] for o in row["officials"]} == {"Акмарал Альназарова", "Асилбек Худаяров"}
    assert row["areas"] == ["training", "transplantation"]
    assert [a.kind for a in event.agreements] == ["memorandum"]
    assert event.agreements[0].status == "signed"
    assert [f["value"] for f in row["figures"]] == [25]
    json.dumps(event.to_dict(), ensure_ascii=False)
    for span in event.spans:  # spans index the cleaned text
        assert 0 <= span.start < span.end <= len(event.text)


def test_figures_formats() -> None:
    values = [f.value for f in find_figures("$149,8 млн, 8,5 тыс. человек, 198 и 24 специалиста, 30% и 15 000 тенге")]
    assert values == [149_800_000, 8_500, 198, 24, 30, 15_000]
    assert find_figures("26 сентября 2024 года в 19:00, в 2023 году, больница № 5, COVID-19") == []


def test_dates_need_day_month_and_year() -> None:
    assert event_date("Алматы. 26 сентября. КазТАГ", None)[0] is None
    assert event_date("Минск, 14 мая 2025 года. Министерство", None)[0] == "2025-05-14"
    assert event_date("что-то 02.02.2026", "2026-01-01")[0] == "2026-01-01"


def test_abbreviations_follow_context() -> None:
    assert codes_in("Казахстан. Премьер-Министр РК") == ["KZ"]
    assert codes_in("Посольство РК в Казахстане") == ["KR", "KZ"]
    assert codes_in("Минздрав КР и Бишкек") == ["KG"]


def test_broken_file_is_reported_and_skipped(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    seen = []
    result = extract_many([missing, good], progress=lambda path, event, error: seen.append(error is None))
    assert [e.file for e in result.events] == ["good.txt"]
    assert len(result.errors) == 1 and result.errors[0].path.endswith("missing.txt")
    assert seen == [False, True]


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_an_event(text: str) -> None:
    event = extract_event(text)
    assert set(event.to_score_dict()) == {
        "file",
        "date",
        "countries",
        "officials",
        "organisations",
        "areas",
        "agreements",
        "figures",
    }


def test_round4_area_triggers() -> None:
    from medcorridor.ingest.extract.areas import find_areas

    def areas(text: str) -> set[str]:
        return {hit[0] for hit in find_areas(text, [])}

    assert "training" in areas("Турецкие врачи займутся подготовкой узбекских специалистов.")
    assert "training" in areas("Каждый раз наши хирурги учатся новым методикам.")
    assert "digital_health" in areas("Мы разбираем сложные случаи по видеосвязи.")
    assert "digital_health" in areas("Делегация изучила систему электронного контроля счетов больниц.")
    assert "digital_health" not in areas("Министр провел встречу по видеосвязи.")


def test_generic_head_with_a_quoted_name_is_an_organisation() -> None:
    from medcorridor.ingest.extract.organisations import quoted_names

    def names(text: str) -> list[str]:
        return [o.name for o in quoted_names(text)]

    assert names("кардиохирурги из госпиталя «Апполо» в Ченнаи") == ["Госпиталь «Апполо»"]
    assert names("директор медицинского центра «Шиба» Ноам Ливни") == ["Медицинский центр «Шиба»"]
    assert names("Немецкая фармацевтическая компания «Берлин-Хеми» передала") == [
        "Немецкая фармацевтическая компания «Берлин-Хеми»"
    ]
    assert names("в клиниках «Медипол» и «Аджибадем»") == []  # a plural head names kinds of places


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Министр здравоохранения Сирии встретился с послом Кубы.", ["SY", "CU"]),
        ("Гуманитарный груз отправлен в Сомали и Чад.", ["SO", "TD"]),
        ("Того же мнения придерживается министр.", []),  # the pronoun, not Togo
        ("Кубик льда и кубы сахара.", []),  # common words in lower case
    ],
)
def test_every_iso_country_is_found_by_its_inflected_russian_name(text, codes):
    from medcorridor.ingest.extract.countries import find_mentions

    assert [m.code for m in find_mentions(text)] == codes


@pytest.mark.parametrize(
    ("phrase", "heading"),
    [
        ("дорожную карту по подготовке кадров", "Дорожная карта по подготовке кадров"),
        ("Меморандума о взаимопонимании", "Меморандум о взаимопонимании"),
        ("совместный план действий", "Совместный план действий"),  # the genitive after the head stays
        ("межправительственного соглашения", "Межправительственное соглашение"),
        ("Соглашение о сотрудничестве между НМИЦ", "Соглашение о сотрудничестве между НМИЦ"),
    ],
)
def test_agreements_are_titled_as_headings(phrase, heading):
    from medcorridor.ingest.extract.agreements import as_heading

    assert as_heading(phrase) == heading


def test_a_page_is_read_in_the_charset_it_declares() -> None:
    # Short page, long markup: detection alone takes this windows-1251 text for another code page.
    paragraph = "Министр здравоохранения Узбекистана и посол Японии подписали меморандум о подготовке кадров."
    for declaration, charset in (
        ('<meta charset="windows-1251">', "cp1251"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
    ):
        page = f"<html><head>{declaration}<title>Новости</title></head><body><nav>Главная | Новости | Контакты</nav>"
        page += f"<p>{paragraph}</p><div>Читайте также: курс валют</div></body></html>"
        assert paragraph in read_article(page.encode(charset)).text
    mention = '<p>Слова charset="koi8-r" в тексте статьи не объявляют кодировку страницы.</p>'
    assert decode(mention.encode("cp1251")) == mention  # only a <meta> or <?xml?> declaration counts


def test_a_news_page_is_read_for_its_story_not_its_furniture() -> None:
    """Menus, tickers, other stories' headlines in a side column and tag clouds are rarely marked as
    <nav> or <aside>: the story is the box with the paragraphs (and its sibling boxes that carry some)."""
    page = """<html><body>
    <div class="menu"><ul><li><a href="/">Главная</a></li><li><a href="/w">В мире</a></li></ul></div>
    <div class="ticker">USD 505,12 EUR 540,30</div>
    <div class="side"><h3>Популярное</h3><ul><li><a href="/1">Президент Турции посетил Японию</a></li>
      <li><a href="/2">Сборная Германии проиграла Франции</a></li></ul></div>
    <h1>Казахстан и Корея договорились о подготовке врачей</h1>
    <div class="story">
      <div class="lead"><p>Министр здравоохранения Казахстана встретилась с послом Республики Корея в Астане.</p></div>
      <div class="body"><p>Стороны обсудили стажировки казахстанских врачей в клиниках Сеула.</p>
        <p>По итогам встречи 40 специалистов пройдут обучение в 2026 году.</p></div>
      <div class="tags"><a href="/t/1">медицина</a> <a href="/t/2">Корея</a></div>
    </div></body></html>"""
    text = read_article(page.encode("utf-8")).text
    assert text.startswith("Казахстан и Корея договорились")  # the headline leads, though outside the box
    assert "встретилась с послом" in text and "40 специалистов" in text  # lead and body, two boxes
    for furniture in ("Главная", "USD 505", "Президент Турции", "Сборная Германии", "медицина"):
        assert furniture not in text


def test_a_news_feed_link_above_the_story_is_the_menu_not_the_end_of_the_article() -> None:
    page = (
        "Лента новостей\nГлавное за день\n\nМинистры здравоохранения двух стран встретились в Ереване\n\n"
        "Министр здравоохранения Армении и министр здравоохранения России обсудили подготовку онкологов, "
        "обмен опытом и совместные исследования в детской онкологии, сообщает пресс-служба ведомства.\n\n"
        "Лента новостей\nКурс валют на сегодня"
    )
    text = read_article(page.encode("utf-8")).text
    assert "обсудили подготовку онкологов" in text  # «Лента новостей» at the top ended the article before
    assert "Курс валют" not in text  # at the bottom it still does


def test_an_excerpt_cut_after_a_whole_sentence_keeps_that_sentence() -> None:
    page = (
        "Япония предоставила Таджикистану грант через ЮНИСЕФ на улучшение здоровья матерей и детей в отдалённых "
        "районах страны, сообщили в представительстве организации.\n"
        "Церемония подписания соглашения о выделении гранта состоялась в Душанбе. В ней приняли"
    )
    assert "соглашения о выделении гранта" in read_article(page.encode("utf-8")).text
    tags = "Грант предоставлен на закупку оборудования для родильных домов страны, сообщили в ведомстве.\nЮНИСЕФ Япония"
    assert "ЮНИСЕФ Япония" not in read_article(tags.encode("utf-8")).text  # a tag line still goes


def test_a_header_date_without_a_day_dates_nothing_and_loses_no_text() -> None:
    page = " date 2020-12 По сообщению представительства ЕС, Европейский инвестиционный банк предоставит Грузии кредит."
    article = read_article(page.encode("utf-8"))
    assert article.header_date is None and article.text.startswith("По сообщению представительства ЕС")
    assert read_article(b"date: 2025-10-20\n\nText of the article.").header_date == "2025-10-20"


def test_a_site_top_above_the_repeated_headline_is_dropped_but_a_headline_above_its_lead_stays() -> None:
    story = (
        "Пять стран создадут единый регистр доноров органов\n\n"
        "Пять стран создадут единый регистр доноров органов Фото: архив\n\n"
        "Министры здравоохранения Азербайджана, Казахстана и Турции подписали протокол о единой системе "
        "донорства и трансплантации органов, сообщает пресс-служба министерства.\n"
    )
    top = "Лента событий\n\nВчера\n05 февраля\n\nОПРОС\n\nГорожане, выросли ли цены на проезд в автобусах?\n\n"
    text = read_article((top + story).encode("utf-8")).text
    assert text.startswith("Пять стран создадут") and "ОПРОС" not in text and "цены на проезд" not in text
    lead = "Глава минздрава встретился с послом Италии в столице и обсудил подготовку врачей и медсестёр."
    headline = "Министр здравоохранения встретился с итальянским послом"  # not a part of the lead
    page = f"Главная\nРегионы\nЗдоровье\n{headline}\n\n{lead}\n\n{lead} Стороны договорились."
    assert headline in read_article(page.encode("utf-8")).text  # it restates the repeated lead: the story's own
