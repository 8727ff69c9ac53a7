"""Gold tests for the reference extractor on the five seeds (tests/gold/*.yaml).

- legal_bases: exactly the gold list (type, symbol compared without spaces, date, issuer), in order;
- references_in_body: the number of distinct symbols cited after the preamble (footnotes and the closing
  included; the header's attachment line and the title are not "body");
- reference defects of the gold file are reported at their node, and no other reference finding is made
  (a conflicting citation is reported at both places, so the partner place is allowed too).
"""

from __future__ import annotations

import unicodedata

from ttdn_parse.references import group_references

DEFECT_CODES = {
    "reference_year_mismatch": "TTDN204",
    "reference_missing_year": "TTDN203",
    "reference_missing_date": "TTDN208",
    "reference_type_mismatch": "TTDN205",
    "reference_conflict": "TTDN207",
    "malformed_symbol": "TTDN206",
}


def _n(s):
    return None if s is None else " ".join(unicodedata.normalize("NFC", str(s)).split())


def _sym(s):
    return None if s is None else "".join(_n(s).split())


def test_legal_bases_exact(gold_case):
    gold, plan, _ = gold_case
    got = [(r.type, _sym(r.symbol), r.date, _n(r.issuer)) for r in plan.legal_bases]
    want = [(b["type"], _sym(b["symbol"]), b["date"], _n(b["issuer"])) for b in gold["legal_bases"]]
    assert got == want


def test_legal_bases_are_preamble_documents(gold_case):
    _, plan, _ = gold_case
    assert all(r.node == "preamble" for r in plan.legal_bases)
    assert len({r.doc_id for r in plan.legal_bases}) == len(plan.legal_bases)
    # no basis at all is decidable for the lint rule TTDN103: nothing in the preamble and not attached
    if not plan.legal_bases:
        assert not [r for r in plan.references if r.node == "preamble"]


def test_references_in_body_count(gold_case):
    gold, plan, _ = gold_case
    body = {r.symbol for r in plan.references if r.symbol and r.node not in ("title", "header", "preamble")}
    assert len(body) == gold["references_in_body"]


def test_attachment_line_is_a_reference_not_a_basis(gold_case):
    gold, plan, _ = gold_case
    attached = gold["header"]["attached_to"]
    header_refs = [r for r in plan.references if r.node == "header"]
    if attached:
        assert [_sym(r.symbol) for r in header_refs] == [_sym(attached)]
        assert _sym(attached) not in {_sym(r.symbol) for r in plan.legal_bases}
    else:
        assert header_refs == []


def test_reference_defects(gold_case):
    gold, plan, _ = gold_case
    want = {(DEFECT_CODES[d["kind"]], d["where"]) for d in gold["defects"] if d["kind"] in DEFECT_CODES}
    got = {(d.code, d.node) for d in plan.diagnostics if d.code.startswith("TTDN2")}

    def at(code, where, pairs):
        return any(c == code and (n == where or (n or "").startswith(where + ".")) for c, n in pairs)

    for code, where in want:
        assert at(code, where, got), (code, where, sorted(got))
    for code, node in got:
        if code == "TTDN207":
            continue
        assert any(c == code and (node == w or (node or "").startswith(w + ".")) for c, w in want), (code, node)


def test_references_in_document_order_with_spans(gold_case):
    _, plan, _ = gold_case
    lines = [r.span.start_line for r in plan.references if r.span]
    assert len(lines) == len(plan.references)
    assert lines == sorted(lines) or plan.footnotes  # footnotes come last, whatever their line


def test_mentions_of_one_document_share_doc_id(gold_case):
    _, plan, _ = gold_case
    for doc_id, mentions in group_references(plan.references).items():
        syms = {m.symbol for m in mentions if m.symbol}
        assert len(syms) <= 1, (doc_id, syms)
