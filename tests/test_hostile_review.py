"""`perfgoals diff` and `perfgoals letter --previous` on hostile inputs (issue #20).

- a department-wide table against a project table: one Chinese line, exit 2 (it was compared,
  and every project "deleted" and "added");
- bounded time: 10,000 projects all renamed or removed — placing each removed project after its
  old neighbour walked back over the whole table for each one (quadratic: minutes);
- names that are formulas (=HYPERLINK, +cmd, @SUM) or hold control characters: strings in the
  xlsx (never a formula), guarded in the CSV, and never obeyed by the terminal (no ESC, BEL or
  CR reaches it; an error message quoting such a name stays one line);
- a named pipe as a version is refused (it was waited on for ever), identical versions and the
  same path twice compare as nothing changed, two empty tables compare, the output may not be an
  input even with --force.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.model import FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.review import diff_tables
from perfgoals_xl.review.compare import compare_tables
from perfgoals_xl.review.text import write_text
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from perfgoals_xl.values import parse_value
from tests.department_fixtures import department_xlsx
from tests.review_versions import seed_path

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
                 "名称\x1b]0;标题\x07\x1b[2J", "覆盖\r错误：没有问题", "反转\u202e文字"]
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _one_line_exit_2(capsys, code: int) -> str:
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("错误：") and "内部错误" not in err, err
    return err


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory) -> Path:
    return write_data(read_table(seed_path()), tmp_path_factory.mktemp("seed") / "seed.json")


@pytest.fixture(scope="module")
def evil_json(tmp_path_factory) -> Path:
    table = copy.deepcopy(read_table(seed_path()))
    names = iter(HOSTILE_NAMES * 10)
    for project in table.projects():
        project.name = next(names)
        for ind in project.indicators[:2]:
            ind.name = next(names)
    return write_data(table, tmp_path_factory.mktemp("evil") / "evil.json")


def test_a_department_table_against_a_project_table_is_refused(tmp_path, seed_json, capsys):
    department = department_xlsx(tmp_path / "部门.xlsx")
    for old, new in ((department, seed_json), (seed_json, department)):
        err = _one_line_exit_2(capsys, main(["diff", str(old), str(new), "-q"]))
        assert "不是同一类表" in err and "部门整体支出绩效目标表" in err
    err = _one_line_exit_2(capsys, main(["letter", str(seed_json), "--previous", str(department),
                                         "-o", str(tmp_path / "l.docx")]))
    assert "不是同一类表" in err and not (tmp_path / "l.docx").exists()


def _table(prefix: str, n: int) -> PerfTable:
    projects = [Project(name=f"{prefix}项目{i:05d}号经费", indicators=[Indicator(
        seq=1, level1_code="1", level1="产出指标", level2_code="11", level2="数量指标", name=f"指标{i}",
        period_value=parse_value("1个"), annual_value=parse_value("1个"))]) for i in range(n)]
    return PerfTable(department="某局", units=[FundUnit(name="某局", projects=projects)])


def test_ten_thousand_projects_renamed_are_compared_in_bounded_time():
    old, new = _table("旧", 10_000), _table("新", 10_000)
    start = time.perf_counter()
    diff, _ = compare_tables(old, new)
    assert time.perf_counter() - start < 20  # quadratic before: about 100 s on this machine
    kinds = [p.kind for p in diff.projects]
    assert kinds.count("removed") == kinds.count("added") == 10_000


def test_removed_projects_stay_after_their_old_neighbours():
    old = _table("", 6)
    new = copy.deepcopy(old)
    del new.units[0].projects[4]
    del new.units[0].projects[1]
    diff, _ = compare_tables(old, new)
    assert [(p.kind, p.name[2:7]) for p in diff.projects] == [
        ("same", "00000"), ("removed", "00001"), ("same", "00002"), ("same", "00003"), ("removed", "00004"),
        ("same", "00005")]


def test_hostile_names_are_text_in_every_output(tmp_path, seed_json, evil_json, capsys):
    assert main(["diff", str(seed_json), str(evil_json), "-o", str(tmp_path / "d.xlsx")]) in (0, 1)
    out = capsys.readouterr().out
    assert not _TERMINAL_CONTROL.search(out), [m.group() for m in _TERMINAL_CONTROL.finditer(out)]
    assert "覆盖\\x0d错误" in out and "\\u202e" in out  # shown, not obeyed
    with zipfile.ZipFile(tmp_path / "d.xlsx") as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    book = openpyxl.load_workbook(tmp_path / "d.xlsx")
    texts = {c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert all(c.data_type != "f" for ws in book for row in ws.iter_rows() for c in row)
    assert '=HYPERLINK("http://x","y")' in texts  # kept as the person wrote it, as text
    assert main(["diff", str(seed_json), str(evil_json), "-q", "-o", str(tmp_path / "d.csv")]) in (0, 1)
    with open(tmp_path / "d.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], "unguarded formula in the CSV"
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells
    capsys.readouterr()
    assert main(["check", str(evil_json), "--color", "never"]) in (0, 1)
    assert not _TERMINAL_CONTROL.search(capsys.readouterr().out)
    evil_unit = tmp_path / "unit.json"
    table = read_table(evil_json)
    table.department = table.units[0].name = "某局\x1b]0;标题\x07\r"
    write_data(table, evil_unit)
    assert main(["letter", str(evil_unit), "-o", str(tmp_path / "l.docx")]) == 0
    assert not _TERMINAL_CONTROL.search(capsys.readouterr().out)


def test_colour_codes_are_ours_only_when_colour_is_on(seed_json, evil_json):
    diff = diff_tables(read_table(seed_json), read_table(evil_json))
    for color in (False, True):
        stream = io.StringIO()
        write_text(stream, diff, color=color)
        text = stream.getvalue()
        rest = re.sub(r"\x1b\[[0-9;]*m", "", text) if color else text
        assert not _TERMINAL_CONTROL.search(rest) and ("\x1b[" in text) == color


def test_an_error_quoting_a_hostile_name_is_one_line(tmp_path, seed_json, capsys):
    name = tmp_path / "版本\n错误：伪造的第二行\x1b[2J.json"
    name.write_bytes(seed_json.read_bytes())
    err = _one_line_exit_2(capsys, main(["diff", str(seed_json), str(name), "-o", str(name), "--force"]))
    assert "\x1b" not in err and "输出文件不能与输入文件相同" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path, seed_json):
    pipe = tmp_path / "新版本.json"
    os.mkfifo(pipe)
    code = "import sys; from perfgoals_xl.cli import main; sys.exit(main(sys.argv[1:]))"
    for extra in ([], ["--new-layout", "longform"]):
        proc = subprocess.run([sys.executable, "-c", code, "diff", str(seed_json), str(pipe), "-q", *extra],
                              capture_output=True, text=True, timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert proc.returncode == 2 and "不是普通文件" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr


def test_identical_versions_and_the_same_path_twice(tmp_path, seed_json, capsys):
    copy_ = tmp_path / "副本.json"
    copy_.write_bytes(seed_json.read_bytes())
    for new in (copy_, seed_json):
        assert main(["diff", str(seed_json), str(new), "-q"]) == 0
        assert "项目：新增 0，删除 0，修改 0；指标：新增 0，删除 0，修改 0" in capsys.readouterr().out


def test_two_empty_tables_compare():
    diff = diff_tables(PerfTable(), PerfTable())
    assert diff.projects == [] and diff.changes == []


# -- the letter: [letter] settings and --pdf ----------------------------------------------------

@pytest.mark.parametrize(("value", "said"), [
    ('"某\\u0007局"', "控制字符"), ('"某局\\n（盖章）"', "控制字符"), ('"\\u0000"', "控制字符"),
    ('"反转\\u202e局"', "控制字符"), (f'"{"局" * 201}"', "实际 201 字"), ("5", "实际为整数"),
    ("[\"a\"]", "实际为"), ("{ a = 1 }", "实际为")])
def test_hostile_letter_settings_are_one_line_exit_2(tmp_path, seed_json, capsys, value, said):
    config = tmp_path / "perfgoals.toml"
    config.write_text(f"[letter]\nbureau = {value}\n", encoding="utf-8")
    out = tmp_path / "l.docx"
    err = _one_line_exit_2(capsys, main(["letter", str(seed_json), "-o", str(out), "--config", str(config)]))
    assert said in err and not out.exists()


def test_an_unknown_letter_key_of_any_length_is_one_short_line(tmp_path, seed_json, capsys):
    config = tmp_path / "perfgoals.toml"
    config.write_text(f'[letter]\n"{"k" * 5000}\\u001b[2J" = "x"\n', encoding="utf-8")
    err = _one_line_exit_2(capsys, main(["letter", str(seed_json), "-o", str(tmp_path / "l.docx"),
                                         "--config", str(config)]))
    assert "未知的字段" in err and len(err) < 300


def test_letter_pdf_without_or_with_a_hanging_libreoffice_keeps_the_docx(tmp_path, seed_json, capsys, monkeypatch):
    from perfgoals_xl.review import pdf

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    out = tmp_path / "l.docx"
    assert main(["letter", str(seed_json), "-o", str(out), "--pdf"]) == 0
    err = capsys.readouterr().err
    assert out.is_file() and not out.with_suffix(".pdf").exists()
    assert err.count("\n") == 1 and "本机没有 LibreOffice" in err
    # a LibreOffice that never answers (it sleeps, and so does the child it starts)
    fake = bin_dir / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "PDF_TIMEOUT_S", 1)
    start = time.perf_counter()
    assert main(["letter", str(seed_json), "-o", str(out), "--pdf", "--force"]) == 0
    assert time.perf_counter() - start < 30
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "LibreOffice 未能转换" in err and not out.with_suffix(".pdf").exists()
    assert _processes_with(str(bin_dir).encode()) == [], "the hanging LibreOffice (or its child) outlived the letter"


def _processes_with(marker: bytes, wait: float = 5.0) -> list[str]:
    """Live processes whose environment holds ``marker`` (waiting a little for them to end)."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                if marker in (proc / "environ").read_bytes() and b"sleep" in (proc / "cmdline").read_bytes():
                    found.append(proc.name)
            except OSError:
                continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


