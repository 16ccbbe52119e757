from django.utils.translation import gettext_lazy as _

from medcorridor.core.apps import DomainConfig


class AccountsConfig(DomainConfig):
    name = "medcorridor.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")
