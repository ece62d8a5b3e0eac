"""Finding the header of a long-format sheet by its vocabulary (not by position).

The first row among the first HEADER_SEARCH_ROWS that names 项目名称 (or 指标名称), an
indicator column and at least three known fields is the header; a second row under
merged parents (指标值 → 指标性质 / 指标值 / 度量单位, or 指标值 → 年度 / 实施周期) is
combined with it. Merged ranges are filled with their top-left value first.

A column whose header the vocabulary does not map to a model field (an unknown header, or a
known one such as 备注 / 评(扣)分标准 the model has no field for) is an extra column, keyed by its
header texts top to bottom joined with ``/`` (绩效标准/计划标准); empty headers are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfgoals_xl.hierarchy_labels import looks_like_department
from perfgoals_xl.model import AMOUNT_FIELDS
from perfgoals_xl.sources.grid import Grid, amount_of_text, cell_text
from perfgoals_xl.sources.level_columns import (
    OPEN_FIELDS,
    Candidate,
    content_hint,
    dated_values,
    levels_by_content,
    name_by_place,
    name_hint,
    parts_hint,
    target_by_word,
    target_hint,
    value_by_place,
    value_hint,
    value_parts,
)
from perfgoals_xl.sources.vocabulary import (
    INDICATOR_FIELDS,
    LEGACY_NAMES_NOTE,
    field_of,
    group_of,
    is_column_numbers,
    is_footer_label,
    is_header_word,
    is_note,
    is_place_name,
    is_total_cell,
    is_total_word,
    is_value_group,
    legacy_as_name,
    names_an_indicator,
    names_units_and_projects,
    nature_value_header,
    normalise_header,
)

HEADER_SEARCH_ROWS = 40
#: A header takes at most this many rows (merged parents over sub-columns over parts).
MAX_HEADER_ROWS = 3


@dataclass
class Header:
    """Where a sheet's header is and which column holds which field."""

    row: int  # last header row (0-based); data starts below it
    columns: dict[str, int]  # field → column (0-based); split values as 'annual:operator' …
    money_units: dict[str, str] = field(default_factory=dict)  # amount field → unit written in its header
    top: int | None = None  # first header row (0-based) when the header takes several rows
    extras: dict[str, int] = field(default_factory=dict)  # extra column: header text(s) → column
    #: What was assumed reading the header (读取提示), e.g. level columns known by their content.
    notes: list[str] = field(default_factory=list)
    #: Value columns per place (区域目标值 over 甲区 | 乙县 on the row below): place → column.
    places: dict[str, int] = field(default_factory=dict)
    #: The name column's header says it names units and their projects (单位名称、项目名称, 单位(专项)名称).
    names_units: bool = False


