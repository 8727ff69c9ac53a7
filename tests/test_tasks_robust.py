"""The task extractor never raises and never drops an agency it was given, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn_parse import parse_text, tasks
from ttdn_parse.agencies import split_agency_texts

tasks._STRICT = True

LINES = [
    "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN", "IV. CHẾ ĐỘ BÁO CÁO", "1. Sở Tài chính",
    "2. Sở Nội vụ: Chủ trì, phối hợp với Sở Tư pháp rà soát", "a) Cơ quan chủ trì: Sở Y tế, Sở Xây dựng",
    "b) Cơ quan phối hợp:", "c) Thời gian thực hiện: Quý V/2025", "- Phối hợp với", "- Phối hợp giữa với",
    "Các sở, ban, ngành", "Thường xuyên", "báo cáo về trước ngày 31/2", "Đề nghị - Cơ quan thường trực",
    "| STT | Nội dung | Cơ quan chủ trì |", "| 1 | x | |", "1.1\tViệc\tSở A\tSở B\t2025", ":", ";", "và", ",",
    "Định kỳ trước ngày 10 tháng 13 hàng năm, báo cáo cho", "Trên đây là Kế hoạch./.",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LINES), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)), max_size=25))
def test_attach_never_raises(lines):
    plan = parse_text("\n".join(lines))
    for t in plan.tasks:
        assert t.id and t.node
        for a in t.lead + t.support:
            assert a.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Sở Tài chính", "các cơ quan liên quan", "UBND các huyện, thị xã", "Ban Dân tộc tỉnh",
                                  "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Báo Lâm Đồng"]),
                min_size=1, max_size=6, unique=True),
       st.sampled_from([", ", "; "]))
def test_split_keeps_every_agency(names, sep):
    text = sep.join(names)
    got = split_agency_texts(text)
    assert got == names
