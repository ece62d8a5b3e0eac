"""Classes of misreading found on real tables the corpus was not tuned for (issue #18,
docs/fidelity.md “未调校表格的首次读取”), each pinned by a form of that class built here
(not the corpus file): the reader must read it, and say nothing false about it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from form_fixtures import c, docx_forms, xlsx_forms
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl import check_table, read_table
from perfgoals_xl.sources.row_kinds import is_placeholder
from perfgoals_xl.sources.vocabulary import field_of, form_label_of, inline_label_value


def _errors(table) -> list[tuple[str, str]]:
    return [(i.code, i.message) for i in check_table(table) if i.severity == "error"]


def _selfeval(goal_label: str, *, top_line: str | None = None, budget: str = "central") -> list:
    """A 项目支出绩效自评表 of 9 columns; `goal_label` heads the 预期目标 / 实际完成情况 rows."""
    cells = []
    r = 0
    if top_line:
        cells.append(c(r, 0, top_line, c2=8))
        r += 1
    cells += [c(r, 0, "项目名称"), c(r, 1, "农村公路养护", c2=8),
              c(r + 1, 0, "主管部门"), c(r + 1, 1, "某县交通运输局", c2=3), c(r + 1, 4, "实施单位"),
              c(r + 1, 5, "某县公路养护中心", c2=8)]
    r += 2
    if budget == "central":
        cells += [c(r, 0, "项目资金\n（万元）", r2=r + 2), c(r, 1, None, c2=2), c(r, 3, "年初预算数"),
                  c(r, 4, "全年预算数(A)"), c(r, 5, "全年执行数(B)"), c(r, 6, "分值"), c(r, 7, "执行率(B/A)"),
                  c(r, 8, "得分"),
                  c(r + 1, 1, "年度资金总额:", c2=2), c(r + 1, 3, 60), c(r + 1, 4, 60), c(r + 1, 5, 54),
                  c(r + 1, 6, 10), c(r + 1, 7, "90%"), c(r + 1, 8, 9),
                  c(r + 2, 1, "其中:本年财政拨款", c2=2), c(r + 2, 3, 60), c(r + 2, 4, 60), c(r + 2, 5, 54),
                  c(r + 2, 6, "-"), c(r + 2, 8, "-")]
        r += 3
    else:  # 预算执行情况（万元）（15分） | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分
        cells += [c(r, 0, "预算执行情况\n（万元）\n（15分）", r2=r + 1), c(r, 1, None, c2=2), c(r, 3, "预算数(A)"),
                  c(r, 4, "执行数(B)"), c(r, 5, "执行率(B/A)", c2=6), c(r, 7, "得分(15分*执行率)", c2=8),
                  c(r + 1, 1, "年度财政资金总额", c2=2), c(r + 1, 3, 60), c(r + 1, 4, 54), c(r + 1, 5, "90%", c2=6),
                  c(r + 1, 7, 13.5, c2=8)]
        r += 2
    cells += [c(r, 0, goal_label, r2=r + 1), c(r, 1, "预期目标", c2=4), c(r, 5, "实际完成情况", c2=8),
              c(r + 1, 1, "完成县乡道路日常养护120公里。", c2=4), c(r + 1, 5, "完成养护126公里。", c2=8)]
    r += 2
    return cells, r


def _selfeval_grid(cells: list, r: int, value_header: str = "年度指标值", slot: str = "指标2:") -> list:
    cells += [c(r, 0, "年度绩效指标完成情况", r2=r + 4), c(r, 1, "一级指标"), c(r, 2, "二级指标"), c(r, 3, "三级指标"),
              c(r, 4, value_header), c(r, 5, "实际完成值(B)"), c(r, 6, "分值"), c(r, 7, "得分"),
              c(r, 8, "偏差原因分析及改进措施"),
              c(r + 1, 1, "产出指标\n(50分)", r2=r + 2), c(r + 1, 2, "数量指标", r2=r + 2), c(r + 1, 3, "指标1:养护里程"),
              c(r + 1, 4, "≥120公里"), c(r + 1, 5, "126公里"), c(r + 1, 6, 50), c(r + 1, 7, 50),
              c(r + 2, 3, slot), c(r + 2, 4, "/"), c(r + 2, 5, "/"),
              c(r + 3, 1, "效益指标\n(30分)"), c(r + 3, 2, "社会效益指标"), c(r + 3, 3, "指标1:道路通行顺畅"),
              c(r + 3, 4, "明显改善"), c(r + 3, 5, "明显改善"), c(r + 3, 6, 30), c(r + 3, 7, 30),
              c(r + 4, 1, "满意度指标\n(10分)"), c(r + 4, 2, "服务对象满意度指标"), c(r + 4, 3, "指标1:群众满意度"),
              c(r + 4, 4, "≥90%"), c(r + 4, 5, "95%"), c(r + 4, 6, 10), c(r + 4, 7, 10),
              c(r + 5, 0, "总分", c2=5), c(r + 5, 6, 100), c(r + 5, 7, 99)]
    return cells


@pytest.mark.parametrize("label", ["年度总体目标完成情况", "总体目标完成情况", "年度总体目标"])
def test_goal_block_whose_own_label_reads_like_a_result(tmp_path, label):
    """年度总体目标完成情况 | 预期目标 | 实际完成情况: the row's label reads like a result header; the
    goal is under 预期目标, the result under 实际完成情况 (not “no 绩效目标”)."""
    cells, r = _selfeval(label)
    path = xlsx_forms(tmp_path / "se.xlsx", [[_selfeval_grid(cells, r)]])
    (project,) = read_table(path).projects()
    assert project.goal == "完成县乡道路日常养护120公里。"
    assert project.actual_summary == "完成养护126公里。"
    assert not [e for e in _errors(read_table(path)) if e[0] == "PG-C01"]


def test_numbered_slot_marked_not_applicable_is_no_indicator(tmp_path):
    """A template's 指标2:/ (the slot's number and a not-applicable mark) is a placeholder row."""
    cells, r = _selfeval("年度总体目标")
    path = xlsx_forms(tmp_path / "se.xlsx", [[_selfeval_grid(cells, r, slot="指标2:/")]])
    (project,) = read_table(path).projects()
    assert [i.name for i in project.indicators] == ["指标1:养护里程", "指标1:道路通行顺畅", "指标1:群众满意度"]


@pytest.mark.parametrize("text", ["指标1:/", "指标2：／", "指标3:无", "指标1：—", "三级指标2:", "指标10、", "指标2……", "指标2…", "指标3..."])
def test_template_slots_are_placeholders(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["指标1:资金到位率", "指标1:/ 补贴", "指标名称", "指标2……工程"])
def test_a_named_indicator_is_no_placeholder(text):
    assert not is_placeholder(text)


def test_year_start_target_column_is_the_annual_value(tmp_path):
    """年初目标值(A) | 实际完成值(B): the targets are the annual values (no S05 “值为空” on each row)."""
    cells, r = _selfeval("年度总体目标")
    path = xlsx_forms(tmp_path / "se.xlsx", [[_selfeval_grid(cells, r, value_header="年初目标值(A)")]])
    table = read_table(path)
    (project,) = table.projects()
    assert [i.annual_value.raw for i in project.indicators] == ["≥120公里", "明显改善", "≥90%"]
    assert not [e for e in _errors(table) if e[0] == "PG-S05"]
    assert field_of("年初目标值（A）") == field_of("当年预期实现值") == "annual_value"


def test_two_column_budget_block_with_its_weight_in_the_label(tmp_path):
    """预算执行情况（万元）（15分） | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分: 预算数 is the budget the
    execution is measured against (全年预算数); the block's 分值 is the one printed in its label."""
    cells, r = _selfeval("年度总体目标", budget="two")
    path = xlsx_forms(tmp_path / "se.xlsx", [[_selfeval_grid(cells, r)]])
    (project,) = read_table(path).projects()
    assert (project.budget_adjusted, project.budget_executed) == (Decimal(60), Decimal(54))
    assert project.budget_block.get("weight") == "15"
    assert project.budget_block.get("score") == "13.5"


