"""Compound targets (复合指标): one 指标值 holding several sub-targets, each with its own measure
and number — ``签约率提高1%X体检率提高2%``, ``合格率≥95%；及时率≥90%``, ``甲区:2；乙县:3``.

The target is split at its separators (X × ； ， 、, or right after a percentage followed by the next
name); every piece must be ``name [operator | verb of change] number [unit]``, else the value is not
compound. The actual is cut by the target's names (each found exactly once), so it may be written
with or without separators and in another order. Whatever cannot be cut unambiguously is reported
as such (``match_actual`` → None), never guessed. Pure text functions; scoring is the caller's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from perfgoals_xl.values import parse_value

MAX_TEXT = 300  # longer values are not split (bounded work on hostile input)
MAX_PARTS = 12
#: Separators between sub-targets.
_SEPARATORS = re.compile(r"[X×x;,、]")
#: A percentage closing a sub-target right before the next one's name (提高1%体检率 …), but not
#: before an operator suffix (95%以上, 5%以内).
_PERCENT_END = re.compile(r"(?<=[%‰])(?=[\u4e00-\u9fff])(?![以及之内左])")
#: Verbs of change: the number is the change asked for or made, and its direction.
UP = ("提高", "提升", "增加", "增长", "上升", "增幅")
DOWN = ("下降", "降低", "减少", "降幅")
_OPERATORS = ("大于或等于", "大于等于", "不低于", "不少于", "不小于", "小于或等于", "小于等于", "不高于",
              "不超过", "不大于", "不多于", "达到", "至少", "控制在", "大于", "小于", "超过", "低于", "高于",
              "少于", "等于", ">=", "<=", "≥", "≤", ">", "<", "=")
_LEAD = re.compile("|".join(re.escape(w) for w in sorted(UP + DOWN + _OPERATORS, key=len, reverse=True))
                   + r"|\d")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z()（）]{1,30}")


@dataclass(frozen=True)
class Part:
    """One sub-target (or the actual cut for it): name; change: +1 / -1 for a verb of change
    (提高 / 下降), 0 otherwise; value: the rest as written (operator, number, unit)."""

    name: str
    change: int
    value: str


def _key(text: str) -> str:
    """NFKC, no spaces; a text far beyond MAX_TEXT is cut (and then not split: too long)."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", (text or "")[:4 * MAX_TEXT]).replace("％", "%"))
    return _THOUSANDS.sub("", key)  # 1,200 is one number, not two parts


def _value_part(text: str) -> tuple[int, str] | None:
    """(change, value) of what follows a name: a verb of change or an operator, then a number."""
    for verb in UP + DOWN:
        if text.startswith(verb):
            rest = text[len(verb):]
            return ((1 if verb in UP else -1), rest) if rest[:1].isdigit() else None
    return (0, text) if any(ch.isdigit() for ch in text[:40]) else None


def numeric(part: Part) -> bool:
    """The part's value is one number with its unit (after its operator, or its verb of change)."""
    value = parse_value(part.value)
    return value.kind in ("number", "percent") and (part.change == 0 or value.operator == "=")


def _part(piece: str) -> Part | None:
    m = _LEAD.search(piece)
    if m is None:
        return None
    name = piece[:m.start()].rstrip(":")
    if not _NAME.fullmatch(name):
        return None
    value = _value_part(piece[m.start():])
    if value is None:
        return None
    part = Part(name, value[0], value[1])
    return part if numeric(part) else None


def split_target(text: str) -> list[Part] | None:
    """The sub-targets of a compound target (two or more, every one named and with a number, no
    name inside another), or None when the value is not compound."""
    key = _key(text)
    if len(key) > MAX_TEXT or len(text or "") > 4 * MAX_TEXT:
        return None
    pieces = [p for p in _SEPARATORS.split(_PERCENT_END.sub(",", key)) if p]
    if not 2 <= len(pieces) <= MAX_PARTS:
        return None
    parts = [_part(p) for p in pieces]
    if any(p is None for p in parts):
        return None
    names = [p.name for p in parts]  # type: ignore[union-attr]
    if any(a != b and a in b for a in names for b in names) or len(set(names)) != len(names):
        return None
    return parts  # type: ignore[return-value]


def names_any(parts: list[Part], actual: str) -> bool:
    """The actual names at least one sub-target (else it speaks of the whole: 全部达成, 100%)."""
    key = _key(actual)
    return any(part.name in key for part in parts)


def match_actual(parts: list[Part], actual: str) -> list[Part] | None:
    """The actual cut by the sub-targets' names, in the target's order: each name found exactly
    once, nothing but separators before the first; None when that cannot be done unambiguously."""
    key = _key(actual)
    if len(key) > MAX_TEXT or len(actual or "") > 4 * MAX_TEXT:
        return None
    at: list[tuple[int, int]] = []
    for i, part in enumerate(parts):
        first = key.find(part.name)
        if first < 0 or key.find(part.name, first + 1) >= 0:
            return None
        at.append((first, i))
    at.sort()
    if _SEPARATORS.sub("", key[:at[0][0]]):
        return None
    cut: dict[int, Part] = {}
    for n, (start, i) in enumerate(at):
        end = at[n + 1][0] if n + 1 < len(at) else len(key)
        if end < start + len(parts[i].name):
            return None  # names overlap in the actual
        rest = key[start + len(parts[i].name):end].strip(":")
        rest = re.sub(r"^[X×x;,、]{1,5}|[X×x;,、]{1,5}$", "", rest)
        if not rest:
            return None
        value = _value_part(rest)
        cut[i] = Part(parts[i].name, value[0], value[1]) if value is not None else Part(parts[i].name, 0, rest)
    return [cut[i] for i in range(len(parts))]
