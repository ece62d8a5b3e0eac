"""The command line: import, and bad input giving one clear Chinese error, exit 2, nothing written."""

from __future__ import annotations

import subprocess
import sys

import pytest

from perfgoals_xl.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True, text=True)


def test_import_writes_json(tmp_path, seed_path):
    out = tmp_path / "seed.json"
    assert main(["import", str(seed_path), "-o", str(out)]) == 0
    assert out.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "文件不存在"),
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (b"\xef\xbb\xbf\n", "文件为空"),
        ("今天天气很好。\n没有表格。".encode(), "不是项目支出绩效目标表"),
        ("项目支出绩效目标表\n这里什么也没有".encode("gbk"), "未找到任何资金使用单位"),
        (b"\x00\x01\x02binary", "二进制"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, content, expected):
    src = tmp_path / "input.txt"
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "out.json"
    proc = run("import", str(src), "-o", str(out))
    assert proc.returncode == 2
    assert expected in proc.stderr and str(src) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == ([src] if content is not None else [])


def test_existing_output_is_not_overwritten(tmp_path, seed_path):
    out = tmp_path / "seed.json"
    out.write_text("keep", encoding="utf-8")
    proc = run("import", str(seed_path), "-o", str(out))
    assert proc.returncode == 2 and "已存在" in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep"
    assert run("import", str(seed_path), "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8") != "keep"


def test_unknown_output_type(tmp_path, seed_path):
    proc = run("import", str(seed_path), "-o", str(tmp_path / "x.doc"))
    assert proc.returncode == 2 and "不支持的输出类型" in proc.stderr


def test_file_system_errors_are_one_chinese_line(tmp_path, seed_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    proc = run("import", str(seed_path), "-o", str(blocker / "sub.json"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "无法读写" in proc.stderr
    proc = run("convert", str(seed_path), "-o", str(blocker / "sub"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_outputs_get_the_usual_file_mode(tmp_path, seed_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        assert main(["import", str(seed_path), "-o", str(tmp_path / "s.json")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "s.json").stat().st_mode) == 0o644


def test_deeply_nested_json_is_a_clear_error(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("{" + '"units":' + "[" * 100000 + "]" * 100000 + "}", encoding="utf-8")
    proc = run("import", str(deep), "-o", str(tmp_path / "o.json"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
