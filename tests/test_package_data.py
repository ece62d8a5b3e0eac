"""The package data equals the repository's files byte for byte (macros/, workbook/perfgoals.xlsm),
and `perfgoals template` writes to ./perfgoals.xlsm by default, whatever the install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from perfgoals_xl.template import MACRO_FILES, MACROS_DIR, PACKAGED_TEMPLATE, build_template

ROOT = Path(__file__).resolve().parent.parent
FIX = "python scripts/sync_package_data.py"


@pytest.mark.parametrize("name", MACRO_FILES)
def test_packaged_macro_equals_repository_file(name):
    assert (MACROS_DIR / name).read_bytes() == (ROOT / "macros" / name).read_bytes(), (
        f"perfgoals_xl/resources/macros/{name} differs from macros/{name}: {FIX}")


def test_packaged_template_equals_the_committed_workbook():
    assert PACKAGED_TEMPLATE.read_bytes() == (ROOT / "workbook" / "perfgoals.xlsm").read_bytes(), (
        f"perfgoals_xl/resources/perfgoals.xlsm differs from workbook/perfgoals.xlsm: {FIX}")


def test_no_other_files_in_the_packaged_macros():
    assert sorted(p.name for p in MACROS_DIR.iterdir()) == sorted(MACRO_FILES)
    assert sorted(p.name for p in (ROOT / "macros").iterdir()) == sorted(MACRO_FILES)


def test_pyproject_ships_the_resources():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["perfgoals_xl"]
    assert {"resources/*.xlsm", "resources/macros/*"} <= set(patterns)


def test_template_defaults_to_the_current_folder(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "template"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "perfgoals.xlsm").read_bytes() == build_template()
    assert "perfgoals.xlsm" in proc.stdout
