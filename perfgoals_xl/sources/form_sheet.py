"""One sheet (or Word table) seen by the form reader: filled cells, merge origins, locations.

The view itself (``sheet_view.SheetView``) is shared with the department reader; the form
reader's adds ``label``: the form field a cell labels (vocabulary.FORM_LABELS).
"""

from __future__ import annotations

from perfgoals_xl.sources.sheet_view import SheetView
from perfgoals_xl.sources.vocabulary import form_label_of


class FormSheet(SheetView):
    """Filled rows of a grid with cell texts, origins and locations, and the form labels of its cells."""

    def label(self, r: int, c: int) -> tuple[str | None, str | None]:
        """The form field a cell labels and the money unit written in it (None, None if none)."""
        text = self.text(r, c)
        if not text or len(text) > 40:
            return None, None
        return form_label_of(text)  # cached by text
