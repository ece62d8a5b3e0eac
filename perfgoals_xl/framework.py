"""The official indicator framework (绩效指标体系): level-1 and level-2 names and codes.

Codes are as printed in Guangzhou tables (1-产出指标 / 11-数量指标 …); the 2021
regime's level-1 成本指标 has no printed code, so 4 / 41-43 are accepted
(docs/sources.md §2). Levels are matched by **name first**,
with the code as confirmation; the 指标 suffix, full/half-width punctuation and
older name variants (社会公众或服务对象满意度指标, 环境效益指标) are accepted.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Level2:
    """A level-2 indicator class (二级指标)."""

    code: str
    name: str  # canonical name with the 指标 suffix, e.g. 经济效益指标
    parent: str  # level-1 code


@dataclass(frozen=True)
class Level1:
    """A level-1 indicator class (一级指标)."""

    code: str
    name: str  # canonical, e.g. 产出指标
    children: tuple[Level2, ...]


def _l2(code: str, name: str) -> Level2:
    return Level2(code=code, name=name, parent=code[0])


LEVEL1: tuple[Level1, ...] = (
    Level1(
        "1",
        "产出指标",
        (
            _l2("11", "数量指标"),
            _l2("12", "质量指标"),
            _l2("13", "时效指标"),
            _l2("14", "成本指标"),
        ),
    ),
    Level1(
        "2",
        "效益指标",
        (
            _l2("21", "经济效益指标"),
            _l2("22", "社会效益指标"),
            _l2("23", "生态效益指标"),
            _l2("24", "可持续影响指标"),
        ),
    ),
    Level1("3", "满意度指标", (_l2("31", "服务对象满意度指标"),)),
    Level1(
        "4",
        "成本指标",
        (
            _l2("41", "经济成本指标"),
            _l2("42", "社会成本指标"),
            _l2("43", "生态环境成本指标"),
        ),
    ),
)

#: Older or regional spellings → canonical level-2 code.
LEVEL2_ALIASES: dict[str, str] = {
    "社会公众或服务对象满意度": "31",
    "服务对象满意": "31",
    "满意度": "31",
    "环境效益": "23",
    "生态环境效益": "23",
    "可持续影响": "24",
    "可持续发展": "24",
    "可持续性影响": "24",
    "可持续性发展影响": "24",  # 浙江 项目库: 可持续性发展影响指标
    "可持续发展影响": "24",
    "经济成本": "41",
    "社会成本": "42",
    "生态环境成本": "43",
    "生态成本": "43",
    # older provincial forms (广东 2019) list the budget control under 产出, where 成本 (14) stands now
    "预算(或投资规模)控制": "14",
    "预算控制": "14",
    "投资规模控制": "14",
    # older evaluation and target forms (2015–2018: 项目产出 | 产出数量 / 产出质量 / 产出时效 / 产出成本)
    "产出数量": "11",
    "产出质量": "12",
    "产出时效": "13",
    "产出成本": "14",
    # the class by its quality's noun (时效性指标, 及时性指标; 满意程度): the same class
    "时效性": "13",
    "及时性": "13",
    "满意程度": "31",
}

LEVEL1_ALIASES: dict[str, str] = {
    "产出": "1",
    "预期产出": "1",  # older provincial forms (东莞 2019): 预期产出指标 | 效果指标
    "产出目标": "1",
    "效益": "2",
    "效果": "2",
    "预期效果": "2",
    "效益目标": "2",
    "满意度": "3",
    "服务对象满意度": "3",
    "社会公众或服务对象满意度": "3",  # the 2015 level-2 name printed as a level-1
    "成本": "4",
    # the older 投入/产出/效果 templates (福建 2017 专项, before 财预〔2015〕88号 took hold): 投入 holds the
    # 成本目标 (the money put in), which the 2021 framework classes as 成本指标; 成效 (海南 2016: 产出指标 |
    # 成效指标 | 效率指标) is the older word for 效益. Their classes end in 目标 (数量目标): _OLDER_SUFFIX
    "投入": "4",
    "成效": "2",
    # the 共性 evaluation framework's words for the two target classes (项目决策 | 项目管理 | 项目产出 |
    # 项目效益), printed in some regions' 自评表 beside target values
    "项目产出": "1",
    "项目效益": "2",
}

#: Level-1 words of the evaluation framework (财预〔2020〕10号 共性指标框架: 决策 / 过程 / 产出 / 效益;
#: the older 投入 / 过程 / 产出 / 效果 and 项目决策 / 项目管理; some regions' 产出 / 效果 / 影响力, 影响力 holding
#: 长效管理 and the like): a region's template may print them beside
#: the target classes (投入指标 | 资金到位率, 过程指标 | 资金使用合规性). Their rows are the template's,
#: not a misfiled class.
_EVALUATION_LEVEL1 = frozenset({"投入", "过程", "决策", "管理", "项目投入", "项目过程", "项目决策", "项目管理",
                                "影响力", "项目影响力"})

#: 产出指标, and 产出值 / 数量值 as some counties print levels, 产出类指标 / 效益类 as others do.
_SUFFIX = re.compile(r"类?(?:指标|值)$|(?<=\S{2})类$")
#: The framework code printed before a class name (1-产出指标, 11-数量指标, 31-服务对象满意度指标).
_CODE_PREFIX = re.compile(r"^\d{1,2}-(?=\D)")
#: A template's trailing 等 (服务对象满意度指标等: "such as"): an annotation, not part of the name.
_ETC = re.compile(r"(?<=\S)等$")


@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """Fold width (NFKC), drop spaces and a trailing 指标 — the key used to compare names.

    Cached: a table repeats the same few level names on every row."""
    text = unicodedata.normalize("NFKC", name or "")
    text = re.sub(r"\s+", "", text)
    text = _CODE_PREFIX.sub("", text)  # 1-产出指标, 11-数量指标: a system export printing the class's code
    text = text.strip("()（）")
    return _SUFFIX.sub("", _ETC.sub("", text))


_LEVEL1_BY_CODE = {lv.code: lv for lv in LEVEL1}
_LEVEL2_BY_CODE = {c.code: c for lv in LEVEL1 for c in lv.children}
_LEVEL1_BY_KEY = {normalise_name(lv.name): lv for lv in LEVEL1}
_LEVEL1_BY_KEY.update({k: _LEVEL1_BY_CODE[v] for k, v in LEVEL1_ALIASES.items()})
_LEVEL2_BY_KEY = {normalise_name(c.name): c for c in _LEVEL2_BY_CODE.values()}
_LEVEL2_BY_KEY.update({normalise_name(k): _LEVEL2_BY_CODE[v] for k, v in LEVEL2_ALIASES.items()})
# 成本指标 as a level-2 name belongs to 产出 (14); as a level-1 name to 4.
_LEVEL2_BY_KEY["成本"] = _LEVEL2_BY_CODE["14"]


def evaluation_level1(name: str | None) -> bool:
    """Is this level-1 name one of the evaluation framework's (投入指标, 过程指标, 项目决策 …)?"""
    key = normalise_name(name or "")
    return key in _EVALUATION_LEVEL1 or (_older_key(key) or "") in _EVALUATION_LEVEL1


