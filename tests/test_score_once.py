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
