"""The 项目支出绩效自评表: layout (print setup, heights), `perfgoals score`, `convert` beside the
report, the round trip target table → entry workbook filled by openpyxl → score → 自评表 read
back, and the LibreOffice rendering (one page per project, nothing overprinted as ###)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.report.layout import count_lines, text_height
from perfgoals_xl.report.selfeval_layout import (
    INDICATOR_HEADERS,
    build_selfeval_layout,
    build_summary_layout,
)
from perfgoals_xl.rules import check_table
from perfgoals_xl.scoring import score_table
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from tests.selfeval_tables import fill_actuals

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_layout_print_setup_and_heights(seed_table):
    table = fill_actuals(seed_table)
    table.projects()[0].actual_summary = "很长的完成情况说明。" * 40
    scores = score_table(table)
    layout = build_selfeval_layout(scores[0], table)
    setup = layout.print_setup
    assert (setup.paper, setup.landscape, setup.fit_width, setup.fit_height) == ("A4", False, 1, 0)
    header = next(c.row for c in layout.cells if c.value == "三级指标")
    assert setup.repeat_rows == (header, header)
    assert [layout.value_at(header, c) for c in range(8)] == list(INDICATOR_HEADERS)
    assert sum(layout.column_widths) <= 105  # A4 portrait at about 100 %
    merged = {(m.first_row, m.first_col): (sum(layout.column_widths[m.first_col:m.last_col + 1]),
                                           sum(layout.row_heights[r] for r in range(m.first_row, m.last_row + 1)))
              for m in layout.merges}
    for cell in layout.cells:  # every wrapped text has the lines it needs
        if isinstance(cell.value, str) and cell.value and cell.style != "title":
            width, height = merged.get((cell.row, cell.col),
                                       (layout.column_widths[cell.col], layout.row_heights[cell.row]))
            size = 9.0 if cell.style == "note" else 10.0
            assert height >= min(409, text_height(count_lines(cell.value, width, size), size) - 1e-6), cell
    assert layout.row_heights[header - 1] > 100  # the long 实际完成情况 row grew
    flagged = {c.row for c in layout.cells if c.style == "flag_number"}  # 得分 bold where a reason is due
    rows = {s.indicator.name: header + 1 + n for n, s in enumerate(scores[0].indicators)}
    assert flagged == {rows[s.indicator.name] for s in scores[0].indicators if s.needs_reason or s.result.missing}
    assert flagged and layout.styles["flag_number"].bold
    summary = build_summary_layout(scores, table)
    assert summary.value_at(3, 2) == "驻京工作保障" and summary.value_at(3, 5) == scores[0].grade


def _fill_entry_workbook(path: Path) -> None:
    """Fill actual values and budget execution into an entry workbook the way a unit does (openpyxl)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["填报"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, cols["项目名称"]).value:
            ws.cell(r, cols["全年预算数"], 100)
            ws.cell(r, cols["全年执行数"], 95)
            ws.cell(r, cols["实际完成情况"], "全年完成各项工作。")
        target = ws.cell(r, cols["年度指标值"]).value
        if target:
            ws.cell(r, cols["实际完成值"], "不适用" if r % 7 == 0 else str(target))
    wb.save(path)


def test_round_trip_entry_workbook_score_and_read_back(tmp_path, seed_table, capsys):
    entry = write_data(seed_table, tmp_path / "填报.xlsx")
    _fill_entry_workbook(entry)
    filled = read_table(entry)
    out = tmp_path / "自评表.xlsx"
    assert main(["score", str(entry), "-o", str(out)]) == 0
    assert "已生成自评表" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "自评汇总" and wb.sheetnames[-1] == "问题清单"
    form = wb.worksheets[1]
    assert form.page_setup.orientation == "portrait" and form.page_setup.paperSize == 9
    assert form.sheet_properties.pageSetUpPr.fitToPage and form.page_setup.fitToWidth in (None, 1)  # 1 is the default
    assert form.page_setup.fitToHeight == 0 and form.print_title_rows
    back = read_table(out)
    assert back.layout == "selfeval_form"
    expected = {s.project.name: s.total for s in score_table(filled)}
    assert expected and {s.project.name: s.total for s in score_table(back)} == expected
    assert {p.name: p.total_score for p in back.projects()} == expected
    for a, b in zip(filled.projects(), back.projects(), strict=True):
        assert [i.actual_value for i in a.indicators] == [i.actual_value for i in b.indicators]
        assert (a.budget_adjusted, a.budget_executed) == (b.budget_adjusted, b.budget_executed)
    assert not [i for i in check_table(back) if i.code == "PG-E06"]  # the written 得分 recompute


