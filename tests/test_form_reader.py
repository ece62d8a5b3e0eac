"""The one-project form reader (申报表): each variant in .xlsx, .docx, .xls and .ods reads to the intended model."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from form_fixtures import (
    Cell,
    Expected,
    c,
    docx_forms,
    form_88,
    form_provincial,
    form_scoring,
    xlsx_forms,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl import check_table
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
       st.sampled_from(["", "万", "万元", "元", "亿元", "千元"]), st.sampled_from(["", "￥", "¥"]))
def test_parse_amount_reads_its_unit(number: Decimal, unit: str, sign: str) -> None:
    """Its own unit, else the column's; a currency sign (a spreadsheet's 货币 format) is only a display."""
    text = f"{sign}{number}{unit}"
    expected = {"元": number / 10000, "千元": number / 10, "亿元": number * 10000}.get(unit, number)
    if expected >= Decimal(10) ** 12:
        expected = None  # (bounded: no project's amount, in 万元)
    assert parse_amount(text, "万元") == expected
    assert parse_amount(f"{sign}{number}", "元") == number / 10000


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


# ── Held-out round 4 (issue #18/#19): classes of one-project forms read wrong ──────────────────────

@pytest.mark.parametrize(("label", "field"), [
    ("主管部门及其编码", "department"), ("主管部门及其代码", "department"), ("其中: 财政拨款数", "fiscal"),
    ("其他资金数", "other"), ("本年度预计投入(万元)", "total"), ("年度计划投资", "total"),
    ("一、预算资金", "fiscal"), ("三、其他", "other"), ("二、自有资金", None), ("1、一般公共预算", None),
    ("一、基本情况", None), ("专项属性", "category"), ("专项起止时间", "term"),
])
def test_amount_and_department_label_spellings(label: str, field: str | None) -> None:
    """Labels as provinces print them: 主管部门及其编码, an amount with a trailing 数, the year's money
    as 本年度预计投入, parts of a total numbered 一、二、三、 (一、预算资金 is the 财政拨款 part)."""
    from perfgoals_xl.sources.vocabulary import form_label_of

    assert form_label_of(label)[0] == field


def _special_fund_form() -> list:
    """A 专项 form: funds as a row of labels (本年度预计投入 | 财政资金 over 中央 | 省级 | 市级 | 本级 |
    其他) over a row of amounts, goals each printed over two rows beside a label merged down, and an
    indicator grid headed 三级指标内容 | 指标值及单位 beside a tall 年度绩效指标 label."""
    return [c(0, 0, "专项基本情况", r2=2), c(0, 1, "专项名称"), c(0, 2, "农村公路养护补助", c2=9),
            c(1, 1, "主管部门"), c(1, 2, "某县交通运输局", c2=4), c(1, 5, "专项起止时间", c2=6), c(1, 7, "2024年", c2=9),
            c(2, 1, "专项概况"), c(2, 2, "补助村道日常养护。", c2=9),
            c(3, 0, "专项资金情况", r2=5), c(3, 1, "本年度预计投入(万元)", r2=4, c2=2), c(3, 3, "财政资金(万元)", c2=6),
            c(3, 7, "其他", r2=4, c2=9),
            c(4, 3, "中央"), c(4, 4, "省级"), c(4, 5, "市级"), c(4, 6, "本级"),
            c(5, 1, 50, c2=2), c(5, 3, 10), c(5, 4, 20), c(5, 5, 0), c(5, 6, 15), c(5, 7, 5, c2=9),
            c(6, 0, "中长期绩效目标", r2=7, c2=1), c(6, 2, "1.三年内村道优良率达到80%;", c2=9),
            c(7, 2, "2.养护体制健全。", c2=9),
            c(8, 0, "本年度绩效目标", r2=9, c2=1), c(8, 2, "1.养护村道120公里;", c2=9),
            c(9, 2, "2.补助标准为每公里4000元。", c2=9),
            c(10, 0, "专项年度绩效指标", r2=12, c2=1), c(10, 2, "一级指标"), c(10, 3, "二级指标"),
            c(10, 4, "三级指标内容", c2=6), c(10, 7, "指标值及单位", c2=9),
            c(11, 2, "产出指标", r2=12), c(11, 3, "数量指标"), c(11, 4, "养护里程", c2=6), c(11, 7, ">=120公里", c2=9),
            c(12, 3, "时效指标"), c(12, 4, "补助发放及时率", c2=6), c(12, 7, ">=100%", c2=9)]


@pytest.mark.parametrize("container", ["xlsx", "docx"])
def test_special_fund_form_with_amounts_under_sub_labels(tmp_path: Path, container: str) -> None:
    """Each amount label takes the amount under its columns (the sub-labels row between); the parts
    under 财政资金 add up to it and are kept as extras; a goal over two rows is both lines; the grid
    with 三级指标内容 is read."""
    cells = _special_fund_form()
    path = (xlsx_forms(tmp_path / "z.xlsx", [[cells]]) if container == "xlsx"
            else docx_forms(tmp_path / "z.docx", [cells]))
    table = read_table(path)
    project = _only_project(table)
    assert project.name == "农村公路养护补助"
    assert table.department == "某县交通运输局"
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (
        Decimal(50), Decimal(45), Decimal(5))
    assert project.extras["财政资金（省级）"] == "20"
    assert project.goal == "1.养护村道120公里;\n2.补助标准为每公里4000元。"
    assert project.period_goal == "1.三年内村道优良率达到80%;\n2.养护体制健全。"
    got = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators]
    assert got == [("产出指标", "数量指标", "养护里程", ">=120公里"), ("产出指标", "时效指标", "补助发放及时率", ">=100%")]
    assert not [i for i in check_table(table) if i.code == "PG-A01"]


def test_amounts_on_the_label_row_are_not_looked_for_below(tmp_path: Path) -> None:
    """项目总预算 | 65 | 财政资金预算分类 | 一般公共预算 with a 科目代码 21305 further down: the amounts
    stand beside their labels, no code below a label is its amount."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "加工园配套设施", c2=4),
             c(1, 0, "项目总预算"), c(1, 1, "65"), c(1, 2, "财政资金预算分类"), c(1, 3, "一般公共预算", r2=2, c2=4),
             c(2, 0, "当年年度预算"), c(2, 1, "65"), c(2, 2, None),
             c(3, 0, "其中:财政资金"), c(3, 1, "65"), c(3, 2, "财政资金科目代码"), c(3, 3, "21305", c2=4),
             c(4, 0, "其中:其它资金"), c(4, 1, "0"),
             c(5, 0, "年度目标"), c(5, 1, "新建晾晒房一座。", c2=4),
             c(6, 0, "一级指标"), c(6, 1, "二级指标"), c(6, 2, "三级指标"), c(6, 3, "指标值", c2=4),
             c(7, 0, "产出指标"), c(7, 1, "数量指标"), c(7, 2, "晾晒房", c2=2), c(7, 3, "1座", c2=4)]
    project = _only_project(read_table(xlsx_forms(tmp_path / "j.xlsx", [[cells]])))
    assert project.amounts.fiscal == Decimal(65)


def _multiline_amounts_docx(path: Path) -> Path:
    """A Word form whose 项目资金申请 cell holds 资金总额: … / 一、预算资金: … / 二、自有资金: … / 三、其他: …
    as lines of one paragraph (w:br line breaks, as Word writes Shift+Enter)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=5, cols=4)
    rows = [("项目名称", "道路降尘服务", "项目实施单位", "某市环卫处"),
            ("主管部门及其编码", "某市城管局 308001", "联系电话", "0731-1234567"),
            ("项目资金申请\n(万元)", "资金总额: 250\n一、预算资金:200\n二、自有资金:30\n三、其他:20", None, None),
            ("年度目标", "降尘服务180天。", None, None),
            ("一级指标", "二级指标", "三级指标", "指标值")]
    for r, values in enumerate(rows):
        for col, value in enumerate(values):
            if value is None:
                continue
            run = table.cell(r, col).paragraphs[0].add_run()
            for n, line in enumerate(value.split("\n")):
                if n:
                    run.add_break()
                run.add_text(line)
    table.cell(2, 1).merge(table.cell(2, 3))
    table.cell(3, 1).merge(table.cell(3, 3))
    extra = table.add_row().cells
    for cell, text in zip(extra, ("产出指标", "数量指标", "服务车辆", "10台"), strict=True):
        cell.text = text
    document.save(path)
    return path


def _multiline_amounts_html(path: Path) -> Path:
    rows = ("<tr><td>项目名称</td><td>道路降尘服务</td><td>项目实施单位</td><td>某市环卫处</td></tr>"
            "<tr><td>主管部门及其编码</td><td>某市城管局 308001</td><td>联系电话</td><td>0731-1234567</td></tr>"
            "<tr><td>项目资金申请<br>(万元)</td><td colspan='3'>资金总额: 250<br>一、预算资金:200<br>"
            "二、自有资金:30<br>三、其他:20</td></tr>"
            "<tr><td>年度目标</td><td colspan='3'>降尘服务180天。</td></tr>"
            "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>服务车辆</td><td>10台</td></tr>")
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>绩效目标表</title></head><body>"
                    f"<table border='1'>{rows}</table></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("container", ["docx", "html"])
def test_amount_lines_in_one_cell(tmp_path: Path, container: str) -> None:
    """资金总额: 250 / 一、预算资金:200 / 二、自有资金:30 / 三、其他:20 in one cell: each line its field
    (自有资金 kept as an extra); 主管部门及其编码 names the department; a Word cell's w:br line
    breaks are lines as a web page's <br> are."""
    path = (_multiline_amounts_docx(tmp_path / "m.docx") if container == "docx"
            else _multiline_amounts_html(tmp_path / "m.html"))
    table = read_table(path)
    project = _only_project(table)
    assert (table.department, table.department_code) == ("某市城管局", "308001")
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (
        Decimal(250), Decimal(200), Decimal(20))
    assert project.extras["二、自有资金"] == "30"


