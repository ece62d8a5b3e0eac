"""The 部门整体支出绩效目标表 (or its 自评表) of a department-wide table, as plain data (a ReportLayout).

The sheet (A4 portrait, columns A..H, more when the indicators carry more columns)::

    部门整体支出绩效目标表                                    ← title, merged across
                                                 单位：万元
    部门（单位）名称 | <name>             | 部门编码 | <code>
    联系人           | <contact>          | 联系电话 | <phone>      ← only when printed
    年度预算/资金情况 | 年度资金总额   | <total>                    ← 其中 rows: 财政拨款,
    （万元）          | 其中：财政拨款 | <fiscal>  …                 (财政专户拨款,) 其他资金,
                      | 基本支出       | <basic> | 项目支出 | <project>
    年度主要任务      | 任务名称 | 主要内容 | 预算金额 (or 总额 | 财政拨款 | 其他资金; a 自评表: when any)
    年度绩效总目标    | <goal>
    绩效指标          | 一级指标 | 二级指标 | 三级指标 | 指标值 | 评（扣）分标准 … | 备注
                      | <level1 merged down> | <level2 merged down> | …
    总分 | <score>                                   ← a 自评表's claimed 总分, when read
    填报日期：…　单位（盖章）：…                      ← the sign-offs read (PerfTable.footer)

The 自评表 writes 年初预算数 | 全年预算数 | 全年执行数 | 执行率 for the amounts, 预期目标 |
实际完成情况 for the goal, and 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 in the
grid. An evaluation scoring sheet (``model.scoring_sheet``: 分值 | 评分标准 | 自评得分, no value column)
keeps its own columns — 一级 | 二级 | 三级 | 分值 | 得分 and its 指标解释 / 评分标准 — and prints no
budget or goal block it does not have. Labels are the ones the department reader knows: the sheet
reads back to an equal model.
Row heights are estimated from the text and the merged width (Excel does not fit merged cells).
"""

from __future__ import annotations

from decimal import Decimal

from perfgoals_xl.model import DepartmentPlan, Indicator, PerfTable, scoring_sheet
from perfgoals_xl.report.form_layout import MIN_SCALE, PAGE_HEIGHT, footer_lines, form_styles
from perfgoals_xl.report.layout import (
    MAX_ROW_HEIGHT,
    Cell,
    Merge,
    PrintSetup,
    ReportLayout,
    count_lines,
    text_height,
)

#: Sign-off labels the department reader reads as the block's contact / phone (vocabulary's
#: DEPARTMENT_LABELS; tests/test_department.py checks they agree): printed as read.
SIGNED_LABELS = {"contact": frozenset({"联系人", "填报人", "经办人", "部门联系人"}),
                 "phone": frozenset({"联系电话", "电话", "联系方式"})}
TITLE = "部门整体支出绩效目标表"
SELFEVAL_TITLE = "部门整体支出绩效自评表"
#: Column widths (Excel character units) of A..H: labels, 一级, 二级, 三级, 指标值, then the extras.
WIDTHS = (16.0, 10.0, 12.0, 18.0, 14.0, 16.0, 11.0, 11.0)
SELFEVAL_WIDTHS = (16.0, 10.0, 11.0, 15.0, 12.0, 12.0, 7.0, 9.0, 16.0)
#: A scoring sheet's grid: labels, 一级, 二级, 三级, 分值, 得分 (then its explanations and scoring rules).
SHEET_WIDTHS = (16.0, 10.0, 11.0, 18.0, 7.0, 9.0)
EXTRA_WIDTH = 12.0
WIDE_EXTRA_WIDTH = 16.0
NOTE_WIDTH = 10.0
SCORING = "评（扣）分标准"
_SCORING_KEYS = frozenset({"评(扣)分标准", "评（扣）分标准", "评分标准", "扣分标准", "评（扣）分标准及依据"})
NOTE = "备注"
#: The weight column of a target table whose indicators print one (指标权重): the reader's 分值.
WEIGHT = "分值"
_SOURCE_ROWS = (("fiscal", "其中：财政拨款"), ("special", "财政专户拨款"), ("other", "其他资金"))


