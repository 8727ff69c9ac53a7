"""`ttdn tasks`: who leads, who helps, by when - one row per task, as a table, CSV, XLSX or JSON."""

import sys
from typing import Optional

import typer

from . import app
from ._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, error_line, iter_plans, write_atomic

_FORMATS = ("table", "csv", "xlsx", "json")


def _columns():
    from ..export import Column

    return [
        Column("file", "Tệp (file)", 22),
        Column("id", "Mã (id)", 12, wrap=False),
        Column("title", "Nhiệm vụ (title)", 60),
        Column("lead", "Chủ trì (lead)", 38),
        Column("support", "Phối hợp (support)", 45),
        Column("deadline", "Thời gian (deadline)", 22),
        Column("deadline_end", "Hạn (end date)", 13, wrap=False),
        Column("source", "Dạng (source)", 11, wrap=False),
        Column("where", "Vị trí (where)", 16, wrap=False),
    ]


@app.command("tasks")
def tasks_cmd(
    files: list[str] = typer.Argument(..., help="Tệp kế hoạch (.docx .txt .md .pdf .doc), thư mục, hoặc - (stdin).", metavar="FILE..."),
    fmt: str = typer.Option("table", "--format", "-f",
                            help="table | csv | xlsx | json (nhiều tệp: JSON Lines / many files: JSON Lines)", metavar="FORMAT"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Ghi kết quả vào tệp (ghi nguyên vẹn hoặc không ghi).", metavar="FILE"),
    stdin_format: str = typer.Option("txt", "--stdin-format", help="Định dạng của dữ liệu từ stdin.", metavar="FORMAT"),
) -> None:
    """Liệt kê nhiệm vụ: cơ quan chủ trì, phối hợp, thời hạn. List tasks: lead, support, deadline."""
    fmt = fmt.lower()
    if fmt not in _FORMATS:
        error_line("ttdn tasks", f"định dạng không hỗ trợ (unsupported format): {fmt}; chọn {', '.join(_FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    if fmt == "xlsx" and not output:
        error_line("ttdn tasks", "--format xlsx cần -o TỆP (xlsx needs -o FILE)")
        raise typer.Exit(EXIT_USAGE)

    from ..tasks import task_rows

    rows: list[dict] = []
    plans = []
    failed = False
    for path, plan in iter_plans(files, stdin_format):
        if plan is None:
            failed = True
            continue
        plans.append((path, plan))
        rows.extend(task_rows(plan, path))

    data: str | bytes
    if fmt == "json":
        import json

        out = [{"file": path, "tasks": [t.to_data() for t in plan.tasks],
                "reporting": [r.to_data() for r in plan.reporting]} for path, plan in plans]
        if len(out) == 1:
            data = json.dumps(out[0], ensure_ascii=False, indent=2) + "\n"
        else:   # many files: JSON Lines, one object per file (as `ttdn parse --json`)
            data = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out)
    elif fmt == "csv":
        from ..export import to_csv

        data = to_csv(_columns(), rows)
    elif fmt == "xlsx":
        from ..export import to_xlsx

        data = to_xlsx(_columns(), rows, "Nhiệm vụ")
    else:
        width = None
        if output is None and sys.stdout.isatty():
            import shutil

            width = max(100, shutil.get_terminal_size((100, 24)).columns)
        data = render_table(rows, width=width or 100, many=len(plans) > 1)

    if output:
        if data or not failed:
            write_atomic(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def render_table(rows: list[dict], width: int = 100, many: bool = False) -> str:
    """A plain table that stays readable at `width` columns (titles shortened, agencies one per line)."""
    if not rows:
        return ""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True, header_style="bold", show_edge=False)
    if many:
        table.add_column("Tệp", overflow="fold", width=16)
    table.add_column("Mã", no_wrap=True)
    table.add_column("Nhiệm vụ", overflow="fold", ratio=5)
    table.add_column("Chủ trì", overflow="fold", ratio=4)
    table.add_column("Phối hợp", overflow="fold", ratio=4)
    table.add_column("Thời gian", overflow="fold", width=13)
    table.add_column("Dạng", no_wrap=True)
    for r in rows:
        deadline = r["deadline"] or "—"
        if r.get("deadline_end") and r["deadline_end"] not in deadline:
            deadline += f"\n→ {r['deadline_end']}"
        cells = [r["id"], _short(r["title"], 70), (r["lead"] or "—").replace("; ", "\n"),
                 (r["support"] or "").replace("; ", "\n"), deadline, _SRC.get(r["source"], r["source"])]
        if many:
            cells.insert(0, _short(r["file"].replace("\\", "/").rsplit("/", 1)[-1], 24))
        table.add_row(*cells)
    console = Console(width=width, record=True, file=_Null(), color_system=None, force_terminal=False)
    console.print(table)
    return console.export_text()


_SRC = {"fields": "mục", "inline": "câu", "assignment": "giao", "table": "bảng"}


def _short(text: str, n: int) -> str:
    text = text or ""
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class _Null:
    def write(self, s: str) -> int:
        return len(s)

    def flush(self) -> None:
        pass
