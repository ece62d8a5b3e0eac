"""Classes of misreading found by the second held-out round (issue #18, docs/fidelity.md
“未调校表格的首次读取”, 第二轮), each pinned by a form of that class built here (not the corpus
file): the reader must read it, and say nothing false about it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from form_fixtures import c, docx_forms, xlsx_forms
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl import check_table, read_table
from perfgoals_xl.sources.vocabulary import (
    DIRECTION_WORDS,
    NATURE_WORDS,
    form_label_of,
    sort_qualifiers,
)


def _errors(table) -> list[tuple[str, str]]:
    return [(i.code, i.message) for i in check_table(table) if i.severity == "error"]


def _split_value_selfeval() -> list:
    """A 自评表 whose indicator header is printed on two rows: 绩效指标 | 年度指标值 (merged over
    指标性质 | 指标值 | 度量单位) | 实际完成值 | 分值 | 得分 | 偏差… above 一级/二级/三级指标 and the
    value parts; the labels of the upper row are merged down over the lower one."""
    return [c(0, 0, "项目名称"), c(0, 1, "森林防火补助经费", c2=9),
            c(1, 0, "主管部门"), c(1, 1, "某州林业和草原局", c2=4), c(1, 5, "实施单位"), c(1, 6, "某县林草局", c2=9),
            c(2, 0, "项目资金 (万元)", r2=3), c(2, 1, None, c2=2), c(2, 3, "年初预算数"), c(2, 4, "全年预算数"),
            c(2, 5, "全年执行数"), c(2, 6, "分值"), c(2, 7, "执行率"), c(2, 8, "得分", c2=9),
            c(3, 1, "年度资金总额", c2=2), c(3, 3, 12), c(3, 4, 12), c(3, 5, 12), c(3, 6, 10), c(3, 7, "100%"),
            c(3, 8, 10, c2=9),
            c(4, 0, "年度 总体 目标", r2=5), c(4, 1, "预期目标", c2=5), c(4, 6, "实际完成情况", c2=9),
            c(5, 1, "完成全县重点林区防火巡护300公里以上，巡护覆盖全部林区。", c2=5), c(5, 6, "已完成巡护320公里。", c2=9),
            c(6, 0, "绩效指标", c2=2), c(6, 3, "年度指标值", c2=5), c(6, 6, "实际完成值", r2=7), c(6, 7, "分值", r2=7),
            c(6, 8, "得分", r2=7), c(6, 9, "偏差原因分析及改进措施", r2=7),
            c(7, 0, "一级 指标"), c(7, 1, "二级指标"), c(7, 2, "三级指标"), c(7, 3, "指标性质"), c(7, 4, "指标值"),
            c(7, 5, "度量单位"),
            c(8, 0, "产出指标", r2=9), c(8, 1, "数量指标"), c(8, 2, "巡护里程"), c(8, 3, "≥"), c(8, 4, 300),
            c(8, 5, "公里"), c(8, 6, 320), c(8, 7, 40), c(8, 8, 40),
            c(9, 1, "质量指标"), c(9, 2, "巡护覆盖率"), c(9, 3, "﹦"), c(9, 4, 100), c(9, 5, "%"), c(9, 6, 100),
            c(9, 7, 30), c(9, 8, 30),
            c(10, 0, "效益指标"), c(10, 1, "生态效益指标"), c(10, 2, "森林火灾受害率"), c(10, 3, "≤"), c(10, 4, 0.9),
            c(10, 5, "‰"), c(10, 6, 0.5), c(10, 7, 10), c(10, 8, 10),
            c(11, 0, "满意度指标"), c(11, 1, "服务对象满意度指标"), c(11, 2, "群众满意度"), c(11, 3, "≥"), c(11, 4, 90),
            c(11, 5, "%"), c(11, 6, 95), c(11, 7, 10), c(11, 8, 10)]


@pytest.mark.parametrize("container", ["xlsx", "docx"])
def test_selfeval_header_on_two_rows_with_split_value(tmp_path, container):
    """The split 年度指标值 is read as operator + value + unit; 实际完成值, 分值, 得分 from the row
    above (merged down) — the whole indicator grid, not nothing."""
    cells = _split_value_selfeval()
    path = (xlsx_forms(tmp_path / "se.xlsx", [[cells]]) if container == "xlsx"
            else docx_forms(tmp_path / "se.docx", [cells]))
    table = read_table(path)
    (project,) = table.projects()
    got = [(i.level1, i.level2, i.name, i.annual_value.raw, i.actual_value.raw if i.actual_value else None,
            i.weight, i.score) for i in project.indicators]
    assert got == [("产出指标", "数量指标", "巡护里程", "≥300公里", "320", 40, 40),
                   ("产出指标", "质量指标", "巡护覆盖率", "100%", "100", 30, 30),
                   ("效益指标", "生态效益指标", "森林火灾受害率", "≤0.9‰", "0.5", 10, 10),
                   ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95", 10, 10)]
    assert project.goal == "完成全县重点林区防火巡护300公里以上，巡护覆盖全部林区。"
    assert not _errors(table)


def _qualifier_form(sign_header: str, sign: str, nature_header: str | None, nature: str | None) -> list:
    """A one-project 申报表 whose comparison is printed under `sign_header` (and, when given, 正向 /
    定量 under `nature_header`)."""
    header = ["一级指标", "二级指标", "三级指标"] + ([nature_header] if nature_header else []) + [sign_header,
                                                                                    "目标值", "度量单位"]
    row = ["产出指标", "数量指标", "培训人次"] + ([nature] if nature_header else []) + [sign, 200, "人次"]
    row2 = ["效益指标", "社会效益指标", "应急处置能力"] + (["正向"] if nature_header else []) + ["定性", "提升", None]
    n = len(header)
    cells = [c(0, 0, "项目支出名称"), c(0, 1, "卫生应急专项", c2=n - 1),
             c(1, 0, "部门预算"), c(1, 1, 40, c2=n - 1),
             c(2, 0, "项目绩效目标"), c(2, 1, "开展应急培训，提升处置能力。", c2=n - 1)]
    cells += [c(3, i, h) for i, h in enumerate(header)]
    cells += [c(4, i, v) for i, v in enumerate(row) if v is not None]
    cells += [c(5, i, v) for i, v in enumerate(row2) if v is not None]
    cells += [c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "受训人员满意度")]
    cells += [c(6, 3 + (1 if nature_header else 0), "≥"), c(6, 4 + (1 if nature_header else 0), 90),
              c(6, 5 + (1 if nature_header else 0), "%")]
    return cells


@pytest.mark.parametrize(("sign_header", "sign", "nature_header", "nature", "value"), [
    ("指标值类型", "≤", None, None, "≤200人次"),  # 湖南 2025: ≤ or 定性 under 指标值类型
    ("指标方向", "大于等于", "指标性质", "正向", "大于等于200人次"),  # 内蒙古: 正向 under 指标性质, the comparison in words
    ("指标方向", "不低于", "指标性质", "定量", "不低于200人次"),
])
def test_comparison_printed_under_another_qualifier_header(tmp_path, sign_header, sign, nature_header, nature, value):
    """The comparison is joined to the value whichever qualifier column printed it; 定性 and 正向 are
    the nature and the direction, not part of the value."""
    table = read_table(xlsx_forms(tmp_path / "f.xlsx", [[_qualifier_form(sign_header, sign, nature_header, nature)]]))
    (project,) = table.projects()
    first, second, _ = project.indicators
    assert first.annual_value.raw == value
    assert first.annual_value.number == 200 and first.annual_value.operator in {"≥", "≤"}
    assert second.annual_value.raw == "提升" and second.nature == "定性"
    if nature_header:
        assert second.direction == "正向"


_CELL = st.sampled_from(["", "≥", "≤", "﹦", "大于等于", "等于", "不低于", "定量", "定性", "正向", "反向指标", "约", "其他"])


@given(_CELL, _CELL, _CELL)
def test_sort_qualifiers_puts_each_cell_where_its_content_belongs(op, nature, direction):
    """No cell is lost or duplicated; a comparison never ends up as nature or direction, a 定性 never
    as the operator."""
    cells = (op, nature, direction)
    out = sort_qualifiers(*cells)
    assert all(t in cells for t in out if t)  # nothing made up
    kinds = {0 if t in {"≥", "≤", "﹦", "大于等于", "等于", "不低于"} else 1 if t in NATURE_WORDS
             else 2 if t in DIRECTION_WORDS else 3 for t in cells if t}
    if len(kinds) == len([t for t in cells if t]) and 3 not in kinds:  # one of each kind at most: none lost
        assert sorted(t for t in out if t) == sorted(t for t in cells if t)
    assert out[1] in NATURE_WORDS or out[1] in {"", nature}
    assert out[2] in DIRECTION_WORDS or out[2] in {"", direction}
    assert out[0] not in NATURE_WORDS | DIRECTION_WORDS


def test_a_coded_operator_in_the_nature_column_is_the_operator() -> None:
    """云南's system export prints 004 >= / 005 <= (its code, then the sign) under 指标性质: the sign
    is the operator (the value then reads >=20次, never 004 >=20次), a code alone is none."""
    assert sort_qualifiers("", "004 >=", "") == ("004 >=", "", "")
    assert sort_qualifiers("", "005 <=", "正向") == ("005 <=", "", "正向")
    assert sort_qualifiers("", "004", "") == ("", "004", "")


@pytest.mark.parametrize(("label", "field"), [
    ("(一)财政拨款小计", "fiscal"), ("（一）财政拨款小计", "fiscal"), ("(三)其他收入", "other"), ("其他收入", "other"),
    ("(二)财政资金合计", "fiscal"),
    ("1、一般公共预算", None), ("(二)自有资金小计", None), ("(一)项目概况", None), ("(二)", None),
])
def test_numbered_parts_of_an_amount_breakdown(label, field):
    """(一)财政拨款小计 / (三)其他收入 are the 财政拨款 and 其他资金 lines; their 1、2、 sub-items are
    parts of a part, and a numbered label of another kind is no amount."""
    assert form_label_of(label)[0] == field


def test_amount_breakdown_with_numbered_subtotals(tmp_path):
    """年度资金总额 heading a 金额(万元) column over (一)财政拨款小计 … (三)其他收入: fiscal and other are read."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "麻风病防治", c2=4), c(1, 0, "预算单位"), c(1, 1, "区疾控中心", c2=4),
             c(2, 0, "项目资金(万元)", r2=7), c(2, 1, "年度资金总额", c2=3), c(2, 4, "金额(万元)"),
             c(3, 1, "   (一)财政拨款小计", c2=3), c(3, 4, "4.00"), c(4, 1, "       1、一般公共预算", c2=3), c(4, 4, "4.00"),
             c(5, 1, "       2、政府性基金", c2=3), c(5, 4, "0.00"), c(6, 1, "   (二)自有资金小计", c2=3), c(6, 4, "0.00"),
             c(7, 1, "   (三)其他收入", c2=3), c(7, 4, "0.00"),
             c(8, 0, "总体目标"), c(8, 1, "开展宣传和慰问。", c2=4),
             c(9, 0, "一级指标"), c(9, 1, "二级指标"), c(9, 2, "三级指标", c2=3), c(9, 4, "指标值"),
             c(10, 0, "产出指标"), c(10, 1, "数量指标"), c(10, 2, "慰问人数", c2=3), c(10, 4, "32人"),
             c(11, 0, "效益指标"), c(11, 1, "社会效益指标"), c(11, 2, "防治知识知晓率", c2=3), c(11, 4, "≥90%"),
             c(12, 0, "满意度指标"), c(12, 1, "服务对象满意度指标"), c(12, 2, "群众满意度", c2=3), c(12, 4, "≥90%")]
    (project,) = read_table(xlsx_forms(tmp_path / "m.xlsx", [[cells]])).projects()
    assert project.amounts.fiscal == Decimal("4.00")
    assert project.amounts.other == Decimal("0.00")