class _Sheet:
    """Cells, merges and row heights being laid out."""

    def __init__(self, widths: list[float]) -> None:
        self.cells: list[Cell] = []
        self.merges: list[Merge] = []
        self.heights: dict[int, float] = {}
        self.widths = widths
        self.last = len(widths) - 1

    def put(self, row: int, col: int, value: str | Decimal | None, style: str, to_col: int | None = None,
            to_row: int | None = None) -> None:
        """A cell (merged right to to_col / down to to_row); its row grows to fit wrapped text."""
        end_col = col if to_col is None else to_col
        end_row = row if to_row is None else to_row
        self.cells.append(Cell(row, col, value if value != "" else None, style))
        if (end_row, end_col) != (row, col):
            self.merges.append(Merge(row, col, end_row, end_col))
            self.cells.extend(Cell(r, c, None, style) for r in range(row, end_row + 1)
                              for c in range(col, end_col + 1) if (r, c) != (row, col))
        lines = 1
        if isinstance(value, str) and value:
            lines = count_lines(value, sum(self.widths[col:end_col + 1]))
        needed = text_height(lines) / (end_row - row + 1)
        for r in range(row, end_row + 1):
            self.heights[r] = min(MAX_ROW_HEIGHT, max(self.heights.get(r, 0.0), needed))


