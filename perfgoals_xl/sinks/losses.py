"""What a long-format output (.csv, or the entry workbook .xlsx) cannot hold exactly, said before
it is written — never a silent loss (docs/csv.md §往返, docs/limits.md). JSON keeps everything.

Both are read back by the long-format reader, which

- strips spaces at either end of every cell (foreign sheets carry stray ones);
- cuts a unit or department label (name with its code) to ``MAX_LABEL`` characters;
- reads a CSV title never (the CSV has no title row), an entry-sheet title only when it reads as
  one (“…绩效目标…表”);
- reads back extra fields (``名称：值`` lines or JSON) only up to ``MAX_EXTRAS_TEXT`` characters;
- knows a unit or project only by its name cell (a blank one continues the one above), takes a
  row without level, name or value for no indicator, levels alone for a placeholder (skipped), a
  blank 一级/二级指标 for the level above, and refuses a table without projects.

The entry workbook besides holds at most 32,767 characters per cell and 15 significant digits
per number (Excel), and it has no ordinal or code columns: two consecutive projects of the same name
come back as one when the first has a single row and nothing else tells them apart, two consecutive
units of the same name when the second has no row of its own amounts, a unit named 合计 or 某某小计
as a 合计/小计 row, a first unit of amounts only named like a department as the department's row, a
name that begins like a code (``101 某单位``) split (the long CSV numbers such units and projects,
``project_no`` / ``unit_no``, and writes such codes apart, 单位编码 …: ``sinks/longform.py``); and
its reader takes the cells above the header for the title, the department and the unit line.
Rows appended below an entry sheet's own header (the 导入 button) lose a scoring sheet's 印有指标值栏
(the file writer puts it right of the table: ``entry.rows.printed_cells``).

:func:`format_losses` gives one Chinese sentence per such loss (`perfgoals import` prints them
as 警告 lines; `perfgoals convert` lists them per file).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from perfgoals_xl.hierarchy_labels import (
    DEPARTMENT_LINE,
    DEPARTMENT_SOURCE_NOTE,
    UNIT_LINE,
    department_from_title,
    has_own_row,
    indicator_content,
    is_department_row,
    is_table_title,
    label_misread,
    project_row_total_kind,
    total_kind,
)
from perfgoals_xl.limits import MAX_LABEL
from perfgoals_xl.longform_cells import MAX_EXTRAS_TEXT, department_label, extras_text, unit_label
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    AMOUNT_LABELS,
    Amounts,
    FundUnit,
    Indicator,
    PerfTable,
    Project,
)
from perfgoals_xl.sinks.longform import codes_apart

#: Most characters an Excel cell holds.
MAX_CELL_CHARS = 32_767
#: What the long-format reader strips from either end of a cell.
_BLANKS = " \t\r\n\u3000\xa0"
#: Output suffixes that are read back by the long-format reader (and so lose what it cannot read).
LONG_FORMAT_SUFFIXES = (".csv", ".xlsx")
_SELFEVAL_AMOUNTS = {"budget_initial": "年初预算数", "budget_adjusted": "全年预算数", "budget_executed": "全年执行数"}


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _project_texts(where: str, project: Project) -> Iterator[tuple[str, str]]:
    yield where + "的项目名称", project.name
    yield where + "的绩效目标", project.goal
    for attr, label in (("code", "项目编码"), ("implementer", "项目实施单位"), ("category", "项目属性"),
                        ("term", "项目期"), ("period_goal", "中期目标"), ("actual_summary", "实际完成情况")):
        yield where + "的" + label, getattr(project, attr) or ""


def _indicator_texts(where: str, ind: Indicator) -> Iterator[tuple[str, str]]:
    at = f"{where}第 {ind.seq if ind.seq is not None else '?'} 条指标"
    for attr, label in (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"),
                        ("level1_code", "一级指标代码"), ("level2_code", "二级指标代码"), ("direction", "指标方向性"),
                        ("nature", "指标性质"), ("deviation_reason", "偏差原因分析及改进措施")):
        yield at + "的" + label, getattr(ind, attr) or ""
    yield at + "的实施周期指标值", ind.period_value.raw or ""
    yield at + "的年度指标值", ind.annual_value.raw or ""
    if ind.actual_value is not None:
        yield at + "的实际完成值", ind.actual_value.raw or ""


def _texts(table: PerfTable, *, title: bool) -> Iterator[tuple[str, str]]:
    """(where, text) of every free text a long-format output writes in a cell of its own."""
    if title:
        yield "表格标题", table.title
    yield "部门名称", table.department
    yield "部门编码", table.department_code or ""
    for unit in table.units:
        yield f"资金使用单位“{_short(unit.name)}”的名称", unit.name
        yield f"资金使用单位“{_short(unit.name)}”的编码", unit.code or ""
        for project in unit.projects:
            where = f"项目“{_short(project.name)}”"
            yield from _project_texts(where, project)
            if project.department:
                yield where + "的项目主管部门", project.department
            yield where + "的项目主管部门编码", project.department_code or ""
            for ind in project.indicators:
                yield from _indicator_texts(where, ind)


def _labels(table: PerfTable, apart: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(where, cell text) of the unit and department labels (name with code), read back cut to MAX_LABEL
    (apart: the CSV's codes written in columns of their own, sinks/longform.codes_apart)."""
    if table.department:
        yield "部门名称", (table.department if "department_code" in apart
                       else department_label(table.department, table.department_code))
    for unit in table.units:
        yield (f"资金使用单位“{_short(unit.name)}”的名称",
               unit.name if "unit_code" in apart else unit_label(unit.name, unit.code))
        for project in unit.projects:
            if project.department:
                yield (f"项目“{_short(project.name)}”的项目主管部门",
                       project.department if "project_department_code" in apart
                       else department_label(project.department, project.department_code))


