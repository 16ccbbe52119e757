"""Kidney paired exchange optimiser (pure Python: no Django).

Typical use::

    from medcorridor.transplant.optimizer import Node, NodeKind, Pool, solve
    pool = Pool.build([Node("P1"), Node("P2"), Node("N1", NodeKind.ALTRUIST)],
                      [("P1", "P2", 1.5), ("P2", "P1", 1.0), ("N1", "P1", 1.0)])
    solution = solve(pool, max_cycle=3, max_chain=3, chain_to_waiting_list=False)
    solution.transplants, solution.cycles, solution.chains, solution.optimal
    solve(pool.forbid_arcs(("P1", "P2")))          # after a positive physical crossmatch
    solve(pool.without("P2"))                      # after a withdrawal

Conventions (details in docs/transplant-optimizer.md): ``max_chain`` counts the pool recipients
a chain reaches (kep_solver's ``maxChainLength`` is one more: ``to_kep_solver_chain_length``);
``transplants`` never counts donations to the deceased-donor waiting list
(``waiting_list_donations``).  File formats: ``optimizer.formats`` (kep_solver JSON schema 1,
PrefLib .wmd/.dat).  Synthetic pools: ``optimizer.generator.generate_pool``.
"""

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
    "Arc",
    "Node",
    "NodeKind",
    "Pool",
    "Chain",
    "Cycle",
    "Solution",
    "solve",
    "Criterion",
    "Progress",
    "DEFAULT_HIERARCHY",
    "TRANSPLANTS",
    "EFFECTIVE_TWO_WAY",
    "THREE_WAY",
    "BACK_ARCS",
    "WEIGHT",
    "to_kep_solver_chain_length",
    "from_kep_solver_chain_length",
]
