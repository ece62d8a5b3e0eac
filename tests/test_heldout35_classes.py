"""Classes found by the thirty-fifth held-out round, built as workbooks with their merges and as the
CSV that loses them:

- a 自评表 whose 二级指标 column prints its classes (数量指标, 质量指标 …) under a blank header cell
  (一级 指标 | | 三级指标, 重庆 忠县): that column is the level-2 one, said in a 读取提示;
- the project-name label printed 转移(项目)名称 (支付 left out, 四川 旺苍).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import form_label_of

N = None


def _form(label: str, second_header: str, second: list[str]) -> list[list[object]]:
    return [
        ["中央、市级专项转移支付绩效目标自评表", N, N, N, N, N, N],
        [label, "龙滩村农村移民安置区精准帮扶项目", N, N, "负责人及电话", "廖朝伟", N],
        ["县级主管部门", "忠县水利局", N, N, "实施单位", "忠县涂井乡人民政府", N],
        ["项目资金(万元)", N, N, N, "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        [N, "年度资金总额:", N, N, "372.29", "372.29", "100%"],
        ["年度总体目标", "年初设定目标", N, N, "全年实际完成情况", N, N],
        [N, "新建道路524m", N, N, "新建道路524m", N, N],
        ["绩 效 指 标", "一级 指标", second_header, "三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施"],
        [N, "产 出 指 标", second[0], "指标1:新建道路", "524m", "524m", N],
        [N, N, second[1], "指标1:工程完工率", "100%", "100%", N],
        [N, N, second[2], "道路交通设施完成时间", "2021年", "2021年", N],
        [N, "效 益 指 标", second[3], "村民出行成本", "降低", "降低", N],
    ]


MERGES = ["B2:D2", "B3:D3", "A4:D4", "A5:A5", "B5:D5", "A6:A7", "B6:D6", "E6:G6", "B7:D7", "E7:G7", "A8:A12", "B9:B11"]
LEVEL2 = ["数量指标", "质量指标", "时效指标", "经济效益指标"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_level2_column_under_a_blank_header(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, _form("专项(项目)名称", "", LEVEL2), MERGES))
    [project] = table.projects()
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("效益指标", "经济效益指标")]
    assert any("表头空白，按其内容" in p.message for p in table.problems)
    assert not [f for f in check_table(table) if f.code == "PG-S04"]


def test_a_blank_headed_column_of_other_texts_is_no_level(tmp_path: Path) -> None:
    codes = ["011", "012", "013", "021"]
    table = read_table(held_file(tmp_path, "xlsx", _form("专项(项目)名称", "", codes), MERGES))
    assert {i.level2 for i in table.projects()[0].indicators} == {""}


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_project_label_printed_without_zhifu(tmp_path: Path, kind: str) -> None:
    assert form_label_of("转移(项目)名称")[0] == "project"
    assert form_label_of("转移单位名称")[0] is None
    table = read_table(held_file(tmp_path, kind, _form("转移(项目)名称", "二级指标", LEVEL2), MERGES))
    assert table.projects()[0].name == "龙滩村农村移民安置区精准帮扶项目"
