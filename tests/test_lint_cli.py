"""`ttdn lint` / `rules` / `rule` / `config show` end to end, with a stand-in parser (the CLI is under test here,
not the parser): exit codes, stdout/stderr discipline, formats, -o, baseline, config errors, stdin, jobs."""

from __future__ import annotations

import json
import sys
import types

import pytest
from _lintkit import LINES, make_plan, sp

from ttdn_parse.cli import main


def fake_parse_document(doc):
    text = "\n".join(b.text for b in doc.blocks)
    if "#boom" in text:
        raise RuntimeError("stand-in parser failure")
    lines = [b.text for b in doc.blocks][: len(LINES)]
    plan = make_plan(lines if len(lines) == len(LINES) else None)
    if doc.format == "docx":
        for n in plan.walk():
            n.span = sp(n.span.start_line, n.span.end_line, para=n.span.start_line)
        for t in plan.tasks:
            t.span = plan.node(t.node).span
    plan.source.path, plan.source.format = doc.path, doc.format
    if "#no-lead" in text:
        plan.tasks[1].lead = []
    if "#warn" in text:
        plan.header.date_text = "Đắk Nông, ngày 5 tháng 3 năm 2024"
    if "#blank" in text:
        plan.header.number, plan.header.symbol = None, "/KH-UBND"
    return plan


@pytest.fixture(autouse=True)
def stand_in_parser(monkeypatch):
    mod = types.ModuleType("ttdn_parse.pipeline")
    mod.parse_document = fake_parse_document
    monkeypatch.setitem(sys.modules, "ttdn_parse.pipeline", mod)
    import ttdn_parse
    monkeypatch.setattr(ttdn_parse, "pipeline", mod, raising=False)
    from ttdn_parse import lint_config
    lint_config._CACHE.clear()


def run(capsys, *args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        import io
        monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(stdin)))
    old = sys.argv
    sys.argv = ["ttdn", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.argv = old
    out = capsys.readouterr()
    return code, out.out, out.err


def write(path, *markers):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(LINES + list(markers)) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "clean.txt")
    write(tmp_path / "warn.txt", "#warn")
    write(tmp_path / "err.txt", "#no-lead")
    write(tmp_path / "draft.txt", "#blank")
    return tmp_path


@pytest.mark.parametrize("args,code", [
    (["clean.txt"], 0),
    (["warn.txt"], 1),                                   # default fail-on: warning
    (["warn.txt", "--fail-on", "error"], 0),
    (["err.txt", "--fail-on", "error"], 1),
    (["err.txt", "--exit-zero"], 0),
    (["err.txt", "--ignore", "TTDN101"], 0),
    (["err.txt", "--select", "header"], 0),
    (["draft.txt"], 1),                                  # blank number: error
    (["draft.txt", "--draft"], 0),                       # info under --draft
    (["draft.txt", "--draft", "--fail-on", "info"], 1),
    (["missing.txt"], 1),                                # TTDN000, never a silent skip
    (["clean.txt", "--format", "nope"], 2),
    (["clean.txt", "--select", "TTDN999"], 2),
    (["clean.txt", "--fail-on", "fatal"], 2),
    (["clean.txt", "--lang", "fr"], 2),
    (["clean.txt", "--bogus"], 2),
    (["clean.txt", "--baseline", "nofile.json"], 2),
])
def test_exit_codes(tree, capsys, args, code):
    got, out, err = run(capsys, "lint", *args)
    assert got == code, (out, err)
    assert "Traceback" not in err


def test_parser_crash_is_ttdn000(tree, capsys):
    write(tree / "boom.txt", "#boom")
    code, out, err = run(capsys, "lint", "boom.txt", "--format", "json")
    items = json.loads(out)
    assert code == 1 and [i["code"] for i in items] == ["TTDN000"] and "stand-in parser failure" in items[0]["message"]


