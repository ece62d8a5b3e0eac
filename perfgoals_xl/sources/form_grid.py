"""The indicator grid of a one-project form (绩效指标表格): header by vocabulary, rows to indicators.

Grids read (docs/forms.md):

- 88号: 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 — a mid-term
  (中期) half and an annual (年度) half side by side. A row's halves with the same 三级指标
  become one indicator (period_value from the mid-term half, annual_value from the annual
  half); otherwise each half is an indicator of its own with the other value blank. The
  left half is mid-term unless the row above says 年度 over it.
- provincial: 一级 | 二级 | 三级 | 指标值及单位 | 绩效标准 (one value: both period and annual,
  as in long-format sheets);
- scoring: 一级 | 二级 | 三级 | 指标性质 (定量/定性 → ``nature``; ≥ ≤ = → operator) | 指标方向 |
  目标值 | 计量单位 | 分值 (``weight``) | 备注.
- level-less: 指标 (or 指标名称 …) | 指标权重 | 计量单位 | 指标性质 | 指标值 with no 一级/二级 column
  (some budget systems' exports): the levels stay blank, never guessed (``GridHeader.levelless``).
- older templates (:func:`form_grid_kinds.older_grid`): no level header, the levels found by what their columns hold,
  the target headed 绩效目标 / 全年绩效目标 — 绩效目标 (over 投入 | 成本目标) | 评价指标 (目标1: ordinals) |
  绩效内容 | 绩效标准 | 全年绩效目标 (福建 2017), 指标类型 (产出指标, 成效指标) | 指标名称 | 绩效目标 |
  绩效标准 (海南 2016).

Merged level cells are filled; blank level cells take the level above; rows with no
三级指标 and no value (a level-2 placeholder) are skipped; a tall merged label in a column
(本年度绩效指标) is no column. Columns the model has no field for (绩效标准, 备注 …) are kept
in ``Indicator.extras`` by their header text. A level written with its code (``1-产出指标``)
keeps the code in ``level1_code``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfgoals_xl import framework
from perfgoals_xl.cellref import column_letter
from perfgoals_xl.hierarchy_labels import UNIT_LINE
from perfgoals_xl.model import Indicator, Location
from perfgoals_xl.sources.form_grid_kinds import (
    VALUE_FIELDS,
    header_fields,
    levelless,
    levels_near,
    older_grid,
    shifted_levels,
)
from perfgoals_xl.sources.form_sheet import FormSheet
from perfgoals_xl.sources.level_columns import (
    DATED_YEAR,
    IMPLIED_LEVEL1_NOTE,
    content_hint,
    dated_values,
    grid_body,
    imply_level1,
    parts_hint,
    placed_name_hint,
    sheet_levels,
    target_by_word,
    target_hint,
    value_by_place,
    value_hint,
    value_parts,
)
from perfgoals_xl.sources.level_join import centred_levels, join_split_levels, spread_level1_right
from perfgoals_xl.sources.merged_values import mark_value_maybe_shared, merges_lost
from perfgoals_xl.sources.vocabulary import (
    LEGACY_NAMES_NOTE,
    body_start,
    field_of,
    is_column_numbers,
    is_footer_label,
    is_note,
    is_place_name,
    is_total_label,
    is_unit_only,
    is_value_group,
    is_void_indicator,
    label_parts,
    level_label,
    nature_value_header,
    sort_qualifiers,
    split_level_code,
    void_row_note,
)
from perfgoals_xl.values import parse_value, value_from_parts, value_of_places

_VALUE_FIELDS = VALUE_FIELDS
#: Columns whose numbers and dates are read as shown (a 权重 typed 30% is 0.3 formatted as a percentage).
_FORMATTED_FIELDS = (*_VALUE_FIELDS, "weight", "actual_value", "score")
_VALUE_WORDS = {"年度数值": "annual_value", "实施周期数值": "period_value", "中期数值": "period_value", "数值": "value"}
#: Form labels that never stand in an indicator row (an indicator may well be named 主要任务).
_BLOCK_KEYS = frozenset({"project", "code", "department", "department_code", "fund_unit", "implementer", "category",
                         "term", "period_total"})
_SKIP_HEADERS = {"seq", "legacy", "project", "fund_unit", "department", "goal"}


@dataclass
class Half:
    """The columns of one half of the grid (or of the only half)."""

    columns: dict[str, int] = field(default_factory=dict)
    extras: dict[str, int] = field(default_factory=dict)  # header text → column
    #: Per-place value columns (区域目标值 over 新罗区 | 永定区 …): place → column; also in extras.
    places: dict[str, int] = field(default_factory=dict)
    kind: str | None = None  # "period" (中期), "annual" (年度), or None for a grid with one half


@dataclass
class GridHeader:
    """Where the grid's header is, and its halves."""

    row: int
    level1: int | None
    halves: list[Half]
    width: int
    #: What the reader assumed while reading the grid (读取提示, reported once as PG-S11 info).
    hints: dict[str, None] = field(default_factory=dict)
    #: The grid prints no level-1 column (its 一级指标 column holds the level-2 names): each
    #: indicator's level-1 is the one its level-2 belongs to.
    implied_level1: bool = False
    #: The grid prints no level columns at all (指标 | 指标权重 | 指标值): its indicators' levels are
    #: unknown, left blank (no gap of one row to report).
    levelless: bool = False


