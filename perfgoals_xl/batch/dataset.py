"""One combined dataset per batch: every indicator and every issue of every file, for pandas.

``convert`` writes, beside the per-file outputs, ``batch_indicators.csv`` (one row per
indicator, with its file and department) and ``batch_issues.csv`` (one row per issue,
with its department), and the same as ``.parquet`` when pyarrow is installed (the
optional extra ``parquet``). Rows are written in input order as results arrive, so
memory stays flat however large the batch; the rows are encoded (CSV text, Arrow IPC) in
the worker processes, the parent only appends them. A table met twice in a batch (the same
content under different file names) is flagged on the later file
(``FileResult.duplicate_of``) and its rows are written once.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
from pathlib import Path
from typing import Any, NamedTuple

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
    from perfgoals_xl.sinks.longform import COLUMNS, FORM_COLUMNS, SELFEVAL_COLUMNS

    keys = [k for k in (*COLUMNS, *SELFEVAL_COLUMNS, *FORM_COLUMNS) if k not in _PLACE_KEYS]
    return hashlib.sha1(repr([[row.get(k) for k in keys] for row in rows]).encode("utf-8")).hexdigest()


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


class Chunk(NamedTuple):
    """One file's rows of one dataset, encoded in the worker: CSV text and an Arrow IPC stream."""

    csv: str
    arrow: bytes | None
    rows: int


def encode_chunk(columns: dict[str, list[Any]], keys: list[str], n: int, *, parquet: bool) -> Chunk:
    """Encode ``n`` rows given column by column (a missing column is blank) for a dataset
    with columns ``keys``.

    Runs in the worker process, so the parent only appends bytes: CSV text (no header) and,
    with pyarrow, the rows as an Arrow table in IPC stream format with the dataset's schema.
    """
    blank = [None] * n
    ordered = [columns.get(k, blank) for k in keys]
    buffer = io.StringIO()
    # None is written as an empty cell; would-be formulas are guarded, as in every CSV for
    # people (docs/csv.md) — the Parquet file keeps the values as they are
    guarded = ([guard(v) for v in values] if any(isinstance(v, str) for v in values) else values
               for values in ordered)
    csv.writer(buffer).writerows(zip(*guarded, strict=True))
    arrow = None
    if parquet and n:
        import pyarrow as pa

        schema = _schema(keys)
        arrays = []
        for field, values in zip(schema, ordered, strict=True):
            try:  # the values already have the column's type (floats, ints, text, None)
                arrays.append(pa.array(values, type=field.type))
            except (pa.ArrowInvalid, pa.ArrowTypeError):  # a cell of another type: convert each
                arrays.append(pa.array([_cell(v, field.name) for v in values], type=field.type))
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema) as writer:
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
        arrow = sink.getvalue().to_pybytes()
    return Chunk(buffer.getvalue(), arrow, n)


def _columns(rows: list[dict[str, Any]], keys: Any) -> dict[str, list[Any]]:
    return {k: [row.get(k) for row in rows] for k in keys}


def file_chunks(file: str, table: Any, issues: list[Any], *, parquet: bool | None = None
                ) -> tuple[str, Chunk, Chunk]:
    """A converted file's part of the batch dataset: its content fingerprint, its indicators
    (with the file) and its issues (with the department), encoded (see :func:`encode_chunk`)."""
    from perfgoals_xl.sinks.longform import COLUMNS, FORM_COLUMNS, SELFEVAL_COLUMNS
    from perfgoals_xl.sinks.longform import rows as long_rows

    parquet = parquet_available() if parquet is None else parquet
    every = long_rows(table, amount_rows=True)
    indicators = [row for row in every if row.get("project")]
    columns = _columns(indicators, (*COLUMNS, *SELFEVAL_COLUMNS, *FORM_COLUMNS))
    content = [v for k, v in columns.items() if k not in _PLACE_KEYS]
    content.append(fingerprint([row for row in every if not row.get("project")]))  # 合计, unit rows
    digest = hashlib.sha1(repr(content).encode("utf-8")).hexdigest()
    columns["file"] = [file] * len(indicators)
    issue_columns_ = _columns([issue.to_row() for issue in issues], issue_columns())
    issue_columns_["file"] = [file] * len(issues)
    issue_columns_["department"] = [table.department] * len(issues)
    return (digest, encode_chunk(columns, list(indicator_columns()), len(indicators), parquet=parquet),
            encode_chunk(issue_columns_, list(issue_columns()), len(issues), parquet=parquet))


class _Stream:
    """One dataset: a CSV (and a Parquet file) written chunk by chunk, moved into place at the end."""

    def __init__(self, stack: contextlib.ExitStack, outdir: Path, name: str, columns: dict[str, str],
                 *, headers: str, parquet: bool, force: bool) -> None:
        from perfgoals_xl.sinks.atomic import atomic_path
        from perfgoals_xl.sinks.longform import header_names

        self.keys = list(columns)
        self.paths = [outdir / f"{name}.csv"]
        tmp = stack.enter_context(atomic_path(self.paths[0], force=force))
        self._fh = stack.enter_context(open(tmp, "w", encoding="utf-8-sig", newline=""))  # noqa: SIM115
        names = header_names(columns, headers)
        csv.writer(self._fh).writerow([names[k] for k in self.keys])
        self._parquet = None
        if parquet:
            import pyarrow.parquet as pq

            self.paths.append(outdir / f"{name}.parquet")
            ptmp = stack.enter_context(atomic_path(self.paths[1], force=force))
            self._parquet = pq.ParquetWriter(str(ptmp), _schema(self.keys))
            stack.callback(self._parquet.close)  # closed before the file is moved into place

    def write(self, chunk: Chunk | None) -> None:
        """Append one file's encoded rows."""
        if chunk is None or not chunk.rows:
            return
        self._fh.write(chunk.csv)
        if self._parquet is not None and chunk.arrow:
            import pyarrow as pa

            self._parquet.write_table(pa.ipc.open_stream(chunk.arrow).read_all())


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
        chunks, result.dataset_chunks = result.dataset_chunks, None  # written: free the memory
        if result.failed or not result.fingerprint or chunks is None:
            return
        first = self._seen.setdefault(result.fingerprint, result.path)
        if first != result.path:
            result.duplicate_of = first
            self.duplicates += 1
            return
        self._indicators.write(chunks[0])
        self._issues.write(chunks[1])

    def close(self) -> list[Path]:
        """Finish the files and move them into place; return their paths."""
        self._stack.close()
        return self.paths

    def abort(self) -> None:
        """Remove the half-written files (after an error or Ctrl-C)."""
        with contextlib.suppress(Exception):
            self._stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