def build_department_layout(table: PerfTable) -> ReportLayout:
    """The 部门整体支出绩效目标表 (自评表 when the plan carries actuals) of a department-wide table."""
    plan = table.plan or DepartmentPlan(name=table.department)
    selfeval = plan.is_selfeval()
    sheet = scoring_sheet(plan)  # no value column: the grid prints 分值 | 得分 and the sheet's own columns
    extras = _extra_columns(plan.indicators, selfeval)
    base = list(SELFEVAL_WIDTHS if selfeval else WIDTHS)
    fixed = len(SHEET_WIDTHS) if sheet else 9 if selfeval else 5  # A (labels) and the grid's own columns
    widths = list(SHEET_WIDTHS if sheet else base[:fixed]) + [_extra_width(label) for label in extras]
    if len(widths) < len(base):  # the block needs eight columns at least
        widths += base[len(widths):]
    s = _Sheet(widths)
    last = s.last
    title = table.title if table.title and "整体" in table.title else (SELFEVAL_TITLE if selfeval else TITLE)
    s.put(0, 0, title, "title", to_col=last)
    s.heights[0] = 30.0
    s.put(1, 0, f"单位：{table.unit or '万元'}", "money_unit", to_col=last)
    s.heights[1] = 18.0
    mid = max(3, last // 2)  # the second label of a two-pair row
    row = 2
    s.put(row, 0, "部门（单位）名称", "label")
    s.put(row, 1, plan.name or table.department, "text", to_col=mid - 1)
    s.put(row, mid, "部门编码", "label")
    s.put(row, mid + 1, plan.code or table.department_code, "text", to_col=last)
    row += 1
    signed: set[str] = set()  # footer entries the contact row prints under their own labels
    if plan.contact or plan.phone:
        # a contact that is no sign-off of the table (部门联系人 | X, no 填报人 line) under a label that is none
        # either: 联系人 reads back as a sign-off too
        for c, (value, label, key) in enumerate(((plan.contact, "部门联系人", "contact"), (plan.phone, "联系电话", "phone"))):
            printed = next((k for k, v in table.footer.items() if v and v == value and k not in signed
                            and k in SIGNED_LABELS[key]), None)
            if printed is not None:
                signed.add(printed)
            s.put(row, 0 if c == 0 else mid, printed or label, "label")
            s.put(row, 1 if c == 0 else mid + 1, value, "text", to_col=mid - 1 if c == 0 else last)
        row += 1
    budget = plan.budget_block or plan.amounts.total is not None or any(
        v is not None for v in (plan.budget_initial, plan.budget_adjusted, plan.budget_executed))
    if budget or not sheet:  # a scoring sheet without a budget line prints none
        row = _budget(s, row, plan, table, selfeval, mid)
    if plan.tasks or not selfeval:  # a 自评表 prints 年度主要任务 only when it has some
        row = _tasks(s, row, plan)
    if plan.goal or plan.actual_summary or not sheet:
        row = _goal(s, row, plan, selfeval, mid)
    for key, value in plan.extras.items():  # labels the model has no field for, kept as read
        s.put(row, 0, key, "label")
        s.put(row, 1, value, "text", to_col=last)
        row += 1
    one_page = _grid(s, row, plan.indicators, extras, selfeval, plan.total_score, values=not sheet)
    _footer(s, {k: v for k, v in table.footer.items() if k not in signed})
    n_rows = max(c.row for c in s.cells) + 1
    setup = PrintSetup(landscape=False, repeat_rows=(0, 0), fit_height=1 if one_page else 0)
    return ReportLayout(cells=s.cells, merges=s.merges, column_widths=tuple(s.widths), row_heights=s.heights,
                        styles=form_styles(), print_setup=setup, freeze_rows=0, n_rows=n_rows)


def _budget(s: _Sheet, row: int, plan: DepartmentPlan, table: PerfTable, selfeval: bool, mid: int) -> int:
    """The 年度预算/资金情况 block (its 自评 form: 年初预算数 | 全年预算数 | 全年执行数 | 执行率)."""
    last = s.last
    unit = table.unit or "万元"
    sources = [(k, label) for k, label in _SOURCE_ROWS if plan.amounts.get(k) is not None]
    if not sources:
        sources = [("fiscal", "其中：财政拨款"), ("other", "其他资金")]
    split = plan.basic is not None or plan.project is not None
    first = row
    if selfeval:
        s.put(row, 1, "项目", "label", to_col=2)
        for c, label in enumerate(("年初预算数", "全年预算数", "全年执行数"), start=3):
            s.put(row, c, label, "label")
        # the budget line's 分值 | 执行率 | 得分 as printed (the reader keeps them in budget_block)
        for c, label in ((6, "分值"), (7, "执行率"), (8, "得分")):
            s.put(row, c, label, "label", to_col=last if c == 8 else None)
        row += 1
        block = plan.budget_block
        s.put(row, 1, "年度资金总额", "label", to_col=2)
        # 年初预算数: the total when the table gives no budget of its own (a bare 预算数 is 全年预算数)
        initial = plan.budget_initial if plan.budget_initial is not None or plan.budget_adjusted is not None \
            else plan.amounts.total
        for c, value in enumerate((initial, plan.budget_adjusted, plan.budget_executed), start=3):
            s.put(row, c, value, "amount")
        for c, key in ((6, "weight"), (7, "rate"), (8, "score")):
            s.put(row, c, block.get(key), "center", to_col=last if c == 8 else None)
        row += 1
        split_rows = [(label, getattr(plan, k)) for k, label in (("basic", "基本支出"), ("project", "项目支出"))
                      if getattr(plan, k) is not None]
        for label, value in [(lb, plan.amounts.get(k)) for k, lb in sources] + split_rows:
            s.put(row, 1, label, "label", to_col=2)
            s.put(row, 3, value, "amount")
            for c in (4, 5):
                s.put(row, c, None, "amount")
            for c in (6, 7, 8):
                s.put(row, c, None, "center", to_col=last if c == 8 else None)
            row += 1
        s.put(first, 0, f"年度预算执行情况\n（{unit}）", "label", to_row=row - 1)
        return row
    s.put(row, 1, "年度资金总额", "label", to_col=2)
    s.put(row, 3, plan.amounts.total, "amount", to_col=last)
    row += 1
    for key, label in sources:
        s.put(row, 1, label, "label", to_col=2)
        s.put(row, 3, plan.amounts.get(key), "amount", to_col=last)
        row += 1
    if split:
        s.put(row, 1, "基本支出", "label", to_col=2)
        s.put(row, 3, plan.basic, "amount", to_col=mid)
        s.put(row, mid + 1, "项目支出", "label")
        s.put(row, mid + 2, plan.project, "amount", to_col=last)
        row += 1
    s.put(first, 0, f"年度预算/资金情况\n（{unit}）", "label", to_row=row - 1)
    return row


def _tasks(s: _Sheet, row: int, plan: DepartmentPlan) -> int:
    """年度主要任务: 任务名称 | 主要内容 | 预算金额 (总额 | 财政拨款 | 其他资金 when the tasks split it)."""
    last = s.last
    tasks = plan.tasks
    split = [k for k in ("fiscal", "special", "other") if any(t.amounts.get(k) is not None for t in tasks)]
    first = row
    s.put(row, 1, "任务名称", "label", to_col=2, to_row=row + 1 if split else None)
    money_from = last - len(split) if split else last - 1
    s.put(row, 3, "主要内容", "label", to_col=money_from - 1, to_row=row + 1 if split else None)
    if split:
        s.put(row, money_from, "预算金额", "label", to_col=last)
        row += 1
        labels = {"fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金"}
        s.put(row, money_from, "总额", "label")
        for k, key in enumerate(split, start=money_from + 1):
            s.put(row, k, labels[key], "label")
    else:
        s.put(row, money_from, "预算金额", "label", to_col=last)
    row += 1
    for task in tasks or []:
        s.put(row, 1, task.name, "text", to_col=2)
        s.put(row, 3, task.content, "text", to_col=money_from - 1)
        if split:
            s.put(row, money_from, task.amounts.total, "amount")
            for k, key in enumerate(split, start=money_from + 1):
                s.put(row, k, task.amounts.get(key), "amount")
        else:
            s.put(row, money_from, task.amounts.total, "amount", to_col=last)
        row += 1
    if not tasks:
        s.put(row, 1, None, "text", to_col=2)
        s.put(row, 3, None, "text", to_col=money_from - 1)
        s.put(row, money_from, None, "amount", to_col=last)
        row += 1
    s.put(first, 0, "年度主要任务", "label", to_row=row - 1)
    return row


def _goal(s: _Sheet, row: int, plan: DepartmentPlan, selfeval: bool, mid: int) -> int:
    """年度绩效总目标 (the 自评表: 年度总体目标 with 预期目标 | 实际完成情况)."""
    last = s.last
    if selfeval:
        s.put(row, 0, "年度总体目标", "label", to_row=row + 1)
        s.put(row, 1, "预期目标", "label", to_col=mid)
        s.put(row, mid + 1, "实际完成情况", "label", to_col=last)
        s.put(row + 1, 1, plan.goal, "text", to_col=mid)
        s.put(row + 1, mid + 1, plan.actual_summary, "text", to_col=last)
        return row + 2
    s.put(row, 0, "年度绩效总目标", "label")
    s.put(row, 1, plan.goal, "text", to_col=last)
    s.heights[row] = max(s.heights[row], text_height(2))
    return row + 1


def _extra_width(label: str) -> float:
    """The width of an extra column: standards and explanations hold sentences, 备注 a word or two."""
    if label in _SCORING_KEYS or any(w in label for w in ("标准", "解释", "说明", "依据", "原因")):
        return WIDE_EXTRA_WIDTH
    return NOTE_WIDTH if label == NOTE else EXTRA_WIDTH


def _extra_columns(indicators: list[Indicator], selfeval: bool) -> list[str]:
    """The indicators' extra columns as read (评（扣）分标准 and 备注 always: the official layout)."""
    cols: list[str] = []
    for ind in indicators:
        for key in ind.extras:
            if key not in cols and not (selfeval and key in ("分值", "得分")):
                cols.append(key)
    if not selfeval and not any(k in _SCORING_KEYS for k in cols):
        cols.insert(0, SCORING)
    if NOTE not in cols:
        cols.append(NOTE)
    else:  # 备注 last, as printed
        cols.remove(NOTE)
        cols.append(NOTE)
    if any(i.nature for i in indicators):
        cols.insert(0, "指标性质")
    if not selfeval and any(i.weight is not None for i in indicators):  # 指标权重 printed beside the value
        if WEIGHT in cols:
            cols.remove(WEIGHT)
        cols.insert(0, WEIGHT)
    return cols


def _grid(s: _Sheet, row: int, indicators: list[Indicator], extras: list[str], selfeval: bool,
          total_score: float | None = None, *, values: bool = True) -> bool:
    """The indicator grid from `row` (a 自评表's 总分 row under it, when claimed); True when the whole
    table fits one page (then levels are merged). values=False: a scoring sheet, no value columns."""
    heads = ["一级指标", "二级指标", "三级指标"]
    if not values:
        heads += ["分值", "得分"]
    else:
        heads += ["年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"] if selfeval else ["指标值"]
    heads += extras
    last = s.last
    for c, label in enumerate(heads, start=1):
        s.put(row, c, label, "label", to_col=last if c == len(heads) else None)
    first = row + 1
    r = first
    for ind in indicators:
        cells: list[str | None] = [_level1(ind), _level2(ind), ind.name]
        if not values:
            cells += [_number(ind.weight), _number(ind.score)]
        else:
            cells.append(ind.annual_value.raw)
            if selfeval:
                cells += [ind.actual_value.raw if ind.actual_value is not None else None, _number(ind.weight),
                          _number(ind.score), ind.deviation_reason]
        cells += [_extra(ind, label) for label in extras]
        for c, value in enumerate(cells, start=1):
            style = "text" if c == 3 or (c > 4 and len(value or "") > 8) else "center"
            s.put(r, c, value, style, to_col=last if c == len(cells) else None)
        r += 1
    if not indicators:
        for c in range(1, len(heads) + 1):
            s.put(r, c, None, "center", to_col=last if c == len(heads) else None)
        r += 1
    if selfeval and total_score is not None:  # 总分 | <得分>, under the 得分 column
        score_col = heads.index("得分") + 1
        s.put(r, 0, "总分", "label", to_col=score_col - 1)
        s.put(r, score_col, _number(total_score), "center")
        s.put(r, score_col + 1, None, "center", to_col=last)
    one_page = sum(s.heights.values()) * MIN_SCALE <= PAGE_HEIGHT
    body = max(1, len(indicators))
    # Merged cells cut by a page break print half their text on each page: the tall 绩效指标 label
    # and the level runs are merged only when the whole table fits on one page.
    s.put(row, 0, "绩效指标", "label", to_row=row + body if one_page else None)
    if not one_page:
        for k in range(body):
            s.put(first + k, 0, None, "center")
    _merge_runs(s, first, indicators, one_page)
    return one_page


def _footer(s: _Sheet, footer: dict[str, str]) -> None:
    """The sign-offs read (填报日期：…　单位(盖章)：…) under the grid, one line, then a note."""
    row = max(c.row for c in s.cells) + 1
    for line in footer_lines(footer):
        s.put(row, 0, line, "note", to_col=s.last)
        row += 1


def _merge_runs(s: _Sheet, first: int, indicators: list[Indicator], merge: bool) -> None:
    """Level 1 (column B) and level 2 (column C, within its level 1) written once per run, merged down."""
    if not merge or not indicators:
        return
    keys1 = [_level1(i) for i in indicators]
    keys2 = [(k1, _level(i.level2_code, i.level2)) for k1, i in zip(keys1, indicators, strict=True)]
    for col, keys in ((1, keys1), (2, keys2)):
        k0 = 0
        for k in range(1, len(keys) + 1):
            if k == len(keys) or keys[k] != keys[k0]:
                if k - 1 > k0:
                    _merge_down(s, first + k0, first + k - 1, col)
                k0 = k


def _merge_down(s: _Sheet, top: int, bottom: int, col: int) -> None:
    """Merge a run of equal level cells: the first keeps its value, the others become blank."""
    s.cells = [c if not (top < c.row <= bottom and c.col == col) else c._replace(value=None) for c in s.cells]
    s.merges.append(Merge(top, col, bottom, col))


def _level(code: str | None, name: str) -> str:
    return f"{code}-{name}" if code else name


def _level1(ind: Indicator) -> str:
    """The level-1 cell, with the weight the table printed for it (管理指标(30分)), so it reads back."""
    text = _level(ind.level1_code, ind.level1)
    w = ind.level1_weight
    return f"{text}({w:g}分)" if w is not None and text and f"{w:g}分" not in text else text


def _level2(ind: Indicator) -> str:
    """The level-2 cell, with the weight the table printed for it (预算编制(30分)), so it reads back."""
    text = _level(ind.level2_code, ind.level2)
    w = ind.level2_weight
    return f"{text}({w:g}分)" if w is not None and text and f"{w:g}分" not in text else text


def _number(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def _extra(ind: Indicator, label: str) -> str | None:
    if label == "指标性质":
        return ind.nature
    if label == WEIGHT and ind.weight is not None:
        return _number(ind.weight)
    return ind.extras.get(label)
