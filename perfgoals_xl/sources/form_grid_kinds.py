"""Grid headers that do not say what all their columns hold, for the 申报表 grid reader (form_grid.py):
a header row's fields (a label filled over two cells is one column); a grid printing no level column
(指标名称 | 指标值 …); a two-level header whose 一级指标 column holds level-2 names; older templates whose
level columns are told by what they hold (投入/产出 | 成本目标 …, 指标类型 of 产出指标 …); a 指标类型
column holding level-1 names. Each takes the header row's ``(column, field, text)`` list and gives it
back with the fields it stands for, or None."""

from __future__ import annotations

from collections.abc import Callable

from perfgoals_xl import framework
from perfgoals_xl.sources.form_sheet import FormSheet
from perfgoals_xl.sources.level_columns import name_by_place, own_level1_over
from perfgoals_xl.sources.vocabulary import (
    body_start,
    field_of,
    grid_target_of,
    header_sized,
    is_footer_label,
    is_note,
    is_ordinal,
    is_page_mark,
    label_parts,
    legacy_as_name,
    level_label,
    names_an_indicator,
)

#: The value columns of a grid.
VALUE_FIELDS = ("value", "period_value", "annual_value")
_VALUE_FIELDS = VALUE_FIELDS


#: A name column's header in a grid printing no level columns (指标 | 指标权重 | 计量单位 | 指标值): words
#: too general for the vocabulary (指标 heads a group elsewhere), read as the name only there.
_BARE_NAME_HEADERS = ("指标", "考核指标", "评价指标", "绩效指标")
#: Columns of a long-format table or of a level-bearing grid: a row with one is no level-less grid header.
_NOT_LEVELLESS = frozenset({"level1", "level2", "level1_code", "level2_code", "project", "fund_unit", "department"})


def levelless(cols: list[tuple[int, str | None, str]]) -> list[tuple[int, str | None, str]] | None:
    """指标名称 (or a bare 指标) | 指标值, maybe with 指标权重 / 计量单位 / 指标性质 …, and no 一级/二级 column
    (some budget systems print only the indicator's name): the columns, the name column's field set;
    None for a row that is no such header. The levels stay unknown — nothing is invented for them."""
    fields = {f for _, f, _ in cols}
    if fields & _NOT_LEVELLESS or not (fields & set(_VALUE_FIELDS) or len(fields & _VALUE_MARKS) >= 2):
        return None  # (指标 | 指标权重 | 计量单位 | 指标性质 |  : its 指标值 lost, read by place or not at all)
    if "name" in fields:
        return cols
    for word in _BARE_NAME_HEADERS:  # the first of these spellings heads the names (绩效指标 | 指标: 指标)
        at = next((c for c, _, text in cols if label_parts(text).key == word), None)
        if at is not None:
            return [(c, "name" if c == at else f, text) for c, f, text in cols]
    return None


_LEVEL_FIELDS = frozenset({"level1", "level2", "level1_code", "level2_code"})
#: Columns that print beside an indicator's value (a header naming two of them heads an indicator grid).
_VALUE_MARKS = frozenset({"weight", "measure_unit", "operator", "nature", "direction"})


def levels_near(sheet: FormSheet, r: int) -> bool:
    """Does this row or the next name a level column, in any cell (a header over two rows: 一级指标
    merged down beside 三级指标 | 指标值, or 指标名称 merged over 一级 | 二级 | 三级)? Then the grid
    prints its levels and is no level-less one."""
    for rr in (r, r + 1):
        if rr < len(sheet.rows) and any(
                sheet.own(rr, c) and (text := sheet.text(rr, c)) and len(text) <= 40 and field_of(text) in _LEVEL_FIELDS
                for c in range(len(sheet.rows[rr]))):
            return True
    return False


#: How many rows under a two-level header are looked at for the level names it holds.
_SHIFT_LOOKAHEAD = 4


