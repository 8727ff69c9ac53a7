"""Engine: selection, severity overrides, suppression (text and Word comments), baseline, fingerprints, config."""

from __future__ import annotations

import json

import pytest
from _lintkit import LINES, codes, make_document, make_plan, sp

from ttdn_parse.blocks import Block, Document
from ttdn_parse.lint import (FileReport, Record, apply_baseline, fingerprint, lint, load_baseline, report_for,
                             resolve_selectors, write_baseline)
from ttdn_parse.lint_config import ConfigError, LintConfig, config_for, find_config_file, load_config_file
from ttdn_parse.models import Node


def _two_defects():
    plan = make_plan()
    plan.tasks[1].lead = []                    # TTDN101 at II.2 (error)
    plan.header.date_text = "Đắk Nông, ngày 5 tháng 3 năm 2024"   # TTDN406 (warning)
    return plan


@pytest.mark.parametrize("selectors,expected", [
    (["ALL"], None),
    (["TTDN101"], {"TTDN101"}),
    (["missing-lead-agency"], {"TTDN101"}),
    (["TTDN10"], {"TTDN101", "TTDN102", "TTDN103", "TTDN104", "TTDN105"}),
    (["tasks"], {"TTDN101", "TTDN102", "TTDN103", "TTDN104", "TTDN105"}),
])
def test_selectors(selectors, expected):
    got = resolve_selectors(selectors)
    if expected is None:
        assert "TTDN101" in got and "TTDN406" in got
    else:
        assert got == expected


def test_unknown_selector_is_an_error():
    with pytest.raises(ValueError, match="nope"):
        resolve_selectors(["nope"])


def test_select_ignore_and_severity_override():
    plan = _two_defects()
    assert codes(lint(plan)) == ["TTDN406", "TTDN101"] or sorted(codes(lint(plan))) == ["TTDN101", "TTDN406"]
    assert codes(lint(plan, LintConfig(select=["header"]))) == ["TTDN406"]
    assert codes(lint(plan, LintConfig(ignore=["date-line-format"]))) == ["TTDN101"]
    found = lint(plan, LintConfig(severity={"TTDN406": "error", "tasks": "info"}))
    assert {d.code: d.severity for d in found} == {"TTDN406": "error", "TTDN101": "info"}


def test_per_file_ignores(tmp_path):
    (tmp_path / "ttdn.toml").write_text('[per-file-ignores]\n"drafts/*.txt" = ["TTDN101"]\n', encoding="utf-8")
    cfg = config_for(str(tmp_path / "drafts" / "a.txt"))
    plan = _two_defects()
    assert codes(lint(plan, cfg, path=str(tmp_path / "drafts" / "a.txt"))) == ["TTDN406"]
    assert sorted(codes(lint(plan, cfg, path=str(tmp_path / "final" / "a.txt")))) == ["TTDN101", "TTDN406"]


# ---------------------------------------------------------------------------------------------- suppressions
def _plan_with_comment(comment_line: str, own_line: bool):
    """Insert a directive into the plan text before item II.2 (own line) or at the end of its title line."""
    lines = list(LINES)
    if own_line:
        lines.insert(12, comment_line)                       # new line 13, II.2 moves to 14
        shift = 1
    else:
        lines[12] = lines[12] + " " + comment_line
        shift = 0
    plan = make_plan(lines)
    # shift the spans of everything after line 13 (as the parser would)
    for n in plan.walk():
        if shift and n.span.start_line >= 13:
            n.span = sp(n.span.start_line + shift, n.span.end_line + shift)
        elif shift and n.span.end_line >= 13:
            n.span = sp(n.span.start_line, n.span.end_line + shift)
    if own_line:   # the directive is its own paragraph node, as the parser keeps such lines as text
        sec = plan.sections[1]
        sec.children.insert(1, Node(id="II.p1", kind="paragraph", text=comment_line, span=sp(13)))
    else:
        plan.node("II.2").text = lines[12]
    plan.tasks[1].lead = []
    plan.tasks[1].span = plan.node("II.2").span
    return plan, make_document(lines)


