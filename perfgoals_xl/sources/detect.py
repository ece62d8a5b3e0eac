"""The detector: which layout reads a grid, judged per grid (a sheet, a Word or HTML table, a PDF page).

Each layout says, with the shared vocabulary (sources/vocabulary.py), whether a grid's first rows
look like its own; the detector scores those answers and picks one layout per grid, never by
file type. A file of mixed grids is fine: each group is read by its layout's reader and the
tables are combined (sources/readers.py). A grid no layout accepts is not a performance table.

Layouts, strongest claim first (:data:`SCORES`):

- ``department`` — a department-wide (部门整体) table, when sources/department.py is there;
- ``entry`` — our own entry sheet (a sheet named 填报 with a long-format header);
- ``longform`` with a 项目名称 *column* — one indicator per row, each row naming its project (a
  long table with 自评 columns such as 实际完成值 stays long format);
- ``outline`` — one name column holding unit, project, levels and indicators a row each (项目 |
  指标值 | 绩效金额, sources/outline.py), read as the long format it stands for;
- ``goal_blocks`` — a 绩效目标 column whose cells hold 【一级-二级】 headings over 指标N:名称(值) lines
  (sources/goal_blocks.py), read as the long format it stands for;
- ``selfeval_form`` — a 项目支出绩效自评表 form: a 三级指标 + 实际完成值 header;
- ``form`` — a one-project 申报表: a 项目名称 label with a name beside it, and an indicator
  header or two more labels of the key/value block (主管部门, 年度目标 …);
- ``longform`` without a project column (指标名称 only).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from collections.abc import Callable
from types import ModuleType

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources import form, goal_blocks, outline, selfeval_form
from perfgoals_xl.sources.form_sheet import FormSheet
from perfgoals_xl.sources.grid import Grid, cell_text
from perfgoals_xl.sources.longform_header import HEADER_SEARCH_ROWS, filled_rows, find_header
from perfgoals_xl.sources.vocabulary import (
    field_of,
    form_label_of,
    header_sized,
    label_key,
    project_from_title,
)

#: Layout → score when it claims a grid (the highest claim wins).
SCORES = {"department": 70, "entry": 65, "longform_projects": 60, "goal_blocks": 56, "outline": 55, "selfeval_form": 50,
          "form": 40, "longform": 10}
#: The sheet name of our entry workbook.
ENTRY_SHEET = "填报"
_HEAD_ROWS = max(HEADER_SEARCH_ROWS, form.SNIFF_ROWS) + 10


@functools.cache
def _department() -> ModuleType | None:
    """sources/department.py (the department-wide layout), when it is there."""
    name = "perfgoals_xl.sources.department"
    if importlib.util.find_spec(name) is None:
        return None
    module = importlib.import_module(name)
    ok = hasattr(module, "looks_like_department") and hasattr(module, "read_department_grids")
    return module if ok else None


def head_of(grid: Grid, rows: int = _HEAD_ROWS) -> Grid:
    """The first rows of a grid (merged ranges that start there), for judging it cheaply."""
    return Grid(sheet=grid.sheet, rows=grid.rows[:rows], merged=[m for m in grid.merged if m[0] < rows],
                locate=grid.locate, first_row=grid.first_row, first_col=grid.first_col)


def scores(grid: Grid) -> dict[str, int]:
    """Each layout that claims this grid, with its score (empty: not a performance table)."""
    head = head_of(grid)
    out: dict[str, int] = {}
    if selfeval_form.is_selfeval_grid(head):
        out["selfeval_form"] = SCORES["selfeval_form"]
    if claims_form(head):
        out["form"] = SCORES["form"]
    department = _department()
    if department is not None and department.looks_like_department(grid):
        out["department"] = SCORES["department"]
    if outline.looks_like_outline(head):
        out["outline"] = SCORES["outline"]
    if goal_blocks.looks_like_goal_blocks(head):
        out["goal_blocks"] = SCORES["goal_blocks"]
    rows, origin = filled_rows(head)
    header = find_header(rows, origin)
    if header is not None:
        out["longform"] = SCORES["longform_projects" if "project" in header.columns else "longform"]
        if grid.sheet == ENTRY_SHEET:
            out["entry"] = SCORES["entry"]
    return out


#: Form labels that, besides 项目名称, show a key/value block (a 采购 table's header names none).
_BLOCK_KEYS = frozenset({"code", "department", "department_code", "fund_unit", "implementer", "category", "term",
                         "period_goal", "goal", "total", "period_total", "fiscal", "special", "other"})
_GRID_FIELDS = frozenset({"level1", "level2", "name"})
#: A title naming a one-project target form: …绩效目标申报表, …绩效目标表, …绩效目标批复表.
_FORM_TITLE = re.compile(r"绩效目标(?:申报|批复|审核)?表$")
_MAX_TITLE = 120


def claims_form(head: Grid) -> bool:
    """Is this grid's head a one-project form (申报表): a 项目名称 label with a name, and more than that
    (the evidence below) — the one test the detector and a workbook's sniff share."""
    return form.looks_like_form(head) and _form_evidence(head)