def shifted_levels(sheet: FormSheet, r: int, cols: list[tuple[int, str | None, str]]
                   ) -> list[tuple[int, str | None, str]] | None:
    """一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 with no 三级指标 column, the 一级 column holding
    数量指标 / 质量指标 … (level-2 names) and the 二级 column the indicators (some city forms):
    the columns read one level down — 一级 as 二级, 二级 as the indicator name. One of the two headers
    may be lost (blank, or 指标类型 over the level names: a web export): the other names the pair, the
    lost one then read by its place beside it, its cells the level names or the indicators'. None otherwise."""
    fields = [f for _, f, _ in cols]
    if "name" in fields or fields.count("level1") > 1 or fields.count("level2") > 1:
        return None
    if not any(f in _VALUE_FIELDS for f in fields):
        return None
    pair = _shifted_pair(sheet, r, cols)
    if pair is None:
        return None
    c1, c2 = pair
    start = body_start(sheet, r)
    name = _first_level_name(sheet, start, c1)
    if not name or framework.level2_by_name(name) is None or framework.level1_by_name(name) is not None:
        return None
    printed = {(c, f) for c, f, _ in cols}
    if ((c1, "level1") not in printed or (c2, "level2") not in printed) and _first_level_name(sheet, start, c2):
        return None  # (the lost header's column holds levels too: not the indicators)
    texts = {c: text for c, _, text in cols}
    kept = [(c, f, text) for c, f, text in cols if c not in (c1, c2)]
    return sorted([*kept, (c1, "level2", texts.get(c1, "")), (c2, "name", texts.get(c2, ""))])


def _shifted_pair(sheet: FormSheet, r: int, cols: list[tuple[int, str | None, str]]) -> tuple[int, int] | None:
    """The (level, indicator) columns of a two-level grid: 一级指标 and 二级指标 as printed, or one of
    them and the column beside it whose header is blank (left of 二级 also 指标类型 or another header no
    indicator column has)."""
    level1 = next((c for c, f, _ in cols if f == "level1"), None)
    level2 = next((c for c, f, _ in cols if f == "level2"), None)
    if level1 is not None and level2 is not None:
        return (level1, level2) if level1 < level2 else None
    if level1 is not None:
        right = sheet.origin(r, level1)[1] + 1
        while right < len(sheet.rows[r]) and sheet.origin(r, right) == sheet.origin(r, level1):
            right += 1
        return (level1, right) if right < len(sheet.rows[r]) and _blank_header(sheet, r, right) else None
    if level2 is None or level2 == 0:
        return None
    left = sheet.origin(r, level2 - 1)[1]
    field = next((f for c, f, _ in cols if c == left), None)
    if field in _VALUE_FIELDS or field in ("name", "level1", "level2", "goal", "legacy"):
        return None
    return (left, level2) if field is not None or _blank_header(sheet, r, left) else None


def _first_level_name(sheet: FormSheet, start: int, c: int) -> str:
    """The level name the first filled cell of column c from row start prints ('' when it names none)."""
    below = [sheet.text(rr, c) for rr in range(start, min(len(sheet.rows), start + _SHIFT_LOOKAHEAD))]
    first = next((t for t in below if t), "")
    name = level_label(first)[0] if first else ""
    return name if name and (framework.level2_by_name(name) or framework.level1_by_name(name)) else ""


