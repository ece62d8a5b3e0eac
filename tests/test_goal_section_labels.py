"""A 申报表's goal under the section label 总体目标, however the form sets it out: found by the corpus
variation 标签同义:goal→总体目标, which lost the goal of 15 real forms and gave each a false PG-A04.

- ``总体目标 | <goal>`` is a goal label with its goal beside it, also on a form naming its project only
  in its title (河北 2019: 1、…提前下达2019年<name>预算指标绩效目标表, then 总体目标 | <goal>);
- ``总体目标 | 总体目标`` over the goal: the sub-label heads the text below it, as 年度目标 does;
- ``项目总目标 | 年度目标`` (兵团 template): 项目总目标 is a goal label like 项目总体目标, so it is
  never read as the goal's text; the annual one is the goal, the other the mid-term goal.

Each built as a workbook with its merges and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
GRID = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "救助人数", "≥500人"],
    [N, "质量指标", "资金按标准发放率", "100%"],
    ["效益指标", "社会效益指标", "困难群众基本生活保障率", "100%"],
    ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"],
]
GOAL = "保障困难群众基本生活，做到应救尽救。"


def _read(tmp_path: Path, kind: str, rows: list[list[object]], merges: list[str]):
    table = read_table(held_file(tmp_path, kind, rows, merges))
    [project] = table.projects()
    return table, project


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_title_and_a_goal_beside_its_section_label_make_a_form(tmp_path: Path, kind: str) -> None:
    rows = [["1、某财社〔2019〕1号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表", N, N, N],
            ["总体目标", GOAL, N, N], *GRID]
    table, project = _read(tmp_path, kind, rows, ["A1:D1", "B2:D2", "A4:A5"])
    assert project.name == "中央财政困难群众救助补助"
    assert project.goal == GOAL
    assert [i.name for i in project.indicators] == ["救助人数", "资金按标准发放率", "困难群众基本生活保障率", "救助对象满意度"]
    assert not [f for f in check_table(table) if f.severity == "error"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_goal_sub_label_heads_the_text_below_it(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "困难群众救助补助", N, N], ["主管部门", "某县民政局", N, N],
            ["年度资金总额", "16", N, N], ["总体目标", "总体目标", N, N], [N, GOAL, N, N], *GRID]
    table, project = _read(tmp_path, kind, rows, ["B1:D1", "B2:D2", "B3:D3", "A4:A5", "B4:D4", "B5:D5", "A7:A8"])
    assert project.goal == GOAL
    assert not [f for f in check_table(table) if f.code == "PG-A04"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_project_total_goal_label_is_never_the_goal(tmp_path: Path, kind: str) -> None:
    annual = "2021年完成保鲜库钢构主体安装、封顶。"
    rows = [["项目名称", "气调保鲜库建设项目", N, N], ["主管部门", "农业农村局", N, N],
            ["年度资金总额", "1500", N, N], ["项目绩效目标", "项目总目标", N, "年度目标"],
            [N, "建设完成保鲜库1座。", N, annual], *GRID]
    table, project = _read(tmp_path, kind, rows, ["B1:D1", "B2:D2", "B3:D3", "A4:A5", "B4:C4", "B5:C5", "A7:A8"])
    assert project.goal == annual
    assert project.period_goal == "建设完成保鲜库1座。"
    assert "项目总目标" not in project.extras.values()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_grid_title_under_the_goal_block_is_never_the_goal(tmp_path: Path, kind: str) -> None:
    """武汉 青山: 年度总体目标 (tall, over two rows) | 中期目标 | 年度总体目标 over their texts, then the
    grid's own title 绩效项目指标表 under the section label: the annual goal is the text under its
    sub-label, never the title (read before as a 7-character goal with a false PG-C01)."""
    rows = [["项目名称", "科学技术研究与开发资金", N, N], ["主管部门", "区科经局", N, N], ["资金总额", "936", N, N],
            ["年度总体目标", "中期目标", "年度总体目标", N], [N, "推进科技事业发展。", GOAL, N],
            ["绩效项目指标表", N, N, N], *GRID]
    table, project = _read(tmp_path, kind, rows, ["A4:A5", "A6:D6"])
    assert project.goal == GOAL
    assert not [f for f in check_table(table) if f.code in ("PG-C01", "PG-A04")]


def test_what_titles_a_grid() -> None:
    from perfgoals_xl.sources.vocabulary import is_grid_title

    assert all(map(is_grid_title, ["绩效项目指标表", "项目绩效目标表", "年度绩效指标情况表", "绩 效 指 标 表"]))
    assert not any(map(is_grid_title, ["绩效指标", "按时报送统计报表", "2021年项目支出绩效目标表", "完成目标表，按时报送。"]))


SHORT_GOAL = "救助500人。"  # (a short goal: 年度绩效目标：<it> fits a header word's 20 characters)


@pytest.mark.parametrize("label", ["年度绩效目标", "总体目标", "绩效目标"])
@pytest.mark.parametrize("kind", ["xlsx", "csv", "html"])
def test_a_short_goal_after_its_label_in_one_line_above_the_grid(tmp_path: Path, kind: str, label: str) -> None:
    """项目名称：… and <label>：<goal> as lines above the indicator grid (a page's paragraphs, a sheet's
    lines): the goal is read, however short. Before, 年度绩效目标：<a goal of up to 13 characters> was taken
    for a parent header row of the grid (年度指标 over a half) and lost, and 总体目标：<goal> (a section
    label with its text in the same line) was kept as an extra field: a false PG-A04 / PG-C01 each."""
    lines = ["项目名称：困难群众救助补助", f"{label}：{SHORT_GOAL}"]
    if kind == "html":
        cells = "".join("<tr>" + "".join(f"<td>{c or ''}</td>" for c in row) + "</tr>" for row in GRID)
        path = tmp_path / "页.html"
        path.write_text("<html><head><meta charset='utf-8'></head><body>" + "".join(f"<p>{t}</p>" for t in lines)
                        + f"<table border=1>{cells}</table></body></html>", encoding="utf-8")
        table = read_table(path)
    else:
        table = read_table(held_file(tmp_path, kind, [[t, N, N, N] for t in lines] + GRID))
    [project] = table.projects()
    assert (project.name, project.goal) == ("困难群众救助补助", SHORT_GOAL)
    assert len(project.indicators) == 4
    assert not [f for f in check_table(table) if f.code == "PG-A04"]
