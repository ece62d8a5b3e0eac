"""Classes found by the thirty-third held-out round (天津 河北区人民法院 2023 项目支出绩效目标表), and two
found beside it by building a system export's workbook (a hidden 字典 sheet, a sheet of dropdown lists):

- forms stacked in one sheet (a page pasted into Excel, its CSV, its print), each opening with a
  heading line ``207101天津市河北区人民法院 | 单位:万元`` and no title: the first form's grid ends at the
  next heading line, and the next 项目名称 starts the next form;
- that heading line's unlabelled unit is the table's 填报单位 (and so its department) when no label
  names one;
- a print where the second stacked table runs onto the next page: the rows there go on with it;
- a workbook's hidden sheet is not read when a visible one holds the table; a sheet listing only
  levels under an indicator header (a 字典 of dropdown options) is no project.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from grid_files import held_file
from pdf_fixtures import print_pages, soffice_or_skip

from perfgoals_xl.errors import InputError
from perfgoals_xl.hierarchy_labels import names_budget_unit
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None


def _form(project: str, budget: str, goal: str, rows: list[list[object]]) -> list[list[object]]:
    return [
        ["207101天津市河北区人民法院", N, N, N, N, "单位:万元", N],
        ["项目名称", project, N, N, N, N, N],
        ["预算规模及资金用途", "预算数", budget, "其中:财政资金", budget, "其他资金", N],
        [N, "用于" + project, N, N, N, N, N],
        ["绩效目标", goal, N, N, N, N, N],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", N, "指标值", N],
        *rows,
    ]


FIRST = _form("安全隐患维修", "20.00", "1.维修审判大楼玻璃幕墙等,消除外延脱落安全隐患。", [
    ["产出指标", "数量指标", "维修面积", "维修面积", N, "≥400平方米", N],
    [N, "质量指标", "验收合格率", "验收合格率", N, "≥98百分比", N],
    ["效益指标", "可持续影响指标", "消除安全隐患", "消除安全隐患", N, "持续影响", N],
    ["满意度指标", "服务对象满意度指标", "干警满意度", "干警满意度", N, "≥95百分比", N],
])
SECOND = _form("办案业务费", "24.00", "1.通过陪审员参与案件审判,提高审判效率。", [
    ["产出指标", "数量指标", "陪审员参审案件数量", "陪审员参审案件数量", N, "≥900件", N],
    [N, "成本指标", "参审案件补助", "参审案件补助", N, "100元", N],
])


def _merges(top: int, rows: int) -> list[str]:
    """The merges of one form starting at sheet row ``top`` (1-based) with ``rows`` indicator rows."""
    t = top
    out = [f"A{t}:E{t}", f"F{t}:G{t}", f"B{t + 1}:G{t + 1}", f"A{t + 2}:A{t + 3}", f"B{t + 3}:G{t + 3}",
           f"B{t + 4}:G{t + 4}", f"D{t + 5}:E{t + 5}", f"F{t + 5}:G{t + 5}"]
    out += [m for r in range(t + 6, t + 6 + rows) for m in (f"D{r}:E{r}", f"F{r}:G{r}")]
    return out


STACKED = [*FIRST, [N] * 7, *SECOND]
STACKED_MERGES = [*_merges(1, 4), "A7:A8", *_merges(len(FIRST) + 2, 2)]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_forms_stacked_under_unlabelled_heading_lines(tmp_path: Path, kind: str) -> None:
    table = read_table(held_file(tmp_path, kind, STACKED, STACKED_MERGES))
    projects = table.projects()
    assert [p.name for p in projects] == ["安全隐患维修", "办案业务费"]
    assert [i.name for i in projects[0].indicators] == ["维修面积", "验收合格率", "消除安全隐患", "干警满意度"]
    assert [(i.level2, i.name, i.annual_value.raw) for i in projects[1].indicators] == [
        ("数量指标", "陪审员参审案件数量", "≥900件"), ("成本指标", "参审案件补助", "100元")]
    assert (table.department, table.department_code) == ("天津市河北区人民法院", "207101")
    # each heading line is its own form's: one unit over both projects, as printed
    assert [(u.name, len(u.projects)) for u in table.units] == [("207101天津市河北区人民法院", 2)]
    assert any("没有标签，按填报单位读取" in p.message for p in table.problems)
    errors = [f for f in check_table(table) if f.severity == "error"]
    assert not [f for f in errors if f.code in ("PG-S03", "PG-S04", "PG-S05")], errors


def test_a_labelled_department_is_not_overridden_by_the_heading_line(tmp_path: Path) -> None:
    rows = [list(r) for r in FIRST]
    rows.insert(2, ["主管部门", "天津市河北区财政局", N, N, N, N, N])
    merges = [*_merges(1, 0)[:2], "B2:G2", "B3:G3", "A4:A5", "B5:G5", "B6:G6", "D7:E7", "F7:G7"]
    table = read_table(held_file(tmp_path, "xlsx", rows, merges))
    assert table.department == "天津市河北区财政局"


def test_the_name_of_a_budget_unit_printed_alone() -> None:
    for name in ("天津市河北区人民法院", "某县教育局", "某镇人民政府", "某市疾病预防控制中心", "某县第一中学"):
        assert names_budget_unit(name), name
    for text in ("单位:万元", "2023年", "项目支出绩效目标表", "产出指标", "维修面积", "合计", "某局：张三"):
        assert not names_budget_unit(text), text


def _page_table(width: str, cols: list[str], rows: list[list[object]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in r) + "</tr>" for r in rows)
    return (f'<table border="1" cellspacing="0" width="{width}"><colgroup>'
            + "".join(f'<col width="{w}">' for w in cols) + f"</colgroup>{body}</table>")


def test_a_stacked_table_going_on_over_the_next_page_of_a_print(tmp_path: Path) -> None:
    soffice_or_skip()
    many = [[("产出指标" if k == 0 else N), "数量指标", f"完成事项{k + 1}", f"完成事项{k + 1}的数量", N,
             f"≥{k + 1}项", N] for k in range(34)]
    second = _form("办案业务费", "24.00", "1.通过陪审员参与案件审判,提高审判效率。", many)
    page = ("<html><head><meta charset='utf-8'></head><body>"
            + _page_table("80%", ["14%", "14%", "14%", "14%", "14%", "15%", "15%"], [list(r) for r in FIRST])
            + "<p>&nbsp;</p>"
            + _page_table("100%", ["10%", "10%", "20%", "25%", "5%", "20%", "10%"], [list(r) for r in second])
            + "</body></html>")
    pdf = print_pages({"stacked": page}, tmp_path)["stacked"]
    table = read_table(pdf)
    names = [i.name for p in table.projects() if p.name == "办案业务费" for i in p.indicators]
    assert names == [f"完成事项{k + 1}" for k in range(34)]


def _workbook_with(tmp_path: Path, name: str, *, hidden: bool) -> Path:
    path = held_file(tmp_path, "xlsx", FIRST, _merges(1, 4))
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet(name)
    for row in (("一级指标", "二级指标", "三级指标", "指标值"), ("1-产出指标", "11-数量指标", None, None),
                ("1-产出指标", "12-质量指标", None, None), ("2-效益指标", "22-社会效益指标", None, None)):
        ws.append(row)
    if hidden:
        ws.sheet_state = "hidden"
    out = tmp_path / f"{name}-{hidden}.xlsx"
    wb.save(out)
    return out


@pytest.mark.parametrize("hidden", [True, False])
def test_a_dictionary_sheet_of_levels_is_no_project(tmp_path: Path, hidden: bool) -> None:
    table = read_table(_workbook_with(tmp_path, "字典", hidden=hidden))
    assert [p.name for p in table.projects()] == ["安全隐患维修"]
    said = " ".join(p.message for p in table.problems)
    assert ("隐藏的工作表“字典”未读取" if hidden else "只有指标层级") in said
    assert not [f for f in check_table(table) if f.severity == "error" and f.code in ("PG-S01", "PG-C01")]


def test_a_sheet_of_levels_alone_reads_nothing(tmp_path: Path) -> None:
    path = held_file(tmp_path, "xlsx", [["一级指标", "二级指标", "三级指标", "指标值"],
                                        ["1-产出指标", "11-数量指标", N, N], ["2-效益指标", "22-社会效益指标", N, N]])
    with pytest.raises(InputError, match="只有指标层级"):
        read_table(path)


def test_a_workbook_whose_only_table_is_on_a_hidden_sheet_is_read(tmp_path: Path) -> None:
    path = held_file(tmp_path, "xlsx", FIRST, _merges(1, 4))
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("说明").append(["本表由预算管理一体化系统导出"])
    wb.active.sheet_state = "hidden"
    wb.active = 1
    out = tmp_path / "only-hidden.xlsx"
    wb.save(out)
    assert [p.name for p in read_table(out).projects()] == ["安全隐患维修"]
