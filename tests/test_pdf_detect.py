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
