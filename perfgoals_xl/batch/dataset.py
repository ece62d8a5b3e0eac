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
import pickle
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
    """Is pyarrow installed (``pip install perfgoals-xl[parquet]``)? Asked without importing it:
    pyarrow is ~50 MiB once loaded, and a run loads it only when it encodes a file's rows (after
    the largest phases of a file: read and check)."""
    import importlib.util

    try:
        return importlib.util.find_spec("pyarrow") is not None
    except (ImportError, ValueError):
        return False


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


#: Rows per Arrow record batch (and per step of the encoding): a file's rows are taken from the
#: model this many at a time, so its columns are never all in memory at once.
ARROW_BATCH_ROWS = 4_096


#: Rows of a Parquet row group at most when the parts are merged (the files' rows are read a
#: record batch at a time and gathered into groups across files).
PARQUET_GROUP_ROWS = 65_536
#: Bytes of Arrow data gathered for one row group at most: the writer holds a group's encoded
#: column chunks until the group is written (about 4–5 × these bytes at its peak, measured), and
#: the footer keeps ~4 KiB of metadata a group until the file closes (so groups are not tiny either).
PARQUET_GROUP_BYTES = 2 << 20

#: Bytes of a column's text for the fingerprint kept in memory before it goes to a temporary file.
_HASH_SPOOL_BYTES = 1 << 18
#: Bytes of pickled batches waiting for their Arrow encoding (PartWriter's ``later``) kept in memory.
_LATER_SPOOL_BYTES = 1 << 22


