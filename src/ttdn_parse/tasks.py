"""Tasks: who leads, who helps, by when - from every layout a plan uses; and the plan's reporting duties.

`attach(plan)` fills `plan.tasks` and `plan.reporting` from the structure tree:

* fields      an item with labelled fields ("b) Cơ quan chủ trì: ...", "c) Cơ quan phối hợp: ...",
              "d) Thời gian thực hiện: ..."); labels -> roles from data/fields.toml;
* inline      a node of a content section whose sentence names its actor ("Sở X chủ trì, phối hợp với Y
              hướng dẫn ...", "Hằng năm, căn cứ ..., các sở, ban, ngành xây dựng ...");
* assignment  "Tổ chức thực hiện": an agency heading and its duties (bullets, a)-clauses or one paragraph),
              "Agency: duty" on one line, or a numbered paragraph that opens with its agency;
* table       rows of a table with columns Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian ...

Conventions (see /shared/gold/README.md): "Chủ trì, phối hợp (với) X" and "Phối hợp (với) X" make X support;
objects of "hướng dẫn", "theo dõi, đôn đốc", "tham mưu" are not support; the time adverbial heading a clause
is the duty's deadline; year-less dates take the plan's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional
from collections.abc import Iterable

from . import rx
from .agencies import _HEAD_RE, _BARE_RE, _fold, clean, registry, split_agencies
from .deadlines import (completion_deadline, find_deadlines, first_leading_deadline, leading_deadline,
                        parse_deadline, split_clauses)
from .labels import match_field
from .models import Agency, Deadline, Node, Plan, Reporting, Span, Task

from .resources import load_toml


# ---------------------------------------------------------------------------------------------------------
# field labels -> roles (data/fields.toml)
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Roles:
    exact: dict[str, str]
    contains: list[tuple[str, str]]
    table_default: list[str]


@lru_cache(maxsize=1)
def _roles() -> _Roles:
    data = load_toml("fields.toml")
    exact: dict[str, str] = {}
    contains: list[tuple[int, str, str]] = []
    # the lexer's field labels (data/structure.toml [[field]]) come first: one vocabulary for both
    structure = load_toml("structure.toml")
    for r in structure.get("field", []):
        for lab in r.get("labels", []):
            exact.setdefault(_label_key(lab), r["role"])
    rows = data.get("role", []) or data.get("roles", [])
    for r in rows:
        for lab in r.get("labels", []):
            exact.setdefault(_label_key(lab), r["role"])
        for kw in r.get("contains", []):
            contains.append((int(r.get("priority", 50)), _label_key(kw), r["role"]))
    contains.sort(key=lambda x: x[0])
    default = data.get("table_default", {}).get("columns", ["number", "content", "lead", "support", "deadline"])
    return _Roles(exact, [(k, r) for _, k, r in contains], list(default))


def _label_key(label: str) -> str:
    t = _fold(rx.sub(r"[*_`]+", "", label))
    t = rx.sub(r"^[a-zđ0-9]{1,3}[).]\s*", "", t)
    return t.strip(" :")


@lru_cache(maxsize=4096)
def field_role(label: Optional[str]) -> Optional[str]:
    """'Cơ quan chủ trì' -> 'lead', 'Thời gian thực hiện' -> 'deadline', unknown -> None."""
    if not label:
        return None
    k = _label_key(label)
    if not k or len(k) > 60:
        return None
    roles = _roles()
    if k in roles.exact:
        return roles.exact[k]
    for kw, role in roles.contains:
        if kw and kw in k:
            return role
    return None


# ---------------------------------------------------------------------------------------------------------
# sentence analysis: actor of a sentence, cooperating agencies
# ---------------------------------------------------------------------------------------------------------

_VERBS = (
    "chủ trì", "phối hợp", "căn cứ", "theo chức năng", "có trách nhiệm", "chủ động", "tiếp tục", "triển khai",
    "xây dựng", "tổ chức", "thực hiện", "rà soát", "tăng cường", "là", "trên cơ sở", "đẩy mạnh", "kiện toàn",
    "tham mưu", "phát hành", "cung cấp", "hướng dẫn", "quản lý", "chỉ đạo", "tập trung", "bố trí", "lập",
    "thường xuyên", "ban hành", "nghiên cứu", "giới thiệu", "quán triệt", "tuyên truyền", "đăng tải",
    "lồng ghép", "duy trì", "nâng cao", "bảo đảm", "đảm bảo", "phân công", "tích cực", "kịp thời", "khẩn trương",
    "nghiêm túc", "cần", "phải", "được", "sẽ", "theo dõi", "đôn đốc", "kiểm tra", "hỗ trợ", "tạo điều kiện",
    "vận động", "huy động", "phổ biến", "tham gia", "cử", "gửi", "báo cáo", "định kỳ", "hằng năm", "hàng năm",
    "hoàn thành", "tổng hợp", "đề xuất", "họp báo", "chuẩn bị", "sản xuất", "biên soạn", "xem xét", "tập hợp",
    "đưa tin", "giải quyết", "làm đầu mối", "truyền thông", "nắm", "đổi mới", "khai thác", "ứng dụng",
    "vận hành", "cập nhật", "trả lời", "phản bác", "đấu tranh", "giám sát", "bồi dưỡng", "tập huấn",
    "thẩm định", "trình", "tiếp nhận", "xử lý", "theo", "trong việc", "để", "nhằm", "với", "đăng phát",
    "quảng bá", "phát động", "thông qua", "nắm bắt", "hợp tác", "tiếp", "biên tập", "in", "xuất bản", "mở",
    "đăng", "phát", "chia sẻ", "dự toán", "đón tiếp", "đón", "tiếp đón", "làm việc", "khảo sát", "thăm",
    "lãnh đạo",
)
# words that are nouns, not verbs, when these follow ("tổ chức chính trị - xã hội", "cung cấp thông tin" stays a verb)
_VERB_GUARD = {
    "tổ chức": r"(?!\s+(?:chính trị|xã hội|đoàn thể|hội(?!\s+(?:nghị|thảo|chợ|thi|diễn|báo|họp))|quốc tế|phi chính phủ|kinh tế|tôn giáo|thành viên|"
               r"có liên quan|liên quan|cá nhân|nước ngoài|[đĐ]ảng|cơ sở [đĐ]ảng)(?![\wÀ-ỹ]))",
    "đảm bảo": r"(?!\s+xã hội)",
    "hỗ trợ": r"(?!\s+doanh nghiệp)",
    # a verb only before what is led ("Đảng ủy UBND tỉnh lãnh đạo xây dựng …", "lãnh đạo, chỉ đạo"); a noun in
    # "lãnh đạo tỉnh", "cán bộ lãnh đạo, quản lý"
    "lãnh đạo": r"(?=,?\s+(?:chỉ đạo|xây dựng|thực hiện|triển khai|tổ chức|quán triệt|cụ thể hóa|ban hành)(?![\wÀ-ỹ]))",
}
_NOUN_BEFORE = ("các ", "Các ", "cơ quan ", "Cơ quan ", "Ban ", "ban ", "Cổng ", "những ", "Chương trình ",
                "chương trình ", "Quy chế ", "quy chế ", "sự ", "công tác ")
# where the verb of a duty begins: (start, end) of the first of _VERBS printed as a word, not after _NOUN_BEFORE
_VERB = rx.WordPhrases(_VERBS, word=r"\wÀ-ỹ", guards=_VERB_GUARD, not_after=_NOUN_BEFORE)
_NOT_AGENCY_HEAD = rx.compile(
    r"^(?:Hội (?:nghị|thảo|chợ|thi|diễn|báo|nhập)|Ban hành|Trường hợp|Phòng,|Phòng chống|Phòng ngừa|Bộ phận|"
    r"Đoàn kết|Viện dẫn|Các (?!(?:sở|ban|ngành|cơ quan|đơn vị|địa phương|tổ chức|đoàn thể|báo|đài|lực lượng|hội|"
    r"doanh nghiệp|huyện|xã|phường|thị|phòng|Sở|Ban|Cơ quan|Đơn vị|Hội|Tổ chức|Báo|Đài|cấp|Ủy ban|UBND|ủy ban)\b)|"
    r"các (?!(?:sở|ban|ngành|cơ quan|đơn vị|địa phương|tổ chức|đoàn thể|báo|đài|lực lượng|hội|doanh nghiệp|huyện|"
    r"xã|phường|thị|phòng|Sở|Ban|Cơ quan|Đơn vị|cấp|Ủy ban|UBND|ủy ban)\b)|Những |những |Lãnh đạo,|Cơ quan chủ trì|"
    r"Cơ quan phối hợp|Đơn vị chủ trì|Đơn vị thực hiện|Cơ quan thực hiện)"
)
_PREFIX_RE = rx.compile(r"^(?:căn cứ|trên cơ sở|theo|để|nhằm|đồng thời|ngoài ra|bên cạnh đó)\b", re.IGNORECASE)
_LEADIN_RE = rx.compile(r"^(?:giao cho|giao|đề nghị|yêu cầu|ủy quyền cho|trách nhiệm của|nhiệm vụ của)\s+",
                        re.IGNORECASE)
# what follows the agency of a heading that introduces a list of duties ("Sở Y tế có trách nhiệm:")
_INTRO_RE = rx.compile(r"^(?:có|chịu)\s+trách\s+nhiệm|^có\s+nhiệm\s+vụ|^thực\s+hiện\s+(?:các|những)\s+nhiệm\s+vụ",
                       re.IGNORECASE)
_ROLE_SUFFIX_RE = rx.compile(r"\s+[-–]\s+(?:cơ quan|Cơ quan|đơn vị|Đơn vị|Thường trực|thường trực|là)\b.*$")
_BULLET_RE = rx.compile(r"^[\-–+•·*]\s*")


def _strip_label(text: str, node: Optional[Node] = None) -> str:
    t = text
    if node is not None and node.label and t.startswith(node.label):
        t = t[len(node.label):]
    t = _BULLET_RE.sub("", t.strip())
    return t.strip()


def _is_agency_start(text: str) -> bool:
    return bool(_HEAD_RE.match(text)) and not _NOT_AGENCY_HEAD.match(text)


_ASPECT_RE = rx.compile(r"\s+(đã|đang|sẽ|vẫn|cũng|đều|tiếp tục)$")


@lru_cache(maxsize=8192)
def actor(sentence: str) -> Optional[tuple[str, str, int]]:
    """The agency subject of a sentence -> (subject as printed, the rest, offset of the subject), or None.

    Skips a leading time adverbial or 'Căn cứ ..., ' / 'Trên cơ sở ..., ' clause and a lead-in verb ('Giao',
    'Đề nghị').
    """
    s = sentence
    starts = [0]
    lead_dl = leading_deadline(s)
    if lead_dl or _PREFIX_RE.match(s):
        starts = [m.end() for m in rx.finditer(r",\s*", s)]
        if lead_dl:
            starts.insert(0, len(lead_dl))
    for st in starts:
        t = s[st:].lstrip(" ,")
        off = len(s) - len(t)
        m0 = _LEADIN_RE.match(t)
        if m0:
            t, off = t[m0.end():], off + m0.end()
        if not _is_agency_start(t):
            continue
        verb = _VERB.search(t)
        if not verb or verb[0] == 0:
            continue
        subj = t[: verb[0]].strip(" ,:")
        if not subj or len(subj) > 260 or "(" in subj and ")" not in subj:
            continue
        if _VERB.search(subj):
            continue
        aspect = _ASPECT_RE.search(subj)
        if aspect:
            if aspect.group(1) == "đã":
                continue            # "Sở X đã tham mưu …" reports work done: no assignment
            subj = subj[: aspect.start()]
        return subj, t[verb[0]:], off
    return None


_PH_RE = rx.compile(r"(?i)(?<![\wÀ-ỹ])phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+")
_OBJ_END_RE = rx.compile(
    r"\s+(?:trong việc|để|nhằm|theo|về|khi)\s|\s+trong\s+(?!và\s|ngoài|tỉnh|nước|khu vực)|\s*[;(]|\.\s|\.$|:"
)


def _object_list(text: str) -> str:
    """The agency list at the start of `text`, cut before the verb that follows it."""
    end = len(text)
    verb = _VERB.search(text)
    if verb:
        end = min(end, verb[0])
    m2 = _OBJ_END_RE.search(text)
    if m2:
        end = min(end, m2.start())
    return text[:end].strip(" ,")


def cooperating(text: str) -> list[str]:
    """Agencies after 'phối hợp (với)' / 'phối hợp giữa A với B' in a duty, as printed, in order."""
    if "phối hợp" not in text.lower():
        return []
    return list(_cooperating(text))


@lru_cache(maxsize=8192)
def _cooperating(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in _PH_RE.finditer(text):
        rest = text[m.end():]
        if rest.lower().startswith("giữa "):
            rest = rest[5:]
            a_end = rx.search(r"\s+với\s+", rest)
            if a_end:
                a = _object_list(rest[: a_end.start()])
                b = _object_list(rest[a_end.end():])
                out.extend(x for x in (a, b) if x)
            continue
        if not (_is_agency_start(rest) or (_BARE_RE.match(rest) and rest[:1].islower())):
            continue
        obj = _object_list(rest)
        if obj:
            out.append(obj)
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------
# the extractor
# ---------------------------------------------------------------------------------------------------------

_AIMS_RE = rx.compile(r"mục đích|mục tiêu|yêu cầu|quan điểm|căn cứ", re.IGNORECASE)
_ORG_RE = rx.compile(r"tổ chức thực hiện|phân công|trách nhiệm", re.IGNORECASE)
_WORK_RE = rx.compile(r"nhiệm vụ|nội dung|hoạt động|giải pháp|công việc", re.IGNORECASE)
_REPORT_SECTION_RE = rx.compile(r"báo cáo", re.IGNORECASE)
# a part or section that reviews what was done ("KẾT QUẢ THỰC HIỆN NĂM 2025", "ĐÁNH GIÁ …") assigns nothing
_RESULTS_RE = rx.compile(r"^(?:kết quả|đánh giá|tình hình thực hiện)", re.IGNORECASE)


class _Ctx:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.reg = registry()
        self.year = plan.header.period.start or (plan.header.date.year if plan.header.date else None)
        self.tasks: list[Task] = []
        self.by_id: dict[str, Task] = {}

    def span(self, node: Node, start: Optional[int] = None, end: Optional[int] = None) -> Optional[Span]:
        loc = getattr(self.plan, "locate", None)
        if loc is not None and start is not None:
            try:
                return loc(node.id, start, end if end is not None else start)
            except Exception:  # noqa: BLE001 - a location is a nicety, never a failure
                pass
        return node.span

    def sentence_span(self, node: Node, sentence: str) -> Optional[Span]:
        """Where a sentence of the node's text was printed (the node's span when it cannot be found)."""
        start = node.text.find(sentence)
        return self.span(node, start, start + len(sentence)) if start >= 0 else node.span

    def deadline(self, text: Optional[str]) -> Optional[Deadline]:
        if not text:
            return None
        t = clean(text)
        return parse_deadline(t, default_year=self.year) if t else None

    def agencies(self, texts: Iterable[str], exclude: Iterable[Agency] = ()) -> list[Agency]:
        seen = {_key(a) for a in exclude}
        out: list[Agency] = []
        for t in texts:
            for a in split_agencies(t, self.reg):
                k = _key(a)
                if k in seen:
                    continue
                seen.add(k)
                out.append(a)
        return out

    def add(self, task: Task) -> None:
        old = self.by_id.get(task.id)
        if old is not None:
            for a in task.lead:
                if _key(a) not in {_key(x) for x in old.lead}:
                    old.lead.append(a)
            for a in task.support:
                if _key(a) not in {_key(x) for x in old.support + old.lead}:
                    old.support.append(a)
            if old.deadline is None:
                old.deadline = task.deadline
            return
        self.by_id[task.id] = task
        self.tasks.append(task)


def _extent(node: Node) -> Span:
    """The node's span stretched over its descendants (a task covers its fields and duty bullets)."""
    last = node
    stack = list(node.children)
    while stack:
        c = stack.pop()
        if (c.span.end_line, c.span.end_char or 0) > (last.span.end_line, last.span.end_char or 0):
            last = c
        stack.extend(c.children)
    if last is node:
        return node.span
    return node.span.replaced(end_line=last.span.end_line, end_char=last.span.end_char)