def find_grid_header(sheet: FormSheet, rows: list[int]) -> GridHeader | None:
    """The first of these rows naming 三级指标 and 一级/二级指标 (the indicator grid's header), or a
    two-level grid whose 一级指标 column holds the level-2 names (:func:`form_grid_kinds.shifted_levels`)."""
    for i, r in enumerate(rows):
        cols = header_fields(sheet, r)
        if _names_levels(cols):
            below = header_fields(sheet, rows[i + 1]) if i + 1 < len(rows) and rows[i + 1] == r + 1 else []
            if _names_levels(below) and _repeats(cols, below):
                # a two-row header whose tall cells (一级指标 …) were unmerged and printed again on its
                # second row, under a group (指标值 → 2021年实际值 | 2022年目标值): the second row is the header
                return _build_header(sheet, r + 1, below)
            if below and (joined := _under_groups(sheet, r, cols, below) or _dated_under_blank(sheet, r, cols, below)):
                # the same header with its tall cells' merges lost (left blank on the second row): the
                # group's sub-headers stand for it, the other columns keep the first row's header
                return _build_header(sheet, r + 1, joined)
            return _build_header(sheet, r, cols)
        if i + 1 < len(rows) and rows[i + 1] == r + 1 and (
                split := _split_header(cols, header_fields(sheet, r + 1))) is not None:
            return _build_header(sheet, r + 1, split)
        near = levels_near(sheet, r)
        valued = cols if near else _with_placed_value(sheet, r, cols)  # (指标类型 | 指标名称 |  | 指标描述)
        older = older_grid(sheet, r, valued, valued_ok=True) if not near else None
        if older is not None and any(f == "level1" for _, f, _ in older) and any(f in _VALUE_FIELDS for _, f, _ in valued):
            header = _build_header(sheet, r, older)  # 评价内容 (投入 | 时效目标) | 绩效内容 | 绩效目标值
            header.hints.setdefault("指标表的层级栏没有“一级指标”“二级指标”表头（较早的模板）：层级按栏中所写的投入、"
                                    "产出、效益等层级名读取")
            return header
        bare = levelless(cols) if not near else None
        if bare is not None and _has_values(header := _build_header(sheet, r, bare)):
            if header.level1 is None and not any("level2" in half.columns for half in header.halves):
                header.levelless = True  # (levels found by their content under lost headers are read)
                header.hints.setdefault("指标表没有一级指标、二级指标列：各指标按指标名称读取，层级留空，不作推断")
            return header
        shifted = shifted_levels(sheet, r, cols)
        if shifted is not None:
            header = _build_header(sheet, r, shifted)
            header.implied_level1 = True
            header.hints.pop(IMPLIED_LEVEL1_NOTE, None)  # (said below, with the shifted words)
            level_col, name_col = (next(c for c, f, _ in shifted if f == k) for k in ("level2", "name"))
            header.hints.setdefault(f"指标表的层级只有两栏：{column_letter(level_col)} 列写的是数量指标、质量指标等二级指标，"
                                    f"{column_letter(name_col)} 列写的是指标名称：按二级指标、指标名称读取，"
                                    "一级指标按二级指标的归属补出")
            return header
        older = older_grid(sheet, r, cols)
        if older is not None:
            header = _build_header(sheet, r, older)
            target = next((_key(text) for _, f, text in older if f in _VALUE_FIELDS), None)
            values = (f"“{target}”一栏按指标值读取" if target else
                      "表中没有指标值栏，评价标准按优、良、中、差分档原样保留为附加字段")  # (a grade-band grid)
            if header.level1 is None:
                header.levelless = True
                header.hints.setdefault(f"指标表没有一级指标、二级指标列：各指标按指标名称读取，层级留空，不作推断；{values}")
            else:
                header.hints.setdefault(f"指标表没有“一级指标”“二级指标”表头（较早的模板）：层级按栏中所写的产出、效益等"
                                        f"层级名读取，{values}")
            return header
    return None


def _has_values(header: GridHeader) -> bool:
    """Does a grid's header hold a value column (printed, or read by its place)?"""
    return any(f in half.columns for half in header.halves for f in _VALUE_FIELDS)


def _split_header(upper: list[tuple[int, str | None, str]],
                  lower: list[tuple[int, str | None, str]]) -> list[tuple[int, str | None, str]] | None:
    """A header printed over two rows whose tall cells lost their merges (a CSV): 指标名称 over
    二级指标 | 三级指标 on the row below, 上年度实际水平 | 本年度计划水平 on the first row only. The
    lower row's level and name columns with the upper row's other columns, when the upper row names
    a value column right of them and no level, and the lower row only levels and a name; else None."""
    upper_fields = {f for _, f, _ in upper}
    lower_fields = {f for _, f, _ in lower}
    if not lower or not lower_fields <= {"level1", "level2", "name"} or not lower_fields & {"level1", "level2"}:
        return None
    if upper_fields & {"level1", "level2"} or not upper_fields & set(_VALUE_FIELDS):
        return None
    last = max(c for c, _, _ in lower)
    if any(f in _VALUE_FIELDS and c < last for c, f, _ in upper):
        return None  # (values stand right of the names: 年度 left of the grid is a label's stub, not a value)
    taken = {c for c, _, _ in lower}
    joined = sorted(lower + [(c, f, t) for c, f, t in upper if c not in taken and f != "name"])
    return joined if _names_levels(joined) else None


def _names_levels(cols: list[tuple[int, str | None, str]]) -> bool:
    """Does a header row name 三级指标 and a level column, and three fields in all — or three columns,
    the third a header the vocabulary does not know (一级指标 |  | 三级指标 | 2022年预期值: its 二级指标
    lost, the levels then read by their content)?"""
    fields = [f for _, f, _ in cols]
    if "name" not in fields or not ("level1" in fields or "level2" in fields):
        return False
    return len(set(fields) - {None}) >= 3 or len(cols) >= 3


def _under_groups(sheet: FormSheet, r: int, upper: list[tuple[int, str | None, str]],
                  lower: list[tuple[int, str | None, str]]) -> list[tuple[int, str | None, str]] | None:
    """The header rows r and r + 1 as one, when every text of the lower row sits under one value
    header of the upper row merged across two or more columns (指标值 over 2021年实际值 | 2022年目标值),
    two or more of them, none a level or name header; else None."""
    if len(lower) < 2 or any(f in ("level1", "level2", "name") for _, f, _ in lower):
        return None
    groups: dict[int, list[tuple[int, str | None, str]]] = {}
    spans = _header_spans(sheet, r)
    for c, f, text in lower:
        span = spans.get(c)
        if span is None or span[1] - span[0] < 1:
            return None
        groups.setdefault(span[0], []).append((c, f, text))
    if len(groups) != 1:
        return None  # sub-headers under one value group only (texts under 三级指标 too: a data row)
    (group_col,) = groups
    head = next(((f, text) for c, f, text in upper if c == group_col), (None, ""))
    if head[0] not in _VALUE_FIELDS and not is_value_group(head[1]):
        return None
    joined: list[tuple[int, str | None, str]] = []
    for c, f, text in upper:
        joined.extend(groups.pop(c, [(c, f, text)]))
    return joined


