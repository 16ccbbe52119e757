"""The one enqueue interface for background work.

``enqueue(task, *args)`` runs ``task`` through Celery when ``CELERY_BROKER_URL`` is set, and in
process (after the current transaction commits) otherwise. Tasks are plain functions registered with
``@background_task``; arguments must be JSON-serialisable (public ids, not model instances).
"""

import importlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)
_REGISTRY: dict[str, Callable] = {}


def background_task(function: Callable) -> Callable:
    name = f"{function.__module__}.{function.__qualname__}"
    _REGISTRY[name] = function
    function.task_name = name
    return function


def resolve(name: str) -> Callable:
    if name not in _REGISTRY:
        module, _, _attr = name.rpartition(".")
        importlib.import_module(module)
    return _REGISTRY[name]


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def enqueue(task: Callable, *args, **kwargs) -> None:
    """Schedule ``task`` to run after the surrounding transaction commits."""
    name = task.task_name

    def dispatch():
        if uses_broker():
            from medcorridor.core.celery_app import app

            app.send_task("medcorridor.run_task", args=[name, list(args), kwargs])
        else:
            run_now(name, list(args), kwargs)

    transaction.on_commit(dispatch)


def run_now(name: str, args: list, kwargs: dict):
    try:
        return resolve(name)(*args, **kwargs)
    except Exception:
        log.exception("background task %s failed", name)
        raise
