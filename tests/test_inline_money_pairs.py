"""A form's money written as pairs in one cell: ``资金总额：120万元　其中：财政拨款：100万元　其他资金：20万元``. The
其中 opening the second pair was read as part of the first value (财政拨款 kept as the extra 总计说明, no 财政拨款
read); a 其中 followed by a label and its colon now ends the value before it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import inline_pairs

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥300公里"],
        ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("money", ["资金总额：120万元　其中：财政拨款：100万元　其他资金：20万元",
                                   "资金总额:120万元 其中:财政拨款:100万元 其他资金:20万元"])
def test_money_pairs_in_one_cell(tmp_path: Path, kind: str, money: str) -> None:
    rows = [["项目名称：乡村道路养护", None, None, None], [money, None, None, None], ["年度绩效目标：" + GOAL, None, None, None], *GRID]
    project = read_table(held_file(tmp_path, kind, rows)).projects()[0]
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (Decimal(120), Decimal(100), Decimal(20))
    assert not project.extras


@pytest.mark.parametrize(("text", "pairs"), [
    ("资金总额：120万元　其中：财政拨款：100万元", [("资金总额", "120万元"), ("财政拨款", "100万元")]),
    ("资金总额：120万元　其中：财政拨款100万元", [("资金总额", "120万元\u3000其中：财政拨款100万元")]),  # (a breakdown: kept)
    ("项目名称：某项目　主管部门：某局", [("项目名称", "某项目"), ("主管部门", "某局")]),
])
def test_a_next_pairs_qizhong_ends_the_value(text: str, pairs: list[tuple[str, str]]) -> None:
    assert inline_pairs(text) == pairs
