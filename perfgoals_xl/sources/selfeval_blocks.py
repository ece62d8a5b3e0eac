"""The block above the indicator grid of a 项目支出绩效自评表: labels, the budget block, the goals.

As real forms print it (docs/selfeval.md), labels found by the shared vocabulary:

- 项目名称 (or 专项资金名称, 项目（…）名称 …), 主管部门, 实施单位 / 资金使用单位: the value to the
  right (outside the label's merged range), or after a colon in the same cell;
- the budget block: a header row naming two or more of 年初预算数 | 全年预算数 | 全年执行数 (letters
  and annotations aside: ``全年预算数(A)``, ``执行率(B/A)``) with 分值 / 执行率 / 得分 in any
  order; below it the 年度资金总额 row (with or without its colon) gives the project's budget,
  its 分值 and 得分 the budget execution's weight and claimed score; the 其中 lines (本年/当年
  财政拨款, 上年结转资金, 其他资金) are kept as extra fields ``<line>/<column>``. A 年度资金总额 row
  left blank or 0 while its 其中 lines hold amounts takes their sum, said in a 读取提示; amounts
  printed in 元 (项目资金 (元), 全年预算数（元）, 单位：元 above) are read in 万元 (TopBlock.money says so);
- the goals: 预期目标 / 年初设定目标 over the goal, 实际完成情况 / 全年实际完成情况 over the result
  (the text below each), or a goal label (年度总体目标 …) with the goal to its right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfgoals_xl.hierarchy_labels import (
    department_from_title,
    project_from_title,
    target_project_from_title,
)
from perfgoals_xl.model import Location, Project
from perfgoals_xl.sources.cell_number import number
from perfgoals_xl.sources.grid import MONEY_FACTOR
from perfgoals_xl.sources.page_chrome import is_page_field
from perfgoals_xl.sources.selfeval_inline import (
    amount_in_wan,
    budget_pairs,
    number_at,
    pairs_unit,
    read_pairs,
    score_beside,
    score_column,
)
from perfgoals_xl.sources.sheet_view import SheetView, labels_over_values, own_texts
from perfgoals_xl.sources.vocabulary import (
    UNIT_LINE,
    YEAR_KEY,
    department_tier,
    field_of,
    footer_row,
    form_label_of,
    inline_label_value,
    inline_pairs,
    is_bare_label,
    is_choice_list,
    is_footer_label,
    is_header_word,
    is_note,
    is_placeholder,
    is_total_word,
    label_parts,
    year_line,
)

BUDGET_KEYS = ("budget_initial", "budget_adjusted", "budget_executed")
_BUDGET_LABELS = {"budget_initial": "年初预算数", "budget_adjusted": "全年预算数", "budget_executed": "全年执行数"}
_PLANNED = re.compile(r"^(?:项目)?(?:年初|年度|全年)?(?:设定|预期|计划|预定)?(?:的)?(?:年度|总体|绩效)?总?目标(?:值)?$")
_ACHIEVED = re.compile(r"^(?:全年|年度|本年|具体)?(?:总体)?(?:目标|绩效目标)?(?:实际)?(?:完成|实现|达成)(?:情况|结果)"
                       r"(?:综述|说明|概述|描述)?$|^(?:实际|全年实际)(?:完成|实现)?$")


@dataclass
class TopBlock:
    """What the block above the grid says besides the project's own fields."""

    hints: list[str] = field(default_factory=list)
    footer: dict[str, str] = field(default_factory=dict)
    #: The money unit the budget block prints its bare amounts in (元, 千元) when not 万元: the
    #: amounts are read in 万元 and the table says so (PerfTable.source_unit).
    money: str | None = None
    #: Which label gave the implementer: ``fund_unit`` (单位名称：…, the filing unit) gives way to a
    #: 项目实施单位 of the form itself; ``filer`` (填报单位（盖章）：… over the form) to any unit it names.
    unit_key: str | None = None
    unit_label: str = ""  # that label as printed (单位名称)
    department_tier: int = -1  # the tier of the 主管部门 label read (vocabulary.department_tier)
    department_label: str = ""
    #: The form's one score column (自评得分 at the top right, selfeval_inline): the indicators' 得分
    #: stand in it when the grid header names none.
    score_col: int | None = None


