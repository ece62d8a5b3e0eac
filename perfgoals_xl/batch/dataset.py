"""One combined dataset per batch: every indicator and every issue of every file, for pandas.

``convert`` writes, beside the per-file outputs, ``batch_indicators.csv`` (one row per
indicator, with its file and department) and ``batch_issues.csv`` (one row per issue,
with its department), and the same as ``.parquet`` (pyarrow is a dependency). Both are the
analysts' dataset: values as they are, no CSV formula guard (a CSV for pandas, not for Excel).
The rows are encoded (CSV text, Arrow IPC) in
the worker processes and kept as each file's parts in the run's state folder
(``batch/state.py``); at the end of the run they are merged in input order, one file at a
time, so memory stays flat however large the batch. A table met twice in a batch (the same
content under different file names) is flagged on the later file
(``FileResult.duplicate_of``) and its rows are written once.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

INDICATORS_NAME = "batch_indicators"
ISSUES_NAME = "batch_issues"

#: Columns that say where a row came from, not what the table holds (left out of the fingerprint).
_PLACE_KEYS = frozenset({"source", "location", "file"})


def indicator_columns() -> dict[str, str]:
    """Columns of the indicators dataset → Chinese header: the file, then the long format."""
    from perfgoals_xl.sinks.longform import COLUMNS, KIND_COLUMNS

    return {"file": "文件", **COLUMNS, **KIND_COLUMNS}


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
    """One file's rows of one dataset, encoded in the worker: CSV text and an Arrow IPC stream
    (carried back in memory: a worker on a Dask cluster may see no file system of ours)."""

    csv: str
    arrow: bytes | None
    rows: int


class PartFiles(NamedTuple):
    """One file's rows of one dataset, encoded by the worker straight into files beside the run's
    parts (``RunState.parts``): the run's log moves them into place (``RunState.record``)."""

    csv: str  # path of the CSV text (no header)
    arrow: str | None  # path of the Arrow IPC stream (None without pyarrow or rows)
    rows: int


#: Rows per Arrow record batch written to a part file (the whole file's columns never become
#: one Arrow table in memory).
ARROW_BATCH_ROWS = 4_096


#: Rows of a Parquet row group at most when the parts are merged (one file's rows are read a few
#: record batches at a time).
PARQUET_GROUP_ROWS = 65_536


def encode_chunk(columns: dict[str, list[Any]], keys: list[str], n: int, *, parquet: bool,
                 vocabulary: Any = None, csv_columns: dict[str, list[Any]] | None = None,
                 to: str | None = None) -> Chunk | PartFiles:
    """Encode ``n`` rows given column by column (a missing column is blank) for a dataset
    with columns ``keys``.

    Runs in the worker process, so the parent only appends bytes: CSV text (no header) and,
    with pyarrow, the rows as an Arrow table in IPC stream format with the dataset's schema.
    ``to`` (a path without suffix): written to ``to.csv`` and ``to.arrow`` as they are encoded,
    the Arrow stream in record batches of ARROW_BATCH_ROWS (:class:`PartFiles`); else in memory.
    """
    blank = [None] * n
    ordered = [columns.get(k, blank) for k in keys]
    # None is written as an empty cell. The values are written as they are, as in the Parquet
    # file: this is the analysts' dataset for pandas, not a CSV for Excel (docs/csv.md — the
    # per-file .data.csv / .issues.csv people open in Excel carry the formula guard)
    # ``vocabulary`` (sinks/csv_vocabulary.py) gives the CSV the values of its header language
    # (是/否, 提示 with Chinese headers); the Parquet file keeps them typed (True, "info").
    shown = ordered if csv_columns is None else [csv_columns.get(k, blank) for k in keys]
    rows = zip(*shown, strict=True)
    if vocabulary is not None:  # row by row: no translated copy of every column at once
        cell = vocabulary.cell
        rows = ([cell(k, v) for k, v in zip(keys, row, strict=True)] for row in rows)  # type: ignore[assignment]
    if to is not None:
        csv_path, arrow_path = f"{to}.csv", f"{to}.arrow"
        with open(csv_path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
        if not (parquet and n):
            return PartFiles(csv_path, None, n)
        import pyarrow as pa

        schema = _schema(keys)
        with pa.OSFile(arrow_path, "wb") as sink, pa.ipc.new_stream(sink, schema) as writer:
            for start in range(0, n, ARROW_BATCH_ROWS):
                part = [values[start:start + ARROW_BATCH_ROWS] for values in ordered]
                writer.write_batch(pa.RecordBatch.from_arrays(_arrays(schema, part), schema=schema))
        return PartFiles(csv_path, arrow_path, n)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    arrow = None
    if parquet and n:
        import pyarrow as pa

        schema = _schema(keys)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, schema) as writer:
            writer.write_table(pa.Table.from_arrays(_arrays(schema, ordered), schema=schema))
        arrow = sink.getvalue().to_pybytes()
    return Chunk(buffer.getvalue(), arrow, n)