def _key(a: Agency) -> str:
    return a.canonical or registry().key(a.text)


def attach(plan: Plan) -> None:
    """Fill plan.tasks and plan.reporting from the tree (never raises on odd input)."""
    ctx = _Ctx(plan)
    for sec in plan.sections:
        try:
            _walk_section(ctx, sec)
        except Exception as exc:  # noqa: BLE001 - one odd section must not cost the plan its other tasks
            if _STRICT:
                raise
            _report_failure(plan, f"mục {sec.id}", exc, sec)
    plan.tasks = ctx.tasks
    try:
        plan.reporting = _reporting(ctx)
    except Exception as exc:  # noqa: BLE001
        if _STRICT:
            raise
        plan.reporting = []
        _report_failure(plan, "chế độ báo cáo", exc, None)


def _report_failure(plan: Plan, part: str, exc: Exception, node: Node | None) -> None:
    """Never a silent gap: the failure becomes a TTDN001 finding at the part that was skipped."""
    from .rules import diagnostic

    plan.diagnostics.append(diagnostic("TTDN001", span=node.span if node else None, node=node.id if node else None,
                                       part=part, extractor="tasks", error=f"{type(exc).__name__}: {exc}"))


# tests set this to see extractor errors instead of losing a section quietly
_STRICT = False


