"""PDF corpus speed: pages per second per core reading generated multi-page budget PDFs.

Each input is a budget-disclosure bundle as departments publish it: a 部门收支总表 of a few
pages, then the 项目支出绩效目标表 (our report sheet of a generated table, ``--projects`` projects
per file), then a 政府采购预算表 — one workbook printed to PDF by LibreOffice (one conversion for
all files; without ``soffice`` the benchmark says so and stops). Each file is then read with
``read_table`` (the bundle's other tables found and skipped) in a fresh process under cProfile:

- pages per second per core: pages ÷ the reading process's CPU time (one thread: one core);
- wall time and the machine's load beside it (a shared machine: compare CPU figures);
- the profile's top costs (own time, summed over the files; a second read of each file, under
  cProfile, whose overhead would distort the timed one).

    python benchmarks/bench_pdf.py [--files 4] [--projects 40] [--top 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

FONT = "Noto Sans CJK SC"

READ = """
import cProfile, json, pstats, sys, time
from perfgoals_xl.sources import read_table
import perfgoals_xl.sources.pdf, pdfplumber  # imported before the clock starts: a corpus pays it once
path, prof = sys.argv[1], sys.argv[2]
profiler = cProfile.Profile() if prof else None
cpu, wall = time.process_time(), time.perf_counter()
if profiler:
    profiler.enable()
table = read_table(path)
if profiler:
    profiler.disable()
    profiler.dump_stats(prof)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
import pypdfium2
pages = len(pypdfium2.PdfDocument(path))
n = sum(len(p.indicators) for p in table.projects())
print(json.dumps({"cpu": cpu, "wall": wall, "pages": pages, "projects": len(table.projects()),
                  "indicators": n, "layout": table.layout}))
"""


def other_sheet(wb, name: str, title: str, header: list[str], rows: list[list]) -> None:
    """A ruled table that is not a performance table (its own title, 部门名称 line and header)."""
    ws = wb.add_worksheet(name)
    cell = wb.add_format({"font_name": FONT, "font_size": 10, "border": 1})
    money = wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "num_format": "#,##0.00"})
    ws.set_paper(9)
    ws.set_column(0, len(header) - 1, 22)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    ws.merge_range(0, 0, 0, len(header) - 1, title,
                   wb.add_format({"font_name": FONT, "bold": True, "font_size": 16, "align": "center"}))
    ws.write_string(1, 0, "部门名称：某市教育局", wb.add_format({"font_name": FONT}))
    ws.write_string(1, len(header) - 1, "单位：万元", wb.add_format({"font_name": FONT}))
    for c, h in enumerate(header):
        ws.write_string(2, c, h, wb.add_format({"font_name": FONT, "font_size": 10, "border": 1, "bold": True}))
    for r, row in enumerate(rows, 3):
        for c, v in enumerate(row):
            if isinstance(v, (int, float)):
                ws.write_number(r, c, v, money)
            else:
                ws.write_string(r, c, v or "", cell)


def write_bundle(path: Path, projects: int, seed: int) -> None:
    """One budget bundle workbook: 收支总表, the performance table, 政府采购预算表."""
    from generate import generate_table

    from perfgoals_xl.report.layout import build_report_layout
    from perfgoals_xl.report.xlsx_renderer import render_xlsx
    from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook

    wb = SafeWorkbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    lines = [[f"一般公共预算拨款{k}", 390.0 + k, f"一般公共服务支出{k}", 390.0 + k] for k in range(80)]
    other_sheet(wb, "收支总表", "部门收支总表", ["收入项目", "预算数", "支出项目", "预算数"], lines)
    render_xlsx(build_report_layout(generate_table(projects, seed=seed)), wb)
    buys = [[f"采购项目{k}", "办公设备", f"{k % 9 + 1}台", 12.5 * (k % 7 + 1)] for k in range(60)]
    other_sheet(wb, "政府采购", "政府采购预算表", ["项目名称", "采购品目", "数量", "预算数"], buys)
    wb.close()


def to_pdf(workbooks: list[Path], out: Path, soffice: str) -> None:
    """Print every workbook to PDF in one LibreOffice run."""
    profile = Path(tempfile.mkdtemp(prefix="bench-pdf-lo-"))
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, workbooks)], capture_output=True, timeout=1800, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _read(pdf: Path, prof: str, env: dict[str, str], cwd: Path) -> dict:
    """Read one PDF in a fresh process (under cProfile when ``prof`` names a file); its figures."""
    run = subprocess.run([sys.executable, "-c", READ, str(pdf), prof], capture_output=True, text=True,
                         env=env, cwd=cwd)
    if run.returncode != 0:
        raise SystemExit(f"reading {pdf} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def load() -> str:
    """The 1-, 5- and 15-minute load averages and the core count."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} ({os.cpu_count()} cores)"


