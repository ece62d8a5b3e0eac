"""Department-wide tables (部门整体支出绩效目标表 and its 自评表), read from grids (never a path).

A department publishes one beside its project tables (docs/department.md): a key/value block
(部门（单位）名称 | X | 部门编码 | Y, 联系人/联系电话), a 年度预算/资金情况 block (年度资金总额 and
其中 财政拨款/其他资金, sometimes 基本支出/项目支出; values beside their labels or under
them), a 年度主要任务 grid (任务名称 | 主要内容 | 预算金额, sometimes 总额/财政拨款/其他资金),
年度绩效总目标 (long text, the cell right of or below its label) and an indicator grid
(一级 | 二级 | 三级 | 指标值 — or 计算符号 | 指标值 | 度量单位 — | 评(扣)分标准 | 指标解释 | 备注,
levels merged down). The 自评 variant adds 年初预算数/全年预算数/全年执行数 columns to the
budget block, 实际完成情况 beside the goal and 实际完成值/分值/得分/偏差原因 columns.

Labels come from ``vocabulary.DEPARTMENT_LABELS`` / ``TASK_COLUMNS`` (annotations such as
``（必填）`` or ``（万元）`` ignored); indicator columns from the long-format vocabulary. Columns
and labels the model has no field for are kept in ``extras`` by their text. Every value keeps
its cell in ``field_locations``. The result is one :class:`PerfTable` of kind ``department``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import (
    AMOUNT_LABELS,
    DepartmentPlan,
    DepartmentTask,
    Indicator,
    Location,
    PerfTable,
    Problem,
)
from perfgoals_xl.sources.grid import MONEY_FACTOR, Grid
from perfgoals_xl.sources.sheet_view import SheetView
from perfgoals_xl.sources.vocabulary import (
    DEPARTMENT_TITLE,
    TASK_TOTAL,
    UNIT_LINE,
    department_grid_field,
    department_label_of,
    field_of,
    form_label_of,
    task_column_of,
)
from perfgoals_xl.values import parse_value, value_from_parts

#: Rows looked at when judging whether a grid is a department-wide table.
SNIFF_ROWS = 60
TITLE = "部门整体支出绩效目标表"
SELFEVAL_TITLE = "部门整体支出绩效自评表"
_AMOUNT_KEYS = ("total", "fiscal", "special", "other", "basic", "project")
_TEXT_KEYS = ("name", "code", "contact", "phone", "goal", "actual_summary")
_BLOCK_KEYS = frozenset({"name", "code", "contact", "phone", "goal", "actual_summary", "tasks", "indicators"})
_BUDGET_FIELDS = ("budget_initial", "budget_adjusted", "budget_executed")
_VALUE_FIELDS = ("value", "annual_value", "period_value")
_INDICATOR_TEXT = ("name", "level1", "level2", "operator", "measure_unit", "direction", "weight",
                   "actual_value", "score", "deviation_reason", "nature", *_VALUE_FIELDS)
#: ``label：value`` in one cell (联系人：张三); several pairs separated by wide spaces.
_INLINE = re.compile(r"^([^:：]{1,20})[:：]\s*(\S.*)$", re.S)
#: Where one cell holding several ``label：value`` pairs splits: blanks before the next short label.
_PAIR_SPLIT = re.compile(r"[ \u3000\t]+(?=[^\s:：\d][^\s:：]{0,11}[:：])")
_CODE_FIRST = re.compile(r"^[\[【(（]?\s*(\d{3,20})\s*[\]】)）]?\s*[-－—:：]?\s*(\S.*)$", re.S)
_CODE_LAST = re.compile(r"^(.*?\S)\s*[\[【(（]\s*(\d{3,20})\s*[\]】)）]$", re.S)
_NOTE_START = ("注", "说明", "备注：", "填表说明", "填报说明")
_NATURES = {"定量", "定性", "定量指标", "定性指标"}
#: A level written with its code (``1-产出指标``, ``11.数量指标``).
_CODED = re.compile(r"^\s*(\d{1,2})\s*[-－—–.．、]\s*(\S.*)$", re.S)
#: An amount as written: 1,234.5 / 250万 / 10000万元 / 3000元 (bounded, linear).
_AMOUNT = re.compile(r"^([-+]?(?:\d{1,3}(?:[,，]\d{3}){1,5}|\d{1,15})(?:\.\d{1,8})?)\s*(万元|万|千元|元)?$")
_MAX_AMOUNT = Decimal(10) ** 12
#: A template's placeholder task (任务1, ……, …) standing for a row to fill in.
_PLACEHOLDER = re.compile(r"^(?:任务\s{0,2}\d{1,2}|[.…。·\s]{1,20})$")
_MAX_TEXT = 20000


# ── detection ─────────────────────────────────────────────────────────────────────────────────

def looks_like_department(grid: Grid) -> bool:
    """Is this grid a department-wide table (部门整体支出绩效目标表 or its 自评表)?

    Either a title naming one (部门整体 …) above an indicator header, or a department block:
    a 部门名称 label with a value and a 年度绩效总目标 / 年度主要任务 label — and no 项目名称
    label with a name beside it (that is a one-project form).
    """
    sheet = SheetView(Grid(sheet=grid.sheet, rows=grid.rows[:SNIFF_ROWS],
                           merged=[m for m in grid.merged if m[0] < SNIFF_ROWS]), None)
    titled = named = planned = project = False
    for r in range(len(sheet.rows)):
        for c in range(len(sheet.rows[r])):
            if not sheet.own(r, c):
                continue
            text = sheet.text(r, c)
            if not text or len(text) > 60:
                continue
            if DEPARTMENT_TITLE.search(text) and ("绩效" in text or "目标" in text):
                titled = True
            key = department_label_of(text)[0]
            inline = _INLINE.match(text)
            if key is None and inline:
                key = department_label_of(inline.group(1))[0]
            if key == "name" and (inline or _right_text(sheet, r, c)):
                named = True
            elif key in ("goal", "tasks"):
                planned = True
            elif key is None and form_label_of(text)[0] == "project" and _right_text(sheet, r, c):
                project = True
    if project:
        return False
    header = _indicator_columns(sheet, 0)
    return (titled and (header is not None or named)) or (named and planned)


def _right_text(sheet: SheetView, r: int, c: int) -> str:
    """The next non-blank cell right of (r, c), outside its merged range ('' when none)."""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        if sheet.origin(r, cc) != own and (text := sheet.text(r, cc)):
            return text
    return ""


# ── reading ───────────────────────────────────────────────────────────────────────────────────

@dataclass
class _Columns:
    """The columns of a grid (indicators or tasks): field → column, extras by header text."""

    header: int  # the header's last row
    top: int = -1  # the header's first row (a sub-header row below it moves ``header`` only)
    columns: dict[str, int] = field(default_factory=dict)
    extras: dict[str, int] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)  # money unit named in a column header


@dataclass
class _Read:
    """What the grids of one table said, merged in order."""

    plan: DepartmentPlan
    problems: list[Problem]
    money: str = "万元"  # the unit bare amounts are written in (单位：元 → converted to 万元)
    title: str | None = None
    title_location: Location | None = None
    selfeval: bool = False


def read_department_grids(grids: list[Grid], *, source: str | None, layout: str = "department") -> PerfTable:
    """Read a department-wide table from these grids (sheets, Word tables or PDF pages) into one table.

    The first grid that looks like a department table starts it; the grids after it that hold
    an indicator or task grid continue it (a Word table split across pages).
    """
    read = _Read(plan=DepartmentPlan(), problems=[])
    started = False
    others: list[str] = []
    for grid in grids:
        if not started and not looks_like_department(grid):
            continue
        if started and looks_like_department(grid):
            others.append(grid.sheet or "")  # a second department table: one table per file
            continue
        sheet = SheetView(grid, source)
        if started and not _continues(sheet):
            continue  # an unrelated table after the department table (a project form, a note)
        started = True
        _read_sheet(sheet, read)
    if others:
        read.problems.append(Problem("S11", f"文件中还有 {len(others)} 张部门整体支出绩效目标表（{'、'.join(others[:5])}），"
                                            "只读取了第一张：请每张表分别保存为一个文件", location=read.title_location))
    plan = read.plan
    if started and (plan.name or plan.amounts.total is not None or plan.budget_executed is not None) and not (
            plan.indicators or plan.goal or plan.tasks):
        raise InputError(source or "<表格>", f"按部门整体支出绩效目标表读取：只读到表头部分（{_read_part(plan)}），"
                                            "没有年度绩效总目标、年度主要任务和绩效指标（表格可能不完整）")
    if not started or not (plan.indicators or plan.goal or plan.tasks):
        raise InputError(source or "<表格>", "未找到部门整体支出绩效目标表：应有“部门名称”及其右侧的部门名称、"
                                            "“年度绩效总目标”或“年度主要任务”，以及“一级指标/二级指标/三级指标/指标值”表头")
    for seq, ind in enumerate(plan.indicators, start=1):
        ind.seq = seq
    name, code = _split_name(plan.name)
    plan.name, plan.code = name, plan.code or code
    if not plan.name:
        read.problems.append(Problem("S01", "部门整体支出绩效目标表的“部门（单位）名称”为空",
                                     location=plan.location, field="department"))
    selfeval = read.selfeval or plan.is_selfeval()
    table = PerfTable(department=plan.name, department_code=plan.code, department_source="label",
                      source_unit=read.money if read.money != "万元" else None, kind="department", plan=plan,
                      title=read.title or (SELFEVAL_TITLE if selfeval else TITLE), amounts=plan.amounts,
                      source=source, layout=layout, problems=read.problems,
                      location=read.title_location or plan.location)
    return table


def _read_part(plan: DepartmentPlan) -> str:
    """What a cut-off table's head said (for the refusal message)."""
    parts = [f"部门名称“{plan.name[:40]}”" if plan.name else ""]
    if plan.amounts.total is not None:
        parts.append(f"年度资金总额 {plan.amounts.total}")
    if plan.budget_executed is not None:
        parts.append(f"全年执行数 {plan.budget_executed}")
    return "，".join(p for p in parts if p)


