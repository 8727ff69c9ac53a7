"""Normalisation: from reader blocks to logical lines.

Each step is a small function tested on its own:
  clean_line      NFC + standard tone placement, Word field-code residue, Markdown marks, spaces, bullets
  detect_tables   tables of text files (one tab-indented cell per line, tab-separated rows, | pipe rows |)
  unwrap          re-join hard-wrapped lines into logical lines, keeping where each piece came from
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import rx
from .blocks import Block
from .labels import is_closing, is_separator, is_upper_line, match_authority, match_doc_type, match_field, \
    match_footnote, match_label, match_recipients, starts_lower

# ---------------------------------------------------------------- tone placement (hoà -> hòa)

_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _tone_table() -> dict[str, str]:
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"), ("O", "A"), ("O", "E"), ("U", "Y")):
        for tone in _TONES:
            old = first + unicodedata.normalize("NFC", second + tone)
            new = unicodedata.normalize("NFC", first + tone) + second
            table[old] = new
    return table


_TONE_MAP = _tone_table()
# Old-style placement only differs in open syllables ending in oa/oe/uy (khoá, hoè, thuỷ); "qu" is a consonant,
# so "quý" is already standard. The pair must end the syllable (no letter after it).
# One class per first letter ("o(?<![qQ]o)[àá…èé…]"), not a union of the 30 pairs, which the engine tries one
# by one; the "not after q" test comes after the letter, so the engine can skip ahead to an o or u.
_OLD_TONE = rx.compile("(" + "|".join(
    f"{f}(?<![qQ]{f})[" + "".join(sorted(k[1] for k in _TONE_MAP if k[0] == f)) + "]"
    for f in sorted({k[0] for k in _TONE_MAP})) + r")(?![^\W\d_])")


def fix_tones(text: str) -> str:
    """NFC and standard (traditional) tone placement, so NFD and old-style files read identically."""
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _OLD_TONE.sub(_new_style, text)


def _new_style(m: re.Match[str]) -> str:
    return _TONE_MAP[m.group(1)]


# ---------------------------------------------------------------- Word field-code residue

_FIELD_CODES = [
    rx.compile(r'\s*\bHYPERLINK\s+(?:\\[lo]\s+)?"[^"]*"(?:\s+\\[a-z](?:\s+"[^"]*")?)*\s*'),
    rx.compile(r"\s*\\\*\s*MERGEFORMAT\b"),
    rx.compile(r"\s*\b(?:PAGEREF|NOTEREF|REF)\s+_\w+(?:\s+\\[a-z])*"),
    rx.compile(r'\s*\bTOC\s+(?:\\[a-z](?:\s+"[^"]*")?\s*)+'),
    rx.compile(r"\s*\bSEQ\s+\w+\s+\\\*\s*ARABIC\b"),
    rx.compile(r"\s*\b(?:MERGEFIELD|FORMTEXT|FORMCHECKBOX)\b"),
]
_FIELD_ONLY_LINE = rx.compile(r"^\s*\{?\s*(?:PAGE|NUMPAGES|SECTIONPAGES)(?:\s*\\\*\s*\w+)?\s*\}?\s*$")


def strip_field_codes(text: str) -> str:
    # what every pattern above needs: "\\" or REF, TOC, FIELD, FORM, PAGE, HYPERLINK (str's own search is several
    # times faster than one pattern of them all); first whether the line has a character they all have one of
    # ("\\", E, O, A), which few lines have
    if not ("\\" in text or "E" in text or "O" in text or "A" in text) or not (
            "\\" in text or "REF" in text or "TOC" in text or "FIELD" in text or "FORM" in text or "PAGE" in text
            or "HYPERLINK" in text):
        return text
    if _FIELD_ONLY_LINE.match(text):
        return ""
    if "\\" in text or "HYPERLINK" in text or "REF" in text or "TOC" in text or "FIELD" in text or "FORM" in text:
        for pattern in _FIELD_CODES:
            text = pattern.sub(" ", text)
    return text


# ---------------------------------------------------------------- Markdown marks

_MD_HEADING = rx.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = rx.compile(r"^\s{0,3}(?:>\s?)+")
_MD_BOLD = rx.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITALIC = rx.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_MD_ESCAPE = rx.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_STAR_BULLET = rx.compile(r"^\s*\*\s+")


def strip_markdown(text: str) -> str:
    if not ("#" in text or "*" in text or "_" in text or ">" in text or "\\" in text):
        return text
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_STAR_BULLET.sub("- ", text)
    text = _MD_BOLD.sub(r"\2", text)
    text = text.replace("**", "")
    text = _MD_ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    text = rx.sub(r"\s+#+\s*$", "", text) if text.rstrip().endswith("#") else text
    return _MD_ESCAPE.sub(r"\1", text)


# ---------------------------------------------------------------- spaces and bullet glyphs

_SPACES = rx.compile(r"[\s\u00a0\u2007\u202f\u2000-\u200a\u3000]+")
_INVISIBLE_RE = rx.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET_GLYPH = rx.compile(r"^(?:[−–—·•●○◦▪■□►▸✓❖➢\uf0b7\uf0a7\uf0d8\uf076\uf0fc]|-(?=\S))\s*")
_PLUS = rx.compile(r"^\+(?=\S)")


def clean_spaces(text: str) -> str:
    if rx.single_spaced(text):
        return text.strip(" ")
    # str.split() splits on every Unicode space (NBSP, thin spaces, tabs …); zero-width marks go first
    if not text.isascii() and _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    return " ".join(text.split())


def normalise_bullet(text: str) -> str:
    """Bullet glyphs (− – — · • and Word's Symbol-font bullets) become "- "; "+" stays the sub-bullet."""
    if not text:
        return text
    if text[0] in "-−–—·•●○◦▪■□►▸✓❖➢\uf0b7\uf0a7\uf0d8\uf076\uf0fc":
        if text[0] in "-−" and len(text) > 1 and (text[1].isdigit() or text[1] in "-−"):
            return text                      # "-5%", "−5%", "----" are not bullets
        return _BULLET_GLYPH.sub("- ", text, count=1)
    if text[0] == "+":
        return _PLUS.sub("+ ", text, count=1)
    return text


_INLINE_BULLET = rx.compile(r"(?<=[.;!?…])\s+-\s+(?=[A-ZĐÀ-Ỹ])")


def clean_line(text: str) -> str:
    """One block's text, normalised (tabs and layout spaces collapse; table detection runs before)."""
    text = fix_tones(text)
    text = strip_field_codes(text)
    text = strip_markdown(text)
    text = clean_spaces(text)
    return normalise_bullet(text)


_INLINE_CLAUSE = rx.compile(r"(?<=[.;])\s+(?=[a-zđ]\)\s)")


def _after_sentence_end(text: str, mark: str) -> bool:
    """Does `mark` occur right after the end of a sentence (". - ")? A quick test before the pattern, whose
    look-behind keeps the engine from skipping ahead (cleaned lines are single-spaced)."""
    k = text.find(mark)
    while k > 0:
        if text[k - 1] in ".;!?…":
            return True
        k = text.find(mark, k + 1)
    return False


def _clause_after_sentence_end(text: str) -> bool:
    """Is there a clause letter right after the end of a sentence ("… Kỳ Anh. b) …")? (see above)"""
    k = text.find(") ")
    while k > 0:
        if k >= 3 and text[k - 2] == " " and text[k - 3] in ".;" and text[k - 1] in _CLAUSE_LETTER:
            return True
        k = text.find(") ", k + 1)
    return False


_CLAUSE_LETTER = frozenset("abcdefghijklmnopqrstuvwxyzđ")    # _INLINE_CLAUSE's [a-zđ]


def split_run_on_bullets(text: str) -> list[str]:
    """A bullet run onto the end of the previous one ("… xã hội... - Hợp tác …") becomes its own line, and so
    does a labelled field run onto the previous clause ("… Kỳ Anh. b) Cơ quan chủ trì: …")."""
    parts = [text]
    if text.startswith("- ") and _after_sentence_end(text, " - "):
        pieces = _INLINE_BULLET.split(text)
        parts = [pieces[0]] + ["- " + p for p in pieces[1:]]
    if _clause_after_sentence_end(text) and match_label(text) is not None:
        out = []
        for part in parts:
            cuts = [m.end() for m in _INLINE_CLAUSE.finditer(part) if match_field(part[m.end() + 3:].lstrip())]
            start = 0
            for cut in cuts:
                out.append(part[start:cut].rstrip())
                start = cut
            out.append(part[start:])
        parts = out
    return parts


# ---------------------------------------------------------------- tables in text files

# the STT (số thứ tự) cell of a table row: "2.1", "3", "II", "a)"
STT_CELL = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.?|[a-zđ]\)?)$")
_CELL_LINE = rx.compile(r"^ *\t")


