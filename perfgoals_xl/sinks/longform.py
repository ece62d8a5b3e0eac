"""The long format: one row per indicator, all fields (pandas, CSV with BOM, xlsx).

A project without indicators still gets one row (indicator fields blank), and the
CSV also carries the 合计 row (fund_unit 合计) and each unit's own amounts (rows
without project; a unit without projects gets its row even without amounts), so
nothing of the table is lost; the DataFrame keeps only the
project rows (one per indicator). The DataFrame's column names are the model's
English identifiers; the CSV's headers are the official Chinese terms (COLUMNS, the
same header text as the entry sheet where both have the column) or, with
``headers="en"``, the identifiers; the long-format reader knows both, so a CSV
written here reads back. The .xlsx output is the
entry workbook (perfgoals_xl.entry): one row per indicator with Chinese headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfgoals_xl.hierarchy_labels import (
    is_department_row,
    label_misread,
    project_row_total_kind,
    total_kind,
)
from perfgoals_xl.longform_cells import (
    ASSUMED_COLUMN,
    ASSUMED_HEADER,
    department_label,
    extras_text,
    unit_label,
)
from perfgoals_xl.model import AMOUNT_FIELDS, FundUnit, Indicator, PerfTable, Value

#: Columns of the long format, in order, with their official Chinese names.
COLUMNS: dict[str, str] = {
    "department": "部门名称",
    "department_source": "部门名称来源",
    "fund_unit": "资金使用单位",
    "project": "项目名称",
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
    "goal": "绩效目标",
    "seq": "指标序号",
    "level1_code": "一级指标代码",
    "level1": "一级指标",
    "level2_code": "二级指标代码",
    "level2": "二级指标",
    "name": "三级指标",
    "period_value": "实施周期指标值",
    "period_kind": "实施周期值类型",
    "period_operator": "实施周期计算符号",
    "period_number": "实施周期数值",
    "period_unit": "实施周期计量单位",
    "annual_value": "年度指标值",
    "annual_kind": "年度值类型",
    "annual_operator": "年度计算符号",
    "annual_number": "年度数值",
    "annual_unit": "年度计量单位",
    "weight": "权重",
    "direction": "指标方向性",
    "source": "来源",
    "location": "位置",
}
#: Self-evaluation columns (绩效自评), added after COLUMNS only when the table carries one of these
#: fields (has_selfeval_fields), so a target table's long format is unchanged.
SELFEVAL_COLUMNS: dict[str, str] = {
    "actual_value": "实际完成值",
    "score": "得分",
    "deviation_reason": "偏差原因分析及改进措施",
    "budget_initial": "年初预算数",
    "budget_adjusted": "全年预算数",
    "budget_executed": "全年执行数",
    "actual_summary": "实际完成情况",
}


#: Form columns (申报表, docs/forms.md), added after the others only when a project or indicator
#: carries one of these fields, so other tables' long format is unchanged.
FORM_COLUMNS: dict[str, str] = {
    "project_code": "项目编码",
    "project_department": "项目主管部门",
    "implementer": "项目实施单位",
    "category": "项目属性",
    "term": "项目期",
    "period_goal": "中期目标",
    "project_extras": "项目附加字段",
    "nature": "定量/定性",  # as the entry sheet: 指标性质 in a foreign sheet holds operators too
    "extras": "附加字段",
}


#: Columns of what a table printed around its labels and under its grid: the 分值 printed in a level
#: label (产出指标(50分)) and the table's footer (填报人, 联系电话 …, as ``名称：值`` lines, written on
#: the first project row) — added only when the table carries one of them.
LABEL_COLUMNS: dict[str, str] = {
    "level1_weight": "一级指标分值",
    "level2_weight": "二级指标分值",
    "footer": "表尾",
    "budget_block": "预算执行评分",
    "total_score": "自评总分",
}


#: Whether a block's grid prints value columns at all (``values_printed``: False for an evaluation
#: scoring sheet, 分值 | 指标解释 | 评分标准 | 自评得分 and no 指标值 / 实际完成值, model.scoring_sheet): a
#: yes/no column (是/否, true/false with English headers) on every row of a project or department plan,
#: written only when some block prints none — so every other table's long format is unchanged — and
#: read back by the long-format reader, so a scoring sheet is checked as one again.
PRINTED_COLUMNS: dict[str, str] = {"values_printed": "印有指标值栏"}


def values_unprinted(table: PerfTable) -> bool:
    """Does some block of the table print no value column (the PRINTED_COLUMNS are written)?"""
    if table.kind == "department":
        return table.plan is not None and not table.plan.values_printed
    return any(not p.values_printed for p in table.projects())


def has_label_fields(table: PerfTable) -> bool:
    """Does the table carry a footer or a level weight (the LABEL_COLUMNS are written)?"""
    return (bool(table.footer) or any(p.budget_block or p.total_score is not None for p in table.projects())
            or any(i.level1_weight is not None or i.level2_weight is not None for _, _, i in table.indicators()))


#: Columns of the long CSV that hold a code apart from its name, written only when a label (the name
#: with its code in one cell: 820001-某单位, [820]某局) would not read back as written — a name that
#: begins like a code (101 某单位, [101]某局), a code that is not 2–20 digits (A01) —: then the name
#: cell holds the name as it is, and the reader takes the code from this column (blank: none).
CODE_COLUMNS: dict[str, str] = {
    "department_code": "部门编码",
    "unit_code": "单位编码",
    "project_department_code": "项目主管部门编码",
}


#: The table kind (PerfTable.kind: "department" for a 部门整体支出绩效目标表), a column written only for
#: department-wide tables, whose rows have no unit and no project: the department's 年度资金总额 and
#: 年度绩效总目标 stand in the amount and goal columns of every indicator row.
KIND_COLUMNS: dict[str, str] = {"table_kind": "表类型"}
#: Columns of a department-wide table's long format beside COLUMNS (the 附加字段 keep 评(扣)分标准 …).
_DEPARTMENT_EXTRA = ("nature", "extras")


def codes_apart(table: PerfTable) -> frozenset[str]:
    """The CODE_COLUMNS this table needs (names whose label would not read back as written)."""
    apart: set[str] = set()
    if table.department and label_misread(table.department, table.department_code, department=True):
        apart.add("department_code")
    if any(label_misread(u.name, u.code) for u in table.units):
        apart.add("unit_code")
    if any(p.department and label_misread(p.department, p.department_code, department=True)
           for p in table.projects()):
        apart.add("project_department_code")
    return frozenset(apart)


def _department_cell(table: PerfTable, apart: frozenset[str]) -> str:
    if "department_code" in apart:
        return table.department
    return department_label(table.department, table.department_code)


def _unit_cell(unit: FundUnit, apart: frozenset[str]) -> str:
    return unit.name if "unit_code" in apart else unit_label(unit.name, unit.code)


def has_form_fields(table: PerfTable) -> bool:
    """Does any project or indicator carry a form field or extras (the FORM_COLUMNS are written)?"""
    for project in table.projects():
        if (project.code or project.department or project.implementer or project.category or project.term
                or project.period_goal or project.extras):
            return True
        if any(i.nature or i.extras for i in project.indicators):
            return True
    return False


def _form_cols(project: Any, ind: Indicator | None, apart: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The form values of one long-format row (apart: codes_apart)."""
    out = {"project_department_code": project.department_code} if "project_department_code" in apart else {}
    department = project.department if "project_department_code" in apart else department_label(
        project.department, project.department_code)
    return {
        **out,
        "project_code": project.code, "implementer": project.implementer, "category": project.category,
        "term": project.term, "period_goal": project.period_goal,
        "project_department": department if project.department else None,
        "project_extras": extras_text(project.extras) or None,
        "nature": ind.nature if ind else None,
        "extras": (extras_text(ind.extras) or None) if ind else None,
    }


