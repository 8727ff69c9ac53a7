"""The regex program cache (ttdn_parse.rx): a cached pattern is the very pattern re.compile builds, the patterns
are the same in every run, and a broken cache file changes nothing but speed."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLES, source_env
from ttdn_parse import rx

SAMPLE = SAMPLES / "dak-nong-2025.txt"

needs_cpython = pytest.mark.skipif(rx._sre is None, reason="the cache needs CPython >= 3.11")

# Lint one sample; print its findings, then every pattern the run compiled through rx (the cache contents).
_RUN = """
import sys
from ttdn_parse import lint, parse_file, rx
findings = lint.lint(parse_file(sys.argv[1]))
print(repr([(f.code, f.node, f.span and f.span.start_line, f.message) for f in findings]))
print(repr(sorted(rx._entries)))
"""


def _run(cache: Path, seed: str) -> tuple[list, list]:
    env = source_env(TTDN_CACHE_DIR=str(cache), PYTHONHASHSEED=seed)
    out = subprocess.run([sys.executable, "-c", _RUN, str(SAMPLE)], env=env, capture_output=True, text=True,
                         check=True)
    findings, patterns = out.stdout.splitlines()
    return eval(findings), eval(patterns)  # noqa: S307 - our own reprs of tuples of str and int


@needs_cpython
def test_cached_patterns_equal_re_compile_and_are_stable_across_runs(tmp_path):
    findings, first = _run(tmp_path, "1")
    files = list(tmp_path.glob("re2-*.marshal"))
    assert len(files) == 1 and len(first) > 100
    entries = marshal.loads(files[0].read_bytes())
    for (pattern, flags), entry in entries.items():
        # Pattern equality compares the pattern text, the flags and the compiled program
        assert rx._sre.compile(pattern, *marshal.loads(entry)) == re.compile(pattern, flags), pattern[:80]
    # another hash seed builds the same patterns from the same data (set order must not leak into them),
    # so a second run compiles nothing new
    assert _run(tmp_path, "2") == (findings, first)
    assert marshal.loads(files[0].read_bytes()).keys() == entries.keys()


def _every_entry_damaged(data: bytes) -> bytes:
    return marshal.dumps({key: marshal.dumps((0, [999999], 0, {}, (None,))) for key in marshal.loads(data)})


@needs_cpython
@pytest.mark.parametrize("damage", [lambda _: b"", lambda _: b"not marshal at all", lambda _: marshal.dumps([1, 2]),
                                    _every_entry_damaged], ids=["empty", "garbage", "not-a-dict", "bad-code"])
def test_a_broken_cache_file_only_costs_time(tmp_path, damage):
    _run(tmp_path, "0")
    (path,) = tmp_path.glob("re2-*.marshal")
    findings = _run(tmp_path, "0")[0]
    assert findings
    path.write_bytes(damage(path.read_bytes()))
    assert _run(tmp_path, "0")[0] == findings


def test_compile_behaves_like_re_compile():
    for pattern, flags in [(r"(?P<n>\d+)/(\d{4})", 0), (r"tỉnh\s+(?:đắk nông|lâm đồng)", re.IGNORECASE),
                           (r"^\s*$", re.MULTILINE)]:
        assert rx.compile(pattern, flags) == re.compile(pattern, flags)
    assert rx.compile(re.compile("a")) == re.compile("a")


def test_longest_first_is_a_fixed_order():
    assert rx.longest_first(["ab", "b", "ba", "abc", "b"]) == ["abc", "ab", "ba", "b"]


@pytest.mark.parametrize("text", ["Sở Tư pháp; xSở Tư pháp", "&Sở Tư pháp, _Sở Tư pháp, Sở Tư phápx Sở Tư pháp",
                                  "", "Sở Tư pháp", "đSở Tư pháp Sở Tư pháp"])
@pytest.mark.parametrize("word_chars", ["", "&"])
def test_finditer_at_word_start_is_a_leading_lookbehind(text, word_chars):
    names = r"(?:Sở Tư pháp|Tư pháp|pháp)(?![\w&])"
    behind = re.compile(rf"(?<![\w{re.escape(word_chars)}])" + names)
    got = [m.span() for m in rx.finditer_at_word_start(re.compile(names), text, word_chars)]
    assert got == [m.span() for m in behind.finditer(text)]




@pytest.mark.parametrize("name, args", [
    ("search", (r"\b(các|cấp)\s", "giao các sở")),
    ("search", (r"NỘI DUNG", "nội dung chính", re.IGNORECASE)),
    ("match", (r"^(\d+)\s*([-/].*)?$", "678/KH-UBND")),
    ("fullmatch", (r"(UBTV)?QH\d*", "UBTVQH15")),
    ("sub", (r"\s*\([^()]*\)", "", "Sở Nội vụ (chủ trì) và Sở Tài chính (phối hợp)")),
    ("sub", (r"[*_`]+", "", "**Nội dung:**", 1)),
    ("split", (r"[\s,\-/&]+", "Sở Văn hóa, Thể thao & Du lịch")),
    ("split", (r",\s*", "a, b, c", 1)),
    ("findall", (r"(?<!\d)((?:19|20)\d{2})(?!\d)", "giai đoạn 2021-2025, năm 2026")),
])
def test_module_functions_are_those_of_re(name, args):
    """rx.search/match/… keep re's signatures and results, with each pattern compiled once per process."""
    ours, theirs = getattr(rx, name)(*args), getattr(re, name)(*args)
    if isinstance(theirs, re.Match):
        assert ours.span() == theirs.span() and ours.groups() == theirs.groups()
    else:
        assert ours == theirs
    assert rx.compile(args[0], args[-1] if isinstance(args[-1], re.RegexFlag) else 0) is rx.compile(
        args[0], args[-1] if isinstance(args[-1], re.RegexFlag) else 0)
    found = list(rx.finditer(r"\d+", "1 22 333"))
    assert [m.group() for m in found] == ["1", "22", "333"]


