"""PDF with a text layer -> one block per extracted line, with its page.

pypdf's text extraction (see docs/word-pdf.md for why pypdf and not pdfplumber). Lines come in reading
order per page; running headers and footers (the same line at the same place at the top or bottom of at least
half the pages, and of 3 at least, its page number aside) and page numbers ('3', '- 3 -', 'Trang 3', '3/15') are removed. Hard wraps stay: ttdn's normaliser
re-joins them as for text files. A PDF without text (a scan) is refused with a clear message: no OCR.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata

from .. import rx
from ..blocks import Block
from ..errors import ReadError
from ..normalise import wrap_separator

MAX_PAGES = 3000
ZONE = 3                     # lines at the top and at the bottom of a page where running heads live
_PAGE_NO = rx.compile(r"^[\s\-–—(\[]*(?:trang|page)?\s*(?P<n>\d{1,4})(?:\s*(?:/|trên|of)\s*(?P<of>\d{1,4}))?[\s\-–—)\]]*$",
                      re.IGNORECASE)
_SPACES = rx.compile(r"\s+")


def _key(line: str, page_no: int) -> str:
    """A line as a running head/foot candidate: its own page number masked (\'Trang 3/15\', \'678/KH - 3\')."""
    masked = re.sub(rf"(?<!\d){page_no}(?!\d)", "#", line)
    return _SPACES.sub(" ", masked).strip().lower()


def _is_page_number(line: str, page_no: int) -> bool:
    m = _PAGE_NO.match(line)
    if not m:
        return False
    n = int(m.group("n"))
    return bool(m.group("of")) or abs(n - page_no) <= 2


def strip_running(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from per-page lines."""
    npages = len(pages)
    threshold = max(3, (npages + 1) // 2)   # at least 3 pages and half of them
    # (position from the top / from the bottom, line with its page number masked) -> pages that have it
    top: dict[tuple[int, str], int] = {}
    bottom: dict[tuple[int, str], int] = {}
    for page_no, lines in enumerate(pages, 1):
        content = [ln for ln in lines if ln.strip()]
        for pos, ln in enumerate(content[:ZONE]):
            key = (pos, _key(ln, page_no))
            top[key] = top.get(key, 0) + 1
        for pos, ln in enumerate(reversed(content[-ZONE:])):
            key = (pos, _key(ln, page_no))
            bottom[key] = bottom.get(key, 0) + 1
    out: list[list[str]] = []
    for page_no, lines in enumerate(pages, 1):
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        drop: set[int] = set()
        if npages >= 3:
            for pos, i in enumerate(idx[:ZONE]):
                key = _key(lines[i], page_no)
                if key not in ("", "#") and top.get((pos, key), 0) >= threshold:
                    drop.add(i)
            for pos, i in enumerate(reversed(idx[-ZONE:])):
                key = _key(lines[i], page_no)
                if key not in ("", "#") and bottom.get((pos, key), 0) >= threshold:
                    drop.add(i)
        for edge in (idx[:1], idx[-1:], [i for i in idx[:2] if i not in drop][:1], [i for i in idx[-2:] if i not in drop][-1:]):
            for i in edge:
                if _is_page_number(lines[i], page_no):
                    drop.add(i)
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


class _Marks:
    """What pypdf's plain text loses, put back from the positions its visitor reports:

    - footnote marks: small raised digits ('tỉnh¹', extracted as 'tỉnh1.') become '[1]', and the note at the
      page foot that starts with the same number gets '[1] ';
    - side-by-side cells: two pieces of text on one baseline far apart (the 'Số: …' and 'Đắk Nông, ngày …'
      cells of the header table) are put on two lines, as a text file or a Word table has them.
    """

    _MARK = rx.compile(r"^(?:\d{1,3}|\*)$")

    def __init__(self) -> None:
        self.sizes: list[tuple[float, int]] = []
        self.small: list[tuple[str, float, str]] = []   # (mark, font size, text just before it)
        self._last = ""
        self.chunks: list[tuple[str, float, float, float]] = []   # (text, x, y, size)

    def visit(self, text, cm, tm, font_dict, font_size) -> None:  # pypdf visitor_text signature
        t = text.strip()
        if not t:
            return
        before, self._last = self._last, text
        try:
            scale = abs(tm[3] * cm[3]) or 1.0
            size = float(font_size or 0) * scale
        except (TypeError, IndexError, ValueError):
            return
        self.sizes.append((size, len(t)))
        try:
            self.chunks.append((text, float(tm[4]) * cm[0] + cm[4], float(tm[5]) * cm[3] + cm[5], size))
        except (TypeError, IndexError, ValueError):
            pass
        if self._MARK.match(t):
            self.small.append((t, size, before.rstrip()[-12:]))

    def apply(self, lines: list[str]) -> list[str]:
        """The lines with cells split and footnote marks put back; `self.origin[k]` is the index in `lines`
        of the line that output line k comes from."""
        return self._marks(self._columns(lines))

    def baselines(self, lines: list[str]) -> list[tuple | None]:
        """Where each of pypdf's lines stands: (x where it starts, baseline y from the page bottom, its chunks
        as (x, text)). Its chunks are grouped by baseline in content order and matched to the non-empty lines
        one to one (None everywhere when they do not pair up, and for empty lines)."""
        groups: list[tuple[float, float, list[tuple[float, str]]]] = []
        for text, x, y, _ in self.chunks:
            if not text.strip():
                continue
            if not groups or abs(groups[-1][1] - y) > 1.0:
                groups.append((x, y, []))
            groups[-1][2].append((x, text))
        filled = [k for k, ln in enumerate(lines) if ln.strip()]
        out: list[tuple | None] = [None] * len(lines)
        if len(groups) == len(filled):
            for k, spot in zip(filled, groups):
                out[k] = spot
        return out

    def _columns(self, lines: list[str]) -> list[str]:
        out = list(lines)
        self.origin = list(range(len(lines)))
        for (a, ax, ay, asz), (b, bx, by, _) in zip(self.chunks, self.chunks[1:]):
            left, right = a.rstrip(), b.lstrip()
            if not left or not right or abs(ay - by) > 0.5 or asz <= 0:
                continue
            # 0.75 em a character is wider than almost any text: only a real gap passes
            if bx - (ax + 0.75 * asz * len(left)) < 2 * asz:
                continue
            joined = left + " " + right[:12]
            for k, line in enumerate(out):
                at = line.find(joined)
                if at >= 0:
                    out[k:k + 1] = [line[:at + len(left)], line[at + len(left) + 1:]]
                    self.origin[k:k + 1] = [self.origin[k], self.origin[k]]
                    break
        return out

    def _marks(self, lines: list[str]) -> list[str]:
        if not self.small or not self.sizes:
            return lines
        total = sum(n for _, n in self.sizes)
        acc, body = 0, 0.0
        for size, n in sorted(self.sizes):
            acc += n
            if acc * 2 >= total:
                body = size
                break
        small = [(m, before) for m, size, before in self.small if 0 < size < 0.8 * body]
        if not small:
            return lines
        marks = [m for m, _ in small]
        out = list(lines)
        pos = (0, 0)
        generic = r"(?<=[^\s\d\[]){mark}(?=[\s.,;:)”\"]|$)"
        for mark, before in small:
            # after the text that preceded the mark in the content stream ('… năm 2023' + '1'), else after
            # a letter or a closing sign
            pats = [re.compile(generic.format(mark=re.escape(mark)))]
            if len(before) >= 3:
                pats.insert(0, re.compile(rf"(?<={re.escape(before)}){re.escape(mark)}(?=[\s.,;:)”\"]|$)"))
            for pat in pats:
                hit = None
                for k in range(pos[0], len(out)):
                    m = pat.search(out[k], pos[1] if k == pos[0] else 0)
                    if m:
                        hit = (k, m)
                        break
                if hit:
                    k, m = hit
                    out[k] = out[k][:m.start()] + f"[{mark}]" + out[k][m.end():]
                    pos = (k, m.start() + len(mark) + 2)
                    break
        found = set(marks)
        lower = len(out) // 2
        for k in range(lower, len(out)):
            head = out[k].lstrip()
            m = re.match(r"^(\d{1,3}|\*)\s+(?=\S)", head)
            if m and m.group(1) in found:
                out[k] = f"[{m.group(1)}] " + head[m.end():]
                found.discard(m.group(1))
        return out


def read_pdf(data: bytes) -> list[Block]:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError("cần gói pypdf để đọc PDF (pip install pypdf)") from None
    if not data.lstrip()[:5].startswith(b"%PDF"):
        if data[:4] == b"PK\x03\x04":
            raise ReadError("đây là tệp .docx/zip mang đuôi .pdf (a zip/Word file named .pdf)")
        raise ReadError("không phải tệp PDF (no %PDF signature)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported crypto etc.
                ok = 0
            if not ok:
                raise ReadError("PDF được bảo vệ bằng mật khẩu (password-protected PDF)")
        count = len(reader.pages)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ReadError(f"PDF hỏng, không đọc được (corrupt PDF: {type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
    if count == 0:
        raise ReadError("PDF không có trang nào (no pages)")
    if count > MAX_PAGES:
        raise ReadError(f"PDF quá nhiều trang ({count} > {MAX_PAGES})")
    pages: list[list[str]] = []
    page_spots: list[list[tuple | None]] = []
    for i in range(count):
        try:
            marks = _Marks()
            text = reader.pages[i].extract_text(visitor_text=marks.visit) or ""
        except Exception as exc:  # noqa: BLE001
            raise ReadError(f"PDF hỏng ở trang {i + 1} (corrupt page: {type(exc).__name__})") from None
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        raw = [ln.rstrip() for ln in text.split("\n")]
        spots = marks.baselines(raw)
        pages.append(marks.apply(raw))
        page_spots.append([spots[k] for k in marks.origin])     # a line split in two: both halves share it
    if not any(ln.strip() for lines in pages for ln in lines):
        raise ReadError("PDF không có lớp chữ (ảnh quét?): hãy nhận dạng chữ (OCR) trước, ttdn không tự OCR "
                        "(no text layer: a scanned PDF needs OCR first)")
    kept_pages = strip_running(pages)
    # where each kept line stands (strip_running keeps order: the kept lines are the page's lines in turn)
    kept_spots = [_kept(lines, spots, kept) for lines, spots, kept in zip(pages, page_spots, kept_pages)]
    gaps = [_gaps(spots) for spots in kept_spots]
    pitch = _pitch([g for page in gaps for g in page if g is not None])
    blocks: list[Block] = []
    tables = 0
    pages_by_y = [_baselines_of(spots) for spots in kept_spots]
    columns = table_columns(pages_by_y)
    for page_no, (lines, spots, page_gaps, by_y) in enumerate(zip(kept_pages, kept_spots, gaps, pages_by_y), 1):
        last = _last_filled(blocks)
        after_table = last is not None and tables > 0 and last.table == tables
        grid = _grid(spots, by_y, columns, pitch, after_table) if pitch else {}
        for k, (ln, gap) in enumerate(zip(lines, page_gaps)):
            if k in grid:
                if grid[k]:         # the table's first line: its rows and cells, as a Word table gives them
                    tables = _add_table(blocks, grid[k], page_no, tables)
                continue
            # set off from the line above by half a line or more: not the wrapped rest of that line
            spaced = gap > 1.5 * pitch if pitch and gap is not None else None
            blocks.append(Block(text=ln, line=len(blocks) + 1, page=page_no, spaced=spaced))
    return blocks


def _add_table(blocks: list[Block], rows: list[list[str]], page_no: int, tables: int) -> int:
    """Append a page's table as cell blocks; the number of the last table. A table that goes on from the
    page before (the last block is one of its cells) keeps its number and counts its rows on; a first row
    without a number cell is the rest of that table's last row."""
    last = _last_filled(blocks)
    if last is not None and last.table == tables and tables:
        row_no = last.row or 0
        if rows and not rows[0][0]:
            cells = {}
            for b in reversed(blocks):      # the row's cells are the last blocks
                if b.table != tables or b.row != row_no:
                    if b.table is not None or b.text.strip():
                        break
                    continue                # a blank line at the page's foot
                cells.setdefault(b.cell, b)
            for c, text in enumerate(rows[0], 1):
                if text and c in cells:
                    cells[c].text = _joined([cells[c].text, text]) if cells[c].text else text
            rows = rows[1:]
    else:
        tables += 1
        row_no = 0
    for row in rows:
        row_no += 1
        for c, cell in enumerate(row, 1):
            blocks.append(Block(text=cell, line=len(blocks) + 1, page=page_no, table=tables, row=row_no, cell=c))
    return tables


def _last_filled(blocks: list[Block]) -> Block | None:
    """The last block with text or in a table (blank lines at a page's foot do not end a table)."""
    return next((b for b in reversed(blocks) if b.table is not None or b.text.strip()), None)


def kept_indices(lines: list[str], kept: list[str]) -> list[int]:
    """Where each line strip_running kept stands among the page's `lines` (it keeps their order and only
    drops some)."""
    out: list[int] = []
    k = 0
    for ln in kept:
        while k < len(lines) and lines[k] != ln:
            k += 1
        out.append(k)
        k += 1
    return out


def _kept(lines: list[str], spots: list, kept: list[str]) -> list:
    return [spots[k] if k < len(spots) and ln.strip() else None for ln, k in zip(kept, kept_indices(lines, kept))]


def _gaps(spots: list) -> list[float | None]:
    """For each line, the distance from the baseline of the line above it on its page (None for a page's
    first line, an empty line, or a line without a baseline)."""
    out: list[float | None] = []
    above: float | None = None
    for spot in spots:
        out.append(above - spot[1] if above is not None and spot is not None else None)
        if spot is not None:
            above = spot[1]
    return out


_NEAR = 3.0      # points: a chunk this close to a column's x starts a cell of that column


def _baselines_of(spots: list) -> dict[float, list[tuple[float, str, int, bool]]]:
    """A page's text chunks by baseline: y -> [(x, text, line index in `spots`, whether the chunk starts one
    of pypdf's lines)] (a line split in two by _Marks counts once)."""
    by_y: dict[float, list[tuple[float, str, int, bool]]] = {}
    seen: set[int] = set()
    for k, spot in enumerate(spots):
        if spot is None or id(spot) in seen:
            continue
        seen.add(id(spot))
        for n, (x, text) in enumerate(spot[2]):
            if text.strip():
                key = next((b for b in by_y if abs(b - spot[1]) <= 1.0), spot[1])
                by_y.setdefault(key, []).append((x, text, k, n == 0))
    return by_y


def _cluster(xs, into: dict[float, int]) -> None:
    for x in xs:
        key = next((c for c in into if abs(c - x) <= _NEAR), x)
        into[key] = into.get(key, 0) + 1


def table_columns(pages_by_y: list[dict]) -> list[float]:
    """The x positions where table cells start in the document. A producer that writes a table cell by
    cell starts a line of text in every cell, so a cell's x is where lines start, again and again (words of
    one line drawn one by one, as in OCR text layers, start only one line). A column is such an x that
    chunks reach on two baselines or more that reach three such x's or more (a list's number and text make
    two; a row of tasks has four or more). A table goes on from page to page with the same columns."""
    line_starts: dict[float, int] = {}
    for by_y in pages_by_y:
        for row in by_y.values():
            xs: list[float] = []
            for x, _, _, first in row:
                if first and not any(abs(x - c) <= _NEAR for c in xs):
                    xs.append(x)
            _cluster(xs, line_starts)
    starts = [c for c, n in line_starts.items() if n >= 2]

    def at(x: float) -> float | None:
        return next((c for c in starts if abs(c - x) <= _NEAR), None)

    hits: dict[float, int] = {}
    for by_y in pages_by_y:
        for row in by_y.values():
            reached = {c for c in (at(x) for x, _, _, _ in row) if c is not None}
            if len(reached) >= 3:
                _cluster(reached, hits)
    return sorted(c for c, n in hits.items() if n >= 2)


def _grid(spots: list, by_y: dict, columns: list[float], pitch: float, after_table: bool = False
          ) -> dict[int, list[list[str]]]:
    """The tables of a page, rebuilt from where their text starts: a PDF keeps no cells, but a producer that
    writes a table cell by cell (LibreOffice does) starts each cell's lines at its column's x, several on
    one baseline. Read top down: a baseline with chunks in three columns or more starts a table (or a new
    row of one); a row goes on while the lines stay close and start in its content columns; after a row
    gap, or where a number starts in the first column again, comes the next row, if the line starts cells
    in two columns or more (a group row "3 | Các hoạt động …" has two); anything else ends the table.
    `after_table`: the page before ended inside a table, so the page's first lines in its content columns
    end that table's last row. Returns, for each line of a table, its rows of cell texts on the table's first
    line and [] on the others; {} when the page has none."""
    def column(x: float) -> int | None:
        return next((c for c, at in enumerate(columns) if abs(at - x) <= _NEAR), None)

    if len(columns) < 3:
        return {}
    tables: list[tuple[list[list[list[str]]], set[int]]] = []
    rows: list[list[list[str]]] | None = None
    members: set[int] = set()
    prev_y: float | None = None

    def close() -> None:
        nonlocal rows
        # one row is no table, unless it is the rest of the page before's
        if rows is not None and (len(rows) >= 2 or not rows[0][0] and after_table and not tables):
            tables.append((rows, set(members)))
        rows = None

    def add(row: list[list[str]], y: float) -> None:
        col = 0
        for x, text, k, _ in sorted(by_y[y]):
            at = column(x)
            if at is not None:
                col = at
                row[col].append(text)
            else:                           # a chunk inside a cell's line (a bold word …)
                row[col][-1:] = ["".join(row[col][-1:]) + text]
            members.add(k)

    for n, y in enumerate(sorted(by_y, reverse=True)):
        cols = sorted({c for c in (column(x) for x, _, _, _ in by_y[y]) if c is not None})
        first = column(min(x for x, _, _, _ in by_y[y]))
        content = first is not None and first >= 1          # starts in a column after the first
        starts_row = len(cols) >= 3 or (len(cols) >= 2 and first == 0)
        if rows is None:
            if len(cols) >= 3:
                members.clear()
                rows = [[[] for _ in columns]]
                add(rows[-1], y)
            elif after_table and not tables and n == 0 and content:
                members.clear()
                rows = [[[] for _ in columns]]                # the rest of the page before's last row
                add(rows[-1], y)
            prev_y = y
            continue
        gap = prev_y - y if prev_y is not None else 0.0
        new_number = first == 0 and bool(rows[-1][0]) and starts_row
        if first is None:
            close()
        elif gap > 1.3 * pitch or new_number:
            if starts_row:
                rows.append([[] for _ in columns])
                add(rows[-1], y)
            else:
                close()
        elif content:
            add(rows[-1], y)
        else:
            close()                         # a line at the margin, right below the table: text again
        prev_y = y
    close()
    out: dict[int, list[list[str]]] = {}
    for table_rows, lines in tables:
        # both halves of a line that _Marks split in two (a number cell and the next cell on one baseline)
        sources = {id(spots[k]) for k in lines}
        lines = lines | {k for k, spot in enumerate(spots) if spot is not None and id(spot) in sources}
        out.update({k: [] for k in lines})
        out[min(lines)] = [[_joined(cell) for cell in row] for row in table_rows]
    return out


def _joined(parts: list[str]) -> str:
    """A cell's lines as one text, joined as the normaliser joins wrapped lines ("PT-" / "TH" without a space)."""
    text = ""
    for part in (p.strip() for p in parts):
        text = text + wrap_separator(text, part) + part if text else part
    return text


def _pitch(gaps: list[float]) -> float | None:
    """The distance between the lines of a paragraph: the most common gap (the median, lines inside
    paragraphs being most of a plan's lines); None when too few lines say it."""
    ups = sorted(g for g in gaps if g > 0)
    if len(ups) < 10:
        return None
    return ups[len(ups) // 2]