def test_a_unit_cell_repeating_a_number_is_joined_as_printed(tmp_path: Path) -> None:
    """目标值 | 计量单位 printing the same number (a date serial 44,561 in both): the split columns are
    joined as printed, not read as a value that already carries its unit (100 | % still reads 100%)."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "再生资源回收管理", c2=6), c(1, 0, "年度目标"), c(1, 1, "规范回收网点。", c2=6),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标方向"), c(2, 4, "目标值"),
             c(2, 5, "计量单位"), c(2, 6, "分值"),
             c(3, 0, "产出指标"), c(3, 1, "时效指标"), c(3, 2, "资金到位时间"), c(3, 3, "="), c(3, 4, "44,561"),
             c(3, 5, "44,561"), c(3, 6, 10),
             c(4, 0, "产出指标"), c(4, 1, "质量指标"), c(4, 2, "任务完成率"), c(4, 3, "="), c(4, 4, "100%"),
             c(4, 5, "%"), c(4, 6, 10)]
    project = _only_project(read_table(xlsx_forms(tmp_path / "u.xlsx", [[cells]])))
    assert [i.annual_value.raw for i in project.indicators] == ["44,56144,561", "100%"]


def test_a_blank_inline_label_followed_by_a_sign_off(tmp_path: Path) -> None:
    """填报单位(盖章): 单位负责人:张三 over a form: the 填报单位 is left blank (no unit named 单位负责人:张三),
    the sign-off is the footer."""
    cells, exp = form_provincial()
    cells = [c(0, 0, "填报单位(盖章): 单位负责人:张三", c2=4)] + [(r + 1, col, v, r2 + 1, c2) for r, col, v, r2, c2 in cells]
    table = read_table(xlsx_forms(tmp_path / "b.xlsx", [[cells]]))
    assert [u.name for u in table.units] == [exp.unit]
    assert table.footer["单位负责人"] == "张三"


def test_a_subtotal_under_an_amount_label_is_its_amount(tmp_path: Path) -> None:
    """财政资金 over 小计 | 中央 | 省级 over 45 | 25 | 20: the 小计 is the 财政资金 (the parts are not added
    to it a second time), the parts kept as extras."""
    cells = _special_fund_form()
    cells = [cell for cell in cells if cell[0] not in {4, 5}]
    cells += [c(4, 3, "小计"), c(4, 4, "中央"), c(4, 5, "省级"), c(4, 6, "本级"),
              c(5, 1, 50, c2=2), c(5, 3, 45), c(5, 4, 25), c(5, 5, 20), c(5, 6, 0), c(5, 7, 5, c2=9)]
    project = _only_project(read_table(xlsx_forms(tmp_path / "s.xlsx", [[cells]])))
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (
        Decimal(50), Decimal(45), Decimal(5))
    assert project.extras["财政资金（中央）"] == "25"


def test_a_small_table_inside_the_block_is_kept_by_its_columns(tmp_path: Path) -> None:
    """项目实施进度计划 merged down beside 项目实施内容 | 开始时间 | 完成时间 over two rows of values: each
    column is one extra (its values one per line), not header cells paired with each other."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "道路降尘服务", c2=4),
             c(1, 0, "项目实施进度计划", r2=3), c(1, 1, "项目实施内容", c2=2), c(1, 3, "开始时间"), c(1, 4, "完成时间"),
             c(2, 1, "招标采购", c2=2), c(2, 3, "2024.6"), c(2, 4, "2024.7"),
             c(3, 1, "降尘作业", c2=2), c(3, 3, "2024.7"), c(3, 4, "2025.1"),
             c(4, 0, "年度目标"), c(4, 1, "降尘服务180天。", c2=4),
             c(5, 0, "一级指标"), c(5, 1, "二级指标"), c(5, 2, "三级指标", c2=3), c(5, 4, "指标值"),
             c(6, 0, "产出指标"), c(6, 1, "数量指标"), c(6, 2, "服务车辆", c2=3), c(6, 4, "10台")]
    project = _only_project(read_table(xlsx_forms(tmp_path / "p.xlsx", [[cells]])))
    assert project.extras == {"项目实施进度计划（项目实施内容）": "招标采购\n降尘作业",
                              "项目实施进度计划（开始时间）": "2024.6\n2024.7",
                              "项目实施进度计划（完成时间）": "2024.7\n2025.1"}
    assert project.goal == "降尘服务180天。"


@given(st.from_regex(r"[0-9]{5,12}", fullmatch=True), st.from_regex(r"[\u4e00-\u9fa5]{2,12}", fullmatch=True))
def test_split_department_finds_a_code_after_a_space(code: str, name: str) -> None:
    """某市城管局 308001 (a budget system's export): the code after the name and a space; a year after a
    name (某局 2024) is no code."""
    assert split_department(f"{name} {code}") == (name, code)
    assert split_department(f"{name} 2024") == (f"{name} 2024", None)


def _saved_as_csv(cells: list[Cell], path: Path, width: int | None = None) -> Path:
    """The cells as Excel saves a sheet as CSV: every merged range's text in its first cell, the rest blank
    (``width`` columns, or as many as the cells reach)."""
    import csv

    width = width if width is not None else max(cell[4] for cell in cells) + 1
    grid = [[""] * width for _ in range(max(cell[3] for cell in cells) + 1)]
    for r, col, value, _, _ in cells:
        grid[r][col] = "" if value is None else str(value)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(grid)
    return path


def test_special_fund_form_saved_as_csv(tmp_path: Path) -> None:
    """The 专项 form saved as CSV (every merge lost, each text in its range's first cell): an amount
    label spans the blank cells right of it, so 财政资金 still adds up its four parts; a goal's second
    line, blank left of it and under its first line, is still the goal's."""
    project = _only_project(read_table(_saved_as_csv(_special_fund_form(), tmp_path / "z.csv", width=10)))
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (
        Decimal(50), Decimal(45), Decimal(5))
    assert project.goal == "1.养护村道120公里;\n2.补助标准为每公里4000元。"
    assert project.period_goal == "1.三年内村道优良率达到80%;\n2.养护体制健全。"


# ── A grid printing no level columns (指标 | 指标权重 | 计量单位 | 指标性质 | 指标值) ─────────────────────

#: (name, weight, unit, sign or 定性, value) of a level-less grid, and the value each reads as.
_LEVELLESS_ROWS = [("养护里程", 30, "公里", "≥", "40"), ("路面完好率", 20, "%", "≥", "90"),
                   ("巡查次数", 10, "次", "=", "12"), ("群众出行条件改善", 20, None, "定性", None),
                   ("群众满意度", 10, "%", "≥", "95")]
_LEVELLESS_VALUES = ["≥40公里", "≥90%", "12次", "", "≥95%"]
#: Column orders as budget systems print them: the unit before the sign and the value, the value first …
_LEVELLESS_ORDERS = {
    "unit-first": (("name", "指标"), ("weight", "指标权重"), ("unit", "计量单位"), ("sign", "指标性质"),
                   ("value", "指标值")),
    "value-first": (("name", "指标名称"), ("value", "指标值"), ("unit", "计量单位"), ("sign", "符号"),
                    ("weight", "分值")),
    "sign-last": (("name", "绩效指标内容"), ("unit", "计量单位"), ("value", "指标值"), ("weight", "权重"),
                  ("sign", "指标性质")),
}


def _levelless_form(order: str, *, unit: str = "602-某县某镇人民政府", name: str = "农村公路养护",
                    tall_label: bool = True) -> list:
    """A one-project form whose indicator grid prints only the indicator (no 一级/二级 columns), its
    unit line as 编制单位： | <unit> | 单位：万元."""
    cols = _LEVELLESS_ORDERS[order]
    first = 1 if tall_label else 0
    last = first + len(cols) - 1
    n = len(_LEVELLESS_ROWS)
    cells = [c(0, 0, "项目支出绩效目标表", c2=last),
             c(1, 0, "编制单位："), c(1, 1, unit, c2=last - 1), c(1, last, "单位：万元"),
             c(2, 0, "项目名称"), c(2, 1, name, c2=last),
             c(3, 0, "主管部门"), c(3, 1, "602-某县某镇人民政府", c2=last),
             c(4, 0, "年度预算"), c(4, 1, 36.5, c2=last),
             c(5, 0, "年度绩效目标"), c(5, 1, "养护农村公路40公里，路况良好，群众出行方便。", c2=last)]
    if tall_label:
        cells.append(c(6, 0, "绩效指标", r2=6 + n))
    for k, (_, head) in enumerate(cols):
        cells.append(c(6, first + k, head))
    for i, (ind_name, weight, unit_text, sign, value) in enumerate(_LEVELLESS_ROWS, start=7):
        parts = {"name": ind_name, "weight": weight, "unit": unit_text, "sign": sign, "value": value}
        cells += [c(i, first + k, parts[key]) for k, (key, _) in enumerate(cols) if parts[key] is not None]
    return cells


def _html_forms(path: Path, layouts: list[list]) -> Path:
    """A saved web page: each layout as one <table> (merges as rowspan / colspan)."""
    tables = []
    for cells in layouts:
        height, width = max(cell[3] for cell in cells) + 1, max(cell[4] for cell in cells) + 1
        starts = {(cell[0], cell[1]): cell for cell in cells}
        covered = {(rr, cc) for r, col, _, r2, c2 in cells for rr in range(r, r2 + 1) for cc in range(col, c2 + 1)}
        rows: list[str] = []
        for r in range(height):
            tds = []
            for col in range(width):
                if (r, col) in starts:
                    _, _, value, r2, c2 = starts[(r, col)]
                    span = (f" rowspan='{r2 - r + 1}'" if r2 > r else "") + (f" colspan='{c2 - col + 1}'" if c2 > col else "")
                    tds.append(f"<td{span}>{'' if value is None else value}</td>")
                elif (r, col) not in covered:
                    tds.append("<td></td>")  # a blank cell, printed as one
            rows.append(f"<tr>{''.join(tds)}</tr>")
        tables.append("<table border='1'>" + "".join(rows) + "</table>")
    path.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>绩效目标表</title></head><body>"
                    + "".join(tables) + "</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("container", ["xlsx", "html"])
@pytest.mark.parametrize("order", list(_LEVELLESS_ORDERS))
def test_a_grid_without_level_columns_is_read_by_its_names(tmp_path: Path, container: str, order: str) -> None:
    """指标 | 指标权重 | 计量单位 | 指标性质 | 指标值 with no 一级/二级 column: every row is an indicator, its
    levels left blank (never invented); the split value joins sign + value + unit whatever the
    columns' order (≥ | 40 | 公里 → ≥40公里), 定性 in the sign column is the nature; 编制单位 is the unit."""
    cells = _levelless_form(order, tall_label=order != "sign-last")
    path = (xlsx_forms(tmp_path / "l.xlsx", [[cells]]) if container == "xlsx"
            else _html_forms(tmp_path / "l.html", [cells]))
    table = read_table(path)
    project = _only_project(table)
    assert [i.name for i in project.indicators] == [row[0] for row in _LEVELLESS_ROWS]
    assert [i.weight for i in project.indicators] == [30, 20, 10, 20, 10]
    assert [i.annual_value.raw for i in project.indicators] == _LEVELLESS_VALUES
    assert [(i.level1, i.level1_code, i.level2, i.level2_code) for i in project.indicators] == [("", None, "", None)] * 5
    assert project.indicators[3].nature == "定性"
    assert project.indicators[2].annual_value.number == 12
    assert [u.name for u in table.units] == ["602-某县某镇人民政府"]
    assert (table.department, table.department_code) == ("某县某镇人民政府", "602")
    assert project.amounts.total == Decimal("36.5")
    assert not [p for p in table.problems if p.code in {"S03", "S04"}]  # the levels are unknown, not missing
    issues = check_table(table)
    said = {(i.code, i.severity) for i in issues}
    assert ("PG-C02", "warning") in said  # one warning: the table prints no levels
    assert not {code for code, severity in said if severity == "error"} - {"PG-S05"}  # S05: the 定性 row's blank value
    assert not {"PG-C03", "PG-C04", "PG-C05", "PG-S03", "PG-S04"} & {code for code, _ in said}


