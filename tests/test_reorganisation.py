"""TTDN5xx on real plans: the five samples at their own date, the same plans re-dated to 2026/2027, and a 2026
plan written with the post-reorganisation names (tests/fixtures/lam-dong-2026.txt).

The expectations come from the gold files (tests/gold/*.yaml: which agencies each task and recipient names, as
printed) and from the table below (which printed names are obsolete and who took over) — never from the output
of the code under test.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
pytest.importorskip("ttdn_parse.pipeline")

import ttdn_parse  # noqa: E402
from ttdn_parse.rules import all_rules  # noqa: E402
from ttdn_parse.rules.reorganisation import RULES, as_of_override, check, plan_date  # noqa: E402

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SAMPLES = ROOT / "samples"
FIXTURE = ROOT / "tests" / "fixtures" / "lam-dong-2026.txt"
CODES = {r.code for r in RULES}

with open(GOLD / "samples.toml", "rb") as fh:
    PAIRS = sorted(tomllib.load(fh).items())

VHTTDL, KHCN = "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ"
BO_VHTTDL, BO_KHCN = "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ"
XA = "xã, phường, đặc khu"

# printed form (folded: lower case, one space) -> (code, acceptable successors: the message names one of them)
OBSOLETE = {
    "sở thông tin và truyền thông": ("TTDN501", {VHTTDL, KHCN}),
    "sở tt&tt": ("TTDN501", {VHTTDL, KHCN}),
    "bộ thông tin và truyền thông": ("TTDN501", {BO_VHTTDL, BO_KHCN}),
    "bộ tt&tt": ("TTDN501", {BO_VHTTDL, BO_KHCN}),
    "sở kế hoạch và đầu tư": ("TTDN501", {"Sở Tài chính"}),
    "sở kh&đt": ("TTDN501", {"Sở Tài chính"}),
    "sở lao động - thương binh xã hội": ("TTDN501", {"Sở Nội vụ"}),
    "sở lao động - thương binh và xã hội": ("TTDN501", {"Sở Nội vụ"}),
    "sở nn&ptnt": ("TTDN501", {"Sở Nông nghiệp và Môi trường"}),
    "ban dân tộc tỉnh": ("TTDN501", {"Sở Dân tộc và Tôn giáo"}),
    "ban tuyên giáo tỉnh ủy": ("TTDN501", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    "ban tuyên giáo tu": ("TTDN501", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    "btg trung ương": ("TTDN501", {"Ban Tuyên giáo và Dân vận Trung ương"}),
    "ubnd các huyện, thành phố": ("TTDN503", {XA}),
    "ubnd các huyện, thị xã, thành phố": ("TTDN503", {XA}),
    "ủy ban nhân dân các huyện, thành phố": ("TTDN503", {XA}),
    "ủy ban nhân dân các huyện, thị xã, thành phố": ("TTDN503", {XA}),
    "ban tuyên giáo các huyện, thị, thành ủy": ("TTDN503", {XA}),
    "ban tuyên giáo các huyện, thị xã, thành phố": ("TTDN503", {XA}),
}
# NQ 202/2025/QH15, for the provinces of the samples
NEW_PROVINCE = {"Bình Thuận": "Lâm Đồng", "Đắk Nông": "Lâm Đồng", "Bình Định": "Gia Lai",
                "Trà Vinh": "Vĩnh Long", "Quảng Bình": "Quảng Trị"}


def fold(text: str) -> str:
    t = unicodedata.normalize("NFC", text).lower()
    t = re.sub(r"\s*\((b/c|đ/b)\)\s*$", "", t)
    t = re.sub(r"\s+", " ", t.replace("uỷ", "ủy")).strip()
    return re.sub(r"\s*[–-]\s*", " - ", t)


def gold(name: str) -> dict:
    with open(GOLD / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def parse(text: str, sample: str):
    fmt = "md" if sample.endswith(".md") else "txt"
    return ttdn_parse.parse_bytes(text.encode("utf-8"), fmt, path=sample)


def reorg_findings(plan, as_of=None):
    return [d for d in check(plan, as_of=as_of) if d.code in CODES]


# ---------------------------------------------------------------------------------------------------------
# re-dating a plan's text: the year of the date line ("… tháng 10 năm 2024") and of the title / period
# ("NĂM 2025", "năm 2019-2020") in the header — as a drafter copying last
# year's file would, and nothing else
# ---------------------------------------------------------------------------------------------------------

_FIRST_SECTION = re.compile(r"^\s*(?:#+\s*)?I\s*[.\-–]\s", re.M)
_TITLE_YEAR = re.compile(r"((?:NĂM|năm|GIAI ĐOẠN|giai đoạn)\s+)(\d{4})(\s*-\s*)?(\d{4})?")


def redate(text: str, first_year: int | None, target: int) -> str:
    cut = _FIRST_SECTION.search(text)
    head, body = (text[:cut.start()], text[cut.start():]) if cut else (text, "")
    delta = target - first_year if first_year else 0

    def shift(y: str) -> str:
        return str(int(y) + delta)

    head = _TITLE_YEAR.sub(lambda m: m.group(1) + shift(m.group(2)) + (m.group(3) or "")
                           + (shift(m.group(4)) if m.group(4) else ""), head)
    return head + body


def _sample(gold_name: str, sample: str):
    g = gold(gold_name)
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    first = (g["header"].get("period") or {}).get("start")
    return g, text, first


# ---------------------------------------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------------------------------------

def test_rules_are_registered_with_docs():
    rules = all_rules()
    for code in ("TTDN501", "TTDN502", "TTDN503", "TTDN504", "TTDN505"):
        r = rules[code]
        assert r.group == "reorganisation" and r.check is not None
        for part in ("**What it checks.**", "**Why.**", "**Example.**", "**Fix.**"):
            assert part in r.doc, (code, part)
        assert r.message_vi and r.message_en


@pytest.mark.parametrize("gold_name,sample", PAIRS)
def test_samples_at_their_own_date_are_clean(gold_name, sample):
    plan = parse((SAMPLES / sample).read_text(encoding="utf-8"), sample)
    assert reorg_findings(plan) == []


@pytest.mark.parametrize("target", [2026, 2027])
@pytest.mark.parametrize("gold_name,sample", PAIRS)
def test_redated_samples_flag_every_obsolete_name(gold_name, sample, target):
    g, text, first = _sample(gold_name, sample)
    new_text = redate(text, first, target)
    plan = parse(new_text, sample)
    as_of = None if plan_date(plan) else date(target, 1, 1)      # no date and no period: --as-of
    if first:
        assert new_text != text and plan_date(plan).year in (target - 1, target)
    assert plan_date(plan, as_of) >= date(2025, 7, 1)
    found = reorg_findings(plan, as_of=as_of)

    def covered(where: str, printed: str) -> bool:
        code, successors = OBSOLETE[fold(printed)]
        for d in found:
            if d.code != code:
                continue
            node = d.node or ""
            if where != "recipients" and not (node == where or node.startswith(where + ".")
                                              or where.startswith(node + ".")):
                continue
            if where == "recipients" and node != "recipients":
                continue
            if fold(d.data["name"]) not in fold(printed) and fold(printed) not in fold(d.data["name"]):
                continue
            named = d.data.get("successors") or d.data.get("suggest") or ""
            if any(s in named for s in successors):
                return True
        return False

    expected = []
    for t in g.get("tasks") or []:
        for printed in (t.get("lead") or []) + (t.get("support") or []):
            if fold(printed) in OBSOLETE:
                expected.append((t["id"], printed))
    for printed in g.get("recipients") or []:
        if fold(printed) in OBSOLETE:
            expected.append(("recipients", printed))
    assert expected, "each sample names at least one obsolete body"
    missing = [(w, p) for w, p in expected if not covered(w, p)]
    assert not missing, missing

    # the issuing province: merged away in every sample
    province = g["header"]["province"]
    p502 = [d for d in found if d.code == "TTDN502"]
    assert [d.data["new"] for d in p502] == [NEW_PROVINCE[province]]


@pytest.mark.parametrize("gold_name,sample", PAIRS)
def test_citations_of_old_documents_are_not_flagged(gold_name, sample):
    """Every issuer of a legal basis in the preamble is a citation: no finding for it in the preamble."""
    g, text, first = _sample(gold_name, sample)
    plan = parse(redate(text, first, 2026), sample)
    found = [d for d in reorg_findings(plan, as_of=date(2026, 6, 1)) if d.node == "preamble"]
    issuers = {fold(b["issuer"]) for b in g.get("legal_bases") or [] if b.get("issuer")}
    for d in found:
        if d.code in ("TTDN501", "TTDN503"):
            name = fold(d.data["name"])
            assert not any(name in i for i in issuers) or _also_named_as_actor(plan.preamble.text, d), d.message


def _also_named_as_actor(preamble: str, d) -> bool:
    """'Theo đề nghị của Sở Thông tin và Truyền thông' — the same body may also be an actor in the preamble."""
    return bool(re.search(r"(đề nghị|đề xuất) của (giám đốc )?" + re.escape(fold(d.data["name"])), fold(preamble)))


def test_written_for_2026_with_new_names_is_clean():
    text = FIXTURE.read_text(encoding="utf-8")
    plan = parse(text, FIXTURE.name)
    assert plan.header.date == date(2026, 1, 16)
    assert reorg_findings(plan) == []
    # …and it does name the bodies the rules know about, so the silence means something
    from ttdn_parse import reorg
    names = {m.entry.id for n in plan.walk() for m in reorg.find_agencies(n.text)}
    assert {"so-nnmt", "so-dttg", "ban-tgdv-tu"} <= names


def test_fixture_backdated_to_2024_flags_the_new_bodies():
    text = FIXTURE.read_text(encoding="utf-8")
    plan = parse(text, FIXTURE.name)
    found = reorg_findings(plan, as_of=date(2024, 12, 1))
    not_yet = {d.data["canonical"] for d in found if d.code == "TTDN505"}
    assert {"Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo", "Ban Tuyên giáo và Dân vận Tỉnh ủy"} <= not_yet
    assert not [d for d in found if d.code in ("TTDN501", "TTDN502", "TTDN503")]


def test_as_of_override_context():
    text = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    plan = parse(text, "dak-nong-2025.txt")
    assert plan_date(plan) == date(2024, 10, 23)
    rule = all_rules()["TTDN501"]
    assert list(rule.check(plan)) == []
    with as_of_override(date(2026, 1, 1)):
        assert plan_date(plan) == date(2026, 1, 1)
        assert list(rule.check(plan))
    assert list(rule.check(plan)) == []


def test_between_march_and_july_2025():
    """Sở TT&TT is gone from 1 March 2025, the district level only from 1 July 2025."""
    text = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    plan = parse(text, "dak-nong-2025.txt")
    codes = {d.code for d in reorg_findings(plan, as_of=date(2025, 5, 1))}
    assert "TTDN501" in codes and "TTDN503" not in codes and "TTDN502" not in codes
    codes = {d.code for d in reorg_findings(plan, as_of=date(2025, 7, 1))}
    assert {"TTDN501", "TTDN502", "TTDN503"} <= codes


def test_successor_follows_the_function():
    text = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    plan = parse(text, "dak-nong-2025.txt")
    found = [d for d in reorg_findings(plan, as_of=date(2026, 1, 1))
             if d.code == "TTDN501" and fold(d.data["name"]) == "sở thông tin và truyền thông"]
    assert found
    # a TTĐN plan: TTĐN and báo chí went to Sở VHTTDL, so every finding names it …
    assert all(VHTTDL in d.data["successors"] for d in found)
    # … and where the task is about chuyển đổi số, Sở KH&CN is named as well
    dx = [d for d in found if "chuyển đổi số" in fold(plan.text_of(d.node) or "")]
    assert all(KHCN in d.data["successors"] for d in dx)


def test_spans_point_at_the_name():
    text = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    plan = parse(text, "dak-nong-2025.txt")
    lines = text.split("\n")
    for d in reorg_findings(plan, as_of=date(2026, 1, 1)):
        if d.code != "TTDN501" or d.node in ("recipients", "header") or d.span is None:
            continue
        first = fold(d.data["name"]).split(" ")[0]
        assert first in fold(lines[d.span.start_line - 1]), (d.node, d.span, d.data["name"])


def test_as_of_from_environment(monkeypatch):
    text = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    plan = parse(text, "dak-nong-2025.txt")
    monkeypatch.setenv("TTDN_AS_OF", "2026-02-01")
    assert plan_date(plan) == date(2026, 2, 1)
    assert any(d.code == "TTDN502" for d in reorg_findings(plan))
    monkeypatch.setenv("TTDN_AS_OF", "not a date")
    assert plan_date(plan) == date(2024, 10, 23)


@pytest.mark.parametrize("text, former", [
    ("quảng bá tỉnh bình thuận (cũ) tới du khách", True),
    ("trước đây là tỉnh bình thuận", True),
    ("thông tin về tỉnh thái nguyên sau hợp nhất với tỉnh bắc kạn", True),
    ("sáp nhập tỉnh bắc kạn vào tỉnh thái nguyên", True),
    ("quảng bá du lịch tỉnh bình thuận năm 2026", False),
])
def test_an_old_province_named_as_the_former_unit_or_in_the_merger_is_not_flagged(text, former):
    from ttdn_parse.rules.reorganisation import _is_former

    name = next(n for n in ("bình thuận", "bắc kạn") if n in text)
    start = text.index(name)
    assert _is_former(text, start, start + len(name)) is former