def has_selfeval_fields(table: PerfTable) -> bool:
    """Does any project or indicator carry a 绩效自评 field (the SELFEVAL_COLUMNS are written)?

    Any of them, not only those that make a table a self-evaluation (scoring.has_actuals): a
    年初预算数 or a 偏差原因 alone is kept too."""
    for project in table.projects():
        if any(getattr(project, key) is not None for key in ("budget_initial", "budget_adjusted", "budget_executed",
                                                             "actual_summary")):
            return True
        if any(i.actual_value is not None or i.score is not None or i.deviation_reason is not None
               for i in project.indicators):
            return True
    return False


def columns_for(table: PerfTable) -> list[str]:
    """The long-format columns: COLUMNS, plus SELFEVAL_COLUMNS, FORM_COLUMNS, LABEL_COLUMNS and PRINTED_COLUMNS
    when the table has such fields (a department-wide table: COLUMNS, its 绩效自评 columns when present,
    附加字段, 表类型 and PRINTED_COLUMNS when its grid prints no value column)."""
    if table.kind == "department":
        selfeval = table.plan is not None and table.plan.is_selfeval()
        own = [*COLUMNS, *(SELFEVAL_COLUMNS if selfeval else ()), *_DEPARTMENT_EXTRA, *KIND_COLUMNS,
               *(PRINTED_COLUMNS if values_unprinted(table) else ())]
        # project tables in the same file: their rows follow, with their columns too
        return list(dict.fromkeys([*own, *columns_for(table.projects_apart())])) if table.units else own
    return (list(COLUMNS) + (list(SELFEVAL_COLUMNS) if has_selfeval_fields(table) else [])
            + (list(FORM_COLUMNS) if has_form_fields(table) else [])
            + (list(LABEL_COLUMNS) if has_label_fields(table) else [])
            + (list(PRINTED_COLUMNS) if values_unprinted(table) else []))


