"""xlwings' JSON engine as the stand-in for Excel, and the plan applier on it.

``json_book(...)`` builds an ``xw.Book`` from a payload in the xlwings Server
format (the engine behind xlwings Server and Lite: ``xw.Book(json=...)``);
``actions(book)`` is what Excel would be told to do. The engine is part of
xlwings PRO, licensed PolyForm Noncommercial: the tests enable it with
``XLWINGS_LICENSE_KEY=noncommercial``. Other test modules import these helpers.

The tests here pin the applier (perfgoals_xl.excel.plan.apply) against the real
engine, and the pure area helpers with hypothesis.
"""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest  # noqa: E402
import xlwings as xw  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from perfgoals_xl.excel import plan as p  # noqa: E402


def sheet_api(name: str, values: list[list[Any]] | None = None, *, visibility: str = "Visible",
              ) -> dict[str, Any]:
    """One sheet of a payload, values anchored at A1 (rectangular, None for blanks)."""
    values = values or [[None]]
    width = max(len(r) for r in values)
    values = [list(r) + [None] * (width - len(r)) for r in values]
    return {
        "name": name, "visibility": visibility, "values": values, "pictures": [], "shapes": [],
        "charts": [], "notes": [], "tables": [], "print_area": None, "show_gridlines": True,
        "pivot_tables": [],
    }


