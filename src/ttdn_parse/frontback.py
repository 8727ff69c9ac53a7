"""Front and back matter: header (Nghị định 30/2020 components), title, attachment line, preamble; closing,
Nơi nhận, signature, footnotes; and what is derived from the whole plan (province, period, budget)."""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date
from typing import TYPE_CHECKING

from . import rx
from .labels import UPPER, is_position_text, is_separator, is_upper_line, match_authority, match_doc_type, match_footnote, \
    match_recipients
from .models import Budget, Footnote, Header, Period, Plan, Preamble, Recipient
from .normalise import clean_spaces, fix_tones, strip_field_codes, wrap_separator

if TYPE_CHECKING:
    from .lexer import Tok
    from .pipeline import _Builder

_DRAFT = rx.compile(r"^\(?\s*(?:BẢN\s+)?DỰ THẢO(?:\s+(?:LẦN\s+)?\d+)?\s*\)?$", re.IGNORECASE)
_SO = rx.compile(r"^Số\s*[:.]?\s*(?P<sym>.*)$")
_DATE_LINE = rx.compile(
    r"^(?:(?P<place>[^,\d]{2,40}?),\s*)?ngày\s+(?P<d>\d{1,2}|[.…\s]*)\s*(?:tháng|/)\s*(?P<m>\d{1,2}|[.…\s]*)\s*"
    r"(?:năm|/)\s*(?P<y>\d{4})", re.IGNORECASE)
