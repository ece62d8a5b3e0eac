"""vbaProject.bin writer: oletools and LibreOffice read our project back; dir record order."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import olefile
import pytest
import xlsxwriter
from oletools.olevba import VBA_Parser

from perfgoals_xl.vba import (
    DEFAULT_REFERENCES,
    VbaModule,
    build_vba_project,
    decompress,
    decrypt_project_value,
    read_dir_records,
    read_module_sources,
    read_streams,
)
from perfgoals_xl.vba.cfb import CfbStorage, build_compound_file
from perfgoals_xl.vba.project import encrypt_project_value, project_guid

ROOT = Path(__file__).resolve().parent.parent
UNO_SCRIPT = ROOT / "tests" / "uno" / "list_vba_modules.py"
SYSTEM_PYTHON = Path("/usr/bin/python3")

THIS_WORKBOOK_CODE = """Option Explicit

Private Sub Workbook_Open()
    Application.StatusBar = "PerfGoals ready"
End Sub
"""

SHEET1_CODE = ""

_BUTTONS = ["validate", "export", "import_pdf", "fill_defaults", "check_indicators", "summary"]


def _perfgoals_code() -> str:
    parts = [
        "Option Explicit",
        "",
        "' Ribbon callbacks and form buttons of the perfgoals-xl template.",
        "' Every handler starts Python through xlwings' RunPython.",
        "",
        "Private pgRibbon As IRibbonUI",
        "",
        "Public Sub PG_OnLoad(ribbon As IRibbonUI)",
        "    Set pgRibbon = ribbon",
        "End Sub",
        "",
        "Public Sub PG_GetEnabled(control As IRibbonControl, ByRef enabled)",
        "    enabled = Not ActiveWorkbook Is Nothing",
        "End Sub",
        "",
        "Public Sub PG_Refresh()",
        "    If Not pgRibbon Is Nothing Then pgRibbon.Invalidate",
        "End Sub",
        "",
    ]
    for action in _BUTTONS:
        sub = "PG_" + "".join(word.capitalize() for word in action.split("_"))
        parts += [
            f"Public Sub {sub}(control As IRibbonControl)",
            f'    RunPython "import perfgoals_xl.excel.buttons as b; b.{action}()"',
            "End Sub",
            "",
            f"Public Sub {sub}Button()",
            "    ' Form-button variant: no ribbon control argument.",
            f'    RunPython "import perfgoals_xl.excel.buttons as b; b.{action}()"',
            "End Sub",
            "",
        ]
    parts += [
        "Public Sub PG_GetLabel(control As IRibbonControl, ByRef label)",
        "    Select Case control.ID",
    ]
    for action in _BUTTONS:
        parts += [
            f'        Case "pg_{action}"',
            f'            label = "{action.replace("_", " ").title()}"',
        ]
    parts += [
        "        Case Else",
        "            label = control.ID",
        "    End Select",
        "End Sub",
        "",
        "Private Sub PG_Run(ByVal command As String)",
        "    On Error GoTo Failed",
        "    Application.Cursor = xlWait",
        "    RunPython command",
        "    Application.Cursor = xlDefault",
        "    Exit Sub",
        "Failed:",
        "    Application.Cursor = xlDefault",
        '    MsgBox "PerfGoals: " & Err.Description, vbExclamation, "PerfGoals"',
        "End Sub",
        "",
        "Public Function PG_Version() As String",
        '    PG_Version = "perfgoals-xl " & "0.1.0"',
        "End Function",
    ]
    return "\n".join(parts) + "\n"


PERFGOALS_CODE = _perfgoals_code()

MODULES = [
    VbaModule("ThisWorkbook", THIS_WORKBOOK_CODE, "document"),
    VbaModule("Sheet1", SHEET1_CODE, "document"),
    VbaModule("PerfGoals", PERFGOALS_CODE, "standard"),
]

MODULE_RECORD_IDS = [
    0x0019,  # MODULENAME
    0x0047,  # MODULENAMEUNICODE
    0x001A,  # MODULESTREAMNAME
    0x0032,  # MODULESTREAMNAME (Unicode)
    0x001C,  # MODULEDOCSTRING
    0x0048,  # MODULEDOCSTRING (Unicode)
    0x0031,  # MODULEOFFSET
    0x001E,  # MODULEHELPCONTEXT
    0x002C,  # MODULECOOKIE
    None,  # MODULETYPE: 0x0021 procedural / 0x0022 document
    0x002B,  # module terminator
]
EXPECTED_DIR_IDS = [
    0x0001,  # PROJECTSYSKIND
    0x0002,  # PROJECTLCID
    0x0014,  # PROJECTLCIDINVOKE
    0x0003,  # PROJECTCODEPAGE
    0x0004,  # PROJECTNAME
    0x0005,  # PROJECTDOCSTRING
    0x0040,  # PROJECTDOCSTRING (Unicode)
    0x0006,  # PROJECTHELPFILEPATH 1
    0x003D,  # PROJECTHELPFILEPATH 2
    0x0007,  # PROJECTHELPCONTEXT
    0x0008,  # PROJECTLIBFLAGS
    0x0009,  # PROJECTVERSION
    0x000C,  # PROJECTCONSTANTS
    0x003C,  # PROJECTCONSTANTS (Unicode)
    *[0x0016, 0x003E, 0x000D] * 2,  # REFERENCENAME + REFERENCEREGISTERED: stdole, Office
    0x000F,  # PROJECTMODULES
    0x0013,  # PROJECTCOOKIE
    *[i if i is not None else 0x0022 for i in MODULE_RECORD_IDS],  # ThisWorkbook
    *[i if i is not None else 0x0022 for i in MODULE_RECORD_IDS],  # Sheet1
    *[i if i is not None else 0x0021 for i in MODULE_RECORD_IDS],  # PerfGoals
    0x0010,  # dir terminator
]


def _crlf(code: str) -> str:
    return "".join(line + "\r\n" for line in code.splitlines())


def _strip_attributes(source: str) -> str:
    return "".join(
        line for line in source.splitlines(keepends=True) if not line.startswith("Attribute VB_")
    )


@pytest.fixture(scope="module")
def vba_bin() -> bytes:
    return build_vba_project(MODULES)


@pytest.fixture(scope="module")
def xlsm(vba_bin: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vba")
    bin_path = folder / "vbaProject.bin"
    bin_path.write_bytes(vba_bin)
    path = folder / "perfgoals.xlsm"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Goals")
    sheet.write("A1", "PerfGoals")
    sheet.set_vba_name("Sheet1")
    workbook.set_vba_name("ThisWorkbook")
    workbook.add_vba_project(str(bin_path))
    sheet.insert_button("C3", {"macro": "PG_ValidateButton", "caption": "Validate"})
    workbook.close()
    return path


# --------------------------------------------------------------------- (a) oletools


def test_perfgoals_module_is_large_enough() -> None:
    assert len(PERFGOALS_CODE) > 3000
    assert "Public Sub PG_Validate(control As IRibbonControl)" in PERFGOALS_CODE
    assert 'RunPython "import perfgoals_xl.excel.buttons as b; b.validate()"' in PERFGOALS_CODE


def test_oletools_decodes_every_module_from_xlsm(xlsm: Path) -> None:
    parser = VBA_Parser(str(xlsm))
    try:
        assert parser.detect_vba_macros()
        found = {Path(filename).stem: code for _f, _s, filename, code in parser.extract_macros()}
    finally:
        parser.close()
    assert set(found) == {m.name for m in MODULES}
    for module in MODULES:
        assert _strip_attributes(found[module.name]) == _crlf(module.code), module.name
    assert found["PerfGoals"].startswith('Attribute VB_Name = "PerfGoals"\r\n')


def test_document_module_attributes(vba_bin: bytes) -> None:
    sources = read_module_sources(vba_bin)
    assert sources["ThisWorkbook"].splitlines()[:8] == [
        'Attribute VB_Name = "ThisWorkbook"',
        'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    assert sources["Sheet1"].splitlines()[1] == (
        'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"'
    )
    assert sources["PerfGoals"].splitlines()[:2] == [
        'Attribute VB_Name = "PerfGoals"',
        "Option Explicit",
    ]
    for source in sources.values():
        assert "\n" not in source.replace("\r\n", "")


# ------------------------------------------------------------------ (b) dir records


def test_dir_record_sequence(vba_bin: bytes) -> None:
    assert [rec_id for rec_id, _ in read_dir_records(vba_bin)] == EXPECTED_DIR_IDS


def test_dir_record_values(vba_bin: bytes) -> None:
    records = read_dir_records(vba_bin)
    first = {rec_id: payload for rec_id, payload in reversed(records)}
    assert struct.unpack("<I", first[0x0001]) == (1,)  # Win32
    assert struct.unpack("<I", first[0x0002]) == (0x0409,)
    assert struct.unpack("<I", first[0x0014]) == (0x0409,)
    assert struct.unpack("<H", first[0x0003]) == (1252,)
    assert first[0x0004] == b"VBAProject"
    assert len(first[0x0009]) == 6
    assert struct.unpack("<H", first[0x000F]) == (3,)
    assert struct.unpack("<H", first[0x0013]) == (0xFFFF,)
    assert records[-1] == (0x0010, b"")

    names = [p.decode("utf-16-le") for i, p in records if i == 0x003E]
    assert names == ["stdole", "Office"]
    libids = []
    for rec_id, payload in records:
        if rec_id == 0x000D:
            (size,) = struct.unpack_from("<I", payload)
            assert payload[4 + size :] == b"\0" * 6  # Reserved1 (u32) + Reserved2 (u16)
            libids.append(payload[4 : 4 + size].decode("cp1252"))
    assert libids == [ref.libid for ref in DEFAULT_REFERENCES]
    assert "{00020430-0000-0000-C000-000000000046}" in libids[0]
    assert "{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}" in libids[1] and "MSO.DLL" in libids[1]

    assert [p for i, p in records if i == 0x0019] == [b"ThisWorkbook", b"Sheet1", b"PerfGoals"]
    assert [p.decode("utf-16-le") for i, p in records if i == 0x0047] == [
        "ThisWorkbook",
        "Sheet1",
        "PerfGoals",
    ]
    assert [p for i, p in records if i == 0x001A] == [b"ThisWorkbook", b"Sheet1", b"PerfGoals"]
    assert [p for i, p in records if i == 0x0031] == [struct.pack("<I", 0)] * 3
    assert [p for i, p in records if i == 0x002C] == [struct.pack("<H", 0xFFFF)] * 3


def test_streams_and_project_text(vba_bin: bytes) -> None:
    streams = read_streams(vba_bin)
    assert set(streams) == {
        "PROJECT",
        "PROJECTwm",
        "VBA/_VBA_PROJECT",
        "VBA/dir",
        "VBA/ThisWorkbook",
        "VBA/Sheet1",
        "VBA/PerfGoals",
    }
    assert streams["VBA/_VBA_PROJECT"] == bytes.fromhex("CC61FFFF000100")
    assert streams["PROJECTwm"] == (
        b"ThisWorkbook\0" + "ThisWorkbook".encode("utf-16-le") + b"\0\0"
        b"Sheet1\0" + "Sheet1".encode("utf-16-le") + b"\0\0"
        b"PerfGoals\0" + "PerfGoals".encode("utf-16-le") + b"\0\0" + b"\0\0"
    )
    text = streams["PROJECT"].decode("ascii")
    lines = text.split("\r\n")
    assert re.fullmatch(r'ID="\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}"', lines[0])
    assert lines[1:8] == [
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Module=PerfGoals",
        'Name="VBAProject"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        lines[7],
    ]
    values = dict(re.findall(r'^(CMG|DPB|GC)="([0-9A-F]+)"\r$', text, re.MULTILINE))
    assert decrypt_project_value(values["CMG"]) == b"\0\0\0\0"  # not protected
    assert decrypt_project_value(values["DPB"]) == b"\0"  # no password
    assert decrypt_project_value(values["GC"]) == b"\xff"  # visible
    assert text.endswith(
        "\r\n\r\n[Host Extender Info]\r\n"
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n"
        "\r\n[Workspace]\r\n"
        "ThisWorkbook=0, 0, 0, 0, C\r\nSheet1=0, 0, 0, 0, C\r\nPerfGoals=0, 0, 0, 0, C\r\n"
    )


def test_project_value_encryption_matches_spec_example() -> None:
    """MS-OVBA §3.1.6 example: CMG of an unprotected project with seed 0x07."""
    project_id = "{917DED54-440B-4FD1-A5C1-74ACF261E600}"
    assert encrypt_project_value(b"\0\0\0\0", project_id, 0x07) == "0705D8E3D8EDDBF1DBF1DBF1DBF1"
    assert decrypt_project_value("0E0CD1ECDFF4E7F5E7F5E7") == b"\0"  # §3.1.6 DPB
    assert decrypt_project_value("1517CAF1D6F9D7F9D706") == b"\xff"  # §3.1.6 GC
    for seed in range(256):
        assert decrypt_project_value(encrypt_project_value(b"\x12\x34", project_id, seed)) == (
            b"\x12\x34"
        )


# --------------------------------------------------------------- (c) reproducibility


def test_two_builds_are_byte_identical(vba_bin: bytes) -> None:
    assert build_vba_project(MODULES) == vba_bin
    assert build_vba_project(list(MODULES), seed=0) == vba_bin


def test_seed_changes_only_the_project_stream(vba_bin: bytes) -> None:
    other = build_vba_project(MODULES, seed=42)
    assert other != vba_bin
    assert project_guid(42) != project_guid(0)
    a, b = read_streams(vba_bin), read_streams(other)
    assert {k: v for k, v in a.items() if k != "PROJECT"} == {
        k: v for k, v in b.items() if k != "PROJECT"
    }


# ------------------------------------------------------------------- (d) bad input


def test_non_ascii_vba_is_refused() -> None:
    bad = VbaModule("PerfGoals", 'Sub X()\n    MsgBox "绩效目标"\nEnd Sub\n')
    with pytest.raises(ValueError, match=r"'PerfGoals'.*'绩'.*line 2"):
        build_vba_project([*MODULES[:2], bad])


def test_control_character_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'Sheet1'.*U\+000C.*line 1"):
        build_vba_project([VbaModule("Sheet1", "x = 1\f\n", "document")])


@pytest.mark.parametrize(
    ("modules", "message"),
    [
        ([VbaModule("Perf Goals", "")], "identifier"),
        ([VbaModule("A" * 32, "")], "identifier"),
        ([VbaModule("Mod", ""), VbaModule("MOD", "")], "duplicate"),
        ([VbaModule("Mod", 'Attribute VB_Name = "Mod"\nSub X()\nEnd Sub\n')], "VB_Name"),
        ([VbaModule("Mod", "", "class")], "kind"),  # type: ignore[arg-type]
    ],
)
def test_bad_modules_are_refused(modules: list[VbaModule], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_vba_project(modules)


# ------------------------------------------------------------------ compound file


def _check_red_black(ole: olefile.OleFileIO) -> None:
    entries = ole.direntries

    def black_height(sid: int, parent_red: bool) -> int:
        if sid == olefile.NOSTREAM:
            return 1
        entry = entries[sid]
        red = entry.color == 0
        assert not (red and parent_red), f"red node {entry.name!r} has a red parent"
        left = black_height(entry.sid_left, red)
        right = black_height(entry.sid_right, red)
        assert left == right, f"unequal black heights under {entry.name!r}"
        return left + (0 if red else 1)

    for entry in entries:
        if entry is not None and entry.sid_child != olefile.NOSTREAM:
            assert entries[entry.sid_child].color == 1, "subtree root must be black"
            black_height(entry.sid_child, False)


def test_olefile_reads_our_compound_file(vba_bin: bytes) -> None:
    assert len(vba_bin) % 512 == 0
    ole = olefile.OleFileIO(vba_bin)
    try:
        assert sorted("/".join(p) for p in ole.listdir()) == sorted(read_streams(vba_bin))
        for path, data in read_streams(vba_bin).items():
            assert ole.openstream(path).read() == data
        assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")
        _check_red_black(ole)
    finally:
        ole.close()


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7, 8, 13])
def test_compound_file_with_large_streams_and_many_siblings(count: int) -> None:
    streams = {f"S{i:02d}": bytes([i]) * (i * 1500) for i in range(count)}
    streams["big"] = bytes(range(256)) * 100  # 25.6 KB: regular sectors
    root = CfbStorage(streams={"top": b"x" * 4096}, storages={"Sub": CfbStorage(streams=streams)})
    data = build_compound_file(root)
    assert build_compound_file(root) == data
    ole = olefile.OleFileIO(data)
    try:
        assert ole.openstream("top").read() == b"x" * 4096
        for name, content in streams.items():
            assert ole.openstream(f"Sub/{name}").read() == content
        _check_red_black(ole)
    finally:
        ole.close()
    assert read_streams(data) == {"top": b"x" * 4096, **{f"Sub/{k}": v for k, v in streams.items()}}


def test_large_module_uses_regular_sectors() -> None:
    import xlwings

    bas = (Path(xlwings.__file__).parent / "xlwings.bas").read_text("ascii")
    code = "".join(bas.splitlines(keepends=True)[1:])  # drop its Attribute VB_Name line
    data = build_vba_project(
        [VbaModule("ThisWorkbook", "", "document"), VbaModule("xlwings", code)]
    )
    stream = read_streams(data)["VBA/xlwings"]
    assert len(stream) >= 4096  # stored outside the mini stream
    assert decompress(stream).decode("ascii") == 'Attribute VB_Name = "xlwings"\r\n' + _crlf(code)


# ---------------------------------------------------------------- (e) LibreOffice


def _soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


def test_libreoffice_converts_xlsm(xlsm: Path, tmp_path: Path) -> None:
    soffice = _soffice()
    profile = tmp_path / "profile"
    out = tmp_path / "out"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(xlsm),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = out / "perfgoals.xlsx"
    assert converted.is_file(), result.stdout + result.stderr
    import openpyxl

    book = openpyxl.load_workbook(converted)
    assert book["Goals"]["A1"].value == "PerfGoals"


def test_libreoffice_imports_vba_modules(xlsm: Path) -> None:
    _soffice()
    check = (
        subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
        if SYSTEM_PYTHON.exists()
        else None
    )
    if check is None or check.returncode != 0:
        pytest.skip("system python3 with python3-uno is not available")
    result = subprocess.run(
        [str(SYSTEM_PYTHON), str(UNO_SCRIPT), str(xlsm)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(xlsm.parent)},
    )
    assert result.returncode == 0, result.stderr
    libraries = json.loads(result.stdout.strip().splitlines()[-1])["libraries"]
    modules = libraries["VBAProject"]
    assert set(modules) == {"ThisWorkbook", "Sheet1", "PerfGoals"}
    assert modules["PerfGoals"].startswith("Rem Attribute VBA_ModuleType=VBAModule\n")
    assert modules["ThisWorkbook"].startswith("Rem Attribute VBA_ModuleType=VBADocumentModule\n")
    assert modules["Sheet1"].startswith("Rem Attribute VBA_ModuleType=VBADocumentModule\n")
    body = modules["PerfGoals"].split("\n", 2)[2]  # after the Rem and Option VBASupport lines
    assert body.rstrip("\n") == PERFGOALS_CODE.rstrip("\n")
    assert "Workbook_Open" in modules["ThisWorkbook"]
