"""What a cell of a published table is when it is not a label the vocabulary maps to a field.

Shared by every layout reader through ``sources/vocabulary.py`` (which re-exports these names):
sign-off fields and notes under a grid (填报人, 联系电话, 审核意见, 注：…), total rows (合计, 总分),
placeholders (—, 无, a template's unfilled 指标2), levels printed with annotations and weights
(产出指标(50分)), value cells holding only a unit or an operator, amounts written with their
breakdown (854万(其中…)), and texts that read like labels. Every pattern is anchored or bounded,
and every text is cut to a bounded length before it is looked at.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Protocol

from perfgoals_xl import framework
from perfgoals_xl.sources.label_text import label_parts, weight_of

#: Sign-off fields printed under a grid: kept as the table's footer, never an indicator.
FOOTER_WORDS = ("填报人", "填表人", "联系电话", "联系人", "审核人", "复核人", "负责人", "单位负责人", "财务负责人",
                "项目负责人", "部门负责人", "分管领导", "经办人", "填报日期", "填表日期", "审核日期", "日期",
                "单位盖章", "盖章", "单位(盖章)", "手机", "电话", "制表人", "制表日期", "审核", "制表", "填表",
                "复核", "批准", "签字", "签章", "部门盖章", "财务审核", "联系方式")
_FOOTER_KEYS = frozenset(FOOTER_WORDS)
#: Sign-off labels by pattern, as forms word them: the person (经办人, 填表人, 审核人, 复核人, 负责人 …)
#: optionally with 及联系电话 / 及电话, and the date (上报时间, 报送日期, 填报时间, 编制日期 …).
_FOOTER_PATTERN = (r"(?:经办|填表|填报|审核|复核|制表|联系|负责)人(?:及其?联系(?:电话|方式)|及电话)?"
                   r"|(?:上报|报送|报出|填报|填表|填写|编制|制表|审核)(?:时间|日期)")
_FOOTER_KEY = re.compile(r"^(?:" + _FOOTER_PATTERN + r")$")
#: A footer word where it starts a cell or follows a space or a separator (填报人：张三 联系电话：…).
_FOOTER_AT = re.compile(r"(?:^|(?<=[\s/|,，;；、]))(" + _FOOTER_PATTERN + "|" + "|".join(sorted(
    (re.escape(w) for w in FOOTER_WORDS), key=len, reverse=True)) + r")\s{0,4}[:：]")
#: An approval line's label: …审核意见, …初审意见, 主管部门意见.
_OPINION = re.compile(r"(?:审核|审批|审查|初审|复核|审定|部门|单位)意见$")
#: A note under the grid (注：…, 说明：…, 填表说明 …).
_NOTE = re.compile(r"^\s{0,4}(?:注|备注|说明|填表说明|填报说明|附注|附件|附表)\s{0,4}\d{0,2}\s{0,4}[:：、.．]")
#: Totals of a grid: 合计, 总分, 小计, 总计, 合计得分.
TOTAL_KEYS = frozenset({"合计", "总分", "小计", "总计", "合计得分", "总得分", "得分合计", "分值合计", "合计分值",
                        "总分值", "自评总分", "综合得分", "合计数"})
#: Placeholders written where an indicator would be: a level with nothing under it, —, 无.
PLACEHOLDERS = frozenset({"", "-", "—", "——", "--", "―", "－", "–", "/", "／", "\\", "无", "暂无", "空", "…", "……", "...",
                          "不适用", "/无", "×", "x", "X"})


def is_footer_label(text: object) -> bool:
    """Is this cell a sign-off label (填报人, 联系电话, 单位盖章 …), alone or with its value?"""
    if not isinstance(text, str) or not text.strip():
        return False
    parts = label_parts(text)
    if parts.key in _FOOTER_KEYS or (parts.key == "单位" and "盖章" in parts.notes):
        return True
    if len(parts.key) <= 12 and _FOOTER_KEY.match(parts.key):
        return True  # 经办人及联系电话, 上报时间, 报送日期: a sign-off worded by pattern
    if 2 < len(parts.key) <= 24 and _OPINION.search(parts.key):
        return True  # 财政部门初审意见, 主管部门审核意见 …: an approval line under the form
    if parts.key and len(text) <= 80 and ":" not in text and "：" not in text and _STAMP.search(text):
        return True  # 财政资金管理科室(盖章) 年 月 日, 科室负责人签字: a sign-off line
    return bool(_FOOTER_AT.match(text.strip()[:MAX_FOOTER_TEXT]))


#: A sign-off line in a cell: a blank date (…(盖章) 年  月  日) or a text ending 签字/签名 (科室负责人签字).
#: A stamp annotation alone is not one: 实施单位(盖章) is the label of the unit beside it.
_STAMP = re.compile(r"年\s{1,12}月\s{1,12}日\s{0,4}$|(?:签字|签名)\s{0,4}[)）]?\s{0,4}$")


def footer_fields(text: str) -> dict[str, str]:
    """``填报人：张三  联系电话：1380000`` → {填报人: 张三, 联系电话: 1380000}; {} when no footer word leads."""
    text = text[:MAX_FOOTER_TEXT].strip()
    marks = list(_FOOTER_AT.finditer(text))
    if not marks or marks[0].start() != 0:
        return {}
    out: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out.setdefault(m.group(1), text[m.end(): end].strip(" \t\r\n\u3000/|,，;；、"))
    return out


MAX_FOOTER_TEXT = 400


def footer_row(texts: list[str]) -> dict[str, str]:
    """The sign-off fields and notes of one row's cell texts, in order: ``填报人：张三 联系电话：…``
    in one cell, ``填报人 | 张三 | 联系电话 | …`` across cells, ``填报人： | 张三``, ``注：…`` (kept whole
    under 注). A label with no value keeps an empty one (单位负责人：  财务负责人：)."""
    out: dict[str, str] = {}
    i = 0
    while i < len(texts):
        text = texts[i]
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        takes_next = bool(nxt) and not is_footer_label(nxt) and not is_note(nxt)
        inline = footer_fields(text) if not is_note(text) else {}
        if is_note(text):
            out.setdefault("注", text)
        elif len(inline) == 1 and not next(iter(inline.values())) and takes_next:
            out.setdefault(next(iter(inline)), nxt)  # 填报人： | 张三
            i += 1
        elif inline:
            for label, value in inline.items():
                out.setdefault(label, value)
        elif is_footer_label(text):
            out.setdefault(label_parts(text).key or text.strip(), nxt if takes_next else "")
            i += 1 if takes_next else 0
        i += 1
    return out


#: A line between two parts of one table that is only the page's: a page number, 续表.
_PAGE_MARK = re.compile(r"^[\s—\-－_·.]*+(?:第?+\s*+\d{1,4}+\s*+页?+(?:\s*+[/／共]\s*+\d{1,4}+\s*+页?+)?+|续表|续上表)"
                        r"[\s—\-－_·.]*+$")
_MAX_MARK = 40  # a longer line is no page mark


def is_page_mark(text: object) -> bool:
    """Is a cell's text a page mark a printed page leaves in a table (续表, — 2 —, 第2页, 2/5)?"""
    return isinstance(text, str) and bool(text) and len(text) <= _MAX_MARK and bool(_PAGE_MARK.match(text))


