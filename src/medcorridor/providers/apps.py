from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class ProvidersConfig(DomainConfig):
    name = "medcorridor.providers"
    label = "providers"
    verbose_name = _("Partner directory")
