"""The indicator grammar: a 绩效指标 cell ⇄ indicator items.

One item, as printed in published tables::

    N、<L1 code>-<L1 name>；<L2 code>-<L2 name>；<indicator>；实施周期指标值:<v>；年度指标值:<v>。

``compose(parse(s)) == s`` byte for byte for every well-formed string: each item
keeps its :class:`~perfgoals_xl.model.Spelling` (the separators, labels and final
``。`` as written). The parser is tolerant of what real text carries — full/half
width punctuation and colons, a missing final ``。``, labels with or without
指标, line breaks anywhere (removed), codes absent — and never raises: a
malformed item comes back as a :class:`~perfgoals_xl.model.Problem` (code S01)
with its offset in the input and its raw text, and the good items around it are
kept.

How items are found: the labels are the anchors. An item head is
``N、`` + a short level-1 segment (no ``。``/``、``) + ``；`` + level-2 + ``；`` +
name + ``；实施周期指标值:``; the period value runs to ``；年度指标值:``; the annual
value runs to the next item head. Budget systems also print the labels as 中期指标值 / 实施期目标值 /
年度目标值, or print one value only (``；年度指标值:12。``, ``；指标值:12。``): that value is both (the
term's is not asked for), and composing writes the item with the one value again. A value may
therefore contain ``、``, ``，``, ``;`` and even a final ``。`` (the seed has one): of a run of ``。`` at the end of
an item, the last one is the item's terminator — unless the period value
itself ends in ``。``, in which case the annual value is read the same way
(the seed's item 4-3) and the item has no separate terminator.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from perfgoals_xl.limits import MAX_SEQ
from perfgoals_xl.model import Indicator, Location, Problem, Spelling
from perfgoals_xl.values import parse_value

#: Item numbers above MAX_SEQ are reported (and item numbers of more than 9 digits are not item
#: numbers at all): a sequence number is bounded before it becomes an int.
_SEQ_DIGITS = 9

# Every pattern here is linear in the length of its input (hostile text: docs/limits.md):
# whitespace runs are possessive (``\s*+``), free-text parts are atomic or bounded, and
# item heads are searched by a scan over digit runs (_find_heads), never by re.search
# over a pattern that starts with ``\s*``.
_SEP = r"\s*+[；;]\s*+"
#: The separator after an item number: 、 ． or a dot that is not a decimal point (a dot
#: followed by a level code such as "1.1-产出指标" is an item number followed by a code).
_SEQ_SEP = r"(?:、|．|\.(?!\d)|\.(?=\d{1,3}\s*+[-－—–]))"
#: The term's value label as budget systems print it (实施周期指标值, 中期指标值, 实施期目标值, 总体指标值).
_PERIOD_LABEL = r"(?:实施周期|实施期|中期|总体|整体)(?:指标|目标)?值\s*+[:：]"
#: The year's value label (年度指标值, 年度值, 本年度目标值), or the one value's of an item printing no term
#: value (指标值, 目标值): that value is both (as a form printing only 年度指标值 asks for no other).
_ANNUAL_LABEL = r"(?:(?:年度|本年度|当年)(?:指标|目标)?值|(?:指标|目标)值)\s*+[:：]"
#: A character of a value that may not start a term's value label (the labels start with 实 中 总 整).
_VALUE_CHAR = rf"(?:[^；;实中总整]|(?!{_PERIOD_LABEL})[实中总整])"
_HEAD_BODY = (
    rf"(?P<seq_sep>\s*+{_SEQ_SEP}\s*+)"
    rf"(?P<l1>[^；;。、]{{0,32}}?)(?P<sep1>{_SEP})"
    rf"(?P<l2>[^；;。]{{0,40}}?)(?P<sep2>{_SEP})"
    # the name runs to the next separator; its trailing spaces are moved into sep3 afterwards
    r"(?P<name>[^；;]*+)(?P<sep3>[；;]\s*+)"
    # the term's value, when printed: it runs to the first "；年度指标值:" and never over a term's label (a
    # malformed item without an annual value must not swallow the next item) — an unrolled, atomic loop
    # that only looks ahead at separators and at a label's first character, instead of at every one
    rf"(?:(?P<plabel>{_PERIOD_LABEL}\s*+)"
    rf"(?P<pv>(?>{_VALUE_CHAR}*+(?:[；;](?!\s*+{_ANNUAL_LABEL}){_VALUE_CHAR}*+)*+))"
    r"(?P<sep4>[；;]\s*+))?"
    rf"(?P<alabel>{_ANNUAL_LABEL}\s*+)"
)
_ITEM_HEAD = re.compile(rf"(?P<lead>\s*+)(?P<seq>\d{{1,{_SEQ_DIGITS}}}+)" + _HEAD_BODY)
_BODY = re.compile(_HEAD_BODY)
_DIGITS = re.compile(r"\d++")
_LEVEL = re.compile(r"^(?P<code>\d{1,3})?(?P<dash>\s*+[-－—–]\s*+|\s*+)(?P<name>[\s\S]*)$")
# Inside an annual-value region: another item starting after a 。 (a malformed one) — when a
# separator follows somewhere after it (checked against the last separator, not by a lookahead
# that would scan the rest of the text once per candidate).
_EMBEDDED_ITEM = re.compile(rf"(?<=。)\s*+\d{{1,{_SEQ_DIGITS}}}+\s*+{_SEQ_SEP}")


def _embedded_items(text: str) -> list[re.Match[str]]:
    """Embedded item starts in text that have a ；/; somewhere after them."""
    last = max(text.rfind("；"), text.rfind(";"))
    if last < 0:
        return []
    return [m for m in _EMBEDDED_ITEM.finditer(text) if m.end() <= last]


@dataclass(frozen=True, slots=True)
class _Head:
    """One item head found in the text: its span and its named parts."""

    start: int
    end: int
    seq_span: tuple[int, int]
    parts: dict[str, str]


@dataclass
class ParseResult:
    """Items parsed from one 绩效指标 cell, plus the problems met (never an exception)."""

    items: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # where each item starts in the input
    line_breaks_removed: int = 0

    @property
    def ok(self) -> bool:
        """True when every part of the text was read as an item."""
        return not self.problems


_LINE_BREAK = re.compile(r"[\r\n]")


def _remove_line_breaks(text: str) -> tuple[str, list[int]]:
    """Drop CR/LF (and the blank lines of a page break); return the text and the original
    positions of the removed characters (to map offsets back)."""
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    if not breaks:
        return text, breaks
    return _LINE_BREAK.sub("", text), breaks


def _original_offset(pos: int, shifted: list[int]) -> int:
    """Offset in the original text of position pos of the text without line breaks.

    shifted[k] = breaks[k] - k is where the k-th removed break stood in the joined text.
    """
    return pos + bisect.bisect_right(shifted, pos)


@functools.lru_cache(maxsize=4096)
def _split_level(segment: str) -> tuple[str | None, str, str]:
    """'1-产出指标' → ('1', '-', '产出指标'); '产出指标' → (None, '', '产出指标')."""
    m = _LEVEL.match(segment)
    assert m is not None  # the pattern matches every string
    code, dash, name = m.group("code"), m.group("dash"), m.group("name")
    if code is None:
        return None, "", dash + name
    return code, dash, name


_TERMINATORS = ("。", "；", ";", "，", ",")


def _split_end(region: str) -> tuple[str, str]:
    """Split an annual-value region into (value, terminator '。' + trailing spaces)."""
    stripped = region.rstrip()
    cut = len(stripped) - 1 if stripped.endswith(_TERMINATORS) else len(stripped)
    return region[:cut], region[cut:]


@functools.lru_cache(maxsize=1024)
def _spelling(*parts: str) -> Spelling:
    """One shared (frozen) Spelling per distinct way of writing an item."""
    return Spelling(*parts)


def parse(text: str | None, *, location: Location | None = None) -> ParseResult:
    """Parse a whole 绩效指标 cell into items; malformed parts become S01 problems."""
    result = ParseResult()
    if not text:
        return result
    source, breaks = _remove_line_breaks(str(text))
    result.line_breaks_removed = len(breaks)

    shifted = [b - k for k, b in enumerate(breaks)]

    def original_offset(pos: int) -> int:
        return _original_offset(pos, shifted) if breaks else pos

    def malformed(start: int, end: int) -> None:
        raw = source[start:end]
        if not raw.strip():
            return
        stripped = raw.lstrip()
        pos = start + (len(raw) - len(stripped))
        result.problems.append(
            Problem(
                code="S01",
                message=f"无法按“序号、一级指标；二级指标；指标名称；实施周期指标值:…；年度指标值:…。”解析：{stripped[:60]}",
                location=location,
                raw=stripped.strip(),
                offset=original_offset(pos),
            )
        )

    heads = _find_heads(source, shifted)
    cursor = 0
    for n, head in enumerate(heads):
        if head.start > cursor:
            malformed(cursor, head.start)
        region_end = heads[n + 1].start if n + 1 < len(heads) else len(source)
        region = source[head.end: region_end]
        embedded = _embedded_items(region)
        tail_start = region_end
        if embedded:
            tail_start = head.end + embedded[0].start()
            region = source[head.end: tail_start]
        g = head.parts
        lead, seq, seq_sep, l1, sep1, l2, sep2 = (g["lead"], g["seq"], g["seq_sep"], g["l1"], g["sep1"],
                                                  g["l2"], g["sep2"])
        name, sep3, alabel = g["name"], g["sep3"], g["alabel"]
        plabel, pv, sep4 = g["plabel"] or "", g["pv"] or "", g["sep4"] or ""
        if name[-1:].isspace():  # the name's trailing spaces belong to sep3
            stripped = name.rstrip()
            name, sep3 = stripped, name[len(stripped):] + sep3
        if pv[-1:].isspace():  # the greedy value took the spaces before "；": they belong to sep4
            stripped = pv.rstrip()
            pv, sep4 = stripped, pv[len(stripped):] + sep4
        value, end = _split_end(region)
        if plabel and end.startswith("。") and pv.endswith("。") and not value.endswith("。"):
            # The period value ends in 。 (prose): read the annual value the same way, so that
            # the two agree; the item then has no separate terminator. Bytes are unchanged.
            value, end = value + "。", end[1:]
        l1_code, l1_dash, l1_name = _split_level(l1)
        l2_code, l2_dash, l2_name = _split_level(l2)
        spelling = _spelling(lead, seq_sep, l1_dash, sep1, l2_dash, sep2, sep3, plabel, sep4,
                             alabel, end)
        number = int(seq)  # at most _SEQ_DIGITS digits: cheap and bounded
        if number > MAX_SEQ:
            result.problems.append(Problem(
                code="S01", message=f"指标序号 {number} 超过上限 {MAX_SEQ}，请核对编号",
                location=location, raw=seq, offset=original_offset(head.seq_span[0]), seq=number))
        result.items.append(
            Indicator(
                seq=number, level1_code=l1_code, level1=l1_name, level2_code=l2_code,
                level2=l2_name, name=name, period_value=parse_value(pv if plabel else value),
                annual_value=parse_value(value), location=location, spelling=spelling,
            )
        )
        result.offsets.append(original_offset(head.start + len(lead)))
        if tail_start < region_end:
            for piece in _split_pieces(source, tail_start, region_end):
                malformed(*piece)
        cursor = region_end
    if cursor < len(source):
        if heads:
            malformed(cursor, len(source))
        elif source.strip():
            malformed(0, len(source))
    return result


def _head_at(source: str, seq_start: int, lead_start: int) -> _Head | None:
    """The item head whose number starts at seq_start (lead: the spaces from lead_start), or None."""
    digits = _DIGITS.match(source, seq_start)
    if digits is None or digits.end() - seq_start > _SEQ_DIGITS:
        return None
    body = _BODY.match(source, digits.end())
    if body is None:
        return None
    parts = body.groupdict()
    parts["lead"] = source[lead_start:seq_start]
    parts["seq"] = digits.group()
    return _Head(lead_start, body.end(), digits.span(), parts)


def _find_heads(source: str, shifted: list[int]) -> list[_Head]:
    """Item heads, left to right, found by a linear scan over the digit runs of the text.

    An item number that straddles a removed line break ("年度指标值:12" + break + "2、…"
    joined as "122、") starts at the break: items pasted one per line without a final 。
    keep their values."""
    heads: list[_Head] = []
    pos = 0
    for run in _DIGITS.finditer(source):
        seq_start, seq_end = run.span()
        if seq_start < pos:
            continue
        lead_start = seq_start
        while lead_start > pos and source[lead_start - 1].isspace():
            lead_start -= 1
        head = _head_at(source, seq_start, lead_start)
        if head is None:
            continue
        i = bisect.bisect_right(shifted, seq_start)
        # only where the digits before the break continue a value (not after 。 or at the start)
        in_value = seq_start > 0 and source[seq_start - 1] not in "。；;，, \t"
        if in_value and i < len(shifted) and shifted[i] < seq_end:
            better = _head_at(source, shifted[i], shifted[i])
            if better is not None:
                head = better
        heads.append(head)
        pos = head.end
    return heads


def _split_pieces(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run of malformed text at each embedded item start."""
    cuts = [start] + [start + m.start() for m in _embedded_items(source[start:end])]
    cuts = sorted(set(cuts)) + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