def test_nonstandard_level1_over_standard_level2_counts_for_completeness(tmp_path):
    """一级指标 printed 项目完成指标 / 项目效益指标 over the framework's 数量指标 / 社会效益指标: the table
    has output and benefit indicators (no PG-C02 / PG-C03); PG-S03 still says the 一级 names are none."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "麻风病防治", c2=3), c(1, 0, "年度目标"), c(1, 1, "开展宣传和慰问。", c2=3),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值"),
             c(3, 0, "项目完成指标", r2=4), c(3, 1, "数量指标"), c(3, 2, "慰问人数"), c(3, 3, "32人"),
             c(4, 1, "时效指标"), c(4, 2, "资金拨付到位时间"), c(4, 3, "12月底前"),
             c(5, 0, "项目效益指标"), c(5, 1, "社会效益指标"), c(5, 2, "防治知识知晓率"), c(5, 3, "≥90%"),
             c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "群众满意度"), c(6, 3, "≥90%")]
    table = read_table(xlsx_forms(tmp_path / "l.xlsx", [[cells]]))
    codes = {e[0] for e in _errors(table)}
    assert not codes & {"PG-C02", "PG-C03"}
    assert "PG-S03" in codes


def test_unknown_level1_over_unknown_level2_still_lacks_outputs(tmp_path):
    """Only a framework 二级 classes an unknown 一级: names of no level at all leave no 产出 (PG-C02 stands)."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "某专项", c2=3), c(1, 0, "年度目标"), c(1, 1, "完成工作。", c2=3),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值"),
             c(3, 0, "工作指标"), c(3, 1, "工作内容"), c(3, 2, "完成调研"), c(3, 3, "2次"),
             c(4, 0, "效益指标"), c(4, 1, "社会效益指标"), c(4, 2, "群众知晓率"), c(4, 3, "≥90%")]
    codes = {e[0] for e in _errors(read_table(xlsx_forms(tmp_path / "u.xlsx", [[cells]])))}
    assert "PG-C02" in codes


