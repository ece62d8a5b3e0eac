"""Writers on many projects (issue #20, class 11): `report --form` and `score` beside `report`, as processes.

    python benchmarks/bench_writers.py [N] [--before DIR]   # default N = 5000; smoke: 10

One run measures everything it compares. It generates a table of 4N projects (benchmarks/
generate.py: 4–12 indicators each, a realistic share of defects) with a year-end
self-evaluation filled in (bench_score.fill), written as the entry workbook (填报) — the input of
all three commands — and one of N projects. Then each command runs in a fresh child process
(``perfgoals_xl.cli.main``; its own peak memory, ``VmHWM``), in turn:

- ``perfgoals report IN -o OUT``         — the department report (the reference);
- ``perfgoals report --form IN -o OUT``  — one 申报表 sheet per project (4N = 20,000 by default);
- ``perfgoals score IN -o OUT``          — one 自评表 per project, the summary, the issues
  (on 2N projects: 10,000 by default), and each at N.

Prints, per command: seconds, ms per project, the growth of the cost per project from the
small table to the large one (1.0 = linear), the ratio of its ms per project to the department
report's on the same table (target ≤ 3; in wall time, then in CPU time — user + system of the child — with the marginal cost from N to the large size), and the peak memory above the interpreter baseline (a
child that imports the command line and our readers and writers) per indicator row (target
≤ 2 KiB). ``--before DIR``: the same commands with the code of DIR (``git archive <commit> | tar
-x -C DIR``), in the same run. The load average is printed before and after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHILD = """
import contextlib, io, json, sys, time
start = time.perf_counter()
from perfgoals_xl.cli import main
if sys.argv[1:]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(sys.argv[1:])
else:  # the baseline: the interpreter with what the commands import
    import perfgoals_xl.report.forms, perfgoals_xl.report.selfeval, perfgoals_xl.sources, xlsxwriter  # noqa
    code = 0
seconds = time.perf_counter() - start
with open("/proc/self/status") as fh:
    peak = int(next(x for x in fh if x.startswith("VmHWM:")).split()[1]) / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "code": code}))
"""


def child(args: list[str], code_root: Path, cwd: Path) -> dict:
    """Run one command in a fresh process importing perfgoals_xl from code_root (wall time, CPU time
    of the child — user + system, ``getrusage(RUSAGE_CHILDREN)`` — and its peak)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, PYTHONPATH=str(code_root)))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def inputs(n: int, folder: Path) -> dict[int, tuple[Path, int]]:
    """The entry workbooks of n, 2n and 4n projects (one generated table, cut), and their indicator rows."""
    from benchmarks.bench_score import fill
    from benchmarks.generate import generate_table
    from perfgoals_xl.sinks import write_data

    full = fill(generate_table(4 * n, seed=3))
    out = {}
    for size in (n, 2 * n, 4 * n):
        unit_projects = [(u, list(u.projects)) for u in full.units]
        kept, left = [], size
        for unit, projects in unit_projects:
            take = projects[:left]
            left -= len(take)
            unit.projects = take
            if take:
                kept.append(unit)
        all_units = full.units
        full.units = kept
        path = folder / f"in{size}.xlsx"
        write_data(full, path)
        rows = sum(len(p.indicators) for p in full.projects())
        full.units = all_units
        for unit, projects in unit_projects:
            unit.projects = projects
        out[size] = (path, rows)
    return out


_COMMANDS = {"report": ["report"], "form": ["report", "--form"], "score": ["score"]}


def writers_alone(n: int, repeat: int = 3) -> dict[str, float]:
    """Seconds per project of each writer alone, in this process, on a table of n projects of five
    indicators (benchmarks/bench_forms.build): ``write_report``, ``write_forms`` and
    ``score_table`` + ``write_selfeval_workbook`` (no issues sheet), best of ``repeat``."""
    from benchmarks.bench_forms import build
    from benchmarks.timing import best_of
    from perfgoals_xl.report import write_report
    from perfgoals_xl.report.forms import write_forms
    from perfgoals_xl.report.selfeval import write_selfeval_workbook
    from perfgoals_xl.scoring import score_table

    sys.path.insert(0, str(ROOT / "tests"))
    from selfeval_tables import fill_actuals

    table = fill_actuals(build(n))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        report, _ = best_of(lambda: write_report(table, out / "r.xlsx", force=True), repeat)
        forms, _ = best_of(lambda: write_forms(table, out / "f.xlsx", force=True), repeat)
        score, _ = best_of(lambda: write_selfeval_workbook(table, score_table(table), out / "s.xlsx", force=True),
                           repeat)
    return {"report": report / n, "forms": forms / n, "score": score / n}


