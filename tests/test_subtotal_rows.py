"""A 小计 row closing each level's group of a scored grid (产出指标 … | 小计 | 50, then 效益指标 …) is
no indicator and no end of the grid: the groups under it are read. Found by the corpus variation
层级小计行, which cut 12 real 自评表 at their first 小计 (253 fields lost, a false PG-C03 each). A 小计 with
nothing but a footer after it still closes the grid. Built as a workbook and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.row_kinds import is_subtotal_label

N = None
HEAD = [["项目名称", "村级补助及运转经费", N, N, N, N, N], ["主管部门", "某镇人民政府", N, N, N, N, N],
        ["项目资金（万元）", N, "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
        [N, "年度资金总额", "202.6", "202.6", "132.9", "65.6%", "6.6"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
GROUPS = [["产出指标(50分)", "数量指标", "补助村(社区)数量", "=8个", "8个", "25", "25"],
          [N, "质量指标", "补助资格合规性", "合规", "合规", "25", "25"],
          ["小计", N, N, N, N, "50", "50"],
          ["效益指标(30分)", "社会效益指标", "村干部工作积极性", "提高", "提高", "30", "30"],
          ["小计", N, N, N, N, "30", "30"],
          ["满意度指标(10分)", "服务对象满意度指标", "村民满意度", "≥90%", "95%", "10", "10"]]


def test_what_a_subtotal_is() -> None:
    assert is_subtotal_label("小计") and is_subtotal_label("产出指标小计") and is_subtotal_label("小 计")
    assert not is_subtotal_label("合计") and not is_subtotal_label("总分") and not is_subtotal_label("")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_subtotals_between_the_groups(tmp_path: Path, kind: str) -> None:
    rows = [*HEAD, *GROUPS, ["总分", N, N, N, N, "100", "96.6"]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:G1", "B2:G2", "A3:B3", "A6:A7"]))
    [project] = table.projects()
    assert [i.name for i in project.indicators] == ["补助村(社区)数量", "补助资格合规性", "村干部工作积极性", "村民满意度"]
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert project.total_score == 96.6
    assert not [f for f in check_table(table) if f.code in ("PG-C02", "PG-C03", "PG-S03")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_closing_subtotal_still_ends_the_grid(tmp_path: Path, kind: str) -> None:
    rows = [*HEAD, *GROUPS, ["小计", N, N, N, N, "100", "96.6"], ["填报人：张三", N, N, "联系电话：123", N, N, N]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:G1", "B2:G2", "A3:B3", "A6:A7"]))
    [project] = table.projects()
    assert len(project.indicators) == 4
    assert table.footer.get("填报人") == "张三"  # (the grid ended at its 小计; the sign-off under it read)
