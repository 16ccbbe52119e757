import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.utils import timezone

from medcorridor.audit.models import AccessLog, AuditEvent
from medcorridor.audit.services import (
    ChainCheck,
    _append,
    _hashed_names,
    record,
    record_access,
    record_access_many,
    seal,
    verify_chain,
)

INTACT = ChainCheck(True, None, 0)


@pytest.fixture
def events(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            record(actor=None, action="create", target_type="test.thing", target_id=str(n), after={"n": n})
    return list(AuditEvent.objects.order_by("position"))


def unsealed_event(**fields) -> AuditEvent:
    """A row as a writer leaves it before the sealer runs (or when the process died right after commit)."""
    values = {"occurred_at": timezone.now(), "action": "create", "target_type": "test.thing", "target_id": "x"}
    return AuditEvent.objects.bulk_create([AuditEvent(**(values | fields))])[0]


def execute(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_chain_verifies(events):
    assert verify_chain() == INTACT
    assert [event.position for event in events] == [1, 2, 3, 4, 5]


def test_rows_are_append_only(events):
    row = events[0]
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(summary="x")


def test_tampering_is_detected(events):
    target = events[2]
    execute(f"UPDATE {AuditEvent._meta.db_table} SET summary = %s WHERE id = %s", ["edited", target.id])
    assert verify_chain() == ChainCheck(False, target.id, 0)


def test_deleting_a_row_is_detected(events):
    execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].id])
    assert verify_chain() == ChainCheck(False, events[2].id, 0)


def test_unsealing_a_row_to_edit_it_is_detected(events):
    """Clearing a sealed row's chain columns and editing it gets it re-sealed at the end, but the row
    after its old place still points at the old hash."""
    target, following = events[1], events[2]
    execute(
        f"UPDATE {AuditEvent._meta.db_table} SET position = NULL, previous_hash = NULL, row_hash = NULL, "
        "summary = %s WHERE id = %s",
        ["edited", target.id],
    )
    assert seal(AuditEvent) == 1
    assert verify_chain() == ChainCheck(False, following.id, 0)


def test_unsealed_rows_are_reported_then_sealed(events):
    row = unsealed_event(summary="written, not yet sealed")
    assert verify_chain() == ChainCheck(True, None, 1)
    assert seal(AuditEvent) == 1
    assert verify_chain() == INTACT
    execute(f"UPDATE {AuditEvent._meta.db_table} SET summary = %s WHERE id = %s", ["edited", row.id])
    assert verify_chain() == ChainCheck(False, row.id, 0)


def test_rows_are_chained_in_the_order_they_become_visible(db):
    """A writer that took an id early but committed late is chained after the rows sealed meanwhile."""
    unsealed_event(id=100, target_id="committed first")
    assert seal(AuditEvent) == 1
    unsealed_event(id=50, target_id="committed second")
    assert seal(AuditEvent) == 1
    chain = list(AuditEvent.objects.order_by("position").values_list("target_id", flat=True))
    assert chain == ["committed first", "committed second"]
    assert verify_chain() == INTACT


def test_a_committed_record_is_sealed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record(actor=None, action="create", target_type="test.thing", target_id="1")
    row = AuditEvent.objects.get(target_id="1")
    assert row.position == 1 and row.row_hash
    assert verify_chain() == INTACT


def test_a_record_is_sealed_by_its_own_insert_when_the_chain_is_free(db, django_assert_num_queries):
    """PostgreSQL: the insert takes the chain and links the row in the same statement (the hash computed
    in SQL is the one ``verify_chain`` recomputes, non-ASCII text included); SQLite chains it as written."""
    with transaction.atomic():
        with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
            row = record(actor=None, action="create", target_type="test.thing", target_id="1", summary="Пак 😀")
        assert AuditEvent.objects.get(pk=row.pk).position == 1
    assert verify_chain() == INTACT


def test_a_record_sealed_as_written_seals_what_others_left_first(db, django_capture_on_commit_callbacks):
    """PostgreSQL: a writer that finds the chain free inserts its row already sealed, after the committed
    rows others left unsealed (they became visible first). SQLite chains its own row at once; a row left
    unsealed there (by a process that died) waits for the periodic seal."""
    unsealed_event(target_id="left unsealed")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record(actor=None, action="create", target_type="test.thing", target_id="mine")
    if connection.vendor == "sqlite":
        assert seal(AuditEvent) == 1
    chain = list(AuditEvent.objects.order_by("position").values_list("target_id", flat=True))
    expected = ["left unsealed", "mine"] if connection.vendor == "postgresql" else ["mine", "left unsealed"]
    assert chain == expected
    assert verify_chain() == INTACT


@pytest.mark.parametrize(
    "after",
    [
        {"big": 1e16, "negative_zero": -0.0, "tenth": 0.1},  # jsonb prints 1e16 as 10000000000000000
        {"when": "later", "nested": [{"ratio": 2.5e-8}]},
    ],
)
def test_values_the_database_stores_in_another_form_still_verify(db, django_capture_on_commit_callbacks, after):
    """Such a row is hashed as read back, not as written."""
    moscow = timezone.now().astimezone(ZoneInfo("Europe/Moscow"))  # read back in UTC
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = record(actor=None, action="update", target_type="test.thing", target_id="1", after=after)
    assert verify_chain() == INTACT
    with django_capture_on_commit_callbacks(execute=True):
        _append(AuditEvent, [{**_fields_of(row), "occurred_at": moscow}])
    assert verify_chain() == INTACT
    assert AuditEvent.objects.filter(position__isnull=True).count() == 0


