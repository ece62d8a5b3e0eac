"""Memory at scale, the parts a unit test can pin down (the numbers are in benchmarks/bench_memory.py):

- compact ``field_locations`` (CellLocations) behave exactly as a dict of Locations;
- the streamed scan of an xlsx sheet's number formats and formulas agrees with openpyxl;
- the long-format reader keeps compact locations, shares level strings, drops the rows it
  read when it owns the grid, and never changes a grid it was handed;
- the model imports nothing of ours, and model objects carry no per-instance dict.
"""

from __future__ import annotations

import re
import subprocess
import sys

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.model import CellLocations, Indicator, Location, Problem, Project
from perfgoals_xl.sources.grid import Grid
from perfgoals_xl.sources.longform import table_from_rows
from perfgoals_xl.sources.longform_header import filled_rows
from perfgoals_xl.sources.readers import read_longform
from perfgoals_xl.sources.xlsx_facts import column_index, scan_facts
from perfgoals_xl.values import parse_value


def _resolve(r: int, c: int) -> Location:
    return Location(file="f.xlsx", sheet="S", cell=f"{chr(65 + c)}{r + 1}")


KEYS = st.sampled_from(["name", "level1", "level2", "period_value", "annual_value", "weight", "seq"])
OPS = st.lists(st.tuples(st.sampled_from(["set", "del", "get"]), KEYS, st.integers(0, 25)), max_size=30)


@given(columns=st.dictionaries(KEYS, st.integers(0, 25), max_size=7), ops=OPS)
def test_cell_locations_behave_as_a_dict(columns, ops):
    flat = tuple(x for key, col in columns.items() for x in (key, col))
    compact = CellLocations(_resolve, 11, flat)
    plain = {key: _resolve(11, col) for key, col in columns.items()}
    assert compact == plain and len(compact) == len(plain) and set(compact) == set(plain)
    for op, key, col in ops:
        if op == "set":
            compact[key] = plain[key] = Location(file="g.csv", line=col)
        elif op == "del":
            if key in plain:
                del compact[key], plain[key]
            else:
                with pytest.raises(KeyError):
                    del compact[key]
        else:
            assert compact.get(key) == plain.get(key)
            assert (key in compact) == (key in plain)
        assert dict(compact) == plain
        assert sorted(compact) == sorted(plain)
    compact.update({"goal": Location(line=3)})
    assert compact.setdefault("goal", Location(line=4)) == Location(line=3)


_FORMATS = ["General", "0%", "0.00%", "#,##0.00", '0.0"%"', "0.0\\%", "yyyy-mm-dd", "@", "0.000"]
_CELL = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["number", "text", "formula", "blank-formula"]), st.sampled_from(_FORMATS)),
)


def _openpyxl_facts(path, sheet, cells):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        out = {}
        for r, row in enumerate(wb[sheet].iter_rows(), 0):
            for c, cell in enumerate(row):
                if (r, c) in cells:
                    out[(r, c)] = (getattr(cell, "number_format", None) or "General",
                                   getattr(cell, "data_type", None) == "f")
        return out
    finally:
        wb.close()


@settings(max_examples=40, deadline=None)
@given(grid=st.lists(st.lists(_CELL, min_size=1, max_size=30), min_size=1, max_size=12),
       chunk=st.sampled_from([16, 57, 1 << 20]))
def test_scan_facts_agrees_with_openpyxl(tmp_path_factory, grid, chunk):
    path = tmp_path_factory.mktemp("facts") / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据 & <表>"
    for r, row in enumerate(grid, 1):
        for c, spec in enumerate(row, 1):
            if spec is None:
                continue
            kind, fmt = spec
            cell = ws.cell(r, c)
            cell.value = {"number": 0.95, "text": "≥95%", "formula": "=1+1", "blank-formula": '=""'}[kind]
            cell.number_format = fmt
    wb.save(path)
    cells = {(r, c) for r, row in enumerate(grid) for c in range(len(row) + 2)}
    expected = _openpyxl_facts(path, ws.title, cells)
    got = scan_facts(path, ws.title, cells, chunk_size=chunk)
    assert got is not None
    default = ("General", False)
    assert {k: got.get(k, default) for k in cells} == {k: expected.get(k, default) for k in cells}


