"""The real-table corpus (tests/corpus/): every held file of every entry is read and compared
field by field with what was written by hand from the published source.

Two things may never get worse (tests/corpus/baseline.json, written by
``python scripts/fidelity.py --update-baseline``, which refuses to lower a figure):
- a file's share of fields read right;
- error-level findings that are not real defects of the published table (judgement.json
  records the real ones, with why): a new one fails, the known ones are listed in
  docs/fidelity.md as false findings left to fix.
"""

from __future__ import annotations

import json

import pytest
from corpus_fidelity import (
    CORPUS,
    load_entries,
    published_scores,
    score_file,
    score_judgement,
    unjudged_errors,
)

ENTRIES = load_entries()
BASELINE = json.loads((CORPUS / "baseline.json").read_text(encoding="utf-8")) \
    if (CORPUS / "baseline.json").exists() else {}
CASES = [(entry, path) for entry in ENTRIES for path in entry.held_files()]


def test_corpus_is_there():
    """The corpus has tables, each with a source and the files it says people hold."""
    assert ENTRIES, "tests/corpus/ has no entry with expected.json"
    for entry in ENTRIES:
        source = entry.meta.get("source") or {}
        assert source.get("url") and source.get("title"), f"{entry.id}: meta.json names no source"
        for path in entry.held_files():
            assert path.exists(), f"{entry.id}: {path.name} is listed in held_as but missing (tests/corpus/build.py)"


@pytest.mark.parametrize(("entry", "path"), CASES, ids=[f"{e.id}/{p.name}" for e, p in CASES])
def test_corpus_file(entry, path):
    """Accuracy never below the baseline; no error finding that is neither a judged real
    defect nor a known false finding of the baseline."""
    score = score_file(entry, path)
    key = f"{entry.id}/{path.name}"
    base = BASELINE.get(key, {})
    floor = base.get("accuracy", 0.0)
    assert score.accuracy >= floor - 1e-9, (
        f"{key}: {score.right}/{score.total} = {score.accuracy:.3f} below the baseline {floor:.3f}; "
        f"refused: {score.error}; first misses: {score.misses[:8]}")
    known = {tuple(f) for f in base.get("known_false", [])}
    new = [f for f in unjudged_errors(entry, score) if (f[0], f[1]) not in known]
    assert not new, f"{key}: error findings that are not real defects of the table: {new[:5]}"


def test_corpus_covers_what_it_must():
    """At least 40 real tables from 15 provinces and 5 budget years, every layout family,
    10 自评表 and 5 department-wide tables (issue: real tables as the test bed)."""
    families = [entry.meta.get("family") for entry in ENTRIES]
    assert len(ENTRIES) >= 40
    assert len({entry.meta.get("province") for entry in ENTRIES}) >= 15
    assert len({entry.meta.get("year") for entry in ENTRIES}) >= 5
    assert {"coded", "longform", "form", "department", "selfeval", "department_selfeval"} <= set(families)
    assert sum(f in ("selfeval", "department_selfeval") for f in families) >= 10
    assert sum(f in ("department", "department_selfeval") for f in families) >= 5
    encodings = [entry.meta.get("encoding") for entry in ENTRIES]
    assert encodings.count("gbk") >= len(ENTRIES) // 3  # GBK pages are common: a good share of them


SELFEVALS = [entry for entry in ENTRIES if "selfeval" in entry.meta.get("family", "")]


@pytest.mark.parametrize("entry", SELFEVALS, ids=[e.id for e in SELFEVALS])
def test_published_scores_are_confirmed_or_judged(entry):
    """Every published 得分 of a corpus 自评表 is confirmed by our recomputation (the same core as
    PG-E06 / PG-E08), or judged in judgement.json: the table's (``real``) or ours (``ours``, listed
    in docs/fidelity.md); a judgement of a 得分 that now agrees is stale and fails too."""
    _, rows = published_scores(entry)
    # (a table printing no 分值 has nothing to check a claim against: counted apart, not judged)
    unjudged = [f"{r.indicator}: 公开 {r.published:g}，按规则 {r.low:.2f}–{r.high:.2f}（{r.status}）"
                for r in rows if not r.agrees and r.why != "weight" and score_judgement(entry, r) is None]
    assert not unjudged, f"{entry.id}: published 得分 neither confirmed nor judged: {unjudged}"
    stale = [r.indicator for r in rows if r.agrees and score_judgement(entry, r) is not None]
    assert not stale, f"{entry.id}: judged 得分 that now agree (remove the judgement): {stale}"
    for j in entry.judgement:
        if j.get("score") is not None:
            assert j.get("verdict") in ("real", "ours") and j.get("why"), j
            assert any(score_judgement(entry, r) is j for r in rows), f"{entry.id}: no 得分 for {j['score']}"
    # a published 得分 the rules allow gets no error finding: PG-E06/E08 only where a row disagrees
    disagree = {r.indicator for r in rows if r.status in ("differs", "band")}
    for path in entry.held_files():
        score = score_file(entry, path)
        flagged = [m for c, _, m in score.findings if c in ("PG-E06", "PG-E08")]
        assert all(any(name in m for name in disagree) for m in flagged), (path.name, flagged)


def test_a_printed_budget_code_before_a_name_is_compared_with_the_code_kept_apart():
    """``820001-某镇人民政府`` as printed equals the name read without its code when the reader kept
    that code (FundUnit.code); a different code, or a different name, does not."""
    from corpus_fidelity import same_name

    assert same_name("820001-井研县马踏镇人民政府", ["井研县马踏镇人民政府"], "820001")
    assert same_name("井研县马踏镇人民政府", ["820001-井研县马踏镇人民政府"], None)
    assert not same_name("820001-井研县马踏镇人民政府", ["井研县马踏镇人民政府"], "820002")
    assert not same_name("820001-井研县马踏镇人民政府", ["井研县马踏镇人民政府"], None)
    assert not same_name("820001-井研县马踏镇人民政府", ["井研县人民政府"], "820001")