def _continues(sheet: SheetView) -> bool:
    """Does a grid after the department table continue it (an indicator or task grid without a
    block of its own — a Word table split across pages), rather than start another table?"""
    if _indicator_columns(sheet, 0) is None and _task_columns(sheet) is None:
        return False
    for r in range(min(len(sheet.rows), 10)):
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c) if sheet.own(r, c) else ""
            if text and len(text) <= 40 and (form_label_of(text)[0] == "project"
                                             or department_label_of(text)[0] in ("name", "code", "goal")):
                return False
    return True


def _split_name(text: str) -> tuple[str, str | None]:
    """``[015001]某区教育局`` / ``某区教育局（015001）`` → (name, code); a plain name → (name, None)."""
    if len(text) > 200:  # no department name is that long: kept as written
        return text.strip(), None
    m = _CODE_FIRST.match(text)
    if m:
        return m.group(2).strip(), m.group(1)
    m = _CODE_LAST.match(text)
    if m:
        return m.group(1).strip(), m.group(2)
    return text.strip(), None


def _read_sheet(sheet: SheetView, read: _Read) -> None:
    """One grid: its title, block, tasks and indicators."""
    n = len(sheet.rows)
    indicator = _indicator_columns(sheet, 0)
    grid_rows: set[int] = set()
    if indicator is not None:
        end = _read_indicators(sheet, indicator, read)
        top = min(indicator.top, _header_top(sheet, indicator.header))
        grid_rows = set(range(top, end))
        # a second indicator grid below the first (a continued header on the next page)
        while end < n and (more := _indicator_columns(sheet, end)) is not None:
            start = min(more.top, _header_top(sheet, more.header))
            end = _read_indicators(sheet, more, read)
            grid_rows |= set(range(start, end))
    block = [r for r in range(n) if r not in grid_rows]
    _find_unit(sheet, block, read)
    tasks = _task_columns(sheet, block)
    task_rows: set[int] = set()
    if tasks is not None:
        task_rows = _read_tasks(sheet, tasks, [r for r in block if r > tasks.header], read)
        task_rows |= set(range(min(tasks.top, _header_top(sheet, tasks.header)), tasks.header + 1))
    _read_block(sheet, [r for r in block if r not in task_rows], read)


