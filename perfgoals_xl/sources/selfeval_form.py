"""The 项目支出绩效自评表 form (one project per sheet), read from a workbook's grids.

Reads the form ``perfgoals score`` writes and provincial forms of the same shape:
labels are found by their text, never by position::

    项目名称 | <name>            主管部门 | <dept>   实施单位 | <implementer>
    … | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分      ← budget header, values below
    … | 预期目标 | 实际完成情况                                         ← goal header, texts below
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    <indicator rows, blank levels continue the row above> … until 总分 / 合计 / 其他需要说明事项 / a blank row

A target or actual merged down over several indicator rows is each row's; a merged 分值 / 得分 is
one score for the group, kept on its first row.

A sheet without a 三级指标 + 实际完成值 header is not a form and is skipped (the 自评汇总
and 问题清单 sheets of our workbook); a workbook without any form is an error naming the
file. Claimed 得分 are kept (Indicator.score) so that PG-E06 can recompute them.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.hierarchy_labels import project_from_title
from perfgoals_xl.model import (
    DepartmentPlan,
    FundUnit,
    Indicator,
    PerfTable,
    Project,
    scoring_sheet,
)
from perfgoals_xl.sources.checks import reading_hints
from perfgoals_xl.sources.grid import Cell, CellFacts, Grid
from perfgoals_xl.sources.grid_split import piece
from perfgoals_xl.sources.level_columns import (
    IMPLIED_LEVEL1_NOTE,
    OPEN_FIELDS,
    content_hint,
    grid_body,
    grid_goes_on,
    imply_level1,
    level1_implied,
    name_by_place,
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
from perfgoals_xl.sources.selfeval_blocks import number, read_top
from perfgoals_xl.sources.sheet_view import SheetView
from perfgoals_xl.sources.vocabulary import (
    UNIT_LINE,
    criteria_as_name,
    field_of,
    footer_row,
    header_sized,
    inline_label_value,
    inline_total,
    is_column_numbers,
    is_footer_label,
    is_header_word,
    is_note,
    is_page_mark,
    is_remarks_label,
    is_subtotal_label,
    is_table_title,
    is_total_cell,
    is_total_label,
    is_unit_only,
    is_void_indicator,
    label_key,
    label_parts,
    legacy_as_name,
    level_label,
    may_hold_values,
    nature_value_header,
    normalise_header,
    sort_qualifiers,
    split_level_code,
    void_row_note,
)
from perfgoals_xl.values import parse_value, value_from_parts

_MAX_ROWS = 5000  # a form longer than this is not a form
_MAX_BLANK_ROWS = 8  # empty template rows inside a grid before it counts as ended
_SPACER_ROWS = 2  # empty rows right under the header that never end the grid (a spacer row left there)
_VALUES = ("annual_value", "value", "period_value")
#: Columns read into the model's own fields; any other header is kept as an extra field.
_KNOWN = {"level1", "level2", "name", *_VALUES, "actual_value", "actual_summary", "weight", "score",
          "deviation_reason", "operator", "measure_unit", "direction", "nature", "seq", "ignored", "level1_code",
          "level2_code", "level1_weight", "level2_weight"}


def _header_columns(row: list) -> dict[str, int]:
    """field → column of a header row (the first column of each field); extras as ``extra:<label>``."""
    cols: dict[str, int] = {}
    names: dict[str, str] = {}  # field → the label that named it
    weights: list[int] = []
    fields = legacy_as_name([field_of(v) if isinstance(v, str) and v.strip() and header_sized(v) else None for v in row],
                            [v if isinstance(v, str) else "" for v in row])
    fields = criteria_as_name([normalise_header(v)[0] if isinstance(v, str) and header_sized(v) else "" for v in row],
                              fields)
    for c, value in enumerate(row):
        if not isinstance(value, str) or not value.strip() or not header_sized(value) or number(value) is not None:
            continue  # (a number is no header: the block's score printed on the header row)
        f = fields[c]
        if f == "weight":
            weights.append(c)
        key = re.sub(r"\s+", "", value) if nature_value_header(value) else label_parts(value).key or value.strip()
        if f is None or f == "extra":  # (年度指标值（定量）| …（定性）: the nature is the label, not a note)
            cols.setdefault(f"extra:{key}", c)
        elif f not in cols:
            cols[f] = c
            names[f] = key
        elif f == "name" and key != names[f]:
            cols.setdefault(f"extra:{key}", c)  # 三级指标 | … | 具体指标: a second name column, kept as printed
    if "actual_value" not in cols and "actual_summary" in cols:
        cols["actual_value"] = cols.pop("actual_summary")  # 实际完成情况 over an indicator grid: the actuals
    if len(weights) > 1:
        _level_weights(cols, weights)
    return cols


#: A 分值 column right of a level column is that level's weight (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值).
_WEIGHT_OF = {"level1": "level1_weight", "level2": "level2_weight", "name": "weight"}


def _level_weights(cols: dict[str, int], weights: list[int]) -> None:
    """Several 分值 columns, one after each level (the 共性指标 scoring table): each is the weight of
    the level column left of it; the indicator's own 分值 the one after its name."""
    del cols["weight"]
    levels = sorted((c, key) for key, c in cols.items() if key in _WEIGHT_OF)
    for w in weights:
        left = [key for c, key in levels if c < w]
        if left:
            cols.setdefault(_WEIGHT_OF[left[-1]], w)


def _is_header(cols: dict[str, int]) -> bool:
    levels = "level1" in cols or "level2" in cols
    if "name" in cols and "actual_value" in cols and (levels or any(k in cols for k in _VALUES)):
        return True
    # an evaluation scoring sheet (决策 / 过程 / 产出 / 效益 …): 三级指标 | 分值 | 评分标准 | 得分, no value
    # column; the 分值 may be printed in the labels instead (三级指标 目标内容(4分) | 自评分: 湖南 计分表)
    return "name" in cols and levels and "score" in cols and not _printed_values(cols)


def _printed_values(cols: dict[str, int]) -> bool:
    """Does the grid print a value column (指标值, 实际完成值, or an unread header that may be one)? None:
    a scoring sheet (model.scoring_sheet)."""
    return any(k in cols for k in (*_VALUES, "actual_value")) or may_hold_values(
        k[6:] for k in cols if k.startswith("extra:"))


#: The parts a merged 年度指标值 is split into on a second header row: 指标性质 | 指标值 | 度量单位.
_VALUE_PARTS = {"operator", "nature", "direction", "value", "measure_unit"}


def _two_rows(upper: list, lower: list) -> dict[str, int]:
    """The columns of a header printed on two rows (绩效指标 | 年度指标值 | 实际完成值 … over
    一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位): the lower row's labels, then the
    upper row's for the columns the lower row leaves blank (merged down from above)."""
    cols = _header_columns(lower)
    taken = set(cols.values())
    above = _header_columns(upper)
    for key, c in above.items():
        if c not in taken and key not in cols:
            cols[key] = c
    if "value" in above and not {"value", "annual_value"} & set(cols):
        # 预期指标值 over 符号 | <blank> | 单位(文字描述): the blank sub-column after the sign is the number
        for c in range(above["value"], len(lower)):
            text = lower[c] if isinstance(lower[c], str) else ""
            if not text.strip():
                cols["value"] = c
                break
            if field_of(text) not in _VALUE_PARTS:
                break
    return cols