def _walk_section(ctx: _Ctx, sec: Node) -> None:
    title = sec.title or ""
    if sec.kind == "table":
        _table(ctx, sec)
        return
    if sec.kind == "part" and any(c.kind == "section" for c in sec.children) and not _RESULTS_RE.search(title):
        # "PHẦN II. NHIỆM VỤ" holding I., II., III. TỔ CHỨC THỰC HIỆN: each section is judged by its own title
        for c in sec.children:
            (_walk_section if c.kind in ("section", "table") else _content)(ctx, c)
        return
    if sec.kind in ("section", "part") and _AIMS_RE.search(title) and not _ORG_RE.search(title) \
            and not _WORK_RE.search(title):
        # aims and requirements assign nothing - but a table inside still may
        for t in _descendants(sec, "table"):
            _table(ctx, t)
        return
    if sec.kind in ("section", "part") and _ORG_RE.search(title):
        _organisation(ctx, sec)
        return
    if sec.kind in ("section", "part") and _RESULTS_RE.search(title) and not _WORK_RE.search(title):
        return
    if sec.kind in ("section", "part") and _REPORT_SECTION_RE.search(title) and not rx.search(
            r"nội dung|nhiệm vụ", title, re.IGNORECASE):
        return
    _content(ctx, sec)


def _descendants(node: Node, kind: str) -> Iterable[Node]:
    for c in node.children:
        if c.kind == kind:
            yield c
        else:
            yield from _descendants(c, kind)


