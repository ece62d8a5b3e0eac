"""`perfgoals convert`: per-file outputs, the summary workbook, bad files, parallel runs, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

from perfgoals_xl.cli import main


def _corpus(tmp_path: Path, seed_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "seed.txt").write_bytes(seed_path.read_bytes())
    (src / "sub" / "seed.txt").write_bytes(seed_path.read_text(encoding="utf-8").encode("gbk"))
    (src / "broken.txt").write_text("这不是绩效目标表", encoding="utf-8")
    (src / "empty.json").write_text("", encoding="utf-8")
    return src


def test_convert_writes_outputs_summary_and_reports_bad_files(tmp_path, seed_path, capsys):
    src = _corpus(tmp_path, seed_path)
    out = tmp_path / "out"
    code = main(["convert", str(src), "-o", str(out), "--jobs", "1"])
    assert code == 1  # two files failed
    captured = capsys.readouterr()
    assert "完成 2/4 个文件，失败 2 个" in captured.out
    assert "broken.txt" in captured.err and "empty.json" in captured.err
    names = sorted(p.name for p in out.iterdir())
    assert "summary.xlsx" in names
    for stem in ("seed_txt", "sub__seed_txt"):
        assert {f"{stem}.report.xlsx", f"{stem}.issues.csv", f"{stem}.data.csv"} <= set(names)
    report = openpyxl.load_workbook(out / "seed_txt.report.xlsx")
    assert report.sheetnames[0] == "项目支出绩效目标表" and "问题清单" in report.sheetnames
    summary = openpyxl.load_workbook(out / "summary.xlsx", data_only=True)  # file names are HYPERLINKs
    rows = list(summary["文件汇总"].iter_rows(min_row=2, max_row=5, values_only=True))
    by_file = {Path(r[0]).name + ("/sub" if "sub" in r[0] else ""): r for r in rows}
    assert by_file["seed.txt"][1] == "完成" and by_file["seed.txt"][5] == 5 and by_file["seed.txt"][6] == 27
    assert by_file["broken.txt"][1] == "失败" and "不是项目支出绩效目标表" in by_file["broken.txt"][12]
    pivot = summary["规则统计"]
    assert pivot["A1"].value == "规则" and pivot["A2"].value.startswith("PG-")
    assert pivot._charts, "the pivot sheet carries a bar chart of the most frequent rules"
    assert not [p for p in out.iterdir() if ".tmp" in p.name]


def test_existing_outputs_are_not_overwritten_without_force(tmp_path, seed_path, capsys):
    """Outputs no run of ours recorded are never overwritten without --force; a re-run in a
    run's own folder is incremental (tests/test_incremental.py) and --force redoes all."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    assert main(["convert", str(src), "-o", str(out), "-q"]) in (0, 1)
    report = next(out.glob("*.report.xlsx")).name
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / report).write_bytes(b"someone else's report")
    assert main(["convert", str(src), "-o", str(stray), "-q"]) == 2
    assert "已存在" in capsys.readouterr().err
    assert (stray / report).read_bytes() == b"someone else's report"
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    assert main(["convert", str(src), "-o", str(out), "-q"]) in (0, 1)
    assert "沿用上次结果：1 个文件" in capsys.readouterr().out
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    assert after[report] == before[report]  # not converted again
    assert main(["convert", str(src), "-o", str(out), "-q", "--force"]) in (0, 1)


def test_two_jobs_give_the_same_results_as_one(tmp_path, seed_path):
    from perfgoals_xl.batch.inputs import expand_inputs
    from perfgoals_xl.batch.runner import run_batch
    from perfgoals_xl.batch.worker import ConvertOptions

    src = _corpus(tmp_path, seed_path)
    inputs = expand_inputs([str(src)])
    one = run_batch(inputs, tmp_path / "o1", ConvertOptions(), jobs=1)
    two = run_batch(inputs, tmp_path / "o2", ConvertOptions(), jobs=2)
    strip = lambda rs: [(r.stem, r.status, r.indicators, r.counts, r.rules) for r in rs]  # noqa: E731
    assert strip(one.results) == strip(two.results)
    for p in (tmp_path / "o1").glob("*.csv"):
        assert p.read_bytes() == (tmp_path / "o2" / p.name).read_bytes()


