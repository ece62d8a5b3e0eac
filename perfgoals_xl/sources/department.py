"""Department-wide tables (部门整体支出绩效目标表 and its 自评表), read from grids (never a path).

A department publishes one beside its project tables (docs/department.md): a key/value block
(部门（单位）名称 | X | 部门编码 | Y, 联系人/联系电话), a 年度预算/资金情况 block (年度资金总额 and
其中 财政拨款/其他资金, sometimes 基本支出/项目支出; values beside their labels or under
them), a 年度主要任务 grid (任务名称 | 主要内容 | 预算金额, sometimes 总额/财政拨款/其他资金),
年度绩效总目标 (long text, the cell right of or below its label) and an indicator grid
(一级 | 二级 | 三级 | 指标值 — or 计算符号 | 指标值 | 度量单位 — | 评(扣)分标准 | 指标解释 | 备注,
levels merged down). The 自评 variant adds 年初预算数/全年预算数/全年执行数 columns to the
budget block, 实际完成情况 beside the goal and 实际完成值/分值/得分/偏差原因 columns.

Labels come from ``vocabulary.DEPARTMENT_LABELS`` / ``TASK_COLUMNS`` (annotations such as
``（必填）`` or ``（万元）`` ignored); indicator columns from the long-format vocabulary. Columns
and labels the model has no field for are kept in ``extras`` by their text. Every value keeps
its cell in ``field_locations``. The result is one :class:`PerfTable` of kind ``department``. The
indicator and 年度主要任务 grids are read by sources/department_grids.py, the block here.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from perfgoals_xl.errors import InputError
from perfgoals_xl.hierarchy_labels import (
    department_from_title,
    names_budget_unit,
    project_from_title,
    target_project_from_title,
)
from perfgoals_xl.model import (
    AMOUNT_LABELS,
    DepartmentPlan,
    Location,
    PerfTable,
    Problem,
)
from perfgoals_xl.sources.department_grids import (
    LABEL_VALUE,
    MAX_TEXT,
    Columns,
    Read,
    amount_in,
    claimed_total,
    header_top,
    indicator_columns,
    parse_amount,
    read_indicators,
    read_tasks,
    task_columns,
    unusable_numbers,
)
from perfgoals_xl.sources.department_levels import has_level_texts, read_level_texts
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.page_chrome import is_page_field, is_page_info
from perfgoals_xl.sources.sheet_view import SheetView, filled_copy, labels_over_values
from perfgoals_xl.sources.vocabulary import (
    DEPARTMENT_TITLE,
    UNIT_LINE,
    YEAR_KEY,
    body_start,
    department_budget_column,
    department_label_of,
    field_of,
    footer_fields,
    form_label_of,
    is_bare_label,
    is_budget_section,
    is_footer_label,
    is_page_widget,
    is_placeholder,
    label_key,
    label_parts,
    no_field_pair,
    numbered_label,
    split_department,
    ticked_choices,
    year_line,
)

#: A line's numbering before its label: (1), （2）, 1., 2、
_NUMBERING = re.compile(r"^[(（]?\d{1,2}[)）.、]?")
#: Rows looked at when judging whether a grid is a department-wide table.
SNIFF_ROWS = 60
TITLE = "部门整体支出绩效目标表"
SELFEVAL_TITLE = "部门整体支出绩效自评表"
_AMOUNT_KEYS = ("total", "fiscal", "fiscal_more", "special", "other", "basic", "project")
_TEXT_KEYS = ("name", "code", "contact", "phone", "goal", "actual_summary")
#: Block fields that are sign-offs too (填报人, 联系电话): also the table's footer, as printed.
_SIGNED = ("contact", "phone")
_BUDGET_FIELDS = ("budget_initial", "budget_adjusted", "budget_executed")
#: Where one cell holding several ``label：value`` pairs splits: blanks before the next short label.
#: A run of blanks is tried once, from its first blank and whole (possessive): a cell of 10^5 blanks
#: costs one pass, not one pass per blank.
#: (a label holds no separator: 年初职工人数: 14 人,人员编制: 9 人 is not split before 人,人员编制)
_PAIR_SPLIT = re.compile(r"(?<![ \u3000\t])[ \u3000\t]++(?=[^\s:：\d,，;；、][^\s:：,，;；、]{0,11}[:：])")


# ── detection ─────────────────────────────────────────────────────────────────────────────────

#: Rows of a department table whose number formats are read (its block and grid).
_FORMATTED_ROWS = 5000


def looks_like_department(grid: Grid) -> bool:
    """Is this grid a department-wide table (部门整体支出绩效目标表 or its 自评表)?

    Either a title naming one (部门整体 …) above an indicator header, or a department block:
    a 部门名称 label with a value and a 年度绩效总目标 / 年度主要任务 label — and no 项目名称
    label with a name beside it (that is a one-project form).
    """
    sheet = SheetView(Grid(sheet=grid.sheet, rows=grid.rows[:SNIFF_ROWS],
                           merged=[m for m in grid.merged if m[0] < SNIFF_ROWS]), None)
    titled = named = planned = project = funded = False
    supervised = True  # the block's name label is a 主管部门 (a project's), not the department's own 部门名称
    for r in range(len(sheet.rows)):
        for c in range(len(sheet.rows[r])):
            if not sheet.own(r, c):
                continue
            text = sheet.text(r, c)
            if not text or len(text) > 60:
                continue
            if DEPARTMENT_TITLE.search(text) and ("绩效" in text or "目标" in text):
                titled = True
            if "整体" in text and (ticked := ticked_choices(text)) and not any("整体" in t for t in ticked):
                project = True  # 填报类型：整体□ 区域√ 项目□ — ticked as a region's or a project's table
            key = department_label_of(text)[0]
            inline = LABEL_VALUE.match(text)
            if key is None and inline:
                key = department_label_of(inline.group(1))[0]
            if key == "name" and (inline or _is_value(_right_text(sheet, r, c))
                                  or (_labels_over_values(sheet, r) and _is_value(sheet.text(r + 1, c)))):
                named = True
                supervised = supervised and label_parts(inline.group(1) if inline else text).key.startswith("主管")
            elif key in ("goal", "tasks"):
                planned = True
            elif key is None and label_key(text) == "project" and (
                    inline or _right_text(sheet, r, c) or (_labels_over_values(sheet, r) and sheet.text(r + 1, c))):
                project = True
            elif not titled and (_PROJECT_TITLE.search(text) or text.startswith("项目负责人")
                                 or (key is None and form_label_of(text)[0] in {"category", "term", "code"})):
                project = True  # 项目绩效目标表, 项目负责人, 项目属性/项目期/项目编码: a project's form naming no project
            elif not titled and (text.startswith("项目资金") or (key is None and form_label_of(text)[0] == "implementer")):
                funded = True  # 项目资金（万元）, 实施单位: a project's, beside a 主管部门 (not a 部门名称)
            elif not titled and _titled_by_project(text):
                project = True  # 禁毒经费绩效自评表, 城乡医疗救助资金绩效目标表: a title naming its project or fund
    if project or (funded and named and supervised):
        return False  # (主管部门 | 某局 with a 项目资金 block or a 实施单位: a project's 自评表 titled above the table)
    header = indicator_columns(sheet, 0)
    return (titled and (header is not None or named)) or (named and planned)


def _titled_by_project(text: str) -> bool:
    """Does a title name a project or a fund (禁毒经费绩效自评表, 城乡医疗救助资金绩效目标表) — not a unit
    (某县民政局2021年度绩效自评表, 中共某县委党校绩效自评表: a department's own table)?"""
    name = project_from_title(text) or target_project_from_title(text)
    bare = _LEADING_YEAR.sub("", name)  # 2021年中职免学费市级配套资金: the year the fund is for, no unit's
    return bool(bare) and not _YEAR.search(bare) and not names_budget_unit(bare) and not department_from_title(text)


#: A year in a name a title gives (某中心2023年度): the title is a unit's table of that year.
_YEAR = re.compile(r"(?:19|20)\d{2}")
#: A year opening a name (2021年中职免学费…): the year of the fund, not a unit's.
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}\s{0,2}年度?")


