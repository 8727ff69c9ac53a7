"""Document -> Plan: normalise, lex, parse with grammars/plan.lark (LALR), build the typed model, extract."""

from __future__ import annotations

import importlib
from functools import lru_cache

from .blocks import Block, Document
from .gcpause import paused_gc
from .labels import CLAUSE_LETTERS, match_field, roman_value
from .lalr import parser
from .lexer import Lexed, Tok, lex
from .models import Budget, Diagnostic, Header, Node, Plan, Preamble, Signature, Source, Span
from .normalise import STT_CELL, Line, WrapStyle, clean_line, detect_tables, unwrap, wrap_style
from .resources import load_toml
from .rules import diagnostic
from .textmap import TextMap

EXTRACTORS = ("references", "tasks")     # modules with attach(plan), run in this order when present
_LETTER_ORDER = {c: i for i, c in enumerate(CLAUSE_LETTERS)}


@lru_cache(maxsize=1)
def _position_words() -> tuple[str, ...]:
    return tuple(load_toml("structure.toml")["signature"]["position_words"])


def parse_document(doc: Document) -> Plan:
    with paused_gc():
        return _parse_document(doc)


def lex_document(doc: Document) -> tuple[list[Line], Lexed]:
    """The document's logical lines (normalised, hard wraps joined) and their tokens for the grammar."""
    blocks = doc.blocks
    if doc.format in ("txt", "md"):
        detect_tables(blocks)
    texts = [clean_line(b.text) for b in blocks]
    style = wrap_style(texts, blocks) if doc.format in ("txt", "md", "pdf") else WrapStyle()
    lines = unwrap(blocks, texts, style, join_paragraphs=doc.format != "docx")
    return lines, lex(lines, _position_words())


def _parse_document(doc: Document) -> Plan:
    lines, lexed = lex_document(doc)
    builder = _Builder(doc, doc.blocks, lines, lexed)
    plan = builder.build()
    for name in EXTRACTORS:
        try:
            importlib.import_module(f"{__package__}.{name}").attach(plan)
        except Exception as exc:  # noqa: BLE001 - the structure stands; the gap is reported, never silent
            plan.diagnostics.append(diagnostic("TTDN001", part="toàn văn bản", extractor=name,
                                               error=f"{type(exc).__name__}: {exc}"))
    plan.diagnostics.sort(key=lambda d: (d.span.start_line if d.span else 0, d.code))
    return plan


