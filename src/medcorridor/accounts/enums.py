from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry of health")
    CLINIC = "clinic", _("Hospital or clinic")
    AGENCY = "agency", _("Facilitation agency")
    UNIVERSITY = "university", _("University")
    INTERNATIONAL = "international", _("International organisation")
    GOVERNMENT = "government", _("Government body")
    INSURER = "insurer", _("Insurer or fund")


class Role(models.TextChoices):
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    CLINIC_STAFF = "clinic_staff", _("Clinic international-office staff")
    ANALYST = "analyst", _("Analyst")
    TRANSPLANT_COORDINATOR = "transplant_coordinator", _("Transplant coordinator")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")
