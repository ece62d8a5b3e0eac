"""One 88号-style 项目支出绩效目标申报表 per project, computed as plain data (a ReportLayout each).

The sheet of one project (A4 portrait, columns A..H)::

    项目支出绩效目标申报表                                     ← title, merged A:H
                                                  单位：万元
    项目名称     | <name>                                      ← merged B:H
    项目编码     | <code>            | 项目属性 | <category>
    主管部门及代码 | [<code>]<dept>   | 实施单位 | <unit or implementer>
    (资金使用单位 | <unit>, only when a project's 实施单位 differs from its unit)
    项目期       | <term>            | <extra label> | <extra value>   ← extras, two per row
    项目资金     | 中期资金总额 | …   | 年度资金总额 | <total>    ← 4 rows: 总额, 财政拨款,
    （万元）     | 其中：财政拨款 | … | 其中：财政拨款 | …         财政专户拨款, 其他资金
    总体目标     | 中期目标           | 年度目标
                 | <period goal>      | <goal>
    绩效指标     | 一级指标 | 中期指标 (C:E)   | 年度指标 (F:H)
                 |          | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值
                 | <level1> | … one row per indicator, both halves …

Both halves name every indicator (the form reader pairs them by name back into one
indicator); levels keep their codes as ``1-产出指标``. Columns for 指标性质 / 指标方向 /
分值 and indicator extras follow the annual half only when a project has them. Amounts
are numbers with two decimals; every text is written as text. Row heights are
estimated from the text and the merged width (Excel does not fit merged cells), so
nothing is clipped; the form reader reads the sheet back to an equal model.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfgoals_xl.model import Indicator, PerfTable, Project
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

FORM_TITLE = "项目支出绩效目标申报表"
#: Column widths (Excel character units) of A..H: labels, 一级, then two halves of 二级 | 三级 | 指标值.
FORM_WIDTHS = (12.0, 11.0, 11.0, 17.0, 10.0, 11.0, 17.0, 10.0)
EXTRA_WIDTH = 9.0
_AMOUNT_ROWS = (("total", "资金总额"), ("fiscal", "其中：财政拨款"), ("special", "财政专户拨款"), ("other", "其他资金"))
#: Extras of the mid-term amounts (the form reader's names) → the amount field they belong to.
PERIOD_EXTRAS = {"total": "中期资金总额", "fiscal": "中期财政拨款", "special": "中期财政专户拨款", "other": "中期其他资金"}
MAX_SHEET_NAME = 31
_PLAIN_NUMBER = re.compile(r"^-?\d{1,12}(?:\.\d{0,7}[1-9])?$")
#: Printable height of an A4 portrait page (points) and the smallest scale a one-page form may take.
PAGE_HEIGHT = 760.0
#: The note under the grid when the indicators were regrouped (grouped_indicators).
ORDER_NOTE = "注　本表绩效指标按一级、二级指标归类排列（组内保持原表顺序），与原表的排列顺序不同。"
MIN_SCALE = 0.62


def form_styles() -> dict[str, CellStyle]:
    """The styles of the one-page forms (申报表, 部门整体支出绩效目标表): title, labels, text, amounts, notes."""
    box = "tblr"
    return {
        "title": CellStyle(font_size=16.0, bold=True, align="center"),
        "money_unit": CellStyle(align="right"),
        "label": CellStyle(bold=True, align="center", wrap=True, borders=box),
        "text": CellStyle(wrap=True, borders=box, indent=1),
        "center": CellStyle(align="center", wrap=True, borders=box),
        "amount": CellStyle(align="right", borders=box, num_format="0.00_ "),
        "note": CellStyle(wrap=True, valign="top"),
    }


def sheet_names(projects: list[Project], prefix: str = "") -> list[str]:
    """A sheet name per project: prefix + its name, valid for Excel (text_clean.sheet_name), unique."""
    from perfgoals_xl.text_clean import SheetNames

    namer = SheetNames()
    return [namer.add(project.name, fallback=f"{prefix}项目{n}", prefix=prefix)
            for n, project in enumerate(projects, start=1)]


def _level(code: str | None, name: str) -> str:
    return f"{code}-{name}" if code else name


class _Builder:
    def __init__(self, width: int) -> None:
        self.cells: list[Cell] = []
        self.merges: list[Merge] = []
        self.heights: dict[int, float] = {}
        self.widths = list(FORM_WIDTHS) + [EXTRA_WIDTH] * (width - len(FORM_WIDTHS))
        self.last = width - 1
        self._capacity: dict[tuple[int, int], float] = {}

    def put(self, row: int, col: int, value: str | Decimal | None, style: str, to_col: int | None = None,
            to_row: int | None = None) -> None:
        """A cell (merged right to to_col / down to to_row); grows its row to fit wrapped text."""
        end_col = col if to_col is None else to_col
        end_row = row if to_row is None else to_row
        cells, new = self.cells, tuple.__new__  # Cell._make's way: the named tuple's __new__ costs twice
        cells.append(new(Cell, (row, col, value, style)))
        if end_row != row or end_col != col:
            self.merges.append(Merge(row, col, end_row, end_col))
            for r in range(row, end_row + 1):
                for c in range(col, end_col + 1):
                    if r != row or c != col:
                        cells.append(new(Cell, (r, c, None, style)))
        if value.__class__ is str and value and end_row == row:
            capacity = self._capacity.get((col, end_col))
            if capacity is None:  # count_lines' capacity, once per span
                capacity = self._capacity[col, end_col] = line_capacity(sum(self.widths[col:end_col + 1]))
            needed = text_height(recent_lines(value, capacity))
            self.heights[row] = min(MAX_ROW_HEIGHT, max(self.heights.get(row, 0.0), needed))

    def row_min(self, row: int) -> None:
        self.heights.setdefault(row, text_height(1))


def grouped_indicators(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators grouped by 一级 then 二级 指标, as official forms list them.

    Groups follow their codes (1-产出 before 2-效益) and, without a code, the order in
    which they first appear; inside a group the order is the order read.
    """
    first1: dict[str, int] = {}
    first2: dict[tuple[str, str], int] = {}
    for n, ind in enumerate(indicators):
        first1.setdefault(ind.level1, n)
        first2.setdefault((ind.level1, ind.level2), n)

    def code(text: str | None) -> int:
        return int(text) if text and text.isdigit() and len(text) <= 6 else 10**7

    def key(pair: tuple[int, Indicator]) -> tuple[int, int, int, int, int]:
        n, ind = pair
        return (code(ind.level1_code), first1[ind.level1], code(ind.level2_code),
                first2[(ind.level1, ind.level2)], n)

    return [ind for _, ind in sorted(enumerate(indicators), key=key)]


