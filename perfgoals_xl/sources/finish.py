"""What every table as read goes through, whatever its reader (read_table, the live sheet)."""

from __future__ import annotations

import re
import unicodedata

from perfgoals_xl.limits import bound_table
from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.adjusted_values import apply_adjusted_values

#: A figure of the budget-execution line once full-width digits are read as digits (１００％ → 100%).
_FIGURE = re.compile(r"[0-9.,%+\-]{1,40}")


def finish(table: PerfTable) -> PerfTable:
    """Out-of-range numbers become problems (limits.bound_table); a printed 调整指标值 is the year's
    target (sources/adjusted_values.py); the budget line's figures are kept in ASCII digits."""
    table = apply_adjusted_values(bound_table(table))
    ascii_budget_figures(table)
    return table


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
