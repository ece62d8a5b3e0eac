"""The checking engine: ``check_table(table, config) -> list[Issue]`` in one linear pass.

1. Facts of every indicator are computed once (levels resolved, comparison keys).
2. Table rules run once (amount roll-ups, boilerplate across projects); their hits
   are filed under the project or unit they name.
3. For each project: the problems its source recorded, the project rules and, for
   each indicator, the indicator rules. Issues come out in table order: table rows,
   then each unit, each project, its indicators in order.
Only enabled rules run (select / ignore / profile decided before the pass).
"""

from __future__ import annotations

from perfgoals_xl.model import FundUnit, Indicator, Location, PerfTable, Problem, Project
from perfgoals_xl.rules.base import PREFIX, Doc, Hit, Rule
from perfgoals_xl.rules.config import Config
from perfgoals_xl.rules.facts import (
    IndicatorFacts,
    ProjectContext,
    TableContext,
    project_context,
)
from perfgoals_xl.rules.issue import Issue, IssueLocation
from perfgoals_xl.rules.registry import RULES

_PROJECT_AMOUNT_FIELDS = ("total", "fiscal", "special", "other")


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _model_location(table: PerfTable, unit: FundUnit | None, project: Project | None,
                    ind: Indicator | None, field: str | None) -> tuple[Location | None, tuple[str, ...]]:
    """The most precise model location for a field, and every cell when it spans two."""
    if ind is not None:
        fl = ind.field_locations
        if field == "values":
            locs = [loc for loc in (fl.get("period_value"), fl.get("annual_value")) if loc]
            if locs:
                cells = tuple(dict.fromkeys(loc.cell for loc in locs if loc.cell))
                return locs[0], cells if len(cells) > 1 else ()
        elif field and fl.get(field):
            return fl[field], ()
        if field in ("level1", "level2", "name") and fl.get("item"):
            return fl["item"], ()
        return fl.get("item") or ind.location or (project.location if project else None), ()
    if project is not None:
        fl = project.field_locations
        if field and fl.get(field):
            return fl[field], ()
        if field in _PROJECT_AMOUNT_FIELDS and fl.get("amounts"):
            return fl["amounts"], ()
        return project.location, ()
    if unit is not None:
        return unit.location, ()
    return table.location, ()


def locate(table: PerfTable, unit: FundUnit | None, project: Project | None,
           ind: Indicator | None, field: str | None) -> IssueLocation:
    """The structured location of a finding: names from the model, cell/line from the source."""
    loc, cells = _model_location(table, unit, project, ind, field)
    return IssueLocation(
        file=(loc.file if loc and loc.file else None) or table.source,
        unit=unit.name if unit else None,
        project=project.name if project else None,
        seq=ind.seq if ind else None,
        indicator=ind.name if ind else None,
        field=field,
        sheet=loc.sheet if loc else None,
        cell=loc.cell if loc else None,
        cells=cells,
        line=loc.line if loc else None,
    )