_INNER_TAB = rx.compile(r"(?<=\S)[ ]*\t+[ \t]*(?=\S)")


# Between the two columns of a layout printed as text: a tab, or a run of three or more spaces (pdftotext
# -layout, a Word layout table saved or copied as text).
_COLUMN_GAP = rx.compile(r"(?<=\S)(?:[ ]*\t+[ \t]*| {3,})(?=\S)")
_RIGHT_INDENT = 8          # a line indented this far (spaces) inside such a layout is in the right column


def _two_column_blocks(blocks: list[Block], table_no: int) -> int:
    """Two-column layout printed as text — the header ("UBND TỈNH X<gap>CỘNG HÒA …") or the closing
    ("Nơi nhận:<gap>TM. ỦY BAN NHÂN DÂN", recipient lines without a right cell in between, a signer's name
    in the right column after the blank lines left for the signature). Each such run becomes a two-cell
    table, so the lexer can read it column by column like a Word layout table."""
    from .labels import match_authority as _auth, match_doc_type as _doc_type, match_recipients as _recip

    n = len(blocks)
    nonblank_seen = 0
    i = 0
    while i < n:
        text = blocks[i].text
        if "\t" not in text and "   " not in text:      # most lines: nothing to look at
            if text.strip():
                nonblank_seen += 1
            i += 1
            continue
        if not text.strip():
            i += 1
            continue
        nonblank_seen += 1
        j = i
        tabbed = 0
        right_starts: list[int] = []
        rows: list[tuple[int, tuple[str, ...]]] = []
        layout = nonblank_seen <= 15
        signing = False            # the right column holds a signature ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
        while j < n and blocks[j].table is None:
            raw = blocks[j].text
            stripped = raw.strip()
            if not stripped:
                k = j
                while k < n and k - j < 4 and not blocks[k].text.strip():
                    k += 1
                if signing and k < n and blocks[k].table is None and _right_only(blocks[k].text, right_starts):
                    rows.extend((b, ("",)) for b in range(j, k))      # the space left for the signature
                    j = k
                    continue
                break
            if _CELL_LINE.match(raw) or _doc_type(stripped):   # the title "KẾ HOẠCH" ends the header
                break
            gaps = [g for g in _COLUMN_GAP.finditer(raw) if "\t" in g.group() or not _blank_to_fill(raw, g)]
            if len(gaps) > 1:
                tabbed = 0                 # three or more columns: a real table (detect_tables reads it)
                break
            if gaps:
                cells = (raw[:gaps[0].start()].strip(), raw[gaps[0].end():].strip())
                tabbed += 1
                right_starts.append(gaps[0].end())
                signing = signing or bool(_auth(clean_spaces(cells[1])))
                layout = layout or signing or any(_recip(clean_spaces(c)) is not None or _auth(clean_spaces(c))
                                                  for c in cells)
            elif tabbed and _right_only(raw, right_starts):
                cells = ("", stripped)
                signing = signing or bool(_auth(clean_spaces(stripped)))
            elif tabbed == 0 or not stripped.startswith(("-", "+")):
                break                      # only list entries (Nơi nhận) run on without a right-hand cell
            else:
                cells = (stripped,)
            rows.append((j, cells))
            j += 1
        if tabbed >= 2 and layout:
            table_no += 1
            for r, (k, cells) in enumerate(rows, 1):
                b = blocks[k]
                b.table, b.row, b.cell = table_no, r, 0
                b.text = "\x1f".join(cells)
            nonblank_seen += sum(1 for _, cells in rows if any(cells)) - 1
            i = j
            continue
        i += 1
    return table_no