def test_ctrl_c_leaves_no_half_written_file(tmp_path, seed_path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(60):
        (src / f"t{n:02d}.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "perfgoals_xl", "convert", str(src), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.report.xlsx"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "已中断" in err.decode()
    leftovers = [p.name for p in out.iterdir() if ".tmp" in p.name]
    assert leftovers == []
    written = list(out.glob("*.report.xlsx"))
    assert 3 <= len(written) < 60
    for path in written:
        openpyxl.load_workbook(path, read_only=True).close()
    assert not (out / "summary.xlsx").exists()


def test_progress_is_quiet_when_not_a_terminal(tmp_path, seed_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(seed_path.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "convert", str(src), "-o", str(tmp_path / "o")],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert "\r" not in proc.stderr and "[#" not in proc.stderr
    assert "报表：" in proc.stdout and "seed_txt.report.xlsx" in proc.stdout


def _dies_on_c(item, outdir, options):
    """convert_one, except that the process handling c.txt vanishes (as under the OOM killer)."""
    from perfgoals_xl.batch.worker import convert_one

    if item.path.name == "c.txt":
        os._exit(1)
    return convert_one(item, outdir, options)


def test_a_worker_that_dies_fails_only_its_file(tmp_path, seed_path, monkeypatch):
    """A process killed mid-file (out of memory, a crash in a native library) fails that file
    alone; the other files in flight are converted and the run writes its summary."""
    from perfgoals_xl.batch import runner
    from perfgoals_xl.batch.inputs import expand_inputs
    from perfgoals_xl.batch.worker import ConvertOptions

    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c", "d", "e"):
        (src / f"{name}.txt").write_bytes(seed_path.read_bytes())

    monkeypatch.setattr(runner, "convert_one", _dies_on_c)  # worker processes are forked
    report = runner.run_batch(expand_inputs([str(src)]), tmp_path / "out", ConvertOptions(), jobs=2)
    status = {Path(r.path).name: r.status for r in report.results}
    assert status == {"a.txt": "ok", "b.txt": "ok", "c.txt": "failed", "d.txt": "ok", "e.txt": "ok"}
    assert "进程意外退出" in report.results[2].error
    assert report.summary_path.exists()


def test_printed_issues_sheet_names_sheet_department_and_file(tmp_path, seed_path):
    from sheetcheck import assert_no_clipped_text, assert_print_setup

    src = tmp_path / "in"
    src.mkdir()
    (src / "seed&copy.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    assert main(["convert", str(src), "-o", str(out), "-q"]) in (0, 1)
    ws = openpyxl.load_workbook(out / "seed&copy_txt.report.xlsx")["问题清单"]
    assert_print_setup(ws)
    assert_no_clipped_text(ws)
    header = ws.oddHeader
    assert "问题清单" in header.left.text
    assert header.center.text == "广州市人民政府驻北京办事处"
    assert header.right.text == "seed&&copy.txt"  # the file's name, not its folder; & escaped
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text  # 第 x 页 共 y 页


def test_duplicates_and_missing_csv_titles_are_said_once_per_run(tmp_path, seed_table, capsys):
    """39 copies printed 39 lines; a table's own title missing from its CSV was a warning per
    file. Now one line each for the run (the list of copies is in summary.xlsx)."""
    import copy

    from perfgoals_xl.sinks import write_data

    src = tmp_path / "in"
    table = copy.deepcopy(seed_table)
    table.title = "2024年部门预算项目绩效目标表"
    src.mkdir()
    for n in range(4):
        write_data(table, src / f"copy{n}.json")
    assert main(["convert", str(src), "-o", str(tmp_path / "out"), "-q", "--jobs", "1"]) in (0, 1)
    captured = capsys.readouterr()
    dup_lines = [line for line in captured.out.splitlines() if line.startswith("重复：")]
    assert len(dup_lines) == 1 and dup_lines[0].startswith("重复：3 个文件与先出现的文件内容相同")
    assert "表格标题" not in captured.err
    title_lines = [line for line in captured.out.splitlines() if "表格标题不写入明细 CSV" in line]
    assert title_lines == ["提示：4 个文件的表格标题不写入明细 CSV（CSV 只有一行一指标的数据），读回时为默认标题；"
                           "标题保留在报表和 JSON 中"]


def test_a_large_report_streams_its_issues_sheet_with_the_same_content(tmp_path, seed_path, monkeypatch):
    """Above IN_MEMORY_ROWS the report's 问题清单 is written row by row to disk (constant_memory
    for that sheet): the same cells, formats, heights, filter and print setup as in memory."""
    import zipfile

    from test_entry_workbook import _workbook_content

    from perfgoals_xl.batch import worker

    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_bytes(seed_path.read_bytes())
    assert main(["convert", str(src), "-o", str(tmp_path / "kept"), "-q", "-j", "1"]) in (0, 1)
    monkeypatch.setattr(worker, "IN_MEMORY_ROWS", 0)
    assert main(["convert", str(src), "-o", str(tmp_path / "streamed"), "-q", "-j", "1"]) in (0, 1)
    kept, streamed = (tmp_path / d / "seed_txt.report.xlsx" for d in ("kept", "streamed"))
    with zipfile.ZipFile(streamed) as z:
        issues_xml = z.read("xl/worksheets/sheet2.xml").decode()
    assert 't="inlineStr"' in issues_xml and issues_xml.count("<row ") > 10  # it did stream
    assert _workbook_content(kept) == _workbook_content(streamed)
