"""Expand command-line inputs (files, folders, globs) and give each a stable, unique output name."""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import READABLE_SUFFIXES


@dataclass(frozen=True)
class BatchInput:
    """One input file and the stem its outputs are named after."""

    path: Path
    stem: str


def _is_candidate(path: Path) -> bool:
    name = path.name
    return (
        path.is_file()
        and path.suffix.lower() in READABLE_SUFFIXES
        and not name.startswith((".", "~$"))  # hidden files, Excel lock files
    )


def _slug(text: str) -> str:
    """A file-name-safe form of a relative path: separators → '__', dots and spaces → '_'."""
    text = text.replace("\\", "/").strip("/")
    text = "__".join(part for part in text.split("/") if part not in ("", "."))
    return re.sub(r"[\s.:*?\"<>|]+", "_", text)


def expand_inputs(arguments: list[str], *, exclude: Path | None = None) -> list[BatchInput]:
    """Files, folders (recursive) and globs → sorted unique inputs with stable output stems.

    A stem is the file's path relative to the folder argument it was found in (just its
    name for a file argument), extension included (x.txt and x.json differ); where two
    inputs still share a stem, each gets a short hash of its absolute path appended.
    """
    found: dict[Path, str] = {}
    for argument in arguments:
        matches = [Path(m) for m in sorted(glob.glob(argument, recursive=True))] if glob.has_magic(argument) else [Path(argument)]
        if not matches:
            raise InputError(argument, "没有匹配的文件")
        for match in matches:
            if not match.exists():
                raise InputError(match, "文件或文件夹不存在")
            if match.is_dir():
                for child in sorted(match.rglob("*")):
                    if exclude is not None and _inside(child, exclude):
                        continue
                    if _is_candidate(child) and not any(p.startswith(".") for p in child.relative_to(match).parts):
                        found.setdefault(child.resolve(), _slug(str(child.relative_to(match))))
            elif match.is_file():
                found.setdefault(match.resolve(), _slug(match.name))
    stems: dict[str, list[Path]] = {}
    for path, stem in found.items():  # casefold: X.txt and x.txt clash on Windows and macOS
        stems.setdefault(stem.casefold(), []).append(path)
    result = []
    for path, stem in found.items():
        if len(stems[stem.casefold()]) > 1:
            stem = f"{stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        result.append(BatchInput(path=path, stem=stem))
    return sorted(result, key=lambda b: (b.stem, str(b.path)))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
