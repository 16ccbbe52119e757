"""The demo loads on top of the accounts and directory demos and covers every state."""

import pytest

from medcorridor.cases import workflow
from medcorridor.cases.models import ReferralCase


@pytest.mark.django_db
def test_demo_cases_in_every_state(settings, tmp_path):
    from medcorridor.accounts import demo as accounts_demo
    from medcorridor.cases import demo
    from medcorridor.providers import demo as providers_demo

    settings.MEDIA_ROOT = tmp_path
    accounts_demo.load()
    providers_demo.load()
    demo.load()
    states = set(ReferralCase.objects.values_list("status", flat=True))
    assert states == set(workflow.ALL_STATES)
    by_country = set(ReferralCase.objects.values_list("patient__citizenship_id", flat=True))
    assert by_country == {"MN", "KZ", "KG", "BY"}
    assert ReferralCase.objects.filter(next_deadline__isnull=False).exists()
