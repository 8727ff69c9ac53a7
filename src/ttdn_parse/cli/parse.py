"""`ttdn parse` and `ttdn schema`."""

import shutil
import sys
from typing import Optional

import typer

from . import app
from ._common import EXIT_FINDINGS, EXIT_OK, iter_plans, write_atomic


@app.command("parse")
def parse_cmd(
    files: list[str] = typer.Argument(..., help="Tệp kế hoạch (.docx .txt .md .pdf .doc), thư mục, hoặc - (stdin).", metavar="FILE..."),
    json_out: bool = typer.Option(False, "--json", help="In mô hình JSON (nhiều tệp: JSON Lines)."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Ghi kết quả vào tệp (ghi nguyên vẹn hoặc không ghi).", metavar="FILE"),
    stdin_format: str = typer.Option("txt", "--stdin-format", help="Định dạng của dữ liệu từ stdin.", metavar="FORMAT"),
) -> None:
    """Phân tích kế hoạch thành mô hình có cấu trúc. Parse plans into the typed Plan model."""
    chunks: list[str] = []
    failed = False
    for _path, plan in iter_plans(files, stdin_format):
        if plan is None:
            failed = True
            continue
        if json_out:
            chunks.append(plan.to_json() + "\n")
        else:
            from ..outline import render_outline

            tty = output is None and sys.stdout.isatty()
            width = shutil.get_terminal_size((100, 24)).columns if tty else 100
            chunks.append(render_outline(plan, color=tty, width=max(60, min(width, 160))))
    text = "".join(chunks)
    if output:
        if text or not failed:
            write_atomic(output, text)
    else:
        sys.stdout.write(text)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("schema")
def schema_cmd() -> None:
    """In JSON Schema của mô hình Plan. Print the JSON Schema of the Plan model."""
    import json

    from ..models import Plan

    sys.stdout.write(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
