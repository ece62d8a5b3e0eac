"""The workbook a button works on, read as grids: the live sheets are one more container.

A button clicked in the template works on the template; the same button on the add-in's
ribbon (perfgoals.xlam, ``xw.Book.caller()`` is the add-in itself) works on the *active*
workbook, whatever its layout. Each readable sheet is read with xlwings in one bulk read —
values from A1 to the last used cell — and, on Excel (COM), its merged areas and number
formats in one more call (``Range.Value(11)``, the range as XML Spreadsheet text); the
plain values go down to the live-sheet container (sources/containers/live.py), then to the
same detector and layout readers as a file.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.excel import names

#: Cells of a sheet above which merged areas and formats are not asked for (the XML Spreadsheet
#: text is about 100 bytes a cell): the values are still read.
MAX_FACT_CELLS = 500_000
#: xlRangeValueXMLSpreadsheet: Range.Value(11) gives the range as XML Spreadsheet 2003 text.
XML_SPREADSHEET = 11


def is_addin(book: Any) -> bool:
    """Is this workbook an add-in (the caller when a button of perfgoals.xlam is clicked)?"""
    return str(book.name).lower().endswith(".xlam")


def target_book(book: Any) -> Any:
    """The workbook a button works on: the caller, or the active workbook when the caller is the add-in."""
    if not is_addin(book):
        return book
    active = book.app.books.active
    if active is None or is_addin(active):
        raise PerfGoalsError("请先打开或选中要处理的工作簿（绩效目标选项卡作用于当前活动的工作簿）")
    return active


def is_template(book: Any) -> bool:
    """Is this our template (its entry sheet and the marks sheet its conditional formats read)?"""
    present = {s.name for s in book.sheets}
    return names.ENTRY_SHEET in present and names.MARKS_SHEET in present


def is_ours(name: str) -> bool:
    """A sheet the buttons write (issues, reports, 申报表·…), never read as the person's table."""
    return name in names.OUR_SHEETS or name.startswith(names.FORM_SHEET_PREFIX)


def readable_sheets(book: Any) -> list[Any]:
    """The person's sheets: visible, not written by the buttons, in workbook order."""
    return [s for s in book.sheets if s.visible and not is_ours(s.name)]


def sheet_values(sheet: Any) -> tuple[Any, list[list[Any]]]:
    """(range, values) of a sheet from A1 to its last used cell: one bulk read."""
    last = sheet.used_range.last_cell
    rng = sheet.range((1, 1), (last.row, last.column))
    values = rng.options(ndim=2).value
    return rng, [list(row) for row in values]


def excel_facts(rng: Any, cells: int) -> Any:
    """Merged areas and number formats of a range on Excel (COM), from one ``Value(11)`` call;
    None on another engine, for a large range, or when Excel does not answer."""
    if rng.sheet.book.app.engine.name != "excel" or cells > MAX_FACT_CELLS:
        return None
    from perfgoals_xl.sources.containers.spreadsheetml import parse_facts

    try:
        com = rng.api._oleobj_  # the IDispatch of Range: Value with an argument is a property get
        dispid = com.GetIDsOfNames("Value")
        xml = com.Invoke(dispid, 0, 2, True, XML_SPREADSHEET)  # DISPATCH_PROPERTYGET
        return parse_facts(xml) if isinstance(xml, str) else None
    except Exception:  # noqa: BLE001 — values alone still read; merges are a help, not a need
        return None


def live_sheet(sheet: Any) -> Any:
    """One sheet as the live-sheet container takes it (values; merges and formats where known)."""
    from perfgoals_xl.sources.containers.live import LiveSheet

    rng, values = sheet_values(sheet)
    width = max((len(r) for r in values), default=0)
    facts = excel_facts(rng, len(values) * width)
    if facts is None:
        return LiveSheet(sheet.name, values)
    return LiveSheet(sheet.name, values, facts.merged, facts.number_formats,
                     frozenset(facts.hidden_rows), frozenset(facts.hidden_cols))


def book_grids(book: Any) -> list[Any]:
    """The grids of every readable sheet of a workbook."""
    from perfgoals_xl.sources.containers import live

    return live.load_grids([live_sheet(s) for s in readable_sheets(book)], book=book.name)


#: What the detector looks for, said to a person whose sheet is not a performance table.
LOOKED_FOR = ("一行一条指标的表头（项目名称、一级指标、二级指标、三级指标、指标值等列）；"
              "申报表的“项目名称”标签（右侧是项目名称）和 一级/二级/三级指标 表头；"
              "自评表的 三级指标 与 实际完成值 表头；部门整体支出绩效目标表的 部门名称 与 年度主要任务")


def book_table(book: Any) -> Any:
    """The performance table of a workbook's readable sheets, read as a file of the same sheets
    would be; PerfGoalsError naming what was looked for when no sheet is one."""
    from perfgoals_xl.sources.finish import finish
    from perfgoals_xl.sources.pasted_grids import as_pasted_tables
    from perfgoals_xl.sources.readers import read_detected

    grids = book_grids(book)
    table = read_detected(as_pasted_tables(grids), source=book.name) if grids else None
    if table is None:
        shown = "、".join(g.sheet or "" for g in grids[:5]) + ("等" if len(grids) > 5 else "")
        what = f"工作表 {shown} 不是项目支出绩效目标表" if grids else "没有可读的工作表"
        raise PerfGoalsError(f"{book.name}：{what}。在每张表的前几十行找的是：{LOOKED_FOR}")
    finish(table)
    return table
