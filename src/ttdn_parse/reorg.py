"""The 2025 reorganisation: which bodies, provinces and administrative levels existed on a given date.

Data: ``data/reorganisation.toml`` (agencies with validity intervals and successors by function, level terms)
and ``data/provinces.toml`` (63 → 34 provinces, Nghị quyết 202/2025/QH15). Both are loaded once, lazily;
the matchers are compiled once.

Public API::

    status(agency_text, on, context=None) -> AgencyStatus      # (exists, [(successor, functions), ...])
    find_agencies(text) -> list[Mention]                       # every known reorganised body in a text
    province_on(name, on) -> ProvinceAt | None                 # what the province was on a date
    provinces() -> frozenset[str]                              # every province name, old and new (cheap)
    find_province(text) -> str | None                          # canonical province named in a text
    district_terms() / level_terms(on)                         # administrative level terms with validity
    in_citation(text, start, end) -> bool                      # is a mention the issuer of a cited document?

Matching works on a *length-preserving* normalisation of the text (lower case, one dash, one tone placement:
"hoà"→"hòa", "uỷ"→"ủy"), so offsets found in the normalised text are offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, Optional

from . import rx
from .resources import load_toml

__all__ = [
    "AgencyEntry", "AgencyStatus", "Mention", "ProvinceAt", "Successor", "LevelTerm",
    "status", "find_agencies", "entries", "entry", "province_on", "provinces", "province_aliases",
    "find_province", "canonical_province", "canonical_provinces", "district_terms", "level_terms",
    "in_citation", "normalise", "data_version",
    "TWO_TIER_FROM", "PROVINCES_MERGED_FROM",
]

TWO_TIER_FROM = date(2025, 7, 1)
PROVINCES_MERGED_FROM = date(2025, 7, 1)

# ---------------------------------------------------------------------------------------------------------
# normalisation (length preserving)
# ---------------------------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_DASHES.update({0x00A0: " ", 0x2007: " ", 0x202F: " ", ord("＆"): "&", 0x2019: "'"})
# new-style tone placement ("hoà", "thuỷ") → old style ("hòa", "thủy"); two chars → two chars
_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = rx.compile("|".join(_TONES))


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower-case, unify dashes/spaces and tone placement; same length as `text` (NFC input)."""
    t = text.translate(_DASHES)
    low = t.lower()
    if len(low) != len(t):          # a character whose lower case is longer (e.g. "İ"): keep it as is
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    return _TONE_RE.sub(lambda m: _TONES[m.group(0)], low)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _alias_regex(alias: str) -> str:
    """A literal spelling → a regex tolerant of spacing around '-', '&', ',' and '/'."""
    a = rx.squeeze(normalise(_nfc(alias)).strip())
    parts = []
    for ch in a:
        if ch == " ":
            parts.append(r"\s+")
        elif ch in "-&,/":
            parts.append(r"\s*" + re.escape(ch) + r"\s*")
        else:
            parts.append(re.escape(ch))
    pattern = "".join(parts)
    return pattern.replace(r"\s+\s*", r"\s*").replace(r"\s*\s+", r"\s*")


# ---------------------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------------------




class Successor(NamedTuple):
    name: str
    functions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    status: str = "V"
    source: Optional[str] = None


class AgencyEntry(NamedTuple):
    id: str
    name: str
    level: str
    kind: str
    status: str
    aliases: tuple[str, ...] = ()
    ends: Optional[date] = None          # first day the body no longer exists
    valid_from: Optional[date] = None    # first day a new body exists
    instrument: Optional[str] = None
    sources: tuple[str, ...] = ()
    successors: tuple[Successor, ...] = ()
    suggest: Optional[str] = None
    note: Optional[str] = None

    def exists_on(self, on: date) -> bool:
        if self.valid_from is not None and on < self.valid_from:
            return False
        if self.ends is not None and on >= self.ends:
            return False
        return True

    @property
    def district_level(self) -> bool:
        return self.level in ("district", "party-district")


