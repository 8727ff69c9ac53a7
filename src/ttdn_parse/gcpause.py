"""Python's cyclic garbage collector paused while a document is read and parsed.

Readers and the parser build many small objects and no reference cycles worth collecting mid-way: the collector
would only rescan them, and a full collection rescans every object of the process. Measured: ~15% of the parse
of a 800 KB plan (growing faster than the plan), and 7% of reading and parsing a 45 KB .docx, ten in a row,
in a process that has python-docx loaded. Memory is still freed by reference counting, and collection resumes
(if it was on) when the outermost pause ends. Pauses nest: the entry points (parse_file, lint_file) pause
around reading and parsing, and read_bytes and parse_document pause on their own for callers that use them.
"""

from __future__ import annotations

import gc


class _Collector:
    """The collector off (or on) for the length of a `with` block, then as it was."""

    __slots__ = ("_on", "_was_enabled")

    def __init__(self, on: bool) -> None:
        self._on = on

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        (gc.enable if self._on else gc.disable)()

    def __exit__(self, *exc: object) -> None:
        (gc.enable if self._was_enabled else gc.disable)()


def paused_gc() -> _Collector:
    return _Collector(on=False)


def running_gc() -> _Collector:
    """The collector on (inside a pause too) for work that does make cyclic garbage, such as pypdf's."""
    return _Collector(on=True)
