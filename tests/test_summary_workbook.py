"""summary.xlsx and the 问题清单 sheet of a report: content, links, pivot totals, print setup,
no clipped text, and a LibreOffice rendering that is not shrunk to tiny text."""

from __future__ import annotations

import re
import statistics
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from sheetcheck import assert_no_clipped_text, assert_print_setup, render_pdf, soffice

from perfgoals_xl.batch.inputs import BatchInput
from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.batch.runner import run_batch
from perfgoals_xl.batch.summary import COMPUTED_NOTE, write_summary
from perfgoals_xl.batch.worker import ConvertOptions
from perfgoals_xl.entry import write_entry_workbook
from perfgoals_xl.model import Amounts
from perfgoals_xl.rules.config import config_from_dict
from perfgoals_xl.sinks import write_data

SHEETS = ["文件汇总", "规则统计", "部门规则矩阵", "问题汇总"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, seed_path):
    """A real batch: the seed as text, as an entry workbook, as JSON without its 合计 row, and
    a file that is no table; one finding accepted on purpose."""
    from perfgoals_xl.sources.published_text import read_published_text

    src = tmp_path_factory.mktemp("in")
    (src / "广州驻京办.txt").write_bytes(seed_path.read_bytes())
    table = read_published_text(seed_path)
    write_entry_workbook(table, src / "entry.xlsx")
    no_total = replace(table, amounts=Amounts())
    write_data(no_total, src / "no_total.json")
    (src / "broken.txt").write_text("这不是绩效目标表", encoding="utf-8")
    config = config_from_dict({"accept": [{"code": "PG-C05", "project": "驻京工作保障", "reason": "已核实"}]})
    inputs = [BatchInput(path=p, stem=p.name.replace(".", "_")) for p in sorted(src.iterdir())]
    out = tmp_path_factory.mktemp("out")
    report = run_batch(inputs, out, ConvertOptions(config=config), jobs=1)
    return report, out


def test_file_sheet_totals_links_and_computed_total(batch):
    _, out = batch
    book = openpyxl.load_workbook(out / "summary.xlsx")
    assert book.sheetnames == SHEETS
    ws = book["文件汇总"]
    shown = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)["文件汇总"]
    names = [Path(shown.cell(row=r, column=1).value).name for r in range(2, 6)]
    rows = dict(zip(names, ws.iter_rows(min_row=2, max_row=5), strict=True))
    seed, no_total = rows["广州驻京办.txt"], rows["no_total.json"]
    assert seed[7].value == pytest.approx(390.0) and COMPUTED_NOTE not in (seed[12].value or "")
    assert no_total[7].value == pytest.approx(390.0)  # the sum of the seed's projects
    assert COMPUTED_NOTE in no_total[12].value
    # file names link to their reports, relatively (the folder can move), as HYPERLINK formulas
    target, text = re.fullmatch(r'=HYPERLINK\("([^"]+)","([^"]+)"\)', seed[0].value).groups()
    assert target == "广州驻京办_txt.report.xlsx" and (out / target).exists()
    assert Path(text).name == "广州驻京办.txt" and seed[0].alignment.wrap_text
    broken = rows["broken.txt"][0].value
    assert not broken.startswith("=") and rows["broken.txt"][1].value == "失败"
    # the totals row sums 合计（万元） too, a table met twice only once (the text repeats entry.xlsx)
    total = ws.cell(row=6, column=8)
    assert total.value == f"=SUM(H2:H5)-H{seed[0].row}"
    assert "重复 1 个" in ws.cell(row=6, column=1).value
    cached = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)["文件汇总"]
    assert cached.cell(row=6, column=8).value == pytest.approx(2 * 390.0)
    # three output names on three lines: wrapped, and the row is tall enough for them
    # 版式: the layout's short name and the kind of table, no command help text
    assert (seed[2].value, rows["entry.xlsx"][2].value) == ("公开文本·绩效目标表", "填报工作簿·绩效目标表")
    assert rows["broken.txt"][2].value in (None, "")
    assert seed[13].value.count("\n") == 2 and seed[13].alignment.wrap_text
    assert ws.row_dimensions[seed[13].row].height >= 3 * 14.5


def test_rule_sheet_labels_carry_the_chinese_name(batch):
    _, out = batch
    ws = openpyxl.load_workbook(out / "summary.xlsx")["规则统计"]
    assert ws["A1"].value == "规则"
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)
              if (ws.cell(row=r, column=1).value or "").startswith("PG-")]
    assert "PG-C05 缺少成本指标" in labels
    assert all(len(label.split(" ", 1)) == 2 for label in labels)
    chart = ws._charts[0]
    assert "$A$2" in chart.series[0].cat.strRef.f  # the chart is labelled by code + name


