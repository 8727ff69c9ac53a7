"""Human formats: `text` (location, code, severity, message, the source line with the span marked, summary by
code) and `concise` (one line per finding)."""

from __future__ import annotations

from collections import Counter

from . import SEVERITY_LABEL, message, where

_COLOR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _loc(rep, d, lang: str) -> str:
    s = d.span
    if s is None:
        return rep.path
    human = where(s, rep.format, lang)
    if human:
        return f"{rep.path} ({human})"
    col = f":{s.start_char + 1}" if s.start_char is not None else ""
    return f"{rep.path}:{s.start_line}{col}"


def _mark(source: str, span) -> list[str]:
    text = source.rstrip("\n").replace("\t", " ")
    if len(text) > 160:
        start = span.start_char or 0
        lo = max(0, min(start - 40, len(text) - 160))
        text, shift = ("…" + text[lo:lo + 158] + "…") if lo else (text[:159] + "…"), lo - (1 if lo else 0)
    else:
        shift = 0
    if span.start_char is not None:
        a = max(0, span.start_char - shift)
        b = (span.end_char - shift) if (span.end_char is not None and span.end_line == span.start_line) else len(text)
        b = max(a + 1, min(b, len(text)))
    else:
        a = len(text) - len(text.lstrip())
        b = max(a + 1, len(text.rstrip()))
    return [text, " " * a + "^" * (b - a)]


def render_text(reports, lang: str = "vi", color: bool = False, show_source: bool = True, **_) -> str:
    c = (lambda code, s: f"{code}{s}{_RESET}") if color else (lambda code, s: s)
    labels = SEVERITY_LABEL[lang]
    out: list[str] = []
    by_code: Counter = Counter()
    names: dict[str, str] = {}
    by_sev: Counter = Counter()
    files_with = 0
    for rep in reports:
        if rep.records:
            files_with += 1
        for r in rep.records:
            d = r.diagnostic
            by_code[d.code] += 1
            by_sev[d.severity] += 1
            names[d.code] = d.name
            node = f" [{d.node}]" if d.node and d.node not in ("header", "preamble") else ""
            out.append(f"{c(_BOLD, _loc(rep, d, lang))}: {c(_COLOR[d.severity], d.code)} "
                       f"{c(_COLOR[d.severity], labels[d.severity])}{node}: {message(d, lang)}")
            header_block = d.node == "header" and d.span is not None and d.span.start_char is None \
                and d.span.end_line > d.span.start_line   # the whole header: its first line would mislead
            if show_source and r.source and r.source.strip() and d.span is not None and not header_block:
                text, marks = _mark(r.source, d.span)
                gutter = str(d.span.start_line) if not where(d.span, rep.format, lang) else ""
                pad = " " * max(len(gutter), 1)
                out.append(f"  {c(_DIM, gutter.rjust(len(pad)))} | {text}")
                out.append(f"  {pad} | {c(_COLOR[d.severity], marks)}")
    total = sum(by_code.values())
    nfiles = len(reports)
    if total:
        out.append("")
        for code, n in sorted(by_code.items()):
            out.append(f"{n:>5}  {code}  {names[code]}")
        parts = ", ".join(f"{by_sev[s]} {labels[s]}" for s in ("error", "warning", "info") if by_sev[s])
        if lang == "en":
            out.append(f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in {files_with} of {nfiles} "
                       f"file{'s' if nfiles != 1 else ''}.")
        else:
            out.append(f"Tìm thấy {total} vấn đề ({parts}) trong {files_with}/{nfiles} tệp.")
    else:
        out.append(f"All checks passed ({nfiles} file{'s' if nfiles != 1 else ''})." if lang == "en"
                   else f"Không phát hiện vấn đề nào ({nfiles} tệp).")
    return "\n".join(out) + "\n"


def render_concise(reports, lang: str = "vi", **_) -> str:
    labels = SEVERITY_LABEL[lang]
    lines = [f"{_loc(rep, r.diagnostic, lang)}: {r.diagnostic.code} [{labels[r.diagnostic.severity]}] "
             f"{message(r.diagnostic, lang)}" for rep in reports for r in rep.records]
    return "".join(line + "\n" for line in lines)