# the spaces a draft leaves for the number or the day: "Số:      /KH-UBND", "ngày    tháng 01 năm 2026"
_BLANK_BEFORE = rx.compile(r"(?:^|\s)(?:[Ss]ố\s*:?|ngày|tháng)$")
_BLANK_AFTER = rx.compile(r"^(?:/|tháng\b|năm\b)")


def _blank_to_fill(raw: str, gap) -> bool:
    """Is this run of spaces a blank left to fill in, not the gutter between two columns?"""
    return bool(_BLANK_BEFORE.search(raw[:gap.start()]) or _BLANK_AFTER.match(raw[gap.end():]))


def _right_only(raw: str, right_starts: list[int]) -> bool:
    """A line of a space-printed layout with text in the right column only (indented, no gap inside)."""
    if not raw.startswith(" ") or _COLUMN_GAP.search(raw.strip()) or not raw.strip():
        return False
    indent = len(raw) - len(raw.lstrip(" "))
    return indent >= _RIGHT_INDENT and indent >= min(right_starts, default=0) // 2


def detect_tables(blocks: list[Block]) -> None:
    """Give table/row/cell coordinates to blocks that are table cells in a text file (in place)."""
    table_no = max((b.table or 0) for b in blocks) if blocks else 0
    table_no = _two_column_blocks(blocks, table_no)
    i = 0
    n = len(blocks)
    while i < n:
        text = blocks[i].text
        if blocks[i].table is None and _CELL_LINE.match(text):
            end = _cell_region_end(blocks, i)
            if _flattened_table(blocks, i, end, table_no + 1):
                table_no += 1
                i = end
                continue
        if blocks[i].table is None and (text.count("\t") >= 2 and not _CELL_LINE.match(text)
                                        or _pipe_row(text) is not None):
            j = i
            # a group row ("II<tab>THÔNG TIN ĐỐI NGOẠI") has fewer cells but stays in the table
            while j < n and blocks[j].table is None:
                t = blocks[j].text
                if t.count("\t") >= 2 or _pipe_row(t) is not None or (j > i and _INNER_TAB.search(t.strip())):
                    j += 1
                    continue
                # a page break inside the table: a few blank lines, then more rows
                k = j
                while k < n and k - j < 4 and not blocks[k].text.strip():
                    k += 1
                if k > j and k < n and blocks[k].table is None and blocks[k].text.count("\t") >= 1 \
                        and _INNER_TAB.search(blocks[k].text.strip()):
                    j = k
                    continue
                break
            if j - i >= 2:
                table_no += 1
                row = 0
                for k in range(i, j):
                    cells = _pipe_row(blocks[k].text)
                    if cells is None:
                        cells = blocks[k].text.split("\t")
                    if all(rx.fullmatch(r"\s*:?-{2,}:?\s*", c) for c in cells if c.strip()):
                        blocks[k].text = ""
                        continue
                    row += 1
                    _split_row_block(blocks, k, cells, table_no, row)
                i = j
                continue
        i += 1
    _expand_split_rows(blocks)


