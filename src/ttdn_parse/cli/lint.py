"""`ttdn lint`, `ttdn rules`, `ttdn rule CODE` and `ttdn config show`."""

import sys
from typing import Optional

import typer

from . import app, lang_option
from ._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, error_line, write_atomic

FORMAT_NAMES = ("text", "concise", "json", "jsonl", "sarif", "github", "gitlab", "junit")
_PROGRESS_MIN_FILES = 8


def _split(values: Optional[list[str]]) -> Optional[list[str]]:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def _fail(message: str) -> None:
    error_line("ttdn", message)
    raise typer.Exit(EXIT_USAGE)


@app.command("lint")
def lint_cmd(
    paths: list[str] = typer.Argument(..., help="Tệp, thư mục (tìm đệ quy) hoặc - (stdin).", metavar="PATH..."),
    format: str = typer.Option("text", "--format", help="text|concise|json|jsonl|sarif|github|gitlab|junit", metavar="FORMAT"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Ghi kết quả vào tệp (nguyên vẹn hoặc không).", metavar="FILE"),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Chỉ chạy các quy tắc này (mã, tên, nhóm, ALL).", metavar="RULE"),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Bỏ qua các quy tắc này (mã, tên, nhóm).", metavar="RULE"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Mức thấp nhất làm lệnh thất bại: error|warning|info.", metavar="LEVEL"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Luôn thoát với mã 0 khi có phát hiện."),
    lang: Optional[str] = lang_option(None, "Ngôn ngữ thông báo (language of the messages); mặc định theo cấu hình."),
    draft: Optional[bool] = typer.Option(None, "--draft/--no-draft", help="Kiểm tra bản dự thảo (số để trống là thông tin)."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Số tiến trình song song (0 = số lõi CPU).", metavar="N"),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Tên tệp của dữ liệu đọc từ stdin.", metavar="NAME"),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Chấp nhận các phát hiện đã có trong tệp baseline.", metavar="FILE"),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Ghi mọi phát hiện hiện có vào tệp baseline.", metavar="FILE"),
    config_file: Optional[str] = typer.Option(None, "--config", help="Dùng tệp cấu hình này (thay vì tìm gần nhất).", metavar="FILE"),
    no_progress: bool = typer.Option(False, "--no-progress", help="Không hiện thanh tiến trình."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Kiểm tra tên cơ quan theo ngày này (YYYY-MM-DD) "
                                        "thay cho ngày của kế hoạch.", metavar="YYYY-MM-DD"),
) -> None:
    """Kiểm tra kế hoạch theo các quy tắc. Lint plans: rule checks, CI-grade output, exit 0/1/2."""
    from ..lint import apply_baseline, failing, lint_paths, load_baseline
    from ..lint import write_baseline as dump_baseline
    from ..lint_config import SEVERITIES, ConfigError, config_for
    from ..report import formatter

    if format not in FORMAT_NAMES:
        _fail(f"--format không hợp lệ “{format}” (choose one of {', '.join(FORMAT_NAMES)})")
    if fail_on is not None and fail_on not in SEVERITIES:
        _fail(f"--fail-on không hợp lệ “{fail_on}” (choose error, warning or info)")
    if jobs < 0:
        _fail("--jobs phải ≥ 0")
    if as_of is not None:
        import datetime as _dt
        import os as _os

        from ..rules.reorganisation import AS_OF_ENV

        try:
            _dt.date.fromisoformat(as_of)
        except ValueError:
            _fail(f"--as-of không hợp lệ “{as_of}” (expected YYYY-MM-DD)")
        _os.environ[AS_OF_ENV] = as_of      # read by the reorganisation rules, inherited by --jobs workers
    overrides = dict(select=_split(select), ignore=_split(ignore), fail_on=fail_on, lang=lang, draft=draft)
    cache: dict[str, object] = {}

    def cfg_for(path: str):
        from ..lint_config import find_config_file

        key = str(find_config_file(path)) if not config_file else config_file
        if key not in cache:
            cache[key] = config_for(path, config_file).with_overrides(**overrides)
        return cache[key]

    try:
        import os

        base_cfg = cfg_for(stdin_filename or os.getcwd())
        baseline_counts = load_baseline(baseline) if baseline else None
        data = sys.stdin.buffer.read() if "-" in paths else None
        progress = None
        from ._common import expand_inputs

        n_files = len(expand_inputs(list(paths)))
        if not n_files:
            error_line("ttdn", "không tìm thấy tệp kế hoạch nào (no .docx/.txt/.md/.pdf/.doc files found)")
        if not no_progress and sys.stderr.isatty() and n_files >= _PROGRESS_MIN_FILES:
            from rich.console import Console
            from rich.progress import Progress

            progress = Progress(console=Console(stderr=True), transient=True)
            task = progress.add_task("ttdn lint", total=n_files)
            progress.start()
        try:
            reports = lint_paths(paths, cfg_for, jobs=jobs, stdin=data, stdin_filename=stdin_filename,
                                 on_result=(lambda _r: progress.advance(task)) if progress else None)
        finally:
            if progress:
                progress.stop()
    except ConfigError as exc:
        _fail(str(exc))
        return
    if write_baseline:
        n = dump_baseline(reports, write_baseline)
        error_line("ttdn", f"đã ghi {n} phát hiện vào baseline {write_baseline} (wrote {n} findings)")
    if baseline_counts is not None:
        apply_baseline(reports, baseline_counts)
    out_lang = base_cfg.lang
    color = format == "text" and output is None and sys.stdout.isatty()
    text = formatter(format)(reports, lang=out_lang, color=color)
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if write_baseline or exit_zero:
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_FINDINGS if failing(reports, fail_on) else EXIT_OK)