# -- fields and inline ----------------------------------------------------------------------------------


def _field_value(node: Node) -> str:
    text = node.text or ""
    title = node.title or ""
    i = text.find(title) if title else -1
    if i >= 0 and title:
        rest = text[i + len(title):]
    else:
        rest = text.split(":", 1)[1] if ":" in text else ""
    rest = rest.lstrip(" :")
    return rest.strip()


def _fields_of(node: Node) -> list[tuple[str, Node]]:
    out = []
    for c in node.children:
        if c.kind == "field":
            role = field_role(c.title)
            if role:
                out.append((role, c))
    return out


def _content(ctx: _Ctx, node: Node, parent: Optional[Node] = None) -> None:
    if node.kind == "table":
        _table(ctx, node)
        return
    fields = _fields_of(node)
    if any(r in ("lead", "support") for r, _ in fields):
        _fields_task(ctx, node, fields)
        for c in node.children:     # a table or sub-item under a fields item still counts
            if c.kind in ("table", "item"):
                _content(ctx, c, node)
        return
    if node.kind == "item" and _heading_agencies(_title(node)) and any(
            c.kind in ("bullet", "clause", "paragraph", "item") for c in node.children):
        # an agency heading with its duties, outside "Tổ chức thực hiện"
        _assignment_item(ctx, node)
        return
    if node.kind != "field":
        _inline(ctx, node, parent)
    for c in node.children:
        _content(ctx, c, node)


def _title(node: Node) -> str:
    t = node.title or _strip_label(node.text, node)
    return clean(t)


