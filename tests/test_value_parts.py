"""A value header over two or three columns with no sub-header (指标值 merged over ≥ | 500人次, or 500 |
人次; a CSV leaves the header's text in its first column and the rest blank): the parts are read by what
the columns hold (``level_columns.value_parts``) — operators, units alone, the value between. Read
before as the first column only: every value ``≥`` and a false PG-Q01 on each. Found by the corpus
variation 指标值跨两列无小表头 (31 tables, 231 fields, 280 false findings → 1 / 1 / 0 on ``page.html``).
Each layout built as a workbook with its merged header and as a CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file
from test_level_columns import _in_layout

from perfgoals_xl.model import PerfTable
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

N = None
NAMES = [("产出指标", "数量指标", "培训人次"), (N, "质量指标", "培训合格率"), ("效益指标", "社会效益指标", "技能提升率"),
         ("满意度指标", "服务对象满意度指标", "学员满意度")]
#: The parts as printed, and the values they make.
SPLITS = {
    "operator": ([("≥", "500人次"), ("≥", "95%"), (N, "明显提升"), ("≥", "90%")],
                 ["≥500人次", "≥95%", "明显提升", "≥90%"]),
    "unit": ([("500", "人次"), ("95", "%"), ("明显提升", N), ("90", "%")], ["500人次", "95%", "明显提升", "90%"]),
    "three": ([("≥", "500", "人次"), ("≥", "95", "%"), (N, "明显提升", N), ("≥", "90", "%")],
              ["≥500人次", "≥95%", "明显提升", "≥90%"]),
    "no-operator": ([(N, "500人次"), (N, "95%"), (N, "明显提升"), (N, "90%")], ["500人次", "95%", "明显提升", "90%"]),
}


def _grid(split: str) -> list[list[object]]:
    parts, _ = SPLITS[split]
    width = len(parts[0])
    return [["一级指标", "二级指标", "三级指标", "指标值", *[N] * (width - 1)],
            *[[*names, *part] for names, part in zip(NAMES, parts, strict=True)]]


def _values(table: PerfTable) -> list[str]:
    indicators = table.plan.indicators if table.kind == "department" else [i for p in table.projects() for i in p.indicators]
    return [(i.annual_value or i.period_value).raw for i in indicators]


def _merge(rows: list[list[object]], split: str) -> list[str]:
    r = next(i for i, row in enumerate(rows) if row[:1] == ["一级指标"]) + 1
    width = len(SPLITS[split][0][0])
    return [f"D{r}:{'DEF'[width - 1]}{r}"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
@pytest.mark.parametrize("split", list(SPLITS))
def test_a_value_header_over_its_parts(tmp_path: Path, kind: str, layout: str, split: str) -> None:
    rows = _in_layout(layout, _grid(split))
    table = read_table(held_file(tmp_path, kind, rows, _merge(rows, split)))
    assert _values(table) == SPLITS[split][1]
    findings = check_table(table)
    assert not [f for f in findings if f.code in ("PG-Q01", "PG-S05")]
    assert "没有小表头" in " ".join(f.message for f in findings if f.code == "PG-S11")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("split", ["operator", "unit"])
def test_a_long_format_tables_value_over_its_parts(tmp_path: Path, kind: str, split: str) -> None:
    grid = _grid(split)
    rows = [["项目名称", *grid[0]], *[["职业技能培训", *row] for row in grid[1:]]]
    table = read_table(held_file(tmp_path, kind, rows, ["E1:F1"]))
    assert _values(table) == SPLITS[split][1]


def test_a_headed_or_mixed_column_is_no_part() -> None:
    """A column right of the value with a header of its own, or holding texts of every kind, is no part."""
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.level_columns import value_parts
    from perfgoals_xl.sources.sheet_view import SheetView

    rows = [["三级指标", "指标值", "备注"], ["培训人次", "≥", "按计划"], ["合格率", "≥", "按标准"]]
    sheet = SheetView(Grid(sheet="S", rows=rows), None)
    assert value_parts(sheet, 0, [1, 2], 1, {0}) == {}  # 备注 is headed
    rows = [["三级指标", "指标值", None], ["培训人次", "500", "按计划"], ["合格率", "≥95%", "人次"]]
    sheet = SheetView(Grid(sheet="S", rows=rows), None)
    assert value_parts(sheet, 0, [1, 2], 1, {0}) == {}  # values in both: no reading fits


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("layout", ["form", "selfeval", "department"])
def test_an_operator_printed_only_far_down_its_column(tmp_path: Path, kind: str, layout: str) -> None:
    """指标值 over 符号 | 值 whose 符号 column is blank but for one ≥ on the 16th indicator (萧县 自评表): the
    whole grid says what the column is — the 自评表 looked at its first 12 rows only, called the column
    empty and dropped the ≥."""
    names = [("产出指标", "数量指标", f"补助面积{k}") for k in range(15)] + [("效益指标", "经济效益指标", "带动增收")]
    parts = [(N, f"{k + 1}亩") for k in range(15)] + [("≥", "11.376万元")]
    grid = [["一级指标", "二级指标", "三级指标", "指标值", N], *[[*n, *p] for n, p in zip(names, parts, strict=True)],
            ["满意度指标", "服务对象满意度指标", "农户满意度", "≥", "90%"]]
    rows = _in_layout(layout, grid)
    table = read_table(held_file(tmp_path, kind, rows, _merge(rows, "operator")))
    assert _values(table)[-2:] == ["≥11.376万元", "≥90%"]
