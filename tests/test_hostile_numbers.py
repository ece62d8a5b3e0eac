"""Numbers as denial of service (issue #13, class 2): every number read is bounded before use.

Real files built here: JSON with huge exponents and NaN, a published text with 30- and
309-digit amounts, a long-format CSV with a 400-digit 指标序号. Each either reads with a
problem that names the value, or is refused with one Chinese line and exit 2 — never a
hang, a traceback, or ``Infinity`` in the JSON written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.cli import main
from perfgoals_xl.jsonio import read_json, table_to_dict, write_json
from perfgoals_xl.limits import MAX_AMOUNT, amount_error, bounded_int
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

HEADER = "项目支出绩效目标表（含转移支付项目）\n部门名称：某局 单位：万元\n"
ITEM = "1、1-产出指标；11-数量指标；培训人数；实施周期指标值:100人；年度指标值:100人。\n"


def _json_table(seq: str = "1", amount: str = "10.00") -> str:
    return (
        '{"schema":"perfgoals-xl/1","units":[{"name":"甲","amounts":{"total":' + amount + '},'
        '"projects":[{"name":"乙","indicators":[{"seq":' + seq + ',"level1":"产出指标","level2":"数量指标",'
        '"name":"x","period_value":"1","annual_value":"1"}]}]}]}'
    )


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize(("seq", "amount"), [
    ("1e999999999", "10.00"), ("1e5000", "10.00"), ("9" * 5000, "10.00"), ("-1", "10.00"),
    ("1", "1e400"), ("1", "NaN"), ("1", "Infinity"), ("1", "-1e999999999"), ("1", "1" * 400),
    ("1", "1e" + "4" * 40), ("1e" + "9" * 40, "10.00"),  # exponents beyond what a decimal holds
])
def test_json_numbers_out_of_range_are_refused_fast(tmp_path, seq, amount):
    src = tmp_path / "bad.json"
    src.write_text(_json_table(seq, amount), encoding="utf-8")
    out = tmp_path / "out.json"
    started = time.perf_counter()
    proc = run("import", str(src), "-o", str(out))
    assert time.perf_counter() - started < 30  # a billion-digit integer would never finish
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(src) in lines[0] and "Traceback" not in proc.stderr
    assert not out.exists()


def test_huge_amounts_in_text_become_problems_and_json_stays_standard(tmp_path):
    src = tmp_path / "big.txt"
    src.write_text(HEADER + "某单位 10.00 10.00\n    项目甲 " + "9" * 30 + ".00 " + "9" * 30 + ".00\n目标。\n"
                   + ITEM + "    项目乙 " + "9" * 309 + ".00\n目标。\n" + ITEM, encoding="utf-8")
    table = read_table(src)
    problems = [p for p in table.problems if p.code == "A03"]
    assert len(problems) == 3 and all("超出" in p.message for p in problems)
    assert all(p.amounts.total is None for p in table.projects())
    check_table(table)  # no decimal.InvalidOperation in the amount rules
    out = tmp_path / "big.json"
    assert main(["import", str(src), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Infinity" not in text and "NaN" not in text
    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-standard JSON {name}"))
    report = tmp_path / "big.xlsx"
    assert main(["report", str(src), "-o", str(report)]) == 0
    assert main(["check", str(src)]) in (0, 1)


def test_seq_of_400_nines_in_a_csv_is_a_problem(tmp_path):
    src = tmp_path / "long.csv"
    src.write_text("项目名称,指标序号,一级指标,二级指标,三级指标,年度指标值\n"
                   f"项目甲,{'9' * 400},产出指标,数量指标,培训人数,100人\n"
                   "项目甲,1e999999999,产出指标,数量指标,培训次数,2次\n", encoding="utf-8")
    table = read_table(src)
    assert [i.seq for i in table.projects()[0].indicators] == [None, None]
    assert sum(1 for p in table.problems if "指标序号" in p.message) == 2


def test_amounts_past_float_precision_round_trip_exactly_through_json(tmp_path, seed_table):
    amount = Decimal("123456789012345.678")  # 18 significant digits: a double cannot hold it
    assert amount < MAX_AMOUNT
    project = seed_table.projects()[0]
    project.amounts.total = project.amounts.fiscal = amount
    path = tmp_path / "exact.json"
    write_json(seed_table, path)
    assert read_json(path).projects()[0].amounts.total == amount
    assert table_to_dict(seed_table)["units"][0]["projects"][0]["amounts"]["total"] == "123456789012345.678"


@settings(max_examples=200, deadline=1000)
@given(st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=80),
                 st.decimals(allow_nan=True, allow_infinity=True).map(str)))
def test_fuzz_bounded_int_never_raises_and_stays_bounded(value):
    result = bounded_int(value, 9999)
    assert result is None or 0 <= result <= 9999


@settings(max_examples=200, deadline=1000)
@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_fuzz_amount_error_accepts_only_exact_finite_amounts(value):
    if amount_error(value) is None:
        assert value.is_finite() and abs(value) < MAX_AMOUNT
        assert value.quantize(Decimal("0.01")) is not None  # the amount rules' arithmetic works


# -- a 自评表's 分值 / 得分 / budget cells with exponents beyond the decimal context ------------------

@settings(max_examples=300)
@given(st.integers(-10**12, 10**12), st.sampled_from(["", "-"]), st.sampled_from(["", "分", "%", "万元", "元"]))
def test_a_form_number_with_any_exponent_is_bounded_or_none(exponent, sign, suffix):
    """1E999999999 in a score cell: no decimal.Overflow (abs() of it is beyond the context), no number."""
    from perfgoals_xl.sources.selfeval_blocks import number

    value = number(f"{sign}1E{exponent}{suffix}")
    assert value is None or (value.is_finite() and value.adjusted() < 300)


@pytest.mark.parametrize("hostile", ["1E999999999", "-1E999999999", "1e400", "9" * 400, "1E-999999999"])
def test_a_selfeval_form_with_huge_exponents_reads_checks_and_scores(tmp_path, hostile):
    """The 分值 and 得分 of a 自评表 written with huge exponents: read, checked, scored and written —
    never a traceback."""
    from form_fixtures import c
    from test_reading_classes import html_page

    from perfgoals_xl.report import write_report
    from perfgoals_xl.scoring import score_table

    cells = [c(0, 0, "项目名称"), c(0, 1, "农村公路养护", c2=6),
             c(1, 0, "一级指标"), c(1, 1, "二级指标"), c(1, 2, "三级指标"), c(1, 3, "年度指标值"),
             c(1, 4, "实际完成值"), c(1, 5, "分值"), c(1, 6, "得分"),
             c(2, 0, "产出指标"), c(2, 1, "数量指标"), c(2, 2, "养护里程"), c(2, 3, "≥120公里"), c(2, 4, "126公里"),
             c(2, 5, hostile), c(2, 6, hostile),
             c(3, 0, "总分", c2=4), c(3, 5, hostile), c(3, 6, hostile)]
    table = read_table(html_page(tmp_path / "t.html", [cells]))
    assert [i.name for i in table.projects()[0].indicators] == ["养护里程"]
    check_table(table)
    list(score_table(table))
    write_report(table, tmp_path / "r.xlsx", force=True)
