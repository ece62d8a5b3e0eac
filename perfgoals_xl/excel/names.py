"""Names shared by the template builder and the button handlers (no imports, nothing heavy).

Sheets of the template (``perfgoals template``) and of what the buttons add, the
form buttons (caption → VBA macro in ``macros/PerfGoals.bas``), and the marks
used by 校验 / 清除标记.
"""

from __future__ import annotations

#: The data-entry sheet (perfgoals_xl.entry builds its layout).
ENTRY_SHEET = "填报"
#: Written by 校验: one row per issue, with a link to the cell.
ISSUES_SHEET = "校验结果"
#: Written by 生成报表: the official report layout.
REPORT_SHEET = "报表"
#: Written by 生成报表 beside 报表 when a department table comes with project tables: theirs.
PROJECTS_REPORT_SHEET = "报表·项目"
#: Written by 计算得分: one row per project (总分, 等级, missing actuals), as `perfgoals score` writes it.
SELFEVAL_SUMMARY_SHEET = "自评汇总"
#: Written by 规则说明: the rule catalogue.
RULES_SHEET = "规则说明"
#: Written with every entry workbook and by the 填报说明 button: how to fill in 填报.
GUIDE_SHEET = "填报说明"
#: Written by 推荐指标: the suggested indicators of the selected project, with a 选用 column.
SUGGEST_SHEET = "推荐指标"
#: xlwings' configuration sheet (hidden): ``UDF Modules`` and friends.
CONF_SHEET = "xlwings.conf"
#: Very hidden: one row per worksheet function (name, description, category, argument
#: descriptions separated by "|"), read by VBA PG_RegisterFunctions at Workbook_Open.
UDF_SHEET = "pg_udfs"
#: Very hidden: the marks of 校验, cell for cell at the same address as on the entry sheet.
#: The entry sheet's conditional formats colour a cell whose mark starts with E / W / I;
#: 清除标记 clears this sheet, so the user's own formatting is never touched.
MARKS_SHEET = "pg_marks"

#: Mark letters (first character of a mark) by severity.
MARK_LETTERS = {"error": "E", "warning": "W", "info": "I"}
#: Fill and font colours of the marks (Excel's "light red / yellow / blue fill").
MARK_COLORS = {
    "E": ("#FFC7CE", "#9C0006"),
    "W": ("#FFEB9C", "#9C5700"),
    "I": ("#DDEBF7", "#1F4E78"),
}

#: Form buttons on the entry sheet and ribbon buttons: (caption, VBA macro, Python handler).
BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("校验", "PG_Validate", "validate"),
    ("清除标记", "PG_ClearMarks", "clear_marks"),
    ("拆分指标", "PG_Expand", "expand_indicators"),
    ("导入", "PG_Import", "import_table"),
    ("生成报表", "PG_Report", "report"),
    ("生成申报表", "PG_Forms", "forms"),
    ("规则说明", "PG_Rules", "show_rules"),
    ("填报说明", "PG_Guide", "show_guide"),
    ("计算得分", "PG_Score", "score"),
    ("对比上一版", "PG_Compare", "compare_previous"),  # review round (issue #24)
    ("推荐指标", "PG_Suggest", "suggest_indicators"),
)

# ------------------------------------------------------------ any workbook (the add-in, #25)

#: Written by 校验 on a workbook that is not the template: one row per finding, a link to the cell.
LIST_SHEET = "问题清单"
#: Marker inside the conditional-format rule that colours a finding's cell on any workbook
#: (``="pg-mark-E"<>""``): 清除标记 deletes the rules holding it, and only those.
MARK_TAG = "pg-mark"
#: Prefix of the sheets 生成申报表 writes (one per project).
FORM_SHEET_PREFIX = "申报表·"
#: Sheets the buttons write (or the template holds): never read as the person's table.
OUR_SHEETS = frozenset({ISSUES_SHEET, LIST_SHEET, REPORT_SHEET, SELFEVAL_SUMMARY_SHEET, RULES_SHEET,
                        GUIDE_SHEET, CONF_SHEET, UDF_SHEET, MARKS_SHEET})

# ------------------------------------------------------ 对比上一版 (the review round, #24)

#: Written by 对比上一版: the changes against the earlier version, and the findings fixed / new /
#: still open (perfgoals_xl/excel/review.py).
COMPARE_SHEET = "对比上一版"
COMPARE_FINDINGS_SHEET = "对比上一版·整改"
OUR_SHEETS = OUR_SHEETS | {COMPARE_SHEET, COMPARE_FINDINGS_SHEET}

# ------------------------------------------------------ 推荐指标 (indicator suggestions, #23)

#: 推荐指标 writes its own sheet: never read as the person's table either.
OUR_SHEETS = OUR_SHEETS | {SUGGEST_SHEET}