# -- convert --previous PREV_OUT: an earlier run folder that was tampered with ----------------

@pytest.fixture(scope="module")
def earlier_run(tmp_path_factory, seed_json) -> tuple[Path, Path]:
    """An input folder (a project table and a department table) and its converted output."""
    root = tmp_path_factory.mktemp("round")
    folder = root / "in"
    folder.mkdir()
    (folder / "a.json").write_bytes(seed_json.read_bytes())
    department_xlsx(folder / "b.xlsx")
    assert main(["convert", str(folder), "-o", str(root / "out1"), "-q", "-j", "1"]) in (0, 1)
    return folder, root / "out1"


def _tampered(earlier: Path, to: Path, edit) -> Path:
    import json
    import shutil

    shutil.copytree(earlier, to)
    log = to / ".perfgoals-run" / "results.jsonl"
    lines = []
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        edit(entry)
        lines.append(json.dumps(entry, ensure_ascii=False))
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return to


_EDITS = {
    "wrong types": lambda e: e["result"].update(counts="x", department=5, outputs=7, path=3),
    "a department that is a table": lambda e: e["result"].update(department={"x": 1}),
    "a result that is a list": lambda e: e.update(result=[1]),
    "counts that are not numbers": lambda e: e["result"].update(counts={"error": "many"}),
    "NaN and negative figures": lambda e: e["result"].update(total=float("nan"), projects=-5),
    "no stem": lambda e: e.update(stem=None),
}


