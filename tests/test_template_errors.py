"""`perfgoals template` with bad inputs: one Chinese error, exit 2, nothing written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfgoals_xl.template import MACROS_DIR


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True,
                          text=True, encoding="utf-8")


@pytest.fixture()
def macros(tmp_path: Path) -> Path:
    folder = tmp_path / "macros"
    shutil.copytree(MACROS_DIR, folder)
    return folder


def refused(proc: subprocess.CompletedProcess, out: Path, *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("filename", ["customUI14.xml", "ThisWorkbook.cls", "PerfGoals.bas"])
def test_missing_macro_file(macros, tmp_path, filename):
    (macros / filename).unlink()
    out = tmp_path / "t.xlsm"
    refused(run("template", "-o", str(out), "--macros", str(macros)), out, "找不到", filename)


def test_chinese_text_in_a_macro_names_the_line(macros, tmp_path):
    bas = macros / "PerfGoals.bas"
    lines = bas.read_bytes().split(b"\n")
    lines.insert(3, "' 注释：中文".encode())
    bas.write_bytes(b"\n".join(lines))
    out = tmp_path / "t.xlsm"
    refused(run("template", "-o", str(out), "--macros", str(macros)), out,
            "须为纯 ASCII", "第4行", "PerfGoals.bas")


def test_missing_vb_name(macros, tmp_path):
    bas = macros / "PerfGoals.bas"
    bas.write_bytes(bas.read_bytes().split(b"\n", 1)[1])
    out = tmp_path / "t.xlsm"
    refused(run("template", "-o", str(out), "--macros", str(macros)), out, "Attribute VB_Name")


def test_export_vba_onto_an_existing_file_writes_nothing(tmp_path):
    target = tmp_path / "vba.txt"
    target.write_text("keep", encoding="utf-8")
    out = tmp_path / "t.xlsm"
    refused(run("template", "-o", str(out), "--export-vba", str(target)), out, "--export-vba")
    assert target.read_text(encoding="utf-8") == "keep"


def test_existing_output_without_force(tmp_path):
    out = tmp_path / "t.xlsm"
    out.write_bytes(b"old")
    proc = run("template", "-o", str(out))
    assert proc.returncode == 2 and "已存在" in proc.stderr and out.read_bytes() == b"old"