def filled_rows(grid: Grid) -> tuple[list[list[Any]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows with merged ranges filled by their top-left value; map filled cell → origin.

    Only rows a merged range touches are copied (the grid's own rows are never changed);
    the others are the grid's row lists themselves, so a sheet is not held twice.
    """
    rows = list(grid.rows)
    copied: set[int] = set()
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in grid.merged:
        if r1 >= len(rows):
            continue
        top = rows[r1][c1] if c1 < len(rows[r1]) else None
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            if r not in copied:
                rows[r] = list(rows[r])
                copied.add(r)
            row = rows[r]
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    row[c] = top
                    origin[(r, c)] = (r1, c1)
    return rows, origin


def _row_fields(row: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    fields = legacy_as_name([field_of(value) if isinstance(value, str) else None for value in row],
                            [value if isinstance(value, str) else "" for value in row])
    for c, f in enumerate(fields):
        if f and f not in found:
            found[f] = c
    return found


def find_header(rows: list[list[Any]],
                origin: dict[tuple[int, int], tuple[int, int]] | None = None) -> Header | None:
    """The header of a long-format sheet, found by vocabulary within the first rows.

    The header may take up to MAX_HEADER_ROWS rows: merged parents (资金情况, 绩效指标, 指标值 …)
    above their sub-columns, in any of them. ``origin`` (from :func:`filled_rows`) tells which
    cells are copies of a range merged down from above.
    """
    origin = origin or {}
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        joined = _wrapped(rows, r, origin)
        if joined is not None:  # header texts wrapped onto the next row (三级指 | 标): read as one row
            row = joined
        found = _row_fields(row)
        if "legacy" in found and "name" not in found and _names_under(rows, r, found["legacy"]):
            found["name"] = found.pop("legacy")  # 绩效指标 | 计量单位 | 指标值 over the names themselves
        placed = _name_by_place(rows, r, row, found, origin)
        if placed is not None:
            found["name"] = placed  # 一级指标 | 二级指标 |  | 指标值 (its 三级指标 lost): the names
        if not _names_columns(found, row):
            continue
        if len(set(found) - {"extra", "ignored"}) >= 3 or _blank_value_third(rows, r, found, origin):
            notes = []
            if joined is not None:
                first, part = _first_wrap(rows[r], rows[r + 1])
                notes.append(f"表头文字折行到了下一行（“{first}”“{part}”），两行合为一行表头读取")
                rows = [*rows[:r], joined, [None] * len(rows[r + 1]), *rows[r + 2:]]
            top = r
            while top > 0 and r - top + 1 < MAX_HEADER_ROWS and _is_parent_row(rows, top - 1, origin):
                top -= 1
            last = r + (joined is not None)
            while (last + 1 < len(rows) and last - top + 1 < MAX_HEADER_ROWS
                   and _is_sub_row(rows, last + 1, origin)):
                last += 1
            header = _combine_header(rows, top, last, origin)
            if placed is not None and "name" not in header.columns:
                header.columns["name"] = placed
                notes.append(name_hint(placed, _cell(row, placed)))
            header.notes.extend(notes)
            texts = _column_texts(rows, header)
            _published_columns(header, rows[r], texts)
            _goal_columns(header, texts)
            _projects_under_units(rows, header, origin)
            _place_row(rows, header, origin)
            _levels_by_content(rows, header)
            _values_by_place(rows, header, origin)
            _value_parts(rows, header, origin)
            return header
    return None


#: A fragment of a header text wrapped onto the next row is at most this long.
_MAX_FRAGMENT = 6


def _wrapped(rows: list[list[Any]], r: int, origin: dict[tuple[int, int], tuple[int, int]]) -> list[Any] | None:
    """Row r with the texts of the row below joined to its cells, when that row only holds the ends of
    header texts wrapped onto it (a table converted from PDF, or a paste, splitting 三级指标 into
    三级指 | 标): every own text of the row below is short, under a text of row r, and the two
    together are a header word; None otherwise (a sub-header row of its own is not a wrap)."""
    if r + 1 >= len(rows) or not rows[r]:
        return None
    head, below = rows[r], rows[r + 1]
    own = [(c, v) for c, v in enumerate(below) if v is not None and not (isinstance(v, str) and not v.strip())
           and not (origin.get((r + 1, c)) or (r + 1, c))[0] < r + 1]
    if not own or any(not isinstance(v, str) for _, v in own):
        return None  # (a number is never a header text's end)
    parts = [(c, v.strip()) for c, v in own]
    if len(parts) >= 2 and all(is_header_word(t) for _, t in parts):
        return None  # a sub-header row (年度 | 实施周期 under 指标值): _is_sub_row's
    joined = list(head)
    for c, part in parts:
        top = head[c] if c < len(head) else None
        if len(part) > _MAX_FRAGMENT or not isinstance(top, str) or not top.strip():
            return None
        text = top.strip() + part
        if field_of(text) is None:
            return None
        joined[c] = text
    return joined


def _first_wrap(head: list[Any], below: list[Any]) -> tuple[str, str]:
    """The first header text and the end of it wrapped onto the row below (for the 读取提示)."""
    for c, v in enumerate(below):
        if isinstance(v, str) and v.strip() and c < len(head) and isinstance(head[c], str):
            return head[c].strip(), v.strip()
    return "", ""


#: Fields a published project table's header has besides its name column (项目名称（资金使用单位）|
#: 总计 | 财政拨款 | … | 绩效目标 | 绩效指标): its goal, indicators and amounts.
_PUBLISHED_CONTENT = frozenset({"goal", "legacy"})


def _name_by_place(rows: list[list[Any]], r: int, row: list[Any], found: dict[str, int],
                   origin: dict[tuple[int, int], tuple[int, int]]) -> int | None:
    """The name column of header row r that prints none (:func:`level_columns.name_by_place`)."""
    if "legacy" in found:
        return None
    return name_by_place(found, lambda c: not _cell(row, c) and (origin.get((r, c)) or (r, c))[1] == c,
                         lambda c: [str(t) for below in rows[r + 1:r + 4] if (t := _cell(below, c))], len(row),
                         lambda c: _cell(row, c))


def _names_columns(found: dict[str, int], row: list[Any]) -> bool:
    """Does a row with these fields name the columns of a long-format table: a project or indicator
    name column and an indicator column; or, a row of header words only (the published table's
    header), a project or unit name column, a 绩效目标 or 绩效指标 column and an amount column?"""
    if ("project" in found or "name" in found) and INDICATOR_FIELDS & set(found):
        return True
    if not ({"project", "fund_unit"} & set(found) and _PUBLISHED_CONTENT & set(found)
            and set(AMOUNT_FIELDS) & set(found)):
        return False
    texts = [v for v in row if isinstance(v, str) and v.strip()]
    return all(is_header_word(t) for t in texts)


def _column_texts(rows: list[list[Any]], header: Header) -> dict[int, str]:
    """Each column's first header text, top to bottom (a label printed once over two header rows, its
    merge lost in a CSV, stands on the upper row only)."""
    out: dict[int, str] = {}
    for row in rows[header.row if header.top is None else header.top: header.row + 1]:
        for c, value in enumerate(row):
            if c not in out and isinstance(value, str) and value.strip():
                out[c] = value
    return out


def _published_columns(header: Header, row: list[Any], texts: dict[int, str]) -> None:
    """The published table's header read as the long format reads it: a 资金使用单位 / 单位名称 column
    with no 项目名称 column beside it is the name column of both (units flush, projects indented or
    with their goal and indicators); so is one whose header says it names both (单位(专项)名称) beside
    a 三级指标 column; a 合计 column among the amounts is their total."""
    cols = header.columns
    if ("project" not in cols and "fund_unit" in cols
            and ("name" not in cols or names_units_and_projects(texts.get(cols["fund_unit"], "")))):
        c = cols.pop("fund_unit")
        cols["project"] = c
        text = re.sub(r"\s+", "", texts.get(c, ""))
        header.names_units = names_units_and_projects(text)
        header.notes.append(f"“{text}”列按“项目名称（资金使用单位）”读取：单位名称和其下的项目名称在同一列")
    if "total" not in cols and {"fiscal", "special", "other"} & set(cols):
        for label, c in list(header.extras.items()):
            if is_total_word(label):
                cols["total"] = c
                del header.extras[label]
                break


#: A goal column's header by the span of the goal it says: the year's (年度, 本年度, 当年 — group 1), the whole
#: term's (总体, 整体, 中长期, 实施期 … — group 2) or neither (绩效目标); 项目 / 绩效 / 总 around it no matter.
_GOAL_SPAN = re.compile(r"^(?:项目|专项)?(?:(年度|本年度|本年|当年)|(总体|整体|中长期|中期|长期|实施期|实施周期))?"
                        r"(?:项目)?(?:绩效)?(?:总体|总)?目标$")


def _goal_columns(header: Header, texts: dict[int, str]) -> None:
    """The goal columns left of the indicators, read by the span they say (one goal per project row): of
    two or more, the year's (年度目标, 当年目标, 本年度目标) is the project's goal (``goal`` — 年度绩效目标) and
    the term's (总体绩效目标, 整体目标, 中长期目标) its ``period_goal`` (中期目标), a plain 绩效目标 the goal when
    no year's is printed — whichever the vocabulary alone made of them (当年目标 and 整体目标 unknown: no goal
    read, a false PG-A04; 总体目标 | 年度目标: the term's taken for the year's). One such column read as the
    term's value (中长期目标, a value column's word in an indicator grid) is the term's goal."""
    cols = header.columns
    first = min((cols[k] for k in ("level1", "level2", "name") if k in cols), default=None)
    if first is None:
        return
    spans: dict[int, str] = {}
    for c, text in texts.items():
        m = _GOAL_SPAN.match(re.sub(r"\s+", "", text)[:20]) if c < first else None
        if m is not None:
            spans[c] = "annual" if m.group(1) else "term" if m.group(2) else "plain"
    if len(spans) == 1:
        (c, span), = spans.items()
        if span == "term" and cols.get("period_value") == c:
            cols["period_goal"] = cols.pop("period_value")
        elif span != "term" and "goal" not in cols and (label := next((k for k, v in header.extras.items() if v == c),
                                                                        None)) is not None:
            cols["goal"] = header.extras.pop(label)  # 当年目标 alone, a word the vocabulary does not know
        return
    annual = [c for c, span in spans.items() if span == "annual"]
    term = [c for c, span in spans.items() if span == "term"]
    plain = [c for c, span in spans.items() if span == "plain"]
    goal = (annual or plain or [None])[0]
    period = term[0] if term else None
    if goal is None or (cols.get("goal"), cols.get("period_goal")) == (goal, period):
        return
    for key in [k for k, c in cols.items() if c in (goal, period)]:
        del cols[key]
    for label in [k for k, c in header.extras.items() if c in (goal, period)]:
        del header.extras[label]
    old = cols.pop("goal", None)
    if old is not None and old not in (goal, period):
        header.extras.setdefault(re.sub(r"\s+", "", texts.get(old, "")), old)
    cols["goal"] = goal
    if period is not None:
        old = cols.pop("period_goal", None)
        if old is not None and old != period:
            header.extras.setdefault(re.sub(r"\s+", "", texts.get(old, "")), old)
        cols["period_goal"] = period


