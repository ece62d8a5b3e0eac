"""Reader for published tables as PDF (公开发布的 PDF 表格), see docs/pdf.md.

:func:`read_pdf` reads the PDF container's grids (containers/pdf.py) by the layout the detector
picks for each grid, as every other container (docs/containers.md); locations are the grid's
(``第2页!第5行·第7列``). A PDF titled 绩效自评表 goes to the 自评表 reader page by page. Only when
the grids give no project are the PDF page readers tried — kept as a fallback until they are
retired: the 申报表 pages (sources/pdf_form.py) and the cell reader below — then the text.

The page readers, two ways, chosen per file:

* **Ruled table** (表格线, the usual case: published tables and our own reports are
  printed with cell borders). pdfplumber finds the cells from the ruling lines;
  the seven columns (项目名称（资金使用单位）| 总计 | 财政拨款 | 财政专户拨款 | 其他资金 |
  绩效目标 | 绩效指标) are mapped by their header text, not their position, so every
  amount lands in its own column without guessing (a blank cell is ``None``).
  Header rows repeated on each page (and a title or 部门名称 row inside the
  border) are dropped; a row continued on the next page (an empty name cell with
  text in 绩效目标 / 绩效指标) is joined to the project it continues.
  Rows: ``合计``, fund units (资金使用单位), projects — a project's name is indented
  (the x position of its first character within the cell, leading spaces
  included) or, without indentation, it is the row that has a goal or
  indicators.
* **No ruling lines** (or no table with the header above): the text is extracted
  with pdfminer.six (default LAParams) and read by the published-text importer
  (:mod:`perfgoals_xl.sources.published_text`), whose column assumptions then
  apply (Amounts.assumed, problem S10). The table's ``layout`` says which way
  was used: ``pdf`` (cells) or ``pdf_text`` (text).

Locations of the cell reader: ``Location(file, sheet="第2页", cell="第5行")`` — the page
number and the row counted from the top of that page's table, header row included; field
locations name the column too (``第5行·绩效指标``). In the text fallback, text
lines are mapped back to their page: ``cell="文本第12行"`` (line within that page's
extracted text).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfgoals_xl.errors import InputError
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    AMOUNT_LABELS,
    Amounts,
    FundUnit,
    Location,
    PerfTable,
    Problem,
    Project,
)
from perfgoals_xl.sources.containers.pdf_cells import join_lines as _join_lines
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.indicator_parts import parse_indicator_parts
from perfgoals_xl.sources.published_rows import MAX_FURNITURE_CHARS

if TYPE_CHECKING:
    from perfgoals_xl.sources.containers.pdf_pages import PdfPage

#: Column field → Chinese label (for locations and messages).
COLUMN_LABELS = {
    "name": "项目名称（资金使用单位）",
    **AMOUNT_LABELS,
    "goal": "绩效目标",
    "indicators": "绩效指标",
}
#: Header text → field, tried in order (the first keyword found in a header cell wins).
_HEADER_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("财政专户", "special"),
    ("财政拨款", "fiscal"),
    ("其他资金", "other"),
    ("总计", "total"),
    ("合计", "total"),
    ("绩效目标", "goal"),
    ("年度目标", "goal"),
    ("绩效指标", "indicators"),
    ("项目名称", "name"),
    ("资金使用单位", "name"),
    ("单位名称", "name"),
)
#: Words of a grouping header cell above the source columns (资金来源 → 财政拨款 …).
_GROUP_WORDS = ("资金来源", "其中", "金额", "预算数", "资金")
_SPACE = re.compile(r"[\s\u3000]+")
_TOTAL_NAME = re.compile(r"^[合总]\s*计$")
# The furniture patterns are only tried on text up to MAX_FURNITURE_CHARS long (the lazy 部门名称
# part makes them quadratic on longer text, which is content anyway).
_DEPT = re.compile(r"部门名称\s*+[:：]\s*+(?P<dept>.*?)\s*(?:(?:金额)?单位\s*+[:：]\s*+(?P<unit>\S++))?\s*$")
_UNIT = re.compile(r"(?:金额)?单位\s*+[:：]\s*+(?P<unit>\S++)\s*+$")
_TITLE = re.compile(r"项目支出绩效目标表\s*(?:（含转移支付项目）|\(含转移支付项目\))?")
_CONTINUED = re.compile(r"[（(]\s*续\s*[）)]$")
_BLANK_AMOUNT = {"", "-", "—", "－", "/", "——"}
#: A name indented by more than this many em (of its first character) is a project.
_INDENT_EM = 0.35


@dataclass
class _Cell:
    text: str
    indent: float | None = None  # x of the first visible character − cell left (points)
    size: float = 0.0  # font size of that character


@dataclass
class _Row:
    page: int
    number: int  # 1-based within the page's table(s), header rows included
    cells: dict[str, _Cell]

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.text if cell else ""


@dataclass
class _Pending:
    """A project being assembled: its goal and indicator cell parts may span pages."""

    project: Project
    goal_parts: list[str] = field(default_factory=list)
    indicator_parts: list[tuple[str, Location]] = field(default_factory=list)


def read_pdf(path: str | Path) -> PerfTable:
    """Read a PDF: the container's grids (containers/pdf.py: a page's ruled tables stacked, a table
    continued over pages stitched) by the layout the detector picks for each; when that reads no
    project, the PDF page readers (申报表 pages, the published table cell by cell); without ruled
    tables, the extracted text."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    from perfgoals_xl.sources.containers.pdf import stitch
    from perfgoals_xl.sources.containers.pdf_pages import open_pdf

    scan = None
    detected: PerfTable | None = None
    with open_pdf(p) as pdf:  # safety checks first; pages read one by one (memory flat in pages)
        if not pdf.has_text():
            raise InputError(p, "PDF 中没有可提取的文字（可能是扫描件）：请先做文字识别（OCR）")
        if not pdf.draws_lines():  # no ruling line on any page: no ruled table, read the text
            table, scan = None, pdf.scan  # each page's plain text: laid out only where it matters
        elif _is_selfeval(pdf.head_texts(_SELFEVAL_PAGES)):  # 项目支出绩效自评表: the self-evaluation reader
            from perfgoals_xl.sources.containers.pdf import page_grids
            from perfgoals_xl.sources.selfeval_form import table_from_grids

            return table_from_grids(page_grids(p), p, "selfeval_pdf", continued=True)
        else:
            detected = _read_detected(stitch(pdf.pages()), str(path))
            if detected is not None and detected.projects():
                return detected
            from perfgoals_xl.sources.pdf_form import read_form_pages

            table = read_form_pages(pdf.pages(), str(path)) or _CellReader(str(path)).read(pdf.pages())
    if table is None:
        table = _read_text(p, str(path), scan)
    if not table.projects() and detected is not None:
        return detected
    return table