def is_note(text: object) -> bool:
    """Is this cell a note under a grid (注：…, 说明：…)?"""
    return isinstance(text, str) and bool(_NOTE.match(text[:40]))


#: The closing remarks line of a form (其他需要说明事项 | 无, 其他需说明的问题, 需要说明的其他情况):
#: a label with its text, never an indicator.
_REMARKS = re.compile(r"^(?:其他|其它)(?:需要|需|应)?(?:予以)?(?:补充)?说明(?:的)?(?:事项|问题|情况|内容|事宜)?$"
                      r"|^(?:需要|需)(?:补充)?说明的?(?:其他|其它)?(?:事项|问题|情况|内容|事宜)$")


def is_remarks_label(text: object) -> bool:
    """其他需要说明事项 / 其他需说明的问题 … (annotations aside), alone or before its text in the same
    cell (其他需要说明事项：无): the form's closing remarks label."""
    if not isinstance(text, str):
        return False
    head = re.split(r"[:：]", text[:MAX_FOOTER_TEXT], maxsplit=1)[0]
    return len(head) <= 40 and bool(_REMARKS.match(label_parts(head).key))


def is_total_label(text: object) -> bool:
    """合计, 总分, 小计 … (annotations aside): a total row's label, never an indicator."""
    return isinstance(text, str) and label_parts(text).key in TOTAL_KEYS


