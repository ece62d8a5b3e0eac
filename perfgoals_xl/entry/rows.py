"""The entry sheet as plain rows of cell values — pure functions, no I/O.

``entry_rows(table)`` gives every row of the 填报 sheet (title, department line,
header, data) as Python values; formulas are :class:`Formula` strings that carry
their cached value. ``table_from_entry_rows`` reads such rows back (values as
Excel returns them in one bulk call), ``expand_pasted_strings`` turns pasted
绩效指标 strings into indicator rows (the 拆分指标 button).

What is written where (docs/entry-sheet.md):

- 合计 row (资金使用单位 = 合计) and one row per fund unit that has amounts (unit
  name, no project), then each project: project fields on its first row, one
  row per indicator, level names written on every indicator row as written in
  the source (经济效益 stays 经济效益).
- 总计 is the formula ``=IF(COUNT(D:F)=0,"",SUM(D:F))`` with its value cached —
  unless the source's 总计 differs from the sum of its parts (or has no parts):
  then it is written as a number, so rule A01 still sees the source's error.
- Code columns are lookup formulas when the formula gives the source's code;
  otherwise the code as written (a disagreeing code, as text) or blank (none).
- Indicator text that could not be parsed (S01 in the source) is put back in the
  绩效指标（粘贴原文） cell of the project's first row: nothing is lost, and
  reading reports it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import chain
from typing import Any

from perfgoals_xl.entry import layout
from perfgoals_xl.entry.layout import COLUMNS, FIRST_DATA_ROW, HEADERS, INDEX
from perfgoals_xl.longform_cells import department_label, extras_text, unit_label
from perfgoals_xl.model import AMOUNT_FIELDS, Amounts, Indicator, PerfTable, Project
from perfgoals_xl.sources.vocabulary import DEPARTMENT_SOURCES


class Formula(str):
    """A formula ('=…') with the value it evaluates to (cached in the file)."""

    cached: Any

    def __new__(cls, text: str, cached: Any = "") -> Formula:
        obj = super().__new__(cls, text)
        obj.cached = cached
        return obj


def _blank_row() -> list[Any]:
    return [None] * len(COLUMNS)


def _formula_row(row: list[Any], r: int) -> list[Any]:
    """Fill the formula columns of data row r (0-based sheet row) where they are still empty."""
    i_total, i_c1, i_c2 = INDEX["total"], INDEX["level1_code"], INDEX["level2_code"]
    if row[i_total] is None:
        parts = [row[INDEX[k]] for k in ("fiscal", "special", "other")]
        numbers = [Decimal(f"{p:.15g}") for p in parts if isinstance(p, (int, float)) and not isinstance(p, bool)]
        row[i_total] = Formula(layout.total_formula(r), float(sum(numbers, Decimal(0))) if numbers else "")
    if row[i_c1] is None:
        row[i_c1] = Formula(layout.level1_code_formula(r), layout.formula_level1_code(row[INDEX["level1"]] or ""))
    if row[i_c2] is None:
        code1 = row[i_c1].cached if isinstance(row[i_c1], Formula) else str(row[i_c1] or "")
        row[i_c2] = Formula(layout.level2_code_formula(r),
                            layout.formula_level2_code(code1, row[INDEX["level2"]] or ""))
    return row


def _amount_cells(row: list[Any], amounts: Amounts) -> None:
    """Amount cells of a row: parts as numbers; 总计 a formula only when it equals their sum."""
    parts = [amounts.get(k) for k in AMOUNT_FIELDS[1:]]
    for key in AMOUNT_FIELDS[1:]:
        value = amounts.get(key)
        if value is not None:
            row[INDEX[key]] = float(value)
    has_parts = any(p is not None for p in parts)
    if amounts.total is not None and not (has_parts and amounts.total == amounts.parts_sum()):
        row[INDEX["total"]] = float(amounts.total)
    elif amounts.total is None and has_parts:
        row[INDEX["total"]] = ""  # the source left 总计 blank: keep it blank, not a formula
    # otherwise: left None, the formula is filled in by _formula_row


def _code_cells(row: list[Any], ind: Indicator) -> None:
    """Codes: a formula (as on the spare rows) where the source wrote none or the formula yields
    the source's code; the code as written where it differs from what the formula would give."""
    code1 = layout.formula_level1_code(ind.level1)
    if ind.level1_code and ind.level1_code != code1:
        row[INDEX["level1_code"]] = ind.level1_code
        code1 = ind.level1_code
    code2 = layout.formula_level2_code(code1, ind.level2)
    if ind.level2_code and ind.level2_code != code2:
        row[INDEX["level2_code"]] = ind.level2_code


