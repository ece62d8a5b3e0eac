"""The writers' fast cell path (report/xlsx_renderer._store_cells, sinks/row_xml.py) gives XlsxWriter's
own file, byte for byte: real layouts (申报表, 自评表, 自评汇总, 问题清单 shared and streamed, the
department report) and hostile text (control characters, ``_x`` escapes, lone surrogates, XML
specials, edge spaces, texts beyond a cell's limit) and numbers."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from perfgoals_xl.report import selfeval as selfeval_module
from perfgoals_xl.report import write_report, xlsx_renderer
from perfgoals_xl.report.forms import write_forms
from perfgoals_xl.report.layout import Cell, CellStyle, Merge, PrintSetup, ReportLayout
from perfgoals_xl.report.selfeval import write_selfeval_workbook
from perfgoals_xl.rules import iter_check
from perfgoals_xl.scoring import score_table
from perfgoals_xl.sinks import finished_sheets
from perfgoals_xl.sinks.issues_sheet import add_issues_sheet
from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook, SafeWorksheet
from perfgoals_xl.text_clean import has_unholdable
from tests.report_tables import make_table
from tests.selfeval_tables import fill_actuals

HOSTILE = ["\x01控制\x1f字符", "_x0041_ 已像转义", "孤\ud800立代理", "非字符\ufffe\uffff", "<a href=\"x\">&amp;</a>",
           "  前后空格  ", "\t制表\n换行\r", "\x1c分隔符开头", "结尾下一行\x85", "\u3000全角空格\u3000", "行分隔\u2028",
           "末尾换行\n", "=SUM(A1)", "@公式", "长" * 20_000, "超长" * 17_000, "<r>像富文本</r>", ""]


def _xlsxwriters_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell through XlsxWriter's own methods and XML (the reference)."""
    monkeypatch.setattr(xlsx_renderer, "_store_cells", xlsx_renderer._write_cells)
    monkeypatch.setattr(xlsx_renderer, "_store_heights",
                        lambda heights, sheet: [sheet.set_row(r, h) for r, h in heights.items()])
    monkeypatch.setattr(xlsx_renderer, "_store_widths",
                        lambda widths, sheet: [sheet.set_column(c, c, w) for c, w in enumerate(widths)])
    monkeypatch.setattr(SafeWorksheet, "put_row", _put_slowly)  # the 问题清单's rows
    monkeypatch.setattr(finished_sheets, "write_rows", Worksheet._write_rows)
    monkeypatch.setattr(finished_sheets, "write_merge_cells", Worksheet._write_merge_cells)
    monkeypatch.setattr(finished_sheets, "write_single_row",
                        lambda sheet, current, xf: Worksheet._write_single_row(sheet, current))


def _put_slowly(sheet: SafeWorksheet, row: int, cells: list, height: float | None = None) -> None:
    """put_row through XlsxWriter's methods: each cell's write_*, then set_row."""
    sheet._put_slowly(row, cells)
    if height is not None:
        sheet.set_row(row, height)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # its time


def _both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write) -> tuple[dict, dict]:
    fast = tmp_path / "fast.xlsx"
    write(fast)
    with monkeypatch.context() as m:
        _xlsxwriters_own(m)
        own = tmp_path / "own.xlsx"
        write(own)
    return _parts(fast), _parts(own)


#: What a table read can hold (the readers replace a lone surrogate: text_clean.replace_surrogates).
READ = [t for t in HOSTILE if "\ud800" not in t]


def _hostile_table(n: int, seed: int):
    table = fill_actuals(make_table(n, seed))
    for k, project in enumerate(table.projects()):
        project.goal = READ[k % len(READ)] + (project.goal or "")
        project.actual_summary = READ[(k + 3) % len(READ)]
        for m, ind in enumerate(project.indicators[:3]):
            ind.deviation_reason = READ[(k + m) % len(READ)] or None
    table.units[0].projects[0].name = "\x02名称_x0001_ "
    return table


@pytest.mark.parametrize("seed", [1, 7])
def test_forms_and_report_are_xlsxwriters_own_file(tmp_path, monkeypatch, seed):
    table = _hostile_table(14, seed)
    fast, own = _both(tmp_path, monkeypatch, lambda p: write_forms(table, p, force=True))
    assert len(fast) > 14 and fast == own
    fast, own = _both(tmp_path, monkeypatch, lambda p: write_report(table, p, force=True))
    assert fast == own


