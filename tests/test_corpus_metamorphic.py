"""Real tables changed the way files people hold differ, which must not change what is read: every text
cell padded with a trailing 　 (a title centred with full-width spaces) or with &nbsp; on both sides (a web
page pasted into Excel), a blank first column (a table pasted one column in), an instructions sheet in
front (填表说明). Found by running each change over every corpus workbook (scripts kept with the closing
note); these are the workbooks each change once misread — a form known only by its title
(…绩效目标申报表　: the title test read the cell unstripped, and the form was refused), a label and its value
in one cell over the grid taken for the goal once its row's first column was blank; a blank row left under a
grid's header (the grid ended there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.cell_range import CellRange

from perfgoals_xl.sources import read_table

CORPUS = Path(__file__).resolve().parent / "corpus"
TABLES = ["he-handan-2019-form-kunnanjiuzhu", "hi-wenchang-2017-form-miaopu", "hn-changde-lixian-2021-form-kaohe",
          "sx-yangquan-2015-form-xiaofang", "hi-haikou-2016-form-dangan", "ah-guichi-2022-selfeval-cunji",
          "cq-banan-yipin-2022-department-jiedao"]


def signature(path: Path) -> list[Any]:
    """What is read from a file, compared field by field: each block's name, total, goal and indicators."""
    table = read_table(path)
    blocks = ([table.plan] if table.plan is not None else []) + table.projects()
    return [(b.name, b.amounts.total, b.goal, [(i.level1, i.level2, i.name, i.annual_value.raw,
                                               i.actual_value.raw if i.actual_value else None) for i in b.indicators])
            for b in blocks]


def _pad(fmt: str):  # noqa: ANN202
    def change(ws) -> None:  # noqa: ANN001
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.strip() and cell.coordinate not in ws.merged_cells:
                    cell.value = fmt.format(cell.value)
                    cell.data_type = "s"  # (a value written =22个 stays a text, never a formula)
    return change


def _blank_first_column(ws) -> None:  # noqa: ANN001
    ranges = [CellRange(r.coord) for r in ws.merged_cells.ranges]
    for r in ranges:
        ws.unmerge_cells(r.coord)
    ws.insert_cols(1)
    for r in ranges:
        r.shift(col_shift=1)
        ws.merge_cells(r.coord)


CHANGES = {"trailing-ideographic-space": _pad("{}\u3000"), "nbsp-both-sides": _pad("\xa0{}\xa0"),
           "blank-first-column": _blank_first_column}


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("name", TABLES)
def test_a_change_people_make_reads_the_same(tmp_path: Path, name: str, change: str) -> None:
    source = CORPUS / name / "pasted.xlsx"
    book = openpyxl.load_workbook(source)
    for ws in book.worksheets:
        CHANGES[change](ws)
    changed = tmp_path / "表.xlsx"
    book.save(changed)
    assert signature(changed) == signature(source)


def _spacer_under_header(ws) -> None:  # noqa: ANN001
    """A blank row left under the indicator grid's header (its lowest row: merges from it down)."""
    top = next(c.row for row in ws.iter_rows() for c in row
               if isinstance(c.value, str) and "".join(c.value.split()) == "一级指标")
    bottom = max([top, *(m.max_row for m in ws.merged_cells.ranges if m.min_row == top)])
    ranges = [CellRange(r.coord) for r in ws.merged_cells.ranges]
    for r in ranges:
        ws.unmerge_cells(r.coord)
    ws.insert_rows(bottom + 1)
    for r in ranges:
        if r.min_row > bottom:
            r.shift(row_shift=1)
        ws.merge_cells(r.coord)


#: A form's grid (its side label 绩效指标 merged down the rows under the header), a 自评表's grid (its
#: 合计 row first), a department's wide row (单位编码 | 单位名称 | 资金总额 | … beside its grid, the
#: values on the first row under the header): each once read nothing after a blank row there.
SPACED = ["cq-zhongxian-2022-form-shengzhu", "yn-baoshan-2023-selfeval-nengyuan", "hn-hengyang-2025-department-fuliyuan"]


@pytest.mark.parametrize("name", SPACED)
def test_a_blank_row_under_the_grid_header_reads_the_same(tmp_path: Path, name: str) -> None:
    source = CORPUS / name / "pasted.xlsx"
    book = openpyxl.load_workbook(source)
    _spacer_under_header(book.worksheets[0])
    changed = tmp_path / "表.xlsx"
    book.save(changed)
    assert signature(changed) == signature(source)


@pytest.mark.parametrize("name", TABLES[:3])
def test_an_instructions_sheet_in_front_reads_the_same(tmp_path: Path, name: str) -> None:
    source = CORPUS / name / "pasted.xlsx"
    book = openpyxl.load_workbook(source)
    notes = book.create_sheet("填表说明", 0)
    for line in ("填表说明：", "1、金额单位为万元。", "2、绩效指标按一级、二级、三级填写。"):
        notes.append([line])
    changed = tmp_path / "表.xlsx"
    book.save(changed)
    assert signature(changed) == signature(source)


def _stack(sources: list[Path], out: Path) -> Path:
    """The tables' first sheets one under another in one sheet, two blank rows between (a page holding
    both pasted at once), their merges kept."""
    book = openpyxl.Workbook()
    ws = book.active
    offset = 0
    for source in sources:
        part = openpyxl.load_workbook(source).worksheets[0]
        for row in part.iter_rows():
            for cell in row:
                if cell.value is not None:
                    ws.cell(cell.row + offset, cell.column, cell.value).data_type = cell.data_type
        for m in part.merged_cells.ranges:
            ws.merge_cells(start_row=m.min_row + offset, end_row=m.max_row + offset,
                           start_column=m.min_col, end_column=m.max_col)
        offset += part.max_row + 2
    book.save(out)
    return out


@pytest.mark.parametrize("department_first", [True, False])
def test_a_department_table_and_a_project_table_in_one_sheet_read_both(tmp_path: Path, department_first: bool) -> None:
    """The project form above the department table once lost the department's plan (the file's
    tables were joined onto the first one read, and only a department table carries a plan)."""
    department = CORPUS / "hn-hengyang-2025-department-fuliyuan" / "pasted.xlsx"
    project = CORPUS / "hn-xiangtan-2024-form-wupaoche" / "pasted.xlsx"
    order = [department, project] if department_first else [project, department]
    stacked = _stack(order, tmp_path / "表.xlsx")
    assert signature(stacked) == signature(department) + signature(project)
    assert read_table(stacked).plan is not None