def _header_top(sheet: SheetView, row: int) -> int:
    """The first row of a header written over two rows (指标值 over 计算符号 | 指标值 | 度量单位)."""
    if row == 0:
        return row
    above = [c for c in range(len(sheet.rows[row])) if sheet.own(row, c) is False
             and sheet.origin(row, c)[0] == row - 1 and sheet.text(row, c)]
    return row - 1 if above and department_grid_field(sheet.text(row - 1, above[0])) is not None else row


# ── the indicator grid ──

def _indicator_columns(sheet: SheetView, start: int) -> _Columns | None:
    """The indicator grid's header at or after `start`: its columns, a sub-header row merged in."""
    found = next((c for r in range(start, len(sheet.rows)) if (c := _indicator_header(sheet, r)) is not None), None)
    if found is None:
        return None
    r = found.header
    cols = found
    if r + 1 < len(sheet.rows):
        sub = _Columns(header=r + 1)
        _header_cells(sheet, r + 1, sub, department_grid_field, below=r)
        if sub.columns and all(f not in ("name", "level1", "level2") for f in sub.columns) and (
                set(sub.columns) & {"operator", "measure_unit", *_VALUE_FIELDS, "actual_value", "score", "weight"}):
            _overlay(sheet, cols, sub)
            cols.extras.update(sub.extras)
    if "name" not in cols.columns:
        return None
    return cols


