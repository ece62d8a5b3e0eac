"""Reader for published tables as PDF (公开发布的 PDF 表格), see docs/pdf.md and docs/containers.md.

:func:`read_pdf` reads the PDF container's grids (containers/pdf.py: a page's ruled tables stacked,
a table continued over pages stitched) by the layout the detector picks for each grid, as every
other container does; locations are the grid's (``第2页!第5行·第7列``). Grids no layout reads, and
pages of text without a ruled table (a cover, a table printed without lines), are named in one
读取提示 with their titles. 自评表 forms printed one under the other in one stitched grid are cut
apart by the 自评表 layout (selfeval_form.stacked_forms), as on a sheet.

Without ruling lines on any page, or when no grid gives a project, the text is extracted with
pdfminer.six (default LAParams) and read by the published-text importer
(:mod:`perfgoals_xl.sources.published_text`), whose column assumptions then apply (Amounts.assumed,
problem S10); the table's ``layout`` is then ``pdf_text``. Text lines are mapped back to their
page: ``Location(sheet="第2页", cell="文本第12行")`` (line within that page's extracted text).
``--layout pdf_form`` reads the 申报表 pages through sources/pdf_form.py.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import Location, PerfTable, Problem
from perfgoals_xl.sources.grid import Grid

if TYPE_CHECKING:
    from perfgoals_xl.sources.containers.pdf_pages import PdfPage


#: A PDF whose fonts carry no map from glyphs to characters: its text comes out as glyph numbers.
GLYPHS_ONLY_MESSAGE = ("PDF 中的文字只有字形编号、没有对应的汉字（字体缺少 ToUnicode 编码表，某些打印机和 PDF 工具这样生成），"
                       "提取不出文字：请改用原始的 Word / Excel 文件或网页，或在 PDF 阅读器中把它另存为图片后做文字识别（OCR）")


def read_pdf(path: str | Path) -> PerfTable:
    """Read a PDF: the container's grids (containers/pdf.py: a page's ruled tables stacked, a table
    continued over pages stitched) by the layout the detector picks for each; without ruled tables,
    or when no grid is a table that gives a project, the extracted text."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    from perfgoals_xl.sources.containers.pdf import stitch
    from perfgoals_xl.sources.containers.pdf_pages import open_pdf

    scan = None
    detected: PerfTable | None = None
    ruled = False  # did any page draw a ruled table?
    with open_pdf(p) as pdf:  # safety checks first; pages read one by one (memory flat in pages)
        if not pdf.has_text():
            raise InputError(p, "PDF 中没有可提取的文字（可能是扫描件）：请先做文字识别（OCR）")
        if pdf.glyphs_only():
            raise InputError(p, GLYPHS_ONLY_MESSAGE)
        if not pdf.draws_lines():  # no ruling line on any page: no ruled table, read the text
            scan = pdf.scan  # each page's plain text: laid out only where it matters
        else:
            text_pages: dict[int, str] = {}
            grids = stitch(_noting_text_pages(pdf.pages(), text_pages))
            ruled = bool(grids)
            detected = _read_detected(grids, str(path), text_pages)
            if detected is not None and _read_something(detected):
                return detected
    table = _read_text(p, str(path), scan, unruled=scan is not None or not ruled)
    if not table.projects() and detected is not None:
        return detected
    return table


#: A PDF whose pages draw no ruling line but print an indicator grid's headings: a web page printed
#: after its style sheet was lost (saved as "HTML only"), or a table laid out without borders. Its
#: cells cannot be told apart without rules; what the user holds that reads is said instead.
UNRULED_MESSAGE = ("PDF 中的表格没有表格线（网页另存时丢了样式、或排版时没加边框），无法分清单元格，按文本也读不出："
                   "请改用原网页另存的 .html、原始工作簿或 Word 文件，或加上表格线后重新打印成 PDF")
#: Headings of an indicator grid (any two on the first pages say a table was printed there).
_GRID_HEADINGS = ("一级指标", "二级指标", "三级指标", "指标值", "绩效指标", "绩效目标")


def _names_a_grid(text: str) -> bool:
    """Does a PDF's text print at least two of an indicator grid's headings?"""
    text = "".join(text.split())
    return sum(heading in text for heading in _GRID_HEADINGS) >= 2


def _read_something(table: PerfTable) -> bool:
    """Did the grids give a project, or a department's block (部门整体: no project rows)?"""
    return bool(table.projects()) or (table.kind == "department" and table.plan is not None)


def _noting_text_pages(pages: Iterable[PdfPage], found: dict[int, str]) -> Iterator[PdfPage]:
    """The pages as they come, noting (page → the title among its lines, or '') those with text but
    no ruled table (a cover, a table printed without lines): no grid of theirs is read."""
    from perfgoals_xl.sources import pdf_bundle

    for page in pages:
        if page.has_content and not page.tables:
            found[page.number] = pdf_bundle.table_title(page.above) or ""
        yield page


#: The detected layout → the table's layout name for a PDF.
_PDF_LAYOUTS = {"longform": "pdf", "form": "pdf_form", "selfeval_form": "selfeval_pdf"}


