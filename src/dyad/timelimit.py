"""A per-item time limit, so that no input can hang a run.

`time_limit(seconds)` arms SIGALRM: when it rings, `ItemTimeout` is raised in whatever Python code
is running, the pipeline records it as that item's error, and the run goes on. Signals reach only
the main thread, so elsewhere (an engine's worker threads) the limit is not enforced; and code
inside one C call (a single regex match) is interrupted only when that call returns.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class ItemTimeout(Exception):
    """An item ran past the time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum, frame):
        raise ItemTimeout(f"took longer than {seconds:g} s (DYAD_ITEM_TIME_LIMIT_S)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