def read_top(sheet: SheetView, head: int, project: Project) -> TopBlock:
    """Read the rows above the grid header (row `head`) into the project's fields."""
    out = TopBlock()
    budget_cols: dict[str, int] = {}
    budget_rows: list[int] = []
    block_weight: str | None = None
    section: str | None = None  # the budget block's own label (项目资金（万元）)
    in_budget = False  # below the budget header, before another block starts
    money = "万元"
    total_pending = False  # the form's score column found: the total is the number under its label
    goals_seen = False  # below a 预期目标 | 实际完成情况 head: its rows hold goal texts, no labels
    for r in range(head):
        if out.score_col is None and (score_col := score_column(sheet, r)) is not None:
            out.score_col, total_pending = score_col, True
        elif total_pending and not any(sheet.text(r, c) for c in range(len(sheet.rows[r]))):
            pass  # (a blank spacer row under the label: the number is under it)
        elif total_pending:
            total_pending = False
            total = number_at(sheet, r, out.score_col)
            if total is not None and project.total_score is None and not budget_pairs(sheet, r):
                project.total_score = float(number(total) or 0)
                project.field_locations["total_score"] = sheet.loc(r, out.score_col)
        if project.total_score is None and out.score_col is None and (beside := score_beside(sheet, r)):
            project.total_score = beside[0]  # 自评得分 | 98 beside the head's other labels
            project.field_locations["total_score"] = sheet.loc(r, beside[1])
        if not budget_cols and (pairs := budget_pairs(sheet, r)):
            if money == "万元":  # (no unit line above: its 其中 lines may say it, 其中:中央补助 | 23800元)
                money = pairs_unit(sheet, r, pairs) or money
            read_pairs(sheet, r, pairs, project, out.score_col, money)  # 预算数: | 2.38 | 执行数: | 2.38
            out.money = money if money != "万元" else out.money
            in_budget = False
            continue
        row_fields = _row_budget_header(sheet, r)
        if len(row_fields) >= 2 and any(k in BUDGET_KEYS for k in row_fields):
            budget_cols, budget_rows, in_budget = row_fields, [], True
            section = _section_label(sheet, r, row_fields)
            money = _money(sheet, r) or money
            block_weight = _block_weight(sheet, r, row_fields) if "weight" not in row_fields else None
            continue
        goals = _row_goal_header(sheet, r)
        if goals:
            in_budget, goals_seen = False, True
            _read_goals(sheet, r, head, goals, project, out.score_col)
            continue
        if in_budget and _row_has_number(sheet, r, budget_cols, section):
            budget_rows.append(r)
            continue
        if _read_year(sheet, r, project):
            continue
        money = _unit_line(sheet, r) or money
        _read_labels(sheet, r, project, out, keep_unknown=not (goals_seen or in_budget))
    if not project.name:
        _name_from_title(sheet, head, project, out)
    if not project.department:
        _department_from_title(sheet, head, project, out)
    if budget_cols and budget_rows:
        _read_budget(sheet, budget_cols, budget_rows, project, out, money, section)
        out.money = money if money != "万元" else None
        if block_weight is not None:
            project.budget_block.setdefault("weight", block_weight)
    return out


#: Rows above a 自评表's grid its title may stand in.
_TITLE_ROWS = 8


