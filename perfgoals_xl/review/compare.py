"""Compare two versions of a table: the :class:`TableDiff` of every project and indicator.

Works on two :class:`PerfTable` of any layouts (:mod:`perfgoals_xl.review.match` pairs them);
fields are compared by keys that ignore spelling (:mod:`perfgoals_xl.review.keys`) and shown
as each version prints them. :class:`Identities` remembers which old and new objects were
paired, so that findings can be matched by place (:mod:`perfgoals_xl.review.findings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfgoals_xl.model import AMOUNT_FIELDS, Indicator, Location, PerfTable, Project
from perfgoals_xl.review.keys import (
    amount_key,
    amount_text,
    text_key,
    unit_key,
    value_key,
    value_text,
    weight_text,
)
from perfgoals_xl.review.match import (
    ProjectView,
    indicator_key,
    match_indicators,
    match_projects,
    project_views,
)
from perfgoals_xl.review.model import (
    FieldChange,
    IndicatorDiff,
    IndicatorSide,
    ProjectDiff,
    ProjectSide,
    TableDiff,
)


@dataclass(slots=True)
class Identities:
    """Which objects of the two versions are one: id(object) → a shared number, per side."""

    old_projects: dict[int, int] = field(default_factory=dict)
    new_projects: dict[int, int] = field(default_factory=dict)
    old_indicators: dict[int, int] = field(default_factory=dict)
    new_indicators: dict[int, int] = field(default_factory=dict)
    old_views: list[ProjectView] = field(default_factory=list)
    new_views: list[ProjectView] = field(default_factory=list)
    _next: int = 0

    def pair(self, old_map: dict[int, int], new_map: dict[int, int], old: object | None,
             new: object | None) -> int:
        """Give old and new (either may be None) one shared number."""
        self._next += 1
        if old is not None:
            old_map[id(old)] = self._next
        if new is not None:
            new_map[id(new)] = self._next
        return self._next


def place(location: Location | None) -> str:
    """Sheet!cell or 第N行 of a location; '' when unknown."""
    if location is None:
        return ""
    if location.sheet:
        return f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    if location.cell:
        return location.cell
    return f"第{location.line}行" if location.line is not None else ""


def indicator_side(ind: Indicator) -> IndicatorSide:
    """An indicator's texts for showing."""
    return IndicatorSide(seq=ind.seq, level1=ind.level1 or "", level2=ind.level2 or "",
                         name=ind.name or "", period_value=value_text(ind.period_value),
                         annual_value=value_text(ind.annual_value), weight=weight_text(ind.weight),
                         place=place(ind.location))


def project_side(view: ProjectView) -> ProjectSide:
    """A project's texts for showing."""
    p = view.project
    return ProjectSide(unit=view.unit or "", name=p.name or "", code=p.code or "", goal=p.goal or "",
                       amounts={f: amount_text(p.amounts.get(f)) for f in AMOUNT_FIELDS},
                       place=place(p.location))


def indicator_changes(old: Indicator, new: Indicator) -> list[FieldChange]:
    """The fields that differ between two versions of one indicator."""
    out: list[FieldChange] = []
    for name in ("level1", "level2", "name"):
        a, b = getattr(old, name) or "", getattr(new, name) or ""
        if text_key(a) != text_key(b):
            out.append(FieldChange(name, a, b))
    for name in ("period_value", "annual_value"):
        a, b = getattr(old, name), getattr(new, name)
        if value_key(a) != value_key(b):
            out.append(FieldChange(name, value_text(a), value_text(b)))
    if old.weight is not None and new.weight is not None and old.weight != new.weight:
        out.append(FieldChange("weight", weight_text(old.weight), weight_text(new.weight)))
    return out


def project_changes(old: ProjectView, new: ProjectView) -> list[FieldChange]:
    """The fields that differ between two versions of one project (code and fund unit only when
    both name one: a form names no unit, and a layout that needs one fills in the department)."""
    a, b = old.project, new.project
    out: list[FieldChange] = []
    if text_key(a.name) != text_key(b.name):
        out.append(FieldChange("name", a.name, b.name))
    if a.code and b.code and text_key(a.code) != text_key(b.code):
        out.append(FieldChange("code", a.code, b.code))
    if unit_key(old.unit) and unit_key(new.unit) and unit_key(old.unit) != unit_key(new.unit):
        out.append(FieldChange("unit", old.unit, new.unit))
    for name in AMOUNT_FIELDS:
        if amount_key(a.amounts.get(name)) != amount_key(b.amounts.get(name)):
            out.append(FieldChange(name, amount_text(a.amounts.get(name)), amount_text(b.amounts.get(name))))
    if text_key(a.goal) != text_key(b.goal):
        out.append(FieldChange("goal", a.goal or "", b.goal or ""))
    return out


def _indicator_kind(how: str, changes: list[FieldChange]) -> str:
    if not changes:
        return "same"
    if how == "renamed":
        return "renamed"
    if how == "moved" or any(c.field in ("level1", "level2") for c in changes):
        return "moved"
    return "changed"


