"""Robustness: plans in layouts the five seeds do not show (tests/data/robustness/*.{txt,md} + *.yaml).

Each YAML states only what a careful reader is sure of (schema of tests/gold, plus: parts, node_ids,
absent_ids, node_text_contains, bullet_labels, no_tasks_under, table_tasks, no_diagnostics, diagnostics,
text_absent, node_text_not_equal, node_titles, lint_absent: codes `ttdn lint` must not report).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent / "data" / "robustness"
CASES = sorted(p.stem for p in DATA.glob("*.yaml"))


def _norm(s):
    if s is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(s)).split())


@cache
def _case(stem: str):
    from ttdn_parse import parse_file

    gold = yaml.safe_load((DATA / f"{stem}.yaml").read_text(encoding="utf-8"))
    plan = parse_file(DATA / gold["document"])
    return gold, plan


@pytest.fixture(params=CASES)
def case(request):
    return _case(request.param)


def _nodes(plan):
    return {n.id: n for n in plan.walk()}


def _agencies(xs):
    return [_norm(a.text) for a in xs]


def test_case_files_present():
    assert len(CASES) >= 4
    for stem in CASES:
        gold = yaml.safe_load((DATA / f"{stem}.yaml").read_text(encoding="utf-8"))
        assert (DATA / gold["document"]).is_file()


@pytest.mark.parametrize("field", ["issuer", "parent_issuer", "symbol", "number", "code", "place", "doc_type",
                                   "title", "province", "attached_to"])
def test_header_text_fields(case, field):
    gold, plan = case
    if field not in gold["header"]:
        pytest.skip(f"{field} not stated")
    assert _norm(getattr(plan.header, field)) == _norm(gold["header"][field])


def test_header_date_and_period(case):
    gold, plan = case
    g = gold["header"]
    assert plan.header.date == g["date"]
    assert (plan.header.period.start, plan.header.period.end) == (g["period"]["start"], g["period"]["end"])


def test_legal_bases(case):
    gold, plan = case
    got = [_norm(r.symbol) for r in plan.legal_bases]
    assert got == [_norm(s) for s in gold["legal_bases"]]


def test_parts(case):
    gold, plan = case
    if "parts" not in gold:
        pytest.skip("no parts")
    got = [(n.id, _norm(n.title)) for n in plan.sections if n.kind == "part" and n.id != "PL"]
    assert got == [(p["id"], _norm(p["title"])) for p in gold["parts"]]


def test_sections(case):
    gold, plan = case
    got = [(n.id, _norm(n.title)) for n in plan.walk() if n.kind == "section"]
    assert got == [(s["label"], _norm(s["title"])) for s in gold["sections"]]


def test_node_ids_present(case):
    gold, plan = case
    ids = _nodes(plan)
    missing = [i for i in gold["node_ids"] if i not in ids]
    assert not missing, f"expected nodes missing: {missing}"


def test_node_ids_absent(case):
    gold, plan = case
    ids = _nodes(plan)
    extra = [i for i in gold.get("absent_ids", []) if i in ids]
    assert not extra, f"spurious nodes: {extra}"


def test_node_text(case):
    gold, plan = case
    ids = _nodes(plan)
    for nid, snippet in gold.get("node_text_contains", {}).items():
        assert nid in ids, nid
        assert _norm(snippet) in _norm(ids[nid].text), (nid, ids[nid].text)


def test_node_titles(case):
    """Titles are quoted as printed, trimmed of a trailing ':' (gold README; cf. field titles 'Cơ quan chủ trì')."""
    gold, plan = case
    if "node_titles" not in gold:
        pytest.skip("no node_titles stated")
    ids = _nodes(plan)
    got = {nid: (_norm(ids[nid].title) if nid in ids else "<missing>") for nid in gold["node_titles"]}
    want = {nid: _norm(t) for nid, t in gold["node_titles"].items()}
    assert got == want


def test_text_absent(case):
    """Page furniture (running heads, 'Trang 3/5') must not end up inside any node's text."""
    gold, plan = case
    if "text_absent" not in gold:
        pytest.skip("no text_absent stated")
    bad = [(n.id, s) for n in plan.walk() for s in gold["text_absent"] if _norm(s) in (_norm(n.text) or "")]
    assert not bad, f"page furniture kept as text: {bad}"


