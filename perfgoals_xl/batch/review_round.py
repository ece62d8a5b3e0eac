"""A review round over a folder (`convert --previous PREV_OUT`, `convert --letters`).

Each converted file is compared with its counterpart in an earlier run's output folder — matched
by department and kind of table (the file name only breaks ties: units rename files between
rounds) — and its findings sorted into fixed / new / still open. The earlier version is read
from its original file when that is still there unchanged, else from the earlier run's own
long-format data output. Per file a ``.diff.xlsx`` (修改对照, 整改情况) and, with ``--letters``, a
``.审核意见.docx``; for the run the rows of summary.xlsx's 整改情况 sheet, including the files of
the earlier round that were not resubmitted.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.batch.state import STATE_DIR, content_hash

REVIEW_SHEET = "整改情况"
DIFF_SUFFIX = ".diff.xlsx"
LETTER_SUFFIX = ".审核意见.docx"


@dataclass
class RoundRow:
    """One line of the 整改情况 sheet: a file of this round (or of the earlier one, not resubmitted)."""

    file: str
    previous: str = ""
    department: str = ""
    status: str = ""  # 已对比 / 新报送 / 未重新报送 / 失败
    fixed: int = 0
    new: int = 0
    open: int = 0
    open_errors: int = 0
    changes: str = ""
    diff: str = ""  # the .diff.xlsx written
    letter: str = ""
    pdf: str = ""  # the letter's PDF, when asked for and LibreOffice made it
    note: str = ""


@dataclass
class Earlier:
    """A file of the earlier run: its result and the file to read its table from."""

    result: FileResult
    source: Path | None


#: A line of an earlier run's log longer than this is not a result this program wrote: a result
#: line takes about 300 bytes per indicator row (60 MB for a 200,000-row sheet), so a sheet at
#: Excel's 1,048,576 rows writes about 320 MB. 64 MB skipped real results of large files.
MAX_LOG_LINE = 2**30


def earlier_results(prev_out: Path, unreadable: list[int] | None = None) -> list[FileResult]:
    """The results an earlier `convert` recorded in its output folder (the last line per file).
    Lines that are not a result as this program writes them (an edited or cut-short log) are
    skipped, their numbers added to ``unreadable``."""
    from perfgoals_xl.batch.result import result_from_record

    log = prev_out / STATE_DIR / "results.jsonl"
    by_stem: dict[str, FileResult] = {}
    hashes: dict[str, str] = {}
    with open(log, "rb") as fh:
        for number, line in enumerate(iter(lambda: fh.readline(MAX_LOG_LINE + 1), b""), start=1):
            try:
                if len(line) > MAX_LOG_LINE:
                    rest = line
                    while rest and not rest.endswith(b"\n"):  # the rest of the overlong line (its start,
                        rest = fh.readline(MAX_LOG_LINE + 1)   # kept in `line`, says it was one)
                    raise ValueError("line too long")
                entry = json.loads(line)
                if not isinstance(entry, dict) or not isinstance(entry.get("stem"), str) \
                        or not isinstance(entry.get("hash", ""), str):
                    raise ValueError("not a result entry")
                result = result_from_record(entry["result"])
            except (ValueError, KeyError, TypeError, RecursionError):
                if line.strip() and unreadable is not None:
                    unreadable.append(number)
                continue
            by_stem[entry["stem"]] = result
            hashes[entry["stem"]] = entry.get("hash", "")
    for stem, result in by_stem.items():
        result.fingerprint = hashes.get(stem) or result.fingerprint  # the input's content hash
    return list(by_stem.values())


def earlier_source(result: FileResult, prev_out: Path) -> Path | None:
    """Where to read an earlier file's table: its original when unchanged, else its data output."""
    original = Path(result.path)
    with contextlib.suppress(OSError):
        if original.is_file() and result.fingerprint and content_hash(original) == result.fingerprint:
            return original
    for output in result.outputs:
        name = Path(output).name
        if ".data." in name:
            candidate = prev_out / name
            if candidate.is_file():
                return candidate
    return None


def _key(result: FileResult) -> tuple[str, str]:
    from perfgoals_xl.review.keys import unit_key

    return unit_key(result.department), result.kind or ""


