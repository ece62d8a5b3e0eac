"""The two grids of a department-wide table: the indicator grid and the 年度主要任务 grid.

Headers are found by vocabulary (``vocabulary.department_grid_field`` for indicators,
``task_column_of`` for tasks): a row naming 三级指标 and 一级 or 二级指标 (three fields at least),
or 任务名称 with 主要内容 or an amount; a sub-header row under a group (指标值 over 计算符号 |
指标值 | 度量单位, 预算金额 over 总额 | 财政拨款 | 其他资金) replaces the group's column. A label
merged down beside a grid (绩效指标, 年度主要任务) is no column. Rows are read until a block label,
a note or a line across the grid; levels merged down are filled, a level-only row is skipped,
template placeholders (任务1, ……) too, and a 金额合计 row gives the plan's amounts. Columns the
model has no field for are kept in ``extras`` by their header text (sources/department.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from perfgoals_xl.model import (
    AMOUNT_LABELS,
    DepartmentPlan,
    DepartmentTask,
    Indicator,
    Location,
    Problem,
)
from perfgoals_xl.sources.grid import money_in_wan
from perfgoals_xl.sources.level_columns import (
    IMPLIED_LEVEL1_NOTE,
    OPEN_FIELDS,
    content_hint,
    dated_values,
    grid_body,
    imply_level1,
    level1_implied,
    name_by_place,
    name_hint,
    parts_hint,
    sheet_levels,
    target_by_word,
    target_hint,
    value_by_place,
    value_hint,
    value_parts,
)
from perfgoals_xl.sources.level_join import centred_levels, join_split_levels, spread_level1_right
from perfgoals_xl.sources.merged_values import mark_value_maybe_shared, merges_lost
from perfgoals_xl.sources.sheet_view import SheetView, filled_copy
from perfgoals_xl.sources.vocabulary import (
    CONTENT_HEADERS,
    MAX_FOOTER_TEXT,
    TASK_TOTAL,
    department_grid_field,
    department_label_of,
    header_sized,
    inline_total,
    is_column_numbers,
    is_footer_label,
    is_header_word,
    is_placeholder,
    is_total_cell,
    is_void_indicator,
    label_parts,
    legacy_as_name,
    level_label,
    level_weight_of,
    may_hold_values,
    nature_value_header,
    sort_qualifiers,
    split_level_code,
    task_column_of,
    void_row_note,
)
from perfgoals_xl.values import parse_value, value_from_parts

#: Field keys of one value column, the annual and the 实施周期 value.
VALUE_FIELDS = ("value", "annual_value", "period_value")
#: ``label：value`` in one cell (联系人：张三).
LABEL_VALUE = re.compile(r"^([^:：]{1,20})[:：]\s*(\S.*)$", re.S)
#: Longest text kept from one cell (a goal, a task's content, an extra column).
MAX_TEXT = 20000
#: Block labels that end a grid when a row starts with one (联系人, 年度绩效总目标 …).
BLOCK_KEYS = frozenset({"name", "code", "contact", "phone", "goal", "actual_summary", "tasks", "indicators"})
_NOTE_START = ("注", "说明", "备注：", "填表说明", "填报说明")
#: A template's placeholder task (任务1, ……, …) standing for a row to fill in.
_PLACEHOLDER = re.compile(r"^(?:任务\s{0,2}\d{1,2}|[.…。·\s]{1,20})$")


@dataclass
class Columns:
    """The columns of a grid (indicators or tasks): field → column, extras by header text."""

    header: int  # the header's last row
    top: int = -1  # the header's first row (a sub-header row below it moves ``header`` only)
    columns: dict[str, int] = field(default_factory=dict)
    extras: dict[str, int] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)  # money unit named in a column header
    notes: list[str] = field(default_factory=list)  # what was assumed reading the header (读取提示)
    #: Header cells saying the goal's own word (年度目标): no column of a grid, unless the values'.
    goals: dict[str, int] = field(default_factory=dict)


@dataclass
class Read:
    """What the grids of one table said, merged in order."""

    plan: DepartmentPlan
    problems: list[Problem]
    money: str = "万元"  # the unit bare amounts are written in (单位：元 → converted to 万元)
    title: str | None = None
    title_location: Location | None = None
    selfeval: bool = False
    #: 政府性基金拨款 (and the like) printed beside 一般公共预算: (label, amount, where), added into 财政拨款.
    fiscal_more: list[tuple[str, Decimal, Location]] = field(default_factory=list)
    #: Fields read from a line above the table (单位名称:X 填报日期:…) → that line's row: the table's own
    #: labelled cell wins, and so does a later such line (the one nearer the table: its own first row).
    provisional: dict[str, int] = field(default_factory=dict)
    #: The goal was read from numbered labels (年度目标1 | …, 年度目标2 | …): each next one is a line of it.
    numbered_goal: bool = False
    #: Sign-offs the block has no field for (填报日期, 单位(盖章), 审核人 …): the table's footer.
    footer: dict[str, str] = field(default_factory=dict)
    #: Whether an indicator grid read printed a value column (指标值, 实际完成值); None: no grid read.
    value_columns: bool | None = None
    #: Rows of the block judged header rows (labels only, no amount): each judged once.
    header_rows: dict[int, bool] = field(default_factory=dict)



def header_top(sheet: SheetView, row: int) -> int:
    """The first row of a header written over two rows (指标值 over 计算符号 | 指标值 | 度量单位)."""
    if row == 0:
        return row
    above = [c for c in range(len(sheet.rows[row])) if sheet.own(row, c) is False
             and sheet.origin(row, c)[0] == row - 1 and sheet.text(row, c)]
    return row - 1 if above and department_grid_field(sheet.text(row - 1, above[0])) is not None else row


# ── the indicator grid ──

def indicator_columns(sheet: SheetView, start: int, stop: int | None = None) -> Columns | None:
    """The indicator grid's header at or after `start` (before `stop`): its columns, a sub-header row
    merged in."""
    end = len(sheet.rows) if stop is None else min(stop, len(sheet.rows))
    found = next((c for r in range(start, end) if (c := _indicator_header(sheet, r)) is not None), None)
    if found is None:
        return None
    r = found.header
    cols = found
    if r + 1 < len(sheet.rows):
        sub = Columns(header=r + 1)
        _header_cells(sheet, r + 1, sub, department_grid_field, below=r)
        natures = not sub.columns and len(sub.extras) >= 2 and all(nature_value_header(t) for t in sub.extras)
        if natures or sub.columns and all(f not in ("name", "level1", "level2") for f in sub.columns) and (
                set(sub.columns) & {"operator", "measure_unit", *VALUE_FIELDS, "actual_value", "score", "weight"}):
            _overlay(sheet, cols, sub, sub.extras.values() if natures else ())  # (指标值 over 定量 | 定性)
            cols.extras.update(sub.extras)
    if "name" not in cols.columns:
        return None
    if "actual_value" not in cols.columns and "actual_summary" in cols.columns:
        cols.columns["actual_value"] = cols.columns.pop("actual_summary")  # 实际完成情况 over the indicators
    _levels_by_content(sheet, cols)
    if not any(k in cols.columns for k in VALUE_FIELDS):
        _value_by_place(sheet, cols)
    if not any(k in cols.columns for k in VALUE_FIELDS):
        _value_by_word(cols)
    _split_value(sheet, cols)
    return cols


def _value_by_word(cols: Columns) -> None:
    """The one column right of the names whose header says 目标 (年度目标, 预期目标), 计划, 预期 or 值 and, when
    the grid prints actuals, stands left of them: the values (:func:`level_columns.target_by_word`); else the
    columns named by year (2024年指标值 | 2024-2026年指标值: :func:`level_columns.dated_values`)."""
    if (target := target_by_word(cols.columns["name"], cols.extras, cols.goals, cols.columns.get("actual_value"))) is None:
        if (dated := dated_values(cols.columns["name"], cols.extras)) is not None:
            for key, label in dated.fields.items():  # 2024年指标值 | 2024-2026年指标值: the year's and the term's
                cols.columns[key] = cols.extras.pop(label)
            cols.notes.append(dated.hint(cols.extras))
        return
    label, value = target
    cols.extras.pop(label, None)
    cols.columns["value"] = value
    cols.notes.append(target_hint(label))


def _split_value(sheet: SheetView, cols: Columns) -> None:
    """The grid's one value header over two or three columns with no sub-header (≥ | 500人次): its parts
    by what they hold (:func:`level_columns.value_parts`), said in a 读取提示."""
    keys = [k for k in VALUE_FIELDS if k in cols.columns]
    if len(keys) != 1 or {"operator", "measure_unit"} & set(cols.columns):
        return
    [key] = keys
    c = cols.columns[key]
    parts = value_parts(sheet, cols.header, grid_body(sheet, cols.header + 1), c,
                        set(cols.columns.values()) | set(cols.extras.values()))
    if parts:
        cols.notes.append(parts_hint(sheet.text(cols.header, c), parts))
        del cols.columns[key]
        cols.columns.update({key if k == "value" else k: col for k, col in parts.items()})


def _value_by_place(sheet: SheetView, cols: Columns) -> None:
    """The value column whose header is blank (… | 三级指标 |  , its header lost), read by its place
    (:func:`level_columns.value_by_place`); a 读取提示 says so."""
    value = value_by_place(sheet, cols.top if cols.top >= 0 else cols.header, cols.header,
                           grid_body(sheet, cols.header + 1), cols.columns["name"],
                           set(cols.columns.values()) | set(cols.extras.values()),
                           {c: k for k, c in cols.columns.items()})
    if value is not None:
        cols.columns["value"] = value
        cols.notes.append(value_hint(value))


def _levels_by_content(sheet: SheetView, cols: Columns) -> None:
    """A level column whose header is blank, unknown or 指标类型 is that level's column when its cells
    name that level's classes (:mod:`level_columns`); a 读取提示 says so."""
    claimed = {k: c for k, c in cols.columns.items() if k not in OPEN_FIELDS}
    found = sheet_levels(sheet, cols.header, grid_body(sheet, cols.header + 1), claimed)
    for level, cand in found.items():
        for key in [k for k, c in cols.columns.items() if c == cand.column]:
            del cols.columns[key]  # (指标类型 read as 定量/定性)
        cols.columns[level] = cand.column
        cols.extras = {text: c for text, c in cols.extras.items() if c != cand.column}
        cols.notes.append(content_hint(level, cand))


