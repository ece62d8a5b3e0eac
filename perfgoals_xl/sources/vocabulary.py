"""Header vocabulary of long-format tables (docs/sources.md §5.2), as data.

ONE vocabulary for every layout (long format, 申报表 forms, 自评表, Word and PDF tables).
Each model field has the column headers seen for it in real tables. Headers and labels are
compared as printed labels are read (:func:`label_parts`, ``sources/label_text.py``): width
folded, spaces, line breaks and ``*`` required-markers removed, a leading ``其中:`` and trailing
colons dropped, bracketed annotations anywhere (``(必填)``, ``【选填】``, ``(A)``, ``（万元）`` —
its money unit kept) taken off; spellings the tables vary are also matched by pattern
(``_HEADER_PATTERNS``, ``_FORM_PATTERNS``). What a cell is when it is no field's label — a
footer, a note, a total, a placeholder, a level with its weight — is asked of
``sources/row_kinds.py`` through the names re-exported here.
The English identifiers of our own CSV / DataFrame output (``project``,
``period_value`` …) are synonyms too, so what the tool writes it can read back.

Field keys (English identifier — official term):
``department`` 部门名称, ``fund_unit`` 资金使用单位, ``project`` 项目名称,
``total`` 总计, ``fiscal`` 财政拨款, ``special`` 财政专户拨款, ``other`` 其他资金,
``goal`` 绩效目标, ``seq`` 指标序号, ``level1`` / ``level1_code`` 一级指标 (代码),
``level2`` / ``level2_code`` 二级指标 (代码), ``name`` 三级指标,
``period_value`` 实施周期指标值, ``annual_value`` 年度指标值, ``value`` 指标值
(one value column), ``operator`` 指标性质 / 计算符号, ``measure_unit`` 度量单位 /
计量单位, ``weight`` 权重 / 分值, ``direction`` 指标方向性, ``legacy`` 绩效指标
(whole indicator strings, expanded by the grammar); self-evaluation (绩效自评):
``actual_value`` 实际完成值, ``score`` 得分, ``deviation_reason`` 偏差原因分析及改进措施,
``budget_initial`` 年初预算数, ``budget_adjusted`` 全年预算数, ``budget_executed`` 全年执行数,
``actual_summary`` (年度目标) 实际完成情况; ``extra`` known columns the model has no field
for (评(扣)分标准, 绩效标准, 备注 …: kept, like any unknown column, as extra fields under their
header text); ``ignored`` columns read and dropped (序号, and the derived columns of our own output).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# The lines above a header (单位：万元, 部门名称：…, 部门名称来源：…) live below sources and sinks, so
# that our writers can ask what the reader will make of a cell they write there.
from perfgoals_xl import framework
from perfgoals_xl.hierarchy_labels import (  # noqa: F401 - re-exported
    DEPARTMENT_LINE,
    DEPARTMENT_SOURCE_NOTE,
    DEPARTMENT_SOURCES,
    UNIT_LINE,
    is_table_title,
    target_project_from_title,
    without_department_year,
)
from perfgoals_xl.sources.label_text import (  # noqa: F401 - re-exported
    BLANK_MARKS,
    MAX_LABEL_TEXT,
    LabelParts,
    label_parts,
    weight_of,
)
from perfgoals_xl.sources.row_kinds import (  # noqa: F401 - re-exported: one vocabulary for every layout
    DIRECTION_WORDS,
    FOOTER_WORDS,
    MAX_AMOUNT_TEXT,
    MAX_FOOTER_TEXT,
    NATURE_WORDS,
    PLACEHOLDERS,
    TOTAL_KEYS,
    YEAR_KEY,
    body_start,
    footer_fields,
    footer_row,
    inline_total,
    is_bare_label,
    is_column_numbers,
    is_footer_label,
    is_grid_title,
    is_not_applicable,
    is_note,
    is_operator_word,
    is_ordinal,
    is_page_mark,
    is_page_widget,
    is_placeholder,
    is_remarks_label,
    is_subtotal_label,
    is_total_cell,
    is_total_label,
    is_unit_only,
    is_void_indicator,
    level_label,
    looks_like_label,
    sort_qualifiers,
    split_amount,
    split_level_code,
    void_row_note,
    year_line,
)

#: field → header spellings (already normalised: no spaces, half-width punctuation).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "department": ("部门名称", "部门", "主管部门", "预算部门", "department"),
    "department_source": ("部门名称来源", "department_source"),
    "fund_unit": ("资金使用单位", "单位名称", "预算单位", "实施单位", "项目单位", "资金使用单位名称",
                  "fund_unit"),
    "project": ("项目名称", "项目", "项目名", "项目全称", "预算项目名称", "专项名称", "专项资金名称", "资金名称",
                "project"),
    "project_no": ("项目序号", "project_no"),
    "unit_no": ("单位序号", "unit_no"),
    "table_kind": ("表类型", "table_kind"),  # our long format: department rows (部门整体表) beside a file's projects
    # a code apart from its name (our CSV writes them when a label would not read back)
    "department_code": ("部门编码", "department_code"),
    "unit_code": ("单位编码", "unit_code"),
    "project_department_code": ("项目主管部门编码", "project_department_code"),
    "total": ("总计", "预算数", "预算金额", "金额", "资金总额", "年度资金总额", "项目金额", "申请金额",
              "项目资金", "资金合计", "项目资金总额", "项目总金额", "total"),
    "fiscal": ("财政拨款", "财政资金", "财政拨款资金", "一般公共预算", "一般公共预算拨款", "当年财政拨款", "本年财政拨款",
               "公共财政拨款", "公共财政预算拨款", "一般公共预算财政拨款", "fiscal"),
    "special": ("财政专户拨款", "财政专户", "财政专户管理资金", "纳入专户管理的非税收入拨款", "纳入专户管理的非税收入", "纳入财政专户管理的非税收入拨款", "纳入财政专户管理的非税收入", "special"),
    "other": ("其他资金", "其他", "其他来源资金", "other"),
    "goal": ("绩效目标", "年度目标", "年度绩效目标", "总体目标", "项目绩效目标", "年度绩效总目标", "年度总体目标",
             "项目年度绩效目标", "goal"),
    "seq": ("指标序号", "seq"),
    "level1_code": ("一级指标代码", "level1_code"),
    "level1": ("一级指标", "一级", "一级指标名称", "一级目标", "level1"),
    "level2_code": ("二级指标代码", "level2_code"),
    "level2": ("二级指标", "二级", "二级指标名称", "二级目标", "level2"),
    "name": ("三级指标", "三级", "指标名称", "指标内容", "三级指标名称", "三级指标内容", "绩效指标名称", "具体指标",
             "绩效内容", "name"),
    "period_value": ("实施周期指标值", "实施期指标值", "实施周期目标值", "长期指标值", "中长期指标值",
                     "长期目标值", "中长期目标值", "长期目标", "中长期目标", "实施周期", "长期", "中长期",
                     "中期指标值", "中期目标值", "实施期目标值",
                     "项目期指标值", "项目期目标值", "中期", "实施期", "项目期", "总体指标值", "总体目标值",
                     "整体指标值", "整体目标值", "全周期指标值", "全周期目标值", "全周期", "项目周期指标值",
                     "项目周期目标值", "period_value"),
    "annual_value": ("年度指标值", "年度目标值", "年度", "年初目标值", "年初指标值", "年初设定目标值", "当年预期实现值",
                     "当年预期值", "年度预期实现值", "本年度计划水平", "本年计划水平", "本年度指标值",
                     "当年度指标值", "当年指标值", "当年度目标值", "当年目标值", "本年指标值",
                     # 江苏 项目绩效公开: 半年(程)指标值 | 全年(程)指标值 — the whole year's is the target
                     "全年指标值", "全年目标值", "全程指标值", "年度绩效指标值", "年度绩效目标值",
                     "annual_value"),
    "value": ("指标值", "目标值", "数值", "指标目标值", "指标值及单位", "计划指标值", "计划值", "计划水平", "预期指标值",
              "目标值及单位", "预期值", "预期目标值", "年度预期值", "标准值", "预期达到目标", "预期达到目标值",
              "目标指标值", "计划目标值", "预期达到值"),
    "operator": ("指标性质", "计算符号", "符号", "运算符号"),
    "measure_unit": ("度量单位", "计量单位", "指标单位", "指标值单位", "计算单位", "单位"),
    "weight": ("权重", "分值", "权重分值", "指标权重", "指标分值", "满分", "标准分值", "标准分", "分值权重",
               "指标分值权重", "指标权重分值", "参考分值", "权重分", "满分值", "weight"),
    "direction": ("指标方向性", "指标方向", "方向", "direction"),
    "legacy": ("绩效指标",),
    # 绩效自评 (year-end self-evaluation)
    "actual_value": ("实际完成值", "实际值", "实际完成指标值", "年度实际完成值", "全年实际完成值", "完成值",
                     "单项指标实际完成值", "指标实际完成值", "年终完成值", "年末完成值", "实际执行值",
                     "指标完成值", "目标完成值", "实际完成", "实际达到值", "实际达成值", "指标实际值",
                     "actual_value"),
    # (自评分 beside 复核分: the unit's own score; the reviewer's 复核分 is kept as an extra)
    "score": ("得分", "自评得分", "指标得分", "评价得分", "实际得分", "评分", "自评分", "县级评分", "区级评分",
              "县区评分", "单位评分", "考核得分", "自评分数", "单位自评得分", "部门自评得分",
              "score"),  # (县级评分 | 市级评分: the filing tier's own; the reviewer's kept)
    "deviation_reason": ("偏差原因分析及改进措施", "偏差原因", "偏差原因分析", "偏差原因及改进措施",
                         "未完成原因分析", "未完成原因", "存在问题及改进措施", "问题及改进措施", "deviation_reason"),
    # one-project form fields (申报表) carried by our long format (docs/forms.md):
    "project_code": ("项目编码", "项目代码", "项目编号", "project_code"),
    "project_department": ("项目主管部门", "project_department"),
    "implementer": ("项目实施单位", "implementer"),
    "category": ("项目属性", "项目类别", "category"),
    "term": ("项目期", "项目起止时间", "项目支出实施期", "term"),
    "period_goal": ("中期目标", "实施期绩效目标", "中期绩效目标", "period_goal"),
    "nature": ("定量/定性", "定性/定量", "指标类型", "指标值性质", "指标属性", "nature"),
    "extras": ("附加字段", "extras"),
    "level1_weight": ("一级指标分值", "一级指标权重", "level1_weight"),
    "level2_weight": ("二级指标分值", "二级指标权重", "level2_weight"),
    "footer": ("表尾", "footer"),
    "budget_block": ("预算执行评分", "budget_block"),
    "total_score": ("自评总分", "total_score"),
    "values_printed": ("印有指标值栏", "values_printed"),  # 否: an evaluation scoring sheet (our long format)
    "project_extras": ("项目附加字段", "project_extras"),
    "budget_initial": ("年初预算数", "年初预算", "年初预算资金总额", "年初预算资金", "budget_initial"),
    # a 专项债券 自评表's 债券资金管理指标 block: 实际支出金额 | 下达额度 (the year's quota is its budget)
    "budget_adjusted": ("全年预算数", "调整后预算数", "全年预算", "调整预算数", "全年调整预算数", "下达额度", "当年下达额度", "项目当年下达额度", "转移支付预算数",
                        "budget_adjusted"),
    "budget_executed": ("全年执行数", "全年执行", "实际执行数", "全年实际执行数", "实际支出数", "预算执行数", "执行数",
                        "实际支出金额", "当年实际支出金额", "实际投入资金额", "实际投入资金", "转移支付执行数", "budget_executed"),
    "actual_summary": ("实际完成情况", "年度目标实际完成情况", "年度总体目标实际完成情况", "总体目标完成情况",
                       "actual_summary"),
    # known columns the model has no field for: kept as extra fields under their header text
    "extra": ("评(扣)分标准", "评分标准", "扣分标准", "绩效标准", "指标值确定依据", "备注", "说明", "指标解释",
              "指标说明", "评分规则", "计分方法", "计分标准", "指标值说明", "指标定义",
              "计划标准", "行业标准", "历史标准", "复核分", "复核得分", "上年度实际水平", "上年实际水平", "指标内容/计算公式",
              "计算公式", "半年指标值", "半年目标值", "评分细则", "评分说明", "评价标准"),
    # columns read and dropped: a row number, and what our own outputs derive (recomputed on reading)
    "ignored": ("序号", "执行率", "预算执行率", "period_kind", "period_operator", "period_number", "period_unit",
                "annual_kind", "annual_operator", "annual_number", "annual_unit", "source", "location",
                "实施周期值类型", "实施周期计算符号", "实施周期数值", "实施周期计量单位", "年度值类型", "年度计算符号",
                "年度数值", "年度计量单位", "来源", "位置", "amounts_assumed", "金额推断列"),
}

#: The 湖南 预算公开 header of a column read as ``nature`` that prints the value's operator (≥) or 定性.
VALUE_TYPE_HEADER = "指标值类型"

#: Fields that make a row a long-format header when found together with `project`.
INDICATOR_FIELDS = frozenset({"level1", "level2", "name", "legacy", "period_value", "annual_value", "value"})

_BY_HEADER: dict[str, str] = {h: f for f, names in SYNONYMS.items() for h in names}


def normalise_header(text: object) -> tuple[str, str | None]:
    """A header cell → (normalised text, money unit written in it such as 元 / 万元, or None).

    The text as :func:`label_parts` reads it: annotations (``(必填)``, ``【选填】``, ``(50分)``,
    ``(A)``, ``*``), spaces, line breaks, a leading ``其中:`` and a trailing colon are no part of it."""
    if text is None:
        return "", None
    parts = label_parts(text if isinstance(text, str) else str(text))
    return parts.key, parts.money


def field_of(text: object) -> str | None:
    """The model field a header cell names, or None when it is not in the vocabulary.

    A label followed, after a space, by an explanation the label does not continue is the label
    (a budget system's import sheet heads its weight column ``*分值 数量(20)、质量(10)…``)."""
    key, _ = normalise_header(text)
    if not key:
        return None
    found = _field_of_key(key)
    if found in _NATURE_SPLIT_FIELDS and nature_value_header(text) is not None:
        return None  # (指标值（定量）: no 指标值 column, one of two split by nature)
    if found is None and isinstance(text, str):
        lead = _EXPLAINED_LABEL.match(text[:MAX_LABEL_TEXT])
        if lead and _EXPLANATION.search(lead.group(2)):
            found = _field_of_key(normalise_header(lead.group(1))[0])
        elif lead is None and (raw := BLANK_MARKS.sub("", text[:MAX_LABEL_TEXT])):
            # its space lost (a PDF's wrapped header joined again: *分值数量(20)、质量(10)…): a weight or
            # score label followed by the parts' points in brackets
            found = next((f for n in range(8, 1, -1) if _ENUMERATED.match(raw[n:])
                          and (f := _field_of_key(raw[:n])) in ("weight", "score")), None)
    return found


#: A list of parts with their numbers in brackets: 数量(20)、质量(10)…
_ENUMERATED = re.compile(r"^[\u4e00-\u9fff]{1,8}[(（][0-9]{1,3}[)）][、，,]")
#: A label, a space, and what explains it (``*分值 数量(20)、质量(10)``); the label a word of 2–8
#: characters, required-markers before it allowed.
_EXPLAINED_LABEL = re.compile(r"^\s{0,4}[*※★]{0,2}\s{0,2}([^\s*※★]{2,8})[ \t\u3000]+(\S.{0,190})$", re.S)
#: An explanation words and brackets (``数量(20)、质量(10)``); words alone continue a label spread over a
#: cell (``指标值 说明`` is no 指标值), a number after a label is its value (``权重 30%``), a numbered
#: text is a value (``项目 （一）基础设施``).
_EXPLANATION = re.compile(r"^[^()（）【】\[\]]{1,60}[(（【\[]")

#: A header cell is short; a longer one is a header only when the vocabulary knows its label
#: (a budget system's ``*指标得分（定量系统自动计算，定性必填，…）``).
_SHORT_HEADER = 40


def header_sized(text: str) -> bool:
    """Could this cell text be a column header: short, or a label the vocabulary knows followed by
    a long explanation in brackets?"""
    return len(text) <= _SHORT_HEADER or (len(text) <= MAX_LABEL_TEXT and field_of(text) is not None)


#: A target column of one nature beside the other's (定量指标值 | 定性指标值, 指标值（定量）, 定量目标值, or 定量 |
#: 定性 under a 指标值 group): no field of a layout's own; sources/nature_values.py reads the filled one as
#: the target. 定量指标 | 定性指标 (no 值) are no such columns (an older grid may list names under them).
_NATURE_VALUE = re.compile(
    r"^(?:(?:年度|全年|本年度?)?(?:指标|目标)值)?[(（【\[]?(定量|定性)[)）】\]]?(?:(?:指标|目标)?值)?$")


#: The fields a header split by nature reads as once its bracketed 定量 / 定性 is taken for a note.
_NATURE_SPLIT_FIELDS = frozenset({"value", "annual_value", "period_value"})


def nature_value_header(text: object) -> str | None:
    """定量 or 定性 when a header names a target column of that nature (定量指标值, 指标值（定性）, a bare 定量
    under a value group), else None."""
    if not isinstance(text, str):
        return None
    key = re.sub(r"\s+", "", text[:40])
    return m.group(1) if len(key) <= 16 and (m := _NATURE_VALUE.match(key)) else None


#: A target adjusted during the year, printed beside the start-of-year one (年初指标值 | 调整指标值):
#: no field of a layout's own; sources/adjusted_values.py makes it the year's target.
_ADJUSTED_VALUE = re.compile(r"^(?:全年|年度)?调整(?:后)?(?:的)?(?:指标值|目标值|绩效指标值|值)$")


def is_adjusted_value_header(text: object) -> bool:
    """Does a header name the year's adjusted target (调整指标值, 调整后指标值, 全年调整目标值)?"""
    key, _ = normalise_header(text)
    return bool(key) and len(key) <= 12 and bool(_ADJUSTED_VALUE.match(key))


#: A column header speaking of a value (…指标值, 目标值, 实际…, 完成值) that no field was found for.
_VALUE_WORDS = re.compile(r"值|实际")


#: The tiers a 转移支付 form names its 主管部门 at, top down (中央主管部门 … 区县主管部门).
_DEPARTMENT_TIERS = (("中央",), ("省级", "省", "自治区", "兵团"), ("市级", "市", "州"), ("区县", "县级", "县", "区级", "区", "地方", "本级"))


def department_tier(label: str) -> int:
    """How low a 主管部门 label's tier is: 0 中央, 2 省级, 3 市级, 4 区县 / 地方; -1 when it names none.
    A 转移支付 form names a chain of them; the lowest is the form's own department."""
    key = re.sub(r"[\s:：*]+", "", label or "")
    for k, words in enumerate(_DEPARTMENT_TIERS):
        if key.startswith(words):
            return k + 1 if k else 0
    return -1


_BOXES = frozenset("□☑☐■☒✓√")


def is_choice_list(text: str) -> bool:
    """Does a cell list check-box choices (□自由探索类基础研究 ☑科技创新基地建设 …) rather than name
    something? Two or more boxes (口 counts as one beside a true box), at least one a true box."""
    head = text[:300]
    boxes = sum(1 for ch in head if ch in _BOXES)
    return boxes >= 1 and boxes + head.count("口") >= 2


_TICKS = frozenset("☑■☒✓√")
#: A choice and the box written next to it: ``整体□ 区域√`` (box after) or ``□整体 ☑区域`` (box before).
_CHOICE_AFTER = re.compile(r"([^\s□☑☐■☒✓√]{1,12})\s{0,3}([□☑☐■☒✓√])")
_CHOICE_BEFORE = re.compile(r"([□☑☐■☒✓√])\s{0,3}([^\s□☑☐■☒✓√]{1,12})")


def ticked_choices(text: str) -> list[str]:
    """The choices ticked in a check-box list (``填报类型：整体□ 区域√ 项目□`` → ["区域"]; ``☑项目 □整体``
    → ["项目"]); the box stands after its word unless the list starts with one."""
    head = text[:300].strip()
    if head and head[0] in _BOXES:
        pairs = _CHOICE_BEFORE.findall(head)  # (box, word)
    else:
        pairs = [(box, word) for word, box in _CHOICE_AFTER.findall(head)]
    return [re.sub(r"^.*[:：]", "", word) for box, word in pairs if box in _TICKS]


def level_weight_of(found: object, left: object) -> object:
    """A 分值 / 权重 column standing right of a level column is that level's weight (一级指标 | 分值 |
    二级指标 | 分值 | 三级指标 | 分值: level1_weight, level2_weight, then the indicator's weight); any
    other field as found."""
    if found == "weight" and left in ("level1", "level2"):
        return f"{left}_weight"
    return found


def may_hold_values(headers: Iterable[str]) -> bool:
    """Could one of these unread column headers be a value column (2023年目标值, 实际完成)? Then the grid is
    no evaluation scoring sheet (``model.scoring_sheet``: it prints no value column), whatever was read."""
    return any(_VALUE_WORDS.search(h[:40]) for h in headers)


def _field_of_key(key: str) -> str | None:
    found = _BY_HEADER.get(key)
    if found is not None:
        return found
    if key.startswith("绩效") and len(key) > 4 and (found := _BY_HEADER.get(key[2:])) is not None:
        return found  # 绩效指标值, 绩效度量单位, 绩效指标性质: the field without the prefix
    for pattern, name in _HEADER_PATTERNS:
        if pattern.match(key):
            return name
    return None


#: Header spellings recognised by pattern (bounded, anchored): actuals, reasons, value kinds.
_HEADER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:全年|年度|本年)?(?:实际)?(?:完成|实现|达成)(?:值|情况|指标值|数|结果)$"), "actual_value"),
    (re.compile(r"^(?:全年|年度)?实际(?:完成)?(?:值|数值|指标值)$"), "actual_value"),
    (re.compile(r"^(?:全年|年度|本年)实际(?:完成|实现|达成)$"), "actual_value"),  # 全年实际完成 (实际完成: above)
    (re.compile(r"^(?:偏差|偏离|未完成|未达标|未达成|差异)?原因.{0,12}$"), "deviation_reason"),
    # the level's number names the column, whatever words follow it (一级绩效指标, 三级绩效指标内容)
    (re.compile(r"^一级(?:绩效)?指标(?:名称|内容)?$"), "level1"),
    (re.compile(r"^二级(?:绩效)?指标(?:名称|内容)?$"), "level2"),
    (re.compile(r"^三级(?:绩效)?指标(?:名称|内容)?$"), "name"),
    # the year's target however the year and the plan are said (本年度目标值, 年度计划值, 当年预期指标值)
    (re.compile(r"^(?:本年度|本年|当年度|当年|全年|年度)(?:计划|预期)?(?:目标|指标)?值$"), "annual_value"),
    (re.compile(r"^(?:指标)?值类型$|^指标(?:性质|类型)(?:定量/定性|定性/定量)$"), "nature"),
    # one name column of units and of their projects (单位/项目名称): read as the long format's own
    # 单位(专项)名称 (longform_header._published_columns)
    (re.compile(r"^单位(?:名称)?[/、及和或](?:项目|专项)名称$"), "fund_unit"),  # 单位名称、项目名称 (云南 05-2)
    # the year's amount as a budget system exports it (年度预算安排, 本年预算安排数); 预算安排 alone heads a group
    (re.compile(r"^(?:项目)?(?:年度|本年度|本年|当年)预算安排(?:数|额|资金|金额)?$"), "total"),
    # the year's budget as a column of amounts (年度预算数, 本年预算金额, 项目年度预算资金总额); 年初 / 全年
    # 预算数 are a 自评表's, found above by name
    (re.compile(r"^(?:项目)?(?:年度|本年度|本年|当年)预算(?:数|额|金额|资金|总额|资金总额)?$"), "total"),
)


