#!/usr/bin/env python3
"""Speed and memory of the .docx reader, against python-docx, on the same files in the same run.

    PYTHONPATH=src python bench/bench_docx.py [--repeat 15]

For each Word sample (samples/*.docx):
  python-docx   docx.Document(...) and the text of every paragraph and every table cell paragraph
  read_docx     ttdn's reader: blocks with numbering, notes, comments, locations (through read_bytes, which
                pauses the cyclic garbage collector as parse_bytes does)
  parse         the whole ttdn parse (reader + normaliser + lexer + grammar + extractors), repeated: its
                per-line memo caches are warm, as for the same plan parsed again
  first         the same with those caches cleared before each run: a plan seen for the first time
Medians of --repeat runs, interleaved; the summary also gives the ratios of the fastest runs, which move
less with the machine's load than medians (python-docx's own garbage collections stay in both). Then a 20x document (the largest sample's body repeated 20 times):
time against 20x the single time (linear scaling), and tracemalloc peak memory of reading and parsing it.
Last, the largest sample with a styles.xml the size Word writes (only the styles the document uses, with
the latent-style list), instead of python-docx's template (350 KB, every built-in style), which python-docx
parses whole at every open: the ratios move with that fixed cost, not with the plan.
Targets (issue 6): read/parse time <= python-docx time (ratio <= 1.0); 20x document linear; peak <= 80 MB.
"""

from __future__ import annotations

import argparse
import gc
import io
import re
import statistics
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import docx
from lxml import etree

from common import line_memos, reference_loop_ms
from ttdn_parse import parse_bytes
from ttdn_parse.readers import read_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def python_docx_text(data: bytes) -> int:
    d = docx.Document(io.BytesIO(data))
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                n += sum(len(p.text) for p in cell.paragraphs)
    return n


def ttdn_read(data: bytes) -> int:
    return len(read_bytes(data, "docx").blocks)


def ttdn_parse(data: bytes) -> int:
    return len(parse_bytes(data, "docx").sections)


def ttdn_first_parse(data: bytes) -> int:
    for memo in _MEMOS:
        memo.cache_clear()
    return ttdn_parse(data)


_MEMOS: list = []


def timed(fn, data: bytes) -> float:
    t = time.perf_counter()
    fn(data)
    return time.perf_counter() - t


def repeated(data: bytes, times: int) -> bytes:
    """The same package with its body content repeated `times` times."""
    src = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(src.read("word/document.xml"))
    body = root.find(W + "body")
    sect = body.find(W + "sectPr")
    content = [c for c in body if c is not sect]
    for _ in range(times - 1):
        for c in content:
            el = etree.fromstring(etree.tostring(c))
            if sect is not None:
                sect.addprevious(el)
            else:
                body.append(el)
    return _replaced(src, "word/document.xml", root)


