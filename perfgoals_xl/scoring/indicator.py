"""Score one indicator (绩效指标得分): target value, actual value (实际完成值), weight (分值).

- 定量, positive (≥ > = 不低于): min(actual / target, 1) × weight; target ≤ 0: full when actual ≥ target.
- 定量, reverse (≤ < 不高于, costs, complaints …): full when actual ≤ target, else target / actual × weight;
  target ≤ 0: full only when actual ≤ target.
- Time targets (dates, deadlines, periods): full when met by the date; each started
  ``late_period_days`` late loses ``late_share_per_period`` of the weight.
- 定性: an actual equal to the target text scores full; otherwise the grade written picks
  the band (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %), or the degree written against the
  degree the target asks for (``scoring/grades.py``); a claimed 得分 inside the band is the
  user's share, one outside is clamped into it (and reported: PG-E08).
- Compound targets (签约率提高1%X体检率提高2%): each sub-target at an equal share, matched to the
  actual by its name (``scoring/compound.py``); the admissible range is the sum of the parts'.
- An actual marked 不适用 leaves the indicator out (the rest is rescaled to 100).
- A scoring sheet's row (绩效评价评分表: no target, no actual printed, ``model.scoring_sheet``): the
  claimed 得分 is the score, admissible from 0 to the weight (:func:`claimed_score`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from perfgoals_xl.caches import file_cache
from perfgoals_xl.model import Value
from perfgoals_xl.scoring.compound import Part, match_actual, names_any, numeric, split_target
from perfgoals_xl.scoring.dates import days_late, is_year_only
from perfgoals_xl.scoring.grades import DEGREES, MAGNITUDE, MANNER, degrees, grade_of
from perfgoals_xl.scoring.profile import ScoringProfile
from perfgoals_xl.scoring.zero_count import zero_count
from perfgoals_xl.values import MONEY_PER_WAN, parse_value

NOT_APPLICABLE = "不适用"
_TIME_KINDS = ("deadline", "date", "period")
_NUMERIC_KINDS = ("number", "percent")
MAX_RATIO = 1e6  # ratios beyond this are reported as this (bounded numbers)


@dataclass(frozen=True)
class Scored:
    """The score of one indicator at its weight, and why it is what it is.

    points: 得分 at the weight; share: points / weight; method: positive / reverse / time /
    qualitative / equal / missing / not_applicable / unit_mismatch / unreadable / claimed; note: a
    Chinese explanation (why it is not full); band: the qualitative band used; ratio:
    actual / target of a positive quantitative target; band_violation: a claimed share
    outside its band (clamped).
    """

    points: float
    share: float
    method: str
    note: str = ""
    band: str | None = None
    ratio: float | None = None
    band_violation: bool = False
    #: The points a claimed 得分 may take and still agree with the rules (a qualitative band's
    #: range at the weight); None: exactly ``points``.
    low: float | None = None
    high: float | None = None

    @property
    def admissible(self) -> tuple[float, float]:
        """(lowest, highest) 得分 that agrees with the rules: a band's range, else the points."""
        return (self.points if self.low is None else self.low, self.points if self.high is None else self.high)

    @property
    def missing(self) -> bool:
        """No actual value was given."""
        return self.method == "missing"

    @property
    def not_applicable(self) -> bool:
        """Marked 不适用: left out of the total."""
        return self.method == "not_applicable"


@file_cache(1024)  # asked ~7 times an indicator, of its target and actual, on each of its scorings
def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).rstrip("。.")


#: Words that say the same statement was reached (保障了正常运转, 已保障正常运转 against 保障正常运转).
_REACHED = re.compile(r"了|^已经|^已")
#: A statement that none of something happened (零事故, 无事故, 未发生事故, 0事故): its thing after the word.
_NONE_OF = re.compile(r"^(?:零|无|没有|未发生|未出现|0)(?:发生)?(?P<thing>\S{1,20})$")


#: Within a bound, as a target asks it and as an actual states it (≤预算 | 未超预算, 控制在预算内 | 未超出预算).
_WITHIN_TARGET = re.compile(r"^(?:≤|<=|不超过|不超出|不高于|控制在)(?P<thing>\S{1,20}?)(?:以内|之内|范围内|内)?$")
_WITHIN_ACTUAL = re.compile(r"^(?:已|均)?(?:未超(?:过|出)?|没有超(?:过|出)?|不超过|不超出|控制在|在)(?P<thing>\S{1,20}?)"
                            r"(?:以内|之内|范围内|内)?$")