@pytest.mark.parametrize("streamed", [False, True])
def test_selfeval_workbook_is_xlsxwriters_own_file(tmp_path, monkeypatch, streamed):
    table = _hostile_table(12, 3)
    monkeypatch.setattr(selfeval_module, "STREAM_ISSUES_ROWS", 0 if streamed else 10**9)

    def write(path: Path) -> None:
        write_selfeval_workbook(table, score_table(table), path, issues=iter_check(table), force=True)

    fast, own = _both(tmp_path, monkeypatch, write)
    assert fast == own
    issues = fast["xl/worksheets/sheet14.xml"]  # the 问题清单, after the summary and 12 自评表
    assert (b't="inlineStr"' in issues) == streamed and b"_x0002_" in fast[
        "xl/worksheets/sheet14.xml" if streamed else "xl/sharedStrings.xml"]


def _layout(texts: list[str], numbers: list[Decimal]) -> ReportLayout:
    styles = {"t": CellStyle(wrap=True, borders="tblr"), "n": CellStyle(num_format="0.00", align="right"),
              "b": CellStyle(bold=True)}
    cells = [Cell(0, 0, "标题", "b"), Cell(0, 1, None, "t"), Cell(0, 3, None, "b"),  # (0,1) covered in another style
             Cell(1, 4, "合并", "t"), Cell(2, 5, None, "t")]
    cells += [Cell(2 + k, k % 5, text, "t") for k, text in enumerate(texts)]
    cells += [Cell(2 + k, 6, number, "n") for k, number in enumerate(numbers)]
    cells.append(Cell(40, 2, None, "b"))  # a blank row far below, and rows of height only
    cells.append(Cell(5, 26, "AA 列", "t"))  # columns of two letters
    return ReportLayout(cells=cells, merges=[Merge(0, 0, 0, 3), Merge(1, 4, 3, 5), Merge(5, 26, 7, 28)],
                        column_widths=(10.0, 0.0, 0.5, 3, 1.0, 255.0, 18.75),  # hidden, narrow, whole, widest
                        row_heights={**{r: 20.0 + r for r in range(0, 45, 3)},  # and hidden (0 pixels),
                                     44: 0.0, 46: 0.2, 47: 30, 1_048_576: 12.0},  # a whole number, beyond
                        styles=styles,
                        print_setup=PrintSetup(), freeze_rows=1)


_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(HOSTILE)
_NUMBER = st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e300"),
                      max_value=Decimal("1e300"), places=None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT, max_size=30), numbers=st.lists(_NUMBER, max_size=20))
def test_any_text_and_number_give_xlsxwriters_own_sheet(tmp_path, monkeypatch, texts, numbers):
    layout = _layout(texts, numbers)

    def write(path: Path) -> None:
        wb = SafeWorkbook(str(path), {**xlsx_renderer._WORKBOOK_OPTIONS, "in_memory": True})
        wb.add_worksheet("首页")
        for n in range(2):  # a finished sheet, then one assembled at close
            sheet = xlsx_renderer.render_xlsx(layout, wb, f"表{n}")
            # rows with a format, hidden, outlined, collapsed, of the default height
            sheet.set_row(3, 30, wb.add_format({"italic": True}), {"hidden": True, "level": 2, "collapsed": True})
            sheet.set_row(4, None, wb.add_format({"bold": True, "bg_color": "#FFEEDD"}))
            sheet.set_row(50, 0)
            if n == 0:
                assert wb.finish_sheet(sheet)
        issues = [_Issue(text) for text in texts if not has_unholdable(text)]  # a finding's text is read text
        add_issues_sheet(wb, issues, "问题清单", streamed=True)
        add_issues_sheet(wb, issues, "问题清单二")
        wb.close()

    fast, own = _both(tmp_path, monkeypatch, write)
    assert fast == own


class _Issue:
    """A finding whose message is the given text (the issues sheet's row)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def to_row(self) -> dict:
        return {"severity": "warning", "severity_label": "警告", "code": "PG-X01", "project": self.text,
                "seq": len(self.text) * 10**6, "indicator": None, "field_label": "名称", "message": self.text, "hint": self.text[:5],
                "cells": "A1,B2", "sheet": "填报", "line": 12, "suppressed": False}


def test_a_merge_over_another_is_refused_as_xlsxwriter_does(tmp_path):
    from xlsxwriter.exceptions import OverlappingRange

    layout = _layout(["甲"], [Decimal(1)])
    layout.merges.append(Merge(0, 2, 1, 2))
    layout.cells.append(Cell(0, 2, None, "b"))
    wb = SafeWorkbook(str(tmp_path / "m.xlsx"), xlsx_renderer._WORKBOOK_OPTIONS)
    with pytest.raises(OverlappingRange):
        xlsx_renderer.render_xlsx(layout, wb, "表")


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=6)
       | st.sampled_from([chr(c) for c in range(0x3001) if chr(c).isspace()] + ["a\n", "a \n", "\n"]))
def test_edge_whitespace_is_xlsxwriters(text):
    from xlsxwriter.utility import _preserve_whitespace

    assert bool(_preserve_whitespace(text)) == bool(text and (text[0].isspace() or text[-1].isspace()))
