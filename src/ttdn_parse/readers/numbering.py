"""Word's automatic numbering, rendered as Word shows it.

Reads numbering.xml (abstractNum / num / lvlOverride) and keeps the counters while the body is read in
order. Supported: numFmt (decimal, decimalZero, upperRoman, lowerRoman, upperLetter, lowerLetter, bullet,
none, ordinal, cardinalText, ordinalText, decimalEnclosedParen/Fullstop/Circle, decimalFullWidth,
vietnameseCounting, chicago, and Word 2010's custom zero-padded formats in mc:AlternateContent), lvlText
templates with several levels ("%1.%2."), start, lvlOverride with startOverride or a whole replacement
w:lvl, restart of lower levels after a higher one, lvlRestart, isLgl,
suff (tab / space / nothing), numStyleLink / styleLink, and paragraph-style numbering (resolved by the
caller, see docx.py).

Counters are kept per abstract list: two w:num that point at the same abstractNum continue one list, as in
Word; a w:num with a startOverride restarts the level where it is first used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .. import rx
from .legacy_fonts import convert, symbol_encoding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = W + "val"
_LVL_OVERRIDE = W + "lvlOverride"
_UNSET: list[None] = [None] * 9          # the counters of levels that have not started (or restarted)
_LEVEL_REF = rx.compile(r"%([0-9])")    # "%2" in an lvlText: the number of level 2

# Bullet glyphs from the Symbol/Wingdings private-use area and common Unicode bullets: all render as '-'.
# '+' is kept: Vietnamese plans use '+' for a sub-bullet under '-', and the lexer tells them apart.
_KEEP_BULLETS = {"+": "+", "-": "-", "–": "-", "—": "-", "*": "-"}


class Indent(NamedTuple):
    """A w:ind element's attributes in twips (None where not given): each is inherited on its own."""
    left: int | None
    hanging: int | None
    first_line: int | None


def indent_of(ind) -> Indent | None:
    if ind is None:
        return None
    left = ind.get(W + "left")
    if left is None:
        left = ind.get(W + "start")
    return Indent(_int(left, None), _int(ind.get(W + "hanging"), None), _int(ind.get(W + "firstLine"), None))


def number_position(indents) -> int:
    """Where a paragraph's first line (its number) starts, in twips from the text margin, from the w:ind that
    apply to it, the strongest first: each attribute is taken from the first that gives it; a hanging and a
    first-line indent exclude each other, so the first that gives either counts."""
    left = None
    shift = None
    for ind in indents:
        if ind is None:
            continue
        if left is None:
            left = ind.left
        if shift is None:
            shift = -ind.hanging if ind.hanging is not None else ind.first_line
        if left is not None and shift is not None:
            break
    return (left or 0) + (shift or 0)


@dataclass(slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None   # lvlRestart: 1-based level after which this one restarts; 0 never
    legal: bool = False          # isLgl
    suffix: str = "tab"          # tab | space | nothing
    style: str | None = None     # w:pStyle linked to this level
    font: str | None = None      # rFonts of the level's rPr (legacy-font labels)
    ind: object = None           # the level's w:pPr/w:ind element (see indent_of), read when a number uses it
    hidden: bool = False         # w:vanish in the level's rPr: the number is counted but not shown


@dataclass(slots=True)
class Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)        # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)      # full w:lvl replacement per level


def first_child(el, tag: str):
    """`el.find(tag)` for a direct child, without lxml's path parser (which runs in Python: ~2-4 times slower
    on a paragraph's few children). Property elements (pPr, rPr, tcPr …) come first in their parent by the
    schema, so the first child is looked at before the others; then, among a few children, each in turn
    (iterchildren's tag matcher costs as much as looking at four)."""
    n = len(el)
    if n:
        first = el[0]
        if first.tag == tag:
            return first
        if n <= 4:
            for c in el:
                if c.tag == tag:
                    return c
            return None
        for c in el.iterchildren(tag):
            return c
    return None


def first_children(el) -> dict:
    """tag -> the first child with that tag, in one pass (for reading several properties of one element)."""
    kids: dict = {}
    for c in el:
        kids.setdefault(c.tag, c)
    return kids