class _Builder:
    def __init__(self, doc: Document, blocks: list[Block], lines: list[Line], lexed: Lexed):
        self.doc = doc
        self.blocks = blocks
        self.lines = lines
        self.lexed = lexed
        self.tokens = lexed.tokens
        self.maps: dict[str, TextMap] = {}
        self.diagnostics: list[Diagnostic] = []
        self.ids: set[str] = set()
        self.appendices = 0
        self._widths: dict[tuple, int] | None = None

    # ------------------------------------------------------------------ helpers
    def span(self, first: int, last: int | None = None) -> Span:
        b0 = self.blocks[self.lines[first].first_block]
        b1 = self.blocks[self.lines[last if last is not None else first].last_block]
        # trusted values: construct without validation (the builder makes hundreds of these per plan)
        return Span.make(b0.line, b1.line, None, None, b0.para, b0.table, b0.row, b0.cell, b0.page)

    def textmap(self, line_indexes: list[int], sep: str = "\n") -> TextMap:
        return TextMap([self.lines[i] for i in line_indexes], self.blocks, sep)

    def unique(self, node_id: str) -> str:
        if node_id not in self.ids:
            self.ids.add(node_id)
            return node_id
        k = 2
        while f"{node_id}_{k}" in self.ids:
            k += 1
        self.ids.add(f"{node_id}_{k}")
        return f"{node_id}_{k}"

    # ------------------------------------------------------------------ build
    def build(self) -> Plan:
        # a token's value in the tree is its index in self.tokens
        tree = parser("plan.lark").parse([(t.type, k) for k, t in enumerate(self.tokens)])
        front, body, back = tree.children
        source = Source.new(path=self.doc.path, format=self.doc.format, sha256=self.doc.sha256)
        # the parts with a default factory given: pydantic's model_construct inspects each factory's signature
        plan = Plan.model_construct(source=source, header=Header.new(), preamble=Preamble.new(), budget=Budget.new(),
                                    signature=Signature.new())
        from . import frontback

        front_toks = [self.tokens[c] for c in front.children]
        frontback.fill_front(plan, self, front_toks)
        plan.sections = self.children(body.children, parent_id="", section_id="")
        for part in back.children:
            toks = [c for c in part.children if not hasattr(c, "data")]
            kind = part.data
            if kind == "appendix":
                self.appendices += 1
                app_id = "PL" if self.appendices == 1 else f"PL{self.appendices}"
                node = Node.new(id=self.unique(app_id), kind="part", label=None, title=None,
                                text="", span=self._appendix_span(part), children=[])
                node.children = self.children(part.children[1:], parent_id=app_id, section_id=app_id,
                                              appendix=True)
                plan.sections.append(node)
            else:
                frontback.fill_back(plan, self, kind, [self.tokens[t] for t in toks])
        frontback.fill_footnotes(plan, self, self.lexed.footnotes)
        frontback.derive(plan, self)
        plan.diagnostics.extend(self.diagnostics)
        plan._set_text_maps(self.maps)
        return plan

    def _appendix_span(self, tree) -> Span:
        idx = [t.line for t in self._tokens_in(tree) if t.line >= 0]
        if not idx:
            return Span.new(start_line=0, end_line=0)
        return self.span(min(idx), max(max(t.lines or [t.line]) for t in self._tokens_in(tree) if t.line >= 0))

    def _tokens_in(self, tree):
        for c in tree.children:
            if hasattr(c, "data"):
                yield from self._tokens_in(c)
            else:
                yield self.tokens[c]

    def children(self, items, parent_id: str, section_id: str, appendix: bool = False) -> list[Node]:
        nodes: list[Node] = []
        counters = {"b": 0, "p": 0, "f": 0, "t": 0, "s": 0}
        for item in items:
            if not hasattr(item, "data"):
                continue           # the parent's own token
            tok = self.tokens[item.children[0]]
            kind = "field" if tok.type in ("CFIELD", "BFIELD", "FIELD") else item.data
            node = self.node(kind, tok, parent_id, section_id, counters, appendix)
            sub_section = node.id if item.data in ("section", "part") else section_id
            # extend, not assign: a pydantic model's __setattr__ costs more than the list operation
            if item.data == "table":
                node.children.extend(self.rows(item, node.id, section_id if appendix else node.id))
            else:
                node.children.extend(self.children(item.children[1:], node.id, sub_section, appendix))
            nodes.append(node)
        if nodes:
            self.check_numbering(nodes)
        return nodes

    def node(self, kind: str, tok: Tok, parent_id: str, section_id: str, counters: dict, appendix: bool) -> Node:
        line = self.lines[tok.line]
        text = line.text
        lab = tok.label
        prefix = (parent_id + ".") if parent_id else ""
        sec_prefix = (section_id + ".") if section_id else ""
        label = lab.label if lab else None
        # a heading's title without the colon that introduces its list ("2. Sở Ngoại vụ:")
        title = lab.rest.rstrip(" :") if lab else None
        if kind == "part":
            # "PHẦN I" -> "PI" (not "I", which is a section's id); a letter part "A." keeps its letter
            node_id = prefix + (lab.key if not lab.label.upper().startswith("PHẦN") else "P" + lab.key)
            model_kind = "part"
        elif kind == "section":
            node_id = prefix + lab.key
            model_kind = "section"
        elif kind in ("item1", "item2", "item3", "item4"):
            node_id = sec_prefix + lab.key
            model_kind = "item"
        elif kind == "itemp":
            node_id = prefix + lab.key
            model_kind = "item"
        elif kind == "clause":
            node_id = prefix + lab.key
            model_kind = "clause"
        elif kind == "field":
            if lab is not None and lab.kind == "clause":
                node_id = prefix + lab.key
            elif lab is not None:
                counters["b"] += 1
                node_id = f"{prefix}b{counters['b']}"
            else:
                counters["f"] += 1
                node_id = f"{prefix}f{counters['f']}"
            f = match_field(lab.rest if lab else text)
            title = f.name if f else None
            model_kind = "field"
        elif kind == "bullet":
            counters["b"] += 1
            node_id = f"{prefix}b{counters['b']}"
            model_kind = "bullet"
            title = None
        elif kind == "sub":
            counters["s"] += 1
            node_id = f"{prefix}s{counters['s']}"
            # "- Sản xuất phim …" then "+ Cơ quan chủ trì: …": the sub-bullets are that duty's fields
            f = match_field(lab.rest) if lab else None
            model_kind = "field" if f else "bullet"
            title = f.name if f else None
        elif kind == "table":
            counters["t"] += 1
            node_id = f"{prefix}t{counters['t']}"
            model_kind = "table"
            label = title = None
            text = ""
        else:
            counters["p"] += 1
            node_id = f"{prefix}p{counters['p']}"
            model_kind = "paragraph"
        node_id = self.unique(node_id)
        if model_kind != "table":
            self.maps[node_id] = self.textmap([tok.line])
            span = self.span(tok.line)
        else:
            span = self.span(tok.lines[0], tok.lines[-1]) if tok.lines else self.span(tok.line)
        return Node.make(node_id, model_kind, label, title, text, span)

    def rows(self, tree, table_id: str, row_prefix: str) -> list[Node]:
        rows: list[Node] = []
        group = ""
        for k, child in enumerate(tree.children[1:], 1):
            tok = self.tokens[int(child)]
            # Empty cells have no logical line: place texts by their cell number, blanks in between.
            by_cell: dict[int, list[str]] = {}
            for li in tok.lines:
                by_cell.setdefault(self.lines[li].cell or 1, []).append(self.lines[li].text)
            width = max(self._row_width(tok), max(by_cell, default=0))
            cell_texts = ["\n".join(by_cell.get(c, [])) for c in range(1, width + 1)]
            stt = cell_texts[0].strip().rstrip(".") if cell_texts else ""
            key = stt if stt and STT_CELL.match(stt) else f"r{k}"
            if stt and all(c in "IVX" for c in stt):
                group = stt                   # a group row "II": its rows "1", "2" become "II.1", "II.2"
            elif group and stt.isdigit():
                key = f"{group}.{stt}"
            row_id = self.unique(f"{row_prefix}.{key}")
            self.maps[row_id] = self.textmap(tok.lines, sep="\t")
            span = self.span(tok.lines[0], tok.lines[-1]) if tok.lines else self.span(tok.line)
            rows.append(Node.make(row_id, "row", stt if key == stt else None, None, "\t".join(cell_texts), span,
                                  cell_texts))
        self._check_row_numbers(rows)
        return rows

    def _check_row_numbers(self, rows: list[Node]) -> None:
        """The STT column is numbering too: 1, 2, 3 … within each group (a group row "I", "II" restarts it)."""
        run: list[Node] = []
        for r in rows + [None]:
            label = r.label if r is not None else None
            if r is None or (label and all(c in "IVX" for c in label)):
                if len(run) >= 2:
                    self._check_numbers(run, roman=False)
                run = []
            elif label and label.isdigit():
                run.append(r)

    def _row_width(self, tok: Tok) -> int:
        """Cells in the row as the reader saw them (empty trailing cells included)."""
        if not tok.lines:
            return 0
        if self._widths is None:
            self._widths = {}
            for b in self.blocks:
                if b.table is not None:
                    key = (b.table, b.row)
                    self._widths[key] = max(self._widths.get(key, 0), b.cell or 0)
        first = self.lines[tok.lines[0]]
        return self._widths.get((first.table, first.row), 0)

    # ------------------------------------------------------------------ numbering checks
    def check_numbering(self, nodes: list[Node]) -> None:
        groups: dict[tuple, list[Node]] = {}
        for n in nodes:
            if n.kind in ("section", "part") and n.label:
                groups.setdefault((n.kind,), []).append(n)
            elif n.kind == "item" and n.label:
                depth = n.label.rstrip(".)").count(".") + 1
                groups.setdefault(("item", depth, n.label.endswith(")")), []).append(n)
            elif n.kind in ("clause", "field") and n.label and n.label[:1].isalpha() and n.label[:1].islower():
                groups.setdefault(("clause",), []).append(n)
        for key, members in groups.items():
            if key[0] == "clause":
                self._check_letters(members)
            else:
                self._check_numbers(members, roman=key[0] in ("section", "part"))

    def _value(self, node: Node, roman: bool) -> int | None:
        raw = node.label.rstrip(".-–:)").strip()
        if roman:
            raw = raw.split()[-1] if raw.split() else raw
            if raw and all(c in "IVXLC" for c in raw):
                return roman_value(raw)
            return None
        last = raw.split(".")[-1]
        return int(last) if last.isdigit() else None

    def _check_numbers(self, members: list[Node], roman: bool) -> None:
        prev_val = 0
        prev_label = None
        seen: set[int] = set()
        for n in members:
            v = self._value(n, roman)
            if v is None:
                continue
            label = n.label.rstrip(".-–:)")
            if v in seen:
                self.diagnostics.append(diagnostic("TTDN302", span=n.span, node=n.id, label=label))
            elif v < prev_val:
                self.diagnostics.append(diagnostic("TTDN303", span=n.span, node=n.id, label=label,
                                                   prev=prev_label))
            elif v > prev_val + 1:
                later = {self._value(m, roman) for m in members[members.index(n) + 1:]}
                missing = [k for k in range(prev_val + 1, v) if k not in later]
                if missing:      # numbers that come later are an order problem, reported where they appear
                    self.diagnostics.append(diagnostic("TTDN301", span=n.span, node=n.id, label=label,
                                                       prev=prev_label or "(đầu)",
                                                       expected=_fmt_num(label, missing[0], roman)))
            seen.add(v)
            if v > prev_val:
                prev_val, prev_label = v, label

    def _check_letters(self, members: list[Node]) -> None:
        order = _LETTER_ORDER
        letters = [(n, n.label[0]) for n in members if n.label[0] in order]
        seq = [order[c] for _, c in letters]
        best = -1
        best_letter = None
        for pos, (n, c) in enumerate(letters):
            v = order[c]
            if v <= best:
                kind = "TTDN302" if v == best else "TTDN304"
                if kind == "TTDN302":
                    self.diagnostics.append(diagnostic("TTDN302", span=n.span, node=n.id, label=n.label))
                else:
                    self.diagnostics.append(diagnostic("TTDN304", span=n.span, node=n.id, label=n.label,
                                                       prev=best_letter, expected=CLAUSE_LETTERS[best + 1] + ")"))
                continue
            if v > best + 1:
                missing = [i for i in range(best + 1, v) if i not in seq[pos + 1:]]
                if missing:
                    self.diagnostics.append(diagnostic(
                        "TTDN304", span=n.span, node=n.id, label=n.label,
                        prev=(best_letter or "(đầu)"), expected=CLAUSE_LETTERS[missing[0]] + ")"))
            best, best_letter = v, n.label


def _fmt_num(label: str, value: int, roman: bool) -> str:
    if roman:
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for v, s in numerals:
            while value >= v:
                out += s
                value -= v
        return out
    head = label.rsplit(".", 1)[0] + "." if "." in label else ""
    return f"{head}{value}"