def _dated_under_blank(sheet: FormSheet, r: int, upper: list[tuple[int, str | None, str]],
                       lower: list[tuple[int, str | None, str]]) -> list[tuple[int, str | None, str]] | None:
    """The header rows r and r + 1 as one when the group over the lower row's texts lost its word (指标值
    blank over 2021年实际实现值 | 预期2022年实现值, a web export): two or more dated value headers right of
    the name column, each under a blank cell of the upper row; else None."""
    name = next((c for c, f, _ in upper if f == "name"), None)
    taken = {c for c, _, _ in upper}
    if name is None or len(lower) < 2 or any(c <= name or c in taken or f is not None for c, f, _ in lower):
        return None
    if not all(DATED_YEAR.search(text[:40]) and any(w in text for w in _DATED_VALUE_WORDS) for _, _, text in lower):
        return None
    if any(sheet.text(r, c) for c, _, _ in lower):
        return None
    return sorted([*upper, *lower])


#: Words of a dated value header (2021年实际实现值, 预期2022年实现值, 2022年目标值).
_DATED_VALUE_WORDS = ("实现值", "目标值", "实际值", "指标值", "完成值", "预期值")


def _header_spans(sheet: FormSheet, r: int) -> dict[int, tuple[int, int]]:
    """Column → first and last column of the header cell over it in row r: its merged range; or, in a
    row without that merge (a CSV, a table whose merges were lost: a merged cell's text stands in its
    first cell and the rest are blank), a text and the blank cells right of it up to the next text.
    No span for a cell merged down from a row above, or a blank cell with no text on its left. One
    pass over the row."""
    width = len(sheet.rows[r]) if 0 <= r < len(sheet.rows) else 0
    spans: dict[int, tuple[int, int]] = {}
    c = 0
    while c < width:
        origin = sheet.origin(r, c)
        if origin != (r, c):
            c += 1  # merged down from above, or inside a range already spanned
            continue
        last = c
        while last + 1 < width and sheet.origin(r, last + 1) == origin:
            last += 1
        if last == c:
            if not sheet.text(r, c):
                c += 1  # a blank cell of its own (at the row's start, or right of a merged range)
                continue
            while last + 1 < width and sheet.own(r, last + 1) and not sheet.text(r, last + 1):
                last += 1  # no merge: the blank cells right of the text are its span
        for cc in range(c, last + 1):
            spans[cc] = (c, last)
        c = last + 1
    return spans


def _text_over(sheet: FormSheet, r: int, c: int, spans: dict[int, tuple[int, int]]) -> str:
    """The text of the header cell over column c in row r (spans: :func:`_header_spans` of row r)."""
    if r < 0:
        return ""
    if not sheet.own(r, c) or sheet.text(r, c):
        return sheet.text(r, c)  # a merged cell's text, or the cell's own
    span = spans.get(c)
    return sheet.text(r, span[0]) if span is not None else ""


def _repeats(upper: list[tuple[int, str | None, str]], lower: list[tuple[int, str | None, str]]) -> bool:
    """Does the lower header row print the upper's level and name headers again, in the same columns?"""
    def keyed(cols: list[tuple[int, str | None, str]]) -> set[tuple[int, str | None]]:
        return {(c, f) for c, f, _ in cols if f in ("level1", "level2", "name")}
    return keyed(upper) == keyed(lower)


def _levels_by_content(sheet: FormSheet, r: int, body: list[int], cols: list[tuple[int, str | None, str]],
                       level1: int | None,
                       ) -> tuple[list[tuple[int, str | None, str]], int | None, list[str]]:
    """A level column whose header cell is blank, unknown or 指标类型 is that level's column when its
    cells name that level's classes (:mod:`level_columns`): (the header's columns, the level-1 column,
    what was read so)."""
    known = {f: c for c, f, _ in cols if f in ("name", "level2")}
    if level1 is not None:
        known["level1"] = level1
    found = sheet_levels(sheet, r, body, known)
    if not found:
        return cols, level1, []
    taken = {cand.column for cand in found.values()}
    out = [(c, f, text) for c, f, text in cols if c not in taken]
    if "level2" in found:
        cand = found["level2"]
        out = sorted([*out, (cand.column, "level2", cand.header)])
    if "level1" in found:
        level1 = found["level1"].column
    return out, level1, [content_hint(level, cand) for level, cand in found.items()]


def _with_placed_value(sheet: FormSheet, r: int, cols: list[tuple[int, str | None, str]]
                       ) -> list[tuple[int, str | None, str]]:
    """Header row r's columns with its value column by place when it names none (its header cell blank:
    指标类型 | 指标名称 |  | 指标描述, :func:`level_columns.value_by_place`); as they are otherwise."""
    if any(f in _VALUE_FIELDS for _, f, _ in cols):
        return cols
    name = next((c for c, f, _ in cols if f == "name"), None)
    if name is None or (value := value_by_place(sheet, r, r, grid_body(sheet, r + 1), name,
                                                {c for c, *_ in cols}, {c: f for c, f, _ in cols})) is None:
        return cols
    return sorted([*cols, (value, "value", "")])