#: An indicator's target as older one-project grids head it (海南 2016: 指标类型 | 指标名称 | 绩效目标 | 绩效标准;
#: 福建 2017: 绩效目标 | 评价指标 | 绩效内容 | 绩效标准 | 全年绩效目标). Everywhere else 绩效目标 is the form's
#: goal LABEL: only an indicator grid's header row (a name column left of it, the levels read by their
#: content or none printed; sources/form_grid.py) makes it a value column; 全年 / 年度 say the year's value.
_GRID_TARGET = re.compile(r"^(?:(全年|年度|本年度|本年|当年)(?:绩效)?|绩效)目标$")  # (年度目标 too: 海南 2016 wording)


def grid_target_of(text: object) -> str | None:
    """A header of an older grid's target column → ``annual_value`` (全年绩效目标) or ``value`` (绩效目标);
    None for any other header. Asked only of a grid header row (never of a form's label)."""
    key, _ = normalise_header(text)
    m = _GRID_TARGET.match(key) if key and len(key) <= 8 else None
    if m is None:
        return None
    return "annual_value" if m.group(1) else "value"


#: Group headers merged over sub-columns: amounts (资金情况 → 合计 / 财政拨款 / 其他资金) and
#: indicators (绩效指标 → 一级指标 / 二级指标 / 三级指标 / 指标值 / 度量单位).
GROUPS: dict[str, frozenset[str]] = {
    "money": frozenset({"资金情况", "资金来源", "预算资金", "资金安排", "项目资金情况", "资金构成", "预算安排",
                        "项目预算", "资金", "预算数", "金额", "项目资金", "资金总额", "年度资金总额", "预算金额",
                        "项目资金(万元)", "其中"}),
    "indicators": frozenset({"绩效指标", "指标", "年度绩效指标", "绩效目标指标", "年度绩效目标指标", "绩效指标体系",
                             "产出效益指标"}),
}
#: Under a money group, these mean 总计 (合计 = 总计).
TOTAL_WORDS = frozenset({"合计", "小计", "总计", "合计数", "小计数", "总额"})


