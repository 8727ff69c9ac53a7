"""ttdn — parser and linter for Vietnamese administrative plans (Kế hoạch).

Public API: parse_file(path), parse_bytes(data, format), parse_text(text) -> Plan.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["parse_file", "parse_bytes", "parse_text", "Plan", "__version__"]

if TYPE_CHECKING:
    from .models import Plan


def parse_file(path: str | os.PathLike[str]) -> Plan:
    """Read and parse a plan file (.txt, .md, .docx, .pdf, .doc). Raises ReadError for unreadable input."""
    from .gcpause import paused_gc
    from .pipeline import parse_document
    from .readers import read_path

    with paused_gc():
        return parse_document(read_path(path))


def parse_bytes(data: bytes, format: str, path: str | None = None) -> Plan:
    """Parse the bytes of a file of the given format ("txt", "md", "docx", "pdf", "doc")."""
    from .gcpause import paused_gc
    from .pipeline import parse_document
    from .readers import read_bytes

    with paused_gc():
        return parse_document(read_bytes(data, format, path=path))


def parse_text(text: str, path: str | None = None) -> Plan:
    """Parse plan text that is already a str. Never fails: irregular text comes back with diagnostics."""
    import hashlib

    from .blocks import Document
    from .pipeline import parse_document
    from .readers.text import split_lines

    data = text.encode("utf-8", "surrogatepass")
    return parse_document(Document(blocks=split_lines(text), format="txt", sha256=hashlib.sha256(data).hexdigest(),
                                   path=path))


def __getattr__(name: str):
    if name == "Plan":
        from .models import Plan

        return Plan
    raise AttributeError(name)
