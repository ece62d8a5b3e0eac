"""Fuzzing the whole pipeline as an adversary would (issue #13): mutated tables in every text format.

The seed (a real published table) is mutated — hostile tokens inserted, lines cut, bytes
dropped — and written as published text, JSON and long-format CSV; each mutant is read,
checked and written as JSON, CSV and the report sheet. Anything but success or one clear
PerfGoalsError is a bug. Bounded (max_examples, deadline) so that it runs in CI every time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfgoals_xl.errors import PerfGoalsError
from perfgoals_xl.report import write_report
from perfgoals_xl.rules import check_table
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table

SEED = (Path(__file__).resolve().parents[1] / "examples" / "guangzhou_beijing_office_2024.txt").read_text(
    encoding="utf-8")
TOKENS = ["1、", "1.1-", "10000、", "；", "实施周期指标值:", "年度指标值:", "。", " " * 50, "\n", "\n\n",
          "9" * 40 + ".00", "1e400", "=cmd", "-", "'", "\"", ",", "\t", "    ", "合计", "（续）", "\x00",
          "\ud800", "1.00 " * 20, "部门名称：", "项目支出绩效目标表"]

_mutation = st.tuples(st.integers(0, len(SEED)), st.sampled_from(TOKENS), st.integers(0, 30))
_settings = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _mutate(text: str, edits: list[tuple[int, str, int]]) -> str:
    for at, token, cut in edits:
        at = min(at, len(text))
        text = text[:at] + token + text[at + cut:]
    return text


def _pipeline(path: Path) -> None:
    try:
        table = read_table(path)
    except PerfGoalsError:
        return
    check_table(table)
    out = path.parent / "out"
    out.mkdir(exist_ok=True)
    for name in ("t.json", "t.csv"):
        write_data(table, out / name, force=True)
    json.loads((out / "t.json").read_text(encoding="utf-8"),
               parse_constant=lambda name: (_ for _ in ()).throw(AssertionError(name)))
    write_report(table, out / "r.xlsx", force=True)


@_settings
@given(st.lists(_mutation, max_size=6))
def test_fuzz_published_text(edits):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.txt"
        path.write_bytes(_mutate(SEED, edits).encode("utf-8", "surrogatepass"))
        _pipeline(path)


@_settings
@given(st.lists(_mutation, max_size=4), st.sampled_from(["json", "csv"]))
def test_fuzz_json_and_csv_round_trips(edits, kind):
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "seed.txt"
        seed.write_text(SEED, encoding="utf-8")
        written = write_data(read_table(seed), Path(folder) / f"t.{kind}")
        text = written.read_text(encoding="utf-8-sig")
        cut = [(at * len(text) // max(len(SEED), 1), token, n) for at, token, n in edits]
        written.write_bytes(_mutate(text, cut).encode("utf-8", "surrogatepass"))
        _pipeline(written)
