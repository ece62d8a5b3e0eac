"""Official blank templates of several provinces, filled in with a made-up project (tests/templates/):
every field is read from the saved page, the page pasted into Excel and saved as CSV, and the only
error findings are the ones the template's own design causes (findings.json)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from corpus_fidelity import Entry, score_file

TEMPLATES = Path(__file__).parent / "templates"
# tests/corpus/build.py (the held files from a page), loaded by its path: a plain `import build`
# may find PyPA's build package instead
_SPEC = importlib.util.spec_from_file_location("corpus_build", Path(__file__).parent / "corpus" / "build.py")
assert _SPEC is not None and _SPEC.loader is not None
build = importlib.util.module_from_spec(_SPEC)
sys.modules["corpus_build"] = build  # (its dataclasses look their module up)
_SPEC.loader.exec_module(build)

FOLDERS = sorted(p for p in TEMPLATES.iterdir() if (p / "page.html").exists())


def _held(folder: Path, tmp_path: Path) -> list[Path]:
    tables = build.page_tables((folder / "page.html").read_bytes())
    build.write_xlsx(tables, tmp_path / "pasted.xlsx", one_sheet=True)
    build.write_csv(tables, tmp_path / "saved.csv", "utf-8")
    return [folder / "page.html", tmp_path / "pasted.xlsx", tmp_path / "saved.csv"]


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_a_filled_template_reads_every_field(folder: Path, tmp_path: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    allowed = {f["code"] for f in json.loads((folder / "findings.json").read_text(encoding="utf-8"))}
    entry = Entry(path=folder, meta={"id": folder.name, "held_as": ["page.html"]}, expected=expected, judgement=[])
    for path in _held(folder, tmp_path):
        score = score_file(entry, path)
        assert score.error is None, f"{folder.name}/{path.name}: refused: {score.error}"
        assert score.right == score.total, f"{folder.name}/{path.name}: {score.right}/{score.total}: {score.misses[:6]}"
        codes = {code for code, _, _ in score.findings}
        assert codes <= allowed, f"{folder.name}/{path.name}: error findings not caused by the form: {score.findings}"
