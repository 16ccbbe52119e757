"""Turn a pool into the columns of an integer programme (cycle formulation + PICEF chains).

* one column per cycle of at most ``max_cycle`` pairs (enumerated, canonical rotation starting
  at the smallest index, so each cycle appears once);
* one column per chain arc ``(i, j, k)``: "the donor of i gives to the recipient of j as the
  k-th pool transplant of a chain" (position-indexed chain edges, PICEF: Dickerson, Manlove,
  Plaut, Sandholm, Trimble, "Position-indexed formulations for kidney exchange", EC 2016).
  Arcs are kept at position ``k`` only if ``i`` can be reached at position ``k - 1`` from an
  altruist (reachability pruning).

Rows: one capacity row per node (a recipient receives at most once, an altruist starts at
most one chain) and one flow row per (pair, position >= 2): a pair's donor gives at position
``k`` only if its recipient received at position ``k - 1``.

Everything is numpy: the solver prices millions of columns per iteration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .pool import Pool

CRITERIA = ("transplants", "effective_two_way", "three_way", "back_arcs", "weight")


@dataclass
class IndexedGraph:
    ids: list[str]
    is_altruist: np.ndarray  # bool, per node
    adjacency: np.ndarray  # bool [source, target]
    weight: np.ndarray  # float, same shape

    @classmethod
    def from_pool(cls, pool: Pool) -> IndexedGraph:
        ids = [node.id for node in pool.nodes]
        position = {node_id: index for index, node_id in enumerate(ids)}
        size = len(ids)
        adjacency = np.zeros((size, size), dtype=bool)
        weight = np.zeros((size, size), dtype=np.float64)
        if pool.arcs:
            sources = np.fromiter((position[s] for s, _ in pool.arcs), dtype=np.int64, count=len(pool.arcs))
            targets = np.fromiter((position[t] for _, t in pool.arcs), dtype=np.int64, count=len(pool.arcs))
            weights = np.fromiter((arc.weight for arc in pool.arcs.values()), dtype=np.float64, count=len(pool.arcs))
            adjacency[sources, targets] = True
            weight[sources, targets] = weights
        is_altruist = np.array([node.is_altruist for node in pool.nodes], dtype=bool)
        return cls(ids, is_altruist, adjacency, weight)

    @property
    def size(self) -> int:
        return len(self.ids)

    def pair_adjacency(self) -> np.ndarray:
        """Arcs between pairs only (altruists cannot sit on a cycle)."""
        pairs = ~self.is_altruist
        return self.adjacency & pairs[:, None] & pairs[None, :]


def enumerate_cycles(graph: IndexedGraph, max_cycle: int) -> list[np.ndarray]:
    """All cycles of length 2..max_cycle; entry ``k - 2`` is an int array of shape (m, k)."""
    adjacency = graph.pair_adjacency()
    found = []
    if max_cycle >= 2:
        first, second = np.nonzero(np.triu(adjacency & adjacency.T, 1))
        found.append(np.stack([first, second], axis=1))
    if max_cycle >= 3:
        found.append(_three_cycles(adjacency))
    for length in range(4, max_cycle + 1):
        found.append(_longer_cycles(adjacency, length))
    return found


def _three_cycles(adjacency: np.ndarray) -> np.ndarray:
    """a -> b -> c -> a with a the smallest index; vectorised per start vertex."""
    parts = []
    for start in range(adjacency.shape[0]):
        seconds = np.nonzero(adjacency[start, start + 1 :])[0] + start + 1
        thirds = np.nonzero(adjacency[start + 1 :, start])[0] + start + 1
        if len(seconds) == 0 or len(thirds) == 0:
            continue
        b_pos, c_pos = np.nonzero(adjacency[np.ix_(seconds, thirds)])
        if len(b_pos):
            b, c = seconds[b_pos], thirds[c_pos]
            parts.append(np.stack([np.full(len(b), start), b, c], axis=1))
    return np.concatenate(parts) if parts else np.zeros((0, 3), dtype=np.int64)


def _longer_cycles(adjacency: np.ndarray, length: int) -> np.ndarray:
    """Plain depth-first enumeration for cycle caps above 3 (rarely used; slower)."""
    successors = [np.nonzero(row)[0].tolist() for row in adjacency]
    cycles: list[list[int]] = []

    def extend(path: list[int]) -> None:
        start, last = path[0], path[-1]
        if len(path) == length:
            if adjacency[last, start]:
                cycles.append(list(path))
            return
        for nxt in successors[last]:
            if nxt > start and nxt not in path:
                path.append(nxt)
                extend(path)
                path.pop()

    for start in range(adjacency.shape[0]):
        extend([start])
    return np.array(cycles, dtype=np.int64).reshape(-1, length)


def chain_arcs(graph: IndexedGraph, max_chain: int) -> list[np.ndarray]:
    """Entry ``k - 1`` holds the (source, target) arcs usable at chain position k."""
    pairs = ~graph.is_altruist
    reached = graph.is_altruist.copy()  # who can donate at position 1
    per_position = []
    for _ in range(max_chain):
        usable = graph.adjacency & reached[:, None] & pairs[None, :]
        sources, targets = np.nonzero(usable)
        per_position.append(np.stack([sources, targets], axis=1))
        reached = np.zeros_like(reached)
        reached[targets] = True
    return per_position


@dataclass
class ColumnModel:
    """A sparse column-wise integer programme plus per-criterion objective vectors."""

    node_count: int
    row_count: int
    column_start: np.ndarray  # int64, len = columns + 1
    row_index: np.ndarray  # int32
    value: np.ndarray  # float64
    criteria: dict[str, np.ndarray]
    cycles: list[np.ndarray]  # node indices, per cycle (ragged, kept per length)
    cycle_offset: int  # first chain column
    chain_columns: np.ndarray  # (m, 3): source, target, position

    @property
    def column_count(self) -> int:
        return len(self.column_start) - 1

    def reduced_costs(self, objective: np.ndarray, duals: np.ndarray) -> np.ndarray:
        """c - A^T y for every column (every column has at least one nonzero)."""
        contributions = self.value * duals[self.row_index]
        return objective - np.add.reduceat(contributions, self.column_start[:-1])

    def columns_within(self, arcs: np.ndarray) -> np.ndarray:
        """Columns all of whose arcs are set in the boolean matrix ``arcs`` [source, target]."""
        kept = [arcs[members, np.roll(members, -1, axis=1)].all(axis=1) for members in self.cycles]
        kept.append(arcs[self.chain_columns[:, 0], self.chain_columns[:, 1]])
        return np.nonzero(np.concatenate(kept))[0]

    def submatrix(self, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSC arrays of the chosen columns, in the given order."""
        lengths = self.column_start[columns + 1] - self.column_start[columns]
        starts = np.zeros(len(columns) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        gather = np.repeat(self.column_start[columns] - starts[:-1], lengths) + np.arange(starts[-1])
        return starts, self.row_index[gather], self.value[gather]


def build_column_model(graph: IndexedGraph, max_cycle: int, max_chain: int) -> ColumnModel:
    cycles = [c for c in enumerate_cycles(graph, max_cycle) if len(c)]
    arcs = chain_arcs(graph, max_chain) if graph.is_altruist.any() and max_chain > 0 else []
    node_count = graph.size
    flow_row = _flow_row_numbering(node_count, max_chain)
    row_count = node_count + node_count * max(0, max_chain - 1)

    blocks = [_cycle_block(graph, members) for members in cycles]
    chain_columns = (
        np.concatenate([np.column_stack([a, np.full(len(a), k + 1)]) for k, a in enumerate(arcs)])
        if arcs
        else np.zeros((0, 3), dtype=np.int64)
    )
    blocks.append(_chain_block(graph, chain_columns, max_chain, flow_row))

    lengths = np.concatenate([b["lengths"] for b in blocks])
    column_start = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=column_start[1:])
    return ColumnModel(
        node_count=node_count,
        row_count=row_count,
        column_start=column_start,
        row_index=np.concatenate([b["rows"] for b in blocks]).astype(np.int32),
        value=np.concatenate([b["values"] for b in blocks]).astype(np.float64),
        criteria={name: np.concatenate([b[name] for b in blocks]).astype(np.float64) for name in CRITERIA},
        cycles=cycles,
        cycle_offset=sum(len(c) for c in cycles),
        chain_columns=chain_columns.astype(np.int64),
    )