def test_builtin_number_formats_are_openpyxls():
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    from perfgoals_xl.sources import xlsx_facts

    assert xlsx_facts.BUILTIN_FORMATS == BUILTIN_FORMATS


def test_scan_facts_declines_unaddressed_cells_and_unknown_sheets(tmp_path):
    import zipfile

    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = 0.5
    wb.save(path)
    assert scan_facts(path, "没有这个表", {(0, 0)}) is None
    # the same workbook with its cells' addresses removed (allowed by the format): not scanned here
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bare, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b' r="A1"', b"")
            dst.writestr(info, data)
    assert scan_facts(bare, "Sheet", {(0, 0)}) is None
    # cell tags with a namespace prefix (<x:c …>): read when addressed, declined when not
    for name, addressed in (("x.xlsx", True), ("bare-x.xlsx", False)):
        prefixed = tmp_path / name
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(prefixed, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>")
                    data = data if addressed else data.replace(b' r="A1"', b"")
                dst.writestr(info, data)
        found = scan_facts(prefixed, "Sheet", {(0, 0)})
        plain = scan_facts(path, "Sheet", {(0, 0)})
        assert plain is not None
        if addressed:  # a cell left out of the answer is General, no formula
            assert found is not None
            assert found.get((0, 0), ("General", False)) == plain.get((0, 0), ("General", False))
        else:
            assert found is None
    assert column_index("A") == 0 and column_index("Z") == 25 and column_index("AA") == 26


def _longform_rows(n: int) -> list[list[object]]:
    header = ["资金使用单位", "项目名称", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]
    rows: list[list[object]] = [header]
    for i in range(n):
        rows.append(["某单位", f"项目{i // 4}", "产出指标", "数量指标", f"培训人次{i}", f"{i}人次", f"{i}人次"])
    return rows


def test_longform_reader_keeps_compact_locations_and_shared_levels():
    rows = _longform_rows(40)
    table = table_from_rows(rows, sheet="S", file="x.xlsx", first_row=4, first_col=1)
    items = [i for p in table.projects() for i in p.indicators]
    assert len(items) == 40
    first, last = items[0], items[-1]
    assert isinstance(first.field_locations, CellLocations)
    assert first.field_locations["name"] == Location(file="x.xlsx", sheet="S", cell="F6")
    assert last.field_locations["annual_value"] == Location(file="x.xlsx", sheet="S", cell="H45")
    assert str(last.field_locations["level1"]) == "x.xlsx:S!D45"
    assert all(i.level1 is first.level1 and i.level2 is first.level2 for i in items)
    # one shared column tuple for every row of the same shape
    assert first.field_locations._columns is last.field_locations._columns
    # the caller's rows are never changed
    assert rows == _longform_rows(40)


def test_longform_reader_releases_the_rows_it_owns(tmp_path):
    from perfgoals_xl.sources.grid import load_workbook_grids
    from perfgoals_xl.sources.longform import read_grids

    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    for row in _longform_rows(12):
        wb.active.append(row)
    wb.save(path)
    grids = load_workbook_grids(path)
    table = read_grids(grids, source=str(path), layout="longform", release_rows=True)
    assert len([i for p in table.projects() for i in p.indicators]) == 12
    assert grids[0].rows[0] and not any(grids[0].rows[1:])  # the header stays, data rows are dropped
    assert read_longform(path) == table


def test_a_sheet_sniffed_is_read_from_that_parse(tmp_path):
    from perfgoals_xl.sources import grid
    from perfgoals_xl.sources.department_file import workbook_is_form

    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "A"
    for row in _longform_rows(12):
        wb.active.append(row)
    wb.create_sheet("B").append(["x"])
    wb.save(path)
    expected = grid.load_workbook_grids(path)
    assert not workbook_is_form(path) and grid._sniffed is None  # outside a read: nothing kept
    with grid.sniffed_sheets():
        assert not workbook_is_form(path)
        assert [name for _, name, _ in grid._sniffed] == ["B"]  # the last sniffed only
        grid.load_workbook_grids(path)
        assert grid._sniffed == []  # not the first sheet read: dropped
        grid.keep_sniffed_sheet(path, "A", _Parsed())
        grids = grid.load_workbook_grids(path)
        assert grid._sniffed == []
    assert grid._sniffed is None
    assert grids[0].rows == [["parsed once"]]  # the sniff's parse, not a second one
    assert [(g.sheet, g.rows) for g in grids[1:]] == [(g.sheet, g.rows) for g in expected[1:]]


class _Parsed:
    """A calamine sheet as the sniff left it (recognisable)."""

    start, end, merged_cell_ranges = (0, 0), (0, 0), []

    def iter_rows(self):
        return iter([["parsed once"]])


def test_filled_rows_copies_only_merged_rows():
    rows = [["a", None], ["b", None], ["c", "d"]]
    grid = Grid(sheet="S", rows=rows, merged=[(0, 0, 1, 0)])
    filled, origin = filled_rows(grid)
    assert filled[1][0] == "a" and rows[1][0] == "b"  # the grid's row is not changed
    assert filled[2] is rows[2]  # an untouched row is not copied
    assert origin == {(1, 0): (0, 0)}


def test_model_imports_nothing_of_ours_and_objects_have_no_dict():
    code = "import sys, perfgoals_xl.model; print(sorted(m for m in sys.modules if m.startswith('perfgoals_xl')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['perfgoals_xl', 'perfgoals_xl.model']"
    ind = Indicator(seq=1, level1_code=None, level1="产出指标", level2_code=None, level2="数量指标", name="x",
                    period_value=parse_value("1"), annual_value=parse_value("1"))
    for obj in (ind, Project(name="p"), Problem("S01", "m"), parse_value("≥95%")):
        assert not hasattr(obj, "__dict__")


_VALUE = st.one_of(st.sampled_from(["项目A", "项目A", "95%", ""]), st.integers(-5, 5), st.floats(0, 2, width=32),
                   st.booleans())


@settings(max_examples=25, deadline=None)
@given(cells=st.dictionaries(st.tuples(st.integers(0, 8), st.integers(0, 6)), _VALUE, max_size=20))
def test_sheet_rows_equal_calamine_to_python(tmp_path_factory, cells):
    from python_calamine import CalamineWorkbook

    from perfgoals_xl.sources.grid import sheet_rows

    path = tmp_path_factory.mktemp("rows") / "r.xlsx"
    wb = openpyxl.Workbook()
    for (r, c), value in cells.items():
        wb.active.cell(r + 1, c + 1).value = value
    wb.save(path)
    book = CalamineWorkbook.from_path(str(path))
    try:
        expected = book.get_sheet_by_name("Sheet").to_python(skip_empty_area=False)
        got = sheet_rows(book.get_sheet_by_name("Sheet"))
    finally:
        book.close()
    assert got == expected
    assert [[type(v) for v in row] for row in got] == [[type(v) for v in row] for row in expected]


def test_amounts_read_once_per_row_one_problem_per_bad_cell():
    rows = [["资金使用单位", "项目名称", "总计", "一级指标", "二级指标", "三级指标", "年度指标值"],
            ["U", "P", "abc", "产出指标", "数量指标", "n", "1人"],
            ["U", "P", "abc", "产出指标", "数量指标", "m", "1人"],
            ["U", "Q", "12", "产出指标", "数量指标", "k", "1人"]]
    table = table_from_rows(rows, sheet="S")
    assert [(p.code, p.location.cell) for p in table.problems if p.code == "A03"] == [("A03", "C2"), ("A03", "C3")]
    q = table.projects()[-1]
    assert str(q.amounts.total) == "12" and q.field_locations["total"] == Location(sheet="S", cell="C4")


_TAG = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^<>]*)>')


