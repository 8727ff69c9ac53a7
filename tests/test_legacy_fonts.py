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
