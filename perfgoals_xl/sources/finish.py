"""What every table as read goes through, whatever its reader (read_table, the live sheet)."""

from __future__ import annotations

import re
import unicodedata

from perfgoals_xl.limits import bound_table
from perfgoals_xl.model import PerfTable, Problem
from perfgoals_xl.sources.adjusted_values import apply_adjusted_values
from perfgoals_xl.sources.listed_indicators import split_listed
from perfgoals_xl.sources.nature_values import apply_nature_values
from perfgoals_xl.text_clean import one_line

#: A figure of the budget-execution line once full-width digits are read as digits (１００％ → 100%).
_FIGURE = re.compile(r"[0-9.,%+\-]{1,40}")


def finish(table: PerfTable) -> PerfTable:
    """Out-of-range numbers become problems (limits.bound_table); a printed 调整指标值 is the year's
    target (sources/adjusted_values.py), a target split by nature into 定量 | 定性 columns is the filled one
    (sources/nature_values.py); the budget line's figures are kept in ASCII digits; a level-1's
    weight printed on one row of its group is its group's; names are on one line; a landline typed as a
    number has its leading 0 back."""
    table = apply_nature_values(apply_adjusted_values(bound_table(table)))
    ascii_budget_figures(table)
    level1_weights_over_groups(table)
    split_listed(table)  # (before names are put on one line: its lines are its indicators)
    names_on_one_line(table)
    landline_zeros(table)
    return table


#: A landline written with its area code (0722-6233407, 07226233407) that a spreadsheet typed as a number
#: (a web page opened or pasted in Excel) lost its leading 0: 9 to 11 digits starting with 2–9 is no Chinese
#: telephone number otherwise (a mobile number starts with 1, a local one has 7 or 8 digits).
_LOST_ZERO = re.compile(r"[2-9][0-9]{8,10}")


def landline_zeros(table: PerfTable) -> None:
    """A 联系电话 that lost its area code's leading 0 to a spreadsheet gets it back, with a 读取提示."""
    fixed: list[str] = []
    for label, value in table.footer.items():
        if ("电话" in label or "联系方式" in label) and _LOST_ZERO.fullmatch(value.strip()):
            table.footer[label] = "0" + value.strip()
            fixed.append(value.strip())
    plan = table.plan
    if plan is not None and plan.phone and _LOST_ZERO.fullmatch(plan.phone.strip()):
        plan.phone = "0" + plan.phone.strip()
        fixed.append(plan.phone[1:])
    for number in dict.fromkeys(fixed):
        table.problems.append(Problem(
            "S11", f"读取提示：联系电话“{number}”是存成数字的固定电话，区号开头的 0 已丢失，读作“0{number}”"))


#: A name longer than this is a paragraph (an older department table's level text listing its indicators):
#: its line breaks are the table's.
_LONGEST_NAME = 60
#: A line opening a numbered item (指标2：…, 2、…, （2）…): a text listing items, its lines the table's.
_ITEM_LINE = re.compile(r"\n[ \t\u3000]{0,4}(?:指标|目标|任务)?[(（]?[0-9一二三四五六七八九十]{1,3}[)）.．、:：]")


def names_on_one_line(table: PerfTable) -> None:
    """A name printed over two lines of its cell — a PDF made a workbook keeps each printed line, a web
    page breaks a narrow column with ``<br>`` — is one name (指标3.医疗器械抽验⏎批次 → 指标3.医疗器械抽验批次):
    the units', projects', departments', implementers' and indicators' names; goals and values keep their
    lines (目标1：…⏎目标2：…), as does a short text listing numbered items (指标1：…⏎指标2：…)."""
    def join(text: str | None) -> str | None:
        return one_line(text) if text and len(text) <= _LONGEST_NAME and not _ITEM_LINE.search(text) else text

    table.department = join(table.department) or table.department
    for unit in table.units:
        unit.name = join(unit.name) or unit.name
        for project in unit.projects:
            project.name = join(project.name) or project.name
            project.department, project.implementer = join(project.department), join(project.implementer)
            for ind in project.indicators:
                ind.name = join(ind.name) or ind.name
    if table.plan is not None:
        table.plan.name = join(table.plan.name) or table.plan.name
        for ind in table.plan.indicators:
            ind.name = join(ind.name) or ind.name


def level1_weights_over_groups(table: PerfTable) -> None:
    """A level-1's weight (一级指标分值 / 自评权重) printed on one row of its group only — a centred label's
    middle row, its merge split (a PDF made a workbook or CSV) — is the weight of the group's rows above
    it too: consecutive indicators under one 一级指标 printing one weight between them take it where they
    print none (two different weights in a run are left as printed)."""
    lists = [p.indicators for p in table.projects()]
    if table.plan is not None:
        lists.append(table.plan.indicators)
    for indicators in lists:
        start = 0
        while start < len(indicators):
            end = start
            while end < len(indicators) and indicators[end].level1 == indicators[start].level1:
                end += 1
            run = indicators[start:end]
            weights = {i.level1_weight for i in run if i.level1_weight is not None}
            if indicators[start].level1 and len(weights) == 1:
                weight = weights.pop()
                for ind in run:
                    if ind.level1_weight is None:
                        ind.level1_weight = weight
            start = end


def ascii_budget_figures(table: PerfTable) -> None:
    """A 分值 / 执行率 / 得分 of the budget-execution line typed with full-width digits (Word 手填:
    １００％, ８６．５) is kept as the figure it is (100%, 86.5); any other text stays as printed."""
    blocks = [p.budget_block for p in table.projects()]
    if table.plan is not None:
        blocks.append(table.plan.budget_block)
    for block in blocks:
        for key, text in block.items():
            if text.isascii():
                continue
            plain = unicodedata.normalize("NFKC", text).strip()
            if _FIGURE.fullmatch(plain):
                block[key] = plain
