"""The review round's model: what changed between two versions of a table, and what
happened to the findings. Plain dataclasses, no I/O, importing nothing of ours.

A :class:`TableDiff` holds one :class:`ProjectDiff` per project of either version (matched,
added or removed), each with its :class:`FieldChange` list and one :class:`IndicatorDiff` per
indicator; :class:`FindingsDelta` sorts the findings of both versions into fixed (已整改),
new (新发现) and still open (仍未整改), matched by rule and place, never by message text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Change kinds → Chinese labels.
CHANGE_LABELS: dict[str, str] = {
    "same": "未修改",
    "changed": "修改",
    "added": "新增",
    "removed": "删除",
    "renamed": "更名",
    "moved": "移动",
}

#: Finding statuses → Chinese labels, in report order.
STATUS_LABELS: dict[str, str] = {"open": "仍未整改", "new": "新发现", "fixed": "已整改"}

#: What a fixed finding went with → the words said after 已整改.
GONE_LABELS: dict[str, str] = {"indicator": "指标已删除", "project": "项目已删除"}

#: Fields compared → Chinese labels (project fields, then indicator fields).
FIELD_NAMES: dict[str, str] = {
    "name": "名称",
    "code": "项目编码",
    "unit": "资金使用单位",
    "goal": "绩效目标",
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
    "level1": "一级指标",
    "level2": "二级指标",
    "period_value": "实施周期指标值",
    "annual_value": "年度指标值",
    "weight": "分值",
    "project": "所属项目",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: its identifier and the old and new text ('' when blank)."""

    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        """The field's Chinese name."""
        return FIELD_NAMES.get(self.field, self.field)


@dataclass(frozen=True, slots=True)
class IndicatorSide:
    """An indicator as one version prints it (texts only, for showing)."""

    seq: int | None
    level1: str
    level2: str
    name: str
    period_value: str
    annual_value: str
    weight: str = ""
    place: str = ""  # sheet!cell or 第N行 where it was read


@dataclass(slots=True)
class IndicatorDiff:
    """One indicator across two versions: kind is same / changed / added / removed / renamed / moved."""

    kind: str
    old: IndicatorSide | None
    new: IndicatorSide | None
    changes: list[FieldChange] = field(default_factory=list)
    #: For a moved indicator: the project it came from (removed side) or went to (added side).
    other_project: str | None = None

    @property
    def label(self) -> str:
        """The Chinese name of the change."""
        return CHANGE_LABELS[self.kind]

    @property
    def name(self) -> str:
        """The indicator's name (the new one when it has both)."""
        side = self.new or self.old
        return side.name if side else ""


@dataclass(frozen=True, slots=True)
class ProjectSide:
    """A project as one version prints it (texts only, for showing)."""

    unit: str
    name: str
    code: str
    goal: str
    amounts: dict[str, str]
    place: str = ""


