"""The terminal view of a comparison: changes per project, then the findings delta.

Colours only when asked (the caller decides: a terminal and no NO_COLOR, see
:func:`perfgoals_xl.commands.check.use_color`).
"""

from __future__ import annotations

from typing import TextIO

from perfgoals_xl.review.model import (
    GONE_LABELS,
    STATUS_LABELS,
    FieldChange,
    IndicatorDiff,
    IndicatorSide,
    TableDiff,
)

_STYLES = {"added": "32", "removed": "31", "changed": "33", "renamed": "33", "moved": "35",
           "bold": "1", "dim": "2", "error": "31", "warning": "33", "info": "36",
           "fixed": "32", "new": "31", "open": "33"}


def change_text(change: FieldChange) -> str:
    """一级指标：“a” → “b”."""
    old = f"“{change.old}”" if change.old else "（空）"
    new = f"“{change.new}”" if change.new else "（空）"
    return f"{change.label}：{old} → {new}"


def side_text(side: IndicatorSide) -> str:
    """An indicator in one line: levels, name and both values."""
    return (f"{side.level1}／{side.level2}／{side.name}；实施周期指标值:{side.period_value or '（空）'}；"
            f"年度指标值:{side.annual_value or '（空）'}")


def indicator_line(ind: IndicatorDiff) -> str:
    """One indicator's change in one line (without colour)."""
    side = ind.new or ind.old
    seq = f"指标{side.seq}" if side and side.seq is not None else "指标"
    if ind.kind == "added":
        return f"{seq} 新增  {side_text(ind.new)}"  # type: ignore[arg-type]
    if ind.kind == "removed":
        return f"{seq} 删除  {side_text(ind.old)}"  # type: ignore[arg-type]
    if ind.kind == "moved" and ind.new is None:
        return f"{seq} 移出至项目“{ind.other_project}”  {side_text(ind.old)}"  # type: ignore[arg-type]
    if ind.kind == "moved" and ind.other_project:
        return f"{seq} 自项目“{ind.other_project}”移入  {side_text(ind.new)}"  # type: ignore[arg-type]
    changes = "；".join(change_text(c) for c in ind.changes)
    return f"{seq} {ind.label}  “{ind.name}” {changes}"


def write_text(stream: TextIO, diff: TableDiff, *, color: bool = False) -> None:
    """The comparison as text: header, changed projects and indicators, the findings, the totals."""
    from perfgoals_xl.terminal import terminal_stream

    stream = terminal_stream(stream, color=color)  # type: ignore[assignment]  # names never take over the terminal
    def paint(text: str, style: str) -> str:
        return f"\033[{_STYLES[style]}m{text}\033[0m" if color else text

    stream.write(paint(f"原版本 {diff.old_file}", "bold") + f"（{diff.old_layout}）  {diff.old_department}\n")
    stream.write(paint(f"新版本 {diff.new_file}", "bold") + f"（{diff.new_layout}）  {diff.new_department}\n\n")
    for change in diff.changes:
        stream.write("  " + paint("全表", "bold") + f"  {change_text(change)}\n")
    if diff.unchanged():
        stream.write("  两个版本内容相同：没有新增、删除或修改。\n")
    for p in diff.projects:
        if not p.changed():
            continue
        head = f"项目 {p.name}"
        if p.kind in ("added", "removed"):
            stream.write("  " + paint(f"{head}  {'新增项目' if p.kind == 'added' else '删除项目'}", p.kind))
            side = p.new or p.old
            amount = side.amounts.get("total") if side else ""
            stream.write(f"（{len(p.indicators)} 条指标{f'，总计 {amount}' if amount else ''}）\n")
            continue
        stream.write("  " + paint(head, "bold") + "\n")
        for change in p.changes:
            stream.write("    " + paint("修改", "changed") + f"  {change_text(change)}\n")
        for ind in p.indicators:
            if ind.kind != "same":
                stream.write("    " + paint(indicator_line(ind), ind.kind) + "\n")
    stream.write("\n" + paint("整改情况", "bold") + "\n")
    for status in ("new", "open", "fixed"):
        items = [i for i in diff.findings.items if i.status == status]
        if not items:
            continue
        stream.write("  " + paint(f"{STATUS_LABELS[status]}（{len(items)} 条）", status) + "\n")
        for item in items:
            f = item.finding
            where = "／".join(x for x in (f.project and f"项目 {f.project}",
                                          f.seq is not None and f"指标{f.seq}" or "", f.place) if x)
            accepted = "（已接受）" if f.suppressed else ""
            if item.gone_with:
                accepted += f"（{GONE_LABELS[item.gone_with]}）"
            stream.write(f"    {paint(f.severity_label, f.severity)} {f.code}  {where}  {f.message}{accepted}\n")
    stream.write("\n" + summary_line(diff) + "\n")


def summary_line(diff: TableDiff) -> str:
    """The totals in one line: project and indicator changes, findings fixed / new / still open."""
    c = diff.counts()
    f = diff.findings.counts()
    return (f"项目：新增 {c['projects_added']}，删除 {c['projects_removed']}，修改 {c['projects_changed']}；"
            f"指标：新增 {c['indicators_added']}，删除 {c['indicators_removed']}，修改 {c['indicators_changed']}，"
            f"更名 {c['indicators_renamed']}，移动 {c['indicators_moved']}；"
            f"问题：已整改 {f['fixed']}，新发现 {f['new']}，仍未整改 {f['open']}"
            f"（仍有错误 {diff.findings.open_errors()} 条）")
