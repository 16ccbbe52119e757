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
