"""Rule cases kept as data (tests/rules/*.toml, see tests/rules/README.md): for every rule,
cases that must fire and cases that must not. A domain reviewer extends them without Python."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfgoals_xl import grammar
from perfgoals_xl.model import Amounts, FundUnit, Location, PerfTable, Project
from perfgoals_xl.rules import RULES, Config, check_table
from perfgoals_xl.sources.published_text import parse_published_text
from perfgoals_xl.values import parse_value

CASES_DIR = Path(__file__).parent / "rules"
_PROJECT_KEYS = {"name", "goal", "amounts", "items", "weights", "directions",
                 "actuals", "scores", "reasons", "budget", "summary",  # 绩效自评
                 "block", "total_score", "budget_lines",
                 "level1_weights"}  # 分值 printed in the level-1 label: 产出指标(50分)  # the 自评表's budget block and 总分 as printed
_CASE_KEYS = _PROJECT_KEYS | {"id", "fires", "silent", "profile", "project", "table_amounts",
                              "unit_amounts", "unit", "text", "select", "ignore", "form", "department"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
DEFAULT_GOAL = "完成测试项目的各项工作任务，保障业务正常运转。"


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for case in data.get("case", []):
            cases.append((f"{path.name}::{case['id']}", case))
    return cases


CASES = _load_cases()


def _amounts(data: dict[str, str] | None, default: Amounts | None = None) -> Amounts:
    if data is None:
        return default if default is not None else Amounts()
    return Amounts(**{k: Decimal(str(v)) for k, v in data.items()})


def _project(spec: dict[str, Any], case_id: str, table: PerfTable) -> Project:
    name = spec.get("name", "测试项目")
    project = Project(
        name=name,
        goal=spec.get("goal", DEFAULT_GOAL),
        amounts=_amounts(spec.get("amounts"), Amounts(total=Decimal("10.00"), fiscal=Decimal("10.00"))),
        location=Location(file=case_id, line=1),
    )
    if spec.get("items"):
        result = grammar.parse(spec["items"].strip(), location=Location(file=case_id, line=2))
        project.indicators = result.items
        for problem in result.problems:
            problem.project = name
            table.problems.append(problem)
    for key in ("weights", "directions"):
        for ind, value in zip(project.indicators, spec.get(key, []), strict=False):
            if value != "":
                setattr(ind, "weight" if key == "weights" else "direction", value)
    _selfeval(project, spec)
    return project


def _selfeval(project: Project, spec: dict[str, Any]) -> None:
    """Self-evaluation keys (绩效自评): actuals, scores, reasons per indicator; budget, summary."""
    for ind, actual in zip(project.indicators, spec.get("actuals", []), strict=False):
        ind.actual_value = parse_value(actual) if actual != "" else None
    for ind, score in zip(project.indicators, spec.get("scores", []), strict=False):
        ind.score = None if score == "" else float(score)
    for ind, level_weight in zip(project.indicators, spec.get("level1_weights", []), strict=False):
        ind.level1_weight = None if level_weight == "" else float(level_weight)
    for ind, reason in zip(project.indicators, spec.get("reasons", []), strict=False):
        ind.deviation_reason = reason or None
    budget = spec.get("budget", {})
    for key in ("initial", "adjusted", "executed"):
        if key in budget:
            setattr(project, f"budget_{key}", Decimal(str(budget[key])))
    project.actual_summary = spec.get("summary")
    project.budget_block = dict(spec.get("block", {}))  # weight / rate / score as printed
    project.total_score = spec.get("total_score")
    for line, columns in spec.get("budget_lines", {}).items():  # 其中 lines: {"本年财政拨款": {"全年预算数": "90"}}
        for column, text in columns.items():
            project.extras[f"{line}/{column}"] = text


def build_table(case_id: str, case: dict[str, Any]) -> PerfTable:
    """The table a case describes (one project from the top-level keys, plus [[case.project]])."""
    unknown = set(case) - _CASE_KEYS
    assert not unknown, f"{case_id}: 未知字段 {unknown}"
    if "text" in case:
        return parse_published_text(case["text"].strip() + "\n", source=case_id)
    if "form" in case:
        return _form_table(case_id, case["form"])
    if "department" in case:
        return _form_table(case_id, case["department"], department=True)
    table = PerfTable(department="测试部门", source=case_id, layout="case", unit=case.get("unit", "万元"),
                      amounts=_amounts(case.get("table_amounts")))
    unit = FundUnit(name="测试单位", amounts=_amounts(case.get("unit_amounts")))
    table.units.append(unit)
    specs = []
    if _PROJECT_KEYS & set(case) or not case.get("project"):
        specs.append({k: case[k] for k in _PROJECT_KEYS if k in case})
    specs += case.get("project", [])
    unit.projects = [_project(spec, case_id, table) for spec in specs]
    return table


def _form_table(case_id: str, rows: list[list[str]], *, department: bool = False) -> PerfTable:
    """A one-project form (申报表) — or, with department, a 部门整体支出绩效目标表 —: rows of cells
    written to a real .xlsx and read by the form reader (the department reader)."""
    import tempfile

    import openpyxl

    from perfgoals_xl.sources.department_file import read_department
    from perfgoals_xl.sources.readers import read_form

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        wb.save(path)
        table = read_department(path) if department else read_form(path)
    table.source = case_id
    return table


def _parse_expectation(text: str) -> tuple[str, int | None, str | None]:
    """'PG-Q03@2:warning' → ('PG-Q03', 2, 'warning')."""
    severity = None
    if ":" in text:
        text, severity = text.split(":", 1)
    seq = None
    if "@" in text:
        text, at = text.split("@", 1)
        seq = int(at)
    return text.strip().upper(), seq, severity


@pytest.mark.parametrize(("case_id", "case"), CASES, ids=[c[0] for c in CASES])
def test_case(case_id: str, case: dict[str, Any]) -> None:
    table = build_table(case_id, case)
    config = Config(profile=case.get("profile", "gz")).with_overrides(
        select=case.get("select"), ignore=case.get("ignore"))
    issues = check_table(table, config)
    found = [(i.code, i.location.seq, i.severity) for i in issues]
    english = [(i.code, i.location.field) for i in issues if i.location.field_label and not _CJK.search(i.location.field_label)]
    assert not english, f"{case_id}: 字段名没有中文名称（FIELD_LABELS）：{english}"
    for expected in case.get("fires", []):
        code, seq, severity = _parse_expectation(expected)
        assert code in RULES, f"{case_id}: 未知规则 {code}"
        hits = [f for f in found if f[0] == code and (seq is None or f[1] == seq)
                and (severity is None or f[2] == severity)]
        assert hits, f"{case_id}: 应报告 {expected}，实际报告 {found}"
    for expected in case.get("silent", []):
        code, seq, _ = _parse_expectation(expected)
        assert code in RULES, f"{case_id}: 未知规则 {code}"
        wrong = [i for i in issues if i.code == code and (seq is None or i.location.seq == seq)]
        assert not wrong, f"{case_id}: 不应报告 {expected}：{[i.message for i in wrong]}"


def test_every_rule_has_firing_and_silent_cases() -> None:
    fires = {_parse_expectation(e)[0] for _, c in CASES for e in c.get("fires", [])}
    silent = {_parse_expectation(s)[0] for _, c in CASES for s in c.get("silent", [])}
    assert set(RULES) - fires == set(), "缺少必须报告的用例"
    assert set(RULES) - silent == set(), "缺少不得报告的用例"


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))
