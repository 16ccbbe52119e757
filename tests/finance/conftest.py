"""Fixtures for the finance tests: the cases world, a Mongolian programme with its 2026 budget."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from medcorridor.finance import services
from medcorridor.finance.models import Budget, FundingProgramme
from tests.cases.conftest import PDF, PNG, World, upload, world  # noqa: F401 (fixtures)


@dataclass
class Ledger:
    world: World
    programme: FundingProgramme
    budget: Budget

    @property
    def personas(self):
        return self.world.personas

    def state_share(self, case):
        return case.funding_decisions.get(outcome="approved").shares.get(payer_kind="state_quota")

    def committed_case(self, *, discharged: bool = True):
        case = self.world.at_follow_up() if discharged else self.world.at_travel()
        commitment = services.commit_share(
            actor=self.personas.coordinator_mn, share=self.state_share(case), budget=self.budget
        )
        return case, commitment

    def invoice(self, case, *, number="INV-1", lines=None, pdf=None, actor=None):
        return services.submit_invoice(
            actor=actor or self.personas.clinic_staff,
            case=case,
            number=number,
            issued_on=timezone.localdate(),
            currency="KRW",
            lines=lines
            or [
                {"description": "Mastectomy", "quantity": "1", "unit_price": "30000000"},
                {"description": "Ward, 8 nights", "quantity": "8", "unit_price": "700000"},
            ],
            pdf=pdf or upload("invoice.pdf", PDF),
        )


@pytest.fixture
def ledger(world) -> Ledger:  # noqa: F811 (the cases fixture, imported above)
    personas = world.personas
    payer = services.create_payer(
        actor=personas.coordinator_mn,
        name="Mongolian treatment-abroad fund",
        kind="state_quota",
        organisation=personas.ministry_mn,
        aliases=["Health Insurance Fund"],
    )
    programme = services.create_programme(
        actor=personas.coordinator_mn,
        payer=payer,
        code="mn-abroad",
        name="Treatment abroad (Mongolia)",
        owner_organisation=personas.ministry_mn,
    )
    year = timezone.localdate().year
    budget = services.set_budget(
        actor=personas.coordinator_mn,
        programme=programme,
        fiscal_year=year,
        amount=Decimal("340000000"),
        currency="MNT",
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    return Ledger(world=world, programme=programme, budget=budget)
