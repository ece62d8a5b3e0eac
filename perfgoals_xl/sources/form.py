"""One-project forms (项目支出绩效目标申报表): .xlsx/.xlsm/.xls/.ods sheets and Word tables.

A form is a key/value block (项目名称, 主管部门及代码, 实施单位, 项目属性, 项目期, the amount
block, 中期目标 | 年度目标; form_blocks.py) and an indicator grid (form_grid.py). Each
form starts at its 项目名称 label: one sheet may hold one form or several stacked, and a
workbook one form per sheet; all of them make one table (docs/forms.md).

How a form maps onto the model:

- 项目名称 → ``Project.name``; 项目编码 → ``code``; 项目属性/类别 → ``category``;
  项目期/起止时间/实施期 → ``term``; 中期目标/实施期绩效目标 → ``period_goal``; 年度目标 →
  ``goal``; the annual amounts → ``amounts`` (万元); the mid-term amounts and every label
  the vocabulary does not know → ``extras`` (listed once as an info, PG-S11);
- 主管部门及代码 (``[015001]某区教育局``) → the table's ``department`` / ``department_code``
  (the one most forms name), kept on a project only where it differs;
- the fund unit (资金使用单位) is the form's 资金使用单位/预算单位, else its 实施单位, else its
  主管部门; ``implementer`` keeps a 实施单位 that differs from it;
- a form has no 合计 row: each unit's and the table's amounts are the sums of their projects.

Every value keeps its sheet + cell in ``field_locations``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from perfgoals_xl import framework
from perfgoals_xl.errors import InputError
from perfgoals_xl.hierarchy_labels import project_from_title as selfeval_project_from_title
from perfgoals_xl.hierarchy_labels import target_project_from_title
from perfgoals_xl.model import (
    AMOUNT_FIELDS,
    AMOUNT_LABELS,
    Amounts,
    FundUnit,
    PerfTable,
    Problem,
    Project,
)
from perfgoals_xl.sources.cell_number import number
from perfgoals_xl.sources.checks import check_indicator, extras_note, reading_hints
from perfgoals_xl.sources.form_blocks import (
    FormFields,
    Found,
    is_header_cell,
    parse_amount,
    read_block,
    section_value_key,
    unit_heading,
)
from perfgoals_xl.sources.form_grid import find_grid_header, read_grid
from perfgoals_xl.sources.form_sheet import FormSheet
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.longform_header import find_header
from perfgoals_xl.sources.vocabulary import (
    INDICATOR_FIELDS,
    UNIT_LINE,
    field_of,
    form_label_of,
    inline_label_value,
    is_header_word,
    no_field_pair,
    split_amount,
    split_department,
)

#: Rows looked at when judging whether a sheet is a form (sniffing).
SNIFF_ROWS = 60
_INLINE = re.compile(r"^([^:：]{1,20})[:：]\s*\S")
_PERIOD_AMOUNT_LABELS = {k: f"中期{AMOUNT_LABELS[k]}" if k != "total" else "中期资金总额" for k in AMOUNT_FIELDS}


def form_starts(sheet: FormSheet, rows: range | None = None) -> list[int]:
    """Rows holding a 项目名称 label (each starts a form)."""
    starts: list[int] = []
    names: set[str] = set()  # the projects the forms above name
    for r in rows if rows is not None else range(len(sheet.rows)):
        for c in range(len(sheet.rows[r])):
            if not sheet.own(r, c):
                continue
            text = sheet.text(r, c)
            if not text:
                continue
            key = sheet.label(r, c)[0]
            pair = inline_label_value(text) if key is None else None
            if pair is not None:
                key = form_label_of(pair[0])[0]
            if key == "project":
                if starts and pair is None and (under := _name_under(sheet, r, c)) and under in names:
                    break  # 项目名称 | 资金计划（万元） | … over the form's own project: its money table
                starts.append(r)
                # the project the label names: in its cell (项目名称：X), right of it, else under it (the
                # row under a label with its name beside it is the form's next row, 预算规模及资金用途 …)
                names.add(pair[1] if pair is not None else _name_right(sheet, r, c) or _name_under(sheet, r, c))
                break
    return starts


def _name_right(sheet: FormSheet, r: int, c: int) -> str:
    """The first text right of the label at (r, c), outside its merged range ('' when none, or when
    it is a label)."""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        if sheet.origin(r, cc) != own and (text := sheet.text(r, cc)):
            return text if sheet.label(r, cc)[0] is None else ""
    return ""


def _name_under(sheet: FormSheet, r: int, c: int) -> str:
    """The value right under the label at (r, c), outside its merged range ('' when none, or when
    it is a label or a column header)."""
    own = sheet.origin(r, c)
    for rr in range(r + 1, min(r + 3, len(sheet.rows))):
        if sheet.origin(rr, c) != own:
            text = sheet.text(rr, c)
            return text if sheet.label(rr, c)[0] is None and not is_header_word(text) else ""
    return ""


def nameless_start(sheet: FormSheet) -> list[int]:
    """A form without a 项目名称 label (主管部门, 资金总额, 总体目标 … above an indicator grid): it starts at
    its first form label; [] when the sheet has fewer than two such labels, or no indicator grid and no
    title above its labels naming its project (a form cut before its grid: 松材线虫病除治项目绩效目标表)."""
    header = find_grid_header(sheet, list(range(len(sheet.rows))))
    end = header.row if header is not None else len(sheet.rows)
    if _whole_department(sheet, end):
        return []
    labelled = [(r, key) for r in range(end) for c in range(len(sheet.rows[r]))
                if sheet.own(r, c) and (key := _form_key(sheet, r, c)) not in {None, "section"}]
    keys = {key for _, key in labelled}
    titled = _titled_project(sheet, range(labelled[0][0]), set()) is not None if labelled else False
    if header is None:  # a form cut before its grid: only under a title naming its project (xx项目绩效目标表)
        return [labelled[0][0]] if titled and len(keys) >= 2 and keys & _MONEY_OR_GOAL else []
    if (len(keys) < 2 and not (titled and "goal" in keys)) or not keys & _MONEY_OR_GOAL:
        return []  # (a long-format sheet's 部门名称：… line is no form; a goal under a title naming a project is)
    return [labelled[0][0]]


#: The labels a form's block gives that no other table's header line does: its money and its goal.
_MONEY_OR_GOAL = frozenset({"goal", "period_goal", "total", "fiscal", "other"})


def _titled_project(sheet: FormSheet, rows: Iterable[int], grid_rows: set[int]) -> Found | None:
    """The project a title line above the grid names, when the form prints no 项目名称 label (河北 2019:
    1、邯财社…号提前下达2019年<name>预算指标绩效目标表): the first such line; None when none names one."""
    for r in rows:
        if r in grid_rows:
            break
        texts = [(c, t) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))]
        if len(texts) != 1 or len(texts[0][1]) > 120:
            continue
        if name := target_project_from_title(texts[0][1]) or selfeval_project_from_title(texts[0][1]):
            return Found(name, sheet.loc(r, texts[0][0]))
    return None


def _whole_department(sheet: FormSheet, rows: int) -> bool:
    """Does the text above the grid say 部门整体 / 整体支出 (a department-wide table, not a project's form)?"""
    return any("整体支出" in text or "部门整体" in text
               for r in range(min(rows, len(sheet.rows))) for c in range(len(sheet.rows[r]))
               if sheet.own(r, c) and (text := sheet.text(r, c)))


def _form_key(sheet: FormSheet, r: int, c: int) -> str | None:
    key = sheet.label(r, c)[0]
    if key is None and (m := _INLINE.match(sheet.text(r, c))):
        key = form_label_of(m.group(1))[0]
    if key == "section":  # 总体目标 | <goal>: a section label with its own value beside it is that field's
        key = section_value_key(sheet, r, c) or key
    return key


def looks_like_form(grid: Grid) -> bool:
    """Is this sheet a form: a 项目名称 label with a name beside it, not a long-format header?"""
    head = Grid(sheet=grid.sheet, rows=grid.rows[:SNIFF_ROWS],
                merged=[m for m in grid.merged if m[0] < SNIFF_ROWS])
    sheet = FormSheet(head, None)
    header = find_header(sheet.rows, sheet.origins)
    if (not form_starts(sheet) and (header is None or not {"project", "fund_unit"} & set(header.columns))
            and nameless_start(sheet)):
        return True  # a form naming no project (主管部门 … over its grid), not a long-format table
    top = (header.top if header.top is not None else header.row - 1) if header is not None else None
    starts = form_starts(sheet)
    if header is not None and "name" in header.columns and starts and min(starts) > header.row:
        return False  # 一级指标 | … | 指标值 printed once above every 项目名称：… row: a long table's sections
    for r in starts:
        if header is not None and top is not None and top <= r <= header.row:
            continue  # 项目名称 heads a long-format column, it labels no form
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c)
            if sheet.label(r, c)[0] == "project":
                own = sheet.origin(r, c)
                for cc in range(c + 1, len(sheet.rows[r])):
                    value = sheet.text(r, cc)
                    if value and sheet.origin(r, cc) != own:
                        if sheet.label(r, cc)[0] is None:
                            return True
                        break  # a row of labels (项目名称 | 主管部门 …): the name may stand below
                if _value_under(sheet, r, c):
                    return True
            elif text and (m := _INLINE.match(text)) and form_label_of(m.group(1))[0] == "project":
                return True
    return False


