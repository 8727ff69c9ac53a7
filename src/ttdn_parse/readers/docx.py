"""Word .docx -> blocks, with the text a reader of the page sees.

One block per paragraph, in body order (paragraphs of table cells included, with table/row/cell set).
What is rendered:
  - automatic numbering (numbering.xml, paragraph-style numbering, overrides): the label as Word prints it,
    prefixed to the text with its suffix (tab or space -> one space); bullets as '- ' ('+ ' kept);
  - footnote / endnote references as '[1]' (endnotes '[i]'), their texts returned apart;
  - tracked insertions kept, tracked deletions and moved-away text dropped; content controls (w:sdt),
    hyperlinks, smart tags and custom XML read through; fields: result kept, instruction dropped;
  - tabs as '\\t'; a line break (w:br, w:cr) ends the line: the paragraph goes on in a new block with the
    same `para` (as a text file's lines would);
  - runs in TCVN3 (.VnTime...) or VNI (VNI-Times...) fonts converted to Unicode; 'caps' as capitals; hidden
    text (w:vanish) dropped;
  - Word comments anchored in a paragraph go to that paragraph's first block (Block.comments).
Text boxes (drawing or VML, mc:AlternateContent read once) follow the paragraph they are anchored in.
Headers, footers, pictures and charts are not read.

Tables: `table` counts every table (nested ones too) in document order; `row` the visual row; `cell` the
grid column where the cell starts (gridBefore and gridSpan counted), so positions match the visual grid.
A vertically merged cell's text appears once, in its first row; the empty continuation cells give no block.

Safety: the zip is checked before anything is inflated (member count, total size, compression ratio), parts
are read with a hard size cap, XML is parsed without DTDs, entities or network and with libxml2's depth
limit; tables nest at most MAX_TABLE_DEPTH deep. Every failure is one ReadError line.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from .. import rx
from ..blocks import Block
from ..errors import ReadError
from .legacy_fonts import convert, encoding_of_font, symbol_char
from .numbering import (Indent, Level, Numbering, W, first_child, first_children, format_number, indent_of,
                        is_decimal, number_position)

MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 400 * 2**20
MAX_PART = 200 * 2**20
MAX_RATIO = 100            # uncompressed / compressed, for members over RATIO_MIN_SIZE
RATIO_MIN_SIZE = 2 * 2**20
MAX_TABLE_DEPTH = 16

W_NS = W[1:-1]
_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TXBX = W + "txbxContent"
_SHAPES = {W + "drawing", W + "pict", W + "object", _MC + "AlternateContent"}

P, R, T, TBL, TR, TC, SDT, SDTCONTENT = (W + x for x in ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))
PPR, RPR, TCPR, TRPR = W + "pPr", W + "rPr", W + "tcPr", W + "trPr"
IND = W + "ind"
GRIDSPAN, VMERGE, HMERGE = W + "gridSpan", W + "vMerge", W + "hMerge"
PSTYLE, NUMPR, NUMID, ILVL, VAL = W + "pStyle", W + "numPr", W + "numId", W + "ilvl", W + "val"
INS, DEL, MOVETO, MOVEFROM = W + "ins", W + "del", W + "moveTo", W + "moveFrom"
HYPERLINK, SMARTTAG, CUSTOMXML, FLDSIMPLE = W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple"
FLDCHAR = W + "fldChar"
BODY = W + "body"
_THROUGH = {INS, MOVETO, HYPERLINK, SMARTTAG, CUSTOMXML, FLDSIMPLE, W + "bdo", W + "dir"}
_OFF = ("0", "false", "off")

_PARSER_KW = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False, "dtd_validation": False}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(remove_comments=True, remove_pis=True, **_PARSER_KW)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (libxml2 and zlib messages carry newlines)."""
    return " ".join(str(exc).split())[:200]


def _flag(el) -> bool:
    return el is not None and el.get(W + "val", "true") not in _OFF


# ---------------------------------------------------------------------------------------------------------
# Package
# ---------------------------------------------------------------------------------------------------------

def _sniff(data: bytes) -> None:
    """Clear messages for the files people rename to .docx."""
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError("tệp Word được bảo vệ bằng mật khẩu (password-protected): hãy gỡ mật khẩu rồi lưu lại")
        if "WordDocument".encode("utf-16-le") in data:
            raise ReadError("đây là tệp Word 97-2003 (.doc) mang đuôi .docx: hãy đổi đuôi thành .doc "
                            "(a .doc file named .docx: rename it to .doc)")
        raise ReadError("tệp OLE (Office 97-2003), không phải .docx (an OLE compound file, not a .docx)")
    if data[:5] == b"{\\rtf":
        raise ReadError("đây là tệp RTF mang đuôi .docx (an RTF file named .docx)")
    if data[:4] not in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        head = data[:512].lstrip().lower()
        if head.startswith(b"<") and (b"<html" in head or b"<!doctype html" in head):
            raise ReadError("đây là trang HTML mang đuôi .docx (an HTML file named .docx)")
        if head.startswith(b"%pdf"):
            raise ReadError("đây là tệp PDF mang đuôi .docx (a PDF named .docx)")
        raise ReadError("không phải tệp .docx (not a .docx: no zip signature)")