def _indicator_header(sheet: SheetView, r: int) -> Columns | None:
    """Row r as the indicator grid's header: it names 三级指标 and 一级 or 二级指标, three fields at least
    (the lower row of a two-row header counts the labels merged down into it: 绩效指标 over 二级指标 |
    三级指标, 年度指标值 and 得分 beside it over both rows; a header printing two labels counts the names
    placed by their place)."""
    width = range(len(sheet.rows[r]))
    own = sum(1 for c in width if sheet.own(r, c) and sheet.text(r, c))
    if own < 2:
        return None
    cols = Columns(header=r, top=r)
    _header_cells(sheet, r, cols, department_grid_field)
    name = name_by_place(cols.columns, lambda c: not sheet.text(r, c) and sheet.origin(r, c)[1] == c,
                         lambda c: [t for rr in range(r + 1, min(len(sheet.rows), r + 4)) if (t := sheet.text(rr, c))],
                         len(sheet.rows[r]), lambda c: sheet.text(r, c))
    if own < 3 and name is None and not (r > 0 and any(
            not sheet.own(r, c) and sheet.origin(r, c)[0] == r - 1 and sheet.text(r, c) for c in width)):
        return None  # (two labels make a header only with names placed: 一级指标 |  |  | 指标值)
    if name is not None:
        cols.columns["name"] = name  # 一级指标 | 二级指标 |  | 指标值 (its 三级指标 lost): the names
        cols.notes.append(name_hint(name, sheet.text(r, name)))
    if "name" in cols.columns and not set(cols.columns) & {"level1", "level2", *VALUE_FIELDS} \
            and len(set(cols.columns) & _LEVELLESS_MARKS) >= 2:
        _value_by_place(sheet, cols)  # 指标名称 | 指标权重 | 计量单位 | 指标性质 |  (its 指标值 lost)
    return cols if is_indicator_header(set(cols.columns)) else None


