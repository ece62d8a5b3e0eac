"""`convert --scheduler`: the same outputs from a real Dask cluster as from a local run.

The scheduler and the workers are started as processes of their own (``dask scheduler`` and
``dask worker``, bound to 127.0.0.1), as on a real cluster; the inputs and the output folder
are on the shared file system they all see.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parent.parent
DASK = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two one-thread workers on loopback; yields the scheduler's address."""
    if DASK is None:
        pytest.skip("the dask command is not installed")
    folder = tmp_path_factory.mktemp("cluster")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    scheduler_file = folder / "scheduler.json"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(scheduler_file)], cwd=folder, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
        for _ in range(2):
            procs.append(subprocess.Popen([DASK, "worker", address, "--nthreads", "1", "--no-dashboard",
                                           "--local-directory", str(folder)], cwd=folder, env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _inputs(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_folder  # type: ignore[import-not-found]

    folder = tmp_path / "in"
    folder.mkdir()
    write_folder(folder, 5, seed=5, projects=(2, 4))
    shutil.copy(ROOT / "examples" / "guangzhou_beijing_office_2024.txt", folder / "seed.txt")
    (folder / "broken.txt").write_text("这不是绩效目标表", encoding="utf-8")
    return folder


def _convert(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", "convert", *args, "-q"],
                          capture_output=True, text=True, encoding="utf-8", timeout=600)


def test_cluster_run_gives_the_same_outputs_as_a_local_run(cluster, tmp_path):
    folder = _inputs(tmp_path)
    local, remote = tmp_path / "local", tmp_path / "remote"
    one = _convert(str(folder), "-o", str(local), "-j", "1")
    two = _convert(str(folder), "-o", str(remote), "--scheduler", cluster)
    assert one.returncode == two.returncode == 1, two.stderr  # broken.txt fails in both
    assert "Traceback" not in two.stderr
    names = sorted(p.name for p in local.iterdir() if p.is_file())
    assert names == sorted(p.name for p in remote.iterdir() if p.is_file())
    for name in ("batch_indicators.csv", "batch_issues.csv"):
        a = pd.read_csv(local / name, dtype=str).fillna("")
        b = pd.read_csv(remote / name, dtype=str).fillna("")
        assert a.equals(b), name
    import openpyxl

    def files_sheet(path: Path) -> list[tuple]:
        ws = openpyxl.load_workbook(path / "summary.xlsx", read_only=True)["文件汇总"]
        return [row[:12] for row in ws.iter_rows(values_only=True)]

    assert files_sheet(local) == files_sheet(remote)
    # a re-run on the cluster reuses every unchanged result
    again = _convert(str(folder), "-o", str(remote), "--scheduler", cluster)
    assert "沿用上次结果：7 个文件" in again.stdout


def test_an_unreachable_scheduler_is_one_chinese_line(tmp_path):
    folder = _inputs(tmp_path)
    proc = _convert(str(folder), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 2
    assert "无法连接 Dask 调度器" in proc.stderr and "Traceback" not in proc.stderr
