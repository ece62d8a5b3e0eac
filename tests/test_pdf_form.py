"""申报表 forms printed to PDF read through the form reader, equal to the workbook they came from."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal, InvalidOperation
from pathlib import Path

import openpyxl
import pytest
from form_fixtures import as_grouped, docx_forms, form_88, form_provincial, form_scoring
from test_pdf_reader import generated_table

from perfgoals_xl.cli import main
from perfgoals_xl.model import Indicator
from perfgoals_xl.report.forms import write_forms
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers.pdf_cells import table_grid


def _to_pdf(paths: list[Path], out: Path) -> list[Path]:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixtures cannot be printed")
    profile = f"-env:UserInstallation=file://{out / 'lo_profile'}"
    subprocess.run([soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(out)]
                   + [str(p) for p in paths], check=True, capture_output=True, timeout=180)
    pdfs = [out / f"{p.stem}.pdf" for p in paths]
    assert all(p.exists() for p in pdfs)
    return pdfs


@pytest.fixture(scope="module")
def printed(tmp_path_factory, seed_path: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("formpdf")
    seed_forms = out / "seed_forms.xlsx"
    assert main(["report", str(seed_path), "-o", str(seed_forms), "--form"]) == 0
    source = docx_forms(out / "variants.docx", [form_88()[0], form_provincial()[0], form_scoring()[0]])
    variants = write_forms(read_table(source), out / "variants.xlsx")
    bundle = out / "bundle.xlsx"
    wb = openpyxl.load_workbook(seed_forms)
    other = wb.create_sheet("收支总表", 0)
    other.append(["部门收支总表"])
    other.append(["项目", "金额"])
    other.append(["一般公共预算拨款收入", "100"])
    for row in other.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.border = openpyxl.styles.Border(*(openpyxl.styles.Side("thin"),) * 4)
    wb.save(bundle)
    giant = write_forms(generated_table(4, seed=7, giant=1), out / "giant.xlsx")  # 60 indicators: 4 pages
    pdfs = _to_pdf([seed_forms, variants, bundle, giant], out)
    return {"giant": giant, "giant_pdf": pdfs[3], "seed_forms": seed_forms, "variants": variants, "seed_pdf": pdfs[0], "variants_pdf": pdfs[1],
            "bundle_pdf": pdfs[2]}


def test_seed_forms_printed_to_pdf_read_back_equal_to_the_seed(printed, seed_table) -> None:
    back = read_table(printed["seed_pdf"])
    assert back.layout == "pdf_form"
    assert back == as_grouped(seed_table)
    assert back == read_table(printed["seed_forms"])


def test_fixture_variants_read_like_the_workbook_field_by_field(printed) -> None:
    book = read_table(printed["variants"])
    back = read_table(printed["variants_pdf"])
    for a, b in zip(book.projects(), back.projects(), strict=True):
        assert (a.name, a.code, a.category, a.term, a.goal, a.period_goal) == \
               (b.name, b.code, b.category, b.term, b.goal, b.period_goal)
        assert a.amounts == b.amounts
        assert _numbers_as_decimals(a.extras) == _numbers_as_decimals(b.extras)
        assert [_flat(i) for i in a.indicators] == [_flat(i) for i in b.indicators]
        assert a.field_locations.keys() == b.field_locations.keys()
    assert back.amounts == book.amounts and back.department == book.department


def _flat(ind: Indicator) -> tuple:
    """An indicator's fields, line breaks removed. Justified difference: a line break typed in a
    cell (社会效益\\n指标) prints like a wrapped line, and the PDF reader joins wrapped lines."""
    def flat(text: str | None) -> str | None:
        return text.replace("\n", "") if text is not None else None

    return (ind.seq, ind.level1_code, flat(ind.level1), ind.level2_code, flat(ind.level2), flat(ind.name),
            flat(ind.period_value.raw), flat(ind.annual_value.raw), ind.weight, ind.direction, ind.nature,
            ind.extras)


def _numbers_as_decimals(extras: dict[str, str]) -> dict[str, object]:
    """Justified difference: a mid-term amount kept as an extra is the text a person sees — the
    workbook's number 300 is printed with its 0.00 format, so the PDF says '300.00'."""
    out: dict[str, object] = {}
    for key, value in extras.items():
        try:
            out[key] = Decimal(value)
        except InvalidOperation:
            out[key] = value
    return out