def _header_text(text: str) -> str:
    """Text for a page header: Excel's codes escaped (& → &&), short enough for its 255 limit."""
    return text[:100].replace("&", "&&")


def build_form_layout(table: PerfTable, project: Project, unit_name: str) -> ReportLayout:
    """The 申报表 of one project as a layout (rendered by ``report.render_xlsx``).

    Indicators are grouped by 一级 then 二级 指标 (``grouped_indicators``); a note under the
    grid says so when that changed the order read. A form longer than a page repeats the
    grid's header rows on every page and names the project in the page header.
    """
    indicators = grouped_indicators(project.indicators)
    reordered = indicators != project.indicators
    extra_cols = _extra_columns(indicators)
    b = _Builder(len(FORM_WIDTHS) + len(extra_cols))
    last = b.last
    b.put(0, 0, FORM_TITLE, "title", to_col=last)
    b.heights[0] = 30.0
    b.put(1, 0, f"单位：{table.unit or '万元'}", "money_unit", to_col=last)
    b.heights[1] = 18.0
    row = 2
    b.put(row, 0, "项目名称", "label")
    b.put(row, 1, project.name, "text", to_col=last)
    row += 1
    pairs: list[tuple[str, str]] = [("项目编码", project.code or ""), ("项目属性", project.category or "")]
    department = project.department or table.department
    code = project.department_code if project.department else project.department_code or table.department_code
    pairs += [("主管部门及代码", f"[{code}]{department}" if code else department),
              ("实施单位", project.implementer or unit_name)]
    if project.implementer and project.implementer != unit_name:
        pairs += [("资金使用单位", unit_name), ("", "")]
    pairs.append(("项目期", project.term or ""))
    period_amounts = {k: project.extras.get(v, "") for k, v in PERIOD_EXTRAS.items()}
    extras = [(k, v) for k, v in project.extras.items() if k not in PERIOD_EXTRAS.values()]
    pairs += extras
    if len(pairs) % 2:
        pairs.append(("", ""))
    for i in range(0, len(pairs), 2):
        (l1, v1), (l2, v2) = pairs[i], pairs[i + 1]
        b.put(row, 0, l1 or None, "label")
        b.put(row, 1, v1 or None, "text", to_col=3)
        b.put(row, 4, l2 or None, "label")
        b.put(row, 5, v2 or None, "text", to_col=last)
        b.row_min(row)
        row += 1
    b.put(row, 0, f"项目资金\n（{table.unit or '万元'}）", "label", to_row=row + len(_AMOUNT_ROWS) - 1)
    for k, (key, label) in enumerate(_AMOUNT_ROWS):
        r = row + k
        b.put(r, 1, ("中期" + label) if key == "total" else label, "label")
        b.put(r, 2, _mid_amount(period_amounts[key]), "amount", to_col=3)
        b.put(r, 4, ("年度" + label) if key == "total" else label, "label")
        b.put(r, 5, project.amounts.get(key), "amount", to_col=last)
        b.row_min(r)
    row += len(_AMOUNT_ROWS)
    b.put(row, 0, "总体目标", "label", to_row=row + 1)
    b.put(row, 1, "中期目标", "label", to_col=3)
    b.put(row, 4, "年度目标", "label", to_col=last)
    b.row_min(row)
    b.put(row + 1, 1, project.period_goal or None, "text", to_col=3)
    b.put(row + 1, 4, project.goal or None, "text", to_col=last)
    b.row_min(row + 1)
    row += 2
    grid_row = row
    one_page = _grid(b, row, indicators, extra_cols)
    _footer(b, table.footer)
    n_rows = max(c.row for c in b.cells) + 1
    if reordered:
        b.put(n_rows, 0, ORDER_NOTE, "note", to_col=last)
        n_rows += 1
    if one_page:
        setup = PrintSetup(landscape=False, repeat_rows=(0, 0), fit_height=1)
    else:  # continuation pages: the grid's header rows and the project's name (page header)
        setup = PrintSetup(landscape=False, repeat_rows=(grid_row, grid_row + 1), fit_height=0,
                           header=f"&L{_header_text(FORM_TITLE + '：' + project.name)}")
    return ReportLayout(
        cells=b.cells, merges=b.merges, column_widths=tuple(b.widths), row_heights=b.heights, styles=form_styles(),
        print_setup=setup, freeze_rows=0, n_rows=n_rows,
    )


