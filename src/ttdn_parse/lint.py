"""The lint engine: rule checks over the Plan + the parser's diagnostics, then selection, severities,
suppressions and the baseline.

Public API:
    lint(plan, config=None) -> list[Diagnostic]
    lint_paths(paths, config=None, jobs=1) -> list[FileReport]
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Optional, Union
from collections.abc import Callable, Iterable

from . import rx
from .lint_config import SEVERITY_RANK, LintConfig
from .models import Diagnostic, Plan
from .rules import all_rules, diagnostic
from .rules._util import norm

ConfigSource = Union[LintConfig, Callable[[str], LintConfig], None]


# ---------------------------------------------------------------------------------------------- selectors
def resolve_selectors(selectors: Iterable[str]) -> set[str]:
    """Codes named by selectors: ALL, a code (TTDN101), a code prefix (TTDN1), a name, or a group."""
    rules = all_rules()
    out: set[str] = set()
    for raw in selectors:
        sel = raw.strip()
        if not sel:
            continue
        up = sel.upper()
        if up == "ALL":
            out.update(rules)
            continue
        if up in rules:
            out.add(up)
            continue
        by_prefix = {c for c in rules if rx.fullmatch(r"TTDN\d{0,3}", up) and c.startswith(up)}
        by_name = {c for c, r in rules.items() if r.name == sel.lower() or r.group == sel.lower()}
        if not (by_prefix or by_name):
            raise ValueError(f"quy tắc không tồn tại “{sel}” (unknown rule selector '{sel}': "
                             "use a code, a code prefix, a rule name, a group or ALL)")
        out.update(by_prefix | by_name)
    return out


# ------------------------------------------------------------------------------------------ suppressions
_DIRECTIVE = rx.compile(r"ttdn:\s*(ignore-file|ignore)\s*\[([^\]]*)\]\s*(.*?)\s*(?:-->|$)", re.IGNORECASE)
_COMMENT_WRAP = rx.compile(r"<!--.*?-->|<!--.*$", re.DOTALL)


@dataclass
class Suppression:
    codes: set[str]
    nodes: Optional[set[str]] = None          # None: the whole file
    lines: Optional[tuple[int, int]] = None   # for diagnostics that name no node
    paras: set[int] = field(default_factory=set)
    reason: str = ""

    def covers(self, d: Diagnostic) -> bool:
        if d.code not in self.codes:
            return False
        if self.nodes is None:
            return True
        if d.node and any(d.node == n or d.node.startswith(n + ".") for n in self.nodes):
            return True
        if d.span is not None:
            if d.span.para is not None and d.span.para in self.paras:
                return True
            if not d.node and self.lines and self.lines[0] <= d.span.start_line <= self.lines[1]:
                return True
        return False


def _codes(spec: str) -> set[str]:
    out: set[str] = set()
    for part in rx.split(r"[\s,;]+", spec.strip()):
        if part:
            try:
                out |= resolve_selectors([part])
            except ValueError:
                continue
    return out


def _directives(text: str):
    for m in _DIRECTIVE.finditer(text or ""):
        yield m.group(1).lower(), _codes(m.group(2)), m.group(3).strip()


def _only_directive(text: str) -> bool:
    rest = _COMMENT_WRAP.sub(" ", text)
    rest = _DIRECTIVE.sub(" ", rest)
    return not rest.strip(" \t\r\n-*>#")


def _span_of(node):
    return node.span.start_line, node.span.end_line


def collect_suppressions(plan: Plan, document=None) -> list[Suppression]:
    """Inline `ttdn: ignore[CODE] reason` lines/comments and Word comments -> suppressions.

    A directive that shares its node (paragraph, bullet, field …) with other text applies to that node and
    its children; a directive on a line of its own applies to the next node. `ttdn: ignore-file[CODE]`
    applies to the whole file. In Word files a comment containing the directive applies to the
    paragraph it is anchored on.
    """
    nodes = list(plan.walk())
    out: list[Suppression] = []

    def next_node(after_line: int):
        return next((n for n in nodes if n.span.start_line > after_line and not _only_directive(n.text)), None)

    def covering(line: int):
        best = None
        for n in nodes:
            a, b = _span_of(n)
            if a <= line <= b and (best is None or (b - a) <= (best.span.end_line - best.span.start_line)):
                best = n
        return best

    first_line = nodes[0].span.start_line if nodes else 10**9
    head_range = (1, first_line - 1)

    def add(kind: str, codes: set[str], reason: str, targets, in_head: bool, paras=()):
        if not codes:
            return
        if kind == "ignore-file":
            out.append(Suppression(codes=codes, nodes=None, reason=reason))
            return
        ids = {t.id for t in targets if t is not None}
        ranges = [_span_of(t) for t in targets if t is not None]
        if in_head or not ids:
            ids |= {"header", "preamble"}
            ranges.append(head_range)
        rng = (min(r[0] for r in ranges), max(r[1] for r in ranges)) if ranges else None
        out.append(Suppression(codes=codes, nodes=ids, lines=rng, paras=set(paras), reason=reason))

    if document is not None:
        for block in document.blocks:
            in_head = block.line < first_line
            for kind, codes, reason in _directives(block.text):
                target = next_node(block.line) if _only_directive(block.text) else covering(block.line)
                add(kind, codes, reason, [target], in_head)
            for comment in getattr(block, "comments", None) or []:
                for kind, codes, reason in _directives(comment):
                    target = None
                    if block.para is not None:
                        target = next((n for n in nodes if n.span.para == block.para), None)
                    if target is None:
                        target = covering(block.line)
                    add(kind, codes, reason, [target], in_head and target is None,
                        paras=[block.para] if block.para is not None else [])
    else:
        for i, n in enumerate(nodes):
            for kind, codes, reason in _directives(n.text):
                target = n
                if _only_directive(n.text):
                    target = next((m for m in nodes[i + 1:] if not _only_directive(m.text)), None)
                add(kind, codes, reason, [target], False)
        for part in (plan.preamble, plan.closing):
            if part is None:
                continue
            for kind, codes, reason in _directives(part.text):
                add(kind, codes, reason, [nodes[0]] if part is plan.preamble and nodes else [], True)
    return out


# ------------------------------------------------------------------------------------------------ engine
def effective_severity(d: Diagnostic, config: LintConfig) -> str:
    rules = all_rules()
    sev = d.severity
    rule = rules.get(d.code)
    if config.draft and rule is not None and rule.draft_severity:
        sev = rule.draft_severity
    for key, level in config.severity.items():
        if d.code in resolve_selectors([key]):
            sev = level
    return sev


def _order(d: Diagnostic):
    s = d.span
    return (s.start_line if s else 0, s.start_char or 0 if s else 0, d.code, d.node or "", d.message)


def lint(plan: Plan, config: Optional[LintConfig] = None, *, path: Optional[str] = None,
         document=None) -> list[Diagnostic]:
    """Findings for one plan: rule checks + plan.diagnostics, filtered by the config and suppressions."""
    cfg = config or LintConfig()
    rules = all_rules()
    selected = resolve_selectors(cfg.select) - resolve_selectors(cfg.ignores_for(path or plan.source.path))
    found: list[Diagnostic] = list(plan.diagnostics)
    for code in sorted(rules):
        rule = rules[code]
        if rule.check is None or code not in selected:
            continue
        try:
            for f in rule.check(plan):
                found.append(rule.diagnostic(span=f.span, node=f.node, **f.data))
        except Exception as exc:  # noqa: BLE001 - a broken rule is reported, never silently dropped
            found.append(diagnostic("TTDN000", reason=f"quy tắc {code} lỗi nội bộ ({type(exc).__name__}: {exc})"))
    suppressions = collect_suppressions(plan, document)
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for d in found:
        if d.code != "TTDN000" and d.code in rules and d.code not in selected:
            continue
        if d.code != "TTDN000" and any(s.covers(d) for s in suppressions):
            continue
        sev = effective_severity(d, cfg)
        if sev != d.severity:
            d = d.model_copy(update={"severity": sev})
        key = (d.code, d.node, d.message, d.span.start_line if d.span else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(d)
    out.sort(key=_order)
    return out


# ------------------------------------------------------------------------------------------ fingerprints
def _node_text(plan: Optional[Plan], node_id: Optional[str]) -> str:
    if plan is None or not node_id:
        return ""
    if node_id == "header":
        h = plan.header
        return " ".join(x or "" for x in (h.issuer, h.symbol, h.doc_type, h.title))
    if node_id == "preamble":
        return plan.preamble.text
    if node_id == "closing":
        return plan.closing.text if plan.closing else ""
    if node_id.startswith("fn:"):
        label = node_id[3:]
        return next((f.text for f in plan.footnotes if f.label == label), "")
    n = plan.node(node_id)
    return n.text if n else ""


_POSITION_KEY = rx.compile(r"(?:^|_)(?:line|lines|para|row|page|col|column|offset)(?:_|$)")


def _positional(key: str, value: str) -> bool:
    """Data that only says where something is (`other_line=287`) must not enter a fingerprint."""
    return bool(_POSITION_KEY.search(key.lower()))


def fingerprint(d: Diagnostic, path: str, plan: Optional[Plan] = None) -> str:
    """Stable identity of a finding: rule + file + node id + hash of the node's normalised text (+ its data).
    Line numbers are not part of it, so it survives text moving up or down."""
    data = "\x1f".join(f"{k}={norm(v)}" for k, v in sorted(d.data.items()) if not _positional(k, v))
    text_hash = hashlib.sha256(norm(_node_text(plan, d.node)).encode()).hexdigest()[:16]
    raw = "\x1e".join((d.code, path.replace(os.sep, "/"), d.node or "", text_hash, data))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


# ------------------------------------------------------------------------------------------------ files
@dataclass
class Record:
    diagnostic: Diagnostic
    fingerprint: str
    source: Optional[str] = None     # the source line the span starts on


@dataclass
class FileReport:
    path: str
    format: Optional[str]
    records: list[Record] = field(default_factory=list)
    fail_on: str = "warning"

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [r.diagnostic for r in self.records]


def display_path(path: str) -> str:
    if path == "-":
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") and os.path.isabs(path) else rel


def _unreadable(display: str, fmt: Optional[str], reason: str, cfg: LintConfig) -> FileReport:
    d = diagnostic("TTDN000", reason=reason)
    return FileReport(display, fmt, [Record(d, fingerprint(d, display))], cfg.fail_on)


def lint_file(path: str, config: Optional[LintConfig] = None, *, display: Optional[str] = None,
              data: Optional[bytes] = None, fmt: Optional[str] = None) -> FileReport:
    """Read, parse and lint one file (or the given bytes). Never raises for a bad input: TTDN000."""
    from .errors import TtdnError
    from .gcpause import paused_gc
    from .readers import format_of, read_bytes, read_path

    cfg = config or LintConfig()
    shown = display or display_path(path)
    with paused_gc():     # reading and parsing, as parse_file
        try:
            if fmt is None and path != "-":
                fmt = format_of(path)
            doc = read_bytes(data, fmt or "txt", path=shown) if data is not None else read_path(path)
        except TtdnError as exc:
            return _unreadable(shown, fmt, str(exc), cfg)
        except Exception as exc:  # noqa: BLE001 - e.g. a reader for the format is not available
            return _unreadable(shown, fmt, f"{type(exc).__name__}: {exc}", cfg)
        try:
            from .pipeline import parse_document

            plan = parse_document(doc)
        except Exception as exc:  # noqa: BLE001
            return _unreadable(shown, doc.format, f"lỗi bộ phân tích (parser error) {type(exc).__name__}: {exc}", cfg)
    return report_for(plan, cfg, shown, document=doc)


def report_for(plan: Plan, config: Optional[LintConfig], display: str, document=None) -> FileReport:
    cfg = config or LintConfig()
    diags = lint(plan, cfg, path=display if display != "-" else None, document=document)
    lines: dict[int, str] = {}
    if document is not None:
        wanted = {d.span.start_line for d in diags if d.span}
        for b in document.blocks:
            if b.line in wanted:    # the cells of a table row printed on one text line: the whole row
                lines[b.line] = f"{lines[b.line]} | {b.text}" if b.line in lines else b.text
    records = [Record(d, fingerprint(d, display, plan), lines.get(d.span.start_line) if d.span else None)
               for d in diags]
    return FileReport(display, plan.source.format, records, cfg.fail_on)


def _config_for(source: ConfigSource, path: str) -> LintConfig:
    if source is None:
        return LintConfig()
    if isinstance(source, LintConfig):
        return source
    return source(path)


# What a plan holds, in a few lines: a citation, sections, a task with its fields, a reporting duty,
# recipients (tested: it gives tasks, references and findings).
_WARM_UP = """ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI
Số: 1/KH-UBND
KẾ HOẠCH
Thông tin đối ngoại năm 2026
Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;
I. NHIỆM VỤ
1. Tuyên truyền về tỉnh
- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.
- Cơ quan phối hợp: Sở Ngoại vụ, UBND các huyện.
- Thời gian thực hiện: Quý II/2026.
II. TỔ CHỨC THỰC HIỆN
Các đơn vị báo cáo kết quả về Sở Ngoại vụ trước ngày 15/12/2026.
Nơi nhận:
- Bộ Ngoại giao;
- Lưu: VT.
"""


def _size(task) -> int:
    """Bytes of a lint task's input: the cost estimate for scheduling (0 when the file cannot be read)."""
    path, _cfg, _display, data, _fmt = task
    if data is not None:
        return len(data)
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _job(args):
    path, cfg, display, data, fmt = args
    return lint_file(path, cfg, display=display, data=data, fmt=fmt)


