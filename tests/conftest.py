"""Shared fixtures: samples, gold facts (tests/gold, copied from ../shared/gold) and parsed plans."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"


def source_env(**extra: str) -> dict[str, str]:
    """The environment for a Python subprocess that imports ttdn from this source tree."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            **extra}

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def gold_pairs() -> list[tuple[str, str]]:
    """(gold file name, sample file name) for every seed."""
    mapping = tomllib.loads((GOLD / "samples.toml").read_text(encoding="utf-8"))
    return sorted(mapping.items())


@cache
def load_gold(name: str) -> dict:
    return yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))


@cache
def parsed(sample: str):
    from ttdn_parse import parse_file

    return parse_file(SAMPLES / sample)


GOLD_IDS = [sample for _, sample in gold_pairs()]


@pytest.fixture(params=gold_pairs(), ids=GOLD_IDS)
def gold_case(request):
    gold_name, sample = request.param
    return load_gold(gold_name), parsed(sample), sample
