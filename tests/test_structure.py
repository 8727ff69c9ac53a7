"""The structure grammar on small plans: nesting, node ids, numbering diagnostics, lexer invariants."""

from __future__ import annotations

import pytest

from ttdn_parse import parse_text
from ttdn_parse.lexer import lex
from ttdn_parse.normalise import clean_line, unwrap, wrap_style
from ttdn_parse.readers.text import read_text
from ttdn_parse.pipeline import _position_words

PLAN = """ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
Công tác thông tin đối ngoại năm 2026
Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao chất lượng.
- Quảng bá hình ảnh.
2. Yêu cầu
Bám sát chủ trương.
II. NHIỆM VỤ
1. Tuyên truyền
1.1. Trên báo chí
a) Nội dung:
- Tin, bài.
+ Báo in.
b) Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
c) Thời gian thực hiện: Quý I/2026.
1.2. Trên mạng xã hội
III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
- Chủ trì triển khai.
Trên đây là Kế hoạch công tác thông tin đối ngoại năm 2026.
Nơi nhận:
- Bộ Ngoại giao;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def ids(plan):
    return [(n.id, n.kind) for n in plan.walk()]


def test_nesting_and_ids():
    plan = parse_text(PLAN)
    assert ids(plan) == [
        ("I", "section"), ("I.1", "item"), ("I.1.b1", "bullet"), ("I.1.b2", "bullet"),
        ("I.2", "item"), ("I.2.p1", "paragraph"),
        ("II", "section"), ("II.1", "item"), ("II.1.1", "item"), ("II.1.1.a", "field"),
        ("II.1.1.a.b1", "bullet"), ("II.1.1.a.b1.s1", "bullet"), ("II.1.1.b", "field"), ("II.1.1.c", "field"),
        ("II.1.2", "item"),
        ("III", "section"), ("III.1", "item"), ("III.1.b1", "bullet"),
    ]
    assert plan.node("II.1.1.b").title == "Cơ quan chủ trì"
    assert plan.header.symbol == "12/KH-UBND" and plan.header.number == "12" and plan.header.code == "KH-UBND"
    assert plan.header.date.isoformat() == "2026-01-05" and plan.header.place == "Lâm Đồng"
    assert plan.header.national_motto and plan.header.issuer == "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert plan.preamble.text.startswith("Căn cứ Nghị định")
    assert plan.closing.text.startswith("Trên đây là")
    assert [r.text for r in plan.recipients] == ["Bộ Ngoại giao", "Lưu: VT"]
    assert (plan.signature.authority, plan.signature.position, plan.signature.name) == ("KT.", "PHÓ CHỦ TỊCH",
                                                                                       "Nguyễn Văn A")
    assert plan.diagnostics == []


def test_a_plus_line_is_the_bullet_where_no_dash_bullet_is_open():
    """'+' is the sub-bullet under '-', and the bullet itself right under an item, clause or field."""
    text = PLAN.replace("1.2. Trên mạng xã hội\n", "1.2. Trên mạng xã hội\n+ Cơ quan chủ trì: Sở Ngoại vụ.\n"
                        "+ Cơ quan phối hợp: Công an tỉnh.\n+ Thời gian thực hiện: Quý II/2026.\n")
    plan = parse_text(text)
    got = [(n.id, n.kind, n.title) for n in plan.node("II.1.2").children]
    assert got == [("II.1.2.b1", "field", "Cơ quan chủ trì"), ("II.1.2.b2", "field", "Cơ quan phối hợp"),
                   ("II.1.2.b3", "field", "Thời gian thực hiện")]
    task = next(t for t in plan.tasks if t.id == "II.1.2")
    assert [a.text for a in task.lead] == ["Sở Ngoại vụ"] and task.deadline.text == "Quý II/2026"
    assert plan.node("II.1.1.a.b1.s1").kind == "bullet"          # under '- Tin, bài.' it stays the sub-bullet


def test_fields_printed_as_sub_bullets_of_a_duty_make_its_task():
    text = PLAN.replace("1.2. Trên mạng xã hội\n", "1.2. Trên mạng xã hội\n- Sản xuất phim tài liệu.\n"
                        "+ Cơ quan chủ trì: Sở Ngoại vụ.\n+ Thời gian thực hiện: Quý III/2026.\n")
    plan = parse_text(text)
    assert [(n.id, n.kind, n.title) for n in plan.node("II.1.2.b1").children] == [
        ("II.1.2.b1.s1", "field", "Cơ quan chủ trì"), ("II.1.2.b1.s2", "field", "Thời gian thực hiện")]
    task = next(t for t in plan.tasks if t.id == "II.1.2.b1")
    assert [a.text for a in task.lead] == ["Sở Ngoại vụ"] and task.deadline.text == "Quý III/2026"
    assert plan.node("II.1.1.a.b1.s1").kind == "bullet"          # "+ Báo in." is no field: a bullet still


def test_a_field_printed_as_a_sentence_of_a_duty_is_read():
    text = PLAN.replace("1.2. Trên mạng xã hội\n", "1.2. Trên mạng xã hội\nSở Ngoại vụ chủ trì, phối hợp với Công an "
                        "tỉnh hướng dẫn phóng viên nước ngoài. Thời gian thực hiện: thường xuyên.\n")
    task = next(t for t in parse_text(text).tasks if t.id == "II.1.2")
    assert task.source == "inline" and [a.text for a in task.lead] == ["Sở Ngoại vụ"]
    assert task.deadline is not None and task.deadline.text == "thường xuyên"
    # … and as a clause after ';'
    text = text.replace(". Thời gian thực hiện: thường xuyên.", "; thời gian: cả năm 2026.")
    task = next(t for t in parse_text(text).tasks if t.id == "II.1.2")
    assert task.deadline is not None and task.deadline.text == "cả năm 2026"


@pytest.mark.parametrize("sentence, amount, source", [
    ("Tổng kinh phí: 1.250.000.000 đồng từ nguồn ngân sách thành phố năm 2026.", 1_250_000_000, "ngân sách thành phố"),
    ("Kinh phí thực hiện từ nguồn ngân sách tỉnh năm 2026.", None, "ngân sách tỉnh"),
    ("Kinh phí do các cơ quan tự bố trí.", None, None),
])
def test_budget_amount_and_source(sentence, amount, source):
    plan = parse_text(PLAN.replace("III. TỔ CHỨC THỰC HIỆN\n", f"III. KINH PHÍ THỰC HIỆN\n{sentence}\nIV. TỔ CHỨC THỰC HIỆN\n"))
    assert (plan.budget.amount_vnd, plan.budget.source) == (amount, source)


def test_spans_point_at_original_lines():
    plan = parse_text(PLAN)
    node = plan.node("II.1.1.b")
    assert (node.span.start_line, node.span.end_line) == (22, 22)
    text = plan.text_of("II.1.1.b")
    start = text.index("Sở Văn hóa")
    span = plan.locate("II.1.1.b", start, start + len("Sở Văn hóa"))
    assert (span.start_line, span.start_char) == (22, start)


@pytest.mark.parametrize("body, codes", [
    ("I. A\n1. x\n2. y\n4. z\n", [("TTDN301", "I.4")]),
    ("I. A\n1. x\n2. y\n2. z\n", [("TTDN302", "I.2_2")]),
    ("I. A\n1. x\n3. y\n2. z\n", [("TTDN303", "I.2")]),
    ("I. A\nII. B\nIV. C\n", [("TTDN301", "IV")]),
    ("I. A\nIII. B\nII. C\n", [("TTDN303", "II")]),
    ("I. A\n1. x\na) Nội dung: a\nc) Cơ quan chủ trì: Sở A\nd) Cơ quan phối hợp: Sở B\nb) Thời gian thực hiện: Năm 2026\n",
     [("TTDN304", "I.1.b")]),
    ("I. A\n1. x\na) một\nc) ba\nd) bốn\n", [("TTDN304", "I.1.c")]),
    ("I. A\n1. x\na) một\nb) hai\nb) hai nữa\n", [("TTDN302", "I.1.b_2")]),
    ("I. A\n1. x\n1.1. y\n1.3. z\n", [("TTDN301", "I.1.3")]),
    ("I. A\n1. x\n2. y\nII. B\n1. z\n2. w\n", []),
    # the STT column of a table, restarted by a group row
    ("I. A\nSTT | Nội dung | Chủ trì\n1 | Việc A | Sở A\n2 | Việc B | Sở B\n4 | Việc D | Sở D\n", [("TTDN301", "I.t1.4")]),
    ("I. A\nSTT | Nội dung | Chủ trì\nI | Nhóm một | \n1 | Việc A | Sở A\n2 | Việc B | Sở B\nII | Nhóm hai | \n"
     "1 | Việc C | Sở C\n", []),
    ("I. A\n1. x\na) một\nb) hai\nc) ba\nd) bốn\nđ) năm\ne) sáu\ng) bảy\n", []),
])
def test_numbering_diagnostics(body, codes):
    plan = parse_text("KẾ HOẠCH\nThử\n" + body)
    assert [(d.code, d.node) for d in plan.diagnostics if d.code.startswith("TTDN30")] == codes


def test_appendix_table_rows():
    text = PLAN + "\n".join([
        "", "\tSTT", "\tNội dung", "\tCơ quan chủ trì", "\tCơ quan phối hợp", "\tThời gian", "",
        "\t1", "\tViệc một", "\tSở A", "\tSở B", "\tQuý I/2026", "",
        "\t2", "\tViệc hai", "\tSở C", "\t", "\tNăm 2026", ""])
    plan = parse_text(text)
    pl = plan.node("PL")
    assert pl is not None and pl.kind == "part"
    rows = [n for n in plan.walk() if n.kind == "row"]
    assert [r.id for r in rows][-2:] == ["PL.1", "PL.2"]
    assert rows[-1].cells == ["2", "Việc hai", "Sở C", "", "Năm 2026"]


@pytest.mark.parametrize("sample", ["binh-thuan-2025.txt", "binh-dinh-2019-2020.txt", "tra-vinh-2023.txt",
                                    "quang-binh-2023.md", "dak-nong-2025.txt"])
def test_lexer_emits_every_line_once(sample):
    from conftest import SAMPLES

    blocks = read_text((SAMPLES / sample).read_bytes())
    texts = [clean_line(b.text) for b in blocks]
    lines = unwrap(blocks, texts, wrap_style(texts, blocks))
    lexed = lex(lines, _position_words())
    owned = [t.line for t in lexed.tokens if t.type not in ("TABLE", "ROW") and t.line >= 0]
    owned += [i for t in lexed.tokens if t.type == "ROW" for i in t.lines]
    owned += lexed.footnotes + lexed.layout
    assert sorted(owned) == list(range(len(lines)))


def test_irregular_text_comes_back_whole():
    text = "Một đoạn văn không có cấu trúc.\n\n3. Mục lẻ\nb) Điểm lẻ\n- gạch\nNơi nhận:\n- A;\nKT. CHỦ TỊCH\n"
    plan = parse_text(text)
    assert any(n.id == "3" for n in plan.walk())
    assert plan.recipients[0].text == "A"
    assert plan.preamble.text == "Một đoạn văn không có cấu trúc."


def test_an_extractor_failure_is_a_finding_not_a_silent_gap(monkeypatch):
    import ttdn_parse.references as references

    def broken(plan):
        raise ValueError("boom")

    monkeypatch.setattr(references, "attach", broken)
    plan = parse_text(PLAN)
    found = [d for d in plan.diagnostics if d.code == "TTDN001"]
    assert len(found) == 1 and "references" in found[0].message and "boom" in found[0].message
    assert plan.sections and plan.tasks          # the structure and the other extractor still stand


def test_a_table_right_after_the_document_type_is_not_the_title():
    plan = parse_text("KẾ HOẠCH\n| STT | Nội dung | Chủ trì |\n| 1 | Việc một | Sở A |\n")
    assert plan.header.title is None
    assert [n.cells for n in plan.walk() if n.kind == "row"] == [["STT", "Nội dung", "Chủ trì"],
                                                                 ["1", "Việc một", "Sở A"]]


def test_text_with_page_breaks_loses_its_running_heads():
    body = ["KẾ HOẠCH\nThử\nI. MỤC ĐÍCH\n- Quảng bá hình ảnh của tỉnh về văn hóa, con",
            "người, du lịch và đầu tư.\nII. NHIỆM VỤ\n1. Tuyên truyền",
            "2. Quảng bá\n3. Hợp tác", "4. Giao lưu\nIII. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"]
    pages = [("" if k == 1 else "UBND TỈNH NGHỆ AN\n\n") + b + f"\nTrang {k}/5\n" for k, b in enumerate(body, 1)]
    plan = parse_text("\f".join(pages))
    texts = " ".join(n.text for n in plan.walk())
    assert "UBND TỈNH NGHỆ AN" not in texts and "Trang" not in texts
    assert plan.node("I.b1").text == "- Quảng bá hình ảnh của tỉnh về văn hóa, con người, du lịch và đầu tư."


@pytest.fixture
def gc_state():
    import gc

    was = gc.isenabled()
    yield gc
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_parse_leaves_the_garbage_collector_as_it_found_it(enabled, gc_state, tmp_path):
    from ttdn_parse import parse_bytes, parse_file
    from ttdn_parse.errors import ReadError
    from ttdn_parse.lint import lint_file

    (gc_state.enable if enabled else gc_state.disable)()
    text = "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Nội dung\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not a zip")
    parse_text(text)
    parse_bytes(text.encode(), "txt")
    parse_file(tmp_path / "a.txt")
    lint_file(str(tmp_path / "a.txt"))
    lint_file(str(tmp_path / "bad.docx"))        # an unreadable file: TTDN000, the state restored as well
    with pytest.raises(ReadError):
        parse_file(tmp_path / "bad.docx")
    assert gc_state.isenabled() is enabled


def test_garbage_collector_pauses_nest_and_pdf_reading_collects(gc_state, monkeypatch):
    from ttdn_parse import parse_bytes
    from ttdn_parse.gcpause import paused_gc, running_gc
    from ttdn_parse.readers import pdf

    gc_state.enable()
    with paused_gc():
        with paused_gc():
            assert not gc_state.isenabled()
        assert not gc_state.isenabled()           # the inner pause ends: still inside the outer one
        with running_gc():
            assert gc_state.isenabled()
        assert not gc_state.isenabled()
    assert gc_state.isenabled()
    seen = []

    def fake_read_pdf(data):                      # pypdf makes cyclic garbage: collected while it reads
        seen.append(gc_state.isenabled())
        return []

    monkeypatch.setattr(pdf, "read_pdf", fake_read_pdf)
    parse_bytes(b"%PDF-1.4", "pdf")
    assert seen == [True]


@pytest.mark.parametrize("value, own, more", [
    ("Sở A; phối hợp: Sở B; thời gian: Quý II/2026.", "Sở A", [("support", "Sở B"), ("deadline", "Quý II/2026")]),
    ("Sở A. Thời gian thực hiện: Thường xuyên", "Sở A", [("deadline", "Thường xuyên")]),
    ("Sở A, Sở B; các cơ quan liên quan", "Sở A, Sở B; các cơ quan liên quan", []),
    ("Sở A; nội dung phối hợp với Sở B", "Sở A; nội dung phối hợp với Sở B", []),     # no 'label:' after ';'
])
def test_fields_that_go_on_on_the_same_line(value, own, more):
    from ttdn_parse.tasks import _split_inline_fields

    assert _split_inline_fields(value) == (own, more)


def test_a_report_whose_addressee_follows_its_deadlines():
    text = PLAN.replace("- Chủ trì triển khai.\n", "- Chủ trì triển khai.\n2. Các sở, ban, ngành định kỳ 6 tháng (trước "
                        "ngày 15/6) và năm (trước ngày 15/12) báo cáo UBND tỉnh qua Sở Ngoại vụ.\n")
    got = [(r.date.isoformat(), r.to) for r in parse_text(text).reporting]
    assert got == [("2026-06-15", "UBND tỉnh"), ("2026-12-15", "UBND tỉnh")]


def test_wrapped_recipient_joins_like_any_wrapped_line():
    """A Nơi nhận entry wrapped after a code's hyphen ("Đài PT-" / "TH Đắk Nông;") joins without a space, as
    the normaliser joins every wrapped line; other continuations with one."""
    text = PLAN.replace("- Bộ Ngoại giao;\n", "- Bộ Ngoại giao;\n- Các đơn vị: Báo Đắk Nông, Đài PT-\nTH Đắk Nông;\n"
                        "- Sở Thông tin và\nTruyền thông;\n")
    assert [r.text for r in parse_text(text).recipients] == [
        "Bộ Ngoại giao", "Các đơn vị: Báo Đắk Nông, Đài PT-TH Đắk Nông", "Sở Thông tin và Truyền thông", "Lưu: VT"]
