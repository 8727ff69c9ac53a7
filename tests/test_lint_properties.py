"""Properties of the lint engine on arbitrary plan-like text: it never raises, never reports a rule crash
(TTDN000 from a check), only declared codes, and the same input gives the same findings and fingerprints."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn_parse import parse_text
from ttdn_parse.lint import lint, report_for
from ttdn_parse.rules import all_rules

PIECES = [
    "KẾ HOẠCH", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Số:      /KH-UBND", "Số: 12/KH-UBND", "Đắk Nông, ngày 5 tháng 1 năm 2025",
    "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH BÌNH THUẬN NĂM 2025", "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015;",
    "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG NHIỆM VỤ NĂM 2024", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN", "V.", "1.", "2.",
    "1.1. Tổ chức hội nghị", "a) Cơ quan chủ trì: Sở Ngoại vụ", "b) Cơ quan phối hợp: Sở Ngoại vụ",
    "c) Thời gian thực hiện: Quý III/2026", "d)", "- Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an tỉnh",
    "<!-- ttdn: ignore[TTDN101] x -->", "ttdn: ignore-file[ALL]", "Nơi nhận:", "- Lưu: VT.", "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "| STT | Nội dung | Chủ trì |", "", "   ", "**2. Yêu cầu:**", "## III.",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=30).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_lint_total_and_deterministic(text):
    plan = parse_text(text)
    first = lint(plan)
    codes = set(all_rules())
    assert all(d.code in codes for d in first)
    assert not any(d.code == "TTDN000" for d in first), [d.message for d in first if d.code == "TTDN000"]
    again = report_for(parse_text(text), None, "x.txt")
    assert [d.model_dump() for d in again.diagnostics] == [d.model_dump() for d in first]
    assert [r.fingerprint for r in again.records] == [r.fingerprint for r in report_for(plan, None, "x.txt").records]
