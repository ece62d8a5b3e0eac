"""Bad workbooks: corrupt, password-protected, zip bombs — one clear error, nothing written."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table
from perfgoals_xl.vba.cfb import CfbStorage, build_compound_file


def _import_refused(tmp_path, capsys, path, expected):
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "out.xlsx"
    assert main(["import", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert expected in err and str(path) in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temp file left either
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_zip_bomb_is_refused_before_decompressing(tmp_path, capsys):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="填报"/></sheets></workbook>')
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))  # 64 MB of zeros
    assert path.stat().st_size < 1024 * 1024
    _import_refused(tmp_path, capsys, path, "压缩炸弹")


def test_encrypted_xlsx_is_refused(tmp_path, capsys):
    path = tmp_path / "secret.xlsx"
    ole = CfbStorage(streams={"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\0" * 64,
                              "EncryptedPackage": b"\0" * 4096})
    path.write_bytes(build_compound_file(ole))
    _import_refused(tmp_path, capsys, path, "密码")


@pytest.mark.parametrize("content", [b"PK\x03\x04 truncated zip", b"PK\x03\x04" + b"\xff" * 300])
def test_corrupt_xlsx_is_refused(tmp_path, capsys, content):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    _import_refused(tmp_path, capsys, path, "损坏")


def test_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError):
        read_table(path)
    with pytest.raises(InputError):
        read_table(path, layout="longform")


def test_entry_output_failure_leaves_no_file(tmp_path, capsys, seed_path):
    out = tmp_path / "exists.xlsx"
    out.write_bytes(b"old")
    assert main(["import", str(seed_path), "-o", str(out)]) == 2
    assert out.read_bytes() == b"old"
    assert main(["import", str(seed_path), "-o", str(out), "--force"]) == 0
    assert read_table(out).department == "广州市人民政府驻北京办事处"
