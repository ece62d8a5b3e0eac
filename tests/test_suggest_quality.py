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
    sharpened = Suggester(frame, Weights(calibrated=False)).suggest(*query, 2).suggestions
    flat = Suggester(frame, Weights(calibrated=False, sharpen=1.0)).suggest(*query, 2).suggestions
    calibrated = Suggester(frame, Weights(calibrated=True)).suggest(*query, 2).suggestions
    assert sharpened[0].name == "新增供水受益人口"  # similarity^3: the one close project leads
    assert flat[0].name == "工程资料归档率"  # similarity^1: ten weak votes outweigh it
    assert calibrated[0].name == "新增供水受益人口"


def _two_kinds(pairs: int = 6) -> list[ProjectRecord]:
    """Pairs of near-identical projects sharing their own indicators, and one indicator
    (服务对象满意度) every project uses: the library the calibration learns from."""
    kinds = ["农村饮水安全巩固提升工程", "干部教育培训", "森林防火巡护", "义务教育营养改善计划", "雾炮车降尘抑尘服务",
             "高标准农田建设", "文物保护修缮", "特困人员救助供养"]
    records = []
    for kind in kinds[:pairs]:
        for year in (2022, 2023):
            records.append(_record(f"{year}年{kind}", [("11", f"{kind}完成数量"), ("12", f"{kind}质量达标率"),
                                                       ("31", "服务对象满意度")], source=f"{kind}{year}.html"))
    return records


def test_the_calibration_learns_that_close_projects_share_their_indicators():
    suggester = Suggester(frame_from_records(_two_kinds()), Weights(calibrated=True))
    curve = suggester.curve
    assert list(curve) == sorted(curve) and curve[0] >= 0.0 and curve[-1] <= 1.0  # non-decreasing, a chance
    assert curve[-1] > 0.5 > curve[2]  # a near-identical project passes its indicators on, a loose one does not


def test_calibrated_scores_are_the_chance_of_use():
    suggester = Suggester(frame_from_records(_two_kinds()), Weights(calibrated=True))
    close = suggester.suggest("2024年干部教育培训", "", 3).suggestions
    assert {s.name for s in close} == {"干部教育培训完成数量", "干部教育培训质量达标率", "服务对象满意度"}
    assert all(0.0 < s.score <= 1.0 for s in close)
    unrelated = suggester.suggest("办公楼屋面防水维修", "", 1).suggestions
    assert unrelated[0].name == "服务对象满意度"  # no close project: what every project uses


def test_with_no_close_pair_to_learn_from_the_prior_curve_lets_a_close_project_lead():
    """A library without any two close projects says nothing about close ones: the prior curve
    (similarity cubed) speaks for them, so the query's one close project still leads; without
    it an indicator three unrelated projects use would."""
    kinds = ["社区养老服务", "图书馆免费开放", "森林防火巡护", "干部教育培训", "食品安全抽检",
             "学校营养餐", "文物保护修缮", "河道保洁", "畜禽疫病防控", "城市路灯维护"]
    records = [_record(kind, [("11", f"{kind}数量"), *([("12", "资料归档率")] if i < 3 else [])], source=f"{i}.html")
               for i, kind in enumerate(kinds)]
    frame = frame_from_records([CLOSE, *records])
    query = ("2025年农村饮水安全巩固提升工程", "")
    assert Suggester(frame, Weights(calibrated=True)).suggest(*query, 1).suggestions[0].name == "新增供水受益人口"
    bare = Suggester(frame, Weights(calibrated=True, curve_prior=0.0))
    assert bare.curve[-1] == 0.0  # no pair above the lowest similarities: nothing learnt
    assert bare.suggest(*query, 1).suggestions[0].name == "资料归档率"