def _build_header(sheet: FormSheet, r: int, cols: list[tuple[int, str | None, str]]) -> GridHeader:
    level1 = next((c for c, f, _ in cols if f == "level1"), None)
    if level1 is None and r > 0:  # 一级指标 above an empty cell: its merge down was lost (a CSV)
        level1 = next((c for c in range(len(sheet.rows[r - 1]))
                       if not sheet.text(r, c) and field_of(sheet.text(r - 1, c)) == "level1"), None)
    body = grid_body(sheet, r + 1)  # (the rows every place and content rule below reads)
    cols, level1, by_content = _levels_by_content(sheet, r, body, cols, level1)
    by_content += [value_hint(c) for c, f, text in cols if f == "value" and not text]  # (placed before)
    if not any(f in _VALUE_FIELDS for _, f, _ in cols):  # … | 三级指标 |  (its header lost): the values
        known = {c for c, *_ in cols} | ({level1} if level1 is not None else set())
        for name in [c for c, f, _ in cols if f == "name"][:2]:  # (each half's: 中期 | 年度)
            if (value := value_by_place(sheet, r, r, body, name, known, {c: f for c, f, _ in cols})) is not None:
                cols = sorted([*cols, (value, "value", "")])
                known.add(value)
                by_content.append(value_hint(value))
    cols = _split_value(sheet, r, body, cols, level1, by_content)
    unnamed = _unnamed_left_of_level2(cols) if level1 is None else None
    if unnamed is not None:
        level1 = unnamed[0]  # 级指标 (its 一 lost) | 二级指标 | 三级指标: the column before 二级指标 is the level-1
    seen: set[str] = set()
    split: int | None = None
    described: set[int] = set()
    for c, f, _ in cols:
        if f in {"level2", "name"} | set(_VALUE_FIELDS):
            if f in seen:
                if f in _VALUE_FIELDS or seen & set(_VALUE_FIELDS) and any(
                        g in _VALUE_FIELDS for c2, g, _ in cols if c2 > c):
                    split = c  # a second half (中期 | 年度): names and values again
                    break
                # 三级指标 | 指标内容 before any value, or after the values with none after it (云南 05-2:
                # … | 指标值 | 度量单位 | 指标属性 | 指标内容): the indicator's description
                described.add(c)
                continue
            seen.add(f)
    if described:
        cols = [(c, None if c in described else f, text) for c, f, text in cols]
    halves = [Half(), Half()] if split is not None else [Half()]
    if not any(f in _VALUE_FIELDS for _, f, _ in cols):  # 年度数值 | 实施周期数值 as a grid's value columns
        cols = [(c, _VALUE_WORDS.get(label_parts(text).key, f), text) for c, f, text in cols]
    for c, f, text in cols:
        if c == level1 or f in _SKIP_HEADERS:
            continue
        half = halves[1] if split is not None and c >= split else halves[0]
        if f is None or f in {"extra", "ignored"}:
            half.extras.setdefault(re.sub(r"\s+", "", text), c)
        elif f in {"level1_code", "level2_code"}:
            half.columns.setdefault(f, c)
        else:
            half.columns.setdefault(f, c)
    if split is not None:
        halves[0].kind, halves[1].kind = "period", "annual"
        above = _side_words(sheet, r - 1, halves)
        if above == ("annual", "period"):
            halves[0].kind, halves[1].kind = "annual", "period"
    width = max((c for c, _, _ in cols), default=0) + 1
    header = GridHeader(row=r, level1=level1, halves=halves, width=width)
    if level1 is None and any("level2" in half.columns for half in halves):
        header.implied_level1 = True  # 二级指标 | 三级指标 | 指标值: no level-1 column printed
        header.hints.setdefault(IMPLIED_LEVEL1_NOTE)
    for hint in by_content:
        header.hints.setdefault(hint)
    for c, f, text in cols:
        if f == "name" and (said := placed_name_hint(c, text)):
            header.hints.setdefault(said)  # 一级 | 二级 |  | 指标值 (or | 考核内容 |): the names by place
    if any(f == "name" and field_of(text) == "legacy" for _, f, text in cols) and not any(
            f in ("level1", "level2") for _, f, _ in cols):
        header.hints.setdefault(LEGACY_NAMES_NOTE)  # 绩效指标 | 计量单位 | 指标值 over the names
    if unnamed is not None:
        header.hints.setdefault(f"“{unnamed[1]}”一栏在二级指标左侧，不是认得的表头：按一级指标读取")
    for half in halves:
        dated = None if any(k in _VALUE_FIELDS for k in half.columns) else dated_values(half.columns.get("name"),
                                                                                          half.extras)
        if dated is not None:
            for key, label in dated.fields.items():
                half.columns[key] = half.extras.pop(label)
            header.hints.setdefault(dated.hint(half.extras))
            continue
        group, half.places = _place_columns(sheet, r, half)
        if half.places:
            names = list(half.places)
            header.hints.setdefault(
                f"指标表没有单一的“指标值”列，{'“' + group + '”' if group else '指标值'}按地点分列"
                f"（{'、'.join(names[:6])}{'等' if len(names) > 6 else ''} {len(names)} 列）：各指标的指标值按"
                "“地点:值”合并读取（各地相同时取该值），各地点的值另作为附加字段保留")
    if not any(k in _VALUE_FIELDS for half in halves for k in half.columns) and not any(h.places for h in halves):
        goals = {re.sub(r"\s+", "", text): c for c, f, text in cols if f == "goal"}  # (skipped above)
        for i, half in enumerate(halves):
            mine = {label: c for label, c in goals.items() if (c >= split) == (i == 1)} if split is not None else goals
            if (target := target_by_word(half.columns.get("name"), half.extras, mine)) is not None:
                label, c = target
                half.columns["value"] = c
                half.extras.pop(label, None)
                header.hints.setdefault(target_hint(label))
    others = [label for half in halves for label in half.extras]
    if not any(k in _VALUE_FIELDS for half in halves for k in half.columns) and not any(h.places for h in halves) \
            and not any(nature_value_header(label) for label in others):  # (定量 | 定性: said once read)
        header.hints.setdefault("指标表没有“指标值”列" + (f"，{'、'.join(others[:6])} 列按附加字段保留" if others else ""))
    return header


def _split_value(sheet: FormSheet, r: int, body: list[int], cols: list[tuple[int, str | None, str]],
                 level1: int | None, hints: list[str]) -> list[tuple[int, str | None, str]]:
    """The grid's one value header over two or three columns with no sub-header (≥ | 500人次): its
    parts by what they hold (:func:`level_columns.value_parts`), said in a 读取提示."""
    if any(f in ("operator", "measure_unit") for _, f, _ in cols):
        return cols
    known = {cc for cc, *_ in cols} | ({level1} if level1 is not None else set())
    for c, kind, text in [item for item in cols if item[1] in _VALUE_FIELDS]:  # (each half's, 中期 | 年度)
        parts = value_parts(sheet, r, body, c, known)
        if not parts:
            continue
        hints.append(parts_hint(text, parts))
        cols = [item for item in cols if item[0] != c]
        cols += [(col, kind if key == "value" else key, text if col == c else "") for key, col in parts.items()]
        known |= set(parts.values())
    return sorted(cols)


