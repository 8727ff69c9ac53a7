"""Command-line runs build the models on the plain base of ttdn_parse._plain instead of pydantic's: the
declarations must read the same on both bases, and every command must give byte-identical output."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLES, source_env
from ttdn_parse import models
from ttdn_parse.cli import app

PLANS = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".docx")) + sorted(
    str(p) for p in (ROOT / "tests" / "data" / "robustness").glob("*.txt"))
FEW = [str(SAMPLES / n) for n in ("dak-nong-2025.txt", "binh-thuan-2025.c-tables.docx", "quang-binh-2023.md")]

_PLAIN = """
import sys
from ttdn_parse import modelmode
modelmode.prefer_plain()
from ttdn_parse import models
"""


# What the test compares of each model class: its fields in order, whether required, their defaults.
_DESCRIBE = """
def describe(models):
    out = {}
    for name in dir(models):
        cls = getattr(models, name)
        if isinstance(cls, type) and issubclass(cls, models.Model) and cls is not models.Model:
            out[name] = [[k, f.is_required(), f.default_factory is not None,
                          None if f.is_required() or f.default_factory else repr(f.default)]
                         for k, f in cls.model_fields.items()]
    return out
"""


def describe(module) -> dict:
    scope: dict = {}
    exec(_DESCRIBE, scope)
    return scope["describe"](module)


def test_plain_models_have_pydantics_fields_in_the_same_order_without_importing_it():
    """The models module as a command-line run builds it (a fresh interpreter: this one has pydantic's)."""
    code = _PLAIN + _DESCRIBE + """
import json
print(json.dumps({"pydantic": "pydantic" in sys.modules, "fields": describe(models)}))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=source_env(), check=True)
    got = json.loads(res.stdout)
    assert got["pydantic"] is False
    expected = describe(models)
    assert len(expected) >= 17 and got["fields"] == expected


def _cli(args: list[str]) -> tuple[int, str]:
    res = subprocess.run([sys.executable, "-m", "ttdn_parse", *args], capture_output=True, text=True,
                         env=source_env(), cwd=ROOT)
    return res.returncode, res.stdout


@pytest.mark.parametrize("args", [
    ["parse", "--json", *PLANS],
    ["lint", "--format", "json", "--no-progress", *PLANS],
    ["lint", "--format", "sarif", "--no-progress", "--jobs", "2", *PLANS],
    ["tasks", "--format", "json", *PLANS],
    ["refs", "--format", "json", *PLANS],
    ["reorg", "check", "--json", *PLANS],
    ["rules", "--json"],
    # the human formats and the smaller commands, on a few plans (a Word file among them)
    *[["lint", "--format", fmt, "--no-progress", *FEW] for fmt in ("text", "concise", "github", "gitlab", "junit")],
    ["parse", *FEW],
    ["tasks", *FEW], ["tasks", "--format", "csv", *FEW],
    ["refs", *FEW], ["refs", "--format", "csv", *FEW],
    ["rules"], ["rule", "TTDN101"], ["rule", "missing-deadline", "--lang", "en"],
    ["config", "show", "samples"], ["config", "show", "--json", "samples"],
    ["reorg", "status", "Sở Thông tin và Truyền thông", "--on", "2025-12-01"],
    ["reorg", "status", "Sở TT&TT", "--on", "2025-12-01", "--json"],
    ["reorg", "province", "Đắk Nông", "--on", "2025-12-01"],
], ids=lambda a: " ".join(a[:3]))
def test_every_command_gives_the_same_output_on_both_bases(args):
    """The subprocess runs as a user does (plain models); CliRunner runs in this process (pydantic's)."""
    code, out = _cli(args)
    res = CliRunner().invoke(app, args)
    assert (code, out) == (res.exit_code, res.stdout)
    assert out.strip() or args[0] == "reorg"        # no plan here names a dissolved body as current


def test_schema_still_comes_from_pydantic():
    code, out = _cli(["schema"])
    assert code == 0 and json.loads(out)["title"] == "Plan"


_BEHAVIOUR = _PLAIN + """
import pickle
from ttdn_parse import parse_file
plan = parse_file(sys.argv[1])
assert type(plan).__mro__[-2].__module__ == "ttdn_parse._plain", type(plan).__mro__
node = plan.sections[0]
assert plan.text_of(node.id) and plan.locate(node.id, 0, 3) is not None
copy = node.span.model_copy(update={"end_line": 99})
assert copy.end_line == 99 and node.span.end_line != 99 and copy.start_line == node.span.start_line
assert copy != node.span and node.span.model_copy() == node.span
again = pickle.loads(pickle.dumps(plan))
assert again.to_json() == plan.to_json() and again.text_of(node.id) == plan.text_of(node.id)
fresh = models.Plan.model_construct(source=plan.source)
assert fresh.sections == [] and fresh.sections is not models.Plan.model_construct(source=plan.source).sections
assert fresh.header == models.Header.new() and fresh._text_maps() == {}
try:
    models.Span.new(start_line=1)
except TypeError:
    pass
else:
    raise AssertionError("a missing required field must be refused")
print("ok")
"""


def test_plain_models_behave_as_ttdn_uses_them():
    res = subprocess.run([sys.executable, "-c", _BEHAVIOUR, str(SAMPLES / "dak-nong-2025.txt")],
                         capture_output=True, text=True, env=source_env())
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


def test_a_process_that_imported_pydantics_models_keeps_them():
    from ttdn_parse import modelmode

    modelmode.prefer_plain()
    assert modelmode.plain is False
    assert pickle.loads(pickle.dumps(models.Span.new(start_line=1, end_line=2))).model_dump()["end_line"] == 2
