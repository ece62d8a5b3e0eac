"""Guards of a batch worker: a time limit per file, a memory cap, and exit with the parent.

One file that stalls or bloats must fail alone (docs/limits.md):

- :func:`time_limit` stops the conversion of one file after ``--timeout`` seconds (a
  timer signal raises :class:`FileTimeout` in Python code; the parent also kills a
  worker stuck in native code, see runner.py);
- :func:`init_worker` caps the worker's address space (``RLIMIT_AS``, ``--memory``):
  an allocation beyond it raises MemoryError (Python) or ends the process (native
  code), and either way only that file fails;
- the worker watches its parent: when the main process is killed (even by SIGKILL,
  which it cannot catch), the worker exits instead of running on as an orphan.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator

#: Default time limit per file, in seconds.
DEFAULT_TIMEOUT = 600.0
#: Extra time the parent grants before it kills a worker stuck in native code.
HARD_GRACE = 30.0


class FileTimeout(Exception):  # noqa: N818  (a signal, not a bug)
    """The conversion of one file took longer than its time limit."""


def default_memory_mb(jobs: int) -> int:
    """A per-worker memory cap: an equal share of 80% of physical memory, at least 4 GiB."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):
        return 0
    return max(4096, int(physical * 0.8 / max(jobs, 1)) // 2**20)


def init_worker(memory_mb: int = 0) -> None:
    """Initializer of a worker process: ignore Ctrl-C (the parent stops the pool), cap memory,
    and exit when the parent process goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):  # a spawned worker: library warnings to the log, not the terminal
        from perfgoals_xl.library_logs import route_library_output

        route_library_output()
    if memory_mb > 0:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = memory_mb * 2**20
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    with contextlib.suppress(Exception):  # import now, so that a file's time limit is its own work
        import xlsxwriter  # noqa: F401

        import perfgoals_xl.report.layout  # noqa: F401
        import perfgoals_xl.rules  # noqa: F401
        import perfgoals_xl.sources.detect  # noqa: F401 - the layouts (longform, form, 自评表)
        import perfgoals_xl.sources.longform  # noqa: F401
        import perfgoals_xl.sources.published_text  # noqa: F401
        import perfgoals_xl.sources.readers  # noqa: F401
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), name="perfgoals-parent-watch", daemon=True).start()


def _watch_parent(parent: int, every: float = 0.5) -> None:
    """Exit this process as soon as its parent is gone (it was killed, or it crashed)."""
    while True:
        time.sleep(every)
        if os.getppid() != parent:
            with contextlib.suppress(Exception):  # no LibreOffice or working folder outlives us
                from perfgoals_xl.office_process import end_all

                end_all()
            os._exit(70)


def _on_alarm(signum: int, frame: object) -> None:
    raise FileTimeout


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout in this block after `seconds` (main thread, where signals exist)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