def _unnamed_left_of_level2(cols: list[tuple[int, str | None, str]]) -> tuple[int, str] | None:
    """The column right before 二级指标 when its header is no word we know and the row names no level-1
    (级指标, a header whose first character the copy lost; 指标层级): (column, header), else None."""
    level2 = next((k for k, (_, f, _) in enumerate(cols) if f == "level2"), None)
    if level2 is None or level2 == 0 or any(f == "level1" for _, f, _ in cols):
        return None
    c, f, text = cols[level2 - 1]
    return (c, text) if f is None and "指标" in text[:20] else None


def _place_columns(sheet: FormSheet, r: int, half: Half) -> tuple[str | None, dict[str, int]]:
    """Value columns per place in a grid with no 指标值 column: the unknown columns right of 三级指标
    under a value group header (区域目标值 merged above them), or all headed by place names."""
    name_col = half.columns.get("name")
    if name_col is None or any(k in _VALUE_FIELDS for k in half.columns):
        return None, {}
    cands = [(label, c) for label, c in half.extras.items() if c > name_col and field_of(label) is None]
    if not cands or any(nature_value_header(label) for label, _ in cands):
        return None, {}  # (指标值 over 定量 | 定性: no places; sources/nature_values.py reads them)
    spans = _header_spans(sheet, r - 1)
    groups = {c: text for _, c in cands if is_value_group(text := _key(_text_over(sheet, r - 1, c, spans)))}
    if groups:
        group = next(iter(groups.values()))
        return group, {label: c for label, c in cands if groups.get(c) == group}
    if all(is_place_name(label) for label, _ in cands):
        return None, dict(cands)
    return None, {}


def _side_words(sheet: FormSheet, r: int, halves: list[Half]) -> tuple[str | None, str | None]:
    if r < 0:
        return None, None
    sides: list[str | None] = []
    for half in halves:
        first = min(half.columns.values(), default=0)
        text = sheet.text(r, first)
        if "年度" in text and not any(w in text for w in ("中期", "实施期", "长期")):
            sides.append("annual")
        elif any(w in text for w in ("中期", "实施期", "长期")):
            sides.append("period")
        else:
            sides.append(None)
    return sides[0], sides[1]


def split_code(text: str) -> tuple[str | None, str]:
    """``1-产出指标`` → ("1", "产出指标"); a level without a code → (None, text)."""
    return split_level_code(text)


@dataclass
class _Item:
    row: int
    half: int
    indicator: Indicator


def is_grid_end(sheet: FormSheet, r: int, header: GridHeader) -> bool:
    """A row that ends the grid: a form label, a title or footer across the grid, or 填表人：…"""
    from perfgoals_xl.sources.vocabulary import form_label_of

    texts = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    if not texts:
        return False
    if any(is_footer_label(text) or is_note(text) for _, text in texts):
        return True  # 填报人 | 张三 | 联系电话 | …, 注：… under the grid: the form's footer
    if len(texts) <= 3 and any(len(text) <= 20 and UNIT_LINE.search(text) for _, text in texts):
        return True  # <unit> | 单位：万元: the heading line of the next form stacked under this one
    first = body_start(sheet, header.row)
    if header.level1 is not None and r > first and first < len(sheet.rows) and any(
            c < header.level1 and (not sheet.own(first, c) or not sheet.text(first, c))
            and not _same_side(text, sheet.text(header.row, c)) for c, text in texts):
        return True  # a new text in the grid's side-label column (项目年度绩效目标 merged down it): the next block
    for i, (_, text) in enumerate(texts):
        key, _ = form_label_of(text) if len(text) <= 40 else (None, None)
        if key in _BLOCK_KEYS or (key in {"goal", "period_goal"} and i == 0 and len(texts) <= 2):
            return True  # the next form's 项目名称 …, or a 年度目标 | <goal> row: no indicator
    if len(texts) == 1:
        c, text = texts[0]
        r0, c0 = sheet.origin(r, c)
        span = sum(1 for cc in range(header.width) if sheet.origin(r, cc) == (r0, c0))
        if span * 2 >= header.width or "：" in text or ":" in text or "表" in text:
            return True
    if len(texts) == 2 and header.width >= 4:
        # 保障绩效目标实现措施 | <a text merged across the grid's other columns>: a block's label and text
        c, _ = texts[1]
        r0, c0 = sheet.origin(r, c)
        span = sum(1 for cc in range(header.width) if sheet.origin(r, cc) == (r0, c0))
        if span >= 3 and span * 2 >= header.width and framework.level1_by_name(texts[0][1]) is None \
                and framework.level2_by_name(texts[0][1]) is None:
            return True
    return False


def _same_side(text: str, side: str) -> bool:
    """Is a text in the side-label column the grid's own label again (or a piece of it, as a page
    break prints a tall cell's text in parts)?"""
    a, b = re.sub(r"\s+", "", text), re.sub(r"\s+", "", side)
    return bool(a) and bool(b) and (a in b or b in a)


def read_grid(sheet: FormSheet, header: GridHeader, rows: list[int]) -> tuple[list[Indicator], int]:
    """The indicators of the grid in these rows (after the header); returns them and the last row read."""
    value_cols = [c for half in header.halves for k, c in half.columns.items() if k in _FORMATTED_FIELDS]
    sheet.load_number_formats([(r, c) for r in rows if r > header.row for c in value_cols])
    _join_split_levels(sheet, header, [r for r in rows if r > header.row])
    items: list[_Item] = []
    level1_prev = ""
    level2_prev = [""] * len(header.halves)
    last = header.row
    header_texts = _row_texts(sheet, header.row) | _row_texts(sheet, header.row - 1)
    sides = [_side_label(header_texts)]  # each stacked grid's own label (长期绩效指标, 年度绩效指标)
    lost = merges_lost(sheet.grid)  # (a target merged over two rows: its text on the first row only)
    for r in rows:
        if r <= header.row:
            continue
        texts = _row_texts(sheet, r)
        if len(sides) == 1 and len(header.halves) == 1 and (side := _second_grid(texts, header_texts)) is not None:
            sides.append(side)  # a second grid under its own label, the same header: the other period's
            level1_prev, level2_prev = "", [""]
            continue
        if len(texts) >= 2 and texts <= header_texts:
            continue  # the header repeated on a continuation page (print titles)
        if is_grid_end(sheet, r, header):
            break
        if is_column_numbers(sheet.text(r, c) for c in range(len(sheet.rows[r])) if sheet.own(r, c)):
            continue  # a 栏次 row under the header (1 | 2 | 3 …): no indicator
        last = r
        if _is_total_row(sheet, r, header):
            header.hints.setdefault(f"“{_total_text(sheet, r, header)}”行是合计行，不作为指标")
            continue
        l1_text = sheet.text(r, header.level1) if header.level1 is not None else ""
        if l1_text:
            if l1_text != level1_prev:
                level2_prev = [""] * len(header.halves)  # a new level-1: the level-2 above is not its
            level1_prev = l1_text
        for h, half in enumerate(header.halves):
            ind = _read_half(sheet, r, half, header.level1, level1_prev, level2_prev, h, header.hints)
            if ind is not None:
                if header.implied_level1 and not ind.level1:
                    imply_level1(ind)
                key = len(sides) - 1 if len(sides) > 1 else h
                if lost and not l1_text and _level2_blank(sheet, r, half):
                    _mark_maybe_shared(items, r, key, ind, header.hints)
                items.append(_Item(r, key, ind))
    if len(sides) > 1:
        return _pair_stacked(items, sides, header.hints), last
    return _pair(items, len(header.halves)), last


