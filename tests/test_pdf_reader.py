"""The PDF reader on real PDFs printed by LibreOffice: the model read equals the model intended.

Fixtures are built here, never committed: a model (the seed, or a generated table
long enough for several pages) is written as the official 7-column sheet — by the
report renderer (perfgoals_xl.report) when it exists, else by a small writer
below — and printed to PDF by LibreOffice headless, all files in one conversion
per session. Without ``soffice`` these tests are skipped (CI installs it).
"""

from __future__ import annotations

import dataclasses
import importlib
import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from perfgoals_xl import grammar
from perfgoals_xl.errors import InputError
from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.pdf import read_pdf, read_pdf_text
from perfgoals_xl.values import parse_value

HEADERS = ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
FIELDS = ("name", "total", "fiscal", "special", "other", "goal", "indicators")
_LEVELS = [("1", "产出指标", "11", "数量指标"), ("1", "产出指标", "12", "质量指标"), ("1", "产出指标", "13", "时效指标"),
           ("2", "效益指标", "22", "社会效益"), ("2", "效益指标", "24", "可持续影响"), ("3", "满意度指标", "31", "服务对象满意度")]
_NAMES = ["完成培训人次", "验收合格率", "配合信访维稳工作及时、合法处置", "故障及时响应率", "群众满意率", "服务人员稳定",
          "采暖补贴及时发放", "经济协作走访调研、宣传推广、举办活动次数"]
_VALUES = ["100%", "≥95%", "95%以上", "12个", "10月底前", "及时、合法", "大于等于18摄氏度", "4辆", "较安全", "2024年12月31日前"]
_GOAL = ["保障在京政务服务、在京经济协作交流、信息调研及信访维稳工作", "提高信息化设备的运行维护效率",
         "通过不断完善OA办公系统（含移动办公）、视频会议系统等信息化系统的运维服务质量", "按时足额发放各项补贴"]
#: Amount patterns, including those published text cannot place (财政专户拨款 or 其他资金 alone).
_PATTERNS = [("fiscal",), ("special",), ("other",), ("fiscal", "other"), ("fiscal", "special", "other")]


# -- models -----------------------------------------------------------------------------
def generated_table(n_projects: int, seed: int, *, giant: int | None = None) -> PerfTable:
    """A reproducible table over 3 fund units; project `giant` gets 60 indicators."""
    rng = random.Random(seed)
    units = [FundUnit(name=n) for n in ("广州市财政局", "广州市越秀区教育局", "广州市黄埔区科学技术局")]
    for n in range(n_projects):
        parts = rng.choice(_PATTERNS)
        values = {p: Decimal(rng.randint(100, 900_000)) / 100 for p in parts}
        amounts = Amounts(total=sum(values.values(), Decimal(0)), **values)
        count = 60 if n == giant else rng.randint(2, 9)
        items = []
        for seq in range(1, count + 1):
            c1, l1, c2, l2 = rng.choice(_LEVELS)
            annual = rng.choice(_VALUES)
            items.append(Indicator(seq, c1, l1, c2, l2, rng.choice(_NAMES), parse_value(rng.choice([annual, "100%"])),
                                   parse_value(annual)))
        goal = "，".join(rng.sample(_GOAL, rng.randint(1, 4))) + "。"
        units[n * 3 // n_projects].projects.append(
            Project(name=f"专项业务经费{n + 1}号（{rng.choice(['信息化运维', '培训', '宣传推广'])}）", amounts=amounts,
                    goal=goal, indicators=items))
    for unit in units:
        unit.amounts = _sum([p.amounts for p in unit.projects])
    return PerfTable(department="广州市财政局", amounts=_sum([u.amounts for u in units]), units=units)


def _sum(parts: list[Amounts]) -> Amounts:
    out = Amounts()
    for name in ("total", "fiscal", "special", "other"):
        values = [a.get(name) for a in parts if a.get(name) is not None]
        setattr(out, name, sum(values, Decimal(0)) if values else None)
    return out


# -- writing the sheets ---------------------------------------------------------------------
def _report_modules():
    """(layout, xlsx_renderer) modules of the report renderer, or None while it does not exist."""
    try:
        return (importlib.import_module("perfgoals_xl.report.layout"),
                importlib.import_module("perfgoals_xl.report.xlsx_renderer"))
    except ModuleNotFoundError:
        return None


