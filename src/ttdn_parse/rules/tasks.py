"""Task rules (TTDN1xx): every task has a lead agency and a time; the plan has legal bases."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rx
from ..models import Agency, Plan, Task
from . import Finding, Rule
from ._util import node_span, norm


def _label(task: Task) -> str:
    title = (task.title or "").strip()
    if len(title) > 70:
        title = title[:67].rstrip() + "…"
    return title or task.id


def _finding(task: Task, plan: Plan, **data) -> Finding:
    return Finding(span=task.span or node_span(plan, task.node), node=task.node,
                   data={"task": _label(task), "id": task.id, **data})


def _missing_lead(plan: Plan) -> Iterable[Finding]:
    for task in plan.tasks:
        if not task.lead:
            yield _finding(task, plan)


MISSING_LEAD = Rule(
    code="TTDN101", name="missing-lead-agency", group="tasks", severity="error",
    message_vi="Nhiệm vụ “{task}” chưa có cơ quan chủ trì.",
    message_en="Task “{task}” has no lead agency.",
    check=_missing_lead,
    doc="""**What it checks.** Every task of the plan (an item with `Cơ quan chủ trì` fields, a sentence
`X chủ trì, phối hợp với Y`, a duty under an agency heading in *Tổ chức thực hiện*, an appendix table row)
names the agency that leads it.

**Why.** A plan assigns work: Nghị định 72/2015/NĐ-CP (Điều 4, 5) and Thông tư 22/2016/TT-BTTTT make the
provincial plan for thông tin đối ngoại the instrument that distributes duties among agencies; a task with no
lead agency is assigned to nobody and cannot be followed up or reported on.

**Example.** `a) Nội dung: Tổ chức hội nghị …` / `b) Thời gian thực hiện: Quý II/2025` — no `Cơ quan chủ trì`.

**Fix.** Add the lead agency: `c) Cơ quan chủ trì: Sở Thông tin và Truyền thông`.""",
    doc_vi="""**Kiểm tra gì.** Mỗi nhiệm vụ (mục có trường “Cơ quan chủ trì”, câu “X chủ trì, phối hợp với Y”, nhiệm vụ
dưới tên cơ quan ở phần Tổ chức thực hiện, dòng của bảng phụ lục) phải nêu cơ quan chủ trì.

**Vì sao.** Kế hoạch là văn bản phân công (Nghị định 72/2015/NĐ-CP, Thông tư 22/2016/TT-BTTTT); nhiệm vụ không có
cơ quan chủ trì thì không ai chịu trách nhiệm thực hiện và báo cáo.

**Ví dụ.** `a) Nội dung: Tổ chức hội nghị …` / `b) Thời gian thực hiện: Quý II/2025` — thiếu “Cơ quan chủ trì”.

**Cách sửa.** Bổ sung: `c) Cơ quan chủ trì: Sở Thông tin và Truyền thông`.""",
)


def _top(node_id: str) -> str:
    return node_id.split(".", 1)[0]


def _missing_deadline(plan: Plan) -> Iterable[Finding]:
    """Tasks without a time, judged against the convention of their own section.

    Duties listed under an agency heading in *Tổ chức thực hiện* (source "assignment") are standing duties for
    the whole plan period and are not checked. A plan that gives no task a time is not flagged task by task;
    a task is flagged when most of the other tasks of its top-level section (or, for table rows, of its
    table) do carry a time — the plan's own convention says it should have one.
    """
    for task in plan.tasks:
        if task.deadline is not None and (task.deadline.text or "").strip():
            continue
        if task.source == "assignment":   # standing duties of an agency: they run for the plan's period
            continue
        peers = [t for t in plan.tasks if t is not task and _top(t.node) == _top(task.node)]
        timed = sum(1 for t in peers if t.deadline is not None and (t.deadline.text or "").strip())
        if peers and timed * 2 > len(peers):
            yield _finding(task, plan)


MISSING_DEADLINE = Rule(
    code="TTDN102", name="missing-deadline", group="tasks", severity="error",
    message_vi="Nhiệm vụ “{task}” chưa có thời gian thực hiện (hầu hết các nhiệm vụ khác cùng phần đều có).",
    message_en="Task “{task}” has no time frame (most other tasks of its part have one).",
    check=_missing_deadline,
    doc="""**What it checks.** A task with no time (`Thời gian thực hiện`, `Thời gian hoàn thành`, a time column) in a