def test_unsupported_and_binary_files_are_findings(tree, capsys):
    (tree / "x.rtf").write_bytes(b"{\\rtf1}")
    (tree / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run(capsys, "lint", "x.rtf", "bin.txt", "--format", "jsonl")
    rows = [json.loads(s) for s in out.splitlines()]
    assert code == 1 and [(r["path"], r["code"]) for r in rows] == [("x.rtf", "TTDN000"), ("bin.txt", "TTDN000")]


def test_directory_recursion_skips_lock_files(tree, capsys):
    write(tree / "sub" / "deep" / "b.txt", "#no-lead")
    (tree / "sub" / "~$b.docx").write_bytes(b"lock")
    (tree / "sub" / "notes.csv").write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "lint", "sub", "--format", "json")
    items = json.loads(out)
    assert {i["path"] for i in items} == {"sub/deep/b.txt"} and code == 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github", "gitlab", "junit", "concise"])
def test_machine_formats_print_only_results(tree, capsys, fmt):
    code, out, err = run(capsys, "lint", "err.txt", "warn.txt", "--format", fmt)
    assert code == 1 and err == ""
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "jsonl":
        [json.loads(s) for s in out.splitlines()]


def test_text_output_and_lang(tree, capsys):
    code, out, err = run(capsys, "lint", "err.txt")
    assert "err.txt:13: TTDN101 lỗi [II.2]: Nhiệm vụ “Xuất bản ấn phẩm” chưa có cơ quan chủ trì." in out
    assert "  13 | 2. Xuất bản ấn phẩm" in out and "Tìm thấy 1 vấn đề" in out
    code, out, err = run(capsys, "lint", "err.txt", "--lang", "en")
    assert "TTDN101 error [II.2]: Task “Xuất bản ấn phẩm” has no lead agency." in out and "Found 1 problem" in out


