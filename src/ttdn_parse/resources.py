"""Shipped files: grammars (top-level grammars/ in the repo, ttdn_parse/grammars in the wheel) and the data
files of src/ttdn_parse/data/ (TOML, the source of truth)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent
DATA = _PKG / "data"


def grammar_path(name: str) -> Path:
    for candidate in (_PKG / "grammars" / name, _PKG.parent.parent / "grammars" / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"grammar {name} not found (is the package installed correctly?)")


def grammar_text(name: str) -> str:
    return grammar_path(name).read_text(encoding="utf-8")


def load_toml(name: str) -> dict:
    """A TOML file of src/ttdn_parse/data/, as a fresh dict (callers may change it freely).

    Python's TOML parser is slow (~25 ms for our data at every start), so the parsed form is kept as JSON in
    a cache directory, keyed by the file's hash (a stale or unreadable cache is simply rebuilt), and the JSON
    text is kept in memory for the rest of the process.
    """
    return json.loads(_json_text(name), object_hook=_decode)


@cache
def _json_text(name: str) -> str:
    raw = (DATA / name).read_bytes()
    cache = cache_dir() / f"{name}.{hashlib.sha256(raw).hexdigest()[:20]}.json"
    try:
        return cache.read_text(encoding="utf-8")
    except OSError:
        pass
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    text = json.dumps(tomllib.loads(raw.decode("utf-8")), ensure_ascii=False, default=_encode)
    write_cache(cache, text.encode("utf-8"))
    return text


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a temp file, then a rename: a concurrent run never reads half
    of one). A cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def cache_dir() -> Path:
    if os.environ.get("TTDN_CACHE_DIR"):
        return Path(os.environ["TTDN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ttdn"


def _encode(value):
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _decode(obj: dict):
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
        if "$time" in obj:
            return dt.time.fromisoformat(obj["$time"])
    return obj
