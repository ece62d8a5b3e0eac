"""`perfgoals score` checks with the scores it computed and streams the 问题清单 (issue #20, class 11)."""

from __future__ import annotations

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.rules import check_table, iter_check, load_config
from perfgoals_xl.rules import selfeval as selfeval_rules
from perfgoals_xl.scoring import score_table
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sinks.issues_sheet import add_issues_sheet
from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook
from perfgoals_xl.sources.published_text import read_published_text
from tests.conftest import SEED
from tests.selfeval_tables import fill_actuals

_TOML = """[scoring]
far_beyond = 1.2
execution_reason_below = 0.95
"""


def _rows(issues):
    return [i.to_row() for i in issues]


@pytest.mark.parametrize("scoring", [False, True])
def test_the_check_with_given_scores_finds_the_same_without_scoring_again(seed_table, tmp_path, monkeypatch, scoring):
    table = fill_actuals(seed_table)
    path = tmp_path / "perfgoals.toml"
    path.write_text(_TOML if scoring else "", encoding="utf-8")
    config = load_config(path)
    expected = _rows(check_table(table, config))
    assert any(r["code"].startswith("PG-E") for r in expected)  # the self-evaluation rules fired
    scores = score_table(table, config.scoring_profile())

    def no_second_scoring(*args, **kwargs):
        raise AssertionError("the check scored a project again")

    monkeypatch.setattr(selfeval_rules, "score_project", no_second_scoring)
    assert _rows(check_table(table, config, scores=scores)) == expected
    assert _rows(iter_check(table, config, scores=scores)) == expected


def test_scores_of_other_projects_are_not_taken(seed_table, monkeypatch):
    table = fill_actuals(seed_table)
    expected = _rows(check_table(table))
    copy = fill_actuals(read_published_text(SEED))  # the same table read again: other project objects
    scored: list[str] = []
    real = selfeval_rules.score_project

    def counted(project, *args, **kwargs):
        scored.append(project.name)
        return real(project, *args, **kwargs)

    monkeypatch.setattr(selfeval_rules, "score_project", counted)
    assert _rows(check_table(table, scores=score_table(copy))) == expected
    assert scored == [p.name for p in table.projects()]  # the rules scored the table's own projects
    scored.clear()
    assert _rows(check_table(table, scores=score_table(table)[:-1])) == expected  # one missing
    assert scored == [p.name for p in table.projects()]
    scored.clear()
    assert _rows(check_table(table, scores=score_table(table))) == expected
    assert scored == []


def _sheet(tmp_path, name, issues):
    wb = SafeWorkbook(str(tmp_path / name), {"in_memory": True})
    wb.add_worksheet("首页")
    wb.finish_sheet(add_issues_sheet(wb, issues, "问题清单"))
    wb.close()
    ws = openpyxl.load_workbook(tmp_path / name)["问题清单"]
    return [[c.value for c in row] for row in ws.iter_rows()], ws.auto_filter.ref, sorted(map(str, ws.merged_cells.ranges))


def test_the_issues_sheet_from_an_iterator_is_the_one_from_a_list(seed_table, tmp_path):
    table = fill_actuals(seed_table)
    issues = check_table(table)
    assert len(issues) > 3
    listed = _sheet(tmp_path, "a.xlsx", issues)
    assert _sheet(tmp_path, "b.xlsx", iter(issues)) == listed
    assert len(listed[0]) == len(issues) + 1
    empty = _sheet(tmp_path, "c.xlsx", iter(()))
    assert empty == _sheet(tmp_path, "d.xlsx", [])
    assert empty[0][1][0] == "未发现问题" and empty[1] == "A1:K2"


def test_score_streams_every_finding_and_exits_1_on_a_self_evaluation_error(seed_table, tmp_path, capsys):
    table = fill_actuals(seed_table)
    entry = write_data(table, tmp_path / "填报.xlsx")
    out = tmp_path / "自评表.xlsx"
    assert main(["score", str(entry), "-o", str(out)]) == 0
    from perfgoals_xl.sources import read_table

    findings = check_table(read_table(entry))
    ws = openpyxl.load_workbook(out)["问题清单"]
    assert ws.max_row == len(findings) + 1
    assert [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)] == [i.code for i in findings]
    severe = tmp_path / "perfgoals.toml"
    severe.write_text('[severity]\n"PG-E" = "error"\n', encoding="utf-8")
    assert main(["score", str(entry), "-o", str(out), "--force", "--config", str(severe)]) == 1
    assert "已生成自评表" in capsys.readouterr().out


