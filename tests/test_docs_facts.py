"""What the docs state exists: every perfgoals flag, every file of ours and every exit code that
README.md and docs/*.md mention (issue 22: docs/checking.md said folders skip Word documents while
the code reads .docx — one truth, checked here)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from perfgoals_xl.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Other programs the docs quote (a word their paragraph must hold) → the flags quoted of them.
OTHER_PROGRAMS = {
    "soffice": ("--headless", "--convert-to"), "xlwings vba": ("--file",), "generate.py": ("--out", "--files"),
    "bench_memory.py": ("--rows", "--million", "--before", "--repeat", "--commands", "--only-commands", "--command"),
    "bench_pdf.py": ("--files", "--projects", "--top", "--keep"), "pip": ("--disable-pip-version-check",),
    "bench_writers.py": ("--before",), "bench_pdf_pages.py": ("--before",),
    "dask": ("--memory-limit", "--lifetime", "--port", "--nworkers", "--nthreads"),
    "bench_corpus_scale.py": ("--workers", "--files"), "fidelity.py": ("--record-round",),
    "bench_suggest_quality.py": ("--limit", "--tune", "--only", "--detail"),
    "build_starter_library.py": ("--check", "--full"),
}
_OTHER_FLAGS = {flag: [p for p, flags in OTHER_PROGRAMS.items() if flag in flags]
                for flags in OTHER_PROGRAMS.values() for flag in flags}
_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]{1,30}")
_OUR_PATH = re.compile(r"(?<![\w/.-])((?:perfgoals_xl|tests|docs|scripts|benchmarks|examples|workbook|macros|\.ci)"
                       r"/[\w./+-]{0,200}[\w])(\*?)")
_PACKAGE_PATH = re.compile(r"(?<![\w/.-])((?:sources|sinks|batch|report|rules|entry|excel|commands|scoring|vba)"
                           r"/\w{1,60}\.py)")
_EXIT = re.compile(r"(?:exits?(?: with)?(?: code)?|退出码)\s{0,3}`?(\d{1,3})`?")
EXIT_CODES = {0, 1, 2, 3, 130}


def _lines() -> list[tuple[str, int, str]]:
    return [(doc.name, n, line) for doc in DOCS for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1)]


def _paragraph(name: str, n: int) -> str:
    """The paragraph (lines between blank lines) around line n of a doc."""
    lines = next(d for d in DOCS if d.name == name).read_text(encoding="utf-8").splitlines()
    first = n - 1
    while first > 0 and lines[first - 1].strip():
        first -= 1
    last = n - 1
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    return "\n".join(lines[first:last + 1])


def _parser_flags() -> dict[str | None, set[str]]:
    """Options of each subcommand (None: the top-level parser)."""
    parser = build_parser()
    out: dict[str | None, set[str]] = {None: {s for a in parser._actions for s in a.option_strings}}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                out[name] = _flags_of(child)
    return out


def _flags_of(parser: argparse.ArgumentParser) -> set[str]:
    """A parser's options and those of its own subcommands (perfgoals library build …)."""
    found = {s for a in parser._actions for s in a.option_strings}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= _flags_of(child)
    return found


def test_every_flag_the_docs_mention_exists():
    flags = _parser_flags()
    every = set().union(*flags.values())
    wrong = []
    for name, n, line in _lines():
        commands = re.findall(r"\bperfgoals (" + "|".join(c for c in flags if c) + r")\b", line)
        for flag in _FLAG.findall(line):
            if flag in _OTHER_FLAGS and flag not in every:
                if not any(program in _paragraph(name, n) for program in _OTHER_FLAGS[flag]):
                    wrong.append(f"{name}:{n} {flag}（应与 {'/'.join(_OTHER_FLAGS[flag])} 在同一段）")
            elif commands and len(set(commands)) == 1 and flag not in flags[commands[0]] | flags[None]:
                wrong.append(f"{name}:{n} perfgoals {commands[0]} 没有 {flag}")
            elif flag not in every:
                wrong.append(f"{name}:{n} 没有命令有 {flag}")
    assert not wrong, wrong


