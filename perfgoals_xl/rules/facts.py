"""Facts computed once per indicator and project, shared by every rule (one pass, linear).

Levels are resolved with the framework (name first, code as confirmation); names
and values get comparison keys (width folded, spaces removed, a trailing 。
ignored), so that each rule only reads prepared facts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, overload

from perfgoals_xl import framework
from perfgoals_xl.caches import file_cache
from perfgoals_xl.model import (
    FundUnit,
    Indicator,
    PerfTable,
    Project,
    Spelling,
    Value,
    scoring_sheet,
)

_SPACES = re.compile(r"\s+")


def budget_gated(project: Project) -> bool:
    """Is the project's 总计 a budget to be arranged (PG-A04 “无目标不安排预算”)? Funded (总计 > 0) and not
    a year-end 自评表's, whose 总计 is the year's budget already spent (年初/全年预算数 printed): there a
    missing goal or indicator is said by PG-C01 … PG-C07."""
    total = project.amounts.total
    return (total is not None and total > 0
            and project.budget_initial is None and project.budget_adjusted is None)


#: A budget year as titles and project names print it (2017年度…, 2021年农村饮水…).
_YEAR = re.compile(r"(20\d\d)\s{0,2}年")
#: Names of a rate (比率): 率 at the end, or 比例 / 比率 / 占比 / 百分比 anywhere.
_RATE = re.compile(r"(?:率|比例|比率|占比|百分比|百分率)$|比例|占比")
#: 率 words that are not a percentage (频率 is counted, 效率/功率/速率 are measured).
_NOT_RATE = re.compile(r"(?:频率|功率|速率|效率|汇率|利率)$")


#: Traits of an indicator that rules can be gated on (a rule declares the traits it can fire
#: on; the engine runs it only for indicators that have one of them). One bit each.
TRAITS: dict[str, int] = {name: 1 << n for n, name in enumerate((
    "levels",  # level-1 / level-2 not resolved, or codes and names disagree
    "number", "percent", "qualitative",  # a value of this kind
    "numeric_pair",  # both values number/percent and not the same text
    "differ",  # the two values are not the same text
    "rate",  # the name is a rate (…率, 比例)
    "satisfaction",  # the name has 满意, or filed under level-1 满意度
    "time",  # 时效指标, or a time-like name (时间, 日期, 时限 …)
    "11", "13", "cost",  # level-2 数量 / 时效; a cost indicator (14, or level-1 4)
    "suspect",  # text S06 / S09 may report: placeholders, empty parts, artefacts, odd spelling
))}
_ALL_TRAITS = sum(TRAITS.values())
TIME_NAME = re.compile(r"时间|日期|时限|期限|截止|节点|完成时|开工|竣工|交付|验收时")
#: Text patterns shared by the rules (S06, S09) and the "suspect" trait.
PLACEHOLDER = re.compile(r"(?i)x{2,}|×{2,}|\*{2,}|＊{2,}|…|\.{3}|示例|例如|请填写|待定|待填|[（(]?略[)）]?$")
PLACEHOLDER_NAME = re.compile(r"^(?:三级指标|指标名称|指标内容|指标|指标\d+|\d+)$")
WIDE_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]")
SPACE_IN_NUMBER = re.compile(r"\d[ \t\u3000\u00a0]+[\d.％%]|\d[.．][ \t\u3000]+\d")
EMPTY_KEYS = frozenset({"", "/", "-", "—", "——", "无", "--"})
_SUSPECT = re.compile(
    "|".join(p.pattern.removeprefix("(?i)") for p in (PLACEHOLDER, WIDE_ALNUM, SPACE_IN_NUMBER))
    + r"|\r", re.I,
)
_DEFAULT_SPELLING_FIELDS = vars(Spelling())


_KIND_TRAITS = {"number": TRAITS["number"], "percent": TRAITS["percent"],
                "qualitative": TRAITS["qualitative"]}
_NUMERIC_KINDS = ("number", "percent")
_CODE_TRAITS = {"11": TRAITS["11"], "13": TRAITS["13"] | TRAITS["time"], "14": TRAITS["cost"],
                "41": TRAITS["cost"], "42": TRAITS["cost"], "43": TRAITS["cost"]}


def trait_mask(names: tuple[str, ...]) -> int:
    """The bit mask of trait names (0 for none: the rule runs for every indicator)."""
    return sum(TRAITS[n] for n in names)


@file_cache(65536)
def key(text: str | None) -> str:
    """Comparison key: NFKC width folding, no whitespace, no trailing 。/."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    folded = _SPACES.sub("", folded)
    return folded.rstrip("。.")