#: A title naming a project's table (项目绩效目标表, 项目支出绩效目标申报表, 项目支出绩效自评表).
_PROJECT_TITLE = re.compile(r"项目(?:支出)?绩效(?:目标|自评)(?:申报)?表")


def _is_value(text: str) -> bool:
    """Is a text right of a label its value — not blank, and no label or column header itself (单位名称 |
    年度预算安排 | 项目内容 | 年度绩效目标 is a header row, not a 部门名称 with its name)?"""
    return bool(text) and field_of(text) is None and department_label_of(text)[0] is None


def _right_text(sheet: SheetView, r: int, c: int) -> str:
    """The next non-blank cell right of (r, c), outside its merged range ('' when none)."""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        if sheet.origin(r, cc) != own and (text := sheet.text(r, cc)):
            return text
    return ""


def read_department_grids(grids: list[Grid], *, source: str | None, layout: str = "department") -> PerfTable:
    """Read a department-wide table from these grids (sheets, Word tables or PDF pages) into one table.

    The first grid that looks like a department table starts it; the grids after it that hold
    an indicator or task grid continue it (a Word table split across pages).
    """
    read = Read(plan=DepartmentPlan(), problems=[])
    started = False
    others: list[str] = []
    for grid in grids:
        if not started and not looks_like_department(grid):
            continue
        goes_on = started and looks_like_department(grid)
        if goes_on and not _goes_on_a_head(grid, read):
            others.append(grid.sheet or "")  # a second department table: one table per file
            continue
        sheet = SheetView(grid, source)
        # numbers and dates as shown: an 执行率 typed 100% is 1 formatted as a percentage
        sheet.load_number_formats([(r, c) for r in range(min(len(sheet.rows), _FORMATTED_ROWS))
                                   for c in range(len(sheet.rows[r]))])
        head_so_far = not (read.plan.goal or read.plan.indicators or read.plan.tasks)
        if started and not goes_on and not _continues(sheet, goal_ok=head_so_far):
            continue  # an unrelated table after the department table (a project form, a note)
        started = True
        _read_sheet(sheet, read)
    if others:
        read.problems.append(Problem("S11", f"文件中还有 {len(others)} 张部门整体支出绩效目标表（{'、'.join(others[:5])}），"
                                            "只读取了第一张：请每张表分别保存为一个文件", location=read.title_location))
    plan = read.plan
    _add_fiscal_more(read)
    head_only = started and bool(plan.name or plan.amounts.total is not None or plan.budget_executed is not None) \
        and not (plan.indicators or plan.goal or plan.tasks)
    if head_only:  # a table that ends after its head: read what it has, and say so (its findings follow)
        read.problems.append(Problem(
            "S11", f"读取提示：部门整体支出绩效目标表只有表头部分（{_read_part(plan)}），没有年度绩效总目标、"
                   "年度主要任务和绩效指标：表格可能不完整，按已有的部分读取", location=read.title_location or plan.location))
    elif not started or not (plan.indicators or plan.goal or plan.tasks):
        raise InputError(source or "<表格>", "未找到部门整体支出绩效目标表：应有“部门名称”及其右侧的部门名称、"
                                            "“年度绩效总目标”或“年度主要任务”，以及“一级指标/二级指标/三级指标/指标值”表头")
    for seq, ind in enumerate(plan.indicators, start=1):
        ind.seq = seq
    name, code = split_department(plan.name)
    plan.name, plan.code = name, plan.code or code
    source_of_name = "label"
    if not plan.name and read.title and (titled := department_from_title(read.title)):
        plan.name, source_of_name = titled, "title"  # 达州市某局2019年度部门整体支出绩效评价得分表
        if read.title_location is not None:
            plan.field_locations.setdefault("name", read.title_location)
        read.problems.append(Problem("S11", f"读取提示：表中没有部门名称栏，部门名称按标题读作“{titled}”",
                                     location=read.title_location))
    if not plan.name:
        read.problems.append(Problem("S01", "部门整体支出绩效目标表的“部门（单位）名称”为空",
                                     location=plan.location, field="department"))
    plan.values_printed = read.value_columns is not False
    selfeval = read.selfeval or plan.is_selfeval()
    table = PerfTable(department=plan.name, department_code=plan.code, department_source=source_of_name,
                      source_unit=read.money if read.money != "万元" else None, kind="department", plan=plan,
                      title=read.title or (SELFEVAL_TITLE if selfeval else TITLE), amounts=plan.amounts,
                      source=source, layout=layout, problems=read.problems, footer=read.footer,
                      location=read.title_location or plan.location)
    return table


