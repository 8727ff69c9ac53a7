"""Every lint rule on hand-built plans: the clean plan is clean, each defect gives exactly its code."""

from __future__ import annotations

from datetime import date

import pytest
from _lintkit import codes, make_plan

from ttdn_parse.lint import lint
from ttdn_parse.lint_config import LintConfig
from ttdn_parse.models import Agency, Deadline, Node, Period, Span
from ttdn_parse.rules import all_rules, find_rule
from ttdn_parse.rules.header import date_line_problems, province_of


def test_clean_plan_has_no_findings():
    assert lint(make_plan()) == []


def _no_lead(p):
    p.tasks[1].lead = []


def _no_deadline(p):
    p.tasks[2].deadline = None


def _no_basis(p):
    p.legal_bases = []


def _lead_support(p):
    p.tasks[0].lead = [Agency(text="Sở Thông tin và Truyền thông"), Agency(text="UBND các huyện, thành phố")]
    p.tasks[0].support = [Agency(text="Ban Dân tộc tỉnh"),
                          Agency(text="Ủy ban nhân dân các huyện, thành phố có liên quan")]


def _outside(p):
    p.tasks[0].deadline = Deadline(text="Quý III/2024", kind="quarter", start=date(2024, 7, 1), end=date(2024, 9, 30))


def _heading_year(p):
    p.sections[1].title = "NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2024"
    p.sections[1].text = "II. " + p.sections[1].title


def _no_symbol(p):
    p.header.symbol = p.header.number = p.header.code = None


def _no_place(p):
    p.header.place = None


def _no_date(p):
    p.header.date = None
    p.header.date_text = None


def _no_type(p):
    p.header.doc_type = None


def _no_signer_name(p):
    p.signature.name = None


def _no_recipients(p):
    p.recipients = []


def _date_format(p):
    p.header.date_text = "Đắk Nông, ngày 5 tháng 1 năm 2025"


def _no_issuer(p):
    p.header.issuer = None


def _blank_number(p):
    p.header.number = None
    p.header.symbol = "/KH-UBND"


def _province(p):
    p.header.title = "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH BÌNH THUẬN NĂM 2025"


def _no_org(p):
    del p.sections[3]


def _no_budget(p):
    del p.sections[2]


CASES = [
    (_no_lead, "TTDN101", "II.2"),
    (_no_deadline, "TTDN102", "II.3"),
    (_no_basis, "TTDN103", "preamble"),
    (_lead_support, "TTDN104", "II.1"),
    (_outside, "TTDN105", "II.1"),
    (_heading_year, "TTDN306", "II"),
    (_no_symbol, "TTDN401", "header"),
    (_no_place, "TTDN402", "header"),
    (_no_date, "TTDN402", "header"),
    (_no_type, "TTDN403", "header"),
    (_no_signer_name, "TTDN404", None),
    (_no_recipients, "TTDN405", None),
    (_date_format, "TTDN406", "header"),
    (_no_issuer, "TTDN407", "header"),
    (_blank_number, "TTDN408", "header"),
    (_province, "TTDN409", "header"),
    (_no_org, "TTDN410", None),
    (_no_budget, "TTDN411", None),
]


@pytest.mark.parametrize("mutate,code,node", CASES, ids=[c[1] + "-" + c[0].__name__ for c in CASES])
def test_rule_finds_its_defect(mutate, code, node):
    plan = make_plan()
    mutate(plan)
    found = lint(plan)
    assert codes(found) == [code], [d.message for d in found]
    assert found[0].node == node
    rule = all_rules()[code]
    assert found[0].severity == rule.severity
    assert "{" not in found[0].message and "{" not in found[0].message_en  # every template field filled


def test_every_rule_is_documented_and_unique():
    rules = all_rules()
    names = [r.name for r in rules.values()]
    assert len(names) == len(set(names))
    for code, r in rules.items():
        assert r.code == code and code.startswith("TTDN") and len(code) == 7
        assert r.name == r.name.lower() and " " not in r.name
        assert r.severity in ("error", "warning", "info")
        assert r.message_vi and r.message_en
        for part in ("What it checks", "Why", "Example", "Fix"):
            assert part in r.doc, (code, part)
        assert find_rule(code) is r and find_rule(r.name) is r


def test_checked_rules_cover_the_brief():
    with_check = {c for c, r in all_rules().items() if r.check is not None}
    assert {"TTDN101", "TTDN102", "TTDN103", "TTDN104", "TTDN105", "TTDN306"} <= with_check
    assert {f"TTDN4{n:02d}" for n in range(1, 12)} <= with_check


def test_attached_plan_needs_no_number_place_date_recipients_bases_or_signature_but_an_issuer():
    plan = make_plan()
    h = plan.header
    h.attached_to = "1031/QĐ-UBND"
    h.attachment_text = "(Ban hành kèm theo Quyết định số 1031/QĐ-UBND ngày 29/3/2019 của Ủy ban nhân dân tỉnh Đắk Nông)"
    h.symbol = h.number = h.code = h.place = h.date = h.date_text = None
    plan.recipients = []
    plan.legal_bases = []
    assert lint(plan) == []
    # signed on the decision: no signature block of its own is needed …
    sig = plan.signature
    sig.position = sig.authority_line = sig.name = None
    assert lint(plan) == []
    # … but one it prints must be whole
    sig.position = "PHÓ CHỦ TỊCH"
    assert codes(lint(plan)) == ["TTDN404"]
    sig.position = None
    h.issuer = None
    assert codes(lint(plan)) == ["TTDN407"]


