"""Reproducible writer of Excel VBA projects (``vbaProject.bin``) from text modules.

Implements MS-OVBA (compression §2.4.1, dir/PROJECT/PROJECTwm streams §2.3,
data encryption §2.4.3) and a small [MS-CFB] compound-file writer.
"""

from .compression import compress, decompress
from .inspect import decrypt_project_value, read_dir_records, read_module_sources, read_streams
from .project import (
    DEFAULT_REFERENCES,
    OFFICE_REFERENCE,
    STDOLE_REFERENCE,
    VbaModule,
    VbaReference,
    build_vba_project,
    module_source,
)

__all__ = [
    "DEFAULT_REFERENCES",
    "OFFICE_REFERENCE",
    "STDOLE_REFERENCE",
    "VbaModule",
    "VbaReference",
    "build_vba_project",
    "compress",
    "decompress",
    "decrypt_project_value",
    "module_source",
    "read_dir_records",
    "read_module_sources",
    "read_streams",
]