#: Words an actual says "none" with, read against a target of 0 (0起 | 无).
_NONE_WORDS = frozenset({"无", "没有", "零", "未发生"})
#: Words for "on time" a target and its actual use one for the other (按时 | 及时).
_ON_TIME = frozenset({"按时", "及时", "按期", "如期", "准时", "按时完成", "及时完成", "按期完成", "如期完成"})


def _same_statement(target: str, actual: str) -> bool:
    """Does the actual state the target as reached (保障了正常运转, 已保障正常运转 against 保障正常运转; 及时
    against 按时), none of the same thing (无事故 against 零事故), or within the same bound (未超预算 against ≤预算)?"""
    t, a = _key(target), _key(actual)
    if t and _REACHED.sub("", a) == _REACHED.sub("", t):
        return True
    if t in _ON_TIME and _REACHED.sub("", a) in _ON_TIME:
        return True
    nt, na = _NONE_OF.match(t), _NONE_OF.match(a)
    if nt is not None and na is not None and nt.group("thing") == na.group("thing"):
        return True
    wt, wa = _WITHIN_TARGET.match(t), _WITHIN_ACTUAL.match(a)
    return wt is not None and wa is not None and wt.group("thing") == wa.group("thing")


#: A rate target this high read against an actual written as a fraction (0.96 against ≥95%: a cell typed
#: without its % format): the fraction is the rate.
_RATE_AS_FRACTION = 50.0


def as_percent(target: Value, actual: Value) -> Value:
    """The actual as a percentage when the target is a rate of at least 50% and the actual a bare number
    between 0 and 1 (0.96 → 96%); else the actual as it is."""
    if (target.kind != "percent" or target.number is None or target.number < _RATE_AS_FRACTION
            or actual.kind != "number" or actual.unit or actual.number is None or not 0 < actual.number <= 1):
        return actual
    return Value(raw=actual.raw, kind="percent", operator=actual.operator, operator_text=actual.operator_text,
                 number=actual.number * 100, number_text=f"{actual.number * 100:g}", text=actual.text)


#: A magnitude written with or without 元 (24亿 against ≥1亿元) is the same unit.
_MAGNITUDES = frozenset({"万", "亿", "千", "百万", "千万", "万亿"})


#: Spellings of one unit (the key the others compare as).
_SAME_UNIT = {"m2": "平方米", "㎡": "平方米", "平方": "平方米", "m3": "立方米", "立方": "立方米", "km": "公里",
              "千米": "公里", "kg": "公斤", "千克": "公斤", "t": "吨", "人次": "人", "户次": "户", "km2": "平方公里"}
#: A count per year (次/年, 人/年度, 每年…) read in a year's self-evaluation is the year's count.
_PER_YEAR = re.compile(r"^(?:每年)?(?P<unit>[^/]{1,6}?)(?:/(?:年|年度|每年))?$")


def _unit_key(unit: str) -> str:
    """A unit's key for comparing a target with its actual: 元 dropped after a magnitude (亿元 → 亿), one
    spelling for ㎡ / m2 / 平方米 and the like, 人次 as 人, and a count per year (次/年) as the count (次)."""
    key = _key(unit)
    if key.endswith("元") and key[:-1] in _MAGNITUDES:
        return key[:-1]
    m = _PER_YEAR.match(key)
    key = m.group("unit") if m else key
    return _SAME_UNIT.get(key.lower(), key)


def is_reverse(target: Value, direction: str | None) -> bool:
    """Reverse (反向, smaller is better): as written (正向/反向), else from the operator (≤ <)."""
    if direction in ("正向", "反向"):
        return direction == "反向"
    return target.operator in ("≤", "<")


def _result(points: float, weight: float, method: str, note: str = "", **kw: object) -> Scored:
    points = max(0.0, min(points, weight))
    share = points / weight if weight > 0 else 1.0
    return Scored(points=points, share=share, method=method, note=note, **kw)  # type: ignore[arg-type]


