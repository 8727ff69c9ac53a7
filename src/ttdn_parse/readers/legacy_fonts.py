"""Legacy Vietnamese fonts (TCVN3 / ABC and VNI) and the symbol fonts -> Unicode, chosen by the run's font name.

Before Unicode, Vietnamese Word files used 8-bit fonts: the bytes are ordinary Windows-1252 characters
("KÕ ho¹ch") that the font draws as Vietnamese ("Kế hoạch"). Word keeps the characters, so a reader must
convert them by font. The same holds for the Symbol and Wingdings fonts ("³" or U+F0B3 in Symbol is drawn
as "≥"). Tables: src/ttdn_parse/data/legacy_fonts.toml (with their sources).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..resources import load_toml

__all__ = ["convert", "encoding_of_font", "symbol_char", "symbol_encoding", "tcvn3_to_unicode", "vni_to_unicode"]

SYMBOL_FONTS = ("symbol", "wingdings")     # sections of legacy_fonts.toml for fonts of pictures and signs


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
    for name in SYMBOL_FONTS:
        section = data[name]
        table: dict[str, str] = {}
        for key, value in section["map"].items():
            code = int(key, 16)
            # stored as the private-use character U+F000 + code (Insert > Symbol), or as the code's own
            # character (cp1252 for 0x80-0x9F, as for the ANSI fonts above)
            for stored in (chr(0xF000 + code), _byte_char(code), chr(code)):
                table[stored] = value
        out[name] = {"trans": str.maketrans(table), "codes": {int(k, 16): v for k, v in section["map"].items()}}
    out["symbol_fonts"] = {font.lower(): name for name in SYMBOL_FONTS for font in data[name]["font_names"]}
    return out


@lru_cache(maxsize=256)
def encoding_of_font(font: str | None) -> str | None:
    """'tcvn3', 'tcvn3-caps', 'vni', 'symbol', 'wingdings' or None for a font name."""
    if not font:
        return None
    name = font.strip()
    low = name.lower()
    symbol = _tables()["symbol_fonts"].get(low)
    if symbol:
        return symbol
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


def symbol_encoding(font: str | None) -> str | None:
    """'symbol' or 'wingdings' for those fonts, else None."""
    enc = encoding_of_font(font)
    return enc if enc in SYMBOL_FONTS else None


def symbol_char(font: str | None, code: int) -> str | None:
    """What a <w:sym w:font=… w:char=…/> shows, for a symbol font with a table (code 0x20-0xFF, the
    private-use offset taken off); None for other fonts and for codes the table leaves out."""
    enc = symbol_encoding(font)
    return _tables()[enc]["codes"].get(code) if enc else None


def convert(text: str, encoding: str | None) -> str:
    if not encoding or not text:
        return text
    if encoding == "vni":
        return vni_to_unicode(text)
    if encoding in SYMBOL_FONTS:
        return text.translate(_tables()[encoding]["trans"])
    return tcvn3_to_unicode(text, caps=encoding == "tcvn3-caps")
