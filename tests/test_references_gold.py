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


# ---------------------------------------------------------------------------------------------- property, end to end

from pathlib import Path  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SAMPLE_LINES = (Path(__file__).resolve().parent.parent / "samples" / "dak-nong-2025.txt").read_text(
    encoding="utf-8").split("\n")
# body lines with at least two words, after the preamble (line 35) and before the signature block
_BODY = [i for i, line in enumerate(_SAMPLE_LINES) if 35 <= i < 590 and len(line.split()) >= 3
         and "|" not in line]
_INSERTS = [
    ("Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ", "72/2015/NĐ-CP"),
    ("Kế hoạch số 9876/KH-UBND ngày 01/02/2024 của UBND tỉnh", "9876/KH-UBND"),
    ("Kết luận số 321-KL/TW ngày 15/6/2023 của Bộ Chính trị", "321-KL/TW"),
    ("Công văn số 4321/BTTTT-TTĐN ngày 16/9/2024", "4321/BTTTT-TTĐN"),
]


@settings(max_examples=int(__import__("os").environ.get("TTDN_PROP_EXAMPLES", "30")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(line=st.sampled_from(_BODY), where=st.integers(min_value=1), which=st.sampled_from(_INSERTS))
def test_citation_inserted_in_a_plan_line_has_its_source_span(line, where, which):
    from ttdn_parse import parse_text

    citation, symbol = which
    words = _SAMPLE_LINES[line].split(" ")
    k = 1 + where % max(1, len(words) - 1)          # never before the first word (labels stay labels)
    col = len(" ".join(words[:k])) + 1
    lines = list(_SAMPLE_LINES)
    lines[line] = " ".join(words[:k]) + " " + citation + "; " + " ".join(words[k:])
    plan = parse_text("\n".join(lines))
    refs = [r for r in plan.references if r.symbol == symbol and r.span and r.span.start_line == line + 1]
    assert len(refs) == 1, [(r.symbol, r.span) for r in plan.references if r.symbol == symbol]
    r = refs[0]
    assert (r.span.start_char, r.span.end_line, r.span.end_char) == (col, line + 1, col + len(citation))
    assert r.text == citation


# ---------------------------------------------------------------------------------------------- Word files

import pytest  # noqa: E402

from conftest import GOLD, SAMPLES, gold_pairs, load_gold  # noqa: E402

_DOCX = [(g, p) for g, s in gold_pairs() for p in sorted(SAMPLES.glob(s.rsplit(".", 1)[0] + ".*.docx"))]


@pytest.mark.skipif(not _DOCX, reason="no .docx samples")
@pytest.mark.parametrize("gold_name, path", _DOCX, ids=[p.name for _, p in _DOCX])
def test_word_files_give_the_same_references(gold_name, path):
    from ttdn_parse import parse_file

    gold = load_gold(gold_name)
    plan = parse_file(path)
    got = [(r.type, _sym(r.symbol), r.date, _n(r.issuer)) for r in plan.legal_bases]
    assert got == [(b["type"], _sym(b["symbol"]), b["date"], _n(b["issuer"])) for b in gold["legal_bases"]]
    body = {r.symbol for r in plan.references if r.symbol and r.node not in ("title", "header", "preamble")}
    assert len(body) == gold["references_in_body"]
    # every citation has a span, except in a Word footnote (footnotes.xml has no place in the body)
    no_span = {f"fn:{f.label}" for f in plan.footnotes if f.span is None}
    assert all(r.span is not None for r in plan.references if r.node not in no_span)
    assert GOLD.exists()


def test_references_validate_against_the_model(gold_case):
    """References are built without validation for speed: check they are valid Plan JSON."""
    from ttdn_parse.models import Plan, Reference

    _, plan, _ = gold_case
    for r in plan.references:
        Reference.model_validate(r.model_dump())
    Plan.model_validate_json(plan.model_dump_json())


def test_attach_is_idempotent(gold_case):
    from ttdn_parse.references import attach

    _, plan, _ = gold_case
    before = (plan.model_dump_json(include={"references", "legal_bases"}),
              sorted(d.model_dump_json() for d in plan.diagnostics if d.code.startswith("TTDN2")))
    copy_ = plan.model_copy(deep=True)
    copy_._maps = plan._maps
    attach(copy_)
    after = (copy_.model_dump_json(include={"references", "legal_bases"}),
             sorted(d.model_dump_json() for d in copy_.diagnostics if d.code.startswith("TTDN2")))
    assert after == before
