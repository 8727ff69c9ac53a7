"""Main parts of a plan (TTDN410, TTDN411), judged from the top-level section titles."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Plan
from . import Finding, Rule
from ._util import fold

# (key, Vietnamese name, English name, keywords folded: no tone marks, đ -> d)
MAIN_PARTS = (
    ("purpose", "Mục đích, yêu cầu", "purpose and requirements", ("muc dich", "muc tieu", "yeu cau", "quan diem")),
    ("content", "Nội dung, nhiệm vụ", "content and tasks", ("noi dung", "nhiem vu", "giai phap", "hoat dong")),
    ("organisation", "Tổ chức thực hiện", "implementation arrangements",
     ("to chuc thuc hien", "trach nhiem", "phan cong")),
)
BUDGET_WORDS = ("kinh phi", "nguon luc", "tai chinh", "ngan sach", "du toan")


def top_titles(plan: Plan) -> list[str]:
    titles: list[str] = []
    for node in plan.sections:
        titles.append(fold(node.title or node.text.split("\n", 1)[0]))
        if node.kind == "part":
            titles.extend(fold(c.title or "") for c in node.children if c.kind == "section")
    return titles


def _anchor(plan: Plan):
    return plan.sections[0].span if plan.sections else (plan.preamble.span or plan.header.span)


def _missing_main_part(plan: Plan) -> Iterable[Finding]:
    titles = top_titles(plan)
    for key, vi, en, words in MAIN_PARTS:
        if not any(w in t for t in titles for w in words):
            yield Finding(span=_anchor(plan), node=None, data={"part": key, "part_vi": vi, "part_en": en})


MISSING_MAIN_PART = Rule(
    code="TTDN410", name="missing-main-part", group="parts", severity="error",
    message_vi="Kế hoạch thiếu phần “{part_vi}”.",
    message_en="The plan lacks its “{part_en}” part.",
    check=_missing_main_part,
    doc="""**What it checks.** The top-level sections of the plan include the three main parts of a *kế hoạch*: purpose
and requirements (`MỤC ĐÍCH, YÊU CẦU`, also `MỤC TIÊU`), content or tasks (`NỘI DUNG`, `NHIỆM VỤ`, `GIẢI PHÁP`) and
implementation (`TỔ CHỨC THỰC HIỆN`, `TRÁCH NHIỆM`), judged from the section titles.

**Why.** Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.6 lets a document be divided into parts and sections "theo một
trình tự nhất định"; for a plan the accepted order is purpose — content — budget — implementation (the
structure of the model plans of Thông tư 22/2016/TT-BTTTT and of every seed plan). Without the implementation part
no agency is assigned; without the content part there is nothing to implement.

**Example.** `I. MỤC ĐÍCH, YÊU CẦU` / `II. NỘI DUNG` — and no `TỔ CHỨC THỰC HIỆN`.

**Fix.** Add the missing part as a top-level section: `IV. TỔ CHỨC THỰC HIỆN`.""",
    doc_vi="""**Kiểm tra gì.** Các phần lớn (La Mã) của kế hoạch có đủ: Mục đích, yêu cầu (hoặc Mục tiêu); Nội dung/Nhiệm vụ;
Tổ chức thực hiện — xét theo tên các phần.

**Vì sao.** Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.6 (bố cục theo trình tự nhất định); kế hoạch thiếu phần Tổ
chức thực hiện thì không phân công được.

**Ví dụ.** `I. MỤC ĐÍCH, YÊU CẦU` / `II. NỘI DUNG` — không có `TỔ CHỨC THỰC HIỆN`.

**Cách sửa.** Thêm phần còn thiếu: `IV. TỔ CHỨC THỰC HIỆN`.""",
)


def _missing_budget_part(plan: Plan) -> Iterable[Finding]:
    if (plan.budget.text or "").strip() or plan.budget.amount_vnd:
        return
    if any(w in t for t in top_titles(plan) for w in BUDGET_WORDS):
        return
    yield Finding(span=_anchor(plan), node=None)


MISSING_BUDGET_PART = Rule(
    code="TTDN411", name="missing-budget-part", group="parts", severity="warning",
    message_vi="Kế hoạch không có phần “Kinh phí thực hiện”.",
    message_en="The plan has no “Kinh phí” (budget) part.",
    check=_missing_budget_part,
    doc="""**What it checks.** The plan has a part on funding (`KINH PHÍ THỰC HIỆN`, `KINH PHÍ VÀ THỜI GIAN THỰC HIỆN`,
`NGUỒN LỰC`), or the parser found a budget statement elsewhere.

**Why.** Thông tư 22/2016/TT-BTTTT and the Luật Ngân sách nhà nước require activities to be funded from an
approved estimate; a plan that does not say where its money comes from cannot be budgeted. A warning: some plans
state funding inside `TỔ CHỨC THỰC HIỆN`.

**Example.** `I. MỤC ĐÍCH, YÊU CẦU` / `II. NỘI DUNG` / `III. TỔ CHỨC THỰC HIỆN` and no word on funding.

**Fix.** Add `III. KINH PHÍ THỰC HIỆN` — `Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp hiện hành …`.""",
    doc_vi="""**Kiểm tra gì.** Kế hoạch có phần kinh phí (`KINH PHÍ THỰC HIỆN`, `NGUỒN LỰC` …) hoặc có nêu nguồn kinh phí.

**Vì sao.** Hoạt động phải có nguồn kinh phí trong dự toán được duyệt (Luật Ngân sách nhà nước, Thông tư
22/2016/TT-BTTTT). Là cảnh báo vì có kế hoạch nêu kinh phí trong phần Tổ chức thực hiện.

**Ví dụ.** Chỉ có `I. MỤC ĐÍCH…`, `II. NỘI DUNG`, `III. TỔ CHỨC THỰC HIỆN`.

**Cách sửa.** Thêm `III. KINH PHÍ THỰC HIỆN`.""",
)
