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

    def baselines(self, lines: list[str]) -> list[float | None]:
        """The baseline (y, from the page bottom) of each of pypdf's lines: its chunks grouped by baseline,
        in content order, matched to the non-empty lines one to one (None everywhere when they do not pair
        up, or for empty lines)."""
        groups: list[float] = []
        for text, _, y, _ in self.chunks:
            if text.strip() and (not groups or abs(groups[-1] - y) > 1.0):
                groups.append(y)
        filled = [k for k, ln in enumerate(lines) if ln.strip()]
        out: list[float | None] = [None] * len(lines)
        if len(groups) == len(filled):
            for k, y in zip(filled, groups):
                out[k] = y
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
    page_ys: list[list[float | None]] = []
    for i in range(count):
        try:
            marks = _Marks()
            text = reader.pages[i].extract_text(visitor_text=marks.visit) or ""
        except Exception as exc:  # noqa: BLE001
            raise ReadError(f"PDF hỏng ở trang {i + 1} (corrupt page: {type(exc).__name__})") from None
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        raw = [ln.rstrip() for ln in text.split("\n")]
        ys = marks.baselines(raw)
        pages.append(marks.apply(raw))
        page_ys.append([ys[k] for k in marks.origin])
    if not any(ln.strip() for lines in pages for ln in lines):
        raise ReadError("PDF không có lớp chữ (ảnh quét?): hãy nhận dạng chữ (OCR) trước, ttdn không tự OCR "
                        "(no text layer: a scanned PDF needs OCR first)")
    kept_pages = strip_running(pages)
    gaps = _gaps(pages, page_ys, kept_pages)
    pitch = _pitch([g for page in gaps for g in page if g is not None])
    blocks: list[Block] = []
    for page_no, (lines, page_gaps) in enumerate(zip(kept_pages, gaps), 1):
        for ln, gap in zip(lines, page_gaps):
            # set off from the line above by half a line or more: not the wrapped rest of that line
            spaced = gap > 1.5 * pitch if pitch and gap is not None else None
            blocks.append(Block(text=ln, line=len(blocks) + 1, page=page_no, spaced=spaced))
    return blocks


def _gaps(pages: list[list[str]], page_ys: list[list[float | None]], kept_pages: list[list[str]]
          ) -> list[list[float | None]]:
    """For each kept line, the distance from the baseline of the kept line above it on its page (None for a
    page's first line, an empty line, or a line without a baseline). strip_running keeps order, so the kept
    lines are matched to the page's lines in turn."""
    out: list[list[float | None]] = []
    for lines, ys, kept in zip(pages, page_ys, kept_pages):
        page_gaps: list[float | None] = []
        k = 0
        above: float | None = None
        for ln in kept:
            while k < len(lines) and lines[k] != ln:
                k += 1
            y = ys[k] if k < len(lines) else None
            page_gaps.append(above - y if above is not None and y is not None and ln.strip() else None)
            if y is not None and ln.strip():
                above = y
            k += 1
        out.append(page_gaps)
    return out


def _pitch(gaps: list[float]) -> float | None:
    """The distance between the lines of a paragraph: the most common gap (the median, lines inside
    paragraphs being most of a plan's lines); None when too few lines say it."""
    ups = sorted(g for g in gaps if g > 0)
    if len(ups) < 10:
        return None
    return ups[len(ups) // 2]
