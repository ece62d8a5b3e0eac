"""pandas DataFrames of the public API: a table's indicators (long format) and a list of issues."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def table_dataframe(table: Any):  # -> pandas.DataFrame (pandas imported lazily)
    """One row per indicator of a PerfTable, every field (the long format's columns, COLUMNS keys)."""
    from perfgoals_xl.sinks.longform import to_dataframe

    return to_dataframe(table)


def issues_dataframe(issues: Iterable[Any]):  # -> pandas.DataFrame (pandas imported lazily)
    """One row per issue, columns ISSUE_COLUMNS' keys (file, project, seq, code, severity,
    message, hint …), in the order given; an empty frame still has every column."""
    import pandas as pd

    from perfgoals_xl.rules.issue import ISSUE_COLUMNS

    return pd.DataFrame([issue.to_row() for issue in issues], columns=list(ISSUE_COLUMNS))
