from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class IngestConfig(DomainConfig):
    name = "medcorridor.ingest"
    label = "ingest"
    verbose_name = _("Press-release ingestion")