def compare_tables(old: PerfTable, new: PerfTable, *, old_file: str = "", new_file: str = "",
                   ) -> tuple[TableDiff, Identities]:
    """Compare two versions of a table: the diff and which objects were paired."""
    ids = Identities(old_views=project_views(old), new_views=project_views(new))
    diff = TableDiff(old_file=old_file or old.source or "", new_file=new_file or new.source or "",
                     old_department=old.department or "", new_department=new.department or "",
                     old_layout=old.layout or "", new_layout=new.layout or "")
    if text_key(old.department) != text_key(new.department):
        diff.changes.append(FieldChange("department", old.department or "", new.department or ""))
    if amount_key(old.amounts.total) != amount_key(new.amounts.total):
        diff.changes.append(FieldChange("total", amount_text(old.amounts.total), amount_text(new.amounts.total)))
    pairing = match_projects(ids.old_views, ids.new_views)
    entries: list[tuple[int, ProjectDiff, Project | None, Project | None]] = []
    for o, n, how in pairing.pairs:
        ids.pair(ids.old_projects, ids.new_projects, o.project, n.project)
        changes = project_changes(o, n)
        pd = ProjectDiff(kind="changed" if changes else "same", old=project_side(o), new=project_side(n),
                         changes=changes, matched_by=how)
        entries.append((len(entries), pd, o.project, n.project))
    for o in pairing.removed:
        ids.pair(ids.old_projects, ids.new_projects, o.project, None)
        entries.append((len(entries), ProjectDiff(kind="removed", old=project_side(o), new=None), o.project, None))
    for n in pairing.added:
        ids.pair(ids.old_projects, ids.new_projects, None, n.project)
        entries.append((len(entries), ProjectDiff(kind="added", old=None, new=project_side(n)), None, n.project))
    leftovers_old: list[tuple[ProjectDiff, Indicator]] = []
    leftovers_new: list[tuple[ProjectDiff, Indicator]] = []
    for _, pd, op, np_ in entries:
        found = match_indicators(op.indicators if op else [], np_.indicators if np_ else [])
        for oi, ni, how in found.pairs:
            ids.pair(ids.old_indicators, ids.new_indicators, oi, ni)
            changes = indicator_changes(oi, ni)
            pd.indicators.append(IndicatorDiff(kind=_indicator_kind(how, changes), old=indicator_side(oi),
                                               new=indicator_side(ni), changes=changes))
        leftovers_old.extend((pd, i) for i in found.removed)
        leftovers_new.extend((pd, i) for i in found.added)
    _place_leftovers(ids, leftovers_old, leftovers_new)
    pos_old = {id(v.project): k for k, v in enumerate(ids.old_views)}
    pos_new = {id(v.project): k for k, v in enumerate(ids.new_views)}

    new_by_pair = {ids.new_projects[id(v.project)]: k for k, v in enumerate(ids.new_views)}
    # the place in the new table of the nearest old project before each one that is still there,
    # in one pass (a walk back from each removed project was quadratic: 20,000 removed, minutes)
    neighbour: list[int] = []
    last = -1
    for view in ids.old_views:
        neighbour.append(last)
        paired = ids.old_projects.get(id(view.project))
        if paired in new_by_pair:
            last = new_by_pair[paired]

    def where(entry: tuple[int, ProjectDiff, Project | None, Project | None]) -> tuple[int, int]:
        _, _, op, np_ = entry  # the new table's order; a removed project after its old neighbour
        if np_ is not None:
            return (pos_new[id(np_)], 1)
        return (neighbour[pos_old[id(op)]], 2)  # after it (and before the next one of the new table)

    entries.sort(key=where)
    diff.projects = [pd for _, pd, _, _ in entries]
    _order(diff)
    return diff, ids


def _place_leftovers(ids: Identities, removed: list[tuple[ProjectDiff, Indicator]],
                     added: list[tuple[ProjectDiff, Indicator]]) -> None:
    """Unmatched indicators: moved to another project when the same indicator is there, else
    removed or added."""
    waiting: dict[tuple, list[tuple[ProjectDiff, Indicator]]] = {}
    for pd, ind in removed:
        waiting.setdefault(indicator_key(ind), []).append((pd, ind))
    moved_out: set[int] = set()
    for pd, ind in added:
        queue = waiting.get(indicator_key(ind))
        if queue:
            src_pd, src = queue.pop(0)
            moved_out.add(id(src))
            ids.pair(ids.old_indicators, ids.new_indicators, src, ind)
            change = FieldChange("project", src_pd.name, pd.name)
            src_pd.indicators.append(IndicatorDiff(kind="moved", old=indicator_side(src), new=None,
                                                   changes=[change], other_project=pd.name))
            pd.indicators.append(IndicatorDiff(kind="moved", old=indicator_side(src), new=indicator_side(ind),
                                               changes=[change], other_project=src_pd.name))
        else:
            ids.pair(ids.old_indicators, ids.new_indicators, None, ind)
            pd.indicators.append(IndicatorDiff(kind="added", old=None, new=indicator_side(ind)))
    for pd, ind in removed:
        if id(ind) not in moved_out:
            ids.pair(ids.old_indicators, ids.new_indicators, ind, None)
            pd.indicators.append(IndicatorDiff(kind="removed", old=indicator_side(ind), new=None))


def _order(diff: TableDiff) -> None:
    """Indicators by their new sequence, removed ones at their old place."""
    def ind_pos(i: IndicatorDiff) -> tuple:
        side = i.new or i.old
        seq = side.seq if side and side.seq is not None else 10**6
        return (seq, 0 if i.new else 1)

    for pd in diff.projects:
        pd.indicators.sort(key=ind_pos)