def _find_indicator_header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The indicator header's last row and its columns: one row, or two when the header is split
    (a merged 年度指标值 over its 指标性质 | 指标值 | 度量单位 parts, the other labels merged down)."""
    rows = grid.rows[:_MAX_ROWS]
    for r, row in enumerate(rows):
        texts = [v for v in row if isinstance(v, str) and v.strip()]
        if len(texts) < 3:
            continue
        cols = _header_columns(row)
        if (name := name_by_place(cols, lambda c, row=row: not _text_at(row, c),
                                  lambda c, r=r: [t for rw in rows[r + 1:r + 4] if (t := _text_at(rw, c))],
                                  len(row), lambda c, row=row: _text_at(row, c))) is not None:
            cols = {**cols, "name": name}  # 一级指标 | 二级指标 |  | 指标值 (its 三级指标 lost): the names
        placed = {"name": cols["name"]} if name is not None else {}  # (the names by place stay so on two rows)
        if _is_header(cols):
            if r + 1 < len(rows) and (natures := _nature_row(rows[r + 1])):
                return r + 1, _over_natures(cols, natures)  # 年度指标值 over 定量 | 定性
            below = _header_columns(rows[r + 1]) if r + 1 < len(rows) else {}
            # (the lower row may repeat the level heads: WPS「拆分并填充内容」 fills them down)
            if len(_VALUE_PARTS & set(below)) >= 2 and below.get("name", cols["name"]) == cols["name"]:
                return r + 1, {"name": cols["name"], **_two_rows(row, rows[r + 1])}
            if (r + 1 < len(rows) and _word_ends_below(row, rows[r + 1])
                    and (stacked := _stacked_words(row, rows[r + 1], placed)) is not None):
                return r + 1, stacked  # 实际完成 over 值: a header already, and its word goes on below
            return r, cols
        upper = _row_above(rows, r)
        if upper is not None and "name" in cols and len(_VALUE_PARTS & set(cols)) >= 2 \
                and _is_header(both := {**placed, **_two_rows(upper, row)}):
            return r, both
        if upper is not None and len(_LEVEL_KEYS & set(cols)) >= 2 and _parent_row(upper, row) \
                and _is_header(both := {**placed, **_two_rows(upper, row)}):
            return r, both
        if r + 1 < len(rows) and (stacked := _stacked_words(row, rows[r + 1], placed)) is not None:
            return r + 1, stacked
    return None


_LEVEL_KEYS = {"level1", "level2", "name"}


def _nature_row(row: list) -> dict[int, str]:
    """A header's second row naming only the target's natures (定量 | 定性 under 年度指标值): column → its
    word, each once; empty for any other row."""
    texts = {c: v.strip() for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
    if len(texts) < 2 or len(set(texts.values())) != len(texts) or not all(
            nature_value_header(t) for t in texts.values()):
        return {}
    return texts


def _over_natures(cols: dict[str, int], natures: dict[int, str]) -> dict[str, int]:
    """The header's columns with the target group over the nature columns read as those columns, kept by
    their words (``sources/nature_values.py`` takes the filled one): no target column of its own."""
    first, last = min(natures), max(natures)
    out = {k: c for k, c in cols.items() if not (k in _VALUES and first - 1 <= c <= last)}
    for c, word in natures.items():
        out[f"extra:{word}"] = c
    return out


def _row_above(rows: list[list], r: int) -> list | None:
    """The row a header's second row hangs under: the one right above it, or the nearest above one or two
    empty rows (a printed page break between the header's two rows leaves the first one's cut end as an
    empty row: a browser's PDF); None at the top."""
    for above in range(r - 1, max(-1, r - 4), -1):
        if any(v.strip() if isinstance(v, str) else v is not None for v in rows[above]):
            return rows[above]
    return rows[r - 1] if r > 0 else None


def _text_at(row: list, c: int) -> str:
    value = row[c] if c < len(row) else None
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


def _parent_row(upper: list, lower: list) -> bool:
    """Is ``upper`` the top row of a two-row header whose lower row names the levels (绩效指标 merged
    over 一级指标 | 二级指标 | 三级指标, the value, 分值 and 得分 labels merged down beside it)? Its texts
    are short and header words but for one at most (a column the vocabulary has no word for, such as
    计分标准), and one stands over a cell the lower row leaves blank."""
    texts = [(c, v) for c, v in enumerate(upper) if isinstance(v, str) and v.strip()]
    if len(texts) < 2 or any(not header_sized(v) or number(v) is not None for _, v in texts):
        return False
    if sum(1 for _, v in texts if not is_header_word(v)) > 1:
        return False
    return any(c >= len(lower) or not (isinstance(lower[c], str) and lower[c].strip()) for c, _ in texts)


def _word_ends_below(upper: list, lower: list) -> bool:
    """Is ``lower`` only the ends of the header words above it (一级指 | 年度指标 | 实际完成 over 标 | 值 |
    值: a PDF's wrapped header cells cut into two rows)? Two or more short pieces, each completing the
    text above it into a word the vocabulary knows, and nothing else."""
    pieces = [(c, v.strip()) for c, v in enumerate(lower) if isinstance(v, str) and v.strip()]
    return len(pieces) >= 2 and all(
        len(v) <= 8 and c < len(upper) and isinstance(upper[c], str) and upper[c].strip()
        and field_of(upper[c].strip() + v) not in (None, "extra") for c, v in pieces)


def _stacked_words(upper: list, lower: list, placed: dict[str, int]) -> dict[str, int] | None:
    """A header whose words are broken over two rows of separate cells (指标 over 分值, 县级 over 评分,
    the tall cells 一级指标 … merged down or left blank below): each column's two pieces read as one
    word (指标分值, 县级评分) where together they name a column; the header's columns when that makes a
    自评表 header, else None. ``placed``: the names' column read by its place, when its header is blank."""
    joined: list[object] = list(upper)
    pieces = 0
    for c, below in enumerate(lower):
        top = upper[c] if c < len(upper) else None
        if not (isinstance(below, str) and below.strip()):
            continue
        if isinstance(top, str) and top.strip() and len(top) + len(below) <= 40:
            word = top.strip() + below.strip()
            known = [w for w in (word, below.strip()) if field_of(w) not in (None, "extra")]
            if known:  # 指标 over 分值 → 指标分值; 县级 over 自评得分 → 自评得分 (the lower piece a word itself)
                joined[c] = known[0]
                pieces += 1
                continue
        if c >= len(joined) or not (isinstance(joined[c], str) and joined[c].strip()):
            return None  # (a lower row with texts of its own: a data row, no second header row)
    cols = {**placed, **_header_columns(joined)} if pieces >= 2 else {}
    return cols if _is_header(cols) and "score" in cols else None


_SNIFF_ROWS = 400


def is_selfeval_grid(grid: Grid) -> bool:
    """Does this sheet or Word table hold a 自评表 form: a 三级指标 + 实际完成值 header near the top,
    or a budget-execution header (年初预算数 | 全年预算数 | 全年执行数, two of them) under a 项目名称?"""
    head = Grid(sheet=grid.sheet, rows=grid.rows[:_SNIFF_ROWS])
    return _find_indicator_header(head) is not None or _budget_header_row(head) is not None


_BUDGET_FIELDS = frozenset({"budget_initial", "budget_adjusted", "budget_executed"})


def _budget_header_row(grid: Grid) -> int | None:
    """The row naming two or more of 年初预算数 / 全年预算数 / 全年执行数, below a 项目名称 label or a title
    naming the project (重大传染病防治项目绩效自评表, the form printing no 项目名称)."""
    named = False
    for r, row in enumerate(grid.rows):
        fields = {field_of(v) for v in row if isinstance(v, str) and v.strip() and len(v) <= 30}
        if (named and len(fields & _BUDGET_FIELDS) >= 2
                and not fields & {"project", "name", "level1", "level2"}):  # (a long-format header is not)
            return r
        texts = [v for v in row if isinstance(v, str) and v.strip()]
        named = (named or any(label_key(v) == "project" for v in texts)
                 or (len(set(texts)) == 1 and bool(project_from_title(texts[0]))))
    return None


def any_selfeval(grids: list[Grid]) -> bool:
    """Is any of these grids a 自评表 form (the form and Word readers hand such files over here)?"""
    return any(is_selfeval_grid(g) for g in grids)


class _Form:
    """One 自评表 read from a grid: its project, footer and reading hints."""

    def __init__(self, project: Project, footer: dict[str, str], hints: list[str], department: bool = False,
                 money: str | None = None) -> None:
        self.project, self.footer, self.hints, self.department = project, footer, hints, department
        self.money = money  # the budget block's money unit when not 万元 (amounts read in 万元)


def read_form_grid(grid: Grid, file: str | None) -> Project | None:
    """The project of one form sheet, or None when the sheet is not a 自评表 form."""
    form = _read_form(grid, file)
    return form.project if form is not None else None


def _read_form(grid: Grid, file: str | None) -> _Form | None:
    found = _find_indicator_header(grid)
    if found is None:
        return None
    head, cols = found
    printed_header = _header_columns(grid.rows[head])  # (as printed: the columns read later may move)
    sheet = SheetView(grid, file)
    _load_formats(sheet, min(len(sheet.rows), head + 1 + _MAX_ROWS))
    project = Project(name="")
    top = read_top(sheet, head, project)
    if "score" not in cols and top.score_col is not None and top.score_col not in cols.values():
        cols = {**cols, "score": top.score_col}  # the indicators' 得分 under the form's 自评得分 column
    footer = dict(top.footer)
    hints = list(top.hints)
    said = placed_name_hint(cols["name"], sheet.text(head, cols["name"]))
    if said and not (head > 0 and field_of(sheet.text(head - 1, cols["name"])) == "name"):
        _hint(hints, said)  # 一级指标 | 二级指标 |  | 指标值 (or | 考核内容 |): the names by place
    cols = _levels_by_content(sheet, head, cols, hints)
    cols = _level1_under_wide_header(sheet, head, cols, hints)
    if "name" in cols and not any(k in cols for k in _VALUES) and (value := value_by_place(
            sheet, head, head, grid_body(sheet, head + 1, _LEVEL_SNIFF), cols["name"], set(cols.values()),
            {c: k for k, c in cols.items()})) is not None:
        cols = {**cols, "annual_value": value}  # … | 三级指标 |  | 实际完成值 (its header lost): the year's values
        _hint(hints, value_hint(value))
    if "name" in cols and not any(k in cols for k in _VALUES) and (target := _target_by_word(sheet, head, cols)):
        label, value = target  # 三级指标 | 全年预期目标 | 全年实际完成值: the year's targets under a 目标 word
        cols = {**{k: c for k, c in cols.items() if c != value or not (k == "goal" or k.startswith("extra:"))},
                "annual_value": value}
        _hint(hints, target_hint(label))
    value_key = next((k for k in _VALUES if k in cols), None)
    if value_key is not None and not {"operator", "measure_unit"} & set(cols) and (parts := value_parts(
            sheet, head, grid_body(sheet, head + 1), cols[value_key], set(cols.values()))):
        # (the whole grid, not the first rows: an operator column may print its first ≥ far down)
        _hint(hints, parts_hint(sheet.text(head, cols[value_key]), parts))  # 指标值 over ≥ | 500人次
        cols = {**{k: c for k, c in cols.items() if k != value_key},
                **{value_key if key == "value" else key: c for key, c in parts.items()}}
    level_cols = [cols[k] for k in ("level1", "level2") if k in cols]
    cleared: set[int] = set()  # rows whose level cell was the second half of a label (now blank)
    for hint, row in join_split_levels(sheet, level_cols, range(head + 1, min(len(sheet.rows), head + 1 + _MAX_ROWS))):
        _hint(hints, hint)
        cleared.add(row)
    if "name" in cols:
        for hint in centred_levels(sheet, cols.get("level1"), [cols["level2"]] if "level2" in cols else [], cols["name"],
                                   range(head + 1, min(len(sheet.rows), head + 1 + _MAX_ROWS))):
            _hint(hints, hint)
    if "level1" in cols and "level2" in cols:
        for hint in spread_level1_right(sheet, cols["level1"], cols["level2"],
                                        range(head + 1, min(len(sheet.rows), head + 1 + _MAX_ROWS))):
            _hint(hints, hint)
    implied = level1_implied(cols)  # 二级指标 | 三级指标 | … only
    if implied:
        _hint(hints, IMPLIED_LEVEL1_NOTE)
    level1 = level2 = ""
    blank = 0
    printed = _printed_values(cols)
    read = 0  # indicators read under the current header
    lost, last_row = merges_lost(grid), -2  # (the grid row of the last indicator read)
    for r in range(head + 1, min(len(sheet.rows), head + 1 + _MAX_ROWS)):
        texts = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.text(r, c)]
        if not texts and (r in cleared or r - head <= _SPACER_ROWS or _grid_goes_on(sheet, r, cols)):
            continue  # the lower half of a level label, a spacer row under the header, or an empty row
            # with indicators under it
        own = [(c, t) for c, t in texts if sheet.own(r, c)]
        blank = 0 if own else blank + 1
        if not texts or blank > _MAX_BLANK_ROWS:
            break  # the grid has ended (a blank line under it, or only tall labels going on)
        if not own or is_column_numbers(t for _, t in own):
            continue  # an empty row of a template inside the grid, or a 栏次 row (1 | 2 | 3 …)
        if is_subtotal_label(own[0][1]) and _total_row(sheet, r, cols) and grid_goes_on(sheet, r):
            continue  # 小计 closing a level's group, the next group under it: no indicator, no end
        if (any(is_footer_label(t) or is_note(t) for _, t in own) or is_remarks_label(own[0][1])
                or _total_row(sheet, r, cols)):
            _after_grid(sheet, r, cols, project, footer)  # 总分, 其他需要说明事项, 填报人 …: the grid has ended
            break
        if _section_title(sheet, r, own, cols):
            continue  # 项目年度目标1：… across the whole row between two grids: a title, no indicator
        if read and len(own) >= 3 and (new := _next_header(sheet.rows[r], cols, printed_header)) is not None:
            printed = printed and _printed_values(new)  # (a scoring grid's criteria have no values to check)
            cols, level1, level2 = new, "", ""  # a second grid of another header under the first
            if "name" in cols:  # (its level header blank or 指标类型, as the first grid's may be)
                cols = _levels_by_content(sheet, r, cols, hints)
            read = 0  # (the header's own second row, right under it, is no grid of its own)
            _hint(hints, f"第 {r + 1} 行起是另一张指标表（表头不同），按其表头接着读取")
            continue
        if field_of(sheet.text(r, cols["name"])) == "name" or (len(own) >= 3 and all(is_header_word(t) for _, t in own)):
            continue  # a header row: printed again on a PDF's next page (the levels above go on), or a
            # second header row (原因分析 | 改进措施 under a merged 偏差原因 …), not an indicator
        l1 = sheet.text(r, cols["level1"]) if "level1" in cols else ""
        l2 = sheet.text(r, cols["level2"]) if "level2" in cols else ""
        if l2 or (l1 and l1 != level1 and sheet.own(r, cols["level1"])):
            level2 = l2  # a new level-1 without a level-2 of its own starts blank (the same one repeated,
            # filled down while the 二级指标's merge was lost, goes on with its level-2)
        level1 = l1 or level1
        carried = project.indicators[-1].name if project.indicators and _criterion_row(sheet, r, cols) else ""
        ind = _indicator(sheet, r, cols, level1, level2, len(project.indicators) + 1, hints, head, carried)
        if ind is not None:
            if implied and not ind.level1:
                imply_level1(ind)
            before = project.indicators[-1] if project.indicators else None
            if lost and not (l1 or l2) and r == last_row + 1 and (note := mark_value_maybe_shared(before, ind)):
                _hint(hints, note)  # maybe one target merged over this row and the one above
            last_row = r
            if ind.level1_weight is None and before is not None and before.level1 == ind.level1:
                ind.level1_weight = before.level1_weight  # 产出指标(50分) printed once, then 产出指标 repeated
            if (ind.level2_weight is None and before is not None and before.level1 == ind.level1
                    and before.level2 == ind.level2):
                ind.level2_weight = before.level2_weight  # its 分值 column merged down (lost in a CSV)
            project.indicators.append(ind)
            read += 1
    if not grid.merged:
        _scores_over_rows(project.indicators, hints)
    _weights_filled_down(project.indicators, hints)
    project.values_printed = printed
    department = _department_title(sheet, head) or _department_criteria(project)
    if department and not project.name and project.department:
        project.name = project.department  # 部门名称 | <name>: the block is the department's
        project.location = project.field_locations.get("department")
    return _Form(project, footer, hints, department, top.money)