def _pipe_row(text: str) -> list[str] | None:
    """The cells of a row printed with pipes: '| a | b |', or bare 'a | b | c' (three cells or more)."""
    s = text.strip()
    if len(s) > 2 and s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
        return [c.strip() for c in s[1:-1].split("|")]
    if "|" in s and s.count(" | ") + s.endswith(" |") >= 2 and not s.startswith("|"):
        cells = [c.strip() for c in s.split("|")]
        return cells if len(cells) >= 3 else None
    return None


def _cell_region_end(blocks: list[Block], start: int) -> int:
    i = start
    n = len(blocks)
    prev_blank = False
    while i < n:
        t = blocks[i].text
        if not t.strip():
            prev_blank = True
        elif _CELL_LINE.match(t):
            prev_blank = False
        elif prev_blank:
            break
        i += 1
    while i > start and not blocks[i - 1].text.strip():
        i -= 1
    return i


def _flattened_table(blocks: list[Block], start: int, end: int, table_no: int) -> bool:
    """Seed-style flattened table: each cell a line starting with a tab, a blank line between rows; lines
    without a tab continue the cell above; "layout" cells (signature) before the first row stay text."""
    cells: list[list[int]] = []      # block indexes per cell
    groups: list[list[int]] = []     # cell indexes per blank-separated group
    current: list[int] = []
    for i in range(start, end):
        t = blocks[i].text
        if _CELL_LINE.match(t):            # a cell, even an empty one ("\t")
            cells.append([i])
            current.append(len(cells) - 1)
        elif not t.strip():                # a blank line separates rows (or is an empty paragraph)
            if current:
                groups.append(current)
                current = []
        elif cells:
            cells[-1].append(i)            # a further paragraph of the cell above
    if current:
        groups.append(current)
    if len(cells) < 6:
        return False
    # Leading layout cells (a signature table printed before the appendix) are not part of the table.
    first = 0
    for ci, members in enumerate(cells):
        texts = [clean_spaces(blocks[b].text) for b in members]
        if any(match_authority(t) or match_recipients(t) is not None for t in texts):
            first = ci + 1
    sizes = [len(g) for g in groups if len(g) >= 3 and STT_CELL.match(clean_spaces(blocks[cells[g[0]][0]].text))]
    if not sizes:
        return False
    ncols = Counter(sizes).most_common(1)[0][0]      # the mode; ties: the first met, as statistics.mode
    rows: list[list[int]] = []
    for g in groups:
        g = [c for c in g if c >= first]
        if not g:
            continue
        head = clean_spaces(blocks[cells[g[0]][0]].text)
        if rows and len(rows[-1]) + len(g) <= ncols and not STT_CELL.match(head):
            rows[-1].extend(g)
        else:
            rows.append(list(g))
    for r, row in enumerate(rows, 1):
        for c, ci in enumerate(row, 1):
            for b in cells[ci]:
                blocks[b].table, blocks[b].row, blocks[b].cell = table_no, r, c
    return True


