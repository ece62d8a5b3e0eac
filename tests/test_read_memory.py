"""Reading files one after another through the Python API does not grow the process: the parsers'
reference cycles (python-docx's parts, pdfplumber's objects) hold the parsed document's memory and,
made while the collector is paused (gcpause.py), would otherwise wait in the oldest generation for a
full collection that such a loop never sees — 5 MB a Word file, 1 MB a PDF, found when the corpus
variation pass over Word originals ran out of 24 GB. Measured for a process, as its peak RSS."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ENTRY = HERE / "corpus" / "ah-guichi-2022-selfeval-weituo"

_LOOP = """
import resource, sys
from perfgoals_xl.sources import read_table
path, warm, more = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for _ in range(warm):
    read_table(path)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for _ in range(more):
    read_table(path)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.parametrize(("name", "reads", "limit_mb"), [("original.docx", 80, 40), ("printed.pdf", 40, 25)])
def test_reading_the_same_file_again_and_again_keeps_the_process_flat(name: str, reads: int, limit_mb: int) -> None:
    """Growth over the reads after a warm-up, in MB: a leak of the sizes above would be 400 MB (Word)
    and 40 MB (PDF); the limit leaves room for the allocator's own slack."""
    root = HERE.parent
    done = subprocess.run([sys.executable, "-c", _LOOP, str(ENTRY / name), "5", str(reads)], capture_output=True,
                          text=True, timeout=600, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip()) < limit_mb
