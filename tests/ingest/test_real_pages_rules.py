"""Rules added for round 5 (real press pages), each on a sentence written for the purpose."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event
from medcorridor.ingest.extract.countries import codes_in
from medcorridor.ingest.extract.dates import event_date
from medcorridor.ingest.extract.figures import find_figures
from medcorridor.ingest.extract.organisations import without_cut_tail
from medcorridor.ingest.extract.reader import read_article


def officials(text: str) -> list[tuple[str, str, str]]:
    return [(o.name, o.position, o.country) for o in extract_event(text).officials]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Новость\nФевраль 28, 2024 14:16\nТекст", "2024-02-28"),
        ("Бишкек, 15 июля, 2020, 12:40 — новость", "2020-07-15"),
        ("07.09.21\nСегодня прошла встреча", "2021-09-07"),
        ("Сегодня, 14 янв, прошла встреча", None),
    ],
)
def test_dates_as_site_templates_print_them(text: str, expected: str | None) -> None:
    assert event_date(text, None)[0] == expected


def test_day_ranges_short_months_age_marks_and_addresses_are_not_figures() -> None:
    text = "[18+]\nул. Абая, 10, 3-этаж\nМинистр 11-12 января посетил клинику, 14 янв он вернулся, 40 врачей"
    assert [f.value for f in find_figures(text)] == [40]


def test_a_headline_figure_repeated_in_the_body_counts_once() -> None:
    text = "Турция передала 20 аппаратов ИВЛ\nВ Бишкек доставлено 20 аппаратов ИВЛ и 50 концентраторов."
    assert sorted(f.value for f in find_figures(text)) == [20, 50]


def test_reader_repairs_look_alikes_initials_and_wrapped_lines() -> None:
    text = read_article("Посол Миясита Tакаюки и А.Уйлстугулдур подписали\nмеморандум.").text
    assert "Такаюки" in text and "А. Уйлстугулдур" in text and "подписали меморандум" in text


def test_menu_and_social_rows_are_furniture() -> None:
    text = read_article("Menu\nRSS\nTwitterFacebookYoutubeInstagramTelegram\nМинистр встретился с послом.").text
    assert "Menu" not in text and "Twitter" not in text


def test_russian_regions_and_north_korea_have_countries() -> None:
    assert codes_in("губернатор Свердловской области") == ["RU"]
    assert codes_in("Медицинская палата Бурятии") == ["RU"]
    assert codes_in("делегация КНДР") == ["KP"]
    assert codes_in("Южная Корея") == ["KR"]


def test_a_story_without_a_country_in_the_lead_takes_the_recurring_ones() -> None:
    text = (
        "Визит к доктору\n\nБольница на прошлой неделе принимала большую делегацию во главе с губернатором. "
        "Гостям показали новый корпус, операционные, лаборатории и учебный центр, построенные за два года. "
        "Главный врач рассказал о планах на ближайшие несколько лет, гости осмотрели отделения. "
        * 2
        + "Иркутские врачи прооперировали двух детей, прибывших из Монголии. Врачи иркутской больницы и "
        "коллеги из Монголии договорились продолжить работу."
    )
    assert sorted(extract_event(text).countries) == ["MN", "RU"]


def test_a_genitive_office_inside_a_longer_title() -> None:
    found = officials("Документ подписали заместитель главы администрации президента Монголии Батын Болд.")
    assert found == [("Батын Болд", "заместитель главы администрации президента", "MN")]  # country kept apart


def test_a_title_with_an_enumeration_in_its_complement() -> None:
    text = (
        "В Анкаре прошла встреча с президентом Ассоциации предпринимателей, культуры и дружбы Турции Шевки Сарыларом."
    )
    assert [o[:2] for o in officials(text)] == [
        ("Шевки Сарылар", "президент Ассоциации предпринимателей, культуры и дружбы")
    ]


def test_soft_stem_foreign_names_go_to_the_nominative() -> None:
    text = "Министр Турции встретился с ректором университета Инену Ахметом Кызылаем."
    assert [o[0] for o in officials(text)] == ["Ахмет Кызылай"]


def test_organisations_numbered_in_lower_case_and_with_a_joint_remit() -> None:
    text = (
        "Монголия и Япония построят центр на базе третьей центральной государственной больницы. "
        "Врачи Национального центра материнства и детства Монголии прошли обучение."
    )
    names = extract_event(text).organisations
    assert any(n.lower().startswith("третья центральная государственная больница") for n in names)
    assert any(n.startswith("Национальный центр материнства и детства") for n in names)


def test_a_bare_minzdrav_is_the_home_ministry() -> None:
    text = "ТАШКЕНТ. Узбекистан пригласит 1000 иностранных специалистов, сообщает пресс-служба Минздрава."
    assert "Министерство здравоохранения Республики Узбекистан" in extract_event(text).organisations


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Японская сторона поможет оснастить центр медицинским оборудованием.", "equipment_supply"),
        ("Из Китая доставлено оборудование и медицинские принадлежности.", "equipment_supply"),
        ("Япония построит медицинский пункт в селе.", "primary_care"),
        ("Таджикские специалисты проходят практику в клиниках Китая.", "training"),
        ("Иркутские врачи прооперировали детей, прибывших из Монголии.", "medical_tourism"),
        # round 6
        ("Корея выразила намерение предоставить медицинское оборудование для клиник.", "equipment_supply"),
        ("Из этой суммы 1,5 млн евро пойдет на оснащение детской туберкулезной больницы.", "equipment_supply"),
        ("Стороны обсудили вопросы совместных закупок.", "equipment_supply"),
        ("Корея будет оказывать содействие в подготовке медицинского персонала.", "training"),
        ("Подписан меморандум в сфере непрерывного медицинского и фармацевтического образования.", "training"),
    ],
)
def test_area_triggers_of_real_pages(text: str, area: str) -> None:
    assert area in extract_event(text).areas


def test_treating_patients_at_home_is_not_medical_tourism() -> None:
    assert "medical_tourism" not in extract_event("Специалисты используют новые методы для лечения пациентов.").areas


# round 6: rules generalised from round 5's errors


def test_lines_without_a_russian_word_hold_no_figures() -> None:
    text = "$1 – 12413.79\nUZS – -0,42%\n  • 0\nВ Ташкент доставлено 400 доз вакцины."
    assert [f.value for f in find_figures(text)] == [400]


def test_a_one_word_name_right_after_its_title() -> None:
    found = officials("Министр здравоохранения Монголии Чинбурэн провел встречу с делегацией Японии.")
    assert ("Чинбурэн", "министр здравоохранения", "MN") in found


def test_an_eponym_after_a_title_is_no_name() -> None:
    text = "В Душанбе работал заведующий отделением абдоминальной хирургии центра Вишневского."
    assert officials(text) == []


def test_a_colleague_holds_the_title_of_the_official_before_him() -> None:
    text = "Министр здравоохранения Монголии Чинбурэн встретился со своим турецким коллегой Кемалем Мемисоглу."
    assert ("Кемаль Мемисоглу", "министр здравоохранения", "TR") in officials(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Министр посетил Университет Инену в Малатье. Он встретился с ректором вуза Ахметом Кызылаем.",
            ("Ахмет Кызылай", "ректор Университета Инену"),
        ),
        (
            "В Министерстве здравоохранения Узбекистана прошла встреча главы ведомства Асильбека Худаярова с послом.",
            ("Асильбек Худаяров", "министр здравоохранения"),
        ),
        (
            "В Министерстве здравоохранения и социального развития КР прошла встреча министра Алымкадыра Бейшеналиева.",
            ("Алымкадыр Бейшеналиев", "министр здравоохранения и социального развития"),
        ),
    ],
)
def test_a_title_that_refers_back_takes_the_institution_named_before(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(name, position) for name, position, _ in officials(text)]


def test_a_courtesy_before_the_name_is_not_part_of_the_title() -> None:
    found = officials("На встрече был посол Республики Турция в КР г-ном Ахмет Садык Доган.")
    assert [position for _, position, _ in found] == ["посол Республики Турция в КР"]


def test_an_excerpt_cut_mid_word_keeps_its_last_sentence() -> None:
    text = "Новость\nПосольство передало машины скорой помощи.\nПо словам посла Турции Метина Кыл"
    assert read_article(text).text.endswith("Метина Кыл")


def test_a_linked_headline_after_the_story_is_still_dropped() -> None:
    text = "Новость\nПосольство передало машины скорой помощи.\nРоссия подарила Таджикистану машины скорой помощи"
    assert read_article(text).text.endswith("помощи.")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Управление Государственной", ""),
        (
            "Межправительственная белорусско-узбекская комиссия по торгово-экономическому",
            "Межправительственная белорусско-узбекская комиссия",
        ),
        (
            "Научно-исследовательский институт педиатрии имени К. Фараджевой",
            "Научно-исследовательский институт педиатрии имени К. Фараджевой",
        ),
        ("Национальный онкологический центр", "Национальный онкологический центр"),
    ],
)
def test_a_name_cut_after_an_adjective_ends_at_its_last_noun(name: str, expected: str) -> None:
    assert without_cut_tail(name) == expected


def test_sites_placeholders_and_country_initials_in_organisations() -> None:
    text = (
        "Новость\nNone\nВ Министерстве здравоохранения и социального развития КР прошла встреча, сообщает IRK.ru.\n"
        "Министерство здравоохранения и социального развития Кыргызской Республики передало помощь."
    )
    # one ministry under two spellings, no site, no «None»
    assert extract_event(text).organisations == ["Министерство здравоохранения и социального развития КР"]


def test_treatment_without_going_abroad_is_not_medical_tourism() -> None:
    text = "Многие граждане смогут получить лечение, не выезжая за рубеж."
    assert "medical_tourism" not in extract_event(text).areas


def test_one_plural_title_with_a_country_before_each_name() -> None:
    text = (
        "Груз прибыл по договоренности между президентами Киргизии Сооронбаем Жээнбековым и Турции Реджепом Эрдоганом."
    )
    found = officials(text)
    assert ("Сооронбай Жээнбеков", "президент Киргизии", "KG") in found
    assert ("Реджеп Эрдоган", "президент Турции", "TR") in found
