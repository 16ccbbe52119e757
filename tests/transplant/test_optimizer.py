"""Hand-checked pools, re-optimisation, conventions and format round-trips."""

from pathlib import Path

from medcorridor.transplant.optimizer import (
    Node,
    NodeKind,
    Pool,
    Progress,
    from_kep_solver_chain_length,
    solve,
    to_kep_solver_chain_length,
)
from medcorridor.transplant.optimizer.formats import (
    dump_kep_json,
    dump_preflib,
    parse_kep_json,
    parse_preflib,
    read_preflib,
)
from medcorridor.transplant.optimizer.generator import generate_pool

DATA = Path(__file__).parent / "data"


def pairs(*ids: str) -> list[Node]:
    return [Node(i) for i in ids]


def test_two_cycle() -> None:
    solution = solve(Pool.build(pairs("a", "b"), [("a", "b"), ("b", "a")]))
    assert solution.transplants == 2 and solution.optimal
    assert [set(c.nodes) for c in solution.cycles] == [{"a", "b"}]


def test_three_cycle_and_cap() -> None:
    pool = Pool.build(pairs("a", "b", "c"), [("a", "b"), ("b", "c"), ("c", "a")])
    assert solve(pool).transplants == 3
    assert solve(pool, max_cycle=2).transplants == 0


def test_chain_from_altruist_and_waiting_list() -> None:
    nodes = [Node("n", NodeKind.ALTRUIST), *pairs("a", "b", "c", "d")]
    pool = Pool.build(nodes, [("n", "a"), ("a", "b"), ("b", "c"), ("c", "d")])
    solution = solve(pool)  # chains reach at most 3 pool recipients by default
    assert solution.transplants == 3
    assert solution.chains[0].recipients == ("a", "b", "c")
    assert solution.waiting_list_donations == 0
    to_list = solve(pool, chain_to_waiting_list=True)
    assert to_list.transplants == 3 and to_list.waiting_list_donations == 1
    assert to_list.chains[0].ends_on_waiting_list
    assert to_list.kep_solver_transplants == 4


def test_tie_break_prefers_two_two_cycles_over_a_three_cycle_plus_leftover() -> None:
    # a<->b, c<->d and also a->c->b->a... both options of 4 transplants? Here: 2+2 vs 3-cycle.
    arcs = [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("b", "c"), ("c", "a")]
    solution = solve(Pool.build(pairs("a", "b", "c", "d"), arcs))
    assert solution.transplants == 4
    assert sorted(c.size for c in solution.cycles) == [2, 2]
    assert solution.objective_values["three_way"] == 0


def test_tie_break_prefers_three_cycle_with_back_arc() -> None:
    arcs = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("e", "d")]
    nodes = pairs("a", "b", "c", "d", "e", "f", "x")
    # x can join only one of the two triangles? no: keep them disjoint, one 3-cycle only
    pool = Pool.build(nodes, arcs).without("a")
    solution = solve(pool)
    assert solution.transplants == 3
    assert solution.cycles[0].back_arcs == 1
    assert solution.objective_values["effective_two_way"] == 1


def test_reoptimise_after_failed_crossmatch_and_withdrawal() -> None:
    pool = Pool.build(pairs("a", "b", "c"), [("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")])
    first = solve(pool)
    assert first.transplants == 2
    used = set(first.cycles[0].nodes)
    other = {"a", "c"} - used
    reduced = pool.forbid_arcs(tuple(sorted(used)), tuple(sorted(used, reverse=True)))
    second = solve(reduced)
    assert second.transplants == 2 and set(second.cycles[0].nodes) == {"b", *other}
    assert solve(pool.without("b")).transplants == 0


def test_progress_callback_is_called() -> None:
    events: list[Progress] = []
    solve(generate_pool(20, 2, seed=3), progress=events.append)
    assert events[0].stage == "build" and events[-1].stage == "done"


def test_chain_length_conversion() -> None:
    assert to_kep_solver_chain_length(3) == 4
    assert from_kep_solver_chain_length(4) == 3


def test_kep_json_round_trip() -> None:
    pool = generate_pool(15, 2, seed=5)
    again = parse_kep_json(dump_kep_json(pool))
    assert again.summary() == pool.summary()
    assert solve(again).transplants == solve(pool).transplants


def test_kep_json_sample_file() -> None:
    pool = parse_kep_json((DATA / "kep_small.json").read_text())
    assert pool.summary() == {"pairs": 3, "altruists": 1, "arcs": 5}
    solution = solve(pool, max_chain=3)
    assert solution.transplants == 3


def test_preflib_round_trip_and_sample() -> None:
    pool = generate_pool(12, 2, seed=7, profile="uk")
    wmd, dat = dump_preflib(pool)
    again = parse_preflib(wmd, dat)
    assert again.summary() == pool.summary()
    assert solve(again).transplants == solve(pool).transplants
    no_dat = parse_preflib(wmd)
    assert len(no_dat.altruists) == 2
    sample = read_preflib(DATA / "preflib_small.wmd")
    assert sample.summary() == {"pairs": 4, "altruists": 1, "arcs": 6}
    assert solve(sample).transplants == 4