@app.command("rules")
def rules_cmd(
    lang: str = lang_option("vi"),
    json_out: bool = typer.Option(False, "--json", help="In dạng JSON."),
) -> None:
    """Liệt kê mọi quy tắc (mã, tên, mức, nhóm). List every rule."""
    import json

    from ..rules import all_rules

    rules = all_rules()
    if json_out:
        sys.stdout.write(json.dumps([{"code": c, "name": r.name, "severity": r.severity, "group": r.group,
                                      "message": r.message(lang), "has_check": r.check is not None}
                                     for c, r in sorted(rules.items())], ensure_ascii=False, indent=2) + "\n")
        return
    w = max(len(r.name) for r in rules.values())
    for code, r in sorted(rules.items()):
        sys.stdout.write(f"{code}  {r.name.ljust(w)}  {r.severity.ljust(7)}  {r.group}\n")


@app.command("rule")
def rule_cmd(
    key: str = typer.Argument(..., help="Mã (TTDN101) hoặc tên (missing-lead-agency).", metavar="CODE|NAME"),
    lang: str = lang_option("vi"),
) -> None:
    """In tài liệu của một quy tắc. Print a rule's documentation."""
    from ..rules import find_rule

    r = find_rule(key)
    if r is None:
        _fail(f"không có quy tắc “{key}” (unknown rule; see `ttdn rules`)")
        return
    sev = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}}.get(lang, {}).get(r.severity, r.severity)
    head = f"# {r.code} {r.name}\n\n"
    meta = (f"Nhóm: {r.group} · Mức mặc định: {sev}" if lang == "vi" else
            f"Group: {r.group} · Default severity: {r.severity}")
    if r.draft_severity:
        meta += f" (--draft: {r.draft_severity})"
    meta += "\n" + ("Thông báo: " if lang == "vi" else "Message: ") + r.message(lang) + "\n\n"
    sys.stdout.write(head + meta + r.documentation(lang).strip() + "\n")


config_app = typer.Typer(help="Cấu hình lint. Lint configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def config_show_cmd(
    path: str = typer.Argument(".", help="Tệp hoặc thư mục cần xem cấu hình áp dụng.", metavar="PATH"),
    config_file: Optional[str] = typer.Option(None, "--config", help="Tệp cấu hình chỉ định.", metavar="FILE"),
    json_out: bool = typer.Option(False, "--json", help="In dạng JSON."),
) -> None:
    """In cấu hình có hiệu lực và nguồn của từng giá trị. Print the effective config and where each value came from."""
    import json

    from ..lint_config import KEYS, ConfigError, config_for, find_config_file

    try:
        cfg = config_for(path, config_file)
    except ConfigError as exc:
        _fail(str(exc))
        return
    values = {k: getattr(cfg, k.replace("-", "_")) for k in KEYS}
    if json_out:
        sys.stdout.write(json.dumps({k: {"value": v, "source": cfg.source(k)} for k, v in values.items()},
                                    ensure_ascii=False, indent=2) + "\n")
        return
    found = config_file or find_config_file(path)
    sys.stdout.write(f"# tệp cấu hình (config file): {found or '(không có / none)'}\n")
    for k, v in values.items():
        sys.stdout.write(f"{k} = {json.dumps(v, ensure_ascii=False)}    # {cfg.source(k)}\n")
