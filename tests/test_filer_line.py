"""A sign-off line over the table (填报单位（盖章）：某局　　填报日期：2023年3月1日), as templates print it:
the filer, whom the form's own unit (预算单位, 资金使用单位, 实施单位) outranks — kept as 填报单位 — and no
evidence that a table is a form (a 安排表 listing under it stays no table of ours). Found by the corpus
variation 落款在表上, which took the filer for the unit of 8 real tables and read a listing as a form.
Built as a saved web page (the line a paragraph) and as a workbook."""

from __future__ import annotations

from pathlib import Path

from grid_files import held_file

from perfgoals_xl.sources import read_table

N = None
SIGN_OFF = "填报单位（盖章）：某市文化广电和旅游局　　填报日期：2023年3月1日"
GRID = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "开放天数", "≥300天"],
        ["满意度指标", "服务对象满意度指标", "游客满意度", "≥90%"]]


def _page(tmp_path: Path, lines: list[str], tables: list[list[list[str]]]) -> Path:
    parts = [f"<p>{line}</p>" for line in lines]
    for rows in tables:
        parts.append('<table border="1">' + "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>")
    path = tmp_path / "表.html"
    path.write_text('<html><head><meta charset="utf-8"></head><body>' + "".join(parts) + "</body></html>",
                    encoding="utf-8")
    return path


def test_a_forms_own_unit_outranks_the_filer_over_it(tmp_path: Path) -> None:
    rows = [["项目名称", "文化公园运转经费", "预算单位", "某博物馆"], ["主管部门", "某市文化广电和旅游局", N, N],
            ["年度资金总额", "80", N, N], ["年度目标", "保障文化公园正常运转。", N, N], *GRID]
    table = read_table(held_file(tmp_path, "xlsx", [[SIGN_OFF, N, N, N], *rows], ["A1:D1"]))
    [project] = table.projects()
    assert [unit.name for unit in table.units] == ["某博物馆"]
    assert project.extras.get("填报单位") == "某市文化广电和旅游局"


def test_a_selfevals_own_unit_outranks_the_filer_over_it(tmp_path: Path) -> None:
    rows = [["项目名称", "就业补助资金", "资金使用单位", "某区人社局"],
            ["项目资金（万元）", "全年预算数", "全年执行数", "执行率"], ["年度资金总额", "808.1", "692.98", "85.8%"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
            ["产出指标", "数量指标", "补贴人数", "≥500人", "520人"]]
    table = read_table(_page(tmp_path, ["就业补助资金绩效自评表", SIGN_OFF], [rows]))
    [project] = table.projects()
    assert project.implementer == "某区人社局"
    assert project.extras.get("填报单位") == "某市文化广电和旅游局"


def test_the_filer_is_the_unit_when_the_form_names_none(tmp_path: Path) -> None:
    rows = [["项目名称", "文化公园运转经费", N, N], ["年度资金总额", "80", N, N],
            ["年度目标", "保障文化公园正常运转。", N, N], *GRID]
    table = read_table(held_file(tmp_path, "xlsx", [[SIGN_OFF, N, N, N], *rows], ["A1:D1"]))
    assert [unit.name for unit in table.units] == ["某市文化广电和旅游局"]


def test_a_listing_under_a_sign_off_line_is_no_form(tmp_path: Path) -> None:
    listing = [["序号", "乡镇名称", "项 目 名 称", "金额", "备注"], ["1", "西坪镇", "尧山村排洪排水工程建设", "20", ""],
               ["合计", "", "", "20", ""]]
    form = [["项目名称", "省级水利专项资金", "主管部门(单位)名称", "某县水利局"], ["资金总额", "20", N, N],
            ["总体目标", "开展小型水利工程建设。", N, N], *GRID]
    table = read_table(_page(tmp_path, ["2022年省级水利专项资金安排表", SIGN_OFF], [listing, [
        ["" if c is None else c for c in row] for row in form]]))
    assert [p.name for p in table.projects()] == ["省级水利专项资金"]
