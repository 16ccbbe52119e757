"""The exact fallback after the fast transplant level: bounds it reports must be proven."""

from __future__ import annotations

from medcorridor.transplant.optimizer import TRANSPLANTS, Pool, solve
from medcorridor.transplant.optimizer import solver as solver_module
from medcorridor.transplant.optimizer.pool import Node


def odd_triangle() -> Pool:
    """Three 2-cycles a<->b, b<->c, c<->a: LP 3 (each at 1/2), arc bound 3 (a->b->c->a),
    integer optimum 2 with cycles <= 2, so the fast path cannot meet its bound and falls back."""
    arcs = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "b"), ("c", "a"), ("a", "c")]
    return Pool.build([Node("a"), Node("b"), Node("c")], arcs)


def test_fallback_proves_the_optimum_below_the_fast_bound() -> None:
    solution = solve(odd_triangle(), max_cycle=2, max_chain=0, hierarchy=(TRANSPLANTS,))
    assert solution.transplants == 2
    assert solution.optimal
    assert solution.bounds["transplants"] <= 3.0 + 1e-6


def test_fallback_time_out_keeps_the_proven_bound(monkeypatch) -> None:
    real = solver_module._column_generation

    def cut_short(run, objective):
        _, reduced, _ = real(run, objective)
        return 10.0, reduced, False  # an LP interrupted by the time limit: its value is no bound

    monkeypatch.setattr(solver_module, "_column_generation", cut_short)
    solution = solve(odd_triangle(), max_cycle=2, max_chain=0, hierarchy=(TRANSPLANTS,))
    assert solution.transplants == 2
    assert not solution.optimal
    assert solution.bounds["transplants"] == 3.0  # the fast path's proven floor(bound), not 10
    assert abs(solution.gap - 1 / 3) < 1e-9


def test_unfinished_lp_never_claims_optimal_on_later_levels(monkeypatch) -> None:
    real = solver_module._column_generation
    calls = []

    def cut_second(run, objective):
        lp, reduced, finished = real(run, objective)
        calls.append(lp)
        return (lp, reduced, finished) if len(calls) == 1 else (lp + 5.0, reduced, False)

    monkeypatch.setattr(solver_module, "_column_generation", cut_second)
    solution = solve(odd_triangle(), max_cycle=2, max_chain=0)
    assert solution.transplants == 2
    assert not solution.optimal
