"""`ttdn lint --as-of`: the reorganisation rules check names against the given date."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from ttdn_parse.cli import app
from ttdn_parse.rules.reorganisation import AS_OF_ENV

runner = CliRunner()


@pytest.fixture(autouse=True)
def _restore_env():
    before = os.environ.get(AS_OF_ENV)
    yield
    if before is None:
        os.environ.pop(AS_OF_ENV, None)
    else:
        os.environ[AS_OF_ENV] = before


def test_names_valid_on_the_plan_date_are_not_flagged():
    r = runner.invoke(app, ["lint", str(SAMPLES / "dak-nong-2025.txt"), "--select", "TTDN501", "--format", "concise"])
    assert r.exit_code == 0, r.output


def test_as_of_a_later_date_flags_dissolved_agencies():
    r = runner.invoke(app, ["lint", str(SAMPLES / "dak-nong-2025.txt"), "--select", "TTDN501", "--format", "concise",
                            "--as-of", "2026-06-01"])
    assert r.exit_code == 1 and "TTDN501" in r.output and "Sở Thông tin và Truyền thông" in r.output


def test_as_of_must_be_a_date():
    r = runner.invoke(app, ["lint", str(SAMPLES / "dak-nong-2025.txt"), "--as-of", "mai"])
    assert r.exit_code == 2