#: Why a scoring sheet's claim is the score (PG-E06 says it beside a claim out of range).
CLAIMED_NOTE = "评价评分表不重算得分，自评得分应在 0 至分值之间"


def claimed_score(claimed: float | None, weight: float, *, bonus: bool = False) -> Scored:
    """A row of an evaluation scoring sheet (分值 | 评分标准 | 自评得分, no 指标值 and no 实际完成值):
    nothing to recompute from, the claimed 得分 is the score — within 0 and the weight (a claim
    outside them is clamped and PG-E06 reports it); no claim earns 0. bonus: the row's own scoring
    rule awards points beyond its 分值 (…的，加1分，最多加2分), so a claim above the weight is admissible."""
    weight = max(0.0, float(weight)) if math.isfinite(weight) else 0.0
    points = float(claimed) if claimed is not None and math.isfinite(claimed) else 0.0
    note = CLAIMED_NOTE if claimed is not None else "未填自评得分，得 0 分"
    high = max(weight, points) if bonus else weight
    return _result(points, weight, "claimed", note, low=0.0, high=high)


#: A scoring rule awarding bonus points (加1分, 最多加2分, 加分项): the 分值 is no ceiling of the claim.
_BONUS = re.compile(r"加\s{0,2}\d{1,2}(?:\.\d{1,2})?\s{0,2}分|加分")


def awards_bonus(texts: Iterable[str]) -> bool:
    """Does a row's scoring rule (指标说明, 评分标准 …) award points beyond the 分值?"""
    return any(_BONUS.search(text[:500]) for text in texts)


def _fmt(x: float) -> str:
    return f"{x:.4g}" if abs(x) < 1e15 else f"{x:.3e}"


def score_value(target: Value, actual: Value | None, weight: float, direction: str | None = None,
                profile: ScoringProfile | None = None, *, claimed: float | None = None,
                time_like: bool = False, nature: str | None = None) -> Scored:
    """The score of one indicator: target (年度指标值), actual (实际完成值), weight (分值).

    nature: 指标性质 as written; 定性 scores by band even when the values hold numbers.
    """
    profile = profile or ScoringProfile()
    weight = max(0.0, float(weight)) if math.isfinite(weight) else 0.0
    if actual is not None and NOT_APPLICABLE in actual.raw:
        return Scored(points=0.0, share=0.0, method="not_applicable", note="不适用，不计分")
    if actual is not None and actual.raw.strip() and _key(actual.raw) == _key(target.raw):
        return _result(weight, weight, "equal", band="达成")  # (无 against 无: none, as the target asked)
    if actual is not None and target.kind == "number" and target.number == 0 and _key(actual.raw) in _NONE_WORDS:
        return _result(weight, weight, "equal", band="达成")  # 0起 against 无: none, as the target asked
    if actual is None or actual.kind == "empty":
        return _result(0.0, weight, "missing", "未填实际完成值，得 0 分")
    parts = split_target(target.raw)
    if parts is not None and names_any(parts, actual.raw):  # else the actual speaks of the whole (全部达成)
        return _compound(parts, actual, weight, direction, profile, claimed)
    actual = zero_count(target, actual) or actual  # 无上访 against 小于5次: the count 0
    if target.kind in _TIME_KINDS or target.kind == "qualitative" or (
            time_like and (actual.kind in ("date", "deadline", "period")
                           or (is_year_only(target.raw) and is_year_only(actual.raw)))):
        late = days_late(target.text or target.raw, actual.text or actual.raw)
        if late is not None:
            return _time(late, weight, profile)
    partial = (comparative_band(target.raw, actual.raw, is_reverse(target, direction))
               or direction_band(target.raw, actual.raw))
    if partial is not None:
        why = "" if partial == "达成" else f"指标值“{target.raw[:20]}”要求的程度高于实际“{actual.raw[:20]}”"
        return _banded(partial, weight, profile, claimed, why)
    qualitative = (nature or "").strip().startswith("定性")
    if (not qualitative and target.kind in _NUMERIC_KINDS and target.number is not None
            and actual.number is not None):
        return _quantitative(target, as_percent(target, actual), weight, direction, profile)
    return _qualitative(target, actual, weight, profile, claimed, is_reverse(target, direction))