def measure(n: int, code_root: Path, files: dict[int, tuple[Path, int]], work: Path) -> dict:
    """Seconds and peaks of each command on its two sizes, and the baseline."""
    sizes = {"report": (n, 2 * n, 4 * n), "form": (n, 4 * n), "score": (n, 2 * n)}
    out: dict = {"baseline": child([], code_root, work)}
    for name, args in _COMMANDS.items():
        for size in sizes[name]:
            path, _ = files[size]
            out[name, size] = child([*args, str(path), "-o", str(work / f"{name}{size}.xlsx"), "--force"],
                                    code_root, work)
    return out


def report(label: str, n: int, r: dict, files: dict[int, tuple[Path, int]]) -> list[str]:
    """Lines for one code version."""
    base = r["baseline"]["peak_mib"]
    lines = [f"[{label}] interpreter baseline {base:.0f} MiB"]
    large = {"report": 4 * n, "form": 4 * n, "score": 2 * n}
    for name, title in (("report", "report (department)"), ("form", "report --form"), ("score", "score")):
        small_ms = r[name, n]["wall"] / n * 1000
        size = large[name]
        big = r[name, size]
        big_ms = big["wall"] / size * 1000
        ref_ms = r["report", size]["wall"] / size * 1000
        rows = files[size][1]
        per_row = (big["peak_mib"] - base) * 1024 / rows
        slope = (big["peak_mib"] - r[name, n]["peak_mib"]) * 1024 / max(1, rows - files[n][1])
        lines.append(f"{title:20s} {size:6d} projects: {big['wall']:7.1f} s, {big_ms:6.2f} ms/project "
                     f"(at {n}: {small_ms:6.2f}; growth ×{big_ms / small_ms:.2f}); ×{big_ms / ref_ms:.2f} the "
                     f"department report's {ref_ms:.2f} ms/project; peak {big['peak_mib']:.0f} MiB = "
                     f"{per_row:.2f} KiB per indicator row ({rows} rows) above the baseline; "
                     f"marginal {slope:.2f} KiB per row (peak at {size} − at {n}, per added row)")
        cpu_ms = big["cpu"] / size * 1000
        ref_cpu = r["report", size]["cpu"] / size * 1000
        small_cpu = r[name, n]["cpu"] / n * 1000
        marginal = (big["cpu"] - r[name, n]["cpu"]) / (size - n) * 1000
        ref_marginal = (r["report", size]["cpu"] - r["report", n]["cpu"]) / (size - n) * 1000
        lines.append(f"{'':20s} CPU time (user + system): {big['cpu']:7.1f} s, {cpu_ms:6.2f} ms/project (at {n}: "
                     f"{small_cpu:6.2f}); ×{cpu_ms / ref_cpu:.2f} the department report's {ref_cpu:.2f}; "
                     f"marginal (from {n} to {size} projects) {marginal:.2f} ms/project, ×{marginal / ref_marginal:.2f} "
                     f"the report's {ref_marginal:.2f}")
    return lines


def main(argv: list[str] | None = None) -> list[str]:
    """Run the benchmark; return (and print) its lines."""
    args = sys.argv[1:] if argv is None else argv
    n = int(next((a for a in args if a.isdigit()), "5000"))
    before = Path(args[args.index("--before") + 1]).resolve() if "--before" in args else None
    lines = [f"load before: {' / '.join(f'{x:.2f}' for x in os.getloadavg())} (cores: {os.cpu_count()})"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = inputs(n, work)
        lines.append(f"inputs: {n}, {2 * n}, {4 * n} projects ({files[n][1]}, {files[2 * n][1]}, "
                     f"{files[4 * n][1]} indicator rows), entry workbooks")
        for label, root in (("before", before), ("now", ROOT)):
            if root is not None:
                lines += report(label, n, measure(n, root, files, work), files)
    alone = writers_alone(min(n, 2000), 1 if n < 100 else 3)
    lines.append(f"writers alone, in this process, {min(n, 2000)} projects × 5 indicators: department report "
                 f"{alone['report'] * 1000:.3f} ms/project, report --form {alone['forms'] * 1000:.3f} "
                 f"(×{alone['forms'] / alone['report']:.1f}), score writer {alone['score'] * 1000:.3f} "
                 f"(×{alone['score'] / alone['report']:.1f})")
    lines.append(f"load after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for line in lines:
        print(line)
    return lines


if __name__ == "__main__":
    main()