def test_score_refuses_a_target_table(tmp_path, seed_path, capsys):
    assert main(["score", str(seed_path), "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "没有读到任何实际完成值" in err and str(seed_path) in err and not (tmp_path / "x.xlsx").exists()


def test_convert_writes_the_selfeval_beside_the_report(tmp_path, seed_table, seed_path):
    data = write_data(fill_actuals(seed_table), tmp_path / "in" / "自评.json")
    assert main(["convert", str(data), str(seed_path), "-o", str(tmp_path / "out"), "--jobs", "1"]) in (0, 1)
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "自评_json.selfeval.xlsx" in written and "自评_json.report.xlsx" in written
    assert not any(n.startswith(seed_path.stem) and "selfeval" in n for n in written)  # a target table: none
    assert read_table(tmp_path / "out" / "自评_json.selfeval.xlsx").layout == "selfeval_form"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_rendered_pdf_one_page_per_project(tmp_path, seed_table):
    from pdfminer.high_level import extract_text

    table = fill_actuals(seed_table)
    out = tmp_path / "自评表.xlsx"
    from perfgoals_xl.report.selfeval import write_selfeval_workbook

    write_selfeval_workbook(table, score_table(table), out)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pages = extract_text(str(tmp_path / "自评表.pdf")).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == 1 + len(table.projects())  # the summary, then one page per project
    for page, project in zip(pages[1:], table.projects(), strict=True):
        assert "项目支出绩效自评表" in page and project.name[:10] in page and "自评等级" in page
        assert "###" not in page
    # the printed form reads back (ruled cells), its claimed scores recompute
    back = read_table(tmp_path / "自评表.pdf", layout="selfeval_pdf")
    expected = {s.project.name: s.total for s in score_table(table)}
    recomputed = {s.project.name: s.total for s in score_table(back)}
    # 分值 are printed with two decimals (16.67 for 50/3): totals agree to within 0.05
    assert recomputed == pytest.approx(expected, abs=0.05)
    assert {p.name: p.total_score for p in back.projects()} == expected
    assert [len(p.indicators) for p in back.projects()] == [len(p.indicators) for p in table.projects()]
    assert not [i for i in check_table(back) if i.code in ("PG-E06", "PG-E07")]
    # without --layout each stitched grid of the PDF is read by the layout the detector picks: the
    # 自评表's, with the same content (the cells are located on the stitched grids' pages)
    sniffed = read_table(tmp_path / "自评表.pdf")
    assert sniffed.layout == "selfeval_pdf" and _content(sniffed) == _content(back)


def _content(table) -> list:
    """Each project's fields and indicators as read, without where they were read."""
    import dataclasses

    def plain(obj):
        if dataclasses.is_dataclass(obj):
            return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                    if f.name not in ("location", "field_locations")}
        if isinstance(obj, list | tuple):
            return [plain(x) for x in obj]
        if isinstance(obj, dict):
            return {k: plain(v) for k, v in obj.items()}
        return obj

    return [plain(p) for p in table.projects()]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_a_long_form_over_two_pdf_pages_reads_as_one_project(tmp_path, seed_table):
    import copy

    from perfgoals_xl.report.selfeval import write_selfeval_workbook

    table = fill_actuals(seed_table)
    first = table.projects()[0]
    first.indicators = [copy.copy(i) for _ in range(5) for i in first.indicators]  # 45 rows: two pages
    for n, ind in enumerate(first.indicators, 1):
        ind.seq = n
    table.units[0].projects = [first]
    out = tmp_path / "long.xlsx"
    write_selfeval_workbook(table, score_table(table), out)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    back = read_table(tmp_path / "long.pdf", layout="selfeval_pdf")
    (project,) = back.projects()
    assert len(project.indicators) == 45 and [i.seq for i in project.indicators] == list(range(1, 46))
    assert score_table(back)[0].total == pytest.approx(score_table(table)[0].total, abs=0.05)


def test_selfeval_pdf_without_a_form_is_an_error(tmp_path):
    from perfgoals_xl.errors import InputError

    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(InputError, match="x.pdf"):
        read_table(path, layout="selfeval_pdf")


def test_sheet_names_are_unique_short_and_legal(seed_table):
    from perfgoals_xl.report.selfeval import sheet_names

    table = fill_actuals(seed_table)
    projects = table.units[0].projects
    projects[1].name = projects[0].name  # the same name twice
    projects[2].name = "项目/名称[含]:非法*字符?" + "很长" * 30
    names = sheet_names(score_table(table))
    assert len(set(n.lower() for n in names)) == len(names) and all(len(n) <= 31 for n in names)
    assert not any(set(n) & set("[]:*?/\\'") for n in names)
    assert names[0].startswith("1-") and names[1].startswith("2-")


#: A provincial 项目支出绩效自评表 as units hand it in (one project, 8 columns; None: merged away).
PROVINCIAL_FORM = [
    ["项目名称", None, "教师培训", None, None, None, None, None],
    ["主管部门", None, "某区教育局", None, "实施单位", None, "某区教师发展中心", None],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", None, "100", "100", "85", "10", "85%", "8.5"],
    ["年度总体目标", None, "预期目标", None, None, "实际完成情况", None, None],
    [None, None, "完成年度教师培训任务。", None, None, "完成培训 90 人次，资金执行 85%，余款结转。", None, None],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "培训人次", "≥100人次", "90人次", "30", "27", "两期培训顺延"],
    [None, "质量指标", "考核合格率", "≥95%", "98%", "20", "20", None],
    ["效益指标", "社会效益指标", "教学能力提升", "明显提升", "部分达成", "30", "30", None],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "10", "10", None],
    ["总分", None, None, None, None, "100", "95.5", "自评等级：优"],
]
_MERGES = [(0, 0, 0, 1), (0, 2, 0, 7), (1, 0, 1, 1), (1, 2, 1, 3), (1, 4, 1, 5), (1, 6, 1, 7), (2, 0, 2, 1),
           (3, 0, 3, 1), (4, 0, 5, 1), (4, 2, 4, 4), (4, 5, 4, 7), (5, 2, 5, 4), (5, 5, 5, 7), (7, 0, 8, 0),
           (11, 0, 11, 4)]