def _read_detected(grids: list[Grid], path: str, text_pages: dict[int, str]) -> PerfTable | None:
    """The container's grids read by the layout the detector picks (docs/containers.md); grids no
    layout reads, and pages of text without a ruled table, are named by their pages and titles (one
    info); None when no grid is ours."""
    from perfgoals_xl.sources.readers import read_detected

    named: list[bool] = []

    def note(skipped: list[Grid]) -> Problem:
        named.append(True)
        return _skipped_pages(skipped, path, text_pages)

    table = read_detected(grids, source=path, skipped_note=note)
    if table is not None:
        table.layout = _PDF_LAYOUTS.get(table.layout, table.layout)
        if text_pages and not named:
            table.problems.append(_skipped_pages([], path, text_pages))
    return table


def _skipped_pages(grids: list[Grid], path: str, text_pages: dict[int, str]) -> Problem:
    """The one info naming the pages not read — those of grids that are no performance table, with
    their titles (the lines printed above each grid's first table), and those of text without a
    ruled table."""
    from perfgoals_xl.sources import pdf_bundle

    pages: list[int] = []
    titles: list[str] = []
    for grid in grids:
        places = getattr(grid.locate, "places", None) or []
        above = [str(row[0]) for row, (_, n) in zip(grid.rows, places, strict=False) if n < 0 and row and row[0]]
        title = pdf_bundle.table_title(above) or ""
        for page in sorted({page for page, _ in places}):
            pages.append(page)
            titles.append(title)
    for page, title in text_pages.items():
        if page not in pages:
            pages.append(page)
            titles.append(title)
    if not any(titles):
        return Problem("S11", f"{pdf_bundle.page_list(pages or [1])}不是项目支出绩效目标表（没有项目名称、指标等表头），已跳过",
                       location=Location(file=path, sheet=f"第{min(pages or [1])}页"))
    return pdf_bundle.skipped_note(path, pages, titles)


def read_pdf_form(path: str | Path) -> PerfTable:
    """Read one-project forms (申报表) printed to PDF through the form reader (sources/pdf_form.py)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    from perfgoals_xl.sources.containers.pdf_pages import open_pdf
    from perfgoals_xl.sources.pdf_form import read_form_pages

    with open_pdf(p) as pdf:
        table = read_form_pages(pdf.pages(), str(path), sniff=False)
    if table is None:
        raise InputError(p, "PDF 中没有带表格线的申报表（项目名称、一级指标/二级指标/三级指标/指标值）")
    return table


def read_pdf_text(path: str | Path) -> PerfTable:
    """Read a PDF through its extracted text (pdfminer.six) and the published-text importer."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    return _read_text(p, str(path), None)


def _read_text(p: Path, path: str, scan: Any, *, unruled: bool = False) -> PerfTable:
    """The text route (read_pdf's, with the plain texts its first pass found, and read_pdf_text's).
    ``unruled``: no page drew a ruled table — a text that finds no coded table but prints an indicator
    grid's headings was a table printed without its rules (UNRULED_MESSAGE)."""
    from perfgoals_xl.sources.containers.pdf_pages import extract_text
    from perfgoals_xl.sources.published_text import parse_published_text

    text = extract_text(p, scan)  # safety checks first; a damaged file: one line
    if not text.strip():
        raise InputError(p, "PDF 中没有可提取的文字（可能是扫描件）：请先做文字识别（OCR）")
    text, note = _skip_other_pages(text, str(path))
    try:
        table = parse_published_text(text, source=str(path))
    except InputError as exc:
        if unruled and _names_a_grid(text):  # a table printed without its rules
            raise InputError(p, UNRULED_MESSAGE) from exc
        raise
    table.layout = "pdf_text"
    _locate_pages(table, text, str(path))
    if note is not None:
        table.problems.append(note)
    return table


def _skip_other_pages(text: str, path: str) -> tuple[str, Problem | None]:
    """Blank the pages of other tables (收支总表 …) in a bundled PDF's text, keeping line numbers."""
    from perfgoals_xl.sources import pdf_bundle

    pages = text.split("\f")
    keep, titles = pdf_bundle.page_kinds(pages)
    skipped = [n for n, kept in enumerate(keep, 1) if not kept]
    if not skipped or not any(keep):
        return text, None
    for n in skipped:
        pages[n - 1] = "\n" * pages[n - 1].count("\n")
    note = pdf_bundle.skipped_note(path, skipped, [titles.get(n, "") for n in skipped])
    return "\f".join(pages), note


def _locate_pages(table: PerfTable, text: str, path: str) -> None:
    """Turn text line numbers into page + line-on-page (pdfminer ends each page with \\f)."""
    page_starts = [1]  # first line number of each page
    for number, line in enumerate(text.split("\n"), 1):
        if "\f" in line and number > 1:
            page_starts.append(number if line.startswith("\f") else number + 1)

    def move(loc: Location | None) -> Location | None:
        if loc is None or loc.line is None:
            return loc
        page = bisect.bisect_right(page_starts, loc.line)
        return Location(file=path, sheet=f"第{page}页", cell=f"文本第{loc.line - page_starts[page - 1] + 1}行")

    table.location = move(table.location)
    for unit in table.units:
        unit.location = move(unit.location)
        for project in unit.projects:
            project.location = move(project.location)
            project.field_locations = {k: move(v) for k, v in project.field_locations.items()}
            for item in project.indicators:
                item.location = move(item.location)
                item.field_locations = {k: move(v) for k, v in item.field_locations.items()}
    for problem in table.problems:
        problem.location = move(problem.location)


__all__ = ["read_pdf", "read_pdf_form", "read_pdf_text"]
