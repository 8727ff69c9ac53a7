"""Legal references: the citation table, the symbol parser, the checks (TTDN201–208) and a property test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn_parse.references import check_references, find_references, group_references, parse_symbol
from ttdn_parse.rules import all_rules

DATA = Path(__file__).parent / "data" / "citations.yaml"
CASES = yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _id(case: dict) -> str:
    return f"{case.get('index', 0)}:{case['text'][:60]}"


def test_table_is_large_enough():
    assert len(CASES) >= 100
    assert sum(1 for c in CASES if c["expect"] == "none") >= 8
    assert sum(1 for c in CASES if isinstance(c["expect"], dict) and c["expect"].get("problems")) >= 25


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_citation_table(case):
    refs = find_references(case["text"])
    if case["expect"] == "none":
        assert refs == [], [r.text for r in refs]
        return
    if "count" in case:
        assert len(refs) == case["count"], [r.text for r in refs]
    ref = refs[case.get("index", 0)]
    for key, want in case["expect"].items():
        got = getattr(ref, key)
        if key == "problems":
            assert set(got) == set(want), (key, got, ref.text)
        elif isinstance(want, dt.date) or key == "date":
            assert got == want, (key, got, ref.text)
        else:
            assert got == (str(want) if isinstance(want, (int, float)) and key in ("number",) else want), \
                (key, got, ref.text)


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"] != "none"], ids=_id)
def test_offsets_point_at_the_citation(case):
    text = case["text"]
    for r in find_references(text):
        piece = text[r.start:r.end]
        assert " ".join(piece.split()) == r.text
        assert r.type is None or piece.lower().startswith((r.type.split()[0].lower(), "số")) or piece[0].isdigit()


# ---------------------------------------------------------------------------------------------- symbols

@pytest.mark.parametrize("printed, symbol, form, year, code, issuer_code, malformed", [
    ("72/2015/NĐ-CP", "72/2015/NĐ-CP", "normative", 2015, "NĐ", "CP", []),
    ("202/2025/QH15", "202/2025/QH15", "qh", 2025, None, "QH15", []),
    ("2316/KH-UBND", "2316/KH-UBND", "admin", None, "KH", "UBND", []),
    ("3837/BTTTT-TTĐN", "3837/BTTTT-TTĐN", "admin", None, None, "BTTTT-TTĐN", []),
    ("922/CTPH-BTTTT-UBDT", "922/CTPH-BTTTT-UBDT", "admin", None, "CTPH", "BTTTT-UBDT", []),
    ("57-KL/TW", "57-KL/TW", "party", None, "KL", "TW", []),
    ("07-KH/BCĐ", "07-KH/BCĐ", "party", None, "KH", "BCĐ", []),
    ("57- KL/TW", "57-KL/TW", "party", None, "KL", "TW", ["spaces"]),
    ("07 -KH/BCĐ-TTĐN", "07-KH/BCĐ-TTĐN", "party", None, "KH", "BCĐ-TTĐN", ["spaces"]),
    ("57-\nKL/TW", "57-KL/TW", "party", None, "KL", "TW", []),
    ("36/NQ-TW", "36/NQ-TW", "admin", None, "NQ", "TW", ["party-state-mixed"]),
    ("0155/QĐ-UBND", "0155/QĐ-UBND", "admin", None, "QĐ", "UBND", ["zero-padded"]),
    ("72/2015/NĐ–CP", "72/2015/NĐ-CP", "normative", 2015, "NĐ", "CP", ["stray-char"]),
    ("1288/QĐ-QĐ-BTTTT", "1288/QĐ-QĐ-BTTTT", "admin", None, "QĐ", "QĐ-BTTTT", ["doubled-part"]),
])
def test_parse_symbol(printed, symbol, form, year, code, issuer_code, malformed):
    s = parse_symbol(printed)
    assert s is not None
    assert (s.symbol, s.form, s.year, s.code, s.issuer_code) == (symbol, form, year, code, issuer_code)
    assert s.malformations == malformed


@pytest.mark.parametrize("text", ["15/6/2023", "2021 - 2025", "I/2025", "abc", "12/", "19/10/2016-2017"])
def test_parse_symbol_rejects_non_symbols(text):
    assert parse_symbol(text) is None


# ---------------------------------------------------------------------------------------------- checks


def _problems(text: str, plan_date: dt.date | None = None) -> list[str]:
    from ttdn_parse import references as R

    found = R._resolve(R._find(text))
    return [p.code for p in check_references(found, plan_date=plan_date)]


CHECKS = [
    # code, positive text, negative text
    ("TTDN201", "Quyết định số 1944/QĐ-UBND ngày 31/6/2024 của UBND tỉnh",
     "Quyết định số 1944/QĐ-UBND ngày 30/6/2024 của UBND tỉnh"),
    ("TTDN203", "Nghị định số 72/NĐ-CP ngày 07/9/2015 của Chính phủ",
     "Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ"),
    ("TTDN204", "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2012 của Bộ Thông tin và Truyền thông",
     "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông"),
    ("TTDN205", "Kết luận số 127-KH/TU ngày 02/11/2023 của Ban Thường vụ Tỉnh ủy",
     "Kế hoạch số 127-KH/TU ngày 02/11/2023 của Ban Thường vụ Tỉnh ủy"),
    ("TTDN206", "Kết luận số 57- KL/TW ngày 15/6/2023 của Bộ Chính trị",
     "Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị"),
    ("TTDN207", "Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt mục tiêu, nhiệm vụ, giải "
     "pháp đổi mới và nâng cao năng lực công tác thông tin tuyên truyền. Sơ kết Quyết định số 1911/QĐ-TTg của Thủ tướng "
     "Chính phủ về phê duyệt mục tiêu, nhiệm vụ, giải pháp đổi mới và nâng cao năng lực công tác thông tin.",
     "Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt mục tiêu, nhiệm vụ, giải "
     "pháp đổi mới. Quyết định số 1079/QĐ-TTg ngày 14/9/2022 của Thủ tướng Chính phủ phê duyệt Đề án truyền thông."),
    ("TTDN207", "Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị; sau đó Kết luận số 57-KL/TW ngày 16/6/2023",
     "Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị; sau đó Kết luận số 57-KL/TW ngày 15/06/2023"),
    ("TTDN207", "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015; Nghị định số 72/2015/NĐ-CP ngày 07/9/2016",
     "Quyết định số 12/QĐ-UBND ngày 05/01/2023 của UBND tỉnh; Quyết định số 12/QĐ-UBND ngày 10/01/2024 của UBND tỉnh"),
    ("TTDN207", "Kế hoạch số 350/KH-UBND ngày 29/5/2024 của UBND tỉnh; Kế hoạch số 530/KH-UBND ngày 29/5/2024 của UBND tỉnh",
     "Kế hoạch số 350/KH-UBND ngày 29/5/2024 của UBND tỉnh; Kế hoạch số 530/KH-UBND ngày 30/5/2024 của UBND tỉnh"),
    ("TTDN208", "Kế hoạch số 174-KH/TU ngày 28/8/2024 của Tỉnh ủy đối với Kết luận số 82-KL/TW của Bộ Chính trị",
     "Kết luận số 82-KL/TW ngày 12/7/2024 của Bộ Chính trị; Kết luận số 82-KL/TW của Bộ Chính trị"),
]


@pytest.mark.parametrize("code, positive, negative", CHECKS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CHECKS)])
def test_check_positive_and_negative(code, positive, negative):
    assert code in _problems(positive)
    assert code not in _problems(negative)


def test_date_after_plan():
    text = "Công văn số 3837/BTTTT-TTĐN ngày 16/9/2025 của Bộ Thông tin và Truyền thông"
    assert "TTDN202" in _problems(text, plan_date=dt.date(2024, 10, 23))
    assert "TTDN202" not in _problems(text, plan_date=dt.date(2025, 10, 23))
    assert "TTDN202" not in _problems(text, plan_date=None)


def test_conflict_reports_both_places():
    text = CHECKS[5][1]
    from ttdn_parse import references as R

    found = R._resolve(R._find(text))
    probs = [p for p in check_references(found) if p.code == "TTDN207"]
    assert {p.ref.symbol for p in probs} == {"1191/QĐ-TTg", "1911/QĐ-TTg"}
    # the conflicting repeat has no date, but it is not reported a second time as missing its date
    assert not [p for p in check_references(R._resolve(R._find(text))) if p.code == "TTDN208"]


def test_old_issuer_is_correct():
    """A 2016 circular cited with the ministry that issued it is right, whatever the plan's date."""
    text = "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông hướng dẫn quản lý"
    assert _problems(text, plan_date=dt.date(2025, 10, 1)) == []


