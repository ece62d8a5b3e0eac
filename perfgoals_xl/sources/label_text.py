"""A label as printed → the label as the vocabulary knows it, and what was written around it.

Real tables print their labels with annotations: ``产出指标(50分)``, ``数量指标 (必填硬性指标)``,
``一级指标【必填】``, ``全年预算数(A)``, ``*项目名称``, ``年度资金总额:``, ``绩 效 指 标`` (spaces
to spread a label over a wide cell), line breaks inside a merged cell. None of these change what
the label names. :func:`label_parts` takes them off and keeps them apart:

- ``key``: width folded (NFKC), every space and line break removed, ``*`` / ``※`` / ``★``
  required-markers removed, bracketed groups removed wherever they stand (``(…)``, ``（…）``,
  ``[…]``, ``【…】``, ``〔…〕``, ``<…>``, ``《…》``; nested ones too, at most three deep) — except a
  leading number (``(1)基本支出``, ``（二）…``) —, a
  trailing score (``50分``, ``(0-20)分``), a leading ``其中:`` and trailing colons removed;
  a trailing column number or formula in circled numbers (``年中调整金额③``, ``小计④=①+②+③``,
  ``支出实现率(%)⑥=⑤/④``) removed;
- ``notes``: the bracketed groups taken off, in order (``必填``, ``50分``), then a formula;
- ``money``: a money unit written in a group (``(万元)``, ``（单位：元）``);
- ``weight``: a score or weight written in a group or after the label (``(50分)``, ``(0-20)分``
  → 20, ``(权重30%)`` → 30), else None.

Linear in the length of the text: every pattern is a single pass without nested quantifiers,
and the text looked at is bounded (a label longer than MAX_LABEL_TEXT characters is cut).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

#: Labels are short; a longer cell is cut before it is looked at (every pass stays bounded).
MAX_LABEL_TEXT = 200

#: Spaces, line breaks and required-markers (*, ※, ★, ☆): no part of a label.
BLANK_MARKS = re.compile(r"[\s*※★☆]+")
#: A trailing column number or formula written in circled numbers (③, ④=①+②+③, ⑥=⑤/④), before
#: NFKC turns them into digits; at least one circled number, then only circled numbers and signs.
_CIRCLED_TAIL = re.compile(r"[\u2460-\u2473][\u2460-\u2473=＝+＋\-－/／×*÷\s]{0,40}$")
#: An innermost bracketed group (no bracket inside it), of one pair kind or another.
#: Inside round or square brackets < and > are comparison signs (``(<=50%)``, a full-width ＜
#: becomes < under NFKC), not brackets of their own.
_INNER = r"(?:[(\[【〔](?P<a>[^()\[\]【】〔〕]{0,60})[)\]】〕]|[<《](?P<b>[^()\[\]【】〔〕<>《》]{0,60})[>》])"
_GROUP = re.compile(_INNER)
_GROUP_START = re.compile(r"^" + _INNER)
_NUMBERING = re.compile(r"^[0-9一二三四五六七八九十]{1,3}$")
_GROUP_END = re.compile(_INNER + r"$")
#: What the groups leave at the end: an annotation holding a stray bracket of its own (``(〔)``:
#: a vertical-form ︹ is 〔 under NFKC) or one never closed (``数量指标(必填``).
_STRAY_TAIL = re.compile(r"[(\[【〔<《](?:.{0,60}[)\]】〕>》]|[^)\]】〕>》]{0,60})$")
#: A column code in a label (全年执行数(B), 执行率(B/A)), seen where its opening bracket was lost.
_CODE_TAIL = re.compile(r"[A-Z](?:[/+\-×*÷]?[A-Z]){0,3}$")
_OPENERS = frozenset("([【〔<《")
_CLOSERS = frozenset(")]】〕>》")
_SCORE_TAIL = re.compile(r"(\d{1,4}(?:\.\d{1,3})?)分$")
#: A score range in brackets before 分: (0-20)分, 【0~20】分.
_GROUP_SCORE = re.compile(r"[(\[【〔]([\d.\-~—至]{1,20})[)\]】〕]分$")
_LEAD = re.compile(r"^其中[:]?")
_COLONS = re.compile(r"[:]+$")
_MONEY_UNIT = re.compile(r"^(?:金额)?(?:单位)?[:]?(万元|元|千元)$")
#: A weight inside an annotation: 50分, 0-20分 (the upper bound), 权重30%, 分值:20.
_WEIGHT = re.compile(r"(?:(?:权重|分值|满分)[:]?)?(?:\d{1,4}(?:\.\d{1,3})?[-~—至])?(\d{1,4}(?:\.\d{1,3})?)(分|%)?")
_WEIGHT_WORDS = ("权重", "分值", "满分")


@dataclass(frozen=True, slots=True)
class LabelParts:
    """A label taken apart: the key the vocabulary looks up, and what was printed around it."""

    key: str
    notes: tuple[str, ...] = ()
    money: str | None = None
    weight: float | None = None


def label_parts(text: str, *, trailing_only: bool = False) -> LabelParts:
    """The key of a printed label and its annotations (see the module docstring).

    trailing_only: take off only the groups after the label (a level name such as
    ``预算(或投资规模)控制指标`` keeps a group inside it; ``数量指标(必填)`` loses its tail)."""
    return _label_parts(text[:MAX_LABEL_TEXT], trailing_only)


def _note(m: re.Match[str]) -> str:
    """The text inside a bracketed group (either alternative of ``_INNER``)."""
    inside = m.group("a")
    return inside if inside is not None else m.group("b")


@functools.lru_cache(maxsize=8192)
def _label_parts(text: str, trailing_only: bool = False) -> LabelParts:
    formula = _CIRCLED_TAIL.search(text)
    if formula and text[: formula.start()].strip():
        text = text[: formula.start()]
    s = unicodedata.normalize("NFKC", text)
    s = BLANK_MARKS.sub("", s)
    s = _LEAD.sub("", s)
    s = _COLONS.sub("", s)
    notes: list[str] = []
    money: str | None = None
    weight: float | None = None
    scored = _GROUP_SCORE.search(s)
    if scored and scored.start() > 0:
        notes.append(scored.group(1) + "分")
        s = s[: scored.start()]
    lead = _GROUP_START.match(s)
    prefix = ""
    if lead and lead.end() < len(s) and _NUMBERING.match(lead.group(0)[1:-1]):
        prefix, s = s[: lead.end()], s[lead.end():]  # (1)基本支出: a leading number stays with the label
    for _ in range(3):  # nested groups: the innermost first, at most three deep
        if trailing_only:
            tail_group = _GROUP_END.search(s)
            found = [_note(tail_group)] if tail_group and tail_group.start() > 0 else []
        else:
            found = [_note(m) for m in _GROUP.finditer(s)]
        if not found:
            break
        for note in found:
            unit = _MONEY_UNIT.match(note)
            if unit:
                money = unit.group(1)
            notes.append(note)
        s = s[: tail_group.start()] if trailing_only else _GROUP.sub("", s)  # type: ignore[union-attr]
    if s and s[-1] in _CLOSERS and not any(ch in _OPENERS for ch in s):
        s = s[:-1]  # 效益指标30分): a closing bracket whose opening one was lost (the weight stays)
        code = _CODE_TAIL.search(s)
        if code and code.start() > 0:  # 执行数B), 执行率B/A): a column code whose opening bracket was lost
            notes.append(code.group(0))
            s = s[: code.start()]
    stray = _STRAY_TAIL.search(s)
    if stray and stray.start() > 0:
        notes.append(s[stray.start() + 1:])
        s = s[: stray.start()]
    s = prefix + s
    tail = _SCORE_TAIL.search(s)
    if tail and tail.start() > 0:
        weight = float(tail.group(1))
        s = s[: tail.start()]
    s = _COLONS.sub("", s)
    if weight is None:
        weight = next((w for w in map(weight_of, notes) if w is not None), None)
    if formula and formula.start() > 0:
        notes.append(re.sub(r"\s+", "", unicodedata.normalize("NFKC", formula.group(0))))
    return LabelParts(s, tuple(notes), money, weight)


def weight_of(note: str) -> float | None:
    """The score or weight an annotation states (50分, 0-20分, 权重30%), else None."""
    m = _WEIGHT.fullmatch(note)
    if m is None:
        return None
    if not (m.group(2) or any(note.startswith(w) for w in _WEIGHT_WORDS)):
        return None  # a bare number (2024) is a year or a code, not a weight
    value = float(m.group(1))
    return value if 0 < value <= 1000 else None