part of the plan where most tasks have one. Plans that give no task a time at all, and the standing duties
listed under each agency in *Tổ chức thực hiện* (valid for the whole plan period), are not flagged.

**Why.** A task needs a time frame to be followed up (Thông tư 22/2016/TT-BTTTT asks provinces to plan
thông tin đối ngoại work with its timing and report on it); when the other tasks of the same part carry a time,
a task without one is almost always an omission.

**Example.** `2.3. Bố trí nhân sự …` with `Cơ quan chủ trì` but no `Thời gian thực hiện`, between items that have
one.

**Fix.** Add the time: `Thời gian thực hiện: Năm 2025` (or `Thường xuyên`).""",
    doc_vi="""**Kiểm tra gì.** Nhiệm vụ không có thời gian thực hiện trong khi đa số nhiệm vụ cùng phần đều có. Kế hoạch
không ghi thời gian cho nhiệm vụ nào, và nhiệm vụ thường xuyên giao cho từng cơ quan ở phần Tổ chức thực hiện
(thực hiện trong cả kỳ kế hoạch), thì không bị báo.

**Vì sao.** Không có thời hạn thì không theo dõi, đôn đốc, báo cáo được (Thông tư 22/2016/TT-BTTTT).

**Ví dụ.** Mục `2.3.` có “Cơ quan chủ trì” nhưng thiếu “Thời gian thực hiện”, giữa các mục đều có.

**Cách sửa.** Bổ sung `Thời gian thực hiện: Năm 2025` (hoặc `Thường xuyên`).""",
)


def _missing_legal_basis(plan: Plan) -> Iterable[Finding]:
    if plan.legal_bases or plan.header.attached_to:
        return
    span = plan.preamble.span or plan.header.span
    yield Finding(span=span, node="preamble" if plan.preamble.span else "header")


MISSING_LEGAL_BASIS = Rule(
    code="TTDN103", name="missing-legal-basis", group="tasks", severity="error",
    message_vi="Kế hoạch không nêu căn cứ ban hành (không có văn bản nào được viện dẫn ở phần mở đầu).",
    message_en="The plan states no legal basis (no document is cited in its opening).",
    check=_missing_legal_basis,
    doc="""**What it checks.** The opening of the plan (`Căn cứ …`, `Thực hiện …`) cites at least one document. A plan
issued with a decision (`Ban hành kèm theo Quyết định số …`) is exempt: the decision carries the bases.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: the content of a document opens with its bases (căn cứ),
each giving the type, number and symbol, issuer, date and subject of the document relied on.

**Example.** A plan that starts directly with `I. MỤC ĐÍCH, YÊU CẦU`.

**Fix.** Add the bases: `Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động
thông tin đối ngoại;`""",
    doc_vi="""**Kiểm tra gì.** Phần mở đầu (“Căn cứ …”, “Thực hiện …”) phải viện dẫn ít nhất một văn bản. Kế hoạch ban hành
kèm theo quyết định thì không cần (căn cứ nằm ở quyết định).

**Vì sao.** Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6: nội dung văn bản mở đầu bằng căn cứ ban hành.

**Ví dụ.** Kế hoạch bắt đầu ngay bằng `I. MỤC ĐÍCH, YÊU CẦU`.

**Cách sửa.** Thêm `Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ …;`""",
)

_ABBREV = (
    (rx.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (rx.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (rx.compile(r"\btt&tt\b|\btt và tt\b"), "thông tin và truyền thông"),
)
_TAIL = rx.compile(r"\b(?:có liên quan|liên quan)\b|[;,.:]+$")


def agency_key(agency: Agency) -> str:
    """Normalised identity of an agency: its registry name, else its printed text without filler."""
    if agency.canonical:
        return norm(agency.canonical)
    text = norm(agency.text).replace("uỷ", "ủy")
    for pattern, repl in _ABBREV:
        text = pattern.sub(repl, text)
    text = _TAIL.sub("", text)
    text = rx.sub(r"^(?:các|những)\s+", "", text)
    return rx.squeeze(text).strip(" ,;.")


def _lead_also_support(plan: Plan) -> Iterable[Finding]:
    for task in plan.tasks:
        leads = {agency_key(a): a for a in task.lead}
        seen: set[str] = set()
        for agency in task.support:
            key = agency_key(agency)
            if key and key in leads and key not in seen:
                seen.add(key)
                yield _finding(task, plan, agency=leads[key].text.strip())


LEAD_ALSO_SUPPORT = Rule(
    code="TTDN104", name="lead-also-support", group="tasks", severity="warning",
    message_vi="“{agency}” vừa là cơ quan chủ trì vừa là cơ quan phối hợp của nhiệm vụ “{task}”.",
    message_en="“{agency}” is both the lead and a supporting agency of task “{task}”.",
    check=_lead_also_support,
    doc="""**What it checks.** The same agency (same registry name, or the same printed name once abbreviations such as
`UBND` and fillers such as `có liên quan` are normalised) listed both as `Cơ quan chủ trì` and `Cơ quan phối hợp`
of one task.

