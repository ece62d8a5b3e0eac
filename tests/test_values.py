"""Value conventions (docs/sources.md §3): operators, numbers, units, deadlines, qualitative grades."""

from __future__ import annotations

import pytest

from perfgoals_xl.values import parse_value, value_from_parts


@pytest.mark.parametrize(
    ("raw", "kind", "op", "number", "unit"),
    [
        ("100%", "percent", "=", 100, "%"),
        ("95%以上", "percent", "≥", 95, "%"),
        ("≥95%", "percent", "≥", 95, "%"),
        ("＞＝90％", "percent", "≥", 90, "%"),
        ("大于等于18摄氏度", "number", "≥", 18, "摄氏度"),
        ("大于4000件", "number", ">", 4000, "件"),
        ("不超过5天", "number", "≤", 5, "天"),
        ("3天以内", "number", "≤", 3, "天"),
        ("小于1%", "percent", "<", 1, "%"),
        ("4辆", "number", "=", 4, "辆"),
        ("24", "number", "=", 24, None),
        ("1,200万元", "number", "=", 1200, "万元"),
        ("0", "number", "=", 0, None),
        ("10月底前", "deadline", "≤", None, None),
        ("2021年12月31日前", "deadline", "≤", None, None),
        ("2023.07-2024.01", "period", None, None, None),
        ("符合", "qualitative", None, None, None),
        ("较安全", "qualitative", None, None, None),
        ("/", "empty", None, None, None),
        ("", "empty", None, None, None),
    ],
)
def test_parse_value(raw, kind, op, number, unit):
    value = parse_value(raw)
    assert value.raw == raw
    assert (value.kind, value.operator, value.number, value.unit) == (kind, op, number, unit)


def test_value_from_split_parts():
    assert value_from_parts("≥", 95.0, "%") == "≥95%"
    assert value_from_parts("=", "12", "个") == "12个"
    assert value_from_parts(None, 3, "天") == "3天"


@pytest.mark.parametrize("dash", ["-", "－", "—", "/", "无"])
def test_a_unit_cell_printing_a_dash_adds_no_unit(dash):
    """A 计量单位 column printing ``-`` on every row (a real 湘西 long table) is no unit."""
    assert value_from_parts(None, "90%以上", dash) == "90%以上"
    assert value_from_parts("≥", 168.0, dash) == "≥168"


@pytest.mark.parametrize(
    ("raw", "kind", "op", "number", "unit"),
    [
        ("1500.00", "number", "=", 1500, None),  # not a date: no month 00
        ("1000-2000", "qualitative", None, None, None),  # not a period of years
        ("2024.12.31前", "deadline", "≤", None, None),
        ("2024-12-31前", "deadline", "≤", None, None),
        ("1次/季度", "number", "=", 1, "次/季度"),  # a frequency, not a deadline
        ("95%（含）以上", "percent", "≥", 95, "%"),
    ],
)
def test_review_cases(raw, kind, op, number, unit):
    value = parse_value(raw)
    assert (value.kind, value.operator, value.number, value.unit) == (kind, op, number, unit)


@pytest.mark.parametrize("minus", ["\u2212", "\u2010", "\u2011", "\u2013", "－", "﹣", "-"])
def test_a_typeset_minus_sign_is_a_minus(minus: str) -> None:
    """Word processors replace a typed '-' by − (U+2212), ‐ ‑ or –: the value is still negative,
    with its operator, and the raw text is kept as printed."""
    for raw, kind, number, op in ((f"{minus}5%", "percent", -5.0, "="), (f"≤{minus}2", "number", -2.0, "≤"),
                                  (f"{minus}0.5万元", "number", -0.5, "=")):
        value = parse_value(raw)
        assert (value.kind, value.number, value.operator, value.raw) == (kind, number, op, raw)


def test_an_en_dash_between_years_or_alone_is_no_minus() -> None:
    """The en dash also joins ranges: 2023–2025 stays a period, a lone – is empty, 5–10 no number."""
    assert parse_value("2023–2025").kind == "period"
    assert parse_value("–").kind == "empty"
    assert parse_value("5–10").number is None
