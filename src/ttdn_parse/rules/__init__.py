"""Rule registry: every diagnostic code ttdn can emit is declared exactly once, in a module of this package.

A rule module defines one or more `Rule` objects at module level. A rule either has a `check` (it reads
the Plan model and yields findings) or none (its findings are emitted while parsing, e.g. numbering
problems, and lint lifts them from `plan.diagnostics`). Modules are discovered automatically: adding a
rule is one new unit here plus its test, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple, Optional
from collections.abc import Callable, Iterable, Mapping

from ..models import Diagnostic, Plan, Severity, Span


class Finding(NamedTuple):
    """What a check yields; the engine turns it into a Diagnostic using the rule's messages."""

    span: Optional[Span] = None
    node: Optional[str] = None
    data: Mapping[str, Any] = MappingProxyType({})     # read-only: one shared empty default


class Rule(NamedTuple):
    code: str                      # "TTDN301"
    name: str                      # "numbering-gap"
    group: str                     # "structure", "tasks", "references", "header", "reorganisation", ...
    severity: Severity
    message_vi: str                # str.format template over Finding.data
    message_en: str
    doc: str                       # What it checks / Why / Example / Fix (markdown)
    check: Optional[Callable[[Plan], Iterable[Finding]]] = None
    draft_severity: Optional[Severity] = None   # severity under `ttdn lint --draft` (None: unchanged)
    doc_vi: str = ""                            # Vietnamese documentation (`ttdn rule CODE --lang vi`)

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi

    def documentation(self, lang: str = "vi") -> str:
        return self.doc_vi if (lang == "vi" and self.doc_vi) else self.doc

    def diagnostic(self, span: Span | None = None, node: str | None = None, **data: Any) -> Diagnostic:
        return Diagnostic.new(
            code=self.code, name=self.name, severity=self.severity,
            message=_fmt(self.message_vi, data), message_en=_fmt(self.message_en, data),
            span=span, node=node, data={k: str(v) for k, v in data.items()},
        )


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(template: str, data: dict[str, Any]) -> str:
    return template.format_map(_Default({k: v for k, v in data.items()}))


_REGISTRY: dict[str, Rule] = {}
_LOADED: set[str] = set()
# Modules whose codes the parser and the extractors emit: looked in first, so that parsing a plan does not
# import every lint rule (some load large data files).
_PARSE_TIME = ("structure", "references")


@lru_cache(maxsize=1)
def _module_names() -> tuple[str, ...]:
    names = sorted(info.name for info in pkgutil.iter_modules(__path__))
    return tuple([n for n in _PARSE_TIME if n in names] + [n for n in names if n not in _PARSE_TIME])


def _load(name: str) -> None:
    if name in _LOADED:
        return
    module = importlib.import_module(f"{__name__}.{name}")
    for value in vars(module).values():
        if isinstance(value, Rule):
            if value.code in _REGISTRY and _REGISTRY[value.code] is not value:
                raise RuntimeError(f"rule code {value.code} declared twice")
            _REGISTRY[value.code] = value
    _LOADED.add(name)


def all_rules() -> dict[str, Rule]:
    """code -> Rule, loading every rule module of this package once."""
    for name in _module_names():
        _load(name)
    return _REGISTRY


def rule(code: str) -> Rule:
    if code not in _REGISTRY:
        for name in _module_names():
            _load(name)
            if code in _REGISTRY:
                break
    return _REGISTRY[code] if code in _REGISTRY else all_rules()[code]


def find_rule(key: str) -> Optional[Rule]:
    """A rule by code (case-insensitive) or kebab-case name; None when unknown."""
    rules = all_rules()
    if key.upper() in rules:
        return rules[key.upper()]
    return next((r for r in rules.values() if r.name == key.lower()), None)


def diagnostic(code: str, /, span: Span | None = None, node: str | None = None, **data: Any) -> Diagnostic:
    """A Diagnostic for a declared code (used by the parser and the extractors).

    `code` is positional-only, so template data may itself have a key named "code" (e.g. a type code)."""
    return rule(code).diagnostic(span=span, node=node, **data)
