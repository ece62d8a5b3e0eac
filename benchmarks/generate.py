"""Generate large, realistic 项目支出绩效目标表 for benchmarks (reusable by every benchmark).

    from benchmarks.generate import generate_table
    table = generate_table(10_000, seed=1)   # ~80,000 indicators

or, from the command line, a folder of example department files (published-text layout):

    python benchmarks/generate.py --out examples_big --files 600

Projects have 4–12 indicators drawn from the official framework (产出 / 效益 / 满意度,
sometimes 成本), names and values in the forms real tables use (counts with units,
percentages, deadlines, grades, standards), long goals (60–200 characters), amounts
that add up, and a realistic share of the defects reviewers find (missing units,
vague values, 率 under 数量, operators that differ …), so that checking does real work.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal
from pathlib import Path

from perfgoals_xl.model import Amounts, FundUnit, Indicator, Location, PerfTable, Project
from perfgoals_xl.values import parse_value

_L1 = {"1": "产出指标", "2": "效益指标", "3": "满意度指标", "4": "成本指标"}
_L2 = {"11": "数量指标", "12": "质量指标", "13": "时效指标", "14": "成本指标", "21": "经济效益",
       "22": "社会效益", "23": "生态效益", "24": "可持续影响", "31": "服务对象满意度", "41": "经济成本指标"}

_SUBJECTS = ["培训", "调研报告", "宣传活动", "设备维护", "档案整理", "督查检查", "信息报送", "会议保障",
             "课题研究", "系统运维", "车辆保障", "慰问走访", "应急演练", "政策宣讲", "数据采集", "评审论证"]
_UNITS = ["人次", "场", "篇", "次", "台", "份", "项", "个", "件", "期"]
_QUALITY = ["验收合格率", "资料归档完整率", "系统正常运行率", "数据准确率", "问题整改率", "设备完好率"]
_TIME = ["按时完成率", "问题响应及时率", "资金拨付及时率"]
_DEADLINES = ["10月底前", "12月31日前", "2024年12月31日前", "6月底前", "3个工作日内", "24小时内"]
_BENEFIT = ["服务企业项目对接数量", "群众办事等候时间", "政策知晓率", "信息安全事件发生次数",
            "办公环境改善程度", "长效管理机制", "社会公众认可度", "节能减排量"]
_SATISFACTION = ["服务对象满意度", "参训人员满意度", "群众满意度", "企业满意率"]
_GOAL_PARTS = ["保障本单位日常运转和各项业务工作顺利开展", "完成年度{s}任务{n}{u}", "提高{s}工作的质量和效率",
               "确保各类设施设备正常运行，保证信息安全", "进一步加强{s}管理，提升服务水平",
               "为社会公众提供优质高效的公共服务", "推动{s}工作规范化、制度化、常态化",
               "按照上级要求落实{s}相关工作，接受社会监督"]
_DEPTS = ["广州市某某局", "某区财政局", "某市教育局", "某区卫生健康局", "某市交通运输局"]


def _amount(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(50, 500_000)) / 100


def _indicator(rng: random.Random, seq: int, l2: str, line: int, used: set[str]) -> Indicator:
    """One indicator of class l2, with a realistic (sometimes defective) pair of values."""
    subject = rng.choice(_SUBJECTS)
    defect = rng.random() < 0.12
    if l2 == "11":
        name = f"{subject}数量" if rng.random() < 0.7 else f"{subject}人次"
        n = rng.randint(1, 5000)
        unit = rng.choice(_UNITS)
        value = f"{n}" if defect else f"{rng.choice(['', '≥', '不少于'])}{n}{unit}"
        period = value if rng.random() < 0.9 else f"{n * rng.randint(1, 3)}{unit}"
        if defect and rng.random() < 0.3:
            name = f"{subject}完成率"
            period = value = "100%"
    elif l2 == "12":
        name = rng.choice(_QUALITY)
        value = f"{rng.choice(['≥', ''])}{rng.choice([90, 95, 98, 100])}%"
        if defect:
            value = rng.choice(["较好", "合格", "符合要求", "良好", "100"])
        period = value
    elif l2 == "13":
        if rng.random() < 0.5:
            name, value = rng.choice(_TIME), rng.choice(["100%", "≥95%", "≥98%"])
        else:
            name, value = f"{subject}完成时间", rng.choice(_DEADLINES)
        if defect:
            value = rng.choice(["及时", "按时", "44561"])
        period = value
    elif l2 in ("14", "41"):
        name = f"{subject}成本"
        value = f"≤{rng.randint(1, 300)}{rng.choice(['万元', '元/人', '元/次'])}"
        period = value
    elif l2.startswith("2"):
        name = rng.choice(_BENEFIT)
        if rng.random() < 0.8:
            name = subject + name
        if "率" in name:
            value = f"≥{rng.choice([80, 85, 90, 95])}%"
        elif "次数" in name:
            value = "0次"
        elif "时间" in name:
            value = f"≤{rng.randint(5, 30)}分钟"
        else:
            value = rng.choice(["有效提升", "逐步完善", "显著", "建立健全", "好"])
        if defect:
            value = name
        period = value
    else:
        name = rng.choice(_SATISFACTION)
        value = f"{rng.choice(['≥', ''])}{rng.choice([85, 90, 95, 100])}%"
        period = value if not defect else value.lstrip("≥") + "以上"
    while name in used:  # real tables seldom repeat a name inside one project
        name = rng.choice(_SUBJECTS) + name
    used.add(name)
    l1 = l2[0]
    return Indicator(
        seq=seq, level1_code=l1, level1=_L1[l1], level2_code=l2, level2=_L2[l2], name=name,
        period_value=parse_value(period), annual_value=parse_value(value),
        location=Location(file="generated.txt", line=line),
    )


def _indicator_classes(rng: random.Random) -> list[str]:
    """The 二级指标 codes of one project's 4–12 indicators, in order (数量/质量/时效/社会效益/满意度
    always among them)."""
    k = rng.randint(4, 12)
    classes = ["11", "12", "13", "22", "31"]
    classes += rng.choices(["11", "12", "13", "21", "22", "23", "24", "14", "31"], k=max(0, k - len(classes)))
    rng.shuffle(classes)
    return classes[:k]


#: One project's 绩效指标 as a published table writes it: five indicators, one per 一级/二级 pair
#: a small benchmark needs (bench_entry, bench_forms).
SAMPLE_ITEMS = ("1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12；年度指标值:12篇。"
                "2、1-产出指标；12-质量指标；合格率；实施周期指标值:≥95%；年度指标值:≥95%。"
                "3、1-产出指标；13-时效指标；完成时间；实施周期指标值:10月底前；年度指标值:10月底前。"
                "4、2-效益指标；22-社会效益；服务水平；实施周期指标值:明显提高；年度指标值:有所提高。"
                "5、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:≥90%；年度指标值:≥90%。")


def _goal(rng: random.Random) -> str:
    parts = rng.sample(_GOAL_PARTS, rng.randint(2, 5))
    text = "，".join(p.format(s=rng.choice(_SUBJECTS), n=rng.randint(2, 300), u=rng.choice(_UNITS)) for p in parts)
    return text + "。"


def generate_table(n_projects: int, seed: int = 0, *, units: int | None = None) -> PerfTable:
    """A table of n_projects projects (4–12 indicators each) in ~n/40 fund units; amounts add up."""
    rng = random.Random(seed)
    n_units = units or max(1, n_projects // 40)
    table = PerfTable(department=rng.choice(_DEPTS), source="generated.txt", layout="generated",
                      location=Location(file="generated.txt", line=1))
    line = 10
    for u in range(n_units):
        table.units.append(FundUnit(name=f"{table.department}第{u + 1}资金使用单位",
                                    location=Location(file="generated.txt", line=line)))
    for n in range(n_projects):
        unit = table.units[n % n_units]
        line += 1
        fiscal = _amount(rng)
        other = _amount(rng) if rng.random() < 0.2 else None
        total = fiscal + (other or 0)
        project = Project(
            name=f"{rng.choice(_SUBJECTS)}专项经费{n + 1}", goal=_goal(rng),
            amounts=Amounts(total=total, fiscal=fiscal, other=other),
            location=Location(file="generated.txt", line=line),
        )
        used: set[str] = set()
        for seq, l2 in enumerate(_indicator_classes(rng), 1):
            line += 1
            project.indicators.append(_indicator(rng, seq, l2, line, used))
        unit.projects.append(project)
    for unit in table.units:
        unit.amounts = Amounts(
            total=sum((p.amounts.total or Decimal(0) for p in unit.projects), Decimal(0)),
            fiscal=sum((p.amounts.fiscal or Decimal(0) for p in unit.projects), Decimal(0)),
            other=sum((p.amounts.other or Decimal(0) for p in unit.projects), Decimal(0)) or None,
        )
    table.amounts = Amounts(
        total=sum((u.amounts.total or Decimal(0) for u in table.units), Decimal(0)),
        fiscal=sum((u.amounts.fiscal or Decimal(0) for u in table.units), Decimal(0)),
        other=sum((u.amounts.other or Decimal(0) for u in table.units), Decimal(0)) or None,
    )
    return table


#: Columns of a provincial long-format export (one indicator per row, project fields repeated).
LONGFORM_HEADER = ["资金使用单位", "项目名称", "总计", "财政拨款", "其他资金", "绩效目标", "一级指标", "二级指标",
                   "三级指标", "实施周期指标值", "年度指标值"]


def longform_rows(n_rows: int, seed: int = 0, *, projects_per_unit: int = 40):
    """Yield n_rows long-format rows (LONGFORM_HEADER order), streamed: nothing is kept.

    The projects are those of :func:`generate_table` (4–12 indicators each); project fields
    (unit, name, amounts, goal) are repeated on every row, as database exports do.
    """
    rng = random.Random(seed)
    dept = rng.choice(_DEPTS)
    n = written = 0
    while written < n_rows:
        unit = f"{dept}第{n // projects_per_unit + 1}资金使用单位"
        fiscal = _amount(rng)
        other = _amount(rng) if rng.random() < 0.2 else None
        total = fiscal + (other or 0)
        name, goal = f"{rng.choice(_SUBJECTS)}专项经费{n + 1}", _goal(rng)
        n += 1
        used: set[str] = set()
        for seq, l2 in enumerate(_indicator_classes(rng), 1):
            if written == n_rows:
                return
            ind = _indicator(rng, seq, l2, 0, used)
            yield [unit, name, float(total), float(fiscal), None if other is None else float(other), goal,
                   ind.level1, ind.level2, ind.name, ind.period_value.raw, ind.annual_value.raw]
            written += 1


def write_longform_xlsx(path: str, n_rows: int, seed: int = 0) -> None:
    """Write a long-format .xlsx of n_rows indicator rows (XlsxWriter, constant memory).

    Values as a person types them in Excel: ``95%`` is the number 0.95 with a percent
    format, ``12`` a number; the rest text.
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    percent = wb.add_format({"num_format": "0%"})
    ws = wb.add_worksheet("项目绩效指标")
    ws.write_row(0, 0, ["项目支出绩效目标表（含转移支付项目）"])
    ws.write_row(1, 0, ["部门名称：某市教育局", None, None, None, None, None, None, None, None, None, "单位：万元"])
    ws.write_row(2, 0, LONGFORM_HEADER)
    for r, row in enumerate(longform_rows(n_rows, seed), 3):
        for c, v in enumerate(row):
            if isinstance(v, str) and c >= 9 and v[:-1].isdigit() and v.endswith("%"):
                ws.write_number(r, c, int(v[:-1]) / 100, percent)  # typed as a percentage
            elif isinstance(v, str) and c >= 9 and v.isdigit() and len(v) < 9:
                ws.write_number(r, c, int(v))  # a bare number typed as a number
            elif v is not None:
                ws.write(r, c, v)
    wb.close()


