from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class MatchingConfig(DomainConfig):
    name = "medcorridor.matching"
    label = "matching"
    verbose_name = _("Provider matching")