def _indicator_cells(row: list[Any], ind: Indicator) -> None:
    if ind.seq is not None:
        row[INDEX["seq"]] = ind.seq
    for key in ("level1", "level2", "name"):
        text = getattr(ind, key)
        if text:
            row[INDEX[key]] = text
    for key in ("period_value", "annual_value"):
        raw = getattr(ind, key).raw
        if raw:
            row[INDEX[key]] = raw
    if ind.weight is not None:
        row[INDEX["weight"]] = float(ind.weight)
    if ind.direction:
        row[INDEX["direction"]] = ind.direction
    _code_cells(row, ind)
    _selfeval_indicator_cells(row, ind)
    _form_indicator_cells(row, ind)


def _form_indicator_cells(row: list[Any], ind: Indicator) -> None:
    """申报表 cells of an indicator row: 指标性质, 附加字段."""
    if ind.nature:
        row[INDEX["nature"]] = ind.nature
    if ind.extras:
        row[INDEX["extras"]] = extras_text(ind.extras)


def _form_project_cells(row: list[Any], project: Project) -> None:
    """申报表 cells of a project's first row: 项目编码 … 中期目标, 项目附加字段."""
    for key, attr in (("project_code", "code"), ("implementer", "implementer"), ("category", "category"),
                      ("term", "term"), ("period_goal", "period_goal")):
        if getattr(project, attr):
            row[INDEX[key]] = getattr(project, attr)
    if project.department:
        row[INDEX["project_department"]] = department_label(project.department, project.department_code)
    if project.extras:
        row[INDEX["project_extras"]] = extras_text(project.extras)


def _selfeval_indicator_cells(row: list[Any], ind: Indicator) -> None:
    """绩效自评 cells of an indicator row: 实际完成值, 得分, 偏差原因分析及改进措施."""
    if ind.actual_value is not None and ind.actual_value.raw:
        row[INDEX["actual_value"]] = ind.actual_value.raw
    if ind.score is not None:
        row[INDEX["score"]] = float(ind.score)
    if ind.deviation_reason:
        row[INDEX["deviation_reason"]] = ind.deviation_reason


def _selfeval_project_cells(row: list[Any], project: Project) -> None:
    """绩效自评 cells of a project's first row: 年初预算数, 全年预算数, 全年执行数, 实际完成情况."""
    for key in ("budget_initial", "budget_adjusted", "budget_executed"):
        amount = getattr(project, key)
        if amount is not None:
            row[INDEX[key]] = float(amount)
    if project.actual_summary:
        row[INDEX["actual_summary"]] = project.actual_summary


def _unparsed_text(table: PerfTable, project: Project) -> str:
    return "".join(p.raw or "" for p in table.problems
                   if p.code == "S01" and p.project == project.name and p.raw and p.field != "weight")


def _has_amounts(amounts: Amounts) -> bool:
    return any(amounts.get(k) is not None for k in AMOUNT_FIELDS)


def header_rows(table: PerfTable) -> list[list[Any]]:
    """Title, department line and header (the first FIRST_DATA_ROW rows)."""
    title = _blank_row()
    title[0] = table.title
    dept = _blank_row()
    dept[0] = "部门名称："
    if table.department:
        dept[1] = department_label(table.department, table.department_code)
    dept[INDEX["total"]] = "单位：万元"
    return [title, dept, list(HEADERS)]


def department_source_note(table: PerfTable) -> str | None:
    """``部门名称来源：部门汇总行`` — where the department name was read, for the round trip.

    The writer puts it right of the table on the department line (``DEPARTMENT_ROW``), outside
    the printed area: it is bookkeeping, not part of the printed form.
    """
    if table.department and table.department_source in DEPARTMENT_SOURCES:
        return f"部门名称来源：{DEPARTMENT_SOURCES[table.department_source]}"
    return None


def data_rows(table: PerfTable, *, assumed: list[tuple[int, Amounts]] | None = None,
              ) -> list[list[Any]]:
    """The data rows (without formulas) of a table, in sheet order.

    ``assumed`` (if given) collects (index into the result, amounts) of every row whose
    amounts have assumed columns (Amounts.assumed): the writer notes them (entry/notes.py).
    """
    return list(iter_data_rows(table, assumed=assumed))


