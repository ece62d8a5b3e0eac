"""Indicator suggestions (推荐指标): meaning keys, the library (seed, corpus, a convert dataset),
the ranking, the command line, and what an unusable library says."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.cli import main
from perfgoals_xl.errors import InputError, PerfGoalsError
from perfgoals_xl.model import Indicator, Project
from perfgoals_xl.suggest import keys
from perfgoals_xl.suggest.library import (
    COLUMNS,
    STARTER,
    build_library,
    frame_from_records,
    load_library,
    save_library,
)
from perfgoals_xl.suggest.rank import Suggester, typical_value
from perfgoals_xl.suggest.records import ProjectRecord, place_in, year_in
from perfgoals_xl.values import parse_value

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent.parent / "shared" / "seeds"  # /work/shared/seeds beside the worktrees


def seeds(seed_path: Path) -> Path:
    """The shared seeds folder when this checkout sits beside it, else the bundled copy's folder."""
    for folder in (Path("/work/shared/seeds"), SHARED_SEEDS):
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    return seed_path


# ------------------------------------------------------------------ meaning keys


@pytest.mark.parametrize(("a", "b"), [
    ("报送调研报告数量", "报送调研报告数"),
    ("服务对象满意度", "服务对象满意率"),
    ("服务对象满意度（%）", "服务对象 满意度"),
    ("指标1:工程验收合格率", "工程验收合格率"),
    ("（２）受益群众满意度", "受益群众满意度指标"),
    ("ＡＢＣ系统运行率", "abc系统运行率"),
    # a sub-item marker and the form's own subject (项目, 工程) are not part of the meaning
    ("其中：猪养殖数量", "猪养殖数量"),
    ("项目验收合格率", "工程验收合格率"),
    ("项目（工程）验收合格率", "竣工验收合格率"),
    ("本项目资金到位率", "资金到位率"),
    ("项目完成及时率", "完成及时率"),
    # a wording that adds a qualifier to the other (监测, 社会) is the same indicator
    ("受益脱贫户满意度", "受益脱贫监测户满意度"),
    ("学生家长满意度", "学生家长社会满意度"),
])
def test_near_duplicate_names_mean_the_same(a, b):
    assert keys.same_meaning(a, b)
    assert keys.merge_keys([keys.meaning_key(a), keys.meaning_key(b)]).keys() == {
        keys.meaning_key(a), keys.meaning_key(b)}
    assert len(set(keys.merge_keys([keys.meaning_key(a), keys.meaning_key(b)]).values())) == 1


@pytest.mark.parametrize(("a", "b"), [
    ("群众满意度", "服务对象满意度"),
    ("培训人次", "道路长度"),
    ("车辆派遣及时率", "资金拨付及时率"),
    ("项目个数", "个数"),  # a subject is only taken off a name that says more than the measure
    ("工程质量", "质量"),
    ("其中", "中"),
    # another object, the same measure: close by bigrams, but a character replaced, not added
    ("其中：猪养殖数量", "羊养殖数量"),
    ("梨树种植面积", "桃树种植面积"),
])
def test_different_indicators_stay_apart(a, b):
    assert not keys.same_meaning(a, b)


@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_adding_characters_is_a_subsequence(head, middle, tail):
    assert keys.adds_to(head + tail, head + middle + tail)
    assert keys.adds_to(head + middle + tail, head + tail)  # either order


def test_near_is_fast_on_long_keys():
    start = time.perf_counter()
    long = "甲乙" * (keys.MAX_NAME * 2)
    for _ in range(100):
        keys.near(long, long[::-1]), keys.adds_to(long, long[1:] + "丙")
    assert time.perf_counter() - start < 1.0


def test_subject_and_sub_item_marker_leave_the_rest_of_the_key():
    assert keys.meaning_key("其中：牛养殖数量") == "牛养殖数量"
    assert keys.meaning_key("项目（工程）验收合格率") == keys.meaning_key("工程验收合格率") == "验收合格率"
    assert keys.meaning_key("项目总成本") == "项目总成本"  # 总成本 alone is too short to say what it measures
    assert keys.meaning_key("建设项目成本控制率") == "建设项目成本控制率"  # only a leading subject