def _misread_labels(table: PerfTable) -> Iterator[tuple[str, str | None, tuple[str | None, str]]]:
    """(where, code, what the reader takes the label for: code and name) of every unit and department
    label that does not read back as written (hierarchy_labels.label_misread)."""
    if table.department and (got := label_misread(table.department, table.department_code, department=True)):
        yield f"部门“{_short(table.department)}”", table.department_code, got
    for unit in table.units:
        if got := label_misread(unit.name, unit.code):
            yield f"资金使用单位“{_short(unit.name)}”", unit.code, got
        for project in unit.projects:
            if project.department and (got := label_misread(project.department, project.department_code,
                                                            department=True)):
                yield (f"项目“{_short(project.name)}”的项目主管部门“{_short(project.department)}”",
                       project.department_code, got)


def _extras(table: PerfTable) -> Iterator[tuple[str, str]]:
    """(where, cell text) of every extra-fields cell (项目附加字段 / 附加字段)."""
    for project in table.projects():
        where = f"项目“{_short(project.name)}”"
        if project.extras:
            yield where + "的项目附加字段", extras_text(project.extras)
        for ind in project.indicators:
            if ind.extras:
                yield f"{where}第 {ind.seq if ind.seq is not None else '?'} 条指标的附加字段", extras_text(ind.extras)


def _amounts(table: PerfTable) -> Iterator[tuple[str, Decimal]]:
    """(where, amount) of every amount the entry sheet writes as a number."""
    def each(where: str, amounts: Amounts) -> Iterator[tuple[str, Decimal]]:
        for key in AMOUNT_FIELDS:
            value = amounts.get(key)
            if value is not None:
                yield f"{where}的{AMOUNT_LABELS[key]}", value

    yield from each("合计", table.amounts)
    for unit in table.units:
        yield from each(f"资金使用单位“{_short(unit.name)}”", unit.amounts)
        for project in unit.projects:
            where = f"项目“{_short(project.name)}”"
            yield from each(where, project.amounts)
            for key, label in _SELFEVAL_AMOUNTS.items():
                value = getattr(project, key)
                if value is not None:
                    yield f"{where}的{label}", value


#: Said once per ``convert`` run (not once per file) when tables' own titles are not in their CSV.
CSV_TITLE_NOTE = "{count} 个文件的表格标题不写入明细 CSV（CSV 只有一行一指标的数据），读回时为默认标题；标题保留在报表和 JSON 中"


def csv_title_lost(table: PerfTable, suffix: str) -> bool:
    """Does a long-format CSV leave out this table's own title (not the default one)?"""
    return (Path(suffix).suffix or suffix).lower() == ".csv" and table.title != PerfTable.title


