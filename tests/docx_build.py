"""Build small .docx packages from raw WordprocessingML for reader tests (no python-docx involved)."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = {
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "settings": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
}
_ROOT = {"styles": "styles", "numbering": "numbering", "footnotes": "footnotes", "endnotes": "endnotes",
         "comments": "comments", "settings": "settings"}


def p(text: str = "", *, num: tuple[int, int] | None = None, style: str | None = None, runs: str | None = None,
      ppr: str = "") -> str:
    """A paragraph; `ppr`: more of its w:pPr (after pStyle and numPr, as the schema orders them)."""
    if style or num or ppr:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}{ppr}</w:pPr>"
    body = runs if runs is not None else (f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else "")
    return f"<w:p>{ppr}{body}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def abstract(aid: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def docx(body: str, *, numbering: str | None = None, styles: str | None = None, footnotes: str | None = None,
         endnotes: str | None = None, comments: str | None = None, settings: str | None = None,
         compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    parts = {"numbering": numbering, "styles": styles, "footnotes": footnotes, "endnotes": endnotes,
             "comments": comments, "settings": settings}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        overrides = "".join(f'<Override PartName="/word/{k}.xml" ContentType="{_CT[k]}"/>'
                            for k, v in parts.items() if v is not None)
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   f"{overrides}</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>')
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/{k}" Target="{k}.xml"/>'
                       for i, (k, v) in enumerate(parts.items(), 10) if v is not None)
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f"{rels}</Relationships>")
        z.writestr("word/document.xml",
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
                   '<w:sectPr/></w:body></w:document>')
        for k, v in parts.items():
            if v is not None:
                z.writestr(f"word/{k}.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:{_ROOT[k]} {NS}>{v}</w:{_ROOT[k]}>')
    return buf.getvalue()
