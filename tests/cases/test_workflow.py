"""The pure state table."""

import pytest

from medcorridor.cases import workflow
from medcorridor.cases.enums import CaseStatus
from medcorridor.cases.workflow import ACTIONS, Role, State, TransitionError


def test_every_state_is_a_status_choice():
    assert set(workflow.ALL_STATES) == set(CaseStatus.values)


def test_every_open_state_can_be_cancelled_and_every_active_one_held():
    for state in workflow.OPEN_STATES:
        assert workflow.target_state("cancel", state) == State.CANCELLED
    for state in workflow.ACTIVE_STATES:
        assert workflow.check("hold", state, {Role.COORDINATOR}).target == State.ON_HOLD


def test_final_states_allow_nothing():
    for state in workflow.FINAL_STATES:
        assert workflow.available(state, {Role.COORDINATOR, Role.TREATING_CLINIC, Role.CONSULTED_CLINIC}) == []


def test_resume_returns_to_the_held_state():
    assert workflow.target_state("resume", State.ON_HOLD, held_from=State.TRAVEL) == State.TRAVEL
    with pytest.raises(TransitionError):
        workflow.target_state("resume", State.ON_HOLD, held_from="")


def test_journey_is_reachable_by_the_table():
    reachable = {State.INTAKE}
    frontier = [State.INTAKE]
    while frontier:
        state = frontier.pop()
        for source, _action, target, _roles in workflow.transitions():
            if source == state and target not in reachable and target != workflow.RESUME:
                reachable.add(target)
                frontier.append(target)
    assert set(workflow.JOURNEY) <= reachable
    assert State.FUNDING_REFUSED in reachable and State.CANCELLED in reachable


@pytest.mark.parametrize(
    "action,state,roles",
    [
        ("admit", State.TRAVEL, {Role.COORDINATOR}),
        ("select_offer", State.OPINIONS, {Role.CONSULTED_CLINIC}),
        ("answer_opinion", State.OPINIONS, {Role.COORDINATOR}),
        ("discharge", State.IN_TREATMENT, {Role.CONSULTED_CLINIC}),
        ("cancel", State.INTAKE, {Role.TREATING_CLINIC}),
        ("approve_funding", State.FUNDING, set()),
    ],
)
def test_wrong_role_is_refused(action, state, roles):
    with pytest.raises(TransitionError) as error:
        workflow.check(action, state, roles)
    assert error.value.reason == "wrong_role"


def test_wrong_state_is_refused_and_unknown_action_too():
    with pytest.raises(TransitionError) as error:
        workflow.check("admit", State.OPINIONS, {Role.TREATING_CLINIC})
    assert error.value.reason == "wrong_state"
    with pytest.raises(TransitionError) as error:
        workflow.check("teleport", State.OPINIONS, {Role.COORDINATOR})
    assert error.value.reason == "unknown_action"


def test_actions_needing_reasons():
    assert {a for a, rule in ACTIONS.items() if rule.needs_reason} == {
        "decline_opinion",
        "refuse_funding",
        "appeal_funding",
        "hold",
        "cancel",
    }


def test_journey_step_places_held_refused_and_cancelled_cases():
    assert workflow.journey_step(State.TRAVEL) == workflow.JOURNEY.index(State.TRAVEL)
    assert workflow.journey_step(State.ON_HOLD, State.IN_TREATMENT) == workflow.JOURNEY.index(State.IN_TREATMENT)
    assert workflow.journey_step(State.FUNDING_REFUSED) == workflow.JOURNEY.index(State.FUNDING)
    assert workflow.journey_step(State.CANCELLED) is None
