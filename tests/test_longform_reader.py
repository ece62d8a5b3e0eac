"""The long-format reader on realistic fixtures built here: province template (xlsx, and the same
converted to .xls and .ods by LibreOffice), a two-row header with split values, a GBK CSV.

For each layout, the model read equals the model intended, field by field.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.sources.grid import number_text
from perfgoals_xl.sources.readers import read_longform
from perfgoals_xl.sources.vocabulary import field_of, normalise_header
from perfgoals_xl.values import parse_value


def ind(seq, l1, l2, name, period, annual=None, weight=None, direction=None):
    return Indicator(seq=seq, level1_code=None, level1=l1, level2_code=None, level2=l2, name=name,
                     period_value=parse_value(period), annual_value=parse_value(period if annual is None else annual),
                     weight=weight, direction=direction)


def province_workbook(path, *, percent_cell=True):
    """A province-style template: title, 部门名称, 金额单位：元, merged project/level cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    ws["A1"] = "2024年度项目支出绩效目标申报表"
    ws.merge_cells("A1:O1")
    ws["A2"] = "部门名称：广州市示范局"
    ws["L2"] = "金额单位：元"
    ws.append(["序号", "单位名称", "项目名称", "预算数", "其中：财政拨款", "其他资金", "年度目标", "一级指标",
               "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性"])
    ws.append([1, "广州市示范中心", " 示范项目一", "1,234,500.00", 1234500, None, "完成示范任务，提升服务质量。",
               "产出指标", "数量指标", "培训人次", "≥", 500, "人次", 20, "正向"])
    ws.append([None, None, None, None, None, None, None, None, None, "培训场次", "＝", "10", "场", 10, "正向"])
    ws.append([None, None, None, None, None, None, None, None, "质量指标", "培训合格率", "≥", 95, "%", 20, "正向"])
    ws.append([None, None, None, None, None, None, None, "效益指标", "社会效益指标", "群众知晓度", "定性", "明显提高",
               None, 20, "正向"])
    ws.append([None, None, None, None, None, None, None, "满意度指标", "服务对象满意度指标", "参训人员满意度", "≥",
               0.9 if percent_cell else "90%", None, 10, "正向"])
    if percent_cell:
        ws["L8"].number_format = "0%"
    for col in "ABCDEG":
        ws.merge_cells(f"{col}4:{col}8")
    ws.merge_cells("H4:H6")
    ws.merge_cells("I4:I5")
    ws.append([2, None, "示范项目二", "50,000", "30,000", 20000, "按期完成项目二。", "产出指标", "时效指标",
               "完成时间", "定性", "12月底前", None, 10, "正向"])
    ws.append([None, None, None, None, None, None, None, None, "成本指标", "人均成本", "≤", 200, "元/人", 10, "反向"])
    ws.append([None, None, None, None, None, None, None, None, "数量指标", None, None, None, None, None, None])
    ws.append([None, None, None, None, None, None, None, "其他指标", "杂项", "某指标", "=", 1, "项", None, None])
    ws.append([None, None, None, None, None, None, None, "效益指标", "经济效益指标", "带动收入", "≥", None, "万元",
               None, None])
    wb.save(path)
    return path


def province_model():
    p1 = Project("示范项目一", amounts=Amounts(total=Decimal("123.45"), fiscal=Decimal("123.45")),
                 goal="完成示范任务，提升服务质量。", indicators=[
                     ind(1, "产出指标", "数量指标", "培训人次", "≥500人次", weight=20.0, direction="正向"),
                     ind(2, "产出指标", "数量指标", "培训场次", "10场", weight=10.0, direction="正向"),
                     ind(3, "产出指标", "质量指标", "培训合格率", "≥95%", weight=20.0, direction="正向"),
                     ind(4, "效益指标", "社会效益指标", "群众知晓度", "明显提高", weight=20.0, direction="正向"),
                     ind(5, "满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", weight=10.0, direction="正向"),
                 ])
    p2 = Project("示范项目二", amounts=Amounts(total=Decimal(5), fiscal=Decimal(3), other=Decimal(2)),
                 goal="按期完成项目二。", indicators=[
                     ind(1, "产出指标", "时效指标", "完成时间", "12月底前", weight=10.0, direction="正向"),
                     ind(2, "产出指标", "成本指标", "人均成本", "≤200元/人", weight=10.0, direction="反向"),
                     ind(3, "其他指标", "杂项", "某指标", "1项"),
                     ind(4, "效益指标", "经济效益指标", "带动收入", ""),
                 ])
    p1.indicators[3].nature = p2.indicators[0].nature = "定性"  # 指标性质 定性 (docs/forms.md)
    return PerfTable(department="广州市示范局", title="2024年度项目支出绩效目标申报表",
                     units=[FundUnit("广州市示范中心", projects=[p1, p2])])


