"""convert remembers what it converted (OUTDIR/.perfgoals-run, batch/state.py): a re-run
converts only new or changed files, a killed run continues where it stopped, and the summary
and the combined dataset are rebuilt from every file's result, the same as a fresh run's."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from perfgoals_xl.batch.inputs import expand_inputs
from perfgoals_xl.batch.runner import run_batch
from perfgoals_xl.batch.worker import ConvertOptions

ROOT = Path(__file__).resolve().parent.parent


def _folder(tmp_path: Path, files: int = 4) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_folder  # type: ignore[import-not-found]

    folder = tmp_path / "in"
    folder.mkdir()
    write_folder(folder, files, seed=11, projects=(2, 4))
    return folder


def _run(folder: Path, out: Path, **options) -> tuple[object, list[str]]:
    converted: list[str] = []
    report = run_batch(expand_inputs([str(folder)]), out, ConvertOptions(**options), jobs=1,
                       on_result=lambda r: converted.append(Path(r.path).name))
    return report, converted


def _dataset(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "batch_indicators.csv", dtype=str).fillna("")


def test_rerun_converts_only_new_or_changed_files(tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    first, converted = _run(folder, out)
    assert len(converted) == 4 and first.reused == 0
    again, converted = _run(folder, out)
    assert converted == [] and again.reused == 4
    assert _dataset(out).equals(_dataset(out))  # rebuilt, still readable
    changed = sorted(folder.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("满意度", "满意率", 1), encoding="utf-8")
    shutil.copy(changed, folder / "zz_new.txt")
    third, converted = _run(folder, out)
    assert sorted(converted) == sorted([changed.name, "zz_new.txt"]) and third.reused == 3
    fresh = tmp_path / "fresh"
    _run(folder, fresh)
    assert _dataset(out).drop(columns=["文件"]).equals(_dataset(fresh).drop(columns=["文件"]))
    assert [r.path for r in third.results] == [r.path for r in run_batch(
        expand_inputs([str(folder)]), tmp_path / "fresh2", ConvertOptions(), jobs=1).results]


def test_a_removed_input_leaves_summary_and_dataset(tmp_path):
    folder = _folder(tmp_path, 3)
    out = tmp_path / "out"
    _run(folder, out)
    gone = sorted(folder.iterdir())[0]
    gone.unlink()
    report, converted = _run(folder, out)
    assert converted == [] and len(report.results) == 2
    assert gone.name not in set(_dataset(out)["文件"].map(lambda p: Path(p).name))
    assert not any(gone.stem in p.name for p in (out / ".perfgoals-run" / "parts").iterdir())


def test_other_settings_or_missing_outputs_convert_again(tmp_path):
    folder = _folder(tmp_path, 2)
    out = tmp_path / "out"
    _run(folder, out)
    _, converted = _run(folder, out, headers="en")  # other settings: every result is redone
    assert len(converted) == 2
    next(out.glob("*.report.xlsx")).unlink()  # an output gone: that file is redone
    _, converted = _run(folder, out, headers="en")
    assert len(converted) == 1
    _, converted = _run(folder, out, headers="en", force=True)  # --force redoes all
    assert len(converted) == 2


def test_a_killed_run_continues_where_it_stopped(tmp_path):
    folder = _folder(tmp_path, 40)  # enough files that the kill falls while they are converted
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "perfgoals_xl", "convert", str(folder), "-o", str(out), "-q", "-j", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = out / ".perfgoals-run" / "results.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if log.exists() and log.read_bytes().count(b"\n") >= 2:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be killed (machine too fast for this check)")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = log.read_bytes().count(b"\n")
    assert 2 <= done_before < 40
    assert not (out / "summary.xlsx").exists()
    rerun = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    assert rerun.returncode in (0, 1), rerun.stderr
    assert f"沿用上次结果：{done_before} 个文件" in rerun.stdout
    fresh = tmp_path / "fresh"
    _run(folder, fresh)
    assert _dataset(out).drop(columns=["文件"]).equals(_dataset(fresh).drop(columns=["文件"]))
    assert (out / "summary.xlsx").exists()


def test_a_result_with_many_issues_is_logged_piece_by_piece_as_json_dumps_would(tmp_path, monkeypatch):
    """A large file's result (its issue rows) is encoded into the log piece by piece: the same
    line as json.dumps, read back equal."""
    import json

    from perfgoals_xl.batch import state as state_module
    from perfgoals_xl.batch.result import FileResult
    from perfgoals_xl.batch.state import RunState, result_payload

    monkeypatch.setattr(state_module, "_ONE_SHOT_ISSUES", 0)
    monkeypatch.setattr(state_module, "_CHUNK", 64)  # many pieces
    issues = [{"code": f"PG-A{i:02d}", "message": "金额“不符”\n第二行", "severity": "error", "line": i}
              for i in range(50)]
    result = FileResult(path="a.txt", stem="a_txt", issues=issues, total=1.5, counts={"error": 50})
    state = RunState(tmp_path, "s")
    state.record("a_txt", "h", result)
    state.record("b_txt", "h2", FileResult(path="b.txt", stem="b_txt"))
    state.close()
    lines = (tmp_path / ".perfgoals-run" / "results.jsonl").read_bytes().splitlines(keepends=True)
    payload = {name: getattr(result, name) for name in state_module._RESULT_FIELDS}  # as the log orders it
    assert lines[0] == (json.dumps({"stem": "a_txt", "hash": "h", "result": payload},
                                   ensure_ascii=False) + "\n").encode("utf-8")
    again = RunState(tmp_path, "s")
    assert result_payload(again.result_of("a_txt")) == result_payload(result)
    assert again.result_of("b_txt").path == "b.txt"
    again.close()


def test_the_dataset_merge_reads_each_results_head_alike_recorded_or_reloaded(tmp_path):
    """What the merge asks of a result (path, failed, fingerprint) is kept when it is recorded and
    when an earlier run's log is read, equal to the full result's."""
    from perfgoals_xl.batch.runner import run_settings
    from perfgoals_xl.batch.state import RunState

    folder = _folder(tmp_path, files=2)
    out = tmp_path / "out"
    report, _ = _run(folder, out)
    state = RunState(out, run_settings(ConvertOptions()))
    assert state.reusable and len(report.results) == 2
    for result in report.results:
        assert result.fingerprint and not result.failed
        assert state.dataset_head(result.stem) == (False, bytes.fromhex(result.fingerprint))
    assert state.dataset_head("no_such_file") is None
    state.close()


def test_a_large_result_is_parsed_once_for_every_walk(tmp_path, monkeypatch):
    """The summary walks the results about 20 times: a large result (its issue rows) is read from
    the log once and the same result given again, also after the log is compacted."""
    from perfgoals_xl.batch import state as state_module
    from perfgoals_xl.batch.result import FileResult
    from perfgoals_xl.batch.state import RunState, result_payload

    monkeypatch.setattr(state_module, "_ONE_SHOT_ISSUES", 2)
    big = FileResult(path="a.txt", stem="a", issues=[{"code": f"PG-A0{i}", "severity": "info"} for i in range(3)])
    small = FileResult(path="b.txt", stem="b", issues=[{"code": "PG-A01", "severity": "error"}])
    state = RunState(tmp_path, "s")
    state.record("a", "h", big)
    state.record("b", "h", small)
    first = list(state.results(["a", "b"]))
    again = list(state.results(["a", "b"]))
    assert first[0] is again[0] and first[1] is not again[1]  # only the large one kept
    assert [result_payload(r) for r in again] == [result_payload(big), result_payload(small)]
    state.compact(["b", "a"])  # new offsets
    assert [r.path for r in state.results(["b", "a"])] == ["b.txt", "a.txt"]
    assert result_payload(state.result_of("a")) == result_payload(big)
    state.close()


def test_a_tampered_result_line_has_no_head_and_no_crash(tmp_path):
    """A logged result without its path (or with a field of another type) gives the dataset merge
    nothing, as reading it gives no result (the file is converted again)."""
    import json

    from perfgoals_xl.batch.state import RunState

    state = RunState(tmp_path, "s")
    state.close()
    log = tmp_path / ".perfgoals-run" / "results.jsonl"
    log.write_text(json.dumps({"stem": "a", "hash": "h", "result": {"stem": "a", "issues": 3}}) + "\n",
                   encoding="utf-8")
    again = RunState(tmp_path, "s")
    assert again.remembered("a") == "h"
    assert again.dataset_head("a") is None and again.result_of("a") is None
    again.close()