@pytest.mark.parametrize("actuals", [False, True])
def test_the_self_evaluation_rules_one_project_at_a_time_find_what_they_find_on_the_whole_table(
        seed_table, monkeypatch, actuals):
    """Rule.per_project (PG-E01–E11) runs on one project's table context: the same findings, in the
    same order, as each rule run once on the whole table; the table's actuals looked for once."""
    import dataclasses

    import perfgoals_xl.scoring
    from perfgoals_xl.rules import registry

    table = fill_actuals(seed_table) if actuals else seed_table
    per_project = [code for code, r in registry.RULES.items() if r.per_project]
    assert per_project and all(code.startswith("PG-E") for code in per_project)
    scores = score_table(table)
    asked: list[int] = []
    real = perfgoals_xl.scoring.has_actuals

    def counted(t):  # noqa: ANN001, ANN202
        asked.append(1)
        return real(t)

    monkeypatch.setattr(perfgoals_xl.scoring, "has_actuals", counted)
    monkeypatch.setattr(selfeval_rules, "has_actuals", counted)
    windowed = _rows(check_table(table, scores=scores))
    assert len(asked) == 1 and len(table.projects()) > 2  # once for the table, not per project and rule
    for code in per_project:
        monkeypatch.setitem(registry.RULES, code, dataclasses.replace(registry.RULES[code], per_project=False))
    assert _rows(check_table(table, scores=scores)) == windowed
    assert any(r["code"].startswith("PG-E") for r in windowed) == actuals


def _parts(path):
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # (its time differs)


def test_the_workbook_from_scores_made_one_at_a_time_is_the_one_from_a_list(seed_table, tmp_path, monkeypatch):
    """`score` keeps ScoreSummary tuples and takes each full score as its 自评表 is written: the same
    bytes, and no score outlives its sheet (at most the one being written and the next are alive)."""
    import gc
    import weakref

    from perfgoals_xl.report.selfeval import write_selfeval_workbook
    from perfgoals_xl.report.selfeval_layout import ScoreSummary
    from perfgoals_xl.scoring import ProjectScore, iter_scores

    table = fill_actuals(seed_table)
    assert len(table.projects()) >= 3
    issues = check_table(table)
    write_selfeval_workbook(table, score_table(table), tmp_path / "list.xlsx", issues=issues)
    summaries = [ScoreSummary.of(s) for s in iter_scores(table)]
    alive: list[weakref.ref[ProjectScore]] = []
    most = [0]

    def watched():
        for score in iter_scores(table):
            gc.collect()
            most[0] = max(most[0], sum(1 for r in alive if r() is not None))
            alive.append(weakref.ref(score))
            yield score

    write_selfeval_workbook(table, watched(), tmp_path / "iter.xlsx", issues=iter(issues), summaries=summaries)
    assert _parts(tmp_path / "iter.xlsx") == _parts(tmp_path / "list.xlsx")
    assert len(alive) == len(table.projects()) and most[0] <= 1
    with pytest.raises(ValueError):  # a score missing: never a sheet silently left out
        write_selfeval_workbook(table, list(iter_scores(table))[:-1], tmp_path / "short.xlsx", summaries=summaries)


def test_the_check_makes_each_projects_facts_when_it_reaches_it(seed_table, monkeypatch):
    """No moment holds every project's facts: a whole-table rule (PG-K08) walks contexts made one at
    a time, and each project's own are made with its findings — the same findings, in the same order."""
    from perfgoals_xl.rules import engine, facts

    table = fill_actuals(seed_table)
    expected = _rows(check_table(table))
    made: list[str] = []
    real = facts.project_context

    def counted(table_, unit, project, *args, **kwargs):
        made.append(project.name)
        return real(table_, unit, project, *args, **kwargs)

    monkeypatch.setattr(facts, "project_context", counted)
    monkeypatch.setattr(engine, "project_context", counted)
    names = [p.name for p in table.projects()]
    found = []
    for issue in iter_check(table):
        if not found:  # the first finding: the whole-table walk done, at most the first project's own made
            assert made[:len(names)] == names and len(made) <= len(names) + 1
        found.append(issue)
    assert _rows(found) == expected
    assert made == names + names  # once for the table rules' walk, once with the project's findings
