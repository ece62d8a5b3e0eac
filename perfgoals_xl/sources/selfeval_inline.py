"""A 自评表 block written as ``label: value`` pairs along a row, with one 自评得分 column down its right.

The 中央对地方转移支付区域绩效自评表 as provinces print it (四川)::

    专项名称     | 食品监管补助资金 | 中央主管部门 | 市场监管总局 | 自评得分   ← the form's score column
    省级财政部门 | 四川省财政厅     | 省级主管部门 | 四川省市场监管局 | 100    ← the total score
    预算执行情况 | 预算数: | 2.38   | 执行数:      | 2.38         | 20       ← the budget, its score
    年度目标完成情况 | 预期目标 …   | 目标实际完成情况 …          | 20
    年度绩效指标完成情况 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成指标值 | 50
    … indicator rows, each with its score under 自评得分

A budget line's labels stand beside their amounts (no header row of 年初预算数 | 全年预算数 | 全年执行数
above a 年度资金总额 line); the 得分 of the total, the budget and every indicator stand in the one
column headed 自评得分 at the top. Used by ``selfeval_blocks.read_top`` and the 自评表 layout.
"""

from __future__ import annotations

import re
from decimal import Decimal

from perfgoals_xl.model import Project
from perfgoals_xl.sources.cell_number import number
from perfgoals_xl.sources.grid import MONEY_FACTOR
from perfgoals_xl.sources.sheet_view import SheetView, filled_copy, own_texts
from perfgoals_xl.sources.vocabulary import field_of, is_total_label, label_parts

#: A budget label beside its amount → the project's field (预算数 is what the execution is measured against).
_PAIR_FIELDS = {"budget_initial": "budget_initial", "budget_adjusted": "budget_adjusted",
                "budget_executed": "budget_executed", "total": "budget_adjusted"}
_RATE_KEYS = frozenset({"执行率", "预算执行率", "资金执行率", "预算执行进度", "执行进度"})
#: Labels of a budget pair are short (预算数:, 全年执行数：).
_MAX_LABEL = 12


#: A budget label and its amount in one cell: 年度金额(提前下达):208万元, 合计：109.8万元, 合计:1098000元
#: (bounded, linear); the unit written is kept with the amount.
_INLINE_AMOUNT = re.compile(r"^([^:：\d]{1,20})[:：]\s{0,3}(\d{1,12}(?:\.\d{1,6})?)\s{0,3}(万元|千元|元|万)?$")
#: Such a label naming the year's whole amount; the side label left of it says whether it is the
#: money given (资金情况) or the money used (资金使用情况 | 合计: …).
_WHOLE_AMOUNT = frozenset({"年度金额", "年度资金总额", "资金总额", "预算数", "下达金额", "合计"})
_USED_WORDS = ("使用", "支出", "执行")


def _inline_field(label: str, side: str) -> str | None:
    """The budget field a ``label:amount`` cell gives, read with the side label left of it."""
    if (own := _PAIR_FIELDS.get(field_of(label) or "")) is not None and len(label) <= _MAX_LABEL:
        return own  # 全年执行数:30
    if label_parts(label).key not in _WHOLE_AMOUNT:
        return None
    return "budget_executed" if any(w in side for w in _USED_WORDS) else "budget_adjusted"


def score_column(sheet: SheetView, r: int) -> int | None:
    """The column of a 自评得分 / 得分 label standing last on a row of other labels (专项名称 | … |
    自评得分): the form's score column. None on a header row of several columns (a budget header's 得分
    beside 分值, an indicator header)."""
    texts = own_texts(sheet, r)
    if len(texts) < 3:
        return None
    c, text = texts[-1]
    if len(text) > 10 or field_of(text) != "score":
        return None
    if any(field_of(t) in {"weight", "score", "name", "level1", "budget_executed", "budget_adjusted"}
           for _, t in texts[:-1] if len(t) <= 30):
        return None
    return c


def score_beside(sheet: SheetView, r: int) -> tuple[float, int] | None:
    """The form's own score printed as a pair on a head row (主管部门 | … | 自评得分 | 98 | 财政评分 |):
    (score, column), or None. Only the unit's own score — a label saying 自评 or a total label (总分,
    自评总分) — with a number 0–100 right after it; a reviewer's 财政评分 beside it is not the form's."""
    texts = own_texts(sheet, r)
    pairs = [(label, c, value) for (_, label), (c, value) in zip(texts, texts[1:], strict=False)]
    pairs += [(m.group(1), c, m.group(2)) for c, text in texts if (m := _INLINE_SCORE.match(text))]  # 自评总分:95
    for label, c, value in pairs:
        if len(label) > _MAX_LABEL:
            continue
        own_score = (field_of(label) == "score" and "自评" in label_parts(label).key) or is_total_label(label)  # (自 评 得 分)
        found = number(value) if own_score and len(value) <= _MAX_LABEL else None
        if found is not None and 0 <= found <= 100:
            return float(found), c
    return None


