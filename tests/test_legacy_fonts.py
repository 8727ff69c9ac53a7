"""Legacy fonts: whole samples re-encoded in TCVN3 (.VnTime/.VnTimeH) and VNI fonts parse like Unicode ones."""

from __future__ import annotations

import io
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ttdn_parse import parse_bytes, parse_file
from ttdn_parse.resources import load_toml as _load_toml
from ttdn_parse.readers.legacy_fonts import tcvn3_to_unicode, vni_to_unicode

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DATA = _load_toml("legacy_fonts.toml")
VIETNAMESE = unicodedata.normalize("NFC", "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")


def _byte_char(code: str) -> str:
    try:
        return bytes([int(code, 16)]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(int(code, 16))


TCVN3_ENC = {v: _byte_char(k) for k, v in _DATA["tcvn3"]["map"].items()}
# sequence -> code, for lower-case letters (codes from 0xE0) and capitals (below)
VNI_LOW = {v: _byte_char(k) for k, v in _DATA["vni"]["map"].items() if int(k, 16) >= 0xE0}
VNI_UP = {v: _byte_char(k) for k, v in _DATA["vni"]["map"].items() if int(k, 16) < 0xE0}


def to_tcvn3(text: str) -> list[tuple[str, str]]:
    """Unicode -> runs [(font, text)]: .VnTime, and .VnTimeH for capitals that VN3 has no code for."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        if ch in TCVN3_ENC:
            font, code = ".VnTime", TCVN3_ENC[ch]
        elif ch.lower() in TCVN3_ENC and ch.isupper():
            font, code = ".VnTimeH", TCVN3_ENC[ch.lower()]
        elif ch.isascii():
            font, code = ".VnTime", ch
        else:
            font, code = "Times New Roman", ch  # – “ ” … keep Unicode in a Unicode font
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + code)
        else:
            runs.append((font, code))
    return runs


def to_vni(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        if ch.isascii() or low not in VIETNAMESE or low in "aeiouy":
            out.append(ch)
            continue
        upper = ch.isupper()
        table = VNI_UP if upper else VNI_LOW
        if (ch if upper else low) in table:    # í ì ỉ ĩ ị ỵ đ ơ ư: one code
            out.append(table[ch])
            continue
        base, *marks = unicodedata.normalize("NFD", low)
        letter = base.upper() if upper else base
        if "\u031b" in marks:                  # horn: ơ ư are letters of their own
            horn = "ơ" if base == "o" else "ư"
            letter = table[horn.upper() if upper else horn]
            marks.remove("\u031b")
        seq = "".join(marks)
        code = table.get(seq, "") if seq else ""
        if seq and not code:
            code = "".join(table[m] for m in marks)
        out.append(letter + code)
    return "".join(out)


def _reencode(data: bytes, encoding: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(src.read("word/document.xml"))
    for r in list(root.iter(W + "r")):
        t = r.find(W + "t")
        if t is None or not t.text:
            continue
        text = t.text
        pieces = to_tcvn3(text) if encoding == "tcvn3" else [("VNI-Times", to_vni(text))]
        parent, at = r.getparent(), r.getparent().index(r)
        parent.remove(r)
        for k, (font, chunk) in enumerate(pieces):
            run = etree.SubElement(parent, W + "r")
            parent.insert(at + k, run)
            rpr = etree.SubElement(run, W + "rPr")
            fonts = etree.SubElement(rpr, W + "rFonts")
            fonts.set(W + "ascii", font)
            fonts.set(W + "hAnsi", font)
            tt = etree.SubElement(run, W + "t")
            tt.text = chunk
            tt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8") if info.filename == "word/document.xml" \
                else src.read(info.filename)
            z.writestr(info, raw)
    return out.getvalue()


def test_every_vietnamese_letter_round_trips():
    letters = VIETNAMESE + VIETNAMESE.upper()
    assert "".join(tcvn3_to_unicode(t, caps=f.endswith("H")) for f, t in to_tcvn3(letters)) == letters
    assert vni_to_unicode(to_vni(letters)) == letters
    assert to_vni("Kế hoạch") == "Keá hoaïch" and to_vni("Đắk Nông") == "Ñaék Noâng"


def test_tcvn3_table_matches_glibc_where_it_can():
    """Every VN3 code agrees with glibc's TCVN5712-1 converter (VN1 is a superset for these codes)."""
    try:
        subprocess.run(["iconv", "--version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("iconv not available: glibc cross-check skipped")
    for code, letter in _DATA["tcvn3"]["map"].items():
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], check=False, input=bytes([int(code, 16)]),
                             capture_output=True)
        if out.returncode == 0:
            assert out.stdout.decode() == letter, code


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("stem", sorted({p.name.split(".")[0] for p in SAMPLES.glob("*.a-typed.docx")}))
def test_legacy_font_sample_parses_like_unicode(stem, encoding):
    unicode_docx = (SAMPLES / f"{stem}.a-typed.docx").read_bytes()
    legacy = _reencode(unicode_docx, encoding)
    xml = zipfile.ZipFile(io.BytesIO(legacy)).read("word/document.xml")
    assert b"VnTime" in xml or b"VNI-Times" in xml
    want, got = parse_file(SAMPLES / f"{stem}.a-typed.docx"), parse_bytes(legacy, "docx")
    assert [(s.label, s.title) for s in got.sections] == [(s.label, s.title) for s in want.sections]
    assert got.header.model_dump() == want.header.model_dump()
    assert [f.text for f in got.footnotes] == [f.text for f in want.footnotes]
    assert got.signature.name == want.signature.name


# --- symbol fonts ------------------------------------------------------------------------------------------

SYM = '<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>'


@pytest.mark.parametrize("font, code, shown", [
    ("Symbol", "F0B3", "≥"), ("Symbol", "F0A3", "≤"), ("Symbol", "F0DE", "⇒"), ("Symbol", "F0AE", "→"),
    ("Symbol", "F0B7", "•"), ("Symbol", "F0B4", "×"), ("Symbol", "F0A7", "♣"), ("Symbol", "F0D8", "¬"),
    ("Symbol", "F061", "α"), ("Symbol", "F044", "Δ"), ("symbol", "00B3", "≥"),
    ("Wingdings", "F0FC", "✓"), ("Wingdings", "F0D8", "➢"), ("Wingdings", "F0A7", "▪"), ("Wingdings", "F0A8", "◻"),
    ("Wingdings", "F0FE", "☑"), ("Wingdings", "F076", "❖"), ("Wingdings", "F0E8", "➔"),
    # a font without a table: its common bullets as bullets, other codes as their characters
    ("Wingdings 2", "F0A7", "▪"), ("Arial", "2013", "–"),
])
def test_sym_is_shown_by_its_font(font, code, shown):
    """<w:sym> (Insert > Symbol) shows the glyph of its font: the Symbol font's 0xA7 is ♣ and its 0xD8 ¬,
    Wingdings' are ▪ and ➢ (data/legacy_fonts.toml)."""
    from docx_build import docx, p, r

    from ttdn_parse.readers.docx import read_docx

    blocks, _ = read_docx(docx(p(runs=r("Tỷ lệ ") + SYM.format(font=font, code=code) + r(" 90%"))))
    assert blocks[0].text == f"Tỷ lệ {shown} 90%"


def test_text_in_symbol_fonts_is_converted():
    """Text set in the Symbol or Wingdings font, stored as private-use characters or as plain characters of
    the codes, reads as the glyphs; a Wingdings bullet at the start of a line is a bullet."""
    from docx_build import docx, p, r

    from ttdn_parse.readers.docx import read_docx

    sym, wing = '<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/>', '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'
    body = (p(runs=r("\uf0b3", sym) + r(" 90%")) + p(runs=r("Þ", sym) + r(" kết quả"))
            + p(runs=r("Ø", wing) + r(" Nội dung")) + p(runs=r("\uf0fc", wing) + r(" Đã xong")))
    blocks, _ = read_docx(docx(body))
    assert [b.text for b in blocks] == ["≥ 90%", "⇒ kết quả", "➢ Nội dung", "✓ Đã xong"]
    body = (p("KẾ HOẠCH") + p("Thông tin đối ngoại năm 2026") + p("I. MỤC ĐÍCH, YÊU CẦU")
            + p(runs=r("Ø", wing) + r(" Tuyên truyền sâu rộng.")) + p("II. NỘI DUNG") + p("1. Thông tin"))
    bullet = parse_bytes(docx(body), "docx").sections[0].children[0]
    assert (bullet.kind, bullet.text) == ("bullet", "- Tuyên truyền sâu rộng.")


def test_symbol_font_tables_keep_to_their_codes():
    data = _load_toml("legacy_fonts.toml")
    for name in ("symbol", "wingdings"):
        table = data[name]["map"]
        assert data[name]["source"] and all(0x20 <= int(k, 16) <= 0xFF for k in table)
        assert all(len(v) == 1 and unicodedata.category(v)[0] != "C" for v in table.values())
    # 0x20-0x7E and 0xA0-0xFE but 0xF0 and the 23 pieces of large brackets, integrals and arrows
    assert len(data["symbol"]["map"]) == 189 - 23


def test_font_attributes_inherit_one_by_one():
    """w:rFonts' attributes inherit separately, and Word draws the non-ASCII characters (every letter a
    legacy font changes) with the hAnsi font: a run that renames only its ASCII font keeps the style's
    .VnTime for them, and a run whose hAnsi font is Unicode is not converted even if its ASCII font is .VnTime."""
    from docx_build import docx, p, r

    from ttdn_parse.readers.docx import read_docx

    styles = ('<w:style w:type="paragraph" w:styleId="Cu"><w:name w:val="Cu"/>'
              '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>')
    tcvn3 = "Thùc hiÖn NghÞ ®Þnh"
    body = (p(runs=r(tcvn3, '<w:rFonts w:ascii="Times New Roman"/>'), style="Cu")
            + p(runs=r(tcvn3, '<w:rFonts w:ascii=".VnTime" w:hAnsi="Times New Roman"/>'))
            + p(runs=r(tcvn3, '<w:rFonts w:ascii=".VnTime"/>'))           # only w:ascii named: it decides
            + p(runs=r(tcvn3, '<w:rFonts w:hAnsiTheme="minorHAnsi"/>'), style="Cu"))
    blocks, _ = read_docx(docx(body, styles=styles))
    assert [b.text for b in blocks] == ["Thực hiện Nghị định", tcvn3, "Thực hiện Nghị định", tcvn3]