def _fields_task(ctx: _Ctx, node: Node, fields: list[tuple[str, Node]]) -> None:
    lead_texts: list[str] = []
    support_texts: list[str] = []
    deadline_text: Optional[str] = None
    for role, f in fields:
        own, more = _split_inline_fields(_field_value(f))
        if role == "lead":
            lead_texts.extend(_field_agencies(f, own))
        elif role == "support":
            support_texts.extend(_field_agencies(f, own))
        elif role == "deadline" and deadline_text is None:
            v = " ".join([own] + [_strip_label(c.text, c) for c in f.children]).strip()
            deadline_text = clean(v) or None
        more_lead, more_support, more_deadline = _by_role(more)   # "Chủ trì: Sở A; phối hợp: Sở B; …"
        lead_texts.extend(more_lead)
        support_texts.extend(more_support)
        deadline_text = deadline_text or more_deadline
    lead = ctx.agencies(lead_texts)
    support = ctx.agencies(support_texts)
    ctx.add(Task.new(id=node.id, source="fields", title=_title(node), lead=lead, support=support,
                     deadline=ctx.deadline(deadline_text), node=node.id, span=_extent(node)))


_INLINE_CUT = rx.compile(r"[;.]\s*(?=\S)")
_TASK_ROLES = ("lead", "support", "deadline")


def _split_inline_fields(value: str) -> tuple[str, list[tuple[str, str]]]:
    """A field value that goes on with more fields on the same line ("Sở A; phối hợp: Sở B; thời gian: Quý II")
    -> ("Sở A", [("support", "Sở B"), ("deadline", "Quý II")])."""
    last_colon = value.rfind(":")      # a field after a cut ends its name with a colon: none, no cut
    if last_colon < 0:
        return value, []
    cuts = []
    for m in _INLINE_CUT.finditer(value, 0, last_colon):
        f = match_field(value[m.end():])
        if f is not None and f.role in _TASK_ROLES and ":" in value[m.end():m.end() + len(f.name) + 2]:
            cuts.append(m)
    if not cuts:
        return value, []
    more = []
    for i, m in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(value)
        f = match_field(value[m.end():end])
        more.append((f.role, f.value.strip(" .;")))
    return value[:cuts[0].start()].strip(), more


def _by_role(found: list[tuple[str, str]]) -> tuple[list[str], list[str], Optional[str]]:
    """(role, text) fields -> lead texts, support texts, the first deadline text."""
    lead = [_sentence_agencies(t) for r, t in found if r == "lead"]
    support = [_sentence_agencies(t) for r, t in found if r == "support"]
    deadline = next((clean(t) for r, t in found if r == "deadline" and clean(t)), None)
    return lead, support, deadline


def _field_agencies(f: Node, value: Optional[str] = None) -> list[str]:
    """Agency texts of a lead/support field: its value, or 'activity: Agency' lines under it."""
    out = []
    v = _field_value(f) if value is None else value
    kids = list(f.children)
    # unlabelled paragraphs right under a field continue its value (a wrapped line read as a new paragraph)
    while kids and kids[0].kind == "paragraph" and not kids[0].label:
        v = (v + " " + kids.pop(0).text.strip()).strip()
    if v:
        out.append(_sentence_agencies(v))
    for c in kids:
        t = _strip_label(c.text, c)
        if ":" in t:
            t = t.rsplit(":", 1)[1]
        t = t.strip()
        if t:
            out.append(_sentence_agencies(t))
    return [o for o in out if o]


@lru_cache(maxsize=8192)
def _sentence_agencies(value: str) -> str:
    """A field value is usually a list; when it is a sentence, its actor is the list."""
    v = clean(value)
    if _VERB.search(v) or _PREFIX_RE.match(v):
        a = actor(v)
        if a:
            return a[0]
    return v


# the spaces between sentences (rx.split_at: the mark stays with its sentence)
_SENTENCE_BREAK = rx.compile(rx.after_marks(".!?", r"\s+", "(?=[A-ZĐÀ-Ỹ])"))


def _inline(ctx: _Ctx, node: Node, parent: Optional[Node]) -> None:
    text = _strip_label(node.text, node)
    if not text:
        return
    target = node
    if node.kind == "paragraph" and parent is not None:
        target = parent
    sentences = rx.split_at(_SENTENCE_BREAK, text)
    for s in sentences:
        a = actor(s)
        if a:
            subj, rest, off = a
            lead = ctx.agencies([subj])
            if not lead:
                continue
            support = ctx.agencies(cooperating(rest), exclude=lead)
            dl = (leading_deadline(s) or completion_deadline(text) or first_leading_deadline(text)
                  or _field_in(split_clauses(text), "deadline"))
            ctx.add(Task.new(id=target.id, source="inline", title=_title(target), lead=lead,
                             support=support, deadline=ctx.deadline(dl), node=node.id,
                             span=ctx.sentence_span(node, s)))
            return
    # no sentence names its actor, but fields follow the duty on its line ("Xây dựng … . Chủ trì: Sở A; …")
    for s in sentences[1:]:
        f = match_field(s)
        if f is None or f.role not in _TASK_ROLES:
            continue
        own, more = _split_inline_fields(f.value.strip(" ."))
        found = [(f.role, own)] + more
        if not any(r in ("lead", "support") for r, _ in found):
            return
        lead_texts, support_texts, dl = _by_role(found)
        lead = ctx.agencies(lead_texts)
        support = ctx.agencies(support_texts)        # as in other field tasks: lead and support as printed
        ctx.add(Task.new(id=target.id, source="fields", title=_title(target), lead=lead, support=support,
                         deadline=ctx.deadline(dl), node=node.id, span=ctx.sentence_span(node, s)))
        return


