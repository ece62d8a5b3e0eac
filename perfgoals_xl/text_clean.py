"""Text that every output can hold: one sanitiser for sheet names, cell text and JSON strings.

- A **lone surrogate** (``\\ud800`` written in JSON) is not a character: no UTF-8 file
  can hold it, and every writer used to fail on it (UnicodeEncodeError, exit 3). Readers
  replace it with U+FFFD and say so (:func:`replace_surrogates`).
- **Cell text** keeps everything a workbook can store (XlsxWriter escapes control
  characters as ``_x0001_``); lone surrogates and the non-characters U+FFFE/U+FFFF,
  which XML cannot hold at all, become U+FFFD (:func:`cell_text`).
- **Sheet names** are stored in ``workbook.xml`` attributes, where control characters are
  not allowed at all, and Excel refuses ``[]:*?/\\``, a leading or trailing apostrophe,
  more than 31 characters and a name used twice (case-insensitive), and "History"
  (:func:`sheet_name`).
- A **name on one line** (:func:`one_line`): a name printed over two lines of its cell (a PDF's wrap, a
  web page's ``<br>``) is one name; a message quoting it is one line.

- **Radicals for ideographs** (:func:`ideographs`): a PDF whose font maps a glyph shared by a radical
  and an ideograph to the radical's code point (Chrome's "打印 → 另存为 PDF" with a CJK font, some PDF
  printers) gives ``⼴州市⼈⺠政府`` for 广州市人民政府 — the text looks right and matches nothing. Kangxi
  radicals (U+2F00–U+2FD5) and CJK compatibility ideographs have their ideograph by NFKC; the
  simplified radicals of the supplement (U+2E80–U+2EF3: ⺠ 民, ⻄ 西, ⻓ 长, ⻔ 门 …) by a table of
  their Unicode equivalents.

Imports nothing of ours (the model's level).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: CJK Radicals Supplement → the ideograph each stands for (Unicode's EquivalentUnifiedIdeograph.txt,
#: the radicals that stand for a character of their own or a component a font draws the same).
_SUPPLEMENT = {
    "⺌": "小", "⺍": "小", "⺕": "彐", "⺗": "心", "⺘": "扌", "⺙": "攵", "⺟": "母", "⺠": "民", "⺡": "氵",
    "⺣": "灬", "⺤": "爫", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺬": "礻", "⺮": "竹", "⺶": "羊", "⺹": "耂",
    "⺻": "聿", "⺽": "臼", "⻁": "虎", "⻂": "衤", "⻄": "西", "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝",
    "⻊": "足", "⻋": "车", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻓": "长", "⻔": "门", "⻖": "阝", "⻗": "雨",
    "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙",
    "⻳": "龟",
}
_IDEOGRAPHS = str.maketrans({
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xF900, 0xFB00)
       if unicodedata.normalize("NFKC", chr(c)) != chr(c)},
    **_SUPPLEMENT,
    # Kangxi radicals a simplified-Chinese font draws as the simplified character (NFKC gives the
    # traditional one: 戶 靑 黃)
    "⼾": "户", "⾭": "青", "⿈": "黄",
})
_RADICAL = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def ideographs(text: str) -> str:
    """A PDF's text with each radical standing for an ideograph written as that ideograph (see the
    module docstring); the text itself when it holds none."""
    return text.translate(_IDEOGRAPHS) if _RADICAL.search(text) else text


#: Excel's longest sheet name.
MAX_SHEET_NAME = 31
REPLACEMENT = "\ufffd"
_UNHOLDABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SHEET_BAD = re.compile("[\\[\\]:*?/\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def cell_text(text: str) -> str:
    """Text a workbook cell (or any UTF-8 file) can hold: unholdable code points become U+FFFD."""
    return _UNHOLDABLE.sub(REPLACEMENT, text) if _UNHOLDABLE.search(text) else text


def has_unholdable(text: str) -> bool:
    """Does text hold a lone surrogate or a non-character no UTF-8 file can store?"""
    return _UNHOLDABLE.search(text) is not None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, units: int) -> str:
    """At most `units` UTF-16 code units of text (Excel counts a character beyond U+FFFF twice)."""
    if len(text) <= units // 2 or _utf16_len(text) <= units:
        return text
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        out.append(ch)
    return "".join(out)


class SheetNames:
    """Valid, unique Excel sheet names handed out one by one (cost: one set lookup per name)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.used = {t.lower() for t in taken}
        self._next: dict[str, int] = {}  # base → next suffix to try (many twins stay linear)

    def add(self, text: str, *, fallback: str = "Sheet", prefix: str = "") -> str:
        """A valid name from text, not used before (case-insensitive), now marked as used."""
        base = _SHEET_BAD.sub("_", prefix + text).strip().strip("'").strip()
        base = _cut(base, MAX_SHEET_NAME).strip().strip("'") or _cut(_SHEET_BAD.sub("_", fallback), MAX_SHEET_NAME)
        base = base or "Sheet"
        name, k = base, self._next.get(base.lower(), 2)
        while name.lower() in self.used or name.lower() == "history":
            suffix = f"({k})"
            name = _cut(base, MAX_SHEET_NAME - len(suffix)).rstrip("'") + suffix
            k += 1
        self._next[base.lower()] = k
        self.used.add(name.lower())
        return name


def sheet_name(text: str, taken: Iterable[str] = (), *, fallback: str = "Sheet", prefix: str = "") -> str:
    """A valid, unused Excel sheet name from text (taken: names already used, compared case-insensitively)."""
    return SheetNames(taken).add(text, fallback=fallback, prefix=prefix)


def replace_surrogates(data: Any) -> tuple[Any, int]:
    """The same JSON-like data (dicts, lists, strings) with unholdable code points replaced; how many."""
    count = 0

    def fix(text: str) -> str:
        nonlocal count
        if not _UNHOLDABLE.search(text):
            return text
        count += len(_UNHOLDABLE.findall(text))
        return _UNHOLDABLE.sub(REPLACEMENT, text)

    root: list[Any] = [data]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:  # iterative: nesting depth costs no recursion
        holder, key = stack.pop()
        value = holder[key]
        if isinstance(value, str):
            holder[key] = fix(value)
        elif isinstance(value, list):
            stack.extend((value, i) for i in range(len(value)))
        elif isinstance(value, dict):
            if any(isinstance(k, str) and _UNHOLDABLE.search(k) for k in value):
                fixed = {fix(k) if isinstance(k, str) else k: v for k, v in value.items()}
                value.clear()
                value.update(fixed)
            stack.extend((value, k) for k in list(value))
    return root[0], count


#: A line break (LF or CRLF, a few in a row) with the spaces around it.
_BREAK = re.compile(r"[ \t\u3000]{0,20}(?:\r?\n){1,20}[ \t\u3000]{0,20}")


def one_line(text: str) -> str:
    """Text on one line: a break between two Latin words or numbers becomes a space, any other joins
    its sides (不合格产品处⏎置率 → 不合格产品处置率, ≥2⏎次 → ≥2次; Word⏎file → Word file)."""
    if "\n" not in text:
        return text  # (a lone carriage return is no line break: a name's own, shown as \x0d where printed)

    def join(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""
    return _BREAK.sub(join, text)
