"""Output formats for lint results. Each formatter: render(reports, lang="vi", color=False) -> str."""

from __future__ import annotations

import importlib
from collections.abc import Callable

# format name -> (module, function)
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "render_text"),
    "concise": ("text", "render_concise"),
    "json": ("machine", "render_json"),
    "jsonl": ("machine", "render_jsonl"),
    "sarif": ("sarif", "render_sarif"),
    "github": ("ci", "render_github"),
    "gitlab": ("ci", "render_gitlab"),
    "junit": ("ci", "render_junit"),
}


def formatter(name: str) -> Callable[..., str]:
    module, func = FORMATS[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


SEVERITY_LABEL = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def message(d, lang: str) -> str:
    return d.message_en if lang == "en" else d.message


def where(span, fmt: str | None, lang: str = "vi") -> str:
    """Human location: '' for text files (their line numbers are shown), 'đoạn N' / 'bảng T, dòng R' for Word
    files, 'trang P' for PDF."""
    if span is None or fmt in ("txt", "md"):
        return ""                       # a text file's own line numbers say it best, in a table too
    if span.table is not None:
        row = f", {'dòng' if lang == 'vi' else 'row'} {span.row}" if span.row is not None else ""
        page = f"{'trang' if lang == 'vi' else 'page'} {span.page}, " if fmt == "pdf" and span.page else ""
        return f"{page}{'bảng' if lang == 'vi' else 'table'} {span.table}{row}"
    if fmt in ("docx", "doc") or (span.para is not None and fmt not in ("txt", "md")):
        n = span.para if span.para is not None else span.start_line
        return f"{'đoạn' if lang == 'vi' else 'paragraph'} {n}"
    if span.page is not None and fmt == "pdf":
        # not the line: lines are counted through the whole extracted text, which no PDF viewer shows
        return f"{'trang' if lang == 'vi' else 'page'} {span.page}"
    return ""


def line_col(span) -> tuple[int, int, int, int]:
    """1-based (line, column, end line, end column) for machine formats."""
    if span is None:
        return 1, 1, 1, 1
    col = (span.start_char or 0) + 1
    end_line = max(span.end_line, span.start_line)
    end_col = (span.end_char + 1) if span.end_char is not None else col
    if end_line == span.start_line and end_col < col:
        end_col = col
    return span.start_line, col, end_line, end_col