#: Data rows looked at for a unit's row and the projects under it (a unit has few projects).
_UNIT_ROWS = 200
#: A unit's total and the sum of its projects agree within this (万元 or 元 alike: two decimals).
_CENT = Decimal("0.01")


def _projects_under_units(rows: list[list[Any]], header: Header,
                          origin: dict[tuple[int, int], tuple[int, int]]) -> None:
    """A 单位名称 column beside indicator columns and no 项目名称 column names projects too when the
    table prints a unit's row and its projects under it: its first name has an amount and no indicator,
    the next names differ from it, carry the indicators and add up to that amount (the budget system's
    export, 单位 | 30.00 then 学生伙食费 | 30.00 | 成本指标 …). Then it is read as the published
    layout's one name column (:func:`_published_columns`)."""
    cols = header.columns
    if "project" in cols or "fund_unit" not in cols or "total" not in cols:
        return
    c, t = cols["fund_unit"], cols["total"]
    content = [cols[k] for k in ("level1", "level2", "name", "annual_value", "period_value", "value") if k in cols]
    unit, total, summed, found, last = "", Decimal(0), Decimal(0), 0, ""
    for r in range(header.row + 1, min(len(rows), header.row + 1 + _UNIT_ROWS)):
        row = rows[r]
        name = _cell(row, c)
        at = origin.get((r, c))
        if not name or (at is not None and at[0] < r):
            continue  # an indicator row of the name above (merged down)
        indicator = any(_cell(row, k) for k in content)
        amount = _amount(_cell(row, t))
        if not unit:
            if indicator or amount is None or amount <= 0 or looks_like_department(name):
                return  # the first name is no unit's own row (a department's is over units, not projects)
            unit, total = name, amount
            continue
        if name == unit or not indicator:
            break  # the unit again (its indicators), or the next unit's row
        if name != last:
            summed, found, last = summed + (amount or Decimal(0)), found + 1, name
    if found and abs(summed - total) <= _CENT:
        head = re.sub(r"\s+", "", _cell(rows[header.row], c))[:20]
        cols["project"] = cols.pop("fund_unit")
        header.notes.append(f"“{head}”列按“项目名称（资金使用单位）”读取：单位行（只有金额）"
                            "之下的各行写的是其项目，金额之和等于单位的金额")


