"""A text PDF of many pages (issue #20, class 5): time and peak memory of reading it, as a process.

    python benchmarks/bench_pdf_pages.py [PAGES] [--before DIR]    # default 2000 pages (≈ 1.3 MB)

Builds the PDF of tests/pdf_fixtures.py (running text on every page, no table), reads it with
``read_table`` in a fresh child process (its own peak, ``VmHWM``) and prints seconds, seconds per
page, peak MiB and the load average before and after. ``--before DIR``: the same in a child
importing the code from DIR (e.g. ``git archive <commit> | tar -x -C DIR``), in the same run.
Target: 2,000 pages within 60 s and 1 GiB on the shared 2-core machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = textwrap.dedent("""
    import json, sys, time
    from perfgoals_xl.errors import InputError
    from perfgoals_xl.sources import read_table
    start = time.perf_counter()
    try:
        read_table(sys.argv[1])
        outcome = "read"
    except InputError as exc:
        outcome = str(exc)[-60:]
    seconds = time.perf_counter() - start
    with open("/proc/self/status") as fh:
        peak = int(next(x for x in fh if x.startswith("VmHWM:")).split()[1]) / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "outcome": outcome}))
""")


def run(path: Path, code_root: Path) -> dict:
    """Read path in a child importing perfgoals_xl from code_root."""
    # cwd: not this checkout (``-c`` puts the working directory first on sys.path)
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          check=True, cwd=path.parent, env=dict(os.environ, PYTHONPATH=str(code_root)))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> list[str]:
    """Run the benchmark; return (and print) its lines."""
    args = sys.argv[1:] if argv is None else argv
    pages = int(next((a for a in args if a.isdigit()), "2000"))
    before = Path(args[args.index("--before") + 1]) if "--before" in args else None
    sys.path.insert(0, str(ROOT / "tests"))
    from pdf_fixtures import text_pages_pdf

    lines = [f"load before: {' / '.join(f'{x:.2f}' for x in os.getloadavg())} (cores: {os.cpu_count()})"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.pdf"
        path.write_bytes(text_pages_pdf(pages))
        lines.append(f"{pages} text pages, {path.stat().st_size / 1e6:.2f} MB")
        for label, root in (("before", before), ("now", ROOT)):
            if root is None:
                continue
            r = run(path, root)
            lines.append(f"{label:6s}: {r['seconds']:6.1f} s ({r['seconds'] / pages * 1000:.1f} ms/page), "
                         f"peak {r['peak_mib']:.0f} MiB — {r['outcome']}")
    lines.append(f"load after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for line in lines:
        print(line)
    return lines


if __name__ == "__main__":
    main()