@settings(max_examples=40, deadline=None)
@given(grid=st.lists(st.lists(_CELL, min_size=1, max_size=12), min_size=1, max_size=10),
       chunk=st.sampled_from([16, 41, 1 << 20]),
       variants=st.lists(st.sampled_from(["plain", "s-first", "prefixed", "newline", "cdata"]), min_size=1,
                         max_size=40))
def test_the_plain_cell_fast_path_answers_as_the_general_scan(tmp_path_factory, grid, chunk, variants):
    """Sheets whose cell tags are not all ``<c r="…"`` (attributes in another order, a namespace
    prefix, a line break inside the tag, a tag-like text in CDATA) mixed into plain ones, cut into
    chunks anywhere: the scan answers as its general patterns alone do."""
    import zipfile

    from perfgoals_xl.sources import xlsx_facts

    path = tmp_path_factory.mktemp("plain") / "p.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(grid, 1):
        for c, spec in enumerate(row, 1):
            if spec is not None:
                kind, fmt = spec
                ws.cell(r, c).value = {"number": 0.95, "text": "≥95%", "formula": "=1+1", "blank-formula": '=""'}[kind]
                ws.cell(r, c).number_format = fmt
    wb.save(path)
    n = iter(range(10**6))

    def rewrite(m):
        variant = variants[next(n) % len(variants)]
        address, attrs = m.group(1).decode(), m.group(2).decode()
        if variant == "s-first" and ' s="' in attrs:
            style = re.search(r' s="\d+"', attrs).group(0)
            return f'<c{style} r="{address}"{attrs.replace(style, "")}>'.encode()
        if variant == "prefixed":
            return f'<x:c r="{address}"{attrs}>'.encode()
        if variant == "newline":
            return f'<c\nr="{address}"{attrs}>'.encode()
        if variant == "cdata":
            return f'<c r="{address}"{attrs}>'.encode()  # (the text below carries the fake tag)
        return m.group(0)

    mixed = path.with_name("mixed.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(mixed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _TAG.sub(rewrite, data)
                if "cdata" in variants:
                    data = data.replace(b"<sheetData>", b'<sheetData><!-- <c r="A1" s="1"> -->', 1)
            dst.writestr(info, data)
    cells = {(r, c) for r, row in enumerate(grid) for c in range(len(row) + 1)}
    fast = xlsx_facts.scan_facts(mixed, ws.title, cells, chunk_size=chunk)
    general_only = xlsx_facts._all_plain_cells
    try:
        xlsx_facts._all_plain_cells = lambda data, end: False
        general = xlsx_facts.scan_facts(mixed, ws.title, cells, chunk_size=chunk)
    finally:
        xlsx_facts._all_plain_cells = general_only
    default = ("General", False)
    if general is None:
        assert fast is None
    else:
        assert fast is not None
        assert {k: fast.get(k, default) for k in cells} == {k: general.get(k, default) for k in cells}


@pytest.mark.parametrize("chunk", [7, 16, 41, 1 << 20])
@pytest.mark.parametrize("markup", [b'<!-- <c r="A1" s="1"> -->', b'<?pi <c r="A1" s="1"> ?>',
                                    b'<![CDATA[ <c r="A1" s="1"> ]]>'])
def test_a_fake_cell_tag_in_markup_does_not_stand_for_a_later_unstyled_cell(tmp_path, markup, chunk):
    """A comment (a CDATA section, a processing instruction) before the real cell, holding a styled tag of
    its address: the plain pattern skips the real, unstyled cell, and the fake answered 0.95 as 95%."""
    import zipfile

    from perfgoals_xl.sources.xlsx_facts import scan_facts

    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B1"] = 0.95, 0.95
    wb.active["B1"].number_format = "0%"
    wb.save(path)
    marked = tmp_path / "m.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(marked, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + markup, 1)
            dst.writestr(info, data)
    got = scan_facts(marked, "Sheet", [(0, 0), (0, 1)], chunk_size=chunk)
    assert got.get((0, 0), ("General", False)) == ("General", False)
    assert got[(0, 1)] == ("0%", False)


def _sheet_xlsx(path, sheet_data: bytes) -> None:
    """A minimal .xlsx of one sheet S (no styles) whose <sheetData> holds `sheet_data`."""
    import zipfile

    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b'<workbook ' + main + b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                   b'2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   b'2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/>'
                   b'</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", b'<worksheet ' + main + b'><sheetData>' + sheet_data
                   + b'</sheetData></worksheet>')