def _target_by_word(sheet: SheetView, head: int, cols: dict[str, int]) -> tuple[str, int] | None:
    """The targets' column of a grid printing none by a known header (:func:`level_columns.target_by_word`):
    right of the names and, when the grid prints its actuals, left of them (预期目标 | 实际完成值)."""
    extras = {k[6:]: c for k, c in cols.items() if k.startswith("extra:")}
    goals = {sheet.text(head, c) or "目标": c for k, c in cols.items() if k == "goal"}
    return target_by_word(cols["name"], extras, goals, cols.get("actual_value"))


#: Rows under the header looked at to tell which column holds the level-1 names.
_LEVEL_SNIFF = 12


def _level1_under_wide_header(sheet: SheetView, head: int, cols: dict[str, int], hints: list[str]) -> dict[str, int]:
    """一级指标 printed over two columns, the left one an empty margin merged down the grid (a side label
    left blank) and the level names in the right one: the level-1 column is the right one. Only when
    the header's own column holds no text under it and the next column has no header of its own."""
    c = cols.get("level1")
    if c is None or c + 1 in cols.values():
        return cols
    if sheet.text(head, c + 1) and sheet.origin(head, c + 1) != sheet.origin(head, c):
        return cols  # (the next column is headed by something else)
    body = grid_body(sheet, head + 1, _LEVEL_SNIFF)
    if any(sheet.own(r, c) and sheet.text(r, c) for r in body):
        return cols
    if not any(sheet.own(r, c + 1) and sheet.text(r, c + 1) for r in body):
        return cols
    _hint(hints, "“一级指标”表头跨两栏，左栏空白：一级指标按右栏读取")
    return {**cols, "level1": c + 1}


