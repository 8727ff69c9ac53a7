"""Legal references ("căn cứ", "viện dẫn"): find, parse, group and check the citations of a plan.

One clear pipeline, after eyecite:

1. **scan** — a fast scanner finds candidate citations in running text: it anchors on the symbol (a number
   followed by ``/`` or ``-`` and letter groups), looks back for the type word and ``số``, and forward for the
   date (``ngày …``), the issuer (``của …`` / ``giữa …``) and the subject (``về …``, ``phê duyệt …``).
   A second pass finds documents named without a symbol ("Luật Ngân sách nhà nước", "Hiến pháp năm 2013").
2. **parse** — each candidate is tokenised (:class:`CitationLexer`) and parsed with
   ``grammars/reference.lark`` (Lark, LALR) into fields; the symbol's printed form is kept, its normal
   form has no spaces.
3. **resolve** — mentions of one document share a ``doc_id`` (same normalised symbol; a number-only repeat
   "Quyết định số 1191" is resolved when one document matches).
4. **check** — impossible dates, dates after the plan, symbols without their year, year ≠ date, type word vs
   code, malformed symbols, conflicting citations, documents cited without any date (TTDN201–208).

Public API: :func:`find_references` (plain text → references with character offsets), :func:`parse_symbol`,
:func:`check_references`, :func:`attach` (fills ``plan.legal_bases`` / ``plan.references`` and adds the
diagnostics).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, Optional
from collections.abc import Iterable

from . import rx
from .lalr import ParseError, parser
from .models import Plan, Reference, Span

__all__ = [
    "find_references", "parse_symbol", "SymbolInfo", "check_references", "group_references", "attach",
    "doc_types", "Problem",
]

# ------------------------------------------------------------------------------------------------------------
# Domain data (src/ttdn_parse/data/document_types.toml), loaded once
# ------------------------------------------------------------------------------------------------------------


class TypeInfo(NamedTuple):
    name: str
    state: tuple[str, ...] = ()
    party: tuple[str, ...] = ()
    qh: bool = False
    normative: str = "never"          # always | maybe | never
    generic: bool = False
    named: bool = False
    cong_van: bool = False


class DocTypes(NamedTuple):
    types: dict[str, TypeInfo]                 # canonical name -> info
    by_lower: dict[str, str]                   # lower-case name -> canonical name
    names_longest_first: tuple[str, ...]       # lower-case names, longest first
    by_last_word: dict[str, tuple[str, ...]]   # last word -> the lower-case names ending with it, longest first
    type_codes: frozenset[str]                 # every known type code (state and Party)
    party_codes: frozenset[str]
    party_issuers: frozenset[str]
    party_only: frozenset[str]
    state_issuers: frozenset[str]


@lru_cache(maxsize=1)
def doc_types() -> DocTypes:
    from .resources import load_toml

    data = load_toml("document_types.toml")
    types: dict[str, TypeInfo] = {}
    for t in data["type"]:
        types[t["name"]] = TypeInfo(
            name=t["name"], state=tuple(t.get("state", ())), party=tuple(t.get("party", ())),
            qh=bool(t.get("qh", False)), normative=t.get("normative", "never"),
            generic=bool(t.get("generic", False)), named=bool(t.get("named", False)),
            cong_van=bool(t.get("cong_van", False)),
        )
    codes = data["codes"]
    type_codes = frozenset(codes["state_admin"]) | frozenset(codes["state_normative"]) \
        | frozenset(codes["state_observed"]) | frozenset(codes["party"])
    by_lower = {n.lower(): n for n in types}
    return DocTypes(
        types=types, by_lower=by_lower,
        names_longest_first=tuple(rx.longest_first(by_lower)),
        by_last_word=_by_last_word(rx.longest_first(by_lower)),
        type_codes=type_codes, party_codes=frozenset(codes["party"]),
        party_issuers=frozenset(data["issuers"]["party"]), party_only=frozenset(data["issuers"]["party_only"]),
        state_issuers=frozenset(data["issuers"]["state"]),
    )


def _by_last_word(names: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for n in names:
        out.setdefault(n.rsplit(" ", 1)[-1], []).append(n)
    return {k: tuple(v) for k, v in out.items()}


# ------------------------------------------------------------------------------------------------------------
# Symbols
# ------------------------------------------------------------------------------------------------------------

_DASHES = "-–—‐‑"
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\.[A-ZĐ][A-Za-zĐđ0-9&]*)*"
_SEP = r"[ \t\u00a0]*\n?[ \t\u00a0]*[/\-–—‐‑][ \t\u00a0]*\n?[ \t\u00a0]*"
# tolerant: spaces (and one line break) around separators, stray dashes; validated part by part below.
# "\d\d{0,4}", not "\d{1,5}": a pattern that begins with a digit lets the engine skip ahead to the digits in
# each window (the same matches, tested)
_SYM_RE = rx.compile(rf"(\d\d{{0,4}})((?:{_SEP}(?:\d{{4}}(?!\w)|{_CODE}(?![\w&])))+)")
_SYM_BEFORE_BAD = set("/-–—.,_")
_PART_RE = rx.compile(rf"({_SEP})(\d{{4}}|{_CODE})")


def _valid_code(code: str) -> bool:
    """A group of a symbol, as printed: at most two lower-case letters, never two in a row ("TTg", not "Ban")."""
    if code.isupper() or code.isdigit():
        return True                    # no lower-case letter (most codes: "NĐ", "UBND", "QH15")
    lower = [c.islower() for c in code]
    if sum(lower) > 2:
        return False
    return not any(a and b for a, b in zip(lower, lower[1:]))


@dataclass
class SymbolInfo:
    """A document symbol (số, ký hiệu) as printed and in normal form."""

    printed: str
    symbol: str                        # normal form: no spaces, standard hyphen
    form: str                          # normative | admin | party | qh | unknown
    number: str
    year: Optional[int] = None
    code: Optional[str] = None         # type code (NĐ, KH, KL …); None for công văn / Quốc hội symbols
    issuer_code: Optional[str] = None  # the groups after the type code ("CP", "UBND", "BTTTT-TTĐN", "QH15")
    groups: tuple[str, ...] = ()
    seps: tuple[str, ...] = ()
    malformations: list[str] = field(default_factory=list)
    layout_break: bool = False         # the only whitespace is a line break right after a separator


def _normal_sep(s: str) -> str:
    s = s.strip()
    return "-" if s in _DASHES else s


def parse_symbol(printed: str) -> Optional[SymbolInfo]:
    """Parse a symbol such as "72/2015/NĐ-CP", "57- KL/TW", "07 -KH/BCĐ-TTĐN" (None if it is not one).

    Malformations are listed in Vietnamese-neutral keys: ``spaces``, ``stray-char``, ``doubled-part``,
    ``party-state-mixed``, ``zero-padded``, ``shape``.
    """
    info = _parse_symbol_cached(printed)
    if info is None:
        return None
    out = object.__new__(SymbolInfo)           # the cached value is shared: a copy (copy.copy is 4 times slower)
    out.__dict__.update(info.__dict__)
    out.malformations = list(info.malformations)   # what callers may change
    return out


@lru_cache(maxsize=4096)
def _parse_symbol_cached(printed: str) -> Optional[SymbolInfo]:
    m = rx.match(r"\s*(\d{1,5})", printed)
    if not m:
        return None
    number = m.group(1)
    rest = printed[m.end():]
    seps: list[str] = []
    raw_seps: list[str] = []
    groups: list[str] = []
    pos = 0
    for pm in _PART_RE.finditer(rest):
        if pm.start() != pos or not _valid_code(pm.group(2)):
            break                              # "2021 - Ban …" is a range followed by a word, not a code
        raw_seps.append(pm.group(1))
        seps.append(_normal_sep(pm.group(1)))
        groups.append(pm.group(2))
        pos = pm.end()
    if not groups or all(g.isdigit() for g in groups):
        return None
    return _classify_impl(printed[: m.end() + pos].strip(), number, seps, raw_seps, groups)


def _tokens_for_symbol(number: str, seps, groups) -> list[tuple[str, str]]:
    toks = [("NUM", number)]
    for sp, g in zip(seps, groups):
        toks.append(("SLASH" if sp == "/" else "DASH", sp))
        toks.append(("NUM" if g.isdigit() else "CODE", g))
    return toks


def _classify_impl(printed: str, number: str, seps: list[str], raw_seps: list[str],
                   groups: list[str]) -> SymbolInfo:
    dt = doc_types()
    normal = number + "".join(s + g for s, g in zip(seps, groups))
    info = SymbolInfo(printed=printed, symbol=normal, form="unknown", number=number, groups=tuple(groups),
                      seps=tuple(seps))
    # --- whitespace and stray characters
    ws = [r for r in raw_seps if r != r.strip()]
    if ws:
        r = ws[0]
        if len(ws) == 1 and r[:1] in "/" + _DASHES and "\n" in r[1:]:
            info.layout_break = True           # "57-⏎KL/TW": the line wraps after the hyphen
        else:
            info.malformations.append("spaces")
    if any(r.strip() not in ("/", "-") for r in raw_seps):
        info.malformations.append("stray-char")
    if len(number) > 1 and number.startswith("0") and int(number) >= 10:
        info.malformations.append("zero-padded")
    if number.strip("0") == "":
        info.malformations.append("zero-number")
    for a, b in zip(groups, groups[1:]):
        if a == b:
            info.malformations.append("doubled-part")
            break
    # --- shape, with the grammar's symbol rule
    shape = _parse_symbol_shape(number, seps, groups)
    if shape is None:
        info.malformations.append("shape")
        # best effort: a year, then codes
        year_groups = [g for g in groups if g.isdigit() and len(g) == 4]
        if year_groups:
            info.year = int(year_groups[0])
        codes = [g for g in groups if not g.isdigit()]
        if codes and codes[0] in dt.type_codes:
            info.code, info.issuer_code = codes[0], "-".join(codes[1:]) or None
        elif codes:
            info.issuer_code = "-".join(codes)
        info.form = "party" if seps and seps[0] == "-" else ("normative" if info.year else "admin")
        return info
    form, year, type_codes, issuer_codes = shape
    info.year = year
    if form == "party":
        info.form = "party"
        info.code = type_codes[0] if len(type_codes) == 1 else "-".join(type_codes)
        info.issuer_code = "-".join(issuer_codes) or None
        if len(type_codes) > 1:
            info.malformations.append("shape")
        if issuer_codes and _is_state_issuer(issuer_codes[-1]) and not _is_party_issuer(issuer_codes[0]):
            info.malformations.append("party-state-mixed")   # 57-KH/UBND: state issuer in Party form
        return info
    first = type_codes[0]
    if rx.fullmatch(r"(UBTV)?QH\d*", first):
        info.form = "qh" if year else "admin"
        info.issuer_code = "-".join(type_codes)
        return info
    if first in dt.type_codes:
        info.code = first
        info.issuer_code = "-".join(type_codes[1:]) or None
    else:
        info.issuer_code = "-".join(type_codes)       # công văn: <cơ quan>-<đơn vị>
    info.form = "normative" if year else "admin"
    if (info.code in dt.party_codes and len(type_codes) > 1 and type_codes[-1] in dt.party_only
            and not any(_is_state_issuer(c) for c in type_codes[1:])):
        info.malformations.append("party-state-mixed")       # 36/NQ-TW: Party document in state form
    return info


def _is_party_issuer(code: str) -> bool:
    dt = doc_types()
    return code in dt.party_issuers or bool(rx.fullmatch(r"[A-ZĐ]*(TW|TU|HU|ĐU|QU)", code))


def _is_state_issuer(code: str) -> bool:
    dt = doc_types()
    if code in dt.state_issuers:
        return True
    return bool(_STATE_ISSUER_RE.fullmatch(code)) and not _is_party_issuer_strict(code)


_STATE_ISSUER_RE = rx.compile(r"(UBND|HĐND|S[A-ZĐ]{2,}|B[A-ZĐ]{2,}|QH\d*)[A-Za-zĐđ]*")


def _is_party_issuer_strict(code: str) -> bool:
    return code in doc_types().party_issuers


def _parse_symbol_shape(number: str, seps: list[str], groups: list[str]):
    """Parse the symbol tokens with the grammar's ``symbol`` rule → (form, year, type_codes, issuer_codes)."""
    toks = _tokens_for_symbol(number, seps, groups)
    shape = _shape(tuple(t for t, _ in toks), "symbol")
    if shape is None:
        return None
    vals = [v for _, v in toks]
    codes = [[vals[i] for i in grp] for grp in shape["codes"]]
    if shape["rule"] == "normative_symbol":
        return "normative", int(vals[shape["nums"][1]]), codes[0], []
    if shape["rule"] == "admin_symbol":
        return "admin", None, codes[0], []
    return "party", None, codes[0], codes[1]


