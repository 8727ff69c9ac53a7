"""Reorganisation rules (TTDN5xx): bodies, provinces and district-level units that no longer existed — or did
not yet exist — on the plan's date.

The date a plan is checked against ("as-of"): `header.date`; when the plan has none, 1 January of the first
year of `header.period`; `--as-of DATE` overrides both. A plan with neither is not checked.

How the as-of override reaches the rules (any of): the engine calls ``rule.check(plan, as_of=date)``; or a
caller that only calls ``rule.check(plan)`` wraps the work in ``with as_of_override(date): …`` (a context
variable, safe with threads); or the environment variable ``TTDN_AS_OF=2026-01-01`` is set (inherited by
worker processes of ``lint --jobs``). ``check(plan, as_of=None)`` runs all TTDN5xx rules at once.

What is scanned: the header (issuer lines), the preamble, every node of the body (headings, fields, bullets,
paragraphs, table rows — this covers the agency headings of "Tổ chức thực hiện"), the closing, footnotes,
the Nơi nhận list and the lead/support agencies of `plan.tasks`. Citations of older documents by their
original issuer are never flagged: a mention inside the text of a `plan.references`/`plan.legal_bases` item,
or one that follows "của" / "giữa … và" right after a document symbol (and its date) in the same clause —
"Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông" — is a citation.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from datetime import date
from typing import NamedTuple, Optional
from collections.abc import Iterable, Iterator

from .. import reorg
from ..models import Diagnostic, Plan, Span
from . import Finding, Rule

_AS_OF: contextvars.ContextVar[Optional[date]] = contextvars.ContextVar("ttdn_reorg_as_of", default=None)


@contextlib.contextmanager
def as_of_override(on: Optional[date]) -> Iterator[None]:
    """Check plans against `on` instead of their own date inside the block (the `--as-of` option)."""
    token = _AS_OF.set(on)
    try:
        yield
    finally:
        _AS_OF.reset(token)


AS_OF_ENV = "TTDN_AS_OF"


def _env_as_of() -> Optional[date]:
    value = os.environ.get(AS_OF_ENV, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def plan_date(plan: Plan, as_of: Optional[date] = None) -> Optional[date]:
    """The date a plan is checked against: the override (argument, then `as_of_override`, then the
    TTDN_AS_OF environment variable, ISO date), else header.date, else 1 January of the period's first year."""
    if as_of is not None:
        return as_of
    if _AS_OF.get() is not None:
        return _AS_OF.get()
    env = _env_as_of()
    if env is not None:
        return env
    if plan.header.date is not None:
        return plan.header.date
    if plan.header.period and plan.header.period.start:
        return date(plan.header.period.start, 1, 1)
    return None


def _d(d: Optional[date]) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


# ---------------------------------------------------------------------------------------------------------
# scanning (shared by the rules; computed once per plan and date)
# ---------------------------------------------------------------------------------------------------------


class _Hit(NamedTuple):
    kind: str                         # "agency" | "province"
    where: str                        # node id, "header", "preamble", "closing", "fn:1", "recipients", task id
    span: Optional[Span]
    printed: str
    entry: Optional[reorg.AgencyEntry] = None
    province: Optional[str] = None
    context: str = ""
    start: int = -1
    end: int = -1


def _texts(plan: Plan) -> Iterator[tuple[str, str, Optional[Span]]]:
    """(node id, text, span) of every piece of text a body may be named in, citations included."""
    h = plan.header
    for t in (h.parent_issuer, h.issuer):
        if t:
            yield "header", t, h.span
    sig = plan.signature
    for t in (sig.authority_line, sig.position):
        if t:
            yield "signature", t, sig.span
    if plan.preamble and plan.preamble.text:
        yield "preamble", plan.preamble.text, plan.preamble.span
    text_of = getattr(plan, "text_of", None)
    for node in plan.walk():
        # the text that plan.locate() offsets refer to (for table rows: the cells joined by tabs)
        text = (text_of(node.id) if callable(text_of) else None) or node.text or ""
        if node.cells and not text:
            text = "\t".join(node.cells)
        if text:
            yield node.id, text, node.span
    if plan.closing and plan.closing.text:
        yield "closing", plan.closing.text, plan.closing.span
    for fn in plan.footnotes:
        if fn.text:
            yield f"fn:{fn.label}", fn.text, fn.span