def format_losses(table: PerfTable, suffix: str, *, header: bool = True, csv_title: bool = True) -> list[str]:
    """Chinese warnings for what an output of this suffix (``.csv``, ``.xlsx``; a path will do) cannot
    keep exactly; empty for JSON and for a table it keeps whole.

    header=False: the rows only, appended below an entry sheet's own title and department line
    (Excel's 导入 button): nothing is said of the table's title and department cell.
    csv_title=False: a CSV's missing title is left out (``convert`` says it once for the run:
    csv_title_lost, CSV_TITLE_NOTE)."""
    suffix = (Path(suffix).suffix or suffix).lower()
    if suffix not in LONG_FORMAT_SUFFIXES:
        return []
    xlsx = suffix == ".xlsx"
    kind = "填报工作簿" if xlsx else "CSV"
    keeps = "JSON/CSV 可完整保存" if xlsx else "JSON 可完整保存"
    if table.kind == "department":
        return [_department_loss(kind)]
    out: list[str] = []
    default_title = PerfTable.title
    title = header and table.title != default_title
    if title:
        if not xlsx:
            if csv_title:
                out.append(f"表格标题“{_short(table.title)}”不写入 CSV，读回时为默认标题（JSON/填报工作簿可保存）")
        elif not is_table_title(table.title):
            out.append(f"表格标题“{_short(table.title)}”读回填报工作簿时不被识别为标题（应含“绩效目标”或“自评”和“表”），"
                       "将为默认标题（JSON 可完整保存）")
        elif DEPARTMENT_LINE.match(table.title[:MAX_LABEL]):
            out.append(f"表格标题“{_short(table.title)}”读来像“部门名称：…”：读回填报工作簿时不被识别为标题，"
                       "并可能被当作部门名称（JSON 可完整保存）")
    for where, text in _texts(table, title=xlsx and title):
        if not text:
            continue
        if xlsx and len(text) > MAX_CELL_CHARS:
            out.append(f"{where}有 {len(text):,} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS:,}，"
                       f"填报工作簿中将被截断（{keeps}）")
        elif text != text.strip(_BLANKS):
            out.append(f"{where}首尾有空白字符，读回{kind}时会被去掉（JSON 可完整保存）")
        elif not xlsx and "\r" in text:
            out.append(f"{where}含回车符（\\r），读回 CSV 时换行统一为 \\n（JSON 可完整保存）")
    if not table.projects():
        out.append(f"表格没有任何项目：读回{kind}时会因“未读到任何项目”而无法读取（JSON 可完整保存）")
    out += _empty_names(table, kind)
    out += _indicator_rows(table, kind)
    out += _codes_without_names(table, kind)
    if xlsx and header:
        out += _entry_department(table)
    if xlsx and not header:
        out += _unprinted_values(table)
    for where, label in _labels(table, frozenset() if xlsx else codes_apart(table)):
        if len(label.strip(_BLANKS)) > MAX_LABEL:
            out.append(f"{where}（连同编码）有 {len(label):,} 个字符，读回{kind}时只保留前 {MAX_LABEL} 个"
                       "（JSON 可完整保存）")
    for where, text in _extras(table):
        if xlsx and len(text) > MAX_CELL_CHARS:
            out.append(f"{where}共 {len(text):,} 个字符，超过 Excel 单元格上限 {MAX_CELL_CHARS:,}，"
                       f"填报工作簿中将被截断（{keeps}）")
        elif len(text.strip(_BLANKS)) > MAX_EXTRAS_TEXT:
            out.append(f"{where}共 {len(text):,} 个字符，超过可读回的上限 {MAX_EXTRAS_TEXT:,}，"
                       f"读回{kind}时不再拆分为各个字段（JSON 可完整保存）")
    if xlsx:
        for where, value in _amounts(table):
            if value.is_finite() and Decimal(f"{float(value):.15g}") != value:
                out.append(f"{where} {value} 超过 Excel 数字的 15 位有效数字，填报工作簿中将被舍入（JSON/CSV 可完整保存）")
        out += _entry_merges(table)
        out += _entry_hierarchy(table)
        out += _entry_labels(table)
    return out


def _unprinted_values(table: PerfTable) -> list[str]:
    """Rows appended to an entry sheet (the 导入 button): the sheet's own header has no 印有指标值栏
    (the file writer adds it right of the table, entry.rows.printed_cells), so a project of an
    evaluation scoring sheet (no 指标值 column printed) is checked as a target table's again."""
    return [f"项目“{_short(p.name)}”是绩效评价评分表（原表没有指标值栏）：填报表的表头没有“印有指标值栏”，"
            "读回时将按目标表检查并要求年度指标值（JSON/CSV 可完整保存）"
            for p in table.projects() if not p.values_printed]