def older_grid(sheet: FormSheet, r: int, cols: list[tuple[int, str | None, str]], *, valued_ok: bool = False
                ) -> list[tuple[int, str | None, str]] | None:
    """An older one-project grid (before the 一级/二级/三级指标 headers): a name column (指标名称, 绩效内容),
    the target right of it headed 绩效目标 / 全年绩效目标 (:func:`grid_target_of`), and the levels left of
    it under headers that do not say so (指标类型, or 绩效目标 over two columns) but holding level names:
    海南 2016 指标类型 | 指标名称 | 绩效目标 | 绩效标准 with 产出指标 / 成效指标; 福建 2017 绩效目标 (over
    投入 | 成本目标) | 评价指标 (目标1, 目标2: ordinals, dropped) | 绩效内容 | 绩效标准 | 全年绩效目标.
    valued_ok: a value header (绩效目标值) may head the target instead (评价内容 over 投入 | 时效目标 |
    绩效内容 | 参考标准 | 绩效目标值), the levels then found by content or no such grid.
    With no level column by content, the row is such a grid printing no levels (指标类型 of 定量/定性 |
    指标名称 | 绩效目标) only when its other headers are all indicator columns (性质, 权重, 单位, 绩效标准 …).
    The columns with their fields, or None: no target column, or other headers — a form whose 绩效目标
    is its goal label has no such header row beside a name column."""
    fields = [f for _, f, _ in cols]
    if "name" not in fields and fields.count("legacy") == 1:  # 指标类型 | 绩效指标 | 绩效目标 (海南 2017)
        cols = [(c, "name" if f == "legacy" else f, text) for c, f, text in cols]
        fields = [f for _, f, _ in cols]
    if fields.count("name") != 1 or _LEVEL_FIELDS & set(fields):
        return None
    name_col = next(c for c, f, _ in cols if f == "name")
    valued = any(f in _VALUE_FIELDS for f in fields)  # 评价内容 | 绩效内容 | 参考标准 | 绩效目标值 (a value header)
    if valued and not valued_ok:
        return None  # (asked so only where no row near names a level: a two-row header's levels are its own)
    target = (next(((c, f, text) for c, f, text in cols if c > name_col and f in _VALUE_FIELDS), None) if valued
              else next(((c, kind, text) for c, _, text in cols if c > name_col and (kind := grid_target_of(text))), None))
    grades = _graded(sheet, r, name_col) if not valued else None
    if target is None and grades is not None:
        target = (-1, None, "")  # 评价标准 over 优 | 良 | 中 | 差 and no target column: no value printed
    if grades is not None and grades != r:
        # the grades on the row under the header (its group's merge lost: a CSV): each band's column is
        # headed by its grade, not by the group over them all
        below = {c: sheet.text(grades, c) for c in range(name_col + 1, len(sheet.rows[grades]))
                 if sheet.own(grades, c) and sheet.text(grades, c) in _GRADES}
        cols = sorted([(c, f, below.pop(c, text)) for c, f, text in cols] + [(c, None, g) for c, g in below.items()])
    if target is None:
        return None
    contents = {c: _column_texts(sheet, r, c) for c in range(name_col)}
    level1 = next((c for c in range(name_col) if _mostly(contents[c], _level1_word)), None)
    if level1 is None and (valued or target[0] < 0):
        return None  # a value header and no level column by content: a grid printing no levels (levelless)
    if level1 is None:
        others = [f for c, f, _ in cols if c not in (name_col, target[0])]
        if not others or not set(others) <= _LEVELLESS_COMPANIONS:
            return None
        level2 = None
    elif level1 > 0 and own_level1_over(contents[level1 - 1], contents[level1]):
        level1, level2 = level1 - 1, level1  # (实施效果指标 | 产出指标: the table's own level 1 left of it)
    else:
        level2 = next((c for c in range(level1 + 1, name_col) if _mostly(contents[c], _level2_name)), None)
    kinds = ({level1: "level1"} if level1 is not None else {}) | ({level2: "level2"} if level2 is not None else {})
    kinds |= {c: "seq" for c in range(name_col)
              if c not in kinds and contents[c] and all(is_ordinal(t) for t in contents[c])}
    by_col = {c: (f, text) for c, f, text in cols}
    out: list[tuple[int, str | None, str]] = []
    for c in sorted(set(by_col) | set(kinds)):
        f, text = by_col.get(c, (None, ""))
        if c == target[0]:
            f = target[1]
        out.append((c, kinds.get(c, f), text))
    return out


#: The grades of an older grid's standards (绩效标准 / 绩效指标评价标准 over 优 | 良 | 中 | 差).
_GRADES = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般", "较差", "好", "及格"})


def _graded(sheet: FormSheet, r: int, name_col: int) -> int | None:
    """Does header row r (the lower row of a two-row header) or the row under it print three grades or
    more right of the name column (优 | 良 | 中 | 差 under 绩效指标评价标准): an older grid whose targets
    are grade bands (河北 2019), no value column — its indicators are read without a target, the bands
    kept as printed. The row printing them, or None."""
    for row in (r, r + 1):
        if row >= len(sheet.rows):
            break
        texts = [t for c in range(name_col + 1, len(sheet.rows[row])) if sheet.own(row, c) and (t := sheet.text(row, c))]
        grades = [t for t in texts if t in _GRADES]
        if len(grades) >= 3 and len(texts) - len(grades) <= 2:
            return row
    return None


#: Headers beside the name and the target of an older grid that prints no levels: indicator columns only.
_LEVELLESS_COMPANIONS = frozenset({"nature", "weight", "measure_unit", "operator", "direction", "extra", "seq"})


#: Rows under a header looked at to tell what a column holds.
_CONTENT_ROWS = 12


