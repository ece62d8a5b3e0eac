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
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import SAMPLE_ITEMS  # noqa: E402
from benchmarks.timing import best_of  # noqa: E402
from perfgoals_xl.grammar import parse  # noqa: E402
from perfgoals_xl.model import Amounts, FundUnit, PerfTable, Project  # noqa: E402


def build(n: int) -> PerfTable:
    """A table of n projects with five indicators each, in one unit."""
    unit = FundUnit("某区第一中学")
    for i in range(n):
        amounts = Amounts(total=Decimal("12.34"), fiscal=Decimal("10.34"), other=Decimal("2"))
        unit.projects.append(Project(f"项目{i}", amounts=amounts, goal=f"完成项目{i}的年度任务。",
                                     category="延续项目", term="2024年", indicators=parse(SAMPLE_ITEMS).items))
    total = Amounts(total=Decimal("12.34") * n, fiscal=Decimal("10.34") * n, other=Decimal(2) * n)
    unit.amounts = total  # a form has no 合计: its reader sums the projects
    return PerfTable(department="某区教育局", units=[unit], amounts=total)


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
        t_forms = best_of(lambda: read_table(forms))[0]
        t_stacked = best_of(lambda: read_table(one_sheet))[0]
        t_long = best_of(lambda: read_table(longform))[0]
    per_form, per_stacked, per_row = t_forms / n * 1000, t_stacked / n * 1000, t_long / rows * 1000
    print(f"{n} forms × 5 indicators")
    print(f"form reader, one sheet per form: {t_forms:.2f} s = {per_form:.2f} ms per form")
    print(f"form reader, stacked on one sheet: {t_stacked:.2f} s = {per_stacked:.2f} ms per form")
    print(f"long-format reader ({rows} rows): {t_long:.2f} s = {per_row:.3f} ms per row")
    print(f"per form / per long-format row: {per_form / per_row:.0f}× (one sheet each), "
          f"{per_stacked / per_row:.0f}× (stacked); per indicator: {per_form / 5 / per_row:.1f}×")


if __name__ == "__main__":
    main()
