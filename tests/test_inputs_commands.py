"""Every command expands files, folders and globs the same way (perfgoals_xl/batch/inputs.py),
lists what a folder held but was not read, once, and `check -o` takes the format from OUT."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfgoals_xl.batch.inputs import collect_inputs, single_input, skipped_message
from perfgoals_xl.errors import InputError


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd)


@pytest.fixture()
def folder(tmp_path: Path, seed_path: Path) -> Path:
    root = tmp_path / "tables"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_bytes(seed_path.read_bytes())
    (root / "sub" / "b.txt").write_bytes(seed_path.read_bytes())
    (root / "附件.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an archive: listed, not read
    (root / "扫描件.png").write_bytes(b"\x89PNG")
    (root / "~$a.xlsx").write_bytes(b"lock")
    (root / ".DS_Store").write_bytes(b"mac")
    return root


def test_collect_lists_skipped_files_with_their_reason(folder):
    collected = collect_inputs([str(folder)])
    assert sorted(i.path.name for i in collected.inputs) == ["a.txt", "b.txt"]
    reasons = {path.name: reason for path, reason in collected.skipped}
    assert set(reasons) == {"附件.zip", "扫描件.png", "~$a.xlsx"}  # .DS_Store: hidden, silent
    assert "解压" in reasons["附件.zip"] and "图片" in reasons["扫描件.png"] and "锁定" in reasons["~$a.xlsx"]
    message = skipped_message(collected.skipped)
    assert message.startswith("已跳过 3 个文件：") and "附件.zip" in message
    assert skipped_message([]) is None


def test_a_glob_matches_like_a_folder_and_names_what_it_skips(folder):
    collected = collect_inputs([str(folder / "**" / "*")])
    assert sorted(i.path.name for i in collected.inputs) == ["a.txt", "b.txt"]
    assert {p.name for p, _ in collected.skipped} >= {"附件.zip", "扫描件.png"}


def test_problems_are_collected_not_raised(folder, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    collected = collect_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.nothing"), str(empty)])
    assert [str(e) for e in collected.missing] == [
        f"{tmp_path / 'nope.txt'}：文件不存在", f"{tmp_path / '*.nothing'}：没有匹配的文件"]
    assert "没有可读取的文件" in str(collected.empty[0])


def test_single_input(folder):
    assert single_input(str(folder / "a.*")) == folder / "a.txt"
    assert single_input("literal.txt") == Path("literal.txt")
    with pytest.raises(InputError, match="匹配到 2 个文件"):
        single_input(str(folder / "**" / "*.txt"))
    with pytest.raises(InputError, match="没有匹配"):
        single_input(str(folder / "*.json"))


def test_check_expands_a_quoted_glob(folder):
    proc = run("check", str(folder / "*.txt"), "--color", "never")
    assert proc.returncode == 0, proc.stderr  # the seed table: warnings and infos only
    assert "文件不存在" not in proc.stderr
    assert "a.txt" in proc.stdout and "b.txt" not in proc.stdout


def test_check_folder_lists_skipped_files_once(folder):
    proc = run("check", str(folder), "--color", "never")
    assert proc.stderr.count("已跳过 3 个文件") == 1, proc.stderr
    assert "a.txt" in proc.stdout and "b.txt" in proc.stdout


def test_convert_lists_skipped_files_once(folder, tmp_path):
    proc = run("convert", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr.count("已跳过 3 个文件") == 1 and "附件.zip" in proc.stderr


@pytest.mark.parametrize("suffix", ["json", "csv", "txt"])
def test_check_output_format_follows_the_extension(folder, tmp_path, suffix):
    out = tmp_path / f"r.{suffix}"
    proc = run("check", str(folder / "a.txt"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8-sig")
    if suffix == "json":
        assert json.loads(text)["summary"]["files"] == 1
    elif suffix == "csv":
        rows = list(csv.reader(text.splitlines()))
        assert len(rows) > 1 and any("PG-" in cell for cell in rows[1])
    else:
        assert text.lstrip().startswith(str(folder / "a.txt")) and "→" in text


def test_explicit_format_wins_over_the_extension(folder, tmp_path):
    out = tmp_path / "r.json"
    run("check", str(folder / "a.txt"), "-o", str(out), "--format", "text")
    with pytest.raises(json.JSONDecodeError):
        json.loads(out.read_text(encoding="utf-8"))


def test_import_and_report_take_a_glob_of_one_file(folder, tmp_path):
    proc = run("import", str(folder / "a.*"), "-o", str(tmp_path / "a.json"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    proc = run("report", str(folder / "**" / "b.t?t"), "-o", str(tmp_path / "b.xlsx"))
    assert proc.returncode == 0, proc.stderr and (tmp_path / "b.xlsx").exists()
    proc = run("report", str(folder / "**" / "*.txt"), "-o", str(tmp_path / "c.xlsx"))
    assert proc.returncode == 2 and "匹配到 2 个文件" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "c.xlsx").exists()


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) makes the legacy files (and converts the Word ones)")
def test_legacy_office_files_in_a_folder_are_read_like_the_files_they_were_saved_from(tmp_path: Path) -> None:
    """A folder's WPS 表格 .et (the .xls format: an OLE file with a BIFF8 Workbook stream) and legacy Word
    .doc (converted by LibreOffice, one per file) are read as their content says, like the .xls and .docx
    they were saved from; one that is no workbook fails alone, in one Chinese line."""
    entry = Path(__file__).parent / "corpus" / "ah-xiaoxian-2023-selfeval-yanglou"
    word = Path(__file__).parent / "corpus" / "jx-nanchang-2021-department_selfeval-cancha" / "original.docx"
    for source, target in ((entry / "page.html", "xls:MS Excel 97"), (word, "doc:MS Word 97")):
        subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                        *(["--infilter=HTML (StarCalc)"] if source.suffix == ".html" else []),
                        "--convert-to", target, "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=300)
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "杨楼.et").write_bytes((tmp_path / "page.xls").read_bytes())
    (folder / "蚕茶.doc").write_bytes((tmp_path / "original.doc").read_bytes())
    (folder / "损坏.ett").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    collected = collect_inputs([str(folder)])
    assert sorted(i.path.name for i in collected.inputs) == ["损坏.ett", "杨楼.et", "蚕茶.doc"] and not collected.skipped
    proc = run("convert", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1, proc.stderr  # convert: 1 when a file failed (the others are written)
    failed = [line for line in proc.stderr.splitlines() if "损坏.ett" in line]
    assert len(failed) == 1 and "文件已损坏" in failed[0] and "Traceback" not in proc.stderr
    written = " ".join(p.name for p in (tmp_path / "out").iterdir())
    assert "杨楼" in written and "蚕茶" in written
    for held, original in ((folder / "杨楼.et", tmp_path / "page.xls"), (folder / "蚕茶.doc", word)):
        assert run("import", str(held), "-o", str(tmp_path / "held.json"), "--force").returncode == 0
        assert run("import", str(original), "-o", str(tmp_path / "original.json"), "--force").returncode == 0
        read, expected = (_without_files(json.loads((tmp_path / name).read_text(encoding="utf-8")))
                          for name in ("held.json", "original.json"))
        read.pop("source"), expected.pop("source")
        assert read == expected and "indicators" in json.dumps(read), held.name


def _without_files(value):
    """A JSON document without the input's file name in its locations (the same cells of two files)."""
    if isinstance(value, dict):
        return {k: _without_files(v) for k, v in value.items() if k != "file"}
    return [_without_files(v) for v in value] if isinstance(value, list) else value
