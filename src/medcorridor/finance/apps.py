from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class FinanceConfig(DomainConfig):
    name = "medcorridor.finance"
    label = "finance"
    verbose_name = _("Finance")
