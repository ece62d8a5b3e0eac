"""Build an Excel ``vbaProject.bin`` from text VBA modules (MS-OVBA).

The compound file (MS-OVBA §2.2) holds:

* ``VBA/_VBA_PROJECT`` — §2.3.4.1: 0x61CC, version 0xFFFF, 0x00, Reserved3 0x0001 and
  no performance cache, which makes the VBA host compile from source (Reserved3 as in the
  spec's own example and in the add-ins xlwings ships, saved by Excel 16; readers ignore it);
* ``VBA/dir`` — §2.3.4.2, compressed (§2.4.1): PROJECTINFORMATION (§2.3.4.2.1),
  PROJECTREFERENCES (§2.3.4.2.2, registered references only), PROJECTMODULES
  (§2.3.4.2.3) and the terminator;
* ``VBA/<module>`` — §2.3.4.3, compressed source text (attribute lines, then
  code; CRLF line ends) at MODULEOFFSET 0;
* ``PROJECT`` — §2.3.1, text properties, with the protection values CMG, DPB
  and GC encrypted per §2.4.3.2 ("not protected", "no password", "visible");
* ``PROJECTwm`` — §2.3.3, the module-name map (not compressed).

Everything random in the spec (project GUID, encryption seeds) is derived
from ``seed``, so equal inputs give byte-identical output.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .cfb import CfbStorage, build_compound_file
from .compression import compress

__all__ = [
    "DEFAULT_REFERENCES",
    "OFFICE_REFERENCE",
    "STDOLE_REFERENCE",
    "VbaModule",
    "VbaReference",
    "build_vba_project",
    "encrypt_project_value",
    "module_source",
    "project_guid",
]

CODEPAGE = 1252
_ENCODING = "cp1252"
LCID_EN_US = 0x0409
SYSKIND_WIN32 = 0x0001
# PROJECTVERSION (§2.3.4.2.1.11): the values EPPlus writes for a new project.
_VERSION_MAJOR = 1361024421
_VERSION_MINOR = 6

WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
_HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_VB_NAME_LINE = re.compile(r"^\s*Attribute\s+VB_Name\b", re.IGNORECASE | re.MULTILINE)

ModuleKind = Literal["standard", "document"]


@dataclass(frozen=True)
class VbaModule:
    """A VBA module: ``name`` (the codeName for documents), ASCII ``code``, ``kind``.

    ``kind="document"`` is the workbook module (``ThisWorkbook``) or a sheet
    module (its codeName, e.g. ``Sheet1``); ``"standard"`` is a ``.bas`` module.
    ``code`` has no ``Attribute VB_*`` header lines: they are generated.
    """

    name: str
    code: str
    kind: ModuleKind = "standard"


@dataclass(frozen=True)
class VbaReference:
    """A registered type-library reference (REFERENCEREGISTERED, §2.3.4.2.2.5)."""

    name: str
    libid: str


STDOLE_REFERENCE = VbaReference(
    "stdole",
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    r"#OLE Automation",
)
OFFICE_REFERENCE = VbaReference(
    "Office",
    r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
    r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
)
DEFAULT_REFERENCES: tuple[VbaReference, ...] = (STDOLE_REFERENCE, OFFICE_REFERENCE)
"""stdole and the Office type library (``IRibbonControl`` lives in MSO.DLL)."""


#: ``_VBA_PROJECT`` (§2.3.4.1): Reserved1 0x61CC, Version 0xFFFF (no p-code: compile from
#: source), Reserved2 0x00, Reserved3 0x0001 — byte for byte the stream of xlwings.xlam.
VBA_PROJECT_STREAM = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001)


def _mbcs(text: str, what: str) -> bytes:
    try:
        return text.encode(_ENCODING)
    except UnicodeEncodeError as exc:
        raise ValueError(f"{what} is not encodable in code page {CODEPAGE}: {text!r}") from exc


def _lines(code: str) -> list[str]:
    """Split on CRLF, CR or LF only (``str.splitlines`` also splits on FF, VT, ...)."""
    lines = _NEWLINE.split(code)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _check_ascii(module: VbaModule) -> None:
    for lineno, line in enumerate(_lines(module.code), start=1):
        for col, ch in enumerate(line, start=1):
            if ord(ch) > 0x7E or (ord(ch) < 0x20 and ch != "\t"):
                raise ValueError(
                    f"VBA module {module.name!r}: non-ASCII or control character {ch!r} "
                    f"(U+{ord(ch):04X}) at line {lineno}, column {col}: {line.strip()!r}; "
                    "keep VBA ASCII-only (text belongs in Python, cells or the ribbon XML)"
                )


def _validate(modules: Sequence[VbaModule], project_name: str) -> None:
    if not _IDENTIFIER.fullmatch(project_name):
        raise ValueError(f"project name must be a VBA identifier (<= 31 chars): {project_name!r}")
    seen: set[str] = set()
    for module in modules:
        if not _IDENTIFIER.fullmatch(module.name):
            raise ValueError(f"module name must be a VBA identifier (<= 31 chars): {module.name!r}")
        if module.name.lower() in seen:
            raise ValueError(f"duplicate module name (case-insensitive): {module.name!r}")
        seen.add(module.name.lower())
        if module.kind not in ("standard", "document"):
            raise ValueError(f"module {module.name!r}: kind must be 'standard' or 'document'")
        _check_ascii(module)
        if _VB_NAME_LINE.search(module.code):
            raise ValueError(
                f"module {module.name!r}: remove the 'Attribute VB_Name' line, it is generated"
            )


def module_source(module: VbaModule) -> str:
    """Module stream text: generated attribute lines, then the code, CRLF line ends."""
    attrs = [f'Attribute VB_Name = "{module.name}"']
    if module.kind == "document":
        base = WORKBOOK_BASE if module.name == "ThisWorkbook" else WORKSHEET_BASE
        attrs += [
            f'Attribute VB_Base = "{base}"',
            "Attribute VB_GlobalNameSpace = False",
            "Attribute VB_Creatable = False",
            "Attribute VB_PredeclaredId = True",
            "Attribute VB_Exposed = True",
            "Attribute VB_TemplateDerived = False",
            "Attribute VB_Customizable = True",
        ]
    lines = attrs + _lines(module.code)
    return "\r\n".join(lines) + "\r\n"


# --------------------------------------------------------------------------- dir stream


def _record(rec_id: int, payload: bytes) -> bytes:
    return struct.pack("<HI", rec_id, len(payload)) + payload


def _u16(value: int) -> bytes:
    return struct.pack("<H", value)


def _u32(value: int) -> bytes:
    return struct.pack("<I", value)


def _text_pair(rec_id: int, reserved_id: int, text: str, what: str) -> bytes:
    """An MBCS record followed by its UTF-16 twin (e.g. DOCSTRING 0x0005 + 0x0040)."""
    return _record(rec_id, _mbcs(text, what)) + _record(reserved_id, text.encode("utf-16-le"))


def _dir_stream(
    modules: Sequence[VbaModule], project_name: str, references: Sequence[VbaReference]
) -> bytes:
    out = bytearray()
    # PROJECTINFORMATION (§2.3.4.2.1)
    out += _record(0x0001, _u32(SYSKIND_WIN32))  # PROJECTSYSKIND
    out += _record(0x0002, _u32(LCID_EN_US))  # PROJECTLCID
    out += _record(0x0014, _u32(LCID_EN_US))  # PROJECTLCIDINVOKE
    out += _record(0x0003, _u16(CODEPAGE))  # PROJECTCODEPAGE
    out += _record(0x0004, _mbcs(project_name, "project name"))  # PROJECTNAME
    out += _text_pair(0x0005, 0x0040, "", "project docstring")  # PROJECTDOCSTRING
    out += _record(0x0006, b"") + _record(0x003D, b"")  # PROJECTHELPFILEPATH (1 and 2)
    out += _record(0x0007, _u32(0))  # PROJECTHELPCONTEXT
    out += _record(0x0008, _u32(0))  # PROJECTLIBFLAGS
    # PROJECTVERSION: Reserved (=4, stands where a size would) + major (u32) + minor (u16)
    out += _u16(0x0009) + _u32(4) + _u32(_VERSION_MAJOR) + _u16(_VERSION_MINOR)
    out += _text_pair(0x000C, 0x003C, "", "conditional constants")  # PROJECTCONSTANTS
    # PROJECTREFERENCES (§2.3.4.2.2): REFERENCENAME + REFERENCEREGISTERED each
    for ref in references:
        out += _text_pair(0x0016, 0x003E, ref.name, f"reference name {ref.name!r}")
        libid = _mbcs(ref.libid, f"libid of reference {ref.name!r}")
        out += _record(0x000D, _u32(len(libid)) + libid + _u32(0) + _u16(0))
    # PROJECTMODULES (§2.3.4.2.3)
    out += _record(0x000F, _u16(len(modules)))
    out += _record(0x0013, _u16(0xFFFF))  # PROJECTCOOKIE
    for module in modules:
        name = _mbcs(module.name, "module name")
        unicode_name = module.name.encode("utf-16-le")
        out += _record(0x0019, name)  # MODULENAME
        out += _record(0x0047, unicode_name)  # MODULENAMEUNICODE
        out += _record(0x001A, name) + _record(0x0032, unicode_name)  # MODULESTREAMNAME
        out += _record(0x001C, b"") + _record(0x0048, b"")  # MODULEDOCSTRING
        out += _record(0x0031, _u32(0))  # MODULEOFFSET: source starts at 0, no p-code
        out += _record(0x001E, _u32(0))  # MODULEHELPCONTEXT
        out += _record(0x002C, _u16(0xFFFF))  # MODULECOOKIE
        out += _record(0x0021 if module.kind == "standard" else 0x0022, b"")  # MODULETYPE
        out += _record(0x002B, b"")  # module terminator
    out += _record(0x0010, b"")  # dir terminator
    return bytes(out)


# ------------------------------------------------------------------------ PROJECT stream


def _derived_bytes(seed: int | str, label: str, n: int) -> bytes:
    return hashlib.sha256(f"perfgoals-xl vba {seed!s} {label}".encode()).digest()[:n]


def project_guid(seed: int | str) -> str:
    """The project's ``ID`` GUID derived from ``seed``, as ``{XXXXXXXX-...}``."""
    guid = uuid.UUID(bytes=_derived_bytes(seed, "project id", 16), version=4)
    return "{" + str(guid).upper() + "}"


