"""Append-only audit and access log, tamper-evident through a hash chain.

Each row stores the SHA-256 of its own content together with the previous row's hash, so editing
or deleting any row breaks the chain from that point (``medcorridor audit verify`` checks it).
A row is written *unsealed* (no position, no hashes) and sealed just after its transaction commits:
the chain follows commit order, and writers do not queue on the chain (docs/adr/0002-sealed-audit-chain.md).
Nothing here knows about domains: ``target_type`` is a free label such as ``providers.facility``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("audit rows are append-only")

    def delete(self):
        raise TypeError("audit rows are append-only")


class ChainedRecord(models.Model):
    """A row of a hash chain: who, when, which record; never changed or deleted once written."""

    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    # Set together by the sealer; null while the row is unsealed. The hash is not indexed: nothing looks
    # rows up by it, and a random key would dirty one more index page per row on every append.
    position = models.BigIntegerField(null=True, unique=True)
    previous_hash = models.CharField(max_length=64, null=True)
    row_hash = models.CharField(max_length=64, null=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "id"], name="%(app_label)s_%(class)s_target"),
            # The sealer's work list stays tiny however long the chain grows.
            models.Index(fields=["id"], condition=Q(position__isnull=True), name="%(app_label)s_%(class)s_unsealed"),
        ]

    def save(self, *args, **kwargs):
        if self.pk:
            raise TypeError(f"{self._meta.verbose_name} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{self._meta.verbose_name} rows are append-only")


class AuditEvent(ChainedRecord):
    """Who did what to which record, with the state before and after."""

    actor_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    summary = models.CharField(max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta(ChainedRecord.Meta):
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}"


class AccessLog(ChainedRecord):
    """Every read of a patient's record: who, when, which record, from where, and why it was allowed."""

    organisation_label = models.CharField(max_length=255, blank=True)
    purpose = models.CharField(max_length=64, blank=True)
    granted = models.BooleanField(default=True)
    channel = models.CharField(max_length=16, default="web")

    class Meta(ChainedRecord.Meta):
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.target_type} {self.target_id}"
