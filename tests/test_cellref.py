"""A1 references (perfgoals_xl/cellref.py): the one copy every reader and writer uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from perfgoals_xl.cellref import cell_address, column_index, column_letter, parse_address
from perfgoals_xl.excel import plan


@given(st.integers(0, 16_383), st.integers(0, 1_048_575))
def test_addresses_round_trip_and_agree_with_openpyxl(col, row):
    assert column_letter(col) == get_column_letter(col + 1)
    assert column_index(column_letter(col)) == col
    assert parse_address(cell_address(row, col)) == (row, col)
    assert plan.column_letter(col + 1) == column_letter(col)  # the Excel layer counts from 1


def test_absolute_and_lower_case_addresses_and_what_is_no_address():
    assert parse_address("$d$5") == (4, 3) and parse_address(" XFD1048576 ") == (1_048_575, 16_383)
    for text in ("", "5D", "D", "ABCD1", "D5:E6", "D12345678"):
        assert parse_address(text) is None
