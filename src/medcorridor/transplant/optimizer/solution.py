"""What the solver returns, and the conversions to kep_solver's conventions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cycle:
    """``nodes[i]``'s donor gives to ``nodes[i + 1]``'s recipient, the last one to the first."""

    nodes: tuple[str, ...]
    weight: float
    back_arcs: int = 0

    @property
    def size(self) -> int:
        return len(self.nodes)


@dataclass(frozen=True)
class Chain:
    """An altruist gives to ``recipients[0]``, whose donor gives to ``recipients[1]``, ...

    ``ends_on_waiting_list``: the last donor gives to the deceased-donor waiting list (counted in
    ``Solution.waiting_list_donations``), otherwise they become a bridge donor for a later run.
    """

    altruist: str
    recipients: tuple[str, ...]
    weight: float
    ends_on_waiting_list: bool = False

    @property
    def length(self) -> int:
        """Our convention: the number of pool recipients reached."""
        return len(self.recipients)


@dataclass(frozen=True)
class Solution:
    transplants: int  # pool recipients transplanted (never the waiting-list donations)
    waiting_list_donations: int
    cycles: tuple[Cycle, ...]
    chains: tuple[Chain, ...]
    optimal: bool  # True only when every lexicographic level was proven optimal by HiGHS
    seconds: float
    objective_values: dict[str, float]  # per criterion, in hierarchy order
    bounds: dict[str, float] = field(default_factory=dict)  # LP bound per criterion
    gap: float = 0.0  # worst relative MIP gap over the levels (0 when optimal)
    altruists: int = 0  # altruists in the pool, used or not

    @property
    def kep_solver_transplants(self) -> int:
        """The same solution counted as kep_solver's ``TransplantCount`` does: every altruist's
        chain ends with one more donation (to the waiting list), even a chain with no pool
        recipient, so each altruist adds one."""
        return self.transplants + self.altruists

    def as_dict(self) -> dict[str, Any]:
        return {
            "transplants": self.transplants,
            "waiting_list_donations": self.waiting_list_donations,
            "optimal": self.optimal,
            "seconds": round(self.seconds, 3),
            "objective_values": self.objective_values,
            "bounds": self.bounds,
            "gap": self.gap,
            "cycles": [{"nodes": list(c.nodes), "weight": c.weight, "back_arcs": c.back_arcs} for c in self.cycles],
            "chains": [
                {
                    "altruist": c.altruist,
                    "recipients": list(c.recipients),
                    "weight": c.weight,
                    "ends_on_waiting_list": c.ends_on_waiting_list,
                }
                for c in self.chains
            ],
        }


def to_kep_solver_chain_length(max_chain: int) -> int:
    """Our ``max_chain`` counts pool recipients; kep_solver's ``maxChainLength`` counts donors,
    the altruist included, so it is one more (ours 3 == kep_solver 4)."""
    return max_chain + 1


def from_kep_solver_chain_length(max_chain_length: int) -> int:
    return max(0, max_chain_length - 1)