@pytest.mark.parametrize("gap", [True, False])
def test_stacked_level_less_forms_each_keep_their_unit_line(tmp_path: Path, gap: bool) -> None:
    """Two such forms stacked on one sheet (a blank row between, or none), each under its title and
    编制单位： line: each project is its own unit's — the unit line under the second title starts the
    second form, it is no field of the first."""
    first = _levelless_form("unit-first", unit="601-甲镇人民政府", name="甲项目")
    second = _levelless_form("unit-first", unit="602-乙镇人民政府", name="乙项目")
    if gap:
        table = read_table(xlsx_forms(tmp_path / "s.xlsx", [[first, second]]))
    else:
        height = max(cell[3] for cell in first) + 1
        moved = [(r + height, col, value, r2 + height, c2) for r, col, value, r2, c2 in second]
        table = read_table(xlsx_forms(tmp_path / "s.xlsx", [[first + moved]]))
    assert [(u.name, [p.name for p in u.projects]) for u in table.units] == [
        ("601-甲镇人民政府", ["甲项目"]), ("602-乙镇人民政府", ["乙项目"])]
    assert [len(p.indicators) for p in table.projects()] == [5, 5]
    assert not any("编制单位" in p.extras for p in table.projects())


def test_a_row_naming_a_project_column_is_no_level_less_grid(tmp_path: Path) -> None:
    """项目名称 | 指标名称 | 指标值 | 分值 under a 部门名称 line is a long-format table, not a form."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门名称：某县教育局"])
    ws.append(["项目名称", "指标名称", "指标值", "分值"])
    ws.append(["校舍维修", "维修面积", "≥500平方米", 20])
    wb.save(tmp_path / "f.xlsx")
    assert sniff(tmp_path / "f.xlsx") != "form"


def test_a_level_less_form_saved_as_csv_and_a_two_column_grid(tmp_path: Path) -> None:
    """The level-less form saved as CSV (the tall 绩效指标 label now a header cell over blank cells, beside
    指标): the names are under 指标; a grid of 指标名称 | 指标值 alone is read too."""
    project = _only_project(read_table(_saved_as_csv(_levelless_form("unit-first"), tmp_path / "l.csv", width=6)))
    assert [i.annual_value.raw for i in project.indicators] == _LEVELLESS_VALUES
    two = [c(0, 0, "项目名称"), c(0, 1, "图书采购", c2=1), c(1, 0, "年度目标"), c(1, 1, "采购图书2000册。"),
           c(2, 0, "指标名称"), c(2, 1, "指标值"), c(3, 0, "采购图书数量"), c(3, 1, "≥2000册"),
           c(4, 0, "读者满意度"), c(4, 1, "≥90%")]
    project = _only_project(read_table(xlsx_forms(tmp_path / "t.xlsx", [[two]])))
    assert [(i.name, i.annual_value.raw, i.level1) for i in project.indicators] == [
        ("采购图书数量", "≥2000册", ""), ("读者满意度", "≥90%", "")]


@pytest.mark.parametrize("layout", ["levels-merged-down", "name-over-levels"])
def test_a_two_row_header_printing_levels_is_no_level_less_grid(tmp_path: Path, layout: str) -> None:
    """一级指标 | 二级指标 merged down beside 三级指标 | 指标值 (one row tall), or 指标名称 merged over
    一级 | 二级 | 三级: the grid prints its levels, and they are read."""
    head = [c(0, 0, "项目名称"), c(0, 1, "图书采购", c2=3), c(1, 0, "年度目标"), c(1, 1, "采购图书2000册。", c2=3)]
    if layout == "levels-merged-down":
        grid = [c(2, 0, "一级指标", r2=3), c(2, 1, "二级指标", r2=3), c(2, 2, "三级指标"), c(2, 3, "指标值"),
                c(3, 2, "指标名称"), c(3, 3, "年度指标值")]
    else:
        grid = [c(2, 0, "指标名称", c2=2), c(2, 3, "指标值", r2=3),
                c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标")]
    rows = [c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "采购图书数量"), c(4, 3, "≥2000册")]
    project = _only_project(read_table(xlsx_forms(tmp_path / "h.xlsx", [[head + grid + rows]])))
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "数量指标", "采购图书数量", "≥2000册")]


# ── Held-out round 5 (issue #18/#19): classes of one-project forms read wrong ──────────────────────

def _blank_name_form(name_label: str = "项目名称:", below: str = "项目联络人:") -> list:
    """A budget system's export: label | value pairs two to a row, the 项目名称 printed blank, another
    label (one the vocabulary does not know) under it."""
    return [c(0, 0, "单位信息:"), c(0, 1, "301001-某县农业农村局机关", c2=2), c(0, 3, name_label), c(0, 4, None, c2=5),
            c(1, 0, "主管部门:"), c(1, 1, "301-某县农业农村局", c2=2), c(1, 3, below), c(1, 4, None, c2=5),
            c(2, 0, "整体目标:"), c(2, 1, "完成农技培训。", c2=5),
            c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标"), c(3, 3, "指标值"), c(3, 4, "度量单位"),
            c(3, 5, "权重(%)"),
            c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "培训人次"), c(4, 3, 300), c(4, 4, "人次"), c(4, 5, 90)]


@pytest.mark.parametrize("below", ["项目联络人:", "项目经办人电话：", "资金管理员:"])
def test_a_label_under_a_blank_name_is_no_name(tmp_path: Path, below: str) -> None:
    """项目名称: printed blank with 项目联络人: under it: a cell ending with its colon is a label (known to
    the vocabulary or not), never the value of the label above or beside it; 单位信息: is the unit."""
    table = read_table(xlsx_forms(tmp_path / "n.xlsx", [[_blank_name_form(below=below)]]))
    project = _only_project(table)
    assert not project.name
    assert [u.name for u in table.units] == ["301001-某县农业农村局机关"]  # as printed
    assert project.goal == "完成农技培训。"
    assert "S01" in {i.code.removeprefix("PG-") for i in check_table(table)}  # the blank name is said


@pytest.mark.parametrize(("text", "label"), [
    ("项目经办人:", True), ("单位(盖章)：", True), ("预算执行率权重(%):", True), ("某县农业农村局", False),
    ("目标:完成培训", False), ("2024:", False), ("详见附件1：", False), ("", False),
])
def test_a_bare_label_is_a_text_ending_with_its_colon(text: str, label: bool) -> None:
    """What is_bare_label calls a label: a short text with its colon last and nothing after it."""
    from perfgoals_xl.sources.vocabulary import is_bare_label

    assert is_bare_label(text) is label


@pytest.mark.parametrize(("label", "field"), [
    ("区级林业主管部门", "department"), ("县级教育行政主管部门", "department"), ("市级卫生健康主管部门", "department"),
    ("业务主管单位", "department"), ("省级行业主管部门", "department"), ("林业主管部门：", "department"),
    ("某县林业局", None), ("宝鸡市林业主管部门", None), ("主管部门意见", None), ("区级财政部门", None),
    ("专项名称金", "project"), ("资金名称费", "project"), ("项目名称及", None), ("项目名称编码", None),
    ("单位名称金", None), ("年度目标值", None), ("合计数金", None),
])
def test_department_and_name_label_spellings_round5(label: str, field: str | None) -> None:
    """主管部门 with its level and sector before it (区级林业主管部门) is the department label, a name
    (宝鸡市林业主管部门: a place in it) is not; a project-name label with one stray character after it
    (专项名称金) is the name label — only after 名称, only one character, never a joiner (及)."""
    from perfgoals_xl.sources.vocabulary import form_label_of

    assert form_label_of(label)[0] == field


def test_a_stray_character_after_the_name_label_is_said(tmp_path: Path) -> None:
    """专项名称金 | <name> over 县级农业主管部门 | <department>: the name and the department read, and the
    stray character said once as a reading hint (PG-S11)."""
    cells = [c(0, 0, "专项名称金"), c(0, 1, "耕地地力保护补贴资金", c2=3),
             c(1, 0, "县级农业主管部门"), c(1, 1, "某县农业农村局", c2=3),
             c(2, 0, "年度金额(万元)"), c(2, 1, 120, c2=3),
             c(3, 0, "年度总体目标"), c(3, 1, "按时足额发放补贴。", c2=3),
             c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"),
             c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "补贴面积"), c(5, 3, "≥3万亩")]
    table = read_table(xlsx_forms(tmp_path / "s.xlsx", [[cells]]))
    project = _only_project(table)
    assert project.name == "耕地地力保护补贴资金"
    assert (project.department or table.department) == "某县农业农村局"
    assert project.amounts.total == Decimal(120)
    said = [i.message for i in check_table(table) if i.code == "PG-S11"]
    assert any("专项名称金" in m and "“金”" in m for m in said), said


def _html_table(path: Path, rows: list[list[str]], title: str = "") -> Path:
    """A saved web page holding one table: each row's cells as printed (no merges)."""
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    path.write_text(f"<html><head><meta charset='utf-8'></head><body><p>{title}</p>"
                    f"<table border='1'>{body}</table></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "value"), [
    ("本项目不适用此指标", "无"), ("不涉及", "—"), ("本项目无此类指标", ""), ("该项目无生态效益", "/"),
])
def test_a_row_saying_the_indicator_does_not_apply_is_no_indicator(tmp_path: Path, name: str, value: str) -> None:
    """生态效益指标 | 本项目不适用此指标 | 无: the project declares the level empty — a placeholder row,
    skipped and said once (PG-S11), never an indicator with an empty value (PG-S05)."""
    rows = [["项目名称", "乡村道路养护", "", ""], ["年度目标", "养护道路。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "≥20公里"],
            ["效益指标", "生态效益指标", name, value],
            ["效益指标", "社会效益指标", "群众出行条件", "改善"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]]
    table = read_table(_html_table(tmp_path / "n.html", rows))
    project = _only_project(table)
    assert [i.name for i in project.indicators] == ["养护里程", "群众出行条件", "群众满意度"]
    found = check_table(table)
    assert not [i for i in found if i.code == "PG-S05"]
    assert any(name in i.message and "不适用" in i.message for i in found if i.code == "PG-S11")


def test_a_real_indicator_mentioning_none_is_kept(tmp_path: Path) -> None:
    """重大安全事故 | 无 and 本项目无重大安全事故发生 | 0起 are indicators (the value is the target): only a
    name saying the indicator does not apply, with no value, is a placeholder."""
    rows = [["项目名称", "乡村道路养护", "", ""], ["年度目标", "养护道路。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "质量指标", "重大安全事故", "无"],
            ["产出指标", "质量指标", "本项目无重大安全事故发生", "无"],
            ["产出指标", "质量指标", "本项目不涉及征地拆迁", "是"]]
    project = _only_project(read_table(_html_table(tmp_path / "k.html", rows)))
    assert [i.name for i in project.indicators] == ["重大安全事故", "本项目无重大安全事故发生", "本项目不涉及征地拆迁"]


@pytest.mark.parametrize("widget", ["【字体：大 中 小】", "[打印本页] [关闭窗口]", "【字号：大 中 小】【打印】",
                                    "当前位置：首页 > 政府信息公开 > 财政资金", "您现在的位置: 首页 » 预算公开"])
def test_a_web_page_s_own_controls_pasted_above_a_form_are_no_field(tmp_path: Path, widget: str) -> None:
    """A page pasted into Excel carries its controls (【字体：大 中 小】, [打印本页]) and its breadcrumb
    (当前位置：首页 > …) above the table: never an extra field of the form (they were kept as
    【字体 = 大 中 小】 and 当前位置 = 首页 > … and printed on the report)."""
    cells = [c(0, 0, "某县交通运输局2024年项目绩效目标表", c2=9), c(1, 0, widget, c2=9)]
    cells += [(r + 2, col, value, r2 + 2, c2) for r, col, value, r2, c2 in _special_fund_form()]
    table = read_table(xlsx_forms(tmp_path / "w.xlsx", [[cells]]))
    project = _only_project(table)
    assert project.name == "农村公路养护补助"
    assert not any(word in key for key in project.extras for word in ("字体", "打印", "字号", "位置")), project.extras


@pytest.mark.parametrize(("labels", "target"), [
    (("2021年实际实现值", "预期2022年实现值"), 1),
    (("2024年目标值", "2023年实际完成值"), 0),
    (("2022年实际值", "2023年实现值"), 1),
])
def test_value_columns_named_by_year_take_the_target_as_the_annual_value(
        tmp_path: Path, labels: tuple[str, str], target: int) -> None:
    """指标值 over two columns named by year or by 实际 vs 预期 (last year's actual | this year's target):
    the target (预期/目标, or else the later year) is the 年度指标值; the actual is kept as an extra field."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "干部培训", c2=5), c(1, 0, "年度目标"), c(1, 1, "培训干部。", c2=5),
             c(2, 0, "一级指标", r2=3), c(2, 1, "二级指标", r2=3), c(2, 2, "三级指标", r2=3),
             c(2, 3, "指标值", c2=4), c(2, 5, "备注", r2=3),
             c(3, 3, labels[0]), c(3, 4, labels[1]),
             c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "培训人次"),
             c(4, 3 + target, "300人次"), c(4, 4 - target, "260人次"),
             c(5, 0, "满意度指标"), c(5, 1, "服务对象满意度指标"), c(5, 2, "学员满意度"), c(5, 3 + target, "≥95%")]
    project = _only_project(read_table(xlsx_forms(tmp_path / "y.xlsx", [[cells]])))
    got = [(i.name, i.annual_value.raw) for i in project.indicators]
    assert got == [("培训人次", "300人次"), ("学员满意度", "≥95%")]
    assert project.indicators[0].extras[labels[1 - target]] == "260人次"
    assert labels[target] not in project.indicators[0].extras


@pytest.mark.parametrize("stamps", [
    ("财政资金管理科室(盖章) 年 月 日", "财政绩效管理科室(盖章) 年 月 日"),
    ("业务科室负责人签字", "2024年  月  日"),
    ("预算单位（公章） 年 月 日", "分管领导（签字）"),
])
def test_a_row_of_sign_off_stamps_under_the_grid_is_a_footer(tmp_path: Path, stamps: tuple[str, str]) -> None:
    """Stamps and blank dates under the grid (…(盖章) 年 月 日 | …签字) end it: never an indicator."""
    from perfgoals_xl.sources.vocabulary import is_footer_label
    assert all(is_footer_label(s) for s in stamps)
    assert not any(is_footer_label(s) for s in ("印章管理规范率", "签字确认及时率", "2024年完成验收", "实施单位(盖章)"))
    rows = [["项目名称", "乡村道路养护", "", ""], ["年度目标", "养护道路。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "≥20公里"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
            [stamps[0], "", stamps[1], ""]]
    table = read_table(_html_table(tmp_path / "s.html", rows))
    assert [i.name for i in _only_project(table).indicators] == ["养护里程", "群众满意度"]
    assert not [i for i in check_table(table) if i.code in {"PG-S03", "PG-S04"}]


# --- header spellings of the 一体化 exports: …级指标名称, 评分 (found by tests/corpus/variations.py) -----

def _named_level_selfeval(level1: str, level2: str, name: str, score: str) -> list:
    """A 自评表 whose indicator header spells the levels as 一体化 exports do (一级指标名称 …) and
    the score column 评分."""
    return [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=6),
            c(1, 0, "主管部门"), c(1, 1, "某县交通运输局", c2=2), c(1, 3, "项目实施单位"), c(1, 4, "某县公路段", c2=6),
            c(2, 0, "年度绩效目标"), c(2, 1, "养护农村公路120公里，路况优良率不低于80%。", c2=6),
            c(3, 0, level1), c(3, 1, level2), c(3, 2, name), c(3, 3, "年度指标值"), c(3, 4, "实际完成值"),
            c(3, 5, "分值"), c(3, 6, score),
            c(4, 0, "产出指标", r2=5), c(4, 1, "数量指标"), c(4, 2, "养护里程"), c(4, 3, "≥120公里"),
            c(4, 4, "126公里"), c(4, 5, 50), c(4, 6, 50),
            c(5, 1, "质量指标"), c(5, 2, "路况优良率"), c(5, 3, "≥80%"), c(5, 4, "85%"), c(5, 5, 20), c(5, 6, 20),
            c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "群众满意度"), c(6, 3, "≥90%"),
            c(6, 4, "95%"), c(6, 5, 30), c(6, 6, 30)]


@pytest.mark.parametrize(("level1", "level2", "name", "score"), [
    ("一级指标名称", "二级指标名称", "三级指标名称", "评分"),
    ("一级指标", "二级指标名称", "指标名称", "得分"),
    ("一级指标名称", "二级指标", "三级指标", "评分"),
])
def test_level_headers_spelt_as_names_and_a_score_headed_evaluation(tmp_path: Path, level1: str, level2: str,
                                                                    name: str, score: str) -> None:
    """一级指标名称 / 二级指标名称 are the level columns and 评分 the 得分 column, as 一级指标 / 二级指标
    / 得分 are: every indicator keeps its levels and score, and nothing false is said."""
    from perfgoals_xl.sources.vocabulary import field_of

    assert (field_of(level1), field_of(level2), field_of(score)) == ("level1", "level2", "score")
    assert field_of("评分标准") == "extra"  # the scoring rule column stays a rule, not a score
    table = read_table(xlsx_forms(tmp_path / "n.xlsx", [[_named_level_selfeval(level1, level2, name, score)]]))
    project = _only_project(table)
    got = [(i.level1, i.level2, i.name, i.annual_value.raw, i.score) for i in project.indicators]
    assert got == [("产出指标", "数量指标", "养护里程", "≥120公里", 50), ("产出指标", "质量指标", "路况优良率", "≥80%", 20),
                   ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", 30)]
    assert project.total_score is None or project.total_score == 100
    # the form prints no 效益指标: that finding is true; no other (no unread level, score or weight)
    assert [i.code for i in check_table(table) if i.severity == "error"] == ["PG-C03"]


# --- a 自评表 set off by an empty margin column or a 序号 column: its 总分 row (tests/corpus/variations.py) --

def _offset_selfeval(first: str) -> list:
    """A 自评表 whose indicator rows sit under a 绩效指标 label column, with a 总分 row spanning from
    that column, all one column to the right: column A an empty margin (``first`` = "") or a 序号
    column numbering the indicator rows (``first`` = "序号")."""
    cells = [c(0, 1, "项目名称"), c(0, 2, "农村公路养护", c2=8),
             c(1, 1, "主管部门"), c(1, 2, "某县交通运输局", c2=3), c(1, 4, "项目实施单位"), c(1, 5, "某县公路段", c2=8),
             c(2, 1, "年度绩效目标"), c(2, 2, "养护农村公路120公里，路况优良率不低于80%。", c2=8),
             c(3, 1, "绩效指标", r2=6), c(3, 2, "一级指标"), c(3, 3, "二级指标"), c(3, 4, "三级指标"),
             c(3, 5, "年度指标值"), c(3, 6, "实际完成值"), c(3, 7, "分值"), c(3, 8, "得分"),
             c(4, 2, "产出指标", r2=5), c(4, 3, "数量指标"), c(4, 4, "养护里程"), c(4, 5, "≥120公里"),
             c(4, 6, "126公里"), c(4, 7, 50), c(4, 8, 50),
             c(5, 3, "质量指标"), c(5, 4, "路况优良率"), c(5, 5, "≥80%"), c(5, 6, "85%"), c(5, 7, 20), c(5, 8, 20),
             c(6, 2, "满意度指标"), c(6, 3, "服务对象满意度指标"), c(6, 4, "群众满意度"), c(6, 5, "≥90%"),
             c(6, 6, "95%"), c(6, 7, 30), c(6, 8, 30),
             c(7, 1, "总分", c2=6), c(7, 7, 100), c(7, 8, 100)]
    if first:
        cells += [c(3, 0, first), c(4, 0, 1), c(5, 0, 2), c(6, 0, 3)]
    return cells


@pytest.mark.parametrize("first", ["", "序号"])
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_a_total_row_right_of_a_margin_or_number_column_ends_the_grid(tmp_path: Path, first: str, kind: str) -> None:
    """总分 printed in the row's first filled cell (column B, right of an empty margin or a 序号
    column) is the claimed total, not an indicator named 总分 with a 分值 of 100 (no false PG-E07 /
    PG-S03 for a level 总分)."""
    from test_reading_classes import written

    table = read_table(written(kind, tmp_path, [_offset_selfeval(first)]))
    project = _only_project(table)
    assert [i.name for i in project.indicators] == ["养护里程", "路况优良率", "群众满意度"]
    assert project.total_score == 100
    assert [i.code for i in check_table(table) if i.severity == "error"] == ["PG-C03"]


# --- split value parts under a 年度指标值 header, and a form printing only it (tests/corpus/variations.py) ----

@pytest.mark.parametrize("value_header", ["指标值", "年度指标值", "年度目标值"])
def test_split_value_parts_under_an_annual_value_header_are_one_value(tmp_path: Path, value_header: str) -> None:
    """指标性质 | 年度指标值 | 度量单位 (≥ | 120 | 公里) is one value ≥120公里, as under 指标值: the
    parts were joined only under a column called 指标值."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=5),
             c(1, 0, "年度绩效目标"), c(1, 1, "养护农村公路120公里。", c2=5),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标性质"), c(2, 4, value_header),
             c(2, 5, "度量单位"),
             c(3, 0, "产出指标"), c(3, 1, "数量指标"), c(3, 2, "养护里程"), c(3, 3, "≥"), c(3, 4, 120), c(3, 5, "公里"),
             c(4, 0, "效益指标"), c(4, 1, "社会效益指标"), c(4, 2, "路况优良率"), c(4, 3, "≥"), c(4, 4, 80),
             c(4, 5, "%"),
             c(5, 0, "满意度指标"), c(5, 1, "服务对象满意度指标"), c(5, 2, "群众满意度"), c(5, 3, "="), c(5, 4, "95%"),
             c(5, 5, "%")]
    table = read_table(xlsx_forms(tmp_path / "v.xlsx", [[cells]]))
    inds = _only_project(table).indicators
    assert [i.annual_value.raw for i in inds] == ["≥120公里", "≥80%", "95%"]
    assert [i.period_value.raw for i in inds] == ["≥120公里", "≥80%", "95%"]  # one value column: both
    assert not [i for i in check_table(table) if i.severity == "error"]


