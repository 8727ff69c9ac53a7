#!/usr/bin/env python3
"""Generate Word versions of the sample plans (samples/*.txt, *.md) for the format-invariance tests.

For each sample three .docx files are written next to it:

  <name>.a-typed.docx     every line of the text is a paragraph, labels typed as text;
  <name>.b-numbered.docx  every label (I. / I-, 1., 2.1., 2.4.1., a), -, +, ·) comes from Word's automatic
                          numbering (numbering.xml): one multi-level list for sections and items, one list
                          per run of lettered clauses (restarted, and out-of-order letters such as
                          'a) c) d) b)' made with lvlOverride/startOverride), and a bullet list;
  <name>.c-tables.docx    labels typed; the header lines before the document type as a table (cells split at
                          the text's '|' lines when it has them), 'Nơi nhận' and the signature as a two-cell
                          table, footnote texts ('[1] ...', '⁽¹⁾ ...') as real Word footnotes referenced where
                          the body has their mark, and a trailing tab-separated appendix as a real table
                          (rows start at an STT cell).

Everything is found from the text itself with a few label patterns, never from a sample's name, so a new
sample gets its Word versions the same way. Paragraphs mirror the text's lines (blank lines included): hard
wraps are left for ttdn's normaliser, as in the text file. Markdown markup (#, **, trailing '  ') is removed.

The files are deterministic (fixed zip timestamps and document properties). Each numbered file is read back
with ttdn's reader and must give the same lines as the typed one (bullet glyphs other than '-' and '+' read
as '-'); the script stops otherwise.

    python scripts/make_docx_samples.py [samples/]        # writes samples/*.docx
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
VARIANTS = ("a-typed", "b-numbered", "c-tables")

SECTION = re.compile(r"^(?P<label>[IVX]+)(?P<sep>[.\-–])(?:\s+|$)")
ITEM = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})\.(?:\s+|$)")
CLAUSE = re.compile(r"^(?P<label>[a-z])\)(?:\s+|$)")
BULLET = re.compile(r"^(?P<label>[-+·•])\s+")
DOC_TYPE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|BÁO CÁO|HƯỚNG DẪN)$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
AUTHORITY = re.compile(r"^(KT\.|TM\.|T/M|Q\.|TL\.|TUQ\.)")
FOOTNOTE_LINE = re.compile(r"^(?:\[(?P<a>\d{1,3})\]|⁽(?P<b>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾)\s*(?P<text>\S.*)$")
STT = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass
class LogicalLine:
    text: str
    blank: bool = False                 # a blank line came before it
    table: int | None = None            # a table ttdn found in the text file (tab cells, pipe rows)
    row: int | None = None
    cell: int | None = None


def sample_lines(path: Path) -> list[LogicalLine]:
    """The sample's logical lines as ttdn's own normaliser sees them (hard wraps joined, Markdown removed,
    text-file tables found): a Word paragraph is a logical line, not a printed one."""
    from ttdn_parse.normalise import clean_line, detect_tables, unwrap, wrap_style
    from ttdn_parse.readers import read_path

    blocks = read_path(path).blocks
    if path.suffix.lower() in (".txt", ".md", ".markdown"):
        detect_tables(blocks)
    texts = [clean_line(b.text) for b in blocks]
    lines = unwrap(blocks, texts, wrap_style(texts))
    return [LogicalLine(x.text, x.blank_before, x.table, x.row, x.cell) for x in lines]


# ---------------------------------------------------------------------------------------------------------
# Layout of a plan, found from its text
# ---------------------------------------------------------------------------------------------------------

@dataclass
class Layout:
    doc_type: int | None = None          # index of the document-type line
    body_start: int = 0                  # first section heading
    closing: int | None = None           # 'Nơi nhận' or first signature line: end of the numbered body
    recipients: tuple[int, int] | None = None
    signature: tuple[int, int] | None = None
    footnotes: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (mark as printed, text)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def find_layout(lines: list[LogicalLine]) -> Layout:
    lay = Layout()
    texts = [x.text.strip() for x in lines]
    n = len(texts)
    lay.doc_type = next((i for i, t in enumerate(texts) if DOC_TYPE.match(t) and lines[i].table is None), None)
    start = (lay.doc_type or 0) + 1
    lay.body_start = next((i for i in range(start, n) if SECTION.match(texts[i])), n)
    for i, t in enumerate(texts):
        m = FOOTNOTE_LINE.match(t)
        if m and i > lay.body_start and lines[i].table is None:
            mark = f"[{m.group('a')}]" if m.group("a") else f"⁽{m.group('b')}⁾"
            if any(mark in other for j, other in enumerate(texts) if j != i):
                lay.footnotes[i] = (mark, m.group("text").strip())
    rec = next((i for i in range(lay.body_start, n) if RECIPIENTS.match(texts[i]) and lines[i].table is None), None)
    sig = None
    for i in range(rec + 1 if rec is not None else lay.body_start, n):
        t = texts[i]
        if not t or t == "|" or i in lay.footnotes or lines[i].table is not None:
            continue
        if AUTHORITY.match(t) or (rec is not None and _is_caps(t) and not t.startswith("-")):
            sig = i
            break
    if rec is None and sig is None:
        return lay
    lay.closing = rec if rec is not None else sig
    if rec is not None:
        lay.recipients = (rec, sig if sig is not None else n)
    if sig is not None:
        end = sig + 1
        while end < n and end not in lay.footnotes and lines[end].table is None:
            end += 1
        lay.signature = (sig, end)
    return lay


# ---------------------------------------------------------------------------------------------------------
# Numbering plan for variant (b)
# ---------------------------------------------------------------------------------------------------------

MAIN_ABS, CLAUSE_ABS, BULLET_ABS = 1, 2, 3
MAIN_NUM, BULLET_NUM = 1, 2


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "space", restart: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="{suff}"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>')


class NumberingPlan:
    def __init__(self, section_sep: str):
        self.section_sep = section_sep
        self.nums: list[str] = [
            f'<w:num w:numId="{MAIN_NUM}"><w:abstractNumId w:val="{MAIN_ABS}"/></w:num>',
            f'<w:num w:numId="{BULLET_NUM}"><w:abstractNumId w:val="{BULLET_ABS}"/></w:num>',
        ]
        self.next_num = 3
        self.clause_abstracts: list[tuple[int, int]] = []   # one single-level list per run of clauses
        self.clause_abs: int | None = None
        self.clause_num: int | None = None
        self.clause_overridden = False
        self.clause_next: int | None = None      # value Word will give the next clause of the current list
        self.main = [0] * 4                      # what the main list's counters are

    def xml(self) -> str:
        sep = self.section_sep
        main = "".join([
            _lvl(0, "upperRoman", f"%1{sep}"),
            _lvl(1, "decimal", "%2."),
            _lvl(2, "decimal", "%2.%3."),
            _lvl(3, "decimal", "%2.%3.%4."),
        ])
        bullets = "".join([_lvl(0, "bullet", "-"), _lvl(1, "bullet", "+"), _lvl(2, "bullet", "\uf0b7")])
        clauses = "".join(f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                          f'{_lvl(0, "lowerLetter", "%1)", start=start)}</w:abstractNum>'
                          for aid, start in self.clause_abstracts)
        return (f'<w:numbering xmlns:w="{W_NS}">'
                f'<w:abstractNum w:abstractNumId="{MAIN_ABS}"><w:multiLevelType w:val="multilevel"/>{main}</w:abstractNum>'
                f'<w:abstractNum w:abstractNumId="{BULLET_ABS}"><w:multiLevelType w:val="hybridMultilevel"/>{bullets}'
                f'</w:abstractNum>{clauses}{"".join(self.nums)}</w:numbering>')

    def _new_num(self, abstract_id: int, start: int | None) -> int:
        nid = self.next_num
        self.next_num += 1
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start is not None else "")
        self.nums.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>')
        return nid

    def assign(self, line: str) -> tuple[int, int, str] | None:
        """(numId, ilvl, text without the label) for a label line, or None to leave it typed."""
        s = line.lstrip()
        if s != line:
            return None  # indented or tab-led lines keep their text as typed
        m = SECTION.match(s)
        if m and m.group("sep") == self.section_sep:
            value = _roman_value(m.group("label"))
            if value == self.main[0] + 1:
                self.main = [value, 0, 0, 0]
                self.clause_num = None
                return MAIN_NUM, 0, s[m.end():]
            return None
        m = ITEM.match(s)
        if m:
            parts = [int(x) for x in m.group("label").split(".")]
            depth = len(parts)  # 1..4 -> ilvl 1..3 (4 components are left typed)
            if depth > 3 or self.main[0] == 0:
                return None
            expected = self.main[1:1 + depth - 1] + [self.main[depth] + 1]
            if parts != expected:
                return None
            self.main[depth] = parts[-1]
            for deeper in range(depth + 1, 4):
                self.main[deeper] = 0
            self.clause_num = None
            return MAIN_NUM, depth, s[m.end():]
        m = CLAUSE.match(s)
        if m:
            value = ord(m.group("label")) - ord("a") + 1
            if self.clause_num is None or value == 1:
                # a new run of clauses: its own list, starting at its first letter (Word's "restart at")
                self.clause_abs = CLAUSE_ABS * 100 + len(self.clause_abstracts)
                self.clause_abstracts.append((self.clause_abs, value))
                self.clause_num = self._new_num(self.clause_abs, None)
                self.clause_overridden = False
            elif value != self.clause_next or self.clause_overridden:
                # out of order ('a) c) d) b)'): the same list, restarted at this letter by a startOverride.
                # Once a run is out of order each later clause gets its own override: Word would continue
                # 'c) d)' from one override, LibreOffice restarts the list after it.
                self.clause_num = self._new_num(self.clause_abs, value)
                self.clause_overridden = True
            self.clause_next = value + 1
            return self.clause_num, 0, s[m.end():]
        m = BULLET.match(s)
        if m:
            ilvl = {"-": 0, "+": 1}.get(m.group("label"), 2)
            return BULLET_NUM, ilvl, s[m.end():]
        return None


def _roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


# ---------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------

def _set_numpr(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lv = OxmlElement("w:ilvl")
    lv.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(lv)
    numpr.append(nid)
    ppr.append(numpr)


def _footnote_ref(paragraph, fid: int) -> None:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    run.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(fid))
    run.append(ref)
    paragraph._p.append(run)


def _add_text(paragraph, text: str) -> None:
    if text:
        paragraph.add_run(text)  # python-docx turns '\t' into w:tab


class Writer:
    def __init__(self) -> None:
        self.doc = docx.Document()
        self.body = self.doc.element.body
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.footnotes: list[tuple[int, str]] = []

    def para(self, text: str, numpr: tuple[int, int] | None = None, marks: dict[str, int] | None = None):
        p = self.doc.add_paragraph()
        if numpr:
            _set_numpr(p, *numpr)
        self._fill(p, text, marks)
        return p

    def _fill(self, p, text: str, marks: dict[str, int] | None) -> None:
        if marks:
            for mark, fid in marks.items():
                if mark in text:
                    before, _, after = text.partition(mark)
                    _add_text(p, before)
                    _footnote_ref(p, fid)
                    _add_text(p, after)
                    return
        _add_text(p, text)

    def table(self, rows: list[list[list[str]]], marks: dict[str, int] | None = None) -> None:
        # two tables with nothing between them are one table to Word: keep a paragraph between them
        kids = [c for c in self.body if c.tag != qn("w:sectPr")]
        if kids and kids[-1].tag == qn("w:tbl"):
            self.doc.add_paragraph()
        ncols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        for ri, row in enumerate(rows):
            for ci in range(ncols):
                cell = table.cell(ri, ci)
                paras = row[ci] if ci < len(row) else [""]
                self._fill(cell.paragraphs[0], paras[0], marks)
                for extra in paras[1:]:
                    self._fill(cell.add_paragraph(), extra, marks)

    def save(self) -> bytes:
        # Word always ends the body with a paragraph (a table cannot be last before the section properties):
        # a file that ends in a table is one Word never writes, and LibreOffice's .doc export drops that table
        kids = [c for c in self.body if c.tag != qn("w:sectPr")]
        if kids and kids[-1].tag == qn("w:tbl"):
            self.doc.add_paragraph()
        cp = self.doc.core_properties
        fixed = _dt.datetime(*FIXED_TIME)
        cp.created = cp.modified = fixed
        cp.last_modified_by = cp.author = "ttdn make_docx_samples"
        cp.revision = 1
        buf = io.BytesIO()
        self.doc.save(buf)
        return _finish(buf.getvalue(), self.footnotes)


def _footnotes_xml(notes: list[tuple[int, str]]) -> str:
    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            ('<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            '</w:footnote>')]
    for fid, text in notes:
        body.append(f'<w:footnote w:id="{fid}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {esc(text)}</w:t></w:r></w:p></w:footnote>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">{"".join(body)}</w:footnotes>'


def _finish(data: bytes, footnotes: list[tuple[int, str]]) -> bytes:
    """Fixed timestamps; add the footnotes part python-docx cannot write."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            raw = src.read(info.filename)
            if footnotes and info.filename == "[Content_Types].xml":
                raw = raw.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                  b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if footnotes and info.filename == "word/_rels/document.xml.rels":
                raw = raw.replace(b"</Relationships>", b'<Relationship Id="rIdTtdnFootnotes" Type="http://schemas.'
                                  b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                  b'Target="footnotes.xml"/></Relationships>')
            z.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), raw, zipfile.ZIP_DEFLATED)
        if footnotes:
            z.writestr(zipfile.ZipInfo("word/footnotes.xml", FIXED_TIME), _footnotes_xml(footnotes).encode(),
                       zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _table_rows(run: list[LogicalLine]) -> list[list[list[str]]]:
    rows: dict[int, dict[int, list[str]]] = {}
    for x in run:
        rows.setdefault(x.row or 1, {}).setdefault(x.cell or 1, []).append(x.text)
    ncols = max(max(cells) for cells in rows.values())
    return [[rows[r].get(c, [""]) for c in range(1, ncols + 1)] for r in sorted(rows)]


def build(lines: list[LogicalLine], variant: str) -> bytes:
    lay = find_layout(lines)
    w = Writer()
    marks: dict[str, int] = {}
    if variant == "c-tables":
        for k, (_, (mark, text)) in enumerate(sorted(lay.footnotes.items()), 1):
            marks[mark] = k
            w.footnotes.append((k, text))
    plan = None
    if variant == "b-numbered":
        first = next((SECTION.match(lines[i].text) for i in range(lay.body_start, len(lines))
                      if SECTION.match(lines[i].text)), None)
        plan = NumberingPlan(first.group("sep") if first else ".")
    end = lay.closing if lay.closing is not None else len(lines)
    i, n = 0, len(lines)
    header_end = lay.doc_type or 0
    if variant == "c-tables" and header_end > 0 and any(x.text.strip() for x in lines[:header_end]):
        w.table(_header_cells([x.text for x in lines[:header_end]]))
        i = header_end
    while i < n:
        x = lines[i]
        if variant == "c-tables" and i in lay.footnotes:
            i += 1
            continue
        if x.table is not None:
            j = i
            while j < n and lines[j].table == x.table:
                j += 1
            w.table(_table_rows(lines[i:j]), marks)
            i = j
            continue
        if variant == "c-tables" and (lay.recipients and i == lay.recipients[0]
                                      or (not lay.recipients and lay.signature and i == lay.signature[0])):
            left = [y.text for y in lines[lay.recipients[0]:lay.recipients[1]]] if lay.recipients else []
            right = [y.text for y in lines[lay.signature[0]:lay.signature[1]]] if lay.signature else []
            left, right = _split_bars(left, right)
            w.table([[_cell(left), _cell(right)]], marks)
            i = lay.signature[1] if lay.signature else lay.recipients[1]  # type: ignore[index]
            continue
        if x.blank and i > 0:
            w.para("")
        got = plan.assign(x.text) if plan is not None and lay.body_start <= i < end else None
        if got:
            w.para(got[2], numpr=(got[0], got[1]))
        else:
            w.para(x.text, marks=marks)
        i += 1
    if plan is not None:
        w.doc.part.numbering_part._element = parse_xml(plan.xml())
    return w.save()


def _cell(lines: list[str]) -> list[str]:
    out = [x.strip() for x in lines]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out or [""]


def _split_bars(left: list[str], right: list[str]) -> tuple[list[str], list[str]]:
    """Text tables drawn with '|' lines: drop the bars (they are cell borders)."""
    return [x for x in left if x.strip() != "|"], [x for x in right if x.strip() != "|"]


def _header_cells(lines: list[str]) -> list[list[list[str]]]:
    if any(x.strip() == "|" for x in lines):
        cells: list[list[str]] = [[]]
        for x in lines:
            if x.strip() == "|":
                cells.append([])
            else:
                cells[-1].append(x)
        cells = [_cell(c) for c in cells if any(y.strip() for y in c)]
        rows = [cells[k:k + 2] for k in range(0, len(cells), 2)]
        return rows
    return [[_cell(lines), [""]]]


def readback_check(typed: bytes, numbered: bytes, name: str) -> None:
    from ttdn_parse.readers.docx import read_docx

    a = [b.text for b in read_docx(typed)[0]]
    b = [b.text for b in read_docx(numbered)[0]]
    norm = [re.sub(r"^[·•]\s", "- ", x) for x in a]  # bullet glyphs other than '-' and '+' read as '-'
    bad = [(k, x, y) for k, (x, y) in enumerate(zip(norm, b)) if x != y]
    if len(a) != len(b) or bad:
        raise SystemExit(f"{name}: numbered version reads back differently: {bad[:3]}")


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "samples"
    sources = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt", ".md"))
    for src in sources:
        lines = sample_lines(src)
        outputs = {v: build(lines, v) for v in VARIANTS}
        readback_check(outputs["a-typed"], outputs["b-numbered"], src.name)
        for v, data in outputs.items():
            target = src.with_name(f"{src.stem}.{v}.docx")
            target.write_bytes(data)
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  {len(data):>7} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
