"""The progress bar of `convert` in a real terminal (a pty 120 columns wide): one line, redrawn
in place, even with long Chinese file names (two cells per character); `-q` shows no bar."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import unicodedata

import pytest

COLUMNS = 120
LONG_NAME = "广州市人民政府驻北京办事处二〇二四年度项目支出绩效目标表（含转移支付项目）公开版本第{n:02d}号"


def _run_in_pty(args: list[str], cwd) -> str:
    """Run the CLI with stdin/stdout/stderr on a pty of COLUMNS×40; return what it printed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, COLUMNS, 0, 0))
    env = {**os.environ, "COLUMNS": str(COLUMNS), "LINES": "40", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "perfgoals_xl", *args], cwd=cwd, env=env,
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the pty
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", errors="replace")


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_path):
    src = tmp_path_factory.mktemp("in")
    for n in range(12):
        (src / (LONG_NAME.format(n=n) + ".txt")).write_bytes(seed_path.read_bytes())
    return src


def test_bar_stays_on_one_line_with_chinese_file_names(corpus, tmp_path):
    out = _run_in_pty(["convert", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "1"], tmp_path)
    assert "完成 12/12 个文件" in out
    bar, _, final = out.rpartition("完成 12/12")
    # One bar line redrawn with carriage returns: no new line per file (the pty turns the
    # bar's closing "\n" into "\r\n"), the line never wider than the terminal.
    assert bar.count("\n") <= 1, bar.count("\n")
    frames = [f for f in bar.replace("\n", "\r").split("\r") if f.strip()]
    assert len(frames) >= 12  # redrawn as the files complete
    assert any("12/12" in f for f in frames) and any("广州市人民政府" in f for f in frames)
    widths = [_cells(f.replace("\x1b[A", "")) for f in frames]
    assert max(widths) <= COLUMNS, max(widths)


def test_quiet_shows_no_bar_on_a_terminal(corpus, tmp_path):
    out = _run_in_pty(["convert", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "1", "-q"], tmp_path)
    assert "完成 12/12 个文件" in out
    assert "\r" not in out.replace("\r\n", "\n") and "%|" not in out and "% |" not in out


def test_tqdm_is_imported_only_when_a_bar_is_shown(corpus, tmp_path):
    """Start-up: `--help`, a quiet run and a piped run never import tqdm."""
    for args in (["--help"], ["convert", str(corpus), "-o", str(tmp_path / "q"), "-q", "--jobs", "1"],
                 ["convert", str(corpus), "-o", str(tmp_path / "p"), "--jobs", "1"]):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "perfgoals_xl", *args],
                              capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert "tqdm" not in done.stderr, args
    out = _run_in_pty(["convert", str(corpus), "-o", str(tmp_path / "t"), "--jobs", "1"], tmp_path)
    assert "12/12" in out  # on a terminal it is there