def is_subtotal_label(text: object) -> bool:
    """小计, 产出指标小计 (annotations aside): a group's subtotal, which a grid may print between its groups."""
    return isinstance(text, str) and 0 < len(key := label_parts(text).key) <= 12 and key.endswith("小计")


#: A total written with its score in one cell: 总分:83, 合计：100分, 自评总分: 92.5.
_INLINE_TOTAL = re.compile(r"^([^:：]{1,12})[:：]\s{0,3}(\d{1,4}(?:\.\d{1,4})?)\s{0,2}分?$")


def inline_total(text: object) -> float | None:
    """The score of a cell holding a total label and its score together (总分:83 → 83.0), else None."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    m = _INLINE_TOTAL.match(text.strip())
    return float(m.group(2)) if m and is_total_label(m.group(1)) else None


def is_total_cell(text: object) -> bool:
    """总分 / 合计 …, or the total written with its score in one cell (总分:83)."""
    return is_total_label(text) or inline_total(text) is not None


#: A template's numbered slot left unfilled: 指标1, 指标 2：, 三级指标3.
#: A template's numbered slot, empty or marked not applicable: 指标2, 指标1:, 指标1:/, 指标3：无, 指标2……
#: (NFKC writes each … as three dots).
_TEMPLATE_SLOT = re.compile(r"^(?:三级)?指标[0-9一二三四五六七八九十]{0,3}[:.、]?(?:[-/\\—―–]{1,2}|无|暂无|…{1,2}|\.{2,6})?$")


def is_placeholder(text: object) -> bool:
    """—, 无, / …, a template's 指标2, or blank: a cell that stands where an indicator name or value would be."""
    if text is None:
        return True
    return _is_placeholder_text(str(text)[:40])


@functools.lru_cache(maxsize=4096)
def _is_placeholder_text(text: str) -> bool:
    """is_placeholder of a cell's text (at most 40 characters), remembered: a sheet's values repeat."""
    key = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    return key in _PLACEHOLDER_KEYS or bool(_TEMPLATE_SLOT.match(key))


_PLACEHOLDER_KEYS = frozenset(unicodedata.normalize("NFKC", p) for p in PLACEHOLDERS) | PLACEHOLDERS


#: A row's ordinal as older grids print it in a column of its own (福建 2017: 评价指标 | 目标1, 目标2 …):
#: a number, maybe after 目标 / 指标 / 序号, no name.
_ORDINAL = re.compile(r"^(?:目标|指标|序号|第)?[0-9一二三四五六七八九十]{1,3}[.、:：)）]?$")


def is_ordinal(text: object) -> bool:
    """Is this cell a row's ordinal only (目标1, 指标2, 3, 第四): a number, no indicator name?"""
    if not isinstance(text, str):
        return False
    key = unicodedata.normalize("NFKC", text[:20]).strip().replace(" ", "")
    return bool(key) and bool(_ORDINAL.match(key))


#: An indicator name saying the level does not apply to this project (本项目不适用此指标, 不涉及, 无此项,
#: 本项目无此类指标, 该项目无生态效益): the row declares a level empty, it names no indicator.
_NOT_APPLICABLE = re.compile(r"不适用|不涉及"
                             r"|^(?:本|该|此)?(?:项目|单位|部门)?无(?:此|该|相关)(?:项|类)?(?:指标|内容|效益)?$"
                             r"|^(?:本|该)(?:项目|单位|部门)(?:无|没有)[^,，;；:：]{0,8}?(?:指标|效益|内容)$")
#: Longer texts say more than "not applicable" (a real indicator that mentions 不涉及 in a sentence).
_MAX_NOT_APPLICABLE = 24


def is_not_applicable(text: object) -> bool:
    """Does an indicator name say the indicator does not apply (本项目不适用此指标, 不涉及, 无此项指标)?"""
    if not isinstance(text, str):
        return False
    key = re.sub(r"[\s。.;；,，!！]+", "", unicodedata.normalize("NFKC", text[:80]))
    return 0 < len(key) <= _MAX_NOT_APPLICABLE and bool(_NOT_APPLICABLE.search(key))


