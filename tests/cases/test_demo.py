"""The demo loads on top of the accounts and directory demos and covers every state."""

from django.utils import timezone

from medcorridor.cases import workflow
from medcorridor.cases.models import ReferralCase


def test_demo_cases_in_every_state(demo_cases):
    states = set(ReferralCase.objects.values_list("status", flat=True))
    assert states == set(workflow.ALL_STATES)
    by_country = set(ReferralCase.objects.values_list("patient__citizenship_id", flat=True))
    assert by_country == {"MN", "KZ", "KG", "BY"}
    assert ReferralCase.objects.filter(next_deadline__isnull=False).exists()


def test_demo_timelines_happen_over_the_weeks_of_each_journey(demo_cases):
    now = timezone.now()
    for case in ReferralCase.objects.prefetch_related("events", "opinion_requests").select_related("encounter"):
        moments = [event.occurred_at for event in sorted(case.events.all(), key=lambda event: event.id)]
        assert moments == sorted(moments), case.reference  # written in order, dated in order
        assert moments[-1] <= now
        assert timezone.localdate(moments[0]) == timezone.localdate(case.created_at)
        deadlines = {str(r.public_id): r.due_date.isoformat() for r in case.opinion_requests.all()}
        for data in (e.data for e in case.events.all() if e.action == "request_received"):
            assert data["message"]["date"] == deadlines[data["request"]]  # the timeline says what the table shows
        admission = next((e for e in case.events.all() if e.action == "admit"), None)
        if admission is not None:
            assert timezone.localdate(admission.occurred_at) == case.encounter.admitted_on
    closed = ReferralCase.objects.filter(status="closed").first()
    span = (
        closed.events.order_by("-occurred_at").first().occurred_at
        - closed.events.order_by("occurred_at")[0].occurred_at
    )
    assert span.days > 60  # a closed journey took months, not the seconds of the load