def json_book(sheets: dict[str, list[list[Any]] | None], *, name: str = "perfgoals.xlsm",
              hidden: dict[str, str] | None = None, client: str = "Office.js") -> Any:
    """An xw.Book on the JSON engine with these sheets (name → values) in order.

    client "Office.js" is the client whose engine accepts alignment settings.
    """
    hidden = hidden or {}
    payload = {
        "client": client, "version": xw.__version__,
        "book": {"name": name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [sheet_api(n, v, visibility=hidden.get(n, "Visible")) for n, v in sheets.items()],
    }
    return xw.Book(json=payload)


def actions(book: Any) -> list[dict[str, Any]]:
    """The actions the JSON engine recorded (what Excel would be told to do)."""
    return book.json()["actions"]


def funcs(book: Any) -> list[str]:
    """Just the action names, in order."""
    return [a["func"] for a in actions(book)]


def sheet_index(book: Any, name: str) -> int:
    """0-based position of a sheet (actions address sheets by position)."""
    return [s.name for s in book.sheets].index(name)


def on_sheet(book: Any, name: str) -> list[dict[str, Any]]:
    """Actions addressed to one sheet."""
    ix = sheet_index(book, name)
    return [a for a in actions(book) if a["sheet_position"] == ix]


# ----------------------------------------------------------------------- tests


def test_engine_is_the_json_engine():
    book = json_book({"填报": [["a"]]})
    assert book.app.engine.name == "remote"
    assert book.sheets["填报"].range("A1").value == "a"


def test_apply_writes_one_block_and_one_format_per_style():
    book = json_book({"填报": [["x"]]})
    style = p.Style(bold=True, fill="#FF0000", number_format="@", halign="center",
                    valign="center", wrap=True, borders="tblr")
    plan = p.Plan().add(
        p.EnsureSheet("报表", after="填报"),
        p.WriteValues("报表", 2, 3, ((1, "a"), ("b",))),
        p.FormatAreas("报表", ("B2:C3",), style),
        p.ColumnWidths("报表", ((1, 2, 10.0), (3, 3, 20.0))),
        p.RowHeights("报表", ((30.0, ("2:3",)),)),
        p.MergeAreas("报表", ("A1:C1",)),
        p.FreezePanes("报表", "A4"),
        p.Activate("报表", "A1"),
    )
    skipped = p.apply(book, plan)
    assert skipped == []
    acts = actions(book)
    assert acts[0]["func"] == "addSheet" and acts[0]["args"] == [1, "报表"]
    writes = [a for a in acts if a["func"] == "setValues"]
    assert len(writes) == 1
    assert writes[0]["values"] == [[1, "a"], ["b", ""]]  # ragged rows padded, None → ""
    assert (writes[0]["start_row"], writes[0]["start_column"]) == (1, 2)
    fmt = [a for a in acts if a["func"] in ("setNumberFormat", "setRangeColor", "setFontProperty",
                                               "setWrapText", "setHorizontalAlignment",
                                               "setVerticalAlignment")]
    assert {a["func"] for a in fmt} == {"setNumberFormat", "setRangeColor", "setFontProperty",
                                        "setWrapText", "setHorizontalAlignment",
                                        "setVerticalAlignment"}
    assert all((a["start_row"], a["row_count"], a["column_count"]) == (1, 2, 2) for a in fmt)
    borders = [a["args"][0] for a in acts if a["func"] == "setBorderProperty"]
    assert set(borders) == {"edge_top", "edge_bottom", "edge_left", "edge_right",
                            "inside_vertical", "inside_horizontal"}
    widths = [(a["start_column"], a["column_count"], a["args"]) for a in acts
              if a["func"] == "setColumnWidth"]
    assert widths == [(0, 2, [10.0]), (2, 1, [20.0])]
    assert "rangeMerge" in funcs(book) and "freezePaneAtRange" in funcs(book)


def test_status_bar_and_page_setup_are_reported_as_skipped_on_this_engine():
    book = json_book({"填报": [["x"]]})
    skipped = p.apply(book, p.Plan().add(
        p.StatusBar("校验完成"),
        p.PageSetup("填报", print_area="A1:B2", landscape=True, fit_width=1),
        p.Alert("出错了", critical=True),
    ))
    assert skipped == ["状态栏：校验完成", "打印设置（纸张、方向、缩放、标题行、页脚、页边距）：填报"]
    acts = actions(book)
    assert [a["func"] for a in acts] == ["setPrintArea", "alert"]
    assert acts[1]["args"][:2] == ["出错了", "绩效目标"]


def test_multi_area_formats_go_area_by_area_on_this_engine():
    book = json_book({"填报": [["x"]]})
    p.apply(book, p.Plan().add(p.FormatAreas("填报", ("A1:B2", "D4"), p.Style(bold=True))))
    bold = [a for a in actions(book) if a["func"] == "setFontProperty"]
    assert [(a["start_row"], a["start_column"], a["row_count"], a["column_count"])
            for a in bold] == [(0, 0, 2, 2), (3, 3, 1, 1)]


def test_ensure_sheet_hides_only_a_sheet_it_creates():
    book = json_book({"填报": [["x"]], "pg_marks": None}, hidden={"pg_marks": "VeryHidden"})
    p.apply(book, p.Plan().add(p.EnsureSheet("pg_marks", visible=False)))
    assert actions(book) == []  # a very hidden sheet is not turned into a hidden one
    p.apply(book, p.Plan().add(p.EnsureSheet("new", visible=False)))
    assert funcs(book) == ["addSheet", "setSheetVisibility"]


def test_fresh_sheet_is_deleted_and_added_again():
    book = json_book({"填报": [["x"]], "报表": [["old"]]})
    p.apply(book, p.Plan().add(p.EnsureSheet("报表", fresh=True, after="填报")))
    assert funcs(book) == ["sheetDelete", "addSheet"]


def test_formulas_are_one_write():
    book = json_book({"填报": [["x"]]})
    p.apply(book, p.Plan().add(p.WriteFormulas("填报", 2, 5, (("=A1",), ("",), ("=A3",)))))
    (act,) = actions(book)
    assert act["func"] == "setFormula"
    assert (act["start_row"], act["start_column"], act["row_count"]) == (1, 4, 3)


@pytest.mark.parametrize(("col", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"),
                                              (703, "AAA"), (16384, "XFD")])
def test_column_letters(col, letters):
    assert p.column_letter(col) == letters


cells = st.sets(st.tuples(st.integers(1, 12), st.integers(1, 8)), max_size=60)


@given(cells)
def test_union_areas_cover_exactly_the_cells_without_overlap(chosen):
    areas = p.union_areas(chosen)
    covered = [(r, c) for top, left, bottom, right in areas
               for r in range(top, bottom + 1) for c in range(left, right + 1)]
    assert len(covered) == len(set(covered))
    assert set(covered) == chosen


def test_union_areas_merge_full_blocks():
    block = {(r, c) for r in range(4, 105) for c in range(2, 6)}
    assert p.union_areas(block) == [(4, 2, 104, 5)]


@given(st.lists(st.from_regex(r"[A-Z]{1,2}[1-9][0-9]{0,3}(:[A-Z]{1,2}[1-9][0-9]{0,3})?",
                              fullmatch=True), max_size=80))
def test_chunks_keep_every_area_in_order_within_the_limit(areas):
    chunks = p.chunk_addresses(areas)
    assert all(len(c) <= p.MAX_ADDRESS_CHARS for c in chunks)
    assert [a for c in chunks for a in c.split(",")] == areas


def test_row_runs():
    assert p.row_runs([5, 3, 4, 9, 10, 12]) == [(3, 5), (9, 10), (12, 12)]


def test_border_sides():
    assert p.border_sides("") == []
    assert p.border_sides("tlr") == ["edge_top", "edge_left", "edge_right", "inside_vertical",
                                     "inside_horizontal"]
    assert p.border_sides("lr") == ["edge_left", "edge_right", "inside_vertical"]
