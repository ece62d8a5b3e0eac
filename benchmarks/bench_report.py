"""Benchmark: the report sheet of a generated 10,000-project table vs a bare XlsxWriter floor.

Both run in this one invocation, alternately, each in a fresh child process (so
peak memory is each one's own): ``ours`` is ``write_report`` (compose the
indicator strings, compute the layout with row heights, render, atomic move);
``floor`` writes exactly the same cells, formats, widths, heights and page setup
with plain XlsxWriter calls from values prepared before the clock starts (the
composed indicator strings, floats for the amounts, format dicts). The floor does
nothing ours can skip: merges are written up front (no per-cell lookup), and it
runs under the same garbage-collector policy as ``write_report`` (paused while
writing), so the ratio measures only our own work: composing, estimating
heights, Decimal → float, per-cell dispatch, the atomic move. The target is ours
≤ 1.3 × floor. Prints the best of N runs (the machine is shared: alternating
runs and the best of each damp other load) and peak RSS of each.

    python benchmarks/bench_report.py [--projects 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _table(n_projects: int, seed: int = 1):
    """The generated table: benchmarks/generate.py when present, else the tests' generator."""
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
    try:
        from generate import generate_table  # type: ignore[import-not-found]

        return generate_table(n_projects, seed)
    except ImportError:
        from report_tables import make_table  # type: ignore[import-not-found]

        return make_table(n_projects, seed)


def _floor_input(layout) -> dict:
    """Everything the bare script needs, as plain Python values (prepared off the clock)."""
    from decimal import Decimal

    from perfgoals_xl.report.xlsx_renderer import _format_properties

    cells = [(c.row, c.col, float(c.value) if isinstance(c.value, Decimal) else c.value, c.style)
             for c in layout.cells]
    style_at = {(c.row, c.col): c.style for c in layout.cells}
    return {
        "formats": {k: _format_properties(s) for k, s in layout.styles.items()},
        "widths": list(layout.column_widths),
        "heights": sorted(layout.row_heights.items()),
        "cells": cells,
        "merges": [(m.first_row, m.first_col, m.last_row, m.last_col,
                    style_at[m.first_row, m.first_col]) for m in layout.merges],
    }


def _run_floor(data: dict, out: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    ws = wb.add_worksheet("项目支出绩效目标表")
    fmt = {k: wb.add_format(p) for k, p in data["formats"].items()}
    for col, width in enumerate(data["widths"]):
        ws.set_column(col, col, width)
    for row, height in data["heights"]:
        ws.set_row(row, height)
    for first_row, first_col, last_row, last_col, style in data["merges"]:
        ws.merge_range(first_row, first_col, last_row, last_col, "", fmt[style])
    write_string, write_number, write_blank = ws.write_string, ws.write_number, ws.write_blank
    for row, col, value, style in data["cells"]:
        if value is None:
            write_blank(row, col, None, fmt[style])
        elif isinstance(value, float):
            write_number(row, col, value, fmt[style])
        else:
            write_string(row, col, value, fmt[style])
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, 2)
    ws.set_footer("&C第 &P 页 共 &N 页", {"margin": 0.3})
    ws.set_header("", {"margin": 0.3})
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.freeze_panes(3, 0)
    wb.close()


def _child(kind: str, input_path: Path, out: Path) -> None:
    import xlsxwriter  # noqa: F401 - imports are off the clock for both

    from perfgoals_xl.gcpause import gc_paused
    from perfgoals_xl.report import write_report

    with open(input_path, "rb") as fh:
        payload = pickle.load(fh)
    start = time.perf_counter()
    if kind == "ours":
        write_report(payload, out, force=True)  # pauses the collector itself
    else:
        with gc_paused():  # the same policy, so neither side skips work the other does
            _run_floor(payload, out)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "bytes": out.stat().st_size}))


def main() -> None:
    """Run both variants alternately in child processes and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "INPUT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    sys.path.insert(0, str(ROOT))
    from perfgoals_xl.gcpause import gc_paused
    from perfgoals_xl.report.layout import build_report_layout

    t0 = time.perf_counter()
    table = _table(args.projects)
    n_ind = sum(len(p.indicators) for p in table.projects())
    print(f"table: {args.projects} projects, {n_ind} indicators (generated in {time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    with gc_paused():  # as inside write_report
        layout = build_report_layout(table)
    layout_s = time.perf_counter() - t0
    print(f"layout alone: {layout_s:.2f} s, {len(layout.cells)} cells, {layout.n_rows} rows")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = {"ours": work / "table.pickle", "floor": work / "floor.pickle"}
        inputs["ours"].write_bytes(pickle.dumps(table))
        inputs["floor"].write_bytes(pickle.dumps(_floor_input(layout)))
        results: dict[str, list[dict]] = {"ours": [], "floor": []}
        for _ in range(args.runs):
            for kind in ("floor", "ours"):
                out = work / f"{kind}.xlsx"
                proc = subprocess.run([sys.executable, __file__, "--child", kind, str(inputs[kind]), str(out)],
                                      check=True, capture_output=True, text=True)
                results[kind].append(json.loads(proc.stdout))
    best = {k: min(r["seconds"] for r in v) for k, v in results.items()}
    peak = {k: max(r["peak_mb"] for r in v) for k, v in results.items()}
    size = {k: v[0]["bytes"] / 1e6 for k, v in results.items()}
    for kind in ("floor", "ours"):
        print(f"{kind:5}: best {best[kind]:.2f} s of {args.runs}, peak RSS {peak[kind]:.0f} MB, "
              f"file {size[kind]:.1f} MB")
    ratio = best["ours"] / best["floor"]
    print(f"ratio ours/floor: {ratio:.2f} (target ≤ 1.30) {'OK' if ratio <= 1.3 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
