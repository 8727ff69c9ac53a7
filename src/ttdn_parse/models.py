"""The Plan model: the typed, versioned contract that every ttdn consumer reads.

Keys are documented in README.md ("The Plan JSON"). Add fields freely; rename or remove only with a
bump of SCHEMA_VERSION.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import partial
from typing import Any, Literal, Optional

from . import modelmode

if modelmode.plain:
    from ._plain import BaseModel, ConfigDict, Field, PrivateAttr
else:
    from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "1"

NodeKind = Literal["part", "section", "item", "clause", "bullet", "field", "paragraph", "table", "row"]
Severity = Literal["error", "warning", "info"]


class Model(BaseModel):
    """Base of every model. The parser builds them with `new` (its data is trusted; the tests validate what
    it builds) and `to_json` writes them, so a `ttdn parse` or `ttdn lint` process never builds pydantic's
    validators and serializers (~45 ms). A consumer's `model_validate`, `model_dump` or `model_json_schema`
    builds them on first use (defer_build). In command-line runs the base is not pydantic's at all but
    `_plain.BaseModel` (see there), chosen through `modelmode` before this module is first imported.

    List and dict fields default to `[]`/`{}` (pydantic copies them for each instance), not to
    `default_factory=list`, which makes pydantic run `inspect.signature(list)` at every construction."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    @classmethod
    def new(cls, **values: Any):
        """`model_construct` for trusted values, without its per-field checks (a plan builds hundreds of
        models; ~1 µs against ~2.5 µs each): missing fields take their defaults, a fresh list or dict for
        each instance; an unknown field, or a missing required one, is a TypeError."""
        template, factories, required = _FIELDS.get(cls) or _fields_of(cls)
        data = template.copy()         # every field, in field order (what `_data` and model_dump rely on)
        data.update(values)
        if len(data) != len(template):
            raise TypeError(f"{cls.__name__}: unknown field(s) {sorted(set(values) - set(template))}")
        for name, factory in factories:
            if name not in values:
                data[name] = factory()
        if required and not required <= values.keys():
            raise TypeError(f"{cls.__name__}: missing {sorted(required - values.keys())[0]}")
        return _trusted(cls, data, set(values))

    def replaced(self, **changes: Any):
        """`model_copy(update=changes)` (a shallow copy) for trusted values of a model without private
        attributes, ~4 times faster."""
        data = self.__dict__.copy()
        data.update(changes)
        return _trusted(type(self), data, self.__pydantic_fields_set__ | changes.keys())

    def to_data(self) -> dict[str, Any]:
        """The same as `model_dump(mode="json")`."""
        return _data(self)

    def to_json(self) -> str:
        """The same text as `model_dump_json()`."""
        return json.dumps(_data(self), ensure_ascii=False, separators=(",", ":"))


_FIELDS: dict[type, tuple] = {}
# The base model's slots, set through their descriptors (what object.__setattr__ finds, without the lookup)
_object_new = object.__new__
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[k].__set__ for k in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__",
                                             "__pydantic_private__"))


def _fields_of(cls) -> tuple:
    """(template, factories, required) of `cls`, kept per class: every field with its default (None for the
    others) in field order; (name, factory) of the fields that need a fresh value per instance; the names of
    the required fields."""
    if cls.__private_attributes__:
        raise TypeError(f"{cls.__name__} has private attributes: build it with model_construct")
    template: dict[str, Any] = {}
    factories = []
    required = set()
    for name, f in cls.model_fields.items():
        template[name] = None
        if f.default_factory is not None:
            factories.append((name, f.default_factory))
        elif f.is_required():
            required.add(name)
        elif isinstance(f.default, (list, dict, set)):   # mutable: a copy for each instance
            factories.append((name, type(f.default) if not f.default else partial(copy.deepcopy, f.default)))
        else:
            template[name] = f.default
    _FIELDS[cls] = (template, tuple(factories), frozenset(required))
    return _FIELDS[cls]


