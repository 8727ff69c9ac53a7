"""Which base the Plan models get in this process: pydantic's (the default, and always for Python API users)
or the plain one of `_plain` (command-line runs; see there). Decided once, when ttdn_parse.models is
first imported."""

from __future__ import annotations

import sys

plain = False


def prefer_plain() -> None:
    """Build the models on the plain base, unless ttdn_parse.models is already imported (then nothing changes)."""
    global plain
    if "ttdn_parse.models" not in sys.modules:
        plain = True
