"""Lexers handed to Lark. Module-level classes so that Lark's grammar cache can pickle a reference to them.

Both grammars are LALR over tokens we classify ourselves: Lark calls `lex` with whatever `parse()` was given.
"""

from __future__ import annotations

from lark import Token
from lark.lexer import Lexer


class LineTokens(Lexer):
    """plan.lark: one token per logical line; the value is the token's index in the lexer's list."""

    def __init__(self, lexer_conf):  # noqa: D401 - Lark API
        pass

    def lex(self, data, *_):
        for tok in data:
            yield Token(tok.type, str(tok.index))


class PreparedTokens(Lexer):
    """reference.lark: the citation scanner prepares Lark tokens itself."""

    def __init__(self, lexer_conf):  # noqa: D401 - Lark API
        pass

    def lex(self, data, *_):
        return iter(data)
