"""Golden output of every lint format for one fixed set of findings; SARIF validated against its schema."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _lintkit import LINES, make_document, make_plan, sp

from ttdn_parse.lint import FileReport, Record, fingerprint, report_for
from ttdn_parse.lint_config import LintConfig
from ttdn_parse.report import FORMATS, formatter
from ttdn_parse.rules import diagnostic

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "lint_golden"
SCHEMA = DATA / "sarif-schema-2.1.0.json"


def fixed_reports() -> list[FileReport]:
    plan = make_plan()
    plan.tasks[1].lead = []
    plan.header.date_text = "Đắk Nông, ngày 5 tháng 3 năm 2024"
    plan.diagnostics.append(diagnostic("TTDN304", span=sp(12, 12, start_char=0, end_char=2), node="II.1.b",
                                       label="b)", prev="c)", expected="a)"))
    a = report_for(plan, LintConfig(), "plans/a.txt", document=make_document())
    d1 = diagnostic("TTDN101", span=sp(14, 14, para=14), node="II.2", task="Xuất bản ấn phẩm", id="II.2")
    d2 = diagnostic("TTDN102", span=sp(40, 40, para=40, table=2, row=3), node="PL.2.3", task="Hội chợ", id="PL.2.3")
    b = FileReport("plans/b.docx", "docx", [Record(d1, fingerprint(d1, "plans/b.docx"), LINES[13]),
                                            Record(d2, fingerprint(d2, "plans/b.docx"), "3 | Hội chợ | | Quý II")])
    clean = FileReport("plans/c.md", "md", [])
    d0 = diagnostic("TTDN000", reason="không phải UTF-8 (byte lạ tại vị trí 3)")
    bad = FileReport("plans/d.txt", "txt", [Record(d0, fingerprint(d0, "plans/d.txt"))])
    return [a, b, clean, bad]


CASES = [(name, lang) for name in FORMATS for lang in ("vi",)] + [("text", "en"), ("sarif", "en")]


@pytest.mark.parametrize("name,lang", CASES, ids=[f"{n}-{lang}" for n, lang in CASES])
def test_golden_output(name, lang):
    out = formatter(name)(fixed_reports(), lang=lang)
    from ttdn_parse import __version__
    out = out.replace(__version__, "VERSION")
    path = GOLDEN / f"{name}.{lang}.out"
    if os.environ.get("TTDN_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with TTDN_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8")


def test_text_marks_the_span_and_summarises():
    out = formatter("text")(fixed_reports(), lang="vi")
    assert "plans/a.txt:12:1: TTDN304" in out
    assert "plans/b.docx (đoạn 14): TTDN101" in out
    assert "plans/b.docx (bảng 2, dòng 3): TTDN102" in out
    assert re.search(r"\n\s+\| \^\^\n", out)             # 'b)' marked with two carets
    assert "Tìm thấy 6 vấn đề" in out and "TTDN101  missing-lead-agency" in out


def test_sarif_valid_against_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(formatter("sarif")(fixed_reports(), lang="vi"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[:3]
    run = log["runs"][0]
    assert len(run["results"]) == 6
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_schema_rejects_a_broken_log():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(formatter("sarif")(fixed_reports(), lang="vi"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log))


def test_github_commands():
    out = formatter("github")(fixed_reports(), lang="vi").splitlines()
    assert len(out) == 6
    assert all(re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+(,[a-zA-Z]+=[^,]*)*::\S", s) for s in out)
    assert any(s.startswith("::warning file=plans/a.txt,line=12,col=1,endLine=12,endColumn=3,") for s in out)


def test_gitlab_code_quality():
    items = json.loads(formatter("gitlab")(fixed_reports(), lang="vi"))
    assert len(items) == 6
    assert len({i["fingerprint"] for i in items}) == 6
    for i in items:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(i["location"]["lines"]["begin"], int)


def test_junit_is_xml():
    root = ET.fromstring(formatter("junit")(fixed_reports(), lang="vi"))
    assert root.tag == "testsuites" and root.get("failures") == "6"
    assert len(root.findall("testsuite")) == 4
    assert len(root.findall(".//failure")) == 6


def test_json_and_jsonl_agree():
    items = json.loads(formatter("json")(fixed_reports(), lang="en"))
    lines = [json.loads(s) for s in formatter("jsonl")(fixed_reports(), lang="en").splitlines()]
    assert items == lines and items[0]["message"] == items[0]["message_en"]
