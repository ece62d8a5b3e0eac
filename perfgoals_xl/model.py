"""The table model: plain dataclasses, no I/O.

PerfTable (项目支出绩效目标表) → FundUnit (资金使用单位) → Project (项目) → Indicator (绩效指标).
A department-wide table (部门整体支出绩效目标表, ``PerfTable.kind == "department"``) holds a
:class:`DepartmentPlan` instead: its key/value block, 年度主要任务 and its own indicators.

Every value keeps its raw text exactly as written *and* its parsed form, and every
element remembers where it came from (:class:`Location`). Locations, spellings and
source problems are not part of equality: two models are equal when they say the
same thing, wherever it was read from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from decimal import Decimal

#: Canonical operators of a parsed value (指标值的计算符号).
OPERATORS = ("≥", "≤", "=", ">", "<")

AMOUNT_FIELDS = ("total", "fiscal", "special", "other")
#: Chinese column names of the amount fields (总计 = 财政拨款 + 财政专户拨款 + 其他资金).
AMOUNT_LABELS = {"total": "总计", "fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金"}
#: Kinds of table (``PerfTable.kind``): project tables and department-wide tables.
TABLE_KINDS = ("project", "department")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was read: a text file line, or a sheet cell (1-based line)."""

    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = [self.file or "<输入>"]
        if self.sheet:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        elif self.line is not None:
            parts.append(f"第{self.line}行")
        return ":".join(parts)


class CellLocations(MutableMapping[str, Location]):
    """``field_locations`` of a row read from a sheet, kept compact: one row and its columns.

    A reader of a million-row sheet would otherwise keep a dict of a handful of
    :class:`Location` objects per indicator (about 1 KB). This mapping keeps the row, a
    tuple ``(key, column, key, column, …)`` that the reader shares between rows with the
    same columns, and the reader's ``resolve(row, column) -> Location`` (which must not hold
    the sheet's cells); a Location is made when a key is read. Behaves as a
    ``dict[str, Location]``: assigned Locations are kept as given and win over the columns.
    """

    __slots__ = ("_assigned", "_columns", "_resolve", "_row")

    def __init__(self, resolve: Callable[[int, int], Location], row: int,
                 columns: tuple[str | int, ...] = (), assigned: dict[str, Location] | None = None) -> None:
        self._resolve, self._row, self._columns = resolve, row, columns
        self._assigned = assigned or None

    def _column(self, key: str) -> int | None:
        cols = self._columns
        for i in range(0, len(cols), 2):
            if cols[i] == key:
                return cols[i + 1]  # type: ignore[return-value]
        return None

    def __getitem__(self, key: str) -> Location:
        if self._assigned and key in self._assigned:
            return self._assigned[key]
        col = self._column(key)
        if col is None:
            raise KeyError(key)
        return self._resolve(self._row, col)

    def __setitem__(self, key: str, value: Location) -> None:
        if self._assigned is None:
            self._assigned = {}
        self._assigned[key] = value

    @property
    def row(self) -> int:
        """The row (the reader's 0-based grid row) these locations are on."""
        return self._row

    def set_column(self, key: str, column: int,
                   shared: dict[tuple[str | int, ...], tuple[str | int, ...]] | None = None) -> None:
        """Locate ``key`` at this row's ``column`` (its Location made when read, as the other
        columns'), replacing what it had; ``shared`` interns the new column tuple (one per shape)."""
        if self._assigned and key in self._assigned:
            del self._assigned[key]
        cols = self._columns
        if self._column(key) is not None:
            cols = tuple(x for i in range(0, len(cols), 2) if cols[i] != key for x in cols[i: i + 2])
        cols = (*cols, key, column)
        self._columns = cols if shared is None else shared.setdefault(cols, cols)

    def __delitem__(self, key: str) -> None:
        found = False
        if self._assigned and key in self._assigned:
            del self._assigned[key]
            found = True
        if self._column(key) is not None:
            cols = self._columns
            self._columns = tuple(x for i in range(0, len(cols), 2) if cols[i] != key for x in cols[i: i + 2])
            found = True
        if not found:
            raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        assigned = self._assigned or {}
        cols = self._columns
        for i in range(0, len(cols), 2):
            if cols[i] not in assigned:
                yield cols[i]  # type: ignore[misc]
        yield from assigned

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        return bool(self._columns or self._assigned)  # without counting (len walks every key)

    def __contains__(self, key: object) -> bool:
        return bool(self._assigned and key in self._assigned) or self._column(key) is not None  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@dataclass(frozen=True, slots=True)
