"""Helpers shared by the benchmark scripts: how to start ttdn as a whole process, medians, and a reference
loop that shows how fast the machine is while measuring (a VM's speed varies with its host)."""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ttdn_process() -> tuple[list[str], dict[str, str]]:
    """Command and environment for `ttdn` as a user runs it: the package installed in this Python (as the
    README installs it), else the source tree. Run from source with PYTHONDONTWRITEBYTECODE set, every
    start compiles ttdn's modules again, which is not what users see."""
    env = dict(os.environ)
    if importlib.util.find_spec("ttdn_parse") is None:
        env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
        if env.get("PYTHONDONTWRITEBYTECODE"):
            print("note: ttdn is not installed in this Python and PYTHONDONTWRITEBYTECODE is set: whole-process "
                  "times include compiling ttdn's modules (pip install . first)", file=sys.stderr)
    return [sys.executable, "-m", "ttdn_parse"], env


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def run_ms(cmd: list[str], env: dict[str, str], runs: int, cwd: str | None = None) -> float:
    """Median wall time of a whole process, after one warm-up run (OS file cache, .pyc, ttdn's caches)."""
    def once():
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    once()
    return median_ms(once, runs)


def reference_loop_ms() -> float:
    """A fixed pure-Python loop (median of 5), printed beside the figures: the same code takes longer when
    the VM's host is busy, and this shows by how much."""
    def loop():
        s = 0
        for i in range(3_000_000):
            s += i * i
        return s
    return median_ms(loop, 5)