def _indicator_header(sheet: SheetView, r: int) -> _Columns | None:
    """Row r as the indicator grid's header: it names 三级指标 and 一级 or 二级指标, three fields at least."""
    if sum(1 for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)) < 3:
        return None
    cols = _Columns(header=r, top=r)
    _header_cells(sheet, r, cols, department_grid_field)
    fields = cols.columns
    if "name" in fields and ("level1" in fields or "level2" in fields) and len(fields) >= 3:
        return cols
    return None


def _split_code(text: str) -> tuple[str | None, str]:
    """``1-产出指标`` → ("1", "产出指标"); a level without a code → (None, text)."""
    m = _CODED.match(text)
    return (m.group(1), m.group(2).strip()) if m else (None, text)


def _parse_amount(text: str, unit: str) -> Decimal | None:
    """An amount cell in 万元: ``250万``, ``10000万元``, ``3,000元`` or a bare number in `unit`."""
    m = _AMOUNT.match(text.replace(" ", ""))
    if not m:
        return None
    number = Decimal(m.group(1).replace(",", "").replace("，", ""))
    if abs(number) >= _MAX_AMOUNT:
        return None
    factor = MONEY_FACTOR.get("万元" if m.group(2) == "万" else m.group(2) or unit, Decimal(1))
    return number / factor if factor != 1 else number


def _overlay(sheet: SheetView, cols: _Columns, sub: _Columns) -> None:
    """A sub-header row's columns replace the group cell over them (指标值 over 计算符号 | 指标值 |
    度量单位; 预算金额 over 总额 | 财政拨款 | 其他资金); the header ends at the sub-header."""
    r = cols.header
    groups = {sheet.origin(r, c) for c in sub.columns.values()}
    for key in [k for k, v in cols.columns.items() if sheet.origin(r, v) in groups]:
        del cols.columns[key]
    cols.columns.update(sub.columns)
    cols.units.update(sub.units)
    for c in sub.columns.values():  # a unit written over the group (预算金额（万元）) applies below it
        group_unit = next((u for gc, u in cols.units.items() if sheet.origin(r, gc) == sheet.origin(r, c)), None)
        if group_unit and c not in sub.units:
            cols.units[c] = group_unit
    cols.header = r + 1


def _header_cells(sheet: SheetView, r: int, out: _Columns, lookup: Callable[[str], object],
                  below: int | None = None) -> None:
    """The header cells of row r (each merged range once) into out; a label merged down past the
    header (绩效指标 beside the grid) is no column. `below`: this row sits under header row `below`."""
    seen: set[tuple[int, int]] = set()
    for c in range(len(sheet.rows[r])):
        origin = sheet.origin(r, c)
        if origin in seen or (below is not None and origin == sheet.origin(below, c)):
            continue
        seen.add(origin)
        text = sheet.text(r, c)
        if not text or len(text) > 40:
            continue
        if _merged_down(sheet, r, c, 2):
            continue
        key = lookup(text)
        f = key[0] if isinstance(key, tuple) else key
        if isinstance(key, tuple) and key[1]:
            out.units[c] = key[1]
        if f in (None, "extra") or (f == "ignored" and text.strip() not in ("序号",)):
            out.extras.setdefault(re.sub(r"\s+", "", text), c)
        elif f not in ("ignored", "seq", "legacy", "department", "fund_unit", "project", "goal"):
            out.columns.setdefault(f, c)


def _merged_down(sheet: SheetView, r: int, c: int, rows: int) -> bool:
    """Is (r, c) part of a range reaching `rows` or more rows below r?"""
    return r + rows < len(sheet.rows) and sheet.origin(r + rows, c) == sheet.origin(r, c)


def _ends_grid(sheet: SheetView, r: int, width: int) -> bool:
    """A row that ends a grid: a block label (联系人, 年度绩效总目标 …), a note, or a line across it."""
    texts = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    if not texts:
        return False
    c, first = texts[0]
    if first.startswith(_NOTE_START):
        return True
    for _, text in texts[:2]:
        key = department_label_of(text)[0] if len(text) <= 30 else None
        if key is None and (m := _INLINE.match(text)) and len(m.group(1)) <= 12:
            key = department_label_of(m.group(1))[0]
        if key in _BLOCK_KEYS and key != "indicators":
            return True
    if len(texts) == 1:
        span = sum(1 for cc in range(width) if sheet.origin(r, cc) == sheet.origin(r, c))
        return span * 2 >= width and len(first) > 4
    return False


