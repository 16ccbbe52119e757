"""Two concurrent transitions on one case: exactly one wins, the other gets Conflict, nothing is lost."""

import threading

import pytest
from django.db import connection, connections, transaction

from medcorridor.audit.services import ChainCheck, verify_chain
from medcorridor.cases import services
from medcorridor.cases.models import ReferralCase
from medcorridor.core.errors import Conflict


@pytest.mark.django_db(transaction=True)
def test_two_threads_one_winner(world):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database serialises threads by table locks; see test_services")
    case = world.open_case()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(action, reason):
        try:
            mine = ReferralCase.objects.get(pk=case.pk)
            barrier.wait()
            getattr(services, action)(actor=world.personas.coordinator_mn, case=mine, reason=reason)
            outcomes.append(action)
        except Conflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=a) for a in (("hold", "wait"), ("cancel", "duplicate"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes).count("conflict") == 1
    case.refresh_from_db()
    assert case.version == 2
    assert case.status in ("on_hold", "cancelled")
    assert case.events.exclude(action="open").count() == 1
    assert verify_chain() == ChainCheck(True, None, 0)


@pytest.mark.django_db(transaction=True)
def test_a_lost_version_race_does_not_take_the_audit_chain(world):
    """PostgreSQL: the transition's one statement asks for the chain only once its update has won. A loser
    holding the chain until its rollback would keep every other writer's rows unsealed meanwhile."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no chain lock: its writers run one at a time")
    case = world.open_case()
    stale = ReferralCase.objects.get(pk=case.pk)
    services.hold(actor=world.personas.coordinator_mn, case=case, reason="wait")
    with transaction.atomic():
        with pytest.raises(Conflict):
            services.hold(actor=world.personas.coordinator_mn, case=stale, reason="again")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
            assert cursor.fetchone()[0] == 0
