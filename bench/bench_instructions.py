"""Instructions executed (valgrind's count), a measure that does not move with the machine's load.

    python bench/bench_instructions.py          (needs valgrind; about a minute)

Wall-clock targets are measured by the other scripts; on a shared VM their medians move by half from one
hour to the next, which hides the effect of a change. The instruction count of the same work is the same
on every run, so before/after figures of a change compare exactly. Printed, in millions:
  parse (structure)   one in-process parse of dak-nong-2025.txt, structure only, caches warm (as bench_parse)
  parse (full)        the same with references and tasks
  lint                lint() of one freshly parsed plan, caches warm
  ttdn parse --json / ttdn lint / ttdn --help: whole processes, ttdn as installed in this Python
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from common import ROOT, ttdn_process

SAMPLE = ROOT / "samples" / "dak-nong-2025.txt"

_IN_PROCESS = """
import sys
sys.path.insert(0, {src!r})
from ttdn_parse import lint, parse_bytes, parse_file, pipeline
data = open({sample!r}, "rb").read()
mode, n = sys.argv[1], int(sys.argv[2])
if mode == "structure":
    pipeline.EXTRACTORS = ()
if mode == "lint":
    lint.lint(parse_file({sample!r}))
    plans = [parse_file({sample!r}) for _ in range(3)]
    for p in plans[:n]:
        lint.lint(p)
else:
    parse_bytes(data, "txt")
    for _ in range(n):
        parse_bytes(data, "txt")
"""


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          *cmd], env={**env, "PYTHONHASHSEED": "0"}, capture_output=True, text=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if not m:
        raise SystemExit(f"valgrind gave no count for {' '.join(cmd)}: {out.stderr[-300:]}")
    return int(m.group(1).replace(",", ""))


def main() -> int:
    if not shutil.which("valgrind"):
        print("valgrind is not installed: nothing to count", file=sys.stderr)
        return 2
    env = dict(os.environ)
    code = _IN_PROCESS.format(src=str(ROOT / "src"), sample=str(SAMPLE))
    for mode in ("structure", "full", "lint"):
        runs = [instructions([sys.executable, "-c", code, mode, str(n)], env) for n in (0, 3)]
        print(f"{('parse (' + mode + ')') if mode != 'lint' else 'lint':20} {(runs[1] - runs[0]) / 3e6:8.1f} M")
    cmd, env = ttdn_process()
    for args in (["parse", "--json", str(SAMPLE)], ["lint", str(SAMPLE)], ["--help"]):
        subprocess.run([*cmd, *args], env=env, capture_output=True)       # warm ttdn's caches
        print(f"{'ttdn ' + ' '.join(a if a != str(SAMPLE) else SAMPLE.name for a in args):36}"
              f" {instructions([*cmd, *args], env) / 1e6:8.0f} M")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
