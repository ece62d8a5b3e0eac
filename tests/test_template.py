"""The Excel template workbook/perfgoals.xlsm: reproducible, and every part checked as far as
Linux allows — VBA decoded back by oletools, ribbon against the customUI14 schema, every
onAction / button macro a VBA Sub, every RunPython target importable, the pinned xlwings
module, the UDF wrappers, the hidden configuration sheets and the mark formats."""

from __future__ import annotations

import importlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings
import xmlschema

from perfgoals_xl import entry
from perfgoals_xl.excel import names
from perfgoals_xl.excel.wrappers import function_descriptions, wrapper_code
from perfgoals_xl.template import (
    MACROS_DIR,
    RIBBON_PART,
    RIBBON_REL_TYPE,
    XLWINGS_CONF,
    build_template,
    export_vba,
    strip_vb_name,
    vba_modules,
    xlwings_bas,
    xlwings_bas_version,
)
from perfgoals_xl.vba import module_source, read_dir_records

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path("/work/shared/schemas/customui14.xsd")
if not SCHEMA.exists():
    SCHEMA = ROOT.parent / "shared" / "schemas" / "customui14.xsd"
CUSTOMUI_NS = "{http://schemas.microsoft.com/office/2009/07/customui}"
REQUIRED_LABELS = {"校验", "生成报表", "拆分指标", "导入", "清除标记", "规则说明"}

_SUB = re.compile(r"^Public Sub (\w+)\(([^)]*)\)\n(.*?)^End Sub$", re.MULTILINE | re.DOTALL)
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated")
_RUNPYTHON = re.compile(r'^    RunPython "import ([\w.]+) as b; b\.(\w+)\(\)"$')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "perfgoals.xlsm"
    path.write_bytes(build_template())
    return path


@pytest.fixture(scope="module")
def parts(built) -> dict[str, bytes]:
    with zipfile.ZipFile(built) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture(scope="module")
def subs() -> dict[str, tuple[str, list[str]]]:
    """Public Subs of PerfGoals.bas: name → (parameters, body lines)."""
    _, code = strip_vb_name((MACROS_DIR / "PerfGoals.bas").read_text(encoding="ascii"))
    code = code.replace("\r\n", "\n")
    return {m.group(1): (m.group(2), [ln for ln in m.group(3).split("\n") if ln.strip()])
            for m in _SUB.finditer(code)}


def test_two_builds_are_identical():
    assert build_template() == build_template()


def test_committed_workbook_equals_a_fresh_build():
    committed = ROOT / "workbook" / "perfgoals.xlsm"
    assert committed.exists(), "workbook/perfgoals.xlsm missing: python scripts/sync_package_data.py"
    assert committed.read_bytes() == build_template(), (
        "workbook/perfgoals.xlsm is stale: python scripts/sync_package_data.py")


def test_zip_entries_have_fixed_timestamps(parts, built):
    with zipfile.ZipFile(built) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.testzip() is None


def test_macro_sources_are_ascii():
    for path in MACROS_DIR.iterdir():
        if path.suffix in (".bas", ".cls"):
            assert path.read_bytes().isascii(), path


# -------------------------------------------------------------------- ribbon


def test_ribbon_part_relationship_and_content_type(parts):
    assert parts[RIBBON_PART] == (MACROS_DIR / "customUI14.xml").read_bytes()
    rels = parts["_rels/.rels"].decode()
    assert f'Type="{RIBBON_REL_TYPE}" Target="{RIBBON_PART}"' in rels
    types = parts["[Content_Types].xml"].decode()
    assert f'<Override PartName="/{RIBBON_PART}" ContentType="application/xml"/>' in types


@pytest.mark.skipif(not SCHEMA.exists(), reason="customui14.xsd (../shared/schemas) not found")
def test_ribbon_validates_against_the_customui14_schema():
    schema = xmlschema.XMLSchema(str(SCHEMA))
    schema.validate(str(MACROS_DIR / "customUI14.xml"))


def _ribbon_buttons():
    tree = xmlschema.XMLResource(str(MACROS_DIR / "customUI14.xml")).root
    tabs = list(tree.iter(f"{CUSTOMUI_NS}tab"))
    assert [t.get("label") for t in tabs] == ["绩效目标"]
    return list(tree.iter(f"{CUSTOMUI_NS}button"))


def test_ribbon_has_the_required_buttons_with_office_icons():
    buttons = _ribbon_buttons()
    assert {b.get("label") for b in buttons} >= REQUIRED_LABELS
    assert all(b.get("imageMso") for b in buttons)
    assert {b.get("label") for b in buttons} == {caption for caption, _, _ in names.BUTTONS}


def test_every_onaction_is_a_sub_calling_its_button_macro(subs):
    by_caption = {caption: macro for caption, macro, _ in names.BUTTONS}
    for button in _ribbon_buttons():
        action = button.get("onAction")
        assert action in subs, action
        params, body = subs[action]
        assert params == "control As IRibbonControl"
        assert body == [f"    {by_caption[button.get('label')]}"]


