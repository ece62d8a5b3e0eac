"""Budget-disclosure PDFs bundling several tables (issue 10, item 5): the performance-target table is
read — in the coded published layout or as a long-format table — and the other tables' pages are
skipped with one info naming them; check exits 0 on a clean bundle.

The bundles are workbooks built here (部门收支总表 | the performance table | 政府采购预算表, one sheet
each) printed by LibreOffice, all in one conversion per session; without ``soffice`` they skip.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from test_pdf_reader import assert_same_model

from perfgoals_xl.cli import main
from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.pdf import read_pdf_text
from perfgoals_xl.sources.pdf_bundle import page_kinds, page_list, table_title
from perfgoals_xl.values import parse_value

FONT = "Noto Sans CJK SC"
SKIPPED = "不是项目支出绩效目标表（部门收支总表、政府采购预算表），已跳过"
GOAL = "完成年度业务培训任务，提升业务能力。"
LONG_ROWS = [
    ["某某中心", "业务培训", 100, GOAL, "产出指标", "数量指标", "培训人次", "≥500", "人次"],
    [None, None, None, None, None, "质量指标", "培训合格率", "≥95", "%"],
    [None, None, None, None, "效益指标", "社会效益指标", "考核通过率", "≥90", "%"],
    [None, None, None, None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90", "%"],
]


def other_sheet(wb, name, title, header, rows):
    """A ruled table that is not a performance table, with its own title and 部门名称 line."""
    ws = wb.add_worksheet(name)
    cell = {"font_name": FONT, "font_size": 10, "border": 1}
    ws.set_paper(9)
    ws.set_column(0, len(header) - 1, 22)
    ws.fit_to_pages(1, 0)
    ws.merge_range(0, 0, 0, len(header) - 1, title,
                   wb.add_format({"font_name": FONT, "bold": True, "font_size": 16, "align": "center"}))
    ws.write_string(1, 0, "部门名称：广州市人民政府驻北京办事处", wb.add_format({"font_name": FONT}))
    ws.write_string(1, len(header) - 1, "单位：万元", wb.add_format({"font_name": FONT}))
    for c, h in enumerate(header):
        ws.write_string(2, c, h, wb.add_format({**cell, "bold": True, "align": "center"}))
    for r, row in enumerate(rows, 3):
        for c, v in enumerate(row):
            if isinstance(v, (int, float)):
                ws.write_number(r, c, v, wb.add_format({**cell, "num_format": "#,##0.00"}))
            else:
                ws.write_string(r, c, v or "", wb.add_format(cell))


def longform_sheet(wb):
    """A long-format performance table with merged project and level cells."""
    ws = wb.add_worksheet("绩效目标")
    cell = wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "valign": "top", "text_wrap": True})
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_column(0, 8, 19)
    ws.fit_to_pages(1, 0)
    ws.merge_range(0, 0, 0, 8, "某某局2024年项目支出绩效目标表",
                   wb.add_format({"font_name": FONT, "bold": True, "font_size": 16, "align": "center"}))
    ws.write_string(1, 8, "单位：万元", wb.add_format({"font_name": FONT}))
    for c, h in enumerate(["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值",
                           "度量单位"]):
        ws.write_string(2, c, h, wb.add_format({"font_name": FONT, "bold": True, "border": 1, "align": "center"}))
    for r, row in enumerate(LONG_ROWS, 3):
        for c, v in enumerate(row):
            if v is None:
                ws.write_blank(r, c, None, cell)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v, cell)
            else:
                ws.write_string(r, c, v, cell)
    for c in range(4):
        ws.merge_range(3, c, 6, c, LONG_ROWS[0][c], cell)
    ws.merge_range(3, 4, 4, 4, "产出指标", cell)


COUNTY_PROJECTS = 14


def county_sheet(wb):
    """The county table of issue 14 over several pages: 金额单位：元, a department row, the header
    repeated on each page, projects under `820001-某某镇人民政府`."""
    ws = wb.add_worksheet("县级")
    cell = wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "valign": "top", "text_wrap": True})
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_column(0, 1, 24)
    ws.set_column(2, 8, 16)
    ws.set_column(3, 3, 40)
    ws.set_column(5, 5, 20)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    ws.write_string(0, 0, "某某镇2024年部门预算项目绩效目标申报表", wb.add_format({"font_name": FONT, "bold": True,
                                                                                 "font_size": 16}))
    ws.write_string(1, 0, "金额单位：元", wb.add_format({"font_name": FONT}))
    for c, h in enumerate(["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值",
                           "度量单位"]):
        ws.write_string(2, c, h, wb.add_format({"font_name": FONT, "bold": True, "border": 1, "align": "center"}))
    rows = [["820-某某镇部门", None, f"{COUNTY_PROJECTS * 125000:,.2f}"] + [None] * 6]
    for n in range(1, COUNTY_PROJECTS + 1):
        for k, (l1, l2, name, value, unit) in enumerate(COUNTY_INDICATORS):
            first = k == 0
            rows.append(["820001-某某镇人民政府", f"村道养护{n}号" if first else None, "125,000.00" if first else None,
                         GOAL if first else None, l1, l2, name, value, unit])
    for r, row in enumerate(rows, 3):
        for c, v in enumerate(row):
            ws.write_string(r, c, v, cell) if v else ws.write_blank(r, c, None, cell)


COUNTY_INDICATORS = [("产出指标", "数量指标", "养护里程", "≥20", "公里"), ("产出指标", "质量指标", "验收合格率", "≥95", "%"),
                     ("效益指标", "社会效益指标", "通行条件达标率", "≥90", "%"),
                     ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90", "%")]


def bundle(path: Path, seed: PerfTable | None, *, borders: bool = True, county: bool = False) -> None:
    import xlsxwriter

    from perfgoals_xl.report.layout import build_report_layout
    from perfgoals_xl.report.xlsx_renderer import render_xlsx

    wb = xlsxwriter.Workbook(str(path))
    other_sheet(wb, "收支总表", "部门收支总表", ["收入项目", "预算数", "支出项目", "预算数"],
                [["一般公共预算拨款", 390.0, "一般公共服务支出", 390.0], ["其他收入", 0, "", None],
                 ["收入合计", 390.0, "支出合计", 390.0]])
    if county:
        county_sheet(wb)
    elif seed is not None:
        layout = build_report_layout(seed)
        if not borders:
            layout.styles = {k: dataclasses.replace(s, borders="") for k, s in layout.styles.items()}
        render_xlsx(layout, wb)
    else:
        longform_sheet(wb)
    other_sheet(wb, "采购", "政府采购预算表", ["项目名称", "采购品目", "采购数量", "预算金额"],
                [["驻京工作保障", "车辆", "2", 50.0], ["信息化运维", "服务", "1", 20.0]])
    wb.close()


@pytest.fixture(scope="session")
def bundles(tmp_path_factory, seed_path) -> dict[str, Path]:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixtures cannot be printed")
    from perfgoals_xl.sources.published_text import read_published_text

    out = tmp_path_factory.mktemp("bundles")
    seed = read_published_text(seed_path)
    bundle(out / "coded.xlsx", seed)
    bundle(out / "long.xlsx", None)
    bundle(out / "unruled.xlsx", seed, borders=False)
    bundle(out / "county.xlsx", None, county=True)
    names = ("coded", "long", "unruled", "county")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out / 'lo_profile'}", "--convert-to",
                    "pdf", "--outdir", str(out)] + [str(out / f"{n}.xlsx") for n in names],
                   check=True, capture_output=True, timeout=180)
    return {n: out / f"{n}.pdf" for n in names}


def test_coded_table_in_a_bundle_reads_exactly_and_skips_the_other_pages(bundles, seed_table):
    table = read_table(bundles["coded"])
    assert table.layout == "pdf"
    assert_same_model(table, seed_table)
    assert [(p.code, p.message, p.location.sheet) for p in table.problems] == [("S11", f"第1、4页{SKIPPED}", "第1页")]
    assert table.projects()[0].location.sheet == "第2页"


def test_long_format_table_in_a_bundle(bundles):
    table = read_table(bundles["long"])
    project = Project("业务培训", amounts=Amounts(total=Decimal(100)), goal=GOAL, indicators=[
        Indicator(seq=n, level1_code=None, level1=l1, level2_code=None, level2=l2, name=name,
                  period_value=parse_value(v + u), annual_value=parse_value(v + u))
        for n, (l1, l2, name, v, u) in enumerate([
            ("产出指标", "数量指标", "培训人次", "≥500", "人次"), ("产出指标", "质量指标", "培训合格率", "≥95", "%"),
            ("效益指标", "社会效益指标", "考核通过率", "≥90", "%"),
            ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90", "%")], 1)])
    assert table == PerfTable(department="某某局", title="某某局2024年项目支出绩效目标表",
                              units=[FundUnit("某某中心", projects=[project])])
    assert (table.layout, table.department_source) == ("pdf", "title")
    assert [(p.code, p.message) for p in table.problems] == [("S11", f"第1、3页{SKIPPED}")]
    ind = table.projects()[0].indicators[1]
    # The grid's form, as every container's (it was 第3行·三级指标 / 第2行·一级指标 from the cell reader).
    assert (ind.field_locations["name"].sheet, ind.field_locations["name"].cell) == ("第2页", "第3行·第7列")
    assert ind.field_locations["level1"].cell == "第2行·第5列"  # merged over two rows: its top cell


def test_unruled_bundle_reads_through_the_text_and_skips_the_other_pages(bundles, seed_table):
    table = read_table(bundles["unruled"])
    assert table.layout == "pdf_text"
    assert [p.name for p in table.projects()] == [p.name for p in seed_table.projects()]
    assert [p.indicators for p in table.projects()] == [p.indicators for p in seed_table.projects()]
    assert [p.message for p in table.problems if p.code == "S11"] == [f"第1、4页{SKIPPED}"]
    assert {p.code for p in table.problems} == {"S10", "S11"}  # S10 as the seed's own text has it
    forced = read_pdf_text(bundles["coded"])
    assert [p.indicators for p in forced.projects()] == [p.indicators for p in seed_table.projects()]


def test_county_table_over_several_pages_reads_its_hierarchy(bundles):
    """金额单位：元 above the table, the department row, the header repeated on every page."""
    import pdfplumber

    with pdfplumber.open(bundles["county"]) as pdf:
        pages = len(pdf.pages)
    assert pages >= 4, "the county table must run over several pages"
    table = read_table(bundles["county"])
    projects = [Project(f"村道养护{n}号", amounts=Amounts(total=Decimal("12.5")), goal=GOAL, indicators=[
        Indicator(seq=k, level1_code=None, level1=l1, level2_code=None, level2=l2, name=name,
                  period_value=parse_value(v + u), annual_value=parse_value(v + u))
        for k, (l1, l2, name, v, u) in enumerate(COUNTY_INDICATORS, 1)]) for n in range(1, COUNTY_PROJECTS + 1)]
    assert table == PerfTable(department="某某镇部门", department_code="820",
                              title="某某镇2024年部门预算项目绩效目标申报表",
                              amounts=Amounts(total=Decimal(COUNTY_PROJECTS * 125000) / 10000),
                              units=[FundUnit("某某镇人民政府", code="820001", projects=projects)])
    assert table.department_source == "row"
    assert [p.message for p in table.problems] == [f"第1、{pages}页{SKIPPED}"]
    last = table.projects()[-1].indicators[-1]
    assert last.location.sheet == f"第{pages - 1}页"
    errors = [i for i in check_table(table) if i.code.startswith("PG-A") and i.severity != "info"]
    assert errors == []


@pytest.mark.parametrize("name", ["coded", "long", "county"])
def test_check_on_a_clean_bundle_exits_0(bundles, name, capsys):
    assert main(["check", str(bundles[name])]) == 0
    assert SKIPPED in capsys.readouterr().out
    notes = [i for i in check_table(read_table(bundles[name])) if i.code == "PG-S11"]
    assert [i.severity for i in notes] == ["info"]


def test_page_classification_by_titles():
    assert table_title(["部门名称：某局", "部门收支总表"]) == "部门收支总表"
    assert table_title(["单位：万元", "收入项目 预算数"]) is None
    keep, titles = page_kinds(["部门收支总表\n收入 390", "项目支出绩效目标表（含转移支付项目）\n…", "续页，没有标题",
                               "政府采购预算表\n…", ""])
    assert keep == [False, True, True, False] and titles == {1: "部门收支总表", 4: "政府采购预算表"}
    assert page_list([1, 2, 3, 5]) == "第1–3、5页"


def test_the_container_grids_read_through_the_detector_are_the_table(bundles, seed_table):
    """containers/pdf.py: the title and 金额单位 lines above a table are its grid's first rows and the
    table is stitched over its pages, so the detector's layout reads the coded table exactly (the
    PDF's only path since the per-cell reader was retired); the other tables' grids are named once."""
    from perfgoals_xl.sources.containers.pdf import load_grids
    from perfgoals_xl.sources.readers import read_detected

    detected = read_detected(load_grids(bundles["coded"]), source=str(bundles["coded"]))
    assert detected is not None
    assert_same_model(detected, seed_table)
    assert [p.code for p in detected.problems] == ["S11"]


@pytest.mark.parametrize("name", ["coded", "long", "county"])
def test_the_title_above_a_table_is_its_grids_first_row(bundles, name):
    from perfgoals_xl.sources.containers.pdf import load_grids

    grids = load_grids(bundles[name])
    assert grids[1].locate(0, 0) == ("第2页", "表格上方第1行")  # the title printed above the performance table
    assert [g.sheet for g in grids][0] == "第1页"
