"""S — structure and parsing (结构与解析): items, levels, empty values, placeholders,
duplicates, leaked Excel dates, text artefacts, and the importer's recorded assumptions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

from perfgoals_xl import framework
from perfgoals_xl.caches import file_cache
from perfgoals_xl.model import Spelling
from perfgoals_xl.rules.base import Doc, Hit, problems_only, rule
from perfgoals_xl.rules.facts import (
    EMPTY_KEYS,
    PLACEHOLDER,
    PLACEHOLDER_NAME,
    SPACE_IN_NUMBER,
    TIME_NAME,
    WIDE_ALNUM,
    IndicatorFacts,
    ProjectContext,
    key,
)
from perfgoals_xl.values import is_spreadsheet_error

_BASIS_101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
_BASIS_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》"
#: The last budget year drawn up under the 2015 framework: 财预〔2021〕101号 came in August 2021.
_LAST_YEAR_2015 = 2021
_LAYOUT = "公开表格的条目格式“序号、一级指标；二级指标；指标名称；实施周期指标值:…；年度指标值:…。”（docs/sources.md §5.1）"

item_unparseable = problems_only(
    "S01", "item_unparseable", "error",
    hint="按“序号、一级指标；二级指标；指标名称；实施周期指标值:…；年度指标值:…。”重写这一段，或在填报表中逐栏填写。",
    hints=(
        ("不是可用的数字", "分值、得分填一个数（如 20 或 20分，不超过 1000000）；不填分值时按一级指标分值在同级指标间平均分配。"),
        ("请补上项目名称", "在表格中加一列“项目名称”逐行填写，或在表格上方写出“xx项目绩效目标表”这样的标题，再读取。"),
        ("项目名称”为空", "在“项目名称”栏填写项目名称。"),
        ("上方没有项目名称", "在这一行（或它所属项目的第一行）的“项目名称”栏填写项目名称。"),
    ),
    doc=Doc(
        what="一段绩效指标文字在规整（去换行、统一全半角）后仍不符合指标条目格式，无法拆成一级指标、二级指标、指标名称和两个指标值。",
        why="无法解析的条目无法审核，也不会出现在生成的报表和数据中；审核人必须看到原文并要求改正。",
        bad="1、产出指标 数量指标 培训人次 200人次",
        good="1、1-产出指标；11-数量指标；培训人次；实施周期指标值:200人次；年度指标值:200人次。",
        basis=_LAYOUT,
        choices="由读取器（语法解析）记录，检查器原样报告读取器的说明和位置（文本行或单元格）。",
    ),
)


@rule(
    "S02", "item_numbering", "warning", scope="project",
    message="项目“{project}”的指标序号为 {seqs}，应为 1 至 {n} 连续、不重复",
    hint="按顺序重新编号为 1、2、3……（perfgoals 可按条目顺序自动重编号）。",
    doc=Doc(
        what="一个项目内指标条目的序号不是 1..n：不从 1 开始、有跳号、有重复或顺序颠倒。",
        why="序号错乱往往意味着漏抄、重复粘贴或两段文字被拼接，审核意见也无法按序号引用指标。",
        bad="1、…。2、…。4、…。",
        good="1、…。2、…。3、…。",
        basis=_LAYOUT,
        choices="没有序号的来源（如一行一指标的表格未填序号）不检查；只报告一次，位置指向第一个不符的条目。",
    ),
)
def item_numbering(ctx: ProjectContext) -> Iterator[Hit]:
    """Item numbers must be 1..n."""
    seqs = [f.ind.seq for f in ctx.facts]
    if not seqs or all(s is None for s in seqs):
        return
    expected = list(range(1, len(seqs) + 1))
    if seqs == expected:
        return
    first_bad = next(i for i, (s, e) in enumerate(zip(seqs, expected, strict=True)) if s != e)
    yield Hit(
        "seq", at=ctx.facts[first_bad],
        project=ctx.project.name, seqs="、".join("?" if s is None else str(s) for s in seqs),
        n=len(seqs),
    )


@rule(
    "S03", "level1_unknown", "error", scope="indicator", when=("levels",),
    message={
        "": "一级指标“{level1}”不在指标体系中（应为 产出指标、效益指标、满意度指标 或 成本指标）",
        "empty": "一级指标为空",
        "code": "一级指标代码与名称不一致：“{code}-{level1}”，代码 {code} 是“{code_name}”，名称“{level1}”是 {name_code}",
        "evaluation": "一级指标“{level1}”是评价指标体系（投入、过程、决策、管理、影响力）的，不是绩效目标的指标体系（产出、效益、满意度、成本）",
    },
    variant_severity={"evaluation": "warning"},
    hint="一级指标写为 1-产出指标、2-效益指标、3-满意度指标（成本指标按财预〔2021〕101号为一级指标）；代码和名称须对应。",
    doc=Doc(
        what="一级指标名称不是指标体系中的名称（含“指标”后缀可有可无、全半角、旧称），或写了代码且代码与名称不对应（如 2-产出指标）。",
        why="一级指标决定指标归类；归错类会让完整性检查（有无产出、效益、满意度指标）失真，也是审核“规范性”的基本要求。",
        bad="2-产出指标；11-数量指标；……",
        good="1-产出指标；11-数量指标；……",
        basis=f"{_BASIS_101}附件指标体系；广州市公开表格的代码写法（1-产出指标 … 3-满意度指标）。",
        choices="按名称识别，代码只作核对（名称为空时才用代码）；接受“社会公众或服务对象满意度指标”等旧称；"
                "项目的指标全都没有一级、二级指标（表中未列层级）时不逐条报告，由 PG-C02 作一条警告；"
                "评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值，如部门整体支出绩效评价的 决策/过程/产出/效益、规划/执行/效果/满意度 指标体系）的层级是评价指标体系的，不按绩效目标的指标体系检查；"
                "地方模板在产出、效益指标旁印有评价指标体系的一级指标（投入指标、过程指标、项目决策、项目管理）时，"
                "那是模板的规定，只作警告（其下的二级指标不再逐条报告）；有的地方评价指标体系把项目绩效分为产出、效果、影响力，"
                "印在目标表中的“影响力指标”（长效管理等）同样只作警告。",
    ),
)
def level1_unknown(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Level-1 name must be known, and agree with its code."""
    if ctx.scoring_sheet:
        return  # the evaluation framework's levels (决策, 过程 …), not the target framework's
    ind = f.ind
    name = (ind.level1 or "").strip()
    if not name and not ind.level1_code:
        if ctx.levels_given:  # a table printing no levels at all: PG-C02 says so once for the project
            yield Hit("level1", "empty")
        return
    if f.l1 is None:
        variant = "evaluation" if framework.evaluation_level1(name) else ""
        yield Hit("level1", variant, level1=name or ind.level1_code)
        return
    if ind.level1_code and name:
        by_code = framework.level1_by_code(ind.level1_code)
        if by_code is not None and by_code.code != f.l1.code:
            yield Hit("level1", "code", code=ind.level1_code, level1=name, code_name=by_code.name,
                      name_code=f"{f.l1.code}-{f.l1.name}")


