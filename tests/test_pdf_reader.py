"""PDF reader: lines in order with pages, running heads and page numbers removed, clear errors."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from ttdn_parse.errors import ReadError
from ttdn_parse.readers import read_bytes
from ttdn_parse.readers.pdf import read_pdf, strip_running

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF (Helvetica, ASCII) with one text line per entry, top to bottom."""
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    pages_id_placeholder = len(objects) + 1 + 2 * len(pages)
    for lines in pages:
        ops = []
        y = 800
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 11 Tf 60 {y} Td ({esc}) Tj ET")
            y -= 16
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id_placeholder, content, font)))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    pages_id = add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)))
    assert pages_id == pages_id_placeholder
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def test_lines_pages_and_running_heads_removed():
    pages = []
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
    for n in range(1, 5):
        body = [f"{words[3 * (n - 1) + k]} line {n}" for k in range(3)]
        pages.append(["UBND TINH DAK NONG - Ke hoach 2025", *body, f"Trang {n}/4"])
    pages[0].insert(1, "KE HOACH")
    blocks = read_pdf(make_pdf(pages))
    assert [(b.text, b.page) for b in blocks][:4] == [("KE HOACH", 1), ("alpha line 1", 1), ("beta line 1", 1),
                                                     ("gamma line 1", 1)]


def test_repeated_body_lines_are_not_running_heads():
    """A line the plan repeats ('c) Thời gian thực hiện: Thường xuyên') is kept even near page edges."""
    field = "c) Thoi gian thuc hien: Thuong xuyen"
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"]
    pages = [[f"{w} text" for w in words[4 * n:4 * n + 4]] for n in range(4)]
    for n, lines in enumerate(pages):
        lines.insert(n % 2 + 1, field)      # near the top, but not at one place on 3 pages
        lines.insert(len(lines) - n % 2, field + ".")
    assert strip_running(pages) == pages


@pytest.mark.parametrize("number", ["3", "- 3 -", "Trang 3", "3/10", "Page 3 of 10"])
def test_page_numbers_removed(number):
    pages = [["Alpha"], ["Beta"], ["Gamma", number]]
    out = strip_running(pages)
    assert out[2] == ["Gamma"]


def test_numbers_that_are_not_page_numbers_stay():
    pages = [["2019", "Alpha"], ["Beta", "Gamma"]]
    assert strip_running(pages) == pages
    assert strip_running([["Only page", "12. Twelve"]]) == [["Only page", "12. Twelve"]]


def test_scanned_pdf_refused():
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(ReadError, match="OCR"):
        read_pdf(buf.getvalue())


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(io.BytesIO(make_pdf([["Secret plan"]])))
    for user, readable in (("secret", False), ("", True)):
        w = PdfWriter()
        w.append_pages_from_reader(src)
        w.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        buf = io.BytesIO()
        w.write(buf)
        if readable:
            assert [b.text for b in read_pdf(buf.getvalue())] == ["Secret plan"]
        else:
            with pytest.raises(ReadError, match="mật khẩu"):
                read_pdf(buf.getvalue())


@pytest.mark.parametrize("data", [b"%PDF-1.4\ngarbage", b"not a pdf", b"PK\x03\x04zip"])
def test_bad_pdf_one_line(data):
    with pytest.raises(ReadError) as info:
        read_pdf(data)
    assert "\n" not in str(info.value)


def test_read_bytes_dispatches_pdf():
    doc = read_bytes(make_pdf([["Hello"]]), "pdf")
    assert doc.format == "pdf" and doc.blocks[0].page == 1


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: PDF of a Word sample not made")
def test_pdf_of_word_sample_parses_like_text(tmp_path):
    from ttdn_parse import parse_file

    def ids(nodes, out):
        for n in nodes:
            out.add((n.id, n.kind, n.label))
            ids(n.children, out)
        return out

    for src in sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md")):
        docx = ROOT / "samples" / f"{src.stem}.a-typed.docx"
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                       check=True, capture_output=True, timeout=180)
        pdf_plan = parse_file(tmp_path / f"{src.stem}.a-typed.pdf")
        txt_plan = parse_file(src)
        assert [(s.label, s.title) for s in pdf_plan.sections] == [(s.label, s.title) for s in txt_plan.sections]
        assert pdf_plan.header.symbol == txt_plan.header.symbol and pdf_plan.header.date == txt_plan.header.date
        assert pdf_plan.signature.name == txt_plan.signature.name
        want = ids([n for n in txt_plan.sections if n.id != "PL"], set())
        got = ids(pdf_plan.sections, set())
        # hard wraps are re-joined by the normaliser; a few PDF line ends that look like paragraph ends
        # ('… năm 2023.' / 'Thực hiện …') still split paragraphs: items, clauses and bullets must all be there
        structural = {x for x in want if x[1] in ("section", "item", "clause", "bullet", "field")}
        assert structural <= got, sorted(structural - got)[:5]
        # every task, with its lead, support and deadline, the appendix's table ones included

        def tasks(plan):
            return [(t.id, [a.text for a in t.lead], [a.text for a in t.support],
                     t.deadline.text if t.deadline else None) for t in plan.tasks]
        assert tasks(pdf_plan) == tasks(txt_plan), src.stem
        assert [r.text for r in pdf_plan.recipients] == [r.text for r in txt_plan.recipients]
        # real Word footnotes, printed at the page foot with small raised marks
        tables = ROOT / "samples" / f"{src.stem}.c-tables.docx"
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(tables)],
                       check=True, capture_output=True, timeout=180)
        notes = parse_file(tmp_path / f"{src.stem}.c-tables.pdf").footnotes
        assert [f.text for f in notes] == [f.text for f in txt_plan.footnotes]