def group_of(text: object) -> str | None:
    """``money`` or ``indicators`` when a header cell is a group over sub-columns, else None."""
    if not isinstance(text, str):
        return None
    raw = unicodedata.normalize("NFKC", text).strip()
    key, _ = normalise_header(text)
    if not key and raw.startswith("其中"):
        return "money"
    return next((name for name, words in GROUPS.items() if key in words), None)


#: A unit-name header that names projects too (单位(专项)名称, 单位（项目）名称, 单位/项目名称): the one name
#: column of the units and of the projects under them (bounded, linear).
_UNIT_AND_PROJECT = re.compile(r"单位(?:名称)?[(（/、及和或](?:项目|专项)|(?:项目|专项)[(（/、及和或](?:资金使用|预算|申报)?单位")


def names_units_and_projects(text: object) -> bool:
    """Does a unit-name header say that its column names projects too (单位(专项)名称: a unit row with its
    amounts, then the rows of its projects, each name in the same column)?"""
    if not isinstance(text, str):
        return False
    return bool(_UNIT_AND_PROJECT.search(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text[:60]))))


def is_total_word(text: object) -> bool:
    """合计 / 小计 / 总计 as a sub-column header (of a money group)."""
    return isinstance(text, str) and normalise_header(text)[0] in TOTAL_WORDS


