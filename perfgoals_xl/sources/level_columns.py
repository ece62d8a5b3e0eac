"""Level columns known by what they hold, whatever their header says.

A 一级指标 / 二级指标 column is found by its header in every layout; but published tables print that
header blank (its text lost in the web export: ``一级指标 |  | 三级指标``, 忠县 涂井乡), or in a wording
of their own (``指标类型`` over 产出指标 / 效益指标, 浙江 台州; ``指标类别``, ``指标层级`` …). Read as
an unknown column, its levels are lost and every indicator gets a false "一级指标为空" (PG-S03) or
"二级指标为空" (PG-S04). This module is the one rule every layout uses for such a column: it is that
level's column when what it holds is that level's names of the framework. It knows no layout and no
container: a layout hands it the columns left of its 三级指标 column that no known header claims,
each with its header text and the texts of its own cells under the header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from perfgoals_xl import framework
from perfgoals_xl.cellref import column_letter
from perfgoals_xl.model import Indicator
from perfgoals_xl.sources.grid import amount_of_text
from perfgoals_xl.sources.row_kinds import (
    is_level_shaped,
    is_operator_word,
    is_placeholder,
    is_subtotal_label,
    is_total_cell,
    is_total_label,
    is_unit_only,
    level_label,
    split_level_code,
)
from perfgoals_xl.sources.vocabulary import (
    CONTENT_HEADERS,
    field_of,
    header_sized,
    is_column_numbers,
    is_footer_label,
    is_note,
    is_page_mark,
    label_parts,
)


class SheetView(Protocol):
    """What this rule reads of a layout's grid view (``sheet_view.SheetView``; not imported: the
    view reads grids with the long format's helpers, which use this module)."""

    rows: list[list[Any]]

    def text(self, r: int, c: int) -> str: ...

    def own(self, r: int, c: int) -> bool: ...

    def origin(self, r: int, c: int) -> tuple[int, int]: ...

#: Header fields a level column may be mistaken for: none (an unknown or blank header), 指标类型 read
#: as 定量/定性 (``nature``) — a column of 定量 / 定性 holds no level names, so it stays — and the
#: group label 绩效指标 (``legacy``) shown over the level columns by a merged header cell.
OPEN_FIELDS = frozenset({None, "extra", "nature", "legacy"})
#: Longest cell text taken for a level name (a level cell is short; a long text is an indicator).
_MAX_LEVEL_TEXT = 30
#: Rows of a grid looked at to tell what a column holds.
_BODY_ROWS = 60


@dataclass(frozen=True)
class Candidate:
    """A column no known header claims: its index, its header text (blank when none) and the texts
    of its own cells under the header (a merged cell's text once)."""

    column: int
    header: str
    texts: Sequence[str]


def _name(text: str) -> str:
    return split_level_code(level_label(text.strip())[0])[1]


def _level_texts(texts: Sequence[str]) -> list[str]:
    """A column's texts that may name a level: short ones, totals and placeholders aside."""
    return [t.strip() for t in texts if t.strip() and len(t.strip()) <= _MAX_LEVEL_TEXT and not is_total_label(t)
            and t.strip() not in {"—", "-", "/", "无"}]


def _is_level1(text: str) -> bool:
    name = _name(text)
    return framework.level1_by_name(name) is not None or framework.evaluation_level1(name)


def _is_level2(text: str) -> bool:
    return framework.level2_by_name(_name(text)) is not None


def column_level(texts: Sequence[str], share: float = 0.75) -> str | None:
    """``level1`` when a column's texts are level-1 names (产出指标, 效益指标 …; the evaluation
    framework's 项目决策, 过程 … too), ``level2`` when they are level-2 names (数量指标, 社会效益指标 …),
    else None: one at least, and ``share`` of the texts (totals and placeholders aside) — a stray note
    leaves it a level column, a column of indicator names or descriptions never is one."""
    names = _level_texts(texts)
    for level, test in (("level1", _is_level1), ("level2", _is_level2)):
        hits = _hits(names, test)
        if hits and hits >= len(names) * share:
            return level
    return None


