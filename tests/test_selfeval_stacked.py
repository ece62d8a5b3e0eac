"""自评表 forms stacked on one sheet (a county pastes all its forms one under the other), with or
without a blank row between, as a workbook with merged cells and as CSV: each form is its own
project (selfeval_form.stacked_forms). Was: the forms ran together — the next form's rows read as
indicators of the first, or every form after the first lost."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.sources import read_table

_WIDTH = 8


def _form(ws, top: int, name: str, indicators: list[tuple[str, str, str, str, str, int, int]], *,
          year_line: bool, footer: bool) -> int:
    """One 自评表 written from row ``top``; returns the row after it."""
    rows: list[list] = [["项目支出绩效自评表"]]
    if year_line:
        rows.append(["（2023年度）"])
    rows += [
        ["项目名称", name, None, None, "实施单位", "某镇人民政府"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 10, 10, 9, 10, "90%", 9],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, f"{name}按期完成", None, None, f"{name}已完成"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    rows += [list(ind) for ind in indicators]
    rows.append(["总分", None, None, None, None, 100, 9 + sum(i[6] for i in indicators)])
    if footer:
        rows.append(["填表人：张三    联系电话：12345678"])
    for k, row in enumerate(rows):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(top + k, c, value)
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=_WIDTH)
    return top + len(rows)


_FORMS = [
    ("道路养护", [("产出指标", "数量指标", "养护里程", "≥10公里", "12公里", 50, 50),
                  ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 40, 40)]),
    ("河道清淤", [("产出指标", "数量指标", "清淤长度", "≥5公里", "5公里", 30, 30),
                  ("产出指标", "时效指标", "完成时间", "2023年底前", "2023年11月", 20, 20),
                  ("效益指标", "生态效益指标", "水质改善", "明显改善", "改善", 40, 30)]),
    ("村级活动场所维修", [("产出指标", "质量指标", "验收合格率", "100%", "100%", 90, 90)]),
]


def _sheet(gap: bool, year_line: bool, footer: bool) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    row = 1
    for name, indicators in _FORMS:
        row = _form(ws, row, name, indicators, year_line=year_line, footer=footer) + (1 if gap else 0)
    return wb


def _read(path: Path) -> list[tuple]:
    table = read_table(path)
    return [(p.name, p.goal, p.actual_summary, p.budget_executed is not None, p.total_score,
             [(i.level1, i.name, i.actual_value.raw, i.score) for i in p.indicators]) for p in table.projects()]


def _expected() -> list[tuple]:
    return [(name, f"{name}按期完成", f"{name}已完成", True, 9 + sum(i[6] for i in inds),
             [(i[0], i[2], i[4], i[6]) for i in inds]) for name, inds in _FORMS]


@pytest.mark.parametrize("gap", [True, False], ids=["blank-row", "no-blank-row"])
@pytest.mark.parametrize("year_line", [True, False], ids=["year-line", "title-only"])
@pytest.mark.parametrize("footer", [True, False], ids=["footer", "no-footer"])
def test_stacked_forms_each_read_as_their_own_project(tmp_path: Path, gap: bool, year_line: bool,
                                                      footer: bool) -> None:
    path = tmp_path / "自评表.xlsx"
    _sheet(gap, year_line, footer).save(path)
    assert _read(path) == _expected()


@pytest.mark.parametrize("gap", [True, False], ids=["blank-row", "no-blank-row"])
def test_stacked_forms_saved_as_csv_read_as_the_workbook(tmp_path: Path, gap: bool) -> None:
    ws = _sheet(gap, True, True).active
    path = tmp_path / "自评表.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)])
    assert _read(path) == _expected()


def test_a_second_name_label_inside_one_form_cuts_nothing(tmp_path: Path) -> None:
    """项目名称 printed twice in one form's head (a 二级项目名称 line, a repeated label) — no indicator
    grid between them — is one form."""
    wb = openpyxl.Workbook()
    ws = wb.active
    name, indicators = _FORMS[0]
    ws.append(["项目名称", "总项目"])
    _form(ws, 2, name, indicators, year_line=False, footer=True)
    path = tmp_path / "自评表.xlsx"
    wb.save(path)
    projects = read_table(path).projects()
    assert len(projects) == 1 and len(projects[0].indicators) == 2


def test_the_footer_of_a_form_stays_with_it_not_with_the_next(tmp_path: Path) -> None:
    """填表人： under a form, straight above the next form's title, is that form's sign-off (a title band
    above the next 项目名称 holds only titles, year and unit lines)."""
    path = tmp_path / "自评表.xlsx"
    _sheet(False, True, True).save(path)
    table = read_table(path)
    assert table.footer.get("填表人") == "张三"
    assert all(len(p.indicators) == len(inds) for p, (_, inds) in zip(table.projects(), _FORMS, strict=True))