def _value_under(sheet: FormSheet, r: int, c: int) -> bool:
    """Is there a value (text that is no label or header) right under the label at (r, c)?"""
    return bool(_name_under(sheet, r, c))


def _regions(sheet: FormSheet, starts: list[int]) -> list[list[int]]:
    """Rows of each form: from its start (with its title lines above) to the next form's."""
    bounds = list(starts)
    for k in range(1, len(bounds)):
        r = start = bounds[k]
        while r - 1 > bounds[k - 1] and (_title_like(sheet, r - 1) or _heading_line(sheet, r - 1)
                                          or unit_heading(sheet, r - 1) is not None):
            r -= 1
            if _title_like(sheet, r) or unit_heading(sheet, r) is not None:
                start = r  # a unit line (编制单位：…) is the next form's only under that form's title
        bounds[k] = start
    bounds[0] = 0
    return [list(range(b, bounds[k + 1] if k + 1 < len(bounds) else len(sheet.rows)))
            for k, b in enumerate(bounds)]


#: The shortest sentence taken for a goal whose label the form does not print.
_MIN_GOAL = 10


def _unlabelled_goal(sheet: FormSheet, top: int, first: int, fields: FormFields) -> None:
    """A form printing no goal label (its label cell blank, as some stored copies of 区域绩效目标表 keep
    it): the row right above the indicator header whose first cell is blank and whose one text, merged
    across the rest, is a sentence (no label, no number) is the goal — read so with a 读取提示."""
    r = top - 1
    if r < first:
        return
    texts = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    if len(texts) != 1 or texts[0][0] == 0 or sheet.text(r, 0):
        return
    c, text = texts[0]
    if len(text) < _MIN_GOAL or is_header_cell(text) or number(text) is not None or text.rstrip().endswith(("：", ":")):
        return
    if (m := _INLINE.match(text)) and form_label_of(m.group(1))[0] is not None:
        return  # 项目名称:档案征集编研 — a label and its value (read as such), its row's first column blank
    fields.values["goal"] = Found(text, sheet.loc(r, c))
    fields.hints.append("指标表上方一行没有标签，只有一段文字：按年度绩效目标读取")