def _read_indicators(sheet: SheetView, cols: _Columns, read: _Read) -> int:
    """The indicator rows below the header; returns the row after the last one read."""
    columns = cols.columns
    value_cols = [columns[k] for k in (*_VALUE_FIELDS, "actual_value") if k in columns]
    width = max([*columns.values(), *cols.extras.values()], default=0) + 1
    first = cols.header + 1
    sheet.load_number_formats([(r, c) for r in range(first, min(len(sheet.rows), first + 5000))
                               for c in value_cols])
    if "actual_value" in columns or "score" in columns:
        read.selfeval = True
    level1 = level2 = ""
    r = first
    while r < len(sheet.rows):
        if _ends_grid(sheet, r, width):
            break
        if _indicator_columns_at(sheet, r):
            break  # the header repeated (a continued page): the caller reads on
        texts = {k: sheet.text(r, c) for k, c in columns.items()}
        if texts.get("level1") and texts["level1"] != level1:
            level2 = ""  # a new level 1: the level 2 above belongs to the previous one
        level1 = texts.get("level1") or level1
        level2 = texts.get("level2") or level2
        ind = _indicator(sheet, r, cols, texts, level1, level2)
        if ind is not None:
            read.plan.indicators.append(ind)
        r += 1
    return r


def _indicator_columns_at(sheet: SheetView, r: int) -> bool:
    fields = {department_grid_field(sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c)}
    return "name" in fields and bool(fields & {"level1", "level2"})


def _indicator(sheet: SheetView, r: int, cols: _Columns, texts: dict[str, str],
               level1: str, level2: str) -> Indicator | None:
    """One indicator row, or None for a row with no 三级指标 and no value (a level placeholder)."""
    columns = cols.columns
    name = texts.get("name", "")
    operator = texts.get("operator", "")
    nature = operator if operator in _NATURES else None
    if nature:
        operator = ""
    unit = texts.get("measure_unit", "")
    raw = {k: texts.get(k, "") for k in _VALUE_FIELDS}
    if raw["value"] and (operator or unit):
        v = raw["value"]
        raw["value"] = value_from_parts(operator or None, v, None if unit and v.endswith(unit) else unit)
    if not name and not any(raw.values()):
        return None
    annual = raw["annual_value"] or raw["value"]
    period = raw["period_value"] or (annual if "period_value" not in columns else "")
    locs: dict[str, Location] = {}
    for key in ("name", "level1", "level2", "operator", "measure_unit", "weight", "direction",
                "actual_value", "score", "deviation_reason"):
        c = columns.get(key)
        if c is not None and (sheet.text(r, c) or key in ("level1", "level2")):
            locs["nature" if key == "operator" and nature else key] = sheet.loc(r, c)
    value_col = columns.get("annual_value", columns.get("value"))
    if value_col is not None and annual:
        locs["annual_value"] = sheet.loc(r, value_col)
    period_col = columns.get("period_value", value_col)
    if period_col is not None and period:
        locs["period_value"] = sheet.loc(r, period_col)
    extras: dict[str, str] = {}
    for label, c in cols.extras.items():
        if (text := sheet.text(r, c)) and sheet.origin(r, c)[0] > cols.header:
            extras[label] = text[:_MAX_TEXT]
            locs[f"extra:{label}"] = sheet.loc(r, c)
    weight = _number(texts.get("weight", ""))
    if weight is None and texts.get("weight"):
        extras["分值"] = texts["weight"]
    score = _number(texts.get("score", ""))
    if score is None and texts.get("score"):
        extras["得分"] = texts["score"]
    actual = texts.get("actual_value", "")
    code1, l1 = _split_code(level1)
    code2, l2 = _split_code(level2)
    return Indicator(
        seq=None, level1_code=code1, level1=l1, level2_code=code2, level2=l2, name=name,
        period_value=parse_value(period), annual_value=parse_value(annual), weight=weight,
        direction=texts.get("direction") or None, nature=nature,
        actual_value=parse_value(actual) if actual else None, score=score,
        deviation_reason=texts.get("deviation_reason") or None, extras=extras,
        location=locs.get("name") or sheet.loc(r, min(columns.values())), field_locations=locs,
    )


