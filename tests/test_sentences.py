"""Table-driven tests of the sentence analysis behind inline and assignment tasks (tests/data/sentences.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ttdn_parse.tasks import actor, cooperating

DATA = yaml.safe_load((Path(__file__).parent / "data" / "sentences.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DATA["actors"], ids=lambda c: c["text"][:40])
def test_actor(case):
    got = actor(case["text"])
    assert (got[0] if got else None) == case["actor"]
    if got and "support" in case:
        assert cooperating(got[1]) == case["support"]


@pytest.mark.parametrize("case", DATA["cooperating"], ids=lambda c: c["text"][:40])
def test_cooperating(case):
    assert cooperating(case["text"]) == case["expect"]
