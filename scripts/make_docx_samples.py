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

import docx  # noqa: E402  (python-docx)
from docx.oxml import OxmlElement, parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
VARIANTS = ("a-typed", "b-numbered", "c-tables")

SECTION = re.compile(r"^(?P<label>[IVX]+)(?P<sep>[.\-–])(?:\s+|$)")
ITEM = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})\.(?:\s+|$)")
CLAUSE = re.compile(r"^(?P<label>[a-z])\)(?:\s+|$)")
BULLET = re.compile(r"^(?P<label>[-+·•])\s+")
DOC_TYPE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|BÁO CÁO|HƯỚNG DẪN)$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?", re.I)
AUTHORITY = re.compile(r"^(KT\.|TM\.|T/M|Q\.|TL\.|TUQ\.)")
FOOTNOTE_LINE = re.compile(r"^(?:\[(?P<a>\d{1,3})\]|⁽(?P<b>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾)\s*(?P<text>\S.*)$")
STT = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def strip_markdown(line: str) -> str:
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    line = line.replace("**", "").replace("__", "")
    return line.rstrip() if line.endswith("  ") else line


def sample_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if path.suffix.lower() in (".md", ".markdown"):
        lines = [strip_markdown(x) for x in lines]
    return lines


# ---------------------------------------------------------------------------------------------------------
# Layout of a plan, found from its text
# ---------------------------------------------------------------------------------------------------------

@dataclass
class Layout:
    lines: list[str]
    doc_type: int | None = None          # index of the document-type line
    body_start: int = 0                  # first section heading
    closing: int | None = None           # 'Nơi nhận' or first signature line: end of the numbered body
    recipients: tuple[int, int] | None = None
    signature: tuple[int, int] | None = None
    appendix: tuple[int, int] | None = None
    footnotes: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (mark as printed, text)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def find_layout(lines: list[str]) -> Layout:
    lay = Layout(lines)
    n = len(lines)
    for i, line in enumerate(lines):
        if DOC_TYPE.match(line.strip()):
            lay.doc_type = i
            break
    start = (lay.doc_type or 0) + 1
    lay.body_start = next((i for i in range(start, n) if SECTION.match(lines[i].strip())), n)
    # footnote texts
    for i, line in enumerate(lines):
        m = FOOTNOTE_LINE.match(line.strip())
        if m and i > lay.body_start:
            mark = f"[{m.group('a')}]" if m.group("a") else f"⁽{m.group('b')}⁾"
            body_has_mark = any(mark in other for j, other in enumerate(lines) if j != i)
            if body_has_mark:
                lay.footnotes[i] = (mark, m.group("text").strip())
    # recipients and signature
    rec = next((i for i in range(lay.body_start, n) if RECIPIENTS.match(lines[i].strip())), None)
    search_from = rec + 1 if rec is not None else lay.body_start
    sig = None
    for i in range(search_from, n):
        s = lines[i].strip()
        if not s or i in lay.footnotes:
            continue
        if s == "|":
            continue
        if AUTHORITY.match(s) or (_is_caps(s) and not s.startswith("-") and (rec is not None or i > lay.body_start)
                                  and not SECTION.match(s)):
            if rec is None and not AUTHORITY.match(s):
                continue
            sig = i
            break
    if rec is not None or sig is not None:
        lay.closing = rec if rec is not None else sig
        if rec is not None:
            lay.recipients = (rec, sig if sig is not None else n)
        if sig is not None:
            end = sig + 1
            while end < n:
                s = lines[end]
                if end in lay.footnotes or (s[:1].isspace() and "\t" in s[:3] and s.strip()):
                    break
                end += 1
            lay.signature = (sig, end)
            # a trailing tab-separated appendix
            tab_lines = [j for j in range(end, n) if "\t" in lines[j][:3]]
            if len(tab_lines) >= 10:
                stop = n
                for j in range(end, n):
                    if j in lay.footnotes:
                        stop = j
                        break
                lay.appendix = (end, stop)
    return lay


