"""Ctrl-C for `newsroom`: before the batch's writes begin it stops the run at once, with nothing
written; once they have begun it is only recorded, so that a batch is never left half written."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator


class InterruptGuard:
    def __init__(self) -> None:
        self.received = False  # a Ctrl-C arrived (raised at once, or recorded while holding)
        self.holding = False

    def _on_sigint(self, signum, frame) -> None:
        self.received = True
        if not self.holding:
            self.holding = True  # one KeyboardInterrupt stops the run; more would interrupt its clean exit
            raise KeyboardInterrupt

    @contextmanager
    def installed(self, restore: bool = True) -> Iterator[InterruptGuard]:
        """SIGINT handled by this guard inside the block. With restore=False, Ctrl-C is ignored afterwards:
        the process is about to exit, and Python resets its own handlers to the default (killing the
        process) while it shuts down, but not an ignored signal."""
        try:
            previous = signal.signal(signal.SIGINT, self._on_sigint)
        except ValueError:  # not the main thread: Python's own Ctrl-C handling stays
            previous = None
        try:
            yield self
        finally:
            self.holding = True
            if previous is not None:
                signal.signal(signal.SIGINT, previous if restore else signal.SIG_IGN)

    def hold(self) -> None:
        """From now on Ctrl-C is recorded, not raised: the writes that follow all complete."""
        self.holding = True
        if self.received:  # one that a library caught and swallowed: nothing is written yet, so stop now
            raise KeyboardInterrupt
