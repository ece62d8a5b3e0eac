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