#: Headers that, right of the indicators' names, describe them (指标内容): named the ``name`` field when
#: no other column names the indicators.
CONTENT_HEADERS = frozenset({"指标内容", "绩效指标内容", "绩效内容"})


def legacy_as_name(fields: list[str | None], texts: list[str] | None = None) -> list[str | None]:
    """A header row's fields (left to right) with 绩效指标 read as the indicators' name column where
    it stands right of a level column and no name column is printed (一级指标 | 二级指标 | 绩效指标 |
    指标值), also where a tall 绩效指标 section label stands left of the levels (绩效指标 | 一级指标 |
    二级指标 | 绩效指标 | …): the coded tables' 绩效指标 column holds the levels inside its strings and
    never stands beside level columns of its own. With the row's ``texts``, a name column headed
    指标内容 right after such a 绩效指标 is the names' description: 绩效指标 is the names there too."""
    if "legacy" not in fields:
        return fields
    if "name" in fields:
        at = fields.index("name")
        if not (texts and at > 0 and fields[at - 1] == "legacy" and at < len(texts)
                and label_parts(texts[at]).key in CONTENT_HEADERS):
            return fields
    # (a 绩效指标 section label left of the levels is not one; each half of a 中期 | 年度 grid has one)
    return ["name" if f == "legacy" and {"level1", "level2"} & set(fields[:at]) else f
            for at, f in enumerate(fields)]


def names_an_indicator(text: str) -> bool:
    """Is a cell under a 绩效指标 header an indicator's name — a short text that is no header, no level
    and no coded indicator string (1、1-产出指标；11-数量指标；…；年度指标值:12)? Then that 绩效指标 heads
    the names of a grid printing no name column (绩效指标 | 计量单位 | 指标性质 | 指标值); over a two-row
    header's 一级指标 | 二级指标 | 三级指标 it is a group, and under a coded table's it the strings."""
    text = text.strip()
    if not 0 < len(text) <= 40 or field_of(text) is not None or _CODED_MARKS.search(text):
        return False
    if re.fullmatch(r"[\d.\s%]+", text):
        return False  # a 栏次 number, a value
    key = level_label(text)[0]
    return framework.level1_by_name(key) is None and framework.level2_by_name(key) is None


_CODED_MARKS = re.compile(r"指标值|[；;]")

#: Said when a 绩效指标 column over plain names is read as the indicators' names.
LEGACY_NAMES_NOTE = "“绩效指标”一栏下写的是各条指标的名称（表中没有三级指标或指标名称列）：按指标名称读取"


#: Heads of a scoring table's criteria column (项目权重 | 评价内容 | 分值 | 自评分 | 复核分): the criterion
#: is the row's indicator where no 指标名称 / 三级指标 column is printed. Beside a name column
#: (评价指标 | 评价内容 | 指标名称) it is a level instead (longform_header._levels_by_content).
CRITERIA_HEADS = frozenset({"评价内容", "考核内容", "评价要点", "考核要点", "评分内容", "评价项目内容"})


def criteria_as_name(keys: list[str], fields: list[str | None]) -> list[str | None]:
    """A scoring header's fields (left to right, ``keys`` its normalised texts) with a criteria column
    (评价内容) read as the name where the header prints 分值 and 得分 but no name or level column; the
    unnamed column just left of it (项目权重, holding 项目决策2分) is then the level-1 column."""
    present = set(fields)
    if {"name", "level1", "level2", "legacy"} & present or not {"weight", "score"} <= present:
        return fields
    at = next((i for i, (k, f) in enumerate(zip(keys, fields, strict=True)) if f is None and k in CRITERIA_HEADS), None)
    if at is None:
        return fields
    out = list(fields)
    out[at] = "name"
    left = next((i for i in range(at - 1, -1, -1) if keys[i]), None)
    if left is not None and out[left] is None:
        out[left] = "level1"
    return out


def is_header_word(text: object) -> bool:
    """Is this cell text header vocabulary (a field, a group, or a total word)?"""
    return field_of(text) is not None or group_of(text) is not None or is_total_word(text)


#: A 合计 row: its unit / project cell reads 合计 or 总计.
TOTAL_ROW = re.compile(r"^\s*+(?:合\s*+计|总\s*+计)\s*+$")


#: Labels of the key/value block of one-project forms (申报表, docs/forms.md), normalised like
#: headers. ``section`` labels name a block (总体目标, 项目资金（万元）…) and carry no value of their own.
FORM_LABELS: dict[str, tuple[str, ...]] = {
    "project": ("项目名称", "项目支出名称", "项目支出项目名称", "二级项目名称", "项目全称", "预算项目名称", "项目名"),
    "code": ("项目编码", "项目代码", "项目编号", "项目支出编码"),
    "department": ("主管部门", "主管部门及代码", "预算部门", "部门名称", "主管单位", "主管部门名称",
                   "预算部门及代码"),
    "department_code": ("主管部门代码", "部门代码", "部门编码", "预算部门代码"),
    "fund_unit": ("资金使用单位", "预算单位", "单位名称", "项目单位", "下达地方或单位", "下达单位", "下达地方",
                  "单位信息"),
    "implementer": ("实施单位", "项目实施单位", "实施单位及代码"),
    "category": ("项目属性", "项目类别", "项目类型", "项目性质"),
    "term": ("项目期", "项目起止时间", "项目支出实施期", "实施期", "项目周期", "起止时间", "项目实施期",
             "项目实施周期", "实施周期", "项目期限", "实施期限", "项目实施期限"),
    "period_goal": ("中期目标", "实施期绩效目标", "实施期目标", "中长期目标", "实施周期目标", "长期目标",
                    "实施期总体目标", "中期绩效目标"),
    "goal": ("年度目标", "本年度绩效目标", "年度绩效目标", "本年度目标", "绩效目标", "年度总体目标", "年度绩效总目标",
             "绩效总目标"),
    "total": ("年度资金总额", "资金总额", "年度预算金额", "年度本级预算金额", "本级预算金额", "预算金额",
              "合计", "总计", "项目总金额", "年度预算数", "预算数", "项目资金总额", "下达资金总额", "项目申报金额",
              "申报金额", "申请金额", "项目申请金额", "本年度申请金额"),
    "period_total": ("中期资金总额", "实施期资金总额", "中期资金", "中期预算资金总额", "中期预算资金", "实施期预算资金总额"),
    "fiscal": ("财政拨款", "财政资金", "一般公共预算", "一般公共预算拨款", "财政拨款资金", "公共财政拨款", "公共财政预算拨款", "一般公共预算财政拨款"),
    "special": ("财政专户拨款", "财政专户", "财政专户管理资金", "纳入专户管理的非税收入拨款", "纳入专户管理的非税收入", "纳入财政专户管理的非税收入拨款", "纳入财政专户管理的非税收入"),
    "other": ("其他资金", "其他", "其他来源资金", "其他来源"),
    "section": ("总体目标", "项目资金", "绩效指标", "年度绩效指标", "本年度绩效指标", "中期绩效指标",
                "实施期绩效指标", "投入目标", "资金来源", "年初安排金额", "项目基本情况", "项目资金情况",
                "金额", "产出目标", "效益目标", "基本信息", "项目基本信息"),
}

_BY_FORM_LABEL: dict[str, str] = {h: f for f, names in FORM_LABELS.items() for h in names}
_LABEL_COLON = re.compile(r"(?<![:：])[:：]++$")  # a run of colons tried once, from its start


def form_label_of(text: object) -> tuple[str | None, str | None]:
    """A form label cell → (form field or None, money unit written in it such as 万元, or None)."""
    return _form_label(text) if isinstance(text, str) else _form_label(str(text))