class PartWriter:
    """One file's rows of one dataset with columns ``keys``, encoded a batch of rows at a time:
    CSV text (no header) and, with pyarrow, an Arrow IPC stream of the dataset's schema in
    record batches of at most ARROW_BATCH_ROWS rows.

    Runs in the worker process, so the parent only appends bytes. ``to`` (a path without suffix):
    written to ``to.csv`` and ``to.arrow`` as they are encoded (:class:`PartFiles`); else in
    memory (:class:`Chunk`: a worker on a Dask cluster). ``later``: the Arrow stream is encoded
    only by :meth:`close` — its batches wait pickled in a spool (memory, then a temporary file) —
    so that a caller can drop the model first and load pyarrow (~50 MiB) after."""

    def __init__(self, keys: list[str], *, parquet: bool, vocabulary: Any = None, to: str | None = None,
                 later: bool = False) -> None:
        import tempfile

        self.keys, self.rows, self._to = keys, 0, to
        self._later = (tempfile.SpooledTemporaryFile(max_size=_LATER_SPOOL_BYTES)  # noqa: SIM115 - closed by close()
                       if later and parquet else None)
        self._vocabulary = vocabulary
        self._parquet = parquet
        if to is None:
            self._csv: Any = io.StringIO()
        else:
            self._csv = open(f"{to}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
        self._writer = csv.writer(self._csv)
        self._schema: Any = None
        self._sink: Any = None
        self._arrow: Any = None

    def write(self, columns: dict[str, list[Any]], n: int, csv_columns: dict[str, list[Any]] | None = None) -> None:
        """Append ``n`` rows given column by column (a missing column is blank); ``csv_columns``
        gives the CSV other values of some columns (the Parquet file keeps ``columns``)."""
        if not n:
            return
        blank = [None] * n
        keys = self.keys
        ordered = [columns.get(k, blank) for k in keys]
        # None is written as an empty cell. The values are written as they are, as in the Parquet
        # file: this is the analysts' dataset for pandas, not a CSV for Excel (docs/csv.md — the
        # per-file .data.csv / .issues.csv people open in Excel carry the formula guard).
        # ``vocabulary`` (sinks/csv_vocabulary.py) gives the CSV the values of its header language
        # (是/否, 提示 with Chinese headers); the Parquet file keeps them typed (True, "info").
        shown = ordered if csv_columns is None else [csv_columns.get(k, columns.get(k, blank)) for k in keys]
        rows: Iterable[Any] = zip(*shown, strict=True)
        if self._vocabulary is not None:  # row by row: no translated copy of every column at once
            cell = self._vocabulary.cell
            rows = ([cell(k, v) for k, v in zip(keys, row, strict=True)] for row in rows)
        self._writer.writerows(rows)
        self.rows += n
        if self._later is not None:
            pickle.dump(ordered, self._later, protocol=pickle.HIGHEST_PROTOCOL)
        elif self._parquet:
            self._write_batches(ordered, n)

    def _write_batches(self, ordered: list[list[Any]], n: int) -> None:
        import pyarrow as pa

        if self._arrow is None:
            self._schema = _schema(self.keys)
            self._sink = pa.BufferOutputStream() if self._to is None else pa.OSFile(f"{self._to}.arrow", "wb")
            self._arrow = pa.ipc.new_stream(self._sink, self._schema)
        for start in range(0, n, ARROW_BATCH_ROWS):
            part = [values[start:start + ARROW_BATCH_ROWS] for values in ordered]
            self._arrow.write_batch(pa.RecordBatch.from_arrays(_arrays(self._schema, part), schema=self._schema))

    def close(self) -> Chunk | PartFiles:
        """Finish the part: the files written (or the bytes, in memory)."""
        if self._later is not None:  # the batches spooled by write, encoded now
            later, self._later = self._later, None
            with later:
                end = later.tell()
                later.seek(0)
                while later.tell() < end:
                    ordered = pickle.load(later)
                    self._write_batches(ordered, len(ordered[0]) if ordered else 0)
                    del ordered
        arrow: Any = None
        if self._arrow is not None:
            self._arrow.close()
            if self._to is None:
                arrow = self._sink.getvalue().to_pybytes()
            else:
                self._sink.close()
                arrow = f"{self._to}.arrow"
            self._sink = self._arrow = None
            release_arrow_memory()
        if self._to is None:
            return Chunk(self._csv.getvalue(), arrow, self.rows)
        self._csv.close()
        return PartFiles(f"{self._to}.csv", arrow, self.rows)

    def abandon(self) -> None:
        """Close what is open after a failure (the caller removes the files)."""
        if self._later is not None:
            self._later.close()
        with contextlib.suppress(Exception):
            if self._arrow is not None:
                self._arrow.close()
            if self._sink is not None and self._to is not None:
                self._sink.close()
        self._csv.close()


def release_arrow_memory() -> None:
    """Hand the memory pyarrow's pool keeps after use (mimalloc keeps freed pages) back to the
    system: a part or a merge done, the next phase of a large file starts lower."""
    import pyarrow as pa

    with contextlib.suppress(AttributeError):  # release_unused: pyarrow ≥ 9
        pa.default_memory_pool().release_unused()


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


def _batches(rows: Iterable[Any], size: int | None = None) -> Iterator[list[Any]]:
    """The items of ``rows`` in lists of ``size`` (ARROW_BATCH_ROWS; the last one shorter)."""
    size = size or ARROW_BATCH_ROWS
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _ReprHash:
    """``sha1(repr(columns))`` of a list of columns that arrive a batch of rows at a time: each
    column's text goes to a spool of its own (memory, then a temporary file when it grows), and
    the spools are hashed in column order at the end — the same bytes as the repr of the whole
    list, which is never in memory (the columns of 200,000 rows are hundreds of MB as one repr)."""

    def __init__(self, keys: list[str]) -> None:
        import tempfile

        self.keys = keys
        self._spools = [tempfile.SpooledTemporaryFile(max_size=_HASH_SPOOL_BYTES) for _ in keys]  # noqa: SIM115
        self._started = False

    def add(self, columns: dict[str, list[Any]]) -> None:
        """Append a batch of rows (at least one), given column by column (every key present)."""
        lead = ", " if self._started else ""
        for key, spool in zip(self.keys, self._spools, strict=True):
            spool.write((lead + ", ".join(map(repr, columns[key]))).encode("utf-8"))
        self._started = True

    def hexdigest(self, *tail: Any) -> str:
        """The hash of ``[column, column, …, *tail]`` as ``repr`` writes it; the spools are closed."""
        digest = hashlib.sha1()
        digest.update(b"[")
        for n, spool in enumerate(self._spools):
            digest.update(b", [" if n else b"[")
            spool.seek(0)
            while piece := spool.read(1 << 20):
                digest.update(piece)
            digest.update(b"]")
            spool.close()
        for n, item in enumerate(tail):
            digest.update(b", " if n or self._spools else b"")
            digest.update(repr(item).encode("utf-8"))
        digest.update(b"]")
        return digest.hexdigest()

    def close(self) -> None:
        """Close the spools (after a failure)."""
        for spool in self._spools:
            spool.close()


def file_chunks(file: str, table: Any, issues: Iterable[Any], *, parquet: bool | None = None,
                headers: str = "zh", place: Any = None,
                to: str | None = None) -> tuple[str, Chunk | PartFiles, Chunk | PartFiles]:
    """A converted file's part of the batch dataset: its content fingerprint, its indicators
    (with the file) and its issues (with the department), encoded (see :class:`PartWriter`);
    the CSV in the vocabulary of ``headers``, places shown by ``place`` (sinks/csv_vocabulary.py).
    ``to`` (a path prefix): the parts written to ``to.indicators.*`` and ``to.issues.*`` files
    (:class:`PartFiles`; removed again when encoding fails), else returned in memory."""
    digest, indicators = indicator_part(file, table, parquet=parquet, headers=headers, place=place, to=to)
    return digest, indicators, issue_part(file, table.department, issues, parquet=parquet, headers=headers,
                                          place=place, to=to)


def discard_parts(to: str) -> None:
    """Remove the part files written under the prefix ``to`` (see :func:`file_chunks`)."""
    for kind in ("indicators", "issues"):
        for ext in ("csv", "arrow"):
            with contextlib.suppress(OSError):
                Path(f"{to}.{kind}.{ext}").unlink()


def indicator_part(file: str, table: Any, *, parquet: bool | None = None, headers: str = "zh",
                   place: Any = None, to: str | None = None, later: bool = False) -> tuple[str, Any]:
    """The table's content fingerprint and its indicators' part of the dataset (``to`` a path
    prefix: written to ``to.indicators.*``, removed again when encoding fails), the rows taken
    from the model ARROW_BATCH_ROWS at a time. ``later``: the part is returned as an open
    :class:`PartWriter` whose ``close()`` (by the caller, once the model is gone; ``abandon()``
    and :func:`discard_parts` on a failure) encodes its Arrow stream and gives the part."""
    from perfgoals_xl.sinks.csv_vocabulary import Vocabulary
    from perfgoals_xl.sinks.longform import COLUMNS, FORM_COLUMNS, SELFEVAL_COLUMNS, iter_rows

    parquet = parquet_available() if parquet is None else parquet
    row_keys = list(dict.fromkeys((*COLUMNS, *SELFEVAL_COLUMNS, *FORM_COLUMNS)))
    # the fingerprint: the content columns in this order, then the table's kind, then the other rows
    content = _ReprHash([*(k for k in row_keys if k not in _PLACE_KEYS), "table_kind"])
    part = PartWriter(list(indicator_columns()), parquet=parquet, vocabulary=Vocabulary(headers, place),
                      to=None if to is None else f"{to}.indicators", later=later)
    others: list[dict[str, Any]] = []  # 合计 and unit rows (few), for the fingerprint

    def indicator_rows() -> Iterator[dict[str, Any]]:
        for row in iter_rows(table, amount_rows=True):
            if not row.get("project"):
                others.append(row)
            if row.get("project") or row.get("table_kind"):
                yield row

    try:
        for batch in _batches(indicator_rows()):
            n = len(batch)
            columns = {k: [row.get(k) for row in batch] for k in row_keys}
            del batch
            columns["table_kind"] = [table.kind] * n  # project / department (PerfTable.kind)
            content.add(columns)
            columns["file"] = [file] * n
            if place is not None:  # CSV and Parquet alike: paths relative to the folder given
                for key in ("source", "location"):
                    columns[key] = [v if v is None else place(v) for v in columns[key]]
            part.write(columns, n)
        digest = content.hexdigest(fingerprint(others))
        return digest, (part if later else part.close())
    except BaseException:
        content.close()
        part.abandon()
        if to is not None:
            discard_parts(to)
        raise


def issue_part(file: str, department: str, issues: Iterable[Any], *, parquet: bool | None = None,
               headers: str = "zh", place: Any = None, to: str | None = None) -> Chunk | PartFiles:
    """The issues' part of the dataset (with the file and the department), taken from ``issues``
    (any iterable: a spool of findings) ARROW_BATCH_ROWS at a time; ``to`` as indicator_part's."""
    from perfgoals_xl.sinks.csv_vocabulary import Vocabulary, issue_slug

    parquet = parquet_available() if parquet is None else parquet
    keys = list(issue_columns())
    part = PartWriter(keys, parquet=parquet, vocabulary=Vocabulary(headers, place),
                      to=None if to is None else f"{to}.issues")
    try:
        for batch in _batches(issue.to_row() for issue in issues):
            n = len(batch)
            columns = {k: [row.get(k) for row in batch] for k in keys}
            del batch
            columns["file"] = [file] * n
            columns["department"] = [department] * n
            slugs = [issue_slug(c, s, headers) for c, s in zip(columns["code"], columns["slug"], strict=True)]
            part.write(columns, n, {"slug": slugs})
        return part.close()
    except BaseException:
        part.abandon()
        if to is not None:
            discard_parts(to)
        raise


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
        #: record batches read from the files' parts, not yet written: written as one row group
        #: when they reach PARQUET_GROUP_ROWS rows or PARQUET_GROUP_BYTES (a row group per input
        #: file would keep each group's metadata in the writer until it closes: ~50 KiB a file)
        self._pending: list[Any] = []
        self._pending_rows = self._pending_bytes = 0

    def write_files(self, csv_path: Path, arrow_path: Path) -> None:
        """Append one file's encoded rows from its parts (CSV text; Arrow IPC for Parquet)."""
        if csv_path.exists():
            with open(csv_path, encoding="utf-8", newline="") as fh:
                shutil.copyfileobj(fh, self._fh)
        if self._parquet is not None and arrow_path.exists():
            import pyarrow as pa

            # a record batch at a time (read, not mapped: pages of a mapped file count as the
            # process's memory while mapped), gathered across files into row groups (see _pending)
            with pa.OSFile(str(arrow_path)) as source:
                for batch in pa.ipc.open_stream(source):
                    self._pending.append(batch)
                    self._pending_rows += batch.num_rows
                    self._pending_bytes += batch.nbytes
                    if self._pending_rows >= PARQUET_GROUP_ROWS or self._pending_bytes >= PARQUET_GROUP_BYTES:
                        self._write_group()

    def _write_group(self) -> None:
        import pyarrow as pa

        if self._pending:
            self._parquet.write_table(pa.Table.from_batches(self._pending))
        self._pending, self._pending_rows, self._pending_bytes = [], 0, 0
        release_arrow_memory()  # the group's buffers, before the next group is gathered

    def finish(self) -> None:
        """Write the rows still gathered (the last row group): called once every file is in."""
        if self._parquet is not None:
            self._write_group()


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
    seen: dict[bytes, str] = {}  # fingerprint → the stem of the first file with it
    first_paths: dict[str, str] = {}  # that file's path, for the few files that repeat one
    with contextlib.ExitStack() as stack:
        streams = [_Stream(stack, outdir, name, columns, headers=headers, parquet=parquet, force=force)
                   for name, columns in ((INDICATORS_NAME, indicator_columns()), (ISSUES_NAME, issue_columns()))]
        for stem in stems:  # an error or Ctrl-C leaves the stack: half-written files are removed
            head = state.dataset_head(stem)  # not the result's issue rows
            if head is None or head[0] or not head[1]:
                continue
            first = seen.setdefault(head[1], stem)
            if first != stem:
                if first not in first_paths:
                    earlier = state.result_of(first)
                    first_paths[first] = earlier.path if earlier is not None else first
                duplicates[stem] = first_paths[first]
                continue
            paths = state.part_paths(stem)
            for stream, (csv_path, arrow_path) in zip(streams, ((paths[0], paths[1]), (paths[2], paths[3])),
                                                      strict=True):
                stream.write_files(csv_path, arrow_path)
        for stream in streams:
            stream.finish()
        written = [path for stream in streams for path in stream.paths]
    if parquet:
        release_arrow_memory()
    return written, duplicates