def _cell(row: list[Any], c: int) -> str:
    value = row[c] if c < len(row) else None
    return cell_text(value)[:_MAX_CELL] if value is not None else ""


_MAX_CELL = 200


def _amount(text: str) -> Decimal | None:
    """An amount cell's number (30.00, 1,234.5), None when it is not one (bounded)."""
    return amount_of_text(text.replace(" ", "")[:30]) if text else None


def _place_row(rows: list[list[Any]], header: Header, origin: dict[tuple[int, int], tuple[int, int]]) -> None:
    """A row under the header naming places under a value group (区域目标值 merged over 甲区 | 乙县):
    the header goes on over it and those columns are the values per place (kept as extras too). A row
    naming the value's natures (指标值 over 定量 | 定性) continues the header too, its columns kept as extras
    by their names."""
    r = header.row + 1
    if r >= len(rows):
        return
    texts = [(c, v.strip()) for c, v in enumerate(rows[r]) if isinstance(v, str) and v.strip()
             and not (origin.get((r, c)) or (r, c))[0] < r]
    above = rows[header.row]
    cols = {c for c, _ in texts}
    groups = _groups_over(above, [c for c, _ in texts], cols)
    natures = len(texts) >= 2 and all(nature_value_header(t) for _, t in texts)
    if not texts or not (natures or all(is_place_name(t) for _, t in texts)) \
            or not all(g and is_value_group(g) for g in groups):
        return
    group = groups[0]
    header.row = r
    if natures:  # 指标值 over 定量 | 定性: two value columns by nature, kept by name (sources/nature_values.py)
        for key in [k for k, c in header.columns.items() if c in cols]:
            del header.columns[key]
        for c, t in texts:
            header.extras[t] = c
        return
    header.places = {t: c for c, t in texts}
    for key in [k for k, c in header.columns.items() if c in header.places.values()]:
        del header.columns[key]  # (年度指标值 over the places: no single value column)
    for label in [k for k, c in header.extras.items() if c in header.places.values()]:
        del header.extras[label]
    for place, c in header.places.items():
        header.extras.setdefault(place, c)
    names = list(header.places)
    header.notes.append(f"指标表没有单一的“指标值”列，“{group}”按地点分列（{'、'.join(names[:6])}"
                        f"{'等' if len(names) > 6 else ''} {len(names)} 列）：各指标的指标值按“地点:值”合并读取"
                        "（各地相同时取该值），各地点的值另作为附加字段保留")