def _column_texts(sheet: FormSheet, r: int, c: int) -> list[str]:
    """The texts of column c in the rows under a header row r (its own cells, up to a sign-off or note)."""
    out: list[str] = []
    start = body_start(sheet, r)
    for rr in range(start, min(len(sheet.rows), start + _CONTENT_ROWS)):
        row = [sheet.text(rr, cc) for cc in range(len(sheet.rows[rr])) if sheet.own(rr, cc)]
        if any(is_footer_label(t) or is_note(t) for t in row if t):
            break
        if sheet.own(rr, c) and (text := sheet.text(rr, c)) and not is_page_mark(text):
            out.append(text)  # (a page's mark, -15-, is no text of the column)
    return out


def _level1_word(text: str) -> bool:
    return len(text) <= 20 and framework.level1_by_name(level_label(text)[0]) is not None


def _level2_name(text: str) -> bool:
    return len(text) <= 20 and framework.level2_by_name(level_label(text)[0]) is not None


def _mostly(texts: list[str], test: Callable[[str], bool]) -> bool:
    """Are the first text and most texts of a column of this kind (a later level the framework lacks,
    such as an older 效率指标, is read as printed and reported, not a reason to miss the column)?"""
    return bool(texts) and test(texts[0]) and 2 * sum(1 for t in texts if test(t)) > len(texts)


def header_fields(sheet: FormSheet, r: int) -> list[tuple[int, str | None, str]]:
    out: list[tuple[int, str | None, str]] = []
    prev = None
    prev_text = ""
    for c in range(len(sheet.rows[r])):
        origin = sheet.origin(r, c)
        if origin == prev:
            continue
        prev = origin
        text = sheet.text(r, c)
        same, prev_text = text == prev_text, text
        if not text or not header_sized(text) or same:
            continue  # (the same label in the next cell: a merged header unmerged and filled, one column)
        if r + 1 < len(sheet.rows) and sheet.origin(r + 1, c) == origin:
            continue  # a tall merged label beside the grid (本年度绩效指标), not a column
        out.append((c, field_of(text), text))
    fields = legacy_as_name([f for _, f, _ in out], [text for _, _, text in out])
    if "name" not in fields and fields.count("legacy") == 1:
        at = fields.index("legacy")
        if _names_below(sheet, r, out[at][0]):
            fields[at] = "name"  # 绩效指标 | 计量单位 | 指标值 over the indicators' names: the name column
    found = [(c, f, text) for (c, _, text), f in zip(out, fields, strict=True)]
    names = []
    for part in _halves(found):  # (中期 | 年度 halves, each with its names' header blank: 六安)
        name = name_by_place({f: c for c, f, _ in reversed(part) if f}, lambda c: _blank_header(sheet, r, c),
                             lambda c: [t for rr in range(r + 1, min(len(sheet.rows), r + 4)) if (t := sheet.text(rr, c))],
                             len(sheet.rows[r]), lambda c: sheet.text(r, c))
        names += [(name, "name", sheet.text(r, name))] if name is not None else []
    placed = {c for c, _, _ in names}  # (a placed column headed by a word not known: the names, not an extra)
    return sorted([*(entry for entry in found if entry[0] not in placed), *names])  # 一级 | 二级 |  | 指标值


def _halves(found: list[tuple[int, str | None, str]]) -> list[list[tuple[int, str | None, str]]]:
    """A header's columns cut where a second half starts (二级指标 or 指标值 again after a value column:
    中期 | 年度 side by side); one part for a header of one half."""
    seen: set[str] = set()
    for k, (_, f, _) in enumerate(found):
        if f in ("level2", "name", *_VALUE_FIELDS) and f in seen and seen & set(_VALUE_FIELDS):
            return [found[:k], found[k:]]
        seen.add(f or "")
    return [found]


def _blank_header(sheet: FormSheet, r: int, c: int) -> bool:
    """Is the header cell (r, c) blank and the first column of its cell (not inside a cell merged
    from its left)?"""
    return not sheet.text(r, c) and sheet.origin(r, c)[1] == c


def _names_below(sheet: FormSheet, r: int, c: int) -> bool:
    """Does the cell under the header cell (r, c), outside its merge, hold an indicator's name?"""
    if r + 1 >= len(sheet.rows) or sheet.origin(r + 1, c) == sheet.origin(r, c):
        return False
    return names_an_indicator(sheet.text(r + 1, c))
