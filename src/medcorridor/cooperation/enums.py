from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    MEMORANDUM = "memorandum", _("Memorandum")
    ROADMAP = "roadmap", _("Roadmap")
    PROTOCOL = "protocol", _("Protocol")
    PLAN = "plan", _("Action plan")
    CONTRACT = "contract", _("Contract")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")


class Area(models.TextChoices):
    MEDICAL_TOURISM = "medical_tourism", _("Medical tourism")
    TRAINING = "training", _("Training")
    INSURANCE = "insurance", _("Insurance")
    TRANSPLANTATION = "transplantation", _("Transplantation")
    DRUG_REGULATION = "drug_regulation", _("Drug regulation")
    EQUIPMENT_SUPPLY = "equipment_supply", _("Equipment supply")
    DIGITAL_HEALTH = "digital_health", _("Digital health")
    PRIMARY_CARE = "primary_care", _("Primary care")
    EMERGENCY_CARE = "emergency_care", _("Emergency care")
    REHABILITATION = "rehabilitation", _("Rehabilitation")


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit")
    DELEGATION = "delegation", _("Delegation")
    CONSULTATION = "consultation", _("Inter-agency consultation")
    FORUM = "forum", _("Forum or conference")


class DurationClass(models.TextChoices):
    SHORT = "short", _("Short (up to 3 months)")
    MEDIUM = "medium", _("Medium (3–12 months)")
    LONG = "long", _("Long (over a year)")


class MissionKind(models.TextChoices):
    SURGERY = "surgery", _("Visiting surgeons")
    CONSULTATION = "consultation", _("Outreach consultations")
    MASTER_CLASS = "master_class", _("Master classes")


class DonationKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    MEDICINES = "medicines", _("Medicines")
    OTHER = "other", _("Other supplies")


class ProjectKind(models.TextChoices):
    DIAGNOSTIC_CENTRE = "diagnostic_centre", _("Diagnostic centre")
    MEDICAL_CENTRE = "medical_centre", _("New medical centre")
    AMBULANCE = "ambulance", _("Ambulance modernisation")
    OTHER = "other", _("Other project")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
