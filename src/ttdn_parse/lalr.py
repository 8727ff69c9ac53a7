"""LALR parsing with the automaton Lark builds from grammars/*.lark, without importing Lark at every start.

Lark compiles a grammar into LALR(1) tables. Importing Lark and loading its cached tables cost ~125 M
instructions (~25 ms) at every start of `ttdn`, more than the parse of a plan itself. So the tables and
the tree-shaping rules are taken from Lark once per grammar text, kept in ttdn's cache directory as
marshal data (never code: a planted file cannot run anything, a damaged one is rebuilt), and `Parser.parse`
runs them with Lark's own algorithm (lark/parsers/lalr_parser_state.py, `feed_token`) and Lark's tree
shaping (lark/parse_tree_builder.py): `_rule`s and the helper rules of `*`/`+`/`?` are inlined into their
parent, a `?rule` with one child is replaced by it, an alias names the tree, filtered terminals are dropped.
tests/test_lalr.py checks that the trees equal Lark's, on every sample and on mutated token streams.
"""

from __future__ import annotations

import hashlib
import marshal
from functools import cache
from typing import Any
from collections.abc import Iterable, Iterator

from .resources import cache_dir, grammar_text, write_cache

_FORMAT = 2          # bump when the layout of the cached tables changes
_END = "$END"


class Tree:
    """A node of the parse tree: `data` is the rule's name (or alias), `children` its subtrees and the values
    of its tokens (whatever the caller passed with each token type)."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list):
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Tree) and self.data == other.data and self.children == other.children

    def iter_subtrees_topdown(self) -> Iterator[Tree]:
        """Every subtree, parents before children, in document order (as Lark's method of that name)."""
        stack: list = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, Tree):
                yield node
                stack.extend(reversed(node.children))


class ParseError(ValueError):
    """The token sequence is not in the grammar's language."""

    def __init__(self, position: int, token_type: str, expected: list[str]):
        self.position = position
        self.token_type = token_type
        self.expected = expected
        super().__init__(f"unexpected {token_type} at token {position}; expected one of: {', '.join(expected)}")


class Parser:
    """One start symbol of a grammar. `parse` takes (token type, value) pairs and returns the Tree."""

    __slots__ = ("_states", "_rules", "_start", "_end")

    def __init__(self, tables: dict, start: str):
        self._states = tables["states"]
        self._rules = tables["rules"]
        self._start, self._end = tables["starts"][start]

    def parse(self, tokens: Iterable[tuple[str, Any]]) -> Tree:
        states, rules, end = self._states, self._rules, self._end
        state_stack = [self._start]
        value_stack: list = []
        position = -1
        # Shift and goto entries are states (>= 0); a reduction by rule r is ~r (< 0).
        for position, (type_, value) in enumerate(tokens):
            while True:
                action = states[state_stack[-1]].get(type_)
                if action is None:
                    raise ParseError(position, type_, _expected(states[state_stack[-1]]))
                if action >= 0:
                    state_stack.append(action)
                    value_stack.append(value)
                    break
                _reduce(rules[~action], states, state_stack, value_stack)
        while True:
            action = states[state_stack[-1]].get(_END)
            if action is None or action >= 0:
                raise ParseError(position + 1, _END, _expected(states[state_stack[-1]]))
            _reduce(rules[~action], states, state_stack, value_stack)
            if state_stack[-1] == end:
                return value_stack[-1]


def _reduce(rule: tuple, states: list, state_stack: list, value_stack: list) -> None:
    origin, name, size, expand1, include, spliced = rule
    if size:
        children = value_stack[-size:]
        del state_stack[-size:]
        del value_stack[-size:]
    else:
        children = []
    if include is not None:
        filtered: list = []
        for i, inline in include:
            if inline:
                child = children[i]
                filtered.extend(child if type(child) is list else child.children)
            else:
                filtered.append(children[i])
        children = filtered
    if spliced:
        # a `_rule` (or a helper rule of * + ?): its parent always splices its children in, so they stay a
        # plain list (Lark builds a Tree and drops it; the helpers of `kind: LABEL (…)*` make half the reductions)
        value_stack.append(children)
    else:
        value_stack.append(children[0] if expand1 and len(children) == 1 else Tree(name, children))
    state_stack.append(states[state_stack[-1]][origin])


def _expected(row: dict) -> list[str]:
    return sorted(s for s in row if s.isupper() or s == _END)


@cache
def parser(grammar: str, start: str = "start") -> Parser:
    """The parser of grammars/<grammar> from `start` (every start symbol the grammar's users need is listed
    in STARTS, so that one table serves them all)."""
    return Parser(_tables(grammar), start)


STARTS = {"plan.lark": ("start",), "reference.lark": ("start", "symbol")}


@cache
def _tables(grammar: str) -> dict:
    text = grammar_text(grammar)
    starts = STARTS[grammar]
    key = hashlib.sha256(f"{_FORMAT}|{starts}|{text}".encode()).hexdigest()[:20]
    path = cache_dir() / f"lalr-{grammar.removesuffix('.lark')}-{key}.marshal"
    try:
        tables = marshal.loads(path.read_bytes())
        if isinstance(tables, dict) and tables.get("key") == key:
            return tables
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tables = build_tables(text, starts)
    tables["key"] = key
    write_cache(path, marshal.dumps(tables))
    return tables


def build_tables(text: str, starts: tuple[str, ...]) -> dict:
    """Compile a grammar with Lark (LALR) and take out its automaton and the shape of each rule's tree."""
    from lark import Lark
    from lark.lexer import Lexer
    from lark.parsers.lalr_analysis import Shift

    class _Given(Lexer):      # the token streams are made by ttdn's own classifiers
        def __init__(self, conf):
            pass

        def lex(self, data, *_):
            return iter(data)

    lark = Lark(text, parser="lalr", lexer=_Given, start=list(starts))
    table = lark.parser.parser._parse_table
    rule_index: dict = {}
    rules = []
    for rule in lark.rules:
        options = rule.options
        if options.empty_indices and any(options.empty_indices):
            raise ValueError(f"{rule}: [optional] placeholders are not supported; write the rule with ?")
        include = [(i, not sym.is_term and sym.name.startswith("_")) for i, sym in enumerate(rule.expansion)
                   if options.keep_all_tokens or not (sym.is_term and sym.filter_out)]
        # as parse_tree_builder.maybe_create_child_filter: no filter when every child stays as it is
        keep_as_is = len(include) == len(rule.expansion) and not any(inline for _, inline in include)
        rule_index[rule] = len(rules)
        expand1 = bool(options.expand1 and not rule.alias)
        origin = str(rule.origin.name)
        rules.append((origin, str(rule.alias or options.template_source or origin), len(rule.expansion), expand1,
                      None if keep_as_is else tuple(include), origin.startswith("_") and not expand1))
    states: list = [None] * len(table.states)
    for state, row in table.states.items():
        states[state] = {str(sym): (arg if action is Shift else ~rule_index[arg]) for sym, (action, arg) in row.items()}
    return {"states": states, "rules": rules,
            "starts": {s: (table.start_states[s], table.end_states[s]) for s in starts}}
