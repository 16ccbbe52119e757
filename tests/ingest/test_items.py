"""Typed registry items found by the pure extractor: programmes, missions, donations, projects."""

from __future__ import annotations

from medcorridor.ingest.extract import extract_event


def items_of(text: str) -> dict[str, list]:
    event = extract_event(text, "x.txt")
    found: dict[str, list] = {}
    for item in event.items:
        found.setdefault(item.kind, []).append(item)
    return found


MISSION = (
    "Российские хирурги провели в Душанбе 35 бесплатных операций\n\n"
    "Душанбе, 3 марта 2026 г. Бригада специалистов Национального медицинского исследовательского центра "
    "хирургии имени А.В. Вишневского завершила работу в Таджикистане. За пять дней российские и таджикские "
    "хирурги провели 35 операций. Кроме операций российские врачи проконсультировали 210 пациентов. "
    "Все операции проведены бесплатно."
)


def test_a_visiting_team_is_one_mission_with_its_figures() -> None:
    event = extract_event(MISSION, "x.txt")
    (mission,) = [i for i in event.items if i.kind == "mission"]
    assert mission.subtype == "surgery"
    assert mission.fields["operations"] == 35
    assert mission.fields["consultations"] == 210
    assert mission.fields["free_of_charge"] is True
    assert "Вишневского" in mission.fields["organisation"]
    # the linked figures are highlighted, and the item's sentence too
    labels = {(s.label, event.text[s.start : s.end].strip()) for s in mission.spans}
    assert ("figure", "35") in labels and ("figure", "210") in labels
    assert any(label == "item:mission" for label, _text in labels)


def test_doctors_named_by_their_country_are_a_visiting_team() -> None:
    found = items_of(
        "Бухара, 6 апреля 2026 г. Индийские кардиохирурги провели в областном центре 4 мастер-класса. "
        "В ходе визита прооперированы 12 пациентов, консультации получили 95 жителей области."
    )
    (mission,) = found["mission"]
    assert (mission.fields["operations"], mission.fields["consultations"]) == (12, 95)


def test_figures_without_a_visiting_team_make_no_mission() -> None:
    found = items_of(
        "Астана, 3 марта 2026 г. Казахстан и Корея обсудили сотрудничество. В прошлом году хирурги "
        "республиканских клиник провели 900 операций на сердце."
    )
    assert "mission" not in found


def test_consultations_only_are_an_outreach_mission() -> None:
    found = items_of(
        "Иркутск, 14 сентября 2026 г. Бригада Иркутской областной клинической больницы провела выездные "
        "консультации в Монголии. За пять дней 9 иркутских врачей осмотрели 640 пациентов."
    )
    (mission,) = found["mission"]
    assert mission.subtype == "consultation" and mission.fields["consultations"] == 640
    assert "free_of_charge" not in mission.fields


def test_donation_has_value_currency_donor_and_recipient() -> None:
    found = items_of(
        "Бишкек, 21 апреля 2026. Турецкое агентство по сотрудничеству и координации (ТИКА) передало "
        "Национальному госпиталю медицинское оборудование на сумму $1,2 млн. Это уже четвертая поставка "
        "оборудования, общая стоимость помощи превысила $5 млн."
    )
    (donation,) = found["donation"]  # the second sentence tells the same gift
    assert donation.subtype == "equipment"
    assert donation.fields["value"] == 1_200_000 and donation.fields["currency"] == "USD"
    assert donation.fields["recipient"].startswith("Национальный госпиталь")
    assert donation.fields["donor"].startswith("Турецкое агентство")


def test_medicines_and_equipment_are_separate_donations_and_an_equipment_supply() -> None:
    event = extract_event(
        "Нукус, 30 июня 2026. Фонд передал больнице медикаменты на сумму 1,5 млн долларов. "
        "Кроме того, корейская сторона передала центру 20 комплектов учебных манекенов.",
        "x.txt",
    )
    kinds = sorted(i.subtype for i in event.items if i.kind == "donation")
    assert kinds == ["equipment", "medicines"]
    assert "equipment_supply" in event.areas


def test_words_about_equipment_without_a_gift_are_no_donation() -> None:
    found = items_of(
        "Минск, 5 мая 2026. Министры поручили ведомствам проработать требования к оснащению вертолетов "
        "санитарной авиации и к передаче данных."
    )
    assert "donation" not in found


def test_trainees_are_linked_to_a_programme_and_days_are_not_trainees() -> None:
    found = items_of(
        "Ташкент, 22 мая 2026. В течение 10 дней израильские инструкторы обучат 48 врачей и фельдшеров. "
        "Еще 120 специалистов пройдут трехмесячное обучение на базе Республиканского центра повышения "
        "квалификации средних медицинских работников."
    )
    first, second = found["programme"]
    assert first.fields["trainees"] == 48
    assert second.fields["trainees"] == 120 and second.subtype == "short"
    assert second.fields["organisation"].startswith("Республиканский центр повышения квалификации")


def test_project_kind_status_and_value() -> None:
    found = items_of(
        "В Ташкенте построят многопрофильный медицинский центр\n\n"
        "Ташкент, 4 августа 2026 г. В Ташкенте состоялась церемония закладки первого камня медицинского "
        "центра на 300 коек. Стоимость проекта составляет 150 млн долларов."
    )
    (project,) = found["project"]
    assert project.subtype == "medical_centre"
    assert project.fields["status"] == "in_progress"  # the first stone is laid
    assert project.fields["value"] == 150_000_000


def test_a_pilot_project_on_clinics_is_not_a_new_medical_centre() -> None:
    found = items_of(
        "Ташкент, 17 марта 2026. В 2026 году будет запущен пилотный проект по переходу 120 поликлиник на "
        "электронные медицинские карты."
    )
    (project,) = found["project"]
    assert project.subtype == "other" and project.fields["status"] == "planned"


def test_items_are_not_in_the_score_dict() -> None:
    event = extract_event(MISSION, "x.txt")
    assert "items" not in event.to_score_dict()
    assert event.to_dict()["items"][0]["kind"] == "mission"


def test_years_of_partnership_are_not_the_value_of_a_donation() -> None:
    found = items_of(
        "Бишкек, 21 апреля 2026. В знак десятилетнего партнерства Турецкое агентство по сотрудничеству "
        "и координации (ТИКА) передало Национальному госпиталю медицинское оборудование."
    )
    (donation,) = found["donation"]
    assert "value" not in donation.fields and "currency" not in donation.fields
