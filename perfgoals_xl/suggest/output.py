"""Suggestions written out: text for a terminal, JSON, CSV for people (Chinese headers), and the
rows of the Excel sheet and of ``PG_SUGGEST`` — one list of columns for all of them."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from perfgoals_xl.suggest.rank import Result, Suggestion

#: Columns of a suggestion → Chinese header (CSV, the 推荐指标 sheet, PG_SUGGEST).
COLUMNS: dict[str, str] = {
    "rank": "序号",
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "value": "典型指标值",
    "projects": "相似项目使用数",
    "library_projects": "指标库中使用项目数",
    "note": "提示",
    "example_project": "示例项目",
    "example_source": "示例来源",
}

FILL_IN = "（按项目填写）"


def note(suggestion: Suggestion) -> str:
    """The 提示 of a suggestion: the rules that flag most of its uses, or the framework's."""
    parts = []
    if suggestion.flags:
        parts.append("规则提示 " + "、".join(suggestion.flags) + "：多数用法含糊或不可衡量，已降低排序")
    if suggestion.framework:
        parts.append("指标体系共性指标")
    return "；".join(parts)


def row(rank: int, suggestion: Suggestion) -> dict[str, Any]:
    """One suggestion as a row of :data:`COLUMNS`."""
    return {
        "rank": rank, "level1": suggestion.level1, "level2": suggestion.level2, "name": suggestion.name,
        "value": suggestion.value or FILL_IN, "projects": suggestion.projects,
        "library_projects": suggestion.library_projects, "note": note(suggestion),
        "example_project": suggestion.example_project, "example_source": suggestion.example_source,
    }


def rows(result: Result) -> list[dict[str, Any]]:
    """Every suggestion of a result as a row, best first."""
    return [row(i, s) for i, s in enumerate(result.suggestions, 1)]


def write_text(stream: TextIO, name: str, result: Result) -> None:
    """The suggestions for a terminal: the similar projects, then one line per indicator."""
    if result.similar:
        stream.write(f"与“{name}”相似的项目：\n")
        for p in result.similar[:5]:
            where = " ".join(str(x) for x in (p.department, p.place, p.year or "") if x)
            stream.write(f"  {p.similarity:.2f}  {p.project}" + (f"（{where}）" if where else "") + "\n")
    else:
        stream.write(f"指标库中没有与“{name}”相似的项目，以下按常用程度推荐。\n")
    stream.write(f"推荐指标（{len(result.suggestions)} 条）：\n")
    for i, s in enumerate(result.suggestions, 1):
        value = s.value or FILL_IN
        stream.write(f"{i:>3}. {s.level1}/{s.level2}  {s.name}  典型值 {value}"
                     f"  相似项目 {s.projects} 个使用，指标库 {s.library_projects} 个\n")
        shown_note = note(s)
        if shown_note:
            stream.write(f"     ! {shown_note}\n")
        if s.example_project and not s.framework:
            stream.write(f"     例：{s.example_project}（{s.example_source}）\n")


def write_json(stream: TextIO, name: str, goal: str, result: Result) -> None:
    """The query, the similar projects and the suggestions as JSON."""
    data = {
        "project": name, "goal": goal,
        "similar": [vars(p) for p in result.similar],
        "suggestions": [dict(rank=i, **s.to_dict()) for i, s in enumerate(result.suggestions, 1)],
    }
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(stream: TextIO, result: Result) -> None:
    """One row per suggestion with Chinese headers; would-be formulas neutralised (CSV for people)."""
    from perfgoals_xl.csvcells import guard

    writer = csv.writer(stream)
    writer.writerow(list(COLUMNS.values()))
    for r in rows(result):
        writer.writerow([guard(r[key]) for key in COLUMNS])
