"""What a `convert` run remembers in its output folder: each file's result, on disk, as it finishes.

``OUTDIR/.perfgoals-run/`` holds

* ``run.json`` — the settings the results were made with (tool version, rules configuration,
  layout, data format, CSV headers); results made with other settings are not reused;
* ``results.jsonl`` — one line per converted file, appended and flushed when the file is done:
  the input's name in the batch, the SHA-256 of its content, and its :class:`FileResult`
  (figures, issue rows for the summary, outputs) without its dataset rows;
* ``parts/`` — each file's rows of the combined dataset (CSV text and Arrow IPC), merged in
  input order at the end of the run (:mod:`perfgoals_xl.batch.dataset`). Local workers write
  them to ``incoming/`` as they encode them (the result names the files, ``PartFiles``) and the
  log moves them here; a worker on a Dask cluster hands them back as bytes (``Chunk``).

So the main process keeps only an index (name → content hash and line offset) and counters,
whatever the number of files; a re-run converts only new or changed files; a run that was
killed continues where it stopped (docs/performance.md §增量运行).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, overload

from perfgoals_xl.batch.result import FileResult, result_from_record

STATE_DIR = ".perfgoals-run"
_RESULT_FIELDS = {f.name for f in fields(FileResult)} - {"dataset_chunks"}
_CHUNK = 1 << 20
#: the results log's encoder: ``json.dumps(…, ensure_ascii=False)``, written piece by piece
_LINE = json.JSONEncoder(ensure_ascii=False)
#: A result with at most this many issue rows is encoded in one go (json's C encoder; the
#: piecewise encoder is Python's own, slower).
_ONE_SHOT_ISSUES = 5_000


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB pieces (flat memory for any size)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while piece := fh.read(_CHUNK):
            digest.update(piece)
    return digest.hexdigest()


def settings_key(*parts: Any) -> str:
    """A stable hash of the settings a result depends on (version, config, options)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class RunState:
    """The results log of one output folder (see the module docstring)."""

    def __init__(self, outdir: Path, settings: str, *, fresh: bool = False) -> None:
        """Open (or start) the log; ``fresh`` or other settings discard what was remembered."""
        self.root = outdir / STATE_DIR
        self.parts = self.root / "parts"
        #: where local workers write a file's dataset parts as they encode them (``PartFiles``),
        #: moved into ``parts/`` when the file is recorded; emptied when a run starts
        self.incoming = self.root / "incoming"
        self.settings = settings
        self._index: dict[str, tuple[str, int]] = {}  # stem → (content hash, offset in results.jsonl)
        #: stem → (failed, fingerprint as bytes) of results recorded or read in this process: what
        #: the dataset merge needs, without parsing a result's every issue row again (kept small:
        #: one entry a file of the batch)
        self._heads: dict[str, tuple[bool, bytes | None]] = {}
        #: the last large result read (offset, result): the summary walks the results about 20
        #: times, and a loop variable left bound to one result while the next walk parses it again
        #: held a large file's every issue row twice
        self._large: tuple[int, FileResult] | None = None
        #: later files of the batch whose table an earlier file already had → that file (set by the dataset merge)
        self.duplicates: dict[str, str] = {}
        run_file = self.root / "run.json"
        previous = None
        if run_file.exists():
            with contextlib.suppress(OSError, ValueError):
                previous = json.loads(run_file.read_text(encoding="utf-8")).get("settings")
        #: results of an earlier run with the same settings can be reused (else all are redone)
        self.reusable = not fresh and previous == settings
        #: an earlier run's results exist in this folder (its outputs are ours to replace)
        self.had_results = (self.root / "results.jsonl").exists() or (self.root / "started.txt").exists()
        #: the inputs whose outputs an earlier run here wrote (replaced when converted again)
        self.owned = remembered_stems(outdir) if self.had_results else set()
        if not self.reusable and self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)
        self._log_path = self.root / "results.jsonl"
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.incoming, ignore_errors=True)  # a killed run's half-written parts
            self.incoming.mkdir()
            run_file.write_text(json.dumps({"settings": settings}), encoding="utf-8")
            if self.reusable and self._log_path.exists():
                self._load_index()
            self._log = open(self._log_path, "ab")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise _write_error(exc, self.root) from None

    def _load_index(self) -> None:
        offset = 0
        with open(self._log_path, "rb") as fh:
            for line in fh:
                if line.endswith(b"\n"):  # a line cut by a kill is not a result
                    with contextlib.suppress(ValueError, KeyError):
                        head = json.loads(line)
                        self._index[head["stem"]] = (head["hash"], offset)
                        with contextlib.suppress(ValueError, KeyError, TypeError):  # else read when asked
                            self._heads[head["stem"]] = _head(result_from_record(head["result"]))
                offset += len(line)
        if offset and not _ends_with_newline(self._log_path):
            with open(self._log_path, "ab") as fh:  # the next line starts on a line of its own
                fh.write(b"\n")

    def mark_started(self, stems: list[str]) -> None:
        """Note the inputs about to be converted: a run killed while writing a file's outputs
        leaves them as this run's own, replaced when the run continues (never refused)."""
        try:
            with open(self.root / "started.txt", "a", encoding="utf-8") as fh:
                fh.write("".join(f"{stem}\n" for stem in stems))
        except OSError as exc:
            raise _write_error(exc, self.root) from None

    def remembered(self, stem: str) -> str | None:
        """The content hash a result was recorded for under this name (None: none recorded)."""
        entry = self._index.get(stem)
        return entry[0] if entry else None

    def reusable_result(self, stem: str, digest: str) -> FileResult | None:
        """The recorded result of this name and content when its outputs are all still there."""
        entry = self._index.get(stem)
        if entry is None or entry[0] != digest:
            return None
        result = self._read(entry[1])
        if result is None or not all(Path(p).exists() for p in result.outputs):
            return None
        if not result.failed and not all(p.exists() for p in self.part_paths(stem)[:1]):
            return None
        return result

    def record(self, stem: str, digest: str, result: FileResult) -> None:
        """Remember a finished file: its dataset rows to parts/, its result appended to the log.

        A file system that refuses (disk full …) is an OutputError naming the file: the lines
        already in the log stay whole (a cut last line is ignored when the log is read)."""
        try:
            self._record(stem, digest, result)
        except OSError as exc:
            raise _write_error(exc, self.root) from None

    def _record(self, stem: str, digest: str, result: FileResult) -> None:
        self._large = None
        chunks = result.dataset_chunks
        for path in self.part_paths(stem):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        if chunks is not None and not result.failed:
            from perfgoals_xl.batch.dataset import PartFiles

            for chunk, (csv_path, arrow_path) in zip(chunks, _pairs(self.part_paths(stem)), strict=True):
                if isinstance(chunk, PartFiles):  # written by the worker: moved, not copied
                    os.replace(chunk.csv, csv_path)
                    if chunk.arrow:
                        os.replace(chunk.arrow, arrow_path)
                    continue
                csv_path.write_text(chunk.csv, encoding="utf-8")
                if chunk.arrow:
                    arrow_path.write_bytes(chunk.arrow)
        payload = {name: getattr(result, name) for name in _RESULT_FIELDS}
        offset = self._log.seek(0, os.SEEK_END)
        head = {"stem": stem, "hash": digest, "result": payload}
        self._heads[stem] = _head(result)
        if len(result.issues) <= _ONE_SHOT_ISSUES:  # json's C encoder, in one go
            self._log.write((json.dumps(head, ensure_ascii=False) + "\n").encode("utf-8"))
            self._log.flush()
            self._index[stem] = (digest, offset)
            return
        # written as it is encoded (the same line as json.dumps): a file's issue rows are not one
        # string and its bytes at once; a line cut by a kill has no newline and is not a result
        pieces: list[str] = []
        size = 0
        for piece in _LINE.iterencode(head):
            pieces.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                self._log.write("".join(pieces).encode("utf-8"))
                pieces, size = [], 0
        pieces.append("\n")
        self._log.write("".join(pieces).encode("utf-8"))
        self._log.flush()
        self._index[stem] = (digest, offset)

    def part_paths(self, stem: str) -> list[Path]:
        """This file's dataset parts: indicators CSV, indicators Arrow, issues CSV, issues Arrow."""
        return [self.parts / f"{stem}.{kind}.{ext}" for kind in ("indicators", "issues") for ext in ("csv", "arrow")]

    def _read(self, offset: int, fh: Any = None) -> FileResult | None:
        """The result at this offset of the log (read through ``fh`` when open: a walk over every
        result opens the log once, not once per result)."""
        if self._large is not None and self._large[0] == offset:
            return self._large[1]
        if fh is None:
            with open(self._log_path, "rb") as own:
                return self._read(offset, own)
        fh.seek(offset)
        line = fh.readline()
        try:
            result = result_from_record(json.loads(line)["result"])
        except (ValueError, KeyError, TypeError):  # edited or cut short: converted again
            return None
        if len(result.issues) > _ONE_SHOT_ISSUES:  # parsed once for every walk (see _large)
            self._large = (offset, result)
        return result

    def results(self, stems: list[str]) -> ResultLog:
        """The results of these inputs, in this order, read from disk when iterated."""
        return ResultLog(self, stems)

    def iter_results(self, stems: list[str]) -> Iterator[FileResult]:
        """The recorded results of these inputs in this order (those not converted left out), the
        log opened once for the walk."""
        fh = None
        try:
            for stem in stems:
                entry = self._index.get(stem)
                if entry is None:
                    continue
                if fh is None:  # opened at the first recorded result (a run may have none)
                    fh = open(self._log_path, "rb")  # noqa: SIM115 - closed below, also when the walk stops early
                result = self._read(entry[1], fh)
                if result is not None:
                    result.duplicate_of = self.duplicates.get(stem)
                    yield result
        finally:
            if fh is not None:
                fh.close()

    def dataset_head(self, stem: str) -> tuple[bool, bytes | None] | None:
        """(failed, content fingerprint) of a recorded result (None: none recorded) — read from the
        log only when this process has not seen it."""
        if stem not in self._index:
            return None
        if stem not in self._heads:
            result = self.result_of(stem)
            if result is None:
                return None
            self._heads[stem] = _head(result)
        return self._heads[stem]

    def result_of(self, stem: str) -> FileResult | None:
        """The recorded result of one input (None when it was not converted)."""
        entry = self._index.get(stem)
        result = self._read(entry[1]) if entry else None
        if result is not None:
            result.duplicate_of = self.duplicates.get(stem)
        return result

    def compact(self, stems: list[str]) -> None:
        """Keep only these inputs' results (a file gone from the batch is forgotten)."""
        try:
            self._compact(stems)
        except OSError as exc:
            raise _write_error(exc, self.root) from None

    def _compact(self, stems: list[str]) -> None:
        keep = set(stems)
        self._large = None  # offsets change
        self._log.close()
        tmp = self._log_path.with_suffix(".tmp")
        index: dict[str, tuple[str, int]] = {}
        with open(tmp, "wb") as out:
            for stem in stems:
                entry = self._index.get(stem)
                if entry is None:
                    continue
                index[stem] = (entry[0], out.tell())
                with open(self._log_path, "rb") as fh:
                    fh.seek(entry[1])
                    while piece := fh.readline(_CHUNK):  # a large result's line a MiB at a time
                        out.write(piece)
                        if piece.endswith(b"\n"):
                            break
        os.replace(tmp, self._log_path)
        (self.root / "started.txt").unlink(missing_ok=True)  # every started file is in the log now
        self._index = index
        for part in self.parts.iterdir():
            if _stem_of_part(part.name) not in keep:
                with contextlib.suppress(OSError):
                    part.unlink()
        self._log = open(self._log_path, "ab")  # noqa: SIM115

    def close(self) -> None:
        """Close the log (results stay readable through :meth:`results`)."""
        self._log.close()


