"""`ttdn parse` / `ttdn schema` as a user runs them: exit codes, stdout/stderr, JSON Lines, atomic -o."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES, source_env


def ttdn(*args: str, stdin: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ttdn_parse", *args], input=stdin, capture_output=True,
                          env=source_env(), cwd=cwd or ROOT, timeout=120)


def test_parse_json_one_file():
    out = ttdn("parse", "--json", str(SAMPLES / "dak-nong-2025.txt"))
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    assert plan["schema_version"] == "1" and plan["header"]["symbol"] == "678/KH-UBND"
    assert out.stderr == b""


def test_parse_json_lines_for_many_files_and_directories():
    out = ttdn("parse", "--json", str(SAMPLES))
    assert out.returncode == 0, out.stderr
    docs = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(docs) == len([p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".docx", ".pdf")])
    assert all(d["schema_version"] == "1" for d in docs)


def test_failed_file_is_reported_and_run_goes_on(tmp_path):
    out = ttdn("parse", "--json", str(tmp_path / "missing.txt"), str(SAMPLES / "binh-thuan-2025.txt"))
    assert out.returncode == 1
    err = out.stderr.decode()
    assert "missing.txt" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert json.loads(out.stdout)["header"]["province"] == "Bình Thuận"


def test_stdin():
    data = (SAMPLES / "tra-vinh-2023.txt").read_bytes()
    out = ttdn("parse", "--json", "-", stdin=data)
    assert out.returncode == 0 and json.loads(out.stdout)["header"]["symbol"] == "07 -KH/BCĐ-TTĐN"


def test_output_file_is_written_atomically(tmp_path):
    target = tmp_path / "out" / "plan.jsonl"
    out = ttdn("parse", "--json", "-o", str(target), str(SAMPLES / "dak-nong-2025.txt"))
    assert out.returncode == 0 and out.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["header"]["title"]
    assert [p.name for p in target.parent.iterdir()] == ["plan.jsonl"]       # no temp files left


def test_nothing_written_when_every_file_fails(tmp_path):
    target = tmp_path / "plan.json"
    out = ttdn("parse", "--json", "-o", str(target), str(tmp_path / "nope.txt"))
    assert out.returncode == 1 and not target.exists()


def test_outline_without_json():
    out = ttdn("parse", str(SAMPLES / "dak-nong-2025.txt"))
    text = out.stdout.decode()
    assert out.returncode == 0
    assert "II. NỘI DUNG CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2024" in text and "2.4.1." in text
    assert "mục lớn" in text


@pytest.mark.parametrize("args", [["parse"], ["parse", "--bogus", "x"], ["nope"]])
def test_usage_errors_exit_2(args):
    out = ttdn(*args)
    assert out.returncode == 2 and b"Traceback" not in out.stderr


def test_bad_input_never_shows_a_traceback(tmp_path):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.md").write_bytes(b"")
    out = ttdn("parse", str(tmp_path / "bin.txt"), str(tmp_path / "empty.md"), str(tmp_path))
    err = out.stderr.decode()
    assert out.returncode == 1 and "Traceback" not in err
    assert "bin.txt" in err and "empty.md" in err


def test_schema_is_json_schema():
    out = ttdn("schema")
    schema = json.loads(out.stdout)
    assert out.returncode == 0 and schema["title"] == "Plan" and "sections" in schema["properties"]


def test_help_is_light():
    # cli.main, not the console script's entry (which ends the process before the check could run)
    code = ("import sys; sys.argv=['ttdn','--help'];\nfrom ttdn_parse.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('lark','docx','openpyxl','pypdf','lxml','ttdn_parse.pipeline') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
    assert "parse" in out.stdout