def test_department_table_with_comparison_under_direction_header(tmp_path):
    """A 部门整体支出绩效目标表 printing 正向 under 指标性质 and 大于等于 under 指标方向: the comparison is
    the value's, the 正向 its direction (the same class on the department grid)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.merge_cells("A1:H1")
    ws["A1"] = "2024年度部门整体支出绩效目标表"
    ws["A2"], ws["B2"] = "部门（单位）名称", "某旗自然资源局"
    ws.merge_cells("B2:H2")
    ws["A3"], ws["B3"] = "年度资金总额", 300
    ws.merge_cells("B3:H3")
    ws["A4"], ws["B4"] = "年度绩效总目标", "完成全旗自然资源调查监测和国土空间生态修复年度任务。"
    ws.merge_cells("B4:H4")
    for col, text in enumerate(("一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "指标值", "度量单位"), start=2):
        ws.cell(5, col, text)
    ws["A5"] = "绩效指标"
    ws.merge_cells("A5:A8")
    rows = [("产出指标", "数量指标", "调查监测图斑数", "正向", "大于等于", 1200, "个"),
            ("效益指标", "生态效益指标", "修复面积", "正向", "大于等于", 50, "公顷"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "正向", "大于等于", 90, "%")]
    for r, row in enumerate(rows, start=6):
        for col, value in enumerate(row, start=2):
            ws.cell(r, col, value)
    path = tmp_path / "dept.xlsx"
    wb.save(path)
    table = read_table(path)
    indicators = table.plan.indicators
    assert [i.annual_value.raw for i in indicators] == ["大于等于1200个", "大于等于50公顷", "大于等于90%"]
    assert {i.direction for i in indicators} == {"正向"}


@pytest.mark.parametrize(("whole", "year"), [("项目总预算(万元)", "项目当年预算(万元)"), ("项目总投资(万元)", "年度预算(万元)")])
def test_whole_term_budget_beside_the_years(tmp_path, whole, year):
    """项目总预算 75 (2019–2021) beside 项目当年预算 25 (芜湖, round 3): the year's amount is the
    project's 年度资金总额; the whole term's is kept, not taken for the year's."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "特殊人群病种筛查经费", c2=5),
             c(1, 0, "起始日期:2019年1月1日", c2=2), c(1, 3, "结束日期:2021年12月31日", c2=5),
             c(2, 0, whole), c(2, 1, "75.00", c2=2), c(2, 3, year, c2=4), c(2, 5, "25.00"),
             c(3, 0, "项目绩效目标"), c(3, 1, "完成特殊人群病种筛查，做好传染病监测和防控工作。", c2=5),
             c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标", c2=4), c(4, 5, "指标值"),
             c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "筛查人数", c2=4), c(5, 5, "≥5000人"),
             c(6, 0, "效益指标"), c(6, 1, "社会效益指标"), c(6, 2, "传染病早发现率", c2=4), c(6, 5, "明显提高"),
             c(7, 0, "满意度指标"), c(7, 1, "服务对象满意度指标"), c(7, 2, "受检人员满意度", c2=4), c(7, 5, "≥90%")]
    table = read_table(xlsx_forms(tmp_path / "w.xlsx", [[cells]]))
    (project,) = table.projects()
    assert project.amounts.total == Decimal("25.00")
    assert "75" in " ".join(str(v) for v in project.extras.values())


