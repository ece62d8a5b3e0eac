"""No silent round-trip loss through ``report --form`` or CSV (issue #20, class 12).

The table is written as 申报表 forms and read back; every field that differs must be named by
a 警告 line of the write (sinks/form_losses.py). The comparison walks the whole model, so a
loss nobody thought of fails here as "not said". CSV: a ``\\r\\n`` inside a cell is said too.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

from selfeval_tables import fill_actuals

from perfgoals_xl.jsonio import write_json
from perfgoals_xl.sources import read_table

ROOT = Path(__file__).resolve().parents[1]
#: Derived or positional fields, not content.
_SKIP = {"location", "field_locations", "spelling", "source", "layout", "problems", "indicators_raw"}
#: A differing field → the words of the warning that must name it.
_SAID = {
    "actual_value": "实际完成值", "score": "得分", "deviation_reason": "偏差原因", "budget_initial": "年初预算数",
    "budget_adjusted": "全年预算数", "budget_executed": "全年执行数", "actual_summary": "实际完成情况",
    "assumed": "PG-S10", "department_source": "部门名称的来源", "title": "表格标题",
    "department_code": "编码开头", "seq": "顺序", "department": "部门名称", "name": "首尾有空白", "goal": "首尾有空白",
}


def _diffs(a: object, b: object, path: str = "") -> list[str]:
    if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b):
        out: list[str] = []
        for f in dataclasses.fields(a):
            if f.name not in _SKIP:
                out += _diffs(getattr(a, f.name), getattr(b, f.name, None), f"{path}.{f.name}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _diffs(x, y, f"{path}[{i}]")]
    return [] if a == b else [path]


def _hostile_table(seed_path: Path):
    table = fill_actuals(read_table(seed_path))
    projects = table.projects()
    projects[0].indicators[0].score = 8.5
    table.title = "\u202b项目支出绩效目标表\u202c"  # an RTL embedding around the title
    table.department = "[820]某局"
    projects[0].name = " 前后空格\t"
    projects[1].goal = "\xa0目标 "
    projects[2].indicators[0].name = "名称 "
    return table


def test_every_form_round_trip_loss_is_said(tmp_path: Path, seed_path: Path) -> None:
    table = _hostile_table(seed_path)
    source = tmp_path / "in.json"
    write_json(table, source)
    out = tmp_path / "forms.xlsx"
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "report", str(source), "--form", "-o", str(out)],
                          capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("警告：")]
    original = read_table(source)
    from perfgoals_xl.report.form_layout import grouped_indicators

    moved = 0
    for project in original.projects():  # the form groups indicators by level: that change is said once
        grouped = grouped_indicators(project.indicators)
        moved += grouped != project.indicators
        project.indicators = grouped
    assert not moved or any("顺序" in w for w in warnings), warnings
    back = read_table(out)
    diffs = _diffs(original, back)
    assert diffs  # the table above loses things: the check below is not empty
    for path in diffs:
        field = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
        assert field in _SAID, f"{path} differs after the round trip and no warning kind is known for it"
        assert any(_SAID[field] in w for w in warnings), (path, warnings)


def test_a_form_round_trip_without_losses_says_nothing(tmp_path: Path, seed_path: Path) -> None:
    from perfgoals_xl.report.form_layout import grouped_indicators
    from perfgoals_xl.sinks.form_losses import form_losses

    table = read_table(seed_path)
    for project in table.projects():
        project.indicators = grouped_indicators(project.indicators)
    for unit in [table.amounts, *(u.amounts for u in table.units), *(p.amounts for p in table.projects())]:
        unit.assumed = ()
    table.department_source = None
    assert form_losses(table) == []


def test_csv_says_it_turns_carriage_returns_into_line_feeds(tmp_path: Path, seed_path: Path) -> None:
    table = read_table(seed_path)
    table.projects()[0].goal = "第一行\r\n第二行"
    source = tmp_path / "in.json"
    write_json(table, source)
    out = tmp_path / "out.csv"
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "import", str(source), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    back = read_table(out).projects()[0].goal
    if back != "第一行\r\n第二行":  # lost: it must have been said
        assert "回车符" in proc.stderr, proc.stderr
