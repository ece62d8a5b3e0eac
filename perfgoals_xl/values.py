"""Indicator values (指标值): raw text → operator, number, unit, qualitative text.

Conventions from docs/sources.md §3 (指标值写法): operators ≥ ≤ = > < (full or half
width) and their word forms (大于等于/不低于/不少于/以上 → ≥, 小于等于/不高于/不超过/
以内/以下/控制在…内 → ≤, 大于/超过 → >, 小于/低于 → <); a bare number means =.
Deadlines (10月底前), periods (2023.07-2024.01) and dates are recognised as kinds
of their own; anything without a number is qualitative.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from perfgoals_xl.caches import file_cache
from perfgoals_xl.model import Value

#: Signs printed with a look-alike character (NFKC already folds ＝ ﹦ ＞ ＜ to = > <): the box
#: drawing double line ═ for =, the slanted ⩾ ⩽ and the ≧ ≦ of Japanese fonts for ≥ ≤.
#: Signs typeset as look-alikes: ═ ⩾ ⩽ ≧ ≦, and the minus sign as U+2212 (−), a hyphen (‐ ‑) or an
#: en dash (–), which word processors put for a typed "-" (NFKC keeps all of them).
_SIGN_LOOKALIKES = str.maketrans({"═": "=", "⩾": "≥", "⩽": "≤", "≧": "≥", "≦": "≤",
                                  "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2013": "-"})

#: Values that mean "nothing here".
EMPTY_MARKERS = {"", "/", "-", "—", "——", "－", "无", "／", "--"}
#: What a spreadsheet shows for a formula that fails (Excel, WPS; LibreOffice's Err:502 …): a file the table
#: went through took a value for a formula (=300天 → #NAME?), the value is not in it any more — no value.
_SPREADSHEET_ERROR = re.compile(r"#(?:NAME\?|VALUE!|REF!|DIV/0!|N/A|NUM!|NULL!|SPILL!|CALC!)|Err:\d{3}")


def is_spreadsheet_error(text: str | None) -> bool:
    """Is this cell text a spreadsheet's error value (#NAME?, #VALUE!, #DIV/0!, Err:502 …)?"""
    return bool(text) and _SPREADSHEET_ERROR.fullmatch(str(text).strip()) is not None

# Word forms, longest first so that 大于等于 wins over 大于.
_PREFIX_OPS: list[tuple[str, str]] = [
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("达到", "≥"),
    ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不大于", "≤"),
    ("不多于", "≤"), ("控制在", "≤"), ("低于", "<"), ("大于", ">"), ("超过", ">"), ("高于", ">"),
    ("小于", "<"), ("少于", "<"), ("等于", "="),
    (">=", "≥"), ("<=", "≤"), ("≥", "≥"), ("≤", "≤"), ("＞＝", "≥"), ("＜＝", "≤"),
    ("≧", "≥"), ("≦", "≤"), (">", ">"), ("<", "<"), ("＞", ">"), ("＜", "<"), ("=", "="), ("＝", "="),
]
_SUFFIX_OPS: list[tuple[str, str]] = [
    ("(含)以上", "≥"), ("以上(含)", "≥"), ("(含)以下", "≤"), ("以下(含)", "≤"), ("(含)以内", "≤"),
    ("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"), ("之内", "≤"),
    ("内", "≤"),
]

_NUMBER = r"[-+]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
_NUM_RE = re.compile(_NUMBER)
_LEADING_NUM = re.compile(rf"^\s*+({_NUMBER})\s*+(.*)$", re.S)
_PERIOD_RE = re.compile(
    r"^\s*+\d{4}(?:[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2}日?)?月?)?\s*+[-—~～至到]\s*+"
    r"\d{4}(?:[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2}日?)?月?)?\s*+$"
)
_DATE_RE = re.compile(r"^\s*+\d{4}\s*+[年.\-/]\s*+\d{1,2}\s*+[月.\-/]?\s*+(?:\d{1,2}\s*+日?)?\s*+$")
_DEADLINE_RE = re.compile(r"(前|之前|以前|底前|内完成|前完成|截止|月底|年底|季度末|季度前)$")
_NUMERIC_DATE_START = re.compile(r"^\d{4}[.\-/]\d{1,2}")
_UNIT_RE = re.compile(r"^[^\d\s，,。；;、]{1,8}$")
#: A bracketed note after a value's unit (92%（抽样）, 1200人(次)): no part of the unit.
_NOTE_AFTER = re.compile(r"[(（][^()（）]{1,20}[)）]$")
#: A square or cubic metric unit, its ² / ³ (or ㎡) a digit once normalised (1200㎡, 5km², 3万m³).
_SQUARED_UNIT = re.compile(r"^(?:万|千|亿)?(?:[kcdm]|千|平方|立方)?m[23]$", re.I)