#: Columns that, with 指标名称 and a value column, make a header of a grid printing no levels.
_LEVELLESS_MARKS = frozenset({"weight", "measure_unit", "operator", "nature", "direction", "actual_value", "score"})


def is_indicator_header(fields: set[str]) -> bool:
    """Do a row's header fields make an indicator grid's header? 三级指标 with 一级 or 二级指标 (three
    fields at least) — or, in a grid that prints no levels (指标名称 | 指标权重 | 计量单位 | 指标性质 |
    指标值), the name with a value column and a weight, unit, operator or score column."""
    if "name" not in fields or len(fields) < 3:
        return False
    if fields & {"level1", "level2"}:
        return True
    return bool(fields & set(VALUE_FIELDS)) and bool(fields & _LEVELLESS_MARKS)


def parse_amount(text: str, unit: str) -> Decimal | None:
    """An amount cell in 万元: ``250万``, ``10000万元``, ``3,000元``, ``1.2亿元`` or a bare number in `unit`
    (:func:`grid.money_in_wan`)."""
    return money_in_wan(text, unit)


def _overlay(sheet: SheetView, cols: Columns, sub: Columns, kept: Iterable[int] = ()) -> None:
    """A sub-header row's columns replace the group cell over them (指标值 over 计算符号 | 指标值 |
    度量单位; 预算金额 over 总额 | 财政拨款 | 其他资金), as do its columns ``kept`` as extras (指标值 over
    定量 | 定性: sources/nature_values.py reads them); the header ends at the sub-header."""
    r = cols.header
    groups = {sheet.origin(r, c) for c in [*sub.columns.values(), *kept]}
    for key in [k for k, v in cols.columns.items() if sheet.origin(r, v) in groups]:
        del cols.columns[key]
    cols.columns.update(sub.columns)
    cols.units.update(sub.units)
    for c in sub.columns.values():  # a unit written over the group (预算金额（万元）) applies below it
        group_unit = next((u for gc, u in cols.units.items() if sheet.origin(r, gc) == sheet.origin(r, c)), None)
        if group_unit and c not in sub.units:
            cols.units[c] = group_unit
    cols.header = r + 1


