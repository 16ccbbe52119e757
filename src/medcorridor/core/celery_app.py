"""The Celery application, used only when CELERY_BROKER_URL is set.

Workers run one generic task, ``medcorridor.run_task``, that calls a function registered with
``@background_task`` by name. Periodic jobs are declared by each domain as ``CELERY_BEAT_SCHEDULE``
in its ``tasks`` module; they are merged here when the app is finalised.
Start a worker with beat: ``celery -A medcorridor.config.celery worker -B``.
"""

import os
from importlib import import_module
from importlib.util import find_spec

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")

app = Celery("medcorridor")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="medcorridor.run_task")
def run_task(name: str, args: list, kwargs: dict):
    from medcorridor.core.tasks import run_now

    return run_now(name, args, kwargs)


def domain_schedules() -> dict:
    from django.apps import apps

    schedule = {}
    for config in apps.get_app_configs():
        module = f"{config.name}.tasks"
        if config.name.startswith("medcorridor.") and find_spec(module) is not None:
            schedule.update(getattr(import_module(module), "CELERY_BEAT_SCHEDULE", {}))
    return schedule


@app.on_after_finalize.connect
def collect_periodic_jobs(sender, **kwargs):
    import django

    django.setup()
    sender.conf.beat_schedule = domain_schedules()
