"""One combined dataset per batch: every indicator and every issue of every file, for pandas.

``convert`` writes, beside the per-file outputs, ``batch_indicators.csv`` (one row per
indicator, with its file and department) and ``batch_issues.csv`` (one row per issue,
with its department), and the same as ``.parquet`` when pyarrow is installed (the
optional extra ``parquet``). Rows are written in input order as results arrive, so
memory stays flat however large the batch. A table met twice in a batch (the same
content under different file names) is flagged on the later file
(``FileResult.duplicate_of``) and its rows are written once.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.csvcells import guard

INDICATORS_NAME = "batch_indicators"
ISSUES_NAME = "batch_issues"

#: Columns that say where a row came from, not what the table holds (left out of the fingerprint).
_PLACE_KEYS = frozenset({"source", "location", "file"})


def indicator_columns() -> dict[str, str]:
    """Columns of the indicators dataset → Chinese header: the file, then the long format."""
    from perfgoals_xl.sinks.longform import COLUMNS

    return {"file": "文件", **COLUMNS}


def issue_columns() -> dict[str, str]:
    """Columns of the issues dataset → Chinese header: the issue row plus the department."""
    from perfgoals_xl.rules.issue import ISSUE_COLUMNS

    return {"file": "文件", "department": "部门名称", **{k: v for k, v in ISSUE_COLUMNS.items() if k != "file"}}


#: Parquet types of the non-text columns (everything else is a string).
_FLOAT = ("total", "fiscal", "special", "other", "period_number", "annual_number", "weight")
_INT = ("seq", "line")
_BOOL = ("suppressed",)


def fingerprint(rows: list[dict[str, Any]]) -> str:
    """A hash of a table's content (its long-format rows without file names and places)."""
    digest = hashlib.sha1()
    for row in rows:
        content = [(k, v) for k, v in row.items() if k not in _PLACE_KEYS]
        digest.update(json.dumps(content, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()


def parquet_available() -> bool:
    """Is pyarrow installed (``pip install perfgoals-xl[parquet]``)?"""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _schema(columns: list[str]) -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _FLOAT:
            return pa.float64()
        if name in _INT:
            return pa.int64()
        if name in _BOOL:
            return pa.bool_()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in columns])


class _Stream:
    """One dataset: a CSV (and a Parquet file) written row batch by row batch, atomically."""

    def __init__(self, stack: contextlib.ExitStack, outdir: Path, name: str, columns: dict[str, str],
                 *, headers: str, parquet: bool, force: bool) -> None:
        from perfgoals_xl.sinks.atomic import atomic_path
        from perfgoals_xl.sinks.longform import header_names

        self.keys = list(columns)
        self.paths = [outdir / f"{name}.csv"]
        tmp = stack.enter_context(atomic_path(self.paths[0], force=force))
        self._fh = stack.enter_context(open(tmp, "w", encoding="utf-8-sig", newline=""))  # noqa: SIM115
        self._csv = csv.DictWriter(self._fh, fieldnames=self.keys, extrasaction="ignore")
        self._csv.writerow(header_names(columns, headers))
        self._parquet = None
        if parquet:
            import pyarrow.parquet as pq

            self.paths.append(outdir / f"{name}.parquet")
            ptmp = stack.enter_context(atomic_path(self.paths[1], force=force))
            self._schema = _schema(self.keys)
            self._parquet = pq.ParquetWriter(str(ptmp), self._schema)
            stack.callback(self._parquet.close)  # closed before the file is moved into place

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Append rows (dicts keyed by the dataset's columns; missing keys are blank)."""
        if not rows:
            return
        # would-be formulas are guarded, as in every CSV for people (docs/csv.md)
        self._csv.writerows({k: ("" if v is None else guard(v)) for k, v in row.items()} for row in rows)
        if self._parquet is not None:
            import pyarrow as pa

            data = {k: [_cell(row.get(k), k) for row in rows] for k in self.keys}
            self._parquet.write_table(pa.Table.from_pydict(data, schema=self._schema))


def _cell(value: Any, key: str) -> Any:
    if value is None or value == "":
        return None
    if key in _FLOAT:
        return float(value)
    if key in _INT:
        return int(value)
    if key in _BOOL:
        return bool(value)
    return str(value)


class BatchDataset:
    """The batch's combined indicators and issues, fed one FileResult at a time (any order)."""

    def __init__(self, outdir: Path, *, headers: str = "zh", parquet: bool | None = None,
                 force: bool = False) -> None:
        """Open the datasets in ``outdir`` (Parquet too when pyarrow is there, unless told)."""
        self.parquet = parquet_available() if parquet is None else parquet
        self._stack = contextlib.ExitStack()
        self._next = 0
        self._waiting: dict[int, FileResult] = {}
        self._seen: dict[str, str] = {}  # fingerprint → the first file with it
        self.duplicates = 0
        try:
            self._indicators = _Stream(self._stack, outdir, INDICATORS_NAME, indicator_columns(),
                                       headers=headers, parquet=self.parquet, force=force)
            self._issues = _Stream(self._stack, outdir, ISSUES_NAME, issue_columns(),
                                   headers=headers, parquet=self.parquet, force=force)
        except BaseException:
            self._stack.close()
            raise

    @property
    def paths(self) -> list[Path]:
        """The files this dataset writes."""
        return [*self._indicators.paths, *self._issues.paths]

    def add(self, index: int, result: FileResult) -> None:
        """Take the result of input ``index``; rows are written once every earlier one is in."""
        self._waiting[index] = result
        while self._next in self._waiting:
            self._write(self._waiting.pop(self._next))
            self._next += 1

    def _write(self, result: FileResult) -> None:
        rows, issues = result.indicator_rows, result.issue_rows
        result.indicator_rows, result.issue_rows = [], []  # written: free the memory
        if result.failed or not result.fingerprint:
            return
        first = self._seen.setdefault(result.fingerprint, result.path)
        if first != result.path:
            result.duplicate_of = first
            self.duplicates += 1
            return
        self._indicators.write(rows)
        self._issues.write(issues)

    def close(self) -> list[Path]:
        """Finish the files and move them into place; return their paths."""
        self._stack.close()
        return self.paths

    def abort(self) -> None:
        """Remove the half-written files (after an error or Ctrl-C)."""
        with contextlib.suppress(Exception):
            self._stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