class ResultLog(Sequence[FileResult]):
    """A run's results in input order, read from the results log each time they are walked:
    the summary, the final lines and the dataset go through them without holding them all."""

    def __init__(self, state: RunState, stems: list[str]) -> None:
        self._state, self._stems = state, stems

    def __len__(self) -> int:
        return len(self._stems)

    @overload
    def __getitem__(self, index: int) -> FileResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...
    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        stem = self._stems[index]
        result = self._state.result_of(stem)
        if result is None:
            raise IndexError(f"no result recorded for {stem}")
        return result

    def __iter__(self) -> Iterator[FileResult]:
        return self._state.iter_results(self._stems)


def _write_error(exc: OSError, root: Path) -> Exception:
    from perfgoals_xl.errors import OutputError, os_reason

    where = exc.filename or root
    return OutputError(f"{where}：无法写入（{os_reason(exc)}），本次运行的记录未能保存"
                       "（释放空间后重新运行即可，已完成的文件不会重做）")


def _head(result: FileResult) -> tuple[bool, bytes | None]:
    fingerprint = result.fingerprint
    try:  # 20 bytes rather than 40 hex digits: the merge keeps one a file
        digest = bytes.fromhex(fingerprint) if fingerprint else None
    except ValueError:  # not hex (an edited log): kept as its text
        digest = fingerprint.encode("utf-8")
    return result.failed, digest


def _pairs(paths: list[Path]) -> list[tuple[Path, Path]]:
    return [(paths[0], paths[1]), (paths[2], paths[3])]


def _stem_of_part(name: str) -> str:
    for suffix in (".indicators.csv", ".indicators.arrow", ".issues.csv", ".issues.arrow"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        if fh.tell() == 0:
            return True
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"


def remembered_stems(outdir: Path) -> set[str]:
    """The inputs an earlier run recorded in this folder (their outputs are the run's own)."""
    stems: set[str] = set()
    log = outdir / STATE_DIR / "results.jsonl"
    with contextlib.suppress(OSError), open(log, "rb") as fh:
        for line in fh:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                stems.add(json.loads(line)["stem"])
    with contextlib.suppress(OSError), open(outdir / STATE_DIR / "started.txt", encoding="utf-8") as fh:
        stems.update(line.rstrip("\n") for line in fh if line.strip())
    return stems


def result_payload(result: FileResult) -> dict[str, Any]:
    """A result as the log stores it (for tests and tools)."""
    payload = asdict(result)
    payload.pop("dataset_chunks", None)
    return payload