class _Run:
    """One run of the checker over one table."""

    def __init__(self, table: PerfTable, config: Config) -> None:
        self.table = table
        self.config = config
        active = [r for r in RULES.values() if config.enabled(r)]
        self.indicator_rules = [r for r in active if r.scope == "indicator"]
        self.project_rules = [r for r in active if r.scope == "project"]
        self.table_rules = [r for r in active if r.scope == "table"]
        self.problem_rules = {r.short: r for r in active if r.from_problems}
        self.all_codes = {r.short for r in RULES.values()}

    def issue(self, rule: Rule, hit: Hit, unit: FundUnit | None, project: Project | None,
              ind: Indicator | None) -> Issue:
        args = _Defaults(hit.args)
        issue = Issue(
            code=rule.code,
            slug=rule.slug,
            severity=self.config.severity_of(rule, hit.variant, hit.severity),
            message=rule.message(hit.variant, args) if hit.args else rule.messages.get(hit.variant, rule.messages[""]),
            hint=rule.hint.format_map(args),
            location=locate(self.table, unit, project, ind, hit.field),
        )
        accepted = self.config.accepted(issue) if self.config.accept else None
        if accepted is not None:
            issue.suppressed = True
            issue.suppress_reason = accepted.reason
        return issue

    def from_hit(self, rule: Rule, hit: Hit, ctx: ProjectContext | None = None,
                 facts: IndicatorFacts | None = None) -> Issue:
        target = hit.at if isinstance(hit.at, IndicatorFacts) else facts
        if target is not None:
            return self.issue(rule, hit, target.unit, target.project, target.ind)
        project = hit.at_project or (ctx.project if ctx else None)
        unit = hit.at_unit or (ctx.unit if ctx else None)
        return self.issue(rule, hit, unit, project, None)

    def problem_issue(self, problem: Problem, unit: FundUnit | None, project: Project | None) -> Issue | None:
        rule = self.problem_rules.get(problem.code)
        if rule is None:
            if problem.code in self.all_codes:
                return None  # the rule is not enabled
            rule = _unknown_problem_rule(problem.code)
        ind = None
        if project is not None and problem.seq is not None:
            ind = next((i for i in project.indicators if i.seq == problem.seq), None)
        hit = Hit(problem.field, message=problem.message)
        issue = self.issue(rule, hit, unit, project, ind)
        loc = problem.location
        if loc is not None:
            issue.location = IssueLocation(
                file=loc.file or self.table.source, unit=issue.location.unit,
                project=issue.location.project,
                seq=problem.seq, indicator=ind.name if ind else None, field=problem.field,
                sheet=loc.sheet, cell=loc.cell, line=loc.line,
            )
            accepted = self.config.accepted(issue) if self.config.accept else None
            issue.suppressed = accepted is not None
            issue.suppress_reason = accepted.reason if accepted else None
        return issue

    def run(self) -> list[Issue]:
        table = self.table
        profile = self.config.profile
        contexts = [project_context(table, u, p, profile) for u in table.units for p in u.projects]
        # Problems recorded by the source, filed by the row they name.
        problems_by: dict[int | None, list[tuple[Problem, FundUnit | None, Project | None]]] = {}
        if self.problem_rules or table.problems:
            for problem in table.problems:
                unit, project = self._owner(problem)
                owner = id(project) if project else (id(unit) if unit else None)
                problems_by.setdefault(owner, []).append((problem, unit, project))
        # Table rules, their hits filed by project / unit / table.
        table_hits: dict[int | None, list[tuple[Rule, Hit]]] = {}
        if self.table_rules:
            tctx = TableContext(table=table, projects=contexts, profile=profile)
            for rule in self.table_rules:
                for hit in rule.check(tctx):
                    project = hit.at.project if isinstance(hit.at, IndicatorFacts) else hit.at_project
                    owner = id(project) if project else (id(hit.at_unit) if hit.at_unit else None)
                    table_hits.setdefault(owner, []).append((rule, hit))

        issues: list[Issue] = []
        self._emit_row(issues, None, problems_by, table_hits)
        by_unit: dict[int, list[ProjectContext]] = {}
        for ctx in contexts:
            by_unit.setdefault(id(ctx.unit), []).append(ctx)
        for unit in table.units:
            self._emit_row(issues, unit, problems_by, table_hits)
            for ctx in by_unit.get(id(unit), []):
                issues.extend(self._project_issues(ctx, problems_by, table_hits))
        return issues

    def _emit_row(self, issues: list[Issue], unit: FundUnit | None, problems_by: dict, table_hits: dict) -> None:
        owner = id(unit) if unit else None
        for problem, p_unit, project in problems_by.get(owner, ()):
            issue = self.problem_issue(problem, p_unit, project)
            if issue is not None:
                issues.append(issue)
        for rule, hit in table_hits.get(owner, ()):
            issues.append(self.issue(rule, hit, hit.at_unit, None, None))

    def _project_issues(self, ctx: ProjectContext, problems_by: dict, table_hits: dict) -> list[Issue]:
        owner = id(ctx.project)
        out: list[tuple[int, Issue]] = []
        order = {id(f): n for n, f in enumerate(ctx.facts)}
        for problem, unit, project in problems_by.get(owner, ()):
            issue = self.problem_issue(problem, unit, project)
            if issue is not None:
                out.append((-1, issue))
        for rule, hit in table_hits.get(owner, ()):
            out.append((order.get(id(hit.at), -1), self.from_hit(rule, hit, ctx)))
        for rule in self.project_rules:
            for hit in rule.check(ctx):
                out.append((order.get(id(hit.at), -1), self.from_hit(rule, hit, ctx)))
        rules = self.indicator_rules
        for n, facts in enumerate(ctx.facts):
            for rule in rules:
                for hit in rule.check(facts, ctx):
                    out.append((n, self.from_hit(rule, hit, ctx, facts)))
        out.sort(key=lambda pair: pair[0])
        return [issue for _, issue in out]

    def _owner(self, problem: Problem) -> tuple[FundUnit | None, Project | None]:
        """The unit / project a source problem names (by name; the line disambiguates)."""
        name = problem.project
        if not name or name == "合计":
            return None, None
        line = problem.location.line if problem.location else None
        for unit in self.table.units:
            if unit.name == name and (line is None or unit.location is None or unit.location.line == line):
                return unit, None
        for unit in self.table.units:
            for project in unit.projects:
                if project.name == name:
                    return unit, project
        return None, None


def _unknown_problem_rule(code: str) -> Rule:
    """A stand-in for a problem code no rule owns: reported as a warning, never dropped."""
    return Rule(
        code=PREFIX + code, slug="source_problem", severity="warning", scope="problems",
        messages={"": "{message}"}, hint="核对原表该处内容。",
        doc=Doc(what="读取器记录的问题。", why="", bad="", good="", basis=""),
        check=None, from_problems=True,
    )


def check_table(table: PerfTable, config: Config | None = None) -> list[Issue]:
    """Check one table against every enabled rule; issues in table order."""
    return _Run(table, config or Config()).run()


def check_tables(tables: list[PerfTable], config: Config | None = None) -> list[Issue]:
    """Check several tables with one configuration."""
    issues: list[Issue] = []
    for table in tables:
        issues.extend(check_table(table, config))
    return issues

