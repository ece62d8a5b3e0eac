"""The 项目支出绩效自评表 (one per project) and the 自评汇总 sheet, computed as plain data.

The same data classes as the target report (report/layout.py: cells, merges, widths,
heights, styles, print setup), rendered by the same renderer. A4 portrait, one page
wide; long text wraps and each row is as tall as its tallest merged text::

    项目支出绩效自评表                                                     ← title, A:H
    （2024年度）                                                          ← the year line, when read
    项目名称 | <name>                                                     ← A:B | C:H
    主管部门 | <department> | 实施单位 | <implementer>                     ← A:B | C:D | E:F | G:H
    项目资金（万元）| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分   ← A:B | C…H
    年度资金总额     | numbers …
    其中：本年财政拨款 | the 其中 lines as printed (上年结转资金, 其他资金 …)
    年度总体目标 | 预期目标 | 实际完成情况                                   ← A:B | C:E | F:H
                 | <goal>   | <actual summary>
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    <one row per indicator>
    总分 | 100 | <total> | 自评等级：<grade>（原表：<the total's printed text, when it differs>）
    评价结论 | <text>                                 ← closing rows read (存在问题, 改进措施 …)
    评分说明：<how the weights were set, 不适用 rescaling>
    填报人：… | 联系电话：…                           ← the sign-offs read (PerfTable.footer, and the
                                                       block's fields under sign-off labels: 单位(盖章) …)

A row that needs a deviation reason (得分 below 分值, none written) is shaded. An evaluation scoring
sheet (``model.scoring_sheet``: 分值 | 评分标准 | 自评得分, no target, no actual) prints three columns of
its own (指标解释, 评分标准 …: ``selfeval_losses.written_own_columns``) in place of 年度指标值 | 实际完成值 |
偏差原因, so that what is written reads back as such a sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from perfgoals_xl.model import Indicator, PerfTable
from perfgoals_xl.report.layout import (
    MAX_ROW_HEIGHT,
    Cell,
    CellStyle,
    Merge,
    PrintSetup,
    ReportLayout,
    line_capacity,
    recent_lines,
    text_height,
)
from perfgoals_xl.scoring import ProjectScore
from perfgoals_xl.scoring.project import no_budget_line
from perfgoals_xl.sinks.selfeval_losses import (
    closing_label,
    footer_lines,
    signoff_extras,
    total_extras,
    written_own_columns,
)

TITLE = "项目支出绩效自评表"
DEPARTMENT_TITLE = "部门整体支出绩效自评表"
SUMMARY_TITLE = "项目支出绩效自评汇总表"
DEPARTMENT_SUMMARY_TITLE = "部门整体支出绩效自评汇总表"
#: Columns A..H, Excel width units: about 100 fit A4 portrait at 100 %.
WIDTHS = (11.0, 11.0, 20.0, 11.5, 11.5, 8.5, 8.5, 19.0)
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因分析及改进措施")
#: A scoring sheet's columns: its explanations and scoring rules are sentences, 分值 and 得分 numbers.
SHEET_WIDTHS = (10.0, 10.0, 16.0, 18.0, 18.0, 7.5, 7.5, 13.0)
FUND_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
SUMMARY_HEADERS = ("序号", "资金使用单位", "项目名称", "预算执行率", "总分", "等级", "缺少实际完成值",
                   "待说明偏差", "分值来源")
SUMMARY_WIDTHS = (6.0, 28.0, 34.0, 11.0, 9.0, 7.0, 10.0, 9.0, 12.0)
_SOURCE = {"table": "表中分值", "default": "默认分配", "partial": "表中分值＋剩余分配"}


def _styles() -> dict[str, CellStyle]:
    body = CellStyle(wrap=True, borders="tblr", indent=1)
    return {
        "title": CellStyle(font_size=16.0, bold=True, align="center"),
        "label": CellStyle(bold=True, align="center", wrap=True, borders="tblr"),
        "header": CellStyle(bold=True, align="center", wrap=True, borders="tblr"),
        "text": body,
        "center": CellStyle(align="center", wrap=True, borders="tblr"),
        "number": CellStyle(align="right", borders="tblr", num_format="0.00_ "),
        "percent": CellStyle(align="right", borders="tblr", num_format="0.00%_ "),
        "flag_text": CellStyle(wrap=True, borders="tblr", indent=1, bold=True),
        "flag_number": CellStyle(align="right", borders="tblr", num_format="0.00_ ", bold=True),
        "total_label": CellStyle(bold=True, align="center", borders="tblr"),
        "total_number": CellStyle(bold=True, align="right", borders="tblr", num_format="0.00_ "),
        "total_grade": CellStyle(bold=True, align="center", wrap=True, borders="tblr"),
        "note": CellStyle(wrap=True, valign="top", font_size=9.0),
        "year": CellStyle(align="center"),
        "number_text": CellStyle(align="right", borders="tblr", wrap=True),
        "sign": CellStyle(wrap=True, valign="top"),
    }


#: The project extra holding the year line printed under the title (（2024年度）), as printed.
YEAR_KEY = "年度"
_FUND_COLUMNS = frozenset(FUND_HEADERS)


def _rate(rate: float | None, printed: str | None) -> tuple[str | Decimal | None, str]:
    """The 执行率 cell: ours (执行数 ÷ 预算数); the printed one, as printed, when the amounts are not given."""
    if rate is not None:
        return Decimal(str(round(rate, 4))), "percent"
    return (printed or None), "number_text"


def _printed(text: str) -> tuple[str | Decimal, str]:
    """A 其中 line's cell: a plain amount as a number (shown like the total's), any other text as printed."""
    from decimal import InvalidOperation

    t = text.strip()
    if t and len(t) <= 20 and t.replace(".", "", 1).isdigit():
        try:
            return Decimal(t), "number"
        except InvalidOperation:
            pass
    return text, "number_text"


def budget_lines(extras: dict[str, str]) -> dict[str, dict[str, str]]:
    """The 其中 lines of the budget block kept as ``<line>/<column>`` extras: line → column → text."""
    out: dict[str, dict[str, str]] = {}
    for key, text in extras.items():
        line, _, column = key.rpartition("/")
        if line and column in _FUND_COLUMNS:
            out.setdefault(line, {})[column] = text
    return out


def closing_rows(extras: dict[str, str]) -> dict[str, str]:
    """The label | text rows printed under the 总分 row (a grade the table printed, 评价结论, 存在问题,
    改进措施 …, as read); sign-off fields go to the 落款 lines and a printed total to the 总分 row
    (sinks/selfeval_losses.py)."""
    elsewhere = signoff_extras(extras).keys() | total_extras(extras).keys()
    rows = {k: v for k, v in extras.items()
            if k != YEAR_KEY and k.rpartition("/")[2] not in _FUND_COLUMNS and k not in elsewhere}
    # a grade the table printed first, right under the 总分 row's own (自评等级（原表）)
    return dict(sorted(rows.items(), key=lambda kv: closing_label(kv[0]) == kv[0]))


def _grade_cell(grade: str, extras: dict[str, str]) -> str:
    """自评等级：<ours>, and the text the table printed for its total when that differs (原表：…)."""
    printed = [" ".join(v.split()) for v in total_extras(extras).values() if v.strip()]
    differ = [v if len(v) <= 20 else v[:20] + "…" for v in printed if v != grade][:3]
    return f"自评等级：{grade}" + (f"（原表：{'；'.join(differ)}）" if differ else "")


def _num(value: float | Decimal | None) -> Decimal | None:
    """A number cell: the exact value (shown with two decimals), so reading it back recomputes the same."""
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


class _Builder:
    """Cells, merges and heights of one sheet, row by row."""

    def __init__(self, widths: tuple[float, ...]) -> None:
        self.widths = widths
        self.cells: list[Cell] = []
        self.merges: list[Merge] = []
        self.heights: dict[int, float] = {}
        self.row = 0
        self._capacity: dict[tuple[int, int, str], float] = {}

    def put(self, spans: list[tuple[int, int, str | Decimal | None, str]], *, min_height: float = 0.0) -> int:
        """A row of (first col, last col, value, style) spans; height fits the tallest text."""
        lines = 1
        row, cells, new = self.row, self.cells, tuple.__new__  # Cell._make's way (half the named tuple's cost)
        for first, last, value, style in spans:
            cells.append(new(Cell, (row, first, value, style)))
            if last > first:
                cells.extend(new(Cell, (row, col, None, style)) for col in range(first + 1, last + 1))
                self.merges.append(Merge(row, first, row, last))
            if isinstance(value, str) and value:
                capacity = self._capacity.get((first, last, style))
                if capacity is None:  # count_lines' capacity, once per span and style
                    width = sum(self.widths[first:last + 1])
                    capacity = self._capacity[first, last, style] = line_capacity(
                        width, 9.0 if style == "note" else 10.0)
                lines = max(lines, recent_lines(value, capacity))
        self.heights[row] = min(MAX_ROW_HEIGHT, max(min_height, text_height(lines)))
        self.row += 1
        return self.row - 1


def build_selfeval_layout(score: ProjectScore, table: PerfTable) -> ReportLayout:
    """The 项目支出绩效自评表 of one scored project."""
    p = score.project
    department = table.kind == "department"  # 部门整体支出绩效自评表: the block is the department's
    own = written_own_columns(p)  # a scoring sheet's own columns
    widths = WIDTHS if own is None else SHEET_WIDTHS
    b = _Builder(widths)
    b.put([(0, 7, DEPARTMENT_TITLE if department else TITLE, "title")], min_height=30.0)
    if p.extras.get(YEAR_KEY):
        b.put([(0, 7, p.extras[YEAR_KEY], "year")])
    if department:
        b.put([(0, 1, "部门名称", "label"), (2, 7, p.name, "text")])
    else:
        b.put([(0, 1, "项目名称", "label"), (2, 7, p.name, "text")])
        b.put([(0, 1, "主管部门", "label"), (2, 3, p.department or table.department or "", "text"),
               (4, 5, "实施单位", "label"), (6, 7, p.implementer or score.unit or "", "text")])
    fund = "预算资金（万元）" if department else "项目资金（万元）"
    b.put([(0, 1, fund, "label")] + [(c, c, h, "header") for c, h in enumerate(FUND_HEADERS, 2)])
    budget = score.budget
    unscored = no_budget_line(p)  # a scoring sheet with no budget line: no 分值, no 得分 of one
    b.put([(0, 1, "年度资金总额", "label"), (2, 2, _num(p.budget_initial), "number"),
           (3, 3, _num(p.budget_adjusted), "number"), (4, 4, _num(p.budget_executed), "number"),
           (5, 5, None if unscored else _num(budget.weight), "number"),
           (6, 6, *_rate(budget.rate, p.budget_block.get("rate"))),
           (7, 7, None if unscored else _num(budget.points), "number")])
    for n, (line, values) in enumerate(budget_lines(p.extras).items()):
        b.put([(0, 1, f"其中：{line}" if n == 0 else line, "label")]
              + [(c, c, *_printed(values.get(h, ""))) for c, h in enumerate(FUND_HEADERS, 2)])
    b.put([(0, 1, "年度总体目标", "label"), (2, 4, "预期目标", "header"), (5, 7, "实际完成情况", "header")])
    b.put([(0, 0, None, "label"), (1, 1, None, "label"), (2, 4, p.goal or "", "text"),
           (5, 7, p.actual_summary or "", "text")])
    b.merges.remove(Merge(b.row - 2, 0, b.row - 2, 1))  # the label spans both rows
    b.merges.append(Merge(b.row - 2, 0, b.row - 1, 1))
    heads = INDICATOR_HEADERS if own is None else (*INDICATOR_HEADERS[:3], own[0], own[1], *INDICATOR_HEADERS[5:7], own[2])
    header_row = b.put([(c, c, h, "header") for c, h in enumerate(heads)])
    previous = None
    for s in score.indicators:
        level = (s.indicator.level1, s.indicator.level1_weight)  # two nameless levels: (50分), (30分)
        first_of_level = level != previous  # the level's weight printed once, on its first row
        previous = level
        spans = _indicator_spans(s.indicator, s.weight, s.points, s.result.not_applicable,
                                 s.needs_reason or s.result.missing, first_of_level)
        if own is not None:  # the sheet's own columns in place of the values and the reason
            extras = s.indicator.extras
            for col, label in ((3, own[0]), (4, own[1]), (7, own[2])):
                spans[col] = (col, col, extras.get(label, ""), "text")
        b.put(spans)
    weights_total = sum(s.weight for s in score.indicators if not s.result.not_applicable) + budget.weight
    b.put([(0, 4, "总分", "total_label"), (5, 5, _num(weights_total), "total_number"),
           (6, 6, _num(score.total), "total_number"), (7, 7, _grade_cell(score.grade, p.extras), "total_grade")])
    for label, text in closing_rows(p.extras).items():
        b.put([(0, 1, closing_label(label), "label"), (2, 7, text, "text")])
    b.put([(0, 7, _notes(score), "note")])
    footer = footer_lines(table, p.extras)  # the sign-offs read, and the block's fields under sign-off labels
    for k in range(0, len(footer), 2):  # two sign-offs a row, each over half the width
        b.put([(0, 3, footer[k], "sign"), *([(4, 7, footer[k + 1], "sign")] if k + 1 < len(footer) else [])])
    setup = PrintSetup(landscape=False, repeat_rows=(header_row, header_row))
    return ReportLayout(cells=b.cells, merges=b.merges, column_widths=widths, row_heights=b.heights,
                        styles=_styles(), print_setup=setup, freeze_rows=0, n_rows=b.row)


def _indicator_spans(ind: Indicator, weight: float, points: float, not_applicable: bool,
                     flag: bool, first_of_level: bool = True) -> list[tuple[int, int, str | Decimal | None, str]]:
    text, number = ("flag_text", "flag_number") if flag else ("text", "number")
    actual = ind.actual_value.raw if ind.actual_value is not None else ""
    level1 = ind.level1 or ""
    if first_of_level and ind.level1_weight is not None and f"{ind.level1_weight:g}分" not in level1:
        # the province's split, as the table printed it (a level whose name was lost: (50分) alone)
        level1 = f"{level1}({ind.level1_weight:g}分)"
    return [(0, 0, level1, "center"), (1, 1, ind.level2 or "", "center"), (2, 2, ind.name, "text"),
            (3, 3, ind.annual_value.raw, "center"), (4, 4, actual, "center"), (5, 5, _num(weight), "number"),
            (6, 6, "不适用" if not_applicable else _num(points), "center" if not_applicable else number),
            (7, 7, ind.deviation_reason or "", text)]


def _notes(score: ProjectScore) -> str:
    parts = ["评分说明：定量指标正向按 实际/目标 × 分值（最高满分），反向按 目标/实际 × 分值；定性指标按"
             "达成（80%–100%）、部分达成（60%–80%）、未达成（0–60%）三档计分；预算执行率 = 全年执行数 / 全年预算数。"]
    if any(s.result.method == "claimed" for s in score.indicators):  # a scoring sheet: nothing to recompute
        parts = ["评分说明：评价评分表不列指标值和实际完成值，各指标得分按表中自评得分计（在 0 至分值之间）。"]
    if score.weights_source == "default":
        parts.append("表中未给指标分值，按一级指标分值（默认 产出50、效益30、满意度10）在同一一级指标内平均分配。")
    elif score.weights_source == "partial":
        parts.append("表中部分指标没有分值：已填的分值照用，其余按所在一级指标分值的剩余部分平均分配（没有剩余时记 0 分）。")
    if any(s.result.not_applicable for s in score.indicators):
        parts.append("“不适用”的指标不计分，总分按其余分值折算为 100 分。")
    elif abs(score.possible - 100) > 0.01:
        parts.append(f"分值合计 {score.possible:g}，总分按 100 分折算。")
    if score.missing:
        parts.append(f"有 {score.missing} 项未填实际完成值（或全年执行数），按 0 分计（得分加粗）。")
    if score.needs_reason:
        parts.append(f"{score.needs_reason} 条指标未完全达成（得分加粗），需填写偏差原因分析及改进措施。")
    return "".join(parts)


class ScoreSummary(NamedTuple):
    """What the 自评汇总 row, the sheet name and the command's totals need of a project's score
    (kept for every project while each full ProjectScore lives only as long as its sheet)."""

    unit: str
    name: str
    rate: float | None
    printed_rate: str | None
    total: float
    grade: str
    missing: int
    needs_reason: int
    weights_source: str
    indicators: int

    @classmethod
    def of(cls, s: ProjectScore) -> ScoreSummary:
        """The summary of one project's score."""
        return cls(s.unit, s.project.name, s.budget.rate, s.project.budget_block.get("rate"), s.total, s.grade,
                   s.missing, s.needs_reason, s.weights_source, len(s.project.indicators))


