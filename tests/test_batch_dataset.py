"""One combined dataset per batch (batch_indicators / batch_issues as CSV and Parquet): every
indicator and issue of every file with its file and department, in one pandas call; the same
table met twice in a batch is flagged and counted once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from perfgoals_xl.batch.dataset import fingerprint
from perfgoals_xl.batch.inputs import expand_inputs
from perfgoals_xl.batch.runner import run_batch
from perfgoals_xl.batch.worker import ConvertOptions
from perfgoals_xl.sinks.longform import rows
from perfgoals_xl.sources import read_table

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """Two different tables and a copy of one under another name."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_folder  # type: ignore[import-not-found]

    folder = tmp_path_factory.mktemp("batch")
    write_folder(folder, 1, seed=3, projects=(3, 5))
    shutil.copy(ROOT / "examples" / "guangzhou_beijing_office_2024.txt", folder / "a_seed.txt")
    shutil.copy(folder / "a_seed.txt", folder / "z_same_table.txt")
    return folder


@pytest.fixture(scope="module")
def converted(batch, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    report = run_batch(expand_inputs([str(batch)]), out, ConvertOptions(headers="en"), jobs=2)
    return report, out


def test_indicators_of_every_file_once(converted, batch):
    report, out = converted
    frame = pd.read_csv(out / "batch_indicators.csv")
    seed = read_table(batch / "a_seed.txt")
    generated = read_table(batch / "dept_0000.txt")
    assert len(frame) == len(seed.indicators()) + len(generated.indicators())
    assert set(frame["department"]) == {seed.department, generated.department}
    # files relative to the folder given, named from its own name (issue 22: no absolute paths)
    assert frame.groupby("file").size().to_dict() == {
        f"{batch.name}/a_seed.txt": 27, f"{batch.name}/dept_0000.txt": len(generated.indicators())}
    assert set(frame["source"]) == {f"{batch.name}/a_seed.txt", f"{batch.name}/dept_0000.txt"}
    assert all(r.dataset_chunks is None for r in report.results)  # written, memory freed


def test_issues_with_file_and_department(converted):
    report, out = converted
    issues = pd.read_csv(out / "batch_issues.csv")
    counted = [r for r in report.results if not r.duplicate_of]
    assert len(issues) == sum(len(r.issues) for r in counted)
    assert issues["department"].notna().all() and issues["code"].str.startswith("PG-").all()


def test_the_same_table_twice_is_flagged_and_counted_once(converted, batch, tmp_path):
    report, out = converted
    assert [(Path(r.path).name, Path(r.duplicate_of).name) for r in report.duplicates] == [
        ("z_same_table.txt", "a_seed.txt")]
    import openpyxl

    ws = openpyxl.load_workbook(out / "summary.xlsx")["文件汇总"]
    notes = [ws.cell(r, 13).value or "" for r in range(2, ws.max_row + 1)]
    assert sum("内容相同（重复，只计一次）" in n for n in notes) == 1
    a, b = (read_table(batch / n) for n in ("a_seed.txt", "z_same_table.txt"))
    assert fingerprint(rows(a, amount_rows=True)) == fingerprint(rows(b, amount_rows=True))
    b.projects()[0].goal += "。"
    assert fingerprint(rows(a, amount_rows=True)) != fingerprint(rows(b, amount_rows=True))


def test_parquet_has_the_same_rows_and_numeric_types(converted):
    _, out = converted
    for name in ("batch_indicators", "batch_issues"):
        csv_frame = pd.read_csv(out / f"{name}.csv")
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert parquet.shape == csv_frame.shape and list(parquet.columns) == list(csv_frame.columns)
    indicators = pd.read_parquet(out / "batch_indicators.parquet")
    assert indicators["total"].dtype == "float64" and indicators["seq"].dtype == "int64"
    assert indicators["annual_number"].notna().any()


def test_the_csv_holds_the_values_as_they_are_for_pandas(converted):
    """No CSV formula guard in the analysts' dataset: the CSV reads as the Parquet file does
    (the seed's 指标值 operators include a lone "=", which the guard wrote as "'=")."""
    _, out = converted
    csv_frame = pd.read_csv(out / "batch_indicators.csv", dtype=str, keep_default_na=False)
    assert "=" in set(csv_frame["period_operator"]) | set(csv_frame["annual_operator"])
    assert not [v for col in csv_frame for v in csv_frame[col] if v.startswith("'")]
    parquet = pd.read_parquet(out / "batch_indicators.parquet")
    for col in ("project", "name", "period_operator", "annual_value"):
        assert csv_frame[col].tolist() == parquet[col].fillna("").tolist()


def test_cli_chinese_headers_and_says_where(batch, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "convert", str(batch), "-o", str(out), "-q"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode in (0, 1), proc.stderr
    assert "合并数据集" in proc.stdout and "batch_indicators.csv" in proc.stdout
    assert "重复：" in proc.stdout and "z_same_table.txt" in proc.stdout
    header = pd.read_csv(out / "batch_indicators.csv").columns.tolist()
    assert header[:2] == ["文件", "部门名称"] and {"资金使用单位", "项目名称", "年度指标值"} <= set(header)
    # A folder holding a dataset that no earlier run of ours wrote is not overwritten
    # (a re-run in a run's own folder is incremental: tests/test_incremental.py).
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "batch_indicators.csv").write_text("mine", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "convert", str(batch), "-o", str(stray), "-q"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and "已存在" in proc.stderr  # the datasets are outputs like any other
    assert (stray / "batch_indicators.csv").read_text(encoding="utf-8") == "mine"


def test_parts_written_to_files_equal_the_parts_in_memory(batch, tmp_path, monkeypatch):
    """A local worker encodes a file's dataset parts straight into files (PartFiles, the Arrow
    stream in record batches); a cluster's worker hands them back in memory (Chunk): the same
    CSV text and equal Arrow tables."""
    import pyarrow as pa

    from perfgoals_xl.batch import dataset
    from perfgoals_xl.rules import check_table

    monkeypatch.setattr(dataset, "ARROW_BATCH_ROWS", 7)  # several batches for these few rows
    table = read_table(batch / "a_seed.txt")
    issues = check_table(table)
    digest, *memory = dataset.file_chunks("a_seed.txt", table, issues)
    digest2, *files = dataset.file_chunks("a_seed.txt", table, issues, to=str(tmp_path / "a_seed"))
    assert digest == digest2
    for chunk, part in zip(memory, files, strict=True):
        assert isinstance(part, dataset.PartFiles) and part.rows == chunk.rows > 7
        assert Path(part.csv).read_bytes() == chunk.csv.encode("utf-8")  # what the log wrote of a Chunk
        on_disk = pa.ipc.open_stream(pa.memory_map(part.arrow)).read_all()
        assert on_disk.num_rows == chunk.rows and on_disk.to_batches()[0].num_rows == 7
        assert on_disk.equals(pa.ipc.open_stream(chunk.arrow).read_all())


def test_a_failed_encoding_leaves_no_part_file(batch, tmp_path, monkeypatch):
    from perfgoals_xl.batch import dataset

    def broken(*args, **kwargs):
        raise OSError("disk full")

    table = read_table(batch / "a_seed.txt")
    monkeypatch.setattr(dataset, "_arrays", broken)  # after the indicators' CSV is written
    with pytest.raises(OSError):
        dataset.file_chunks("a_seed.txt", table, [], to=str(tmp_path / "a_seed"))
    assert not list(tmp_path.iterdir())


def test_the_run_moves_the_workers_part_files_into_its_state(converted):
    from perfgoals_xl.batch.state import STATE_DIR

    report, out = converted
    state = out / STATE_DIR
    assert not list((state / "incoming").iterdir())  # every worker's files moved into parts/
    for r in report.results:
        assert all((state / "parts" / f"{r.stem}.{name}").exists()
                   for name in ("indicators.csv", "indicators.arrow", "issues.csv", "issues.arrow"))


def test_small_batches_and_row_groups_give_the_same_parquet(converted, batch, tmp_path, monkeypatch):
    """Parts encoded in record batches and merged a few batches at a time (row groups of at most
    PARQUET_GROUP_ROWS): the same Parquet table as with one batch and one group per file."""
    import pyarrow.parquet as pq

    from perfgoals_xl.batch import dataset

    monkeypatch.setattr(dataset, "ARROW_BATCH_ROWS", 3)
    monkeypatch.setattr(dataset, "PARQUET_GROUP_ROWS", 10)
    run_batch(expand_inputs([str(batch)]), tmp_path, ConvertOptions(headers="en"), jobs=1)
    _, out = converted
    for name in ("batch_indicators", "batch_issues"):
        small = pq.read_table(tmp_path / f"{name}.parquet")
        assert pq.ParquetFile(tmp_path / f"{name}.parquet").metadata.num_row_groups > 2
        assert small.equals(pq.read_table(out / f"{name}.parquet"))


def test_the_files_rows_share_row_groups_across_files(tmp_path):
    """Small files' rows are gathered into shared row groups (not a group per file: the writer
    keeps every group's metadata until it closes, ~50 KiB a file at the end of a large run); a
    group closes at PARQUET_GROUP_ROWS rows or PARQUET_GROUP_BYTES, and every row is written."""
    import pyarrow.parquet as pq

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_folder  # type: ignore[import-not-found]

    folder = tmp_path / "in"
    write_folder(folder, 12, seed=5, projects=(3, 4))
    out = tmp_path / "out"
    report = run_batch(expand_inputs([str(folder)]), out, ConvertOptions(headers="en"), jobs=1)
    assert len(report.results) == 12 and not report.failed
    for name in ("batch_indicators", "batch_issues"):
        meta = pq.ParquetFile(out / f"{name}.parquet").metadata
        assert meta.num_row_groups == 1  # twelve files, one group
        assert meta.num_rows == len(pd.read_csv(out / f"{name}.csv")) > 12


def test_a_row_group_closes_at_its_byte_budget(converted, batch, tmp_path, monkeypatch):
    """PARQUET_GROUP_BYTES bounds the rows gathered for one group (wide rows make small groups)."""
    import pyarrow.parquet as pq

    from perfgoals_xl.batch import dataset

    monkeypatch.setattr(dataset, "PARQUET_GROUP_BYTES", 1)
    run_batch(expand_inputs([str(batch)]), tmp_path, ConvertOptions(headers="en"), jobs=1)
    _, out = converted
    indicators = pq.ParquetFile(tmp_path / "batch_indicators.parquet")
    assert indicators.metadata.num_row_groups > 1  # a record batch a group
    assert pq.read_table(tmp_path / "batch_indicators.parquet").equals(pq.read_table(out / "batch_indicators.parquet"))


def test_the_fingerprint_is_the_hash_of_the_whole_columns_repr(batch, monkeypatch):
    """The indicators' part is encoded a few rows at a time and the fingerprint hashed from
    per-column spools (in memory, then temporary files): the same SHA-1 as ``repr`` of the whole
    list of content columns, then the other rows' fingerprint (what it was when every column
    was in memory) — and the same parts as in one batch."""
    import hashlib

    from perfgoals_xl.batch import dataset
    from perfgoals_xl.sinks.longform import COLUMNS, FORM_COLUMNS, SELFEVAL_COLUMNS

    table = read_table(batch / "a_seed.txt")
    keys = list(dict.fromkeys((*COLUMNS, *SELFEVAL_COLUMNS, *FORM_COLUMNS)))
    all_rows = rows(table, amount_rows=True)
    kept = [r for r in all_rows if r.get("project") or r.get("table_kind")]
    content = [[r.get(k) for r in kept] for k in keys if k not in dataset._PLACE_KEYS]
    content.append([table.kind] * len(kept))
    content.append(fingerprint([r for r in all_rows if not r.get("project")]))
    expected = hashlib.sha1(repr(content).encode("utf-8")).hexdigest()

    whole, part = dataset.indicator_part("a_seed.txt", table)
    monkeypatch.setattr(dataset, "ARROW_BATCH_ROWS", 4)
    monkeypatch.setattr(dataset, "_HASH_SPOOL_BYTES", 64)  # every column's text goes to a file
    small, small_part = dataset.indicator_part("a_seed.txt", table)
    assert whole == small == expected
    assert small_part.csv == part.csv and small_part.rows == part.rows == len(kept) > 4


def test_a_part_encoded_later_is_the_same_part(batch, tmp_path, monkeypatch):
    """``later``: the indicators' Arrow stream is encoded when the part is closed (after the model
    is dropped), from batches spooled to a temporary file: the same CSV and Arrow bytes."""
    from perfgoals_xl.batch import dataset

    table = read_table(batch / "a_seed.txt")
    monkeypatch.setattr(dataset, "ARROW_BATCH_ROWS", 5)
    monkeypatch.setattr(dataset, "_LATER_SPOOL_BYTES", 100)
    digest, now = dataset.indicator_part("a_seed.txt", table, to=str(tmp_path / "now"))
    digest2, writer = dataset.indicator_part("a_seed.txt", table, to=str(tmp_path / "later"), later=True)
    assert isinstance(writer, dataset.PartWriter) and not Path(tmp_path / "later.indicators.arrow").exists()
    del table
    later = writer.close()
    assert digest == digest2 and later.rows == now.rows > 5
    assert Path(later.csv).read_bytes() == Path(now.csv).read_bytes()
    assert Path(later.arrow).read_bytes() == Path(now.arrow).read_bytes()