def test_every_reference_code_is_declared_with_docs():
    rules = all_rules()
    for n in range(201, 209):
        r = rules[f"TTDN{n}"]
        assert r.group == "references"
        for part in ("**What it checks.**", "**Why.**", "**Example.**", "**Fix.**"):
            assert part in r.doc, (r.code, part)
        assert r.message_vi and r.message_en


def test_problem_names_are_rule_names():
    names = {r.name for r in all_rules().values()}
    for case in CASES:
        if isinstance(case["expect"], dict):
            assert set(case["expect"].get("problems", [])) <= names


def test_grouping_shares_doc_id():
    text = ("Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị; Kết luận số 57- KL/TW, ngày 15/6/2023; "
            "Luật Ngân sách nhà nước; theo Luật Ngân sách Nhà nước")
    refs = find_references(text)
    groups = group_references(refs)
    assert len(groups["57-KL/TW"]) == 2
    named = [k for k in groups if k.startswith("named:")]
    assert len(named) == 1 and len(groups[named[0]]) == 2


# ---------------------------------------------------------------------------------------------- property

WORDS = ["tăng", "cường", "công", "tác", "thông", "tin", "đối", "ngoại", "trên", "địa", "bàn", "tỉnh", "nhằm",
         "quảng", "bá", "hình", "ảnh", "con", "người", "Việt", "Nam", "các", "sở", "ban", "ngành", "phối", "hợp",
         "chặt", "chẽ", "hiệu", "quả", "đẩy", "mạnh", "tuyên", "truyền", "2025", "TTĐN", "năm", "của", "và",
         "theo", "thực", "hiện", "về", "Bộ", "Sở", "Tỉnh", "ủy", "số", "Kế", "hoạch", "15/11/2025", "2021-2025"]

