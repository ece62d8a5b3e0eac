"""Which level an indicator's own name points to, by its words: 验收合格率 a 质量指标, 维修次数 a 数量指标,
补助标准 a 成本指标, 按时完成率 a 时效指标, 满意度 a 满意度指标.

Used only to settle a choice the layout leaves open (a level label centred over an even group of rows: the
row in the middle belongs to the label above or the one below), never to move an indicator the table
places. A name whose words point to two classes, or to none, settles nothing.
"""

from __future__ import annotations

import re

from perfgoals_xl import framework
from perfgoals_xl.sources.row_kinds import level_label, split_level_code

#: Words of a name → its class; the framework's level-2 codes each class covers (成本 in both frameworks).
_CLASSES: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {
    "数量": (re.compile(r"数量|次数|人数|个数|户数|件数|天数|场次|人次|台数|批次|面积|里程|长度|座数"
                      r"|(?<![指系函倍])数(?:[(（][^()（）]{0,8}[)）])?$"), frozenset({"11"})),  # (学生数, 投稿数(篇))
    "质量": (re.compile(r"合格|达标|验收|质量|准确|规范|合规|优良|完好|事故|差错|投诉"), frozenset({"12"})),
    "时效": (re.compile(r"及时|按时|准时|时限|时效|期限|完成时间|年底前|月底前"), frozenset({"13"})),
    "成本": (re.compile(r"成本|单价|补助标准|补贴标准|费用标准|控制数"), frozenset({"14", "41"})),
    "满意度": (re.compile(r"满意"), frozenset({"31"})),
}
_LONGEST = 60  # (a name longer than this is a sentence: no class read from it)


#: A text led by the level-2 it is of (``经济效益指标：完成初中学历教育…``, older department tables).
_LED_BY_LEVEL = re.compile(r"([^:：,，。；;]{2,12}指标)\s{0,3}[:：]")


def name_codes(name: str) -> frozenset[str]:
    """The framework level-2 codes an indicator's name points to (a text led by a framework 二级指标 name
    and a colon: that one); empty when its words point to no class or to more than one."""
    if name and (led := _LED_BY_LEVEL.match(name)) and (level2 := framework.level2_by_name(led[1])) is not None:
        return frozenset({level2.code})
    if not name or len(name) > _LONGEST:
        return frozenset()
    found = [codes for pattern, codes in _CLASSES.values() if pattern.search(name)]
    return found[0] if len(found) == 1 else frozenset()


def label_codes(label: str, level: str) -> frozenset[str]:
    """The level-2 codes a printed level label stands for: a 二级指标 its own code, a 一级指标 its children's."""
    text = split_level_code(level_label(label)[0])[1]
    if level == "level2":
        found = framework.level2_by_name(text)
        return frozenset({found.code}) if found is not None else frozenset()
    upper = framework.level1_by_name(text)
    return frozenset(child.code for child in upper.children) if upper is not None else frozenset()


def settle_by_name(name: str, options: tuple[str, str], level: str, *, strict: bool = False) -> str | None:
    """Of two level labels a row may belong to, the one the indicator's name points to; None when the name
    points to both, to neither or to no class. ``strict``: also None when either label is none of the
    framework's (管理指标: what it holds is unknown, so a fit of the other is no evidence against it) — for
    overturning how a whole column reads; a tie between two groups takes the one label that fits."""
    codes = name_codes(name)
    if not codes:
        return None
    known = [label_codes(option, level) for option in options]
    if strict and not all(known):
        return None  # (a label of the table's own, 管理指标: the framework says nothing of what it holds)
    fits = [option for option, of in zip(options, known, strict=True) if codes & of]
    return fits[0] if len(fits) == 1 else None
