"""What the one-project 申报表 workbook (``report --form``) cannot hold, said before it is written.

The form reader reads the written forms back to an equal model of the *targets*; what a
申报表 has no place for is named here, one Chinese line each (printed as ``警告：`` lines,
as :mod:`perfgoals_xl.sinks.losses` does for CSV and the entry workbook):

- the year-end self-evaluation (实际完成值, 得分, 偏差原因, 年初预算数/全年预算数/全年执行数,
  实际完成情况) — ``perfgoals score`` writes the 项目支出绩效自评表 that holds it;
- the PG-S10 marker of amounts whose column was assumed (a form states its columns);
- where the department name came from (``department_source``);
- a title other than the form's own (a form prints its own title);
- spaces, tabs and no-break spaces at either end of a text (the reader strips cells);
- a department or unit name that begins with a bracketed code (``[820]某局``): the form writes
  ``[编码]名称`` and reads such a name back as a code and a name;
- the order of indicators not grouped by 一级 then 二级 指标 (the form groups them; a note in
  the sheet says so too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from perfgoals_xl.model import PerfTable

_BLANKS = " \t\r\n\u3000\xa0"
_FORM_TITLE = "项目支出绩效目标表（含转移支付项目）"
_LEADING_CODE = re.compile(r"[\[［【(（]\s*+[0-9A-Za-z]{1,30}\s*+[\]］】)）]")
_KEEPS = "（JSON 可完整保存）"


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _texts(table: PerfTable) -> Iterator[tuple[str, str]]:
    yield "部门名称", table.department or ""
    for unit in table.units:
        yield f"资金使用单位“{_short(unit.name)}”的名称", unit.name
        for project in unit.projects:
            where = f"项目“{_short(project.name)}”"
            yield where + "的名称", project.name
            yield where + "的绩效目标", project.goal or ""
            yield where + "的项目主管部门", project.department or ""
            for ind in project.indicators:
                yield f"{where}指标“{_short(ind.name)}”的名称", ind.name


def form_losses(table: PerfTable) -> list[str]:
    """One Chinese sentence per kind of content the 申报表 workbook does not keep (empty: nothing lost)."""
    out: list[str] = []
    projects = table.projects()
    indicators = [ind for p in projects for ind in p.indicators]
    selfeval = {
        "实际完成值": sum(ind.actual_value is not None for ind in indicators),
        "得分": sum(ind.score is not None for ind in indicators),
        "偏差原因": sum(bool(ind.deviation_reason) for ind in indicators),
        "年初预算数": sum(p.budget_initial is not None for p in projects),
        "全年预算数": sum(p.budget_adjusted is not None for p in projects),
        "全年执行数": sum(p.budget_executed is not None for p in projects),
        "实际完成情况": sum(bool(p.actual_summary) for p in projects),
    }
    held = [f"{label} {n} 处" for label, n in selfeval.items() if n]
    if held:
        out.append(f"申报表没有绩效自评栏目：{'、'.join(held)}不写入（自评表请用 perfgoals score 生成；{_KEEPS[1:-1]}）")
    assumed = sum(bool(a.assumed) for a in [table.amounts, *(u.amounts for u in table.units),
                                             *(p.amounts for p in projects)])
    if assumed:
        out.append(f"{assumed} 处金额的列归属是推定的（PG-S10）：申报表按推定的列写出，读回后不再标记为推定{_KEEPS}")
    if table.department_source and table.department_source != "form":
        out.append(f"部门名称的来源（{table.department_source}）不写入申报表，读回时记为申报表{_KEEPS}")
    if table.title and table.title.strip(_BLANKS) not in ("", PerfTable.title, _FORM_TITLE):
        out.append(f"表格标题“{_short(table.title)}”不写入申报表，读回时为申报表自己的标题{_KEEPS}")
    elif table.title and table.title != table.title.strip(_BLANKS):
        out.append(f"表格标题首尾有空白字符，不写入申报表{_KEEPS}")
    for where, text in _texts(table):
        if text and text != text.strip(_BLANKS):
            out.append(f"{where}首尾有空白字符（空格、制表符或不间断空格），读回申报表时会被去掉{_KEEPS}")
    from perfgoals_xl.report.form_layout import grouped_indicators

    moved = [p for p in projects if grouped_indicators(p.indicators) != p.indicators]
    if moved:
        names = "、".join(f"“{_short(p.name)}”" for p in moved[:3]) + ("等" if len(moved) > 3 else "")
        out.append(f"{len(moved)} 个项目（{names}）的指标按一级、二级指标分组写入申报表，读回时顺序与原表不同{_KEEPS}")
    codes = [("部门名称", table.department or "", table.department_code)]
    codes += [(f"项目“{_short(p.name)}”的项目主管部门", p.department or "", p.department_code) for p in projects]
    for where, name, code in codes:
        if _LEADING_CODE.match(name.strip(_BLANKS)) and not code:
            out.append(f"{where}“{_short(name)}”以方括号中的编码开头，读回申报表时会拆成编码和名称{_KEEPS}")
    return out