def _compound(parts: list[Part], actual: Value, weight: float, direction: str | None, profile: ScoringProfile,
              claimed: float | None) -> Scored:
    """A compound target (签约率提高1%X体检率提高2%): every sub-target scored at an equal share of the
    weight, matched to the actual by its name; the admissible range is the sum of the parts'. An
    actual that cannot be cut by the names unambiguously is not judged (unreadable, 0)."""
    names = "、".join(p.name for p in parts)
    got = match_actual(parts, actual.raw)
    if got is None:
        return _result(0.0, weight, "unreadable",
                       f"复合指标（{names}）的实际完成值“{actual.raw[:30]}”无法按子目标逐项对应，无从计分，得 0 分")
    share = weight / len(parts)
    scored = [_sub_score(t, a, share, direction, profile) for t, a in zip(parts, got, strict=True)]
    bad = next((p.name for p, s in zip(parts, scored, strict=True) if s.method in ("unreadable", "unit_mismatch")), None)
    if bad is not None:  # one part not judged: the indicator is not (its unit or grade cannot be compared)
        why = next(s.note for s in scored if s.method in ("unreadable", "unit_mismatch"))
        return _result(0.0, weight, "unreadable", f"复合指标（{names}）的子目标“{bad}”无从计分（{why}），得 0 分")
    low, high = sum(s.admissible[0] for s in scored), sum(s.admissible[1] for s in scored)
    points = sum(s.points for s in scored)
    if claimed is not None and math.isfinite(claimed) and high - low > 1e-9:
        points = min(max(claimed, low), high)  # inside the parts' ranges: the table's own share
    each = "；".join(f"{p.name} {_span(s)}/{share:.4g}" + (f"（{s.band}）" if s.low is not None and s.band else
                                                             f"（{s.note}）" if s.note else "")
                     for p, s in zip(parts, scored, strict=True))
    note = "" if points >= weight - 1e-9 else (
        f"复合指标 {len(parts)} 项，各占分值 1/{len(parts)}（{share:.4g} 分）：{each}")
    at = {"low": low, "high": high} if high - low > 1e-9 else {}
    return _result(points, weight, "compound", note, **at)


def _span(s: Scored) -> str:
    low, high = s.admissible
    return f"{low:.4g}–{high:.4g}" if high - low > 1e-9 else f"{s.points:.4g}"


def _sub_score(target: Part, actual: Part, weight: float, direction: str | None, profile: ScoringProfile) -> Scored:
    """One sub-target: a change asked for (提高2%) against the change made (下降1%: the other way,
    0), else the part scored as any value."""
    if target.change == 0:
        return score_value(parse_value(target.value), parse_value(actual.value), weight, direction, profile)
    if actual.change == 0 or not numeric(actual):
        if numeric(actual):
            return _result(0.0, weight, "unreadable", f"{actual.name}实际“{actual.value}”没有写明变化方向（提高/下降）")
        return score_value(parse_value(f"{'提高' if target.change > 0 else '下降'}{target.value}"),
                           parse_value(actual.value), weight, direction, profile)
    t, a = parse_value(target.value), parse_value(actual.value)
    if (t.unit or "") != (a.unit or ""):
        return _result(0.0, weight, "unit_mismatch",
                       f"{actual.name}实际单位“{a.unit or ''}”与指标值单位“{t.unit or ''}”不一致，无法比较")
    want, made = float(t.number or 0.0), float(a.number or 0.0) * (1 if actual.change == target.change else -1)
    if want <= 0:
        return _result(weight if made >= want else 0.0, weight, "positive",
                       "" if made >= want else f"{actual.name}实际变化与目标方向相反，得 0 分")
    ratio = made / want
    if ratio >= 1:
        return _result(weight, weight, "positive", ratio=ratio)
    verb = "提高" if target.change > 0 else "下降"
    if ratio <= 0:
        return _result(0.0, weight, "positive", f"目标{verb} {t.raw}，实际反向变化 {a.raw}，得 0 分", ratio=ratio)
    return _result(ratio * weight, weight, "positive", f"目标{verb} {t.raw}，实际 {a.raw}，完成 {ratio:.1%}", ratio=ratio)


