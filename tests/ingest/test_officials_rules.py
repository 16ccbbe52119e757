"""Round-4 rules for officials: titles, lists, eponyms and the side a person speaks for (no Django)."""

from __future__ import annotations

from medcorridor.ingest.extract import extract_event
from medcorridor.ingest.extract.officials import is_verb, surname_key, uninflected, without_eponym
from medcorridor.ingest.extract.text import tokenize


def officials(text: str) -> dict[str, tuple[str, str]]:
    event = extract_event(text, "x.txt")
    return {o.name: (o.position, o.country) for o in event.officials}


def test_clinical_professions_are_positions_in_a_team_list() -> None:
    found = officials(
        "Москва, 3 марта 2026 г. Российские врачи провели операции в Таджикистане. В состав группы "
        "вошли хирург Елена Кригер, анестезиолог Дмитрий Ионкин и операционная медицинская сестра "
        "Ольга Сидоренко."
    )
    assert found["Дмитрий Ионкин"][0] == "анестезиолог"
    assert found["Ольга Сидоренко"][0] == "операционная медицинская сестра"


def test_prepositions_and_unknown_words_do_not_end_a_title() -> None:
    # «при» parses as the imperative of «переть», «Истиклол» and «ибни» as guessed verbs
    assert not any(is_verb(t) for t in tokenize("при части Истиклол ибни"))
    assert is_verb(tokenize("присутствовал")[0])
    found = officials(
        "Ташкент, 17 марта 2026 г. Узбекистан и Германия обсудили цифровое здравоохранение. Директор "
        "Центра цифрового здравоохранения при Министерстве здравоохранения Республики Узбекистан "
        "Бахтиёр Юлдашев представил систему. Генеральный директор медицинского комплекса «Истиклол» "
        "Шамсулло Шарипов выступил."
    )
    assert found["Бахтиёр Юлдашев"][0].startswith("директор Центра цифрового здравоохранения")
    assert found["Шамсулло Шарипов"][0].startswith("генеральный директор медицинского комплекса")


def test_plural_genitive_inside_the_complement_is_not_the_head() -> None:
    found = officials(
        "Ташкент, 4 августа 2026 г. Узбекистан и Турция построят центр. Выступил председатель совета "
        "директоров компании Эрман Ылыджак."
    )
    assert found["Эрман Ылыджак"][0] == "председатель совета директоров компании"


def test_office_before_an_academic_title_is_the_position() -> None:
    found = officials(
        "Душанбе, 3 марта 2026 г. Российские хирурги работали в Таджикистане. Руководителем бригады "
        "выступил заведующий отделением абдоминальной хирургии центра Вишневского профессор Андрей Чжао."
    )
    assert found["Андрей Чжао"][0].startswith("заведующий отделением абдоминальной хирургии")


def test_chained_titles_are_kept_together() -> None:
    found = officials(
        "Улаанбаатар, 12 мая 2026 г. Китайские врачи работали в Монголии. Руководитель команды, "
        "заместитель директора Народной больницы Автономного района Внутренняя Монголия Ван Цзяньго "
        "сообщил о стажировках."
    )
    position, country = found["Ван Цзяньго"]
    assert position.startswith("руководитель команды, заместитель директора Народной больницы")
    assert country == "CN"  # Inner Mongolia is a region of China


def test_eponym_swallowed_by_the_name_span_is_dropped() -> None:
    text = "заведующая кафедрой университета имени Абуали ибни Сино Гулнора Рахимова"
    start = text.index("Сино")
    tokens = [t for t in tokenize(text[start:], start)]
    assert [t.text for t in without_eponym(text, start, tokens)] == ["Гулнора", "Рахимова"]
    text = "ректор академии имени Ахунбаева Индира Кудайбергенова"
    start = text.index("Ахунбаева")
    tokens = [t for t in tokenize(text[start:], start)]
    assert [t.text for t in without_eponym(text, start, tokens)] == ["Индира", "Кудайбергенова"]
    text = "центра имени Дмитрия Рогачева"
    start = text.index("Дмитрия")
    assert without_eponym(text, start, list(tokenize(text[start:], start))) == []


def test_the_side_a_clause_speaks_for_places_its_people() -> None:
    found = officials(
        "Бишкек, 30 июля 2026 г. Кыргызстан и Казахстан провели учения. Со стороны Казахстана работали "
        "специалисты Республиканского центра санитарной авиации, со стороны Кыргызстана — Республиканский "
        "центр медицины катастроф. Директор Республиканского центра медицины катастроф Нурлан Исаев "
        "рассказал об учениях. Председатель правления Республиканского центра санитарной авиации Азамат "
        "Шадкамов сообщил о вертолетах."
    )
    assert found["Нурлан Исаев"][1] == "KG"
    assert found["Азамат Шадкамов"][1] == "KZ"
    found = officials(
        "Нукус, 30 июня 2026 г. ОАЭ передали Узбекистану лекарства. Помощь принял заместитель министра "
        "здравоохранения Республики Узбекистан Бахром Алматов. Со стороны эмиратского фонда в церемонии "
        "участвовал руководитель программ фонда в Центральной Азии Хамад Саид аль-Кааби."
    )
    assert found["Хамад Саид аль-Кааби"][1] == "AE"


def test_members_of_a_delegation_list_share_its_placed_members_country() -> None:
    found = officials(
        "Минск, 20 мая 2026 г. Республику Беларусь посетила делегация Таджикистана. В состав делегации "
        "вошли: начальник управления Зебо Умарова, директор центра семейной медицины Мавджуда Нуралиева, "
        "главный врач городского центра здоровья города Душанбе Фаррух Шарифзода. Гостей принял первый "
        "заместитель министра здравоохранения Республики Беларусь Елена Богдан."
    )
    assert found["Фаррух Шарифзода"][1] == "TJ"
    assert found["Зебо Умарова"][1] == "TJ"
    assert found["Мавджуда Нуралиева"][1] == "TJ"
    assert found["Елена Богдан"][1] == "BY"


def test_hyphenated_surnames_with_one_first_part_are_two_people() -> None:
    found = officials(
        "Ташкент, 22 мая 2026 г. Израиль и Узбекистан начали курс. Директор международного отдела "
        "службы Михаэль Бен-Ами открыл курс. На открытии присутствовал посол Государства Израиль в "
        "Республике Узбекистан Зеэв Бен-Арье."
    )
    assert {"Михаэль Бен-Ами", "Зеэв Бен-Арье"} <= set(found)


def test_names_keep_their_initials_dots_and_the_form_the_text_wrote_in_the_nominative() -> None:
    text = (
        "На встрече присутствовали посол России А.Бокарев и заместитель министра здравоохранения Армении "
        "Г.Мириджаняном. Заместитель министра здравоохранения Г.Мириджанян поблагодарил российских коллег."
    )
    names = {o["name"] for o in extract_event(text, "x.txt").to_score_dict()["officials"]}
    assert "А. Бокарев" in names and "Г. Мириджанян" in names
    assert uninflected("Дерягелди Оразовым", "Дерягелди Оразов") == "Дерягелди Оразов"
    assert uninflected("Анна Попова", "Анну Поповой") == "Анна Попова"  # not a plain extension: kept
    assert surname_key("Курбанов Б.") != surname_key("Акилов Х.")  # two people, not one with no surname