#: A label and its score in one cell (自评总分:95, 自评得分：98分).
_INLINE_SCORE = re.compile(r"^\s*([^:：\d]{2,12})[:：]\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?\s*$")


def number_at(sheet: SheetView, r: int, c: int | None) -> str | None:
    """The text of the cell (r, c) when it is its own and a number, else None."""
    if c is None or r >= len(sheet.rows) or not sheet.own(r, c):
        return None
    text = sheet.text(r, c)
    return text if text and number(text) is not None else None


def budget_pairs(sheet: SheetView, r: int) -> dict[str, tuple[str, int]]:
    """Budget labels each followed by its amount on row r (预算数: | 2.38 | 执行数: | 2.38): field →
    (text, column); ``rate`` for 执行率. Empty when the row holds no such pair (a header row of labels
    only, or labels beside text)."""
    texts = own_texts(sheet, r)
    pairs: dict[str, tuple[str, int]] = {}
    for (_, label), (c, value) in zip(texts, texts[1:], strict=False):
        if len(label) > _MAX_LABEL or number(value) is None:
            continue
        key = label_parts(label).key
        found = "rate" if key in _RATE_KEYS else _PAIR_FIELDS.get(field_of(label) or "")
        if found is not None:
            pairs.setdefault(found, (value, c))
    for i, (c, text) in enumerate(texts):  # 年度金额(提前下达):208万元 | 资金使用情况 | 合计:109.8万元
        m = _INLINE_AMOUNT.match(text) if len(text) <= 40 else None
        found = _inline_field(m.group(1), texts[i - 1][1] if i else "") if m else None
        if m is not None and found is not None:
            pairs.setdefault(found, (m.group(2) + (m.group(3) or ""), c))
    if r > 0 and texts and filled_copy(sheet, r - 1, r, texts[0][0]):
        texts = texts[1:]  # (二、预算执行情况 merged down beside the lines, split and filled: its copy is no label)
    if pairs and "rate" not in pairs and r > 0 and len(texts) % 2 == 1 and number(texts[-1][1]) is not None:
        # 预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84 | 100.00 under … | 预算执行进度(%): the rate under its head
        c, value = texts[-1]
        if label_parts(sheet.text(r - 1, c)).key in _RATE_KEYS:
            pairs["rate"] = (value, c)
    return pairs if any(k != "rate" for k in pairs) else {}


def amount_in_wan(text: str, money: str) -> Decimal | None:
    """An amount in 万元: one written with its unit (3000元, 5万) as written, a bare one in `money`."""
    value = number(text)
    if value is None or money == "万元" or re.search(r"[万千]?元|万$", text.strip()):
        return value
    return value / MONEY_FACTOR.get(money, Decimal(1))


#: An amount written with its money unit in its cell (23800元, 2.38万元).
_AMOUNT_WITH_UNIT = re.compile(r"^\s{0,3}([\d,，]{1,15}(?:\.\d{1,6})?)\s{0,3}(千元|万元|元)$")
#: Rows under a row of budget pairs looked at for its 其中 lines.
_PAIR_SOURCE_ROWS = 3


def pairs_unit(sheet: SheetView, r: int, pairs: dict[str, tuple[str, int]]) -> str | None:
    """The money unit of bare pair amounts (预算数: | 23800) its 其中 lines below say, writing the same
    amount with its unit (其中:中央补助 | 23800元); None when none does."""
    bare = {number(text) for key, (text, _) in pairs.items() if key != "rate" and not _AMOUNT_WITH_UNIT.match(text)}
    bare.discard(None)
    for rr in range(r + 1, min(r + 1 + _PAIR_SOURCE_ROWS, len(sheet.rows))):
        for _, text in own_texts(sheet, rr):
            m = _AMOUNT_WITH_UNIT.match(text) if len(text) <= 30 else None
            if m is not None and number(m.group(1)) in bare:
                return m.group(2)
    return None


def read_pairs(sheet: SheetView, r: int, pairs: dict[str, tuple[str, int]], project: Project,
               score_col: int | None, money: str = "万元") -> None:
    """Set the project's budget from a row of pairs (the first value of each field wins; bare amounts
    in `money`, read in 万元), and the budget's claimed 得分 from the form's score column on that row."""
    for key, (text, c) in pairs.items():
        if key == "rate":
            project.budget_block.setdefault("rate", text)
            project.field_locations.setdefault("budget_block:rate", sheet.loc(r, c))
            continue
        if getattr(project, key) is None:
            setattr(project, key, amount_in_wan(text, money))
            project.field_locations[key] = sheet.loc(r, c)
    score = number_at(sheet, r, score_col)
    if score is not None:
        project.budget_block.setdefault("score", score)
        project.field_locations.setdefault("budget_block:score", sheet.loc(r, score_col))