@pytest.mark.parametrize("edit", list(_EDITS))
def test_a_tampered_run_log_is_skipped_with_a_warning(tmp_path, earlier_run, capsys, edit):
    folder, earlier = earlier_run
    prev = _tampered(earlier, tmp_path / "prev", _EDITS[edit])
    code = main(["convert", str(folder), "-o", str(tmp_path / "out"), "-q", "-j", "1", "--previous", str(prev),
                 "--letters"])
    err = capsys.readouterr().err
    assert code in (0, 1) and "内部错误" not in err, err
    assert "有 2 行不是本程序写的运行记录（第 1、2 行" in err


@pytest.mark.parametrize("length", [100, 101, 202, 250])
def test_an_overlong_line_is_counted_whatever_its_length(tmp_path, monkeypatch, length):
    # its tail read in chunks of MAX_LOG_LINE + 1: a line of 101 or 202 characters ends in a chunk
    # holding only its newline — still an unreadable line, and the next line is read as its own
    from perfgoals_xl.batch import review_round

    log = tmp_path / ".perfgoals-run" / "results.jsonl"
    log.parent.mkdir()
    log.write_bytes(b"x" * length + b"\n" + b"y" * 300 + b"\n")
    monkeypatch.setattr(review_round, "MAX_LOG_LINE", 100)
    unreadable: list[int] = []
    assert review_round.earlier_results(tmp_path, unreadable) == [] and unreadable == [1, 2]


