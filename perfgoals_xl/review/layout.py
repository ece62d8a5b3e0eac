"""The two sheets of a comparison as data: 修改对照 (old | new, changes highlighted) and
整改情况 (findings fixed / new / still open).

A :class:`SheetLayout` is values, a style name per cell, merges, widths and row heights; the
file renderer (:mod:`perfgoals_xl.review.xlsx`) and the live-Excel button
(:mod:`perfgoals_xl.excel.review`) both draw it, so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfgoals_xl.review.model import (
    CHANGE_LABELS,
    IndicatorDiff,
    IndicatorSide,
    ProjectDiff,
    ProjectSide,
    TableDiff,
)
from perfgoals_xl.sinks.fit import cell_lines, lines_height

COMPARE_SHEET = "修改对照"
FINDINGS_SHEET = "整改情况"

_FONT = "宋体"
_BASE: dict[str, Any] = {"font_name": _FONT, "font_size": 10, "wrap": True, "valign": "top", "border": True}
#: Style name → attributes (font_name, font_size, bold, fill, font_color, wrap, align, valign, border).
STYLES: dict[str, dict[str, Any]] = {
    "title": {"font_name": _FONT, "font_size": 14, "bold": True, "align": "center", "valign": "center"},
    "meta": {"font_name": _FONT, "font_size": 10, "wrap": True, "valign": "center"},
    "group": {**_BASE, "bold": True, "align": "center", "valign": "center", "fill": "#D9E1F2"},
    "header": {**_BASE, "bold": True, "align": "center", "valign": "center", "fill": "#DDEBF7"},
    "text": dict(_BASE),
    "center": {**_BASE, "align": "center"},
    "project": {**_BASE, "bold": True, "fill": "#F2F2F2"},
    "changed": {**_BASE, "fill": "#FFEB9C", "font_color": "#7F6000"},
    "added": {**_BASE, "fill": "#E2EFDA", "font_color": "#006100"},
    "removed": {**_BASE, "fill": "#FCE4D6", "font_color": "#9C0006"},
    "project_changed": {**_BASE, "bold": True, "fill": "#FFEB9C", "font_color": "#7F6000"},
    "error": {**_BASE, "align": "center", "font_color": "#C00000", "bold": True},
    "warning": {**_BASE, "align": "center", "font_color": "#9C5700"},
    "info": {**_BASE, "align": "center"},
    "fixed": {**_BASE, "align": "center", "fill": "#E2EFDA", "font_color": "#006100"},
    "new": {**_BASE, "align": "center", "fill": "#FCE4D6", "font_color": "#9C0006"},
    "open": {**_BASE, "align": "center", "fill": "#FFEB9C", "font_color": "#7F6000"},
}

#: 修改对照 columns: (header, width); 情况 and 项目, then the old and the new indicator.
_SIDE = (("序号", 4.5), ("一级指标", 8), ("二级指标", 9), ("三级指标", 17), ("实施周期指标值", 11), ("年度指标值", 11))
COMPARE_COLUMNS: tuple[tuple[str, float], ...] = (("情况", 6), ("项目 / 内容", 13), *_SIDE, *_SIDE)
_OLD, _NEW = 2, 2 + len(_SIDE)  # first column (0-based) of each side
_IND_FIELDS = ("seq", "level1", "level2", "name", "period_value", "annual_value")

FINDINGS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("情况", 8), ("级别", 5), ("规则", 7.5), ("项目名称", 16), ("序号", 4.5), ("指标名称", 14),
    ("字段", 9), ("位置", 10), ("问题", 40), ("修改建议", 33))


@dataclass
class SheetLayout:
    """One sheet as data: rows of values, a style per cell, merges (0-based, inclusive),
    column widths, row heights, the rows repeated on every printed page."""

    name: str
    widths: list[float]
    rows: list[list[Any]] = field(default_factory=list)
    styles: list[list[str | None]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    header_rows: int = 0  # rows repeated on every page (from the top)
    freeze_row: int = 0  # rows frozen on screen
    page_header: str = ""

    def add(self, values: list[Any], styles: list[str | None] | str | None,
            merges: Sequence[tuple[int, int]] = ()) -> int:
        """Append a row (values padded to the width; styles one name, one per cell or None);
        merges are (first, last) columns; returns the row's index."""
        n = len(self.widths)
        values = list(values) + [None] * (n - len(values))
        if styles is None or isinstance(styles, str):
            cell_styles: list[str | None] = [styles] * n
        else:
            cell_styles = list(styles) + [None] * (n - len(styles))
        row = len(self.rows)
        self.rows.append(values)
        self.styles.append(cell_styles)
        for first, last in merges:
            self.merges.append((row, first, row, last))
        self.heights.append(self._height(values, {first: last for first, last in merges}))
        return row

    def _height(self, values: list[Any], spans: dict[int, int]) -> float:
        """The row's height from its longest cell (a merged cell as wide as its span); the row's
        own spans are passed in (a scan of every merge of the sheet for each row was quadratic)."""
        lines = 1
        for col, value in enumerate(values):
            if value in (None, ""):
                continue
            width = sum(self.widths[col: spans.get(col, col) + 1])
            lines = max(lines, cell_lines(str(value), width))
        return lines_height(min(lines, 27))


