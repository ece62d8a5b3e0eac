"""Evaluation scoring sheets (绩效评价评分表, 评价指标体系式): a department's 部门整体支出绩效评价自评表
(the department layout) and a project's (the 自评表 form layout).

The 财预〔2020〕10号 framework of 部门整体支出绩效评价 and its provincial variants print no target and
no actual: each row is a criterion of the evaluation framework (决策 / 过程 / 产出 / 效益, or 规划 /
执行 / 效果 / 满意度, each level with its points) with its 分值, an explanation and a scoring rule
(指标说明, 评分要点, 评分标准 …) and the 自评得分 claimed. Nothing is missing from such a table: the
value columns are not there (``values_printed`` False), the levels are the evaluation framework's
(not 产出/效益/满意度 of a target table), there is no 年度绩效总目标 and no budget line; the claims are
judged against their weights only (0 ≤ 得分 ≤ 分值), and the total is the claims' total.
"""

from __future__ import annotations

import copy
import csv
import io
import math
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sheetcheck import assert_no_clipped_text

from perfgoals_xl.errors import InputError
from perfgoals_xl.jsonio import read_json, write_json
from perfgoals_xl.model import PerfTable, scoring_sheet
from perfgoals_xl.report import build_report_layout, write_report
from perfgoals_xl.report.selfeval import write_selfeval_workbook
from perfgoals_xl.report.selfeval_layout import WIDTHS, build_selfeval_layout
from perfgoals_xl.rules import check_table
from perfgoals_xl.scoring import score_table
from perfgoals_xl.scoring.indicator import claimed_score
from perfgoals_xl.sources import read_table

#: (一级, 二级, 三级, 分值, 指标说明, 评分要点, 自评得分): 决策 20 / 过程 30 / 产出 30 / 效益 20.
ROWS = [
    ("决策(20分)", "目标设定(8分)", "绩效目标合理性", 4, "部门整体绩效目标是否依据充分、符合实际。",
     "①依据充分（2分）；②符合部门职责（2分）。", 4),
    (None, None, "绩效指标明确性", 4, "绩效指标是否细化、量化、可衡量。", "指标细化量化得4分，否则酌情扣分。", 3),
    (None, "预算配置(12分)", "在职人员控制率", 6, "在职人员数占编制数的比重。", "≤100%得6分，每超1%扣1分。", 6),
    (None, None, "“三公经费”变动率", 6, "本年“三公经费”与上年相比的变动情况。", "≤0得6分，否则不得分。", 6),
    ("过程(30分)", "预算执行(18分)", "预算完成率", 10, "预算完成数占预算数的比重。", "完成率×10分。", 9),
    (None, None, "结转结余变动率", 8, "结转结余总额与上年相比的变动情况。", "≤0得8分，否则按比例扣分。", 8),
    (None, "预算管理(12分)", "管理制度健全性", 12, "部门为加强预算管理制定的制度是否健全。", "制度健全得12分。", 12),
    ("产出(30分)", "职责履行(30分)", "重点工作完成率", 30, "重点工作实际完成数占计划数的比重。", "完成率×30分。", 28),
    ("效益(20分)", "履职效益(20分)", "社会效益", 10, "部门履职对经济社会发展的影响。", "显著得10分，较好得8分。", 8),
    (None, None, "服务对象满意度", 10, "服务对象对部门履职效果的满意程度。", "≥90%得10分，每低1%扣0.5分。", 9),
]
CLAIMED = sum(r[6] for r in ROWS)  # 93 of 100


