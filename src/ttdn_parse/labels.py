"""Recognisers for the printed labels of a plan's lines: one place for the patterns the unwrapper and the
lexer share. Each function looks at one normalised line and returns what it found, or None."""

from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache

from . import rx
from .resources import load_toml

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# Vietnamese clause letters in order (no f, j, w, z).
CLAUSE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_SECTION = rx.compile(rf"^(?P<num>{_ROMAN})\s*(?P<sep>[.\-–:)])\s*(?P<rest>.*)$")
_PART = rx.compile(rf"^(?P<label>PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?(?P<num>(?=[IVXLC]){_ROMAN}\b|\d{{1,2}}|[{UPPER}]{{2,}}|[A-Z])\s*[.:\-–]?\s*(?P<rest>.*)$")
# "Phần thứ nhất: ĐÁNH GIÁ …" (the ordinal in lower case; "PHẦN THỨ NHẤT" is matched by _PART)
_PART_ORDINAL = rx.compile(r"^(?P<label>PHẦN|Phần)\s+(?:THỨ|thứ)\s+(?P<num>nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)"
                           r"(?![\w])\s*[.:\-–]?\s*(?P<rest>.*)$")
# the ordinal of a part as a Roman numeral, so "PHẦN THỨ HAI" has the id of "PHẦN II" (PII)
_ORDINAL_ROMAN = {"NHẤT": "I", "HAI": "II", "BA": "III", "TƯ": "IV", "BỐN": "IV", "NĂM": "V", "SÁU": "VI",
                  "BẢY": "VII", "TÁM": "VIII", "CHÍN": "IX", "MƯỜI": "X"}
_LETTER_PART = rx.compile(rf"^(?P<num>[A-H])\s*[.\-–)]\s+(?P<rest>[{UPPER}][{UPPER}\s,;\-–0-9/]+)$")
_ITEM = rx.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)(?P<sep>\.|\)|\s?[-–](?=\s+[" + UPPER + r"]))?(?=\s|$)\s*(?P<rest>.*)$")
# "a)", "a." and, like items "1-", "a-" before a capital
_CLAUSE = rx.compile(rf"^(?P<letter>[a-zđ])(?:\)|(?:\.|\s?[-–])(?=\s+[{UPPER}0-9“\"(]))\s*(?P<rest>.*)$")
_BULLET = rx.compile(r"^(?P<glyph>[-+])\s+(?P<rest>.*)$")
_FOOTNOTE = rx.compile(r"^(?P<label>\[\d{1,3}\]|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s*(?P<rest>\S.*)$")
_CLOSING = rx.compile(r"^Trên đây là\b")
_RECIPIENTS = rx.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_ATTACH = rx.compile(r"^\(?\s*(?:Ban hành )?kèm theo\s+(?:Quyết định|Nghị quyết|Công văn|Kế hoạch|Văn bản)\b", re.IGNORECASE)
_AUTHORITY = rx.compile(r"^(?P<auth>TM|KT|Q|TL|TUQ|T/M|K/T)(?:\s*\.\s*|\s+)(?P<rest>[" + UPPER + r"].*)$")

# the first characters those patterns can match ("" aside): a Roman numeral, a clause letter
_ROMAN_FIRST = frozenset("IVX")
_CLAUSE_FIRST = frozenset("abcdefghijklmnopqrstuvwxyzđ")

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


class Label(NamedTuple):
    kind: str          # part | section | item | clause | bullet | sub
    label: str         # as printed, e.g. "II.", "2.4.1.", "b)", "-"
    key: str           # normalised number/letter: "II", "2.4.1", "b", ""
    depth: int         # items: number of components; others 0
    rest: str          # the text after the label


def roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


