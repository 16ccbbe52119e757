"""Background work of analytics, run through ``core.tasks.enqueue`` (in process by default, Celery when
a broker is configured): folding new case-timeline events into the rollups."""

from medcorridor.core.tasks import background_task


@background_task
def refresh_rollups(full: bool = False) -> dict:
    from .services import refresh

    return refresh(full=full)


# Merged into the Celery beat schedule (core/celery_app.py): keeps the figures current with a broker
# even when nobody opens a dashboard.
CELERY_BEAT_SCHEDULE = {
    "analytics-refresh-rollups": {
        "task": "medcorridor.run_task",
        "schedule": 900.0,
        "args": ["medcorridor.analytics.tasks.refresh_rollups", [], {}],
    },
}
