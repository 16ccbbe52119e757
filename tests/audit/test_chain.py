import pytest
from django.db import connection

from medcorridor.audit.models import AccessLog, AuditEvent
from medcorridor.audit.services import record, record_access, verify_chain


@pytest.fixture
def events(db):
    for n in range(5):
        record(actor=None, action="create", target_type="test.thing", target_id=str(n), after={"n": n})
    return AuditEvent.objects.order_by("id")


def test_chain_verifies(events):
    assert verify_chain() == (True, None)


def test_rows_are_append_only(events):
    row = events.first()
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
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET summary = %s WHERE id = %s", ["edited", target.id])
    assert verify_chain() == (False, target.id)


def test_access_log_chain(db):
    record_access(actor=None, target_type="cases.patient", target_id="p1", granted=False)
    record_access(actor=None, target_type="cases.patient", target_id="p1")
    assert verify_chain(AccessLog) == (True, None)
    assert list(AccessLog.objects.values_list("granted", flat=True)) == [False, True]


def test_a_list_logs_every_row_in_one_insert(db, django_assert_max_num_queries):
    from medcorridor.audit.services import record_access_many

    targets = [("cases.referralcase", str(n)) for n in range(50)]
    with django_assert_max_num_queries(5):  # savepoint, chain lock (PostgreSQL), tail, insert, release
        rows = record_access_many(actor=None, targets=targets, purpose="list")
    assert len(rows) == 50
    assert verify_chain(AccessLog) == (True, None)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    """Two threads append at once; the chain stays one line (PostgreSQL locks, SQLite serialises)."""
    import threading

    from django.db import connection as main_connection

    if main_connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database is shared by threads only through one connection")
    errors = []

    def writer(n):
        from django.db import connection

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
    assert AuditEvent.objects.count() == 60
    assert verify_chain() == (True, None)
