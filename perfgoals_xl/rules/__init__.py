"""The checker: a registry of rules (PG-S01 … PG-K08), the issue record, configuration,
and the engine.

Public API::

    from perfgoals_xl.rules import check_table, Issue, load_config, RULES
    issues = check_table(table, load_config())   # list[Issue], in table order
"""

from __future__ import annotations

from perfgoals_xl.rules.base import PROFILES, Doc, Rule
from perfgoals_xl.rules.config import Accept, Config, ConfigError, load_config
from perfgoals_xl.rules.engine import check_table, check_tables, iter_check
from perfgoals_xl.rules.issue import (
    ISSUE_COLUMNS,
    SEVERITIES,
    Issue,
    IssueLocation,
    summarize,
    summary_line,
    summary_text,
)
from perfgoals_xl.rules.registry import RULES, get_rule

__all__ = [
    "ISSUE_COLUMNS",
    "PROFILES",
    "RULES",
    "SEVERITIES",
    "Accept",
    "Config",
    "ConfigError",
    "Doc",
    "Issue",
    "IssueLocation",
    "Rule",
    "check_table",
    "check_tables",
    "get_rule",
    "iter_check",
    "load_config",
    "summarize",
    "summary_line",
    "summary_text",
]