#: A trailing bracketed unit or percent sign of a name: 验收合格率（%）, 验收合格率(%), …率%.
_TRAILING_UNIT = re.compile(r"(?:[（(][^（）()]{0,8}[）)]|[%％])$")


def base_name(name: str) -> str:
    """The name without a trailing bracketed unit or % (验收合格率（%） → 验收合格率).

    Peeled off from the end one piece at a time (each a bounded match on the last 10
    characters), so a long run of such pieces costs linear time.
    """
    end = len(name)
    while end and (m := _TRAILING_UNIT.search(name, max(0, end - 10), end)):
        end = m.start()
    return name[:end] or name


@file_cache(65536)
def is_rate_name(name: str) -> bool:
    """Is this indicator name a rate (…率, …比例, also 验收合格率（%）), which implies a percentage?"""
    name = base_name(name)
    return bool(_RATE.search(name)) and not _NOT_RATE.search(name)


@file_cache(65536)
def _name_traits(name: str) -> int:
    """Traits that depend on the name only: rate, satisfaction (满意), time-like."""
    mask = TRAITS["rate"] if is_rate_name(name) else 0
    if "满意" in name:
        mask |= TRAITS["satisfaction"]
    if TIME_NAME.search(name):
        mask |= TRAITS["time"]
    if PLACEHOLDER_NAME.match(name):
        mask |= TRAITS["suspect"]
    return mask


#: A count written in Chinese numerals: the numerals before a measure word (十二次, 三百公里, 两场, 一年) or
#: after 百分之 (百分之九十五) — not a numeral inside a word (统一, 一般, 进一步).
_CHINESE_COUNT = re.compile(
    r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]{1,12}"
    r"(?=[个次件人项份篇所辆台套户场期批座棵株家名条部本册张只头间栋处宗笔类种门艘架节天日周月年季小时分钟公里千米米亩吨元倍轮]"
    r"|万元|余|多)|百分之[零〇一二两三四五六七八九十百点]{1,8}")


def has_number(value: Value) -> bool:
    """Does the value carry a number (a count, a %, a digit inside its text, or a count in Chinese
    numerals: 十二次, 三百公里, 百分之九十五)?"""
    if value.number is not None or value.kind in ("number", "percent"):
        return True
    return any(ch.isdigit() for ch in value.raw) or _CHINESE_COUNT.search(value.raw[:200]) is not None


class IndicatorFacts:
    """An indicator with its resolved levels and comparison keys (computed once).

    name: comparison key of the name; l1/l2: levels resolved by name (code when the name
    is empty); l1_code/l2_code: their codes; period_key/annual_key: comparison keys of the
    values; same_values: the two values are the same text (trailing 。 ignored);
    values: what value rules judge — one entry ``values`` when both are the same text,
    else ``period_value`` and ``annual_value``; text: name and both raw values, one per line.
    """

    __slots__ = ("annual_key", "ind", "is_rate", "l1", "l1_code", "l2", "l2_code", "name",
                 "period_key", "project", "same_values", "traits", "unit", "values")

    def __init__(self, ind: Indicator, project: Project, unit: FundUnit, name: str,
                 l1: framework.Level1 | None, l2: framework.Level2 | None, levels_ok: bool) -> None:
        self.ind = ind
        self.project = project
        self.unit = unit
        self.name = name
        self.l1 = l1
        self.l2 = l2
        self.l1_code = l1.code if l1 else None
        self.l2_code = l2.code if l2 else None
        pv, av = ind.period_value, ind.annual_value
        self.period_key = key(pv.raw)
        self.annual_key = self.period_key if av is pv or av.raw == pv.raw else key(av.raw)
        self.same_values = self.period_key == self.annual_key
        self.values: tuple[tuple[str, Value], ...] = (
            (("values", pv),) if self.same_values else (("period_value", pv), ("annual_value", av))
        )
        self.is_rate = is_rate_name(name)
        self.traits = _ALL_TRAITS if self.l2_code is None else self._traits(levels_ok)

    @property
    def text(self) -> str:
        """Name and both raw values, one per line (made when asked: the facts of every indicator of
        a table are alive during a check, and few rules read this)."""
        ind = self.ind
        return f"{ind.name or ''}\n{ind.period_value.raw}\n{ind.annual_value.raw}"

    def _traits(self, levels_ok: bool) -> int:
        t = TRAITS
        pk, ak = self.ind.period_value.kind, self.ind.annual_value.kind
        mask = _name_traits(self.name) | _KIND_TRAITS.get(pk, 0) | _KIND_TRAITS.get(ak, 0)
        if not levels_ok:
            mask |= t["levels"]
        if not self.same_values:
            mask |= t["differ"]
            if pk in _NUMERIC_KINDS and ak in _NUMERIC_KINDS:
                mask |= t["numeric_pair"]
        if self.l1_code == "3":
            mask |= t["satisfaction"]
        spelling = self.ind.spelling
        if (
            pk == "empty" or ak == "empty" or self.name in EMPTY_KEYS or _SUSPECT.search(text := self.text)
            or text.count("\n") > 2
            or (spelling is not None and vars(spelling) != _DEFAULT_SPELLING_FIELDS)
        ):
            mask |= t["suspect"]
        return mask | _CODE_TRAITS.get(self.l2_code, 0) | (t["cost"] if self.l1_code == "4" else 0)

    @property
    def is_satisfaction(self) -> bool:
        """Filed under 满意度 (level-1 3), or named …满意…."""
        return self.l1_code == "3" or "满意" in self.name

    @property
    def is_cost(self) -> bool:
        """A 成本指标: level-2 14 under 产出, or level-1 4 (2021 regime)."""
        return self.l2_code == "14" or self.l1_code == "4"


