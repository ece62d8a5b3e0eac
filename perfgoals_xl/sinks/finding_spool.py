"""Findings kept on disk until their sheet is written: a check run early, its rows never all in memory.

``perfgoals score`` runs the check while it scores every project for the 自评汇总 (the check's
self-evaluation rules take those scores: each project scored once for both), long before the
问题清单 — the workbook's last sheet — is written. Each finding's flat row (``Issue.to_row()``:
text, numbers, booleans, None) goes to a temporary file as it comes (marshal; pickle for a value
marshal cannot hold) and comes back, in order, as an object with the same ``to_row()``.
"""

from __future__ import annotations

import marshal
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any


class SpooledFinding:
    """A finding read back: its row, as ``Issue.to_row()`` gave it, and its severity."""

    __slots__ = ("_row",)

    def __init__(self, row: dict[str, Any]) -> None:
        self._row = row

    def to_row(self) -> dict[str, Any]:
        """The finding's flat row (the one written)."""
        return self._row

    @property
    def severity(self) -> str:
        """错误 / 警告 / 提示 as the row's key (error, warning, info)."""
        return self._row["severity"]


class FindingSpool:
    """Findings' rows in a temporary file, read back in the order they were added."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.count = 0

    def add_all(self, issues: Iterable[Any]) -> None:
        """Add every finding (anything with ``to_row()``), in order."""
        write = self._file.write
        for issue in issues:
            row = issue.to_row()
            try:
                tag, data = b"M", marshal.dumps(row)
            except ValueError:  # a value of another type (a str subclass …)
                tag, data = b"P", pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)
            write(tag + len(data).to_bytes(4, "little") + data)
            self.count += 1

    def __iter__(self) -> Iterator[SpooledFinding]:
        """The findings, in order (each read as it is taken)."""
        fh = self._file
        fh.seek(0)
        read = fh.read
        for _ in range(self.count):
            head = read(5)
            data = read(int.from_bytes(head[1:], "little"))
            yield SpooledFinding(marshal.loads(data) if head[:1] == b"M" else pickle.loads(data))

    def close(self) -> None:
        """Remove the file."""
        self._file.close()

    def __enter__(self) -> FindingSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