class Package:
    def __init__(self, data: bytes):
        _sniff(data)
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise ReadError(f"tệp .docx hỏng, không mở được (corrupt .docx: {one_line(exc)})") from None
        if not infos:
            raise ReadError("tệp .docx rỗng: tệp zip không chứa gì (empty zip)")
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"tệp .docx có quá nhiều thành phần ({len(infos)} > {MAX_MEMBERS})")
        total = 0
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            total += info.file_size
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ReadError(f"tệp .docx đáng ngờ (zip bomb?): '{info.filename}' nén {info.compress_size} byte "
                                f"thành {info.file_size} byte (compression ratio over {MAX_RATIO})")
            if info.flag_bits & 0x1:
                raise ReadError("tệp .docx có thành phần mã hóa (encrypted zip member)")
            self.infos[info.filename.lstrip("/")] = info
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise ReadError(f"tệp .docx quá lớn khi giải nén ({total // 2**20} MB > "
                            f"{MAX_TOTAL_UNCOMPRESSED // 2**20} MB)")

    def has(self, name: str) -> bool:
        return name.lstrip("/") in self.infos

    def size(self, name: str) -> int | None:
        info = self.infos.get(name.lstrip("/"))
        return None if info is None else info.file_size

    def read(self, name: str, limit: int | None = None) -> bytes | None:
        """The part's bytes; with `limit`, only its first `limit` bytes (what is past them is not decompressed)."""
        info = self.infos.get(name.lstrip("/"))
        if info is None:
            return None
        try:
            with self.zf.open(info) as fh:
                raw = fh.read(MAX_PART + 1 if limit is None else min(limit, MAX_PART + 1))
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise ReadError(f"tệp .docx hỏng: không đọc được '{name}' ({one_line(exc)})") from None
        except Exception as exc:  # noqa: BLE001 - zlib.error and friends
            raise ReadError(f"tệp .docx hỏng: không giải nén được '{name}' ({type(exc).__name__})") from None
        if len(raw) > MAX_PART:
            raise ReadError(f"thành phần '{name}' quá lớn (> {MAX_PART // 2**20} MB)")
        if len(raw) > RATIO_MIN_SIZE and len(raw) > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(f"tệp .docx đáng ngờ (zip bomb?): '{name}' (compression ratio over {MAX_RATIO})")
        return raw

    def xml(self, name: str | None):
        if not name:
            return None
        raw = self.read(name)
        if raw is None:
            return None
        return parse_xml(raw, name)

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type (last path segment) -> target part name, for `part` ('' for the package)."""
        folder, _, base = part.rpartition("/")
        rel_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        root = self.xml(rel_name)
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(_REL_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            rtype = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                parts = (folder.split("/") if folder else []) + target.split("/")
                stack: list[str] = []
                for piece in parts:
                    if piece == "..":
                        if stack:
                            stack.pop()
                    elif piece and piece != ".":
                        stack.append(piece)
                name = "/".join(stack)
            out.setdefault(rtype, name)
        return out


def parse_xml(raw: bytes, name: str = "xml"):
    head = raw[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError(f"'{name}' chứa khai báo DOCTYPE/ENTITY, không hợp lệ trong .docx (unsafe XML refused)")
    if _STRICT_NS in raw:
        raw = raw.replace(_STRICT_NS, W_NS.encode())
    try:
        return etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"XML hỏng trong '{name}' (malformed XML: {one_line(exc)})") from None


# ---------------------------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class RunProps:
    """Run properties, each inherited on its own (None: not set at this level). Fonts as w:rFonts gives
    them: Word draws ASCII characters with the `ascii` font and the others (every Vietnamese letter of a
    legacy font) with the `hansi` one; "" for a theme font."""
    hansi: str | None = None
    ascii: str | None = None
    caps: bool | None = None
    vanish: bool | None = None

    @property
    def font(self) -> str | None:
        """The font that decides a legacy encoding: the one for non-ASCII characters, else the ASCII one
        (files that name only w:ascii)."""
        return self.hansi if self.hansi is not None else self.ascii

    def merged(self, other: RunProps) -> RunProps:
        return RunProps(
            hansi=other.hansi if other.hansi is not None else self.hansi,
            ascii=other.ascii if other.ascii is not None else self.ascii,
            caps=other.caps if other.caps is not None else self.caps,
            vanish=other.vanish if other.vanish is not None else self.vanish,
        )


def _rpr(el, kids: dict | None = None) -> RunProps:
    """The run properties a w:rPr sets; `kids`: its first_children when already read."""
    props = RunProps()
    if el is None:
        return props
    if kids is None:
        kids = first_children(el)
    fonts = kids.get(W + "rFonts")
    if fonts is not None:       # a theme font (Cambria, Times New Roman …) is never a legacy one: ""
        props.hansi = "" if fonts.get(W + "hAnsiTheme") else fonts.get(W + "hAnsi")
        props.ascii = "" if fonts.get(W + "asciiTheme") else fonts.get(W + "ascii")
    caps = kids.get(W + "caps")
    if caps is not None:
        props.caps = _flag(caps)
    vanish = kids.get(W + "vanish")
    if vanish is not None:
        props.vanish = _flag(vanish)
    return props


_STYLE_TAG = rx.compile(rb"<w:style\b[^>]*>")
_STYLE_ID = rx.compile(rb'w:styleId="([^"]*)"')
_STYLE_DEFAULT = rx.compile(rb'w:default="(?:1|true|on)"')
_STYLE_REF = rx.compile(rb'<w:(?:pStyle|rStyle|numStyleLink|styleLink|basedOn) w:val="([^"]*)"')
_W_DECL = b'xmlns:w="' + W[1:-1].encode() + b'"'
STYLES_HEAD = 64 * 1024    # read first: Word writes docDefaults and the default styles at the top


def read_styles(pkg: Package, name: str | None, refs: set[bytes]):
    """The styles a document uses (see styles_subset), decompressing only the first STYLES_HEAD bytes of
    styles.xml when they hold all of them: Word's styles.xml lists hundreds of styles (350 KB in python-docx's
    template), and docDefaults, the default paragraph style and the styles a plan uses usually come first."""
    size = pkg.size(name) if name else None
    if size is None:
        return None
    if size > STYLES_HEAD:
        found = styles_subset(pkg.read(name, limit=STYLES_HEAD), refs, name, head_only=True)
        if found is not None:
            return found
    return styles_subset(pkg.read(name), refs, name)


def styles_subset(raw: bytes | None, refs: set[bytes], name: str = "styles.xml", head_only: bool = False):
    """Parse only the styles a document uses (and their basedOn chains), the default paragraph style and
    docDefaults, inside a synthesised <w:styles>, in the order of the file.

    The chunks are found by their start tags and parsed alone. The first definition of a style id counts,
    and the first default paragraph style, as when the whole part is parsed (see Styles), so that the
    result does not depend on how much of the part was read. `head_only`: `raw` is the beginning of the
    part; None when something needed may lie past it. Falls back to parsing the whole part when it does not
    use the usual 'w' prefix or looks unusual.
    """
    if raw is None:
        return None
    if _W_DECL not in raw[:4096] or b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw[:4096]:
        return None if head_only else parse_xml(raw, name)
    starts: dict[bytes, int] = {}
    default: bytes | None = None
    for m in _STYLE_TAG.finditer(raw):
        tag = m.group(0)
        sid = _STYLE_ID.search(tag)
        if sid is None or sid.group(1) in starts:
            continue
        starts[sid.group(1)] = m.start()
        if default is None and b'w:type="paragraph"' in tag and _STYLE_DEFAULT.search(tag):
            default = sid.group(1)
    if head_only and default is None:
        return None
    wanted = sorted(refs) + ([default] if default is not None else [])
    chunks: list[tuple[int, bytes]] = []
    dd = raw.find(b"<w:docDefaults")
    if dd >= 0:
        end = raw.find(b"</w:docDefaults>", dd)
        if end < 0:
            return None if head_only else parse_xml(raw, name)
        chunks.append((dd, raw[dd:end + len(b"</w:docDefaults>")]))
    elif head_only:
        return None
    done: set[bytes] = set()
    while wanted:
        sid = wanted.pop()
        if sid in done:
            continue
        if sid not in starts:
            if head_only:
                return None         # defined further on, or nowhere: only the whole part can tell
            continue
        done.add(sid)
        begin = starts[sid]
        end = raw.find(b"</w:style>", begin)
        if end < 0:
            return None if head_only else parse_xml(raw, name)
        chunk = raw[begin:end + len(b"</w:style>")]
        chunks.append((begin, chunk))
        wanted.extend(r.group(1) for r in _STYLE_REF.finditer(chunk) if r.group(1) not in done)
    root_at = raw.find(b"<w:styles", 0, 4096)
    root_end = raw.find(b">", root_at)
    if root_at < 0 or root_end < 0:
        return None if head_only else parse_xml(raw, name)
    head = raw[root_at:root_end + 1]
    chunks.sort()
    return parse_xml(head + b"".join(c for _, c in chunks) + b"</w:styles>", name)


class Styles:
    def __init__(self, root):
        self.based: dict[str, str] = {}
        self.own_rpr: dict[str, RunProps] = {}
        self.own_num: dict[str, tuple[str | None, int | None]] = {}
        self.own_ind: dict[str, Indent] = {}
        self.default_para: str | None = None
        self.defaults = RunProps()
        self.default_ind: Indent | None = None
        self._rp_cache: dict[str | None, RunProps] = {}
        self._num_cache: dict[str, tuple[str | None, int | None, str | None]] = {}
        if root is None:
            return
        dd = first_child(root, W + "docDefaults")
        if dd is not None:
            rpd = first_child(dd, W + "rPrDefault")
            if rpd is not None:
                self.defaults = _rpr(first_child(rpd, RPR))
            ppd = first_child(dd, W + "pPrDefault")
            ppd = first_child(ppd, PPR) if ppd is not None else None
            if ppd is not None:
                self.default_ind = indent_of(first_child(ppd, IND))
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid or sid in self.own_rpr:
                continue            # the first definition of an id counts (a damaged file may repeat one)
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on") \
                    and self.default_para is None:
                self.default_para = sid
            based = first_child(st, W + "basedOn")
            if based is not None and based.get(W + "val"):
                self.based[sid] = based.get(W + "val")
            self.own_rpr[sid] = _rpr(first_child(st, RPR))
            ppr = first_child(st, PPR)
            if ppr is not None:
                ind = indent_of(first_child(ppr, IND))
                if ind is not None:
                    self.own_ind[sid] = ind
                numpr = first_child(ppr, W + "numPr")
                if numpr is not None:
                    nid = first_child(numpr, W + "numId")
                    ilvl = first_child(numpr, W + "ilvl")
                    self.own_num[sid] = (
                        nid.get(W + "val") if nid is not None else None,
                        int(ilvl.get(W + "val", "0")) if ilvl is not None and ilvl.get(W + "val", "0").isdigit()
                        else None,
                    )

    def chain(self, sid: str | None) -> list[str]:
        out: list[str] = []
        while sid and sid not in out and len(out) < 32:
            out.append(sid)
            sid = self.based.get(sid)
        return out

    def run_props(self, sid: str | None) -> RunProps:
        """Properties a style gives its runs (docDefaults, then the basedOn chain from the root down)."""
        cached = self._rp_cache.get(sid)
        if cached is not None:
            return cached
        props = self.defaults
        for s in reversed(self.chain(sid)):
            props = props.merged(self.own_rpr.get(s, RunProps()))
        self._rp_cache[sid] = props
        return props

    def char_props(self, sid: str) -> RunProps:
        props = RunProps()
        for s in reversed(self.chain(sid)):
            props = props.merged(self.own_rpr.get(s, RunProps()))
        return props

    def indents(self, sid: str | None) -> list[Indent | None]:
        """The w:ind a style gives its paragraphs, the strongest first: its own, its basedOn chain's, docDefaults'."""
        return [self.own_ind.get(s) for s in self.chain(sid)] + [self.default_ind]

    def numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that carries the numPr) inherited through basedOn."""
        if not sid:
            return None, None, None
        cached = self._num_cache.get(sid)
        if cached is not None:
            return cached
        num_id = ilvl = origin = None
        for s in self.chain(sid):
            if s in self.own_num:
                n, lv = self.own_num[s]
                if num_id is None and n is not None:
                    num_id, origin = n, s
                if ilvl is None and lv is not None:
                    ilvl = lv
                if num_id is not None and ilvl is not None:
                    break
        result = (num_id, ilvl, origin)
        self._num_cache[sid] = result
        return result


