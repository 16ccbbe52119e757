from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class WebConfig(DomainConfig):
    name = "medcorridor.web"
    label = "web"
    verbose_name = _("Web interface")
