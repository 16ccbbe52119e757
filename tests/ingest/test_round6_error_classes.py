"""Rules for the error classes round 6 showed (issue 4), each on a text written for the purpose."""

from __future__ import annotations

import pytest

from medcorridor.ingest.extract.dates import event_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Новость\n06-06-2022\nТекст", "2022-06-06"),
        ("Новость\n12-11-2022, 14:24. Разместил: редактор\nТекст", "2022-11-12"),
        ("Новость\nоктября 23, 2023 - 14:09\nТекст", "2023-10-23"),
        ("Новость\n31-02-2022\nТекст", None),
        ("Счёт 12-11-20224 не дата", None),
    ],
)
def test_dashed_and_month_first_stamps(text: str, expected: str | None) -> None:
    assert event_date(text, None)[0] == expected


def test_a_date_after_the_lead_paragraph_is_a_past_event_not_the_story_date() -> None:
    lead = "Министр здравоохранения рассказала в интервью о сотрудничестве двух стран в медицине. " * 3
    text = f"Заголовок\n{lead}\nЦентр открыл свои двери 31 мая 2019 года."
    assert event_date(text, None)[0] is None
    assert event_date(f"Заголовок\n15 мая 2024 года\n{lead}", None)[0] == "2024-05-15"
    assert event_date(text, "2019-11-26")[0] == "2019-11-26"
