"""`perfgoals score` scores each project once for the 自评汇总 and the check together (iter_check's
``score_of``), the findings kept on disk until the 问题清单 is written (sinks/finding_spool.py)."""

from __future__ import annotations

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.commands.score import SharedScores
from perfgoals_xl.report.selfeval_layout import ScoreSummary
from perfgoals_xl.rules import iter_check, load_config
from perfgoals_xl.rules import selfeval as selfeval_rules
from perfgoals_xl.scoring import iter_scores
from perfgoals_xl.scoring import project as scoring_project
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sinks.finding_spool import FindingSpool
from perfgoals_xl.sources import read_table
from tests.selfeval_tables import fill_actuals


def _rows(issues):
    return [i.to_row() for i in issues]


@pytest.mark.parametrize("rules_on", [True, False])
def test_the_check_takes_the_summary_pass_scores(seed_table, tmp_path, monkeypatch, rules_on):
    table = fill_actuals(seed_table)
    path = tmp_path / "perfgoals.toml"
    path.write_text("" if rules_on else 'ignore = ["PG-E"]\n', encoding="utf-8")
    config = load_config(path)
    profile = config.scoring_profile()
    expected = _rows(iter_check(table, config))
    summaries = [ScoreSummary.of(s) for s in iter_scores(table, profile)]
    scored = []
    real = scoring_project.score_project

    def counted(project, *args, **kwargs):
        scored.append(project.name)
        return real(project, *args, **kwargs)

    monkeypatch.setattr(selfeval_rules, "score_project", counted)
    monkeypatch.setattr(scoring_project, "score_project", counted)
    import perfgoals_xl.scoring

    monkeypatch.setattr(perfgoals_xl.scoring, "score_project", counted)
    shared = SharedScores(table, profile)
    assert _rows(iter_check(table, config, score_of=shared)) == expected
    assert shared.summaries() == summaries
    assert scored == [p.name for p in table.projects()]  # once each: by the check, or for the summary


class Odd(str):
    """A text marshal cannot hold."""


def test_findings_come_back_from_disk_as_they_went(seed_table):
    table = fill_actuals(seed_table)
    issues = list(iter_check(table))
    assert len(issues) > 3

    issues[0].message = Odd(issues[0].message)
    with FindingSpool() as spool:
        spool.add_all(issues)
        back = list(spool)
        assert [f.to_row() for f in back] == _rows(issues) and spool.count == len(issues)
        assert [f.severity for f in back] == [i.severity for i in issues]
        assert [f.to_row() for f in spool] == _rows(issues)  # read again


def test_score_writes_every_finding_of_the_check(seed_table, tmp_path):
    table = fill_actuals(seed_table)
    entry = write_data(table, tmp_path / "填报.xlsx")
    out = tmp_path / "自评表.xlsx"
    assert main(["score", str(entry), "-o", str(out)]) == 0
    findings = list(iter_check(read_table(entry)))
    ws = openpyxl.load_workbook(out)["问题清单"]
    assert [[ws.cell(r, c).value for c in (2, 7)] for r in range(2, ws.max_row + 1)] == [
        [i.code, i.message] for i in findings]


def _counting(monkeypatch):
    """score_project counted wherever the command and the rules take it from."""
    import perfgoals_xl.scoring

    scored = []
    real = scoring_project.score_project

    def counted(project, *args, **kwargs):
        scored.append(project.name)
        return real(project, *args, **kwargs)

    for module in (selfeval_rules, scoring_project, perfgoals_xl.scoring):
        monkeypatch.setattr(module, "score_project", counted)
    return scored


def _book(path):
    """A workbook as read: each sheet's name, cells (value, style id) and merges."""
    wb = openpyxl.load_workbook(path)
    return [(ws.title, [[(c.value, c.style_id, c.data_type) for c in row] for row in ws.iter_rows()],
             sorted(map(str, ws.merged_cells.ranges)),
             {k: v.height for k, v in ws.row_dimensions.items()}) for ws in wb.worksheets]


@pytest.mark.parametrize("rules_on", [True, False])
def test_score_scores_each_project_once_for_sheet_summary_and_check(seed_table, tmp_path, monkeypatch, rules_on):
    """`perfgoals score`: one scoring a project for its 自评表, the 自评汇总 (filled last) and the
    check; the workbook reads as the one written from all the scores at once (cells, styles,
    merges, heights, sheet order)."""
    from perfgoals_xl.report.selfeval import write_selfeval_workbook
    from perfgoals_xl.scoring import score_table

    table = fill_actuals(seed_table)
    entry = write_data(table, tmp_path / "填报.xlsx")
    config = tmp_path / "perfgoals.toml"
    config.write_text("" if rules_on else 'ignore = ["PG-E"]\n', encoding="utf-8")
    back = read_table(entry)
    expected = tmp_path / "expected.xlsx"
    write_selfeval_workbook(back, score_table(back), expected, issues=iter_check(back, load_config(config)))
    scored = _counting(monkeypatch)
    out = tmp_path / "自评表.xlsx"
    assert main(["score", str(entry), "-o", str(out), "--config", str(config)]) in (0, 1)
    assert scored == [p.name for p in back.projects()]
    assert _book(out) == _book(expected)


def test_sheet_pass_writes_in_table_order_whatever_the_check_asks(seed_table):
    from perfgoals_xl.commands.score import SheetPass
    from perfgoals_xl.scoring import ScoringProfile, score_project

    table = fill_actuals(seed_table)
    pairs = [(p, u) for u in table.units for p in u.projects]
    assert len(pairs) >= 3
    written = []
    sheets = SheetPass(table, ScoringProfile(), lambda score: written.append(score.project.name))
    third = sheets(*pairs[2])  # the first two written before it
    assert written == [p.name for p, _ in pairs[:3]]
    assert ScoreSummary.of(third) == ScoreSummary.of(score_project(pairs[2][0], ScoringProfile(), pairs[2][1]))
    again = sheets(*pairs[0])  # asked again: scored for the check alone, not written twice
    assert again.project is pairs[0][0] and len(written) == 3
    sheets.finish()
    assert written == [p.name for p, _ in pairs]
