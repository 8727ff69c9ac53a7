"""Speed of `ttdn lint` as whole processes (what a user and CI feel).

    python bench/bench_lint.py [--runs N]     (ttdn as installed in this Python: see common.ttdn_process)

Targets: one sample <= 250 ms median; 100 files with --jobs 2 >= 1.7x faster than --jobs 1;
`ttdn --help` <= 120 ms. Prints the medians and PASS/FAIL; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, parallel_ceiling, reference_loop_ms, ttdn_process

SAMPLES = sorted((ROOT / "samples").glob("*.*"))
CMD, ENV = ttdn_process()


CPU: dict[str, list[float]] = {}


def run(args: list[str]) -> float:
    """Wall time of one whole process; its CPU time (user+sys, children included) is kept in CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([*CMD, *args], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(" ".join(args), []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def median(args: list[str], runs: int) -> float:
    run(args)  # warm the OS file cache and .pyc files
    return statistics.median(run(args) for _ in range(runs))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--files", type=int, default=100)
    opts = ap.parse_args()
    sample = ROOT / "samples" / "dak-nong-2025.txt"
    ok = True
    print(f"machine: reference loop {reference_loop_ms():.0f} ms")

    one = median(["lint", str(sample), "--no-progress"], opts.runs)
    print(f"lint one sample ({sample.name}): median {one * 1000:.0f} ms (target <= 250 ms) "
          f"{'PASS' if one <= 0.250 else 'FAIL'}")
    ok &= one <= 0.250

    helpt = median(["--help"], opts.runs)
    print(f"ttdn --help: median {helpt * 1000:.0f} ms (target <= 120 ms) {'PASS' if helpt <= 0.120 else 'FAIL'}")
    ok &= helpt <= 0.120

    tmp = Path(tempfile.mkdtemp(prefix="ttdn-bench-"))
    try:
        for i in range(opts.files):
            src = SAMPLES[i % len(SAMPLES)]
            shutil.copy(src, tmp / f"{i:03d}-{src.name}")
        # interleaved, so that a change of the machine's speed touches both alike
        runs = max(3, opts.runs // 3)
        args = ["lint", str(tmp), "--no-progress", "--format", "concise", "--jobs"]
        run([*args, "1"])
        pairs = [(run([*args, "1"]), run([*args, "2"])) for _ in range(runs)]
        j1 = statistics.median(a for a, _ in pairs)
        j2 = statistics.median(b for _, b in pairs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    speedup = j1 / j2 if j2 else float("inf")
    print(f"lint {opts.files} files: --jobs 1 median {j1 * 1000:.0f} ms, --jobs 2 median {j2 * 1000:.0f} ms, "
          f"speed-up {speedup:.2f}x (target >= 1.7x on {os.cpu_count()} cores) {'PASS' if speedup >= 1.7 else 'FAIL'}")
    ok &= speedup >= 1.7
    print(f"machine: two copies of a pure-Python loop in 2 processes run {parallel_ceiling():.2f}x faster than "
          "one after the other (the most any parallel run can gain here)")
    load = os.getloadavg()[0]
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    print("CPU time (user+sys) medians: " + "; ".join(f"{k.split()[0] if k != '--help' else '--help'}"
          f"{' --jobs ' + k.split('--jobs ')[1].split()[0] if '--jobs' in k else ''}: {v * 1000:.0f} ms"
          for k, v in cpu.items()))
    if load > (os.cpu_count() or 1) * 0.5:
        print(f"note: load average {load:.2f} on {os.cpu_count()} cores while measuring — wall times are inflated "
              "and a parallel speed-up cannot show on a busy machine")
    print(f"machine: reference loop {reference_loop_ms():.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
