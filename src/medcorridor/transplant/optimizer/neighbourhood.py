"""Large neighbourhood search for the transplant level: reach a proven bound from an incumbent.

The fast transplant level knows a valid upper bound ``target`` (``bounds.py``) before it has a
solution that meets it.  On large pools (2000 pairs) one restricted MIP over tens of thousands
of columns may not reach ``target`` in time, while the gap is spread over many small local
defects.  Each step here frees a neighbourhood ``F`` of nodes - a few uncovered recipients plus
the exchanges (whole cycles, whole chains) of their neighbours in the compatibility graph - keeps
every other exchange fixed, and lets HiGHS re-optimise the columns lying inside ``F`` (warm
started with the incumbent's, so a step never loses value).  Steps repeat until the incumbent
reaches ``target`` or time runs out.

This is only a primal heuristic: it never claims optimality.  The caller does, when the
incumbent equals the proven bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .columns import ColumnModel, IndexedGraph

#: A sub-MIP solver: (columns, objective target, warm start columns, seconds) -> (value, chosen
#: columns or None).  The solver module passes a HiGHS-backed one.
SubSolver = Callable[[np.ndarray, float, np.ndarray, float], tuple[float, np.ndarray | None]]


class ColumnNodes:
    """Which nodes each column touches (capacity rows and, for chain arcs, their flow rows)."""

    def __init__(self, model: ColumnModel) -> None:
        n = model.node_count
        rows = model.row_index.astype(np.int64)
        self.model = model
        self.entry_node = np.where(rows < n, rows, (rows - n) % max(1, n))
        self.starts = model.column_start[:-1]

    def inside(self, free: np.ndarray) -> np.ndarray:
        """Columns all of whose nodes are in the boolean mask ``free``."""
        outside = (~free[self.entry_node]).astype(np.int32)
        return np.nonzero(np.add.reduceat(outside, self.starts) == 0)[0]

    def nodes(self, column: int) -> np.ndarray:
        return self.entry_node[self.model.column_start[column] : self.model.column_start[column + 1]]


def exchanges(model: ColumnModel, chosen: np.ndarray, node_count: int, nodes: ColumnNodes) -> np.ndarray:
    """Exchange label per node (-1 when unused): one label per cycle, one per whole chain."""
    label = np.full(node_count, -1, dtype=np.int64)
    chain_parent: dict[int, int] = {}
    for column in chosen:
        column = int(column)
        if column < model.cycle_offset:
            label[nodes.nodes(column)] = column
        else:
            source, target, _ = model.chain_columns[column - model.cycle_offset]
            chain_parent[int(target)] = int(source)
    for target in chain_parent:
        root = target
        while root in chain_parent:
            root = chain_parent[root]
        label[target] = model.cycle_offset + root
        label[root] = model.cycle_offset + root
    return label


def search(
    graph: IndexedGraph,
    model: ColumnModel,
    objective: np.ndarray,
    incumbent: np.ndarray,
    target: float,
    solve_sub: SubSolver,
    deadline: float,
    *,
    neighbourhood: int = 250,
    step_seconds: float = 4.0,
    seed: int = 0,
    nodes: ColumnNodes | None = None,
    guide: np.ndarray | None = None,
) -> tuple[float, np.ndarray]:
    """Improve ``incumbent`` (column indices) until its value reaches ``target`` or ``deadline``.

    ``guide``: a successor per node (-1: none) of a relaxed solution that meets the bound (the
    arc bound's flow): its nodes are seeded first and its paths are followed when the
    neighbourhood grows, so each step works on a piece the relaxation could cover.
    Returns the best value and its columns; the value never decreases from the incumbent's.
    """
    rng = np.random.default_rng(seed)
    nodes = nodes or ColumnNodes(model)
    size = graph.size
    neighbours = graph.adjacency | graph.adjacency.T
    # Nodes some column could cover: a recipient with a cycle or a chain arc into it.
    coverable = np.zeros(size, dtype=bool)
    coverable[nodes.entry_node] = True
    if guide is None:
        guide = np.full(size, -1, dtype=np.int64)
    wanted = np.zeros(size, dtype=bool)
    wanted[guide[guide >= 0]] = True  # recipients the relaxed solution transplants
    previous = np.full(size, -1, dtype=np.int64)
    previous[guide[guide >= 0]] = np.nonzero(guide >= 0)[0]
    best = np.asarray(incumbent, dtype=np.int64)
    value = float(objective[best].sum())
    stalled = 0
    while value < target - 0.5 and time.perf_counter() < deadline - 0.5:
        label = exchanges(model, best, size, nodes)
        covered = np.zeros(size, dtype=bool)
        covered[label >= 0] = True
        open_nodes = np.nonzero(coverable & ~covered & ~graph.is_altruist & wanted)[0]
        if len(open_nodes) == 0:
            open_nodes = np.nonzero(coverable & ~covered & ~graph.is_altruist)[0]
        if len(open_nodes) == 0:
            break
        free = np.zeros(size, dtype=bool)
        grow = 1 + stalled // 4  # stalled steps: larger neighbourhoods, longer steps
        cap = min(size, neighbourhood * grow)
        seeds = rng.permutation(open_nodes)
        frontier: list[int] = []
        for start in seeds[: max(1, cap // 25)]:
            free[start] = True
            frontier.append(int(start))
        while frontier and free.sum() < cap:
            node = frontier.pop(int(rng.integers(len(frontier))))
            around = rng.permutation(np.nonzero(neighbours[node] & ~free)[0])[:6]
            along = [int(x) for x in (guide[node], previous[node]) if x >= 0 and not free[x]]
            for other in [*along, *around]:
                members = [int(other)] if label[other] < 0 else np.nonzero(label == label[other])[0].tolist()
                free[members] = True
                frontier.extend(members)
        columns = nodes.inside(free)
        keep = best[np.isin(best, columns, invert=True)]
        fixed_value = float(objective[keep].sum())
        start = best[np.isin(best, columns)]
        seconds = min(step_seconds * grow, deadline - time.perf_counter())
        if seconds < 0.5:
            break
        local, chosen = solve_sub(columns, target - fixed_value, start, seconds)
        if chosen is not None and fixed_value + local > value + 0.5:
            best = np.concatenate([keep, chosen])
            value = fixed_value + local
            stalled = 0
        elif free[coverable].all():
            break  # the whole pool was the neighbourhood: nothing left to search locally
        else:
            stalled += 1
    return value, best
