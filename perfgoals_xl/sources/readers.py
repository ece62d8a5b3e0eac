"""Reading a file by path: its container gives grids, a layout reader reads them (docs/containers.md).

The layout readers (longform.py, form.py, selfeval_form.py …) take grids, never a path; the
containers (sources/containers/) turn a path into grids and know no layout. The functions here
join the two for each ``--layout`` name (sources.READERS).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from perfgoals_xl.cellref import column_letter
from perfgoals_xl.errors import InputError
from perfgoals_xl.model import Location, PerfTable, Problem
from perfgoals_xl.sources.grid import Grid, cell_text
from perfgoals_xl.sources.grid_join import join_form_heads, join_split_tables
from perfgoals_xl.sources.longform_header import HEADER_SEARCH_ROWS
from perfgoals_xl.sources.pasted_grids import as_pasted_tables


def _existing(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    if not p.is_file() and not p.is_dir():  # a pipe would be waited on for ever
        raise InputError(p, "不是普通文件（管道、设备或套接字），应为文件")
    return p


def read_longform(path: str | Path) -> PerfTable:
    """Read every grid of any container (workbook, text, Word, web page …) as long format
    (``--layout longform``: no detection)."""
    from perfgoals_xl.sources.longform import read_grids

    p = _existing(path)
    grids, kind = load_grids(p)
    notes = _assumed_notes(grids[0]) if kind == "text" and grids else {}  # PG-S10 survives a CSV hop
    table = read_grids(grids, source=str(p), layout="longform", release_rows=True)
    if notes:
        from perfgoals_xl.assumed_notes import apply_assumed_notes

        apply_assumed_notes(table, notes, sheet=grids[0].sheet or "", file=str(p))
    return table


def _assumed_notes(grid: Grid) -> dict[tuple[int, int], str]:
    """Our CSV's 金额推断列 (amounts_assumed) cells by (row, column): Amounts.assumed as note text."""
    from perfgoals_xl.longform_cells import ASSUMED_COLUMN, ASSUMED_HEADER

    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        names = [cell_text(v) for v in row]
        c = next((i for i, name in enumerate(names) if name in (ASSUMED_COLUMN, ASSUMED_HEADER)), None)
        if c is not None:
            return {(rr, c): cell_text(cells[c]) for rr, cells in enumerate(grid.rows[r + 1:], r + 1)
                    if c < len(cells) and cell_text(cells[c])}
    return {}


def load_grids(path: str | Path) -> tuple[list[Grid], str]:
    """The grids of a file through the container its content names, and that container's kind."""
    from perfgoals_xl.sources import containers

    kind = containers.kind_of(path)
    return containers.load_grids(path, kind), kind


def read_form(path: str | Path) -> PerfTable:
    """Read one-project forms (申报表) from any container into one table (``--layout form``; a
    项目支出绩效自评表 form among the grids: the whole file by the 自评表 reader)."""
    from perfgoals_xl.sources import selfeval_form
    from perfgoals_xl.sources.form import read_form_grids

    p = _existing(path)
    grids = as_pasted_tables(load_grids(p)[0])
    if selfeval_form.any_selfeval(grids):  # 项目支出绩效自评表: actual values, 得分 (docs/selfeval.md)
        return selfeval_form.table_from_grids(grids, str(p), "form", continued=True)
    return read_form_grids(grids, source=str(p))


def read_word(path: str | Path) -> PerfTable:
    """Read the tables of a Word document, each by the layout the detector picks for it."""
    return read_any(path, "word")


def read_html(path: str | Path) -> PerfTable:
    """Read the tables of a web page (.html/.htm/.mht, or a web site's .xls that is HTML)."""
    return read_any(path, "html")


#: A sniffed layout whose file is read grid by grid through the detector.
DETECTED = ("longform", "form", "word", "html")
#: Grids named in the skipped-grids note, at most.
_NAMED = 10


#: Containers giving each table of a document its grid (a sheet is a grid of its own, PDF pages are
#: joined by their container).
_TABLE_PER_GRID = frozenset({"word", "html", "mht"})


