"""Stop signals end a command as Ctrl+C does: by an exception in the main thread, so every
`finally` tidies what the command was writing.

Python's default for SIGTERM and SIGHUP is to die on the spot. A `signpost build` stopped
by `kill`, a cancelled CI job or a closed terminal left its staging folder in the project,
its temporary folders, and its PDF workers (125 MB each) waiting for work forever.

An exception that can land anywhere has two places it must not, both met here:

- **Starting a pool.** A stop raised while a pool forks its workers or starts its threads
  leaves some that the pool does not know of, and the interpreter waits for them at exit,
  forever. Code that starts one does it inside `deferred()`, which holds a stop until the
  pool is whole, then raises it.
- **Where Python cannot let an exception out** (a fork's own handlers, a `__del__`), it
  reports it to `sys.unraisablehook` and carries on. Such a stop is raised again from a
  timer a moment later. (Sending the signal again at once lands it in the hook itself.)

A signal the command was started with ignored (`nohup`, or SIGINT for a background job)
stays ignored. Signal handlers belong to the main thread; elsewhere this does nothing.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """A SIGTERM or SIGHUP, raised where the command was."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Stops:
    def __init__(self) -> None:
        self.pending: list[BaseException] = []
        self.holding = 0

    def arrived(self, signum: int, frame: object) -> None:
        stop = KeyboardInterrupt() if signum == signal.SIGINT else Stopped(signum)
        self.raise_or_hold(stop)

    def raise_or_hold(self, stop: BaseException) -> None:
        if self.holding:
            self.pending.append(stop)
        else:
            self.pending.clear()
            raise stop

    def again(self, signum: int, frame: object) -> None:
        if self.pending:
            self.raise_or_hold(self.pending.pop())

    def swallowed(self, info: Any) -> None:
        if isinstance(info.exc_value, (Stopped, KeyboardInterrupt)):
            self.pending.append(info.exc_value.with_traceback(None))
            signal.setitimer(signal.ITIMER_REAL, 0.05)
        else:
            _hook(info)


_active: _Stops | None = None
_hook = sys.unraisablehook


@contextmanager
def handled() -> Iterator[None]:
    """For the length of a command: stop signals raise `Stopped` (SIGINT, as ever,
    `KeyboardInterrupt`). The previous handlers are put back after."""
    global _active, _hook
    if threading.current_thread() is not threading.main_thread() or _active is not None:
        yield
        return
    stops = _Stops()
    handlers = {s: stops.arrived for s in SIGNALS if signal.getsignal(s) is not signal.SIG_IGN}
    handlers[signal.SIGALRM] = stops.again
    held = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}
    _active, _hook, sys.unraisablehook = stops, sys.unraisablehook, stops.swallowed
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.unraisablehook, _active = _hook, None
        for signum, handler in held.items():
            signal.signal(signum, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a stop that arrives in this block until its end, then raise it: for starting
    a pool of processes or threads, which a stop must not leave half made."""
    stops = _active
    if stops is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    stops.holding += 1
    try:
        yield
    finally:
        stops.holding -= 1
        if not stops.holding and stops.pending:
            stops.raise_or_hold(stops.pending.pop())