def test_node_text_not_equal(case):
    """A lone page number ('2') must not become a node of its own."""
    gold, plan = case
    if "node_text_not_equal" not in gold:
        pytest.skip("no node_text_not_equal stated")
    bad = [(n.id, n.text) for n in plan.walk() if _norm(n.text) in {_norm(s) for s in gold["node_text_not_equal"]}]
    assert not bad, f"page numbers kept as nodes: {bad}"


def test_bullet_labels(case):
    gold, plan = case
    ids = _nodes(plan)
    for nid, label in gold.get("bullet_labels", {}).items():
        assert nid in ids, nid
        assert ids[nid].label == label, (nid, ids[nid].label)


def test_tasks(case):
    gold, plan = case
    got = {t.id: t for t in plan.tasks}
    for g in gold["tasks"]:
        assert g["id"] in got, f"task {g['id']} not extracted; got {sorted(got)}"
        t = got[g["id"]]
        assert t.source == g["where"], (g["id"], t.source)
        assert _agencies(t.lead) == [_norm(a) for a in g["lead"]], g["id"]
        assert _agencies(t.support) == [_norm(a) for a in g["support"]], g["id"]
        assert _norm(t.deadline.text if t.deadline else None) == _norm(g["deadline"]), g["id"]


def test_table_tasks(case):
    gold, plan = case
    if "table_tasks" not in gold:
        pytest.skip("no in-body table")
    got = [(_agencies(t.lead), _agencies(t.support), _norm(t.deadline.text if t.deadline else None))
           for t in plan.tasks if t.source == "table"]
    want = [([_norm(a) for a in g["lead"]], [_norm(a) for a in g["support"]], _norm(g["deadline"]))
            for g in gold["table_tasks"]]
    assert got == want


def test_no_tasks_under(case):
    gold, plan = case
    bad = [t.id for t in plan.tasks for p in gold.get("no_tasks_under", []) if t.node.startswith(p + ".")]
    assert not bad, f"tasks extracted from a non-assigning part: {bad}"


def test_reporting(case):
    gold, plan = case
    got = [(r.date, r.to) for r in plan.reporting]
    want = [(g["date"], g["to"]) for g in gold["reporting"]]
    assert [d for d, _ in got] == [d for d, _ in want]
    for (_, to), (_, wto) in zip(got, want):
        assert to is not None and _norm(wto) in _norm(to), (to, wto)


def test_budget(case):
    gold, plan = case
    b = plan.budget
    assert _norm(b.text if b else None) == _norm(gold["budget"]["text"])


def test_signature(case):
    gold, plan = case
    g, s = gold["signature"], plan.signature
    assert (s.authority, _norm(s.position), _norm(s.name), s.signed_mark) == (
        g["authority"], _norm(g["position"]), _norm(g["name"]), g["signed_mark"])


def test_recipients(case):
    gold, plan = case
    assert [_norm(r.text) for r in plan.recipients] == [_norm(r) for r in gold["recipients"]]


def test_footnotes(case):
    gold, plan = case
    assert [_norm(f.text) for f in plan.footnotes] == [_norm(f) for f in gold["footnotes"]]


def test_no_listed_diagnostics(case):
    gold, plan = case
    bad = [(d.code, d.node) for d in plan.diagnostics if d.code in gold.get("no_diagnostics", [])]
    assert not bad


def test_expected_diagnostics(case):
    """Numbering faults as printed (gap / repeat / order / clause letters) are reported at the right node."""
    gold, plan = case
    if "diagnostics" not in gold:
        pytest.skip("no expected diagnostics stated")
    got = {(d.code, d.node) for d in plan.diagnostics}
    missing = [(g["code"], g["node"]) for g in gold["diagnostics"] if (g["code"], g["node"]) not in got]
    assert not missing, f"expected diagnostics missing: {missing}; got {sorted(got, key=str)}"


def test_no_listed_lint_findings(case):
    gold, plan = case
    if "lint_absent" not in gold:
        pytest.skip("no lint codes stated")
    from ttdn_parse.lint import lint

    found = sorted({d.code for d in lint(plan)} & set(gold["lint_absent"]))
    assert not found, found


def test_cli_lint_and_tasks_run(case):
    """The CLI must not crash (exit 2) on any of these files."""
    from typer.testing import CliRunner

    from ttdn_parse.cli import app

    gold, _ = case
    path = str(DATA / gold["document"])
    for cmd in (["parse", path], ["lint", path], ["tasks", path]):
        res = CliRunner().invoke(app, cmd)
        assert res.exit_code in (0, 1), (cmd, res.exit_code, res.output[-500:])


_ = dt  # dates in YAML load as datetime.date