def _header_cells(sheet: SheetView, r: int, out: Columns, lookup: Callable[[str], object],
                  below: int | None = None) -> None:
    """The header cells of row r (each merged range once) into out; a label merged down past the
    header (绩效指标 beside the grid) is no column. `below`: this row sits under header row `below`."""
    seen: set[tuple[int, int]] = set()
    left: object = None  # the field of the header cell before (a 分值 right of a level is that level's)
    legacy: int | None = None  # a 绩效指标 column
    for c in range(len(sheet.rows[r])):
        origin = sheet.origin(r, c)
        if origin in seen or (below is not None and (origin == sheet.origin(below, c) or filled_copy(sheet, below, r, c))):
            continue
        seen.add(origin)
        text = sheet.text(r, c)
        if not text or not header_sized(text):
            continue
        if _merged_down(sheet, r, c, 2):
            continue
        key = lookup(text)
        f = key[0] if isinstance(key, tuple) else key
        f, left = level_weight_of(f, left), f
        if isinstance(key, tuple) and key[1]:
            out.units[c] = key[1]
        if (f in (None, "extra") or (f == "ignored" and text.strip() not in ("序号",))
                or f in out.columns and out.columns[f] != c):  # a second 三级指标 (指标内容): kept as printed
            out.extras.setdefault(re.sub(r"\s+", "", text), c)
        elif f not in ("ignored", "seq", "legacy", "department", "fund_unit", "project", "goal"):
            out.columns.setdefault(f, c)
        elif f == "goal":
            out.goals.setdefault(re.sub(r"\s+", "", text), c)
        elif f == "legacy":
            legacy = c  # (the last: a 绩效指标 block label left of the levels, its merge down lost, is none)
    described = legacy is not None and out.columns.get("name") == legacy + 1 and label_parts(
        sheet.text(r, legacy + 1)).key in CONTENT_HEADERS  # 绩效指标 | 指标内容: the names, then their description
    if legacy is not None and ("name" not in out.columns or described) and legacy_as_name(
            [f for _, f in sorted((c, f) for f, c in out.columns.items() if c < legacy)] + ["legacy"])[-1] == "name":
        if described:
            out.extras.setdefault(re.sub(r"\s+", "", sheet.text(r, legacy + 1)), legacy + 1)
        out.columns["name"] = legacy  # 一级指标 | 二级指标 | 绩效指标 | 指标值: the indicators' names


def _merged_down(sheet: SheetView, r: int, c: int, rows: int) -> bool:
    """Is (r, c) part of a range reaching `rows` or more rows below r?"""
    return r + rows < len(sheet.rows) and sheet.origin(r + rows, c) == sheet.origin(r, c)