_SPACES = st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x1c\x85\u00a0\u1680\u2009\u2028\u202f\u3000"
                                               "\u200bab")), max_size=12)


@given(_SPACES)
def test_squeeze_is_the_whitespace_pattern(text):
    assert rx.squeeze(text) == re.sub(r"\s+", " ", text)
    assert rx.single_spaced(text) == (re.sub(r"\s+", " ", text) == text and "\u200b" not in text)


@pytest.mark.parametrize("text, single", [("Sở Ngoại vụ", True), ("Sở  Ngoại vụ", False), ("Sở\u00a0Ngoại", False),
                                          ("Sở\tNgoại", False), ("Sở\u200bNgoại", False), ("", True)])
def test_single_spaced(text, single):
    assert rx.single_spaced(text) is single


def _words_users():
    from ttdn_parse import deadlines, tasks

    return [(deadlines._FIND_RE, deadlines._FIND_WORDS), (tasks._REPORT_RE, tasks._REPORT_WORDS),
            (deadlines._COMPLETION_RE, deadlines._COMPLETION_WORDS)]


def test_finditer_words_words_have_no_specially_folded_letters():
    """finditer_words finds the words in `text.lower()`: that finds every place the case-insensitive pattern
    can match only if no other character matches a word's letter under re.IGNORECASE (as "ı" does "i")."""
    for _, words in _words_users():
        for letter in set("".join(words)) - {" "}:
            letter_re = re.compile(re.escape(letter), re.IGNORECASE)
            others = [chr(c) for c in range(0x10000) if letter_re.fullmatch(chr(c))]
            assert all(o.lower() == letter for o in others), (letter, others)


_NEAR_WORDS = st.text(alphabet=list("báo cáo định kỳ trước chậm nhất hạn chót trong ngày 15/6/2025 quý II BÁO CÁO"
                                    "Trước Định İx., hoàn thành xong Hoàn XONG"), max_size=80)


@given(_NEAR_WORDS)
def test_finditer_words_is_finditer(text):
    for pattern, words in _words_users():
        assert [m.span() for m in rx.finditer_words(pattern, text, words)] == \
               [m.span() for m in pattern.finditer(text)]


def test_finditer_words_every_match_begins_with_a_word():
    """The contract the callers rely on, on the samples' own sentences."""
    from ttdn_parse import parse_file

    for path in sorted(SAMPLES.glob("*.txt")):
        for n in parse_file(path).walk():
            for pattern, words in _words_users():
                for m in pattern.finditer(n.text):
                    assert m.group(0).lower().startswith(words), m.group(0)


_CLAUSY = st.text(alphabet=list("ab A Đ.;!?:/\t\n"), max_size=40)