@functools.lru_cache(maxsize=4096)
def _form_label(text: str) -> tuple[str | None, str | None]:
    """form_label_of, cached: forms repeat the same labels on every sheet."""
    key, money = normalise_header(text)
    key = _LABEL_COLON.sub("", key)
    if not key:
        return None, money
    found = _BY_FORM_LABEL.get(key)
    if found is None and len(key) <= 16:
        found = next((name for pattern, name in _FORM_PATTERNS if pattern.match(key)), None)
    if found is None and (part := _AMOUNT_PART.match(key)):  # (一)财政拨款小计 / (三)其他收入: a numbered part
        inner = "fiscal" if part.group(1) in _BUDGET_PARTS else _form_label(part.group(1))[0]
        found = inner if inner in _AMOUNT_FIELDS else None
    if found is None and (this_year := _THIS_YEAR.match(key)):  # 本年一般公共预算拨款: the year's 财政拨款
        inner = _form_label(this_year.group(1))[0]
        found = inner if inner in _AMOUNT_FIELDS else None
    if found is None and _stray_after_name(key):
        found = "project"
    return found, money


#: An amount line named for the year (本年一般公共预算拨款, 当年其他资金): the money part it names.
_THIS_YEAR = re.compile(r"^(?:本年度|本年|当年|本次|本批)(\S{2,14})$")  # (本次下达中央预算内投资: this grant's)


#: A character that joins a name label to more words (项目名称及编码): no stray one.
_JOINERS = frozenset("及和与或、等")


def _stray_after_name(key: str) -> bool:
    """A project-name label with one stray character printed after it (专项名称金: a character of the
    next cell's 资金 typed into the label). Only after a label ending in 名称 and only one CJK character:
    no field word is 名称 + one character, whereas after other labels one character changes the field
    (年度目标值 is a value column, 合计数 / 预算数 amounts) — those are never read this way."""
    if not 3 <= len(key) <= 17 or not key[:-1].endswith("名称") or key[-1] in _JOINERS:
        return False
    if not "\u4e00" <= key[-1] <= "\u9fff":
        return False
    return _BY_FORM_LABEL.get(key[:-1]) == "project" or bool(_FORM_PATTERNS[0][0].match(key[:-1]))


def stray_label_tail(text: str) -> str | None:
    """The stray character after a project-name label (专项名称金 → 金), None for any other text: the
    reader reads the label without it and says so."""
    key = _LABEL_COLON.sub("", normalise_header(text)[0])
    return key[-1] if key and _BY_FORM_LABEL.get(key) is None and _stray_after_name(key) else None


_AMOUNT_FIELDS = frozenset({"total", "fiscal", "other"})


#: A top-level part of an amount breakdown, numbered (一)(二)(三) or 一、二、 and maybe called a 小计:
#: ``(一)财政拨款小计`` / ``一、预算资金`` is the 财政拨款 line (its 1、2、 sub-items are not matched: they
#: are parts of a part).
_AMOUNT_PART = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)(\S{1,12}?)(?:小计|合计)?$")
#: A numbered part of a total named for the budget (一、预算资金 beside 二、自有资金): the 财政拨款 part.
_BUDGET_PARTS = frozenset({"预算资金", "预算拨款", "预算内资金", "财政预算资金", "预算安排资金"})

#: Form labels recognised by pattern, as provinces and funds print them (anchored, bounded):
#: the project name as 专项资金名称 / 资金名称 / 项目（…）名称, goals as 年度/总体/主要 目标 and
#: 成果/任务, amounts as 总预算 / 年度预算 / 资金总额 / 金额 and their 其中 lines.
_FORM_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:专项|项目|资金|转移支付|转移)[^单部负人对类]{0,8}名称$"), "project"),
    (re.compile(r"^(?:专项|项目)?(?:中期|实施期|实施周期|中长期|长期|整体期)(?:总体|绩效|项目){0,2}(?:目标|任务)$"),
     "period_goal"),
    (re.compile(r"^(?:专项|项目)?(?:中期|实施期|实施周期|中长期|长期)[^:]{0,6}目标$"), "period_goal"),
    # (专项年度绩效目标; 绩效目标总体描述 — a sub-label beside 项目绩效目标)
    (re.compile(r"^(?:本年度|本年|当年|年度|项目|专项|总体|总|主要|整体|预期){0,3}(?:绩效)?(?:目标|成果|任务)"
                r"(?:和|及|与|、)?(?:主要)?(?:成果|任务|目标)?(?:内容|概述|总体描述|描述)?$"), "goal"),
    # 主管部门 with the level and sector before it (区级林业主管部门, 县级教育行政主管部门, 业务主管单位; 主管预算部门): the sector
    # word holds no place or agency character, so a name (某县林业局) never reads as this label
    (re.compile(r"^(?:[县市省区州旗乡镇]级|上级|本级|区县|县区|市县|自治区|中央|兵团)?(?:[^\x00-\xff市县区省州旗局委办厅]{1,6}?)?"
                r"(?:业务|归口|项目|行业)?主管(?:预算)?(?:部门|单位)(?:名称)?(?:及其?(?:部门)?(?:预算)?(?:代码|编码))?$"), "department"),
    (re.compile(r"^(?:[县市省区州旗乡镇]级|上级|本级|区县|县区|市县)?归口管理(?:部门|单位)(?:名称)?$"), "department"),
    # 编制单位: the unit that drew up the form (a budget system's export prints 编制单位: | 813-某镇 | 单位:万元)
    (re.compile(r"^(?:项目)?(?:申报|填报|预算|项目|资金使用|用款|编制)单位(?:名称)?$"), "fund_unit"),
    (re.compile(r"^(?:具体|项目)?(?:实施|执行|承担|承办|责任|负责)(?:单位|主体)(?:名称)?$"), "implementer"),
    # 实施部门 beside 预算单位 (江苏 项目绩效公开): the department over the unit — the form's 主管部门 when
    # it names none (sources/form.py); beside a 主管部门 it is kept as printed
    (re.compile(r"^(?:项目)?实施部门(?:名称)?$"), "implementing_department"),
    (re.compile(r"^(?:项目|年度|本年度|本年|当年)?(?:资金|预算|预算资金|项目资金)?(?:总额|总预算|总计|合计|金额|总金额)"
                r"(?:数)?$"), "total"),
    (re.compile(r"^(?:项目)?(?:年度|本年度|本年|当年|项目)(?:预算|预算资金|资金|预算安排)(?:数|额)?$"), "total"),
    # (财政投入 as a source of money; 财政投款, a slip for 财政拨款 as printed by 蒙城 2024)
    (re.compile(r"^(?:本年|当年|本级|上级|同级|中央|省级|市级|县级|年度)?(?:一般公共预算|公共)?财政(?:预算)?(?:拨款|投款|投入|资金|补助)"
                r"(?:资金)?(?:数|额)?$"), "fiscal"),
    (re.compile(r"^(?:中期|本年度|本年|当年|年度)?(?:申请|安排)?(?:市级|省级|县级|区级|市|省|县|区|中央|本级|上级)?"
                r"财政(?:预算)?(?:拨款|资金|补助)?(?:资金)?$"), "fiscal"),
    (re.compile(r"^(?:其他|其它|自筹|单位自筹|社会)(?:资金|来源|收入)?(?:数|额)?$"), "other"),
    # a 专项 form's own spellings of the project fields (专项属性, 专项起止时间)
    (re.compile(r"^专项(?:资金)?(?:属性|类别|类型|性质)$"), "category"),
    (re.compile(r"^专项(?:资金)?(?:起止时间|实施期|实施周期|执行期)$"), "term"),
    # the year's money as an input (本年度预计投入（万元）, 年度计划投资)
    (re.compile(r"^(?:本年度|本年|当年|年度)(?:预计|计划)?(?:投入|投资)(?:资金|金额|额|总额)?$"), "total"),
    # the NDRC 中央预算内投资计划绩效目标表: 下达中央预算内投资（万元） is the project's amount
    (re.compile(r"^(?:下达|安排|申请)?(?:中央|省级|市级|县级)?预算内投资(?:计划)?(?:资金|金额|额)?$"), "total"),
)

#: A second ``label：`` in the same cell after white space (单位名称：某医院　　填报日期：2022年3月18日):
#: the first value ends there when what follows is a known label or a sign-off word.
#: (a blank run tried once, whole; the label may carry a bracketed note after a space: 实施单位 (盖章)：)
_NEXT_LABEL = re.compile(r"(?<!\s)\s++([^\s:：]{2,12}(?:\s{0,2}[(（][^()（）:：\s]{1,6}[)）])?)[:：]")
#: (项目名称:：某项目 — a colon typed after the template's: the value starts after both)
_INLINE = re.compile(r"^([^:：]{1,20})[:：][\s:：]*+(\S.*)$", re.S)


