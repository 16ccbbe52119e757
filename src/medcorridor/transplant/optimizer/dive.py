"""LP diving on the cycles: a first solution at the proven bound without HiGHS's MIP heuristics.

On UK-like pools the transplant LP of the first restricted column set reaches the proven bound
``target`` and has a huge optimal face, so HiGHS's branch-and-bound spends its time in
degenerate LPs and sub-MIPs (RENS/RINS) whose speed depends on its random seed (700+35 UK chains
<= 4: 1.8-8.4 s on the same columns).  Diving is cheaper: solve the LP (columns bounded by 1;
the caller picks the LP solver, IPX with crossover), fix the cycles the LP selects to 1 - the
integral ones, which costs nothing, and the fractional ones of value >= ``BATCH_VALUE`` -
re-solve, and repeat while the LP optimum stays at ``target``.  Cycles with a value above 1/2
are pairwise disjoint (a capacity row sums to at most 1), so every batch keeps the LP feasible.
When a batch lowers the LP, only the fractional cycle of largest value is fixed and later
batches take half as many fractional cycles (retrying the same large batch fails the same way);
when that cycle lowers the LP too, it is fixed to 0 instead, and when neither keeps the target
the dive gives up.  Once no cycle is fractional, the chains left are a small MIP that HiGHS
solves in a few hundredths of a second.

Only a primal heuristic: the caller claims optimality only when the value found meets the
proven bound, and falls back to the restricted MIPs otherwise.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

BATCH_VALUE = 0.6  # above 1/2 with a margin: such cycles are disjoint
FRACTIONAL = 1e-6


def dive(highs: highspy.Highs, is_cycle: np.ndarray, target: float, deadline: float) -> bool:
    """Fix cycle columns of the LP loaded in ``highs`` (bounds [0, 1], maximisation) until no
    cycle is fractional while the LP optimum stays at least ``target``.  Returns whether it got
    there before ``deadline``; the fixings stay in ``highs`` either way.  The caller has solved
    the LP (``solve_lp``)."""
    if not _reaches(highs, target):
        return False
    values = _values(highs)
    fixed = np.zeros(len(is_cycle), dtype=bool)
    share = 1.0  # of the fractional cycles above BATCH_VALUE that a batch takes
    while time.perf_counter() < deadline:
        fractional = np.nonzero(is_cycle & (values > FRACTIONAL) & (values < 1 - FRACTIONAL))[0]
        if len(fractional) == 0:
            return True
        integral = np.nonzero(is_cycle & (values >= 1 - FRACTIONAL) & ~fixed)[0]
        risky = fractional[values[fractional] >= BATCH_VALUE]
        risky = risky[np.argsort(-values[risky], kind="stable")][: int(np.ceil(share * len(risky)))]
        largest = fractional[[int(np.argmax(values[fractional]))]]
        if len(risky) > 1 and _fix(highs, np.union1d(integral, risky), 1.0, target, deadline):
            fixed[integral] = fixed[risky] = True
        elif _fix(highs, np.union1d(integral, largest), 1.0, target, deadline):
            fixed[integral] = fixed[largest] = True
            share = share / 2 if len(risky) > 1 else share
        elif not _fix(highs, largest, 0.0, target, deadline):
            # Neither in nor out keeps the target (the LP value is concave along one column, so
            # it may peak in between); trying further cycles rarely helps (measured): give up.
            return False
        values = _values(highs)
    return False


def _fix(highs: highspy.Highs, columns: np.ndarray, value: float, target: float, deadline: float) -> bool:
    """Fix ``columns`` to ``value``; undo it (bounds back to [0, 1]) when the LP drops below
    ``target``."""
    count = len(columns)
    indices = columns.astype(np.int32)
    highs.changeColsBounds(count, indices, np.full(count, value), np.full(count, value))
    if _solve(highs, target, deadline):
        return True
    highs.changeColsBounds(count, indices, np.zeros(count), np.ones(count))
    return False


def solve_lp(highs: highspy.Highs, deadline: float) -> float | None:
    """Re-solve the LP within the time left: its optimum, None when it did not finish."""
    # HiGHS's time limit counts the instance's run time over all its runs so far.
    highs.setOptionValue("time_limit", highs.getRunTime() + max(0.05, deadline - time.perf_counter()))
    highs.run()
    return highs.getInfo().objective_function_value if _reaches(highs, -np.inf) else None


def _solve(highs: highspy.Highs, target: float, deadline: float) -> bool:
    """Re-solve the LP within the time left; True when its optimum still reaches ``target``."""
    return solve_lp(highs, deadline) is not None and _reaches(highs, target)


def _reaches(highs: highspy.Highs, target: float) -> bool:
    """Whether the LP last solved in ``highs`` is optimal at ``target`` or above."""
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return False
    return highs.getInfo().objective_function_value >= target - FRACTIONAL


def _values(highs: highspy.Highs) -> np.ndarray:
    return np.asarray(highs.getSolution().col_value)