def _form_evidence(head: Grid) -> bool:
    """More than a 项目名称 label: an indicator grid header word (一级/二级/三级指标), a title naming a
    target form (预算项目绩效目标申报表 — a copy cut before its grid) or two other labels of the
    key/value block (主管部门, 年度目标, 资金总额 …). A table of another kind whose header starts with
    项目名称 (政府采购, 资产配置 …) has none of them."""
    keys: set[str] = set()
    labelled = False  # a 项目名称 label met: a title after it is the next table's, not this form's
    for r, row in enumerate(head.rows):
        for c, value in enumerate(row):
            if not isinstance(value, str) or not value or len(value) > _MAX_TITLE:
                continue
            value = cell_text(value)  # (a title centred with trailing 　 or &nbsp; is the same title)
            if not labelled and _FORM_TITLE.search(value) and not _titled_again(head.rows, r):
                return True  # (a long title: 1、某财社…号提前下达2019年…预算指标绩效目标表)
            if header_sized(value) and field_of(value) in _GRID_FIELDS:
                return True
            key = label_key(value)  # (项目名称：某项目 in one cell too)
            labelled = labelled or key == "project"
            if key in _BLOCK_KEYS and _holds_value(head.rows, r, c) and not _SIGN_OFF.match(value):
                keys.add(key)
                if len(keys) >= 2:
                    return True
    return False


def _titled_again(rows: list[list[object]], r: int) -> bool:
    """Does another title line (one text ending in 表) follow row r before the table starts (a row of
    two texts or more)? Then row r names no table of this grid: a notice's list of its attachments
    (附件：1.…资金安排表 / 2.…绩效目标表) above the first attachment, its own title 资金安排表."""
    for row in rows[r + 1:]:
        texts = [v.strip() for v in row if isinstance(v, str) and v.strip()]
        if len(texts) >= 2:
            return False
        if texts and len(texts[0]) <= _MAX_TITLE and texts[0].endswith("表"):
            return True
    return False


#: A sign-off over any kind of table (填报单位（盖章）：某局　填报日期：…): no evidence of a form.
_SIGN_OFF = re.compile(r"^\s{0,3}填\s{0,2}报\s{0,2}单\s{0,2}位")


def _holds_value(rows: list[list[object]], r: int, c: int) -> bool:
    """Does the label at (r, c) give a value — in its own cell (主管部门：某局), in the next cell right of it
    that is no label, or under it on a row of values under a row of labels? A column header (预算金额 over
    a listing's numbers, beside 采购品目) gives none: such a table is no form."""
    text = rows[r][c]
    if not isinstance(text, str) or form_label_of(text)[0] is None:
        return True  # (a pair in one cell)
    right = next((v for v in rows[r][c + 1:] if v is not None and str(v).strip()), None)
    if right is not None and (not isinstance(right, str) or (label_key(right) is None and field_of(right) is None)):
        return True
    below = rows[r + 1] if r + 1 < len(rows) else []
    under = below[c] if c < len(below) else None
    labels = all(label_key(v) is not None for v in rows[r] if isinstance(v, str) and v.strip())
    return labels and under is not None and str(under).strip() != "" and (
        not isinstance(under, str) or label_key(under) is None)


def detect(grid: Grid) -> str | None:
    """The layout that reads this grid, or None when it is not a performance table."""
    found = scores(grid)
    return max(found, key=lambda name: found[name]) if found else None


