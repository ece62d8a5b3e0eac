"""A container's file read whole, once its size is known to be within the container's limit."""

from __future__ import annotations

from pathlib import Path

from perfgoals_xl.errors import InputError


def read_bounded(path: str | Path, limit: int, what: str, advice: str = "") -> bytes:
    """A file's bytes, after saying in one Chinese line that it is missing or over ``limit`` bytes
    (``what``: the kind of file, as a person calls it; ``advice``: what to do then)."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "文件不存在")
    size = p.stat().st_size
    if size > limit:
        raise InputError(p, f"{what} {size // 2**20} MB，超过上限 {limit // 2**20} MB{advice}")
    return p.read_bytes()
