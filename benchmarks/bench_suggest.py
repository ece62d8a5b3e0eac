"""Suggestion speed: one suggestion from a 100,000-indicator library in ≤ 0.2 s once it is loaded.

    python benchmarks/bench_suggest.py [INDICATORS]     # default 100000

Builds a library from generated tables (benchmarks/generate.py: realistic projects, 4–12
indicators each, with the defects reviewers find, so our rules flag some), saves it as Parquet,
loads it (``load_library`` + ``Suggester``: the TF-IDF models are fitted while loading), then
times suggestions for a set of project names and goals. Exit 1 when the slowest suggestion
exceeds the target.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate_table  # noqa: E402

from perfgoals_xl.suggest.library import frame_from_records, load_library, save_library  # noqa: E402
from perfgoals_xl.suggest.rank import Suggester  # noqa: E402
from perfgoals_xl.suggest.records import records_from_table  # noqa: E402

TARGET = 0.2
QUERIES = [
    ("2025年干部教育培训经费", "组织干部培训，提升履职能力"),
    ("信息系统运维服务", "保障信息系统安全稳定运行"),
    ("车辆保障经费", ""),
    ("农村饮水安全巩固提升工程", "解决农村群众饮水安全问题"),
    ("档案数字化整理", "完成档案整理和数字化"),
    ("应急演练专项", "开展应急演练"),
    ("政策宣讲活动经费", ""),
    ("某某项目", ""),
]


def main(argv: list[str] | None = None) -> int:
    """Build, load, time; print the report; 1 when a suggestion took longer than the target."""
    argv = sys.argv[1:] if argv is None else argv
    wanted = int(argv[0]) if argv else 100_000
    start = time.perf_counter()
    tables, indicators, seed = [], 0, 0
    while indicators < wanted:
        table = generate_table(min(2_000, max(1, (wanted - indicators) // 8 + 1)), seed=seed)
        tables.append(table)
        indicators += sum(len(p.indicators) for p in table.projects())
        seed += 1
    records = [r for i, t in enumerate(tables) for r in records_from_table(t, f"generated-{i}.txt")]
    frame = frame_from_records(records)
    build = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.parquet"
        save_library(frame, path)
        start = time.perf_counter()
        loaded = load_library([path])
        read = time.perf_counter() - start
        start = time.perf_counter()
        suggester = Suggester(loaded)
        fit = time.perf_counter() - start
    times = []
    for _ in range(3):
        for name, goal in QUERIES:
            start = time.perf_counter()
            result = suggester.suggest(name, goal, 10)
            times.append(time.perf_counter() - start)
            assert result.suggestions, name
    slowest, median = max(times), statistics.median(times)
    print(f"指标库：{loaded['project_id'].nunique()} 个项目，{len(loaded)} 条指标"
          f"（其中 {int((loaded['flags'] != '').sum())} 条有规则提示）")
    print(f"建立 {build:.1f} s（读表格、规则提示）；读取 Parquet {read:.2f} s；拟合 TF-IDF {fit:.2f} s")
    print(f"每次推荐：中位 {median * 1000:.1f} ms，最慢 {slowest * 1000:.1f} ms（{len(times)} 次；目标 ≤ {TARGET * 1000:.0f} ms）")
    return 0 if slowest <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