def test_a_library_of_an_earlier_version_gets_todays_keys(tmp_path):
    record = ProjectRecord(project=Project(name="养殖补贴", indicators=[
        Indicator(seq=1, level1_code="1", level1="产出指标", level2_code="11", level2="数量指标",
                  name="其中：猪养殖数量", period_value=parse_value("20头"), annual_value=parse_value("20头"))]))
    frame = frame_from_records([record], flag=False)
    frame["key"] = "其中猪养殖数量"  # the key an earlier meaning_key stored
    save_library(frame, tmp_path / "old.parquet")
    assert load_library([tmp_path / "old.parquet"])["key"].tolist() == ["猪养殖数量"]


@given(st.text(max_size=3000))
def test_meaning_key_is_bounded_and_word_characters_only(text):
    key = keys.meaning_key(text)
    assert len(key) <= keys.MAX_NAME * 3  # NFKC can widen a character
    assert all(ch.isalnum() for ch in key)


def test_meaning_key_is_fast_on_hostile_text():
    start = time.perf_counter()
    for text in ("（" * 5000, "指标" + "1" * 5000 + "：", "(" + "a" * 40 + ")" * 3000):
        keys.meaning_key(text)
    assert time.perf_counter() - start < 0.5


def test_place_and_year_where_known():
    assert place_in("广州市人民政府驻北京办事处") == "广州市"
    assert place_in("中共宁德市委党史和地方志研究室") == "宁德市"
    assert place_in("市民中心") == ""
    assert year_in("广州驻京办2024-2025年信息化运维项目") == 2025
    assert year_in("驻京工作保障", None) is None


# ------------------------------------------------------------------ library


def test_library_from_the_seed(seed_path):
    frame = build_library([str(seeds(seed_path))])
    assert list(frame.columns) == list(COLUMNS)
    assert frame["project_id"].nunique() == 5
    assert len(frame) == 27
    first = frame[frame["project"] == "驻京工作保障"].iloc[0]
    assert first["department"] == "广州市人民政府驻北京办事处" and first["place"] == "广州市"
    assert (first["level1_code"], first["level2_code"], first["name"]) == ("2", "21", "经济协作走访调研、宣传推广、举办活动次数")
    assert first["source"].endswith(".txt") and first["origin"] == "table"
    assert first["goal"].startswith("保障在京政务服务")
    rate = frame[frame["name"] == "省市领导及业务单位满意度"].iloc[0]
    assert (rate["operator"], rate["number"], rate["unit"], rate["value"]) == ("=", 100.0, "%", "100%")
    # our rules flag a count without a unit (PG-Q02): the flag is kept on the indicator
    count = frame[frame["name"] == "报送调研报告数量"].iloc[0]
    assert "PG-Q02" in count["flags"].split(",")


def test_library_from_a_convert_dataset_equals_reading_the_tables(seed_path, tmp_path):
    out = tmp_path / "out"
    assert main(["convert", str(seed_path), "-o", str(out), "-q", "--jobs", "1"]) in (0, 1)
    from_tables = build_library([str(seed_path)])
    for argument in (out, out / "batch_indicators.parquet", out / "batch_indicators.csv"):
        from_dataset = build_library([str(argument)])
        columns = ["project", "goal", "level1_code", "level2_code", "name", "value", "flags"]
        assert from_dataset[columns].equals(from_tables[columns]), argument


