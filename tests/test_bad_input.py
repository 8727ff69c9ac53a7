"""Bad input: one clear error (ReadError) or a correct parse — never a traceback, never a hang."""

from __future__ import annotations


import pytest

from conftest import SAMPLES
from ttdn_parse import parse_bytes, parse_file, parse_text
from ttdn_parse.errors import ReadError, UnsupportedFormat


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError, match="rỗng"):
        parse_file(p)


def test_directory(tmp_path):
    with pytest.raises(ReadError, match="thư mục"):
        parse_file(tmp_path)


def test_missing_path(tmp_path):
    with pytest.raises(ReadError, match="không tìm thấy"):
        parse_file(tmp_path / "nope.txt")


def test_unsupported_suffix(tmp_path):
    p = tmp_path / "plan.xyz"
    p.write_text("KẾ HOẠCH")
    with pytest.raises(UnsupportedFormat):
        parse_file(p)


@pytest.mark.parametrize("data", [bytes(range(256)) * 10, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
                                  b"PK\x03\x04" + b"\x00\x01" * 50])
def test_binary_data(data):
    with pytest.raises(ReadError, match="nhị phân|UTF-8"):
        parse_bytes(data, "txt")


def test_latin1_bytes_are_refused_clearly():
    data = "Kế hoạch".encode("utf-8").decode("latin-1").encode("latin-1") + b"\xe9t\xe9"
    with pytest.raises(ReadError, match="UTF-8"):
        parse_bytes(data, "txt")


def test_mojibake_is_repaired_when_certain():
    text = (SAMPLES / "binh-thuan-2025.txt").read_text(encoding="utf-8")
    broken = text.encode("utf-8").decode("latin-1")      # UTF-8 read as Latin-1, then saved as UTF-8
    assert "Káº¾ HOáº CH" in broken.replace("\x9a", "")  or "áº" in broken
    plan = parse_bytes(broken.encode("utf-8"), "txt")
    assert plan.model_dump(exclude={"source"}) == parse_text(text).model_dump(exclude={"source"})


def test_a_few_odd_characters_are_not_mistaken_for_mojibake():
    text = "KẾ HOẠCH\nGiá trị Ã¡ một lần\nI. MỤC ĐÍCH\n"
    assert parse_bytes(text.encode("utf-8"), "txt").header.title == "Giá trị Ã¡ một lần"


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                           ("utf-16-be", b"\xfe\xff"), ("utf-8", b"")])
def test_encodings(encoding, bom):
    text = (SAMPLES / "binh-thuan-2025.txt").read_text(encoding="utf-8")
    plan = parse_bytes(bom + text.encode(encoding), "txt")
    assert plan.header.title == "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH BÌNH THUẬN NĂM 2025"
    assert len(plan.sections) == 4


def test_windows_line_endings():
    text = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    a = parse_bytes(text.replace("\n", "\r\n").encode("utf-8"), "txt")
    b = parse_bytes(text.encode("utf-8"), "txt")
    assert [n.id for n in a.walk()] == [n.id for n in b.walk()]
    assert a.header == b.header


def test_only_a_header():
    plan = parse_text("ỦY BAN NHÂN DÂN TỈNH GIA LAI\nSố: 15/KH-UBND\nGia Lai, ngày 02 tháng 01 năm 2026\nKẾ HOẠCH\n")
    assert plan.header.symbol == "15/KH-UBND" and plan.header.date.isoformat() == "2026-01-02"
    assert plan.sections == []


def test_blank_draft_number():
    plan = parse_text("UBND TỈNH GIA LAI\nSố:        /KH-UBND\nKẾ HOẠCH\nThử\n")
    assert plan.header.number is None and plan.header.code == "KH-UBND"


def test_large_file_parses_with_bounded_memory(tmp_path):
    """A 50 MB text file parses in a child process whose peak memory stays proportional to the input."""
    import resource
    import subprocess
    import sys

    unit = (SAMPLES / "dak-nong-2025.txt").read_text(encoding="utf-8")
    p = tmp_path / "big.txt"
    with open(p, "w", encoding="utf-8") as fh:
        for _ in range(50 * 1024 * 1024 // len(unit.encode("utf-8")) + 1):
            fh.write(unit)
    size = p.stat().st_size
    assert size >= 50 * 1024 * 1024
    code = ("import sys; from ttdn_parse import parse_file; plan = parse_file(sys.argv[1]); "
            "print(sum(1 for _ in plan.walk()))")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-500:]
    assert int(out.stdout) > 1000 * 100
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(peak_kb, before) * 1024 < 40 * size, f"peak {peak_kb // 1024} MB for {size // 2**20} MB of text"