# ---------------------------------------------------------------------------------------------------------
# Text of paragraphs
# ---------------------------------------------------------------------------------------------------------

class Notes:
    """Footnotes or endnotes: id -> element, numbered in order of first reference."""

    def __init__(self, root, kind: str, fmt: str, start: int):
        self.by_id: dict[str, object] = {}
        self.fmt, self.next_no = fmt, start
        self.order: list[tuple[str, str]] = []   # (label, id)
        self.labels: dict[str, str] = {}
        if root is not None:
            for note in root.iter(W + kind):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                nid = note.get(W + "id")
                if nid is not None:
                    self.by_id[nid] = note

    def reference(self, nid: str | None, custom: str | None) -> str:
        if custom:
            label = custom
        elif nid in self.labels:
            return self.labels[nid]
        else:
            label = format_number(self.next_no, self.fmt)
            self.next_no += 1
        if nid is not None and nid not in self.labels:
            self.labels[nid] = label
            self.order.append((label, nid))
        return label


class Reader:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self._indents_cache: dict[tuple[int, str | None, bool], tuple[list[Indent | None], int]] = {}
        rels_pkg = pkg.rels("")
        self.main = rels_pkg.get("officeDocument") or "word/document.xml"
        if not pkg.has(self.main):
            if pkg.has("xl/workbook.xml"):
                raise ReadError("đây là tệp Excel (.xlsx) mang đuôi .docx (an Excel workbook, not a Word file)")
            if pkg.has("ppt/presentation.xml"):
                raise ReadError("đây là tệp PowerPoint mang đuôi .docx (a PowerPoint file, not a Word file)")
            raise ReadError("tệp .docx không có phần nội dung chính word/document.xml (no main document part)")
        rels = pkg.rels(self.main)
        folder = self.main.rpartition("/")[0]

        def part(kind: str, default: str) -> str | None:
            name = rels.get(kind)
            if name:
                return name
            guess = f"{folder}/{default}" if folder else default
            return guess if pkg.has(guess) else None

        self.main_raw = pkg.read(self.main) or b""
        numbering_raw = pkg.read(part("numbering", "numbering.xml") or "")
        refs = set(_STYLE_REF.findall(self.main_raw))
        body_styles = {r.decode("utf-8", "replace") for r in refs}
        if numbering_raw:
            refs.update(_STYLE_REF.findall(numbering_raw))
        notes_raw = {k: pkg.read(part(k, f"{k}.xml") or "") for k in ("footnotes", "endnotes", "comments")}
        for raw in notes_raw.values():
            if raw:
                refs.update(_STYLE_REF.findall(raw))
        styles_name = part("styles", "styles.xml")
        self.styles = Styles(read_styles(pkg, styles_name, refs))
        # the lists are read only when a paragraph, or a style the body uses, is numbered (typed labels need none)
        numbered = b"numPr" in self.main_raw or any(
            s in self.styles.own_num for u in body_styles | {self.styles.default_para} for s in self.styles.chain(u))
        self.numbering = Numbering(parse_xml(numbering_raw, "numbering.xml") if numbering_raw and numbered else None,
                                   {sid: v for sid, v in self.styles.own_num.items()})
        fn_fmt, fn_start, en_fmt, en_start = "decimal", 1, "lowerRoman", 1
        # the document's note numbering (settings.xml), then the section's, which Word's Footnote dialog
        # writes (read from the bytes: the body is read only later)
        for props in (pkg.xml(part("settings", "settings.xml")), _notes_section(self.main_raw)):
            if props is None:
                continue
            fpr = first_child(props, W + "footnotePr")
            if fpr is not None:
                fn_fmt = _child_val(fpr, "numFmt") or fn_fmt
                fn_start = _int(_child_val(fpr, "numStart"), fn_start)
            epr = first_child(props, W + "endnotePr")
            if epr is not None:
                en_fmt = _child_val(epr, "numFmt") or en_fmt
                en_start = _int(_child_val(epr, "numStart"), en_start)
        def notes_root(kind: str):
            raw = notes_raw[kind]
            return parse_xml(raw, f"{kind}.xml") if raw else None

        self.footnotes = Notes(notes_root("footnotes"), "footnote", fn_fmt, fn_start)
        self.endnotes = Notes(notes_root("endnotes"), "endnote", en_fmt, en_start)
        self.fields: list[bool] = []   # field stack: True while in the instruction part
        self._textboxes: list = []     # w:txbxContent met in the paragraph being read
        self._joined: list[tuple[str, list[str], int]] = []   # paragraphs whose mark is deleted, for the next
        self._notes_mode = False
        self.comment_text: dict[str, str] = {}
        croot = notes_root("comments")
        if croot is not None:
            for c in croot.iter(W + "comment"):
                cid = c.get(W + "id")
                if cid is not None:
                    self.comment_text[cid] = " ".join(
                        t for t in (self._plain(p) for p in c.iter(P)) if t).strip()
        self.blocks: list[Block] = []
        self.para_no = 0
        self.table_no = 0
        self.comments_seen: set[str] = set()

    # --- text of one paragraph ------------------------------------------------------------------------------
    def _para_text(self, p, comments: list[str] | None, props: dict | None = None) -> tuple[str, str | None]:
        """(text with '\\n' for line breaks, paragraph style id); `props`: first_children of its w:pPr."""
        if props is None:
            ppr = first_child(p, PPR)
            props = first_children(ppr) if ppr is not None else {}
        sid = None
        ps = props.get(PSTYLE)
        if ps is not None:
            sid = ps.get(VAL)
        style = sid or self.styles.default_para
        base = self.styles.run_props(style)
        out: list[str] = []
        self._walk(p, out, base, comments)
        return "".join(out), style

    def _walk(self, el, out: list[str], base: RunProps, comments: list[str] | None) -> None:
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, out, base, comments)
            elif tag in _THROUGH:
                self._walk(child, out, base, comments)
            elif tag == SDT:
                content = first_child(child, SDTCONTENT)
                if content is not None:
                    self._walk(content, out, base, comments)
            elif tag == W + "commentRangeStart":
                self._comment(child.get(W + "id"), comments)
            elif (tag == _M + "oMath" or tag == _M + "oMathPara") and not any(self.fields):
                out.append("".join(t.text or "" for t in child.iter(_M + "t")))
            # DEL, MOVEFROM, pPr, bookmarks, proofErr, permStart ...: nothing visible

    def _comment(self, cid: str | None, comments: list[str] | None) -> None:
        if comments is None or cid is None or cid in self.comments_seen:
            return
        self.comments_seen.add(cid)
        text = self.comment_text.get(cid)
        if text is not None:
            comments.append(text)

    def _run(self, r, out: list[str], base: RunProps, comments: list[str] | None) -> None:
        rpr = first_child(r, RPR)
        props = base
        if rpr is not None and len(rpr):
            kids = first_children(rpr)
            rs = kids.get(W + "rStyle")
            if rs is not None and rs.get(VAL):
                props = props.merged(self.styles.char_props(rs.get(VAL)))
            props = props.merged(_rpr(rpr, kids))
        if props.vanish:
            # hidden text shows nothing, but a field's begin/separate/end marks in it still count: Word hides
            # a field's instruction together with its separator, and the result after them is shown
            for child in r:
                if child.tag == FLDCHAR:
                    self._field_char(child)
            return
        enc = encoding_of_font(props.font)
        pieces: list[str] = []
        custom_pending: list | None = None
        for child in r:
            tag = child.tag
            if tag == T:
                if any(self.fields):
                    continue
                text = child.text or ""
                if custom_pending is not None:
                    custom_pending.append(text)
                    continue
                pieces.append(text.replace("\n", " ").replace("\r", " "))
            elif tag == FLDCHAR:
                self._field_char(child)
            elif any(self.fields):
                continue
            elif tag == W + "tab" or tag == W + "ptab":
                pieces.append("\t")
            elif tag == W + "br" or tag == W + "cr":
                pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char") or ""
                try:
                    cp = int(code, 16)
                except ValueError:
                    continue
                if cp >= 0xF000:
                    cp -= 0xF000
                shown = symbol_char(child.get(W + "font"), cp)    # Symbol, Wingdings: by the font's table
                if shown is None:           # another font: its bullets as bullets, else the code's character
                    shown = {0x2D: "-", 0xB7: "•", 0xA7: "▪", 0xD8: "➢"}.get(cp, chr(cp) if cp >= 0x20 else "")
                pieces.append(shown)
            elif tag == W + "footnoteReference" or tag == W + "endnoteReference":
                if self._notes_mode:
                    continue
                notes = self.footnotes if tag == W + "footnoteReference" else self.endnotes
                if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                    custom_pending = [notes, child.get(W + "id")]
                    continue
                pieces.append(f"[{notes.reference(child.get(W + 'id'), None)}]")
            elif tag == W + "commentReference":
                self._comment(child.get(W + "id"), comments)
            elif tag in _SHAPES and not self._notes_mode:
                self._textboxes.extend(_text_boxes(child))
            # t inside delText, footnoteRef, drawing, pict, object, lastRenderedPageBreak: not text
        if custom_pending is not None:
            notes, nid = custom_pending[0], custom_pending[1]
            mark = "".join(custom_pending[2:]).strip() or "*"
            pieces.append(f"[{notes.reference(nid, mark)}]")
        text = "".join(pieces)
        if not text:
            return
        if enc:
            text = convert(text, enc)
        if props.caps:
            text = text.upper()
        out.append(text)

    def _field_char(self, fld) -> None:
        """A field's begin, separate or end: the instruction (begin to separate) is not shown, the result is."""
        kind = fld.get(W + "fldCharType")
        if kind == "begin":
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _plain(self, p) -> str:
        """Text of a paragraph in a note or comment (no numbering, no notes, own field state)."""
        saved_fields, saved_mode = self.fields, self._notes_mode
        self.fields, self._notes_mode = [], True
        try:
            text, _ = self._para_text(p, None)
        finally:
            self.fields, self._notes_mode = saved_fields, saved_mode
        return text.replace("\n", " ").strip()

    # --- numbering ------------------------------------------------------------------------------------------
    def _label(self, props: dict, style: str | None) -> tuple[str, int | None]:
        """The number Word shows before the paragraph ("" for none) and where it stands (see
        Block.number_at; None without a number); `props`: first_children of its w:pPr."""
        num_id = ilvl = None
        numpr = props.get(NUMPR)
        if numpr is not None:
            parts = first_children(numpr)
            n = parts.get(NUMID)
            lv = parts.get(ILVL)
            if n is not None:
                num_id = n.get(VAL)
            if lv is not None:
                ilvl = _int(lv.get(VAL), 0)
        from_style = False
        if num_id is None and style:
            s_num, s_ilvl, origin = self.styles.numbering(style)
            if s_num is not None:
                num_id = s_num
                from_style = True
                if ilvl is None:
                    ilvl = s_ilvl
                if ilvl is None:
                    linked = self.numbering.level_for_style(s_num, style)
                    if linked is None and origin:
                        linked = self.numbering.level_for_style(s_num, origin)
                    ilvl = linked
        elif num_id is not None and ilvl is None and style:
            ilvl = self.numbering.level_for_style(num_id, style)
        if num_id is None:
            return "", None
        got = self.numbering.label(num_id, ilvl or 0)
        if got is None:
            return "", None
        text, lvl = got
        if lvl.hidden:
            return "", None             # counted (label() advanced the list), not shown
        enc = encoding_of_font(lvl.font) if lvl.font else encoding_of_font(self.styles.run_props(style).font)
        if enc and lvl.fmt != "bullet":
            text = convert(text, enc)
        if not text:
            return "", None
        if not is_decimal(lvl.fmt) and not lvl.legal:
            return text, None          # a bullet, letter or Roman numeral: its printed form gives its level
        return text, self._number_at(props.get(IND), lvl, style, from_style)

    def _number_at(self, direct, lvl: Level, style: str | None, from_style: bool) -> int:
        """Where the number stands, from the w:ind that apply, the strongest first: the paragraph's own; then,
        as Word does, the list level's before the style chain's when the paragraph names its list itself
        (the level's w:ind counts as direct formatting), the style chain's first when the list comes with the
        style. Kept per level and style for paragraphs without their own."""
        key = (id(lvl), style, from_style)
        got = self._indents_cache.get(key)
        if got is None:
            chain = self.styles.indents(style)          # the style chain's, then docDefaults'
            level = indent_of(lvl.ind)
            inherited = chain[:-1] + [level, chain[-1]] if from_style else [level, *chain]
            got = self._indents_cache[key] = (inherited, number_position(inherited))
        if direct is not None:
            return number_position([indent_of(direct), *got[0]])
        return got[1]

    # --- body -----------------------------------------------------------------------------------------------
    def paragraph(self, p, loc: tuple[int | None, int | None, int | None], depth: int = 0) -> None:
        self.para_no += 1
        comments: list[str] = []
        outer_boxes, self._textboxes = self._textboxes, []
        ppr = first_child(p, PPR)
        props = first_children(ppr) if ppr is not None else {}
        try:
            text, style = self._para_text(p, comments, props)
            boxes = self._textboxes
        finally:
            self._textboxes = outer_boxes
        mark = props.get(RPR)
        mark_gone = mark is not None and (first_child(mark, DEL) is not None or first_child(mark, MOVEFROM) is not None)
        if not text and not boxes:
            if mark_gone:
                return  # a deleted or moved-away paragraph (tracked): nothing on the page, its number not counted
            if self._mark_hidden(mark, style):
                self._label(props, style)   # hidden (w:vanish): its number is counted, nothing of it is shown
                return
        if mark_gone and not boxes:
            # only its mark is deleted (tracked): its text runs on into the next paragraph, whose mark (and so
            # properties and number) the two now share, as Word shows it
            self._joined.append((text, comments, self.para_no))
            return
        label, number_at = self._label(props, style)
        para = self.para_no
        if self._joined:
            para = self._joined[0][2]
            comments = [c for _, cs, _ in self._joined for c in cs] + comments
            text = "".join(t for t, _, _ in self._joined) + text
            self._joined = []
        if label:
            text = label + text if text else label.rstrip()  # a label alone: no trailing suffix
        self._emit(text, para, loc, comments, number_at)
        # Text boxes anchored in this paragraph: their paragraphs follow it
        if boxes:
            if depth >= MAX_TABLE_DEPTH:
                raise ReadError(f"khung văn bản lồng nhau quá sâu (text boxes nested over {MAX_TABLE_DEPTH} deep)")
            for box in boxes:
                self.container(box, loc, depth + 1)
                self.flush_joined(loc)

    def _emit(self, text: str, para: int, loc, comments: list[str], number_at: int | None = None) -> None:
        """The blocks of a paragraph: one per line (w:br), the first with its comments and number place."""
        table, row, cell = loc
        for i, line in enumerate(text.split("\n")):
            self.blocks.append(Block(text=line, line=len(self.blocks) + 1, para=para, table=table, row=row,
                                     cell=cell, comments=comments if i == 0 else [],
                                     number_at=number_at if i == 0 else None))

    def flush_joined(self, loc) -> None:
        """Text whose paragraph mark was deleted but that no paragraph follows in its cell, text box or body
        (a table comes next, or the end): it stays a paragraph of its own."""
        if self._joined:
            joined, self._joined = self._joined, []
            self._emit("".join(t for t, _, _ in joined), joined[0][2], loc, [c for _, cs, _ in joined for c in cs])

    def _mark_hidden(self, mark, style: str | None) -> bool:
        """Is the paragraph mark hidden text (w:vanish in its own run properties or its style's)? Then Word
        shows nothing of an empty paragraph, not even its number."""
        props = self.styles.run_props(style)
        if mark is not None and len(mark):
            props = props.merged(_rpr(mark))
        return bool(props.vanish)

    def container(self, el, loc, depth: int) -> None:
        """Block-level content: paragraphs, tables, content controls (body, cell, sdtContent)."""
        for child in el:
            tag = child.tag
            if tag == P:
                self.paragraph(child, loc, depth)
            elif tag == TBL:
                self.table(child, depth + 1, loc)
            elif tag == SDT or tag == CUSTOMXML:
                inner = first_child(child, SDTCONTENT) if tag == SDT else child
                if inner is not None:
                    self.container(inner, loc, depth)
            elif tag == INS or tag == MOVETO:
                self.container(child, loc, depth)

    def table(self, tbl, depth: int, loc=(None, None, None)) -> None:
        if depth > MAX_TABLE_DEPTH:
            raise ReadError(f"bảng lồng nhau quá sâu (tables nested over {MAX_TABLE_DEPTH} deep)")
        self.flush_joined(loc)
        self.table_no += 1
        tno = self.table_no
        row_no = 0
        for tr in _children(tbl, TR):
            col = 0
            trpr = first_child(tr, TRPR)
            if trpr is not None:
                if first_child(trpr, DEL) is not None:     # a deleted row (tracked): not on the page
                    self.para_no += sum(1 for _ in tr.iter(P))
                    continue
                col = _int(_child_val(trpr, "gridBefore"), 0)
            row_no += 1
            for tc in _children(tr, TC):
                span, merge = 1, None
                tcpr = first_child(tc, TCPR)
                if tcpr is not None:
                    props = first_children(tcpr)
                    grid = props.get(GRIDSPAN)
                    span = max(1, _int(grid.get(VAL), 1)) if grid is not None else 1
                    vm = props.get(VMERGE)
                    if vm is not None:
                        merge = vm.get(VAL, "continue")
                    hm = props.get(HMERGE)
                    if hm is not None and hm.get(VAL, "continue") == "continue":
                        col += span
                        self.para_no += sum(1 for _ in tc.iter(P))
                        continue
                cell_no = col + 1
                col += span
                if merge == "continue" and not _has_text(tc):
                    self.para_no += sum(1 for _ in tc.iter(P))  # paragraphs are counted, not shown
                    continue
                self.container(tc, (tno, row_no, cell_no), depth)
                self.flush_joined((tno, row_no, cell_no))


