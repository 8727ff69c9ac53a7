"""Each normalisation step on its own (table-driven)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn_parse.blocks import Block
from ttdn_parse.normalise import (_INVISIBLE_RE, WrapStyle, clean_line, clean_spaces, detect_tables, fix_tones, normalise_bullet,
                                  split_run_on_bullets, strip_field_codes, strip_markdown, unwrap, wrap_style)


@pytest.mark.parametrize("raw, expected", [
    ("hoà bình", "hòa bình"),
    ("thuỷ sản", "thủy sản"),
    ("khoá học", "khóa học"),
    ("Văn hoá, Thể thao", "Văn hóa, Thể thao"),
    ("HOÀ BÌNH", "HÒA BÌNH"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("quý I", "quý I"),                       # qu + y: already standard
    ("hoàn thành", "hoàn thành"),             # closed syllable: both styles agree
    ("quyết định", "quyết định"),
    ("tuỳ theo", "tùy theo"),
    ("Hoà Bình", "Hòa Bình"),
    (unicodedata.normalize("NFD", "Kế hoạch thông tin đối ngoại"), "Kế hoạch thông tin đối ngoại"),
    (unicodedata.normalize("NFD", "hoà"), "hòa"),
])
def test_fix_tones(raw, expected):
    assert fix_tones(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    (' HYPERLINK "https://example.vn/a-b" trên đất liền', " trên đất liền"),
    ('xem HYPERLINK \\l "_Toc123" mục II', "xem mục II"),
    ("PAGE", ""),
    ("{ PAGE \\* MERGEFORMAT }", ""),
    ("Trang 3 \\* MERGEFORMAT", "Trang 3"),
    ("theo mục REF _Ref12345 \\h trên", "theo mục trên"),
    ("Không có mã trường", "Không có mã trường"),
])
def test_strip_field_codes(raw, expected):
    assert clean_spaces(strip_field_codes(raw)) == clean_spaces(expected)


@pytest.mark.parametrize("raw, expected", [
    ("## KẾ HOẠCH", "KẾ HOẠCH"),
    ("#### 1. Mục đích:", "1. Mục đích:"),
    ("**2. Yêu cầu:** Công tác", "2. Yêu cầu: Công tác"),
    ("- **Tổng kinh phí:** **2.278.000.000** đồng", "- Tổng kinh phí: 2.278.000.000 đồng"),
    ("> Căn cứ Luật", "Căn cứ Luật"),
    ("* Tuyên truyền", "- Tuyên truyền"),
    ("*nhấn mạnh* một ý", "nhấn mạnh một ý"),
    ("1\\. Không phải danh sách", "1. Không phải danh sách"),
    ("## **2. Thực hiện** ##", "2. Thực hiện"),
    ("Hệ số 2*3 giữ nguyên", "Hệ số 2*3 giữ nguyên"),
    ("_Đắk Lắk, ngày 12 tháng 01 năm 2026_", "Đắk Lắk, ngày 12 tháng 01 năm 2026"),    # italics with '_'
    ("Tệp ke_hoach_2026.docx giữ nguyên", "Tệp ke_hoach_2026.docx giữ nguyên"),
])
def test_strip_markdown(raw, expected):
    assert strip_markdown(raw).strip() == expected


@pytest.mark.parametrize("raw, expected", [
    ("a\u00a0b", "a b"),
    ("a\t\tb", "a b"),
    ("  a   b  ", "a b"),
    ("a\u200bb", "ab"),
    ("Sở\u00a0Ngoại vụ", "Sở Ngoại vụ"),
])
def test_clean_spaces(raw, expected):
    assert clean_spaces(raw) == expected


_SPACY = st.text(alphabet=st.sampled_from(list(" \t\n\r\u00a0\u2009\u3000\u200b\u00ad\ufeffaăđ.-")), max_size=12)


@given(_SPACY)
def test_clean_spaces_fast_path_agrees_with_the_full_rule(raw):
    # the fast path for single-spaced text gives what splitting on every Unicode space gives
    assert clean_spaces(raw) == " ".join(_INVISIBLE_RE.sub("", raw).split())


@pytest.mark.parametrize("raw, expected", [
    ("– Tuyên truyền", "- Tuyên truyền"),
    ("— Tuyên truyền", "- Tuyên truyền"),
    ("· Bám sát", "- Bám sát"),
    ("• Bám sát", "- Bám sát"),
    ("-Tăng cường", "- Tăng cường"),
    ("+ Về các quyền", "+ Về các quyền"),
    ("+Về các quyền", "+ Về các quyền"),
    ("\uf0b7 Symbol bullet", "- Symbol bullet"),
    ("− Symbol minus", "- Symbol minus"),   # the Symbol font's 0x2D, a minus sign (U+2212)
    ("-5% so với", "-5% so với"),
    ("−5% so với", "−5% so với"),
    ("------", "------"),
    ("Không có gạch", "Không có gạch"),
])
def test_normalise_bullet(raw, expected):
    assert normalise_bullet(raw) == expected


def test_clean_line_composes_every_step():
    raw = unicodedata.normalize("NFD", "**·\u00a0Văn hoá**\t HYPERLINK \"http://x\" thông tin")
    assert clean_line(raw) == "- Văn hóa thông tin"


@pytest.mark.parametrize("raw, expected", [
    ("- Tăng cường thông tin... - Hợp tác trao đổi", ["- Tăng cường thông tin...", "- Hợp tác trao đổi"]),
    ("- Kinh tế - xã hội phát triển", ["- Kinh tế - xã hội phát triển"]),
    ("- Việt Nam - Campuchia; - Lào", ["- Việt Nam - Campuchia;", "- Lào"]),
    ("Không phải gạch đầu dòng. - Hợp tác", ["Không phải gạch đầu dòng. - Hợp tác"]),
])
def test_split_run_on_bullets(raw, expected):
    assert split_run_on_bullets(raw) == expected


def _unwrap_text(text: str, style: WrapStyle | None = None) -> list[str]:
    blocks = [Block(text=t, line=i) for i, t in enumerate(text.split("\n"), 1)]
    texts = [clean_line(b.text) for b in blocks]
    return [line.text for line in unwrap(blocks, texts, style or wrap_style(texts))]


WRAPPED_004_STYLE = """I. MỤC
ĐÍCH, YÊU CẦU
1. Mục đích
- Tiếp tục nâng cao chất
lượng công tác quản lý nhà nước về thông tin đối ngoại (sau đây viết tắt là
TTĐN); triển khai hiệu quả các văn bản của Chính phủ, Bộ Thông tin và Truyền
thông và các văn bản của tỉnh.
1.
Ban hành văn bản chỉ đạo, điều hành hoạt động TTĐN
a) Triển khai thực hiện
các văn bản của Trung ương và của tỉnh về công tác TTĐN. Ban hành các đề án, kế
hoạch, văn bản chỉ đạo.
b) Cơ quan chủ trì tham
mưu: Sở Thông tin và Truyền thông.
c) Cơ quan phối hợp: Các
Sở, ban, ngành, UBND các huyện, thành phố.
d) Thời gian thực hiện:
Thường xuyên
2.3. Bố trí nhân sự
phụ trách công tác thông tin đối ngoại
Các Sở, ban, ngành, các tổ
chức chính trị - xã hội và UBND các huyện, thành phố căn cứ tình hình nhân sự
hiện tại, rà soát phân công 01 (một) lãnh đạo phụ trách.
- Thực hiện một số nhiệm
vụ trong Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào
dân tộc thiểu số và miền núi giai đoạn 2021 - 2030; giai đoạn I từ năm 2021 -
2025.
- Kết luận số 57-
KL/TW ngày 15/6/2023 của Bộ Chính trị và các văn bản liên quan của Trung ương
và của tỉnh, triển khai dự án thuộc Chương trình mục tiêu quốc gia phát triển kinh tế
- xã hội vùng đồng bào dân tộc thiểu số.
2.4. Mục tiếp theo"""


def test_unwrap_rejoins_hard_wraps_without_swallowing_items():
    assert _unwrap_text(WRAPPED_004_STYLE, WrapStyle(True, 81, True)) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Tiếp tục nâng cao chất lượng công tác quản lý nhà nước về thông tin đối ngoại (sau đây viết tắt là "
        "TTĐN); triển khai hiệu quả các văn bản của Chính phủ, Bộ Thông tin và Truyền thông và các văn bản của tỉnh.",
        "1. Ban hành văn bản chỉ đạo, điều hành hoạt động TTĐN",
        "a) Triển khai thực hiện các văn bản của Trung ương và của tỉnh về công tác TTĐN. Ban hành các đề án, kế "
        "hoạch, văn bản chỉ đạo.",
        "b) Cơ quan chủ trì tham mưu: Sở Thông tin và Truyền thông.",
        "c) Cơ quan phối hợp: Các Sở, ban, ngành, UBND các huyện, thành phố.",
        "d) Thời gian thực hiện: Thường xuyên",
        "2.3. Bố trí nhân sự phụ trách công tác thông tin đối ngoại",
        "Các Sở, ban, ngành, các tổ chức chính trị - xã hội và UBND các huyện, thành phố căn cứ tình hình nhân sự "
        "hiện tại, rà soát phân công 01 (một) lãnh đạo phụ trách.",
        "- Thực hiện một số nhiệm vụ trong Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng "
        "bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030; giai đoạn I từ năm 2021 - 2025.",
        "- Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị và các văn bản liên quan của Trung ương và của "
        "tỉnh, triển khai dự án thuộc Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân "
        "tộc thiểu số.",
        "2.4. Mục tiếp theo",
    ]


def test_unwrap_lower_case_continues_across_blank_lines_and_footnotes():
    text = ("- Tiếp tục đẩy mạnh tuyên truyền, nhất là đối với\n\n⁽¹⁾ Kỷ niệm 50 năm Ngày ký Hiệp định Paris.\n\n"
            "vấn đề có liên quan đến dân tộc, tôn giáo.\n\n- Tiếp tục")
    assert _unwrap_text(text) == [
        "- Tiếp tục đẩy mạnh tuyên truyền, nhất là đối với vấn đề có liên quan đến dân tộc, tôn giáo.",
        "⁽¹⁾ Kỷ niệm 50 năm Ngày ký Hiệp định Paris.",
        "- Tiếp tục",
    ]


def test_unwrap_keeps_paragraph_lines_of_unwrapped_files():
    text = "1. Mục đích\nCác sở, ban, ngành triển khai.\nTuyên truyền, nhấn mạnh thành tựu."
    assert _unwrap_text(text) == ["1. Mục đích", "Các sở, ban, ngành triển khai.", "Tuyên truyền, nhấn mạnh thành tựu."]


def test_wrap_style_of_the_wrapped_sample():
    from conftest import SAMPLES

    texts = [clean_line(t) for t in (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8").split("\n")]
    style = wrap_style(texts)
    assert style.wrapped and 75 <= style.width <= 85 and style.short_first_lines
    other = [clean_line(t) for t in (SAMPLES / "binh-thuan-2025.txt").read_text(encoding="utf-8").split("\n")]
    assert not wrap_style(other).wrapped


def test_wrap_style_detects_width():
    lines = [("x" * 78 if i % 4 else "y" * 30) for i in range(60)]
    style = wrap_style(lines)
    assert style.wrapped and 75 <= style.width <= 80
    assert not wrap_style(["x" * 400, "y" * 20] * 20).wrapped
    assert wrap_style(["short"] * 5) == WrapStyle()


def test_detect_flattened_table_rows_and_cells():
    raw = ["\tKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A",
           " \tNhóm hoạt động", "\t", "\t", "\t", "",
           "\t2.1", "\tNội dung một", "\tSở A", "\tSở B", "\t2019-2020", "",
           "\t2.2", "\tNội dung hai", "\tSở C", "\tCác sở, ngành phối hợp", "", "", "\t2019 - 2020", "",
           "\t2.3", "\tNội dung ba", "", " ", "\tCác sở, ban, ngành", "\t", "\t2019-2020"]
    blocks = [Block(text=t, line=i) for i, t in enumerate(raw, 1)]
    detect_tables(blocks)
    assert blocks[0].table is None and blocks[2].table is None          # the signature cell stays text
    cells = {}
    for b in blocks:
        if b.table is not None and b.text.strip():
            cells.setdefault(b.row, {}).setdefault(b.cell, []).append(b.text.strip())
    assert cells[1] == {1: ["Nhóm hoạt động"]}
    assert cells[2] == {1: ["2.1"], 2: ["Nội dung một"], 3: ["Sở A"], 4: ["Sở B"], 5: ["2019-2020"]}
    assert cells[3][5] == ["2019 - 2020"] and cells[3][4] == ["Các sở, ngành phối hợp"]
    assert cells[4] == {1: ["2.3"], 2: ["Nội dung ba"], 3: ["Các sở, ban, ngành"], 5: ["2019-2020"]}


def test_detect_tab_separated_and_pipe_tables():
    raw = ["STT\tNội dung\tCơ quan chủ trì\tThời gian", "1\tViệc A\tSở A\tQuý I/2026", "",
           "| STT | Nội dung | Chủ trì |", "|---|---|---|", "| 1 | Việc B | Sở B |"]
    blocks = [Block(text=t, line=i) for i, t in enumerate(raw, 1)]
    detect_tables(blocks)
    rows = {}
    for b in blocks:
        if b.table is not None and b.text:
            rows.setdefault((b.table, b.row), []).append(b.text)
    assert rows[(1, 1)] == ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]
    assert rows[(1, 2)] == ["1", "Việc A", "Sở A", "Quý I/2026"]
    assert rows[(2, 2)] == ["1", "Việc B", "Sở B"]


@pytest.mark.parametrize("raw, rows", [
    # bare pipes, no outer '|': rows of three cells or more, an empty cell kept
    (["STT | Nội dung | Chủ trì | Thời gian", "1 | Việc A | Sở A | Quý I/2026", "2 | Việc B |  | "],
     {1: ["STT", "Nội dung", "Chủ trì", "Thời gian"], 2: ["1", "Việc A", "Sở A", "Quý I/2026"], 3: ["2", "Việc B", "", ""]}),
    (["Nội dung | Chủ trì", "Việc A | Sở A"], {}),                           # two cells: not enough to be sure
    (["Xem mục A | B | C của Phụ lục.", "Tiếp theo là văn bản."], {}),      # one such line is not a table
])
def test_detect_bare_pipe_tables(raw, rows):
    blocks = [Block(text=t, line=i) for i, t in enumerate(raw, 1)]
    detect_tables(blocks)
    got: dict[int, list[str]] = {}
    for b in blocks:
        if b.table is not None:
            got.setdefault(b.row, []).append(b.text)
    assert got == rows


def _columns(raw: list[str]) -> dict[int, list[tuple[str, ...]]]:
    """table -> rows as (left, right) cells, after detect_tables (blank rows left out)."""
    blocks = [Block(text=t, line=i) for i, t in enumerate(raw, 1)]
    detect_tables(blocks)
    rows: dict[tuple[int, int], list[str]] = {}
    for b in blocks:
        if b.table is not None:
            rows.setdefault((b.table, b.row), []).append(b.text)
    out: dict[int, list[tuple[str, ...]]] = {}
    for (table, _row), cells in sorted(rows.items()):
        if any(cells):
            out.setdefault(table, []).append(tuple(cells))
    return out


SPACED_HEADER = ["UBND TỈNH LÂM ĐỒNG                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "                                      Độc lập - Tự do - Hạnh phúc",
                 "Số: 45/KH-UBND                    Lâm Đồng, ngày 15 tháng 01 năm 2026"]
SPACED_CLOSING = ["Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN",
                  "- Bộ Ngoại giao;                               KT. CHỦ TỊCH",
                  "- Các sở, ban, ngành;",
                  "- Lưu: VT, NgV.                                PHÓ CHỦ TỊCH", "", "",
                  "                                              Nguyễn Văn An"]


@pytest.mark.parametrize("raw, expected", [
    # a layout printed with spaces (pdftotext -layout): columns by the gap, a centred line in the right column
    (SPACED_HEADER, {1: [("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("", "Độc lập - Tự do - Hạnh phúc"),
                         ("Số: 45/KH-UBND", "Lâm Đồng, ngày 15 tháng 01 năm 2026")]}),
    # the same printed with tabs
    ([t.replace("                ", "\t", 1) for t in SPACED_HEADER[::2]],
     {1: [("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("Số: 45/KH-UBND", "Lâm Đồng, ngày 15 tháng 01 năm 2026")]}),
    # the closing: recipients without a right cell run on; the name after the space left for the signature
    (["Nội dung cuối cùng.", ""] + SPACED_CLOSING,
     {1: [("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"), ("- Bộ Ngoại giao;", "KT. CHỦ TỊCH"), ("- Các sở, ban, ngành;",),
          ("- Lưu: VT, NgV.", "PHÓ CHỦ TỊCH"), ("", "Nguyễn Văn An")]}),
    # the title after the header is not a right-hand cell, even without a blank line before it
    (SPACED_HEADER + ["                                KẾ HOẠCH", "          Thông tin đối ngoại năm 2026"],
     {1: [("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 45/KH-UBND", "Lâm Đồng, ngày 15 tháng 01 năm 2026")]}),
    # after the header, no blank-line run-on: the indented title lines stay text
    (SPACED_HEADER + ["", "                                KẾ HOẠCH"], {1: [
        ("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 45/KH-UBND", "Lâm Đồng, ngày 15 tháng 01 năm 2026")]}),
    # wide gaps in the body of a plan (past its first lines, no signature or recipients) are not a layout
    (["x"] * 16 + ["Tổng kinh phí:     150 triệu đồng", "Trong đó ngân sách:     100 triệu đồng"], {}),
    # a draft's blanks ("Số:      /KH-UBND", "ngày    tháng") are not gutters …
    (["ỦY BAN NHÂN DÂN", "Số:      /KH-UBND", "Tuyên Quang, ngày    tháng 01 năm 2026"], {}),
    # … also in a layout printed with spaces, where only the gutter splits the line
    (["UBND TỈNH LÂM ĐỒNG                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số:     /KH-UBND                  Lâm Đồng, ngày     tháng 01 năm 2026"],
     {1: [("UBND TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("Số:     /KH-UBND", "Lâm Đồng, ngày     tháng 01 năm 2026")]}),
    # three columns printed with spaces: a real table, not a layout of two columns
    (["STT   Nội dung   Chủ trì", "1   Việc A   Sở A"], {}),
])
def test_detect_two_column_layouts(raw, expected):
    assert _columns(raw) == expected


@pytest.mark.parametrize("text, expected", [
    # a word that needs what follows: the next line continues, whatever it starts with
    ("- Hiệp ước hoạch định biên giới quốc gia (ký ngày\n20/7/1983); Hiệp ước bổ sung.",
     ["- Hiệp ước hoạch định biên giới quốc gia (ký ngày 20/7/1983); Hiệp ước bổ sung."]),
    ("Đắk Nông, ngày 23 tháng 10 năm\n2024", ["Đắk Nông, ngày 23 tháng 10 năm 2024"]),
    ("Kết luận số 57-KL/TW của\nBộ Chính trị về công tác.", ["Kết luận số 57-KL/TW của Bộ Chính trị về công tác."]),
    # a noun ends a phrase: the heading stays a heading, the bullet a bullet
    ("1. Đề nghị Ban Chỉ đạo 35-16 tỉnh\n- Tiếp tục phối hợp.", ["1. Đề nghị Ban Chỉ đạo 35-16 tỉnh",
                                                               "- Tiếp tục phối hợp."]),
    ("- Thực hiện trong năm\n- Năm sau tiếp tục.", ["- Thực hiện trong năm", "- Năm sau tiếp tục."]),
])
def test_unwrap_unfinished_lines(text, expected):
    assert _unwrap_text(text, WrapStyle()) == expected


def test_unwrap_dash_inside_open_parenthesis_is_not_a_bullet():
    text = "xuất bản tài liệu xúc tiến thương mại (song ngữ Tiếng Việt\n- Tiếng Anh) giới thiệu sản phẩm."
    assert _unwrap_text(text, WrapStyle(True, 60, False)) == [
        "xuất bản tài liệu xúc tiến thương mại (song ngữ Tiếng Việt - Tiếng Anh) giới thiệu sản phẩm."]


def _strip_field_codes_ungated(text: str) -> str:
    from ttdn_parse.normalise import _FIELD_CODES, _FIELD_ONLY_LINE

    if _FIELD_ONLY_LINE.match(text):
        return ""
    for pattern in _FIELD_CODES:
        text = pattern.sub(" ", text)
    return text


@given(st.lists(st.sampled_from(["HYPERLINK", '"http://a"', "\\l", "\\o", "\\* MERGEFORMAT", "PAGEREF", "REF",
                                 "_Toc1", "TOC", "\\h", "SEQ", "Bảng", "ARABIC", "MERGEFIELD", "FORMTEXT", "PAGE",
                                 "NUMPAGES", "{", "}", " ", "Sở Ngoại vụ", "E", "O", "A"]), max_size=12).map("".join))
def test_strip_field_codes_quick_tests_only_skip_what_no_pattern_matches(text):
    assert strip_field_codes(text) == _strip_field_codes_ungated(text)


def test_pdf_paragraph_spacing_tells_a_wrap_from_a_new_paragraph():
    """In a PDF whose paragraphs are set apart by space (Block.spaced, from the lines' baselines), a line
    set off from a heading as wide as the text starts a paragraph, and one right under it continues the
    heading; without positions (a text file) a one-line heading must be really full to be continued."""
    style = WrapStyle(True, 74)
    heading = "5. Đẩy mạnh ứng dụng công nghệ thông tin trong lĩnh vực truyền thông"   # 0.85 of 74 and more
    nxt = "Sở Thông tin và Truyền thông chủ trì thực hiện."

    def logical(spaced: bool | None, others: bool | None) -> list[str]:
        texts = ["Mở đầu.", heading, nxt]
        flags = [None, others, spaced]
        blocks = [Block(text=t, line=k + 1, page=1, spaced=f) for k, (t, f) in enumerate(zip(texts, flags))]
        return [ln.text for ln in unwrap(blocks, texts, style)][1:]

    assert logical(False, True) == [heading + " " + nxt]
    assert logical(True, True) == [heading, nxt]
    assert logical(None, None) == [heading, nxt]


def test_pdf_table_pages_do_not_hide_wrapped_prose():
    """A PDF's table cells come as short loose lines; when they outnumber the prose, the pages whose own
    lines show a wrap decide the width (a text file's lines, without pages, are judged all together)."""
    prose = [("Công tác thông tin đối ngoại của tỉnh tiếp tục được triển khai đồng bộ," + " x" * (k % 3))[:72]
             for k in range(30)]
    cells = ["Sở Ngoại vụ", "2019-2020", "Cập nhật nội", "dung tuyên", "truyền"] * 30
    texts = prose + cells
    pages = [1] * len(prose) + [2 + k // 50 for k in range(len(cells))]
    blocks = [Block(text=t, line=k + 1, page=p) for k, (t, p) in enumerate(zip(texts, pages))]
    style = wrap_style(texts, blocks)
    assert style.wrapped and 68 <= style.width <= 74
    assert not wrap_style(texts, [Block(text=t, line=k + 1) for k, t in enumerate(texts)]).wrapped