def _problems(table):
    return sorted((p.code, p.location.cell, p.field) for p in table.problems)


EXPECTED_PROBLEMS = sorted([
    ("S06", "J11", "name"), ("S03", "H12", "level1"), ("S04", "I12", "level2"),
    ("S05", "L13", "period_value"), ("S05", "L13", "annual_value"),
])


def test_province_xlsx_reads_as_intended(tmp_path):
    path = province_workbook(tmp_path / "province.xlsx")
    assert sniff(path) == "longform"
    table = read_table(path)
    assert table == province_model()
    assert _problems(table) == EXPECTED_PROBLEMS
    p1, p2 = table.projects()
    # merged and blank cells point at the cell the value was read from
    assert p1.indicators[2].field_locations["level1"].cell == "H4"
    assert p1.indicators[1].field_locations["level2"].cell == "I4"
    assert p1.field_locations["total"].cell == "D4" and p2.field_locations["other"].cell == "F9"
    assert p1.indicators[0].field_locations["period_value"].sheet == "绩效目标"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_province_xls_and_ods_read_as_intended(tmp_path, fmt, lo_profile):
    source = province_workbook(tmp_path / "province.xlsx", percent_cell=fmt == "xls")
    subprocess.run(["soffice", "--headless", lo_profile, "--convert-to", fmt, "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    path = tmp_path / "out" / f"province.{fmt}"
    table = read_table(path)
    assert table == province_model()
    assert _problems(table) == EXPECTED_PROBLEMS


def two_row_header_workbook(path):
    """指标值 split per period under merged parents: 年度指标值 / 实施周期指标值 → 符号, 值, 单位."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["资金使用单位", "项目名称", "资金总额（万元）", "一级指标", "二级指标", "指标名称",
               "年度指标值", None, None, "实施周期指标值", None, None])
    ws.append([None, None, None, None, None, None, "计算符号", "指标值", "计量单位", "计算符号", "指标值", "计量单位"])
    ws.merge_cells("G1:I1")
    ws.merge_cells("J1:L1")
    for col in "ABCDEF":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append(["甲单位", "项目A", 12.5, "产出指标", "数量指标", "设备数量", "≥", 4, "台", "≥", 8, "台"])
    ws.append([None, None, None, None, None, "维修次数", "≤", 2, "次", "≤", 6, "次"])
    ws.append([None, None, None, "满意度指标", "服务对象满意度指标", "满意率", "≥", 90, "%", "≥", 90, "%"])
    ws.merge_cells("B3:B5")
    ws.merge_cells("C3:C5")
    ws.append(["乙单位", "项目B", 3, "效益指标", "可持续影响指标", "长效机制", "=", "建立", None, None, "健全", None])
    wb.save(path)
    return path


def test_two_row_header_with_split_values(tmp_path):
    table = read_longform(two_row_header_workbook(tmp_path / "split.xlsx"))
    a = Project("项目A", amounts=Amounts(total=Decimal("12.5")), indicators=[
        ind(1, "产出指标", "数量指标", "设备数量", "≥8台", "≥4台"),
        ind(2, "产出指标", "数量指标", "维修次数", "≤6次", "≤2次"),
        ind(3, "满意度指标", "服务对象满意度指标", "满意率", "≥90%", "≥90%"),
    ])
    b = Project("项目B", amounts=Amounts(total=Decimal(3)), indicators=[
        ind(1, "效益指标", "可持续影响指标", "长效机制", "健全", "建立")])
    assert table == PerfTable(units=[FundUnit("甲单位", projects=[a]), FundUnit("乙单位", projects=[b])])
    assert table.problems == []


GBK_CSV = (
    "资金使用单位,项目名称,总计,财政拨款,财政专户拨款,其他资金,绩效目标,一级指标,二级指标,三级指标,"
    "实施周期指标值,年度指标值,分值\n"
    '市档案馆,档案数字化,"1,200.50","1,000.50",,200,完成档案数字化。,产出指标,数量指标,数字化页数,'
    '≥100万页,≥50万页,30\n'
    ",,,,,,,,质量指标,差错率,≤1‰,≤1‰,20\n"
    ",,,,,,,效益指标,社会效益,查档便利度,明显提高,有所提高,30\n"
    ",档案保管,8,8,,,安全保管档案。,满意度指标,服务对象满意度,查档满意度,≥90%,≥90%,20\n"
)


def test_gbk_csv_reads_as_intended(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(GBK_CSV.encode("gbk"))
    table = read_table(path)
    a = Project("档案数字化", amounts=Amounts(total=Decimal("1200.50"), fiscal=Decimal("1000.50"),
                                              other=Decimal(200)),
                goal="完成档案数字化。", indicators=[
                    ind(1, "产出指标", "数量指标", "数字化页数", "≥100万页", "≥50万页", weight=30.0),
                    ind(2, "产出指标", "质量指标", "差错率", "≤1‰", weight=20.0),
                    ind(3, "效益指标", "社会效益", "查档便利度", "明显提高", "有所提高", weight=30.0)])
    b = Project("档案保管", amounts=Amounts(total=Decimal(8), fiscal=Decimal(8)), goal="安全保管档案。",
                indicators=[ind(1, "满意度指标", "服务对象满意度", "查档满意度", "≥90%", weight=20.0)])
    assert table == PerfTable(units=[FundUnit("市档案馆", projects=[a, b])])
    loc = table.projects()[0].indicators[1].field_locations["level1"]
    assert (loc.line, loc.cell) == (2, "H2")  # inherited from the row above


def test_our_csv_output_reads_back(tmp_path, seed_table):
    out = write_data(seed_table, tmp_path / "seed.csv")
    back = read_table(out)
    assert back.department == seed_table.department
    assert back.units[0].projects == seed_table.units[0].projects


def test_published_layout_as_a_spreadsheet_expands_the_indicator_cell(tmp_path, seed_table):
    """项目名称 / 总计 / … / 绩效目标 / 绩效指标 (whole strings): the 绩效指标 column is parsed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "总计", "财政拨款", "绩效目标", "绩效指标"])
    from perfgoals_xl.grammar import compose

    for p in seed_table.projects():
        ws.append([p.name, float(p.amounts.total), float(p.amounts.fiscal), p.goal, compose(p.indicators)])
    wb.save(tmp_path / "pub.xlsx")
    table = read_table(tmp_path / "pub.xlsx")
    assert [p.indicators for p in table.projects()] == [p.indicators for p in seed_table.projects()]
    assert table.projects()[1].indicators[0].location.cell == "E3"


