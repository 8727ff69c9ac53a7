"""Deadlines: time expressions of plans -> Deadline{text, kind, start, end, recurrence}.

    >>> parse_deadline("Quý I/2025").end
    datetime.date(2025, 3, 31)
    >>> parse_deadline("trước ngày 15/5", default_year=2025).end
    datetime.date(2025, 5, 15)

`parse_deadline` classifies a time text as printed (a "Thời gian thực hiện" field or cell, or a phrase found
in a sentence). `leading_deadline` finds the time adverbial that heads a clause ("Định kỳ trước ngày 10
tháng 12 hàng năm, báo cáo ...", "Thường xuyên cập nhật ...") - the plan's convention for a duty's time.
`find_deadlines` finds the dated phrases inside a sentence ("... trước ngày 15/11/2025 ...").
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Optional
from collections.abc import Iterator

from . import rx
from .models import Deadline

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_UNIT_RECURRENCE = {
    "ngày": "daily", "tuần": "weekly", "tháng": "monthly", "quý": "quarterly", "năm": "yearly",
}

_SP = r"[ \u00a0]+"
_D = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
_D_WORDS = r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?"
_DATE_RE = rx.compile(rf"(?:ngày\s*)?{_D}|{_D_WORDS}", re.IGNORECASE)
_RANGE_DATE_RE = rx.compile(r"từ\s+(?:ngày\s+)?(.+?)\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(.+)$", re.IGNORECASE)
_MONTH_RE = rx.compile(r"(?<![\d/])tháng\s+(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})(?!\d)|^(?:trong\s+|trước\s+|hết\s+)?tháng\s+(\d{1,2})$",
                       re.IGNORECASE)
# "từ tháng 3 đến tháng 6/2026", "tháng 3 - tháng 6/2026": from the first month's start to the last one's end
_MONTH_RANGE_RE = rx.compile(r"(?<![\d/])tháng\s+(\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:[-–]|đến|tới)\s*(?:hết\s+)?tháng\s+"
                             r"(\d{1,2})(?:\s*/\s*|\s+năm\s+)(\d{4})(?!\d)", re.IGNORECASE)
_QUARTER_RE = rx.compile(r"quý\s+(iv|i{1,3}|[1-4])(?:(?:\s*[-–,]\s*|\s+(?:và|đến|tới)\s+)(?:quý\s+)?(iv|i{1,3}|[1-4]))?(?:(?:\s*/\s*|\s+năm\s+)(\d{4}))?(?![\w])",
                         re.IGNORECASE)
_HALF_RE = rx.compile(r"(?:0?6)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?", re.IGNORECASE)
_PERIOD_RE = rx.compile(r"(?:giai\s+đoạn\s+)?(?:từ\s+)?(?:năm\s+)?((?:19|20)\d{2})\s*(?:[-–—]|đến(?:\s+năm)?|tới(?:\s+năm)?)\s*((?:19|20)\d{2})(?!\d)",
                        re.IGNORECASE)
_YEAR_RE = rx.compile(r"^(?:(?:trong|cả|suốt|trong\s+cả|hết|trước|cuối|đầu)\s+)?(?:năm\s+)?((?:19|20)\d{2})$", re.IGNORECASE)
_YEAR_WORD_RE = rx.compile(r"^(?:trong|cả|suốt|trong\s+cả)\s+năm$", re.IGNORECASE)
_RECUR_RE = rx.compile(r"(?:hằng|hàng|mỗi)\s+(ngày|tuần|tháng|quý|năm)", re.IGNORECASE)
_HALF_RECUR_RE = rx.compile(r"(?:0?6)\s+tháng(?:\s+(?:một|1)\s+lần|\s*,|\s+và|$|\s+(?:hằng|hàng)\s+năm)", re.IGNORECASE)
_CONTINUOUS_RE = rx.compile(r"^(?:thường\s+xuyên|liên\s+tục|thường\s+xuyên,\s*liên\s+tục)", re.IGNORECASE)


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFC", text)
    t = rx.squeeze(t).strip()
    return t.strip(" .;,:")


def _mkdate(y: Optional[int], m: int, d: int) -> Optional[date]:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def parse_deadline(text: str, default_year: Optional[int] = None) -> Deadline:
    """Classify a printed time expression. Year-less dates take `default_year` (the plan's year)."""
    return _parse_cached(text, default_year).replaced()     # a copy: the cached one is shared


@lru_cache(maxsize=8192)
def _parse_cached(text: str, default_year: Optional[int]) -> Deadline:
    t = _norm(text)
    low = t.lower()
    dl = Deadline.new(text=t)
    if not t:
        return dl

    # -- recurring ---------------------------------------------------------------------------------
    if _CONTINUOUS_RE.match(low):
        dl.kind, dl.recurrence = "recurring", "continuous"
        return dl
    rec = _RECUR_RE.search(low)
    if "định kỳ" in low or "đột xuất" in low or rec or rx.search(r"\b(?:0?6)\s+tháng\s+(?:một|1)\s+lần", low):
        if rec:
            recurrence = _UNIT_RECURRENCE[rec.group(1)]
            if rx.search(r"(?:0?6)\s+tháng", low[: rec.start()]):
                recurrence = "half-yearly"
        elif _HALF_RECUR_RE.search(low):
            recurrence = "half-yearly"
        elif "định kỳ" in low:
            recurrence = "periodic"
        else:
            recurrence = None
        if recurrence:
            dl.kind, dl.recurrence = "recurring", recurrence
            return dl

    # -- date range / date -------------------------------------------------------------------------
    m = _RANGE_DATE_RE.search(low)
    if m:
        a, b = _first_date(m.group(1), default_year), _first_date(m.group(2), default_year)
        if a and b:
            dl.kind, dl.start, dl.end = "period", a, b
            return dl
    mr = _MONTH_RANGE_RE.search(low)
    if mr and not rx.search(r"ngày\s+\d", low):
        m1, m2, y2 = int(mr.group(1)), int(mr.group(3)), int(mr.group(4))
        y1 = int(mr.group(2)) if mr.group(2) else y2
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) <= (y2, m2):
            dl.kind, dl.start, dl.end = "period", date(y1, m1, 1), _month_end(y2, m2)
            return dl
    # month before date: "Tháng 10/2026" must not read as day 10 of month 20
    mm = _MONTH_RE.search(low)
    if mm and not rx.search(r"ngày\s+\d", low):
        mo = int(mm.group(1) or mm.group(3))
        y = int(mm.group(2)) if mm.group(2) else default_year
        if 1 <= mo <= 12 and y:
            dl.kind, dl.start, dl.end = "month", date(y, mo, 1), _month_end(y, mo)
            return dl
        if 1 <= mo <= 12:
            dl.kind = "month"
            return dl
    d = _first_date(low, default_year, allow_bare=True)
    if d is not None or _has_date(low):
        dl.kind = "date"
        dl.end = d
        if not rx.search(r"\b(trước|chậm nhất|hạn|đến|tới|hết)\b", low):
            dl.start = d
        return dl

    # -- quarter, half, period, year ---------------------------------------------------------------
    q = _QUARTER_RE.search(low)
    if q:
        q1 = _ROMAN[q.group(1).lower()]
        q2 = _ROMAN[q.group(2).lower()] if q.group(2) else q1
        y = int(q.group(3)) if q.group(3) else _year_in(low) or default_year
        dl.kind = "quarter"
        if y:
            dl.start, dl.end = date(y, 3 * q1 - 2, 1), _month_end(y, 3 * q2)
        return dl
    h = _HALF_RE.search(low)
    if h:
        y = int(h.group(2)) if h.group(2) else default_year
        dl.kind = "half"
        if y:
            if h.group(1) == "đầu":
                dl.start, dl.end = date(y, 1, 1), date(y, 6, 30)
            else:
                dl.start, dl.end = date(y, 7, 1), date(y, 12, 31)
        return dl
    p = _PERIOD_RE.search(low)
    if p:
        y1, y2 = int(p.group(1)), int(p.group(2))
        if y1 <= y2:
            dl.kind, dl.start, dl.end = "period", date(y1, 1, 1), date(y2, 12, 31)
            return dl
    y = _YEAR_RE.match(low)
    if y:
        yy = int(y.group(1))
        dl.kind, dl.start, dl.end = "year", date(yy, 1, 1), date(yy, 12, 31)
        if low.startswith("trước"):
            dl.kind, dl.start, dl.end = "date", None, date(yy - 1, 12, 31)
        return dl
    if _YEAR_WORD_RE.match(low):
        dl.kind = "year"
        if default_year:
            dl.start, dl.end = date(default_year, 1, 1), date(default_year, 12, 31)
        return dl
    return dl