def inline_label_value(text: str) -> tuple[str, str] | None:
    """``项目名称：XX`` in one cell → (label, value); the value stops before a second label written
    after white space in the same cell (``单位名称：X　填报日期：Y`` → (单位名称, X)). None when the
    cell is not ``label：value``. A 其中 opening the pair is no label (其中:财政拨款：51.35 → 财政拨款)."""
    m = _INLINE.match(_OF_WHICH_PAIR.sub("", text, count=1))
    if not m:
        return None
    label, value = m.group(1), m.group(2).strip()
    lead = _LEAD_LABEL.match(value)
    lead_key = form_label_of(lead.group(1))[0] if lead else None
    label_field = form_label_of(label)[0]
    if UNIT_LINE.match(value) or (lead_key is not None and lead_key != label_field):
        return label, ""  # 主管部门(盖章): 单位:万元 — the label is blank, the next label follows it
    if label_field in _MONEY_LABELS and len(value) <= 20 and form_label_of(value)[0] not in (None, label_field):
        return label, ""  # 项目预算资金(万元)：中期预算资金总额 — a money section's label, its sub-label after it
    # (年度总体目标：目标:完成… — the goal's own 目标: opening its text, no next label)
    for n, nxt in enumerate(_NEXT_LABEL.finditer(value, 0, MAX_FOOTER_TEXT)):
        if n >= _MAX_NEXT_LABELS:
            break
        word = nxt.group(1)
        if is_footer_label(word + "：") or form_label_of(word)[0] is not None or _SIGN_OFF_END.search(word) \
                or (word == "其中" and _OF_WHICH_PAIR.match(value[nxt.start(1): nxt.start(1) + 40])):
            value = value[: nxt.start()].strip()  # (资金总额：120万元　其中：财政拨款：100万元: the next pair's 其中)
            break
    return label, value


#: The money labels of a form: their value is an amount, never another label.
_MONEY_LABELS = frozenset({"total", "period_total", "fiscal", "special", "other"})


def inline_pairs(text: str, limit: int = 6) -> list[tuple[str, str]]:
    """Every ``label：value`` pair written in one cell or line, in order (主管部门：某局　实施单位：某中心 →
    (主管部门, 某局), (实施单位, 某中心)); [] when the text does not open with one. At most `limit` pairs."""
    pairs: list[tuple[str, str]] = []
    rest = text.strip()
    while rest and len(pairs) < limit:
        pair = inline_label_value(rest)
        if pair is None:
            break
        pairs.append(pair)
        label, value = pair
        at = rest.find(value, rest.find(label) + len(label)) if value else -1
        after = at + len(value) if at >= 0 else rest.find(label) + len(label) + 1
        rest = rest[after:].strip()
    return pairs


def label_key(text: str) -> str | None:
    """The form field a cell labels: the whole cell (项目名称) or the label of the ``label：value`` pair
    it holds (项目名称：某项目, 当年预算：9.31) — one test for every detector looking for a form's labels."""
    key = form_label_of(text)[0]
    if key is None and len(text) <= 200 and (pair := inline_label_value(text)) is not None and pair[1]:
        key = form_label_of(pair[0])[0]
    return key


#: 其中: before a label of its own with its colon (其中:财政拨款：51.35): the money line's 其中, no label.
_OF_WHICH_PAIR = re.compile(r"^\s{0,3}其中\s{0,3}[:：]\s{0,3}(?=[^:：\s]{2,20}\s{0,3}[:：])")
#: A label opening the value itself (主管部门: 单位:万元): the first label was left blank.
_LEAD_LABEL = re.compile(r"([^\s:：]{2,12})[:：]")
#: A sign-off label after a value in the same cell (主要领导签字：, 单位负责人(签章)：): the value ends there.
_SIGN_OFF_END = re.compile(r"(?:签字|签章|签名|盖章)[)）]?$")
#: How many ``word：`` after the first value are looked at (a long text cell has many colons).
_MAX_NEXT_LABELS = 8


# ── Department-wide tables (部门整体支出绩效目标表 / 自评表; sources/department.py) ──────────────
# Labels are normalised like headers (normalise_header: width folded, spaces, ``*`` and a trailing
# annotation such as ``（必填）`` or ``（万元）`` removed), then a trailing ``：``.

#: A title naming a department-wide table (部门整体支出绩效目标表, 部门整体绩效目标申报表, …自评表).
DEPARTMENT_TITLE = re.compile(r"部门(?:[（(]单位[)）])?\s{0,3}整体|整体(?:支出)?绩效")
#: Labels of the department block → DepartmentPlan field; ``tasks`` / ``indicators`` / ``section``
#: name a block and carry no value of their own.
DEPARTMENT_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("部门名称", "部门(单位)名称", "单位(部门)名称", "部门单位名称", "单位名称", "预算部门", "预算部门名称",
             "主管部门", "主管部门名称", "预算单位", "预算单位名称", "部门", "评价部门名称", "预算部门、单位名称",
             "预算部门(单位)名称", "部门(单位)", "被评价部门"),
    "code": ("部门编码", "部门代码", "单位编码", "单位代码", "部门(单位)编码", "部门(单位)代码", "预算部门编码",
             "预算部门代码", "预算单位编码", "预算单位代码", "部门编号"),
    "contact": ("联系人", "填报人", "部门联系人", "经办人"),
    "phone": ("联系电话", "电话", "联系方式"),
    "total": ("年度资金总额", "资金总额", "年度预算总额", "预算总额", "部门预算总额", "年度预算金额", "年度部门预算总额",
              "合计", "总计", "总额", "年度预算数", "预算资金总额", "部门整体支出总额", "整体支出总额", "部门支出总额",
              "年初预算资金", "预算金额", "部门预算金额", "年度部门预算金额"),
    "fiscal": ("财政拨款", "财政资金", "一般公共预算", "一般公共预算拨款", "财政拨款资金", "财政拨款收入", "本年财政拨款",
               "当年财政拨款", "财政资金小计", "公共财政拨款", "公共财政预算拨款", "一般公共预算财政拨款"),
    "special": ("财政专户拨款", "财政专户", "财政专户管理资金", "纳入专户管理的非税收入拨款", "纳入专户管理的非税收入", "纳入财政专户管理的非税收入拨款", "纳入财政专户管理的非税收入"),
    "fiscal_more": ("政府性基金拨款", "政府性基金", "政府性基金预算拨款", "政府性基金预算", "国有资本经营预算拨款",
                    "国有资本经营预算", "纳入预算管理的非税收入拨款", "纳入预算管理的非税收入"),
    "other": ("其他资金", "其他", "其他收入", "其他资金小计", "自筹资金", "单位自筹", "单位自筹资金", "其他来源资金"),
    "basic": ("基本支出", "基本支出预算", "基本支出总额"),
    "project": ("项目支出", "项目支出预算", "项目支出总额"),
    "goal": ("年度绩效总目标", "年度总体目标", "绩效总目标", "整体绩效目标", "部门整体绩效目标", "部门整体支出绩效目标",
             "年度整体绩效目标", "年度绩效目标", "总体目标", "年度目标", "预期目标", "部门年度绩效目标",
             "年度总体绩效目标", "总体绩效目标", "年初设定目标", "年初绩效目标", "年初目标", "年度履职目标"),
    "actual_summary": ("实际完成情况", "年度总体目标完成情况", "总体目标完成情况", "年度总体目标实际完成情况",
                       "年度目标实际完成情况", "总体目标实际完成情况", "全年完成情况", "全年实际完成情况",
                       "目标实际完成情况", "目标完成情况", "年度目标完成情况", "全年目标实际完成情况",
                       "全年目标完成情况"),
    "total_score": ("自评总分", "自评得分", "总得分", "综合得分"),  # 自评总分（分） | 98.5 in the block
    # the finance bureau's or department's office that handles the table (重庆: 主管部门 | … | 财政处室 | …;
    # 湖南: 业务股室): a label of its own, kept as an extra — never the value of the label left of it
    "office": ("财政处室", "财政科室", "财政股室", "业务处室", "业务科室", "业务股室", "主管处室", "主管科室", "归口处室",
               "归口科室", "预算处室", "对口处室", "对口科室"),
    "tasks": ("年度主要任务", "主要任务", "年度重点任务", "部门年度主要任务", "年度工作任务", "重点工作任务"),
    "indicators": ("绩效指标", "年度绩效指标", "部门整体绩效指标", "年度绩效指标体系", "绩效指标体系", "部门绩效指标"),
    "section": ("年度预算", "资金情况", "年度预算/资金情况", "年度预算资金情况", "年度资金情况", "年度预算执行情况",
                "预算执行情况", "资金来源", "年度预算(资金)情况", "部门预算", "年度部门预算", "预算情况", "年度预算安排",
                "其中", "项目", "整体支出规模", "部门总体资金情况", "总体资金情况", "收入构成", "支出构成",
                "年度预算收支情况", "预算收支情况", "年度预算申请", "预算申请", "部门年度预算",
                "基本信息", "部门基本信息", "单位基本信息"),
}
#: Indicator-grid headers of department tables the long-format vocabulary does not know (looked up first).
DEPARTMENT_GRID_COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("分解目标", "一级指标名称"),
    "level1_weight": ("自评权重", "一级指标自评权重"),  # merged down a level-1's rows: its weight (30)
    "actual_value": ("全年完成值", "全年实际完成值", "实际完成指标值", "全年实际值"),
    "deviation_reason": ("偏差及原因分析", "偏差及原因", "偏差原因说明", "偏差及原因分析及改进措施"),
}
#: Budget columns of a department 自评表 the long-format vocabulary does not know (福建: 预算安排 |
#: 拨付情况 groups): looked up after ``field_of``; a 拨付 column stands for 执行 only when no column
#: says 执行数. The bare subtotal (小计④=①+②+③, 预算数) beside them is the adjusted budget.
DEPARTMENT_BUDGET_COLUMNS: dict[str, tuple[str, ...]] = {
    "budget_initial": ("年初部门预算安排金额", "年初预算安排金额", "年初部门预算安排", "年初预算安排", "年初部门预算",
                       "年初部门预算数", "年初预算金额"),
    "budget_paid": ("年度拨付金额", "拨付金额", "全年拨付金额", "实际拨付金额", "年度拨付数", "拨付数"),
    "budget_subtotal": ("小计", "合计", "预算数", "预算安排小计", "全年预算合计"),
    # 重庆: 执行率（%） | 执行率权重 | 执行率得分（分）
    "weight": ("执行率权重", "预算执行率权重", "执行率分值"),
    "score": ("执行率得分", "预算执行率得分"),
}
#: The execution rate column of a budget block (执行率(B/A), 支出实现率(%)⑥=⑤/④, 预算执行率).
BUDGET_RATE = re.compile(r"^(?:预算|资金|支出)?(?:执行|实现|支出)率$")
_BY_DEPARTMENT_BUDGET: dict[str, str] = {h: f for f, names in DEPARTMENT_BUDGET_COLUMNS.items() for h in names}