def _name_from_title(sheet: SheetView, head: int, project: Project, out: TopBlock) -> None:
    """A form with no 项目名称 label: the project its title names (电子商务发展项目绩效自评表, 全民健身中心项目
    绩效自评表, or a target table's title over a grid with actuals: 中等职业学校国家助学金绩效目标表), said."""
    for r in range(min(head, _TITLE_ROWS)):
        texts = own_texts(sheet, r)
        if len(texts) == 1 and (name := project_from_title(texts[0][1], facility=True)
                                or target_project_from_title(texts[0][1])):
            project.name, project.location = name, sheet.loc(r, texts[0][0])
            project.field_locations["name"] = project.location
            out.hints.append(f"表中没有项目名称栏，项目名称按标题“{texts[0][1][:40]}”读作“{name}”")
            return


def _department_from_title(sheet: SheetView, head: int, project: Project, out: TopBlock) -> None:
    """A form with no 主管部门 label: the department a title line above it names (某局2022年项目支出绩效自评
    指标计分表), said; the nearest such line to the grid."""
    for r in range(min(head, _TITLE_ROWS) - 1, -1, -1):
        texts = own_texts(sheet, r)
        if len(texts) == 1 and (name := department_from_title(texts[0][1])):
            project.department = name
            project.field_locations["department"] = sheet.loc(r, texts[0][0])
            out.hints.append(f"表中没有主管部门栏，部门按标题“{texts[0][1][:40]}”读作“{name}”")
            return


def _money(sheet: SheetView, r: int) -> str | None:
    """The money unit the budget header row names in a label (项目资金 (元), 全年预算数（元）)."""
    for _, text in own_texts(sheet, r):
        money = label_parts(text).money if len(text) <= 40 else None
        if money in MONEY_FACTOR:
            return money
    return None


def _unit_line(sheet: SheetView, r: int) -> str | None:
    """单位：元 / 金额单位：千元 in a short cell of row r (above the budget block)."""
    for _, text in own_texts(sheet, r):
        m = UNIT_LINE.search(text) if len(text) <= 40 else None
        if m:
            return m.group(1)
    return None


def _read_year(sheet: SheetView, r: int, project: Project) -> bool:
    """A row holding only the year line, or a title ending with it: kept as the 年度 extra."""
    texts = own_texts(sheet, r)
    year = year_line(texts[0][1]) if len(texts) == 1 else None
    if year is None:
        return False
    project.extras.setdefault(YEAR_KEY, year)
    project.field_locations.setdefault(f"extra:{YEAR_KEY}", sheet.loc(r, texts[0][0]))
    return True




def _row_budget_header(sheet: SheetView, r: int) -> dict[str, int]:
    """The budget header on row r: column of each of 年初预算数 / 全年预算数 / 全年执行数 / 分值 /
    执行率 / 得分. A bare 预算数 (预算数(A) | 执行数(B) | 执行率(B/A)) is the budget the execution is
    measured against: 全年预算数."""
    cols: dict[str, int] = {}
    budget_total: int | None = None
    texts = own_texts(sheet, r)
    first = texts[0][0] if texts else -1  # the row's own label (项目资金（万元）) is no amount column
    for c, text in texts:
        if len(text) > 30:
            continue
        f = field_of(text)
        key = label_parts(text).key
        if f in BUDGET_KEYS or f in {"weight", "score"}:
            cols.setdefault(f, c)
        elif key in {"执行率", "预算执行率"}:
            cols.setdefault("rate", c)
        elif (f == "total" or f is None and is_total_word(text)) and budget_total is None and c != first:
            # 资金总额, or 合计（万元） closing a row of sources (中央 | 省、地 | 本级 | 其他 | 合计 | 执行数)
            budget_total = c
    if budget_total is not None and "budget_executed" in cols and "budget_adjusted" not in cols:
        cols["budget_adjusted"] = budget_total
    return cols


def _block_weight(sheet: SheetView, r: int, cols: dict[str, int]) -> str | None:
    """The budget block's 分值 printed in its own label on the header row (预算执行情况(万元)(20分))."""
    for c, text in own_texts(sheet, r):
        if c in cols.values() or len(text) > 40:
            continue
        weight = label_parts(text).weight
        if weight is not None and field_of(text) is None:
            return f"{weight:g}"
    return None


