"""Expand command-line inputs (files, folders, globs) the same way for every command.

``collect_inputs`` is the one expansion: files as given, folders recursively, globs
expanded here (Windows ``cmd`` expands nothing). What a folder holds but the tool does
not read (images, archives, OFD files …) is listed with the reason, once
(:func:`skipped_message`); the resource folder of a saved web page (``页面_files``) is one such
entry, its frame pages being read with the page. Each input gets a stable, unique output stem for ``convert``.
"""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import READABLE_SUFFIXES


@dataclass(frozen=True)
class BatchInput:
    """One input file and the stem its outputs are named after."""

    path: Path
    stem: str
    #: the path as the user wrote it or the folder walk found it (for messages); None = ``path``
    shown: Path | None = None
    #: the path shown in outputs (文件, 来源, 位置): inside a folder given, relative to that folder's
    #: parent (``in/sub/x.txt``); a file given, as written; None = ``display``
    relative: str | None = None

    @property
    def display(self) -> Path:
        """The path to show a person (relative where the argument was)."""
        return self.shown or self.path

    @property
    def place(self) -> str:
        """The path as outputs show it (see ``relative``)."""
        return self.relative or str(self.display)


@dataclass
class InputSet:
    """The expansion of the arguments: inputs, files skipped (with why), arguments that gave nothing."""

    inputs: list[BatchInput] = field(default_factory=list)
    #: (file inside a folder or matched by a glob, why it is not read)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    #: arguments naming nothing: a missing path, a glob without matches
    missing: list[InputError] = field(default_factory=list)
    #: folders with no readable file in them
    empty: list[InputError] = field(default_factory=list)

    def by_stem(self) -> list[BatchInput]:
        """The inputs sorted by output stem (a batch's stable order)."""
        return sorted(self.inputs, key=lambda b: (b.stem, str(b.path)))


#: Why a file of this kind is skipped (suffix → reason), for the ones people keep next to tables.
SKIP_REASONS: dict[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"),
                    "图片，须先识别为文字（或找到原 PDF / 表格）"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz"), "压缩包，请先解压"),
    **dict.fromkeys((".ofd",), "OFD 版式文件，请另存为 PDF"),
}
_OTHER_REASON = "不是可读取的格式"
_LOCK_REASON = "Office 临时锁定文件（工作簿正在别处打开）"


#: Folders a browser or Office writes beside a page saved whole (页面.html + 页面_files/).
_RESOURCE_SUFFIXES = ("_files", ".files")
_PAGE_SUFFIXES = (".htm", ".html", ".shtml", ".xhtml", ".mht", ".mhtml")
_RESOURCES_REASON = "另存网页的资源文件夹，其中框架页的表格随网页一起读取"


def page_resources(folder: Path) -> bool:
    """Is ``folder`` the resource folder of a web page saved beside it (``页面_files`` next to
    ``页面.html``; Office writes ``页面.files``)?"""
    name = folder.name
    if not name.lower().endswith(_RESOURCE_SUFFIXES) or len(name) <= 6:
        return False
    stem = name[:-6]
    return any((folder.parent / (stem + suffix)).is_file() for suffix in _PAGE_SUFFIXES)


def _page_resources_of(path: Path, top: Path, known: dict[Path, bool]) -> Path | None:
    """The saved page's resource folder under ``top`` that holds ``path``, if any (``known``
    caches the folders judged)."""
    folder = top
    for part in path.relative_to(top).parts[:-1]:
        folder = folder / part
        if folder not in known:
            known[folder] = page_resources(folder)
        if known[folder]:
            return folder
    return None


def skip_reason(path: Path) -> str | None:
    """Why a file found by a folder or glob is not read; None when it is read."""
    name = path.name
    if name.startswith("~$"):
        return _LOCK_REASON
    suffix = path.suffix.lower()
    if suffix in READABLE_SUFFIXES:
        return None
    return SKIP_REASONS.get(suffix, _OTHER_REASON)


def _slug(text: str) -> str:
    """A file-name-safe form of a relative path: separators → '__', dots and spaces → '_'."""
    text = text.replace("\\", "/").strip("/")
    text = "__".join(part for part in text.split("/") if part not in ("", "."))
    return re.sub(r"[\s.:*?\"<>|]+", "_", text)


def _missing(argument: str) -> InputError:
    what = "文件或文件夹" if not Path(argument).suffix else "文件"
    return InputError(argument, f"{what}不存在")


