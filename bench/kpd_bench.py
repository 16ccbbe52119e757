"""Kidney paired exchange benchmark: our solver vs kep_solver on the same seeded pools.

Usage::

    .venv/bin/python bench/kpd_bench.py [--quick] [--profile uk|saidman] [--kep-python PATH] [--hierarchy]
    .venv/bin/python bench/kpd_bench.py --preflib DIR [--preflib-max-pairs 256] [--chains 3 4]

``--preflib DIR`` runs public PrefLib kidney instances (data set 00036, ``.wmd`` files) read from
``DIR`` - never copied into the repository - one per (pairs, altruists) group by default.

kep_solver (AGPL) is never imported: it runs in its own venv through a subprocess, on the
kep_solver JSON file we write for each pool (``python3 -m venv /tmp/kepbench &&
/tmp/kepbench/bin/pip install kep_solver``).  Equal objective is checked with kep_solver's
convention: its transplant count = ours + one waiting-list donation per altruist.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress as Bar
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medcorridor.transplant.optimizer import TRANSPLANTS, solve, to_kep_solver_chain_length  # noqa: E402
from medcorridor.transplant.optimizer.formats import read_pool, write_kep_json  # noqa: E402
from medcorridor.transplant.optimizer.generator import generate_pool  # noqa: E402

KEP_RUNNER = """
import json, sys, time
from kep_solver.fileio import read_json
from kep_solver.programme import Programme
from kep_solver.model import TransplantCount, PICEF
path, cycle, chain = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
started = time.perf_counter()
instance = read_json(path)
programme = Programme([TransplantCount()], maxCycleLength=cycle, maxChainLength=chain,
                      description="bench", full_details=False, model=PICEF)