_NATIONAL = rx.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM")
_MOTTO = rx.compile(r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc", re.IGNORECASE)
_ATTACHED = rx.compile(r"\bsố\s*:?\s*(?P<sym>\d[\w./\-Đđ& ]*?[\wĐđ])(?=\s*(?:ngày|của|\)|,|;|$))", re.IGNORECASE)
_PLACE_END = rx.compile(r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|TRUNG ƯƠNG)\s+\S+", re.IGNORECASE)
_YEAR_RANGE = rx.compile(r"(?:năm|giai đoạn|NĂM|GIAI ĐOẠN)\s+(\d{4})(?:\s*[-–—]\s*(\d{4}))?")
_BARE_RANGE = rx.compile(r"\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b")
_PROVINCE = rx.compile(rf"\b(?:tỉnh|TỈNH|Tỉnh|thành phố|THÀNH PHỐ|Thành phố)\s+((?:[{UPPER}][\w]*(?:\s*-\s*|\s+)?){{1,4}})")
_FIRST_SENTENCE = rx.compile(r"(?<=[.!?])\s+(?=[" + UPPER + r"])")
_AMOUNT = rx.compile(r"(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(?P<unit>tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND|đ\b)"
                     r"|(?P<num2>\d{1,3}(?:\.\d{3}){2,})\s*(?=\(|$|\.|,)")
_SOURCE = rx.compile(r"\b(?:[Nn]gân sách\s+(?:[Nn]hà nước|Đảng|tỉnh|[Tt]rung ương|địa phương|thành phố|huyện|xã|cấp tỉnh)"
                     r"|[Nn]guồn xã hội hóa)")
_MOTTO_TEXTS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_NON_NAME = {"NĂM", "năm", "Năm", "GIAI", "giai", "VỀ", "về", "TRONG", "trong", "THEO", "theo", "VÀ", "và", "ĐẾN"}


def fill_front(plan: Plan, b: _Builder, toks: list[Tok]) -> None:
    header = plan.header
    lines = b.lines
    header_lines = [t.line for t in toks if t.type == "HEADER"]
    title_lines = [t.line for t in toks if t.type == "TITLE" and not is_separator(lines[t.line].text)]
    attach_lines = [t.line for t in toks if t.type == "ATTACH"]
    pre_lines = [t.line for t in toks if t.type == "PRE"]
    doc_type = [t.line for t in toks if t.type == "DOCTYPE"]

    issuer: list[str] = []
    for i in header_lines:
        text = lines[i].text.strip()
        if not text or is_separator(text):
            continue
        m = _SO.match(text)
        if m and not header.symbol:
            _set_symbol(header, m.group("sym"))
            continue
        d = _DATE_LINE.match(text)
        if d and header.date_text is None:
            header.date_text = text
            header.place = (d.group("place") or "").strip() or None
            header.date = _date(d.group("y"), d.group("m"), d.group("d"))
            continue
        if _NATIONAL.search(text) or _MOTTO.search(text) or _motto_fragment(text):
            header.national_motto = header.national_motto or bool(_MOTTO.search(text))
            continue
        if _DRAFT.match(text):
            header.draft = True            # "DỰ THẢO" stamp: not part of the issuer's name
            continue
        if is_upper_line(text):
            issuer.append(text)
    if issuer:
        # "UBND TỈNH X" above "SỞ …": the first line is a whole body (it names its place), so it is the
        # cơ quan chủ quản and the rest the issuing body; "ỦY BAN NHÂN DÂN" / "TỈNH X" is one wrapped name.
        if len(issuer) > 1 and _PLACE_END.search(issuer[0]):
            header.parent_issuer = issuer[0]
            header.issuer = " ".join(issuer[1:])
        else:
            header.issuer = " ".join(issuer)
    if doc_type:
        header.doc_type = match_doc_type(lines[doc_type[0]].text)
    if title_lines:
        header.title = " ".join(lines[i].text for i in title_lines)
        b.maps["title"] = b.textmap(title_lines, sep=" ")
    if attach_lines:
        text = " ".join(lines[i].text for i in attach_lines)
        header.attachment_text = text
        m = _ATTACHED.search(text)
        header.attached_to = m.group("sym").replace(" ", "") if m else None
        b.maps["header"] = b.textmap(attach_lines, sep=" ")
    spans = header_lines + doc_type + title_lines + attach_lines
    if spans:
        header.span = b.span(min(spans), max(spans))
    if pre_lines:
        plan.preamble = Preamble.new(text="\n".join(lines[i].text for i in pre_lines),
                                     span=b.span(pre_lines[0], pre_lines[-1]))
        b.maps["preamble"] = b.textmap(pre_lines)


def _motto_fragment(text: str) -> bool:
    """A piece of the Quốc hiệu or Tiêu ngữ printed on its own line ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM")."""
    t = " ".join(text.split())
    return len(t) >= 8 and any(t in whole for whole in _MOTTO_TEXTS)


def _set_symbol(header: Header, raw: str) -> None:
    sym = raw.strip().rstrip(".;,")
    if not sym:
        return
    header.symbol = sym
    m = rx.match(r"^(\d+)\s*([-/].*)?$", sym)
    if m:
        header.number = m.group(1)
        rest = (m.group(2) or "").strip()
        header.code = rest[1:].strip().replace(" ", "") or None if rest else None
    else:
        header.number = None
        header.code = sym.lstrip("/. ").replace(" ", "") or None


def _date(y: str | None, m: str | None, d: str | None) -> date | None:
    try:
        return date(int(y), int(m), int(d)) if y and m and d and m.strip().isdigit() and d.strip().isdigit() else None
    except ValueError:
        return None


def fill_back(plan: Plan, b: _Builder, kind: str, toks: list[Tok]) -> None:
    lines = b.lines
    idx = [t.line for t in toks]
    if kind == "closing":
        text = "\n".join(lines[i].text for i in idx)
        if plan.closing is None:
            plan.closing = Preamble.new(text=text, span=b.span(idx[0], idx[-1]))
            b.maps["closing"] = b.textmap(idx)
        else:   # a second closing paragraph group: keep it with the first
            plan.closing.text += "\n" + text
            plan.closing.span.end_line = b.span(idx[-1]).end_line
    elif kind == "recipients":
        head_rest = match_recipients(lines[idx[0]].text) or ""
        entries: list[tuple[str, list[int]]] = []
        if head_rest.strip():
            entries.append((head_rest, [idx[0]]))
        for i in idx[1:]:
            text = lines[i].text
            if text.startswith(("-", "+")) or not entries:
                entries.append((text, [i]))
            else:
                prev_text, prev_idx = entries[-1]    # a wrapped entry ("Đài PT-" / "TH Đắk Nông;")
                entries[-1] = (prev_text + wrap_separator(prev_text, text) + text, prev_idx + [i])
        for text, where in entries:
            clean = rx.sub(r"^[-+•]\s*", "", text).strip().rstrip(";,.:").strip()
            if clean:
                span = b.span(where[0], where[-1])
                plan.recipients.append(Recipient.new(text=clean, span=span))
    elif kind == "signature":
        _signature(plan, b, idx)


def _signature(plan: Plan, b: _Builder, idx: list[int]) -> None:
    sig = plan.signature
    texts = [b.lines[i].text for i in idx]
    position: list[str] = []
    for text in texts:
        auth = match_authority(text)
        if auth:
            sig.authority, sig.authority_line = auth[0], text
            position = []
            continue
        if text.startswith("(") and text.endswith(")"):
            sig.signed_mark = sig.signed_mark or "ký" in text.lower()
            continue
        if is_position_text(text):
            position.append(text)
            continue
        if len(text) > 3 and sig.name is None:
            sig.name = text
    if position:
        sig.position = " ".join(position)
    sig.span = b.span(idx[0], idx[-1]) if sig.span is None else sig.span


def fill_footnotes(plan: Plan, b: _Builder, footnote_lines: list[int]) -> None:
    for i in footnote_lines:
        found = match_footnote(b.lines[i].text)
        if not found:
            continue
        label, text = found
        text = text.strip().rstrip(".;,:").strip()
        plan.footnotes.append(Footnote.new(label=label, text=text, span=b.span(i)))
        b.maps[f"fn:{label}"] = b.textmap([i])
    for label, text in b.doc.footnotes:     # Word's own footnotes/endnotes, normalised as the body's lines are
        text = clean_spaces(strip_field_codes(fix_tones(text)))
        plan.footnotes.append(Footnote.new(label=label, text=text.strip().rstrip(".;,:").strip()))


def derive(plan: Plan, b: _Builder) -> None:
    h = plan.header
    h.period = _period(h.title or "")
    h.province = _province(plan)
    plan.budget = _budget(plan)


def _period(title: str) -> Period:
    m = _YEAR_RANGE.search(title)
    if m:
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) else start
        return Period.new(start=start, end=end)
    m = _BARE_RANGE.search(title)
    if m:
        return Period.new(start=int(m.group(1)), end=int(m.group(2)))
    return Period.new()


