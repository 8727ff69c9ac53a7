"""Shared CLI plumbing: exit codes, error lines, atomic output."""

import atexit
import os
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1     # findings at/above --fail-on, or a file failed
EXIT_USAGE = 2        # usage, config or internal error


def run_app(app) -> None:
    """Run the typer app: usage errors exit 2 (click's own handling), anything unexpected is one line."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:      # not ttdn's fault: e.g. the output's disk is full (inputs fail as TTDN000)
        if debug:
            raise
        error_line("ttdn", f"lỗi đọc/ghi (I/O error): {exc}")
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, no traceback
        if debug:
            raise
        error_line("ttdn", f"lỗi nội bộ (internal error): {type(exc).__name__}: {exc}; chạy lại với --debug")
        sys.exit(EXIT_USAGE)


def hard_exit(code) -> None:
    """Flush stdout and stderr, then end the process at once (os._exit), as mypy does for its command line.

    Python's own exit tears down every module and frees the heap object by object: ~30 ms of an 150 ms
    `ttdn lint`, for memory the kernel frees anyway. Nothing of ttdn's needs the skipped teardown: outputs
    are written and closed (write_atomic), a --jobs pool is shut down, temporary directories are removed by
    their `with` blocks. The atexit handlers do run (first): `rx` saves its compiled patterns there, and a
    coverage tool its data. `code` is SystemExit's: None is 0, a message is printed and exits 1."""
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        atexit._run_exitfuncs()     # what Python's exit runs first; their own errors are printed, not raised
    except Exception:  # noqa: BLE001 - an exit handler's failure must not change the exit
        pass
    try:
        sys.stdout.flush()
    except BrokenPipeError:     # `ttdn ... | head`: the reader has gone; what it wanted it has
        pass
    except OSError as exc:      # e.g. a full disk under `> out.json`: the output is not whole
        error_line("ttdn", f"không ghi được đầu ra (cannot write the output): {exc}")
        code = EXIT_USAGE
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def error_line(name: str, message: str) -> None:
    print(f"{name}: {message}", file=sys.stderr)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write the whole output or nothing: temp file in the same folder, then rename."""
    import tempfile      # here: only runs that write a file need it

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def expand_inputs(paths: list[str], suffixes: tuple[str, ...] = (".docx", ".txt", ".md", ".pdf", ".doc")) -> list[str]:
    """Files as given; directories searched recursively for plan files (Word lock files `~$*` skipped)."""
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith("~$") or not f.lower().endswith(suffixes):
                        continue
                    out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


def iter_plans(files: list[str], stdin_format: str = "txt"):
    """(path, plan) for each input file (directories expanded, `-` = stdin). A file that cannot be read is
    reported on stderr as one line and yields (path, None): the run goes on."""
    from .. import parse_bytes, parse_file
    from ..errors import TtdnError

    for path in expand_inputs(files):
        try:
            if path == "-":
                plan = parse_bytes(sys.stdin.buffer.read(), stdin_format, path="-")
            else:
                plan = parse_file(path)
        except TtdnError as exc:
            error_line(path, str(exc))
            yield path, None
            continue
        yield path, plan