def write_report_sheet(table: PerfTable, path: Path, *, borders: bool = True, break_in_chunks: bool = False) -> None:
    """The official sheet by the report renderer; optionally borderless or with a page break
    before the first continuation row of a project split over rows."""
    modules = _report_modules()
    if modules is None:
        write_own_sheet(table, path, borders=borders, split=None)
        return
    import xlsxwriter

    layout = modules[0].build_report_layout(table)
    if not borders:
        layout.styles = {k: dataclasses.replace(s, borders="") for k, s in layout.styles.items()}
    workbook = xlsxwriter.Workbook(str(path))
    sheet = modules[1].render_xlsx(layout, workbook)
    if break_in_chunks:
        names = {c.row: c.value for c in layout.cells if c.col == 0}
        rows = [c.row for c in layout.cells if c.col == 6 and c.value and c.row > 2
                and (not names.get(c.row) or str(names[c.row]).endswith("（续）"))]
        assert rows, "the fixture needs a project split over continuation rows"
        sheet.set_h_pagebreaks([min(rows)])
    workbook.close()


def write_own_sheet(table: PerfTable, path: Path, *, borders: bool = True, order: tuple[int, ...] = tuple(range(7)),
                    grouped: bool = False, split: tuple[str, int, int] | None = None) -> None:
    """A published-style sheet in any column order; grouped puts 资金来源 over the source columns;
    split=(project, goal_cut, indicator_cut) continues that project's row on the next page."""
    import math

    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("表")
    border = 1 if borders else 0
    base = {"font_name": "Noto Sans CJK SC", "font_size": 10, "border": border, "valign": "top", "text_wrap": True}
    head = workbook.add_format({**base, "bold": True, "align": "center", "valign": "vcenter"})
    text = workbook.add_format(base)
    number = workbook.add_format({**base, "num_format": "#,##0.00"})
    widths = {"name": 24, "goal": 34, "indicators": 60}
    for col, f in enumerate(order):
        sheet.set_column(col, col, widths.get(FIELDS[f], 11))
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.merge_range(0, 0, 0, 6, table.title, workbook.add_format({"bold": True, "font_size": 16, "align": "center"}))
    sheet.write_string(1, 0, f"部门名称：{table.department}")
    sheet.write_string(1, 6, "单位：万元")
    header_rows = 4 if grouped else 3
    for col, f in enumerate(order):
        if grouped and FIELDS[f] in ("fiscal", "special", "other"):
            sheet.write_string(3, col, HEADERS[f], head)
        elif grouped:
            sheet.merge_range(2, col, 3, col, HEADERS[f], head)
        else:
            sheet.write_string(2, col, HEADERS[f], head)
    if grouped:
        cols = [col for col, f in enumerate(order) if FIELDS[f] in ("fiscal", "special", "other")]
        assert cols == list(range(min(cols), min(cols) + 3)), "the grouped columns must be adjacent"
        sheet.merge_range(2, min(cols), 2, max(cols), "资金来源", head)
    sheet.repeat_rows(0, header_rows - 1)
    row = header_rows

    def lines(value: str, width: int) -> int:
        return max(1, math.ceil(sum(1.7 if ord(c) > 0x2E80 else 1.0 for c in value) / (width - 1)))

    # A split row's name and amount cells are one block open across the break (no border between).
    open_down = workbook.add_format({**base, "bottom": 0, "num_format": "#,##0.00"})
    open_up = workbook.add_format({**base, "top": 0})

    def put(values: dict[str, object], block: object = None) -> None:
        nonlocal row
        height = 1
        for col, f in enumerate(order):
            value = values.get(FIELDS[f])
            in_block = block is not None and FIELDS[f] not in ("goal", "indicators")
            if isinstance(value, Decimal):
                sheet.write_number(row, col, float(value), block if in_block else number)
            elif value:
                sheet.write_string(row, col, str(value), block if in_block else text)
                height = max(height, lines(str(value), widths.get(FIELDS[f], 11)))
            else:
                amount = FIELDS[f] in ("total", "fiscal", "special", "other")
                sheet.write_blank(row, col, None, block if in_block else number if amount else text)
        sheet.set_row(row, 14.5 * height + 6)
        row += 1

    def amounts(a: Amounts) -> dict[str, object]:
        return {k: a.get(k) for k in ("total", "fiscal", "special", "other")}

    put({"name": "合计", **amounts(table.amounts)})
    for unit in table.units:
        put({"name": unit.name, **amounts(unit.amounts)})
        for p in unit.projects:
            indicators = grammar.compose(p.indicators)
            if split and p.name == split[0]:
                _, g, i = split
                put({"name": "    " + p.name, **amounts(p.amounts), "goal": p.goal[:g], "indicators": indicators[:i]},
                    open_down)
                sheet.set_h_pagebreaks([row])
                put({"goal": p.goal[g:], "indicators": indicators[i:]}, open_up)
            else:
                put({"name": "    " + p.name, **amounts(p.amounts), "goal": p.goal, "indicators": indicators})
    workbook.close()


