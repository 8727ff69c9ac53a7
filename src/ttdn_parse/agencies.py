"""Agencies: the registry of provincial bodies (data/agencies.toml) and the splitting of agency lists.

    >>> [a.text for a in split_agencies("Sở Văn hóa, Thể thao và Du lịch, UBND các huyện, thị xã, thành phố")]
    ['Sở Văn hóa, Thể thao và Du lịch', 'UBND các huyện, thị xã, thành phố']

`registry()` loads the data once. `Registry.lookup(text)` maps a printed name (abbreviations, old-style tone
marks, a printed province name instead of "tỉnh") to the canonical name, or None when unknown. Entries carry
a stable `id`; the reorganisation data (data/reorganisation.toml, keyed by canonical name or id) is merged in
as `valid_from`, `valid_until`, `successors` when that file exists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from . import rx
from .models import Agency

from .resources import load_toml


# ---------------------------------------------------------------------------------------------------------
# text normalisation
# ---------------------------------------------------------------------------------------------------------

# old-style tone placement (hoá, uỷ) -> new style (hóa, ủy), both accepted by NĐ 30/2020 practice
_OLD_TONES = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONES_RE = rx.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹ])")
_SPACE_RE = rx.compile(r"[\s\u00a0\u200b]+")
_DASH_RE = rx.compile(r"\s*[–—−‑-]\s*")
_AMP_RE = rx.compile(r"\s*&\s*")
_TRAIL = " \t.;,:/"


def clean(text: str) -> str:
    """NFC, one ordinary space, no surrounding space or trailing ';' ',' '.' ':' (gold quoting rule)."""
    t = unicodedata.normalize("NFC", text)
    t = t.strip(" ") if rx.single_spaced(t) else _SPACE_RE.sub(" ", t).strip()
    t = t.strip(_TRAIL).strip()
    # unbalanced trailing bracket or quote left by a cut
    while t.endswith(")") and t.count("(") < t.count(")"):
        t = t[:-1].rstrip(_TRAIL)
    return t


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFC", text).lower()
    t = _OLD_TONES_RE.sub(lambda m: _OLD_TONES[m.group(1)], t)
    if not rx.single_spaced(t):
        t = _SPACE_RE.sub(" ", t)
    t = _DASH_RE.sub(" - ", t)
    t = _AMP_RE.sub("&", t)
    return t.strip(_TRAIL).strip()


# ---------------------------------------------------------------------------------------------------------
# registry
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Entry:
    id: str
    name: str
    kind: str = "other"
    level: str = "province"
    collective: bool = False
    aliases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    source: str = ""
    status: str = "P"
    # filled from data/reorganisation.toml when present
    valid_from: Any = None
    valid_until: Any = None
    successors: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


class Registry:
    def __init__(self, data: dict[str, Any], reorg: Optional[dict[str, Any]] = None) -> None:
        self.sources: dict[str, str] = dict(data.get("sources", {}))
        self._key_cache: dict[str, str] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._agency_cache: dict[str, tuple[str, Optional[str], bool]] = {}
        abbr = {k.lower(): v for k, v in data.get("abbreviations", {}).items()}
        self._abbr = abbr
        provinces = data.get("provinces", {}).get("names", [])
        self.provinces: list[str] = list(provinces)
        folded = rx.longest_first({_fold(p) for p in provinces})
        alt = "|".join(re.escape(p) for p in folded) or "(?!)"
        self._prov_re = rx.compile(rf"(?:\btỉnh\s+)?(?<![\w])(?:{alt})(?![\w])")
        self.entries: list[Entry] = []
        for raw in data.get("agency", []):
            known = {f for f in Entry.__dataclass_fields__ if f not in ("extra",)}
            e = Entry(**{k: v for k, v in raw.items() if k in known})
            e.extra = {k: v for k, v in raw.items() if k not in known}
            self.entries.append(e)
        self.by_id = {e.id: e for e in self.entries}
        self.by_name = {e.name: e for e in self.entries}
        self._index: dict[str, Entry] = {}
        self._index_loose: dict[str, Entry] = {}
        self._patterns: list[tuple[re.Pattern[str], Entry]] = []
        for e in self.entries:
            for form in [e.name, *e.aliases]:
                k = self.key(form)
                self._index.setdefault(k, e)
                self._index_loose.setdefault(_loose(k), e)
            for p in e.patterns:
                self._patterns.append((rx.compile(p), e))
        if reorg:
            self._merge_reorg(reorg)
        self._protect_re = self._build_protect()

    # -- keys ------------------------------------------------------------------------------------------
    def key(self, text: str) -> str:
        """Lookup key: folded case and tone marks, abbreviations expanded, a province name folded to 'tỉnh'."""
        k = self._key_cache.get(text)
        if k is None:
            k = self._key_cache[text] = self._key(text)
            if len(self._key_cache) > 20000:
                self._key_cache.clear()
        return k

    def _key(self, text: str) -> str:
        t = _fold(rx.sub(r"\s*\([^()]*\)", "", text) if "(" in text else text)
        t = rx.sub(r"^(?:đề nghị|giao|yêu cầu)\s+", "", t)
        words = []
        for w in t.split(" "):
            core = w.rstrip(",")
            tail = w[len(core):]
            exp = self._abbr.get(core)
            words.append((exp + tail) if exp else w)
        t = " ".join(words)
        t = self._prov_re.sub("tỉnh", t)
        t = rx.sub(r"\btỉnh(?: tỉnh)+\b", "tỉnh", t)
        return t

    def lookup_entry(self, text: str) -> Optional[Entry]:
        k = self.key(text)
        e = self._index.get(k) or self._index_loose.get(_loose(k))
        if e:
            return e
        for pat, e in self._patterns:
            if pat.match(k):
                return e
        return None

    def lookup(self, text: str) -> Optional[str]:
        """Canonical name of a printed agency, None when it is not in the registry."""
        e = self.lookup_entry(text)
        return e.name if e else None

    def agency(self, text: str) -> Agency:
        # memoised like the keys and the splits: plans name the same few dozen agencies again and again
        got = self._agency_cache.get(text)
        if got is None:
            t = clean(text)
            e = self.lookup_entry(t)
            got = self._agency_cache[text] = (t, e.name if e else None, e.collective if e else is_collective(t))
            if len(self._agency_cache) > 20000:
                self._agency_cache.clear()
        return Agency.make(*got)

    # -- reorganisation --------------------------------------------------------------------------------
    def _merge_reorg(self, reorg: dict[str, Any]) -> None:
        """Merge data/reorganisation.toml: validity dates and successors onto the entries (matched by id, name or
        lookup of the name); bodies the registry lacks (ministries, abolished district bodies) are added."""
        rows: list[dict[str, Any]] = []
        for top in ("agency", "agencies"):
            v = reorg.get(top)
            if isinstance(v, dict):          # [agency."Sở X"] tables keyed by name or id
                rows.extend({"_key": k, **t} for k, t in v.items() if isinstance(t, dict))
            elif isinstance(v, list):        # [[agency]] rows with id/name
                rows.extend(r for r in v if isinstance(r, dict))
        for r in rows:
            key = r.get("_key")
            name = r.get("name") or key or ""
            e = (self.by_id.get(key or "") or self.by_name.get(key or "") or self.by_name.get(name)
                 or (self.lookup_entry(name) if name else None))
            if e is None:
                if not name:
                    continue
                e = Entry(id=str(r.get("id") or key or _slug(name)), name=name, kind=str(r.get("kind", "other")),
                          level=str(r.get("level", "province")), source="reorganisation.toml",
                          status=str(r.get("status", "P")))
                self.entries.append(e)
                self.by_id.setdefault(e.id, e)
                self.by_name.setdefault(e.name, e)
                self._index.setdefault(self.key(e.name), e)
            for fld in ("valid_from", "valid_until"):
                if fld in r:
                    setattr(e, fld, r[fld])
            succ = r.get("successors")
            if isinstance(succ, list):
                e.successors = [x.get("name", "") if isinstance(x, dict) else str(x) for x in succ]
                e.extra["successor_details"] = succ
            for alias in r.get("aliases", []) or []:
                if isinstance(alias, str):
                    self._index.setdefault(self.key(alias), e)
            if r.get("id") and r["id"] != e.id:
                e.extra["reorg_id"] = r["id"]
                self.by_id.setdefault(str(r["id"]), e)
            e.extra.update({k: v for k, v in r.items()
                            if k not in ("_key", "name", "id", "valid_from", "valid_until", "successors", "aliases")})

    # -- protection of names containing separators -----------------------------------------------------
    def _build_protect(self) -> re.Pattern[str]:
        forms: set[str] = set()
        for e in self.entries:
            if e.collective:
                continue
            for f in [e.name, *e.aliases]:
                if "," in f or " và " in f:
                    forms.add(f)
        prov = "|".join(re.escape(p) for p in rx.longest_first(self.provinces)) or "(?!)"
        alts = []
        for f in rx.longest_first(forms):
            base = f[:-len(" tỉnh")] if f.endswith(" tỉnh") else f
            pat = r"\s*".join(re.escape(w) for w in base.split(" "))
            alts.append(pat.replace(r"\,", r"\s*,"))
        if not alts:
            return rx.compile("(?!)")
        # one shared place suffix ("… tỉnh", "… tỉnh Đắk Nông", "… Trà Vinh"): compiling it once per name made
        # this pattern take ~150 ms to build
        suffix = rf"(?:\s+(?:tỉnh(?:\s+(?:{prov}))?|{prov}))?"
        return rx.compile("(?<!\\w)(?:" + "|".join(alts) + ")" + suffix + "(?!\\w)", re.IGNORECASE)


def _slug(name: str) -> str:
    t = unicodedata.normalize("NFD", name.lower()).replace("đ", "d")
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return rx.sub(r"[^a-z0-9]+", "-", t).strip("-")


def _loose(key: str) -> str:
    k = rx.sub(r"\b(có liên quan|liên quan)\b", "liên quan", key)
    k = rx.sub(r"\s+tỉnh$", "", k)
    k = k.replace(" - ", " và ")
    return k



@lru_cache(maxsize=1)
def registry() -> Registry:
    """The agency registry, loaded once (data/agencies.toml, merged with data/reorganisation.toml if any)."""
    return Registry(load_toml("agencies.toml"), load_toml("reorganisation.toml"))


# ---------------------------------------------------------------------------------------------------------
# splitting lists of agencies
# ---------------------------------------------------------------------------------------------------------

# words that open a new agency (case-sensitive: "Sở", "Ban" capitalised head a name)
_HEADS = (
    "Sở", "Ban", "Bộ", "Báo", "Đài", "Cục", "Chi cục", "Văn phòng", "Công an", "Ủy ban", "Uỷ ban", "UBND",
    "UBMTTQ", "HĐND", "Hội đồng", "Hội", "Tạp chí", "Cổng", "Trang", "Trung tâm", "Thanh tra", "Tỉnh ủy",
    "Tỉnh uỷ", "Tỉnh đoàn", "Đoàn", "Liên đoàn", "Liên hiệp", "Mặt trận", "Viện", "Trường", "Bệnh viện",
    "Kho bạc", "Ngân hàng", "Thường trực", "Thủ trưởng", "Chủ tịch", "Giám đốc", "Lãnh đạo", "Tuyên huấn", "BCH", "BĐBP",
    "BTG", "VP", "Tòa án", "Toà án", "Đảng ủy", "Đảng uỷ", "Huyện ủy", "Thành ủy", "Thị ủy", "Phòng",
    "Các", "Cơ quan", "Đơn vị", "Lực lượng", "Quân khu", "Hải quân", "Cảng vụ", "Tổng công ty", "Công ty",
    "Nhà xuất bản", "Thông tấn xã", "TTXVN", "VTV", "VOV", "Hiệp hội", "Câu lạc bộ", "Học viện", "Đại học",
    "các", "cơ quan", "đơn vị", "lực lượng", "lãnh đạo", "thủ trưởng", "chủ tịch", "ủy ban", "uỷ ban",
    "những", "Những",
)
_HEAD_RE = rx.compile(r"^(?:" + "|".join(re.escape(h) for h in rx.longest_first(_HEADS)) + r")(?![\w])")

# nouns that a shared determiner ("các", "UBND các", "Thủ trưởng các") distributes over: "các sở, ban, ngành"
_BARE = (
    "sở", "ban", "ngành", "cơ quan", "đơn vị", "địa phương", "đoàn thể", "tổ chức", "báo", "đài", "hội",
    "doanh nghiệp", "huyện", "quận", "thị xã", "thành phố", "xã", "phường", "đặc khu", "thị trấn", "thị",
    "thành", "thành ủy", "thị ủy", "huyện ủy", "thành uỷ", "thị uỷ", "huyện uỷ", "mặt trận", "viện", "trường",
    "lực lượng", "cơ sở", "địa bàn", "phòng",
)
_BARE_RE = rx.compile(r"^(?:" + "|".join(re.escape(b) for b in rx.longest_first(_BARE)) + r")(?![\w])",
                      re.IGNORECASE)
# a determiner phrase that opens a distributed list: "Các", "UBND các", "Thủ trưởng các sở" ...
_OPEN_RE = rx.compile(
    r"^(?:(?:các|những)\s+|(?:(?:thủ trưởng|chủ tịch|lãnh đạo)\s+(?:các\s+)?)?"
    r"(?:(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|ban tuyên giáo|tuyên huấn)\s+(?:các\s+|cấp\s+)?)|"
    r"(?:thủ trưởng|chủ tịch|lãnh đạo)\s+các\s+)?", re.IGNORECASE)
_QUALIFIER_RE = rx.compile(r"^(?:\s*(?:có\s+)?liên\s+quan|\s*(?:của\s+)?tỉnh|\s*cấp\s+tỉnh|\s*(?:trực\s+)?thuộc\s.*|"
                           r"\s*trên\s+địa\s+bàn(?:\s+tỉnh)?|\s*trong\s+tỉnh|\s*khác(?:\s+có)?(?:\s+liên\s+quan)?)+$",
                           re.IGNORECASE)
_SEP_RE = rx.compile(r"\s*,\s*|\s+và\s+")
_PLACEHOLDER_COMMA = "\u2063"   # invisible separator used to mask separators inside protected names
_PLACEHOLDER_AND = "\u2064"


def is_collective(text: str) -> bool:
    t = _fold(text)
    if rx.match(r"^(các|những)\b", t) or rx.search(r"\b(các|cấp)\s", t) or ":" in t:
        return True
    if _BARE_RE.match(text) and text[:1].islower():
        return True
    return bool(rx.search(r",", t))


def _bare_element(piece: str) -> tuple[bool, bool]:
    """(starts with a bare noun, is nothing but a bare noun plus a final qualifier)."""
    m = _BARE_RE.match(piece)
    if not m:
        return False, False
    rest = piece[m.end():]
    return True, (rest.strip() == "" or bool(_QUALIFIER_RE.match(rest)))


def _opens_list(piece: str) -> bool:
    """Does this first element open a distributed list ('Các Sở', 'UBND các huyện', 'Báo', 'cơ quan')?"""
    m = _OPEN_RE.match(piece)
    rest = piece[m.end():] if m else piece
    starts, _ = _bare_element(rest)
    if not starts:
        return False
    rest2 = rest[_BARE_RE.match(rest).end():]
    return rest2.strip() == ""


def split_agencies(text: str, reg: Optional[Registry] = None) -> list[Agency]:
    """Split a printed list of agencies into agencies, never inside a name or a collective."""
    reg = reg or registry()
    return [reg.agency(t) for t in split_agency_texts(text, reg)]


def split_agency_texts(text: str, reg: Optional[Registry] = None) -> list[str]:
    """The agencies of a printed list, as printed (memoised per registry: plans repeat their lists)."""
    reg = reg or registry()
    got = reg._split_cache.get(text)
    if got is None:
        got = reg._split_cache[text] = tuple(_split_agency_texts(text, reg))
        if len(reg._split_cache) > 20000:
            reg._split_cache.clear()
    return list(got)


def _split_agency_texts(text: str, reg: Registry) -> list[str]:
    t = clean(text)
    if not t:
        return []
    # mask separators inside known names that contain them
    t = reg._protect_re.sub(lambda m: m.group(0).replace(",", _PLACEHOLDER_COMMA).replace(" và ", _PLACEHOLDER_AND),
                            t)
    out: list[str] = []
    for seg in _split_top(t, ";"):
        seg = seg.strip(_TRAIL + " ")
        if not seg:
            continue
        if rx.match(r"^[^,:]{1,40}:\s*\S", seg) and not rx.search(r"\s(và|,)\s*$", seg.split(":")[0]):
            # "UBND: Vân Canh, Tây Sơn, ..." - one collective under a shared head
            out.append(seg)
            continue
        out.extend(_split_segment(seg))
    res = []
    for o in out:
        o = o.replace(_PLACEHOLDER_COMMA, ",").replace(_PLACEHOLDER_AND, " và ")
        o = clean(o)
        if o:
            res.append(o)
    return res


def _split_top(text: str, sep: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([“\"":
            depth += 1 if ch != '"' else (0 if depth else 1)
        elif ch in ")]”":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _split_segment(seg: str) -> list[str]:
    pieces: list[tuple[str, str]] = []   # (separator before, piece)
    pos, prev_sep = 0, ""
    depth_ok = _paren_free_positions(seg)
    for m in _SEP_RE.finditer(seg):
        if not depth_ok(m.start()):
            continue
        pieces.append((prev_sep, seg[pos:m.start()]))
        prev_sep = "và" if "và" in m.group(0) else ","
        pos = m.end()
    pieces.append((prev_sep, seg[pos:]))
    groups: list[list[str]] = []
    open_list = False
    for i, (sep, piece) in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        if not groups:
            groups.append([piece])
            open_list = _opens_list(piece)
            continue
        starts_bare, only_bare = _bare_element(piece)
        more_commas_after = any(s == "," for s, _ in pieces[i + 1:])
        join = False
        if open_list and starts_bare and not rx.match(r"(?i)^(các|những)\b", piece):
            known = registry().lookup_entry(piece.replace(_PLACEHOLDER_COMMA, ",").replace(_PLACEHOLDER_AND, " và "))
            if known is None or known.collective:
                join = not (sep == "và" and more_commas_after)
        if not join and not _HEAD_RE.match(piece):
            join = True
        if join:
            groups[-1].append(sep + "\x00" + piece)
            if open_list and starts_bare and not only_bare:
                open_list = False
            elif open_list and not starts_bare:
                open_list = False
            elif open_list and only_bare and not _opens_list_tail(piece):
                open_list = False
        else:
            groups.append([piece])
            open_list = _opens_list(piece)
    out = []
    for g in groups:
        s = g[0]
        for p in g[1:]:
            sep, piece = p.split("\x00", 1)
            s += (", " if sep == "," else " và ") + piece
        out.append(s)
    return out


def _opens_list_tail(piece: str) -> bool:
    """A bare element keeps the list open only if it carries no qualifier ('ngành' yes, 'đơn vị cấp tỉnh' no)."""
    m = _BARE_RE.match(piece)
    return bool(m) and piece[m.end():].strip() == ""


def _paren_free_positions(text: str):
    depth = [0] * (len(text) + 1)
    d = 0
    for i, ch in enumerate(text):
        if ch in "(“":
            d += 1
        elif ch in ")”":
            d = max(0, d - 1)
        depth[i + 1] = d
    return lambda i: depth[i] == 0 and depth[i + 1] == 0 if i + 1 < len(depth) else True