def iter_data_rows(table: PerfTable, *, assumed: list[tuple[int, Amounts]] | None = None,
                   ) -> Iterator[list[Any]]:
    """The data rows of :func:`data_rows`, one at a time (a writer streaming the sheet holds one
    row); ``assumed`` gets a row's (index, amounts) before the row is yielded."""
    index = 0

    def note(amounts: Amounts) -> None:
        if assumed is not None and amounts.assumed:
            assumed.append((index, amounts))

    if _has_amounts(table.amounts):
        row = _blank_row()
        row[INDEX["fund_unit"]] = "合计"
        _amount_cells(row, table.amounts)
        note(table.amounts)
        yield row
        index += 1
    for unit in table.units:
        if _has_amounts(unit.amounts) or not unit.projects:
            row = _blank_row()
            row[INDEX["fund_unit"]] = unit_label(unit.name, unit.code)
            _amount_cells(row, unit.amounts)
            note(unit.amounts)
            yield row
            index += 1
        for project in unit.projects:
            first = _blank_row()
            first[INDEX["fund_unit"]] = unit_label(unit.name, unit.code) or None
            first[INDEX["project"]] = project.name
            _amount_cells(first, project.amounts)
            note(project.amounts)
            if project.goal:
                first[INDEX["goal"]] = project.goal
            unparsed = _unparsed_text(table, project)
            if unparsed:
                first[INDEX["legacy"]] = unparsed
            _selfeval_project_cells(first, project)
            _form_project_cells(first, project)
            indicators = project.indicators or [None]
            for k, ind in enumerate(indicators):
                row = first if k == 0 else _blank_row()
                if ind is not None:
                    _indicator_cells(row, ind)
                yield row
                index += 1


def data_row_count(table: PerfTable) -> int:
    """How many data rows :func:`iter_data_rows` gives (without making them)."""
    count = int(_has_amounts(table.amounts))
    for unit in table.units:
        count += int(_has_amounts(unit.amounts) or not unit.projects)
        count += sum(max(1, len(project.indicators)) for project in unit.projects)
    return count


#: The column right of the table (index ``len(COLUMNS)``) that says, on a project's first row, whether
#: its grid prints value columns (是/否: ``Project.values_printed``): written by the file writer only when
#: some project is an evaluation scoring sheet's (no 指标值 / 实际完成值 column), so every other entry
#: workbook is unchanged; the long-format reader reads it back (sources/longform_forms.py).
PRINTED_HEADER = "印有指标值栏"
PRINTED_HINT = ("否：原表是绩效评价评分表（只印分值、指标解释、评分标准、自评得分，没有指标值栏），"
                "检查时不要求年度指标值和实际完成值。是或空白：原表印有指标值栏。")


def printed_cells(table: PerfTable) -> dict[int, str]:
    """Data row index (as :func:`iter_data_rows` counts) → 是/否 on each project's first row, when some
    project prints no value column (``values_printed`` False); empty otherwise."""
    if all(p.values_printed for p in table.projects()):
        return {}
    out: dict[int, str] = {}
    n = int(_has_amounts(table.amounts))
    for unit in table.units:
        n += int(_has_amounts(unit.amounts) or not unit.projects)
        for project in unit.projects:
            out[n] = "是" if project.values_printed else "否"
            n += max(1, len(project.indicators))
    return out


def amount_notes(table: PerfTable) -> list[tuple[int, int, str]]:
    """(sheet row, column, text), 0-based, of the notes on assumed amount cells (PG-S10)."""
    from perfgoals_xl.assumed_notes import assumed_note

    found: list[tuple[int, Amounts]] = []
    data_rows(table, assumed=found)
    return [(FIRST_DATA_ROW + i, INDEX[amounts.assumed[0]], assumed_note(amounts.assumed))
            for i, amounts in found if amounts.assumed[0] in INDEX]


def entry_rows(table: PerfTable, *, spare_rows: int = 0) -> list[list[Any]]:
    """Every row of the 填报 sheet for this table (formulas as :class:`Formula`)."""
    return list(iter_entry_rows(table, spare_rows=spare_rows))


def iter_entry_rows(table: PerfTable, *, spare_rows: int = 0,
                    assumed: list[tuple[int, Amounts]] | None = None) -> Iterator[list[Any]]:
    """The rows of :func:`entry_rows`, one at a time, in sheet order (``assumed``: as in
    :func:`iter_data_rows`, indices counted from the first data row)."""
    yield from header_rows(table)
    body = chain(iter_data_rows(table, assumed=assumed), (_blank_row() for _ in range(spare_rows)))
    for r, row in enumerate(body, start=FIRST_DATA_ROW):
        yield _formula_row(row, r)