def test_an_overlong_log_line_is_skipped_not_loaded(tmp_path, earlier_run, monkeypatch):
    from perfgoals_xl.batch import review_round

    _, earlier = earlier_run
    log = earlier / ".perfgoals-run" / "results.jsonl"
    monkeypatch.setattr(review_round, "MAX_LOG_LINE", 100)
    unreadable: list[int] = []
    assert review_round.earlier_results(earlier, unreadable) == [] and unreadable == [1, 2]
    monkeypatch.undo()  # the real bound: above the line of a sheet at Excel's row limit
    assert review_round.MAX_LOG_LINE >= 400 * 2**20
    assert len(review_round.earlier_results(earlier)) == 2 == len(log.read_text(encoding="utf-8").splitlines())


def test_every_result_field_is_checked_when_read_back():
    from dataclasses import asdict, fields

    from perfgoals_xl.batch import result

    assert set(result._FIELD_CHECKS) == {f.name for f in fields(result.FileResult)} - result._NOT_LOGGED
    written = result.FileResult(path="a.json", stem="a", department="某局", total=20.6, outputs=["a.data.csv"],
                                rules={"PG-Q03": {"warning": 2}}, issues=[{"规则": "PG-Q03"}])
    record = {k: v for k, v in asdict(written).items() if k not in result._NOT_LOGGED}
    assert result.result_from_record(record) == written
    for bad in ({**record, "units": True}, {**record, "seconds": float("inf")}, {"stem": "a"}, "x"):
        with pytest.raises(ValueError):
            result.result_from_record(bad)


def test_an_earlier_data_output_that_is_corrupt_is_said_in_the_row(tmp_path, earlier_run, capsys):
    folder, earlier = earlier_run
    prev = _tampered(earlier, tmp_path / "prev", lambda e: e["result"].update(path=str(tmp_path / "gone.json")))
    for data in prev.glob("*.data.*"):
        data.write_bytes(b"\x00\xff" * 100)
    code = main(["convert", str(folder), "-o", str(tmp_path / "out"), "-q", "-j", "1", "--previous", str(prev)])
    err = capsys.readouterr().err
    assert code in (0, 1) and "内部错误" not in err and "文件可能已损坏" in err, err


@pytest.mark.parametrize("what", ["folder", "file", "pipe"])
def test_previous_that_is_not_a_run_folder(tmp_path, earlier_run, capsys, what):
    folder, _ = earlier_run
    prev = tmp_path / "prev"
    if what == "folder":
        prev.mkdir()
    elif what == "file":
        prev.write_text("x")
    else:
        prev.mkdir()
        (prev / ".perfgoals-run").mkdir()
        os.mkfifo(prev / ".perfgoals-run" / "results.jsonl")
    err = _one_line_exit_2(capsys, main(["convert", str(folder), "-o", str(tmp_path / "out"), "-q",
                                         "--previous", str(prev)]))
    assert "不是 perfgoals convert 的输出文件夹" in err


# -- writers on many projects ------------------------------------------------------------------

def test_a_comparison_sheet_of_many_merged_rows_is_laid_out_in_linear_time():
    """Each row's height looked for its spans among every merge of the sheet: 30,000 merged rows
    took minutes. A merged cell is still as wide as its span."""
    from perfgoals_xl.review.layout import SheetLayout

    sheet = SheetLayout(name="修改对照", widths=[10.0, 10.0, 10.0])
    start = time.perf_counter()
    for k in range(30_000):
        sheet.add([f"项目{k}", None, None], None, merges=[(0, 2)])
    assert time.perf_counter() - start < 10
    wide = sheet.heights[sheet.add(["字" * 25, None, None], None, merges=[(0, 2)])]
    narrow = sheet.heights[sheet.add(["字" * 25, None, None], None)]
    assert wide < narrow  # 25 characters fit on one line of three columns, not of one