def _hits(names: list[str], test: Callable[[str], bool]) -> int:
    """How many texts name a level; a name split over two cells (社会公众或服务 | 对象满意度指标, the
    layouts join it later: ``level_join``) counts for both."""
    hits = i = 0
    while i < len(names):
        if test(names[i]):
            hits, i = hits + 1, i + 1
        elif i + 1 < len(names) and test(names[i] + names[i + 1]):
            hits, i = hits + 2, i + 2
        else:
            i += 1
    return hits


def _by_place(known: Mapping[str, int], cand: Candidate, others: Iterable[int] = ()) -> str | None:
    """The level a column holds by where it stands: with a BLANK header (its text lost, as 忠县 涂井乡
    prints ``一级指标 |  | 三级指标``) the column just left of the 三级指标 one is the level-2 one when it
    holds words (no number), whatever they are (an evaluation framework's 项目立项, 资金管理 …), and no
    other open column (``others``) stands between it and the level-1 column (a column of another field
    may: 分解目标 | 自评权重 |  | 三级指标); the column just left of the level-2 one is the level-1 one when
    half its texts are level-1 names (a name split over two cells, or a group label such as
    项目年度绩效目标, beside them)."""
    texts = _level_texts(cand.texts)
    l1, l2, name = known.get("level1"), known.get("level2"), known["name"]
    if (not cand.header and l2 is None and l1 is not None and l1 < cand.column == name - 1
            and not any(l1 < c < cand.column for c in others) and texts
            and not any(amount_of_text(t) is not None for t in texts)):
        return "level2"
    if l1 is None and l2 is not None and cand.column + 1 == l2 and (
            column_level(texts, 0.5) == "level1" or (texts and all(map(is_level_shaped, texts)))):
        return "level1"  # (names of the table's own under a blank or 指标类型 header: 实施效果指标, 过程管理指标)
    return None


def own_level1_over(left: Sequence[str], right: Sequence[str]) -> bool:
    """Are ``left`` a table's own level-1 names grouping ``right`` (the column beside it): every text of
    both level-shaped (a short name ending in 指标), the left none of the framework's levels and fewer?
    (发展改革委 实施效果指标 over 产出指标 / 效益指标: the right column's words are the framework's
    level-1 names, used here as level 2.)"""
    return (bool(left) and len(left) <= len(right) and all(map(is_level_shaped, [*left, *right]))
            and column_level(left) is None)


def _own_level1_left(known: Mapping[str, int], found: dict[str, Candidate],
                     candidates: Sequence[Candidate]) -> dict[str, Candidate]:
    """Both level headers lost (``级指标 |  | 三级指标`` over 实施效果指标 | 产出指标: an evaluation
    framework printing its own level-1 names, the framework's level-1 words as its level 2): the two
    columns just left of the 三级指标 one, unclaimed, are the level-1 and level-2 ones when every text of
    both is level-shaped (a short name ending in 指标) and the left one groups the right one's (fewer
    texts). Read by content alone (some of the right one's words are the framework's level-1 names),
    the levels would be taken one step too high, or not at all."""
    if "level2" in found or "level1" in known or "level2" in known or "name" not in known:
        return found
    by_column = {c.column: c for c in candidates}
    left, right = by_column.get(known["name"] - 2), by_column.get(known["name"] - 1)
    if left is None or right is None or not own_level1_over(left.texts, right.texts):
        return found
    if "level1" in found and found["level1"].column not in (left.column, right.column):
        return found
    return {**found, "level1": left, "level2": right}