def test_matrix_is_a_pivot_with_row_and_column_totals(batch):
    report, out = batch
    book = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)
    ws = book["部门规则矩阵"]
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    header, body, totals = grid[0], grid[1:-1], grid[-1]
    assert header[0] == "部门名称" and header[-1] == "合计" and totals[0] == "合计"
    assert all(h.startswith("PG-") and "\n" in h for h in header[2:-1])
    assert [r[0] for r in body] == ["广州市人民政府驻北京办事处"]  # three files, one department
    assert body[0][1] == 2  # the entry workbook holds the same table as the text: counted once
    for row in body:
        assert row[-1] == sum(row[2:-1])
    for c in range(1, len(header)):
        assert totals[c] == sum(r[c] for r in body)
    unsuppressed = sum(sum(r.counts.values()) for r in report.results if not r.duplicate_of)
    assert totals[-1] == unsuppressed
    formulas = openpyxl.load_workbook(out / "summary.xlsx")["部门规则矩阵"]
    assert formulas.cell(row=len(grid), column=len(header)).value.startswith("=SUM(")


def test_issue_list_holds_every_issue_linked_to_its_report(batch):
    report, out = batch
    ws = openpyxl.load_workbook(out / "summary.xlsx")["问题汇总"]
    rows = list(ws.iter_rows(min_row=2))
    assert [Path(r.path).name for r in report.duplicates] == ["广州驻京办.txt"]  # same table as entry.xlsx
    assert len(rows) == sum(len(r.issues) for r in report.results if not r.duplicate_of) > 0
    files = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)["问题汇总"]
    accepted = [r for r in rows if r[11].value == "是"]
    assert len(accepted) == sum(r.suppressed for r in report.results if not r.duplicate_of) >= 1
    assert {r[11].value for r in rows} == {"是", "否"}
    entry_rows = [r for r in rows if files.cell(row=r[0].row, column=1).value == "entry.xlsx"]
    assert entry_rows and any((r[10].value or "").startswith("填报!") for r in entry_rows)
    target = re.fullmatch(r'=HYPERLINK\("([^"]+)","[^"]+"\)', rows[0][0].value).group(1)
    report_name, anchor = target.split("#")
    assert report_name.endswith(".report.xlsx") and (out / report_name).exists()
    assert anchor == "'问题清单'!A1"


def test_report_issue_sheet_wraps_fills_accepted_and_names_the_sheet(batch):
    _, out = batch
    ws = openpyxl.load_workbook(out / "entry_xlsx.report.xlsx")["问题清单"]
    header = [c.value for c in ws[1]]
    cells_col, accepted_col = header.index("全部单元格"), header.index("已接受")
    rows = list(ws.iter_rows(min_row=2))
    assert all(r[accepted_col].value in ("是", "否") for r in rows)
    assert any(r[accepted_col].value == "是" for r in rows)
    located = [r[cells_col].value for r in rows if r[cells_col].value]
    assert located and all(v.startswith("填报!") for v in located)
    message = header.index("问题")
    assert all(r[message].alignment.wrap_text for r in rows)
    assert_print_setup(ws)
    assert_no_clipped_text(ws)


def test_every_summary_sheet_prints_and_shows_all_its_text(batch):
    _, out = batch
    book = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)  # link texts checked too
    for name in SHEETS:
        ws = book[name]
        assert_print_setup(ws, paper=None)
        assert_no_clipped_text(ws)
    text_report = openpyxl.load_workbook(out / "广州驻京办_txt.report.xlsx")["问题清单"]
    assert_no_clipped_text(text_report)