@pytest.mark.parametrize("own_line", [True, False])
@pytest.mark.parametrize("with_document", [True, False])
@pytest.mark.parametrize("comment", [
    "<!-- ttdn: ignore[TTDN101] giao cho UBND tỉnh quyết định sau -->",
    "ttdn: ignore[missing-lead-agency] chờ phân công",
    "<!-- ttdn: ignore[TTDN102, TTDN101] -->",
])
def test_inline_suppression_in_text(comment, own_line, with_document):
    plan, doc = _plan_with_comment(comment, own_line)
    assert "TTDN101" not in codes(lint(plan, document=doc if with_document else None))


@pytest.mark.parametrize("with_document", [True, False])
def test_suppression_of_other_code_keeps_finding(with_document):
    plan, doc = _plan_with_comment("<!-- ttdn: ignore[TTDN102] lý do -->", True)
    assert "TTDN101" in codes(lint(plan, document=doc if with_document else None))


def test_suppression_scope_is_the_next_node_only():
    plan, doc = _plan_with_comment("<!-- ttdn: ignore[TTDN101] -->", True)
    plan.tasks[2].lead = []                                   # II.3: not covered
    found = lint(plan, document=doc)
    assert [(d.code, d.node) for d in found] == [("TTDN101", "II.3")]


def test_ignore_file():
    lines = list(LINES) + ["<!-- ttdn: ignore-file[TTDN406] mẫu cũ -->"]
    plan = _two_defects()
    assert codes(lint(plan, document=make_document(lines))) == ["TTDN101"]


def test_word_comment_suppresses_paragraph():
    plan = make_plan()
    plan.tasks[1].lead = []
    for n in plan.walk():                      # Word spans: paragraph index = line number here
        n.span = sp(n.span.start_line, n.span.end_line, para=n.span.start_line)
    plan.tasks[1].span = plan.node("II.2").span
    blocks = [Block(text=t, line=i, para=i) for i, t in enumerate(LINES, 1)]
    blocks[12].comments = ["ttdn: ignore[TTDN101] giao sau"]
    doc = Document(blocks=blocks, format="docx", sha256="0" * 64)
    assert "TTDN101" not in codes(lint(plan, document=doc))
    blocks[12].comments = ["Xem lại đoạn này"]             # an ordinary comment suppresses nothing
    assert "TTDN101" in codes(lint(plan, document=doc))


# ------------------------------------------------------------------------------------ fingerprints, baseline
def test_fingerprint_stable_when_text_moves():
    plan = make_plan()
    plan.tasks[1].lead = []
    (d1,) = lint(plan)
    plan2, _ = _plan_with_comment("Một đoạn mới chen vào.", True)    # the text moves one line down
    (d2,) = [d for d in lint(plan2) if d.code == "TTDN101"]
    assert d1.span.start_line != d2.span.start_line
    assert fingerprint(d1, "a.txt", plan) == fingerprint(d2, "a.txt", plan2)
    assert fingerprint(d1, "a.txt", plan) != fingerprint(d1, "b.txt", plan)
    plan.node("II.2").text = "2. Xuất bản ấn phẩm đối ngoại"           # the node's text changed
    assert fingerprint(d1, "a.txt", plan) != fingerprint(d2, "a.txt", plan2)


def test_baseline_roundtrip(tmp_path):
    plan = _two_defects()
    rep = report_for(plan, LintConfig(), "a.txt")
    assert len(rep.records) == 2
    path = tmp_path / "baseline.json"
    assert write_baseline([rep], str(path)) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {e["code"] for e in data["findings"]} == {"TTDN101", "TTDN406"}
    # a new finding appears: only it survives the baseline
    plan.tasks[2].lead = []
    rep2 = report_for(plan, LintConfig(), "a.txt")
    assert apply_baseline([rep2], load_baseline(str(path))) == 2
    assert [(r.diagnostic.code, r.diagnostic.node) for r in rep2.records] == [("TTDN101", "II.3")]


def test_baseline_never_hides_unreadable_files(tmp_path):
    from ttdn_parse.rules import diagnostic

    d = diagnostic("TTDN000", reason="x")
    rep = FileReport("a.txt", "txt", [Record(d, fingerprint(d, "a.txt"))])
    write_baseline([rep], str(tmp_path / "b.json"))
    apply_baseline([rep], load_baseline(str(tmp_path / "b.json")))
    assert len(rep.records) == 1


