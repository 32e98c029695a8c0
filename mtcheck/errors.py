"""Typed errors raised by the library; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class MtcheckError(Exception):
    """Base class of every error mtcheck raises on purpose."""


class ConfigError(MtcheckError):
    """The configuration file or a command-line option is invalid (exit code 2)."""


class OutputError(MtcheckError):
    """A report could not be written where the user asked (exit code 2)."""


class InputError(MtcheckError):
    """An input could not be read or decoded (exit code 2, the rest of the scan goes on)."""

    def __init__(self, path: str, problem: str) -> None:
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