def table_from_entry_rows(rows: list[list[Any]], *, sheet: str = layout.SHEET, file: str | None = None,
                          first_row: int = 0, first_col: int = 0,
                          merged: list[tuple[int, int, int, int]] | None = None,
                          number_formats: dict[tuple[int, int], str] | None = None) -> PerfTable:
    """Read the 填报 sheet from cell values in memory (e.g. one bulk ``range.value`` in Excel).

    rows[0][0] is the sheet cell (first_row, first_col), 0-based, so locations name
    real cells; number_formats (relative to rows) lets 0.95 shown as 95% read as "95%".
    """
    from perfgoals_xl.sources.longform import table_from_rows

    values = [[c.cached if isinstance(c, Formula) else c for c in row] for row in rows]
    return table_from_rows(values, sheet=sheet, file=file, first_row=first_row, first_col=first_col,
                           merged=merged, layout="entry", number_formats=number_formats)


def expand_pasted_strings(rows: list[list[Any]], *, first_row: int = 0) -> list[list[Any]]:
    """Expand every filled 绩效指标（粘贴原文） cell into indicator rows below it.

    rows are sheet rows starting at sheet row first_row (0-based) and must include
    the header row. Each parsed item becomes a row of the same project (project
    cells left blank, so they continue it); the first item goes on the pasted row
    itself when that row has no indicator yet. Text that does not parse stays in
    the cell. Formula columns of every data row are renumbered for the new rows.
    """
    from perfgoals_xl import grammar
    from perfgoals_xl.sources.longform import find_header

    header = find_header(rows)
    if header is None or "legacy" not in header.columns:
        return [list(r) for r in rows]
    cols = header.columns
    out: list[list[Any]] = [list(r) for r in rows[: header.row + 1]]
    ind_keys = [k for k in ("level1", "level2", "name", "period_value", "annual_value") if k in cols]
    for row in rows[header.row + 1:]:
        row = list(row) + [None] * max(0, len(COLUMNS) - len(row))
        text = row[cols["legacy"]]
        if not isinstance(text, str) or not text.strip():
            out.append(row)
            continue
        result = grammar.parse(text.strip())
        if not result.items:
            out.append(row)
            continue
        row[cols["legacy"]] = "".join(p.raw or "" for p in result.problems) or None
        items = list(result.items)
        if not any(isinstance(row[cols[k]], str) and row[cols[k]].strip() for k in ind_keys):
            _put_item(row, cols, items.pop(0))
            out.append(row)
        else:
            out.append(row)
        for item in items:
            new = [None] * len(row)
            _put_item(new, cols, item)
            out.append(new)
    return _renumber_formulas(out, header.row, cols, first_row)


def _put_item(row: list[Any], cols: dict[str, int], ind: Indicator) -> None:
    values = {
        "seq": ind.seq, "level1": ind.level1 or None, "level2": ind.level2 or None,
        "name": ind.name or None, "period_value": ind.period_value.raw or None,
        "annual_value": ind.annual_value.raw or None,
        "level1_code": ind.level1_code, "level2_code": ind.level2_code,
    }
    for key, value in values.items():
        if key in cols:
            row[cols[key]] = value


def _renumber_formulas(rows: list[list[Any]], header_row: int, cols: dict[str, int],
                       first_row: int) -> list[list[Any]]:
    """Formula columns of our own layout: a formula, blank or formula-equal cell gets its row's formula."""
    if [cols.get(c.key) for c in COLUMNS] != list(range(len(COLUMNS))):
        return rows  # not our exact layout: leave formulas alone
    for i in range(header_row + 1, len(rows)):
        row = rows[i]

        def is_formula_like(value: Any, expected: str) -> bool:
            return value is None or value == "" or value == expected or (
                isinstance(value, str) and value.startswith("="))

        total = row[INDEX["total"]]
        if isinstance(total, str) and total.startswith("="):
            row[INDEX["total"]] = None
        code1 = row[INDEX["level1_code"]]
        expected1 = layout.formula_level1_code(entry_text(row[INDEX["level1"]]))
        if is_formula_like(code1, expected1):
            row[INDEX["level1_code"]] = None
            code1 = expected1
        expected2 = layout.formula_level2_code(entry_text(code1), entry_text(row[INDEX["level2"]]))
        if is_formula_like(row[INDEX["level2_code"]], expected2):
            row[INDEX["level2_code"]] = None
        _formula_row(row, first_row + i)
    return rows


def entry_text(value: Any) -> str:
    """A cell of the entry sheet as text: blank → '', a whole float (12.0) → '12', stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