def pair_files(current: Sequence[FileResult], earlier: Sequence[FileResult]
               ) -> tuple[dict[str, FileResult], list[FileResult]]:
    """Pair this round's files with the earlier round's: same department and kind of table
    (several: the same file name first, then the most alike name); a file without a department
    by its name. Returns stem → earlier result, and the earlier files not resubmitted."""
    from perfgoals_xl.review.keys import similarity, text_key

    left = [e for e in earlier if not e.failed]
    pairs: dict[str, FileResult] = {}

    def take(res: FileResult, match: FileResult) -> None:
        pairs[res.stem] = match
        left.remove(match)

    ok = [r for r in current if not r.failed]
    for res in ok:  # the same department, kind and name
        match = next((e for e in left if _key(e) == _key(res) and e.stem == res.stem and _key(res)[0]), None)
        if match:
            take(res, match)
    for res in ok:  # the same department and kind: the only one, else the most alike name
        if res.stem in pairs or not _key(res)[0]:
            continue
        same = [e for e in left if _key(e) == _key(res)]
        if same:
            take(res, max(same, key=lambda e: similarity(text_key(e.stem), text_key(res.stem))))
    for res in ok:  # no department read: by name alone
        if res.stem in pairs:
            continue
        match = next((e for e in left if e.stem == res.stem and not _key(e)[0]), None)
        if match:
            take(res, match)
    return pairs, left


def planned_round_outputs(stem: str, outdir: Path, *, previous: bool, letters: bool,
                          pdf: bool = False) -> list[Path]:
    """The files the round adds for one input."""
    out = []
    if previous:
        out.append(outdir / f"{stem}{DIFF_SUFFIX}")
    if letters:
        out.append(outdir / f"{stem}{LETTER_SUFFIX}")
        if pdf:
            out.append((outdir / f"{stem}{LETTER_SUFFIX}").with_suffix(".pdf"))
    return out


def run_round(results: Iterable[FileResult], outdir: Path, *, config: Any, prev_out: Path | None,
              earlier: Sequence[FileResult] = (), letters: bool = False,
              layout: str | None = None, jobs: int = 1, memory_mb: int = 0,
              pdf: bool = False) -> list[RoundRow]:
    """Compare every converted file with its earlier counterpart (``earlier``: the results read
    from ``prev_out`` before this run) and write its diff and letter — in ``jobs`` processes;
    the rows of the 整改情况 sheet (files of this round, then those not resubmitted)."""
    current = list(results)
    pairs, not_resubmitted = pair_files(current, earlier)
    tasks = [(res, pairs.get(res.stem), prev_out, outdir, config, letters, layout, pdf) for res in current]
    if jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        from perfgoals_xl.batch.guard import init_worker

        with ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(memory_mb,)) as pool:
            rows = list(pool.map(_round_task, tasks, chunksize=4))
    else:
        rows = [_round_task(task) for task in tasks]
    for e in not_resubmitted:
        rows.append(RoundRow(file="", previous=e.path, department=e.department, status="未重新报送",
                             fixed=0, new=0, open=sum(e.counts.values()), open_errors=e.counts.get("error", 0),
                             note="上一轮的文件，本轮没有对应的表（按部门名称和表的类型匹配）"))
    return rows


def _round_task(task: tuple) -> RoundRow:
    return round_one(*task)


def round_one(res: FileResult, match: FileResult | None, prev_out: Path | None, outdir: Path, config: Any,
              letters: bool, layout: str | None = None, pdf: bool = False) -> RoundRow:
    """One file of the round: compared with ``match`` (its earlier counterpart, if any), its
    .diff.xlsx and letter written; never raises (a failure is said in the row)."""
    row = RoundRow(file=res.path, department=res.department)
    if res.failed or res.duplicate_of:
        row.status = "失败" if res.failed else "重复"
        return row
    try:
        _compare_one(row, res, match, prev_out, outdir, config, letters, layout)
        if pdf and row.letter:
            from perfgoals_xl.review.pdf import soffice, to_pdf

            made = to_pdf(row.letter, force=True)
            if made is None:
                reason = "本机没有 LibreOffice" if soffice() is None else "LibreOffice 未能转换"
                row.note = "；".join(x for x in (row.note, f"审核意见函未另存 PDF（{reason}）") if x)
            else:
                row.pdf = str(made)
    except Exception as exc:  # one file's round never stops the others; said in its row
        from perfgoals_xl.errors import PerfGoalsError, os_error_message

        if isinstance(exc, PerfGoalsError):
            row.note = str(exc)
        elif isinstance(exc, OSError):
            row.note = os_error_message(exc)
        else:  # a bug: the traceback in a log file, named in the row
            from perfgoals_xl.crash import internal_error_message, write_crash_log

            row.note = internal_error_message(exc, write_crash_log(exc, context=res.path))
        row.status = "失败"
    return row