def is_void_indicator(name: str, values: Iterable[str], marks: Iterable[str] = (), *, zeros: bool = True) -> bool:
    """An indicator row that is no indicator: its name a placeholder (blank, —, 无, 指标2), a system export's
    unused row filled with zeros (三级指标 0 | 指标值 0.00% | 分值 0), an ordinal alone
    (3., 目标1: a numbered slot left empty, when it prints no 分值/得分 either) or a statement
    that the indicator does not apply (本项目不适用此指标), and every value a placeholder (无, —, blank).
    marks: the row's 分值 / 得分 cells — a not-applicable row that prints one is scored (some provinces
    give its points in full), so it stays an indicator and its points count. zeros: False where the
    grid is our own entry sheet (a row typed 0 | 0 | 0 there is the user's, kept as written).
    One rule for every layout reading indicator rows (form, 自评表, department, long format)."""
    values = list(values)
    if zeros and _is_zero(name) and all(is_placeholder(v) or _is_zero(v) for v in values):
        # a system export's unused row filled with 0, its 分值 printed 0 too
        marks = [m for m in marks if not is_placeholder(m)]
        return bool(marks) and all(_is_zero(m) for m in marks)
    if not all(is_placeholder(v) for v in values):
        return False
    # an ordinal alone (3. / 目标2 / 指标1): a numbered slot of the template left empty
    return is_placeholder(name) or (is_ordinal(name) and all(is_placeholder(m) for m in marks)) or (
        is_not_applicable(name) and all(is_placeholder(m) for m in marks))


#: A cell a system export fills an unused row with: 0, 0.00, 0.00%.
_ZERO = re.compile(r"^0{1,3}(?:\.0{1,4})?%?$")


def _is_zero(text: object) -> bool:
    if not isinstance(text, str):
        return False
    head = text[:12].lstrip()
    # (only a digit's compatibility forms — ０, ⓪, 𝟎 … — normalise to a leading 0: any other text is no zero)
    return bool(head) and head[0].isdigit() and bool(_ZERO.match(unicodedata.normalize("NFKC", head).strip()))


def void_row_note(name: str, level: str = "") -> str | None:
    """The reading note for a row skipped because its name says the indicator does not apply (None for
    a plain placeholder, skipped without a word)."""
    if not is_not_applicable(name) or is_placeholder(name):
        return None
    where = f"“{level[:20]}”下" if level else ""
    return f"{where}“{name.strip()[:30]}”一行注明本项目不适用该指标、没有指标值：按占位行读取，不作为指标"


#: A level name the framework may lack, as a table prints one of its own (长效管理指标, 实施效果指标).
_LEVEL_SHAPE = re.compile(r"^[\u4e00-\u9fff]{2,10}指标$")


def is_level_shaped(text: str) -> bool:
    """Is a cell a short name ending in 指标 (annotations aside): a level's name, known or a table's own?"""
    return isinstance(text, str) and len(text) <= 40 and bool(_LEVEL_SHAPE.match(level_label(text)[0]))


def level_label(text: str) -> tuple[str, float | None, tuple[str, ...]]:
    """A level as printed → (its name, the weight printed in it, the other annotations).

    ``产出指标(50分)`` → (产出指标, 50.0, ()); ``数量指标 (必填硬性指标)`` → (数量指标, None,
    (必填硬性指标,)); ``1-产出指标`` keeps its code (split later); spaces inside are nothing.
    A level printed as its weight alone (``(50分)``, its name lost) has no name: ("", 50.0, ());
    any other label that would be emptied by this is returned as written (a level named by brackets only)."""
    if not text:
        return text, None, ()
    if (numbered := _LEVEL_ORDINAL.match(text)) and _is_level_name(label_parts(numbered.group(1)).key):
        text = numbered.group(1)  # 一、产出指标, （1）数量指标: the form's outline number is no part of the level
    parts = label_parts(text, trailing_only=True)
    whole = label_parts(text)
    if not whole.key:  # an annotation alone: a weight is no name; other brackets are kept as written
        return ("" if whole.weight is not None else text.strip()), whole.weight, ()
    weight = parts.weight
    if weight is None and len(parts.notes) == 1 and _BARE_WEIGHT.match(parts.notes[-1]):
        weight = float(parts.notes[-1])  # 产出指标(50): a level's bare number is its weight (a year is no weight)
        return parts.key, weight, ()
    notes = tuple(n for n in parts.notes if n and weight_of(n) is None)
    return parts.key, weight, notes


def _is_level_name(text: str) -> bool:
    return framework.level1_by_name(text) is not None or framework.level2_by_name(text) is not None


#: A level's weight printed as a bare number in its label (产出指标(50)): 5 to 100 (a smaller one may be a note mark).
_BARE_WEIGHT = re.compile(r"^(?:100|[5-9]|[1-9][0-9])(?:\.[0-9])?$")