**Why.** The lead agency answers for the task and the supporting agencies assist it; an agency cannot
coordinate with itself, so the assignment is ambiguous (usually a copy-paste of the lead line into the support
line).

**Example.** `Cơ quan chủ trì: Sở Thông tin và Truyền thông, UBND các huyện, thành phố` /
`Cơ quan phối hợp: Ban Dân tộc tỉnh; các Sở, ban, ngành có liên quan và UBND các huyện, thành phố`.

**Fix.** Keep the agency in one of the two lists.""",
    doc_vi="""**Kiểm tra gì.** Một cơ quan được ghi cả ở “Cơ quan chủ trì” và “Cơ quan phối hợp” của cùng một nhiệm vụ.

**Vì sao.** Cơ quan chủ trì chịu trách nhiệm chính, cơ quan phối hợp hỗ trợ; một cơ quan không thể phối hợp với
chính mình — phân công không rõ ràng.

**Ví dụ.** Chủ trì: `Sở Thông tin và Truyền thông, UBND các huyện, thành phố`; phối hợp: `…và UBND các huyện,
thành phố`.

**Cách sửa.** Chỉ giữ cơ quan đó ở một trong hai danh sách.""",
)


def _deadline_outside_period(plan: Plan) -> Iterable[Finding]:
    period = plan.header.period
    if period.start is None and period.end is None:
        return
    lo = period.start if period.start is not None else period.end
    hi = period.end if period.end is not None else period.start
    for task in plan.tasks:
        dl = task.deadline
        if dl is None or dl.kind == "recurring" or (dl.start is None and dl.end is None):
            continue
        first = (dl.start or dl.end).year
        last = (dl.end or dl.start).year
        if last < lo or first > hi:
            yield _finding(task, plan, deadline=dl.text.strip(),
                           period=str(lo) if lo == hi else f"{lo}–{hi}")


DEADLINE_OUTSIDE_PERIOD = Rule(
    code="TTDN105", name="deadline-outside-period", group="tasks", severity="warning",
    message_vi="Thời gian “{deadline}” của nhiệm vụ “{task}” nằm ngoài thời kỳ của kế hoạch ({period}).",
    message_en="The time “{deadline}” of task “{task}” lies outside the plan's period ({period}).",
    check=_deadline_outside_period,
    doc="""**What it checks.** A task whose time (a date, month, quarter, year or range) lies entirely outside the
period of the plan (`năm 2025`, `giai đoạn 2019-2020` in the title). Ranges that overlap the period
(`Giai đoạn 2024 - 2025` in a 2025 plan) are accepted; recurring times (`Hằng tháng`) are not checked.

**Why.** A plan can only assign work within its own period; a time outside it is usually last year's plan
copied without updating the year.

**Example.** `Thời gian thực hiện: Quý III/2024` in the `KẾ HOẠCH … NĂM 2025`.

**Fix.** Correct the year: `Quý III/2025`.""",
    doc_vi="""**Kiểm tra gì.** Thời gian thực hiện của nhiệm vụ nằm hoàn toàn ngoài thời kỳ của kế hoạch (năm/giai đoạn ghi
ở tên kế hoạch). Khoảng thời gian giao với thời kỳ kế hoạch thì chấp nhận; thời gian định kỳ không kiểm tra.

**Vì sao.** Kế hoạch chỉ giao việc trong thời kỳ của nó; sai năm thường do sao chép kế hoạch năm trước.

**Ví dụ.** `Thời gian thực hiện: Quý III/2024` trong kế hoạch năm 2025.

**Cách sửa.** Sửa năm: `Quý III/2025`.""",
)