def _time(late: int, weight: float, profile: ScoringProfile) -> Scored:
    if late <= 0:
        return _result(weight, weight, "time")
    periods = -(-late // profile.late_period_days)
    share = max(0.0, 1.0 - periods * profile.late_share_per_period)
    return _result(share * weight, weight, "time",
                   f"晚于时限 {late} 天（每迟 {profile.late_period_days} 天扣 "
                   f"{profile.late_share_per_period:.0%} 分值），得分比例 {share:.0%}")


def _quantitative(target: Value, actual: Value, weight: float, direction: str | None,
                  profile: ScoringProfile) -> Scored:
    t, a = float(target.number), float(actual.number)  # type: ignore[arg-type]
    if not (math.isfinite(t) and math.isfinite(a)):
        return _result(0.0, weight, "unreadable", "数值无法比较，得 0 分")
    ft, fa = MONEY_PER_WAN.get(_key(target.unit or "")), MONEY_PER_WAN.get(_key(actual.unit or ""))
    if ft is not None and fa is not None:
        a = a * float(fa / ft)  # 1.2万元 against ≥10000元: the same money in another magnitude, in the target's unit
    elif target.unit and actual.unit and _unit_key(target.unit) != _unit_key(actual.unit):
        return _result(0.0, weight, "unit_mismatch",
                       f"实际完成值单位“{actual.unit}”与指标值单位“{target.unit}”不一致，无法比较，得 0 分")
    if is_reverse(target, direction):
        if a <= t:
            return _result(weight, weight, "reverse")
        if t <= 0:
            return _result(0.0, weight, "reverse", f"反向指标目标为 {_fmt(t)}，实际 {_fmt(a)} 超出，得 0 分")
        share = t / a
        return _result(share * weight, weight, "reverse",
                       f"反向指标：实际 {_fmt(a)} 高于目标 {_fmt(t)}，得分 = 目标/实际 × 分值 = {share:.1%}")
    if t <= 0:
        ok = a >= t
        return _result(weight if ok else 0.0, weight, "positive", "" if ok else f"实际 {_fmt(a)} 低于目标 {_fmt(t)}，得 0 分")
    ratio = min(a / t, MAX_RATIO) if a > 0 else max(a / t, -MAX_RATIO)
    if ratio >= 1:
        return _result(weight, weight, "positive", ratio=ratio)
    share = max(ratio, 0.0)
    return _result(share * weight, weight, "positive",
                   f"实际 {_fmt(a)} 低于目标 {_fmt(t)}，完成 {share:.1%}，得分 = 实际/目标 × 分值", ratio=ratio)


def _qualitative(target: Value, actual: Value, weight: float, profile: ScoringProfile, claimed: float | None,
                 reverse: bool = False) -> Scored:
    graded = grade_of(target.raw, actual.raw, reverse)
    if graded is None and actual.kind == "percent" and actual.number is not None and actual.number >= 100:
        graded = ("达成", "")  # a text target met in full: 控制在预算内 → 100%
    if graded is None and _same_statement(target.raw, actual.raw):
        graded = ("达成", "")  # the target stated as reached (保障了正常运转), none of its thing (无事故 / 零事故)
    if graded is None:
        return _result(0.0, weight, "unreadable",
                       f"实际完成情况“{actual.raw[:30]}”无法判定等级（应与指标值相同，或写明 达成/部分达成/未达成），得 0 分")
    return _banded(graded[0], weight, profile, claimed, graded[1])


def _banded(band: str, weight: float, profile: ScoringProfile, claimed: float | None, why: str = "") -> Scored:
    """A score by band: the claimed 得分 when it lies in the band, else the band's nearest end.

    Every band is a range of the weight (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %): a claimed
    得分 inside it agrees with the rules, one outside is reported with the range (PG-E08)."""
    low, high = profile.bands[band]
    lead = f"{why}，" if why else ""
    at = {"low": low * weight, "high": high * weight}
    if claimed is None or weight <= 0 or not math.isfinite(claimed):
        share = high if band == "达成" else low
        note = "" if share >= 1 and not why else (
            f"{lead}定性指标{band}：按档次 {low:.0%}–{high:.0%} 计 {share:.0%}（自评得分可在档内填写）")
        return _result(share * weight, weight, "qualitative", note, band=band, **at)
    share = claimed / weight
    if low - 1e-9 <= share <= high + 1e-9:
        note = "" if share >= 1 - 1e-9 and not why else (
            f"{lead}定性指标{band}：自评得分占分值 {share:.0%}（档次 {low:.0%}–{high:.0%}）")
        return _result(claimed, weight, "qualitative", note, band=band, **at)
    inside = min(max(share, low), high)
    return _result(inside * weight, weight, "qualitative",
                   f"{lead}定性指标{band}：自评得分占分值 {share:.0%}，不在档次 {low:.0%}–{high:.0%} 内，按 {inside:.0%} 计",
                   band=band, band_violation=True, **at)


_VERBS = ("改善", "提高", "提升", "增强", "增加", "加强", "降低", "下降", "减少", "优化", "好转", "缓解", "扩大", "完善")
_CHANGE = re.compile("|".join(_VERBS))
#: A degree or manner word right before a verb of change (明显改善, 显著提升, 进一步提高, 有所提升 …).
_QUALIFIERS = {w: r for w, r in {**DEGREES, **MANNER}.items() if r > 0}
_DEGREE = re.compile("(" + "|".join(re.escape(w) for w in sorted(_QUALIFIERS, key=len, reverse=True))
                     + ")(?:地)?(" + "|".join(_VERBS) + ")")
#: A change named without a degree (改善, 提升) counts as this degree (有所).
_BARE_CHANGE = 1


def _change_rank(actual: str, verb: str, reverse: bool) -> int:
    """The degree of the change an actual states: the word before the verb, else any degree word
    of the text (改善明显), else a bare change (有所)."""
    ranks = [_QUALIFIERS[m.group(1)] for m in _DEGREE.finditer(actual) if m.group(2) == verb]
    if ranks:
        return min(ranks)
    stated = [r for r, _ in degrees(actual, reverse) if r > 0]
    return min(stated) if stated else _BARE_CHANGE


def comparative_band(target: str, actual: str, reverse: bool = False) -> str | None:
    """The band of an actual against a comparative target (明显改善, 显著提升 …) that names the
    same change: 达成 with the degree asked for or a higher one (明显改善了, 改善明显), 未达成 when
    negated (未改善), 部分达成 when the change came with a lower degree or none (改善, 有所改善, 较大
    改善 against 明显改善); None when the target is not comparative, the actual names no such change,
    or it holds a number (scored as a number)."""
    t, a = _key(target)[:200], _key(actual)[:200]
    wanted = _DEGREE.search(t)
    if wanted is None or not a or any(ch.isdigit() for ch in a):
        return None
    word, verb = wanted.group(1), wanted.group(2)
    if verb not in {m.group(0) for m in _CHANGE.finditer(a)}:
        return None
    if re.search(r"(?:未|没有|不)(?:明显|显著)?" + verb, a):
        return "未达成"
    need = _QUALIFIERS[word] if not (reverse and word in MAGNITUDE) else _BARE_CHANGE
    return "达成" if _change_rank(a, verb, reverse) >= need else "部分达成"


_UP = re.compile(r"增|提高|提升|超|上升|高于|多于")
_DOWN = re.compile(r"下降|减少|降低|节约|节省|压减|低于|少于")
_NEGATED = re.compile(r"未|没有|不")


def direction_band(target: str, actual: str) -> str | None:
    """达成 for a target asking for a change without a number (增加, 超上年度, 水电费开支有下降)
    met by an actual that states the same change with its amount (增372人次, 增收27万元, 减少0.1万元);
    None otherwise (no direction, both directions, a negation, or no amount)."""
    t, a = _key(target)[:200], _key(actual)[:200]
    if not a or any(ch.isdigit() for ch in t) or not any(ch.isdigit() for ch in a) or _NEGATED.search(a):
        return None
    wants_up, wants_down = _UP.search(t) is not None, _DOWN.search(t) is not None
    if wants_up == wants_down:
        return None
    got_up, got_down = _UP.search(a) is not None, _DOWN.search(a) is not None
    if got_up == got_down:
        return None
    return "达成" if got_up == wants_up else None
