"""A level label printed over two cells, one under the other (``社会公众或服务`` | ``对象满意度指标``).

Narrow columns make a printed 一级/二级 label wrap into the next row's cell. When neither part is
a level of the framework alone but both together are one (by the vocabulary: framework names and
accepted older names), the reader takes them as one label in the upper cell and the lower cell
blank — so the lower row, if it has an indicator, takes the level above — and says so. So too when
the upper part is a short form the vocabulary accepts and the lower part, no level alone, completes
it into a longer name (``生态效益`` | ``指标``: a label of two lines in a cell of two rows, printed to
PDF with a page break between the rows) or gives its weight alone (``效益指标`` | ``(20分)``).
Shared by the grid readers (form, 自评表 form, department); it changes the view only
(:meth:`SheetView.set_text`), never the grid.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Sequence

from perfgoals_xl import framework
from perfgoals_xl.cellref import column_letter
from perfgoals_xl.sources.name_classes import settle_by_name
from perfgoals_xl.sources.row_kinds import (
    is_column_numbers,
    is_footer_label,
    is_level_shaped,
    is_note,
    is_placeholder,
    is_remarks_label,
    is_total_cell,
    level_label,
    split_level_code,
)
from perfgoals_xl.sources.sheet_view import SheetView, own_texts
from perfgoals_xl.sources.vocabulary import is_header_word

#: Longest part looked at (a level name is short; a long cell is a sentence).
_MAX_PART = 30


def known_level(text: str) -> bool:
    """Is this a level-1 or level-2 name of the framework (or an accepted older name)?"""
    name = level_label(text)[0]
    return framework.level1_by_name(name) is not None or framework.level2_by_name(name) is not None


def join_split_levels(sheet: SheetView, cols: Iterable[int], rows: Iterable[int]) -> list[tuple[str, int]]:
    """Join level labels continued in the cell below, in these level columns over these rows;
    returns each join's 读取提示 and the row whose cell was blanked (it may now be empty)."""
    wanted = set(rows)
    said: list[tuple[str, int]] = []
    for c in dict.fromkeys(cols):
        for r in sorted(wanted):
            upper = sheet.text(r, c)
            if not upper or sheet.origin(r, c)[0] != r or len(upper) > _MAX_PART:
                continue
            below = _next_row(sheet, r, c)
            if below is None or below not in wanted or sheet.origin(below, c)[1] != sheet.origin(r, c)[1]:
                continue
            lower = sheet.text(below, c)
            if not lower or len(lower) > _MAX_PART or known_level(lower) or not known_level(upper + lower) \
                    or (known_level(upper) and not _completes(upper, lower)):
                continue
            sheet.set_text(r, c, upper + lower)
            sheet.set_text(below, c, "")
            said.append((f"层级“{upper}”与下一行的“{lower}”是分两行写的一个名称，按“{upper + lower}”读取", below))
    return said


def _completes(upper: str, lower: str) -> bool:
    """Does the lower part complete a level name the upper part gives short (``生态效益`` |
    ``指标``: an accepted short form, cut where a page break fell between the rows of its cell), or
    give the weight the upper part does not print (``效益指标`` | ``(20分)``)?"""
    name, weight, _ = level_label(upper)
    lower_name, lower_weight, _ = level_label(lower)
    return level_label(upper + lower)[0] != name or (not lower_name and lower_weight is not None and weight is None)


def _next_row(sheet: SheetView, r: int, c: int) -> int | None:
    """The first row under (r, c) whose cell in column c is not part of the same merged range."""
    origin = sheet.origin(r, c)
    rr = r + 1
    while rr < len(sheet.rows) and sheet.origin(rr, c) == origin:
        rr += 1
    return rr if rr < len(sheet.rows) else None


def names_a_level2(text: str) -> bool:
    """Does a level label name a level-2 of the framework itself (社会公众或服务对象满意度指标 names
    服务对象满意度指标), not only a level-1 (满意度指标)?"""
    name = level_label(text)[0]
    level2 = framework.level2_by_name(name) if name and len(name) <= _MAX_PART else None
    return level2 is not None and level2.name in name


