"""The review round (审核轮次): compare two versions of a table and follow its findings.

:func:`diff_tables` / :func:`diff_files` give a :class:`~perfgoals_xl.review.model.TableDiff`
(projects and indicators added, removed, changed, renamed, moved; findings fixed, new, still
open); the sinks write it as text, JSON, CSV, an xlsx (修改对照 and 整改情况) and the 审核意见
letter (.docx).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from perfgoals_xl.model import PerfTable
    from perfgoals_xl.review.model import TableDiff
    from perfgoals_xl.rules.config import Config


#: PerfTable.kind → what a person calls it.
_KIND_NAMES = {"project": "项目支出绩效目标表", "department": "部门整体支出绩效目标表"}


def diff_tables(old: PerfTable, new: PerfTable, config: Config | None = None, *,
                old_file: str = "", new_file: str = "") -> TableDiff:
    """Compare two versions of a table and check both: changes and the findings delta.

    InputError when they are not the same kind of table (a department-wide table against a
    project table): their projects and indicators never match, and a comparison would only say
    that everything was deleted and added."""
    from perfgoals_xl.review.compare import compare_tables
    from perfgoals_xl.review.findings import findings_delta
    from perfgoals_xl.rules import check_table

    if old.kind != new.kind:
        from perfgoals_xl.errors import InputError

        raise InputError(new_file or "新版本", f"与原版本{f'（{old_file}）' if old_file else ''}不是同一类表：原版本是{_KIND_NAMES.get(old.kind, old.kind)}，"
                         f"新版本是{_KIND_NAMES.get(new.kind, new.kind)}，无法对比")
    diff, ids = compare_tables(old, new, old_file=old_file, new_file=new_file)
    diff.findings = findings_delta(ids, check_table(old, config), check_table(new, config))
    return diff


def diff_files(old: str | Path, new: str | Path, config: Config | None = None, *,
               old_layout: str | None = None, new_layout: str | None = None) -> TableDiff:
    """Read two files (any layouts) and compare them."""
    from perfgoals_xl.sources import read_table

    return diff_tables(read_table(old, layout=old_layout), read_table(new, layout=new_layout), config,
                       old_file=str(old), new_file=str(new))


__all__ = ["diff_files", "diff_tables"]