# --- an empty row inside a 自评表's indicator grid (tests/corpus/variations.py) ---------------------------

def _selfeval_with_empty_rows(empty: tuple[int, ...]) -> list:
    """The 自评表 of ``_offset_selfeval`` (no margin) with empty rows inserted before the given
    indicator rows (a template's blank 指标2 row whose merges were lost, a spacer row)."""
    cells = [(r, col - 1, v, r2, c2 - 1) for r, col, v, r2, c2 in _offset_selfeval("") if col >= 1]
    cells = [cell for cell in cells if cell[2] != "绩效指标"]  # no label merged down over the gap
    shifted = []
    for r, col, v, r2, c2 in cells:
        down = sum(1 for e in empty if e <= r)
        shifted.append((r + down, col, v, r2 + sum(1 for e in empty if e <= r2), c2))
    return shifted


@pytest.mark.parametrize("empty", [(4,), (5,), (5, 6), (4, 6)])
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_an_empty_row_inside_the_grid_is_no_end_of_it(tmp_path: Path, empty: tuple[int, ...], kind: str) -> None:
    """An empty row between the indicator header and the rows, or between two rows: the rows under
    it are read (the grid ended there: indicators lost, a false PG-C02/C03); 总分 still ends it."""
    from test_reading_classes import written

    table = read_table(written(kind, tmp_path, [_selfeval_with_empty_rows(empty)]))
    project = _only_project(table)
    assert [i.name for i in project.indicators] == ["养护里程", "路况优良率", "群众满意度"]
    assert project.total_score == 100
    assert [i.code for i in check_table(table) if i.severity == "error"] == ["PG-C03"]


