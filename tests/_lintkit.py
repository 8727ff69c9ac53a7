"""Hand-built Plan objects for the lint tests (no parser needed)."""

from __future__ import annotations

from datetime import date

from ttdn_parse.blocks import Block, Document
from ttdn_parse.models import (Agency, Deadline, Header, Node, Period, Plan, Preamble, Recipient, Reference,
                               Signature, Source, Span, Task)

LINES = [
    "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG",                      # 1
    "Số: 678/KH-UBND",                                      # 2
    "Đắk Nông, ngày 23 tháng 10 năm 2024",                  # 3
    "KẾ HOẠCH",                                             # 4
    "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH ĐẮK NÔNG NĂM 2025",  # 5
    "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;",  # 6
    "I. MỤC ĐÍCH, YÊU CẦU",                                 # 7
    "- Nâng cao chất lượng công tác thông tin đối ngoại.",  # 8
    "II. NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2025",         # 9
    "1. Tổ chức hội nghị",                                  # 10
    "a) Cơ quan chủ trì: Sở Thông tin và Truyền thông",     # 11
    "b) Thời gian thực hiện: Quý II/2025",                  # 12
    "2. Xuất bản ấn phẩm",                                  # 13
    "a) Cơ quan chủ trì: Sở Ngoại vụ",                      # 14
    "b) Thời gian thực hiện: Năm 2025",                     # 15
    "3. Quảng bá du lịch",                                  # 16
    "a) Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch",  # 17
    "b) Thời gian thực hiện: Năm 2025",                     # 18
    "III. KINH PHÍ THỰC HIỆN",                              # 19
    "Ngân sách nhà nước.",                                  # 20
    "IV. TỔ CHỨC THỰC HIỆN",                                # 21
    "Các sở, ngành triển khai.",                            # 22
    "Nơi nhận:",                                            # 23
    "- Bộ Thông tin và Truyền thông;",                      # 24
    "KT. CHỦ TỊCH",                                         # 25
    "PHÓ CHỦ TỊCH",                                         # 26
    "Tôn Thị Ngọc Hạnh",                                    # 27
]


def sp(a: int, b: int | None = None, **kw) -> Span:
    return Span(start_line=a, end_line=b or a, **kw)


def _field(id_, label, title, line):
    return Node(id=id_, kind="field", label=label, title=title, text=LINES[line - 1], span=sp(line))


def _item(sec, n, line):
    return Node(id=f"{sec}.{n}", kind="item", label=f"{n}.", title=LINES[line - 1][3:], text=LINES[line - 1],
                span=sp(line, line + 2),
                children=[_field(f"{sec}.{n}.a", "a)", "Cơ quan chủ trì", line + 1),
                          _field(f"{sec}.{n}.b", "b)", "Thời gian thực hiện", line + 2)])


def make_plan(lines=None) -> Plan:
    lines = lines or LINES
    sections = [
        Node(id="I", kind="section", label="I.", title="MỤC ĐÍCH, YÊU CẦU", text=lines[6], span=sp(7, 8),
             children=[Node(id="I.b1", kind="bullet", label="-", text=lines[7], span=sp(8))]),
        Node(id="II", kind="section", label="II.", title="NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2025", text=lines[8],
             span=sp(9, 18), children=[_item("II", 1, 10), _item("II", 2, 13), _item("II", 3, 16)]),
        Node(id="III", kind="section", label="III.", title="KINH PHÍ THỰC HIỆN", text=lines[18], span=sp(19, 20),
             children=[Node(id="III.p1", kind="paragraph", text=lines[19], span=sp(20))]),
        Node(id="IV", kind="section", label="IV.", title="TỔ CHỨC THỰC HIỆN", text=lines[20], span=sp(21, 22),
             children=[Node(id="IV.p1", kind="paragraph", text=lines[21], span=sp(22))]),
    ]
    tasks = [
        Task(id="II.1", source="fields", title="Tổ chức hội nghị", node="II.1", span=sp(10, 12),
             lead=[Agency(text="Sở Thông tin và Truyền thông")],
             deadline=Deadline(text="Quý II/2025", kind="quarter", start=date(2025, 4, 1), end=date(2025, 6, 30))),
        Task(id="II.2", source="fields", title="Xuất bản ấn phẩm", node="II.2", span=sp(13, 15),
             lead=[Agency(text="Sở Ngoại vụ")],
             deadline=Deadline(text="Năm 2025", kind="year", start=date(2025, 1, 1), end=date(2025, 12, 31))),
        Task(id="II.3", source="fields", title="Quảng bá du lịch", node="II.3", span=sp(16, 18),
             lead=[Agency(text="Sở Văn hóa, Thể thao và Du lịch")],
             deadline=Deadline(text="Năm 2025", kind="year", start=date(2025, 1, 1), end=date(2025, 12, 31))),
    ]
    return Plan(
        source=Source(path="plan.txt", format="txt", sha256="0" * 64),
        header=Header(issuer="ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", national_motto=True, symbol="678/KH-UBND",
                      number="678", code="KH-UBND", place="Đắk Nông",
                      date_text="Đắk Nông, ngày 23 tháng 10 năm 2024", doc_type="KẾ HOẠCH",
                      title="CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH ĐẮK NÔNG NĂM 2025", province="Đắk Nông",
                      period=Period(start=2025, end=2025), span=sp(1, 5)),
        preamble=Preamble(text=lines[5], span=sp(6)),
        sections=sections,
        recipients=[Recipient(text="Bộ Thông tin và Truyền thông", span=sp(24))],
        signature=Signature(authority="KT.", authority_line="KT. CHỦ TỊCH", position="PHÓ CHỦ TỊCH",
                            name="Tôn Thị Ngọc Hạnh", span=sp(25, 27)),
        legal_bases=[Reference(text="Nghị định số 72/2015/NĐ-CP", kind="normative", type="Nghị định",
                               number="72", year=2015, code="NĐ-CP", symbol="72/2015/NĐ-CP", node="preamble")],
        tasks=tasks,
    )


def make_document(lines=None, fmt="txt") -> Document:
    lines = lines or LINES
    return Document(blocks=[Block(text=t, line=i) for i, t in enumerate(lines, 1)], format=fmt, sha256="0" * 64,
                    path="plan.txt")


def codes(diags) -> list[str]:
    return [d.code for d in diags]
