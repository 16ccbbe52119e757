from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital")
    CLINIC = "clinic", _("Clinic")
    DIAGNOSTIC = "diagnostic", _("Diagnostic centre")
    REHABILITATION = "rehabilitation", _("Rehabilitation centre")
    TRANSPLANT = "transplant", _("Transplant centre")
    RESEARCH = "research", _("National research centre")


class AccreditationScheme(models.TextChoices):
    JCI = "jci", _("JCI (Joint Commission International)")
    KAHF = "kahf", _("KOIHA / KAHF (Korea)")
    GHA = "gha", _("GHA (Global Healthcare Accreditation)")
    KOREA_FOREIGN_PATIENT = "kr_foreign_patient", _("Korea foreign-patient registration")
    NATIONAL_LICENCE = "national_licence", _("National medical licence")
    ISO = "iso", _("ISO 9001 / 15189")
    OTHER = "other", _("Other")
