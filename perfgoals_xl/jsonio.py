"""JSON ⇄ model. The documented schema is in docs/json-schema.md.

Amounts are JSON numbers (万元), read back as exact decimals; indicator values
are the raw strings as written, next to their parsed parts (which are derived:
on reading, they are computed again from the raw string).
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    Amounts,
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


def _amounts(a: Amounts) -> dict[str, Any]:
    out: dict[str, Any] = {k: (None if a.get(k) is None else float(a.get(k))) for k in AMOUNT_FIELDS}
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
    if ind.spelling is not None and ind.spelling != _DEFAULT_SPELLING:
        out["spelling"] = {
            f.name: getattr(ind.spelling, f.name)
            for f in fields(Spelling)
            if getattr(ind.spelling, f.name) != getattr(_DEFAULT_SPELLING, f.name)
        }
    if ind.location is not None:
        out["location"] = _location(ind.location)
    return out


def _problem(p: Problem) -> dict[str, Any]:
    out = {k: v for k, v in asdict(p).items() if v is not None and k != "location"}
    if p.location is not None:
        out["location"] = _location(p.location)
    return out


def table_to_dict(table: PerfTable) -> dict[str, Any]:
    """The model as JSON-ready data (the documented schema)."""
    return {
        "schema": SCHEMA,
        "title": table.title,
        "department": table.department,
        "unit": table.unit,
        "amounts": _amounts(table.amounts),
        "units": [
            {
                "name": u.name,
                "amounts": _amounts(u.amounts),
                "location": _location(u.location),
                "projects": [
                    {
                        "name": p.name,
                        "amounts": _amounts(p.amounts),
                        "goal": p.goal,
                        "location": _location(p.location),
                        "indicators": [_indicator(i) for i in p.indicators],
                    }
                    for p in u.projects
                ],
            }
            for u in table.units
        ],
        "source": table.source,
        "layout": table.layout,
        "problems": [_problem(p) for p in table.problems],
    }


def write_json(table: PerfTable, path: str | Path) -> None:
    """Write the model as UTF-8 JSON (not atomic by itself: use sinks.atomic)."""
    Path(path).write_text(json.dumps(table_to_dict(table), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _read_amounts(data: dict[str, Any] | None) -> Amounts:
    data = data or {}
    values = {k: (None if data.get(k) is None else Decimal(str(data[k]))) for k in AMOUNT_FIELDS}
    return Amounts(**values, assumed=tuple(data.get("assumed", ())))


def _read_location(data: dict[str, Any] | None) -> Location | None:
    return Location(**data) if data else None


def _read_indicator(data: dict[str, Any]) -> Indicator:
    spelling = Spelling(**data["spelling"]) if data.get("spelling") else None
    return Indicator(
        seq=data.get("seq"),
        level1_code=data.get("level1_code"),
        level1=data.get("level1") or "",
        level2_code=data.get("level2_code"),
        level2=data.get("level2") or "",
        name=data.get("name") or "",
        period_value=parse_value(data.get("period_value")),
        annual_value=parse_value(data.get("annual_value")),
        weight=data.get("weight"),
        direction=data.get("direction"),
        location=_read_location(data.get("location")),
        spelling=spelling,
    )


def table_from_dict(data: dict[str, Any], *, source: str | None = None) -> PerfTable:
    """Build the model from data in the documented schema."""
    table = PerfTable(
        department=data.get("department") or "",
        unit=data.get("unit") or "万元",
        title=data.get("title") or PerfTable.title,
        amounts=_read_amounts(data.get("amounts")),
        source=source or data.get("source"),
        layout=data.get("layout") or "json",
    )
    for u in data.get("units", []):
        unit = FundUnit(name=u.get("name") or "", amounts=_read_amounts(u.get("amounts")),
                        location=_read_location(u.get("location")))
        for p in u.get("projects", []):
            unit.projects.append(
                Project(
                    name=p.get("name") or "",
                    amounts=_read_amounts(p.get("amounts")),
                    goal=p.get("goal") or "",
                    indicators=[_read_indicator(i) for i in p.get("indicators", [])],
                    location=_read_location(p.get("location")),
                )
            )
        table.units.append(unit)
    for prob in data.get("problems", []):
        loc = _read_location(prob.pop("location", None)) if isinstance(prob, dict) else None
        table.problems.append(Problem(**prob, location=loc))
    return table


def read_json(path: str | Path) -> PerfTable:
    """Read a JSON file written by perfgoals (schema perfgoals-xl/1)."""
    from perfgoals_xl.sources.textfile import read_text

    text, _ = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"JSON 格式错误：{exc.msg}", where=f"第{exc.lineno}行第{exc.colno}列") from None
    if not isinstance(data, dict) or "units" not in data:
        raise InputError(path, f"不是 perfgoals 的 JSON：应有顶层字段 units（模式 {SCHEMA}）")
    try:
        return table_from_dict(data, source=str(path))
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        raise InputError(path, f"JSON 内容不符合模式 {SCHEMA}：{exc}") from None
