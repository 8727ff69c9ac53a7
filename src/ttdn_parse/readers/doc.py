"""Word 97-2003 .doc: converted to .docx by LibreOffice, then read by the .docx reader.

LibreOffice runs headless in a private temporary directory (its own user profile, so it never clashes with
a running office), with a timeout; the process group is killed when it overruns. Without LibreOffice the
error names what to install. A file named .doc that is really a .docx (zip) is read directly.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..blocks import Block
from ..errors import ReadError, UnsupportedFormat

DOC_TIMEOUT = 120  # seconds
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
INSTALL_HINT = ("đọc tệp .doc cần LibreOffice: cài 'libreoffice-writer' (Debian/Ubuntu: apt-get install "
                "libreoffice-writer-nogui) hoặc lưu tệp thành .docx trong Word "
                "(reading .doc needs LibreOffice's soffice on PATH, or save the file as .docx)")


def soffice_path() -> str | None:
    """LibreOffice's soffice: $TTDN_SOFFICE, else soffice or libreoffice on PATH."""
    env = os.environ.get("TTDN_SOFFICE")
    if env:
        return env if Path(env).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str = ".doc", timeout: float | None = None) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise UnsupportedFormat(INSTALL_HINT)
    limit = DOC_TIMEOUT if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="ttdn-doc-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    start_new_session=True, cwd=tmp)
        except OSError as exc:
            raise ReadError(f"không chạy được LibreOffice ({soffice}: {exc.strerror})") from None
        try:
            _, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise ReadError(f"LibreOffice chuyển .doc quá {limit:g} giây, đã dừng (conversion timed out)") from None
        result = out_dir / "input.docx"
        if proc.returncode != 0 or not result.is_file():
            detail = (err or b"").decode("utf-8", "replace").strip().splitlines()
            why = f": {detail[-1][:120]}" if detail else ""
            raise ReadError("LibreOffice không chuyển được tệp .doc (hỏng hoặc có mật khẩu?) "
                            f"(conversion failed, exit {proc.returncode}{why})")
        return result.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    try:
        proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def read_doc(data: bytes) -> tuple[list[Block], list[tuple[str, str]]]:
    from .docx import read_docx

    if data[:4] == b"PK\x03\x04":
        return read_docx(data)  # a .docx saved with the old extension
    if not data.startswith(_OLE) and not data.lstrip()[:5] == b"{\\rtf":
        raise ReadError("không phải tệp Word .doc (not a Word 97-2003 file: no OLE signature)")
    if data.startswith(_OLE) and ("EncryptionInfo".encode("utf-16-le") in data
                                  or "EncryptedPackage".encode("utf-16-le") in data):
        raise ReadError("tệp Word được bảo vệ bằng mật khẩu (password-protected): hãy gỡ mật khẩu rồi lưu lại")
    suffix = ".rtf" if data.lstrip()[:5] == b"{\\rtf" else ".doc"
    return read_docx(convert_to_docx(data, suffix))
