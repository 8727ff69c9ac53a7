"""Properties over mutated samples: the parser never raises, loses nothing, and is deterministic; and the
structure does not depend on wrapping width, Unicode normal form or tone-mark style."""

from __future__ import annotations

import re
import textwrap
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from ttdn_parse import parse_text
from ttdn_parse.lexer import lex
from ttdn_parse.models import Plan
from ttdn_parse.normalise import clean_line, detect_tables, unwrap, wrap_style
from ttdn_parse.pipeline import _position_words
from ttdn_parse.readers.text import read_text

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
SAMPLE_TEXT = {name: (SAMPLES / name).read_text(encoding="utf-8") for name in SAMPLE_NAMES}
BODY = ("PART", "SECTION", "ITEM1", "ITEM2", "ITEM3", "ITEM4", "ITEMP", "CLAUSE", "CFIELD", "FIELD", "BFIELD",
        "BULLET", "SUB", "TEXT")


def _chars(s: str) -> str:
    return re.sub(r"\s+", "", s)


def assert_lossless(text: str) -> None:
    """Every non-blank character of the normalised body belongs to exactly one node, in order."""
    plan = parse_text(text)
    blocks = read_text(text.encode("utf-8")) if text else []
    detect_tables(blocks)
    texts = [clean_line(b.text) for b in blocks]
    lines = unwrap(blocks, texts, wrap_style(texts, blocks))
    lexed = lex(lines, _position_words())
    body = []
    for t in lexed.tokens:
        if t.type in BODY:
            body.append(lines[t.line].text)
        elif t.type == "ROW":
            body.extend(lines[i].text for i in t.lines)
    nodes = [n.text for n in plan.walk()]
    assert _chars("".join(nodes)) == _chars("".join(body))


def mutate(lines: list[str], ops: list[tuple[int, int, int]], inserts: list[str]) -> list[str]:
    out = list(lines)
    for op, a, b in ops:
        if not out:
            break
        i, j = a % len(out), b % len(out)
        if op == 0:
            del out[i]
        elif op == 1:
            out.insert(i, out[i])
        elif op == 2:
            out[i], out[j] = out[j], out[i]
        else:
            out.insert(i, inserts[a % len(inserts)] if inserts else "")
    return out


RANDOM_LINES = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÔƠƯ0123456789 .,;:-+()/\t|*#[]⁽¹⁾")),
                       max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SAMPLE_NAMES),
       ops=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10**6), st.integers(0, 10**6)), max_size=12),
       inserts=st.lists(RANDOM_LINES, max_size=4))
def test_mutated_samples_never_raise_lossless_deterministic(name, ops, inserts):
    text = "\n".join(mutate(SAMPLE_TEXT[name].split("\n"), ops, inserts))
    plan = parse_text(text)
    first = plan.to_json()
    assert parse_text(text).to_json() == first
    assert_valid(plan)
    assert_lossless(text)


def assert_valid(plan: Plan) -> None:
    """The parser builds models without validation: what it builds must pass validation unchanged, and its
    JSON must be pydantic's."""
    data = plan.to_data()
    assert Plan.model_validate(data).to_data() == data
    assert plan.to_json() == plan.model_dump_json()


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(SAMPLE_NAMES), width=st.integers(40, 140))
def test_rewrapped_samples_never_raise_and_lossless(name, width):
    text = rewrap(SAMPLE_TEXT[name], width)
    parse_text(text)
    assert_lossless(text)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_parses(text):
    plan = parse_text(text)
    assert plan.schema_version == "1"
    assert_valid(plan)


def logical_lines(text: str) -> list[str]:
    blocks = read_text(text.encode("utf-8"))
    detect_tables(blocks)
    texts = [clean_line(b.text) for b in blocks]
    out = []
    for line, block_table in ((ln, ln.table) for ln in unwrap(blocks, texts, wrap_style(texts, blocks))):
        out.append(line.text if block_table is None else "\t" + line.text)
    return out


def rewrap(text: str, width: int) -> str:
    """Re-wrap every logical line at `width` columns (table cells are left alone)."""
    out = []
    # Exporters keep a field code with its argument on one line (NBSP glues them for textwrap).
    text = re.sub(r'HYPERLINK "', 'HYPERLINK\u00a0"', text)
    for line in text.split("\n"):
        if line.startswith(("\t", " \t")) or len(line) <= width:
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""])
    return "\n".join(out)


def structure(text: str):
    plan = parse_text(text)
    return ([(n.id, n.kind) for n in plan.walk() if n.kind != "paragraph"],
            [(s.id, s.title) for s in plan.sections if s.kind == "section"],
            plan.header.model_dump(exclude={"span"}), plan.signature.model_dump(exclude={"span"}),
            [r.text for r in plan.recipients])


OLD_STYLE = {"hòa": "hoà", "Hòa": "Hoà", "hóa": "hoá", "thủy": "thuỷ", "khóa": "khoá", "tùy": "tuỳ", "hủy": "huỷ",
             "Hóa": "Hoá", "HÒA": "HOÀ", "xóa": "xoá", "lũy": "luỹ", "họa": "hoạ"}


def old_style(text: str) -> str:
    return re.sub("|".join(OLD_STYLE), lambda m: OLD_STYLE[m.group(0)], text)


def _original_unwrapped(name: str) -> str:
    """A hard-wrapped sample (004) is re-wrapped from its logical lines, the others from their own lines."""
    text = SAMPLE_TEXT[name]
    if wrap_style([clean_line(t) for t in text.split("\n")]).wrapped:
        return "\n".join(logical_lines(text))
    return text


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("width", [60, 100])
def test_same_sections_when_rewrapped(name, width):
    base = _original_unwrapped(name)
    assert structure(rewrap(base, width)) == structure(SAMPLE_TEXT[name])


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_same_sections_in_nfd(name):
    assert structure(unicodedata.normalize("NFD", SAMPLE_TEXT[name])) == structure(SAMPLE_TEXT[name])


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_same_sections_with_old_style_tones(name):
    changed = old_style(SAMPLE_TEXT[name])
    assert changed != SAMPLE_TEXT[name]
    assert structure(changed) == structure(SAMPLE_TEXT[name])
