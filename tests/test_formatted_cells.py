"""Numbers and dates read as Excel shows them, in every layout: a person typing 100% in Excel stores 1
formatted as a percentage, pasting a page turns 83.5% into 0.835 and 2021年12月31日 into a date
formatted yyyy"年"m"月"d"日". Was: the 自评表, 部门整体 and the form's 权重 read the bare number (实际完成值
1 against a target of 100% — a false PG-E06 得分 0.1 on every such row), dates read as ISO
(2021年7月 as 2021-07-01). Found by converting every corpus workbook as Excel's paste does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.grid import cell_text, date_text

_YMD = 'yyyy"年"m"月"d"日"'
_YM = 'yyyy"年"m"月"'


def _put(ws, row: int, values: list, formats: dict[int, str] | None = None) -> None:
    for c, v in enumerate(values, 1):
        if v is not None:
            cell = ws.cell(row, c, v)
            if formats and c in formats:
                cell.number_format = formats[c]


def _selfeval(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    _put(ws, 1, ["项目支出绩效自评表"])
    _put(ws, 2, ["项目名称", "道路养护", None, None, "实施单位", "某镇人民政府"])
    _put(ws, 3, ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    _put(ws, 4, [None, "年度资金总额", 10, 10, 8.35, 10, 0.835, 8.35], {7: "0.0%"})
    _put(ws, 5, ["年度总体目标", "预期目标", None, None, "实际完成情况"])
    _put(ws, 6, [None, "完成养护", None, None, "已完成"])
    _put(ws, 7, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    _put(ws, 8, ["产出指标", "质量指标", "验收合格率", 1, 1, 30, 30], {4: "0%", 5: "0%"})
    _put(ws, 9, ["产出指标", "时效指标", "完工时间", dt.datetime(2021, 12, 31), dt.datetime(2021, 11, 30), 30, 30],
         {4: _YMD, 5: _YMD})
    _put(ws, 10, ["满意度指标", "服务对象满意度指标", "群众满意度", 0.9, 0.95, 30, 30], {4: "0%", 5: "0%"})
    _put(ws, 11, ["总分", None, None, None, None, 100, 98.35])
    wb.save(path)
    return path


def test_a_selfeval_form_typed_in_excel_reads_as_shown(tmp_path: Path) -> None:
    table = read_table(_selfeval(tmp_path / "自评表.xlsx"))
    (project,) = table.projects()
    read = [(i.name, i.annual_value.raw, i.actual_value.raw) for i in project.indicators]
    assert read == [("验收合格率", "100%", "100%"), ("完工时间", "2021年12月31日", "2021年11月30日"),
                    ("群众满意度", "90%", "95%")]
    assert project.budget_block.get("rate") == "83.5%"
    # no score contradicted because 1 was read against 100%
    assert not [i for i in check_table(table) if i.code == "PG-E06"]


def test_a_department_selfeval_reads_its_rate_as_shown(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    _put(ws, 1, ["部门整体支出绩效自评表"])
    _put(ws, 2, ["部门名称", "某镇人民政府"])
    _put(ws, 3, ["年度预算（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    _put(ws, 4, [None, "年度资金总额", 100, 100, 93, 10, 0.93, 9.3], {7: "0%"})
    _put(ws, 5, ["年度总体目标", "预期目标", None, None, "实际完成情况"])
    _put(ws, 6, [None, "履行职能", None, None, "已履行"])
    _put(ws, 7, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    _put(ws, 8, ["产出指标", "数量指标", "会议召开率", 1, 1, 50, 50], {4: "0%", 5: "0%"})
    _put(ws, 9, ["满意度指标", "服务对象满意度指标", "群众满意度", 0.9, 0.95, 40, 40], {4: "0%", 5: "0%"})
    path = tmp_path / "部门自评.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.kind == "department"
    assert table.plan.budget_block.get("rate") == "93%"
    assert [(i.annual_value.raw, i.actual_value.raw) for i in table.plan.indicators] == [("100%", "100%"),
                                                                                         ("90%", "95%")]


def test_a_form_weight_typed_as_a_percentage_and_a_date_value(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    _put(ws, 1, ["项目支出绩效目标申报表"])
    _put(ws, 2, ["项目名称", "会展补助"])
    _put(ws, 3, ["资金总额（万元）", 50])
    _put(ws, 4, ["年度绩效目标", "办好会展"])
    _put(ws, 5, ["一级指标", "二级指标", "三级指标", "指标值", "权重"])
    _put(ws, 6, ["产出指标", "数量指标", "举办展会", "≥3场", 0.3], {5: "0%"})
    _put(ws, 7, ["产出指标", "时效指标", "开工时限", dt.datetime(2021, 7, 1), 0.3], {4: _YM, 5: "0%"})
    _put(ws, 8, ["效益指标", "经济效益指标", "会展收入", "≥100万元", 0.4], {5: "0%"})
    path = tmp_path / "申报表.xlsx"
    wb.save(path)
    (project,) = read_table(path).projects()
    assert [(i.name, i.annual_value.raw, i.weight) for i in project.indicators] == [
        ("举办展会", "≥3场", 30), ("开工时限", "2021年7月", 30), ("会展收入", "≥100万元", 40)]


def test_a_long_table_reads_percent_actuals_weights_and_dates_as_shown(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    _put(ws, 1, ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重"])
    _put(ws, 2, ["培训项目", "产出指标", "质量指标", "合格率", 1, 0.98, 0.5], {5: "0%", 6: "0%", 7: "0%"})
    _put(ws, 3, ["培训项目", "产出指标", "时效指标", "完成时间", dt.datetime(2023, 12, 31), dt.datetime(2023, 11, 1),
                 0.5], {5: _YMD, 6: "yyyy/m/d", 7: "0%"})
    path = tmp_path / "长表.xlsx"
    wb.save(path)
    (project,) = read_table(path).projects()
    assert [(i.annual_value.raw, i.actual_value.raw, i.weight) for i in project.indicators] == [
        ("100%", "98%", 50), ("2023年12月31日", "2023/11/1", 50)]


def test_date_formats_people_use() -> None:
    d = dt.date(2021, 7, 5)
    assert date_text(d, _YMD) == "2021年7月5日"
    assert date_text(d, 'yyyy"年"mm"月"dd"日"') == "2021年07月05日"
    assert date_text(d, _YM) == "2021年7月"
    assert date_text(d, 'm"月"d"日"') == "7月5日"
    assert date_text(d, '[$-804]yyyy"年"m"月"d"日";@') == "2021年7月5日"
    assert date_text(d, "yyyy\\年m\\月") == "2021年7月"
    assert date_text(d, "yyyy/m/d") == "2021/7/5"
    for iso in (None, "General", "@", "yyyy/m/d h:mm", "mmm d, yyyy", "dddd", "AM/PM"):
        assert date_text(d, iso) == "2021-07-05"
    assert cell_text(dt.datetime(2021, 7, 5, 13, 30), _YMD) == "2021-07-05 13:30:00"  # a time kept whole


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.dates())
def test_any_format_text_gives_a_date_text_with_digits(number_format: str, day: dt.date) -> None:
    text = date_text(day, number_format)
    assert any(ch.isdigit() for ch in text)