def level1_by_code(code: str | None) -> Level1 | None:
    """The level-1 class with this printed code, or None."""
    return _LEVEL1_BY_CODE.get(unicodedata.normalize("NFKC", code or "").strip())


def level2_by_code(code: str | None) -> Level2 | None:
    """The level-2 class with this printed code, or None."""
    return _LEVEL2_BY_CODE.get(unicodedata.normalize("NFKC", code or "").strip())


#: The older templates' word for a class (投入目标, 数量目标, 社会效益目标): 目标 where the framework says
#: 指标. Tried only when the name is no class as written (an indicator named 年度目标 stays a name).
_OLDER_SUFFIX = "目标"


def _older_key(key: str) -> str | None:
    """A name ending in 目标 without it (数量目标 → 数量), or None."""
    return key[: -len(_OLDER_SUFFIX)] if len(key) > len(_OLDER_SUFFIX) and key.endswith(_OLDER_SUFFIX) else None


def level1_by_name(name: str | None) -> Level1 | None:
    """The level-1 class whose name (or accepted variant) this is, or None."""
    key = normalise_name(name or "")
    found = _LEVEL1_BY_KEY.get(key)
    if found is None and (older := _older_key(key)) is not None:
        found = _LEVEL1_BY_KEY.get(older)
    return found


def level2_by_name(name: str | None, level1_code: str | None = None) -> Level2 | None:
    """The level-2 class whose name (or variant) this is; 成本 resolves by its parent; a compound
    name of older frameworks (社会、经济、生态效益指标) resolves to its first part (compound_level2)."""
    key = normalise_name(name or "")
    if level1_code == "4" and key in {"经济成本", "社会成本", "生态环境成本", "生态成本"}:
        return _LEVEL2_BY_KEY[key]
    if level1_code == "4" and key == "成本目标":
        return _LEVEL2_BY_CODE["41"]  # an older template's 投入 | 成本目标: the budget, the 2021 经济成本
    found = _LEVEL2_BY_KEY.get(key)
    if found is None and (older := _older_key(key)) is not None:
        found = _LEVEL2_BY_KEY.get(older)
    if found is None and level1_code:
        for child in _LEVEL1_BY_CODE.get(level1_code, LEVEL1[0]).children:
            if normalise_name(child.name) == key:
                return child
    if found is None and satisfaction_level2(key):
        found = _LEVEL2_BY_CODE["31"]
    if found is None:
        parts = compound_level2(name)
        found = parts[0] if parts else None
    return found


