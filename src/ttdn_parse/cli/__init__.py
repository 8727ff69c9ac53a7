"""`ttdn` command line: a thin typer layer over the public API. Heavy imports happen inside commands.

The cli modules do not use `from __future__ import annotations`: typer reads every parameter's annotation at
each start, and a string annotation has to be compiled first (~13 M instructions for all commands)."""

import typer

app = typer.Typer(
    name="ttdn",
    help="Đọc và kiểm tra kế hoạch hành chính (Kế hoạch công tác thông tin đối ngoại…). "
    "Parse and lint Vietnamese administrative plans.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,      # plain help: importing rich costs ~50 ms at every start
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def _check_lang(value):
    if value is not None and value not in ("vi", "en"):
        raise typer.BadParameter(f"“{value}”: vi hoặc en (choose vi or en)")
    return value


def lang_option(default, help: str = "Ngôn ngữ (language): tiếng Việt hoặc English."):
    """The `--lang vi|en` option of every command that prints messages; another value is a usage error."""
    return typer.Option(default, "--lang", help=help, metavar="vi|en", callback=_check_lang)


# Each command module registers itself on `app` (one module per command family).
from . import parse as _parse  # noqa: E402,F401
from . import reorg as _reorg  # noqa: E402,F401
from . import refs as _refs  # noqa: E402,F401
from . import tasks as _tasks  # noqa: E402,F401
from . import lint as _lint  # noqa: E402,F401


def main() -> None:
    import gc
    import sys

    # A run allocates several hundred thousand objects (modules, classes, data, the plan) that live until it
    # exits; at the default threshold (700) the cyclic collector rescans them dozens of times, ~2% of a run.
    # Collections still happen, so the few cycles a Word file leaves (lxml's pull parser) are still freed.
    gc.set_threshold(100_000, 10, 10)
    if sys.argv[1:2] != ["schema"]:
        # every command but `schema` writes ttdn's own JSON and reports: the models need not be pydantic's
        # (importing pydantic is a quarter of a run; see _plain)
        from .. import modelmode

        modelmode.prefer_plain()
    from ._common import run_app

    run_app(app)


def entry() -> None:
    """The `ttdn` console script: `main()`, then `hard_exit` (see there) instead of Python's own teardown."""
    from ._common import hard_exit

    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    hard_exit(code)
