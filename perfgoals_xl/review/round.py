"""One table in a review round: its findings (and, with an earlier version, the comparison)
gathered for the letter and the batch."""

from __future__ import annotations

from typing import Any

from perfgoals_xl.review.letter import LetterContent, letter_content
from perfgoals_xl.review.model import FindingStatus, TableDiff


def letter_from_diff(table: Any, diff: TableDiff, config: Any = None, *, file: str = "") -> LetterContent:
    """The letter of the new version of a comparison (fixed / open / new known)."""
    settings = getattr(config, "letter", None) or {}
    return letter_content(table, diff.findings.items, settings=settings, file=file or diff.new_file,
                          previous=diff.findings.counts(), previous_file=diff.old_file)


def letter_from_issues(table: Any, issues: list[Any], config: Any = None, *, file: str = "") -> LetterContent:
    """The letter of one table without an earlier round."""
    from perfgoals_xl.review.findings import finding

    settings = getattr(config, "letter", None) or {}
    items = [FindingStatus("new", finding(i)) for i in issues]
    return letter_content(table, items, settings=settings, file=file)


def letter_for(source: str, config: Any = None, *, previous: str | None = None,
               layout: str | None = None) -> LetterContent:
    """Read (and compare with the previous version) and gather the letter of one file."""
    from perfgoals_xl.rules import check_table
    from perfgoals_xl.sources import read_table

    table = read_table(source, layout=layout)
    if previous:
        from perfgoals_xl.review import diff_tables

        diff = diff_tables(read_table(previous), table, config, old_file=previous, new_file=source)
        return letter_from_diff(table, diff, config, file=source)
    return letter_from_issues(table, check_table(table, config), config, file=source)