def _add_fiscal_more(read: Read) -> None:
    """政府性基金拨款 (国有资本经营预算) printed beside 一般公共预算: both are 财政拨款, so they are added
    into the plan's fiscal amount, and said."""
    if not read.fiscal_more:
        return
    plan = read.plan
    more = sum((amount for _, amount, _ in read.fiscal_more), Decimal(0))
    base = plan.amounts.fiscal
    plan.amounts.fiscal = more if base is None else base + more
    plan.field_locations.setdefault("fiscal", read.fiscal_more[0][2])
    names = "、".join(f"{label} {amount}" for label, amount, _ in read.fiscal_more[:3])
    read.problems.append(Problem(
        "S11", f"读取提示：{names}计入财政拨款（财政拨款 = 一般公共预算 + 政府性基金等），财政拨款按 "
               f"{plan.amounts.fiscal} 读取", location=read.fiscal_more[0][2]))


def _read_part(plan: DepartmentPlan) -> str:
    """What a cut-off table's head said (for its 读取提示)."""
    parts = [f"部门名称“{plan.name[:40]}”" if plan.name else ""]
    if plan.amounts.total is not None:
        parts.append(f"年度资金总额 {plan.amounts.total}")
    if plan.budget_executed is not None:
        parts.append(f"全年执行数 {plan.budget_executed}")
    return "，".join(p for p in parts if p)


def continues_department(grid: Grid) -> bool:
    """Does this grid, which no layout claims, continue the department table of the grid before it
    (its goal and indicators on the next page, a Word table split in two)? The detector asks."""
    return _continues(SheetView(grid, None))


def _goes_on_a_head(grid: Grid, read: Read) -> bool:
    """Does a grid that looks like a department table of its own go on the one read so far — that
    one only its head block (the page broke after it: 整体绩效目标 and the indicator grid on the next
    page, under a row label naming 部门整体), or its head and goal (the indicator grid alone on the
    next page, under its side label 部门整体支出年度绩效目标) — and this one with no 部门名称 or 编码 of its own?"""
    plan = read.plan
    if plan.indicators or plan.tasks:
        return False
    sheet = SheetView(grid, None)
    if plan.goal and indicator_columns(sheet, 0) is None:
        return False  # (a goal read: only the indicators it lacks go on)
    return _continues(sheet, goal_ok=True)


def _continues(sheet: SheetView, *, goal_ok: bool = False) -> bool:
    """Does a grid after the department table continue it (an indicator or task grid without a
    block of its own — a Word table split across pages), rather than start another table? The
    indicators may also be level rows of one text each (the 2015 申报表): then the goal printed above
    them on the same page (整体绩效目标 | …) is the table's too, as it is after a table read only as far
    as its head (``goal_ok``)."""
    levels = indicator_columns(sheet, 0) is None and task_columns(sheet) is None
    if levels and not has_level_texts(sheet):
        return False
    own_labels = ("name", "code") if levels or goal_ok else ("name", "code", "goal")
    for r in range(min(len(sheet.rows), 10)):
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c) if sheet.own(r, c) else ""
            if text and len(text) <= 40 and (form_label_of(text)[0] == "project"
                                             or department_label_of(text)[0] in own_labels):
                return False
    return True


def _read_sheet(sheet: SheetView, read: Read) -> None:
    """One grid: its title, block, tasks and indicators."""
    n = len(sheet.rows)
    indicator = indicator_columns(sheet, 0)
    grid_rows: set[int] = set()
    if indicator is not None:
        _fields_beside(sheet, indicator, read)
        end = read_indicators(sheet, indicator, read)
        top = min(indicator.top, header_top(sheet, indicator.header))
        grid_rows = set(range(top, end))
        # a second indicator grid below the first (a continued header on the next page)
        while end < n and (more := indicator_columns(sheet, end)) is not None:
            start = min(more.top, header_top(sheet, more.header))
            end = read_indicators(sheet, more, read)
            grid_rows |= set(range(start, end))
    block = [r for r in range(n) if r not in grid_rows]
    if indicator is None:  # no grid: a level's indicators as one text beside it (产出指标 | 指标1…)
        level_rows = read_level_texts(sheet, block, read)
        block = [r for r in block if r not in level_rows]
    _find_unit(sheet, block, read)
    tasks = task_columns(sheet, block)
    task_rows: set[int] = set()
    if tasks is not None:
        task_rows = read_tasks(sheet, tasks, [r for r in block if r > tasks.header], read)
        task_rows |= set(range(min(tasks.top, header_top(sheet, tasks.header)), tasks.header + 1))
    _read_block(sheet, [r for r in block if r not in task_rows], read)


#: Fields a department prints as columns left of its indicator grid (one row, merged down its rows).
_BESIDE_KEYS = frozenset({"name", "code", "goal", *_AMOUNT_KEYS})


