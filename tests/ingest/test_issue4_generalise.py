"""Issue 4, generalising the extractor to unseen pages: countries, areas and figures by class.

Every rule here comes from a general vocabulary (kinds of donated goods, medical professions,
conventions written in the rounds' READMEs), not from one article's wording; each test uses
sentences written for the purpose, none taken from an article.
"""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event


def scored(text: str) -> dict:
    return extract_event(text.encode("utf-8"), "t.txt").to_score_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Китай передал Кыргызстану десять тысяч тест-систем и защитные костюмы для врачей.",
        "Корея поставит в Узбекистан аппараты ИВЛ и мониторы пациента.",
        "Турецкая сторона передала партию медицинских масок, перчаток и реагентов.",
        "Из Минска были отправлены кислородные концентраторы и другие медицинские изделия.",
        "Новый диагностический центр будет оснащен магнитно-резонансными томографами.",
        "Фонд участвует в оснащении строящихся районных онкологических центров.",
        "Четыре лаборатории будут отремонтированы и оснащены по международным стандартам.",
    ],
)
def test_donated_goods_of_any_kind_are_equipment_supply(text: str) -> None:
    assert "equipment_supply" in scored(text)["areas"]


def test_a_clinic_described_as_well_equipped_receives_no_supply() -> None:
    text = "Клиника в Сеуле оснащена современным медицинским оборудованием и принимает пациентов."
    assert "equipment_supply" not in scored(text)["areas"]


@pytest.mark.parametrize(
    "text",
    [
        "Гости прочитали лекции для местных кардиологов и онкологов.",
        "Профессор провел открытую лекцию в медицинском университете.",
    ],
)
def test_lectures_for_specialists_of_any_profession_are_training(text: str) -> None:
    assert "training" in scored(text)["areas"]


@pytest.mark.parametrize(
    "text",
    [
        "Граждане Таджикистана смогут получать высокотехнологичную медицинскую помощь в клиниках Индии.",
        "За прошлый год в клиниках республики пролечились 12 тысяч иностранцев.",
    ],
)
def test_treatment_of_foreigners_and_abroad_is_medical_tourism(text: str) -> None:
    assert "medical_tourism" in scored(text)["areas"]


def test_a_patient_who_goes_on_with_his_treatment_is_no_medical_tourist() -> None:
    text = "После операции пациент продолжает получать необходимое лечение в отделении."
    assert "medical_tourism" not in scored(text)["areas"]
