"""`perfgoals addin install/uninstall` never overwrites or deletes a file it did not write (issue #20).

A perfgoals.xlam already in the folder is replaced or removed only when it is ours (a zip with
our title in its core properties and a VBA project: ``addin.is_our_addin``); anything else — a
person's own file of that name, a damaged copy, a folder, a link — is left as it was, with one
Chinese line and exit code 2. ``--dir`` naming a file is said so, for install and uninstall.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from perfgoals_xl import addin
from perfgoals_xl.cli import main


@pytest.fixture(scope="module")
def ours() -> bytes:
    return addin.build_addin()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return out.getvalue()


def _core(title: str) -> bytes:
    return (f'<cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title></cp:coreProperties>").encode()


def foreign_files(ours: bytes) -> dict[str, bytes]:
    return {
        "text": "我自己的加载项".encode(),
        "another add-in": _zip({"docProps/core.xml": _core("别人的加载项"), "xl/vbaProject.bin": b"x"}),
        "our title, no macros": _zip({"docProps/core.xml": _core(addin.ADDIN_TITLE)}),
        "ours cut short": ours[: len(ours) // 2],
        "empty": b"",
    }


def _one_line_exit_2(capsys, code: int) -> str:
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("kind", ["text", "another add-in", "our title, no macros", "ours cut short", "empty"])
def test_a_file_not_ours_is_neither_overwritten_nor_deleted(tmp_path: Path, ours, kind, capsys):
    data = foreign_files(ours)[kind]
    target = tmp_path / "perfgoals.xlam"
    target.write_bytes(data)
    for action in ("install", "uninstall"):
        err = _one_line_exit_2(capsys, main(["addin", action, "--dir", str(tmp_path)]))
        assert "不是 perfgoals-xl 生成的加载项" in err
        assert target.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["perfgoals.xlam"]  # no temporary file left


def test_our_own_add_in_is_updated_and_removed(tmp_path: Path, ours, capsys):
    target = tmp_path / "perfgoals.xlam"
    target.write_bytes(ours)
    assert addin.is_our_addin(target)
    assert main(["addin", "install", "--dir", str(tmp_path)]) == 0
    assert main(["addin", "uninstall", "--dir", str(tmp_path)]) == 0 and not target.exists()


def test_a_folder_or_a_link_named_like_the_add_in_is_left_alone(tmp_path: Path, ours, capsys):
    (tmp_path / "a" / "perfgoals.xlam").mkdir(parents=True)
    (tmp_path / "a" / "perfgoals.xlam" / "keep.txt").write_text("x")
    for action in ("install", "uninstall"):
        _one_line_exit_2(capsys, main(["addin", action, "--dir", str(tmp_path / "a")]))
    assert (tmp_path / "a" / "perfgoals.xlam" / "keep.txt").read_text() == "x"
    elsewhere = tmp_path / "mine.xlam"
    elsewhere.write_bytes(ours)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "perfgoals.xlam").symlink_to(elsewhere)
    _one_line_exit_2(capsys, main(["addin", "uninstall", "--dir", str(tmp_path / "b")]))
    assert elsewhere.read_bytes() == ours and (tmp_path / "b" / "perfgoals.xlam").is_symlink()


@pytest.mark.parametrize("action", ["install", "uninstall"])
def test_dir_naming_a_file_is_said_so(tmp_path: Path, action, capsys):
    file = tmp_path / "XLSTART"
    file.write_text("not a folder")
    err = _one_line_exit_2(capsys, main(["addin", action, "--dir", str(file)]))
    assert "应为文件夹" in err and file.read_text() == "not a folder"
