"""TTDN306: a heading that names a year the plan does not cover."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .. import rx
from ..models import Plan
from . import Finding, Rule
from ._util import fold, headings, locate

_YEAR = rx.compile(r"\bnăm\s+(\d{4})(?:\s*[-–]\s*(\d{4}))?(?=\s*[.:;,)”\"*]*\s*$)", re.IGNORECASE)
_BEFORE_OK = rx.compile(r"(?:đến|tới|từ|hết|sau|trước|tháng\s+\d{1,2}|ngày\s+\d{1,2}|kỷ niệm|\d+)\s*$", re.IGNORECASE)
_REVIEW = ("ket qua", "danh gia", "tinh hinh", "so ket", "tong ket", "ky niem", "nhin lai")
_PLAN_WORDS = ("nhiem vu", "ke hoach", "noi dung", "chi tieu", "muc tieu", "trong tam", "chuong trinh cong tac")


def _heading_year(plan: Plan) -> Iterable[Finding]:
    period = plan.header.period
    if period.start is None and period.end is None:
        return
    lo = period.start if period.start is not None else period.end
    hi = period.end if period.end is not None else period.start
    top = {id(n) for n in plan.sections}
    for node, title in headings(plan):
        title = unicodedata.normalize("NFC", " ".join(title.split()))
        m = _YEAR.search(title)
        if not m or _BEFORE_OK.search(title[: m.start()]):
            continue
        folded = fold(title)
        if any(w in folded for w in _REVIEW):
            continue
        if id(node) not in top and not any(w in folded for w in _PLAN_WORDS):
            continue
        first = int(m.group(1))
        last = int(m.group(2) or first)
        if lo <= first and last <= hi:
            continue
        years = m.group(1) + (f"–{m.group(2)}" if m.group(2) else "")
        span = node.span
        text = unicodedata.normalize("NFC", node.text)
        found = re.search(re.escape(m.group(1)), text)
        if found:
            span = locate(plan, node, found.start(), found.end())
        yield Finding(span=span, node=node.id, data={
            "heading": title.strip(" *"), "year": years,
            "period": str(lo) if lo == hi else f"{lo}–{hi}"})


HEADING_YEAR_MISMATCH = Rule(
    code="TTDN306", name="heading-year-mismatch", group="structure", severity="warning",
    message_vi="Tiêu đề “{heading}” ghi năm {year}, khác với thời kỳ của kế hoạch ({period}).",
    message_en="Heading “{heading}” names the year {year}, outside the plan's period ({period}).",
    check=_heading_year,
    doc="""**What it checks.** A section heading (or an item heading about tasks, targets or contents) that ends with
`NĂM YYYY` naming a year outside the plan's period — the period comes from the title (`… NĂM 2025`,
`giai đoạn 2019-2020`). Headings that review a past year (`Kết quả …`, `Đánh giá …`, `Tình hình …`) and
phrases such as `đến năm 2030` are not flagged.

**Why.** The plan's period is set by its title (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.5: the trích yếu states
what the document is about); a heading with another year is nearly always a leftover of last year's plan copied
as a template.

**Example.** `II. NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2024` in the `KẾ HOẠCH … NĂM 2025`.

**Fix.** Correct the year: `II. NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2025`.""",
    doc_vi="""**Kiểm tra gì.** Tiêu đề phần (hoặc mục về nhiệm vụ, chỉ tiêu, nội dung) kết thúc bằng `NĂM YYYY` mà năm đó nằm
ngoài thời kỳ của kế hoạch (lấy từ tên kế hoạch). Tiêu đề đánh giá năm trước (`Kết quả …`, `Tình hình …`) và cụm
`đến năm 2030` không bị báo.

**Vì sao.** Thời kỳ kế hoạch do trích yếu xác định; tiêu đề ghi năm khác thường là sót lại khi sao chép kế hoạch năm
trước.

**Ví dụ.** `II. NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2024` trong kế hoạch năm 2025.

**Cách sửa.** Sửa thành `NĂM 2025`.""",
)