def _header_top(sheet: FormSheet, row: int, first: int) -> int:
    """The first row of a grid header merged down over two rows (一级指标 | 中期指标 … above 二级指标 …)."""
    def merged_up(r: int, c: int) -> bool:
        origin = sheet.origin(r, c)
        below = sheet.origin(r + 1, c) if r + 1 < len(sheet.rows) else None
        return sheet.origin(r - 1, c) == origin and below != origin and bool(sheet.text(r, c))

    while row - 1 >= first and (any(merged_up(row, c) for c in range(len(sheet.rows[row])))
                                or _parent_row(sheet, row - 1)):
        row -= 1
    return row


#: A grid's parent header cell: 中期指标 / 年度指标 / 实施期绩效指标 … over the halves of the grid.
_SIDE_HEAD = re.compile(r"^(?:中期|年度|实施期|长期|预期)(?:绩效)?(?:目标|指标)")


def _parent_row(sheet: FormSheet, r: int) -> bool:
    """A row of header words only (一级指标 | 中期指标 | 年度指标): the grid header's upper row when no
    merged range says so (a form saved as CSV or pasted as text has lost its merges)."""
    texts = [sheet.text(r, c) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    return bool(texts) and all(len(t) <= 20 and (field_of(t) in INDICATOR_FIELDS or _SIDE_HEAD.match(t))
                               and "：" not in t and ":" not in t  # (年度绩效目标：<a short goal> is a field)
                               for t in texts)


#: Form fields a form's unit line under its title names (编制单位： | 813-某镇 | 单位：万元).
_HEADING_KEYS = frozenset({"fund_unit", "department"})


def _heading_line(sheet: FormSheet, r: int) -> bool:
    """A unit line printed under a form's title, above its 项目名称: only unit or department labels
    (编制单位：, 预算单位：…), each with its value beside it or in the same cell, and a money unit line
    (单位：万元)."""
    texts = [sheet.text(r, c) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    if len(texts) > _MAX_HEADING_CELLS:
        return False
    labelled, i = False, 0
    while i < len(texts):
        text = texts[i]
        if len(text) <= 20 and UNIT_LINE.search(text):
            i += 1
            continue
        pair = inline_label_value(text) if len(text) <= 60 else None
        if pair is not None and form_label_of(pair[0])[0] in _HEADING_KEYS:
            labelled, i = True, i + 1
        elif len(text) <= 20 and form_label_of(text)[0] in _HEADING_KEYS:
            labelled, i = True, i + 2  # the label and its value beside it
        else:
            return False
    return labelled


#: Cells a unit line under a title may hold (编制单位： | 813-某镇 | 单位：万元, maybe a 主管部门 pair).
_MAX_HEADING_CELLS = 6


def _title_like(sheet: FormSheet, r: int) -> bool:
    texts = [sheet.text(r, c) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and sheet.text(r, c)]
    return not texts or (len(texts) == 1 and ("表" in texts[0] or bool(UNIT_LINE.search(texts[0]))))


class _Form:
    """One form read: its fields, indicators and sheet."""

    def __init__(self, fields: FormFields, indicators: list, sheet: FormSheet, start: int, *,
                 levels: bool = True) -> None:
        self.fields, self.indicators, self.sheet, self.start = fields, indicators, sheet, start
        self.levels = levels  # False: its grid prints no level columns (the levels are unknown)


def read_sheet_forms(sheet: FormSheet) -> list[_Form]:
    """Every form on one sheet (none when it holds no 项目名称 label)."""
    starts = form_starts(sheet) or nameless_start(sheet)
    if not starts:
        return []
    forms: list[_Form] = []
    for region in _regions(sheet, starts):
        header = find_grid_header(sheet, region)
        indicators: list = []
        grid_rows: set[int] = set()
        if header is not None:
            indicators, last = read_grid(sheet, header, region)
            grid_rows = set(range(_header_top(sheet, header.row, region[0]), last + 1))
        fields = read_block(sheet, [r for r in region if r not in grid_rows])
        if "project" not in fields.values and (titled := _titled_project(sheet, region, grid_rows)) is not None:
            fields.values["project"] = titled  # no 项目名称 label: the project the title names, said
            fields.hints.append(f"表中没有项目名称栏，项目名称按标题读作“{titled.text}”")
        if header is not None:
            fields.hints.extend(header.hints)
            if "goal" not in fields.values and "period_goal" not in fields.values:
                _unlabelled_goal(sheet, min(grid_rows), region[0], fields)
        forms.append(_Form(fields, indicators, sheet, region[0], levels=header is None or not header.levelless))
    return forms


def read_form_grids(grids: list[Grid], *, source: str | None, layout: str = "form") -> PerfTable:
    """Read the forms of these grids (sheets, Word or HTML tables, PDF pages) into one table.

    A 自评表 form is its own layout (sources/detect.py picks it): callers that force this
    reader on a file hand those over first (sources/readers.py, sources/pdf_form.py)."""
    forms: list[_Form] = []
    for grid in grids:
        forms.extend(read_sheet_forms(FormSheet(grid, source)))
    if not forms:
        raise InputError(source or "<表格>", "未找到项目支出绩效目标申报表：应有“项目名称”及其右侧的项目名称，"
                                            "以及“一级指标/二级指标/三级指标/指标值”表头")
    return _assemble(forms, source=source, layout=layout)


def _assemble(forms: list[_Form], *, source: str | None, layout: str) -> PerfTable:
    table = PerfTable(source=source, layout=layout, department_source="form")
    departments: list[tuple[str, str | None]] = []
    for form in forms:
        # the 主管部门; a form naming none is its 实施部门's (the department over its 预算单位), else its
        # 预算单位 / 申报单位's (the unit that submits it)
        values = form.fields.values
        dept = (values.get("department") or values.get("implementing_department") or values.get("fund_unit")
                or values.get("filer"))
        name, code = split_department(dept.text) if dept else ("", None)
        code_cell = form.fields.values.get("department_code")
        departments.append((name, code_cell.text if code_cell else code))
    names = Counter(n for n, _ in departments if n)
    table.department = names.most_common(1)[0][0] if names else ""
    codes = Counter(c for n, c in departments if c and n == table.department)
    table.department_code = codes.most_common(1)[0][0] if codes else None
    units: dict[str, FundUnit] = {}
    unknown: dict[str, None] = {}
    for form, (dept_name, dept_code) in zip(forms, departments, strict=True):
        project = _project(form, table, unknown)
        _footer(form, project, table)
        if dept_name and dept_name != table.department:
            project.department = dept_name
        if dept_code and dept_code != table.department_code:
            project.department_code = dept_code
        values = form.fields.values
        if "department" in values and (other := values.get("implementing_department")) is not None:
            project.extras.setdefault("实施部门", other.text)  # beside a 主管部门: kept as printed
            project.field_locations.setdefault("extra:实施部门", other.location)
        unit_found = values.get("fund_unit") or values.get("implementer") or values.get("filer")
        unit_name = unit_found.text if unit_found else dept_name
        if (filer := values.get("filer")) is not None and filer is not unit_found:
            project.extras.setdefault("填报单位", filer.text)  # a filer the form's own unit outranks: kept
            project.field_locations.setdefault("extra:填报单位", filer.location)
        implementer = values.get("implementer")
        if implementer and implementer.text != unit_name:
            project.implementer = implementer.text
            project.field_locations["implementer"] = implementer.location
        unit = units.get(unit_name)
        if unit is None:
            unit = units[unit_name] = FundUnit(name=unit_name, location=unit_found.location if unit_found else None)
            table.units.append(unit)
        unit.projects.append(project)
        for ind in project.indicators:
            check_indicator(ind, project, table.problems, levels=form.levels)
        if table.location is None:
            table.location = form.sheet.loc(form.start, 0)
    for unit in table.units:
        unit.amounts = _sum([p.amounts for p in unit.projects])
    table.amounts = _sum([u.amounts for u in table.units])
    _notes(table, unknown, forms)
    return table


def _project(form: _Form, table: PerfTable, unknown: dict[str, None]) -> Project:
    fields = form.fields
    values = fields.values
    name = values.get("project")
    project = Project(name=name.text if name else "")
    project.location = name.location if name else form.sheet.loc(form.start, 0)
    if not project.name:
        table.problems.append(Problem("S01", "申报表的“项目名称”为空", location=project.location, field="project"))
    locs = project.field_locations
    if name:
        locs["name"] = name.location
    for key in ("code", "category", "term", "period_goal", "goal"):
        found = values.get(key)
        if found and found.text:
            setattr(project, key, found.text)
            locs[key] = found.location
    dept = values.get("department")
    if dept:
        locs["department"] = dept.location
    amounts = Amounts()
    for key, found in fields.amounts.items():
        amount = parse_amount(found.text, fields.unit)
        _, breakdown = split_amount(found.text)
        if amount is not None and breakdown:  # 854万(其中…): the number, its breakdown kept
            label = f"{AMOUNT_LABELS[key]}说明"
            project.extras.setdefault(label, breakdown)
            locs[f"extra:{label}"] = found.location
            unknown.setdefault(label)
        if amount is None:
            table.problems.append(Problem("A03", f"{AMOUNT_LABELS[key]}“{found.text}”不是数字", location=found.location,
                                          raw=found.text, project=project.name, field=key))
            continue
        setattr(amounts, key, amount)
        locs[key] = found.location
    if amounts.total is None and any(amounts.get(k) is not None for k in AMOUNT_FIELDS[1:]):
        amounts.total = amounts.parts_sum()  # a form printing only its 财政拨款 (…) line: the total is their sum
        fields.hints.append(f"项目“{project.name}”未列出资金总额，按所列资金之和 {amounts.total} 读取")
    project.amounts = amounts
    for key, found in fields.period_amounts.items():
        label = _PERIOD_AMOUNT_LABELS[key]
        project.extras[label] = found.text
        locs[f"extra:{label}"] = found.location
        unknown.setdefault(label)
    for label, found in fields.extras.items():
        if no_field_pair(label, found.text):
            continue  # (上年度安排资金 | 本年度申请资金, 项目资金申请(万元) | 项 目: headings, no field)
        project.extras.setdefault(label, found.text)
        locs[f"extra:{label}"] = found.location
        unknown.setdefault(label)
    for seq, ind in enumerate(form.indicators, start=1):
        ind.seq = seq
        for label in ind.extras:
            unknown.setdefault(label)
    project.indicators = list(form.indicators)
    return project


def _footer(form: _Form, project: Project, table: PerfTable) -> None:
    """The sign-off fields under a form: the table's footer (a later form's differing value stays
    with its project, under the same label)."""
    for label, found in form.fields.footer.items():
        if label not in table.footer:
            table.footer[label] = found.text
            table.field_locations[f"footer:{label}"] = found.location
        elif table.footer[label] != found.text and found.text:
            project.extras.setdefault(label, found.text)
            project.field_locations[f"extra:{label}"] = found.location


def _sum(parts: list[Amounts]) -> Amounts:
    out = Amounts()
    for key in AMOUNT_FIELDS:
        values = [a.get(key) for a in parts if a.get(key) is not None]
        setattr(out, key, sum(values, Decimal(0)) if values else None)
    return out


def _notes(table: PerfTable, unknown: dict[str, None], forms: list[_Form]) -> None:
    """One info for the fields kept as extras; one for 成本指标 listed under 产出指标 (2015 style).

    Other older level names (社会公众或服务对象满意度指标 …) resolve through the framework's
    aliases and are reported per indicator by PG-S12 where the report writes them officially.
    """
    if unknown:
        table.problems.append(extras_note(unknown, table.location))
    hints = list(dict.fromkeys(h for form in forms for h in form.fields.hints))
    if hints:
        table.problems.append(reading_hints(hints, table.location))
    projects = []
    for _, project, ind in table.indicators():
        level1 = framework.resolve_level1(ind.level1_code, ind.level1)
        if (level1 is not None and level1.code == "1" and framework.normalise_name(ind.level2) == "成本"
                and project.name not in projects):
            projects.append(project.name)
    if projects:
        table.problems.append(Problem(
            "S11", "二级指标“成本指标”列在“产出指标”下（财预〔2015〕88号的写法），按指标体系记为 14-成本指标；"
                   f"财预〔2021〕101号起成本指标也可作为一级指标 4-成本指标（项目：{'、'.join(projects)}）",
            location=table.location))