@lru_cache(maxsize=1024)
def _shape(types: tuple[str, ...], start: str = "start") -> Optional[dict]:
    """Parse a token-type sequence with the grammar and return where each field sits (token indices).

    The parse of a citation depends only on the sequence of token types, so it is memoised on that sequence:
    a plan with 60 citations needs a handful of LALR parses.
    """
    try:
        # a token's value in the tree is its index
        tree = parser("reference.lark", start).parse([(t, i) for i, t in enumerate(types)])
    except ParseError:
        return None
    out: dict[str, Any] = {"codes": [], "dates": [], "nums": []}
    for part in tree.iter_subtrees_topdown():
        d = part.data
        idx = [c for c in part.children if isinstance(c, int)]
        if d == "named":
            out["named"] = True
        elif d in ("normative_symbol", "admin_symbol", "party_symbol"):
            out["rule"] = d
            out["nums"] = [i for i in idx if types[i] == "NUM"]
        elif d == "codes":
            out["codes"].append([i for i in idx if types[i] == "CODE"])
        elif d in ("numeric_date", "long_date"):
            out["dates"].append([i for i in idx if types[i] == "NUM"])
        elif d == "issuer_part":
            out["issuer"] = next(i for i in idx if types[i] == "ISSUER")
        elif d == "type_part":
            out["type"] = idx[0]
    if start == "symbol":
        out["rule"] = tree.data
        out["nums"] = [c for c in tree.children if isinstance(c, int) and types[c] == "NUM"]
    # codes were visited top-down: the symbol's first group comes first
    return out