def _row_goal_header(sheet: SheetView, r: int) -> dict[str, int]:
    """预期目标 | 实际完成情况 on row r: the last goal header before the first result header after it
    (年度总体目标 | 预期目标 | 实际完成情况; the row's own label may read like a result too:
    年度总体目标完成情况 | 预期目标 | 实际完成情况)."""
    planned: int | None = None
    for c, text in own_texts(sheet, r):
        key = label_parts(text).key if len(text) <= 30 else ""
        if key and _PLANNED.match(key):
            planned = c
        elif key and planned is not None and (_ACHIEVED.match(key) or field_of(text) == "actual_summary"):
            return {"planned": planned, "achieved": c}
    return {}


def _read_goals(sheet: SheetView, r: int, head: int, cols: dict[str, int], project: Project,
                score_col: int | None = None) -> None:
    """The texts under 预期目标 and 实际完成情况 (the first own text below each, above the grid), with the
    rows right under it that hold only further goal texts (目标1 … 目标4, one a row: joined by line breaks)."""
    goal_cols = {*cols.values(), *(() if score_col is None else (score_col,))}
    if (score := number_at(sheet, r, score_col)) is not None:  # a scored 年度目标完成情况 block (四川)
        project.budget_block.setdefault("goal_score", score)
        project.field_locations.setdefault("budget_block:goal_score", sheet.loc(r, score_col))
    beside = _goals_beside(sheet, r, cols)
    if beside:
        for kind, (c, text) in beside.items():
            _set_goal(project, kind, text, sheet.loc(r, c))
        return
    for kind, c in cols.items():
        for rr in range(r + 1, min(head, r + 4)):
            text = sheet.text(rr, c)
            if text and sheet.origin(rr, c) != sheet.origin(r, c):
                first = rr
                lines = [_numbered(sheet, rr, c, text)]
                while rr + 1 < head and (more := _goal_line(sheet, rr + 1, c, goal_cols)):
                    rr += 1
                    lines.append(_numbered(sheet, rr, c, more))
                _set_goal(project, kind, "\n".join(lines), sheet.loc(first, c))
                break


def _goals_beside(sheet: SheetView, r: int, cols: dict[str, int]) -> dict[str, tuple[int, str]]:
    """年初设定目标 | <goal> | 年度总体目标完成情况 | <account> on one row: each head's text to its right
    (the next own cell, no label) instead of below it. Empty when the planned head has none beside it."""
    texts = own_texts(sheet, r)
    out: dict[str, tuple[int, str]] = {}
    for kind, c in cols.items():
        after = next(((cc, text) for cc, text in texts if cc > c), None)
        if after is not None and after[0] not in cols.values() and not _is_label(after[1]):
            out[kind] = after
    return out if "planned" in out else {}


#: A goal's number in a cell of its own left of its text (目标1, 任务2, 1, （二）, 一、).
_GOAL_NUMBER = re.compile(r"^(?:目标|任务)?\s{0,2}[(（]?[0-9一二三四五六七八九十]{1,2}[)）]?[、.．:：]?$")


def _numbered(sheet: SheetView, r: int, c: int, text: str) -> str:
    """A goal line with its number when the number stands in a cell of its own left of it (目标1 | 完成…
    → 目标1：完成…); the text itself otherwise (or when it opens with its number already)."""
    number = next((t for cc, t in own_texts(sheet, r) if cc < c and _GOAL_NUMBER.match(t)), None)
    if number is None or text.startswith(number.rstrip("、.．:：")):
        return text
    return f"{number.rstrip('、.．:：')}：{text}"


def _set_goal(project: Project, kind: str, text: str, loc: Location) -> None:
    """The planned goal or the account of the year's results, unless one was read already."""
    _set_label(project, "goal" if kind == "planned" else "actual_summary", text, loc)