def _fields_beside(sheet: SheetView, cols: Columns, read: Read) -> None:
    """A department's fields printed as columns left of its indicator grid, their values merged down
    its rows (湖南 预算公开: 单位编码 | 单位名称 | 资金总额 | 按收入性质分 (一般公共预算 | 政府性基金拨款 | …) |
    按支出性质分 (基本支出 | 项目支出) | 整体绩效目标 | 部门整体支出年度绩效目标 (一级指标 | …)): each
    column's label is the header text over it (the lower header row's, else the upper's: a CSV keeps a
    tall label on the upper row only), its value the first row under the header. Two such columns at
    least, else nothing (a tall section label beside the grid is no field)."""
    first = min(c for k, c in cols.columns.items() if k in ("level1", "level2", "name"))
    data = body_start(sheet, cols.header)  # (after a 栏次 row, 1 | 2 | 3 …, or a spacer row)
    if first < 2 or data >= len(sheet.rows):
        return
    found: list[tuple[str, str, int]] = []
    for c in range(first):
        label = sheet.text(cols.header, c) or (sheet.text(cols.header - 1, c) if cols.header > 0 else "")
        key = department_label_of(label)[0] if label and len(label) <= 40 else None
        if key in _BESIDE_KEYS and (value := sheet.text(data, c)):
            found.append((key, label, c))
    if len(found) < 2:
        return
    # the block's columns are no columns of the indicators (no extra of each row, no value of theirs)
    cols.columns = {k: c for k, c in cols.columns.items() if c >= first}
    cols.extras = {k: c for k, c in cols.extras.items() if c >= first}
    for key, label, c in found:
        value, loc = sheet.text(data, c), sheet.loc(data, c)
        if key in _AMOUNT_KEYS:
            _set_amount(read, key, value, loc, label)
        else:
            _store(read, key, value, loc, label)


# ── the key/value block ──