#: Longest "whose satisfaction" before 满意度 in a level-2 name (服务对象, 社会公众, 受益群众 …).
_MAX_SATISFIED = 8
#: Characters of a phrase about something (群众对政府工作满意度: an indicator's name, not a class).
_PHRASE_MARKS = frozenset("对的和与及、，,/;；0123456789%")


def satisfaction_level2(key: str) -> bool:
    """Is this (normalised) level-2 name the framework's one satisfaction class, written the way a
    region prints it: 服务对象满意度, 社会公众满意度, 群众满意度, 受益群众满意度, 受益对象满意度 …
    (whose satisfaction, a few characters, then 满意度)? A phrase about something (群众对政府工作
    满意度) or a compound (…和…满意度) is not."""
    if not key.endswith("满意度"):
        return False
    who = key[: -len("满意度")].replace("对象", "")
    return 0 < len(who) <= _MAX_SATISFIED and not (_PHRASE_MARKS & set(who))  # (对象满意度: a part of a name)


#: Separators of a compound level-2 name (社会、经济、生态效益 / 经济和社会效益); not 或, which the
#: older single name 社会公众或服务对象满意度 holds.
_COMPOUND_JOIN = re.compile(r"[、，,/;；及和与]")
#: Words a compound 效益 name is made of when written without separators (经济社会效益).
_BENEFIT_WORDS = ("生态环境", "经济", "社会", "生态", "环境")


@functools.lru_cache(maxsize=1024)
def compound_level2(name: str | None) -> tuple[Level2, ...]:
    """The level-2 classes a compound name of older frameworks joins, all under one level-1
    (社会、经济、生态效益指标 → 社会效益, 经济效益, 生态效益; 数量、质量指标 → 数量, 质量); () when
    the name is not such a compound (a single known name, or parts that are not all level-2 names)."""
    key = normalise_name(name or "")
    if not key or len(key) > 30 or key in _LEVEL2_BY_KEY:
        return ()
    parts = [p for p in _COMPOUND_JOIN.split(key) if p]
    if len(parts) < 2:
        parts = _benefit_words(key)
    if len(parts) < 2:
        return ()
    last = parts[-1]
    found: list[Level2] = []
    for part in parts:
        level = _LEVEL2_BY_KEY.get(part)
        for i in range(1, len(last)):  # a bare part borrows the last part's tail: 社会 + 效益
            if level is not None:
                break
            level = _LEVEL2_BY_KEY.get(part + last[i:])
        if level is None:
            return ()
        found.append(level)
    classes = tuple(dict.fromkeys(found))
    return classes if len(classes) >= 2 and len({level.parent for level in classes}) == 1 else ()


def _benefit_words(key: str) -> list[str]:
    """经济社会效益 → [经济, 社会效益]; [] when the name is not 效益 words run together."""
    if not key.endswith("效益"):
        return []
    rest, words = key[:-2], []
    while rest:
        word = next((w for w in _BENEFIT_WORDS if rest.startswith(w)), None)
        if word is None:
            return []
        words.append(word)
        rest = rest[len(word):]
    return [*words[:-1], words[-1] + "效益"] if len(words) >= 2 else []


def resolve_level1(code: str | None, name: str | None) -> Level1 | None:
    """Resolve a written level-1 (name first, code as fallback when the name is absent)."""
    return level1_by_name(name) if name else level1_by_code(code)


def resolve_level2(code: str | None, name: str | None, level1_code: str | None = None) -> Level2 | None:
    """Resolve a written level-2 (name first, code as fallback when the name is absent)."""
    return level2_by_name(name, level1_code) if name else level2_by_code(code)


def level1_names() -> list[str]:
    """Canonical level-1 names in framework order (for dropdowns)."""
    return [lv.name for lv in LEVEL1]


def level2_names(level1_name: str) -> list[str]:
    """Canonical level-2 names under a level-1 name (for dependent dropdowns)."""
    lv = level1_by_name(level1_name)
    return [c.name for c in lv.children] if lv else []
