"""Writers on many projects: `report --form` and `score` beside the department report, per project.

    python benchmarks/bench_writers.py [N]      # sizes N and 4N (default 1000); smoke size: 10

For a table of N projects (five indicators each, a year-end self-evaluation filled in) and one
of 4N, in this process, best of three:

- the department report (``write_report``: one sheet, a few rows per project) — the reference;
- ``report --form`` (``write_forms``: one 申报表 sheet per project);
- ``score``'s writer (``score_table`` + ``write_selfeval_workbook``: one 自评表 sheet per project).

Prints seconds per project, each writer's ratio to the department report per project, the
growth of the cost per project from N to 4N (1.0 = linear; a quadratic step shows as ~4), and
the peak memory growth of this process per project at 4N (each writer in a fresh child would be
more exact; the ratio is what is compared).
"""

from __future__ import annotations

import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from benchmarks.bench_forms import build  # noqa: E402
from benchmarks.timing import best_of  # noqa: E402


def _table(n: int):  # noqa: ANN202 - a PerfTable
    from selfeval_tables import fill_actuals

    return fill_actuals(build(n))


def measure(n: int, repeat: int = 3) -> dict[str, float]:
    """Seconds per project of each writer on a table of n projects."""
    from perfgoals_xl.report import write_report
    from perfgoals_xl.report.forms import write_forms
    from perfgoals_xl.report.selfeval import write_selfeval_workbook
    from perfgoals_xl.scoring import score_table

    table = _table(n)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        report, _ = best_of(lambda: write_report(table, out / "r.xlsx", force=True), repeat)
        forms, _ = best_of(lambda: write_forms(table, out / "f.xlsx", force=True), repeat)
        score, _ = best_of(lambda: write_selfeval_workbook(table, score_table(table), out / "s.xlsx", force=True), repeat)
    return {"report": report / n, "forms": forms / n, "score": score / n}


def main(argv: list[str] | None = None) -> list[str]:
    """Run the benchmark; return (and print) its lines."""
    args = sys.argv[1:] if argv is None else argv
    numbers = [a for a in args if a.isdigit()]
    n = int(numbers[0]) if numbers else 1000
    repeat = 1 if n < 100 else 3  # a smoke size: one run is enough
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    small, large = measure(n, repeat), measure(4 * n, repeat)
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    lines = [f"projects: {n} and {4 * n} (five indicators each), best of {repeat}"]
    for key, label in (("report", "department report"), ("forms", "report --form"), ("score", "score writer")):
        lines.append(f"{label:18s} {small[key] * 1000:8.3f} ms/project at {n}, {large[key] * 1000:8.3f} at {4 * n}; "
                     f"growth per project ×{large[key] / small[key]:.2f}; "
                     f"vs department report ×{large[key] / large['report']:.2f}")
    lines.append(f"peak memory growth of this process: {grown:.0f} MB ({grown * 1024 / (4 * n):.1f} KB per project at {4 * n})")
    for line in lines:
        print(line)
    return lines


if __name__ == "__main__":
    main()
