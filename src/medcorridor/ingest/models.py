"""Sources, ingested articles and the events extracted from them, waiting in the review queue.

Lifecycle of a ``ReviewItem``: pending → accepted (registry records created or merged; accepting
again with edits updates them) or pending → rejected (nothing written to the registry). An
``Article`` is stored once per checksum of its raw bytes, so re-ingesting it changes nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from medcorridor.cooperation.models import (
    Agreement,
    Donation,
    JointProject,
    Meeting,
    Mission,
    Official,
    TrainingProgramme,
)
from medcorridor.core.models import PublicModel

from .enums import ReviewStatus


class Source(PublicModel):
    """Where articles come from: a news site, a ministry's press office, a wire agency."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name


class Article(PublicModel):
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        verbose_name=_("source"),
    )
    filename = models.CharField(_("file"), max_length=300)
    checksum = models.CharField(_("SHA-256 of the raw bytes"), max_length=64, unique=True)
    raw_text = models.TextField(_("raw text"))
    text = models.TextField(_("cleaned text"), blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title or self.filename


# the registry records an event's items become, by the extractor's item kind
ITEM_MODELS = {"programme": TrainingProgramme, "mission": Mission, "donation": Donation, "project": JointProject}


class ReviewItem(PublicModel):
    """The event extracted from one article, as the extractor saw it and as the reviewer corrected it."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    extracted = models.JSONField(_("extracted event"), default=dict)
    edited = models.JSONField(_("event as corrected by the reviewer"), null=True, blank=True)
    spans = models.JSONField(default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("reviewer's note"), blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agreements = models.ManyToManyField(Agreement, blank=True, related_name="+")
    officials = models.ManyToManyField(Official, blank=True, related_name="+")
    # the programme, mission, donation or project each accepted item became: [{"kind", "title", "id"}], in
    # the order of the event's items, so that accepting again updates the same records
    records = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("extracted event")
        verbose_name_plural = _("extracted events")

    def __str__(self) -> str:
        return str(self.article)

    @property
    def event(self) -> dict:
        """What accepting would write: the reviewer's version when there is one."""
        return self.edited if self.edited is not None else self.extracted