def test_every_button_macro_is_one_runpython_line_whose_target_imports(subs):
    for caption, macro, handler in names.BUTTONS:
        params, body = subs[macro]
        assert params == "" and len(body) == 1, (caption, body)
        m = _RUNPYTHON.match(body[0])
        assert m, body
        module, function = m.groups()
        assert (module, function) == ("perfgoals_xl.excel.buttons", handler)
        assert callable(getattr(importlib.import_module(module), function))


def test_form_buttons_call_the_button_macros(parts):
    vml = parts["xl/drawings/vmlDrawing1.vml"].decode()
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == [macro for _, macro, _ in names.BUTTONS]
    for caption, _, _ in names.BUTTONS:
        assert caption in vml


# ----------------------------------------------------------------------- VBA


def test_oletools_decodes_every_module_to_its_exact_source(built):
    from oletools.olevba import VBA_Parser

    sheets = [n for n in zipfile.ZipFile(built).namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
    code_names = [f"Sheet{n}" for n in range(1, len(sheets) + 1)]
    expected = {m.name: module_source(m) for m in vba_modules(code_names)}
    parser = VBA_Parser(str(built))
    try:
        decoded = {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()
    assert set(decoded) == set(expected)
    for name, source in expected.items():
        assert decoded[name].replace("\r\n", "\n") == source.replace("\r\n", "\n"), name
    # and byte-exact through our own reader of the project (CRLF kept)
    vba = zipfile.ZipFile(built).read("xl/vbaProject.bin")
    from perfgoals_xl.vba import read_module_sources

    assert read_module_sources(vba) == expected


def test_xlwings_module_is_the_installed_one_unchanged(built):
    text = xlwings_bas()
    assert xlwings_bas_version(text) == xlwings.__version__
    assert f'Lib "xlwings64-{xlwings.__version__}.dll"' in text
    name, code = strip_vb_name(text)
    assert name == "xlwings"
    (module,) = [m for m in vba_modules([]) if m.name == "xlwings"]
    assert module.code == code
    assert text.isascii()  # the writer needs ASCII: xlwings.bas is, no handling needed


def test_wrappers_module_and_office_reference(built):
    (module,) = [m for m in vba_modules([]) if m.name == "xlwings_udfs"]
    assert module.code == wrapper_code()
    vba = zipfile.ZipFile(built).read("xl/vbaProject.bin")
    libids = [payload for rec_id, payload in read_dir_records(vba) if rec_id == 0x000D]
    assert any(b"{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}" in p for p in libids)  # MSO: IRibbonControl


def test_sheet_code_names_match_document_modules(parts):
    workbook = parts["xl/workbook.xml"].decode()
    assert 'codeName="ThisWorkbook"' in workbook
    sheets = [k for k in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", k)]
    code_names = sorted(re.search(r'codeName="(\w+)"', parts[k].decode()).group(1) for k in sheets)
    assert code_names == [f"Sheet{n}" for n in range(1, len(sheets) + 1)]
    documents = [m.name for m in vba_modules(code_names) if m.kind == "document"]
    assert documents == ["ThisWorkbook", *code_names]


def test_export_vba_for_xlwings_vba_import(tmp_path):
    files = {p.name: p.read_bytes() for p in export_vba(tmp_path)}
    assert set(files) == {"ThisWorkbook.cls", "xlwings.bas", "xlwings_udfs.bas", "PerfGoals.bas"}
    assert files["PerfGoals.bas"] == (MACROS_DIR / "PerfGoals.bas").read_bytes().replace(
        b"\r\n", b"\n").replace(b"\n", b"\r\n")
    assert files["xlwings.bas"].startswith(b'Attribute VB_Name = "xlwings"\r\n')


# -------------------------------------------------------------------- sheets


def test_sheets_configuration_and_marks(built):
    wb = openpyxl.load_workbook(built)  # read only: never saved back
    assert wb.sheetnames[0] == names.ENTRY_SHEET
    assert wb[names.CONF_SHEET].sheet_state == "hidden"
    conf = [(r[0].value, r[1].value) for r in wb[names.CONF_SHEET].iter_rows()]
    assert conf == list(XLWINGS_CONF) == [("UDF Modules", "perfgoals_xl.excel.udfs")]
    udf = wb[names.UDF_SHEET]
    assert udf.sheet_state == "veryHidden"
    rows = [tuple(c.value for c in r) for r in udf.iter_rows(min_row=2)]
    assert rows == [(n, d, c, "|".join(a)) for n, d, c, a in function_descriptions()]
    assert wb[names.MARKS_SHEET].sheet_state == "veryHidden"
    ws = wb[names.ENTRY_SHEET]
    header_row = entry.layout.HEADER_ROW + 1
    assert [c.value for c in ws[header_row]][: len(entry.HEADERS)] == list(entry.HEADERS)
    rules = [(str(cf.sqref), rule.formula[0], rule.dxf.fill.fgColor.rgb if rule.dxf.fill else None)
             for cf in ws.conditional_formatting for rule in cf.rules]
    first = entry.layout.FIRST_DATA_ROW + 1
    last_col = openpyxl.utils.get_column_letter(len(entry.COLUMNS))
    assert [(sqref, formula) for sqref, formula, _ in rules] == [
        (f"A{first}:{last_col}1048576", f'LEFT({names.MARKS_SHEET}!A{first},1)="{letter}"')
        for letter in names.MARK_COLORS]
