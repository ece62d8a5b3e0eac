"""A form's first fields written as lines of text above its table (项目名称：某项目 / 主管部门：某局　实施单位：
某中心), the table holding the rest: a web page setting them as paragraphs. Found by the corpus
variation 表头块写在表外（段落）, which lost 39 fields of 37 real tables: a line holding several
``label：value`` pairs gave only its first (the 实施单位 after 主管部门 was lost), and a label carrying a
note after a space (``实施单位 (盖章)：``) was read into the value before it. Every pair of a cell or a
line is now read (``vocabulary.inline_pairs``), by the 申报表 and the 自评表 readers alike. Built as a
saved web page (the lines as paragraphs) and, for the cell case, as a workbook and a CSV."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from grid_files import held_file

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.vocabulary import inline_pairs

N = None


def test_every_pair_of_a_line() -> None:
    assert inline_pairs("主管部门：某局　实施单位：某中心") == [("主管部门", "某局"), ("实施单位", "某中心")]
    assert inline_pairs("主管部门：某局　实施单位 (盖章)：某中心") == [("主管部门", "某局"), ("实施单位 (盖章)", "某中心")]
    assert inline_pairs("项目名称：某项目") == [("项目名称", "某项目")]
    assert inline_pairs("完成全年任务。") == []
    many = "项目名称：甲 主管部门：乙 实施单位：丙 项目属性：丁 项目期：戊 联系人：己 联系电话：庚 填报人：辛"
    assert len(inline_pairs(many)) == 6  # bounded


def _page(tmp_path: Path, lines: list[str], rows: list[list[str]]) -> Path:
    body = "".join(f"<p>{line}</p>" for line in lines)
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    path = tmp_path / "表.html"
    path.write_text(f'<html><head><meta charset="utf-8"></head><body>{body}<table border="1">{table}</table>'
                    "</body></html>", encoding="utf-8")
    return path


def test_a_selfevals_fields_as_lines_above_its_table(tmp_path: Path) -> None:
    lines = ["部门预算项目支出绩效自评表(2023年度)", "项目名称：工资性支出",
             "主管部门：某县发展和改革局本级　实施单位 (盖章)：某县发展和改革局"]
    rows = [["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分"],
            ["", "年度资金总额", "100", "100", "100", "100%", "10"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "发放人数", "≥20人", "21人", "50", "50"],
            ["效益指标", "社会效益指标", "队伍稳定", "稳定", "稳定", "30", "30"],
            ["满意度指标", "服务对象满意度指标", "职工满意度", "≥90%", "95%", "10", "10"]]
    table = read_table(_page(tmp_path, lines, rows))
    [project] = table.projects()
    assert (project.name, table.department, project.implementer) == (
        "工资性支出", "某县发展和改革局本级", "某县发展和改革局")
    assert project.budget_executed == Decimal("100")


def test_a_forms_fields_as_lines_above_its_table(tmp_path: Path) -> None:
    lines = ["项目支出绩效目标表", "项目名称：物业管理", "主管部门：某开发区管委会　实施单位：某开发区物业中心"]
    rows = [["年度资金总额", "1125"], ["年度目标", "保障园区物业管理正常运行。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "保洁面积", "≥10万平方米"],
            ["满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"]]
    table = read_table(_page(tmp_path, lines, rows))
    [project] = table.projects()
    assert (project.name, project.amounts.total) == ("物业管理", Decimal("1125"))
    assert [unit.name for unit in table.units] == ["某开发区物业中心"]  # (a form's 实施单位 is its unit)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_several_pairs_in_one_cell_of_a_form(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称：学校体育设施向社会免费开放", N, N, N],
            ["主管部门：某区教育局　实施单位：某初级中学", N, N, N],
            ["年度资金总额", "12", N, N], ["年度目标", "学校体育设施向社会免费开放。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "开放场馆数", "≥2个"]]
    table = read_table(held_file(tmp_path, kind, rows, ["A1:D1", "A2:D2", "B3:D3", "B4:D4"]))
    [project] = table.projects()
    assert project.name == "学校体育设施向社会免费开放"
    assert (table.department, [unit.name for unit in table.units]) == ("某区教育局", ["某初级中学"])