def test_starter_library_is_current_and_documented():
    """The shipped library equals a rebuild from the framework and tests/corpus, and docs/suggest.md
    lists what it holds and its measured recall (scripts/build_starter_library.py --check)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_starter_library as script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert script.main(["--check"]) == 0, "python scripts/build_starter_library.py"
    frame = load_library()
    assert (frame["origin"] == "framework").any() and (frame["origin"] == "table").any()
    corpus = frame[frame["origin"] == "table"]
    assert corpus["source"].str.contains("http").mean() > 0.9  # each with the page it was published on
    assert corpus["year"].notna().all() and (corpus["place"] != "").all()


def test_starter_library_is_package_data():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["perfgoals_xl"]
    assert "resources/suggest/*.parquet" in patterns
    assert STARTER.is_file() and STARTER.parent.name == "suggest"


# ------------------------------------------------------------------ ranking


def _project(name: str, goal: str, items: list[tuple[str, str, str]]) -> ProjectRecord:
    """A record: items are (level-2 code, name, value)."""
    from perfgoals_xl.framework import level2_by_code

    indicators = []
    for seq, (code, ind, value) in enumerate(items, 1):
        l2 = level2_by_code(code)
        indicators.append(Indicator(seq=seq, level1_code=l2.parent, level1={"1": "产出指标", "2": "效益指标", "3": "满意度指标", "4": "成本指标"}[l2.parent],
                                    level2_code=code, level2=l2.name, name=ind,
                                    period_value=parse_value(value), annual_value=parse_value(value)))
    return ProjectRecord(project=Project(name=name, goal=goal, indicators=indicators), source=f"{name}.xlsx")


TRAINING = [
    _project("2023年干部教育培训经费", "组织干部培训，提升履职能力", [
        ("11", "培训人次", "≥500人次"), ("12", "培训合格率", "≥95%"), ("31", "参训人员满意度", "≥90%")]),
    _project("2024年基层干部培训项目", "开展基层干部培训班", [
        ("11", "培训人次数", "≥300人次"), ("12", "培训合格率", "≥98%"), ("31", "参训人员满意率", "≥95%")]),
    _project("教师培训经费", "组织教师培训", [
        ("11", "培训人次", "600人次"), ("13", "培训按期完成率", "100%")]),
]
ROADS = [
    _project(f"{town}镇道路硬化工程", "硬化村组道路，方便群众出行", [
        ("11", "硬化道路长度", f"≥{n}公里"), ("12", "工程验收合格率", "100%"), ("22", "受益群众人数", "≥2000人"),
        ("31", "受益群众满意度", "≥90%")])
    for town, n in (("东", 3), ("西", 5), ("南", 4), ("北", 6))
]


@pytest.fixture(scope="module")
def small() -> Suggester:
    return Suggester(frame_from_records([*TRAINING, *ROADS]))


def test_suggestions_come_from_the_most_similar_projects(small):
    result = small.suggest("2025年干部培训经费", "举办干部培训班", 4)
    assert [p.project for p in result.similar[:2]] == ["2023年干部教育培训经费", "2024年基层干部培训项目"]
    first = result.suggestions[0]
    assert (first.level2_code, first.name) == ("11", "培训人次")  # the right level-2 family first
    assert first.projects == 3  # 培训人次 and 培训人次数 counted once, in all three projects
    assert set(first.variants) == {"培训人次", "培训人次数"}
    assert first.value == "≥500人次" and (first.operator, first.number, first.unit) == ("≥", 500.0, "人次")
    names = [s.name for s in result.suggestions]
    assert set(names[:3]) == {"培训人次", "培训合格率", "参训人员满意度"}  # before anything of the roads
    assert "工程验收合格率" not in names
    road = small.suggest("中心村道路硬化", "", 3).suggestions
    assert [s.level2_code for s in road[:1]] == ["11"] and road[0].name == "硬化道路长度"
    assert road[0].value == "≥4.5公里"


def test_flagged_indicators_are_ranked_down_and_marked():
    vague = [_project(f"宣传经费{i}", "开展宣传", [("22", "社会影响力", "进一步提高"), ("11", "宣传活动次数", "≥10次")])
             for i in range(3)]
    precise = [_project("宣传经费甲", "开展宣传", [("12", "宣传材料合格率", "100%")])]
    result = Suggester(frame_from_records([*vague, *precise])).suggest("宣传经费", "", 3)
    by_name = {s.name: s for s in result.suggestions}
    assert "PG-Q08" in by_name["社会影响力"].flags and by_name["社会影响力"].flagged
    assert not by_name["宣传活动次数"].flagged
    names = [s.name for s in result.suggestions]
    assert names.index("宣传活动次数") < names.index("社会影响力")  # used as often, but flagged
    assert by_name["社会影响力"].projects == 3


def test_typical_value_is_the_common_operator_and_unit_with_the_median():
    rows = [{"value": v, "value_kind": p.kind, "operator": p.operator or "", "number": p.number,
             "unit": p.unit or ""} for v in ("≥95%", "≥90%", "95%", "≥97%", "12次") for p in [parse_value(v)]]
    assert typical_value(rows) == ("≥95%", "≥", 95.0, "%")
    text = [{"value": v, "value_kind": "qualitative", "operator": "", "number": None, "unit": ""}
            for v in ("符合", "符合", "达标")]
    assert typical_value(text)[0] == "符合"


def test_starter_library_suggests_for_a_known_project():
    suggester = Suggester(load_library())
    result = suggester.suggest("农村饮水安全巩固提升工程", "", 10)
    assert result.similar[0].project == "农村饮水安全巩固提升工程专项"
    assert len(result.suggestions) == 10
    assert all(s.level1 and s.level2 and s.name for s in result.suggestions)
    assert any(s.framework for s in suggester.suggest("某某", "", 60).suggestions)


def test_no_name_is_refused(small):
    with pytest.raises(PerfGoalsError, match="请输入项目名称"):
        small.suggest("  ")


# -------------------------------------------------------------- unusable libraries


def test_foreign_empty_and_broken_libraries_say_so_in_chinese(tmp_path):
    foreign = tmp_path / "foreign.parquet"
    pd.DataFrame({"a": [1], "b": ["x"]}).to_parquet(foreign)
    with pytest.raises(InputError, match="不是 perfgoals 指标库：缺少 项目编号、项目名称、三级指标"):
        load_library([foreign])
    empty = tmp_path / "empty.parquet"
    save_library(frame_from_records([]), empty)
    with pytest.raises(InputError, match="指标库中没有指标"):
        load_library([empty])
    broken = tmp_path / "broken.parquet"
    broken.write_text("不是 parquet", encoding="utf-8")
    with pytest.raises(InputError, match="不是可读取的指标库"):
        load_library([broken])
    with pytest.raises(InputError, match="指标库文件不存在"):
        load_library([tmp_path / "none.parquet"])


def test_library_from_nothing_readable_is_refused(tmp_path):
    (tmp_path / "x.txt").write_text("这不是绩效目标表", encoding="utf-8")
    with pytest.raises(InputError, match="没有读到任何带指标的项目"):
        build_library([str(tmp_path)], warn=lambda _: None)


# ------------------------------------------------------------------ command line


def test_library_build_and_suggest_on_the_command_line(seed_path, tmp_path, capsys):
    folder = tmp_path / "tables"
    folder.mkdir()
    shutil.copy(seed_path, folder / "a.txt")
    library = tmp_path / "library.parquet"
    assert main(["library", "build", str(folder), "-o", str(library)]) == 0
    out = capsys.readouterr().out
    assert "5 个项目，27 条指标" in out
    assert main(["library", "build", str(folder), "-o", str(library)]) == 2  # exists: no --force
    assert "--force" in capsys.readouterr().err
    assert main(["suggest", "车辆租赁经费", "--library", str(library), "-n", "3"]) == 0
    text = capsys.readouterr().out
    assert "车辆租用经费" in text and "车辆派遣及时率" in text
    assert main(["suggest", "车辆租赁经费", "--library", str(library), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["similar"][0]["project"] == "车辆租用经费"
    assert len(data["suggestions"]) == 10 and data["suggestions"][0]["rank"] == 1
    assert main(["suggest", "车辆租赁经费", "--library", str(library), "--format", "csv", "-n", "2"]) == 0
    lines = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("序号,一级指标,二级指标,三级指标,典型指标值") and len(lines) == 3


def test_command_line_refuses_a_foreign_library_in_one_chinese_line(tmp_path, capsys):
    foreign = tmp_path / "other.parquet"
    pd.DataFrame({"x": [1]}).to_parquet(foreign)
    assert main(["suggest", "项目", "--library", str(foreign)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "不是 perfgoals 指标库" in err and "Traceback" not in err
    assert main(["suggest", "项目", "-n", "0"]) == 2
    assert main(["library", "build", str(tmp_path), "-o", str(tmp_path / "x.csv")]) == 2


# ------------------------------------------------------------------ hostile input


@given(st.text(max_size=400))
def test_place_and_year_never_fail(text):
    assert len(place_in(text)) <= len(text)
    year = year_in(text)
    assert year is None or 1980 <= year <= 2049


def test_huge_names_and_goals_are_bounded(small):
    start = time.perf_counter()
    result = small.suggest("培训" * 50_000, "（" * 100_000, 5)
    assert time.perf_counter() - start < 2 and result.suggestions
    hostile = _project("x" * 20_000, "目标", [("11", "（" * 10_000 + "培训人次", "≥" + "9" * 400 + "人次")])
    frame = frame_from_records([hostile, *TRAINING])
    assert frame["key"].str.len().max() <= keys.MAX_NAME * 3
    assert Suggester(frame).suggest("培训", "", 3).suggestions


def test_a_library_of_common_indicators_only_still_suggests():
    from perfgoals_xl.suggest.common import common_records

    result = Suggester(frame_from_records(common_records())).suggest("任何项目", "", 5)
    assert result.similar == [] and len(result.suggestions) == 5
    assert all(s.framework for s in result.suggestions)