def _goal_line(sheet: SheetView, r: int, c: int, goal_cols: set[int]) -> str:
    """The text of (r, c) when row r goes on with the goals: its own cell there holds text that is no
    label, and its other own cells stand only under the goal columns (or the score column); else ''."""
    texts = own_texts(sheet, r)
    if not sheet.own(r, c) or not any(cc == c for cc, _ in texts):
        return ""
    if any(cc not in goal_cols and text != sheet.text(r - 1, cc) and not (cc < c and _GOAL_NUMBER.match(text))
           for cc, text in texts):
        return ""  # (the block's label printed again in front of each goal line, its merge filled down, is none;
        # nor is a goal's number in a column of its own: 目标2 | <goal> | <account>)
    text = sheet.text(r, c)
    return "" if _is_label(text) or number(text) is not None else text


def _line_texts(sheet: SheetView, r: int, section: str | None = None) -> list[tuple[int, str]]:
    """A budget line's own texts from its label on: the block's section label (项目资金（万元）, the
    budget header row's first cell) repeated in front of each line — its merge filled down, as
    unmerged copies print it — is no line label."""
    texts = own_texts(sheet, r)
    if len(texts) > 1 and (texts[0][1] == section or (len(texts[0][1]) <= 40
                                                      and form_label_of(texts[0][1])[0] == "section")):
        return texts[1:]
    return texts


def _section_label(sheet: SheetView, r: int, cols: dict[str, int]) -> str | None:
    """The budget header row's own label left of its columns (项目资金（万元）), if any."""
    texts = own_texts(sheet, r)
    return texts[0][1] if texts and cols and texts[0][0] < min(cols.values()) else None


def _row_has_number(sheet: SheetView, r: int, cols: dict[str, int], section: str | None = None) -> bool:
    """Is row r a line of the budget block: a label with amounts (or blanks) under the budget columns?"""
    texts = _line_texts(sheet, r, section)
    if not texts:
        return False
    columns = set(cols.values())  # (a 原因 column beside the amounts may hold any text)
    if texts[0][0] in columns and texts[0][0] == min(columns):
        # no label of its own: the block's label merged down from the header row (债券资金管理指标(10分)
        # over 实际支出金额 | 下达额度 and their amounts), the amounts under the header's columns
        return any(number(t) is not None for c, t in texts if c in columns) and all(
            number(t) is not None or is_placeholder(t) for c, t in texts if c in columns)
    if texts[0][0] < min(columns) and all(number(t) is not None or is_placeholder(t) for _, t in texts):
        # no label either, the amounts by source first (中央 | 省、地 | 本级 | 其他 | 合计 | 执行数 over
        # 120 | 60 | 129 | | 309 | 303.82): a row of numbers only, some under the budget columns
        return any(number(t) is not None for c, t in texts if c in columns)
    label = texts[0][1]
    if number(label) is not None or len(label) > 30 or is_footer_label(label):
        return False
    key = form_label_of(label)[0]
    if key not in {None, "total", "fiscal", "other", "special"}:
        return False
    under = [text for c, text in texts[1:] if c in columns]
    if not under and key is None and not label.startswith("其中"):
        return False  # a line of text alone (单位领导审签：…, — 1 —, a heading): no line of the budget
    return all(number(text) is not None or is_placeholder(text) for text in under)


