"""Our VBA project's `dir` stream against VBA projects saved by Excel 16 that ship inside the
pinned xlwings package, so that a change cannot drift from what Excel writes:

* ``xlwings/addin/xlwings.xlam`` references exactly stdole and Office, as ours does;
* ``xlwings/quickstart.xlsm`` (MSForms, Office and the xlwings add-in) carries the same
  Office record, and Excel's own record order.

Both were last saved by Excel 16 (docProps/app.xml: AppVersion 16.0300). The reference
records must be equal byte for byte; the record order must be Excel's.
"""

from __future__ import annotations

import zipfile

import pytest

from perfgoals_xl.template import vba_modules
from perfgoals_xl.vba import build_vba_project
from perfgoals_xl.vba.inspect import read_dir_records, read_streams
from perfgoals_xl.vba.project import VBA_PROJECT_STREAM

MODULE_IDS = [0x19, 0x47, 0x1A, 0x32, 0x1C, 0x48, 0x31, 0x1E, 0x2C]  # then 0x21/0x22, 0x2B
#: PROJECTCOMPATVERSION (0x4A) is optional (MS-OVBA §2.3.4.2.1.2); newer Excel writes it.
OPTIONAL_IDS = {0x4A}


def _vba_bin(name: str) -> bytes:
    from perfgoals_xl.excel.wrappers import xlwings_dir

    with zipfile.ZipFile(xlwings_dir() / name) as z:
        assert b"<AppVersion>16." in z.read("docProps/app.xml")  # saved by Excel 16
        return z.read("xl/vbaProject.bin")


@pytest.fixture(scope="module")
def ours() -> list[tuple[int, bytes]]:
    modules = vba_modules(["Sheet1", "Sheet2"])
    return read_dir_records(build_vba_project(modules, seed="reference files"))


def _references(records: list[tuple[int, bytes]]) -> dict[str, list[tuple[int, bytes]]]:
    """REFERENCE records grouped by reference: name (0x16), its Unicode twin (0x3E), the rest."""
    start = next(i for i, (rec, _) in enumerate(records) if rec == 0x16)
    end = next(i for i, (rec, _) in enumerate(records) if rec == 0x0F)
    groups: dict[str, list[tuple[int, bytes]]] = {}
    current = None
    for rec, payload in records[start:end]:
        if rec == 0x16:
            current = payload.decode("cp1252")
            groups.setdefault(current, [])
        groups[current].append((rec, payload))
    return groups


def _information_ids(records: list[tuple[int, bytes]]) -> list[int]:
    ids = []
    for rec, _ in records:
        if rec == 0x16:
            break
        if rec not in OPTIONAL_IDS:
            ids.append(rec)
    return ids


def _module_sequences(records: list[tuple[int, bytes]]) -> list[list[int]]:
    ids = [rec for rec, _ in records]
    start = ids.index(0x13) + 1
    modules, current = [], []
    for rec in ids[start:]:
        if rec == 0x10:
            break
        current.append(rec)
        if rec == 0x2B:
            modules.append(current)
            current = []
    return modules


def test_stdole_and_office_records_are_byte_identical_to_xlwings_addin(ours):
    theirs = _references(read_dir_records(_vba_bin("addin/xlwings.xlam")))
    mine = _references(ours)
    assert list(mine) == list(theirs) == ["stdole", "Office"]
    assert mine == theirs  # name, Unicode name, REFERENCEREGISTERED libid (#2.0#) and reserved bytes


def test_office_record_is_byte_identical_to_quickstart(ours):
    theirs = _references(read_dir_records(_vba_bin("quickstart.xlsm")))
    assert _references(ours)["Office"] == theirs["Office"]
    assert b"#2.0#0#" in theirs["Office"][-1][1]  # Excel 16 itself writes #2.0# for Office


@pytest.mark.parametrize("name", ["addin/xlwings.xlam", "quickstart.xlsm"])
def test_record_order_is_excels(ours, name):
    theirs = read_dir_records(_vba_bin(name))
    assert _information_ids(ours) == _information_ids(theirs)
    ids = [rec for rec, _ in ours]
    their_ids = [rec for rec, _ in theirs]
    # after the references: module count, project cookie, the modules, the terminator
    assert ids[ids.index(0x0F):ids.index(0x0F) + 2] == their_ids[their_ids.index(0x0F):their_ids.index(0x0F) + 2]
    for sequence in _module_sequences(ours) + _module_sequences(theirs):
        assert sequence[:-2] == MODULE_IDS and sequence[-2] in (0x21, 0x22) and sequence[-1] == 0x2B
    assert ids[-1] == their_ids[-1] == 0x10


def test_vba_project_stream_reserved3_is_one():
    theirs = read_streams(_vba_bin("addin/xlwings.xlam"))["VBA/_VBA_PROJECT"]
    assert VBA_PROJECT_STREAM == bytes.fromhex("CC61FFFF000100") == theirs[:7]
