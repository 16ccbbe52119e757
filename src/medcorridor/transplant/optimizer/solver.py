"""Exact lexicographic solver: column generation + reduced-cost variable fixing + HiGHS MIP.

Why not hand the whole model to a MIP solver?  A 2000-pair pool has ~10^6 three-cycles and
~6x10^5 chain-arc columns; HiGHS needs minutes just for the root LP.  Instead, per criterion:

1. **Column generation.**  Solve the LP relaxation on a small set of columns, price *all*
   columns with numpy (``c - A^T y``) and add the best ones until none has a positive reduced
   cost: the LP optimum ``LP*`` over the full model is then known.
2. **Incumbent.**  Solve the MIP on the generated columns only: value ``z``.
3. **Reduced-cost variable fixing** (Delorme, García, Gondzio, Kalcsics, Manlove, Pettersson,
   "New algorithms for hierarchical optimisation in kidney exchange programmes", Operations
   Research 2023).  Any solution better than ``z`` only uses columns whose reduced cost is at
   least ``z - LP*``; solve the MIP on exactly those columns.  Its optimum is the optimum.
   The KEP cycle formulation is tight, so this set is small.
4. **Lexicographic hierarchy.**  Fix the criterion (``sum c_j x_j >= value``) as a new row and
   go to the next criterion; the new row's dual enters the pricing.

``optimal`` is reported only when every MIP returned HiGHS's ``Optimal`` status.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

from . import dive, neighbourhood
from .bounds import ArcBound, arc_bound_analysis, repaired_dual_bound
from .columns import ColumnModel, IndexedGraph, build_column_model
from .pool import Pool
from .solution import Chain, Cycle, Solution

INF = highspy.kHighsInf
PRICING_BATCH = 20_000
MAX_CG_ROUNDS = 500
WHOLE_LP_COLUMNS = 150_000
FIRST_SUBSET = 2_000  # columns of the first restricted MIP of the fast transplant level (at least)
FIRST_SUBSET_PER_NODE = 3
SUPPORT_VALUE = 0.01  # PDLP value above which a column counts as part of the LP support
SUPPORT_PER_NODE = 5  # the first restricted MIP takes the whole support up to this size
SUBSET_GROWTH = 3
SUBSET_MIP_SECONDS = 20.0
FIRST_MIP_SECONDS = 3.0  # at least; under a time limit the first restricted MIP gets this share of
FIRST_MIP_SHARE = 0.25  # the remaining time (at most SUBSET_MIP_SECONDS), then the neighbourhood search
MIP_HEURISTIC_EFFORT = 0.3  # HiGHS default 0.05; more primal heuristics find floor(bound) sooner
DIVE_SECONDS = 10.0  # at most; under a time limit the dive gets DIVE_SHARE of the remaining time
DIVE_SHARE = 0.25
DIVE_MIP_SECONDS = 2.0  # the chains left once no cycle is fractional (a few hundredths usually)
DIVE_PRICING_ROUNDS = 5  # when the dive's first LP is below the target: columns priced in, per round
DIVE_PRICING_BATCH = 500
DIVE_PRICING_GAP = 1.0  # ... only when that LP is at most this far below (a few columns missing)
LNS_SECONDS = 60.0  # neighbourhood search budget after the first restricted MIP (no time limit)
LNS_NEIGHBOURHOOD = 100  # nodes freed per step at first (grows when steps stall)
LNS_STEP_SECONDS = 2.0


@dataclass(frozen=True)
class Criterion:
    name: str
    maximise: bool = True
    integral: bool = True


TRANSPLANTS = Criterion("transplants")
EFFECTIVE_TWO_WAY = Criterion("effective_two_way")
THREE_WAY = Criterion("three_way", maximise=False)
BACK_ARCS = Criterion("back_arcs")
WEIGHT = Criterion("weight", integral=False)

#: Transplants first, then the UK NLDKSS tie-breakers (see docs/transplant-optimizer.md).
DEFAULT_HIERARCHY: tuple[Criterion, ...] = (TRANSPLANTS, EFFECTIVE_TWO_WAY, THREE_WAY, BACK_ARCS, WEIGHT)


@dataclass(frozen=True)
class Progress:
    """Passed to the progress callback at every step of a long solve."""

    stage: str  # "build", "lp", "mip", "done"
    criterion: str | None
    level: int
    levels: int
    seconds: float
    detail: str = ""


ProgressCallback = Callable[[Progress], None]


@dataclass
class _Level:
    criterion: Criterion
    value: float
    lp_bound: float | None  # a valid bound on the criterion, None when none was proven
    optimal: bool
    gap: float


@dataclass
class _Run:
    model: ColumnModel
    deadline: float | None
    started: float
    progress: ProgressCallback | None
    levels: int
    fixed_rows: list[tuple[np.ndarray, float]] = field(default_factory=list)  # (objective, lower bound)
    pool_columns: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    incumbent: np.ndarray | None = None  # selected columns
    # The fast transplant level's proven upper bound (floor of a valid bound) and its best value,
    # kept for the exact fallback: a time-out there must not replace them with an unfinished LP.
    proven_bound: float | None = None
    fast_best: tuple[float, np.ndarray] | None = None

    def tell(self, stage: str, criterion: str | None, level: int, detail: str = "") -> None:
        if self.progress is not None:
            elapsed = time.perf_counter() - self.started
            self.progress(Progress(stage, criterion, level, self.levels, elapsed, detail))

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - time.perf_counter())


def solve(
    pool: Pool,
    *,
    max_cycle: int = 3,
    max_chain: int = 3,
    chain_to_waiting_list: bool = False,
    hierarchy: Sequence[Criterion] = DEFAULT_HIERARCHY,
    time_limit: float | None = None,
    progress: ProgressCallback | None = None,
) -> Solution:
    """Find the lexicographically best set of cycles and chains.

    ``max_cycle`` counts pairs in a cycle; ``max_chain`` counts the *pool recipients* a chain
    reaches (kep_solver's ``maxChainLength`` is one more, see :func:`to_kep_solver_chain_length`).
    With ``chain_to_waiting_list`` every chain's last donor gives to the deceased-donor waiting
    list; those donations are reported in ``waiting_list_donations``, never in ``transplants``.
    """
    started = time.perf_counter()
    deadline = None if time_limit is None else started + time_limit
    graph = IndexedGraph.from_pool(pool)
    model = build_column_model(graph, max_cycle, max_chain)
    run = _Run(model, deadline, started, progress, len(hierarchy))
    run.tell("build", None, 0, f"{model.column_count} columns, {model.row_count} rows")
    levels = []
    for index, criterion in enumerate(hierarchy):
        level = _fast_transplant_level(run, graph, criterion, index) if index == 0 else None
        levels.append(level if level is not None else _solve_level(run, criterion, index))
    solution = _decode(pool, graph, run, levels, chain_to_waiting_list, time.perf_counter() - started)
    run.tell("done", None, len(hierarchy), f"{solution.transplants} transplants")
    return solution


def _objective(run: _Run, criterion: Criterion) -> np.ndarray:
    vector = run.model.criteria[criterion.name]
    return vector if criterion.maximise else -vector


def _solve_level(run: _Run, criterion: Criterion, index: int) -> _Level:
    objective = _objective(run, criterion)
    if run.model.column_count == 0:
        return _Level(criterion, 0.0, 0.0, True, 0.0)
    proven = run.proven_bound if index == 0 else None
    run.tell("lp", criterion.name, index)
    lp_bound, reduced, lp_finished = _column_generation(run, objective)
    tolerance = 1e-6 * max(1.0, abs(lp_bound))
    # An integral criterion cannot beat floor(LP*): aim there first, with only the columns
    # that a solution of that value could use (reduced cost >= target - LP*).  When the LP was
    # cut by the time limit its value bounds nothing and its reduced costs fix nothing: the MIP
    # below is then only a heuristic on the columns at hand.
    target = np.floor(lp_bound + tolerance) if criterion.integral else lp_bound
    columns = _columns_above(run, reduced, target - lp_bound - tolerance)
    run.tell("mip", criterion.name, index, f"LP bound {lp_bound:.3f}, {len(columns)} columns")
    value, optimal, gap = _solve_mip(run, objective, columns)
    if lp_finished and optimal and value < target - tolerance:
        # The target was out of reach: every solution better than the incumbent only uses
        # columns with reduced cost >= value - LP*, so optimising over them is exact.
        wider = _columns_above(run, reduced, value - lp_bound - tolerance)
        if len(wider) > len(columns):
            run.tell("mip", criterion.name, index, f"reduced-cost fixing keeps {len(wider)} columns")
            value, optimal, gap = _solve_mip(run, objective, wider)
    if proven is not None and run.fast_best is not None and run.fast_best[0] > value:
        value, run.incumbent = run.fast_best  # the fallback found worse in its time: keep the best
        optimal = False
    optimal = optimal and lp_finished
    bound: float | None = lp_bound if lp_finished else None
    if proven is not None:
        bound = proven if bound is None else min(bound, proven)
        if value >= proven - 0.5:
            optimal = True  # the incumbent meets a proven bound
    if not optimal and bound is not None and criterion.maximise:
        gap = max(0.0, bound - value) / max(1.0, abs(bound))
    slack = 0.5 if criterion.integral else 1e-6 * max(1.0, abs(value))
    run.fixed_rows.append((objective, value - slack))
    shown = value if criterion.maximise else -value
    shown_bound = None if bound is None else (bound if criterion.maximise else -bound)
    return _Level(criterion, shown, shown_bound, optimal, 0.0 if optimal else gap)


def _fast_transplant_level(run: _Run, graph: IndexedGraph, criterion: Criterion, index: int) -> _Level | None:
    """Bound first, then a solution that meets it: no simplex on the whole model.

    1. Upper bound ``UB = min(arc bound, repaired PDLP dual bound)`` (see ``bounds.py``); both
       are valid whatever the LP solver's accuracy, so ``floor(UB)`` bounds the optimum.  PDLP
       runs first on the columns an optimal circulation may use (``_support_lp``).
    2. When the first restricted column set holds the whole PDLP support: LP diving on its
       cycles (``dive.py``), then a MIP on the chains left - no seed lottery in HiGHS's heuristics.
    3. Else, or when the dive loses the bound: restricted MIPs on the columns with the largest
       PDLP values (3x more each round), among the columns that reduced-cost fixing allows for a
       solution of value ``floor(UB)``; HiGHS stops as soon as its incumbent reaches
       ``floor(UB)`` (``objective_target``).
    4. Reaching ``floor(UB)`` proves optimality.  Otherwise return None: the caller runs the
       exact simplex + fixing path, warm-started with the best solution found here.
    """
    model = run.model
    if criterion.name != "transplants" or not criterion.maximise or run.fixed_rows or model.column_count == 0:
        return None
    objective = _objective(run, criterion)
    run.tell("lp", criterion.name, index, "arc bound + PDLP")
    arc = arc_bound_analysis(graph)
    lp = _support_lp(run, objective, arc)
    bound = lp.bound if arc is None else min(lp.bound, float(arc.value))
    target = float(np.floor(bound + 1e-6))
    allowed = lp.columns[lp.reduced[lp.columns] >= target - lp.bound - 1e-6]
    if len(lp.primal) == model.column_count:
        allowed = allowed[np.argsort(-lp.primal[allowed], kind="stable")]
    arc_value = None if arc is None else arc.value
    size = first_size = _first_subset_size(model, lp.primal, allowed)
    best = -1.0
    if _holds_support(lp.primal, allowed, size):
        run.tell("mip", criterion.name, index, f"dive on {min(size, len(allowed))} columns towards {target:.0f}")
        best = _dive_mip(run, objective, np.sort(allowed[:size]), allowed, target)
        if best >= target - 0.5:
            return _proven_level(run, criterion, objective, best, bound, np.union1d(allowed[:size], run.incumbent))
    while True:
        subset = np.sort(allowed[:size])
        run.tell(
            "mip",
            criterion.name,
            index,
            f"bound {bound:.3f} (arc {arc_value}, LP {lp.bound:.3f}), {len(subset)} columns",
        )
        seconds = SUBSET_MIP_SECONDS
        if size == first_size and run.remaining() is not None:
            seconds = min(SUBSET_MIP_SECONDS, max(FIRST_MIP_SECONDS, FIRST_MIP_SHARE * run.remaining()))
        value, _, _ = _solve_mip(run, objective, subset, target=target, seconds=seconds)
        if value > best and run.incumbent is not None:
            run.fast_best = (value, run.incumbent.copy())
        best = max(best, value)
        if value < target - 0.5 and size == first_size and run.fast_best is not None:
            guide = None if arc is None else arc.successor
            value = _neighbourhood_search(run, graph, objective, allowed, target, guide)
            best = max(best, value)
        if value >= target - 0.5:
            return _proven_level(run, criterion, objective, value, bound, np.union1d(subset, run.incumbent))
        if run.remaining() is not None and run.remaining() <= 1.0:
            # Out of time: report the best solution and the valid bound, not optimal.
            if run.fast_best is not None:
                best, run.incumbent = run.fast_best
            best = max(best, 0.0)
            run.fixed_rows.append((objective, best - 0.5))
            return _Level(criterion, best, bound, False, (bound - best) / max(1.0, bound))
        if size >= len(allowed):
            run.proven_bound = target  # the exact fallback keeps this proven bound
            return None
        size *= SUBSET_GROWTH


def _proven_level(
    run: _Run, criterion: Criterion, objective: np.ndarray, value: float, bound: float, columns: np.ndarray
) -> _Level:
    """The transplant level solved: its value meets the proven bound.  ``columns`` seed the LP
    of the next level."""
    run.fixed_rows.append((objective, value - 0.5))
    run.pool_columns = columns
    return _Level(criterion, value, bound, True, 0.0)


@dataclass
class _SupportLp:
    primal: np.ndarray  # PDLP values of every column (empty when PDLP returned none)
    bound: float  # repaired dual bound: valid for the whole model
    reduced: np.ndarray  # reduced costs of every column under the repaired prices
    columns: np.ndarray  # the columns a solution of value floor(min(bound, arc bound)) may use


def _support_lp(run: _Run, objective: np.ndarray, arc: ArcBound | None) -> _SupportLp:
    """PDLP on the columns within the arcs some optimal circulation may use, when that proves
    enough; else on the whole model.

    A solution reaching the arc bound is an optimal circulation, so it only uses those columns
    (``ArcBound.usable``): for that target the smaller LP loses nothing and PDLP needs fewer,
    cheaper iterations (2000+100 UK: 583 k of 841 k columns, 280 instead of 680 iterations).
    When the LP over them stays below the arc bound, the optimum is below it too and the
    restriction is not exact for the lower target: the whole model is solved instead (the
    first PDLP is then lost: 700+35 UK chains <= 3, 0.4 s).  Small models take the restriction
    too since the dive (``_dive_mip``) replaced the first MIP's seed lottery: 700+35 UK chains
    <= 4, five pools, 32 -> 22 s of CPU in all (2026-12-04)."""
    model = run.model
    if arc is not None:
        restricted = _restricted_lp(run, objective, arc)
        if restricted is not None:
            return restricted
    everything = np.arange(model.column_count)
    primal, duals, _ = _pdlp(run, objective, everything)
    bound, reduced = repaired_dual_bound(model, objective, duals)
    return _SupportLp(primal if len(primal) == model.column_count else np.zeros(0), bound, reduced, everything)


def _restricted_lp(run: _Run, objective: np.ndarray, arc: ArcBound) -> _SupportLp | None:
    """The LP over the arc-bound columns, or None when it cannot stand for the whole model (no
    restriction to make, or it falls short of the arc bound)."""
    model = run.model
    within = model.columns_within(arc.usable)
    if not 0 < len(within) < model.column_count:
        return None
    primal, duals, value = _pdlp(run, objective, within)
    if value < arc.value - 0.5:
        return None
    bound, reduced = repaired_dual_bound(model, objective, duals)
    if np.floor(min(bound, arc.value) + 1e-6) < arc.value:
        return None
    full = np.zeros(0)
    if len(primal) == len(within):
        full = np.zeros(model.column_count)
        full[within] = primal
    return _SupportLp(full, bound, reduced, within)


def _pdlp(run: _Run, objective: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """PDLP on the LP relaxation over ``columns``: primal values, row duals, objective value."""
    highs = _new_highs(run)
    highs.setOptionValue("solver", "pdlp")
    remaining = run.remaining()
    if remaining is not None:
        highs.setOptionValue("time_limit", max(1.0, 0.5 * remaining))
    _pass_lp(highs, run, objective, columns, integral=False)
    highs.run()
    solution = highs.getSolution()
    return np.asarray(solution.col_value), np.asarray(solution.row_dual), highs.getInfo().objective_function_value


def _holds_support(primal: np.ndarray, allowed: np.ndarray, size: int) -> bool:
    """Whether the first ``size`` allowed columns (largest PDLP values first) hold the whole LP
    support.  Only then does their LP usually reach the bound and the dive pay off: a set cut
    inside the support falls short at once (2000+100 UK: its top 6 300 of 21 296 support
    columns, 2.6 s of simplex lost)."""
    if len(primal) == 0:
        return False
    rest = primal[allowed[size:]]
    return len(rest) == 0 or float(rest.max()) <= SUPPORT_VALUE


def _dive_mip(run: _Run, objective: np.ndarray, columns: np.ndarray, allowed: np.ndarray, target: float) -> float:
    """LP diving on the cycles (``dive.py``), then the MIP on the chains left: the value found
    (``-inf`` when the dive lost the target or ran out of time; the restricted MIPs take over).
    Sets ``run.incumbent`` / ``run.fast_best`` when it finds a solution.

    Every LP of the dive is solved by IPX with crossover: on these small, degenerate LPs it
    reaches an optimal vertex 2-3x faster than the dual simplex (700+35 UK chains <= 4: 0.09
    instead of 0.23 s for the first one), and its vertices dive as well (``bench/kpd.md``)."""
    remaining = run.remaining()
    budget = DIVE_SECONDS if remaining is None else min(DIVE_SECONDS, DIVE_SHARE * remaining)
    deadline = time.perf_counter() + budget
    highs = _new_highs(run)
    highs.setOptionValue("solver", "ipm")
    _pass_lp(highs, run, objective, columns, integral=False)
    highs.changeColsBounds(
        len(columns), np.arange(len(columns), dtype=np.int32), np.zeros(len(columns)), np.ones(len(columns))
    )
    columns = _priced_up_to(run, objective, highs, columns, allowed, target, deadline)
    if not dive.dive(highs, columns < run.model.cycle_offset, target, deadline):
        return -np.inf
    count = len(columns)
    highs.setOptionValue("solver", "choose")  # the MIP's own LPs: dual simplex, warm-started
    highs.changeColsIntegrality(count, np.arange(count, dtype=np.int32), [highspy.HighsVarType.kInteger] * count)
    highs.setOptionValue("mip_heuristic_effort", MIP_HEURISTIC_EFFORT)
    highs.setOptionValue("objective_target", target - 0.5)
    seconds = DIVE_MIP_SECONDS if remaining is None else max(0.2, min(DIVE_MIP_SECONDS, run.remaining() or 0.0))
    highs.setOptionValue("time_limit", highs.getRunTime() + seconds)  # HiGHS counts all its runs
    highs.run()
    info = highs.getInfo()
    values = np.asarray(highs.getSolution().col_value)
    if info.primal_solution_status != 2 or len(values) != count:
        return -np.inf
    run.incumbent = columns[values > 0.5]
    value = float(info.objective_function_value)
    run.fast_best = (value, run.incumbent.copy())
    return value


def _priced_up_to(
    run: _Run,
    objective: np.ndarray,
    highs: highspy.Highs,
    columns: np.ndarray,
    allowed: np.ndarray,
    target: float,
    deadline: float,
) -> np.ndarray:
    """Solve the dive's LP and, while its optimum is below ``target`` by at most
    ``DIVE_PRICING_GAP``, add the ``allowed`` columns of largest positive reduced cost under its
    duals (bounds [0, 1]); returns the LP's columns in ``highs``'s order.  The PDLP support misses
    a few columns of the optimal face on some pools (700+35 UK chains <= 4 seed 4: one transplant
    short on its support; one round of 500 columns closes it).  A support far below the target
    (dense Saidman pools: PDLP's point spreads over many columns below ``SUPPORT_VALUE``) would
    need many rounds of growing LPs: the dive is left to fail there."""
    in_lp = np.zeros(run.model.column_count, dtype=bool)
    in_lp[columns] = True
    candidate = np.zeros(run.model.column_count, dtype=bool)
    candidate[allowed] = True
    value = dive.solve_lp(highs, deadline)
    if value is None or value < target - DIVE_PRICING_GAP:
        return columns  # not a support missing a few columns: the dive fails at once, as before
    for _ in range(DIVE_PRICING_ROUNDS):
        if value is None or value >= target - dive.FRACTIONAL:
            break
        reduced = _full_reduced_costs(run, objective, np.asarray(highs.getSolution().row_dual))
        entering = np.nonzero(candidate & ~in_lp & (reduced > 1e-7))[0]
        if len(entering) == 0:
            break
        if len(entering) > DIVE_PRICING_BATCH:
            entering = np.sort(entering[np.argpartition(-reduced[entering], DIVE_PRICING_BATCH)[:DIVE_PRICING_BATCH]])
        first = len(columns)
        _add_columns(highs, run, objective, entering)
        added = np.arange(first, first + len(entering), dtype=np.int32)
        highs.changeColsBounds(len(added), added, np.zeros(len(added)), np.ones(len(added)))
        in_lp[entering] = True
        columns = np.concatenate([columns, entering])
        value = dive.solve_lp(highs, deadline)
    return columns


def _first_subset_size(model: ColumnModel, primal: np.ndarray, allowed: np.ndarray) -> int:
    """Columns of the first restricted MIP (the allowed ones with the largest PDLP values): at
    least ``FIRST_SUBSET_PER_NODE`` per node, and the whole LP support - every allowed column
    above ``SUPPORT_VALUE`` - when that is at most ``SUPPORT_PER_NODE`` per node.  A subset cut
    inside the support often cannot reach the bound (700+35 UK chains <= 4: the top 2 205 columns
    stop at 495 of 497, the 3 527 support columns reach 497), and the search must then close the
    gap; a much larger support makes the first MIP itself slow (2000+100 UK: its 21 296 support
    columns, 10 per node, give 921 after 8 s and 1 218 at the 60 s limit, against 1 474 proven
    in 56 s from the top 6 300)."""
    least = max(FIRST_SUBSET, FIRST_SUBSET_PER_NODE * model.node_count)
    if len(primal) != model.column_count:
        return least
    support = int((primal[allowed] > SUPPORT_VALUE).sum())
    return max(least, support) if support <= SUPPORT_PER_NODE * model.node_count else least


def _neighbourhood_search(
    run: _Run, graph: IndexedGraph, objective: np.ndarray, allowed: np.ndarray, target: float, guide
) -> float:
    """Large neighbourhood search (``neighbourhood.py``) from the best restricted-MIP solution,
    on the columns reduced-cost fixing allows at ``target`` only (exact: a solution of value
    ``target`` uses no other column).  Updates ``run.incumbent`` / ``run.fast_best``."""
    assert run.fast_best is not None
    value, incumbent = run.fast_best
    remaining = run.remaining()
    deadline = time.perf_counter() + (LNS_SECONDS if remaining is None else max(0.0, remaining - 1.0))
    mask = np.zeros(run.model.column_count, dtype=bool)
    mask[allowed] = True
    mask[incumbent] = True
    nodes = neighbourhood.ColumnNodes(run.model)

    def solve_sub(columns, sub_target, start, seconds):
        columns = columns[mask[columns]]
        return _sub_mip(run, objective, columns, sub_target, start, seconds)

    run.tell("mip", "transplants", 0, f"neighbourhood search from {value:.0f} towards {target:.0f}")
    value, incumbent = neighbourhood.search(
        graph,
        run.model,
        objective,
        incumbent,
        target,
        solve_sub,
        deadline,
        neighbourhood=LNS_NEIGHBOURHOOD,
        step_seconds=LNS_STEP_SECONDS,
        nodes=nodes,
        guide=guide,
    )
    run.incumbent = incumbent
    run.fast_best = (value, incumbent.copy())
    return value


def _sub_mip(
    run: _Run, objective: np.ndarray, columns: np.ndarray, target: float, start: np.ndarray, seconds: float
) -> tuple[float, np.ndarray | None]:
    """One neighbourhood MIP: stop at ``target``, warm-started with ``start``."""
    if len(columns) == 0:
        return 0.0, columns
    highs = _new_highs(run)
    highs.setOptionValue("mip_heuristic_effort", MIP_HEURISTIC_EFFORT)
    highs.setOptionValue("objective_target", target - 0.5)
    highs.setOptionValue("time_limit", max(0.2, seconds))
    _pass_lp(highs, run, objective, columns, integral=True)
    if len(start):
        _offer_incumbent(highs, columns, start)
    highs.run()
    info = highs.getInfo()
    values = np.asarray(highs.getSolution().col_value)
    if info.primal_solution_status != 2 or len(values) != len(columns):
        return -np.inf, None
    return float(info.objective_function_value), columns[values > 0.5]


def _columns_above(run: _Run, reduced: np.ndarray, threshold: float) -> np.ndarray:
    """Columns whose reduced cost reaches ``threshold``, plus the incumbent's (kept feasible)."""
    columns = np.nonzero(reduced >= threshold)[0]
    if run.incumbent is not None:
        columns = np.union1d(columns, run.incumbent)
    return columns


# -- LP relaxation by column generation ------------------------------------------------------


def _column_generation(run: _Run, objective: np.ndarray) -> tuple[float, np.ndarray, bool]:
    """LP value, reduced costs of every column, and whether the LP over the whole model was
    solved to optimality (False on a time-out: the value is then no bound)."""
    model = run.model
    if len(run.pool_columns) == 0:
        run.pool_columns = _initial_columns(model, objective)
    highs = _new_highs(run)
    _pass_lp(highs, run, objective, run.pool_columns, integral=False)
    in_master = np.zeros(model.column_count, dtype=bool)
    in_master[run.pool_columns] = True
    finished = False
    for _ in range(MAX_CG_ROUNDS):
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            duals = np.asarray(highs.getSolution().row_dual)
            if len(duals) < model.row_count + len(run.fixed_rows):
                duals = np.zeros(model.row_count + len(run.fixed_rows))
            reduced = _full_reduced_costs(run, objective, duals)
            break
        # Simplex duals of this maximisation are y >= 0 with c - A^T y <= 0 at optimality
        # (checked against HiGHS's own column duals in the tests).
        duals = np.asarray(highs.getSolution().row_dual)
        reduced = _full_reduced_costs(run, objective, duals)
        entering = _entering_columns(reduced, in_master)
        if len(entering) == 0:
            finished = True
            break
        in_master[entering] = True
        _add_columns(highs, run, objective, entering)
        run.pool_columns = np.concatenate([run.pool_columns, entering])
    lp_bound = highs.getInfo().objective_function_value
    return lp_bound, reduced, finished


def _initial_columns(model: ColumnModel, objective: np.ndarray) -> np.ndarray:
    """Small models go to the LP whole; big ones start from two-cycles, chain arcs and the
    most valuable columns, and column generation adds the rest on demand."""
    if model.column_count <= WHOLE_LP_COLUMNS:
        return np.arange(model.column_count)
    cheap = np.nonzero(model.column_start[1:] - model.column_start[:-1] <= 2)[0]
    best = np.argsort(-objective, kind="stable")[:PRICING_BATCH]
    return np.union1d(cheap[:PRICING_BATCH], best)


def _entering_columns(reduced: np.ndarray, in_master: np.ndarray) -> np.ndarray:
    attractive = np.nonzero((reduced > 1e-7) & ~in_master)[0]
    if len(attractive) > PRICING_BATCH:
        order = np.argpartition(-reduced[attractive], PRICING_BATCH)[:PRICING_BATCH]
        attractive = attractive[order]
    return np.sort(attractive)


def _full_reduced_costs(run: _Run, objective: np.ndarray, duals: np.ndarray) -> np.ndarray:
    model = run.model
    reduced = model.reduced_costs(objective, duals[: model.row_count])
    for offset, (row_objective, _) in enumerate(run.fixed_rows):
        reduced -= duals[model.row_count + offset] * row_objective
    return reduced


# -- HiGHS plumbing ------------------------------------------------------------------------------


def _new_highs(run: _Run) -> highspy.Highs:
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 1e-9)
    highs.setOptionValue("mip_abs_gap", 1e-7)
    remaining = run.remaining()
    if remaining is not None:
        highs.setOptionValue("time_limit", max(1.0, remaining))
    return highs


def _pass_lp(highs: highspy.Highs, run: _Run, objective: np.ndarray, columns: np.ndarray, integral: bool) -> None:
    model = run.model
    starts, rows, values = model.submatrix(columns)
    fixed_count = len(run.fixed_rows)
    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = model.row_count + fixed_count
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = objective[columns]
    lp.col_lower_ = np.zeros(len(columns))
    # No explicit upper bound in the LP: the capacity rows imply x <= 1, and without bounds
    # every optimal reduced cost is <= 0, which the fixing argument relies on.
    lp.col_upper_ = np.ones(len(columns)) if integral else np.full(len(columns), INF)
    lp.row_lower_ = np.concatenate([np.full(model.row_count, -INF), [bound for _, bound in run.fixed_rows]])
    row_upper = np.concatenate([np.ones(model.row_count), np.full(fixed_count, INF)])
    row_upper[_flow_rows(model)] = 0.0  # capacity rows are <= 1, flow rows are <= 0
    lp.row_upper_ = row_upper
    starts, rows, values = _append_fixed_rows(run, columns, starts, rows, values)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = rows.astype(np.int32)
    lp.a_matrix_.value_ = values
    lp.a_matrix_.num_col_ = len(columns)
    lp.a_matrix_.num_row_ = lp.num_row_
    if integral:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(columns)
    highs.passModel(lp)


def _flow_rows(model: ColumnModel) -> np.ndarray:
    return np.arange(model.node_count, model.row_count)


def _append_fixed_rows(run: _Run, columns, starts, rows, values):
    """Add the lexicographic rows (dense over the chosen columns) to CSC arrays."""
    if not run.fixed_rows:
        return starts, rows, values
    model = run.model
    extra_rows = np.arange(len(run.fixed_rows)) + model.row_count
    coefficient = np.stack([objective[columns] for objective, _ in run.fixed_rows], axis=1)
    nonzero = coefficient != 0
    per_column = np.diff(starts) + nonzero.sum(axis=1)
    new_starts = np.zeros(len(columns) + 1, dtype=np.int64)
    np.cumsum(per_column, out=new_starts[1:])
    old_lengths = np.diff(starts)
    # Merge column by column with numpy: original entries first, then the fixed-row entries.
    column_of_old = np.repeat(np.arange(len(columns)), old_lengths)
    column_of_new, row_of_new = np.nonzero(nonzero)
    all_columns = np.concatenate([column_of_old, column_of_new])
    all_rows = np.concatenate([rows, extra_rows[row_of_new]])
    all_values = np.concatenate([values, coefficient[column_of_new, row_of_new]])
    order = np.argsort(all_columns, kind="stable")
    return new_starts, all_rows[order], all_values[order]


def _add_columns(highs: highspy.Highs, run: _Run, objective: np.ndarray, columns: np.ndarray) -> None:
    starts, rows, values = run.model.submatrix(columns)
    starts, rows, values = _append_fixed_rows(run, columns, starts, rows, values)
    highs.addCols(
        len(columns),
        objective[columns].astype(np.float64),
        np.zeros(len(columns)),
        np.full(len(columns), INF),
        len(rows),
        starts[:-1].astype(np.int32),
        rows.astype(np.int32),
        values.astype(np.float64),
    )


def _solve_mip(
    run: _Run,
    objective: np.ndarray,
    columns: np.ndarray,
    target: float | None = None,
    seconds: float | None = None,
) -> tuple[float, bool, float]:
    highs = _new_highs(run)
    highs.setOptionValue("mip_heuristic_effort", MIP_HEURISTIC_EFFORT)
    if target is not None:
        highs.setOptionValue("objective_target", target - 0.5)  # stop once the bound is met
    if seconds is not None:
        remaining = run.remaining()
        highs.setOptionValue("time_limit", seconds if remaining is None else max(1.0, min(seconds, remaining)))
    _pass_lp(highs, run, objective, columns, integral=True)
    if run.incumbent is not None:
        _offer_incumbent(highs, columns, run.incumbent)
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    values = np.asarray(highs.getSolution().col_value)
    if len(values) == len(columns) and info.primal_solution_status == 2:
        run.incumbent = columns[values > 0.5]
    optimal = status == highspy.HighsModelStatus.kOptimal
    gap = 0.0 if optimal else float(info.mip_gap)
    if info.primal_solution_status != 2:  # no feasible point (time limit before any incumbent)
        return -np.inf, False, 1.0
    return float(info.objective_function_value), optimal, gap


def _offer_incumbent(highs: highspy.Highs, columns: np.ndarray, chosen: np.ndarray) -> None:
    """The previous level's solution stays feasible: give it to HiGHS as a starting point."""
    start = np.isin(columns, chosen).astype(np.float64)
    highs.setSolution(len(columns), np.arange(len(columns), dtype=np.int32), start)


# -- decoding ----------------------------------------------------------------------------------


def _decode(
    pool: Pool, graph: IndexedGraph, run: _Run, levels: list[_Level], to_list: bool, seconds: float
) -> Solution:
    model = run.model
    chosen = np.zeros(0, dtype=np.int64) if run.incumbent is None else np.sort(run.incumbent)
    cycles = [_cycle(pool, graph, model, column) for column in chosen if column < model.cycle_offset]
    chain_rows = model.chain_columns[chosen[chosen >= model.cycle_offset] - model.cycle_offset]
    chains = _chains(pool, graph, chain_rows, to_list)
    altruists = int(graph.is_altruist.sum())
    values = {level.criterion.name: level.value for level in levels}
    return Solution(
        transplants=sum(len(c.nodes) for c in cycles) + sum(len(c.recipients) for c in chains),
        waiting_list_donations=altruists if to_list else 0,
        cycles=tuple(cycles),
        chains=tuple(chains),
        optimal=all(level.optimal for level in levels),
        seconds=seconds,
        objective_values=values,
        bounds={level.criterion.name: level.lp_bound for level in levels if level.lp_bound is not None},
        gap=max((level.gap for level in levels), default=0.0),
        altruists=altruists,
    )


def _cycle(pool: Pool, graph: IndexedGraph, model: ColumnModel, column: int) -> Cycle:
    offset = column
    for members in model.cycles:
        if offset < len(members):
            ids = tuple(graph.ids[i] for i in members[offset])
            arcs = list(zip(ids, ids[1:] + ids[:1], strict=True))
            back = sum(pool.has_arc(target, source) for source, target in arcs) if len(ids) == 3 else 0
            return Cycle(nodes=ids, weight=sum(pool.weight(s, t) for s, t in arcs), back_arcs=back)
        offset -= len(members)
    raise IndexError(column)


def _chains(pool: Pool, graph: IndexedGraph, rows: np.ndarray, to_list: bool) -> list[Chain]:
    following = {(int(s), int(k)): int(t) for s, t, k in rows}
    chains = []
    for source, target, position in rows:
        if position != 1:
            continue
        path = [int(source), int(target)]
        while (path[-1], len(path)) in following:
            path.append(following[(path[-1], len(path))])
        ids = tuple(graph.ids[i] for i in path)
        weight = sum(pool.weight(a, b) for a, b in zip(ids, ids[1:], strict=False))
        chains.append(Chain(altruist=ids[0], recipients=ids[1:], weight=weight, ends_on_waiting_list=to_list))
    return chains