def _year_in(text: str) -> Optional[int]:
    m = rx.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    return int(m.group(1)) if m else None


def _has_date(text: str) -> bool:
    return bool(rx.search(rf"(?:ngày\s*){_D}|{_D_WORDS}", text, re.IGNORECASE))


def _first_date(text: str, default_year: Optional[int], allow_bare: bool = True) -> Optional[date]:
    for m in _DATE_RE.finditer(text):
        if m.group(1):
            d, mo, y = m.group(1), m.group(2), m.group(3)
            if not allow_bare and not m.group(0).lower().startswith("ngày"):
                continue
            # "2019-2020" or "10/2026" is no date
            if y is None and not m.group(0).lower().startswith("ngày") and "/" not in m.group(0):
                continue
        else:
            d, mo, y = m.group(4), m.group(5), m.group(6)
        year = int(y) if y else default_year
        dt = _mkdate(year, int(mo), int(d))
        if dt:
            return dt
    return None


# ---------------------------------------------------------------------------------------------------------
# finding time adverbials in sentences
# ---------------------------------------------------------------------------------------------------------

_DATE_TXT = r"(?:\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"
_UNIT = (
    r"(?:thường\s+xuyên(?:,?\s+liên\s+tục)?|liên\s+tục|đột\s+xuất|định\s+kỳ|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)"
    r"|cả\s+năm(?:\s+\d{4})?|trong\s+năm(?:\s+\d{4})?|năm\s+\d{4}|quý\s+(?:iv|i{1,3}|[1-4])(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
    r"|tháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?|trước\s+(?:\d{1,2}\s+giờ\s+)?ngày\s+" + _DATE_TXT +
    r"|tại\s+thời\s+điểm\s+[^,.;:()]+|(?:0?6)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"
    r"|trong\s+(?:quý|tháng)\s+[^\s,.;]+|trước\s+(?:quý|tháng)\s+[^\s,.;]+|trong\s+(?:quý|tháng)\s+[^\s,.;]+)"
)
_EXT = (
    r"(?:\s+trước\s+(?:\d{1,2}\s+giờ\s+)?ngày\s+" + _DATE_TXT + r"(?:\s+(?:hằng|hàng)\s+(?:năm|tháng|quý))?"
    r"|\s+\d{1,2}\s+tháng\s+(?:một|1)\s+lần|\s+(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần)|\s+tại\s+thời\s+điểm\s+[^,.;:()]+"
    r"|\s+năm\s+\d{4})"
)
# "hoàn thành"/"thực hiện" before the time: a clause "…; thực hiện thường xuyên." states the duty's time too
_LEAD_VERB = r"(?:hoàn\s+thành|thực\s+hiện)\s+"
_LEAD_RE = rx.compile(rf"^(?:(?:{_LEAD_VERB})?{_UNIT}(?:{_EXT})*)(?:\s*,\s*(?:{_UNIT}(?:{_EXT})*))*"
                      r"(?=\s*,|\s+[a-zà-ỹđ]|\s*\.?\s*$)", re.IGNORECASE)


