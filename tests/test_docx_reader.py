"""The .docx reader on small generated packages: numbering, notes, tables, revisions, fields, fonts."""

from __future__ import annotations

import pytest
from docx_build import abstract, docx, lvl, num, p, r
from lxml import etree

from ttdn_parse.readers.docx import Styles, read_docx, styles_subset
from ttdn_parse.readers.numbering import _template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_docx(data)[0]]


# --- numbering -------------------------------------------------------------------------------------------

PLAN_LIST = abstract(
    1,
    lvl(0, "upperRoman", "%1.", extra='<w:suff w:val="space"/>'),
    lvl(1, "decimal", "%2."),
    lvl(2, "decimal", "%2.%3."),
    lvl(3, "decimal", "%2.%3.%4."),
    lvl(4, "lowerLetter", "%5)"),
    lvl(5, "bullet", "-"),
    lvl(6, "bullet", "\uf0b7"),
    lvl(7, "bullet", "+"),
)


def test_multilevel_labels_and_restart():
    body = "".join([
        p("MỤC ĐÍCH", num=(1, 0)), p("Mục đích", num=(1, 1)), p("Yêu cầu", num=(1, 1)),
        p("NỘI DUNG", num=(1, 0)), p("Ban hành", num=(1, 1)), p("Triển khai", num=(1, 1)),
        p("Quán triệt", num=(1, 2)), p("Hướng dẫn", num=(1, 2)), p("Theo dõi", num=(1, 2)),
        p("Quản lý", num=(1, 3)), p("Nội dung", num=(1, 4)), p("Cơ quan chủ trì: Sở", num=(1, 4)),
        p("Họp báo", num=(1, 3)), p("Nội dung", num=(1, 4)),
        p("ý một", num=(1, 5)), p("ý hai", num=(1, 6)), p("ý con", num=(1, 7)),
        p("KINH PHÍ", num=(1, 0)), p("Ngân sách", num=(1, 1)),
    ])
    got = texts(docx(body, numbering=PLAN_LIST + num(1, 1)))
    assert got == [
        "I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu",
        "II. NỘI DUNG", "1. Ban hành", "2. Triển khai",
        "2.1. Quán triệt", "2.2. Hướng dẫn", "2.3. Theo dõi",
        "2.3.1. Quản lý", "a) Nội dung", "b) Cơ quan chủ trì: Sở",
        "2.3.2. Họp báo", "a) Nội dung",
        "- ý một", "- ý hai", "+ ý con",
        "III. KINH PHÍ", "1. Ngân sách",
    ]


@pytest.mark.parametrize("fmt,start,expected", [
    ("decimal", 1, ["1.", "2.", "3."]),
    ("decimalZero", 8, ["08.", "09.", "10."]),
    ("upperRoman", 3, ["III.", "IV.", "V."]),
    ("lowerRoman", 8, ["viii.", "ix.", "x."]),
    ("upperLetter", 25, ["Y.", "Z.", "AA."]),
    ("lowerLetter", 1, ["a.", "b.", "c."]),
    ("vietnameseCounting", 20, ["hai mươi.", "hai mươi mốt.", "hai mươi hai."]),
])
def test_number_formats(fmt, start, expected):
    numbering = abstract(1, lvl(0, fmt, "%1.", start=start)) + num(1, 1)
    got = texts(docx(p("x", num=(1, 0)) * 3, numbering=numbering))
    assert got == [f"{e} x" for e in expected]