def spread_level1_right(sheet: SheetView, level1: int, level2: int, rows: Iterable[int]) -> list[str]:
    """A level-1 cell starting on a row, its level-2 cell right beside it blank (no merge), the level-1's
    text naming a level-2 itself (社会公众或服务对象满意度指标): the cell was merged across both level
    columns and the merge lost (a CSV, pasted text: a merged cell's text stands in its first cell) — the
    level-2 cell reads as the same text, as the merged cell would. Returns the 读取提示 of each."""
    if level2 != level1 + 1:
        return []
    said: list[str] = []
    for r in rows:
        text = sheet.text(r, level1)
        if (not text or sheet.origin(r, level1) != (r, level1) or not sheet.own(r, level2)
                or sheet.text(r, level2) or not names_a_level2(text)):
            continue
        sheet.set_text(r, level2, text)
        said.append(f"一级指标“{text}”也是二级指标的名称，右边的二级指标格空白：按跨两栏的一格读取，二级指标也记为“{text}”")
    return said


def centred_levels(sheet: SheetView, level1: int | None, level2: Sequence[int], name: int,
                   rows: Iterable[int]) -> list[str]:
    """Level columns whose merged cells were split with each label left on the middle row of its group
    (vertically centred text, as a PDF converted to a workbook keeps it): the column's labels can be
    the middle rows of groups tiling the grid, and the first indicator row's level cell is blank and
    its own (a group still merged keeps its label; a first group of one row, its label on the first
    row, leaves the column as printed). Each blank cell of the grid's rows takes the nearest label (a
    tie: the one above, since a centred label stands in the upper middle); a level-1 cell takes the
    level-1 its row's 二级指标 belongs to, where the framework knows it and the column prints it (else
    it stays blank). Changes the view only; returns the 读取提示 said."""
    level_cols = [*level2, *([level1] if level1 is not None else [])]
    if not level_cols:
        return []
    rows = list(rows)
    body = _indicator_rows(sheet, name, level_cols, rows)
    spare = _blank_rows_after(sheet, name, level_cols, rows, body)
    said: list[str] = []
    read_top: list[int] = []  # level-2 columns labelled on their first row, read as printed at the top
    for c in level_cols:
        cells = [(r, sheet.text(r, c)) for r in body]
        if len(cells) < 2 or sheet.origin(body[0], c) != (body[0], c):
            continue
        labels = [(r, text) for r, text in cells if text]
        groups = _centred_groups(sheet, c, body, spare) if labels else None
        if groups is None:
            continue  # (blank cells a centred print cannot explain: the table left those labels out)
        # (the level-1 a row's 二级指标 belongs to, where the column prints the framework's names; a column of
        # the table's own names, 项目完成指标, is read by its tiling alone)
        framework_names = all(framework.level1_by_name(split_level_code(level_label(text)[0])[1]) for _, text in labels)
        parents = _level1_of_rows(sheet, level2[0], body, labels) if c == level1 and level2 and framework_names else {}
        level = "level2" if c in level2 else "level1"
        fill, named = _centred_fill(sheet, c, name, level, cells, groups, parents)
        by_names = False
        if cells[0][1] and not _settles_first_group(cells, {r: p for r, p in parents.items() if sheet.text(r, level2[0])}) \
                and not _past_a_merge(sheet, c, name, body):
            if not _names_say_centred(sheet, name, level, cells, fill):
                read_top += [c] if c in level2 else []
                continue  # (a label on the first row: printed at the top of its group, the usual way)
            by_names = True
        if not fill:
            continue
        for r, label in fill.items():
            sheet.set_text(r, c, label)
        said.append(f"{column_letter(c)} 列的层级名写在各组的中间行、其上留空（合并格拆开后的样子）："
                    + ("空格按该行二级指标所属的一级指标或就近的层级名补齐" if parents else "空格按就近的层级名补齐")
                    + (f"；居中在偶数行组中、上下两可的 {len(named)} 行按指标名称的字样（如 合格率 属质量指标、次数 属"
                       "数量指标）归组" if named else "")
                    + ("；第一组的层级名在首行，按指标名称的字样判断为居中而非写在组首" if by_names else ""))
        if c == level1 and level2:
            for c2 in read_top:
                if _centred_within(sheet, level1, c2, name, body, spare):
                    said.append(f"{column_letter(c2)} 列的层级名也居中写在各组的中间行：有一级指标的首行二级指标格空白，"
                                "按各一级指标组内就近的层级名补齐")
            _carry_down(sheet, level1, level2[0], body)
    return said


