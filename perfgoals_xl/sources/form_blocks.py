"""The key/value block of a one-project form (申报表): labels found by vocabulary, values beside or below.

Rules (docs/forms.md):

- a cell whose text is a form label (``vocabulary.FORM_LABELS``; spaces, line breaks,
  ``*`` and a trailing ``：`` or ``（万元）`` ignored) takes as its value the next
  non-blank cell to its right that is not itself a label and not part of its own merged
  range; ``项目名称：XX`` in one cell is a label and its value;
- a goal label (总体目标 → 中期目标 | 年度目标) with a label or nothing on its right takes
  the cell below it;
- amounts: ``250万`` / ``10000万元`` / ``3,000元`` carry their own unit, otherwise the unit
  written in a label (项目资金（万元）) or a unit line (单位：元) applies, else 万元; an amount
  label belongs to the mid-term (中期) or the annual side by its own name, else by the nearest
  mid-term/annual total label at or to its left (the 2×3 block of the 88号 form);
- every other pair of text cells on a row of the block (a label and its value) is kept as
  an extra field, never dropped.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from perfgoals_xl import framework
from perfgoals_xl.hierarchy_labels import names_budget_unit
from perfgoals_xl.model import Location
from perfgoals_xl.sources.form_sheet import FormSheet
from perfgoals_xl.sources.grid import money_in_wan
from perfgoals_xl.sources.page_chrome import is_page_field, is_page_info
from perfgoals_xl.sources.sheet_view import filled_copy, labels_over_values
from perfgoals_xl.sources.vocabulary import (
    UNIT_LINE,
    department_tier,
    footer_row,
    form_label_of,
    inline_label_value,
    inline_pairs,
    is_bare_label,
    is_footer_label,
    is_grid_title,
    is_header_word,
    is_note,
    is_page_widget,
    is_total_word,
    label_key,
    label_parts,
    level_label,
    looks_like_label,
    split_amount,
    split_department,
    stray_label_tail,
)

AMOUNT_KEYS = ("total", "period_total", "fiscal", "special", "other")
_GOALS = {"goal", "period_goal"}
_MID_WORDS = ("中期", "实施期", "实施周期", "中长期")
_ANNUAL_WORDS = ("年度", "本年", "当年")
#: An amount label naming the whole term's total (项目总预算, 总投资) — the period side when the block
#: also prints a total for the year.
_WHOLE_TERM_WORDS = ("总预算", "总投资")
_LABEL_VALUE = re.compile(r"^([^:：]{1,20})[:：]\s*(\S.*)$", re.S)
#: A label run straight into its amount (总额800万元, 其他资金 200 万元).
_LABEL_AMOUNT = re.compile(r"^([^:：\d]{1,20}?)\s*(\d[\d,.]{0,20}\s*(?:万元|万|千元|元)?)$")
#: The 其中 opening a money line (其中:财政拨款 203): no part of its label.
_OF_WHICH = re.compile(r"^其中\s{0,3}[:：]?\s{0,3}")
#: Section labels that hold a value of their own when one stands right of them (总体目标 | <goal>).
_SECTION_VALUE = {"总体目标": "goal", "金额": "total", "项目资金": "total", "年初安排金额": "total",
                  "项目资金情况": "total", "资金来源": None}


@dataclass
class Found:
    """A value read from the block: its text and where it stands."""

    text: str
    location: Location


@dataclass
class FormFields:
    """What the key/value block of one form says."""

    values: dict[str, Found] = field(default_factory=dict)  # project, code, department, … goal
    amounts: dict[str, Found] = field(default_factory=dict)  # total, fiscal, special, other (annual)
    period_amounts: dict[str, Found] = field(default_factory=dict)  # the mid-term side (kept as extras)
    extras: dict[str, Found] = field(default_factory=dict)
    unit: str = "万元"  # money unit of bare amounts
    footer: dict[str, Found] = field(default_factory=dict)  # 填报人, 联系电话 … under the form
    goal_is_annual: bool = False  # the goal was labelled 年度 / 本年 (an overall goal beside it is the mid-term one)
    hints: list[str] = field(default_factory=list)  # what the reader assumed (读取提示)
    department_tier: int = -1  # the tier of the 主管部门 label read (see _tier)
    department_label: str = ""
    unit_as_implementer: str = ""  # the label of a second unit read as the implementer (资金使用单位)


def is_header_cell(text: str) -> bool:
    """Is this cell a label or a column header (never a value)? Short words that are column headers
    in some tables and values in others (长期, 年度, 其他, 中长期) are values here."""
    if len(text) > 40:
        return False
    if form_label_of(text)[0] is not None:
        return True
    key = label_parts(text).key
    return is_header_word(text) and (len(key) >= 4 or key in _STRONG_HEADERS)


_STRONG_HEADERS = frozenset({"指标值", "目标值", "得分", "分值", "权重"})


def parse_amount(text: str, unit: str) -> Decimal | None:
    """An amount cell in 万元 (:func:`grid.money_in_wan`); ``854万(其中…)``: the amount before its breakdown."""
    found = money_in_wan(text, unit)
    if found is None:
        head, rest = split_amount(text)
        if rest:
            found = money_in_wan(head, unit)
    return found


def _side(label_text: str) -> str | None:
    label_text = _clean_label(label_text)  # 项目当年预\n算, 年 度 目 标: broken or spaced out as printed
    if any(w in label_text for w in _MID_WORDS):
        return "period"
    if any(w in label_text for w in _ANNUAL_WORDS):
        return "annual"
    return None


def _amount_side(label_text: str, key: str) -> str | None:
    """The side an amount label names itself: a total's 当年/本年 is the year's, but a source's
    (其中：当年财政拨款, 本年财政拨款 beside 上年结转) names the money's year, not the side — only
    年度 or a mid-term word sides a source label; else it takes the side of the total it is under."""
    side = _side(label_text)
    if side == "annual" and key not in {"total", "period_total"} and "年度" not in _clean_label(label_text):
        return None
    return side


#: A heading line holding the money unit beside other labels (预算单位：某乡人民政府  金额单位：元).
_MAX_UNIT_LINE = 80


def read_block(sheet: FormSheet, rows: list[int]) -> FormFields:
    """Read the key/value cells of these rows (the form outside its indicator grid)."""
    out = FormFields()
    used: set[tuple[int, int]] = set()
    block = set(rows)
    amount_labels: list[tuple[int, int, str, str]] = []  # r, c, key, label text
    inline_amounts: list[InlineAmount] = []  # 其中:财政拨款：51.35 in one cell, its side known once all are read
    heading_unit: tuple[tuple[int, int], Found] | None = None  # 207101某法院 | 单位：万元, unlabelled
    for r in rows:
        for c in range(len(sheet.rows[r])):
            if not sheet.own(r, c) or (r, c) in used:
                continue
            text = sheet.text(r, c)
            if not text:
                continue
            unit = UNIT_LINE.search(text) if len(text) <= _MAX_UNIT_LINE else None
            if unit is not None:
                out.unit = unit.group(1)
                if len(text) <= 20:
                    used.add((r, c))
                    if heading_unit is None and (named := unit_heading(sheet, r)) is not None:
                        heading_unit = (r, named[0]), Found(named[1].strip(), sheet.loc(r, named[0]))
                    continue  # 单位：元 alone; 预算单位：某乡 金额单位：元 is read on as its labels too
            if _read_footer(sheet, r, c, text, used, out):
                continue
            key, money = sheet.label(r, c)
            if money:
                out.unit = money
            if key == "project" and (stray := stray_label_tail(text)):
                out.hints.append(f"标签“{text.strip()[:20]}”按项目名称读取（末尾的“{stray}”不是标签的一部分）")
            if key is None:  # 项目名称：XX in one cell
                lines = _inline_lines(text)
                if lines:  # 资金总额: 250 / 一、预算资金: 250 / 三、其他: 0, one pair a line
                    used.add((r, c))
                    for label, value, inline in lines:
                        found = Found(value, sheet.loc(r, c))
                        if inline is None:
                            out.extras.setdefault(_clean_label(label), found)
                        else:
                            _store_inline(out, inline, found, label, c, inline_amounts)
                    continue
                run = _LABEL_AMOUNT.match(_OF_WHICH.sub("", text.strip())) if len(text) <= 40 else None
                if run and (part := form_label_of(run.group(1))[0]) in AMOUNT_KEYS:
                    used.add((r, c))  # 其中:财政拨款 203 — a money line and its amount in one cell
                    _store_inline(out, part, Found(run.group(2).strip(), sheet.loc(r, c)), run.group(1), c,
                                  inline_amounts)
                    continue
                pair = inline_label_value(text)
                inline = form_label_of(pair[0])[0] if pair else None
                if pair and inline == "section" and parse_amount(pair[1], out.unit or "万元") is not None:
                    inline = "total"  # 金额:100 万元 over the form: the section's own amount is the total
                elif (pair and inline == "section" and _SECTION_VALUE.get(label_parts(pair[0]).key) == "goal"
                      and pair[1] and not looks_like_label(pair[1])):
                    inline = "goal"  # 总体目标：<its text> in one cell (a line above a table): the goal
                if pair and inline in AMOUNT_KEYS and not pair[1]:
                    used.add((r, c))  # 项目预算资金(万元)：中期预算资金总额 — a money section, its sub-label after it
                    continue  # (or 其他资金： left blank): no amount, and no claim on the field
                if pair and inline and inline != "section":
                    used.add((r, c))
                    if is_footer_label(pair[1]):  # 填报单位(盖章): 单位负责人:张三 — left blank, a sign-off after it
                        for label, value in footer_row([pair[1]]).items():
                            out.footer.setdefault(label, Found(value, sheet.loc(r, c)))
                        continue
                    value = pair[1]
                    if (unit_tail := UNIT_LINE.search(value)) and unit_tail.start() > 0:
                        value = value[: unit_tail.start()].rstrip()  # 主管部门：某局　　单位：万元
                        out.unit = unit_tail.group(1)
                    _store_inline(out, inline, Found(value, sheet.loc(r, c)), pair[0], c, inline_amounts)
                    rest = text[text.find(pair[1]) + len(pair[1]):].strip() if pair[1] in text else ""
                    for label, tail in (footer_row([rest]).items() if rest and is_footer_label(rest) else ()):
                        out.footer.setdefault(label, Found(tail, sheet.loc(r, c)))  # …　填报人：张华　联系电话：…
                    if rest and not is_footer_label(rest):  # 主管部门：某局　实施单位：某中心: each pair its field
                        for label, tail in inline_pairs(rest):
                            if (more := form_label_of(label)[0]) not in (None, "section") and tail:
                                _store_inline(out, more, Found(tail, sheet.loc(r, c)), label, c, inline_amounts)
                continue
            used.add((r, c))
            if key == "section":
                key = _section_value(sheet, r, c, used, out)
                if key is None:
                    continue
            if key in AMOUNT_KEYS:
                amount_labels.append((r, c, key, text))
                continue
            found = _value_right(sheet, r, c, used)
            if found is not None and key in _GOALS and label_parts(found.text).key in _ASPECT_HEADS:
                # 预期目标 | 内容 | 部门（单位）申报 over 预期效果 | <text> …: the goal is its aspects' texts
                found = _aspect_lines(sheet, r, c, used)
            elif found is not None and key in _GOALS and framework.level1_by_name(level_label(found.text)[0]):
                # 年度绩效总目标 | 产出指标 | <text> over 效益指标 | <text>: the goal written by level, as text
                found = _aspect_lines(sheet, r, c, used, from_row=r) or found
            if found is not None and key in _GOALS and not looks_like_label(found.text):
                found = _continued(sheet, r, c, found, used, block)
            if found is not None and key in _GOALS and looks_like_label(found.text):
                # 年度目标 | 年度总体目标完成情况 over their texts: a label beside it, the goal below
                below = _value_below(sheet, r, c, used, block)
                if below is not None:
                    found = below
            if found is None:
                # a row of labels over a row of values (项目名称 | 主管部门 over their values) takes the
                # cell below as it is; a lone label with nothing right, only one that is no label of its own
                found = _value_below(sheet, r, c, used, block,
                                     strict=key not in _GOALS and not _label_right(sheet, r, c))
            if found is not None:
                _store(out, key, found, text)
    _read_amounts(sheet, amount_labels, used, out, set(rows), inline_amounts)
    if heading_unit is not None and not ({"department", "implementing_department", "fund_unit"} & out.values.keys()):
        (hr, hc), found = heading_unit
        used.add((hr, hc))  # (else, beside a 主管部门 label, it stays a field of its own, kept as printed)
        out.values["fund_unit"] = found
        out.hints.append(f"表头行的“{found.text}”没有标签，按填报单位读取")
    _read_extras(sheet, rows, used, out)
    _cut_goal_labels(out)
    return out


def unit_heading(sheet: FormSheet, r: int) -> tuple[int, str] | None:
    """``207101天津市河北区人民法院 | 单位:万元``: a row holding a money unit line and, beside it, a budget
    unit's name with no label (the heading a system export prints over each form it stacks) → (column,
    text) of that name; None for any other row."""
    texts = [(c, t) for c in range(len(sheet.rows[r])) if sheet.own(r, c) and (t := sheet.text(r, c))]
    if len(texts) != 2:
        return None
    money = [k for k, (_, t) in enumerate(texts) if len(t) <= 20 and UNIT_LINE.search(t)]
    if len(money) != 1:
        return None
    c, text = texts[1 - money[0]]
    if sheet.label(r, c)[0] is not None or not names_budget_unit(split_department(text)[0]):
        return None
    return c, text


#: A goal label of which only the first line came through (年度 of 年度<br>目标 in a page's text copy):
#: its text is that goal when the form has none under a whole label.
_CUT_GOAL_LABELS = {"年度": "goal", "长期": "period_goal", "中期": "period_goal"}
_MIN_GOAL_TEXT = 10


def _cut_goal_labels(out: FormFields) -> None:
    """年度 | <a sentence>, 长期 | <a sentence>: the goals, their labels cut to one line — said."""
    for label, key in _CUT_GOAL_LABELS.items():
        found = out.extras.get(label)
        if (found is None or key in out.values or len(found.text) < _MIN_GOAL_TEXT
                or parse_amount(found.text, "万元") is not None):
            continue
        _store(out, key, out.extras.pop(label), label)
        where = f"（{found.location.cell}）" if found.location.cell else ""
        out.hints.append(f"标签“{label}”后是一段目标文字{where}，按“{label}目标”读取")


#: Column heads of a goal written as a small table of aspects (预期目标 | 内容 | 部门（单位）申报).
_ASPECT_HEADS = frozenset({"内容", "具体内容", "申报内容", "部门(单位)申报", "部门申报", "单位申报", "目标内容"})
_MAX_ASPECTS = 12
_ASPECT_WIDTH = 12  # columns right of the goal label an aspect and its text stand in


def _aspect_lines(sheet: FormSheet, r: int, c: int, used: set[tuple[int, int]],
                  from_row: int | None = None) -> Found | None:
    """The goal label's rows under its heads, as ``aspect：text`` lines (预期提供的公共产品和服务的数量：
    完成审计45个以上。); None when none holds a text. ``from_row``: the aspects start on the label's own
    row (no heads: 年度绩效总目标 | 产出指标 | <text>)."""
    own = sheet.origin(r, c)
    lines: list[str] = []
    first: Location | None = None
    start = r + 1 if from_row is None else from_row
    for rr in range(start, min(start + _MAX_ASPECTS, len(sheet.rows))):
        if sheet.origin(rr, c) != own and (sheet.text(rr, c) or any(
                sheet.own(rr, cc) and sheet.text(rr, cc) for cc in range(c))):
            break  # (a blank cell under the label, nothing left of it: the label's merge lost, as in a CSV)
        cells = [(cc, sheet.text(rr, cc)) for cc in range(c + 1, min(len(sheet.rows[rr]), c + 1 + _ASPECT_WIDTH))
                 if sheet.own(rr, cc) and sheet.text(rr, cc)]
        if len(cells) < 2:
            continue
        (_, aspect), (vc, value) = cells[0], cells[-1]
        aspect = re.sub(r"\s+", "", aspect)  # (预期\n效果: a label's line break is nothing)
        lines.append(f"{aspect}：{value}")
        used.update((rr, cc) for cc, _ in cells)
        first = first or sheet.loc(rr, vc)
    return Found("\n".join(lines), first) if lines and first is not None else None


#: An amount read as ``label：value`` in one cell: (column, form field, value, label).
InlineAmount = tuple[int, str, "Found", str]


def _store_inline(out: FormFields, key: str, found: Found, label: str, c: int, amounts: list[InlineAmount]) -> None:
    """A ``label：value`` read in one cell: an amount kept for its side (中期 or the year's, known once every
    amount label is read), any other field stored."""
    if key in AMOUNT_KEYS:
        amounts.append((c, key, found, label))
    else:
        _store(out, key, found, label)


#: Lines looked at in one cell holding a ``label：value`` pair on each line.
_MAX_INLINE_LINES = 12


def _inline_lines(text: str) -> list[tuple[str, str, str | None]]:
    """A cell holding one ``label：value`` pair on each of its lines (资金总额: 250 / 一、预算资金:250 /
    二、自有资金:0 / 三、其他:0) → (label, value, form field or None) per line, when there are two or more
    lines, every one such a pair and at least two of them amounts; [] otherwise (one pair is
    :func:`inline_label_value`'s, a goal text with colons in it is no list of fields)."""
    lines = [line.strip() for line in text.splitlines()[: _MAX_INLINE_LINES + 1] if line.strip()]
    if not 2 <= len(lines) <= _MAX_INLINE_LINES:
        return []
    out: list[tuple[str, str, str | None]] = []
    for line in lines:
        m = _LABEL_VALUE.match(line) or _LABEL_AMOUNT.match(line)  # 总额800万元: no colon before the amount
        if not m or len(m.group(2)) > 80:
            return []
        key = form_label_of(m.group(1))[0]
        out.append((m.group(1).strip(), m.group(2).strip(), key if key != "section" else None))
    if sum(1 for _, value, key in out if key in AMOUNT_KEYS and parse_amount(value, "万元") is not None) < 2:
        return []
    return out


def _read_footer(sheet: FormSheet, r: int, c: int, text: str, used: set[tuple[int, int]],
                 out: FormFields) -> bool:
    """A sign-off field (填报人：张三 联系电话：…, or 填报人 | 张三 | …) or a note (注：…) starting at
    (r, c): it and the rest of its row are the form's footer."""
    if not (is_note(text) or is_footer_label(text)):
        return False
    cells = [(cc, sheet.text(r, cc)) for cc in range(c, len(sheet.rows[r]))
             if sheet.own(r, cc) and (r, cc) not in used and sheet.text(r, cc)]
    for cc, _ in cells:
        used.add((r, cc))
    for label, value in footer_row([t for _, t in cells]).items():
        out.footer.setdefault(label, Found(value, sheet.loc(r, c)))
    return True


def section_value_key(sheet: FormSheet, r: int, c: int) -> str | None:
    """The field a section label (总体目标, 金额) at (r, c) labels when its own value stands right of it."""
    return _section_value(sheet, r, c, set(), FormFields())


def _section_value(sheet: FormSheet, r: int, c: int, used: set[tuple[int, int]], out: FormFields) -> str | None:
    """A section label (总体目标, 金额) with its own value right of it is that field's label; else None."""
    from perfgoals_xl.sources.vocabulary import label_parts

    key = label_parts(sheet.text(r, c)).key
    field_name = _SECTION_VALUE.get(key)
    if field_name is None:
        return None
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        if sheet.origin(r, cc) == own:
            continue
        text = sheet.text(r, cc)
        if not text:
            continue
        if is_header_cell(text) or sheet.origin(r, cc) in used:
            return None
        if field_name == "total" and parse_amount(split_amount(text)[0], out.unit) is None:
            return None
        return field_name
    # 总体目标 | 总体目标 over the goal: a goal section with nothing right of it heads the text below it
    return "goal" if field_name == "goal" else None


_ANNUAL_GOAL = re.compile(r"年度|本年|当年")


def _store(out: FormFields, key: str, found: Found, label: str) -> None:
    if key == "fund_unit" and _clean_label(label).startswith("填报单位"):
        key = "filer"  # 填报单位（盖章）：… over the form: the filer, which the form's own unit labels outrank
    if key == "goal" and "goal" in out.values:
        # 项目总体目标 beside 项目年度目标: the annual one is the goal, the overall one the mid-term goal
        annual_new = bool(_ANNUAL_GOAL.search(_clean_label(label)))  # 项 目 年 度 目 标: spaced out
        if annual_new and not out.goal_is_annual:
            found, out.values["goal"] = out.values["goal"], found
            out.goal_is_annual = True
        if not annual_new or out.goal_is_annual:
            if "period_goal" not in out.values:
                out.values["period_goal"] = found
            else:
                out.extras.setdefault(_clean_label(label), found)
            return
    if key == "goal" and "goal" not in out.values:
        out.goal_is_annual = bool(_ANNUAL_GOAL.search(_clean_label(label)))
    if key == "department" and key in out.values and department_tier(label) > out.department_tier:
        # 中央主管部门 | 省级主管部门 | 区县主管部门 on a 转移支付 form: the lowest tier is the form's own
        out.extras.setdefault(out.department_label, out.values[key])
        out.values[key], out.department_tier, out.department_label = found, department_tier(label), _clean_label(label)
        return
    if key == "fund_unit" and key in out.values and "implementer" not in out.values \
            and found.text != out.values[key].text:
        # 预算单位：某乡人民政府 over the form, 资金使用单位 | 某乡 in it: the unit, and the one spending the money
        out.values["implementer"], out.unit_as_implementer = found, _clean_label(label)
        return
    if key == "implementer" and out.unit_as_implementer:
        # a 实施单位 of its own after that: it is the implementer, the second unit kept as printed
        out.extras.setdefault(out.unit_as_implementer, out.values.pop("implementer"))
        out.unit_as_implementer = ""
    if key in out.values:  # a second 项目名称 … on the same form: keep the first, the rest as extras
        out.extras.setdefault(_clean_label(label), found)
    else:
        out.values[key] = found
        if key == "department":
            out.department_tier, out.department_label = department_tier(label), _clean_label(label)




def _clean_label(text: str) -> str:
    return re.sub(r"[\s:：*]+", "", text)


def _value_right(sheet: FormSheet, r: int, c: int, used: set[tuple[int, int]], *,
                 amount: bool = False) -> Found | None:
    """The next non-blank cell right of (r, c) outside its merged range, unless it is a label.
    amount: a sub-label on the way (一般公共预算拨款 | 小计 | 250) is passed over."""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        origin = sheet.origin(r, cc)
        if origin == own:
            continue
        text = sheet.text(r, cc)
        if not text:
            continue
        if amount and is_total_word(text) and origin not in used:
            used.add(origin)
            continue
        if sheet.label(r, cc)[0] is not None or is_header_cell(text) or is_footer_label(text) or is_bare_label(text):
            return None  # the next label (or a column header, or any 标签: left blank): this one has no value
        if origin in used:
            continue
        used.add(origin)
        return Found(text, sheet.loc(r, cc))
    return None


def _continued(sheet: FormSheet, r: int, c: int, found: Found, used: set[tuple[int, int]],
                block: set[int]) -> Found:
    """A goal printed over several rows beside its label, one line a row (本年度绩效目标 over 1.…; |
    2.…): the lines joined, one per line. The label is merged down over those rows, or — its merge
    lost (CSV, text) — the rows under it are blank left of the goal and hold text only under it."""
    own = sheet.origin(r, c)
    right = max(cc for cc in range(len(sheet.rows[r])) if sheet.origin(r, cc) == own) + 1
    merged = r + 1 < len(sheet.rows) and sheet.origin(r + 1, c) == own
    lines = [found.text]
    rr = r + 1
    while rr < len(sheet.rows) and rr in block and rr <= r + _MAX_GOAL_ROWS:
        if merged and sheet.origin(rr, c) != own:
            break
        # (the label's merge split and filled, WPS 拆分并填充内容: its copies on the row are no new label)
        left = {sheet.origin(rr, cc) for cc in range(right) if sheet.text(rr, cc)}
        copies = {o for o in left if o[0] == rr and filled_copy(sheet, r, rr, o[1])}
        if not merged and left != copies:
            break
        cells = [(cc, text) for cc in range(right, len(sheet.rows[rr]))
                 if sheet.own(rr, cc) and (text := sheet.text(rr, cc))]
        if (len(cells) != 1 or (rr, cells[0][0]) in used or is_header_cell(cells[0][1])
                or is_note(cells[0][1]) or is_footer_label(cells[0][1])):
            break
        if not merged and sheet.text(r, cells[0][0]) != found.text:
            break  # not under the goal's first line
        used.add((rr, cells[0][0]))
        used.update(copies)
        lines.append(cells[0][1])
        rr += 1
    return found if len(lines) == 1 else Found("\n".join(lines), found.location)


#: Rows a goal printed one line a row may take.
_MAX_GOAL_ROWS = 12


def _value_below(sheet: FormSheet, r: int, c: int, used: set[tuple[int, int]], block: set[int], *,
                 strict: bool = False) -> Found | None:
    """The cell below a column label (中期目标 | 年度目标 over their texts), within the block.

    strict (labels other than goals): the cell below must not itself lead a label | value pair
    (then it is a label the vocabulary does not know, not this label's value)."""
    own = sheet.origin(r, c)
    for rr in range(r + 1, min(r + 3, len(sheet.rows))):
        if rr not in block:
            return None
        origin = sheet.origin(rr, c)
        if origin == own:
            continue
        text = sheet.text(rr, c)
        if not text:
            continue
        if (sheet.label(rr, c)[0] is not None or origin in used or is_header_cell(text) or is_footer_label(text)
                or is_bare_label(text) or is_grid_title(text)):
            return None  # a label below (项目经办人: under a blank 项目名称:) is never this one's value
        if (below_key := label_key(text)) is not None and below_key != label_key(sheet.text(r, c)):
            return None  # 项目当年绩效目标：… under a blank 项目中期规划绩效目标: a field of its own
        if strict and (len(text) > 200 or _leads_pair(sheet, rr, c) or _follows_label(sheet, rr, c)):
            return None  # (a text right of a label on its own row is that label's value)
        used.add(origin)
        return Found(text, sheet.loc(rr, c))
    return None


def _labels_over_values(sheet: FormSheet, r: int, block: set[int]) -> bool:
    """Is row r a row of labels only over a row of values (texts of their own, none a label)?"""
    return r + 1 in block and labels_over_values(
        sheet, r, lambda t: len(t) <= 40 and form_label_of(t)[0] is not None, lambda t: label_key(t) is None)


def _label_right(sheet: FormSheet, r: int, c: int) -> bool:
    """Is the next text right of (r, c), outside its merged range, a label?"""
    own = sheet.origin(r, c)
    for cc in range(c + 1, len(sheet.rows[r])):
        text = sheet.text(r, cc)
        if text and sheet.origin(r, cc) != own:
            return sheet.label(r, cc)[0] is not None
    return False


def _follows_label(sheet: FormSheet, r: int, c: int) -> bool:
    """Is the next text left of (r, c), outside its merged range, a label (项目绩效目标 | 总体描述 | text)?"""
    own = sheet.origin(r, c)
    for cc in range(c - 1, -1, -1):
        text = sheet.text(r, cc)
        if text and sheet.origin(r, cc) != own:
            return sheet.label(r, cc)[0] is not None
    return False


def _leads_pair(sheet: FormSheet, r: int, c: int) -> bool:
    """Has the cell at (r, c) a text right of it outside its merged range (a label | value pair)?"""
    own = sheet.origin(r, c)
    return any(sheet.text(r, cc) and sheet.origin(r, cc) != own for cc in range(c + 1, len(sheet.rows[r])))


def _read_amounts(sheet: FormSheet, labels: list[tuple[int, int, str, str]],
                  used: set[tuple[int, int]], out: FormFields, block: set[int], inline: list[InlineAmount]) -> None:
    """Amount labels → the mid-term or annual side, value on the right (or under a side header), or
    below when a row of amount labels stands over a row of amounts (资金来源 | 上级财政补助资金 |
    同级财政资金 | 其他 over 0.00 | 25.00 | 0.00). An amount written with its label in one cell takes
    the side its label says, else the side of the total label at or left of its column (中期资金总额 |
    年度资金总额 over 其中:财政拨款：68.50 | 其中:财政拨款：51.35)."""
    sided = [(c, _side(text) or ("period" if key == "period_total" else None))
             for c, key, text in [(c, key, text) for _, c, key, text in labels] + [(c, k, t) for c, k, _, t in inline]
             if key in {"total", "period_total"}]
    sided = [(c, s) for c, s in sided if s]
    side_left = _SidesLeft(sided)
    annual_total = any(key == "total" and _side(text) == "annual"
                       for key, text in [(key, text) for _, _, key, text in labels] + [(k, t) for _, k, _, t in inline])

    def side_of(c: int, key: str, text: str) -> str | None:
        side = "period" if key == "period_total" else _amount_side(text, key)
        if side is None and key == "total" and annual_total and any(w in _clean_label(text) for w in _WHOLE_TERM_WORDS):
            side = "period"  # 项目总预算 (2019–2021) beside 项目当年预算: the whole term's, not the year's
        return side if side is not None else side_left.at(c)

    for c, key, found, text in inline:
        side = side_of(c, key, text)
        target = out.period_amounts if side == "period" else out.amounts
        name = "total" if key == "period_total" else key
        if name in target:
            out.extras.setdefault(_clean_label(text), found)
        else:
            target[name] = found
    per_row = Counter(r for r, *_ in labels)  # amount labels on each row
    amount_rows: dict[int, bool] = {}  # rows holding an amount themselves (looked at once a row)
    # rows of two or more amount labels each over an amount: their amounts are below them
    over: dict[int, int] = {}
    for r, c, _, _ in labels:
        below = sheet.text(r + 1, c) if r + 1 < len(sheet.rows) and r + 1 in block else ""
        if below and sheet.origin(r + 1, c) != sheet.origin(r, c) and parse_amount(below, "万元") is not None:
            over[r] = over.get(r, 0) + 1
    below_row: dict[str, int] = {}  # amount → the row of labels over amounts it was read under
    year_headers: dict[int, tuple[list[int], bool]] = {}  # row → its 本年度 columns, 上年 beside them
    for r, c, key, text in labels:
        side = side_of(c, key, text)
        found = _in_year_column(sheet, r, c, used, block, year_headers)
        if found is None:
            found = _value_right(sheet, r, c, used, amount=True)
        if over.get(r, 0) >= 2 and (found is None or _no_amount(found)):  # a row of labels over amounts
            probe = set(used)  # a text below that is no amount stays free for the other readers
            below = _value_below(sheet, r, c, probe, block)
            if below is not None and not _no_amount(below):
                found = below
                used |= probe
                name = "total" if key == "period_total" else key
                target = out.period_amounts if side == "period" else out.amounts
                if below_row.get(name) == r and name in target and _plain(target[name]) and _plain(found):
                    # 上级财政补助资金 | 同级财政资金 over 0.00 | 25.00: parts of one 财政拨款, added up
                    total = Decimal(target[name].text) + Decimal(found.text)
                    target[name] = Found(str(total), target[name].location)
                    continue
                below_row.setdefault(name, r)
        if (found is None or _no_amount(found)) and per_row[r] >= 2:
            if r not in amount_rows:
                amount_rows[r] = any(sheet.own(r, cc) and parse_amount(sheet.text(r, cc), "万元") is not None
                                     for cc in range(len(sheet.rows[r])))
            if not amount_rows[r]:  # amounts on the label row itself (项目总预算 | 65 | …): no row of labels over amounts
                found = _amount_under_span(sheet, r, c, text, used, block, out) or found
        if found is None and _labels_over_values(sheet, r, block):
            probe = set(used)  # 年度资金总额 | 其他资金 over 2350 | 0: a row of labels over their amounts
            below = _value_below(sheet, r, c, probe, block)
            if below is not None and not _no_amount(below):
                found = below
                used |= probe
        if found is None:
            continue
        name = "total" if key == "period_total" else key
        target = out.period_amounts if side == "period" else out.amounts
        if name in target and _no_amount(target[name]) and not _no_amount(found):
            target[name] = found  # 项目预算 | 成本构成 | 金额 …, then 合计 | 814: the amount is the 合计's
        elif name in target:
            out.extras.setdefault(_clean_label(text), found)
        else:
            target[name] = found


#: The column of the year's amount in a money grid that compares years (项目 | 上年度预算安排 |
#: 上年度实际执行 | 本年度申请金额): its header.
_YEAR_COLUMN = re.compile(r"^(?:本年度?|当年度?|今年)(?:申请|预算|安排|申报|计划)(?:安排)?(?:金额|数|资金|额)?$")
_YEAR_HEADER_ROWS = 8  # rows above an amount label its grid's header may stand


def _in_year_column(sheet: FormSheet, r: int, c: int, used: set[tuple[int, int]], block: set[int],
                    headers: dict[int, tuple[list[int], bool]]) -> Found | None:
    """An amount label's amount in the year's column of a grid comparing years (合计 | 30 | 29.5 | 35
    under 项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额): the 本年度 column, not the first
    number right of the label. None when no such header stands above the label. `headers` caches
    each row's year columns and whether last year's stand beside them (one pass a row)."""
    for rr in range(r - 1, max(r - _YEAR_HEADER_ROWS, -1), -1):
        if rr not in block:
            return None
        if rr not in headers:
            cells = [(cc, re.sub(r"\s+", "", sheet.text(rr, cc))[:20]) for cc in range(len(sheet.rows[rr]))
                     if sheet.own(rr, cc) and sheet.text(rr, cc)]
            headers[rr] = ([cc for cc, t in cells if _YEAR_COLUMN.match(t)], any(t.startswith("上年") for _, t in cells))
        years, last_year = headers[rr]
        at = bisect.bisect_right(years, c)
        if at == len(years):
            continue
        if not last_year:
            return None  # a year column only where last year's stand beside it
        year = years[at]
        text = sheet.text(r, year)
        if (r, year) in used or not text or parse_amount(text, "万元") is None:
            return None
        used.add((r, year))
        return Found(text, sheet.loc(r, year))
    return None


class _SidesLeft:
    """The side (period / annual) of the last sided total label (in the labels' order) standing at or
    left of a column, "annual" when none does: a lookup, not a pass over the labels for each label."""

    def __init__(self, sided: list[tuple[int, str]]) -> None:
        order = sorted(range(len(sided)), key=lambda i: sided[i][0])
        self._cols = [sided[i][0] for i in order]
        self._sides = [s for _, s in sided]
        self._last: list[int] = []  # over the labels sorted by column: the latest label index so far
        for i in order:
            self._last.append(max(i, self._last[-1]) if self._last else i)

    def at(self, c: int) -> str:
        """The side of the last sided label at or left of column c."""
        k = bisect_right(self._cols, c)
        return self._sides[self._last[k - 1]] if k else "annual"


#: Rows looked at under an amount label's merged range for its amounts (a row of sub-labels between).
_SPAN_ROWS = 2


def _amount_under_span(sheet: FormSheet, r: int, c: int, label: str, used: set[tuple[int, int]],
                       block: set[int], out: FormFields) -> Found | None:
    """The amount under a label of a row of amount labels, below the label's merged range and within its
    columns, maybe under a row of sub-labels: 本年度预计投入 | 财政资金 (over 中央 | 省级 | 市级 | 本级) | 其他
    over 7 | 0 | 7 | 0 | 0 | 0. Several amounts under one label are its parts, added up (each kept as
    an extra under its sub-label); None when the cells there are not all amounts. (The caller has
    made sure that the label row holds no amount itself.)"""
    own = sheet.origin(r, c)
    cols = [own[1]]  # the label's merged range: its columns follow each other from its origin's
    while cols[-1] + 1 < len(sheet.rows[r]) and sheet.origin(r, cols[-1] + 1) == own:
        cols.append(cols[-1] + 1)
    while cols[-1] + 1 < len(sheet.rows[r]) and sheet.own(r, cols[-1] + 1) and not sheet.text(r, cols[-1] + 1):
        cols.append(cols[-1] + 1)  # blank cells right of it: its span once the merge was lost (CSV, text)
    bottom = r
    while bottom + 1 < len(sheet.rows) and sheet.origin(bottom + 1, c) == own:
        bottom += 1
    subs: dict[int, str] = {}  # column → sub-label over it
    for rr in range(bottom + 1, bottom + 1 + _SPAN_ROWS):
        if rr not in block or rr >= len(sheet.rows):
            return None
        cells: dict[tuple[int, int], tuple[int, str]] = {}
        for cc in cols:
            origin = sheet.origin(rr, cc)
            text = sheet.text(rr, cc)
            if text and origin not in cells:
                cells[origin] = (cc, text)
        if not cells and not subs:
            continue  # the label's lower half, its merge down lost (CSV, text)
        if not cells or any(origin in used for origin in cells):
            return None
        beyond = sheet.origin(rr, cols[-1] + 1)  # (cols ascend: the last is the rightmost)
        if any(origin[1] < cols[0] or beyond == origin for origin in cells):
            return None  # a cell reaching beyond the label's columns: not this label's
        amounts = [(origin, cc, text) for origin, (cc, text) in cells.items() if parse_amount(text, "万元") is not None]
        if not amounts:
            if subs or any(sheet.label(rr, cc)[0] is not None for cc, _ in cells.values()):
                return None
            subs = {cc: text for cc, text in cells.values()}  # 中央 | 省级 | 市级 | 本级: sub-labels
            continue
        if len(amounts) != len(cells):
            return None
        if len(amounts) == 1:
            origin, cc, text = amounts[0]
            used.add(origin)
            return Found(text, sheet.loc(rr, cc))
        sub_of: dict[tuple[int, int], str] = {}  # amount cell → the first sub-label over it (one pass, not one per amount)
        for sc, t in subs.items():
            sub_of.setdefault(sheet.origin(rr, sc), t)
        named = [(origin, cc, text, sub_of.get(origin)) for origin, cc, text in amounts]
        subtotal = next(((cc, text) for _, cc, text, sub in named if sub is not None and is_total_word(sub)), None)
        if subtotal is None and not all(_PLAIN_NUMBER.match(text.strip()) for _, _, text in amounts):
            return None
        for origin, cc, text, sub in named:
            used.add(origin)
            if sub is not None and not is_total_word(sub):
                out.extras.setdefault(f"{label_parts(label).key}（{_clean_label(sub)}）", Found(text, sheet.loc(rr, cc)))
        for cc in subs:
            used.add(sheet.origin(rr - 1, cc))
        if subtotal is not None:  # 小计 | 中央 | 省级 under 财政资金: the 小计 is the amount
            return Found(subtotal[1], sheet.loc(rr, subtotal[0]))
        total = sum((Decimal(text.strip()) for _, _, text in amounts), Decimal(0))
        parts = "、".join(_clean_label(sub) for *_, sub in named if sub is not None)
        out.hints.append(f"“{label_parts(label).key}”下分列{parts or '多列'}，按各列之和 {total} 读取")
        return Found(str(total), sheet.loc(rr, amounts[0][1]))
    return None


_PLAIN_NUMBER = re.compile(r"^\d{1,15}(?:\.\d{1,8})?$")


def _plain(found: Found) -> bool:
    """An amount written as a bare number (no unit, no separators): safe to add to another."""
    return bool(_PLAIN_NUMBER.match(found.text.strip()))


def _no_amount(found: Found) -> bool:
    """A value found beside an amount label that is no amount (a breakdown's header: 成本构成)."""
    return parse_amount(found.text, "万元") is None


def _read_extras(sheet: FormSheet, rows: list[int], used: set[tuple[int, int]], out: FormFields) -> None:
    """Text cells no label claimed: label/value pairs (or ``label：value`` cells) kept as extras; a
    small table inside the block (:func:`_sub_table`) by its column headers."""
    block = set(rows)
    for r in rows:
        cells = [(c, sheet.text(r, c)) for c in range(len(sheet.rows[r]))
                 if sheet.own(r, c) and (r, c) not in used and sheet.text(r, c)]
        if _sub_table(sheet, r, cells, used, block, out):
            continue
        i = 0
        while i < len(cells):
            c, text = cells[i]
            m = _LABEL_VALUE.match(text)
            if is_page_widget(text) or (len(cells) == 1 and is_page_info(text)):
                i += 1  # 【字体：大 中 小】, 发布时间：… 信息来源：… — the web page's own, pasted with the table
            elif m and len(cells) == 1 and _clean_label(m.group(1)).endswith("表"):
                i += 1  # 项目支出绩效目标申报表：<项目名称> — a title (a page header printed on each page)
            elif m and len(cells) == 1:
                out.extras.setdefault(_clean_label(m.group(1)), Found(m.group(2).strip(), sheet.loc(r, c)))
                i += 1
            elif i + 1 < len(cells) and len(text) <= 30 and parse_amount(text, "万元") is None:
                vc, value = cells[i + 1]
                if not is_page_field(text, value):  # (发布时间 | 2023-07-11: the page's, pasted with the table)
                    out.extras.setdefault(_clean_label(text), Found(value, sheet.loc(r, vc)))
                i += 2
            else:  # a title or a lone note: not a field
                i += 1


def _sub_table(sheet: FormSheet, r: int, cells: list[tuple[int, str]], used: set[tuple[int, int]],
               block: set[int], out: FormFields) -> bool:
    """A small table inside the block: a label merged down (项目实施进度计划) beside a row of column
    headers (项目实施内容 | 开始时间 | 完成时间) over rows of values in the same columns. Each column is
    kept as an extra ``label（header）``, its values one per line; False (nothing read) for any other row."""
    if len(cells) < 3 or any(len(text) > 20 or parse_amount(text, "万元") is not None or _LABEL_VALUE.match(text)
                             for _, text in cells):
        return False
    first = cells[0][0]
    bottom = r
    while bottom + 1 < len(sheet.rows) and bottom + 1 in block and sheet.origin(bottom + 1, first) == (r, first):
        bottom += 1
    if bottom == r:
        return False
    heads = {c: text for c, text in cells[1:]}
    columns: dict[int, list[tuple[int, str]]] = {c: [] for c in heads}
    for rr in range(r + 1, bottom + 1):
        for c in range(first + 1, len(sheet.rows[rr])):
            text = sheet.text(rr, c)
            if not sheet.own(rr, c) or not text:
                continue
            if c not in heads or (rr, c) in used:
                return False  # a value under no header: no table of this shape
            columns[c].append((rr, text))
    if not any(columns.values()):
        return False
    group = _clean_label(cells[0][1])
    for c, head in heads.items():
        values = columns[c]
        if values:
            out.extras.setdefault(f"{group}（{_clean_label(head)}）",
                                  Found("\n".join(text for _, text in values), sheet.loc(values[0][0], c)))
        used.add((r, c))
        used.update((rr, c) for rr, _ in values)
    used.add((r, first))
    return True