def _field_in(parts: list[str], role: str) -> Optional[str]:
    """The value of a field printed as a sentence or clause of a duty ("… tại tỉnh. Thời gian thực hiện: thường
    xuyên.", "…; thời gian: cả năm 2026.")."""
    for s in parts:
        f = match_field(s)
        if f is not None and f.role == role and f.value.strip(" ."):
            return f.value.strip(" .")
    return None


# -- organisation ("Tổ chức thực hiện") -----------------------------------------------------------------


def _organisation(ctx: _Ctx, sec: Node) -> None:
    for c in sec.children:
        if c.kind == "table":
            _table(ctx, c)
        elif c.kind in ("item", "clause", "section", "part") or (c.kind == "bullet" and c.children):
            _assignment_item(ctx, c)       # "- Sở Tài chính:" over "+" duties is a heading too
        elif c.kind in ("paragraph", "bullet"):
            _assignment_sentence(ctx, c, c.id)


def _heading_agencies(title: str) -> Optional[str]:
    """The agency list a heading consists of ('Đề nghị Ban X - Cơ quan thường trực ...' -> 'Ban X'), or None."""
    t = clean(title)
    m = _LEADIN_RE.match(t)
    if m:
        t = t[m.end():]
    t = _ROLE_SUFFIX_RE.sub("", t)
    if not _is_agency_start(t) or len(t) > 260:
        return None
    if _VERB.search(t):
        return None
    return t


def _duty_children(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind != "table"]


def _assignment_item(ctx: _Ctx, item: Node) -> None:
    fields = _fields_of(item)
    if any(r in ("lead", "support") for r, _ in fields):
        _fields_task(ctx, item, fields)
        for c in item.children:
            if c.kind in ("table", "item"):
                (_table if c.kind == "table" else _assignment_item)(ctx, c)
        return
    full = _strip_label(item.text, item)
    title = item.title or full
    head, duty_inline = title, ""
    # "3. Sở Khoa học và Công nghệ: Chủ trì, phối hợp với ..."
    if ":" in full:
        h, d = full.split(":", 1)
        if _heading_agencies(h) and d.strip():
            head, duty_inline = h, d.strip()
    agencies_text = _heading_agencies(head) if head else None
    kids = _duty_children(item)
    if agencies_text is None and not duty_inline:
        a = actor(clean(full))
        over_duties = any(c.kind in ("bullet", "clause", "item", "field") for c in kids)
        if a and over_duties and _INTRO_RE.match(a[1]) and len(clean(a[1])) < 60:
            agencies_text = a[0]          # "Sở Y tế có trách nhiệm:" over a list of duties
            a = None
        elif a and over_duties and len(clean(full)) <= 90 and not clean(full).endswith((".", ";", ":")) \
                and clean(full)[a[2] + len(a[0]):].lstrip().startswith(","):
            # a short name over its duties, where a word can pass for a verb ("Phòng Quản lý báo chí, xuất bản")
            agencies_text = clean(full)
            a = None
        if a:
            # a numbered paragraph opening with its agency ("1. Sở X là cơ quan chủ trì, ...")
            subj, rest, _ = a
            lead = ctx.agencies([subj])
            body = " ".join([rest] + [_strip_label(c.text, c) for c in _all_desc(item)])
            _assignment_task(ctx, item, lead, body, full)
            return
    if agencies_text is None and not duty_inline:
        # a heading that is not an agency ("1. Phân công nhiệm vụ"): look below
        for c in item.children:
            if c.kind == "table":
                _table(ctx, c)
            elif c.kind in ("item", "clause") or (c.kind == "bullet" and c.children):
                _assignment_item(ctx, c)
            elif c.kind in ("paragraph", "bullet"):
                _assignment_sentence(ctx, c, c.id)
        return
    lead = ctx.agencies([agencies_text]) if agencies_text else []
    bullets = [c for c in kids if c.kind in ("bullet", "clause", "item", "field")]
    if duty_inline and not bullets:
        body = " ".join([duty_inline] + [_strip_label(c.text, c) for c in _all_desc(item)])
        _assignment_task(ctx, item, lead, body, title)
        return
    if bullets:
        for b in bullets:
            body = " ".join([_strip_label(b.text, b)] + [_strip_label(c.text, c) for c in _all_desc(b)])
            _assignment_task(ctx, b, lead, body, _strip_label(b.text, b))
        for t in (c for c in item.children if c.kind == "table"):
            _table(ctx, t)
        return
    body = " ".join(_strip_label(c.text, c) for c in _all_desc(item))
    if duty_inline:
        body = duty_inline + " " + body
    if body.strip():
        _assignment_task(ctx, item, lead, body, title)


def _all_desc(node: Node) -> Iterable[Node]:
    for c in node.children:
        if c.kind == "table":
            continue
        yield c
        yield from _all_desc(c)


def _assignment_task(ctx: _Ctx, node: Node, lead: list[Agency], body: str, title: str) -> None:
    support = ctx.agencies(cooperating(body), exclude=lead)
    dl = first_leading_deadline(body) or completion_deadline(body)
    ctx.add(Task.new(id=node.id, source="assignment", title=clean(title), lead=lead,
                     support=support, deadline=ctx.deadline(dl), node=node.id, span=_extent(node)))