def _trusted(cls, data: dict, fields_set: set):
    """A model of `cls` holding `data` (every field, in field order), as model_construct leaves it."""
    obj = _object_new(cls)
    _set_dict(obj, data)
    _set_fields_set(obj, fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _data(value):
    if type(value) in _SCALARS:
        return value
    if isinstance(value, BaseModel):
        # a model's __dict__ holds exactly its fields, in field order (private attributes live elsewhere)
        return {name: _data(v) for name, v in value.__dict__.items()}
    if isinstance(value, list):
        return [_data(v) for v in value]
    if isinstance(value, dict):
        return {k: _data(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Span(Model):
    """Where something sits in the source.

    For text formats `start_line`/`end_line` are 1-based lines of the original file. For Word files the
    paragraph index (`para`, 1-based, body order) and, inside tables, `table`/`row`/`cell` (1-based);
    for PDF the `page`. `start_char`/`end_char` are offsets inside the start/end line when known.
    """

    start_line: int
    end_line: int
    start_char: Optional[int] = None
    end_char: Optional[int] = None
    para: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    cell: Optional[int] = None
    page: Optional[int] = None

    @classmethod
    def make(cls, start_line: int, end_line: int, start_char: Optional[int] = None, end_char: Optional[int] = None,
             para: Optional[int] = None, table: Optional[int] = None, row: Optional[int] = None,
             cell: Optional[int] = None, page: Optional[int] = None) -> Span:
        """`Span.new` with every field given (the parser makes one per node and citation: ~3 times faster)."""
        data = {"start_line": start_line, "end_line": end_line, "start_char": start_char, "end_char": end_char,
                "para": para, "table": table, "row": row, "cell": cell, "page": page}
        return _trusted(cls, data, set(data))


class Diagnostic(Model):
    """A problem met while reading or parsing; lint turns these into findings."""

    code: str                      # stable, e.g. "TTDN301"
    name: str                      # kebab-case, e.g. "numbering-gap"
    severity: Severity
    message: str                   # Vietnamese
    message_en: str
    span: Optional[Span] = None
    node: Optional[str] = None     # id of the structure node it concerns
    data: dict[str, str] = {}


class Source(Model):
    path: Optional[str] = None
    format: str                    # txt | md | docx | pdf | doc
    sha256: str


class Period(Model):
    start: Optional[int] = None
    end: Optional[int] = None


class Header(Model):
    issuer: Optional[str] = None          # as printed, wrapped lines joined
    parent_issuer: Optional[str] = None   # e.g. "TỈNH ỦY TRÀ VINH" above "BAN CHỈ ĐẠO ..."
    national_motto: bool = False          # Quốc hiệu and Tiêu ngữ present
    draft: bool = False                   # a "DỰ THẢO" stamp is printed in the header
    symbol: Optional[str] = None          # as printed after "Số"
    number: Optional[str] = None          # "678" (None for a blank draft number)
    code: Optional[str] = None            # "KH-UBND"
    place: Optional[str] = None
    date: Optional[dt.date] = None
    date_text: Optional[str] = None       # the date line as printed
    doc_type: Optional[str] = None        # "KẾ HOẠCH"
    title: Optional[str] = None
    province: Optional[str] = None
    period: Period = Field(default_factory=Period.new)
    attached_to: Optional[str] = None     # symbol of the decision the plan is issued with
    attachment_text: Optional[str] = None
    span: Optional[Span] = None


class Preamble(Model):
    text: str = ""
    span: Optional[Span] = None


class Node(Model):
    id: str                        # path of printed labels, e.g. "II.2.4.1", "IV.2.b3", "PL.2.1"
    kind: NodeKind
    label: Optional[str] = None    # as printed, e.g. "2.4.1.", "b)", "-"
    title: Optional[str] = None    # heading text (sections/items), field name (fields)
    text: str = ""                 # the node's own text (title line included), children excluded
    span: Span
    cells: Optional[list[str]] = None   # rows only
    children: list[Node] = []

    @classmethod
    def make(cls, id: str, kind: str, label: Optional[str], title: Optional[str], text: str, span: Span,
             cells: Optional[list[str]] = None) -> Node:
        """`Node.new` with every field given and no children yet (see Span.make)."""
        data = {"id": id, "kind": kind, "label": label, "title": title, "text": text, "span": span,
                "cells": cells, "children": []}
        return _trusted(cls, data, set(data))


class Deadline(Model):
    text: str
    kind: Literal["date", "month", "quarter", "half", "year", "period", "recurring", "other"] = "other"
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    recurrence: Optional[str] = None    # daily | weekly | monthly | quarterly | half-yearly | yearly | continuous


class Budget(Model):
    text: Optional[str] = None
    amount_vnd: Optional[int] = None
    source: Optional[str] = None
    span: Optional[Span] = None


class Reporting(Model):
    text: str
    deadline: Optional[Deadline] = None
    date: Optional[dt.date] = None         # the single calendar date of the deadline (None for periods, recurring)
    to: Optional[str] = None
    node: Optional[str] = None
    span: Optional[Span] = None


class Signature(Model):
    authority: Optional[str] = None       # "KT." | "TM." | "Q." | "TL." | "TUQ."
    authority_line: Optional[str] = None  # e.g. "KT. CHỦ TỊCH"
    position: Optional[str] = None
    name: Optional[str] = None
    signed_mark: bool = False             # "(Đã ký)" printed
    span: Optional[Span] = None


class Footnote(Model):
    label: str
    text: str
    span: Optional[Span] = None


class Recipient(Model):
    text: str
    span: Optional[Span] = None


class Reference(Model):
    """One citation of a document, as printed (filled by the reference extractor)."""

    text: str
    kind: Literal["normative", "administrative", "party", "named"]
    type: Optional[str] = None
    number: Optional[str] = None
    year: Optional[int] = None
    code: Optional[str] = None
    issuer_code: Optional[str] = None
    symbol: Optional[str] = None
    date: Optional[dt.date] = None
    issuer: Optional[str] = None
    subject: Optional[str] = None
    span: Optional[Span] = None
    node: Optional[str] = None
    doc_id: Optional[str] = None
    problems: list[str] = []
    date_text: Optional[str] = None    # the date as printed ("07/9/2015", "29 tháng 3 năm 2019")
    name: Optional[str] = None         # name of a document cited without symbol ("Ngân sách nhà nước")
    start: Optional[int] = None        # character offsets of the citation inside the text of its node
    end: Optional[int] = None


class Agency(Model):
    text: str                          # as printed
    canonical: Optional[str] = None    # registry name, None when unknown
    collective: bool = False           # "Các Sở, ban, ngành", "UBND các huyện, thị xã, thành phố"

    @classmethod
    def make(cls, text: str, canonical: Optional[str], collective: bool) -> Agency:
        """`Agency.new` with every field given (see Span.make): a plan names a hundred agencies or more."""
        data = {"text": text, "canonical": canonical, "collective": collective}
        return _trusted(cls, data, set(data))


class Task(Model):
    id: str
    source: Literal["fields", "inline", "assignment", "table"]
    title: str = ""
    lead: list[Agency] = []
    support: list[Agency] = []
    deadline: Optional[Deadline] = None
    node: str
    span: Optional[Span] = None


class Plan(Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    header: Header = Field(default_factory=Header.new)
    preamble: Preamble = Field(default_factory=Preamble.new)
    sections: list[Node] = []
    closing: Optional[Preamble] = None    # "Trên đây là ..." paragraph(s)
    budget: Budget = Field(default_factory=Budget.new)
    reporting: list[Reporting] = []
    recipients: list[Recipient] = []
    signature: Signature = Field(default_factory=Signature.new)
    footnotes: list[Footnote] = []
    legal_bases: list[Reference] = []
    references: list[Reference] = []
    tasks: list[Task] = []
    diagnostics: list[Diagnostic] = []

    # node id -> TextMap (offsets in the node's text -> source positions); not serialised
    _maps: dict = PrivateAttr(default_factory=dict)

    def locate(self, node_id: str, start: int, end: int) -> Optional[Span]:
        """Span of characters start:end of the text of `node_id` (a body node id, "preamble", "closing",
        "header" for the attachment line, "title", or "fn:<label>"). None when the id is unknown."""
        m = self._text_maps().get(node_id)
        return m.locate(start, end) if m is not None else None

    def text_of(self, node_id: str) -> Optional[str]:
        """The text that `locate` offsets refer to (for rows: cells joined by tabs)."""
        m = self._text_maps().get(node_id)
        return m.text if m is not None else None

    def _set_text_maps(self, maps: dict) -> None:
        self.__pydantic_private__["_maps"] = maps

    def _text_maps(self) -> dict:
        # `self._maps` goes through pydantic's __getattr__, which raises and catches an AttributeError inside
        # (a sixth of the reference extractor's time); the private values' dict is a slot
        private = self.__pydantic_private__
        return private.get("_maps", {}) if private else {}

    def walk(self):
        """Every node of the body tree, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def node(self, node_id: str) -> Optional[Node]:
        return next((n for n in self.walk() if n.id == node_id), None)