def _department_loss(kind: str) -> str:
    """A department-wide table in a long-format output: what it keeps and what only JSON keeps."""
    if kind == "CSV":
        return ("部门整体支出绩效目标表：CSV 只保存各条绩效指标（连同部门名称、年度资金总额和年度绩效总目标），"
                "不保存年度主要任务、联系人、基本支出/项目支出等，也不能读回为部门整体表（JSON 可完整保存）")
    return "部门整体支出绩效目标表不能写入填报工作簿（填报工作簿按项目填写），读回时没有任何内容（JSON 可完整保存）"


def _entry_labels(table: PerfTable) -> list[str]:
    """Warnings for unit and department labels (name with code in one cell) the entry workbook's reader
    takes apart otherwise. The CSV writes such codes in columns of their own (单位编码 / 部门编码 /
    项目主管部门编码)."""
    out: list[str] = []
    for where, code, (got_code, got_name) in _misread_labels(table):
        if code and got_code != code:
            what = f"的编码“{_short(code)}”不是 2–20 位数字，读回填报工作簿时不被识别为编码"
        else:
            what = "的名称开头像编码，读回填报工作簿时会被拆开"
        got = f"编码“{got_code}”、名称“{_short(got_name)}”" if got_code else f"名称“{_short(got_name)}”、无编码"
        out.append(f"{where}{what}，将读作{got}（JSON/CSV 可完整保存）")
    return out


def _indicator_rows(table: PerfTable, kind: str) -> list[str]:
    """Warnings for indicators the long-format reader does not read as written: a row without level,
    name or value is no indicator; levels without name and values are a placeholder row (S06,
    skipped); a blank 一级/二级指标 takes the level of the row above (sources/longform.py, _levels)."""
    out: list[str] = []
    for project in table.projects():
        prev: dict[str, str] | Indicator = {}  # the levels (and codes) of the indicator row above, as read
        for k, ind in enumerate(project.indicators, 1):
            if (ind.level1.strip(_BLANKS) and ind.level2.strip(_BLANKS)
                    and (ind.name.strip(_BLANKS) or ind.period_value.raw.strip(_BLANKS)
                         or ind.annual_value.raw.strip(_BLANKS))):
                prev = ind  # (the common row: all written, nothing taken from above)
                continue
            at = f"项目“{_short(project.name)}”第 {ind.seq if ind.seq is not None else k} 条指标"
            if not indicator_content(ind):
                out.append(f"{at}没有一级/二级指标、名称和指标值：读回{kind}时不成为一条指标（JSON 可完整保存）")
                continue
            levels = _written_levels(ind)
            if isinstance(prev, Indicator):
                prev = _written_levels(prev)
            inherited = False
            if prev and "level1" not in levels and "level1_code" not in levels:
                inherited = True
                taken = {key: prev[key] for key in ("level1", "level1_code") if key in prev}
                if taken:
                    out.append(f"{at}的一级指标为空：读回{kind}时会沿用上一行的“{_short(' '.join(taken.values()))}”"
                               "（JSON 可完整保存）")
                levels.update(taken)
            same = inherited or ("level1" in levels and levels["level1"] == prev.get("level1"))
            if same and "level2" not in levels and "level2_code" not in levels:
                taken = {key: prev[key] for key in ("level2", "level2_code") if key in prev}
                if taken:
                    out.append(f"{at}的二级指标为空：读回{kind}时会沿用上一行的“{_short(' '.join(taken.values()))}”"
                               "（JSON 可完整保存）")
                levels.update(taken)
            prev = levels
            if not any(text.strip(_BLANKS) for text in (ind.name, ind.period_value.raw, ind.annual_value.raw)):
                out.append(f"{at}只有一级/二级指标，没有名称和指标值：读回{kind}时会被当作占位行跳过（JSON 可完整保存）")
    return out


def _written_levels(ind: Indicator) -> dict[str, str]:
    """The levels and codes an indicator's row writes (blank ones left out)."""
    return {key: text for key in ("level1", "level1_code", "level2", "level2_code")
            if (text := (getattr(ind, key) or "").strip(_BLANKS))}


