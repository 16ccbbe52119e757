import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medcorridor.core.db import repeated_statements_cursor

pytestmark = pytest.mark.django_db


def run_three_times() -> list:
    results = []
    for n in range(3):
        with repeated_statements_cursor() as cursor:
            cursor.execute("SELECT %s + 1", [n])
            results.append(cursor.fetchone()[0])
    return results


def test_the_cursor_runs_statements_on_every_backend():
    assert run_three_times() == [1, 2, 3]


def test_postgresql_prepares_a_statement_once_per_session_unless_turned_off():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server-side prepared statements")
    run_three_times()
    turned_off = connection.settings_dict["OPTIONS"].get("prepare_threshold", 0) is None  # DB_PREPARED_STATEMENTS=0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1 + 1'")
        assert cursor.fetchone()[0] == (0 if turned_off else 1)


def test_the_query_log_shows_each_statement():
    with CaptureQueriesContext(connection) as captured:
        run_three_times()
    if connection.vendor == "postgresql":  # bound on the server: the placeholders stay
        expected = ["SELECT $1 + 1"] * 3
    else:
        expected = ["SELECT 0 + 1", "SELECT 1 + 1", "SELECT 2 + 1"]
    assert [query["sql"] for query in captured.captured_queries] == expected
