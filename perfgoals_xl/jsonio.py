"""JSON ⇄ model. The documented schema is in docs/json-schema.md.

Amounts are JSON numbers (万元), read back as exact decimals; indicator values
are the raw strings as written, next to their parsed parts (which are derived:
on reading, they are computed again from the raw string).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError, OutputError
from perfgoals_xl.limits import MAX_INT, MAX_NUMBER_CHARS, amount_error, exact_float, plain
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    TABLE_KINDS,
    Amounts,
    DepartmentPlan,
    DepartmentTask,
    FundUnit,
    Indicator,
    Location,
    PerfTable,
    Problem,
    Project,
    Spelling,
    Value,
)
from perfgoals_xl.values import parse_value

SCHEMA = "perfgoals-xl/1"
_DEFAULT_SPELLING = Spelling()


def _amount(value: Decimal | None) -> float | str | None:
    """A JSON number when a double holds the amount exactly, else its exact text (never NaN/Infinity)."""
    if value is None:
        return None
    exact = exact_float(value)
    if exact is not None:
        return exact
    if not value.is_finite():
        raise OutputError(f"金额 {value} 不是有限的数字，无法写入 JSON")
    return plain(value)


def _amounts(a: Amounts) -> dict[str, Any]:
    out: dict[str, Any] = {k: _amount(a.get(k)) for k in AMOUNT_FIELDS}
    if a.assumed:
        out["assumed"] = list(a.assumed)
    return out


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {k: v for k, v in asdict(loc).items() if v is not None}


def _value(v: Value) -> dict[str, Any]:
    return {k: getattr(v, k) for k in ("kind", "operator", "operator_text", "number", "number_text", "unit", "text")}


def _indicator(ind: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seq": ind.seq,
        "level1_code": ind.level1_code,
        "level1": ind.level1,
        "level2_code": ind.level2_code,
        "level2": ind.level2,
        "name": ind.name,
        "period_value": ind.period_value.raw,
        "annual_value": ind.annual_value.raw,
        "period": _value(ind.period_value),
        "annual": _value(ind.annual_value),
    }
    if ind.weight is not None:
        out["weight"] = ind.weight
    if ind.direction is not None:
        out["direction"] = ind.direction
    out.update(_indicator_selfeval(ind))
    out.update(_indicator_form(ind))
    if ind.spelling is not None and ind.spelling != _DEFAULT_SPELLING:
        out["spelling"] = {
            f.name: getattr(ind.spelling, f.name)
            for f in fields(Spelling)
            if getattr(ind.spelling, f.name) != getattr(_DEFAULT_SPELLING, f.name)
        }
    if ind.location is not None:
        out["location"] = _location(ind.location)
    return out


def _indicator_selfeval(ind: Indicator) -> dict[str, Any]:
    """绩效自评 fields of an indicator, only those present (a target table's JSON is unchanged)."""
    out: dict[str, Any] = {}
    if ind.actual_value is not None:
        out["actual_value"] = ind.actual_value.raw  # 实际完成值
    if ind.score is not None:
        out["score"] = ind.score  # 得分 (as claimed)
    if ind.deviation_reason is not None:
        out["deviation_reason"] = ind.deviation_reason  # 偏差原因分析及改进措施
    return out


_PROJECT_SELFEVAL = ("budget_initial", "budget_adjusted", "budget_executed")


def _project_selfeval(p: Project) -> dict[str, Any]:
    """绩效自评 fields of a project, only those present: 年初预算数, 全年预算数, 全年执行数, 实际完成情况."""
    out: dict[str, Any] = {k: _amount(getattr(p, k)) for k in _PROJECT_SELFEVAL if getattr(p, k) is not None}
    if p.actual_summary is not None:
        out["actual_summary"] = p.actual_summary
    if p.budget_block:
        out["budget_block"] = dict(p.budget_block)  # 预算执行 分值 / 执行率 / 得分 as printed
    if p.total_score is not None:
        out["total_score"] = p.total_score  # 总分 as claimed
    if not p.values_printed:
        out["values_printed"] = False  # a scoring sheet's grid prints no value column
    return out


#: Fields of one-project forms (申报表, docs/forms.md): 项目编码, 主管部门(代码), 实施单位, 项目属性,
#: 项目期, 中期目标 — written only when present, like the 绩效自评 fields.
_PROJECT_FORM = ("code", "department", "department_code", "implementer", "category", "term", "period_goal")


def _indicator_form(ind: Indicator) -> dict[str, Any]:
    """指标性质 and the extra columns of an indicator, only those present."""
    out: dict[str, Any] = {}
    if ind.nature is not None:
        out["nature"] = ind.nature
    for key in ("level1_weight", "level2_weight"):  # 分值 printed in a level label (产出指标(50分))
        if getattr(ind, key) is not None:
            out[key] = getattr(ind, key)
    if ind.extras:
        out["extras"] = dict(ind.extras)
    return out


def _project_form(p: Project) -> dict[str, Any]:
    """The form fields of a project and its extra fields, only those present."""
    out: dict[str, Any] = {k: getattr(p, k) for k in _PROJECT_FORM if getattr(p, k) is not None}
    if p.extras:
        out["extras"] = dict(p.extras)
    return out


def _read_project_fields(project: Project, data: dict[str, Any], where: str) -> None:
    """The 绩效自评 and form (申报表) fields of a project read from JSON, only those present."""
    for key in _PROJECT_SELFEVAL:
        setattr(project, key, _number(data, key, where))
    project.actual_summary = _text(data, "actual_summary", where, None)
    block = _object(data.get("budget_block"), f"{where}.budget_block")
    project.budget_block = {str(k): _text(block, k, f"{where}.budget_block") or "" for k in block}
    total = _number(data, "total_score", where)
    project.total_score = None if total is None else float(total)
    project.values_printed = _flag(data, "values_printed", where)
    for key in _PROJECT_FORM:
        setattr(project, key, _text(data, key, where, None))
    project.extras = _extras(data, where)


def _extras(data: dict[str, Any], where: str) -> dict[str, str]:
    extras = _object(data.get("extras"), f"{where}.extras")
    return {str(k): _text(extras, k, f"{where}.extras") or "" for k in extras}


def _problem(p: Problem) -> dict[str, Any]:
    out = {k: v for k, v in asdict(p).items() if v is not None and k != "location"}
    if p.location is not None:
        out["location"] = _location(p.location)
    return out


def _project(p: Project) -> dict[str, Any]:
    return {
        "name": p.name,
        "amounts": _amounts(p.amounts),
        "goal": p.goal,
        "location": _location(p.location),
        "indicators": [_indicator(i) for i in p.indicators],
        **_project_selfeval(p),
        **_project_form(p),
    }


class LazyList(list):
    """A list the JSON encoder walks item by item, each item made only when it is written
    (``json.JSONEncoder.iterencode`` takes any list subclass): a table's projects are never
    all JSON-ready dicts at once."""

    def __init__(self, items: list[Any], make: Any) -> None:
        super().__init__()
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return map(self._make, self._items)


def _unit(u: FundUnit, lazy: bool) -> dict[str, Any]:
    return {
        "name": u.name,
        "code": u.code,
        "amounts": _amounts(u.amounts),
        "location": _location(u.location),
        "projects": LazyList(u.projects, _project) if lazy else [_project(p) for p in u.projects],
    }


def table_to_dict(table: PerfTable, *, lazy: bool = False) -> dict[str, Any]:
    """The model as JSON-ready data (the documented schema); with ``lazy``, each unit's projects
    are made one by one as an encoder walks them (for ``json.JSONEncoder.iterencode`` only)."""
    return {
        "schema": SCHEMA,
        "title": table.title,
        "kind": table.kind,
        "department": table.department,
        "department_code": table.department_code,
        "department_source": table.department_source,
        "unit": table.unit,
        **({"source_unit": table.source_unit} if table.source_unit else {}),
        **({"footer": dict(table.footer)} if table.footer else {}),
        "amounts": _amounts(table.amounts),
        "units": [_unit(u, lazy) for u in table.units],
        **({"department_plan": _plan(table.plan)} if table.plan is not None else {}),
        "source": table.source,
        "layout": table.layout,
        "problems": [_problem(p) for p in table.problems],
    }


_PLAN_TEXT = ("code", "contact", "phone", "actual_summary")
_PLAN_AMOUNTS = ("basic", "project", "budget_initial", "budget_adjusted", "budget_executed")


def _plan(plan: DepartmentPlan) -> dict[str, Any]:
    """A department-wide table's block (部门整体支出绩效目标), its tasks and indicators."""
    out: dict[str, Any] = {"name": plan.name, "amounts": _amounts(plan.amounts), "goal": plan.goal}
    out.update({k: getattr(plan, k) for k in _PLAN_TEXT if getattr(plan, k) is not None})
    out.update({k: _amount(getattr(plan, k)) for k in _PLAN_AMOUNTS if getattr(plan, k) is not None})
    out["tasks"] = [
        {"name": t.name, "content": t.content, "amounts": _amounts(t.amounts),
         **({"extras": dict(t.extras)} if t.extras else {}),
         **({"location": _location(t.location)} if t.location else {})}
        for t in plan.tasks
    ]
    out["indicators"] = [_indicator(i) for i in plan.indicators]
    if plan.budget_block:
        out["budget_block"] = dict(plan.budget_block)
    if plan.total_score is not None:
        out["total_score"] = plan.total_score  # 总分 as claimed
    if not plan.values_printed:
        out["values_printed"] = False  # a scoring sheet's grid prints no value column
    if plan.extras:
        out["extras"] = dict(plan.extras)
    if plan.location is not None:
        out["location"] = _location(plan.location)
    return out


def _read_plan(data: Any, where: str) -> DepartmentPlan:
    data = _object(data, where)
    plan = DepartmentPlan(
        name=_text(data, "name", where) or "", amounts=_read_amounts(data.get("amounts"), f"{where}.amounts"),
        goal=_text(data, "goal", where) or "", extras=_extras(data, where),
        location=_read_location(data.get("location"), f"{where}.location"),
    )
    for key in _PLAN_TEXT:
        setattr(plan, key, _text(data, key, where, None))
    for key in _PLAN_AMOUNTS:
        setattr(plan, key, _number(data, key, where))
    for n, t in enumerate(_list(data.get("tasks"), f"{where}.tasks")):
        tw = f"{where}.tasks[{n}]"
        t = _object(t, tw)
        plan.tasks.append(DepartmentTask(
            name=_text(t, "name", tw) or "", content=_text(t, "content", tw) or "",
            amounts=_read_amounts(t.get("amounts"), f"{tw}.amounts"), extras=_extras(t, tw),
            location=_read_location(t.get("location"), f"{tw}.location")))
    block = _object(data.get("budget_block"), f"{where}.budget_block")
    plan.budget_block = {str(k): _text(block, k, f"{where}.budget_block") or "" for k in block}
    total = _number(data, "total_score", where)
    plan.total_score = None if total is None else float(total)
    plan.values_printed = _flag(data, "values_printed", where)
    plan.indicators = [_read_indicator(i, f"{where}.indicators[{k}]")
                       for k, i in enumerate(_list(data.get("indicators"), f"{where}.indicators"))]
    return plan


def write_json(table: PerfTable, path: str | Path) -> None:
    """Write the model as UTF-8 JSON (not atomic by itself: use sinks.atomic)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)
    try:  # streamed: the text is the same as json.dumps', never the whole document in memory
        with open(path, "w", encoding="utf-8") as fh:
            write = fh.write
            for chunk in encoder.iterencode(table_to_dict(table, lazy=True)):
                write(chunk)
            write("\n")
    except ValueError as exc:  # a NaN or infinite weight: standard JSON has no such numbers
        raise OutputError(f"{path}：数据中有非有限的数字（NaN/无穷大），无法写入标准 JSON（{exc}）") from None


class SchemaError(ValueError):
    """A value of the JSON does not fit the schema; `where` is its JSON path."""

    def __init__(self, where: str, expected: str, got: Any) -> None:
        self.where = where
        super().__init__(f"{where}：应为{expected}，实为 {json.dumps(got, ensure_ascii=False)[:60]}")


def _object(data: Any, where: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SchemaError(where, "对象 {…}", data)
    return data


def _list(data: Any, where: str) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise SchemaError(where, "数组 […]", data)
    return data


def _text(data: dict[str, Any], key: str, where: str, default: str | None = "") -> str | None:
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise SchemaError(f"{where}.{key}", "文字", value)
    return str(value)


def _flag(data: dict[str, Any], key: str, where: str, default: bool = True) -> bool:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise SchemaError(f"{where}.{key}", "true 或 false", value)
    return value


def _number(data: dict[str, Any], key: str, where: str) -> Decimal | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise SchemaError(f"{where}.{key}", "数字", value)
    text = str(value)
    if len(text) > MAX_NUMBER_CHARS:
        raise SchemaError(f"{where}.{key}", f"不超过 {MAX_NUMBER_CHARS} 个字符的数字", text[:20] + "…")
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise SchemaError(f"{where}.{key}", "数字", value) from None
    if not number.is_finite():
        raise SchemaError(f"{where}.{key}", "有限的数字", text)
    why = amount_error(number)
    if why is not None:
        raise SchemaError(f"{where}.{key}", f"范围内的数字（{why}）", text)
    return number


def _integer(data: dict[str, Any], key: str, where: str) -> int | None:
    number = _number(data, key, where)
    if number is None:
        return None
    if number != number.to_integral_value() or not 0 <= number <= MAX_INT:
        raise SchemaError(f"{where}.{key}", f"0 至 {MAX_INT} 的整数", str(data.get(key)))
    return int(number)


def _read_amounts(data: Any, where: str) -> Amounts:
    data = _object(data, where)
    values = {k: _number(data, k, where) for k in AMOUNT_FIELDS}
    assumed = tuple(str(a) for a in _list(data.get("assumed"), f"{where}.assumed"))
    return Amounts(**values, assumed=assumed)


def _read_location(data: Any, where: str) -> Location | None:
    data = _object(data, where)
    if not data:
        return None
    line = _integer(data, "line", where)
    return Location(file=_text(data, "file", where, None), line=line,
                    sheet=_text(data, "sheet", where, None), cell=_text(data, "cell", where, None))


def _read_spelling(data: Any, where: str) -> Spelling | None:
    data = _object(data, where)
    if not data:
        return None
    known = {f.name for f in fields(Spelling)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SchemaError(f"{where}.{unknown[0]}", f"Spelling 的字段之一（{'、'.join(sorted(known))}）", unknown[0])
    return Spelling(**{k: _text(data, k, where) for k in data})


def _read_indicator(data: Any, where: str) -> Indicator:
    data = _object(data, where)
    weight = _number(data, "weight", where)
    level_weights = [_number(data, key, where) for key in ("level1_weight", "level2_weight")]
    score = _number(data, "score", where)
    actual = _text(data, "actual_value", where, None)
    return Indicator(
        seq=_integer(data, "seq", where),
        level1_code=_text(data, "level1_code", where, None),
        level1=_text(data, "level1", where) or "",
        level2_code=_text(data, "level2_code", where, None),
        level2=_text(data, "level2", where) or "",
        name=_text(data, "name", where) or "",
        period_value=parse_value(_text(data, "period_value", where)),
        annual_value=parse_value(_text(data, "annual_value", where)),
        weight=None if weight is None else float(weight),
        direction=_text(data, "direction", where, None),
        actual_value=None if actual is None else parse_value(actual),
        score=None if score is None else float(score),
        deviation_reason=_text(data, "deviation_reason", where, None),
        nature=_text(data, "nature", where, None),
        level1_weight=None if level_weights[0] is None else float(level_weights[0]),
        level2_weight=None if level_weights[1] is None else float(level_weights[1]),
        extras=_extras(data, where),
        location=_read_location(data.get("location"), f"{where}.location"),
        spelling=_read_spelling(data.get("spelling"), f"{where}.spelling"),
    )


def _read_problem(data: Any, where: str) -> Problem:
    data = _object(data, where)
    return Problem(
        code=_text(data, "code", where) or "S01", message=_text(data, "message", where) or "",
        location=_read_location(data.get("location"), f"{where}.location"),
        raw=_text(data, "raw", where, None), offset=_integer(data, "offset", where),
        project=_text(data, "project", where, None), seq=_integer(data, "seq", where),
        field=_text(data, "field", where, None),
    )


def table_from_dict(data: dict[str, Any], *, source: str | None = None) -> PerfTable:
    """Build the model from data in the documented schema; SchemaError names the bad value."""
    data = _object(data, "$")
    table = PerfTable(
        department=_text(data, "department", "$") or "",
        department_code=_text(data, "department_code", "$", None),
        department_source=_text(data, "department_source", "$", None),
        unit=_text(data, "unit", "$") or "万元",
        source_unit=_text(data, "source_unit", "$", None),
        title=_text(data, "title", "$") or PerfTable.title,
        amounts=_read_amounts(data.get("amounts"), "$.amounts"),
        source=source or _text(data, "source", "$", None),
        layout=_text(data, "layout", "$") or "json",
        kind=_text(data, "kind", "$") or "project",
    )
    if table.kind not in TABLE_KINDS:
        raise SchemaError("$.kind", f"{' 或 '.join(TABLE_KINDS)}", table.kind)
    if "department_plan" in data:
        table.plan = _read_plan(data.get("department_plan"), "$.department_plan")
    footer = _object(data.get("footer"), "$.footer")
    table.footer = {str(k): _text(footer, k, "$.footer") or "" for k in footer}
    for n, u in enumerate(_list(data.get("units"), "$.units")):
        uw = f"$.units[{n}]"
        u = _object(u, uw)
        unit = FundUnit(name=_text(u, "name", uw) or "", code=_text(u, "code", uw, None), amounts=_read_amounts(u.get("amounts"), f"{uw}.amounts"),
                        location=_read_location(u.get("location"), f"{uw}.location"))
        for m, p in enumerate(_list(u.get("projects"), f"{uw}.projects")):
            pw = f"{uw}.projects[{m}]"
            p = _object(p, pw)
            project = Project(
                name=_text(p, "name", pw) or "",
                amounts=_read_amounts(p.get("amounts"), f"{pw}.amounts"),
                goal=_text(p, "goal", pw) or "",
                indicators=[_read_indicator(i, f"{pw}.indicators[{k}]")
                            for k, i in enumerate(_list(p.get("indicators"), f"{pw}.indicators"))],
                location=_read_location(p.get("location"), f"{pw}.location"),
            )
            _read_project_fields(project, p, pw)
            unit.projects.append(project)
        table.units.append(unit)
    table.problems = [_read_problem(prob, f"$.problems[{n}]")
                      for n, prob in enumerate(_list(data.get("problems"), "$.problems"))]
    return table


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} 不是标准 JSON 数字")


def _json_number(text: str) -> Decimal:
    """A JSON number as an exact decimal; an exponent beyond what decimals hold is refused."""
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"数字 {text[:40]}… 超出可表示的范围") from None


def read_json(path: str | Path) -> PerfTable:
    """Read a JSON file written by perfgoals (schema perfgoals-xl/1)."""
    from perfgoals_xl.sources.textfile import read_text

    text, _ = read_text(path)
    try:
        # Numbers stay text-sized decimals (bounded before any int() is built: docs/limits.md);
        # NaN / Infinity are not JSON.
        data = json.loads(text, parse_float=_json_number, parse_int=_json_number, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"JSON 格式错误：{exc.msg}", where=f"第{exc.lineno}行第{exc.colno}列") from None
    except RecursionError:
        raise InputError(path, "JSON 嵌套过深，不是 perfgoals 的 JSON") from None
    except ValueError as exc:  # NaN / Infinity, or a number Python refuses
        raise InputError(path, f"JSON 格式错误：{exc}") from None
    if not isinstance(data, dict) or "units" not in data:
        raise InputError(path, f"不是 perfgoals 的 JSON：应有顶层字段 units（模式 {SCHEMA}）")
    from perfgoals_xl.text_clean import replace_surrogates

    data, replaced = replace_surrogates(data)  # "\ud800" alone is no character: no output could hold it
    try:
        table = table_from_dict(data, source=str(path))
    except SchemaError as exc:
        raise InputError(path, f"JSON 内容不符合模式 {SCHEMA}：{exc}") from None
    if replaced:
        table.problems.append(Problem("S11", f"JSON 中有 {replaced} 处孤立的代理字符（如 \\ud800，不是有效的 Unicode 字符），"
                                             "已替换为“\ufffd”", location=Location(file=str(path))))
    return table
