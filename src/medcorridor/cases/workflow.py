"""The referral-case state machine: every state, every action, who may take it. Pure (no Django).

An *action* either moves the case to another state (a transition) or keeps it where it is but still
changes the case (an answer arrives, a document is added): both write one timeline event and bump the
case's version, so two people acting on a stale page cannot both win.

Roles are relative to one case (``permissions.case_roles`` works them out from memberships):
``coordinator`` — a national coordinator of the ministry that owns the case;
``consulted_clinic`` — international-office staff of a facility the case was sent to for an opinion;
``treating_clinic`` — staff of the facility whose answer was selected;
``system`` — background jobs (deadline checks).
"""

from dataclasses import dataclass


class State:
    INTAKE = "intake"
    OPINIONS = "opinions"
    FUNDING = "funding"
    FUNDING_REFUSED = "funding_refused"
    TRAVEL = "travel"
    IN_TREATMENT = "in_treatment"
    FOLLOW_UP = "follow_up"
    ON_HOLD = "on_hold"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Role:
    COORDINATOR = "coordinator"
    CONSULTED_CLINIC = "consulted_clinic"
    TREATING_CLINIC = "treating_clinic"
    SYSTEM = "system"


ACTIVE_STATES = (
    State.INTAKE,
    State.OPINIONS,
    State.FUNDING,
    State.FUNDING_REFUSED,
    State.TRAVEL,
    State.IN_TREATMENT,
    State.FOLLOW_UP,
)
OPEN_STATES = (*ACTIVE_STATES, State.ON_HOLD)
FINAL_STATES = (State.CLOSED, State.CANCELLED)
ALL_STATES = (*OPEN_STATES, *FINAL_STATES)
# The order a case normally moves through; used for progress bars and demo data.
JOURNEY = (
    State.INTAKE,
    State.OPINIONS,
    State.FUNDING,
    State.TRAVEL,
    State.IN_TREATMENT,
    State.FOLLOW_UP,
    State.CLOSED,
)


def journey_step(status: str, held_from: str = "") -> int | None:
    """Where in ``JOURNEY`` a case stands: an on-hold case where it was held, a refused funding at the
    funding step; None for a cancelled case (it left the journey)."""
    if status == State.ON_HOLD:
        status = held_from
    if status == State.FUNDING_REFUSED:
        status = State.FUNDING
    return JOURNEY.index(status) if status in JOURNEY else None


RESUME = "<resume>"  # target of ``resume``: the state the case was in when it was put on hold


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the case stays in its state
    roles: tuple[str, ...]
    needs_reason: bool = False
    hand_over: bool = False  # someone else must act next: notify them

    def moves(self) -> bool:
        return self.target is not None


C, CC, TC, SYS = Role.COORDINATOR, Role.CONSULTED_CLINIC, Role.TREATING_CLINIC, Role.SYSTEM
_ACTIONS = (
    Action("edit_intake", (State.INTAKE, State.OPINIONS), None, (C,)),
    Action("add_document", ACTIVE_STATES, None, (C,)),
    Action("request_opinions", (State.INTAKE, State.OPINIONS), State.OPINIONS, (C,), hand_over=True),
    Action("answer_opinion", (State.OPINIONS,), None, (CC,), hand_over=True),
    Action("decline_opinion", (State.OPINIONS,), None, (CC,), needs_reason=True, hand_over=True),
    Action("select_offer", (State.OPINIONS,), State.FUNDING, (C,), hand_over=True),
    Action("approve_funding", (State.FUNDING,), State.TRAVEL, (C,), hand_over=True),
    Action("refuse_funding", (State.FUNDING,), State.FUNDING_REFUSED, (C,), needs_reason=True),
    Action("appeal_funding", (State.FUNDING_REFUSED,), State.FUNDING, (C,), needs_reason=True),
    Action("plan_travel", (State.TRAVEL,), None, (C, TC), hand_over=True),
    Action("issue_invitation", (State.TRAVEL,), None, (C, TC), hand_over=True),
    Action("admit", (State.TRAVEL,), State.IN_TREATMENT, (TC,), hand_over=True),
    Action("treatment_update", (State.IN_TREATMENT,), None, (TC,), hand_over=True),
    Action("discharge", (State.IN_TREATMENT,), State.FOLLOW_UP, (TC,), hand_over=True),
    Action("add_task", (State.FOLLOW_UP,), None, (C,)),
    Action("complete_task", (State.FOLLOW_UP,), None, (C,)),
    Action("close", (State.FOLLOW_UP,), State.CLOSED, (C,)),
    Action("hold", ACTIVE_STATES, State.ON_HOLD, (C,), needs_reason=True),
    Action("resume", (State.ON_HOLD,), RESUME, (C,)),
    Action("cancel", OPEN_STATES, State.CANCELLED, (C,), needs_reason=True, hand_over=True),
    Action("record_deadline", ACTIVE_STATES, None, (SYS,)),
)
ACTIONS: dict[str, Action] = {action.name: action for action in _ACTIONS}


class TransitionError(Exception):
    """``reason`` is ``unknown_action``, ``wrong_state`` or ``wrong_role``."""

    def __init__(self, reason: str, action: str, state: str):
        super().__init__(f"{action} from {state}: {reason}")
        self.reason, self.action, self.state = reason, action, state


def check(action: str, state: str, roles: frozenset[str] | set[str]) -> Action:
    """The action if ``roles`` may take it from ``state``; raises TransitionError otherwise.

    Roles are checked first so that an outsider learns nothing about a case's state."""
    rule = ACTIONS.get(action)
    if rule is None:
        raise TransitionError("unknown_action", action, state)
    if not set(rule.roles) & set(roles):
        raise TransitionError("wrong_role", action, state)
    if state not in rule.sources:
        raise TransitionError("wrong_state", action, state)
    return rule


def target_state(action: str, state: str, held_from: str | None = None) -> str:
    rule = ACTIONS[action]
    if rule.target is None:
        return state
    if rule.target == RESUME:
        if held_from not in ACTIVE_STATES:
            raise TransitionError("wrong_state", action, state)
        return held_from
    return rule.target


def available(state: str, roles: frozenset[str] | set[str]) -> list[str]:
    """Actions ``roles`` may take now, in table order."""
    return [a.name for a in _ACTIONS if state in a.sources and set(a.roles) & set(roles)]


def transitions() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Every (source, action, target, roles) that changes the state: the table for docs and tests."""
    rows = []
    for rule in _ACTIONS:
        if rule.target is None:
            continue
        for source in rule.sources:
            rows.append((source, rule.name, rule.target, rule.roles))
    return rows


def is_open(state: str) -> bool:
    return state in OPEN_STATES
