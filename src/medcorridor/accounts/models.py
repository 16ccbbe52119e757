"""Users, organisations and memberships.

A user acts for one or more organisations, each membership with one role. What a user may see is
decided in ``accounts.scoping`` from these memberships, never in views.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medcorridor.core.models import Country, PublicModel

from .enums import OrganisationKind, Role


class Organisation(PublicModel):
    """A ministry, clinic, agency, university or international organisation, in one country."""

    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_original = models.CharField(_("name in the original script"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("country")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("parent organisation"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        return self.name_ru if language == "ru" else self.name_en

    def all_names(self) -> list[str]:
        return [n for n in (self.name_ru, self.name_en, self.name_original, self.short_name, *self.aliases) if n]


class User(AbstractUser):
    """A person who logs in. ``preferred_language`` overrides the browser's choice."""

    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    organisations = models.ManyToManyField(Organisation, through="Membership", related_name="people")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(PublicModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class ApiToken(PublicModel):
    """A personal token for the REST API. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name