@pytest.mark.parametrize("rest", [
    b"".join(b'<row r="%d" s="3" customFormat="1"/>' % r for r in range(2, 240_000)),  # rows without cells
    b'<row r="2"><c r="C2" t="inlineStr"><is><t>' + b"x" * (4 << 20) + b"</t></is></c></row>",  # one 4 MB text
    b'<row r="2"><c r="C2" s="1" x="' + b"x" * (4 << 20) + b'"><v>1</v></c></row>',  # one 4 MB attribute
])
def test_scan_facts_is_linear_when_a_tail_spans_many_chunks(tmp_path, rest):
    """What follows the last cell wanted, or a tag or text longer than a chunk, is carried from chunk to
    chunk: it must not be scanned again per chunk (quadratic: a 128 MB sheet took 13 s, now 1 s)."""
    import time

    from perfgoals_xl.sources.xlsx_facts import scan_facts

    path = tmp_path / "t.xlsx"
    _sheet_xlsx(path, b'<row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1"><f>1+1</f><v>2</v></c></row>' + rest)
    started = time.perf_counter()
    got = scan_facts(path, "S", [(0, 0), (0, 1)], chunk_size=1024)
    assert time.perf_counter() - started < 3  # (quadratic: four thousand chunks of 2 MB on average, 8 GB copied and scanned)
    assert got == {(0, 0): ("General", False), (0, 1): ("General", True)}