def _level2_blank(sheet: FormSheet, r: int, half: Half) -> bool:
    """Is the row's 二级指标 cell blank (the group above goes on), or the grid prints none?"""
    c = half.columns.get("level2")
    return c is None or not sheet.text(r, c)


def _mark_maybe_shared(items: list[_Item], r: int, h: int, ind: Indicator, hints: dict[str, None]) -> None:
    """A blank target right under the indicator above in the same half, in a grid without merges: maybe
    one cell merged over both rows, its merge lost (sources/merged_values)."""
    before = next((it for it in reversed(items) if it.half == h), None)
    if before is not None and before.row == r - 1 and (note := mark_value_maybe_shared(before.indicator, ind)):
        hints.setdefault(note)


#: A stacked grid's label naming the whole term (长期/中期/总目标/实施期 绩效指标), or the year (年度绩效指标).
_TERM_WORDS = ("长期", "中期", "总目标", "总体", "实施期", "实施周期", "项目期", "整体")
_YEAR_WORDS = ("年度", "本年", "当年")


def _side_label(texts: set[str]) -> str:
    """The label of a grid beside its header (总目标绩效指标 merged down the grid), or ''."""
    return next((t for t in sorted(texts) if len(t) <= 20 and "指标" in t and field_of(t) is None
                 and any(w in t for w in _TERM_WORDS + _YEAR_WORDS)), "")


def _second_grid(texts: set[str], header_texts: set[str]) -> str | None:
    """A row repeating the grid's header under a label of its own (本年度绩效指标 | 一级指标 | 二级指标 |
    指标内容 | 指标值 after the 长期绩效指标 grid): that label; None for any other row."""
    extra = texts - header_texts
    if len(texts & header_texts) < 3 or len(extra) != 1:
        return None
    side = _side_label(extra)
    return side or None


def _pair_stacked(items: list[_Item], sides: list[str], hints: dict[str, None]) -> list[Indicator]:
    """Two stacked grids, each one value column: the one labelled for the term holds the 实施期
    (period) values, the one labelled for the year the 年度 values (the first is the term's when the
    labels do not say). The same indicator in both (level 1 and name) is one indicator with both
    values; one in a single grid keeps its one value for both, as a one-value grid's indicators do."""
    term = next((k for k, side in enumerate(sides) if any(w in side for w in _TERM_WORDS)), None)
    year = next((k for k, side in enumerate(sides) if k != term and any(w in side for w in _YEAR_WORDS)), None)
    if term is None:
        term = 1 - year if year is not None else 0
    firsts = [i for i in items if i.half == 0]
    seconds = [i for i in items if i.half == 1]
    by_key: dict[tuple[str, str], list[int]] = {}  # (level 1, name) → the second grid's items, in order
    for k, o in enumerate(seconds):
        by_key.setdefault((o.indicator.level1, _key(o.indicator.name)), []).append(k)
    taken: set[int] = set()
    out: list[Indicator] = []
    for item in firsts:
        ind = item.indicator
        waiting = by_key.get((ind.level1, _key(ind.name))) if ind.name else None
        other = seconds[waiting.pop(0)] if waiting else None
        if other is not None:
            taken.add(id(other))
            term_ind, year_ind = (ind, other.indicator) if term == 0 else (other.indicator, ind)
            ind.period_value, ind.annual_value = term_ind.period_value, year_ind.annual_value
            for key, src in (("period_value", term_ind), ("annual_value", year_ind)):
                if key in src.field_locations:
                    ind.field_locations[key] = src.field_locations[key]
            _merge(ind, other.indicator)
        out.append(ind)
    out += [o.indicator for o in seconds if id(o) not in taken]
    hints.setdefault(f"“{sides[term] or '第一张指标表'}”的指标值读作实施期指标值，"
                     f"“{sides[1 - term] or '第二张指标表'}”的读作年度指标值，按指标名称对应")
    return out


def _join_split_levels(sheet: FormSheet, header: GridHeader, rows: list[int]) -> None:
    """A level label printed over two cells one under the other: one label (sources/level_join.py)."""
    cols = [header.level1] if header.level1 is not None else []
    cols += [c for half in header.halves for k, c in half.columns.items() if k == "level2"]
    for hint, _ in join_split_levels(sheet, cols, rows):
        header.hints.setdefault(hint)
    first = header.halves[0].columns
    if "name" in first:
        level2 = [first["level2"]] if "level2" in first else []
        for hint in centred_levels(sheet, header.level1, level2, first["name"], rows):
            header.hints.setdefault(hint)
    if header.level1 is not None and "level2" in header.halves[0].columns:
        for hint in spread_level1_right(sheet, header.level1, header.halves[0].columns["level2"], rows):
            header.hints.setdefault(hint)


def _row_texts(sheet: FormSheet, r: int) -> set[str]:
    """The texts of a row's own cells (none for a row outside the sheet)."""
    if r < 0 or r >= len(sheet.rows):
        return set()
    return {t for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))}


