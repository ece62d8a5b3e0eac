"""The grade vocabulary of qualitative actuals (定性指标的实际完成情况), as data.

财预〔2020〕10号 grades a qualitative indicator 达成年度指标 / 部分达成年度指标并具有一定效果 /
未达成年度指标且效果较差. Real 自评表 seldom write these words: they write a grade word
(已完成, 基本完成, 未完成) or a *degree* (程度较高, 效果显著, 效果一般, 较差 …). Both are read here:

- ``BAND_WORDS``: words that name the grade itself, tried in the order 未达成, 部分达成, 达成.
- ``DEGREES``: degree words on one ordinal scale, 0 较差 … 4 显著 (``DEGREE_NAMES``); the grade of
  a degree is *relative to the degree the target asks for* (``grade_of``): the actual's degree at or
  above the target's is 达成, below it 部分达成 (具有一定效果), 较差 (0) 未达成. A target naming no
  degree asks for the plain result, ``PLAIN_TARGET`` (较高 / 较好): 程度较高 meets 加大文物保护,
  效果一般 is 部分达成, 效果较差 未达成; 较高 against a target of 显著 is 部分达成.
  The scale follows the provinces' four-step wording of the same bands (好 / 较好 / 一般 / 较差,
  and the total's 优 / 良 / 中 / 差 at 90 / 80 / 60 %): 一般 and 中 sit in 60–80 %, 较差 and 差 below 60 %.
- ``MAGNITUDE``: degrees that say *how much* (高, 较大 …): for a reverse indicator (costs,
  complaints) a high amount is not a good result, so they are not read there; nor is any degree of
  a clause naming something bad (``NEGATIVE_SUBJECTS``: 差距较大, 问题突出, 问题不大).

Every pattern is a plain alternation of literal words (linear); texts are cut to 200 characters.
"""

from __future__ import annotations

import re
import unicodedata

#: Grade words, tried in this order (the first band whose pattern matches wins).
BAND_WORDS: tuple[tuple[str, str], ...] = (
    ("未达成", r"未达|未完成|未实现|未按|不符合|不合格|不达标|不满意|差$|^差|^否|无效|没有"),
    ("部分达成", r"部分|基本|大部分|多数"),
    ("达成", r"达成|达到|完成|实现|符合|合格|达标|^是$|满意|有效|按时|已"),
)

DEGREE_NAMES = ("较差", "一般", "较高", "高", "显著")

#: Degree words and their rank on the scale (0 较差 … 4 显著). Longer words sharing a start win
#: (较明显 is 3, not the 明显 inside it); negated degrees (不明显) are 0.
DEGREES: dict[str, int] = {
    **dict.fromkeys(("较差", "很差", "极差", "不明显", "不显著", "不佳", "欠佳", "不理想", "不高", "不大",
                     "不好", "较弱", "甚微", "不够", "不及格"), 0),
    **dict.fromkeys(("一般", "有所", "有一定", "一定", "逐步", "初步", "稍有", "略有", "中等", "尚可", "及格"), 1),
    **dict.fromkeys(("较高", "较好", "较强", "较大", "较优", "较为良好", "比较好", "比较高"), 2),
    **dict.fromkeys(("良好", "优质", "较显著", "较明显", "较为显著", "较为明显", "较大幅度", "很大", "很强",
                     "高质量", "高效"), 3),
    **dict.fromkeys(("显著", "明显", "很高", "极高", "非常高", "十分高", "很好", "非常好", "十分好", "优秀",
                     "优异", "突出", "大幅度", "大幅", "大大", "极大", "圆满", "高度"), 4),
}
#: Words holding a degree word that are no degree (一般公共预算, 中等职业学校, 初步设计, 高质量发展): matched
#: first (they start at the same place and are longer) and ignored.
NOT_DEGREES = ("一般公共", "一般性", "一般债", "一般纳税", "一般项目", "中等职业", "初步设计", "高质量发展")
#: A clause naming something bad (差距较大, 问题突出, 压力很大, 成本较高, 问题不大) states its size, not the
#: result's degree: its degree words are not read.
NEGATIVE_SUBJECTS = ("差距", "偏差", "误差", "难度", "压力", "问题", "困难", "风险", "矛盾", "不足", "损失", "投诉",
                     "事故", "隐患", "成本", "费用", "阻力", "负担")
