"""The template shapes read since the official-template pass stay linear on hostile sizes: a
部门整体 money grid of thousands of group columns, stacked 长期/年度 grids of thousands of indicators
each, and a money grid comparing years with thousands of amount labels (each label once looked up,
never a scan of the row per label)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from timing import best_seconds

from perfgoals_xl.sources import read_table


def _department_money(path: Path, groups: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某局部门整体支出绩效目标申报表"])
    ws.append(["部门名称", "某局"])
    head, sub, nums = ["总体资金情况(万元)", "总额"], ["", ""], ["", 900]
    for _ in range(groups):
        head += ["基本支出", "", ""]
        sub += ["合计", "财政拨款", "其他资金"]
        nums += [700, 650, 50]
    ws.append(head)
    ws.append(sub)
    ws.append(nums)
    ws.append(["年度绩效总目标", "保障机关正常运转。"])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["产出指标", "数量指标", "保障人数", "≥50人"])
    wb.save(path)
    return path


def _stacked(path: Path, n: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "某县培训项目"])
    ws.append(["年度目标", "完成培训。"])
    for side, value in (("长期绩效指标", "≥{}人"), ("年度绩效指标", "≥{}次")):
        ws.append([side, "一级指标", "二级指标", "三级指标", "指标值"])
        for k in range(n):
            ws.append(["", "产出指标", "数量指标", f"培训人次{k}", value.format(k + 1)])
    wb.save(path)
    return path


def _ratio(build, small: int, large: int, tmp_path: Path) -> float:
    paths = {w: build(tmp_path / f"t{w}.xlsx", w) for w in (small, large)}
    read_table(paths[small])  # warm up
    return best_seconds(lambda: read_table(paths[large]), repeat=2) / max(
        best_seconds(lambda: read_table(paths[small]), repeat=2), 5e-3)


def test_a_department_money_grid_of_thousands_of_groups_reads_in_linear_time(tmp_path: Path) -> None:
    table = read_table(_department_money(tmp_path / "one.xlsx", 1))
    assert table.plan.amounts.total == 900 and table.plan.basic == 700
    ratio = _ratio(_department_money, 500, 2000, tmp_path)
    assert ratio < 9, f"time grew {ratio:.1f}× for 4× the groups"


def test_stacked_grids_of_thousands_of_indicators_pair_in_linear_time(tmp_path: Path) -> None:
    project = read_table(_stacked(tmp_path / "three.xlsx", 3)).projects()[0]
    assert [(i.name, i.period_value.raw, i.annual_value.raw) for i in project.indicators] == [
        (f"培训人次{k}", f"≥{k + 1}人", f"≥{k + 1}次") for k in range(3)]
    ratio = _ratio(_stacked, 500, 2000, tmp_path)
    assert ratio < 9, f"time grew {ratio:.1f}× for 4× the indicators"
