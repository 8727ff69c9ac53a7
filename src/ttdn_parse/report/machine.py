"""`json` (one array) and `jsonl` (one object per line): every field a program needs, both languages."""

from __future__ import annotations

import json

from . import line_col, message


def record_dict(rep, r, lang: str) -> dict:
    d = r.diagnostic
    s = d.span
    line, col, end_line, end_col = line_col(s)
    return {
        "path": rep.path,
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": message(d, lang),
        "message_vi": d.message,
        "message_en": d.message_en,
        "node": d.node,
        "line": line if s else None,
        "column": col if s and s.start_char is not None else None,
        "end_line": end_line if s else None,
        "end_column": end_col if s and s.end_char is not None else None,
        "para": s.para if s else None,
        "table": s.table if s else None,
        "row": s.row if s else None,
        "page": s.page if s else None,
        "data": d.data,
        "fingerprint": r.fingerprint,
    }


def render_json(reports, lang: str = "vi", **_) -> str:
    items = [record_dict(rep, r, lang) for rep in reports for r in rep.records]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports, lang: str = "vi", **_) -> str:
    return "".join(json.dumps(record_dict(rep, r, lang), ensure_ascii=False) + "\n"
                   for rep in reports for r in rep.records)
