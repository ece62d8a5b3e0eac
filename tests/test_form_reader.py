"""The one-project form reader (申报表): each variant in .xlsx, .docx, .xls and .ods reads to the intended model."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from form_fixtures import Expected, docx_forms, form_88, form_provincial, form_scoring, xlsx_forms
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import PerfTable, Project
from perfgoals_xl.sources import READABLE_SUFFIXES, read_table, sniff
from perfgoals_xl.sources.form import split_department
from perfgoals_xl.sources.form_blocks import parse_amount

VARIANTS = {"88": form_88, "provincial": form_provincial, "scoring": form_scoring}
SOFFICE = shutil.which("soffice")


def _only_project(table: PerfTable) -> Project:
    projects = table.projects()
    assert len(projects) == 1
    return projects[0]


def assert_project(table: PerfTable, project: Project, exp: Expected) -> None:
    """Field by field: the project, its unit, its department and every indicator."""
    unit = next(u for u in table.units if project in u.projects)
    assert project.name == exp.name
    assert unit.name == exp.unit
    assert (project.department or table.department) == exp.department
    own = project.department is not None  # a project naming another department carries its own code
    assert (project.department_code if own else project.department_code or table.department_code) == exp.department_code
    assert project.implementer == exp.implementer
    assert project.code == exp.code
    assert project.category == exp.category
    assert project.term == exp.term
    assert project.period_goal == exp.period_goal
    assert project.goal == exp.goal
    for key, amount in exp.amounts.items():
        assert project.amounts.get(key) == amount, key
    assert project.extras == exp.extras
    for label, value in exp.footer.items():  # the table's footer (a differing one stays with its project)
        assert project.extras.get(label, table.footer.get(label)) == value, label
    assert len(project.indicators) == len(exp.indicators)
    for n, (ind, want) in enumerate(zip(project.indicators, exp.indicators, strict=True), start=1):
        level1, level2, name, period, annual, *rest = want
        assert ind.seq == n
        assert (ind.level1, ind.level2, ind.name) == (level1, level2, name)
        assert (ind.period_value.raw, ind.annual_value.raw) == (period, annual), name
        extras = rest[0] if rest and rest[0] else {}
        assert ind.extras == extras, name
        if len(rest) > 1:
            assert (ind.weight, ind.direction, ind.nature) == tuple(rest[1:4]), name
        assert ind.field_locations["name"].cell and ind.field_locations["name"].sheet


def _convert(path: Path, fmt: str, tmp: Path) -> Path:
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", fmt,
                    "--outdir", str(tmp / "out"), str(path)], check=True, capture_output=True, timeout=180)
    return tmp / "out" / (path.stem + "." + fmt.split(":")[0])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_xlsx_reads_to_its_model(tmp_path: Path, variant: str) -> None:
    cells, exp = VARIANTS[variant]()
    path = xlsx_forms(tmp_path / f"{variant}.xlsx", [[cells]])
    assert sniff(path) == "form"
    table = read_table(path)
    assert table.layout == "form"
    assert_project(table, _only_project(table), exp)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_docx_reads_to_its_model(tmp_path: Path, variant: str) -> None:
    cells, exp = VARIANTS[variant]()
    path = docx_forms(tmp_path / f"{variant}.docx", [cells])
    assert sniff(path) == "word"
    table = read_table(path)
    assert table.layout == "word"
    project = _only_project(table)
    assert_project(table, project, exp)
    assert project.field_locations["name"].sheet == "表格1"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: no .xls/.ods/.doc fixtures")
def test_xls_ods_and_doc_read_like_xlsx(tmp_path: Path) -> None:
    layouts = [form_88()[0], form_provincial()[0], form_scoring()[0]]
    expected = [form_88()[1], form_provincial()[1], form_scoring()[1]]
    xlsx = xlsx_forms(tmp_path / "forms.xlsx", [[layout] for layout in layouts])
    for fmt in ("xls", "ods"):
        converted = _convert(xlsx, fmt, tmp_path)
        assert sniff(converted) == "form", fmt
        table = read_table(converted)
        for project, exp in zip(table.projects(), expected, strict=True):
            assert_project(table, project, exp)
    doc = _convert(docx_forms(tmp_path / "forms.docx", layouts), "doc:MS Word 97", tmp_path)
    assert sniff(doc) == "word"
    table = read_table(doc)
    for project, exp in zip(table.projects(), expected, strict=True):
        assert_project(table, project, exp)


def test_legacy_word_without_libreoffice_says_save_as_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "表.doc"
    _write_ole_with_stream(doc, "WordDocument")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(InputError, match=r"另存为”?\.docx"):
        read_table(doc)


def _write_ole_with_stream(path: Path, stream: str) -> None:
    """A real OLE compound file holding one named stream (our own MS-CFB writer)."""
    from perfgoals_xl.vba.cfb import CfbStorage, build_compound_file

    path.write_bytes(build_compound_file(CfbStorage(streams={stream: b"\x00" * 4096})))


def test_stacked_forms_and_one_form_per_sheet_make_one_table(tmp_path: Path) -> None:
    (a, ea), (b, eb), (c, ec) = form_88(), form_provincial(), form_scoring()
    path = xlsx_forms(tmp_path / "forms.xlsx", [[a, b], [c]], names=["教育", "体育"])
    table = read_table(path)
    projects = table.projects()
    assert [p.name for p in projects] == [ea.name, eb.name, ec.name]
    for project, exp in zip(projects, (ea, eb, ec), strict=True):
        assert_project(table, project, exp)
    assert projects[1].field_locations["name"].sheet == "教育"
    assert projects[1].field_locations["name"].cell == "B22"  # the second form starts below the first
    assert projects[2].field_locations["name"].sheet == "体育"
    # a form has no 合计: units and the table sum their projects
    assert table.amounts.total == Decimal(100) + Decimal(250) + Decimal(150)
    assert table.department == "某区教育局" and table.department_code == "015001"
    assert projects[1].department == "某县交通运输局"  # kept on the project where it differs


def test_locations_name_the_cells(tmp_path: Path) -> None:
    cells, _ = form_88()
    table = read_table(xlsx_forms(tmp_path / "f.xlsx", [[cells]]))
    project = _only_project(table)
    locs = {k: v.cell for k, v in project.field_locations.items()}
    assert locs["name"] == "B3" and locs["category"] == "B5" and locs["term"] == "F5"
    assert locs["total"] == "F6" and locs["fiscal"] == "F7" and locs["other"] == "F8"
    assert locs["period_goal"] == "B10" and locs["goal"] == "E10"
    first = project.indicators[0].field_locations
    assert first["level1"].cell == "B13" and first["period_value"].cell == "E13" and first["annual_value"].cell == "H13"
    merged_level = project.indicators[1].field_locations["level1"]
    assert merged_level.cell == "B13"  # a merged level cell points at its origin


def test_extras_and_level_mapping_are_said_once(tmp_path: Path) -> None:
    cells, _ = form_88()
    table = read_table(xlsx_forms(tmp_path / "f.xlsx", [[cells]]))
    notes = [p for p in table.problems if p.code == "S11"]
    assert len(notes) == 2
    assert "中期资金总额" in notes[0].message and "填报人" not in notes[0].message  # a footer, not an extra
    assert table.footer == {"填报人": "张三"}
    assert "“成本指标”列在“产出指标”下" in notes[1].message and "14-成本指标" in notes[1].message


def test_side_by_side_halves_swap_when_the_row_above_says_so(tmp_path: Path) -> None:
    cells, _ = form_88()
    swapped = [(r, c, {"中期指标": "年度指标", "年度指标": "中期指标"}.get(v, v) if isinstance(v, str) else v, r2, c2)
               for r, c, v, r2, c2 in cells]
    project = _only_project(read_table(xlsx_forms(tmp_path / "f.xlsx", [[swapped]])))
    first = project.indicators[0]
    assert (first.period_value.raw, first.annual_value.raw) == ("≥2000平方米", "≥5000平方米")


def test_a_workbook_without_a_form_is_refused_by_the_form_reader(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["说明", "本表无项目"])
    path = tmp_path / "empty.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="未找到项目支出绩效目标申报表"):
        read_table(path, layout="form")


def test_longform_sheet_is_not_sniffed_as_a_form(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "项目编码", "一级指标", "二级指标", "三级指标", "年度指标值"])
    ws.append(["甲项目", "001", "产出指标", "数量指标", "培训人次", "200人次"])
    path = tmp_path / "long.xlsx"
    wb.save(path)
    assert sniff(path) == "longform"


def test_docx_is_picked_up_by_folder_expansion() -> None:
    assert ".docx" in READABLE_SUFFIXES


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["", "万", "万元", "元"]))
def test_parse_amount_reads_its_unit(number: Decimal, unit: str) -> None:
    text = f"{number}{unit}"
    expected = number / 10000 if unit == "元" else number
    assert parse_amount(text, "万元") == expected
    assert parse_amount(f"{number}", "元") == number / 10000


@given(st.text(max_size=60))
def test_parse_amount_never_raises_and_bounds_numbers(text: str) -> None:
    found = parse_amount(text, "万元")
    assert found is None or abs(found) < Decimal(10) ** 12


@given(st.from_regex(r"[0-9]{3,12}", fullmatch=True),
       st.from_regex(r"[\u4e00-\u9fa5]{2,12}", fullmatch=True),
       st.sampled_from(["[{c}]{n}", "【{c}】{n}", "{c}-{n}", "{c} {n}", "{n}（{c}）", "{n}({c})"]))
def test_split_department_finds_name_and_code(code: str, name: str, pattern: str) -> None:
    assert split_department(pattern.format(c=code, n=name)) == (name, code)


def test_a_percent_formatted_number_in_the_grid_reads_as_a_person_sees_it(tmp_path: Path) -> None:
    import openpyxl

    cells, _ = form_provincial()
    path = xlsx_forms(tmp_path / "f.xlsx", [[cells]])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["E9"] = 0.9  # 路面完好率, typed as a number with a percent format
    ws["E9"].number_format = "0%"
    wb.save(path)
    project = _only_project(read_table(path))
    assert project.indicators[1].annual_value.raw == "90%"
