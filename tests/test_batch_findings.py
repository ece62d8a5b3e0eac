"""A file's findings spooled for its several outputs (batch/findings.py), and the summary's issue
rows a result keeps (the first ISSUE_ROWS_KEPT of each severity: all that 问题汇总 can list)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.batch.findings import FindingsSpool
from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.batch.summary import _listed_issues
from perfgoals_xl.batch.worker import summary_rows
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "guangzhou_beijing_office_2024.txt"


def _findings() -> list:
    issues = check_table(read_table(SEED))
    assert len(issues) > 20
    return issues


def test_a_few_findings_stay_in_memory():
    issues = _findings()
    with FindingsSpool(memory_limit=len(issues)) as spool:
        for issue in issues:
            spool.add(issue)
        assert not spool.on_disk and len(spool) == len(issues)
        assert list(spool) == issues and list(spool) == issues  # walked again from the first


def test_many_findings_go_to_a_file_and_come_back_equal_in_order():
    issues = _findings()
    with FindingsSpool(memory_limit=5, batch=3) as spool:
        for n, issue in enumerate(issues):
            spool.add(issue)
            if n == 10:
                assert spool.on_disk
                assert list(spool) == issues[:11]  # a walk while findings are still coming
        assert len(spool) == len(issues)
        assert list(spool) == issues
        first, second = iter(spool), iter(spool)  # two walks interleaved keep their own places
        pairs = list(zip(first, second, strict=True))
        assert [a for a, _ in pairs] == [b for _, b in pairs] == issues
    assert list(spool) == []  # closed: its file removed, nothing kept


class _Issue:
    """What summary_rows reads of a finding (its severity, and to_row through issue_row)."""

    def __init__(self, n: int, severity: str) -> None:
        self.n, self.severity = n, severity

    def to_row(self) -> dict:
        return {"severity": self.severity, "message": f"问题{self.n}", "sheet": None, "code": "PG-X"}


@settings(max_examples=80, deadline=None)
@given(files=st.lists(st.lists(st.sampled_from(["error", "warning", "info", "other", "x"]), max_size=25),
                      min_size=1, max_size=4),
       limit=st.integers(1, 12), counted=st.booleans())
def test_the_summary_lists_the_same_rows_from_cut_results(files, limit, counted):
    """A result keeps only the rows 问题汇总 could list (at most ``limit`` when the file's counts
    are known, else the first ``limit`` of each severity) and counts the rest: 问题汇总 lists
    exactly the rows it listed from every row, and says the same number left out."""
    from collections import Counter

    full, cut = [], []
    for f, severities in enumerate(files):
        issues = [_Issue(n, s) for n, s in enumerate(severities)]
        every, _ = summary_rows(issues, limit=len(issues) + 1)
        kept, left = summary_rows(issues, limit=limit, counts=dict(Counter(severities)) if counted else None)
        assert len(kept) + sum(left.values()) == len(every)
        if counted:
            assert len(kept) <= limit
        full.append(FileResult(path=f"f{f}", stem=f"f{f}", issues=every))
        cut.append(FileResult(path=f"f{f}", stem=f"f{f}", issues=kept, issues_left=left))
    listed, left_out = _listed_issues(full, limit)
    listed_cut, left_out_cut = _listed_issues(cut, limit)
    assert [(r.path, i) for r, i in listed] == [(r.path, i) for r, i in listed_cut]
    assert left_out == left_out_cut


def test_a_large_file_s_path_gives_the_same_outputs(tmp_path, monkeypatch):
    """The path of a large file (findings on disk, caches emptied between phases, the model
    dropped before the findings-only outputs, the Arrow stream encoded after it) writes the same
    CSVs, data, dataset and counts as a small file's."""
    import shutil

    import pyarrow.parquet as pq

    from perfgoals_xl.batch import findings, worker
    from perfgoals_xl.batch.inputs import expand_inputs
    from perfgoals_xl.batch.runner import run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    small = run_batch(expand_inputs([str(folder)]), tmp_path / "small", worker.ConvertOptions(), jobs=1)
    monkeypatch.setattr(worker, "IN_MEMORY_ROWS", 3)
    monkeypatch.setattr(findings, "MEMORY_LIMIT", 4)
    spools: list = []
    monkeypatch.setattr(findings.FindingsSpool, "close", lambda self: spools.append(self.on_disk))
    large = run_batch(expand_inputs([str(folder)]), tmp_path / "large", worker.ConvertOptions(), jobs=1)
    assert spools == [True]  # the findings went to the temporary file
    (a,), (b,) = list(small.results), list(large.results)
    assert a.indicators > 3 and a.counts == b.counts and a.rules == b.rules and a.fingerprint == b.fingerprint
    assert a.issues == b.issues and [Path(p).name for p in a.outputs] == [Path(p).name for p in b.outputs]
    for name in ("a_txt.issues.csv", "a_txt.data.csv", "batch_indicators.csv", "batch_issues.csv"):
        assert (tmp_path / "small" / name).read_bytes() == (tmp_path / "large" / name).read_bytes(), name
    for name in ("batch_indicators.parquet", "batch_issues.parquet"):
        assert pq.read_table(tmp_path / "small" / name).equals(pq.read_table(tmp_path / "large" / name))