def test_a_project_counts_once_per_meaning():
    """Two wordings of one indicator in one project (merged by meaning) are one vote, one user."""
    twice = _record("干部培训项目", [("11", "报送调研报告数量"), ("11", "报送调研报告数")], source="a.html")
    once = _record("干部培训项目", [("11", "培训人次")], source="b.html")
    frame = frame_from_records([twice, once])
    counted = Suggester(frame).suggest("干部培训项目", "", 2).suggestions  # the default
    doubled = Suggester(frame, Weights(distinct=False)).suggest("干部培训项目", "", 2).suggestions
    assert counted[0].score == pytest.approx(counted[1].score)
    assert doubled[0].name.startswith("报送调研报告") and doubled[0].score > doubled[1].score
    merged = next(s for s in counted if s.name.startswith("报送调研报告"))
    assert merged.library_projects == 1 and set(merged.keys) == {"报送调研报告数量", "报送调研报告数"}


def test_common_share_keeps_the_librarys_most_used_indicators_in_the_list():
    records = [_record("2024年雾炮车降尘抑尘服务", [("11", "雾炮车配备车辆数"), ("11", "雾炮车风炮射程"),
                                                 ("12", "服务周期内空气质量")], source="close.html")]
    records += [_record(f"{town}镇其他项目{i}", [("31", "服务对象满意度")], source=f"{town}{i}.html")
                for i, town in enumerate("东西南北中")]
    frame = frame_from_records(records)
    query = ("2025年雾炮车降尘抑尘服务", "")
    plain = Suggester(frame, Weights(calibrated=False, popularity=0.1)).suggest(*query, 3).suggestions
    kept = Suggester(frame, Weights(calibrated=False, popularity=0.1, common_share=1)).suggest(*query, 3).suggestions
    assert "服务对象满意度" not in {s.name for s in plain}
    assert "服务对象满意度" in {s.name for s in kept} and len(kept) == 3


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


def test_matching_counts_the_same_indicator_not_the_same_measure_of_another_object():
    from perfgoals_xl.suggest.evaluate import matched

    assert matched("受益脱贫户满意度", ["受益脱贫监测户满意度", "培训人次"])
    assert not matched("鸡养殖数量", ["猪养殖数量", "羊养殖数量"])  # what a neighbour raised is not a hit


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


def test_evaluation_is_computed_again_only_when_its_inputs_change():
    """docs/suggest.md's evaluation keeps the fingerprint of what it was computed from; the same
    inputs take it from the document, another library row, suggest code or ``--full`` compute it."""
    script = _script()
    frame = frame_from_records([_record(f"项目{i}", [("11", f"指标{i % 3}"), ("12", "合格率")], source=f"表{i}")
                                for i in range(8)])
    fingerprint = script.evaluation_inputs(frame)
    assert len(fingerprint) == 64 and fingerprint == script.evaluation_inputs(frame.copy())
    changed = frame.copy()
    changed.loc[changed.index[0], "name"] = "另一个指标"
    assert script.evaluation_inputs(changed) != fingerprint

    start, end = script.EVALUATION
    computed, was_computed = script.current_evaluation(frame, f"前\n{start}\n旧的结果\n{end}\n后")
    assert was_computed and script.fingerprint_in(computed) == fingerprint and "recall@10" in computed
    doc = script.replace_section(f"前\n{start}\n旧的结果\n{end}\n后", script.EVALUATION, computed)
    assert script.current_evaluation(frame, doc) == (computed, False)  # same inputs: taken as it stands
    assert script.current_evaluation(frame, doc, full=True) == (computed, True)
    again, was_computed = script.current_evaluation(changed, doc)
    assert was_computed and script.fingerprint_in(again) == script.evaluation_inputs(changed)
    assert script.without_fingerprint(doc) == doc.replace(f"<!-- 评估输入指纹 sha256:{fingerprint} -->", "")


def test_evaluation_fingerprint_covers_the_suggestion_code():
    script = _script()
    files = {p.name for path in script.EVALUATION_CODE for p in (path.rglob("*.py") if path.is_dir() else [path])}
    assert {"rank.py", "evaluate.py", "keys.py", "calibrate.py", "errors.py", "build_starter_library.py"} <= files