def _number(text: str) -> float | None:
    """A weight or score cell as a number (``10``, ``10分``, ``10%``), None when it is not one."""
    text = text.strip().rstrip("%％分")
    if not text or len(text) > 20:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if abs(value) <= 1e6 else None


# ── the 年度主要任务 grid ──

def _task_columns(sheet: SheetView, rows: list[int] | None = None) -> _Columns | None:
    """The 年度主要任务 header: a row naming 任务名称 and 主要内容 or an amount, its sub-header merged in."""
    for r in rows if rows is not None else range(len(sheet.rows)):
        cols = _Columns(header=r, top=r)
        _header_cells(sheet, r, cols, task_column_of)
        if "name" in cols.columns and ("content" in cols.columns or "total" in cols.columns):
            if r + 1 < len(sheet.rows):
                sub = _Columns(header=r + 1)
                _header_cells(sheet, r + 1, sub, task_column_of, below=r)
                if sub.columns and "name" not in sub.columns and set(sub.columns) <= {"total", "fiscal", "special",
                                                                                      "other"}:
                    _overlay(sheet, cols, sub)
            return cols
    return None


def _read_tasks(sheet: SheetView, cols: _Columns, rows: list[int], read: _Read) -> set[int]:
    """The task rows under the header (until a block label or a blank row); returns the rows read."""
    columns = cols.columns
    width = max(columns.values()) + 1
    used: set[int] = set()
    for r in rows:
        if r != cols.header + 1 + len(used) or _ends_grid(sheet, r, width) or _indicator_columns_at(sheet, r):
            break
        texts = {k: sheet.text(r, c) for k, c in columns.items()}
        if not any(texts.values()):
            break
        used.add(r)
        if TASK_TOTAL.match(re.sub(r"\s+", "", texts.get("name", ""))):
            _task_total(sheet, r, cols, texts, read)  # 金额合计: the tasks' total
            continue
        if not (texts.get("content") or any(texts.get(k) for k in ("total", "fiscal", "special", "other"))) and (
                not texts.get("name") or _PLACEHOLDER.match(texts["name"])):
            continue  # a blank or placeholder row of the template (任务1 / ……)
        task = DepartmentTask(name=texts.get("name", ""), content=texts.get("content", "")[:_MAX_TEXT],
                              location=sheet.loc(r, columns["name"]))
        for key in ("name", "content"):
            if texts.get(key):
                task.field_locations[key] = sheet.loc(r, columns[key])
        for key in ("total", "fiscal", "special", "other"):
            text = texts.get(key)
            if not text:
                continue
            amount = _amount(text, cols.units.get(columns[key]), read)
            if amount is None:
                read.problems.append(Problem("A03", f"年度主要任务“{task.name}”的{AMOUNT_LABELS[key]}“{text}”不是数字",
                                             location=sheet.loc(r, columns[key]), raw=text, field=key))
                continue
            setattr(task.amounts, key, amount)
            task.field_locations[key] = sheet.loc(r, columns[key])
        for label, c in cols.extras.items():
            if (text := sheet.text(r, c)) and sheet.origin(r, c)[0] > cols.header:
                task.extras[label] = text
                task.field_locations[f"extra:{label}"] = sheet.loc(r, c)
        read.plan.tasks.append(task)
    return used


def _task_total(sheet: SheetView, r: int, cols: _Columns, texts: dict[str, str], read: _Read) -> None:
    """The 金额合计 row of the tasks: the plan's 年度资金总额 and sources when no block gave them."""
    for key in ("total", "fiscal", "special", "other"):
        text = texts.get(key)
        c = cols.columns.get(key)
        if text and c is not None and sheet.origin(r, c) != sheet.origin(r, cols.columns["name"]):
            amount = _amount(text, cols.units.get(c), read)
            if amount is not None and read.plan.amounts.get(key) is None:
                setattr(read.plan.amounts, key, amount)
                read.plan.field_locations.setdefault(key, sheet.loc(r, c))


def _amount(text: str, unit: str | None, read: _Read) -> Decimal | None:
    """An amount cell in 万元 (its own unit, the column's, or the table's)."""
    return _parse_amount(text, unit or read.money)


# ── the key/value block ──