_OFFICIAL = Spelling()


def compose_item(item: Indicator, seq: int | None = None) -> str:
    """One item in its spelling (the official one when it has none)."""
    s = item.spelling or _OFFICIAL
    number = seq if seq is not None else item.seq
    l1 = f"{item.level1_code}{s.l1_dash}{item.level1}" if item.level1_code else item.level1
    l2 = f"{item.level2_code}{s.l2_dash}{item.level2}" if item.level2_code else item.level2
    if s.period_label or item.period_value.raw != item.annual_value.raw:
        term = f"{s.period_label or _OFFICIAL.period_label}{item.period_value.raw}{s.sep4 or _OFFICIAL.sep4}"
    else:
        term = ""  # written with the one value (年度指标值:12 alone): it stands for both
    return (
        f"{s.lead}{'' if number is None else number}{s.seq_sep}{l1}{s.sep1}{l2}{s.sep2}"
        f"{item.name}{s.sep3}{term}{s.annual_label}{item.annual_value.raw}{s.end}"
    )


def compose(items: Iterable[Indicator] | ParseResult, *, renumber: bool = False) -> str:
    """The 绩效指标 cell text of these items; with renumber, items are numbered 1..n."""
    if isinstance(items, ParseResult):
        items = items.items
    return "".join(
        compose_item(item, seq=n if renumber else None) for n, item in enumerate(items, 1)
    )


def starts_with_item(text: str) -> bool:
    """Does this text (line breaks ignored) begin with a well-formed item head?"""
    return _ITEM_HEAD.match(_remove_line_breaks(text)[0]) is not None


def parse_items(text: str | None) -> list[Indicator]:
    """Convenience: only the good items of a cell."""
    return parse(text).items