def _arrays(schema: Any, ordered: list[list[Any]]) -> list[Any]:
    """Arrow arrays of the columns, each of its field's type."""
    import pyarrow as pa

    arrays = []
    for field, values in zip(schema, ordered, strict=True):
        try:  # the values already have the column's type (floats, ints, text, None)
            arrays.append(pa.array(values, type=field.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a cell of another type: convert each
            arrays.append(pa.array([_cell(v, field.name) for v in values], type=field.type))
    return arrays


def _columns(rows: Iterable[dict[str, Any]], keys: Any) -> dict[str, list[Any]]:
    """Rows (taken one by one) as columns: no list of every row's dict is kept."""
    columns: dict[str, list[Any]] = {k: [] for k in keys}
    appends = [(k, columns[k].append) for k in keys]
    for row in rows:
        get = row.get
        for k, append in appends:
            append(get(k))
    return columns


def _hash_repr(digest: Any, items: list[Any]) -> None:
    """Feed ``repr(items)`` to the hash piece by piece (the same bytes, never the whole text at
    once: a list of columns of 200,000 rows is hundreds of MB as one repr)."""
    digest.update(b"[")
    for n, item in enumerate(items):
        if n:
            digest.update(b", ")
        if type(item) is list:
            digest.update(b"[")
            for start in range(0, len(item), 4096):
                text = ", ".join(map(repr, item[start:start + 4096]))
                digest.update(((", " if start else "") + text).encode("utf-8"))
            digest.update(b"]")
        else:
            digest.update(repr(item).encode("utf-8"))
    digest.update(b"]")


def file_chunks(file: str, table: Any, issues: list[Any], *, parquet: bool | None = None,
                headers: str = "zh", place: Any = None,
                to: str | None = None) -> tuple[str, Chunk | PartFiles, Chunk | PartFiles]:
    """A converted file's part of the batch dataset: its content fingerprint, its indicators
    (with the file) and its issues (with the department), encoded (see :func:`encode_chunk`);
    the CSV in the vocabulary of ``headers``, places shown by ``place`` (sinks/csv_vocabulary.py).
    ``to`` (a path prefix): the parts written to ``to.indicators.*`` and ``to.issues.*`` files
    (:class:`PartFiles`; removed again when encoding fails), else returned in memory."""
    if to is None:
        return _file_chunks(file, table, issues, parquet=parquet, headers=headers, place=place, to=None)
    try:
        return _file_chunks(file, table, issues, parquet=parquet, headers=headers, place=place, to=to)
    except BaseException:
        discard_parts(to)
        raise


def discard_parts(to: str) -> None:
    """Remove the part files written under the prefix ``to`` (see :func:`file_chunks`)."""
    for kind in ("indicators", "issues"):
        for ext in ("csv", "arrow"):
            with contextlib.suppress(OSError):
                Path(f"{to}.{kind}.{ext}").unlink()


def _file_chunks(file: str, table: Any, issues: list[Any], *, parquet: bool | None, headers: str,
                 place: Any, to: str | None) -> tuple[str, Chunk | PartFiles, Chunk | PartFiles]:
    from perfgoals_xl.sinks.csv_vocabulary import Vocabulary, issue_slug
    from perfgoals_xl.sinks.longform import COLUMNS, FORM_COLUMNS, SELFEVAL_COLUMNS, iter_rows

    parquet = parquet_available() if parquet is None else parquet
    others: list[dict[str, Any]] = []  # 合计 and unit rows (few), for the fingerprint

    def indicator_rows() -> Iterator[dict[str, Any]]:
        for row in iter_rows(table, amount_rows=True):
            if not row.get("project"):
                others.append(row)
            if row.get("project") or row.get("table_kind"):
                yield row

    columns = _columns(indicator_rows(), (*COLUMNS, *SELFEVAL_COLUMNS, *FORM_COLUMNS))
    n_indicators = len(columns["department"])
    columns["table_kind"] = [table.kind] * n_indicators  # project / department (PerfTable.kind)
    content: list[Any] = [v for k, v in columns.items() if k not in _PLACE_KEYS]
    content.append(fingerprint(others))
    sha = hashlib.sha1()
    _hash_repr(sha, content)  # = sha1(repr(content)), without the whole repr in memory
    digest = sha.hexdigest()
    del content
    columns["file"] = [file] * n_indicators
    if place is not None:  # CSV and Parquet alike: paths relative to the folder given
        for key in ("source", "location"):
            columns[key] = [v if v is None else place(v) for v in columns[key]]
    issue_columns_ = _columns((issue.to_row() for issue in issues), issue_columns())
    issue_columns_["file"] = [file] * len(issues)
    issue_columns_["department"] = [table.department] * len(issues)
    vocabulary = Vocabulary(headers, place)
    csv_issues = dict(issue_columns_)
    csv_issues["slug"] = [issue_slug(c, s, headers) for c, s in zip(issue_columns_["code"], issue_columns_["slug"],
                                                                     strict=True)]
    indicators_chunk = encode_chunk(columns, list(indicator_columns()), n_indicators, parquet=parquet,
                                    vocabulary=vocabulary, to=None if to is None else f"{to}.indicators")
    del columns
    issues_chunk = encode_chunk(issue_columns_, list(issue_columns()), len(issues), parquet=parquet,
                                vocabulary=vocabulary, csv_columns=csv_issues,
                                to=None if to is None else f"{to}.issues")
    return digest, indicators_chunk, issues_chunk


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

    def write_files(self, csv_path: Path, arrow_path: Path) -> None:
        """Append one file's encoded rows from its parts (CSV text; Arrow IPC for Parquet)."""
        if csv_path.exists():
            with open(csv_path, encoding="utf-8", newline="") as fh:
                shutil.copyfileobj(fh, self._fh)
        if self._parquet is not None and arrow_path.exists():
            import pyarrow as pa

            # a few record batches at a time (read, not mapped: pages of a mapped file count as the
            # process's memory while mapped), written as row groups of up to PARQUET_GROUP_ROWS
            with pa.OSFile(str(arrow_path)) as source:
                batches: list[Any] = []
                rows = 0
                for batch in pa.ipc.open_stream(source):
                    batches.append(batch)
                    rows += batch.num_rows
                    if rows >= PARQUET_GROUP_ROWS:
                        self._parquet.write_table(pa.Table.from_batches(batches))
                        batches, rows = [], 0
                if batches:
                    self._parquet.write_table(pa.Table.from_batches(batches))


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


def merge_dataset(outdir: Path, state: Any, stems: list[str], *, headers: str = "zh",
                  parquet: bool | None = None, force: bool = False) -> tuple[list[Path], dict[str, str]]:
    """Write the batch's combined dataset from every file's parts (``state.part_paths``; each
    result's ``state.dataset_head``), in input order, streaming: one file's rows in memory at a
    time, whatever the batch's size.

    A table met twice (same content fingerprint) is written once; returns the files written
    and, for each later file with a table met before, the path of the first one.
    """
    parquet = parquet_available() if parquet is None else parquet
    duplicates: dict[str, str] = {}
    seen: dict[str, str] = {}  # fingerprint → the first file with it
    with contextlib.ExitStack() as stack:
        streams = [_Stream(stack, outdir, name, columns, headers=headers, parquet=parquet, force=force)
                   for name, columns in ((INDICATORS_NAME, indicator_columns()), (ISSUES_NAME, issue_columns()))]
        for stem in stems:  # an error or Ctrl-C leaves the stack: half-written files are removed
            head = state.dataset_head(stem)  # not the result's issue rows
            if head is None or head[1] or not head[2]:
                continue
            path, _, fingerprint = head
            first = seen.setdefault(fingerprint, path)
            if first != path:
                duplicates[stem] = first
                continue
            paths = state.part_paths(stem)
            for stream, (csv_path, arrow_path) in zip(streams, ((paths[0], paths[1]), (paths[2], paths[3])),
                                                      strict=True):
                stream.write_files(csv_path, arrow_path)
        written = [path for stream in streams for path in stream.paths]
    return written, duplicates
