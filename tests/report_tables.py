"""Seeded generator of realistic tables for the report tests and benchmark.

Used until benchmarks/generate.py (another helper's) exists: long goals (60–200
characters), 4–12 indicators per project with the values real tables carry
(100%, ≥95%, 12个, 10月底前, 符合, 及时、合法 …), project names up to ~30
characters, several fund units. Amounts fill 财政拨款 alone, 财政拨款 + 其他资金, or
all four columns — the patterns whose columns published text can show unambiguously.
"""

from __future__ import annotations

import random
from decimal import Decimal

from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.values import parse_value

_LEVELS = [
    ("1", "产出指标", "11", "数量指标", ["完成培训人次", "采购设备数量", "报送调研报告数量", "开展宣传活动次数",
                                    "维护信息系统数量", "发放补贴户数", "新增绿化面积"]),
    ("1", "产出指标", "12", "质量指标", ["验收合格率", "正常运行率", "资料归档完整率", "符合公务接待工作标准化规程",
                                    "配合信访维稳工作及时、合法处置", "数据准确率"]),
    ("1", "产出指标", "13", "时效指标", ["采暖补贴及时发放", "故障及时响应率", "项目完成时间", "资金拨付及时率"]),
    ("1", "产出指标", "14", "成本指标", ["单位运维成本", "人均培训费用"]),
    ("2", "效益指标", "21", "经济效益", ["带动社会投资", "以信息调研推动服务企业项目对接", "节约行政成本"]),
    ("2", "效益指标", "22", "社会效益", ["群众办事便利度提升", "驻京信访负面影响及炒作", "交通安全驾驶",
                                    "公共服务覆盖率"]),
    ("2", "效益指标", "23", "生态效益", ["污水处理达标率", "空气质量优良天数比例"]),
    ("2", "效益指标", "24", "可持续影响", ["服务人员稳定", "长效管理机制建立情况", "按标准持续发放"]),
    ("3", "满意度指标", "31", "服务对象满意度", ["服务对象满意度", "群众满意率", "省市领导及业务单位满意度"]),
]
_VALUES = ["100%", "≥95%", "95%以上", "12个", "200", "24", "10月底前", "符合", "及时、合法", "≥90%", "4辆",
           "大于等于18摄氏度", "较安全", "2024年12月31日前", "≤5%", "不低于98%", "1500人次", "3.5万元",
           "按职级标准发放", "达标", "有效提升", "0"]
_GOAL_PHRASES = [
    "保障在京政务服务、在京经济协作交流、信息调研及信访维稳工作", "高标准完成各项政务服务保障工作",
    "通过不断完善OA办公系统（含移动办公）、视频会议系统等信息化系统的运维服务质量",
    "提高信息化设备的运行维护效率", "确保信息系统及网络、主机系统、机房设备正常运行", "保证信息安全",
    "按时足额发放各项补贴，保障职工合法权益", "完成年度培训计划1500人次", "推动辖区公共服务水平持续提升",
    "落实上级部署的各项重点任务，确保资金使用规范、安全、高效", "改善办公环境及职工居住环境",
    "开展不少于12次宣传推广活动，提升政府形象", "进一步加强本单位信息化建设，更好地为社会服务",
]
_NAME_PARTS = ["驻京工作保障", "车辆租用经费", "其他运行经费", "信息化运维项目", "政务服务及外事业务保障",
               "2024-2025年", "专项", "业务培训", "公共服务能力提升", "办公设备购置", "城市管理综合执法",
               "社区卫生服务中心运行", "农村人居环境整治", "网络安全等级保护测评", "档案数字化加工"]
_UNIT_NAMES = ["广州市人民政府驻北京办事处", "广州市财政局", "广州市越秀区教育局", "广州市天河区卫生健康局",
               "广州市城市管理和综合执法局", "广州市荔湾区民政局", "广州市黄埔区科学技术局"]


def _amount(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(50, 2_000_000)) / 100


def _project_amounts(rng: random.Random) -> Amounts:
    pattern = rng.choice(["fiscal", "fiscal", "fiscal", "fiscal_other", "all"])
    fiscal = _amount(rng)
    if pattern == "fiscal":
        return Amounts(total=fiscal, fiscal=fiscal)
    other = _amount(rng)
    if pattern == "fiscal_other":
        return Amounts(total=fiscal + other, fiscal=fiscal, other=other)
    special = _amount(rng)
    return Amounts(total=fiscal + special + other, fiscal=fiscal, special=special, other=other)


def _sum_amounts(parts: list[Amounts]) -> Amounts:
    out = Amounts()
    for name in ("total", "fiscal", "special", "other"):
        values = [a.get(name) for a in parts if a.get(name) is not None]
        setattr(out, name, sum(values, Decimal(0)) if values else None)
    return out


def _goal(rng: random.Random, long: bool) -> str:
    low, high = (60, 200) if long else (20, 80)
    text = ""
    target = rng.randint(low, high)
    while len(text) < target:
        text += rng.choice(_GOAL_PHRASES) + "，"
    return text[:-1] + "。"


def _indicators(rng: random.Random, many: bool) -> list[Indicator]:
    count = rng.randint(4, 12) if many else rng.randint(1, 5)
    items = []
    for seq in range(1, count + 1):
        c1, l1, c2, l2, names = rng.choice(_LEVELS)
        name = rng.choice(names)
        if rng.random() < 0.2:
            name += "（" + rng.choice(_NAME_PARTS) + "）"
        annual = rng.choice(_VALUES)
        period = annual if rng.random() < 0.8 else rng.choice(_VALUES)
        if rng.random() < 0.05:  # a long prose value, as real tables have
            period = annual = "服务人员遵守甲方制定的安全生产、劳动纪律、操作规范、岗位责任制等各项管理规则制度"
        items.append(Indicator(seq=seq, level1_code=c1, level1=l1, level2_code=c2, level2=l2, name=name,
                               period_value=parse_value(period), annual_value=parse_value(annual)))
    return items


def make_table(n_projects: int, seed: int = 0, *, long: bool = True) -> PerfTable:
    """A table of n_projects projects spread over several fund units, reproducible from seed."""
    rng = random.Random(seed)
    n_units = max(1, min(len(_UNIT_NAMES), n_projects // 6 + 1))
    units = [FundUnit(name=name) for name in rng.sample(_UNIT_NAMES, n_units)]
    for n in range(n_projects):
        parts = rng.sample(_NAME_PARTS, rng.randint(1, 3))
        name = "".join(parts)[:30] + ("" if rng.random() < 0.7 else f"（{n + 1}）")
        units[min(n * n_units // max(n_projects, 1), n_units - 1)].projects.append(
            Project(name=name, amounts=_project_amounts(rng), goal=_goal(rng, long),
                    indicators=_indicators(rng, long)))
    units = [u for u in units if u.projects]
    for unit in units:
        unit.amounts = _sum_amounts([p.amounts for p in unit.projects])
    return PerfTable(department=units[0].name, amounts=_sum_amounts([u.amounts for u in units]),
                     units=units)
