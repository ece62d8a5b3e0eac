"""The import graph of perfgoals_xl/sources/ (read from the code, every import statement including the
ones inside functions): no cycle anywhere, and no layout reader importing a container, the dispatcher
or another layout's reader (docs/containers.md: dependencies point down)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parent.parent / "perfgoals_xl" / "sources"
PACKAGE = "perfgoals_xl.sources"

#: Layout readers (grids in, PerfTable out) and the modules of each one's own.
LAYOUTS = {
    "longform": {"longform", "longform_forms", "longform_selfeval"},
    "form": {"form", "form_blocks", "form_grid", "form_sheet"},
    "selfeval_form": {"selfeval_form"},
    "department": {"department", "department_grids"},
}
#: What no layout may import: the containers (file types), the readers by path and the dispatcher.
ABOVE_LAYOUTS = ("containers", "pdf", "pdf_form", "pdf_bundle", "readers", "detect", "")


def module_name(path: Path) -> str:
    rel = path.relative_to(SOURCES).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join([PACKAGE, *parts])


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in SOURCES.rglob("*.py")}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The modules of this package a file imports (a package name stands for its __init__)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                     for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in known)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(path, known) - {name} for name, path in mods.items()}


def test_no_import_cycle_in_sources() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1: on the path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    short = [" → ".join(m.removeprefix(PACKAGE + ".") for m in cycle) for cycle in cycles]
    assert short == []


def _short(name: str) -> str:
    return name.removeprefix(PACKAGE).removeprefix(".")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layouts_import_no_container_and_no_other_layout(layout: str) -> None:
    edges = graph()
    own = LAYOUTS[layout]
    others = set().union(*(mods for name, mods in LAYOUTS.items() if name != layout))
    bad = []
    for module in own:
        for target in edges.get(f"{PACKAGE}.{module}", ()):
            short = _short(target)
            top = short.split(".")[0]
            if top in ABOVE_LAYOUTS or short in others:
                bad.append(f"{module} → {short or 'sources'}")
    assert bad == []


def test_the_walker_sees_imports_inside_functions() -> None:
    edges = graph()
    # read_any imports the containers inside the function body: the walker must see it
    assert f"{PACKAGE}.containers" in edges[f"{PACKAGE}.readers"]
    assert f"{PACKAGE}.containers.html" in edges[f"{PACKAGE}.containers.mht"]


#: Libraries that read a file format; only the containers (and the dispatcher) may import them.
READING_LIBRARIES = ("pdfplumber", "pdfminer")
#: Libraries that read and write a format: no reader outside the containers imports them (the
#: writers — report/, review/ letters in Word — may).
READ_WRITE_LIBRARIES = ("docx",)
#: Modules of the package allowed to import them besides sources/containers/: the dispatcher.
DISPATCHERS = {f"{PACKAGE}", f"{PACKAGE}.readers", f"{PACKAGE}.detect"}
PACKAGE_ROOT = SOURCES.parent


def third_party_imports(path: Path) -> set[str]:
    """The top-level names of every absolute import in a file (inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_file_formats_are_known_only_by_containers() -> None:
    bad = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        rel = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
        name = ".".join(p for p in rel.parts if p != "__init__")
        if name.startswith(f"{PACKAGE}.containers") or name in DISPATCHERS:
            continue
        banned = set(READING_LIBRARIES) | (set(READ_WRITE_LIBRARIES) if name.startswith(PACKAGE) else set())
        bad.extend(f"{name} → {lib}" for lib in sorted(third_party_imports(path) & banned))
    assert bad == []


def test_the_format_check_sees_the_containers_imports() -> None:
    # the check above walks real imports: the containers do import the format libraries
    assert "pdfplumber" in third_party_imports(SOURCES / "containers" / "pdf_pages.py")
    assert "docx" in third_party_imports(SOURCES / "containers" / "word_table.py")
    assert "pdfminer" in third_party_imports(SOURCES / "containers" / "pdf_safety.py")