class Mention(NamedTuple):
    entry: AgencyEntry
    start: int
    end: int
    text: str                            # as printed


class AgencyStatus(tuple):
    """``(exists, successors)`` — unpackable as a pair; also carries `.entry` and `.mention`.

    `successors` is a list of ``(name, functions)``; when the body exists (or is unknown) it is empty.
    `known` is False when no reorganised body was recognised in the text.
    """

    entry: Optional[AgencyEntry]
    mention: Optional[Mention]

    def __new__(cls, exists: bool, successors: list[tuple[str, list[str]]],
                entry: Optional[AgencyEntry] = None, mention: Optional[Mention] = None):
        obj = super().__new__(cls, (exists, successors))
        obj.entry = entry
        obj.mention = mention
        return obj

    @property
    def exists(self) -> bool:
        return self[0]

    @property
    def successors(self) -> list[tuple[str, list[str]]]:
        return self[1]

    @property
    def known(self) -> bool:
        return self.entry is not None


class LevelTerm(NamedTuple):
    term: str
    level: str
    until: Optional[date] = None         # last day of validity
    since: Optional[date] = None
    status: str = "V"
    note: Optional[str] = None

    def valid_on(self, on: date) -> bool:
        return (self.until is None or on <= self.until) and (self.since is None or on >= self.since)


@dataclass
class _Agencies:
    version: str
    entries: tuple[AgencyEntry, ...]
    sources: dict[str, dict[str, Any]]
    matchers: list[tuple[AgencyEntry, re.Pattern[str], Optional[re.Pattern[str]], bool, Optional[tuple[str, ...]]]]
    levels: tuple[LevelTerm, ...]
    by_id: dict[str, AgencyEntry] = field(default_factory=dict)
    # prefilter: matchers (by index) to try when a key word occurs in the text; `unkeyed` are always tried
    by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)
    unkeyed: tuple[int, ...] = ()


_USABLE = ("V", "P")


@lru_cache(maxsize=1)
def _agencies() -> _Agencies:
    raw = load_toml("reorganisation.toml")
    entries: list[AgencyEntry] = []
    matchers = []
    for a in raw.get("agency", []):
        if a.get("status") not in _USABLE:
            continue
        succ = tuple(
            Successor(
                name=s["name"], functions=tuple(s.get("functions", ())),
                keywords=tuple(normalise(k) for k in s.get("keywords", ())),
                status=s.get("status", a["status"]), source=s.get("source"),
            )
            for s in a.get("successors", []) if s.get("status", a["status"]) in _USABLE
        )
        e = AgencyEntry(
            id=a["id"], name=a["name"], level=a["level"], kind=a["kind"], status=a["status"],
            aliases=tuple(a.get("aliases", ())), ends=a.get("ends"), valid_from=a.get("valid_from"),
            instrument=a.get("instrument"), sources=tuple(a.get("sources", ())), successors=succ,
            suggest=a.get("suggest"), note=a.get("note"),
        )
        entries.append(e)
        alts = rx.longest_first({_alias_regex(x) for x in e.aliases})
        alts += list(a.get("patterns", ()))
        if not alts:
            continue
        names_re = rx.compile(r"(?:" + "|".join(alts) + r")(?![\w&])")    # not after \w or & (see find_agencies)
        excl = a.get("exclude_after")
        ex = rx.compile("|".join(f"(?:{x.removeprefix('^')})" for x in excl)) if excl else None
        # a name printed as a proper noun ("Bộ Thông tin …") must start with a capital letter in the text:
        # "cán bộ thông tin truyền thông" is not the ministry
        cap = not a.get("patterns") and all(x[:1].isupper() for x in e.aliases)
        # cheap prefilter: the longest word of every spelling must occur in the text for the regex to run
        keys = None if a.get("patterns") else tuple({_key_word(x) for x in e.aliases})
        matchers.append((e, names_re, ex, cap, keys))
    lv = raw.get("levels", {})
    levels = tuple(
        LevelTerm(term=t["term"], level=t["level"], until=t.get("until"), since=t.get("since"),
                  status=t["status"], note=t.get("note"))
        for t in lv.get("term", []) if t.get("status") in _USABLE
    )
    result = _Agencies(version=str(raw.get("version", raw.get("schema_version"))), entries=tuple(entries),
                       sources=dict(raw.get("sources", {})), matchers=matchers, levels=levels)
    result.by_id = {e.id: e for e in entries}
    by_key: dict[str, list[int]] = {}
    for i, (*_, keys) in enumerate(matchers):
        for k in keys or ():
            by_key.setdefault(k, []).append(i)
    result.by_key = {k: tuple(v) for k, v in by_key.items()}
    result.unkeyed = tuple(i for i, m in enumerate(matchers) if m[-1] is None)
    return result


