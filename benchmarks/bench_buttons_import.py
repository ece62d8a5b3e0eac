"""What an Excel button click costs in imports, on top of xlwings (target: <= 0.2 s).

Every click starts Python anew: RunPython runs ``import perfgoals_xl.excel.buttons as b;
b.validate()`` in a fresh interpreter that has already imported xlwings. This script
measures with ``python -X importtime`` (median of several fresh interpreters):

* ``import xlwings`` alone;
* what ``perfgoals_xl.excel.buttons`` adds when xlwings is already imported;
* what each handler then imports lazily (entry reader, rules, report layout, sources).

Run: ``python benchmarks/bench_buttons_import.py [runs]``; exits 1 when the button module
adds more than 0.2 s.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys

LIMIT_S = 0.2
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def cumulative_us(code: str, module: str) -> int:
    """Cumulative import time (µs) of the top-level import of ``module`` in a fresh process."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                          capture_output=True, text=True, check=True)
    total = 0
    for line in done.stderr.splitlines():
        m = _LINE.match(line)
        if m and m.group(4) == module and m.group(3) == "":
            total += int(m.group(2))
    return total


def added_us(before: str, module: str) -> int:
    """Time the top-level imports of a statement add after ``before`` has run."""
    code = f"{before}\nimport {module}"
    return cumulative_us(code, module)


def median(values: list[int]) -> float:
    return statistics.median(values) / 1e6


def main(runs: int = 7) -> int:
    xlwings = median([cumulative_us("import xlwings", "xlwings") for _ in range(runs)])
    buttons = median([added_us("import xlwings", "perfgoals_xl.excel.buttons")
                      for _ in range(runs)])
    print(f"import xlwings                         {xlwings:.3f} s")
    print(f"+ perfgoals_xl.excel.buttons           {buttons:.3f} s "
          f"({buttons / xlwings:.1%} of xlwings; limit {LIMIT_S:.1f} s)")
    base = "import xlwings, perfgoals_xl.excel.buttons"
    for handler, module in (
        ("校验 (validate)", "perfgoals_xl.rules"),
        ("校验/生成报表/拆分指标: entry reader", "perfgoals_xl.entry"),
        ("生成报表 (report layout)", "perfgoals_xl.report.layout"),
        ("导入 (sources)", "perfgoals_xl.sources"),
        ("worksheet functions (udfs)", "perfgoals_xl.excel.udfs"),
    ):
        lazy = median([added_us(base, module) for _ in range(runs)])
        print(f"  then {handler:34} {lazy:.3f} s ({module})")
    return 0 if buttons <= LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 7))
