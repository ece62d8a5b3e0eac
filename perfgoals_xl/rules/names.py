"""Short Chinese names of the rules (规则名称), for labels where a sentence does not fit:
the summary's chart and pivot headers. The full definition is each rule's ``doc.what``."""

from __future__ import annotations

RULE_NAMES: dict[str, str] = {
    "PG-S01": "指标无法解析",
    "PG-S02": "指标序号不连续",
    "PG-S03": "一级指标不规范",
    "PG-S04": "二级指标不匹配",
    "PG-S05": "指标内容缺失",
    "PG-S06": "模板占位未改",
    "PG-S07": "指标名称重复",
    "PG-S08": "日期成了数字",
    "PG-S09": "全半角或空格混用",
    "PG-S10": "金额列为推断",
    "PG-S11": "读取说明",
    "PG-S12": "指标名称按体系规范",
    "PG-A01": "总计不等于分项之和",
    "PG-A02": "合计与明细不符",
    "PG-A03": "金额格式不规范",
    "PG-A04": "有资金无目标",
    "PG-C01": "绩效目标缺失或过短",
    "PG-C02": "缺少产出指标",
    "PG-C03": "缺少效益指标",
    "PG-C04": "缺少满意度指标",
    "PG-C05": "缺少成本指标",
    "PG-C06": "缺少数量指标",
    "PG-C07": "指标过少",
    "PG-Q01": "数量指标无数字",
    "PG-Q02": "指标值缺单位",
    "PG-Q03": "两个指标值单位不同",
    "PG-Q04": "两个指标值符号不同",
    "PG-Q05": "比率不是百分数",
    "PG-Q06": "百分数超出范围",
    "PG-Q07": "百分数≥100%",
    "PG-Q08": "定性值含糊",
    "PG-Q09": "指标值是描述",
    "PG-Q10": "时效指标形式不对",
    "PG-Q11": "成本指标形式不对",
    "PG-Q12": "满意度值不规范",
    "PG-K01": "年度值大于周期值",
    "PG-K02": "单年项目两值不同",
    "PG-K03": "比率放在数量指标下",
    "PG-K04": "满意度指标归类错",
    "PG-K05": "指标方向矛盾",
    "PG-K06": "目标未被指标覆盖",
    "PG-K07": "权重合计不对",
    "PG-K08": "效益指标雷同",
    "PG-E01": "缺实际完成值或执行数",
    "PG-E02": "未达成未说明原因",
    "PG-E03": "执行率低未说明",
    "PG-E04": "完成值远超目标",
    "PG-E05": "完成值单位不同",
    "PG-E06": "得分与重算不符",
    "PG-E07": "分值合计不对",
    "PG-E08": "定性得分不合档次",
    "PG-E09": "总分与得分之和不符",
    "PG-E10": "预算执行栏不一致",
    "PG-E11": "一级指标分值不符",
    "PG-D01": "部门总目标缺失",
    "PG-D02": "部门资金不平衡",
    "PG-D03": "部门缺少指标",
}


def rule_name(code: str) -> str:
    """The short Chinese name of a rule ('' for an unknown code)."""
    return RULE_NAMES.get(code, "")


def rule_label(code: str) -> str:
    """Code and short name together, e.g. 'PG-Q03 两个指标值单位不同'."""
    name = rule_name(code)
    return f"{code} {name}" if name else code