@given(_CLAUSY)
def test_split_at_is_the_look_behind_split(text):
    """The separators the callers split at, written with a captured mark, split as their look-behind forms.
    (Not so a pattern with an alternative that ends in a mark: "./." then " B" is one split with a
    look-behind, whose mark may be in the separator before; none of these has one.)"""
    from ttdn_parse import deadlines, tasks

    pairs = [(deadlines._CLAUSE_BREAK, r"(?<=[.;!?])\s+(?=\S)|;\s*|:\s+(?=[A-ZĐÀ-Ỹ])"),
             (tasks._SENTENCE_BREAK, r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")]
    for pattern, look_behind in pairs:
        assert rx.split_at(pattern, text) == re.split(look_behind, text)


def _look_behind_union(phrases, word, guards, not_after) -> re.Pattern:
    """The plain pattern rx.WordPhrases stands for: look-behinds, then the longest-first union."""
    return re.compile("".join(f"(?<!{re.escape(n)})" for n in not_after) + rf"(?<![{word}])(?:"
                      + "|".join(re.escape(p) + guards.get(p, "") for p in rx.longest_first(phrases))
                      + rf")(?![{word}])")


_TOY_PHRASES = ("tổ chức", "tổ", "chủ trì", "chủ động", "chủ", "là", "lập", "in", "theo", "theo dõi")
_TOY_GUARDS = {"tổ chức": r"(?!\s+xã hội)", "chủ": r"(?=\s+nhiệm)"}
_TOY_NOT_AFTER = ("các ", "Ban ")


@pytest.mark.parametrize("text, span", [
    ("Sở Y tế chủ trì, phối hợp", (8, 15)),
    ("chủ trì", (0, 7)),
    ("Sở chủ động", (3, 11)),         # the longer phrase, though "chủ" comes first in the trie
    ("Ban chủ trì", None),            # after a `not_after`
    ("các tổ chức xã hội", None),     # after a `not_after`, and the guard refuses "tổ chức xã hội" anyway
    ("Sở tổ chức xã hội", (3, 5)),    # the guard refuses "tổ chức": the shorter "tổ" matches
    ("chủ nhiệm", (0, 3)),            # a guard that requires what follows
    ("chủ tịch", None),
    ("lập trình; in ấn", (0, 3)),
    ("thiếtlập", None),               # inside a word
    ("lậpx theo dõi", (5, 13)),
    ("(in)", (1, 3)),
    ("", None),
])
def test_word_phrases_table(text, span):
    finder = rx.WordPhrases(_TOY_PHRASES, word=r"\wÀ-ỹ", guards=_TOY_GUARDS, not_after=_TOY_NOT_AFTER)
    assert finder.search(text) == span
    m = _look_behind_union(_TOY_PHRASES, r"\wÀ-ỹ", _TOY_GUARDS, _TOY_NOT_AFTER).search(text)
    assert (m.span() if m else None) == span


@given(st.text(alphabet=list("tổ chức chủ trì động là lập in theo dõi xã hội nhiệm các Ban x,("), max_size=60))
def test_word_phrases_is_the_look_behind_union(text):
    finder = rx.WordPhrases(_TOY_PHRASES, word=r"\wÀ-ỹ", guards=_TOY_GUARDS, not_after=_TOY_NOT_AFTER)
    m = _look_behind_union(_TOY_PHRASES, r"\wÀ-ỹ", _TOY_GUARDS, _TOY_NOT_AFTER).search(text)
    assert finder.search(text) == (m.span() if m else None)


def test_the_duty_verbs_are_found_as_the_look_behind_union_finds_them():
    """tasks' verb finder against its plain pattern, on every line of the samples and each line's tails."""
    from ttdn_parse import tasks

    plain = _look_behind_union(tasks._VERBS, r"\wÀ-ỹ", tasks._VERB_GUARD, tasks._NOUN_BEFORE)
    checked = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for k in [0] + [i + 1 for i, c in enumerate(line) if c == " "]:
                m = plain.search(line[k:])
                assert tasks._VERB.search(line[k:]) == (m.span() if m else None), line[k:]
                checked += 1
    assert checked > 10000


def test_trie_source_factors_common_prefixes_and_never_matches_without_phrases():
    assert rx.trie_source(["chủ trì", "chủ động", "chủ"]) == r"chủ(?:\ (?:trì|động)|)"
    assert rx.trie_source([]) == "(?!)"
    assert rx.WordPhrases([]).search("chủ trì, ") is None


def test_word_phrases_search_on_inside_a_phrase_refused_for_what_comes_before_it():
    phrases, not_after = ("tổ chức", "chức"), ("các ",)
    finder = rx.WordPhrases(phrases, word=r"\wÀ-ỹ", not_after=not_after)
    plain = _look_behind_union(phrases, r"\wÀ-ỹ", {}, not_after)
    for text, span in [("các tổ chức", (7, 11)), ("Sở tổ chức", (3, 10)), ("các chức", None)]:
        assert finder.search(text) == span
        m = plain.search(text)
        assert (m.span() if m else None) == span
