"""PDF pages as grids (sources/containers/pdf.py) read by the detector when neither the published
table nor a form starting on the first page is there: a 申报表 after a ruled table of another kind."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from form_fixtures import docx_forms, form_88

from perfgoals_xl.report.forms import write_forms
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers import pdf as pdf_container


def _to_pdf(path: Path, out: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixture cannot be printed")
    profile = f"-env:UserInstallation=file://{out / 'lo_profile'}"
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.pdf"


def test_a_form_after_a_ruled_table_of_another_kind(tmp_path: Path) -> None:
    source = read_table(docx_forms(tmp_path / "form.docx", [form_88()[0]]))
    book = write_forms(source, tmp_path / "forms.xlsx")
    wb = openpyxl.load_workbook(book)
    cover = wb.create_sheet("联系表", 0)  # a small ruled table without a title, before the form
    side = openpyxl.styles.Side("thin")
    for row in (["填报单位", "某区第一中学"], ["联系人", "张三"], ["联系电话", "12345678"]):
        cover.append(row)
    for row in cover.iter_rows(min_row=1, max_row=3, max_col=2):
        for cell in row:
            cell.border = openpyxl.styles.Border(left=side, right=side, top=side, bottom=side)
    wb.save(book)
    pdf = _to_pdf(book, tmp_path)
    grids = pdf_container.load_grids(pdf)
    assert [g.sheet for g in grids][:2] == ["第1页", "第2页"]
    table = read_table(pdf)
    assert table.layout == "pdf_form"
    (project,) = table.projects()
    (want,) = source.projects()
    assert (project.name, project.goal, project.amounts) == (want.name, want.goal, want.amounts)
    assert [i.name for i in project.indicators] == [i.name for i in want.indicators]
    assert project.field_locations["name"].sheet == "第2页"
    skipped = [p.message for p in table.problems if p.code == "S11" and "已跳过" in p.message]
    assert skipped == ["第1页不是项目支出绩效目标表（没有项目名称、指标等表头），已跳过"]


def test_a_cover_page_of_text_before_the_table_is_named_as_skipped(tmp_path: Path) -> None:
    """A page with text and no ruled table (a cover) gives no grid: the detector reads the table on
    the next page, and the one 读取提示 of pages not read names the cover's page too."""
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "封面"
    for line in ("某某局2024年部门预算公开", "某某局编制", "二〇二四年二月"):
        cover.append([line])
    ws = wb.create_sheet("绩效目标")
    ws.append(["某某局2024年项目支出绩效目标表"])
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"],
            ["业务培训", "产出指标", "数量指标", "培训人次", "≥500人次"],
            ["业务培训", "效益指标", "社会效益指标", "考核通过率", "≥90%"]]
    side = openpyxl.styles.Side("thin")
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            ws.cell(r, c, value).border = openpyxl.styles.Border(left=side, right=side, top=side, bottom=side)
    ws.column_dimensions["C"].width = ws.column_dimensions["D"].width = 16
    path = tmp_path / "cover.xlsx"
    wb.save(path)
    pdf = _to_pdf(path, tmp_path)
    assert [g.sheet for g in pdf_container.load_grids(pdf)] == ["第2页"]  # the cover has no grid
    table = read_table(pdf)
    assert table.layout == "pdf"
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [("业务培训", ["培训人次", "考核通过率"])]
    assert table.department == "某某局"
    skipped = [p.message for p in table.problems if p.code == "S11" and "已跳过" in p.message]
    assert skipped == ["第1页不是项目支出绩效目标表（没有项目名称、指标等表头），已跳过"]