def head_layouts(layouts: list[str | None], grids: list[Grid]) -> list[str | None]:
    """The layouts with each 申报表-looking head read as the 自评表 it heads: a saved page or Word
    file may print a 自评表's key/value block (项目名称, 主管部门, 资金 …) and its indicator grid as two
    tables. Alone the head looks like a 申报表 form (or, naming no project either, like no table); the
    grid after it, naming no project of its own, is a 自评表 that goes on from it — both are read as
    that 自评表."""
    out = list(layouts)
    for k in range(len(out) - 1):
        if out[k + 1] != "selfeval_form" or names_project(grids[k + 1]):
            continue
        if out[k] == "form" or (out[k] is None and _block_labels(head_of(grids[k])) >= 2):
            out[k] = "selfeval_form"  # (a head naming no project either: 实施单位 | 主管部门 | 资金 …)
    return out


def _block_labels(head: Grid) -> int:
    """How many labels of a form's key/value block (主管部门, 实施单位, 资金总额 …) the grid holds."""
    keys = {label_key(value) for row in head.rows for value in row if isinstance(value, str) and value}
    return len(keys & _BLOCK_KEYS)


def names_project(grid: Grid) -> bool:
    """Does the grid hold a 项目名称 label of its own?"""
    return bool(form.form_starts(FormSheet(head_of(grid), None)))


def names_no_project(grid: Grid) -> bool:
    """Is the grid a long table naming no project: no 项目名称 (资金使用单位) column nor label, and no
    title above its header naming one (xx项目绩效目标表, 项目名称：xx)?"""
    if names_project(grid):
        return False
    rows, origin = filled_rows(head_of(grid))
    header = find_header(rows, origin)
    if header is None or {"project", "fund_unit"} & set(header.columns):
        return False
    top = header.row if header.top is None else header.top
    return not any(project_from_title(text) for row in rows[:top] for value in row
                   if isinstance(value, str) and (text := value.strip()))


def continues(layout: str | None, grid: Grid) -> bool:
    """Does a grid no layout claims continue the grid of this layout just before it? A department
    table's second page holds its goal and indicators under no header of their own."""
    department = _department()
    return (layout == "department" and department is not None
            and bool(getattr(department, "continues_department", lambda _g: False)(grid)))


def _read_longform(grids: list[Grid], source: str | None) -> PerfTable:
    from perfgoals_xl.sources.longform import read_grids

    return read_grids(grids, source=source, layout="longform", release_rows=True)


def _read_entry(grids: list[Grid], source: str | None) -> PerfTable:
    from perfgoals_xl.sources.longform import read_grids

    return read_grids(grids, source=source, layout="entry", release_rows=True)


def _read_outline(grids: list[Grid], source: str | None) -> PerfTable:
    from perfgoals_xl.sources.longform import read_grids

    longs = [outline.to_long(g, header) for g in grids if (header := outline.find_outline(g)) is not None]
    return read_grids(longs, source=source, layout="outline")


def _read_goal_blocks(grids: list[Grid], source: str | None) -> PerfTable:
    from perfgoals_xl.sources.longform import read_grids

    longs = [goal_blocks.to_long(g, header) for g in grids if (header := goal_blocks.find_goal_blocks(g)) is not None]
    return read_grids(longs, source=source, layout="goal_blocks")


def _read_form(grids: list[Grid], source: str | None) -> PerfTable:
    return form.read_form_grids(grids, source=source)


def _read_selfeval(grids: list[Grid], source: str | None) -> PerfTable:
    return selfeval_form.table_from_grids(grids, source, "selfeval_form", continued=True)


def _read_department(grids: list[Grid], source: str | None) -> PerfTable:
    department = _department()
    assert department is not None  # only chosen when the module is there
    table: PerfTable = department.read_department_grids(grids, source=source)
    return table


#: Layout → the reader of its grids (grids in, PerfTable out; never a path).
LAYOUT_READERS: dict[str, Callable[[list[Grid], str | None], PerfTable]] = {
    "selfeval_form": _read_selfeval,
    "form": _read_form,
    "department": _read_department,
    "entry": _read_entry,
    "longform": _read_longform,
    "outline": _read_outline,
    "goal_blocks": _read_goal_blocks,
}