def _fields_of(row: AuditEvent) -> dict:
    return {name: getattr(row, name) for name in _hashed_names(AuditEvent)}


def test_a_rolled_back_record_leaves_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        record(actor=None, action="create", target_type="test.thing", target_id="1")
        raise RuntimeError("the service failed")
    assert not callbacks
    assert not AuditEvent.objects.exists()
    assert verify_chain() == INTACT


def test_access_log_chain(db):
    record_access(actor=None, target_type="cases.patient", target_id="p1", granted=False)
    record_access(actor=None, target_type="cases.patient", target_id="p1")
    seal(AccessLog)
    assert verify_chain(AccessLog) == INTACT
    assert list(AccessLog.objects.values_list("granted", flat=True)) == [False, True]


def test_a_list_logs_every_row_in_one_insert(db, django_assert_max_num_queries):
    targets = [("cases.referralcase", str(n)) for n in range(50)]
    # SQLite: the tail, then the chained rows. PostgreSQL: one insert that takes the chain and links them.
    with django_assert_max_num_queries(2 if connection.vendor == "sqlite" else 1):
        written = record_access_many(actor=None, targets=targets, purpose="list")
    assert written == AccessLog.objects.count() == 50
    seal(AccessLog)
    assert verify_chain(AccessLog) == INTACT


def test_rows_beyond_one_insert_are_chained_in_order(db, monkeypatch):
    from medcorridor.audit import services

    monkeypatch.setattr(services, "INSERT_BATCH", 2)
    with transaction.atomic():
        record_access_many(actor=None, targets=[("cases.patient", str(n)) for n in range(5)])
    chain = AccessLog.objects.order_by("position").values_list("position", "target_id")
    assert list(chain) == [(n + 1, str(n)) for n in range(5)]
    assert verify_chain(AccessLog) == INTACT


def test_the_seal_command_and_verify_command(events, capsys):
    from django.core.management import CommandError, call_command

    unsealed_event()
    call_command("audit", "verify")
    assert "1 rows not sealed yet" in capsys.readouterr().out
    call_command("audit", "seal")
    call_command("audit", "verify")
    assert "audit.AuditEvent: intact; 0 rows not sealed yet" in capsys.readouterr().out
    execute(f"UPDATE {AuditEvent._meta.db_table} SET summary = %s WHERE id = %s", ["edited", events[0].id])
    with pytest.raises(CommandError, match="hash chain broken: audit.AuditEvent"):
        call_command("audit", "verify")


def needs_concurrent_writers():
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is shared by threads only through one connection")


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    """Three threads append at once; every row is sealed when its call returns and the chain is one line."""
    needs_concurrent_writers()
    errors = []

    def writer(n):
        try:
            for i in range(20):
                record(actor=None, action="create", target_type="t", target_id=f"{n}-{i}")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert verify_chain() == INTACT
    assert sorted(AuditEvent.objects.values_list("position", flat=True)) == list(range(1, 61))


@pytest.mark.django_db(transaction=True)
def test_a_writer_does_not_wait_for_another_writers_commit():
    """The old design made every writer wait for the chain lock until the holder committed; now a writer
    that finds the chain taken carries on, and its row is sealed once the holder lets go."""
    needs_concurrent_writers()
    first_written, second_done = threading.Event(), threading.Event()
    order = []

    def slow_writer():
        try:
            with transaction.atomic():
                record(actor=None, action="create", target_type="t", target_id="slow")
                first_written.set()
                second_done.wait(timeout=10)
                order.append("slow commits")
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    first_written.wait(timeout=10)
    record(actor=None, action="create", target_type="t", target_id="fast")
    order.append("fast committed")
    second_done.set()
    thread.join()
    assert order == ["fast committed", "slow commits"]
    assert verify_chain() == INTACT
    # The slow writer found the chain free and sealed its row in its own transaction; the fast one's row
    # was sealed after the slow one let go.
    assert list(AuditEvent.objects.order_by("position").values_list("target_id", flat=True)) == ["slow", "fast"]


@pytest.mark.django_db(transaction=True)
def test_a_look_after_commit_that_finds_the_chain_taken_is_one_statement(django_assert_num_queries):
    """A writer whose rows stayed unsealed looks again after its commit. While another sealer holds the
    chain it leaves at once, without a transaction of its own; once the holder lets go, its own look
    after commit seals the row."""
    needs_concurrent_writers()
    from medcorridor.audit.services import _seal_after_commit

    holding, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                assert seal(AuditEvent, wait=False) == 0
                holding.set()
                release.wait(timeout=10)
            _seal_after_commit(AuditEvent)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    holding.wait(timeout=10)
    unsealed_event(target_id="left by a busy chain")
    with django_assert_num_queries(1):
        _seal_after_commit(AuditEvent)
    assert AuditEvent.objects.get().position is None
    release.set()
    thread.join()
    assert AuditEvent.objects.get().position == 1
    assert verify_chain() == INTACT
