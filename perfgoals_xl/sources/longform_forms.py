"""Form fields (申报表) in a long-format sheet or CSV: 项目编码, 项目主管部门, 项目实施单位, 项目属性,
项目期, 中期目标 per project; 指标性质 and 附加字段 per indicator (docs/forms.md).

Called by the long-format reader (sources/longform.py) for every project row and every
indicator it reads; a sheet without these columns reads exactly as before. Extra fields
(``Project.extras`` / ``Indicator.extras``) are kept in one cell as ``名称：值`` lines
(:func:`extras_text`), or as a JSON object when a name or value would not survive that.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.limits import MAX_LABEL
from perfgoals_xl.longform_cells import MAX_EXTRAS_TEXT, extras_text, parse_extras  # noqa: F401 (re-exported)
from perfgoals_xl.model import Indicator, Project
from perfgoals_xl.sources.checks import extras_note, reading_hints  # noqa: F401 - re-exported (the readers' notes)
from perfgoals_xl.sources.row_kinds import is_operator_word

NATURES = {"定量", "定性", "定量指标", "定性指标"}
PROJECT_KEYS = ("project_code", "category", "term", "period_goal")
_MODEL_KEY = {"project_code": "code"}
#: The columns read_project_fields and read_indicator_fields look at (a sheet with none skips them).
PROJECT_COLUMNS = (*PROJECT_KEYS, "implementer", "project_department", "project_extras", "footer", "budget_block",
                   "total_score", "values_printed")
#: The cells of the 印有指标值栏 column (values_printed): 是/否 as our CSV with Chinese headers and the entry
#: workbook write it, true/false with English headers (sinks/csv_vocabulary.py BOOLEANS).
PRINTED = {"是": True, "true": True, "否": False, "false": False}
INDICATOR_COLUMNS = ("nature", "*:operator", "extras", "level1_weight", "level2_weight")


def read_project_fields(reader: Any, r: int, project: Project) -> None:
    """项目编码 … 中期目标, 项目主管部门, 项目实施单位 and 项目附加字段 of a project row (first value wins)."""
    from perfgoals_xl.hierarchy_labels import BLANKS
    from perfgoals_xl.sources.hierarchy import split_code

    for key in PROJECT_KEYS:
        attr = _MODEL_KEY.get(key, key)
        cell = reader.get(r, key)
        if cell is not None and cell.text and getattr(project, attr) is None:
            setattr(project, attr, cell.text)
            project.field_locations[attr] = cell.location
    cell = reader.get(r, "implementer")
    if cell is not None and cell.text and project.implementer is None:
        project.implementer = cell.text
        project.field_locations["implementer"] = cell.location
    cell = reader.get(r, "project_department")
    if cell is not None and cell.text and project.department is None:
        if "project_department_code" in reader.cols:  # a code apart (our CSV): the name as it is
            code = reader.text(r, "project_department_code")[:MAX_LABEL].rstrip(BLANKS) or None
            name = cell.text[:MAX_LABEL]
        else:
            code, name = split_code(cell.text, bracketed_only=True)
        project.department, project.department_code = name, code
        project.field_locations["department"] = cell.location
    cell = reader.get(r, "footer")
    if cell is not None and cell.text and not reader.table.footer:  # 表尾 (our CSV, first project row)
        _set_extras(reader, r, "footer", cell, reader.table.footer)
    cell = reader.get(r, "budget_block")
    if cell is not None and cell.text and not project.budget_block:  # 预算执行 分值 / 执行率 / 得分
        _set_extras(reader, r, "budget_block", cell, project.budget_block)
    cell = reader.get(r, "total_score")
    if cell is not None and cell.text and project.total_score is None:  # 自评总分
        project.total_score = _weight(cell.text)
        if project.total_score is None:
            reader.problem("S01", f"总分“{cell.text[:20]}”不是数字", r, "total_score", raw=cell.text[:40])
    cell = reader.get(r, "values_printed")
    if cell is not None and cell.text and "values_printed" not in project.field_locations:
        _read_printed(reader, r, cell, project)
    cell = reader.get(r, "project_extras")
    if cell is not None and cell.text and not project.extras:
        _set_extras(reader, r, "project_extras", cell, project.extras)
        project.field_locations["extras"] = cell.location


def _read_printed(reader: Any, r: int, cell: Any, project: Project) -> None:
    """印有指标值栏 (values_printed) of a project's row, the first one written: 否 / false makes the
    project an evaluation scoring sheet's block (model.scoring_sheet); anything but yes or no is said
    and leaves the values asked (a finding too many, never one silenced)."""
    printed = PRINTED.get(cell.text.strip().lower())
    if printed is None:
        reader.problem("S01", f"印有指标值栏“{cell.text[:20]}”应为“是”或“否”，按“是”读取", r, "values_printed",
                       raw=cell.text[:40])
        printed = True
    project.values_printed = printed
    project.field_locations["values_printed"] = cell.location


def read_indicator_fields(reader: Any, r: int, ind: Indicator) -> None:
    """指标性质 and 附加字段 of an indicator row: a nature column of its own (定量/定性, 指标类型) is
    kept as written; a 指标性质 column, which may hold the value's operator, gives only 定量/定性."""
    for key in ("nature", "*:operator"):
        cell = reader.get(r, key)
        if cell is None or not cell.text:
            continue
        operator = key == "nature" and reader.value_type_col is not None and is_operator_word(cell.text)
        if (key == "nature" and not operator) or cell.text in NATURES:  # (≥ under 指标值类型: the operator)
            ind.nature = cell.text
            ind.field_locations["nature"] = cell.location
            break
    cell = reader.get(r, "extras")
    if cell is not None and cell.text and cell.own:
        _set_extras(reader, r, "extras", cell, ind.extras)
        ind.field_locations["extras"] = cell.location
    for key in ("level1_weight", "level2_weight"):  # 分值 printed in a level label
        cell = reader.get(r, key)
        if cell is not None and cell.text:
            weight = _weight(cell.text)
            if weight is None:
                reader.problem("S01", f"层级分值“{cell.text[:20]}”不是数字", r, key, raw=cell.text[:40])
            setattr(ind, key, weight)


def _weight(text: str) -> float | None:
    """A level weight cell (50, 50分, 12.5): a number 0–1000, else None."""
    from perfgoals_xl.limits import MAX_NUMBER_CHARS

    cleaned = text.strip().removesuffix("分")
    if not cleaned or len(cleaned) > MAX_NUMBER_CHARS:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if 0 <= value <= 1000 else None


def _set_extras(reader: Any, r: int, key: str, cell: Any, target: dict[str, str]) -> None:
    found = parse_extras(cell.text)
    if found is None:
        reader.problem("S01", "附加字段应为“名称：值”各占一行（或 JSON 对象），已原样保留", r, key, raw=cell.text[:200])
        found = {"附加字段": cell.text}
    target.update(found)
