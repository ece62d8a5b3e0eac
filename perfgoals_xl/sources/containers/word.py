"""Word documents (docx; doc/wps converted with LibreOffice): one grid per table (sources/word.py)."""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.word import load_word_grids


def load_grids(path: str | Path) -> list[Grid]:
    """Every table of a Word document, named 表格1, 表格2 … (gridSpan/vMerge as merged ranges)."""
    return load_word_grids(path)