def read_any(path: str | Path, sniffed: str) -> PerfTable:
    """Container → grids → a layout per grid → one table (docs/containers.md).

    sniffed: what sources.sniff said (or the --layout forced: word, html). The table is named
    ``word``/``html`` for those containers, else by the layout of the first grids read. Nothing
    any layout accepts: a text file is read as published text (its reader says what is missing);
    other files by the reader the sniff named (its error says which header is missing).
    """
    from perfgoals_xl.sources import containers

    p = _existing(path)
    kind = containers.kind_of(p)
    if sniffed == "word" and kind != "word":
        raise InputError(p, "不是 Word 文档：应为 .docx（或旧版 .doc、WPS .wps）")
    if sniffed == "html" and kind not in ("html", "mht"):
        raise InputError(p, "不是网页（HTML）文件：应为另存的 .html/.htm/.mht，或网站导出的 .xls 网页")
    grids = containers.load_grids(p, kind)
    if kind in _TABLE_PER_GRID:
        grids = join_split_tables(grids)  # a table a page break split in two (a Word file, its saved page)
    grids = as_pasted_tables(grids)
    notes = _assumed_notes(grids[0]) if kind == "text" and grids else {}
    table = read_detected(grids, source=str(p))
    if table is None:
        if kind == "text" and p.suffix.lower() not in (".csv", ".tsv"):
            from perfgoals_xl.sources.published_text import read_published_text

            return read_published_text(p)  # not a table of any layout: its reader says what is missing
        if sniffed == "form":
            from perfgoals_xl.sources.form import read_form_grids

            return read_form_grids(grids, source=str(p))
        if sniffed == "department":
            from perfgoals_xl.sources.department import read_department_grids

            return read_department_grids(grids, source=str(p))  # (its error names what is missing)
        from perfgoals_xl.sources.longform import read_grids

        return read_grids(grids, source=str(p), layout=sniffed, require_all=False)
    if sniffed in ("word", "html"):
        table.layout = sniffed
    if notes and table.layout == "longform":
        from perfgoals_xl.assumed_notes import apply_assumed_notes

        apply_assumed_notes(table, notes, sheet=grids[0].sheet or "", file=str(p))
    return table


def read_detected(grids: list[Grid], *, source: str | None,
                  skipped_note: Callable[[list[Grid]], Problem] | None = None) -> PerfTable | None:
    """Each grid read by the layout the detector picks; None when no grid is a performance table.

    Grids of one layout are read together (a form may go on over several sheets or pages);
    grids with content that no layout accepts are named once in a 读取提示 (PG-S11 info) —
    by skipped_note when the container names them its own way (the pages and titles of a PDF).
    """
    from perfgoals_xl.sources.detect import LAYOUT_READERS, continues, detect, head_layouts

    groups: dict[str, list[Grid]] = {}
    skipped: list[str] = []
    skipped_grids: list[Grid] = []
    stacked = _stacked(grids)
    layouts: list[str | None] = []
    for grid in grids:
        layout = detect(grid)
        if layout is None and layouts and continues(layouts[-1], grid):
            layout = layouts[-1]  # its next page, under no header of its own
        layouts.append(layout)
    layouts = head_layouts(layouts, grids)
    grids, layouts = join_form_heads(grids, layouts)  # a 申报表's block and its grid printed as two tables
    unseen = _hidden_unread(grids, layouts)
    for n, (grid, layout) in enumerate(zip(grids, layouts, strict=True), 1):
        if id(grid) in unseen:
            continue
        if layout is not None:
            groups.setdefault(layout, []).append(grid)
        elif _has_content(grid):
            skipped.append(stacked[id(grid)][0] if id(grid) in stacked else grid.sheet or f"第{n}个表格")
            skipped_grids.append(grid)
    if not groups:
        return None
    tables = [LAYOUT_READERS[layout](group, source) for layout, group in groups.items()]
    table = combine(tables)
    for sheet in dict.fromkeys(g.sheet for g in grids if id(g) in stacked):
        cut = [g for g in grids if g.sheet == sheet and id(g) in stacked]
        pieces = [stacked[id(g)][1] for g in cut]
        beside = len({g.first_col for g in cut}) > 1  # (sources/grid_split: side by side, or one under another)
        how = ("左右并排着" if len({g.first_row for g in cut}) == 1 else "上下叠放、左右并排着") if beside else "上下叠放着"
        table.problems.append(Problem(
            "S11", f"读取提示：{sheet or '文件'}中{how} {len(pieces)} 个表格（{'、'.join(pieces[:_NAMED])}），"
                   "按各自的标题分开读取", location=Location(file=source, sheet=sheet)))
    if unseen:
        names = [f"“{g.sheet}”" for g in grids if id(g) in unseen]
        table.problems.append(Problem(
            "S11", f"读取提示：隐藏的工作表{'、'.join(names[:_NAMED])}未读取（在 Excel 中看不到它；"
                   "若其中也是要读的表，请先取消隐藏）", location=Location(file=source, sheet=grids[0].sheet)))
    if skipped and skipped_note is not None:
        table.problems.append(skipped_note(skipped_grids))
    elif skipped:
        more = f"等 {len(skipped)} 个" if len(skipped) > _NAMED else ""
        table.problems.append(Problem(
            "S11", f"{'、'.join(skipped[:_NAMED])}{more}不是项目支出绩效目标表（没有项目名称、指标等表头），已跳过",
            location=Location(file=source, sheet=skipped[0])))
    return table