def _entry_department(table: PerfTable) -> list[str]:
    """Warnings for a department cell the entry workbook's reader takes for something else (it reads the
    lines above the header: sources/longform.py, _read_preamble), or an empty one it fills from the title."""
    label = department_label(table.department, table.department_code).strip(_BLANKS) if table.department else ""
    title = table.title if "绩效目标" in table.title and "表" in table.title else ""
    if not label:
        named = department_from_title(title)
        return [f"部门名称为空：读回填报工作簿时将取标题中的“{_short(named)}”为部门名称（JSON/CSV 可完整保存）"] if named else []
    if UNIT_LINE.search(label) or DEPARTMENT_SOURCE_NOTE.match(label):
        return [f"部门名称“{_short(label)}”读来像“单位：元”或“部门名称来源：…”：读回填报工作簿时不被当作部门名称"
                "（JSON/CSV 可完整保存）"]
    if "绩效目标" in label and "表" in label and not DEPARTMENT_LINE.match(label[:MAX_LABEL]) and label != table.title:
        return [f"部门名称“{_short(label)}”含“绩效目标”和“表”：读回填报工作簿时会被当作表格标题，原标题将丢失"
                "（JSON/CSV 可完整保存）"]
    return []


def _codes_without_names(table: PerfTable, kind: str) -> list[str]:
    """Warnings for a department code without a department name (the code is written with the name)."""
    out: list[str] = []
    if table.department_code and not table.department.strip(_BLANKS):
        out.append(f"部门编码“{_short(table.department_code)}”没有部门名称：读回{kind}时编码将无法还原（JSON 可完整保存）")
    for project in table.projects():
        if project.department_code and not (project.department or "").strip(_BLANKS):
            out.append(f"项目“{_short(project.name)}”的主管部门编码“{_short(project.department_code)}”没有主管部门名称："
                       f"读回{kind}时编码将无法还原（JSON 可完整保存）")
    return out


def _empty_names(table: PerfTable, kind: str) -> list[str]:
    """Warnings for units and projects without a name: the long format knows a unit or project only
    by its name cell, and a blank one continues the unit or project above. (Only the first unit, when
    it has neither a row of its own nor a code and the table no department, reads back as it was:
    a table read from a sheet without a unit column is that.)"""
    out: list[str] = []
    number = 0
    for k, unit in enumerate(table.units, 1):
        if not unit.name.strip(_BLANKS) and (k > 1 or has_own_row(unit) or unit.code
                                             or table.department.strip(_BLANKS)):
            out.append(f"第 {k} 个资金使用单位的名称为空：读回{kind}时它不能单独成为单位（项目并入上一个单位或以部门名称"
                       "为单位名称，单位行的金额无处可放）（JSON 可完整保存）")
        for project in unit.projects:
            number += 1
            if not project.name.strip(_BLANKS):
                out.append(f"第 {number} 个项目（资金使用单位“{_short(unit.name)}”）的名称为空：读回{kind}时它不能单独成为"
                           "项目（指标行并入上一个项目，或无处可放）（JSON 可完整保存）")
    return out


# -- names the entry workbook's reader takes for 合计/小计 or the department's row ---------------------
_TOTAL_WORDS = {"total": ("为“合计”或“总计”", "全表合计行"), "subtotal": ("以“小计”或“合计”结尾", "小计行")}


def _entry_hierarchy(table: PerfTable) -> list[str]:
    """Warnings for unit and project rows that the entry workbook's reader takes by their name (or
    code) for 合计 / 小计 rows or the department's own row (sources/hierarchy.py). The CSV numbers
    such rows (单位序号 / 项目序号), and a numbered row is read as what it is."""
    out: list[str] = []
    units = table.units
    if units and is_department_row(units[0], units[1:]):
        why = ("编码是其后各单位编码的前缀" if units[0].code and any(u.code for u in units[1:])
               else "名称像部门（以部门、局、委、办结尾）")
        out.append(f"第 1 个资金使用单位“{_short(units[0].name)}”只有金额、没有项目，{why}：读回填报工作簿时会被当作"
                   "部门汇总行，不再是资金使用单位（JSON/CSV 可完整保存）")
    for unit in units:
        kind = total_kind(unit_label(unit.name, unit.code)) if has_own_row(unit) else None
        if kind:
            words, row = _TOTAL_WORDS[kind]
            out.append(f"资金使用单位“{_short(unit.name)}”的名称{words}，它的单位行读回填报工作簿时会被当作{row}，"
                       "单位的名称或金额将无法还原（JSON/CSV 可完整保存）")
        for project in unit.projects:
            kind = project_row_total_kind(project)
            if kind:
                words, row = _TOTAL_WORDS[kind]
                out.append(f"项目“{_short(project.name)}”的名称{words}，又没有绩效目标、第一行没有指标：读回填报工作簿时"
                           f"会被当作{row}，项目将丢失（JSON/CSV 可完整保存）")
    return out


