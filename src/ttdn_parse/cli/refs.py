"""`ttdn refs`: the documents a plan cites (legal bases and every other citation) and their problems."""

import sys
from typing import Optional

import typer

from . import app, lang_option
from ._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, error_line, iter_plans, write_atomic

FORMATS = ("table", "json", "csv")
COLUMNS = ("file", "symbol", "type", "kind", "date", "issuer", "subject", "mentions", "first", "basis",
           "problems")


def documents(plan) -> list[dict]:
    """One row per distinct document cited (grouped by doc_id), in order of first mention."""
    from ..references import group_references

    bases = {r.doc_id for r in plan.legal_bases}
    rows = []
    for doc_id, mentions in group_references(plan.references).items():
        first = mentions[0]

        def pick(attr, mentions=mentions):
            return next((getattr(m, attr) for m in mentions if getattr(m, attr)), None)

        problems: list[str] = []
        for m in mentions:
            problems += [p for p in m.problems if p not in problems]
        symbol = pick("symbol")
        d = pick("date")
        rows.append({
            "doc_id": doc_id,
            "symbol": symbol,
            "name": None if symbol else " ".join(x for x in (first.type, first.name or "",
                                                             str(first.year) if first.year else "") if x),
            "type": pick("type"),
            "kind": first.kind,
            "date": d.isoformat() if d else None,
            "issuer": pick("issuer"),
            "subject": pick("subject"),
            "mentions": len(mentions),
            "first": {"node": first.node, **_location(first.span)},
            "places": [{"node": m.node, **_location(m.span), "text": m.text} for m in mentions],
            "basis": doc_id in bases,
            "problems": problems,
        })
    return rows


def _findings(plan) -> list[dict]:
    return [{"code": d.code, "name": d.name, "severity": d.severity, "node": d.node, **_location(d.span),
             "message": d.message, "message_en": d.message_en}
            for d in plan.diagnostics if d.code.startswith("TTDN2")]


def _location(span) -> dict:
    """Where a mention or problem is, with the same keys as lint's JSON: the line, and in a Word or PDF file
    the paragraph, table and row, or page."""
    if span is None:
        return {"line": None, "para": None, "table": None, "row": None, "page": None}
    return {"line": span.start_line, "para": span.para, "table": span.table, "row": span.row, "page": span.page}


def _where(loc: dict, fmt: str, lang: str) -> str:
    """'đoạn 37' / 'bảng 2, dòng 5' / 'trang 3, dòng 40' for Word and PDF files, as lint says it; '' for text
    files, whose line numbers say it best."""
    from ..models import Span
    from ..report import where

    if loc["line"] is None:
        return ""
    return where(Span.make(loc["line"], loc["line"], None, None, loc["para"], loc["table"], loc["row"], None,
                           loc["page"]), fmt, lang)


def _first(row: dict, fmt: str, lang: str) -> str:
    f = row["first"]
    place = _where(f, fmt, lang)
    if place:
        return f"{f['node'] or ''} ({place})"
    return f"{f['node'] or ''}" + (f":{f['line']}" if f["line"] else "")


def _flat(path: str, row: dict, fmt: str, lang: str) -> list[str]:
    return [path, row["symbol"] or row["name"] or "", row["type"] or "", row["kind"], row["date"] or "",
            row["issuer"] or "", row["subject"] or "", str(row["mentions"]), _first(row, fmt, lang),
            "yes" if row["basis"] else "", ";".join(row["problems"])]