def data_version() -> str:
    return _agencies().version


def entries() -> tuple[AgencyEntry, ...]:
    """Every usable (V/P) agency entry of the reorganisation data."""
    return _agencies().entries


def entry(entry_id: str) -> Optional[AgencyEntry]:
    return _agencies().by_id.get(entry_id)


def source(source_id: str) -> Optional[dict[str, Any]]:
    return _agencies().sources.get(source_id)


# ---------------------------------------------------------------------------------------------------------
# agencies
# ---------------------------------------------------------------------------------------------------------


def find_agencies(text: str, *, normalised: Optional[str] = None) -> list[Mention]:
    """Every mention of a body of the reorganisation data in `text`, in order, overlaps resolved
    (earliest start, then longest). Mentions that sit inside a document symbol (``86-HD/BTGTW``) are dropped."""
    if not text:
        return []
    norm = normalised if normalised is not None else normalise(_nfc(text))
    found: list[tuple[int, int, AgencyEntry]] = []
    data = _agencies()
    # a matcher runs only when the longest word of one of its spellings occurs in the text (lint asks this
    # of ~300 texts per plan)
    tried = set(data.unkeyed)
    for k, ids in data.by_key.items():
        if k in norm:
            tried.update(ids)
    for i in sorted(tried):
        e, names_re, ex, cap, _ = data.matchers[i]
        for m in rx.finditer_at_word_start(names_re, norm, "&"):
            s, t = m.span()
            if cap and not text[s].isupper():
                continue
            if ex is not None and ex.match(norm, t):
                continue
            if _in_symbol(norm, s, t):
                continue
            found.append((s, t, e))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[Mention] = []
    last_end = -1
    for s, t, e in found:
        if s < last_end:
            continue
        out.append(Mention(entry=e, start=s, end=t, text=" ".join(text[s:t].split())))
        last_end = t
    return out


def _key_word(alias: str) -> str:
    # split where the alias regex tolerates spacing (see _alias_regex): each word then occurs verbatim
    words = rx.split(r"[\s,\-/&]+", normalise(_nfc(alias)))
    return max(words, key=len)


def _in_symbol(norm: str, s: int, t: int) -> bool:
    before = norm[s - 1] if s > 0 else " "
    after = norm[t] if t < len(norm) else " "
    return before in "/-" or after == "/" or (after == "-" and t + 1 < len(norm) and norm[t + 1].isalnum())


def _order_successors(e: AgencyEntry, context: Optional[str]) -> list[Successor]:
    succ = list(e.successors)
    if context and len(succ) > 1:
        ctx = normalise(_nfc(context))
        hits = [s for s in succ if any(k in ctx for k in s.keywords)]
        if hits:
            return hits
    return succ


@lru_cache(maxsize=1)
def _by_name() -> dict[str, AgencyEntry]:
    out: dict[str, AgencyEntry] = {}
    for e in _agencies().entries:
        out.setdefault(normalise(_nfc(e.name)), e)
        for a in e.aliases:
            out.setdefault(normalise(_nfc(a)), e)
    return out


def entry_for_name(name: Optional[str]) -> Optional[AgencyEntry]:
    """The entry whose name or alias is exactly `name` (e.g. an `Agency.canonical` of the agency registry)."""
    if not name:
        return None
    return _by_name().get(rx.squeeze(normalise(_nfc(name)).strip()))


