"""Table-driven tests for agency splitting/canonicalisation and deadline parsing (tests/data/*.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from ttdn_parse.agencies import registry, split_agencies, split_agency_texts
from ttdn_parse.deadlines import completion_deadline, leading_deadline, parse_deadline

DATA = Path(__file__).parent / "data"
SPLITS = yaml.safe_load((DATA / "agency_splits.yaml").read_text(encoding="utf-8"))
DEADLINES = yaml.safe_load((DATA / "deadlines.yaml").read_text(encoding="utf-8"))


def test_tables_are_large_enough():
    assert len(SPLITS["splits"]) >= 60
    assert len(DEADLINES["cases"]) >= 50


@pytest.mark.parametrize("case", SPLITS["splits"], ids=lambda c: c["text"][:50])
def test_split(case):
    assert split_agency_texts(case["text"]) == case["expect"]


@pytest.mark.parametrize("case", SPLITS["canonical"], ids=lambda c: c["text"])
def test_canonical(case):
    assert registry().lookup(case["text"]) == case["canonical"]


def test_unknown_agency_kept_as_printed():
    [a] = split_agencies("Tạp chí Nâm Nung.")
    assert a.text == "Tạp chí Nâm Nung" and a.canonical is None


def test_collective_flag():
    got = {a.text: a.collective for a in split_agencies("Sở Tài chính, các cơ quan, đơn vị liên quan; UBND: Vân Canh, Tây Sơn")}
    assert got == {"Sở Tài chính": False, "các cơ quan, đơn vị liên quan": True, "UBND: Vân Canh, Tây Sơn": True}


def test_registry_ids_are_unique_slugs_and_sourced():
    reg = registry()
    ids = [e.id for e in reg.entries]
    assert len(ids) == len(set(ids))
    for e in reg.entries:
        assert e.id == e.id.lower() and " " not in e.id
        assert e.source and e.status in ("V", "P")
    # both sides of the 2025 reorganisation are present
    for name in ("Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Sở Nông nghiệp và Môi trường",
                 "Sở Dân tộc và Tôn giáo", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ủy ban nhân dân các xã, phường, đặc khu"):
        assert name in reg.by_name


def test_registry_merges_reorganisation_data():
    from ttdn_parse.agencies import Registry
    from ttdn_parse.resources import load_toml

    data = load_toml("agencies.toml")
    reorg = {"agency": {"Sở Thông tin và Truyền thông": {"valid_until": dt.date(2025, 2, 28),
                                                          "successors": ["Sở Khoa học và Công nghệ"]}}}
    reg = Registry(data, reorg)
    e = reg.by_name["Sở Thông tin và Truyền thông"]
    assert e.valid_until == dt.date(2025, 2, 28) and e.successors == ["Sở Khoa học và Công nghệ"]
    # the [[agency]] row form, with its own ids, detailed successors and bodies the registry lacks
    reorg = {"agency": [
        {"id": "so-tttt", "name": "Sở Thông tin và Truyền thông", "valid_until": dt.date(2025, 2, 28),
         "successors": [{"name": "Sở Văn hóa, Thể thao và Du lịch", "keywords": ["báo chí"]},
                        {"name": "Sở Khoa học và Công nghệ"}]},
        {"id": "ubnd-cap-huyen", "name": "Ủy ban nhân dân cấp huyện", "valid_until": dt.date(2025, 6, 30)},
        {"id": "huyen-uy", "name": "Huyện ủy", "aliases": ["Huyện ủy", "Ban Thường vụ Huyện ủy"],
         "valid_until": dt.date(2025, 6, 30), "level": "district", "kind": "party"},
    ]}
    reg = Registry(data, reorg)
    e = reg.by_id["so-thong-tin-va-truyen-thong"]
    assert e is reg.by_id["so-tttt"] and e.successors == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ"]
    assert reg.by_name["Ủy ban nhân dân các huyện, thị xã, thành phố"].valid_until == dt.date(2025, 6, 30)
    assert reg.lookup("Ban Thường vụ Huyện ủy") == "Huyện ủy" and reg.by_id["huyen-uy"].level == "district"


def test_registry_with_the_shipped_reorganisation_file():
    reg = registry()
    assert reg.by_name["Sở Thông tin và Truyền thông"].valid_until is not None


def _d(v):
    return v if v is None or isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


@pytest.mark.parametrize("case", DEADLINES["cases"], ids=lambda c: c["text"] or "<empty>")
def test_deadline(case):
    d = parse_deadline(case["text"], default_year=DEADLINES["default_year"])
    assert d.kind == case["kind"]
    for key in ("start", "end"):
        if key in case:
            assert d.__getattribute__(key) == _d(case[key]), key
    if "recurrence" in case:
        assert d.recurrence == case["recurrence"]


@pytest.mark.parametrize("case", DEADLINES["leading"], ids=lambda c: c["text"][:40])
def test_leading_deadline(case):
    assert leading_deadline(case["text"]) == case["expect"]


@pytest.mark.parametrize("case", DEADLINES["completion"], ids=lambda c: c["text"][:40])
def test_completion_deadline(case):
    assert completion_deadline(case["text"]) == case["expect"]
