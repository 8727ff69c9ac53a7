"""Tabular export shared by commands: CSV (UTF-8 with BOM, so Excel shows Vietnamese) and XLSX (openpyxl).

A table is a list of column specs and a list of row dicts:

    cols = [Column("id", "Mã"), Column("title", "Nội dung", width=60)]
    data = to_csv(cols, rows)            # bytes
    data = to_xlsx(cols, rows, "Tasks")  # bytes
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable, Mapping, Sequence


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float = 20          # XLSX column width (characters)
    wrap: bool = True


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    return v


def to_csv(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.header for c in columns])
    for r in rows:
        w.writerow([_csv_text(_cell(r.get(c.key))) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def _csv_text(v: Any) -> Any:
    # guard against formula injection when the CSV is opened in a spreadsheet
    if isinstance(v, str) and (v[:1] in ("=", "@") or (v[:1] == "+" and not v[1:2].isdigit())):
        return "'" + v
    return v


def to_xlsx(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], sheet: str = "Sheet1") -> bytes:
    """One sheet: bold frozen header row, wrapped text, readable widths, autofilter over the data."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31] or "Sheet1"
    ws.append([c.header for c in columns])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, c in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = c.width
    n = 1
    for r in rows:
        ws.append([_xlsx_value(_cell(r.get(c.key))) for c in columns])
        n += 1
    top = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2, max_row=n):
        for cell, col in zip(row, columns):
            cell.alignment = top if col.wrap else Alignment(vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(n, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, str):
        # strip characters that XML 1.0 (and so XLSX) cannot hold
        return "".join(ch for ch in v if ch in "\t\n\r" or ord(ch) >= 0x20)
    return v


def read_xlsx(data: bytes) -> list[list[Any]]:
    """All rows of the first sheet (header included) - for tests and round trips."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    ws = wb.worksheets[0]
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
