"""Cooperation registry: agreements, meetings and visits, officials and their positions, training
programmes, missions, donations and joint projects.

Registry records are not patient data. A record is public once ``is_published``; national
coordinators and administrators write (see ``permissions``). Every record lists the ``countries``
it concerns, which drives filters, charts and who may edit it. Records created from the review
queue carry ``origin = "ingest"``; the ingest app keeps the link back to the article.

``search_text`` holds the folded tokens (``core.textsearch.fold``) of every name and alias of a
record in any script, so that "Мурашко", "Murashko" and a Hangul alias find the same person.
It is recomputed on every save.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation
from medcorridor.core.models import Country, Currency, PublicModel, Specialty
from medcorridor.core.textsearch import token_set

from .enums import (
    AgreementKind,
    AgreementStatus,
    DonationKind,
    DurationClass,
    MeetingKind,
    MissionKind,
    ProjectKind,
    ProjectStatus,
)


class RegistryRecord(PublicModel):
    """Fields shared by every registry record."""

    countries = models.ManyToManyField(Country, blank=True, related_name="+", verbose_name=_("countries"))
    areas = models.JSONField(_("areas"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(max_length=16, default="manual", editable=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    # the registry kind name used in URLs and the API ("agreements", "meetings"...)
    kind_slug = ""

    class Meta:
        abstract = True

    def search_sources(self) -> list[str]:
        return [str(self)]

    @staticmethod
    def with_organisation_names(texts: list[str], *organisations) -> list[str]:
        """``texts`` plus every spelling of the organisations involved (the ones that are set)."""
        return [*texts, *(name for org in organisations if org is not None for name in org.all_names())]

    def save(self, *args, **kwargs):
        self.search_text = " ".join(sorted(token_set(self.search_sources())))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cooperation:detail", args=[self.kind_slug, self.public_id])


class Agreement(RegistryRecord):
    """An agreement, memorandum, roadmap, protocol, action plan or contract.

    Lifecycle: draft → signed → in force → expired (``status``); ``valid_until`` in the past shows
    as expired even before anyone updates the status.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices, default=AgreementKind.AGREEMENT)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    parties = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="cooperation_agreements",
        verbose_name=_("parties (organisations)"),
    )
    party_names = models.JSONField(_("other parties (as written)"), default=list, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("signed at (place)"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.SIGNED
    )
    obligations = models.TextField(_("obligations"), blank=True)
    facilities = models.ManyToManyField(
        "providers.Facility", related_name="agreements", blank=True, verbose_name=_("facilities covered")
    )

    kind_slug = "agreements"

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title

    def search_sources(self) -> list[str]:
        return [self.title, self.title_en, self.signed_place, *self.party_names]

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The agreement cannot end before it comes into force.")})

    @property
    def effective_status(self) -> str:
        if self.valid_until and self.valid_until < date.today() and self.status != AgreementStatus.DRAFT:
            return AgreementStatus.EXPIRED
        return self.status

    @property
    def year(self) -> int | None:
        return self.signed_on.year if self.signed_on else None


class AgreementDocument(PublicModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class Official(RegistryRecord):
    """A person who represents a ministry, clinic or government. Positions change over time."""

    name = models.CharField(_("name (original script)"), max_length=200)
    name_latin = models.CharField(_("name (Latin)"), max_length=200, blank=True)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    appearances = models.PositiveIntegerField(
        _("appearances"), default=0, help_text=_("Meetings, signatures and articles that mention the person")
    )

    kind_slug = "officials"

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.name

    def search_sources(self) -> list[str]:
        return [self.name, self.name_latin, *self.aliases]

    def all_names(self) -> list[str]:
        return [n for n in (self.name, self.name_latin, *self.aliases) if n]

    @property
    def last_position(self):
        """The position the person was last seen in (open positions first, then the latest)."""

        def recency(position):
            seen = [d for d in (position.last_seen_on, position.ended_on, position.started_on) if d]
            return (position.ended_on is None, max(seen) if seen else date.min, position.pk)

        positions = list(self.positions.select_related("organisation"))
        return max(positions, key=recency) if positions else None


class Position(PublicModel):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("position"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (as written)"), max_length=300, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    last_seen_on = models.DateField(_("last seen in this position"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        where = self.organisation.display_name() if self.organisation else self.organisation_name
        return f"{self.title} ({where})" if where else self.title


class Meeting(RegistryRecord):
    """A meeting, visit, delegation or consultation. Participants keep the position held that day."""

    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    title = models.CharField(_("title"), max_length=500)
    held_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("organisations"))
    organisation_names = models.JSONField(_("other organisations (as written)"), default=list, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    figures = models.JSONField(_("figures"), default=list, blank=True)
    agreements = models.ManyToManyField(
        Agreement, blank=True, related_name="meetings", verbose_name=_("agreements discussed or signed")
    )

    kind_slug = "meetings"

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("meeting or visit")
        verbose_name_plural = _("meetings and visits")

    def __str__(self) -> str:
        return self.title

    def search_sources(self) -> list[str]:
        return [self.title, self.place, *self.organisation_names]


class Participant(PublicModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="participations")
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position_title = models.CharField(_("position held at the time"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "official"], name="one_participation")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.official} — {self.position_title}"


class TrainingProgramme(RegistryRecord):
    title = models.CharField(_("title"), max_length=500)
    host_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("host organisation"),
    )
    sending_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sending organisation"),
    )
    specialty = models.ForeignKey(
        Specialty,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("specialty"),
    )
    specialty_text = models.CharField(_("specialty (as written)"), max_length=200, blank=True)
    duration_class = models.CharField(
        _("duration"), max_length=8, choices=DurationClass.choices, default=DurationClass.SHORT
    )
    trainees_per_year = models.PositiveIntegerField(_("trainees per year"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
        verbose_name=_("under agreement"),
    )

    kind_slug = "programmes"

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self) -> str:
        return self.title

    def search_sources(self) -> list[str]:
        return self.with_organisation_names(
            [self.title, self.specialty_text], self.host_organisation, self.sending_organisation
        )


