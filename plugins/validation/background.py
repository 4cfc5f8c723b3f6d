"""Run a check in a forked process while the build goes on, and take its answer later.

The output checks read the written site (tens of thousands of files at archive size) while
publishing works out what to swap, which lists as many folders: on two cores the two overlap.
(plugins/translation_status reads its report the same way while Pelican reads the stories.)
The forked process shares the build's memory (nothing is copied but the pages it writes to) and
sends back only its answer.
"""

from __future__ import annotations

import gc
import multiprocessing
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start work() in a forked process; the returned function waits for its result and returns it
    (or raises a RuntimeError with the traceback that stopped it)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    # the child's collector leaves the build's objects alone (no copy-on-write of them); objects
    # frozen before (plugins/long_lived freezes the finished build's) stay frozen
    frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        process = context.Process(target=_run, args=(work, sender), daemon=True)
        process.start()
    finally:
        if not frozen:
            gc.unfreeze()
        sender.close()

    def result() -> T:
        try:
            done, value = receiver.recv()
        except EOFError:
            process.join()
            raise RuntimeError(f"the check's process stopped (exit code {process.exitcode})") from None
        finally:
            receiver.close()
        process.join()
        if not done:
            raise RuntimeError(value)
        return value

    return result


def _run(work: Callable[[], object], sender) -> None:
    gc.disable()  # a short-lived process: collections would only cost time
    try:
        outcome = (True, work())
    except BaseException:  # noqa: BLE001 - sent to the build, which raises it
        outcome = (False, traceback.format_exc())
    try:
        sender.send(outcome)
    finally:
        sender.close()
