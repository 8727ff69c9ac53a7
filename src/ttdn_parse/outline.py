"""Readable outline of a Plan for `ttdn parse` without --json: the tree of labels and titles, with counts."""

from __future__ import annotations

from .models import Node, Plan

_SHOW = ("part", "section", "item", "clause", "field", "table")


def _short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(node: Node, room: int) -> str:
    from rich.markup import escape

    if node.kind == "field":
        head = f"{node.label or ''} {node.title or ''}".strip()
        return f"[cyan]{escape(head)}[/]: {escape(_short(node.text.split(':', 1)[-1], max(room - len(head) - 2, 10)))}"
    if node.kind == "table":
        return f"[magenta]bảng {node.id}[/] ({len(node.children)} dòng)"
    if node.kind == "part" and node.label is None:
        return f"[bold magenta]{node.id}[/] phụ lục"
    style = "bold" if node.kind in ("part", "section") else ""
    raw = node.label or ""
    label = f"[{style}]{escape(raw)}[/]" if style else escape(raw)
    return f"{label} {escape(_short(node.title or node.text, max(room - len(raw) - 1, 10)))}"


def render_outline(plan: Plan, color: bool = False, width: int = 100) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    h = plan.header
    head = " · ".join(x for x in (h.doc_type, _short(h.title, 80), h.symbol, h.date.isoformat() if h.date else None)
                      if x)
    name = plan.source.path or "-"
    root = Tree(f"[bold]{escape(name)}[/] — {escape(_short(head or '(không có tiêu đề)', width - len(name) - 4))}")

    def add(tree: Tree, nodes: list[Node], depth: int) -> None:
        for n in nodes:
            if n.kind not in _SHOW:
                continue
            bullets = sum(1 for c in n.children if c.kind in ("bullet", "paragraph"))
            note = f" ({bullets} đoạn)" if bullets else ""
            text = _label(n, width - 4 * (depth + 1) - len(note) - 1)
            if note:
                text += f" [dim]{note}[/]"
            sub = tree.add(text)
            if n.kind != "table":
                add(sub, n.children, depth + 1)

    add(root, plan.sections, 0)
    nodes = list(plan.walk())
    counts = {k: sum(1 for n in nodes if n.kind == k) for k in ("section", "item", "clause", "field", "bullet", "row")}
    summary = (f"{counts['section']} mục lớn, {counts['item']} mục, {counts['clause']} điểm, {counts['field']} trường, "
               f"{counts['bullet']} gạch đầu dòng, {counts['row']} dòng bảng; {len(plan.legal_bases)} căn cứ, "
               f"{len(plan.references)} trích dẫn, {len(plan.tasks)} nhiệm vụ, {len(plan.footnotes)} chú thích, "
               f"{len(plan.diagnostics)} chẩn đoán")
    buf = StringIO()
    console = Console(file=buf, force_terminal=color, color_system="auto" if color else None, width=width,
                      highlight=False, soft_wrap=False)
    console.print(root)
    console.print(f"[dim]{summary}[/]")
    return buf.getvalue()
