"""A workbook is read by what its bytes are, not by what its name says: a web site serves an .xlsx as
``下载.xls``, WPS saves one as ``.et``, a user renames an .xls to ``.xlsx``. Read before by the name's
format, an .xlsx named .xls was refused ("Invalid OLE … not an office document"), an .xls named .xlsx
too ("invalid Zip archive"), and an .xlsx named .et crashed (its zip opened as an .ods: content.xml
missing). Now each reads as the file it is — its percentages as shown, its hidden rows left out — and
a zip that holds no workbook is one clear error."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from grid_files import xlsx_file
from openpyxl import load_workbook

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table

GOAL = "完成农村公路日常养护300公里，保障道路安全畅通。"
ROWS = [["项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["乡村道路养护", GOAL, "产出指标", "数量指标", "养护里程", "≥300公里"],
        ["乡村道路养护", GOAL, "产出指标", "数量指标", "示例：培训人次", "≥100人次"],  # hidden: a template's example
        ["乡村道路养护", GOAL, "满意度指标", "服务对象满意度指标", "群众满意度", 0.95]]  # shown as 95%
EXPECTED = [("养护里程", "≥300公里"), ("群众满意度", "95%")]


def _xlsx(path: Path) -> Path:
    xlsx_file(path, ROWS)
    wb = load_workbook(path)
    ws = wb.active
    ws.row_dimensions[3].hidden = True
    ws["F4"].number_format = "0%"
    wb.save(path)
    return path


def _read(path: Path) -> list[tuple[str, str]]:
    return [(i.name, i.annual_value.raw) for p in read_table(path).projects() for i in p.indicators]


@pytest.mark.parametrize("name", ["下载.xls", "表.et", "表.ett", "表.ods", "表.xlsm"])
def test_an_xlsx_under_another_name_reads_as_the_xlsx(tmp_path: Path, name: str) -> None:
    original = _xlsx(tmp_path / "表.xlsx")
    assert _read(original) == EXPECTED
    renamed = tmp_path / "renamed" / name
    renamed.parent.mkdir()
    shutil.copyfile(original, renamed)
    assert _read(renamed) == EXPECTED


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed to build a real .xls")
def test_an_xls_named_xlsx_reads_as_the_xls(tmp_path: Path) -> None:
    original = _xlsx(tmp_path / "表.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to", "xls",
                    "--outdir", str(tmp_path / "out"), str(original)], check=True, capture_output=True, timeout=180)
    renamed = tmp_path / "旧表.xlsx"
    shutil.copyfile(tmp_path / "out" / "表.xls", renamed)
    assert renamed.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert _read(renamed) == EXPECTED


def test_a_zip_holding_no_workbook_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "表.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "这不是工作簿")
    with pytest.raises(InputError) as err:
        read_table(path)
    assert "表.xlsx" in str(err.value)
    assert "不是" in str(err.value) and "工作簿" in str(err.value)


def test_the_format_is_told_by_the_parts_of_the_zip(tmp_path: Path) -> None:
    from perfgoals_xl.sources.workbook_safety import workbook_format

    for part, fmt in [("xl/workbook.xml", "xlsx"), ("xl/workbook.bin", "xlsb"), ("content.xml", "ods")]:
        path = tmp_path / f"{fmt}.xls"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(part, "<x/>")
        assert workbook_format(path) == fmt
    fake = tmp_path / "fake.xlsb"
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\x00" * 64)
    with pytest.raises(InputError):  # (a broken binary workbook: one clear error, no crash)
        read_table(fake)
