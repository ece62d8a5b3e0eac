"""Faults while writing, exit codes and batches (issue #13, classes 5 and 6).

Simulated for real: a file-size limit (RLIMIT_FSIZE, as a full disk) in a subprocess, a slow
file against ``--timeout``, a memory cap in a worker, SIGKILL of the main process, an
unreadable input among good ones, a symlink loop under a recursive glob.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfgoals_xl import cli
from perfgoals_xl.crash import EXIT_INTERNAL

SEED = Path(__file__).resolve().parents[1] / "examples" / "guangzhou_beijing_office_2024.txt"


def run(*args: str, fsize: int | None = None, env: dict | None = None, timeout: float = 180,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit, cwd=cwd,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})})


def _slow_copy(path: Path, repeats: int) -> Path:
    """The seed with its projects repeated: a real table that takes seconds to convert."""
    seed = SEED.read_text(encoding="utf-8")
    start = seed.index("    驻京工作保障")
    block = seed[start:]
    path.write_text(seed[:start] + "".join(block.replace("    ", f"    第{i}批", 1) for i in range(repeats)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["import", "{seed}", "-o", "{out}/x.xlsx"],
    ["import", "{seed}", "-o", "{out}/x.json"],
    ["import", "{seed}", "-o", "{out}/x.csv"],
    ["report", "{seed}", "-o", "{out}/r.xlsx"],
    ["convert", "{seed}", "-o", "{out}/batch"],
])
def test_disk_full_while_writing_is_one_line_exit_2_and_nothing_left(tmp_path, command):
    args = [a.format(seed=SEED, out=tmp_path) for a in command]
    proc = run(*args, fsize=3000)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert "内部错误" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and "无法写入" in errors[0] and "文件超过系统允许的大小" in errors[0]
    target = Path(args[-1])
    assert target.name in errors[0] or "summary.xlsx" in errors[0]
    # nothing half-written is left; convert may have finished its combined dataset before the
    # summary failed (complete files, written atomically), and keeps its run log (whole lines
    # only: what a re-run continues from, batch/state.py)
    log = [p for p in tmp_path.rglob("results.jsonl")]
    assert all(p.read_bytes().endswith(b"\n") or not p.read_bytes() for p in log)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("batch_")
                 and ".perfgoals-run" not in p.parts]
    assert leftovers == [], leftovers
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]


def test_an_internal_error_exits_3_with_a_log(tmp_path, monkeypatch, capsys):
    from perfgoals_xl.commands import rules as rules_command

    def bug(args):  # a bug, as a command would meet one
        raise KeyError("boom")

    monkeypatch.setattr(rules_command, "run", bug)
    monkeypatch.setenv("PERFGOALS_LOG_DIR", str(tmp_path))
    assert cli.main(["rules"]) == EXIT_INTERNAL == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "内部错误" in err[0] and "维护者" in err[0]
    logs = list(tmp_path.glob("perfgoals-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err[0]
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'boom'" in text


def test_a_slow_file_fails_alone_and_the_summary_is_written(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_bytes(SEED.read_bytes())
    _slow_copy(src / "slow.txt", 1500)
    out = tmp_path / "out"
    started = time.monotonic()
    proc = run("convert", str(src), "-o", str(out), "--jobs", "2", "--timeout", "4", "-q")
    assert time.monotonic() - started < 120
    assert proc.returncode == 1, proc.stderr
    assert "slow.txt" in proc.stderr and "处理超过 4 秒" in proc.stderr
    assert "完成 3/4 个文件" in proc.stdout
    assert (out / "summary.xlsx").exists()
    assert sorted(p.name for p in out.glob("*.report.xlsx")) == ["a_txt.report.xlsx", "b_txt.report.xlsx",
                                                                  "c_txt.report.xlsx"]


def test_the_worker_memory_cap_is_real(tmp_path):
    code = ("from perfgoals_xl.batch.guard import init_worker\n"
            "init_worker(1200)\n"
            "try:\n    data = bytearray(1500 * 2**20)\nexcept MemoryError:\n    print('capped')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "capped", proc.stderr


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the worker processes")
def test_workers_exit_when_the_main_process_is_killed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        _slow_copy(src / f"s{n}.txt", 800)
    proc = subprocess.Popen([sys.executable, "-m", "perfgoals_xl", "convert", str(src), "-o", str(tmp_path / "out"),
                             "--jobs", "2", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(1.0)
        proc.kill()  # SIGKILL: nothing in the main process can react
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers) \
                and time.monotonic() < deadline:
            time.sleep(0.2)
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
        assert alive == [], f"workers still running after the main process was killed: {alive}"
    finally:
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)
        proc.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_check_goes_on_after_an_unreadable_input(tmp_path):
    # /proc/self/mem exists and is a file, but reading it fails (EIO): an OSError, not an InputError
    proc = run("check", "/proc/self/mem", str(SEED))
    assert proc.returncode == 2, proc.stderr
    assert "/proc/self/mem" in proc.stderr and "Traceback" not in proc.stderr
    assert "驻京工作保障" in proc.stdout or "PG-" in proc.stdout  # the seed was checked


def test_recursive_globs_do_not_follow_symlinked_folders(tmp_path):
    root = tmp_path / "tables"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_bytes(SEED.read_bytes())
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "loop2").symlink_to(root / "sub", target_is_directory=True)
    started = time.monotonic()
    proc = run("convert", f"{root}/**/*.txt", "-o", str(tmp_path / "out"), "--jobs", "1", "-q", timeout=60)
    assert time.monotonic() - started < 60
    assert proc.returncode in (0, 1), proc.stderr
    assert "完成 1/1 个文件" in proc.stdout


def test_import_never_overwrites_its_own_input(tmp_path):
    src = tmp_path / "t.json"
    assert cli.main(["import", str(SEED), "-o", str(src)]) == 0
    before = src.read_bytes()
    proc = run("import", str(src), "-o", str(src), "--force")
    assert proc.returncode == 2 and "不能与输入文件相同" in proc.stderr
    assert src.read_bytes() == before


def test_a_file_failing_after_its_report_leaves_no_half_of_its_outputs(tmp_path):
    """A failure after the report was written (here the data file's name is taken by a folder; in a
    loaded run, the time limit striking while the data is written) removes what that attempt wrote."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    (out / "a_txt.data.csv").mkdir(parents=True)
    proc = run("convert", str(src), "-o", str(out), "--force", "-q")
    assert proc.returncode == 1, proc.stderr
    assert "a_txt.data.csv" in proc.stderr
    assert not list(out.glob("a_txt.report.xlsx")) and not list(out.glob("a_txt.issues.csv"))
    assert (out / "a_txt.data.csv").is_dir() and (out / "summary.xlsx").exists()  # the folder is left as it was
