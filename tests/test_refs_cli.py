"""`ttdn refs`: formats, many files, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from ttdn_parse.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
runner = CliRunner()


def test_json_lists_distinct_documents():
    res = runner.invoke(app, ["refs", str(SAMPLES / "dak-nong-2025.txt"), "--format", "json"])
    assert res.exit_code == 1                      # the plan has reference problems
    data = json.loads(res.stdout)
    docs = data[0]["documents"]
    symbols = [d["symbol"] for d in docs if d["symbol"]]
    assert len(symbols) == len(set(symbols))
    kl57 = next(d for d in docs if d["symbol"] == "57-KL/TW")
    assert kl57["mentions"] >= 2 and kl57["basis"] and kl57["date"] == "2023-06-15"
    assert len(kl57["places"]) == kl57["mentions"] and kl57["places"][0]["node"] == "preamble"
    assert {p["code"] for p in data[0]["problems"]} >= {"TTDN206", "TTDN207", "TTDN208"}


def test_csv_many_files_one_table_with_file_column():
    files = [str(SAMPLES / "binh-dinh-2019-2020.txt"), str(SAMPLES / "quang-binh-2023.md")]
    res = runner.invoke(app, ["refs", *files, "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["file"] for r in rows} == set(files)
    assert any(r["symbol"] == "1031/QĐ-UBND" and r["first"].startswith("header") for r in rows)


def test_plain_table_and_problems():
    res = runner.invoke(app, ["refs", str(SAMPLES / "quang-binh-2023.md")])
    out = res.stdout
    assert out.splitlines()[0].split()[:3] == ["symbol", "type", "kind"]
    assert "TTDN205" in out and "127-KH/TU" in out
    res_en = runner.invoke(app, ["refs", str(SAMPLES / "quang-binh-2023.md"), "--lang", "en"])
    assert "contradicts" in res_en.stdout


def test_clean_plan_exits_zero(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("KẾ HOẠCH\nThực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
                 "thông tin đối ngoại.\nI. MỤC ĐÍCH\n1. Mục đích\n- Tăng cường.\n", encoding="utf-8")
    res = runner.invoke(app, ["refs", str(p), "-f", "json"])
    assert res.exit_code == 0, res.stdout
    assert json.loads(res.stdout)[0]["documents"][0]["symbol"] == "72/2015/NĐ-CP"


def test_bad_format_and_missing_file():
    assert runner.invoke(app, ["refs", str(SAMPLES / "tra-vinh-2023.txt"), "-f", "xml"]).exit_code == 2
    res = runner.invoke(app, ["refs", "no-such-file.txt"])
    assert res.exit_code == 1
    assert res.stdout == ""                       # the reason is on stderr; no table header for nothing


def test_word_file_places_are_paragraphs_as_in_lint():
    """In a Word file a problem and a first mention are found by paragraph ("đoạn 13"), as lint reports them;
    the JSON carries lint's location keys (para, table, row, page) beside the line."""
    docx, txt = str(SAMPLES / "quang-binh-2023.c-tables.docx"), str(SAMPLES / "quang-binh-2023.md")
    data = json.loads(runner.invoke(app, ["refs", docx, "-f", "json"]).stdout)[0]
    problem = next(p for p in data["problems"] if p["code"] == "TTDN205")
    assert problem["para"] is not None and {"table", "row", "page"} <= problem.keys()
    first = data["documents"][0]["first"]
    assert first["para"] is not None and all("para" in p for p in data["documents"][0]["places"])
    out = runner.invoke(app, ["refs", docx]).stdout
    assert f"đoạn {problem['para']}: TTDN205" in out and f"({'đoạn'} {first['para']})" in out
    assert f"paragraph {problem['para']}: TTDN205" in runner.invoke(app, ["refs", docx, "--lang", "en"]).stdout
    both = runner.invoke(app, ["refs", txt, docx]).stdout
    assert f"{docx} (đoạn {problem['para']}): TTDN205" in both
    assert f"{txt}:{json.loads(runner.invoke(app, ['refs', txt, '-f', 'json']).stdout)[0]['problems'][0]['line']}:" \
        in both
    assert "line " in runner.invoke(app, ["refs", txt]).stdout     # a text file keeps its line numbers