def test_an_empty_row_before_a_second_table_still_ends_the_grid(tmp_path: Path) -> None:
    """An empty row followed by another table's header (一级指标 | 二级指标 | 三级指标 …) or a form
    label (项目名称) is the grid's end: those rows are not this project's indicators."""
    cells = _selfeval_with_empty_rows(())[:-3]  # no 总分 row
    below = [c(8, 0, "一级指标"), c(8, 1, "二级指标"), c(8, 2, "三级指标"), c(8, 3, "年度指标值"),
             c(9, 0, "产出指标"), c(9, 1, "数量指标"), c(9, 2, "另表的指标"), c(9, 3, "≥1个")]
    table = read_table(xlsx_forms(tmp_path / "two.xlsx", [[cells + below]]))
    names = [i.name for p in table.projects() for i in p.indicators]
    assert names[:3] == ["养护里程", "路况优良率", "群众满意度"]
    assert "另表的指标" not in [i.name for i in table.projects()[0].indicators]


# --- the budget block's section label repeated on each of its lines (tests/corpus/variations.py) ---------

@pytest.mark.parametrize("section", ["项目资金（万元）", "项目资金\n(万元)", "预算执行情况（万元）"])
@pytest.mark.parametrize("repeated", [False, True])
def test_a_budget_section_label_repeated_on_each_line(tmp_path: Path, section: str, repeated: bool) -> None:
    """项目资金（万元） merged down over the budget lines, or — its merge filled down, as unmerged
    copies print it — repeated in front of each line: the lines are read the same (年度资金总额 the
    budget, 其中 lines kept apart)."""
    lines = [("年度资金总额", 29, 29, 27.8, 10, "95.86%", 9), ("其中：当年财政拨款", 29, 29, 27.8, None, None, None),
             ("上年结转资金", None, None, None, None, None, None), ("其他资金", None, None, None, None, None, None)]
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=7),
             c(1, 0, "主管部门"), c(1, 1, "某县交通运输局", c2=3), c(1, 4, "实施单位"), c(1, 5, "某县公路段", c2=7),
             c(2, 1, None), c(2, 2, "年初预算数"), c(2, 3, "全年预算数"), c(2, 4, "全年执行数"), c(2, 5, "分值"),
             c(2, 6, "执行率"), c(2, 7, "得分")]
    if repeated:
        cells += [c(r, 0, section) for r in range(2, 7)]
    else:
        cells.append(c(2, 0, section, r2=6))
    for k, line in enumerate(lines):
        cells += [c(3 + k, 1 + i, v) for i, v in enumerate(line) if v is not None]
    cells += [c(7, 0, "年度总体目标"), c(7, 1, "养护农村公路120公里。", c2=7),
              c(8, 0, "一级指标"), c(8, 1, "二级指标"), c(8, 2, "三级指标"), c(8, 3, "年度指标值"), c(8, 4, "实际完成值"),
              c(8, 5, "分值"), c(8, 6, "得分"),
              c(9, 0, "产出指标"), c(9, 1, "数量指标"), c(9, 2, "养护里程"), c(9, 3, "≥120公里"), c(9, 4, "126公里"),
              c(9, 5, 90), c(9, 6, 90)]
    table = read_table(xlsx_forms(tmp_path / "b.xlsx", [[cells]]))
    project = _only_project(table)
    assert (project.budget_initial, project.budget_adjusted, project.budget_executed) == (29, 29, Decimal("27.8"))
    assert project.budget_block == {"weight": "10", "rate": "95.86%", "score": "9"}
    assert {k: v for k, v in project.extras.items() if "/" in k} == {
        "当年财政拨款/年初预算数": "29", "当年财政拨款/全年预算数": "29", "当年财政拨款/全年执行数": "27.8"}
    assert [i.name for i in project.indicators] == ["养护里程"]


# --- the money unit in a heading line beside other labels (tests/corpus/variations.py) --------------------

@pytest.mark.parametrize("heading", ["预算单位：某县交通运输局    金额单位：元", "编制单位:某县交通运输局公路养护中心 单位:元",
                                     "单位：元"])
@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_a_money_unit_in_a_heading_line_beside_other_labels(tmp_path: Path, heading: str, kind: str) -> None:
    """预算单位：某局  金额单位：元 over a form: its amounts are in 元 (1200000 元 = 120 万元), as
    under a 单位：元 line alone; the unit was read only from a short line holding nothing else."""
    from test_reading_classes import written

    cells = [c(0, 0, heading, c2=3),
             c(1, 0, "项目名称"), c(1, 1, "农村公路养护", c2=3),
             c(2, 0, "年度资金总额"), c(2, 1, 1200000), c(2, 2, "其中：财政拨款"), c(2, 3, 1200000),
             c(3, 0, "年度绩效目标"), c(3, 1, "养护农村公路120公里。", c2=3),
             c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"),
             c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "养护里程"), c(5, 3, "≥120公里")]
    table = read_table(written(kind, tmp_path, [cells]))
    project = _only_project(table)
    assert (project.amounts.total, project.amounts.fiscal) == (Decimal(120), Decimal(120))


# --- a two-row header whose tall cells were unmerged and printed again (tests/corpus/variations.py) -------

@pytest.mark.parametrize("repeated", [False, True, None], ids=["merged", "repeated", "left blank"])
def test_a_two_row_header_with_its_tall_cells_printed_on_both_rows(tmp_path: Path, repeated: bool | None) -> None:
    """一级指标 | 二级指标 | 三级指标 merged down over two header rows beside 指标值 → 2021年实际值 |
    2022年目标值; or — the merges lost — printed on both rows (unmerged and filled) or on the first only
    (left blank below): the two rows are one header either way (the values are the 2022 targets, never
    the empty 2021 column, and the second header row is no indicator)."""
    head = [c(0, 0, "项目名称"), c(0, 1, "干部培训", c2=4), c(1, 0, "年度绩效目标"), c(1, 1, "全年完成主体班培训280人次，学员满意度不低于95%。", c2=4)]
    if repeated is None:
        head += [c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值", c2=4)]
    elif repeated:
        head += [c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值", c2=4),
                 c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标")]
    else:
        head += [c(2, 0, "一级指标", r2=3), c(2, 1, "二级指标", r2=3), c(2, 2, "三级指标", r2=3), c(2, 3, "指标值", c2=4)]
    head += [c(3, 3, "2021年实际实现值"), c(3, 4, "预期2022年实现值"),
             c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "培训人次"), c(4, 4, "280人次"),
             c(5, 0, "效益指标"), c(5, 1, "社会效益指标"), c(5, 2, "干部能力提升"), c(5, 4, "明显提升"),
             c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "学员满意度"), c(6, 4, "≥95%")]
    table = read_table(xlsx_forms(tmp_path / "h.xlsx", [[head]]))
    inds = _only_project(table).indicators
    assert [(i.level1, i.name, i.annual_value.raw) for i in inds] == [
        ("产出指标", "培训人次", "280人次"), ("效益指标", "干部能力提升", "明显提升"), ("满意度指标", "学员满意度", "≥95%")]
    assert not [i for i in check_table(table) if i.severity == "error"]


# --- a 栏次 row under the indicator header (tests/corpus/variations.py) -----------------------------------