def _levels_by_content(sheet: SheetView, head: int, cols: dict[str, int], hints: list[str]) -> dict[str, int]:
    """A level column whose header cell is blank or not a level's wording (``一级指标 |  | 三级指标``,
    ``指标类型 | 二级指标 | 三级指标``) is that level's column when its cells name that level's classes
    (the one rule of :mod:`level_columns`)."""
    claimed = {k: c for k, c in cols.items() if k not in OPEN_FIELDS}  # (指标类型 read as 定量/定性 is open)
    found = sheet_levels(sheet, head, grid_body(sheet, head + 1, _LEVEL_SNIFF), claimed)
    if not found:
        return cols
    for level, cand in found.items():
        _hint(hints, content_hint(level, cand))
    taken = {cand.column for cand in found.values()}
    return {**{k: c for k, c in cols.items() if c not in taken}, **{level: cand.column for level, cand in found.items()}}


def _load_formats(sheet: SheetView, rows: int) -> None:
    """The number formats of the form's number and date cells (its first ``rows`` rows): a 100% or an
    执行率 typed in Excel is 1 formatted as a percentage, a 完成时间 a date formatted 2021年12月."""
    sheet.load_number_formats([(r, c) for r in range(rows) for c in range(len(sheet.rows[r]))])


def _scores_over_rows(indicators: list[Indicator], hints: list[str]) -> None:
    """In a grid without merged cells (a CSV, pasted text: a merged cell's text in its first cell, the rest
    blank): a 得分 above its own 分值, followed by rows with a 分值 and a blank 得分 whose 分值 bring the sum
    up to it, is one 得分 merged down over those rows — they share it, as rows covered by a merged cell do
    (the same cell: ``scoring.claims.shared_groups``), and it is checked against the group, once."""
    n = 0
    while n < len(indicators):
        head = indicators[n]
        at = head.field_locations.get("score")
        if head.score is None or head.weight is None or head.score <= head.weight or at is None:
            n += 1
            continue
        total, k = head.weight, n + 1
        while (k < len(indicators) and total < head.score and indicators[k].score is None
               and indicators[k].weight is not None):
            total += indicators[k].weight
            k += 1
        if k > n + 1 and total >= head.score:
            for ind in indicators[n + 1:k]:
                ind.field_locations["score"] = at
            _hint(hints, f"“{head.name[:20]}”的得分 {head.score:g} 大于其分值 {head.weight:g}，其下 {k - n - 1} 条指标"
                  "没有得分：按合并在这几条指标上的一个得分读取，只计一次")
        n = max(k, n + 1)