def test_locations_name_the_page_row_and_column(printed) -> None:
    back = read_table(printed["seed_pdf"])
    projects = back.projects()
    assert projects[1].location.sheet == "第2页"
    assert projects[0].location.cell == "第1行·第2列"
    ind = projects[0].indicators[0]
    assert ind.location.sheet == "第1页" and ind.location.cell.startswith("第13行·")


def test_bundled_pages_of_other_tables_are_skipped(printed, seed_table) -> None:
    back = read_table(printed["bundle_pdf"])
    assert back.layout == "pdf_form"
    assert back == as_grouped(seed_table)
    assert any(p.code == "S11" and "第1页" in p.message for p in back.problems)


def test_forced_layout_reads_the_forms(printed) -> None:
    assert read_table(printed["seed_pdf"], layout="pdf_form").layout == "pdf_form"


def test_a_form_spanning_pages_reads_whole(printed) -> None:
    book = read_table(printed["giant"])
    back = read_table(printed["giant_pdf"])
    assert back == book
    assert [len(p.indicators) for p in back.projects()] == [8, 60, 5, 2]
    pages = {i.location.sheet for i in back.projects()[1].indicators}
    assert len(pages) > 1


class _FakeRow:
    def __init__(self, cells: list) -> None:
        self.cells = cells


class _FakeTable:
    """Two rows, three columns: 项目名称 | a name spanning two columns; a cell spanning two rows."""

    cells = [(0, 0, 10, 10), (10, 0, 30, 10), (0, 10, 10, 30), (10, 10, 20, 20), (20, 10, 30, 20),
             (10, 20, 20, 30), (20, 20, 30, 30)]
    rows = [_FakeRow([cells[0], cells[1], None]), _FakeRow([cells[2], cells[3], cells[4]]),
            _FakeRow([None, cells[5], cells[6]])]

    def extract(self) -> list[list[str | None]]:
        return [["项目名称", "某\n项目", None], ["绩效\n指标", "一级指标", "二级指标"], [None, "产出", "数量"]]


def test_cell_spans_become_merged_ranges() -> None:
    rows, merged = table_grid(_FakeTable())
    assert rows == [["项目名称", "某项目", ""], ["绩效指标", "一级指标", "二级指标"], ["", "产出", "数量"]]
    assert sorted(merged) == [(0, 1, 0, 2), (1, 0, 2, 0)]


@pytest.mark.parametrize("name", ["giant_pdf", "seed_pdf", "variants_pdf"])
def test_the_container_grids_read_like_the_form_pages(printed, name) -> None:
    """containers/pdf.py → detector → form reads the forms as pdf_form does: a form over several pages
    (its title printed on each page as a running header, `项目支出绩效目标申报表：<项目名称>`) is one
    grid, its indicator table continued rather than read as a table of its own."""
    from perfgoals_xl.sources.containers.pdf import load_grids
    from perfgoals_xl.sources.containers.pdf_pages import open_pdf
    from perfgoals_xl.sources.pdf_form import read_form_pages
    from perfgoals_xl.sources.readers import read_detected

    grids = load_grids(printed[name])
    detected = read_detected(grids, source=str(printed[name]))
    with open_pdf(printed[name]) as pdf:  # the PDF page reader (the fallback), as the reference
        table = read_form_pages(pdf.pages(), str(printed[name]))
    assert detected is not None and detected.layout == "form" and table is not None
    assert detected.units == table.units  # projects, amounts, goals, indicators and their cells
    assert [(p.code, p.message) for p in detected.problems] == [(p.code, p.message) for p in table.problems]
    if name == "giant_pdf":
        assert [g.sheet for g in grids] == ["第1页", "第2–6页", "第7–8页"]
