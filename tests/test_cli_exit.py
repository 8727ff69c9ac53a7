"""How the `ttdn` process ends: `cli.entry` flushes the output and leaves with os._exit (no teardown).
Whole processes, because that is the only place the difference shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(str(p) for p in (ROOT / "samples").glob("*.*"))


def ttdn(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ttdn_parse", *args], stdout=stdout, stderr=subprocess.PIPE,
                          timeout=300)


def py(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)


def test_output_larger_than_a_pipe_buffer_arrives_whole():
    r = ttdn("parse", "--json", *SAMPLES)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode("utf-8").splitlines()
    assert len(r.stdout) > 1 << 20              # far beyond the 64 KB a pipe holds
    plans = [json.loads(line) for line in lines]
    assert len(plans) == len(SAMPLES) and all(p["sections"] for p in plans)


@pytest.mark.parametrize("code, out, rc", [("3", "x" * 100_000, 3), ("None", "done", 0), ("0", "", 0)])
def test_hard_exit_flushes_stdout_and_keeps_the_code(code, out, rc):
    r = py(f"import sys\nfrom ttdn_parse.cli._common import hard_exit\nsys.stdout.write({out!r})\nhard_exit({code})")
    assert (r.returncode, r.stdout.decode(), r.stderr) == (rc, out, b"")


def test_hard_exit_with_a_message_prints_it_and_exits_1():
    r = py("from ttdn_parse.cli._common import hard_exit\nhard_exit('không đọc được')")
    assert (r.returncode, r.stderr.decode("utf-8").strip()) == (1, "không đọc được")


def test_a_reader_that_stops_early_gets_no_traceback():
    p = subprocess.Popen([sys.executable, "-m", "ttdn_parse", "parse", "--json", *SAMPLES],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.read(100)
    p.stdout.close()                            # like `ttdn parse --json ... | head -c 100`
    err = p.stderr.read()
    assert p.wait(timeout=300) == 0
    assert err == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux) to simulate a full disk")
@pytest.mark.parametrize("args", [("rules",), ("parse", "--json", *SAMPLES[:3])])
def test_a_full_disk_is_one_line_and_exit_2(args):
    with open("/dev/full", "wb") as full:
        r = ttdn(*args, stdout=full)
    err = r.stderr.decode("utf-8").strip().splitlines()
    assert r.returncode == 2
    assert len(err) == 1 and "No space left" in err[0] and "Traceback" not in err[0], err


def test_exit_handlers_run_before_the_fast_exit(tmp_path):
    r = py(f"import atexit\nfrom ttdn_parse.cli._common import hard_exit\n"
           f"atexit.register(lambda: open({str(tmp_path / 'ran')!r}, 'w').close())\nhard_exit(0)")
    assert r.returncode == 0 and (tmp_path / "ran").exists()


def test_a_fresh_cache_gets_the_compiled_patterns(tmp_path):
    # rx saves its patterns at exit: a fast exit that skipped it left every later run compiling them again
    env = {**os.environ, "TTDN_CACHE_DIR": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "ttdn_parse", "lint", "--no-progress", "--exit-zero",
                        str(ROOT / "samples" / "dak-nong-2025.txt")], capture_output=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert list(tmp_path.glob("re2-*.marshal"))


def test_exit_codes_pass_through_the_fast_exit(tmp_path):
    dak = str(ROOT / "samples" / "dak-nong-2025.txt")
    assert ttdn("lint", dak, "--no-progress").returncode == 1          # it has findings
    assert ttdn("lint", dak, "--no-progress", "--exit-zero").returncode == 0
    assert ttdn("lint", "--format", "nope", dak).returncode == 2
    assert ttdn("--help").returncode == 0


@pytest.mark.parametrize("command", [["rules"], ["rule", "TTDN101"], ["lint", "--no-progress"], ["refs"],
                                     ["reorg", "check"]])
def test_an_unknown_language_is_a_usage_error_on_every_command(command):
    extra = [str(ROOT / "samples" / "quang-binh-2023.md")] if command[0] in ("lint", "refs", "reorg") else []
    r = ttdn(*command, *extra, "--lang", "fr")
    assert r.returncode == 2 and b"--lang" in r.stderr and r.stdout == b""
    assert ttdn(*command, *extra, "--lang", "en").returncode in (0, 1)