def test_a_line_holding_two_labels_gives_each_its_own_value(tmp_path):
    """单位名称：某中心　　填报日期：2023年1月5日 above the table: the unit is 某中心, not the rest."""
    cells, r = _selfeval("年度总体目标", top_line="单位名称：某县公路养护中心　　填报日期：2023年1月5日")
    path = xlsx_forms(tmp_path / "se.xlsx", [[_selfeval_grid(cells, r)]])
    (project,) = read_table(path).projects()
    assert project.implementer == "某县公路养护中心"
    assert inline_label_value("项目名称：乡村道路养护 联系电话：0731-1234567") == ("项目名称", "乡村道路养护")
    assert inline_label_value("项目名称：乡村道路 养护工程") == ("项目名称", "乡村道路 养护工程")
    assert inline_label_value("备注：见附件：清单") == ("备注", "见附件：清单")
    assert inline_label_value("没有冒号") is None


def _city_form() -> list:
    """A city 市直 form: cost build-up under 项目预算 (合计 row), one 绩效目标, and a grid whose 一级指标
    column holds 数量指标 / 质量指标 and whose 二级指标 column holds the indicators."""
    return [
        c(0, 0, "项目名称"), c(0, 1, "机关食堂运行保障", c2=5),
        c(1, 0, "项目类别"), c(1, 1, "本级支出项目", c2=2), c(1, 3, "项目性质"), c(1, 4, "持续性项目", c2=5),
        c(2, 0, "项目预算", r2=5), c(2, 1, "成本构成"), c(2, 2, "金额"), c(2, 3, "测算(公式)依据"),
        c(2, 4, "上年实际执行数", c2=5),
        c(3, 1, "食材采购费"), c(3, 2, 60), c(3, 3, "按就餐人次测算"), c(3, 4, 58, c2=5),
        c(4, 1, "燃气水电费"), c(4, 2, 20), c(4, 3, "据实结算"), c(4, 4, 19, c2=5),
        c(5, 1, "合计"), c(5, 2, 80), c(5, 4, 77, c2=5),
        c(6, 0, "绩效目标"), c(6, 1, "保障机关干部职工就餐，食品安全零事故。", c2=5),
        c(7, 0, "绩效指标", c2=3), c(7, 4, "保障绩效目标实现措施", r2=8, c2=5),
        c(8, 0, "一级指标"), c(8, 1, "二级指标"), c(8, 2, "绩效标准"), c(8, 3, "当年预期实现值"),
        c(9, 0, "数量指标", r2=10), c(9, 1, "供餐天数"), c(9, 2, "反映全年供餐情况"), c(9, 3, "≥250天"), c(9, 4, None, c2=5),
        c(10, 1, "日均就餐人次"), c(10, 2, "反映就餐规模"), c(10, 3, "≥300人次"), c(10, 4, None, c2=5),
        c(11, 0, "质量指标"), c(11, 1, "食品安全事故"), c(11, 2, "反映食品安全"), c(11, 3, "0起"), c(11, 4, None, c2=5),
        c(12, 0, "效益指标"), c(12, 1, "职工满意度"), c(12, 2, "反映服务质量"), c(12, 3, "≥90%"), c(12, 4, None, c2=5),
    ]


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_two_level_grid_whose_level1_column_holds_level2_names(tmp_path, kind):
    """一级指标 | 二级指标 | 绩效标准 | 当年预期实现值 with 数量指标 under 一级指标: read one level down
    (数量指标 the level-2, the 二级指标 cell the indicator), the level-1 its framework parent; the
    cost build-up's 合计 is the amount (not the 成本构成 header beside 项目预算)."""
    path = (xlsx_forms(tmp_path / "city.xlsx", [[_city_form()]]) if kind == "xlsx"
            else docx_forms(tmp_path / "city.docx", [_city_form()]))
    table = read_table(path)
    (project,) = table.projects()
    got = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators]
    assert got[:3] == [("产出指标", "数量指标", "供餐天数", "≥250天"), ("产出指标", "数量指标", "日均就餐人次", "≥300人次"),
                       ("产出指标", "质量指标", "食品安全事故", "0起")]
    assert project.amounts.total == Decimal(80)
    assert not [e for e in _errors(table) if e[0] in {"PG-S03", "PG-C02"}]