def _weights_filled_down(indicators: list[Indicator], hints: list[str]) -> None:
    """A level's 分值 merged down over its rows, the merge undone and its text repeated on each row
    (取消合并并填充, an export): every row of a whole level group carries the same 分值, and that 分值 is
    the level's own printed one (产出指标(50分) over 50 | 50 | 50). It is the group's one 分值 (and a
    得分 repeated the same way its one 得分), read on the first row, as a merged cell is."""
    n = 0
    while n < len(indicators):
        k = n + 1
        for level, weight_of in (("level1", "level1_weight"), ("level2", "level2_weight")):
            k = _filled_run(indicators, n, level)
            head = indicators[n]
            if k - n >= 2 and head.weight is not None and getattr(head, weight_of) == head.weight:
                _share(indicators[n:k], "weight")
                _share(indicators[n:k], "score")
                _hint(hints, f"“{getattr(head, level)[:20]}”下各条指标的分值都是其标明的 {head.weight:g} 分（合并单元格"
                      "拆开后逐行重复）：按这几条指标共用的一个分值读取，只计一次")
                break
        n = max(k, n + 1)


def _filled_run(indicators: list[Indicator], n: int, level: str) -> int:
    """The end of the run from n of a whole level group (the same level, nothing of it before n) whose
    rows all carry the same 分值; n when the group is not whole."""
    head = indicators[n]
    name = getattr(head, level)
    if not name or (n and getattr(indicators[n - 1], level) == name and indicators[n - 1].level1 == head.level1):
        return n
    k = n + 1
    while k < len(indicators) and getattr(indicators[k], level) == name and indicators[k].level1 == head.level1:
        if indicators[k].weight != head.weight:
            return n
        k += 1
    return k


def _share(run: list[Indicator], field: str) -> None:
    """One value printed on each row of a run → the first row's, the others sharing its cell."""
    first = getattr(run[0], field)
    at = run[0].field_locations.get(field)
    if first is None or at is None or any(getattr(ind, field) != first for ind in run[1:]):
        return
    for ind in run[1:]:
        setattr(ind, field, None)
        ind.field_locations[field] = at


def _department_title(sheet: SheetView, head: int) -> bool:
    """Is the form above the grid titled 部门整体支出绩效自评表 (a department's, not a project's)?"""
    for r in range(min(head, 6)):
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c) if sheet.own(r, c) else ""
            if text and len(text) <= 60 and "部门整体" in text and "自评表" in text:
                return True
    return False


def _department_criteria(project: Project) -> bool:
    """An evaluation scoring sheet judging a department by its own criteria (部门预算管理, 部门管理, 部门履职
    …: a level-1 criterion named for the 部门), its title not in the grid (on a page before it): a
    department's 自评表. A project's scoring sheet names its criteria 项目决策, 过程, 产出 …"""
    return scoring_sheet(project) and project.name in ("", None) and any(
        i.level1.startswith("部门") for i in project.indicators)


def _department_table(form: _Form, table: PerfTable) -> PerfTable:
    """A department's 自评表 as the department kind: its block is the plan (scored like a project's)."""
    p = form.project
    table.kind, table.title = "department", "部门整体支出绩效自评表"
    table.department = p.name
    table.plan = DepartmentPlan(name=p.name, amounts=p.amounts, goal=p.goal, indicators=p.indicators,
                                budget_initial=p.budget_initial, budget_adjusted=p.budget_adjusted,
                                budget_executed=p.budget_executed, actual_summary=p.actual_summary,
                                budget_block=p.budget_block, values_printed=p.values_printed, extras=p.extras,
                                location=p.location, field_locations=p.field_locations)
    table.location = p.location
    return table


def _continue(last: Project, more: Project) -> None:
    """What a continuing table says that the project's first table did not (goals, budget, 总分 …)."""
    for key in ("goal", "actual_summary", "budget_initial", "budget_adjusted", "budget_executed", "department",
                "implementer", "code"):
        if not getattr(last, key) and getattr(more, key):
            setattr(last, key, getattr(more, key))
            if key in more.field_locations:
                last.field_locations[key] = more.field_locations[key]
    if last.total_score is None:
        last.total_score = more.total_score
    for key, value in more.budget_block.items():
        last.budget_block.setdefault(key, value)
    for label, value in more.extras.items():
        if label == "总分" or label not in last.extras:
            last.extras[label] = value


#: A line above a form's 项目名称 that belongs to that form: its title, year or money unit line.
_YEAR_LINE = re.compile(r"^[(（]?\s*\d{4}\s*年度?\s*[)）]?$")
#: Lines of title band looked at above a stacked form's 项目名称.
_BAND_ROWS = 6