def department_budget_column(text: object) -> str | None:
    """A budget column header of a department 自评表 → ``budget_initial`` / ``budget_adjusted`` /
    ``budget_executed`` / ``weight`` / ``score`` / ``rate``, or the department's own words
    ``budget_paid`` (拨付) / ``budget_subtotal`` (小计, 预算数); None for any other header."""
    key, _ = normalise_header(text)
    if not key:
        return None
    found = _field_of_key(key)
    if found in ("budget_initial", "budget_adjusted", "budget_executed", "weight", "score"):
        return found
    if BUDGET_RATE.match(key):
        return "rate"
    return _BY_DEPARTMENT_BUDGET.get(key) or ("budget_subtotal" if found == "total" else None)


#: Column headers of the 年度主要任务 grid (任务名称 | 主要内容 | 预算金额 …) → DepartmentTask field.
TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("任务名称", "任务", "主要任务", "任务事项", "重点任务", "工作任务", "任务名"),
    "content": ("主要内容", "任务内容", "主要工作内容", "工作内容", "具体内容", "内容", "任务主要内容"),
    "total": ("预算金额", "金额", "预算数", "总额", "合计", "资金总额", "预算资金", "预算金额合计", "小计", "预算申请",
              "申请金额", "预算申请金额"),
    "fiscal": DEPARTMENT_LABELS["fiscal"],
    "special": DEPARTMENT_LABELS["special"],
    "other": DEPARTMENT_LABELS["other"],
}
#: The row closing the 年度主要任务 grid with the tasks' total (金额合计 | … | 总额 | 财政拨款 | 其他资金).
TASK_TOTAL = re.compile(r"^(?:金额|预算|资金)?(?:合计|总计|小计)$")
_BY_DEPARTMENT_LABEL: dict[str, str] = {h: f for f, names in DEPARTMENT_LABELS.items() for h in names}
_BY_TASK_COLUMN: dict[str, str] = {h: f for f, names in TASK_COLUMNS.items() for h in names}


def _label_key(text: object) -> tuple[str, str | None]:
    """A label cell's normalised text (trailing ``：`` removed) and the money unit it names."""
    key, money = normalise_header(text if isinstance(text, str) else str(text))
    return _LABEL_COLON.sub("", key), money


_BY_DEPARTMENT_GRID: dict[str, str] = {h: f for f, names in DEPARTMENT_GRID_COLUMNS.items() for h in names}


def department_grid_field(text: object) -> str | None:
    """An indicator-grid header of a department table → model field (its own words first, then
    the long-format vocabulary: ``field_of``, 绩效目标值 / 实际完成值 patterns too)."""
    key, _ = normalise_header(text)
    return (_BY_DEPARTMENT_GRID.get(key) or field_of(text)) if key else None


def department_label_of(text: object) -> tuple[str | None, str | None]:
    """A department block label → (DepartmentPlan field or None, money unit written in it, or None).
    A goal label numbered for its row (年度目标1, 年度绩效目标2：) is the goal label; the year's budget
    and goal as budget systems word them (区级支出预算总量, 部门预算总额, 当年整体绩效目标) by pattern."""
    key, money = _label_key(text)
    found = _BY_DEPARTMENT_LABEL.get(key) if key else None
    if found is None and key and (m := _NUMBERED_LABEL.match(key)) and _BY_DEPARTMENT_LABEL.get(m.group(1)) == "goal":
        found = "goal"
    if found is None and key and len(key) <= 24:
        found = next((name for pattern, name in _DEPARTMENT_PATTERNS if pattern.match(key)), None)
    return found, money


#: Department labels recognised by pattern (anchored, bounded): the year's budget total with its level
#: and wording (区级支出预算总量, 年度部门支出预算总额, 单位预算总额) and the year's goal (当年整体绩效目标,
#: 本年度部门整体绩效目标, 单位整体支出绩效目标).
_DEPARTMENT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # the unit with its budget level (一级预算单位名称, 区级预算部门名称)
    (re.compile(r"^(?:[一二三四省市区县乡镇]?级)?预算(?:部门|单位)(?:名称)?$"), "name"),
    (re.compile(r"^(?:[省市区县乡镇]级|本级)?(?:年度|本年度|本年|当年|全年)?(?:部门|单位)?(?:整体)?(?:支出)?"
                r"预算(?:资金|支出)?(?:总量|总额|总计|合计|总金额|总数)$"), "total"),
    (re.compile(r"^(?:本年度|本年|当年|全年|年度)(?:部门|单位)?(?:整体)?(?:支出)?(?:总体)?绩效(?:总)?目标$"), "goal"),
    (re.compile(r"^(?:部门|单位)(?:整体)?(?:支出)?(?:年度)?(?:总体)?绩效(?:总)?目标$"), "goal"),
)
#: Block sections naming the year's budget: with an amount beside them (年度预算 | 3724.39) they are
#: its total; with labels beside them (年度预算 | 年度资金总额 | …) they only head the block.
DEPARTMENT_BUDGET_SECTIONS = frozenset({"年度预算", "年度预算/资金情况", "年度预算资金情况", "年度资金情况", "资金情况",
                                        "年度预算(资金)情况", "部门预算", "年度部门预算", "预算情况", "年度预算安排",
                                        "整体支出规模", "部门总体资金情况", "总体资金情况", "年度预算申请", "预算申请",
                                        "部门年度预算"})


def is_budget_section(text: object) -> bool:
    """Is this block label a section naming the year's budget (年度预算, 资金情况)? Beside an amount,
    that amount is the total."""
    return _label_key(text)[0] in DEPARTMENT_BUDGET_SECTIONS


#: A label with its row's number after it (年度目标1, 年度目标二).
_NUMBERED_LABEL = re.compile(r"^(\D{2,12}?)[0-9一二三四五六七八九十]{1,2}$")


def numbered_label(text: object) -> bool:
    """Is this label numbered for its row (年度目标1)? Its value is one of several lines."""
    key, _ = _label_key(text)
    return bool(key) and _NUMBERED_LABEL.match(key) is not None and key not in _BY_DEPARTMENT_LABEL


def task_column_of(text: object) -> tuple[str | None, str | None]:
    """A 年度主要任务 column header → (DepartmentTask field or None, money unit written in it, or None)."""
    key, money = _label_key(text)
    found = _BY_TASK_COLUMN.get(key) if key else None
    if found is None and key and len(key) <= 16:  # 市财政拨款 / 自筹资金: a money part by the form labels' patterns
        part = _form_label(key)[0]
        found = part if part in ("fiscal", "special", "other") else None
    return found, money