def _centred_within(sheet: SheetView, level1: int, c: int, name: int, body: list[int], spare: int) -> bool:
    """A level-2 column labelled on its first row (a first group of one or two rows, as centred as any),
    beside a level-1 column read as centred: centred too when a level-1 group's first row leaves its
    level-2 cell blank (printed at the top, each level-1's first row names its 二级指标). Each level-1
    group's rows are then tiled on their own (a level-2 never runs past its level-1) and filled; False
    when no group's first row is blank or a group's labels fit no tiling (the column is left as it is)."""
    groups: list[list[int]] = []
    for r in body:
        if groups and sheet.text(r, level1) == sheet.text(groups[-1][0], level1):
            groups[-1].append(r)
        else:
            groups.append([r])
    if not any(sheet.origin(g[0], c) == (g[0], c) and not sheet.text(g[0], c) for g in groups):
        return False
    fills: dict[int, str] = {}
    for k, rows in enumerate(groups):
        cells = [(r, sheet.text(r, c)) for r in rows]
        if all(text for _, text in cells) or not any(text for _, text in cells):
            continue
        tiles = _centred_groups(sheet, c, rows, spare if k == len(groups) - 1 else 0)
        if tiles is None:
            return False
        fills |= _centred_fill(sheet, c, name, "level2", cells, tiles, {})[0]
    for r, label in fills.items():
        sheet.set_text(r, c, label)
    return bool(fills)


def _centred_fill(sheet: SheetView, c: int, name: int, level: str, cells: list[tuple[int, str]],
                  groups: dict[int, int], parents: dict[int, str]) -> tuple[dict[int, str], list[int]]:
    """The centred reading of column c: each blank cell → its label (the level-1 its 二级指标 belongs to,
    its group's label, or where the tilings leave it open the one the indicator's name points to, else
    the nearest); and the rows the name settled."""
    labels = [(r, text) for r, text in cells if text]
    at = [r for r, _ in labels]
    fill: dict[int, str] = {}
    named: list[int] = []
    for r, text in cells:
        if text:
            continue
        if r in parents:
            label = parents[r]
        elif r in groups:
            label = sheet.text(groups[r], c)
        else:
            label = _nearest(labels, at, r, lambda options, r=r: settle_by_name(sheet.text(r, name), options, level))
            if label != _nearest(labels, at, r):
                named.append(r)
        if label:
            fill[r] = label
    return fill, named


def _past_a_merge(sheet: SheetView, c: int, name: int, body: list[int]) -> bool:
    """Does an indicator's row with a blank level cell of its own follow a label still merged over its rows
    (资金投入 merged over two rows, then 管理制度 with its level cell blank)? Carried down, the label would
    reach past its own merge: such a column's labels are centred, its merged ones groups of their own."""
    for above, r in zip(body, body[1:], strict=False):
        top = sheet.origin(above, c)
        if (top != (above, c) or _merged_down(sheet, above, c)) and sheet.origin(r, c) == (r, c) \
                and sheet.text(*top) and not sheet.text(r, c) and sheet.text(r, name):
            return True
    return False


def _names_say_centred(sheet: SheetView, name: int, level: str, cells: list[tuple[int, str]], fill: dict[int, str]) -> bool:
    """A column labelled on its first row, read either way (each label at the top of its group, or centred
    in it): centred when on the rows the two readings give different labels the indicators' names point
    to the centred one at least once and to the top one never (数量指标 on the first of two rows, 质量指标
    on the middle of the three below: 验收合格率 on the third row is 质量's)."""
    above, towards, against = "", 0, 0
    for r, text in cells:
        above = text or above
        if text or r not in fill or fill[r] == above or not above:
            continue
        chosen = settle_by_name(sheet.text(r, name), (above, fill[r]), level, strict=True)
        towards += chosen == fill[r]
        against += chosen == above
    return towards > 0 and not against


