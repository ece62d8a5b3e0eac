"""The indicator library: one row per indicator of every project read, saved as Parquet.

``perfgoals library build INPUTS… -o library.parquet`` builds one from any tables the tool
reads (files, folders, globs) or a ``convert`` run's dataset; ``perfgoals suggest`` loads one
or more (the starter library in the package by default). Columns: :data:`COLUMNS`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from perfgoals_xl.errors import InputError, PerfGoalsError

#: The starter library shipped in the package (scripts/build_starter_library.py builds it).
STARTER = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "library.parquet"

#: Columns of the library → Chinese names (docs/suggest.md).
COLUMNS: dict[str, str] = {
    "project_id": "项目编号",
    "project": "项目名称",
    "goal": "绩效目标",
    "department": "部门名称",
    "fund_unit": "资金使用单位",
    "place": "地区",
    "year": "年度",
    "source": "来源",
    "origin": "来历",  # table / framework
    "table_kind": "表格种类",  # project / department
    "seq": "指标序号",
    "level1_code": "一级指标代码",
    "level1": "一级指标",
    "level2_code": "二级指标代码",
    "level2": "二级指标",
    "name": "三级指标",
    "key": "指标含义键",
    "value": "指标值",
    "value_kind": "指标值类型",
    "operator": "计算符号",
    "number": "数值",
    "unit": "计量单位",
    "value_text": "定性值",
    "flags": "规则提示",
}
_INT_COLUMNS = ("project_id", "seq")
_FLOAT_COLUMNS = ("number",)
#: Columns a loaded file must have to be a library (the others are filled when absent).
REQUIRED = ("project_id", "project", "name", "key", "level1", "level2")


def indicator_row(record: Any, seq: int, ind: Any, flags: list[str]) -> dict[str, Any]:
    """One library row of an indicator of a record (levels resolved to the framework's names)."""
    from perfgoals_xl.framework import LEVEL1, resolve_level1, resolve_level2
    from perfgoals_xl.suggest.keys import meaning_key

    lv1 = resolve_level1(ind.level1_code, ind.level1)
    lv2 = resolve_level2(ind.level2_code, ind.level2, lv1.code if lv1 else None)
    if lv2 is not None and (lv1 is None or lv2.parent != lv1.code):
        lv1 = next(lv for lv in LEVEL1 if lv.code == lv2.parent)
    value = ind.annual_value if ind.annual_value.raw.strip() else ind.period_value
    project = record.project
    return {
        "project": project.name, "goal": project.goal or "", "department": record.department or "",
        "fund_unit": record.fund_unit or "", "place": record.place or "", "year": record.year,
        "source": record.source, "origin": record.origin, "table_kind": record.table_kind, "seq": seq,
        "level1_code": lv1.code if lv1 else (ind.level1_code or ""),
        "level1": lv1.name if lv1 else ind.level1,
        "level2_code": lv2.code if lv2 else (ind.level2_code or ""),
        "level2": lv2.name if lv2 else ind.level2,
        "name": ind.name.strip(), "key": meaning_key(ind.name),
        "value": value.raw.strip(), "value_kind": value.kind, "operator": value.operator or "",
        "number": value.number, "unit": value.unit or "", "value_text": value.text or "",
        "flags": ",".join(flags),
    }


def frame_from_records(records: Iterable[Any], *, flag: bool = True) -> Any:
    """The library frame of project records (projects without named indicators left out)."""
    import pandas as pd

    from perfgoals_xl.suggest.flags import project_flags

    rows: list[dict[str, Any]] = []
    project_id = 0
    for record in records:
        indicators = [ind for ind in record.project.indicators if ind.name and ind.name.strip()]
        if not indicators:
            continue
        record.project.indicators = indicators
        flags = project_flags(record.project) if flag and record.origin == "table" else [[]] * len(indicators)
        for seq, (ind, found) in enumerate(zip(indicators, flags, strict=True), 1):
            row = indicator_row(record, seq, ind, found)
            row["project_id"] = project_id
            rows.append(row)
        project_id += 1
    return typed(pd.DataFrame(rows, columns=list(COLUMNS)))


def typed(frame: Any) -> Any:
    """The library's column types: integers, float numbers, nullable year, text elsewhere."""
    import pandas as pd

    for name in COLUMNS:
        if name not in frame.columns:
            frame[name] = None
    frame = frame[list(COLUMNS)].copy()
    for name in _INT_COLUMNS:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").fillna(0).astype("int64")
    for name in _FLOAT_COLUMNS:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    text = [n for n in COLUMNS if n not in (*_INT_COLUMNS, *_FLOAT_COLUMNS, "year")]
    frame[text] = frame[text].fillna("").astype(str)
    return frame


def read_records(arguments: list[str], *, warn: Callable[[str], None] | None = None
                 ) -> list[Any]:
    """Project records from files, folders (a ``convert`` output folder: its dataset), globs and
    datasets; unreadable files are reported through ``warn`` and left out."""
    from perfgoals_xl.batch.inputs import collect_inputs, skipped_message
    from perfgoals_xl.errors import os_reason
    from perfgoals_xl.sources import read_table
    from perfgoals_xl.suggest.records import dataset_path, records_from_dataset, records_from_table

    warn = warn or (lambda text: print(text, file=sys.stderr))
    records: list[Any] = []
    tables: list[str] = []
    for argument in arguments:
        found = dataset_path(Path(argument))
        if found is not None:
            records += records_from_dataset(found)
        else:
            tables.append(argument)
    if not tables:
        return records
    collected = collect_inputs(tables)
    note = skipped_message(collected.skipped)
    if note:
        warn(note)
    for problem in collected.missing + collected.empty:
        warn(f"错误：{problem}")
    for item in collected.inputs:
        try:
            table = read_table(item.display)
        except PerfGoalsError as exc:
            warn(f"错误：{exc}")
            continue
        except OSError as exc:
            warn(f"错误：{item.display}：无法读取（{os_reason(exc)}）")
            continue
        records += records_from_table(table, item.place)
    return records


def build_library(arguments: list[str], *, warn: Callable[[str], None] | None = None) -> Any:
    """The library frame of everything the arguments name; InputError when no indicator was read."""
    frame = frame_from_records(read_records(arguments, warn=warn))
    if frame.empty:
        raise InputError("、".join(arguments)[:200], "没有读到任何带指标的项目，无法建立指标库")
    return frame


def save_library(frame: Any, path: str | Path, *, force: bool = False) -> Path:
    """Write the library as Parquet, atomically (refuses to overwrite without force)."""
    from perfgoals_xl.sinks.atomic import write_atomic

    return write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False), force=force)


