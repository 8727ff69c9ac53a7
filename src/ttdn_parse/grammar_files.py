"""Find shipped files: grammars (top-level grammars/ in the repo, ttdn_parse/grammars in the wheel) and data."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def grammar_path(name: str) -> Path:
    for candidate in (_PKG / "grammars" / name, _PKG.parent.parent / "grammars" / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"grammar {name} not found (is the package installed correctly?)")


def grammar_text(name: str) -> str:
    return grammar_path(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    """A TOML file of src/ttdn_parse/data/, parsed once per process."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with open(_PKG / "data" / name, "rb") as fh:
        return tomllib.load(fh)
