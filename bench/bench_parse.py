"""Parse benchmarks (issue: parse pipeline). Run: python bench/bench_parse.py [--runs N] — prints medians.

Targets: seed 004 (dak-nong-2025, 42 KB) in-process <= 10 ms (structure: reader, normaliser, lexer, grammar,
tree); a 20x concatenation <= 25x one copy; `ttdn parse` of one sample as a whole process <= 250 ms;
`ttdn --help` <= 120 ms. Whole processes run ttdn as installed in this Python (see common.ttdn_process).
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from common import ROOT, line_memos, median_ms, reference_loop_ms, run_ms, ttdn_process

SAMPLE = ROOT / "samples" / "dak-nong-2025.txt"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    opts = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from ttdn_parse import parse_bytes, pipeline

    print(f"machine: reference loop {reference_loop_ms():.0f} ms")
    data = SAMPLE.read_bytes()
    parse_bytes(data, "txt")                      # warm: grammar built, data files loaded
    one = median_ms(lambda: parse_bytes(data, "txt"), 50)
    extractors, pipeline.EXTRACTORS = pipeline.EXTRACTORS, ()
    bare = median_ms(lambda: parse_bytes(data, "txt"), 50)
    memos = line_memos()

    def cold():
        for memo in memos:
            memo.cache_clear()
        parse_bytes(data, "txt")
    bare_cold = median_ms(cold, 50)
    pipeline.EXTRACTORS = extractors
    big = data * 20
    twenty = median_ms(lambda: parse_bytes(big, "txt"), 7)
    print(f"parse {SAMPLE.name} ({len(data) // 1024} KB) in-process, structure only: median {bare:.1f} ms"
          "   (target <= 10 ms)")
    print(f"the same with the per-line memo caches cleared before each run (a plan seen for the first time): "
          f"median {bare_cold:.1f} ms")
    print(f"parse {SAMPLE.name} in-process with references and tasks: median {one:.1f} ms")
    print(f"parse 20x concatenation: median {twenty:.1f} ms = {twenty / one:.1f}x one copy   (target <= 25x)")

    cmd, env = ttdn_process()
    with tempfile.TemporaryDirectory() as tmp:
        whole = run_ms([*cmd, "parse", "--json", str(SAMPLE)], env, opts.runs, cwd=tmp)
        helpt = run_ms([*cmd, "--help"], env, opts.runs, cwd=tmp)
    print(f"`ttdn parse --json {SAMPLE.name}` whole process: median {whole:.0f} ms   (target <= 250 ms)")
    print(f"`ttdn --help` whole process: median {helpt:.0f} ms   (target <= 120 ms)")
    print(f"machine: reference loop {reference_loop_ms():.0f} ms")
    return 0 if bare <= 10 and twenty / one <= 25 and whole <= 250 and helpt <= 120 else 1


if __name__ == "__main__":
    raise SystemExit(main())
