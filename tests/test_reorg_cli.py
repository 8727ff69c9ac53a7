"""`ttdn reorg status|province|check` (typer CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ttdn_parse.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_status_names_successor_by_function():
    r = runner.invoke(app, ["reorg", "status", "Sở TT&TT", "--on", "2026-01-01", "--context", "báo chí", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["exists"] is False and out["ends"] == "2025-03-01"
    assert [s["name"] for s in out["successors"]] == ["Sở Văn hóa, Thể thao và Du lịch"]


def test_status_before_the_merger():
    r = runner.invoke(app, ["reorg", "status", "Sở TT&TT", "--on", "2025-02-28", "--json"])
    assert json.loads(r.output)["exists"] is True


def test_province():
    r = runner.invoke(app, ["reorg", "province", "Bình Thuận", "--on", "2026-01-01"])
    assert r.exit_code == 0 and "Lâm Đồng" in r.output
    r = runner.invoke(app, ["reorg", "province", "Không Có", "--on", "2026-01-01"])
    assert r.exit_code == 1


def test_bad_date_is_a_usage_error():
    r = runner.invoke(app, ["reorg", "status", "Sở TT&TT", "--on", "01/01/2026"])
    assert r.exit_code == 2


def test_check_as_of():
    pytest.importorskip("ttdn_parse.pipeline")
    sample = str(ROOT / "samples" / "dak-nong-2025.txt")
    r = runner.invoke(app, ["reorg", "check", sample])
    assert r.exit_code == 0 and r.output == ""
    r = runner.invoke(app, ["reorg", "check", sample, "--as-of", "2026-01-01", "--json"])
    assert r.exit_code == 1
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert {"TTDN501", "TTDN502", "TTDN503"} <= {row["code"] for row in rows}
    assert all(row["as_of"] == "2026-01-01" for row in rows)
    r = runner.invoke(app, ["reorg", "check", str(ROOT / "tests" / "fixtures" / "lam-dong-2026.txt")])
    assert r.exit_code == 0, r.output
