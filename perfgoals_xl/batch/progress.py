"""A one-line progress bar on a terminal (files done / total, current file); silent otherwise."""

from __future__ import annotations

import shutil
import sys
from typing import TextIO


class Progress:
    """Progress of a batch run; prints only when the stream is a terminal (or forced)."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled

    def update(self, current: str, *, advance: bool = True) -> None:
        """Count one more file done (if advance) and show the current file."""
        if advance:
            self.done += 1
        if not self.enabled:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = 20
        filled = int(bar_width * self.done / self.total) if self.total else bar_width
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}] {self.done}/{self.total} {current}"
        self.stream.write("\r" + line[: width - 1].ljust(width - 1))
        self.stream.flush()

    def close(self) -> None:
        """End the progress line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
