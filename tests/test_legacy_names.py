"""A 绩效指标 header over the indicators' own names is the name column: a grid printing no 三级指标 /
指标名称 (丰都 ``绩效指标 | 计量单位 | 指标性质 | 指标值``; 宁晋 ``评价指标 | 评价内容 | 绩效指标 | 目标值 |
分值``, its levels known by content). Found by the corpus variation 表头同义:name→绩效指标, which
refused both tables (50 fields). Told apart by the row under it, never by the header alone:

- over a two-row header's 一级指标 | 二级指标 | 三级指标 (南充), 绩效指标 is their group, not a column;
- a coded table's 绩效指标 holds the strings (``1、1-产出指标；11-数量指标；…；年度指标值:12。``).

Also: an older grid's target column headed 年度目标 (海南 2016 ``指标类型 | 指标名称 | 年度目标 | 绩效标准``)
is the year's value, as 绩效目标 / 全年绩效目标 are. Each built as a workbook and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import LEGACY_NAMES_NOTE, names_an_indicator

N = None
TITLE = "某县公安局2022年度辅警人员经费绩效自评工作报告"


def _hints(table) -> str:
    return " ".join(f.message for f in check_table(table) if f.code == "PG-S11")


def test_what_names_an_indicator() -> None:
    assert names_an_indicator("辅警人员")
    assert names_an_indicator("补贴发放及时率")
    assert not names_an_indicator("一级指标")  # a header
    assert not names_an_indicator("产出指标")  # a level
    assert not names_an_indicator("数量指标")
    assert not names_an_indicator("1、1-产出指标；11-数量指标；辅警人数；年度指标值:512。")  # a coded string
    assert not names_an_indicator("1")  # a 栏次 number
    assert not names_an_indicator("")
    assert not names_an_indicator("很长" * 30)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_levelless_grid_headed_jixiao_zhibiao(tmp_path: Path, kind: str) -> None:
    rows = [[TITLE, N, N, N], ["绩效指标", "计量单位", "指标性质", "指标值"],
            ["辅警人员", "人", "=", "512"], ["项目成本概算", "万元", "≤", "3584"],
            ["促进社会和谐稳定", N, "定性", "好"], ["受益对象满意度", "%", "≥", "95"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1"]))
    [project] = table.projects()
    assert project.name == "辅警人员经费"
    assert [i.name for i in project.indicators] == ["辅警人员", "项目成本概算", "促进社会和谐稳定", "受益对象满意度"]
    assert LEGACY_NAMES_NOTE in _hints(table)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_jixiao_zhibiao_column_beside_levels_known_by_content(tmp_path: Path, kind: str) -> None:
    rows = [["2019年度某县高中助学金项目绩效评价指标表", N, N, N, N],
            ["评价指标", "评价内容", "绩效指标", "目标值", "分值"],
            ["产出指标", "数量指标", "享受资助人数", "2100", "30"],
            [N, "质量指标", "建档立卡学生全面覆盖", "100%", "30"],
            ["效益指标", "社会效益指标", "家庭经济困难学生顺利完成学业", "有效保障", "20"],
            ["满意度指标", "服务对象满意度指标", "资助对象满意度", "≥95%", "20"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:E1", "A3:A4"]))
    [project] = table.projects()
    assert [(i.level1, i.level2, i.name) for i in project.indicators][:2] == [
        ("产出指标", "数量指标", "享受资助人数"), ("产出指标", "质量指标", "建档立卡学生全面覆盖")]
    assert not [f for f in check_table(table) if f.severity == "error" and f.code.startswith("PG-S")]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_jixiao_zhibiao_over_the_level_headers_stays_their_group(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "困难群众救助", N, N], ["年度资金总额", "16", N, N],
            ["年度目标", "保障困难群众基本生活。", N, N],
            ["绩效指标", N, N, "指标值"], ["一级指标", "二级指标", "三级指标", N],
            ["产出指标", "数量指标", "救助人数", "≥500人"],
            ["效益指标", "社会效益指标", "基本生活保障率", "100%"],
            ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:D1", "B2:D2", "B3:D3", "A4:C4", "D4:D5"]))
    [project] = table.projects()
    assert [(i.level1, i.name, i.annual_value.raw if i.annual_value else None) for i in project.indicators] == [
        ("产出指标", "救助人数", "≥500人"), ("效益指标", "基本生活保障率", "100%"), ("满意度指标", "救助对象满意度", "≥90%")]
    assert LEGACY_NAMES_NOTE not in _hints(table)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_older_grids_target_headed_niandu_mubiao(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "档案征集编研", N, N], ["年度资金总额", "20", N, N],
            ["绩效目标", "完成档案征集编研任务。", N, N],
            ["指标类型", "指标名称", "年度目标", "绩效标准"],
            ["产出指标", "编印政府公报", "每月3000本，一年12期", "按期编印"],
            ["成效指标", "公开政府信息", "向社会公开政府信息", "及时公开"]]
    table = read_table(held_file(tmp_path, kind, rows, ["B1:D1", "B2:D2", "B3:D3"]))
    [project] = table.projects()
    assert [(i.name, i.annual_value.raw if i.annual_value else None) for i in project.indicators] == [
        ("编印政府公报", "每月3000本，一年12期"), ("公开政府信息", "向社会公开政府信息")]