def stacked_forms(grid: Grid) -> list[Grid]:
    """The 自评表 forms stacked on one grid, each its own grid (its title lines with it): a sheet, a
    Word table or a PDF's stitched pages printing one form under the other, with or without a blank
    row between. A form starts at a 项目名称 label; it is cut off the form above only when both print
    an indicator grid or a budget block (a 项目名称 column or a second label inside one form cuts nothing)."""
    starts = [r for r, row in enumerate(grid.rows[:_MAX_ROWS * 4]) if _names_project(row)]
    if len(starts) < 2:
        return [grid]
    marks = _grid_marks(grid.rows[:_MAX_ROWS * 4])

    def has_grid(a: int, b: int) -> bool:  # an indicator or budget header in rows a..b-1
        i = bisect.bisect_left(marks, a)
        return i < len(marks) and marks[i] < b

    cuts: list[int] = []
    top = starts[0]
    for k, start in enumerate(starts[1:], 1):
        end = starts[k + 1] if k + 1 < len(starts) else len(grid.rows)
        if has_grid(top, start) and has_grid(start, end):
            cuts.append(_band_top(grid.rows, start, cuts[-1] if cuts else 0))
            top = start
    if not cuts:
        return [grid]
    bounds = [0, *cuts, len(grid.rows)]
    whole = _facts_once(grid)
    return [piece(whole, a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _facts_once(grid: Grid) -> Grid:
    """The grid with the number formats of all its number and date cells fetched in one pass (a sheet's
    XML scanned once), not once per stacked form."""
    if grid.facts_loader is None:
        return grid
    wanted = [(r, c) for r, row in enumerate(grid.rows) for c, v in enumerate(row) if isinstance(v, (float, dt.date))]
    known = grid.facts(wanted)

    def load(cells: Iterable[Cell]) -> dict[Cell, CellFacts]:
        return {cell: known[cell] for cell in cells if cell in known}
    return dataclasses.replace(grid, facts_loader=load)


def _names_project(row: list) -> bool:
    """Does a row hold a 项目名称 label (alone, or with its value after a colon; spaced out, 项 目 名 称, too)?"""
    return any(isinstance(v, str) and "称" in v and len(v) <= 80 and label_key(v) == "project" for v in row)


def _grid_marks(rows: list[list]) -> list[int]:
    """The rows (in order) where an indicator header ends (one row, or the lower of two) or a
    budget-execution header stands (年初预算数 | 全年预算数 | 全年执行数): one pass over the grid."""
    marks: list[int] = []
    for r, row in enumerate(rows):
        texts = [v for v in row if isinstance(v, str) and v.strip()]
        if len(texts) < 2:
            continue
        fields = {field_of(v) for v in texts if len(v) <= 30}
        if len(fields & _BUDGET_FIELDS) >= 2 and not fields & {"project", "name", "level1", "level2"}:
            marks.append(r)
            continue
        if len(texts) < 3:
            continue
        cols = _header_columns(row)
        if _is_header(cols) or (r > 0 and "name" in cols and len(_VALUE_PARTS & set(cols)) >= 2
                                and _is_header(_two_rows(_row_above(rows, r) or [], row))):
            marks.append(r)
    return marks


def _band_top(rows: list[list], start: int, floor: int) -> int:
    """The first row of the title lines above a form's 项目名称 row (项目支出绩效自评表, （2022年度）,
    单位：万元, blank rows), never above ``floor`` nor over a sign-off line of the form above."""
    top = start
    while top - 1 > floor and start - top < _BAND_ROWS:
        texts = [v.strip() for v in rows[top - 1] if isinstance(v, str) and v.strip()]
        if len(texts) > 1 or (texts and not _band_line(texts[0])):
            break
        top -= 1
    while top < start and not any(isinstance(v, str) and v.strip() for v in rows[top]):
        top += 1  # blank rows stay with the form above
    return top


def _band_line(text: str) -> bool:
    """A title, year or money-unit line printed above a form (not a sign-off such as 填表人：)."""
    if len(text) > 60 or is_footer_label(text):
        return False
    return is_table_title(text) or bool(_YEAR_LINE.match(text) or UNIT_LINE.search(text))


def _read_head_only(grid: Grid, file: str | None) -> _Form | None:
    """A table holding only the block above the grid (项目名称, 项目资金, 年度总体目标): its project,
    which the next table's indicators continue; None when it names neither a project nor its units."""
    sheet = SheetView(grid, file)
    _load_formats(sheet, min(len(sheet.rows), _MAX_ROWS))
    project = Project(name="")
    top = read_top(sheet, min(len(sheet.rows), _MAX_ROWS), project)
    named = project.name or project.department or project.implementer  # 实施单位 | 主管部门 …, no 项目名称
    return _Form(project, top.footer, top.hints, money=top.money) if named else None


def _footer(texts: list[tuple[int, str]], footer: dict[str, str]) -> None:
    """填报人：张三 联系电话：… or 填报人 | 张三 | 联系电话 | …, 注：… — the table's footer."""
    for label, value in footer_row([t for _, t in texts]).items():
        footer.setdefault(label, value)


def _after_grid(sheet: SheetView, first: int, cols: dict[str, int], project: Project, footer: dict[str, str]) -> None:
    """The rows from the grid's end (its 总分 row, a closing remarks line or its footer): the 总分 row
    → the claimed total (wherever it stands among them); sign-offs and notes → the footer;
    label | text rows (其他需要说明事项, 评价结论, 存在问题, 改进措施 …) → the project's extras."""
    for r in range(first, min(len(sheet.rows), first + _MAX_AFTER)):
        own = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
        if not own:
            continue
        signed = any(is_footer_label(t) or is_note(t) for _, t in own)
        if _total_row(sheet, r, cols):
            if project.total_score is None and "总分" not in project.extras:
                _total(sheet, r, cols, project)
            if not signed:
                continue
        if signed:
            _footer(own, footer)
        elif len(own) == 2 and len(own[0][1]) <= 20 and not is_total_label(own[0][1]):
            label = label_parts(own[0][1]).key or own[0][1]
            project.extras.setdefault(label, own[1][1])
            project.field_locations[f"extra:{label}"] = sheet.loc(r, own[1][0])
        elif len(own) == 1 and is_remarks_label(own[0][1]) and (pair := inline_label_value(own[0][1])):
            label = label_parts(pair[0]).key or pair[0]  # 其他需要说明事项：无 in one cell
            project.extras.setdefault(label, pair[1])
            project.field_locations[f"extra:{label}"] = sheet.loc(r, own[0][0])


_MAX_AFTER = 40  # rows read under a grid for its footer and closing remarks


def _total(sheet: SheetView, r: int, cols: dict[str, int], project: Project) -> None:
    """The 总分 row: the claimed total score, in the 得分 column — or, when that column holds the
    grade (总分(100分) | 100 | 自评等级 | 优), the number right after the 总分 label; a grade with its
    label (自评等级 | 优) is kept as an extra field."""
    where = cols.get("score")
    text = sheet.text(r, where) if where is not None else ""
    value = number(text)
    own = [(c, t) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))]
    label_at = next((c for c, t in own if is_total_label(t)), None)
    if value is None and label_at is not None:
        after = [(c, t) for c, t in own if c > label_at and c != cols.get("weight")]
        if after and (first := number(after[0][1])) is not None:
            value, where = first, after[0][0]
    graded = False
    for (c, t), (nc, nt) in zip(own, own[1:], strict=False):
        if label_at is not None and c > label_at and len(t) <= 12 and _GRADE_LABEL.search(label_parts(t).key):
            project.extras.setdefault(label_parts(t).key, nt)
            project.field_locations[f"extra:{label_parts(t).key}"] = sheet.loc(r, nc)
            graded = True
    if value is None:  # 总分:83 in one cell (merged across the row)
        inline = next(((c, v) for c, t in own if (v := inline_total(t)) is not None), None)
        if inline is not None:
            where, value = inline[0], inline[1]
    if value is not None and 0 <= value <= 1000:
        project.total_score = float(value)
        project.field_locations["total_score"] = sheet.loc(r, where if where is not None else 0)
    elif text and not graded:
        project.extras["总分"] = text  # not a number: kept as printed


#: The label of the grade printed beside the total (自评等级 | 优, 评价等次 | 良).
_GRADE_LABEL = re.compile(r"(?:等级|等次|评级|级别)$")


_HEADER_FIELDS = frozenset({"level1", "level2", "name"})


def _next_header(row: list, cols: dict[str, int], printed: dict[str, int]) -> dict[str, int] | None:
    """The columns of a header row of another grid under the first (a scoring section's 项目权重 |
    评价内容 | 分值 | 自评分 over the indicators' 一级指标 | 二级指标 | 三级指标 | 年初指标值 …), None for
    a data row or the same header printed again (a page's header repeated: the columns as read, or
    as the first header row printed them)."""
    new = _header_columns(row)
    return new if _is_header(new) and new != cols and new != printed else None


def _section_title(sheet: SheetView, r: int, own: list[tuple[int, str]], cols: dict[str, int]) -> bool:
    """One cell alone across the level, name and score columns, no number in it (项目年度目标1：某项目
    between two grids): a section title. An indicator has a name and a value or score of its own."""
    if len(own) != 1 or number(own[0][1]) is not None:
        return False
    spanned = [cols[k] for k in ("level1", "name", "weight", "score") if k in cols]
    return len(spanned) >= 3 and len({sheet.origin(r, c) for c in spanned}) == 1


