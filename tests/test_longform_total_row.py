"""A long-format table closing its indicator rows with a 合计 row: 合计 merged across the unit, project,
goal and level columns, the weights' sum under 权重 (申报表 exports of 四川 and 湖南 towns). It is the
weights' total — never an indicator, never a row 'without a project above'."""

from __future__ import annotations

from pathlib import Path

from grid_files import xlsx_file

from perfgoals_xl import check_table
from perfgoals_xl.sources import read_table

HEADER = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值", "权重"]
ROWS = [
    ["820-某镇", "环境卫生整治", "12", "完成全镇环境卫生整治，群众满意度达到95%以上", "产出指标", "数量指标", "清扫道路里程", "≥20公里", "50"],
    [None, None, None, None, "效益指标", "社会效益指标", "镇容镇貌", "明显改善", "30"],
    [None, None, None, None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "20"],
    ["合计", None, None, None, None, None, None, None, "100"],
]


def test_a_total_row_merged_across_the_names_is_the_weights_total(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path / "申报表.xlsx", [HEADER, *ROWS], ["A2:A4", "B2:B4", "C2:C4", "D2:D4", "A5:H5"])
    table = read_table(path)
    [project] = table.projects()
    assert [i.name for i in project.indicators] == ["清扫道路里程", "镇容镇貌", "群众满意度"]
    findings = check_table(table)
    assert not [f for f in findings if f.code == "PG-S01"], [f.message for f in findings]