def _compare_one(row: RoundRow, res: FileResult, match: FileResult | None, prev_out: Path | None,
                 outdir: Path, config: Any, letters: bool, layout: str | None) -> None:
    from perfgoals_xl.review import diff_tables
    from perfgoals_xl.review.letter import write_letter
    from perfgoals_xl.review.round import letter_from_diff, letter_from_issues
    from perfgoals_xl.review.xlsx import write_diff_xlsx
    from perfgoals_xl.rules import check_table
    from perfgoals_xl.sources import read_table

    table = read_table(res.path, layout=layout)
    source = earlier_source(match, prev_out) if match and prev_out else None
    if match and source is None:
        row.note = f"上一轮的“{Path(match.path).name}”已无法读取（原文件已改动，数据输出也不在）"
    if match and source is not None:
        diff = diff_tables(read_table(source), table, config, old_file=match.path, new_file=res.path)
        row.previous, row.status = match.path, "已对比"
        counts = diff.findings.counts()
        row.fixed, row.new, row.open = counts["fixed"], counts["new"], counts["open"]
        row.open_errors = diff.findings.open_errors()
        row.changes = _changes(diff)
        path = outdir / f"{res.stem}{DIFF_SUFFIX}"
        write_diff_xlsx(diff, path, force=True)  # existing outputs were refused before the run
        row.diff = str(path)
        content = letter_from_diff(table, diff, config, file=res.path) if letters else None
    else:
        row.status = "新报送" if prev_out else ""
        content = letter_from_issues(table, check_table(table, config), config, file=res.path) if letters else None
    if content is not None:
        path = outdir / f"{res.stem}{LETTER_SUFFIX}"
        write_letter(content, path, force=True)
        row.letter = str(path)


def _changes(diff: Any) -> str:
    c = diff.counts()
    parts = [(c["projects_added"], "项目新增"), (c["projects_removed"], "项目删除"), (c["projects_changed"], "项目修改"),
             (c["indicators_added"], "指标新增"), (c["indicators_removed"], "指标删除"),
             (c["indicators_changed"], "指标修改"), (c["indicators_renamed"], "指标更名"),
             (c["indicators_moved"], "指标移动")]
    return "，".join(f"{label} {n}" for n, label in parts if n) or "无修改"


REVIEW_COLUMNS = [("文件", 28), ("上一轮文件", 28), ("部门名称", 20), ("情况", 9), ("已整改", 7),
                  ("新发现", 7), ("仍未整改", 8), ("其中错误", 8), ("修改", 24), ("对照表", 22), ("说明", 34)]


def write_review_sheet(wb: Any, fmt: dict[str, Any], base: Path, rows: Sequence[RoundRow]) -> None:
    """The 整改情况 sheet of summary.xlsx: per file fixed / new / still open, then the files of the
    earlier round not resubmitted; links to each file's 对照表; print-ready."""
    from perfgoals_xl.sinks.fit import FONT, fitted_height, setup_print
    from perfgoals_xl.sinks.issues_sheet import page_header

    ws = wb.add_worksheet(REVIEW_SHEET)
    bad_count = wb.add_format({**FONT, "border": 1, "valign": "top", "align": "center", "bold": True,
                               "font_color": "#C00000", "num_format": "0;-0;;@"})
    labels = [c for c, _ in REVIEW_COLUMNS]
    widths = [w for _, w in REVIEW_COLUMNS]
    for c, (label, width) in enumerate(REVIEW_COLUMNS):
        ws.write_string(0, c, label, fmt["head"])
        ws.set_column(c, c, width)
    ws.set_row(0, fitted_height(labels, widths))
    for r, row in enumerate(rows, start=1):
        values = [_shown(row.file), _shown(row.previous), row.department, row.status, row.fixed, row.new,
                  row.open, row.open_errors, row.changes, Path(row.diff).name if row.diff else "", row.note]
        for c, value in enumerate(values):
            if isinstance(value, int):
                style = bad_count if c == 7 and value else fmt["count"]
                ws.write_number(r, c, value, style)
            elif c == 9 and row.diff:
                from perfgoals_xl.batch.summary import _write_link

                _write_link(ws, r, c, _relative(Path(row.diff), base), value, fmt)
            else:
                ws.write_string(r, c, value, fmt["bad"] if c == 3 and value == "未重新报送" else fmt["cell"])
        ws.set_row(r, fitted_height(values, widths))
    total = len(rows) + 1
    ws.write_string(total, 0, "合计", fmt["total"])
    for c in range(1, len(REVIEW_COLUMNS)):
        if 4 <= c <= 7:
            ws.write_number(total, c, sum([row.fixed, row.new, row.open, row.open_errors][c - 4] for row in rows),
                            fmt["total_count"])
        else:
            ws.write_blank(total, c, None, fmt["total"])
    setup_print(ws, header_rows=1, header=page_header(REVIEW_SHEET))
    ws.freeze_panes(1, 0)


def _shown(path: str) -> str:
    if not path:
        return ""
    with contextlib.suppress(ValueError):
        return str(Path(path).resolve().relative_to(Path.cwd()))
    return path


def _relative(path: Path, base: Path) -> str:
    import os

    return os.path.relpath(path.resolve(), base).replace(os.sep, "/")
