"""A PDF whose pages are drawn through a rotation computed in floating point and shown upright by
/Rotate (a landscape table printed on portrait paper, as some printers and PDF joiners write it):
every rule is a hair (1e-13 pt) off its axis. pdfplumber tells a rule's direction by exact equality,
so before, its horizontal lines were taken for vertical ones, its cell borders drawn as thin
rectangles for paths with no direction, and the tables lost rows (a form read with no indicator and
a false PG-A04). Now each page's rules are squared before any reader looks
(``containers/pdf_rules.square_rules``), and such a file reads as the same page printed upright.

The fixtures are real corpus prints (a form, a 自评表, a long table of two pages, a Word-printed
部门整体 自评表), each drawn again through the rotation both ways (/Rotate 90 and 270)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfWriter, Transformation

from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.containers.pdf_rules import square_rules

CORPUS = Path(__file__).parent / "corpus"
PRINTS = ["ah-bozhou-2023-form-rengongzengyu/exported.pdf", "ah-luan-huoshan-2024-selfeval-tejiao/exported.pdf",
          "nx-shizuishan-2020-longform-yimiao/exported.pdf",
          "ah-huainan-shouxian-2023-department_selfeval-pingjia/word.pdf"]


def drawn_rotated(src: Path, out: Path, rotate: int) -> Path:
    """The PDF's pages drawn through a rotation (cos/sin in floating point) and shown upright by /Rotate."""
    writer = PdfWriter(clone_from=src)
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        turn = Transformation().rotate(90).translate(height, 0) if rotate == 90 else \
            Transformation().rotate(-90).translate(0, width)
        page.add_transformation(turn)
        page.mediabox.lower_left, page.mediabox.upper_right = (0, 0), (height, width)
        if "/CropBox" in page:
            del page["/CropBox"]
        page.rotation = rotate
    writer.write(out)
    return out


def _content(path: Path) -> tuple:
    """What was read, without where (the file's name and the cells' places differ)."""
    table = read_table(path)

    def indicators(items: list) -> list[tuple]:
        return [(i.level1, i.level2, i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None)
                for i in items]

    projects = [(p.name, p.goal, p.amounts.total, p.budget_executed, indicators(p.indicators)) for p in table.projects()]
    plan = (table.plan.goal, indicators(table.plan.indicators)) if table.plan is not None else None
    return table.kind, table.department, projects, plan


def _directions(path: Path) -> list[tuple[int, int]]:
    with pdfplumber.open(path) as pdf:
        return [(sum(e["orientation"] == "h" for e in p.edges), sum(e["orientation"] == "v" for e in p.edges))
                for p in pdf.pages]


@pytest.mark.parametrize("rotate", [90, 270])
@pytest.mark.parametrize("name", PRINTS, ids=[p.split("/")[0] for p in PRINTS])
def test_a_page_drawn_through_a_rotation_reads_as_printed_upright(tmp_path: Path, name: str, rotate: int) -> None:
    src = CORPUS / name
    rotated = drawn_rotated(src, tmp_path / "rotated.pdf", rotate)
    assert _directions(rotated) != _directions(src)  # (the fixture's rules are off their axes, as such files' are)
    assert _content(rotated) == _content(src)


def test_square_rules_makes_near_rules_exact_and_leaves_others(tmp_path: Path) -> None:
    src = CORPUS / PRINTS[0]
    rotated = drawn_rotated(src, tmp_path / "rotated.pdf", 90)
    with pdfplumber.open(rotated) as pdf, pdfplumber.open(src) as upright:
        page = square_rules(pdf.pages[0])
        got = sorted((e["orientation"], round(e["x0"], 1), round(e["top"], 1)) for e in page.edges)
        want = sorted((e["orientation"], round(e["x0"], 1), round(e["top"], 1)) for e in upright.pages[0].edges)
        assert got == want
    line = {"x0": 10.0, "x1": 200.0, "top": 50.0, "bottom": 60.0, "y0": 20.0, "y1": 30.0, "height": 10.0,
            "width": 190.0, "pts": [(10.0, 50.0), (200.0, 60.0)]}
    from perfgoals_xl.sources.containers.pdf_rules import _square_line

    _square_line(line)  # a slanted line (10 pt over 190) is no rule made straight
    assert (line["top"], line["bottom"]) == (50.0, 60.0)


@pytest.mark.parametrize("rotation", [90, 180, 255], ids=["upwards", "downwards", "stacked"])
def test_a_level_label_printed_turned_reads_in_its_own_direction(tmp_path: Path, rotation: int) -> None:
    """A tall merged 一级指标 cell with its label turned (Excel's text rotation: 90° reads upwards, 180 is
    90° the other way, 255 stacks the characters): read before as 标指出产 when printed upwards (a false
    PG-S03 on each indicator), since pdfplumber reads every turned text top to bottom."""
    import openpyxl
    from openpyxl.styles import Alignment
    from pdf_fixtures import soffice_pdf, write_ruled

    rows = [["项目名称", "乡村道路养护", None, None], ["年度资金总额", 120, "其中：财政拨款", 120],
            ["年度绩效目标", "完成养护300公里。", None, None], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "≥300公里"], [None, "质量指标", "验收合格率", "100%"],
            ["效益指标", "社会效益指标", "群众出行条件", "明显改善"], ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"]]
    wb = openpyxl.Workbook()
    ws = wb.active
    write_ruled(ws, rows, height=lambda row: 66 if str(row[1]).endswith("指标") and row[1] != "二级指标" else 20)
    ws.merge_cells("A5:A6")
    for r in range(5, 9):
        ws.cell(r, 1).alignment = Alignment(text_rotation=rotation, vertical="center", horizontal="center")
    for col in "ABCD":
        ws.column_dimensions[col].width = 24
    wb.save(tmp_path / "表.xlsx")
    soffice_pdf([tmp_path / "表.xlsx"], tmp_path)
    with pdfplumber.open(tmp_path / "表.pdf") as pdf:  # (the labels are printed turned, or stacked upright)
        assert any(not ch["upright"] for ch in pdf.pages[0].chars) == (rotation != 255)
    table = read_table(tmp_path / "表.pdf")
    [project] = table.projects()
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
