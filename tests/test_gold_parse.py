"""Gold tests for the parse pipeline: header, sections, signature, recipients, footnotes, budget.

The facts are hand-verified (tests/gold/*.yaml, copied from ../shared/gold); legal bases, tasks and
reporting are tested with their own extractors.
"""

from __future__ import annotations

import re
import unicodedata


def _norm(s):
    if s is None:
        return None
    return " ".join(unicodedata.normalize("NFC", str(s)).split())


def test_header(gold_case):
    gold, plan, _ = gold_case
    g = gold["header"]
    h = plan.header
    assert _norm(h.issuer) == _norm(g["issuer"])
    assert _norm(h.symbol) == _norm(g["symbol"])
    assert _norm(h.place) == _norm(g["place"])
    assert h.date == g["date"]
    assert h.doc_type == g["doc_type"]
    assert _norm(h.title) == _norm(g["title"])
    assert h.province == g["province"]
    assert (h.period.start, h.period.end) == (g["period"]["start"], g["period"]["end"])
    assert _norm(h.attached_to) == _norm(g["attached_to"])


def test_sections(gold_case):
    gold, plan, _ = gold_case
    got = [(s.id, _norm(s.title)) for s in plan.sections if s.kind == "section"]
    assert got == [(s["label"], _norm(s["title"])) for s in gold["sections"]]


def test_signature(gold_case):
    gold, plan, _ = gold_case
    g = gold["signature"]
    s = plan.signature
    assert (s.authority, _norm(s.position), _norm(s.name)) == (g["authority"], _norm(g["position"]), _norm(g["name"]))


def test_recipients(gold_case):
    gold, plan, _ = gold_case
    assert [_norm(r.text) for r in plan.recipients] == [_norm(r) for r in gold["recipients"]]


def test_footnotes(gold_case):
    gold, plan, _ = gold_case
    assert [_norm(f.text) for f in plan.footnotes] == [_norm(f) for f in gold["footnotes"]]


def test_budget(gold_case):
    gold, plan, _ = gold_case
    g = gold["budget"]
    b = plan.budget
    assert (_norm(b.text), b.amount_vnd, _norm(b.source)) == (_norm(g["text"]), g["amount_vnd"], _norm(g["source"]))


def test_gold_node_ids_exist(gold_case):
    """Every place the gold names (task ids, defect locations) is a node of the parsed tree."""
    gold, plan, _ = gold_case
    ids = {n.id for n in plan.walk()}
    wanted = {t["id"] for t in gold.get("tasks", [])}
    wanted |= {d["where"] for d in gold.get("defects", []) if re.match(r"^(?:[IVX]+|PL)(?:\.|$)", d["where"])}
    missing = sorted(w for w in wanted if w not in ids)
    assert not missing, f"node ids in the gold but not in the tree: {missing}"
