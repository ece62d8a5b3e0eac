"""The meaning key of an indicator name, and merging near-duplicate names (pure text).

Two names mean the same indicator when they differ only in width, spacing, punctuation, a
bracketed note (``供暖温度（℃）``), a 率/度 spelling of 满意, a trailing 指标, a leading sub-item
marker 其中 (``其中：猪养殖数量``) or the form's own subject before the name (``项目``/``工程``:
``项目验收合格率``, ``工程验收合格率``, ``项目（工程）验收合格率`` are all ``验收合格率``) — they get
the same key — or when their keys are near duplicates: one key adds characters to the other (the
shorter is a subsequence of the longer: 报送调研报告数 / 报送调研报告数量, 受益脱贫户满意度 /
受益脱贫监测户满意度) and their character bigrams overlap with a Dice coefficient of at least
:data:`NEAR`. Keys that replace a character of each other name different indicators however
much they overlap (猪养殖数量 / 羊养殖数量, 梨树种植面积 / 桃树种植面积: another object, the same
measure).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Dice coefficient of character bigrams from which two keys are the same indicator.
NEAR = 0.7
#: Longest name considered (longer text is cut: names are short, a pasted paragraph is not a name).
MAX_NAME = 200

_BRACKETS = re.compile(r"[(（\[【〔][^()（）\[\]【】〔〕]{0,30}[)）\]】〕]")
#: A numbering label before a name (指标1：, 1、, （2）, 三.): not part of what the indicator means.
_LABEL = re.compile(r"^\s{0,3}(?:指标\s?)?[(（]?[0-9０-９一二三四五六七八九十]{1,3}[)）]?\s?[:：、.．)）]?\s{0,3}(?=\D)")
_FOLD = (("满意率", "满意度"), ("满意程度", "满意度"))
_SUFFIXES = ("指标",)
#: A sub-item marker before a name: 其中：猪养殖数量 is the indicator 猪养殖数量 (of a larger one).
_SUB_ITEM = "其中"
#: The form's own subject before a name: a project's table measures its project (its works), so
#: 项目验收合格率 / 工程验收合格率 / 验收合格率 are one indicator. Only taken off when at least
#: :data:`_MIN_REST` characters are left (项目个数, 工程质量 keep it: there the word is the measure).
_SUBJECTS = ("本项目", "该项目", "项目", "工程")
_MIN_REST = 4


def clean_name(name: str) -> str:
    """The name without a numbering label before it (``指标1:工程验收合格率`` → ``工程验收合格率``)."""
    text = (name or "")[:MAX_NAME].strip()
    found = _LABEL.match(text)
    if found and found.group(0).strip() and found.end() < len(text):
        labelled = found.group(0)
        if any(ch in labelled for ch in ":：、.．)）") or labelled.lstrip().startswith("指标"):
            return text[found.end():].strip()
    return text


def meaning_key(name: str) -> str:
    """The key of an indicator name: a numbering label, bracketed notes and every non-word
    character dropped, NFKC, lower case, 满意率 → 满意度, a trailing 指标, a leading 其中 and a
    leading subject (项目, 工程) dropped ('' for none)."""
    text = unicodedata.normalize("NFKC", clean_name(name))
    text = _BRACKETS.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN").lower()
    for old, new in _FOLD:
        text = text.replace(old, new)
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    if text.startswith(_SUB_ITEM) and len(text) >= len(_SUB_ITEM) + 2:
        text = text[len(_SUB_ITEM):]
    for subject in _SUBJECTS:
        if text.startswith(subject) and len(text) - len(subject) >= _MIN_REST:
            return text[len(subject):]
    return text


def bigrams(key: str) -> frozenset[str]:
    """The character bigrams of a key (the key itself when it has one character)."""
    if len(key) < 2:
        return frozenset((key,)) if key else frozenset()
    return frozenset(key[i:i + 2] for i in range(len(key) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets (0 when both are empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def adds_to(a: str, b: str) -> bool:
    """Is one key the other with characters added (the shorter a subsequence of the longer)?"""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    rest = iter(long)
    return all(ch in rest for ch in short)


def near(a: str, b: str, grams_a: frozenset[str] | None = None, grams_b: frozenset[str] | None = None) -> bool:
    """Are two keys the same indicator: equal, or one adds characters to the other and their
    bigrams overlap by at least :data:`NEAR` (bigram sets may be given when already made)?"""
    if a == b:
        return True
    grams_a = bigrams(a) if grams_a is None else grams_a
    grams_b = bigrams(b) if grams_b is None else grams_b
    return dice(grams_a, grams_b) >= NEAR and adds_to(a, b)


def same_meaning(a: str, b: str) -> bool:
    """Do two names (or keys) mean the same indicator?"""
    return near(meaning_key(a), meaning_key(b))


def merge_keys(keys: Iterable[str], weight: dict[str, float] | None = None) -> dict[str, str]:
    """Each key → the key of its group: keys are taken by weight (heaviest first, then by text)
    and each joins the first group whose leading key means the same (:func:`near`), else starts one."""
    weight = weight or {}
    order = sorted(set(keys), key=lambda k: (-weight.get(k, 0.0), k))
    leaders: list[tuple[str, frozenset[str]]] = []
    group: dict[str, str] = {}
    for key in order:
        grams = bigrams(key)
        for leader, leader_grams in leaders:
            if near(key, leader, grams, leader_grams):
                group[key] = leader
                break
        else:
            leaders.append((key, grams))
            group[key] = key
    return group
