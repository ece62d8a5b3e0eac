"""What the entry workbook (填报 sheet) cannot hold exactly, said before it is written.

An Excel cell holds at most 32,767 characters (XlsxWriter would cut a longer text), and
the long-format reader strips spaces at either end of a cell (foreign sheets carry
stray ones). ``perfgoals import -o X.xlsx`` prints one warning per such text — never
a silent loss; JSON and CSV keep them exactly (docs/limits.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from perfgoals_xl.model import PerfTable

#: Most characters an Excel cell holds.
MAX_CELL_CHARS = 32_767


def _texts(table: PerfTable) -> Iterator[tuple[str, str]]:
    """(where, text) of every free text the entry sheet writes in a cell of its own."""
    yield "部门名称", table.department or ""
    for unit in table.units:
        yield f"资金使用单位“{unit.name[:20]}”", unit.name
        for project in unit.projects:
            where = f"项目“{project.name[:20]}”"
            yield where + "的项目名称", project.name
            yield where + "的绩效目标", project.goal or ""
            for ind in project.indicators:
                at = f"{where}第 {ind.seq if ind.seq is not None else '?'} 条指标"
                yield at + "的三级指标", ind.name or ""
                yield at + "的实施周期指标值", ind.period_value.raw or ""
                yield at + "的年度指标值", ind.annual_value.raw or ""


def entry_losses(table: PerfTable) -> list[str]:
    """Chinese warnings for texts the entry workbook cannot keep exactly (empty when none)."""
    out: list[str] = []
    for where, text in _texts(table):
        if len(text) > MAX_CELL_CHARS:
            out.append(f"{where}有 {len(text):,} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS:,}，"
                       "填报工作簿中将被截断（JSON/CSV 可完整保存）")
        elif text and text != text.strip(" \t\r\n\u3000\xa0"):
            out.append(f"{where}首尾有空白字符，读回填报工作簿时会被去掉（JSON/CSV 可完整保存）")
    return out