def _text_boxes(el) -> list:
    """The text-box contents of a drawing / VML picture / mc:AlternateContent (its first Choice that has
    any, else its Fallback: the two hold the same box twice)."""
    if el.tag == _MC + "AlternateContent":
        for branch in el:
            found = [t for t in branch.iter(TXBX)]
            if found:
                return _outermost(found)
        return []
    return _outermost(list(el.iter(TXBX)))


def _outermost(boxes: list) -> list:
    inner = {id(b) for box in boxes for b in box.iter(TXBX) if b is not box}
    return [b for b in boxes if id(b) not in inner]


_NOTES_SECT_PR = rx.compile(rb"<w:sectPr\b[^>]*>(?:(?!</w:sectPr>).)*?<w:(?:footnotePr|endnotePr)\b"
                            rb"(?:(?!</w:sectPr>).)*</w:sectPr>", re.DOTALL)


_ROOT_TAG = rx.compile(rb"<w:document\b[^>]*>")


def _notes_section(raw: bytes):
    """The first section properties (w:sectPr) that set how notes are numbered, parsed on their own; None
    without any. Word's Footnote dialog writes them there; a plan has one section, or sections alike."""
    if b"notePr" not in raw:
        return None
    found = _NOTES_SECT_PR.search(raw)
    if found is None:
        return None
    # under the document's own root start tag, which declares every prefix the fragment uses (r:, w14: …)
    root = _ROOT_TAG.search(raw, 0, 8192)
    head = root.group(0) if root else b"<w:document " + _W_DECL + b">"
    try:
        return etree.fromstring(head + found.group(0) + b"</w:document>", _parser())[0]
    except etree.XMLSyntaxError:
        return None