def write_text_lines(text: str, path: Path) -> None:
    """The published text layout printed line by line, no borders (as a text-only PDF)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("文本")
    fmt = workbook.add_format({"font_name": "Noto Sans CJK SC", "font_size": 10})
    sheet.set_column(0, 0, 110)
    sheet.set_paper(9)
    for n, line in enumerate(text.split("\n")):
        sheet.write_string(n, 0, line, fmt)
    workbook.close()


# -- the PDFs (one LibreOffice run per session) ----------------------------------------------
GIANT_TABLE = dict(n_projects=4, seed=7, giant=1)
OWN_TABLE = dict(n_projects=9, seed=3)


def indented_table() -> PerfTable:
    """Units whose amounts are not the sum of the projects printed under them (projects left out of
    the publication) and not named like the department: only the names' indentation tells them apart."""
    table = generated_table(**OWN_TABLE)
    for unit in table.units[1:]:
        unit.amounts = Amounts(total=unit.amounts.total + Decimal("1000.00"), fiscal=unit.amounts.fiscal,
                               special=unit.amounts.special, other=(unit.amounts.other or Decimal(0)) + Decimal("1000.00"))
    table.amounts = _sum([u.amounts for u in table.units])
    return table


def _split_point(table: PerfTable, project_index: int) -> tuple[str, int, int]:
    """Cut a project mid-goal and mid-item, inside the keyword 年度|指标值."""
    project = table.projects()[project_index]
    indicators = grammar.compose(project.indicators)
    cut = indicators.index("年度指标值", len(indicators) // 2) + 2
    return project.name, len(project.goal) // 2, cut


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory, seed_path) -> dict[str, Path]:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixtures cannot be printed")
    from perfgoals_xl.sources.published_text import read_published_text

    out = tmp_path_factory.mktemp("pdfs")
    seed = read_published_text(seed_path)
    own = generated_table(**OWN_TABLE)
    sheets = {
        "seed": lambda p: write_report_sheet(seed, p),
        "long": lambda p: write_report_sheet(generated_table(24, seed=1), p),
        "chunked": lambda p: write_report_sheet(generated_table(**GIANT_TABLE), p, break_in_chunks=True),
        "unruled": lambda p: write_report_sheet(seed, p, borders=False),
        "own": lambda p: write_own_sheet(own, p, order=(6, 0, 5, 1, 2, 3, 4), grouped=True,
                                         split=_split_point(own, 4)),
        "lines": lambda p: write_text_lines(seed_path.read_text(encoding="utf-8"), p),
        "indented": lambda p: write_own_sheet(indented_table(), p),
    }
    for name, write in sheets.items():
        write(out / f"{name}.xlsx")
    profile = f"-env:UserInstallation=file://{out / 'lo_profile'}"
    command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(out)]
    subprocess.run(command + [str(out / f"{n}.xlsx") for n in sheets], check=True, capture_output=True, timeout=180)
    encrypt = ('pdf:calc_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"mima"}}')
    (out / "enc").mkdir()
    subprocess.run([soffice, "--headless", profile, "--convert-to", encrypt, "--outdir", str(out / "enc"),
                    str(out / "seed.xlsx")], check=True, capture_output=True, timeout=120)
    paths = {name: out / f"{name}.pdf" for name in sheets}
    paths["encrypted"] = out / "enc" / "seed.pdf"
    missing = [str(p) for p in paths.values() if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return paths


# -- comparing models field by field ------------------------------------------------------------
def _amounts(a: Amounts) -> tuple:
    return a.total, a.fiscal, a.special, a.other


def _indicator(i: Indicator) -> tuple:
    return (i.seq, i.level1_code, i.level1, i.level2_code, i.level2, i.name, i.period_value.raw, i.annual_value.raw)


def assert_same_model(read: PerfTable, intended: PerfTable) -> None:
    """Every field, with a readable diff at the first difference; then model equality."""
    assert (read.title, read.department, read.unit) == (intended.title, intended.department, intended.unit)
    assert _amounts(read.amounts) == _amounts(intended.amounts), "合计"
    assert [u.name for u in read.units] == [u.name for u in intended.units]
    for ru, iu in zip(read.units, intended.units, strict=True):
        assert _amounts(ru.amounts) == _amounts(iu.amounts), ru.name
        assert [p.name for p in ru.projects] == [p.name for p in iu.projects]
        for rp, ip in zip(ru.projects, iu.projects, strict=True):
            assert _amounts(rp.amounts) == _amounts(ip.amounts), rp.name
            assert rp.goal == ip.goal, rp.name
            assert [_indicator(i) for i in rp.indicators] == [_indicator(i) for i in ip.indicators], rp.name
    assert read == intended


def _page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


# -- ruled tables ---------------------------------------------------------------------------------
def test_seed_printed_as_ruled_table_reads_back_exactly(pdfs, seed_table):
    table = read_pdf(pdfs["seed"])
    assert table.layout == "pdf"
    assert_same_model(table, seed_table)
    # Cells give the columns: nothing assumed, nothing to report (unlike the seed's text).
    assert not table.problems
    assert all(not p.amounts.assumed for p in table.projects())
    first = table.projects()[0]
    # The grid's form, as every container's (it was 第4行 / 第4行·绩效指标 from the cell reader).
    assert (first.location.sheet, first.location.cell) == ("第1页", "第4行·第1列")
    assert first.field_locations["indicators"].cell == "第4行·第7列"
    assert str(first.location).endswith("seed.pdf:第1页!第4行·第1列")


def test_generated_table_over_several_pages(pdfs):
    intended = generated_table(24, seed=1)
    assert _page_count(pdfs["long"]) >= 3
    table = read_pdf(pdfs["long"])
    assert table.problems == []
    assert_same_model(table, intended)
    pages = {p.location.sheet for p in table.projects()}
    assert len(pages) >= 3, "projects are located on their own pages"
    # Amount columns come from the cells: 财政专户拨款 or 其他资金 alone are placed exactly.
    alone = [p for p in table.projects() if p.amounts.fiscal is None]
    assert alone and all(p.amounts.special or p.amounts.other for p in alone)


def test_row_continued_on_next_page_is_joined(pdfs):
    intended = generated_table(**GIANT_TABLE)
    table = read_pdf(pdfs["chunked"])
    assert_same_model(table, intended)
    giant = table.projects()[1]
    assert len(giant.indicators) == 60
    pages = [item.location.sheet for item in giant.indicators]
    assert pages[0] != pages[-1], "the project's items come from two pages"
    assert table.problems == []


def test_columns_found_by_header_text_and_cell_split_mid_item(pdfs):
    """Columns in another order under a two-row header (资金来源 over the source columns),
    and a row cut by a page break in the middle of its goal and of the keyword 年度指标值."""
    intended = generated_table(**OWN_TABLE)
    table = read_pdf(pdfs["own"])
    assert table.layout == "pdf"
    assert_same_model(table, intended)
    split = table.projects()[4]
    pages = [int(i.location.sheet[1:-1]) for i in split.indicators]
    assert pages[-1] == pages[0] + 1, "the items before the break and after it keep their pages"
    assert table.problems == []


def test_layout_pdf_text_forces_the_text_reader(pdfs):
    """--layout pdf_text reads a ruled PDF through its text; the layout says so."""
    forced = read_table(pdfs["seed"], layout="pdf_text")
    assert forced.layout == "pdf_text"
    assert read_table(pdfs["seed"]).layout == "pdf"
    # Text shows no columns: the lone source column is assumed 财政拨款 and reported.
    assert {p.code for p in forced.problems} == {"S10"}


# -- no ruling lines: the text reader ----------------------------------------------------------------
def test_text_layout_pdf_falls_back_to_text(pdfs, seed_table):
    table = read_pdf(pdfs["lines"])
    assert table.layout == "pdf_text"
    assert_same_model(table, seed_table)
    # The text cannot show which column a lone amount is in: assumed and reported (S10).
    assert {p.code for p in table.problems} == {"S10"}
    pages = {p.location.sheet for p in table.problems}
    assert pages == {"第1页", "第2页"}
    assert all(p.location.cell.startswith("文本第") for p in table.problems)


def test_unruled_report_falls_back_to_text(pdfs, seed_table):
    """The official sheet printed without borders: pdfminer's text of it, read as published text."""
    table = read_table(pdfs["unruled"])
    assert table.layout == "pdf_text"
    assert_same_model(table, seed_table)


# -- bad PDFs ---------------------------------------------------------------------------------------
def test_encrypted_pdf_is_refused_clearly(pdfs):
    with pytest.raises(InputError, match="PDF 已加密") as err:
        read_table(pdfs["encrypted"])
    assert str(pdfs["encrypted"]) in str(err.value)


def test_corrupt_pdf_is_refused_clearly(tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    with pytest.raises(InputError, match="不是有效的 PDF") as err:
        read_table(bad)
    assert str(bad) in str(err.value)
    with pytest.raises(InputError, match="不是有效的 PDF"):
        read_table(bad, layout="pdf_text")


def _minimal_pdf(content: bytes) -> bytes:
    """A valid one-page PDF whose page draws `content` (no fonts: no text)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_without_text_asks_for_ocr(tmp_path):
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(_minimal_pdf(b"0 0 m 100 100 l S"))
    with pytest.raises(InputError, match="扫描件") as err:
        read_table(scan)
    assert str(scan) in str(err.value)
    with pytest.raises(InputError, match="扫描件"):
        read_pdf_text(scan)


def test_cli_import_says_which_layout(pdfs, tmp_path, capsys):
    from perfgoals_xl.cli import main

    assert main(["import", str(pdfs["seed"]), "-o", str(tmp_path / "out.json")]) == 0
    assert "版式：pdf）" in capsys.readouterr().out
    assert main(["import", str(pdfs["seed"]), "-o", str(tmp_path / "t.json"), "--layout", "pdf_text"]) == 0
    assert "版式：pdf_text）" in capsys.readouterr().out


# -- header mapping (no PDF needed) --------------------------------------------------------------------
def test_header_mapped_by_text_not_position():
    """The published table's header, in any order, over one row or two (资金来源 over the source
    columns), is the long format's header (longform_header.find_header), column by text."""
    from perfgoals_xl.sources.longform_header import find_header

    longform_keys = {"name": "project", "indicators": "legacy"}

    def mapped(*rows):
        header = find_header([list(r) for r in rows])
        assert header is not None
        return {c: k for k, c in header.columns.items()}

    assert mapped(HEADERS) == {i: longform_keys.get(f, f) for i, f in enumerate(FIELDS)}
    shuffled = ["绩效\n指标", "项目名称\n（资金使用单位）", "绩效目标", "总 计", "财政拨款", "财政专户\n拨款", "其他资金"]
    assert mapped(shuffled) == dict(enumerate(["legacy", "project", "goal", "total", "fiscal", "special", "other"]))
    grouped_top = ["项目名称（资金使用单位）", "总计", "资金来源", None, None, "绩效目标", "绩效指标"]
    assert mapped(grouped_top, ["", "", "财政拨款", "财政专户拨款", "其他资金", "", ""]) == {
        i: longform_keys.get(f, f) for i, f in enumerate(FIELDS)}
    # Data rows are not headers.
    from perfgoals_xl.sources.longform_header import find_header as header_of

    assert header_of([["合计", "390.00", "390.00", "", "", "", ""]]) is None
    assert header_of([["    驻京工作保障", "177.40", "177.40", None, None, "保障……", "1、2-效益指标；…"]]) is None


def test_units_told_from_projects_by_the_names_indentation(pdfs):
    """The PDF grid knows where each cell's text starts (Grid.cell_indents); longform reads a flush name
    followed by an indented one as a unit even when its amounts are not the sum of the projects below."""
    from perfgoals_xl.sources.containers.pdf import load_grids

    table = read_pdf(pdfs["indented"])
    assert table.layout == "pdf"
    assert_same_model(table, indented_table())
    (grid,) = load_grids(pdfs["indented"])
    assert grid.cell_indents
    names = {grid.rows[r][0]: v for (r, c), v in grid.cell_indents.items() if c == 0 and r > 3}
    assert names["广州市越秀区教育局"] < 0.35 < names["专项业务经费4号（信息化运维）"]
