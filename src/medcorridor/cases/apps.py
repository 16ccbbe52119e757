from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class CasesConfig(DomainConfig):
    name = "medcorridor.cases"
    label = "cases"
    verbose_name = _("Referral cases")