def _hidden_unread(grids: list[Grid], layouts: list[str | None]) -> set[int]:
    """The hidden sheets (by id) left unread: those holding content, when a visible sheet holds a
    table — a workbook's hidden 字典 / 数据源 / 上年 sheet is not what its reader sees or prints.
    When only hidden sheets hold tables, they are read."""
    if not any(layout is not None and not grid.hidden for grid, layout in zip(grids, layouts, strict=True)):
        return set()
    return {id(grid) for grid in grids if grid.hidden and _has_content(grid)}


def _stacked(grids: list[Grid]) -> dict[int, tuple[str, str]]:
    """Grids cut from one sheet (sources/grid_split.py), by id → (its name, where it starts)."""
    counts: dict[str | None, int] = {}
    for grid in grids:
        counts[grid.sheet] = counts.get(grid.sheet, 0) + 1
    starts: dict[str | None, set[int]] = {}  # each sheet's pieces' first columns (more than one: side by side)
    for grid in grids:
        starts.setdefault(grid.sheet, set()).add(grid.first_col)
    out: dict[int, tuple[str, str]] = {}
    seen: dict[str | None, int] = {}
    for grid in grids:
        if counts[grid.sheet] < 2:
            continue
        seen[grid.sheet] = k = seen.get(grid.sheet, 0) + 1
        if grid.locate is not None:
            where = grid.locate(0, 0)[1] + "起"
        elif len(starts[grid.sheet]) > 1:  # side by side
            where = f"{column_letter(grid.first_col)}{grid.first_row + 1}起"
        else:
            where = f"第{grid.first_row + 1}行起"
        out[id(grid)] = (f"{grid.sheet or ''}第{k}个表格（{where}）", where)
    return out


def _has_content(grid: Grid) -> bool:
    """At least two cells with text (an empty sheet, or one note, is not worth naming)."""
    filled = 0
    for row in grid.rows[:200]:
        filled += sum(1 for v in row if cell_text(v))
        if filled >= 2:
            return True
    return False


def combine(tables: list[PerfTable]) -> PerfTable:
    """Tables read from the grids of one file as one: the first's header, every unit and problem. A
    department-wide table's (its plan) comes first wherever it stands in the file — a page printing the
    projects' tables above the department's, pasted into one sheet — as the model keeps one plan."""
    tables = sorted(tables, key=lambda t: t.plan is None)  # (stable: the rest keep the file's order)
    table = tables[0]
    for more in tables[1:]:
        if more.department and table.department and more.department != table.department:
            for project in more.projects():  # each project keeps the department its own table names
                if project.department is None:
                    project.department = more.department
                    project.department_code = project.department_code or more.department_code
        table.units.extend(more.units)
        table.problems.extend(more.problems)
        if not table.department and more.department:
            table.department, table.department_code = more.department, more.department_code
            table.department_source = more.department_source
        if table.title == PerfTable.title and more.title != PerfTable.title:
            table.title = more.title
        for label, value in more.footer.items():  # sign-offs under another grid of the file
            table.footer.setdefault(label, value)
    return table


def read_selfeval_form(path: str | Path) -> PerfTable:
    """Every 项目支出绩效自评表 form in a workbook, one project per sheet, as one table."""
    from perfgoals_xl.sources.containers import workbook
    from perfgoals_xl.sources.selfeval_form import table_from_grids

    return table_from_grids(as_pasted_tables(workbook.load_grids(path)), path, "selfeval_form")


def read_selfeval_pdf(path: str | Path) -> PerfTable:
    """Every 项目支出绩效自评表 form in a PDF with ruled tables (pdfplumber finds the cells).

    Each page's tables become one grid; a page whose form has no 项目名称 (the indicator rows
    of a long form, under the repeated header) continues the project of the page before.
    Wrapped cell text is joined (CJK wraps without spaces).
    """
    from perfgoals_xl.sources.containers.pdf import page_grids
    from perfgoals_xl.sources.selfeval_form import table_from_grids

    return table_from_grids(page_grids(path), path, "selfeval_pdf", continued=True)
