"""The neighbourhood search never claims optimality wrongly (brute force on small random pools)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from medcorridor.transplant.optimizer import TRANSPLANTS, solve
from medcorridor.transplant.optimizer import solver as solver_module
from medcorridor.transplant.optimizer.bounds import arc_bound_flow
from medcorridor.transplant.optimizer.columns import IndexedGraph, build_column_model
from medcorridor.transplant.optimizer.neighbourhood import ColumnNodes, search

from .test_optimizer_bruteforce import brute_force, random_pool


def feasible(model, chosen: np.ndarray) -> bool:
    """Each recipient at most once, each altruist at most once, chain positions consistent."""
    nodes = ColumnNodes(model)
    used = np.zeros(model.node_count, dtype=int)
    for column in chosen:
        if column < model.cycle_offset:
            used[nodes.nodes(int(column))] += 1
    received_at = {}
    for source, target, position in model.chain_columns[chosen[chosen >= model.cycle_offset] - model.cycle_offset]:
        used[target] += 1
        received_at[int(target)] = int(position)
        if position == 1:
            used[source] += 1
    for source, _, position in model.chain_columns[chosen[chosen >= model.cycle_offset] - model.cycle_offset]:
        if position >= 2 and received_at.get(int(source)) != position - 1:
            return False
    return bool((used <= 1).all())


@pytest.mark.parametrize("seed", range(25))
def test_search_stays_feasible_and_below_the_optimum(seed: int) -> None:
    rng = random.Random(seed)
    pool = random_pool(rng, pairs=rng.randint(4, 9), altruists=rng.randint(0, 2), density=0.35)
    max_cycle, max_chain = rng.choice([(2, 1), (3, 2), (3, 3)])
    graph = IndexedGraph.from_pool(pool)
    model = build_column_model(graph, max_cycle, max_chain)
    objective = model.criteria["transplants"]
    bound, guide = arc_bound_flow(graph)
    optimum = brute_force(pool, max_cycle, max_chain)[0]
    assert bound >= optimum
    run = solver_module._Run(model, None, 0.0, None, 1)

    def solve_sub(columns, target, start, seconds):
        return solver_module._sub_mip(run, objective, columns, target, start, seconds)

    import time

    value, chosen = search(
        graph,
        model,
        objective,
        np.zeros(0, dtype=np.int64),
        float(bound),
        solve_sub,
        time.perf_counter() + 3.0,
        neighbourhood=3,
        step_seconds=0.5,
        guide=guide,
        seed=seed,
    )
    assert value == objective[chosen].sum()
    assert value <= optimum
    assert feasible(model, chosen)


@pytest.mark.parametrize("seed", range(30))
def test_solve_through_the_search_matches_brute_force(seed: int, monkeypatch) -> None:
    # A first restricted MIP of one column: the neighbourhood search has to do the work.
    monkeypatch.setattr(solver_module, "FIRST_SUBSET", 1)
    monkeypatch.setattr(solver_module, "FIRST_SUBSET_PER_NODE", 0)
    monkeypatch.setattr(solver_module, "LNS_NEIGHBOURHOOD", 3)
    monkeypatch.setattr(solver_module, "LNS_SECONDS", 2.0)
    rng = random.Random(1000 + seed)
    pool = random_pool(rng, pairs=rng.randint(4, 9), altruists=rng.randint(0, 2), density=rng.choice([0.25, 0.4]))
    max_cycle, max_chain = rng.choice([(2, 1), (3, 2), (3, 3)])
    solution = solve(pool, max_cycle=max_cycle, max_chain=max_chain, hierarchy=(TRANSPLANTS,))
    optimum = brute_force(pool, max_cycle, max_chain)[0]
    assert solution.transplants <= optimum
    assert solution.bounds["transplants"] >= optimum - 1e-6
    if solution.optimal:
        assert solution.transplants == optimum
    assert solution.transplants == optimum  # the exact fallback finishes the job without a time limit
