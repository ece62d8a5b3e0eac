"""docs/sources.md holds the sources (documents, clauses, what each rule rests on): every rule
has its entry there and cites it; nothing cites files that are not in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfgoals_xl.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
SECTIONS = set(re.findall(r"^#{2,3} (§[\d.]+)", SOURCES, re.MULTILINE))
FILES = [p for pattern in ("README.md", "docs/*.md", "perfgoals_xl/**/*.py", "tests/**/*.py",
                           "tests/**/*.toml", "benchmarks/*.py", "scripts/*")
         for p in ROOT.glob(pattern) if p.is_file()]


def test_no_citation_of_files_outside_the_repository():
    missing = ("RULES.md", "LAYOUTS.md", "DESIGN.md", "EXCEL.md")
    offenders = [str(p.relative_to(ROOT)) for p in FILES if p.name != Path(__file__).name
                 and any(name in p.read_text(encoding="utf-8", errors="ignore") for name in missing)]
    assert offenders == []


def test_every_cited_section_exists():
    assert {"§1", "§2", "§3", "§4", "§5.1", "§5.2", "§5.3"} <= SECTIONS
    for path in FILES:
        for section in re.findall(r"docs/sources\.md (§[\d.]+\d)", path.read_text(encoding="utf-8", errors="ignore")):
            assert section in SECTIONS, f"{path.relative_to(ROOT)} cites {section}"


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_an_entry_and_cites_it(code):
    short = code.removeprefix("PG-")
    assert re.search(rf"^\| {short}[ /]", SOURCES, re.MULTILINE) or f"/ {short} " in SOURCES, (
        f"{short}: add its row (违反的情形, 依据) to docs/sources.md §4")
    assert f"docs/sources.md §4 {short}" in RULES[code].doc.basis