def current_keys(names: Any) -> list[str]:
    """The meaning keys of these names by today's :func:`~perfgoals_xl.suggest.keys.meaning_key`
    (a library built by an earlier version stores the keys of its day)."""
    from perfgoals_xl.suggest.keys import meaning_key

    known: dict[str, str] = {}
    return [known[n] if n in known else known.setdefault(n, meaning_key(n)) for n in names]


def load_library(paths: Iterable[str | Path] | None = None) -> Any:
    """One frame of these library files (the starter library when none are given).

    A missing file, a file that is not Parquet, a Parquet file of something else (a foreign
    library) and an empty library are each refused with one Chinese message naming the file.
    """
    import pandas as pd

    paths = [Path(p) for p in (paths or [STARTER])]
    frames = []
    offset = 0
    for path in paths:
        if not path.is_file():
            raise InputError(path, "指标库文件不存在（用 perfgoals library build 生成）")
        try:
            frame = pd.read_parquet(path)
        except (ValueError, OSError) as exc:
            raise InputError(path, f"不是可读取的指标库（Parquet）文件（{type(exc).__name__}），"
                                   "请用 perfgoals library build 生成") from exc
        missing = [c for c in REQUIRED if c not in frame.columns]
        if missing:
            names = "、".join(COLUMNS[c] for c in missing)
            raise InputError(path, f"不是 perfgoals 指标库：缺少 {names} 列（用 perfgoals library build 生成）")
        frame = typed(frame)
        frame = frame[frame["name"].str.strip() != ""].copy()
        frame["key"] = current_keys(frame["name"])
        if frame.empty:
            raise InputError(path, "指标库中没有指标（用 perfgoals library build 从表格生成）")
        frame["project_id"] = frame["project_id"] + offset
        offset = int(frame["project_id"].max()) + 1
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