def _level_cols(header: GridHeader) -> list[int]:
    cols = [header.level1] if header.level1 is not None else []
    for half in header.halves:
        cols += [c for k, c in half.columns.items() if k in {"level2", "name"}]
    return cols


def _is_total_row(sheet: FormSheet, r: int, header: GridHeader) -> bool:
    """合计 / 总分 / 小计 in a level or name cell of its own: a total row, never an indicator."""
    return bool(_total_text(sheet, r, header))


def _total_text(sheet: FormSheet, r: int, header: GridHeader) -> str:
    """The 合计 / 总分 of a total row: the row's first level or name text, in an own cell, with no value;
    or 合计 in the row's first cell left of the level columns (under a label column beside the grid),
    merged across them; or 合计 merged across the level columns from the first. A grid without merges
    (a CSV: a merged cell's text in its first cell) prints the last two with the cells they covered
    blank and unmerged: the same total rows, whatever they sum."""
    levels = _level_cols(header)
    first = next((c for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)), None)
    if (first is not None and levels and first < min(levels) and is_total_label(sheet.text(r, first))
            and (any(sheet.origin(r, c) == (r, first) for c in levels)
                 or all(sheet.own(r, c) and not sheet.text(r, c) for c in levels))):
        return sheet.text(r, first)  # merged across the level columns, or its merge lost (a CSV)
    for c in levels:
        text = sheet.text(r, c)
        if not text:
            continue
        if not (sheet.own(r, c) and is_total_label(text)):
            return ""
        cols = _level_cols(header)
        if sum(1 for c2 in cols if sheet.origin(r, c2) == sheet.origin(r, c)) >= 2:
            return text  # 合计 merged across the level columns: the total row, whatever it sums
        if c == min(cols) and len(cols) >= 2 and all(sheet.own(r, c2) and not sheet.text(r, c2)
                                                     for c2 in cols if c2 != c):
            return text  # the same with its merge lost (a CSV): 合计 in the first level cell, the rest blank
        values = [c2 for half in header.halves for k, c2 in half.columns.items() if k in _VALUE_FIELDS]
        return "" if any(sheet.text(r, c2) and sheet.origin(r, c2) != sheet.origin(r, c) for c2 in values) else text
    return ""


def _level2_word(name: str, level1: str) -> bool:
    """Is an indicator name one of the framework's level-2 class names, as such (数量指标, 社会效益指标 …;
    not a level-3 name such as 群众满意度 that the framework would take for its satisfaction class)?
    A class's short name (数量, 社会效益) counts only under its own level-1 (产出, 效益), spelt as the class."""
    word = level_label(name)[0] if name and len(name) <= 20 else ""  # (数 量 指 标: spaces are nothing)
    if word.endswith("指标"):
        return framework.level2_by_name(word) is not None
    upper = framework.level1_by_name(level1) if word else None
    lower = framework.level2_by_name(word, upper.code) if upper is not None else None
    return (lower is not None and lower.parent == upper.code
            and framework.normalise_name(lower.name) == framework.normalise_name(word))


def _read_half(sheet: FormSheet, r: int, half: Half, level1_col: int | None, level1: str,
               level2_prev: list[str], h: int, hints: dict[str, None]) -> Indicator | None:
    cols = half.columns
    locs: dict[str, Location] = {}

    def get(key: str) -> str:
        c = cols.get(key)
        return sheet.text(r, c) if c is not None else ""

    name = get("name")
    level2 = get("level2")
    if level2:
        level2_prev[h] = level2
    raw_values: dict[str, str] = {}
    for key in _VALUE_FIELDS:
        if key in cols:
            raw_values[key] = get(key)
    # 符号 / 指标性质 / 指标值类型 / 指标方向 columns: each cell where its content belongs (≥ or 大于等于
    # under 指标方向, ≤ or 定性 under 指标值类型, 正向 under 指标性质 …)
    op_text, nature_text, direction_text = sort_qualifiers(get("operator"), get("nature"), get("direction"))
    operator, nature, direction = op_text, nature_text or None, direction_text or None
    unit = get("measure_unit")
    for v in raw_values.values():
        if v and is_unit_only(v) and not unit:  # a value cell holding only a unit: kept as printed, said
            hints.setdefault(f"指标值单元格只写了单位“{v}”，没有数值，按原文读取")
    for key, v in raw_values.items():  # 指标性质 | 指标值 | 度量单位, or the same under 年度指标值: one value
        if v:
            raw_values[key] = value_from_parts(operator or None, v, None if _carries(v, unit) else unit)
    place_col = None
    if half.places:
        parts = [(place, value_from_parts(operator or None, t, None if _carries(t, unit) else unit))
                 for place, c in half.places.items() if (t := sheet.text(r, c))]
        raw_values["value"] = value_of_places(parts, len(half.places))
        place_col = next((c for c in half.places.values() if sheet.text(r, c)), None)
    if is_void_indicator(name, raw_values.values(), (get("weight"),)):
        if note := void_row_note(name, level2_prev[h]):
            hints.setdefault(note)
        return None  # a level-2 placeholder (经济效益指标 with nothing under it, —, 无, 本项目不适用此指标 | 无)
    value = raw_values.get("value", "")
    period = raw_values.get("period_value", "")
    annual = raw_values.get("annual_value", "")
    if half.kind == "period":
        period = period or value
    elif half.kind == "annual":
        annual = annual or value
    else:
        period = period or value if "period_value" not in cols else period
        annual = annual or value if "annual_value" not in cols else annual
    annual_only = half.kind is None and "annual_value" in cols and not {"period_value", "value"} & set(cols)
    if annual_only:  # a form printing only the 年度指标值 asks for no period value: it stands for both,
        period = period or annual  # as on the 自评表 (else S05 on every row of a well-filled form)
    for key in ("name", "level2", "weight", "direction", "operator", "measure_unit"):
        c = cols.get(key)
        if c is not None and sheet.text(r, c):
            locs["nature" if key == "operator" and nature else key] = sheet.loc(r, c)
    if level1_col is not None and level1:
        locs["level1"] = sheet.loc(r, level1_col) if sheet.text(r, level1_col) else _above(sheet, r, level1_col)
    if "level2" not in locs and level2_prev[h] and "level2" in cols:
        locs["level2"] = _above(sheet, r, cols["level2"])
    value_col = cols.get("value", place_col)
    for key, text in (("period_value", period), ("annual_value", annual)):
        c = cols.get(key, cols.get("annual_value") if annual_only else value_col)
        if text and c is not None:
            locs[key] = sheet.loc(r, c)
    weight = None
    weight_text = get("weight")
    c_weight = cols.get("weight")
    if weight_text and c_weight is not None and sheet.origin(r, c_weight)[0] < r:
        # one 分值 merged down over several indicator rows: the group's one weight, read on the row where
        # it starts (its location kept on each row it covers, so checks count it once)
        weight_text = ""
        hints.setdefault("分值单元格合并在几条指标行上：作为这几条指标共用的一个分值读取，只计一次")
    if weight_text:
        try:
            weight = float(weight_text.rstrip("%％分").replace(",", ""))
        except ValueError:
            weight = None
    extras: dict[str, str] = {}
    for label, c in half.extras.items():
        text = sheet.text(r, c)
        if text:
            extras[label] = text
            locs[f"extra:{label}"] = sheet.loc(r, c)
    if weight is None and weight_text:
        extras["分值"] = weight_text
    code1, l1, w1 = _level(level1, hints)
    code2, l2, w2 = _level(level2_prev[h], hints)
    if "level2" not in cols and not l2 and level1_col is not None and _level2_word(name, l1):
        # 指标类型 | 指标名称 | 指标值 with 数量指标, 质量指标 … under 指标名称: the grid names its level-2
        # classes and no level-3 indicator; the name stands for both (else 二级指标为空 on every row)
        code2, l2, w2 = _level(name, hints)  # (（1）数量指标: its outline number no part of the class)
        locs["level2"] = locs.get("name", sheet.loc(r, cols.get("name", 0)))
        hints.setdefault("指标表没有二级指标栏，指标名称一栏写的是二级指标（如“数量指标”“质量指标”）：按二级指标读取，"
                         "三级指标名称沿用二级指标名")
    return Indicator(
        seq=None, level1_code=code1, level1=l1, level2_code=code2, level2=l2, name=name,
        period_value=parse_value(period), annual_value=parse_value(annual), weight=weight,
        direction=direction, nature=nature, extras=extras, level1_weight=w1, level2_weight=w2,
        location=locs.get("name") or next(iter(locs.values()), sheet.loc(r, 0)), field_locations=locs,
    )