# ------------------------------------------------------------------------------------------------------------
# Scanner
# ------------------------------------------------------------------------------------------------------------

_WS = " \t\n\r\u00a0"
_DATE_RE = rx.compile(
    r"(?P<pre>[ \t\n\u00a0]*,?[ \t\n\u00a0]*)(?P<ngay>(?i:ngày))\s+"
    r"(?P<date>(?P<d>\d{1,2})\s*(?P<s1>[/.\-])\s*(?P<m>\d{1,2})\s*(?P<s2>[/.\-])\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?i:tháng)\s+(?P<m2>\d{1,2})\s+(?i:năm)\s+(?P<y2>\d{4}))(?!\d)")
_ISSUER_RE = rx.compile(r"(?P<pre>[ \t\n\u00a0]*,?[ \t\n\u00a0]*)(?P<kw>của|giữa)\s+")
_WORD_RE = rx.compile(r"[ \t\n\r\u00a0]*([^\s,;:.()\[\]“”\"'‘’/]+|[,;:.()\[\]“”\"'‘’/])")
_SUBJECT_OPENERS = ("về việc", "về", "v/v", "phê duyệt", "ban hành", "hướng dẫn", "quy định", "sửa đổi",
                    "thành lập", "triển khai", "thực hiện", "đối với", "tiếp tục")
_SUBJECT_RE = rx.compile(r"[ \t\n\u00a0]*,?[ \t\n\u00a0]*(?=(?:" + "|".join(
    re.escape(o).replace(r"\ ", r"\s+") for o in _SUBJECT_OPENERS) + r")(?!\w))", re.IGNORECASE)
_SUBJECT_END_RE = rx.compile(r";|:|\.(?=\s|$)|\n[ \t]*\n|…|\t")   # a tab separates table cells
# issuer: words that end it (case-sensitive, as printed), and phrases that end it in any case
_ISSUER_STOP = ("về", "phê duyệt", "ban hành", "hướng dẫn", "quy định", "triển khai", "thực hiện", "đối với",
                "tại", "trong", "theo", "nhằm", "để", "giai đoạn", "ngày", "số", "năm", "đến", "cho", "là",
                "đã", "được", "có", "các", "những", "này", "đó", "sơ kết", "tổng kết", "chỉ đạo", "phối hợp",
                "tổ chức", "gửi", "trên", "khi", "nay", "thì", "mà", "như", "bao gồm", "gồm", "sau", "trước",
                "đồng thời", "cũng", "tiếp tục", "sửa đổi", "bổ sung", "thành lập", "giao", "quyết định",
                "triển", "thực", "xây dựng", "báo cáo", "và", "với", "hoặc")
_ISSUER_STOP_ANYCASE = ("ban hành", "về", "phê duyệt", "v/v")
_NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Công ước", "Hiệp định", "Hiệp ước",
                "Nghị định thư")
_NAMED_RE = rx.compile(r"(?<!\w)(" + "|".join(_NAMED_TYPES) + r")(?!\w)")
# every place a type word is printed (no type word overlaps another, so none is skipped): without the
# look-behind of _NAMED_RE, the engine skips ahead to the letters the words start with
_NAMED_ANY_RE = rx.compile("|".join(_NAMED_TYPES))
_NAME_STOP = ("và", "năm", "số", "ngày", "đã", "được", "có", "hiện hành", "trong", "tại", "theo", "để",
              "nhằm", "cho", "ký", "là", "giữa", "với", "thì", "các", "những", "quy định", "hướng dẫn", "đến",
              "sửa đổi",
              "bổ sung", "của", "do", "mới", "này", "đó", "hiện", "nhưng", "hoặc", "từ", "khi")
_NUMONLY_RE = rx.compile(r"\s*(?:số\s*:?\s*)?(\d{1,5})(?![\d/\-–—]|\s*[/\-–—]\s*[\dA-ZĐ])")


@dataclass
class _Cand:
    start: int
    end: int                      # end of the citation head (type … issuer)
    type_: Optional[str] = None
    type_span: Optional[tuple[int, int]] = None
    title: Optional[str] = None
    so: bool = False
    sym: Optional[SymbolInfo] = None
    sym_span: Optional[tuple[int, int]] = None
    date_m: Any = None
    date_m2: Any = None
    issuer: Optional[str] = None
    issuer_kw: Optional[str] = None
    issuer_span: Optional[tuple[int, int]] = None
    subject: Optional[str] = None
    named: bool = False
    name_year: Optional[int] = None
    number_only: Optional[str] = None
    inherited_type: bool = False


