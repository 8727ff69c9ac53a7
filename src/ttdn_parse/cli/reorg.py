"""`ttdn reorg …`: the 2025 reorganisation data and the TTDN5xx rules on their own (with `--as-of`)."""

import json
import sys
from datetime import date
from typing import Optional

import typer

from . import app, lang_option
from ._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, error_line, expand_inputs

reorg_app = typer.Typer(
    help="Sắp xếp bộ máy 2025: cơ quan, tỉnh, cấp huyện theo ngày. The 2025 reorganisation, by date.",
    no_args_is_help=True,
)
app.add_typer(reorg_app, name="reorg")


def _date(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        error_line("ttdn", f"{option}: ngày không hợp lệ (invalid date) “{value}”, dùng YYYY-MM-DD")
        raise typer.Exit(EXIT_USAGE) from None


@reorg_app.command("status")
def status_cmd(
    agency: str = typer.Argument(..., help="Tên cơ quan như in trong kế hoạch, vd. “Sở TT&TT”.", metavar="AGENCY"),
    on: str = typer.Option(..., "--on", help="Ngày (YYYY-MM-DD).", metavar="YYYY-MM-DD"),
    context: Optional[str] = typer.Option(None, "--context", help="Nội dung nhiệm vụ (chọn cơ quan kế thừa theo chức năng).", metavar="TEXT"),
    json_out: bool = typer.Option(False, "--json", help="In JSON."),
) -> None:
    """Cơ quan còn tồn tại vào ngày đó không; nếu không, cơ quan kế thừa theo chức năng."""
    from .. import reorg

    st = reorg.status(agency, _date(on, "--on"), context=context)  # type: ignore[arg-type]
    e = st.entry
    out = {"agency": agency, "on": on, "exists": st.exists, "known": st.known,
           "canonical": e.name if e else None, "ends": e.ends.isoformat() if e and e.ends else None,
           "valid_from": e.valid_from.isoformat() if e and e.valid_from else None,
           "status": e.status if e else None, "instrument": e.instrument if e else None,
           "successors": [{"name": n, "functions": f} for n, f in st.successors]}
    if json_out:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    if not st.known:
        sys.stdout.write(f"{agency}: không thuộc dữ liệu sắp xếp 2025 (not a reorganised body)\n")
    elif st.exists:
        sys.stdout.write(f"{agency}: còn tồn tại vào {on} ({e.name})\n")
    else:
        sys.stdout.write(f"{agency}: KHÔNG tồn tại vào {on} ({e.name}; {out['ends'] or out['valid_from']}; "
                         f"{e.instrument or ''}; {e.status})\n")
        for n, f in st.successors:
            sys.stdout.write(f"  → {n}" + (f" ({', '.join(f)})" if f else "") + "\n")


@reorg_app.command("province")
def province_cmd(
    name: str = typer.Argument(..., help="Tên tỉnh, vd. “Đắk Nông”.", metavar="PROVINCE"),
    on: str = typer.Option(..., "--on", help="Ngày (YYYY-MM-DD).", metavar="YYYY-MM-DD"),
) -> None:
    """Tỉnh vào ngày đó (Nghị quyết 202/2025/QH15)."""
    from .. import reorg

    p = reorg.province_on(name, _date(on, "--on"))  # type: ignore[arg-type]
    if p is None:
        error_line("ttdn", f"“{name}”: không phải tên tỉnh (not a province name)")
        raise typer.Exit(EXIT_FINDINGS)
    state = "còn" if p.exists else "không còn"
    sys.stdout.write(f"{p.name}: {state} là đơn vị cấp tỉnh vào {on}; thuộc {p.type} {p.current}\n")


@reorg_app.command("check")
def check_cmd(
    files: list[str] = typer.Argument(..., help="Tệp kế hoạch hoặc thư mục.", metavar="FILE..."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Kiểm tra theo ngày này thay cho ngày của kế hoạch (YYYY-MM-DD).", metavar="YYYY-MM-DD"),
    lang: str = lang_option("vi"),
    json_out: bool = typer.Option(False, "--json", help="In JSON Lines."),
) -> None:
    """Chạy các quy tắc TTDN5xx (sắp xếp bộ máy 2025). Run the TTDN5xx rules only."""
    from .. import parse_file
    from ..errors import TtdnError
    from ..rules.reorganisation import check, plan_date

    on = _date(as_of, "--as-of")
    failed = found_any = False
    for path in expand_inputs(files):
        try:
            plan = parse_file(path)
        except TtdnError as exc:
            error_line(path, str(exc))
            failed = True
            continue
        day = plan_date(plan, on)
        for d in check(plan, as_of=on):
            found_any = True
            if json_out:
                row = {"path": path, "as_of": day.isoformat() if day else None, **d.to_data()}
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                line = d.span.start_line if d.span else 0
                msg = d.message_en if lang == "en" else d.message
                sys.stdout.write(f"{path}:{line}: {d.code} [{d.severity}] {msg}\n")
    raise typer.Exit(EXIT_FINDINGS if (failed or found_any) else EXIT_OK)