def _read_block(sheet: SheetView, rows: list[int], read: Read) -> None:
    """Title, unit line, labelled values, the amounts (beside or under their labels) and the
    自评 budget rows (年初预算数 | 全年预算数 | 全年执行数 columns)."""
    plan = read.plan
    used: set[tuple[int, int]] = set()
    budget_cols: dict[str, int] = {}
    bare_line = False  # right under the budget header (or its bare lines): a line without a label is the budget's
    block = set(rows)
    for r in rows:
        cells = [c for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
        if bare_line and r > 0:  # (部门预算执行情况 merged down beside them, split and filled: its copy is no label)
            cells = [c for c in cells if c in budget_cols.values() or not filled_copy(sheet, r - 1, r, c)]
        if bare_line and cells and cells[0] >= min(budget_cols.values()) and "total" not in plan.field_locations \
                and all(c in budget_cols.values() for c in cells):
            # the amounts under the budget header with no label of their own (部门预算执行情况（万元）
            # merged down beside them): the year's whole budget line — only there, not a later row whose
            # texts stand in those columns by chance (年初绩效目标 | 全年(调整)绩效目标 under their heads)
            _block_amount(sheet, r, min(c for c in range(len(sheet.rows[r])) if c not in budget_cols.values()),
                          "total", "", used, block, budget_cols, read)
            used.update((r, c) for c in cells)
            continue
        bare_line = False
        row_budget = _budget_header(sheet, r, cells)
        if len(set(row_budget) & set(_BUDGET_FIELDS)) >= 2:
            budget_cols = row_budget
            bare_line = True
            if "weight" not in budget_cols:  # 预算执行情况(万元)(20分): the block's 分值 in its own label
                _label_weight(sheet, r, cells, read)
            _header_money(sheet, r, cells, read)
            used.update((r, c) for c in cells)
            read.selfeval = True
            continue
        for c in cells:
            if (r, c) in used:
                continue
            text = sheet.text(r, c)
            used.add((r, c))
            year = year_line(text) if len(cells) == 1 else None
            if year is not None:  # （2023年度） under the title, or ending it: kept as printed
                plan.extras.setdefault(YEAR_KEY, year)
                plan.field_locations.setdefault(f"extra:{YEAR_KEY}", sheet.loc(r, c))
            if len(cells) == 1 and DEPARTMENT_TITLE.search(text) and len(text) <= 60 and _better_title(read.title, text):
                read.title, read.title_location = re.sub(r"\s+", "", text), sheet.loc(r, c)
                continue
            if year is not None:
                continue
            unit_line = UNIT_LINE.search(text)
            if unit_line and len(text) <= 20:
                _set_unit(read, unit_line.group(1))
                continue
            key, money = department_label_of(text) if len(text) <= 40 else (None, None)
            if key is None and len(text) <= 40 and (m := LABEL_VALUE.match(text)) \
                    and department_label_of(m.group(1))[0] == "section":
                # 资金来源:(1)财政拨款, 资金结构:(1)基本支出: a section naming its first line
                key, money = department_label_of(_NUMBERING.sub("", m.group(2).strip()))
            if money:
                _set_unit(read, money)
            if key is None:
                if LABEL_VALUE.match(text):
                    _inline_pairs(sheet, r, c, text, read)
                elif len(cells) in (2, 4) and len(text) <= 20 and parse_amount(text, read.money) is None:
                    found = _value_right(sheet, r, c, used)  # a label the model has no field for: kept
                    if found is not None and is_footer_label(text):  # 审核人 | 李四: a sign-off
                        read.footer.setdefault(label_parts(text).key or text.strip(), found[0])
                    elif found is not None:
                        _keep_extra(plan, text, found)
                continue
            if key == "office":  # 财政处室 | …: kept as printed (an empty one gives nothing)
                if (found := _value_right(sheet, r, c, used)) is not None:
                    _keep_extra(plan, text, found)
                continue
            if key == "section" and is_budget_section(text) and parse_amount(_right_text(sheet, r, c), read.money) is not None:
                key = "total"  # 年度预算 | 3724.39: the section's own amount is the year's total
            if key in ("section", "tasks", "indicators"):
                continue
            if key in _AMOUNT_KEYS and not budget_cols and (group := _group_above(sheet, r, c, block)) is not None:
                if key != "total":  # 财政拨款 under 基本支出: a part of that group, kept as printed
                    found = _amount_below(sheet, r, c, used, block)
                    if found is not None:
                        label = group[1] + re.sub(r"[\s:：*]+", "", text)
                        plan.extras.setdefault(label, found[0])
                        plan.field_locations.setdefault(f"extra:{label}", found[1])
                    continue
                key = group[0]  # 合计 under 基本支出: the group's own amount
            if key in _AMOUNT_KEYS:
                _block_amount(sheet, r, c, key, text, used, block, budget_cols, read)
                continue
            if key in ("goal", "actual_summary"):
                found = _goal_right(sheet, r, c, used) or _value_below(sheet, r, c, used, block)
                if found is not None and is_placeholder(found[0]):
                    continue  # 全年（调整）绩效目标 | 无: no goal of its own
            else:
                found = _value_right(sheet, r, c, used)
                if found is None and _labels_over_values(sheet, r) and r + 1 in block:
                    found = _under(sheet, r, c, used)  # 部门名称 | 联系人 over their values
            if key == "total_score":
                if found is not None and (value := claimed_total(found[0])) is not None:
                    plan.total_score = value
                    plan.field_locations["total_score"] = found[1]
                continue
            if found is not None:
                _store(read, key, found[0], found[1], text)
                if key in _SIGNED and is_footer_label(text):  # 填报人 | 张三: the contact, and a sign-off
                    read.footer.setdefault(label_parts(text).key or text.strip(), found[0])
    if plan.location is None and "name" in plan.field_locations:
        plan.location = plan.field_locations["name"]


def _keep_extra(plan: DepartmentPlan, label: str, found: tuple[str, Location]) -> None:
    """A labelled value the plan has no field for, kept by its label as printed (spaces, colons out)."""
    key = re.sub(r"[\s:：*]+", "", label)
    if is_page_field(key, found[0]) or no_field_pair(key, found[0]):
        return  # 发布机构 | 某局, 来源 | 某局: the web page's own, pasted with the table; 年 | 年: headers
    plan.extras.setdefault(key, found[0])
    plan.field_locations.setdefault(f"extra:{key}", found[1])


def _better_title(current: str | None, text: str) -> bool:
    """Is `text` the table's title rather than `current`? The first line naming a department table, unless
    a later one names the table itself (…整体绩效目标表) where the first was a page's heading above it
    (某街道2022年预算整体绩效和部分重点项目绩效公开)."""
    if current is None:
        return True
    return not current.endswith("表") and re.sub(r"\s+", "", text).endswith("表")


def _budget_header(sheet: SheetView, r: int, cells: list[int]) -> dict[str, int]:
    """Row r as the header of a 自评 budget block: the column of each of 年初预算数 / 全年预算数 /
    全年执行数 / 分值 / 执行率 / 得分 (vocabulary.department_budget_column). A 拨付 column (年度拨付金额)
    is the execution when no column says 执行数; a bare subtotal (预算数(A) | 执行数(B), 年初 | 结转 |
    调整 | 小计④) is the budget the execution is measured against: 全年预算数. Empty when the row
    names fewer than two budget columns."""
    found: dict[str, int] = {}
    for c in cells:
        text = sheet.text(r, c)
        if len(text) <= 40 and (key := department_budget_column(text)) is not None:
            found.setdefault(key, c)
    paid, subtotal = found.pop("budget_paid", None), found.pop("budget_subtotal", None)
    if paid is not None:
        found.setdefault("budget_executed", paid)
    if subtotal is not None and subtotal != cells[0] and "budget_executed" in found:
        found.setdefault("budget_adjusted", subtotal)
    return found if len(set(found) & set(_BUDGET_FIELDS)) >= 2 else {}


def _header_money(sheet: SheetView, r: int, cells: list[int], read: Read) -> None:
    """The money unit the budget header row prints — in its own label (预算资金（元）) or a column's
    (全年执行数（元）): the unit of the block's bare amounts, as a 单位：元 line above would be."""
    for c in cells:
        text = sheet.text(r, c)
        money = label_parts(text).money if len(text) <= 40 else None
        if money:
            _set_unit(read, money)
            return


def _label_weight(sheet: SheetView, r: int, cells: list[int], read: Read) -> None:
    """The budget block's 分值 printed in the header row's own label (预算执行情况(万元)(20分))."""
    for c in cells:
        text = sheet.text(r, c)
        if len(text) <= 40 and department_budget_column(text) is None:
            weight = label_parts(text).weight
            if weight is not None:
                read.plan.budget_block.setdefault("weight", f"{weight:g}")
                read.plan.field_locations.setdefault("budget:weight", sheet.loc(r, c))
                read.plan.field_locations.setdefault("budget_block:weight", sheet.loc(r, c))
                return


def _find_unit(sheet: SheetView, rows: list[int], read: Read) -> None:
    """The money unit of bare amounts: a unit line (单位：元) above or in the block."""
    for r in rows:
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c) if sheet.own(r, c) else ""
            if text and len(text) <= 20 and (m := UNIT_LINE.search(text)):
                _set_unit(read, m.group(1))
                return


def _set_unit(read: Read, unit: str) -> None:
    read.money = unit


