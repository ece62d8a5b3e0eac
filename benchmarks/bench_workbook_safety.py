"""Benchmark: the workbook safety check (sizes, CRCs, sheet extents) vs python-calamine reading.

    python benchmarks/bench_workbook_safety.py [ROWS]    # default 100,000 rows × 28 columns

1. Write a long-format .xlsx of ROWS rows (XlsxWriter, constant memory) in a temp folder.
2. Time ``workbook_safety`` 's full check of it (every member streamed once, sheet extents
   read) — what every workbook costs before a reader opens it (docs/limits.md).
3. Time python-calamine reading the same sheet to Python values.
Reports seconds and the ratio check / calamine (best of three runs each, same process).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import best_of  # noqa: E402
from perfgoals_xl.sources import workbook_safety  # noqa: E402


def _write(path: Path, rows: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("指标")
    for r in range(rows):
        ws.write_row(r, 0, [f"项目{r // 10}", "产出指标", "数量指标", f"指标名称{r}", "100人"] + [r * 1.5] * 23)
    wb.close()


def _best(run, repeat: int = 3) -> float:
    return best_of(run, repeat)[0]


def main() -> None:
    """Write the workbook, time both, print the ratio."""
    from python_calamine import CalamineWorkbook

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.xlsx"
        _write(path, rows)
        check = _best(lambda: workbook_safety._check_zip_workbook(path))

        def calamine() -> None:
            wb = CalamineWorkbook.from_path(str(path))
            wb.get_sheet_by_name(wb.sheet_names[0]).to_python(skip_empty_area=False)
            wb.close()

        read = _best(calamine)
        size = path.stat().st_size
    print(f"{rows:,} 行 × 28 列（{size / 2**20:.1f} MB）：安全检查 {check:.2f} s，calamine 读取 {read:.2f} s，"
          f"比值 {check / read:.2f}")


if __name__ == "__main__":
    main()