def levels_by_content(known: Mapping[str, int], candidates: Sequence[Candidate]) -> dict[str, Candidate]:
    """The level columns missing from ``known`` (header field → column) found among ``candidates``:
    level → its candidate. Only a column left of the 三级指标 column (``known["name"]``) counts, a
    level-1 column left of the level-2 one, and each level once (the nearest to the name). A column is
    a level's by its content (:func:`column_level`), or, its header blank, by its place (:func:`_by_place`)."""
    name = known.get("name")
    if name is None:
        return {}
    found: dict[str, Candidate] = {}
    for cand in sorted(candidates, key=lambda c: -c.column):  # nearest the name first
        if cand.column >= name or cand.column in known.values():
            continue
        level = column_level(cand.texts)
        if level is None or level in known or level in found:
            # (by place, also when its words name a level the header already places: 一级指标 |  | 三级指标
            # over 实施效果指标 | 产出指标 — an evaluation framework's level-1 words as its level 2)
            level = _by_place({**known, **{k: c.column for k, c in found.items()}}, cand, [c.column for c in candidates])
        if level is None or level in known or level in found:
            continue
        found[level] = cand
    found = _own_level1_left(known, found, candidates)
    l1 = found["level1"].column if "level1" in found else known.get("level1")
    l2 = found["level2"].column if "level2" in found else known.get("level2")
    if l1 is not None and l2 is not None and l1 >= l2:
        return {}  # the levels out of their order: no reading is safe
    return found


def sheet_levels(sheet: SheetView, head: int, body: Iterable[int], known: Mapping[str, int]) -> dict[str, Candidate]:
    """:func:`levels_by_content` on a sheet: the candidates are the columns left of ``known["name"]``
    that no field of ``known`` claims, whose header cell (row ``head``; a cell under a merged header
    shows its text) is blank, unknown or 指标类型, with their own cells' texts in the ``body`` rows."""
    name = known.get("name")
    if name is None or ("level1" in known and "level2" in known):
        return {}
    rows = list(body)
    candidates = []
    for c in range(name):
        if c in known.values():
            continue
        header = sheet.text(head, c)
        if header and field_of(header) not in OPEN_FIELDS:
            continue
        texts = [t for r in rows if c < len(sheet.rows[r]) and sheet.own(r, c) and (t := sheet.text(r, c))]
        candidates.append(Candidate(c, header, texts))
    return levels_by_content(known, candidates)


def grid_body(sheet: SheetView, start: int, limit: int = _BODY_ROWS) -> list[int]:
    """The rows of a grid from ``start`` (the row under its header) up to its 合计 / 总分 row (总分:83
    too), a sign-off or a note (at most ``limit``), a 栏次 row (1 | 2 | 3 …) and the header printed again
    left out."""
    body = []
    for r in range(start, min(len(sheet.rows), start + limit)):
        own = [t for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))]
        if own and is_subtotal_label(own[0]) and grid_goes_on(sheet, r):
            continue  # 小计 closing a level's group, the next group under it
        if own and (is_total_cell(own[0]) or is_footer_label(own[0]) or is_note(own[0])):
            break
        if not is_column_numbers(own) and not header_again(own) and not (len(own) == 1 and is_page_mark(own[0])):
            body.append(r)  # (a page's mark, -15-, alone on its row: no row of the grid)
    return body


def header_again(texts: Sequence[str]) -> bool:
    """Are a row's texts a grid's header printed again (a PDF's next page: 一级指标 | 二级指标 | 三级指标 | …,
    kept inside the grid when the PDF became a workbook)?"""
    fields = {field_of(t) for t in texts if header_sized(t)}
    return len(texts) >= 3 and "name" in fields and bool(fields & {"level1", "level2"})


#: The value columns (a grid's 指标值 or 实际完成值).
_VALUE_SIDE = frozenset({"value", "annual_value", "period_value", "actual_value"})
#: How far right of the level columns a headed column is looked for when no value-side field is known.
_PLACE_SPAN = 8
#: Columns right of the names in a grid's header: the first of them bounds where the names stand.
_AFTER_NAME = ("value", "annual_value", "period_value", "actual_value", "weight", "measure_unit", "operator", "score")