def _store(read: Read, key: str, text: str, loc: Location, label: str, *, line: int | None = None) -> None:
    """A labelled value into the plan. The first wins and a second one is kept as an extra, except:
    a value from a line alone on its row (`line`: its row; 单位名称:X 填报日期:… above the table) yields
    to the table's own labelled cell and to such a line further down (nearer the table: 单位名称：X
    merged across the table's first row under the page's 单位名称:Y line), and numbered goal labels
    (年度目标1, 年度目标2) give one line each of the goal."""
    plan = read.plan
    if key == "goal" and (m := LABEL_VALUE.match(text)) and department_label_of(m.group(1))[0] == "goal":
        text = m.group(2).strip()  # 年度绩效目标 over ``*年度绩效总目标：…``: the label's own cell under its section
    current = getattr(plan, key)
    numbered = key == "goal" and numbered_label(label)
    if current and key in read.provisional and (line is None or line > read.provisional[key]):
        del read.provisional[key]
        plan.extras.setdefault("表格上方的" + re.sub(r"[\s:：*]+", "", label), current)
        current = None
    if current and numbered and read.numbered_goal:
        plan.goal = f"{current}\n{text}"[:MAX_TEXT]
        return
    if current:
        plan.extras.setdefault(re.sub(r"[\s:：*]+", "", label), text)
        return
    setattr(plan, key, text[:MAX_TEXT])
    plan.field_locations[key] = loc
    if line is not None:
        read.provisional[key] = line
    if key == "goal":
        read.numbered_goal = numbered


def _inline_pairs(sheet: SheetView, r: int, c: int, text: str, read: Read) -> None:
    """``联系人：张三　联系电话：123`` in one cell: every pair a field (or an extra). A cell alone on
    its row (a line above the table) gives values the table's own labelled cells override. The web
    page's own controls, breadcrumb and lines (【字体：大 中 小】, 当前位置：首页 > …, 来源：… 发布时间：…)
    are none."""
    if is_page_widget(text):
        return
    line = all(cc == c or not sheet.text(r, cc) for cc in range(len(sheet.rows[r])) if sheet.own(r, cc))
    if line and is_page_info(text):
        return  # 来源：某院　发布时间：… — the web page's own line above the table, pasted with it
    for piece in _goal_pieces(_PAIR_SPLIT.split(text)[:10]):
        m = LABEL_VALUE.match(piece.strip())
        if not m:
            continue
        key = department_label_of(m.group(1))[0]
        if m.group(1).strip() == "其中" and (inner := LABEL_VALUE.match(m.group(2).strip())):
            m, key = inner, department_label_of(inner.group(1))[0]  # 其中:基本支出:900.47
        value = m.group(2).strip()
        if key in _TEXT_KEYS:
            _store(read, key, value, sheet.loc(r, c), m.group(1), line=r if line else None)
            if key in _SIGNED and is_footer_label(m.group(1)):  # 填报人：张三: the contact, and a sign-off
                for label, signed in (footer_fields(piece.strip()) or {m.group(1).strip(): value}).items():
                    read.footer.setdefault(label, signed)
        elif key in _AMOUNT_KEYS:
            _set_amount(read, key, value, sheet.loc(r, c), None)
        elif key == "section" and is_budget_section(m.group(1)) and parse_amount(value, read.money) is not None:
            _set_amount(read, "total", value, sheet.loc(r, c), None)  # 年度预算：500万元 — the section's own amount
        elif key is None and is_footer_label(m.group(1)):  # 填报日期:…, 单位(盖章):…: a sign-off
            for label, signed in (footer_fields(piece.strip()) or {m.group(1).strip(): value}).items():
                read.footer.setdefault(label, signed)
        elif key in (None, "office") and len(m.group(1)) <= 12 and not is_page_field(m.group(1), value) \
                and not no_field_pair(m.group(1), value):  # (it compares the label without its spaces)
            label = re.sub(r"\s+", "", m.group(1))  # (财政处室：预算科 kept as printed too)
            read.plan.extras.setdefault(label, value)
            read.plan.field_locations.setdefault(f"extra:{label}", sheet.loc(r, c))


def _goal_pieces(pieces: list[str]) -> list[str]:
    """The pairs of one cell with a goal's own numbered parts kept in it (整体绩效目标：目标1:… 目标2:…
    目标3:… — 目标3 is no label of its own): a piece whose label is no field nor sign-off goes on the
    goal or account before it."""
    out: list[str] = []
    open_text = False  # the piece before is a goal or an account, which takes unknown labels' pieces
    for piece in pieces:
        m = LABEL_VALUE.match(piece.strip())
        key = department_label_of(m.group(1))[0] if m else None
        if out and open_text and key is None and not (m and is_footer_label(m.group(1))):
            out[-1] = f"{out[-1]} {piece.strip()}"
            continue
        out.append(piece)
        open_text = key in ("goal", "actual_summary")
    return out


def _value_right(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]],
                 amount: bool = False) -> tuple[str, Location] | None:
    """The next non-blank cell right of (r, c) outside its merged range, unless it is a label (or, for
    an amount's label, a group's head over a row of labels)."""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        origin = sheet.origin(r, cc)
        if origin == own:
            continue
        text = sheet.text(r, cc)
        if not text:
            continue
        if origin in used:
            continue
        if len(text) <= 40 and (department_label_of(text)[0] is not None or is_bare_label(text)):
            return None  # the next label (or any 标签: left blank): this one has no value
        if amount and len(text) <= 20 and parse_amount(text, "万元") is None and _group_header(sheet, r, cc):
            return None  # 资金总额 | 按收入性质分 over 公共财政拨款 | …: a group's head, no value
        used.add(origin)
        return text, sheet.loc(r, cc)
    return None