@app.command("refs")
def refs_cmd(
    files: list[str] = typer.Argument(
        ..., help="Tệp kế hoạch (.docx .txt .md .pdf .doc), thư mục, hoặc - (stdin).", metavar="FILE..."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json | csv", metavar="FORMAT"),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", help="Ghi kết quả vào tệp (ghi nguyên vẹn hoặc không ghi).", metavar="FILE"),
    stdin_format: str = typer.Option("txt", "--stdin-format", help="Định dạng của dữ liệu từ stdin.", metavar="FORMAT"),
    lang: str = lang_option("vi", "Ngôn ngữ thông điệp của các lỗi (language of the messages)."),
) -> None:
    """Liệt kê văn bản được viện dẫn và lỗi viện dẫn. List the documents a plan cites and the problems found.

    Mỗi văn bản một dòng: số ký hiệu, tên loại, ngày, cơ quan ban hành, trích yếu, số lần viện dẫn, vị trí.

    Exit 1 when a reference problem is found or a file cannot be read.
    """
    if fmt not in FORMATS:
        error_line("ttdn refs", f"--format phải là một trong {', '.join(FORMATS)} (got {fmt!r})")
        raise typer.Exit(EXIT_USAGE)
    results: list[tuple[str, list[dict], list[dict], str]] = []
    failed = False
    for path, plan in iter_plans(files, stdin_format):
        if plan is None:
            failed = True
            continue
        results.append((path, documents(plan), _findings(plan), plan.source.format))

    if fmt == "json":
        import json

        text = json.dumps([{"file": p, "documents": docs, "problems": probs} for p, docs, probs, _ in results],
                          ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = _csv(results, lang)
    else:
        text = _table(results, color=output is None and sys.stdout.isatty(), lang=lang)
    if output:
        if text or not failed:
            write_atomic(output, text)
    else:
        sys.stdout.write(text)
    found = any(probs for _, _, probs, _ in results)
    raise typer.Exit(EXIT_FINDINGS if failed or found else EXIT_OK)


def _csv(results, lang: str) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for path, docs, _, fmt in results:
        for row in docs:
            w.writerow(_flat(path, row, fmt, lang))
    return buf.getvalue()


def _table(results, color: bool, lang: str) -> str:
    if not results:              # every file failed (each said why on stderr): no empty table
        return ""
    many = len(results) > 1
    cols = [c for c in COLUMNS if many or c != "file"]
    rows = [[v for c, v in zip(COLUMNS, _flat(path, row, fmt, lang)) if many or c != "file"]
            for path, docs, _, fmt in results for row in docs]
    # where each problem is: "đoạn 37" in a Word file, as lint says it; the line in a text file
    problems = [(path, p, _where(p, fmt, lang)) for path, _, probs, fmt in results for p in probs]
    if color:
        from rich.console import Console
        from rich.table import Table

        console = Console(record=True, force_terminal=True)
        narrow = console.width < 150
        keep = [i for i, c in enumerate(cols) if not (narrow and c in ("kind", "issuer", "basis"))]
        table = Table(show_lines=False, header_style="bold")
        for i in keep:
            c = cols[i]
            table.add_column(c, no_wrap=c not in ("subject", "issuer", "problems"), overflow="fold",
                             max_width=40 if c == "subject" else (28 if c == "issuer" else None))
        for r in rows:
            cells = [(r[i][:79] + "…") if cols[i] == "subject" and len(r[i]) > 80 else r[i] for i in keep]
            table.add_row(*cells, style="red" if r[-1] else None)
        with console.capture() as cap:
            console.print(table)
            for path, p, place in problems:
                where = (f"{path} ({place})" if many else place) if place else \
                    (f"{path}:" if many else "") + f"{p['line'] or ''}"
                msg = p["message_en"] if lang == "en" else p["message"]
                console.print(f"[yellow]{where}[/] [bold]{p['code']}[/] {msg}", highlight=False)
        return cap.get()
    # plain text: aligned columns, long subjects shortened
    limit = {"symbol": 36, "issuer": 40, "subject": 58, "problems": 60}
    short = [[(v[:limit[c] - 1] + "…") if len(v) > limit.get(c, 10**6) else v for c, v in zip(cols, r)]
             for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in short]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in short]
    for path, p, place in problems:
        where = (f"{path} ({place})" if many else place) if place else \
            (f"{path}:" if many else "line ") + f"{p['line'] or '?'}"
        lines.append(f"{where}: {p['code']} {p['message_en'] if lang == 'en' else p['message']}")
    return "\n".join(lines) + "\n"
