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
    return median_ms(_loop, 5)


def _loop(_=None) -> int:
    s = 0
    for i in range(3_000_000):
        s += i * i
    return s


def parallel_ceiling(workers: int = 2, runs: int = 3) -> float:
    """Speed-up of `workers` copies of a pure-Python loop run in as many processes against one after the
    other: what the machine gives to perfectly parallel work (a VM's cores may share a physical one)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    ratios = []
    with ctx.Pool(workers) as pool:
        pool.map(_loop, range(workers))                  # start the workers outside the timing
        for _ in range(runs):
            t = time.perf_counter()
            for _ in range(workers):
                _loop()
            serial = time.perf_counter() - t
            t = time.perf_counter()
            pool.map(_loop, range(workers), chunksize=1)
            ratios.append(serial / (time.perf_counter() - t))
    return statistics.median(ratios)


def line_memos() -> list:
    """The lru caches that remember results per line or text, each once: warm, they make a plan parsed again
    cheaper than a plan seen for the first time. Not the one-off loads (data files, grammar tables), whose
    caches are unbounded (`functools.cache`): a plan seen for the first time still finds those loaded."""
    memos: dict[int, object] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("ttdn_parse"):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if info is not None and info().maxsize is not None and info().maxsize > 1:
                    memos[id(value)] = value
    return list(memos.values())
