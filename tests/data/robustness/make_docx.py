"""Generate lam-dong-2025-word.docx: a plan laid out the way Word users type it (robustness case (e)).

Header as a 2-column table (issuer | Quốc hiệu; Số | place and date), manual labels typed with a TAB after them
("1.\tMục đích", "a)\tNội dung"), labels in a bold run of their own, a task table inside section II with a header
row and one merged group row, Nơi nhận | signature as a 2-column borderless table.

Run:  /work/venv/bin/python tests/data/robustness/make_docx.py   (writes next to this file; deterministic text)
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent / "lam-dong-2025-word.docx"


def para(doc_or_cell, text="", bold=False, italic=False, align=None, indent=True):
    p = doc_or_cell.add_paragraph()
    if align is not None:
        p.alignment = align
    elif indent:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.0)
    if text:
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
    return p


def labelled(doc, label, text, bold_label=True, bold_text=False):
    """'1.' + TAB + text, the label in its own (bold) run, as typed by hand in Word."""
    p = para(doc)
    r = p.add_run(label)
    r.bold = bold_label
    p.add_run("\t")
    r = p.add_run(text)
    r.bold = bold_text
    return p


def cell_text(cell, lines, bold=False, center=True):
    cell.paragraphs[0].text = ""
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            r = p.add_run(line)
            r.bold = bold


def build() -> Document:
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)

    # header: 2 x 2 table
    t = doc.add_table(rows=2, cols=2)
    cell_text(t.cell(0, 0), ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], bold=True)
    cell_text(t.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    cell_text(t.cell(1, 0), ["Số: 58/KH-UBND"])
    cell_text(t.cell(1, 1), ["Lâm Đồng, ngày 20 tháng 02 năm 2025"])
    t.cell(1, 1).paragraphs[0].runs[0].italic = True

    para(doc, "KẾ HOẠCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "Công tác thông tin đối ngoại tỉnh Lâm Đồng năm 2025", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    para(doc, "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin "
              "đối ngoại;")
    para(doc, "Căn cứ Quyết định số 1191/QĐ-TTg ngày 14/10/2024 của Thủ tướng Chính phủ phê duyệt Chiến lược phát "
              "triển thông tin đối ngoại giai đoạn 2021 - 2030;")
    p = para(doc, "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông hướng dẫn "
                  "quản lý nhà nước về thông tin đối ngoại;")
    p.add_run().add_break()               # Shift+Enter: a soft break inside the paragraph
    p.add_run("Căn cứ Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu "
              "quả công tác thông tin đối ngoại trong tình hình mới;")
    para(doc, "Ủy ban nhân dân tỉnh Lâm Đồng ban hành Kế hoạch công tác thông tin đối ngoại năm 2025 như sau:")

    para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    labelled(doc, "1.", "Mục đích", bold_text=True)
    labelled(doc, "a)", "Tuyên truyền, quảng bá hình ảnh Lâm Đồng - thành phố Đà Lạt, thành phố sáng tạo âm nhạc của "
                        "UNESCO, đến bạn bè quốc tế.", bold_label=False)
    labelled(doc, "b)", "Thu hút đầu tư, phát triển du lịch, nông nghiệp công nghệ cao và hợp tác quốc tế của tỉnh.",
             bold_label=False)
    labelled(doc, "2.", "Yêu cầu", bold_text=True)
    labelled(doc, "a)", "Bám sát chủ trương, đường lối đối ngoại của Đảng, chính sách, pháp luật của Nhà nước.",
             bold_label=False)
    labelled(doc, "b)", "Thông tin chính xác, kịp thời; bảo đảm bí mật nhà nước và sự phối hợp chặt chẽ giữa các cơ "
                        "quan, đơn vị.", bold_label=False)

    para(doc)
    para(doc, "II. NHIỆM VỤ CỤ THỂ", bold=True)
    labelled(doc, "1.", "Thông tin quảng bá hình ảnh tỉnh Lâm Đồng", bold_text=True)
    para(doc, "Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Ngoại vụ xây dựng, phát hành ấn phẩm, video "
              "quảng bá du lịch Đà Lạt - Lâm Đồng bằng tiếng Anh, tiếng Hàn, tiếng Trung.")
    labelled(doc, "2.", "Thông tin đối ngoại trên không gian mạng", bold_text=True)
    labelled(doc, "a)", "Phát triển trang thông tin đối ngoại trên Cổng Thông tin điện tử tỉnh.", bold_label=False)
    labelled(doc, "b)", "Phát hiện, phản bác thông tin sai sự thật về tỉnh trên mạng xã hội.", bold_label=False)
    p = para(doc)                         # label and TAB in the same run, as often typed
    p.add_run("3.\tCác nhiệm vụ cụ thể năm 2025").bold = True
    para(doc, "Các nhiệm vụ cụ thể được phân công theo bảng sau:")

    rows = [
        ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"),
        ("GROUP", "Thông tin quảng bá, xúc tiến đầu tư", None, None, None),
        ("1", "Tổ chức Festival Hoa Đà Lạt lần thứ X gắn với quảng bá hình ảnh tỉnh", "Sở Văn hóa, Thể thao và Du lịch",
         "Ủy ban nhân dân thành phố Đà Lạt", "Tháng 12/2025"),
        ("2", "Xuất bản ấn phẩm giới thiệu tiềm năng đầu tư của tỉnh bằng tiếng Anh", "Sở Kế hoạch và Đầu tư",
         "Sở Ngoại vụ", "Quý III/2025"),
        ("3", "Đón đoàn phóng viên báo chí nước ngoài đến tìm hiểu, viết bài về Lâm Đồng", "Sở Ngoại vụ",
         "Sở Thông tin và Truyền thông", "Năm 2025"),
        ("4", "Bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ cấp huyện", "Sở Thông tin và Truyền thông",
         "Sở Nội vụ", "Quý II/2025"),
    ]
    tt = doc.add_table(rows=len(rows), cols=5)
    tt.style = "Table Grid"
    for i, row in enumerate(rows):
        if row[0] == "GROUP":
            merged = tt.cell(i, 0).merge(tt.cell(i, 4))
            cell_text(merged, [row[1]], bold=True, center=False)
            continue
        for j, v in enumerate(row):
            cell_text(tt.cell(i, j), [v], bold=(i == 0), center=(i == 0 or j in (0, 4)))

    para(doc)
    para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    labelled(doc, "1.", "Sở Thông tin và Truyền thông", bold_text=True)
    labelled(doc, "a)", "Chủ trì, hướng dẫn, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch.",
             bold_label=False)
    labelled(doc, "b)", "Tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh trước ngày 10/12/2025.",
             bold_label=False)
    labelled(doc, "2.", "Sở Ngoại vụ", bold_text=True)
    labelled(doc, "a)", "Chủ trì cung cấp thông tin về tình hình thế giới, chính sách đối ngoại cho các cơ quan báo "
                        "chí của tỉnh.", bold_label=False)
    labelled(doc, "b)", "Phối hợp với Công an tỉnh quản lý hoạt động của phóng viên nước ngoài tại tỉnh.",
             bold_label=False)
    labelled(doc, "3.", "Công an tỉnh", bold_text=True)
    para(doc, "Chủ trì bảo đảm an ninh thông tin, an ninh mạng; phòng ngừa hoạt động lợi dụng thông tin đối ngoại "
              "xâm phạm an ninh quốc gia.")
    labelled(doc, "4.", "Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố", bold_text=True)
    labelled(doc, "-", "Căn cứ chức năng, nhiệm vụ được giao, xây dựng kế hoạch và tổ chức thực hiện.", bold_label=False)
    labelled(doc, "-", "Báo cáo kết quả thực hiện về Sở Thông tin và Truyền thông trước ngày 30/11/2025 để tổng hợp.",
             bold_label=False)

    para(doc)
    para(doc, "IV. KINH PHÍ THỰC HIỆN", bold=True)
    para(doc, "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm 2025 của các cơ quan, đơn vị theo "
              "phân cấp ngân sách hiện hành.")
    para(doc, "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Sở Thông tin "
              "và Truyền thông để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết./.")

    s = doc.add_table(rows=1, cols=2)
    left, right = s.cell(0, 0), s.cell(0, 1)
    cell_text(left, ["Nơi nhận:", "- Bộ Thông tin và Truyền thông;", "- TT Tỉnh ủy, TT HĐND tỉnh;",
                     "- CT, các PCT UBND tỉnh;", "- Các sở, ban, ngành;", "- UBND các huyện, thành phố;",
                     "- Lưu: VT, VX2."], center=False)
    left.paragraphs[0].runs[0].bold = True
    left.paragraphs[0].runs[0].italic = True
    cell_text(right, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Phạm Thị Mai Hương"],
              bold=True)
    return doc


if __name__ == "__main__":
    build().save(OUT)
    print(OUT)