def _split_row_block(blocks: list[Block], k: int, cells: list[str], table: int, row: int) -> None:
    # One text line holds a whole row: keep it as one block and remember the cells for the lexer.
    b = blocks[k]
    b.table, b.row, b.cell = table, row, 0
    b.text = "\x1f".join(cells)


def _expand_split_rows(blocks: list[Block]) -> None:
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.cell == 0 and "\x1f" in b.text:
            parts = b.text.split("\x1f")
            new = [Block(text=p, line=b.line, para=b.para, table=b.table, row=b.row, cell=c, page=b.page)
                   for c, p in enumerate(parts, 1)]
            blocks[i:i + 1] = new
            i += len(new)
        else:
            if b.cell == 0:
                b.cell = 1
            i += 1


# ---------------------------------------------------------------- logical lines


@dataclass(slots=True)
class Piece:
    offset: int       # where the piece starts in the logical line's text
    block: int        # index into the block list
    length: int
    block_offset: int = 0   # where it starts in the block's cleaned text


@dataclass(slots=True)
class Line:
    text: str
    pieces: list[Piece]
    blank_before: bool = False
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    number_at: int | None = None     # the first block's (see Block.number_at)

    @property
    def first_block(self) -> int:
        return self.pieces[0].block

    @property
    def last_block(self) -> int:
        return self.pieces[-1].block