@lru_cache(maxsize=4096)
def resolve_levels(
    l1_code: str | None, l1_name: str, l2_code: str | None, l2_name: str
) -> tuple[framework.Level1 | None, framework.Level2 | None, bool]:
    """Level-1 and level-2 classes as written (name first, code as fallback), and whether
    everything agrees (both known, level-2 under level-1, written codes match); cached."""
    l1 = framework.resolve_level1(l1_code, l1_name)
    l2 = framework.resolve_level2(l2_code, l2_name, l1.code if l1 else None)
    ok = (
        l1 is not None and l2 is not None and l2.parent == l1.code
        and (not l1_code or not l1_name.strip() or framework.level1_by_code(l1_code) is l1)
        and (not l2_code or not l2_name.strip() or framework.level2_by_code(l2_code) is l2)
        and bool(l1_name.strip() or l1_code) and bool(l2_name.strip() or l2_code)
        and not framework.compound_level2(l2_name)  # an older compound name: PG-S04 says it (warning)
    )
    return l1, l2, ok


def indicator_facts(ind: Indicator, project: Project, unit: FundUnit) -> IndicatorFacts:
    """Resolve levels and compute keys for one indicator."""
    l1, l2, ok = resolve_levels(ind.level1_code, ind.level1 or "", ind.level2_code, ind.level2 or "")
    return IndicatorFacts(ind, project, unit, key(ind.name), l1, l2, ok)


@dataclass
class ProjectContext:
    """One project, its indicators' facts and what the rules need to know about the table."""

    table: PerfTable
    unit: FundUnit
    project: Project
    facts: list[IndicatorFacts]
    profile: str
    l1_codes: set[str] = field(default_factory=set)
    l2_codes: set[str] = field(default_factory=set)
    #: codes of the enabled rules ("PG-A04"); None: every rule (a rule defers to another
    #: only when that one is enabled, so a finding never vanishes with the rule it defers to)
    active: frozenset[str] | None = None
    _goal_key: str | None = None
    _levels_given: bool | None = None
    _level2_given: bool | None = None
    _scoring_sheet: bool | None = None
    _budget_year: int | None = None

    def enabled(self, short: str) -> bool:
        """Is the rule with this code (A04 or PG-A04) enabled in this run?"""
        return self.active is None or (short if short.startswith("PG-") else "PG-" + short) in self.active

    @property
    def goal_key(self) -> str:
        """Comparison key of the 绩效目标 (computed when a rule first needs it)."""
        if self._goal_key is None:
            self._goal_key = key(self.project.goal)
        return self._goal_key

    @property
    def layout(self) -> str | None:
        """The source layout of the table (published_text, longform, …)."""
        return self.table.layout

    @property
    def levels_given(self) -> bool:
        """Does any indicator of the project carry a level (一级 / 二级 name or code)? A project whose
        indicators carry none comes from a table printing no level columns (some budget systems print
        only the indicator's name): its classes (产出, 效益 …) cannot be judged, and a blank level is
        then no gap of one row."""
        if self._levels_given is None:
            self._levels_given = not self.facts or any(
                f.ind.level1 or f.ind.level1_code or f.ind.level2 or f.ind.level2_code for f in self.facts)
        return self._levels_given

    @property
    def level2_given(self) -> bool:
        """Does any indicator of the project carry a level-2 (name or code)? A project whose indicators carry
        level-1s and no level-2 at all comes from a grid printing no 二级指标 column (指标类别 | 指标名称 |
        目标值): a blank level-2 is then no gap of one row."""
        if self._level2_given is None:
            self._level2_given = not self.facts or any(f.ind.level2 or f.ind.level2_code for f in self.facts)
        return self._level2_given

    @property
    def scoring_sheet(self) -> bool:
        """Is the project an evaluation scoring sheet (``model.scoring_sheet``: 分值 | 评分标准 | 自评得分,
        no value column)? Its levels are the evaluation framework's (决策 / 过程 / 产出 / 效益, 规划 / 执行
        …), not the target framework's; it has no values to miss; its claims are the scores."""
        if self._scoring_sheet is None:
            self._scoring_sheet = scoring_sheet(self.project)
        return self._scoring_sheet

    @property
    def budget_year(self) -> int | None:
        """The budget year the table's title (else the project's name) prints (2017年度…), or None:
        which indicator framework the table was drawn up under (财预〔2021〕101号 from 2022 on)."""
        if self._budget_year is None:
            self._budget_year = budget_year(self.table.title, self.project.name) or 0
        return self._budget_year or None