def _citation_needles(plan: Plan) -> dict[Optional[str], list[str]]:
    """The normalised text of every citation, by the node it sits in (None: anywhere)."""
    out: dict[Optional[str], list[str]] = {}
    for ref in list(plan.legal_bases) + list(plan.references):
        if ref.text:
            out.setdefault(ref.node, []).append(reorg.normalise(ref.text))
    return out


def _reference_ranges(needles: dict[Optional[str], list[str]], node_id: str, norm: str) -> list[tuple[int, int]]:
    out = []
    for needle in needles.get(None, []) + needles.get(node_id, []):
        at = norm.find(needle)
        while at >= 0:
            out.append((at, at + len(needle)))
            at = norm.find(needle, at + 1)
    return out


def _locate(plan: Plan, node_id: str, start: int, end: int, fallback: Optional[Span]) -> Optional[Span]:
    locate = getattr(plan, "locate", None)
    if locate is not None and start >= 0:
        try:
            span = locate(node_id, start, end)
            if span is not None:
                return span
        except Exception:  # noqa: BLE001 - a missing map must not stop the lint
            pass
    return fallback


def _is_former(norm: str, start: int, end: int) -> bool:
    """'tỉnh Bình Thuận (cũ)', 'trước đây là tỉnh Bình Thuận', 'sau hợp nhất với tỉnh Bắc Kạn', 'sáp nhập tỉnh
    X vào …': an explicit reference to the old unit (or to the merger itself)."""
    after = norm[end:end + 8]
    before = norm[max(0, start - 40):start]
    return after.lstrip().startswith(("(cũ", "cũ")) or any(w in before for w in _FORMER_CUES)


_FORMER_CUES = ("trước đây", "sáp nhập", "hợp nhất")


def _scan(plan: Plan) -> list[_Hit]:
    hits: list[_Hit] = []
    needles = _citation_needles(plan)
    for node_id, text, span in _texts(plan):
        norm = reorg.normalise(text)
        refs = _reference_ranges(needles, node_id, norm)

        def cited(s: int, e: int, clause: bool = False, refs=refs, text=text, norm=norm) -> bool:
            return any(a <= s and e <= b for a, b in refs) or reorg.in_citation(
                text, s, e, normalised=norm, clause=clause)

        for m in reorg.find_agencies(text, normalised=norm):
            if cited(m.start, m.end):
                continue
            hits.append(_Hit("agency", node_id, _locate(plan, node_id, m.start, m.end, span), m.text,
                             entry=m.entry, context=text, start=m.start, end=m.end))
        for canon, s, e in reorg.iter_provinces(text, normalised=norm):
            if cited(s, e, clause=True) or _is_former(norm, s, e):
                continue
            hits.append(_Hit("province", node_id, _locate(plan, node_id, s, e, span), text[s:e],
                             province=canon, context=text, start=s, end=e))
    for r in plan.recipients:
        norm = reorg.normalise(r.text)
        for m in reorg.find_agencies(r.text, normalised=norm):
            hits.append(_Hit("agency", "recipients", r.span, m.text, entry=m.entry, context=r.text))
        for canon, s, e in reorg.iter_provinces(r.text, normalised=norm):
            if not _is_former(norm, s, e):
                hits.append(_Hit("province", "recipients", r.span, r.text[s:e], province=canon, context=r.text))
    # tasks: agencies the task extractor found, unless the same body is already flagged in the task's node,
    # inside it (its fields) or above it (the agency heading of an assignment in 'Tổ chức thực hiện')
    seen = {(h.where, h.entry.id) for h in hits if h.entry is not None}
    for task in plan.tasks:
        for ag in list(task.lead) + list(task.support):
            for m in reorg.mentions_in_agency(ag.text, ag.canonical):
                if any(e == m.entry.id and (w == task.node or w.startswith(task.node + ".")
                                             or task.node.startswith(w + "."))
                       for w, e in seen):
                    continue
                seen.add((task.node, m.entry.id))
                hits.append(_Hit("agency", task.node, task.span, m.text, entry=m.entry,
                                 context=(task.title or "") + " " + ag.text))
    return hits


_CACHE: dict[int, tuple[Plan, tuple[int, ...], list[_Hit]]] = {}


def _shape(plan: Plan) -> tuple[int, ...]:
    return (len(plan.sections), len(plan.tasks), len(plan.references), len(plan.legal_bases),
            len(plan.recipients), len(plan.preamble.text or ""))


