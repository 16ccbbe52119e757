"""Background work of analytics, run through ``core.tasks.enqueue`` (in process by default, Celery when
a broker is configured): folding new case-timeline events into the rollups."""

from medcorridor.core.tasks import background_task


@background_task
def refresh_rollups(full: bool = False) -> dict:
    from .services import refresh

    return refresh(full=full)