@lru_cache(maxsize=1)
def _type_re() -> re.Pattern[str]:
    names = doc_types().names_longest_first
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return rx.compile(rf"(?:{alt})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _citation_start_re() -> re.Pattern[str]:
    return rx.compile(_type_re().pattern + r"\s*(?:số\s*:?\s*)?\d", re.IGNORECASE)


def _starts_type(text: str, pos: int) -> Optional[str]:
    """The canonical type word starting at ``pos`` (longest), or None."""
    m = _type_re().match(text, pos)
    return doc_types().by_lower[_squeeze(m.group(0)).lower()] if m else None


def _starts_citation(text: str, pos: int, word: str) -> bool:
    """Does a citation ("Nghị định số 12/…") start at `pos`, where `word` is printed? Only if the word begins
    with the first word of a type name (a str test first: most words do not). re.IGNORECASE takes "ı" and "İ"
    for "i", which str.lower does not: a word with one of them goes to the pattern (the letters of the type
    names that re folds so are tested)."""
    if not word.lower().startswith(_type_first_words()) and "ı" not in word and "İ" not in word:
        return False
    return _citation_start_re().match(text, pos) is not None


@lru_cache(maxsize=1)
def _type_first_words() -> tuple[str, ...]:
    return tuple(sorted({n.split(" ", 1)[0] for n in doc_types().names_longest_first}))


_COMPOUND_HEADS = ("công văn", "văn bản", "thông báo")


def _look_back_type(text: str, s: int, floor: int) -> tuple[Optional[str], Optional[tuple[int, int]],
                                                              Optional[str], bool]:
    """Type word (and law title) and 'số' just before the symbol starting at ``s``."""
    lo = max(floor, s - 120)
    window = text[lo:s]
    i = len(window)
    # "số" / "số:"
    j = i
    while j > 0 and window[j - 1] in _WS:
        j -= 1
    if j > 0 and window[j - 1] == ":":
        j -= 1
        while j > 0 and window[j - 1] in _WS:
            j -= 1
    so = False
    if j >= 2 and window[j - 2:j].lower() == "số" and (j == 2 or not window[j - 3].isalnum()):
        so = True
        j -= 2
    k = j
    while k > 0 and window[k - 1] in _WS:
        k -= 1
    if k > 0 and window[k - 1] == "," and so:
        k -= 1
        while k > 0 and window[k - 1] in _WS:
            k -= 1
    lw = _squeeze(window[max(0, k - 40):k]).lower()
    dt = doc_types()
    # a type word ends where the window ends: only the names ending with its last word can match
    w = len(lw)
    while w and lw[w - 1].isalnum():
        w -= 1
    for name in dt.by_last_word.get(lw[w:], ()):
        if lw.endswith(name):
            before = lw[: len(lw) - len(name)]
            if before and before[-1].isalnum():
                continue
            # "Công văn hướng dẫn số …", "Thông báo kết luận số …": the first type word names the document
            head = before.rstrip()
            canonical = dt.by_lower[name]
            printed_lower = _squeeze(window[max(0, k - 40):k]).endswith(name)   # "hướng dẫn", not "Nghị định"
            for h in _COMPOUND_HEADS if printed_lower else ():
                if head.endswith(h) and (len(head) == len(h) or not head[-len(h) - 1].isalnum()) \
                        and head != before:
                    name, canonical = h + " " + name, dt.by_lower[h]
                    break
            # map back to the original offsets (whitespace may be collapsed)
            n_words = name.count(" ") + 1
            p = k
            words = 0
            while p > 0 and words < n_words:
                while p > 0 and window[p - 1] in _WS:
                    p -= 1
                while p > 0 and window[p - 1] not in _WS:
                    p -= 1
                words += 1
            return canonical, (lo + p, lo + k), None, so
    if so:
        # "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
        m = rx.search(r"(?<!\w)(Bộ luật|Luật|Pháp lệnh)\s+([^;:,.()\n]{1,80}?)\s*\Z", window[:k])
        if m and m.group(2)[:1].isupper():
            return m.group(1), (lo + m.start(), lo + k), m.group(2).strip(), so
    return None, None, None, so


def _scan_issuer(text: str, pos: int, joint: bool) -> int:
    """End of the issuing body starting at ``pos`` (after 'của'/'giữa')."""
    end = pos
    i = pos
    n = 0
    prev_dash = False
    while n < 22:
        m = _WORD_RE.match(text, i)
        if not m:
            break
        w = m.group(1)
        ws = m.start(1)
        if text.find("\t", i, ws) >= 0:
            break                                  # next table cell
        if w in (",", "-", "–"):
            m2 = _WORD_RE.match(text, m.end())
            if m2 and m2.group(1)[:1].isupper() and not _issuer_stop(text, m2.start(1), m2.group(1)) \
                    and not _starts_citation(text, m2.start(1), m2.group(1)):
                i = m.end()
                prev_dash = True
                continue
            break
        if not w[:1].isalnum():
            break
        if n > 0 and _issuer_stop(text, ws, w):
            if w in ("và", "với") and (w == "và" or joint):
                m2 = _WORD_RE.match(text, m.end())
                if m2 and m2.group(1)[:1].isupper() and not _starts_citation(text, m2.start(1), m2.group(1)) \
                        and not _issuer_stop(text, m2.start(1), m2.group(1)):
                    i = m.end()
                    continue
            break
        if w[:1].isdigit() and not prev_dash:
            break
        if w[:1].isupper() and _starts_citation(text, ws, w):
            break                                  # "… của Nghị định số …": a citation, not an issuer
        if n == 0 and not w[:1].isupper():
            break                                  # an issuing body's name starts with a capital
        end = m.end(1)
        i = m.end()
        n += 1
        prev_dash = False
    return end


_squeeze = rx.squeeze


def _phrases_re(phrases: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in rx.longest_first(phrases))
    return rx.compile(rf"(?:{alt})(?!\w)", flags)


_ISSUER_STOP_RE = _phrases_re(_ISSUER_STOP)
_ISSUER_STOP_ANYCASE_RE = _phrases_re(_ISSUER_STOP_ANYCASE, re.IGNORECASE)
_NAME_STOP_RE = _phrases_re(_NAME_STOP)
_ANYCASE_FIRST = frozenset(c for p in _ISSUER_STOP_ANYCASE for c in (p[0].lower(), p[0].upper()))
_STOP_FIRST = frozenset(p[0] for p in _ISSUER_STOP)


def _issuer_stop(text: str, pos: int, word: str) -> bool:
    """Does a phrase that ends an issuer's name start at `pos`, where `word` is printed? (The first letters
    are tested first: those of the phrases in any case are b, v and p, which re folds with nothing else.)"""
    first = word[:1]
    if first in _ANYCASE_FIRST and _ISSUER_STOP_ANYCASE_RE.match(text, pos):
        return True
    return first.islower() and first in _STOP_FIRST and _ISSUER_STOP_RE.match(text, pos) is not None


def _scan_subject(text: str, pos: int) -> tuple[Optional[str], int]:
    m = _SUBJECT_RE.match(text, pos)
    if not m:
        return None, pos
    s = m.end()
    lim = min(len(text), s + 600)
    e = _SUBJECT_END_RE.search(text, s, lim)
    stop = e.start() if e else lim
    subj = text[s:stop]
    # a closing bracket that belongs to the enclosing text ("(… của UBND tỉnh về …)")
    if subj.count(")") > subj.count("("):
        cut = subj.find(")")
        subj = subj[:cut]
    subj = rx.squeeze(subj).strip(" ,")
    return (subj or None), s + len(subj)


def _name_after(text: str, pos: int, type_: str) -> tuple[Optional[str], int, Optional[int]]:
    """Name of a document cited without symbol, after its type word: (name, end, year)."""
    i = pos
    words: list[str] = []
    end = name_end = pos
    year = None
    first = True
    while len(words) < 12:
        m = _WORD_RE.match(text, i)
        if not m:
            break
        w = m.group(1)
        if w == "(":
            pm = rx.match(r"\(\s*([A-Z]{2,}\s+)?(\d{4})\s*\)", text[m.start(1):m.start(1) + 20])
            if pm:
                year = int(pm.group(2))
                end = m.start(1) + pm.end()
            break
        if not w[:1].isalnum():
            break
        lw = w.lower()
        if lw == "năm":
            ym = rx.match(r"\s+(\d{4})(?!\d)", text[m.end():m.end() + 8])
            if ym:
                year = int(ym.group(1))
                end = m.end() + ym.end()
            break
        if first:
            ok = w[:1].isupper() or (type_ in ("Công ước", "Hiệp định", "Hiệp ước", "Nghị định thư")
                                     and lw in ("về", "của", "giữa"))
            if not ok:
                break
        elif _NAME_STOP_RE.match(text, m.start(1)) or _starts_citation(text, m.start(1), m.group(1)):
            break
        elif lw == "về":
            nxt = _WORD_RE.match(text, m.end())
            if not nxt or not nxt.group(1)[:1].isupper():
                break                 # "Hiệp định Paris về chấm dứt …": the subject starts

        words.append(w)
        end = name_end = m.end(1)
        i = m.end()
        first = False
    name = _squeeze(text[pos:name_end]).strip() if words else None
    return name, end, year


def _scan(text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    floor = 0
    prev: Optional[_Cand] = None
    pos = 0
    while (m := _next_symbol(text, pos)) is not None:
        pos = m.end()
        s = m.start()
        if s < floor:
            continue
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in _SYM_BEFORE_BAD):
            continue
        sym = parse_symbol(m.group(0))
        if sym is None:
            continue
        sym_end = s + len(sym.printed)
        type_, tspan, title, so = _look_back_type(text, s, floor)
        if type_ is None and not so and not _strong_bare(sym):
            continue
        c = _Cand(start=tspan[0] if tspan else s, end=sym_end, type_=type_, type_span=tspan, title=title,
                  so=so, sym=sym, sym_span=(s, sym_end))
        if so and not tspan:
            c.start = _so_start(text, s)
        if type_ is None and prev is not None and prev.sym is not None and prev.type_:
            gap = text[prev.end:c.start]
            if _LIST_GAP_RE.fullmatch(gap) and prev.sym.code == sym.code:
                c.type_, c.inherited_type = prev.type_, True
        _scan_tail(text, c)
        cands.append(c)
        floor = pos = max(pos, c.end)     # the date and issuer it took are not searched again
        prev = c
    return cands


def _next_symbol(text: str, pos: int):
    """The first match of the symbol pattern from `pos` on. Every symbol contains a '/', so only windows
    around slashes are searched (str.find is much faster than running the pattern over the whole text)."""
    n = len(text)
    floor = pos
    while True:
        k = text.find("/", pos)
        if k < 0:
            return None
        lo = max(floor, k - 48)
        while lo > floor and text[lo - 1].isdigit():
            lo -= 1
        hi = min(n, k + 96)
        m = _SYM_RE.search(text, lo, hi)
        while m is not None and m.end() <= k:
            m = _SYM_RE.search(text, m.end(), hi)
        if m is not None and m.start() <= k:
            return m
        pos = k + 1


_LIST_GAP_RE = rx.compile(r"\s*(,|và|;)?\s*(số\s*:?)?\s*", re.IGNORECASE)


def _so_start(text: str, s: int) -> int:
    w = text[max(0, s - 8):s]
    k = w.lower().rfind("số")
    return s - len(w) + k if k >= 0 else s


def _strong_bare(sym: SymbolInfo) -> bool:
    if sym.form in ("normative", "qh", "party"):
        return len(sym.groups) >= 2 or sym.form == "party"
    return len([g for g in sym.groups if not g.isdigit()]) >= 2 and sym.code is not None


def _scan_tail(text: str, c: _Cand) -> None:
    pos = c.end
    dm = _DATE_RE.match(text, pos)
    if dm:
        c.date_m = dm
        pos = dm.end()
    im = _ISSUER_RE.match(text, pos)
    if im:
        iss_start = im.end()
        iss_end = _scan_issuer(text, iss_start, im.group("kw") == "giữa")
        if iss_end > iss_start:
            c.issuer_kw = im.group("kw")
            c.issuer_span = (iss_start, iss_end)
            c.issuer = rx.squeeze(text[iss_start:iss_end]).strip(" ,-")
            pos = iss_end
            if not dm:
                dm2 = _DATE_RE.match(text, pos)
                if dm2:
                    c.date_m2 = dm2
                    pos = dm2.end()
    c.end = pos
    c.subject, _ = _scan_subject(text, pos)


_CONSTITUTION_RE = rx.compile(
    r"(?:\s+nước\s+Cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)?(?:\s+năm\s+(\d{4}))?",
    re.IGNORECASE)


def _scan_named(text: str, taken: list[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    last_end = -1
    ti = 0
    for hit in _NAMED_ANY_RE.finditer(text):
        k = hit.start()
        m = _NAMED_RE.match(text, k)
        if m is None or (k > 0 and text[k - 1].isalnum()):
            continue
        s = m.start()
        if s < last_end:
            continue
        while ti < len(taken) and taken[ti][1] <= s:
            ti += 1
        if ti < len(taken) and taken[ti][0] <= s < taken[ti][1]:
            continue
        type_ = m.group(1)
        if type_ == "Hiến pháp":
            hm = _CONSTITUTION_RE.match(text, m.end())     # always matches (every part is optional)
            name, end, year = None, hm.end(), int(hm.group(1)) if hm.group(1) else None
        else:
            name, end, year = _name_after(text, m.end(), type_)
        if not name and type_ != "Hiến pháp":
            continue
        if ti < len(taken) and end > taken[ti][0]:
            continue       # "Luật … số 72/2025/QH15": the symbol citation already covers it
        c = _Cand(start=s, end=end, type_=type_, type_span=(s, m.end()),
                  title=name, named=True, name_year=year)
        dm = _DATE_RE.match(text, c.end)        # "Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015"
        if dm:
            c.date_m, c.end = dm, dm.end()
        c.subject, _ = _scan_subject(text, c.end)
        out.append(c)
        last_end = c.end
    return out


_NUMONLY_TYPES = ("quyết định", "kết luận", "nghị quyết", "nghị định", "thông tư", "kế hoạch", "chỉ thị",
                  "hướng dẫn", "công văn", "chương trình")
_NUMONLY_AFTER_RE = rx.compile(r"\s*:?\s*(\d{1,5})(?![\d/\-–—]|\s*[/\-–—]\s*[\dA-ZĐ])")


def _scan_number_only(text: str, taken: list[tuple[int, int]]) -> list[_Cand]:
    """'Quyết định số 1191' (resolved later, dropped when no document matches).

    Anchored on "số" (str.find is fast); the type word must stand right before it.
    """
    out: list[_Cand] = []
    if not taken:
        return out
    dt = doc_types()
    starts = [a for a, _ in taken]
    pos = 0
    while True:
        k = text.find("số", pos)
        if k < 0:
            return out
        pos = k + 2
        m = _NUMONLY_AFTER_RE.match(text, pos)
        if m is None or (k > 0 and text[k - 1].isalnum()) or (pos < len(text) and text[pos].isalnum()):
            continue
        before = _squeeze(text[max(0, k - 24):k]).rstrip().lower()
        name = next((n for n in _NUMONLY_TYPES if before.endswith(n)
                     and (len(before) == len(n) or not before[-len(n) - 1].isalnum())), None)
        if name is None:
            continue
        start = _type_start(text, k, name)
        ti = bisect.bisect_right(starts, start) - 1
        if ti >= 0 and taken[ti][0] <= start < taken[ti][1]:
            continue
        out.append(_Cand(start=start, end=m.end(), type_=dt.by_lower[name], type_span=(start, k),
                         number_only=m.group(1), so=True))


def _type_start(text: str, k: int, name: str) -> int:
    """Offset where the type word ``name`` (lower case, maybe wrapped) ends before position ``k`` starts."""
    p = k
    for _ in range(name.count(" ") + 1):
        while p > 0 and text[p - 1] in _WS:
            p -= 1
        while p > 0 and text[p - 1] not in _WS:
            p -= 1
    return p


# ------------------------------------------------------------------------------------------------------------
# Parsing a candidate with the grammar
# ------------------------------------------------------------------------------------------------------------


def _token_types(c: _Cand) -> tuple[str, ...]:
    """The candidate as the grammar's terminals (the fields themselves are read by the scanner)."""
    types: list[str] = []
    if c.type_:
        types.append("TYPE")
        if c.title:
            types.append("TITLE")
    if c.named:
        if c.name_year:
            types += ("NAM", "NUM")
        if c.date_m:
            types += _date_types(c.date_m)
        return tuple(types)
    if c.so:
        types.append("SO")
    s = c.sym
    types += (t for t, _ in _tokens_for_symbol(s.number, s.seps, s.groups))
    if c.date_m:
        types += _date_types(c.date_m)
    if c.issuer:
        types += ("CUA" if c.issuer_kw == "của" else "GIUA", "ISSUER")
    if c.date_m2:
        types += _date_types(c.date_m2)
    return tuple(types)


_DSEP = {"/": "SLASH", "-": "DASH", ".": "DOT"}


def _date_types(dm) -> tuple[str, ...]:
    head = ("COMMA", "NGAY") if "," in dm.group("pre") else ("NGAY",)
    if dm.group("d") is not None:
        return head + ("NUM", _DSEP[dm.group("s1")], "NUM", _DSEP[dm.group("s2")], "NUM")
    return head + ("NUM", "THANG", "NUM", "NAM", "NUM")


def _accepted(c: _Cand) -> bool:
    """Does the grammar (reference.lark) accept the candidate's shape? (A number-only repeat has none: it is
    resolved against the full citations.)"""
    if c.sym is None and not c.named:
        return False
    return _shape(_token_types(c)) is not None


# ------------------------------------------------------------------------------------------------------------
# Building references
# ------------------------------------------------------------------------------------------------------------


def _mk_date(d: int, m: int, y: int) -> Optional[date]:
    try:
        return date(y, m, d) if 1900 <= y <= 2100 else None
    except ValueError:
        return None


def _kind(type_: Optional[str], sym: Optional[SymbolInfo]) -> str:
    if sym is None:
        return "named"
    if sym.form == "party":
        return "party"
    if "party-state-mixed" in sym.malformations and _is_party_issuer((sym.issuer_code or "").split("-")[-1]):
        return "party"                         # 36/NQ-TW: a Party resolution printed in the state form
    if sym.form in ("normative", "qh"):
        return "normative"
    ti = doc_types().types.get(type_ or "")
    if ti and ti.normative == "always":
        return "normative"
    if sym.code in ("NĐ", "TT", "TTLT", "NQLT"):
        return "normative"
    return "administrative"


def _to_reference(c: _Cand, text: str, node: Optional[str]) -> Reference:
    problems: list[str] = []
    sym = c.sym
    date_text = None
    d: Optional[date] = None
    dm = c.date_m or c.date_m2
    if dm:
        date_text = rx.squeeze(dm.group("date"))
        if dm.group("d") is not None:
            dd, mm, yy = int(dm.group("d")), int(dm.group("m")), int(dm.group("y"))
        else:
            dd, mm, yy = int(dm.group("d2")), int(dm.group("m2")), int(dm.group("y2"))
        d = _mk_date(dd, mm, yy)
    # built without validation (every value is produced here with its declared type): 46 citations of a 42 KB
    # plan cost ~0.1 ms instead of ~0.4 ms; tests validate the model (Reference.model_validate) on the samples
    ref = Reference.new(
        text=_squeeze(text[c.start:c.end]).strip(),
        kind=_kind(c.type_, sym),
        type=c.type_,
        number=sym.number if sym else c.number_only,
        year=(sym.year if sym else c.name_year),
        code=sym.code if sym else None,
        issuer_code=sym.issuer_code if sym else None,
        symbol=sym.symbol if sym else None,
        date=d,
        issuer=c.issuer,
        subject=c.subject,
        node=node,
        date_text=date_text,
        name=c.title if c.named else None,
        start=c.start,
        end=c.end,
        problems=problems,
        span=None,
        doc_id=None,
    )
    if sym is not None and "shape" not in sym.malformations and not _accepted(c):
        sym.malformations.append("shape")
    return ref


@dataclass
class _Found:
    ref: Reference
    sym: Optional[SymbolInfo]
    sym_span: Optional[tuple[int, int]]
    number_only: bool = False


def _find(text: str, node: Optional[str] = None, normalised: bool = False) -> list[_Found]:
    """`normalised`: the text is NFC already, as every text of a Plan is (the core normalises its lines)."""
    if not normalised and not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "/" not in text and _NAMED_ANY_RE.search(text) is None:
        return []           # no symbol and no named law: nothing to cite (most texts of a plan)
    cands = _scan(text)
    taken = [(c.start, c.end) for c in cands]
    named = _scan_named(text, taken)
    extra = _scan_number_only(text, sorted(taken + [(c.start, c.end) for c in named]))
    out = [_Found(_to_reference(c, text, node), c.sym, c.sym_span, number_only=c.number_only is not None)
           for c in cands + named + extra]
    out.sort(key=lambda f: f.ref.start or 0)
    return out


def find_references(text: str, node: Optional[str] = None) -> list[Reference]:
    """Every citation in ``text`` (character offsets in ``start``/``end``), grouped and checked on their own.

    Number-only repeats ("Quyết định số 1191") are kept only when they resolve to a document cited in full in
    the same text. Checks that need the plan (date after the plan's date) are not run.
    """
    found = _find(text, node)
    found = _resolve(found)
    check_references(found, plan_date=None)
    return [f.ref for f in found]


# ------------------------------------------------------------------------------------------------------------
# Grouping (doc_id)
# ------------------------------------------------------------------------------------------------------------


def _named_key(r: Reference) -> str:
    name = rx.squeeze((r.name or "").lower()).strip()
    return f"{r.type}:{name}" + (f":{r.year}" if r.year and r.type == "Hiến pháp" else "")


def _resolve(found: list[_Found]) -> list[_Found]:
    """Assign doc_ids; drop number-only mentions that do not resolve to exactly one document."""
    by_symbol: dict[str, str] = {}
    first_year: dict[str, int] = {}
    out: list[_Found] = []
    for f in found:
        r = f.ref
        if r.symbol:
            r.doc_id = by_symbol.setdefault(r.symbol, r.symbol)
            # numbers without a year restart every year: "12/QĐ-UBND" of 2023 and of 2024 are two documents
            if r.date and not r.year and r.kind == "administrative":
                y = first_year.setdefault(r.symbol, r.date.year)
                if y != r.date.year:
                    r.doc_id = f"{r.symbol}@{r.date.year}"
    for f in found:
        r = f.ref
        if f.number_only:
            matches = {d for s, d in by_symbol.items()
                       if s.split("/")[0].split("-")[0] == r.number and _same_type_family(found, d, r.type)}
            if len(matches) != 1:
                continue
            r.doc_id = matches.pop()
            src = next(x.ref for x in found if x.ref.doc_id == r.doc_id and x.ref.symbol)
            r.kind, r.code, r.issuer_code, r.year = src.kind, src.code, src.issuer_code, src.year
        elif r.kind == "named":
            r.doc_id = "named:" + _named_key(r)
        out.append(f)
    return out


def _same_type_family(found: list[_Found], doc_id: str, type_: Optional[str]) -> bool:
    types = {f.ref.type for f in found if f.ref.doc_id == doc_id and f.ref.symbol}
    return type_ in types


def group_references(refs: list[Reference]) -> dict[str, list[Reference]]:
    """doc_id -> its mentions, in order of first mention."""
    groups: dict[str, list[Reference]] = {}
    for r in refs:
        if r.doc_id:
            groups.setdefault(r.doc_id, []).append(r)
    return groups


# ------------------------------------------------------------------------------------------------------------
# Checks
# ------------------------------------------------------------------------------------------------------------


@dataclass
class Problem:
    code: str
    ref: Reference
    data: dict[str, Any]
    at: Optional[tuple[int, int]] = None    # character offsets of the offending part (the symbol) in the node


_MALFORMED_VI = {
    "spaces": "có khoảng trắng thừa", "stray-char": "có ký tự lạ", "doubled-part": "có phần bị lặp",
    "party-state-mixed": "lẫn thể thức văn bản Đảng và văn bản nhà nước",
    "zero-padded": "số có chữ số 0 thừa ở đầu",
    "zero-number": "số bằng 0", "shape": "không đúng cấu trúc số/ký hiệu",
}
_MALFORMED_EN = {
    "spaces": "stray spaces", "stray-char": "stray characters", "doubled-part": "a doubled part",
    "party-state-mixed": "Party and state forms mixed", "zero-padded": "a zero-padded number",
    "zero-number": "number zero", "shape": "an unrecognised shape",
}


def _suggest(sym: SymbolInfo) -> str:
    if "party-state-mixed" in sym.malformations:
        if sym.form == "party":
            return f"{sym.number}/{sym.code}-{sym.issuer_code}"
        parts = (sym.issuer_code or "").split("-")
        return f"{sym.number}-{sym.code}/{'-'.join(parts)}"
    num = str(int(sym.number)) if "zero-padded" in sym.malformations else sym.number
    groups = list(sym.groups)
    if "doubled-part" in sym.malformations:
        dedup = [groups[0]]
        for g in groups[1:]:
            if g != dedup[-1]:
                dedup.append(g)
        if len(dedup) != len(groups):
            seps = list(sym.seps)
            groups = dedup
            return num + "".join(s + g for s, g in zip(seps[: len(groups)], groups))
    return num + "".join(s + g for s, g in zip(sym.seps, groups))


_QH_RE = rx.compile(r"(UBTV)?QH\d*")


def _allowed(ti: TypeInfo, sym: SymbolInfo) -> Optional[bool]:
    """Does the type word agree with the symbol's code? None when it cannot be decided."""
    dt = doc_types()
    if ti.generic:
        return None
    if sym.form == "qh" or (sym.code is None and _QH_RE.fullmatch((sym.issuer_code or "").split("-")[0])):
        return ti.qh
    if sym.form == "party":
        if sym.code in dt.type_codes:
            return sym.code in ti.party or (ti.named and not ti.party)
        return None
    if sym.code is None:                      # công văn form <cơ quan>-<đơn vị>
        if ti.cong_van or ti.named:
            return True
        return False if (ti.state or ti.party) and _is_state_issuer(sym.groups[0]) else None
    if ti.cong_van:
        return False
    if sym.code in ti.state or sym.code in ti.party:
        return True
    if ti.named and not ti.state and not ti.qh:
        return None
    return False


def check_references(found: list, plan_date: Optional[date] = None) -> list[Problem]:
    """Run TTDN201–208 on the mentions (``_Found`` items or References), fill ``problems[]``, return them."""
    items = [f if isinstance(f, _Found) else _Found(f, parse_symbol(f.symbol) if f.symbol else None, None)
             for f in found]
    problems: list[Problem] = []
    dt = doc_types()

    def add(rule_code: str, r: Reference, at: Optional[tuple[int, int]] = None, **data: Any) -> None:
        from .rules import rule

        name = rule(rule_code).name
        if name not in r.problems:
            r.problems.append(name)
        problems.append(Problem(rule_code, r, data, at))

    for f in items:
        r, sym = f.ref, f.sym
        # 201 impossible date
        if r.date_text and r.date is None:
            add("TTDN201", r, date=r.date_text, citation=r.text)
        # 202 after the plan's own date
        if plan_date and r.date and r.date > plan_date:
            add("TTDN202", r, date=r.date.strftime("%d/%m/%Y"), plan_date=plan_date.strftime("%d/%m/%Y"),
                citation=r.text)
        if sym is None or f.number_only:
            continue
        ti = dt.types.get(r.type or "")
        # 203 normative symbol without year
        normative_type = sym.code in ("NĐ", "TT", "TTLT", "NQLT") or (ti and ti.normative == "always")
        if sym.form == "admin" and normative_type and "party-state-mixed" not in sym.malformations:
            fix = f"{sym.number}/{r.date.year if r.date else 'YYYY'}/{sym.symbol.split('/', 1)[1]}"
            add("TTDN203", r, f.sym_span, symbol=sym.symbol, type=r.type or sym.code, suggestion=fix)
        # 204 symbol year vs date year
        if sym.year and r.date and sym.year != r.date.year:
            add("TTDN204", r, f.sym_span, symbol=sym.symbol, year=sym.year,
                date=r.date.strftime("%d/%m/%Y"))
        # 205 type word vs code
        if ti is not None:
            ok = _allowed(ti, sym)
            if ok is False:
                expected = _expected_code(ti, sym)
                add("TTDN205", r, f.sym_span, type=r.type, symbol=sym.symbol,
                    type_code=sym.code or sym.groups[0], expected=expected)
        # 206 malformed
        if sym.malformations:
            key = sym.malformations[0]
            add("TTDN206", r, f.sym_span, printed=sym.printed.replace("\n", " "), symbol=sym.symbol,
                problem=_MALFORMED_VI[key], problem_en=_MALFORMED_EN[key], suggestion=_suggest(sym))

    def both(a: Reference, b: Reference, reason: tuple[str, str]) -> None:
        """TTDN207 at each of the two places, each naming the other."""
        for x, y in ((a, b), (b, a)):
            add("TTDN207", x, symbol=x.symbol, other=y.symbol, reason_vi=reason[0], reason_en=reason[1],
                other_date=y.date.strftime("%d/%m/%Y") if y.date else "", other_line=_line(y),
                other_line_where_vi=_where(y, "vi"), other_line_where_en=_where(y, "en"),
                other_node=y.node or "")

    # 207 conflicting citations, 208 missing date (document level)
    groups: dict[str, list[_Found]] = {}
    for f in items:
        if f.ref.doc_id and f.ref.symbol:
            groups.setdefault(f.ref.doc_id, []).append(f)
    conflicted: set[str] = set()
    # same symbol, different dates. Administrative numbers restart every year (NĐ 30/2020 Điều 15) and Party
    # numbers every term, so "12/QĐ-UBND" of 2023 and of 2024 are two documents: only a symbol with its year,
    # or two dates in the same year, are one document cited twice.
    for doc_id, ms in groups.items():
        dated = [m for m in ms if m.ref.date]
        for m in dated[1:]:
            d0, d1 = dated[0].ref.date, m.ref.date
            if d1 != d0 and (m.sym is None or m.sym.year or d1.year == d0.year):
                both(m.ref, dated[0].ref, ("ngày ban hành khác nhau", "different dates"))
                conflicted.add(doc_id)
                break
    # different numbers for one document
    families: dict[tuple, list[tuple[str, list[_Found]]]] = {}
    for doc_id, ms in groups.items():
        r0 = ms[0].ref
        families.setdefault((r0.type, r0.code, r0.issuer_code, r0.kind), []).append((doc_id, ms))
    pairs = [(a, b) for fam in families.values() for i, a in enumerate(fam) for b in fam[i + 1:]]
    for (id_a, ma), (id_b, mb) in pairs:
        reason = _same_document(ma, mb)
        if not reason:
            continue
        both(mb[0].ref, ma[0].ref, reason)
        conflicted.update((id_a, id_b))
    for doc_id, ms in groups.items():
        if doc_id in conflicted or any(m.ref.date or m.ref.date_text for m in ms):
            continue
        r = ms[0].ref
        ti = dt.types.get(r.type or "")
        if ti and ti.qh or (ms[0].sym and ms[0].sym.form == "qh") or r.node == "header":
            continue
        add("TTDN208", r, symbol=r.symbol, citation=r.text)
    return problems


def _line(r: Reference) -> str:
    return str(r.span.start_line) if r.span else ""


def _where(r: Reference, lang: str) -> str:
    """Where the other mention is, as the reader finds it: 'đoạn 80' / 'bảng 2, dòng 5' in a Word file,
    'dòng 80' in a text file."""
    from .report import where

    if r.span is None:
        return ""
    return where(r.span, None, lang) or f"{'dòng' if lang == 'vi' else 'line'} {r.span.start_line}"


def _expected_code(ti: TypeInfo, sym: SymbolInfo) -> str:
    if ti.qh and not (ti.state or ti.party):
        return "…/YYYY/QH<khóa>"
    if ti.cong_van:
        return "<cơ quan>-<đơn vị>" + (" / CV" if sym.form == "party" else "")
    codes = ti.party if sym.form == "party" and ti.party else ti.state or ti.party
    return ", ".join(codes)


def _subject_key(s: Optional[str]) -> Optional[tuple[str, ...]]:
    if not s:
        return None
    s = s.lower()
    s = rx.sub(r"^(về việc|về|v/v)\s+", "", s)
    words = rx.findall(r"\w+", s)
    return tuple(words[:10]) if len(words) >= 6 else None


def _same_document(ma: list[_Found], mb: list[_Found]) -> Optional[tuple[str, str]]:
    a, b = ma[0].ref, mb[0].ref
    if a.symbol == b.symbol or a.number == b.number:
        return None
    if a.type != b.type or a.code != b.code or a.issuer_code != b.issuer_code or a.kind != b.kind:
        return None
    dates_a = {m.ref.date for m in ma if m.ref.date}
    dates_b = {m.ref.date for m in mb if m.ref.date}
    if dates_a and dates_b and dates_a & dates_b:
        return ("cùng loại, cơ quan ban hành và ngày ban hành nhưng khác số",
                "same type, issuer and date but a different number")
    if dates_a and dates_b:
        return None                                # two dated documents on different days: two documents
    ka = {k for k in (_subject_key(m.ref.subject) for m in ma) if k}
    kb = {k for k in (_subject_key(m.ref.subject) for m in mb) if k}
    if ka & kb:
        return ("cùng trích yếu nhưng khác số", "same subject but a different number")
    return None


# ------------------------------------------------------------------------------------------------------------
# Plan integration
# ------------------------------------------------------------------------------------------------------------


def _plan_texts(plan: Plan) -> Iterable[tuple[str, str]]:
    """(node id, text) of every place a citation may sit, in document order: the text that `plan.locate`
    offsets refer to where the core keeps a map for the node (a row's cells joined by tabs), else its own."""
    maps = plan._text_maps()

    def text_of(node: str, default: Optional[str]) -> Optional[str]:
        m = maps.get(node)
        return (m.text if m is not None else None) or default

    h = plan.header
    if h.title:
        yield "title", text_of("title", h.title)
    if h.attachment_text:
        yield "header", text_of("header", h.attachment_text)
    if plan.preamble and plan.preamble.text:
        yield "preamble", text_of("preamble", plan.preamble.text)
    for n in plan.walk():
        text = text_of(n.id, n.text)
        if not text and n.kind == "row" and n.cells:
            text = "\t".join(n.cells)
        if text:
            yield n.id, text
    if plan.closing and plan.closing.text:
        yield "closing", text_of("closing", plan.closing.text)
    for fn in plan.footnotes:
        if fn.text:
            yield f"fn:{fn.label}", text_of(f"fn:{fn.label}", fn.text)


def _locate(plan: Plan, node: str, start: int, end: int) -> Optional[Span]:
    try:
        return plan.locate(node, start, end)
    except Exception:  # noqa: BLE001 - a missing span must not break parsing
        return None


def attach(plan: Plan) -> None:
    """Fill ``plan.references`` (every citation, in document order), ``plan.legal_bases`` (distinct documents
    cited in the preamble, in order of first mention) and add TTDN201–208 diagnostics."""
    from .rules import diagnostic

    # idempotent: a second call replaces what the first one added
    plan.diagnostics = [d for d in plan.diagnostics if not _is_reference_code(d.code)]
    found: list[_Found] = []
    for node, text in _plan_texts(plan):
        for f in _find(text, node, normalised=True):
            f.ref.span = _locate(plan, node, f.ref.start or 0, f.ref.end or 0) or _node_span(plan, node)
            if f.sym is not None and f.sym_span is not None and "spaces" in f.sym.malformations:
                _maybe_layout_break(plan, node, f)
            found.append(f)
    found = _resolve(found)
    problems = check_references(found, plan_date=plan.header.date)
    plan.references = [f.ref for f in found]
    seen: set[str] = set()
    bases: list[Reference] = []
    for r in plan.references:
        if r.node == "preamble" and r.doc_id and r.doc_id not in seen:
            seen.add(r.doc_id)
            bases.append(r)
    plan.legal_bases = bases
    for p in problems:
        span = (_locate(plan, p.ref.node, *p.at) if p.at and p.ref.node else None) or p.ref.span
        plan.diagnostics.append(diagnostic(p.code, span=span, node=p.ref.node, **p.data))
    # the plan's own number and symbol ("Số 07 -KH/BCĐ-TTĐN") follows the same presentation rules
    own = parse_symbol(plan.header.symbol) if plan.header.symbol else None
    if own is not None and own.malformations:
        key = own.malformations[0]
        plan.diagnostics.append(diagnostic(
            "TTDN206", span=plan.header.span, node="header", printed=own.printed, symbol=own.symbol,
            problem=_MALFORMED_VI[key], problem_en=_MALFORMED_EN[key], suggestion=_suggest(own)))


def _is_reference_code(code: str) -> bool:
    return code.startswith("TTDN2") and len(code) == 7


def _node_span(plan: Plan, node: str) -> Optional[Span]:
    """The span of the whole node, when the core has no character map for it (better than none)."""
    if node == "preamble":
        return plan.preamble.span
    if node == "closing":
        return plan.closing.span if plan.closing else None
    if node in ("header", "title"):
        return plan.header.span
    if node.startswith("fn:"):
        return next((f.span for f in plan.footnotes if f"fn:{f.label}" == node), None)
    n = plan.node(node)
    return n.span if n is not None else None


def _maybe_layout_break(plan: Plan, node: str, f: _Found) -> None:
    """A space in the symbol that is really a line wrap of the source ("57-" ⏎ "KL/TW") is not an error."""
    s, e = f.sym_span
    sym = f.sym
    span = _locate(plan, node, s, e)
    if span is None or span.start_line == span.end_line:
        return
    ws = [r for r in _raw_seps(sym.printed) if r != r.strip()]
    if len(ws) == 1 and ws[0][:1] in "/" + _DASHES:
        sym.malformations.remove("spaces")
        sym.layout_break = True


def _raw_seps(printed: str) -> list[str]:
    m = rx.match(r"\s*\d{1,5}", printed)
    return [pm.group(1) for pm in _PART_RE.finditer(printed[m.end():])] if m else []
