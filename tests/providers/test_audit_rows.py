from medcorridor.audit.models import AuditEvent
from medcorridor.providers.services import update_facility, void_facility


def rows_for(instance):
    return AuditEvent.objects.filter(target_type="providers.facility", target_id=str(instance.public_id))


def test_create_update_void_each_leave_a_row_with_before_and_after(directory, personas):
    facility = directory["severance"]
    update_facility(actor=personas.clinic_staff, facility=facility, city="Seoul, Gangnam")
    void_facility(actor=personas.clinic_staff, facility=facility, reason="duplicate record")
    create, update, void = rows_for(facility).order_by("id")
    assert create.action == "create" and create.before is None and create.after["city"] == "Seoul"
    assert update.actor == personas.clinic_staff
    assert (update.before["city"], update.after["city"]) == ("Seoul", "Seoul, Gangnam")
    assert "city" in update.summary
    assert void.action == "void" and void.summary == "duplicate record" and void.after["void_reason"]


def test_voiding_needs_a_reason(directory, personas):
    import pytest

    from medcorridor.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        void_facility(actor=personas.clinic_staff, facility=directory["severance"], reason="  ")
    assert not rows_for(directory["severance"]).filter(action="void").exists()
