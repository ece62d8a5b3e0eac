"""The checking engine: ``check_table(table, config) -> list[Issue]`` in one linear pass.

1. Facts of every indicator are computed once (levels resolved, comparison keys).
2. Table rules run once (amount roll-ups, boilerplate across projects); their hits
   are filed under the project or unit they name.
3. For each project: the problems its source recorded, the project rules and, for
   each indicator, the indicator rules. Issues come out in table order: table rows,
   then each unit, each project, its indicators in order.
Only enabled rules run (select / ignore / profile decided before the pass), and an
indicator rule runs only on indicators with one of the traits it declares (``when``:
e.g. Q06 only where a value is a percentage) — a superset of the rule's own condition,
so skipping never changes a finding (tests/test_rules_check.py runs every rule on every
indicator and compares).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from perfgoals_xl.gcpause import gc_paused
from perfgoals_xl.model import FundUnit, Indicator, Location, PerfTable, Problem, Project
from perfgoals_xl.rules.base import PREFIX, Doc, Hit, Rule
from perfgoals_xl.rules.config import Config
from perfgoals_xl.rules.department import (
    NOT_FOR_DEPARTMENT,
    PLAN_PROJECT_RULES,
    DepartmentContext,
    listed_under_levels,
    plan_hit_applies,
    plan_location,
    rule_applies,
)
from perfgoals_xl.rules.facts import (
    IndicatorFacts,
    LazyContexts,
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
    amount_loc = table.field_locations.get(field or "") or table.field_locations.get("amounts")
    if field in (*_PROJECT_AMOUNT_FIELDS, "amounts") and amount_loc:
        return amount_loc, ()
    return table.location, ()


def locate(table: PerfTable, unit: FundUnit | None, project: Project | None,
           ind: Indicator | None, field: str | None) -> IssueLocation:
    """The structured location of a finding: names from the model, cell/line from the source."""
    loc, cells = _model_location(table, unit, project, ind, field)
    if loc is None:
        return IssueLocation(table.source, unit.name if unit else None,
                             project.name if project else None, ind.seq if ind else None,
                             ind.name if ind else None, field)
    return IssueLocation(
        loc.file or table.source, unit.name if unit else None, project.name if project else None,
        ind.seq if ind else None, ind.name if ind else None, field, loc.sheet, loc.cell, cells,
        loc.line,
    )


class _Run:
    """One run of the checker over one table."""

    def __init__(self, table: PerfTable, config: Config, scores: list[Any] | None = None,
                 score_of: Callable[[Project, FundUnit], Any] | None = None) -> None:
        self.table = table
        self.config = config
        self.scores = scores
        self.score_of = score_of
        active = [r for r in RULES.values() if config.enabled(r)]
        self.indicator_rules = [r for r in active if r.scope == "indicator"]
        self.project_rules = [r for r in active if r.scope == "project"]
        self.table_rules = [r for r in active if r.scope == "table"]
        self.department_rules = [r for r in active if r.scope == "department"]
        self.problem_rules = {r.short: r for r in active if r.from_problems}
        self.all_codes = {r.short for r in RULES.values()}
        self.active = frozenset(r.code for r in active)
        self._by_traits: dict[int, list[Rule]] = {}
        self._severity: dict[tuple[str, str, str | None], str] = {}
        self._owners: tuple[dict[str, list[FundUnit]], dict[str, tuple[FundUnit, Project]]] | None = None
        self._problem_cells: dict[int, tuple[str, ...]] = {}
        #: the caller's score of each project (by id), for the rules of one project at a time
        self._scores_of: dict[int, Any] | None = None
        self._has_actuals: bool | None = None  # scoring.has_actuals of the table, once asked

    def rules_for(self, traits: int) -> list[Rule]:
        """The indicator rules that can fire on an indicator with these traits (memoised)."""
        rules = self._by_traits.get(traits)
        if rules is None:
            rules = [r for r in self.indicator_rules if not r.when or r.when & traits]
            self._by_traits[traits] = rules
        return rules

    def severity(self, rule: Rule, variant: str, hit_severity: str | None) -> str:
        """The configured severity of a finding (memoised per rule and variant)."""
        memo = (rule.code, variant, hit_severity)
        found = self._severity.get(memo)
        if found is None:
            found = self._severity[memo] = self.config.severity_of(rule, variant, hit_severity)
        return found

    def issue(self, rule: Rule, hit: Hit, unit: FundUnit | None, project: Project | None,
              ind: Indicator | None) -> Issue:
        args = _Defaults(hit.args)
        hint = rule.hint
        issue = Issue(
            code=rule.code,
            slug=rule.slug,
            severity=self.severity(rule, hit.variant, hit.severity),
            message=rule.message(hit.variant, args),
            hint=hint.format_map(args) if "{" in hint else hint,
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
        for phrase, hint in rule.problem_hints:  # the hint of this kind of problem
            if phrase in problem.message:
                issue.hint = hint
                break
        loc = problem.location
        if loc is not None:
            issue.location = IssueLocation(
                file=loc.file or self.table.source, unit=issue.location.unit,
                project=issue.location.project,
                seq=problem.seq, indicator=ind.name if ind else None, field=problem.field,
                sheet=loc.sheet, cell=loc.cell, line=loc.line,
            )
            cells = self._problem_cells.get(id(problem), ())
            if len(cells) > 1:  # a merged finding marks every cell it names
                issue.location = replace(issue.location, cells=cells)
            accepted = self.config.accepted(issue) if self.config.accept else None
            issue.suppressed = accepted is not None
            issue.suppress_reason = accepted.reason if accepted else None
        return issue

    def run(self) -> list[Issue]:
        return list(self.iter_run())

    def iter_run(self) -> Iterator[Issue]:
        """The issues in table order, project by project (a project's issues are made together)."""
        table = self.table
        if table.kind == "department" and table.plan is not None:
            yield from self.run_department()
            if table.units:  # project tables in the same file (a sheet each, or pasted under it)
                yield from _Run(table.projects_apart(), self.config, self.scores, self.score_of).iter_run()
            return
        profile = self.config.profile
        # A project's facts are made when its findings are (and again, one at a time, for a
        # whole-table rule that walks every project's: PG-K08): never the whole table's at once.
        projects = [p for u in table.units for p in u.projects]
        # Problems recorded by the source, filed by the row they name.
        problems_by: dict[int | None, list[tuple[Problem, FundUnit | None, Project | None]]] = {}
        if self.problem_rules or table.problems:
            from perfgoals_xl.rules.assumptions import merge_assumptions

            problems, self._problem_cells = merge_assumptions(table.problems)  # PG-S10 once per kind
            for problem in problems:
                unit, project = self._owner(problem)
                owner = id(project) if project else (id(unit) if unit else None)
                problems_by.setdefault(owner, []).append((problem, unit, project))
        # Table rules, their hits filed by project / unit / table (a rule of one project at a time
        # runs with that project's issues: _project_issues).
        table_hits: dict[int | None, list[tuple[Rule, Hit]]] = {}
        whole = [rule for rule in self.table_rules if not rule.per_project]
        if len(whole) < len(self.table_rules):
            given = self.scores
            self._scores_of = ({id(project): score for project, score in zip(projects, given, strict=True)}
                               if given is not None and len(given) == len(projects) else None)
        if whole:
            tctx = TableContext(table=table, projects=LazyContexts(table, profile, self.active), profile=profile,
                                config=self.config, scores=self.scores)
            for rule in whole:
                for hit in rule.check(tctx):
                    project = hit.at.project if isinstance(hit.at, IndicatorFacts) else hit.at_project
                    owner = id(project) if project else (id(hit.at_unit) if hit.at_unit else None)
                    table_hits.setdefault(owner, []).append((rule, hit))
            del tctx
        issues: list[Issue] = []
        self._emit_row(issues, None, problems_by, table_hits)
        yield from issues
        # Each project's facts (and the table rules' hits on them) are let go once its findings
        # are out: a streaming writer then holds one project's, not the whole table's.
        del projects
        for unit in table.units:
            issues = []
            self._emit_row(issues, unit, problems_by, table_hits)
            yield from issues
            for project in unit.projects:
                found = self._project_issues(project_context(table, unit, project, profile, self.active),
                                             problems_by, table_hits)
                table_hits.pop(id(project), None)
                yield from found
                del found

    def run_department(self) -> list[Issue]:
        """A department-wide table: its problems, the D rules on its block, then each indicator's
        issues. Rules about a 项目 never run (rules/department.py); its indicators' facts are computed
        through a stand-in project that no issue names."""
        table, plan = self.table, self.table.plan
        assert plan is not None
        from perfgoals_xl.scoring import plan_project

        stand_in = plan_project(plan, table.department)
        stand_in.location = None  # no issue names the stand-in: block findings are placed by plan_location
        stand_in.field_locations = {}
        unit = FundUnit(name="", projects=[stand_in])
        ctx = project_context(table, unit, stand_in, self.config.profile, self.active)
        issues: list[Issue] = []
        for problem in table.problems:
            issue = self.problem_issue(problem, None, None)
            if issue is not None:
                issues.append(issue)
        for rule in self.department_rules:
            issues.extend(filter(None, (self._plan_issue(rule, hit, None)
                                        for hit in rule.check(DepartmentContext(table, plan, ctx)))))
        placed: dict[int, list[Issue]] = {}
        listed = listed_under_levels(plan)  # (the 2015 申报表: no level 2 and no value to ask)
        hits = [(rule, hit) for rule in self.project_rules if rule.code in PLAN_PROJECT_RULES
                for hit in rule.check(ctx) if plan_hit_applies(rule.code, hit.field, listed=listed)]
        if self.table_rules:
            shadow = PerfTable(department=table.department, unit=table.unit, units=[unit])  # the table rules' view
            tctx = TableContext(table=shadow, projects=[ctx], profile=self.config.profile, config=self.config)
            hits += [(rule, hit) for rule in self.table_rules if rule.code not in NOT_FOR_DEPARTMENT
                     for hit in rule.check(tctx)]
        for rule, hit in hits:
            at = hit.at if isinstance(hit.at, IndicatorFacts) else None
            issue = self._plan_issue(rule, hit, at.ind if at else None)
            if issue is not None:  # (by indicator: a table rule's facts may be made apart from ctx's)
                (placed.setdefault(id(at.ind), []) if at else issues).append(issue)
        for facts in ctx.facts:
            issues.extend(placed.get(id(facts.ind), ()))
            for rule in self.rules_for(facts.traits):
                if rule.code in NOT_FOR_DEPARTMENT or not rule_applies(rule.code, facts.ind, listed=listed):
                    continue
                for hit in rule.check(facts, ctx):
                    at = hit.at if isinstance(hit.at, IndicatorFacts) else facts
                    issue = self._plan_issue(rule, hit, at.ind)
                    if issue is not None:
                        issues.append(issue)
        return issues

    def _plan_issue(self, rule: Rule, hit: Hit, ind: Indicator | None) -> Issue | None:
        """An issue of a department-wide table: no unit, no project; a finding whose message speaks
        of a 项目 (a D rule's aside) is none of its business (None). Block fields are located in the plan's cells."""
        if not hit.variant and "department" in rule.messages:
            hit.variant = "department"
        elif hit.variant and f"department_{hit.variant}" in rule.messages:
            hit.variant = f"department_{hit.variant}"
        if rule.scope != "department" and "项目" in rule.messages.get(hit.variant, rule.messages[""]):
            return None  # (a D rule's own message may well name 项目支出)
        table = self.table
        if ind is not None:
            return self.issue(rule, hit, None, None, ind)
        field, loc = plan_location(table.plan, hit.field) if table.plan is not None else (hit.field, None)
        hit.field = field
        issue = self.issue(rule, hit, None, None, None)
        loc = loc or table.location
        if isinstance(loc, Location):
            issue.location = IssueLocation(loc.file or table.source, None, None, None, None, field,
                                           loc.sheet, loc.cell, (), loc.line)
            if self.config.accept:
                accepted = self.config.accepted(issue)
                issue.suppressed = accepted is not None
                issue.suppress_reason = accepted.reason if accepted else None
        return issue

    def _emit_row(self, issues: list[Issue], unit: FundUnit | None, problems_by: dict, table_hits: dict) -> None:
        owner = id(unit) if unit else None
        for problem, p_unit, project in problems_by.get(owner, ()):
            issue = self.problem_issue(problem, p_unit, project)
            if issue is not None:
                issues.append(issue)
        for rule, hit in table_hits.get(owner, ()):
            issues.append(self.issue(rule, hit, hit.at_unit, None, None))

    def _project_issues(self, ctx: ProjectContext, problems_by: dict, table_hits: dict) -> list[Issue]:
        """A project's issues: project-level first, then each indicator's, in item order."""
        owner = id(ctx.project)
        head: list[Issue] = []
        placed: list[tuple[IndicatorFacts, Issue]] = []  # project/table hits on one indicator
        for problem, unit, project in problems_by.get(owner, ()):
            issue = self.problem_issue(problem, unit, project)
            if issue is not None:
                head.append(issue)
        project_hits = self._table_hits(ctx, table_hits.get(owner, []))
        for rule in self.project_rules:
            for hit in rule.check(ctx):
                project_hits.append((rule, hit))
        for rule, hit in project_hits:
            issue = self.from_hit(rule, hit, ctx)
            if isinstance(hit.at, IndicatorFacts):
                placed.append((hit.at, issue))
            else:
                head.append(issue)
        # by indicator: a whole-table rule's hit names the facts it was given, made apart from ctx's
        by_indicator: dict[int, list[Issue]] = {}
        for facts, issue in placed:
            by_indicator.setdefault(id(facts.ind), []).append(issue)
        out = head
        by_traits = self._by_traits
        for facts in ctx.facts:
            if by_indicator:
                out.extend(by_indicator.get(id(facts.ind), ()))
            rules = by_traits.get(facts.traits) or self.rules_for(facts.traits)
            for rule in rules:
                for hit in rule.check(facts, ctx):
                    out.append(self.from_hit(rule, hit, ctx, facts))
        return out

    def _table_hits(self, ctx: ProjectContext, whole: list[tuple[Rule, Hit]]) -> list[tuple[Rule, Hit]]:
        """The table rules' hits on a project, in rule order: those of the whole-table rules
        (``whole``, already found) and those of the rules of one project at a time, run now on a
        table context of this project alone (its score the caller's, as the whole table's would be)."""
        if all(not rule.per_project for rule in self.table_rules):
            return list(whole)
        scores = self._scores_of
        score = scores.get(id(ctx.project)) if scores is not None else None
        if score is None and self.score_of is not None:
            score = self.score_of(ctx.project, ctx.unit)
        if self._has_actuals is None:
            from perfgoals_xl.scoring import has_actuals

            self._has_actuals = has_actuals(self.table)
        window = TableContext(table=self.table, projects=[ctx], profile=ctx.profile, config=self.config,
                              scores=None if score is None else [score], table_has_actuals=self._has_actuals)
        out: list[tuple[Rule, Hit]] = []
        for rule in self.table_rules:
            if rule.per_project:
                out.extend((rule, hit) for hit in rule.check(window))
            else:
                out.extend(pair for pair in whole if pair[0] is rule)
        return out

    def _owner(self, problem: Problem) -> tuple[FundUnit | None, Project | None]:
        """The unit / project a source problem names (by name; the line disambiguates units)."""
        name = problem.project
        if not name or name == "合计":
            return None, None
        if self._owners is None:
            self._owners = _owner_index(self.table)
        units, projects = self._owners
        line = problem.location.line if problem.location else None
        for unit in units.get(name, ()):
            if line is None or unit.location is None or unit.location.line == line:
                return unit, None
        return projects.get(name, (None, None))


def _owner_index(table: PerfTable) -> tuple[dict[str, list[FundUnit]], dict[str, tuple[FundUnit, Project]]]:
    """Units by name (all of them) and projects by name (the first), built once per check."""
    units: dict[str, list[FundUnit]] = {}
    projects: dict[str, tuple[FundUnit, Project]] = {}
    for unit in table.units:
        units.setdefault(unit.name, []).append(unit)
        for project in unit.projects:
            projects.setdefault(project.name, (unit, project))
    return units, projects


def _unknown_problem_rule(code: str) -> Rule:
    """A stand-in for a problem code no rule owns: reported as a warning, never dropped."""
    return Rule(
        code=PREFIX + code, slug="source_problem", severity="warning", scope="problems",
        messages={"": "{message}"}, hint="核对原表该处内容。",
        doc=Doc(what="读取器记录的问题。", why="", bad="", good="", basis=""),
        check=None, from_problems=True,
    )


def check_table(table: PerfTable, config: Config | None = None, *, scores: list[Any] | None = None,
                score_of: Callable[[Project, FundUnit], Any] | None = None) -> list[Issue]:
    """Check one table against every enabled rule; issues in table order.

    scores: the table's self-evaluation scores when the caller has them already
    (``scoring.score_table(table, config.scoring_profile())``, e.g. ``perfgoals score``): the
    self-evaluation rules take them instead of scoring every project again (same findings;
    scores of other projects or in another order are ignored and the rules score themselves).
    score_of: instead, a function giving a project's score (``scoring.score_project(project,
    config.scoring_profile(), unit)`` or the same kept) when the rules of one project at a time reach
    it — once each, in table order, when the self-evaluation rules are enabled (``perfgoals score``
    keeps each score's summary so and scores no project for the check alone).

    The cyclic garbage collector is paused during the pass (and restored after): the
    pass allocates many small objects that form no cycles, and with a large table in
    memory every collection would re-scan the whole table — about a quarter of the
    checking time at 80,000 indicators (benchmarks/bench_check.py).
    """
    with gc_paused():
        return _Run(table, config or Config(), scores, score_of).run()


def iter_check(table: PerfTable, config: Config | None = None, *,
               scores: list[Any] | None = None,
               score_of: Callable[[Project, FundUnit], Any] | None = None) -> Iterator[Issue]:
    """check_table's issues one project at a time, for a writer that streams them (``perfgoals
    check``, the 问题清单 of ``perfgoals score``): the findings of a large table are never all in
    memory. The collector stays paused until the last issue is taken (or the iterator is
    closed). scores, score_of: as check_table's."""
    with gc_paused():
        yield from _Run(table, config or Config(), scores, score_of).iter_run()


def check_tables(tables: list[PerfTable], config: Config | None = None) -> list[Issue]:
    """Check several tables with one configuration."""
    issues: list[Issue] = []
    for table in tables:
        issues.extend(check_table(table, config))
    return issues