def test_column_number_rows_are_known() -> None:
    """1 | 2 | 3 …, 甲 | 乙 | 1 | 2 …, (1) | (2) | (3), ① ② ③ are 栏次 rows; an indicator row is not."""
    from perfgoals_xl.sources.vocabulary import is_column_numbers

    assert is_column_numbers(["1", "2", "3", "4"])
    assert is_column_numbers(["甲", "乙", "1", "2", "3"])
    assert is_column_numbers(["(1)", "(2)", "（3）"]) and is_column_numbers(["①", "②", "③"])
    assert is_column_numbers(["甲", "乙", "丙"])
    assert not is_column_numbers(["1", "2"])  # too few to tell
    assert not is_column_numbers(["1", "3", "4"]) and not is_column_numbers(["2", "3", "4"])
    assert not is_column_numbers(["产出指标", "数量指标", "培训人次", "300"])
    assert not is_column_numbers(["1", "2", "3", "≥95%"])
    assert not is_column_numbers(["100", "101", "102"])


@pytest.mark.parametrize("selfeval", [False, True])
@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_a_column_number_row_under_the_header_is_no_indicator(tmp_path: Path, selfeval: bool, kind: str) -> None:
    """A 栏次 row (1 | 2 | 3 …) printed under the indicator header of a 申报表 or a 自评表 is skipped:
    no indicator with levels “1” / “2” (false PG-S03 / PG-S04) and nothing lost."""
    from test_reading_classes import written

    head = ["一级指标", "二级指标", "三级指标", "年度指标值"] + (["实际完成值", "分值", "得分"] if selfeval else [])
    rows = [["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 60, 60],
            ["效益指标", "社会效益指标", "群众出行条件", "明显改善", "明显改善", 30, 30],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10]]
    width = len(head)
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=width - 1),
             c(1, 0, "年度绩效目标"), c(1, 1, "养护农村公路120公里，群众出行条件明显改善。", c2=width - 1)]
    cells += [c(2, k, h) for k, h in enumerate(head)] + [c(3, k, str(k + 1)) for k in range(width)]
    cells += [c(4 + i, k, v) for i, row in enumerate(rows) for k, v in enumerate(row[:width])]
    table = read_table(written(kind, tmp_path, [cells]))
    inds = _only_project(table).indicators
    assert [(i.level1, i.name) for i in inds] == [("产出指标", "养护里程"), ("效益指标", "群众出行条件"),
                                                 ("满意度指标", "群众满意度")]
    assert not [i for i in check_table(table) if i.severity == "error"]


@pytest.mark.parametrize("kind", ["xlsx", "html"])
def test_a_column_number_row_between_the_header_and_a_side_label(tmp_path: Path, kind: str) -> None:
    """绩效指标 merged down the first column beside the grid, its header cell blank, and a 栏次 row
    under the header (its first cell blank too): the side label is the grid's own, not the next block
    (the grid was read empty and the form drew a false PG-A04 “没有可识别的绩效指标”)."""
    from test_reading_classes import written

    cells = [c(0, 0, "资金名称"), c(0, 1, "生猪调出大县奖励资金", c2=5),
             c(1, 0, "年度金额(万元):"), c(1, 1, 397, c2=5),
             c(2, 0, "年度目标"), c(2, 1, "生猪生产稳定有序发展。", c2=5),
             c(3, 0, ""), c(3, 1, "一级指标"), c(3, 2, "二级指标"), c(3, 3, "三级指标"), c(3, 4, "单位"),
             c(3, 5, "指标值"), c(4, 0, ""), *[c(4, k, str(k)) for k in range(1, 6)],
             c(5, 0, "绩效指标", r2=7), c(5, 1, "产出指标", r2=6), c(5, 2, "数量指标", r2=6),
             c(5, 3, "猪肉产量稳定率"), c(5, 4, "%"), c(5, 5, "≥95%"),
             c(6, 3, "能繁母猪稳定率"), c(6, 4, "%"), c(6, 5, "≥90%"),
             c(7, 1, "效益指标"), c(7, 2, "经济效益指标"), c(7, 3, "生猪出栏量"), c(7, 4, "万头"), c(7, 5, "≥60")]
    table = read_table(written(kind, tmp_path, [cells]))
    inds = _only_project(table).indicators
    assert [(i.level1, i.level2, i.name) for i in inds] == [
        ("产出指标", "数量指标", "猪肉产量稳定率"), ("产出指标", "数量指标", "能繁母猪稳定率"),
        ("效益指标", "经济效益指标", "生猪出栏量")]
    assert "PG-A04" not in {i.code for i in check_table(table)}


def test_a_column_number_row_under_a_level_type_header(tmp_path: Path) -> None:
    """指标类型 | 指标名称 | 指标值 | 指标描述 (浙江: 产出指标 merged down 指标类型, the level-2 names in
    指标名称) with a 栏次 row under it: the 指标类型 column is still told by what it holds (the 栏次
    row is not its first text), so the levels are read, not left blank."""
    from test_reading_classes import written

    cells = [c(0, 0, "项目名称:"), c(0, 1, "绿化养护经费", c2=3),
             c(1, 0, "项目绩效目标"), c(1, 1, "完成建成区的绿化养护工作。", c2=3),
             c(2, 0, "指标类型"), c(2, 1, "指标名称"), c(2, 2, "指标值"), c(2, 3, "指标描述"),
             *[c(3, k, str(k + 1)) for k in range(4)],
             c(4, 0, "产出指标", r2=5), c(4, 1, "数量指标"), c(4, 2, "375万平方米"), c(4, 3, "完成绿地养护"),
             c(5, 1, "质量指标"), c(5, 2, "100%"), c(5, 3, "绿地全覆盖"),
             c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "≥95%"), c(6, 3, "市民满意")]
    table = read_table(written("html", tmp_path, [cells]))
    inds = _only_project(table).indicators
    assert [(i.level1, i.level2, i.annual_value.raw) for i in inds] == [
        ("产出指标", "数量指标", "375万平方米"), ("产出指标", "质量指标", "100%"),
        ("满意度指标", "服务对象满意度指标", "≥95%")]


# --- form labels spelt as other templates do: 年度绩效总目标, 其他来源资金 (tests/corpus/variations.py) ------

@pytest.mark.parametrize("goal_label", ["年度绩效目标", "年度绩效总目标"])
@pytest.mark.parametrize("other_label", ["其他资金", "其他来源资金"])
def test_goal_and_other_funds_labels_of_other_templates(tmp_path: Path, goal_label: str, other_label: str) -> None:
    """年度绩效总目标 is the goal label and 其他来源资金 the 其他资金 label, on a 申报表 as on the
    department table: the goal and the amounts are read (no false PG-C01 “没有绩效目标”)."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=3),
             c(1, 0, "年度资金总额"), c(1, 1, 150), c(1, 2, "其中：财政拨款"), c(1, 3, 120),
             c(2, 0, other_label), c(2, 1, 30),
             c(3, 0, goal_label), c(3, 1, "养护农村公路120公里，路况优良率不低于80%。", c2=3),
             c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"),
             c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "养护里程"), c(5, 3, "≥120公里"),
             c(6, 0, "效益指标"), c(6, 1, "社会效益指标"), c(6, 2, "群众出行条件"), c(6, 3, "明显改善")]
    table = read_table(xlsx_forms(tmp_path / "g.xlsx", [[cells]]))
    project = _only_project(table)
    assert project.goal == "养护农村公路120公里，路况优良率不低于80%。"
    assert (project.amounts.total, project.amounts.fiscal, project.amounts.other) == (150, 120, 30)


@pytest.mark.parametrize("planned", ["预期目标", "年度绩效总目标", "绩效总目标"])
def test_a_selfeval_goal_header_spelt_as_the_overall_goal(tmp_path: Path, planned: str) -> None:
    """年度总体目标 | 年度绩效总目标 | 实际完成情况 over the two texts: the planned goal and what was
    achieved are read, as under 预期目标."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=5),
             c(1, 0, "年度总体目标", r2=2), c(1, 1, planned, c2=2), c(1, 3, "实际完成情况", c2=5),
             c(2, 1, "养护农村公路120公里。", c2=2), c(2, 3, "养护农村公路126公里。", c2=5),
             c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标"), c(3, 3, "年度指标值"), c(3, 4, "实际完成值"),
             c(3, 5, "得分"),
             c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "养护里程"), c(4, 3, "≥120公里"), c(4, 4, "126公里"),
             c(4, 5, 100)]
    project = _only_project(read_table(xlsx_forms(tmp_path / "s.xlsx", [[cells]])))
    assert (project.goal, project.actual_summary) == ("养护农村公路120公里。", "养护农村公路126公里。")


# --- a 合计 row under a label column beside the grid (tests/corpus/variations.py) --------------------------

@pytest.mark.parametrize("label", ["合计", "总计", "合 计"])
def test_a_weight_total_row_starting_in_the_label_column_is_no_indicator(tmp_path: Path, label: str) -> None:
    """年度绩效目标(100分) merged down beside the grid, and under the indicators 合计 merged from that
    column across the level columns with the 分值 total: a total row, never an indicator named 合计
    (false PG-S03 / PG-S04)."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=5),
             c(1, 0, "年度目标"), c(1, 1, "养护农村公路120公里，群众出行条件明显改善。", c2=5),
             c(2, 0, "年度绩效目标(100分)", r2=5), c(2, 1, "一级指标"), c(2, 2, "二级指标"), c(2, 3, "三级指标"),
             c(2, 4, "指标值"), c(2, 5, "分值"),
             c(3, 1, "产出指标"), c(3, 2, "数量指标"), c(3, 3, "养护里程"), c(3, 4, "≥120公里"), c(3, 5, 60),
             c(4, 1, "效益指标"), c(4, 2, "社会效益指标"), c(4, 3, "群众出行条件"), c(4, 4, "明显改善"), c(4, 5, 30),
             c(5, 1, "满意度指标"), c(5, 2, "服务对象满意度指标"), c(5, 3, "群众满意度"), c(5, 4, "≥90%"), c(5, 5, 10),
             c(6, 0, label, c2=4), c(6, 5, 100)]
    table = read_table(xlsx_forms(tmp_path / "t.xlsx", [[cells]]))
    assert [i.name for i in _only_project(table).indicators] == ["养护里程", "群众出行条件", "群众满意度"]
    assert not [i for i in check_table(table) if i.severity == "error"]


# --- labels spaced out or broken in a narrow cell: which goal / total is the year's (tests/corpus/variations.py)

@pytest.mark.parametrize("spell", [lambda s: s, lambda s: " ".join(s), lambda s: s[:3] + "\n" + s[3:]],
                         ids=["as is", "spaced", "broken"])
def test_the_years_goal_and_total_with_labels_spaced_or_broken(tmp_path: Path, spell) -> None:
    """项 目 总 体 目 标 / 项 目 年 度 目 标 (spaced out) or 项目总\\n预算 / 项目当\\n年预算 (broken in a
    narrow cell): the year's goal and the year's budget are still told from the whole term's."""
    cells = [c(0, 0, spell("项目名称")), c(0, 1, "农村公路养护", c2=3),
             c(1, 0, spell("项目总预算(万元)")), c(1, 1, "75.00"), c(1, 2, spell("项目当年预算(万元)")), c(1, 3, "25.00"),
             c(2, 0, spell("项目总体目标")), c(2, 1, "三年养护农村公路360公里。", c2=3),
             c(3, 0, spell("项目年度目标")), c(3, 1, "本年养护农村公路120公里，路况优良率不低于80%。", c2=3),
             c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"),
             c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "养护里程"), c(5, 3, "≥120公里")]
    project = _only_project(read_table(xlsx_forms(tmp_path / "l.xlsx", [[cells]])))
    assert project.goal == "本年养护农村公路120公里，路况优良率不低于80%。"
    assert project.amounts.total == 25