# -- twins the entry workbook cannot tell apart ------------------------------------------------------
def _has_amounts(amounts: Amounts) -> bool:
    return any(amounts.get(k) is not None for k in AMOUNT_FIELDS)


def _same_unit(a: FundUnit, b: FundUnit) -> bool:
    """Does the reader take b's name for a's (the same name, and no two different codes)?"""
    return (a.name.strip(_BLANKS) == b.name.strip(_BLANKS) and bool(a.name.strip(_BLANKS))
            and (a.code is None or b.code is None or a.code == b.code))


_has_content = indicator_content  # (a level, name or value: what the reader takes for an indicator)


def _entry_merges(table: PerfTable) -> list[str]:
    """Warnings for consecutive same-name units and projects that read back as one (entry workbook).

    Follows the reader's rules (sources/longform.py, read_row): a unit's row of its own (written when
    it has amounts or no projects) starts a new unit of the same name when it has amounts and the
    unit above has projects or amounts of its own row; otherwise the unit's rows join the one above.
    Within a unit, a project's first row names it again: a new project when the one above went on
    over a further indicator row (its name cell blank there), or their amounts or goals differ."""
    out: list[str] = []
    groups: list[list[FundUnit]] = []  # the units as they read back
    own_amounts = False  # the current group's amounts came from a row of its own
    number = {id(p): k for k, p in enumerate(table.projects(), 1)}  # a project's place in the table
    for k, unit in enumerate(table.units, 1):
        own_row = _has_amounts(unit.amounts) or not unit.projects
        if groups and _same_unit(groups[-1][0], unit):
            first = groups[-1][0]
            has_projects = any(u.projects for u in groups[-1])
            if own_row and _has_amounts(unit.amounts) and (has_projects or own_amounts):
                groups.append([unit])
                own_amounts = True
                continue
            why = ("它没有单位金额行（只有项目行）" if not own_row
                   else "它既无项目也无金额" if not _has_amounts(unit.amounts)
                   else "上一个既无项目也无单位金额")
            out.append(f"第 {k} 个资金使用单位“{_short(first.name)}”与上一个单位同名，{why}：读回填报工作簿时"
                       "会与上一个合并为一个单位（JSON/CSV 可分开保存）")
            groups[-1].append(unit)
            own_amounts = own_amounts or (own_row and _has_amounts(unit.amounts))
            continue
        groups.append([unit])
        own_amounts = own_row and _has_amounts(unit.amounts)
    for group in groups:
        unit_name = _short(group[0].name)
        current: Project | None = None
        amounts: Amounts | None = None  # the current (read-back) project's amounts, goal, blank-row state
        goal, blank_row = "", False
        for project in (p for u in group for p in u.projects):
            name = project.name.strip(_BLANKS)
            if current is not None and name == current.name.strip(_BLANKS):
                goal_here = project.goal.strip(_BLANKS)
                separate = (blank_row
                            or (amounts is not None and _has_amounts(project.amounts) and project.amounts != amounts)
                            or (bool(goal_here) and bool(goal) and goal_here != goal))
                if not separate:  # (the project above takes one row: one indicator or none)
                    out.append(f"第 {number[id(project)]} 个项目“{_short(project.name)}”（资金使用单位“{unit_name}”）"
                               "与上一个项目同名，上一个只占一行（一条指标或没有指标），金额和绩效目标也相同："
                               "读回填报工作簿时会与上一个合并为一个项目（JSON/CSV 可分开保存）")
                    amounts = amounts if amounts is not None else (
                        project.amounts if _has_amounts(project.amounts) else None)
                    goal = goal or goal_here
                    blank_row = any(_has_content(i) for i in project.indicators[1:])
                    continue
            current = project
            amounts = project.amounts if _has_amounts(project.amounts) else None
            goal = project.goal.strip(_BLANKS)
            blank_row = any(_has_content(i) for i in project.indicators[1:])
    return out