def name_by_place(fields: dict[str, int], blank: Callable[[int], bool], below: Callable[[int], list[str]],
                  width: int = 0, header: Callable[[int], str] | None = None) -> int | None:
    """The name column of a grid header that prints none, its 三级指标 cell left blank (一级指标 | 二级指标 |
    | 指标值, the text lost in a web export): the one column between the 二级指标 column and the first
    value-side column whose header cell is ``blank`` and whose first rows below hold texts (``below``:
    a column's texts under the header); None otherwise (``blank`` is false for a column inside a cell
    merged from its left: one merged column is one column). With the 二级指标 header lost as well
    (一级指标 |  |  | 指标值, 忠县), the second of two such columns when the first holds level-2 names.
    When the header names no value-side column the vocabulary knows (一级指标 | 二级指标 |  | 2021年实际值 |
    预期2022年值, the values read later by their words), the first column of the row's ``width`` right of
    the levels whose header is not blank bounds the names instead. A column headed 指标内容 (``header``:
    a column's header text) right of such a column is the names' description, not the names
    (一级指标 | 二级指标 |  | 指标内容 | 指标值, the 三级指标 text lost)."""
    if "name" in fields:
        level2, name = fields.get("level2"), fields["name"]
        described = header is not None and label_parts(header(name)).key in CONTENT_HEADERS
        if described and level2 is not None and name == level2 + 2 and blank(level2 + 1) and below(level2 + 1):
            return level2 + 1
        return None
    two = False  # 一级指标 |  |  | 指标值: the level-2 and the names both blank
    if "level2" in fields:
        lo = max(fields[k] for k in ("level1", "level2") if k in fields)
    elif "level1" not in fields and _levelless_values(fields):
        lo = -1  #  | 计量单位 | 指标性质 | 指标值: a grid printing no levels, its 指标名称 lost
    elif "level1" in fields:
        lo, two = fields["level1"], True
    else:
        return None
    after = [c for k, c in fields.items() if k in _AFTER_NAME and c > lo]
    if not after:
        after = [c for c in range(lo + 1, min(width, lo + _PLACE_SPAN)) if not blank(c)][:1]
    if not after:
        return None
    between = [c for c in range(lo + 1, min(after)) if c not in fields.values() and blank(c) and below(c)]
    if two:  # (一级指标 |  | 指标值 alone may be a two-level grid whose 一级 column holds the 二级 names)
        ok = len(between) == 2 and column_level(below(between[0])) == "level2" and column_level(below(between[1])) is None
        return between[1] if ok else None
    if not between and header is not None and "level2" in fields:
        # 一级指标 | 二级指标 | 考核内容 | 指标值: the one column between the levels and the values, its header
        # a word the vocabulary does not know (考核指标, 评价内容, 指标项 …), holding texts — the names
        between = [c for c in range(lo + 1, min(after))
                   if c not in fields.values() and not blank(c) and (text := header(c)) and field_of(text) is None
                   and below(c)]
    return between[0] if len(between) == 1 else None


def _levelless_values(fields: dict[str, int]) -> bool:
    """Does a header printing no level columns name a value column and another value-side column
    (指标值 with 计量单位, 指标性质, 指标权重 …)?"""
    value_side = [k for k in fields if k in _AFTER_NAME or k == "nature"]
    return bool(_VALUE_SIDE & set(fields)) and len(value_side) >= 2


def name_hint(c: int, label: str = "") -> str:
    """The 读取提示 saying a column whose header is blank (or a word not known: ``label``) was read as the
    indicators' names."""
    if label:
        return f"{column_letter(c)} 列表头“{label[:20]}”不是认得的表头，在二级指标与指标值之间且有内容：按三级指标（指标名称）读取"
    return f"{column_letter(c)} 列表头空白，在指标名称应在的位置且有内容：按三级指标（指标名称）读取"


def placed_name_hint(c: int, label: str) -> str | None:
    """name_hint for the names' column read by place, None when its header is a word that names it
    (a header the vocabulary knows: 指标名称, or 绩效指标 over the names, which say so themselves)."""
    return name_hint(c, label.strip()) if not label.strip() or field_of(label) is None else None