def _groups_over(above: list[Any], columns: list[int], places: set[int]) -> list[str]:
    """The header text over each of these columns: its own, or (a group printed once, merge lost: a
    CSV) the nearest text to its left over place columns only; '' when none. One pass left to right
    (a header of thousands of place columns is linear, not quadratic)."""
    def own(c: int) -> str:
        v = above[c] if c < len(above) else None
        return v.strip() if isinstance(v, str) and v.strip() else ""

    carried: list[str] = []  # carried[c]: what a column right of c finds from c leftwards
    for c in range(max(columns, default=-1) + 1):
        text = own(c)
        carried.append(text or (carried[c - 1] if c and c in places else ""))
    return [own(c) or (carried[c - 1] if c else "") for c in columns]


#: Data rows looked at to judge a column by its content.
_CONTENT_ROWS = 200


def _levels_by_content(rows: list[list[Any]], header: Header) -> None:
    """A level column whose header is blank or not a level's wording (评价指标 | 评价内容 | 指标名称,
    指标类型 | 二级指标 | 三级指标) is that level's column when what it holds is that level's names of
    the framework (the one rule of :mod:`level_columns`)."""
    cols = header.columns
    name = cols.get("name")
    if name is None or "legacy" in cols or ("level1" in cols and "level2" in cols):
        return
    by_col = {c: text for text, c in header.extras.items()}
    claimed = {k: c for k, c in cols.items() if k not in OPEN_FIELDS}
    head = rows[header.row]
    printed = [cell_text(v) for v in head]
    data = []
    for row in rows[header.row + 1: header.row + 1 + _CONTENT_ROWS]:
        texts = [cell_text(v) for v in row[:len(printed)]]
        own = [t for t in texts if t]
        if own and (is_total_cell(own[0]) or is_note(own[0]) or is_footer_label(own[0])):
            break  # (总分, 备注：…, 附件：…, 填报人 under the grid: no content of its columns)
        if texts != printed and not is_column_numbers(own):
            data.append(row)  # (the header printed again, or a 栏次 row 1 | 2 | 3 …: no content)
    candidates = [Candidate(c, by_col.get(c) or cell_text(head[c] if c < len(head) else None),
                            [v for row in data if c < len(row) and isinstance(v := row[c], str)])
                  for c in range(name) if c not in claimed.values()]
    found = levels_by_content(claimed, candidates)
    for key, cand in found.items():
        for k in [k for k, c in cols.items() if c == cand.column]:
            del cols[k]  # (指标类型 read as 定量/定性)
        cols[key] = cand.column
        header.extras.pop(cand.header, None)
        header.notes.append(content_hint(key, cand))


