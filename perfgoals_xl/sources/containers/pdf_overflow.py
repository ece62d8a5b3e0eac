"""Text printed past its cell's rules: lines into the cells above and below, runs into the cells beside.

A text not wrapped runs on over the empty cells to its right (left, both: as it is set), and past the
table's edge, as Excel and Calc print it: each run of touching glyphs over two or more cells goes to
the cell it was typed in (:func:`give_back_runs`). A text cut by a neighbour with a text of its own is
printed cut; its last glyph overlaps the neighbour's first, which is no run.

LibreOffice Calc, exporting a sheet whose row is lower than its wrapped text, prints the text centred
on the cell and lets its first and last lines run past both rules (``预算`` over ``单位名称``,
``活动`` over ``指标值``, a one-line-high 年度目标 row whose ``1.…`` and ``3.`` stand in the rows
above and below). By their middles those lines fall in the neighbouring cells. They are given back
to their own cell when two things show it:

* **where they stand**: exactly where the cell's next (or previous) lines would, at its text's line
  pitch — a text of two or more lines inside its cell shows its pitch; a text of one line takes the
  table's (the median of its texts' pitches, as a share of their size), or in a table with no text
  of two lines, the distance to the nearest line across a rule that is shown to be spilled; and
* **that they were spilled**: a line printed over a character of the cell it fell in (two texts on
  one spot), or running on over the rule between two of those cells (its glyphs touch across the
  rule: a cell's own text stops at its padding) — or, for a text of two or more lines whose pitch is
  known, reaching over the rule. A centred text runs past both rules alike, so lines on one side
  shown spilled vouch for as many lines (or one more) on the other.

A line a pitch from a line of the cell it fell in, or where the lines of that cell go on, is that
cell's own; so is a line standing alone and centred in its cells that shows nothing of being spilled;
a line running on out of the claiming cell's columns is a wider cell's. Texts of two or more lines
claim first; texts of one line then claim lines shown running on, and last lines printed over —
among what is left, so that a line printed over a line already given back is no evidence (printed
over shows that one of two lines was spilled, not which). Bounded: the caller looks at a table of at
most MAX_CHARS characters (containers/pdf_text.py), a chain at most MAX_SPILLED_LINES lines; lines
are looked up by bisection on the characters' tops.
"""

from __future__ import annotations

import bisect

Box = tuple[float, float, float, float]
Found = tuple[dict, Box]  # a character and the cell it fell in

#: Points a character must reach over a rule, and two cells' edges may differ by and still touch. A table
#: Word, WPS or Writer lays out from a .docx sets a cell's first line right at its top rule (no top margin):
#: with a CJK font its glyphs' box stands up to about half a point over the rule — that is no line spilled
#: from the cell above (at 0.5 it was taken for one, in every tight row: a Word form printed to PDF read at
#: 69 % of its fields).
REACH = 1.0
EDGE = 1.0
#: Points a spilled line's top may be off its text's pitch (lines of one text are set exactly), and
#: at most this share of the text's size (text printed small has its lines closer).
PITCH_MATCH = 1.5
PITCH_MATCH_SHARE = 0.2
#: Share of their size two characters must cover of each other, both ways, to be printed over each other.
OVERPRINT_SHARE = 0.3
#: A text's line pitch is this many times its size at least and at most (single to 1.5 spacing).
SPILL_PITCH = (1.1, 1.9)
#: Glyphs of one line touch: no farther apart, nor overlapping more, than this share of their size (a
#: space between them is a character of the line); two cells' texts stand at least their paddings and
#: the rule apart, and a text cut at its cell's edge overlaps the next cell's.
RUN_ON_SHARE = 0.1
MAX_SPILLED_LINES = 200  # a cell holds far fewer lines
#: Two lines closer than this share of their pitch overlap: they are no lines of one text.
OVERLAP_PITCH = 0.8
#: Points a cell's one line may stand off the cell's middle and be printed centred in it.
CENTRED = 1.0
#: A text set left starts within this many of its characters' size of its cell's left edge (the padding).
PADDING_EMS = 0.8
#: Points the tops of one line's glyphs differ by at most (they share its baseline).
BASELINE = 0.5