def test_output_file(tree, capsys):
    code, out, err = run(capsys, "lint", "err.txt", "--format", "sarif", "-o", "out/r.sarif")
    assert code == 1 and out == ""
    assert json.loads((tree / "out" / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_stdin_with_filename(tree, capsys, monkeypatch):
    data = "\n".join(LINES + ["#no-lead"]).encode()
    code, out, err = run(capsys, "lint", "-", "--stdin-filename", "drafts/x.txt", "--format", "json",
                         stdin=data, monkeypatch=monkeypatch)
    items = json.loads(out)
    assert code == 1 and items[0]["path"] == "drafts/x.txt" and items[0]["code"] == "TTDN101"


def test_baseline_cli(tree, capsys):
    code, out, err = run(capsys, "lint", "err.txt", "warn.txt", "--write-baseline", "bl.json")
    assert code == 0 and "bl.json" in err
    code, out, err = run(capsys, "lint", "err.txt", "warn.txt", "--baseline", "bl.json")
    assert code == 0, out
    write(tree / "warn.txt", "#warn", "#no-lead")          # a new finding in warn.txt
    code, out, err = run(capsys, "lint", "err.txt", "warn.txt", "--baseline", "bl.json", "--format", "json")
    assert code == 1 and [(i["path"], i["code"]) for i in json.loads(out)] == [("warn.txt", "TTDN101")]


def test_config_file_is_used_and_errors_exit_2(tree, capsys):
    (tree / "ttdn.toml").write_text('ignore = ["TTDN101"]\nlang = "en"\n', encoding="utf-8")
    code, out, err = run(capsys, "lint", "err.txt")
    assert code == 0 and "All checks passed" in out
    code, out, err = run(capsys, "config", "show", "err.txt")
    assert code == 0 and 'ignore = ["TTDN101"]' in out and "ttdn.toml" in out and "mặc định" in out
    (tree / "ttdn.toml").write_text('ignroe = ["TTDN101"]\n', encoding="utf-8")
    from ttdn_parse import lint_config
    lint_config._CACHE.clear()
    code, out, err = run(capsys, "lint", "err.txt")
    assert code == 2 and "ignroe" in err and out == ""
    code, out, err = run(capsys, "config", "show", "err.txt")
    assert code == 2 and "ignroe" in err


def test_inline_suppression_cli(tree, capsys):
    lines = list(LINES)
    lines[12] += " <!-- ttdn: ignore[TTDN101] chờ UBND tỉnh phân công -->"
    (tree / "s.txt").write_text("\n".join(lines + ["#no-lead"]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "lint", "s.txt")
    assert code == 0, out


def test_jobs_give_the_same_results(tree, capsys):
    for i in range(6):
        write(tree / "many" / f"f{i}.txt", "#no-lead" if i % 2 else "#warn")
    _, out1, _ = run(capsys, "lint", "many", "--format", "json", "--jobs", "1")
    _, out2, _ = run(capsys, "lint", "many", "--format", "json", "--jobs", "2")
    assert out1 == out2 and len(json.loads(out1)) == 6


def test_jobs_keep_the_input_order_when_the_largest_file_goes_first(tree, capsys):
    # --jobs hands out the largest files first: the report must still follow the input order
    for i in range(6):
        write(tree / "sized" / f"f{i}.txt", "#no-lead" if i % 2 else "#warn", "x" * (1000 * (i + 1)))   # f5 largest
    _, out1, _ = run(capsys, "lint", "sized", "--format", "json", "--jobs", "1")
    _, out2, _ = run(capsys, "lint", "sized", "--format", "json", "--jobs", "2")
    assert out1 == out2
    paths = [f["path"] for f in json.loads(out2)]
    assert paths == sorted(paths) and len(paths) == 6


def test_rules_and_rule(capsys):
    code, out, err = run(capsys, "rules")
    assert code == 0 and "TTDN101  missing-lead-agency" in out and "TTDN306" in out
    code, out, err = run(capsys, "rule", "missing-lead-agency", "--lang", "en")
    assert code == 0 and "**What it checks.**" in out and "TTDN101" in out
    code, out, err = run(capsys, "rule", "TTDN406")
    assert code == 0 and "Kiểm tra gì" in out and "Nghị định 30/2020/NĐ-CP" in out
    code, out, err = run(capsys, "rule", "TTDN999")
    assert code == 2 and "TTDN999" in err


def test_word_comment_suppression_docx(tree, capsys):
    """A .docx whose paragraph carries a Word comment `ttdn: ignore[TTDN101] …` (python-docx >= 1.2)."""
    import docx

    doc = docx.Document()
    paras = [doc.add_paragraph(t) for t in LINES + ["#no-lead"]]
    doc.save(tree / "nocomment.docx")
    doc.add_comment(paras[12].runs, text="ttdn: ignore[TTDN101] chờ phân công", author="ttdn")
    doc.save(tree / "comment.docx")
    from ttdn_parse.readers import read_path
    blocks = read_path(tree / "comment.docx").blocks
    assert any(b.comments for b in blocks)
    code, out, err = run(capsys, "lint", "nocomment.docx", "--format", "json")
    assert code == 1 and [i["code"] for i in json.loads(out)] == ["TTDN101"]
    code, out, err = run(capsys, "lint", "comment.docx", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_no_paths_is_usage_error(capsys):
    code, out, err = run(capsys, "lint")
    assert code == 2


def test_config_show_json(tree, capsys):
    (tree / ".ttdn.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    code, out, err = run(capsys, "config", "show", "clean.txt", "--json")
    data = json.loads(out)
    assert code == 0 and data["fail-on"]["value"] == "error" and data["fail-on"]["source"].endswith(".ttdn.toml")
    assert data["lang"]["source"].startswith("mặc định")


def test_pre_commit_hook():
    import re
    from pathlib import Path

    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "ttdn-lint"]
    assert hook["entry"].startswith("ttdn lint")
    take = [p for p in ("a/b.docx", "c.md", "d.txt", "a/~$b.docx", "~$x.docx", "e.pdf")
            if re.search(hook["files"], p) and not re.search(hook["exclude"], p)]
    assert take == ["a/b.docx", "c.md", "d.txt"]


def test_empty_directory_warns_on_stderr(tree, capsys):
    (tree / "empty").mkdir()
    code, out, err = run(capsys, "lint", "empty", "--format", "json")
    assert code == 0 and json.loads(out) == [] and "không tìm thấy" in err