def test_gc_paused_restores_the_collector_when_nested_or_raising_and_keeps_a_callers_freeze():
    """Nested and raising blocks leave the collector as found; objects the caller froze (a server
    that freezes before forking) stay frozen — gc.unfreeze thawed them all."""
    import gc

    from perfgoals_xl.gcpause import gc_paused

    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled() and gc.get_freeze_count() == 0
    kept = [[] for _ in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            made = [[] for _ in range(100)]
        # still frozen (unfreeze would leave 0); a few frozen objects may be freed meanwhile by
        # other threads of the test process (a pool's or a client's), which lowers the count
        assert frozen // 2 < gc.get_freeze_count() <= frozen and made and kept
    finally:
        gc.unfreeze()


def test_sheet_rows_share_short_texts_that_come_back(tmp_path):
    """一级 names that alternate (not equal to the cell above) are one object; a long text is not shared."""
    from python_calamine import CalamineWorkbook

    from perfgoals_xl.sources.grid import sheet_rows

    long = "这是一段超过二十四个字符的较长文字，用来确认长文本不做共享处理。"
    wb = openpyxl.Workbook()
    for r, level in enumerate(["产出指标", "效益指标", "产出指标", "满意度指标", "效益指标"], 1):
        wb.active.cell(r, 1).value = level
        wb.active.cell(r, 2).value = long if r % 2 else "x"
    path = tmp_path / "levels.xlsx"
    wb.save(path)
    book = CalamineWorkbook.from_path(str(path))
    try:
        rows = sheet_rows(book.get_sheet_by_name("Sheet"))
    finally:
        book.close()
    assert [row[0] for row in rows] == ["产出指标", "效益指标", "产出指标", "满意度指标", "效益指标"]
    assert rows[0][0] is rows[2][0] and rows[1][0] is rows[4][0]
    assert rows[0][1] == rows[2][1] == long and rows[0][1] is not rows[2][1]