@lru_cache(maxsize=8192)
def leading_deadline(clause: str) -> Optional[str]:
    """The time adverbial heading a clause, as printed, or None."""
    c = _norm(clause).lstrip("-–+•· ")
    m = _LEAD_RE.match(c)
    if not m:
        return None
    txt = rx.sub(rf"(?i)^{_LEAD_VERB}", "", m.group(0)).strip(" ,")
    return txt or None


# spaces after . ! ? (the mark stays with its sentence), a ';' and the spaces after it, ': ' before a capital
_CLAUSE_BREAK = rx.compile(rx.after_marks(".!?", r"\s+", r"(?=\S)") + r"|;\s*|:\s+(?=[A-ZĐÀ-Ỹ])")


def split_clauses(text: str) -> list[str]:
    """Sentences and ';'-clauses of a text (also the part after 'Agency: ')."""
    return [p.strip() for p in rx.split_at(_CLAUSE_BREAK, text) if p and p.strip()]


def first_leading_deadline(text: str) -> Optional[str]:
    for cl in split_clauses(text):
        d = leading_deadline(cl)
        if d:
            return d
    return None


_FIND_RE = rx.compile(
    r"(?:định\s+kỳ\s+)?(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót|trong)\s+(?:\d{1,2}\s+giờ\s+)?(?:ngày\s+" + _DATE_TXT +
    r"(?:\s+(?:hằng|hàng)\s+(?:năm|tháng|quý))?|quý\s+(?:iv|i{1,3}|[1-4])(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
    r"|tháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4}))",
    re.IGNORECASE)


_COMPLETION_WORDS = ("hoàn", "xong")       # every match of _COMPLETION_RE begins with one
_COMPLETION_RE = rx.compile(r"(?i)(?<![\wÀ-ỹ])(?:hoàn\s+thành|xong)(?:\s+[^\s,.;()]+){0,3}?\s+(?=(?:trước|chậm\s+nhất|trong)\s)")


def completion_deadline(text: str) -> Optional[str]:
    """'... hoàn thành trước ngày 30/6/2026' anywhere in a duty -> 'trước ngày 30/6/2026' (a completion time)."""
    for m in rx.finditer_words(_COMPLETION_RE, text, _COMPLETION_WORDS):
        d = _FIND_RE.match(text, m.end())
        if d:
            return _norm(d.group(0))
    return None


_FIND_WORDS = ("định", "trước", "chậm", "hạn", "trong")     # every match of _FIND_RE begins with one


def find_deadlines(text: str) -> Iterator[re.Match[str]]:
    """Dated phrases inside a sentence: 'trước ngày 15/11/2025', 'trong quý I/2025', 'Định kỳ trước ngày ...'."""
    yield from rx.finditer_words(_FIND_RE, text, _FIND_WORDS)
