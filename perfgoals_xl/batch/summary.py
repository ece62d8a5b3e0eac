"""The run's summary workbook, a reviewer's workbook: four or five sheets, each ready to print.

* 文件汇总 — a row per file (file name linked to its report), figures, issue counts, totals row;
* 规则统计 — issues by rule (code, short Chinese name, definition), a bar chart of the top rules;
* 部门规则矩阵 — a pivot: departments × rules, the counts as a matrix with row and column totals;
* 问题汇总 — every issue of the batch in one list, each linked to its report's 问题清单;
* 保存提示 — (only when there are any) what each file's data output (.data.csv / .data.xlsx)
  cannot keep exactly (``sinks.losses``), one row each; 文件汇总's 说明 names the first few.

Every sheet: 宋体 10 pt, text wrapped, rows as tall as their longest text (``sinks.fit``),
landscape, fit to one page *wide* (as many pages tall as needed), header rows repeated, page
numbers. Links are relative (the reports lie beside summary.xlsx), so the folder can move.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from perfgoals_xl.batch.result import (
    ISSUE_ROWS_KEPT,
    SEVERITIES,
    SEVERITY_LABELS,
    FileResult,
    issue_rank,
)
from perfgoals_xl.layout_names import layout_cell
from perfgoals_xl.sinks.fit import FONT, fitted_height, setup_print

TITLE = "绩效目标表批量检查汇总"
FILE_SHEET, RULE_SHEET, MATRIX_SHEET, ISSUE_SHEET = "文件汇总", "规则统计", "部门规则矩阵", "问题汇总"
LOSS_SHEET = "保存提示"
LOSS_COLUMNS = [("文件", 26), ("明细数据", 30), ("无法完整保存的内容", 110)]
FILE_COLUMNS = [
    ("文件", 30), ("状态", 6), ("版式", 12), ("部门名称", 20), ("单位数", 7), ("项目数", 7),
    ("指标数", 7), ("合计（万元）", 12), ("错误", 6), ("警告", 6), ("提示", 6), ("已接受", 7),
    ("说明", 30), ("输出", 30),
]
TOTAL_COL = 7
ISSUE_COLUMNS = [  # (key of the issue row, header, width)
    ("file", "文件", 22), ("department", "部门名称", 14), ("severity_label", "级别", 6),
    ("code", "规则", 9), ("project", "项目名称", 16), ("seq", "序号", 5), ("indicator", "指标名称", 14),
    ("field_label", "字段", 9), ("message", "问题", 36), ("hint", "修改建议", 30), ("where", "位置", 14),
    ("suppressed", "已接受", 7),
]
#: Rows of 问题汇总 at most (the most severe issues when a batch has more): the rows each file's
#: result keeps at most (a larger limit would not find more).
MAX_ISSUE_ROWS = ISSUE_ROWS_KEPT
#: Rows of data a sheet holds at most: Excel's 1,048,576 rows less the header, totals and note rows.
MAX_SHEET_ROWS = 1_048_576 - 3
COMPUTED_NOTE = "原表无合计行，合计为各项目总计之和"
#: Losses of a file's data output written out in its 说明 cell (all are listed in 保存提示): a cell
#: of 30 characters' width holds a few before it reaches Excel's tallest row (409 points).
MAX_LOSSES_NOTED = 3


def write_summary(results: Sequence[FileResult], path: str | Path, *,
                  max_issue_rows: int = MAX_ISSUE_ROWS, max_rows: int = MAX_SHEET_ROWS,
                  extra_sheets: Callable[[Any, dict[str, Any], Path], None] | None = None) -> None:
    """Write summary.xlsx: 文件汇总, 规则统计 (with a chart), 部门规则矩阵, 问题汇总 (at most
    ``max_issue_rows`` issues — never more than ISSUE_ROWS_KEPT, the rows a result keeps —, the
    most severe first when there are more).

    ``results`` is walked several times, one result at a time (a run's results are read from
    its log on disk: batch/state.py), and the workbook is written row by row (XlsxWriter's
    constant-memory mode), so memory stays flat in the number of files. A sheet that would pass
    ``max_rows`` (Excel's 1,048,576 rows) stops there and says how many rows were left to the
    combined dataset (batch_indicators / batch_issues) and the files' own outputs.
    ``extra_sheets(workbook, formats, folder)`` adds sheets after these (the review round's 整改情况).
    """
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook  # sheet names and text sanitised

    wb = SafeWorkbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                  "strings_to_urls": False, "constant_memory": True})
    fmt = _formats(wb)
    base = Path(path).resolve().parent
    _write_files(wb, results, fmt, base, max_rows)
    counted = _Counted(results)  # a table met twice counts once
    _write_rules(wb, counted, fmt)
    _write_matrix(wb, counted, fmt, max_rows)
    _write_issues(wb, counted, fmt, base, min(max_issue_rows, max_rows, ISSUE_ROWS_KEPT))
    if any(r.losses and not r.failed for r in results):
        _write_losses(wb, results, fmt, base, max_rows)
    if extra_sheets is not None:
        extra_sheets(wb, fmt, base)
    wb.close()


class _Counted:
    """The results that count (not a duplicate of an earlier file), walked lazily each time."""

    def __init__(self, results: Iterable[FileResult]) -> None:
        self._results = results

    def __iter__(self) -> Iterator[FileResult]:
        return (r for r in self._results if not r.duplicate_of)


def _left_note(ws: Any, row: int, columns: int, left: int, what: str, fmt: dict[str, Any]) -> None:
    """The last row of a sheet cut at Excel's size: how many rows were left, and where they are."""
    note = f"另有 {left} {what}未列出（超出 Excel 工作表的行数上限），见合并数据集 batch_indicators / batch_issues 和各文件的输出。"
    ws.merge_range(row, 0, row, columns - 1, note, fmt["total"])


def _data_output(res: FileResult) -> str:
    """The file name of a result's data output (.data.csv / .data.xlsx)."""
    return next((Path(p).name for p in res.outputs if ".data." in Path(p).name), "明细数据")


def _write_losses(wb: Any, results: Iterable[FileResult], fmt: dict[str, Any], base: Path,
                  max_rows: int = MAX_SHEET_ROWS) -> None:
    """保存提示: every loss of every file's data output, one row each (file linked to its report)."""
    ws = wb.add_worksheet(LOSS_SHEET)
    widths = [w for _, w in LOSS_COLUMNS]
    _header(ws, [label for label, _ in LOSS_COLUMNS], widths, fmt)
    ws.freeze_panes(1, 1)
    r = left = 0
    for res in results:
        if res.failed or not res.losses:
            continue
        shown, data, link = _shown(res.path), _data_output(res), _report_link(res, base)
        for loss in res.losses:
            if r >= max_rows:
                left += 1
                continue
            r += 1
            _write_link(ws, r, 0, link, shown, fmt)
            ws.write_string(r, 1, data, fmt["cell"])
            ws.write_string(r, 2, loss, fmt["cell"])
            ws.set_row(r, fitted_height([shown, data, loss], widths))
    if left:
        _left_note(ws, r + 1, len(LOSS_COLUMNS), left, "处", fmt)
    ws.autofilter(0, 0, r, len(LOSS_COLUMNS) - 1)
    setup_print(ws, header=f"{TITLE}（{LOSS_SHEET}）")


def _formats(wb: Any) -> dict[str, Any]:
    common = {**FONT, "border": 1, "valign": "top", "text_wrap": True}
    return {
        "head": wb.add_format({**common, "bold": True, "bg_color": "#DDEBF7", "valign": "vcenter",
                               "align": "center"}),
        "cell": wb.add_format(common),
        "number": wb.add_format({**common, "num_format": "0", "align": "center"}),
        "count": wb.add_format({**common, "num_format": "0;-0;;@", "align": "center"}),
        "money": wb.add_format({**common, "num_format": "#,##0.00"}),
        "bad": wb.add_format({**common, "font_color": "#C00000", "bold": True}),
        "link": wb.add_format({**common, "font_color": "#0563C1", "underline": 1}),
        "total": wb.add_format({**common, "bold": True, "bg_color": "#F2F2F2"}),
        "total_count": wb.add_format({**common, "bold": True, "bg_color": "#F2F2F2",
                                      "num_format": "0", "align": "center"}),
        "total_money": wb.add_format({**common, "bold": True, "bg_color": "#F2F2F2",
                                      "num_format": "#,##0.00"}),
    }


def _header(ws: Any, labels: list[str], widths: list[float], fmt: dict[str, Any]) -> None:
    for c, (label, width) in enumerate(zip(labels, widths, strict=True)):
        ws.write_string(0, c, label, fmt["head"])
        ws.set_column(c, c, width)
    ws.set_row(0, fitted_height(labels, widths))


def _shown(path: str) -> str:
    """A path relative to the working directory when it lies inside it (shorter to read)."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _report_link(res: FileResult, base: Path, anchor: str = "") -> str | None:
    """A relative link from the summary's folder to the file's report (None when it has none)."""
    report = next((p for p in res.outputs if p.endswith(".report.xlsx")), None)
    if report is None:
        return None
    target = os.path.relpath(Path(report).resolve(), base).replace(os.sep, "/")
    return target + (f"#{anchor}" if anchor else "")


def _write_link(ws: Any, row: int, col: int, target: str | None, shown: str, fmt: dict[str, Any]) -> None:
    """A file name that opens ``target``: a HYPERLINK formula (its text wraps like any cell's —
    LibreOffice draws a hyperlink object's text on one line, cut at the cell edge — and Excel
    resolves a relative target against the workbook's folder); plain text when there is no
    target or either part exceeds the function's 255 characters."""
    if target is None or len(target) > 255 or len(shown) > 255:
        ws.write_string(row, col, shown, fmt["cell"])
        return
    def quoted(text: str) -> str:
        return text.replace('"', '""')

    ws.write_formula(row, col, f'=HYPERLINK("{quoted(target)}","{quoted(shown)}")', fmt["link"], shown)


def _explanation(res: FileResult) -> str:
    notes = [res.error] if res.error else []
    if res.total_computed:
        notes.append(COMPUTED_NOTE)
    if res.duplicate_of:
        notes.append(f"与 {_shown(res.duplicate_of)} 内容相同（重复，只计一次）")
    if res.losses and not res.failed:  # what the data output cannot keep exactly (sinks/losses.py)
        data = _data_output(res)
        shown = res.losses[:MAX_LOSSES_NOTED]
        more = f"；……共 {len(res.losses)} 处，见“{LOSS_SHEET}”表" if len(res.losses) > len(shown) else ""
        notes.append(f"{data} 无法完整保存：" + "；".join(shown) + more)
    return "；".join(notes)


#: How 文件汇总 names a table kind other than the project table (PerfTable.kind).
KIND_LABELS = {"department": "部门整体支出绩效目标表"}


def _write_files(wb: Any, results: Sequence[FileResult], fmt: dict[str, Any], base: Path,
                 max_rows: int = MAX_SHEET_ROWS) -> None:
    ws = wb.add_worksheet(FILE_SHEET)
    widths = [w for _, w in FILE_COLUMNS]
    _header(ws, [label for label, _ in FILE_COLUMNS], widths, fmt)
    ws.freeze_panes(1, 1)
    cell, number = fmt["cell"], fmt["number"]
    n = failed = 0
    cached: Counter = Counter()
    duplicates: list[int] = []  # sheet rows of files counted once
    for r, res in enumerate(results, start=1):
        if r > max_rows:
            break
        n, failed = r, failed + res.failed
        if res.duplicate_of:
            duplicates.append(r + 1)
        else:
            for c in range(4, 12):
                cached[c] += _column_value(res, c)
        shown = _shown(res.path)
        _write_link(ws, r, 0, _report_link(res, base), shown, fmt)
        ws.write_string(r, 1, "失败" if res.failed else "完成", fmt["bad"] if res.failed else cell)
        layout = layout_cell(res.layout, res.kind)  # 版式: how it was read · what table it holds
        ws.write_string(r, 2, layout, cell)
        ws.write_string(r, 3, res.department, cell)
        for c, value in enumerate((res.units, res.projects, res.indicators), start=4):
            ws.write_number(r, c, value, number)
        if res.total is None:
            ws.write_blank(r, TOTAL_COL, None, fmt["money"])
        else:
            ws.write_number(r, TOTAL_COL, res.total, fmt["money"])
        for c, sev in enumerate(SEVERITIES, start=8):
            count = res.counts.get(sev, 0)
            ws.write_number(r, c, count, fmt["bad"] if sev == "error" and count else number)
        ws.write_number(r, 11, res.suppressed, number)
        explanation = _explanation(res)
        outputs = "\n".join(Path(p).name for p in res.outputs)
        ws.write_string(r, 12, explanation, cell)
        ws.write_string(r, 13, outputs, cell)
        ws.set_row(r, fitted_height([shown, "", layout, res.department, *[""] * 8,
                                     explanation, outputs], widths))
    total_row = n + 1
    label = f"共 {n} 个文件，失败 {failed} 个"
    if len(results) > n:
        label += f"（另有 {len(results) - n} 个文件超出 Excel 行数上限未列出，见合并数据集）"
    if duplicates:
        label += f"，重复 {len(duplicates)} 个（合计只计一次）"
    ws.write_string(total_row, 0, label, fmt["total"])
    for c in range(1, len(FILE_COLUMNS)):
        if c < 4 or c > 11:
            ws.write_blank(total_row, c, None, fmt["total"])
            continue
        letter = chr(ord("A") + c)
        style = fmt["total_money"] if c == TOTAL_COL else fmt["total_count"]
        minus = "".join(f"-{letter}{row}" for row in duplicates)
        ws.write_formula(total_row, c, f"=SUM({letter}2:{letter}{n + 1}){minus}", style, cached[c])
    ws.set_row(total_row, fitted_height([label], widths))
    ws.autofilter(0, 0, max(n, 1), len(FILE_COLUMNS) - 1)
    setup_print(ws, header=f"{TITLE}（{FILE_SHEET}）")


def _column_value(res: FileResult, column: int) -> float:
    values = {4: res.units, 5: res.projects, 6: res.indicators, TOTAL_COL: res.total or 0.0,
              8: res.counts.get("error", 0), 9: res.counts.get("warning", 0),
              10: res.counts.get("info", 0), 11: res.suppressed}
    return values[column]


def _rule_counts(results: Iterable[FileResult]) -> tuple[dict[str, Counter], Counter, list[str]]:
    """Per rule: counts by severity, files affected; codes ordered by frequency."""
    by_rule: dict[str, Counter] = {}
    files: Counter = Counter()
    for res in results:
        for code, per_sev in res.rules.items():
            by_rule.setdefault(code, Counter()).update(per_sev)
            files[code] += 1
    ordered = sorted(by_rule, key=lambda code: (-sum(by_rule[code].values()), code))
    return by_rule, files, ordered


def _write_rules(wb: Any, results: Iterable[FileResult], fmt: dict[str, Any]) -> None:
    """Issues by rule: code, name, definition, counts by severity, files; a bar chart."""
    from perfgoals_xl.rules.names import rule_label

    by_rule, files, ordered = _rule_counts(results)
    titles: dict[str, str] = {}
    for res in results:
        titles.update(res.rule_titles)
    ws = wb.add_worksheet(RULE_SHEET)
    headers = ["规则", "说明", *(SEVERITY_LABELS[s] for s in SEVERITIES), "合计", "涉及文件数"]
    widths = [24, 56, 6, 6, 6, 7, 8]
    _header(ws, headers, widths, fmt)
    ws.freeze_panes(1, 0)
    setup_print(ws, header=f"{TITLE}（{RULE_SHEET}）")
    for r, code in enumerate(ordered, start=1):
        label, title = rule_label(code), titles.get(code, "")
        ws.write_string(r, 0, label, fmt["cell"])  # the code and its Chinese name: the chart's labels
        ws.write_string(r, 1, title, fmt["cell"])
        for c, sev in enumerate(SEVERITIES, start=2):
            ws.write_number(r, c, by_rule[code].get(sev, 0), fmt["count"])
        ws.write_formula(r, 5, f"=SUM(C{r + 1}:E{r + 1})", fmt["total_count"],
                         sum(by_rule[code].values()))
        ws.write_number(r, 6, files[code], fmt["count"])
        ws.set_row(r, fitted_height([label, title], widths))
    if not ordered:
        ws.merge_range(1, 0, 1, len(headers) - 1, "未发现问题", fmt["cell"])
        return
    top = min(len(ordered), 10)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": "出现次数",
        "categories": [RULE_SHEET, 1, 0, top, 0],
        "values": [RULE_SHEET, 1, 5, top, 5],
        # the cached points, given: a constant-memory workbook keeps no cells to read them from
        "categories_data": [rule_label(code) for code in ordered[:top]],
        "values_data": [sum(by_rule[code].values()) for code in ordered[:top]],
        "data_labels": {"value": True},
        "fill": {"color": "#4472C4"},
        "gap": 60,
    })
    chart.set_title({"name": f"出现最多的 {top} 条规则",
                     "name_font": {"name": FONT["font_name"], "size": 12}})
    chart.set_x_axis({"num_font": {"name": FONT["font_name"]}})
    chart.set_y_axis({"reverse": True, "num_font": {"name": FONT["font_name"], "size": 9}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 760, "height": 80 + 30 * top})
    # Below the table, on a page of its own: beside the table, fit-to-width would shrink the
    # table for it; across a page break, it would print in two halves.
    ws.set_h_pagebreaks([len(ordered) + 2])
    ws.insert_chart(len(ordered) + 2, 0, chart)


def _write_matrix(wb: Any, results: Iterable[FileResult], fmt: dict[str, Any],
                  max_rows: int = MAX_SHEET_ROWS) -> None:
    """Departments × rules: issue counts (errors + warnings + hints) with row and column totals."""
    from xlsxwriter.utility import xl_col_to_name as column_letter

    from perfgoals_xl.rules.names import rule_name

    _, _, codes = _rule_counts(results)
    departments: dict[str, Counter] = {}
    file_counts: Counter = Counter()
    for res in results:
        if res.failed:
            continue
        key = res.department or f"（未填部门）{Path(res.path).name}"
        file_counts[key] += 1
        row = departments.setdefault(key, Counter())
        for code, per_sev in res.rules.items():
            row[code] += sum(per_sev.values())
    ws = wb.add_worksheet(MATRIX_SHEET)
    headers = ["部门名称", "文件数", *(f"{code}\n{rule_name(code)}" for code in codes), "合计"]
    widths = [22, 6, *([10] * len(codes)), 7]
    _header(ws, headers, widths, fmt)
    ws.freeze_panes(1, 2)
    names = sorted(departments, key=lambda d: (-sum(departments[d].values()), d))
    left = max(0, len(names) - max_rows)
    shown_names = names[:max_rows]
    last = len(codes) + 2
    for r, name in enumerate(shown_names, start=1):
        ws.write_string(r, 0, name, fmt["cell"])
        ws.write_number(r, 1, file_counts[name], fmt["count"])
        for c, code in enumerate(codes, start=2):
            ws.write_number(r, c, departments[name].get(code, 0), fmt["count"])
        first_letter, last_letter = column_letter(2), column_letter(last - 1)
        formula = f"=SUM({first_letter}{r + 1}:{last_letter}{r + 1})" if codes else "=0"
        ws.write_formula(r, last, formula, fmt["total_count"], sum(departments[name].values()))
        ws.set_row(r, fitted_height([name], widths))
    total_row = len(shown_names) + 1
    ws.write_string(total_row, 0, "合计" + (f"（另有 {left} 个部门未列出）" if left else ""), fmt["total"])
    for c in range(1, last + 1):
        letter = column_letter(c)
        if c == 1:
            cached = sum(file_counts.values())
        elif c == last:
            cached = sum(sum(row.values()) for row in departments.values())
        else:
            cached = sum(row.get(codes[c - 2], 0) for row in departments.values())
        formula = f"=SUM({letter}2:{letter}{total_row})" if names else "=0"
        ws.write_formula(total_row, c, formula, fmt["total_count"], cached)
    ws.set_row(total_row, fitted_height(["合计"], widths))
    setup_print(ws, paper=8 if len(codes) > 12 else 9, header=f"{TITLE}（{MATRIX_SHEET}）")



def _listed_issues(results: Iterable[FileResult], limit: int) -> tuple[Iterator[tuple[FileResult, dict]], int]:
    """(file, issue) pairs for 问题汇总, in file order; beyond ``limit`` the most severe first
    (errors, then warnings, then hints, each in file order). Returns the pairs (yielded as the
    results are walked a second time, so memory stays flat) and how many were left out."""
    per_rank: Counter = Counter()
    for res in results:  # first walk: how many issues of each severity (those not kept counted)
        per_rank.update(issue_rank(issue["severity"]) for issue in res.issues)
        for severity, n in res.issues_left.items():
            per_rank[issue_rank(severity)] += n
    total = sum(per_rank.values())
    if total <= limit:
        return ((res, issue) for res in results for issue in res.issues), 0
    # every issue of the more severe ranks, then the first ones of the rank where the limit falls
    room, cut, cut_room = limit, 4, 0
    for rank in range(4):
        if per_rank[rank] > room:
            cut, cut_room = rank, room
            break
        room -= per_rank[rank]

    def chosen() -> Iterator[tuple[FileResult, dict]]:
        taken = 0
        for res in results:
            for issue in res.issues:
                rank = issue_rank(issue["severity"])
                if rank < cut:
                    yield res, issue
                elif rank == cut and taken < cut_room:
                    taken += 1
                    yield res, issue

    return chosen(), total - limit


def _write_issues(wb: Any, results: Iterable[FileResult], fmt: dict[str, Any], base: Path,
                  limit: int) -> None:
    """Every issue of the batch, one row each, its file linked to the report's 问题清单.

    At most ``limit`` rows (MAX_ISSUE_ROWS) (writing costs ~0.3 ms a row; a reviewer does not page through
    more): beyond that the most severe are listed and a last row says how many were left out
    and where they are (each file's 问题清单 and .issues.csv).
    """
    ws = wb.add_worksheet(ISSUE_SHEET)
    widths = [w for _, _, w in ISSUE_COLUMNS]
    _header(ws, [h for _, h, _ in ISSUE_COLUMNS], widths, fmt)
    ws.freeze_panes(1, 1)
    severity = {"error": fmt["bad"]}
    listed, left_out = _listed_issues(results, limit)
    r = 0
    current, link = None, None
    for res, issue in listed:
        r += 1
        shown = Path(res.path).name
        if res is not current:
            current, link = res, _report_link(res, base, "'问题清单'!A1")
        row = {**issue, "file": shown, "department": res.department,
               "where": issue.get("cells") or (f"第{issue['line']}行" if issue.get("line") else None)}
        values = []
        for c, (key, _, _) in enumerate(ISSUE_COLUMNS):
            value = row.get(key)
            style = severity.get(row["severity"], fmt["cell"]) if key == "severity_label" else fmt["cell"]
            if key == "file":
                _write_link(ws, r, c, link, shown, fmt)
            elif value is None or value == "":
                ws.write_blank(r, c, None, style)
            elif isinstance(value, int):
                ws.write_number(r, c, value, fmt["number"])
            else:
                ws.write_string(r, c, str(value), style)
            values.append(value)
        ws.set_row(r, fitted_height(values, widths))
    if left_out:
        r += 1
        note = (f"另有 {left_out} 条问题未列出（本表最多列 {limit} 条，按错误、警告、提示的顺序选取），"
                "见各文件报表的“问题清单”表或 .issues.csv。")
        ws.merge_range(r, 0, r, len(ISSUE_COLUMNS) - 1, note, fmt["total"])
        ws.set_row(r, fitted_height([note], [sum(widths)]))
    if r == 0:
        ws.merge_range(1, 0, 1, len(ISSUE_COLUMNS) - 1, "未发现问题", fmt["cell"])
    ws.autofilter(0, 0, max(r, 1), len(ISSUE_COLUMNS) - 1)
    setup_print(ws, header=f"{TITLE}（{ISSUE_SHEET}）")