def _jobs(batch: list) -> list[FileReport]:
    return [_job(t) for t in batch]


_BATCH = 4     # files a worker takes at a time: fewer round trips to the pool, still even at the end


def lint_paths(paths: list[str], config: ConfigSource = None, jobs: int = 1, *,
               stdin: Optional[bytes] = None, stdin_filename: Optional[str] = None,
               on_result: Optional[Callable[[FileReport], None]] = None) -> list[FileReport]:
    """Lint files (directories expanded recursively, `~$` lock files skipped), in input order.

    `config` is one LintConfig for all files or a function path -> LintConfig (nearest config file);
    `jobs` > 1 lints in that many processes; `-` reads `stdin` (named `stdin_filename`). `on_result` is called
    with each report as its file is done (with `jobs` > 1 not in input order; the list returned is).
    """
    from .cli._common import expand_inputs

    files = expand_inputs(list(paths))
    tasks = []
    for p in files:
        if p == "-":
            name = stdin_filename or "-"
            fmt = None
            if stdin_filename:
                try:
                    from .readers import format_of

                    fmt = format_of(stdin_filename)
                except Exception:  # noqa: BLE001
                    fmt = "txt"
            tasks.append(("-", _config_for(config, name if name != "-" else os.getcwd()),
                          display_path(name) if name != "-" else "-", stdin or b"", fmt or "txt"))
        else:
            tasks.append((p, _config_for(config, p), display_path(p), None, None))
    jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    results: list[FileReport] = []
    if jobs > 1 and len(tasks) > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, as_completed

        rest = tasks
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        if ctx is not None:
            # A small plan linted here warms every lazy import and cache (grammar tables, agency registry, rule
            # data) once; the forked workers inherit them instead of each building its own.
            lint_file("warm-up.txt", tasks[0][1], data=_WARM_UP.encode("utf-8"), fmt="txt")
            import gc

            gc.freeze()   # keep the inherited objects out of the children's GC: fewer copy-on-write pages
        else:             # spawned workers inherit nothing: the first file is as good a use of this process
            results.append(_job(tasks[0]))
            if on_result:
                on_result(results[0])
            rest = tasks[1:]
        workers = min(jobs, len(rest))
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            # Largest files first, a few at a time: the last files to finish are then the small ones, so no
            # worker sits idle while another finishes a large plan (longest-processing-time-first), and a
            # worker asks the pool for work (and sends reports back) a quarter as often
            order = sorted(range(len(rest)), key=lambda k: -_size(rest[k]))
            batches = [order[i:i + _BATCH] for i in range(0, len(order), _BATCH)]
            futures = {pool.submit(_jobs, [rest[k] for k in batch]): batch for batch in batches}
            done: list = [None] * len(rest)
            for fut in as_completed(futures):
                for k, rep in zip(futures[fut], fut.result()):
                    done[k] = rep
                    if on_result:   # as each file is done, so that a progress bar moves with the work
                        on_result(rep)
            results.extend(done)
        if ctx is not None:
            gc.unfreeze()
    else:
        for t in tasks:
            rep = _job(t)
            results.append(rep)
            if on_result:
                on_result(rep)
    return results