@lru_cache(maxsize=1 << 16)
def _is_structural(text: str) -> bool:
    if match_label(text) is not None or match_footnote(text) or is_closing(text):
        return True
    if match_recipients(text) is not None or match_authority(text) or match_doc_type(text):
        return True
    if text.startswith(("Căn cứ ", "Thực hiện ")) or text.startswith("|") or is_separator(text):
        return True
    return match_field(text) is not None


def _bare_label(text: str) -> bool:
    label = match_label(text)
    return label is not None and not label.rest.strip() and label.kind in ("section", "item", "clause", "part")


def _section_heading(text: str) -> bool:
    label = match_label(text)
    return label is not None and label.kind in ("section", "part")


def _open_field(text: str) -> bool:
    """A field label with nothing after it ("d) Thời gian thực hiện:")."""
    label = match_label(text)
    rest = label.rest if label else text
    f = match_field(rest)
    return f is not None and not f.value.strip()


_TERMINAL = tuple(".;:!?…")
_GLUED_HYPHEN = rx.compile(r"[0-9A-Za-zĐđ]-$")     # "57-" / "KL/TW": a symbol broken after its hyphen


def wrap_separator(before: str, after: str) -> str:
    """What joins a line to the one it was wrapped from: nothing after a hyphen that ends a code or symbol
    ("57-" + "KL/TW", "PT-" + "TH"), unless the next line starts in lower case; else a space."""
    # the tail only: a joined line grows, and searching it whole made long paragraphs quadratic
    glued = before.endswith("-") and _GLUED_HYPHEN.search(before[-2:])
    return "" if glued and not after[:1].islower() else " "


class WrapStyle(NamedTuple):
    wrapped: bool = False
    width: int = 0
    short_first_lines: bool = False     # first line of each paragraph printed short (label column)


def wrap_style(texts: list[str], blocks: list[Block] | None = None) -> WrapStyle:
    """Is the text hard-wrapped, at which width, and does it print paragraph first lines short?
    Table cells (blocks with a table) are not prose and do not count. In a PDF, whose tables come as loose
    short lines, pages of a table can outnumber the wrapped prose: then the pages whose own lines show the
    wrap decide."""
    pairs = [(t, b) for t, b in zip(texts, blocks) if b.table is None] if blocks is not None else []
    if blocks is not None:
        texts = [t for t, _ in pairs]
    style = _wrap_style(texts)
    if style.wrapped or not any(b.page for _, b in pairs):
        return style
    pages: dict[int, list[str]] = {}
    for t, b in pairs:
        pages.setdefault(b.page or 0, []).append(t)
    prose = [t for page in pages.values() if _wrap_style(page).wrapped for t in page]
    return _wrap_style(prose) if prose else style


