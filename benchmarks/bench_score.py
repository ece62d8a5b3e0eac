"""Benchmark: `perfgoals score` beside `perfgoals check`, measured in the same run.

    python benchmarks/bench_score.py [N_PROJECTS]    # default 200

1. Generate a table (benchmarks/generate.py) and fill in a year-end self-evaluation
   (实际完成值 from 50 % to 160 % of each numeric target, grades for qualitative ones,
   全年预算数 / 全年执行数), written as the entry workbook (填报) — what a unit hands in.
2. ``perfgoals check IN.xlsx`` (read + every rule, text report to a null stream) and
   ``perfgoals score IN.xlsx -o OUT.xlsx`` (read + scoring + every rule + the workbook with
   one 项目支出绩效自评表 per project), both in this process through ``cli.main``.
3. The core alone: ``score_table`` beside ``check_table`` on the model in memory.
Each phase runs three times; the best time is reported. Prints the ratios score / check.
"""

from __future__ import annotations

import contextlib
import io
import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_check import clear_caches  # noqa: E402
from benchmarks.generate import generate_table  # noqa: E402
from benchmarks.timing import best_of  # noqa: E402
from perfgoals_xl.cli import main as cli  # noqa: E402
from perfgoals_xl.model import PerfTable  # noqa: E402
from perfgoals_xl.rules import Config, check_table  # noqa: E402
from perfgoals_xl.scoring import score_table  # noqa: E402
from perfgoals_xl.sinks import write_data  # noqa: E402
from perfgoals_xl.values import parse_value  # noqa: E402

_GRADES = ("达成年度指标", "部分达成", "未达成", "基本达成")


def fill(table: PerfTable, seed: int = 0) -> PerfTable:
    """A year-end self-evaluation on every project (deterministic)."""
    rng = random.Random(seed)
    for project in table.projects():
        budget = project.amounts.total or Decimal(100)
        project.budget_initial = project.budget_adjusted = budget
        project.budget_executed = (budget * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01"))
        project.actual_summary = "全年完成各项工作任务。"
        for ind in project.indicators:
            target = ind.annual_value
            if target.kind in ("number", "percent") and target.number:
                value = target.number * rng.uniform(0.5, 1.6)
                ind.actual_value = parse_value(f"{value:.0f}{target.unit or ''}")
                if rng.random() < 0.5:
                    ind.deviation_reason = "受客观因素影响，部分工作延期。"
            else:
                ind.actual_value = parse_value(rng.choice(_GRADES))
    return table


def _best(fn, repeat: int = 3) -> float:
    """Fastest of `repeat` runs from cold caches."""
    return best_of(fn, repeat, setup=clear_caches)[0]


def main(n_projects: int = 200) -> int:
    """Run the benchmark and print the numbers."""
    table = fill(generate_table(n_projects, seed=3))
    n_ind = sum(len(p.indicators) for p in table.projects())
    with tempfile.TemporaryDirectory() as tmp:
        entry = write_data(table, Path(tmp) / "自评.xlsx")
        out = Path(tmp) / "自评表.xlsx"

        def check() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                cli(["check", str(entry)])

        def score() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert cli(["score", str(entry), "-o", str(out), "--force"]) in (0, 1)

        t_check, t_score = _best(check), _best(score)
    config = Config()
    t_core_check = _best(lambda: check_table(table, config))
    t_core_score = _best(lambda: score_table(table))
    print(f"{n_projects} 个项目，{n_ind} 条指标（填报工作簿）")
    print(f"perfgoals check：{t_check:.3f} s；perfgoals score（含每个项目一张自评表）：{t_score:.3f} s；"
          f"score / check = {t_score / t_check:.2f}×")
    print(f"核心：check_table {t_core_check * 1000:.1f} ms，score_table {t_core_score * 1000:.1f} ms，"
          f"score_table / check_table = {t_core_score / t_core_check:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