def _read_labels(sheet: SheetView, r: int, project: Project, out: TopBlock, keep_unknown: bool = False) -> None:
    """项目名称 / 主管部门 / 实施单位 … on row r: value right, or after a colon in the same cell. With
    ``keep_unknown`` (the block's head, above its budget and goals), a label the model has no field for
    beside its value (项目负责人 | 张三, 资金用途 | 道路养护) is kept as an extra, never dropped."""
    texts = own_texts(sheet, r)
    used: set[int] = set()
    under = _values_under(sheet, r, texts)
    for i, (c, text) in enumerate(texts):
        if c in used:
            continue
        if is_footer_label(text) or is_note(text):
            for label, value in footer_row([t for _, t in texts[i:]]).items():
                out.footer.setdefault(label, value)
            return  # the rest of the row is the footer's
        key = form_label_of(text)[0] if len(text) <= 40 else None
        if key == "section" and field_of(text) == "goal":
            key = "goal"  # 总体目标 | <goal>: the block's label with the goal beside it (no 预期目标 head)
        if key is None and len(text) <= 30 and _ACHIEVED.match(label_parts(text).key) and i + 1 < len(texts) \
                and len(texts[i + 1][1]) >= _MIN_ACCOUNT:
            key = "actual_summary"  # 年度绩效目标 | <goal> over 实际完成情况 | <account>: the label beside its account
        if key in ("goal", "actual_summary") and r > 0 and text == sheet.text(r - 1, c):
            continue  # 年度总体目标 printed again beside the goal texts (its merge filled down): no new label
        value, where = "", c
        pairs: list[tuple[str, str]] = inline_pairs(text) if key is None else []
        if key is not None and i + 1 < len(texts):
            nc, nt = texts[i + 1]
            if not _is_label(nt):
                value, where = nt, nc
                used.add(nc)
        at = r
        if key is not None and not value and c in under:
            value, at = under[c], r + 1  # 项目名称 | 主管部门 over 某项目 | 某局: a row of labels over their values
        # (主管部门：某局　实施单位：某中心 — every pair of the cell or the line above the table)
        entries = [(form_label_of(label)[0], v, label) for label, v in pairs] if pairs else [(key, value, text)]
        for key, value, printed in entries:
            if key is not None and value:
                _take(project, out, key, value, re.sub(r"[\s:：*]+", "", printed), sheet.loc(at, where))
        if key is None and not pairs and i + 1 < len(texts) and is_page_field(text, texts[i + 1][1]):
            used.add(texts[i + 1][0])  # 发布机构 | 某局: the web page's own pair, its value no label either
            continue
        if key is None and not pairs and keep_unknown and i + 1 < len(texts) and _unknown_pair(text, texts[i + 1][1]):
            nc, nt = texts[i + 1]
            _keep(project, text, nt, sheet.loc(r, nc))  # 项目负责人 | 张三: a label the model has no field for
            used.add(nc)
            continue
        if entries[0][0] == "goal" and not pairs and len(texts) == i + 3 and where == texts[i + 1][0]:
            _achieved_beside(sheet, r, texts[i + 2], project)


#: A label the model has no field for, beside its value in a 自评表's head: a word of three to twelve
#: characters with no digits nor numbering (项目负责人及电话, 资金用途, 投向领域).
_UNKNOWN_LABEL = re.compile(r"^[\u4e00-\u9fff（）()/]{3,12}$")
#: A value that is no value of its own: a money unit (金额单位 | 万元), a sub-header (… | 资金执行情况).
_NO_VALUE = re.compile(r"^(?:万元|元|千元|亿元)$|情况(?:[(（][^()（）]{0,6}[)）])?$|[(（]%[)）]$")


def _unknown_pair(label: str, value: str) -> bool:
    """Is ``label | value`` a field the model has none for (项目负责人及电话 | 李宁0557-…), to keep as an extra —
    not a column header (自评得分: read as the total), a label over another, a unit line, a sign-off (kept as
    the footer) or the web page's own line?"""
    return bool(_UNKNOWN_LABEL.match(label)) and field_of(label) is None and not _is_label(value) \
        and not _NO_VALUE.search(value[:30]) and not is_footer_label(label) and not is_page_field(label, value)


def _keep(project: Project, label: str, value: str, loc: Location) -> None:
    """A labelled value of the block the model has no field for, kept by its label (spaces, colons out)."""
    key = re.sub(r"[\s:：*]+", "", label)
    if key and key not in project.extras:
        project.extras[key] = value
        project.field_locations[f"extra:{key}"] = loc