def _hits(plan: Plan) -> list[_Hit]:
    """The scan of a plan, shared by the five rules (lint runs the rules of one plan one after another)."""
    cached = _CACHE.get(id(plan))
    shape = _shape(plan)
    if cached is not None and cached[0] is plan and cached[1] == shape:
        return cached[2]
    hits = _scan(plan)
    _CACHE.clear()               # keep one plan only
    _CACHE[id(plan)] = (plan, shape, hits)
    return hits


def _successor_text(plan: Plan, hit: _Hit) -> str:
    e = hit.entry
    assert e is not None
    chosen = reorg.successors_for(e, hit.context)
    if len(chosen) == len(e.successors) and len(chosen) > 1:
        # the task text names no function: the plan's own subject (e.g. "thông tin đối ngoại") decides
        by_title = reorg.successors_for(e, (plan.header.title or "") + " " + (plan.header.doc_type or ""))
        chosen = by_title
    if not chosen:
        return e.suggest or "—"
    if len(chosen) == 1 and e.suggest:
        return e.suggest if e.district_level else chosen[0].name
    return "; ".join(f"{s.name} ({', '.join(s.functions)})" if s.functions else s.name for s in chosen)


# ---------------------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------------------


def _check_dissolved(plan: Plan, as_of: Optional[date] = None) -> Iterable[Finding]:
    on = plan_date(plan, as_of)
    if on is None:
        return
    for h in _hits(plan):
        e = h.entry
        if h.kind != "agency" or e is None or e.district_level or e.ends is None or e.exists_on(on):
            continue
        yield Finding(span=h.span, node=h.where, data=dict(
            name=h.printed, canonical=e.name, as_of=_d(on), ended=_d(e.ends), instrument=e.instrument or "",
            successors=_successor_text(plan, h), status=e.status, entry=e.id,
        ))


def _check_district(plan: Plan, as_of: Optional[date] = None) -> Iterable[Finding]:
    on = plan_date(plan, as_of)
    if on is None:
        return
    for h in _hits(plan):
        e = h.entry
        if h.kind != "agency" or e is None or not e.district_level or e.exists_on(on):
            continue
        yield Finding(span=h.span, node=h.where, data=dict(
            name=h.printed, canonical=e.name, as_of=_d(on), ended=_d(e.ends), instrument=e.instrument or "",
            suggest=_successor_text(plan, h), status=e.status, entry=e.id,
        ))


def _issuing_provinces(plan: Plan) -> list[tuple[str, str]]:
    """(canonical province, printed field) named by the header: province, issuer lines, place."""
    h = plan.header
    out: list[tuple[str, str]] = []
    for value in (h.province, h.parent_issuer, h.issuer, h.place):
        if not value:
            continue
        found = reorg.province_on(value, date.min)
        canon = reorg.find_province(value) or (found.name if found else None)
        if canon and canon not in {c for c, _ in out}:
            out.append((canon, value))
    return out


def _check_province(plan: Plan, as_of: Optional[date] = None) -> Iterable[Finding]:
    on = plan_date(plan, as_of)
    if on is None:
        return
    for canon, printed in _issuing_provinces(plan):
        p = reorg.province_on(canon, on)
        if p is None or p.exists:
            continue
        yield Finding(span=plan.header.span, node="header", data=dict(
            name=canon, printed=printed, as_of=_d(on), new=p.current, new_type=p.type,
        ))


def _check_old_province_mentions(plan: Plan, as_of: Optional[date] = None) -> Iterable[Finding]:
    on = plan_date(plan, as_of)
    if on is None or on < reorg.PROVINCES_MERGED_FROM:
        return
    done: set[tuple[str, str]] = set()
    for h in _hits(plan):
        if h.kind != "province" or h.where == "header" or (h.where, h.province) in done:
            continue
        p = reorg.province_on(h.province, on)
        if p is None or p.exists:
            continue
        done.add((h.where, h.province))
        yield Finding(span=h.span, node=h.where, data=dict(
            name=h.printed, as_of=_d(on), new=p.current, new_type=p.type,
        ))


def _check_not_yet(plan: Plan, as_of: Optional[date] = None) -> Iterable[Finding]:
    on = plan_date(plan, as_of)
    if on is None:
        return
    for h in _hits(plan):
        e = h.entry
        if h.kind != "agency" or e is None or e.valid_from is None or e.exists_on(on):
            continue
        yield Finding(span=h.span, node=h.where, data=dict(
            name=h.printed, canonical=e.name, as_of=_d(on), valid_from=_d(e.valid_from), status=e.status,
        ))


# ---------------------------------------------------------------------------------------------------------
# rules
# ---------------------------------------------------------------------------------------------------------