def _selfeval_cols(project: Any, ind: Indicator | None, exact: bool = False) -> dict[str, Any]:
    """The 绩效自评 values of one long-format row (budget amounts as floats, exact Decimals with exact)."""
    out: dict[str, Any] = {
        "actual_value": ind.actual_value.raw if ind and ind.actual_value is not None else None,
        "score": ind.score if ind else None,
        "deviation_reason": ind.deviation_reason if ind else None,
        "actual_summary": project.actual_summary,
    }
    for key in ("budget_initial", "budget_adjusted", "budget_executed"):
        amount = getattr(project, key)
        out[key] = None if amount is None else amount if exact else float(amount)
    return out


def header_names(columns: dict[str, str], headers: str) -> dict[str, str]:
    """key → header text: the Chinese name ("zh") or the key itself ("en")."""
    if headers not in ("zh", "en"):
        raise ValueError(f"headers must be 'zh' or 'en', not {headers!r}")
    return dict(columns) if headers == "zh" else {k: k for k in columns}


def _value_cols(prefix: str, v: Value | None) -> dict[str, Any]:
    if v is None:
        return {f"{prefix}_value": None, f"{prefix}_kind": None, f"{prefix}_operator": None,
                f"{prefix}_number": None, f"{prefix}_unit": None}
    return {f"{prefix}_value": v.raw, f"{prefix}_kind": v.kind, f"{prefix}_operator": v.operator,
            f"{prefix}_number": v.number, f"{prefix}_unit": v.unit}


