"""A row taller than its page, exported to PDF by LibreOffice Calc: the cell's text is centred on the
row and printed past the table's top and bottom rule (containers/pdf_spill.py). The lines above the
table are the cell's first lines, not a page header that starts a new table; the lines under it are
its last. The workbook is built here (a 项目绩效目标和指标 sheet whose 绩效目标 cell holds the goal and
every indicator, as budget systems export it) and exported by Calc; without ``soffice`` it skips."""

from __future__ import annotations

from pathlib import Path

from pdf_fixtures import soffice_pdf

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container

INDICATORS = [("产出指标", "数量指标", f"服务站点数量{k}", f"≥{k + 10}个") for k in range(1, 9)] + [
    ("效益指标", "社会效益指标", f"受益群众覆盖面{k}", "明显提升") for k in range(1, 7)] + [
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
GOAL = "保障全县社区服务站点正常运转，提升基层公共服务水平"


def _goal_cell() -> str:
    lines = ["【总体目标】", GOAL]
    last = None
    for level1, level2, name, value in INDICATORS:
        if (level1, level2) != last:
            lines.append(f"【{level1}-{level2}】")
            last = (level1, level2)
        lines.append(f"指标1:{name}({value})")
    return "\n".join(lines)


def _workbook(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    ws.append(["某县民政局2025年项目绩效目标和指标"])
    ws.append(["单位编码", "单位名称(项目类别/支出项目)", "年度预算安排", "项目内容", "绩效目标"])
    ws.append(["", "某县民政局", 500000, "", ""])
    ws.append(["501001", "社区服务站点运转经费", 500000, "【项目概况】:保障全县社区服务站点运转。", _goal_cell()])
    ws.append(["", "本级项目", 300000, "", ""])
    for row in ws.iter_rows(min_row=2, max_row=5):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for col, width in zip("ABCDE", (10, 14, 12, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    ws.row_dimensions[2].height = 45  # the header's wrapped labels fit
    ws.row_dimensions[4].height = 720  # taller than a page: Calc allows it, and centres the text on it
    wb.save(path)


def test_text_of_a_page_filling_row_printed_past_the_rules_is_the_cells(tmp_path):
    _workbook(tmp_path / "targets.xlsx")
    soffice_pdf([tmp_path / "targets.xlsx"], tmp_path)
    pdf = tmp_path / "targets.pdf"
    grids = pdf_container.load_grids(pdf)
    assert len(grids) == 1, "the page-filling row's first lines started a table of their own"
    cells = [cell for row in grids[0].rows for cell in row if cell and "【总体目标】" in cell]
    assert len(cells) == 1 and cells[0].startswith("【总体目标】")
    assert cells[0].rstrip().endswith("群众满意度(≥90%)")

    table = read_table(pdf)
    project = next(p for p in table.projects() if p.name == "社区服务站点运转经费")
    assert project.goal == GOAL
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == INDICATORS
