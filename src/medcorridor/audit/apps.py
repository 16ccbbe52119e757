from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class AuditConfig(DomainConfig):
    name = "medcorridor.audit"
    label = "audit"
    verbose_name = _("Audit log")
