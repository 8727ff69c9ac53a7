"""ttdn_parse.lalr runs the LALR tables Lark builds from grammars/*.lark without importing Lark: its trees
must be exactly Lark's, on real token streams and on mutated ones, and its cached tables must be safe."""

from __future__ import annotations

import subprocess
import sys
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLES, source_env
from ttdn_parse import lalr, parse_file, references
from ttdn_parse.pipeline import lex_document
from ttdn_parse.readers import read_path
from ttdn_parse.resources import grammar_text

PLAN_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx")) + sorted(
    (ROOT / "tests" / "data" / "robustness").glob("*.txt"))


@cache
def _lark(text: str, start: str):
    from lark import Lark
    from lark.lexer import Lexer

    class Given(Lexer):
        def __init__(self, conf):
            pass

        def lex(self, data, *_):
            return iter(data)

    return Lark(text, parser="lalr", lexer=Given, start=start)


def lark_result(grammar: str, start: str, types: list[str], text: str | None = None):
    """Lark's tree for the token types (a token's value is its index), as a lalr.Tree; None if Lark rejects.
    `grammar` names a file of grammars/, or `text` is the grammar itself."""
    from lark import Token, Tree
    from lark.exceptions import LarkError

    def convert(t):
        return lalr.Tree(str(t.data), [convert(c) for c in t.children]) if isinstance(t, Tree) else int(t)

    try:
        return convert(_lark(text or grammar_text(grammar), start).parse([Token(t, str(i)) for i, t in enumerate(types)]))
    except LarkError:
        return None


def ttdn_result(grammar: str, start: str, types: list[str]):
    try:
        return lalr.parser(grammar, start).parse([(t, i) for i, t in enumerate(types)])
    except lalr.ParseError:
        return None


@cache
def plan_streams() -> dict[str, list[str]]:
    return {p.name: [t.type for t in lex_document(read_path(p))[1].tokens] for p in PLAN_FILES}


@cache
def citation_streams() -> list[tuple[tuple[str, ...], str]]:
    """The token-type sequences of every citation candidate and every symbol of the samples: those the
    reference extractor hands the grammar while parsing them, and those of the candidates it did not need to
    ask about (a symbol already found malformed)."""
    seen: set = set()
    real = references._shape.__wrapped__

    def recording(types, start="start"):
        seen.add((types, start))
        return real(types, start)

    original = references._shape
    references._shape = recording
    references._parse_symbol_cached.cache_clear()
    try:
        plans = [parse_file(p) for p in PLAN_FILES]
    finally:
        references._shape = original
        references._parse_symbol_cached.cache_clear()
    for plan in plans:
        for _, text in references._plan_texts(plan):
            cands = references._scan(text)
            for c in cands + references._scan_named(text, [(c.start, c.end) for c in cands]):
                seen.add((references._token_types(c), "start"))
    return sorted(seen)


def terminals(grammar: str) -> list[str]:
    tables = lalr._tables(grammar)
    return sorted({s for row in tables["states"] for s in row if s.isupper()})


@pytest.mark.parametrize("name", sorted(plan_streams()))
def test_plan_trees_equal_larks_on_every_sample(name):
    types = plan_streams()[name]
    ours = ttdn_result("plan.lark", "start", types)
    assert ours is not None and ours == lark_result("plan.lark", "start", types)


def test_citation_trees_equal_larks_on_every_citation_of_the_samples():
    streams = citation_streams()
    assert len(streams) >= 20          # the samples cite dozens of documents in several shapes
    for types, start in streams:
        assert ttdn_result("reference.lark", start, list(types)) == lark_result("reference.lark", start, list(types))
    assert any(ttdn_result("reference.lark", s, list(t)) is not None for t, s in streams)


def _mutated(draw, streams, alphabet):
    types = list(draw(st.sampled_from(streams)))
    for op, where, what in draw(st.lists(st.tuples(st.sampled_from("ddsi"), st.integers(0, 10**6),
                                                   st.sampled_from(alphabet)), max_size=6)):
        if not types:
            types.append(what)
            continue
        k = where % len(types)
        if op == "d":
            del types[k]
        elif op == "s":
            j = (k + 1) % len(types)
            types[k], types[j] = types[j], types[k]
        else:
            types.insert(k, what)
    return types


@st.composite
def mutated_plan_streams(draw):
    return _mutated(draw, sorted(plan_streams().values()), terminals("plan.lark"))


