"""The run's summary workbook: a row per file, a pivot of issues by rule, a chart of the top rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from perfgoals_xl.batch.result import SEVERITIES, SEVERITY_LABELS, FileResult
from perfgoals_xl.sinks.issues_sheet import setup_print
from perfgoals_xl.sources import layout_label

FILE_COLUMNS = [
    ("文件", 40), ("状态", 6), ("版式", 13), ("部门名称", 26), ("单位数", 7), ("项目数", 7),
    ("指标数", 7), ("合计（万元）", 12), ("错误", 6), ("警告", 6), ("提示", 6), ("已接受", 7),
    ("说明", 40), ("输出", 48),
]


def write_summary(results: list[FileResult], path: str | Path) -> None:
    """Write summary.xlsx (文件汇总, 规则统计 with a bar chart of the most frequent rules)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                          "valign": "vcenter", "font_name": "Noto Sans CJK SC"})
    cell = wb.add_format({"border": 1, "valign": "top", "text_wrap": True})
    money = wb.add_format({"border": 1, "valign": "top", "num_format": "#,##0.00"})
    bad = wb.add_format({"border": 1, "valign": "top", "font_color": "#C00000", "bold": True})

    ws = wb.add_worksheet("文件汇总")
    ws.freeze_panes(1, 1)
    for c, (label, width) in enumerate(FILE_COLUMNS):
        ws.write_string(0, c, label, head)
        ws.set_column(c, c, width)
    for r, res in enumerate(results, start=1):
        ws.write_string(r, 0, _shown(res.path), cell)
        ws.write_string(r, 1, "失败" if res.failed else "完成", bad if res.failed else cell)
        ws.write_string(r, 2, layout_label(res.layout), cell)  # 版式: its Chinese description
        ws.write_string(r, 3, res.department, cell)
        for c, value in enumerate((res.units, res.projects, res.indicators), start=4):
            ws.write_number(r, c, value, cell)
        if res.total is None:
            ws.write_blank(r, 7, None, money)
        else:
            ws.write_number(r, 7, res.total, money)
        for c, sev in enumerate(SEVERITIES, start=8):
            ws.write_number(r, c, res.counts.get(sev, 0), bad if sev == "error" and res.counts.get(sev) else cell)
        ws.write_number(r, 11, res.suppressed, cell)
        ws.write_string(r, 12, res.error or "", cell)
        ws.write_string(r, 13, "\n".join(Path(p).name for p in res.outputs), cell)
    n = len(results)
    total_row = n + 1
    ws.write_string(total_row, 0, f"共 {n} 个文件，失败 {sum(r.failed for r in results)} 个", head)
    for c in range(4, 12):
        if c == 7:
            continue
        letter = chr(ord("A") + c)
        ws.write_formula(total_row, c, f"=SUM({letter}2:{letter}{n + 1})", head,
                         sum(_column_value(r, c) for r in results))
    ws.autofilter(0, 0, max(n, 1), len(FILE_COLUMNS) - 1)
    setup_print(ws)

    _write_pivot(wb, results, head, cell)
    wb.close()


def _shown(path: str) -> str:
    """A path relative to the working directory when it lies inside it (shorter to read)."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def _column_value(res: FileResult, column: int) -> int:
    values = {4: res.units, 5: res.projects, 6: res.indicators, 8: res.counts.get("error", 0),
              9: res.counts.get("warning", 0), 10: res.counts.get("info", 0), 11: res.suppressed}
    return values[column]


def _write_pivot(wb, results: list[FileResult], head, cell) -> None:
    """Issues by rule: one row per rule code, counts by severity and files affected; a bar chart."""
    by_rule: dict[str, Counter] = {}
    files: Counter = Counter()
    titles: dict[str, str] = {}
    for res in results:
        titles.update(res.rule_titles)
        for code, per_sev in res.rules.items():
            by_rule.setdefault(code, Counter()).update(per_sev)
            files[code] += 1
    ordered = sorted(by_rule, key=lambda code: (-sum(by_rule[code].values()), code))
    ws = wb.add_worksheet("规则统计")
    headers = ["规则", "说明", *(SEVERITY_LABELS[s] for s in SEVERITIES), "合计", "涉及文件数"]
    widths = [10, 60, 6, 6, 6, 6, 10]
    for c, (label, width) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(0, c, label, head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    setup_print(ws)
    for r, code in enumerate(ordered, start=1):
        ws.write_string(r, 0, code, cell)
        ws.write_string(r, 1, titles.get(code, ""), cell)
        for c, sev in enumerate(SEVERITIES, start=2):
            ws.write_number(r, c, by_rule[code].get(sev, 0), cell)
        ws.write_formula(r, 5, f"=SUM(C{r + 1}:E{r + 1})", cell, sum(by_rule[code].values()))
        ws.write_number(r, 6, files[code], cell)
    if not ordered:
        ws.write_string(1, 0, "未发现问题", cell)
        return
    top = min(len(ordered), 10)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": "出现次数",
        "categories": ["规则统计", 1, 0, top, 0],
        "values": ["规则统计", 1, 5, top, 5],
        "data_labels": {"value": True},
        "fill": {"color": "#4472C4"},
    })
    chart.set_title({"name": f"出现最多的 {top} 条规则", "name_font": {"name": "Noto Sans CJK SC"}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": 60 + 28 * top})
    ws.insert_chart(1, 8, chart)