_PREFIX_RE = re.compile("|".join(re.escape(w) for w, _ in sorted(_PREFIX_OPS, key=lambda x: -len(x[0]))))
_PREFIX_SYMBOL = dict(_PREFIX_OPS)
_SUFFIX_RE = re.compile("(" + "|".join(re.escape(w) for w, _ in _SUFFIX_OPS) + ")$")
_SUFFIX_SYMBOL = dict(_SUFFIX_OPS)
_TIME_UNIT_END = re.compile(r"(天|日|小时|月|年|周|工作日|分钟)$")


def _strip_ops(text: str) -> tuple[str, str | None, str | None]:
    """Remove a leading and/or trailing operator word; return (rest, op, op_text)."""
    op = op_text = None
    m = _PREFIX_RE.match(text)
    if m:
        op_text = m.group(0)
        op = _PREFIX_SYMBOL[op_text]
        text = text[m.end():].lstrip()
    m = _SUFFIX_RE.search(text)
    if m and m.start() > 0:
        word = m.group(1)
        head = text[: m.start()].rstrip()
        if word != "内" or _TIME_UNIT_END.search(head):
            if op is None:
                op, op_text = _SUFFIX_SYMBOL[word], word
            else:
                op_text = f"{op_text}…{word}"
            text = head
    return text, op, op_text


def _plausible_dates(text: str) -> bool:
    """Do the numbers read as year(s) 1900–2100 with months 1–12 and days 1–31?

    Keeps 1500.00 (a number) and 1000-2000 (a range) from being read as a date or period.
    """
    groups = re.split(r"[-—~～至到]", text) if not re.match(r"^\s*\d{4}-\d{1,2}(-\d{1,2})?\s*$", text) else [text]
    for group in groups:
        numbers = [int(n) for n in re.findall(r"\d+", group)]
        if not numbers or not 1900 <= numbers[0] <= 2100:
            return False
        if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
            return False
        if len(numbers) > 2 and not 1 <= numbers[2] <= 31:
            return False
    return True


def to_number(text: str) -> float:
    """A number written with optional thousands separators (1,200 / 1，200)."""
    return float(text.replace(",", "").replace("，", ""))


def parse_value(raw: str | None) -> Value:
    """Parse one 指标值 into its parts; never raises, the raw text is kept exactly."""
    return _parse_value("" if raw is None else str(raw))


@file_cache(65536)
def _parse_value(raw: str) -> Value:
    """parse_value, cached: real tables repeat the same values (100%, 12, 符合 …) constantly."""
    text = unicodedata.normalize("NFKC", raw).strip().translate(_SIGN_LOOKALIKES)
    text = text.replace("％", "%")
    if text in EMPTY_MARKERS or _SPREADSHEET_ERROR.fullmatch(text):
        return Value(raw=raw, kind="empty")
    if _PERIOD_RE.match(text) and _plausible_dates(text):
        return Value(raw=raw, kind="period", text=text)
    if _DATE_RE.match(text) and _plausible_dates(text):
        return Value(raw=raw, kind="date", text=text)
    core, op, op_text = _strip_ops(text)
    if _DEADLINE_RE.search(text) and re.search(r"\d", text) and (
            re.search(r"[年月日季]", text) or _NUMERIC_DATE_START.match(text)):
        return Value(raw=raw, kind="deadline", operator="≤", operator_text=op_text or "前", text=text)
    match = _LEADING_NUM.match(core)
    if match:
        number_text, rest = match.group(1), match.group(2).strip()
        rest = _NOTE_AFTER.sub("", rest).strip() or rest  # 92%（抽样）: the value 92%, its note kept in raw
        if rest in {"%", "百分比"}:
            return Value(raw=raw, kind="percent", operator=op or "=", operator_text=op_text,
                         number=to_number(number_text), number_text=number_text, unit="%")
        if rest == "" or _UNIT_RE.match(rest) or _SQUARED_UNIT.match(rest):
            return Value(raw=raw, kind="number", operator=op or "=", operator_text=op_text,
                         number=to_number(number_text), number_text=number_text, unit=rest or None)
    # Qualitative, or prose with numbers inside (kept as text, number noted when single).
    numbers = _NUM_RE.findall(core)
    if len(numbers) == 1 and op is not None:
        return Value(raw=raw, kind="qualitative", operator=op, operator_text=op_text, text=text,
                     number=to_number(numbers[0]), number_text=numbers[0])
    return Value(raw=raw, kind="qualitative", operator=op, operator_text=op_text, text=text)