@st.composite
def citation_inputs(draw):
    start = draw(st.sampled_from(["start", "symbol"]))
    if draw(st.booleans()):
        return start, draw(st.lists(st.sampled_from(terminals("reference.lark")), max_size=12))
    return start, _mutated(draw, [list(t) for t, _ in citation_streams()], terminals("reference.lark"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_plan_streams())
def test_plan_trees_equal_larks_on_mutated_streams(types):
    assert ttdn_result("plan.lark", "start", types) == lark_result("plan.lark", "start", types)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(citation_inputs())
def test_citation_trees_equal_larks_on_random_sequences(case):
    start, types = case
    assert ttdn_result("reference.lark", start, types) == lark_result("reference.lark", start, types)


# Every shaping rule of Lark's tree builder, including those ttdn's grammars do not use (yet): `?rule`,
# `!rule` (keep all tokens), anonymous tokens (filtered out), `_rule` and helper rules inlined, aliases.
_SHAPES = r"""
start: item*
?item: group | WORD | kept
group: "(" _inner ")"
     | "<" WORD ">"        -> angled
!kept: "[" WORD? "]"
_inner: WORD (COMMA WORD)* | kept
%declare WORD COMMA
"""


@cache
def _shapes_parser() -> lalr.Parser:
    return lalr.Parser(lalr.build_tables(_SHAPES, ("start",)), "start")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["WORD", "COMMA", "LPAR", "RPAR", "LSQB", "RSQB", "LESSTHAN", "MORETHAN"]),
                max_size=10))
def test_every_tree_shaping_rule_equals_larks(types):
    try:
        mine = _shapes_parser().parse([(t, i) for i, t in enumerate(types)])
    except lalr.ParseError:
        mine = None
    assert mine == lark_result("", "start", types, text=_SHAPES)


def test_the_shaping_grammar_exercises_every_rule():
    tree = _shapes_parser().parse(
        [(t, i) for i, t in enumerate(["WORD", "LPAR", "WORD", "COMMA", "WORD", "RPAR", "LESSTHAN", "WORD",
                                       "MORETHAN", "LSQB", "RSQB", "LPAR", "LSQB", "WORD", "RSQB", "RPAR"])])
    assert tree == lalr.Tree("start", [0, lalr.Tree("group", [2, 3, 4]), lalr.Tree("angled", [7]),
                                       lalr.Tree("kept", [9, 10]), lalr.Tree("group", [lalr.Tree("kept", [12, 13, 14])])])


def test_a_rejected_sequence_names_the_token_and_what_was_expected():
    with pytest.raises(lalr.ParseError) as err:
        lalr.parser("reference.lark", "symbol").parse([("NUM", 0), ("SLASH", 1), ("COMMA", 2)])
    assert err.value.position == 2 and err.value.token_type == "COMMA"
    assert "NUM" in err.value.expected
    with pytest.raises(lalr.ParseError) as err:
        lalr.parser("reference.lark", "symbol").parse([("NUM", 0), ("SLASH", 1)])
    assert err.value.token_type == "$END"


_RUN = """
import sys
from ttdn_parse import lint, parse_file
plan = parse_file(sys.argv[1])
print(len(plan.sections), len(plan.references), len(plan.tasks), len(lint.lint(plan)))
print("lark" in sys.modules, file=sys.stderr)
"""


def test_tables_are_cached_as_data_and_rebuilt_when_damaged(tmp_path):
    """The first process builds the tables with Lark and keeps them in ttdn's cache directory; later
    processes parse and lint without importing Lark. A damaged or foreign file is rebuilt without a word."""
    env = source_env(TTDN_CACHE_DIR=str(tmp_path))
    sample = SAMPLES / "dak-nong-2025.txt"

    def run():
        out = subprocess.run([sys.executable, "-c", _RUN, str(sample)], env=env, capture_output=True, text=True,
                             check=True)
        return out.stdout, out.stderr.strip()

    first, imported = run()
    assert imported == "True"                      # no tables yet: Lark built them
    files = sorted(p.name.split("-")[1] for p in tmp_path.glob("lalr-*.marshal"))
    assert files == ["plan", "reference"]
    assert run() == (first, "False")               # from the cache: Lark not imported
    for p in tmp_path.glob("lalr-*.marshal"):
        p.write_bytes(b"damaged\n")
    assert run() == (first, "True")
    for p in tmp_path.glob("lalr-*.marshal"):
        p.write_bytes(__import__("marshal").dumps({"key": "another grammar", "states": []}))
    assert run() == (first, "True")
    assert run() == (first, "False")


def test_unwritable_cache_directory_still_parses(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    out = subprocess.run([sys.executable, "-c", _RUN, str(SAMPLES / "dak-nong-2025.txt")], capture_output=True,
                         text=True, env=source_env(TTDN_CACHE_DIR=str(blocked / "cache")))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "4"
