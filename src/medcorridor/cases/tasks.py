"""Background work of the cases domain, run through ``core.tasks.enqueue`` (in process or Celery).

``notify``: the e-mail at every hand-over, to the people of the organisations that act next.
``check_deadlines``: the periodic deadline job (``medcorridor cases check-deadlines``; Celery beat entry
``CELERY_BEAT_SCHEDULE`` below).
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from medcorridor.accounts.enums import Role
from medcorridor.accounts.models import User
from medcorridor.core.tasks import background_task


def subject_for(action: str) -> str:
    return {
        "request_opinions": _("New opinion request %(reference)s"),
        "answer_opinion": _("Opinion received for case %(reference)s"),
        "decline_opinion": _("Opinion request declined for case %(reference)s"),
        "select_offer": _("Your offer was selected: case %(reference)s"),
        "approve_funding": _("Funding approved: case %(reference)s"),
        "refuse_funding": _("Funding refused: case %(reference)s"),
        "plan_travel": _("Travel plan updated: case %(reference)s"),
        "issue_invitation": _("Visa invitation letter issued: case %(reference)s"),
        "admit": _("Patient admitted: case %(reference)s"),
        "treatment_update": _("Treatment update: case %(reference)s"),
        "discharge": _("Patient discharged: case %(reference)s"),
        "cancel": _("Case %(reference)s cancelled"),
        "withdraw_request": _("Opinion no longer needed: case %(reference)s"),
        "deadline": _("Deadline near or passed: case %(reference)s"),
    }.get(action, _("Case %(reference)s changed"))


def recipients(organisation_ids: list[int], exclude_user_id: int | None = None):
    return (
        User.objects.filter(
            memberships__organisation_id__in=organisation_ids,
            memberships__is_active=True,
            memberships__role__in=[Role.NATIONAL_COORDINATOR, Role.CLINIC_STAFF],
            is_active=True,
        )
        .exclude(email="")
        .exclude(pk=exclude_user_id)
        .distinct()
    )


@background_task
def notify(case_public_id: str, action: str, organisation_ids: list[int], exclude_user_id: int | None = None) -> int:
    """E-mail the people of ``organisation_ids`` that ``action`` happened on the case. No patient data
    in the message: only the case number and a link (the reader logs in to see more)."""
    from .models import ReferralCase

    case = ReferralCase.objects.filter(public_id=case_public_id).only("reference", "public_id").first()
    if case is None:
        return 0
    messages = []
    for user in recipients(organisation_ids, exclude_user_id):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = subject_for(action) % {"reference": case.reference}
            body = "\n\n".join(
                [
                    subject,
                    _("Open the case: %(url)s") % {"url": reverse("cases:detail", args=[case.public_id])},
                    _("This message was sent by medcorridor; it contains no medical data."),
                ]
            )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)


@background_task
def check_deadlines(today: str | None = None) -> dict:
    from datetime import date

    from .services import check_deadlines as run

    return run(today=date.fromisoformat(today) if today else None)


# Merged into ``config/celery.py``'s beat schedule: hourly, through the one generic Celery task.
CELERY_BEAT_SCHEDULE = {
    "cases-check-deadlines": {
        "task": "medcorridor.run_task",
        "schedule": 3600.0,
        "args": ["medcorridor.cases.tasks.check_deadlines", [], {}],
    },
}
