"""Pausing Python's cyclic garbage collector around bulk work that makes no reference cycles.

Reading, checking and writing a large table allocate millions of small objects (cells,
indicators, locations, issues) that form no cycles. With a large table in memory, every
full collection walks all of it again: a third of the time of reading a 100,000-row sheet
(benchmarks/bench_memory.py), a quarter of checking it. Reference counting still frees
everything as usual; only the cycle search waits until the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Set once freeze_survivors has frozen objects: gc_paused then knows some are frozen without
#: counting them (``gc.get_freeze_count`` walks every frozen object: 19 ms a call in a batch).
_known_frozen = False


def freeze_survivors() -> None:
    """``gc.freeze()`` what is alive now (call it right after a full collection, when what survives
    lives as long as the run): later collections no longer walk it. Frozen objects are still freed
    by reference counting; only a cycle among them waits, until thaw_survivors."""
    global _known_frozen
    if not _known_frozen and gc.get_freeze_count() > 0:
        return  # the caller froze objects of its own (a server before forking): left as they are
    gc.freeze()
    _known_frozen = True


def thaw_survivors() -> None:
    """Undo freeze_survivors (at the end of a batch run in the caller's process): what it froze
    joins the oldest generation again, collected as usual."""
    global _known_frozen
    if _known_frozen:
        gc.unfreeze()
        _known_frozen = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (restored as it was, even on errors).

    The objects made in the block join the oldest generation (``gc.freeze`` + ``gc.unfreeze``
    move them there without a collection): otherwise the first allocation after the block
    would run a young-generation collection over all of them (a tenth of a second at
    100,000 rows) only to promote them. They stay collectable: the next full collection,
    which the collector schedules as usual, looks at them.
    """
    was_enabled = gc.isenabled()
    # Objects frozen by the caller (a server that froze before forking) must stay frozen: unfreeze
    # thaws all of them, so the move is made only when nothing else is frozen.
    others_frozen = _known_frozen or gc.get_freeze_count() > 0
    gc.disable()
    try:
        yield
    finally:
        if not others_frozen:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def collect_young() -> None:
    """Collect the two young generations now. Inside a paused block they hold what the block made so
    far (the middle one what a page-by-page collection kept, pdf_safety.py): right after a Word file or
    a PDF was read, the parser's reference cycles (python-docx's parts refer to each other, so do
    pdfplumber's objects), which hold the parsed document's memory (5 MB a Word file, 1 MB a PDF).
    Left to the oldest generation, they wait for a full collection that a loop reading files through
    the Python API may never see; walking the young ones costs little for a document."""
    gc.collect(1)