@functools.lru_cache(maxsize=1024)
def belongs_elsewhere(level1: str, level2: str) -> bool:
    """Does the framework put this 二级指标 under another 一级指标 than this one (社会效益 under 产出指标)?
    False when it knows either of them not (投入, a local level-2)."""
    upper, lower = _classes(level1, level2)
    return upper is not None and lower is not None and lower.parent != upper.code


def belongs_under(level1: str, level2: str) -> bool:
    """Does the framework put this 二级指标 under this 一级指标 (数量指标 under 产出指标)? False when it
    knows either of them not."""
    upper, lower = _classes(level1, level2)
    return upper is not None and lower is not None and lower.parent == upper.code


def _classes(level1: str, level2: str) -> tuple[framework.Level1 | None, framework.Level2 | None]:
    """The framework's classes of a level-1 and a level-2 label as printed (annotations, outline numbers
    and codes aside: 1.产出指标, 1.1数量指标, 产出指标(50分))."""
    upper = framework.level1_by_name(split_level_code(level_label(level1)[0])[1])
    lower = framework.level2_by_name(split_level_code(level_label(level2)[0])[1], upper.code if upper is not None else None)
    return upper, lower


def _settles_first_group(cells: list[tuple[int, str]], parents: dict[int, str]) -> bool:
    """A level-1 column labelled on its first row (a first group of one row, as centred as any) read as
    centred: only when that reading puts fewer rows under a level-1 their 二级指标 does not belong to
    than carrying each label down does (成本指标 on row 1, 产出指标 in the middle of the three rows under
    it: the 数量指标 row right under 成本指标 is 产出's); ``parents``: the rows whose 二级指标 is printed on
    the row itself; a label the framework lacks (投入) conflicts with none."""
    if not parents:
        return False
    known = {text for _, text in cells if text and framework.level1_by_name(level_label(text)[0]) is not None}
    below = [""] * len(cells)
    for k in range(len(cells) - 2, -1, -1):
        below[k] = cells[k + 1][1] or below[k + 1]
    above, carried, centred = "", 0, 0
    for k, (r, text) in enumerate(cells):
        above = text or above
        if text or not parents.get(r):
            continue
        carried += above in known and above != parents[r]  # (投入, a label the framework lacks: no conflict)
        centred += parents[r] not in (above, below[k])  # (a centred label stands above or below its rows)
    return centred < carried


def _carry_down(sheet: SheetView, level1: int, level2: int, body: list[int]) -> None:
    """A 二级指标 column printed at the top of its groups, beside a level-1 column now filled on every
    row: each blank cell takes the label above within the same level-1 (a reader taking a level-1
    on a row as the start of a group would else clear it)."""
    above, group = "", None
    for r in body:
        if sheet.text(r, level1) != group:
            above, group = "", sheet.text(r, level1)
        if sheet.text(r, level2):
            above = sheet.text(r, level2)
        elif above and sheet.origin(r, level2) == (r, level2):
            sheet.set_text(r, level2, above)


def _blank_rows_after(sheet: SheetView, name: int, level_cols: Sequence[int], rows: list[int], body: list[int]) -> int:
    """The template's blank rows right after the grid's body (up to 3): the last group may run over them.
    A grid that ends its sheet with a level's label alone on its last row (no indicator's name) counts 3:
    a file saved without its trailing blank rows (Excel's CSV) lost the rest of that centred group."""
    if not body:
        return 0
    after = rows[rows.index(body[-1]) + 1:][:3]
    spare = 0
    for r in after:
        if sheet.text(r, name) or any(sheet.text(r, c) for c in level_cols):
            break
        spare += 1
    if spare == len(after) and body[-1] + spare + 1 >= len(sheet.rows) and not sheet.text(body[-1], name) \
            and any(sheet.text(body[-1], c) for c in level_cols):
        return 3
    return spare