@rule(
    "S04", "level2_mismatch", "error", scope="indicator", when=("levels",),
    message={
        "": "二级指标“{level2}”不在指标体系中",
        "empty": "二级指标为空",
        "none": "项目“{project}”的 {n} 条指标都没有二级指标（表中未列二级指标）：无法核对各指标的类别",
        "parent": "二级指标“{level2}”不属于一级指标“{level1}”（它属于 {parent}）",
        "code": "二级指标代码与名称不一致：“{code}-{level2}”，代码 {code} 是“{code_name}”，名称“{level2}”是 {name_code}",
        "unknown_code": "二级指标代码 {code} 不在指标体系中（名称“{level2}”是 {name_code}）",
        "compound": "二级指标“{level2}”是旧版指标体系的合并写法，现行指标体系分列为 {parts}",
        "evaluation": "二级指标“{level2}”在评价指标体系的一级指标“{level1}”下，不在绩效目标的指标体系中",
        "framework2015": "二级指标“{level2}”按财预〔2015〕88号的指标体系列在效益指标下，现行指标体系（财预〔2021〕101号）列为 {parent}",
    },
    variant_severity={"unknown_code": "warning", "compound": "warning", "evaluation": "warning",
                      "framework2015": "warning", "none": "warning"},
    hint="二级指标须是其一级指标下的类别，如 11-数量指标、12-质量指标、13-时效指标、14-成本指标、21-经济效益、22-社会效益、23-生态效益、24-可持续影响、31-服务对象满意度。",
    doc=Doc(
        what="二级指标不是其一级指标的下级（如 1-产出指标；22-社会效益），或代码与名称不对应（21-数量指标），或名称不在指标体系中；名称已知而代码未知（如 15-数量指标）只作警告。",
        why="二级指标是审核“指标是否细化”的依据；归错类会引发数量、时效、满意度等规则误判。",
        bad="1-产出指标；21-数量指标；……",
        good="1-产出指标；11-数量指标；……",
        basis=f"{_BASIS_101}附件指标体系；广州市公开表格的代码写法。",
        choices="按名称识别，代码作核对；一级指标无法识别时只检查二级名称本身是否已知（一级问题由 PG-S03 报告）；"
                "项目的指标全都没有一级、二级指标（表中未列层级）时不逐条报告，由 PG-C02 作一条警告；"
                "有一级指标而全都没有二级指标（表中只列 指标类别 | 指标名称，未列二级指标）时不逐条报告，只作一条警告；"
                "财预〔2021〕101号以前的旧版表格把同一一级指标下的几个二级指标合写为一个"
                "（如“社会、经济、生态效益指标”“数量、质量指标”），按其第一项归类，只作警告并列出现行的分列名称；"
                "评价评分表（见 PG-S03）的层级是评价指标体系的，不检查；"
                "评价指标体系的一级指标（投入指标、过程指标，见 PG-S03）下的二级指标只作警告；"
                "满意度列在效益指标下是财预〔2015〕88号的指标体系：表头或项目名称写明 2021 年及以前的预算年度时不报告，"
                "未写年度时只作警告，2022 年起按错误报告。",
    ),
)
def level2_mismatch(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Level-2 must be known, a child of its level-1, and agree with its code."""
    if ctx.scoring_sheet:
        return  # the evaluation framework's levels (目标设定, 预算执行 …)
    ind = f.ind
    name = (ind.level2 or "").strip()
    if not name and not ind.level2_code:
        if ctx.levels_given and ctx.level2_given:  # a table printing no levels at all: PG-C02 says so once
            yield Hit("level2", "empty")
        elif ctx.levels_given and f is ctx.facts[0]:  # no 二级指标 column printed: said once, a warning
            yield Hit("level2", "none", project=ctx.project.name, n=len(ctx.facts))
        return
    if f.l2 is None:
        if not framework.evaluation_level1(ind.level1):
            yield Hit("level2", level2=name or ind.level2_code)
        elif f.l1 is not None:  # 投入指标 | 资金到位率 (when 过程指标 is unknown, PG-S03 warns once)
            yield Hit("level2", "evaluation", level2=name or ind.level2_code, level1=ind.level1)
        return
    if f.l1 is not None and f.l2.parent != f.l1.code:
        parent = framework.level1_by_code(f.l2.parent)
        parent_name = f"{f.l2.parent}-{parent.name if parent else ''}"
        if f.l1.code == "2" and f.l2.code == "31":
            # the 2015 framework (财预〔2015〕88号) put 满意度 under 效益指标
            if framework.normalise_name(name) == "社会公众或服务对象满意度":
                return  # its own name for it: nothing else it could be
            year = ctx.budget_year
            if year is not None and year <= _LAST_YEAR_2015:
                return
            if year is None:
                yield Hit("level2", "framework2015", level2=name or f.l2.name, parent=parent_name)
                return
        yield Hit("level2", "parent", level2=name or f.l2.name, level1=ind.level1 or f.l1.name,
                  parent=parent_name)
        return
    compound = framework.compound_level2(name) if name else ()
    if compound:
        yield Hit("level2", "compound", level2=name, parts="、".join(f"{c.code}-{c.name}" for c in compound))
        return
    if ind.level2_code and name:
        by_code = framework.level2_by_code(ind.level2_code)
        name_code = f"{f.l2.code}-{f.l2.name}"
        if by_code is None:
            yield Hit("level2", "unknown_code", code=ind.level2_code, level2=name, name_code=name_code)
        elif by_code.code != f.l2.code:
            yield Hit("level2", "code", code=ind.level2_code, level2=name, code_name=by_code.name,
                      name_code=name_code)


@rule(
    "S05", "value_missing", "error", scope="project",
    message={
        "": "指标{seq}“{name}”的{field_label}为空（{raw}）",
        "no_period_column": "项目“{project}”的全部 {n} 条指标都没有实施周期指标值",
        "maybe_shared": "指标{seq}“{name}”的{field_label}为空：文件不带合并单元格，可能与上一条指标合并在同一格，也可能漏填",
        "spreadsheet_error": "指标{seq}“{name}”的{field_label}是“{raw}”（公式出错）：表格经过的某个文件把它当作公式"
                             "（多为以 = 开头的文字，如“=300天”），值已不在文件中，请到原表核对",
    },
    hint="填写指标名称和两个指标值；一年期项目的实施周期指标值与年度指标值相同。",
    doc=Doc(
        what="指标名称、实施周期指标值或年度指标值为空，或只有 / - — 无 等占位符。",
        why="没有指标值的指标无法评价，审核时视为目标未细化量化（完整性）。",
        bad="3、1-产出指标；12-质量指标；验收合格率；实施周期指标值:/；年度指标值:—。",
        good="3、1-产出指标；12-质量指标；验收合格率；实施周期指标值:100%；年度指标值:100%。",
        basis=f"{_BASIS_88}第十二条（审核完整性）；{_BASIS_101}。",
        choices="名称和两个值全空的行是占位行，由 PG-S06 报告，此处不重复；"
                "一个项目的实施周期指标值全部为空而年度指标值都有时（来源只有一列指标值），合并为一条；"
                "评价评分表（只列分值、评分标准和自评得分，不列指标值和实际完成值，如部门整体支出绩效评价的 决策/过程/产出/效益、规划/执行/效果/满意度 指标体系）没有指标值栏，只检查指标名称；"
                "地方模板印在评价指标体系一级指标（投入指标、过程指标、项目决策、项目管理，见 PG-S03）下的评分条目常以“—”代替指标值，也只检查指标名称；"
                "不带合并单元格的文件（CSV、粘贴的文本）中，紧接在同组有指标值的指标之下、只有名称的一行，"
                "可能是原表把一个指标值合并在两行上（合并信息已丢失），无法判定，只作警告；"
                "成本指标（社会成本、生态环境成本等）或名称是应当没有的事（安全事故、投诉、环境污染、对周边的影响）的指标，"
                "指标值写“无”是目标（没有），不是空白，不报告；"
                "指标值是电子表格的公式错误（#NAME?、#VALUE!、Err:502 等）时，原表的值在表格经过的某个文件中丢失"
                "（以 = 开头的“=300天”被当作公式），无法判定原表是否填写，也只作警告。",
    ),
)
def value_missing(ctx: ProjectContext) -> Iterator[Hit]:
    """Name and both values must be filled (a scoring sheet's name only: it prints no value column)."""
    facts = ctx.facts
    sheet = ctx.scoring_sheet
    no_period_column = not sheet and (
        len(facts) > 1
        and all(f.ind.period_value.kind == "empty" for f in facts)
        and all(f.ind.annual_value.kind != "empty" for f in facts)
    )
    if no_period_column:
        yield Hit("period_value", "no_period_column", at=facts[0], project=ctx.project.name,
                  n=len(facts))
    for f in facts:
        ind = f.ind
        if f.name and (sheet or ind.period_value.kind != "empty" and ind.annual_value.kind != "empty"):
            continue  # the common case: nothing missing
        if _is_placeholder_row(f):
            continue
        checks = [("name", ind.name, not key(ind.name) or key(ind.name) in _EMPTY_KEYS)]
        # a criterion under the evaluation framework's 投入 / 过程 / 项目决策 (PG-S03) is scored, not measured
        criterion = sheet or framework.evaluation_level1(ind.level1)
        if not no_period_column and not criterion:
            checks.append(("period_value", ind.period_value.raw, ind.period_value.kind == "empty"))
        if not criterion:
            checks.append(("annual_value", ind.annual_value.raw, ind.annual_value.kind == "empty"))
        for field, raw, empty in checks:
            if empty and field != "name" and key(raw) == "无" and _none_is_its_target(f):
                continue  # 对周边居民的影响 | 无, 安全事故 | 无: the target is none, not a value left out
            if empty and field != "name" and ind.value_maybe_shared:
                yield Hit(field, "maybe_shared", "warning", at=f, seq=ind.seq or "", name=ind.name,
                          field_label=_FIELD_CN[field])
            elif empty and field != "name" and is_spreadsheet_error(raw):
                yield Hit(field, "spreadsheet_error", "warning", at=f, seq=ind.seq or "", name=ind.name,
                          field_label=_FIELD_CN[field], raw=raw.strip())
            elif empty:
                yield Hit(field, at=f, seq=ind.seq or "", name=ind.name or "（无名称）",
                          field_label=_FIELD_CN[field], raw=f"“{raw}”" if raw.strip() else "空白")


_FIELD_CN = {"name": "指标名称", "period_value": "实施周期指标值", "annual_value": "年度指标值"}
#: Names of what a project should cause none of: 无 written as their target says so.
_HARMS = re.compile(r"事故|投诉|污染|违规|违纪|违法|负面|不良|影响|损失|损害|风险|隐患|纠纷|上访|信访|案件|舆情|差错|失误|破坏|扰民")


def _none_is_its_target(f: IndicatorFacts) -> bool:
    """Is 无 this indicator's target (none of it): a cost (成本指标: 社会成本、生态环境成本 …) or a harm
    named (安全事故, 投诉, 环境污染, 对周边居民的影响), not a value left out?"""
    return f.l1_code == "4" or (f.l2_code or "").startswith("4") or bool(_HARMS.search(f.ind.name or ""))
_EMPTY_KEYS = EMPTY_KEYS
_PLACEHOLDER = PLACEHOLDER
_PLACEHOLDER_NAME = PLACEHOLDER_NAME


def _is_placeholder_row(f: IndicatorFacts) -> bool:
    ind = f.ind
    return (not key(ind.name) or key(ind.name) in _EMPTY_KEYS) and (
        ind.period_value.kind == "empty" and ind.annual_value.kind == "empty"
    )


@rule(
    "S06", "placeholder_row", "warning", scope="indicator", when=("suspect",),
    message={
        "": "二级指标“{level2}”下是空行：没有指标名称，也没有指标值",
        "template": "{field_label}“{raw}”是模板占位内容，不是真实的指标",
    },
    hint="删除空行，或填写真实的指标名称和指标值（不要保留 XX、×× 等模板内容）。",
    doc=Doc(
        what="二级指标行下既无指标名称又无指标值（模板留下的空行），或指标名称、指标值仍是模板占位内容（XX、××、**、…、示例、请填写、待定、“指标1”等）。",
        why="空行和模板内容看起来像填了指标，实际没有任何可评价的目标，常见于照抄模板未修改的申报。",
        bad="4、1-产出指标；13-时效指标；XX；实施周期指标值:XX%；年度指标值:XX%。",
        good="4、1-产出指标；13-时效指标；项目按期完成率；实施周期指标值:100%；年度指标值:100%。",
        basis=f"{_BASIS_88}第十二条（审核完整性、可行性）。",
        choices="全空的行只报 PG-S06，不再报 PG-S05；“0”是真实数值，不算占位。",
    ),
)
def placeholder_row(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A level-2 row with nothing in it, or template placeholders as the content."""
    ind = f.ind
    if _is_placeholder_row(f):
        yield Hit("name", level2=ind.level2 or "（空）")
        return
    if not _PLACEHOLDER.search(f.text) and not _PLACEHOLDER_NAME.match(f.name):
        return
    if _PLACEHOLDER_NAME.match(f.name) or _PLACEHOLDER.search(ind.name or ""):
        yield Hit("name", "template", field_label="指标名称", raw=ind.name)
        return
    for field, value in f.values:
        if _PLACEHOLDER.search(value.raw):
            yield Hit(field, "template", field_label=_VALUE_FIELD_CN[field], raw=value.raw)


_VALUE_FIELD_CN = {"values": "指标值", "period_value": "实施周期指标值", "annual_value": "年度指标值"}
_PUNCT = re.compile(r"[\s，,。.、；;：:！!？?（）()“”\"'‘’\-—－–]+")


@file_cache(65536)
def _without_punctuation(name: str) -> str:
    return _PUNCT.sub("", name)



@rule(
    "S07", "duplicate_indicator", "warning", scope="project",
    message={
        "": "指标“{name}”在本项目中重复：第 {first} 条和第 {seq} 条",
        "department": "指标“{name}”在部门整体绩效指标中重复：第 {first} 条和第 {seq} 条",
    },
    hint="合并重复的指标，或把名称写得能区分两项内容（如分别写明对象或范围）。",
    doc=Doc(
        what="同一项目内两条指标的名称规整后相同（忽略全半角、空格和标点）。",
        why="重复指标多为复制粘贴遗留，会重复计分，也说明目标未真正细化。",
        bad="1、…；报送调研报告数量；…。5、…；报送调研报告数量；…。",
        good="1、…；报送调研报告数量；…。5、…；报送政策动态信息数量；…。",
        basis=f"{_BASIS_88}第十二条（审核完整性、适当性）。",
        choices="每个重复出现报告一次（指向后出现的那条），一级、二级不同但名称相同也算重复。",
    ),
)
def duplicate_indicator(ctx: ProjectContext) -> Iterator[Hit]:
    """The same normalised indicator name twice in one project."""
    seen: dict[str, IndicatorFacts] = {}
    for f in ctx.facts:
        norm = _without_punctuation(f.name)
        if not norm:
            continue
        first = seen.get(norm)
        if first is None:
            seen[norm] = f
            continue
        yield Hit("name", at=f, name=f.ind.name, first=first.ind.seq or "?", seq=f.ind.seq or "?")


_EXCEL_EPOCH = date(1899, 12, 30)


@rule(
    "S08", "excel_serial_date", "warning", scope="indicator", when=("time",),
    message="{field_label}“{raw}”像是 Excel 日期序列号（{number} = {date}），应写成日期",
    hint="写成日期或期限，如“{date_cn}前”；在 Excel 中把单元格格式设为文本后重新输入。",
    doc=Doc(
        what="时间类指标（13-时效指标，或名称含 时间/日期/时限/期限/截止 等）的值是 30000–60000 之间、没有单位的整数。",
        why="从 Excel 复制日期时常常只剩序列号（44561 = 2021-12-31），表格发布后读者无法理解。",
        bad="1、1-产出指标；13-时效指标；项目完成时间；实施周期指标值:44561；年度指标值:44561。",
        good="1、1-产出指标；13-时效指标；项目完成时间；实施周期指标值:2021年12月31日前；年度指标值:2021年12月31日前。",
        basis="docs/sources.md §3（Excel 日期序列号误作数字）；[seen] 公开表格中出现的序列号。",
        choices="只看时间类指标，避免把 40000 件之类的数量误判为日期；千分位写法（44,561）同样识别。",
    ),
)
def excel_serial_date(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A time-like value that is an Excel date serial."""
    if f.l2_code != "13" and not TIME_NAME.search(f.name):
        return
    for field, value in f.values:
        if value.kind != "number" or value.unit or value.number is None:
            continue
        number = value.number
        if number.is_integer() and 30000 <= number <= 60000 and "." not in (value.number_text or ""):
            d = _EXCEL_EPOCH + timedelta(days=int(number))
            yield Hit(field, field_label=_VALUE_FIELD_CN[field], raw=value.raw, number=int(number),
                      date=d.isoformat(), date_cn=f"{d.year}年{d.month}月{d.day}日")


_SPELLING_FIELDS = ("seq_sep", "l1_dash", "sep1", "l2_dash", "sep2", "sep3", "period_label", "sep4",
                    "annual_label")
_DEFAULT_SPELLING = Spelling()
_DEFAULT_SPELLING_FIELDS = vars(_DEFAULT_SPELLING)
_WIDE_ALNUM = WIDE_ALNUM
_SPACE_IN_NUMBER = SPACE_IN_NUMBER
_ANY_ARTIFACT = re.compile(f"{_WIDE_ALNUM.pattern}|{_SPACE_IN_NUMBER.pattern}")


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@rule(
    "S09", "text_artifacts", "info", scope="indicator", when=("suspect",),
    message="文字有排版痕迹：{what}（已按规范读取）",
    hint="统一使用规范写法：分隔符用全角“；”，标签用“实施周期指标值:”“年度指标值:”，数字和字母用半角，数字内不留空格。",
    doc=Doc(
        what="条目的分隔符或标签全半角混用、夹有空格（如半角“;”、全角“：”、全角“－”），指标名称或指标值中有全角数字/字母/“％”，数字内部有空格，或（非公开文本来源的）单元格内有换行。",
        why="这些痕迹不影响本工具读取（已规整），但会影响他人复制、检索和汇总统计，公开前应统一。",
        bad="1、1－产出指标;11-数量指标；培训人次；实施周期指标值：２００人次；年度指标值：2 00人次。",
        good="1、1-产出指标；11-数量指标；培训人次；实施周期指标值:200人次；年度指标值:200人次。",
        basis=_LAYOUT + "；docs/sources.md §4 S09。",
        choices="从 PDF 提取的公开文本中的换行是版面折行，不是填报问题，不报告；"
                "条目末尾是否有“。”、序号后用“.”还是“、”不算全半角问题，不报告；每条指标最多报告一次，列出全部痕迹。",
    ),
)
def text_artifacts(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """Mixed-width punctuation, wide digits, spaces inside numbers, stray line breaks."""
    ind = f.ind
    found: list[str] = []
    spelling = ind.spelling
    joined = f.text
    check_breaks = ctx.layout != "published_text"
    if (
        (spelling is None or spelling is _DEFAULT_SPELLING or vars(spelling) == _DEFAULT_SPELLING_FIELDS)
        and not _ANY_ARTIFACT.search(joined)
        and not (check_breaks and (joined.count("\n") > 2 or "\r" in joined))
    ):
        return
    texts = (("指标名称", ind.name or ""), ("实施周期指标值", ind.period_value.raw),
             ("年度指标值", ind.annual_value.raw))
    if spelling is not None and vars(spelling) != _DEFAULT_SPELLING_FIELDS:
        for name in _SPELLING_FIELDS:
            written = getattr(spelling, name)
            official = getattr(_DEFAULT_SPELLING, name)
            if written != official and _fold(written) == _fold(official):
                shown = written.replace(" ", "␣").replace("\u3000", "␣")
                found.append(f"“{shown}”应为“{official}”")
    for label, text in texts:
        if _WIDE_ALNUM.search(text):
            found.append(f"{label}含全角字符“{''.join(_WIDE_ALNUM.findall(text))}”")
        if _SPACE_IN_NUMBER.search(text):
            found.append(f"{label}“{text}”的数字中有空格")
        if check_breaks and ("\n" in text or "\r" in text):
            found.append(f"{label}中有换行")
    if found:
        yield Hit("item", what="；".join(dict.fromkeys(found)))


amount_column_ambiguous = problems_only(
    "S10", "amount_column_ambiguous", "info",
    hint="对照原表（PDF 或 Excel）核对所列各行的金额属于哪一列；如不是所按的列，请在数据中改正。",
    doc=Doc(
        what="读取公开文本时，一行金额少于四个数（空列在提取的文本中消失），无法从文字判断剩下的数属于哪一来源列；读取器已按“财政拨款”读取并记录了这一假设。",
        why="金额列错位会让按资金来源汇总的结果出错；本工具不在无声中猜测，而是把假设报告出来让人核对。",
        bad="    驻京工作保障 177.40 177.40   （总计之外只显示一个数：是财政拨款、财政专户拨款还是其他资金？）",
        good="    驻京工作保障 177.40 177.40 0.00 0.00   （或从 Excel/PDF 表格按列读取）",
        basis="docs/sources.md §5.1（空的金额列在文本中消失：如实报告，不在无声中猜测）。"
              "它报告的是读取器记录的假设，不是原表的错误。",
        choices="只由公开文本读取器记录（Amounts.assumed），其他来源按列读取，不会产生此提示。"
                "同一种推断（按同一列读取）的各行合为一条，写明行数和位置，标记全部单元格（rules/assumptions.py）。",
    ),
)


reader_note = problems_only(
    "S11", "reader_note", "info",
    hint="核对附加字段和指标名称的对应是否符合原表；附加字段会随 JSON、CSV 和填报工作簿一起保留。",
    hints=(
        ("已跳过", "跳过的页如果其实是绩效目标表，请核对该页的表格标题（按标题判断是哪一张表）。"),
        ("附加字段", "核对这些字段是否确实不属于绩效目标表的栏目；附加字段会随 JSON、CSV 和填报工作簿一起保留。"),
        ("指标体系", "核对旧版名称与 2021 年指标体系的对应是否符合原意；原文保留在数据中。"),
    ),
    doc=Doc(
        what="读取器的说明：表单（申报表）中模型没有对应栏目的字段或列（如“上级资金”“绩效标准”“备注”、中期资金），"
             "已按原标签作为附加字段保留；旧版指标名称（如“社会公众或服务对象满意度指标”、列在产出指标下的“成本指标”）"
             "已按 2021 年指标体系对应，原文保留；部门预算公开 PDF 中不是项目支出绩效目标表的页"
             "（部门收支总表、政府采购预算表等，按表格标题判断）已跳过，一次列出页码和表名（docs/pdf.md）。",
        why="读取器不无声地丢弃或改写任何内容：保留了什么、怎样对应的，都要让人看得到。",
        bad="申报表中有“上级资金 10000万元”，读取后不见了",
        good="附加字段“上级资金”＝“10000万元”，并提示一次",
        basis="财预〔2015〕88号申报表与财预〔2021〕101号指标体系的对应（docs/forms.md）。"
              "本规则报告的是读取器的说明，不是原表的错误（docs/sources.md §4）。",
        choices="每个表只报告一次（列出全部附加字段；列出全部对应的旧版名称）。",
    ),
)


@rule(
    "S12", "codes_filled", "info", scope="indicator",
    message={
        "": "{level}“{written}”没有代码，报表中按指标体系写为“{official}”",
    },
    hint="核对归类是否正确；无误时可在原表中直接写规范的代码和名称（如 31-服务对象满意度指标）。",
    doc=Doc(
        what="指标没有写一级、二级指标代码，名称是指标体系名称的简称或旧称（如“满意度”“环境效益”）："
             "生成报表时按指标体系补上代码并写为规范名称，本提示说明这一替换。",
        why="正式报表的指标写法是“1-产出指标；11-数量指标”；没有代码的来源（只写名称的明细表）"
            "照样要生成规范的报表，而名称被替换时应让人知道，不在无声中改写。",
        bad="1、满意度指标；满意度；服务对象满意率；实施周期指标值:≥90%；年度指标值:≥90%。",
        good="1、3-满意度指标；31-服务对象满意度指标；服务对象满意率；实施周期指标值:≥90%；年度指标值:≥90%。",
        basis=f"{_BASIS_101}附件指标体系；广州市公开表格的代码写法（见 docs/sources.md）。",
        choices="名称与指标体系的规范名称一致（“指标”后缀、全半角不计）时只补代码、不提示；写了代码的不改动；"
                "名称无法识别时由 PG-S03 / PG-S04 报告；评价评分表的层级是评价指标体系的，不补代码、不提示。",
    ),
)
def codes_filled(f: IndicatorFacts, ctx: ProjectContext) -> Iterator[Hit]:
    """A level name without a code that the report writes as the framework's official name."""
    if ctx.scoring_sheet:
        return  # the evaluation framework's levels are written as printed
    ind = f.ind
    if ind.level1_code and ind.level2_code:
        return
    from perfgoals_xl.codes import filled_codes

    for field_name, written, official in filled_codes(ind).mapped:
        yield Hit(field_name, level="一级指标" if field_name == "level1" else "二级指标",
                  written=written, official=official)
