"""What a CSV or entry-workbook output cannot keep is said on write (sinks/losses.py), by `perfgoals
import` and `perfgoals convert` — and each warning matches a real loss on reading the file back."""

from __future__ import annotations

import copy
import dataclasses
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_twins_roundtrip import KEPT, MERGED, indicator, project, shape, table_of

from perfgoals_xl.cli import main
from perfgoals_xl.codes import with_codes
from perfgoals_xl.entry import entry_rows, table_from_entry_rows
from perfgoals_xl.errors import InputError
from perfgoals_xl.model import Amounts, FundUnit, PerfTable, Project
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sinks.losses import format_losses
from perfgoals_xl.sources import read_table
from perfgoals_xl.values import parse_value

TWIN_WORDS = "读回填报工作簿时会与上一个合并"


def _import(tmp_path, table, suffix, capsys):
    """`perfgoals import t.json -o out<suffix>`: its 警告 lines and the table read back from out."""
    src = write_data(table, tmp_path / "t.json", force=True)
    out = tmp_path / f"out{suffix}"
    assert main(["import", str(src), "-o", str(out), "--force"]) == 0
    warnings = [line.removeprefix("警告：") for line in capsys.readouterr().err.splitlines()
                if line.startswith("警告：")]
    return warnings, read_table(out)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_edge_spaces_are_warned_for_csv_and_xlsx_and_lost(tmp_path, seed_table, capsys, suffix):
    table = copy.deepcopy(seed_table)
    table.projects()[1].name = " 带空格的项目 "
    table.projects()[2].indicators[0].annual_value = type(table.projects()[2].indicators[0].annual_value)(raw="≥5个 ")
    warnings, back = _import(tmp_path, table, suffix, capsys)
    kind = "CSV" if suffix == ".csv" else "填报工作簿"
    assert f"项目“ 带空格的项目 ”的项目名称首尾有空白字符，读回{kind}时会被去掉（JSON 可完整保存）" in warnings
    assert any("第 1 条指标的年度指标值首尾有空白字符" in w for w in warnings)
    assert back.projects()[1].name == "带空格的项目"  # the loss the warning announced
    assert back.projects()[2].indicators[0].annual_value.raw == "≥5个"


