"""The add-in perfgoals.xlam (#25): reproducible, built from the template's own macros, its package
parts compared with the xlwings.xlam that Excel 16 saved (shipped inside xlwings), opened by
LibreOffice as a document with every button macro and ribbon callback run through the RunPython
recorder; `perfgoals addin build|install|uninstall`."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from perfgoals_xl import addin, addin_install
from perfgoals_xl.cli import main
from perfgoals_xl.excel import names
from perfgoals_xl.template import MACROS_DIR, build_template, read_macro, strip_vb_name
from perfgoals_xl.vba.inspect import read_dir_records, read_streams

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = Path("/usr/bin/python3")
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@pytest.fixture(scope="module")
def built() -> bytes:
    return addin.build_addin()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.fixture(scope="module")
def ours(built) -> dict[str, bytes]:
    return parts_of(built)


@pytest.fixture(scope="module")
def theirs() -> dict[str, bytes]:
    from perfgoals_xl.excel.wrappers import xlwings_dir

    parts = parts_of((xlwings_dir() / "addin" / "xlwings.xlam").read_bytes())
    assert b"<AppVersion>16." in parts["docProps/app.xml"]  # saved by Excel 16
    return parts


def content_types(parts: dict[str, bytes]) -> dict[str, str]:
    """Every part → its content type (an Override, else the Default of its extension)."""
    from lxml import etree

    root = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in root.iter(f"{CT}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in root.iter(f"{CT}Override")}
    return {name: overrides.get("/" + name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")
            for name in parts if name != "[Content_Types].xml"}


def relationships(parts: dict[str, bytes], name: str) -> dict[str, str]:
    """Relationship type → target of a .rels part."""
    from lxml import etree

    return {r.get("Type"): r.get("Target") for r in etree.fromstring(parts[name]).iter(f"{RELS}Relationship")}


# ---------------------------------------------------------------------------- build


def test_two_builds_are_identical(built):
    assert addin.build_addin() == built


def test_the_template_is_unchanged_by_the_addin_build():
    assert build_template() == (ROOT / "workbook" / "perfgoals.xlsm").read_bytes()


def test_workbook_part_is_an_addin_as_in_xlwings_xlam(ours, theirs):
    mine, excel = content_types(ours), content_types(theirs)
    assert mine["xl/workbook.xml"] == excel["xl/workbook.xml"] == addin.ADDIN_CONTENT_TYPE
    assert mine["xl/vbaProject.bin"] == excel["xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    for name in ("xl/styles.xml", "xl/theme/theme1.xml", "xl/sharedStrings.xml", "docProps/app.xml",
                 "docProps/core.xml", "xl/worksheets/sheet1.xml"):
        assert mine[name] == excel[name], name


def test_relationships_as_in_xlwings_xlam(ours, theirs):
    vba = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    assert relationships(ours, "xl/_rels/workbook.xml.rels")[vba] == \
        relationships(theirs, "xl/_rels/workbook.xml.rels")[vba] == "vbaProject.bin"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    assert relationships(ours, "_rels/.rels")[office] == relationships(theirs, "_rels/.rels")[office] == "xl/workbook.xml"
    # the ribbon: a package-level ui/extensibility relationship in both (theirs is the Office 2007
    # customUI, ours the Office 2010 customUI14 the template carries: its own relationship type)
    (their_ui,) = [t for t in relationships(theirs, "_rels/.rels") if t.endswith("/ui/extensibility")]
    (our_ui,) = [t for t in relationships(ours, "_rels/.rels") if t.endswith("/ui/extensibility")]
    assert their_ui == "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
    assert our_ui == "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
    assert relationships(ours, "_rels/.rels")[our_ui] in ours


def test_workbook_properties_as_in_xlwings_xlam(ours, theirs):
    for parts in (ours, theirs):
        book = parts["xl/workbook.xml"].decode("utf-8")
        assert re.search(r'<workbookPr codeName="ThisWorkbook"', book)
        assert re.search(r'<workbookView visibility="hidden"', book)


def test_vba_project_records_as_in_xlwings_xlam(ours, theirs):
    from test_vba_reference_files import _information_ids, _module_sequences, _references

    mine = read_dir_records(ours["xl/vbaProject.bin"])
    excel = read_dir_records(theirs["xl/vbaProject.bin"])
    assert _references(mine) == _references(excel)  # stdole and Office, byte for byte
    assert _information_ids(mine) == _information_ids(excel)
    for sequence in _module_sequences(mine):
        assert sequence[-2] in (0x21, 0x22) and sequence[-1] == 0x2B
    assert read_streams(ours["xl/vbaProject.bin"])["VBA/_VBA_PROJECT"] == \
        read_streams(theirs["xl/vbaProject.bin"])["VBA/_VBA_PROJECT"][:7]
    project = read_streams(ours["xl/vbaProject.bin"])["PROJECT"].decode("ascii")
    assert "Document=ThisWorkbook/&H00000000" in project and f'Name="{addin.PROJECT_NAME}"' in project


def test_modules_are_the_templates_with_wrappers_for_the_active_workbook(built):
    parser = VBA_Parser("perfgoals.xlam", data=built)
    modules = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    parser.close()
    _, perfgoals = strip_vb_name(read_macro(MACROS_DIR, "PerfGoals.bas"))
    assert modules["PerfGoals"].replace("\r\n", "\n").split("\n", 1)[1] == perfgoals
    for _, macro, handler in names.BUTTONS:  # the template's button list, one RunPython line each
        assert f"Public Sub {macro}()" in perfgoals and f"b.{handler}()" in perfgoals
    wrappers = modules["xlwings_udfs"]
    assert "ActiveWorkbook, Application.Caller" in wrappers and "ThisWorkbook, Application.Caller" not in wrappers
    from perfgoals_xl.excel.udfs import FUNCTIONS

    for name in FUNCTIONS:
        assert f'Function {name}(' in wrappers and f'"perfgoals_xl.excel.udfs", "{name}"' in wrappers
    assert {"ThisWorkbook", "xlwings", "Sheet1", "Sheet2", "Sheet3"} <= set(modules)


def test_conf_and_function_sheets_and_the_ribbon(ours):
    ribbon = ours["customUI/customUI14.xml"]
    assert ribbon == (MACROS_DIR / "customUI14.xml").read_bytes()
    for _, macro, _ in names.BUTTONS:
        assert f'onAction="{macro}_Ribbon"'.encode() in ribbon
    book = ours["xl/workbook.xml"].decode("utf-8")
    assert re.findall(r'<sheet name="([^"]+)"', book) == [addin.INFO_SHEET, names.CONF_SHEET, names.UDF_SHEET]
    strings = ours["xl/sharedStrings.xml"].decode("utf-8")
    assert "perfgoals_xl.excel.udfs" in strings and "PG_PARSE" in strings
    assert all(line in strings for line in addin.INFO_LINES)  # the one sheet LibreOffice shows


# ------------------------------------------------------------------------ LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None or not SYSTEM_PYTHON.exists()
                    or subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True).returncode,
                    reason="needs LibreOffice and python3-uno")
def test_libreoffice_opens_the_addin_and_runs_every_button_macro(built, tmp_path):
    path = tmp_path / "perfgoals.xlam"
    path.write_bytes(built)
    macros = [macro for _, macro, _ in names.BUTTONS]
    done = subprocess.run([str(SYSTEM_PYTHON), str(ROOT / "tests" / "uno" / "run_button_macros.py"), str(path),
                           *macros], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["library"] == addin.PROJECT_NAME
    assert {"PerfGoals", "xlwings", "xlwings_udfs", "ThisWorkbook"} <= set(result["modules"])
    expected = {macro: [f"import perfgoals_xl.excel.buttons as b; b.{handler}()"]
                for _, macro, handler in names.BUTTONS}
    assert result["calls"] == expected
    assert result["ribbon_calls"] == expected


# ---------------------------------------------------------------------------- the command


def test_build_command_writes_the_reproducible_addin(tmp_path, built, capsys):
    out = tmp_path / "perfgoals.xlam"
    assert main(["addin", "build", "-o", str(out)]) == 0
    assert out.read_bytes() == built
    assert main(["addin", "build", "-o", str(out)]) == 2  # exists: --force needed
    assert main(["addin", "build", "-o", str(tmp_path / "x.xlsm")]) == 2
    assert "加载项必须是 .xlam 文件" in capsys.readouterr().err


def test_install_and_uninstall_into_a_folder(tmp_path, built, capsys):
    folder = tmp_path / "XLSTART"
    assert main(["addin", "install", "--dir", str(folder)]) == 0
    assert (folder / "perfgoals.xlam").read_bytes() == built
    assert main(["addin", "install", "--dir", str(folder)]) == 0  # an update overwrites
    assert main(["addin", "uninstall", "--dir", str(folder)]) == 0
    assert not (folder / "perfgoals.xlam").exists()
    assert main(["addin", "uninstall", "--dir", str(folder)]) == 0
    assert "没有找到已安装的加载项" in capsys.readouterr().out


@pytest.mark.skipif(addin_install.sys.platform.startswith("win"), reason="the message off Windows")
def test_install_off_windows_is_a_clear_message(capsys):
    assert main(["addin", "install"]) == 2
    err = capsys.readouterr().err
    assert "只能安装到 Windows 上的 Excel" in err and "perfgoals addin build" in err and "Traceback" not in err


def test_startup_folder_on_windows_without_a_running_excel():
    folder = addin_install.startup_folder({"APPDATA": r"C:\Users\u\AppData\Roaming"}, platform="win32")
    assert folder.parts[-3:] == ("Microsoft", "Excel", "XLSTART")
    with pytest.raises(Exception, match="APPDATA"):
        addin_install.startup_folder({}, platform="win32")