@dataclass(slots=True)
class ProjectDiff:
    """One project across two versions, with its field changes and its indicators."""

    kind: str  # same / changed / added / removed (a renamed project is "changed" with a name change)
    old: ProjectSide | None
    new: ProjectSide | None
    changes: list[FieldChange] = field(default_factory=list)
    indicators: list[IndicatorDiff] = field(default_factory=list)
    matched_by: str = ""  # code / name / similar name, for matched projects

    @property
    def name(self) -> str:
        """The project's name (the new one when it has both)."""
        side = self.new or self.old
        return side.name if side else ""

    @property
    def unit(self) -> str:
        """The project's fund unit (the new one when it has both)."""
        side = self.new or self.old
        return side.unit if side else ""

    def changed(self) -> bool:
        """Did anything about the project or its indicators change?"""
        return self.kind != "same" or bool(self.changes) or any(i.kind != "same" for i in self.indicators)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of one version, as the review round shows it."""

    code: str
    severity: str
    severity_label: str
    message: str
    hint: str
    unit: str
    project: str
    indicator: str
    seq: int | None
    field: str
    field_label: str
    place: str  # sheet!cell or 第N行
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class FindingStatus:
    """A finding and what became of it: open (both versions), new (only the new), fixed (only the old)."""

    status: str
    finding: Finding
    old: Finding | None = None  # the old version's finding for an open one
    #: Why a fixed finding is gone when it is not a fix of the cell: its indicator or project was
    #: deleted ("indicator" / "project"); "" otherwise.
    gone_with: str = ""

    @property
    def label(self) -> str:
        """仍未整改 / 新发现 / 已整改 (已整改（指标已删除） when its indicator went with it)."""
        if self.gone_with:
            return f"{STATUS_LABELS[self.status]}（{GONE_LABELS[self.gone_with]}）"
        return STATUS_LABELS[self.status]


@dataclass(slots=True)
class FindingsDelta:
    """The findings of both versions, sorted by what became of them."""

    items: list[FindingStatus] = field(default_factory=list)

    def of(self, status: str) -> list[FindingStatus]:
        """The items of one status."""
        return [i for i in self.items if i.status == status]

    def counts(self) -> dict[str, int]:
        """Counts of fixed / new / open findings (accepted ones left out)."""
        out = {s: 0 for s in STATUS_LABELS}
        for item in self.items:
            if not item.finding.suppressed:
                out[item.status] += 1
        return out

    def open_errors(self) -> int:
        """Errors left in the new version (still open or new), accepted ones left out."""
        return sum(1 for i in self.items if i.status != "fixed" and i.finding.severity == "error"
                   and not i.finding.suppressed)


@dataclass(slots=True)
class TableDiff:
    """Two versions of a table compared: their names, the projects and the findings."""

    old_file: str
    new_file: str
    old_department: str
    new_department: str
    old_layout: str = ""
    new_layout: str = ""
    projects: list[ProjectDiff] = field(default_factory=list)
    findings: FindingsDelta = field(default_factory=FindingsDelta)
    #: Table-level changes (department name, 合计).
    changes: list[FieldChange] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Counts of changes: projects added / removed / changed and indicators by change kind."""
        out: dict[str, int] = {"projects_added": 0, "projects_removed": 0, "projects_changed": 0}
        for kind in CHANGE_LABELS:
            out[f"indicators_{kind}"] = 0
        for p in self.projects:
            if p.kind == "added":
                out["projects_added"] += 1
            elif p.kind == "removed":
                out["projects_removed"] += 1
            elif p.changes:
                out["projects_changed"] += 1
            for ind in p.indicators:
                if ind.kind == "moved" and ind.new is None:
                    continue  # a move between projects is counted once, where it went
                out[f"indicators_{ind.kind}"] += 1
        return out

    def unchanged(self) -> bool:
        """Nothing changed between the versions (findings aside)."""
        return not self.changes and not any(p.changed() for p in self.projects)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data of the whole comparison."""
        from dataclasses import asdict

        return {
            "old": {"file": self.old_file, "department": self.old_department, "layout": self.old_layout},
            "new": {"file": self.new_file, "department": self.new_department, "layout": self.new_layout},
            "counts": self.counts(),
            "findings_counts": self.findings.counts(),
            "open_errors": self.findings.open_errors(),
            "changes": [asdict(c) for c in self.changes],
            "projects": [
                {"kind": p.kind, "label": CHANGE_LABELS[p.kind], "matched_by": p.matched_by,
                 "old": asdict(p.old) if p.old else None, "new": asdict(p.new) if p.new else None,
                 "changes": [asdict(c) for c in p.changes],
                 "indicators": [
                     {"kind": i.kind, "label": i.label, "old": asdict(i.old) if i.old else None,
                      "new": asdict(i.new) if i.new else None, "changes": [asdict(c) for c in i.changes],
                      **({"other_project": i.other_project} if i.other_project else {})}
                     for i in p.indicators]}
                for p in self.projects],
            "findings": [
                {"status": f.status, "label": f.label, "gone_with": f.gone_with, **asdict(f.finding)}
                for f in self.findings.items],
        }