def _group_header(sheet: SheetView, r: int, c: int) -> bool:
    """Does the short text at (r, c), merged across two columns or more, head a row of labels under it
    (按收入性质分 over 公共财政拨款 | 政府性基金拨款 | …; in a CSV the blank cells after it stand for the
    merge)? The group's head, never a value."""
    origin = sheet.origin(r, c)
    end = min(c + _GROUP_WIDTH, len(sheet.rows[r]))
    span = [cc for cc in range(c, end) if sheet.origin(r, cc) == origin]
    if len(span) == 1:  # its merge lost (a CSV): the blank cells after it
        span += list(itertools.takewhile(lambda cc: sheet.own(r, cc) and not sheet.text(r, cc), range(c + 1, end)))
    if len(span) < 2 or r + 1 >= len(sheet.rows):
        return False
    below = [sheet.text(r + 1, cc) for cc in span if sheet.own(r + 1, cc)]
    return sum(1 for t in below if t and parse_amount(t, "万元") is None) >= 2


def _goal_right(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]]) -> tuple[str, Location] | None:
    """A goal label's text on its right — over every row the label is merged down (目标1 | text,
    目标2 | text): each row's cells joined (a short lead such as 目标1 with ``：``), rows by a line break."""
    own = sheet.origin(r, c)
    lines: list[str] = []
    first: Location | None = None
    rr = r
    while rr < len(sheet.rows) and sheet.origin(rr, c) == own and rr - r < 50:
        texts: list[str] = []
        for cc in range(c + 1, len(sheet.rows[rr])):
            origin = sheet.origin(rr, cc)
            text = sheet.text(rr, cc)
            if origin == own or not text or origin in used or (origin[0] < rr and rr > r):
                continue
            if len(text) <= 40 and department_label_of(text)[0] is not None:
                if texts or rr == r:
                    break
                continue
            used.add(origin)
            first = first or sheet.loc(rr, cc)
            texts.append(text)
        if texts:
            lead = texts[0]
            joined = f"{lead}：{''.join(texts[1:])}" if len(texts) > 1 and len(lead) <= 6 else "".join(texts)
            lines.append(joined)
        elif rr == r:
            return None  # nothing beside the label: its text stands below it
        rr += 1
    return ("\n".join(lines), first) if lines and first is not None else None


_HEADER_ROWS = 3  # header rows a column label may stand over its value
_GROUP_WIDTH = 8  # columns a money group (基本支出 over 合计 | 财政拨款 | …) spans at most


def _labels_only(sheet: SheetView, r: int, seen: dict[int, bool]) -> bool:
    """Is row r a header row: some text, and none of it an amount? (`seen`: each row judged once.)"""
    if r not in seen:
        texts = [t for t in (sheet.text(r, c) for c in range(len(sheet.rows[r]))) if t]
        seen[r] = bool(texts) and all(parse_amount(t, "万元") is None for t in texts)
    return seen[r]


def _amount_below(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]],
                  block: set[int]) -> tuple[str, Location] | None:
    """The amount printed right under a column label of a money grid, within the block."""
    rr = r + 1
    while rr < len(sheet.rows) and sheet.origin(rr, c) == sheet.origin(r, c):
        rr += 1
    if rr not in block or rr >= len(sheet.rows):
        return None
    origin, text = sheet.origin(rr, c), sheet.text(rr, c)
    if not text or origin in used or parse_amount(text, "万元") is None:
        return None
    used.add(origin)
    return text, sheet.loc(rr, c)


def _group_above(sheet: SheetView, r: int, c: int, block: set[int]) -> tuple[str, str] | None:
    """The money group a column label stands under (合计 | 财政拨款 under 基本支出 or 项目支出 merged over
    them): its field and label; None when the cell above is no such group header."""
    own = sheet.origin(r, c)
    rr = own[0] - 1
    if rr not in block or rr < 0:
        return None
    above = sheet.origin(rr, c)
    text = sheet.text(*above)
    if not text and own == (r, c) and above == (rr, c):
        # the merge lost (a CSV, a pasted sheet): the group label left of blank cells, each over a label
        for cc in range(c - 1, max(c - _GROUP_WIDTH, -1), -1):
            if not sheet.text(r, cc):
                return None
            if sheet.text(rr, cc):
                above, text = (rr, cc), sheet.text(rr, cc)
                break
    if not text or len(text) > 20:
        return None
    key = department_label_of(text)[0]
    if key not in ("basic", "project"):
        return None
    # (the group's merged cell reaches a neighbour column: looked at beside c only, never along the row)
    wider = any(0 <= cc < len(sheet.rows[rr]) and sheet.origin(rr, cc) == above and sheet.origin(r, cc) != own
                for cc in (c - 1, c + 1))
    if not wider and c + 1 < len(sheet.rows[rr]) and c + 1 < len(sheet.rows[r]):
        # the merge lost (a CSV, a pasted sheet): the group's next cell blank over this row's next label
        wider = not sheet.text(rr, c + 1) and bool(sheet.text(r, c + 1))
    return (key, re.sub(r"[\s:：*]+", "", text)) if wider else None


def _labels_over_values(sheet: SheetView, r: int) -> bool:
    """Is row r a row of block labels only (部门名称 | 联系人 | 联系电话) over a row of their values — texts
    of their own that are no labels?"""
    return labels_over_values(sheet, r, lambda t: len(t) <= 40 and _block_label(t),
                              lambda t: not (_block_label(t) or LABEL_VALUE.match(t)))


def _under(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]]) -> tuple[str, Location] | None:
    """The text under the label at (r, c) on the row of values below it (its own cell, not yet read)."""
    origin = sheet.origin(r + 1, c)
    text = sheet.text(r + 1, c)
    if not text or origin[0] != r + 1 or origin in used:
        return None
    used.add(origin)
    return text, sheet.loc(r + 1, c)


def _block_label(text: str) -> bool:
    """A label of a department's block or of a project's form (转移支付(项目)名称), no section head."""
    return department_label_of(text)[0] not in (None, "section") or label_key(text) not in (None, "section")