def build_summary_layout(scores: Sequence[ProjectScore | ScoreSummary], table: PerfTable) -> ReportLayout:
    """The 自评汇总 sheet: one row per project (score, grade, missing actuals, reasons needed)."""
    last = len(SUMMARY_HEADERS) - 1
    department = table.kind == "department"  # one row: the department's block
    headers = [("部门名称" if department and h == "项目名称" else h) for h in SUMMARY_HEADERS]
    b = _Builder(SUMMARY_WIDTHS)
    b.put([(0, last, DEPARTMENT_SUMMARY_TITLE if department else SUMMARY_TITLE, "title")], min_height=30.0)
    b.put([(0, last, f"部门名称：{table.department}" if table.department else "", "note")])
    b.put([(c, c, h, "header") for c, h in enumerate(headers)])
    for n, score in enumerate(scores, 1):
        s = score if isinstance(score, ScoreSummary) else ScoreSummary.of(score)
        b.put([(0, 0, str(n), "center"), (1, 1, s.unit, "text"), (2, 2, s.name, "text"),
               (3, 3, *_rate(s.rate, s.printed_rate)),
               (4, 4, _num(s.total), "number"), (5, 5, s.grade, "center"),
               (6, 6, str(s.missing), "center"), (7, 7, str(s.needs_reason), "center"),
               (8, 8, _SOURCE.get(s.weights_source, s.weights_source), "center")])
    body = range(3, b.row)
    tallest = max((b.heights[r] for r in body), default=0.0)
    b.heights.update(dict.fromkeys(body, tallest))  # one height for every project row: an even list
    setup = PrintSetup(landscape=False, repeat_rows=(2, 2))
    return ReportLayout(cells=b.cells, merges=b.merges, column_widths=SUMMARY_WIDTHS, row_heights=b.heights,
                        styles=_styles(), print_setup=setup, freeze_rows=3, n_rows=b.row)