class Value:
    """An indicator value (指标值): the raw text and its parsed parts.

    kind is one of: empty, number, percent, deadline, period, date, qualitative.
    operator is canonical (≥ ≤ = > <) with operator_text as written (大于等于, 以上 …).
    Immutable: values are parsed once and shared (perfgoals_xl.values.parse_value caches).
    """

    raw: str
    kind: str = "empty"
    operator: str | None = None
    operator_text: str | None = None
    number: float | None = None
    number_text: str | None = None
    unit: str | None = None
    text: str | None = None

    def __str__(self) -> str:
        return self.raw


@dataclass(slots=True)
class Problem:
    """Something a source or the grammar could not read cleanly (reported as an issue later)."""

    code: str  # rule code without prefix, e.g. "S01"
    message: str  # Chinese
    location: Location | None = None
    raw: str | None = None
    offset: int | None = None  # character offset inside the raw cell text
    project: str | None = None
    seq: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class Spelling:
    """How an indicator item was written, so that composing reproduces it byte for byte.

    Default values are the official spelling
    ``N、C-L1；C-L2；name；实施周期指标值:v；年度指标值:v。``.
    """

    lead: str = ""
    seq_sep: str = "、"
    l1_dash: str = "-"
    sep1: str = "；"
    l2_dash: str = "-"
    sep2: str = "；"
    sep3: str = "；"
    period_label: str = "实施周期指标值:"
    sep4: str = "；"
    annual_label: str = "年度指标值:"
    end: str = "。"


@dataclass(slots=True)
class Indicator:
    """One indicator (绩效指标): level-1 (一级), level-2 (二级), name (三级) and two values."""

    seq: int | None
    level1_code: str | None
    level1: str
    level2_code: str | None
    level2: str
    name: str
    period_value: Value  # 实施周期指标值
    annual_value: Value  # 年度指标值
    weight: float | None = None  # 权重 / 分值
    direction: str | None = None  # 指标方向性: 正向 / 反向
    nature: str | None = None  # 指标性质: 定量 / 定性, as written
    #: Year-end self-evaluation (绩效自评): 实际完成值, the 得分 a table claims, 偏差原因分析及改进措施.
    actual_value: Value | None = None
    score: float | None = None
    deviation_reason: str | None = None
    #: The weight (分值) printed in the indicator's level labels (``产出指标(50分)``): of its
    #: 一级指标 and of its 二级指标, as the table prints them; None when it prints none.
    level1_weight: float | None = None
    level2_weight: float | None = None
    #: Columns or fields a reader did not know, kept by their header text (never dropped).
    extras: dict[str, str] = field(default_factory=dict)
    location: Location | None = field(default=None, compare=False)
    #: Where each field was read; a dict, or a compact CellLocations (same mapping API).
    field_locations: MutableMapping[str, Location] = field(default_factory=dict, compare=False)
    spelling: Spelling | None = field(default=None, compare=False)
    #: Its target cells are blank right under a target of the same group in a file that records no merged
    #: cells (a CSV, a table pasted as text): maybe one cell merged over both rows whose merge was lost,
    #: maybe a target left out — a reader cannot tell, and says so.
    value_maybe_shared: bool = field(default=False, compare=False)


@dataclass(slots=True)
class Amounts:
    """Amounts in 万元: 总计 = 财政拨款 + 财政专户拨款 + 其他资金. None means blank.

    assumed lists the columns a source had to guess (e.g. published text where an
    empty column vanished); it is reported as an issue, never silently.
    """

    total: Decimal | None = None
    fiscal: Decimal | None = None
    special: Decimal | None = None
    other: Decimal | None = None
    assumed: tuple[str, ...] = field(default=(), compare=False)

    def get(self, name: str) -> Decimal | None:
        """The amount of one field (total, fiscal, special, other)."""
        return getattr(self, name)

    def parts_sum(self) -> Decimal:
        """财政拨款 + 财政专户拨款 + 其他资金, blanks as 0."""
        return sum((self.get(n) or Decimal(0) for n in AMOUNT_FIELDS[1:]), Decimal(0))


