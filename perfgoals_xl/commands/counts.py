"""What a command says it read: units, projects and indicators — or, for a department-wide table, its kind."""

from __future__ import annotations

from perfgoals_xl.model import PerfTable


def department_counts(table: PerfTable) -> str | None:
    """``部门整体支出绩效目标表，3 项年度主要任务，6 条指标`` for a department-wide table, else None."""
    if table.kind != "department" or table.plan is None:
        return None
    plan = table.plan
    kind = "部门整体支出绩效自评表" if plan.is_selfeval() else "部门整体支出绩效目标表"
    projects = table.projects()  # project tables in the same file
    more = (f"；另有 {len(projects)} 个项目（{sum(len(p.indicators) for p in projects)} 条指标）"
            if projects else "")
    return f"{kind}，{len(plan.tasks)} 项年度主要任务，{len(plan.indicators)} 条指标{more}"