_CODE_FIRST = re.compile(r"^[\[【(（]?\s*(\d{3,20})\s*[\]】)）]?\s*[-－—:：]?\s*(\S.*)$", re.S)
_CODE_LAST = re.compile(r"^(.*?\S)\s*[\[【(（]\s*(\d{3,20})\s*[\]】)）]$", re.S)
#: A code after the name and a space (某市城管局 308001, as budget systems export it): five digits or
#: more, so that a year (某局 2024) is no code.
_CODE_SPACED = re.compile(r"^(\S.*?)\s+(\d{5,20})$", re.S)
#: No department name is longer: a longer text is kept as written (and the patterns stay linear).
_MAX_DEPARTMENT = 200


def split_department(text: str) -> tuple[str, str | None]:
    """``[015001]某区教育局`` / ``015001-某区教育局`` / ``某区教育局（015001）`` / ``某区教育局 015001`` → (name, code);
    a plain name → (name, None). One rule for every layout that reads a 主管部门 / 部门名称."""
    if len(text) > _MAX_DEPARTMENT:
        return text.strip(), None
    m = _CODE_FIRST.match(text)
    if m:
        return m.group(2).strip(), m.group(1)
    m = _CODE_LAST.match(text) or _CODE_SPACED.match(text.strip())
    if m:
        return m.group(1).strip(), m.group(2)
    return text.strip(), None


#: A heading naming one project's table: ``xx项目绩效目标表``, ``xx项目项目绩效目标``, ``xx项目支出绩效指标``,
#: ``2019年度xx项目绩效评价指标表``, ``xx项目绩效自评表``.
_PROJECT_TITLE = re.compile(r"^(?P<name>[^\n]{2,60})绩效(?:评价)?(?:目标|指标|自评)(?:申报表|申报|情况表|情况|表)?$")
_PROJECT_LABEL = re.compile(r"^项目名称\s{0,3}[:：]\s{0,3}(?P<name>[^\n]{2,60})$")
#: A leading enumerator (（一）, 一、, 1.) and a leading year of a heading: not part of a name.
_ENUMERATOR = re.compile(r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．])\s{0,3}")
_YEAR = re.compile(r"^\d{4}\s{0,2}年度?")
#: What is left of a heading that names no project (项目支出绩效目标表, 中长期绩效目标, 部门整体 …).
_GENERIC_NAMES = frozenset({"项目", "项目支出", "部门", "部门整体", "部门整体支出", "整体", "整体支出", "年度", "本年度",
                            "中长期", "中期", "长期", "年度项目", "具体", "项目具体", "专项资金", "专项", "区域",
                            "重大政策和项目", "政策和项目", "重点项目", "转移支付", "专项转移支付"})


def project_from_title(text: str) -> str | None:
    """The project a heading above a table names (``3岁以下婴幼儿照护服务项目项目绩效目标`` →
    ``3岁以下婴幼儿照护服务项目``; ``项目名称：xx``; a target table's or a report's title as
    :func:`hierarchy_labels.target_project_from_title` reads it), or None for a heading naming none."""
    text = re.sub(r"\s+", "", text or "")[:80].lstrip("*＊")  # (*年度总体绩效目标: a required field's mark)
    m = _PROJECT_LABEL.match(text)
    if m:
        return m.group("name")
    m = _PROJECT_TITLE.match(text)
    if not m:  # (a report the table is printed in: 某局2022年度xx经费绩效自评工作报告)
        return target_project_from_title(text) or None
    if DEPARTMENT_TITLE.search(text):
        return None
    name = without_department_year(_YEAR.sub("", _ENUMERATOR.sub("", m.group("name"))))
    if name.endswith("项目支出"):
        name = name[:-2]  # xx项目支出绩效目标表 → xx项目
    if name.endswith("项目项目"):
        name = name[:-2]  # xx服务项目项目绩效目标 (the form's 项目绩效目标 after the name) → xx服务项目
    name = name.rstrip("的")
    if (year := re.search(r"\d{4}年度?(?:项目)?$", name)) is not None:
        name = name[:year.start()]  # xx项目2021年度绩效目标表: the year, no part of the name
    if len(name) < 2 or name in _GENERIC_NAMES:
        return None
    if _generic_with_period(name):
        return None  # 专项年度绩效目标, 资金中长期绩效目标: a form's goal label, no project's name
    return _GOAL_PERIOD.sub("", name, count=1) or name  # 农村公路养护项目年度绩效目标: the goal's period, no part of the name


#: The period of the goal a heading names after the project (xx项目年度绩效目标, xx中长期绩效目标).
_GOAL_PERIOD = re.compile(r"(?<=..)(?:本年度|年度|当年|中长期|实施期)$")
#: The period a goal label names after a generic word (专项|年度, 项目|总体, 本专项|实施期).
_PERIOD_WORD = re.compile(r"(?:年度|本年度|当年|中长期|中期|长期|实施期|总体|整体)$")


def _generic_with_period(name: str) -> bool:
    """Is a name a generic word and a period (专项年度, 转移支付年度, 本专项实施期) — a label's words?"""
    rest = _PERIOD_WORD.sub("", name, count=1)
    if rest == name:
        return False
    rest = rest.removeprefix("本")
    return not rest or rest in _GENERIC_NAMES or rest in ("资金", "专项资金", "转移支付资金")


def heading_label(text: str) -> str | None:
    """The form field a heading line labels once its enumerator is off (``(一)中长期绩效目标`` →
    ``period_goal``), or None."""
    text = _ENUMERATOR.sub("", re.sub(r"\s+", "", text or "")[:40])
    return form_label_of(text)[0] if text else None


#: A column header naming a place (county, town, village, street office …): bounded, anchored.
_PLACE_NAME = re.compile(r"^.{1,20}?(?:省|市|区|县|旗|盟|州|镇|乡|村|街道|街道办|办事处|社区|嘎查|苏木|农场|林场)$")
#: A group header over per-place value columns (区域目标值, 各地目标值, 分地区指标值).
_VALUE_GROUP = re.compile(r"^.{0,8}(?:目标值|指标值)$")


def is_place_name(text: str) -> bool:
    """Does a column header name a place (新罗区, 笏石街道办, 西坪镇尧山村)?"""
    return bool(_PLACE_NAME.match(re.sub(r"\s+", "", text or "")[:40]))


def is_value_group(text: str) -> bool:
    """Is a header a value group that may stand over per-place columns (区域目标值, 年度指标值)?"""
    return bool(_VALUE_GROUP.match(re.sub(r"\s+", "", text or "")[:40]))


#: A year heading a column (2021年, 2022 年度) and a column heading that splits a block (按收入性质分).
_YEAR_HEADING = re.compile(r"^(?:19|20)\d{2}\s*+年度?$")
_SPLIT_HEADING = re.compile(r"^按.{1,10}分类?$")
#: A stamp's or signature's place left as printed: (盖章), （公章）, 签字.
_STAMP_PLACE = re.compile(r"^[（(]?\s*+(?:盖章|公章|签章|签字|签名)\s*+[)）]?$")
_SQUEEZE = re.compile(r"[\s:：*]+")
#: Fields whose header words are no value of a form's head (一级指标, 说明, 项 目) — unlike 长期 or 年度, which
#: head value columns and are values too (项目口径 | 长期).
_COLUMN_HEADINGS = frozenset({"level1", "level2", "name", "extra", "project", "weight", "score", "measure_unit",
                              "deviation_reason"})


def no_field_pair(label: str, value: str) -> bool:
    """Is a label | value pair of a form's or department table's head no field at all, though it reads
    like one: the label again (年 | 年, two year columns left blank), two headings side by side (2021年 |
    2022 年, 按收入性质分 | 按支出性质分, 上年度安排资金 | 本年度申请资金, 内容 | 说明, 项目资金申请(万元) | 项 目),
    a label awaiting its value (预算执行率权重 | 项目经办人电话:), or a stamp's place (填报单位 | (盖章))? Kept,
    such pairs were printed on the reports as fields of their own."""
    label, value = _SQUEEZE.sub("", label), value.strip()
    squeezed = _SQUEEZE.sub("", value)
    if squeezed == label or _STAMP_PLACE.match(value) or value.endswith((":", "：")):
        return True
    if _YEAR_HEADING.match(label) and _YEAR_HEADING.match(value):
        return True
    if _SPLIT_HEADING.match(label) and _SPLIT_HEADING.match(value):
        return True
    if len(squeezed) > 10 or any(ch.isdigit() for ch in squeezed):
        return False
    parallel = len(label) <= 10 and label[-2:] == squeezed[-2:] and not any(ch.isdigit() for ch in label)
    return parallel or (field_of(value) in _COLUMN_HEADINGS and field_of(label) is None)
