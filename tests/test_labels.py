"""Table-driven tests for the line recognisers the lexer and the grammar rely on."""

from __future__ import annotations

import pytest

from ttdn_parse.labels import match_authority, match_doc_type, match_field, match_footnote, match_label, \
    match_recipients, starts_lower


@pytest.mark.parametrize("line, kind, key, depth", [
    ("I. MỤC ĐÍCH, YÊU CẦU", "section", "I", 0),
    ("II- CÁC NHIỆM VỤ TRỌNG TÂM", "section", "II", 0),
    ("III: KINH PHÍ", "section", "III", 0),
    ("IV. TỔ CHỨC THỰC HIỆN", "section", "IV", 0),
    ("IX. PHỤ LỤC", "section", "IX", 0),
    ("XIV. MỤC", "section", "XIV", 0),
    ("III.", "section", "III", 0),
    ("PHẦN I. KẾT QUẢ", "part", "I", 0),
    ("PHẦN THỨ HAI", "part", "II", 0),                      # its id is PII, as for "PHẦN II"
    ("Phần thứ nhất: ĐÁNH GIÁ KẾT QUẢ NĂM 2025", "part", "I", 0),
    ("Phần thứ hai. KẾ HOẠCH NĂM 2026", "part", "II", 0),
    ("a- Quảng bá hình ảnh", "clause", "a", 0),
    ("b – Thu hút đầu tư", "clause", "b", 0),
    ("Phần II: Nhiệm vụ", "part", "II", 0),
    ("A. KẾT QUẢ THỰC HIỆN NĂM 2025", "part", "A", 0),
    ("1. Mục đích", "item", "1", 1),
    ("12. Sở Tài chính", "item", "12", 1),
    ("1.", "item", "1", 1),
    ("2.1. Quán triệt", "item", "2.1", 2),
    ("2.1 Quán triệt", "item", "2.1", 2),
    ("2.4.1. Quản lý", "item", "2.4.1", 3),
    ("1.2.3.4. Sâu", "item", "1.2.3.4", 4),
    ("1) Nội dung", "item", "1", 0),
    ("a) Nội dung:", "clause", "a", 0),
    ("đ) Chữ đ", "clause", "đ", 0),
    ("b. Tuyên truyền", "clause", "b", 0),
    ("- Tuyên truyền", "bullet", "", 0),
    ("+ Về các quyền", "sub", "", 0),
])
def test_labels(line, kind, key, depth):
    lab = match_label(line)
    assert lab is not None and (lab.kind, lab.key, lab.depth) == (kind, key, depth)


@pytest.mark.parametrize("line", [
    "2025.",                               # a year at the start of a wrapped line
    "Phần năm 2025 của kế hoạch",          # "năm" is an ordinal only after "thứ"
    "a-b testing",
    "2021 - 2025 là giai đoạn",
    "VIỆT NAM",
    "Việt Nam",
    "Ban hành",
    "1.000.000 đồng",
    "2.5 tỷ đồng",
    "v.v...",
    "a.m.",
    "I love",
    "100. Quá lớn",
    "Căn cứ Luật",
])
def test_not_labels(line):
    assert match_label(line) is None