def test_bad_baseline_is_config_error(tmp_path):
    p = tmp_path / "b.json"
    p.write_text("{nope", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_baseline(str(p))


# ----------------------------------------------------------------------------------------------- config
def test_config_discovery_nearest_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ttdn]\nlang = "en"\nfail-on = "error"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / "ttdn.toml").write_text('ignore = ["TTDN406"]\ndraft = true\n', encoding="utf-8")
    (sub / "plan.txt").write_text("x", encoding="utf-8")
    cfg = config_for(str(sub / "plan.txt"))
    assert cfg.ignore == ["TTDN406"] and cfg.draft is True and cfg.lang == "vi"    # not merged with pyproject
    assert cfg.source("ignore").endswith("ttdn.toml") and cfg.source("lang").startswith("mặc định")
    top = config_for(str(tmp_path / "plan.txt"))
    assert top.lang == "en" and top.fail_on == "error" and "[tool.ttdn]" in top.source("lang")
    (tmp_path / "a" / ".ttdn.toml").write_text('lang = "en"\n', encoding="utf-8")
    from ttdn_parse import lint_config
    lint_config._CACHE.clear()
    assert find_config_file(str(sub / "plan.txt")).name == ".ttdn.toml"


def test_pyproject_without_table_is_passed_over(tmp_path):
    (tmp_path / "ttdn.toml").write_text('lang = "en"\n', encoding="utf-8")
    sub = tmp_path / "proj"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config_for(str(sub / "f.txt")).lang == "en"


