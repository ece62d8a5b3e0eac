"""Labels, values and rows as real published tables print them (issue 18 items 3–5, 7; issue 19 item 1).

Real fixtures in each layout (xlsx via openpyxl, docx via python-docx, a long-format sheet), read
through ``read_table`` and checked field by field, then through the rules: the false findings
of the issue (PG-S03 on 产出指标(50分), PG-S04 on 数量指标 (必填硬性指标), PG-C02, PG-A04, a footer
read as an indicator) must not come back. Hypothesis checks the label normaliser.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from form_fixtures import docx_forms, xlsx_forms
from hypothesis import given, settings
from hypothesis import strategies as st
from printed_tables import (
    COUNTY_NAME,
    county_selfeval,
    printed_form,
    printed_longform_rows,
    word_selfeval,
)

from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.label_text import MAX_LABEL_TEXT, label_parts
from perfgoals_xl.sources.vocabulary import (
    FORM_LABELS,
    SYNONYMS,
    department_label_of,
    field_of,
    footer_fields,
    form_label_of,
    is_footer_label,
    is_note,
    is_placeholder,
    is_total_label,
    level_label,
)

#: The false findings the issue lists: none may come from reading.
MISREAD = {"PG-S03", "PG-S04", "PG-C02", "PG-A04"}


def _write(kind: str, cells, tmp_path: Path) -> Path:
    if kind == "xlsx":
        return xlsx_forms(tmp_path / "t.xlsx", [[cells]])
    return docx_forms(tmp_path / "t.docx", [cells])


def _codes(table: PerfTable) -> set[str]:
    return {issue.code for issue in check_table(table)}


def _names(table: PerfTable) -> list[str]:
    return [i.name for _, _, i in table.indicators()]


# -- the county 自评表 of the issue ------------------------------------------------------------

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_county_selfeval_reads_as_printed(tmp_path: Path, kind: str) -> None:
    table = read_table(_write(kind, county_selfeval(), tmp_path))
    (project,) = table.projects()
    assert project.name == COUNTY_NAME
    assert project.implementer == "219001-池州市贵池区棠溪镇人民政府"
    # 年度资金总额: 0 while its 其中 line holds the amounts: their sum, said in a 读取提示
    # 年度资金总额: 0 while its 其中 line holds the amounts: read as printed, the difference said
    assert (project.budget_initial, project.budget_adjusted, project.budget_executed) == (0, 0, 0)
    assert project.extras["本年财政拨款/全年执行数"] == "89.974"
    assert project.budget_block == {"weight": "10", "rate": "0", "score": "0"}
    assert project.goal.startswith("本项目共申请") and project.actual_summary.startswith("本项目共完成")
    assert _names(table) == ["基建工程委托业务项目数量", "委托业务报告合格率", "业务完成及时率", "基层治理水平",
                             "公众满意度"]  # 经济效益指标 with nothing under it is no indicator
    levels = [(i.level1, i.level1_weight, i.level2) for i in project.indicators]
    assert levels[0] == ("产出指标", 50.0, "数量指标") and levels[3] == ("效益指标", 30.0, "社会效益指标")
    assert levels[4] == ("满意度指标", 10.0, "满意度指标")
    first = project.indicators[0]
    assert (first.annual_value.raw, first.actual_value.raw, first.weight, first.score) == ("≥50个", "50", 8, 8)
    assert project.indicators[3].deviation_reason == "部分项目延至次年"
    assert project.total_score == 84 and "总分" not in project.extras
    assert table.footer == {"填报人": "张三", "联系电话": "0566-1234567"}
    hints = [p.message for p in table.problems if p.code == "S11" and p.message.startswith("读取提示")]
    assert len(hints) == 1 and "产出指标(50分)" in hints[0] and "其中各行合计" in hints[0]
    assert not _codes(table) & MISREAD


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_selfeval_of_another_province_reads_as_printed(tmp_path: Path, kind: str) -> None:
    table = read_table(_write(kind, word_selfeval(), tmp_path))
    (project,) = table.projects()
    assert (project.name, project.department, project.implementer) == ("乡村道路养护专项", "某县交通运输局",
                                                                       "某县公路中心")
    assert (project.budget_adjusted, project.budget_executed) == (Decimal(120), Decimal(108))
    assert project.budget_block == {"weight": "10", "rate": "90%", "score": "9"}
    assert project.extras["当年财政拨款/全年预算数"] == "100"
    assert (project.goal, project.actual_summary) == ("养护农村公路120公里。", "养护农村公路110公里。")
    first, second, third = project.indicators
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "养护里程")
    assert (first.weight, first.annual_value.raw, first.actual_value.raw, first.score) == (50, "≥120公里", "110公里",
                                                                                           45.8)
    assert first.deviation_reason == "雨季停工" and second.level2 == "质量指标" and third.level1 == "效益指标"
    assert project.total_score == 94.8
    assert table.footer == {"填报人": "李四", "联系电话": "13800000000"}
    assert not _codes(table) & MISREAD


# -- the 申报表 as printed -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_printed_form_reads_labels_values_and_rows(tmp_path: Path, kind: str) -> None:
    table = read_table(_write(kind, printed_form(), tmp_path))
    (project,) = table.projects()
    assert project.name == "农村饮水安全巩固提升"
    assert table.department == "某县水利局" and table.department_code == "012"
    assert project.goal == "完成12处集中供水工程改造，惠及2万人。"  # right of 总体目标, not a section
    assert project.amounts.total == Decimal(854) and project.extras["总计说明"].startswith("(其中中央资金500万元")
    assert _names(table) == ["改造供水工程", "水质达标率", "工程完工时间", "受益人口"]  # no —, 合计, 填报人
    first, _, third, fourth = project.indicators
    assert (first.level1, first.level1_weight, first.level2) == ("产出指标", 50.0, "数量指标")
    assert (first.annual_value.raw, first.nature) == ("≥12处", "定量")
    assert first.extras == {"评(扣)分标准": "每少1处扣2分", "指标解释": "当年完工的工程"}
    assert third.level2 == "时效指标" and third.annual_value.raw == "个"  # a unit alone: as printed, said
    assert (fourth.level1, fourth.level1_weight, fourth.annual_value.raw) == ("效益指标", 30.0, "≥2万人")
    assert table.footer == {"填报人": "王五", "联系电话": "0551-8888888", "注": "注：本表一式两份。"}
    hints = next(p.message for p in table.problems if p.message.startswith("读取提示"))
    assert "只写了单位“个”" in hints and "必填硬性指标" in hints
    codes = _codes(table)
    assert not codes & MISREAD


# -- the long format as printed -----------------------------------------------------------------

def test_longform_with_annotated_labels_totals_and_footer(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in printed_longform_rows():
        wb.active.append(row)
    path = tmp_path / "长表.xlsx"
    wb.save(path)
    table = read_table(path)
    (project,) = table.projects()
    assert _names(table) == ["储备编织袋", "储备完成时间", "群众满意度"]
    first, second, third = project.indicators
    assert (first.level1, first.level1_weight, first.level2) == ("产出指标", 50.0, "数量指标")
    assert (first.annual_value.raw, first.nature, first.extras) == ("≥10000条", "定量", {"指标解释": "年末库存"})
    assert third.level1 == "满意度指标" and third.annual_value.raw == "≥90%"
    assert table.footer == {"填报人": "赵六", "联系电话": "13900000000", "注": "注：权重合计为100。"}
    assert not _codes(table) & MISREAD


# -- the new fields through JSON and CSV ---------------------------------------------------------

@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_footer_and_level_weights_round_trip(tmp_path: Path, suffix: str) -> None:
    table = read_table(_write("xlsx", printed_form(), tmp_path))
    assert table.footer and any(i.level1_weight for _, _, i in table.indicators())
    back = read_table(write_data(table, tmp_path / f"out{suffix}"))
    assert back == table
    assert back.footer == table.footer
    assert [i.level1_weight for _, _, i in back.indicators()] == [50.0, 50.0, 50.0, 30.0]


# -- the label normaliser ------------------------------------------------------------------------

_KNOWN_HEADERS = sorted({h for names in SYNONYMS.values() for h in names if not h.isascii()})
_KNOWN_FORM_LABELS = sorted({h for names in FORM_LABELS.values() for h in names})
_NOTE_TEXT = st.text(st.characters(blacklist_characters="()（）[]【】〔〕<>《》:：*※★☆",
                                   blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12)
_BRACKETS = [("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("〔", "〕")]


def _annotated(label: str, data: st.DataObject) -> str:
    """The label printed: spaces or line breaks between its characters, a * before, an annotation after."""
    gaps = data.draw(st.lists(st.sampled_from(["", "", " ", "\n", "\u3000"]), min_size=len(label),
                              max_size=len(label)))
    spread = "".join(ch + gap for ch, gap in zip(label, gaps, strict=True)).strip()
    left, right = data.draw(st.sampled_from(_BRACKETS))
    note = data.draw(_NOTE_TEXT)
    star = data.draw(st.sampled_from(["", "*", "＊"]))
    tail = data.draw(st.sampled_from(["", "分", "：", ":"])) if note.isdigit() else data.draw(st.sampled_from(["", "："]))
    return f"{star}{spread} {left}{note}{right}{tail}"


@settings(max_examples=300, deadline=None)
@given(label=st.sampled_from(_KNOWN_HEADERS), data=st.data())
def test_an_annotation_never_changes_the_header_field(label: str, data: st.DataObject) -> None:
    assert field_of(_annotated(label, data)) == field_of(label)


@settings(max_examples=300, deadline=None)
@given(label=st.sampled_from(_KNOWN_FORM_LABELS), data=st.data())
def test_an_annotation_never_changes_the_form_label(label: str, data: st.DataObject) -> None:
    assert form_label_of(_annotated(label, data))[0] == form_label_of(label)[0]


_CIRCLED = [chr(0x2460 + k) for k in range(20)]  # ① … ⑳


@settings(max_examples=300, deadline=None)
@given(label=st.sampled_from(_KNOWN_HEADERS), data=st.data())
def test_a_column_number_or_formula_in_circled_numbers_never_changes_the_header_field(
        label: str, data: st.DataObject) -> None:
    """福建's budget columns print their number and formula after the label (年中调整金额③,
    小计④=①+②+③, 支出实现率(%)⑥=⑤/④): an annotation, like (A) or (B/A)."""
    number = data.draw(st.sampled_from(_CIRCLED))
    formula = data.draw(st.lists(st.tuples(st.sampled_from(["+", "-", "/", "×", " "]), st.sampled_from(_CIRCLED)),
                                 max_size=3))
    sep = data.draw(st.sampled_from(["", "\n", " "]))
    tail = number + (("=" + "".join(op + n for op, n in formula)[1:]) if formula else "")
    assert field_of(f"{label}{sep}{tail}") == field_of(label)


@settings(max_examples=200, deadline=None)
@given(level=st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "社会效益指标"]),
       weight=st.integers(min_value=1, max_value=100), data=st.data())
def test_a_weight_printed_in_a_level_is_its_weight(level: str, weight: int, data: st.DataObject) -> None:
    printed = data.draw(st.sampled_from([f"{level}({weight}分)", f"{level}（{weight}分）", f"{level}【{weight}分】",
                                         f"{level}(0-{weight})分", f"{level} {weight}分", f"{level}（权重{weight}%）",
                                         f"{level}{weight}分)", f"{level} {weight}分）"]))  # (an opening bracket lost)
    name, found, _ = level_label(printed)
    assert (name, found) == (level, float(weight))


@settings(max_examples=200, deadline=None)
@given(level=st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"]), weight=st.integers(5, 100))
def test_a_bare_number_in_a_level_label_is_its_weight(level: str, weight: int) -> None:
    """产出指标(50): the weight printed without 分 (a 湖南 部门整体 自评表); a year or a small mark is none."""
    assert level_label(f"{level}({weight})")[:2] == (level, float(weight))
    assert level_label(f"{level}（{weight}）")[:2] == (level, float(weight))


def test_numbers_in_a_level_label_that_are_no_weight() -> None:
    assert level_label("产出指标(2024)")[1] is None and level_label("产出指标(1)")[1] is None
    assert level_label("数量指标(必填)") == ("数量指标", None, ("必填",))


def test_label_parts_examples() -> None:
    assert label_parts("数量指标 (必填硬性指标)").key == "数量指标"
    assert label_parts("全年预算数(A)").key == "全年预算数" and field_of("执行率(B/A)") == "ignored"
    assert label_parts("项目资金（万元）").money == "万元" and label_parts("预算数（单位：元）").money == "元"
    assert label_parts("总分(100分)").key == "总分"  # a score in brackets is not part of the label
    assert label_parts("2024年度").weight is None  # a year is no weight
    assert label_parts("【必填】项目名称").key == "项目名称" and label_parts("(1)基本支出").key == "(1)基本支出"
    assert form_label_of("专项资金名称")[0] == "project" and form_label_of("项目（专项）名称")[0] == "project"
    assert form_label_of("单位名称")[0] == "fund_unit"  # not a project's name
    assert form_label_of("年度总体目标")[0] == "goal" and form_label_of("主要任务")[0] == "goal"
    assert form_label_of("实施期目标")[0] == "period_goal" and form_label_of("年度预算")[0] == "total"
    # more of the labels provinces print: 项目名, 绩效总目标, 责任单位 / 项目负责单位 (the unit carrying it out)
    assert form_label_of("项目名")[0] == "project" and form_label_of("绩效总目标")[0] == "goal"
    assert form_label_of("责任单位")[0] == form_label_of("项目负责单位")[0] == "implementer"
    # 申报项目名称 stays no label: a cover page prints it over the form (申 报 项 目 名 称:某项目, 武汉 青山 2021),
    # and a second project label would start a second form of that project
    assert form_label_of("申报项目名称")[0] is None and form_label_of("子项目名称")[0] is None
    for actual in ("实际完成值", "全年实际值", "全年完成值"):
        assert field_of(actual) == "actual_value"
    for reason in ("偏差原因分析及改进措施", "未完成原因和改进措施", "偏差原因"):
        assert field_of(reason) == "deviation_reason"
    assert field_of("指标值类型") == "nature" and field_of("指标方向") == "direction"
    # a comparison sign in an annotation (a full-width ＜ is < under NFKC) is no bracket of its own:
    # hypothesis found `一级 (＜)` read as no field at all
    for printed in ("一级 (＜)", "一级（>）", "目标值(<=100%)"):
        assert field_of(printed) == field_of(printed.split(" ")[0].split("（")[0].split("(")[0])
    assert label_parts("目标值<必填>").key == "目标值"  # angle brackets still annotate
    # a bracket inside an annotation after NFKC (︹ is 〔) or an annotation never closed: still the label
    assert form_label_of("一般公共预算 (︹)")[0] == "fiscal" and label_parts("数量指标(必填").key == "数量指标"
    assert label_parts("预算(或投资规模)控制指标", trailing_only=True).key == "预算(或投资规模)控制指标"
    # the unit with its budget level (一级预算单位名称; 级预算单位名称 with the level's first character lost)
    for printed in ("一级预算单位名称", "区级预算部门名称", "级预算单位名称", "预算单位名称"):
        assert department_label_of(printed)[0] == "name"


def test_rows_that_are_not_indicators() -> None:
    assert footer_fields("填报人：张三  联系电话：0566-1234567") == {"填报人": "张三", "联系电话": "0566-1234567"}
    assert is_footer_label("单位（盖章）") and is_footer_label("填报日期：") and is_footer_label("审 核 人")
    assert not is_footer_label("电话回访率") and not is_footer_label("日期类指标完成率")
    assert is_note("注：1.本表") and is_note("说明:") and not is_note("注册企业数量")
    assert is_total_label("合 计") and is_total_label("总分") and not is_total_label("合计完成率")
    assert is_placeholder("—") and is_placeholder("无") and is_placeholder(None) and not is_placeholder("0")


@pytest.mark.parametrize("text", ["(" * 4000 + "a", "【" * 4000 + "分", "产出指标" + "(必填)" * 4000,
                                  "1" * 4000 + "分", "(0-" * 4000 + ")分"])
def test_label_normaliser_is_bounded_on_long_inputs(text: str) -> None:
    """A long cell costs what its first MAX_LABEL_TEXT characters cost (bounded: linear at worst)."""
    small, large = text[: len(text) // 4], text

    def best(t: str) -> float:
        times = []
        for n in range(3):
            started = time.perf_counter()
            label_parts(f"{n}{t}")  # a new text each run (no cache hit)
            footer_fields(f"{n}{t}")
            is_note(t)
            times.append(time.perf_counter() - started)
        return max(min(times), 0.005)

    assert best(large) / best(small) < 3
    assert len(label_parts(large).key) <= MAX_LABEL_TEXT


def test_longform_amount_with_its_breakdown(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "资金总额（万元）", "一级指标", "二级指标", "三级指标", "年度指标值"])
    wb.active.append(["水利工程", "854万(其中中央资金500万)", "产出指标", "数量指标", "工程数量", "≥12处"])
    wb.active.append(["道路工程", "100元(其中省级50元)", "产出指标", "数量指标", "道路里程", "≥5公里"])
    path = tmp_path / "amounts.xlsx"
    wb.save(path)
    table = read_table(path)
    first, second = table.projects()
    assert first.amounts.total == Decimal(854)
    assert second.amounts.total is None  # 元 in a 万元 column is not guessed: reported
    assert any(p.code == "A03" and "100元" in p.message for p in table.problems)
    assert any("854万(其中中央资金500万)" in p.message for p in table.problems if p.message.startswith("读取提示"))


@pytest.mark.parametrize(("text", "split"), [
    ("854万(其中中央资金500万)", ("854万", "(其中中央资金500万)")),
    # the amount after the fund it comes from (呼和浩特 武川 2021: 其中：财政拨款 | 中央…资金(少数民族发展任务)50)
    ("中央衔接推进乡村振兴补助资金(少数民族发展任务)50", ("50", "中央衔接推进乡村振兴补助资金(少数民族发展任务)")),
    ("省级专项资金：120万元", ("120万元", "省级专项资金")),
    ("2022年资金50", ("2022年资金50", "")),  # a year in the name: no fund's name, not taken apart
    ("完成道路硬化5公里", ("完成道路硬化5公里", "")),  # no money word: not an amount with its source
])
def test_an_amount_is_read_beside_its_breakdown_or_its_fund(text: str, split: tuple[str, str]) -> None:
    from perfgoals_xl.sources.row_kinds import split_amount

    assert split_amount(text) == split


@pytest.mark.parametrize("label", ["其中：财政投款", "财政投入", "其中:财政拨款", "市级财政补助资金"])
def test_the_fiscal_line_as_forms_print_it(label: str) -> None:
    """财政投入 (a source of money) and 财政投款 (亳州 蒙城 2024's slip for 财政拨款) are the 财政拨款 line."""
    from perfgoals_xl.sources.vocabulary import form_label_of

    assert form_label_of(label)[0] == "fiscal"


def test_word_selfeval_with_its_labels_and_grid_in_two_tables(tmp_path: Path) -> None:
    """Word 自评表 often put the block above the grid (项目名称 …) in one table and the grid in the next."""
    cells = word_selfeval()
    head = [cell for cell in cells if cell[0] < 7]
    grid = [(r - 7, col, v, r2 - 7, c2) for r, col, v, r2, c2 in cells if r >= 7]
    table = read_table(docx_forms(tmp_path / "two.docx", [head, grid]))
    (project,) = table.projects()
    assert project.name == "乡村道路养护专项" and project.budget_executed == Decimal(108)
    assert _names(table) == ["养护里程", "优良路率", "群众出行便利度"]
    assert project.total_score == 94.8 and table.footer["填报人"] == "李四"


def test_longform_direction_column_holding_operators_and_unit_only_values(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标方向", "目标值", "计量单位"])
    wb.active.append(["培训项目", "产出指标", "数量指标", "培训人次", "≥", "100", "人次"])
    wb.active.append(["培训项目", "产出指标", "数量指标", "培训期数", "正向", "个", None])
    path = tmp_path / "direction.xlsx"
    wb.save(path)
    table = read_table(path)
    first, second = table.projects()[0].indicators
    assert (first.annual_value.raw, first.direction) == ("≥100人次", None)
    assert (second.annual_value.raw, second.direction) == ("个", "正向")
    assert any("只写了单位“个”" in p.message for p in table.problems)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_form_with_labels_over_values_and_a_blank_signoff(tmp_path: Path, kind: str) -> None:
    """Labels in a row with their values in the row below; a two-row grid header (指标值 over 计算符号 |
    目标值 | 计量单位); 单位负责人：  财务负责人： left blank under the grid."""
    from form_fixtures import c

    cells = [
        c(0, 0, "项目支出绩效目标表", c2=6),
        c(1, 0, "项目名称", c2=1), c(1, 2, "主管部门", c2=3), c(1, 4, "实施单位", c2=6),
        c(2, 0, "社区养老服务", c2=1), c(2, 2, "某区民政局", c2=3), c(2, 4, "某区养老服务中心", c2=6),
        c(3, 0, "年度绩效目标"), c(3, 1, "为1000名老人提供居家养老服务。", c2=6),
        c(4, 0, "一级指标", r2=5), c(4, 1, "二级指标", r2=5), c(4, 2, "三级指标", r2=5), c(4, 3, "指标值", c2=5),
        c(4, 6, "分值", r2=5),
        c(5, 3, "计算符号"), c(5, 4, "目标值"), c(5, 5, "计量单位"),
        c(6, 0, "产出指标（60分）"), c(6, 1, "数量指标"), c(6, 2, "服务老人数"), c(6, 3, "≥"), c(6, 4, "1000"),
        c(6, 5, "人"), c(6, 6, "60"),
        c(7, 0, "满意度指标（40分）"), c(7, 1, "服务对象满意度指标"), c(7, 2, "老人满意度"), c(7, 3, "≥"),
        c(7, 4, "90"), c(7, 5, "%"), c(7, 6, "40"),
        c(8, 0, "单位负责人：      财务负责人：      填表人：李四", c2=6),
    ]
    table = read_table(_write(kind, cells, tmp_path))
    (project,) = table.projects()
    assert (project.name, table.department, project.goal) == ("社区养老服务", "某区民政局",
                                                              "为1000名老人提供居家养老服务。")
    assert table.units[0].name == "某区养老服务中心"
    assert [(i.level1, i.level1_weight, i.name, i.annual_value.raw, i.weight) for i in project.indicators] == [
        ("产出指标", 60.0, "服务老人数", "≥1000人", 60.0), ("满意度指标", 40.0, "老人满意度", "≥90%", 40.0)]
    assert table.footer == {"单位负责人": "", "财务负责人": "", "填表人": "李四"}
    assert not _codes(table) & MISREAD


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_selfeval_budget_block_and_total_round_trip(tmp_path: Path, suffix: str) -> None:
    table = read_table(_write("xlsx", word_selfeval(), tmp_path))
    project = table.projects()[0]
    assert project.budget_block and project.total_score == 94.8
    back = read_table(write_data(table, tmp_path / f"out{suffix}"))
    back.title = table.title  # (the long-format CSV has no title line)
    assert back == table
    assert back.projects()[0].budget_block == project.budget_block and back.projects()[0].total_score == 94.8


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_form_naming_no_project(tmp_path: Path, kind: str) -> None:
    from printed_tables import nameless_form

    table = read_table(_write(kind, nameless_form(), tmp_path))
    (project,) = table.projects()
    assert project.name == "" and any(p.code == "S01" and "项目名称" in p.message for p in table.problems)
    assert table.department == "省商务厅" and project.goal.startswith("全年实现会展业")
    assert (project.amounts.total, project.amounts.fiscal) == (Decimal("2430.3"), Decimal("2430.3"))
    first, second, third = project.indicators
    assert (first.level1, first.level2, first.annual_value.raw, first.weight) == ("产出值", "数量值", "≥280亿元", 30)
    assert second.level1 == "效果指标" and third.name == "参展商满意度"
    assert table.footer == {"财政部门审核意见": "(盖章)"}
    # 产出值 / 效果指标 are the older spellings of 产出指标 / 效益指标: no false PG-S03 / PG-C02
    assert not _codes(table) & MISREAD


def test_selfeval_whose_grid_is_not_printed(tmp_path: Path) -> None:
    from printed_tables import selfeval_without_grid

    table = read_table(_write("xlsx", selfeval_without_grid(), tmp_path))
    (project,) = table.projects()
    assert project.name.endswith("安可替代补助资金项目") and project.implementer == "大英县司法局"
    assert (project.goal, project.actual_summary) == ("根据要求购买安可设备,并完成项目资金支付。", "完成")
    assert (project.budget_initial, project.budget_adjusted, project.budget_executed) == (0, Decimal("3.36"),
                                                                                         Decimal("3.36"))
    assert project.budget_block == {"weight": "10", "rate": "100.00%", "score": "10"}
    assert project.indicators == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_label_readers_never_raise_and_stay_bounded(text: str) -> None:
    """Any cell text: a key without white space, bounded; footers, notes and levels read without error."""
    from perfgoals_xl.sources.vocabulary import footer_row, split_amount

    parts = label_parts(text)
    assert len(parts.key) <= MAX_LABEL_TEXT and not any(ch.isspace() for ch in parts.key)
    assert parts.weight is None or 0 < parts.weight <= 1000
    level_label(text)
    footer_row([text, text])
    head, rest = split_amount(text)
    assert rest == "" or (head in text and rest in text)  # (the amount before its breakdown or after its fund)
    is_placeholder(text), is_total_label(text), is_note(text), is_footer_label(text)


def test_goal_under_its_label_when_a_label_stands_beside_it(tmp_path: Path) -> None:
    """年度目标 | 年度总体目标完成情况 over their texts (湖南 2018): the goal is the text below, and approval
    lines (…初审意见 | (盖章)) under the grid are footer fields, not indicators."""
    from form_fixtures import c

    cells = [
        c(0, 0, "项目名称"), c(0, 1, "旅游扶贫基础设施", c2=4), c(1, 0, "主管部门"), c(1, 1, "南岳镇政府", c2=4),
        c(2, 0, "总体目标", r2=3), c(2, 1, "年度目标", c2=3), c(2, 4, "年度总体目标完成情况"),
        c(3, 1, "为水濂村带来观光游客不少于6万人。", c2=3),
        c(4, 0, "绩效指标", r2=5), c(4, 1, "一级指标"), c(4, 2, "二级指标"), c(4, 3, "三级指标"), c(4, 4, "指标值"),
        c(5, 1, "产出指标"), c(5, 2, "数量指标"), c(5, 3, "旅游景点开发数量"), c(5, 4, ">=4个"),
        c(6, 0, "财政部门支出股室初审意见", c2=1), c(6, 2, "(盖章)", c2=4),
    ]
    table = read_table(_write("xlsx", cells, tmp_path))
    (project,) = table.projects()
    assert project.goal == "为水濂村带来观光游客不少于6万人。"
    assert _names(table) == ["旅游景点开发数量"]
    assert table.footer == {"财政部门支出股室初审意见": "(盖章)"}


@pytest.mark.parametrize("printed", ["(50分)", "（30分）", "【20分】", " (50分) "])
def test_a_level_printing_only_its_weight_has_no_name(printed: str) -> None:
    """A level cell printing only its annotation (50分) — the name lost — is an empty level with its
    weight, never a level named “(50分)”; a level named by brackets only stays as written."""
    name, weight, notes = level_label(printed)
    assert (name, notes) == ("", ()) and weight is not None and weight > 0
    assert level_label("（一）")[0] == "（一）"


def test_transfer_forms_name_their_departments_by_tier_and_tick_their_kind() -> None:
    """A 转移支付 form names a chain of 主管部门 (中央 … 区县): the lowest tier is the form's own; a
    专项名称 cell of ticked boxes is the fund's kind, never the project's name."""
    from perfgoals_xl.sources.vocabulary import department_tier, is_choice_list

    tiers = [department_tier(t) for t in ("中央主管部门", "省级主管部门", "市级主管部门", "区县主管部门", "地方主管部门")]
    assert tiers == sorted(tiers) and tiers[0] == 0 and tiers[-1] == tiers[-2] and department_tier("主管部门") == -1
    assert is_choice_list("□自由探索类基础研究 ☑科技创新基地建设 口科技成果转移转化")
    assert not is_choice_list("人口出口监测项目") and not is_choice_list("☑乡村道路养护")
