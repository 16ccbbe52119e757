"""Arc-bound column fixing: the arcs an optimal circulation may use, and the PDLP restricted to them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from medcorridor.transplant.optimizer import TRANSPLANTS, Node, NodeKind, Pool, solve
from medcorridor.transplant.optimizer import solver as solver_module
from medcorridor.transplant.optimizer.bounds import arc_bound_analysis
from medcorridor.transplant.optimizer.columns import IndexedGraph

from .test_optimizer_bruteforce import brute_force, random_pool


def usable_arcs(pool: Pool) -> set[tuple[str, str]]:
    graph = IndexedGraph.from_pool(pool)
    bound = arc_bound_analysis(graph)
    assert bound is not None
    sources, targets = np.nonzero(bound.usable)
    return {(graph.ids[s], graph.ids[t]) for s, t in zip(sources, targets, strict=True)}


def test_arcs_outside_every_optimal_circulation_are_dropped() -> None:
    """a -> b -> c -> a (3 transplants) beats the two-cycle a <-> b, and d is a dead end: only
    the three-cycle's arcs can carry an optimal circulation."""
    arcs = [("a", "b"), ("b", "c"), ("c", "a"), ("b", "a"), ("a", "d")]
    pool = Pool.build([Node("a"), Node("b"), Node("c"), Node("d")], arcs)
    assert usable_arcs(pool) == {("a", "b"), ("b", "c"), ("c", "a")}


def test_ties_keep_the_arcs_of_every_optimal_circulation() -> None:
    """N -> a -> b and a <-> b both reach 2 transplants."""
    arcs = [("N", "a"), ("a", "b"), ("b", "a")]
    pool = Pool.build([Node("N", NodeKind.ALTRUIST), Node("a"), Node("b")], arcs)
    assert usable_arcs(pool) == {("N", "a"), ("a", "b"), ("b", "a")}


@pytest.mark.parametrize("seed", range(30))
def test_an_optimum_at_the_arc_bound_uses_usable_arcs_only(seed: int) -> None:
    rng = random.Random(seed)
    pool = random_pool(rng, pairs=rng.randint(4, 9), altruists=rng.randint(0, 2), density=0.35)
    graph = IndexedGraph.from_pool(pool)
    bound = arc_bound_analysis(graph)
    assert bound is not None
    solution = solve(pool, max_cycle=3, max_chain=3, hierarchy=(TRANSPLANTS,))
    assert bound.value >= solution.transplants
    used = set()
    for cycle in solution.cycles:
        used |= set(zip(cycle.nodes, cycle.nodes[1:] + cycle.nodes[:1], strict=True))
    for chain in solution.chains:
        path = (chain.altruist, *chain.recipients)
        used |= set(zip(path, path[1:], strict=False))
    if solution.transplants == bound.value:
        assert used <= usable_arcs(pool)


@pytest.fixture
def pdlp_calls(monkeypatch) -> list[int]:
    """Records the column count of each PDLP (every model tries the restricted one first)."""
    calls: list[int] = []
    real = solver_module._pdlp

    def counted(run, objective, columns):
        calls.append(len(columns))
        return real(run, objective, columns)

    monkeypatch.setattr(solver_module, "_pdlp", counted)
    return calls


def test_an_optimum_at_the_arc_bound_needs_only_the_restricted_pdlp(pdlp_calls) -> None:
    arcs = [("a", "b"), ("b", "c"), ("c", "a"), ("b", "a"), ("a", "d")]
    pool = Pool.build([Node("a"), Node("b"), Node("c"), Node("d")], arcs)
    solution = solve(pool, max_cycle=3, max_chain=0, hierarchy=(TRANSPLANTS,))
    assert (solution.transplants, solution.optimal) == (3, True)
    assert pdlp_calls == [1]  # the three-cycle; the two-cycle a <-> b is fixed to zero


def test_an_optimum_below_the_arc_bound_falls_back_to_the_whole_lp(pdlp_calls) -> None:
    """Arc bound 5 (a -> b -> c -> a and d <-> e); with cycles <= 2 the best is a <-> f plus
    d <-> e = 4, and the restricted LP (d <-> e only) stops at 2."""
    arcs = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "d"), ("a", "f"), ("f", "a")]
    pool = Pool.build([Node(name) for name in "abcdef"], arcs)
    solution = solve(pool, max_cycle=2, max_chain=0, hierarchy=(TRANSPLANTS,))
    assert (solution.transplants, solution.optimal) == (4, True)
    assert solution.bounds["transplants"] <= 4.0 + 1e-6
    assert pdlp_calls == [1, 2]


@pytest.mark.parametrize("seed", range(30))
def test_restricted_pdlp_keeps_the_brute_force_optimum(seed: int, pdlp_calls) -> None:
    rng = random.Random(seed)
    pool = random_pool(rng, pairs=rng.randint(4, 9), altruists=rng.randint(0, 2), density=rng.choice([0.25, 0.4]))
    max_cycle, max_chain = rng.choice([(2, 1), (3, 2), (3, 3)])
    solution = solve(pool, max_cycle=max_cycle, max_chain=max_chain, hierarchy=(TRANSPLANTS,))
    assert solution.optimal
    assert solution.transplants == brute_force(pool, max_cycle, max_chain)[0]
