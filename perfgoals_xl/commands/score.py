"""`perfgoals score INPUT -o OUT.xlsx`: compute the self-evaluation (绩效自评) scores and write
the 项目支出绩效自评表 of every project, a 自评汇总 sheet and the 问题清单."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import Any

HELP = "计算绩效自评得分：输入填有实际完成值的表格，输出项目支出绩效自评表（.xlsx，每个项目一张，另附汇总表和问题清单）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `perfgoals score`."""
    parser.add_argument("input", metavar="INPUT", help="输入文件（填报工作簿、长表 CSV/xlsx、JSON……，含实际完成值）")
    parser.add_argument("-o", "--output", metavar="OUT.xlsx", required=True, help="输出的自评表文件（.xlsx）")
    parser.add_argument("--layout", default=None, help="强制使用某种读取版式（默认按内容自动识别）")
    parser.add_argument("--config", default=None, help="配置文件（perfgoals.toml；其中 [scoring] 为评分参数）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    """Read, score, check and write; exit 2 when the input has no self-evaluation data at all."""
    from pathlib import Path

    from perfgoals_xl.errors import InputError, OutputError
    from perfgoals_xl.report.selfeval import write_selfeval_workbook
    from perfgoals_xl.rules import iter_check, load_config
    from perfgoals_xl.scoring import has_actuals, iter_scores
    from perfgoals_xl.sinks.atomic import check_writable
    from perfgoals_xl.sources import read_table

    if Path(args.output).suffix.lower() != ".xlsx":
        raise OutputError(f"{args.output}：自评表只能输出为 .xlsx 文件")
    check_writable(args.output, force=args.force)
    if Path(args.output).resolve() == Path(args.input).resolve():
        raise OutputError(f"{args.output}：输出文件不能与输入文件相同")
    config = load_config(args.config)
    table = read_table(args.input, layout=args.layout)
    if table.kind != "department" and not table.projects():
        raise InputError(args.input, "没有读到任何项目，无法自评")
    if not has_actuals(table):
        raise InputError(args.input, "没有读到任何实际完成值、得分或全年执行数（这是绩效目标表，不是自评表）")
    # Every project scored once for the summary and the check together (the check's self-evaluation
    # rules take the score; ScoreSummary keeps the summary's few numbers), then again one at a time as
    # its 自评表 is written: the scores of every project are never alive at once. The check runs now,
    # its findings kept on disk (~1.3 an indicator row) until the 问题清单, the last sheet, is written.
    profile = config.scoring_profile()
    import sys

    from perfgoals_xl.sinks.finding_spool import FindingSpool
    from perfgoals_xl.sinks.selfeval_losses import format_selfeval_losses

    for warning in format_selfeval_losses(table):  # never a silent loss (docs/selfeval.md)
        print(f"警告：{warning}", file=sys.stderr)
    shared = SharedScores(table, profile)
    errors = ErrorCount()
    with FindingSpool() as findings:
        findings.add_all(errors.counting(iter_check(table, config, score_of=shared)))
        summaries = shared.summaries()
        out = write_selfeval_workbook(table, iter_scores(table, profile), args.output, issues=findings,
                                      force=args.force, summaries=summaries)
    grades: dict[str, int] = {}
    for s in summaries:
        grades[s.grade] = grades.get(s.grade, 0) + 1
    missing = sum(s.missing for s in summaries)
    reasons = sum(s.needs_reason for s in summaries)
    what = "部门整体支出" if table.kind == "department" else f"{len(summaries)} 个项目"
    print(f"已生成自评表 {out}：{what}，"
          + "，".join(f"{g} {n} 个" for g, n in grades.items())
          + f"；缺少实际完成值 {missing} 项，待说明偏差 {reasons} 条")
    return 1 if errors.count else 0


class SharedScores:
    """Each project's score made once for the check (``iter_check(…, score_of=…)``) and its summary
    kept (ScoreSummary); :meth:`summaries` gives every project's, in table order, scoring those the
    check did not ask for (a department's block, the self-evaluation rules turned off)."""

    def __init__(self, table: Any, profile: Any) -> None:
        self.table, self.profile = table, profile
        self._kept: dict[int, Any] = {}

    def __call__(self, project: Any, unit: Any) -> Any:
        """The score of a project of the table (scoring.score_project), its summary kept."""
        from perfgoals_xl.report.selfeval_layout import ScoreSummary
        from perfgoals_xl.scoring import score_project

        score = score_project(project, self.profile, unit)
        self._kept[id(project)] = ScoreSummary.of(score)
        return score

    def summaries(self) -> list[Any]:
        """Every score's summary, as ``[ScoreSummary.of(s) for s in iter_scores(table, profile)]``."""
        from perfgoals_xl.report.selfeval_layout import ScoreSummary
        from perfgoals_xl.scoring import iter_scores, score_project

        table = self.table
        if table.kind == "department" and table.plan is not None:
            return [ScoreSummary.of(s) for s in iter_scores(table, self.profile)]
        kept, out = self._kept, []
        for unit in table.units:
            for project in unit.projects:
                summary = kept.get(id(project))
                out.append(summary if summary is not None
                           else ScoreSummary.of(score_project(project, self.profile, unit)))
        self._kept = {}
        return out


class ErrorCount:
    """The self-evaluation errors (PG-E…, not accepted) among findings, counted as they pass."""

    def __init__(self) -> None:
        self.count = 0

    def counting(self, issues: Iterable[Any]) -> Iterator[Any]:
        """The issues, each counted as it passes."""
        for issue in issues:
            if issue.severity == "error" and not issue.suppressed and issue.code.startswith("PG-E"):
                self.count += 1
            yield issue