_VALUE_KEYS = ("value", "annual_value", "period_value")


def _blank_value_third(rows: list[list[Any]], r: int, found: dict[str, int],
                       origin: dict[tuple[int, int], tuple[int, int]]) -> bool:
    """Does header row r, naming the names and one more field (指标名称 | 指标说明 |  | 分值, an older
    评价指标 grid), have a value column by place (its header cell blank) to make its third field?"""
    named = set(found) - {"extra", "ignored"}
    if len(named) != 2 or "name" not in named or named & set(_VALUE_KEYS):
        return False
    body = list(range(r + 1, min(len(rows), r + 1 + _CONTENT_ROWS)))
    return value_by_place(RowsView(rows, origin), r, r, body, found["name"], set(found.values())) is not None


def _values_by_place(rows: list[list[Any]], header: Header, origin: dict[tuple[int, int], tuple[int, int]]) -> None:
    """The value column whose header cell was left blank (… | 指标名称 |  ): the rule of
    :func:`level_columns.value_by_place`, read on the sheet's rows."""
    cols = header.columns
    name = cols.get("name")
    if name is None or any(k in cols for k in _VALUE_KEYS) or "legacy" in cols:
        return
    top = header.top if header.top is not None else header.row
    body = list(range(header.row + 1, min(len(rows), header.row + 1 + _CONTENT_ROWS)))
    value = value_by_place(RowsView(rows, origin), top, header.row, body, name,
                           set(cols.values()) | set(header.extras.values()), {c: k for k, c in cols.items()})
    if value is not None:
        cols["value"] = value
        header.notes.append(value_hint(value))
    elif not header.places and (target := target_by_word(name, header.extras, _goals_right_of(rows, header.row, name))
                                ) is not None:
        label, cols["value"] = target  # 三级指标 | 预期目标: the one 目标 column right of the names
        header.extras.pop(label, None)
        if cols.get("goal") == cols["value"]:
            del cols["goal"]  # (三级指标 | 年度目标: the values, not the project's goal)
        header.notes.append(target_hint(label))
    elif not header.places and (dated := dated_values(name, header.extras)) is not None:
        for key, label in dated.fields.items():  # 2024年指标值 | 2024-2026年指标值: the year's and the term's
            cols[key] = header.extras.pop(label)
        header.notes.append(dated.hint(header.extras))


def _goals_right_of(rows: list[list[Any]], r: int, name: int) -> dict[str, int]:
    """Header row r's cells right of the names column that name the project's goal (年度目标) over
    cells holding values, not goals — short texts (a header holds one goal column, so a second one is
    not kept in the header's columns). A long table may print its goals right of its indicators."""
    found: dict[str, int] = {}
    row = rows[r]
    for c in range(name + 1, len(row)):
        if (text := cell_text(row[c])) and field_of(text) == "goal" and _short_texts(rows, r, c):
            found.setdefault(text, c)
    return found


#: Longest text read as an indicator's value rather than a project's goal (a goal is a sentence).
_VALUE_TEXT = 20


def _short_texts(rows: list[list[Any]], r: int, c: int) -> bool:
    """Do the texts under header row r in column c (its first rows) hold values: some, all short?"""
    texts = [t for row in rows[r + 1:r + 1 + _CONTENT_ROWS] if (t := cell_text(row[c] if c < len(row) else None))]
    return bool(texts) and all(len(t) <= _VALUE_TEXT for t in texts)