def _registry_entry(text: str) -> Optional[AgencyEntry]:
    """Fallback through the agency registry (ttdn_parse.agencies, when present): printed name → canonical
    name → entry. Never required: without the registry our own aliases decide."""
    try:
        from . import agencies as _ag  # noqa: PLC0415 - optional module of another component
        canon = _ag.registry().lookup(text)
    except Exception:  # noqa: BLE001 - absent or failing registry: no fallback
        return None
    return entry_for_name(canon)


def mentions_in_agency(agency_text: str, canonical: Optional[str] = None) -> list[Mention]:
    """Mentions in one printed agency (a task's lead/support item, a recipient): our matcher first, then the
    registry's canonical name (given, or looked up)."""
    return list(_mentions_in_agency(agency_text, canonical))


@lru_cache(maxsize=4096)
def _mentions_in_agency(agency_text: str, canonical: Optional[str]) -> tuple[Mention, ...]:
    # memoised: a plan names the same few agencies in task after task (lint asks for ~130 per plan)
    found = find_agencies(agency_text)
    if found:
        return tuple(found)
    e = entry_for_name(canonical) or _registry_entry(agency_text)
    if e is None:
        return ()
    return (Mention(entry=e, start=0, end=len(agency_text), text=" ".join(agency_text.split())),)


def status(agency_text: str, on: date, context: Optional[str] = None) -> AgencyStatus:
    """Did the body named in `agency_text` exist on `on`?

    Returns ``(exists, successors)``, successors a list of ``(name, functions)`` for the functions concerned:
    when `context` (e.g. the task text) names a function ("báo chí", "thông tin đối ngoại", "chuyển đổi số"),
    only the successors that took that function over; otherwise all of them. A text naming no known
    reorganised body is taken to exist: ``(True, [])`` with ``.known`` False.
    """
    mentions = mentions_in_agency(agency_text)
    if not mentions:
        return AgencyStatus(True, [])
    # the first mention that did not exist on the date decides; else the first one
    chosen = next((m for m in mentions if not m.entry.exists_on(on)), mentions[0])
    e = chosen.entry
    if e.exists_on(on):
        return AgencyStatus(True, [], e, chosen)
    succ = [(s.name, list(s.functions)) for s in _order_successors(e, context or agency_text)]
    return AgencyStatus(False, succ, e, chosen)


def successors_for(e: AgencyEntry, context: Optional[str] = None) -> list[Successor]:
    """The successors of `e` for the function named in `context` (all of them when none is named)."""
    return _order_successors(e, context)


# ---------------------------------------------------------------------------------------------------------
# citations: "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông"
# ---------------------------------------------------------------------------------------------------------

_SYMBOL = r"\d+\s*(?:/\s*\d{4}\s*)?[/-]\s*[a-zđ][\w&.\-/]*(?:(?<=-)\s+[a-zđ][\w&.\-/]*)*"
_DATE = r"(?:ngày\s*)?(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
_TITLE = (r"(?:bộ trưởng|thứ trưởng|chủ nhiệm|phó chủ nhiệm|giám đốc|phó giám đốc|chủ tịch|phó chủ tịch|"
          r"trưởng ban|phó trưởng ban|thường trực|ban thường vụ|ban bí thư|ban chấp hành|lãnh đạo)")
_CITATION_TAIL = rx.compile(
    _SYMBOL + r"\s*,?\s*(?:" + _DATE + r")?\s*,?\s*(?:của|giữa)\s+"
    r"(?:[^;:]{0,90}?\s(?:và|với)\s+)?(?:" + _TITLE + r"\s+)?$"
)


_SYMBOL_RE = rx.compile(r"(?<![\w/])" + _SYMBOL)


