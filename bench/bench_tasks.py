"""Median time of parse + task extraction of one plan, in process (target: <= 15 ms for dak-nong-2025.txt).

    PYTHONPATH=src python bench/bench_tasks.py [FILE] [--runs N]

Reads the file once (reading is not what is measured), warms up once (grammar and data files load lazily,
once per process), then times parse_document - which runs the extractors, tasks.attach among them - and,
separately, tasks.attach alone on the parsed plan.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ttdn_parse import pipeline  # noqa: E402
from ttdn_parse.pipeline import parse_document  # noqa: E402
from ttdn_parse.readers import read_path  # noqa: E402
from ttdn_parse import tasks  # noqa: E402

TARGET_MS = 15.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "samples" / "dak-nong-2025.txt"))
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    doc = read_path(args.file)
    parse_document(doc)                      # warm-up: grammar, data files
    total, attach = [], []
    for _ in range(args.runs):
        d = read_path(args.file)
        t0 = time.perf_counter()
        plan = parse_document(d)
        t1 = time.perf_counter()
        tasks.attach(plan)
        t2 = time.perf_counter()
        total.append((t1 - t0) * 1000)
        attach.append((t2 - t1) * 1000)
    # baseline: the same parse without any extractor, to show what the tasks step itself costs
    saved = pipeline.EXTRACTORS
    pipeline.EXTRACTORS = ()
    try:
        bare = []
        for _ in range(args.runs):
            d = read_path(args.file)
            t0 = time.perf_counter()
            parse_document(d)
            bare.append((time.perf_counter() - t0) * 1000)
    finally:
        pipeline.EXTRACTORS = saved
    med, med_a, med_b = statistics.median(total), statistics.median(attach), statistics.median(bare)
    print(f"{Path(args.file).name}: parse+extractors median {med:.2f} ms; parse without extractors {med_b:.2f} ms; "
          f"tasks.attach alone {med_a:.2f} ms; {len(plan.tasks)} tasks, {args.runs} runs; "
          f"target <= {TARGET_MS} ms: {'ok' if med <= TARGET_MS else 'SLOW'}")
    return 0 if med <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
