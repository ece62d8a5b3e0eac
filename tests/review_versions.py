"""Versions of a table for the review round tests, built from the seed (a real published table,
/work/shared/seeds/ or its copy in examples/): the second round a unit sends back, with
indicators renamed, moved, deleted and added, a finding fixed and a new one made."""

from __future__ import annotations

import copy
from pathlib import Path

from perfgoals_xl.model import Indicator, PerfTable, Project
from perfgoals_xl.values import parse_value

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seeds/000_05c956dfff9cb119.txt")
EXAMPLE = ROOT / "examples" / "guangzhou_beijing_office_2024.txt"


def seed_path() -> Path:
    """The seed table (the shared seed when present, else the bundled copy of the same table)."""
    return SEED if SEED.is_file() else EXAMPLE


def project(table: PerfTable, name: str) -> Project:
    """The project of this name."""
    return next(p for p in table.projects() if p.name == name)


def indicator(p: Project, name: str) -> Indicator:
    """The indicator of this name."""
    return next(i for i in p.indicators if i.name == name)


def renumber(p: Project) -> None:
    """Sequence numbers 1…n in order (as a unit's edited sheet would have them)."""
    for n, ind in enumerate(p.indicators, start=1):
        ind.seq = n


def second_round(table: PerfTable) -> PerfTable:
    """The unit's corrected version: every kind of change once.

    车辆租用经费: 车辆派遣及时率 renamed 车辆派遣按时率 (levels and values kept); the PG-Q03 of
    长期租赁小型客车数量 fixed (4 → 4辆); 车辆安全保障 deleted; a vague indicator added (新 PG-Q08).
    驻京工作保障: 驻京信访负面影响及炒作 moved from 社会效益 to 可持续影响; 报送调研报告数量 12 → 15;
    上访群众接离率 moved to 其他运行经费. 其他运行经费: 总计 20.60 → 22.60.
    """
    t = copy.deepcopy(table)
    car = project(t, "车辆租用经费")
    indicator(car, "车辆派遣及时率").name = "车辆派遣按时率"
    indicator(car, "长期租赁小型客车数量").period_value = parse_value("4辆")
    car.indicators.remove(indicator(car, "车辆安全保障"))
    car.indicators.append(Indicator(seq=None, level1_code="2", level1="效益指标", level2_code="22",
                                    level2="社会效益", name="公务出行保障水平",
                                    period_value=parse_value("稳定"), annual_value=parse_value("稳定")))
    renumber(car)
    work = project(t, "驻京工作保障")
    moved = indicator(work, "驻京信访负面影响及炒作")
    moved.level2_code, moved.level2 = "24", "可持续影响"
    indicator(work, "报送调研报告数量").annual_value = parse_value("15")
    visit = indicator(work, "上访群众接离率")
    work.indicators.remove(visit)
    renumber(work)
    other = project(t, "其他运行经费")
    other.indicators.append(visit)
    renumber(other)
    other.amounts.total = other.amounts.total + 2 if other.amounts.total is not None else None
    other.amounts.fiscal = other.amounts.fiscal + 2 if other.amounts.fiscal is not None else None
    return t
