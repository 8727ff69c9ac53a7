"""Lint configuration: `[tool.ttdn]` in pyproject.toml, or ttdn.toml / .ttdn.toml; the nearest to a file wins.

In one folder `.ttdn.toml` beats `ttdn.toml`, which beats `pyproject.toml` (a pyproject.toml without a
`[tool.ttdn]` table is passed over). Files are not merged: the nearest one is the whole configuration, and
command-line options then override it. Every value remembers where it came from (`ttdn config show`).
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from .errors import TtdnError

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CONFIG_NAMES = (".ttdn.toml", "ttdn.toml", "pyproject.toml")
KEYS = ("select", "ignore", "severity", "per-file-ignores", "lang", "draft", "fail-on")
DEFAULT_SOURCE = "mặc định (default)"
CLI_SOURCE = "dòng lệnh (command line)"


class ConfigError(TtdnError):
    """A configuration file or option is invalid (exit code 2)."""


@dataclass
class LintConfig:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    lang: str = "vi"
    draft: bool = False
    fail_on: str = "warning"
    root: Optional[str] = None                 # folder of the config file (per-file-ignores are relative to it)
    sources: dict[str, str] = field(default_factory=dict)

    def source(self, key: str) -> str:
        return self.sources.get(key, DEFAULT_SOURCE)

    def with_overrides(self, **values: Any) -> LintConfig:
        """Command-line values (None = not given). `ignore` extends, the others replace."""
        cfg = replace(self, sources=dict(self.sources), ignore=list(self.ignore))
        for key, value in values.items():
            if value is None:
                continue
            if key == "ignore":
                cfg.ignore = cfg.ignore + list(value)
            else:
                setattr(cfg, key, value)
            cfg.sources[key.replace("_", "-")] = CLI_SOURCE
        validate(cfg, CLI_SOURCE)
        return cfg

    def ignores_for(self, path: Optional[str]) -> list[str]:
        out = list(self.ignore)
        if path and path != "-" and self.per_file_ignores:
            p = Path(path).resolve()
            try:
                rel = p.relative_to(Path(self.root).resolve()).as_posix() if self.root else p.as_posix()
            except ValueError:
                rel = p.as_posix()
            for pattern, codes in self.per_file_ignores.items():
                if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern):
                    out.extend(codes)
        return out


def _toml_load(path: Path, raw: Optional[bytes] = None) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        raw = path.read_bytes() if raw is None else raw
        return tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: TOML không hợp lệ (invalid TOML): {exc}") from None


# [tool.ttdn], [tool."ttdn".x], tool.ttdn.x = …, or a ttdn key in the [tool] table
_MENTIONS_TTDN = re.compile(rb"""^\s*\[?\s*tool\s*\.\s*["']?ttdn\b"""
                            rb"""|^\s*\[\s*tool\s*\]\s*$(?:(?!^\s*\[).)*?^\s*["']?ttdn["']?\s*[.=]""",
                            re.MULTILINE | re.DOTALL)


def _table(path: Path) -> Optional[dict[str, Any]]:
    if path.name != "pyproject.toml":
        return _toml_load(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({exc.strerror})") from None
    if not _MENTIONS_TTDN.search(raw):      # most pyproject.toml files have no ttdn table: skip the parser
        return None
    tool = _toml_load(path, raw).get("tool", {})
    return tool.get("ttdn") if isinstance(tool, dict) and isinstance(tool.get("ttdn"), dict) else None


_CACHE: dict[str, Optional[Path]] = {}


def find_config_file(start: str | os.PathLike[str]) -> Optional[Path]:
    """The nearest configuration file at or above `start` (a file or folder), or None."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    key = str(folder)
    if key in _CACHE:
        return _CACHE[key]
    found: Optional[Path] = None
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                found = candidate
                break
        if found:
            break
    _CACHE[key] = found
    return found


def load_config_file(path: Path) -> LintConfig:
    table = _table(path) or {}
    cfg = LintConfig(root=str(path.parent))
    where = str(path) + (" [tool.ttdn]" if path.name == "pyproject.toml" else "")
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            raise ConfigError(f"{where}: khóa không hợp lệ “{raw_key}” (unknown key '{raw_key}'; "
                              f"known: {', '.join(KEYS)})")
        attr = key.replace("-", "_")
        if key in ("select", "ignore"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: “{raw_key}” phải là danh sách mã quy tắc (must be a list of strings)")
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: “severity” phải là bảng mã = mức (must be a table CODE = level)")
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                    isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()):
                raise ConfigError(f"{where}: “per-file-ignores” phải là bảng mẫu = [mã…] (table glob = [codes])")
        elif key == "draft":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: “draft” phải là true/false (must be a boolean)")
        elif not isinstance(value, str):
            raise ConfigError(f"{where}: “{raw_key}” phải là chuỗi (must be a string)")
        setattr(cfg, attr, value)
        cfg.sources[key] = where
    validate(cfg, where)
    return cfg


def validate(cfg: LintConfig, where: str) -> None:
    from .lint import resolve_selectors

    if cfg.lang not in ("vi", "en"):
        raise ConfigError(f"{where}: lang phải là vi hoặc en (got '{cfg.lang}')")
    if cfg.fail_on not in SEVERITIES:
        raise ConfigError(f"{where}: fail-on phải là error, warning hoặc info (got '{cfg.fail_on}')")
    for key, level in cfg.severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity.{key} phải là error, warning hoặc info (got '{level}')")
    try:
        resolve_selectors(cfg.select)
        resolve_selectors(cfg.ignore)
        resolve_selectors(list(cfg.severity))
        for codes in cfg.per_file_ignores.values():
            resolve_selectors(codes)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def config_for(path: Optional[str], explicit: Optional[str] = None) -> LintConfig:
    """The configuration that applies to `path` (explicit file > nearest file > defaults)."""
    if explicit:
        return load_config_file(Path(explicit))
    start = path if path and path != "-" else os.getcwd()
    found = find_config_file(start)
    return load_config_file(found) if found else LintConfig()
