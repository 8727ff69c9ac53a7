"""Map character offsets in a node's text back to where they were printed (line/char, Word paragraph)."""

from __future__ import annotations

from bisect import bisect_right

from .blocks import Block
from .models import Span


class TextMap:
    """The text of some logical lines joined by `sep`, and where each of its pieces came from.

    Built on first use: a plan keeps one per node, and most are never asked."""

    __slots__ = ("_lines", "_blocks", "_sep", "_text", "_starts", "_pieces", "_offsets")

    def __init__(self, lines, blocks: list[Block], sep: str = "\n") -> None:
        self._lines, self._blocks, self._sep = lines, blocks, sep
        self._text: str | None = None
        self._starts: list[int] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            if len(self._lines) == 1:
                self._text = self._lines[0].text      # most nodes are one line; `locate` maps it when asked
            else:
                self._build()
        return self._text

    def _build(self) -> None:
        starts: list[int] = []      # offset in `text` where each piece starts
        pieces: list[Block] = []
        offsets: list[int] = []     # offset of the piece inside its block's cleaned text
        base = 0
        parts: list[str] = []
        for k, line in enumerate(self._lines):
            if k:
                base += len(self._sep)
            for p in line.pieces:
                starts.append(base + p.offset)
                pieces.append(self._blocks[p.block])
                offsets.append(p.block_offset)
            parts.append(line.text)
            base += len(line.text)
        self._text = self._sep.join(parts)
        self._starts, self._pieces, self._offsets = starts, pieces, offsets

    def _at(self, offset: int) -> tuple[Block, int]:
        k = max(bisect_right(self._starts, offset) - 1, 0)
        return self._pieces[k], self._offsets[k] + offset - self._starts[k]

    def locate(self, start: int, end: int) -> Span:
        """Span of text[start:end]; chars are offsets in the normalised line of the source."""
        if self._starts is None:
            self._build()
        b0, c0 = self._at(start)
        b1, c1 = self._at(max(end - 1, start))
        return Span.make(b0.line, b1.line, c0, c1 + 1, b0.para, b0.table, b0.row, b0.cell, b0.page)