def value_by_place(sheet: SheetView, top: int, r: int, body: list[int], name: int, known: set[int],
                   fields: Mapping[int, str | None] | None = None) -> int | None:
    """The value column of a grid whose header prints none, its header cell left blank (… | 三级指标 |  ,
    the text lost in a web export): the first column right of the name column, no other field's, blank
    over the whole header (rows ``top``..``r``) and holding a text in at least half the body rows that
    name an indicator (a template's empty slots 指标2: do not count) — or in any, when it stands where
    every template prints the value (right of a sign or 指标性质 column, left of the 实际完成值: a target
    left blank on most rows, 定性 ones or a template's unfilled rows, is still there); ``fields``: the
    header's column → field. None when there is no such column."""
    body = [rr for rr in body if not is_placeholder(sheet.text(rr, name))]  # (a template's empty 指标2: slots)
    width = max((len(sheet.rows[rr]) for rr in (r, *body)), default=0)
    for c in range(name + 1, width):
        if c in known or sheet.origin(r, c)[1] < c and sheet.origin(r, c)[1] <= name:
            continue  # (another field's column, or the name's header merged over it)
        if any(sheet.text(rr, c) for rr in range(top, r + 1)):
            continue  # a header of its own the vocabulary does not know: an extra, not the values
        filled = sum(1 for rr in body if sheet.origin(rr, c) == (rr, c) and sheet.text(rr, c))
        if body and 2 * filled >= len(body):
            return c
        if filled and fields and (_field(fields, c - 1) in _BEFORE_VALUE or _field(fields, c + 1) == "actual_value"):
            return c
    return None


def _field(fields: Mapping[int, str | None], c: int) -> str:
    """A column's field, without the part prefix a long header gives a value part (``*:operator``)."""
    return (fields.get(c) or "").rpartition(":")[2]


#: The fields a template prints right before its value column (a sign, or 指标性质 holding it).
_BEFORE_VALUE = frozenset({"operator", "nature"})


def value_parts(sheet: SheetView, r: int, body: list[int], value: int, known: set[int]) -> dict[str, int]:
    """A value header over two or three columns with no sub-header (指标值 merged over ≥ | 500人次, or
    500 | 人次; the CSV leaves the header's own text in its first column and the rest blank): the parts
    by what the columns hold — a column of operators (≥, 大于等于) is the ``operator``, one of units
    alone (人次, %) the ``measure_unit``, the one between them the ``value`` (the second of two, when the
    first holds nothing). {} when the column right of the value's is headed, another field's, or no such
    reading fits."""
    spans = []
    for c in range(value + 1, min(value + 3, max((len(sheet.rows[rr]) for rr in (r, *body)), default=0))):
        own_header = sheet.origin(r, c) == (r, c) and sheet.text(r, c)
        if c in known or own_header or (sheet.origin(r, c) != (r, c) and sheet.origin(r, c) != sheet.origin(r, value)):
            break
        spans.append(c)
    if not spans:
        return {}
    columns = [value, *spans]
    kinds = [_part_kind([t for rr in body if sheet.origin(rr, c) == (rr, c) and (t := sheet.text(rr, c))])
             for c in columns]
    if kinds[0] == "operator" and len(columns) >= 2 and kinds[1] == "value":
        out = {"operator": columns[0], "value": columns[1]}
        if len(columns) == 3 and kinds[2] == "unit":
            out["measure_unit"] = columns[2]
        return out
    if kinds[0] == "value" and kinds[1] == "unit":
        return {"value": columns[0], "measure_unit": columns[1]}
    if kinds[0] == "empty" and kinds[1] == "value" and len(columns) == 2:
        return {"value": columns[1]}  # (符号 | 值 with no operator printed: the values in the second)
    return {}


def parts_hint(header: str, parts: Mapping[str, int]) -> str:
    """The 读取提示 saying a value header over several columns was read by what they hold."""
    words = {"operator": "计算符号", "value": "指标值", "measure_unit": "计量单位"}
    read = "、".join(f"{column_letter(c)} 列为{words[k]}" for k, c in sorted(parts.items(), key=lambda kv: kv[1]))
    return f"“{header or '指标值'}”一栏跨 {len(parts)} 列、没有小表头：按各列内容读取（{read}）"


def _part_kind(texts: list[str]) -> str | None:
    """What a value part's column holds: ``operator`` (≥ …), ``unit`` (人次, % alone), ``value`` (other
    texts), ``empty`` (nothing), or None (mixed)."""
    if not texts:
        return "empty"
    if all(is_operator_word(t) for t in texts):
        return "operator"
    if all(is_unit_only(t) for t in texts):
        return "unit"
    if not any(is_operator_word(t) for t in texts):
        return "value"
    return None


