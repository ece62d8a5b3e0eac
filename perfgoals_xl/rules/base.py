"""What a rule is: a code, a slug, a default severity, profiles, Chinese message and hint,
a documentation page, and one small check function.

A check function is written for one scope and yields :class:`Hit` objects (what was
found, and where inside its scope); the engine turns hits into
:class:`~perfgoals_xl.rules.issue.Issue` records. Messages and hints are templates
filled with the hit's ``args`` (the offending values).

Scopes:
- ``indicator``: ``check(facts, project_context)`` for every indicator;
- ``project``: ``check(project_context)`` for every project;
- ``table``: ``check(table_context)`` once; hits name their project/unit/indicator.
Rules with ``from_problems`` also report the problems a source recorded under their
code (``PerfTable.problems``), with the source's own message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from perfgoals_xl.rules.facts import trait_mask
from perfgoals_xl.text_clean import one_line

PREFIX = "PG-"
#: The two profiles: Guangzhou published layout, and MOF 财预〔2021〕101号 (成本指标 required).
PROFILES: dict[str, str] = {
    "gz": "广州公开版式（财政部门公开表格；不强制成本指标）",
    "mof2021": "财政部 财预〔2021〕101号 指引（要求设置成本指标）",
}
ALL_PROFILES: tuple[str, ...] = tuple(PROFILES)
FAMILIES: dict[str, str] = {
    "S": "结构与解析",
    "A": "金额",
    "C": "完整性",
    "Q": "细化量化与取值形式",
    "K": "一致性与相关性",
    "E": "绩效自评",
    "D": "部门整体支出",
}


@dataclass(frozen=True)
class Doc:
    """A rule's documentation page: 说明 / 为什么 / 错误示例 / 正确示例 / 依据 (+ 取舍)."""

    what: str  # 说明: exactly what is a violation
    why: str  # 为什么
    bad: str  # 错误示例
    good: str  # 正确示例
    basis: str  # 依据: the source document
    choices: str = ""  # 取舍: where the definition left a choice, what was chosen


class Hit:
    """One finding inside a check's scope (turned into an Issue by the engine)."""

    __slots__ = ("args", "at", "at_project", "at_unit", "field", "severity", "variant")

    def __init__(
        self,
        field: str | None = None,
        variant: str = "",
        severity: str | None = None,
        *,
        at: Any = None,
        at_project: Any = None,
        at_unit: Any = None,
        **args: Any,
    ) -> None:
        """field: what it points at; variant: which message; at/at_project/at_unit: where
        (an indicator's facts, a project, a fund unit) when the scope does not say it;
        args: the offending values for the message and hint templates."""
        self.field = field
        self.variant = variant
        self.severity = severity
        self.at = at
        self.at_project = at_project
        self.at_unit = at_unit
        self.args = args


@dataclass(frozen=True)
class Rule:
    """One rule of the catalog (bound to its code in registry.py)."""

    code: str  # "PG-Q03"
    slug: str
    severity: str
    scope: str  # indicator / project / table / problems
    messages: dict[str, str]  # variant → template ("" is the main message)
    hint: str
    doc: Doc
    check: Callable[..., Iterable[Hit]] | None
    profiles: tuple[str, ...] = ALL_PROFILES
    severity_by_profile: dict[str, str] = field(default_factory=dict)
    variant_severity: dict[str, str] = field(default_factory=dict)
    from_problems: bool = False
    #: problem rules: a phrase of the recorded problem's message → the hint for that kind of
    #: note (the first match; ``hint`` otherwise), so a hint speaks of what the problem is about.
    problem_hints: tuple[tuple[str, str], ...] = ()
    #: indicator rules: the traits of an indicator the rule can fire on (facts.TRAITS, e.g.
    #: "percent", "11"); 0 = every indicator. A superset of the rule's own condition, so the
    #: engine can skip the rule for other indicators; unresolved levels get every rule.
    when: int = 0
    #: table rules whose hits on a project depend on that project alone (the self-evaluation
    #: rules): the engine runs them one project at a time, on a table context of that project,
    #: so a streamed check never holds every project's hits (rules/engine.py).
    per_project: bool = False

    @property
    def short(self) -> str:
        """The code without prefix: Q03."""
        return self.code[len(PREFIX):]

    @property
    def family(self) -> str:
        """S, A, C, Q or K."""
        return self.short[0]

    @property
    def summary(self) -> str:
        """One line for listings: the first sentence of 说明."""
        text = self.doc.what
        end = text.find("。")
        return text[: end + 1] if end >= 0 else text

    def severity_for(self, profile: str) -> str:
        """The default severity under a profile."""
        return self.severity_by_profile.get(profile, self.severity)

    def message(self, variant: str, args: dict[str, Any]) -> str:
        """The Chinese message of a hit, offending values filled in, on one line (a name printed over two
        lines of its cell — a PDF's wrap, a web page's <br> — quoted as one)."""
        return one_line(self.messages.get(variant, self.messages[""]).format_map(args))


def rule(
    code: str,
    slug: str,
    severity: str,
    *,
    scope: str,
    message: str | dict[str, str],
    hint: str,
    doc: Doc,
    profiles: tuple[str, ...] = ALL_PROFILES,
    severity_by_profile: dict[str, str] | None = None,
    variant_severity: dict[str, str] | None = None,
    from_problems: bool = False,
    when: tuple[str, ...] = (),
    per_project: bool = False,
) -> Callable[[Callable[..., Iterable[Hit]]], Rule]:
    """Decorator: make a check function into a :class:`Rule` declaring everything about it."""

    def wrap(check: Callable[..., Iterable[Hit]]) -> Rule:
        messages = {"": message} if isinstance(message, str) else dict(message)
        return Rule(
            code=PREFIX + code, slug=slug, severity=severity, scope=scope, messages=messages,
            hint=hint, doc=cited(doc, code), check=check, profiles=profiles,
            severity_by_profile=severity_by_profile or {},
            variant_severity=variant_severity or {}, from_problems=from_problems,
            when=trait_mask(when), per_project=per_project,
        )

    return wrap


def problems_only(
    code: str, slug: str, severity: str, *, hint: str, doc: Doc, message: str = "{message}",
    hints: tuple[tuple[str, str], ...] = (),
) -> Rule:
    """A rule whose findings are only problems recorded by a source (no model check); ``hints``
    (phrase of the problem's message → hint) pick the hint for each kind of problem."""
    return Rule(
        code=PREFIX + code, slug=slug, severity=severity, scope="problems",
        messages={"": message}, hint=hint, doc=cited(doc, code), check=None, from_problems=True,
        problem_hints=hints,
    )


#: Where every rule's sources are written out (documents, clauses, what each rule rests on).
SOURCES_DOC = "docs/sources.md"


def cited(doc: Doc, code: str) -> Doc:
    """The doc with its 依据 pointing at the rule's entry in docs/sources.md §4 (added once)."""
    pointer = f"{SOURCES_DOC} §4 {code}"
    if pointer in doc.basis:
        return doc
    basis = doc.basis.rstrip()
    return replace(doc, basis=f"{basis}{'' if basis.endswith('。') else '。'}详见 {pointer}。")
