"""A .docx is a zip from strangers: every bad file gives one clear ReadError line, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx_build import NS, docx, p

from ttdn_parse.errors import ReadError
from ttdn_parse.readers import docx as docx_mod
from ttdn_parse.readers import read_bytes
from ttdn_parse.readers.docx import read_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _with_document(xml: bytes) -> bytes:
    good = zipfile.ZipFile(io.BytesIO(docx(p("x"))))
    members = {n: good.read(n) for n in good.namelist()}
    members["word/document.xml"] = xml
    return _zip(members)


def _one_line_error(data: bytes) -> str:
    with pytest.raises(ReadError) as info:
        read_docx(data)
    message = str(info.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize("data,needle", [
    (OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64, "mật khẩu"),
    (OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 64, ".doc"),
    (OLE, "OLE"),
    (_zip({}), "rỗng"),
    (b"PK\x03\x04" + b"\x00" * 40, "hỏng"),
    (docx(p("x"))[:200], "hỏng"),
    (b"hello world, not a zip", "không phải tệp .docx"),
    (b"{\\rtf1\\ansi hello}", "RTF"),
    (b"%PDF-1.4 fake", "PDF"),
    (_zip({"xl/workbook.xml": b"<workbook/>"}), "Excel"),
    (_zip({"[Content_Types].xml": b"<Types/>"}), "word/document.xml"),
    (docx('<w:altChunk r:id="rId5"/>'), "altChunk"),
])
def test_bad_files_one_clear_line(data, needle):
    assert needle in _one_line_error(data)


def test_zip_bomb_refused_before_inflating():
    bomb = _zip({"word/document.xml": b"\0" * (8 * 2**20), "[Content_Types].xml": b"<Types/>"})
    assert len(bomb) < 100_000
    assert "zip bomb" in _one_line_error(bomb)


def test_total_size_limit(monkeypatch):
    monkeypatch.setattr(docx_mod, "MAX_TOTAL_UNCOMPRESSED", 1000)
    data = docx("".join(p("đoạn văn bản khá dài " * 5) for _ in range(20)))
    assert "quá lớn" in _one_line_error(data)


def test_part_size_cap_even_if_header_lies(monkeypatch):
    monkeypatch.setattr(docx_mod, "MAX_PART", 500)
    data = docx("".join(p("đoạn văn bản khá dài " * 5) for _ in range(20)))
    assert "quá lớn" in _one_line_error(data)


def test_entities_and_doctype_refused():
    xxe = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document ' + NS.encode() + b'><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    assert "DOCTYPE" in _one_line_error(_with_document(xxe))
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              b'<w:document ' + NS.encode() + b'><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    assert "DOCTYPE" in _one_line_error(_with_document(laughs))


def test_deep_nesting_refused():
    deep = ("<w:sdt><w:sdtContent>" * 400) + p("x") + ("</w:sdtContent></w:sdt>" * 400)
    xml = f'<?xml version="1.0"?><w:document {NS}><w:body>{deep}</w:body></w:document>'.encode()
    _one_line_error(_with_document(xml))


def test_deep_table_nesting_refused():
    deep = ("<w:tbl><w:tr><w:tc>" * 40) + p("x") + ("</w:tc></w:tr></w:tbl>" * 40)
    xml = f'<?xml version="1.0"?><w:document {NS}><w:body>{deep}</w:body></w:document>'.encode()
    assert "lồng" in _one_line_error(_with_document(xml))


def test_malformed_xml():
    assert "XML" in _one_line_error(_with_document(b"<w:document><w:body><w:p>"))


def test_read_bytes_dispatches_docx():
    doc = read_bytes(docx(p("Kế hoạch")), "docx")
    assert doc.format == "docx" and [b.text for b in doc.blocks] == ["Kế hoạch"] and doc.footnotes == []


def test_cli_reports_bad_word_file_in_one_line(tmp_path):
    import subprocess
    import sys


    bad = tmp_path / "hong.docx"
    bad.write_bytes(OLE + "WordDocument".encode("utf-16-le"))
    empty = tmp_path / "rong.docx"
    empty.write_bytes(_zip({}))
    src = Path(__file__).resolve().parent.parent / "src"
    proc = subprocess.run([sys.executable, "-m", "ttdn_parse", "parse", str(bad), str(empty)], check=False,
                          capture_output=True, text=True, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}, timeout=120)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1
    assert len(lines) == 2 and lines[0].startswith(str(bad)) and ".doc" in lines[0] and "rỗng" in lines[1]
    assert "Traceback" not in proc.stderr


# --- fuzzing: damaged packages give a ReadError or blocks, nothing else ----------------------------------

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_SAMPLE = (Path(__file__).resolve().parent.parent / "samples" / "tra-vinh-2023.c-tables.docx").read_bytes()


def _survives(data: bytes) -> None:
    try:
        read_docx(data)
    except ReadError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_zip_needing_a_newer_zip_version_is_a_read_error():
    """A flipped byte in the central directory can ask for zip version 6.4, which Python's zipfile refuses
    with NotImplementedError (found by the test below)."""
    data = bytearray(_SAMPLE)
    at = data.index(b"PK\x01\x02")            # first central directory entry
    data[at + 6:at + 8] = (64).to_bytes(2, "little")    # version needed to extract: 6.4
    with pytest.raises(ReadError, match="corrupt .docx"):
        read_docx(bytes(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(_SAMPLE) - 1), st.integers(min_value=0, max_value=255))
def test_flipped_byte_in_zip(pos, value):
    data = bytearray(_SAMPLE)
    data[pos] = value
    _survives(bytes(data))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(_SAMPLE)))
def test_truncated_zip(cut):
    _survives(_SAMPLE[:cut])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_xml_parts(data):
    z = zipfile.ZipFile(io.BytesIO(_SAMPLE))
    members = {n: z.read(n) for n in z.namelist()}
    name = data.draw(st.sampled_from(sorted(n for n in members if n.endswith((".xml", ".rels")))))
    raw = members[name]
    start = data.draw(st.integers(min_value=0, max_value=len(raw)))
    length = data.draw(st.integers(min_value=0, max_value=200))
    junk = data.draw(st.binary(max_size=20))
    members[name] = raw[:start] + junk + raw[start + length:]
    _survives(_zip(members))


def test_a_broken_numbering_part_matters_only_when_something_is_numbered():
    """numbering.xml is read only when a paragraph, or a style the body uses, is numbered: a broken one in a
    plan with typed labels does not stop it from being read; in a numbered plan it is one clear line."""
    from docx_build import abstract, lvl, num

    broken = "<w:numbering><w:abstractNum></w:numbering>"
    typed = docx(p("KẾ HOẠCH") + p("I. MỤC ĐÍCH"), numbering=broken)
    assert [b.text for b in read_docx(typed)[0]] == ["KẾ HOẠCH", "I. MỤC ĐÍCH"]
    numbered = p("MỤC ĐÍCH", num=(1, 0))
    good = abstract(1, lvl(0, "upperRoman", "%1.")) + num(1, 1)
    assert [b.text for b in read_docx(docx(numbered, numbering=good))[0]] == ["I. MỤC ĐÍCH"]
    with pytest.raises(ReadError, match="numbering"):
        read_docx(docx(numbered, numbering=broken))
