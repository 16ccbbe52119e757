"""``celery -A medcorridor.config.celery worker -B`` — the app itself lives in ``core.celery_app``."""

from medcorridor.core.celery_app import app

__all__ = ["app"]