class Mission(RegistryRecord):
    """Visiting surgeons or outreach consultations: who went where and what they did."""

    kind = models.CharField(_("kind"), max_length=16, choices=MissionKind.choices, default=MissionKind.SURGERY)
    title = models.CharField(_("title"), max_length=500)
    team_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("visiting team from"),
    )
    team = models.CharField(_("who (team)"), max_length=500, blank=True)
    place = models.CharField(_("where"), max_length=300, blank=True)
    facility = models.ForeignKey(
        "providers.Facility",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_missions",
        verbose_name=_("host facility"),
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    operations = models.PositiveIntegerField(_("operations done"), null=True, blank=True)
    consultations = models.PositiveIntegerField(_("consultations done"), null=True, blank=True)
    free_of_charge = models.BooleanField(_("free of charge"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="missions",
        verbose_name=_("under agreement"),
    )

    kind_slug = "missions"

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")

    def __str__(self) -> str:
        return self.title

    def search_sources(self) -> list[str]:
        return self.with_organisation_names([self.title, self.team, self.place], self.team_organisation)


class Donation(RegistryRecord):
    kind = models.CharField(_("kind"), max_length=16, choices=DonationKind.choices, default=DonationKind.EQUIPMENT)
    description = models.CharField(_("what"), max_length=500)
    donor = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("donor"),
    )
    recipient = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("recipient (as written)"), max_length=300, blank=True)
    facility = models.ForeignKey(
        "providers.Facility",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_donations",
        verbose_name=_("receiving facility"),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.ForeignKey(
        Currency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("currency"),
    )
    donated_on = models.DateField(_("date"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donations",
        verbose_name=_("under agreement"),
    )

    kind_slug = "donations"

    class Meta:
        ordering = ["-donated_on", "description"]
        verbose_name = _("donation or supply")
        verbose_name_plural = _("donations and supplies")

    def __str__(self) -> str:
        return self.description

    def search_sources(self) -> list[str]:
        return self.with_organisation_names([self.description, self.recipient_name], self.donor, self.recipient)


class JointProject(RegistryRecord):
    kind = models.CharField(_("kind"), max_length=24, choices=ProjectKind.choices, default=ProjectKind.OTHER)
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(_("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("organisations"))
    facility = models.ForeignKey(
        "providers.Facility",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_projects",
        verbose_name=_("facility"),
    )
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("under agreement"),
    )

    kind_slug = "projects"

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")

    def __str__(self) -> str:
        return self.title

    def search_sources(self) -> list[str]:
        return [self.title, self.description[:300]]


class Milestone(PublicModel):
    project = models.ForeignKey(JointProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class OrganisationAlias(models.Model):
    """Normalisation table: any spelling of an organisation ("Минздрав России", "MOHW", "보건복지부")
    → the organisation. ``key`` is the folded, abbreviation-expanded form (see ``aliases.key``)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="cooperation_aliases")
    alias = models.CharField(_("spelling"), max_length=300)
    key = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")

    def __str__(self) -> str:
        return f"{self.alias} → {self.organisation}"


def localised(record, field: str) -> str:
    """``title_en`` in English when there is one, the original otherwise."""
    if (get_language() or "ru")[:2] == "en" and getattr(record, f"{field}_en", ""):
        return getattr(record, f"{field}_en")
    return getattr(record, field)
