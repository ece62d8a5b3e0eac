"""Entry workbook at scale: write and read back 10,000 projects (50,000 indicator rows).

Run: python benchmarks/bench_entry.py [projects]. Prints seconds for writing (XlsxWriter),
reading (calamine + the long-format reader), and a person-edited read (openpyxl-saved,
no cached values: the reader asks openpyxl which cells are formulas).
"""

from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import SAMPLE_ITEMS  # noqa: E402
from perfgoals_xl.entry import read_entry_workbook, write_entry_workbook  # noqa: E402
from perfgoals_xl.grammar import parse  # noqa: E402
from perfgoals_xl.model import Amounts, FundUnit, PerfTable, Project  # noqa: E402


def build(n: int) -> PerfTable:
    """A table of n projects with five indicators each, in ten units."""
    units = [FundUnit(f"单位{u}") for u in range(10)]
    for i in range(n):
        amounts = Amounts(total=Decimal("12.34"), fiscal=Decimal("10.34"), other=Decimal("2"))
        units[i % 10].projects.append(Project(f"项目{i}", amounts=amounts, goal=f"完成项目{i}的年度任务。",
                                              indicators=parse(SAMPLE_ITEMS).items))
    return PerfTable(department="部门", units=units)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    table = build(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entry.xlsx"
        t0 = time.perf_counter()
        write_entry_workbook(table, path)
        t1 = time.perf_counter()
        back = read_entry_workbook(path)
        t2 = time.perf_counter()
        assert back == table
        print(f"{n} projects, {n * 5} indicator rows, {path.stat().st_size / 1e6:.1f} MB")
        print(f"write {t1 - t0:.2f} s, read {t2 - t1:.2f} s")
        import openpyxl

        wb = openpyxl.load_workbook(path)
        wb.save(path)
        t3 = time.perf_counter()
        assert read_entry_workbook(path) == table
        print(f"read after an openpyxl save (no cached values) {time.perf_counter() - t3:.2f} s")


if __name__ == "__main__":
    main()