def encrypt_project_value(data: bytes, project_id: str, seed_byte: int) -> str:
    """MS-OVBA §2.4.3.2 data encryption, deterministic for a given ``seed_byte``.

    The IgnoredEnc bytes (any value per the spec) repeat the seed, as EPPlus does.
    """
    version = 2
    proj_key = sum(project_id.encode("ascii")) & 0xFF
    out = bytearray([seed_byte, version ^ seed_byte, proj_key ^ seed_byte])
    unencrypted_1 = proj_key
    encrypted_1 = out[2]
    encrypted_2 = out[1]
    ignored = (seed_byte & 6) // 2
    plain = bytes([seed_byte]) * ignored + struct.pack("<I", len(data)) + data
    for byte in plain:
        byte_enc = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        out.append(byte_enc)
        encrypted_2 = encrypted_1
        encrypted_1 = byte_enc
        unencrypted_1 = byte
    return out.hex().upper()


def _project_stream(modules: Sequence[VbaModule], project_name: str, seed: int | str) -> bytes:
    project_id = project_guid(seed)
    lines = [f'ID="{project_id}"']
    for module in modules:
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")
        else:
            lines.append(f"Module={module.name}")
    lines.append(f'Name="{project_name}"')
    lines.append('HelpContextID="0"')
    lines.append('VersionCompatible32="393222000"')
    values = {
        "CMG": _u32(0),  # ProjectProtectionState: nothing protected (§2.3.1.15)
        "DPB": b"\x00",  # ProjectPassword: no password (§2.3.1.16)
        "GC": b"\xff",  # ProjectVisibilityState: visible (§2.3.1.17)
    }
    for key, data in values.items():
        seed_byte = _derived_bytes(seed, key, 1)[0]
        lines.append(f'{key}="{encrypt_project_value(data, project_id, seed_byte)}"')
    lines += ["", "[Host Extender Info]", _HOST_EXTENDER, "", "[Workspace]"]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _projectwm_stream(modules: Sequence[VbaModule]) -> bytes:
    out = bytearray()
    for module in modules:
        out += _mbcs(module.name, "module name") + b"\0"
        out += module.name.encode("utf-16-le") + b"\0\0"
    return bytes(out + b"\0\0")


# --------------------------------------------------------------------------- public API


def build_vba_project(
    modules: Sequence[VbaModule],
    *,
    project_name: str = "VBAProject",
    references: Sequence[VbaReference] = DEFAULT_REFERENCES,
    seed: int | str = 0,
) -> bytes:
    """Return the bytes of a ``vbaProject.bin`` holding ``modules`` (in that order).

    Raises ``ValueError`` for a non-ASCII character in VBA code (naming the
    module, line and character), a bad or duplicate module name, or an
    ``Attribute VB_Name`` line in the code.  Equal arguments give equal bytes.
    """
    modules = list(modules)
    _validate(modules, project_name)
    vba = CfbStorage()
    vba.streams["_VBA_PROJECT"] = VBA_PROJECT_STREAM
    vba.streams["dir"] = compress(_dir_stream(modules, project_name, references))
    for module in modules:
        vba.streams[module.name] = compress(module_source(module).encode("ascii"))
    root = CfbStorage(storages={"VBA": vba})
    root.streams["PROJECT"] = _project_stream(modules, project_name, seed)
    root.streams["PROJECTwm"] = _projectwm_stream(modules)
    return build_compound_file(root)