def give_back_overflow(placed: dict[Box, list[dict]], tolerance: float) -> None:
    """Move the lines each cell's text printed past its rules back into it (see module); ``placed``
    maps each cell's box to its characters, ``tolerance`` is the points two tops of a line differ by."""
    found = _Placed(placed)
    found.ratio = found.pitch_ratio(tolerance)
    for phase, (many, shown_by) in enumerate(((True, _ANY), (False, _RUNNING_ON), (False, _ANY))):
        if phase:
            found = _Placed(placed, found.ratio)  # the characters as the phase before left them
        moves: dict[int, tuple[dict, Box, Box]] = {}
        for box in placed:
            for ch, source in found.spilled_into(box, tolerance, many=many, shown_by=shown_by):
                moves.setdefault(id(ch), (ch, source, box))
        for ch, source, target in moves.values():
            placed[source] = [c for c in placed[source] if c is not ch]
            placed[target].append(ch)


#: What shows a line was spilled: any sign, or only its running on over a rule (the surest: two
#: lines printed over each other show that one of them was spilled, not which).
_ANY, _RUNNING_ON = "any", "running on"


class _Placed:
    """The cells' characters, and every character by its top (looked up by bisection)."""

    def __init__(self, placed: dict[Box, list[dict]], ratio: float | None = None) -> None:
        self.placed = placed
        self.ratio = ratio  # the table's line pitch as a share of its text's size, once known
        found = sorted(((ch["top"], k, ch, box) for k, (box, chars) in enumerate(placed.items()) for ch in chars),
                       key=lambda item: (item[0], item[1]))
        self._tops = [top for top, _, _, _ in found]
        self._found = [(ch, box) for _, _, ch, box in found]

    def between(self, low: float, high: float) -> list[Found]:
        """The characters (and their cells) whose tops lie from ``low`` to ``high``."""
        return self._found[bisect.bisect_left(self._tops, low):bisect.bisect_right(self._tops, high)]

    def own_lines(self, box: Box, tolerance: float) -> list[float]:
        """The tops of a cell's own lines: a line running on out of the cell is a wider cell's, printed
        past its rule."""
        return [top for top in _line_tops(self.placed[box], tolerance)
                if _within(box, [(ch, b) for ch, b in self.between(top - tolerance, top + tolerance)
                                 if abs(b[1] - box[1]) <= EDGE])]

    def pitch_ratio(self, tolerance: float) -> float | None:
        """The table's line pitch as a share of its text's size (the median over its texts of two or
        more lines inside their cells), or None when it has none."""
        ratios: list[float] = []
        for box, chars in self.placed.items():
            tops = self.own_lines(box, tolerance)
            size = max((_size(ch) for ch in chars if _visible(ch)), default=0.0)
            if len(tops) >= 2 and size > 0:  # (a glyph of no size — hostile input — shows no pitch)
                ratio = min(b - a for a, b in zip(tops, tops[1:], strict=False)) / size
                if SPILL_PITCH[0] <= ratio <= SPILL_PITCH[1]:
                    ratios.append(ratio)
        return sorted(ratios)[len(ratios) // 2] if ratios else None

    def spilled_into(self, box: Box, tolerance: float, *, many: bool, shown_by: str) -> list[Found]:
        """The characters a cell's text printed past its rules, for a text of two or more lines inside
        the cell (``many``) or of one (its pitch the table's ratio of its size), shown spilled by
        ``shown_by``."""
        tops = self.own_lines(box, tolerance)
        if (len(tops) >= 2) != many or not tops:
            return []
        size = max(_size(ch) for ch in self.placed[box] if _visible(ch))
        if size <= 0:
            return []  # glyphs of no size (hostile input): no pitch to go by
        match = min(PITCH_MATCH, PITCH_MATCH_SHARE * size)
        over = shown_by == _ANY
        if many:
            pitch: float | None = min(b - a for a, b in zip(tops, tops[1:], strict=False))
            if self.ratio is not None and any(abs(b - a - self.ratio * size) <= match
                                              for a, b in zip(tops, tops[1:], strict=False)):
                pitch = self.ratio * size  # a line spilled in from a neighbour stands off its text's pitch
                tops = _on_pitch(tops, pitch, match)
        elif self.ratio is not None:
            pitch = self.ratio * size
        else:
            pitch = self._pitch_of_a_spilled_line(box, tops[0], size, match, over)
        if pitch is None or pitch <= SPILL_PITCH[0] * size:
            return []
        down = self._chain(box, tops[-1], pitch, match, reach=many, over=over)
        up = self._chain(box, tops[0], -pitch, match, reach=many, over=over)
        shown_down = _spilled(self.placed, down, below=True, reach=many, over=over)
        shown_up = _spilled(self.placed, up, below=False, reach=many, over=over)
        lines_down = len(_line_tops([ch for ch, _ in down], match))
        lines_up = len(_line_tops([ch for ch, _ in up], match))
        out: list[Found] = []
        if shown_down or (shown_up and 0 < lines_down <= lines_up + 1):
            out += down
        if shown_up or (shown_down and 0 < lines_up <= lines_down + 1):
            out += up
        return out

    def _line(self, box: Box, top: float, match: float, *, below: bool) -> list[Found]:
        """The line nearest ``top`` (within ``match``; its glyphs share their top) in the cells past the
        cell's bottom rule (``below``) or its top rule, the runs of it standing within the cell's
        columns (see :func:`_within`)."""
        near = [(ch, b) for ch, b in self.between(top - match, top + match)
                if (b[1] >= box[3] - EDGE if below else b[3] <= box[1] + EDGE) and b != box]
        if not near:
            return []
        line_top = min((ch["top"] for ch, _ in near if _visible(ch)), key=lambda t: abs(t - top), default=top)
        return _within(box, [(ch, b) for ch, b in near if abs(ch["top"] - line_top) <= BASELINE])

    def _chain(self, box: Box, start: float, step: float, match: float, *, reach: bool, over: bool) -> list[Found]:
        """The characters of the lines at ``start`` + step, + 2 steps … past the cell's rule, standing
        within its columns, while there is one; a line running on out of them (a wider cell's), a line
        of the cell it fell in (see :func:`_goes_on_in_its_cell`), or one that shows nothing of being
        spilled and stands alone, centred, in its cells, ends it."""
        chain: list[Found] = []
        expect = start + step
        for _ in range(MAX_SPILLED_LINES):
            line = self._line(box, expect, match, below=step > 0)
            if (not line or _goes_on_in_its_cell(self.placed, line, match, self.ratio)
                    or (_alone_centred(self.placed, line)
                        and not _spilled(self.placed, line, below=step > 0, reach=reach, over=over))):
                break
            chain.extend(line)
            expect += step
        return chain

    def _pitch_of_a_spilled_line(self, box: Box, top: float, size: float, match: float, over: bool) -> float | None:
        """The pitch of a text one line of which is inside its cell, in a table with no text of two
        lines: the distance to the nearest line past a rule within its columns, SPILL_PITCH lines of
        its size away, shown to be spilled (running on, or ``over``: printed over)."""
        low, high = SPILL_PITCH[0] * size, SPILL_PITCH[1] * size
        found: list[float] = []
        for sign in (1.0, -1.0):
            near = sorted({round(ch["top"], 1) for ch, _ in (self.between(top + low, top + high) if sign > 0
                                                            else self.between(top - high, top - low)) if _visible(ch)},
                          key=lambda t: abs(t - top))
            for candidate in near:  # the nearest line within the cell's columns
                line = self._line(box, candidate, match, below=sign > 0)
                if line:
                    if (_spilled(self.placed, line, below=sign > 0, reach=False, over=over)
                            and not _goes_on_in_its_cell(self.placed, line, match, self.ratio)):
                        found.append(abs(candidate - top))
                    break
        return min(found, default=None)


def _on_pitch(tops: list[float], pitch: float, match: float) -> list[float]:
    """The most of these line tops that stand a whole number of pitches from one of them (the lines
    of one text; a line off them was printed there from a neighbouring cell)."""
    best: list[float] = []
    for anchor in tops[:MAX_SPILLED_LINES]:
        on = [top for top in tops if abs((top - anchor) / pitch - round((top - anchor) / pitch)) * pitch <= match]
        if len(on) > len(best):
            best = on
    return best


def _visible(ch: dict) -> bool:
    return not ch.get("text", " ").isspace()


def _size(ch: dict) -> float:
    return float(ch.get("size") or 0) or ch["bottom"] - ch["top"]


def _line_tops(found: list[dict], tolerance: float) -> list[float]:
    """The tops of the lines of these characters, top to bottom (tops within the tolerance are one line)."""
    tops: list[float] = []
    for top in sorted(ch["top"] for ch in found if _visible(ch)):
        if not tops or top - tops[-1] > tolerance:
            tops.append(top)
    return tops


def _within(box: Box, line: list[Found]) -> list[Found]:
    """The runs of a line (touching glyphs) standing within the cell's columns — none when a run
    stands partly within them, or no visible character does."""
    out: list[Found] = []
    run: list[Found] = []
    for found in [*sorted(line, key=lambda found: found[0]["x0"]), None]:
        if run and (found is None or not _touching(run[-1][0], found[0])):
            inside = [box[0] <= (ch["x0"] + ch["x1"]) / 2 < box[2] for ch, _ in run]
            if any(inside) and not all(inside):
                return []
            if all(inside):
                out.extend(run)
            run = []
        if found is not None:
            run.append(found)
    return out if any(_visible(ch) for ch, _ in out) else []


def _goes_on_in_its_cell(placed: dict[Box, list[dict]], line: list[Found], match: float, ratio: float | None) -> bool:
    """Is a line the own of the cell it fell in — a line's pitch (the table's ``ratio`` of its size)
    from a line of that cell and printed over none, or where the next (or previous) of two or more
    other lines of it would stand, at their pitch? Then it stays, reaching over a rule as it may."""
    cell = line[0][1]
    ours = {id(ch) for ch, _ in line}
    tops = _line_tops([ch for ch in placed[cell] if id(ch) not in ours], match)
    top = line[0][0]["top"]
    if ratio is not None:
        pitch = ratio * _size(line[0][0])
        if any(abs(top - other) < OVERLAP_PITCH * pitch for other in tops):
            return False  # printed over a line of that cell: two lines of one text never overlap
        if any(abs(abs(top - other) - pitch) <= match for other in tops):
            return True
    if len(tops) < 2:
        return False
    pitch = min(b - a for a, b in zip(tops, tops[1:], strict=False))
    return abs(top - (tops[-1] + pitch)) <= match or abs(top - (tops[0] - pitch)) <= match


def _alone_centred(placed: dict[Box, list[dict]], line: list[Found]) -> bool:
    """Is a line all the text of each cell it fell in, centred in it (as a cell's one line is printed)?"""
    ours = {id(ch) for ch, _ in line}
    middle = (min(ch["top"] for ch, _ in line) + max(ch["bottom"] for ch, _ in line)) / 2
    return all(abs(middle - (cell[1] + cell[3]) / 2) <= CENTRED
               and all(id(ch) in ours for ch in placed[cell] if _visible(ch)) for cell in {b for _, b in line})


def _spilled(placed: dict[Box, list[dict]], chain: list[Found], *, below: bool, reach: bool, over: bool) -> bool:
    """Do these lines show they were printed past the rule: running on over the rule between two of
    the cells they fell in, (``over``) printed over a character of one, or (``reach``) reaching over it?"""
    if not chain:
        return False
    if reach and any((ch["top"] < b[1] - REACH) if below else (ch["bottom"] > b[3] + REACH)
                     for ch, b in chain if _visible(ch)):
        return True
    ours = {id(ch) for ch, _ in chain}
    if over and any(_printed_over(ch, other) for ch, b in chain if _visible(ch) for other in placed[b]
           if id(other) not in ours and _visible(other)):
        return True
    ordered = sorted(chain, key=lambda found: (round(found[0]["top"]), found[0]["x0"]))
    return any(b1 != b2 and round(a["top"]) == round(c["top"]) and _touching(a, c)
               for (a, b1), (c, b2) in zip(ordered, ordered[1:], strict=False))


def _printed_over(a: dict, b: dict) -> bool:
    """Are two characters printed over each other (each covering OVERPRINT_SHARE of the other's size,
    across and down)?"""
    size = min(_size(a), _size(b))
    across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return across > OVERPRINT_SHARE * size and down > OVERPRINT_SHARE * size


def give_back_runs(placed: dict[Box, list[dict]], loose: list[dict]) -> None:
    """A text not wrapped, printed on over the rules into the empty cells beside it (and past the
    table's edge: ``loose``, the characters of its rows outside every cell), is its own cell's: each
    run of touching glyphs (a line's characters closer than RUN_ON_SHARE of their size) that falls
    in two or more cells goes to the cell it was typed in — the one it starts in at its left padding
    (text set left), else the one it ends in at its right padding (set right), else the one holding
    its middle (centred)."""
    where: dict[int, Box | None] = {id(ch): box for box, chars in placed.items() for ch in chars}
    where.update({id(ch): None for ch in loose})
    everything = sorted((ch for chars in [*placed.values(), loose] for ch in chars), key=lambda ch: ch["top"])
    lines: list[list[dict]] = []  # glyphs of one line of text share its top
    for ch in everything:
        if lines and ch["top"] - lines[-1][0]["top"] <= BASELINE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    for line in lines:
        for run in (piece for touching in _runs(sorted(line, key=lambda ch: ch["x0"]))
                    for piece in _split_at_rules(touching, where)):
            cells = [where[id(ch)] for ch in run]
            boxes = {box for box in cells if box is not None}
            if len(set(cells)) < 2 or not boxes:
                continue
            owner = _typed_in(run, cells)
            for ch, box in zip(run, cells, strict=True):
                if box != owner:
                    if box is not None:
                        placed[box] = [c for c in placed[box] if c is not ch]
                    placed[owner].append(ch)


#: How much wider (points) than the run's usual gap between glyphs the gap at a rule is when each side is a
#: text of its own that stops at the rule (a table printed without cell padding: the rule's width).
RULE_GAP = 0.5
#: How far (points) the last glyph of a text filling its cell to the rule may stand over it (Calc sets
#: 服务对象满意度指标 in a column just as wide: its 标 ends 0.1 past the rule, the next cell's text after a gap).
RULE_OVERHANG = 0.5


def _split_at_rules(run: list[dict], where: dict[int, Box | None]) -> list[list[dict]]:
    """A run of touching glyphs cut where it passes from one cell to the next with the rule between two
    glyphs: the left one ends within its cell, the right one starts within the next, and the gap between
    them is RULE_GAP wider than the run's usual one. Two texts, each stopping at the rule (a page printed
    with ``cellpadding="0"``: 专项资金名称|潼南区…; a text filling its cell, its last glyph a hair over the
    rule: RULE_OVERHANG), not one text printed on over it — a text running on keeps its pitch, and a
    glyph cut at the edge stands over the rule."""
    if len(run) < 2:
        return [run]
    gaps = [b["x0"] - a["x1"] for a, b in zip(run, run[1:], strict=False)]
    usual = sorted(gaps)[len(gaps) // 2]
    pieces, start = [], 0
    for k, (a, b) in enumerate(zip(run, run[1:], strict=False)):
        left, right = where[id(a)], where[id(b)]
        if (left is not None and right is not None and left != right and gaps[k] >= usual + RULE_GAP
                and a["x1"] <= left[2] + RULE_OVERHANG and b["x0"] >= right[0] - 0.1):
            pieces.append(run[start:k + 1])
            start = k + 1
    pieces.append(run[start:])
    return pieces


def _touching(a: dict, b: dict) -> bool:
    """Does glyph ``b`` follow ``a`` on its line touching it — neither apart nor overlapping by more
    than RUN_ON_SHARE of their size? (A glyph cut at its cell's edge overlaps the next cell's first.)"""
    return abs(b["x0"] - a["x1"]) <= RUN_ON_SHARE * min(_size(a), _size(b))


def _runs(line: list[dict]) -> list[list[dict]]:
    """A line's runs of touching glyphs (spaces between them are characters of the run)."""
    runs: list[list[dict]] = []
    for ch in line:
        if runs and _touching(runs[-1][-1], ch):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    return runs


def _typed_in(run: list[dict], cells: list[Box | None]) -> Box:
    """The cell a run printed over several was typed in (see :func:`give_back_runs`)."""
    pad = PADDING_EMS * _size(run[0])
    first = next(box for box in cells if box is not None)
    if cells[0] is not None and run[0]["x0"] - first[0] <= pad:
        return first
    last = next(box for box in reversed(cells) if box is not None)
    if cells[-1] is not None and last[2] - run[-1]["x1"] <= pad:
        return last
    middle = (run[0]["x0"] + run[-1]["x1"]) / 2
    return min((box for box in cells if box is not None), key=lambda box: 0 if box[0] <= middle < box[2] else 1)