def _side_values(side: IndicatorSide | None) -> list[Any]:
    if side is None:
        return [None] * len(_SIDE)
    return [side.seq, side.level1, side.level2, side.name, side.period_value, side.annual_value]


def _amounts(side: ProjectSide | None) -> str:
    if side is None:
        return ""
    labels = {"total": "总计", "fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金"}
    return "；".join(f"{labels[k]} {v}" for k, v in side.amounts.items() if v) or "（无金额）"


def _project_rows(sheet: SheetLayout, p: ProjectDiff) -> None:
    changed = {c.field for c in p.changes}
    old_span, new_span = (_OLD, _NEW - 1), (_NEW, len(COMPARE_COLUMNS) - 1)
    state = {"added": "新增", "removed": "删除"}.get(p.kind, "修改" if p.changed() else "")
    head_style = {"added": "added", "removed": "removed"}.get(p.kind, "project")

    def side_style(key: str | set[str], base: str) -> str:
        keys = {key} if isinstance(key, str) else key
        if p.kind in ("added", "removed"):
            return p.kind
        return ("project_changed" if base == "project" else "changed") if keys & changed else base

    def label(side: ProjectSide | None) -> str:
        if side is None:
            return "（无）"
        code = f"（{side.code}）" if side.code else ""
        return f"{side.name}{code}\n{side.unit}" if side.unit else f"{side.name}{code}"

    row = [state, p.name, label(p.old)] + [None] * (len(_SIDE) - 1) + [label(p.new)]
    styles = [head_style, head_style, side_style({"name", "code", "unit"}, "project")] + \
        ["project"] * (len(_SIDE) - 1) + [side_style({"name", "code", "unit"}, "project")]
    styles[3:_NEW] = [styles[2]] * (_NEW - 3)
    styles[_NEW + 1:] = [styles[_NEW]] * (len(COMPARE_COLUMNS) - _NEW - 1)
    sheet.add(row, styles, [old_span, new_span])
    amount_fields = {"total", "fiscal", "special", "other"}
    for caption, old, new, keys in (
        ("金额（万元）", _amounts(p.old), _amounts(p.new), amount_fields),
        ("绩效目标", p.old.goal if p.old else "", p.new.goal if p.new else "", {"goal"}),
    ):
        style = side_style(keys, "text")
        values = [None, caption, old] + [None] * (len(_SIDE) - 1) + [new]
        cell_styles = ["text", "text"] + [style if p.old else "text"] * len(_SIDE) + \
            [style if p.new else "text"] * len(_SIDE)
        sheet.add(values, cell_styles, [old_span, new_span])
    for ind in p.indicators:
        _indicator_row(sheet, ind)


def _indicator_row(sheet: SheetLayout, ind: IndicatorDiff) -> None:
    changed = {c.field for c in ind.changes}
    between = ind.kind == "moved" and bool(ind.other_project)  # moved to or from another project
    label, note = ("" if ind.kind == "same" else ind.label), None
    old, new = ind.old, ind.new
    if between and new is None:
        label, note = "移出", f"移至“{ind.other_project}”"
    elif between:
        label, note, old = "移入", f"自“{ind.other_project}”移入", None
    values = [label, note, *_side_values(old), *_side_values(new)]
    styles: list[str | None] = ["center", "text"]
    for side in (old, new):
        for name in _IND_FIELDS:
            if side is None:
                styles.append("text")
            elif ind.kind in ("added", "removed") or between:
                styles.append("added" if side is ind.new else "removed")
            elif name in changed:
                styles.append("changed")
            else:
                styles.append("center" if name == "seq" else "text")
    if ind.kind != "same":
        styles[0] = {"added": "added", "removed": "removed"}.get(ind.kind, "changed")
        if between:
            styles[0] = "removed" if new is None else "added"
    sheet.add(values, styles)


