"""Worksheet functions (UDFs) of the template: ``=PG_PARSE(A2)`` and friends.

Excel calls them through VBA wrappers that the template builder generates with
xlwings' own generator (module ``xlwings_udfs``); the ``xlwings.conf`` sheet names
this module under ``UDF Modules``. Each function's docstring is its description
in Excel's Insert Function dialog (≤ 255 characters) and each argument has a
``doc``. The logic is pure Python in ``*_table``/``*_text`` helpers below the
functions, so it is tested without Excel.

Never an error value with a traceback: empty and bad input return a readable
Chinese message (a string in the calling cell), and an unexpected failure
returns ``错误：…``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import xlwings as xw

from perfgoals_xl.framework import LEVEL1, Level2, level2_by_code, resolve_level1, resolve_level2
from perfgoals_xl.grammar import compose, parse
from perfgoals_xl.model import Indicator
from perfgoals_xl.values import parse_value

CATEGORY = "绩效目标"

#: Header row of PG_PARSE (the long format's Chinese column names).
PARSE_HEADER = [
    "序号", "一级指标代码", "一级指标", "二级指标代码", "二级指标", "三级指标",
    "实施周期指标值", "年度指标值",
]
UNPARSED = "无法解析"
EMPTY_TEXT = "（空）请输入绩效指标文本"

_KIND_LABELS = {
    "deadline": "期限", "period": "时段", "date": "日期", "qualitative": "定性", "empty": "空值",
}


def _safe(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn any unexpected exception into a one-line Chinese message in the cell."""

    @functools.wraps(function)
    def wrapper(*args: Any) -> Any:
        try:
            return function(*args)
        except Exception as exc:  # noqa: BLE001 — a cell must never show a traceback
            return f"错误：{type(exc).__name__}: {exc}"[:255]

    return wrapper


def _text(value: Any) -> str:
    """A cell value as text: numbers without a spurious .0, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ------------------------------------------------------------------ functions

#: name → function, in definition order (the template builder reads this registry).
FUNCTIONS: dict[str, Callable[..., Any]] = {}


def _udf(**args: dict[str, Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a worksheet function: ``@xw.func`` + one ``@xw.arg`` per argument.

    The declaration is also kept on the function (``__pg_udf__``), because off
    Windows xlwings' decorators are no-ops: the template builder re-applies
    xlwings' own decorators from it to generate the VBA wrappers anywhere.
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        safe = _safe(function)
        safe.__pg_udf__ = {"category": CATEGORY, "args": args}  # type: ignore[attr-defined]
        decorated = safe
        for name, options in reversed(args.items()):
            decorated = xw.arg(name, **options)(decorated)
        decorated = xw.func(category=CATEGORY)(decorated)
        FUNCTIONS[function.__name__] = decorated
        return decorated

    return decorate


@_udf(text={"doc": "一个“绩效指标”单元格的文本，如 1、1-产出指标；11-数量指标；……"})
def PG_PARSE(text):  # noqa: N802 — Excel function names are upper case
    """把绩效指标文本拆成表格（带表头）：序号、一级/二级指标及代码、三级指标、实施周期指标值、年度指标值。"""
    return parse_table(_text(text))


@_udf(rows={"ndim": 2, "doc": "指标表格区域：PG_PARSE 的结果，或 一级指标、二级指标、三级指标、"
                              "实施周期指标值、年度指标值 五列（可带表头）"})
def PG_COMPOSE(rows):  # noqa: N802
    """由结构化的指标行生成规范的绩效指标文本（1、1-产出指标；11-数量指标；……。），序号从 1 起重排。"""
    return compose_rows(rows)


@_udf(text={"doc": "一个“绩效指标”单元格的文本"})
def PG_CHECK(text):  # noqa: N802
    """按校验规则检查一个绩效指标单元格，列出问题代码、级别和说明；没有问题时返回“未发现问题”。"""
    return check_table(_text(text))


@_udf(text={"doc": "一个指标值，如 ≥95%、不少于12次、10月底前"})
def PG_VALUE(text):  # noqa: N802
    """把指标值拆成 计算符号、数值、计量单位 三格（如 ≥95% → ≥ | 95 | %）；非数值的指标值返回其类型说明。"""
    return value_parts(_text(text))


@_udf(
    name_or_code={"doc": "二级指标名称或代码，如 数量指标、数量、11"},
    part={"doc": "可选：代码、名称 或 一级；省略时返回“代码-名称”，如 11-数量指标"},
)
def PG_LEVEL2(name_or_code, part=""):  # noqa: N802
    """查二级指标：按名称（优先）或代码返回规范的“代码-名称”，或其代码、名称、所属一级指标。"""
    return level2_text(_text(name_or_code), _text(part))


@_udf(
    target={"doc": "年度指标值，如 ≥95%、≤50万元、10月底前、符合"},
    actual={"doc": "实际完成值，如 96%、48万元、10月20日、部分达成；“不适用”不计分"},
    weight={"doc": "分值（权重），0–100 的数字"},
    direction={"doc": "可选：正向 或 反向；省略时按指标值的符号判断（≤、< 为反向）"},
)
def PG_SCORE(target, actual, weight, direction=""):  # noqa: N802
    """按绩效自评评分规则计算一条指标的得分：正向 实际/目标×分值，反向 目标/实际×分值，期限按迟延扣分，定性按档次；得 0 分时返回原因。"""
    return score_text(target, actual, weight, _text(direction))


@_udf(
    project={"doc": "项目名称，如 农村饮水安全巩固提升工程"},
    n={"doc": "可选：推荐条数，1–50，默认 10"},
)
def PG_SUGGEST(project, n=10):  # noqa: N802
    """推荐指标：按项目名称找指标库中相似的项目，返回它们常用的指标（一级、二级、三级指标、典型指标值、使用项目数、提示）。"""
    return suggest_table(_text(project), n)


# ------------------------------------------------------------- pure helpers


def _score_input(value: Any, percent: bool) -> str:
    """A target or actual cell as text; a bare number in a percent-formatted cell (0.96) as 96%."""
    if percent and isinstance(value, float) and not value.is_integer() and 0 <= value <= 1.5:
        return f"{value * 100:g}%"
    return _text(value)


def score_text(target: Any, actual: Any, weight: Any, direction: str = "") -> float | str:
    """PG_SCORE's result: the points (two decimals), or a readable message (0 with its reason)."""
    from perfgoals_xl.scoring import score_value

    target_text = _text(target)
    if not target_text:
        return "（空）请输入年度指标值"
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        try:
            weight = float(_text(weight).rstrip("分"))
        except ValueError:
            return f"分值应为 0–100 的数字，而不是：{_text(weight) or '（空）'}"[:255]
    if not 0 <= weight <= 100:
        return f"分值应为 0–100 的数字，而不是：{weight:g}"
    if direction not in ("", "正向", "反向"):
        return f"direction 参数应为 正向 或 反向，而不是：{direction}"[:255]
    target_value = parse_value(target_text)
    actual_text = _score_input(actual, target_value.kind == "percent")
    result = score_value(target_value, parse_value(actual_text) if actual_text else None, float(weight),
                         direction or None)
    if result.not_applicable:
        return "不适用（不计分，其余指标按 100 分折算）"
    if result.points <= 0:
        return f"0 分：{result.note or '未得分'}"[:255]
    return round(result.points, 2)