def test_a_standard_grid_is_not_shifted(tmp_path):
    """一级指标 | 二级指标 | 指标值 whose 一级 column holds 产出指标: no shift (the 二级 column is the level-2)."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "培训项目", c2=3), c(1, 0, "年度目标"), c(1, 1, "完成培训。", c2=3),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值"),
             c(3, 0, "产出指标"), c(3, 1, "数量指标"), c(3, 2, "培训人次"), c(3, 3, "≥100人次")]
    (project,) = read_table(xlsx_forms(tmp_path / "f.xlsx", [[cells]])).projects()
    assert [(i.level1, i.level2, i.name) for i in project.indicators] == [("产出指标", "数量指标", "培训人次")]


def test_second_level_project_name_and_investment_plan_labels(tmp_path):
    """一级项目名称 | … | 二级项目名称 | <the project>; 下达地方或单位 and 下达中央预算内投资（万元） of the
    investment-plan target table are the unit and the amount."""
    cells = [c(0, 0, "一级项目名称"), c(0, 1, "文化事业发展专项资金"), c(0, 2, "二级项目名称"), c(0, 3, "图书馆免费开放补助"),
             c(1, 0, "下达地方或单位"), c(1, 1, "某县人民政府", c2=3),
             c(2, 0, "下达中央预算内投资（万元）"), c(2, 1, 350, c2=3),
             c(3, 0, "年度绩效目标"), c(3, 1, "保障图书馆免费开放。", c2=3),
             c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值"),
             c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "开放天数"), c(5, 3, "≥300天"),
             c(6, 0, "满意度指标"), c(6, 1, "服务对象满意度指标"), c(6, 2, "读者满意度"), c(6, 3, "≥90%")]
    table = read_table(xlsx_forms(tmp_path / "f.xlsx", [[cells]]))
    (project,) = table.projects()
    assert project.name == "图书馆免费开放补助"
    assert project.amounts.total == Decimal(350)
    assert "某县人民政府" in {project.implementer, table.units[0].name}
    assert not [e for e in _errors(table) if e[0] == "PG-S01"]
    assert form_label_of("下达中央预算内投资(万元)") == ("total", "万元")


def _no_weight_selfeval(actual_second: str) -> list:
    """A 财政项目绩效自评表 scoring 年度绩效目标(80分) as a block: no 分值 column, 得分 per indicator."""
    return [c(0, 0, "项目名称"), c(0, 1, "社区卫生服务补助", c2=6),
            c(1, 0, "主管部门"), c(1, 1, "某市卫生健康委", c2=2), c(1, 3, "项目实施单位", c2=4), c(1, 5, "某社区卫生服务中心", c2=6),
            c(2, 0, "年度绩效目标\n(80分)", r2=5), c(2, 1, "一级指标"), c(2, 2, "二级指标"), c(2, 3, "三级指标"),
            c(2, 4, "年初目标值\n(A)"), c(2, 5, "实际完成值\n(B)"), c(2, 6, "得分"),
            c(3, 1, "产出指标", r2=4), c(3, 2, "数量指标"), c(3, 3, "签约服务人数"), c(3, 4, "≥5000人"),
            c(3, 5, "5200人"), c(3, 6, 20),
            c(4, 2, "时效指标"), c(4, 3, "补助资金拨付及时率"), c(4, 4, "100%"), c(4, 5, actual_second), c(4, 6, 20),
            c(5, 1, "满意度指标"), c(5, 2, "服务对象满意度指标"), c(5, 3, "居民满意度"), c(5, 4, "≥90%"),
            c(5, 5, "93%"), c(5, 6, 20)]


def test_no_printed_weight_no_score_error_on_an_achieved_result(tmp_path):
    """No 分值 column: a claim on an achieved (or partly achieved) result cannot be checked against a
    分值 nobody printed — no PG-E06; a claim on a result that earns nothing still is one."""
    table = read_table(xlsx_forms(tmp_path / "ok.xlsx", [[_no_weight_selfeval("100%")]]))
    assert [i.annual_value.raw for i in table.projects()[0].indicators] == ["≥5000人", "100%", "≥90%"]
    assert not [e for e in _errors(table) if e[0] == "PG-E06"]
    table = read_table(xlsx_forms(tmp_path / "bad.xlsx", [[_no_weight_selfeval("")]]))
    assert [e for e in _errors(table) if e[0] == "PG-E06"]


def test_levels_one_column_right_under_a_wrapper_level(tmp_path):
    """一级指标 实施效果指标 over 二级 产出指标 / 效益指标 (the investment-plan form): the table has
    output and benefit indicators — no PG-C02 / PG-C03; the printed levels are still no framework
    names (PG-S03 / PG-S04 say so)."""
    cells = [c(0, 0, "专项名称"), c(0, 1, "污水处理设施建设专项", c2=3),
             c(1, 0, "总体目标"), c(1, 1, "提高污水集中收集处理率。", c2=3),
             c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值"),
             c(3, 0, "实施效果指标", r2=5), c(3, 1, "产出指标", r2=4), c(3, 2, "新建管网长度"), c(3, 3, "≥12公里"),
             c(4, 2, "竣工验收合格率"), c(4, 3, "100%"),
             c(5, 1, "效益指标"), c(5, 2, "污水集中收集率"), c(5, 3, "≥85%")]
    table = read_table(xlsx_forms(tmp_path / "plan.xlsx", [[cells]]))
    codes = {e[0] for e in _errors(table)}
    assert not codes & {"PG-C02", "PG-C03"}
    assert {"PG-S03", "PG-S04"} <= codes


def test_a_long_value_after_a_label_is_kept_whole():
    """项目名称：… with a long text: the value is the whole rest (no cut at a length), and a later
    colon inside it that is no label does not end it."""
    goal = "完成年度目标：" + "道路养护、" * 200
    assert inline_label_value("年度目标：" + goal) == ("年度目标", goal)
    hostile = "备注：" + " 甲：" * 5000
    assert inline_label_value(hostile)[0] == "备注"


def test_a_budget_block_label_is_no_budget_column(tmp_path):
    """项目资金（万元） | 年初预算数 | 全年执行数 (no 全年预算数): the row's own label is no 预算数 column."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "街巷保洁外包", c2=6),
             c(1, 0, "项目资金\n（万元）", r2=2), c(1, 1, None), c(1, 2, "年初预算数(A)"), c(1, 3, "全年执行数(B)"),
             c(1, 4, "分值"), c(1, 5, "执行率(B/A)"), c(1, 6, "得分"),
             c(2, 1, "年度资金总额:"), c(2, 2, 300), c(2, 3, 150), c(2, 4, 10), c(2, 5, "50%"), c(2, 6, 5),
             c(3, 0, "年度总体目标", r2=4), c(3, 1, "预期目标", c2=3), c(3, 4, "实际完成情况", c2=6),
             c(4, 1, "完成街巷保洁外包。", c2=3), c(4, 4, "已完成。", c2=6),
             c(5, 0, "一级指标"), c(5, 1, "二级指标"), c(5, 2, "三级指标"), c(5, 3, "年度指标值"), c(5, 4, "实际完成值"),
             c(5, 5, "分值"), c(5, 6, "得分"),
             c(6, 0, "产出指标"), c(6, 1, "数量指标"), c(6, 2, "保洁道路条数"), c(6, 3, "20条"), c(6, 4, "20条"),
             c(6, 5, 90), c(6, 6, 90)]
    (project,) = read_table(xlsx_forms(tmp_path / "b.xlsx", [[cells]])).projects()
    assert (project.budget_initial, project.budget_adjusted, project.budget_executed) == (Decimal(300), None, Decimal(150))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="项目名称单位填报日期联系电话：: 　/甲乙0123", max_size=300))
def test_inline_label_value_on_any_text(text):
    """Any cell: None, or a label of at most 20 characters and a value that is part of the cell."""
    pair = inline_label_value(text)
    if pair is not None:
        label, value = pair
        assert 1 <= len(label) <= 20 and label in text
        assert value in text
