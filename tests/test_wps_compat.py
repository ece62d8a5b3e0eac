"""The entry workbook and the template's 填报 sheet use only what WPS 表格 reads: plain OOXML,
dropdowns as ordinary data validation, and no dynamic-array-only formulas (the buttons and the
PG_* functions are Excel-only: xlwings does not support WPS; docs/excel.md §WPS)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from perfgoals_xl.entry import SHEET, write_entry_workbook
from perfgoals_xl.template import build_template

#: Functions that exist only with Excel's dynamic arrays (Excel 365 / 2021+): a sheet using them
#: shows #NAME? or a single value in WPS 表格 and older Excel.
DYNAMIC_ONLY = (
    "FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "RANDARRAY", "XLOOKUP", "XMATCH", "LET",
    "LAMBDA", "MAP", "REDUCE", "SCAN", "MAKEARRAY", "BYROW", "BYCOL", "ISOMITTED", "TEXTSPLIT",
    "TEXTBEFORE", "TEXTAFTER", "VSTACK", "HSTACK", "TOCOL", "TOROW", "WRAPROWS", "WRAPCOLS", "TAKE",
    "DROP", "CHOOSEROWS", "CHOOSECOLS", "EXPAND", "ARRAYTOTEXT", "VALUETOTEXT", "GROUPBY", "PIVOTBY",
    "ANCHORARRAY", "SINGLE",
)
_CALL = re.compile(r"(?<![A-Za-z0-9_.])(?:_xlfn\.|_xlws\.)*(" + "|".join(DYNAMIC_ONLY) + r")\s*\(", re.I)
_FUTURE = re.compile(r"_xlfn\.|_xlws\.|_xlpm\.")


def problems_in_formula(formula: str) -> list[str]:
    """What in one formula WPS 表格 (or Excel before dynamic arrays) would not read."""
    text = re.sub(r'"[^"]*"', '""', formula)  # text constants may say anything
    found = [f"动态数组函数 {m.group(1).upper()}" for m in _CALL.finditer(text)]
    found += [f"新函数前缀 {m.group(0)}" for m in _FUTURE.finditer(text)]
    return found


def _sheet_xml(path: Path, sheet_name: str) -> tuple[str, dict[str, str]]:
    """The sheet's XML and every part's text, found through workbook.xml and its relationships."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                 if n.endswith((".xml", ".rels"))}
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet_name)}"[^>]*r:id="(\w+)"', parts["xl/workbook.xml"])
    assert rid, f"sheet {sheet_name} not found"
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', parts["xl/_rels/workbook.xml.rels"])
    return parts["xl/" + target.group(1).lstrip("/").removeprefix("xl/")], parts


def _formulas(sheet: str, parts: dict[str, str]) -> list[str]:
    """Cell formulas, data-validation and conditional-format formulas, and defined names."""
    out = re.findall(r"<f(?: [^>]*)?>([^<]*)</f>", sheet)
    out += re.findall(r"<formula1?2?>([^<]*)</formula1?2?>", sheet)
    out += re.findall(r"<formula>([^<]*)</formula>", sheet)
    out += re.findall(r"<definedName [^>]*>([^<]*)</definedName>", parts["xl/workbook.xml"])
    return out


@pytest.fixture(scope="module", params=["entry", "template"])
def workbook(request, tmp_path_factory, seed_table_module) -> tuple[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("wps")
    if request.param == "entry":
        path = write_entry_workbook(seed_table_module, folder / "entry.xlsx")
    else:
        path = folder / "template.xlsm"
        path.write_bytes(build_template())
    sheet, parts = _sheet_xml(path, SHEET)
    return sheet, parts


@pytest.fixture(scope="module")
def seed_table_module():
    from perfgoals_xl.sources import read_table

    root = Path(__file__).resolve().parent.parent
    return read_table(root / "examples" / "guangzhou_beijing_office_2024.txt")


def test_the_scanner_finds_what_it_should():
    assert problems_in_formula("=FILTER(A1:A9,B1:B9>0)") == ["动态数组函数 FILTER"]
    assert problems_in_formula("=_xlfn._xlws.SORT(A1:A9)") == ["动态数组函数 SORT", "新函数前缀 _xlfn.",
                                                               "新函数前缀 _xlws."]
    assert problems_in_formula('=IF(A1="FILTER(x)","",SUM(A1:A3))') == []
    assert problems_in_formula("=IFERROR(VLOOKUP(A1,代码表,2,FALSE),\"\")") == []


def test_entry_sheet_formulas_are_plain(workbook):
    sheet, parts = workbook
    formulas = _formulas(sheet, parts)
    assert len(formulas) > 30, "the entry sheet has code and total formulas to scan"
    bad = {f: problems_in_formula(f) for f in formulas if problems_in_formula(f)}
    assert bad == {}


def test_no_dynamic_array_cells_or_array_formulas(workbook):
    sheet, parts = workbook
    assert not re.search(r'<c [^>]*\bcm="', sheet)  # dynamic-array cell metadata
    assert 't="array"' not in sheet
    assert "xl/metadata.xml" not in parts


def test_dropdowns_are_plain_data_validation(workbook):
    sheet, _ = workbook
    lists = re.findall(r'<dataValidation [^>]*type="list"[^>]*>', sheet)
    assert lists, "the level-1 / level-2 / direction dropdowns"
    main_part = sheet.split("<extLst>")[0]
    assert all(v in main_part for v in lists)  # not Excel-2010-only x14 validations
    assert "x14:dataValidation" not in sheet
