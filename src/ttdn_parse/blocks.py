"""Blocks: what a reader hands on — a piece of text and where it came from.

Readers know formats; nothing after them does. A text file gives one block per physical line; a Word
file one block per paragraph (table cells: one block per paragraph of the cell, with table/row/cell set);
a PDF one block per extracted line with its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    text: str
    line: int                      # 1-based position: file line (text, pdf) or block ordinal (docx)
    para: int | None = None        # Word: 1-based paragraph index in body order
    table: int | None = None       # 1-based table index, when the block sits in a table cell
    row: int | None = None         # 1-based
    cell: int | None = None        # 1-based
    page: int | None = None        # PDF page
    comments: list[str] = field(default_factory=list)  # Word comments anchored on this paragraph
    # Word: where the automatic decimal number of the paragraph stands, in twips from the text margin (None:
    # no such number). Word shows "1.", "2." of List Number 2 (or of a list's level 2) indented under
    # "2." of List Number: the lexer nests by it where the printed numbers cannot tell.
    number_at: int | None = None
    # PDF: does the line stand farther below the one above than the lines of a paragraph do (paragraph
    # spacing: it does not continue that line)? None where the page does not say (its first line, no positions)
    spaced: bool | None = None


@dataclass(slots=True)
class Document:
    blocks: list[Block]
    format: str                    # txt | md | docx | pdf | doc
    sha256: str
    path: str | None = None
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # (label, text) from Word's notes parts