def _value_below(sheet: SheetView, r: int, c: int, used: set[tuple[int, int]],
                 block: set[int]) -> tuple[str, Location] | None:
    """The cell below a column label (年度绩效总目标 over its text), within the block. A label merged
    down over rows (年度总体目标 beside 预期目标 | 实际完成情况) has its values on its right, never below."""
    own = sheet.origin(r, c)
    if r + 1 < len(sheet.rows) and sheet.origin(r + 1, c) == own:
        return None
    for rr in range(r + 1, min(r + 3, len(sheet.rows))):
        origin = sheet.origin(rr, c)
        if origin == own:
            continue
        text = sheet.text(rr, c)
        if (rr not in block or not text or origin in used or department_label_of(text)[0] is not None
                or is_bare_label(text)):
            return None
        if len(text) <= 12 and _right_text(sheet, rr, c):
            return None  # a short label with its value beside it (信息来源 | …): another pair, not this text
        used.add(origin)
        return text, sheet.loc(rr, c)
    return None


def _block_amount(sheet: SheetView, r: int, c: int, key: str, label: str, used: set[tuple[int, int]],
                  block: set[int], budget_cols: dict[str, int], read: Read) -> None:
    """An amount label: its value on the right (or under it); in a 自评 block, its budget columns."""
    plan = read.plan
    if budget_cols:
        values: dict[str, tuple[str, Location]] = {}
        for fname, bc in budget_cols.items():
            text = sheet.text(r, bc)
            if text and sheet.origin(r, bc) != sheet.origin(r, c):
                used.add(sheet.origin(r, bc))
                values[fname] = (text, sheet.loc(r, bc))
        target = values.get("budget_initial") or values.get("budget_adjusted")
        if target is not None:
            _set_amount(read, key, target[0], target[1], None)
        if key != "total" and plan.amounts.total is None and "total" not in plan.field_locations:
            # no 年度资金总额 line above (整体支出规模 | 资金来源:(1)财政拨款 …): the first line's 执行率 stands
            for fname in ("weight", "rate", "score"):
                if fname in values and not is_placeholder(values[fname][0]):
                    plan.budget_block.setdefault(fname, values[fname][0])
                    plan.field_locations.setdefault(f"budget_block:{fname}", values[fname][1])
        if key == "total":
            unusable_numbers(read, {k: t for k, (t, _) in values.items() if k in ("weight", "score")},
                             {k: loc for k, (_, loc) in values.items()}, "预算执行情况的")
            for fname, (text, loc) in values.items():
                if fname in ("weight", "rate", "score"):  # 分值 / 执行率 / 得分 of the budget line, as printed
                    if f"budget:{fname}" not in plan.field_locations:  # the total line over a source line above it
                        plan.budget_block[fname] = text           # (财政资金小计 … 合计: 合计's rate stands)
                        plan.field_locations[f"budget:{fname}"] = loc
                        plan.field_locations[f"budget_block:{fname}"] = loc
                    continue
                amount = amount_in(text, None, read)
                if amount is not None and getattr(plan, fname) is None:
                    setattr(plan, fname, amount)
                    plan.field_locations[fname] = loc
        return
    found = _value_right(sheet, r, c, used, amount=True)
    if found is not None and parse_amount(found[0], read.money) is None and department_label_of(found[0])[0] is None:
        # a text beside the label is its value, even when it is not a number (reported)
        _set_amount(read, key, found[0], found[1], label)
        return
    if found is None and not is_bare_label(label):  # (项目支出: with nothing after it has no value below)
        rr = r + 1
        while rr in block and rr < len(sheet.rows) and rr - r <= _HEADER_ROWS and (
                sheet.origin(rr, c) == sheet.origin(r, c) or (not sheet.text(rr, c) and _labels_only(sheet, rr, read.header_rows))):
            rr += 1  # 总额 merged down over the header rows (or its merge lost): its value under them
        origin = sheet.origin(rr, c) if rr < len(sheet.rows) else None
        if rr in block and origin is not None and origin != sheet.origin(r, c) and origin not in used:
            text = sheet.text(rr, c)
            if text and department_label_of(text)[0] is None and not is_bare_label(text) and not (
                    parse_amount(text, "万元") is None and DEPARTMENT_TITLE.search(text)):
                used.add(origin)  # (a title under a page's 财政资金 breadcrumb is no amount of it)
                found = (text, sheet.loc(rr, c))
    if found is not None:
        _set_amount(read, key, found[0], found[1], label)


def _amount_of(plan: DepartmentPlan, key: str) -> Decimal | None:
    """The amount the plan already holds under a key (总计 … 其他资金, 基本支出, 项目支出)."""
    value = getattr(plan.amounts, key, None) if key in AMOUNT_LABELS else getattr(plan, key, None)
    return value if isinstance(value, Decimal) else None


def _set_amount(read: Read, key: str, text: str, loc: Location, label: str | None) -> None:
    plan = read.plan
    if key == "fiscal_more":  # 政府性基金拨款 beside 一般公共预算: part of 财政拨款, added at the end
        amount = amount_in(text, None, read)
        if amount is not None:
            read.fiscal_more.append((re.sub(r"[\s:：*]+", "", label or "政府性基金拨款"), amount, loc))
        return
    if key in plan.field_locations:
        if label and amount_in(text, None, read) != _amount_of(plan, key):
            plan.extras.setdefault(re.sub(r"[\s:：*]+", "", label), text)
        return  # (合计 under 收入构成 and again under 支出构成: the one total, not an extra)
    amount = amount_in(text, None, read)
    if amount is None:
        name = {"basic": "基本支出", "project": "项目支出"}.get(key) or AMOUNT_LABELS[key]
        read.problems.append(Problem("A03", f"{name}“{text}”不是数字", location=loc, raw=text, field=key))
        return
    if key in ("basic", "project"):
        setattr(plan, key, amount)
    else:
        setattr(plan.amounts, key, amount)
    plan.field_locations[key] = loc