def _assignment_sentence(ctx: _Ctx, node: Node, tid: str) -> None:
    text = _strip_label(node.text, node)
    a = actor(text)
    if not a:
        return
    subj, rest, _ = a
    lead = ctx.agencies([subj])
    body = " ".join([rest] + [_strip_label(c.text, c) for c in _all_desc(node)])
    _assignment_task(ctx, node, lead, body, text)


# -- tables ---------------------------------------------------------------------------------------------


def _table(ctx: _Ctx, table: Node) -> None:
    rows = [r for r in _descendants(table, "row")] if table.kind == "table" else []
    if not rows:
        return
    roles: Optional[list[Optional[str]]] = None
    for r in rows:
        cells = r.cells or []
        cand = [field_role(c) if c and len(c) < 60 else None for c in cells]
        if sum(1 for x in cand if x in ("lead", "support", "deadline", "content", "number")) >= 2:
            roles = cand
            break
    default = _roles().table_default
    for r in rows:
        raw = list(r.cells or [])
        cells = [clean(c or "") for c in raw]
        if not cells:
            continue
        if roles is not None and [field_role(c) if c and len(c) < 60 else None for c in cells] == roles:
            continue   # the header row itself
        base = roles if roles is not None else list(default)
        rr = _align(base, cells) if len(cells) != len(base) else base
        got: dict[str, list[str]] = {}
        for role, c, rc in zip(rr, cells, raw):
            if role and c:
                got.setdefault(role, []).append(_cell_text(rc or "") if role in ("lead", "support") else c)
        lead_t, sup_t, dl_t = got.get("lead", []), got.get("support", []), got.get("deadline", [])
        if not (lead_t or sup_t or dl_t):
            continue   # a group row ("2 Các hoạt động ...") or an empty row
        lead = ctx.agencies(lead_t)
        support = ctx.agencies(sup_t, exclude=lead)
        title = " ".join(got.get("content", [])) or (r.title or "")
        ctx.add(Task.new(id=r.id, source="table", title=clean(title), lead=lead, support=support,
                         deadline=ctx.deadline(" ".join(dl_t) if dl_t else None), node=r.id,
                         span=r.span))


def _cell_text(cell: str) -> str:
    """A cell's paragraphs: one agency per paragraph becomes a list ('Sở A' / 'Sở B' -> 'Sở A; Sở B')."""
    if "\n" not in cell:
        return clean(cell)
    out = ""
    for line in (ln.strip() for ln in cell.split("\n")):
        if not line:
            continue
        if out and _is_agency_start(line) and not rx.search(r"(?:,|\svà|\s-)$", out):
            out += "; " + line
        else:
            out = (out + " " + line).strip()
    return clean(out)


def _align(roles: list[Optional[str]], cells: list[str]) -> list[Optional[str]]:
    """Roles for a row with fewer cells than columns - empty cells are often lost in conversion.

    Tries every placement of the missing cells and keeps the one where the cells read best in their
    columns (a time in the time column, agencies in the agency columns, a number in the STT column).
    """
    n, m = len(cells), len(roles)
    if n >= m or n == 0:
        return _positional(roles, n)
    from itertools import combinations

    best, best_score = None, None
    for keep in combinations(range(m), n):
        sc = 0
        for ci, ri in enumerate(keep):
            sc += _fit(roles[ri], cells[ci])
        # prefer keeping earlier columns on ties (content columns lead a row)
        if best_score is None or sc > best_score:
            best, best_score = keep, sc
    return [roles[i] for i in best] if best else _positional(roles, n)


def _fit(role: Optional[str], cell: str) -> int:
    is_time = parse_deadline(cell).kind != "other"
    is_agency = _is_agency_start(cell)
    is_number = bool(rx.fullmatch(r"[0-9IVXivx]+(?:\.[0-9]+)*\.?", cell))
    if role == "deadline":
        return 3 if is_time else -3
    if role in ("lead", "support", "monitor"):
        return 2 if is_agency and not is_time else -2
    if role == "number":
        return 2 if is_number else -2
    return -1 if (is_time or is_number) else 0


def _positional(default: list[Optional[str]], n: int) -> list[Optional[str]]:
    if n == len(default):
        return list(default)
    if n == len(default) - 1:          # no STT column
        return [x for x in default if x != "number"]
    if n > len(default):
        return list(default) + [None] * (n - len(default))
    return list(default[:n])


# -- reporting ------------------------------------------------------------------------------------------

_REPORT_RE = rx.compile(r"(?i)(?<![\wÀ-ỹ])báo cáo(?!\s+viên)(?![\wÀ-ỹ])")
_REPORT_WORDS = ("báo cáo",)


def _report_in(text: str) -> Optional[re.Match[str]]:
    """_REPORT_RE.search(text)"""
    return next(rx.finditer_words(_REPORT_RE, text, _REPORT_WORDS), None)


_TO_RE = rx.compile(r"(?i)(?<![\wÀ-ỹ])(?:gửi(?:\s+(?:về|cho|lên|tới|đến))?|về|cho|lên|tới|đến)\s+")


