"""Countries and officials: error classes read on rounds 7 and 8 (docs/ingest.md, "After rounds 7
and 8: rules-d"). Every sentence is written for the purpose, none is taken from an article."""

from __future__ import annotations

from medcorridor.ingest.extract import extract_event

# the lead (title and first sentences) names the story's sides anyway: the probes put the
# sentences under test after it
FILLER = (
    "Стороны обсудили подготовку кадров, обмен опытом и развитие сети клиник в регионах. "
    "Участники встречи отметили, что совместная работа уже дает результаты, и договорились "
    "продолжить консультации на уровне экспертов. Отдельное внимание уделили вопросам "
    "лекарственного обеспечения, стандартам качества и обучению среднего медицинского "
    "персонала, а также планам на следующий год.\n"
)


def countries(text: str) -> list[str]:
    title, _, body = text.partition("\n")
    return extract_event(title + "\n" + FILLER + body, "probe.txt").countries


def test_the_origins_of_medical_tourists_listed_in_a_sentence_are_sides() -> None:
    text = (
        "Монголия принимает все больше иностранных пациентов.\n"
        "Большинство медицинских туристов приезжают из России и Казахстана. "
        "Остальные — из Японии, Кореи и Германии."
    )
    assert {"MN", "RU", "KZ", "JP", "KR", "DE"} <= set(countries(text))


def test_the_destinations_of_patients_travelling_abroad_are_sides() -> None:
    text = (
        "Армения: граждане все чаще выбирают лечение за рубежом.\n"
        "Сегодня армянские пациенты едут лечиться в Израиль, Германию и Индию, сообщил эксперт."
    )
    assert {"AM", "IL", "DE", "IN"} <= set(countries(text))


def test_a_single_country_in_a_sentence_about_patients_counts_after_from() -> None:
    text = "Грузия стала направлением медицинского туризма.\nЧасто пациенты прилетают из Египта, рассказал врач."
    assert "EG" in countries(text)


def test_a_flow_the_cooperation_replaces_or_sets_aside_is_no_side() -> None:
    text = (
        "Узбекистан и Корея открыли центр кардиохирургии в Ташкенте.\n"
        "Раньше пациентов направляли на лечение в Турцию, Индию и Израиль. "
        "Помимо Кореи, популярными направлениями лечения остаются Германия и Сингапур."
    )
    assert set(countries(text)) == {"UZ", "KR"}


def test_countries_listed_outside_a_sentence_about_patients_are_no_sides() -> None:
    text = (
        "Таджикистан и Китай подписали меморандум в области здравоохранения.\n"
        "В форуме также участвовали делегации из Ирана, Турции и Египта."
    )
    assert set(countries(text)) == {"TJ", "CN"}


def test_the_order_of_malta_is_no_country_and_its_envoy_speaks_for_none() -> None:
    text = (
        "Министр принял посла Мальты\n"
        "Министр здравоохранения Армении Ашот Саакян встретился с послом Суверенного Мальтийского "
        "ордена в Армении Джованни Росси. Стороны обсудили помощь хосписам."
    )
    event = extract_event(text, "probe.txt")
    assert event.countries == ["AM"]
    envoy = next(o for o in event.officials if o.name == "Джованни Росси")
    assert not envoy.country


def test_a_title_on_the_left_stays_on_the_names_line() -> None:
    text = (
        "12.05.2024\n\nГлава областного минздрава встретился с турецкими хирургами\n\n"
        "Глава регионального минздрава Сергей Волков встретился с консулом Турции."
    )
    volkov = next(o for o in extract_event(text, "probe.txt").officials if o.name == "Сергей Волков")
    assert volkov.position.lower().startswith("глава регионального минздрава")
    assert "хирург" not in volkov.position


def test_his_excellency_is_a_courtesy_neither_title_nor_person() -> None:
    text = (
        "Посол вручил оборудование\n"
        "В церемонии участвовал Чрезвычайный и Полномочный Посол Кореи в Монголии Е.П. г-н Ким Сон Ир. "
        "Ноты подписаны министром здравоохранения Монголии и Послом Кореи в Монголии Е.П. г-ном Ким Сон Иром."
    )
    found = {o.name: o.position for o in extract_event(text, "probe.txt").officials}
    assert "Е.П" not in found and "Е.П." not in found
    assert found["Ким Сон Ир"].endswith("в Монголии")


def test_one_plural_title_over_two_names_gives_each_the_singular_title() -> None:
    text = (
        "Армения и Иран подписали меморандум в Ереване.\n"
        "Документ подписали министры здравоохранения двух стран Анаит Аветисян и Бахрам Эйнолахи."
    )
    found = {o.name: o.position for o in extract_event(text, "probe.txt").officials}
    assert found.get("Анаит Аветисян") == "министр здравоохранения"
    assert found.get("Бахрам Эйнолахи") == "министр здравоохранения"


def test_a_plural_title_before_one_name_is_a_group_not_his_title() -> None:
    text = "Армения и Иран подписали меморандум.\nНа встрече выступили руководители клиник Анаит Аветисян."
    found = {o.name: o.position for o in extract_event(text, "probe.txt").officials}
    assert "руководитель клиник" not in found.values()


def test_an_institution_the_tagger_took_into_the_name_ends_the_title() -> None:
    text = "Депутат Мажилиса Айгуль Нуртаева направила запрос Премьер-министру о медицинском туризме."
    found = {o.name: o.position for o in extract_event(text, "probe.txt").officials}
    assert found.get("Айгуль Нуртаева", "").startswith("депутат Мажилиса")


def test_a_surname_in_capitals_is_written_as_a_name() -> None:
    text = "Министр здравоохранения Монголии принял Посла Японии в Монголии г-на САТО Кэнъити."
    names = [o.name for o in extract_event(text, "probe.txt").officials]
    assert "Сато Кэнъити" in names


def test_a_letter_without_a_unicode_name_does_not_break_the_tagger() -> None:
    assert extract_event("𗀀:", "probe.txt").officials == []
