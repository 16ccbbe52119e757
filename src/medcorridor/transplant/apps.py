from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class TransplantConfig(DomainConfig):
    name = "medcorridor.transplant"
    label = "transplant"
    verbose_name = _("Transplant service")
