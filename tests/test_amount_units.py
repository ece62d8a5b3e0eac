"""Amounts as forms write them in their cells, read by the one reading (``grid.money_in_wan``) in every
layout's block: 亿元 (a large project's budget: 1.2亿元 is 12000 万元), a currency sign (a spreadsheet's 货币
format saved as a web page or text: ￥120.00 in a 万元 form is 120 万元), a unit after a line break. Read
before as no number (a PG-A03 warning and no amount) — 亿 was no unit of the form's amount cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.sources import read_table

GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥100公里"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
CASES = [("1.2亿元", Decimal(12000)), ("0.5亿", Decimal(5000)), ("￥120.00", Decimal(120)), ("¥1,200", Decimal(1200)),
         ("120.00\n万元", Decimal(120)), ("3,000,000元", Decimal(300))]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("written", "wan"), CASES, ids=[c[0] for c in CASES])
def test_a_forms_amount_in_its_own_words(tmp_path: Path, kind: str, written: str, wan: Decimal) -> None:
    rows = [["项目名称", "乡村道路养护", None, None], ["年度资金总额（万元）", written, "其中：财政拨款", written],
            ["年度绩效目标", "完成年度养护100公里。", None, None], *GRID]
    table = read_table(held_file(tmp_path, kind, rows))
    project = table.projects()[0]
    assert (project.amounts.total, project.amounts.fiscal) == (wan, wan)
    assert not [p for p in table.problems if p.code == "A03"]


@pytest.mark.parametrize(("written", "wan"), CASES[:3], ids=[c[0] for c in CASES[:3]])
def test_a_department_budget_in_its_own_words(tmp_path: Path, written: str, wan: Decimal) -> None:
    rows = [["部门名称", "某县交通运输局", None, None], ["年度预算（万元）", written, None, None],
            ["年度绩效总目标", "全面完成年度交通建设任务。", None, None], *GRID]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert table.plan is not None and table.plan.amounts.total == wan
