"""Consecutive projects (and fund units) of the same name survive a round trip (issue #13, item 7).

The entry workbook writes a project's name on its first row only (blank cells below), so a row
that names the project again, after such a blank row, starts a new project. Foreign tables that
repeat the name on every row keep reading as one project, and a merged name cell stays one project.
What the entry workbook still cannot tell apart is said on write (sinks/losses.py).
"""

from __future__ import annotations

import copy
from decimal import Decimal

import openpyxl
import pytest

from perfgoals_xl.codes import with_codes
from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from perfgoals_xl.values import parse_value

LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"),
          ("满意度指标", "服务对象满意度指标")]


def indicator(seq: int, name: str) -> Indicator:
    l1, l2 = LEVELS[(seq - 1) % len(LEVELS)]
    return with_codes(Indicator(seq=seq, level1_code=None, level1=l1, level2_code=None, level2=l2, name=name,
                                period_value=parse_value(f"≥{seq}0个"), annual_value=parse_value(f"≥{seq}个")))


def project(name: str, n: int, *, total: str = "10", goal: str = "完成年度任务", prefix: str = "指标") -> Project:
    return Project(name, amounts=Amounts(total=Decimal(total), fiscal=Decimal(total)), goal=goal,
                   indicators=[indicator(k, f"{prefix}{k}") for k in range(1, n + 1)])


def table_of(*units: FundUnit) -> PerfTable:
    return PerfTable(department="某某局", units=list(units))


def shape(table: PerfTable) -> list:
    """Units, their projects and each project's indicators (what a merge would change)."""
    return [(u.name, u.amounts.total, [(p.name, p.amounts.total, p.goal, [(i.seq, i.name) for i in p.indicators])
                                       for p in u.projects]) for u in table.units]


#: Twins the entry workbook keeps apart.
KEPT = {
    "multi-indicator twins": table_of(FundUnit("某单位", projects=[project("道路养护", 2), project("道路养护", 3)])),
    "three in a row": table_of(FundUnit("某单位", projects=[project("道路养护", 2), project("道路养护", 2),
                                                          project("道路养护", 1)])),
    "twins differing only in indicators": table_of(FundUnit("某单位", projects=[
        project("道路养护", 2, prefix="甲"), project("道路养护", 2, prefix="乙")])),
    "single row, different goal": table_of(FundUnit("某单位", projects=[
        project("道路养护", 1), project("道路养护", 1, goal="另一个目标")])),
    "single row, different amounts": table_of(FundUnit("某单位", projects=[
        project("道路养护", 0), project("道路养护", 2, total="20")])),
    "unit twins with amounts": table_of(
        FundUnit("某单位", amounts=Amounts(total=Decimal(5)), projects=[project("道路养护", 2)]),
        FundUnit("某单位", amounts=Amounts(total=Decimal(6)), projects=[project("道路养护", 2)])),
    "unit twins of amounts only": table_of(
        FundUnit("某单位", amounts=Amounts(total=Decimal(5))), FundUnit("某单位", amounts=Amounts(total=Decimal(6))),
        FundUnit("其他单位", projects=[project("绿化", 1)])),
}

#: Twins the entry workbook cannot tell apart (they merge; the writer warns: test_format_losses.py).
MERGED = {
    "single-indicator twins": table_of(FundUnit("某单位", projects=[project("道路养护", 1), project("道路养护", 2)])),
    "twins without indicators": table_of(FundUnit("某单位", projects=[project("道路养护", 0), project("道路养护", 2)])),
    "unit twins without amounts": table_of(FundUnit("某单位", projects=[project("道路养护", 2)]),
                                           FundUnit("某单位", projects=[project("绿化", 2)])),
}


@pytest.mark.parametrize("name", list(KEPT))
def test_twins_survive_the_entry_workbook(tmp_path, name):
    table = KEPT[name]
    back = read_table(write_data(table, tmp_path / "entry.xlsx"))
    assert back.layout == "entry"
    assert shape(back) == shape(table)
    assert back == table


@pytest.mark.parametrize("name", list(MERGED))
def test_the_residual_twins_merge_in_the_entry_workbook(tmp_path, name):
    table = MERGED[name]
    back = read_table(write_data(table, tmp_path / "entry.xlsx"))
    assert shape(back) != shape(table)
    assert len(back.projects()) + len(back.units) < len(table.projects()) + len(table.units)