def _take(project: Project, out: TopBlock, key: str, value: str, label: str, loc: Location) -> None:
    """One labelled value of the block into the project (a ticked kind list, a chain of 主管部门 …)."""
    if key == "project" and is_choice_list(value):
        # 专项名称 | □自由探索类 ☑科技创新基地建设 …: the fund's kind ticked, the project named elsewhere
        project.extras.setdefault(label, value)
        return
    if key == "department" and project.department and department_tier(label) > out.department_tier:
        # 中央主管部门 | 省级主管部门 | 地方主管部门 on a 转移支付 自评表: the lowest tier is the form's own
        project.extras.setdefault(out.department_label or "主管部门", project.department)
        project.department = None
    if key == "department" and not project.department:
        out.department_tier, out.department_label = department_tier(label), label
    if key == "implementer" and out.unit_key == "fund_unit":
        project.implementer = None  # 项目实施单位 over a 单位名称：… line above the form (the filing unit)
    if key == "fund_unit" and out.unit_key == "fund_unit" and project.implementer and value != project.implementer:
        # 单位名称：农业工作科 over the form, its own 资金使用单位 | 农业科: the form's, the first kept aside
        project.extras.setdefault(re.sub(r"[\s:：*]+", "", out.unit_label) or "单位名称", project.implementer)
        project.implementer = None
    if key in {"implementer", "fund_unit"} and out.unit_key == "filer" and project.implementer:
        # 填报单位（盖章）：… above the form, then its own 资金使用单位 / 实施单位: the filer is kept aside
        project.extras.setdefault("填报单位", project.implementer)
        project.implementer = None
    if key in {"implementer", "fund_unit"} and not project.implementer:
        out.unit_key = "filer" if label.startswith("填报单位") else key
        out.unit_label = label
    _set_label(project, key, value, loc)


def _values_under(sheet: SheetView, r: int, texts: list[tuple[int, str]]) -> dict[int, str]:
    """A row of block labels only (项目名称 | 主管部门 | 实施单位) over a row of texts that are no labels:
    each label's column → the text under it. Empty for any other row (a label with its value beside
    it, a grid's header over its first row)."""
    if not labels_over_values(sheet, r, lambda t: len(t) <= 40 and form_label_of(t)[0] not in (None, "section"),
                              lambda t: not (_is_label(t) or inline_label_value(t))):
        return {}
    below = dict(own_texts(sheet, r + 1))
    return {c: below[c] for c, _ in texts if c in below}


#: Shortest account of the year's results taken from beside the goal (no header names it).
_MIN_ACCOUNT = 10


def _achieved_beside(sheet: SheetView, r: int, cell: tuple[int, str], project: Project) -> None:
    """年度总体目标 | <goal> | <account>, the 预期目标 / 实际完成情况 heads not printed: on a 自评表 the
    second text is the account of what the year achieved."""
    c, text = cell
    if not project.actual_summary and len(text) >= _MIN_ACCOUNT and not _is_label(text):
        project.actual_summary = text
        project.field_locations["actual_summary"] = sheet.loc(r, c)


def _is_label(text: str) -> bool:
    if len(text) > 40:
        return False
    key = label_parts(text).key
    return (form_label_of(text)[0] is not None or is_header_word(text) or is_footer_label(text)
            or is_bare_label(text) or bool(_PLANNED.match(key) or _ACHIEVED.match(key)))


def _set_label(project: Project, key: str, value: str, loc: Location) -> None:
    if key == "project" and not project.name:
        project.name, project.location = value, loc
        project.field_locations["name"] = loc
    elif key == "department" and not project.department:
        project.department = value
        project.field_locations["department"] = loc
    elif key in {"implementer", "fund_unit"} and not project.implementer:
        project.implementer = value
        project.field_locations["implementer"] = loc
    elif key == "code" and not project.code:
        project.code = value
        project.field_locations["code"] = loc
    elif key == "goal" and not project.goal:
        project.goal = value
        project.field_locations["goal"] = loc
    elif key == "actual_summary" and not project.actual_summary:
        project.actual_summary = value
        project.field_locations["actual_summary"] = loc


_BLOCK_LABELS = {"weight": "分值", "score": "得分"}