def _value_parts(rows: list[list[Any]], header: Header, origin: dict[tuple[int, int], tuple[int, int]]) -> None:
    """The one value header over two or three columns with no sub-header (≥ | 500人次): its parts by
    what they hold, the rule of :func:`level_columns.value_parts` read on the sheet's rows."""
    cols = header.columns
    keys = [k for k in _VALUE_KEYS if k in cols]
    if len(keys) != 1 or any(":" in k for k in cols):
        return
    [key] = keys
    body = list(range(header.row + 1, min(len(rows), header.row + 1 + _CONTENT_ROWS)))
    parts = value_parts(RowsView(rows, origin), header.row, body, cols[key],
                        set(cols.values()) | set(header.extras.values()))
    if parts:
        header.notes.append(parts_hint(_cell(rows[header.row], cols[key]), parts))
        names = {"operator": "*:operator", "value": key, "measure_unit": "*:unit"}
        cols.update({names[k]: c for k, c in parts.items()})


class RowsView:
    """A sheet's filled rows seen as the level-column rules read a grid (texts, merged cells' origins)."""

    def __init__(self, rows: list[list[Any]], origin: dict[tuple[int, int], tuple[int, int]]) -> None:
        self.rows, self._origin = rows, origin

    def text(self, r: int, c: int) -> str:
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return cell_text(row[c] if c < len(row) else None)

    def origin(self, r: int, c: int) -> tuple[int, int]:
        return self._origin.get((r, c), (r, c))

    def own(self, r: int, c: int) -> bool:
        return (r, c) not in self._origin

    def set_text(self, r: int, c: int, text: str) -> None:
        """Read the cell (r, c) as this text: the row is copied first (a grid's own rows are never
        changed; :func:`filled_rows` shares the rows no merge touched)."""
        row = self.rows[r] = list(self.rows[r])
        if len(row) <= c:
            row.extend([None] * (c + 1 - len(row)))
        row[c] = text


def _own_texts(rows: list[list[Any]], r: int, origin: dict[tuple[int, int], tuple[int, int]]) -> list[str]:
    """Non-empty texts of row r that are not copies of a cell merged down from a row above."""
    row, above = rows[r], rows[r - 1] if r > 0 else []
    out: list[str] = []
    for c, value in enumerate(row):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        at = origin.get((r, c))
        if at is not None and at[0] < r:
            continue
        if not origin and c < len(above) and above[c] == value:
            continue  # no merge information (CSV): a repeated header text is a copy
        out.append(value if isinstance(value, str) else "\0")  # a number is never a header
    return out


def _is_sub_row(rows: list[list[Any]], r: int, origin: dict[tuple[int, int], tuple[int, int]]) -> bool:
    """A row under the header whose own cells are all header words (two or more), none naming a project."""
    texts = _own_texts(rows, r, origin)
    if len(texts) < 2 or not all(is_header_word(t) for t in texts):
        return False
    return not any(field_of(t) in {"project", "fund_unit"} for t in texts)


def _is_parent_row(rows: list[list[Any]], r: int, origin: dict[tuple[int, int], tuple[int, int]]) -> bool:
    """A row above the header whose own cells are header words, one of them a group (资金情况, 绩效指标 …).
    Merges lost (a CSV, or the label cells unmerged while the group keeps its span), the labels printed
    once over both header rows stand on this row beside the group: an unknown one among three known or
    more (单位代码) is a label too when the header row below it is empty there (a cell of its own)."""
    texts = _own_texts(rows, r, origin)
    if not texts or not any(group_of(t) for t in texts):
        return False
    known = [is_header_word(t) for t in texts]
    if all(known):
        return True
    if sum(known) < 3:
        return False
    row, below = rows[r], rows[r + 1] if r + 1 < len(rows) else []
    return all(cell_text(below[c] if c < len(below) else None) == "" and (r + 1, c) not in origin
               for c, v in enumerate(row) if isinstance(v, str) and v.strip() and not is_header_word(v))