@pytest.mark.parametrize("name", [*KEPT, *MERGED])
@pytest.mark.parametrize("headers", ["zh", "en"])
def test_every_twin_survives_a_csv_hop(tmp_path, name, headers):
    table = {**KEPT, **MERGED}[name]
    back = read_table(write_data(table, tmp_path / "t.csv", headers=headers))
    assert shape(back) == shape(table)
    assert back == table


def test_units_without_projects_or_amounts_survive_a_csv_hop(tmp_path):
    table = table_of(FundUnit("空单位"), FundUnit("空单位"), FundUnit("某单位", projects=[project("道路养护", 2)]),
                     FundUnit("某单位"))
    back = read_table(write_data(table, tmp_path / "t.csv"))
    assert shape(back) == shape(table)
    assert back == table


# -- foreign tables: the same rule, whatever wrote them ---------------------------------------------
HEADER = ["资金使用单位", "项目名称", "总计", "绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值", "实施周期指标值"]


def row(unit, name, level, indicator_name, *, total=None, goal=None):
    l1, l2 = LEVELS[level]
    return [unit, name, total, goal, l1, l2, indicator_name, "≥1个", "≥2个"]


def foreign(tmp_path, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    ws.append(["部门名称：某某局"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    for cells in merges:
        ws.merge_cells(cells)
    path = tmp_path / "foreign.xlsx"
    wb.save(path)
    return read_table(path)


def projects(table):
    return [(u.name, p.name, [i.name for i in p.indicators]) for u in table.units for p in u.projects]


def test_a_name_repeated_on_every_row_is_one_project(tmp_path):
    table = foreign(tmp_path, [row("某单位", "道路养护", 0, "a", total=10, goal="目标"),
                               row("某单位", "道路养护", 1, "b", total=10, goal="目标"),
                               row("某单位", "道路养护", 2, "c", total=10, goal="目标")])
    assert projects(table) == [("某单位", "道路养护", ["a", "b", "c"])]


def test_a_foreign_name_written_again_after_blank_cells_continues_the_project(tmp_path):
    # a page break in a table converted from PDF repeats the name: only our entry sheet, whose
    # writer names a project on its first row only, reads it as a new project (tests above)
    table = foreign(tmp_path, [row("某单位", "道路养护", 0, "a", total=10, goal="目标"),
                               row(None, None, 1, "b"),
                               row("某单位", "道路养护", 0, "c", total=10, goal="目标"),
                               row(None, None, 1, "d")])
    assert projects(table) == [("某单位", "道路养护", ["a", "b", "c", "d"])]


def test_a_merged_name_cell_is_one_project(tmp_path):
    # rows 3–5 (the name, 总计 and 绩效目标 merged over the project's rows), then a plain row of its own
    table = foreign(tmp_path, [row("某单位", "道路养护", 0, "a", total=10, goal="目标"),
                               row(None, None, 1, "b"),
                               row(None, None, 2, "c"),
                               row("某单位", "绿化", 0, "d", total=5, goal="目标")],
                    merges=["A3:A5", "B3:B5", "C3:C5", "D3:D5"])
    assert projects(table) == [("某单位", "道路养护", ["a", "b", "c"]), ("某单位", "绿化", ["d"])]


def test_a_foreign_unit_named_again_continues_the_unit(tmp_path):
    table = foreign(tmp_path, [row("某单位", "道路养护", 0, "a", total=10),
                               row(None, "绿化", 0, "b", total=5),
                               row("某单位", "照明", 0, "c", total=3)])
    assert projects(table) == [("某单位", "道路养护", ["a"]), ("某单位", "绿化", ["b"]), ("某单位", "照明", ["c"])]
    assert len(table.units) == 1
    # the unit named on each project's first row (as the entry workbook writes it) stays one unit
    table = foreign(tmp_path, [row("某单位", "道路养护", 0, "a", total=10),
                               row(None, None, 1, "b"),
                               row("某单位", "绿化", 0, "c", total=5)])
    assert len(table.units) == 1 and len(table.projects()) == 2


def test_the_seed_with_twins_round_trips_through_the_entry_workbook(tmp_path, seed_table):
    table = copy.deepcopy(seed_table)
    unit = table.units[0]
    assert len(unit.projects[0].indicators) > 1
    unit.projects.insert(1, copy.deepcopy(unit.projects[0]))  # same name, amounts, goal and indicators
    for p in table.projects():
        p.indicators = [with_codes(i) for i in p.indicators]
    back = read_table(write_data(table, tmp_path / "twice.xlsx"))
    assert shape(back) == shape(table)
    assert back == table