def test_json_keeps_everything_and_warns_about_nothing(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[1].name = " 带空格的项目 "
    table.title = "某局项目清单"
    warnings, back = _import(tmp_path, table, ".json", capsys)
    assert warnings == [] and back == table
    assert format_losses(table, ".json") == [] and format_losses(seed_table, ".csv") == []
    assert format_losses(seed_table, "x.xlsx") == []


def test_the_csv_keeps_texts_past_excels_cell_limit(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[0].goal = "长" * 200_000  # past csv's own field limit (131,072) too
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert warnings == [] and back == table
    warnings, back = _import(tmp_path, table, ".xlsx", capsys)
    assert len(warnings) == 1 and warnings[0].endswith(
        "的绩效目标有 200,000 个字符，超过 Excel 单元格上限 32,767，填报工作簿中将被截断（JSON/CSV 可完整保存）")
    assert len(back.projects()[0].goal) == 32_767


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_long_unit_and_department_labels_are_warned_and_cut(tmp_path, seed_table, capsys, suffix):
    table = copy.deepcopy(seed_table)
    table.units[0].name = "单" * 250
    table.department = "部" * 230
    warnings, back = _import(tmp_path, table, suffix, capsys)
    assert sum("只保留前 200 个" in w for w in warnings) == 2
    assert len(back.units[0].name) == 200 and len(back.department) == 200


def test_long_extras_are_warned_for_csv(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[0].indicators[0].extras = {"备注": "注" * 40_000}
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert len(warnings) == 1 and "超过可读回的上限 32,768" in warnings[0] and "附加字段" in warnings[0]
    assert back.projects()[0].indicators[0].extras != table.projects()[0].indicators[0].extras


@pytest.mark.parametrize(("title", "csv_lost", "xlsx_lost"), [
    ("某局2024年项目支出绩效目标表", True, False),
    ("项目支出绩效自评表", True, False),  # a 自评表's title is a title too (was lost to the default)
    ("某局项目清单", True, True),
])
def test_a_title_the_output_cannot_keep_is_warned(tmp_path, seed_table, capsys, title, csv_lost, xlsx_lost):
    table = copy.deepcopy(seed_table)
    table.title = title
    for suffix, lost in ((".csv", csv_lost), (".xlsx", xlsx_lost)):
        warnings, back = _import(tmp_path, table, suffix, capsys)
        assert any("表格标题" in w for w in warnings) == lost
        assert (back.title != title) == lost


def test_amounts_past_excels_digits_are_warned_for_xlsx(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[0].amounts.total = table.projects()[0].amounts.fiscal = Decimal("123456789012345.678")
    warnings, back = _import(tmp_path, table, ".xlsx", capsys)
    assert sum("超过 Excel 数字的 15 位有效数字" in w for w in warnings) == 2
    assert back.projects()[0].amounts.total != Decimal("123456789012345.678")
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert warnings == [] and back.projects()[0].amounts.total == Decimal("123456789012345.678")


@pytest.mark.parametrize("name", list(MERGED))
def test_the_residual_twins_are_warned_naming_project_and_unit(tmp_path, capsys, name):
    warnings, back = _import(tmp_path, MERGED[name], ".xlsx", capsys)
    twins = [w for w in warnings if TWIN_WORDS in w]
    assert len(twins) == 1
    if "unit" in name:
        assert twins[0].startswith("第 2 个资金使用单位“某单位”与上一个单位同名，它没有单位金额行")
    else:
        assert twins[0].startswith("第 2 个项目“道路养护”（资金使用单位“某单位”）与上一个项目同名，上一个只占一行")
    assert shape(back) != shape(MERGED[name])
    warnings, back = _import(tmp_path, MERGED[name], ".csv", capsys)  # the CSV numbers them: no loss
    assert warnings == [] and shape(back) == shape(MERGED[name])


@pytest.mark.parametrize("name", list(KEPT))
def test_twins_the_workbook_keeps_apart_are_not_warned(tmp_path, capsys, name):
    warnings, back = _import(tmp_path, KEPT[name], ".xlsx", capsys)
    assert warnings == [] and back == KEPT[name]


#: Projects: 0–3 indicators, two names, two goals, two totals — twins of every shape.
_PROJECTS = st.builds(lambda name, n, goal, total: project(name, n, goal=goal, total=total),
                      st.sampled_from(["道路养护", "绿化"]), st.integers(0, 3), st.sampled_from(["目标", "另一目标"]),
                      st.sampled_from(["10", "20"]))
_UNITS = st.builds(lambda name, amount, projects: FundUnit(name, amounts=Amounts(total=amount), projects=projects),
                   st.sampled_from(["某单位", "另一单位"]), st.sampled_from([None, Decimal(5), Decimal(6)]),
                   st.lists(_PROJECTS, max_size=3))


@given(st.lists(_UNITS, min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_each_twin_warning_is_one_merge_and_no_warning_no_loss(units):
    """The warnings predict the entry workbook exactly: one per unit or project that merges."""
    table = table_of(*units)
    twins = [w for w in format_losses(table, ".xlsx") if TWIN_WORDS in w]
    back = table_from_entry_rows(entry_rows(table))
    lost = (len(table.units) - len(back.units)) + (len(table.projects()) - len(back.projects()))
    assert len(twins) == lost
    if not twins:
        assert back == table


def test_convert_reports_the_losses_of_its_data_output(tmp_path, seed_table, capsys):
    table = copy.deepcopy(seed_table)
    table.projects()[1].name = " 带空格的项目 "
    src = write_data(table, tmp_path / "in" / "t.json")
    for fmt, kind in (("csv", "CSV"), ("xlsx", "填报工作簿"), ("json", None)):
        out = tmp_path / f"out-{fmt}"
        assert main(["convert", str(src), "-o", str(out), "-q", "--format", fmt]) in (0, 1)
        err = capsys.readouterr().err
        summary = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)["文件汇总"]
        note = summary.cell(row=2, column=13).value or ""
        if kind is None:
            assert "警告" not in err and "无法完整保存" not in note
            continue
        assert f"的明细数据：项目“ 带空格的项目 ”的项目名称首尾有空白字符，读回{kind}时会被去掉" in err
        assert note.startswith(f"t_json.data.{fmt} 无法完整保存：项目“ 带空格的项目 ”的项目名称首尾有空白字符")


# -- losses found by the round trips of issue #13 item 7: fixed where the format can hold them ----------
def test_the_csv_keeps_every_selfeval_field_alone_and_exactly(tmp_path, seed_table, capsys):
    """年初预算数, 全年预算数 and 偏差原因 alone (no 实际完成值, 得分, 全年执行数) are 绩效自评 fields too."""
    table = copy.deepcopy(seed_table)
    table.projects()[0].budget_initial = Decimal("123456789012345.678")
    table.projects()[1].budget_adjusted = Decimal(0)
    table.projects()[2].indicators[0].deviation_reason = "预算调整"
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert warnings == [] and back == table
    assert back.projects()[0].budget_initial == Decimal("123456789012345.678")


def test_json_keeps_selfeval_budgets_past_double_precision(tmp_path, seed_table):
    table = copy.deepcopy(seed_table)
    table.projects()[0].budget_executed = Decimal("123456789012345.678")
    back = read_table(write_data(table, tmp_path / "t.json"))
    assert back.projects()[0].budget_executed == Decimal("123456789012345.678")


@pytest.mark.parametrize("nature", ["半定量", "≥", "正向", "定量指标"])
@pytest.mark.parametrize(("suffix", "headers"), [(".csv", "zh"), (".csv", "en"), (".xlsx", "zh")])
def test_any_nature_survives_as_written(tmp_path, seed_table, nature, suffix, headers):
    """指标性质 is kept as written: the CSV's column is 定量/定性 as the entry sheet's (a foreign 指标性质
    column holds operators: one written there was joined to the values, or taken for the direction)."""
    table = copy.deepcopy(seed_table)
    ind = table.projects()[0].indicators[0]
    ind.nature, ind.direction = nature, None
    assert format_losses(table, suffix) == []
    back = read_table(write_data(table, tmp_path / f"t{suffix}", headers=headers))
    got = back.projects()[0].indicators[0]
    assert (got.nature, got.direction, got.annual_value.raw) == (nature, None, ind.annual_value.raw)
    if suffix == ".csv":
        assert back == table


def _bare(name: str, total: str = "3"):
    """A project with amounts only: no goal, no indicator (its row is its name and amounts)."""
    return project(name, 0, goal="", total=total)


#: Names the reader takes for 合计/小计 or the department's row: the CSV numbers the rows (read as what
#: they are), the entry workbook cannot tell them apart (one warning each).
MISREAD = {
    "project 道路合计, bare": table_of(FundUnit("某单位", projects=[_bare("道路合计"), project("绿化", 2)])),
    "project 合计, bare": table_of(FundUnit("某单位", projects=[project("绿化", 2), _bare("合计")])),
    "unit 某某小计 with amounts": table_of(
        FundUnit("某某小计", amounts=Amounts(total=Decimal(5)), projects=[project("绿化", 2)])),
    "unit 合计 with amounts": table_of(FundUnit("合计", amounts=Amounts(total=Decimal(5)), projects=[project("绿化", 2)])),
    "unit 某合计 without projects": table_of(FundUnit("某合计"), FundUnit("其他单位", projects=[project("绿化", 2)])),
    "coded unit ending in 合计": table_of(FundUnit("合计", code="820001", amounts=Amounts(total=Decimal(5)),
                                                 projects=[project("绿化", 2)])),
    "first unit named like a department": table_of(
        FundUnit("某某局", amounts=Amounts(total=Decimal(5))), FundUnit("其他单位", projects=[project("绿化", 2)])),
    "first unit coded above the others": table_of(
        FundUnit("某单位", code="820", amounts=Amounts(total=Decimal(5))),
        FundUnit("其他单位", code="820001", projects=[project("绿化", 2)])),
}


@pytest.mark.parametrize("name", list(MISREAD))
def test_names_read_as_totals_or_the_department_survive_csv_and_are_warned_for_xlsx(tmp_path, capsys, name):
    table = MISREAD[name]
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert warnings == [] and back == table
    warnings, back = _import(tmp_path, table, ".xlsx", capsys)
    assert len(warnings) == 1 and "读回填报工作簿时会被当作" in warnings[0]
    assert ("部门汇总行" in warnings[0]) == name.startswith("first unit")
    assert back != table  # the loss the warning announced


@pytest.mark.parametrize("table", [
    table_of(FundUnit("某单位", projects=[project("道路合计", 1), project("小计", 0, goal="完成任务")])),
    table_of(FundUnit("某某小计", projects=[project("绿化", 2)])),  # no row of its own: named on project rows only
    table_of(FundUnit("某某局", amounts=Amounts(total=Decimal(5)), projects=[project("绿化", 1)]),
             FundUnit("其他单位", projects=[project("绿化", 2)])),  # has projects: a unit
])
def test_such_names_with_an_indicator_a_goal_or_projects_are_kept_everywhere(tmp_path, capsys, table):
    for suffix in (".csv", ".xlsx"):
        warnings, back = _import(tmp_path, table, suffix, capsys)
        assert warnings == [] and back == table


def _coded(unit_name: str = "某单位", unit_code: str | None = None, department: str = "某某局",
           department_code: str | None = None, project_department: str | None = None):
    table = table_of(FundUnit(unit_name, code=unit_code, projects=[project("绿化", 2)]))
    table.department, table.department_code = department, department_code
    if project_department:
        table.projects()[0].department = project_department
    return table


#: Labels (name with code in one cell) the reader takes apart otherwise: the CSV writes their codes in
#: columns of their own, the entry workbook cannot (one warning each).
LABELS = {
    "uncoded unit 101001 某单位": _coded("101001 某单位"),
    "uncoded unit 101-某单位": _coded("101-某单位"),
    "uncoded unit [101]某局": _coded("[101]某局"),
    "unit code of one digit": _coded(unit_code="5"),
    "unit code with a letter": _coded("101-某单位", unit_code="A01"),
    "uncoded department [101]某局": _coded(department="[101]某局"),
    "department code with a letter": _coded(department_code="B2"),
    "uncoded project department": _coded(project_department="[015001]某区教育局"),
}


@pytest.mark.parametrize("name", list(LABELS))
def test_labels_read_apart_survive_csv_and_are_warned_for_xlsx(tmp_path, capsys, name):
    table = LABELS[name]
    for headers in ("zh", "en"):
        back = read_table(write_data(table, tmp_path / f"t-{headers}.csv", headers=headers))
        assert back == table, headers
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert warnings == [] and back == table
    warnings, back = _import(tmp_path, table, ".xlsx", capsys)
    assert len(warnings) == 1 and "读回填报工作簿时" in warnings[0] and "将读作" in warnings[0]
    assert back != table


@pytest.mark.parametrize("table", [_coded(unit_code=" 820"), _coded(department_code="820 "),
                                   _coded(project_department="某局")], ids=["unit", "department", "project"])
def test_codes_with_edge_spaces_are_warned_and_lost(tmp_path, capsys, table):
    """A code with a space at one end (from JSON) is written in a code column, whose cell the reader
    strips: said, as edge spaces of any text are (it was lost silently)."""
    if table.projects()[0].department:
        table.projects()[0].department_code = "\t015001"
    warnings, back = _import(tmp_path, table, ".csv", capsys)
    assert len(warnings) == 1 and "编码首尾有空白字符" in warnings[0]
    assert back != table


def test_labels_that_read_back_are_written_as_before(tmp_path, capsys):
    """Coded units (820001-某单位, even when the name begins with digits), a name with digits and no
    separator (101001某单位), a bracketed department code: one cell, no code columns, no warning."""
    table = table_of(FundUnit("101001某单位", projects=[project("绿化", 1)]),
                     FundUnit("101-某单位", code="820001", projects=[project("绿化", 2)]))
    table.department, table.department_code = "某某局", "820"
    for suffix in (".csv", ".xlsx"):
        warnings, back = _import(tmp_path, table, suffix, capsys)
        assert warnings == [] and back == table
    header = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "单位编码" not in header and "部门编码" not in header


def _with(table, change):
    table = copy.deepcopy(table)
    change(table)
    return table


_PLAIN = table_of(FundUnit("某单位", projects=[project("道路养护", 3), project("绿化", 2)]),
                  FundUnit("另一单位", projects=[project("绿化", 1)]))


def _levels_blank(t):
    t.projects()[0].indicators[1] = dataclasses.replace(t.projects()[0].indicators[1], level1="", level1_code=None,
                                                         level2="", level2_code=None)


def _department(name, title=None):
    def change(t):
        t.department = name
        t.title = title or t.title
    return change


#: What neither long format can hold (warned for both), or the entry workbook alone: (change, suffixes, words).
UNHELD = {
    "a unit without a name": (lambda t: setattr(t.units[1], "name", ""), (".csv", ".xlsx"), "名称为空"),
    "a project without a name": (lambda t: setattr(t.projects()[1], "name", ""), (".csv", ".xlsx"), "名称为空"),
    "a department code without a name": (lambda t: setattr(t, "department_code", "820") or setattr(t, "department", ""),
                                         (".csv", ".xlsx"), "没有部门名称"),
    "blank levels under written ones": (_levels_blank, (".csv", ".xlsx"), "会沿用上一行"),
    "an indicator of nothing": (lambda t: t.projects()[0].indicators.insert(1, dataclasses.replace(
        t.projects()[0].indicators[0], level1="", level2="", name="", period_value=parse_value(""),
        annual_value=parse_value(""), level1_code=None, level2_code=None, weight=5.0)), (".csv", ".xlsx"), "不成为一条指标"),
    "levels without name and values": (lambda t: t.projects()[0].indicators.append(dataclasses.replace(
        t.projects()[0].indicators[0], seq=4, name="", period_value=parse_value(""), annual_value=parse_value(""))),
        (".csv", ".xlsx"), "占位行"),
    "a department read as the unit line": (_department("单位：元"), (".xlsx",), "不被当作部门名称"),
    "a department read as the title": (_department("某某局绩效目标表"), (".xlsx",), "会被当作表格标题"),
    "no department, a title naming one": (_department("", "某某局2024年项目支出绩效目标表"), (".xlsx",), "标题中的“某某局”"),
}


@pytest.mark.parametrize("name", list(UNHELD))
def test_what_a_long_format_cannot_hold_is_warned_and_lost(tmp_path, capsys, name):
    change, lossy, words = UNHELD[name]
    table = _with(_PLAIN, change)
    for suffix in (".csv", ".xlsx"):
        warnings, back = _import(tmp_path, table, suffix, capsys)
        said = [w for w in warnings if words in w]
        if suffix in lossy:
            assert said and said == warnings, (suffix, warnings)
            assert back != table
        else:
            assert not said
            assert back == table or warnings  # (the CSV has no title: said on its own)


def test_a_table_without_projects_is_warned_as_unreadable(tmp_path, capsys):
    table = table_of(FundUnit("某单位", amounts=Amounts(total=Decimal(5))))
    for suffix, kind in ((".csv", "CSV"), (".xlsx", "填报工作簿")):
        assert format_losses(table, suffix) == [f"表格没有任何项目：读回{kind}时会因“未读到任何项目”而无法读取（JSON 可完整保存）"]
        out = write_data(table, tmp_path / f"t{suffix}")
        with pytest.raises(InputError, match="未读到任何项目"):
            read_table(out)


_TRICKY = ["某单位", "道路养护", "道路合计", "小计", "合计", "某某局", "101 某单位", "[101]某局", "101001某单位", "",
           "  前后空格 ", "全角　空格", "第一行\n第二行", "≥100%", "—", "0", "12", "'=1", "单位：元", "绩效目标表"]
_TEXT = st.integers(0, 5).flatmap(lambda k: st.sampled_from(_TRICKY if k == 0 else ["道路养护", "绿化", "≥95%"]))
_INDICATOR = st.builds(
    lambda seq, levels, name, period, annual, nature: dataclasses.replace(
        indicator(seq, "x"), level1=levels[0], level2=levels[1], level1_code=None, level2_code=None, name=name,
        period_value=parse_value(period), annual_value=parse_value(annual), nature=nature),
    st.integers(1, 3), st.sampled_from([("产出指标", "数量指标"), ("效益指标", "社会效益指标"), ("", ""), ("产出指标", "")]),
    _TEXT, _TEXT, _TEXT, st.sampled_from([None, "定量", "半定量", "≥"]))
_PROJECT = st.builds(lambda name, goal, total, inds: Project(
    name, amounts=Amounts(total=total, fiscal=total), goal=goal, indicators=inds),
    _TEXT, st.sampled_from(["", "目标", "第一行\n第二行"]), st.sampled_from([None, Decimal(3)]),
    st.lists(_INDICATOR, max_size=3))
_UNIT = st.builds(lambda name, code, total, projects: FundUnit(name, code=code, amounts=Amounts(total=total),
                                                             projects=projects),
                  _TEXT, st.sampled_from([None, "820", "820001", "5", "A01", " 820"]), st.sampled_from([None, Decimal(5)]),
                  st.lists(_PROJECT, max_size=2))


@given(st.lists(_UNIT, min_size=1, max_size=3), _TEXT, st.sampled_from([None, "820", "A1"]))
@settings(max_examples=200, deadline=None)
def test_no_warning_no_loss_for_tricky_names(units, department, department_code):
    """A table the writer says nothing about reads back equal, from the CSV and from the entry sheet."""
    table = PerfTable(department=department, department_code=department_code, units=units)
    if not format_losses(table, ".xlsx"):
        assert table_from_entry_rows(entry_rows(table)) == _coded_levels(table)
    if not format_losses(table, ".csv"):
        with tempfile.TemporaryDirectory() as tmp:
            assert read_table(write_data(table, Path(tmp) / "t.csv")) == table


def _coded_levels(table):
    """The table as the entry sheet reads it back: level codes filled by its formulas."""
    table = copy.deepcopy(table)
    for project_ in table.projects():
        project_.indicators = [with_codes(i) for i in project_.indicators]
    return table
