"""Readers: a file (or bytes) -> Document of blocks. Formats are known here and nowhere after."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..blocks import Document
from ..errors import ReadError, UnsupportedFormat
from ..gcpause import paused_gc, running_gc

FORMATS = ("txt", "md", "docx", "pdf", "doc")
_SUFFIX = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf", ".doc": "doc"}
MAX_INPUT_BYTES = 200 * 1024 * 1024


def format_of(path: str | os.PathLike[str]) -> str:
    fmt = _SUFFIX.get(Path(path).suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(f"không đọc được loại tệp '{Path(path).suffix or '(không đuôi)'}' "
                                f"(unsupported file type; ttdn reads {', '.join(FORMATS)})")
    return fmt


def read_bytes(data: bytes, format: str, path: str | None = None) -> Document:
    fmt = format.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UnsupportedFormat(f"unsupported format '{format}' (ttdn reads {', '.join(FORMATS)})")
    if not data:
        raise ReadError("tệp rỗng (empty file)")
    sha = hashlib.sha256(data).hexdigest()
    footnotes: list[tuple[str, str]] = []
    with paused_gc():
        if fmt in ("txt", "md"):
            from .text import read_text

            blocks = read_text(data)
        elif fmt == "docx":
            from .docx import read_docx  # type: ignore[import-not-found]

            blocks, footnotes = read_docx(data)
        elif fmt == "pdf":
            from .pdf import read_pdf  # type: ignore[import-not-found]

            with running_gc():   # pypdf's objects form cycles: paused, reading a 260 KB PDF peaked at 6.8 MB, not 3.6
                blocks = read_pdf(data)
        else:
            from .doc import read_doc  # type: ignore[import-not-found]

            blocks, footnotes = read_doc(data)
    return Document(blocks=blocks, format=fmt, sha256=sha, path=path, footnotes=footnotes)


def read_path(path: str | os.PathLike[str]) -> Document:
    p = Path(path)
    if not p.exists():
        raise ReadError("không tìm thấy tệp (no such file)")
    if p.is_dir():
        raise ReadError("là thư mục, không phải tệp (is a directory)")
    fmt = format_of(p)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ReadError(f"tệp quá lớn ({size // 2**20} MB > {MAX_INPUT_BYTES // 2**20} MB)")
        data = p.read_bytes()
    except PermissionError:
        raise ReadError("không có quyền đọc tệp (permission denied)") from None
    except OSError as exc:
        raise ReadError(f"không đọc được tệp ({exc.strerror})") from None
    return read_bytes(data, fmt, path=str(path))
