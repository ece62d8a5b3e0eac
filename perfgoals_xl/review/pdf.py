"""A PDF beside a document, made by LibreOffice when it is installed (its own process group and
working folder: :mod:`perfgoals_xl.office_process`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: Seconds LibreOffice gets to convert one document.
PDF_TIMEOUT_S = 120


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(document: str | Path, pdf: str | Path | None = None, *, force: bool = False) -> Path | None:
    """Convert a .docx or .xlsx to PDF beside it (or at ``pdf``); None when LibreOffice is absent
    or could not convert it (the document itself is kept)."""
    from perfgoals_xl.office_process import OfficeTimeout, office_folder, run_office
    from perfgoals_xl.sinks.atomic import check_writable

    binary = soffice()
    if binary is None:
        return None
    document = Path(document)
    target = check_writable(Path(pdf) if pdf else document.with_suffix(".pdf"), force=force)
    with office_folder() as tmp:
        source = tmp / ("input" + document.suffix.lower())
        shutil.copyfile(document, source)
        cmd = [binary, "--headless", "--norestore", f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(tmp), str(source)]
        try:
            run_office(cmd, timeout=PDF_TIMEOUT_S, env=dict(os.environ, HOME=str(tmp)))
        except OfficeTimeout:
            return None
        made = tmp / "input.pdf"
        if not made.is_file():
            return None
        from perfgoals_xl.sinks.atomic import write_atomic

        return write_atomic(target, lambda out: shutil.copyfile(made, out), force=force)
