"""Workbook sniffs for the department-wide and form layouts, and a file → the department-wide reader.

(sources/department.py and sources/form.py work on grids only.)

A stop-gap until the shared detector (sources/detect.py) hands grids to layout readers: the
workbook sniff asks :func:`workbook_is_department`, and ``read_table(path, "department")`` reads
through :func:`read_department`. A workbook's sheets or a .docx's tables are its grids.
"""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.department import SNIFF_ROWS, looks_like_department, read_department_grids

#: Workbooks larger than this are not sniffed for a department table (one is a page or two; the
#: sniff parses whole sheets, which would cost a large long-format workbook a second parse).
MAX_SNIFF_BYTES = 1024 * 1024


def workbook_is_department(path: str | Path) -> bool:
    """Does a workbook hold a department-wide table? The first rows of (at most 20) sheets are looked at."""
    from perfgoals_xl.sources.containers.workbook import head_grids

    try:
        if Path(path).stat().st_size > MAX_SNIFF_BYTES:
            return False
    except OSError:
        return False
    return any(looks_like_department(g) for g in head_grids(path, SNIFF_ROWS))


def workbook_is_form(path: str | Path) -> bool:
    """Does a workbook hold forms (申报表)? The first rows of (at most 20) sheets are looked at."""
    from perfgoals_xl.sources.containers.workbook import head_grids
    from perfgoals_xl.sources.detect import claims_form
    from perfgoals_xl.sources.form import SNIFF_ROWS as FORM_ROWS

    return any(claims_form(g) for g in head_grids(path, FORM_ROWS))


def read_department(path: str | Path) -> PerfTable:
    """Read a department-wide table (部门整体支出绩效目标表 or 自评表) from a workbook or a .docx."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    from perfgoals_xl.sources import containers
    from perfgoals_xl.sources.pasted_grids import as_pasted_tables

    grids = containers.load_grids(p, containers.kind_of(p))  # stacked tables cut apart
    grids = as_pasted_tables(grids)  # two parts pasted one under the other, the web page around it
    return read_department_grids(grids, source=str(p))
