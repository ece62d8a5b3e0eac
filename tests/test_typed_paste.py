"""A web table pasted into Excel is typed by Excel: 100% becomes the number 1 shown with a 0% format. A
layout that reads a grid rebuilt from the sheet — the parts of a table split over two pages joined into
one (sources/grid_join), an outline read as the long format it stands for (sources/outline) — reads each
number with the format of the cell it came from (was: 1 for 100%, 0.95 for 95%). Found by the corpus pass
held as typed.xlsx (石嘴山 批复表 57 → 44 fields, and 40 fields in the tables split over two pages)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_grid_join import ABOVE, FIRST, HEADER, PASTED_SECOND
from test_outline import ROWS as OUTLINE_ROWS

from perfgoals_xl.sources import read_table


def _typed_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """The rows in a workbook as Excel's paste types them: n% a number with a % format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, str) and value.endswith("%") and value[:-1].replace(".", "", 1).isdigit():
                cell = ws.cell(r, c, float(value[:-1]) / 100)
                cell.number_format = "0%" if "." not in value else "0." + "0" * len(value[:-1].split(".")[1]) + "%"
            elif value not in (None, ""):
                ws.cell(r, c, value)
    wb.save(path)
    return path


def test_an_outline_keeps_the_percent_format_of_its_cells(tmp_path: Path) -> None:
    rows = [list(row) for row in OUTLINE_ROWS]
    rows[9] = [rows[9][0], "95%", None]  # (疫苗使用率: 95% typed, not ≥95%)
    table = read_table(_typed_xlsx(tmp_path / "批复表.xlsx", rows))
    values = [(i.name, i.annual_value.raw) for p in table.projects() for i in p.indicators]
    assert ("按物价部门定价标准采购", "100%") in values and ("疫苗使用率", "95%") in values


@pytest.mark.parametrize("rate", ["100%", "99.5%"])
def test_a_table_split_over_two_pages_keeps_the_percent_format_of_both_parts(tmp_path: Path, rate: str) -> None:
    second = [list(row) for row in PASTED_SECOND]
    second[-1][3] = rate  # (群众满意度, in the second part)
    first = [list(row) for row in FIRST]
    first[1][3] = "95%"  # (水质达标率, in the first part)
    rows = [[line, "", "", "", ""] for line in ABOVE] + [HEADER, *first, [""] * 5, HEADER, *second]
    [project] = read_table(_typed_xlsx(tmp_path / "表.xlsx", rows)).projects()
    values = {i.name: i.annual_value.raw for i in project.indicators}
    assert values["水质达标率"] == "95%" and values["群众满意度"] == rate