DISSOLVED_AGENCY = Rule(
    code="TTDN501", name="dissolved-agency", group="reorganisation", severity="error",
    message_vi="“{name}” không còn tồn tại vào ngày {as_of} (kết thúc từ ngày {ended} theo {instrument}). "
               "Thay bằng: {successors}.",
    message_en="“{name}” no longer existed on {as_of} (ended on {ended} under {instrument}). "
               "Replace with: {successors}.",
    doc="""**What it checks.** A task, an assignment in *Tổ chức thực hiện*, a recipient in *Nơi nhận* or any other
sentence of the plan that names, as a current actor, a body that had ceased to exist on the plan's date
(`header.date`, else 1 January of the first year of the period; `--as-of DATE` overrides). The message names
the successor for the function concerned: for a task about báo chí, xuất bản or thông tin đối ngoại the
successor of Sở Thông tin và Truyền thông is Sở Văn hóa, Thể thao và Du lịch; for chuyển đổi số it is Sở Khoa
học và Công nghệ.

Covered (from 2025-03-01 unless noted): Bộ/Sở Thông tin và Truyền thông; Cục Thông tin đối ngoại; Bộ/Sở Kế
hoạch và Đầu tư; Bộ/Sở Lao động - Thương binh và Xã hội; Ủy ban Dân tộc / Ban Dân tộc tỉnh; Bộ/Sở Giao thông
vận tải; Bộ/Sở Tài nguyên và Môi trường; Bộ/Sở Nông nghiệp và Phát triển nông thôn; Ban Tuyên giáo / Ban Dân
vận Trung ương (from 2025-02-03) and Tỉnh ủy — with the abbreviations plans print (Sở TT&TT, Sở KH&ĐT, Sở
LĐTBXH, Sở NN&PTNT, Ban TG TU, BTG TU …).

**Why.** Nghị quyết 176/2025/QH15 (18/02/2025) on the structure of the Government; Nghị định 43/2025/NĐ-CP
(Bộ VHTTDL takes over báo chí, xuất bản, thông tin cơ sở and thông tin đối ngoại) and 55/2025/NĐ-CP (Bộ
KH&CN); Nghị định 45/2025/NĐ-CP (the provincial departments); Thông tư 10/2025/TT-BVHTTDL (TTĐN at province
level belongs to Sở VHTTDL); Thông tư 02/2025/TT-BDTTG (Sở Dân tộc và Tôn giáo); the Politburo's and the
provincial committees' decisions merging Ban Tuyên giáo and Ban Dân vận. A plan for 2026 drafted from last
year's file that still assigns tasks to these bodies assigns them to no one.

Citations of older documents by their original issuer are correct and never flagged
(“Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông”).

**Example.** In a plan dated 2026: `c) Cơ quan chủ trì: Sở Thông tin và Truyền thông.`

**Fix.** `c) Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.`""",
    check=_check_dissolved,
)

MERGED_PROVINCE = Rule(
    code="TTDN502", name="merged-province", group="reorganisation", severity="error",
    message_vi="Tỉnh {name} không còn là đơn vị hành chính cấp tỉnh vào ngày {as_of}: từ ngày 01/7/2025 thuộc "
               "{new_type} {new} (Nghị quyết 202/2025/QH15).",
    message_en="{name} was no longer a province on {as_of}: since 1 July 2025 it is part of {new_type} {new} "
               "(Resolution 202/2025/QH15).",
    doc="""**What it checks.** The province that issues the plan (the issuer lines, the place of the date line, the
province the plan is for) no longer existed on the plan's date.

**Why.** Nghị quyết 202/2025/QH15 (12/6/2025) reorganised the 63 provinces and centrally-run cities into 34
(28 tỉnh, 6 thành phố); the new provincial authorities operate from 1 July 2025. A plan dated later cannot be
issued by “Ủy ban nhân dân tỉnh Đắk Nông”.

**Example.** `ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG` … `Đắk Nông, ngày 20 tháng 01 năm 2026`

**Fix.** `ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG` … `Lâm Đồng, ngày 20 tháng 01 năm 2026`""",
    check=_check_province,
)