solution, _ = programme.solve_single(instance)
print(json.dumps({"transplants": solution.values[0], "seconds": time.perf_counter() - started}))
"""

FULL_CASES = [(100, 3), (100, 4), (300, 3), (300, 4), (700, 3), (700, 4), (2000, 3)]
QUICK_CASES = [(100, 3), (300, 3)]
HIERARCHY_MAX_PAIRS = 300  # the full 5-level hierarchy is timed on small pools only (see kpd.md)


def run_kep(kep_python: Path, pool, max_chain: int, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pool.json"
        write_kep_json(pool, path)
        command = [
            str(kep_python),
            "-c",
            KEP_RUNNER,
            str(path),
            "3",
            str(to_kep_solver_chain_length(max_chain)),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
        except subprocess.TimeoutExpired:
            return {"status": "did not finish", "seconds": timeout}
        except subprocess.CalledProcessError as error:
            return {"status": "error", "stderr": error.stderr[-500:]}
    return {"status": "ok", **json.loads(done.stdout.strip().splitlines()[-1])}


def run_case(pairs: int, max_chain: int, args: argparse.Namespace, kep_python: Path | None) -> dict:
    altruists = pairs // 20
    pool = generate_pool(pairs, altruists, seed=args.seed, profile=args.profile)
    case = {"pairs": pairs, "altruists": altruists, "profile": args.profile, "seed": args.seed}
    return compare(pool, case, max_chain, args, kep_python)


def preflib_cases(folder: Path, max_pairs: int, per_group: int) -> list[tuple[Path, dict]]:
    """The first ``per_group`` PrefLib kidney files (by name) of every (pairs, altruists) group
    with at most ``max_pairs`` pairs, smallest groups first."""
    groups: dict[tuple[int, int], list[Path]] = {}
    for path in sorted(folder.glob("*.wmd")):
        pool = read_pool(path)
        key = (len(pool.pairs), len(pool.altruists))
        if key[0] <= max_pairs and len(groups.setdefault(key, [])) < per_group:
            groups[key].append(path)
    return [
        (path, {"pairs": key[0], "altruists": key[1], "profile": "preflib", "instance": path.name})
        for key in sorted(groups)
        for path in groups[key]
    ]


def compare(pool, case: dict, max_chain: int, args: argparse.Namespace, kep_python: Path | None) -> dict:
    """Our solver and (if installed) kep_solver on one pool, at one chain cap."""
    ours = solve(pool, max_chain=max_chain, hierarchy=(TRANSPLANTS,), time_limit=args.time_limit)
    result = {
        **case,
        "max_chain": max_chain,
        "arcs": len(pool.arcs),
        "ours": {
            "transplants": ours.transplants,
            "kep_equivalent": ours.kep_solver_transplants,
            "optimal": ours.optimal,
            "seconds": round(ours.seconds, 3),
            "gap": ours.gap,
            "upper_bound": ours.bounds.get("transplants"),
        },
    }
    if args.hierarchy and case["pairs"] <= HIERARCHY_MAX_PAIRS:
        full = solve(pool, max_chain=max_chain, time_limit=args.time_limit)
        result["ours_full_hierarchy"] = {
            "objective_values": full.objective_values,
            "optimal": full.optimal,
            "seconds": round(full.seconds, 3),
        }
    if kep_python is not None:
        timeout = args.kep_timeout if case["pairs"] <= 700 else args.kep_timeout_large
        kep = run_kep(kep_python, pool, max_chain, timeout)
        result["kep_solver"] = kep
        if kep.get("status") == "ok":
            result["equal_objective"] = kep["transplants"] == ours.kep_solver_transplants
            result["speedup"] = round(kep["seconds"] / max(ours.seconds, 1e-9), 2)
        else:
            result["speedup_at_least"] = round(kep["seconds"] / max(ours.seconds, 1e-9), 2)
    return result


def warm_up() -> None:
    """Solve a tiny pool once, so that no timed solve pays for loading the solvers' libraries: kep_solver's
    timer, too, starts after its imports (``KEP_RUNNER``)."""
    solve(generate_pool(20, 1, seed=0), max_chain=3, hierarchy=(TRANSPLANTS,), time_limit=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small pools only (~1 min)")
    parser.add_argument("--pairs", type=int, nargs="*", help="only these pool sizes")
    parser.add_argument("--profile", default="uk", choices=["uk", "saidman"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kep-python", default="/tmp/kepbench/bin/python")
    parser.add_argument("--kep-timeout", type=float, default=900, help="kep_solver limit, pools <= 700 pairs")
    parser.add_argument("--kep-timeout-large", type=float, default=300, help="kep_solver limit, 2000 pairs")
    parser.add_argument("--time-limit", type=float, default=60, help="our solver's limit per solve")
    parser.add_argument("--hierarchy", action="store_true", help="also time the full tie-break hierarchy")
    parser.add_argument("--out", help="result file name in bench/results (default kpd / kpd_quick / kpd_<profile>)")
    parser.add_argument("--preflib", type=Path, help="folder of PrefLib kidney .wmd files: run those instead")
    parser.add_argument("--preflib-max-pairs", type=int, default=256, help="skip larger PrefLib instances")
    parser.add_argument("--preflib-per-group", type=int, default=1, help="instances per (pairs, altruists)")
    parser.add_argument("--chains", type=int, nargs="*", help="only these chain caps (--preflib: default 3)")
    args = parser.parse_args()
    kep_python = Path(args.kep_python) if Path(args.kep_python).exists() else None
    warm_up()
    console = Console()
    results = []
    if args.preflib:
        jobs = [
            (
                f"{path.name} chains<={chain}",
                lambda path=path, case=case, chain=chain: compare(read_pool(path), case, chain, args, kep_python),
            )
            for path, case in preflib_cases(args.preflib, args.preflib_max_pairs, args.preflib_per_group)
            for chain in args.chains or [3]
        ]
    else:
        cases = QUICK_CASES if args.quick else FULL_CASES
        if args.pairs:
            cases = [case for case in cases if case[0] in args.pairs]
        if args.chains:
            cases = [case for case in cases if case[1] in args.chains]
        jobs = [
            (
                f"{pairs}+{pairs // 20} chains<={chain}",
                lambda pairs=pairs, chain=chain: run_case(pairs, chain, args, kep_python),
            )
            for pairs, chain in cases
        ]
    with Bar(console=console) as bar:
        task = bar.add_task("pools", total=len(jobs))
        for label, job in jobs:
            bar.update(task, description=label)
            results.append(job())
            bar.advance(task)
    show(console, results)
    name = "kpd_quick" if args.quick else "kpd"
    if args.preflib:
        name = "kpd_preflib"
    elif args.profile != "uk":
        name += f"_{args.profile}"
    if args.out:
        name = args.out.removesuffix(".json")
    out = ROOT / "bench" / "results" / f"{name}.json"
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "results": results}, indent=1))
    console.print(f"written {out}")


def show(console: Console, results: list[dict]) -> None:
    table = Table("pool", "chain", "arcs", "ours tx", "optimal", "ours s", "kep tx", "kep s", "speed-up")
    for r in results:
        kep = r.get("kep_solver", {})
        table.add_row(
            f"{r.get('instance', '')} {r['pairs']}+{r['altruists']}".strip(),
            str(r["max_chain"]),
            str(r["arcs"]),
            str(r["ours"]["transplants"]),
            str(r["ours"]["optimal"]),
            str(r["ours"]["seconds"]),
            str(kep.get("transplants", "-")),
            f"{kep.get('status', '-')} {kep.get('seconds', '-')}",
            str(r.get("speedup", f">= {r['speedup_at_least']}" if "speedup_at_least" in r else "-")),
        )
    console.print(table)


if __name__ == "__main__":
    main()