def _wrap_style(texts: list[str]) -> WrapStyle:
    lengths = [len(t) for t in texts if t.strip()]
    if len(lengths) < 20:
        return WrapStyle()
    lengths.sort()
    # The wrap width: where line lengths pile up (the densest 5-character window at the top); a few longer
    # lines (URLs, unwrapped headings) do not move it.
    p95 = 0
    best = 0
    for j in range(len(lengths) - 1, -1, -1):
        count = j - bisect_left(lengths, lengths[j] - 4) + 1
        if count > best:
            best, p95 = count, lengths[j]
    if best < max(3, len(lengths) // 33):
        return WrapStyle()
    if p95 > 130 or p95 < 30:
        return WrapStyle()
    near = sum(1 for x in lengths if 0.8 * p95 <= x <= p95 + 2)
    if near < 0.35 * len(lengths):
        return WrapStyle()
    # Lines that start a paragraph with a label: how often are they short and continued?
    starts = short = 0
    for a, b in zip(texts, texts[1:]):
        if a.strip() and b.strip() and match_label(a) and not _bare_label(a):
            starts += 1
            if len(a) < 0.55 * p95 and not a.endswith(_TERMINAL) and not _is_structural(b):
                short += 1
    return WrapStyle(True, p95, starts >= 8 and short >= 0.5 * starts)


def unwrap(blocks: list[Block], texts: list[str], style: WrapStyle, join_paragraphs: bool = True) -> list[Line]:
    """Join the cleaned texts of blocks into logical lines.

    Never joins a line that starts with a label (new item, clause, bullet, field …), except a wrapped
    "- xã hội" (a hyphen at a wrap point followed by lower case), so a real item is never swallowed.
    `join_paragraphs=False` (Word files) only splits run-on bullets: Word paragraphs are already logical.
    """
    lines: list[Line] = []
    spacing = join_paragraphs and any(b.spaced for b in blocks)
    first_physical = True          # is the last line of `lines` still only its first physical line?
    last_len = 0                   # length of the last physical line joined into lines[-1]
    blank = False
    for i, (block, text) in enumerate(zip(blocks, texts)):
        if not text:
            blank = True
            continue
        cell = (block.table, block.row, block.cell) if block.table is not None else None
        # a PDF that sets paragraphs apart by space: a line right under the one above continues its paragraph
        under = spacing and block.spaced is False
        target = _join_target(lines, text, cell, blank or bool(block.spaced), first_physical, last_len, style,
                              under) if join_paragraphs else None
        if target is not None:
            line = lines[target]
            sep = wrap_separator(line.text, text)
            offset = len(line.text) + len(sep)
            line.text = line.text + sep + text
            line.pieces.append(Piece(offset, i, len(text)))
            if target == len(lines) - 1:
                first_physical = False
                last_len = len(text)
        else:
            lines.append(Line(text, [Piece(0, i, len(text))], blank_before=blank, table=block.table,
                              row=block.row, cell=block.cell, number_at=block.number_at))
            first_physical = True
            last_len = len(text)
        blank = False
    return split_run_on(lines)


def _join_target(lines: list[Line], text: str, cell, blank: bool, first_physical: bool, last_len: int,
                 style: WrapStyle, under: bool = False) -> int | None:
    """Which logical line the physical line `text` continues (None: it starts one). `under`: a PDF line set
    right under the one above in a file whose paragraphs are set apart by space."""
    if not lines:
        return None
    prev = lines[-1]
    prev_cell = (prev.table, prev.row, prev.cell) if prev.table is not None else None
    if cell != prev_cell:
        return None
    label = match_label(text)
    if label is None and starts_lower(text):
        return _lower_case_target(lines)
    if (label is not None and label.kind == "bullet" and is_upper_line(label.rest) and _section_heading(prev.text)
            and is_upper_line(prev.text) and not prev.text.endswith(_TERMINAL)):
        return len(lines) - 1                 # "II. … PHÁT TRIỂN KINH TẾ" / "- XÃ HỘI …": a heading, not a bullet
    if (label is not None and label.kind == "bullet" and not label.rest[:1].isupper() and style.wrapped
            and not blank and not prev.text.endswith(_TERMINAL)):
        # "kinh tế" / "- xã hội", "(27/1/1973" / "– 27/1/2023)": a dash at a wrap point, not a bullet
        return _lower_case_target(lines) if starts_lower(label.rest) else len(lines) - 1
    first_word = text.split(" ", 1)[0]
    prev_label = match_label(prev.text)
    # An unfinished line: it ends with a word that needs what follows ("… ký ngày" / "20/7/1983"), or inside
    # an open parenthesis ("(song ngữ Tiếng Việt" / "- Tiếng Anh)").
    if not blank and not match_footnote(text):
        if label is None and not _is_structural(text) and _ends_open(prev.text, text):
            return len(lines) - 1
        open_paren = style.wrapped and prev.text.count("(") > prev.text.count(")")
        if open_paren and (label is None and not _is_structural(text) or label is not None and label.kind == "bullet"):
            return len(lines) - 1
    single_heading = first_physical and prev_label is not None and prev_label.kind in ("part", "section", "item",
                                                                                     "clause")
    # Was the line above broken because the next word did not fit? Exporters measure rendered width, so a
    # long line counts too — except a one-line heading, which must really be full.
    full = last_len + 1 + len(first_word) > style.width - 2 or (last_len >= 0.85 * style.width
                                                                and (not single_heading or under))
    wrapped_fit = (style.wrapped and not blank and not prev.text.endswith(_TERMINAL) and full
                   and not is_upper_line(prev.text))
    if _is_structural(text):
        # A dash or a field name can land at the start of a wrapped line ("… thuộc Tiểu dự án" /
        # "- Giảm nghèo …"): only when the line above is full and unfinished is it a continuation.
        soft = (label is None and match_field(text) is not None) or (label is not None and label.kind == "bullet")
        ok = soft and wrapped_fit and not single_heading and not match_footnote(prev.text)
        return len(lines) - 1 if ok else None
    if blank:
        # A page break can split a paragraph ("… trong vấn đề Biển" / blank / "Đông, quan hệ …"): a long prose
        # line that stops without punctuation is not finished.
        if (len(prev.text) >= 100 and prev.text[-1:].isalnum() and not is_upper_line(prev.text)
                and (prev_label is None or prev_label.kind in ("bullet", "sub")) and not match_footnote(prev.text)):
            return len(lines) - 1
        return None
    if match_doc_type(prev.text) or is_separator(prev.text):
        return None
    if match_authority(prev.text) or match_recipients(prev.text) is not None:
        return None
    if _bare_label(prev.text) or _open_field(prev.text):
        return len(lines) - 1
    if (prev_label is not None and prev_label.kind in ("section", "part") and first_physical and is_upper_line(text)
            and not prev.text.endswith(_TERMINAL)):
        return len(lines) - 1                       # "I. MỤC" / "ĐÍCH, YÊU CẦU"
    if is_upper_line(prev.text) and not _section_heading(prev.text):
        return None          # upper-case lines are headings, positions, issuer lines: not wrapped prose
    if not style.wrapped or prev.text.endswith("./."):
        return None
    if style.short_first_lines and first_physical and not prev.text.endswith(_TERMINAL):
        return len(lines) - 1
    return len(lines) - 1 if full else None         # a full line: a wrap, not a new paragraph


@lru_cache(maxsize=1)
def _open_words() -> tuple[frozenset[str], frozenset[str]]:
    from .resources import load_toml

    data = load_toml("structure.toml")["unwrap"]
    return frozenset(data["open_words"]), frozenset(data["date_words"])


def _ends_open(prev: str, text: str) -> bool:
    """Does `prev` end with a word that needs the next line ("… của", "… ngày" before "20/7/1983")?"""
    last = prev.rsplit(" ", 1)[-1]
    words, date_words = _open_words()
    return last in words or (last in date_words and text[:1].isdigit())


def _lower_case_target(lines: list[Line]) -> int | None:
    """Lower case never starts a paragraph: it continues the text above, even across a blank line or a
    page-bottom footnote printed in between."""
    k = len(lines) - 1
    if match_footnote(lines[k].text) and lines[k].text.endswith(_TERMINAL) and k > 0:
        k -= 1
    if match_doc_type(lines[k].text) or is_separator(lines[k].text) or lines[k].text.startswith("|"):
        return None
    return k


def split_run_on(lines: list[Line]) -> list[Line]:
    """Split logical lines holding run-on bullets ("… xã hội... - Hợp tác …") into one line per bullet."""
    out: list[Line] = []
    for line in lines:
        parts = split_run_on_bullets(line.text) if line.table is None else [line.text]
        if len(parts) == 1:
            out.append(line)
            continue
        pos = 0
        for k, part in enumerate(parts):
            start = line.text.index(part[2:] if k else part, pos) - (2 if k else 0)
            end = start + len(part)
            pieces = []
            for p in line.pieces:
                lo, hi = max(p.offset, start), min(p.offset + p.length, end)
                if lo < hi:
                    pieces.append(Piece(lo - start, p.block, hi - lo, p.block_offset + lo - p.offset))
            out.append(Line(part, pieces or [line.pieces[-1]], blank_before=line.blank_before if not k else False,
                            table=line.table, row=line.row, cell=line.cell,
                            number_at=line.number_at if not k else None))
            pos = end
    return out
