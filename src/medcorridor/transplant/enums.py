from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Organ(models.TextChoices):
    KIDNEY = "kidney", _("Kidney")
    LIVER = "liver", _("Liver")


class BloodGroup(models.TextChoices):
    O = "O", "O"  # noqa: E741
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    A = "A", _("A (subtype unknown)")
    B = "B", "B"
    A1B = "A1B", "A1B"
    A2B = "A2B", "A2B"
    AB = "AB", _("AB (subtype unknown)")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    SUPER_URGENT = "super_urgent", _("Super-urgent")


class RecipientStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    TRANSPLANTED = "transplanted", _("Transplanted")
    REMOVED = "removed", _("Removed")
    DECEASED = "deceased", _("Deceased")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Relationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER_GENETIC = "other_genetic", _("Other blood relative")
    SPOUSE = "spouse", _("Spouse")
    OTHER_LEGAL = "other_legal", _("Other legal relative (in-law, adoptive)")
    NON_DIRECTED = "non_directed", _("Non-directed (altruistic) donor")


GENETIC_RELATIONSHIPS = {
    Relationship.PARENT,
    Relationship.CHILD,
    Relationship.SIBLING,
    Relationship.GRANDPARENT,
    Relationship.OTHER_GENETIC,
}


class DonorStatus(models.TextChoices):
    EVALUATION = "evaluation", _("Under evaluation")
    APPROVED = "approved", _("Approved")
    DONATED = "donated", _("Donated")
    WITHDRAWN = "withdrawn", pgettext_lazy("living donor", "Withdrawn")
    DECLINED = "declined", _("Not suitable")


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class EntryKind(models.TextChoices):
    PAIR = "pair", _("Incompatible pair")
    ALTRUIST = "altruist", _("Non-directed donor")


class EntryStatus(models.TextChoices):
    ACTIVE = "active", _("In the pool")
    WITHDRAWN = "withdrawn", _("Left the pool")
    TRANSPLANTED = "transplanted", _("Transplanted")


class RunReason(models.TextChoices):
    SCHEDULED = "scheduled", _("Match run")
    CROSSMATCH_FAILED = "crossmatch_failed", _("Re-optimisation after a positive crossmatch")
    DONOR_WITHDRAWN = "donor_withdrawn", _("Re-optimisation after a withdrawal")


class ExchangeKind(models.TextChoices):
    CYCLE = "cycle", _("Cycle")
    CHAIN = "chain", _("Chain")


class ExchangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed: awaiting crossmatches")
    CONFIRMED = "confirmed", _("Confirmed")
    FAILED = "failed", _("Failed crossmatch")
    CANCELLED = "cancelled", _("Cancelled")
    SUPERSEDED = "superseded", _("Superseded by a later run")


class Crossmatch(models.TextChoices):
    PENDING = "pending", _("Pending")
    NEGATIVE = "negative", _("Negative (compatible)")
    POSITIVE = "positive", _("Positive (incompatible)")


class FollowUpSubject(models.TextChoices):
    RECIPIENT = "recipient", _("Recipient and graft")
    DONOR = "donor", _("Living donor")


class Milestone(models.TextChoices):
    WEEK_1 = "1w", _("1 week")
    MONTH_3 = "3m", _("3 months")
    MONTH_6 = "6m", _("6 months")
    MONTH_12 = "12m", _("12 months")
    ANNUAL = "annual", _("Annual (lifelong)")


# How the screen names each rule and outcome of ``compatibility.py`` (the pure module speaks codes).
RULE_LABELS = {
    "abo": _("ABO blood group"),
    "abo_a2": _("ABO with A2 subtype"),
    "hla": _("HLA-A/B/DR mismatches"),
    "virtual_crossmatch": _("Virtual crossmatch"),
    "physical_crossmatch": _("Physical crossmatch"),
    "grwr": _("Graft-to-recipient weight ratio"),
    "donor_remnant": _("Donor's remnant liver volume"),
}
OUTCOME_LABELS = {
    "pass": _("compatible"),
    "fail": _("incompatible"),
    "conditional": _("needs review"),
    "unknown": _("not known yet"),
}


def rule_row(result) -> dict[str, str]:
    """One ``compatibility.RuleResult`` as the page and the API show it, in the active language:
    the rule's code and label, the outcome's code and label, the detail sentence and the source."""
    outcome = str(result.outcome)
    return {
        "rule": result.rule,
        "label": str(RULE_LABELS.get(result.rule, result.label)),
        "outcome": outcome,
        "outcome_label": str(OUTCOME_LABELS[outcome]),
        "detail": gettext(result.template) % result.params,
        "source": result.source,
    }
