"""SARIF 2.1.0 (OASIS): one run, the rules it reports in tool.driver.rules, partial fingerprints."""

from __future__ import annotations

import json
from urllib.parse import quote

from . import line_col, message

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:._-~")


def render_sarif(reports, lang: str = "vi", **_) -> str:
    from .. import __version__
    from ..rules import all_rules

    rules = all_rules()
    # the rules that the results refer to (the catalogue is `ttdn rules`; keeps the log small and stable)
    codes = sorted({r.diagnostic.code for rep in reports for r in rep.records if r.diagnostic.code in rules})
    index = {c: i for i, c in enumerate(codes)}
    descriptors = []
    for code in codes:
        r = rules[code]
        first = r.documentation(lang).split("\n\n", 1)[0].replace("**What it checks.** ", "").replace(
            "**Kiểm tra gì.** ", "")
        descriptors.append({
            "id": code,
            "name": r.name,
            "shortDescription": {"text": first.split(". ")[0].strip()[:300] or r.name},
            "fullDescription": {"text": first.strip()},
            "help": {"text": r.documentation(lang), "markdown": r.documentation(lang)},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"tags": [r.group]},
        })
    results = []
    artifacts: list[dict] = []
    art_index: dict[str, int] = {}
    for rep in reports:
        if rep.path not in art_index:
            art_index[rep.path] = len(artifacts)
            artifacts.append({"location": {"uri": _uri(rep.path)}})
        for rec in rep.records:
            d = rec.diagnostic
            line, col, end_line, end_col = line_col(d.span)
            region = {"startLine": line}
            if d.span is not None and d.span.start_char is not None:
                region.update(startColumn=col, endLine=end_line, endColumn=max(end_col, col))
            elif d.span is not None:
                region["endLine"] = end_line
            physical = {"artifactLocation": {"uri": _uri(rep.path), "index": art_index[rep.path]}}
            if d.span is not None:
                physical["region"] = region
            loc: dict = {"physicalLocation": physical}
            if d.node:
                loc["logicalLocations"] = [{"fullyQualifiedName": d.node, "kind": "element"}]
            result = {
                "ruleId": d.code,
                "level": _LEVEL[d.severity],
                "message": {"text": message(d, lang)},
                "locations": [loc],
                "partialFingerprints": {"ttdnFingerprint/v1": rec.fingerprint},
            }
            if d.code in index:
                result["ruleIndex"] = index[d.code]
            props = {k: v for k, v in (("para", d.span.para if d.span else None),
                                       ("table", d.span.table if d.span else None),
                                       ("row", d.span.row if d.span else None)) if v is not None}
            if props:
                result["properties"] = props
            results.append(result)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ttdn", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
