"""绩效指标 heading the indicators' name column (一级指标 | 二级指标 | 绩效指标 | 指标值, as 部门整体 tables
and some 申报表 print it): the name column in every layout — while in a coded table (项目名称 | 绩效指标
holding 1、1-产出指标；11-数量指标；… strings, no level columns) it stays the coded column."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import xlsx_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import legacy_as_name

ROWS = [["产出指标", "数量指标", "培训人次", "≥200人次"], ["效益指标", "社会效益指标", "技能提升", "明显提升"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
NAMES = ["培训人次", "技能提升", "学员满意度"]


LAYOUTS = {
    "longform": [["项目名称", "一级指标", "二级指标", "绩效指标", "指标值"], *(["农民技能培训", *r] for r in ROWS)],
    "form": [["项目名称", "农民技能培训"], ["主管部门", "某县农业农村局"], ["年度目标", "完成农民技能培训200人次，提升务农技能。"],
             ["一级指标", "二级指标", "绩效指标", "指标值"], *ROWS],
    "selfeval": [["项目支出绩效自评表"], ["项目名称", "农民技能培训"], ["主管部门", "某县农业农村局"],
                 ["一级指标", "二级指标", "绩效指标", "年度指标值", "实际完成值", "分值", "得分"],
                 *([*r, r[3], "30", "30"] for r in ROWS)],
    "department": [["某县农业农村局部门整体支出绩效目标表"], ["部门名称", "某县农业农村局"],
                   ["年度绩效总目标", "完成全年农业农村工作任务，保障机关正常运转。"],
                   ["一级指标", "二级指标", "绩效指标", "指标值"], *ROWS],
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_jixiao_zhibiao_beside_levels_is_the_name_column(tmp_path: Path, layout: str) -> None:
    table = read_table(xlsx_file(tmp_path / f"{layout}.xlsx", LAYOUTS[layout]))
    indicators = table.plan.indicators if table.plan is not None else table.projects()[0].indicators
    assert [i.name for i in indicators] == NAMES
    assert [i.level2 for i in indicators] == [r[1] for r in ROWS]


def test_the_coded_column_stays_coded() -> None:
    assert legacy_as_name(["project", "legacy"]) == ["project", "legacy"]
    assert legacy_as_name(["level1", "level2", "legacy", "value"]) == ["level1", "level2", "name", "value"]
    assert legacy_as_name(["legacy", "level1", "name"]) == ["legacy", "level1", "name"]  # 绩效指标 as the side label


def test_a_coded_table_reads_its_strings(tmp_path: Path) -> None:
    rows = [["项目名称", "绩效目标", "绩效指标"],
            ["农民技能培训", "完成农民技能培训200人次。", "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:200人次；年度指标值:200人次。"]]
    table = read_table(xlsx_file(tmp_path / "coded.xlsx", rows))
    [ind] = table.projects()[0].indicators
    assert (ind.level1, ind.level2, ind.name) == ("产出指标", "数量指标", "培训人次")
