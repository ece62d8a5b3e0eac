"""Third-party warnings and log records go to a log file, never to the user's terminal.

pdfminer, pdfplumber, openpyxl and others report what they meet in English through
``logging`` (``Invalid MediaBox in /Page …``) or ``warnings``; without a handler Python
prints those on stderr, before our one Chinese line. The command line routes both to
``perfgoals-library.log`` in ``$PERFGOALS_LOG_DIR`` (else the temporary folder); the file
is created only when a record arrives. The Python API leaves logging to its caller.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

#: Name of the log file that collects library warnings.
LOG_NAME = "perfgoals-library.log"


class _LibraryLog(logging.FileHandler):
    """A file handler opened on the first record (delay), never raising into the program."""

    def emit(self, record: logging.LogRecord) -> None:
        """Write one record (the folder is made on the first); a failure is dropped silently."""
        try:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            super().emit(record)
        except Exception:  # noqa: BLE001 - a log that cannot be written must not disturb the command
            pass

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802  (logging's name)
        """A log that cannot be written is dropped silently: it must not disturb the command."""


def library_log_path() -> Path:
    """Where library warnings are written."""
    return Path(os.environ.get("PERFGOALS_LOG_DIR") or tempfile.gettempdir()) / LOG_NAME


def route_library_output() -> None:
    """Send every warning and log record of WARNING or above to the library log file (idempotent)."""
    logging.captureWarnings(True)
    root = logging.getLogger()
    if any(isinstance(handler, _LibraryLog) for handler in root.handlers):
        return
    try:
        handler: logging.Handler = _LibraryLog(library_log_path(), encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"))
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
