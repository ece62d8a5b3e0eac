"""The XML Spreadsheet text of a live sheet (Range.Value(11)) as an adversary would write it (issue #20).

- no entity is ever resolved: a DOCTYPE (internal entities, external ones, a billion laughs) is
  refused before anything is read — libxml2 expands internal entities in attribute values even
  with resolve_entities=False, which is how a number format came from an entity;
- deep nesting is refused by the parser's depth limit;
- bounded work: areas merged down in 40,000 rows are read in linear time (it was a pass over every
  area for each row: quadratic), and cells, merged areas and skips are capped;
- every area and every cell place is within the sheet, whatever ss:Index, ss:MergeAcross and
  ss:MergeDown say (cells past the last column made areas running backwards).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfgoals_xl.sources.containers import spreadsheetml
from perfgoals_xl.sources.containers.spreadsheetml import MAX_COLS, MAX_ROWS, parse_facts

HEAD = ('<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">')
STYLES = '<Styles><Style ss:ID="s"><NumberFormat ss:Format="{fmt}"/></Style></Styles>'


def book(rows: str, fmt: str = "0.00%", doctype: str = "") -> str:
    return (doctype + HEAD + STYLES.format(fmt=fmt) + '<Worksheet ss:Name="S"><Table>' + rows
            + "</Table></Worksheet></Workbook>")


NUMBER = '<Cell ss:StyleID="s"><Data ss:Type="Number">1</Data></Cell>'


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE Workbook [<!ENTITY p "0.000">]>',
    '<!DOCTYPE Workbook [<!ENTITY p SYSTEM "file:///etc/hostname">]>',
    '<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY p "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    '<!DOCTYPE Workbook SYSTEM "http://127.0.0.1:9/x.dtd">',
])
def test_no_entity_is_ever_resolved(doctype):
    with pytest.raises(ValueError):  # "with a DOCTYPE", or the parser's own refusal
        parse_facts(book(f"<Row>{NUMBER}</Row>", fmt="&p;" if "ENTITY p" in doctype else "0%", doctype=doctype))
    assert parse_facts(book(f"<Row>{NUMBER}</Row>")).number_formats == {(0, 0): "0.00%"}  # the same without


def test_a_billion_laughs_is_refused_quickly():
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    start = time.perf_counter()
    with pytest.raises(ValueError):
        parse_facts(book(f"<Row>{NUMBER}</Row>", fmt="&i;", doctype=f"<!DOCTYPE Workbook [{entities}]>"))
    assert time.perf_counter() - start < 2


def test_deep_nesting_is_refused():
    with pytest.raises(ValueError):
        parse_facts(book("<Row><Cell>" + "<Data>" * 50_000 + "</Data>" * 50_000 + "</Cell></Row>"))


def test_areas_merged_down_in_many_rows_take_linear_time():
    rows = '<Row><Cell ss:MergeDown="1"/><Cell/><Cell ss:MergeDown="3"/></Row>' * 40_000
    start = time.perf_counter()
    facts = parse_facts(book(rows))
    assert len(facts.merged) == 80_000
    assert time.perf_counter() - start < 5  # quadratic before: minutes


def test_cells_past_the_last_column_make_no_area():
    rows = "<Row>" + "<Cell/>" * (MAX_COLS + 5) + '<Cell ss:MergeAcross="3"/>' + NUMBER + "</Row>"
    facts = parse_facts(book(rows))
    assert facts.merged == [] and facts.number_formats == {}


def test_work_is_capped(monkeypatch):
    monkeypatch.setattr(spreadsheetml, "MAX_CELLS", 1_000)
    with pytest.raises(ValueError, match="too many"):
        parse_facts(book("<Row>" + "<Cell/>" * 1_001 + "</Row>"))
    # one-column areas merged down side by side, then cells sent back to column A each time
    monkeypatch.setattr(spreadsheetml._MergedDown, "MAX_SKIPS", 10_000)
    rows = ("<Row>" + '<Cell ss:MergeDown="5"/>' * 200 + "</Row><Row>"
            + '<Cell ss:Index="1"/><Cell/>' * 200 + "</Row>")
    with pytest.raises(ValueError, match="too many"):
        parse_facts(book(rows))


_number = st.one_of(st.integers(-5, 20).map(str), st.sampled_from(
    ["0", "-1", "99999999", "100000000", "1048576", "1048577", "16384", "16385", "1e3", "٣", "", " 2", "x"]))
_cell = st.fixed_dictionaries({}, optional={"Index": _number, "MergeAcross": _number, "MergeDown": _number,
                                           "StyleID": st.just("s")})
_row = st.tuples(st.one_of(st.none(), _number), st.lists(_cell, max_size=8))


def _xml(rows: list) -> str:
    out = []
    for index, cells in rows:
        attrs = f' ss:Index="{index}"' if index is not None else ""
        body = "".join("<Cell" + "".join(f' ss:{k}="{v}"' for k, v in cell.items()) + ">"
                       + ('<Data ss:Type="Number">1</Data>' if "StyleID" in cell else "") + "</Cell>"
                       for cell in cells)
        out.append(f"<Row{attrs}>{body}</Row>")
    return book("".join(out))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_row, max_size=12))
def test_every_area_and_place_is_within_the_sheet(rows):
    facts = parse_facts(_xml(rows))
    for r1, c1, r2, c2 in facts.merged:
        assert 0 <= r1 <= r2 < MAX_ROWS and 0 <= c1 <= c2 < MAX_COLS
    for r, c in facts.number_formats:
        assert 0 <= r < MAX_ROWS and 0 <= c < MAX_COLS


# -- the live sheet's values as Excel may hand them down ---------------------------------------
# COM gives errors (#DIV/0!) as large negative ints, dates as datetimes, and a sheet may hold any
# text; merged areas and number formats come from the XML above, bounded but not checked against
# the values. Whatever they are: a table, or one PerfGoalsError (never a crash).

import datetime as dt  # noqa: E402

from perfgoals_xl.errors import PerfGoalsError  # noqa: E402
from perfgoals_xl.sources.containers.live import LiveSheet, load_grids  # noqa: E402
from perfgoals_xl.sources.readers import read_detected  # noqa: E402

LONG = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值"],
        ["培训项目", "产出指标", "质量指标", "合格率", 0.95],
        ["培训项目", "产出指标", "数量指标", "培训人次", 120.0]]
_value = st.one_of(
    st.none(), st.just(""), st.sampled_from([-2146826281, -2146826246, 10**30, -1e308, 1e308, 5e-324, True]),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["=SUM(A1)", "项目名称", "一级指标", "合计", "\x00", "\ud800", "1e400", "９５％"]),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31), timezones=st.none()))
_area = st.tuples(*[st.integers(-5, 2_000_000)] * 4)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 6), _value), max_size=10),
       st.lists(_area, max_size=4), st.dictionaries(st.tuples(st.integers(-2, 5), st.integers(-2, 6)),
                                                     st.sampled_from(["0%", "0.00%", "@", "yyyy-mm-dd", ";;;", ""]),
                                                     max_size=4))
def test_hostile_live_values_read_or_refuse(edits, merged, formats):
    rows = [list(r) + [None, None] for r in LONG]
    for r, c, v in edits:
        rows[r][c] = v
    try:
        table = read_detected(load_grids([LiveSheet("表一", rows, merged, formats)], book="b.xlsx"), source="b.xlsx")
    except PerfGoalsError:
        return
    if table is not None:
        from perfgoals_xl.rules import check_table

        check_table(table)
