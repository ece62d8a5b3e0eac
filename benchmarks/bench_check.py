"""Benchmark: checking cost vs parsing cost, measured in the same run.

    python benchmarks/bench_check.py [N_PROJECTS]    # default 10,000 (~80,000 indicators)

1. Generate a table (benchmarks/generate.py), compose each project's 绩效指标 cell to
   the published string form.
2. Parse only: ``grammar.parse`` of every cell (what reading the table costs at least).
3. Check: ``check_table`` of the whole table with every rule enabled.
Reports seconds, indicators per second, and the ratio check / parse (target ≤ 3).
Each phase runs three times; the best time is reported (less noise on a busy machine).
Every memo cache of the parser and of the checker (functools.lru_cache) is cleared
before each timed run, so both phases start cold, as a fresh process reading one table does
(values repeat inside a table, so the caches still help within the run — as in real use).
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_table  # noqa: E402
from benchmarks.timing import best_of  # noqa: E402
from perfgoals_xl import grammar  # noqa: E402
from perfgoals_xl.rules import Config, check_table, summarize  # noqa: E402

TARGET_RATIO = 3.0


def clear_caches() -> None:
    """Empty every lru_cache in perfgoals_xl (parser and checker memos)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("perfgoals_xl"):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    """Fastest of `repeat` runs from cold caches, and the result."""
    return best_of(fn, repeat, setup=lambda: (clear_caches(), gc.collect()))


def main(n_projects: int = 10_000) -> int:
    """Run the benchmark and print the numbers; exit 1 when over the target ratio."""
    t0 = time.perf_counter()
    table = generate_table(n_projects, seed=1)
    projects = table.projects()
    cells = [grammar.compose(p.indicators) for p in projects]
    n_ind = sum(len(p.indicators) for p in projects)
    print(f"生成：{len(projects)} 个项目，{n_ind} 条指标，{sum(map(len, cells)) / 1e6:.1f} M 字符（{time.perf_counter() - t0:.1f} s）")

    def parse_all() -> int:
        return sum(len(grammar.parse(cell).items) for cell in cells)

    t_parse, parsed = _best(parse_all)
    assert parsed == n_ind, (parsed, n_ind)
    config = Config()
    t_check, issues = _best(lambda: check_table(table, config))
    counts = summarize(issues)  # type: ignore[arg-type]
    ratio = t_check / t_parse
    print(f"仅解析（grammar.parse）：{t_parse:.3f} s，{n_ind / t_parse:,.0f} 条/秒")
    print(f"全部规则（check_table）：{t_check:.3f} s，{n_ind / t_check:,.0f} 条/秒，"
          f"{counts['total']} 条问题（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}）")
    print(f"校验 / 解析 = {ratio:.2f}×（目标 ≤ {TARGET_RATIO:g}×）")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