def _val(el, tag: str) -> str | None:
    found = first_child(el, W + tag)
    return None if found is None else found.get(W + "val")


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(el) -> Level:
    """One w:lvl, its children read in one pass (the first of each kind counts, as `find` takes it)."""
    kids = first_children(el)

    def val(tag: str) -> str | None:
        c = kids.get(W + tag)
        return None if c is None else c.get(_VAL)

    lvl = Level()
    lvl.start = _int(val("start"), 1)
    fmt = val("numFmt")
    if fmt is None and _ALTERNATE in kids:        # Word 2010's custom formats ("001, 002, 003, ...")
        fmt = _alternate_format(kids[_ALTERNATE])
    lvl.fmt = fmt or "decimal"
    text = kids.get(W + "lvlText")
    lvl.text = "" if text is None else (text.get(_VAL) or "")
    restart = val("lvlRestart")
    lvl.restart = _int(restart, 0) if restart is not None else None
    legal = kids.get(W + "isLgl")
    lvl.legal = legal is not None and legal.get(_VAL, "true") not in ("0", "false", "off")
    lvl.suffix = val("suff") or "tab"
    lvl.style = val("pStyle")
    ppr = kids.get(W + "pPr")
    if ppr is not None:
        lvl.ind = first_child(ppr, W + "ind")
    rpr = kids.get(W + "rPr")
    if rpr is not None:
        vanish = first_child(rpr, W + "vanish")
        lvl.hidden = vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")
        fonts = first_child(rpr, W + "rFonts")
        if fonts is not None:
            lvl.font = fonts.get(W + "hAnsi") or fonts.get(W + "ascii")
            if lvl.fmt == "bullet" and lvl.text:
                # a bullet glyph of a symbol font ("\uf02b" in Symbol is "+", as LibreOffice writes a .doc's)
                lvl.text = convert(lvl.text, symbol_encoding(lvl.font))
    return lvl


_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_ZERO_PADDED = "zeroPadded:"          # + width: a custom format of zero-padded numbers ("001" is width 3)
_CUSTOM_ZEROS = rx.compile(r"\s*(0{1,9}1)\s*,\s*0{1,9}2\b")     # "001, 002, …": up to ten digits


def _alternate_format(alt) -> str | None:
    """The number format in an mc:AlternateContent: its first Choice's, when it is a custom format ttdn can
    render (zero-padded numbers), else the Fallback's (the standard format Word writes for older readers)."""
    for branch in alt:
        found = first_child(branch, W + "numFmt")
        if found is None:
            continue
        fmt = found.get(_VAL)
        if fmt == "custom":
            m = _CUSTOM_ZEROS.match(found.get(W + "format") or "")
            if m:
                return _ZERO_PADDED + str(len(m.group(1)))
            continue
        if fmt:
            return fmt
    return None


def is_decimal(fmt: str) -> bool:
    """Does the format print the number in digits (the numbers of items: "1.", "2.1.", "01.", "001.")?"""
    return fmt in ("decimal", "decimalZero") or fmt.startswith(_ZERO_PADDED)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_EN_CARD = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
           "twelve": "twelfth"}