def _reporting(ctx: _Ctx) -> list[Reporting]:
    plan = ctx.plan
    out: list[Reporting] = []
    units: list[tuple[str, str, Optional[Node]]] = []
    for n in plan.walk():
        if n.kind in ("table", "row"):
            continue
        units.append((n.id, n.text or "", n))
    if plan.closing and plan.closing.text:
        units.append(("closing", plan.closing.text, None))
    seen: set[tuple[str, str]] = set()
    for nid, text, node in units:
        # "áo" in some case first: lower-casing every node's text cost more than the rest of this loop
        if ("áo" not in text and "ÁO" not in text and "Áo" not in text and "áO" not in text) \
                or "báo cáo" not in text.lower():
            continue
        for sent in rx.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])|\./\.", text):
            if _report_in(sent) is None:
                continue
            for m in find_deadlines(sent):
                dl_text = clean(m.group(0))
                key = (nid, dl_text)
                if key in seen:
                    continue
                seen.add(key)
                year = _year_before(sent, m.start()) or ctx.year
                dl = parse_deadline(dl_text, default_year=year)
                to = _recipient(sent, m.start(), m.end())
                start = text.find(sent)
                span = None
                if node is not None:
                    span = ctx.span(node, start + m.start() if start >= 0 else None,
                                    start + m.end() if start >= 0 else None)
                else:
                    loc = getattr(plan, "locate", None)
                    if loc is not None and start >= 0:
                        try:
                            span = loc("closing", start + m.start(), start + m.end())
                        except Exception:  # noqa: BLE001
                            span = plan.closing.span if plan.closing else None
                    elif plan.closing:
                        span = plan.closing.span
                out.append(Reporting.new(text=clean(sent), deadline=dl, to=to, node=nid, span=span,
                                         date=dl.end if dl.kind == "date" else None))
    return out


def report_date(r: Reporting) -> Optional[Any]:
    """The single calendar date of a reporting duty (gold 'date'), None for periods and recurring ones."""
    if r.deadline and r.deadline.kind == "date":
        return r.deadline.end
    return None


def _year_before(sent: str, pos: int) -> Optional[int]:
    years = rx.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", sent[:pos])
    return int(years[-1]) if years else None


def _recipient(sent: str, start: int, end: int) -> Optional[str]:
    """Addressee of the report the deadline at sent[start:end] belongs to."""
    reports = list(rx.finditer_words(_REPORT_RE, sent, _REPORT_WORDS))
    before = [m for m in reports if m.end() <= start]
    for m in reversed(before):
        to = _to_after(sent[m.end(): start]) or _direct_addressee(sent[m.end(): start])
        if to:
            return to
    # "Định kỳ trước ngày ..., báo cáo kết quả thực hiện cho X": the deadline heads the report clause
    tail = sent[end:]
    mm = rx.match(r"\s*,\s*", tail)
    if mm:
        rest = tail[mm.end():]
        r = _REPORT_RE.match(rest)
        if r:
            return _to_after(rest[r.end():])
    if not before:
        # "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) báo cáo UBND thành phố qua Sở Ngoại vụ":
        # the first report verb after the deadline, in the same clause
        clause = rx.split(r"[;.]\s", tail, 1)[0]
        r = _report_in(clause)
        if r:
            seg = clause[r.end():]
            return _to_after(seg) or _direct_addressee(seg)
    return None


_REPORT_OBJECT = rx.compile(r"\s+(?:kết quả|tình hình|việc|nội dung|số liệu|về|trước|để|theo|định kỳ|(?:thông )?qua)\b")


def _direct_addressee(segment: str) -> Optional[str]:
    """"báo cáo Ủy ban nhân dân tỉnh kết quả …": the body right after the verb is the addressee."""
    rest = segment.lstrip()
    if not rest or not _is_agency_start(rest):
        return None
    obj = _REPORT_OBJECT.split(_object_list(rest), 1)[0]
    obj = clean(rx.split(r"\s*\(", obj)[0])
    return obj or None


def _to_after(segment: str) -> Optional[str]:
    for m in _TO_RE.finditer(segment):
        rest = segment[m.end():]
        if _is_agency_start(rest):
            obj = _object_list(rest)
            obj = rx.split(r"\s+(?:trước|để|theo|đối với|và đột xuất|hoặc|(?:thông\s+)?qua)\s|\s*\(", obj)[0]
            obj = clean(obj)
            if obj:
                return obj
    return None


# -- rows for `ttdn tasks` ------------------------------------------------------------------------------


def task_rows(plan: Plan, file: str = "") -> list[dict[str, Any]]:
    """One row per task for the table, CSV and XLSX exports; `where` finds it in the document as lint does
    ("đoạn 37", "bảng 2, dòng 5" in a Word file, "dòng 80" in a text file)."""
    from .report import where

    rows = []
    for t in plan.tasks:
        place = ""
        if t.span is not None:
            place = where(t.span, plan.source.format) or f"dòng {t.span.start_line}"
        rows.append({
            "file": file,
            "id": t.id,
            "title": t.title,
            "lead": "; ".join(a.text for a in t.lead),
            "support": "; ".join(a.text for a in t.support),
            "deadline": t.deadline.text if t.deadline else "",
            "deadline_end": t.deadline.end.isoformat() if t.deadline and t.deadline.end else "",
            "source": t.source,
            "where": place,
        })
    return rows
