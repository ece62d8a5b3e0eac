"""Every benchmark runs at a tiny size, so none can rot unnoticed (their full sizes stay manual).

A smoke run checks that the script runs to its report: no traceback, exit 0 — or 1, which
some benchmarks use for a missed target (timings at a tiny size on a shared machine mean
nothing). A benchmark added without a smoke size here fails ``test_every_benchmark_has_a_smoke_size``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

#: script → tiny arguments
SMOKE = {
    "bench_buttons_import.py": ["1"],
    "bench_check.py": ["20"],
    "bench_convert.py": ["--files", "4", "--projects", "20"],
    "bench_corpus_scale.py": ["--files", "3", "6"],
    "bench_entry.py": ["10"],
    "bench_forms.py": ["4"],
    "bench_memory.py": ["--rows", "200", "--projects", "20", "--commands"],
    "bench_pdf.py": ["--files", "1", "--projects", "3", "--top", "5"],
    "bench_pdf_pages.py": ["5"],
    "bench_report.py": ["--projects", "20", "--runs", "1"],
    "bench_score.py": ["5"],
    "bench_suggest.py": ["500"],
    "bench_suggest_quality.py": ["--limit", "3"],
    "bench_workbook_safety.py": ["200"],
    "bench_writers.py": ["10"],
    "generate.py": ["5"],
}


def test_every_benchmark_has_a_smoke_size():
    scripts = {p.name for p in BENCHMARKS.glob("*.py") if p.name not in ("timing.py", "__init__.py")}
    assert scripts == set(SMOKE), f"benchmarks without a smoke size: {sorted(scripts - set(SMOKE))}"


@pytest.mark.parametrize("script", sorted(SMOKE))
def test_benchmark_runs(script, tmp_path):
    run = subprocess.run([sys.executable, str(BENCHMARKS / script), *SMOKE[script]], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode in (0, 1), f"exit {run.returncode}: {run.stderr[-2000:]}"
    assert run.stdout.strip(), "the benchmark printed no report"
