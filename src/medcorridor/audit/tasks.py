"""Background work of the audit app: ``seal_chains``, the periodic sweep that chains rows whose
after-commit sealing did not run (a crash between commit and seal). ``medcorridor audit seal`` runs it
by hand; Celery beat runs it every minute when a broker is configured."""

from medcorridor.core.tasks import background_task


@background_task
def seal_chains() -> dict[str, int]:
    from .services import seal_all

    return seal_all()


CELERY_BEAT_SCHEDULE = {
    "audit-seal-chains": {
        "task": "medcorridor.run_task",
        "schedule": 60.0,
        "args": ["medcorridor.audit.tasks.seal_chains", [], {}],
    },
}