DISTRICT_LEVEL_BODY = Rule(
    code="TTDN503", name="district-level-body", group="reorganisation", severity="error",
    message_vi="“{name}”: cấp huyện đã kết thúc từ ngày {ended} ({instrument}); vào ngày {as_of} dùng: {suggest}.",
    message_en="“{name}”: the district level ended on {ended} ({instrument}); on {as_of} use: {suggest}.",
    doc="""**What it checks.** District-level bodies and units — “UBND các huyện, thị xã, thành phố”, “UBND cấp
huyện”, “UBND huyện X”, “Phòng Văn hóa và Thông tin huyện”, “Huyện ủy”, “Ban Tuyên giáo các huyện, thị, thành
ủy”, “cấp huyện” — in a plan dated on or after 1 July 2025.

**Why.** Nghị quyết 203/2025/QH15 amending the Constitution and the Luật Tổ chức chính quyền địa phương số
72/2025/QH15 organise local government in two levels (tỉnh; xã, phường, đặc khu) from 1 July 2025; Nghị định
150/2025/NĐ-CP sets the departments of UBND tỉnh and UBND xã, phường, đặc khu; Thông tư 10/2025/TT-BVHTTDL
gives the culture and information work of the commune to its Phòng Văn hóa - Xã hội.

**Example.** `Ủy ban nhân dân các huyện, thị xã, thành phố chủ động cung cấp thông tin …` (plan of 2026)

**Fix.** `Ủy ban nhân dân các xã, phường, đặc khu chủ động cung cấp thông tin …`""",
    check=_check_district,
)

OLD_PROVINCE_NAME = Rule(
    code="TTDN504", name="old-province-name", group="reorganisation", severity="warning",
    message_vi="“{name}” được nêu như đơn vị hiện hành, nhưng vào ngày {as_of} đã thuộc {new_type} {new} "
               "(Nghị quyết 202/2025/QH15); nếu nói về địa bàn cũ, ghi rõ “(cũ)”.",
    message_en="“{name}” is named as a current unit, but on {as_of} it was part of {new_type} {new} "
               "(Resolution 202/2025/QH15); when the former area is meant, write “(cũ)”.",
    doc="""**What it checks.** In the body of a plan dated on or after 1 July 2025, a province that was merged away
named as a current unit (“quảng bá hình ảnh tỉnh Bình Thuận”, “Báo Đắk Nông”) — outside citations, and
unless marked as the former unit (“tỉnh Bình Thuận (cũ)”, “trước đây là tỉnh …”). One finding per section.

**Why.** Nghị quyết 202/2025/QH15: from 1 July 2025 the merged-away provinces no longer exist; their bodies
(newspapers, radio-television, associations) were merged into those of the new province.

**Example.** `Tổ chức quảng bá hình ảnh tỉnh Đắk Nông trên các nền tảng số.` (plan of 2026)

**Fix.** `Tổ chức quảng bá hình ảnh tỉnh Lâm Đồng trên các nền tảng số.`""",
    check=_check_old_province_mentions,
)

AGENCY_NOT_YET = Rule(
    code="TTDN505", name="agency-not-yet-established", group="reorganisation", severity="warning",
    message_vi="“{name}” chưa được thành lập vào ngày {as_of} (chỉ có từ ngày {valid_from}).",
    message_en="“{name}” did not exist yet on {as_of} (it exists from {valid_from}).",
    doc="""**What it checks.** A body created by the 2025 reorganisation (Sở Nông nghiệp và Môi trường, Sở Dân tộc và
Tôn giáo, Ban Tuyên giáo và Dân vận Tỉnh ủy, Phòng Văn hóa - Xã hội of the commune …) named in a plan dated
before it existed — usually a wrong date line or period.

**Why.** Nghị quyết 176/2025/QH15; Nghị định 45/2025/NĐ-CP and 150/2025/NĐ-CP; Thông tư 10/2025/TT-BVHTTDL.

**Example.** `Sở Nông nghiệp và Môi trường chủ trì …` in a plan dated 20/12/2024.

**Fix.** Check the date of the plan, or name the body that existed then (Sở Tài nguyên và Môi trường).""",
    check=_check_not_yet,
)

RULES = (DISSOLVED_AGENCY, MERGED_PROVINCE, DISTRICT_LEVEL_BODY, OLD_PROVINCE_NAME, AGENCY_NOT_YET)


def check(plan: Plan, as_of: Optional[date] = None) -> list[Diagnostic]:
    """Run every TTDN5xx rule on `plan` (against `as_of` when given) and return their diagnostics."""
    out: list[Diagnostic] = []
    try:
        for r in RULES:
            assert r.check is not None
            for f in r.check(plan, as_of=as_of):  # type: ignore[call-arg]
                out.append(r.diagnostic(span=f.span, node=f.node, **f.data))
    finally:
        _CACHE.clear()
    return out