def _ends_grid(sheet: SheetView, r: int, width: int, head: int | None = None) -> bool:
    """A row that ends a grid: a block label (联系人, 年度绩效总目标 …), a note, or a line across it — not
    the grid's side label printed again on each row (its merge filled down: the text above it, or on
    the header row `head`)."""
    texts = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    if not texts:
        return False
    c, first = texts[0]
    if first.startswith(_NOTE_START) or (len(first) <= MAX_FOOTER_TEXT and is_footer_label(first)):
        return True  # a note, or a sign-off (经办人及联系电话：…, 上报时间：…): under the grid, the block's
    for cc, text in texts[:2]:
        if text in (sheet.text(r - 1, cc) if r > 0 else None, sheet.text(head, cc) if head is not None else None):
            continue  # the grid's side label printed again on each row (its merge filled down): no new block
        key = department_label_of(text)[0] if len(text) <= 30 else None
        if key is None and (m := LABEL_VALUE.match(text)) and len(m.group(1)) <= 12:
            key = department_label_of(m.group(1))[0]
        if key in BLOCK_KEYS and key != "indicators":
            return True
    if len(texts) == 1:
        span = sum(1 for cc in range(width) if sheet.origin(r, cc) == sheet.origin(r, c))
        return span * 2 >= width and len(first) > 4
    return False


def read_indicators(sheet: SheetView, cols: Columns, read: Read) -> int:
    """The indicator rows below the header; returns the row after the last one read."""
    columns = cols.columns
    value_cols = [columns[k] for k in (*VALUE_FIELDS, "actual_value") if k in columns]
    shown = [*value_cols, *(columns[k] for k in ("weight", "score") if k in columns)]  # read as formatted
    width = max([*columns.values(), *cols.extras.values()], default=0) + 1
    first = cols.header + 1
    sheet.load_number_formats([(r, c) for r in range(first, min(len(sheet.rows), first + 5000))
                               for c in shown])
    if "actual_value" in columns or "score" in columns:
        read.selfeval = True
    # a grid of 分值 | 评分标准 | 得分 printing no value column: an evaluation scoring sheet (model.scoring_sheet)
    read.value_columns = bool(value_cols) or may_hold_values(cols.extras) or bool(read.value_columns)
    level_cols = [columns[k] for k in ("level1", "level2") if k in columns]
    anchor = level_cols[0] if level_cols else columns["name"]  # (a grid printing no levels: its names)
    for note in cols.notes:
        read.problems.append(Problem("S11", f"读取提示：{note}", location=sheet.loc(cols.header, anchor)))
    rows = range(first, min(len(sheet.rows), first + 5000))
    for hint, _ in join_split_levels(sheet, level_cols, rows):
        read.problems.append(Problem("S11", f"读取提示：{hint}", location=sheet.loc(first, level_cols[0])))
    level2 = [columns["level2"]] if "level2" in columns else []
    for hint in centred_levels(sheet, columns.get("level1"), level2, columns["name"], rows):
        read.problems.append(Problem("S11", f"读取提示：{hint}", location=sheet.loc(first, anchor)))
    if "level1" in columns and "level2" in columns:  # a level-1 over both level columns, its merge lost (CSV)
        for hint in spread_level1_right(sheet, columns["level1"], columns["level2"], rows):
            read.problems.append(Problem("S11", f"读取提示：{hint}", location=sheet.loc(first, columns["level1"])))
    implied = level1_implied(columns)  # 二级指标 | 三级指标 | … only
    if implied:
        read.problems.append(Problem("S11", f"读取提示：{IMPLIED_LEVEL1_NOTE}", location=sheet.loc(cols.header, anchor)))
    level1 = level2 = ""
    level1_weight: float | None = None
    level2_weight: float | None = None
    lost, last_row = merges_lost(sheet.grid), -2  # (a target merged over two rows: its text on the first only)
    r = first
    while r < len(sheet.rows):
        if _total_row(sheet, r, cols):
            _total(sheet, r, cols, read)
            r += 1
            break  # 总分 closes the grid; what follows (偏差原因分析, 改进措施 …) is the block's
        if _ends_grid(sheet, r, width, cols.header):
            break
        if _indicator_columns_at(sheet, r):
            again = indicator_columns(sheet, r, r + 1)
            if again is None or again.header > r + 1 or any(
                    again.columns.get(k) != columns.get(k) for k in ("level1", "level2", "name")):
                break  # another grid's header: the caller reads on
            r = again.header + 1
            continue  # the same header printed again on a PDF's next page: the levels above go on
        own = [t for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))]
        if is_column_numbers(own) or (r > first and len(own) >= 3 and all(is_header_word(t) for t in own)):
            r += 1
            continue  # a 栏次 row under the header (1 | 2 | 3 …), or a header's upper row printed again
        texts = {k: sheet.text(r, c) for k, c in columns.items()}
        if texts.get("level1") and texts["level1"] != level1:
            level2 = ""  # a new level 1: the level 2 above belongs to the previous one
            level1_weight = None
        level1 = texts.get("level1") or level1
        level2 = texts.get("level2") or level2
        # the level-1's weight: its own column (自评权重, merged down its rows) or its label (产出指标(50分))
        level1_weight = _number(texts.get("level1_weight", "")) if texts.get("level1_weight") else level1_weight
        if texts.get("level2") and "level2_weight" in columns:
            level2_weight = _number(texts.get("level2_weight", ""))
        ind = _indicator(sheet, r, cols, texts, level1, level2)
        if ind is None and texts.get("name") and (note := void_row_note(texts["name"], level2)):
            read.problems.append(Problem("S11", f"读取提示：{note}", location=sheet.loc(r, columns["name"])))
        if ind is not None:
            # levels as the other readers give them: annotations, spaces and line breaks aside
            # (产出指标(50分) → 产出指标, 群众满意度\n指标 → 群众满意度指标)
            name, label_weight, _ = level_label(ind.level1)
            ind.level1 = name or ind.level1
            level2_name, level2_label_weight, _ = level_label(ind.level2)
            ind.level2 = level2_name or ind.level2
            if implied and not ind.level1:
                imply_level1(ind)
            ind.level1_weight = level1_weight if level1_weight is not None else label_weight
            if "level2_weight" in columns:
                ind.level2_weight = level2_weight
            elif level2_label_weight is not None:
                ind.level2_weight = level2_label_weight  # 预算编制(30分): the weight its label prints
            before = read.plan.indicators[-1] if read.plan.indicators else None
            if (lost and r == last_row + 1 and not (texts.get("level1") or texts.get("level2"))
                    and (note := mark_value_maybe_shared(before, ind))):
                read.problems.append(Problem("S11", f"读取提示：{note}", location=sheet.loc(r, columns["name"])))
            last_row = r
            read.plan.indicators.append(ind)
            unusable_numbers(read, texts, ind.field_locations, f"指标“{ind.name[:30]}”的")
        r += 1
    return r