def _sheet(path: Path, rows: list[tuple], *, total: object = CLAIMED) -> Path:
    """The sheet as a county types it: title, 单位名称, the grid with levels merged down, 合计."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年度部门整体支出绩效评价自评表"])
    ws.append(["单位名称", "某县农业农村局"])
    ws.append(["序号", "一级指标", "二级指标", "三级指标", "分值", "指标说明", "评分要点", "自评得分"])
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
    ws.append(["合计", None, None, None, 100, None, None, total])
    ws.merge_cells("A1:H1")
    ws.merge_cells("B2:H2")
    for cells in ("B4:B7", "C4:C5", "C6:C7", "B8:B10", "C8:C9", "B12:B13", "C12:C13"):
        ws.merge_cells(cells)
    wb.save(path)
    return path


def _html(path: Path, rows: list[tuple]) -> Path:
    """The same sheet as a web page prints it (rowspans, levels in their cells)."""
    spans = {0: (4, 2), 2: (None, 2), 4: (3, 2), 6: (None, 1), 8: (2, 2)}
    body = []
    for n, row in enumerate(rows):
        cells = [f"<td>{n + 1}</td>"]
        l1_span, l2_span = spans.get(n, (None, None))
        if row[0]:
            cells.append(f'<td rowspan="{l1_span or 1}">{row[0]}</td>')
        if row[1]:
            cells.append(f'<td rowspan="{l2_span or 1}">{row[1]}</td>')
        cells += [f"<td>{v}</td>" for v in row[2:]]
        body.append("<tr>" + "".join(cells) + "</tr>")
    path.write_text(
        "<html><body><p>2023年度部门整体支出绩效评价自评表</p><table border=1>"
        '<tr><td>单位名称</td><td colspan="7">某县农业农村局</td></tr>'
        "<tr><td>序号</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>分值</td><td>指标说明</td>"
        "<td>评分要点</td><td>自评得分</td></tr>" + "".join(body) + "</table></body></html>", encoding="utf-8")
    return path


@pytest.fixture(params=["xlsx", "html"])
def sheet(request, tmp_path: Path) -> PerfTable:
    if request.param == "xlsx":
        return read_table(_sheet(tmp_path / "评价自评表.xlsx", ROWS))
    return read_table(_html(tmp_path / "评价自评表.html", ROWS))


def test_the_sheet_reads_as_criteria_with_weights_explanations_and_claims(sheet: PerfTable) -> None:
    plan = sheet.plan
    assert sheet.kind == "department" and plan is not None and plan.name == "某县农业农村局"
    assert not plan.values_printed  # no 指标值, no 实际完成值 column: a scoring sheet
    inds = plan.indicators
    assert [i.level1 for i in inds[:5]] == ["决策", "决策", "决策", "决策", "过程"]
    assert inds[0].level1_weight == 20 and inds[4].level1_weight == 30
    assert [i.weight for i in inds] == [r[3] for r in ROWS] and [i.score for i in inds] == [r[6] for r in ROWS]
    assert all(i.annual_value.kind == "empty" and i.actual_value is None for i in inds)
    # the explanation and the scoring rule kept by their headers
    assert inds[1].extras == {"指标说明": ROWS[1][4], "评分要点": ROWS[1][5]}


def test_the_rules_judge_what_applies_to_a_scoring_sheet(sheet: PerfTable) -> None:
    found = check_table(sheet)
    codes = {i.code for i in found}
    # no value to miss, no actual to recompute from, evaluation-framework levels, no 总目标, no budget line
    assert not codes & {"PG-S05", "PG-E01", "PG-E02", "PG-E06", "PG-E07", "PG-S03", "PG-S04", "PG-S12",
                        "PG-D01", "PG-D03"}, [(i.code, i.message) for i in found]


def test_a_claim_beyond_its_weight_or_below_zero_is_still_an_error(tmp_path: Path) -> None:
    rows = list(ROWS)
    rows[1] = (*ROWS[1][:6], 5)   # 5 of 4
    rows[2] = (*ROWS[2][:6], -1)  # below zero
    table = read_table(_sheet(tmp_path / "评价自评表.xlsx", rows, total=None))
    e06 = [i for i in check_table(table) if i.code == "PG-E06"]
    assert [i.location.indicator for i in e06] == ["绩效指标明确性", "在职人员控制率"]
    assert "0.00–4.00" in e06[0].message and "0.00–6.00" in e06[1].message
    assert all("实际完成值" not in i.message for i in e06)  # it never asks for an actual the sheet has no column for


def test_score_and_report_print_the_claims_not_a_recomputation(sheet: PerfTable, tmp_path: Path) -> None:
    score = score_table(sheet)[0]
    assert [s.points for s in score.indicators] == [r[6] for r in ROWS]
    assert score.budget.weight == 0 and not score.budget.missing and score.missing == 0
    assert score.total == CLAIMED and score.grade == "优"
    layout = build_selfeval_layout(score, sheet)
    total_row = next(c.row for c in layout.cells if c.value == "总分")
    assert {c.value for c in layout.cells if c.row == total_row} >= {100, CLAIMED}  # 分值合计, 总分
    # the report prints the sheet's own columns (no empty 年度指标值 / 实际完成值) and reads back equal
    report = build_report_layout(sheet)
    heads = {c.value for c in report.cells}
    assert "年度指标值" not in heads and "实际完成值" not in heads and {"指标说明", "评分要点"} <= heads
    written = write_report(sheet, tmp_path / "report.xlsx")
    assert_no_clipped_text(openpyxl.load_workbook(written).active)
    back = read_table(written)
    assert not back.plan.values_printed and back.plan.indicators == sheet.plan.indicators
    write_json(sheet, tmp_path / "t.json")
    assert not read_json(tmp_path / "t.json").plan.values_printed


def test_a_target_grid_with_its_values_is_no_scoring_sheet(tmp_path: Path) -> None:
    """The same levels over a grid printing 指标值 and 实际完成值: values asked, recomputed as ever."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年度部门整体支出绩效自评表"])
    ws.append(["单位名称", "某县农业农村局"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "培训人次", "≥100人次", None, 90, 90])
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert table.plan.values_printed
    codes = {i.code for i in check_table(table)}
    assert {"PG-E01", "PG-E06"} <= codes