def parse_table(text: str) -> list[list[Any]] | str:
    """PG_PARSE's result: header + one row per item, then one row per unparseable part."""
    if not text:
        return EMPTY_TEXT
    result = parse(text)
    if not result.items and result.problems:
        return f"{UNPARSED}：应为“序号、一级指标；二级指标；三级指标；实施周期指标值:…；年度指标值:…。”"
    rows: list[list[Any]] = [list(PARSE_HEADER)]
    for item in result.items:
        rows.append([
            item.seq, item.level1_code or "", item.level1, item.level2_code or "", item.level2,
            item.name, item.period_value.raw, item.annual_value.raw,
        ])
    for problem in result.problems:
        rows.append([UNPARSED, "", "", "", "", problem.raw or "", "", ""])
    return rows


_HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "seq": ("序号",),
    "level1_code": ("一级指标代码", "一级代码"),
    "level1": ("一级指标",),
    "level2_code": ("二级指标代码", "二级代码"),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "指标内容"),
    "period": ("实施周期指标值", "实施周期值", "中长期指标值"),
    "annual": ("年度指标值", "年度值"),
}
_POSITIONAL: dict[int, tuple[str, ...]] = {
    8: ("seq", "level1_code", "level1", "level2_code", "level2", "name", "period", "annual"),
    6: ("seq", "level1", "level2", "name", "period", "annual"),
    5: ("level1", "level2", "name", "period", "annual"),
}
_CODE_NAME = re.compile(r"^\s*+(\d{1,3})\s*+[-－—–]\s*+((?:\s*+\S)*+)\s*$")


