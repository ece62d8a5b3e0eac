"""The issue record (审核意见): one finding of one rule, with a structured location.

The same record feeds every output: the terminal, JSON, CSV, the issues sheet of a
workbook and cell highlights. ``to_row()`` flattens it to one flat dict whose keys
are :data:`ISSUE_COLUMNS` (Chinese headers alongside), so every tabular sink shares
the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Severities, most serious first, with their Chinese names.
SEVERITIES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

#: Field identifiers an issue can point at → official Chinese names.
FIELD_LABELS: dict[str, str] = {
    "seq": "序号",
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标（指标名称）",
    "period_value": "实施周期指标值",
    "annual_value": "年度指标值",
    "values": "实施周期指标值、年度指标值",
    "weight": "权重",
    "direction": "指标方向性",
    "item": "整条指标",
    "indicators": "绩效指标",
    "goal": "绩效目标",
    "amounts": "金额",
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
    "unit": "金额单位",
    # 绩效自评
    "actual_value": "实际完成值",
    "score": "得分",
    "deviation_reason": "偏差原因分析及改进措施",
    "budget_executed": "全年执行数",
    "actual_summary": "实际完成情况",
    "budget_initial": "年初预算数",
    "budget_adjusted": "全年预算数",
    "total_score": "总分",
    "budget_block": "预算执行评分",
    # 部门整体支出绩效目标表 (rules/department.py)
    "department": "部门（单位）名称",
    "basic": "基本支出",
    "project": "项目支出",
    "tasks": "年度主要任务",
}

#: Parts of a block field (``budget_block:rate``) → Chinese name.
_PART_LABELS: dict[str, str] = {"rate": "执行率", "score": "得分", "weight": "分值", "initial": "年初预算数",
                                "adjusted": "全年预算数", "executed": "全年执行数"}

#: Flat columns of an issue (CSV, the issues sheet) → Chinese header.
ISSUE_COLUMNS: dict[str, str] = {
    "file": "文件",
    "unit": "资金使用单位",
    "project": "项目名称",
    "seq": "指标序号",
    "indicator": "指标名称",
    "field": "字段",
    "field_label": "字段名称",
    "sheet": "工作表",
    "cell": "单元格",
    "cells": "全部单元格",
    "line": "行号",
    "code": "规则",
    "slug": "规则名",
    "severity": "级别",
    "severity_label": "级别名称",
    "message": "问题",
    "hint": "修改建议",
    "suppressed": "已接受",
    "suppress_reason": "接受理由",
}


@dataclass(slots=True)
class IssueLocation:
    """Where an issue is: file, fund unit, project, indicator (seq + name), field, and the
    sheet + cell or text line it was read from (cells lists every cell when a finding
    covers two, e.g. both values of an indicator)."""

    file: str | None = None
    unit: str | None = None
    project: str | None = None
    seq: int | None = None
    indicator: str | None = None
    field: str | None = None
    sheet: str | None = None
    cell: str | None = None
    cells: tuple[str, ...] = ()
    line: int | None = None

    @property
    def field_label(self) -> str | None:
        """The Chinese name of the field (e.g. 年度指标值)."""
        field = self.field or ""
        if field in FIELD_LABELS or ":" not in field:
            return FIELD_LABELS.get(field, self.field)
        block, part = field.split(":", 1)  # budget_block:rate → 预算执行评分（执行率）
        return f"{FIELD_LABELS.get(block, block)}（{_PART_LABELS.get(part, part)}）"

    def where(self) -> str:
        """Sheet!cell, a cell (CSV), or 第N行; '' when unknown."""
        cells = ",".join(self.cells) if self.cells else (self.cell or "")
        if self.sheet:
            return f"{self.sheet}!{cells}" if cells else self.sheet
        if cells:
            return cells
        if self.line is not None:
            return f"第{self.line}行"
        return ""

    def __str__(self) -> str:
        parts = [self.file or "<输入>"]
        if self.where():
            parts.append(self.where())
        return ":".join(parts)


@dataclass(slots=True)
class Issue:
    """One finding: code (PG-Q03), severity, Chinese message and hint, structured location.

    suppressed is True when the configuration accepts this finding on purpose
    (``[[tool.perfgoals.accept]]``); it is then still reported, marked 已接受, and does
    not count towards the exit status.
    """

    code: str
    slug: str
    severity: str
    message: str
    hint: str
    location: IssueLocation = field(default_factory=IssueLocation)
    suppressed: bool = False
    suppress_reason: str | None = None

    @property
    def severity_label(self) -> str:
        """错误 / 警告 / 提示."""
        return SEVERITIES.get(self.severity, self.severity)

    def to_row(self) -> dict[str, Any]:
        """One flat row (keys: ISSUE_COLUMNS) for CSV, the issues sheet and highlights."""
        loc = self.location
        return {
            "file": loc.file,
            "unit": loc.unit,
            "project": loc.project,
            "seq": loc.seq,
            "indicator": loc.indicator,
            "field": loc.field,
            "field_label": loc.field_label,
            "sheet": loc.sheet,
            "cell": loc.cell,
            "cells": ",".join(loc.cells) if loc.cells else loc.cell,
            "line": loc.line,
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "severity_label": self.severity_label,
            "message": self.message,
            "hint": self.hint,
            "suppressed": self.suppressed,
            "suppress_reason": self.suppress_reason,
        }

    def to_dict(self) -> dict[str, Any]:
        """The issue as JSON-ready data, with the location nested."""
        loc = self.location
        location = {
            k: v
            for k, v in (
                ("file", loc.file), ("unit", loc.unit), ("project", loc.project),
                ("seq", loc.seq), ("indicator", loc.indicator), ("field", loc.field),
                ("sheet", loc.sheet), ("cell", loc.cell),
                ("cells", list(loc.cells) if loc.cells else None), ("line", loc.line),
            )
            if v is not None
        }
        out: dict[str, Any] = {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "location": location,
            "suppressed": self.suppressed,
        }
        if self.suppress_reason:
            out["suppress_reason"] = self.suppress_reason
        return out


def summarize(issues: list[Issue]) -> dict[str, int]:
    """Counts of unsuppressed issues by severity, plus the suppressed count and the total."""
    counts = {"total": len(issues), "error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for issue in issues:
        if issue.suppressed:
            counts["suppressed"] += 1
        else:
            counts[issue.severity] = counts.get(issue.severity, 0) + 1
    return counts


def summary_line(issues: list[Issue]) -> str:
    """共 N 条：错误 a，警告 b，提示 c（已接受 s）."""
    return summary_text(summarize(issues))


def summary_text(c: dict[str, int]) -> str:
    """summary_line from the counts of summarize (or counted while the issues were streamed)."""
    return (
        f"共 {c['total']} 条：错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}"
        f"（已接受 {c['suppressed']}）"
    )
