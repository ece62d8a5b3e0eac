"""Write a grid of rows as the files people hold: a workbook with its merged ranges, or a CSV (the
merges lost, each merged text in its first cell). Shared by the layout tests that build a table
row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl


def xlsx_file(path: Path, rows: Iterable[Sequence[object]], merges: Iterable[str] = ()) -> Path:
    """A workbook of one sheet holding the rows, with the merged ranges (A1 notation) given."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def csv_file(path: Path, rows: Iterable[Sequence[object]]) -> Path:
    """A UTF-8 CSV (with BOM, as Excel saves it) of the rows, blanks for None."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def held_file(folder: Path, kind: str, rows: Iterable[Sequence[object]], merges: Iterable[str] = ()) -> Path:
    """The rows as one of the files people hold: ``xlsx`` (a workbook with its merges) or ``csv`` (the
    merges lost), named 表.xlsx / 表.csv in the folder."""
    if kind == "csv":
        return csv_file(folder / "表.csv", rows)
    return xlsx_file(folder / "表.xlsx", rows, merges)