def _header_map(row: Sequence[str]) -> dict[str, int] | None:
    """Column index of each field when ``row`` is a header row, else None."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = re.sub(r"\s+", "", cell)
        for field, names in _HEADER_KEYS.items():
            if key in names and field not in found:
                found[field] = index
    return found if "name" in found else None


def _split_code(text: str, code: str) -> tuple[str | None, str]:
    """'1-产出指标' → ('1', '产出指标'); a separate code column wins when given."""
    m = _CODE_NAME.match(text)
    if m:
        return code or m.group(1), m.group(2)
    return code or None, text


def compose_rows(rows: Any) -> str:
    """PG_COMPOSE's result: the official 绩效指标 text of structured rows, or a message."""
    grid = [[_text(c) for c in row] for row in (rows or []) if isinstance(row, list | tuple)]
    grid = [row for row in grid if any(row)]
    if not grid:
        return "（空）请选择指标表格区域"
    columns = _header_map(grid[0])
    if columns is not None:
        grid = grid[1:]
    else:
        order = _POSITIONAL.get(len(grid[0]))
        if order is None:
            return "无法识别的列：请带表头，或按 一级指标、二级指标、三级指标、实施周期指标值、年度指标值 五列排列"
        columns = {field: i for i, field in enumerate(order)}
    items: list[Indicator] = []
    for number, row in enumerate(grid, 1):
        def cell(field: str, row: list[str] = row) -> str:
            i = columns.get(field)
            return row[i] if i is not None and i < len(row) else ""

        if cell("seq") == UNPARSED or row[0] == UNPARSED:
            return f"第{number}行是无法解析的文本，请先改正"
        l1_code, l1_name = _split_code(cell("level1"), cell("level1_code"))
        level1 = resolve_level1(l1_code, l1_name)
        if level1 is None:
            return f"第{number}行一级指标无法识别：{cell('level1') or '（空）'}"
        l2_code, l2_name = _split_code(cell("level2"), cell("level2_code"))
        level2 = resolve_level2(l2_code, l2_name, level1.code)
        if level2 is None or level2.parent != level1.code:
            return f"第{number}行二级指标无法识别或不属于{level1.name}：{cell('level2') or '（空）'}"
        if not cell("name"):
            return f"第{number}行缺少三级指标（指标名称）"
        items.append(Indicator(
            seq=number, level1_code=level1.code, level1=l1_name or level1.name,
            level2_code=level2.code, level2=l2_name or level2.name, name=cell("name"),
            period_value=parse_value(cell("period")), annual_value=parse_value(cell("annual")),
        ))
    if not items:
        return "（空）表格中没有指标行"
    return compose(items, renumber=True)


def check_table(text: str) -> list[list[Any]] | str:
    """PG_CHECK's result: rows of 代码, 级别, 说明 for one 绩效指标 cell, or a message."""
    if not text:
        return EMPTY_TEXT
    from perfgoals_xl.excel.cellcheck import check_indicator_text

    issues = check_indicator_text(text)
    if not issues:
        return "未发现问题"
    return [["代码", "级别", "说明"]] + [[i.code, i.severity_label, i.message] for i in issues]


def value_parts(text: str) -> list[list[Any]] | str:
    """PG_VALUE's result: one row [计算符号, 数值, 计量单位], or a message for other kinds."""
    if not text:
        return "（空）请输入指标值"
    value = parse_value(text)
    if value.kind in ("number", "percent"):
        return [[value.operator or "=", value.number, value.unit or ""]]
    label = _KIND_LABELS.get(value.kind, value.kind)
    return f"非数值指标值（{label}）：{value.text or value.raw}"


def _level2_label(level2: Level2) -> str:
    return f"{level2.code}-{level2.name}"


def level2_text(name_or_code: str, part: str = "") -> str:
    """PG_LEVEL2's result: '11-数量指标', or its 代码 / 名称 / 一级 part, or a message."""
    if not name_or_code:
        return "（空）请输入二级指标名称或代码"
    code, name = _split_code(name_or_code, "")
    if name.isdigit():
        code, name = name, ""
    found = resolve_level2(code, name) if name else level2_by_code(code)
    if found is None:
        known = "、".join(c.name for lv in LEVEL1 for c in lv.children)
        return f"未知的二级指标：{name_or_code}（可选：{known}）"[:255]
    key = re.sub(r"\s+", "", part)
    if key in ("", "代码-名称", "全称"):
        return _level2_label(found)
    if key in ("代码", "code"):
        return found.code
    if key in ("名称", "name"):
        return found.name
    if key in ("一级", "一级指标", "level1"):
        parent = next(lv for lv in LEVEL1 if lv.code == found.parent)
        return f"{parent.code}-{parent.name}"
    return f"part 参数应为 代码、名称 或 一级，而不是：{part}"


SUGGEST_LIMIT = 50


def suggest_table(project: str, n: Any = 10) -> list[list[Any]] | str:
    """PG_SUGGEST's result: a header and one row per suggested indicator, or a message."""
    if not project:
        return "（空）请输入项目名称"
    if n in (None, ""):
        n = 10
    if isinstance(n, bool) or not isinstance(n, int | float) or not 1 <= n <= SUGGEST_LIMIT:
        return f"n 应为 1–{SUGGEST_LIMIT} 的整数，而不是：{_text(n) or '（空）'}"[:255]
    from perfgoals_xl.excel.suggest_sheet import udf_rows

    return udf_rows(project, int(n))