def _combine_header(rows: list[list[Any]], top: int, last: int,
                    origin: dict[tuple[int, int], tuple[int, int]]) -> Header:
    block = rows[top:last + 1]
    width = max(len(row) for row in block)
    columns: dict[str, int] = {}
    money: dict[str, str] = {}
    extras: dict[str, int] = {}
    for c in range(width):
        path: list[str] = []
        own = True  # no header cell of the column is a copy of one merged across from the left
        for k, row in enumerate(block):
            value = row[c] if c < len(row) else None
            if not isinstance(value, str) or not value.strip():
                continue
            at = origin.get((top + k, c))
            own = own and (at is None or at[1] == c)
            if path and ((at is not None and at[0] < top + k) or value == path[-1]):
                continue  # merged down from the row above (or repeated): the same header
            path.append(value)
        key = _path_key(path)
        if path and (key in {None, "extra"} or own and key in columns and key != "ignored"):
            # (a second column of a field already placed — 指标内容 right of 三级指标 — is kept as printed;
            # one header merged over several columns, ≥ | 500 | 人次, is its parts: _value_parts)
            extras.setdefault(extra_label(path), c)
        if key is None or key in {"extra", "ignored"} or key in columns:
            continue
        columns[key] = c
        if key in AMOUNT_FIELDS:
            unit = next((u for _, u in map(normalise_header, reversed(path)) if u), None)
            if unit:
                money[key] = unit
    order = sorted(columns, key=columns.__getitem__)
    if legacy_as_name(order) != order:  # 一级指标 | 二级指标 | 绩效指标: the names, not coded strings
        columns["name"] = columns.pop("legacy")
    elif "legacy" in columns and "name" not in columns and _names_under(rows, last, columns["legacy"]):
        columns["name"] = columns.pop("legacy")  # 绩效指标 | 计量单位 | 指标值 over the names themselves
        header = Header(row=last, columns=columns, money_units=money, top=top, extras=extras)
        header.notes.append(LEGACY_NAMES_NOTE)
        return header
    return Header(row=last, columns=columns, money_units=money, top=top, extras=extras)


def _names_under(rows: list[list[Any]], last: int, c: int) -> bool:
    """Does the first text under the header (row `last`) in column c name an indicator (not a coded string)?"""
    for row in rows[last + 1:last + 4]:
        text = cell_text(row[c] if c < len(row) else None)
        if text:
            return names_an_indicator(text)
    return False


def extra_label(path: list[str]) -> str:
    """The name of an extra column: its header texts, top to bottom, without spaces, joined by ``/``."""
    return "/".join(re.sub(r"\s+", "", text) for text in path)


def _path_key(path: list[str]) -> str | None:
    """The field of a column from its header texts, top to bottom (parents first)."""
    if not path:
        return None
    leaf, parents = path[-1], path[:-1]
    f_leaf = field_of(leaf)
    if not parents:
        return _column_key(f_leaf, None)
    parent = parents[-1]
    f_parent, group = field_of(parent), group_of(parent)
    if f_leaf is None:
        if is_total_word(leaf) and any(group_of(p) == "money" for p in parents):
            return "total"  # 资金情况 → 合计 (合计 = 总计)
        if group is not None:
            return None  # an unknown column under a group (绩效指标 → 指标解释) is not the group's
        return _path_key(parents)  # an unknown part under a known header: the header's column
    if f_parent in _VALUE_PREFIXES and f_leaf in {"operator", "value", "measure_unit"}:
        return _column_key(f_parent, f_leaf)
    return _column_key(f_leaf, None)


_VALUE_PREFIXES = frozenset({"period_value", "annual_value", "value"})


def _column_key(f_top: str | None, f_sub: str | None) -> str | None:
    prefix = {"period_value": "period", "annual_value": "annual", "value": "value"}
    part = {"operator": "operator", "value": "number", "measure_unit": "unit"}
    if f_sub in part and f_top in prefix:
        return f"{prefix[f_top]}:{part[f_sub]}"
    if f_sub in {"period_value", "annual_value"}:
        return f_sub
    if f_top is None:
        return f_sub
    if f_top in {"operator", "measure_unit"}:
        return f"*:{part[f_top]}"
    return f_top
