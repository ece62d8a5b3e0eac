"""The form reader (申报表) on a 200-form workbook, beside the long-format reader's per-row cost.

Run: python benchmarks/bench_forms.py [forms]. Builds a table of N projects with five
indicators each, writes it as N 88号 forms (one sheet each, ``perfgoals report --form``),
as N forms stacked on one sheet, and as a long-format sheet (the entry workbook: one row
per indicator), then reads each back (best of three) and prints the cost per form next to
the long-format reader's cost per row, with their ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from perfgoals_xl.grammar import parse
from perfgoals_xl.model import Amounts, FundUnit, PerfTable, Project

ITEMS = ("1、1-产出指标；11-数量指标；报送调研报告数量；实施周期指标值:12；年度指标值:12篇。"
         "2、1-产出指标；12-质量指标；合格率；实施周期指标值:≥95%；年度指标值:≥95%。"
         "3、1-产出指标；13-时效指标；完成时间；实施周期指标值:10月底前；年度指标值:10月底前。"
         "4、2-效益指标；22-社会效益；服务水平；实施周期指标值:明显提高；年度指标值:有所提高。"
         "5、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:≥90%；年度指标值:≥90%。")


def build(n: int) -> PerfTable:
    """A table of n projects with five indicators each, in one unit."""
    unit = FundUnit("某区第一中学")
    for i in range(n):
        amounts = Amounts(total=Decimal("12.34"), fiscal=Decimal("10.34"), other=Decimal("2"))
        unit.projects.append(Project(f"项目{i}", amounts=amounts, goal=f"完成项目{i}的年度任务。",
                                     category="延续项目", term="2024年", indicators=parse(ITEMS).items))
    return PerfTable(department="某区教育局", units=[unit])


def stacked(forms_path: Path, out: Path) -> Path:
    """The same forms copied one below the other on a single sheet (values and merges)."""
    import openpyxl

    src = openpyxl.load_workbook(forms_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    top = 0
    for sheet in src.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    ws.cell(row=top + cell.row, column=cell.column, value=cell.value)
        for rng in sheet.merged_cells.ranges:
            ws.merge_cells(start_row=top + rng.min_row, start_column=rng.min_col,
                           end_row=top + rng.max_row, end_column=rng.max_col)
        top += sheet.max_row + 1
    wb.save(out)
    return out


def best_of(n: int, fn) -> float:
    """The fastest of n runs, in seconds."""
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    from perfgoals_xl.entry import write_entry_workbook
    from perfgoals_xl.report.forms import write_forms
    from perfgoals_xl.sources import read_table

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    table = build(n)
    rows = n * 5
    with tempfile.TemporaryDirectory() as tmp:
        forms = write_forms(table, Path(tmp) / "forms.xlsx")
        one_sheet = stacked(forms, Path(tmp) / "stacked.xlsx")
        longform = Path(tmp) / "long.xlsx"
        write_entry_workbook(table, longform)
        assert read_table(forms) == table and len(read_table(one_sheet).projects()) == n
        t_forms = best_of(3, lambda: read_table(forms))
        t_stacked = best_of(3, lambda: read_table(one_sheet))
        t_long = best_of(3, lambda: read_table(longform))
    per_form, per_stacked, per_row = t_forms / n * 1000, t_stacked / n * 1000, t_long / rows * 1000
    print(f"{n} forms × 5 indicators")
    print(f"form reader, one sheet per form: {t_forms:.2f} s = {per_form:.2f} ms per form")
    print(f"form reader, stacked on one sheet: {t_stacked:.2f} s = {per_stacked:.2f} ms per form")
    print(f"long-format reader ({rows} rows): {t_long:.2f} s = {per_row:.3f} ms per row")
    print(f"per form / per long-format row: {per_form / per_row:.0f}× (one sheet each), "
          f"{per_stacked / per_row:.0f}× (stacked); per indicator: {per_form / 5 / per_row:.1f}×")


if __name__ == "__main__":
    main()
