"""Unit tests of the reorganisation data and the ttdn_parse.reorg API (no parser needed)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from ttdn_parse import reorg

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

DATA = Path(reorg.__file__).parent / "data"
BEFORE = date(2024, 12, 31)
BETWEEN = date(2025, 5, 15)     # after the 1 March mergers, before the end of the district level
AFTER = date(2026, 1, 15)
TTDN = "thông tin đối ngoại"

VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
KHCN = "Sở Khoa học và Công nghệ"


# ---------------------------------------------------------------------------------------------------------
# data files
# ---------------------------------------------------------------------------------------------------------

def _toml(name):
    with open(DATA / name, "rb") as fh:
        return tomllib.load(fh)


def test_every_fact_has_status_and_source():
    raw = _toml("reorganisation.toml")
    ids = set(raw["sources"])
    for src in raw["sources"].values():
        assert src["status"] in ("V", "P", "U") and src["title"] and src["date"]
    for a in raw["agency"]:
        assert a["status"] in ("V", "P", "U"), a["id"]
        if a.get("ends") or a.get("valid_from"):
            assert a.get("sources"), a["id"]
            assert set(a["sources"]) <= ids, a["id"]
        for s in a.get("successors", []):
            assert s.get("status", a["status"]) in ("V", "P", "U")
    for t in raw["levels"]["term"]:
        assert t["status"] in ("V", "P", "U")


def test_province_counts_63_to_34():
    raw = _toml("provinces.toml")
    new = raw["new"]
    assert len(new) == 34
    assert sum(1 for r in new if r["type"] == "thành phố") == 6
    members = [m for r in new for m in r["members"]]
    assert len(members) == len(set(members)) == 63
    assert reorg.canonical_provinces() == frozenset(members)
    assert frozenset(members) <= reorg.provinces()
    for variant in ("Khánh Hoà", "Thanh Hoá", "Hoà Bình", "Thừa Thiên Huế", "Đăk Nông"):
        assert variant in reorg.provinces()
        assert reorg.canonical_province(variant) in members
    assert raw["resolution"] == "202/2025/QH15"


@pytest.mark.parametrize("old,new", [
    ("Bình Thuận", "Lâm Đồng"), ("Đắk Nông", "Lâm Đồng"), ("Bình Định", "Gia Lai"), ("Trà Vinh", "Vĩnh Long"),
    ("Quảng Bình", "Quảng Trị"), ("Hà Giang", "Tuyên Quang"), ("Yên Bái", "Lào Cai"),
    ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Bình Dương", "Hồ Chí Minh"), ("Kiên Giang", "An Giang"),
])
def test_merged_province(old, new):
    before = reorg.province_on(old, BEFORE)
    assert before.exists and before.current == old
    after = reorg.province_on(old, AFTER)
    assert not after.exists and after.current == new and after.merged
    assert reorg.province_on(f"tỉnh {old}", AFTER).current == new
    assert reorg.province_on(f"ỦY BAN NHÂN DÂN TỈNH {old.upper()}", AFTER).current == new


@pytest.mark.parametrize("name", ["Hà Tĩnh", "Lạng Sơn", "Hà Nội", "Cao Bằng", "Lâm Đồng", "Thái Nguyên"])
def test_surviving_province(name):
    p = reorg.province_on(name, AFTER)
    assert p.exists and p.current == name


def test_last_day_and_first_day():
    assert reorg.province_on("Đắk Nông", date(2025, 6, 30)).exists
    assert not reorg.province_on("Đắk Nông", date(2025, 7, 1)).exists


@pytest.mark.parametrize("spelling,canon", [
    ("Hoà Bình", "Hòa Bình"), ("Khánh Hoà", "Khánh Hòa"), ("Thanh Hoá", "Thanh Hóa"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Đăk Nông", "Đắk Nông"),
    ("Thừa Thiên Huế", "Huế"),
])
def test_province_spellings(spelling, canon):
    assert reorg.province_on(spelling, BEFORE).name == canon


def test_province_types():
    assert reorg.province_on("Hải Dương", BEFORE).type == "tỉnh"
    assert reorg.province_on("Hải Dương", AFTER).type == "thành phố"      # part of thành phố Hải Phòng
    assert reorg.province_on("Cần Thơ", BEFORE).type == "thành phố"


def test_find_province_needs_a_proper_name():
    assert reorg.find_province("xây dựng đường biên giới hòa bình, hữu nghị") is None
    assert reorg.find_province("quảng bá hình ảnh tỉnh Hòa Bình") == "Hòa Bình"
    assert reorg.find_province("ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH") == "Bình Định"
    assert reorg.province_on("Sở Ngoại vụ", AFTER) is None


# ---------------------------------------------------------------------------------------------------------
# agencies
# ---------------------------------------------------------------------------------------------------------

OBSOLETE = [  # printed form, expected successor names (for a TTĐN task where a choice depends on function)
    ("Sở Thông tin và Truyền thông", {VHTTDL}),
    ("Sở Thông tin và truyền thông tỉnh", {VHTTDL}),
    ("Sở TT&TT", {VHTTDL}),
    ("Sở TT & TT", {VHTTDL}),
    ("Bộ Thông tin và Truyền thông (b/c)", {"Bộ Văn hóa, Thể thao và Du lịch"}),
    ("Bộ TT&TT", {"Bộ Văn hóa, Thể thao và Du lịch"}),
    ("Sở Kế hoạch và Đầu tư", {"Sở Tài chính"}),
    ("Sở KH&ĐT", {"Sở Tài chính"}),
    ("Sở Lao động - Thương binh và Xã hội", {"Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo"}),
    ("Sở Lao động – Thương binh xã hội", {"Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo"}),
    ("Sở LĐTBXH", {"Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo"}),
    ("Ban Dân tộc tỉnh", {"Sở Dân tộc và Tôn giáo"}),
    ("Sở Nông nghiệp và Phát triển nông thôn", {"Sở Nông nghiệp và Môi trường"}),
    ("Sở NN&PTNT", {"Sở Nông nghiệp và Môi trường"}),
    ("Sở Tài nguyên và Môi trường", {"Sở Nông nghiệp và Môi trường"}),
    ("Sở GTVT", {"Sở Xây dựng"}),
    ("Ban Tuyên giáo Tỉnh ủy", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    ("Ban Tuyên giáo Tỉnh uỷ", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    ("Ban TG TU", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    ("BTG TU", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    ("Ban Dân vận Tỉnh ủy", {"Ban Tuyên giáo và Dân vận Tỉnh ủy"}),
    ("BTG Trung ương", {"Ban Tuyên giáo và Dân vận Trung ương"}),
    ("Ủy ban Dân tộc", {"Bộ Dân tộc và Tôn giáo"}),
    ("Bộ Kế hoạch và Đầu tư", {"Bộ Tài chính"}),
    ("Cục Thông tin đối ngoại", {"Cục Thông tin cơ sở và Thông tin đối ngoại"}),
]


@pytest.mark.parametrize("text,expected", OBSOLETE)
def test_obsolete_after_march_2025(text, expected):
    assert reorg.status(text, BEFORE) == (True, [])
    exists, successors = reorg.status(text, BETWEEN, context=TTDN)
    assert not exists
    assert {name for name, _functions in successors} == expected


def test_successors_by_function():
    # báo chí / TTĐN → VHTTDL; chuyển đổi số → KH&CN; no function named → all, with their functions
    _, s = reorg.status("Sở Thông tin và Truyền thông", AFTER, context="quản lý báo chí, xuất bản")
    assert [n for n, _ in s] == [VHTTDL]
    _, s = reorg.status("Sở TT&TT", AFTER, context="đẩy mạnh chuyển đổi số")
    assert [n for n, _ in s] == [KHCN]
    _, s = reorg.status("Sở TT&TT", AFTER)
    names = [n for n, _ in s]
    assert VHTTDL in names and KHCN in names
    assert "thông tin đối ngoại" in dict(s)[VHTTDL]


@pytest.mark.parametrize("text", [
    "UBND các huyện, thị xã, thành phố", "Ủy ban nhân dân các huyện, thành phố", "UBND cấp huyện",
    "UBND huyện Tuy Phong", "Phòng Văn hóa và Thông tin huyện", "Ban Tuyên giáo các huyện, thị, thành ủy",
    "các huyện, thị xã, thành phố", "Huyện ủy", "HĐND các huyện, thị xã, thành phố", "Hội đồng nhân dân huyện",
])
def test_district_level(text):
    assert reorg.status(text, BETWEEN)[0]
    st = reorg.status(text, date(2025, 7, 1))
    assert not st.exists and st.entry.district_level and st.successors


@pytest.mark.parametrize("text", [
    VHTTDL, KHCN, "Sở Tài chính", "Sở Nội vụ", "Sở Ngoại vụ", "Công an tỉnh", "Sở Văn hóa và Thể thao",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Dân tộc HĐND tỉnh", "UBND các xã, phường, đặc khu",
    "Văn phòng UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo",
])
def test_current_names_exist_after(text):
    assert reorg.status(text, AFTER) == (True, [])


@pytest.mark.parametrize("text", ["Sở Nông nghiệp và Môi trường", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                                  "Sở Dân tộc và Tôn giáo"])
def test_new_names_did_not_exist_before(text):
    st = reorg.status(text, BEFORE)
    assert not st.exists and st.successors == [] and st.entry.valid_from


def test_unknown_text_exists():
    st = reorg.status("Các sở, ban, ngành", AFTER)
    assert st == (True, []) and not st.known


# ---------------------------------------------------------------------------------------------------------
# citations
# ---------------------------------------------------------------------------------------------------------

CITED = [
    "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông hướng dẫn quản lý",
    "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ trưởng Bộ Thông tin và Truyền thông về",
    "Hướng dẫn số 86-HD/BTGTW ngày 23/12/2022 của Ban Tuyên giáo Trung ương",
    "Kế hoạch số 49-KH/BTGTU, ngày 10/01/2024 của Ban Tuyên giáo Tỉnh ủy",
    "chương trình phối hợp số 922/CTPH-BTTTT-UBDT ngày 04/6/2024, giữa Bộ trưởng Bộ Thông tin và Truyền "
    "thông và Chủ nhiệm Ủy ban Dân tộc",
    "Văn bản số 3616/BTTTT-TTĐN ngày 25 tháng 9 năm 2024 của Bộ TT&TT",
    "Chương trình phối hợp số 484/CTr- STTTT-BCHBĐBP ngày 14/4/2022 giữa Sở Thông tin và Truyền thông với",
]


@pytest.mark.parametrize("text", CITED)
def test_citation_issuers(text):
    mentions = reorg.find_agencies(text)
    assert mentions, text
    assert all(reorg.in_citation(text, m.start, m.end) for m in mentions)


@pytest.mark.parametrize("text", [
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan liên quan",
    "Phối hợp với Bộ Thông tin và Truyền thông tổ chức",
    "Thực hiện Kế hoạch số 12/KH-UBND; Sở TT&TT chủ trì",
    "theo hướng dẫn của Ban Tuyên giáo Tỉnh ủy",
])
def test_actors_are_not_citations(text):
    mentions = reorg.find_agencies(text)
    assert mentions
    assert not any(reorg.in_citation(text, m.start, m.end) for m in mentions)


def test_codes_inside_symbols_are_not_mentions():
    assert reorg.find_agencies("Hướng dẫn số 86-HD/BTGTW") == []
    assert reorg.find_agencies("Kế hoạch số 49-KH/BTGTU") == []


def test_offsets_are_offsets_in_the_original():
    text = "Giao Sở Thông tin và Truyền thông, Ban Tuyên giáo Tỉnh uỷ và UBND các huyện, thị xã, thành phố"
    for m in reorg.find_agencies(text):
        assert text[m.start:m.end] == m.text
    assert [m.entry.id for m in reorg.find_agencies(text)] == ["so-tttt", "ban-tg-tu", "ubnd-cap-huyen"]


def test_normalise_preserves_length():
    for s in ["Hoà Bình — Tỉnh Uỷ", "Sở TT＆TT", "ĐẮK NÔNG", "Thuỷ lợi"]:
        assert len(reorg.normalise(s)) == len(s)


def test_level_terms():
    terms = {t.term for t in reorg.district_terms()}
    assert {"huyện", "quận", "thị xã"} <= terms
    assert all(t.until == date(2025, 6, 30) for t in reorg.district_terms())
    after = {t.term for t in reorg.level_terms(date(2025, 7, 1))}
    assert {"xã", "phường", "đặc khu"} <= after and not terms & after
    assert "đặc khu" not in {t.term for t in reorg.level_terms(date(2025, 6, 30))}


def test_loaded_once():
    assert reorg._agencies() is reorg._agencies()
    assert reorg.provinces() is reorg.provinces()
    assert re.fullmatch(r"\d{4}\.\d+", reorg.data_version())


@pytest.mark.parametrize("text", [
    "nâng cao năng lực cho cán bộ thông tin truyền thông cơ sở",
    "đội ngũ cán bộ thông tin và truyền thông",
])
def test_common_words_are_not_bodies(text):
    assert reorg.find_agencies(text) == []


def test_spacing_and_wrapping():
    text = "UBND các huyện, thị  xã, thành phố; Sở\nThông tin và Truyền thông; Ban\nDân tộc tỉnh"
    assert [m.entry.id for m in reorg.find_agencies(text)] == ["ubnd-cap-huyen", "so-tttt", "ban-dan-toc"]
    assert reorg.find_agencies(text)[0].text == "UBND các huyện, thị xã, thành phố"


def test_valid_until_is_the_day_before_ends():
    from datetime import timedelta
    for a in _toml("reorganisation.toml")["agency"]:
        if "ends" in a:
            assert a["valid_until"] + timedelta(days=1) == a["ends"], a["id"]


@pytest.mark.parametrize("spelling", ["Sở TT & TT", "Sở TT &TT", "Sở KH & ĐT", "Sở NN & PTNT", "Sở LĐ - TB & XH"])
def test_prefilter_keeps_spaced_abbreviations(spelling):
    assert reorg.find_agencies(spelling), spelling


def _all_aliases():
    raw = _toml("reorganisation.toml")
    for a in raw["agency"]:
        for alias in a.get("aliases", []):
            yield a["id"], alias


@pytest.mark.parametrize("entry_id,alias", list(_all_aliases()))
def test_every_alias_finds_its_entry(entry_id, alias):
    """Each printed spelling in the data, alone and inside a sentence, is recognised as its own entry."""
    for text in (alias, f"Giao {alias} chủ trì, phối hợp với các cơ quan liên quan."):
        found = reorg.find_agencies(text)
        assert [m.entry.id for m in found] == [entry_id], (text, [m.entry.id for m in found])


# --- property: a name survives the ways documents mangle it (hard wraps, double spaces, case of the rest) ---
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ALIASES = [(i, a) for i, a in _all_aliases() if " " in a]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_ALIASES), st.lists(st.sampled_from([" ", "  ", "\n", " \n"]), min_size=8, max_size=8),
       st.booleans())
def test_names_survive_wrapping(item, gaps, upper):
    entry_id, alias = item
    words = alias.split(" ")
    text = words[0] + "".join(gaps[i % len(gaps)] + w for i, w in enumerate(words[1:]))
    if upper:
        text = text.upper()
    found = reorg.find_agencies("Giao " + text + " thực hiện.")
    assert [m.entry.id for m in found] == [entry_id]
    assert found[0].text == " ".join(text.split())