#: One character that is a degree only as a whole clause (高, 程度高, 效果好, 质量优): inside
#: words it means something else (提高, 好转, 优化, 中心).
BARE: dict[str, int] = {"差": 0, "中": 1, "良": 2, "高": 3, "好": 3, "优": 4}
#: Degrees of an amount, not of a result: not read for a reverse indicator.
MAGNITUDE = frozenset(("不高", "不大", "较高", "较大", "很大", "很高", "极高", "非常高", "十分高", "比较高",
                       "较大幅度", "大幅度", "大幅", "极大", "高", "突出"))
#: Words of manner that qualify a change (进一步提高, 持续改善): a degree only before a verb of change.
MANNER: dict[str, int] = dict.fromkeys(("进一步", "持续", "稳步", "全面", "切实", "有效", "不断"), 2)
#: The degree a target asks for when it names none (加大文物保护, 群众满意).
PLAIN_TARGET = 2

_MAX_TEXT = 200
_BANDS = tuple((band, re.compile(words)) for band, words in BAND_WORDS)
_DEGREE_RE = re.compile("|".join(re.escape(w) for w in sorted((*DEGREES, *NOT_DEGREES), key=len, reverse=True)))
_NEGATIVE_RE = re.compile("|".join(NEGATIVE_SUBJECTS))
# a bare degree closing its clause, alone or after its subject (程度高, 效果好, 满意度高, 质量优); 中 only alone
_BARE_RE = re.compile(r"^[差中良高好优]$|(?<=[度果效平量况体价级])[差良高好优]$")
_CLAUSE_SPLIT = re.compile(r"[，,。；;、！!\s]")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", (text or "")[:4 * _MAX_TEXT]))[:_MAX_TEXT].rstrip("。.")


def explicit_band(text: str) -> str | None:
    """The band a text names by a grade word (未完成, 基本完成, 已完成), or None."""
    key = _key(text)
    for band, pattern in _BANDS:
        if pattern.search(key):
            return band
    return None


def degrees(text: str, reverse: bool = False) -> list[tuple[int, str]]:
    """Every degree word of a text as (rank, word), in order; magnitudes left out when ``reverse``."""
    found: list[tuple[int, str]] = []
    for clause in _CLAUSE_SPLIT.split(_key(text)):
        if not clause or _NEGATIVE_RE.search(clause):
            continue
        words = [m.group(0) for m in _DEGREE_RE.finditer(clause)]
        if not words and (bare := _BARE_RE.search(clause)):
            words = [bare.group(0)]
        found += [(DEGREES.get(w, BARE.get(w, 0)), w) for w in words if w not in NOT_DEGREES]
    return [(rank, word) for rank, word in found if not (reverse and word in MAGNITUDE)]


def target_degree(target: str, reverse: bool = False) -> tuple[int, str] | None:
    """The degree a target asks for (its highest positive degree word), or None (the plain result)."""
    asked = [d for d in degrees(target, reverse) if d[0] > 0]
    return max(asked) if asked else None


def grade_of(target: str, actual: str, reverse: bool = False) -> tuple[str, str] | None:
    """(band, why) of a qualitative actual against its target, or None when no grade can be read.

    A grade word decides first (未达成 before 部分达成: 基本完成 is partial); then the actual's
    weakest degree against the degree the target asks for; then a word of reaching (已完成).
    why: empty, or the Chinese reason a band below 达成 was given."""
    band = explicit_band(actual)
    if band in ("未达成", "部分达成"):
        return band, ""
    got = degrees(actual, reverse)
    if got:
        rank, word = min(got)
        wanted = target_degree(target, reverse)
        need, asked = wanted if wanted is not None else (PLAIN_TARGET, "")
        if rank == 0:
            return "未达成", f"实际完成情况为“{word}”（效果较差）"
        if rank >= need:
            return "达成", ""
        want = f"指标值要求“{asked}”" if asked else "指标值要求达成"
        return "部分达成", f"实际程度“{word}”低于{want}（具有一定效果）"
    return (band, "") if band is not None else None


def band_of(text: str) -> str | None:
    """The band a self-assessed actual names on its own (against a target asking for no degree)."""
    graded = grade_of("", text)
    return graded[0] if graded is not None else None
