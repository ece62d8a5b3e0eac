"""Findings on the 合计 row point at that row (text line or sheet cell), not at the title."""

from __future__ import annotations

from decimal import Decimal

from perfgoals_xl.rules import check_table


def _a01(table):
    return [i for i in check_table(table) if i.code == "PG-A01"]


def test_total_row_findings_point_at_the_total_line_of_published_text(seed_table):
    assert seed_table.field_locations["amounts"].line == 8
    seed_table.amounts.total = Decimal("391.00")
    (issue,) = _a01(seed_table)
    assert issue.location.line == 8 and issue.location.project is None


def test_total_row_findings_point_at_the_total_cell_of_the_entry_sheet(tmp_path, seed_table):
    from perfgoals_xl.entry import read_entry_workbook, write_entry_workbook

    seed_table.amounts.total = Decimal("391.00")
    path = tmp_path / "entry.xlsx"
    write_entry_workbook(seed_table, path)
    table = read_entry_workbook(path)
    (issue,) = _a01(table)
    assert issue.location.sheet == "填报" and issue.location.cell is not None
    assert issue.location.cell == table.field_locations["total"].cell
