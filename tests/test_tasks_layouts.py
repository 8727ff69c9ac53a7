"""Task layouts the seeds do not show: fields in any order and wording, 'Agency: duty' lines, a)-clauses
under an agency heading, 'Đề nghị' headings, a table with a header row and extra columns in another order,
post-2025 agency names. The plan text is tests/data/plans/layouts-2026.txt (written for these tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ttdn_parse import parse_file
from ttdn_parse import tasks as _tasks

_tasks._STRICT = True   # extractor errors fail the test instead of costing a section quietly

PLAN = Path(__file__).parent / "data" / "plans" / "layouts-2026.txt"


@pytest.fixture(scope="module")
def tasks():
    plan = parse_file(PLAN)
    return plan, {t.id: t for t in plan.tasks}


def _texts(agencies):
    return [a.text for a in agencies]


def test_aims_assign_nothing(tasks):
    _, t = tasks
    assert not [k for k in t if k.startswith("I.")]


def test_fields_in_any_order(tasks):
    _, t = tasks
    x = t["II.1"]
    assert x.source == "fields"
    assert _texts(x.lead) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert _texts(x.support) == ["Sở Nông nghiệp và Môi trường", "Báo và Phát thanh, Truyền hình Lâm Đồng"]
    assert x.deadline.text == "trước ngày 30/6" and x.deadline.end == dt.date(2026, 6, 30)   # plan's year
    assert x.lead[0].canonical == "Sở Văn hóa, Thể thao và Du lịch"
    assert x.support[1].canonical == "Báo và Phát thanh, Truyền hình tỉnh"


def test_inline_sentence_and_bullet(tasks):
    _, t = tasks
    assert t["II.2"].source == "inline"
    assert _texts(t["II.2"].lead) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert _texts(t["II.2"].support) == ["Sở Khoa học và Công nghệ", "UBND các xã, phường, đặc khu"]
    b = t["II.3.b1"]
    assert _texts(b.lead) == ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"] and _texts(b.support) == ["Công an tỉnh"]
    assert b.deadline.kind == "recurring" and b.deadline.recurrence == "quarterly"
    assert "II.3.b2" not in t and "II.3" not in t


def test_agency_colon_duty(tasks):
    _, t = tasks
    x = t["III.1"]
    assert x.source == "assignment" and _texts(x.lead) == ["Sở Khoa học và Công nghệ"]
    assert _texts(x.support) == ["Sở Tài chính"]
    assert x.deadline.text == "trong Quý III/2026" and x.deadline.end == dt.date(2026, 9, 30)


def test_clauses_under_agency_heading(tasks):
    _, t = tasks
    assert _texts(t["III.2.a"].lead) == ["Công an tỉnh"]
    assert _texts(t["III.2.a"].support) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert _texts(t["III.2.b"].support) == []          # 'Hướng dẫn các cơ quan' - guided, not support
    assert "III.2" not in t


def test_de_nghi_heading_and_paragraph(tasks):
    _, t = tasks
    x = t["III.3"]
    assert _texts(x.lead) == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội"]
    assert x.deadline.text == "Thường xuyên"


def test_numbered_paragraph_with_subject(tasks):
    _, t = tasks
    assert _texts(t["III.4"].lead) == ["Các sở, ban, ngành", "UBND các xã, phường, đặc khu"]


def test_responsibility_headings(tasks):
    _, t = tasks
    assert _texts(t["III.5.b1"].lead) == ["Sở Nội vụ"] and _texts(t["III.5.b1"].support) == ["Sở Tài chính"]
    assert _texts(t["III.6.b1"].lead) == ["Sở Y tế"] and _texts(t["III.6.b2"].support) == ["Sở Ngoại vụ"]
    assert "III.5" not in t and "III.6" not in t


def test_table_with_header_and_extra_columns(tasks):
    _, t = tasks
    assert "PL.1" not in t                           # group row
    x = t["PL.1.1"]
    assert x.source == "table" and x.title == "Xuất bản ấn phẩm song ngữ"
    assert _texts(x.lead) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert _texts(x.support) == ["Sở Ngoại vụ", "các cơ quan báo chí"]   # not the 'Theo dõi' column
    assert x.deadline.kind == "quarter"
    assert _texts(t["PL.1.2"].lead) == ["Văn phòng UBND tỉnh"] and t["PL.1.2"].deadline.text == "Thường xuyên"


def test_table_empty_cell_kept(tasks):
    _, t = tasks
    assert _texts(t["PL.1.2"].support) == []


def test_reporting(tasks):
    plan, _ = tasks
    [r] = plan.reporting
    assert r.to == "Sở Văn hóa, Thể thao và Du lịch"
    assert r.deadline.end == dt.date(2026, 12, 15) and r.node == "III.4"


PLAN2 = Path(__file__).parent / "data" / "plans" / "assignments-2026.txt"


@pytest.fixture(scope="module")
def tasks2():
    plan = parse_file(PLAN2)
    return plan, {t.id: t for t in plan.tasks}


def test_agency_heading_in_a_content_section(tasks2):
    _, t = tasks2
    assert "I.1.b1" not in t                                       # aims assign nothing
    assert _texts(t["II.1.b1"].lead) == ["Sở Nông nghiệp và Môi trường"]
    assert _texts(t["II.1.b2"].support) == ["Sở Ngoại vụ", "UBND các xã, phường, đặc khu"]


def test_fields_inside_a_responsibility_section(tasks2):
    _, t = tasks2
    assert t["II.2"].source == "fields" and _texts(t["II.2"].lead) == ["Văn phòng UBND tỉnh"]
    assert t["II.2"].deadline.end == dt.date(2026, 12, 31)
    x = t["III.1"]
    assert x.source == "fields" and _texts(x.lead) == ["Sở Tài chính"] and x.deadline.kind == "half"


def test_completion_time_in_a_duty(tasks2):
    _, t = tasks2
    x = t["III.2"]
    assert _texts(x.lead) == ["Báo và Phát thanh, Truyền hình Gia Lai"]
    assert x.lead[0].canonical == "Báo và Phát thanh, Truyền hình tỉnh"
    assert x.deadline.text == "trước ngày 30/9/2026"


def test_recurring_report_to(tasks2):
    plan, _ = tasks2
    [r] = plan.reporting
    assert r.to == "Sở Văn hóa, Thể thao và Du lịch"
    assert r.deadline.kind == "recurring" and r.deadline.recurrence == "yearly"
