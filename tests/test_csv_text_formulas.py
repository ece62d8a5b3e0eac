"""CSV cells written as text formulas (``containers/text.shown_text``): web systems export CSV with every
text cell as ``="…"`` so that Excel keeps a code's leading zeros (``="0013"``) and shows the text. Read
literally, the project was named ``="乡村道路养护"``, every level unknown (PG-S03 on ``="产出指标"``) and
every value unparsed. Such a cell now reads as Excel shows it; our own guarded CSV cells still read back
exactly (docs/csv.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from perfgoals_xl.csvcells import guard
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers.text import load_grids, shown_text

ROWS = [["项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"],
        ["0013", "乡村道路养护", "产出指标", "数量指标", "养护里程", "≥300公里"],
        ["0013", "乡村道路养护", "效益指标", "社会效益指标", "群众出行条件", "明显改善"],
        ["0013", "乡村道路养护", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"]]


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_systems_csv_of_text_formulas_reads_as_excel_shows_it(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "导出.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(ROWS[0])
        writer.writerows([[f'="{cell}"' for cell in row] for row in ROWS[1:]])
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == "乡村道路养护"
    assert [(i.level1, i.name, i.annual_value.raw) for i in project.indicators] == [
        (row[2], row[4], row[5]) for row in ROWS[1:]]
    assert not [f for f in check_table(table) if f.severity == "error" and f.code.startswith("PG-S")]  # (no goal column)
    assert load_grids(path)[0].rows[1][0] == "0013"  # the code's leading zeros kept, as Excel shows them


@pytest.mark.parametrize(("cell", "shown"), [
    ('="0013"', "0013"), ('=""', ""), ('="他说""好"""', '他说"好"'),
    ('="a"&"b"', '="a"&"b"'),  # a formula, not one text: as it is
    ('="', '="'), ("=44,561", "=44,561"),
])
def test_only_a_whole_text_formula_is_unwrapped(cell: str, shown: str) -> None:
    assert shown_text(cell) == shown


def test_our_guarded_cells_still_read_back_exactly(tmp_path: Path) -> None:
    """A published value that is itself ``="x"``: our CSV writes it guarded ('="x"), and reads it back so."""
    path = tmp_path / "data.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["a", "b"], [guard('="x"'), guard("=44,561")]])
    assert load_grids(path)[0].rows[1] == ['="x"', "=44,561"]
