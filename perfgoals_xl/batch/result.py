"""What converting one file produced: plain data that crosses process boundaries."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
#: Issue rows a file's result keeps at most for the summary's 问题汇总, which lists at most this
#: many rows of the whole batch, the most severe first, each severity in file order (so a file's
#: later rows could never be listed: ``worker.summary_rows``). The rest are only counted.
ISSUE_ROWS_KEPT = 20_000
_RANKS = {"error": 0, "warning": 1, "info": 2}


def issue_rank(severity: str) -> int:
    """The order in which the summary lists severities when it cannot list every issue."""
    return _RANKS.get(severity, 3)


@dataclass
class FileResult:
    """The outcome of one input: status, table figures, issue counts and written outputs."""

    path: str
    stem: str
    status: str = "ok"  # ok | failed
    error: str | None = None
    layout: str | None = None
    kind: str | None = None  # the kind of table (layout_names.TABLE_KINDS): targets, form, selfeval …
    department: str = ""
    units: int = 0
    projects: int = 0
    indicators: int = 0
    total: float | None = None  # 合计 总计 (万元)
    total_computed: bool = False  # no 合计 row in the source: total is the sum of the projects
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    suppressed: int = 0
    rules: dict[str, dict[str, int]] = field(default_factory=dict)  # code → severity → count
    rule_titles: dict[str, str] = field(default_factory=dict)  # code → slug/short title
    outputs: list[str] = field(default_factory=list)
    title_not_in_csv: bool = False  # its own title is not in its .data.csv (said once per run)
    #: its issues as the summary's rows (``worker.issue_row``), those it could list (``worker.summary_rows``)
    issues: list[dict] = field(default_factory=list)
    #: severity → issues not in ``issues`` (the summary could never list them)
    issues_left: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    internal: bool = False  # failed by an internal error (a bug; traceback in a log file)
    #: For the batch's combined dataset (batch/dataset.py): this file's indicators and issues,
    #: encoded in the worker (dropped once written), and a hash of the table's content.
    dataset_chunks: tuple | None = None
    fingerprint: str | None = None
    #: The earlier file of this batch with the same content (counted once), if any.
    duplicate_of: str | None = None
    #: What the data output (.data.csv / .data.xlsx) cannot keep exactly (sinks/losses.py), in Chinese.
    losses: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Could the file not be converted?"""
        return self.status != "ok"


# -- reading a result back from a run log (.perfgoals-run/results.jsonl) -----------------------
# The log is a file in the output folder: anyone may have edited it. A recorded result is taken
# only when every field has the type this program writes (a wrong one made the round crash).

_MAX_COUNT = 10**12


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _is_opt_str(v: object) -> bool:
    return v is None or isinstance(v, str)


def _is_count(v: object) -> bool:
    return type(v) is int and 0 <= v <= _MAX_COUNT


def _is_number(v: object, *, optional: bool = False) -> bool:
    import math

    if v is None:
        return optional
    return type(v) in (int, float) and math.isfinite(v)


def _is_bool(v: object) -> bool:
    return isinstance(v, bool)


def _is_str_list(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_counts(v: object) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and _is_count(n) for k, n in v.items())


_FIELD_CHECKS = {
    "path": _is_str, "stem": _is_str, "status": _is_str, "error": _is_opt_str, "layout": _is_opt_str,
    "kind": _is_opt_str, "department": _is_str, "units": _is_count, "projects": _is_count,
    "indicators": _is_count, "total": lambda v: _is_number(v, optional=True), "total_computed": _is_bool,
    "counts": _is_counts, "suppressed": _is_count, "issues_left": _is_counts,
    "rules": lambda v: isinstance(v, dict) and all(isinstance(k, str) and _is_counts(c) for k, c in v.items()),
    "rule_titles": lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(t, str)
                                                         for k, t in v.items()),
    "outputs": _is_str_list, "title_not_in_csv": _is_bool,
    "issues": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    "seconds": lambda v: _is_number(v) and v >= 0, "internal": _is_bool, "fingerprint": _is_opt_str,
    "duplicate_of": _is_opt_str, "losses": _is_str_list,
}
#: Fields never read back from a log (they do not outlive the worker).
_NOT_LOGGED = frozenset({"dataset_chunks"})


def result_from_record(payload: object) -> FileResult:
    """A FileResult from its logged form; ValueError when it is not one as this program writes it
    (not an object, a required field missing, any field of another type or out of range)."""
    if not isinstance(payload, dict):
        raise ValueError("not a result record")
    known = {k: v for k, v in payload.items() if k in _FIELD_CHECKS}
    bad = sorted(k for k, v in known.items() if not _FIELD_CHECKS[k](v))
    if bad or "path" not in known or "stem" not in known:
        raise ValueError(f"result record with unusable fields: {', '.join(bad) or 'path/stem missing'}")
    return FileResult(**known)
