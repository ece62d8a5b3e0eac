"""Suggestion quality: the gathered evaluation tables, the ranking's parameters, the evaluation's
halves (docs/suggest.md §5, benchmarks/bench_suggest_quality.py)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from perfgoals_xl.model import Indicator, Project
from perfgoals_xl.suggest.evaluate import leave_one_out
from perfgoals_xl.suggest.library import frame_from_records, read_records
from perfgoals_xl.suggest.rank import Suggester, Weights
from perfgoals_xl.suggest.records import ProjectRecord
from perfgoals_xl.values import parse_value

ROOT = Path(__file__).resolve().parent.parent
GATHERED = ROOT / "benchmarks" / "suggest_eval"


def _index() -> list[dict[str, str]]:
    with (GATHERED / "index.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_starter_library
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return build_starter_library


def test_every_gathered_table_is_indexed_with_its_page_place_and_year():
    rows = _index()
    files = sorted(p.name for p in (GATHERED / "tables").iterdir())
    assert sorted(r["file"] for r in rows) == files, "each table file has exactly one row in index.csv"
    for row in rows:
        assert row["url"].startswith(("http://", "https://")), row
        assert row["place"].strip() and row["year"].isdigit(), row


def test_every_gathered_table_reads_with_the_tools_own_readers():
    for row in _index():
        warnings: list[str] = []
        records = read_records([str(GATHERED / "tables" / row["file"])], warn=warnings.append)
        assert not warnings, (row["file"], warnings)
        assert records and all(r.project.name and r.project.indicators for r in records), row["file"]
        for record in records:
            assert all(i.level1 and i.name for i in record.project.indicators), row["file"]


def test_gathered_records_carry_the_index():
    script = _script()
    records = script.gathered_records()
    by_file = {r["file"]: r for r in _index()}
    assert {r.extras["gathered"] for r in records} == {f for f, r in by_file.items() if r["url"] not in script.corpus_urls()}
    for record in records:
        row = by_file[record.extras["gathered"]]
        assert record.source.endswith(row["url"]) and script.GATHERED_MARK in record.source
        assert record.place == row["place"] and record.year == int(row["year"])


def test_halves_split_by_source_and_cover_every_project():
    script = _script()
    assert {script.half_of(f"表格{i}") for i in range(40)} == {"tune", "report"}
    assert script.half_of("同一张表格") == script.half_of("同一张表格")
    frame = frame_from_records([_record(f"项目{i}", [("11", f"指标{i}")], source=f"表{i // 2}") for i in range(12)])
    tune, report = script.real_ids(frame, "tune"), script.real_ids(frame, "report")
    assert sorted(tune + report) == script.real_ids(frame) and not set(tune) & set(report)
    sources = frame.groupby("project_id")["source"].first()
    assert not {sources[i] for i in tune} & {sources[i] for i in report}  # a source stays in one half


def _record(name: str, items: list[tuple[str, str]], goal: str = "", source: str = "") -> ProjectRecord:
    from perfgoals_xl.framework import LEVEL1, level2_by_code

    parents = {lv.code: lv for lv in LEVEL1}
    indicators = []
    for code, indicator in items:
        level2 = level2_by_code(code)
        level1 = parents[level2.parent]
        indicators.append(Indicator(seq=None, level1_code=level1.code, level1=level1.name, level2_code=code,
                                    level2=level2.name, name=indicator, period_value=parse_value("100%"),
                                    annual_value=parse_value("100%")))
    return ProjectRecord(project=Project(name=name, goal=goal, indicators=indicators), source=source or f"{name}.xlsx")


#: One project very like the query, and many only loosely related ones that share another indicator.
CLOSE = _record("农村饮水安全巩固提升工程", [("11", "新增供水受益人口")])
LOOSE = [_record(f"{place}办公楼维修改造工程", [("12", "工程资料归档率")]) for place in "东西南北中上下左右前"]


def test_the_closest_project_outweighs_a_crowd_of_loosely_related_ones():
    frame = frame_from_records([CLOSE, *LOOSE])
    query = ("2025年农村饮水安全巩固提升工程", "")
    sharpened = Suggester(frame).suggest(*query, 2).suggestions
    flat = Suggester(frame, Weights(sharpen=1.0)).suggest(*query, 2).suggestions
    assert sharpened[0].name == "新增供水受益人口"  # similarity^3: the one close project leads
    assert flat[0].name == "工程资料归档率"  # similarity^1: ten weak votes outweigh it


def test_level2_decay_spreads_the_suggestions_over_level2_families():
    similar = [_record(f"培训项目{i}", [("11", "培训人次"), ("11", "培训班次"), ("11", "培训天数"),
                                      ("12", "培训合格率")]) for i in range(3)]
    frame = frame_from_records(similar)
    plain = Suggester(frame).suggest("培训项目", "", 2).suggestions
    spread = Suggester(frame, Weights(family_decay=0.3)).suggest("培训项目", "", 2).suggestions
    assert [s.level2_code for s in plain] == ["11", "11"]
    assert [s.level2_code for s in spread] == ["11", "12"]


@pytest.fixture(scope="module")
def evaluation():
    records = [_record(f"{town}镇道路硬化工程", [("11", "硬化道路长度"), ("12", "工程验收合格率")], source=f"{town}.html")
               for town in "东西南北"]
    records += [_record(f"{year}年干部培训", [("11", "培训人次"), ("31", "参训人员满意度")], source=f"{year}.html")
                for year in (2021, 2022, 2023)]
    frame = frame_from_records(records)
    return frame, leave_one_out(frame, 3)


def test_a_subset_of_an_evaluation_equals_asking_only_those_projects(evaluation):
    frame, everything = evaluation
    some = [0, 2, 5]
    alone = leave_one_out(frame, 3, queries=some)
    part = everything.subset(some)
    assert (part.projects, part.recall, part.baseline, part.reachable) == (
        alone.projects, alone.recall, alone.baseline, alone.reachable)
    assert part.hits == alone.hits and part.own == alone.own


def test_comparable_projects_are_found_again(evaluation):
    _, everything = evaluation
    assert everything.projects == 7 and everything.own == 14
    assert everything.recall == 1.0  # every project has three comparable ones using the same indicators
    assert everything.reachable == 1.0
    assert everything.hits == 14


def test_a_page_the_corpus_holds_is_never_taken_twice():
    script = _script()
    in_corpus = script.corpus_urls()
    assert len(in_corpus) > 50  # every corpus table names its page
    assert not any(r.source.split("）", 1)[1] in in_corpus for r in script.gathered_records())
