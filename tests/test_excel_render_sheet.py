"""The live-sheet renderer copies the report layout (the file renderer's data) into a plan."""

from __future__ import annotations

from perfgoals_xl.excel.plan import (
    ColumnWidths,
    EnsureSheet,
    FormatAreas,
    FreezePanes,
    MergeAreas,
    PageSetup,
    RowHeights,
    WriteValues,
    area_address,
)
from perfgoals_xl.excel.render_sheet import report_plan
from perfgoals_xl.report import build_report_layout


def test_plan_copies_styles_merges_widths_heights_and_print_setup(seed_table):
    layout = build_report_layout(seed_table)
    plan = report_plan(layout, "报表", after="填报")
    assert plan.operations[0] == EnsureSheet("报表", fresh=True, after="填报")
    (widths,) = plan.of_type(ColumnWidths)
    expanded = [w for first, last, w in widths.widths for _ in range(first, last + 1)]
    assert expanded == list(layout.column_widths)
    formats = plan.of_type(FormatAreas)
    assert len(formats) == len({c.style for c in layout.cells})  # one call per style
    for cell in layout.cells:
        style = layout.styles[cell.style]
        (op,) = [f for f in formats if any(
            _inside(cell.row + 1, cell.col + 1, a) for a in f.areas)]
        assert op.style.bold == style.bold and op.style.font_size == style.font_size
        assert op.style.number_format == (style.num_format or "@")
        assert op.style.borders == style.borders and op.style.halign == style.align
    (merges,) = plan.of_type(MergeAreas)
    assert merges.areas == tuple(area_address(m.first_row + 1, m.first_col + 1, m.last_row + 1,
                                              m.last_col + 1) for m in layout.merges)
    (heights,) = plan.of_type(RowHeights)
    per_row = {}
    for height, areas in heights.heights:
        for area in areas:
            a, b = map(int, area.split(":"))
            per_row.update({r: height for r in range(a, b + 1)})
    assert per_row == {r + 1: h for r, h in layout.row_heights.items()}
    (setup,) = plan.of_type(PageSetup)
    assert (setup.paper, setup.landscape, setup.fit_width, setup.print_title_rows) == (
        "A4", True, 1, "$1:$3")
    assert setup.center_footer == "第 &P 页 共 &N 页"
    assert plan.of_type(FreezePanes) == [FreezePanes("报表", "A4")]
    (values,) = plan.of_type(WriteValues)
    assert len(values.values) == layout.n_rows


def _inside(row: int, col: int, area: str) -> bool:
    from perfgoals_xl.excel.buttons import parse_cell

    first, _, last = area.partition(":")
    (r1, c1), (r2, c2) = parse_cell(first), parse_cell(last or first)
    return r1 <= row <= r2 and c1 <= col <= c2


def test_formats_come_before_the_values():
    from perfgoals_xl.model import PerfTable

    plan = report_plan(build_report_layout(PerfTable(department="某部门")))
    kinds = [type(op) for op in plan.operations]
    assert max(i for i, k in enumerate(kinds) if k is FormatAreas) < kinds.index(WriteValues)


def test_a_long_form_names_its_project_in_the_page_header_in_excel_too(seed_table):
    """The 生成申报表 button's plan carries the form's page header (continuation pages) and the
    report's notes on computed amounts, as the file renderer writes them."""
    from perfgoals_xl.excel.plan import AddNotes, PageSetup
    from perfgoals_xl.excel.render_sheet import report_plan as layout_plan
    from perfgoals_xl.model import Amounts, Indicator, Project
    from perfgoals_xl.report.form_layout import build_form_layout
    from perfgoals_xl.report.layout import build_report_layout
    from perfgoals_xl.values import parse_value

    items = [Indicator(seq=n, level1_code="1", level1="产出指标", level2_code="11", level2="数量指标",
                       name=f"指标{n}", period_value=parse_value("1个"), annual_value=parse_value("1个"))
             for n in range(1, 61)]
    long = build_form_layout(seed_table, Project(name="长项目", indicators=items), "单位")
    (setup,) = layout_plan(long, "申报表·长项目").of_type(PageSetup)
    assert setup.left_header == "项目支出绩效目标申报表：长项目"
    seed_table.amounts = Amounts()
    for unit in seed_table.units:
        unit.amounts = Amounts()
    (notes,) = layout_plan(build_report_layout(seed_table), "报表").of_type(AddNotes)
    assert notes.notes[0][:2] == (4, 2) and "本表计算" in notes.notes[0][2]
