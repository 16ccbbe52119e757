"""Celery application, used only when CELERY_BROKER_URL is set (``medcorridor worker`` starts it)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medcorridor.config.settings")

app = Celery("medcorridor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {}


@app.task(name="medcorridor.run_task")
def run_task(name: str, args: list, kwargs: dict):
    from medcorridor.core.tasks import run_now

    return run_now(name, args, kwargs)
