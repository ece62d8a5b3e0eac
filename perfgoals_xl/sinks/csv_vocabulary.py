"""One vocabulary per header language in every CSV we write (``headers="zh"`` or ``"en"``).

A file with Chinese headers says 是/否, 提示, 金额, 部门名称行, 数值; a file with the English
identifiers says true/false, info, amounts, label, number. The issue CSVs of ``convert`` and
``check`` and the batch dataset write 已接受 the same way, and places (文件, 来源, 位置) are
shown relative to the input folder given (``relative_place``), not as absolute paths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: 已接受 / suppressed, and any other yes/no cell.
BOOLEANS = {"zh": ("是", "否"), "en": ("true", "false")}
#: Value kinds (model.Value.kind) in Chinese: the 实施周期值类型 / 年度值类型 columns.
KINDS_ZH = {"empty": "空", "number": "数值", "percent": "百分比", "deadline": "时限", "period": "期间",
            "date": "日期", "qualitative": "定性"}


def _translations(headers: str) -> dict[str, Callable[[Any], Any]]:
    """Column key → translation of its English value, for Chinese headers (none for English)."""
    if headers != "zh":
        return {}
    from perfgoals_xl.hierarchy_labels import DEPARTMENT_SOURCES
    from perfgoals_xl.rules.issue import FIELD_LABELS, SEVERITIES

    def kind(value: Any) -> Any:
        return KINDS_ZH.get(value, value)

    return {
        "severity": lambda v: SEVERITIES.get(v, v),
        "field": lambda v: FIELD_LABELS.get(v, v),
        "department_source": lambda v: DEPARTMENT_SOURCES.get(v, v),
        "period_kind": kind,
        "annual_kind": kind,
    }


def issue_slug(code: str | None, slug: Any, headers: str) -> Any:
    """规则名: the rule's short Chinese name with Chinese headers, its identifier with English ones."""
    if headers != "zh" or not code:
        return slug
    from perfgoals_xl.rules.names import rule_name

    return rule_name(code) or slug


class Vocabulary:
    """Cell values of one CSV in its header language, places relative to the input folder."""

    def __init__(self, headers: str = "zh", place: Callable[[str], str] | None = None) -> None:
        """``place`` turns a path text (文件, 来源, 位置) into the one shown (relative_place)."""
        self.headers = headers
        self.place = place
        self._tr = _translations(headers)

    def boolean(self, value: bool) -> str:
        """是/否 or true/false."""
        yes, no = BOOLEANS[self.headers]
        return yes if value else no

    def keys(self) -> frozenset[str]:
        """The columns whose values this vocabulary may change (beside booleans, which it always does):
        a writer passes only these through :meth:`cell` (a long CSV has millions of cells)."""
        places = ("file", "source", "location") if self.place is not None else ()
        return frozenset(self._tr) | frozenset(places)

    def cell(self, key: str, value: Any) -> Any:
        """The value of column ``key`` as this CSV writes it (None stays None)."""
        if value is None:
            return None
        if isinstance(value, bool):
            return self.boolean(value)
        if key in ("file", "source", "location") and self.place is not None and isinstance(value, str):
            return self.place(value)
        tr = self._tr.get(key)
        return tr(value) if tr is not None else value

    def issue_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """An issue's flat row (Issue.to_row()) in this vocabulary."""
        out = {k: self.cell(k, v) for k, v in row.items()}
        if "slug" in row:
            out["slug"] = issue_slug(row.get("code"), row["slug"], self.headers)
        return out


def relative_place(absolute: str, shown: str) -> Callable[[str], str]:
    """A ``place`` function: a text starting with the file's absolute path gets the path as shown
    (relative to the input folder given) instead; other texts are kept."""
    def place(text: str) -> str:
        if absolute and text.startswith(absolute):
            return shown + text[len(absolute):]
        return text

    return place