def footer_lines(footer: dict[str, str]) -> list[str]:
    """A table's footer as printed under its grid: one line of the sign-offs (填报人：…　联系电话：…),
    then the note (注), each only when there is one."""
    signed = "\u3000\u3000".join(f"{k}：{v}" for k, v in footer.items() if k != "注")
    return [line for line in (signed, footer.get("注", "")) if line]


def _footer(b: _Builder, footer: dict[str, str]) -> None:
    """The table's footer under the grid as printed (:func:`footer_lines`)."""
    row = max(c.row for c in b.cells) + 1
    for line in footer_lines(footer):
        b.put(row, 0, line, "text", to_col=b.last)
        b.row_min(row)
        row += 1


def _mid_amount(text: str) -> Decimal | str | None:
    """A mid-term amount (kept as read): a number when reading it back gives the same text."""
    if not text:
        return None
    if _PLAIN_NUMBER.match(text):
        return Decimal(text)
    return text


def _extra_columns(indicators: list[Indicator]) -> list[str]:
    """The scoring columns and indicator extras a project's indicators use (in a fixed order)."""
    cols: list[str] = []
    if any(i.nature for i in indicators):
        cols.append("指标性质")
    if any(i.direction for i in indicators):
        cols.append("指标方向")
    if any(i.weight is not None for i in indicators):
        cols.append("分值")
    for ind in indicators:
        for key in ind.extras:
            if key not in cols:
                cols.append(key)
    return cols


def _grid(b: _Builder, row: int, indicators: list[Indicator], extra_cols: list[str]) -> bool:
    """The indicator grid from `row`; True when the whole form fits one page (then it is merged)."""
    last = b.last
    body = max(1, len(indicators))
    b.put(row, 1, "一级指标", "label", to_row=row + 1)
    b.put(row, 2, "中期指标", "label", to_col=4)
    b.put(row, 5, "年度指标", "label", to_col=7)
    for k, label in enumerate(extra_cols):
        b.put(row, 8 + k, label, "label", to_row=row + 1)
    for c, label in enumerate(("二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"), start=2):
        b.put(row + 1, c, label, "label")
    b.row_min(row)
    b.row_min(row + 1)
    first = row + 2
    r = first
    for ind in indicators:
        level2 = _level(ind.level2_code, ind.level2)
        for c, value in enumerate((level2, ind.name, ind.period_value.raw, level2, ind.name, ind.annual_value.raw),
                                  start=2):
            b.put(r, c, value or None, "text" if c in (3, 6) else "center")
        for k, label in enumerate(extra_cols):
            b.put(r, 8 + k, _extra_value(ind, label) or None, "center")
        b.row_min(r)
        r += 1
    if not indicators:
        for c in range(1, last + 1):
            b.put(r, c, None, "center")
        b.row_min(r)
    one_page = sum(b.heights.values()) * MIN_SCALE <= PAGE_HEIGHT
    # Merged cells cut by a page break print their text half on each page: the tall 绩效指标
    # label and level-1 runs are merged only when the whole form fits on one page.
    b.put(row, 0, "绩效指标", "label", to_row=row + 1 + body if one_page else row + 1)
    if not one_page:
        for k in range(body):
            b.put(first + k, 0, None, "center")
    def level1(k: int) -> str:
        return _level(indicators[k].level1_code, indicators[k].level1)

    k0 = 0
    for k in range(1, len(indicators) + 1):
        if k == len(indicators) or level1(k) != level1(k0) or not one_page:
            b.put(first + k0, 1, level1(k0) or None, "center", to_row=first + k - 1)
            k0 = k
    return one_page


def _extra_value(ind: Indicator, label: str) -> str:
    if label == "指标性质":
        return ind.nature or ""
    if label == "指标方向":
        return ind.direction or ""
    if label == "分值":
        return "" if ind.weight is None else f"{ind.weight:g}"
    return ind.extras.get(label, "")
