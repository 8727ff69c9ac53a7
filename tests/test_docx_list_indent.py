"""Word lists whose printed numbers do not show their level ("1.", "2." of List Number 2 under "2." of List
Number): where Word places each number, and the nesting the parser draws from it."""

from __future__ import annotations

import pytest
from docx_build import abstract, docx, lvl, num, p

from ttdn_parse import parse_bytes
from ttdn_parse.readers.docx import read_docx
from ttdn_parse.readers.numbering import Indent, number_position


@pytest.mark.parametrize("indents,expected", [
    ([], 0),
    ([None, None], 0),
    ([Indent(720, 360, None)], 360),                                  # hanging: the number hangs left of the text
    ([Indent(360, None, 720)], 1080),                                 # first-line indent
    ([Indent(1440, None, None), Indent(720, 360, None)], 1080),       # left from the first, hanging from the next
    ([Indent(None, None, 0), Indent(720, 360, None)], 720),           # a first-line 0 cancels the hanging below it
    ([None, Indent(None, 200, None), Indent(900, None, 100)], 700),
    ([Indent(-360, None, None)], -360),                               # into the margin
])
def test_number_position_takes_each_attribute_from_the_strongest(indents, expected):
    assert number_position(indents) == expected


def ind(left: int, hanging: int = 360) -> str:
    return f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>'


# two lists as python-docx's template has them: List Number (abstract 1) and List Number 2 (abstract 2)
TWO_LISTS = (abstract(1, lvl(0, "decimal", "%1.", extra=ind(360)))
             + abstract(2, lvl(0, "decimal", "%1.", extra=ind(720)))
             + abstract(3, lvl(0, "bullet", "-", extra=ind(720)))
             + num(1, 1) + num(2, 2) + num(3, 3))
# one list whose second level prints "%2." further right
ONE_LIST = abstract(1, lvl(0, "decimal", "%1.", extra=ind(360)), lvl(1, "decimal", "%2.", extra=ind(1080))) + num(1, 1)


def outline(data: bytes) -> list[tuple[str, str, str]]:
    """(id, printed label, title) of every item, depth first."""
    out = []

    def walk(nodes):
        for n in nodes:
            if n.kind == "item":
                out.append((n.id, n.label, n.title))
            walk(n.children)
    walk(parse_bytes(data, "docx").sections)
    return out


def codes(data: bytes) -> list[str]:
    return [d.code for d in parse_bytes(data, "docx").diagnostics]


def plan(body: str) -> str:
    return (p("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") + p("KẾ HOẠCH") + p("Thông tin đối ngoại năm 2026")
            + p("Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ;") + body)


def test_the_reader_gives_where_each_number_stands():
    body = (p("A", num=(1, 0)) + p("B", num=(2, 0)) + p("C", num=(2, 0), ppr='<w:ind w:left="1440" w:hanging="360"/>')
            + p("typed 3. D") + p("E", num=(3, 0)))
    blocks = read_docx(docx(body, numbering=TWO_LISTS))[0]
    assert [(b.text, b.number_at) for b in blocks] == [
        ("1. A", 0), ("1. B", 360), ("2. C", 1080), ("typed 3. D", None), ("- E", None)]   # a bullet's place is not needed


def test_the_style_indent_counts_below_the_level_and_the_paragraph():
    styles = ('<w:style w:type="paragraph" w:styleId="Deep"><w:pPr><w:ind w:left="2000" w:hanging="500"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Deeper"><w:basedOn w:val="Deep"/></w:style>')
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + abstract(2, lvl(0, "decimal", "%1.", extra=ind(360))) \
        + num(1, 1) + num(2, 2)
    body = p("A", num=(1, 0), style="Deeper") + p("B", num=(2, 0), style="Deeper")
    blocks = read_docx(docx(body, numbering=numbering, styles=styles))[0]
    assert [b.number_at for b in blocks] == [1500, 0]      # the style's; the list level's over the style's


def test_a_list_that_comes_with_the_style_takes_the_style_indent_first():
    # Word: a paragraph that names its list itself takes the level's w:ind as direct formatting, over its
    # style's; a list inherited from the style comes below the style's own w:ind
    styles = ('<w:style w:type="paragraph" w:styleId="Sub"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr>'
              '<w:ind w:left="1440"/></w:pPr></w:style>')
    numbering = abstract(2, lvl(0, "decimal", "%1.", extra=ind(360))) + num(2, 2)
    body = p("A", style="Sub") + p("B", style="Sub", num=(2, 0)) + p("C", style="Sub", ppr='<w:ind w:left="720"/>')
    blocks = read_docx(docx(body, numbering=numbering, styles=styles))[0]
    # the style's left with the level's hanging; the level's; the paragraph's left with the level's hanging
    assert [(b.text, b.number_at) for b in blocks] == [("1. A", 1080), ("2. B", 0), ("3. C", 360)]


