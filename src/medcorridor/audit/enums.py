from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    VOID = "void", _("voided")
    TRANSITION = "transition", _("state changed")
    IMPORT = "import", _("imported")
    LOGIN = "login", _("logged in")
    EXPORT = "export", _("exported")
