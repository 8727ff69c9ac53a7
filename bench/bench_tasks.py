"""Median time of parse + task extraction of one plan, in process (target: <= 15 ms for dak-nong-2025.txt).

    PYTHONPATH=src python bench/bench_tasks.py [FILE] [--runs N]

Reads the file once per run outside the timer (reading is not what is measured), warms up once (grammar and
data files load lazily, once per process), then times the parse with the tasks extractor only
(pipeline.EXTRACTORS = ("tasks",)), and reports the bare parse and tasks.attach alone beside it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ttdn_parse import pipeline, tasks  # noqa: E402
from ttdn_parse.readers import read_path  # noqa: E402

TARGET_MS = 15.0


def _median_parse(path: str, runs: int, extractors: tuple[str, ...]) -> float:
    saved = pipeline.EXTRACTORS
    pipeline.EXTRACTORS = extractors
    try:
        times = []
        for _ in range(runs):
            doc = read_path(path)
            t0 = time.perf_counter()
            pipeline.parse_document(doc)
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times)
    finally:
        pipeline.EXTRACTORS = saved


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "samples" / "dak-nong-2025.txt"))
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    plan = pipeline.parse_document(read_path(args.file))         # warm-up
    with_tasks = _median_parse(args.file, args.runs, ("tasks",))
    bare = _median_parse(args.file, args.runs, ())
    attach = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        tasks.attach(plan)
        attach.append((time.perf_counter() - t0) * 1000)
    med_a = statistics.median(attach)
    ok = with_tasks <= TARGET_MS
    print(f"{Path(args.file).name}: parse + tasks median {with_tasks:.2f} ms (parse alone {bare:.2f} ms, "
          f"tasks.attach {med_a:.2f} ms); {len(plan.tasks)} tasks, {args.runs} runs; target <= {TARGET_MS} ms: "
          f"{'ok' if ok else 'SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