#: A value cell holding only a unit of measure (个, %, 平方米 …): a unit, not a value.
_UNIT_ONLY = re.compile(r"^(?:%|‰|个|人|人次|次|元|万元|千元|亿元|件|项|台|套|平方米|㎡|m2|米|公里|千米|吨|天|日|周|月|年|"
                        r"小时|户|家|所|处|份|篇|册|场|期|批|辆|株|亩|公顷|立方米|万人|万人次|万元/人|元/人|"
                        r"元/平方米|百分比|座|条|宗|张|本|名|类|门|部|颗|只|头|棵|千瓦|兆瓦|kW|km|个百分点|分)$")


def is_unit_only(text: str) -> bool:
    """Is this value cell a unit of measure alone (个, %, 平方米), with no number or words?"""
    return len(text) <= 8 and bool(_UNIT_ONLY.match(text.strip()))


#: An operator written in a 计算符号 / 符号 / 指标方向 column (≥, 大于等于, 不低于 …).
_OPERATOR_WORD = re.compile(r"^(?:[≥≤≧≦⩾⩽=＝﹦═><＞＜]{1,2}|大于等于|小于等于|大于|小于|等于|不低于|不高于|不少于|不多于|"
                            r"不超过|以上|以下|至少|最多)$")


#: A budget system's code before an operator in its 指标性质 column (``004 >=``, ``005 <=``).
_OPERATOR_CODE = re.compile(r"^\d{1,4}\s{1,4}")


def is_operator_word(text: str) -> bool:
    """Is this cell an operator (≥, 大于等于, 不低于 …, also after a system's code: ``004 >=``) rather
    than a direction or a value?"""
    t = text.strip()
    if len(t) > 10:
        return False
    return bool(_OPERATOR_WORD.match(_OPERATOR_CODE.sub("", t, count=1)))


NATURE_WORDS = frozenset({"定量", "定性", "定量指标", "定性指标"})
DIRECTION_WORDS = frozenset({"正向", "反向", "正向指标", "反向指标"})


def sort_qualifiers(operator: str, nature: str, direction: str) -> tuple[str, str, str]:
    """The qualifier cells of an indicator row — its 符号 / 指标性质 / 指标方向 columns, by their
    header — each put where its content belongs: (operator, nature, direction).

    Forms name these columns inconsistently (指标性质 holding 正向 or ≥, 指标方向 holding 大于等于,
    指标值类型 holding ≤ or 定性), so a comparison is the operator, 定量/定性 the nature and 正向/反向
    the direction, whichever column printed it; a cell of none of these stays where its header put it.
    """
    cells = [c.strip() for c in (operator, nature, direction)]
    out = ["", "", ""]
    rest: list[tuple[int, str]] = []
    for i, text in enumerate(cells):
        slot = 0 if is_operator_word(text) else 1 if text in NATURE_WORDS else 2 if text in DIRECTION_WORDS else None
        if slot is not None and text and not out[slot]:
            out[slot] = text
        elif text:
            rest.append((i, text))
    for i, text in rest:  # a value of no known kind: kept under its own header when that is free
        if not out[i]:
            out[i] = text
    return out[0], out[1], out[2]


_LEVEL_CODE = re.compile(r"^\s{0,8}(\d{1,2})\s{0,4}([-－—–.．、])\s{0,4}(\S[\s\S]*)$")


#: An outline number before a level (一、产出指标, （一）产出指标, (1)数量指标): a place in the form's list, no code.
_LEVEL_ORDINAL = re.compile(r"^\s{0,8}(?:[（(]\s{0,2}(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s{0,2}[)）]\s{0,2}[、.．]?"
                            r"|[一二三四五六七八九十]{1,3}\s{0,4}[、.．]"
                            r"|\d{1,2}(?:[.．]\d{1,2}){1,3}\s{0,2}[、.．]?"  # 1.1 数量指标: a Word outline's number
                            r"|[\u2460-\u249b]\s{0,2}[、.．]?"  # ①数量指标, ⑴, ⒈
                            r"|[A-Za-z]\s{0,2}[、.．)）])\s{0,4}(\S[\s\S]*)$")


