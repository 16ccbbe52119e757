"""The deadline job through Celery with the real Redis broker (127.0.0.1:6379): enqueue → worker → effect."""

import threading
import time
import uuid
from datetime import timedelta

import pytest

from medcorridor.cases.models import CaseEvent
from medcorridor.cases.tasks import CELERY_BEAT_SCHEDULE, check_deadlines
from medcorridor.core.tasks import enqueue

from .conftest import today

BROKER = "redis://127.0.0.1:6379/15"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_deadline_job_runs_on_a_celery_worker_over_redis(world, settings):
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from medcorridor.config.celery import app

    case = world.at_opinions()
    case.opinion_requests.update(due_date=today() - timedelta(days=1))
    settings.CELERY_BROKER_URL = BROKER
    # A queue of this run's own: other test runs on the machine share the Redis server, and a worker of
    # theirs must never take this task (it would run against their database).
    queue = f"medcorridor-test-{uuid.uuid4().hex}"
    keys = ("broker_url", "task_always_eager", "result_backend", "task_default_queue")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(broker_url=BROKER, task_always_eager=False, result_backend=None, task_default_queue=queue)
    done = threading.Event()

    def finished(sender=None, **kwargs):
        done.set()

    # Wait on the worker's own "task finished" signal rather than polling the database: the in-memory
    # SQLite test database locks whole tables between threads.
    task_postrun.connect(finished, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[queue]):
            enqueue(check_deadlines)  # outside a transaction: dispatched at once to the broker
            assert done.wait(30), "the Celery worker did not run the task"
            time.sleep(0.5)  # let the worker finish the notification it enqueued in turn
    finally:
        task_postrun.disconnect(finished)
        app.connection_for_write().default_channel.client.delete(queue)
        app.conf.update(**previous)
    assert CaseEvent.objects.filter(case=case, action="record_deadline").count() == 2


def test_beat_schedule_entry_runs_the_job_through_the_generic_task():
    entry = CELERY_BEAT_SCHEDULE["cases-check-deadlines"]
    assert entry["task"] == "medcorridor.run_task"
    assert entry["args"][0] == check_deadlines.task_name