#: The 读取提示 of a grid printing a level-2 column and no level-1 column (二级指标 | 三级指标 | 指标值).
IMPLIED_LEVEL1_NOTE = "指标表没有一级指标列：各指标的一级指标按其二级指标在指标体系中的归属补出（数量指标属产出指标等）"


def level1_implied(fields: Iterable[str]) -> bool:
    """Does a grid with these header fields print a level-2 column and no level-1 column (nor its code,
    nor a 绩效指标 column holding coded strings)? Then each level-1 is implied (:func:`imply_level1`)."""
    found = set(fields)
    return "level2" in found and not {"level1", "level1_code", "legacy"} & found


def imply_level1(ind: Indicator) -> None:
    """A grid printing no level-1: the level-1 its level-2 belongs to; a level-1 name printed in the
    level-2 place (效益指标 among 数量指标 / 质量指标) is the level-1 itself, with no level-2."""
    if framework.level1_by_name(ind.level2) is not None and framework.level2_by_name(ind.level2) is None:
        ind.level1, ind.level2 = ind.level2, ""
        return
    parent = framework.level2_by_name(ind.level2)
    owner = framework.level1_by_code(parent.parent) if parent else None
    ind.level1 = owner.name if owner else ""


#: A year in a value column's header (2021年实际实现值, 预期2022年实现值).
DATED_YEAR = re.compile(r"(20\d\d)年?")
#: A span of years in a value column's header (2024-2026年指标值): the whole term's value.
_YEAR_RANGE = re.compile(r"20\d\d\s{0,2}年?\s{0,2}[-－—–~～至到]\s{0,2}20\d\d")
_DATED_TARGET_WORDS = ("预期", "目标", "计划", "预计")
_DATED_ACTUAL_WORDS = ("实际", "完成值", "已实现", "上年")


@dataclass(frozen=True)
class DatedValues:
    """Value columns named by year: field (``annual_value``, ``period_value``) → the header of its column."""

    fields: dict[str, str]

    def hint(self, extras: Mapping[str, int]) -> str:
        """The 读取提示 saying which column was read as which value (the other dated ones kept as extras)."""
        annual, term = self.fields["annual_value"], self.fields.get("period_value")
        if term is not None:
            return f"指标值按年份分列：“{annual}”读作年度指标值，“{term}”读作实施周期指标值"
        others = "、".join(f"“{x}”" for x in extras if DATED_YEAR.search(x[:40]))
        return f"指标值按年度或实际/预期分列：取“{annual}”为年度指标值，{others}另作为附加字段保留"


def dated_values(name: int | None, extras: Mapping[str, int]) -> DatedValues | None:
    """Value columns named by year or by 实际 vs 预期 (2021年实际实现值 | 预期2022年实现值; 2024年指标值 |
    2024-2026年指标值) right of the name column, in a grid with no plain 指标值 column (its caller asks
    only then): the target's column (预期/目标 …, else the one year beside a span of years, else the later
    year) as the year's value, and a span of years beside one year as the term's; the earlier year's actual
    stays an extra field. None when the columns are no such columns. Every layout asks it."""
    if name is None:
        return None
    cands = [(label, c) for label, c in extras.items()
             if c > name and field_of(label) is None and DATED_YEAR.search(label[:40])]
    if not 2 <= len(cands) <= 4:
        return None
    targets = [label for label, _ in cands
               if any(w in label for w in _DATED_TARGET_WORDS) and not any(w in label for w in _DATED_ACTUAL_WORDS)]
    single = [label for label, _ in cands if not _YEAR_RANGE.search(label[:40])]
    ranged = [label for label, _ in cands if _YEAR_RANGE.search(label[:40])]
    if len(targets) == 1:
        annual = targets[0]
    elif targets or not any(w in label for label, _ in cands for w in _DATED_ACTUAL_WORDS + ("实现", "指标值", "目标")):
        return None
    elif len(single) == 1 and len(cands) == 2:
        annual = single[0]  # 2024年指标值 | 2024-2026年指标值: the one year's is the year's target
    else:
        years = [int(m.group(1)) for label, _ in cands if (m := DATED_YEAR.search(label[:40]))]
        if years.count(max(years)) != 1:
            return None
        annual = cands[years.index(max(years))][0]
    fields = {"annual_value": annual}
    if len(ranged) == 1 and annual in single:
        fields["period_value"] = ranged[0]
    return DatedValues(fields)


