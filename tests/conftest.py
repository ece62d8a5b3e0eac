"""Shared fixtures: the seed table (a real published table, as text extracted from its PDF)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: CI runs a fixed, reproducible sample (a red CI must mean a change broke something,
# never that a random draw found an old edge); ``HYPOTHESIS_PROFILE=explore`` draws fresh examples
# (1,000 a test where the test sets no count) — run it after changing a parser and pin what it finds
# with an explicit test.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# xlwings registers its JSON ("remote") engine when it is first imported, and only with a license
# key set (PolyForm Noncommercial, test_excel_json_engine.py): set it before any test module
# imports xlwings, so the engine tests pass whatever module the run collects first.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "guangzhou_beijing_office_2024.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """Path of the bundled example (a copy of the shared seed)."""
    return SEED


@pytest.fixture()
def seed_table():
    """The seed, imported fresh for each test (tests may mutate it)."""
    from perfgoals_xl.sources.published_text import read_published_text

    return read_published_text(SEED)


@pytest.fixture()
def lo_profile(tmp_path) -> str:
    """soffice argument for a private LibreOffice profile in tmp_path (parallel runs never share one)."""
    return f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"
