"""A one-line progress bar on a terminal (files done / total, current file); silent otherwise.

The bar is tqdm's: it measures the terminal's width and the display width of East-Asian
characters (a Chinese file name takes two cells per character) and trims the line to fit, so
the bar stays on one line however long the file name. tqdm is imported only when a bar is
actually shown (a terminal, no ``-q``), so a piped or quiet run pays nothing for it.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

#: The bar's layout: percentage, bar, count, elapsed<remaining, then the current file.
BAR_FORMAT = "{percentage:3.0f}% |{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}] {desc}"


class Progress:
    """Progress of a batch run; prints only when the stream is a terminal (or forced)."""

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._bar: Any = None

    def _tqdm(self) -> Any:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, file=self.stream, dynamic_ncols=True,
                             bar_format=BAR_FORMAT, ascii=" ▏▎▍▌▋▊▉█" if _utf8(self.stream) else True,
                             mininterval=0.1, leave=True)
        return self._bar

    def update(self, current: str, *, advance: bool = True) -> None:
        """Count one more file done (if advance) and show the current file."""
        if advance:
            self.done += 1
        if not self.enabled:
            return
        bar = self._tqdm()
        bar.set_description_str(current, refresh=not advance)
        if advance:
            bar.update(1)

    def close(self) -> None:
        """End the progress line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _utf8(stream: TextIO) -> bool:
    """Can the stream show the block characters of a smooth bar?"""
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") == "utf8"
