"""Errors a user can act on. Each carries one clear line; the CLI prints it with the file name."""


class TtdnError(Exception):
    """Base class: a problem with the input, reported without a traceback."""


class ReadError(TtdnError):
    """The file cannot be read as a plan (missing, a directory, binary, undecodable, unsafe, ...)."""


class UnsupportedFormat(ReadError):
    """The file type is not one ttdn reads (or needs a tool that is not installed)."""
