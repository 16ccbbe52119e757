from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DomainConfig(AppConfig):
    """A domain app: on start-up its ``selectors`` module is imported, which registers its scoping rules."""

    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        module = f"{self.name}.selectors"
        if find_spec(module) is not None:
            import_module(module)


class CoreConfig(DomainConfig):
    name = "medcorridor.core"
    label = "core"
    verbose_name = _("Core and reference data")
