"""A — amounts (金额): 总计 = 财政拨款 + 财政专户拨款 + 其他资金 on every row, 合计 and unit
rows equal to the sum of their children, amount format, and funding without targets.

Amounts are exact decimals in 万元; a blank is 0 for arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    AMOUNT_LABELS,
    Amounts,
    FundUnit,
    Location,
    PerfTable,
    Project,
)
from perfgoals_xl.rules.base import Doc, Hit, rule
from perfgoals_xl.rules.facts import ProjectContext, TableContext, budget_gated

_BASIS_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》"
_TABLE = "《项目支出绩效目标表（含转移支付项目）》的栏目：总计 = 财政拨款 + 财政专户拨款 + 其他资金，单位：万元"
_ZERO = Decimal(0)
_CENT = Decimal("0.01")


def _rows(tctx: TableContext) -> Iterator[tuple[str, Amounts, FundUnit | None, Project | None]]:
    """Every amount row: (label, amounts, unit, project) for 合计, units and projects."""
    table = tctx.table
    yield "合计", table.amounts, None, None
    for unit in table.units:
        yield unit.name, unit.amounts, unit, None
        for project in unit.projects:
            yield project.name, project.amounts, unit, project


def _has_any(a: Amounts) -> bool:
    return any(a.get(k) is not None for k in AMOUNT_FIELDS)


def _has_source(a: Amounts) -> bool:
    """Does the row show any of 财政拨款, 财政专户拨款, 其他资金?"""
    return a.fiscal is not None or a.special is not None or a.other is not None


def _fmt(d: Decimal) -> str:
    """An amount for a message: two decimals when it has no more (any Decimal, never raises)."""
    try:
        return f"{d:.2f}" if d.is_finite() and d == d.quantize(_CENT) else str(d)
    except InvalidOperation:  # more digits than the context holds: show it as it is
        return str(d)


@rule(
    "A01", "total_mismatch", "error", scope="table",
    message={
        "": "“{row}”总计 {total} ≠ 财政拨款 + 财政专户拨款 + 其他资金 = {parts}（相差 {diff}）",
        "unlisted": "“{row}”总计 {total} 中只列出{listed} {parts}，其余 {diff} 未列明来源（{missing}未列出）",
    },
    variant_severity={"unlisted": "warning"},
    hint="核对各资金来源；总计应等于三项来源之和（空白按 0 计）。",
    doc=Doc(
        what="任一行（合计、资金使用单位、项目）的 |总计 − (财政拨款 + 财政专户拨款 + 其他资金)| > 0.005 万元；空白按 0 计。",
        why="总计与分项不符说明抄录或计算错误，预算数无法确认，审核必退回。",
        bad="    设备购置 50.00 40.00 5.00",
        good="    设备购置 50.00 40.00 10.00",
        basis=_TABLE + "。",
        choices="只比较读到了的：合计行、部门汇总行、资金使用单位行只列出总计（来源列都空白）时不检查，"
                "它们的构成由 PG-A02 按下级核对（如县级表 `820-某某镇部门 | | 8,827,620.53`）。"
                "项目行空白按 0 计：总计有数而三个来源都空白的行照常报告（总计 50 ≠ 0）；总计空白而来源有数时，"
                "总计按 0 计并报告。整张表没有一行列出任何来源金额时不检查（如只有“预算数”一列的表格，"
                "或公开文本中每行只显示总计）：表中没有资金来源，无从相加。"
                "公开文本中空列消失、读取器猜测列归属（Amounts.assumed，由 PG-S10 报告）不影响本规则："
                "三项来源之和与数属于哪一来源列无关；只显示一个数的行，无论该数是总计还是某一来源，"
                "总计都不等于来源之和，报告是真实的。"
                "只列出部分来源（如表单“项目金额 164万元，其中：当年市级财政资金 132万元”）时，未列出的来源是没有"
                "分解，不是 0：列出的来源之和小于总计时报一条警告，写明未列明来源的余额（32.00）；列出的来源之和"
                "大于总计，或三项来源都列出而不等于总计时，才是算术错误。",
    ),
)
def total_mismatch(tctx: TableContext) -> Iterator[Hit]:
    """总计 must equal the sum of the three sources on every row."""
    rows = list(_rows(tctx))
    if not any(_has_source(a) for _, a, _, _ in rows):
        return  # no row shows a source (e.g. a sheet with only 预算数): no breakdown to add up
    for label, a, unit, project in rows:
        if a.total is None and not _has_source(a):
            continue  # an empty row
        if project is None and not _has_source(a):
            continue  # a 合计 / department / unit row showing its total only: its parts are its children (A02)
        total = a.total or _ZERO
        parts = a.parts_sum()
        listed = [k for k in AMOUNT_FIELDS[1:] if a.get(k) is not None]
        if listed and len(listed) < len(AMOUNT_FIELDS) - 1 and a.total is not None and parts < total:
            # some sources printed, the rest not broken down: a remainder, not an arithmetic error
            if total - parts > Decimal("0.005"):
                yield Hit("total", variant="unlisted", at_unit=unit, at_project=project, row=label,
                          total=_fmt(total), parts=_fmt(parts), diff=_fmt(total - parts),
                          listed=" + ".join(AMOUNT_LABELS[k] for k in listed),
                          missing="、".join(AMOUNT_LABELS[k] for k in AMOUNT_FIELDS[1:] if k not in listed))
            continue
        if abs(total - parts) > Decimal("0.005"):
            yield Hit("total", at_unit=unit, at_project=project, row=label, total=_fmt(total),
                      parts=_fmt(parts), diff=_fmt(abs(total - parts)))


@rule(
    "A02", "rollup_mismatch", "error", scope="table",
    message={
        "": "“{row}”的{column} {value} ≠ 其下{children}之和 {sum}（相差 {diff}）",
        "projects": "{row}的{column} {value} ≠ 表中各项目之和 {sum}（相差 {diff}；已加总 {count} 个项目：{cells}）{tail}",
        "unit_missing": "{count} 个资金使用单位的单位金额未填写（{units}）：合计按其下各项目核对",
        "projects_missing": "“{row}”其下各项目金额均未填写：未核对该单位的汇总",
    },
    variant_severity={"unit_missing": "info", "projects_missing": "info"},
    hint="核对汇总行：合计应等于各资金使用单位之和，单位行应等于其下各项目之和（每一列分别核对）；"
         "部门汇总行大于表中各项目之和时，检查表格是否完整（是否漏列了项目或单位）。",
    doc=Doc(
        what="合计行（或部门汇总行）≠ 各资金使用单位之和，或资金使用单位行 ≠ 其下各项目之和，逐列（总计、财政拨款、"
             "财政专户拨款、其他资金）比较，容差 0.01 万元。只比较读到了的层级：单位没有金额行时，合计按该单位"
             "其下各项目核对，并以一条提示（info）说明哪些单位“单位金额未填写”。",
        why="汇总不符意味着漏列项目、重复列项目或抄错金额，表格所示预算总额不可信；部门汇总数大于所列项目之和，"
            "常常说明表格被截断（只公开或只抄录了一部分）。",
        bad="合计 390.00 390.00\n广州市某单位 390.00 390.00\n    项目甲 177.40 177.40\n    项目乙 200.00 200.00",
        good="合计 377.40 377.40\n广州市某单位 377.40 377.40\n    项目甲 177.40 177.40\n    项目乙 200.00 200.00",
        basis=_TABLE + "（合计行与资金使用单位行为汇总行）。",
        choices="汇总行金额全部空白（表中没有该汇总行）时不检查；汇总行某一列空白（没有列出）时不比较该列，"
                "下级中空白的按 0 计。"
                "层级缺失不是算术错误：资金使用单位没有自己的金额行（金额为空白而非 0）时，合计按其项目核对，"
                "全表报一条提示“单位金额未填写”，列出这些单位；单位行有金额而其下项目都没有金额时不核对该单位，报提示。"
                "所有单位都没有金额行时，合计（或部门汇总行，如县级表 `820-某某镇部门 | | 8,827,620.53`）"
                "直接与表中各项目之和比较，不符仍是错误，消息写明汇总行的位置和加总了哪些项目行。",
    ),
)
def rollup_mismatch(tctx: TableContext) -> Iterator[Hit]:
    """合计 = Σ units and unit = Σ its projects, per column; a level not read is skipped (info)."""
    table = tctx.table
    yield from _total_rollup(table)
    for u in table.units:
        if not _has_any(u.amounts):
            continue
        if u.projects and not any(_has_any(p.amounts) for p in u.projects):
            yield Hit(None, "projects_missing", at_unit=u, row=u.name)
            continue
        yield from _compare(u.name, u.amounts, [p.amounts for p in u.projects], u, "各项目")


def _compare(label: str, parent: Amounts, children: list[Amounts], unit: FundUnit | None,
             what: str) -> Iterator[Hit]:
    for column in AMOUNT_FIELDS:
        value = parent.get(column)
        child_values = [c.get(column) for c in children]
        if value is None:
            continue  # the summary row does not show this column: nothing read to compare
        total = sum((v or _ZERO for v in child_values), _ZERO)
        if abs((value or _ZERO) - total) > _CENT:
            yield Hit(column, at_unit=unit, row=label, column=AMOUNT_LABELS[column],
                      value=_fmt(value or _ZERO), children=what, sum=_fmt(total),
                      diff=_fmt(abs((value or _ZERO) - total)))


def _projects_sum(projects: list[Project]) -> Amounts:
    """The column sums of projects (a column blank in every project stays blank)."""
    sums: dict[str, Decimal | None] = {}
    for column in AMOUNT_FIELDS:
        values = [p.amounts.get(column) for p in projects]
        sums[column] = None if all(v is None for v in values) else sum((v or _ZERO for v in values), _ZERO)
    return Amounts(**sums)


def _where(loc: Location | None) -> str:
    if loc is None:
        return ""
    if loc.sheet:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    return f"第{loc.line}行" if loc.line is not None else ""


def _total_rollup(table: PerfTable) -> Iterator[Hit]:
    """合计 (or the department's own row) against its units — or, where no unit has an amount
    row, against the projects of the table (a truncated table is an error naming the rows)."""
    parent = table.amounts
    if not _has_any(parent):
        return
    missing = [u for u in table.units if not _has_any(u.amounts) and any(_has_any(p.amounts) for p in u.projects)]
    if missing:  # one info for the table, naming the units (not one per unit)
        names = "、".join(f"“{u.name}”" for u in missing[:5]) + (f" 等 {len(missing)} 个" if len(missing) > 5 else "")
        yield Hit(None, "unit_missing", at_unit=missing[0], count=len(missing), units=names)
    read = [u for u in table.units if _has_any(u.amounts)]
    if read or not missing:
        children = [u.amounts if _has_any(u.amounts) else _projects_sum(u.projects) for u in table.units]
        what = "各资金使用单位（未填金额的单位按其项目）" if missing else "各资金使用单位"
        yield from _compare("合计", parent, children, None, what)
        return
    projects = [p for u in table.units for p in u.projects]
    where = table.field_locations.get("department_row")
    if where is not None:
        row = f"部门汇总行“{table.department}”（{_where(where)}）"
    else:
        at = _where(table.field_locations.get("amounts"))
        row = f"合计行（{at}）" if at else "合计行"
    cells = [_where(p.location) or p.name for p in projects]
    shown = "、".join(cells[:8]) + (f" 等 {len(cells)} 行" if len(cells) > 8 else "")
    for column in AMOUNT_FIELDS:
        value = parent.get(column)
        values = [p.amounts.get(column) for p in projects]
        if value is None:
            continue
        total = sum((v or _ZERO for v in values), _ZERO)
        if abs((value or _ZERO) - total) > _CENT:
            yield Hit(column, "projects", row=row, column=AMOUNT_LABELS[column], value=_fmt(value or _ZERO),
                      sum=_fmt(total), diff=_fmt(abs((value or _ZERO) - total)), count=len(projects),
                      cells=shown, tail="：表格可能不完整" if (value or _ZERO) > total else "")


@rule(
    "A03", "amount_format", "warning", scope="table",
    message={
        "": "{message}",
        "negative": "“{row}”的{column}为负数：{value}",
        "decimals": "“{row}”的{column} {value} 超过两位小数（单位为万元时应保留两位小数）",
        "decimals_source": "“{row}”的{column} {value} {source_unit}超过两位小数（原表以{source_unit}为单位，应精确到分）",
        "unit": "金额单位为“{unit}”，应为“万元”",
    },
    hint="金额用万元、保留两位小数、不为负数；非数字内容（如“——”“见附件”）改为数字或留空。",
    from_problems=True,
    doc=Doc(
        what="金额不是数字（读取器记录）、为负数、以万元为单位却超过两位小数，或表格的金额单位不是万元。",
        why="《项目支出绩效目标表》统一以万元、两位小数列示；单位或精度不统一会让汇总和比对出错。",
        bad="单位：元 … 设备购置 500000 500000；或 设备购置 50.125 50.125",
        good="单位：万元 … 设备购置 50.00 50.00；或 设备购置 50.13 50.13",
        basis=_TABLE + "。",
        choices="“超过两位小数”按数值判断（50.100 视为两位小数），并按原表的金额单位判断：原表以元为单位时"
                "读取器换算为万元（3,800,000.50 元 → 380.00005 万元），精度看原表的元到分，不误报；"
                "非数字金额由读取器报告，检查器原样转报。",
    ),
)
def amount_format(tctx: TableContext) -> Iterator[Hit]:
    """Negative amounts, more than two decimals (in the source's unit), a unit other than 万元."""
    table = tctx.table
    if table.unit and table.unit.strip() not in ("万元",):
        yield Hit("unit", "unit", unit=table.unit)
    scale = source_scale(table.unit, table.source_unit)
    for label, a, unit, project in _rows(tctx):
        for column in AMOUNT_FIELDS:
            value = a.get(column)
            if value is None:
                continue
            if value < 0:
                yield Hit(column, "negative", at_unit=unit, at_project=project, row=label,
                          column=AMOUNT_LABELS[column], value=str(value))
            elif scale != 1:
                written = (value * scale).normalize()
                if written != written.quantize(_CENT):
                    yield Hit(column, "decimals_source", at_unit=unit, at_project=project, row=label,
                              column=AMOUNT_LABELS[column], value=f"{written:f}",
                              source_unit=table.source_unit)
            elif value != value.quantize(_CENT):
                yield Hit(column, "decimals", at_unit=unit, at_project=project, row=label,
                          column=AMOUNT_LABELS[column], value=str(value))


#: How many of each money unit make one 万元.
_PER_WAN = {"万元": Decimal(1), "千元": Decimal(10), "元": Decimal(10000)}


def source_scale(unit: str | None, source_unit: str | None) -> Decimal:
    """Factor from the table's amounts back to the source's (元 from 万元: 10000; none: 1)."""
    if not source_unit or source_unit == unit:
        return Decimal(1)
    return _PER_WAN.get(source_unit, Decimal(1)) / _PER_WAN.get(unit or "万元", Decimal(1))


@rule(
    "A04", "funded_without_target", "error", scope="project",
    message={
        "": "项目“{project}”安排了预算 {total} 万元，但{missing}",
    },
    hint="补充绩效目标和绩效指标；按“无目标不安排预算”的要求，未设置绩效目标的项目不予安排预算。",
    doc=Doc(
        what="项目总计 > 0，但绩效目标为空（年度目标和中长期目标都没有写），或没有任何（可识别的）绩效指标。"
             "年终自评表（印有年初/全年预算数）的总计是已执行的年度预算，不在此列：其缺目标、缺指标由 PG-C01…C07 报告。"
             "只写了中长期目标、没有年度目标的项目由 PG-C01 提示。",
        why="预算绩效管理要求“无目标不安排预算”：没有绩效目标和指标的项目不能进入预算。",
        bad="    设备购置 50.00 50.00   （其下没有绩效目标和指标）",
        good="    设备购置 50.00 50.00\n完成办公设备更新……\n1、1-产出指标；11-数量指标；……",
        basis=f"{_BASIS_88}（未按要求设定绩效目标的项目支出，不得纳入项目库/不予安排预算）；"
              "各地财政部门审核实践（如广州市南沙区：无绩效目标不安排预算）。",
        choices="有预算而绩效目标为空时由本规则报告，PG-C01 不再重复；没有指标时 PG-C02…C07 不再逐项报告"
                "（本规则未启用时由它们报告）。",
    ),
)
def funded_without_target(ctx: ProjectContext) -> Iterator[Hit]:
    """A funded project must have a goal and indicators."""
    project = ctx.project
    total = project.amounts.total
    if total is None or not budget_gated(project):
        return
    missing = []
    goalless = not project.goal.strip() and not (project.period_goal or "").strip()
    if goalless:  # (a 中长期目标 printed without a 年度目标 is a goal: PG-C01 says the year's is missing)
        missing.append("没有绩效目标")
    if not project.indicators:
        missing.append("没有可识别的绩效指标")
    if missing:
        yield Hit("goal" if goalless else "indicators", project=project.name,
                  total=_fmt(total), missing="，".join(missing))
