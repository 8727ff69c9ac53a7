"""Plain text and Markdown: decoding and one block per physical line."""

from __future__ import annotations


from .. import rx
from ..blocks import Block
from ..errors import ReadError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Typical pieces of UTF-8 Vietnamese read as Latin-1/cp1252 ("KẾ" -> "Káº¾", "ộ" -> "á»™", "đ" -> "Ä‘").
_MOJIBAKE = rx.compile("(?:á[º»]|Ä[‘\x91]|Æ°|Ã[¡-¿])")
_CONTROL = rx.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Bytes of a text file -> str. Raises ReadError with a one-line reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"không giải mã được theo {encoding} (BOM có, nội dung lỗi tại byte {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise ReadError("dữ liệu nhị phân, không phải văn bản (binary data, not text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"không phải UTF-8 (byte lạ tại vị trí {exc.start}); hãy lưu lại tệp dưới dạng UTF-8 "
            "(not UTF-8: save the file as UTF-8)"
        ) from None
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise ReadError("dữ liệu nhị phân, không phải văn bản (binary data, not text)")
    return _repair_mojibake(text)


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was once decoded as cp1252/Latin-1 and saved again.

    Repaired only when certain: the whole text must round-trip through the single-byte encoding back to
    valid UTF-8, and the typical mojibake pairs must be frequent. Otherwise the text is left as it is.
    """
    hits = len(_MOJIBAKE.findall(text[:20000]))
    if hits < 5:
        return text
    for single in ("cp1252", "latin-1"):
        try:
            return text.encode(single).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    raise ReadError(
        "văn bản tiếng Việt bị giải mã sai (UTF-8 đọc nhầm thành Latin-1) và không khôi phục chắc chắn được "
        "(mis-decoded Vietnamese: UTF-8 read as Latin-1)"
    )


def read_text(data: bytes) -> list[Block]:
    return split_lines(decode(data))


def split_lines(text: str) -> list[Block]:
    """One block per file line. A text exported from a PDF keeps its page breaks as form feeds: then the
    running heads and page numbers are removed as for a PDF (their lines stay, empty, so numbering holds)."""
    lines = _file_lines(text)
    if "\f" in text:
        lines = _without_page_furniture(lines)
    return [Block(text=line, line=i) for i, line in enumerate(lines, 1)]


def _without_page_furniture(lines: list[str]) -> list[str]:
    from .pdf import kept_indices, strip_running

    pages: list[list[int]] = [[]]
    cleaned: list[str] = []
    for i, line in enumerate(lines):
        parts = line.split("\f")
        if len(parts) > 1:
            pages.extend([] for _ in parts[1:])
        cleaned.append(parts[-1] if len(parts) > 1 and not parts[0].strip() else line.replace("\f", " "))
        pages[-1].append(i)
    kept = strip_running([[cleaned[i] for i in page] for page in pages])
    out = list(cleaned)
    for page, left in zip(pages, kept):
        stays = {page[k] for k in kept_indices([cleaned[i] for i in page], left)}
        for i in page:
            if i not in stays:
                out[i] = ""
    return out


def _file_lines(text: str) -> list[str]:
    # splitlines() would also break on U+2028, \x0c ... which editors show as one line; keep file lines.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
