"""Budget-disclosure PDFs that bundle several tables (部门预算公开: 收支总表, 支出表, 政府采购表 …).

Only the performance-target tables are read; the other pages are skipped and named in one info
problem (PG-S11, a reader note), never an error. What a page holds is judged by the title printed
above its table (a short line ending in 表): a title with 绩效目标 starts a performance table, any
other table title starts a table that is not ours; a page without a title continues the table of
the page before. A ruled table whose header is a long-format header (one indicator per row,
:mod:`perfgoals_xl.sources.longform_header`) is read by the long-format reader, its cells located
back on their pages (``第3页!第5行·三级指标``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from perfgoals_xl.model import Location, PerfTable, Problem

#: A table title: a short line that names a 表 (部门收支总表, 项目支出绩效目标表（含转移支付项目）…).
_TITLE_LINE = re.compile(r"^\S.{0,38}表(?:[（(][^（）()]{0,20}[)）])?(?:[（(]续[)）])?$")
_NOT_TITLE = re.compile(r"^(?:部门名称|预算部门|预算单位|单位名称|主管部门|(?:金额)?单位)\s*[:：]")
_SPACE = re.compile(r"[\s\u3000]+")
_CELL = re.compile(r"^([A-Z]{1,3})(\d{1,9})$")


def table_title(lines: list[str]) -> str | None:
    """The table title among the lines printed above a table (None when there is none)."""
    for raw in lines[:12]:
        line = _SPACE.sub("", raw or "")[:80]
        if line and not _NOT_TITLE.match(line) and _TITLE_LINE.match(line):
            return line
    return None


def is_performance_title(title: str) -> bool:
    """Does a table title name a performance-target table (项目支出绩效目标表, 绩效目标申报表 …)?"""
    return "绩效目标" in title or "绩效指标" in title


def page_kinds(page_texts: list[str]) -> tuple[list[bool], dict[int, str]]:
    """For the extracted text of each page: is it part of a performance table? And the titles of
    the other tables, by page (1-based). A page without a table title continues the page before."""
    keep: list[bool] = []
    titles: dict[int, str] = {}
    current = True  # before any title: read (a text without titles is read as a whole)
    for number, text in enumerate(page_texts, 1):
        lines = [_SPACE.sub("", line)[:80] for line in text.split("\n")[:60]]
        if any("绩效目标表" in line or "绩效目标申报表" in line for line in lines):
            current = True
        else:
            title = next((line for line in lines if line and not _NOT_TITLE.match(line)
                          and _TITLE_LINE.match(line)), None)
            if title is not None:
                current = is_performance_title(title)
                if not current:
                    titles[number] = title
            elif not any(lines) and number == len(page_texts):
                continue  # the empty tail after the last form feed
        keep.append(current)
        if not current:
            titles.setdefault(number, "")
    return keep, titles


def page_list(pages: list[int]) -> str:
    """[1, 2, 3, 5] → '第1–3、5页'."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "第" + "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + "页"


def skipped_note(path: str, pages: list[int], titles: list[str]) -> Problem:
    """The one info problem naming the pages skipped (and the tables they hold)."""
    named = "、".join(dict.fromkeys(t for t in titles if t))
    what = f"（{named}）" if named else ""
    return Problem("S11", f"{page_list(pages)}不是项目支出绩效目标表{what}，已跳过",
                   location=Location(file=path, sheet=f"第{min(pages)}页"))


@dataclass
class LongRun:
    """A long-format table printed over one or more pages: its rows, and where each came from."""

    width: int
    rows: list[list[str | None]] = field(default_factory=list)
    where: list[tuple[int, int]] = field(default_factory=list)  # (page, row number in that page's tables)
    labels: dict[int, str] = field(default_factory=dict)  # column → header text

    def add(self, page: int, first_number: int, texts: list[list[str | None]], *, skip: int = 0) -> None:
        """Rows of one ruled table (skip: its repeated header rows)."""
        for index, row in enumerate(texts):
            if index < skip:
                continue
            self.rows.append([_join_lines(t) for t in row])
            self.where.append((page, first_number + index))


def long_header(texts: list[list[str | None]]) -> Any:
    """The long-format header of a ruled table's rows (longform_header.Header), or None."""
    from perfgoals_xl.sources.longform_header import find_header

    rows = [[_join_lines(t) for t in row] for row in texts]
    return find_header(rows)


def start_run(page: int, first_number: int, above: list[str], texts: list[list[str | None]],
              header: Any) -> LongRun:
    """A new long-format run: the lines above the table (title, 部门名称, 单位) as one-cell rows."""
    run = LongRun(width=len(texts[0]) if texts else 0)
    for line in above:
        if line.strip():
            run.rows.append([line.strip()])
            run.where.append((page, 0))
    run.add(page, first_number, texts)
    top = header.top if header.top is not None else header.row
    offset = len(run.rows) - len(texts)
    for r in range(top + offset, header.row + offset + 1):
        for c, text in enumerate(run.rows[r]):
            if text:
                run.labels[c] = text
    return run


def read_runs(runs: list[LongRun], path: str) -> PerfTable | None:
    """The long-format runs read into one table, every location moved back onto its page."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.longform import read_grids

    tables = []
    for run in runs:
        table = read_grids([Grid(sheet=None, rows=run.rows)], source=path, layout="pdf")
        _relocate(table, run, path)
        tables.append(table)
    if not tables:
        return None
    first = tables[0]
    for more in tables[1:]:
        first.units.extend(more.units)
        first.problems.extend(more.problems)
    return first


def _relocate(table: PerfTable, run: LongRun, path: str) -> None:
    def move(loc: Location | None) -> Location | None:
        if loc is None or loc.sheet is not None or loc.line is None:
            return loc
        index = loc.line - 1
        if not 0 <= index < len(run.where):
            return loc
        page, number = run.where[index]
        label = ""
        m = _CELL.match(loc.cell or "")
        if m:
            col = 0
            for ch in m.group(1):
                col = col * 26 + ord(ch) - 64
            label = run.labels.get(col - 1, "")
        cell = f"第{number}行" + (f"·{label}" if label else "") if number else None
        return Location(file=path, sheet=f"第{page}页", cell=cell)

    def move_all(mapping: Any) -> dict[str, Location]:
        return {k: move(v) for k, v in mapping.items()}  # type: ignore[misc]

    table.location = move(table.location)
    table.field_locations = move_all(table.field_locations)
    for unit in table.units:
        unit.location = move(unit.location)
        for project in unit.projects:
            project.location = move(project.location)
            project.field_locations = move_all(project.field_locations)
            for item in project.indicators:
                item.location = move(item.location)
                item.field_locations = move_all(item.field_locations)
    for problem in table.problems:
        problem.location = move(problem.location)


def _join_lines(text: str | None) -> str | None:
    """A wrapped PDF cell's lines joined (CJK text wraps without spaces)."""
    if text is None:
        return None
    return "".join(line.strip() for line in text.split("\n"))
