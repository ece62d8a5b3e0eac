"""Department-wide tables (部门整体支出绩效目标表 and its 自评表): read from the files departments
publish (xlsx, docx; split value columns; the 自评 variant), checked without 项目 findings, written
in their own official layout, and carried by JSON, the long CSV, the batch dataset and summary.xlsx."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from department_fixtures import (
    GOAL,
    INDICATORS,
    department_central_xlsx,
    department_docx,
    department_selfeval_xlsx,
    department_split_xlsx,
    department_xlsx,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheetcheck import assert_no_clipped_text

from perfgoals_xl.errors import InputError
from perfgoals_xl.jsonio import read_json, table_to_dict, write_json
from perfgoals_xl.model import Amounts, PerfTable
from perfgoals_xl.report import build_report_layout, write_report
from perfgoals_xl.rules import RULES, check_table
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.sources.department import looks_like_department, read_department_grids
from perfgoals_xl.sources.grid import Grid

SOFFICE = shutil.which("soffice")


@pytest.fixture()
def typical(tmp_path: Path) -> PerfTable:
    return read_table(department_xlsx(tmp_path / "部门整体.xlsx"))


# ── reading ──────────────────────────────────────────────────────────────────────────────────

def test_typical_xlsx_reads_the_block_tasks_goal_and_indicators(tmp_path: Path) -> None:
    path = department_xlsx(tmp_path / "部门整体.xlsx")
    assert sniff(path) == "department"
    table = read_table(path)
    plan = table.plan
    assert (table.kind, table.layout, table.title) == ("department", "department", "2024年度部门整体支出绩效目标表")
    assert (table.department, table.department_code, table.units) == ("某区教育局", "015001", [])
    assert (plan.name, plan.code, plan.contact, plan.phone) == ("某区教育局", "015001", "张三", "020-12345678")
    assert plan.amounts == Amounts(total=Decimal(1200), fiscal=Decimal(1000), other=Decimal(200))
    assert [(t.name, t.amounts.total, t.amounts.fiscal, t.amounts.other) for t in plan.tasks] == [
        ("学校运转保障", 900, 800, 100), ("校舍维修改造", 200, 150, 50), ("教师培训", 100, 50, 50)]
    assert plan.tasks[0].content == "保障中小学校日常运转及教职工经费"
    assert plan.goal == GOAL
    got = [(i.level1, i.level2, i.name, i.annual_value.raw, i.extras.get("评（扣）分标准", ""),
            i.extras.get("备注", "")) for i in plan.indicators]
    assert got == INDICATORS  # levels merged down are filled
    assert [i.seq for i in plan.indicators] == [1, 2, 3, 4, 5, 6]
    assert all(i.period_value == i.annual_value for i in plan.indicators)  # one 指标值 column
    first = plan.indicators[0]
    assert (first.field_locations["name"].cell, first.field_locations["annual_value"].cell) == ("D14", "E14")
    assert plan.indicators[1].field_locations["level1"].cell == "B14"  # the merged level's own cell
    assert plan.field_locations["total"].cell == "D4" and plan.field_locations["goal"].cell == "B12"


def test_split_value_columns_units_and_annotations(tmp_path: Path) -> None:
    table = read_table(department_split_xlsx(tmp_path / "申报表.xlsx"))
    plan = table.plan
    assert plan.name == "某市生态环境局"  # label 部门名称（必填）
    assert plan.goal.startswith("空气质量优良天数比例达到85%")  # label 年度绩效总目标（必填）
    assert (plan.contact, plan.phone) == ("李四", "13800000000")
    # 金额单位：元 → 万元, amounts under their labels
    assert plan.amounts == Amounts(total=Decimal(500), fiscal=Decimal(450), other=Decimal(50))
    assert (plan.basic, plan.project, table.source_unit) == (Decimal(300), Decimal(200), "元")
    assert [t.amounts.total for t in plan.tasks] == [Decimal(120), Decimal(80)]
    values = [i.annual_value for i in plan.indicators]
    assert [v.raw for v in values] == ["≥12个", "≥85%", "100%", "≥90%"]  # 计算符号 | 指标值 | 度量单位 joined
    assert (values[0].operator, values[0].number, values[0].unit) == ("≥", 12.0, "个")
    assert plan.indicators[0].extras == {"指标解释": "在运行的空气监测站", "评分标准": "每少1个扣1分"}
    assert plan.indicators[2].extras == {"备注": "国考断面"}
    assert [i.level1 for i in plan.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]


def test_selfeval_variant(tmp_path: Path) -> None:
    table = read_table(department_selfeval_xlsx(tmp_path / "自评.xlsx"))
    plan = table.plan
    assert table.title == "2023年度部门整体支出绩效自评表" and plan.is_selfeval()
    assert (plan.budget_initial, plan.budget_adjusted, plan.budget_executed) == (800, 850, 820)
    assert plan.budget_block == {"weight": "10", "rate": "96.47%", "score": "9.6"}  # 分值 | 执行率 | 得分
    assert plan.amounts == Amounts(total=Decimal(800), fiscal=Decimal(700), other=Decimal(100))
    assert plan.goal.startswith("完成辖区公共卫生服务项目") and plan.actual_summary.startswith("全年完成")
    third = plan.indicators[2]
    assert (third.annual_value.raw, third.actual_value.raw, third.weight, third.score) == ("≥95%", "90%", 20, 15)
    assert third.deviation_reason == "个别机构上报延迟，已加强培训"


def test_word_document(tmp_path: Path) -> None:
    path = department_docx(tmp_path / "部门整体.docx")
    table = read_table(path)
    plan = table.plan
    assert (table.kind, table.layout, table.department, table.department_code) == (
        "department", "word", "某区文化广电旅游体育局", "021")
    assert plan.amounts == Amounts(total=Decimal(360), fiscal=Decimal(300), other=Decimal(60))
    assert [(t.name, t.amounts.total) for t in plan.tasks] == [("公共文化服务", 260), ("全民健身", 100)]
    assert [(i.level1, i.level2, i.name) for i in plan.indicators][:2] == [
        ("产出指标", "数量指标", "全民健身活动场次"), ("产出指标", "数量指标", "免费开放场馆数")]
    assert plan.indicators[0].extras == {"评（扣）分标准": "每少1场扣1分"}


def test_central_template_tasks_total_and_placeholders(tmp_path: Path) -> None:
    path = department_central_xlsx(tmp_path / "88号.xlsx")
    assert sniff(path) == "department"
    table = read_table(path)
    plan = table.plan
    assert (table.title, plan.name, plan.code) == ("部门（单位）整体支出绩效目标申报表", "某市统计局", "101001")
    assert [(t.name, t.amounts.total, t.amounts.fiscal, t.amounts.other) for t in plan.tasks] == [
        ("经济普查", 300, 300, 0), ("统计调查", 150, 120, 30)]  # no ……, no 金额合计 task
    assert plan.amounts == Amounts(total=Decimal(450), fiscal=Decimal(420), other=Decimal(30))  # from 金额合计
    assert plan.field_locations["total"].cell == "E9"
    assert plan.extras == {"年度": "（2024年度）"}  # the year line kept; the two-row task header is no label/value pair
    assert plan.goal.startswith("目标1：") and "目标2：" in plan.goal
    assert [(i.level1, i.name, i.annual_value.raw) for i in plan.indicators] == [
        ("产出指标", "普查对象覆盖率", "100%"), ("产出指标", "统计数据按时发布率", "≥98%"),
        ("效益指标", "统计数据社会引用次数", "≥500次"), ("满意度指标", "数据使用者满意度", "≥90%")]
    assert not [i for i in check_table(table) if i.code == "PG-D02"]


def test_goal_over_several_rows_and_a_contact_line(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [["部门名称", "某区民政局"],
            ["年度绩效总目标", "目标1", "保障全区低保对象按时足额领取救助金。"],
            [None, "目标2", "完成养老服务中心建设。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "低保对象人数", "≥3000人"],
            ["填报人：王五 联系电话：020-1234 填报日期：2024年1月5日"]]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A2:A3")
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    plan = table.plan
    assert plan.goal == "目标1：保障全区低保对象按时足额领取救助金。\n目标2：完成养老服务中心建设。"
    assert (plan.contact, plan.phone, plan.extras) == ("王五", "020-1234", {})
    # the sign-offs are the footer too, as the other readers give them (填报人 / 联系电话 also the contact)
    assert table.footer == {"填报人": "王五", "联系电话": "020-1234", "填报日期": "2024年1月5日"}
    assert [i.name for i in plan.indicators] == ["低保对象人数"]  # the contact line ends the grid


def test_a_workbook_reads_one_department_table(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    for row in (["部门名称", "甲局"], ["年度绩效总目标", "甲局的年度目标写在这里，共二十个字以上。"],
                ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "甲指标", "1个"]):
        first.append(row)
    form = wb.create_sheet("项目表")
    for row in (["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "项目指标", "2个"]):
        form.append(row)
    second = wb.create_sheet("乙局")
    for row in (["部门名称", "乙局"], ["年度绩效总目标", "乙局目标"], ["一级指标", "二级指标", "三级指标", "指标值"]):
        second.append(row)
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert table.department == "甲局" and [i.name for i in table.plan.indicators] == ["甲指标"]
    assert [p.code for p in table.problems] == ["S11"] and "乙局" in table.problems[0].message


def _grid(rows: list[list[object]]) -> Grid:
    return Grid(sheet="Sheet1", rows=rows)


def test_project_forms_and_long_tables_are_not_department_tables() -> None:
    form = [["项目名称", "某项目"], ["主管部门", "某局"], ["年度目标", "完成任务"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "100人次"]]
    long = [["部门名称", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"],
            ["某局", "某项目", "产出指标", "数量指标", "培训人次", "100人次"]]
    assert not looks_like_department(_grid(form)) and not looks_like_department(_grid(long))
    dept = [["部门名称", "某局"], ["年度绩效总目标", "保障运转"]]
    assert looks_like_department(_grid(dept))


def test_nothing_read_is_refused_in_chinese() -> None:
    with pytest.raises(InputError, match="未找到部门整体支出绩效目标表"):
        read_department_grids([_grid([["部门整体支出绩效目标表", ""], ["一级指标", "二级指标", "三级指标", "指标值"]])],
                              source="x.xlsx")


_CELL = st.one_of(st.none(), st.integers(-10**6, 10**6), st.text(max_size=12),
                  st.sampled_from(["部门名称", "年度绩效总目标", "年度主要任务", "任务名称", "主要内容", "一级指标",
                                   "二级指标", "三级指标", "指标值", "计算符号", "度量单位", "年度资金总额", "单位：元",
                                   "其中：财政拨款", "联系人：张三　联系电话：1", "部门整体支出绩效目标表",
                                   "产出指标", "效益指标(30分)", "年度绩效指标", "项目支出:", "年初预算资金:1"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=1, max_size=7), min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 11), st.integers(0, 6), st.integers(0, 3), st.integers(0, 3)), max_size=4))
def test_any_grid_is_read_or_refused(rows: list[list[object]], spans: list[tuple[int, int, int, int]]) -> None:
    """Any grid, merged ranges included: read (and checked, and laid out) or refused in Chinese."""
    width = max(len(r) for r in rows)
    grid = _grid([r + [None] * (width - len(r)) for r in rows])
    grid.merged = [(r, c, min(r + h, len(rows) - 1), min(c + w, width - 1))
                   for r, c, h, w in spans if r < len(rows) and c < width]
    looks_like_department(grid)
    try:
        table = read_department_grids([grid], source="x.xlsx")
    except InputError:
        return
    assert table.kind == "department" and table.plan is not None
    check_table(table)
    build_report_layout(table)


# ── rules ────────────────────────────────────────────────────────────────────────────────────

#: (PG-E03 / PG-E07 judge a department's 自评 too since issue #19: their ``department`` messages name no 项目)
_PROJECT_RULES = {"PG-A04", "PG-C01", "PG-C02", "PG-C03", "PG-C04", "PG-C05", "PG-C06", "PG-C07", "PG-S02",
                  "PG-K02", "PG-K07"}


@pytest.mark.parametrize("build", [department_xlsx, department_split_xlsx, department_selfeval_xlsx,
                                   department_docx])
def test_rules_give_no_project_findings(build, tmp_path: Path) -> None:
    path = build(tmp_path / ("t.docx" if build is department_docx else "t.xlsx"))
    table = read_table(path)
    issues = check_table(table)
    assert not {i.code for i in issues} & _PROJECT_RULES
    assert not [i.message for i in issues if "项目“" in i.message or "本项目" in i.message]
    assert all(i.location.project is None and i.location.cell for i in issues)


def test_rules_judge_the_block_and_name_its_cells(typical: PerfTable) -> None:
    typical.plan.amounts.other = Decimal(100)  # 1200 ≠ 1000 + 100
    typical.plan.goal = "保障运转"
    typical.plan.indicators = [i for i in typical.plan.indicators if i.level1 == "产出指标"]
    typical.plan.indicators.append(typical.plan.indicators[0])  # a duplicate
    issues = {i.code: i for i in check_table(typical)}
    assert issues["PG-D02"].location.cell == "D4" and "1200" in issues["PG-D02"].message
    assert issues["PG-D01"].location.cell == "B12"
    assert "效益指标" in issues["PG-D03"].message
    assert "部门整体" in issues["PG-S07"].message and issues["PG-S07"].location.project is None
    assert all(RULES[code].scope == "department" for code in ("PG-D01", "PG-D02", "PG-D03"))


def test_department_rules_leave_project_tables_alone(seed_table) -> None:
    assert not [i for i in check_table(seed_table) if i.code.startswith("PG-D")]


# ── report ───────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("build", [department_xlsx, department_split_xlsx, department_selfeval_xlsx,
                                   department_central_xlsx])
def test_report_is_the_official_layout_and_reads_back_equal(build, tmp_path: Path) -> None:
    table = read_table(build(tmp_path / "in.xlsx"))
    out = write_report(table, tmp_path / "report.xlsx")
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert_no_clipped_text(ws)
    setup = ws.page_setup
    assert setup.orientation != "landscape" and int(setup.paperSize) == 9  # A4 portrait
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(setup.fitToWidth or 1) == 1
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"部门（单位）名称", "绩效指标", "一级指标", "三级指标"} <= texts
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert any(r.startswith("B") and r.split(":")[0][1:] != r.split(":")[1][1:] for r in merged)  # levels merged
    back = read_table(out)
    assert back == table  # the department reader reads the report back to an equal model


def test_report_layout_of_a_long_plan_is_not_merged_across_pages(typical: PerfTable) -> None:
    typical.plan.indicators = typical.plan.indicators * 15
    layout = build_report_layout(typical)
    assert layout.print_setup.fit_height == 0 and max(layout.row_heights.values()) <= 409.0
    grid = next(c.row for c in layout.cells if c.value == "三级指标")
    assert not [m for m in layout.merges if m.first_row > grid and m.last_row > m.first_row]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: cannot render the report")
def test_report_renders_on_one_portrait_page(typical: PerfTable, tmp_path: Path) -> None:
    import pdfplumber

    out = write_report(typical, tmp_path / "report.xlsx")
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "report.pdf") as pdf:
        assert len(pdf.pages) == 1 and pdf.pages[0].width < pdf.pages[0].height
        text = (pdf.pages[0].extract_text() or "").replace("\n", "")
    assert "部门整体支出绩效目标表" in text and "家长满意度" in text and "教师培训" in text


# ── outputs ──────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("build", [department_xlsx, department_split_xlsx, department_selfeval_xlsx,
                                   department_docx])
def test_json_round_trip_is_equal(build, tmp_path: Path) -> None:
    table = read_table(build(tmp_path / ("t.docx" if build is department_docx else "t.xlsx")))
    write_json(table, tmp_path / "t.json")
    back = read_json(tmp_path / "t.json")
    assert back == table and back.kind == "department" and back.plan.tasks == table.plan.tasks


def test_json_of_a_project_table_says_its_kind(seed_table) -> None:
    data = table_to_dict(seed_table)
    assert data["kind"] == "project" and "department_plan" not in data


def test_long_csv_and_dataset_carry_the_kind(typical: PerfTable, tmp_path: Path) -> None:
    import csv

    from perfgoals_xl.batch.dataset import file_chunks, indicator_columns
    from perfgoals_xl.sinks.longform import write_csv
    from perfgoals_xl.sinks.losses import format_losses

    write_csv(typical, tmp_path / "t.csv")
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6 and {r["表类型"] for r in rows} == {"department"}
    assert rows[0]["部门名称"] == "[015001]某区教育局" and rows[0]["总计"] == "1200" and rows[0]["绩效目标"] == GOAL
    assert rows[0]["附加字段"].startswith("评（扣）分标准")
    assert any("年度主要任务" in loss for loss in format_losses(typical, ".csv"))
    _, indicators, _ = file_chunks("t.xlsx", typical, [], parquet=False)
    assert indicators.rows == 6 and "table_kind" in indicator_columns()
    assert indicators.csv.splitlines()[0].rstrip().endswith("department")


def test_summary_names_the_kind(typical: PerfTable, tmp_path: Path) -> None:
    from perfgoals_xl.batch.result import FileResult
    from perfgoals_xl.batch.summary import write_summary

    results = [FileResult(path="t.docx", stem="t", layout="word", kind="department", department="某区教育局",
                          indicators=6, total=1200.0),
               FileResult(path="u.xlsx", stem="u", layout="department", kind="department", department="某区教育局")]
    write_summary(results, tmp_path / "summary.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "summary.xlsx")["文件汇总"]
    assert ws.cell(2, 3).value == "Word 表格·部门整体支出绩效目标表"  # how it was read · the kind of table
    assert "部门整体" in ws.cell(3, 3).value and ws.cell(3, 3).value.count("部门整体") == 1  # said once


def test_commands_say_what_they_read(tmp_path: Path, capsys) -> None:
    from perfgoals_xl.cli import main

    path = department_selfeval_xlsx(tmp_path / "自评.xlsx")
    assert main(["report", str(path), "-o", str(tmp_path / "r.xlsx")]) == 0
    assert "部门整体支出绩效自评表，0 项年度主要任务，4 条指标" in capsys.readouterr().out
    # scored like a project's 自评表 (issue #19): 传染病报告及时率 90 of ≥95 at 20 is 18.95, not the claimed 15 (PG-E06)
    assert main(["score", str(path), "-o", str(tmp_path / "s.xlsx")]) == 1
    out = capsys.readouterr().out
    assert "已生成自评表" in out and "部门整体支出" in out
    back = read_table(tmp_path / "s.xlsx")
    assert back.kind == "department" and back.plan.name == "某区卫生健康局" and len(back.plan.indicators) == 4


def test_a_table_that_ends_after_its_head_is_read_saying_what_it_has() -> None:
    """Only the head (name, budget): read as it is, with a 读取提示, and its findings say what is
    missing (no goal, no indicators) — not refused (issue #18: say what was assumed, read what is there)."""
    rows = [["2023年度部门整体支出绩效自评表"], ["预算部门、单位名称", "衡山县贯塘乡人民政府"],
            ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数"],
            ["", "年度资金总额", "861.1", "2030.12", "2030.12"]]
    table = read_department_grids([_grid(rows)], source="x.xlsx")
    assert table.kind == "department" and table.department == "衡山县贯塘乡人民政府"
    assert (table.plan.budget_initial, table.plan.budget_executed) == (Decimal("861.1"), Decimal("2030.12"))
    said = [p.message for p in table.problems if p.code == "S11"]
    assert any("只有表头部分（部门名称“衡山县贯塘乡人民政府”，年度资金总额 861.1，全年执行数 2030.12）" in m for m in said)
    codes = {i.code for i in check_table(table) if i.severity == "error"}
    assert {"PG-D01", "PG-D03"} <= codes and "PG-D02" not in codes


def test_a_selfeval_breakdown_adds_up_to_the_full_year_figure_and_counts_government_funds() -> None:
    """A 自评表's 其中 lines break down 全年预算数 (2030.12), not 年初预算数 (861.1); 政府性基金拨款 is
    part of 财政拨款; 其中:基本支出:900.47 is read; 基本支出 + 项目支出 ≠ every printed figure is reported."""
    rows = [["2023年度部门整体支出绩效自评表"], ["预算部门、单位名称", "某乡人民政府"],
            ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数"],
            ["", "年度资金总额", "861.1", "2030.12", "2030.12"],
            ["", "按收入性质分:2030.12", "", "按支出性质分:1925.67"],
            ["", "其中: 一般公共预算:1325.68", "", "其中:基本支出:900.47"],
            ["", "政府性基金拨款:118.82", "", "项目支出:1025.20"],
            ["", "其他资金:585.62"]]
    table = read_department_grids([_grid(rows)], source="x.xlsx")
    plan = table.plan
    assert (plan.amounts.fiscal, plan.amounts.other) == (Decimal("1444.50"), Decimal("585.62"))
    assert (plan.basic, plan.project) == (Decimal("900.47"), Decimal("1025.20"))
    assert any("政府性基金拨款 118.82计入财政拨款" in p.message for p in table.problems)
    d02 = [i.message for i in check_table(table) if i.code == "PG-D02"]
    assert d02 == ["年度资金总额 2030.12 ≠ 基本支出 900.47 + 项目支出 1025.20 = 1925.67（相差 104.45）"]


def _corpus_department_files() -> list[Path]:
    """The department entries' workbooks and Word files the corpus records as read (``Entry.read_files``)."""
    from corpus_fidelity import load_entries

    return [p for e in load_entries() if e.meta.get("family", "").startswith("department")
            for p in e.read_files() if p.suffix in (".xlsx", ".docx")]


@pytest.mark.parametrize("path", _corpus_department_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_department_tables_round_trip_through_report_and_json(path: Path, tmp_path: Path) -> None:
    """Published department tables (tests/corpus/): read as the department kind — a copy cut after
    its head read and said, one cut after its goal or its tasks read with PG-D03 naming the missing
    indicators —,
    no 项目 finding, and both the report and the JSON read back to an equal model."""
    table = read_table(path)
    assert table.kind == "department"
    if not (table.plan.indicators or table.plan.goal or table.plan.tasks):  # a copy cut after its head: said
        assert any("只有表头部分" in p.message for p in table.problems)
    elif not table.plan.indicators:  # cut after its goal: the missing indicators are a finding
        assert "PG-D03" in {i.code for i in check_table(table)}
    assert not [i for i in check_table(table) if i.code in _PROJECT_RULES or i.location.project]
    assert read_table(write_report(table, tmp_path / "report.xlsx")) == table
    write_json(table, tmp_path / "t.json")
    assert read_json(tmp_path / "t.json") == table


def test_report_form_option_is_refused_for_a_department_table(tmp_path: Path, capsys) -> None:
    from perfgoals_xl.cli import main

    path = department_xlsx(tmp_path / "部门整体.xlsx")
    assert main(["report", str(path), "-o", str(tmp_path / "f.xlsx"), "--form"]) != 0
    assert "不加 --form" in capsys.readouterr().err


def test_layout_department_forces_the_reader(tmp_path: Path) -> None:
    from perfgoals_xl.sources import READERS

    assert "department" in READERS
    path = department_docx(tmp_path / "部门整体.docx")
    table = read_table(path, layout="department")
    assert (table.kind, table.layout, table.department) == ("department", "department", "某区文化广电旅游体育局")
    form = tmp_path / "form.xlsx"
    wb = openpyxl.Workbook()
    for row in (["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "x", "1个"]):
        wb.active.append(row)
    wb.save(form)
    assert sniff(form) == "form"  # a one-project form is not taken for a department table
    with pytest.raises(InputError, match="未找到部门整体支出绩效目标表"):
        read_table(form, layout="department")


def test_department_selfeval_level_weights_column_and_labels(tmp_path: Path) -> None:
    """A level-1's weight in a 自评权重 column merged down its rows, or in its label (效果指标(35分)),
    is each indicator's level1_weight (the province's split, issue #19); PG-E11 checks it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [["部门整体支出绩效自评表"], ["评价部门名称", "某乡卫生院"],
            ["年度总体目标", "年初设定目标", "", "", "全年完成情况"],
            ["", "业务收入达到55万元，三公经费控制达标", "", "", "业务收入77.57万元，三公经费控制达标"],
            ["分解目标", "自评权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"],
            ["管理指标", 30, "预算编审管理", "完整、准确率", "100%", "100%", 15, 15, None],
            [None, None, "政府采购管理", "执行率", "100%", "100%", 10, 10, None],
            ["效果指标(35分)", None, "经济效益指标", "业务收入", "超上年度", "增收27万元", 35, 35, None]]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A6:A7")
    ws.merge_cells("B6:B7")
    path = tmp_path / "自评.xlsx"
    wb.save(path)
    table = read_table(path)
    plan = table.plan
    assert table.kind == "department" and [i.level1 for i in plan.indicators] == ["管理指标", "管理指标", "效果指标"]
    assert [i.level1_weight for i in plan.indicators] == [30, 30, 35]
    found = [(i.code, i.message) for i in check_table(table) if i.code == "PG-E11"]
    # 管理指标 prints 30 while its 分值 add up to 25: the level's cell and the 分值 cells named
    assert len(found) == 1 and "管理指标" in found[0][1] and "合计 25" in found[0][1] and "项目" not in found[0][1]
    # 增收27万元 against 超上年度: a change met with its amount, full marks confirmed (no PG-E06 / PG-E08)
    assert not [i for i in check_table(table) if i.code in ("PG-E06", "PG-E08")]


def _sheet(path: Path, rows: list[list[object]], merges: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


@pytest.mark.parametrize(("inline_total", "inline_name"), [(False, False), (True, False), (False, True)])
def test_a_selfeval_without_title_or_project_name_is_the_department_table(tmp_path: Path, inline_total: bool,
                                                                          inline_name: bool) -> None:
    """A township's 自评表 printing no title: 单位名称 | X, 基本/项目支出总额, a budget line under
    预算数(A) | 执行数(B) | 执行率 | 得分 with the 分值 in its label, numbered goals (年度目标1:(40分)),
    the grid closed by 总分 and remarks under it. It is the department table (no project 'without a
    goal'); the table's own name wins over the line above it; 社会公众满意度指标 is the satisfaction level 2.
    The total written 总分:99 in one cell merged across the row is the same total (上海 镇级 自评表). The
    table's name written 单位名称：X in one cell merged across its first row (a line of its own, like the
    page's above it) still wins: the line nearer the table."""
    n = None
    rows = [
        ["单位名称:某镇政府 填报日期:2024.3.1"],
        ["单位名称：某镇人民政府", n, n, n] if inline_name else ["单位名称", n, n, "某镇人民政府"],
        ["基本支出总额", n, n, "600万", "项目支出总额", n, 100],
        ["预算执行情况(万元)\n(20分)", n, n, "预算数(A)", "执行数(B)", "执行率(B/A)", "得分\n(20分*执行率)"],
        ["部门整体支出总额", n, n, 700, 665, "95%", 19],
        ["年度目标1:(40分)", n, n, "保障机关正常运转，按时足额发放工资"],
        ["年度目标2:(40分)", n, n, "完成乡村道路维护20公里"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        [n, "产出指标", "数量指标", "维护道路里程", "20公里", "20公里", 20],
        [n, n, "时效指标", "完成时间", "年底前", "年底前", 20],
        [n, "效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", 20],
        [n, "满意度指标", "社会公众满意度\n指标", "群众对道路维护满意度", "≥90%", "93%", 20],
        ["总分:99", n, n, n, n, n, n] if inline_total else ["总分", n, n, n, n, n, 99],
        ["偏差大或目标未完成原因分析", n, n, "执行率未达100%"],
    ]
    merges = ["A2:G2" if inline_name else "A2:C2", *([] if inline_name else ["D2:G2"]), "A3:C3", "E3:F3", "A4:C4", "A5:C5", "A6:C6", "D6:G6", "A7:C7", "D7:G7",
              "A8:A12", "B9:B10", "A13:G13" if inline_total else "A13:F13", "A14:C14", "D14:G14"]
    table = read_table(_sheet(tmp_path / "自评.xlsx", rows, merges))
    plan = table.plan
    assert table.kind == "department" and plan.name == table.department == "某镇人民政府"
    assert plan.extras["表格上方的单位名称"] == "某镇政府" and table.footer == {"填报日期": "2024.3.1"}
    assert plan.goal == "保障机关正常运转，按时足额发放工资\n完成乡村道路维护20公里"
    assert (plan.basic, plan.project) == (Decimal("600"), Decimal("100"))
    assert (plan.budget_initial, plan.budget_adjusted, plan.budget_executed) == (None, Decimal("700"), Decimal("665"))
    assert plan.budget_block == {"weight": "20", "rate": "95%", "score": "19"}
    assert [i.name for i in plan.indicators] == ["维护道路里程", "完成时间", "群众出行条件", "群众对道路维护满意度"]
    assert plan.total_score == 99 and plan.extras["偏差大或目标未完成原因分析"] == "执行率未达100%"
    codes = {i.code for i in check_table(table)}
    assert not codes & {"PG-C01", "PG-S03", "PG-S04", "PG-D01", "PG-E09"}
    # the report prints 总分 under the 得分 column and the sign-offs under the grid, and reads back equal
    layout = build_report_layout(table)
    text = {c.value: (c.row, c.col) for c in layout.cells if isinstance(c.value, str)}
    assert text["总分"][0] == text["99"][0] > text["群众对道路维护满意度"][0]
    assert text["填报日期：2024.3.1"][0] == text["总分"][0] + 1
    assert read_table(write_report(table, tmp_path / "report.xlsx")) == table
    write_json(table, tmp_path / "t.json")
    assert read_json(tmp_path / "t.json") == table


def test_a_budget_block_of_circled_formula_columns_and_goal_columns(tmp_path: Path) -> None:
    """福建's 自评表: 资金结构(万元) over 预算安排 (年初部门预算安排金额 | 历年结余结转 | 年中调整金额③ |
    小计④=①+②+③) and 拨付情况 (年度拨付金额 | 支出实现率(%)⑥=⑤/④); 年度总体目标完成情况 merged down
    beside 预期目标 | 目标实际完成情况 with their texts below; 绩效目标值 | 指标分值 in the grid."""
    n = None
    rows = [
        ["部门(单位)名称", n, "某市档案馆", n, n, n, "部门预算编码", n, "901001", n],
        ["财政资金安排和使用情况", "资金结构\n(万元)", "预算安排", n, n, n, "拨付情况", n, "结余情况", n],
        [n, n, "年初部门预算安排金额", "历年结余结转", "年中调整金额③", "小计\n④ = ①+② +③", "年度拨付金额",
         "支出实现率(%)\n⑥=⑤/④", "本年度结余金额\n⑦=④-⑤", "资金结余率\n(%)\n⑧=⑦/④"],
        [n, "财政资金小计", 120, 10, 0, 130, 117, "90%", 13, "10%"],
        [n, "其他资金小计", 20, 0, 0, 20, 20, "100%", 0, "0%"],
        [n, "合 计", 140, 10, 0, 150, 137, "91%", 13, "9%"],
        ["年度\n总体\n目标\n完成\n情况", "预期目标", n, n, n, "目标实际完成情况"],
        [n, "目标1:保障在职人员工资发放;\n目标2:完成档案接收5000卷。", n, n, n,
         "目标1完成情况:已完成\n目标2完成情况:接收5200卷"],
        ["年度\n绩效\n指标", "一级\n指标", "二级\n指标", "三级指标", n, "指标解释", "绩效目标值", "实际完成值",
         "指标分值", "得分"],
        [n, "产出指标", "数量指标", "档案接收数量", n, "接收进馆档案", "≥5000卷", "5200卷", 50, 50],
        [n, "满意度指标", "受益群众满意度", "查档群众满意度", n, "问卷调查", "≥90%", "95%", 40, 40],
    ]
    merges = ["A1:B1", "C1:F1", "G1:H1", "I1:J1", "A2:A6", "B2:B3", "C2:F2", "G2:H2", "I2:J2", "A7:A8",
              "B7:E7", "F7:J7", "B8:E8", "F8:J8", "A9:A11", "D9:E9", "D10:E10", "D11:E11"]
    table = read_table(_sheet(tmp_path / "福建.xlsx", rows, merges))
    plan = table.plan
    assert table.kind == "department" and plan.name == "某市档案馆"
    assert (plan.budget_initial, plan.budget_adjusted, plan.budget_executed) == (
        Decimal("140"), Decimal("150"), Decimal("137"))
    assert plan.budget_block["rate"] == "91%"  # the 合计 line's, not the 财政资金小计 line's above it
    assert (plan.amounts.total, plan.amounts.fiscal, plan.amounts.other) == (Decimal("140"), Decimal("120"),
                                                                             Decimal("20"))
    assert plan.goal == "目标1:保障在职人员工资发放;\n目标2:完成档案接收5000卷。"
    assert plan.actual_summary == "目标1完成情况:已完成\n目标2完成情况:接收5200卷"
    assert [(i.name, i.annual_value.raw, i.weight, i.score) for i in plan.indicators] == [
        ("档案接收数量", "≥5000卷", 50, 50), ("查档群众满意度", "≥90%", 40, 40)]
    assert not {i.code for i in check_table(table)} & {"PG-D01", "PG-S04", "PG-S05"}


def test_budget_column_words_and_circled_formulas_by_vocabulary() -> None:
    from perfgoals_xl.sources.vocabulary import department_budget_column, label_parts

    assert label_parts("小计\n④ = ①+② +③").key == "小计" and label_parts("年中调整金额③").key == "年中调整金额"
    assert label_parts("支出实现率(%)\n⑥=⑤/④").key == "支出实现率"
    assert label_parts("①中央及省级财政资金").key == "1中央及省级财政资金"  # a leading number stays
    assert [department_budget_column(t) for t in ("年初预算数(A)", "预算数(A)", "执行数(B)", "执行率(B/A)",
                                                  "支出实现率(%)⑥=⑤/④", "年度拨付金额", "资金结余率(%)")] == [
        "budget_initial", "budget_subtotal", "budget_executed", "rate", "rate", "budget_paid", None]


def test_an_untitled_target_table_with_numbered_goals_shares_the_detection(tmp_path: Path) -> None:
    """The 目标表 of the same family (no title, no 项目名称): numbered goal labels make it the
    department table, each a line of the goal; a 合计 row under the grid closes it (no indicator
    named 合计, no total score from a 分值 column); the 填报日期 under it is the footer."""
    n = None
    rows = [
        ["部门名称", "某县农业农村局", n, n],
        ["部门整体支出总额", 850, "基本支出总额", 600],
        ["年度目标1", "保障机关正常运转", n, n],
        ["年度目标2", "完成高标准农田建设1万亩", n, n],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "高标准农田建设面积", "≥1万亩", 60],
        ["满意度指标", "受益群众满意度", "农户满意度", "≥90%", 40],
        ["合计", n, n, n, 100],
        ["填报日期：2024年1月10日"],
    ]
    table = read_table(_sheet(tmp_path / "目标.xlsx", rows, ["B1:D1", "B3:D3", "B4:D4", "A9:E9"]))
    plan = table.plan
    assert table.kind == "department" and plan.name == "某县农业农村局" and not plan.is_selfeval()
    assert plan.goal == "保障机关正常运转\n完成高标准农田建设1万亩"
    assert (plan.amounts.total, plan.basic) == (Decimal("850"), Decimal("600"))
    assert [i.name for i in plan.indicators] == ["高标准农田建设面积", "农户满意度"]
    assert plan.total_score is None and table.footer == {"填报日期": "2024年1月10日"}
    assert not [i for i in check_table(table) if i.code in ("PG-S04", "PG-C01") or i.location.project]


def test_contact_labels_of_the_report_are_the_readers() -> None:
    """The report prints a contact read from 填报人 | 张三 under that label: the reader must read
    each such label as the same field (one vocabulary)."""
    from perfgoals_xl.report.department_layout import SIGNED_LABELS
    from perfgoals_xl.sources.vocabulary import department_label_of, is_footer_label

    for key, labels in SIGNED_LABELS.items():
        assert all(department_label_of(label)[0] == key for label in labels)
        assert any(is_footer_label(label) for label in labels)


def test_sign_offs_in_the_block_row_are_the_footer_and_the_contact(tmp_path: Path) -> None:
    """部门(单位)名称 | X | 填报人 | 张三 | 联系电话 | 123 (湖北's header row): the contact and phone,
    and the table's footer as printed; the report prints them under the same labels."""
    rows = [["部门(单位)名称", "某市人民政府办公室", "填报人", "张三", "联系电话", "6296906"],
            ["年度绩效总目标", "保障机关运转"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "办文数量", "≥3000件"]]
    table = read_table(_sheet(tmp_path / "t.xlsx", rows, []))
    assert (table.plan.contact, table.plan.phone) == ("张三", "6296906")
    assert table.footer == {"填报人": "张三", "联系电话": "6296906"}
    layout = build_report_layout(table)
    labels = {c.value for c in layout.cells if isinstance(c.value, str)}
    assert {"填报人", "联系电话"} <= labels and not any(str(v).startswith("填报人：") for v in labels)
    assert read_table(write_report(table, tmp_path / "report.xlsx")) == table


@pytest.mark.parametrize(("name", "value"), [("本项目不适用此指标", "无"), ("不涉及", "—"), ("无此项指标", "")])
def test_a_row_saying_the_indicator_does_not_apply_is_no_indicator(tmp_path: Path, name: str, value: str) -> None:
    """生态效益指标 | 不涉及 | — in a department table: the level declared empty, a placeholder row skipped
    and said (PG-S11), not an indicator with an empty value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["部门名称", "某区民政局"], ["年度绩效总目标", "保障全区低保对象按时足额领取救助金。"],
                ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "低保对象人数", "≥3000人"],
                ["效益指标", "生态效益指标", name, value], ["效益指标", "社会效益指标", "困难群众生活", "有保障"]):
        ws.append(row)
    wb.save(tmp_path / "d.xlsx")
    table = read_table(tmp_path / "d.xlsx")
    assert [i.name for i in table.plan.indicators] == ["低保对象人数", "困难群众生活"]
    found = check_table(table)
    assert not [i for i in found if i.code == "PG-S05"]
    assert any(name in i.message for i in found if i.code == "PG-S11")


@pytest.mark.parametrize("beside", ["部门经办人:", "信息员："])
def test_a_label_beside_a_blank_code_is_no_value(tmp_path: Path, beside: str) -> None:
    """部门编码: left blank with 部门经办人: beside it (a label the vocabulary need not know, ending with
    its colon): never the code's value; the department name beside its own label still reads."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["部门名称:", "某区民政局", "部门编码:", None, beside, None],
                ["年度绩效总目标", "保障全区低保对象按时足额领取救助金。"],
                ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "低保对象人数", "≥3000人"]):
        ws.append(row)
    wb.save(tmp_path / "b.xlsx")
    plan = read_table(tmp_path / "b.xlsx").plan
    assert plan.name == "某区民政局"
    assert not plan.code


def test_a_web_page_s_breadcrumb_and_controls_above_the_table_are_no_field(tmp_path: Path) -> None:
    """A page pasted into Excel carries its breadcrumb (当前位置：首页 > …) and controls (【字体：大 中 小】)
    above the table: never extras of the department (the breadcrumb was printed on the report)."""
    n = None
    rows = [["当前位置：首页 > 信息公开 > 乡镇信息公开平台 > 某镇 > 财政资金"], ["【字体：大 中 小】"],
            ["单位名称", n, n, "某镇人民政府"],
            ["预算执行情况(万元)\n(20分)", n, n, "预算数(A)", "执行数(B)", "执行率(B/A)", "得分\n(20分*执行率)"],
            ["部门整体支出总额", n, n, 700, 665, "95%", 19],
            ["年度目标1:(80分)", n, n, "保障机关正常运转，按时足额发放工资"],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
            [n, "产出指标", "数量指标", "维护道路里程", "20公里", "20公里", 80],
            ["总分", n, n, n, n, n, 99]]
    merges = ["A1:G1", "A2:G2", "A3:C3", "D3:G3", "A4:C4", "A5:C5", "A6:C6", "D6:G6", "A7:A8", "A9:F9"]
    table = read_table(_sheet(tmp_path / "自评.xlsx", rows, merges))
    assert table.kind == "department" and table.plan.name == "某镇人民政府"
    assert not [k for k in table.plan.extras if "位置" in k or "字体" in k], table.plan.extras


@pytest.mark.parametrize(("amount_label", "goal_label"), [("县级支出预算总量", "当年整体绩效目标"),
                                                          ("部门预算总额", "本年度部门整体绩效目标"),
                                                          ("年度预算", "单位整体支出绩效目标")])
def test_a_level_less_indicator_grid_and_the_budget_systems_labels(tmp_path: Path, amount_label: str,
                                                                   goal_label: str) -> None:
    """A budget system's 部门(单位)整体绩效目标表 prints no level columns: 绩效指标 merged down the left,
    then 指标名称 | 指标权重 | 计量单位 | 指标性质 | 指标值 (sign and unit in their own columns, joined into
    the value as every layout joins them, a bare = dropped), under 部门(单位)名称 | X | …支出预算总量 | amount and a goal
    label of its own wording. Every indicator is read with its weight, the total and the goal too, and
    the rules give no level finding and no false PG-D01/PG-D03; the report reads back equal."""
    n = None
    rows = [["2023年部门(单位)整体绩效目标表"], [n, n, n, n, n, "单位:万元"],
            ["部门(单位)名称", "某县农业农村委员会", n, amount_label, n, 1520.6],
            [goal_label, "保障机关正常运转；完成高标准农田建设2万亩；动物强制免疫密度保持100%。"],
            ["绩效指标", "指标名称", "指标权重", "计量单位", "指标性质", "指标值"],
            [n, "高标准农田建设面积", 40, "亩", "≥", 20000],
            [n, "动物强制免疫密度", 30, "%", "=", 100],
            [n, "项目管理规范性", 20, n, n, "规范"],
            [n, "服务对象满意度", 10, "%", n, 90]]
    merges = ["A1:F1", "B3:C3", "D3:E3", "B4:F4", "A5:A9"]
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    ws["E7"].data_type = "s"  # "=" typed as text, as the table prints it (openpyxl would write a formula)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(tmp_path / "整体.xlsx")
    table = read_table(tmp_path / "整体.xlsx")
    plan = table.plan
    assert table.kind == "department" and plan.name == "某县农业农村委员会"
    assert plan.amounts.total == Decimal("1520.6")
    assert plan.goal.startswith("保障机关正常运转")
    assert [(i.level1, i.name, i.annual_value.raw, i.weight) for i in plan.indicators] == [
        ("", "高标准农田建设面积", "≥20000亩", 40), ("", "动物强制免疫密度", "100%", 30),
        ("", "项目管理规范性", "规范", 20), ("", "服务对象满意度", "90%", 10)]
    codes = {i.code for i in check_table(table) if i.severity == "error"}
    assert not codes & {"PG-D01", "PG-D03"}, codes
    assert read_table(write_report(table, tmp_path / "report.xlsx")) == table


def test_a_two_column_indicator_list_is_no_level_less_grid() -> None:
    """指标名称 | 指标值 alone (a list of names and values) is no indicator header: a level-less grid
    needs a weight, unit, sign or score column beside the value."""
    from perfgoals_xl.sources.department_grids import is_indicator_header

    assert not is_indicator_header({"name", "value"})
    assert is_indicator_header({"name", "weight", "value"})
    assert is_indicator_header({"level1", "name", "value"})
    assert not is_indicator_header({"weight", "measure_unit", "value"})


def test_the_table_s_own_title_wins_over_a_page_heading_above_it(tmp_path: Path) -> None:
    """A page pasted with its heading (某街道2022年预算整体绩效和部分重点项目绩效公开) above the table's own
    title (2022年部门(单位)整体绩效目标表): the title is the table's, as the report prints it."""
    rows = [["某街道2022年预算整体绩效和部分重点项目绩效公开"], ["2022年部门(单位)整体绩效目标表"],
            ["部门(单位)名称", "某街道办事处"], ["当年整体绩效目标", "保障街道正常运转。"],
            ["绩效指标", "指标名称", "指标权重", "指标值"], [None, "预算执行率", 50, "100%"],
            [None, "服务对象满意度", 50, "≥95%"]]
    table = read_table(_sheet(tmp_path / "t.xlsx", rows, ["A5:A7"]))
    assert table.title == "2022年部门(单位)整体绩效目标表"
    assert [i.name for i in table.plan.indicators] == ["预算执行率", "服务对象满意度"]


@pytest.mark.parametrize("value_header", ["指标值", "年度指标值", "年度目标值"])
def test_split_value_parts_under_an_annual_value_header_are_joined(tmp_path: Path, value_header: str) -> None:
    """计算符号 | 年度指标值 | 度量单位: the parts are one value whatever the value column is called
    (``指标值`` or ``年度指标值`` — templates print either; found by tests/corpus/variations.py)."""
    path = department_split_xlsx(tmp_path / "申报表.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["E11"] = value_header
    wb.save(path)
    values = [i.annual_value for i in read_table(path).plan.indicators]
    assert [v.raw for v in values] == ["≥12个", "≥85%", "100%", "≥90%"]
    assert (values[0].operator, values[0].number, values[0].unit) == ("≥", 12.0, "个")


@pytest.mark.parametrize(("label", "column"), [("年度预算执行情况（元）", None), ("预算资金\n(元)", None),
                                               ("年度预算执行情况", "全年执行数（元）")])
def test_a_selfeval_budget_block_in_yuan_named_in_its_header_row(tmp_path: Path, label: str,
                                                               column: str | None) -> None:
    """The budget header row printing 元 — in the block's own label (预算资金（元）) or a column's — makes
    its bare amounts 元, read in 万元 (8000000 元 = 800 万元), as a 单位：元 line above would (found by
    tests/corpus/variations.py: the amounts were taken as 万元, 10,000 times too large)."""
    path = department_selfeval_xlsx(tmp_path / "自评.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["A3"] = label
    if column:
        ws["E3"] = column
    for r in range(4, 7):
        for c in range(3, 6):
            if ws.cell(r, c).value is not None:
                ws.cell(r, c).value = ws.cell(r, c).value * 10000
    wb.save(path)
    table = read_table(path)
    plan = table.plan
    assert (plan.budget_initial, plan.budget_adjusted, plan.budget_executed) == (800, 850, 820)
    assert plan.amounts == Amounts(total=Decimal(800), fiscal=Decimal(700), other=Decimal(100))
    assert table.source_unit == "元"


def test_a_column_number_row_under_the_indicator_header_is_no_indicator(tmp_path: Path) -> None:
    """A 栏次 row (1 | 2 | 3 …) under the department table's indicator header is skipped (found by
    tests/corpus/variations.py: it was read as an indicator with levels “1” / “2”)."""
    path = department_selfeval_xlsx(tmp_path / "自评.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_rows(10)
    for c in range(1, 9):
        ws.cell(10, c, str(c))
    wb.save(path)
    plan = read_table(path).plan
    assert [i.name for i in plan.indicators] == ["健康档案建档率", "项目完成时间", "传染病报告及时率", "居民满意度"]


# ── indicators written as one text beside their level (no indicator grid) ──────────────────────

_LEVEL_TEXT_HTML = """<html><body><p>某县2017年部门整体支出绩效目标申报表</p><table border="1">
<tr><td colspan="2">部门(单位)名称:某县农业局</td><td colspan="2">单位负责人:张三</td></tr>
<tr><td colspan="2">整体绩效目标</td><td colspan="2">目标1:完成农田建设;目标2:推广良种。</td></tr>
<tr><td rowspan="3">部门整体支出 年度绩效指标</td><td>产出指标</td><td colspan="2">指标1:新建农田1000亩<br>指标2:推广良种5个</td></tr>
<tr><td>效益指标(30分)</td><td colspan="2">指标1(社会效益):农民增收 指标2(满意度):满意</td></tr>
<tr><td>满意度指标</td><td colspan="2">……</td></tr>
<tr><td colspan="2">财政部门审核意见</td><td colspan="2">(盖章) 年 月 日</td></tr>
</table></body></html>"""


def test_a_level_with_one_text_and_no_grid_is_one_indicator_of_that_level(tmp_path: Path) -> None:
    """The 2015 申报表 prints no 二级 | 三级 | 指标值 grid: each level row holds ONE text listing its items
    (产出指标 | 指标1…指标2…). Each is one indicator of its level named by the whole text, with no value
    and no level 2 asked; a level left as the template's …… is none."""
    path = tmp_path / "dept.html"
    path.write_text(_LEVEL_TEXT_HTML, encoding="utf-8")
    table = read_table(path)
    plan = table.plan
    assert table.kind == "department" and plan.name == "某县农业局"
    assert [(i.level1, i.level2, i.name, i.annual_value.raw, i.level1_weight) for i in plan.indicators] == [
        ("产出指标", "", "指标1:新建农田1000亩\n指标2:推广良种5个", "", None),
        ("效益指标", "", "指标1(社会效益):农民增收 指标2(满意度):满意", "", 30.0)]
    assert [i.field_locations["name"].cell for i in plan.indicators] == ["C3", "C4"]
    assert "产出指标" not in plan.extras and "效益指标" not in plan.extras
    codes = {i.code for i in check_table(table) if i.severity == "error"}
    assert not codes & {"PG-D03", "PG-S04", "PG-S05"}, codes


def test_level_rows_beside_a_grid_stay_the_grids(tmp_path: Path) -> None:
    """With an indicator grid (一级 | 二级 | 三级 | 指标值) the rows are the grid's, read as before."""
    rows = [["部门名称", "某局", None, None], ["年度绩效总目标", "保障运转", None, None],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人次", "100人次"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥90%"]]
    plan = read_department_grids([_grid(rows)], source="x.xlsx").plan
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in plan.indicators] == [
        ("产出指标", "数量指标", "培训人次", "100人次"), ("效益指标", "社会效益指标", "群众知晓率", "≥90%")]


def test_the_2015_budget_block_labels_inline_and_bare(tmp_path: Path) -> None:
    """年度预算收支情况(万元) | 年初预算资金:183.58 is the section and the year's total; a label printed with
    its colon and nothing after it (项目支出:, 其他资金:) has no value, and takes none from the row below."""
    rows = [["部门(单位)名称:某县交通运输局", "单位负责人:张三"],
            ["年度预算收支情况(万元)", "年初预算资金:183.58"],
            ["按收入性质分:", "按支出性质分:"],
            ["纳入预算管理的非税收入拨款:0.4", "项目支出:"],
            ["其他资金:", "其他支出:"],
            ["部门职能职责概述", "道路建设与养护"],
            ["整体绩效目标", "目标1:干线公路建设;目标2:农村公路建设。"]]
    table = read_department_grids([_grid(rows)], source="x.xlsx")
    plan = table.plan
    assert plan.amounts.total == Decimal("183.58") and plan.field_locations["total"].cell == "B2"
    assert (plan.project, plan.amounts.other) == (None, None)
    assert [p.code for p in table.problems if p.code == "A03"] == []


def test_a_second_grid_with_the_goal_and_level_texts_continues_the_table() -> None:
    """The table split in two (a page break): the second grid holds 整体绩效目标 and the level rows of
    one text each, and no 部门名称 of its own — the first table's goal and indicators."""
    first = [["部门整体支出绩效目标申报表", None], ["部门(单位)名称:某县交通运输局", None],
             ["年度预算收支情况(万元)", "年初预算资金:183.58"], ["部门职能职责概述", "道路建设与养护"]]
    second = [["整体绩效目标", "目标1:干线公路建设;目标2:农村公路建设。"],
              ["年度绩效指标", "产出指标", "指标1:新建公路10公里"], [None, "效益指标", "指标1:群众出行更方便"]]
    plan = read_department_grids([_grid(first), Grid(sheet="Sheet2", rows=second, merged=[(1, 0, 2, 0)])],
                                 source="x.pdf").plan
    assert plan.goal == "目标1:干线公路建设;目标2:农村公路建设。"
    assert [(i.level1, i.name) for i in plan.indicators] == [("产出指标", "指标1:新建公路10公里"),
                                                            ("效益指标", "指标1:群众出行更方便")]
    other = [["整体绩效目标", "另一张表的目标"], ["部门名称", "某乙局"], [None, "产出指标", "指标1:x"]]
    plan = read_department_grids([_grid(first), Grid(sheet="Sheet2", rows=other)], source="x.pdf").plan
    assert not plan.goal and plan.indicators == []  # a grid naming its own department is no continuation


def test_a_grid_naming_部门整体_after_a_head_only_goes_on_the_table() -> None:
    """The page broke after the head block; the next page's grid starts with 整体绩效目标 and an indicator
    grid under a row label naming 部门整体 (so it looks like a department table of its own), but has no
    部门名称: it is the first table's goal and indicators, not a second table left unread."""
    first = [["2024年某县部门整体支出绩效目标表", None, None], ["部门名称", "某县疾病预防控制中心", None],
             ["年度预算申请(万元)", "资金总额:952.22", None], ["部门职能职责概述", "承担全县疫苗管理", None]]
    second = [["整体绩效目标", None, "完成全县免疫规划工作。", None, None],
              ["部门整体支出年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位"],
              [None, "产出指标", "数量指标", "免疫规划知识培训次数", "2次以上"],
              [None, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]
    table = read_department_grids([_grid(first), Grid(sheet="第2页", rows=second, merged=[(1, 0, 3, 0)])],
                                  source="x.pdf")
    plan = table.plan
    assert plan.goal == "完成全县免疫规划工作。"
    assert [(i.level1, i.name, i.annual_value.raw) for i in plan.indicators] == [
        ("产出指标", "免疫规划知识培训次数", "2次以上"), ("满意度指标", "群众满意度", "≥90%")]
    assert not [p for p in table.problems if "只读取了第一张" in p.message]
    named = [["部门名称", "某乙局", None, None, None], *second]
    table = read_department_grids([_grid(first), Grid(sheet="第2页", rows=named)], source="x.pdf")
    assert table.plan.indicators == [] and [p for p in table.problems if "只读取了第一张" in p.message]


def test_a_file_holding_the_table_in_two_pieces_reads_one_table(tmp_path: Path) -> None:
    """Two tables in one file (a page break cut it: a web page or a PDF of two pages): the second, which
    no layout claims on its own (整体绩效目标 and the level rows), is read as the department table's."""
    path = tmp_path / "two.html"
    path.write_text("""<html><body><p>部门整体支出绩效目标申报表</p><table border="1">
<tr><td>部门(单位)名称:某县交通运输局</td><td>单位负责人:张三</td></tr>
<tr><td>年度预算收支情况(万元)</td><td>年初预算资金:183.58</td></tr>
<tr><td>部门职能职责概述</td><td>道路建设与养护</td></tr></table>
<table border="1"><tr><td colspan="2">整体绩效目标</td><td>目标1:干线公路建设;目标2:农村公路建设。</td></tr>
<tr><td rowspan="2">年度绩效指标</td><td>产出指标</td><td>指标1:新建公路10公里</td></tr>
<tr><td>效益指标</td><td>指标1:群众出行更方便</td></tr></table></body></html>""", encoding="utf-8")
    table = read_table(path)
    plan = table.plan
    assert (table.kind, plan.name, plan.amounts.total) == ("department", "某县交通运输局", Decimal("183.58"))
    assert plan.goal == "目标1:干线公路建设;目标2:农村公路建设。"
    assert [(i.level1, i.name) for i in plan.indicators] == [("产出指标", "指标1:新建公路10公里"),
                                                            ("效益指标", "指标1:群众出行更方便")]
    assert not [p for p in table.problems if "已跳过" in p.message]


@pytest.mark.parametrize("merged", [True, False])
def test_money_grid_under_group_headers(tmp_path: Path, merged: bool) -> None:
    """A 部门整体 money block printed as a grid: 总额 merged down over two header rows, then 基本支出 and
    项目支出 each merged over 合计 | 财政拨款 | 其他资金, the numbers in one row under them. 总额's value
    is under the merged cell; a 合计 under 基本支出 is 基本支出 (not the table's total); a part under
    a group is that group's, kept as printed. The same block pasted without its merges (blank cells
    where the merged ones were) reads the same."""
    n = None
    rows = [["某县某局部门整体支出绩效目标申报表"],
            ["部门名称", "某县某局", n, n, n, n, n],
            ["总体资金情况(万元)", "预算支出", n, n, n, n, n],
            [n, "总额", "基本支出", n, n, "项目支出", n, n],
            [n, n, "合计", "财政拨款", "其他资金", "合计", "财政拨款", "其他资金"],
            [n, 900, 700, 650, 50, 200, 200, n],
            ["年度主要任务", "任务名称", n, n, "主要内容", n, n],
            [n, "保障运转", n, n, "保障机关正常运转", n, n]]
    merges = ["A3:A6", "B3:H3", "B4:B5", "C4:E4", "F4:H4", "A7:A8", "B7:D7", "E7:H7", "B8:D8", "E8:H8"]
    path = _sheet(tmp_path / "dept.xlsx", rows, merges if merged else [])
    plan = read_table(path).plan
    assert plan.amounts.total == 900 and plan.basic == 700 and plan.project == 200
    assert plan.amounts.fiscal is None  # 650 is 基本支出's 财政拨款, not the whole table's
    if merged:
        assert plan.extras.get("基本支出财政拨款") == "650" and plan.extras.get("项目支出财政拨款") == "200"


def test_self_raised_funds_are_other_funds(tmp_path: Path) -> None:
    """资金总额 | 一般公共预算 | 政府性基金 | 自筹资金 (衔接资金 and 部门 tables): 自筹资金 is 其他资金 — the year's
    sources add up to its total (read before as no source: a false PG-D02)."""
    n = None
    rows = [["部门整体支出绩效目标表", n, n, n, n],
            ["部门名称", "某县教育局", n, n, n],
            ["年度预算申请(万元)", "资金总额", "一般公共预算", "政府性基金", "自筹资金"],
            [n, 1500, 1200, 100, 200],
            ["年度绩效总目标", "保障全县义务教育学校正常运转。", n, n, n],
            ["一级指标", "二级指标", "三级指标", "指标值", n],
            ["产出指标", "数量指标", "保障学校数量", "≥30所", n]]
    table = read_table(_sheet(tmp_path / "dept.xlsx", rows, ["A3:A4", "B5:E5"]))
    assert table.plan.amounts.total == 1500 and table.plan.amounts.fiscal == 1300 and table.plan.amounts.other == 200
    assert not [f for f in check_table(table) if f.code == "PG-D02"]
