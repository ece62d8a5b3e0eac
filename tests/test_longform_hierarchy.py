"""Hierarchy rows in long-format sheets (issue 14): department, unit, subtotal and 合计 rows.

Each fixture is a workbook built here in one real layout; the table read equals the intended
hierarchy field by field (department, its code and where it was read, 合计, units with their codes
and amounts — blank when the unit had no row — and projects), and ``check`` on it reports no
amount-rule error or warning.
"""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.hierarchy import (
    department_from_title,
    looks_like_department,
    split_code,
    subtotal_owner,
    total_kind,
)
from perfgoals_xl.values import parse_value

HEADER = ["单位名称", "项目名称", "预算数", "财政拨款", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"]
#: Four clean indicators (一级, 二级, 三级, 指标值) every project carries.
INDICATORS = [
    ("产出指标", "数量指标", "维护里程", "≥20公里"),
    ("产出指标", "质量指标", "验收合格率", "≥95%"),
    ("效益指标", "社会效益指标", "通行条件", "明显改善"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
]
GOAL = "全年完成道路养护任务，保障群众安全出行。"


def project_rows(unit: str, name: str, total, fiscal=None) -> list[list]:
    """A project: fields on its first row, one row per indicator, unit name repeated."""
    rows = []
    for k, (l1, l2, l3, value) in enumerate(INDICATORS):
        first = k == 0
        rows.append([unit, name if first else None, total if first else None, fiscal if first else None,
                     GOAL if first else None, l1, l2, l3, value])
    return rows


def workbook(path, rows: list[list], *, above: list[list] = (), header=HEADER):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    for row in above:
        ws.append(row)
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def project(name: str, total: str, fiscal: str | None = None) -> Project:
    return Project(name, amounts=Amounts(total=Decimal(total), fiscal=Decimal(fiscal) if fiscal else None),
                   goal=GOAL, indicators=[
                       Indicator(seq=k, level1_code=None, level1=l1, level2_code=None, level2=l2, name=l3,
                                 period_value=parse_value(v), annual_value=parse_value(v))
                       for k, (l1, l2, l3, v) in enumerate(INDICATORS, 1)])


def amount_findings(table: PerfTable) -> list[tuple[str, str, str]]:
    return [(i.code, i.severity, i.message) for i in check_table(table) if i.code.startswith("PG-A")]


def test_county_table_in_yuan_department_row_and_unit_codes(tmp_path):
    """The county table of issue 14: `820-某某镇部门 | | 8,827,620.53`, `820001-某某镇人民政府`."""
    rows = [["820-某某镇部门", None, "8,827,620.53", None, None, None, None, None, None]]
    rows += project_rows("820001-某某镇人民政府", "道路养护", "5,000,000.00")
    rows += project_rows("820001-某某镇人民政府", "环境整治", "3,827,620.53")
    header = ["单位名称", "项目名称", "预算数", "备注", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"]
    path = workbook(tmp_path / "county.xlsx", rows, header=header,
                    above=[["2024年部门预算项目绩效目标申报表"], ["金额单位：元"]])
    table = read_table(path)
    a, b = project("道路养护", "500"), project("环境整治", "382.762053")
    assert table == PerfTable(
        department="某某镇部门", department_code="820", title="2024年部门预算项目绩效目标申报表",
        amounts=Amounts(total=Decimal("882.762053")),
        units=[FundUnit("某某镇人民政府", code="820001", amounts=Amounts(), projects=[a, b])],
    )
    assert table.department_source == "row"
    assert table.units[0].amounts.total is None  # no row of its own: blank, not 0
    assert table.field_locations["amounts"].cell == "A4"
    assert table.problems == []
    assert amount_findings(table) == [
        ("PG-A02", "info", "1 个资金使用单位的单位金额未填写（“某某镇人民政府”）：合计按其下各项目核对")]


def test_codes_nest_by_prefix_with_unit_rows_and_a_label_in_the_next_cell(tmp_path):
    rows = [["015 某区教育局", None, 300, 300, None, None, None, None, None],
            ["015001 某区教育局本级", None, 100, 100, None, None, None, None, None]]
    rows += project_rows("015001 某区教育局本级", "教师培训", 60, 60)
    rows += project_rows("015001 某区教育局本级", "教研活动", 40, 40)
    rows += [["015002 某区第一中学", None, 200, 200, None, None, None, None, None]]
    rows += project_rows("015002 某区第一中学", "校舍维修", 200, 200)
    path = workbook(tmp_path / "codes.xlsx", rows, above=[["项目支出绩效目标表"], ["预算部门：", "某区教育局",
                                                                                  None, "单位：万元"]])
    table = read_table(path)
    assert table == PerfTable(
        department="某区教育局", department_code="015", title="项目支出绩效目标表",
        amounts=Amounts(total=Decimal(300), fiscal=Decimal(300)),
        units=[FundUnit("某区教育局本级", code="015001", amounts=Amounts(total=Decimal(100), fiscal=Decimal(100)),
                        projects=[project("教师培训", "60", "60"), project("教研活动", "40", "40")]),
               FundUnit("某区第一中学", code="015002", amounts=Amounts(total=Decimal(200), fiscal=Decimal(200)),
                        projects=[project("校舍维修", "200", "200")])],
    )
    assert table.department_source == "label"
    assert table.problems == []
    assert amount_findings(table) == []


def test_without_codes_department_row_and_subtotals_between_units(tmp_path):
    rows = [["某某镇部门", None, 300, 300, None, None, None, None, None]]
    rows += project_rows("某某镇人民政府", "道路养护", 100, 100)
    rows += [["小计", None, 100, 100, None, None, None, None, None]]
    rows += project_rows("某某镇文化站", "文化下乡", 150, 150)
    rows += project_rows("某某镇文化站", "图书更新", 50, 50)
    rows += [[None, "小计", 200, 200, None, None, None, None, None],
             ["合计", None, 300, 300, None, None, None, None, None]]
    path = workbook(tmp_path / "nocodes.xlsx", rows, above=[["单位：万元"]])
    table = read_table(path)
    assert table == PerfTable(
        department="某某镇部门", amounts=Amounts(total=Decimal(300), fiscal=Decimal(300)),
        units=[FundUnit("某某镇人民政府", amounts=Amounts(total=Decimal(100), fiscal=Decimal(100)),
                        projects=[project("道路养护", "100", "100")]),
               FundUnit("某某镇文化站", amounts=Amounts(total=Decimal(200), fiscal=Decimal(200)),
                        projects=[project("文化下乡", "150", "150"), project("图书更新", "50", "50")])],
    )
    assert table.department_source == "row"
    assert table.problems == []
    assert amount_findings(table) == []


def test_department_line_above_the_header_in_the_same_cell(tmp_path):
    rows = project_rows("某某中心", "设备购置", 80, 80)
    path = workbook(tmp_path / "label.xlsx", rows,
                    above=[["项目支出绩效目标表"], ["单位名称：[820]某某镇部门　　单位：万元"]])
    table = read_table(path)
    assert (table.department, table.department_code, table.department_source) == ("某某镇部门", "820", "label")
    assert table.units == [FundUnit("某某中心", projects=[project("设备购置", "80", "80")])]
    assert amount_findings(table) == []


def test_title_only_department(tmp_path):
    rows = project_rows(None, "设备购置", 80, 80)
    path = workbook(tmp_path / "title.xlsx", rows, above=[["某某局2024年项目支出绩效目标表"]])
    table = read_table(path)
    assert (table.department, table.department_source) == ("某某局", "title")
    assert table.units == [FundUnit("某某局", projects=[project("设备购置", "80", "80")])]
    assert amount_findings(table) == []


def test_truncated_table_names_the_department_row_and_the_rows_summed(tmp_path):
    rows = [["820-某某镇部门", None, 900, None, None, None, None, None, None]]
    rows += project_rows("820001-某某镇人民政府", "道路养护", 500)
    path = workbook(tmp_path / "cut.xlsx", rows, above=[["单位：万元"]])
    table = read_table(path)
    errors = [f for f in amount_findings(table) if f[1] == "error"]
    assert errors == [("PG-A02", "error",
                       "部门汇总行“某某镇部门”（绩效目标!A3）的总计 900.00 ≠ 表中各项目之和 500.00（相差 400.00；"
                       "已加总 1 个项目：绩效目标!B4）：表格可能不完整")]


def test_hierarchy_labels():
    assert split_code("820-某某镇部门") == ("820", "某某镇部门")
    assert split_code("[015001]某区教育局") == ("015001", "某区教育局")
    assert split_code("2024年项目") == (None, "2024年项目")
    assert total_kind("合 计") == "total" and total_kind("某某单位小计") == "subtotal"
    assert subtotal_owner("某某单位小计") == "某某单位"
    # a money unit after the label (广州 coded table respelled: 合计（万元） was read as a project, PG-A04)
    assert total_kind("合计（万元）") == "total" and total_kind("总计(元)") == "total"
    assert total_kind("某某单位小计(万元)") == "subtotal" and subtotal_owner("某某单位小计(万元)") == "某某单位"
    assert total_kind("合计（其中）") is None
    assert looks_like_department("某某局") and not looks_like_department("某某局（本级）")
    assert department_from_title("某某局2024年项目支出绩效目标表") == "某某局"
    assert department_from_title("2024年度项目支出绩效目标申报表") == ""


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_hierarchy_labels_never_fail_and_stay_bounded(text):
    code, name = split_code(text)
    assert code is None or (code.isdigit() and len(code) <= 20)
    assert len(name) <= 200
    total_kind(text)
    subtotal_owner(text)
    looks_like_department(text)
    assert len(department_from_title(text)) <= 200


@pytest.mark.parametrize("text", ["1" * 20 + " " * 5000, "[" + "1" * 5000, "小计" * 3000])
def test_hostile_labels_are_cut(text):
    split_code(text)
    total_kind(text)


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_json_csv_and_entry_workbook_keep_codes_and_where_the_department_came_from(tmp_path, suffix):
    from perfgoals_xl.sinks import write_data

    rows = [["015 某区教育局", None, 300, 300, None, None, None, None, None]]
    rows += project_rows("015001 某区教育局本级", "教师培训", 100, 100)
    rows += project_rows("015002 某区第一中学", "校舍维修", 200, 200)
    table = read_table(workbook(tmp_path / "in.xlsx", rows))
    assert (table.department, table.department_code, table.department_source) == ("某区教育局", "015", "row")
    assert [u.code for u in table.units] == ["015001", "015002"]
    back = read_table(write_data(table, tmp_path / f"out{suffix}"))
    assert (back.department, back.department_code, back.department_source) == ("某区教育局", "015", "row")
    if suffix == ".xlsx":  # entry rows without codes get the code formulas: codes come back filled
        from perfgoals_xl.codes import with_codes

        for project in table.projects():
            project.indicators = [with_codes(i) for i in project.indicators]
    assert back == table
    assert back.department_source == "row"


def test_entry_sheet_says_where_the_department_came_from_beside_the_table():
    """The note stands right of the table on the department line (never printed)."""
    from perfgoals_xl.entry.rows import department_source_note, header_rows

    dept = header_rows(PerfTable(department="某某镇部门", department_code="820", department_source="row"))[1]
    assert dept[:2] == ["部门名称：", "[820]某某镇部门"]
    assert "部门名称来源：部门汇总行" not in dept  # written beside the table, outside the print area
    assert department_source_note(PerfTable(department="某某镇部门", department_source="row")) == "部门名称来源：部门汇总行"


@pytest.mark.parametrize(("pad", "indent"), [("", "    "), ("\xa0", "    "), ("\xa0", "")])
def test_published_layout_as_a_spreadsheet_reads_its_unit_rows(tmp_path, seed_table, pad, indent):
    """项目名称（资金使用单位）| 总计 | … | 绩效指标: 合计, the unit row flush left, projects indented. A page
    padding every cell with &nbsp; (kept by a paste) indents none of them: only more than the fewest leading
    spaces is an indent, and with the projects' indent lost the unit's row is the one whose amount its
    projects add up to (was: every unit row read as a project, PG-A02 on 合计)."""
    from perfgoals_xl.grammar import compose

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([seed_table.title])
    ws.append([f"部门名称：{seed_table.department}", None, None, None, None, None, "单位：万元"])
    ws.append(["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"])

    def amounts(a):
        return [None if a.get(k) is None else float(a.get(k)) for k in ("total", "fiscal", "special", "other")]

    ws.append([pad + "合计", *amounts(seed_table.amounts)])
    for unit in seed_table.units:
        ws.append([pad + unit.name + pad, *amounts(unit.amounts)])
        for p in unit.projects:
            ws.append([pad + indent + p.name + pad, *amounts(p.amounts), p.goal, compose(p.indicators)])
    wb.save(tmp_path / "published.xlsx")
    table = read_table(tmp_path / "published.xlsx")
    assert (table.department, table.department_source) == (seed_table.department, "label")
    assert table.amounts == seed_table.amounts
    assert [(u.name, u.amounts) for u in table.units] == [(u.name, u.amounts) for u in seed_table.units]
    assert table.projects() == seed_table.projects()
    assert [i.code for i in check_table(table) if i.code in ("PG-A01", "PG-A02", "PG-A04")] == []


@pytest.mark.parametrize(("label", "amount"), [
    ("单位(专项)名称", "资金总额"), ("单位（项目）名称", "资金总额"), ("单位/项目名称", "资金总额"), ("单位名称", "资金总额"),
    ("单位(专项)名称", "项目资金总额"), ("单位(专项)名称", "项目总金额")])
def test_one_name_column_of_units_and_their_projects_beside_indicator_columns(tmp_path, label, amount):
    """The budget system's export (单位代码 | 单位(专项)名称 | 资金总额 | 实施期绩效目标 | 一级 … 三级 | 指标值):
    a unit's row with its amount and nothing else, then each project's rows, the project's name in the
    same column (merged down its indicator rows); 部门：code_name above the header is the department.
    A plain 单位名称 header is read so too when the names under the unit's row add up to its amount. The
    amount's header printed as 项目资金总额 / 项目总金额 (市县表) is the same column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门：301_某县农业农村局", None, None, None, None, None, None, "金额单位：万元"])
    ws.append(["单位代码", label, amount, "实施期绩效目标", "一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["301002", "某县农业技术推广站", 50, None, None, None, None, None])
    r = ws.max_row + 1
    for k, (l1, l2, l3, value) in enumerate(INDICATORS):
        ws.append(["301002" if k == 0 else None, "良种推广" if k == 0 else None, 30 if k == 0 else None,
                   GOAL if k == 0 else None, l1, l2, l3, value])
    for c in "ABCD":
        ws.merge_cells(f"{c}{r}:{c}{r + len(INDICATORS) - 1}")
    for l1, l2, l3, value in INDICATORS:  # (names repeated on every row: a paste)
        ws.append(["301002", "农机补贴", 20, GOAL, l1, l2, l3, value])
    wb.save(tmp_path / "export.xlsx")
    table = read_table(tmp_path / "export.xlsx")
    assert (table.department, table.department_code, table.department_source) == ("某县农业农村局", "301", "label")
    assert [(u.name, u.amounts.total) for u in table.units] == [("某县农业技术推广站", Decimal(50))]
    assert [(p.name, p.amounts.total, p.period_goal) for p in table.projects()] == [
        ("良种推广", Decimal(30), GOAL), ("农机补贴", Decimal(20), GOAL)]
    for p in table.projects():
        assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in p.indicators] == INDICATORS
    assert [i.code for i in check_table(table) if i.code in ("PG-S01", "PG-A01", "PG-A02")] == []


def test_a_unit_name_column_beside_indicator_columns_stays_the_units():
    """单位名称 alone beside 三级指标 (no word of projects in it) still names units, not projects."""
    from perfgoals_xl.sources.vocabulary import names_units_and_projects

    assert not names_units_and_projects("单位名称")
    assert not names_units_and_projects("项目单位")
    assert not names_units_and_projects("项目名称（资金使用单位）")  # (a project column already)
    assert names_units_and_projects("单位(专项)名称") and names_units_and_projects("单位 / 项目名称")


def test_a_unit_name_column_whose_rows_do_not_add_up_stays_the_units(tmp_path):
    """单位名称 | 资金总额 | 一级 … beside no 项目名称: a unit's row then a differently named row with
    indicators whose amounts do not add up to it is another unit (with its unnamed project), as before."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位名称", "资金总额", "一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["某县农业技术推广站", 50, None, None, None, None])
    for l1, l2, l3, value in INDICATORS:
        ws.append(["某县农机服务中心", 20, l1, l2, l3, value])
    wb.save(tmp_path / "units.xlsx")
    table = read_table(tmp_path / "units.xlsx")
    assert [u.name for u in table.units] == ["某县农业技术推广站", "某县农机服务中心"]
    assert [p.name for p in table.projects()] == [""]


def test_the_export_saved_as_csv_keeps_its_two_header_rows(tmp_path):
    """The same export saved as CSV (merges lost): 单位代码 | 单位(专项)名称 | 资金总额 | 实施期绩效目标 |
    绩效指标 on the upper header row, 一级指标 … under 绩效指标 on the lower one, the project's name on
    its first row only. The upper row is the header's parent (its unknown 单位代码 over an empty cell)."""
    lines = ["部门：301_某县农业农村局,,,,,,,,金额单位：万元",
             "单位代码,单位(专项)名称,资金总额,实施期绩效目标,绩效指标,,,,",
             ",,,,一级指标,二级指标,三级指标,指标值,指标值内容",
             "301002,某县农业技术推广站,50,,,,,,"]
    for k, (l1, l2, l3, value) in enumerate(INDICATORS):
        lines.append(("301002,良种推广,50," + GOAL if k == 0 else ",,,") + f",{l1},{l2},{l3},{value},说明")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    table = read_table(path)
    assert (table.layout, table.department) == ("longform", "某县农业农村局")
    assert [(u.name, u.amounts.total) for u in table.units] == [("某县农业技术推广站", Decimal(50))]
    assert [(p.name, p.amounts.total, p.period_goal) for p in table.projects()] == [("良种推广", Decimal(50), GOAL)]
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in table.projects()[0].indicators] == INDICATORS


def test_the_export_with_its_label_cells_unmerged_and_its_group_spanning(tmp_path):
    """The same export as a workbook whose tall label cells were unmerged (their text on the upper row,
    the cell under it blank) while 绩效指标 still spans its columns: the upper row is still the header's
    parent — not a 申报表 whose 单位(专项)名称 label has a name somewhere below it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门：301_某县农业农村局", None, None, None, None, None, None, None])
    ws.append(["单位代码", "单位(专项)名称", "资金总额", "实施期绩效目标", "绩效指标", None, None, None])
    ws.append([None, None, None, None, "一级指标", "二级指标", "三级指标", "指标值"])
    ws.merge_cells("E2:H2")
    ws.append(["301002", "某县农业技术推广站", 50, None, None, None, None, None])
    for k, (l1, l2, l3, value) in enumerate(INDICATORS):
        ws.append(["301002" if k == 0 else None, "良种推广" if k == 0 else None, 50 if k == 0 else None,
                   GOAL if k == 0 else None, l1, l2, l3, value])
    wb.save(tmp_path / "export.xlsx")
    table = read_table(tmp_path / "export.xlsx")
    assert (table.layout, table.department) == ("longform", "某县农业农村局")
    assert [(p.name, p.amounts.total, p.period_goal) for p in table.projects()] == [("良种推广", Decimal(50), GOAL)]
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in table.projects()[0].indicators] == INDICATORS