# --------------------------------------------------------------------------------------------- baseline
BASELINE_VERSION = 1


def write_baseline(reports: list[FileReport], path: str) -> int:
    from .cli._common import write_atomic

    entries = [{"fingerprint": r.fingerprint, "code": r.diagnostic.code, "path": rep.path,
                "node": r.diagnostic.node, "message": r.diagnostic.message}
               for rep in reports for r in rep.records]
    write_atomic(path, json.dumps({"ttdn_baseline": BASELINE_VERSION, "findings": entries},
                                  ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def load_baseline(path: str) -> dict[str, int]:
    from .lint_config import ConfigError

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được baseline ({exc.strerror})") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: baseline không phải JSON hợp lệ (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: không phải tệp baseline của ttdn (not a ttdn baseline)")
    counts: dict[str, int] = {}
    for e in data["findings"]:
        if isinstance(e, dict) and isinstance(e.get("fingerprint"), str):
            counts[e["fingerprint"]] = counts.get(e["fingerprint"], 0) + 1
    return counts


def apply_baseline(reports: list[FileReport], baseline: dict[str, int]) -> int:
    """Drop findings accepted by the baseline (each entry accepts one finding). Returns how many."""
    left = dict(baseline)
    dropped = 0
    for rep in reports:
        kept = []
        for r in rep.records:
            if r.diagnostic.code != "TTDN000" and left.get(r.fingerprint, 0) > 0:
                left[r.fingerprint] -= 1
                dropped += 1
            else:
                kept.append(r)
        rep.records = kept
    return dropped


def failing(reports: list[FileReport], fail_on: Optional[str] = None) -> bool:
    for rep in reports:
        threshold = SEVERITY_RANK[fail_on or rep.fail_on]
        if any(SEVERITY_RANK[r.diagnostic.severity] >= threshold for r in rep.records):
            return True
    return False
