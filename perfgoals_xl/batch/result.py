"""What converting one file produced: plain data that crosses process boundaries."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class FileResult:
    """The outcome of one input: status, table figures, issue counts and written outputs."""

    path: str
    stem: str
    status: str = "ok"  # ok | failed
    error: str | None = None
    layout: str | None = None
    kind: str = "project"  # PerfTable.kind: project (项目支出) or department (部门整体)
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
    issues: list[dict] = field(default_factory=list)  # every issue as its issues-sheet row
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