def word_sized_styles(data: bytes) -> bytes:
    """The same package with styles.xml cut to the styles the body and lists use and their basedOn/link/next
    chains (docDefaults and latentStyles kept), as in a file Word saves from its Normal template."""
    src = zipfile.ZipFile(io.BytesIO(data))
    used_xml = src.read("word/document.xml") + (src.read("word/numbering.xml") if "word/numbering.xml"
                                                 in src.namelist() else b"")
    root = etree.fromstring(src.read("word/styles.xml"))
    styles = {s.get(W + "styleId"): s for s in root.iter(W + "style")}
    todo = [m.decode() for m in re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', used_xml)]
    todo += [sid for sid, s in styles.items() if s.get(W + "default") in ("1", "true")]
    keep: set[str] = set()
    while todo:
        sid = todo.pop()
        if sid in keep or sid not in styles:
            continue
        keep.add(sid)
        for tag in ("basedOn", "link", "next"):
            ref = styles[sid].find(W + tag)
            if ref is not None:
                todo.append(ref.get(W + "val"))
    for sid, style in styles.items():
        if sid not in keep:
            style.getparent().remove(style)
    return _replaced(src, "word/styles.xml", root)


def _replaced(src: zipfile.ZipFile, name: str, root) -> bytes:
    """The package `src` with its part `name` replaced by the XML tree `root`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == name else src.read(info.filename)
            z.writestr(info, raw)
    return out.getvalue()


def peak_mb(fn, data: bytes) -> float:
    gc.collect()
    tracemalloc.start()
    fn(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--glob", default="*.docx", help="which samples/ files (only .docx ones are read)")
    args = ap.parse_args()
    files = sorted(p for p in (ROOT / "samples").glob(args.glob) if p.suffix == ".docx")
    if not files:
        print("no samples/*.docx: run scripts/make_docx_samples.py", file=sys.stderr)
        return 2
    fns = {"python-docx": python_docx_text, "read_docx": ttdn_read, "parse": ttdn_parse, "first": ttdn_first_parse}
    print(f"machine: reference loop {reference_loop_ms():.0f} ms")
    print(f"{'file':44} {'KB':>5} {'python-docx':>12} {'read_docx':>10} {'parse':>8} {'first':>8} {'read/pd':>8}"
          f" {'parse/pd':>9} {'first/pd':>9}")
    worst = {"read_docx": 0.0, "parse": 0.0, "first": 0.0}
    worst_min = dict(worst)
    over_min: list[str] = []
    for f in files:
        data = f.read_bytes()
        for fn in fns.values():  # warm up (imports, grammar, data files)
            fn(data)
        _MEMOS[:] = line_memos()
        times: dict[str, list[float]] = {k: [] for k in fns}
        for _ in range(args.repeat):
            for name, fn in fns.items():
                times[name].append(timed(fn, data))
        med = {k: statistics.median(v) for k, v in times.items()}
        ratio = {k: med[k] / med["python-docx"] for k in worst}
        fastest = {k: min(v) for k, v in times.items()}
        for k in worst:
            worst[k] = max(worst[k], ratio[k])
            worst_min[k] = max(worst_min[k], fastest[k] / fastest["python-docx"])
        if fastest["first"] > fastest["python-docx"]:
            over_min.append(f.stem)
        print(f"{f.name:44} {len(data) // 1024:>5} {med['python-docx'] * 1000:>10.1f}ms {med['read_docx'] * 1000:>8.1f}ms"
              f" {med['parse'] * 1000:>6.1f}ms {med['first'] * 1000:>6.1f}ms {ratio['read_docx']:>8.2f}"
              f" {ratio['parse']:>9.2f} {ratio['first']:>9.2f}")
    print(f"worst ratio to python-docx: read_docx {worst['read_docx']:.2f}, full parse {worst['parse']:.2f}, "
          f"first-time parse {worst['first']:.2f} (target <= 1.0)")
    print(f"worst ratio of the fastest runs: read_docx {worst_min['read_docx']:.2f}, full parse {worst_min['parse']:.2f}, "
          f"first-time parse {worst_min['first']:.2f}; first-time over 1.0 by fastest runs: "
          f"{', '.join(over_min) or 'none'}")

    biggest = max(files, key=lambda p: p.stat().st_size)
    one = biggest.read_bytes()
    big = repeated(one, 20)
    reps = max(3, args.repeat // 3)
    print(f"\n20x document: {biggest.name} body x20 ({len(big) // 1024} KB zipped)")
    for name in ("python-docx", "read_docx", "parse"):
        fn = fns[name]
        t1 = statistics.median(timed(fn, one) for _ in range(reps))
        t20 = statistics.median(timed(fn, big) for _ in range(reps))
        print(f"  {name:12} 1x {t1 * 1000:8.1f}ms  20x {t20 * 1000:8.1f}ms  20x/(20*1x) = {t20 / (20 * t1):.2f}")
    for name in ("read_docx", "parse", "python-docx"):
        print(f"  peak memory (tracemalloc) {name:12} 20x: {peak_mb(fns[name], big):6.1f} MB (target <= 80 MB)")

    slim = word_sized_styles(one)
    styles_kb = len(zipfile.ZipFile(io.BytesIO(slim)).read("word/styles.xml")) // 1024
    print(f"\n{biggest.name} with a Word-sized styles.xml ({styles_kb} KB instead of "
          f"{len(zipfile.ZipFile(io.BytesIO(one)).read('word/styles.xml')) // 1024} KB):")
    for label, data in (("python-docx template", one), ("Word-sized styles", slim)):
        runs = {k: [] for k in ("python-docx", "parse", "first")}
        for _ in range(args.repeat):
            for k in runs:
                runs[k].append(timed(fns[k], data))
        med = {k: statistics.median(v) for k, v in runs.items()}
        print(f"  {label:21} python-docx {med['python-docx'] * 1000:6.1f}ms  parse {med['parse'] * 1000:6.1f}ms "
              f"({med['parse'] / med['python-docx']:.2f})  first {med['first'] * 1000:6.1f}ms "
              f"({med['first'] / med['python-docx']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