#: The detected layout → the table's layout name for a PDF.
_PDF_LAYOUTS = {"longform": "pdf", "form": "pdf_form"}


def _read_detected(grids: list[Grid], path: str) -> PerfTable | None:
    """The container's grids read by the layout the detector picks (docs/containers.md); grids no
    layout reads are named by their pages and titles (one info); None when none is ours."""
    from perfgoals_xl.sources.readers import read_detected

    table = read_detected(grids, source=path, skipped_note=lambda skipped: _skipped_pages(skipped, path))
    if table is not None:
        table.layout = _PDF_LAYOUTS.get(table.layout, table.layout)
    return table


def _skipped_pages(grids: list[Grid], path: str) -> Problem:
    """The one info naming the pages of the grids that are no performance table, with their titles
    (the lines printed above each grid's first table)."""
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
    if not any(titles):
        return Problem("S11", f"{pdf_bundle.page_list(pages or [1])}不是项目支出绩效目标表（没有项目名称、指标等表头），已跳过",
                       location=Location(file=path, sheet=f"第{min(pages or [1])}页"))
    return pdf_bundle.skipped_note(path, pages, titles)


#: Pages looked at for a 自评表 title, and the title (with or without 项目支出) that names one.
_SELFEVAL_PAGES = 3
_SELFEVAL_TITLE = "绩效自评表"


def _is_selfeval(head_texts: list[str]) -> bool:
    """Do the first pages carry the title of a 项目支出绩效自评表 (ruled cells read by its own reader)?"""
    return any(_SELFEVAL_TITLE in text for text in head_texts)


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


def _read_text(p: Path, path: str, scan: Any) -> PerfTable:
    """The text route (read_pdf's, with the plain texts its first pass found, and read_pdf_text's)."""
    from perfgoals_xl.sources.containers.pdf_pages import extract_text
    from perfgoals_xl.sources.published_text import parse_published_text

    text = extract_text(p, scan)  # safety checks first; a damaged file: one line
    if not text.strip():
        raise InputError(p, "PDF 中没有可提取的文字（可能是扫描件）：请先做文字识别（OCR）")
    text, note = _skip_other_pages(text, str(path))
    table = parse_published_text(text, source=str(path))
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


