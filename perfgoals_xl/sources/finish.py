"""What every table as read goes through, whatever its reader (read_table, the live sheet)."""

from __future__ import annotations

from perfgoals_xl.limits import bound_table
from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.adjusted_values import apply_adjusted_values


def finish(table: PerfTable) -> PerfTable:
    """Out-of-range numbers become problems (limits.bound_table); a printed 调整指标值 is the year's
    target (sources/adjusted_values.py)."""
    return apply_adjusted_values(bound_table(table))