def test_every_file_the_docs_name_exists():
    missing = []
    for name, n, line in _lines():
        for path, star in _OUR_PATH.findall(line):
            if star:
                found = any(ROOT.glob(path + "*"))
            else:
                found = (ROOT / path).exists() or (ROOT / (path.rsplit(".", 1)[0] + ".py")).exists()
            if not found:
                missing.append(f"{name}:{n} {path}{star}")
        for path in _PACKAGE_PATH.findall(line):
            if not (ROOT / "perfgoals_xl" / path).exists():
                missing.append(f"{name}:{n} perfgoals_xl/{path}")
    assert not missing, missing


def test_every_exit_code_the_docs_mention_is_one_we_use():
    cli = (ROOT / "perfgoals_xl" / "cli.py").read_text(encoding="utf-8")
    for code in EXIT_CODES:
        assert str(code) in cli, code  # the codes are documented in the entry point
    mentioned = {(name, n, int(c)) for name, n, line in _lines() for c in _EXIT.findall(line)}
    assert mentioned, "the docs name exit codes"
    assert not [m for m in mentioned if m[2] not in EXIT_CODES], mentioned


def test_folders_read_what_the_docs_say():
    from perfgoals_xl.batch.inputs import SKIP_REASONS
    from perfgoals_xl.sources import READABLE_SUFFIXES

    text = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    listed = re.search(r"文件夹内 ((?:\.\w+ )+)全部校验", text)
    assert listed and set(listed.group(1).split()) == READABLE_SUFFIXES
    for suffix in SKIP_REASONS:
        assert suffix not in READABLE_SUFFIXES
    assert ".docx" in READABLE_SUFFIXES and "Word 文档（.docx）" not in text


def _ribbon_picture() -> list[str]:
    """The lines of the ribbon picture in docs/excel.md §2 (its first fenced block)."""
    text = (ROOT / "docs" / "excel.md").read_text(encoding="utf-8")
    section = text[text.index("## 2. "):]
    start = section.index("```\n") + 4
    return section[start:section.index("```", start)].splitlines()


def _ribbon_groups() -> list[tuple[str, list[str]]]:
    """(group label, button labels) of the ribbon, in order, from macros/customUI14.xml."""
    from lxml import etree

    ns = "{http://schemas.microsoft.com/office/2009/07/customui}"
    root = etree.parse(str(ROOT / "macros" / "customUI14.xml"), etree.XMLParser(resolve_entities=False)).getroot()
    return [(g.get("label"), [b.get("label") for b in g.iter(ns + "button")]) for g in root.iter(ns + "group")]


def test_the_ribbon_picture_shows_every_button_of_the_ribbon_in_order():
    """docs/excel.md's picture of the 绩效目标 tab is drawn from customUI14.xml: every group and button
    label, in the ribbon's order (read line by line, left to right), and a frame that lines up."""
    import unicodedata

    lines = _ribbon_picture()
    assert "绩效目标" in lines[0]  # the tab
    label = re.compile(r"│ {0,8}([^\s│┌┐└┘─]{1,20}) {0,8}(?=│)")
    after_tops = [lines[k + 1] for k in range(1, len(lines) - 1) if "┌" in lines[k]]
    shown = [m.group(1) for line in after_tops for m in label.finditer(line)]
    groups = _ribbon_groups()
    assert shown == [b for _, buttons in groups for b in buttons]
    after_bottoms = [lines[k + 1] for k in range(1, len(lines) - 1) if "└" in lines[k]]
    assert [w for line in after_bottoms for w in re.findall(r"[^\s│]{1,20}", line)] == [g for g, _ in groups]

    def width(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    assert len({width(line) for line in lines}) == 1


def test_the_readme_counts_the_corpus_as_it_is():
    """README's 'N real published tables (P provinces, budget years A–B' is the corpus of tests/corpus/."""
    from corpus_fidelity import load_entries

    entries = load_entries()
    years = sorted({e.meta["year"] for e in entries if e.meta.get("year")})
    provinces = {e.meta.get("province") for e in entries}
    said = re.search(r"holds (\d+) real published tables \((\d+) provinces,\s+budget years (\d{4})–(\d{4})",
                     (ROOT / "README.md").read_text(encoding="utf-8"))
    assert said is not None
    assert tuple(int(x) for x in said.groups()) == (len(entries), len(provinces), years[0], years[-1])