def _grid_goes_on(sheet: SheetView, r: int, cols: dict[str, int]) -> bool:
    """Is empty row r inside the grid: is the next filled row (within a few) an indicator row — a
    level or 三级指标 cell of its own, and no form label or header (a next form, a next table)? A
    template's empty 指标2 row, or a spacer row, is no end of the grid; the rows after it are read
    (and a 总分 / footer row there still ends it)."""
    places = [cols[k] for k in ("level1", "level2", "name") if k in cols]
    for rr in range(r + 1, min(len(sheet.rows), r + 1 + _MAX_BLANK_ROWS)):
        own = [sheet.text(rr, c) for c in range(len(sheet.rows[rr])) if sheet.own(rr, c) and sheet.text(rr, c)]
        if not own or (len(own) == 1 and is_page_mark(own[0])):
            continue  # (a page's mark, — 1 —, between the grid and its next page: no end)
        if len(own) >= 3 and _is_header(_header_columns(sheet.rows[rr])):
            return True  # the form's next grid under a spacer row (项目年度目标1：…, a blank row, its header)
        if _total_row(sheet, rr, cols):
            return True  # its 总分 row under a spacer row: read there (the claimed total), where the grid ends
        named = any(sheet.own(rr, c) and sheet.text(rr, c) for c in places)
        if named and any(number(sheet.text(rr, cols[k])) is not None for k in ("weight", "score") if k in cols):
            return True  # a scoring row (绩效目标 | 目标内容(4分) | 4): its names look like labels, its score says not
        if any(label_key(t) is not None or field_of(t) in _HEADER_FIELDS for t in own if len(t) <= 40):
            return False
        return named
    return False


def _total_row(sheet: SheetView, r: int, cols: dict[str, int]) -> bool:
    """总分 / 合计 in the first cell or a level or name cell of its own, with no target or actual: the
    claimed total (an indicator named 合计, with its values, stays an indicator). The first cell is
    the row's first filled one: a grid set off by an empty margin or a 序号 column prints 总分 there."""
    first = next((c for c in range(len(sheet.rows[r])) if sheet.text(r, c)), 0)
    places = [first, *(cols[k] for k in ("level1", "level2", "name") if k in cols)]
    if _spans_the_row_head(sheet, r, places, cols):
        return True
    if not any(is_total_cell(sheet.text(r, c)) for c in places if sheet.own(r, c) or c == first):
        return False
    total_cells = {sheet.origin(r, c) for c in places}
    if len(total_cells) < len(set(places)):
        return True  # 总分 merged across the level columns: the total row, whatever it sums
    if _total_merge_lost(sheet, r, first, cols):
        return True
    return not any(sheet.text(r, cols[k]) and sheet.origin(r, cols[k]) not in total_cells
                   for k in (*_VALUES, "actual_value") if k in cols)


_NUMBER = re.compile(r"^[-+]?\d{1,12}(?:\.\d{1,6})?分?$")


def _spans_the_row_head(sheet: SheetView, r: int, places: list[int], cols: dict[str, int]) -> bool:
    """One cell merged across the level, name and value columns, only numbers right of it (分总 | 100 |
    100: a total row whatever its label says — an indicator has a level, a name and a value of its
    own)."""
    values = [cols[k] for k in (*_VALUES, "actual_value") if k in cols]
    spanned = {*places, *values}
    if not values or len(spanned) < 3 or len({sheet.origin(r, c) for c in spanned}) != 1:
        return False
    rest = [sheet.text(r, c) for c in range(max(spanned) + 1, len(sheet.rows[r])) if sheet.own(r, c)]
    return any(rest) and all(not t or _NUMBER.match(t) for t in rest)


def _total_merge_lost(sheet: SheetView, r: int, first: int, cols: dict[str, int]) -> bool:
    """总分 in the row's first cell left of the level columns, the level cells beside it blank and unmerged,
    the 三级指标 cell blank or a bare number (the total): 总分 merged across the level columns, its merge
    lost (a CSV, pasted text: a merged cell's text stands in its first cell) — the total row."""
    levels = [cols[k] for k in ("level1", "level2") if k in cols]
    if not levels or first >= min(levels) or not sheet.own(r, first) or not is_total_label(sheet.text(r, first)):
        return False
    if any(not sheet.own(r, c) or sheet.text(r, c) for c in levels):
        return False
    name = sheet.text(r, cols["name"]) if "name" in cols else ""
    return not name or bool(_NUMBER.match(name))


#: Cells whose text, merged down over several indicator rows, holds for each of them (one target
#: or one actual written once for a group). A merged 分值 / 得分 is the group's ONE score: it stays
#: with the row where it starts, so that totals and checks count it once.
_SHARED_DOWN = frozenset({*_VALUES, "actual_value", "operator", "measure_unit", "nature", "direction"})


def _indicator(sheet: SheetView, r: int, cols: dict[str, int], level1: str, level2: str, seq: int,
               hints: list[str], head: int = -1, carried: str = "") -> Indicator | None:
    """One indicator row (None for a placeholder row). carried: the name of the item above, for a
    scoring row whose name cell is blank (:func:`_criterion_row`)."""
    def get(key: str) -> str:
        c = cols.get(key)
        if c is None:
            return ""
        if key not in {"level1", "level2"} and not sheet.own(r, c) and sheet.origin(r, c)[0] != r:
            if key in _SHARED_DOWN and sheet.origin(r, c)[0] > head:
                return sheet.text(r, c)  # one target / actual merged over the group's rows: each row's
            return ""  # merged down from the row above (a tall label beside the grid): not this row's
        return sheet.text(r, c)

    name = get("name")
    if not name and _own_scoring(sheet, r, cols) and sheet.origin(r, cols["name"])[0] > head:
        name = sheet.text(r, cols["name"])  # 账务管理 merged over two scoring rows, each its 分值 and 得分
    if not name and carried:
        name = carried  # (the same, its merge lost: the name on the first row only)
        _hint(hints, f"评分表中“{carried[:20]}”下一行没有名称、有自己的评分说明、分值和得分：按同一指标的另一评分项读取")
    value_key = next((k for k in _VALUES if k in cols), None)
    target = get(value_key) if value_key else ""
    unit = get("measure_unit")
    if target and is_unit_only(target) and not unit:  # kept as printed, said
        _hint(hints, f"指标值单元格只写了单位“{target}”，没有数值，按原文读取")
    # 符号 / 指标性质 / 指标方向 cells where their content belongs (指标性质 holding 正向, 指标方向 大于等于 …)
    operator, nature_text, direction_text = sort_qualifiers(get("operator"), get("nature"), get("direction"))
    nature, direction = nature_text or None, direction_text or None
    if target and (operator or unit) and not nature:
        target = value_from_parts(operator, target, None if target.endswith(unit) else unit)
    actual = get("actual_value")
    if is_void_indicator(name, (target, actual), (get("weight"), get("score"))):
        if note := void_row_note(name, level2):
            _hint(hints, note)
        return None  # a level with nothing under it (经济效益指标), —, 无, 本项目不适用此指标 | 无: no indicator
    weight, score = number(get("weight")), number(get("score"))
    if weight is None and not get("weight") and (labelled := _weighted_name(name)) is not None:
        name, weight = labelled  # 目标内容(4分) with no 分值 column: the criterion's 分值 in its label
    l1_name, w1, notes1 = level_label(level1)
    l2_name, w2, notes2 = level_label(level2)
    for raw, nm, w, notes in ((level1, l1_name, w1, notes1), (level2, l2_name, w2, notes2)):
        if w is not None or notes:
            _hint(hints, f"层级“{raw}”按“{nm}”读取" + (f"（分值 {w:g}）" if w is not None else "")
                  + (f"，注记“{'、'.join(notes)}”未作为名称" if notes else ""))
    w1 = w1 if w1 is not None else _column_weight(sheet, r, cols.get("level1_weight"))
    w2 = w2 if w2 is not None else _column_weight(sheet, r, cols.get("level2_weight"))
    code1, l1_name = split_level_code(l1_name)
    code2, l2_name = split_level_code(l2_name)
    annual = parse_value(target)
    ind = Indicator(
        seq=seq, level1_code=code1, level1=l1_name, level2_code=code2, level2=l2_name, name=name,
        period_value=annual, annual_value=annual,
        weight=None if weight is None else float(weight),
        direction=direction, nature=nature,
        actual_value=parse_value(actual) if actual else None,
        score=None if score is None else float(score),
        deviation_reason=get("deviation_reason") or None,
        level1_weight=w1, level2_weight=w2,
        location=sheet.loc(r, cols["name"]),
    )
    for key, c in cols.items():
        if key.startswith("extra:") and (text := get(key)):
            ind.extras[key[6:]] = text
            ind.field_locations[key] = sheet.loc(r, c)
    if get("weight") and weight is None:  # kept and said: never silently replaced by a default
        ind.extras.setdefault("分值", get("weight"))
        _hint(hints, f"指标“{name[:20]}”的分值“{get('weight')[:20]}”不是可用的数字，未使用")
    if get("score") and score is None:
        ind.extras.setdefault("得分", get("score"))
        _hint(hints, f"指标“{name[:20]}”的得分“{get('score')[:20]}”不是可用的数字，未核对")
    for key in ("name", "actual_value", "weight", "score", "deviation_reason", "level1", "level2"):
        if key in cols:
            ind.field_locations[key] = sheet.loc(r, cols[key])
    if value_key:
        ind.field_locations["annual_value"] = ind.field_locations["period_value"] = sheet.loc(r, cols[value_key])
    return ind