def _result(n: int) -> FileResult:
    res = FileResult(path=f"/data/部门{n:03d}/项目支出绩效目标表_{n:03d}.txt", stem=f"f{n}",
                     layout="published_text", department=f"某某市第{n % 40}局", units=1,
                     projects=5, indicators=30, total=100.0 + n,
                     counts={"error": n % 3, "warning": 4, "info": 2},
                     rules={"PG-Q02": {"warning": 4}, "PG-C05": {"info": 2}, "PG-A01": {"error": n % 3}},
                     rule_titles={"PG-Q02": "指标值是不带单位的数字。", "PG-C05": "没有成本指标。",
                                  "PG-A01": "总计不等于分项之和。"})
    res.outputs = [f"/out/f{n}.report.xlsx", f"/out/f{n}.issues.csv", f"/out/f{n}.data.csv"]
    return res


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
def test_a_large_batch_prints_readable_pages_not_one_page_of_tiny_text(tmp_path):
    """300 files: fit to width only, so the 文件汇总 runs over many pages at a readable size."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    path = tmp_path / "summary.xlsx"
    write_summary([_result(n) for n in range(300)], path)
    pdf = render_pdf(path, tmp_path / "pdf")
    pages = list(extract_pages(pdf))
    sizes = [ch.size for el in pages[0] if isinstance(el, LTTextContainer)
             for line in el for ch in line if isinstance(ch, LTChar)]
    assert statistics.median(sizes) >= 7.0  # 宋体 10 pt printed at ≥ 70 %
    assert len(pages) >= 10  # 300 rows do not fit on a page or two
    first = "".join(ch.get_text() for el in pages[0] if isinstance(el, LTTextContainer)
                    for line in el for ch in line if isinstance(ch, LTChar))
    second = "".join(ch.get_text() for el in pages[1] if isinstance(el, LTTextContainer)
                     for line in el for ch in line if isinstance(ch, LTChar))
    assert "部门名称" in first and "部门名称" in second  # the header row repeats
    assert "第1页共" in first.replace(" ", "")


def _issue(severity: str, n: int) -> dict:
    return {"severity": severity, "severity_label": {"error": "错误", "warning": "警告", "info": "提示"}[severity],
            "code": "PG-Q02", "project": f"项目{n}", "seq": n, "indicator": "报送调研报告数量",
            "field_label": "年度指标值", "message": "指标值只有数字，没有计量单位", "hint": "写上计量单位",
            "cells": "填报!L5", "line": None, "suppressed": "否", "sheet": "填报"}


def test_issue_list_keeps_the_most_severe_beyond_its_limit(tmp_path):
    results = [_result(n) for n in range(3)]
    results[0].issues = [_issue("info", i) for i in range(4)]
    results[1].issues = [_issue("warning", i) for i in range(3)]
    results[2].issues = [_issue("error", i) for i in range(2)]
    path = tmp_path / "summary.xlsx"
    write_summary(results, path, max_issue_rows=4)
    ws = openpyxl.load_workbook(path, data_only=True)["问题汇总"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    listed, note = rows[:-1], rows[-1][0]
    assert [r[2] for r in listed] == ["警告", "警告", "错误", "错误"]  # file order kept
    assert [r[0] for r in listed] == ["项目支出绩效目标表_001.txt"] * 2 + ["项目支出绩效目标表_002.txt"] * 2
    assert note.startswith("另有 5 条问题未列出") and "issues.csv" in note
    assert_no_clipped_text(ws)


def test_data_output_losses_are_listed_in_a_sheet_of_their_own_and_the_note_stays_short(tmp_path):
    # 38 losses in one file: all in 保存提示, the first three in 说明 (twenty there were clipped at
    # Excel's tallest row, 409 points)
    res = _result(1)
    res.losses = [f"项目“驻京工作保障 ”第 {i} 条指标的三级指标首尾有空白字符，读回CSV时会被去掉（JSON 可完整保存）"
                  for i in range(1, 39)]
    clean = _result(2)
    write_summary([res, clean], tmp_path / "summary.xlsx")
    book = openpyxl.load_workbook(tmp_path / "summary.xlsx", data_only=True)
    assert book.sheetnames == [*SHEETS, "保存提示"]
    note = book["文件汇总"].cell(row=2, column=13).value
    assert note.startswith("f1.data.csv 无法完整保存：") and note.count("首尾有空白字符") == 3
    assert note.endswith("……共 38 处，见“保存提示”表")
    losses = book["保存提示"]
    rows = list(losses.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == res.losses and {r[1] for r in rows} == {"f1.data.csv"}
    for ws in (book["文件汇总"], losses):
        assert_print_setup(ws, paper=None)
        assert_no_clipped_text(ws)
    # a batch without losses has no such sheet
    write_summary([clean], tmp_path / "clean.xlsx")
    assert openpyxl.load_workbook(tmp_path / "clean.xlsx").sheetnames == SHEETS


def test_every_layout_has_a_short_name_and_the_kind_of_table_beside_it():
    from perfgoals_xl.layout_names import (
        LAYOUT_NAMES,
        UNKNOWN_LAYOUT,
        layout_cell,
        layout_name,
        table_kind,
    )
    from perfgoals_xl.sources import READERS

    assert set(READERS) <= set(LAYOUT_NAMES)  # every reader's layout, and html / department to come
    for name in LAYOUT_NAMES.values():
        assert len(name) <= 12 and "（" not in name and "docs/" not in name
    assert layout_name("html") == "网页表格" and layout_name("department") == "部门整体支出绩效目标表"
    assert layout_name("某个新版式") == UNKNOWN_LAYOUT and layout_name(None) == ""
    assert layout_cell("form", table_kind("form", selfeval=True)) == "表单·绩效自评表"  # not 申报表
    assert layout_cell("form", table_kind("form")) == "表单·申报表"
    assert layout_cell("selfeval_form") == "自评表工作簿·绩效自评表"
    assert layout_cell("department") == "部门整体支出绩效目标表"  # the kind is the name: said once