def test_score_writes_the_sheet_with_its_own_columns_and_it_reads_back_as_one(sheet: PerfTable, tmp_path: Path) -> None:
    """The 自评表 `score` writes prints the sheet's 指标说明 / 评分要点 where a 自评表 prints 年度指标值 /
    实际完成值: read back, it is the scoring sheet again (checked, it gets no value or framework findings)."""
    out = write_selfeval_workbook(sheet, score_table(sheet), tmp_path / "自评.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = next(w for w in wb.worksheets if w["A1"].value == "部门整体支出绩效自评表")
    assert_no_clipped_text(ws)  # the scoring rules wrap inside their rows
    # as wide as the 自评表 of a target table (one A4 portrait page wide)
    assert sum(build_selfeval_layout(score_table(sheet)[0], sheet).column_widths) <= sum(WIDTHS)
    back = read_table(out)
    plan = back.plan
    assert back.kind == "department" and not plan.values_printed
    assert [(i.name, i.weight, i.score) for i in plan.indicators] == [(r[2], r[3], r[6]) for r in ROWS]
    assert plan.indicators[1].extras == {"指标说明": ROWS[1][4], "评分要点": ROWS[1][5]}
    assert not [i for i in check_table(back) if i.severity != "info"], [
        (i.code, i.message) for i in check_table(back) if i.severity != "info"]


#: A project's evaluation sheet (规划 / 执行 / 效果, 指标解释 | 评分标准): (一级, 二级, 三级, 分值, 解释, 标准, 得分).
PROJECT_ROWS = [
    ("规划(20分)", "项目立项", "立项依据充分性", 10, "项目立项是否符合法律法规和发展规划。", "依据充分得10分。", 10),
    (None, "绩效目标", "绩效目标合理性", 10, "项目绩效目标与实际工作内容是否相关。", "合理得10分，否则酌情扣分。", 8),
    ("执行(30分)", "资金管理", "资金到位率", 15, "实际到位资金与预算资金的比率。", "到位率×15分。", 15),
    (None, None, "预算执行率", 15, "实际支出资金与实际到位资金的比率。", "执行率×15分。", 14),
    ("效果(50分)", "项目产出", "道路维护里程完成率", 30, "实际维护里程与计划里程的比率。", "完成率×30分。", 28),
    (None, "项目效益", "群众出行满意度", 20, "群众对道路通行条件的满意程度。", "≥90%得20分。", 18),
]


def _project_sheet(path: Path) -> Path:
    """A 项目支出绩效评价自评表 as a county types it: 项目名称 | 主管部门 over the criteria grid."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年度项目支出绩效评价自评表"])
    ws.append(["项目名称", "农村公路养护", None, "主管部门", "某县交通运输局"])
    ws.append(["一级指标", "二级指标", "三级指标", "分值", "指标解释", "评分标准", "得分"])
    for row in PROJECT_ROWS:
        ws.append(list(row))
    for cells in ("A4:A5", "A6:A7", "B6:B7", "A8:A9"):
        ws.merge_cells(cells)
    wb.save(path)
    return path


def test_a_project_s_scoring_sheet_is_the_same_class_in_the_form_layout(tmp_path: Path) -> None:
    """A 项目支出绩效评价自评表 under 项目名称 | 主管部门: read by the 自评表 form reader as a scoring sheet,
    judged like the department's (no goal, class, value or framework finding; the claims are the score)."""
    table = read_table(_project_sheet(tmp_path / "项目评价.xlsx"))
    (project,) = table.projects()
    assert project.name == "农村公路养护" and not project.values_printed
    assert [i.level1 for i in project.indicators] == ["规划", "规划", "执行", "执行", "效果", "效果"]
    assert project.indicators[3].extras == {"指标解释": PROJECT_ROWS[3][4], "评分标准": PROJECT_ROWS[3][5]}
    found = [(i.code, i.message) for i in check_table(table) if i.severity != "info"]
    assert not found, found
    score = score_table(table)[0]
    assert score.total == sum(r[6] for r in PROJECT_ROWS) and not score.missing


@pytest.mark.parametrize("title", ["2023年度部门整体支出绩效自评表", "2023年度项目支出绩效自评表"])
def test_a_grid_whose_value_headers_are_not_known_is_no_scoring_sheet(tmp_path: Path, title: str) -> None:
    """Value columns under headers no vocabulary knows (本年绩效目标值 | 全年实际完成) are not read, but
    they are there: the grid is not taken for a scoring sheet (its missing values would go unsaid)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["单位名称" if "部门" in title else "项目名称", "某县农业农村局"])
    ws.append(["一级指标", "二级指标", "三级指标", "本年绩效目标值", "全年实际完成", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 50, 50])
    ws.append(["效益指标", "社会效益指标", "农户增收", "明显", "明显", 40, 40])
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    blocks = [table.plan] if table.plan is not None else table.projects()
    assert blocks and all(b.values_printed and not scoring_sheet(b) for b in blocks)


@given(claimed=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
       weight=st.floats(allow_nan=True, allow_infinity=True))
def test_a_claim_is_the_score_within_zero_and_the_weight(claimed: float | None, weight: float) -> None:
    """Whatever the table claims (negative, beyond the weight, NaN), the score stays in [0, weight] and
    the claim is admissible exactly when it lies there."""
    r = claimed_score(claimed, weight)
    w = max(0.0, weight) if math.isfinite(weight) else 0.0
    assert r.method == "claimed" and 0.0 <= r.points <= w and r.admissible == (0.0, w)
    if claimed is not None and math.isfinite(claimed) and 0 <= claimed <= w:
        assert r.points == claimed


def test_json_says_values_printed_as_true_or_false_only(sheet: PerfTable, tmp_path: Path) -> None:
    write_json(sheet, tmp_path / "t.json")
    text = (tmp_path / "t.json").read_text(encoding="utf-8")
    assert '"values_printed": false' in text
    (tmp_path / "bad.json").write_text(text.replace('"values_printed": false', '"values_printed": "否"'),
                                       encoding="utf-8")
    with pytest.raises(InputError, match="values_printed"):
        read_json(tmp_path / "bad.json")


def _findings(table: PerfTable) -> list[tuple[str, str, str | None]]:
    """What `check` says beyond reading hints (the original's S11 says how 规划(20分) was read)."""
    return sorted((i.code, i.message, i.location.indicator) for i in check_table(table) if i.severity != "info")


@pytest.mark.parametrize(("name", "headers"), [("y.csv", "zh"), ("y.csv", "en"), ("y.xlsx", "zh")])
def test_a_scoring_sheet_written_to_the_long_format_reads_back_as_one(tmp_path: Path, name: str,
                                                                       headers: str) -> None:
    """`perfgoals import x -o y.csv` (or the long-format .xlsx, the entry workbook) and back: the project is
    still a scoring sheet (印有指标值栏 否), checked as on the original — no value asked, no target-table
    framework finding (PG-S05, PG-E06, PG-S03, PG-S04 …) — and scored by its claims."""
    from perfgoals_xl.sinks import write_data

    table = read_table(_project_sheet(tmp_path / "项目评价.xlsx"))
    assert [p.values_printed for p in table.projects()] == [False]
    back = read_table(write_data(table, tmp_path / name, headers=headers))
    (project,) = back.projects()
    assert not project.values_printed and scoring_sheet(project)
    assert [(i.name, i.weight, i.score) for i in project.indicators] == [(r[2], r[3], r[6]) for r in PROJECT_ROWS]
    assert _findings(back) == _findings(table) == []
    assert not {i.code for i in check_table(back)} & {"PG-S05", "PG-E06", "PG-S03", "PG-S04", "PG-E01", "PG-S12"}
    assert score_table(back)[0].total == score_table(table)[0].total == sum(r[6] for r in PROJECT_ROWS)


def test_the_long_format_says_printed_values_per_project_and_reads_a_bad_cell_as_printed(tmp_path: Path) -> None:
    """A table of a scoring sheet's project and a target table's: 否 on the one's rows, 是 on the other's;
    a cell neither yes nor no is said (S01) and read as printed, so no finding is silenced by it."""
    from perfgoals_xl.sinks import write_data

    table = read_table(_project_sheet(tmp_path / "项目评价.xlsx"))
    other = copy.deepcopy(table.projects()[0])
    other.name, other.values_printed = "乡村道路安全", True
    table.units[0].projects.append(other)
    out = write_data(table, tmp_path / "y.csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {(r["项目名称"], r["印有指标值栏"]) for r in rows} == {("农村公路养护", "否"), ("乡村道路安全", "是")}
    assert [p.values_printed for p in read_table(out).projects()] == [False, True]
    text = out.read_bytes().decode("utf-8-sig")
    assert text.count(",否\r\n") == len(PROJECT_ROWS)
    (tmp_path / "bad.csv").write_bytes(text.replace(",否\r\n", ",不印\r\n").encode("utf-8-sig"))
    bad = read_table(tmp_path / "bad.csv")
    assert [p.values_printed for p in bad.projects()] == [True, True]
    assert any(p.code == "S01" and "印有指标值栏" in p.message for p in bad.problems)


def test_a_table_that_prints_its_values_writes_the_same_bytes_as_before(tmp_path: Path, seed_table: PerfTable) -> None:
    """No 印有指标值栏 unless a block prints no value column: an ordinary table's CSV has no new column, and
    a scoring sheet's CSV is, byte for byte, the same table's as if it printed values, plus that column."""
    from perfgoals_xl.sinks import write_data
    from perfgoals_xl.sinks.longform import COLUMNS, FORM_COLUMNS, LABEL_COLUMNS, SELFEVAL_COLUMNS

    for headers in ("zh", "en"):
        text = write_data(seed_table, tmp_path / f"seed.{headers}.csv", headers=headers).read_text(encoding="utf-8-sig")
        assert "印有指标值栏" not in text and "values_printed" not in text
    table = read_table(_project_sheet(tmp_path / "项目评价.xlsx"))
    scoring = write_data(table, tmp_path / "scoring.csv").read_bytes()
    table.projects()[0].values_printed = True
    printed = write_data(table, tmp_path / "printed.csv").read_bytes()
    header = printed.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    assert header == [*COLUMNS.values(), *SELFEVAL_COLUMNS.values(), *FORM_COLUMNS.values(), *LABEL_COLUMNS.values()]
    lines = scoring.split(b"\r\n")
    assert lines[0].endswith(",印有指标值栏".encode()) and all(line.endswith(",否".encode()) for line in lines[1:] if line)
    assert b"\r\n".join(line.rsplit(b",", 1)[0] if line else line for line in lines) == printed


def test_a_department_scoring_sheet_s_csv_says_it_prints_no_values(sheet: PerfTable, tmp_path: Path) -> None:
    """A department-wide table's CSV (not read back as one: docs/csv.md) carries the fact for scripts."""
    from perfgoals_xl.sinks import write_data

    rows = list(csv.DictReader(io.StringIO(write_data(sheet, tmp_path / "d.csv", headers="en")
                                           .read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(ROWS) and {r["values_printed"] for r in rows} == {"false"}
    assert {r["table_kind"] for r in rows} == {"department"}



def test_the_entry_workbook_keeps_it_beside_the_table_and_import_into_the_template_says_it_cannot(
        tmp_path: Path, seed_table: PerfTable) -> None:
    """The long-format .xlsx (the entry workbook) writes 印有指标值栏 right of its columns, outside the print
    area, only for a scoring sheet; rows appended under the template's own header (导入) cannot carry it,
    and the losses say so (never a silent loss)."""
    from perfgoals_xl.entry.layout import COLUMNS, HEADER_ROW
    from perfgoals_xl.sinks import write_data
    from perfgoals_xl.sinks.losses import format_losses

    table = read_table(_project_sheet(tmp_path / "项目评价.xlsx"))
    ws = openpyxl.load_workbook(write_data(table, tmp_path / "y.xlsx"))["填报"]
    beside = [ws.cell(r, len(COLUMNS) + 1).value for r in range(HEADER_ROW + 1, HEADER_ROW + 4)]
    assert beside == ["印有指标值栏", "否", None]  # on the project's first row
    _, _, last_printed, _ = openpyxl.utils.range_boundaries(ws.print_area.split("!")[-1].replace("$", ""))
    assert last_printed <= len(COLUMNS)  # bookkeeping beside the form, never printed
    plain = openpyxl.load_workbook(write_data(seed_table, tmp_path / "seed.xlsx"))["填报"]
    assert plain.cell(HEADER_ROW + 1, len(COLUMNS) + 1).value is None
    said = [w for w in format_losses(table, ".xlsx", header=False) if "印有指标值栏" in w]
    assert len(said) == 1 and "农村公路养护" in said[0]
    assert not [w for w in format_losses(table, ".xlsx") if "印有指标值栏" in w]
    assert not [w for w in format_losses(table, ".csv") if "印有指标值栏" in w]


@given(cell=st.one_of(st.sampled_from(["是", "否", "true", "FALSE", " 否 ", "", "不印", "0"]), st.text(max_size=30)))
def test_the_printed_values_cell_reads_as_yes_no_or_printed_with_a_note(cell: str) -> None:
    """Whatever 印有指标值栏 holds: 是/否 (true/false, any case) as they say, blank as printed, anything
    else as printed and said (S01) — never a silenced value check on a cell that does not say 否."""
    from perfgoals_xl.sources.longform import table_from_rows
    from perfgoals_xl.sources.longform_forms import PRINTED

    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "得分", "印有指标值栏"],
            ["农村公路养护", "产出指标", "数量指标", "道路养护里程", "", 8, cell]]
    table = table_from_rows(rows)
    (project,) = table.projects()
    text = cell.strip(" \t\r\n\u3000\xa0")
    said = [p for p in table.problems if p.field == "values_printed"]
    if not text:
        assert project.values_printed and not said
    else:
        meant = PRINTED.get(text.strip().lower())
        assert project.values_printed == (True if meant is None else meant)
        assert bool(said) == (meant is None)