def _normal(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def _header_fields(texts: list[str | None]) -> dict[int, str]:
    """Column index → field for one row, when every non-empty cell is header text."""
    mapping: dict[int, str] = {}
    for col, raw in enumerate(texts):
        text = _normal(raw)
        if not text:
            continue
        found = next((f for word, f in _HEADER_KEYWORDS if word in text), None)
        if found is None:
            if any(word in text for word in _GROUP_WORDS) and not re.search(r"\d", text):
                continue
            return {}
        mapping[col] = found
    return mapping


def _is_page_text(texts: list[str | None]) -> bool:
    """A title, 部门名称 or 单位 line printed inside the table border."""
    filled = [_normal(t) for t in texts if _normal(t)]
    if len(filled) == 1 and len(filled[0]) > MAX_FURNITURE_CHARS:
        return False
    return len(filled) == 1 and bool(_DEPT.search(filled[0]) or _TITLE.search(filled[0]) or _UNIT.match(filled[0]))


def _is_full_header(mapping: dict[int, str]) -> bool:
    fields_ = set(mapping.values())
    return "name" in fields_ and bool(fields_ & {"goal", "indicators"}) and bool(fields_ & set(AMOUNT_FIELDS))


class _CellReader:
    """Reads the cells of ruled tables page by page into rows, then rows into the model."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.table = PerfTable(source=path, layout="pdf")
        self.problems = self.table.problems
        self.skipped = 0  # rows of ruled tables that are not ours (no matching header)

    def loc(self, row: _Row, column: str | None = None) -> Location:
        cell = f"第{row.number}行" + (f"·{COLUMN_LABELS[column]}" if column else "")
        return Location(file=self.path, sheet=f"第{row.page}页", cell=cell)

    # -- pages → rows ---------------------------------------------------------------
    def read(self, pages: Iterable[PdfPage]) -> PerfTable | None:
        """The model, or None when no page has a ruled table with the expected header.

        Pages of a bundled PDF that hold other tables (收支总表 …) are skipped and named in one
        info problem. (A long-format table is read from the container's grids by longform.)
        """
        from perfgoals_xl.sources import pdf_bundle

        rows: list[_Row] = []
        columns: dict[int, str] | None = None
        width: int | None = None
        read_pages: set[int] = set()
        other: dict[int, str] = {}  # page → title of a table that is not ours
        for page in pages:
            found, above = page.tables, page.above
            title = pdf_bundle.table_title(above)
            if title is not None and not pdf_bundle.is_performance_title(title):
                columns = None  # another table begins: nothing continues onto this page
            number = 0
            for found_table in found:
                texts = found_table.texts
                header_at = next((i for i, t in enumerate(texts) if _is_full_header(_header_fields(t))), None)
                subheader = False  # the row right after a header may be a second header row
                taken = 0
                for index, (bboxes, row_texts) in enumerate(zip(found_table.boxes, texts, strict=True)):
                    number += 1
                    if header_at is not None and index < header_at or _is_page_text(row_texts):
                        self._page_text(row_texts)
                        continue
                    mapping = _header_fields(row_texts)
                    if index == header_at:
                        columns, width, subheader = mapping, len(row_texts), True
                        taken += 1
                        continue
                    if subheader and len(mapping) >= 2 and columns is not None:
                        columns.update(mapping)  # 财政拨款 … under a merged 资金来源 cell
                        continue
                    subheader = False
                    if columns is None or len(row_texts) != width:
                        if any(_normal(t) for t in row_texts):
                            self.skipped += 1
                        continue
                    row_texts = [text if text is not None or box is None else page.text_in(box)
                                 for text, box in zip(row_texts, bboxes, strict=True)]
                    rows.append(self._row(page, number, columns, bboxes, row_texts))
                    taken += 1
                if taken:
                    read_pages.add(page.number)
                else:  # a whole table that is not ours: its page is skipped, not its rows counted
                    self.skipped -= sum(1 for t in texts if any(_normal(x) for x in t))
                    other.setdefault(page.number, title or "")
            if page.number not in read_pages and page.has_content:
                other.setdefault(page.number, title or "")
            if not self.table.department and above and page.number in read_pages:
                self._page_text(above)
        if not rows:
            return None
        if self.skipped:
            self.problems.append(Problem("S01", f"有 {self.skipped} 行不属于带“项目名称、总计、绩效指标”表头的表格，已跳过",
                                         location=Location(file=self.path)))
        skipped_pages = sorted(set(other) - read_pages)
        if skipped_pages:
            self.problems.append(pdf_bundle.skipped_note(self.path, skipped_pages, [other[p] for p in skipped_pages]))
        self._build(rows)
        return self.table

    def _page_text(self, texts: list[str | None]) -> None:
        """Title and 部门名称 lines above (or inside) the table: keep the first seen."""
        for raw in texts:
            text = (raw or "").strip()
            if not text or len(text) > MAX_FURNITURE_CHARS:
                continue
            m = _DEPT.search(text)
            if m:
                self.table.department = self.table.department or m["dept"]
                self.table.department_source = "label" if self.table.department else None
                if m["unit"]:
                    self.table.unit = m["unit"]
                continue
            m = _UNIT.search(text)
            if m:
                self.table.unit = m["unit"]
            m = _TITLE.search(text)
            if m and self.table.location is None:
                self.table.title = m.group(0).strip()
                self.table.location = Location(file=self.path, sheet="第1页")

    def _row(self, page: PdfPage, number: int, columns: dict[int, str], bboxes: list, texts: list) -> _Row:
        cells: dict[str, _Cell] = {}
        for col, name in columns.items():
            text = texts[col] or ""
            cell = _Cell(text)
            if name == "name" and bboxes[col] is not None:
                cell.indent, cell.size = page.first_char(bboxes[col])
            cells[name] = cell
        return _Row(page.number, number, cells)

    # -- rows → model ---------------------------------------------------------------
    def _build(self, rows: list[_Row]) -> None:
        offsets = [r.cells["name"].indent for r in rows if r.cells.get("name") and r.cells["name"].indent is not None]
        flush = min(offsets, default=0.0)
        unit: FundUnit | None = None
        pending: _Pending | None = None
        for row in rows:
            name = "".join(row.text("name").split())
            goal = _join_lines(row.text("goal"))
            indicators = row.text("indicators").strip()
            has_amounts = any(_normal(row.text(f)) not in _BLANK_AMOUNT for f in AMOUNT_FIELDS)
            if not name and not has_amounts and not goal and not indicators:
                continue  # an empty row
            continued = _CONTINUED.sub("", name)
            if pending is not None and continued != name and continued == pending.project.name and not has_amounts:
                name = ""  # "<project>（续）": a continuation row that repeats the project's name
            if not name:
                if pending is None or has_amounts:
                    self.problems.append(Problem("S01", "这一行没有项目名称，也不是上一项目的续行，已跳过", location=self.loc(row)))
                    continue
                self._continue(pending, row, goal, indicators)
                continue
            if _TOTAL_NAME.match(name) and not goal and not indicators:
                self._finish(pending)
                pending = None
                self.table.amounts = self._amounts(row, name)
                self.table.field_locations["amounts"] = self.loc(row)
                continue
            cell = row.cells["name"]
            indented = cell.indent is not None and cell.indent - flush > _INDENT_EM * (cell.size or 10)
            if not indented and not goal and not indicators:
                self._finish(pending)
                pending = None
                unit = FundUnit(name=name, amounts=self._amounts(row, name), location=self.loc(row))
                self.table.units.append(unit)
                continue
            self._finish(pending)
            if unit is None:
                unit = FundUnit(name=self.table.department, location=self.loc(row))
                self.table.units.append(unit)
                self.problems.append(Problem("S01", f"项目“{name}”之前没有资金使用单位行，已归入部门“{unit.name}”",
                                             location=self.loc(row), project=name))
            project = Project(name=name, amounts=self._amounts(row, name), location=self.loc(row))
            project.field_locations = {"name": self.loc(row, "name"), "amounts": self.loc(row, "total")}
            if goal:
                project.field_locations["goal"] = self.loc(row, "goal")
            unit.projects.append(project)
            pending = _Pending(project)
            self._continue(pending, row, goal, indicators)
        self._finish(pending)

    def _continue(self, pending: _Pending, row: _Row, goal: str, indicators: str) -> None:
        if goal:
            pending.goal_parts.append(goal)
        if indicators:
            pending.indicator_parts.append((indicators, self.loc(row, "indicators")))

    def _finish(self, pending: _Pending | None) -> None:
        """Join a project's goal and indicator parts (across page breaks) and parse them."""
        if pending is None:
            return
        project = pending.project
        project.goal = "".join(pending.goal_parts)
        if not pending.indicator_parts:
            return
        parts = [part for part, _ in pending.indicator_parts]
        project.indicators_raw = "".join(parts).replace("\n", "")
        project.field_locations["indicators"] = pending.indicator_parts[0][1]
        project.indicators, problems = parse_indicator_parts(
            parts, separator="\n", locate=lambda i: pending.indicator_parts[i][1], project=project.name
        )
        self.problems.extend(problems)

    def _amounts(self, row: _Row, name: str) -> Amounts:
        values: dict[str, Decimal | None] = {}
        for column in AMOUNT_FIELDS:
            text = _normal(row.text(column)).replace(",", "").replace("，", "")
            if text in _BLANK_AMOUNT:
                values[column] = None
                continue
            try:
                values[column] = Decimal(text)
            except InvalidOperation:
                values[column] = None
                self.problems.append(Problem(
                    "A03", f"“{name}”的{AMOUNT_LABELS[column]}“{row.text(column).strip()}”不是数字",
                    location=self.loc(row, column), raw=row.text(column), project=name, field=column,
                ))
        return Amounts(**values)


__all__ = ["COLUMN_LABELS", "read_pdf", "read_pdf_form", "read_pdf_text"]
