"""Sources → project records: each project's indicators with where they came from.

A record is the model's :class:`~perfgoals_xl.model.Project` (name, goal, indicators) plus what
the library keeps about it: department, fund unit, place and year where known, and the source.
Tables read by :mod:`perfgoals_xl.sources` give records (a department-wide table gives one, for
the department's own indicators); so does the dataset a ``convert`` run writes
(``batch_indicators.parquet`` / ``.csv``), read without reading its files again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfgoals_xl.model import Indicator, PerfTable, Project

#: File names of a ``convert`` run's indicator dataset (batch/dataset.py).
DATASET_NAMES = ("batch_indicators.parquet", "batch_indicators.csv")

_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)\s?年")
#: Suffixes of administrative names (省, 市, 县 …) that end a place at the head of a department name.
_PLACE_ENDS = ("自治区", "自治州", "自治县", "省", "市", "州", "盟", "县", "区", "旗")
_PLACE_SCAN = 14
_NOT_PLACE = ("中国共产党", "中共")


@dataclass
class ProjectRecord:
    """One project of a source: the model's project and what the library keeps around it."""

    project: Project
    department: str = ""
    fund_unit: str = ""
    place: str = ""
    year: int | None = None
    source: str = ""
    #: "table" (read from a real table) or "framework" (a common indicator of the framework)
    origin: str = "table"
    table_kind: str = "project"
    extras: dict[str, Any] = field(default_factory=dict)


def year_in(*texts: str | None) -> int | None:
    """The first budget year written as ``2024年`` in these texts, or None."""
    for text in texts:
        if text:
            found = _YEAR.search(unicodedata.normalize("NFKC", text[:500]))
            if found:
                return int(found.group(1))
    return None


def place_in(department: str | None) -> str:
    """The place at the head of a department name (广州市人民政府… → 广州市), '' when none shows."""
    text = unicodedata.normalize("NFKC", department or "")
    for prefix in _NOT_PLACE:
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text[:_PLACE_SCAN + 3]
    best = 0
    for end in _PLACE_ENDS:
        start = 0
        while True:
            i = text.find(end, start, _PLACE_SCAN + len(end))
            if i < 0:
                break
            if i >= 1:  # a place has a name before its suffix
                best = max(best, i + len(end))
            start = i + 1
    return text[:best]


def records_from_table(table: PerfTable, source: str, *, place: str | None = None,
                       year: int | None = None) -> list[ProjectRecord]:
    """The projects of a table (a department-wide table: the department's block) as records."""
    department = table.department or ""
    where = place if place is not None else place_in(department)
    records: list[ProjectRecord] = []
    if table.kind == "department" and table.plan is not None:
        plan = table.plan
        project = Project(name=plan.name or department, goal=plan.goal, indicators=list(plan.indicators))
        records.append(ProjectRecord(
            project=project, department=department or plan.name, place=where or place_in(plan.name),
            year=year or year_in(table.title, plan.name, source), source=source,
            table_kind="department"))
        return records
    for unit in table.units:
        for project in unit.projects:
            dept = project.department or department
            records.append(ProjectRecord(
                project=project, department=dept, fund_unit=unit.name,
                place=where or place_in(dept) or place_in(unit.name),
                year=year or year_in(project.name, table.title, project.term, source),
                source=source))
    return records


def dataset_path(path: Path) -> Path | None:
    """The indicator dataset a path names: the file itself, or the one in a ``convert`` output
    folder; None for anything else."""
    if path.is_dir():
        for name in DATASET_NAMES:
            if (path / name).is_file():
                return path / name
        return None
    if path.name.lower().startswith("batch_indicators") and path.suffix.lower() in (".parquet", ".csv"):
        return path
    if path.suffix.lower() == ".parquet":
        return path
    return None


def _dataset_frame(path: Path) -> Any:
    """The dataset as a DataFrame with the English column names (Chinese CSV headers mapped)."""
    import pandas as pd

    from perfgoals_xl.batch.dataset import indicator_columns
    from perfgoals_xl.errors import InputError

    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, OSError, UnicodeDecodeError) as exc:  # pyarrow's errors are ValueErrors/OSErrors
        raise InputError(path, f"无法读取数据集（{type(exc).__name__}）") from exc
    by_header = {header: key for key, header in indicator_columns().items()}
    frame = frame.rename(columns={c: by_header.get(c, c) for c in frame.columns})
    if "project" not in frame.columns or "name" not in frame.columns:
        raise InputError(path, "不是 perfgoals convert 写出的指标数据集（应有 项目名称、三级指标 列）")
    return frame


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def records_from_dataset(path: Path) -> list[ProjectRecord]:
    """The projects of a ``convert`` run's indicator dataset (Parquet or CSV) as records."""
    from perfgoals_xl.values import parse_value

    frame = _dataset_frame(path)
    records: dict[tuple[str, str, str], ProjectRecord] = {}
    for row in frame.to_dict("records"):
        name = _cell(row, "name")
        project_name = _cell(row, "project")
        if not project_name:
            continue  # a 合计 or unit amount row
        file = _cell(row, "file") or str(path)
        key = (file, _cell(row, "fund_unit"), project_name)
        record = records.get(key)
        if record is None:
            department = _cell(row, "department")
            project = Project(name=project_name, goal=_cell(row, "goal"))
            record = ProjectRecord(project=project, department=department, fund_unit=key[1],
                                   place=place_in(department) or place_in(key[1]),
                                   year=year_in(project_name, file), source=file)
            records[key] = record
        if not name:
            continue
        record.project.indicators.append(Indicator(
            seq=None, level1_code=_cell(row, "level1_code") or None, level1=_cell(row, "level1"),
            level2_code=_cell(row, "level2_code") or None, level2=_cell(row, "level2"), name=name,
            period_value=parse_value(_cell(row, "period_value")),
            annual_value=parse_value(_cell(row, "annual_value"))))
    return list(records.values())