def _total_row(sheet: SheetView, r: int, cols: Columns) -> bool:
    """总分 / 合计 as the row's first own text, with no indicator value of its own beside it: the
    grid's closing row (an indicator named 合计 with its values stays an indicator)."""
    own = [c for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    if not own or not is_total_cell(sheet.text(r, own[0])):
        return False  # (总分 | … | 100, or 总分:100 in one cell merged across)
    values = [cols.columns[k] for k in (*VALUE_FIELDS, "actual_value") if k in cols.columns]
    return not any(sheet.own(r, c) and sheet.text(r, c) for c in values)


def _total(sheet: SheetView, r: int, cols: Columns, read: Read) -> None:
    """The 总分 a 自评表 claims, in the 得分 column of its total row (kept as printed when no number)."""
    c = cols.columns.get("score")
    text = sheet.text(r, c) if c is not None and sheet.own(r, c) else ""
    first = next(cc for cc in range(len(sheet.rows[r])) if sheet.own(r, cc) and sheet.text(r, cc))
    if not text and (inline := inline_total(sheet.text(r, first))) is not None:
        read.plan.total_score = inline  # 总分:100 in one cell merged across the row
        read.plan.field_locations["total_score"] = sheet.loc(r, first)
        return
    if not text:
        return
    value = claimed_total(text)
    if value is not None:
        read.plan.total_score = value
        read.plan.field_locations["total_score"] = sheet.loc(r, c)
    else:
        read.plan.extras.setdefault("总分", text[:MAX_TEXT])


def _indicator_columns_at(sheet: SheetView, r: int) -> bool:
    """Does row r repeat the indicator header (a grid continued on the next page)?"""
    fields = {department_grid_field(sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c)}
    return ("name" in fields and bool(fields & {"level1", "level2"})) or is_indicator_header(
        {f for f in fields if f is not None})


def _indicator(sheet: SheetView, r: int, cols: Columns, texts: dict[str, str],
               level1: str, level2: str) -> Indicator | None:
    """One indicator row, or None for a row with no 三级指标 and no value (a level placeholder)."""
    columns = cols.columns
    name = texts.get("name", "")
    # 符号 / 指标性质 / 指标值类型 / 指标方向 cells where their content belongs (≤ under 指标值类型 …)
    operator, nature_text, direction = sort_qualifiers(texts.get("operator", ""), texts.get("nature", ""),
                                                       texts.get("direction", ""))
    nature = nature_text or None
    unit = texts.get("measure_unit", "")
    raw = {k: texts.get(k, "") for k in VALUE_FIELDS}
    for key, v in raw.items():  # 符号 | 指标值 | 单位, or the same under 年度指标值: one value
        if v and (operator or unit):
            raw[key] = value_from_parts(operator or None, v, None if unit and v.endswith(unit) else unit)
    if not name and not any(raw.values()):
        return None
    if is_void_indicator(name, raw.values(), (texts.get("weight", ""), texts.get("score", ""))):
        return None  # 本项目不适用此指标 | 无, — | —: a level declared empty, no indicator (said by the caller)
    if (not any(k in columns for k in VALUE_FIELDS) and not texts.get("weight") and not texts.get("score")
            and name.endswith("指标") and len(name) <= 12):
        return None  # 部门特性指标 in a scoring sheet, no 分值 nor 得分: the heading of the rows under it
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
            extras[label] = text[:MAX_TEXT]
            locs[f"extra:{label}"] = sheet.loc(r, c)
    weight = _number(texts.get("weight", ""))
    if weight is None and texts.get("weight"):
        extras["分值"] = texts["weight"]
    if weight is None and not texts.get("weight") and (printed := _NAME_WEIGHT.search(name)):
        weight = float(printed.group(1))  # 相关性（5分）: an evaluation criterion's 分值 printed in its name
        name = name[: printed.start()].rstrip()
    score = _number(texts.get("score", ""))
    if score is None and texts.get("score"):
        extras["得分"] = texts["score"]
    actual = texts.get("actual_value", "")
    code1, l1 = split_level_code(level1)
    code2, l2 = split_level_code(level2)
    return Indicator(
        seq=None, level1_code=code1, level1=l1, level2_code=code2, level2=l2, name=name,
        period_value=parse_value(period), annual_value=parse_value(annual), weight=weight,
        direction=direction or None, nature=nature,
        actual_value=parse_value(actual) if actual else None, score=score,
        deviation_reason=texts.get("deviation_reason") or None, extras=extras,
        location=locs.get("name") or sheet.loc(r, min(columns.values())), field_locations=locs,
    )


_NUMBER_LABELS = {"weight": "分值", "score": "得分"}
#: A 分值 printed at the end of an indicator's name: 相关性（5分）, 目标管理(0-5分).
_NAME_WEIGHT = re.compile(r"\s*[(（](?:\d{1,3}\s*[-~—至]\s*)?(\d{1,3}(?:\.\d)?)\s*分[)）]$")


def unusable_numbers(read: Read, texts: dict[str, str], locs: dict[str, Location], what: str) -> None:
    """A 分值 or 得分 written but not a usable number (1e+308, NaN, 十分) is said, never silently
    replaced: the score would otherwise use the default split without a word."""
    for key, label in _NUMBER_LABELS.items():
        text = texts.get(key, "")
        if text and not is_placeholder(text) and _number(text) is None:
            read.problems.append(Problem("S01", f"{what}{label}“{text[:20]}”不是可用的数字（应为不超过 1000000 的分数），"
                                                "未使用", location=locs.get(key) or locs.get(f"budget_block:{key}"),
                                         raw=text[:40], field=key))


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


def claimed_total(text: str) -> float | None:
    """A 总分 a 自评表 claims (``98.5``, ``98.5分``), 0 to 1000, else None."""
    value = _number(text)
    return value if value is not None and 0 <= value <= 1000 else None


# ── the 年度主要任务 grid ──

def task_columns(sheet: SheetView, rows: list[int] | None = None) -> Columns | None:
    """The 年度主要任务 header: a row naming 任务名称 and 主要内容 or an amount, its sub-header merged in."""
    for r in rows if rows is not None else range(len(sheet.rows)):
        cols = Columns(header=r, top=r)
        _header_cells(sheet, r, cols, task_column_of)
        if "name" in cols.columns and ("content" in cols.columns or "total" in cols.columns):
            if r + 1 < len(sheet.rows):
                sub = Columns(header=r + 1)
                _header_cells(sheet, r + 1, sub, task_column_of, below=r)
                if sub.columns and "name" not in sub.columns and set(sub.columns) <= {"total", "fiscal", "special",
                                                                                      "other"}:
                    _overlay(sheet, cols, sub)
            return cols
    return None


def read_tasks(sheet: SheetView, cols: Columns, rows: list[int], read: Read) -> set[int]:
    """The task rows under the header (until a block label or a blank row); returns the rows read."""
    columns = cols.columns
    width = max(columns.values()) + 1
    used: set[int] = set()
    expected = cols.header + 1  # the next row of the grid
    for r in rows:
        if r != expected or _indicator_columns_at(sheet, r) or (
                _ends_grid(sheet, r, width, cols.header) and not _task_total_row(sheet, r, columns)):
            break  # (金额合计 in the side label's column, that label filled down the tasks: the total still)
        expected = r + 1
        texts = {k: sheet.text(r, c) for k, c in columns.items()}
        if not any(texts.values()):
            if r + 1 < len(sheet.rows) and _task_total_row(sheet, r + 1, columns):
                continue  # a blank line above the 金额合计 row: the grid goes on to its total
            break
        if is_column_numbers(t for t in texts.values() if t):
            continue  # a 栏次 row (1 | 2 | 3 …) under the header
        used.add(r)
        if _task_total_row(sheet, r, columns):
            _task_total(sheet, r, cols, texts, read)  # 金额合计: the tasks' total
            continue
        if not (texts.get("content") or any(texts.get(k) for k in ("total", "fiscal", "special", "other"))) and (
                not texts.get("name") or _PLACEHOLDER.match(texts["name"])):
            continue  # a blank or placeholder row of the template (任务1 / ……)
        task = DepartmentTask(name=texts.get("name", ""), content=texts.get("content", "")[:MAX_TEXT],
                              location=sheet.loc(r, columns["name"]))
        for key in ("name", "content"):
            if texts.get(key):
                task.field_locations[key] = sheet.loc(r, columns[key])
        for key in ("total", "fiscal", "special", "other"):
            text = texts.get(key)
            if not text:
                continue
            amount = amount_in(text, cols.units.get(columns[key]), read)
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


def _task_total_row(sheet: SheetView, r: int, columns: dict[str, int]) -> bool:
    """Is row r the tasks' 金额合计 row (its label in the name cell, or left of it where a CSV lost the
    merge over the label columns)?"""
    name = sheet.text(r, columns["name"]) if "name" in columns else ""
    return bool(TASK_TOTAL.match(re.sub(r"\s+", "", name or _text_left(sheet, r, columns.get("name", 0)))))


def _text_left(sheet: SheetView, r: int, c: int) -> str:
    """The nearest own text left of an empty cell in row r (金额合计 merged over the label columns, its
    merge lost in a CSV: the text stands in the first of them)."""
    return next((t for cc in range(c - 1, -1, -1) if sheet.own(r, cc) and (t := sheet.text(r, cc))), "")


def _task_total(sheet: SheetView, r: int, cols: Columns, texts: dict[str, str], read: Read) -> None:
    """The 金额合计 row of the tasks: the plan's 年度资金总额 and sources when no block gave them."""
    for key in ("total", "fiscal", "special", "other"):
        text = texts.get(key)
        c = cols.columns.get(key)
        if text and c is not None and sheet.origin(r, c) != sheet.origin(r, cols.columns["name"]):
            amount = amount_in(text, cols.units.get(c), read)
            if amount is not None and read.plan.amounts.get(key) is None:
                setattr(read.plan.amounts, key, amount)
                read.plan.field_locations.setdefault(key, sheet.loc(r, c))


def amount_in(text: str, unit: str | None, read: Read) -> Decimal | None:
    """An amount cell in 万元 (its own unit, the column's, or the table's)."""
    return parse_amount(text, unit or read.money)