def budget_year(*texts: str | None) -> int | None:
    """The first budget year (20xx年) printed in these texts, in order, or None."""
    for text in texts:
        if text and (m := _YEAR.search(text[:200])):
            return int(m.group(1))
    return None


def project_context(table: PerfTable, unit: FundUnit, project: Project, profile: str,
                    active: frozenset[str] | None = None) -> ProjectContext:
    """Facts of every indicator of a project, and the level codes present; active: the
    codes of the enabled rules (None: all)."""
    facts = [indicator_facts(ind, project, unit) for ind in project.indicators]
    ctx = ProjectContext(table=table, unit=unit, project=project, facts=facts, profile=profile,
                         active=active)
    for f in facts:
        if f.l1_code:
            ctx.l1_codes.add(f.l1_code)
        elif (shifted := _level1_one_column_right(f.ind)) is not None:
            ctx.l1_codes.add(shifted)
        elif f.l2 is not None and not f.ind.level1_code:
            # 一级 printed blank or under a name of no framework level (项目完成指标 over 数量指标,
            # 项目效益指标 over 社会效益指标; PG-S03 says so): classed by its 二级
            ctx.l1_codes.add(f.l2.parent)
        if f.l2_code:
            ctx.l2_codes.add(f.l2_code)
    return ctx


def _level1_one_column_right(ind: Indicator) -> str | None:
    """An unknown level-1 over a level-2 that is a level-1 name (实施效果指标 › 产出指标 on the
    中央预算内投资计划绩效目标表): the class the indicator is of, one column right — for the
    completeness rules (PG-S03 / PG-S04 still say the printed levels are no framework names)."""
    above = framework.level2_by_name(ind.level2) if ind.level2 else None
    level1 = framework.level1_by_name(ind.level2) if ind.level2 else None
    return level1.code if level1 is not None and above is None else None


class LazyContexts(Sequence[ProjectContext]):
    """Every project's context in table order, each made as it is reached and not kept: a rule
    walking them holds one project's facts at a time, not the whole table's (each walk makes
    them anew; an item asked by index is made then)."""

    def __init__(self, table: PerfTable, profile: str, active: frozenset[str] | None = None) -> None:
        self.table = table
        self.profile = profile
        self.active = active
        self._owners = [(u, p) for u in table.units for p in u.projects]

    def __len__(self) -> int:
        return len(self._owners)

    @overload
    def __getitem__(self, index: int) -> ProjectContext: ...

    @overload
    def __getitem__(self, index: slice) -> list[ProjectContext]: ...

    def __getitem__(self, index: int | slice) -> ProjectContext | list[ProjectContext]:
        if isinstance(index, slice):
            return [self._make(u, p) for u, p in self._owners[index]]
        unit, project = self._owners[index]
        return self._make(unit, project)

    def __iter__(self) -> Iterator[ProjectContext]:
        for unit, project in self._owners:
            yield self._make(unit, project)

    def _make(self, unit: FundUnit, project: Project) -> ProjectContext:
        return project_context(self.table, unit, project, self.profile, self.active)


@dataclass
class TableContext:
    """The whole table with every project's context (for table-wide rules)."""

    table: PerfTable
    projects: Sequence[ProjectContext]  # a list, or LazyContexts (made as walked)
    profile: str
    config: Any = None  # the run's rules.Config (the self-evaluation rules read its [scoring])
    #: the caller's scores of these projects (scoring.score_table with the run's [scoring] profile),
    #: in table order, or None: the self-evaluation rules then score the projects themselves
    scores: Any = None
    #: whether the whole table carries self-evaluation data (scoring.has_actuals), when the caller
    #: knows: a context of one project (Rule.per_project) does not scan the table again
    table_has_actuals: bool | None = None
