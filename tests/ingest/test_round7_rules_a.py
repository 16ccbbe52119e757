"""Round 7 preparation (rules-a): organisations, areas, agreements and dates, one error class per
test, each on sentences written for the purpose (not taken from any article)."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract import extract_event


def event(text: str):
    return extract_event(text.encode("utf-8"), "t.txt")


def areas(text: str) -> list[str]:
    return event(text).to_score_dict()["areas"]


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Министры обсудили информатизацию здравоохранения и обмен данными.", "digital_health"),
        ("Военные медики внедрят информационно-коммуникационные технологии в госпиталях.", "digital_health"),
        ("Стороны подпишут соглашение о производстве медицинской техники в Ташкенте.", "equipment_supply"),
        ("Министерство получило средства индивидуальной защиты и перчатки от банка.", "equipment_supply"),
        ("Больница получила медицинские изделия на сумму $40 тысяч.", "equipment_supply"),
        ("Передан набор медикаментов на случай чрезвычайных ситуаций.", "emergency_care"),
        (
            "План предусматривает оказание медицинской помощи гражданам Армении в российских клиниках.",
            "medical_tourism",
        ),
        ("Приезжие хирурги прочитали 12 лекций для коллег из районных больниц.", "training"),
        ("Японская сторона поможет создать систему университетских больниц.", "training"),
    ],
)
def test_area_evidence_phrases(text: str, area: str) -> None:
    assert area in areas(text)


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("Новая клиника оснащена современным оборудованием и принимает пациентов.", "equipment_supply"),
        ("В связи с чрезвычайной ситуацией в регионе министр отменил визит.", "emergency_care"),
        ("Врачи получили лечение в рамках программы.", "equipment_supply"),
        ("Граждане Казахстана получили помощь в своих поликлиниках.", "medical_tourism"),
    ],
)
def test_area_phrases_that_are_not_evidence(text: str, area: str) -> None:
    assert area not in areas(text)
