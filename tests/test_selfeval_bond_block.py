"""A 专项债券 project's 自评表 (as 深圳 districts publish them): instead of 年初预算数 | 全年预算数 |
全年执行数, the budget line is a 债券资金管理指标(10分) block — its label and 总体支出进度 merged down
from the header row (实际支出金额 | 下达额度 | 实际完成值 | 分值 | 得分) over the row of amounts, which
has no label of its own. The year's quota (下达额度) is the budget the spending is measured against.
Built here as a workbook with its merges, and saved as CSV (the merges lost)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.sources import read_table

N = None
ROWS = [
    ["项目名称", "某区燃气管道改造工程", N, N, N, "项目单位", "某街道办事处", N, N],
    ["项目主管部门", "某区住房和建设局", N, N, N, "投向领域", "老旧小区改造领域", N, N],
    ["年度绩效目标", "预期目标", N, N, N, "全年实际完成情况", N, N, N],
    [N, "年底前完成10个小区管道改造", N, N, N, "已完成10个小区管道改造", N, N, N],
    ["当年绩效指标", "债券资金管理指标(10分)", "总体支出进度(当年实际支出金额/项目当年下达额度)", "实际支出金额", "下达额度",
     "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [N, N, N, "1,200", "1,500", "80%", 10, 8, "部分工程款未到结算期"],
    [N, "一级指标", "二级指标", "三级指标", "目标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [N, "产出指标", "数量指标", "改造小区数量", "10个", "10个", 50, 50, N],
    [N, "效益指标", "社会效益指标", "消除瓶装气安全隐患", "有效消除", "有效消除", 30, 30, N],
    [N, "满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "95%", 10, 10, N],
]
MERGES = ["B1:E1", "G1:I1", "B2:E2", "G2:I2", "A3:A4", "B3:E3", "F3:I3", "B4:E4", "F4:I4", "A5:A10", "B5:B6", "C5:C6"]


def _workbook(path: Path, merged: bool) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in ROWS:
        ws.append(row)
    if merged:
        for cells in MERGES:
            ws.merge_cells(cells)
    wb.save(path)
    return path


def _csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["" if v is None else v for v in row] for row in ROWS])
    return path


@pytest.mark.parametrize("kind", ["merged", "csv"])
def test_bond_block_is_the_budget_line(tmp_path: Path, kind: str) -> None:
    path = _workbook(tmp_path / "自评.xlsx", True) if kind == "merged" else _csv(tmp_path / "自评.csv")
    table = read_table(path)
    project = table.projects()[0]
    assert project.name == "某区燃气管道改造工程"
    assert (project.budget_adjusted, project.budget_executed) == (Decimal(1500), Decimal(1200))
    assert project.budget_block == {"weight": "10", "rate": "80%", "score": "8"} or (
        project.budget_block.get("weight") == "10" and project.budget_block.get("score") == "8")
    assert [i.name for i in project.indicators] == ["改造小区数量", "消除瓶装气安全隐患", "居民满意度"]