# ── A form saved as CSV or pasted as text: a grid with no merged cells (issue #18) ──────────────────────

def _csv_form(tmp_path: Path, text: str) -> PerfTable:
    """Read a form written as CSV text (every merge lost: a merged cell's text in its first cell)."""
    path = tmp_path / "form.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path)


_CSV_TOP = ("项目名称,农村公路养护,,,,,\n"
            "年度绩效目标,养护农村公路120公里，群众出行条件明显改善。,,,,,\n")
#: The grid under the form's top, and the annual values it reads as.
_CSV_VALUE_GROUPS = {
    # a value group over the year's actual (empty) and the next year's target
    "dated": ("一级指标,二级指标,三级指标,指标值,,备注\n"
              ",,,2023年实际值,2024年目标值,\n"
              "产出指标,数量指标,养护里程,,≥120公里,\n"
              "效益指标,社会效益指标,群众出行条件,,明显改善,\n"
              "满意度指标,服务对象满意度指标,群众满意度,,≥90%,\n",
              ["≥120公里", "明显改善", "≥90%"]),
    # a value group over one column per place
    "places": ("一级指标,二级指标,三级指标,区域目标值,,备注\n"
               ",,,东区,西区,\n"
               "产出指标,数量指标,养护里程,≥60公里,≥50公里,\n"
               "效益指标,社会效益指标,群众出行条件,明显改善,明显改善,\n"
               "满意度指标,服务对象满意度指标,群众满意度,≥90%,≥90%,\n",
               ["东区:≥60公里；西区:≥50公里", "明显改善", "≥90%"]),
}


@pytest.mark.parametrize("group", list(_CSV_VALUE_GROUPS))
def test_a_value_group_over_two_columns_in_a_grid_without_merges(tmp_path: Path, group: str) -> None:
    """指标值 (or 区域目标值) printed over two value columns named on the header's second row, with the
    merges lost (the group's text in its first column, the next blank; the tall 一级指标 … cells blank on the
    second row): the two rows are one header, each value column is read (no false PG-S05 “年度指标值为空”)."""
    grid, values = _CSV_VALUE_GROUPS[group]
    table = _csv_form(tmp_path, _CSV_TOP + grid)
    inds = _only_project(table).indicators
    assert [(i.level1, i.name, i.annual_value.raw) for i in inds] == [
        ("产出指标", "养护里程", values[0]), ("效益指标", "群众出行条件", values[1]),
        ("满意度指标", "群众满意度", values[2])]
    assert not [i for i in check_table(table) if i.severity == "error"]


@pytest.mark.parametrize("selfeval", [False, True], ids=["申报表", "自评表"])
@pytest.mark.parametrize("level1", ["社会公众或服务对象满意度指标", "满意度指标"])
def test_a_new_level1_in_a_grid_without_merges_takes_no_level2_from_above(tmp_path: Path, level1: str,
                                                                          selfeval: bool) -> None:
    """The last level-1 printed across both level columns (社会公众或服务对象满意度指标: the level-1 and its
    one level-2 in one cell), saved as CSV: its text in the 一级指标 column, the 二级指标 cell blank. The
    level-2 above (可持续影响指标, of 效益指标) never crosses into the new level-1 (was: false PG-S04
    “不属于一级指标”); a text naming the level-2 itself is read across both columns, as the merged cell
    was; a bare level-1 (满意度指标) leaves the level-2 blank (nothing invented)."""
    rows = [["产出指标", "数量指标", "养护里程", "≥120公里"], ["效益指标", "社会效益指标", "群众出行条件", "明显改善"],
            ["", "可持续影响指标", "养护机制", "长效"], [level1, "", "群众满意度", "≥90%"],
            ["", "", "沿线企业满意度", "≥85%"]]
    head = ["一级指标", "二级指标", "三级指标", "年度指标值"] + (["实际完成值", "得分"] if selfeval else [])
    achieved = ["达到", "10"] if selfeval else []  # a 自评表: what was achieved and its score on each row
    grid = "".join(",".join(line) + "\n" for line in [head, *(row + achieved for row in rows)])
    table = _csv_form(tmp_path, _CSV_TOP + grid)
    assert table.layout == ("selfeval_form" if selfeval else "form")
    inds = _only_project(table).indicators
    level2 = "社会公众或服务对象满意度指标" if level1.startswith("社会") else ""
    assert [(i.level1, i.level2, i.name) for i in inds] == [
        ("产出指标", "数量指标", "养护里程"), ("效益指标", "社会效益指标", "群众出行条件"),
        ("效益指标", "可持续影响指标", "养护机制"), (level1, level2, "群众满意度"), (level1, level2, "沿线企业满意度")]
    messages = [i.message for i in check_table(table) if i.code == "PG-S04"]
    assert not [m for m in messages if "不属于" in m]
    assert bool(messages) == (not level2)  # a blank level-2 is said; one read across both columns is not
    said = [i.message for i in check_table(table) if i.code == "PG-S11" and "二级指标也记为" in i.message]
    assert bool(said) == bool(level2)  # the reading across both columns is said as a 读取提示


def test_a_level1_repeated_on_each_row_keeps_the_level2_above(tmp_path: Path) -> None:
    """产出指标 printed again on every row (its merge undone and filled) and 数量指标 only on its group's
    first row: the same level-1 goes on, so the blank level-2 cells take the one above."""
    grid = ("一级指标,二级指标,三级指标,指标值\n"
            "产出指标,数量指标,养护里程,≥120公里\n"
            "产出指标,,新建桥梁,2座\n"
            "产出指标,质量指标,路况优良率,≥80%\n")
    inds = _only_project(_csv_form(tmp_path, _CSV_TOP + grid)).indicators
    assert [(i.level1, i.level2) for i in inds] == [("产出指标", "数量指标"), ("产出指标", "数量指标"),
                                                   ("产出指标", "质量指标")]


@pytest.mark.parametrize("total", ["总分(100分),,,100,自评等级,,优", "总分,,,,,,100"],
                         ids=["total under 三级指标", "total under 得分"])
def test_a_selfeval_total_row_in_a_grid_without_merges_ends_the_grid(tmp_path: Path, total: str) -> None:
    """A 自评表 saved as CSV: 总分 in the label column left of the levels, merged across the level columns in
    the workbook, now alone with the level cells blank and the total (100) under 三级指标 or 得分, a
    自评等级 beside it: the claimed total, never an indicator named 100 (was: a fourth indicator “100”)."""
    text = ("项目名称,农村公路养护,,,,,\n"
            "年度绩效目标,养护农村公路120公里，路况优良率不低于80%。,,,,,\n"
            "年度绩效目标(100分),一级指标,二级指标,三级指标,年初目标值(A),实际完成值(B),得分\n"
            ",产出指标(60分),数量指标,养护里程,≥120公里,126公里,60\n"
            ",效益指标(30分),社会效益指标,路况优良率,≥80%,85%,30\n"
            ",满意度指标(10分),服务对象满意度指标,群众满意度,≥90%,95%,10\n"
            f"{total}\n")
    table = _csv_form(tmp_path, text)
    project = _only_project(table)
    assert [i.name for i in project.indicators] == ["养护里程", "路况优良率", "群众满意度"]
    assert project.total_score == 100


@pytest.mark.parametrize("total", ["合计,,,,100,100", ",合计,,,100,100"], ids=["label column", "level columns"])
def test_a_form_total_row_in_a_grid_without_merges_is_no_indicator(tmp_path: Path, total: str) -> None:
    """合计 merged across the level columns (from the label column beside the grid, or from 一级指标) with
    the totals under 指标值 and 分值, saved as CSV: 合计 alone in its first cell, the cells it covered blank.
    Still the total row (was: an indicator with no name, or one named 合计, valued 100 — false PG-S03 /
    PG-S05); an indicator named 小计 in the 三级指标 column, with its value, stays an indicator."""
    text = ("项目名称,农村公路养护,,,,\n"
            "年度目标,养护农村公路120公里，群众出行条件明显改善。,,,,\n"
            "年度绩效目标(100分),一级指标,二级指标,三级指标,指标值,分值\n"
            ",产出指标,数量指标,养护里程,≥120公里,60\n"
            ",,成本指标,小计,≤50万元,10\n"
            ",效益指标,社会效益指标,群众出行条件,明显改善,20\n"
            ",满意度指标,服务对象满意度指标,群众满意度,≥90%,10\n"
            f"{total}\n")
    table = _csv_form(tmp_path, text)
    assert [(i.name, i.annual_value.raw) for i in _only_project(table).indicators] == [
        ("养护里程", "≥120公里"), ("小计", "≤50万元"), ("群众出行条件", "明显改善"), ("群众满意度", "≥90%")]
    assert not [i for i in check_table(table) if i.severity == "error"]


@pytest.mark.parametrize(("claim", "e06"), [(36, False), (40, True), (18, True)])
def test_a_selfeval_score_over_two_rows_in_a_grid_without_merges(tmp_path: Path, claim: int, e06: bool) -> None:
    """One 得分 merged down over two indicators of 分值 20 each, saved as CSV: the claim on the first row
    only, above that row's own 分值, the second row's 得分 blank. The two share it, as under the merged
    cell: 36 (= 20 + 12/15 × 20) agrees with the group (was: false PG-E06 “36 与 20.00 不符”), 40 is one
    PG-E06 naming the group. A 得分 within its row's 分值 (18) is that row's alone, judged alone (the row
    reached its target: PG-E06 against 20); the blank below is a blank."""
    from perfgoals_xl.scoring.claims import shared_groups

    text = ("项目名称,农村公路养护,,,,,\n"
            "年度绩效目标,养护农村公路120公里，检查桥梁15座。,,,,,\n"
            "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n"
            f"产出指标,数量指标,养护里程,≥120公里,126公里,20,{claim}\n"
            ",,桥梁检查座数,≥15座,12座,20,\n"
            ",质量指标,路况优良率,≥80%,85%,30,30\n"
            "满意度指标,服务对象满意度指标,群众满意度,≥90%,95%,30,30\n"
            f"总分,,,,,100,{claim + 60}\n")
    table = _csv_form(tmp_path, text)
    inds = _only_project(table).indicators
    assert [i.score for i in inds] == [claim, None, 30, 30]
    assert shared_groups(inds) == ([[0, 1]] if claim > 20 else [])
    found = [i.message for i in check_table(table) if i.code == "PG-E06"]
    assert bool(found) == e06 and all(("共用一个得分" in m) == (claim > 20) for m in found)


