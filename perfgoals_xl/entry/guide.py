"""The 填报说明 sheet (filling-in guide) as data: how to fill each column of 填报, the indicator
framework's level-1/level-2 codes and names, and where the buttons are.

One content, three renderers: the entry workbook written by ``perfgoals import … -o x.xlsx``
and the Excel template (``write_guide_sheet``, XlsxWriter), and the 填报说明 button of the
template (``perfgoals_xl.excel.buttons.guide_plan``, through the plan executor). Rows are
``(kind, cells)``: kind ``title``, ``section`` (a heading), ``head`` (a table header),
``row`` (a table row) or ``text`` (a paragraph over the three columns).
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl import framework
from perfgoals_xl.entry.layout import COLUMNS, column_letter
from perfgoals_xl.excel.names import GUIDE_SHEET

SHEET = GUIDE_SHEET
#: Column widths (Excel character units) of the three columns.
WIDTHS = (12.0, 22.0, 76.0)

#: What each button does, by VBA macro (captions and macros: ``excel.names.BUTTONS``).
BUTTON_HELP = {
    "PG_Validate": "按全部规则检查“填报”表；问题列在“校验结果”表，点“位置”可跳到单元格，有问题的单元格标色。",
    "PG_ClearMarks": "去掉“校验”留下的标色，单元格恢复原来的格式。",
    "PG_Expand": "把“绩效指标（粘贴原文）”列中粘贴的整段指标文字拆成一行一条指标，接在该项目下。",
    "PG_Import": "选择公开文本、JSON、另一个填报工作簿、一行一指标的表格或 PDF，把其中的项目和指标追加到已有数据下方。",
    "PG_Report": "按《项目支出绩效目标表（含转移支付项目）》的格式生成“报表”表，A4 横向，可直接打印。",
    "PG_Forms": "每个项目生成一张《项目支出绩效目标申报表》（财预〔2015〕88号样式，A4 纵向），放在“申报表·项目名称”表中。",
    "PG_Rules": "打开“规则说明”表：每条规则的代码、级别、说明、错误与正确示例、修改建议和依据。",
    "PG_Guide": "打开本“填报说明”表。",
    "PG_Score": "年终自评：按“实际完成值”等列计算每条指标和每个项目的得分，写入“得分”列，需要说明的偏差列在“校验结果”表。",
    "PG_Compare": "选择上一版的表（任何可读取的格式），与“填报”表对比：新增、删除、修改的项目和指标，以及已整改、新发现、"
                  "仍未整改的问题，分别写在“对比上一版”和“对比上一版·整改”表中。",
    "PG_Suggest": "选中一个项目的行后点击：在“推荐指标”表列出相似项目常用的指标和典型指标值；在“选用”列填 1 后再点一次，选中的指标写入该项目的指标行。",
}

#: The ribbon group (on the 绩效目标 tab) of each button, by VBA macro.
RIBBON_GROUPS = {"PG_Import": "填报", "PG_Expand": "填报", "PG_Guide": "填报", "PG_Validate": "校验",
                 "PG_ClearMarks": "校验", "PG_Rules": "校验", "PG_Report": "报表", "PG_Forms": "报表",
                 "PG_Score": "自评",
                 "PG_Compare": "审核", "PG_Suggest": "推荐"}

STEPS = (
    "1. 在第 2 行填写部门名称；金额单位默认为万元（把 C2 改为“单位：元”则按元读取）。",
    "2. 从第 4 行起，每条绩效指标占一行。项目名称、金额和绩效目标只写在项目的第一行，"
    "下面属于同一项目的行留空。",
    "3. 一级指标、二级指标从下拉列表选择（二级指标的列表随一级指标变化）；空白表示与上一行相同。"
    "指标代码由公式自动得出，请勿手填。",
    "4. 实施周期指标值、年度指标值照原样填写（如 ≥95%、12篇、10月底前、符合），单元格为文本格式，"
    "输入的内容不会被 Excel 改成日期或数字。",
    "5. 旧表中整段的绩效指标文字可粘贴到“绩效指标（粘贴原文）”列，再点“拆分指标”。",
    "6. 填好后点“校验”查看问题，改正后点“生成报表”得到正式表格。",
)


def _buttons(with_buttons: bool) -> list[tuple[str, list[str]]]:
    from perfgoals_xl.excel.names import BUTTONS

    if not with_buttons:
        return [("text", ["本工作簿由 perfgoals import 生成，不含按钮。在模板 perfgoals.xlsm 中有"
                          "“绩效目标”选项卡和表上的按钮；也可以在命令行运行 perfgoals check（校验）、"
                          "perfgoals report（生成报表）。WPS 表格可以填写本工作簿，校验和生成报表请用命令行。"])]
    rows: list[tuple[str, list[str]]] = [
        ("text", ["按钮在两处，功能相同：功能区的“绩效目标”选项卡，以及“填报”表顶部标题右侧的按钮"
                  "（打开工作簿即可看到，向下滚动时也始终显示）。"]),
        ("head", ["功能区分组", "按钮", "做什么"]),
    ]
    rows += [("row", [RIBBON_GROUPS.get(macro, "绩效目标"), caption, BUTTON_HELP.get(macro, "")])
             for caption, macro, _ in BUTTONS]
    return rows


def guide_rows(*, with_buttons: bool = True) -> list[tuple[str, list[str]]]:
    """Every row of the 填报说明 sheet, in order (``with_buttons``: the template's version)."""
    rows: list[tuple[str, list[str]]] = [
        ("title", ["填报说明 — 项目支出绩效目标表（含转移支付项目）"]),
        ("section", ["一、填写步骤"]),
        *(("text", [step]) for step in STEPS),
        ("section", ["二、各列怎么填（“填报”表第 3 行为表头）"]),
        ("head", ["列", "表头", "填写方法"]),
    ]
    rows += [("row", [column_letter(i), col.header, col.hint]) for i, col in enumerate(COLUMNS)]
    rows += [
        ("section", ["三、指标体系（一级指标、二级指标的代码和名称）"]),
        ("head", ["一级代码", "一级指标", "二级指标（代码-名称）"]),
    ]
    rows += [("row", [lv.code, lv.name, "；".join(f"{c.code}-{c.name}" for c in lv.children)])
             for lv in framework.LEVEL1]
    rows += [
        ("text", ["“成本指标”既可作为一级指标（4-成本指标），也可作为产出指标下的二级指标（14-成本指标）。"
                  "下拉列表中的名称为规范名称；填写其他名称时 Excel 会提示一次，可保留，校验时会指出。"]),
        ("section", ["四、按钮在哪里"]),
        *_buttons(with_buttons),
    ]
    return rows


def row_height(kind: str, cells: list[str]) -> float:
    """Points that show a guide row whole (paragraphs span the three columns)."""
    from perfgoals_xl.sinks.fit import fitted_height, lines_height

    if kind == "title":
        return 30.0
    if kind in ("text", "section"):
        return fitted_height([cells[0]], [sum(WIDTHS)])
    if not any(cells):
        return lines_height(1)
    return fitted_height(cells, WIDTHS)


#: Printable height of an A4 landscape page (points) below the repeated title row, with a margin
#: for the estimate: the page is laid out at 100 % (the three columns fit its width).
PAGE_BODY = 430.0


def paged_rows(rows: list[tuple[str, list[str]]]) -> tuple[list[tuple[str, list[str]]], list[int]]:
    """The guide's rows laid out on pages: a table continued on a new page repeats its header
    row there, and a heading or table header never ends a page. Returns the rows (with the
    repeated headers) and the row indices that start a new page (manual page breaks)."""
    out: list[tuple[str, list[str]]] = []
    breaks: list[int] = []
    used = 0.0  # height on the current page (the title row is repeated above it)
    head: tuple[str, list[str]] | None = None  # the header of the table being written
    for k, (kind, cells) in enumerate(rows):
        if kind == "title":
            out.append((kind, cells))
            continue
        height = row_height(kind, cells) + (6 if kind == "section" else 0)
        keep = height  # a heading keeps its table's header and first row with it
        if kind in ("section", "head"):
            keep += sum(row_height(*nxt) for nxt in rows[k + 1:k + 3])
        if used and used + keep > PAGE_BODY:
            breaks.append(len(out))
            used = 0.0
            if kind == "row" and head is not None:
                out.append(head)
                used += row_height(*head)
        if kind == "head":
            head = (kind, cells)
        elif kind != "row":
            head = None
        out.append((kind, cells))
        used += height
    return out, breaks


def write_guide_sheet(workbook: Any, *, with_buttons: bool = True) -> Any:
    """Add the 填报说明 sheet to an open xlsxwriter.Workbook; return the worksheet."""
    from perfgoals_xl.sinks.fit import FONT, setup_print

    ws = workbook.add_worksheet(SHEET)
    base = {**FONT, "valign": "top", "text_wrap": True}
    formats = {
        "title": workbook.add_format({**base, "bold": True, "font_size": 14, "valign": "vcenter"}),
        "section": workbook.add_format({**base, "bold": True, "font_size": 11, "valign": "bottom"}),
        "text": workbook.add_format(base),
        "head": workbook.add_format({**base, "bold": True, "border": 1, "bg_color": "#DDEBF7",
                                     "align": "center", "valign": "vcenter"}),
        "row": workbook.add_format({**base, "border": 1}),
    }
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    last = len(WIDTHS) - 1
    rows, breaks = paged_rows(guide_rows(with_buttons=with_buttons))
    for r, (kind, cells) in enumerate(rows):
        fmt = formats[kind]
        if kind in ("title", "section", "text"):
            ws.merge_range(r, 0, r, last, cells[0], fmt)
            height = row_height(kind, cells)
            ws.set_row(r, height + 6 if kind == "section" else height)
        else:
            for c, value in enumerate(cells):
                ws.write_string(r, c, value, fmt)
            ws.set_row(r, row_height(kind, cells))
    setup_print(ws, header_rows=1)
    ws.set_h_pagebreaks(breaks)
    return ws
