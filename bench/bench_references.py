"""Bench: time to find all references of a plan (default samples/dak-nong-2025.txt, 42 KB).

    PYTHONPATH=src python bench/bench_references.py [FILE] [--runs N]

Prints the median of N runs of `references.attach(plan)` on the parsed plan (every node scanned, parsed,
grouped, checked and located), the same with the memo caches cleared before each run (a cold start, as
for the first file a process parses), and `find_references` on the raw text. Budget: ≤ 5 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str]) -> int:
    runs = 50
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i:i + 2]
    path = Path(argv[0]) if argv else ROOT / "samples" / "dak-nong-2025.txt"

    from ttdn_parse import parse_file
    from ttdn_parse import references as R

    plan = parse_file(path)
    text = path.read_text(encoding="utf-8")
    base_diags = [d for d in plan.diagnostics if not d.code.startswith("TTDN2")]

    def once(cold: bool) -> float:
        if cold:
            R._shape.cache_clear()
            R._parse_symbol_cached.cache_clear()
        plan.references, plan.legal_bases, plan.diagnostics = [], [], list(base_diags)
        t = time.perf_counter()
        R.attach(plan)
        return time.perf_counter() - t

    def raw() -> float:
        t = time.perf_counter()
        R.find_references(text)
        return time.perf_counter() - t

    once(False)
    warm_runs = [once(False) for _ in range(runs)]
    cold_runs = [once(True) for _ in range(runs)]
    raw_runs = [raw() for _ in range(runs)]
    warm, cold, rawt = (statistics.median(x) for x in (warm_runs, cold_runs, raw_runs))
    print(f"{path.name}: {len(plan.references)} references, {len(plan.legal_bases)} legal bases, "
          f"{len(R.group_references(plan.references))} documents")
    print(f"attach(plan)            median {warm * 1000:.2f} ms  min {min(warm_runs) * 1000:.2f} ms  ({runs} runs)")
    print(f"attach(plan), cold memo median {cold * 1000:.2f} ms  min {min(cold_runs) * 1000:.2f} ms")
    print(f"find_references(text)   median {rawt * 1000:.2f} ms  min {min(raw_runs) * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
