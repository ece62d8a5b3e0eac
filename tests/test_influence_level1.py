"""影响力指标 (长效管理 …) printed in a target table: a class of a regional evaluation framework (项目绩效 as
产出 / 效果 / 影响力), like 投入指标 and 过程指标 — a warning that it is the template's, never an error
that misreads the table as misfiling its indicators (PG-S03 / PG-S04 were errors before)."""

from __future__ import annotations

from pathlib import Path

from grid_files import held_file

from perfgoals_xl import framework
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table


def test_influence_is_an_evaluation_frameworks_level1() -> None:
    assert framework.evaluation_level1("影响力指标") and framework.evaluation_level1("项目影响力")
    assert framework.level1_by_name("影响力指标") is None  # (not the target framework's)


def test_an_influence_row_draws_warnings_not_errors(tmp_path: Path) -> None:
    rows = [["项目名称", "乡村道路养护", "", ""], ["年度绩效目标", "完成农村公路日常养护300公里。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "≥300公里"],
            ["效果指标", "社会效益", "群众出行时间", "缩短10分钟"], ["满意度指标", "服务对象满意度", "群众满意度", "≥95%"],
            ["影响力指标", "长效管理", "养护制度健全性", "健全"]]
    findings = check_table(read_table(held_file(tmp_path, "xlsx", rows)))
    s03 = [f for f in findings if f.code == "PG-S03"]
    assert [f.severity for f in s03] == ["warning"] and "影响力" in s03[0].message
    assert not [f for f in findings if f.severity == "error"]
