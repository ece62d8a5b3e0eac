"""The findings delta: which findings of the old version were fixed, which are new, which are
still open — matched by rule and place (the paired project and indicator, the field), never
by message text (a message quotes the value, which the fix changes).
"""

from __future__ import annotations

from collections import defaultdict

from perfgoals_xl.review.compare import Identities
from perfgoals_xl.review.keys import text_key, unit_key
from perfgoals_xl.review.match import ProjectView
from perfgoals_xl.review.model import Finding, FindingsDelta, FindingStatus
from perfgoals_xl.rules.issue import Issue


def finding(issue: Issue) -> Finding:
    """An issue as the review round shows it."""
    loc = issue.location
    return Finding(code=issue.code, severity=issue.severity, severity_label=issue.severity_label,
                   message=issue.message, hint=issue.hint, unit=loc.unit or "", project=loc.project or "",
                   indicator=loc.indicator or "", seq=loc.seq, field=loc.field or "",
                   field_label=loc.field_label or "", place=loc.where(), suppressed=issue.suppressed)


class _Places:
    """Resolves an issue's location to the shared numbers of one side's projects and indicators."""

    def __init__(self, views: list[ProjectView], projects: dict[int, int], indicators: dict[int, int]) -> None:
        self.by_unit_name: dict[tuple[str, str], ProjectView] = {}
        self.by_name: dict[str, ProjectView] = {}
        for v in views:
            self.by_unit_name.setdefault((unit_key(v.unit), text_key(v.project.name)), v)
            self.by_name.setdefault(text_key(v.project.name), v)
        self.projects, self.indicators = projects, indicators

    def view(self, issue: Issue) -> ProjectView | None:
        """The project an issue names (by unit and name, else by name)."""
        loc = issue.location
        if not loc.project:
            return None
        return (self.by_unit_name.get((unit_key(loc.unit), text_key(loc.project)))
                or self.by_name.get(text_key(loc.project)))

    def gone_with(self, issue: Issue, kept_projects: set[int], kept_indicators: set[int]) -> str:
        """"project" / "indicator" when the place of this (old) issue has no new counterpart."""
        view = self.view(issue)
        if view is None:
            return ""
        if self.projects.get(id(view.project)) not in kept_projects:
            return "project"
        ind = _indicator(view, issue.location.seq, issue.location.indicator)
        if ind is not None and self.indicators.get(id(ind)) not in kept_indicators:
            return "indicator"
        return ""

    def key(self, issue: Issue) -> tuple:
        """(code, place…, field group): the same on both sides for the same finding at the same place."""
        loc = issue.location
        scope: tuple = ("table",)
        if loc.project:
            view = self.view(issue)
            if view is None:
                scope = ("project-name", text_key(loc.project))
            else:
                scope = ("project", self.projects.get(id(view.project)))
                ind = _indicator(view, loc.seq, loc.indicator)
                if ind is not None:
                    scope = ("indicator", self.indicators.get(id(ind)))
                elif loc.seq is not None or loc.indicator:
                    scope = (*scope, loc.seq, text_key(loc.indicator))
        elif loc.unit:
            scope = ("unit", unit_key(loc.unit))
        return (issue.code, *scope, _FIELD_GROUP.get(loc.field or "", loc.field or ""))


#: Fields one finding may name as a pair or one by one: a finding on both values ("values") is
#: one on each when the values come apart (a fix changed one of them).
_FIELD_GROUP = {"period_value": "values", "annual_value": "values"}
_SLOTS = {"values": frozenset({"period_value", "annual_value"})}


def _slots(issue: Issue) -> frozenset[str]:
    field = issue.location.field or ""
    return _SLOTS.get(field, frozenset({field}))


def _indicator(view: ProjectView, seq: int | None, name: str | None) -> object | None:
    """The indicator an issue names: by its sequence number, else by its name."""
    inds = view.project.indicators
    if seq is not None:
        hits = [i for i in inds if i.seq == seq]
        if len(hits) == 1 and (not name or text_key(hits[0].name) == text_key(name)):
            return hits[0]
        if not name and 1 <= seq <= len(inds):
            return inds[seq - 1]
    if name:
        key = text_key(name)
        for i in inds:
            if text_key(i.name) == key:
                return i
    return None


def findings_delta(ids: Identities, old_issues: list[Issue], new_issues: list[Issue]) -> FindingsDelta:
    """Sort both versions' findings into still open, new and fixed (new version's order first)."""
    old_places = _Places(ids.old_views, ids.old_projects, ids.old_indicators)
    new_places = _Places(ids.new_views, ids.new_projects, ids.new_indicators)
    waiting: dict[tuple, list[list]] = defaultdict(list)  # key → [[old issue, slots left]]
    for issue in old_issues:
        waiting[old_places.key(issue)].append([issue, set(_slots(issue))])
    matched: set[int] = set()
    delta = FindingsDelta()
    for issue in new_issues:
        slots = _slots(issue)
        entry = next((e for e in waiting.get(new_places.key(issue), ()) if e[1] & slots), None)
        if entry is None:
            delta.items.append(FindingStatus("new", finding(issue)))
            continue
        entry[1] -= slots
        matched.add(id(entry[0]))
        delta.items.append(FindingStatus("open", finding(issue), finding(entry[0])))
    kept_projects, kept_indicators = set(ids.new_projects.values()), set(ids.new_indicators.values())
    delta.items.extend(FindingStatus("fixed", finding(i), gone_with=old_places.gone_with(
        i, kept_projects, kept_indicators)) for i in old_issues if id(i) not in matched)
    return delta
