"""The registry, configuration, suppressions, issue records and the `check` / `rules` commands."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.model import Location
from perfgoals_xl.rules import (
    ISSUE_COLUMNS,
    RULES,
    Config,
    ConfigError,
    check_table,
    load_config,
)
from perfgoals_xl.rules.config import config_from_dict
from perfgoals_xl.rules.docs import DOC_PATH, render_markdown

ROOT = Path(__file__).resolve().parent.parent

#: The catalog of docs/sources.md §4, plus S10 (the importer's recorded assumption), S11 (a reader's note) and S12 (codes filled).
CATALOG = (
    [f"S{n:02d}" for n in range(1, 13)] + [f"A{n:02d}" for n in range(1, 5)]
    + [f"C{n:02d}" for n in range(1, 8)] + [f"Q{n:02d}" for n in range(1, 13)]
    + [f"K{n:02d}" for n in range(1, 9)] + [f"E{n:02d}" for n in range(1, 12)]
    + [f"D{n:02d}" for n in range(1, 4)]
)

BAD_TABLE = """项目支出绩效目标表（含转移支付项目）
部门名称：测试单位 单位：万元
项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标
合计 10.00 8.00 1.00 0.00
测试单位 10.00 8.00 1.00 0.00
    测试项目 10.00 8.00 1.00 0.00