def main() -> int:
    """Generate the bundles, print them to PDF, read each in a fresh process; print the Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=4, help="budget PDFs to read")
    parser.add_argument("--projects", type=int, default=40, help="projects per performance table")
    parser.add_argument("--top", type=int, default=15, help="rows of the profile's top costs")
    parser.add_argument("--keep", type=Path, help="folder for the generated PDFs (reused when present)")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    folder.mkdir(parents=True, exist_ok=True)
    pdfs = [folder / f"budget_{n:03d}.pdf" for n in range(args.files)]
    missing = [p for p in pdfs if not p.exists()]
    if missing and soffice is None:
        print("LibreOffice (soffice) is not installed: the budget PDFs cannot be printed; nothing measured.")
        return 0
    if missing:
        books = []
        for pdf in missing:
            book = pdf.with_suffix(".xlsx")
            write_bundle(book, args.projects, seed=int(pdf.stem.split("_")[1]) + 1)
            books.append(book)
        to_pdf(books, folder, soffice)
    print(f"load before: {load()}", flush=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    totals = {"cpu": 0.0, "wall": 0.0, "pages": 0, "indicators": 0}
    profiles = []
    for pdf in pdfs:
        prof = folder / f"{pdf.stem}.prof"
        got = _read(pdf, "", env, folder)  # timed without the profiler (it doubles the CPU time)
        _read(pdf, str(prof), env, folder)
        for key in totals:
            totals[key] += got[key]
        profiles.append(str(prof))
        print(f"- {pdf.name}: {got['pages']} pages, {got['projects']} projects, {got['indicators']} indicators "
              f"({got['layout']}), CPU {got['cpu']:.2f} s, wall {got['wall']:.2f} s", flush=True)
    print(f"load after: {load()}\n")
    print("| measurement | result |\n|---|---|")
    print(f"| {args.files} budget PDFs, {totals['pages']} pages, {totals['indicators']:,} indicators | "
          f"CPU {totals['cpu']:.2f} s, wall {totals['wall']:.2f} s |")
    print(f"| **pages per second per core** (pages ÷ CPU s) | **{totals['pages'] / totals['cpu']:.2f}** |")
    print(f"| pages per second, wall | {totals['pages'] / totals['wall']:.2f} |")
    print(f"| CPU ms per page | {1000 * totals['cpu'] / totals['pages']:.0f} |\n")
    import pstats

    stats = pstats.Stats(*profiles)
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:args.top]  # own time
    whole = sum(v[2] for v in stats.stats.values()) or 1.0
    shares: dict[str, float] = {}
    for (file, _, _), (_, _, own, _, _) in stats.stats.items():  # own time by whose code it is
        owner = next((name for name in ("perfgoals_xl", "pdfminer", "pdfplumber", "logging") if name in file),
                     "builtins and other")
        shares[owner] = shares.get(owner, 0.0) + own
    print("Own time by code: " + ", ".join(f"{name} {own / whole:.0%}"
                                           for name, own in sorted(shares.items(), key=lambda kv: -kv[1])) + "\n")
    print("Top costs under cProfile (own time):\n\n| own time | share | calls | function |\n|---|---|---|---|")
    for (file, line, name), (_, calls, own, _cum, _) in rows:
        where = f"{Path(file).name}:{line}({name})" if line else name
        print(f"| {own:.2f} s | {own / whole:.0%} | {calls:,} | `{where}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
