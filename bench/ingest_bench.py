"""Extractor throughput on one core: start-up time, articles per second, peak memory.

    python bench/ingest_bench.py [DIR ...] [--repeat N] [--out bench/results/ingest.json]

Defaults to the seed articles plus tests/ingest/corpus, repeated so the run lasts a few seconds.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn  # noqa: E402

DEFAULT_DIRS = [Path("/work/shared/seeds"), ROOT / "tests" / "ingest" / "corpus"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    args = parser.parse_args()
    files = [p for d in args.dirs if d.exists() for p in sorted(d.glob("*.txt"))]
    raws = [(p.name, p.read_bytes()) for p in files]

    started = time.perf_counter()
    from medcorridor.ingest.extract import load_pipeline

    pipeline = load_pipeline()
    startup = time.perf_counter() - started
    pipeline.extract(raws[0][1], raws[0][0])  # warm caches once, like a long-running worker

    total = len(raws) * args.repeat
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    ) as progress:
        task = progress.add_task("extracting", total=total)
        began = time.perf_counter()
        for _ in range(args.repeat):
            for name, raw in raws:
                pipeline.extract(raw, name)
                progress.advance(task)
        elapsed = time.perf_counter() - began

    result = {
        "articles": total,
        "distinct_articles": len(raws),
        "mean_chars": round(sum(len(r.decode("utf-8", "replace")) for _, r in raws) / max(len(raws), 1)),
        "startup_seconds": round(startup, 2),
        "seconds": round(elapsed, 2),
        "articles_per_second": round(total / elapsed, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "python": platform.python_version(),
        "machine": platform.processor() or platform.machine(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
