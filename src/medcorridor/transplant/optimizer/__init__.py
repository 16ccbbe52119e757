"""Kidney paired exchange optimiser (pure Python: no Django)."""

from .pool import Arc, Node, NodeKind, Pool
from .solution import Chain, Cycle, Solution, from_kep_solver_chain_length, to_kep_solver_chain_length
from .solver import (
    BACK_ARCS,
    DEFAULT_HIERARCHY,
    EFFECTIVE_TWO_WAY,
    THREE_WAY,
    TRANSPLANTS,
    WEIGHT,
    Criterion,
    Progress,
    solve,
)

__all__ = [
    "Arc", "Node", "NodeKind", "Pool", "Chain", "Cycle", "Solution", "solve", "Criterion", "Progress",
    "DEFAULT_HIERARCHY", "TRANSPLANTS", "EFFECTIVE_TWO_WAY", "THREE_WAY", "BACK_ARCS", "WEIGHT",
    "to_kep_solver_chain_length", "from_kep_solver_chain_length",
]