@pytest.mark.parametrize("numbering,marks", [
    (TWO_LISTS, {1: (1, 0), 2: (2, 0)}),       # List Number, List Number 2
    (ONE_LIST, {1: (1, 0), 2: (1, 1)}),        # one list, its second level
])
def test_numbers_indented_under_an_item_nest_under_it(numbering, marks):
    top, sub = marks[1], marks[2]
    body = plan(p("MỤC TIÊU", num=top) + p("NHIỆM VỤ", num=top)
                + p("Tuyên truyền về biển đảo", num=sub) + p("Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch")
                + p("Tổ chức hội nghị", num=sub)
                + p("KINH PHÍ", num=top))
    data = docx(body, numbering=numbering)
    assert outline(data) == [("1", "1.", "MỤC TIÊU"), ("2", "2.", "NHIỆM VỤ"),
                             ("2.1", "1.", "Tuyên truyền về biển đảo"), ("2.2", "2.", "Tổ chức hội nghị"),
                             ("3", "3.", "KINH PHÍ")]
    assert "TTDN302" not in codes(data) and "TTDN301" not in codes(data)
    task = parse_bytes(data, "docx").tasks[0]
    assert task.node == "2.1" and task.lead[0].canonical == "Sở Văn hóa, Thể thao và Du lịch"


def test_without_indentation_the_numbers_stay_siblings_as_printed():
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + abstract(2, lvl(0, "decimal", "%1.")) + num(1, 1) + num(2, 2)
    body = plan(p("MỤC TIÊU", num=(1, 0)) + p("NHIỆM VỤ", num=(1, 0)) + p("Tuyên truyền", num=(2, 0)))
    data = docx(body, numbering=numbering)
    assert [i for i, _, _ in outline(data)] == ["1", "2", "1_2"]
    assert "TTDN302" in codes(data)          # what the page shows: "1." twice at the same place


def test_a_number_that_shows_its_level_keeps_it():
    numbering = abstract(1, lvl(0, "decimal", "%1.", extra=ind(360)), lvl(1, "decimal", "%1.%2.", extra=ind(1080))) \
        + num(1, 1)
    body = plan(p("NHIỆM VỤ", num=(1, 0)) + p("Tuyên truyền", num=(1, 1)) + p("Hội nghị", num=(1, 1)))
    assert outline(docx(body, numbering=numbering)) == [
        ("1", "1.", "NHIỆM VỤ"), ("1.1", "1.1.", "Tuyên truyền"), ("1.2", "1.2.", "Hội nghị")]


def test_typed_numbers_and_sections_close_the_list_items():
    numbering = TWO_LISTS + abstract(4, lvl(0, "upperRoman", "%1.", extra=ind(0, 0))) + num(4, 4)
    body = plan(p("NHIỆM VỤ", num=(4, 0))
                + p("Tuyên truyền", num=(1, 0)) + p("Biển đảo", num=(2, 0))
                + p("2. Hội nghị")                                # typed: closes 1. and its 1.
                + p("Hội thảo", num=(2, 0))                       # no open automatic item: as printed
                + p("KINH PHÍ", num=(4, 0)) + p("Ngân sách", num=(1, 0)) + p("Tài trợ", num=(2, 0)))
    # the lists run on across the sections (Word restarts a list only at a higher level of the same list)
    assert outline(docx(body, numbering=numbering)) == [
        ("I.1", "1.", "Tuyên truyền"), ("I.1.1", "1.", "Biển đảo"), ("I.2", "2.", "Hội nghị"),
        ("I.2_2", "2.", "Hội thảo"), ("II.2", "2.", "Ngân sách"), ("II.2.3", "3.", "Tài trợ")]


# --- any mix of lists, levels, indents and typed numbers ---------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MIXED = (abstract(1, lvl(0, "decimal", "%1.", extra=ind(360)), lvl(1, "decimal", "%2.", extra=ind(1080)),
                  lvl(2, "decimal", "%2.%3.", extra=ind(1440)), lvl(3, "lowerLetter", "%4)", extra=ind(1800)))
         + abstract(2, lvl(0, "decimal", "%1.", extra=ind(720)))
         + abstract(3, lvl(0, "decimal", "%1.")) + abstract(4, lvl(0, "upperRoman", "%1.", extra=ind(0, 0)))
         + num(1, 1) + num(2, 2) + num(3, 3) + num(4, 4))

paragraph = st.one_of(
    st.tuples(st.sampled_from([(1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (3, 0), (4, 0)]),
              st.sampled_from(["", '<w:ind w:left="2880" w:hanging="360"/>', '<w:ind w:left="0" w:firstLine="0"/>'])),
    st.sampled_from(["1. Việc gõ tay", "2.1. Mục gõ tay", "a) điểm", "- gạch đầu dòng", "Đoạn văn."]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, max_size=25))
def test_any_list_layout_parses_whole_with_unique_ids_and_printed_labels(paras):
    body = "".join(p(f"Nội dung {k}", num=x[0], ppr=x[1]) if isinstance(x, tuple) else p(x)
                   for k, x in enumerate(paras))
    data = docx(plan(body), numbering=MIXED)
    blocks = read_docx(data)[0]
    plan_ = parse_bytes(data, "docx")
    assert plan_.to_json() == parse_bytes(data, "docx").to_json()      # deterministic
    ids = [n.id for n in plan_.walk()]
    assert len(ids) == len(set(ids))
    # every numbered paragraph is a node that keeps the label Word prints
    printed = [b.text.split(" ", 1)[0] for b in blocks[4:]]
    labels = [n.label for n in plan_.walk() if n.kind in ("item", "section", "clause", "bullet") and n.label]
    assert [x for x in printed if x[:1].isdigit() or x[:1] in "IVX"] == \
        [x for x in labels if x[:1].isdigit() or x[:1] in "IVX"]
