"""A build problem: which file, which field, what is wrong, and whether it stops the build."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from rich.logging import RichHandler


@dataclass(frozen=True, order=True)
class Problem:
    source: str  # the content file (or output page) the problem is about
    field: str  # metadata field or aspect ("Title", "Date", "link", "listing", ...)
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.field}: {self.message}"


class BuildFailed(SystemExit):
    """Ends the build with exit code 1 once every problem has been logged.

    A SystemExit, so that Pelican's command line exits without printing a traceback over the
    list of problems the editor needs to read.
    """

    def __init__(self, problems: list[Problem]):
        super().__init__(1)
        self.problems = sorted(problems)


# Failures Pelican logs only as warnings although part of the site is lost (a theme file that could
# not be copied, e.g. on a full disk).
FAILURES_LOGGED_AS_WARNINGS = ("A problem occurred copying file",)


class ErrorCollector(logging.Handler):
    """Keeps every error logged during the build (by Pelican or a plugin) instead of stopping at the first."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.getMessage().startswith(FAILURES_LOGGED_AS_WARNINGS):
            self.records.append(record)


def log_plain_lines_off_terminal() -> None:
    """Off a terminal (CI logs, pipes), log one unwrapped `LEVEL: message` line per record.

    Pelican logs through rich, which wraps messages at 80 columns when it is not writing to a
    terminal, splitting the file paths an editor or a CI log search needs whole.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RichHandler) and not handler.console.is_terminal:
            plain = logging.StreamHandler(handler.console.file)
            plain.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
            plain.setLevel(handler.level)
            for log_filter in handler.filters:
                plain.addFilter(log_filter)
            root.removeHandler(handler)
            root.addHandler(plain)