def _flow_row_numbering(node_count: int, max_chain: int):
    def flow_row(nodes: np.ndarray, position: np.ndarray) -> np.ndarray:
        # rows for positions 2..max_chain follow the node capacity rows
        return node_count + (position - 2) * node_count + nodes

    return flow_row


def _cycle_block(graph: IndexedGraph, members: np.ndarray) -> dict[str, np.ndarray]:
    count, length = members.shape
    following = np.roll(members, -1, axis=1)
    weight = graph.weight[members, following].sum(axis=1)
    back_arcs = graph.adjacency[following, members].sum(axis=1) if length == 3 else np.zeros(count)
    return {
        "lengths": np.full(count, length),
        "rows": members.reshape(-1),
        "values": np.ones(count * length),
        "transplants": np.full(count, length),
        "effective_two_way": (np.full(count, length == 2) | (back_arcs > 0)).astype(float),
        "three_way": np.full(count, float(length >= 3)),
        "back_arcs": back_arcs.astype(float),
        "weight": weight,
    }


def _chain_block(graph: IndexedGraph, columns: np.ndarray, max_chain: int, flow_row) -> dict[str, np.ndarray]:
    """Each chain arc uses: the target's capacity row (+1), the source's flow row at its
    position (+1, pairs only) and the target's flow row at the next position (-1)."""
    sources, targets, positions = columns[:, 0], columns[:, 1], columns[:, 2]
    count = len(columns)
    per_column: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    # capacity row of the target, and of the altruist when it starts the chain
    per_column.append((np.ones(count, dtype=bool), targets, np.ones(count)))
    first = positions == 1
    per_column.append((first, sources, np.ones(count)))
    later = positions >= 2
    per_column.append((later, flow_row(sources, np.maximum(positions, 2)), np.ones(count)))
    not_last = positions < max_chain
    per_column.append((not_last, flow_row(targets, np.minimum(positions + 1, max_chain)), -np.ones(count)))
    # interleave the four optional entries column by column (CSC order)
    mask = np.stack([m for m, _, _ in per_column], axis=1)
    row_matrix = np.stack([r for _, r, _ in per_column], axis=1)
    value_matrix = np.stack([v for _, _, v in per_column], axis=1)
    lengths = mask.sum(axis=1)
    rows = row_matrix[mask]
    values = value_matrix[mask]
    two_way = np.where(first, 1.0, 0.0) - np.where(positions == 3, 1.0, 0.0)
    return {
        "lengths": lengths,
        "rows": rows,
        "values": values,
        "transplants": np.ones(count),
        # chains reaching at most two pool recipients count as effective two-way exchanges
        "effective_two_way": two_way,
        "three_way": np.zeros(count),
        "back_arcs": np.zeros(count),
        "weight": graph.weight[sources, targets] if count else np.zeros(0),
    }