def _read_budget(sheet: SheetView, cols: dict[str, int], rows: list[int], project: Project, out: TopBlock,
                 money: str = "万元", section: str | None = None) -> None:
    """The 年度资金总额 row (the first line of the block, or the one a total label names) and its 其中 lines."""
    def label(r: int) -> str:
        texts = _line_texts(sheet, r, section)
        return texts[0][1] if texts else ""

    main = next((r for r in rows if form_label_of(label(r))[0] == "total"), rows[0])
    for key in BUDGET_KEYS:
        c = cols.get(key)
        if c is None:
            continue
        amount = amount_in_wan(sheet.text(main, c), money)
        project.field_locations.setdefault(key, sheet.loc(main, c))
        if amount is not None:
            setattr(project, key, amount)
    for key in ("weight", "rate", "score"):
        c = cols.get(key)
        if c is not None and sheet.text(main, c):
            project.budget_block[key] = sheet.text(main, c)
            project.field_locations[f"budget_block:{key}"] = sheet.loc(main, c)
            if key != "rate" and number(sheet.text(main, c)) is None:  # said, never silently replaced
                out.hints.append(f"预算执行情况的{_BLOCK_LABELS[key]}“{sheet.text(main, c)[:20]}”（{sheet.loc(main, c).cell}）"
                                 "不是可用的数字，未使用")
    parts = [r for r in rows if r != main]
    sums: dict[str, Decimal] = {}
    base = "budget_adjusted" if project.budget_adjusted is not None else "budget_initial"
    sources: dict[str, Decimal | None] = {}  # 其中 财政拨款 / 其他资金 in the base column
    for r in parts:
        line = label_parts(label(r)).key or label(r)
        kind = form_label_of(label(r))[0]
        if kind in ("fiscal", "other") and kind not in sources and (c := cols.get(base)) is not None:
            sources[kind] = amount_in_wan(sheet.text(r, c), money)
        for key in BUDGET_KEYS:
            c = cols.get(key)
            text = sheet.text(r, c) if c is not None else ""
            if not text or (c is not None and not sheet.own(r, c) and sheet.origin(r, c)[0] != r):
                continue
            extra = f"{line}/{_BUDGET_LABELS[key]}"
            project.extras[extra] = text
            project.field_locations[f"extra:{extra}"] = sheet.loc(r, c)  # type: ignore[arg-type]
            amount = amount_in_wan(text, money)
            if amount is not None:
                sums[key] = sums.get(key, Decimal(0)) + amount
    _amounts_from_budget(project, base, sources)
    if sums and all(not getattr(project, k) for k in BUDGET_KEYS):  # read as printed, the difference said
        out.hints.append(f"“{label(main)}”行为空或为 0，其中各行合计为 "
                         + "、".join(f"{_BUDGET_LABELS[k]} {v}" for k, v in sums.items()) + "，按原表读取")


def _amounts_from_budget(project: Project, base: str, sources: dict[str, Decimal | None]) -> None:
    """A 自评表's project amounts are its year's budget: 总计 the 全年预算数 (the 年初预算数 when no
    全年预算数 is printed), and 财政拨款 / 其他资金 the 其中 lines in that column when they add up to it
    (a line the model has no field for, such as 上年结转资金, leaves the sources unsaid). The budget
    block itself is judged by PG-E10; amounts already read are kept, a budget of 0 gives none."""
    total = getattr(project, base)
    a = project.amounts
    if total is None or total <= 0 or any(a.get(k) is not None for k in ("total", "fiscal", "special", "other")):
        return  # (a 年度资金总额 printed 0 over its 其中 lines is the block's defect, said by PG-E10 alone)
    a.total = total
    if base in project.field_locations:
        project.field_locations["total"] = project.field_locations[base]
    fiscal, other = sources.get("fiscal"), sources.get("other")
    if fiscal is not None and fiscal + (other or Decimal(0)) == total:
        a.fiscal, a.other = fiscal, other