CITATIONS = [
    ("Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ", "72/2015/NĐ-CP"),
    ("Kết luận số 57-KL/TW, ngày 15/6/2023 của Bộ Chính trị", "57-KL/TW"),
    ("Kế hoạch số 2316/KH-UBND ngày 24/6/2024 của Ủy ban nhân dân tỉnh", "2316/KH-UBND"),
    ("Công văn số 3837/BTTTT-TTĐN ngày 16/9/2024 của Bộ Thông tin và Truyền thông", "3837/BTTTT-TTĐN"),
    ("Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016", "22/2016/TT-BTTTT"),
    ("Quyết định số: 1031/QĐ-UBND ngày 29 tháng 3 năm 2019 của Ủy ban nhân dân tỉnh Bình Định", "1031/QĐ-UBND"),
    ("Hướng dẫn số 86-HD/BTGTW ngày 23/12/2022 của Ban Tuyên giáo Trung ương", "86-HD/BTGTW"),
    ("Chương trình phối hợp số 922/CTPH-BTTTT-UBDT ngày 04/6/2024", "922/CTPH-BTTTT-UBDT"),
]


@settings(max_examples=int(__import__("os").environ.get("TTDN_PROP_EXAMPLES", "150")), deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=40), where=st.integers(min_value=0),
       which=st.sampled_from(CITATIONS), end=st.sampled_from([";", ".", ":", ";\n", ","]),
       lead=st.sampled_from([" ", "\n", " thực hiện ", " căn cứ "]))
def test_inserted_citation_is_found_with_its_span(words, where, which, end, lead):
    citation, symbol = which
    k = where % (len(words) + 1)
    before = " ".join(words[:k])
    after = " ".join(words[k:])
    if end == "," and (after[:1].isupper() or after.split(" ")[0] in ("của", "giữa")):
        # "…của Chính phủ, Bộ …" continues the issuer's name (Bộ Văn hóa, Thể thao …), and "…ngày 04/6/2024,
        # của Bộ …" gives the issuer: both are still the citation
        end = ";"
    prefix = before + lead if before else ""
    text = prefix + citation + end + (" " + after if after else "")
    refs = [r for r in find_references(text) if r.symbol == symbol]
    assert len(refs) == 1, [r.text for r in find_references(text)]
    r = refs[0]
    assert (r.start, r.end) == (len(prefix), len(prefix) + len(citation)), (text, r.start, r.end)
    assert r.text == citation


