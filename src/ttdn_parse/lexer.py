"""The line classifier: one token per logical line, in document order, for the LALR grammar.

The lexer is a small state machine over the zones of a plan (front matter, body, closing, recipients,
signature, after the signature). It decides what a line *is*; the grammar (grammars/plan.lark) decides how
the body nests. Footnotes are page furniture: they are taken out of the stream wherever they sit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from . import rx
from .labels import (Label, is_attachment, is_position_text, is_closing, is_separator, is_upper_line, match_authority,
                     match_doc_type, match_field, match_footnote, match_label, match_recipients)
from .normalise import Line

FRONT_SCAN = 60          # the document type line must appear within this many logical lines
_PREAMBLE_OPENERS = ("Căn cứ", "Thực hiện", "Thi hành", "Nhằm", "Để ", "Theo ", "Trên cơ sở")
_CITES = rx.compile(r"\bsố\b|\d+/\d{4}/|\d+[-/][A-ZĐ]")
_NAME = rx.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")
_HEADER_HINT = rx.compile(r"^(?:Số\s*[:.]?\s|Số\s*$|CỘNG HÒA|Độc lập|ĐẢNG CỘNG SẢN|.*,\s*ngày\b|ngày\s.*\bnăm\b)")


@dataclass(slots=True)
class Tok:
    type: str
    line: int                      # index of the logical line (-1 for a synthetic token)
    label: Label | None = None
    lines: list[int] = field(default_factory=list)   # TABLE: every line of the table, ROW: lines of the row


class Lexed(NamedTuple):
    tokens: list[Tok]
    footnotes: list[int]           # line indexes of footnote lines
    layout: list[int]              # separator lines ("-----", "|")


def _signature_like(text: str, position_words: tuple[str, ...]) -> bool:
    if match_authority(text):
        return True
    return len(text) <= 90 and is_position_text(text) and any(w in text for w in position_words)


def lex(lines: list[Line], position_words: tuple[str, ...], max_item_depth: int = 4) -> Lexed:
    toks: list[Tok] = []
    footnotes: list[int] = []
    layout: list[int] = []
    n = len(lines)

    # ---- front matter: header lines before the document type, the type, the title, the attachment line
    doc_type_at = None
    for i in range(min(n, FRONT_SCAN)):
        if lines[i].table is None and match_doc_type(lines[i].text):
            doc_type_at = i
            break
        lab = match_label(lines[i].text)
        if lab and lab.kind in ("section", "part") and lab.rest:
            break
    i = 0
    if doc_type_at is not None:
        for i in range(doc_type_at):
            toks.append(Tok("HEADER", i))    # separators too: "|" splits header cells
        toks.append(Tok("DOCTYPE", doc_type_at))
        i = doc_type_at + 1
        i = _title(lines, i, toks)
    else:
        while i < n and _header_like(lines[i].text) and lines[i].table is None:
            toks.append(Tok("HEADER", i))    # separators too: "|" splits header cells
            i += 1
    while i < n and is_attachment(lines[i].text):
        toks.append(Tok("ATTACH", i))
        i += 1

    # ---- preamble, body and back matter
    zone = "pre"
    last_recipient = ""
    tables = _table_spans(lines)
    while i < n:
        line = lines[i]
        text = line.text
        if line.table is not None:
            end = tables.get(i) or _run_end(lines, i)     # a run may start mid-span (front matter took rows)
            if _is_layout_table(lines, i, end, position_words):
                # a layout table (header, Nơi nhận | signature) reads column by column, like the page
                lines[i:end] = sorted(lines[i:end], key=lambda ln: (ln.cell or 0, ln.row or 0))
                for k in range(i, end):
                    lines[k].table = lines[k].row = lines[k].cell = None
                continue
            if zone in ("closing", "recipients", "signature", "after"):
                zone = _enter_appendix(toks, zone)
            elif zone == "pre":
                zone = "body"
            toks.append(Tok("TABLE", i, lines=list(range(i, end))))
            row_start = i
            for k in range(i, end + 1):
                if k == end or (lines[k].row != lines[row_start].row):
                    toks.append(Tok("ROW", row_start, lines=list(range(row_start, k))))
                    row_start = k
            i = end
            continue
        i += 1
        if is_separator(text) or text == "|":
            layout.append(i - 1)
            continue
        fn = match_footnote(text)
        if fn:
            footnotes.append(i - 1)
            continue
        if zone in ("pre", "body"):
            if is_closing(text):
                toks.append(Tok("CLOSING", i - 1))
                zone = "closing"
                continue
        if zone != "recipients" and match_recipients(text) is not None:
            toks.append(Tok("RECIP_HEAD", i - 1))
            zone = "recipients"
            last_recipient = ""
            continue
        if zone in ("body", "closing", "recipients") and match_authority(text):
            toks.append(Tok("SIGN", i - 1))
            zone = "signature"
            continue
        if zone == "closing":
            lab = match_label(text)
            if _signature_like(text, position_words):
                toks.append(Tok("SIGN", i - 1))
                zone = "signature"
            elif lab is None or lab.kind not in ("section", "part", "item"):
                toks.append(Tok("CTEXT", i - 1))
            else:
                zone = _enter_appendix(toks, zone)
                _body_token(lines, i - 1, toks, max_item_depth)
            continue
        if zone == "recipients":
            if text.startswith(("- ", "+ ", "-")) and not _signature_like(text, position_words):
                toks.append(Tok("RECIPIENT", i - 1))
                last_recipient = text
                continue
            if _signature_like(text, position_words):
                toks.append(Tok("SIGN", i - 1))
                zone = "signature"
                continue
            if last_recipient and not rx.match(r"^-?\s*Lưu\b", last_recipient) and not line.blank_before:
                toks.append(Tok("RECIPIENT", i - 1))      # a wrapped entry continues without its dash
                continue
            zone = "after"
        if zone == "signature":
            if _NAME.match(text) and not is_upper_line(text):
                toks.append(Tok("SIGN", i - 1))
                zone = "after"
                continue
            if is_position_text(text) or text.startswith("(") or len(text) <= 3:
                toks.append(Tok("SIGN", i - 1))
                continue
            zone = "after"
        if zone == "after":
            if _signature_like(text, position_words) and not any(t.type == "SIGN" for t in toks):
                toks.append(Tok("SIGN", i - 1))
                zone = "signature"
                continue
            zone = _enter_appendix(toks, zone)
        if zone == "pre":
            lab = match_label(text)
            if lab is None or lab.kind in ("bullet", "sub"):
                toks.append(Tok("PRE", i - 1))
                continue
            zone = "body"
        if zone == "body" and _signature_like(text, position_words) and _back_follows(lines, i - 1):
            toks.append(Tok("SIGN", i - 1))
            zone = "signature"
            continue
        _body_token(lines, i - 1, toks, max_item_depth)
    _nest_by_indent(lines, toks, max_item_depth)
    return Lexed(toks, footnotes, layout)


_ITEM_TYPES = ("ITEM1", "ITEM2", "ITEM3", "ITEM4")
NEST_STEP = 180     # twips (1/8 inch): a number indented this much further than an open item's is under it


def _nest_by_indent(lines: list[Line], toks: list[Tok], max_item_depth: int) -> None:
    """Word's automatic numbers whose printed form cannot show their level: "1.", "2." of List Number 2 (or
    of a list's second level) after "2." of List Number, which Word shows indented under it. Such an item
    is one level deeper than the open item whose number stands further left, with its number after that
    item's ("2.1"; the printed label is kept). Only a one-part number is moved ("2.1." says its level), and
    only between automatic numbers: typed text gives no position to compare, and closes the automatic items
    at its depth and below, as a section or part closes them all."""
    open_items: list[tuple[int, int, str]] = []        # (number position, item depth, key), outermost first
    for t in toks:
        if t.type in ("PART", "SECTION", "APPENDIX"):
            open_items.clear()
            continue
        if t.type not in _ITEM_TYPES:
            continue
        lab = t.label
        depth = int(t.type[4])
        at = lines[t.line].number_at
        if at is None:
            while open_items and open_items[-1][1] >= depth:
                open_items.pop()
            continue
        while open_items and open_items[-1][0] + NEST_STEP > at:
            open_items.pop()
        if open_items and lab.depth == 1 and depth <= open_items[-1][1] < max_item_depth:
            _, parent_depth, parent_key = open_items[-1]
            depth = parent_depth + 1
            lab = t.label = lab._replace(key=f"{parent_key}.{lab.key}", depth=depth)
            t.type = f"ITEM{depth}"
        open_items.append((at, depth, lab.key))


def _enter_appendix(toks: list[Tok], zone: str) -> str:
    if zone != "appendix":
        toks.append(Tok("APPENDIX", -1))
    return "appendix"


def _back_follows(lines: list[Line], i: int) -> bool:
    """An upper-case position line in the body is the signature only near the end (a name follows soon)."""
    for k in range(i + 1, min(i + 6, len(lines))):
        if _NAME.match(lines[k].text) and not is_upper_line(lines[k].text):
            return True
    return False


def _header_like(text: str) -> bool:
    return bool(_HEADER_HINT.match(text)) or is_separator(text) or (is_upper_line(text) and len(text) <= 60)


def _title(lines: list[Line], i: int, toks: list[Tok]) -> int:
    n = len(lines)
    first = True
    upper = False
    while i < n:
        text = lines[i].text
        if lines[i].table is not None:
            break                           # a table is never the title
        if is_separator(text) and not first:
            toks.append(Tok("TITLE", i))
            i += 1
            continue
        if is_attachment(text) or match_recipients(text) is not None:
            break
        lab = match_label(text)
        if lab is not None and lab.kind in ("section", "part", "item", "clause"):
            break
        if first:
            # "Căn cứ …" opens the preamble; "Thực hiện …" does too when it cites a document ("Thực hiện
            # Hướng dẫn số 86-HD/BTGTW …"), but "Thực hiện công tác thông tin đối ngoại năm 2024" is a title.
            if text.startswith("Căn cứ") or (text.startswith(_PREAMBLE_OPENERS[1:3])
                                             and (_CITES.search(text) or len(text) > 150)):
                break
            toks.append(Tok("TITLE", i))
            upper = is_upper_line(text)
            first = False
            i += 1
            continue
        if lines[i].blank_before or text.startswith(_PREAMBLE_OPENERS) or lab is not None:
            break
        prev = lines[i - 1].text
        if (upper and is_upper_line(text)) or (not upper and not prev.endswith((".", ";", ":")) and len(text) < 120
                                               and not is_upper_line(text)):
            toks.append(Tok("TITLE", i))
            i += 1
            continue
        break
    return i


def _run_end(lines: list[Line], i: int) -> int:
    j = i
    while j < len(lines) and lines[j].table == lines[i].table:
        j += 1
    return j


def _table_spans(lines: list[Line]) -> dict[int, int]:
    """start line index -> end (exclusive) of each run of lines from one table."""
    spans: dict[int, int] = {}
    i = 0
    n = len(lines)
    while i < n:
        t = lines[i].table
        if t is None:
            i += 1
            continue
        j = i
        while j < n and lines[j].table == t:
            j += 1
        spans[i] = j
        i = j
    return spans


def _is_layout_table(lines: list[Line], start: int, end: int, position_words: tuple[str, ...]) -> bool:
    """Header, signature and Nơi nhận tables carry layout, not tasks: their lines are read as text."""
    for k in range(start, end):
        t = lines[k].text
        if match_recipients(t) is not None or match_authority(t) or match_doc_type(t):
            return True
        if t.startswith(("CỘNG HÒA", "Độc lập", "ĐẢNG CỘNG SẢN")) or rx.match(r"^Số\s*[:.]?\s*\S*/", t):
            return True
    rows = {lines[k].row for k in range(start, end)}
    if len(rows) <= 1:
        return True       # a one-row "table" is a layout box
    return False


def _body_token(lines: list[Line], i: int, toks: list[Tok], max_item_depth: int) -> None:
    text = lines[i].text
    lab = match_label(text)
    if lab is None:
        f = match_field(text)
        toks.append(Tok("FIELD" if f else "TEXT", i))
        return
    if lab.kind == "part":
        toks.append(Tok("PART", i, lab))
    elif lab.kind == "section":
        toks.append(Tok("SECTION", i, lab))
    elif lab.kind == "item":
        if lab.depth == 0:
            toks.append(Tok("ITEMP", i, lab))
        else:
            toks.append(Tok(f"ITEM{min(lab.depth, max_item_depth)}", i, lab))
    elif lab.kind == "clause":
        toks.append(Tok("CFIELD" if match_field(lab.rest) else "CLAUSE", i, lab))
    elif lab.kind == "bullet" or not _dash_open(toks):
        # a "+" line is a sub-bullet under a "-" one; where no "-" bullet is open it is the bullet itself
        # ("1.1. Việc …" then "+ Cơ quan chủ trì: …")
        toks.append(Tok("BFIELD" if match_field(lab.rest) else "BULLET", i, lab))
    else:
        toks.append(Tok("SUB", i, lab))


_OPENERS = frozenset({"PART", "SECTION", "ITEM1", "ITEM2", "ITEM3", "ITEM4", "ITEMP", "CLAUSE", "CFIELD", "FIELD"})


def _dash_open(toks: list[Tok]) -> bool:
    """Is a "-" bullet open: one since the last heading, item, clause or field?"""
    for t in reversed(toks):
        if t.type in ("BULLET", "BFIELD"):
            return t.label is None or t.label.kind != "sub"     # a "+" that is itself the bullet
        if t.type in _OPENERS:
            return False
    return False