#: Money units by their size in 万元 (a value in 元 is 0.0001 万元): the rules compare a cost with the
#: project's total through it, the scorer an actual with its target written in another magnitude.
MONEY_PER_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "万": Decimal(1),
                 "百万元": Decimal(100), "亿元": Decimal(10000), "亿": Decimal(10000)}


#: What a 计量单位 cell prints for "no unit" (every row of a column, or the qualitative ones).
NO_UNIT = frozenset({"-", "－", "—", "——", "–", "/", "／", "无"})


#: A 指标性质 printed with the budget system's code before the sign (云南: 004 >=, 005 <=, 001 =).
_CODED_OPERATOR = re.compile(r"^\d{1,4}\s{1,4}([<>=≥≤≦≧＜＞＝﹦]{1,3})$")


def value_from_parts(operator: str | None, number: str | float | None, unit: str | None) -> str:
    """Join a split operator + number + unit (as long-format sheets keep them) into one raw value."""
    op = (operator or "").strip()
    if (coded := _CODED_OPERATOR.match(op)) is not None:
        op = coded.group(1)  # 004 >=: a budget system's 指标性质 code before the sign
    if op in {"=", "＝", "﹦", "等于"}:
        op = ""
    num = "" if number is None else _format_number(number)
    unit = (unit or "").strip()
    if unit in NO_UNIT:  # a unit column printing a dash on rows without a unit
        unit = ""
    if (unit and not any(ch.isdigit() for ch in unit)
            and unicodedata.normalize("NFKC", num).endswith(unicodedata.normalize("NFKC", unit))):
        unit = ""  # the value carries its unit already (９５％ beside a % column: full width in the cell)
    if op in {"以上", "以下", "以内"}:
        return f"{num}{unit}{op}"
    return f"{op}{num}{unit}"


def _format_number(number: str | float) -> str:
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number).strip()


#: Values per place joined into one (``甲区:2；乙县:3``): a form's 区域目标值 over one column per place.
PLACE_JOIN, PLACE_SEP = "；", ":"
_PLACE_PART = re.compile(r"^([^:；]{1,20}):([^；]{1,60})$")


def join_place_values(parts: list[tuple[str, str]]) -> str:
    """Per-place values as one value: ``甲区:2；乙县:3`` (see :func:`place_values`)."""
    return PLACE_JOIN.join(f"{place}{PLACE_SEP}{value}" for place, value in parts)


def place_values(raw: str) -> list[tuple[str, str]]:
    """``甲区:2；乙县:3`` → [(甲区, 2), (乙县, 3)] when a value is per-place values joined by
    :func:`join_place_values` (two or more); [] for any other value."""
    pieces = raw.split(PLACE_JOIN) if PLACE_JOIN in raw and len(raw) <= 2000 else []
    out = [m.groups() for piece in pieces if (m := _PLACE_PART.match(piece))]
    return out if len(out) == len(pieces) >= 2 else []  # type: ignore[return-value]


def value_of_places(parts: list[tuple[str, str]], places: int) -> str:
    """Per-place values (place, value) as one value: the common value when every one of the
    ``places`` has the same, else :func:`join_place_values`; '' when none has a value."""
    if not parts:
        return ""
    if len({v for _, v in parts}) == 1 and len(parts) == places:
        return parts[0][1]
    return join_place_values(parts)