@lru_cache(maxsize=1 << 16)
def match_label(line: str) -> Label | None:
    """The structural label a line starts with (section, item, clause, bullet), or None.

    Each pattern is tried only on a line that starts with a character it can start with: most lines are
    prose, which would otherwise fail seven patterns one after the other."""
    first = line[:1]
    if not first:
        return None
    if first == "P":
        m = _PART.match(line) or _PART_ORDINAL.match(line)
        if m:
            num = m.group("num")
            return Label("part", line[: m.start("rest")].strip(), _ORDINAL_ROMAN.get(num.upper(), num), 0,
                         m.group("rest"))
    if first in _ROMAN_FIRST:
        m = _SECTION.match(line)
        if m and m.group("num"):
            rest = m.group("rest")
            # "I." followed by lower-case prose is not a heading ("I" is not a Vietnamese word, but be safe).
            if not rest or not rest[0].islower():
                return Label("section", line[: m.start("rest")].strip(), m.group("num"), 0, rest)
    if "A" <= first <= "H":
        m = _LETTER_PART.match(line)
        if m:
            return Label("part", line[: m.start("rest")].strip(), m.group("num"), 0, m.group("rest"))
    m = _ITEM.match(line) if first.isdecimal() else None      # \d is a decimal digit of any script
    if m:
        num = m.group("num")
        parts = num.split(".")
        # A year or a large figure at the start of a wrapped line ("2025.") is not an item number.
        if all(0 < int(p) <= 60 for p in parts) and (m.group("sep") or len(parts) > 1):
            rest = m.group("rest")
            # "2.5 tỷ đồng" is a figure, "2.1 Quán triệt" a heading: an undotted number must lead a capital
            if not (m.group("sep") is None and (rest[:1].isdigit() or starts_lower(rest))):
                label = line[: m.start("rest")].strip()
                if m.group("sep") == ")":
                    return Label("item", label, num, 0, rest)   # "1)" style: depth decided by the lexer
                return Label("item", label, num, len(parts), rest)
    m = _CLAUSE.match(line) if first in _CLAUSE_FIRST else None
    if m:
        return Label("clause", line[: m.start("rest")].strip(), m.group("letter"), 0, m.group("rest"))
    m = _BULLET.match(line) if first in "-+" else None
    if m:
        return Label("bullet" if m.group("glyph") == "-" else "sub", m.group("glyph"), "", 0, m.group("rest"))
    return None


@lru_cache(maxsize=1)
def _field_table() -> tuple[re.Pattern[str], dict[str, str]]:
    data = load_toml("structure.toml")
    roles: dict[str, str] = {}
    for entry in data["field"]:
        for label in entry["labels"]:
            roles[label.lower()] = entry["role"]
    names = rx.longest_first(roles)
    pattern = rx.compile(r"^(?P<name>" + "|".join(re.escape(n) for n in names) + r")\s*(?::|(?=\s*$))\s*(?P<value>.*)$",
                         re.IGNORECASE)
    return pattern, roles


class Field(NamedTuple):
    name: str          # as printed
    role: str          # lead | support | deadline | content | budget | product
    value: str


@lru_cache(maxsize=1 << 16)
def match_field(text: str) -> Field | None:
    """A labelled field ("Cơ quan chủ trì: Sở …"); `text` is the line after any clause/bullet label."""
    pattern, roles = _field_table()
    m = pattern.match(text)
    if not m:
        return None
    if not text[m.end("name"):].lstrip().startswith(":"):
        return None
    return Field(m.group("name"), roles[m.group("name").lower()], m.group("value"))


@lru_cache(maxsize=1 << 14)
def match_footnote(line: str) -> tuple[str, str] | None:
    m = _FOOTNOTE.match(line)
    if not m:
        return None
    label = m.group("label").strip("[]()⁽⁾").translate(_SUPERSCRIPT)
    return label, m.group("rest")


def is_closing(line: str) -> bool:
    return bool(_CLOSING.match(line))


def match_recipients(line: str) -> str | None:
    m = _RECIPIENTS.match(line)
    return m.group("rest") if m else None


def is_attachment(line: str) -> bool:
    return bool(_ATTACH.match(line))


def match_authority(line: str) -> tuple[str, str] | None:
    m = _AUTHORITY.match(line)
    if not m:
        return None
    rest = m.group("rest")
    if not is_upper_line(rest):
        return None
    return m.group("auth").replace("/", "") + ".", rest


@lru_cache(maxsize=1)
def _doc_types() -> tuple[str, ...]:
    return tuple(load_toml("structure.toml")["document_types"]["names"])


@lru_cache(maxsize=1 << 14)
def match_doc_type(line: str) -> str | None:
    """The document-type line ("KẾ HOẠCH"); letters may be spaced out ("K Ế  H O Ạ C H")."""
    compact = line.strip().rstrip(":")
    if len(compact) > 40 or not is_upper_line(compact):
        return None
    squeezed = " ".join(compact.split())
    if " " in squeezed and all(len(w) == 1 for w in squeezed.split()):
        squeezed = compact.replace("  ", "\0").replace(" ", "").replace("\0", " ")
    for name in _doc_types():
        if squeezed == name:
            return name
    return None


def is_position_text(s: str) -> bool:
    """An upper-case position line; "kiêm" (concurrently) may join two positions."""
    return is_upper_line(_KIEM.sub(" ", s) if "kiêm" in s else s)


_KIEM = rx.compile(r"(?:^|\s)kiêm(?=\s|$)")


def is_upper_line(s: str) -> bool:
    """Has letters, all of them capitals ("ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")."""
    return s.upper() == s and s.lower() != s


def starts_lower(s: str) -> bool:
    for c in s:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
        if c not in "“\"'‘(«[…. ":
            return False
    return False


def is_separator(line: str) -> bool:
    """A rule line under the issuer or the motto ("-------", "___", "***") or a cell separator "|"."""
    s = line.strip()
    return bool(s) and not s.strip(_SEPARATOR_CHARS)


_SEPARATOR_CHARS = "-–—_=*~|·."