def in_citation(text: str, start: int, end: int | None = None, *, normalised: Optional[str] = None,
                clause: bool = False) -> bool:
    """True when the mention at `start` is the issuer of a cited document: it follows 'của' (or 'giữa … và')
    right after a document symbol and, optionally, its date, in the same clause (no ';' in between).
    Conservative: a body named without a symbol ("theo hướng dẫn của Bộ …") is not a citation.

    With ``clause=True`` any mention that follows a document symbol in the same clause counts (it may sit
    in the cited document's title: "Quyết định số 29/2019/QĐ-UBND … ban hành Quy chế … tỉnh Đắk Nông")."""
    norm = normalised if normalised is not None else normalise(_nfc(text))
    window = norm[max(0, start - (300 if clause else 220)):start]
    cut = window.rfind(";")
    if cut >= 0:
        window = window[cut + 1:]
    if clause and _SYMBOL_RE.search(window):
        return True
    return _CITATION_TAIL.search(window) is not None


# ---------------------------------------------------------------------------------------------------------
# provinces
# ---------------------------------------------------------------------------------------------------------


class ProvinceAt(NamedTuple):
    name: str                 # canonical name of the unit asked about
    exists: bool              # was it a province/centrally-run city on that date?
    current: str              # the unit it was part of on that date (== name when it existed)
    type: str                 # "tỉnh" | "thành phố" of `current` on that date
    merged: bool = False      # from 2025-07-01: `current` was formed by a merger (its area changed)
    status: str = "V"


@dataclass
class _Provinces:
    new: dict[str, dict[str, Any]]            # new name -> row
    old_to_new: dict[str, str]                # every old name -> new unit
    type_before: dict[str, str]
    aliases: dict[str, str]                   # normalised spelling -> canonical
    names: frozenset[str]
    matcher: re.Pattern[str]
    operational: date


@lru_cache(maxsize=1)
def _provinces() -> _Provinces:
    raw = load_toml("provinces.toml")
    new = {r["name"]: r for r in raw["new"] if r.get("status") in _USABLE}
    old_to_new = {m: r["name"] for r in new.values() for m in r["members"]}
    cities = set(raw.get("old", {}).get("cities_before", ()))
    type_before = {n: ("thành phố" if n in cities else "tỉnh") for n in old_to_new}
    aliases: dict[str, str] = {}
    for canon in old_to_new:
        aliases[normalise(canon)] = canon
    for canon, spellings in raw.get("aliases", {}).items():
        for s in spellings:
            aliases[normalise(_nfc(s))] = canon
    alts = rx.longest_first({_alias_regex(a) for a in aliases})
    matcher = rx.compile(r"(?:" + "|".join(alts) + r")(?!\w)")     # searched with rx.finditer_at_word_start
    return _Provinces(new=new, old_to_new=old_to_new, type_before=type_before, aliases=aliases,
                      names=frozenset(old_to_new) | frozenset(new), matcher=matcher,
                      operational=raw.get("operational", PROVINCES_MERGED_FROM))


def canonical_provinces() -> frozenset[str]:
    """The 63 canonical names of the provinces / centrally-run cities before 2025-07-01 (the 34 after are
    among them). Cached."""
    return _provinces().names


@lru_cache(maxsize=1)
def provinces() -> frozenset[str]:
    """Every known province name, old and new, as plans print it: the 63 canonical names plus their printed
    variants ("Thừa Thiên Huế", "Đăk Nông", "Bà Rịa-Vũng Tàu", and the other tone placement: "Khánh Hoà",
    "Thanh Hoá", "Hoà Bình"). Cached; map any of them to the canonical name with `canonical_province`."""
    p = _provinces()
    raw = load_toml("provinces.toml")
    names = set(p.names)
    for spellings in raw.get("aliases", {}).values():
        names.update(_nfc(x) for x in spellings)
    back = {v: k for k, v in _TONES.items()}
    back_re = rx.compile("|".join(back))
    for n in list(names):
        names.add(back_re.sub(lambda m: back[m.group(0)], n))
    return frozenset(names)


def canonical_province(name: str) -> Optional[str]:
    """'Khánh Hoà', 'tỉnh Đăk Nông', 'ỦY BAN NHÂN DÂN TỈNH TRÀ VINH' → the canonical name, or None."""
    return _canonical_province(name)