def target_by_word(name: int | None, extras: Mapping[str, int], goals: Mapping[str, int] | None = None,
                   actual: int | None = None) -> tuple[str, int] | None:
    """The one column right of the name column whose header says 目标 (预期目标, 区域目标值 with no place
    columns under it, a header mistyped 区域目标质, or the goal's own word 年度目标 printed in the indicator
    header, ``goals`` — a form's goal is no column of its indicator grid; a long table's caller offers only
    such a column over short texts, its goals may follow its indicators) — or, a header
    the vocabulary does not know, 计划, 预期 or 值 (年度计划数, 计划完成值) — in a grid with no value column:
    (its header, its column), else None; in a 自评表 printing its actuals (column ``actual``) only a column
    left of them (预期目标 | 实际完成值). Every layout reading an indicator grid asks this before reading
    it with no values (each row's values empty: PG-S05 on every indicator of a table that prints them)."""
    if name is None:
        return None
    end = actual if actual is not None else float("inf")
    found = [(label, c) for label, c in extras.items() if name < c < end and _target_word(label) is not None]
    found += [(label, c) for label, c in (goals or {}).items() if name < c < end and "目标" in label[:20]
              and c not in {c2 for _, c2 in found}]  # (a second goal column is also an extra: once)
    return found[0] if len(found) == 1 else None


#: Words of a value column's header the vocabulary does not know (年度计划数, 计划完成值, 预期). Not 指标:
#: 绩效指标描述 beside the names is a description (邯郸 2019 prints no values, only grading standards).
_TARGET_WORDS = ("计划", "预期", "值")


def _target_word(label: str) -> str | None:
    """The word that makes a column's header read as a target's: 目标 in any header; 计划, 预期 or 值 in
    one the vocabulary does not know (not 指标解释, 评分标准 …, kept as named fields)."""
    head = label[:20]
    if "目标" in head:
        return "目标"
    if field_of(label) is None:
        return next((w for w in _TARGET_WORDS if w in head), None)
    return None


def target_hint(label: str) -> str:
    """The 读取提示 saying the one target-worded column right of the names was read as the indicators' values."""
    return f"指标表没有“指标值”列：取名称右侧唯一写有“{_target_word(label) or '目标'}”的“{label}”一栏为指标值"


def value_hint(c: int) -> str:
    """The 读取提示 saying a blank-headed column was read as the indicators' values."""
    return f"{column_letter(c)} 列表头空白，在三级指标右侧且有内容：按指标值读取"


def grid_goes_on(sheet: SheetView, r: int) -> bool:
    """Do indicator rows follow row r — the next filled row (within three) holding two texts of its own
    or more, none a total, a sign-off or a note? (A 小计 row between a grid's groups, not its end.)"""
    for rr in range(r + 1, min(len(sheet.rows), r + 4)):
        own = [t for c in range(len(sheet.rows[rr])) if sheet.own(rr, c) and (t := sheet.text(rr, c))]
        if own:
            return len(own) >= 2 and not any(is_total_cell(t) or is_footer_label(t) or is_note(t) for t in own)
    return False


def content_hint(level: str, cand: Candidate) -> str:
    """The 读取提示 saying a level column was read by its content."""
    label = "一级指标" if level == "level1" else "二级指标"
    shown = list(dict.fromkeys(cand.texts))
    examples = "、".join(shown[:2]) + ("……" if len(shown) > 2 else "")  # (what the column prints, not a template's words)
    header = f"表头“{cand.header}”不是{label}的写法" if cand.header else "表头空白"
    return f"{column_letter(cand.column)} 列{header}，按其内容（{examples}）读作{label}"