@pytest.mark.parametrize("text, name, role, value", [
    ("Cơ quan chủ trì: Sở Thông tin và Truyền thông.", "Cơ quan chủ trì", "lead", "Sở Thông tin và Truyền thông."),
    ("Cơ quan chủ trì tham mưu: Sở X", "Cơ quan chủ trì tham mưu", "lead", "Sở X"),
    ("Đơn vị chủ trì: Sở X", "Đơn vị chủ trì", "lead", "Sở X"),
    ("Chủ trì: Sở X", "Chủ trì", "lead", "Sở X"),
    ("Đơn vị thực hiện: Trên cơ sở", "Đơn vị thực hiện", "lead", "Trên cơ sở"),
    ("Cơ quan thực hiện: Báo Đắk Nông", "Cơ quan thực hiện", "lead", "Báo Đắk Nông"),
    ("Cơ quan chỉ đạo, hướng dẫn: Ban Tuyên giáo", "Cơ quan chỉ đạo, hướng dẫn", "lead", "Ban Tuyên giáo"),
    ("Cơ quan phối hợp: Các Sở", "Cơ quan phối hợp", "support", "Các Sở"),
    ("Đơn vị phối hợp: Các Sở", "Đơn vị phối hợp", "support", "Các Sở"),
    ("Thời gian thực hiện: Thường xuyên", "Thời gian thực hiện", "deadline", "Thường xuyên"),
    ("Thời gian hoàn thành: Quý I/2026", "Thời gian hoàn thành", "deadline", "Quý I/2026"),
    ("Tiến độ: Tháng 6/2026", "Tiến độ", "deadline", "Tháng 6/2026"),
    ("Kinh phí: 500 triệu đồng", "Kinh phí", "budget", "500 triệu đồng"),
    ("Sản phẩm: Báo cáo", "Sản phẩm", "product", "Báo cáo"),
    ("Nội dung:", "Nội dung", "content", ""),
    ("Nhiệm vụ: Triển khai", "Nhiệm vụ", "content", "Triển khai"),
    ("cơ quan chủ trì: Sở X", "cơ quan chủ trì", "lead", "Sở X"),
    ("Tổng kinh phí: Hoạt động", "Tổng kinh phí", "budget", "Hoạt động"),
])
def test_fields(text, name, role, value):
    f = match_field(text)
    assert f is not None and (f.name, f.role, f.value) == (name, role, value)


@pytest.mark.parametrize("text", [
    "Cơ quan chủ trì là Sở Thông tin",       # no colon: a sentence, not a field
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với Ban Dân tộc",
    "Nội dung cụ thể như sau",
])
def test_not_fields(text):
    assert match_field(text) is None


@pytest.mark.parametrize("line, expected", [
    ("KẾ HOẠCH", "KẾ HOẠCH"),
    ("K Ế  H O Ạ C H", "KẾ HOẠCH"),
    ("KẾ HOẠCH HÀNH ĐỘNG", "KẾ HOẠCH HÀNH ĐỘNG"),
    ("CHƯƠNG TRÌNH", "CHƯƠNG TRÌNH"),
    ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH"),
    ("Kế hoạch", None),
    ("KẾ HOẠCH CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2025", None),
])
def test_doc_type(line, expected):
    assert match_doc_type(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("[1] Quyết định số 1944/QĐ-UBND", ("1", "Quyết định số 1944/QĐ-UBND")),
    ("⁽¹⁾ Kỷ niệm 50 năm", ("1", "Kỷ niệm 50 năm")),
    ("¹² Chú thích", ("12", "Chú thích")),
    ("1. Không phải chú thích", None),
    ("(1) Nâng cao năng lực", None),
])
def test_footnote(line, expected):
    assert match_footnote(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("KT. CHỦ TỊCH", ("KT.", "CHỦ TỊCH")),
    ("KT.CHỦ TỊCH", ("KT.", "CHỦ TỊCH")),
    ("TM. ỦY BAN NHÂN DÂN", ("TM.", "ỦY BAN NHÂN DÂN")),
    ("TL. GIÁM ĐỐC", ("TL.", "GIÁM ĐỐC")),
    ("TUQ. CHỦ TỊCH", ("TUQ.", "CHỦ TỊCH")),
    ("Q. GIÁM ĐỐC", ("Q.", "GIÁM ĐỐC")),
    ("T/M BAN THƯỜNG VỤ", ("TM.", "BAN THƯỜNG VỤ")),
    ("QUYẾT ĐỊNH", None),
    ("KTXH", None),
    ("TL. Giám đốc ký", None),
])
def test_authority(line, expected):
    assert match_authority(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Nơi nhận:", ""), ("Nơi nhận: - Như trên;", "- Như trên;"), ("NƠI NHẬN:", ""), ("Nơi khác", None),
])
def test_recipients_head(line, expected):
    assert match_recipients(line) == expected


@pytest.mark.parametrize("text, expected", [
    ("lượng công tác", True), ("“nâng cao", True), ("(hoàn thành", True), ("Sở Thông tin", False),
    ("2025.", False), ("đối ngoại", True), ("Đối ngoại", False),
])
def test_starts_lower(text, expected):
    assert starts_lower(text) is expected