def test_missing_deadline_follows_the_section_convention():
    plan = make_plan()
    for t in plan.tasks:
        t.deadline = None
    assert "TTDN102" not in codes(lint(plan))   # no task has a time: plan-wide convention, not per task


def test_lead_support_distinct_agencies_not_flagged():
    plan = make_plan()
    plan.tasks[0].support = [Agency(text="Sở Ngoại vụ"), Agency(text="các Sở, ban, ngành có liên quan")]
    assert lint(plan) == []


def test_lead_support_by_canonical_name():
    plan = make_plan()
    plan.tasks[0].lead = [Agency(text="Sở TT&TT", canonical="Sở Thông tin và Truyền thông")]
    plan.tasks[0].support = [Agency(text="Sở Thông tin và Truyền thông", canonical="Sở Thông tin và Truyền thông")]
    assert codes(lint(plan)) == ["TTDN104"]


def test_deadline_overlapping_period_is_accepted():
    plan = make_plan()
    plan.tasks[0].deadline = Deadline(text="Giai đoạn 2024 - 2025", kind="period", start=date(2024, 1, 1),
                                      end=date(2025, 12, 31))
    assert lint(plan) == []


@pytest.mark.parametrize("title", [
    "KẾT QUẢ THỰC HIỆN NĂM 2024",
    "MỤC TIÊU ĐẾN NĂM 2030",
    "NHIỆM VỤ TRỌNG TÂM NĂM 2025",
    "Chương trình MTQG giai đoạn I: Từ năm 2021 đến năm 2025",
])
def test_heading_year_not_flagged(title):
    plan = make_plan()
    plan.sections[1].title = title
    assert "TTDN306" not in codes(lint(plan))


def test_heading_year_on_item_about_tasks():
    plan = make_plan()
    item = plan.sections[1].children[0]
    item.title = "Các nhiệm vụ trọng tâm năm 2026"
    assert codes(lint(plan)) == ["TTDN306"]
    item.title = "Hội nghị tổng kết năm 2026"          # not about the plan's tasks: no finding
    assert lint(plan) == []


def test_heading_year_without_period_is_silent():
    plan = make_plan()
    plan.header.period = Period()
    _heading_year(plan)
    assert lint(plan) == []


def test_blank_number_is_info_in_draft():
    plan = make_plan()
    _blank_number(plan)
    (d,) = lint(plan, LintConfig(draft=True))
    assert (d.code, d.severity) == ("TTDN408", "info")
    (d,) = lint(plan, LintConfig(draft=False))
    assert d.severity == "error"


@pytest.mark.parametrize("text,ok", [
    ("Đắk Nông, ngày 23 tháng 10 năm 2024", True),
    ("Hà Nội, ngày 05 tháng 01 năm 2020", True),
    ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", True),
    ("Đắk Nông, ngày 5 tháng 3 năm 2024", False),
    ("Hưng Yên, ngày 28 tháng 2 năm 2023", False),
    ("Bình Định, ngày 29 tháng 04 năm 2021", False),
    ("Đắk Nông ngày 23 tháng 10 năm 2024", False),
    ("Đắk Nông, 23/10/2024", False),
])
def test_date_line_form(text, ok):
    vi, en, expected = date_line_problems(text)
    assert (not vi) == ok and len(vi) == len(en)
    if not ok:
        assert not date_line_problems(expected)[0]   # the suggested form is itself correct


@pytest.mark.parametrize("text,province", [
    ("CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH ĐẮK NÔNG NĂM 2025", "ĐẮK NÔNG"),
    ("Hoạt động thông tin đối ngoại tỉnh Bình Định năm 2019-2020", "Bình Định"),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", "QUẢNG BÌNH"),
    ("Kế hoạch số 127-KH/TU của Ban Thường vụ Tỉnh ủy về thực hiện", None),
    ("công tác thông tin đối ngoại năm 2023", None),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "HÀ NỘI"),
])
def test_province_of(text, province):
    assert province_of(text) == province


def test_main_parts_from_titles_only():
    plan = make_plan()
    plan.sections = []
    found = lint(plan)
    assert codes(found).count("TTDN410") == 3 and "TTDN411" in codes(found)


def test_parse_time_diagnostics_are_lifted():
    from ttdn_parse.rules import diagnostic

    plan = make_plan()
    plan.diagnostics.append(diagnostic("TTDN304", span=Span(start_line=11, end_line=11), node="II.1.a",
                                       label="c)", prev="a)", expected="b)"))
    (d,) = lint(plan)
    assert d.code == "TTDN304" and d.node == "II.1.a"


def test_rule_crash_is_reported_not_dropped(monkeypatch):
    import ttdn_parse.rules.tasks as tasks_mod

    def boom(plan):
        raise RuntimeError("x")

    rule = tasks_mod.MISSING_LEAD
    monkeypatch.setitem(all_rules(), "TTDN101", rule._replace(check=boom))
    found = lint(make_plan())
    assert codes(found) == ["TTDN000"] and "TTDN101" in found[0].message


def test_node_kinds_for_headings():
    plan = make_plan()
    plan.sections.append(Node(id="V", kind="section", label="V.", title="CHẾ ĐỘ BÁO CÁO NĂM 2026",
                              text="V. CHẾ ĐỘ BÁO CÁO NĂM 2026", span=Span(start_line=23, end_line=23)))
    assert codes(lint(plan)) == ["TTDN306"]


def test_assignment_duties_need_no_deadline():
    plan = make_plan()
    plan.tasks[2].deadline = None
    plan.tasks[2].source = "assignment"
    assert lint(plan) == []
