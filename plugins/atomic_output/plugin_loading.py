"""Plugins Pelican could not load. Pelican logs a plugin it cannot import or register and builds
the site without it; with `-q` nobody sees the line. A site built without markup_policy or
validation must not be published, so the build stops instead (plugins/atomic_output is loaded
first: its handler is in place before any other plugin is imported)."""

from __future__ import annotations

import logging

MESSAGES = ("Cannot load plugin", "Cannot register plugin")


class PluginFailures(logging.Handler):
    """Pelican's log lines about plugins it left out, until the build that loaded them starts."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(MESSAGES):
            self.lines.append(" ".join(message.split()))  # Pelican puts the reason on a second line

    def taken(self) -> list[str]:
        """The failures since the last call (a process may run several builds)."""
        lines, self.lines = self.lines, []
        return lines


FAILURES = PluginFailures()
logging.getLogger("pelican").addHandler(FAILURES)  # the loader's logger and Pelican's own are below it
