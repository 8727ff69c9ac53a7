"""Small helpers shared by rule modules (no rules here)."""

from __future__ import annotations

import unicodedata
from typing import Optional

from .. import rx
from ..models import Node, Plan, Span

_WS = rx.compile(r"\s+")
_MARKUP = rx.compile(r"[*_#`>]+")


def norm(text: Optional[str]) -> str:
    """NFC, markdown marks dropped, spaces collapsed, lower case: for comparing printed text."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _MARKUP.sub(" ", text)
    return _WS.sub(" ", text).strip().lower()


def fold(text: Optional[str]) -> str:
    """`norm` plus tone marks removed and đ -> d: for matching keywords typed without care."""
    text = norm(text).replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def node_span(plan: Plan, node_id: Optional[str]) -> Optional[Span]:
    if not node_id:
        return None
    if node_id == "header":
        return plan.header.span
    if node_id == "preamble":
        return plan.preamble.span
    if node_id == "closing":
        return plan.closing.span if plan.closing else None
    node = plan.node(node_id)
    return node.span if node else None


def locate(plan: Plan, node: Node, start: int, end: int) -> Span:
    """Exact span of text[start:end] in a node when the pipeline provides `Plan.locate`, else the node's span."""
    locator = getattr(plan, "locate", None)
    if callable(locator):
        try:
            span = locator(node.id, start, end)
            if span is not None:
                return span
        except Exception:  # noqa: BLE001 - a locator problem must not stop the lint
            pass
    return node.span


def headings(plan: Plan):
    """(node, title) for every section/item/part heading, document order."""
    for node in plan.walk():
        if node.kind in ("part", "section", "item") and (node.title or "").strip():
            yield node, node.title or ""
