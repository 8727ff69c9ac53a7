"""The models as the parser builds them (model_construct, written by to_json): valid, the same JSON as
pydantic's, and built without pydantic's validators or serializers in a parse or lint process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES, source_env
from ttdn_parse import parse_file
from ttdn_parse.models import Plan

DOCUMENTS = sorted(p for p in [*SAMPLES.iterdir(), *(ROOT / "tests" / "data" / "robustness").iterdir()]
                   if p.suffix in (".txt", ".md", ".docx"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_parsed_plan_is_valid_and_its_json_is_pydantics(path):
    plan = parse_file(path)
    text = plan.to_json()
    assert text == plan.model_dump_json()
    assert plan.to_data() == plan.model_dump(mode="json") == json.loads(text)
    assert Plan.model_validate_json(text).to_data() == plan.to_data()
    for task in plan.tasks:
        assert task.to_data() == task.model_dump(mode="json")


_NO_BUILD = """
import sys
import pydantic
from ttdn_parse import lint, models, parse_file
plan = parse_file(sys.argv[1])
lint.lint(plan)
plan.to_json()
built = [name for name, cls in vars(models).items()
         if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel) and cls.__pydantic_complete__]
print(",".join(built))
"""


def test_parse_and_lint_build_no_pydantic_schema():
    """Building pydantic's validators and serializers costs ~45 ms per process; parse and lint never need
    them, and a validated construction slipping into the parser shows here."""
    env = source_env()
    for name in ("dak-nong-2025.txt", "binh-dinh-2019-2020.c-tables.docx"):
        out = subprocess.run([sys.executable, "-c", _NO_BUILD, str(SAMPLES / name)], env=env,
                             capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "", f"{name}: built {out.stdout.strip()}"


def test_new_is_model_construct_with_checks():
    from ttdn_parse.models import Node, Span

    span = Span.new(start_line=3, end_line=4)
    assert span == Span.model_construct(start_line=3, end_line=4) == Span(start_line=3, end_line=4)
    assert span.model_fields_set == {"start_line", "end_line"}
    a, b = (Node.new(id=i, kind="item", span=span) for i in "ab")
    a.children.append(b)
    assert b.children == [] and a.children == [b]          # a fresh default list for each instance
    assert Node.model_validate(a.to_data()).to_data() == a.to_data()
    with pytest.raises(TypeError, match="unknown"):
        Span.new(start_line=1, end_line=1, colour="red")
    with pytest.raises(TypeError, match="missing end_line"):
        Span.new(start_line=1)
    with pytest.raises(TypeError, match="private"):
        Plan.new(source=None)


def test_make_is_new_with_every_field():
    from ttdn_parse.models import Agency, Node, Span

    args = dict(start_line=3, end_line=4, start_char=1, end_char=9, para=7, table=2, row=5, cell=1, page=None)
    made, built = Span.make(*args.values()), Span.new(**args)
    assert list(made.__dict__) == list(Span.model_fields) and made == built
    assert made.model_fields_set == built.model_fields_set and made.to_data() == built.to_data()
    node = Node.make("I.1", "item", "1.", "Mục đích", "1. Mục đích", made)
    assert list(node.__dict__) == list(Node.model_fields)
    assert node == Node.new(id="I.1", kind="item", label="1.", title="Mục đích", text="1. Mục đích", span=built,
                            cells=None, children=[])
    assert Node.make("a", "item", None, None, "", made).children is not node.children    # a list for each
    agency = Agency.make("Sở Ngoại vụ", "Sở Ngoại vụ", False)
    want = Agency.new(text="Sở Ngoại vụ", canonical="Sở Ngoại vụ", collective=False)
    assert list(agency.__dict__) == list(Agency.model_fields) and agency == want
    assert agency.model_fields_set == want.model_fields_set and agency.to_data() == want.to_data()


def test_replaced_is_model_copy_with_an_update():
    from ttdn_parse.models import Span

    span = Span.new(start_line=3, end_line=4, para=7)
    for got, want in ((span.replaced(end_line=9, end_char=2), span.model_copy(update={"end_line": 9, "end_char": 2})),
                      (span.replaced(), span.model_copy())):
        assert got == want and got.model_fields_set == want.model_fields_set and got.to_data() == want.to_data()
    assert span.end_line == 4                                    # the original is untouched


def test_agencies_from_the_memo_are_fresh_objects():
    from ttdn_parse.agencies import registry

    a, b = registry().agency(" Sở Ngoại vụ; "), registry().agency(" Sở Ngoại vụ; ")
    assert a == b and a is not b and a.text == "Sở Ngoại vụ" and a.canonical
    a.text = "changed"
    assert registry().agency(" Sở Ngoại vụ; ").text == "Sở Ngoại vụ"