def province_aliases() -> dict[str, str]:
    """normalised spelling (lower case, see `normalise`) -> canonical province name."""
    return dict(_provinces().aliases)


def _canonical_province(name: str) -> Optional[str]:
    p = _provinces()
    key = rx.squeeze(normalise(_nfc(name)).strip())
    key = rx.sub(r"^(ủy ban nhân dân|ubnd|hđnd|tỉnh ủy)?\s*(tỉnh|thành phố|tp\.?)\s+", "", key)
    if key in p.aliases:
        return p.aliases[key]
    for m in rx.finditer_at_word_start(p.matcher, normalise(_nfc(name))):
        return p.aliases.get(rx.squeeze(m.group(0))) or _alias_lookup(m.group(0))
    return None


def _alias_lookup(matched: str) -> Optional[str]:
    p = _provinces()
    flat = rx.sub(r"\s*([-&,/])\s*", r"\1", rx.squeeze(matched))
    for k, v in p.aliases.items():
        if rx.sub(r"\s*([-&,/])\s*", r"\1", k) == flat:
            return v
    return None


def _looks_proper(original: str) -> bool:
    words = [w for w in rx.split(r"[\s\-.]+", original) if w]
    return bool(words) and (original.isupper() or all(w[0].isupper() for w in words if w[0].isalpha()))


def find_province(text: str) -> Optional[str]:
    """The canonical name of the first province named in `text` (capitalised as a proper name, so that
    "hòa bình" the word is not "Hòa Bình" the province), or None."""
    for canon, _s, _e in iter_provinces(text):
        return canon
    return None


def iter_provinces(text: str, *, normalised: Optional[str] = None):
    """Yield ``(canonical, start, end)`` for every province name in `text` printed as a proper name."""
    if not text:
        return
    p = _provinces()
    norm = normalised if normalised is not None else normalise(_nfc(text))
    for m in rx.finditer_at_word_start(p.matcher, norm):
        s, t = m.span()
        if not _looks_proper(text[s:t]):
            continue
        canon = p.aliases.get(rx.squeeze(m.group(0))) or _alias_lookup(m.group(0))
        if canon:
            yield canon, s, t


def province_on(name: str, on: date) -> Optional[ProvinceAt]:
    """What the province called `name` ("Đắk Nông", "tỉnh Bình Định", "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH") was
    on `on`: ``ProvinceAt(name, exists, current, type, merged, status)``; None when no province is named.
    Before 2025-07-01 the 63 old units exist; from 2025-07-01 only the 34 of Nghị quyết 202/2025/QH15."""
    p = _provinces()
    canon = _canonical_province(name)
    if canon is None:
        return None
    if on < p.operational:
        return ProvinceAt(canon, True, canon, p.type_before.get(canon, "tỉnh"), False, "V")
    if canon in p.new:
        row = p.new[canon]
        return ProvinceAt(canon, True, canon, row["type"], len(row["members"]) > 1, row.get("status", "V"))
    new = p.old_to_new[canon]
    return ProvinceAt(canon, False, new, p.new[new]["type"], True, p.new[new].get("status", "V"))


def merged_into(name: str) -> Optional[str]:
    """The unit an old province belongs to from 2025-07-01 (itself when unchanged or when it gave its name)."""
    canon = _canonical_province(name)
    return _provinces().old_to_new.get(canon) if canon else None


# ---------------------------------------------------------------------------------------------------------
# administrative levels
# ---------------------------------------------------------------------------------------------------------


def level_terms(on: Optional[date] = None) -> tuple[LevelTerm, ...]:
    """Administrative level terms (huyện, quận, thị xã, … xã, phường, đặc khu) with their validity;
    with `on`, only those valid on that date."""
    terms = _agencies().levels
    return terms if on is None else tuple(t for t in terms if t.valid_on(on))


def district_terms() -> tuple[LevelTerm, ...]:
    """The cấp huyện terms (huyện, quận, thị xã, thành phố thuộc tỉnh …), valid until 2025-06-30."""
    return tuple(t for t in _agencies().levels if t.level == "cấp huyện")
