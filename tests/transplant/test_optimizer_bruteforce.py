"""The solver against exhaustive search on small random pools (same lexicographic optimum)."""

from __future__ import annotations

import random

import pytest

from medcorridor.transplant.optimizer import Arc, Node, NodeKind, Pool, solve


def random_pool(rng: random.Random, pairs: int, altruists: int, density: float) -> Pool:
    nodes = [Node(f"P{i}") for i in range(pairs)] + [Node(f"N{i}", NodeKind.ALTRUIST) for i in range(altruists)]
    arcs = [
        Arc(source.id, target.id, rng.choice([1.0, 1.5, 2.0, 2.5]))
        for source in nodes
        for target in nodes[:pairs]
        if source is not target and rng.random() < density
    ]
    return Pool.build(nodes, arcs)


def exchanges(pool: Pool, max_cycle: int, max_chain: int) -> list[tuple[frozenset[str], tuple[float, ...]]]:
    """Every feasible cycle and chain with its criterion vector (maximisation form)."""
    pair_ids = [node.id for node in pool.pairs]
    found = []

    def walk(path: list[str]) -> None:
        last = path[-1]
        if len(path) >= 2 and pool.has_arc(last, path[0]) and path[0] == min(path):
            found.append((frozenset(path), cycle_vector(pool, path)))
        if len(path) < max_cycle:
            for nxt in pair_ids:
                if nxt not in path and pool.has_arc(last, nxt):
                    walk(path + [nxt])

    def chain(path: list[str]) -> None:
        if len(path) >= 2:
            found.append((frozenset(path), chain_vector(pool, path)))
        if len(path) - 1 < max_chain:
            for nxt in pair_ids:
                if nxt not in path and pool.has_arc(path[-1], nxt):
                    chain(path + [nxt])

    for start in pair_ids:
        walk([start])
    for altruist in pool.altruists:
        chain([altruist.id])
    return found


def cycle_vector(pool: Pool, path: list[str]) -> tuple[float, ...]:
    arcs = list(zip(path, path[1:] + path[:1], strict=True))
    back = sum(pool.has_arc(b, a) for a, b in arcs) if len(path) == 3 else 0
    two_way = 1 if len(path) == 2 or back else 0
    return (len(path), two_way, -int(len(path) >= 3), back, sum(pool.weight(a, b) for a, b in arcs))


def chain_vector(pool: Pool, path: list[str]) -> tuple[float, ...]:
    recipients = len(path) - 1
    weight = sum(pool.weight(a, b) for a, b in zip(path, path[1:], strict=False))
    return (recipients, 1 if recipients <= 2 else 0, 0, 0, weight)


def brute_force(pool: Pool, max_cycle: int, max_chain: int) -> tuple[float, ...]:
    options = exchanges(pool, max_cycle, max_chain)
    best = (0, 0, 0, 0, 0.0)

    def search(index: int, used: frozenset[str], total: tuple[float, ...]) -> None:
        nonlocal best
        if index == len(options):
            best = max(best, total)
            return
        members, vector = options[index]
        if used.isdisjoint(members):
            search(index + 1, used | members, tuple(a + b for a, b in zip(total, vector, strict=True)))
        search(index + 1, used, total)

    search(0, frozenset(), best)
    return best


def as_vector(values: dict[str, float]) -> tuple[float, ...]:
    return (
        values["transplants"],
        values["effective_two_way"],
        -values["three_way"],
        values["back_arcs"],
        values["weight"],
    )


@pytest.mark.parametrize("seed", range(40))
def test_same_lexicographic_optimum_as_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    pool = random_pool(rng, pairs=rng.randint(3, 8), altruists=rng.randint(0, 2), density=rng.choice([0.2, 0.35, 0.5]))
    max_cycle, max_chain = rng.choice([(2, 1), (3, 2), (3, 3)])
    solution = solve(pool, max_cycle=max_cycle, max_chain=max_chain)
    expected = brute_force(pool, max_cycle, max_chain)
    got = as_vector(solution.objective_values)
    assert solution.optimal
    assert got[:4] == expected[:4]
    assert got[4] == pytest.approx(expected[4], abs=1e-6)
    assert solution.transplants == expected[0]