def _province_name(raw: str) -> str | None:
    words = []
    for w in rx.split(r"\s+", raw.strip()):
        if not w or w in _NON_NAME or w[0].isdigit():
            break
        words.append(w)
    if not words:
        return None
    name = " ".join(words).strip(" -,.;:")
    if is_upper_line(name):
        name = " ".join(p.capitalize() if p != "-" else p for p in name.split(" "))
    return _known_province(name)


@lru_cache(maxsize=1)
def _province_names() -> tuple[str, ...]:
    from .reorg import provinces

    return tuple(rx.longest_first(provinces()))


def _known_province(name: str) -> str | None:
    """The longest known province name that `name` starts with ("Bình Định năm" -> "Bình Định")."""
    for candidate in _province_names():
        if name == candidate or name.startswith(candidate + " "):
            return candidate
    return None


def _province(plan: Plan) -> str | None:
    h = plan.header
    for text in (h.title or "", h.issuer or "", h.parent_issuer or ""):      # "ĐẢNG BỘ TỈNH GIA LAI / TỈNH ỦY"
        for m in _PROVINCE.finditer(text):
            name = _province_name(m.group(1))
            if name:
                return name
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    texts = [plan.preamble.text, plan.header.attachment_text or ""] + [n.text for n in plan.walk()]
    k = 0
    for text in texts:
        for m in _PROVINCE.finditer(text):
            name = _province_name(m.group(1))
            if name:
                counts[name] = counts.get(name, 0) + 1
                first.setdefault(name, k)
                k += 1
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


def _budget(plan: Plan) -> Budget:
    section = next((s for s in plan.walk() if s.kind == "section" and s.title
                    and "KINH PHÍ" in s.title.upper()), None)
    if section is None:
        return Budget.new()
    texts = []
    for node in _descendants(section):
        body = node.text
        if node.label and body.startswith(node.label):
            body = body[len(node.label):].strip()
        if body:
            texts.append(body)
    first = texts[0] if texts else None
    sentence = _FIRST_SENTENCE.split(first, 1)[0].strip().rstrip(".;,:").strip() if first else None
    whole = " ".join(texts)
    amount = None
    for m in _AMOUNT.finditer(whole):
        num = m.group("num") or m.group("num2")
        amount = _vnd(num, m.group("unit") if m.group("num") else None)
        if amount:
            break
    src = _SOURCE.search(whole)
    return Budget.new(text=sentence, amount_vnd=amount, source=src.group(0) if src else None,
                      span=section.span)


def _vnd(num: str, unit: str | None) -> int | None:
    mult = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3}.get(unit or "", 1)
    if rx.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", num) and mult == 1:
        return int(rx.sub(r"[.,]", "", num))
    try:
        value = float(num.replace(".", "").replace(",", ".")) if mult == 1 else float(num.replace(",", "."))
    except ValueError:
        return None
    amount = int(round(value * mult))
    return amount if amount >= 1000 else None


def _descendants(node):
    for c in node.children:
        yield c
        yield from _descendants(c)
