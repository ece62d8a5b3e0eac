"""Corpus scale: `perfgoals convert` peak memory flat in the number of files, incremental
re-runs, and throughput on a Dask cluster of 1, 2 and 4 local workers — side by side in one run.

    python benchmarks/bench_corpus_scale.py [--files 100 400] [--workers 1 2 4] [--projects 3 8]

1. For each count of files (generated department tables, published-text layout, the same
   sizes for every count), ``perfgoals convert -j 1`` runs as a process of its own; its peak
   memory is its own high-water mark (``VmHWM``, read by a thin wrapper just before exit).
   Target: the largest count's peak ≤ 1.25 × the smallest's.
2. A re-run in the same folder (nothing changed): seconds, against the first run.
3. With ``--workers``: a Dask scheduler and N one-thread workers started as processes on
   127.0.0.1, ``convert --scheduler`` over the largest folder: files per second per count of
   workers (they share this machine's cores: more workers than cores cannot go faster).

Say the machine's load with every figure (printed at the start and the end).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

#: Runs `perfgoals convert` in this process, then prints its own VmHWM in KiB.
_WRAPPER = """
import sys
from perfgoals_xl.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as fh:
    print("VMHWM", next(x for x in fh if x.startswith("VmHWM:")).split()[1], file=sys.stderr)
sys.exit(code)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def convert(args: list[str]) -> tuple[float, int, str]:
    """(seconds, peak KiB, stdout) of one `perfgoals convert` process."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, "convert", *args, "-q"], capture_output=True,
                          text=True, encoding="utf-8", env=_env())
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"convert failed ({proc.returncode}): {proc.stderr[-2000:]}")
    peak = next(int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("VMHWM"))
    return seconds, peak, proc.stdout


def load() -> str:
    """The machine's load averages, for the record."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def cluster_run(folder: Path, out: Path, workers: int, tmp: Path) -> float:
    """Seconds to convert ``folder`` on a fresh local cluster of ``workers`` one-thread workers."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if dask is None:
        raise SystemExit("the dask command is not installed (pip install 'perfgoals-xl[cluster]')")
    scheduler_file = tmp / f"scheduler-{workers}.json"
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(scheduler_file)], env=_env(), cwd=tmp,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        while not scheduler_file.exists():
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
        procs += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                                    "--local-directory", str(tmp)], env=_env(), cwd=tmp,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        seconds, _, _ = convert([str(folder), "-o", str(out), "--scheduler", address])
        return seconds
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def main() -> int:
    """Run the measurements and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--workers", type=int, nargs="*", default=[])
    parser.add_argument("--projects", type=int, nargs=2, default=(3, 8), metavar=("MIN", "MAX"))
    args = parser.parse_args()
    from generate import write_folder  # type: ignore[import-not-found]

    print(f"load at start: {load()} (cores: {os.cpu_count()})")
    with tempfile.TemporaryDirectory(prefix="perfgoals-scale-") as tmp_name:
        tmp = Path(tmp_name)
        rows = []
        largest = None
        for count in sorted(args.files):
            folder = tmp / f"in{count}"
            write_folder(folder, count, seed=21, projects=tuple(args.projects))
            out = tmp / f"out{count}"
            seconds, peak, _ = convert([str(folder), "-o", str(out), "-j", "1"])
            again, peak_again, stdout = convert([str(folder), "-o", str(out), "-j", "1"])
            assert "沿用上次结果" in stdout, stdout
            rows.append((count, seconds, peak, again, peak_again))
            largest = folder
        print("| files | convert s | peak MiB | re-run (unchanged) s | re-run peak MiB |")
        print("|---|---|---|---|---|")
        for count, seconds, peak, again, peak_again in rows:
            print(f"| {count:,} | {seconds:.1f} | {peak / 1024:.0f} | {again:.1f} | {peak_again / 1024:.0f} |")
        ratio = rows[-1][2] / rows[0][2]
        print(f"peak {rows[-1][0]:,} files / {rows[0][0]:,} files: {ratio:.2f}× (target ≤ 1.25×)")
        if args.workers and largest is not None:
            print("| Dask workers | seconds | files/s |")
            print("|---|---|---|")
            count = sorted(args.files)[-1]
            for workers in args.workers:
                seconds = cluster_run(largest, tmp / f"cluster{workers}", workers, tmp)
                print(f"| {workers} | {seconds:.1f} | {count / seconds:.1f} |")
    print(f"load at end: {load()}")
    return 0 if ratio <= 1.25 else 1


if __name__ == "__main__":
    sys.exit(main())