_LEVEL2S = {"产出指标": ["数量指标", "质量指标", "时效指标"], "效益指标": ["社会效益指标", "可持续影响指标"],
            "满意度指标": ["服务对象满意度指标"]}


@st.composite
def _merged_forms(draw: st.DrawFn) -> list[Cell]:
    """A 申报表 drawn with the merges a workbook has: a tall label column beside the grid (or none),
    level cells merged down over their rows, a value group over two columns (or one 指标值), the
    satisfaction level-1 merged across both level columns (or not), a 合计 row merged across the level
    columns (or none)."""
    label = draw(st.booleans())
    value = draw(st.sampled_from(["single", "dated", "places"]))
    across = draw(st.booleans())
    total = draw(st.sampled_from([None, "label", "levels"])) if label else draw(st.sampled_from([None, "levels"]))
    x = 1 if label else 0  # the first level column
    width = x + 3 + (1 if value == "single" else 2)
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=width - 1),
             c(1, 0, "年度目标"), c(1, 1, "养护农村公路120公里。", c2=width - 1)]
    two_rows = value != "single"
    head = 2
    cells += [c(head, x + k, h, r2=head + 1 if two_rows else None) for k, h in enumerate(["一级指标", "二级指标", "三级指标"])]
    if value == "single":
        cells.append(c(head, x + 3, "指标值"))
    else:
        group, subs = ("指标值", ["2023年实际值", "2024年目标值"]) if value == "dated" else ("区域目标值", ["东区", "西区"])
        cells += [c(head, x + 3, group, c2=x + 4), c(head + 1, x + 3, subs[0]), c(head + 1, x + 4, subs[1])]
    r = head + (2 if two_rows else 1)
    first = r
    n = 0
    for level1, level2s in _LEVEL2S.items():
        top1 = r
        for level2 in level2s[: draw(st.integers(1, len(level2s)))]:
            top2 = r
            for _ in range(draw(st.integers(1, 2))):
                n += 1
                cells.append(c(r, x + 2, f"指标{n}"))
                vals = [f"≥{n}个"] if value == "single" else (["", f"≥{n}个"] if value == "dated" else [f"≥{n}个", f"≥{n + 1}个"])
                cells += [c(r, x + 3 + k, v) for k, v in enumerate(vals) if v]
                r += 1
            if level1 != "满意度指标" or not across:
                cells.append(c(top2, x + 1, level2, r2=r - 1))
        if level1 == "满意度指标" and across:
            cells.append(c(top1, x, "社会公众或服务对象满意度指标", r2=r - 1, c2=x + 1))
        else:
            cells.append(c(top1, x, level1, r2=r - 1))
    if label:
        cells.append(c(head, 0, "绩效指标", r2=r - 1))
    if total == "label":
        cells += [c(r, 0, "合计", c2=x + 2), c(r, x + 3, "100")]
    elif total == "levels":
        cells += [c(r, x, "合计", c2=x + 2), c(r, x + 3, "100")]
    assert first < r
    return cells


@settings(max_examples=30, deadline=None)
@given(_merged_forms())
def test_a_form_saved_as_csv_reads_like_its_workbook(tmp_path_factory: pytest.TempPathFactory, cells: list[Cell]) -> None:
    """Issue #18: a 申报表 saved as CSV (every merge lost: a merged cell's text in its first cell, the rest
    blank) reads to the same indicators — levels, names, values — and the same error findings as its
    workbook, whatever merges the workbook had."""
    tmp = tmp_path_factory.mktemp("csv")
    book = read_table(xlsx_forms(tmp / "f.xlsx", [[cells]]))
    text = read_table(_saved_as_csv(cells, tmp / "f.csv"))

    def seen(table: PerfTable) -> tuple[list[tuple], list[tuple[str, str]]]:
        inds = [(i.level1, i.level2, i.name, i.period_value.raw, i.annual_value.raw)
                for i in _only_project(table).indicators]
        return inds, sorted((i.code, i.message) for i in check_table(table) if i.severity == "error")

    assert seen(text) == seen(book)


@st.composite
def _merged_selfevals(draw: st.DrawFn) -> list[Cell]:
    """A 自评表 drawn with the merges a workbook has: a tall label column (or none), level cells merged
    down, the satisfaction level-1 across both level columns (or not), one 得分 merged over a level-2
    group's rows (or one per row), a 总分 row merged across the level columns."""
    label = draw(st.booleans())
    across = draw(st.booleans())
    x = 1 if label else 0
    width = x + 7
    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=width - 1),
             c(1, 0, "年度绩效目标"), c(1, 1, "养护农村公路120公里。", c2=width - 1)]
    cells += [c(2, x + k, h) for k, h in enumerate(["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)",
                                                   "分值", "得分"])]
    r, n = 3, 0
    for level1, level2s in _LEVEL2S.items():
        top1 = r
        for level2 in level2s[: draw(st.integers(1, len(level2s)))]:
            top2, rows = r, draw(st.integers(1, 3))
            shared = rows > 1 and draw(st.booleans())
            for _ in range(rows):
                n += 1
                cells += [c(r, x + 2, f"指标{n}"), c(r, x + 3, f"≥{n}个"), c(r, x + 4, f"{n}个"), c(r, x + 5, 10)]
                if not shared:
                    cells.append(c(r, x + 6, 10))
                r += 1
            if shared:
                cells.append(c(top2, x + 6, 10 * rows, r2=r - 1))
            if level1 != "满意度指标" or not across:
                cells.append(c(top2, x + 1, level2, r2=r - 1))
        if level1 == "满意度指标" and across:
            cells.append(c(top1, x, "社会公众或服务对象满意度指标", r2=r - 1, c2=x + 1))
        else:
            cells.append(c(top1, x, level1, r2=r - 1))
    if label:
        cells.append(c(2, 0, "年度绩效指标", r2=r - 1))
    cells += [c(r, 0, "总分", c2=x + 4), c(r, x + 5, 10 * n), c(r, x + 6, 10 * n)]
    return cells


@settings(max_examples=30, deadline=None)
@given(_merged_selfevals())
def test_a_selfeval_saved_as_csv_reads_like_its_workbook(tmp_path_factory: pytest.TempPathFactory,
                                                         cells: list[Cell]) -> None:
    """Issue #18 for the 自评表: saved as CSV it reads to the same indicators — levels, names, targets,
    actuals, 分值 and 得分 — and the same error findings as its workbook, a 得分 merged over a group
    shared by its rows in both."""
    from perfgoals_xl.scoring.claims import shared_groups

    tmp = tmp_path_factory.mktemp("csv")
    book = read_table(xlsx_forms(tmp / "s.xlsx", [[cells]]))
    text = read_table(_saved_as_csv(cells, tmp / "s.csv"))

    def seen(table: PerfTable) -> tuple:
        project = _only_project(table)
        inds = [(i.level1, i.level2, i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None,
                 i.weight, i.score) for i in project.indicators]
        errors = sorted((i.code, i.message) for i in check_table(table) if i.severity == "error")
        return inds, shared_groups(project.indicators), project.total_score, errors

    assert seen(text) == seen(book)


def _cut_form_page() -> str:
    rows = [("项目名称", "某县水源地保护工作经费"), ("项目填报人", "李四"), ("填报人联系电话", "0736-1234567"),
            ("业务股室", "经建股"), ("专项立项依据", "《某某办法》"), ("专项长期绩效目标", "加强水源地保护。")]
    cells = "".join(f"<tr><td>{a}</td><td colspan='3'>{b}</td></tr>" for a, b in rows)
    return ("<html><head><meta charset='utf-8'><title>某局2021年度绩效目标公开</title></head><body>"
            "<p>预算项目绩效目标申报表</p><p>( 2021 年度)</p><p>填报单位(公章):某县某局</p><p>金额:100 万元</p>"
            f"<table border='1'>{cells}</table></body></html>")


@pytest.mark.parametrize("suffix", [".html", ".csv"])
def test_a_form_cut_before_its_grid_under_its_title(tmp_path, suffix):
    """A 预算项目绩效目标申报表 published without its indicators (a copy cut there): its title names a
    target form, so the project block is read as one (else only 项目名称 and 长期目标 are form labels,
    and the file was refused); 金额:100 万元 above it is the total, written with its unit."""
    path = tmp_path / f"申报表{suffix}"
    if suffix == ".html":
        path.write_text(_cut_form_page(), encoding="utf-8")
    else:
        path.write_text("预算项目绩效目标申报表\n金额:100 万元\n项目名称,某县水源地保护工作经费\n项目填报人,李四\n"
                        "业务股室,经建股\n专项长期绩效目标,加强水源地保护。\n", encoding="utf-8")
    table = read_table(path)
    project = table.projects()[0]
    assert project.name == "某县水源地保护工作经费" and project.amounts.total == 100
    assert project.period_goal == "加强水源地保护。"


def test_a_department_label_with_its_budget_code():
    """主管部门(单位)名称及部门预算编码 (福建 区域绩效目标表) names the department."""
    from perfgoals_xl.sources.vocabulary import form_label_of

    for label in ("主管部门(单位)名称及部门预算编码", "主管部门及预算代码", "主管部门名称及编码"):
        assert form_label_of(label)[0] == "department"


def _money_table(name: str) -> list:
    """A report's 资金到位 table under a form: 项目名称 heads a column, the form's project stands under it."""
    from form_fixtures import c as cell

    return [cell(0, 0, "项目名称"), cell(0, 1, "资金来源"), cell(0, 2, "资金计划\n（万元）"),
            cell(0, 3, "资金到位\n情况（万元）"), cell(0, 4, "到位率"),
            cell(1, 0, name), cell(1, 1, "县级财政资金"), cell(1, 2, "250"), cell(1, 3, "250"), cell(1, 4, "100%")]


def test_a_money_table_keyed_by_the_forms_project_is_no_second_form(tmp_path: Path) -> None:
    (form, exp), (second, exp2) = form_provincial(), form_88()
    path = xlsx_forms(tmp_path / "report.xlsx", [[form, _money_table(exp.name), second, _money_table(exp2.name)]])
    table = read_table(path)
    # the tables naming a form's own project stay that form's; the second form still starts at its label
    assert [p.name for p in table.projects()] == [exp.name, exp2.name]
    for project, expected in zip(table.projects(), (exp, exp2), strict=True):
        assert project.goal == expected.goal
        assert project.amounts.total == expected.amounts["total"]
        assert len(project.indicators) == len(expected.indicators)
