"""LP diving on the cycles: a first solution at the proven bound, never a false claim."""

from __future__ import annotations

import time

import highspy
import numpy as np
import pytest

from medcorridor.transplant.optimizer import TRANSPLANTS, dive, solve
from medcorridor.transplant.optimizer import solver as solver_module
from medcorridor.transplant.optimizer.columns import IndexedGraph, build_column_model
from medcorridor.transplant.optimizer.generator import generate_pool


def loaded_lp(pool, max_chain: int = 3) -> tuple[highspy.Highs, solver_module._Run, np.ndarray]:
    """The transplant LP over every column, bounded by 1, as ``_dive_mip`` loads it."""
    model = build_column_model(IndexedGraph.from_pool(pool), 3, max_chain)
    run = solver_module._Run(model, None, time.perf_counter(), None, 1)
    objective = model.criteria["transplants"]
    highs = solver_module._new_highs(run)
    columns = np.arange(model.column_count)
    solver_module._pass_lp(highs, run, objective, columns, integral=False)
    count = model.column_count
    highs.changeColsBounds(count, columns.astype(np.int32), np.zeros(count), np.ones(count))
    return highs, run, columns


def lp_value(highs: highspy.Highs) -> float:
    highs.run()
    return highs.getInfo().objective_function_value


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_successful_dive_leaves_no_fractional_cycle_at_the_target(seed) -> None:
    highs, run, columns = loaded_lp(generate_pool(60, 3, seed=seed, profile="uk"))
    target = float(np.floor(lp_value(highs) + 1e-6))
    is_cycle = columns < run.model.cycle_offset
    assert dive.dive(highs, is_cycle, target, time.perf_counter() + 30)
    values = np.asarray(highs.getSolution().col_value)[is_cycle]
    assert np.all((values < 1e-6) | (values > 1 - 1e-6))
    assert highs.getInfo().objective_function_value >= target - 1e-6


def test_an_unreachable_target_fails_the_dive() -> None:
    highs, run, columns = loaded_lp(generate_pool(60, 3, seed=1, profile="uk"))
    unreachable = np.floor(lp_value(highs) + 1e-6) + 1
    assert not dive.dive(highs, columns < run.model.cycle_offset, unreachable, time.perf_counter() + 30)


def test_the_dive_mip_returns_a_feasible_solution_of_its_value() -> None:
    pool = generate_pool(80, 4, seed=2, profile="uk")
    highs, run, columns = loaded_lp(pool, max_chain=4)
    target = float(np.floor(lp_value(highs) + 1e-6))
    objective = run.model.criteria["transplants"]
    value = solver_module._dive_mip(run, objective, columns, columns, target)
    assert value == pytest.approx(target)
    chosen = run.incumbent
    assert objective[chosen].sum() == pytest.approx(value)
    _, rows, values = run.model.submatrix(chosen)
    load = np.zeros(run.model.row_count)
    np.add.at(load, rows, values)
    assert load[: run.model.node_count].max() <= 1 + 1e-9  # each recipient / altruist once
    assert load[run.model.node_count :].max(initial=0.0) <= 1e-9  # chains start at an altruist


def quarter_lp(run, objective, everything) -> tuple[highspy.Highs, np.ndarray, float]:
    """The LP over a quarter of the columns (far below the whole LP) and its value."""
    few = everything[::4]
    small = solver_module._new_highs(run)
    solver_module._pass_lp(small, run, objective, few, integral=False)
    return small, few, lp_value(small)


def test_pricing_completes_a_column_set_whose_lp_misses_the_target() -> None:
    highs, run, everything = loaded_lp(generate_pool(60, 3, seed=1, profile="uk"))
    objective = run.model.criteria["transplants"]
    small, few, value = quarter_lp(run, objective, everything)
    target = value + solver_module.DIVE_PRICING_GAP  # within reach of pricing
    assert target <= lp_value(highs)
    columns = solver_module._priced_up_to(run, objective, small, few, everything, target, time.perf_counter() + 30)
    assert len(columns) > len(few) and np.isin(few, columns).all()
    assert len(np.unique(columns)) == len(columns)
    assert small.getInfo().objective_function_value >= target - 1e-6
    values = np.asarray(small.getSolution().col_value)
    assert len(values) == len(columns)
    assert values.max() <= 1 + 1e-9  # the added columns are bounded by 1 like the others


def test_pricing_stops_at_the_allowed_columns() -> None:
    _, run, everything = loaded_lp(generate_pool(60, 3, seed=1, profile="uk"))
    objective = run.model.criteria["transplants"]
    small, few, value = quarter_lp(run, objective, everything)
    target = value + solver_module.DIVE_PRICING_GAP
    columns = solver_module._priced_up_to(run, objective, small, few, few, target, time.perf_counter() + 30)
    assert np.array_equal(columns, few)


def test_no_pricing_when_the_lp_is_far_below_the_target() -> None:
    _, run, everything = loaded_lp(generate_pool(60, 3, seed=1, profile="uk"))
    objective = run.model.criteria["transplants"]
    small, few, value = quarter_lp(run, objective, everything)
    target = value + solver_module.DIVE_PRICING_GAP + 1
    columns = solver_module._priced_up_to(run, objective, small, few, everything, target, time.perf_counter() + 30)
    assert np.array_equal(columns, few)


@pytest.mark.parametrize(("seed", "max_chain"), [(1, 3), (2, 4), (3, 4), (5, 3)])
def test_with_and_without_the_dive_the_optimum_is_the_same(monkeypatch, seed, max_chain) -> None:
    pool = generate_pool(120, 6, seed=seed, profile="uk")
    dives = []
    real_dive = solver_module._dive_mip
    monkeypatch.setattr(solver_module, "_dive_mip", lambda *args: dives.append(real_dive(*args)) or dives[-1])
    with_dive = solve(pool, max_chain=max_chain, hierarchy=(TRANSPLANTS,))
    assert dives  # the dive ran on this pool
    monkeypatch.setattr(solver_module, "_holds_support", lambda *_: False)
    without = solve(pool, max_chain=max_chain, hierarchy=(TRANSPLANTS,))
    assert with_dive.optimal and without.optimal
    assert with_dive.transplants == without.transplants


def test_the_dive_only_runs_when_the_first_columns_hold_the_support() -> None:
    primal = np.array([0.9, 0.5, 0.3, 0.005, 0.0])
    allowed = np.arange(5)
    assert solver_module._holds_support(primal, allowed, 3)
    assert not solver_module._holds_support(primal, allowed, 2)
    assert not solver_module._holds_support(np.zeros(0), allowed, 3)