def split_level_code(text: str) -> tuple[str | None, str]:
    """``1-产出指标`` / ``11．数量指标`` → (code, name); a level without a code → (None, text). An
    outline number before a level name (``1.1 数量指标``, ``①数量指标``) is no code: (None, the name); nor
    is a number after which ``.``/``、`` stands that is not the code of the level it precedes (``1.数量指标``,
    ``2.成本指标`` in a list numbered 1, 2, 3 — a code joined by a hyphen is kept as printed)."""
    numbered = _LEVEL_ORDINAL.match(text)
    if numbered and _is_level_name(label_parts(numbered.group(1)).key):
        return None, numbered.group(1).strip()
    m = _LEVEL_CODE.match(text)
    if not m:
        return None, text
    code, name = m.group(1), m.group(3).strip()
    if m.group(2) in ".．、" and not _code_fits(code, label_parts(name).key):
        return None, name
    return code, name


def _code_fits(code: str, name: str) -> bool:
    """Is ``code`` the framework's code of the level ``name`` (any code fits a name the framework does
    not know)?"""
    level1, level2 = framework.level1_by_name(name), framework.level2_by_name(name)
    if level1 is None and level2 is None:
        return True
    return code in {level.code for level in (level1, level2) if level is not None}


#: An amount written with its breakdown: 854万(其中中央资金500万…) / 854（含…）/ 854万元，其中… .
_AMOUNT_HEAD = re.compile(r"^([-+]?\d{1,15}(?:[,，]\d{3}){0,5}(?:\.\d{1,8})?\s{0,3}(?:万元|万|千元|元)?)\s{0,3}"
                          r"((?:[(（\[【]|[,，;；]?\s{0,3}(?:其中|含|包括|包含|另有|注))[\s\S]*)$")
MAX_AMOUNT_TEXT = 400


#: An amount written after the fund it comes from (``中央衔接推进乡村振兴补助资金(少数民族发展任务)50``): the
#: source names money (…资金, …经费, …补助 …, maybe with a bracketed note), holds no digit, the number ends
#: the cell.
_SOURCE_THEN_AMOUNT = re.compile(r"^([^\d\s:：]{2,40}?(?:资金|经费|拨款|补助|补贴|投资)(?:[(（][^()（）]{1,30}[)）])?)"
                                 r"[:：]?\s{0,3}([-+]?\d{1,15}(?:[,，]\d{3}){0,5}(?:\.\d{1,8})?\s{0,3}(?:万元|万|千元|元)?)$")


def split_amount(text: str) -> tuple[str, str]:
    """``854万(其中中央500万)`` → (``854万``, ``(其中中央500万)``); the amount after its fund's name
    (``中央…补助资金(少数民族发展任务)50``) → (``50``, the name); an amount without either → (text, "")."""
    stripped = text.strip()[:MAX_AMOUNT_TEXT]
    m = _AMOUNT_HEAD.match(stripped)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    m = _SOURCE_THEN_AMOUNT.match(stripped)
    if m:
        return m.group(2).strip(), m.group(1).strip()
    return text, ""


#: Words a label ends with (a text cell that names a field rather than giving its value).
_LABEL_TAIL = re.compile(r"(?:情况|目标|指标|名称|单位|部门|时间|日期|金额|资金|属性|类别|期限|编码|代码|电话|负责人|意见|"
                         r"依据|内容|概况|综述|说明|标准)$")


def looks_like_label(text: str) -> bool:
    """A short text ending like a label (年度总体目标完成情况, 项目负责人及电话): not a value."""
    key = label_parts(text).key if len(text) <= 24 else ""
    return bool(key) and len(key) <= 16 and not any(ch.isdigit() for ch in key) and bool(_LABEL_TAIL.search(key))


#: A label printed with its colon and nothing after it (项目经办人:, 单位(盖章)：): the colon says the
#: cell names a field whose value stands elsewhere (or is left blank). No digits, no sentence marks.
_BARE_LABEL = re.compile(r"^[^\d:：,，。;；!！?？]{1,20}[:：]$")


def is_bare_label(text: str) -> bool:
    """A short text ending with its colon and holding nothing after it (项目经办人:, 项目责任人：): a
    label, known to the vocabulary or not — never the value of the label beside or above it."""
    key = text.strip()
    return len(key) <= 24 and bool(_BARE_LABEL.match(key))


#: The title a form prints over its indicator grid (绩效项目指标表, 项目绩效目标表, 年度绩效指标情况表).
_GRID_TITLE = re.compile(r"^[^\d:：,，。;；]{0,14}(?:指标|目标|绩效)(?:情况|明细|申报)?表$")


