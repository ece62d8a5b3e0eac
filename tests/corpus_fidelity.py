"""Field-by-field fidelity of the readers on the real-table corpus (tests/corpus/).

Each corpus entry holds the files people hold (``meta.json``'s ``held_as``) and the fields
written by hand from the published source (``expected.json``, format in
``tests/corpus/README.md``). :func:`score_file` reads one held file with the tool, lines the
read projects and indicators up with the expected ones (by name, then by position) and counts
the expected fields read right. Indicators or projects read that the source does not have (a
footer read as an indicator) count as wrong fields too, so misreading never scores well.

The comparison is deliberately forgiving only where the published text itself is: white
space and full/half-width forms, the ``指标`` suffix of a level, an annotation such as
``(50分)`` the expectation leaves out, a value written in parts (``≥`` ``50`` ``个``).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
_SPACE = re.compile(r"\s+")
_ANNOTATION = re.compile(r"[(（\[【][^()（）\[\]【】]{0,20}[)）\]】]$")
_OPS = {">=": "≥", "<=": "≤", "＞＝": "≥", "＜＝": "≤"}


@dataclass
class Entry:
    """One corpus table: its folder, meta.json and expected.json."""

    path: Path
    meta: dict[str, Any]
    expected: dict[str, Any]
    judgement: list[dict[str, Any]]

    @property
    def id(self) -> str:
        return self.path.name

    def held_files(self) -> list[Path]:
        return [self.path / name for name in self.meta.get("held_as", ["page.html"])]

    def read_files(self) -> list[Path]:
        """The held files the corpus records as read: a file recorded at accuracy 0 is refused by design
        (岳阳's 自评报告 cover page holds no table) and test_corpus holds it there."""
        return [p for p in self.held_files() if _baseline().get(f"{self.id}/{p.name}", {}).get("accuracy", 1.0) > 0]


@functools.lru_cache(maxsize=1)
def _baseline() -> dict[str, Any]:
    path = Path(__file__).parent / "corpus" / "baseline.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@dataclass
class FileScore:
    """How well one held file was read: fields right / fields counted, and what went wrong."""

    entry: str
    file: str
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    error: str | None = None  # the reader's refusal, when nothing was read
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # error-level (code, project, message)
    layout: str | None = None
    by_field: dict[str, list[int]] = field(default_factory=dict)  # field → [right, total]

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def count(self, ok: bool, what: str, key: str = "other") -> None:
        self.total += 1
        tally = self.by_field.setdefault(key, [0, 0])
        tally[1] += 1
        if ok:
            self.right += 1
            tally[0] += 1
        elif len(self.misses) < 200:
            self.misses.append(what)


def load_entries(root: Path = CORPUS) -> list[Entry]:
    """Every corpus entry with an expected.json, sorted by id."""
    entries = []
    for meta_path in sorted(root.glob("*/meta.json")):
        folder = meta_path.parent
        expected_path = folder / "expected.json"
        if not expected_path.exists():
            continue
        judgement_path = folder / "judgement.json"
        entries.append(Entry(
            folder,
            json.loads(meta_path.read_text(encoding="utf-8")),
            json.loads(expected_path.read_text(encoding="utf-8")),
            json.loads(judgement_path.read_text(encoding="utf-8")) if judgement_path.exists() else [],
        ))
    return entries


def norm(text: Any) -> str:
    """Text compared as a reader would see it: NFKC, no white space, no final 。."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = _SPACE.sub("", s)
    for a, b in _OPS.items():
        s = s.replace(a, b)
    return s.rstrip("。.")


def _level_norm(text: Any) -> str:
    s = norm(text)
    s = re.sub(r"^\d{1,3}[-－.、]", "", s)  # a code written before the name: 1-产出指标
    s = _ANNOTATION.sub("", s)
    return s.removesuffix("指标") or s


def same_level(expected: Any, read: Any) -> bool:
    """Level names equal up to a code prefix, an annotation and the 指标 suffix."""
    return _level_norm(expected) == _level_norm(read)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        return None


def same_number(expected: Any, read: Any, scale: Decimal = Decimal(1)) -> bool:
    """Numbers equal (expected scaled into the model's unit), blanks equal to blanks."""
    e, r = _decimal(expected), _decimal(read)
    if e is None or r is None:
        return e is None and r is None and norm(expected) == norm(read)
    return abs(e * scale - r) <= Decimal("0.000001") * max(Decimal(1), abs(e * scale))


def same_value(expected: Any, read: Any) -> bool:
    """Indicator values equal as text, or as parsed parts (operator, number, unit, text)."""
    raw = getattr(read, "raw", read)
    if norm(expected) == norm(raw):
        return True
    from perfgoals_xl.values import parse_value

    a, b = parse_value(norm(expected)), parse_value(norm(raw))
    keys = ("kind", "operator", "number", "unit", "text")
    return a.kind != "empty" and all(getattr(a, k) == getattr(b, k) for k in keys)


def _match(expected: list[dict[str, Any]], read: list[Any], name_of: Any) -> list[tuple[dict[str, Any], Any | None]]:
    """Pair each expected item with a read one: same name first, then in order."""
    unused = list(range(len(read)))
    pairs: dict[int, int] = {}
    for i, item in enumerate(expected):
        want = norm(item.get("name"))
        for j in unused:
            if want and norm(name_of(read[j])) == want:
                pairs[i] = j
                unused.remove(j)
                break
    for i in range(len(expected)):
        if i not in pairs and unused:
            pairs[i] = unused.pop(0)
    return [(item, read[pairs[i]] if i in pairs else None) for i, item in enumerate(expected)]


def _scale(expected: dict[str, Any], project: dict[str, Any], table: Any) -> Decimal:
    """Expected amounts are as printed: 元 become 万元 when the table is read in 万元."""
    unit = project.get("amount_unit") or expected.get("amount_unit") or "万元"
    read_unit = getattr(table, "unit", "万元") or "万元"
    factors = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
    if unit in factors and read_unit in factors:
        return factors[unit] / factors[read_unit]
    return Decimal(1)


_BUDGET = {"initial": "budget_initial", "adjusted": "budget_adjusted", "executed": "budget_executed"}
_INDICATOR = {"period_value": "period_value", "annual_value": "annual_value", "actual": "actual_value"}


def score_table(entry: Entry, table: Any, score: FileScore) -> None:
    """Compare a read table with the entry's expected fields, counting into score."""
    exp = entry.expected
    if "kind" in exp:
        score.count(getattr(table, "kind", "project") == exp["kind"], f"kind: {exp['kind']}", "kind")
    if exp.get("department"):
        score.count(same_name(exp["department"], [table.department], getattr(table, "department_code", None))
                    or _same_coded_department(exp["department"], table),
                    f"department: {exp['department']} ≠ {table.department}", "department")
    footer = getattr(table, "footer", None) or {}
    for key, value in (exp.get("footer") or {}).items():
        score.count(norm(footer.get(key)) == norm(value), f"footer {key}: {value}", "footer")
    units = {id(p): u for u in table.units for p in u.projects}
    projects = table.projects()
    if getattr(table, "plan", None) is not None:  # a department-wide table: its block is the one entry
        projects = [table.plan]
    for project, read in _match(exp.get("projects", []), projects, lambda p: p.name):
        label = project.get("name", "?")
        if read is None:
            fields = _count_fields(project)
            for _ in range(fields):
                score.count(False, f"project not read: {label}", "project")
            continue
        _score_project(entry, table, project, read, units.get(id(read)), score)
    for extra in projects[len(exp.get("projects", [])):]:
        score.count(False, f"project not in the source: {extra.name}", "extra row")


def _same_coded_department(expected: str, table: Any) -> bool:
    """A department printed with its code ((433)某社, [015001]某局) read as its name and its code apart."""
    from perfgoals_xl.sources.vocabulary import split_department

    name, code = split_department(expected)
    return code is not None and (norm(name), code) == (norm(table.department), getattr(table, "department_code", None))


def _split_code(text: str) -> str:
    return re.sub(r"^\[?\d{2,20}\]?[-－_\s]*", "", text or "")


#: (the separators split_code reads: 820001-某单位, 505_某局 as the 预算一体化 export prints it)
_CODE = re.compile(r"^\[?(\d{2,20})\]?[-－_\s]*")


def same_name(expected: Any, names: list[Any], code: Any = None) -> bool:
    """A unit's or department's name as printed (``820001-某某镇人民政府``) equals one read: the
    same text, or the read name without its budget code, or, when the reader kept the code apart
    (``FundUnit.code``), that code and the name without it."""
    want = norm(expected)
    read = {norm(n) for n in names if n} | {norm(_split_code(str(n))) for n in names if n}
    if want in read:
        return True
    m = _CODE.match(str(expected or ""))
    return bool(m and code and m.group(1) == str(code) and norm(_split_code(str(expected))) in read)


def _count_fields(project: dict[str, Any]) -> int:
    n = sum(1 for k in ("name", "unit", "goal", "actual_summary", "total_score") if k in project)
    n += len(project.get("amounts") or {}) + len(project.get("budget") or {})
    return n + sum(len([k for k in ind if k in _INDICATOR_KEYS]) for ind in project.get("indicators", []))


_INDICATOR_KEYS = ("level1", "level2", "name", "period_value", "annual_value", "weight", "actual", "score", "reason",
                   "level1_weight")


def _score_project(entry: Entry, table: Any, project: dict[str, Any], read: Any, unit: Any, score: FileScore) -> None:
    label = project.get("name", "?")
    scale = _scale(entry.expected, project, table)
    if "name" in project:
        score.count(norm(project["name"]) == norm(read.name), f"{label}: name ≠ {read.name}", "project name")
    if "unit" in project:
        implementer = getattr(read, "implementer", None)
        score.count(same_name(project["unit"], [getattr(unit, "name", ""), implementer], getattr(unit, "code", None)),
                    f"{label}: unit {project['unit']}", "unit")
    for key, value in (project.get("amounts") or {}).items():
        score.count(same_number(value, read.amounts.get(key), scale), f"{label}: {key} {value} ≠ {read.amounts.get(key)}", "amounts")
    if "goal" in project:
        score.count(norm(project["goal"]) == norm(read.goal), f"{label}: goal", "goal")
    if "actual_summary" in project:
        score.count(norm(project["actual_summary"]) == norm(read.actual_summary), f"{label}: actual_summary", "actual_summary")
    for key, value in (project.get("budget") or {}).items():
        got = getattr(read, _BUDGET[key], None) if key in _BUDGET else _extra_number(read, key)
        scale_here = scale if key in _BUDGET else Decimal(1)
        score.count(same_number(value, got, scale_here), f"{label}: budget {key} {value} ≠ {got}", "budget")
    if "total_score" in project:
        got = getattr(read, "total_score", None)
        score.count(same_number(project["total_score"], got), f"{label}: total_score {project['total_score']} ≠ {got}", "total_score")
    indicators = read.indicators
    expected = project.get("indicators", [])
    for ind, got in _match(expected, indicators, lambda i: i.name):
        _score_indicator(label, ind, got, score)
    for extra in indicators[len(expected):]:
        score.count(False, f"{label}: indicator not in the source: {extra.level1}/{extra.level2}/{extra.name}", "extra row")


def _extra_number(read: Any, key: str) -> Any:
    budget = getattr(read, "budget_block", None) or {}
    return budget.get(key) if isinstance(budget, dict) else getattr(budget, key, None)


def _score_indicator(label: str, ind: dict[str, Any], got: Any, score: FileScore) -> None:
    name = ind.get("name", "?")
    for key in _INDICATOR_KEYS:
        if key not in ind:
            continue
        want = ind[key]
        where = f"{label} / {name}: {key} {want!r}"
        if got is None:
            score.count(False, where + " (indicator not read)", key)
            continue
        if key in ("level1", "level2"):
            ok = same_level(want, getattr(got, key))
        elif key == "name":
            ok = norm(want) == norm(got.name)
        elif key in _INDICATOR:
            value = getattr(got, _INDICATOR[key])
            ok = same_value(want, value) if value is not None else want in (None, "")
        elif key == "reason":
            ok = norm(want) == norm(got.deviation_reason)
        elif key == "level1_weight":
            ok = same_number(want, getattr(got, "level1_weight", None))
        else:
            ok = same_number(want, getattr(got, key))
        score.count(ok, where + ("" if ok else f" ≠ {_shown(got, key)}"), key)


def _shown(got: Any, key: str) -> str:
    attr = {"actual": "actual_value", "reason": "deviation_reason"}.get(key, key)
    value = getattr(got, attr, None)
    return repr(getattr(value, "raw", value))


def score_file(entry: Entry, path: Path) -> FileScore:
    """Read one held file with the tool and score it; a refusal scores 0 of the expected fields."""
    from perfgoals_xl import check_table, read_table
    from perfgoals_xl.errors import InputError

    score = FileScore(entry.id, path.name)
    try:
        table = read_table(path)
    except InputError as exc:
        from perfgoals_xl.model import PerfTable

        score.error = str(exc)
        score_table(entry, PerfTable(department="", title=""), score)  # every expected field counted…
        score.right = 0  # …and missed, the kind too
        for tally in score.by_field.values():
            tally[0] = 0
        return score
    score.layout = table.layout
    score_table(entry, table, score)
    for issue in check_table(table):
        if issue.severity == "error":
            score.findings.append((issue.code, issue.location.project or "", issue.message))
    return score


#: Verdicts of judgement.json that account for an error finding: a real defect of the table as
#: published, or true only of the held copy because the stored copy was cut (a table ending
#: before its 效益 rows has, as held, no 效益指标 — the tool read it right).
ACCOUNTED = ("real", "cut")


def judged(entry: Entry, finding: tuple[str, str, str], verdicts: tuple[str, ...] = ACCOUNTED) -> bool:
    """Does judgement.json give this (code, project) finding one of these verdicts? A judgement listing
    ``names`` covers only findings whose message names one of them (the indicators it is about)."""
    for j in entry.judgement:
        if j.get("verdict") not in verdicts or j.get("code") != finding[0]:
            continue
        if norm(j.get("project")) not in ("", norm(finding[1])):
            continue
        names = j.get("names")
        if not names or any(f"“{n}”" in finding[2] for n in names):
            return True
    return False


def unjudged_errors(entry: Entry, score: FileScore) -> list[tuple[str, str, str]]:
    """Error findings that judgement.json does not account for: false findings (misreading)."""
    return [f for f in score.findings if not judged(entry, f)]


# --------------------------------------------------------------- published 得分 against the rules

@dataclass
class ClaimRow:
    """One published 得分 of a corpus 自评表 against our recomputation (scoring.claims.check_claim)."""

    entry: str
    project: str
    indicator: str
    target: str
    actual: str
    weight: float | None
    published: float
    low: float
    high: float
    status: str  # agrees / differs / band / not_comparable
    why: str = ""  # scoring.claims.NOT_COMPARABLE key, or the scoring note

    @property
    def agrees(self) -> bool:
        return self.status == "agrees"


def published_scores(entry: Entry) -> tuple[str | None, list[ClaimRow]]:
    """Every indicator with a published 得分 in the entry's first held file that reads (its name and
    the rows); a department's block is scored by the same core. (None, []) when nothing reads."""
    from perfgoals_xl import read_table
    from perfgoals_xl.errors import InputError
    from perfgoals_xl.scoring import score_table
    from perfgoals_xl.scoring.claims import check_claim, shared_scores

    for path in entry.held_files():
        try:
            table = read_table(path)
        except InputError:
            continue
        rows = []
        for ps in score_table(table):
            shared = shared_scores(ps.indicators)  # one 得分 merged over a group: the group's claim
            for s in ps.indicators:
                check = check_claim(s, group=shared.get(id(s), ()))
                if check is None:
                    continue
                ind = s.indicator
                rows.append(ClaimRow(entry.id, ps.project.name, ind.name, ind.annual_value.raw,
                                     ind.actual_value.raw if ind.actual_value is not None else "", ind.weight,
                                     float(ind.score or 0.0), check.low, check.high, check.status,
                                     check.why or s.result.note))
        return path.name, rows
    return None, []


def score_judgement(entry: Entry, row: ClaimRow) -> dict[str, Any] | None:
    """judgement.json's word on one published 得分 (an entry with ``score``: the indicator's name)."""
    for j in entry.judgement:
        if j.get("score") is not None and norm(j["score"]) == norm(row.indicator) and (
                not j.get("project") or norm(j["project"]) == norm(row.project)):
            return j
    return None