@pytest.mark.parametrize("mark", ["", "（续）"])
def test_published_layout_rows_continued_below_are_joined(tmp_path, seed_table, mark):
    """A project's row continued on the next row (a page break, or a very long 绩效指标): the next
    row has no name (or "<name>（续）") and no amounts; its goal and 绩效指标 go on where the row
    above stopped, even in the middle of an item or a keyword (年度|指标值)."""
    from perfgoals_xl.grammar import compose

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "总计", "财政拨款", "绩效目标", "绩效指标"])
    projects = seed_table.projects()
    for n, p in enumerate(projects):
        text = compose(p.indicators)
        if n == 1:
            cut, half = text.index("年度指标值", len(text) // 2) + 2, len(p.goal) // 2
            ws.append([p.name, float(p.amounts.total), float(p.amounts.fiscal), p.goal[:half], text[:cut]])
            ws.append([p.name + mark if mark else None, None, None, p.goal[half:], text[cut:]])
        else:
            ws.append([p.name, float(p.amounts.total), float(p.amounts.fiscal), p.goal, text])
    wb.save(tmp_path / "pub.xlsx")
    table = read_table(tmp_path / "pub.xlsx")
    assert [p.name for p in table.projects()] == [p.name for p in projects]
    assert [p.goal for p in table.projects()] == [p.goal for p in projects]
    assert [p.indicators for p in table.projects()] == [p.indicators for p in projects]
    assert not [p for p in table.problems if p.code == "S01"]
    split = table.projects()[1].indicators
    assert split[0].location.cell == "E3" and split[-1].location.cell == "E4"  # each item where it starts


def test_a_sheet_without_a_long_format_header_is_refused(tmp_path):
    from perfgoals_xl.errors import InputError

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "年龄"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="表头"):
        read_table(tmp_path / "x.xlsx")


