"""Short Chinese names of the readers' layouts and of the kinds of table, for people.

The 版式 column of ``summary.xlsx`` (文件汇总) shows both: how the file was read and what
table it holds — ``表单·绩效自评表``, ``公开文本·绩效目标表``. The long descriptions with
file types and doc references are command help (``sources.layout_help``), not labels.
Imports nothing of ours.
"""

from __future__ import annotations

#: layout name → short Chinese name (a column cell, not a sentence).
LAYOUT_NAMES: dict[str, str] = {
    "published_text": "公开文本",
    "json": "JSON",
    "entry": "填报工作簿",
    "longform": "一行一指标表",
    "pdf": "PDF 表格",
    "pdf_form": "PDF 表单",
    "pdf_text": "PDF 文本",
    "form": "表单",
    "word": "Word 表格",
    "selfeval_form": "自评表工作簿",
    "selfeval_pdf": "自评表 PDF",
    "html": "网页表格",
    "department": "部门整体支出绩效目标表",
    "outline": "逐级列表",
    "goal_blocks": "目标与指标合写",
}
#: The name of a layout this module does not know (a reader added later).
UNKNOWN_LAYOUT = "其他版式"

#: Kinds of table → Chinese name.
TABLE_KINDS: dict[str, str] = {
    "targets": "绩效目标表",  # 项目支出绩效目标表（含转移支付项目）, one row per project
    "form": "申报表",  # one 项目支出绩效目标申报表 per project
    "selfeval": "绩效自评表",  # 项目支出绩效自评表: actual values, scores
    "department": "部门整体支出绩效目标表",
}
_FORM_LAYOUTS = frozenset({"form", "pdf_form"})


def layout_name(layout: str | None) -> str:
    """The short Chinese name of a layout ('' for none, UNKNOWN_LAYOUT for one not listed)."""
    if not layout:
        return ""
    return LAYOUT_NAMES.get(layout, UNKNOWN_LAYOUT)


def table_kind(layout: str | None, *, selfeval: bool = False) -> str:
    """The kind of table a file held: a self-evaluation whatever its layout, else by layout."""
    if selfeval or layout in ("selfeval_form", "selfeval_pdf"):
        return "selfeval"
    if layout == "department":
        return "department"
    return "form" if layout in _FORM_LAYOUTS else "targets"


def layout_cell(layout: str | None, kind: str | None = None) -> str:
    """The 版式 cell: the layout's short name and, beside it, the kind of table
    (``表单·绩效自评表``); the kind alone repeats no word the name already says."""
    name = layout_name(layout)
    if not name:
        return ""
    kind_name = TABLE_KINDS.get(kind or table_kind(layout), "")
    if not kind_name or kind_name == name:
        return name
    return f"{name}·{kind_name}"