#: Largest level weight taken from a 分值 column (a total of 100 is the most a level can carry).
_MAX_LEVEL_WEIGHT = 100


#: A weight printed at the end of a name: 目标内容(4分), 决策依据（4分）.
_NAME_WEIGHT = re.compile(r"[(（]\s{0,3}\d{1,3}(?:\.\d{1,2})?\s{0,3}分\s{0,3}[)）]\s{0,3}$")


def _weighted_name(name: str) -> tuple[str, Decimal] | None:
    """A name ending in its weight (目标\n内容\n(4分): a narrow column's label) → (目标内容, 4), or None."""
    if len(name) > 60 or not _NAME_WEIGHT.search(name):
        return None
    bare, weight, _ = level_label(name)
    return (bare, Decimal(str(weight))) if weight is not None and bare else None


def _criterion_row(sheet: SheetView, r: int, cols: dict[str, int]) -> bool:
    """A scoring sheet's row printing no name and no level of its own (the row above's repeated is none)
    but its own criterion text (指标说明 / 评分标准),
    分值 and 得分 (a name merged over two scoring rows, the merge lost in a CSV): another item of the
    indicator above. Only on a sheet printing no target or actual column."""
    if any(k in cols for k in (*_VALUES, "actual_value")) or not _own_scoring(sheet, r, cols):
        return False
    if "name" in cols and sheet.own(r, cols["name"]) and sheet.text(r, cols["name"]):
        return False
    if any(k in cols and sheet.own(r, cols[k]) and (t := sheet.text(r, cols[k])) and t != sheet.text(r - 1, cols[k])
           for k in ("level1", "level2")):
        return False  # (a level of its own; the same levels as the row above, filled down each row, are none)
    return any(k.startswith("extra:") and sheet.own(r, c) and len(sheet.text(r, c)) >= 4 for k, c in cols.items())


def _own_scoring(sheet: SheetView, r: int, cols: dict[str, int]) -> bool:
    """Does row r print its own 分值 and 得分 (cells of its own, numbers), as one item of a scoring sheet?"""
    return all(k in cols and sheet.own(r, cols[k]) and number(sheet.text(r, cols[k])) is not None
               for k in ("weight", "score"))


def _column_weight(sheet: SheetView, r: int, c: int | None) -> float | None:
    """A level's weight in its own 分值 column (merged down over the level's rows), or None."""
    weight = number(sheet.text(r, c)) if c is not None else None
    return float(weight) if weight is not None and 0 < weight <= _MAX_LEVEL_WEIGHT else None


def _hint(hints: list[str], text: str) -> None:
    if text not in hints:
        hints.append(text)


def table_from_grids(grids: list[Grid], path: str | Path | None, layout: str, *,
                     continued: bool = False) -> PerfTable:
    """One table from the forms of several grids (sheets, Word tables or PDF pages); an error
    when there is none. continued: a form without 项目名称 goes on from the one before."""
    path = path if path is not None else "<表格>"
    table = PerfTable(title="项目支出绩效自评表", source=str(path), layout=layout)
    units: dict[str, FundUnit] = {}
    last: Project | None = None
    hints: list[str] = []
    for grid in (part for whole in grids for part in stacked_forms(whole)):
        form = _read_form(grid, str(path))
        if form is None and (continued or _budget_header_row(grid) is not None):
            # a Word table of labels above the grid's own table; a form whose grid is not printed
            form = _read_head_only(grid, str(path))
        if form is None:
            continue
        project = form.project
        for label, value in form.footer.items():
            table.footer.setdefault(label, value)
        if form.money and not table.source_unit:
            table.source_unit = form.money  # amounts printed in 元: read in 万元, the source's unit kept
        if form.department and not table.units:
            if form.hints:
                table.problems.append(reading_hints(form.hints, project.location))
            return _department_table(form, table)
        hints.extend(h for h in form.hints if h not in hints)
        if continued and not project.name and last is not None:
            # (the table before held only the block above the grid; a scoring grid among the tables
            # makes the form a scoring sheet: its criteria print no values to check)
            last.values_printed = project.values_printed if not last.indicators else (
                last.values_printed and project.values_printed)
            for ind in project.indicators:  # the form goes on from the page before
                ind.seq = len(last.indicators) + 1
                last.indicators.append(ind)
            _continue(last, project)
            continue
        last = project
        if not table.department and project.department:
            table.department = project.department
        if project.implementer and project.implementer == project.department:
            project.implementer = None  # 主管部门 and 实施单位 the same unit: the unit is the department
            project.field_locations.pop("implementer", None)
        unit_name = project.implementer or project.department or ""
        unit = units.get(unit_name)
        if unit is None:
            unit = units[unit_name] = FundUnit(name=unit_name)
            table.units.append(unit)
        unit.projects.append(project)
    if not table.units:
        raise InputError(path, "没有找到项目支出绩效自评表：应有“三级指标”“实际完成值”等表头的工作表")
    table.location = table.location or next((p.location for p in table.projects() if p.location), None)
    if hints:
        table.problems.append(reading_hints(hints, table.location))
    return table