@dataclass(slots=True)
class Project:
    """A project row (项目) with its 绩效目标 and indicators."""

    name: str
    amounts: Amounts = field(default_factory=Amounts)
    goal: str = ""  # 年度绩效目标
    indicators: list[Indicator] = field(default_factory=list)
    code: str | None = None  # 项目编码 / 项目代码
    department: str | None = None  # 主管部门 (e.g. "某区教育局"), when a form names it per project
    department_code: str | None = None  # 主管部门代码 (e.g. "015001")
    implementer: str | None = None  # 实施单位
    category: str | None = None  # 项目属性 / 项目类别
    term: str | None = None  # 项目期 / 项目起止时间 / 项目支出实施期, as written
    period_goal: str | None = None  # 中期目标 / 实施期绩效目标 (beside the annual goal)
    #: Year-end self-evaluation (绩效自评), amounts in the table's unit:
    #: 年初预算数, 全年预算数 (调整后), 全年执行数, and 年度目标实际完成情况.
    budget_initial: Decimal | None = None
    budget_adjusted: Decimal | None = None
    budget_executed: Decimal | None = None
    actual_summary: str | None = None
    #: The budget execution line of a 自评表 as printed: ``weight`` (its 分值), ``rate`` (执行率),
    #: ``score`` (its 得分), each only when printed; and the 总分 the table claims.
    budget_block: dict[str, str] = field(default_factory=dict)
    total_score: float | None = None
    #: False when the indicator grid prints no value column at all — no 指标值, no 实际完成值 (see
    #: :func:`scoring_sheet`): the values are not asked, never missing.
    values_printed: bool = True
    #: Fields a reader did not know, kept by their label text (never dropped).
    extras: dict[str, str] = field(default_factory=dict)
    indicators_raw: str | None = field(default=None, compare=False)
    location: Location | None = field(default=None, compare=False)
    field_locations: dict[str, Location] = field(default_factory=dict, compare=False)


def scoring_sheet(block: Project | DepartmentPlan) -> bool:
    """Is this an evaluation scoring sheet (绩效评价评分表, the 部门整体支出绩效评价 framework of
    决策 / 过程 / 产出 / 效益 or 规划 / 执行 / 效果 / 满意度)? Its grid prints no value column (no 指标值,
    no 实际完成值) and claims 得分: each row is a criterion of the evaluation framework with its 分值,
    its explanation and scoring rule (指标解释, 评分标准 …) and the score claimed — no target to
    miss, no actual to recompute from; the claim is the score."""
    return not block.values_printed and any(i.score is not None for i in block.indicators)


@dataclass(slots=True)
class FundUnit:
    """A fund-using unit (资金使用单位) and its projects."""

    name: str
    amounts: Amounts = field(default_factory=Amounts)
    projects: list[Project] = field(default_factory=list)
    code: str | None = None  # 单位编码 (budget codes nest by prefix: 820 ⊃ 820001)
    location: Location | None = field(default=None, compare=False)


@dataclass(slots=True)
class DepartmentTask:
    """One 年度主要任务 of a department-wide table: 任务名称, 主要内容 and its 预算金额 (万元)."""

    name: str
    content: str = ""
    amounts: Amounts = field(default_factory=Amounts)
    #: Columns a reader did not know, kept by their header text.
    extras: dict[str, str] = field(default_factory=dict)
    location: Location | None = field(default=None, compare=False)
    field_locations: dict[str, Location] = field(default_factory=dict, compare=False)


