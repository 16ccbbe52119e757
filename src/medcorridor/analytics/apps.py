from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class AnalyticsConfig(DomainConfig):
    name = "medcorridor.analytics"
    label = "analytics"
    verbose_name = _("Analytics")
