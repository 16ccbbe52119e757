from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class InteropConfig(DomainConfig):
    name = "medcorridor.interop"
    label = "interop"
    verbose_name = _("Interoperability (FHIR)")
