"""`convert --scheduler tcp://HOST:PORT`: the per-file work on an existing Dask distributed cluster.

Each file is one task, ``convert_one(item, outdir, options)`` — the same function a local
worker process runs — so a cluster produces the same outputs as a local run. The files go to
the workers as paths: the inputs and the output folder must be on a file system every worker
sees at the same path (docs/cluster.md). Results stream back as tasks finish and are written
to the run's log by the caller (``done``), so the client holds only the tasks in flight (at most
four per worker thread). A task whose worker dies is resubmitted once under a new key; when it
fails again the file is listed as failed and the run goes on. The progress bar counts files done
on the cluster.

``distributed`` is an optional dependency (``pip install "perfgoals-xl[cluster]"``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from perfgoals_xl.batch.inputs import BatchInput
from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.batch.worker import ConvertOptions, convert_one
from perfgoals_xl.errors import OutputError

#: Seconds to wait for the scheduler to answer before saying it cannot be reached.
CONNECT_TIMEOUT = 20


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise OutputError('使用 --scheduler 需要安装 Dask distributed：pip install "perfgoals-xl[cluster]"') from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise OutputError(f"无法连接 Dask 调度器 {address}（{type(exc).__name__}）：请确认 dask scheduler 已启动、地址和端口正确") from None


def _lost_worker(exc: BaseException) -> bool:
    """Did the task fail because its worker died (not because of the file)?"""
    name = type(exc).__name__
    return name in ("KilledWorker", "CommClosedError", "FutureCancelledError", "CancelledError") \
        or isinstance(exc, OSError | EOFError)


def _died_twice(item: BatchInput, exc: BaseException) -> FileResult:
    return FileResult(path=str(item.path), stem=item.stem, status="failed",
                      error=f"{item.path}：集群中处理该文件的工作进程两次意外退出（{type(exc).__name__}），可单独重试")


def run_on_cluster(todo: list[tuple[int, BatchInput]], outdir: Path,
                   options_for: Callable[[BatchInput], ConvertOptions], address: str,
                   done: Callable[[int, FileResult], None]) -> None:
    """Convert ``todo`` on the cluster at ``address``, calling ``done(index, result)`` as each
    file finishes (in any order)."""
    from distributed import as_completed

    client = _client(address)
    try:
        threads = max(1, sum((client.nthreads() or {1: 1}).values()))
        in_flight = threads * 4
        queue = list(reversed(todo))
        tries: dict[int, int] = {}
        futures: dict[Any, int] = {}
        items = dict(todo)
        completed: Any = None  # made with the first tasks (without any it asks for a default client)

        def submit(index: int) -> None:
            item = items[index]
            tries[index] = tries.get(index, 0) + 1
            future = client.submit(convert_one, item, outdir.resolve(), options_for(item), pure=False,
                                   key=f"perfgoals-{index}-{tries[index]}-{item.stem}"[:200])
            futures[future] = index
            if completed is not None:
                completed.add(future)

        while queue and len(futures) < in_flight:
            submit(queue.pop()[0])
        if not futures:
            return
        completed = as_completed(list(futures), loop=client.loop)
        for future in completed:
            index = futures.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker or a task error: the file fails alone
                if _lost_worker(exc) and tries[index] < 2:
                    submit(index)
                    continue
                result = _died_twice(items[index], exc) if _lost_worker(exc) else FileResult(
                    path=str(items[index].path), stem=items[index].stem, status="failed",
                    error=f"{items[index].path}：在集群上转换失败（{type(exc).__name__}）")
            finally:
                with contextlib.suppress(Exception):
                    future.release()
            done(index, result)
            while queue and len(futures) < in_flight:
                submit(queue.pop()[0])
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            client.cancel(list(futures))
        raise
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=10)
