"""Malformed Word XML (issue #20, class 2): one Chinese line and exit 2, never an internal error.

Each case starts from a real .docx form (python-docx) and breaks one thing in its package:
an invalid character reference, a raw control character, an empty or non-XML
document.xml, no w:body, a root that is not Word's, a duplicate member, broken or
dangling relationships, tables nested deeper than libxml2's limit, an entity expansion
bomb and an entity inside an attribute. A bad span attribute is read as 1, not a crash.
"""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from form_fixtures import docx_forms, form_88

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table

ROOT = Path(__file__).resolve().parents[1]
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _members(tmp_path: Path) -> dict[str, bytes]:
    src = docx_forms(tmp_path / "seed.docx", [form_88()[0]])
    with zipfile.ZipFile(src) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write(path: Path, members: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we write on purpose
        for name, data in members.items():
            zf.writestr(name, data)
        for name, data in extra:
            zf.writestr(name, data)
    return path


def _bomb(document: str) -> str:
    entities = '<!ENTITY a "' + "a" * 40 + '">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    body = document[document.index("<w:document"):]
    return f'<?xml version="1.0"?>\n<!DOCTYPE w:document [{entities}]>' + body.replace("<w:t>", "<w:t>&j;", 1)


def _cases(document: str) -> dict[str, tuple[dict[str, bytes | None], list[tuple[str, bytes]], str]]:
    """name → (replaced members (None: removed), extra members, expected words in the message)."""
    first = document.index("<w:t>") + len("<w:t>")
    body = document.index("<w:body>") + len("<w:body>")
    depth = 400
    nested = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/></w:tc></w:tr></w:tbl>" * depth
    dangling = (f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                f'Type="{_OFFICE_DOC}" Target="word/nothere.xml"/></Relationships>')
    doc = "word/document.xml"
    return {
        "charref": ({doc: (document[:first] + "&#1;" + document[first:]).encode()}, [], "控制字符"),
        "control": ({doc: (document[:first] + "\x01" + document[first:]).encode()}, [], "控制字符"),
        "empty": ({doc: b""}, [], "内容为空"),
        "not_xml": ({doc: "这不是 XML".encode()}, [], "不是 XML"),
        "no_body": ({doc: re.sub(r"<w:body>.*</w:body>", "", document, flags=re.S).encode()}, [], "w:body"),
        "foreign_root": ({doc: b'<?xml version="1.0"?><html><body>x</body></html>'}, [], "w:document"),
        "duplicate": ({}, [(doc, document.encode())], "出现了两次"),
        "rels_not_xml": ({"word/_rels/document.xml.rels": b"<garbage"}, [], "document.xml.rels"),
        "rels_dangling": ({"_rels/.rels": dangling.encode()}, [], "word/nothere.xml"),
        "no_content_types": ({"[Content_Types].xml": None}, [], "[Content_Types].xml"),
        "deep_tables": ({doc: (document[:body] + nested + document[body:]).encode()}, [], "256"),
        "entity_bomb": ({doc: _bomb(document).encode()}, [], "DTD"),
        "entity_in_attribute": ({doc: ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x "2">]>'
                                       + document[document.index("<w:document"):].replace('w:val="', 'w:val="&x;', 1)
                                       ).encode()}, [], "DTD"),
    }


def _build(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    members = _members(tmp_path)
    document = members["word/document.xml"].decode("utf-8")
    built = {}
    for name, (replaced, extra, expected) in _cases(document).items():
        parts = dict(members)
        for part, data in replaced.items():
            if data is None:
                parts.pop(part)
            else:
                parts[part] = data
        built[name] = (_write(tmp_path / f"{name}.docx", parts, extra), expected)
    return built


def test_every_malformed_word_file_is_one_input_error(tmp_path: Path) -> None:
    for name, (path, expected) in _build(tmp_path).items():
        with pytest.raises(InputError) as caught:
            read_table(path)
        message = str(caught.value)
        assert expected in message and "\n" not in message, (name, message)
        assert re.search(r"[\u4e00-\u9fff]", message), (name, message)


def test_malformed_word_files_exit_2_on_the_command_line(tmp_path: Path) -> None:
    built = _build(tmp_path)
    for name in ("entity_bomb", "deep_tables", "no_body", "charref"):
        path = built[name][0]
        proc = subprocess.run([sys.executable, "-m", "perfgoals_xl", "check", str(path)], capture_output=True,
                              text=True, timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert proc.returncode == 2, (name, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "内部错误" not in proc.stderr, (name, proc.stderr)


def test_bad_span_attributes_are_read_not_crashed_on(tmp_path: Path) -> None:
    members = _members(tmp_path)
    document = members["word/document.xml"].decode("utf-8")
    document = document.replace("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="x9"/></w:trPr>', 1)
    document = re.sub(r'<w:gridSpan w:val="\d+"/>', '<w:gridSpan w:val="99999999999999999999"/>', document, count=1)
    members["word/document.xml"] = document.encode()
    table = read_table(_write(tmp_path / "spans.docx", members))
    assert table.projects()
