from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class CooperationConfig(DomainConfig):
    name = "medcorridor.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation registry")