def appendix_rows(lines: list[str]) -> list[list[list[str]]]:
    """Tab-separated table text -> rows -> cells -> paragraphs. A cell starts at each tab; a row at an STT
    cell; lines without a tab are further paragraphs of the cell before."""
    text = "\n".join(lines)
    tokens = text.split("\t")
    rows: list[list[list[str]]] = []
    row: list[list[str]] = []
    for k, token in enumerate(tokens):
        paras = token.split("\n")
        if k < len(tokens) - 1 and paras and paras[-1].strip() == "":
            paras = paras[:-1] if len(paras) > 1 else [""]
        first = paras[0].strip() if paras else ""
        if STT.match(first) and row:
            rows.append(row)
            row = []
        row.append([x.strip() for x in paras] or [""])
    if row:
        rows.append(row)
    return rows


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
        self.clause_num: int | None = None
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
        return (f'<w:numbering xmlns:w="{W_NS}">'
                f'<w:abstractNum w:abstractNumId="{MAIN_ABS}"><w:multiLevelType w:val="multilevel"/>{main}</w:abstractNum>'
                f'<w:abstractNum w:abstractNumId="{CLAUSE_ABS}"><w:multiLevelType w:val="singleLevel"/>'
                f'{_lvl(0, "lowerLetter", "%1)")}</w:abstractNum>'
                f'<w:abstractNum w:abstractNumId="{BULLET_ABS}"><w:multiLevelType w:val="hybridMultilevel"/>{bullets}'
                f'</w:abstractNum>{"".join(self.nums)}</w:numbering>')

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
            if self.clause_num is None or value == 1 or value != self.clause_next:
                self.clause_num = self._new_num(CLAUSE_ABS, value)
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
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            '</w:footnote>']
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


def build(lines: list[str], variant: str) -> bytes:
    lay = find_layout(lines)
    w = Writer()
    if variant == "b-numbered":
        first = next((SECTION.match(lines[i].strip()) for i in range(lay.body_start, len(lines))
                      if SECTION.match(lines[i].strip())), None)
        plan = NumberingPlan(first.group("sep") if first else ".")
        end = lay.closing if lay.closing is not None else len(lines)
        for i, line in enumerate(lines):
            got = plan.assign(line) if lay.body_start <= i < end else None
            if got:
                w.para(got[2], numpr=(got[0], got[1]))
            else:
                w.para(line)
        w.doc.part.numbering_part._element = parse_xml(plan.xml())
        return w.save()
    if variant == "a-typed":
        for line in lines:
            w.para(line)
        return w.save()
    # c-tables
    marks: dict[str, int] = {}
    for k, (line_no, (mark, text)) in enumerate(sorted(lay.footnotes.items()), 1):
        marks[mark] = k
        w.footnotes.append((k, text))
    skip: set[int] = set(lay.footnotes)
    i, n = 0, len(lines)
    header_end = lay.doc_type if lay.doc_type is not None else 0
    if header_end > 0 and any(x.strip() for x in lines[:header_end]):
        w.table(_header_cells(lines[:header_end]))
        i = header_end
    while i < n:
        if i in skip:
            i += 1
            continue
        if lay.recipients and i == lay.recipients[0] or (not lay.recipients and lay.signature and i == lay.signature[0]):
            left = lines[lay.recipients[0]:lay.recipients[1]] if lay.recipients else []
            right = lines[lay.signature[0]:lay.signature[1]] if lay.signature else []
            left, right = _split_bars(left, right)
            w.table([[_cell(left), _cell(right)]], marks)
            i = lay.signature[1] if lay.signature else lay.recipients[1]
            continue
        if lay.appendix and i == lay.appendix[0]:
            w.table(appendix_rows([x for j, x in enumerate(lines[lay.appendix[0]:lay.appendix[1]], lay.appendix[0])
                                   if j not in skip]), marks)
            i = lay.appendix[1]
            continue
        w.para(lines[i], marks=marks)
        i += 1
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
    norm = [re.sub(r"^[·•]\s", "- ", x) for x in a]
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