def test_document_types_data_has_sources():
    from ttdn_parse.resources import load_toml

    data = load_toml("document_types.toml")
    sources = data["sources"]
    names = [t["name"] for t in data["type"]]
    assert len(names) == len(set(names))
    for t in data["type"]:
        assert t["source"] in sources, t["name"]
        assert t["status"] in ("V", "P"), t["name"]
    # the Phụ lục III codes of NĐ 30/2020 that plans cite most
    assert {"KH", "QĐ", "NQ", "CT", "HD", "TB", "BC", "CTr", "TTr", "ĐA"} <= set(data["codes"]["state_admin"])
    assert {"KL", "NQ", "KH", "CT", "HD"} <= set(data["codes"]["party"])


_FRAGMENTS = ["Nghị định", "số", "số:", "72", "/", "-", "–", "2015", "NĐ", "CP", "KL", "TW", "ngày", "07/9/2015",
              "29 tháng 2 năm 2023", "của", "giữa", "Chính phủ", "và", "về", ",", ";", ".", "\n", "\t", " ", "Luật",
              "Hiến pháp", "năm", "(", ")", "Quyết định", "0155", "QĐ", "QĐ-QĐ", "UBND", "  "]


@settings(max_examples=int(__import__("os").environ.get("TTDN_PROP_EXAMPLES", "200")), deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join),
                 st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map(" ".join)))
def test_never_raises_and_offsets_are_inside(text):
    refs = find_references(text)
    for r in refs:
        assert 0 <= r.start < r.end <= len(text)
        assert r.kind in ("normative", "administrative", "party", "named")


def test_named_type_words_never_overlap():
    """_scan_named finds type words with one non-overlapping search: that finds every occurrence only while no
    type word can start inside another (as a suffix of it)."""
    from ttdn_parse.references import _NAMED_TYPES

    for a in _NAMED_TYPES:
        for b in _NAMED_TYPES:
            assert not any(a[i:] == b[:len(a) - i] or b.startswith(a[i:]) or a[i:].startswith(b)
                           for i in range(1, len(a))), (a, b)


def test_quick_tests_before_the_issuer_patterns_see_every_case_the_patterns_fold():
    """_starts_citation and _issuer_stop test a word's first letters with str methods before running their
    case-insensitive patterns. That skips nothing the patterns match only while the letters re.IGNORECASE
    matches with other characters than str.lower's are those handled there: "i" (with "ı" and "İ")."""
    import re

    from ttdn_parse.references import _ANYCASE_FIRST, _type_first_words

    letters = set("".join(_type_first_words())) | {c.lower() for c in _ANYCASE_FIRST}
    special = {}
    for c in sorted(letters):
        pattern = re.compile(re.escape(c), re.IGNORECASE)
        others = [chr(x) for x in range(0x10000) if pattern.fullmatch(chr(x)) and chr(x).lower() != c]
        if others:
            special[c] = others
    assert special == {"i": ["İ", "ı"]}


@pytest.mark.parametrize("text, word_at", [
    ("của Bộ Thông tin và Truyền thông về việc", 4), ("của Chính phủ Nghị định số 12/2020/NĐ-CP", 14),
    ("của UBND tỉnh, Kế hoạch số 5/KH-UBND", 15), ("theo Bİên bản số 3", 5), ("theo Hıến pháp năm 2013", 5),
    ("của Ban hành chính", 4), ("về việc", 0), ("Về việc", 0), ("V/v triển khai", 0), ("phê duyệt", 0),
])
def test_quick_tests_agree_with_the_patterns(text, word_at):
    from ttdn_parse import references as R

    word = R._WORD_RE.match(text, word_at).group(1)
    assert R._starts_citation(text, word_at, word) == (R._citation_start_re().match(text, word_at) is not None)
    assert R._issuer_stop(text, word_at, word) == bool(
        R._ISSUER_STOP_ANYCASE_RE.match(text, word_at)
        or word[:1].islower() and R._ISSUER_STOP_RE.match(text, word_at))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("0123456789/-–. \nKHĐCPQUBNDTWab,"), max_size=40), st.integers(0, 40))
def test_symbol_pattern_is_its_plain_form(text, pos):
    """_SYM_RE begins with "\\d\\d{0,4}" so that the engine can skip to digits; it finds what "\\d{1,5}" does."""
    import re

    from ttdn_parse.references import _SYM_RE

    plain = re.compile(_SYM_RE.pattern.replace(r"(\d\d{0,4})", r"(\d{1,5})", 1))
    assert plain.pattern != _SYM_RE.pattern
    a, b = _SYM_RE.search(text, pos), plain.search(text, pos)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
