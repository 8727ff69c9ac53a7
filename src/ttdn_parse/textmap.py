"""Map character offsets in a node's text back to where they were printed (line/char, Word paragraph)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .blocks import Block
from .models import Span


@dataclass(slots=True)
class TextMap:
    text: str
    starts: list[int]            # offset in `text` where each piece starts
    blocks: list[Block]
    block_offsets: list[int]     # offset of the piece inside its block's cleaned text

    @classmethod
    def from_lines(cls, lines, blocks: list[Block], sep: str = "\n") -> TextMap:
        starts: list[int] = []
        pieces: list[Block] = []
        offsets: list[int] = []
        base = 0
        parts: list[str] = []
        for k, line in enumerate(lines):
            if k:
                base += len(sep)
            for p in line.pieces:
                starts.append(base + p.offset)
                pieces.append(blocks[p.block])
                offsets.append(p.block_offset)
            parts.append(line.text)
            base += len(line.text)
        return cls(sep.join(parts), starts, pieces, offsets)

    def _at(self, offset: int) -> tuple[Block, int]:
        k = max(bisect_right(self.starts, offset) - 1, 0)
        return self.blocks[k], self.block_offsets[k] + offset - self.starts[k]

    def locate(self, start: int, end: int) -> Span:
        """Span of text[start:end]; chars are offsets in the normalised line of the source."""
        b0, c0 = self._at(start)
        b1, c1 = self._at(max(end - 1, start))
        return Span.model_construct(start_line=b0.line, end_line=b1.line, start_char=c0, end_char=c1 + 1,
                    para=b0.para, table=b0.table, row=b0.row, cell=b0.cell, page=b0.page)