def _read_block(sheet: SheetView, rows: list[int], read: _Read) -> None:
    """Title, unit line, labelled values, the amounts (beside or under their labels) and the
    自评 budget rows (年初预算数 | 全年预算数 | 全年执行数 columns)."""
    plan = read.plan
    used: set[tuple[int, int]] = set()
    budget_cols: dict[str, int] = {}
    block = set(rows)
    for r in rows:
        cells = [c for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
        row_budget = {field_of(sheet.text(r, c)): c for c in cells} if cells else {}
        if len(set(row_budget) & set(_BUDGET_FIELDS)) >= 2:
            budget_cols = {k: c for k, c in row_budget.items() if k in _BUDGET_FIELDS}
            used.update((r, c) for c in cells)
            read.selfeval = True
            continue
        for c in cells:
            if (r, c) in used:
                continue
            text = sheet.text(r, c)
            used.add((r, c))
            if read.title is None and len(cells) == 1 and DEPARTMENT_TITLE.search(text) and len(text) <= 60:
                read.title, read.title_location = re.sub(r"\s+", "", text), sheet.loc(r, c)
                continue
            unit_line = UNIT_LINE.search(text)
            if unit_line and len(text) <= 20:
                _set_unit(read, unit_line.group(1))
                continue
            key, money = department_label_of(text) if len(text) <= 40 else (None, None)
            if money:
                _set_unit(read, money)
            if key is None:
                if _INLINE.match(text):
                    _inline_pairs(sheet, r, c, text, read)
                elif len(cells) in (2, 4) and len(text) <= 20 and _parse_amount(text, read.money) is None:
                    found = _value_right(sheet, r, c, used)  # a label the model has no field for: kept
                    if found is not None:
                        label = re.sub(r"[\s:：*]+", "", text)
                        plan.extras.setdefault(label, found[0])
                        plan.field_locations.setdefault(f"extra:{label}", found[1])
                continue
            if key in ("section", "tasks", "indicators"):
                continue
            if key in _AMOUNT_KEYS:
                _block_amount(sheet, r, c, key, text, used, block, budget_cols, read)
                continue
            if key in ("goal", "actual_summary"):
                found = _goal_right(sheet, r, c, used) or _value_below(sheet, r, c, used, block)
            else:
                found = _value_right(sheet, r, c, used)
            if found is not None:
                _store(plan, key, found[0], found[1], text)
    if plan.location is None and "name" in plan.field_locations:
        plan.location = plan.field_locations["name"]


def _find_unit(sheet: SheetView, rows: list[int], read: _Read) -> None:
    """The money unit of bare amounts: a unit line (单位：元) above or in the block."""
    for r in rows:
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c) if sheet.own(r, c) else ""
            if text and len(text) <= 20 and (m := UNIT_LINE.search(text)):
                _set_unit(read, m.group(1))
                return


def _set_unit(read: _Read, unit: str) -> None:
    read.money = unit


def _store(plan: DepartmentPlan, key: str, text: str, loc: Location, label: str) -> None:
    """A labelled value into the plan (the first wins; a second one is kept as an extra)."""
    current = getattr(plan, key)
    if current:
        plan.extras.setdefault(re.sub(r"[\s:：*]+", "", label), text)
        return
    setattr(plan, key, text[:_MAX_TEXT])
    plan.field_locations[key] = loc


def _inline_pairs(sheet: SheetView, r: int, c: int, text: str, read: _Read) -> None:
    """``联系人：张三　联系电话：123`` in one cell: every pair a field (or an extra)."""
    for piece in _PAIR_SPLIT.split(text)[:10]:
        m = _INLINE.match(piece.strip())
        if not m:
            continue
        key = department_label_of(m.group(1))[0]
        value = m.group(2).strip()
        if key in _TEXT_KEYS:
            _store(read.plan, key, value, sheet.loc(r, c), m.group(1))
        elif key in _AMOUNT_KEYS:
            _set_amount(read, key, value, sheet.loc(r, c), None)
        elif key is None and len(m.group(1)) <= 12:
            label = re.sub(r"\s+", "", m.group(1))
            read.plan.extras.setdefault(label, value)
            read.plan.field_locations.setdefault(f"extra:{label}", sheet.loc(r, c))


def _value_right(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]]) -> tuple[str, Location] | None:
    """The next non-blank cell right of (r, c) outside its merged range, unless it is a label."""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        origin = sheet.origin(r, cc)
        if origin == own:
            continue
        text = sheet.text(r, cc)
        if not text:
            continue
        if origin in used:
            continue
        if len(text) <= 40 and department_label_of(text)[0] is not None:
            return None
        used.add(origin)
        return text, sheet.loc(r, cc)
    return None


