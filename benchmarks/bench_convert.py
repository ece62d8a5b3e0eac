"""Benchmark of the batch main job (`perfgoals convert`), each part measured side by side in one run.

1. corpus: 1,000 generated department files (10–60 projects each, published text layout)
   through parse + check + report with 1 and with 2 jobs: files/s, speed-up, peak memory.
   Target: 2 jobs ≥ 1.7× faster than 1.
2. one 10,000-project table through import → check → report, next to the floors:
   a regex-only parse of the same text (one compiled regex per indicator item) and a bare
   XlsxWriter write of the same cells (benchmarks/bench_report.py's floor).
   Target: the pipeline within 1.5× the sum of the floors.
3. cold start of `perfgoals --help`. Target ≤ 0.3 s.

Each scenario runs in a fresh child process, so peak RSS (ru_maxrss of the child and its
workers) is its own. Results are printed as a Markdown table (paste into docs/performance.md).

    python benchmarks/bench_convert.py [--files 1000] [--projects 10000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks")]


def make_corpus(folder: Path, files: int, seed: int = 7) -> int:
    """Write `files` published-text tables of 10–60 projects; return the indicator count."""
    from generate import generate_table  # type: ignore[import-not-found]

    from perfgoals_xl.sinks.published_text import published_text

    rng = random.Random(seed)
    indicators = 0
    for n in range(files):
        table = generate_table(rng.randint(10, 60), seed=seed * 100_000 + n)
        indicators += sum(len(p.indicators) for p in table.projects())
        (folder / f"dept_{n:04d}.txt").write_text(published_text(table), encoding="utf-8")
    return indicators


def _child(code: str, *args: str) -> dict:
    """Run a snippet in a fresh interpreter; it prints one JSON line; add its peak RSS (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["peak_mib"] = round(max(after, before) / 1024, 1)  # max over children so far (KiB on Linux)
    result["own_peak_mib"] = round(after / 1024, 1) if after > before else None
    return result


CONVERT = """
import json, sys, time
from pathlib import Path
from perfgoals_xl.batch.inputs import expand_inputs
from perfgoals_xl.batch.runner import run_batch
from perfgoals_xl.batch.worker import ConvertOptions
from perfgoals_xl.rules import load_config
src, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
inputs = expand_inputs([str(src)])
t = time.perf_counter()
report = run_batch(inputs, out, ConvertOptions(force=True, config=load_config()), jobs=jobs)
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "files": len(inputs), "failed": len(report.failed)}))
"""

PIPELINE = """
import json, sys, time
from pathlib import Path
from perfgoals_xl.sources import read_table
from perfgoals_xl.rules import check_table, load_config
from perfgoals_xl.report import write_report
src, out = Path(sys.argv[1]), Path(sys.argv[2])
config = load_config()
t0 = time.perf_counter(); table = read_table(src)
t1 = time.perf_counter(); issues = check_table(table, config)
t2 = time.perf_counter(); write_report(table, out, force=True)
t3 = time.perf_counter()
print(json.dumps({"seconds": t3 - t0, "import": t1 - t0, "check": t2 - t1, "report": t3 - t2,
                  "issues": len(issues)}))
"""

# The floor for parsing: read the file and run one compiled regex per indicator item, keeping
# each item's fields as a tuple (a parse must at least hand its fields over).
REGEX_FLOOR = r"""
import json, re, sys, time
from pathlib import Path
ITEM = re.compile(r"(\d+)、(\d*)-?([^；]*)；(\d*)-?([^；]*)；([^；]*)；实施周期指标值:([^；]*)；年度指标值:(.*?)。(?=\d+、|$)")
t = time.perf_counter()
text = Path(sys.argv[1]).read_text(encoding="utf-8")
paragraphs = re.split(r"\n\s*\n", text)
items = []
for para in paragraphs:
    if para[:1].isdigit():
        items.extend(m.groups() for m in ITEM.finditer(para.replace("\n", "")))
print(json.dumps({"seconds": time.perf_counter() - t, "items": len(items)}))
"""

WRITE_FLOOR = """
import json, pickle, sys, time
from pathlib import Path
sys.path.insert(0, "benchmarks")
from bench_report import _run_floor
data = pickle.loads(Path(sys.argv[1]).read_bytes())
t = time.perf_counter(); _run_floor(data, Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def bench_corpus(files: int, tmp: Path) -> list[dict]:
    src = tmp / "corpus"
    src.mkdir()
    t = time.perf_counter()
    indicators = make_corpus(src, files)
    print(f"corpus: {files} files, {indicators} indicators, made in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    rows = []
    for jobs in (1, 2):
        r = _child(CONVERT, str(src), str(tmp / f"out{jobs}"), str(jobs))
        r.update(jobs=jobs, files_per_s=r["files"] / r["seconds"], indicators=indicators)
        rows.append(r)
        print(f"  jobs={jobs}: {r['seconds']:.1f} s, {r['files_per_s']:.1f} files/s, failed {r['failed']}", file=sys.stderr)
    return rows


def bench_single(projects: int, tmp: Path) -> dict:
    import pickle

    from bench_report import _floor_input  # type: ignore[import-not-found]
    from generate import generate_table  # type: ignore[import-not-found]

    from perfgoals_xl.report.layout import build_report_layout
    from perfgoals_xl.sinks.published_text import write_published_text

    table = generate_table(projects, seed=11)
    src = tmp / "big.txt"
    write_published_text(table, src)
    floor_data = tmp / "floor.pickle"
    floor_data.write_bytes(pickle.dumps(_floor_input(build_report_layout(table))))
    best: dict[str, dict] = {}
    for _ in range(2):  # alternate, keep the best of each
        for name, code, args in (
            ("pipeline", PIPELINE, [str(src), str(tmp / "big.report.xlsx")]),
            ("regex_floor", REGEX_FLOOR, [str(src)]),
            ("write_floor", WRITE_FLOOR, [str(floor_data), str(tmp / "floor.xlsx")]),
        ):
            r = _child(code, *args)
            if name not in best or r["seconds"] < best[name]["seconds"]:
                best[name] = r
    return best


def bench_help(runs: int = 15) -> dict:
    exe = Path(sys.executable).with_name("perfgoals")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "perfgoals_xl"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([*cmd, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return {"median": statistics.median(times), "best": min(times)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="100 files and 1,000 projects")
    args = parser.parse_args()
    if args.quick:
        args.files, args.projects = 100, 1000
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        corpus = bench_corpus(args.files, tmp)
        single = bench_single(args.projects, tmp)
    cold = bench_help()
    one, two = corpus
    speedup = one["seconds"] / two["seconds"]
    floors = single["regex_floor"]["seconds"] + single["write_floor"]["seconds"]
    ratio = single["pipeline"]["seconds"] / floors
    p = single["pipeline"]
    print(f"\nMachine: {machine()}; {time.strftime('%Y-%m-%d')}\n")
    print("| measurement | result | target |")
    print("|---|---|---|")
    print(f"| corpus ({one['files']} files, {one['indicators']} indicators), 1 job | {one['seconds']:.1f} s, "
          f"{one['files_per_s']:.1f} files/s, peak {one['own_peak_mib'] or one['peak_mib']} MiB | |")
    print(f"| same corpus, 2 jobs | {two['seconds']:.1f} s, {two['files_per_s']:.1f} files/s, "
          f"peak {two['own_peak_mib'] or two['peak_mib']} MiB (largest process) | |")
    print(f"| speed-up 2 jobs / 1 job | {speedup:.2f}× | ≥ 1.7× {'✅' if speedup >= 1.7 else '❌'} |")
    print(f"| {args.projects} projects: import → check → report | {p['seconds']:.2f} s (import {p['import']:.2f}, "
          f"check {p['check']:.2f}, report {p['report']:.2f}) | |")
    print(f"| floors: regex-only parse + bare XlsxWriter write | {single['regex_floor']['seconds']:.2f} s + "
          f"{single['write_floor']['seconds']:.2f} s = {floors:.2f} s | |")
    print(f"| pipeline / floors | {ratio:.2f}× | ≤ 1.5× {'✅' if ratio <= 1.5 else '❌'} |")
    print(f"| cold start `perfgoals --help` | median {cold['median'] * 1000:.0f} ms, best {cold['best'] * 1000:.0f} ms "
          f"| ≤ 300 ms {'✅' if cold['median'] <= 0.3 else '❌'} |")


if __name__ == "__main__":
    main()