def test_a_lone_whole_term_budget_is_the_total(tmp_path):
    """项目总预算 alone (no amount for the year beside it) stays the project's total."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "某专项", c2=3), c(1, 0, "项目总预算(万元)"), c(1, 1, "40", c2=3),
             c(2, 0, "年度目标"), c(2, 1, "完成年度建设任务并通过验收。", c2=3),
             c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标"), c(3, 3, "指标值"),
             c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "建设数量"), c(4, 3, "2个")]
    (project,) = read_table(xlsx_forms(tmp_path / "t.xlsx", [[cells]])).projects()
    assert project.amounts.total == Decimal("40")


def test_amount_labels_over_their_amounts(tmp_path):
    """项目资金来源情况 | 其中:上级财政补助资金 | 其中:同级财政资金 | 其他 over 0.00 | 25.00 | 0.00 (芜湖,
    round 3): each amount label takes the amount below it; the two 财政 parts add up to the 财政拨款."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "特殊人群病种筛查经费", c2=5),
             c(1, 0, "项目当年预算(万元)"), c(1, 1, "25.00", c2=5),
             c(2, 0, "项目资金来源情况(万元)", r2=3), c(2, 1, "其中:上级财政补助资金", c2=2),
             c(2, 3, "其中:同级财政资金", c2=4), c(2, 5, "其他"),
             c(3, 1, "5.00", c2=2), c(3, 3, "20.00", c2=4), c(3, 5, "0.00"),
             c(4, 0, "项目绩效目标"), c(4, 1, "完成特殊人群病种筛查，做好传染病监测和防控工作。", c2=5),
             c(5, 0, "一级指标"), c(5, 1, "二级指标"), c(5, 2, "三级指标", c2=4), c(5, 5, "指标值"),
             c(6, 0, "产出指标"), c(6, 1, "数量指标"), c(6, 2, "筛查人数", c2=4), c(6, 5, "≥5000人")]
    table = read_table(xlsx_forms(tmp_path / "s.xlsx", [[cells]]))
    (project,) = table.projects()
    assert project.amounts.total == Decimal("25.00")
    assert project.amounts.other == Decimal("0.00")
    assert project.amounts.fiscal == Decimal("25.00")  # 上级 5.00 + 同级 20.00: parts of one 财政拨款
    assert not [e for e in _errors(table) if e[0] == "PG-A01"]  # the parts add up to the total
