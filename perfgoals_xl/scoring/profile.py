"""Every number of the self-evaluation (绩效自评) scoring, as one configurable profile.

Defaults follow 财预〔2020〕10号《项目支出绩效评价管理办法》 and the common provincial
项目支出绩效自评表 (docs/selfeval.md): 预算执行率 10 points, 产出 50, 效益 30, 满意度 10;
qualitative bands 80–100 % / 60–80 % / 0–60 %; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
A ``[scoring]`` table in perfgoals.toml (or ``[tool.perfgoals.scoring]``) overrides any of
them; a wrong key or type is a ConfigError (exit 2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

from perfgoals_xl.errors import PerfGoalsError

#: Qualitative bands (定性指标): the self-assessed grade → share of the weight (low, high).
DEFAULT_BANDS: dict[str, tuple[float, float]] = {
    "达成": (0.8, 1.0),  # 达成年度指标
    "部分达成": (0.6, 0.8),  # 部分达成年度指标并具有一定效果
    "未达成": (0.0, 0.6),  # 未达成年度指标且效果较差
}
#: Grades by total score (总分 → 等级), highest first: (grade, minimum score).
DEFAULT_GRADES: tuple[tuple[str, float], ...] = (("优", 90.0), ("良", 80.0), ("中", 60.0), ("差", 0.0))


class ScoringConfigError(PerfGoalsError):
    """A [scoring] setting that cannot be used (the CLI exits 2)."""


@dataclass(frozen=True)
class ScoringProfile:
    """The numbers of scoring. Shares are fractions (0.9 = 90 %), weights are points."""

    budget_weight: float = 10.0  # 预算执行率 分值
    output_weight: float = 50.0  # 产出指标 (成本指标 included unless cost_weight is set)
    benefit_weight: float = 30.0  # 效益指标
    satisfaction_weight: float = 10.0  # 满意度指标
    cost_weight: float | None = None  # 成本指标's own share (taken out of nothing: set the others to fit)
    bands: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_BANDS))
    grades: tuple[tuple[str, float], ...] = DEFAULT_GRADES
    #: A late time target loses this share of its weight per started late_period_days.
    late_share_per_period: float = 0.1
    late_period_days: int = 30
    far_beyond: float = 1.5  # actual ≥ 150 % of a positive target: target set too low
    execution_reason_below: float = 0.9  # 执行率 below 90 % needs a reason
    score_tolerance: float = 0.05  # claimed 得分 vs recomputed
    weight_tolerance: float = 0.01  # weights adding up

    def level1_weights(self) -> dict[str, float]:
        """Default points per level-1 code: 1 产出, 2 效益, 3 满意度, 4 成本 (when it has its own share)."""
        out = {"1": self.output_weight, "2": self.benefit_weight, "3": self.satisfaction_weight}
        if self.cost_weight is not None:
            out["4"] = self.cost_weight
        return out

    def grade(self, total: float) -> str:
        """The grade (优/良/中/差) of a total score out of 100."""
        for name, minimum in self.grades:
            if total >= minimum - 1e-9:
                return name
        return self.grades[-1][0]


_NUMBER_KEYS = {"budget_weight", "output_weight", "benefit_weight", "satisfaction_weight", "cost_weight",
                "late_share_per_period", "far_beyond", "execution_reason_below", "score_tolerance",
                "weight_tolerance"}
_LIMITS: dict[str, tuple[float, float]] = {
    "budget_weight": (0, 100), "output_weight": (0, 100), "benefit_weight": (0, 100),
    "satisfaction_weight": (0, 100), "cost_weight": (0, 100), "late_share_per_period": (0, 1),
    "late_period_days": (1, 366), "far_beyond": (1, 1000), "execution_reason_below": (0, 1),
    "score_tolerance": (0, 100), "weight_tolerance": (0, 100),
}


def _number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ScoringConfigError(f"{where} 应为数字，实际为 {value!r}")
    if not low <= value <= high:
        raise ScoringConfigError(f"{where} = {value} 超出范围 {low:g}–{high:g}")
    return float(value)


def profile_from_dict(data: Any, *, source: str = "配置") -> ScoringProfile:
    """A ScoringProfile from the keys of a [scoring] table; unknown keys or bad values raise."""
    if data is None:
        return ScoringProfile()
    if not isinstance(data, dict):
        raise ScoringConfigError(f"{source}：scoring 应为表，如 [scoring] budget_weight = 10")
    known = {f.name for f in fields(ScoringProfile)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ScoringConfigError(f"{source}：scoring 中未知的配置项 {', '.join(unknown)}（可用：{', '.join(sorted(known))}）")
    changes: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{source}: scoring.{key}"
        if key in _NUMBER_KEYS:
            changes[key] = _number(value, where, *_LIMITS[key])
        elif key == "late_period_days":
            changes[key] = int(_number(value, where, *_LIMITS[key]))
        elif key == "bands":
            changes[key] = _bands(value, where)
        elif key == "grades":
            changes[key] = _grades(value, where)
    return replace(ScoringProfile(), **changes)


def _bands(value: Any, where: str) -> dict[str, tuple[float, float]]:
    if not isinstance(value, dict) or set(value) != set(DEFAULT_BANDS):
        raise ScoringConfigError(f"{where} 应为表，键为 {'、'.join(DEFAULT_BANDS)}，值为 [下限, 上限]（如 [0.8, 1.0]）")
    out = {}
    for name, pair in value.items():
        if not isinstance(pair, list) or len(pair) != 2:
            raise ScoringConfigError(f"{where}.{name} 应为 [下限, 上限]，实际为 {pair!r}")
        low, high = (_number(x, f"{where}.{name}", 0, 1) for x in pair)
        if low > high:
            raise ScoringConfigError(f"{where}.{name}：下限 {low:g} 大于上限 {high:g}")
        out[name] = (low, high)
    return out


def _grades(value: Any, where: str) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict) or not value:
        raise ScoringConfigError(f"{where} 应为表，如 {{ 优 = 90, 良 = 80, 中 = 60, 差 = 0 }}")
    pairs = [(str(k), _number(v, f"{where}.{k}", 0, 100)) for k, v in value.items()]
    return tuple(sorted(pairs, key=lambda p: -p[1]))
