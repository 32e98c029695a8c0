"""Typed errors raised by the library; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

import re


class MtcheckError(Exception):
    """Base class of every error mtcheck raises on purpose."""


class ConfigError(MtcheckError):
    """The configuration file or a command-line option is invalid (exit code 2)."""


class OutputError(MtcheckError):
    """A report could not be written where the user asked (exit code 2)."""


#: a UTF-16 surrogate code point: no character, and no UTF-8 text can hold it alone
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def displayable(s: str) -> str:
    """``s`` with every lone surrogate written out, so that it can be shown and encoded:
    a byte of a file name that is not UTF-8 (which Python reads as U+DC80-U+DCFF) as ``\\xNN``,
    any other as ``\\uXXXX``. Valid text is returned as it is, and backslashes are not
    escaped, so a name that spells such an escape literally (a file named ``bad\\xff.txt``)
    is shown like one that has the byte there: the one way two distinct names meet."""
    if s.isascii() or SURROGATE_RE.search(s) is None:
        return s
    return SURROGATE_RE.sub(_written_out, s)


def _written_out(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"


def printable(s: str, stand_in: str) -> str:
    """``s`` with each character that is not printable (control characters, line breaks,
    format characters) replaced by ``stand_in``, for one line of a terminal: text from an
    input must not move the cursor, forge a line or hide what follows."""
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() else stand_in for c in s)


class InputError(MtcheckError):
    """An input could not be read or decoded (exit code 2, the rest of the scan goes on)."""

    def __init__(self, path: str, problem: str) -> None:
        path = displayable(path)
        problem = displayable(problem)
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # rebuilt from both fields when it crosses a process boundary (--jobs, Dask)
        return (type(self), (self.path, self.problem))


class InputSkipped(InputError):
    """An input that is not text: a binary file, a FIFO, a socket or a device.

    Not an error: the engine records it in the run's ``skipped`` list, the command line prints a
    one-line notice and the exit code is unaffected; under ``--strict`` (``Settings.strict``) it
    is an input error like any other (exit code 2). It subclasses :class:`InputError` so that
    code which knows nothing of notices still refuses to treat the input as scanned.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.reason = reason


class UnknownRuleError(ConfigError):
    """A rule code or prefix that matches no registered rule."""