def _check_provincial(table):
    (project,) = table.projects()
    assert (project.name, project.department, project.implementer) == ("教师培训", "某区教育局", "某区教师发展中心")
    assert (project.budget_adjusted, project.budget_executed) == (100, 85)
    assert project.actual_summary.startswith("完成培训 90 人次")
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert [i.actual_value.raw for i in project.indicators] == ["90人次", "98%", "部分达成", "93%"]
    assert [i.score for i in project.indicators] == [27, 20, 30, 10]
    found = {(i.code, i.location.seq) for i in check_table(table) if i.code.startswith("PG-E")}
    # 部分达成 claimed at full marks: outside its band (E08), and no reason for it (E02)
    assert ("PG-E08", 3) in found and ("PG-E06", 1) not in found
    assert score_table(table)[0].total == pytest.approx(8.5 + 27 + 20 + 24 + 10)


def test_provincial_form_in_word(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    table = document.add_table(rows=len(PROVINCIAL_FORM), cols=8)
    for r, row in enumerate(PROVINCIAL_FORM):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = value
    for r1, c1, r2, c2 in _MERGES:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    path = tmp_path / "自评表.docx"
    document.save(path)
    _check_provincial(read_table(path))


def test_provincial_form_in_a_workbook_without_our_summary_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "教师培训"
    ws.append(["项目支出绩效自评表"])
    for row in PROVINCIAL_FORM:
        ws.append(row)
    for r1, c1, r2, c2 in _MERGES:
        ws.merge_cells(start_row=r1 + 2, start_column=c1 + 1, end_row=r2 + 2, end_column=c2 + 1)
    path = tmp_path / "自评表.xlsx"
    wb.save(path)
    _check_provincial(read_table(path))
