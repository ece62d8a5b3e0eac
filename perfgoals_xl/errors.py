"""Errors that reach the user: one clear Chinese message naming the file and what was expected."""

from __future__ import annotations


class PerfGoalsError(Exception):
    """Base of all user-facing errors; str() is the Chinese message shown to the user."""


class InputError(PerfGoalsError):
    """The input cannot be used (missing, empty, wrong encoding, not a performance table …)."""

    def __init__(self, path: object, message: str, *, where: str | None = None) -> None:
        self.path = str(path)
        self.where = where
        location = f"{self.path}" + (f"（{where}）" if where else "")
        super().__init__(f"{location}：{message}")


class OutputError(PerfGoalsError):
    """The output cannot be written (exists without --force, unknown extension …)."""
