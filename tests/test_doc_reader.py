""".doc through LibreOffice: real conversion when soffice is installed; errors and timeout always."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from docx_build import docx, p

from ttdn_parse.errors import ReadError, UnsupportedFormat
from ttdn_parse.readers import doc as doc_mod
from ttdn_parse.readers.doc import read_doc

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_without_libreoffice_names_what_to_install(monkeypatch):
    monkeypatch.setattr(doc_mod, "soffice_path", lambda: None)
    with pytest.raises(UnsupportedFormat, match="LibreOffice"):
        read_doc(OLE)


def test_timeout_kills_conversion(monkeypatch, tmp_path):
    monkeypatch.setenv("TTDN_SOFFICE", _fake_soffice(tmp_path, "sleep 30"))
    monkeypatch.setattr(doc_mod, "DOC_TIMEOUT", 1)
    with pytest.raises(ReadError, match="quá 1 giây"):
        read_doc(OLE)


def test_failed_conversion_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("TTDN_SOFFICE", _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1"))
    with pytest.raises(ReadError) as info:
        read_doc(OLE)
    assert "không chuyển được" in str(info.value) and "\n" not in str(info.value)


def test_not_a_doc_and_docx_named_doc():
    with pytest.raises(ReadError, match="không phải tệp Word"):
        read_doc(b"plain text pretending")
    with pytest.raises(ReadError, match="mật khẩu"):
        read_doc(OLE + "EncryptionInfo".encode("utf-16-le"))
    blocks, _ = read_doc(docx(p("Kế hoạch")))
    assert [b.text for b in blocks] == ["Kế hoạch"]


def _nodes(nodes, out):
    for n in nodes:
        out.append((n.id, n.kind, n.label, n.title))
        _nodes(n.children, out)
    return out


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: real .doc conversion not tested")
@pytest.mark.parametrize("stem", ["quang-binh-2023", "dak-nong-2025", "tra-vinh-2023"])
def test_real_doc_round_trip(tmp_path, stem):
    """A numbered Word sample saved as .doc by LibreOffice parses like the .docx (labels from .doc lists;
    tra-vinh's "+" sub-bullets come back as a Symbol-font glyph) and has the text file's sections."""
    from ttdn_parse import parse_bytes, parse_file

    src = next(p for p in (ROOT / "samples").iterdir() if p.stem == stem and p.suffix in (".txt", ".md"))
    numbered = ROOT / "samples" / f"{stem}.b-numbered.docx"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(numbered)], check=True, capture_output=True, timeout=180)
    data = (tmp_path / f"{stem}.b-numbered.doc").read_bytes()
    assert data.startswith(OLE[:8])
    texts = [b.text for b in read_doc(data)[0] if b.text]
    labels = [s.label for s in parse_file(src).sections if s.label]
    assert all(any(t.startswith(label + " ") for t in texts) for label in (labels[0], labels[-1]))
    plan = parse_bytes(data, "doc")
    assert _nodes(plan.sections, []) == _nodes(parse_file(numbered).sections, [])
    assert [(s.label, s.title) for s in plan.sections] == [(s.label, s.title) for s in parse_file(src).sections]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: RTF-as-.doc conversion not tested")
def test_rtf_saved_as_doc():
    """Many '.doc' files are RTF; LibreOffice converts those too."""
    rtf = (rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0 "
           rb"K\u7870? HO\u7840?CH\par I. M\u7908?C \u272?\u205?CH\par 1. M\u7909?c \u273?\'edch\par}")
    blocks, notes = read_doc(rtf)
    assert [b.text for b in blocks if b.text] == ["KẾ HOẠCH", "I. MỤC ĐÍCH", "1. Mục đích"] and notes == []


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed: real .doc conversion not tested")
def test_real_doc_keeps_tables_and_signature(tmp_path):
    """Header and signature tables, footnotes and the appendix's task table survive a .doc round trip: the
    tasks and the signature are the text file's."""
    from ttdn_parse import parse_bytes, parse_file

    stem = "binh-dinh-2019-2020"
    tables = ROOT / "samples" / f"{stem}.c-tables.docx"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(tables)], check=True, capture_output=True, timeout=180)
    plan = parse_bytes((tmp_path / f"{stem}.c-tables.doc").read_bytes(), "doc")
    text = parse_file(ROOT / "samples" / f"{stem}.txt")

    def tasks(p):
        return [(t.id, [a.text for a in t.lead], [a.text for a in t.support]) for t in p.tasks]

    assert tasks(plan) == tasks(text) and any(t.source == "table" for t in plan.tasks)
    assert (plan.signature.authority, plan.signature.name) == (text.signature.authority, text.signature.name)