@pytest.mark.parametrize("pyproject,lang", [
    ('[tool.ttdn]\nlang = "en"\n', "en"),
    ('[ tool . "ttdn" ]\nlang = "en"\n', "en"),
    ("[tool]\nttdn = { lang = 'en' }\n", "en"),
    ('[tool]\n"ttdn".lang = "en"\n', "en"),
    ('tool.ttdn.lang = "en"\n', "en"),
    ('[project]\nname = "x"\n', "vi"),                 # no ttdn table: the ttdn.toml above applies
    ('[project\nname = "not toml at all"\n', "vi"),     # and an unrelated broken pyproject is not our problem
    ('[project]\nname = "ttdn"\n[project.scripts]\nttdn = "ttdn_parse.cli:main"\n', "vi"),   # not a config
    ('[tool]\nx = 1\n[project.scripts]\nttdn = "x"\n', "vi"),
])
def test_pyproject_table_in_every_toml_spelling(tmp_path, pyproject, lang):
    (tmp_path / "ttdn.toml").write_text('lang = "vi"\n', encoding="utf-8")
    sub = tmp_path / "proj"
    sub.mkdir()
    (sub / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert config_for(str(sub / "f.txt")).lang == lang


@pytest.mark.parametrize("text,needle", [
    ('selec = ["ALL"]\n', "selec"),
    ('lang = "fr"\n', "lang"),
    ('fail-on = "fatal"\n', "fail-on"),
    ('select = ["TTDN999"]\n', "TTDN999"),
    ('[severity]\nTTDN101 = "fatal"\n', "TTDN101"),
    ('draft = "yes"\n', "draft"),
    ('lang = \n', "TOML"),
])
def test_config_errors_name_the_key(tmp_path, text, needle):
    p = tmp_path / "ttdn.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle):
        load_config_file(p)


def test_cli_overrides_and_sources():
    cfg = LintConfig().with_overrides(select=["tasks"], ignore=["TTDN104"], lang="en", fail_on=None, draft=None)
    assert cfg.select == ["tasks"] and cfg.ignore == ["TTDN104"] and cfg.lang == "en"
    assert cfg.source("lang").startswith("dòng lệnh") and cfg.source("fail-on").startswith("mặc định")


def test_diagnostic_data_may_use_the_key_code():
    from ttdn_parse.rules import diagnostic

    d = diagnostic("TTDN000", reason="x", code="KH-UBND")
    assert d.code == "TTDN000" and d.data["code"] == "KH-UBND"


def test_fingerprint_ignores_positional_data():
    from ttdn_parse.rules import diagnostic

    a = diagnostic("TTDN000", node="II.3", reason="x", other_line="232")
    b = diagnostic("TTDN000", node="II.3", reason="x", other_line="240")
    c = diagnostic("TTDN000", node="II.3", reason="y", other_line="240")
    assert fingerprint(a, "f.txt") == fingerprint(b, "f.txt") != fingerprint(c, "f.txt")


def test_the_warm_up_plan_of_parallel_lint_exercises_the_pipeline():
    """--jobs lints a small built-in plan before forking so that every lazy import and cache is built once:
    it must reach the extractors and the rules, or the workers would each build them again."""
    from ttdn_parse import parse_text
    from ttdn_parse.lint import _WARM_UP

    plan = parse_text(_WARM_UP)
    assert plan.tasks and plan.tasks[0].lead and plan.tasks[0].deadline is not None
    assert plan.legal_bases and plan.reporting and plan.recipients
    assert lint(plan)


@pytest.mark.parametrize("sample, place_vi, place_en", [
    ("dak-nong-2025.txt", "dòng", "line"),                  # a text file: its line
    ("dak-nong-2025.c-tables.docx", "đoạn", "paragraph"),   # a Word file: its paragraph, as in the location
])
def test_a_finding_that_names_another_place_names_it_as_the_file_counts(sample, place_vi, place_en):
    import re
    from pathlib import Path

    from ttdn_parse import parse_file

    plan = parse_file(Path(__file__).resolve().parent.parent / "samples" / sample)
    pairs = [d for d in lint(plan) if d.code == "TTDN207"]
    assert len(pairs) == 2
    for d in pairs:
        assert re.search(rf"\({place_vi} \d+\)", d.message), d.message
        assert re.search(rf"\({place_en} \d+\)", d.message_en), d.message_en


@pytest.mark.parametrize("jobs", [1, 2])
def test_lint_paths_reports_each_file_once_to_on_result_and_returns_input_order(tmp_path, jobs):
    from ttdn_parse.lint import _WARM_UP, lint_paths

    for i in range(5):   # the first file the smallest: with --jobs it is handed out last
        (tmp_path / f"f{i}.txt").write_text(_WARM_UP + "\n- Lưu: VT.\n" * (20 * i), encoding="utf-8")
    seen = []
    reports = lint_paths([str(tmp_path)], jobs=jobs, on_result=lambda r: seen.append(r.path))
    paths = [r.path for r in reports]
    assert [p.rsplit("/", 1)[-1] for p in paths] == [f"f{i}.txt" for i in range(5)]
    assert sorted(seen) == sorted(paths) and len(seen) == 5


def test_a_finding_in_a_text_table_points_at_the_file_line_and_shows_the_whole_row(tmp_path):
    from ttdn_parse.lint import _WARM_UP, lint_file
    from ttdn_parse.report import where

    table = ("II. NHIỆM VỤ\nSTT | Nội dung | Cơ quan chủ trì | Thời gian\n1 | Việc A | Sở Ngoại vụ | Quý I/2026\n"
             "2 | Việc B |  | Quý II/2026\n")
    path = tmp_path / "bang.txt"
    path.write_text(_WARM_UP.replace("II. TỔ CHỨC THỰC HIỆN", table + "III. TỔ CHỨC THỰC HIỆN"), encoding="utf-8")
    rep = lint_file(str(path))
    no_lead = [r for r in rep.records if r.diagnostic.code == "TTDN101"]
    assert len(no_lead) == 1
    r = no_lead[0]
    row_line = path.read_text(encoding="utf-8").splitlines().index("2 | Việc B |  | Quý II/2026") + 1
    assert r.diagnostic.span.start_line == row_line and r.diagnostic.span.table is not None
    assert where(r.diagnostic.span, "txt") == ""                  # the file's own line number, not 'bảng 1'
    assert where(r.diagnostic.span, "docx").startswith("bảng")
    assert r.source == "2 | Việc B |  | Quý II/2026"            # the row, not only its last cell