def _amount_row(table: PerfTable, fund_unit: str, amounts: Any, exact: bool = False, *,
                empty: bool = False, apart: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """A 合计 or fund-unit row (no project): only when it has amounts (or when ``empty`` allows none:
    a unit without projects, which would vanish otherwise)."""
    if not empty and all(amounts.get(k) is None for k in AMOUNT_FIELDS):
        return None
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update({"department": _department_cell(table, apart),
                "department_source": table.department_source, "fund_unit": fund_unit, "source": table.source})
    if "department_code" in apart:
        row["department_code"] = table.department_code
    for key in AMOUNT_FIELDS:
        amount = amounts.get(key)
        row[key] = None if amount is None else amount if exact else float(amount)
    return row


def _unit_row(table: PerfTable, unit: FundUnit, exact: bool = False,
              apart: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """A unit's own row: its amounts, or its name alone when it has no projects (as the entry sheet)."""
    row = _amount_row(table, _unit_cell(unit, apart), unit.amounts, exact, empty=not unit.projects, apart=apart)
    if row is not None and "unit_code" in apart:
        row["unit_code"] = unit.code
    return row


def rows(table: PerfTable, *, amount_rows: bool = False, exact: bool = False,
         apart: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The long-format rows as a list (iter_rows, whose arguments these are)."""
    return list(iter_rows(table, amount_rows=amount_rows, exact=exact, apart=apart))


def iter_rows(table: PerfTable, *, amount_rows: bool = False, exact: bool = False,
              apart: frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """The long-format rows, one by one, as plain dicts (amounts as floats — exact Decimals with exact —, blanks as None).

    With amount_rows, the 合计 row (fund_unit 合计) and each unit's own amounts (a row
    without project) come first in their place, as in province templates, so that a
    CSV keeps every amount of the table (the long-format reader reads them back).
    apart (CODE_COLUMNS keys, codes_apart): codes written in columns of their own, names as they are.
    """
    if table.kind == "department":
        yield from _department_rows(table, exact, apart)
        if table.units:  # project tables in the same file: their rows after the department's
            for row in iter_rows(table.projects_apart(), amount_rows=amount_rows, exact=exact, apart=apart):
                yield {**row, "table_kind": "project"}
        return
    selfeval = has_selfeval_fields(table)
    form = has_form_fields(table)
    labels = has_label_fields(table)
    printed = values_unprinted(table)
    footer = extras_text(table.footer) or None
    if amount_rows and (total := _amount_row(table, "合计", table.amounts, exact, apart=apart)):
        yield total
    for unit in table.units:
        label = _unit_cell(unit, apart)
        if amount_rows and (own := _unit_row(table, unit, exact, apart)):
            yield own
        for project in unit.projects:
            base = {"department": _department_cell(table, apart),
                    "department_source": table.department_source, "fund_unit": label, "project": project.name}
            if "department_code" in apart:
                base["department_code"] = table.department_code
            if "unit_code" in apart:
                base["unit_code"] = unit.code
            for key in AMOUNT_FIELDS:
                amount = project.amounts.get(key)
                base[key] = None if amount is None else amount if exact else float(amount)
            base["goal"] = project.goal
            indicators: list[Indicator | None] = list(project.indicators) or [None]
            for ind in indicators:
                row = {**base, **_indicator_cols(ind, table, project.location)}
                if selfeval:
                    row.update(_selfeval_cols(project, ind, exact))
                if form:
                    row.update(_form_cols(project, ind, apart))
                if labels:
                    row.update({"level1_weight": ind.level1_weight if ind else None,
                                "level2_weight": ind.level2_weight if ind else None, "footer": footer,
                                "budget_block": extras_text(project.budget_block) or None,
                                "total_score": project.total_score})
                    footer = None  # on the first project row only
                if printed:
                    row["values_printed"] = project.values_printed
                yield row


def _indicator_cols(ind: Any, table: PerfTable, owner_location: Any) -> dict[str, Any]:
    """An indicator's columns (all empty for a project or plan without indicators), its source
    and its location (the owner's when the indicator has none)."""
    row: dict[str, Any] = {
        "seq": ind.seq if ind else None,
        "level1_code": ind.level1_code if ind else None,
        "level1": ind.level1 if ind else None,
        "level2_code": ind.level2_code if ind else None,
        "level2": ind.level2 if ind else None,
        "name": ind.name if ind else None,
    }
    row.update(_value_cols("period", ind.period_value if ind else None))
    row.update(_value_cols("annual", ind.annual_value if ind else None))
    row["weight"] = ind.weight if ind else None
    row["direction"] = ind.direction if ind else None
    row["source"] = table.source
    loc = (ind.location if ind else None) or owner_location
    row["location"] = str(loc) if loc else None
    return row


def _department_rows(table: PerfTable, exact: bool, apart: frozenset[str]) -> list[dict[str, Any]]:
    """A department-wide table: one row per indicator of its plan (one row when it has none)."""
    plan = table.plan
    if plan is None:
        return []
    selfeval = plan.is_selfeval()
    base: dict[str, Any] = {"department": _department_cell(table, apart), "department_source": table.department_source,
                            "fund_unit": None, "project": None, "goal": plan.goal, "table_kind": table.kind}
    if "department_code" in apart:
        base["department_code"] = table.department_code
    for key in AMOUNT_FIELDS:
        amount = plan.amounts.get(key)
        base[key] = None if amount is None else amount if exact else float(amount)
    out: list[dict[str, Any]] = []
    for ind in list(plan.indicators) or [None]:
        row = {**base, **_indicator_cols(ind, table, plan.location)}
        if selfeval:
            row.update(_selfeval_cols(plan, ind, exact))
        row["nature"] = ind.nature if ind else None
        row["extras"] = (extras_text(ind.extras) or None) if ind else None
        if not plan.values_printed:
            row["values_printed"] = False
        out.append(row)
    return out


def to_dataframe(table: PerfTable):
    """The long format as a pandas DataFrame (columns: COLUMNS keys)."""
    import pandas as pd

    return pd.DataFrame(rows(table), columns=columns_for(table))


def write_csv(table: PerfTable, path: str | Path, *, headers: str = "zh", place: Any = None) -> None:
    """Write the long format as UTF-8 CSV with BOM (so Excel opens it in the right encoding).

    headers: "zh" (default) the Chinese names of COLUMNS and Chinese values (部门名称行, 数值),
    for a person opening it in Excel; "en" the English identifiers and values, for scripts
    (sinks/csv_vocabulary.py). The long-format reader reads both. place: turns the 来源 / 位置
    paths into the ones shown (csv_vocabulary.relative_place).
    """
    import csv

    from perfgoals_xl.csvcells import guard
    from perfgoals_xl.limits import plain
    from perfgoals_xl.sinks.csv_vocabulary import Vocabulary

    vocabulary = Vocabulary(headers, place)

    # Amounts are written as their exact decimals (never through a float); every text cell
    # that a spreadsheet would take for a formula is guarded (docs/csv.md).
    columns = columns_for(table)
    assumed = _assumed_by_row(table)
    if assumed:
        columns = [*columns, ASSUMED_COLUMN]
    ordinals = _project_ordinals(table)
    if ordinals:
        columns = [*columns, ORDINAL_COLUMN]
    unit_ordinals = _unit_ordinals(table)
    if unit_ordinals:
        columns = [*columns, UNIT_ORDINAL_COLUMN]
    apart = codes_apart(table)
    columns += [key for key in CODE_COLUMNS if key in apart]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        names = {**header_names({**COLUMNS, **SELFEVAL_COLUMNS, **FORM_COLUMNS, **LABEL_COLUMNS, **CODE_COLUMNS,
                                 **KIND_COLUMNS, **PRINTED_COLUMNS},
                                headers),
                 ASSUMED_COLUMN: ASSUMED_HEADER if headers == "zh" else ASSUMED_COLUMN,
                 ORDINAL_COLUMN: ORDINAL_HEADER if headers == "zh" else ORDINAL_COLUMN,
                 UNIT_ORDINAL_COLUMN: UNIT_ORDINAL_HEADER if headers == "zh" else UNIT_ORDINAL_COLUMN}
        writer = csv.DictWriter(fh, fieldnames=columns, restval="")
        writer.writerow({k: names[k] for k in columns})
        translated = vocabulary.keys()
        for n, row in enumerate(iter_rows(table, amount_rows=True, exact=True, apart=apart)):
            if n in assumed:
                row[ASSUMED_COLUMN] = assumed[n]
            if n in ordinals:
                row[ORDINAL_COLUMN] = ordinals[n]
            if n in unit_ordinals:
                row[UNIT_ORDINAL_COLUMN] = unit_ordinals[n]
            writer.writerow({k: "" if v is None else plain(v) if isinstance(v, Decimal)
                             else guard(vocabulary.cell(k, v) if k in translated or v.__class__ is bool else v)
                             for k, v in row.items()})


#: Column of the long CSV numbering the projects 1..n — written only when two projects in a row
#: share a name (and would otherwise merge on reading), or a project's name would read as a 合计/小计;
#: the reader starts a project where it changes, and a numbered row is a project's whatever its name.
ORDINAL_COLUMN = "project_no"
#: Its official Chinese header (the reader knows both: vocabulary.SYNONYMS).
ORDINAL_HEADER = "项目序号"


def _project_ordinals(table: PerfTable) -> dict[int, int]:
    """Row index → project ordinal, when some unit has two consecutive projects of the same name, or
    a project's row would read as a 合计/小计 row (道路合计 without goal and indicators): a numbered
    row is a project's."""
    clash = any(a.name == b.name for u in table.units for a, b in zip(u.projects, u.projects[1:], strict=False))
    if not clash and not any(project_row_total_kind(p) for p in table.projects()):
        return {}
    out: dict[int, int] = {}
    n = 1 if _amount_row(table, "合计", table.amounts) is not None else 0
    number = 0
    for unit in table.units:
        n += 1 if _unit_row(table, unit) is not None else 0
        for project in unit.projects:
            number += 1
            for _ in project.indicators or [None]:
                out[n] = number
                n += 1
    return out


#: The same for fund units (资金使用单位): written only when two units in a row share a name, or a
#: unit's own row would read as a 合计/小计 or the department's row; a numbered row is a unit's.
UNIT_ORDINAL_COLUMN = "unit_no"
UNIT_ORDINAL_HEADER = "单位序号"


def _unit_ordinals(table: PerfTable) -> dict[int, int]:
    """Row index → unit ordinal, when two consecutive fund units have the same name, or a unit's own
    row would read as a 合计/小计 row (a unit named 合计 or 某某小计) or as the department's row (the
    first unit, amounts only, named like a department or coded above the others): a numbered row is
    a unit's."""
    clash = any(a.name == b.name for a, b in zip(table.units, table.units[1:], strict=False))
    misread = (bool(table.units) and is_department_row(table.units[0], table.units[1:])) or any(
        total_kind(unit_label(u.name, u.code)) or total_kind(u.name) for u in table.units
        if _unit_row(table, u) is not None)
    if not clash and not misread:
        return {}
    out: dict[int, int] = {}
    n = 1 if _amount_row(table, "合计", table.amounts) is not None else 0
    for number, unit in enumerate(table.units, 1):
        count = (1 if _unit_row(table, unit) is not None else 0) + sum(
            len(p.indicators) or 1 for p in unit.projects)
        for _ in range(count):
            out[n] = number
            n += 1
    return out


def _assumed_by_row(table: PerfTable) -> dict[int, str]:
    """Row index (in rows(amount_rows=True)) → note text, for the rows whose amounts were assumed."""
    from perfgoals_xl.assumed_notes import assumed_note

    out: dict[int, str] = {}
    n = 0
    if _amount_row(table, "合计", table.amounts) is not None:
        if table.amounts.assumed:
            out[n] = assumed_note(table.amounts.assumed)
        n += 1
    for unit in table.units:
        if _unit_row(table, unit) is not None:
            if unit.amounts.assumed:
                out[n] = assumed_note(unit.amounts.assumed)
            n += 1
        for project in unit.projects:
            for _ in project.indicators or [None]:
                if project.amounts.assumed:
                    out[n] = assumed_note(project.amounts.assumed)
                n += 1
    return out


def write_xlsx(table: PerfTable, path: str | Path) -> None:
    """Write the long format as .xlsx: our entry workbook (sheet 填报), which *is* the long format.

    Its headers are the Chinese names below (entry/layout.py); reading it back with
    ``perfgoals import`` gives an equal model. Not atomic by itself: use sinks.write_data.
    """
    from perfgoals_xl.entry.writer import render_entry_workbook

    render_entry_workbook(table, path)
