"""Office paths pass: every corpus table as the files an office suite makes of it, read like the original.

People do not only hold the page and the attachment: they open the saved page in Excel, WPS or
LibreOffice and save it as a workbook (or save that again as CSV), open a Word attachment and print
it to PDF, save it as a web page. This pass makes those files with LibreOffice for the whole corpus
— every ``page.html`` opened in Calc and saved as .xlsx / .ods / .xls, the .xlsx saved again as CSV;
every ``original.docx`` printed to PDF by Writer and saved as HTML by Writer — reads each with the
tool and scores it against the same expected.json, side by side with the file it was made from. A
path reading fewer fields, or giving error findings the file it was made from does not give, is a
class to fix (the classes this pass found are pinned in tests/test_pages_opened_in_office.py; the
Word PDF became the corpus's held kind ``word.pdf``).

Usage (from the repository root; needs ``soffice``; a few minutes)::

    PYTHONPATH=$PWD:$PWD/tests python tests/corpus/office_paths.py [--only xlsx,ods,xls,csv,pdf,html,browser,browser-a4,browser-landscape] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from corpus_fidelity import load_entries, score_file, unjudged_errors  # noqa: E402

#: Path → (file made from, LibreOffice options (the paper, for a browser), suffix written).
PATHS = {
    "xlsx": ("page.html", ["--infilter=HTML (StarCalc)", "--convert-to", "xlsx:Calc MS Excel 2007 XML"], "xlsx"),
    "ods": ("page.html", ["--infilter=HTML (StarCalc)", "--convert-to", "ods"], "ods"),
    "xls": ("page.html", ["--infilter=HTML (StarCalc)", "--convert-to", "xls:MS Excel 97"], "xls"),
    "csv": ("page.html", None, "csv"),  # the .xlsx above saved again as CSV
    "pdf": ("original.docx", ["--convert-to", "pdf:writer_pdf_Export"], "pdf"),
    "html": ("original.docx", ["--convert-to", "html:HTML (StarWriter)"], "html"),
    "browser": ("page.html", None, "pdf"),  # the page printed to PDF by Chromium (build.write_browser_pdf)
    # the same on A4 paper (what a Chinese user's printer dialog defaults to; Chromium's own default is
    # Letter), upright and turned: other page breaks cut other rows
    "browser-a4": ("page.html", "A4", "pdf"),
    "browser-landscape": ("page.html", "A4 landscape", "pdf"),
}
_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false"


def _convert(sources: list[Path], options: list[str], out: Path, profile: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", *options,
                    "--outdir", str(out), *map(str, sources)], check=True, capture_output=True, timeout=3600)


def main(argv: list[str]) -> int:
    """Make the files, score them, print one Markdown table and the tables that read worse."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(p for p in PATHS if not p.startswith("browser")))
    parser.add_argument("--keep", type=Path, help="write the files here (kept) instead of a temporary folder")
    args = parser.parse_args(argv)
    if shutil.which("soffice") is None:
        raise SystemExit("needs LibreOffice (soffice)")
    chosen = [p for p in args.only.split(",") if p in PATHS]
    entries = load_entries()
    work = args.keep or Path(tempfile.mkdtemp(prefix="office-paths-"))
    print("| 路径 | 原文件 | 原文件读对 | 转换后读对 | 变差的表 |\n|---|---|---|---|---|")
    for name in chosen:
        source, options, suffix = PATHS[name]
        copies = work / f"in-{source}"
        if not copies.exists():
            copies.mkdir(parents=True)
            for e in entries:
                if e.path / source in e.read_files():
                    shutil.copy(e.path / source, copies / f"{e.id}{Path(source).suffix}")
        made = work / name
        if name.startswith("browser"):
            from build import write_browser_pdf

            made.mkdir(parents=True, exist_ok=True)
            for page in sorted(copies.iterdir()):  # options: the paper, as the user's print dialog sets it
                write_browser_pdf(page, made / f"{page.stem}.pdf", options)
        elif name == "csv":
            if not (work / "xlsx").exists():
                _convert(sorted(copies.iterdir()), PATHS["xlsx"][1], work / "xlsx", work / "profile")
            _convert(sorted((work / "xlsx").glob("*.xlsx")), ["--convert-to", _CSV], made, work / "profile")
        else:
            _convert(sorted(copies.iterdir()), options, made, work / "profile")
        right = [0, 0, 0, 0]
        worse: list[str] = []
        for e in entries:
            held = made / f"{e.id}.{suffix}"
            if not held.exists():
                continue
            a, b = score_file(e, e.path / source), score_file(e, held)
            right = [right[0] + a.right, right[1] + a.total, right[2] + b.right, right[3] + b.total]
            new_errors = [f for f in unjudged_errors(e, b) if f not in unjudged_errors(e, a)]
            if b.right < a.right or new_errors or b.error:
                worse.append(f"{e.id}: {a.right}/{a.total} → {b.right}/{b.total} {b.error or ''} "
                             f"{[m for m in b.misses if m not in a.misses][:3]} {new_errors[:2]}")
        print(f"| {name} | {source} | {right[0]}/{right[1]} | {right[2]}/{right[3]} | {len(worse)} |")
        for line in worse:
            print(f"    {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
