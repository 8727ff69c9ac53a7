"""`ttdn tasks` and the CSV/XLSX writers: formats, many files, atomic output, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from ttdn_parse import parse_file
from ttdn_parse.cli import app
from ttdn_parse.export import Column, read_xlsx, to_csv, to_xlsx
from ttdn_parse.tasks import task_rows

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
runner = CliRunner()


def test_xlsx_round_trip(tmp_path):
    plan = parse_file(SAMPLES / "dak-nong-2025.txt")
    rows = task_rows(plan, "dak-nong-2025.txt")
    out = tmp_path / "t.xlsx"
    r = runner.invoke(app, ["tasks", str(SAMPLES / "dak-nong-2025.txt"), "--format", "xlsx", "-o", str(out)])
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    wb = load_workbook(out)
    ws = wb.active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert all(c.font.bold for c in ws[1])
    assert ws.cell(row=2, column=3).alignment.wrap_text
    assert ws.column_dimensions["C"].width >= 40
    data = read_xlsx(out.read_bytes())
    keys = ["file", "id", "title", "lead", "support", "deadline", "deadline_end", "source", "where"]
    got = [dict(zip(keys, row)) for row in data[1:]]
    want = [{k: ("" if v is None else v) for k, v in row.items()} for row in rows]
    for g, w in zip(got, want):
        g["file"] = Path(str(g["file"])).name
        w["file"] = Path(w["file"]).name
    assert got == want and len(got) == len(plan.tasks)


def test_csv_has_bom_and_many_files_one_table(tmp_path):
    out = tmp_path / "t.csv"
    r = runner.invoke(app, ["tasks", str(SAMPLES), "-f", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    files = {row[0] for row in rows[1:]}
    plans = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".md", ".docx", ".pdf", ".doc")]
    assert len(files) == len(plans) >= 5
    n = sum(len(parse_file(p).tasks) for p in plans)
    assert len(rows) - 1 == n


def test_json_and_table():
    r = runner.invoke(app, ["tasks", str(SAMPLES / "binh-thuan-2025.txt"), "-f", "json"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["tasks"][0]["lead"][0]["text"] and data["reporting"][0]["to"] == "Sở Thông tin và Truyền thông"
    r = runner.invoke(app, ["tasks", str(SAMPLES / "binh-thuan-2025.txt")])
    assert r.exit_code == 0
    assert max(len(line.rstrip()) for line in r.output.splitlines()) <= 100
    assert "III.1.b1" in r.output


def test_json_lines_for_many_files():
    r = runner.invoke(app, ["tasks", str(SAMPLES / "binh-thuan-2025.txt"), str(SAMPLES / "tra-vinh-2023.txt"), "-f", "json"])
    assert r.exit_code == 0
    objs = [json.loads(line) for line in r.output.splitlines() if line.strip()]
    assert [Path(o["file"]).name for o in objs] == ["binh-thuan-2025.txt", "tra-vinh-2023.txt"]


def test_usage_and_missing_file(tmp_path):
    r = runner.invoke(app, ["tasks", str(SAMPLES / "binh-thuan-2025.txt"), "-f", "pdf"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["tasks", str(SAMPLES / "binh-thuan-2025.txt"), "-f", "xlsx"])
    assert r.exit_code == 2
    out = tmp_path / "x.csv"
    r = runner.invoke(app, ["tasks", str(tmp_path / "nope.txt"), "-f", "csv", "-o", str(out)])
    assert r.exit_code == 1


def test_writers_plain():
    cols = [Column("a", "A"), Column("b", "B")]
    rows = [{"a": "Sở Văn hóa, Thể thao và Du lịch", "b": ["x", "y"]}, {"a": "=1+1", "b": None}]
    text = to_csv(cols, rows).decode("utf-8-sig")
    assert '"Sở Văn hóa, Thể thao và Du lịch",x; y' in text and "'=1+1" in text
    back = read_xlsx(to_xlsx(cols, rows))
    assert back[0] == ["A", "B"] and back[1] == ["Sở Văn hóa, Thể thao và Du lịch", "x; y"]


def test_rows_say_where_each_task_is_as_lint_does():
    """The CSV/XLSX column `where`: a Word file's paragraph or table row, a text file's line; the same
    place as the task's span (which the JSON gives in full)."""
    docx = parse_file(SAMPLES / "dak-nong-2025.c-tables.docx")
    rows = task_rows(docx, "x.docx")
    assert all(r["where"].startswith(("đoạn ", "bảng ")) for r in rows)
    assert rows[0]["where"] == f"đoạn {docx.tasks[0].span.para}"
    txt = parse_file(SAMPLES / "dak-nong-2025.txt")
    assert [r["where"] for r in task_rows(txt)] == [f"dòng {t.span.start_line}" for t in txt.tasks]
    r = runner.invoke(app, ["tasks", str(SAMPLES / "dak-nong-2025.c-tables.docx"), "-f", "csv"])
    header, first = list(csv.reader(io.StringIO(r.output.lstrip("\ufeff"))))[:2]
    assert header[-1] == "Vị trí (where)" and first[-1] == rows[0]["where"]
