"""A file's findings, kept for its several outputs without all of them in memory at once.

``convert`` writes every finding of a file to its report's 问题清单, its .issues.csv, its
self-evaluation workbook, its part of the combined dataset and the summary's rows: the check runs
once, its findings go to a :class:`FindingsSpool` as they come (``rules.iter_check``), and each
output walks the spool. A few are kept as they are (a small file pays no temporary file); past
``memory_limit`` they go to an anonymous temporary file, pickled a batch at a time, and each walk
reads them back a batch at a time (a large file's 166,391 findings were about 140 MiB in memory).
The temporary file is the process's own (``tempfile.TemporaryFile``: created private, already
unlinked), written and read by this object only.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import Any, BinaryIO

#: Findings kept in memory before they go to the temporary file.
MEMORY_LIMIT = 5_000
#: Findings pickled together (a batch is one pickle: repeated texts of a batch stored once).
BATCH = 1_024


class FindingsSpool:
    """Findings in the order added; iterable any number of times (each walk from the first),
    walks may interleave. Close it (or use it as a context manager) to remove its file."""

    def __init__(self, memory_limit: int | None = None, batch: int = BATCH) -> None:
        self._limit = MEMORY_LIMIT if memory_limit is None else memory_limit
        self._batch = max(1, batch)
        self._pending: list[Any] = []  # in memory: all of them, or those not yet written
        self._file: BinaryIO | None = None
        self._count = 0

    def add(self, finding: Any) -> None:
        """Append one finding."""
        self._pending.append(finding)
        self._count += 1
        if self._file is None:
            if len(self._pending) > self._limit:
                self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
                self._flush()
        elif len(self._pending) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        assert self._file is not None
        pending, self._pending = self._pending, []
        self._file.seek(0, 2)
        for start in range(0, len(pending), self._batch):
            pickle.dump(pending[start:start + self._batch], self._file, protocol=pickle.HIGHEST_PROTOCOL)

    @property
    def on_disk(self) -> bool:
        """Did the findings pass the memory limit (and go to a temporary file)?"""
        return self._file is not None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        if self._file is None:
            yield from list(self._pending)  # a copy: adding during a walk does not extend it
            return
        if self._pending:
            self._flush()
        end, offset = self._file.seek(0, 2), 0
        while offset < end:  # each walk keeps its own place: walks may interleave
            self._file.seek(offset)
            findings = pickle.load(self._file)
            offset = self._file.tell()
            yield from findings
            del findings

    def close(self) -> None:
        """Forget the findings and remove the temporary file."""
        self._pending = []
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> FindingsSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