#: A number as a unit cell may (wrongly) hold it: 44,561 printed under 计量单位 as well as under 目标值.
_BARE_NUMBER = re.compile(r"^[-+]?[\d,，]{1,30}(?:\.\d{1,12})?$")


def _carries(value: str, unit: str) -> bool:
    """Does a value cell already end with the unit its 计量单位 column prints (100% beside %)? A unit
    cell holding a bare number (the value repeated, a date serial) is no unit the value carries: the
    split columns are joined as printed."""
    return bool(unit) and value.endswith(unit) and not _BARE_NUMBER.match(unit)


#: A level cell holding only a bracketed description of what goes there (模板说明).
_DESCRIPTION = re.compile(r"^[(（][^()（）]{4,60}[)）]$")


def _level(text: str, hints: dict[str, None]) -> tuple[str | None, str, float | None]:
    """A level cell as printed → (code, name, weight printed in it); what was taken off is a hint."""
    name, weight, notes = level_label(text)
    if name and framework.level1_by_name(name) is None and framework.level2_by_name(name) is None:
        bare = label_parts(text).key  # 产出(工作量)指标: a note inside the name, the class without it
        if bare != name and (framework.level1_by_name(bare) or framework.level2_by_name(bare)):
            hints.setdefault(f"层级“{text}”按“{bare}”读取（括号中的说明不是名称的一部分）")
            name = bare
        elif _DESCRIPTION.match(name):  # (数量、质量、成本方面的指标): the template's note, no class named
            hints.setdefault(f"层级栏“{text[:30]}”是模板的填写说明，不作为层级名称")
            return None, "", None
    if notes or weight is not None:
        said = "、".join(notes) if notes else ""
        hints.setdefault(f"层级“{text}”按“{name}”读取" + (f"（分值 {weight:g}）" if weight is not None else "")
                         + (f"，注记“{said}”未作为名称" if said else ""))
    code, name = split_code(name)
    return code, name, weight


def _above(sheet: FormSheet, r: int, c: int) -> Location:
    """The nearest non-blank cell above (the level a blank cell takes)."""
    for rr in range(r, -1, -1):
        if sheet.text(rr, c):
            return sheet.loc(rr, c)
    return sheet.loc(r, c)


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _pair(items: list[_Item], halves: int) -> list[Indicator]:
    """Side-by-side halves: the same 三级指标 in both → one indicator with both values."""
    if halves == 1:
        return [i.indicator for i in items]
    lefts = [i for i in items if i.half == 0]
    rights = [i for i in items if i.half == 1]
    matched: dict[int, _Item] = {}
    free = list(lefts)
    for right in rights:
        for left in free:
            li, ri = left.indicator, right.indicator
            if li.name and _key(li.name) == _key(ri.name) and li.level1 == ri.level1:
                matched[id(left)] = right
                free.remove(left)
                break
    consumed = {id(r) for r in matched.values()}
    out: list[Indicator] = []
    for item in sorted(items, key=lambda i: (i.row, i.half)):
        if item.half == 0:
            ind = item.indicator
            right = matched.get(id(item))
            if right is not None:
                _merge(ind, right.indicator)
            out.append(ind)
        elif id(item) not in consumed:
            out.append(item.indicator)
    return out


def _merge(left: Indicator, right: Indicator) -> None:
    """Take the right (annual or mid-term) half's value into the left one's indicator."""
    for key in ("period_value", "annual_value"):
        if getattr(left, key).kind == "empty" and getattr(right, key).kind != "empty":
            setattr(left, key, getattr(right, key))
            if key in right.field_locations:
                left.field_locations[key] = right.field_locations[key]
    if not left.level2 and right.level2:
        left.level2, left.level2_code = right.level2, right.level2_code
    for attr in ("weight", "direction", "nature", "level1_weight", "level2_weight"):
        if getattr(left, attr) is None:
            setattr(left, attr, getattr(right, attr))
    for k, v in right.extras.items():
        left.extras.setdefault(k, v)