def _goal_right(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]]) -> tuple[str, Location] | None:
    """A goal label's text on its right — over every row the label is merged down (目标1 | text,
    目标2 | text): each row's cells joined (a short lead such as 目标1 with ``：``), rows by a line break."""
    own = sheet.origin(r, c)
    lines: list[str] = []
    first: Location | None = None
    rr = r
    while rr < len(sheet.rows) and sheet.origin(rr, c) == own and rr - r < 50:
        texts: list[str] = []
        for cc in range(c + 1, len(sheet.rows[rr])):
            origin = sheet.origin(rr, cc)
            text = sheet.text(rr, cc)
            if origin == own or not text or origin in used or (origin[0] < rr and rr > r):
                continue
            if len(text) <= 40 and department_label_of(text)[0] is not None:
                if texts or rr == r:
                    break
                continue
            used.add(origin)
            first = first or sheet.loc(rr, cc)
            texts.append(text)
        if texts:
            lead = texts[0]
            joined = f"{lead}：{''.join(texts[1:])}" if len(texts) > 1 and len(lead) <= 6 else "".join(texts)
            lines.append(joined)
        elif rr == r:
            return None  # nothing beside the label: its text stands below it
        rr += 1
    return ("\n".join(lines), first) if lines and first is not None else None


def _value_below(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]],
                 block: set[int]) -> tuple[str, Location] | None:
    """The cell below a column label (年度绩效总目标 over its text), within the block. A label merged
    down over rows (年度总体目标 beside 预期目标 | 实际完成情况) has its values on its right, never below."""
    own = sheet.origin(r, c)
    if r + 1 < len(sheet.rows) and sheet.origin(r + 1, c) == own:
        return None
    for rr in range(r + 1, min(r + 3, len(sheet.rows))):
        origin = sheet.origin(rr, c)
        if origin == own:
            continue
        text = sheet.text(rr, c)
        if rr not in block or not text or origin in used or department_label_of(text)[0] is not None:
            return None
        used.add(origin)
        return text, sheet.loc(rr, c)
    return None


def _block_amount(sheet: SheetView, r: int, c: int, key: str, label: str, used: set[tuple[int, int]],
                  block: set[int], budget_cols: dict[str, int], read: _Read) -> None:
    """An amount label: its value on the right (or under it); in a 自评 block, its budget columns."""
    plan = read.plan
    if budget_cols:
        values: dict[str, tuple[str, Location]] = {}
        for fname, bc in budget_cols.items():
            text = sheet.text(r, bc)
            if text and sheet.origin(r, bc) != sheet.origin(r, c):
                used.add(sheet.origin(r, bc))
                values[fname] = (text, sheet.loc(r, bc))
        target = values.get("budget_initial") or values.get("budget_adjusted")
        if target is not None:
            _set_amount(read, key, target[0], target[1], None)
        if key == "total":
            for fname, (text, loc) in values.items():
                amount = _amount(text, None, read)
                if amount is not None and getattr(plan, fname) is None:
                    setattr(plan, fname, amount)
                    plan.field_locations[fname] = loc
        return
    found = _value_right(sheet, r, c, used)
    if found is not None and _parse_amount(found[0], read.money) is None and department_label_of(found[0])[0] is None:
        # a text beside the label is its value, even when it is not a number (reported)
        _set_amount(read, key, found[0], found[1], label)
        return
    if found is None:
        rr = r + 1
        origin = sheet.origin(rr, c) if rr < len(sheet.rows) else None
        if rr in block and origin is not None and origin != sheet.origin(r, c) and origin not in used:
            text = sheet.text(rr, c)
            if text and department_label_of(text)[0] is None:
                used.add(origin)
                found = (text, sheet.loc(rr, c))
    if found is not None:
        _set_amount(read, key, found[0], found[1], label)


def _set_amount(read: _Read, key: str, text: str, loc: Location, label: str | None) -> None:
    plan = read.plan
    if key in plan.field_locations:
        if label:
            plan.extras.setdefault(re.sub(r"[\s:：*]+", "", label), text)
        return
    amount = _amount(text, None, read)
    if amount is None:
        name = {"basic": "基本支出", "project": "项目支出"}.get(key) or AMOUNT_LABELS[key]
        read.problems.append(Problem("A03", f"{name}“{text}”不是数字", location=loc, raw=text, field=key))
        return
    if key in ("basic", "project"):
        setattr(plan, key, amount)
    else:
        setattr(plan.amounts, key, amount)
    plan.field_locations[key] = loc