def write_folder(folder: str | Path, files: int, *, seed: int = 7, projects: tuple[int, int] = (10, 60)) -> int:
    """Write ``files`` department tables (published-text layout, 10–60 projects each) into
    ``folder`` as dept_0000.txt …; return the number of indicators. Deterministic for a seed."""
    from perfgoals_xl.sinks.published_text import published_text

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    indicators = 0
    for n in range(files):
        table = generate_table(rng.randint(*projects), seed=seed * 100_000 + n)
        indicators += sum(len(p.indicators) for p in table.projects())
        (out / f"dept_{n:04d}.txt").write_text(published_text(table), encoding="utf-8")
    return indicators


def main(argv: list[str] | None = None) -> int:
    """``python benchmarks/generate.py --out DIR --files N``: a folder of example files;
    ``python benchmarks/generate.py N``: the size of one generated table."""
    import argparse

    parser = argparse.ArgumentParser(description="生成用于测试和基准的绩效目标表")
    parser.add_argument("projects", nargs="?", type=int, default=100, help="只统计：一张表的项目数")
    parser.add_argument("--out", metavar="DIR", help="把示例文件写到此文件夹（公开文本版式）")
    parser.add_argument("--files", type=int, default=100, help="--out 时写多少个文件（默认 100）")
    parser.add_argument("--seed", type=int, default=7, help="随机种子（同一种子生成相同的文件）")
    args = parser.parse_args(argv)
    if args.out:
        if args.files < 1:
            parser.error("--files 应为正整数")
        n = write_folder(args.out, args.files, seed=args.seed)
        print(f"已写入 {args.files} 个文件（{n} 条指标）到 {args.out}")
        return 0
    t = generate_table(args.projects, seed=1)
    print(f"{len(t.projects())} 个项目，{sum(len(p.indicators) for p in t.projects())} 条指标")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