def is_grid_title(text: str) -> bool:
    """A short text naming a table (绩效项目指标表) — the title of the grid below it, never the value
    of a label above it."""
    key = re.sub(r"\s+", "", text)
    return len(key) <= 20 and bool(_GRID_TITLE.match(key))


#: The year line under a 自评表's title, alone or ending the title: （2024年度）, (2022年度), ( 2021 年度).
#: A web page's own controls printed as a line (``【字体：大 中 小】``, ``[打印本页] [关闭窗口]``): a pasted or
#: saved page carries them above the table; they are never a field of the table.
_PAGE_WIDGET = re.compile(r"^(?:\s{0,4}[【\[［]\s{0,4}(?:字体|字号|打印|关闭|分享|收藏|返回|大\s{0,3}中\s{0,3}小)"
                          r"[^【】\[\]［］]{0,20}[】\]］]){1,6}\s{0,4}$")


#: A web page's breadcrumb (``当前位置：首页 > 政务公开 > 财政资金``, ``您现在的位置: 首页 » …``).
_BREADCRUMB = re.compile(r"^\s{0,4}(?:您)?(?:当前|现在|目前|所在)?(?:的)?(?:位置|所在位置)\s{0,4}[:：]\s{0,4}"
                         r"[^\n]{0,200}?(?:首页|主页|网站首页|[>»›])")


def is_page_widget(text: object) -> bool:
    """Whether a line is a web page's own controls or navigation (字体大中小、打印、关闭…, the
    breadcrumb 当前位置：首页 > …), not part of any table."""
    return isinstance(text, str) and len(text) <= 400 and bool(
        _PAGE_WIDGET.match(text) or _BREADCRUMB.match(text))


_YEAR_LINE = re.compile(r"[（(]\s{0,3}(?:19|20)\d{2}\s{0,3}年度?\s{0,3}[)）]")
#: The extra field (of a project or a department plan) that keeps it, as printed.
YEAR_KEY = "年度"


def year_line(text: str) -> str | None:
    """The year line a title-area cell holds — alone (（2024年度）) or ending a title
    (…绩效自评表(2022年度)) — as printed; None for any other text."""
    text = text.strip()
    if len(text) > 60:
        return None
    m = _YEAR_LINE.search(text)
    if m is None or m.end() != len(text) or (m.start() > 0 and "表" not in text[:m.start()]):
        return None
    return m.group(0)


#: A 栏次 cell of a column-number row: 甲 乙 丙 … or a number 1-99 (optionally bracketed: (1), ①).
_COUNT_LETTERS = "甲乙丙丁戊己庚辛壬癸"
_COUNT_CELL = re.compile(r"^[(（]?\s{0,2}(\d{1,2})\s{0,2}[)）]?$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def is_column_numbers(texts: Iterable[str]) -> bool:
    """Is a row a 栏次 row under a header — its cells 1 | 2 | 3 … (after 甲 | 乙 …), each column
    numbered once in order, three or more: system exports print one; it is no indicator."""
    numbers: list[int] = []
    letters = 0
    for text in texts:
        t = text.strip()
        if not t:
            continue
        if len(t) == 1 and t in _COUNT_LETTERS and not numbers and _COUNT_LETTERS.index(t) == letters:
            letters += 1
            continue
        if len(t) == 1 and t in _CIRCLED:
            numbers.append(_CIRCLED.index(t) + 1)
            continue
        m = _COUNT_CELL.match(t)
        if m is None:
            return False
        numbers.append(int(m.group(1)))
    return letters + len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1)) or (
        letters >= 3 and not numbers)


class RowTexts(Protocol):
    """What :func:`body_start` reads of a layout's grid view: its rows, cell texts and own cells."""

    rows: list[list[Any]]

    def text(self, r: int, c: int) -> str: ...

    def own(self, r: int, c: int) -> bool: ...


def body_start(sheet: RowTexts, r: int) -> int:
    """The first row of a grid whose header is row r: the first row under it with a text, after a 栏次
    row (1 | 2 | 3 …, system exports print one under the header) and blank rows (a spacer row left
    under the header)."""
    first = r + 1
    while first < len(sheet.rows):
        texts = [sheet.text(first, c) for c in range(len(sheet.rows[first])) if sheet.own(first, c)]
        if any(texts) and not is_column_numbers(texts):
            break
        first += 1
    return first
