"""Legacy Vietnamese fonts (TCVN3 / ABC and VNI) -> Unicode, chosen by the run's font name.

Before Unicode, Vietnamese Word files used 8-bit fonts: the bytes are ordinary Windows-1252 characters
("KÕ ho¹ch") that the font draws as Vietnamese ("Kế hoạch"). Word keeps the characters, so a reader must
convert them by font. Tables: src/ttdn_parse/data/legacy_fonts.toml (with their sources).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..resources import load_toml

__all__ = ["convert", "encoding_of_font", "tcvn3_to_unicode", "vni_to_unicode"]


def _byte_char(code: int) -> str:
    """The character Word stores for byte `code` of an ANSI font (cp1252; its 5 holes stay U+0080+)."""
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(code)


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict]:
    data = load_toml("legacy_fonts.toml")
    out: dict[str, dict] = {}
    for name in ("tcvn3", "vni"):
        section = data[name]
        table = {_byte_char(int(k, 16)): v for k, v in section["map"].items()}
        out[name] = {
            "trans": str.maketrans(table),
            "prefixes": tuple(p.lower() for p in section["font_prefixes"]),
            "caps_suffix": section.get("caps_suffix"),
        }
    return out


@lru_cache(maxsize=256)
def encoding_of_font(font: str | None) -> str | None:
    """'tcvn3', 'tcvn3-caps', 'vni' or None for a font name."""
    if not font:
        return None
    name = font.strip()
    low = name.lower()
    if not (low.startswith((".vn", "vni"))):
        return None  # fast path: almost every font
    tables = _tables()
    tc = tables["tcvn3"]
    if low.startswith(tc["prefixes"]):
        suffix = tc["caps_suffix"]
        return "tcvn3-caps" if suffix and name.endswith(suffix) else "tcvn3"
    if low.startswith(tables["vni"]["prefixes"]):
        return "vni"
    return None


def tcvn3_to_unicode(text: str, caps: bool = False) -> str:
    out = text.translate(_tables()["tcvn3"]["trans"])
    return out.upper() if caps else out


def vni_to_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_tables()["vni"]["trans"]))


def convert(text: str, encoding: str | None) -> str:
    if not encoding or not text:
        return text
    if encoding == "vni":
        return vni_to_unicode(text)
    return tcvn3_to_unicode(text, caps=encoding == "tcvn3-caps")