def test_custom_number_format_in_alternate_content():
    """Word 2010+ writes a custom format ("001, 002, 003, ...") in mc:AlternateContent, with a standard
    Fallback for older readers: the zero-padded numbers are rendered; a custom format ttdn cannot render
    takes the Fallback; either way the number places an item like a decimal one."""
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

    def alt(choice: str, fallback: str) -> str:
        return (f'<mc:AlternateContent {mc}><mc:Choice Requires="w14">{choice}</mc:Choice>'
                f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")

    def level(fmt_xml: str) -> str:
        return f'<w:lvl w:ilvl="0"><w:start w:val="1"/>{fmt_xml}<w:lvlText w:val="%1."/></w:lvl>'

    three = alt('<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>', '<w:numFmt w:val="decimal"/>')
    other = alt('<w:numFmt w:val="custom" w:format="一, 二, 三, ..."/>', '<w:numFmt w:val="decimalZero"/>')
    numbering = (abstract(1, level(three)) + abstract(2, level(other)) + num(1, 1) + num(2, 2))
    blocks, _ = read_docx(docx(p("a", num=(1, 0)) + p("b", num=(1, 0)) + p("c", num=(2, 0)), numbering=numbering))
    assert [b.text for b in blocks] == ["001. a", "002. b", "01. c"]
    assert all(b.number_at is not None for b in blocks)


def test_bullet_glyphs_of_symbol_fonts():
    """A bullet level's glyph is read in the level's font: "\uf02b" in Symbol is "+" (the sub-bullet, as
    LibreOffice writes a .doc's "+" list), "\uf0b7" a bullet, Wingdings' "\uf0d8" an arrowhead bullet."""
    def bullet(ilvl: int, glyph: str, font: str) -> str:
        return lvl(ilvl, "bullet", glyph, extra=f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>')

    numbering = abstract(1, bullet(0, "\uf0b7", "Symbol"), bullet(1, "\uf02b", "Symbol"),
                         bullet(2, "\uf0d8", "Wingdings")) + num(1, 1)
    body = p("một", num=(1, 0)) + p("hai", num=(1, 1)) + p("ba", num=(1, 2))
    assert texts(docx(body, numbering=numbering)) == ["- một", "+ hai", "- ba"]


def test_number_hidden_by_its_level_is_counted_not_shown():
    numbering = abstract(1, lvl(0, "decimal", "%1.", extra="<w:rPr><w:vanish/></w:rPr>"),
                         lvl(1, "decimal", "%1.%2.")) + num(1, 1)
    body = p("Nội dung", num=(1, 0)) + p("Mục con", num=(1, 1)) + p("Tiếp", num=(1, 0))
    assert texts(docx(body, numbering=numbering)) == ["Nội dung", "1.1. Mục con", "Tiếp"]


def test_none_format_keeps_literal_text():
    numbering = abstract(1, lvl(0, "none", "Điều:")) + num(1, 1)
    assert texts(docx(p("x", num=(1, 0)), numbering=numbering)) == ["Điều: x"]


def test_dash_style_and_suffixes():
    numbering = (abstract(1, lvl(0, "upperRoman", "%1-", extra='<w:suff w:val="space"/>'))
                 + abstract(2, lvl(0, "decimal", "%1.", extra='<w:suff w:val="nothing"/>'))
                 + num(1, 1) + num(2, 2))
    got = texts(docx(p("MỤC ĐÍCH", num=(1, 0)) + p("KINH PHÍ", num=(1, 0)) + p("x", num=(2, 0)),
                     numbering=numbering))
    assert got == ["I- MỤC ĐÍCH", "II- KINH PHÍ", "1.x"]


def test_start_override_gives_out_of_order_letters():
    # a) c) d) b): the second and third lists restart the letter level with startOverride
    numbering = (abstract(1, lvl(0, "lowerLetter", "%1)"))
                 + num(1, 1)
                 + num(2, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>')
                 + num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/></w:lvlOverride>'))
    body = p("Nội dung", num=(1, 0)) + p("Chủ trì", num=(2, 0)) + p("Phối hợp", num=(2, 0)) + p("Thời gian", num=(3, 0))
    assert texts(docx(body, numbering=numbering)) == ["a) Nội dung", "c) Chủ trì", "d) Phối hợp", "b) Thời gian"]


def test_nums_sharing_an_abstract_continue_and_override_restarts():
    numbering = (abstract(1, lvl(0, "decimal", "%1."))
                 + num(1, 1) + num(2, 1)
                 + num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'))
    body = p("a", num=(1, 0)) + p("b", num=(2, 0)) + p("c", num=(1, 0)) + p("d", num=(3, 0)) + p("e", num=(3, 0))
    assert texts(docx(body, numbering=numbering)) == ["1. a", "2. b", "3. c", "1. d", "2. e"]


@pytest.mark.parametrize(("text", "pieces"), [
    ("%1.", (0, ".")),
    ("%1)", (0, ")")),
    ("(%1)", ("(", 0, ")")),
    ("%1.%2.%3.", (0, ".", 1, ".", 2, ".")),
    ("Điều %1:", ("Điều ", 0, ":")),
    ("%0-%1", ("-", 0)),          # %0 names no level: nothing printed
    ("100%", ("100%",)),          # a % not before a digit is text
    ("%%1", ("%", 0)),
    ("", ()),
])
def test_lvl_text_template_pieces(text, pieces):
    assert _template(text) == pieces


def test_lvl_text_template_literal_and_levels_rendered():
    numbering = abstract(1, lvl(0, "upperRoman", "Phần %1 -"), lvl(1, "decimal", "%1.%2%")) + num(1, 1)
    body = p("A", num=(1, 0)) + p("a", num=(1, 1))
    assert texts(docx(body, numbering=numbering)) == ["Phần I - A", "I.1% a"]


def test_lvl_override_replaces_level():
    numbering = (abstract(1, lvl(0, "decimal", "%1."))
                 + num(1, 1, '<w:lvlOverride w:ilvl="0">' + lvl(0, "upperLetter", "(%1)", start=4) + "</w:lvlOverride>"))
    assert texts(docx(p("x", num=(1, 0)) * 2, numbering=numbering)) == ["(D) x", "(E) x"]


def test_lvl_restart_zero_never_restarts():
    numbering = abstract(1, lvl(0, "upperRoman", "%1."),
                         lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')) + num(1, 1)
    body = p("A", num=(1, 0)) + p("a", num=(1, 1)) + p("B", num=(1, 0)) + p("b", num=(1, 1))
    assert texts(docx(body, numbering=numbering)) == ["I. A", "1. a", "II. B", "2. b"]


def test_lvl_restart_after_level_one_only():
    # level 2 restarts only after level 1 (ilvl 0), not after level 2 (ilvl 1)
    numbering = abstract(1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%2."),
                         lvl(2, "lowerLetter", "%3)", extra='<w:lvlRestart w:val="1"/>')) + num(1, 1)
    body = (p("A", num=(1, 0)) + p("x", num=(1, 2)) + p("1", num=(1, 1)) + p("y", num=(1, 2))
            + p("B", num=(1, 0)) + p("z", num=(1, 2)))
    assert texts(docx(body, numbering=numbering)) == ["I. A", "a) x", "1. 1", "b) y", "II. B", "a) z"]


def test_is_lgl_renders_decimal():
    numbering = abstract(1, lvl(0, "upperRoman", "%1."),
                         lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>")) + num(1, 1)
    body = p("A", num=(1, 0)) + p("B", num=(1, 0)) + p("b", num=(1, 1))
    assert texts(docx(body, numbering=numbering)) == ["I. A", "II. B", "2.1. b"]


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="H1"/>'
    '<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>'
)


def test_numbering_inherited_from_styles_and_basedon():
    numbering = abstract(1, lvl(0, "upperRoman", "%1.", extra='<w:pStyle w:val="H1"/>'), lvl(1, "decimal", "%2.")) + num(1, 1)
    body = (p("MỤC ĐÍCH", style="H1") + p("Mục đích", style="H2") + p("NỘI DUNG", style="H1b")
            + p("không số", style="Plain") + p("Việc", style="H2"))
    assert texts(docx(body, numbering=numbering, styles=STYLES)) == [
        "I. MỤC ĐÍCH", "1. Mục đích", "II. NỘI DUNG", "không số", "1. Việc"]


def test_num_style_link():
    styles = STYLES + ('<w:style w:type="numbering" w:styleId="PlanList">'
                       '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>')
    numbering = (abstract(1, lvl(0, "upperRoman", "%1."))
                 + '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="PlanList"/></w:abstractNum>'
                 + num(5, 1) + num(6, 2))
    assert texts(docx(p("A", num=(6, 0)) + p("B", num=(5, 0)), numbering=numbering, styles=styles)) == ["I. A", "II. B"]


def test_numbered_empty_paragraph_and_num_zero():
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    assert texts(docx(p("", num=(1, 0)) + p("x", num=(0, 0)) + p("y", num=(1, 0)), numbering=numbering)) == ["1.", "x", "2. y"]


# --- locations, tables -----------------------------------------------------------------------------------

def tc(text: str, pr: str = "") -> str:
    return f"<w:tc>{'<w:tcPr>' + pr + '</w:tcPr>' if pr else ''}{p(text)}</w:tc>"


def test_blocks_locations_and_merged_cells():
    restart, cont, span2 = '<w:vMerge w:val="restart"/>', "<w:vMerge/>", '<w:gridSpan w:val="2"/>'
    table = ("<w:tbl>"
             + "<w:tr>" + tc("STT") + tc("Nội dung") + tc("Chủ trì") + tc("Phối hợp") + "</w:tr>"
             + "<w:tr>" + tc("1", restart) + tc("Việc gộp", span2) + tc("Sở A") + "</w:tr>"
             + "<w:tr>" + tc("", cont) + tc("Việc hai") + tc("Sở B") + tc("") + "</w:tr>"
             + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("lùi") + "</w:tr>"
             + "</w:tbl>")
    blocks, _ = read_docx(docx(p("Trước") + table + p("Sau")))
    got = [(b.text, b.para, b.table, b.row, b.cell) for b in blocks]
    assert got == [
        ("Trước", 1, None, None, None),
        ("STT", 2, 1, 1, 1), ("Nội dung", 3, 1, 1, 2), ("Chủ trì", 4, 1, 1, 3), ("Phối hợp", 5, 1, 1, 4),
        ("1", 6, 1, 2, 1), ("Việc gộp", 7, 1, 2, 2), ("Sở A", 8, 1, 2, 4),
        # row 3: the merged STT cell continues (no block)
        ("Việc hai", 10, 1, 3, 2), ("Sở B", 11, 1, 3, 3), ("", 12, 1, 3, 4),
        ("lùi", 13, 1, 4, 2),
        ("Sau", 14, None, None, None),
    ]
    assert [b.line for b in blocks] == list(range(1, len(blocks) + 1))


def test_nested_table_and_cell_paragraphs():
    inner = f"<w:tbl><w:tr>{tc('trong')}</w:tr></w:tbl>"
    table = f"<w:tbl><w:tr><w:tc>{p('một')}{p('hai')}{inner}</w:tc>{tc('bên')}</w:tr></w:tbl>"
    blocks, _ = read_docx(docx(table + f"<w:tbl><w:tr>{tc('bảng ba')}</w:tr></w:tbl>"))
    assert [(b.text, b.table, b.row, b.cell) for b in blocks] == [
        ("một", 1, 1, 1), ("hai", 1, 1, 1), ("trong", 2, 1, 1), ("bên", 1, 1, 2), ("bảng ba", 3, 1, 1)]


def test_line_breaks_split_blocks_same_para_and_tabs_kept():
    runs = r("KT. CHỦ TỊCH") + "<w:r><w:br/></w:r>" + r("PHÓ CHỦ TỊCH") + "<w:r><w:tab/></w:r>" + r("x")
    blocks, _ = read_docx(docx(p(runs=runs) + p("sau")))
    assert [(b.text, b.para, b.line) for b in blocks] == [
        ("KT. CHỦ TỊCH", 1, 1), ("PHÓ CHỦ TỊCH\tx", 1, 2), ("sau", 2, 3)]


# --- revisions, fields, controls, hidden, caps ---------------------------------------------------------------

def test_revisions_fields_sdt_hyperlinks():
    runs = (r("Căn cứ ")
            + '<w:ins w:id="1" w:author="a">' + r("Nghị định ") + "</w:ins>"
            + '<w:del w:id="2" w:author="a"><w:r><w:delText>bị xóa </w:delText></w:r></w:del>'
            + '<w:moveFrom w:id="3" w:author="a">' + r("chuyển đi ") + "</w:moveFrom>"
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("số 72/2015/NĐ-CP")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + '<w:hyperlink r:id="rId99">' + r(" của Chính phủ") + "</w:hyperlink>"
            + "<w:sdt><w:sdtPr/><w:sdtContent>" + r("; ngày 07/9/2015") + "</w:sdtContent></w:sdt>"
            + '<w:fldSimple w:instr=" PAGE ">' + r(" (3)") + "</w:fldSimple>"
            + r(" ẩn", "<w:vanish/>"))
    body = p(runs=runs) + "<w:sdt><w:sdtContent>" + p("trong điều khiển") + "</w:sdtContent></w:sdt>"
    body += '<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="a"/></w:rPr></w:pPr></w:p>' + p("cuối")
    assert texts(docx(body)) == ["Căn cứ Nghị định số 72/2015/NĐ-CP của Chính phủ; ngày 07/9/2015 (3)",
                                 "trong điều khiển", "cuối"]


def test_moved_away_and_deleted_numbered_paragraphs_are_not_counted():
    """Word's final view: a paragraph moved away (w:moveFrom on its mark) is gone, number and all, like a
    deleted one; the copy moved in (w:moveTo) takes its place."""
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    move_from = '<w:rPr><w:moveFrom w:id="1" w:author="a"/></w:rPr>'
    deleted = '<w:rPr><w:del w:id="2" w:author="a"/></w:rPr>'
    body = (p(runs='<w:moveTo w:id="3" w:author="a">' + r("Việc hai") + "</w:moveTo>", num=(1, 0))
            + p(runs='<w:moveFrom w:id="4" w:author="a">' + r("Việc hai") + "</w:moveFrom>", num=(1, 0),
                ppr=move_from)
            + p("Việc một", num=(1, 0))
            + p(runs='<w:del w:id="5" w:author="a"><w:r><w:delText>Việc cũ</w:delText></w:r></w:del>',
                num=(1, 0), ppr=deleted)
            + p("Việc ba", num=(1, 0)))
    assert texts(docx(body, numbering=numbering)) == ["1. Việc hai", "2. Việc một", "3. Việc ba"]


def test_deleted_paragraph_mark_runs_the_text_on_into_the_next_paragraph():
    """Only the mark deleted (tracked): the text joins the next paragraph, which gives the number (ECMA-376
    17.13.5.15); with nothing after it in its cell, the text stays a paragraph there."""
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    gone = '<w:rPr><w:del w:id="1" w:author="a"/></w:rPr>'
    body = (p("Căn cứ Luật ", ppr=gone) + p("Tổ chức chính quyền địa phương;", num=(1, 0))
            + p("Một ", ppr=gone) + p("hai ", ppr=gone) + p("ba.", num=(1, 0))
            + "<w:tbl><w:tr>" + tc_raw(p("Ô cuối", ppr=gone)) + "</w:tr></w:tbl>" + p("Sau"))
    blocks, _ = read_docx(docx(body, numbering=numbering))
    assert [(b.text, b.para, b.cell) for b in blocks] == [
        ("1. Căn cứ Luật Tổ chức chính quyền địa phương;", 1, None), ("2. Một hai ba.", 3, None),
        ("Ô cuối", 6, 1), ("Sau", 7, None)]


def tc_raw(content: str) -> str:
    return f"<w:tc>{content}</w:tc>"


def test_hidden_numbered_paragraph_counts_but_shows_nothing():
    """A paragraph whose text and mark are hidden (w:vanish, here from its style) shows nothing, not even its
    number; Word still counts it. A number of an empty paragraph with a visible mark stays (see above)."""
    numbering = abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)
    styles = ('<w:style w:type="paragraph" w:styleId="An"><w:name w:val="An"/><w:rPr><w:vanish/></w:rPr>'
              "</w:style>")
    hidden_mark = "<w:rPr><w:vanish/></w:rPr>"
    body = (p("Một", num=(1, 0)) + p("ẩn", num=(1, 0), style="An") + p("Ba", num=(1, 0))
            + p(runs=r("ẩn nữa", "<w:vanish/>"), num=(1, 0), ppr=hidden_mark) + p("Năm", num=(1, 0)))
    assert texts(docx(body, numbering=numbering, styles=styles)) == ["1. Một", "3. Ba", "5. Năm"]


def test_deleted_table_row_is_not_on_the_page():
    """A row deleted with track changes (w:trPr/w:del) is gone: the rows after it keep their places."""
    deleted = '<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>' + tc("2") + tc("Việc B") + "</w:tr>"
    table = ("<w:tbl>" + "<w:tr>" + tc("1") + tc("Việc A") + "</w:tr>" + deleted
             + "<w:tr>" + tc("2") + tc("Việc C") + "</w:tr></w:tbl>")
    blocks, _ = read_docx(docx(table + p("Sau")))
    assert [(b.text, b.row, b.cell, b.para) for b in blocks] == [
        ("1", 1, 1, 1), ("Việc A", 1, 2, 2), ("2", 2, 1, 5), ("Việc C", 2, 2, 6), ("Sau", None, None, 7)]


def test_field_marks_in_hidden_runs_still_count():
    """Word hides a field's instruction and its separator together (w:vanish on their runs): the result
    after them is shown."""
    hidden = "<w:rPr><w:vanish/></w:rPr>"
    runs = (r("Xem ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + f'<w:r>{hidden}<w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>'
            + f'<w:r>{hidden}<w:fldChar w:fldCharType="separate"/></w:r>'
            + r("Quyết định 123") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r(" nhé"))
    assert texts(docx(p(runs=runs))) == ["Xem Quyết định 123 nhé"]


def test_caps_from_run_and_style():
    styles = ('<w:style w:type="paragraph" w:styleId="T"><w:rPr><w:caps/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="C"><w:rPr><w:caps/></w:rPr></w:style>')
    body = p("kế hoạch", style="T") + p(runs=r("a", "<w:caps/>") + r("b") + r("c", '<w:rStyle w:val="C"/>'))
    assert texts(docx(body, styles=styles)) == ["KẾ HOẠCH", "AbC"]


# --- notes and comments ----------------------------------------------------------------------------------

FOOTNOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="7"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
    + r(" Quyết định số 1944/QĐ-UBND ngày 07/11/2024.") + "</w:p></w:footnote>"
    '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r>' + r(" Kỷ niệm 50 năm") + "</w:p>"
    + p("đoạn hai") + "</w:footnote>"
    '<w:footnote w:id="4"><w:p>' + r(" Ghi chú sao") + "</w:p></w:footnote>"
)


def test_footnotes_numbered_in_reference_order():
    body = (p(runs=r("xúc tiến") + '<w:r><w:footnoteReference w:id="7"/></w:r>' + r("."))
            + p(runs=r("năm 2023") + '<w:r><w:footnoteReference w:id="3"/></w:r>')
            + p(runs=r("sao") + '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="4"/><w:t>*</w:t></w:r>'))
    blocks, notes = read_docx(docx(body, footnotes=FOOTNOTES))
    assert [b.text for b in blocks] == ["xúc tiến[1].", "năm 2023[2]", "sao[*]"]
    assert notes == [("1", "Quyết định số 1944/QĐ-UBND ngày 07/11/2024."), ("2", "Kỷ niệm 50 năm đoạn hai"),
                     ("*", "Ghi chú sao")]


def test_endnotes_lower_roman_and_settings_format():
    endnotes = '<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r>' + r(" cuối sách") + "</w:p></w:endnote>"
    body = p(runs=r("x") + '<w:r><w:endnoteReference w:id="2"/></w:r>')
    assert read_docx(docx(body, endnotes=endnotes))[1] == [("i", "cuối sách")]
    settings = '<w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr>'
    body = p(runs=r("x") + '<w:r><w:footnoteReference w:id="7"/></w:r>')
    blocks, notes = read_docx(docx(body, footnotes=FOOTNOTES, settings=settings))
    assert blocks[0].text == "x[a]" and notes[0][0] == "a"


def test_note_numbering_set_in_the_section():
    """Word's Footnote dialog writes the format and start into the section properties (w:sectPr), which
    come after the body that cites the notes: they apply there too, over settings.xml."""
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId9"/>'     # as Word writes it: r: prefix
            '<w:footnotePr><w:numFmt w:val="upperRoman"/><w:numStart w:val="3"/></w:footnotePr>'
            '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    body = p(runs=r("x") + '<w:r><w:footnoteReference w:id="7"/></w:r>') + sect
    settings = '<w:footnotePr><w:numFmt w:val="lowerLetter"/></w:footnotePr>'
    blocks, notes = read_docx(docx(body, footnotes=FOOTNOTES, settings=settings))
    assert blocks[0].text == "x[III]" and notes[0][0] == "III"


def test_comments_on_paragraph():
    comments = ('<w:comment w:id="5" w:author="A">' + p("Thiếu cơ quan chủ trì") + "</w:comment>"
                '<w:comment w:id="6" w:author="B">' + p("Sai năm") + "</w:comment>")
    body = (p(runs='<w:commentRangeStart w:id="5"/>' + r("Việc một") + '<w:commentRangeEnd w:id="5"/>'
              '<w:r><w:commentReference w:id="5"/></w:r>')
            + p("Việc hai")
            + p(runs=r("Năm 2024") + '<w:r><w:commentReference w:id="6"/></w:r>'))
    blocks, _ = read_docx(docx(body, comments=comments))
    assert [b.comments for b in blocks] == [["Thiếu cơ quan chủ trì"], [], ["Sai năm"]]


# --- legacy fonts ----------------------------------------------------------------------------------------

def test_tcvn3_and_vni_runs_converted():
    tc3 = '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>'
    tch = '<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>'
    vni = '<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>'
    body = (p(runs=r("KÕ ho¹ch c«ng t¸c th«ng tin ®èi ngo¹i", tc3))
            + p(runs=r("KÕ ho¹ch", tch))
            + p(runs=r("Ñaêk Noâng, ngaøy 23 thaùng 10 naêm 2024", vni))
            + p(runs=r("Số 678/KH-UBND")))
    assert texts(docx(body)) == ["Kế hoạch công tác thông tin đối ngoại", "KẾ HOẠCH",
                                 "Đăk Nông, ngày 23 tháng 10 năm 2024", "Số 678/KH-UBND"]


def test_legacy_font_from_paragraph_style():
    styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
              '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>')
    body = p("Thùc hiÖn NghÞ ®Þnh") + p(runs=r("Times", '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'))
    assert texts(docx(body, styles=styles)) == ["Thực hiện Nghị định", "Times"]


def test_styles_with_another_prefix_fall_back_to_full_parse():
    from ttdn_parse.readers.docx import styles_subset

    raw = (b'<?xml version="1.0"?><x:styles xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<x:style x:type="paragraph" x:styleId="T"><x:rPr><x:caps/></x:rPr></x:style></x:styles>')
    root = styles_subset(raw, {b"T"})
    assert len(root) == 1
    subset = styles_subset(raw.replace(b"x:", b"w:").replace(b"xmlns:x", b"xmlns:w"), set())
    assert len(subset) == 0  # unused style left out


def test_the_styles_read_come_in_the_same_order_in_every_run():
    # the ids a document names are a set: in hash order, two default paragraph styles (a damaged file) could
    # make either one the default from one run to the next
    import subprocess
    import sys

    from ttdn_parse.readers.docx import styles_subset

    raw = (b'<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           + b"".join(b'<w:style w:type="paragraph" w:default="1" w:styleId="S%d"></w:style>' % k for k in range(8))
           + b"</w:styles>")
    code = ("import sys; from ttdn_parse.readers.docx import styles_subset; "
            f"print([e.get('{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}styleId') "
            f"for e in styles_subset({raw!r}, {{b'S%d' % k for k in range(8)}})])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(6)}
    assert len(runs) == 1 and "S0" in runs.pop()
    # the first default paragraph style counts: it and the style named are read, not the other defaults
    subset = styles_subset(raw, {b"S5"})
    assert [e.get(W + "styleId") for e in subset] == ["S0", "S5"]
    assert Styles(subset).default_para == Styles(etree.fromstring(raw)).default_para == "S0"


def _styles_xml(*styles: str, filler: int = 0) -> bytes:
    pad = "".join(f'<w:style w:type="paragraph" w:styleId="Pad{k}"><w:name w:val="pad {k}"/></w:style>'
                  for k in range(filler))
    return ('<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>'
            '</w:rPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
            + "".join(styles[:1]) + pad + "".join(styles[1:]) + "</w:styles>").encode()


def test_styles_read_from_the_head_of_a_large_part_or_else_whole():
    """Only the first STYLES_HEAD bytes of a large styles.xml are decompressed when they hold every style the
    document names; a style defined further on makes the whole part read. Either way the same styles."""
    from ttdn_parse.readers.docx import STYLES_HEAD, Package, read_styles

    caps = '<w:style w:type="paragraph" w:styleId="%s"><w:rPr><w:caps/></w:rPr></w:style>'
    early, late = caps % "Early", caps % "Late"
    raw = _styles_xml(early, late, filler=2000)
    assert len(raw) > 2 * STYLES_HEAD and raw.index(b'"Late"') > STYLES_HEAD > raw.index(b'"Early"')
    pkg = Package(docx(p("x"), styles=raw.decode()))
    name = next(n for n in pkg.infos if n.endswith("styles.xml"))
    for refs in ({b"Early"}, {b"Late"}, {b"Early", b"Late"}, {b"Missing"}, set()):
        got = read_styles(pkg, name, refs)
        assert [e.get(W + "styleId") for e in got] == [e.get(W + "styleId") for e in styles_subset(raw, refs)]
        styles = Styles(got)
        assert styles.default_para == "Normal" and styles.defaults.font == ".VnTime"
        assert all(styles.run_props(r.decode()).caps for r in refs - {b"Missing"})


def test_the_first_definition_of_a_style_id_counts():
    first = '<w:style w:type="paragraph" w:styleId="Dup"><w:rPr><w:caps/></w:rPr></w:style>'
    second = '<w:style w:type="paragraph" w:styleId="Dup"><w:rPr><w:vanish/></w:rPr></w:style>'
    raw = _styles_xml(first, second)
    for root in (styles_subset(raw, {b"Dup"}), etree.fromstring(raw)):
        props = Styles(root).run_props("Dup")
        assert props.caps and not props.vanish


def test_only_used_styles_and_their_chain_are_read():
    styles = STYLES + '<w:style w:type="paragraph" w:styleId="Unused"><w:rPr><w:caps/></w:rPr></w:style>'
    numbering = abstract(1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%2.")) + num(1, 1)
    assert texts(docx(p("a", style="H1b"), numbering=numbering, styles=styles)) == ["I. a"]


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _box(*paras: str) -> str:
    return "<w:txbxContent>" + "".join(p(x) for x in paras) + "</w:txbxContent>"


def test_text_boxes_follow_their_anchor_once():
    drawing = (f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing><wp:anchor '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
               '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
               '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
               + _box("ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG")
               + "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
               '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
               + _box("ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG")
               + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    vml = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>' + _box("Số: 678/KH-UBND")
           + "</v:textbox></v:shape></w:pict></w:r>")
    body = p(runs=r("Neo") + drawing) + p(runs=vml) + f"<w:tbl><w:tr><w:tc>{p(runs=vml)}</w:tc></w:tr></w:tbl>"
    blocks, _ = read_docx(docx(body))
    assert [(b.text, b.para, b.table) for b in blocks] == [
        ("Neo", 1, None), ("ỦY BAN NHÂN DÂN", 2, None), ("TỈNH ĐẮK NÔNG", 3, None),
        ("", 4, None), ("Số: 678/KH-UBND", 5, None), ("", 6, 1), ("Số: 678/KH-UBND", 7, 1)]


def test_word_footnotes_are_normalised_like_the_body():
    """NFC, standard tone placement and single spaces, as the body's lines get: the reference extractor and
    the JSON see the same text whichever way Word stored it."""
    import unicodedata

    from ttdn_parse import parse_bytes

    nfd = unicodedata.normalize("NFD", "Quyết định số 12/QĐ-UBND của UBND tỉnh")
    notes = '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>' + r(" " + nfd + "  về  hoà giải.") + "</w:p></w:footnote>"
    body = p("KẾ HOẠCH") + p(runs=r("Nội dung") + '<w:r><w:footnoteReference w:id="7"/></w:r>')
    plan = parse_bytes(docx(body, footnotes=notes), "docx")
    assert [f.text for f in plan.footnotes] == ["Quyết định số 12/QĐ-UBND của UBND tỉnh về hòa giải"]
    assert [r.symbol for r in plan.references if r.node == "fn:1"] == ["12/QĐ-UBND"]


def test_large_main_parts_are_streamed_with_the_same_result(monkeypatch):
    """A main part over STREAM_FROM is read element by element (bounded memory), a smaller one parsed at once:
    both give the same blocks and notes, on every Word sample."""
    from conftest import SAMPLES
    from ttdn_parse.readers import docx as docx_reader

    files = sorted(SAMPLES.glob("*.docx"))
    assert files
    whole = [read_docx(f.read_bytes()) for f in files]
    monkeypatch.setattr(docx_reader, "STREAM_FROM", 0)
    assert [read_docx(f.read_bytes()) for f in files] == whole