def compare_layout(diff: TableDiff) -> SheetLayout:
    """The 修改对照 sheet: every project (its name, amounts, goal) and indicator, the old version
    on the left and the new on the right; changed cells yellow, added green, removed red."""
    sheet = SheetLayout(name=COMPARE_SHEET, widths=[w for _, w in COMPARE_COLUMNS])
    last = len(COMPARE_COLUMNS) - 1
    department = diff.new_department or diff.old_department
    sheet.add([f"修改对照：{department}" if department else "修改对照"], "title", [(0, last)])
    sheet.heights[-1] = 24.0
    sheet.add([f"原版本：{Path(diff.old_file).name}（{diff.old_layout}）"] + [None] * (_NEW - 1)
              + [f"新版本：{Path(diff.new_file).name}（{diff.new_layout}）"], "meta",
              [(0, _NEW - 1), (_NEW, last)])
    sheet.add([_legend(diff)], "meta", [(0, last)])
    sheet.add([None, None, "原版本"] + [None] * (len(_SIDE) - 1) + ["新版本"], "group",
              [(_OLD, _NEW - 1), (_NEW, last)])
    sheet.add([h for h, _ in COMPARE_COLUMNS], "header")
    sheet.merges.append((3, 0, 4, 0))
    sheet.merges.append((3, 1, 4, 1))
    sheet.rows[3][0], sheet.rows[3][1] = COMPARE_COLUMNS[0][0], COMPARE_COLUMNS[1][0]
    sheet.header_rows = sheet.freeze_row = 5
    for change in diff.changes:
        sheet.add(["修改", change.label, change.old] + [None] * (len(_SIDE) - 1) + [change.new],
                  ["changed", "text"] + ["changed"] * (len(COMPARE_COLUMNS) - 2),
                  [(_OLD, _NEW - 1), (_NEW, last)])
    for p in diff.projects:
        _project_rows(sheet, p)
    return sheet


def _legend(diff: TableDiff) -> str:
    c = diff.counts()
    f = diff.findings.counts()
    return (f"项目：新增 {c['projects_added']}，删除 {c['projects_removed']}，修改 {c['projects_changed']}；"
            f"指标：新增 {c['indicators_added']}，删除 {c['indicators_removed']}，修改 {c['indicators_changed']}，"
            f"更名 {c['indicators_renamed']}，移动 {c['indicators_moved']}。"
            f"问题：已整改 {f['fixed']}，新发现 {f['new']}，仍未整改 {f['open']}。"
            "（黄色：修改；绿色：新增；红色：删除）")


def findings_layout(diff: TableDiff) -> SheetLayout:
    """The 整改情况 sheet: new findings, then still open, then fixed; errors first within each."""
    sheet = SheetLayout(name=FINDINGS_SHEET, widths=[w for _, w in FINDINGS_COLUMNS])
    last = len(FINDINGS_COLUMNS) - 1
    department = diff.new_department or diff.old_department
    sheet.add([f"整改情况：{department}" if department else "整改情况"], "title", [(0, last)])
    sheet.heights[-1] = 24.0
    f = diff.findings.counts()
    sheet.add([f"原版本 {Path(diff.old_file).name} → 新版本 {Path(diff.new_file).name}：已整改 {f['fixed']} 条，"
               f"新发现 {f['new']} 条，仍未整改 {f['open']} 条（其中错误 {diff.findings.open_errors()} 条）"],
              "meta", [(0, last)])
    sheet.add([h for h, _ in FINDINGS_COLUMNS], "header")
    sheet.header_rows = sheet.freeze_row = 3
    order = {"new": 0, "open": 1, "fixed": 2}
    rank = {"error": 0, "warning": 1, "info": 2}
    for item in sorted(diff.findings.items, key=lambda i: (order[i.status], rank.get(i.finding.severity, 3))):
        x = item.finding
        state = item.label + ("（已接受）" if x.suppressed else "")
        sheet.add([state, x.severity_label, x.code, x.project, x.seq, x.indicator, x.field_label, x.place,
                   x.message, x.hint],
                  [item.status, x.severity, "center", "text", "center", "text", "text", "text", "text", "text"])
    if not diff.findings.items:
        sheet.add(["两个版本都没有发现问题。"], "text", [(0, last)])
    return sheet


def sheets(diff: TableDiff) -> list[SheetLayout]:
    """Both sheets of a comparison, in order."""
    return [compare_layout(diff), findings_layout(diff)]


__all__ = ["CHANGE_LABELS", "COMPARE_SHEET", "FINDINGS_SHEET", "STYLES", "SheetLayout", "compare_layout",
           "findings_layout", "sheets"]