def _fits_centred(sheet: SheetView, c: int, body: list[int], spare: int = 0) -> bool:
    """Can column c's labels be the middle rows of groups that tile the grid's rows? (:func:`_centred_groups`)"""
    return _centred_groups(sheet, c, body, spare) is not None


def _centred_groups(sheet: SheetView, c: int, body: list[int], spare: int = 0) -> dict[int, int] | None:
    """The groups column c's labels can head as the middle rows of groups tiling the grid's rows: each
    label of its own cell stands at offset ⌊(n - 1) / 2⌋ of a group of n rows; a cell still merged is a
    group of its own; the last group may run over the ``spare`` blank rows after the body (a template's
    unfilled slots). None when no tiling fits; else body row → the body row of its group's label, for
    the rows every fitting tiling puts in the same group (an even group's tie settled by its neighbours:
    a first row of four under a label of one row above is the lower label's). Kept as sets of the rows a
    group may start at (a few at most), forward, then back from the tilings that end the grid."""
    runs: list[tuple[int, int, bool]] = []  # (first, last, merged) in body positions
    for i, r in enumerate(body):
        if not sheet.text(r, c):
            continue
        if runs and sheet.origin(r, c) == sheet.origin(body[runs[-1][0]], c) and sheet.origin(r, c) != (r, c):
            runs[-1] = (runs[-1][0], i, True)
        else:
            runs.append((i, i, sheet.origin(r, c) != (r, c)))
    if not runs:
        return None
    steps: list[dict[int, set[int]]] = []  # per run: start → the ends it may have
    starts = {0}
    for k, (first, last, merged) in enumerate(runs):
        after = runs[k + 1][0] if k + 1 < len(runs) else len(body) + spare
        step: dict[int, set[int]] = {}
        for st in starts:
            if st > first:
                continue
            ends = {last} if merged and st == first else set() if merged else {2 * first - st, 2 * first - st + 1}
            if ends := {e for e in ends if e + 1 <= after}:
                step[st] = ends
        if not step:
            return None
        steps.append(step)
        starts = {e + 1 for ends in step.values() for e in ends}
    finals = {len(body) + k for k in range(spare + 1)}
    if not starts & finals:
        return None
    groups: dict[int, set[int]] = {}  # body position → the runs fitting tilings put it in
    wanted = {f - 1 for f in finals}  # ends of the last run that finish the grid
    for k in range(len(runs) - 1, -1, -1):
        kept_starts = set()
        for st, ends in steps[k].items():
            for e in ends & wanted:
                kept_starts.add(st)
                for i in range(st, min(e, len(body) - 1) + 1):
                    groups.setdefault(i, set()).add(k)
        wanted = {st - 1 for st in kept_starts}
    return {body[i]: body[runs[next(iter(ks))][0]] for i, ks in groups.items() if len(ks) == 1}


def _indicator_rows(sheet: SheetView, name: int, level_cols: Sequence[int], rows: Iterable[int]) -> list[int]:
    """The grid's rows from the first on: rows naming an indicator or a level, and the blank ones between
    them (a template's unfilled slots); up to a total, sign-off or note, a level cell that holds no
    level name (其他需要说明事项 | 无 under the grid), or four rows naming nothing."""
    out: list[int] = []
    blank = 0
    rows = list(rows)
    header = _header_words(sheet, rows[0]) if rows else set()
    for r in rows:
        text = sheet.text(r, name)
        left = [sheet.text(r, c) for c in range(min(min(level_cols), len(sheet.rows[r]))) if sheet.own(r, c)]
        if any(is_total_cell(t) or is_footer_label(t) or is_note(t) for t in [text, *left]) \
                or sheet.origin(r, name)[1] < min(level_cols):
            break  # (a row merged across the grid from its left: 总分, 其他需要说明事项; its merge lost, 总分 | | | 100)
        own = [t for _, t in own_texts(sheet, r)]
        if not out and is_column_numbers(own):
            continue  # a 栏次 row under the header (1 | 2 | 3 …): no row of the grid
        if len(own) >= 2 and all(is_header_word(t) or t in header for t in own):
            continue  # the header printed again on a PDF's next page: no row of the grid (一级指标 no label)
        if any(sheet.origin(r, c) == (r, c) and (t := sheet.text(r, c)) and not _is_level_text(t)
               and not _merged_down(sheet, r, c) and (not text or is_placeholder(text) or is_remarks_label(t)
                                                      or len(t) > _MAX_PART) for c in level_cols):
            break  # (a short label beside an indicator's name, or merged down over its rows, is a group's
            #        whatever its words: 项目完成, 决策 — a closing remark, 其他需要说明事项 | 无, names none)
        if (not text or sheet.origin(r, name)[0] != r) and not any(sheet.text(r, c) for c in level_cols):
            if not out:
                continue  # (rows above the first indicator: a unit's line, a 栏次 row left blank)
            blank += 1
            if blank > 3:
                break
        else:
            blank = 0
        out.append(r)
    return out[:len(out) - blank] if blank else out