def test_small_raised_digits_become_footnote_marks():
    from ttdn_parse.readers.pdf import _Marks

    marks = _Marks()
    unit = [1, 0, 0, 1, 0, 0]
    for text, size in (("các doanh nghiệp của tỉnh", 11), ("1", 6.4), (".", 11), ("năm 2023", 11), ("2", 6.4),
                       ("Điều 5 và khoản 2", 11), ("1", 11), (" Quyết định số 1944", 11), ("2", 11), (" Kỷ niệm", 11)):
        marks.visit(text, unit, unit, None, size)
    lines = ["các doanh nghiệp của tỉnh1.", "năm 20232", "Điều 5 và khoản 2", "1 Quyết định số 1944", "2 Kỷ niệm"]
    assert marks.apply(lines) == ["các doanh nghiệp của tỉnh[1].", "năm 2023[2]", "Điều 5 và khoản 2",
                                  "[1] Quyết định số 1944", "[2] Kỷ niệm"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: Word-made PDF with running heads not tested")
def test_running_heads_of_a_word_made_pdf(tmp_path):
    """A Word file with a running header and a PAGE-field footer, printed to PDF by LibreOffice."""
    import docx as python_docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = python_docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG — Kế hoạch số 678/KH-UBND"
    footer = section.footer.paragraphs[0]
    footer.add_run("Trang ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = footer.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    body = [f"Đoạn {k}: nội dung kế hoạch công tác thông tin đối ngoại." for k in range(1, 121)]
    for line in body:
        d.add_paragraph(line)
    src = tmp_path / "heads.docx"
    d.save(src)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    blocks = read_pdf((tmp_path / "heads.pdf").read_bytes())
    assert max(b.page for b in blocks) >= 3
    texts = [b.text.strip() for b in blocks if b.text.strip()]
    assert not [t for t in texts if "678/KH-UBND" in t or t.startswith("Trang")]
    assert texts == body


def test_side_by_side_cells_are_split():
    from ttdn_parse.readers.pdf import _Marks

    marks = _Marks()
    unit = [1, 0, 0, 1, 0, 0]
    for text, x, y in (("Số: 678/KH-UBND", 90, 611), ("Đắk Nông, ngày 23 tháng 10 năm ", 306, 611),
                       ("Căn cứ ", 90, 500), ("Nghị định", 125, 500), (" số 72/2015/NĐ-CP", 170, 500)):
        marks.visit(text, unit, [1, 0, 0, 1, x, y], None, 11)
    lines = ["Số: 678/KH-UBND Đắk Nông, ngày 23 tháng 10 năm", "Căn cứ Nghị định số 72/2015/NĐ-CP"]
    assert marks.apply(lines) == ["Số: 678/KH-UBND", "Đắk Nông, ngày 23 tháng 10 năm",
                                  "Căn cứ Nghị định số 72/2015/NĐ-CP"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: PDF paragraph spacing not tested")
def test_paragraph_spacing_of_a_word_made_pdf(tmp_path):
    """A PDF keeps no paragraph marks, but the space between paragraphs shows in the lines' baselines: a
    heading as wide as the text is not continued by the paragraph set off below it (binh-thuan's II.5 task
    stays), and a heading wrapped right under itself is (dak-nong's IV.3 title is whole)."""
    from ttdn_parse import parse_file

    for stem, node in (("binh-thuan-2025", None), ("dak-nong-2025", "IV.3")):
        docx = ROOT / "samples" / f"{stem}.a-typed.docx"
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                       check=True, capture_output=True, timeout=180)
        pdf_plan, txt_plan = parse_file(tmp_path / f"{stem}.a-typed.pdf"), parse_file(ROOT / "samples" / f"{stem}.txt")
        blocks = read_pdf((tmp_path / f"{stem}.a-typed.pdf").read_bytes())
        assert any(b.spaced for b in blocks) and any(b.spaced is False for b in blocks)
        if node is None:
            def facts(plan):
                return [(t.id, [a.text for a in t.lead], [a.text for a in t.support],
                         t.deadline.text if t.deadline else None) for t in plan.tasks]
            assert facts(pdf_plan) == facts(txt_plan)
        else:
            assert pdf_plan.node(node).title == txt_plan.node(node).title


def _spot(x: float, y: float, *chunks: tuple[float, str]):
    """What _Marks.baselines gives for one of pypdf's lines: where it starts, and its chunks."""
    return (x, y, list(chunks) or [(x, "")])


def test_table_rebuilt_from_where_cells_start():
    """A PDF table written cell by cell: rows of cells on one baseline at shared x positions make the table;
    a cell's lines go on below at its column's x; a row ends at a gap wider than the lines of a paragraph.
    Prose at the margin around it, and a list's number and text (two starts), are not a table."""
    from ttdn_parse.readers.pdf import _baselines_of, _grid, table_columns

    pitch = 14.7
    # cell by cell, as LibreOffice writes a table; pypdf makes one line of chunks that follow each other on
    # one baseline (a row's number and its content's first line)
    spots = [
        _spot(90, 700, (90, "Đoạn văn trước bảng, dài như một dòng văn xuôi của kế hoạch.")),
        _spot(90, 660, (90, "1"), (176, "Cập nhật nội ")),
        _spot(176, 645.3, (176, "dung trên Cổng")),
        _spot(262, 660, (262, "VP UBND ")), _spot(262, 645.3, (262, "tỉnh")),
        _spot(349, 660, (349, "Sở Ngoại vụ")), _spot(435, 660, (435, "2026")),
        _spot(90, 620, (90, "2")), _spot(176, 620, (176, "Duy trì chuyên ")), _spot(176, 605.3, (176, "trang")),
        _spot(262, 620, (262, "Sở Văn hóa, Thể thao")), _spot(262, 605.3, (262, "và Du lịch")),
        _spot(349, 620, (349, "Các sở, ngành")), _spot(435, 620, (435, "Quý I/2026")),
        _spot(90, 590.6, (90, "Đoạn văn sau bảng, ngay dưới nó.")),
        _spot(90, 530, (90, "a)"), (120, "Một điểm của danh sách")),
        _spot(90, 500, (90, "Đoạn"), (121, "văn"), (140, "OCR:"), (176, "từng"), (200, "chữ"), (262, "một.")),
    ]
    by_y = _baselines_of(spots)
    columns = table_columns([by_y])
    assert [round(c) for c in columns] == [90, 176, 262, 349, 435]
    grid = _grid(spots, by_y, columns, pitch)
    assert sorted(grid) == list(range(1, 14))            # the table's lines, not the prose or the list
    assert grid[1] == [["1", "Cập nhật nội dung trên Cổng", "VP UBND tỉnh", "Sở Ngoại vụ", "2026"],
                       ["2", "Duy trì chuyên trang", "Sở Văn hóa, Thể thao và Du lịch", "Các sở, ngành",
                        "Quý I/2026"]]
    # a list (number and text: two starts a baseline) and words drawn one by one (an OCR text layer: one
    # line however many chunks) make no columns
    listing = [_spot(90, 700 - 20 * k, (90, f"{k}."), (120, "Nội dung")) for k in range(1, 6)]
    assert table_columns([_baselines_of(listing)]) == []
    ocr = [_spot(90, 700 - 15 * k, *((90 + 40 * w + (k % 3), "từ ") for w in range(8))) for k in range(30)]
    assert table_columns([_baselines_of(ocr)]) == []


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: a PDF's task table not tested")
def test_task_table_of_a_word_made_pdf(tmp_path):
    """binh-dinh's appendix, a five-column table over eight pages, printed to PDF by LibreOffice: its rows
    (those begun on one page and ended on the next too) and their tasks are the Word file's."""
    from ttdn_parse import parse_file

    docx = ROOT / "samples" / "binh-dinh-2019-2020.a-typed.docx"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf_plan, word_plan = parse_file(tmp_path / "binh-dinh-2019-2020.a-typed.pdf"), parse_file(docx)

    def rows(plan):
        return [(n.label, n.cells) for n in plan.walk() if n.kind == "row" and n.label]

    def tasks(plan):
        return [(t.id, [a.text for a in t.lead], [a.text for a in t.support], t.deadline.text if t.deadline else None)
                for t in plan.tasks if t.source == "table"]

    assert rows(pdf_plan) == rows(word_plan) and len(rows(word_plan)) >= 20
    assert tasks(pdf_plan) == tasks(word_plan)


def test_a_pdf_place_is_its_page():
    """Lines are counted through the whole extracted text, which no viewer shows: a PDF place is its page,
    and a rebuilt table's row says its page too."""
    from ttdn_parse.models import Span
    from ttdn_parse.report import where

    assert where(Span.make(314, 314, page=9), "pdf") == "trang 9"
    assert where(Span.make(120, 120, table=1, row=9, cell=2, page=6), "pdf") == "trang 6, bảng 1, dòng 9"
    assert where(Span.make(120, 120, table=1, row=9, cell=2, page=6), "pdf", "en") == "page 6, table 1, row 9"
    assert where(Span.make(40, 40, para=37, table=2, row=5, cell=1), "docx") == "bảng 2, dòng 5"