@dataclass(slots=True)
class DepartmentPlan:
    """The department-wide block (部门整体支出绩效目标): who, how much, what for, and its indicators.

    amounts is 年度资金总额 with 其中 财政拨款 / 财政专户拨款 / 其他资金; ``basic`` and
    ``project`` the 基本支出 / 项目支出 split when the table prints one. Indicator columns
    the model has no field for (评(扣)分标准, 指标解释, 备注 …) stay in ``Indicator.extras``.
    """

    name: str = ""  # 部门（单位）名称
    code: str | None = None  # 部门编码
    contact: str | None = None  # 联系人
    phone: str | None = None  # 联系电话
    amounts: Amounts = field(default_factory=Amounts)  # 年度资金总额 and its sources
    basic: Decimal | None = None  # 其中：基本支出
    project: Decimal | None = None  # 其中：项目支出
    tasks: list[DepartmentTask] = field(default_factory=list)  # 年度主要任务
    goal: str = ""  # 年度绩效总目标 (目标1、目标2 … kept as written)
    indicators: list[Indicator] = field(default_factory=list)
    #: Year-end self-evaluation (部门整体支出绩效自评): 年初预算数, 全年预算数, 全年执行数
    #: and 年度总体目标实际完成情况.
    budget_initial: Decimal | None = None
    budget_adjusted: Decimal | None = None
    budget_executed: Decimal | None = None
    actual_summary: str | None = None
    #: The 自评 budget execution line as printed: ``weight`` (its 分值), ``rate`` (执行率) and
    #: ``score`` (its 得分), each only when printed.
    budget_block: dict[str, str] = field(default_factory=dict)
    total_score: float | None = None  # the 总分 a 自评表 claims, when printed
    #: False when the indicator grid prints no value column at all (see :func:`scoring_sheet`).
    values_printed: bool = True
    #: Fields a reader did not know, kept by their label text (never dropped).
    extras: dict[str, str] = field(default_factory=dict)
    location: Location | None = field(default=None, compare=False)
    field_locations: dict[str, Location] = field(default_factory=dict, compare=False)

    def is_selfeval(self) -> bool:
        """Does the plan carry year-end self-evaluation (执行数, 实际完成值, 得分)?"""
        return (self.budget_executed is not None or self.actual_summary is not None
                or any(i.actual_value is not None or i.score is not None for i in self.indicators))


@dataclass
class PerfTable:
    """A whole 项目支出绩效目标表（含转移支付项目）, or a department-wide table (kind "department")."""

    department: str = ""
    department_code: str | None = None  # 部门编码, when the table carries one
    #: Where the department name was read: "label" (部门名称：…), "title", "row" (the
    #: department's own total row), "form" (主管部门 of a form), or None (not read).
    department_source: str | None = field(default=None, compare=False)
    unit: str = "万元"
    #: 原表金额单位: the unit the source wrote its amounts in ("元", "千元") when the reader
    #: converted them to ``unit``; None when they are as written. Precision (分) is judged in it.
    source_unit: str | None = field(default=None, compare=False)
    title: str = "项目支出绩效目标表（含转移支付项目）"
    amounts: Amounts = field(default_factory=Amounts)  # 合计
    units: list[FundUnit] = field(default_factory=list)
    #: "project" (项目支出绩效目标表: units → projects) or "department" (部门整体支出绩效目标表:
    #: ``plan`` holds the block and its indicators; ``units`` is empty, unless the same file holds
    #: project tables too — a sheet each, or pasted under it: :meth:`projects_apart`).
    kind: str = "project"
    plan: DepartmentPlan | None = None
    source: str | None = field(default=None, compare=False)
    layout: str | None = field(default=None, compare=False)
    problems: list[Problem] = field(default_factory=list, compare=False)
    location: Location | None = field(default=None, compare=False)  # the title
    field_locations: dict[str, Location] = field(default_factory=dict, compare=False)  # "amounts": 合计
    #: Sign-off fields printed under the grid (填报人, 联系电话, 审核人, 填报日期, 单位盖章, 注 …)
    #: by their label: part of the table, never an indicator.
    footer: dict[str, str] = field(default_factory=dict)

    def projects(self) -> list[Project]:
        """All projects of all units, in table order."""
        return [p for u in self.units for p in u.projects]

    def indicators(self) -> list[tuple[FundUnit, Project, Indicator]]:
        """Every indicator with its unit and project, in table order (a department plan's are in ``plan``)."""
        return [(u, p, i) for u in self.units for p in u.projects for i in p.indicators]

    def projects_apart(self) -> PerfTable:
        """The project tables of a file that also holds a department-wide table, as a project table
        of their own (its units under the department their tables name, else this one's; no plan, no
        合计, no problems — the department table's keep them)."""
        named = {(p.department, p.department_code) for p in self.projects() if p.department}
        department, code = named.pop() if len(named) == 1 else (self.department, self.department_code)
        return PerfTable(department=department, department_code=code,
                         department_source=self.department_source, unit=self.unit, source_unit=self.source_unit,
                         units=self.units, source=self.source, layout=self.layout, footer=dict(self.footer))