def _header_words(sheet: SheetView, first: int) -> set[str]:
    """The texts of the header rows right above row ``first`` (up to 3 rows printing two header words or more):
    the header's own words too (指标值内容), to know the header printed again inside the grid."""
    words: set[str] = set()
    for r in range(max(0, first - 3), first):
        texts = [t for _, t in own_texts(sheet, r)]
        if sum(map(is_header_word, texts)) >= 2:
            words.update(texts)
    return words


def _merged_down(sheet: SheetView, r: int, c: int) -> bool:
    """Is the cell (r, c) the top of a merged range over the rows below it?"""
    return r + 1 < len(sheet.rows) and c < len(sheet.rows[r + 1]) and sheet.origin(r + 1, c) == (r, c)


def _is_level_text(text: str) -> bool:
    """A level name: the framework's, or a table's own short …指标 (level_label drops spaces and breaks), or
    a level printed as its weight alone (``(50分)``: its name lost)."""
    if len(text) > _MAX_PART:
        return False
    name, weight, _ = level_label(text)
    return known_level(text) or is_level_shaped(text) or (not name and weight is not None)


def _nearest(labels: list[tuple[int, str]], at: list[int], r: int,
             settle: Callable[[tuple[str, str]], str | None] = lambda _: None) -> str:
    """The label of the group row r is in, where the tilings leave it open (an even group: its middle
    rows are the label's above or below): the one ``settle`` picks of the two (by the indicator's name,
    :func:`name_classes.settle_by_name`), else the nearest (a tie: the one above); ``at``: the labels'
    rows, in order."""
    i = bisect.bisect_left(at, r)
    if i == 0:
        return labels[0][1]
    if i == len(at):
        return labels[-1][1]
    return settle((labels[i - 1][1], labels[i][1])) or (
        labels[i - 1][1] if r - at[i - 1] <= at[i] - r else labels[i][1])


def _level1_of_rows(sheet: SheetView, level2: int, body: list[int], labels: list[tuple[int, str]]) -> dict[int, str]:
    """Row → the level-1 its 二级指标 belongs to (by the framework), as the column prints it (产出指标(50分));
    blank where the column prints no such label (the table left that level-1 out: 霍山's 产出 rows — a
    defect to report, not a label to move); rows whose 二级指标 is unknown: none."""
    by_code = {}
    for _, text in labels:
        found = framework.level1_by_name(level_label(text)[0])
        if found is not None:
            by_code.setdefault(found.code, text)
    out: dict[int, str] = {}
    above = ""  # (a 二级指标 column printed at the top of its groups: a blank cell is the label above)
    for r in body:
        above = sheet.text(r, level2) or above
        name = level_label(above)[0]
        parent = framework.level2_by_name(name)
        under = [code for code in by_code if (found := framework.level2_by_name(name, code)) and found.parent == code]
        if parent is None and not under:
            continue
        code = parent.parent if parent is not None and parent.parent in by_code else next(iter(under), None)
        out[r] = by_code[code] if code is not None else ""  # (成本指标 under a printed 产出 or 4-成本指标)
    return out
