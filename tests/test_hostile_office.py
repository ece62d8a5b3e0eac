"""Hostile legacy and zipped Office files (issue #20, classes 1, 3 and 4).

- a zip member whose deflate data is damaged (xlsx and docx) is "文件已损坏", exit 2;
- a real .doc with everything after the OLE header zeroed (the same bytes named .xls), and
  a .doc that is only an OLE header, are refused by the OLE structure check before any
  reader sees them — exit 2, in bounded memory (the process runs under a 3 GB cap);
- LibreOffice runs in its own process group: after a conversion timeout, and after a real
  SIGTERM to the perfgoals process converting, no ``soffice.bin`` and no ``perfgoals-doc-*``
  folder remain.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from form_fixtures import docx_forms, form_88, xlsx_forms

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """perfgoals in a child process capped at 3 GB of address space."""
    cap = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30)); "
    code = cap + "import sys; from perfgoals_xl.cli import main; sys.exit(main(sys.argv[1:]))"
    full = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=full,
                          timeout=timeout)


def _damage_member(src: Path, dst: Path, member: str) -> Path:
    """Flip bytes inside one member's deflate data (the central directory stays intact)."""
    raw = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 16, start + min(info.compress_size, 64)):
        raw[k] ^= 0x5A
    dst.write_bytes(bytes(raw))
    return dst


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_damaged_deflate_member_is_a_damaged_file(tmp_path: Path, kind: str) -> None:
    if kind == "xlsx":
        good = xlsx_forms(tmp_path / "good.xlsx", [[form_88()[0]]])
        member = "xl/worksheets/sheet1.xml"
    else:
        good = docx_forms(tmp_path / "good.docx", [form_88()[0]])
        member = "word/document.xml"
    bad = _damage_member(good, tmp_path / f"bad.{kind}", member)
    for command in (["import", str(bad), "-o", str(tmp_path / "o.json")], ["check", str(bad)],
                    ["report", str(bad), "-o", str(tmp_path / "r.xlsx")]):
        proc = _cli(*command)
        assert proc.returncode == 2, (command, proc.stderr)
        assert "文件已损坏" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr


def _real_doc(tmp_path: Path) -> Path:
    docx = docx_forms(tmp_path / "real.docx", [form_88()[0]])
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=120,
                   check=True)
    return tmp_path / "real.doc"


def _ole_from_cfb(tmp_path: Path) -> bytes:
    """A valid OLE file of our own (MS-CFB writer), for machines without LibreOffice."""
    from perfgoals_xl.vba.cfb import CfbStorage, build_compound_file

    return build_compound_file(CfbStorage(streams={"WordDocument": os.urandom(20000), "1Table": b"\x01" * 9000}))


@pytest.mark.parametrize("suffix", [".doc", ".xls", ".wps"])
def test_zeroed_and_header_only_ole_files_are_refused_in_bounded_memory(tmp_path: Path, suffix: str) -> None:
    original = _real_doc(tmp_path).read_bytes() if SOFFICE else _ole_from_cfb(tmp_path)
    zeroed = tmp_path / f"zeroed{suffix}"
    zeroed.write_bytes(original[:512] + bytes(len(original) - 512))
    header = tmp_path / f"header{suffix}"
    header.write_bytes(original[:512])
    looped = tmp_path / f"looped{suffix}"  # every FAT entry points at sector 0: a chain that never ends
    fat = bytearray(original)
    first_fat = int.from_bytes(original[76:80], "little")
    start = 512 * (first_fat + 1)
    fat[start:start + 512] = bytes(512)
    looped.write_bytes(bytes(fat))
    for path in (zeroed, header, looped):
        for command in (["import", str(path), "-o", str(tmp_path / "o.json"), "--force"], ["check", str(path)]):
            proc = _cli(*command)
            assert proc.returncode == 2, (path.name, command, proc.returncode, proc.stderr[-500:])
            assert "文件已损坏" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr


def test_ole_check_passes_a_whole_file(tmp_path: Path) -> None:
    from perfgoals_xl.sources.ole_safety import check_ole_file

    path = tmp_path / "ok.doc"
    path.write_bytes(_ole_from_cfb(tmp_path))
    check_ole_file(path)  # no exception: the chains of a well-formed file end where they should


def _office_processes(marker: str) -> list[str]:
    """Command lines of running processes that mention marker (our private folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(f"{entry.name} {cmdline}")
    return found


def _wait_gone(marker: str, seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := _office_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@needs_soffice
def test_conversion_timeout_leaves_no_libreoffice_and_no_folder(tmp_path: Path) -> None:
    doc = _real_doc(tmp_path)
    work = tmp_path / "tmp"
    work.mkdir()
    code = textwrap.dedent(f"""
        from perfgoals_xl.errors import InputError
        from perfgoals_xl.sources.containers import word
        word.CONVERT_TIMEOUT_S = 0.3   # LibreOffice needs longer than this just to start
        try:
            word.load_grids({str(doc)!r})
        except InputError as exc:
            print(exc)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(work)))
    assert "转换超过" in proc.stdout, proc.stdout + proc.stderr
    assert _wait_gone(str(work)) == []
    assert list(work.glob("perfgoals-doc-*")) == []


@needs_soffice
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_terminated_perfgoals_ends_libreoffice_and_removes_its_folder(tmp_path: Path, sig: int) -> None:
    doc = _real_doc(tmp_path)
    work = tmp_path / "tmp"
    work.mkdir()
    child = subprocess.Popen([sys.executable, "-m", "perfgoals_xl", "import", str(doc), "-o", str(tmp_path / "o.json")],
                             env=dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(work)),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any("soffice.bin" in line for line in _office_processes(str(work))):
        assert child.poll() is None and time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.02)
    child.send_signal(sig)
    assert child.wait(timeout=30) == -sig  # it still dies of the signal, as before
    assert _wait_gone(str(work)) == []
    assert list(work.glob("perfgoals-doc-*")) == []