def collect_inputs(arguments: list[str], *, exclude: Path | None = None) -> InputSet:
    """Files, folders (recursive) and globs → unique inputs, skipped files, problems.

    Inputs keep the order of the arguments (a folder's files sorted); ``by_stem`` sorts.

    A stem is the file's path relative to the folder argument it was found in (just its
    name for a file argument), extension included (x.txt and x.json differ); where two
    inputs still share a stem, each gets a short hash of its absolute path appended.
    Hidden files and folders (a leading dot) are ignored without a word.
    """
    result = InputSet()
    found: dict[Path, tuple[str, Path]] = {}
    relative: dict[Path, str] = {}
    skipped: dict[Path, str] = {}

    def consider(path: Path, stem: str, folder: Path | None = None) -> bool:
        if path.name.startswith("."):
            return False
        reason = skip_reason(path)
        if reason:
            skipped.setdefault(path, reason)
            return False
        key = path.resolve()
        found.setdefault(key, (stem, path))
        if folder is not None:
            name = folder.resolve().name or str(folder)
            relative.setdefault(key, Path(name, path.relative_to(folder)).as_posix())
        return True

    for argument in arguments:
        magic = glob.has_magic(argument)
        matches = [Path(m) for m in _glob(argument)] if magic else [Path(argument)]
        if magic and not matches:
            result.missing.append(InputError(argument, "没有匹配的文件"))
            continue
        for match in matches:
            if match.is_dir():
                readable = 0
                resources: dict[Path, bool] = {}
                for child in sorted(match.rglob("*")):
                    if not child.is_file() or (exclude is not None and _inside(child, exclude)):
                        continue
                    if any(p.startswith(".") for p in child.relative_to(match).parts):
                        continue
                    owner = _page_resources_of(child, match, resources)
                    if owner is not None:
                        skipped.setdefault(owner, _RESOURCES_REASON)
                        continue
                    readable += consider(child, _slug(str(child.relative_to(match))), match)
                if not readable:
                    result.empty.append(InputError(
                        match, "文件夹中没有可读取的文件（" + " ".join(sorted(READABLE_SUFFIXES)) + "）"))
            elif match.is_file():
                if magic:
                    consider(match, _slug(match.name))
                else:  # a file named explicitly is read whatever its extension (the reader says why not)
                    found.setdefault(match.resolve(), (_slug(match.name), match))
            else:
                result.missing.append(_missing(str(match)))
    stems: dict[str, list[Path]] = {}
    for path, (stem, _) in found.items():  # casefold: X.txt and x.txt clash on Windows and macOS
        stems.setdefault(stem.casefold(), []).append(path)
    for path, (stem, shown) in found.items():
        if len(stems[stem.casefold()]) > 1:
            stem = f"{stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
        result.inputs.append(BatchInput(path=path, stem=stem, shown=None if shown == path else shown,
                                        relative=relative.get(path)))  # one Path a file when they agree
    result.skipped = sorted(skipped.items())
    return result


def expand_inputs(arguments: list[str], *, exclude: Path | None = None) -> list[BatchInput]:
    """The inputs of :func:`collect_inputs`; InputError for the first argument naming nothing."""
    collected = collect_inputs(arguments, exclude=exclude)
    if collected.missing:
        raise collected.missing[0]
    return collected.by_stem()


def single_input(argument: str) -> Path:
    """One input for commands that read one table: a file, or a glob matching exactly one file."""
    if not glob.has_magic(argument):
        return Path(argument)
    matches = [Path(m) for m in _glob(argument) if Path(m).is_file()]
    if not matches:
        raise InputError(argument, "没有匹配的文件")
    if len(matches) > 1:
        shown = "、".join(m.name for m in matches[:3]) + ("……" if len(matches) > 3 else "")
        raise InputError(argument, f"匹配到 {len(matches)} 个文件（{shown}），此命令只读取一个文件；"
                                   "多个文件请用 perfgoals convert 或 perfgoals check")
    return matches[0]


def _glob(pattern: str) -> list[str]:
    """Glob matches, sorted. A recursive ``**`` never follows symlinked folders (a link loop
    would make glob.glob walk forever): the part from the first wildcard on is matched by
    pathlib, whose ``**`` does not follow them."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root = Path(*parts[:first]) if first else Path()
    rest = "/".join(parts[first:])
    try:
        found = [str(p) for p in root.glob(rest)] if root.is_dir() else []
    except (OSError, ValueError):
        return []
    return sorted(found)


def skipped_message(skipped: list[tuple[Path, str]], *, shown: int = 3) -> str | None:
    """One Chinese paragraph listing the skipped files grouped by reason; None when none were."""
    if not skipped:
        return None
    groups: dict[str, list[Path]] = {}
    for path, reason in skipped:
        groups.setdefault(reason, []).append(path)
    parts = []
    for reason, paths in groups.items():
        names = "、".join(p.name for p in paths[:shown]) + (f" 等 {len(paths)} 个" if len(paths) > shown else "")
        parts.append(f"{names}（{reason}）")
    what = "项" if any(path.is_dir() for path, _ in skipped) else "个文件"  # (a saved page's resource folder)
    return f"已跳过 {len(skipped)} {what}：" + "；".join(parts)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