def test_vocabulary_normalises_headers():
    assert normalise_header("预算数\n（元）") == ("预算数", "元")
    assert normalise_header("其中：财政拨款(万元)") == ("财政拨款", "万元")
    assert field_of("计量单位") == field_of("度量单位") == "measure_unit"
    assert field_of("指标性质") == field_of("计算符号") == "operator"
    assert field_of("分值") == field_of("权重") == "weight"
    assert field_of("中长期指标值") == field_of("实施周期指标值") == "period_value"
    assert field_of("单位名称") == field_of("资金使用单位") == "fund_unit"
    assert field_of("*三级指标") == "name"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 4)))
@settings(max_examples=200)
def test_number_text_reads_back_as_the_same_number(x):
    assert float(number_text(x)) == x
    assert float(number_text(x, "0.00%").rstrip("%")) == pytest.approx(x * 100)


def _repeated_rows_workbook(path, amount):
    """Two projects, their fields repeated on each of their rows (a provincial export)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["资金使用单位", "项目名称", "总计", "财政拨款", "绩效目标", "一级指标", "二级指标", "三级指标",
               "实施周期指标值", "年度指标值"])
    for project, goal in (("道路养护", "目标甲"), ("绿化养护", "目标乙")):
        for name in ("里程", "面积", "次数"):
            ws.append(["某单位", project, amount, amount, goal, "产出指标", "数量指标", name, "≥1次", "≥1次"])
    wb.save(path)
    return path


def test_repeated_amount_cells_are_read_once_per_project_and_never_shared(tmp_path):
    # the sheet shares a cell equal to the one above: the reader reuses the amounts of such rows,
    # but each project keeps an Amounts of its own (bounding one must not touch the other)
    table = read_longform(_repeated_rows_workbook(tmp_path / "t.xlsx", 12.5))
    first, second = table.projects()
    assert [len(first.indicators), len(second.indicators)] == [3, 3]
    assert first.amounts == second.amounts == Amounts(total=Decimal("12.5"), fiscal=Decimal("12.5"))
    assert first.amounts is not second.amounts
    assert first.field_locations["fiscal"].cell == "D2" and second.field_locations["fiscal"].cell == "D5"


def test_a_text_amount_repeated_on_every_row_is_reported_on_every_row(tmp_path):
    table = read_longform(_repeated_rows_workbook(tmp_path / "t.xlsx", "十二万"))
    bad = [p for p in table.problems if p.code == "A03"]
    assert sorted(p.location.cell for p in bad) == sorted(f"{c}{r}" for r in range(2, 8) for c in "CD")


def test_code_columns_are_bounded_as_names_are(tmp_path):
    """单位编码 / 部门编码 / 项目主管部门编码 of 100,000 characters: cut to MAX_LABEL as a name is (uncut, one
    such cell made every CSV row written carry it: 57 rows of 300,000 characters from one cell)."""
    from perfgoals_xl.limits import MAX_LABEL

    path = tmp_path / "codes.csv"
    long = "7" * 100_000
    path.write_text(
        "部门名称,部门编码,资金使用单位,单位编码,项目名称,项目主管部门,项目主管部门编码,一级指标,二级指标,三级指标,"
        "实施周期指标值,年度指标值\n"
        f"某局,{long},某单位,{long},绿化,某局,{long},产出指标,数量指标,面积,10,10\n", encoding="utf-8")
    table = read_table(path)
    project = table.units[0].projects[0]
    assert (table.department_code, table.units[0].code, project.department_code) == (long[:MAX_LABEL],) * 3
    assert (table.department, table.units[0].name, project.department) == ("某局", "某单位", "某局")


@pytest.mark.parametrize("value_header", ["年度指标值", "年度目标值"])
def test_a_sheet_printing_only_an_annual_value_column(tmp_path, value_header):
    """指标性质 | 年度指标值 | 度量单位 and no 实施周期 column: the parts are one value, and that value
    stands for the period too (as on a form), so no PG-S05 on every well-filled row (found by
    tests/corpus/variations.py: the same sheet read differently as 指标值 and as 年度指标值)."""
    path = province_workbook(tmp_path / "annual.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["L3"] = value_header
    wb.save(path)
    table = read_table(path)
    assert table == province_model()
    # the one empty value (带动收入) is still said, for both values (the period one at the row: no column)
    assert sorted((code, field) for code, _, field in _problems(table)) == sorted(
        (code, field) for code, _, field in EXPECTED_PROBLEMS)
    from perfgoals_xl.rules import check_table

    assert not [i for i in check_table(table) if i.code == "PG-S05" and "全部" in i.message]


def test_a_column_number_row_under_the_header_is_no_project(tmp_path):
    """A 栏次 row (1 | 2 | 3 … one number a column) under a long sheet's header is skipped: no project
    “2”, no indicator with levels “8” / “9” (found by tests/corpus/variations.py)."""
    path = province_workbook(tmp_path / "count.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_rows(4)
    for merged in list(ws.merged_cells.ranges):  # (openpyxl moves the cells, not the merges)
        if merged.min_row >= 4:
            merged.shift(0, 1)
    for c in range(1, 16):
        ws.cell(4, c, c)
    wb.save(path)
    table = read_table(path)
    assert [p.name for p in table.projects()] == ["示范项目一", "示范项目二"]
    assert [len(p.indicators) for p in table.projects()] == [5, 4]


@pytest.mark.parametrize("fiscal_header", ["其中：财政拨款", "其中：当年财政拨款", "本年财政拨款"])
def test_a_fiscal_column_headed_as_the_years(tmp_path, fiscal_header):
    """其中：当年财政拨款 / 本年财政拨款 head the 财政拨款 column of a long sheet, as on the 自评表's budget
    lines (found by tests/corpus/variations.py: the column was kept as an unknown extra)."""
    path = province_workbook(tmp_path / "fiscal.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["E3"] = fiscal_header
    wb.save(path)
    assert read_table(path) == province_model()


@pytest.mark.parametrize("goal_header", ["绩效目标", "年度总体目标", "项目年度绩效目标"])
def test_the_goal_column_under_each_templates_header(tmp_path, goal_header):
    """The goal column headed 年度总体目标 or 项目年度绩效目标 (市县 exports) is the goal, as 绩效目标 is:
    not an unknown column (the projects drew false PG-A04 “没有绩效目标”)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "总计", goal_header, "一级指标", "二级指标", "三级指标", "年度指标值"])
    ws.append(["道路养护", 12.5, "养护道路120公里", "产出指标", "数量指标", "养护里程", "≥120公里"])
    ws.append(["道路养护", 12.5, "养护道路120公里", "效益指标", "社会效益指标", "群众出行条件", "明显改善"])
    wb.save(tmp_path / "t.xlsx")
    (project,) = read_longform(tmp_path / "t.xlsx").projects()
    assert project.goal == "养护道路120公里" and len(project.indicators) == 2
