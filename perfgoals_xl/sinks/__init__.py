"""Sinks: write a PerfTable out (JSON, long-format CSV/xlsx, report sheet, entry workbook)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfgoals_xl.errors import OutputError
from perfgoals_xl.model import PerfTable
from perfgoals_xl.sinks.atomic import write_atomic

#: Output kinds of `perfgoals import`, by file extension.
DATA_SUFFIXES = (".json", ".csv", ".xlsx")


def write_data(table: PerfTable, path: str | Path, *, force: bool = False, headers: str = "zh",
               place: Any = None) -> Path:
    """Write the parsed data to .json, .csv (UTF-8 with BOM; Chinese or English ``headers``;
    ``place`` shows the 来源 / 位置 paths, sinks/csv_vocabulary.py) or .xlsx, atomically."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        from perfgoals_xl.jsonio import write_json as writer
    elif suffix == ".csv":
        from perfgoals_xl.sinks.longform import write_csv as writer
    elif suffix == ".xlsx":
        from perfgoals_xl.sinks.longform import write_xlsx as writer
    else:
        raise OutputError(f"{path}：不支持的输出类型“{suffix or '无扩展名'}”，应为 {' / '.join(DATA_SUFFIXES)}")
    if suffix == ".csv":
        return write_atomic(path, lambda tmp: writer(table, tmp, headers=headers, place=place), force=force)
    return write_atomic(path, lambda tmp: writer(table, tmp), force=force)