全年完成各类业务培训200人次。
1、1-产出指标；11-数量指标；培训人次；实施周期指标值:200人次；年度指标值:200人次。
2、2-效益指标；22-社会效益；政策知晓率；实施周期指标值:≥90%；年度指标值:≥90%。
3、3-满意度指标；31-服务对象满意度；参训人员满意度；实施周期指标值:≥90%；年度指标值:≥90%。
"""


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env)


@pytest.fixture()
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(BAD_TABLE, encoding="utf-8")
    return path


# --- registry and docs -------------------------------------------------------------------

def test_registry_implements_the_whole_catalog():
    assert [code.removeprefix("PG-") for code in RULES] == CATALOG


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_declares_everything(code):
    rule = RULES[code]
    assert rule.code == code and rule.slug.isidentifier()
    assert rule.severity in ("error", "warning", "info")
    assert set(rule.profiles) <= {"gz", "mof2021"} and rule.profiles
    doc = rule.doc
    for part in (doc.what, doc.why, doc.bad, doc.good, doc.basis):
        assert part.strip(), f"{code} 文档不完整"
    assert rule.hint and rule.messages[""]
    assert rule.check is not None or rule.from_problems


def test_docs_rules_md_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == render_markdown(), (
        "docs/rules.md 已过期：运行 python -m perfgoals_xl.rules.docs 重新生成"
    )


def test_rules_command(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert all(code in listing for code in RULES) and "period_unit_mismatch" in listing
    assert main(["rules", "q03"]) == 0
    page = capsys.readouterr().out
    for heading in ("【说明】", "【为什么】", "【错误示例】", "【正确示例】", "【依据】"):
        assert heading in page
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == list(RULES)
    assert main(["rules", "PG-C05", "--format", "json"]) == 0
    c05 = json.loads(capsys.readouterr().out)
    assert c05["severity_by_profile"] == {"gz": "info"} and c05["doc"]["basis"]


def test_rules_command_unknown_code():
    proc = run("rules", "PG-Z99")
    assert proc.returncode == 2 and "未知的规则" in proc.stderr


# --- configuration -----------------------------------------------------------------------

def test_select_and_ignore_by_prefix_most_specific_wins():
    config = Config().with_overrides(select="PG-Q,K03", ignore="Q0")
    enabled = {c for c, r in RULES.items() if config.enabled(r)}
    assert enabled == {"PG-Q10", "PG-Q11", "PG-Q12", "PG-K03"}
    config = config_from_dict({"select": ["ALL"], "ignore": ["PG-Q"], "severity": {"q03": "off"}})
    assert not config.enabled(RULES["PG-Q03"]) and config.enabled(RULES["PG-S01"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"select": ["PG-Z"]}, "未知的规则代码"),
        ({"profile": "beijing"}, "未知的方案"),
        ({"severity": {"PG-C05": "fatal"}}, "应为"),
        ({"accept": [{"code": "PG-Q03", "project": "x"}]}, "缺少 reason"),
        ({"accept": [{"code": "PG-Q03", "reason": "为什么"}]}, "应指明 project"),
        ({"colour": True}, "未知的配置项"),
        # values of the wrong type: one error naming the key, never a traceback
        (5, r"\[tool.perfgoals\] 应为表"),
        ({"select": 5}, "select 应为字符串或字符串数组"),
        ({"ignore": ["PG-Q03", 5]}, "ignore 应为字符串或字符串数组"),
        ({"profile": ["gz"]}, "profile 应为字符串"),
        ({"severity": {"PG-C05": ["warning"]}}, "应为"),
        ({"accept": [{"code": "PG-C05", "reason": "x", "file": 5}]}, "file 应为字符串"),
        ({"accept": [{"code": "PG-C05", "reason": "x", "project": 5}]}, "project 应为字符串"),
        ({"accept": [{"code": "PG-C05", "reason": ["x"], "project": "p"}]}, "reason 应为字符串"),
        ({"accept": [{"code": 5, "reason": "x", "project": "p"}]}, "code 应为字符串"),
        ({"accept": [{"code": "PG-C05", "reason": "x", "project": "p", "indicator": True}]},
         "indicator 应为指标序号"),
        ({"accept": [{"code": "PG-C05", "reason": "x", "project": "p", "indicator": "2"}]},
         "indicator 应为指标序号"),
        ({"accept": ["PG-C05"]}, "应为表"),
    ],
)
def test_bad_configuration_is_one_clear_error(data, message):
    with pytest.raises(ConfigError, match=message):
        config_from_dict(data)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("pyproject.toml", "[tool]\nperfgoals = 5\n", r"\[tool.perfgoals\] 应为表"),
        ("perfgoals.toml", "select = 5\n", "select 应为字符串或字符串数组"),
        ("perfgoals.toml", 'profile = ["gz"]\n', "profile 应为字符串"),
        ("perfgoals.toml", '[[accept]]\ncode = "PG-C05"\nreason = "x"\nfile = 5\n', "file 应为字符串"),
    ],
)
def test_check_config_of_wrong_type_exits_2(seed_path, tmp_path, monkeypatch, capsys, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(seed_path), "--color", "never"]) == 2
    err = capsys.readouterr().err
    assert re.search(message, err) and str(tmp_path / name) in err and "Traceback" not in err


def test_pyproject_and_perfgoals_toml_are_found_upwards(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.perfgoals]\nprofile = "mof2021"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert load_config(start=sub).profile == "mof2021"
    (tmp_path / "a" / "perfgoals.toml").write_text('ignore = ["PG-S10"]\n', encoding="utf-8")
    config = load_config(start=sub)
    assert config.profile == "gz" and config.ignore == ("PG-S10",)
    (tmp_path / "a" / "perfgoals.toml").write_text("ignore = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_config(start=sub)


def test_severity_override_and_profile(seed_table):
    config = config_from_dict({"profile": "gz", "severity": {"PG-Q08": "error", "PG-C": "info"}})
    issues = check_table(seed_table, config)
    assert {i.severity for i in issues if i.code == "PG-Q08"} == {"error"}
    assert {i.severity for i in issues if i.code.startswith("PG-C")} == {"info"}


def test_suppression_is_visible_and_does_not_count(seed_table):
    config = config_from_dict({
        "severity": {"PG-Q03": "error"},
        "accept": [{"code": "PG-Q03", "project": "车辆租用经费", "indicator": 2,
                    "reason": "原表如此，已与单位核实"}],
    })
    issues = check_table(seed_table, config)
    q03 = [i for i in issues if i.code == "PG-Q03"]
    assert len(q03) == 1 and q03[0].suppressed and q03[0].suppress_reason == "原表如此，已与单位核实"
    others = [i for i in issues if i.suppressed]
    assert others == q03  # nothing else was accepted
    assert len(issues) == len(check_table(seed_table))  # nothing silently dropped


# --- issue records and locations -----------------------------------------------------------

def test_issue_row_flattens_location_with_workbook_cells(seed_table):
    project = seed_table.units[0].projects[1]
    item = project.indicators[1]  # 长期租赁小型客车数量 4 / 4辆
    item.field_locations = {"period_value": Location(file="x.xlsx", sheet="填报", cell="H12"),
                            "annual_value": Location(file="x.xlsx", sheet="填报", cell="I12")}
    issue = next(i for i in check_table(seed_table) if i.code == "PG-Q03")
    row = issue.to_row()
    assert list(row) == list(ISSUE_COLUMNS)
    assert (row["file"], row["sheet"], row["cell"], row["cells"]) == ("x.xlsx", "填报", "H12", "H12,I12")
    assert (row["project"], row["seq"], row["indicator"], row["field"]) == (
        "车辆租用经费", 2, "长期租赁小型客车数量", "values")
    assert row["unit"] == "广州市人民政府驻北京办事处" and row["severity_label"] == "警告"
    assert issue.to_dict()["location"]["cells"] == ["H12", "I12"]


# --- the check command -----------------------------------------------------------------------

def test_check_seed_text_exit_0(seed_path):
    proc = run("check", str(seed_path), "--color", "never")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "项目 车辆租用经费" in out and "第36行 指标2" in out and "PG-Q03" in out
    assert out.rstrip().endswith("共 23 条：错误 0，警告 15，提示 8（已接受 0）")
    assert "\033[" not in out


def test_check_errors_exit_1_and_json(bad_file):
    proc = run("check", str(bad_file), "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["summary"]["error"] >= 1
    a01 = [i for i in data["issues"] if i["code"] == "PG-A01"]
    assert [i["location"].get("project") or i["location"].get("unit") for i in a01] == [
        None, "测试单位", "测试项目"]  # 合计, the unit row, the project row
    project = a01[2]
    assert project["severity"] == "error" and project["location"]["line"] == 6
    assert "10.00" in project["message"] and "9.00" in project["message"]


def test_check_csv_has_bom_and_one_row_per_issue(seed_path, tmp_path):
    out = tmp_path / "issues.csv"
    proc = run("check", str(seed_path), "--format", "csv", "--headers", "en", "-o", str(out))
    assert proc.returncode == 0 and "共 23 条" in proc.stdout
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 23 and list(rows[0]) == list(ISSUE_COLUMNS)
    assert {r["code"] for r in rows if r["seq"] == "2" and r["project"] == "车辆租用经费"} == {"PG-Q03"}
    assert run("check", str(seed_path), "--format", "csv", "-o", str(out)).returncode == 2  # no overwrite


def test_check_select_ignore_and_profile(seed_path):
    proc = run("check", str(seed_path), "--format", "json", "--select", "PG-Q,PG-C", "--ignore", "Q12")
    codes = {i["code"] for i in json.loads(proc.stdout)["issues"]}
    assert codes == {"PG-Q02", "PG-Q03", "PG-Q04", "PG-Q08", "PG-Q09", "PG-C04", "PG-C05", "PG-C06"}
    proc = run("check", str(seed_path), "--format", "json", "--profile", "mof2021", "--select", "C05")
    assert {i["severity"] for i in json.loads(proc.stdout)["issues"]} == {"warning"}


def test_check_config_file_with_suppression(seed_path, tmp_path):
    (tmp_path / "perfgoals.toml").write_text(
        'select = ["PG-Q03", "PG-Q04"]\n[severity]\n"PG-Q03" = "error"\n'
        '[[accept]]\ncode = "PG-Q03"\nproject = "车辆租用经费"\nindicator = 2\nreason = "原表如此"\n',
        encoding="utf-8",
    )
    proc = run("check", str(seed_path), "--color", "never", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout  # the only error is accepted
    assert "已接受 PG-Q03" in proc.stdout and "理由：原表如此" in proc.stdout
    assert "共 2 条：错误 0，警告 1，提示 0（已接受 1）" in proc.stdout
    # the command line overrides the file: without the acceptance's code selected, nothing is accepted
    proc = run("check", str(seed_path), "--select", "PG-Q04", "--color", "never", cwd=tmp_path)
    assert "（已接受 0）" in proc.stdout


def test_check_unusable_input_exit_2_others_still_checked(seed_path, tmp_path):
    missing = tmp_path / "missing.txt"
    proc = run("check", str(missing), str(seed_path), "--color", "never")
    assert proc.returncode == 2
    assert "文件不存在" in proc.stderr and str(missing) in proc.stderr
    assert "PG-Q03" in proc.stdout and "Traceback" not in proc.stderr


def test_check_bad_arguments_exit_2(seed_path):
    proc = run("check", str(seed_path), "--select", "PG-Z")
    assert proc.returncode == 2 and "未知的规则代码" in proc.stderr
    proc = run("check", str(seed_path), "--format", "xml")
    assert proc.returncode == 2


def test_check_folder_and_color(seed_path, bad_file):
    folder = bad_file.parent
    (folder / "seed.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("check", str(folder), "--color", "always")
    assert proc.returncode == 1
    assert "\033[31m错误\033[0m" in proc.stdout and "2 个文件" in proc.stdout
    env = {**__import__("os").environ, "NO_COLOR": "1"}
    proc = run("check", str(folder), env=env)
    assert "\033[" not in proc.stdout


# --- robustness ------------------------------------------------------------------------------

_ALPHABET = "0123456789%率满意度数量成本元万次较稳定按标准前内以上以下≥≤<>=.,，、；;:：。/-— 年月日XX"


@pytest.mark.parametrize("profile", ["gz", "mof2021"])
def test_check_never_raises_and_fills_every_message(profile):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
    from perfgoals_xl.values import parse_value

    text = st.text(alphabet=_ALPHABET, max_size=20)
    levels = st.sampled_from([("1", "产出指标", "11", "数量指标"), ("1", "产出指标", "13", "时效指标"),
                              ("1", "产出指标", "14", "成本指标"), ("2", "效益指标", "22", "社会效益"),
                              ("3", "满意度指标", "31", "服务对象满意度"), ("9", "其他", "99", "其他")])

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(levels, text, text, text, st.none() | st.floats(0, 100)), max_size=6),
           text)
    def check(items, goal):
        project = Project(name="p", goal=goal, amounts=Amounts())
        for n, ((c1, l1, c2, l2), name, pv, av, weight) in enumerate(items, 1):
            project.indicators.append(Indicator(n, c1, l1, c2, l2, name, parse_value(pv), parse_value(av),
                                                weight=weight))
        table = PerfTable(units=[FundUnit(name="u", projects=[project])], source="h.txt")
        for issue in check_table(table, Config(profile=profile)):
            assert issue.code in RULES and issue.message and issue.hint
            assert "{" not in issue.message and "{" not in issue.hint

    check()


def _generated_table(n_projects: int):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_table(n_projects, seed=7)


def test_rule_gating_by_traits_never_changes_the_findings(seed_path, monkeypatch):
    """Rules declare the indicator traits they can fire on; skipping them elsewhere is only
    an optimisation: running every rule on every indicator gives the same issues."""
    from test_rules_cases import CASES, build_table

    from perfgoals_xl.rules import facts
    from perfgoals_xl.sources.published_text import read_published_text

    tables = [read_published_text(seed_path), _generated_table(300)]
    tables += [build_table(case_id, case) for case_id, case in CASES]
    gated = [[i.to_row() for i in check_table(t, Config(profile="mof2021"))] for t in tables]
    monkeypatch.setattr(facts.IndicatorFacts, "_traits", lambda self, ok: facts._ALL_TRAITS)
    ungated = [[i.to_row() for i in check_table(t, Config(profile="mof2021"))] for t in tables]
    assert gated == ungated
    assert sum(map(len, gated)) > 1000  # the comparison covers real findings



def test_check_output_never_overwrites_an_input(seed_path, tmp_path):
    own = tmp_path / "seed.txt"
    original = seed_path.read_text(encoding="utf-8")
    own.write_text(original, encoding="utf-8")
    proc = run("check", str(own), "-o", str(own), "--force")
    assert proc.returncode == 2 and "输出文件不能与输入文件相同" in proc.stderr
    assert "Traceback" not in proc.stderr and own.read_text(encoding="utf-8") == original
    # a readable output file inside a folder being checked would be read as an input next time
    inside = tmp_path / "issues.csv"
    proc = run("check", str(tmp_path), "--format", "csv", "-o", str(inside))
    assert proc.returncode == 2 and "输出文件不能与输入文件相同" in proc.stderr
    assert not inside.exists()


def test_every_rule_has_a_short_chinese_name():
    """summary.xlsx labels rules by code and short name (规则统计, 部门规则矩阵, the chart):
    every rule of the registry has one, Chinese and short enough for a column header."""
    from perfgoals_xl.rules import RULES
    from perfgoals_xl.rules.names import RULE_NAMES, rule_label

    assert set(RULE_NAMES) == set(RULES)  # none missing, none stale
    for code, name in RULE_NAMES.items():
        assert 2 <= len(name) <= 12 and any("\u4e00" <= ch <= "\u9fff" for ch in name), code
        assert rule_label(code) == f"{code} {name}"
    assert len(set(RULE_NAMES.values())) == len(RULE_NAMES)  # two rules never share a label


@pytest.mark.parametrize(("text", "expected"), [
    ('profile = "gz"\n[accept\n', "第 2 行第 8 列：表名缺少结尾的 ]"),
    ("ignore = [\"PG-S10\"]\nprofile = ", "第 2 行第 11 列（文件末尾）：值无效"),
    ('profile = "gz"\nprofile = "mof2021"\n', "同一个键写了两次"),
    ('profile = "gz" ignore = 1\n', "第 1 行第 16 列：一行只能写一个“键 = 值”"),
    ("[accept]\na = 'x\n", "第 3 行第 1 列（文件末尾）：缺少 \"'\""),
])
def test_a_toml_syntax_error_is_chinese_with_line_and_column(tmp_path, text, expected):
    (tmp_path / "perfgoals.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(start=tmp_path)
    message = str(caught.value)
    assert "TOML 格式错误" in message and expected in message, message
    assert not any(word in message for word in ("Invalid", "Expected", "document")), message


def test_toml_messages_translate_every_known_message_and_keep_an_unknown_one():
    from hypothesis import given
    from hypothesis import strategies as st

    from perfgoals_xl.toml_messages import end_position, toml_error

    assert toml_error("Illegal character '\\x01' (at line 4, column 2)", "") == "第 4 行第 2 列：不允许的字符：'\\x01'"
    assert toml_error("Something new (at line 1, column 1)", "") == "第 1 行第 1 列：语法错误（Something new）"
    assert end_position("a\nbc") == (2, 3)

    @given(st.text(max_size=400))
    def never_fails(message: str) -> None:
        assert toml_error(message, message).startswith("第 ")

    never_fails()


@pytest.mark.parametrize(("term", "period_goal", "fires"), [
    ("2025年-2026年", None, False),
    ("2025年1月至2026年12月", None, False),
    ("2024-2026", None, False),
    ("2025年", None, True),
    (None, "三年内完成全部校舍改造", False),  # a 中期目标 of its own: not a one-year project
    (None, None, True),
])
def test_k02_reads_the_project_term_of_a_form(term, period_goal, fires):
    from perfgoals_xl.model import FundUnit, Indicator, PerfTable, Project
    from perfgoals_xl.values import parse_value

    ind = Indicator(seq=1, level1_code="1", level1="产出指标", level2_code="11", level2="数量指标",
                    name="校舍改造面积", period_value=parse_value("3000平方米"), annual_value=parse_value("1000平方米"))
    project = Project(name="校舍改造", goal="完成校舍改造", term=term, period_goal=period_goal, indicators=[ind])
    table = PerfTable(department="某区教育局", units=[FundUnit(name="某中学", projects=[project])])
    codes = [i.code for i in check_table(table)]
    assert ("PG-K02" in codes) is fires, codes


def test_units_without_amounts_are_said_once_per_table():
    """PG-A02 单位金额未填写: one info for the table naming the units, not one per unit."""
    from decimal import Decimal

    from perfgoals_xl.model import Amounts, FundUnit, PerfTable, Project

    units = [FundUnit(name=f"单位{n}", projects=[Project(name=f"项目{n}", amounts=Amounts(total=Decimal(10)))])
             for n in range(1, 8)]
    table = PerfTable(department="某局", amounts=Amounts(total=Decimal(70)), units=units)
    found = [i for i in check_table(table) if i.code == "PG-A02"]
    assert len(found) == 1 and found[0].severity == "info"
    assert found[0].message.startswith("7 个资金使用单位的单位金额未填写（“单位1”、") and "等 7 个" in found[0].message


@pytest.mark.parametrize(("message", "speaks_of", "not_of"), [
    ("填报!A1中以下字段或列在模型中没有对应栏目，已作为附加字段原样保留：备注", "附加字段", "页"),
    ("第1页（部门收支总表）不是项目支出绩效目标表，已跳过", "页", "附加字段"),
])
def test_reader_note_hint_speaks_of_its_own_kind(message, speaks_of, not_of):
    """PG-S11 on an xlsx form said to check skipped PDF pages: the hint follows the note."""
    from perfgoals_xl.model import FundUnit, PerfTable, Problem, Project

    table = PerfTable(department="某局", units=[FundUnit(name="某单位", projects=[Project(name="甲", goal="目标")])],
                      problems=[Problem("S11", message)])
    (issue,) = [i for i in check_table(table) if i.code == "PG-S11"]
    assert speaks_of in issue.hint and not_of not in issue.hint


def test_assumed_amount_columns_of_one_kind_are_one_finding(seed_table):
    """The seed's 7 rows read 已按 财政拨款: one PG-S10 with the count and every place; a second
    kind of assumption stays a finding of its own."""
    import copy

    from perfgoals_xl.model import Location, Problem

    (s10,) = [i for i in check_table(seed_table) if i.code == "PG-S10"]
    assert s10.message.startswith("7 行金额只显示了部分列") and "均已按 财政拨款 读取" in s10.message
    assert "“合计”（第8行）" in s10.message and "“驻京工作保障”（第12行）" in s10.message
    table = copy.deepcopy(seed_table)
    table.problems.append(Problem("S10", "“某行”的金额 1 1 只显示了 2 列；已按 其他资金 读取，请核对原表",
                                  location=Location(file="x.txt", line=99), project="驻京工作保障"))
    found = [i for i in check_table(table) if i.code == "PG-S10"]
    assert len(found) == 2 and "其他资金" in found[1].message