_VI_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter sequence: a..z, then aa..zz, aaa.. (the letter repeated)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cardinal_en(n: int) -> str:
    if n < 20:
        return _EN_CARD[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _EN_TENS[tens] + ("-" + _EN_CARD[unit] if unit else "")
    return str(n)


def _vietnamese(n: int) -> str:
    """numFmt vietnameseCounting: một, hai, ... mười, mười một, hai mươi mốt ..."""
    if n < 10:
        return _VI_DIGITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else _VI_DIGITS[tens] + " mươi"
        if unit == 0:
            return head
        if unit == 1 and tens > 1:
            tail = "mốt"
        elif unit == 5:
            tail = "lăm"
        elif unit == 4 and tens > 1:
            tail = "tư"
        else:
            tail = _VI_DIGITS[unit]
        return head + " " + tail
    return str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth", "arabicAlpha"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt.startswith(_ZERO_PADDED):
        return f"{n:0{int(fmt[len(_ZERO_PADDED):])}d}" if n >= 0 else str(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "none":
        return ""
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "cardinalText":
        return _cardinal_en(n).capitalize()
    if fmt == "ordinalText":
        words = _cardinal_en(n).split("-")
        last = words[-1]
        words[-1] = _EN_ORD.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
        return "-".join(words).capitalize()
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalEnclosedCircle":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "vietnameseCounting":
        return _vietnamese(n)
    if fmt == "chicago":
        marks = "*†‡§"
        return marks[(n - 1) % 4] * ((n - 1) // 4 + 1) if n > 0 else str(n)
    return str(n)


def bullet_text(text: str) -> str:
    glyph = text.strip()
    return _KEEP_BULLETS.get(glyph, "-") if glyph else ""


class Numbering:
    """numbering.xml plus the running counters."""

    def __init__(self, root=None, style_num: dict[str, tuple[str | None, int | None]] | None = None):
        self.abstracts: dict[str, dict[int, Level]] = {}   # read on first use (see _levels)
        self._abstract_els: dict = {}
        self._resolved_cache: dict[str, tuple | None] = {}
        self.abstract_links: dict[str, str] = {}   # abstractNumId -> numStyleLink style id
        self.nums: dict[str, Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self._used: set[tuple[str, int]] = set()    # (numId, ilvl) whose startOverride has been applied
        self.style_num = style_num or {}
        if root is None:
            return
        for absnum in root.iter(W + "abstractNum"):
            aid = absnum.get(W + "abstractNumId")
            if aid is None:
                continue
            self._abstract_els[aid] = absnum
            link = _val(absnum, "numStyleLink")
            if link:
                self.abstract_links[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            entry = Num(abstract=aid)
            for ov in num.iterchildren(_LVL_OVERRIDE):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                start = _val(ov, "startOverride")
                if start is not None:
                    entry.starts[ilvl] = _int(start, 1)
                lvl = first_child(ov, W + "lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[nid] = entry

    # --- resolution -------------------------------------------------------------------------------------
    def _levels(self, aid: str) -> dict[int, Level]:
        """The levels of an abstract list, read when first needed: Word files often define dozens of lists
        (nine levels each) and use two or three."""
        levels = self.abstracts.get(aid)
        if levels is None:
            levels = self.abstracts[aid] = {}
            el = self._abstract_els.get(aid)
            for lvl in el.findall(W + "lvl") if el is not None else ():
                levels[_int(lvl.get(W + "ilvl"), 0)] = _level(lvl)
        return levels

    def _abstract_of(self, num_id: str, depth: int = 0) -> str | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        link = self.abstract_links.get(aid)
        if link and depth < 5:
            linked_num, _ = self.style_num.get(link, (None, None))
            if linked_num and linked_num != num_id:
                return self._abstract_of(linked_num, depth + 1) or aid
        return aid

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        aid = self._abstract_of(num_id)
        if aid is None:
            return None
        for ilvl, lvl in self._levels(aid).items():
            if lvl.style == style_id:
                return ilvl
        return None

    def _resolved(self, num_id: str) -> tuple[Num, str, tuple[Level | None, ...], bool] | None:
        """(num, its abstract list, its nine levels with the num's own replacements, whether any of them has a
        lvlRestart), kept per numId: a list's paragraphs all ask for the same."""
        got = self._resolved_cache.get(num_id)
        if got is None and num_id not in self._resolved_cache:
            num = self.nums.get(num_id)
            aid = self._abstract_of(num_id) if num is not None else None
            if aid is not None:
                own, shared = num.levels, self._levels(aid)
                levels = tuple(own[k] if k in own else shared.get(k) for k in range(9))
                got = (num, aid, levels, any(lv is not None and lv.restart is not None for lv in levels))
            self._resolved_cache[num_id] = got
        return got

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, Level] | None:
        """Advance the counters for a paragraph numbered (num_id, ilvl); the label as Word prints it, with its
        suffix (tab and space both as one space), and its level. None when the paragraph shows no number."""
        if not num_id or num_id == "0":
            return None
        resolved = self._resolved(num_id)
        if resolved is None:
            return None
        num, aid, levels, any_restart = resolved
        ilvl = max(0, min(ilvl, 8))
        lvl = levels[ilvl]
        if lvl is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        key = (num_id, ilvl)
        if ilvl in num.starts and key not in self._used:
            self._used.add(key)
            counters[ilvl] = num.starts[ilvl]
        elif counters[ilvl] is None:
            counters[ilvl] = num.starts.get(ilvl, lvl.start)
        else:
            counters[ilvl] += 1
        # Restart the deeper levels. Default: after any higher level; lvlRestart n: after levels < n only.
        if not any_restart:
            counters[ilvl + 1:] = _UNSET[ilvl + 1:]
        else:
            for deeper in range(ilvl + 1, 9):
                dl = levels[deeper]
                restart = dl.restart if dl is not None else None
                if restart is None or (restart != 0 and ilvl < restart):
                    counters[deeper] = None
        if lvl.fmt == "bullet":
            text = bullet_text(lvl.text)
        else:
            text = self._render(num, levels, lvl, counters)
        if not text:
            return "", lvl
        suffix = "" if lvl.suffix == "nothing" else " "
        return text + suffix, lvl

    def _render(self, num: Num, levels: tuple[Level | None, ...], lvl: Level, counters: list[int | None]) -> str:
        out: list[str] = []
        for ref in _template(lvl.text):
            if isinstance(ref, str):
                out.append(ref)
            else:
                rl = levels[ref]
                value = counters[ref]
                if value is None:
                    value = num.starts.get(ref, rl.start if rl is not None else 1)
                fmt = rl.fmt if rl is not None else "decimal"
                if lvl.legal and not is_decimal(fmt):
                    fmt = "decimal"
                out.append(format_number(value, fmt) if fmt != "bullet" else "")
        return "".join(out)


@lru_cache(maxsize=256)
def _template(text: str) -> tuple[str | int, ...]:
    """An lvlText template as its pieces: literal text (str) and the 0-based level whose number goes there
    (int). "%0" names no level and prints nothing. Lists share a few templates ("%1.", "%1)", "%1.%2.")."""
    pieces = _LEVEL_REF.split(text)
    out: list[str | int] = []
    for k, piece in enumerate(pieces):
        if k % 2 == 0:
            if piece:
                out.append(piece)
        elif piece != "0":
            out.append(int(piece) - 1)
    return tuple(out)
