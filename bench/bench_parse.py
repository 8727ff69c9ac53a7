"""Parse benchmarks (issue: parse pipeline). Run: python bench/bench_parse.py  — prints medians.

Targets: seed 004 (dak-nong-2025, 42 KB) in-process <= 10 ms; a 20x concatenation <= 25x one copy;
`ttdn parse` of one sample as a whole process <= 250 ms; `ttdn --help` <= 120 ms.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dak-nong-2025.txt"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def command() -> list[str]:
    exe = shutil.which("ttdn")
    return [exe] if exe else [sys.executable, "-m", "ttdn_parse"]


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from ttdn_parse import parse_bytes

    data = SAMPLE.read_bytes()
    from ttdn_parse import pipeline

    parse_bytes(data, "txt")                      # warm: grammar built, data files loaded
    one = median_ms(lambda: parse_bytes(data, "txt"), 50)
    extractors, pipeline.EXTRACTORS = pipeline.EXTRACTORS, ()
    bare = median_ms(lambda: parse_bytes(data, "txt"), 50)
    pipeline.EXTRACTORS = extractors
    big = data * 20
    twenty = median_ms(lambda: parse_bytes(big, "txt"), 7)
    print(f"parse {SAMPLE.name} ({len(data) // 1024} KB) in-process, structure only: median {bare:.1f} ms"
          "   (target <= 10 ms)")
    print(f"parse {SAMPLE.name} in-process with references and tasks: median {one:.1f} ms")
    print(f"parse 20x concatenation: median {twenty:.1f} ms = {twenty / one:.1f}x one copy   (target <= 25x)")

    env = dict(os.environ)
    if not shutil.which("ttdn"):
        env["PYTHONPATH"] = str(ROOT / "src")
    cmd = command()
    with tempfile.TemporaryDirectory() as tmp:
        def run(*args):
            subprocess.run([*cmd, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp,
                           check=True)
        run("--help")
        whole = median_ms(lambda: run("parse", "--json", str(SAMPLE)), 11)
        helpt = median_ms(lambda: run("--help"), 11)
    print(f"`ttdn parse --json {SAMPLE.name}` whole process: median {whole:.0f} ms   (target <= 250 ms)")
    print(f"`ttdn --help` whole process: median {helpt:.0f} ms   (target <= 120 ms)")


if __name__ == "__main__":
    main()
