"""CI formats: GitHub workflow commands, GitLab Code Quality JSON, JUnit XML."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from . import SEVERITY_LABEL, line_col, message, where

_GH = {"error": "error", "warning": "warning", "info": "notice"}
_GL = {"error": "major", "warning": "minor", "info": "info"}


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(reports, lang: str = "vi", **_) -> str:
    out = []
    for rep in reports:
        for r in rep.records:
            d = r.diagnostic
            line, col, end_line, end_col = line_col(d.span)
            props = [f"file={_gh_prop(rep.path)}", f"line={line}"]
            if d.span is not None and d.span.start_char is not None:
                props += [f"col={col}", f"endLine={end_line}", f"endColumn={end_col}"]
            elif d.span is not None and end_line != line:
                props.append(f"endLine={end_line}")
            props.append(f"title={_gh_prop(f'{d.code} {d.name}')}")
            human = where(d.span, rep.format, lang)
            text = (f"[{human}] " if human else "") + message(d, lang)
            out.append(f"::{_GH[d.severity]} {','.join(props)}::{_gh_data(text)}")
    return "".join(line + "\n" for line in out)


def render_gitlab(reports, lang: str = "vi", **_) -> str:
    items = []
    for rep in reports:
        for r in rep.records:
            d = r.diagnostic
            line, _, end_line, _ = line_col(d.span)
            items.append({
                "description": f"{d.code} {message(d, lang)}",
                "check_name": f"{d.code} {d.name}",
                "fingerprint": r.fingerprint,
                "severity": _GL[d.severity],
                "location": {"path": rep.path, "lines": {"begin": line, "end": end_line}},
            })
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render_junit(reports, lang: str = "vi", **_) -> str:
    labels = SEVERITY_LABEL[lang]
    total = sum(max(1, len(rep.records)) for rep in reports)
    failures = sum(len(rep.records) for rep in reports)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="ttdn" tests="{total}" failures="{failures}" errors="0">']
    for rep in reports:
        n = len(rep.records)
        out.append(f'  <testsuite name={quoteattr(rep.path)} tests="{max(1, n)}" failures="{n}" errors="0">')
        if not n:
            out.append(f'    <testcase name="ttdn" classname={quoteattr(rep.path)}/>')
        for r in rep.records:
            d = r.diagnostic
            line, col, _, _ = line_col(d.span)
            loc = where(d.span, rep.format, lang) or (f"{line}:{col}" if d.span else "")
            name = f"{d.code} {d.name}" + (f" [{d.node}]" if d.node else "") + (f" ({loc})" if loc else "")
            out.append(f'    <testcase name={quoteattr(name)} classname={quoteattr(rep.path)}>')
            out.append(f'      <failure message={quoteattr(message(d, lang))} type={quoteattr(d.code)}>'
                       f'{escape(f"{rep.path}:{loc}: {d.code} [{labels[d.severity]}] {message(d, lang)}")}'
                       '</failure>')
            out.append('    </testcase>')
        out.append('  </testsuite>')
    out.append('</testsuites>')
    return "\n".join(out) + "\n"
