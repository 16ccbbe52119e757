"""The official's career chart: bars from-until, open positions to the last sighting, meetings on their line."""

import json
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from medcorridor.cooperation.charts import career

TODAY = date(2026, 12, 4)


def position(title, started=None, ended=None, seen=None, organisation="Минздрав"):
    return SimpleNamespace(
        title=title,
        started_on=started,
        ended_on=ended,
        last_seen_on=seen,
        organisation=organisation,
        organisation_name="",
    )


@dataclass
class Meeting:
    held_on: date | None
    name: str = "Встреча министров"

    def __str__(self):
        return self.name


def attended(title, held_on):
    return SimpleNamespace(position_title=title, meeting=Meeting(held_on))


def test_bars_run_from_start_to_end_or_last_sighting_or_today():
    figure = json.loads(
        career(
            [
                position("Министр здравоохранения", date(2020, 1, 1), date(2024, 6, 1)),
                position("Посол", seen=date(2025, 5, 1)),
                position("Советник", date(2025, 9, 1)),
                position("Эксперт"),  # no date at all: not drawn
            ],
            [],
            TODAY,
        )
    )
    bars = figure["data"][0]
    assert bars["y"] == ["Министр здравоохранения", "Посол", "Советник"]
    assert bars["base"] == ["2020-01-01", "2025-05-01", "2025-09-01"]
    assert [end for _org, end in bars["customdata"]] == ["2024-06-01", "2025-05-01", "2026-12-04"]
    assert bars["x"][1] == 86_400_000  # a single sighting is one day long, not invisible


def test_meetings_sit_on_the_line_of_the_position_held_there():
    figure = json.loads(
        career(
            [position("Министр здравоохранения", date(2020, 1, 1))],
            [attended("министр здравоохранения", date(2023, 3, 1))],
            TODAY,
        )
    )
    assert figure["data"][1]["y"] == ["Министр здравоохранения"]
    assert figure["data"][1]["x"] == ["2023-03-01"]
    assert figure["data"][1]["text"] == ["Встреча министров"]


def test_nothing_dated_draws_nothing():
    assert career([position("Эксперт")], [attended("эксперт", None)], TODAY) is None
