"""Cooperation areas from a fixed vocabulary, found by trigger phrases.

Triggers inside organisation names (e.g. «Реабилитационный центр г. Усть-Каменогорска») do not
count: an institution's name says nothing about what the partners agreed to work on.
"""

from __future__ import annotations

import re

AREAS = (
    "medical_tourism",
    "training",
    "insurance",
    "transplantation",
    "drug_regulation",
    "equipment_supply",
    "digital_health",
    "primary_care",
    "emergency_care",
    "rehabilitation",
)

W = r"[\w-]*"  # the rest of an inflected word
NEAR = r"(?:\W+[\w-]+){0,4}?\W+"  # up to four words in between

TRIGGERS: dict[str, list[str]] = {
    "medical_tourism": [
        rf"медицинск{W}\s+туризм",
        r"медтуризм",
        rf"лечебн{W}\s+туризм",
        rf"лечени{W}\s+(?:\w+\s+)?(?:казахстан|граждан|пациент|иностран|кыргызстан|узбекистан|таджикистан|монгол)",
        rf"(?:граждан|пациент|жител){W}{NEAR}(?:(?:получа|обраща){W}\s+(?:за\s+)?(?:медицинск|лечени|помощ|услуг)|ездил|ездят|выезжа|лечат|направля|едут)",
        rf"(?:направлени|отправк|выезд){W}\s+(?:пациент|больн){W}\s+на\s+лечени",
        rf"(?:иностранн|зарубежн){W}\s+пациент",
        rf"лечат{W}\s+в\s+[А-ЯЁ]",
        r"на\s+лечение\s+в\s+[А-ЯЁ]",
        rf"направ{W}\s+на\s+(?:операци|лечени){W}\s+в\s+[А-ЯЁ]",
    ],
    "training": [
        r"обучени",
        r"обучить",
        r"обучат",
        r"учил(?:ись|ся|ась)\b",
        rf"перенима{W}\s+опыт",
        r"обуча",
        rf"подготовк{W}\s+(?:медицинск{W}\s+)?(?:кадр|специалист|врач|медик|медсест)",
        rf"подготовлен{W}\s+(?:\w+\s+)?специалист",
        r"мастер-класс",
        r"стажировк",
        r"стажир",
        rf"повышени{W}\s+квалификаци",
        rf"обмен{W}\s+опытом",
        r"обменялись\s+опытом",
        rf"образовательн{W}\s+(?:программ|пространств|проект)",
        r"резидентур",
        r"ординатур",
        rf"учебн{W}\s+(?:курс|программ|визит)",
        r"переподготовк",
        r"тренинг",
        r"семинар",
    ],
    "insurance": [r"страхован", r"страховы", r"медстрах", r"страховщик"],
    "transplantation": [
        r"трансплант",
        rf"пересадк{W}\s+(?:органов|почк|печен|сердц|костного)",
        rf"донорств{W}\s+органов",
    ],
    "drug_regulation": [
        rf"регистраци{W}\s+(?:\w+\s+)?(?:лекарств|препарат|медицинск{W}\s+издели|фармацевт)",
        rf"регулировани{W}\s+(?:цен|лекарств|обращени|фармацевт)",
        r"фармаконадзор",
        rf"взаимн{W}\s+признани{W}",
        r"\bGMP\b",
        r"фармакопе",
        rf"инспектировани{W}\s+производств",
        rf"регуляторн{W}",
        rf"обращени{W}\s+лекарственн",
    ],
    "equipment_supply": [
        rf"(?:поставк|поставок|передач|передан|переда|дар|донаци|закупк|оснащени|поставля|подар|пожертвова)"
        rf"{W}{NEAR}(?:оборудовани|аппарат|томограф|реанимобил|автомобил{W}\s+скорой|лекарств|вакцин|медикамент)",
        rf"(?:оборудовани|аппарат|томограф){W}{NEAR}(?:передан|подарен|поставлен|доставлен)",
        rf"гуманитарн{W}\s+(?:помощ|груз)",
    ],
    "digital_health": [
        r"цифров",
        r"телемедицин",
        rf"информационн{W}\s+систем",
        rf"искусственн{W}\s+интеллект",
        r"\bИИ\b",
        rf"электронн{W}\s+(?:медицинск|здравоохранени|рецепт|карт|паспорт|систем|документооборот|запис)",
        rf"дистанционн{W}\s+(?:консультаци|мониторинг)",
        r"телеконсульт",
        r"онлайн-консульт",
    ],
    "primary_care": [
        rf"первичн{W}\s+(?:звен|медико|медицинск|помощ|здравоохран)",
        r"\bПМСП\b",
        rf"семейн{W}\s+(?:врач|медицин)",
        rf"врач{W}\s+общей\s+практики",
    ],
    "emergency_care": [
        rf"(?:систем|служб|модернизаци|развити|станци|бригад|оснащени){W}\s+(?:\w+\s+)?скор{W}\s+(?:медицинск{W}\s+)?помощ",
        rf"экстренн{W}\s+(?:медицинск{W}\s+)?помощ",
        rf"неотложн{W}\s+помощ",
        rf"санитарн{W}\s+авиаци",
        r"санавиаци",
        rf"медицин{W}\s+катастроф",
        r"реанимобил",
    ],
    "rehabilitation": [r"(?<![А-ЯЁ])реабилитаци", r"(?<![А-ЯЁ])реабилитационн"],
}

COMPILED = {
    area: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE | re.UNICODE)
    for area, pats in TRIGGERS.items()
}
# «реабилитаци» written with a capital starts an institution's name, not a topic
CASE_SENSITIVE = {"rehabilitation"}


def find_areas(text: str, blocked: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(area, start, end) for every trigger outside ``blocked`` spans (organisation names)."""
    hits = []
    for area in AREAS:
        pattern = COMPILED[area]
        if area in CASE_SENSITIVE:
            pattern = re.compile(pattern.pattern)
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e in blocked):
                hits.append((area, match.start(), match.end()))
    return hits