def _children(el, tag: str):
    """Rows of a table / cells of a row, also when wrapped in content controls or custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = first_child(child, SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (CUSTOMXML, INS, MOVETO):
            yield from _children(child, tag)


def _has_text(tc) -> bool:
    for t in tc.iter(T):
        if t.text and t.text.strip():
            return True
    return False


def _child_val(el, tag: str) -> str | None:
    child = first_child(el, W + tag)
    return None if child is None else child.get(W + "val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------------------------------------------------

_BODY_TAGS = (P, TBL, SDT, CUSTOMXML, INS, MOVETO)
STREAM_FROM = 8 * 2**20     # a main part larger than this is read element by element


def _iter_body(raw: bytes, name: str):
    """Top-level elements of w:body, in order. A main part of up to 8 MB is parsed at once (a third fewer
    instructions than a pull parser); a larger one element by element, each freed after use (bounded
    memory)."""
    if len(raw) <= STREAM_FROM:
        root = parse_xml(raw, name)
        seen_body = False
        for body in root.iter(BODY):
            seen_body = True
            for el in body:
                if el.tag in _BODY_TAGS:
                    yield el
        if not seen_body and b"<w:body" not in raw and BODY.encode() not in raw:
            raise ReadError(f"'{name}' không có phần thân w:body (no document body)")
        return
    head = raw[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError(f"'{name}' chứa khai báo DOCTYPE/ENTITY, không hợp lệ trong .docx (unsafe XML refused)")
    if _STRICT_NS in raw:
        raw = raw.replace(_STRICT_NS, W_NS.encode())
    ctx = etree.iterparse(io.BytesIO(raw), events=("end",), tag=_BODY_TAGS,
                          remove_comments=True, remove_pis=True, **_PARSER_KW)
    seen_body = False
    try:
        for _, el in ctx:
            parent = el.getparent()
            if parent is None or parent.tag != BODY:
                continue
            seen_body = True
            yield el
            el.clear(keep_tail=True)
            while el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"XML hỏng trong '{name}' (malformed XML: {one_line(exc)})") from None
    if not seen_body and b"<w:body" not in raw and BODY.encode() not in raw:
        raise ReadError(f"'{name}' không có phần thân w:body (no document body)")


def read_docx(data: bytes) -> tuple[list[Block], list[tuple[str, str]]]:
    """Blocks of a .docx, and its footnotes and endnotes as (label, text) in order of reference."""
    pkg = Package(data)
    reader = Reader(pkg)
    raw, reader.main_raw = reader.main_raw, b""
    for el in _iter_body(raw, reader.main):
        reader.container([el], (None, None, None), 0)  # type: ignore[arg-type]
    reader.flush_joined((None, None, None))
    if b"altChunk" in raw and not any(b.text.strip() for b in reader.blocks):
        raise ReadError("tệp .docx chỉ nhúng nội dung ở dạng khác (altChunk, thường là HTML) mà Word chuyển khi mở: "
                        "hãy mở và lưu lại bằng Word hoặc LibreOffice (content only in altChunk parts)")
    notes: list[tuple[str, str]] = []
    for coll in (reader.footnotes, reader.endnotes):
        for label, nid in coll.order:
            note = coll.by_id.get(nid)
            if note is None:
                continue
            text = " ".join(t for t in (reader._plain(p) for p in note.iter(P)) if t).strip()  # type: ignore[attr-defined]
            notes.append((label, text))
    return reader.blocks, notes
