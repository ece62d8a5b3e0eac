"""Running LibreOffice so that it never outlives us.

``soffice`` is a launcher: the converting process (``soffice.bin``) is its child, so
ending the launcher alone leaves ``soffice.bin`` running as an orphan. Every
LibreOffice we start runs in a process group of its own (``start_new_session``), and
the whole group is ended — SIGTERM, then SIGKILL after a short grace — on a timeout, on
any error or interruption while we wait, when the conversion is over, and when this
process ends: at exit (``atexit``) and on SIGTERM/SIGHUP (the handler ends the groups,
removes the working folders, then lets the signal do what it did before).

:func:`office_folder` gives a private working folder (``perfgoals-doc-*``) that is
removed in all those cases too; :func:`run_office` runs one command in it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

#: Seconds a group gets to end after SIGTERM before it is killed.
TERM_GRACE_S = 3.0
#: Signals that end us and after which no LibreOffice may stay behind.
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

_lock = threading.RLock()
_groups: dict[int, subprocess.Popen[bytes]] = {}
_folders: set[Path] = set()
_previous: dict[int, Any] = {}


class OfficeTimeout(Exception):  # noqa: N818  (an outcome, not a bug)
    """LibreOffice did not finish within its time limit (its process group has been ended)."""


def run_office(cmd: Sequence[str], *, timeout: float, env: dict[str, str] | None = None) -> int:
    """Run one LibreOffice command in its own process group; return its exit code.

    On a timeout the group is ended and :class:`OfficeTimeout` raised; on any other
    exception while waiting (a batch timer, Ctrl-C) the group is ended and it propagates.
    """
    proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    with _lock:
        _groups[proc.pid] = proc
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise OfficeTimeout(f"LibreOffice ran longer than {timeout} s") from None
    finally:
        end_group(proc.pid)  # a finished launcher may leave helpers behind: end them too


def end_group(pgid: int) -> None:
    """End one process group we started: SIGTERM, a short grace, then SIGKILL; reap the leader."""
    with _lock:
        proc = _groups.pop(pgid, None)
    if not _signal_group(pgid, signal.SIGTERM):
        if proc is not None:
            with contextlib.suppress(Exception):
                proc.wait(timeout=TERM_GRACE_S)
        return
    deadline = time.monotonic() + TERM_GRACE_S
    while time.monotonic() < deadline and _group_alive(pgid, proc):
        time.sleep(0.05)
    _signal_group(pgid, signal.SIGKILL)
    if proc is not None:
        with contextlib.suppress(Exception):
            proc.wait(timeout=TERM_GRACE_S)
    deadline = time.monotonic() + TERM_GRACE_S
    while time.monotonic() < deadline and _group_alive(pgid, None):
        time.sleep(0.02)


def _signal_group(pgid: int, sig: int) -> bool:
    """Send sig to the group; False when the group is already gone."""
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _group_alive(pgid: int, proc: subprocess.Popen[bytes] | None) -> bool:
    if proc is not None and proc.poll() is None:
        return True
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


@contextlib.contextmanager
def office_folder(prefix: str = "perfgoals-doc-") -> Iterator[Path]:
    """A private working folder for LibreOffice, removed on exit, error, exit of the process and SIGTERM."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    with _lock:
        _folders.add(folder)
    installed = _install_handlers()
    try:
        yield folder
    finally:
        try:  # run_office has ended its group already, whatever happened
            shutil.rmtree(folder, ignore_errors=True)
            with _lock:
                _folders.discard(folder)
        finally:
            if installed:
                _restore_handlers()


def end_all() -> None:
    """End every LibreOffice group we started and remove every working folder (exit, signals)."""
    with _lock:
        groups = list(_groups)
        folders = list(_folders)
    for pgid in groups:
        with contextlib.suppress(Exception):
            end_group(pgid)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        with _lock:
            _folders.discard(folder)


def _install_handlers() -> bool:
    """Install the signal handlers (main thread only; nested folders share them)."""
    if threading.current_thread() is not threading.main_thread():
        return False
    with _lock:
        if _previous:
            return False
        for sig in _SIGNALS:
            try:
                _previous[sig] = signal.signal(sig, _on_signal)
            except (ValueError, OSError):
                continue
    return True


def _restore_handlers() -> None:
    with _lock:
        for sig, handler in list(_previous.items()):
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, handler)
        _previous.clear()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    """Clean up, then let the signal have the effect it had before we installed ours."""
    previous = _previous.get(signum, signal.SIG_DFL)
    end_all()
    _restore_handlers()
    if callable(previous):
        previous(signum, frame)
    elif previous != signal.SIG_IGN:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


atexit.register(end_all)
