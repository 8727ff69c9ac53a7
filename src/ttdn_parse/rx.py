"""`compile`: re.compile with the compiled programs of ttdn's patterns kept on disk between runs.

Why: ttdn's patterns (agency and province names, dates, labels) take ~45 ms to compile, a sixth of a whole
`ttdn parse` process. CPython compiles a pattern in two steps: parsing and code generation in Python (the
slow part), then `_sre.compile(code)` in C. The cache keeps the output of the first step, one file per
Python build (`sys.version` and the engine's MAGIC), in the cache directory of `resources`.

An entry is stored only after the pattern rebuilt from it compares equal to `re.compile`'s (Pattern
equality compares the pattern, the flags and the compiled code). Another Python implementation, Python <
3.11, an unreadable or foreign cache file: plain `re.compile`, nothing else changes.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import re
import sys

from .resources import cache_dir, write_cache

try:  # CPython >= 3.11
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

_MAX_ENTRIES = 1000          # a run of ttdn uses ~250; when full, start afresh so stale patterns do not pile up
# (pattern, flags) -> marshal of (flags, code, groups, groupindex, indexgroup); decoded only when used,
# so loading the file costs little more than reading it
_entries: dict | None = None
_dirty = False


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    flags = int(flags)
    compiled = _compiled.get((pattern, flags))
    if compiled is None:
        compiled = _compiled[pattern, flags] = _compile(pattern, flags)
    return compiled


# The functions of `re` for a pattern written in ttdn's code (never one taken from a document: the disk cache
# would fill with them); each pattern is compiled once per process, as re's own cache does.
def search(pattern: str, string: str, flags: int = 0) -> re.Match | None:
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match | None:
    return compile(pattern, flags).fullmatch(string)


def sub(pattern: str, repl, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list:
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern: str, string: str, flags: int = 0) -> list:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0):
    return compile(pattern, flags).finditer(string)


_compiled: dict[tuple[str, int], re.Pattern] = {}


def _compile(pattern: str, flags: int) -> re.Pattern:
    if _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    entries = _load()
    entry = entries.get((pattern, flags))
    if entry is not None:
        try:
            return _sre.compile(pattern, *marshal.loads(entry))
        except Exception:  # a damaged entry: forget it, compile normally
            del entries[(pattern, flags)]
            _changed()
            return re.compile(pattern, flags)
    compiled = re.compile(pattern, flags)
    entry = _entry(pattern, flags)
    if entry is not None:
        if len(entries) >= _MAX_ENTRIES:
            entries.clear()
        entries[(pattern, flags)] = entry
        _changed()
    return compiled


_WHITE_RUN = re.compile(r"\s+")


def single_spaced(text: str) -> bool:
    """Is every white space in `text` one ordinary space? `str.isprintable` is false for every other space
    (tab, line break, NBSP, thin spaces …) and for zero-width marks, so this scans the text twice in C:
    ~20 times faster than a pattern of spaces, and most texts that reach the extractors are already clean."""
    return "  " not in text and text.isprintable()


def squeeze(text: str) -> str:
    r"""`re.sub(r"\s+", " ", text)`: every run of white space as one ordinary space."""
    return text if single_spaced(text) else _WHITE_RUN.sub(" ", text)


def longest_first(alternatives) -> list[str]:
    """Alternatives of a regex union, longest first (so the longest name wins), ties in a fixed order: built
    from a set, the pattern would otherwise differ from run to run (string hashing is randomised)."""
    return sorted(set(alternatives), key=lambda s: (-len(s), s))


def after_marks(marks: str, separator: str, then: str = "") -> str:
    r"""Regex source of a `separator` that follows one of the punctuation `marks` (and comes before `then`),
    for `split_at`: one alternative per mark, the separator in its group (`after_marks(".!?", r"\s+",
    "(?=[A-Z])")` is "\.(\s+)(?=[A-Z])|!(\s+)(?=[A-Z])|\?(\s+)(?=[A-Z])")."""
    return "|".join(f"{re.escape(m)}({separator}){then}" for m in marks)


def split_at(pattern: re.Pattern, text: str) -> list[str]:
    r"""`re.split` at the matches of `pattern`, or, for a match in which a group took part, at that group only.
    A separator that must follow a mark is written so (see `after_marks`: "\.(\s+)(?=[A-Z])|!(\s+)…"), not
    with a look-behind ("(?<=[.!?])\s+(?=[A-Z])"): the mark stays with the part before it as it would, but the
    engine skips ahead to the marks instead of testing the look-behind at every character (a long duty's
    clauses: ~1.7 us against ~6)."""
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        start, end = m.span(m.lastindex) if m.lastindex else m.span()
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return out


def finditer_words(pattern: re.Pattern, text: str, words: tuple[str, ...]):
    """`pattern.finditer(text)` for a case-insensitive pattern every match of which begins with one of
    `words` (lower case, without the letters re folds specially, such as i and s: tested): the pattern is
    tried only where a word begins in the lower-cased text, found by `str.find`. A pattern that begins with
    a union of words, or a look-behind, costs the engine ~50 ns a character of a long sentence. Where
    lower-casing changes the length ("İ"), the offsets would not line up: plain finditer."""
    low = text.lower()
    if len(low) != len(text):
        yield from pattern.finditer(text)
        return
    starts = set()
    for w in words:
        k = low.find(w)
        while k >= 0:
            starts.add(k)
            k = low.find(w, k + 1)
    end = 0
    for s in sorted(starts):
        if s >= end and (m := pattern.match(text, s)) is not None:
            yield m
            end = max(m.end(), s + 1)


def finditer_at_word_start(pattern: re.Pattern, text: str, word_chars: str = ""):
    """`pattern.finditer(text)`, keeping the matches not preceded by a word character (\\w, or one of
    `word_chars`): what a leading `(?<![\\w…])` says. The character before is tested here, not in the
    pattern, because such a lookbehind keeps the regex engine from skipping ahead to the characters a
    match can start with: a union of names searched that way was 6 times slower on long texts."""
    pos, end = 0, len(text)
    while pos <= end and (m := pattern.search(text, pos)):
        start = m.start()
        before = text[start - 1] if start else ""
        if before and (before.isalnum() or before == "_" or before in word_chars):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def trie_source(phrases, guards: dict[str, str] | None = None) -> str:
    """Regex source of the union of literal `phrases`, longest first, with their common prefixes factored
    ("chủ trì|chủ động|chủ" -> "chủ(?:\\ (?:trì|động)|)"). The engine tries a union's alternatives one after
    the other at each position; factored, it tests ~20 first letters instead of ~130 phrases. The same
    phrase wins as in the plain longest-first union: phrases that match at one position are prefixes of
    one another, and the trie tries the longer one first. `guards[phrase]` is a look-ahead tested right after
    that phrase (which is then tried as the plain union would, before the shorter phrases). No phrases: a
    pattern that never matches."""
    guards = guards or {}
    trie: dict = {}
    for p in set(phrases):
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = guards.get(p, "")

    def source(node: dict) -> str:
        alts = [re.escape(ch) + source(node[ch]) for ch in sorted(k for k in node if k)]
        if "" in node:
            alts.append(node[""])          # the phrase ends here: after every longer continuation
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"    # an unguarded end is the empty alternative, tried last

    return source(trie) if trie else "(?!)"


class WordPhrases:
    """`search` for the leftmost of `phrases` (literals, longest first, each with an optional look-ahead
    guard) printed as whole words: not after a character of `word` (a regex class body), nor followed by
    one, nor right after one of `not_after` ("các " before "tổ chức"). It is what the pattern
    "(?<!các )…(?<![\\w])(?:p1|p2|…)(?![\\w])" finds, 4-6 times faster on the duty verbs: those look-behinds
    at the start keep the engine from skipping ahead, so it tries ~130 phrases at every character of a long
    sentence. Here the pattern starts with one character that is not a word character (the engine skips to
    those) followed by the phrases as a trie; the start of the text and `not_after` are tested apart.
    (Not `finditer_at_word_start`: after a phrase refused for its `not_after`, the search goes on inside it,
    as the look-behinds' does: "các tổ chức" refuses "tổ chức" and may still find "chức".)"""

    def __init__(self, phrases, word: str = r"\w", guards: dict[str, str] | None = None,
                 not_after: tuple[str, ...] = ()):
        union = f"((?:{trie_source(phrases, guards)})(?![{word}]))"
        self._at_start = compile(union)
        self._after_gap = compile(f"[^{word}]{union}")
        self._not_after = tuple(not_after)

    def search(self, text: str) -> tuple[int, int] | None:
        """(start, end) of the leftmost phrase, or None."""
        m = self._at_start.match(text)
        if m is not None:
            return m.span(1)
        pos = 0
        while (m := self._after_gap.search(text, pos)) is not None:
            start = m.start(1)
            if not (self._not_after and text.endswith(self._not_after, 0, start)):
                return m.span(1)
            pos = start
        return None


def _changed() -> None:
    global _dirty
    if not _dirty:
        _dirty = True
        atexit.register(_save)


def _entry(pattern: str, flags: int):
    """What `re._compiler.compile` passes to `_sre.compile`, or None when it does not rebuild the same.
    (A miss thus compiles the pattern twice, once per Python build.)"""
    try:
        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry = (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, groupindex,
                 tuple(indexgroup))
        return marshal.dumps(entry) if _sre.compile(pattern, *entry) == re.compile(pattern, flags) else None
    except Exception:
        return None


def _path():
    build = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.implementation.cache_tag}"
    return cache_dir() / f"re2-{hashlib.sha256(build.encode()).hexdigest()[:16]}.marshal"


def _load() -> dict:
    global _entries
    if _entries is None:
        try:
            loaded = marshal.loads(_path().read_bytes())
            _entries = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError, EOFError, TypeError):
            _entries = {}
    return _entries


def _save() -> None:
    try:
        data = marshal.dumps(_entries)
    except ValueError:
        return
    write_cache(_path(), data)
